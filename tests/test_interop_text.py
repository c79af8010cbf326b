"""Tests of goalkit.interop.text: trees, progress bars, annotations."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given, settings

from goalkit import Link, Objective, Period, Plan, ValidationError
from goalkit import strategies as gs
from goalkit.evaluation import evaluate
from goalkit.examples import EXAMPLE_DAY, example_plan
from goalkit.interop.text import progress_bar, render_tree, tree_rows

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


class TestTree:
    def test_annotate_still_works(self) -> None:
        """The annotate hook adds its text after each goal's line."""
        tree = render_tree(example_plan(), annotate=lambda goal: goal.id)
        assert "· kr-ana-visits" in tree

    def test_evaluation_adds_bars(self) -> None:
        """Given an evaluation, scored lines carry a bar, grade and status."""
        tree = render_tree(evaluate(example_plan(), at=EXAMPLE_DAY))
        line = next(x for x in tree.splitlines() if "Visit 100" in x)
        assert line.endswith("[█████░░░░░]  52% · amber · on track")

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
