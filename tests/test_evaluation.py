"""Tests of goalkit.evaluation: whole-plan scoring, roll-up and incremental re-evaluation."""

from __future__ import annotations

import math
import random
from datetime import date, datetime, timedelta
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from goalkit import (
    CheckIn,
    Initiative,
    KeyResult,
    Link,
    LinkKind,
    Objective,
    Period,
    Plan,
    Target,
    Theme,
    ValidationError,
)
from goalkit import strategies as gs
from goalkit.alignment import GoalGraph
from goalkit.evaluation import DEFAULT_ROLL_UP, Evaluation, NodeScore, RollUp, Source, evaluate
from goalkit.examples import EXAMPLE_DAY, example_plan
from goalkit.interop.text import render_tree
from goalkit.measures import Binary, Checklist
from goalkit.scoring import (
    DEFAULT_RULES,
    Majority,
    Mean,
    ProgressPolicy,
    ScoringRules,
    Status,
    aggregate_progress,
    combine_statuses,
    grade_of,
    score_key_result,
)

Q3 = Period.quarter(2026, 3)
DAY = date(2026, 8, 15)


def _kr(kr_id: str, *values: object, weight: int = 1) -> KeyResult:
    days = [date(2026, 7, 1) + timedelta(days=14 * n) for n in range(len(values))]
    return KeyResult.metric(
        id=kr_id,
        title=kr_id,
        target=Target.increase(from_=0, to=100),
        weight=weight,
        history=[CheckIn(day=d, value=v) for d, v in zip(days, values, strict=True)],  # type: ignore[arg-type]
    )


def _objective(goal_id: str, level: str, *krs: KeyResult) -> Objective:
    return Objective(
        id=goal_id, title=goal_id, owner=goal_id, level=level, period=Q3, key_results=krs
    )


def small_plan() -> Plan:
    """A company objective; a department objective contributing to its first KR and to it."""
    return Plan(
        themes=[Theme(id="mission", title="Mission")],
        objectives=[
            _objective("o-top", "company", _kr("kr-a", 40, weight=3), _kr("kr-b")),
            _objective("o-dept", "department", _kr("kr-c", 20, 80), _kr("kr-d", 60)),
            _objective("o-side", "department", _kr("kr-e", 10)),
        ],
        links=[
            Link(child="o-dept", parent="kr-b", weight=2),
            Link(child="o-side", parent="kr-b"),
            Link(child="o-side", parent="o-top"),
            Link(child="o-top", parent="mission"),
            Link(child="o-dept", parent="o-top", kind=LinkKind.SUPPORTS),
        ],
    )


