"""Progress of key results: formulas, policies, types of key result, exactness."""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import UTC, date, datetime
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from goalkit._numbers import Number, exact
from goalkit.exceptions import ValidationError
from goalkit.goals import KeyResult
from goalkit.measures import FIRST_CHECK_IN, CheckIn, Checklist, Milestone, Target
from goalkit.scoring import (
    ProgressPolicy,
    Zone,
    ZoneProgress,
    checklist_progress,
    current_value,
)
from goalkit.scoring.progress import as_type_of

DAY = date(2026, 8, 15)


def _metric(target: Target, *values: tuple[date, Number]) -> KeyResult:
    return KeyResult.metric(
        id="kr",
        title="A metric",
        target=target,
        history=[CheckIn(day=day, value=value) for day, value in values],
    )


class TestMetricFormulas:
    @pytest.mark.parametrize(
        ("target", "value", "expected"),
        [
            (Target.decrease(from_=48, to=24), 30, Fraction(3, 4)),
            (Target.decrease(from_=48, to=24), 48, Fraction(0)),
            (Target.decrease(from_=48, to=24), 60, Fraction(0)),
            (Target.decrease(from_=48, to=24), 12, Fraction(1)),
            (Target.increase(from_=20, to=120), 70, Fraction(1, 2)),
            (Target.increase(from_=0, to=100), 52, Fraction(13, 25)),
            (
                Target.increase(from_=Decimal("2.0"), to=Decimal("5.0")),
                Decimal("3.1"),
                Fraction(11, 30),
            ),
            (Target.increase(to=80, by_percent=30), 69, Fraction(97, 240)),
            (
                Target.decrease(from_=Decimal("3.0"), to=Decimal("2.0")),
                Decimal("2.8"),
                Fraction(1, 5),
            ),
            (Target.at_least(95), 94, Fraction(0)),
            (Target.at_least(95), 95, Fraction(1)),
            (Target.at_least(95, baseline=85), 90, Fraction(1, 2)),
            (Target.at_most(5), 5, Fraction(1)),
            (Target.at_most(5), 6, Fraction(0)),
            (Target.at_most(5, baseline=12), 8, Fraction(4, 7)),
            (Target.within(95, 105), 95, Fraction(1)),
            (Target.within(95, 105), 105, Fraction(1)),
            (Target.within(95, 105), 94, Fraction(0)),
        ],
    )
    def test_table(self, target: Target, value: Number, expected: Fraction) -> None:
        """The formulas of DOMAIN.md: decrease 48 -> 24 at 30 is 0.75, and so on."""
        assert expected == ProgressPolicy().of_value(target, value)

    def test_customer_satisfaction_up_30_percent_to_80(self) -> None:
        """The implied baseline 800/13 (about 61.5) is the start: 69 % is about 0.40."""
        progress = ProgressPolicy().of_value(Target.increase(to=80, by_percent=30), 69)
        assert Fraction(97, 240) == progress
        assert round(float(progress), 3) == 0.404

    @pytest.mark.parametrize(
        ("decay", "value", "expected"),
        [
            (10, 90, Fraction(1, 2)),
            (10, 110, Fraction(1, 2)),
            (10, 80, Fraction(0)),
            (4, 107, Fraction(1, 2)),
        ],
    )
    def test_band_decay(self, decay: int, value: int, expected: Fraction) -> None:
        """Outside a band, progress falls linearly over the decay distance, then stays 0."""
        assert expected == ProgressPolicy(band_decay=decay).of_value(Target.within(95, 105), value)


