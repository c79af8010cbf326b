"""Tests for goalkit.measures: targets, milestones, check-ins and histories."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from goalkit import (
    FIRST_CHECK_IN,
    Change,
    CheckIn,
    Checklist,
    Direction,
    History,
    Milestone,
    Target,
    ValidationError,
)
from goalkit._numbers import Number

JULY_1 = date(2026, 7, 1)


class TestTargets:
    @pytest.mark.parametrize(
        ("target", "direction", "baseline", "goal"),
        [
            (Target.increase(from_=20, to=120), Direction.INCREASE, 20, 120),
            (Target.decrease(from_=48, to=24), Direction.DECREASE, 48, 24),
            (Target.at_least(95), Direction.AT_LEAST, None, 95),
            (Target.at_most(5), Direction.AT_MOST, None, 5),
            (
                Target.increase(from_=FIRST_CHECK_IN, to=500_000),
                Direction.INCREASE,
                FIRST_CHECK_IN,
                500_000,
            ),
        ],
    )
    def test_named_constructors(
        self, target: Target, direction: Direction, baseline: object, goal: Number
    ) -> None:
        """Each constructor sets the direction, baseline and target it names."""
        assert (direction, baseline, goal) == (target.direction, target.baseline, target.target)

    @pytest.mark.parametrize(
        ("target", "expected_baseline", "expected_target"),
        [
            # "on-time delivery up 10 percentage points"
            (Target.increase(from_=85, by=10), 85, 95),
            # "first-pass yield up 15 % to 98 %": the baseline is implied
            (Target.increase(to=98, by_percent=15), Fraction(1960, 23), 98),
            # "customer satisfaction up 30 % to 80 %": baseline about 61.5 %
            (Target.increase(to=80, by_percent=30), Fraction(800, 13), 80),
            (Target.decrease(from_=Decimal("40"), by_percent=25), Decimal("40"), Decimal("30")),
            (Target.decrease(from_=48, by=24), 48, 24),
            (
                Target.increase(from_=Decimal("85.2"), by_percent=15),
                Decimal("85.2"),
                Decimal("97.98"),
            ),
            (Target.increase(from_=0.5, by_percent=10), 0.5, 0.55),
        ],
    )
    def test_changes_resolve_to_absolute_values(
        self, target: Target, expected_baseline: Number, expected_target: Number
    ) -> None:
        """A target stated as a delta or a percentage resolves exactly, in the caller's type."""
        assert (expected_baseline, expected_target) == (target.baseline, target.target)
        assert type(expected_target) is type(target.target)
        assert target.change is not None

    def test_implied_baseline_is_about_61_5(self) -> None:
        """DOMAIN.md: up 30 % to 80 % implies a baseline of about 61.5 %."""
        baseline = Target.increase(to=80, by_percent=30).baseline
        assert isinstance(baseline, Fraction)
        assert round(float(baseline), 1) == 61.5

    def test_change_from_first_check_in_resolves_later(self) -> None:
        """A relative target over an unknown baseline resolves once the baseline is known."""
        target = Target.increase(from_=FIRST_CHECK_IN, by_percent=10)
        assert (None, 220) == (target.target, target.resolved(200).target)

    def test_change_and_target_over_unknown_baseline(self) -> None:
        """Both a target and a change over an unknown baseline would contradict each other later."""
        with pytest.raises(ValidationError, match="not both"):
            Target.increase(from_=FIRST_CHECK_IN, to=300, by=10)

    def test_resolved_keeps_numeric_baselines(self) -> None:
        """Resolving a target that already has a baseline changes nothing."""
        target = Target.increase(from_=1, to=2)
        assert target is target.resolved(5)

    def test_inconsistent_change_is_refused(self) -> None:
        """A stated change that does not reach the stated target is a contradiction."""
        with pytest.raises(ValidationError, match="does not match the stated change"):
            Target(direction=Direction.INCREASE, baseline=10, target=30, change=Change(amount=10))

    def test_change_must_be_positive(self) -> None:
        """The sign comes from the direction; a change amount is a magnitude."""
        with pytest.raises(ValidationError, match="'amount' must be > 0"):
            Target.increase(from_=10, by=-5)

    def test_both_kinds_of_change_at_once(self) -> None:
        """'by' and 'by_percent' together are ambiguous."""
        with pytest.raises(ValidationError, match="not both"):
            Target.increase(from_=10, by=1, by_percent=1)

    def test_a_total_cut_has_no_implied_baseline(self) -> None:
        """A 100 % cut implies no baseline: an error, never a ZeroDivisionError."""
        with pytest.raises(ValidationError, match="100 %"):
            Target.decrease(to=0, by_percent=100)

    @pytest.mark.parametrize(
        ("target", "text"),
        [
            (Target.increase(from_=20, to=120), "Target.increase(from_=20, to=120)"),
            (Target.increase(from_=88, by=10), "Target.increase(from_=88, to=98, by=10)"),
            (
                Target.increase(from_=FIRST_CHECK_IN, by_percent=5),
                "Target.increase(from_=FIRST_CHECK_IN, by_percent=5)",
            ),
            (Target.at_most(5, stretch=3), "Target.at_most(5, stretch=3)"),
            (Target.within(1, 2, baseline=3), "Target.within(1, 2, baseline=3)"),
        ],
    )
    def test_repr_reads_like_the_call(self, target: Target, text: str) -> None:
        """The repr is a call that builds an equal target."""
        assert text == repr(target)

    @pytest.mark.parametrize(
        ("kwargs", "path"),
        [
            ({"direction": "within", "low": 1}, "high"),
            ({"direction": "within", "low": 1, "high": 2, "target": 3}, "target"),
            ({"direction": "at_least", "target": 1, "low": 0}, "low"),
            ({"direction": "increase", "target": 1}, "baseline"),
            ({"direction": "at_most"}, "target"),
            ({"direction": "at_least", "target": 1, "change": Change(amount=1)}, "change"),
        ],
    )
    def test_fields_that_do_not_fit_the_direction(
        self, kwargs: dict[str, object], path: str
    ) -> None:
        """Missing or meaningless fields for a direction name the field."""
        with pytest.raises(ValidationError) as caught:
            Target(**kwargs)  # type: ignore[arg-type]
        assert path in [p.path for p in caught.value.problems]

    @given(
        st.decimals(
            allow_nan=False, allow_infinity=False, places=3, min_value=-(10**6), max_value=10**6
        ),
        st.decimals(
            allow_nan=False,
            allow_infinity=False,
            places=2,
            min_value=Decimal("0.01"),
            max_value=1000,
        ),
    )
    def test_decimal_deltas_stay_decimal(self, baseline: Decimal, delta: Decimal) -> None:
        """Law: a Decimal baseline plus a Decimal delta gives the exact Decimal sum."""
        target = Target.increase(from_=baseline, by=delta)
        assert (Decimal, baseline + delta) == (type(target.target), target.target)