class TestProgress:
    def test_key_results_score_their_latest_check_in(self) -> None:
        """Own progress is the rules' progress of the latest value as of the day."""
        evaluation = evaluate(small_plan(), at=DAY)
        assert Fraction(4, 5) == evaluation.progress("kr-c")
        assert Fraction(2, 5) == evaluation.progress("kr-a")

    def test_key_result_without_data_takes_its_children(self) -> None:
        """kr-b has no check-in: it is the weighted mean of its contributing children."""
        evaluation = evaluate(small_plan(), at=DAY)
        dept = (Fraction(4, 5) + Fraction(3, 5)) / 2
        side = Fraction(1, 10)
        assert (2 * dept + 1 * side) / 3 == evaluation.progress("kr-b")

    @pytest.mark.parametrize(
        ("objectives", "share", "expected"),
        [
            # own KRs: (3 * 2/5 + 1 * kr-b) / 4 ; children: o-side = 1/10
            (Source.OWN, Fraction(1, 2), "own"),
            (Source.CHILDREN, Fraction(1, 2), "none"),
            (Source.BOTH, Fraction(1, 2), "half"),
            (Source.BOTH, Fraction(1, 4), "quarter"),
            (Source.OWN_THEN_CHILDREN, Fraction(1, 2), "own"),
        ],
    )
    def test_objective_sources(self, objectives: Source, share: Fraction, expected: str) -> None:
        """An objective takes its own KRs, its contributing children, or a blend."""
        evaluation = evaluate(
            small_plan(), at=DAY, roll_up=RollUp(objectives=objectives, objective_share=share)
        )
        kr_b = evaluation.progress("kr-b") or 0
        own = (3 * Fraction(2, 5) + kr_b) / 4
        children = Fraction(1, 10)
        table = {
            "own": own,
            "children": children,
            "half": own / 2 + children / 2,
            "quarter": own * 3 / 4 + children / 4,
            # children only, all the way down: the department objectives have no
            # children, so nothing reaches the top
            "none": None,
        }
        assert table[expected] == evaluation.progress("o-top")

    @pytest.mark.parametrize(
        ("key_results", "expected"),
        [
            (Source.OWN, None),
            (Source.CHILDREN, None),  # its children's KRs have no children either
            (Source.BOTH, "children"),
            (Source.OWN_THEN_CHILDREN, "children"),
        ],
    )
    def test_key_result_sources(self, key_results: Source, expected: str | None) -> None:
        """A KR without check-ins has no data unless it may take its children's."""
        roll_up = RollUp(key_results=key_results)
        evaluation = evaluate(small_plan(), at=DAY, roll_up=roll_up)
        children = evaluate(small_plan(), at=DAY).progress("kr-b")
        assert (None if expected is None else children) == evaluation.progress("kr-b")

    def test_key_result_both_blends_own_and_children(self) -> None:
        """With ``both``, a KR with data and children blends the two by the share."""
        plan = small_plan().with_check_in("kr-b", CheckIn(day=DAY, value=50))
        children = evaluate(small_plan(), at=DAY).progress("kr-b")
        assert children is not None
        roll_up = RollUp(key_results="both", key_result_share=Fraction(1, 5))
        expected = Fraction(4, 5) * Fraction(1, 2) + Fraction(1, 5) * children
        assert expected == evaluate(plan, at=DAY, roll_up=roll_up).progress("kr-b")

    def test_themes_roll_up_contributing_children(self) -> None:
        """A theme's progress is its contributing children's; supports links carry nothing."""
        evaluation = evaluate(small_plan(), at=DAY)
        assert evaluation.progress("o-top") == evaluation.progress("mission")

    def test_earlier_day_uses_history_as_of_that_day(self) -> None:
        """Check-ins after the day do not count."""
        plan = small_plan()
        assert Fraction(1, 5) == evaluate(plan, at=date(2026, 7, 10)).progress("kr-c")
        assert evaluate(plan, at=date(2026, 6, 30)).progress("kr-c") is None

    def test_exact_in_exact_out_and_float_in_float_out(self) -> None:
        """Exact check-ins give Fractions; a float check-in gives floats up the chain."""
        exact_plan = small_plan()
        assert isinstance(evaluate(exact_plan, at=DAY).progress("o-top"), Fraction)
        float_plan = exact_plan.with_check_in("kr-e", CheckIn(day=DAY, value=12.5))
        assert isinstance(evaluate(float_plan, at=DAY).progress("o-top"), float)

    def test_decimal_values(self) -> None:
        """Decimal check-ins are scored exactly."""
        plan = Plan(objectives=[_objective("o", "company", _kr("kr", Decimal("12.5")))])
        assert Fraction(1, 8) == evaluate(plan, at=DAY).progress("o")

    def test_custom_aggregator_is_used(self) -> None:
        """A non-default aggregator goes through the scoring package."""
        rules = attrs.evolve(DEFAULT_RULES, aggregator=Mean())
        evaluation = evaluate(small_plan(), at=DAY, rules=rules, roll_up=RollUp(objectives="own"))
        assert Fraction(1, 2) * (Fraction(4, 5) + Fraction(3, 5)) == evaluation.progress("o-dept")

    def test_zero_weight_children_count_as_no_data(self) -> None:
        """Children with data but weight 0 give no progress, and so no green status.

        The weighted child has no data; the status rule (majority) would say on
        track from the two weightless ones, but unknown is never green.
        """
        plan = Plan(
            objectives=[
                _objective("o-top", "company", _kr("kr-top")),
                _objective("o-a", "department", _kr("kr-a", 50)),
                _objective("o-b", "department", _kr("kr-b", 50)),
                _objective("o-new", "department", _kr("kr-new")),
            ],
            links=[
                Link(child="o-a", parent="kr-top", weight=0),
                Link(child="o-b", parent="kr-top", weight=0),
                Link(child="o-new", parent="kr-top"),
            ],
        )
        evaluation = evaluate(plan, at=DAY, rules=ScoringRules(roll_up=Majority()))
        assert (Status.ON_TRACK, None, Status.NO_DATA) == (
            evaluation.status("o-a"),
            evaluation.progress("kr-top"),
            evaluation.status("kr-top"),
        )

    def test_over_achievement_is_capped_in_roll_ups(self) -> None:
        """With an uncapped progress rule, the default mean still caps each part at 1."""
        rules = attrs.evolve(DEFAULT_RULES, progress=ProgressPolicy.over_achievement())
        plan = Plan(objectives=[_objective("o", "company", _kr("k1", 150), _kr("k2", 50))])
        evaluation = evaluate(plan, at=DAY, rules=rules)
        assert (Fraction(3, 2), Fraction(3, 4)) == (
            evaluation.progress("k1"),
            evaluation.progress("o"),
        )

    @settings(max_examples=60, deadline=None)
    @given(gs.plans(max_objectives=5, max_links=6), gs.days())
    def test_own_progress_matches_the_scoring_package(self, plan: Plan, day: date) -> None:
        """Law: with own sources, every KR's progress is exactly rules.progress of it."""
        roll_up = RollUp(key_results="own", objectives="own")
        evaluation = evaluate(plan, at=day, roll_up=roll_up)
        for kr in plan.key_results:
            assert DEFAULT_RULES.progress.of_key_result(kr, day) == evaluation.progress(kr.id)