class TestPolicies:
    @pytest.mark.parametrize(
        ("policy", "value", "expected"),
        [
            (ProgressPolicy(), 140, Fraction(1)),
            (ProgressPolicy.over_achievement(), 140, Fraction(4, 3)),
            (ProgressPolicy.over_achievement(up_to=Fraction(6, 5)), 140, Fraction(6, 5)),
            (ProgressPolicy(), 10, Fraction(0)),
            (ProgressPolicy(floor=None), 10, Fraction(-1, 9)),
            (ProgressPolicy(floor=Fraction(-1, 20)), 10, Fraction(-1, 20)),
        ],
    )
    def test_floor_and_cap(self, policy: ProgressPolicy, value: int, expected: Fraction) -> None:
        """Floor and cap bound progress as configured (increase 20 -> 110)."""
        assert expected == policy.of_value(Target.increase(from_=20, to=110), value)

    def test_up_to_stretch(self) -> None:
        """Over-achievement stops at the stretch value's progress; without a stretch, at the cap."""
        policy = ProgressPolicy.stretch()
        assert Fraction(19, 14) == policy.of_value(Target.increase(from_=31, to=45, stretch=50), 60)
        assert Fraction(1) == policy.of_value(Target.increase(from_=31, to=45), 60)

    @pytest.mark.parametrize(
        ("name", "value"), [("floor", 1), ("cap", Fraction(1, 2)), ("band_decay", 0), ("cap", "x")]
    )
    def test_bad_policy(self, name: str, value: object) -> None:
        """Impossible bounds are refused, naming the field."""
        with pytest.raises(ValidationError) as error:
            ProgressPolicy(**{name: value})  # type: ignore[arg-type]
        assert name == error.value.path

    @pytest.mark.parametrize(
        ("first", "value", "expected"),
        [(3, 3, Fraction(1)), (3, 4, Fraction(0)), (2, 4, Fraction(0)), (2, 2, Fraction(1))],
    )
    def test_start_equal_to_target(self, first: int, value: int, expected: Fraction) -> None:
        """A first check-in at (or past) the target: met is 1, not met 0, never a division by 0."""
        kr = _metric(
            Target.decrease(from_=FIRST_CHECK_IN, to=3),
            (date(2026, 7, 1), first),
            (date(2026, 8, 1), value),
        )
        assert expected == ProgressPolicy().of_key_result(kr, DAY)