class TestMilestones:
    def test_done_as_of_a_day(self) -> None:
        """A milestone counts as done from its done_on day."""
        item = Milestone(title="printed", done_on=date(2026, 8, 12))
        assert (False, True) == (item.is_done(date(2026, 8, 11)), item.is_done(date(2026, 8, 12)))

    def test_checklist_needs_a_milestone(self) -> None:
        """An empty checklist is refused."""
        with pytest.raises(ValidationError, match="at least one milestone"):
            Checklist(milestones=())

    def test_total_weight(self) -> None:
        """The checklist's weight is the sum of its milestones'."""
        checklist = Checklist(
            milestones=[Milestone(title="a"), Milestone(title="b", weight=Decimal("2.5"))]
        )
        assert Decimal("3.5") == checklist.total_weight


def _check_in(day: int, value: int) -> CheckIn:
    return CheckIn(day=JULY_1 + timedelta(days=day), value=value)


check_ins = st.builds(_check_in, st.integers(0, 60), st.integers(-100, 100))


class TestHistory:
    @given(st.lists(check_ins, max_size=30))
    def test_sorted_whatever_the_arrival_order(self, items: list[CheckIn]) -> None:
        """Law: appending check-ins in any order leaves the history sorted by day."""
        history = History()
        for item in items:
            history = history.append(item)
        days = [c.day for c in history]
        assert sorted(days) == days
        assert set(items) == set(history)

    @given(st.lists(check_ins, max_size=30))
    def test_last_arrival_is_the_days_value(self, items: list[CheckIn]) -> None:
        """Law: a day's value is the last *new* check-in that arrived for it.

        A check-in identical to one already held is the same record sent again,
        so it does not count as a new arrival.
        """
        history = History(items)
        last_for_day: dict[date, CheckIn] = {}
        seen: set[CheckIn] = set()
        for item in items:
            if item not in seen:
                seen.add(item)
                last_for_day[item.day] = item
        assert sorted(last_for_day.values(), key=lambda c: c.day) == list(history.effective())

    def test_same_day_correction_supersedes_and_is_kept(self) -> None:
        """A second check-in on a day is that day's value; the first stays on record."""
        history = History([_check_in(0, 10)]).append(_check_in(0, 12))
        assert (12, 2) == (history.latest().value, len(history))  # type: ignore[union-attr]

    def test_identical_check_in_is_idempotent(self) -> None:
        """Replaying the same check-in changes nothing."""
        history = History([_check_in(0, 10)])
        assert history is history.append(_check_in(0, 10))

    def test_as_of(self) -> None:
        """as_of keeps what was known by the end of the day."""
        history = History([_check_in(d, d) for d in (0, 7, 14)])
        assert [0, 7] == [c.value for c in history.as_of(JULY_1 + timedelta(days=10))]
        assert history is history.as_of(JULY_1 + timedelta(days=30))

    def test_latest_and_first(self) -> None:
        """latest(day) is the check-in in force; before any check-in there is none."""
        history = History([_check_in(3, 30), _check_in(1, 10)])
        assert (None, 10, 30, 10) == (
            history.latest(JULY_1),
            history.latest(JULY_1 + timedelta(days=2)).value,  # type: ignore[union-attr]
            history.latest().value,  # type: ignore[union-attr]
            history.first().value,  # type: ignore[union-attr]
        )

    def test_between_includes_both_ends(self) -> None:
        """between() is a closed range of days."""
        history = History([_check_in(d, d) for d in range(10)])
        selected = history.between(JULY_1 + timedelta(days=2), JULY_1 + timedelta(days=4))
        assert [2, 3, 4] == [c.value for c in selected]

    def test_sequence_protocol(self) -> None:
        """A history indexes, slices and counts like a tuple."""
        history = History([_check_in(d, d) for d in range(3)])
        assert (1, 2, 3, True) == (history[1].value, len(history[1:]), len(history), bool(history))

    def test_only_check_ins(self) -> None:
        """A history holds check-ins and nothing else."""
        with pytest.raises(ValidationError):
            History([1, 2])  # type: ignore[list-item]
        with pytest.raises(ValidationError):
            History().append("x")  # type: ignore[arg-type]


