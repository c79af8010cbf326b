"""Tests of goalkit.interop.text: trees, progress bars, annotations."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from goalkit import (
    KPI,
    CheckIn,
    KeyResult,
    Link,
    Objective,
    Period,
    Plan,
    Target,
    Theme,
    ValidationError,
)
from goalkit import strategies as gs
from goalkit.evaluation import evaluate
from goalkit.examples import EXAMPLE_DAY, example_plan
from goalkit.interop.text import describe, progress_bar, render_tree, tree_rows
from goalkit.scoring import ConfidenceStatus, ScoringRules

Q3 = Period.quarter(2026, 3)


class TestProgressBar:
    @pytest.mark.parametrize(
        ("progress", "bar"),
        [
            (None, "[··········]   --"),
            (0, "[░░░░░░░░░░]   0%"),
            (Fraction(1, 2), "[█████░░░░░]  50%"),
            (1.0, "[██████████] 100%"),
            (-0.2, "[░░░░░░░░░░] -20%"),
            (1.5, "[██████████] 150%"),
        ],
    )
    def test_table(self, progress: Fraction | float | None, bar: str) -> None:
        """Bars are clipped to 0-1; the percentage is not."""
        assert bar == progress_bar(progress)

    @pytest.mark.parametrize(
        ("progress", "bar"),
        [
            (Fraction(10**400), "[██████████] 1.000e+402%"),
            (Decimal("1E+999"), "[██████████] 1.000e+1001%"),
            (-(10**999), "[░░░░░░░░░░] -1.000e+1001%"),
            (Fraction(1, 10**400), "[░░░░░░░░░░]   0%"),
            (Decimal("0.525"), "[█████░░░░░]  52%"),
            (1e300, "[██████████] 1.000e+302%"),
        ],
    )
    def test_exact_values_beyond_floats(self, progress: Fraction | Decimal | int, bar: str) -> None:
        """Exact progress is drawn exactly: none is too large or too small (no OverflowError)."""
        assert bar == progress_bar(progress)

    @pytest.mark.parametrize(
        ("progress", "width", "paths"),
        [
            (0.5, None, ["width"]),
            (0.5, -1, ["width"]),
            (0.5, 1.5, ["width"]),
            (0.5, True, ["width"]),
            (0.5, "10", ["width"]),
            (0.5, 10**12, ["width"]),
            ("0.5", 10, ["progress"]),
            (True, 10, ["progress"]),
            (float("nan"), 10, ["progress"]),
            (float("inf"), 10, ["progress"]),
            (Decimal("NaN"), 10, ["progress"]),
            (Decimal("1E+5000"), 10, ["progress"]),
            (Fraction(1, 10**1001), 10, ["progress"]),
            ("x", None, ["progress", "width"]),
        ],
    )
    def test_bad_arguments(self, progress: object, width: object, paths: list[str]) -> None:
        """Anything but a goalkit number (or None) and a width of 0-1,000: one error, all paths."""
        with pytest.raises(ValidationError) as caught:
            progress_bar(progress, width=width)  # type: ignore[arg-type]
        assert paths == [problem.path for problem in caught.value.problems]

    @given(
        st.one_of(
            st.fractions(max_denominator=10**6),
            st.integers(-(10**6), 10**6),
            st.floats(-1e6, 1e6),
            st.decimals(-(10**6), 10**6, places=4),
        ),
        st.integers(0, 40),
    )
    def test_bar_law(self, progress: Fraction | int | float | Decimal, width: int) -> None:
        """Law: the bar has ``width`` cells, filled in proportion to progress clipped to 0-1."""
        bar = progress_bar(progress, width=width)
        cells = bar[1 : 1 + width]
        share = min(max(progress if isinstance(progress, float) else Fraction(progress), 0), 1)
        assert (f"[{cells}] ", round(share * width)) == (bar[: width + 3], cells.count("█"))
        assert width == cells.count("█") + cells.count("░")


class TestTree:
    def test_annotate_still_works(self) -> None:
        """The annotate hook adds its text after each goal's line."""
        tree = render_tree(example_plan(), annotate=lambda goal: goal.id)
        assert "· kr-ana-visits" in tree

    def test_evaluation_adds_bars(self) -> None:
        """Given an evaluation mid-cycle, scored lines carry a bar and the status, no grade."""
        tree = render_tree(evaluate(example_plan(), at=EXAMPLE_DAY))
        line = next(x for x in tree.splitlines() if "Visit 100" in x)
        assert line.endswith("[█████░░░░░]  52% · on track")

    def test_multi_parent_goal_is_shown_once(self) -> None:
        """A goal aligned to two parents is drawn in full once, then referred to."""
        objectives = [
            Objective(id=f"o{n}", title=f"O{n}", owner="x", level="team", period=Q3)
            for n in range(3)
        ]
        plan = Plan(
            objectives=objectives,
            links=[Link(child="o2", parent="o0"), Link(child="o2", parent="o1")],
        )
        rows = tree_rows(plan)
        assert [("o0", False), ("o2", False), ("o1", False), ("o2", True)] == [
            (r.goal.id, r.repeated) for r in rows
        ]
        assert render_tree(plan).endswith("(shown above)")

    def test_deep_chain_renders(self) -> None:
        """A chain of 3,000 aligned objectives renders without recursion limits."""
        objectives = [
            Objective(id=f"o{n}", title=f"O{n}", owner="x", level="team", period=Q3)
            for n in range(3000)
        ]
        links = [Link(child=f"o{n}", parent=f"o{n - 1}") for n in range(1, 3000)]
        rows = tree_rows(Plan(objectives=objectives, links=links))
        assert 2999 == rows[-1].depth

    @settings(max_examples=40, deadline=None)
    @given(gs.plans())
    def test_every_goal_is_drawn_in_full_once(self, plan: Plan) -> None:
        """Law: each goal appears exactly once un-repeated in the tree."""
        shown = [row.goal.id for row in tree_rows(plan) if not row.repeated]
        assert sorted(goal.id for goal in plan) == sorted(shown)