class TestStatusesAndScores:
    def test_objective_status_combines_its_parts(self) -> None:
        """An objective's status is combine_statuses over the parts its progress used."""
        evaluation = evaluate(small_plan(), at=DAY)
        parts = [evaluation.status(k) for k in ("kr-c", "kr-d")]
        assert combine_statuses(parts) == evaluation.status("o-dept")

    def test_key_result_score_matches_score_key_result(self) -> None:
        """A KR using its own data reports what score_key_result says."""
        plan = small_plan()
        score = score_key_result(plan["kr-c"], Q3, DAY)  # type: ignore[arg-type]
        node = evaluate(plan, at=DAY)["kr-c"]
        assert (score.progress, score.status, score.forecast, score.value) == (
            node.progress,
            node.status,
            node.forecast,
            node.value,
        )
        assert score.pace == node.pace

    def test_node_score_of_an_objective(self) -> None:
        """Grade from progress, pace against rolled-up expectations, forecast rolled up."""
        evaluation = evaluate(small_plan(), at=DAY)
        node = evaluation["o-dept"]
        assert isinstance(node, NodeScore)
        assert grade_of(node.progress) == node.grade
        assert node.pace is not None
        assert Q3.elapsed_fraction(DAY) == node.pace.expected
        assert node.value is None

    def test_example_plan_demo(self) -> None:
        """The example plan renders with rolled-up scores."""
        evaluation = evaluate(example_plan(), at=EXAMPLE_DAY)
        tree = render_tree(example_plan(), annotate=evaluation.annotate)
        assert "Visit 100 manufacturing customers" in tree
        assert "52% · on track" in tree  # mid-cycle: status, and no grade yet
        assert Status.NO_DATA == evaluation.status("mission")

    @pytest.mark.parametrize(
        ("initiative", "expected"),
        [
            (Initiative(id="t", title="t"), Status.NOT_STARTED),
            (Initiative(id="t", title="t", status="in_progress"), Status.ON_TRACK),
            (Initiative(id="t", title="t", status="dropped"), Status.CLOSED),
            (Initiative(id="t", title="t", done_on=date(2026, 8, 1)), Status.DONE),
            (Initiative(id="t", title="t", done_on=date(2026, 9, 1)), Status.NOT_STARTED),
        ],
    )
    def test_initiative_status(self, initiative: Initiative, expected: Status) -> None:
        """Initiatives report their own state and carry no progress."""
        kr = attrs.evolve(_kr("kr", 10), initiatives=(initiative,))
        evaluation = evaluate(Plan(objectives=[_objective("o", "company", kr)]), at=DAY)
        assert (expected, None, None) == (
            evaluation.status("t"),
            evaluation.progress("t"),
            evaluation.pace("t"),
        )

    def test_kpis_are_scored_by_the_kpi_rules(self) -> None:
        """KPIs have a status and value but no progress."""
        evaluation = evaluate(example_plan(), at=EXAMPLE_DAY)
        node = evaluation["kpi-order-time"]
        assert (None, None) == (node.progress, node.forecast)
        assert node.value is not None

    def test_unknown_goal(self) -> None:
        """Asking for a goal the plan lacks is a ValidationError naming it."""
        with pytest.raises(ValidationError, match="'nope'"):
            evaluate(small_plan(), at=DAY).progress("nope")

    def test_cycles_never_reach_evaluate(self) -> None:
        """A cyclic plan is refused when it is built, so every plan can be rolled up."""
        with pytest.raises(ValidationError, match="closes a cycle") as caught:
            small_plan().with_links(Link(child="o-top", parent="kr-c"))
        assert "links[5]" == caught.value.path

    def test_key_result_with_children_keeps_its_own_forecast(self) -> None:
        """A KR scored from its own check-ins forecasts as scoring it alone does, value included."""
        plan = small_plan().with_check_in("kr-b", CheckIn(day=date(2026, 7, 15), value=20))
        plan = plan.with_check_in("kr-b", CheckIn(day=DAY, value=50))
        alone = score_key_result(plan["kr-b"], Q3, DAY)  # type: ignore[arg-type]
        forecast = evaluate(plan, at=DAY).forecast("kr-b")
        assert (alone.forecast, True) == (
            forecast,
            forecast is not None and forecast.value is not None,
        )

    def test_key_result_from_its_children_forecasts_from_them(self) -> None:
        """Without check-ins of its own, a KR's forecast rolls up from its children (no value)."""
        evaluation = evaluate(small_plan(), at=DAY)
        forecast = evaluation.forecast("kr-b")
        assert forecast is not None
        assert forecast.value is None

    def test_evaluations_cannot_be_built_directly(self) -> None:
        """Evaluation objects come from evaluate()."""
        with pytest.raises(TypeError, match="evaluate"):
            Evaluation()