class TestKeyResults:
    def test_no_check_in_is_no_data(self) -> None:
        """Without a check-in progress is None, not 0."""
        assert ProgressPolicy().of_key_result(_metric(Target.increase(from_=0, to=10)), DAY) is None

    def test_only_check_ins_up_to_the_day(self) -> None:
        """A check-in dated after the day does not count."""
        kr = _metric(Target.increase(from_=0, to=10), (date(2026, 8, 1), 2), (date(2026, 8, 20), 8))
        assert Fraction(1, 5) == ProgressPolicy().of_key_result(kr, DAY)
        assert ProgressPolicy().of_key_result(kr, date(2026, 7, 31)) is None

    def test_same_day_last_arrival_wins(self) -> None:
        """Of two check-ins on one day, the one that arrived last counts."""
        kr = _metric(Target.increase(from_=0, to=10), (date(2026, 8, 1), 2), (date(2026, 8, 1), 5))
        assert Fraction(1, 2) == ProgressPolicy().of_key_result(kr, DAY)

    def test_first_check_in_baseline(self) -> None:
        """A FIRST_CHECK_IN baseline is the first day's value: 5.5 -> 3 at 3.6 is 0.76."""
        kr = _metric(
            Target.decrease(from_=FIRST_CHECK_IN, to=3),
            (date(2026, 7, 3), Decimal("5.5")),
            (date(2026, 8, 14), Decimal("3.6")),
        )
        assert Fraction(19, 25) == ProgressPolicy().of_key_result(kr, DAY)

    def test_first_check_in_change(self) -> None:
        """A change from the first check-in resolves through Target.resolved."""
        kr = _metric(
            Target.increase(from_=FIRST_CHECK_IN, by_percent=10),
            (date(2026, 7, 3), 200),
            (date(2026, 8, 14), 210),
        )
        assert Fraction(1, 2) == ProgressPolicy().of_key_result(kr, DAY)

    def test_first_check_in_without_baseline_refused(self) -> None:
        """Scoring a value against an unresolved baseline needs the baseline."""
        with pytest.raises(ValidationError):
            ProgressPolicy().of_value(Target.increase(from_=FIRST_CHECK_IN, to=10), 5)

    @pytest.mark.parametrize(
        ("value", "expected"), [(0, Fraction(0)), (1, Fraction(1)), (1.0, 1.0)]
    )
    def test_binary(self, value: int | float, expected: Fraction | float) -> None:
        """A binary key result scores its latest check-in."""
        kr = KeyResult.binary(id="kr", title="Launch", history=[CheckIn(day=DAY, value=value)])
        actual = ProgressPolicy().of_key_result(kr, DAY)
        assert expected == actual
        assert type(expected) is type(actual)

    def test_milestones(self) -> None:
        """Milestones score the weighted share done by the day; due-only counts what is due."""
        kr = KeyResult.milestones(
            id="kr",
            title="Brochure",
            milestones=[
                Milestone(
                    title="outline", weight=1, due=date(2026, 7, 15), done_on=date(2026, 7, 14)
                ),
                Milestone(title="copy", weight=2, due=date(2026, 8, 10), done_on=date(2026, 8, 12)),
                Milestone(title="print", weight=1, due=date(2026, 8, 31)),
            ],
        )
        assert Fraction(1, 4) == ProgressPolicy().of_key_result(kr, date(2026, 8, 11))
        assert Fraction(3, 4) == ProgressPolicy().of_key_result(kr, DAY)
        due_only = ProgressPolicy(milestones_due_only=True)
        assert Fraction(1, 3) == due_only.of_key_result(kr, date(2026, 8, 11))
        assert due_only.of_key_result(kr, date(2026, 7, 1)) is None

    def test_checklist_function(self) -> None:
        """checklist_progress is exact for exact weights: 2 of 5 weight units done."""
        items = Checklist(
            milestones=[
                Milestone(title="a", weight=Decimal("2"), done_on=date(2026, 7, 1)),
                Milestone(title="b", weight=3),
            ]
        )
        assert Fraction(2, 5) == checklist_progress(items, DAY)


class TestZones:
    @pytest.mark.parametrize(
        ("value", "zone", "score"),
        [
            (31, Zone.FAIL, Fraction(0)),
            (38, Zone.COMMIT, Fraction(3, 10)),
            (45, Zone.TARGET, Fraction(7, 10)),
            (49, Zone.TARGET, Fraction(7, 10)),
            (50, Zone.STRETCH, Fraction(1)),
        ],
    )
    def test_zones(self, value: int, zone: Zone, score: Fraction) -> None:
        """Values fall into fail / commit / target / stretch with their fixed scores."""
        target = Target.increase(from_=31, to=45, stretch=50)
        assert zone == ZoneProgress().zone(target, value)
        assert score == ZoneProgress().of_value(target, value)

    def test_zone_key_results(self) -> None:
        """Zone progress reads the latest check-in; milestones fall back to the base rule."""
        kr = _metric(Target.increase(from_=0, to=10), (date(2026, 8, 1), 6))
        assert Fraction(3, 10) == ZoneProgress().of_key_result(kr, DAY)
        assert ZoneProgress().of_key_result(_metric(Target.increase(from_=0, to=10)), DAY) is None

    def test_bad_scores(self) -> None:
        """Zone scores need one score per zone."""
        with pytest.raises(ValidationError):
            ZoneProgress(scores=(0, 1))  # type: ignore[arg-type]


exact_numbers = st.one_of(
    st.integers(-1000, 1000),
    st.decimals(-1000, 1000, places=2, allow_nan=False, allow_infinity=False),
    st.fractions(-1000, 1000, max_denominator=100),
)
policies = st.sampled_from(
    [
        ProgressPolicy(),
        ProgressPolicy(floor=None),
        ProgressPolicy.over_achievement(),
        ProgressPolicy.over_achievement(up_to=2),
        ProgressPolicy.stretch(),
        ProgressPolicy(floor=-1, cap=Decimal("1.5")),
    ]
)