def _chain(depth: int) -> Plan:
    q3 = Period.quarter(2026, 3)
    objectives = [
        Objective(id=f"o{i}", title=f"Goal {i}", owner="x", level="team", period=q3)
        for i in range(depth)
    ]
    links = [Link(child=f"o{i}", parent=f"o{i - 1}") for i in range(1, depth)]
    return Plan(objectives=objectives, links=links)


class TestDeepTrees:
    def test_deep_chain_is_cut_with_a_count(self) -> None:
        """Below max_depth one line says how many goals were left out."""
        lines = render_tree(_chain(10), max_depth=3).splitlines()
        assert 1 + 4 + 1 == len(lines)
        assert lines[-1].endswith("└── … 6 more goals below (max_depth=3)")

    def test_everything_when_asked(self) -> None:
        """max_depth=None draws every level."""
        assert 1 + 10 == len(render_tree(_chain(10), max_depth=None).splitlines())

    def test_very_deep_chain_stays_small(self) -> None:
        """A 20,000-deep chain draws in size proportional to the cut, not depth squared."""
        text = render_tree(_chain(20_000))
        assert 1 + 65 + 1 == len(text.splitlines())
        assert len(text) < 400_000

    def test_rows_share_their_trails(self) -> None:
        """tree_rows keeps memory linear: the prefix is built only when asked for."""
        rows = tree_rows(_chain(5_000))
        assert (4 * 4_999, "") == (len(rows[-1].prefix), rows[0].prefix)

    @pytest.mark.parametrize("bad", [-1, 1.5, True, "3"])
    def test_bad_max_depth(self, bad: object) -> None:
        """A max_depth that is not a whole number >= 0 names the field."""
        with pytest.raises(ValidationError) as caught:
            render_tree(_chain(2), max_depth=bad)  # type: ignore[arg-type]
        assert "max_depth" == caught.value.path


def _line(tree: str, needle: str) -> str:
    return next(line for line in tree.splitlines() if needle in line)


def _metric(goal_id: str, *values: int) -> KeyResult:
    return KeyResult.metric(
        id=goal_id,
        title=goal_id.upper(),
        target=Target.increase(from_=0, to=100),
        history=[CheckIn(day=date(2026, 8, 1), value=value) for value in values],
    )