class TestArguments:
    @pytest.mark.parametrize(
        "at",
        [datetime(2026, 8, 15, 12, 0), "2026-08-15", None, 20260815],  # noqa: DTZ001
    )
    def test_the_day_must_be_a_date(self, at: object) -> None:
        """Every at= follows one rule: a plain date, else a ValidationError (no TypeError)."""
        with pytest.raises(ValidationError) as caught:
            evaluate(small_plan(), at=at)  # type: ignore[arg-type]
        assert ("at", True) == (caught.value.path, "'at' must be a date" in caught.value.message)

    def test_a_pandas_timestamp_is_refused_like_check_refuses_it(self) -> None:
        """A Timestamp is a datetime: converting it to a day needs a time zone."""
        pd = pytest.importorskip("pandas")
        with pytest.raises(ValidationError, match="not a datetime"):
            evaluate(small_plan(), at=pd.Timestamp("2026-08-15"))

    @pytest.mark.parametrize(
        ("changes", "path"),
        [
            ({"plan": 5}, "plan"),
            ({"rules": "default"}, "rules"),
            ({"roll_up": None}, "roll_up"),
        ],
    )
    def test_wrong_arguments_are_validation_errors(
        self, changes: dict[str, Any], path: str
    ) -> None:
        """A plan, rules and roll-up rules of the wrong type are named."""
        arguments: dict[str, Any] = {"plan": small_plan(), "at": DAY, **changes}
        with pytest.raises(ValidationError) as caught:
            evaluate(**arguments)
        assert path == caught.value.path


