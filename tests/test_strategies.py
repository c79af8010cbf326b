"""Tests of goalkit.strategies: every strategy draws valid objects with the promised shape."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings

from goalkit import (
    FIRST_CHECK_IN,
    KPI,
    Checklist,
    Direction,
    History,
    KeyResult,
    Link,
    Objective,
    Period,
    Plan,
    Polarity,
    Target,
    Theme,
)
from goalkit import strategies as gs
from goalkit._numbers import Number

FAST = settings(max_examples=60, deadline=None)


class TestNumbers:
    @pytest.mark.parametrize(
        ("kind", "expected_type"),
        [("int", int), ("decimal", Decimal), ("fraction", Fraction), ("float", float)],
    )
    def test_each_kind_draws_its_type(self, kind: str, expected_type: type) -> None:
        """A single kind draws only numbers of that type, inside the bounds."""

        @FAST
        @given(gs.numbers(kinds=(kind,), min_value=-5, max_value=5))
        def check(value: object) -> None:
            assert expected_type is type(value)
            assert -5 <= value <= 5  # type: ignore[operator]

        check()

    @FAST
    @given(gs.numbers(kinds=("decimal",), min_value=10**30, max_value=10**30 + 5))
    def test_long_decimals_stay_in_bounds(self, value: Number) -> None:
        """Decimals longer than the default context's 28 digits are drawn exactly."""
        assert 10**30 <= value <= 10**30 + 5

    def test_unknown_kind_is_refused(self) -> None:
        """Asking for a kind that does not exist is a ValueError naming the kinds."""
        with pytest.raises(ValueError, match="'kinds' must be some of"):
            gs.numbers(kinds=("complex",))


class TestPeriods:
    @FAST
    @given(gs.periods())
    def test_parse_inverts_format(self, period: Period) -> None:
        """Law: parse(format(p)) == p for every drawn period, fiscal ones included."""
        assert period == Period.parse(period.format())

    @pytest.mark.parametrize(
        ("min_year", "max_year"), [(9990, 10_000), (9997, 20_000), (-5, 3), (0, 2)]
    )
    def test_never_past_the_calendar(self, min_year: int, max_year: int) -> None:
        """Periods near year 1 or 9999 stay inside the calendar: no OverflowError."""

        @settings(max_examples=150, deadline=None)
        @given(gs.periods(min_year=min_year, max_year=max_year))
        def check(period: Period) -> None:
            assert date.min <= period.start <= period.end <= date.max

        check()

    @pytest.mark.parametrize("period", [Period.year(9999), Period.year(1)])
    def test_goals_at_the_calendars_ends(self, period: Period) -> None:
        """Key results in the first and last years draw check-ins and timestamps that exist."""

        @FAST
        @given(gs.key_results(period=period))
        def check(kr: KeyResult) -> None:
            assert all(c.day <= period.end for c in kr.history)

        check()


class TestTargets:
    @pytest.mark.parametrize("direction", list(Direction))
    def test_each_direction_is_drawn_valid(self, direction: Direction) -> None:
        """Targets of one direction keep it, and a stretch lies beyond the target."""

        @FAST
        @given(gs.targets(directions=(direction,)))
        def check(target: Target) -> None:
            assert direction == target.direction
            if target.stretch is not None and target.target is not None:
                assert (Fraction(target.stretch) - Fraction(target.target)) * direction.sign > 0

        check()

    def test_first_check_in_is_drawn(self) -> None:
        """Baselines taken from the first check-in occur among directional targets."""
        found: list[bool] = []

        @settings(max_examples=200, deadline=None)
        @given(gs.targets(directions=(Direction.INCREASE,)))
        def check(target: Target) -> None:
            found.append(target.baseline is FIRST_CHECK_IN)

        check()
        assert any(found)

    def test_hold_at_targets_are_drawn_on_request(self) -> None:
        """With holds=True some targets equal their baseline; without, none do."""
        held: list[bool] = []

        @settings(max_examples=200, deadline=None)
        @given(gs.targets(directions=(Direction.DECREASE,), holds=True, first_check_in=False))
        def check(target: Target) -> None:
            held.append(target.baseline == target.target)

        @FAST
        @given(gs.targets(directions=(Direction.INCREASE,), first_check_in=False))
        def never(target: Target) -> None:
            assert target.baseline != target.target

        check()
        never()
        assert any(held)

    @FAST
    @given(gs.targets(first_check_in=False, changes=False, stretch=False))
    def test_plain_targets_have_no_change(self, target: Target) -> None:
        """With changes and stretch switched off, neither is drawn."""
        assert (None, None) == (target.change, target.stretch)