class TestStatusAndGrade:
    """Colour and words follow the status during the cycle; the grade comes at the end."""

    def test_binary_not_yet_due_is_not_called_red(self) -> None:
        """Regression: '0% · red · on track' for a binary key result not yet due."""
        tree = render_tree(evaluate(example_plan(), at=EXAMPLE_DAY))
        line = _line(tree, "Launch the help-centre chatbot")
        assert line.endswith("[░░░░░░░░░░]   0% · on track")

    def test_behind_pace_but_on_track_is_not_called_red(self) -> None:
        """Regression: '25% · red · on track' when 50% was expected (a confidence rule)."""
        kr = KeyResult.metric(
            id="kr",
            title="KR",
            target=Target.increase(from_=0, to=100),
            history=[CheckIn(day=date(2026, 8, 14), value=25, confidence=0.9)],
        )
        plan = Plan(
            objectives=[
                Objective(id="o", title="O", owner="x", level="team", period=Q3, key_results=[kr])
            ]
        )
        rules = ScoringRules(status=ConfidenceStatus())
        evaluation = evaluate(plan, at=date(2026, 8, 15), rules=rules)
        assert _line(render_tree(evaluation), "[KR]").endswith("[██░░░░░░░░]  25% · on track")

    def test_missing_key_result_is_named_not_called_no_data(self) -> None:
        """Regression: '47% · amber · no data' for an objective with a key result without data."""
        objective = Objective(
            id="o",
            title="O",
            owner="x",
            level="team",
            period=Q3,
            key_results=[_metric("kr1", 50), _metric("kr2", 44), _metric("kr3")],
        )
        tree = render_tree(evaluate(Plan(objectives=[objective]), at=date(2026, 8, 15)))
        expected = "[█████░░░░░]  47% so far · 1 of 3 key results without data"
        assert _line(tree, "[objective]").endswith(expected)
        assert _line(tree, "KR3").endswith("[··········]   -- · no data")

    def test_grade_is_shown_from_the_period_end(self) -> None:
        """On the period's last day and after, the final grade is shown and labelled."""
        plan = example_plan()
        last_day = render_tree(evaluate(plan, at=Q3.end))
        assert _line(last_day, "Visit 100").endswith("[█████░░░░░]  52% · grade amber · off track")
        after = render_tree(evaluate(plan, at=date(2026, 10, 1)))
        assert _line(after, "Visit 100").endswith("[█████░░░░░]  52% · grade amber · closed")
        before = render_tree(evaluate(plan, at=date(2026, 9, 29)))
        assert "grade" not in before

    def test_kpis_show_their_value(self) -> None:
        """Regression: a KPI with measurements showed '--' beside 'on track'."""
        tree = render_tree(evaluate(example_plan(), at=EXAMPLE_DAY))
        assert _line(tree, "Order processing time").endswith("· value 2.3 days · on track")
        assert _line(tree, "Monthly recurring revenue").endswith("· value 1,452,000 EUR · at risk")

    def test_kpi_without_measurements(self) -> None:
        """A KPI with no value yet says so, in grey (no data)."""
        kpi = KPI(id="k", title="Signups", owner="x", level="team", unit="signups")
        tree = render_tree(evaluate(Plan(kpis=[kpi]), at=EXAMPLE_DAY))
        assert tree.endswith("[KPI] Signups · x · higher is better · monthly · no value · no data")

    def test_unknown_progress_is_grey_unless_kpis_say(self) -> None:
        """No progress: 'no data', unless KPIs linked below carry a status up (then it says so)."""
        kpi = KPI(
            id="k",
            title="K",
            owner="x",
            level="team",
            unit="u",
            target=10,
            history=[CheckIn(day=date(2026, 8, 10), value=3)],
        )
        plan = Plan(
            themes=[Theme(id="t", title="T"), Theme(id="empty", title="E")],
            kpis=[kpi],
            links=[Link(child="k", parent="t")],
        )
        tree = render_tree(evaluate(plan, at=date(2026, 8, 15)))
        assert _line(tree, "[theme] T").endswith("-- · off track · status from linked KPIs")
        assert _line(tree, "[theme] E").endswith("-- · no data")

    def test_check_ins_added_to_the_evaluation_are_shown(self) -> None:
        """The tree of an evaluation describes goals as evaluated (with added check-ins)."""
        evaluation = evaluate(example_plan(), at=EXAMPLE_DAY).with_check_in(
            "kr-ana-visits", CheckIn(day=EXAMPLE_DAY, value=75)
        )
        line = _line(render_tree(evaluation), "Visit 100")
        assert line.endswith("latest 75 on 2026-08-15 · [████████░░]  75% · on track")