def _fan_in(values: list[Any], weights: list[Any] | None = None, **kr: Any) -> Plan:
    """A company KR with one contributing objective per value (each with one checked-in KR)."""
    weights = weights or [1] * len(values)
    objectives = [_objective("o-top", "company", _kr("kr-top"))]
    for n, value in enumerate(values):
        key_result = KeyResult.metric(
            id=f"k{n}",
            title=f"k{n}",
            target=kr.get("target", Target.increase(from_=0, to=100)),
            history=[CheckIn(day=date(2026, 8, 1), value=value)],
        )
        objectives.append(_objective(f"o{n}", "department", key_result))
    links = [Link(child=f"o{n}", parent="kr-top", weight=w) for n, w in enumerate(weights)]
    return Plan(objectives=objectives, links=links)


class TestHostileNumbers:
    def test_exact_roll_up_past_the_limit_is_refused(self) -> None:
        """Many distinct denominators: the sum is refused at the limit, not computed for minutes."""
        plan = _fan_in([Fraction(1, n + 2) for n in range(3000)])
        with pytest.raises(ValidationError) as caught:
            evaluate(plan, at=DAY)
        error = caught.value
        assert ("objectives[0].key_results[0].progress", True) == (
            error.path,
            "too precise: numbers are limited to 1,000 digits" in error.message,
        )

    def test_float_sums_that_overflow_give_a_defined_mean(self) -> None:
        """Weights near the float limit: the sums overflow, the mean is still the mean."""
        plan = _fan_in([50.0, 50.0], weights=[1e308, 1e308])
        assert 0.5 == evaluate(plan, at=DAY).progress("kr-top")

    @pytest.mark.parametrize(
        ("weight", "fragment"),
        [(10**400, "is too large to compute with floats"), (Fraction(1, 10**400), "too small")],
    )
    def test_an_exact_weight_no_float_can_stand_for_is_named(
        self, weight: object, fragment: str
    ) -> None:
        """An exact weight beside float progress is converted by the policy, or refused by name."""
        plan = _fan_in([50.0, 20.0], weights=[weight, 1])
        with pytest.raises(ValidationError) as caught:
            evaluate(plan, at=DAY)
        assert ("links[0].weight", True) == (caught.value.path, fragment in caught.value.message)

    def test_an_exact_check_in_too_large_for_a_float_line_is_named(self) -> None:
        """A float target meets an exact value too large for a float: refused at its key result."""
        plan = _fan_in([10**400], target=Target.increase(from_=0.0, to=100.0))
        with pytest.raises(ValidationError) as caught:
            evaluate(plan, at=DAY)
        assert caught.value.path.startswith("objectives[1].key_results[0]")

    def test_mixed_parts_follow_the_float_policy(self) -> None:
        """Float and exact parts of one goal all become floats first, as aggregate_progress does."""
        plan = Plan(
            objectives=[
                _objective(
                    "o",
                    "company",
                    _kr("a", 50.0),
                    KeyResult.metric(
                        id="b",
                        title="b",
                        target=Target.increase(from_=0, to=3),
                        history=[CheckIn(day=date(2026, 8, 1), value=1)],
                    ),
                )
            ]
        )
        evaluation = evaluate(plan, at=DAY)
        expected = aggregate_progress([(0.5, 1), (Fraction(1, 3), 1)])
        assert (expected, float) == (evaluation.progress("o"), type(evaluation.progress("o")))

    def test_huge_progress_is_annotated(self) -> None:
        """Over-achievement beyond the float range still reads as a percentage."""
        rules = attrs.evolve(DEFAULT_RULES, progress=ProgressPolicy.over_achievement())
        plan = _fan_in([10**500])
        evaluation = evaluate(plan, at=DAY, rules=rules)
        assert evaluation.annotate(plan["k0"]).endswith("% · done")