def _targets(start: Number, end: Number) -> list[Target]:
    low, high = sorted((start, end), key=exact)
    found = [Target.within(low, high), Target.at_least(high), Target.at_most(low)]
    if Fraction(low) != Fraction(high):
        found += [Target.increase(from_=low, to=high), Target.decrease(from_=high, to=low)]
        found += [Target.at_least(high, baseline=low), Target.at_most(low, baseline=high)]
    return found


class TestProperties:
    @settings(max_examples=100, deadline=None)
    @given(exact_numbers, exact_numbers, exact_numbers, exact_numbers, policies)
    def test_monotone(
        self, start: Number, end: Number, a: Number, b: Number, policy: ProgressPolicy
    ) -> None:
        """Progress never moves against the goal's direction as the value improves."""
        for target in _targets(start, end):
            sign = target.direction.sign
            if sign == 0:
                continue
            worse, better = sorted((a, b), key=lambda v: Fraction(v) * sign)
            assert policy.of_value(target, worse) <= policy.of_value(target, better)

    @settings(max_examples=100, deadline=None)
    @given(exact_numbers, exact_numbers, exact_numbers, policies)
    def test_bounds(
        self, start: Number, end: Number, value: Number, policy: ProgressPolicy
    ) -> None:
        """Every policy's floor and cap hold; bands stay within 0 and 1."""
        for target in _targets(start, end):
            progress = policy.of_value(target, value)
            if policy.floor is not None:
                assert progress >= Fraction(policy.floor)
            if policy.cap is not None and not policy.up_to_stretch:
                assert progress <= Fraction(policy.cap)
            if target.direction.sign == 0:
                assert 0 <= progress <= 1

    @settings(max_examples=100, deadline=None)
    @given(exact_numbers, exact_numbers, exact_numbers, policies)
    def test_exact_in_exact_out(
        self, start: Number, end: Number, value: Number, policy: ProgressPolicy
    ) -> None:
        """Decimal, int and Fraction inputs never give a float: the result is a Fraction."""
        for target in _targets(start, end):
            assert isinstance(policy.of_value(target, value), Fraction)

    @settings(max_examples=100, deadline=None)
    @given(st.integers(-100, 100), st.integers(-100, 100), st.floats(-1000, 1000))
    def test_float_in_float_out(self, start: int, end: int, value: float) -> None:
        """A float value gives a float progress."""
        for target in _targets(start, end):
            assert isinstance(ProgressPolicy().of_value(target, value), float)