class TestArguments:
    @pytest.mark.parametrize(
        ("arguments", "path"),
        [
            ({"bar_width": None}, "bar_width"),
            ({"bar_width": -1}, "bar_width"),
            ({"bar_width": 10**9}, "bar_width"),
            ({"annotate": "x"}, "annotate"),
            ({"max_depth": "3"}, "max_depth"),
        ],
    )
    def test_bad_arguments(self, arguments: dict[str, object], path: str) -> None:
        """Each bad argument is a ValidationError naming it."""
        with pytest.raises(ValidationError) as caught:
            render_tree(example_plan(), **arguments)  # type: ignore[arg-type]
        assert path == caught.value.path

    def test_not_a_plan(self) -> None:
        """Something that is neither a plan nor an evaluation is refused by name."""
        with pytest.raises(ValidationError) as caught:
            render_tree("plan")  # type: ignore[arg-type]
        assert "plan" == caught.value.path

    def test_annotate_must_return_text(self) -> None:
        """An annotate hook returning something other than a string is named."""
        with pytest.raises(ValidationError, match="'annotate' must return a string"):
            render_tree(example_plan(), annotate=lambda goal: 3)  # type: ignore[arg-type,return-value]


class TestHostileContent:
    """Valid plans with extreme content draw, and only goalkit errors could escape."""

    def test_lone_surrogate_and_long_title(self) -> None:
        """Text output is a str: a lone surrogate stays as it is (escaping is the CLI's job)."""
        title = "bad \udc80 " + "x" * 100_000
        plan = Plan(objectives=[Objective(id="o", title=title, owner="x", level="team", period=Q3)])
        assert title in render_tree(evaluate(plan, at=EXAMPLE_DAY))

    @pytest.mark.parametrize(
        "value",
        [10**999 - 1, Decimal("1E+999"), Fraction(10**999 - 1, 7), Fraction(1, 10**999), 1e300],
        ids=["int", "decimal", "fraction", "tiny", "float"],
    )
    def test_huge_values_are_described(self, value: int | Decimal | Fraction | float) -> None:
        """Admitted numbers far beyond a float are described without OverflowError."""
        kr = KeyResult.metric(
            id="kr",
            title="KR",
            target=Target.increase(from_=0, to=value) if value > 1 else Target.at_least(value),
        )
        text = describe(kr)
        assert text.startswith("[KR] KR · ")
        kpi = KPI(
            id="k",
            title="K",
            owner="x",
            level="team",
            unit="u",
            aggregation="mean",
            history=[CheckIn(day=date(2026, 8, d), value=value) for d in (1, 2, 4)],
        )
        plan = Plan(kpis=[kpi])
        assert "· value " in render_tree(evaluate(plan, at=date(2026, 8, 4)))

    def test_fraction_values_are_shown_to_four_digits(self) -> None:
        """A derived fractional value reads as four significant digits, huge or not."""
        kr = KeyResult.metric(
            id="kr", title="KR", target=Target.increase(from_=Fraction(10**400, 3), to=10**401)
        )
        assert "3.333e+399 -> " in describe(kr)


class TestLinearDrawing:
    """Each line's indent is built from its parent's: time in proportion to the text drawn."""

    def test_indents_match_the_rows(self) -> None:
        """The incremental indents equal each row's prefix, also across cuts."""
        plan = _chain(300)
        for max_depth in (None, 0, 7, 299):
            lines = render_tree(plan, max_depth=max_depth).splitlines()[1:]
            rows = [r for r in tree_rows(plan) if max_depth is None or r.depth <= max_depth]
            # zip stops before the last line of a cut tree, which says what was left out
            indents = [line[: 4 * r.depth] for line, r in zip(lines, rows, strict=False)]
            assert [r.prefix for r in rows] == indents

    @settings(max_examples=40, deadline=None)
    @given(gs.plans())
    def test_every_line_is_indented_as_its_row(self, plan: Plan) -> None:
        """Law: line k of the tree starts with row k's prefix and branch."""
        rows = tree_rows(plan)
        lines = render_tree(plan, max_depth=None).split("\n")
        assume(len(lines) == 1 + len(rows))  # no line breaks inside names and titles
        branches = [r.prefix + ("└── " if r.last else "├── ") for r in rows]
        assert all(line.startswith(b) for line, b in zip(lines[1:], branches, strict=True))

    def test_full_deep_chain(self) -> None:
        """A 3,000-deep chain drawn in full: every level, indented once per level."""
        lines = render_tree(_chain(3_000), max_depth=None).splitlines()
        assert (3_001, 4 * 2_999) == (len(lines), lines[-1].index("└── "))