class TestHistories:
    @FAST
    @given(gs.histories(min_day=date(2026, 7, 1), max_day=date(2026, 7, 31)))
    def test_days_stay_in_bounds(self, history: History) -> None:
        """Every check-in falls between the bounds, in date order."""
        assert all(date(2026, 7, 1) <= c.day <= date(2026, 7, 31) for c in history)


class TestGoals:
    @FAST
    @given(gs.key_results(period=Period.quarter(2026, 3)))
    def test_key_results_respect_their_period(self, kr: KeyResult) -> None:
        """Check-ins never fall after the period's end; milestone KRs have none."""
        assert all(c.day <= date(2026, 9, 30) for c in kr.history)
        assert not (isinstance(kr.measure, Checklist) and kr.history)

    @FAST
    @given(gs.objectives(id="o-x", levels=("squad",)))
    def test_objectives_use_the_given_ids_and_levels(self, objective: Objective) -> None:
        """Key results are named after their objective; the level comes from the list."""
        assert "squad" == objective.level
        assert all(kr.id.startswith("o-x-kr") for kr in objective.key_results)

    @FAST
    @given(gs.kpis())
    def test_kpis_have_ordered_ranges(self, kpi: KPI) -> None:
        """A within-range KPI has low <= high."""
        if kpi.polarity is Polarity.WITHIN_RANGE:
            assert kpi.low is not None
            assert kpi.high is not None
            assert kpi.low <= kpi.high

    @FAST
    @given(gs.themes(), gs.links())
    def test_themes_and_links(self, theme: Theme, link: Link) -> None:
        """Themes and links are built; link weights are positive."""
        assert theme.title.strip()
        assert link.weight > 0


def _parents(plan: Plan) -> dict[str, set[str]]:
    parents: dict[str, set[str]] = {goal.id: set() for goal in plan}
    for link in plan.links:
        parents[link.child].add(link.parent)
    for objective in plan.objectives:
        for kr in objective.key_results:
            parents[kr.id].add(objective.id)
    return parents


class TestPlans:
    @settings(max_examples=80, deadline=None)
    @given(gs.plans())
    def test_alignment_is_acyclic(self, plan: Plan) -> None:
        """Law: links plus containment form no cycle (a topological order exists)."""
        parents = _parents(plan)
        done: set[str] = set()
        remaining = dict(parents)
        while remaining:
            ready = [g for g, ps in remaining.items() if ps <= done]
            assert ready, f"cycle among {sorted(remaining)}"
            for goal_id in ready:
                done.add(goal_id)
                del remaining[goal_id]

    @settings(max_examples=80, deadline=None)
    @given(gs.plans())
    def test_levels_and_weights(self, plan: Plan) -> None:
        """Every objective/KPI uses a plan level; all weights are positive."""
        assert all(o.level in plan.levels for o in plan.objectives)
        assert all(k.level in plan.levels for k in plan.kpis)
        assert all(kr.weight > 0 for kr in plan.key_results)
        assert all(link.weight > 0 for link in plan.links)
        assert len({(lk.child, lk.parent) for lk in plan.links}) == len(plan.links)

    @settings(max_examples=30, deadline=None)
    @given(gs.plans(same_period=True, kinds=("decimal",)))
    def test_same_period_and_kinds(self, plan: Plan) -> None:
        """With same_period every objective shares one period; kinds narrow the numbers."""
        assert len({o.period for o in plan.objectives}) <= 1
        assert all(not isinstance(kr.weight, float | Fraction) for kr in plan.key_results)