class TestMixedNumbers:
    @pytest.mark.parametrize(
        ("target", "value", "path"),
        [
            (
                Target.increase(from_=Decimal("1E+400"), to=Decimal("2E+400")),
                1.0,
                "target.baseline",
            ),
            (Target.increase(from_=0.5, to=Decimal("1E+400")), 1, "target.target"),
            (Target.increase(from_=0, to=Fraction(1, 10**400)), 0.5, "target.target"),
            (Target.within(low=0.5, high=Decimal("1E+400")), 1, "target.high"),
        ],
    )
    def test_exact_too_big_or_small_beside_float(
        self, target: Target, value: Number, path: str
    ) -> None:
        """An exact end no float can stand for, beside a float, is refused by name."""
        with pytest.raises(ValidationError) as error:
            ProgressPolicy().of_value(target, value)
        assert path == error.value.path

    def test_ends_further_apart_than_floats(self) -> None:
        """From -1e308 to 1e308, 0 is half-way (the span overflows: computed halved)."""
        target = Target.increase(from_=-1e308, to=1e308)
        assert 0.5 == ProgressPolicy().of_value(target, 0.0)

    def test_huge_float_progress_clamped(self) -> None:
        """A float progress past the float range is capped like any other (a defined result)."""
        target = Target.increase(from_=0.0, to=5e-324)
        assert 1.0 == ProgressPolicy().of_value(target, 1e308)

    def test_uncapped_overflow_refused(self) -> None:
        """Without a cap, a progress that overflows is a ValidationError, never inf."""
        target = Target.increase(from_=0.0, to=5e-324)
        with pytest.raises(ValidationError) as error:
            ProgressPolicy(cap=None).of_value(target, 1e308)
        assert "progress" == error.value.path

    def test_float_met_in_float(self) -> None:
        """A float value meets a Decimal target in float arithmetic: 0.3 reaches Decimal 0.3."""
        assert 1.0 == ProgressPolicy().of_value(Target.at_least(Decimal("0.3")), 0.1 + 0.2)
        assert 1.0 == ProgressPolicy().of_value(Target.at_least(Decimal("0.3")), 0.3)

    def test_band_decay_mixed(self) -> None:
        """A huge exact decay beside a float value is refused by name."""
        policy = ProgressPolicy(band_decay=Decimal("1E+400"))
        with pytest.raises(ValidationError) as error:
            policy.of_value(Target.within(low=0, high=1), 2.0)
        assert "band_decay" == error.value.path

    def test_milestone_weights_mixed(self) -> None:
        """Milestone weights of both kinds: huge exact beside float is refused by name."""
        items = Checklist(
            milestones=[
                Milestone(title="a", weight=0.5, done_on=date(2026, 7, 1)),
                Milestone(title="b", weight=Decimal("1E+400")),
            ]
        )
        with pytest.raises(ValidationError) as error:
            checklist_progress(items, DAY)
        assert "milestones[1].weight" == error.value.path

    def test_zone_stretch_mixed(self) -> None:
        """The stretch zone test compares in the policy's type, without an OverflowError."""
        target = Target.increase(from_=0, to=10, stretch=Decimal("1E+400"))
        with pytest.raises(ValidationError) as error:
            ZoneProgress().zone(target, 5.0)
        assert "target.stretch" == error.value.path

    def test_as_type_of_saturates(self) -> None:
        """A constant past the float range compares as an infinity (was: OverflowError)."""
        assert math.inf == as_type_of(0.5, Fraction(10**400))
        assert -math.inf == as_type_of(0.5, Fraction(-(10**400)))


class TestArguments:
    @pytest.mark.parametrize("at", ["2026-08-15", datetime(2026, 8, 15, 12, tzinfo=UTC), None])
    def test_day_must_be_a_date(self, at: object) -> None:
        """Every function taking the day refuses anything but a plain date, naming 'at'."""
        kr = _metric(Target.increase(from_=0, to=10), (DAY, 5))
        calls: list[Callable[[], object]] = [
            lambda: ProgressPolicy().of_key_result(kr, at),  # type: ignore[arg-type]
            lambda: ZoneProgress().of_key_result(kr, at),  # type: ignore[arg-type]
            lambda: current_value(kr, at),  # type: ignore[arg-type]
            lambda: checklist_progress(Checklist(milestones=[Milestone(title="a")]), at),  # type: ignore[arg-type]
        ]
        for call in calls:
            with pytest.raises(ValidationError) as error:
                call()
            assert "at" == error.value.path

    def test_key_result_must_be_one(self) -> None:
        """A key result argument that is not one is refused, naming 'kr'."""
        with pytest.raises(ValidationError) as error:
            ProgressPolicy().of_key_result("kr", DAY)  # type: ignore[arg-type]
        assert "kr" == error.value.path

    def test_target_must_be_one(self) -> None:
        """of_value refuses a target that is not a Target."""
        with pytest.raises(ValidationError) as error:
            ProgressPolicy().of_value(5, 3)  # type: ignore[arg-type]
        assert "target" == error.value.path

    @pytest.mark.parametrize("field", ["up_to_stretch", "milestones_due_only"])
    def test_flags_are_booleans(self, field: str) -> None:
        """Policy flags must be True or False: a string 'no' is not quietly truthy."""
        with pytest.raises(ValidationError) as error:
            ProgressPolicy(**{field: "no"})  # type: ignore[arg-type]
        assert field == error.value.path