class TestDeterminism:
    def test_independent_of_insertion_order(self) -> None:
        """Reversing goals, key results and links changes nothing."""
        plan = small_plan()
        shuffled = Plan(
            themes=plan.themes,
            objectives=[
                attrs.evolve(o, key_results=o.key_results[::-1]) for o in plan.objectives[::-1]
            ],
            links=plan.links[::-1],
        )
        assert evaluate(plan, at=DAY) == evaluate(shuffled, at=DAY)

    @settings(max_examples=40, deadline=None)
    @given(gs.plans(max_objectives=5, max_links=6, kinds=("float", "int")), st.randoms())
    def test_float_roll_up_is_order_independent(self, plan: Plan, rnd: random.Random) -> None:
        """Law: shuffling objectives and links gives the same progress, bit for bit."""
        objectives = list(plan.objectives)
        links = list(plan.links)
        rnd.shuffle(objectives)
        rnd.shuffle(links)
        shuffled = attrs.evolve(plan, objectives=objectives, links=links)
        day = Q3.end
        assert (
            evaluate(plan, at=day).progress_by_id() == evaluate(shuffled, at=day).progress_by_id()
        )

    @settings(max_examples=40, deadline=None)
    @given(
        gs.plans(max_objectives=5, max_links=6, kinds=("int", "decimal", "fraction")), st.randoms()
    )
    def test_exact_roll_up_is_order_independent(self, plan: Plan, rnd: random.Random) -> None:
        """Law: reordering goals, key results and links changes no exact progress."""
        objectives = [
            attrs.evolve(o, key_results=rnd.sample(o.key_results, len(o.key_results)))
            for o in plan.objectives
        ]
        rnd.shuffle(objectives)
        shuffled = attrs.evolve(
            plan, objectives=objectives, links=rnd.sample(plan.links, len(plan.links))
        )
        day = Q3.end
        assert (
            evaluate(plan, at=day).progress_by_id() == evaluate(shuffled, at=day).progress_by_id()
        )

    @settings(max_examples=40, deadline=None)
    @given(
        gs.plans(max_objectives=5, max_links=6, kinds=("int", "decimal", "fraction")),
        st.integers(2, 7),
        gs.days(),
    )
    def test_scaling_all_weights_changes_nothing(self, plan: Plan, factor: int, day: date) -> None:
        """Law: multiplying every key-result and link weight by one factor changes no progress."""
        objectives = [
            attrs.evolve(
                o,
                key_results=[attrs.evolve(kr, weight=kr.weight * factor) for kr in o.key_results],
            )
            for o in plan.objectives
        ]
        links = [attrs.evolve(link, weight=link.weight * factor) for link in plan.links]
        scaled = attrs.evolve(plan, objectives=objectives, links=links)
        assert evaluate(plan, at=day).progress_by_id() == evaluate(scaled, at=day).progress_by_id()

    @settings(max_examples=60, deadline=None)
    @given(gs.plans(max_objectives=5, max_links=6), gs.days())
    def test_scores_within_bounds_and_unknown_never_green(self, plan: Plan, day: date) -> None:
        """Law: default progress lies in [0, 1], and a goal without progress is never on track.

        Initiatives and KPIs carry no progress; every other goal with none is
        neither on track nor done.
        """
        evaluation = evaluate(plan, at=day)
        for goal in plan:
            progress = evaluation.progress(goal.id)
            if progress is not None:
                assert (True, True) == (0 <= progress <= 1, math.isfinite(progress))
            elif not isinstance(goal, Initiative) and goal.id not in {k.id for k in plan.kpis}:
                assert evaluation.status(goal.id) not in {Status.ON_TRACK, Status.DONE}

    def test_repeatable(self) -> None:
        """Two evaluations of one plan are equal; other days or rules differ."""
        plan = small_plan()
        assert evaluate(plan, at=DAY) == evaluate(plan, at=DAY)
        assert evaluate(plan, at=DAY) != evaluate(plan, at=date(2026, 7, 20))
        assert evaluate(plan, at=DAY) != evaluate(plan, at=DAY, roll_up=RollUp(objectives="own"))
        assert evaluate(plan, at=DAY) != "evaluation"