numbers = st.one_of(
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.decimals(allow_nan=True, allow_infinity=True),
    st.fractions(),
    st.booleans(),
    st.text(max_size=3),
    st.none(),
)


class TestNumbers:
    @given(numbers)
    def test_invalid_numbers_never_get_in(self, value: object) -> None:
        """Law: a check-in either holds a finite number or is refused with a ValidationError."""
        try:
            check_in = CheckIn(day=JULY_1, value=value)  # type: ignore[arg-type]
        except ValidationError as error:
            path = error.path
            assert "value" == path
            return
        stored = check_in.value
        assert not isinstance(stored, bool)
        assert stored == stored  # noqa: PLR0124 - NaN would not equal itself
        assert abs(Fraction(stored)) >= 0  # finite: Fraction() refuses inf and NaN

    @given(numbers, numbers)
    def test_invalid_targets_never_get_in(self, baseline: object, goal: object) -> None:
        """Law: a target is built from two finite numbers or refused with a ValidationError."""
        try:
            target = Target(direction=Direction.INCREASE, baseline=baseline, target=goal)  # type: ignore[arg-type]
        except ValidationError:
            return
        assert isinstance(target.baseline, Number)
        assert isinstance(target.target, Number)
        assert Fraction(target.target) > Fraction(target.baseline)