@st.composite
def plans_with_a_check_in(draw: st.DrawFn) -> tuple[Plan, str, CheckIn, date]:
    """A plan, one of its metric or binary key results, a check-in for it, and a day."""
    plan = draw(gs.plans(max_objectives=5, max_links=6))
    candidates = [kr for kr in plan.key_results if not isinstance(kr.measure, Checklist)]
    if not candidates:
        plan = plan.with_goals(
            _objective("o-extra", plan.levels[0], _kr("kr-extra", 10)),
        )
        candidates = [plan["kr-extra"]]  # type: ignore[list-item]
    kr = draw(st.sampled_from(candidates))
    objective = plan.objective_of(kr.id)
    assert objective is not None
    period = objective.period
    day = draw(st.dates(min_value=period.start - timedelta(days=5), max_value=period.end))
    if isinstance(kr.measure, Binary):
        value: object = draw(st.sampled_from([0, 1]))
    else:
        value = draw(gs.numbers(min_value=-50, max_value=200))
    at = draw(st.dates(min_value=period.start - timedelta(days=5), max_value=period.end))
    return plan, kr.id, CheckIn(day=day, value=value), at  # type: ignore[arg-type]


class TestIncremental:
    @settings(max_examples=80, deadline=None)
    @given(plans_with_a_check_in())
    def test_incremental_equals_full(self, case: tuple[Plan, str, CheckIn, date]) -> None:
        """Law: evaluation.with_check_in(k, c) == evaluate(plan.with_check_in(k, c))."""
        plan, kr_id, check_in, at = case
        full = evaluate(plan.with_check_in(kr_id, check_in), at=at)
        quick = evaluate(plan, at=at).with_check_in(kr_id, check_in)
        assert full == quick

    @settings(max_examples=40, deadline=None)
    @given(plans_with_a_check_in())
    def test_touches_only_the_goal_and_its_ancestors(
        self, case: tuple[Plan, str, CheckIn, date]
    ) -> None:
        """Law: the recomputed goals are the key result and what its progress flows into."""
        plan, kr_id, check_in, at = case
        after = evaluate(plan, at=at).with_check_in(kr_id, check_in)
        flows = GoalGraph.of(plan).ancestors(kr_id, relations=["part_of", "contributes"])
        assert {kr_id, *flows} == {after._base.compiled.ids[i] for i in after._prog}

    def test_the_original_is_unchanged(self) -> None:
        """with_check_in returns a new evaluation and leaves the old one alone."""
        before = evaluate(small_plan(), at=DAY)
        after = before.with_check_in("kr-e", CheckIn(day=DAY, value=90))
        assert (Fraction(1, 10), Fraction(9, 10)) == (
            before.progress("kr-e"),
            after.progress("kr-e"),
        )
        assert after.goal("kr-e").history.latest() == CheckIn(day=DAY, value=90)  # type: ignore[union-attr]

    def test_chains_of_updates_equal_a_full_evaluation(self) -> None:
        """Many updates in a row, on KRs and a KPI, still equal a full evaluation."""
        plan = example_plan()
        evaluation = evaluate(plan, at=EXAMPLE_DAY)
        rng = random.Random(4)
        for n in range(30):
            kr = rng.choice([kr for kr in plan.key_results if kr.target is not None])
            check_in = CheckIn(day=EXAMPLE_DAY - timedelta(days=n % 5), value=rng.randint(0, 200))
            plan = plan.with_check_in(kr.id, check_in)
            evaluation = evaluation.with_check_in(kr.id, check_in)
        kpi_check_in = CheckIn(day=EXAMPLE_DAY, value=3)
        plan = plan.with_check_in("kpi-order-time", kpi_check_in)
        evaluation = evaluation.with_check_in("kpi-order-time", kpi_check_in)
        assert evaluate(plan, at=EXAMPLE_DAY) == evaluation

    def test_compaction_keeps_results(self) -> None:
        """Past many changes the overlay folds into fresh arrays, results unchanged."""
        objectives = [_objective(f"o{n}", "company", _kr(f"k{n}", 1)) for n in range(1100)]
        plan = Plan(objectives=objectives)
        evaluation = evaluate(plan, at=DAY)
        for n in range(1100):
            evaluation = evaluation.with_check_in(f"k{n}", CheckIn(day=DAY, value=n % 100))
        assert 0 < len(evaluation._prog) < 1100
        assert Fraction(99, 100) == evaluation.progress("o1099")
        assert Fraction(7, 100) == evaluation.progress("o7")

    @pytest.mark.parametrize(
        ("goal_id", "check_in", "message"),
        [
            ("o-top", CheckIn(day=DAY, value=1), "takes no check-ins"),
            ("kr-a", CheckIn(day=date(2026, 10, 1), value=1), "after the end of period"),
            ("kr-a", "40", "must be a CheckIn"),
            ("nope", CheckIn(day=DAY, value=1), "names no goal"),
        ],
    )
    def test_refused_check_ins(self, goal_id: str, check_in: CheckIn, message: str) -> None:
        """Bad check-ins are refused like Plan.with_check_in refuses them."""
        with pytest.raises(ValidationError, match=message):
            evaluate(small_plan(), at=DAY).with_check_in(goal_id, check_in)

    def test_repr(self) -> None:
        """The repr says the day, the size and how many goals changed."""
        after = evaluate(small_plan(), at=DAY).with_check_in("kr-e", CheckIn(day=DAY, value=1))
        assert "Evaluation(at=datetime.date(2026, 8, 15), goals=9, changed=5)" == repr(after)


class TestRollUpRules:
    @pytest.mark.parametrize("share", [-1, 2, "half", Fraction(1, 10**400), None])
    def test_shares_are_checked(self, share: object) -> None:
        """Shares are numbers from 0 to 1 that float arithmetic can use."""
        with pytest.raises(ValidationError, match="objective_share"):
            RollUp(objective_share=share)

    @pytest.mark.parametrize("field", ["objectives", "key_results"])
    @pytest.mark.parametrize("value", ["bogus", None, 3])
    def test_sources_list_the_allowed_values(self, field: str, value: object) -> None:
        """An unknown source names every allowed one."""
        with pytest.raises(ValidationError) as caught:
            RollUp(**{field: value})  # type: ignore[arg-type]
        expected = f"'{field}' must be one of 'own', 'children', 'both', 'own_then_children'"
        assert (field, True) == (caught.value.path, caught.value.message.startswith(expected))

    def test_numpy_shares_become_python_numbers(self) -> None:
        """A share read from a DataFrame is stored as a float."""
        np = pytest.importorskip("numpy")
        assert float is type(RollUp(objective_share=np.float64(0.25)).objective_share)

    def test_defaults(self) -> None:
        """Objectives blend half and half; KRs prefer their own data."""
        assert (Source.BOTH, Fraction(1, 2), Source.OWN_THEN_CHILDREN) == (
            DEFAULT_ROLL_UP.objectives,
            DEFAULT_ROLL_UP.objective_share,
            DEFAULT_ROLL_UP.key_results,
        )
