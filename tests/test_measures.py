"""Tests for goalkit.measures: targets, milestones, check-ins and histories."""

from __future__ import annotations

import decimal
from collections.abc import Callable
from datetime import date, datetime, timedelta
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
    Checkpoint,
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
        """Law: a target is built from two finite numbers or refused with a ValidationError.

        An increasing target never lies below its baseline; it may equal it (a hold-at target).
        """
        try:
            target = Target(direction=Direction.INCREASE, baseline=baseline, target=goal)  # type: ignore[arg-type]
        except ValidationError:
            return
        assert isinstance(target.baseline, Number)
        assert isinstance(target.target, Number)
        assert Fraction(target.target) >= Fraction(target.baseline)


# -- issue 11: every promise kept ---------------------------------------------

HUGE = (Decimal("1E+10000000"), 10**5000, Fraction(1, 10**5000), -(10**5000))
HUGE_IDS = ("1E+10000000", "10**5000", "1|10**5000", "-10**5000")


class TestForeignNumbers:
    """numpy and pandas scalars are accepted and stored as Python numbers."""

    def test_numpy_check_in_values_become_python_numbers(self) -> None:
        """CheckIn(value=np.int64(3)) stores the int 3; np.float64 is stored as a float."""
        np = pytest.importorskip("numpy")
        whole = CheckIn(day=JULY_1, value=np.int64(3), confidence=np.float64(0.5))
        real = CheckIn(day=JULY_1, value=np.float64(2.5))
        assert (int, 3, float, 0.5, float) == (
            type(whole.value),
            whole.value,
            type(whole.confidence),
            whole.confidence,
            type(real.value),
        )

    def test_numpy_target_fields_become_python_numbers(self) -> None:
        """Every number field of a target takes numpy scalars and stores int or float."""
        np = pytest.importorskip("numpy")
        line = Target.increase(from_=np.int64(0), to=np.int64(10), stretch=np.float64(12.5))
        band = Target.within(np.int32(1), np.float32(2.5), baseline=np.int16(2))
        stored = (line.baseline, line.target, line.stretch, band.low, band.high, band.baseline)
        assert [int, int, float, int, float, int] == [type(v) for v in stored]
        assert (0, 10, 12.5, 1, 2.5, 2) == stored

    def test_numpy_changes_derive_the_target(self) -> None:
        """Target.increase(from_=np.int64(0), by=...) derives its target like plain ints."""
        np = pytest.importorskip("numpy")
        target = Target.increase(from_=np.int64(0), by=np.int64(5))
        assert Target.increase(from_=0, by=5) == target
        assert (int, int) == (type(target.target), type(target.change.amount))  # type: ignore[union-attr]

    def test_numpy_milestones_and_checkpoints(self) -> None:
        """Milestone weights and checkpoint values take numpy scalars too."""
        np = pytest.importorskip("numpy")
        milestone = Milestone(title="a", weight=np.int64(2))
        point = Checkpoint(day=JULY_1, value=np.float64(1.5))
        assert (int, float) == (type(milestone.weight), type(point.value))


class TestAdmission:
    """Exact numbers past the admission limit are refused up front."""

    @pytest.mark.parametrize("value", HUGE, ids=HUGE_IDS)
    def test_check_in_values(self, value: Number) -> None:
        """A check-in of a hostile number is a ValidationError naming the limit."""
        with pytest.raises(ValidationError, match="numbers are limited to 1,000 digits") as caught:
            CheckIn(day=JULY_1, value=value)
        assert "value" == caught.value.path

    @pytest.mark.parametrize("value", HUGE, ids=HUGE_IDS)
    def test_every_number_field(self, value: Number) -> None:
        """Targets, changes, milestones, checkpoints and confidences apply the same limit."""
        attempts: dict[str, Callable[[], object]] = {
            "baseline": lambda: Target(direction=Direction.AT_LEAST, target=1, baseline=value),
            "target": lambda: Target.at_most(value),
            "low": lambda: Target.within(value, 10**6000),
            "amount": lambda: Change(amount=value),
            "weight": lambda: Milestone(title="a", weight=value),
            "confidence": lambda: CheckIn(day=JULY_1, value=1, confidence=value),
        }
        paths = []
        for build in attempts.values():
            with pytest.raises(ValidationError) as caught:
                build()
            paths.append(caught.value.path)
        assert list(attempts) == paths

    def test_the_limit_is_said(self) -> None:
        """The message says which way the number is out of range."""
        with pytest.raises(ValidationError) as large:
            CheckIn(day=JULY_1, value=10**5000)
        with pytest.raises(ValidationError) as precise:
            CheckIn(day=JULY_1, value=Fraction(1, 10**5000))
        assert ("too large", "too precise") == (
            large.value.message.split(":")[0].removeprefix("'value' is "),
            precise.value.message.split(":")[0].removeprefix("'value' is "),
        )


def _in_context(precision: int, build: Callable[[], Target]) -> Target:
    with decimal.localcontext() as context:
        context.prec = precision
        return build()


class TestDerivedTargets:
    def test_long_decimals_keep_every_digit(self) -> None:
        """A 29-digit baseline plus 1 keeps its last digits (no rounding to 28)."""
        target = Target.increase(from_=Decimal("1234567890123456789012345678.9"), by=1)
        assert Decimal("1234567890123456789012345679.9") == target.target

    def test_the_callers_decimal_context_changes_nothing(self) -> None:
        """With decimal.getcontext().prec = 5 the derived values are the same."""
        builds: list[Callable[[], Target]] = [
            lambda: Target.increase(from_=Decimal("1234567890123456789012345678.9"), by=1),
            lambda: Target.increase(from_=Decimal("85.2"), by_percent=15),
            lambda: Target.decrease(to=Decimal("123456.789"), by=Decimal("0.001")),
        ]
        assert [build() for build in builds] == [_in_context(5, build) for build in builds]

    @given(
        st.decimals(allow_nan=False, allow_infinity=False, min_value=-(10**40), max_value=10**40),
        st.decimals(allow_nan=False, allow_infinity=False, min_value=1, max_value=10**6),
        st.booleans(),
        st.integers(1, 27),
    )
    def test_exact_whatever_the_context(
        self, baseline: Decimal, amount: Decimal, relative: bool, precision: int
    ) -> None:
        """Law: a derived target is the exact result of the change, whatever the precision."""
        if relative:
            baseline = abs(baseline)  # a percentage rise of a negative baseline goes down
        make: Callable[[], Target] = (
            (lambda: Target.increase(from_=baseline, by_percent=amount))
            if relative
            else (lambda: Target.increase(from_=baseline, by=amount))
        )
        before = decimal.getcontext().prec
        target = _in_context(precision, make)
        assert before == decimal.getcontext().prec  # the context is restored
        step = Fraction(amount)
        expected = Fraction(baseline) * (1 + step / 100) if relative else Fraction(baseline) + step
        assert target.target is not None
        assert expected == Fraction(target.target)
        assert make() == target

    @pytest.mark.parametrize(
        ("build", "path", "words"),
        [
            (
                lambda: Target.increase(from_=Decimal("1E+400"), by_percent=1.5),
                "baseline",
                "too large to compute with floats",
            ),
            (
                lambda: Target.increase(from_=1.5, by_percent=Fraction(1, 10**400)),
                "amount",
                "too small to compute with floats",
            ),
            (
                lambda: Target.increase(from_=1e308, by_percent=100.0),
                "target",
                "overflows float arithmetic",
            ),
            (
                lambda: Target.decrease(to=1e308, by_percent=99.9999999),
                "baseline",
                "overflows float arithmetic",
            ),
            (
                lambda: Target.increase(from_=Decimal("9E+999"), by=Decimal("9E+999")),
                "target",
                "is too large",
            ),
        ],
    )
    def test_results_that_cannot_be_computed(
        self, build: Callable[[], Target], path: str, words: str
    ) -> None:
        """Floats meeting huge exact values, or overflowing, are ValidationErrors, never inf."""
        with pytest.raises(ValidationError, match=words) as caught:
            build()
        assert path == caught.value.path

    @pytest.mark.parametrize("baseline", [Decimal("NaN"), Decimal("sNaN"), float("inf"), "ten"])
    def test_a_bad_baseline_is_named_before_deriving(self, baseline: object) -> None:
        """Target.increase(from_=Decimal('NaN'), by=1) names the baseline, nothing else."""
        with pytest.raises(ValidationError) as caught:
            Target.increase(from_=baseline, by=1)  # type: ignore[arg-type]
        assert ["baseline"] == [p.path for p in caught.value.problems]

    def test_every_argument_problem_at_once(self) -> None:
        """A bad change, baseline and stretch are reported together."""
        with pytest.raises(ValidationError) as caught:
            Target.increase(from_="x", by=-5, stretch="y")  # type: ignore[arg-type]
        assert ["amount", "baseline", "stretch"] == [p.path for p in caught.value.problems]

    def test_relative_must_be_a_bool(self) -> None:
        """A change is relative or not; text such as 'yes' is refused."""
        with pytest.raises(ValidationError, match="'relative' must be True or False"):
            Change(amount=1, relative="yes")  # type: ignore[arg-type]


class TestDirection:
    @pytest.mark.parametrize("direction", ["bogus", None, 3])
    def test_unknown_direction(self, direction: object) -> None:
        """Target(direction='bogus') is a ValidationError listing the directions."""
        with pytest.raises(ValidationError) as caught:
            Target(direction=direction, target=1)  # type: ignore[arg-type]
        assert ("direction", direction) == (caught.value.path, caught.value.value)
        assert caught.value.message.startswith(
            "'direction' must be one of 'increase', 'decrease', 'at_least', 'at_most', 'within'"
        )

    def test_direction_and_number_problems_together(self) -> None:
        """Every problem of the target comes together, the direction's included."""
        with pytest.raises(ValidationError) as caught:
            Target(direction="up", target="x")  # type: ignore[arg-type]
        assert ["direction", "target"] == [p.path for p in caught.value.problems]


class TestHoldAt:
    @pytest.mark.parametrize(
        "target", [Target.increase(from_=50, to=50), Target.decrease(from_=2, to=2)]
    )
    def test_start_equal_to_target_is_accepted(self, target: Target) -> None:
        """'Hold at 50' imports: a target equal to its baseline is a valid target."""
        assert target.baseline == target.target

    def test_a_first_check_in_at_the_target_resolves(self) -> None:
        """A first check-in equal to the target resolves to a hold-at target."""
        resolved = Target.increase(from_=FIRST_CHECK_IN, to=50).resolved(50)
        assert Target.increase(from_=50, to=50) == resolved

    def test_the_wrong_side_is_still_refused(self) -> None:
        """Only the target below the baseline of an increase is refused."""
        with pytest.raises(ValidationError, match="must be above 'baseline'"):
            Target.increase(from_=50, to=49)

    @pytest.mark.parametrize(
        ("target", "values", "expected"),
        [
            (Target.increase(from_=50, to=50), (49, 50, 51), [0, 1, 1]),
            (Target.decrease(from_=2, to=2), (1.5, 2.0, 2.5), [1.0, 1.0, 0.0]),
            (Target.increase(from_=Decimal(50), to=Decimal(50)), (Decimal("49.9"),), [0]),
        ],
    )
    def test_met_in_the_stated_direction(
        self, target: Target, values: tuple[Number, ...], expected: list[Number]
    ) -> None:
        """Progress is 1 when the value reaches the target in its direction, else 0."""
        from goalkit.scoring import ProgressPolicy

        assert expected == [ProgressPolicy().of_value(target, value) for value in values]

    def test_evaluation_gives_the_same_meaning(self) -> None:
        """Evaluating a plan scores a hold-at key result met or not met."""
        from goalkit import KeyResult, Objective, Period, Plan, evaluate

        def held(value: int) -> Number | None:
            kr = KeyResult.metric(
                id="kr",
                title="Hold NPS at 50",
                target=Target.increase(from_=50, to=50),
                history=[CheckIn(day=JULY_1, value=value)],
            )
            objective = Objective(
                id="o", title="o", owner="x", level="team", period=Period.quarter(2026, 3),
                key_results=[kr],
            )  # fmt: skip
            evaluation = evaluate(Plan(objectives=[objective]), at=date(2026, 7, 2))
            return evaluation.progress("kr")

        assert [0, 1, 1] == [held(49), held(50), held(52)]


class TestMilestoneWeights:
    @pytest.mark.parametrize(
        ("weights", "expected"),
        [
            ((1, 2), 3),
            ((1, Decimal("2.5")), Decimal("3.5")),
            ((Decimal(1), Fraction(1, 3)), Fraction(4, 3)),
            ((1, 0.5), 1.5),
        ],
    )
    def test_total_weight_of_mixed_types(
        self, weights: tuple[Number, ...], expected: Number
    ) -> None:
        """Decimal and Fraction weights add up exactly; a float weight gives a float."""
        checklist = Checklist(milestones=[Milestone(title=str(w), weight=w) for w in weights])
        total = checklist.total_weight
        assert (type(expected), expected) == (type(total), total)

    def test_total_weight_ignores_the_decimal_context(self) -> None:
        """Long decimal weights are summed exactly even with prec = 5."""
        checklist = Checklist(
            milestones=[Milestone(title="a", weight=Decimal("1.000000001")), Milestone(title="b")]
        )
        with decimal.localcontext() as context:
            context.prec = 5
            total = checklist.total_weight
        assert Decimal("2.000000001") == total

    def test_milestones_must_be_a_list(self) -> None:
        """Checklist(milestones=5) is a ValidationError, not a TypeError."""
        with pytest.raises(ValidationError, match=r"'milestones' must be a list of Milestone"):
            Checklist(milestones=5)  # type: ignore[arg-type]

    def test_is_done_needs_a_day(self) -> None:
        """is_done('2026-07-01') is a ValidationError."""
        with pytest.raises(ValidationError, match="'at' must be a date"):
            Milestone(title="a").is_done("2026-07-01")  # type: ignore[arg-type]


mixed_values = st.sampled_from(
    (1, 1.0, Decimal("1"), Decimal("1.0"), Decimal("1.00"), Fraction(1), 2, 0.0, -0.0)
)
mixed_check_ins = st.builds(
    lambda day, value: CheckIn(day=JULY_1 + timedelta(days=day), value=value),
    st.integers(0, 2),
    mixed_values,
)


def _identity(check_in: CheckIn) -> tuple[object, ...]:
    value = check_in.value
    written = value.as_tuple() if isinstance(value, Decimal) else repr(value)
    return (check_in.day, type(value), written)


class TestSameDayRecords:
    def test_a_decimal_after_an_int_supersedes(self) -> None:
        """Decimal('1.0') after 1 on one day is a correction: kept, and the day's value."""
        history = History([CheckIn(day=JULY_1, value=1), CheckIn(day=JULY_1, value=Decimal("1.0"))])
        latest = history.latest()
        assert (2, Decimal, Decimal("1.0")) == (len(history), type(latest.value), latest.value)  # type: ignore[union-attr]

    def test_append_keeps_a_value_of_another_type(self) -> None:
        """Appending 1.0 after 1 adds a record; appending 1 again changes nothing."""
        history = History([CheckIn(day=JULY_1, value=1)])
        grown = history.append(CheckIn(day=JULY_1, value=1.0))
        assert (2, float) == (len(grown), type(grown.latest().value))  # type: ignore[union-attr]
        assert history is history.append(CheckIn(day=JULY_1, value=1))

    @pytest.mark.parametrize(
        ("first", "second"),
        [(Decimal("1.0"), Decimal("1.00")), (0.0, -0.0), (1, Fraction(1)), (1, 1.0)],
    )
    def test_equal_values_written_differently_are_distinct(
        self, first: Number, second: Number
    ) -> None:
        """Equal numbers of another type, or written another way, are distinct records."""
        history = History([CheckIn(day=JULY_1, value=first), CheckIn(day=JULY_1, value=second)])
        assert 2 == len(history)

    def test_other_fields_still_count(self) -> None:
        """A same-day check-in differing only in its note is a new record."""
        one = CheckIn(day=JULY_1, value=1)
        history = History([one, CheckIn(day=JULY_1, value=1, note="again"), one])
        assert ["", "again"] == [c.note for c in history]

    @given(st.lists(mixed_check_ins, max_size=30))
    def test_only_identical_records_are_repeats(self, items: list[CheckIn]) -> None:
        """Law: a day's value is its last arrival not identical (value, type) to an earlier one."""
        history = History(items)
        last_for_day: dict[date, CheckIn] = {}
        seen: set[tuple[object, ...]] = set()
        kept = 0
        for item in items:
            if _identity(item) not in seen:
                seen.add(_identity(item))
                last_for_day[item.day] = item
                kept += 1
        expected = [_identity(c) for c in sorted(last_for_day.values(), key=lambda c: c.day)]
        assert expected == [_identity(c) for c in history.effective()]
        assert kept == len(history)

    @given(st.lists(mixed_check_ins, max_size=20))
    def test_append_agrees_with_building(self, items: list[CheckIn]) -> None:
        """Law: appending check-ins one by one gives the history built from them at once."""
        history = History()
        for item in items:
            history = history.append(item)
        assert [_identity(c) for c in History(items)] == [_identity(c) for c in history]

    def test_many_same_day_check_ins(self) -> None:
        """Thousands of same-day check-ins, repeats among them, keep one record each."""
        items = [CheckIn(day=JULY_1, value=i % 2000) for i in range(6000)]
        history = History(items)
        assert (2000, 1999) == (len(history), history.latest().value)  # type: ignore[union-attr]


class TestHistoryArguments:
    def test_none_is_no_list_of_check_ins(self) -> None:
        """History(None) is a ValidationError naming check_ins."""
        with pytest.raises(
            ValidationError, match="'check_ins' must be a list of CheckIn"
        ) as caught:
            History(None)  # type: ignore[arg-type]
        assert "check_ins" == caught.value.path

    @pytest.mark.parametrize(
        ("query", "path"),
        [
            (lambda h: h.latest("2026-07-02"), "day"),
            (lambda h: h.as_of(datetime(2026, 7, 2, 12)), "day"),  # noqa: DTZ001
            (lambda h: h.between("2026-07-01", date(2026, 7, 2)), "start"),
        ],
    )
    def test_queries_need_days(self, query: Callable[[History], object], path: str) -> None:
        """latest, as_of and between refuse anything but a date with a ValidationError."""
        history = History([_check_in(0, 1), _check_in(3, 2)])
        with pytest.raises(ValidationError) as caught:
            query(history)
        assert path == caught.value.path

    def test_between_reports_both_ends(self) -> None:
        """Two bad ends give two problems."""
        with pytest.raises(ValidationError) as caught:
            History().between("a", 5)  # type: ignore[arg-type]
        assert ["start", "end"] == [p.path for p in caught.value.problems]


class TestChangeArguments:
    @pytest.mark.parametrize("value", ["1/3", None, Decimal("NaN"), True])
    def test_apply_and_implied_baseline_need_numbers(self, value: object) -> None:
        """A change applied to text ('1/3' would parse as a Fraction) is a ValidationError."""
        change = Change(amount=10)
        with pytest.raises(ValidationError) as applied:
            change.apply(value, 1)  # type: ignore[arg-type]
        with pytest.raises(ValidationError) as implied:
            change.implied_baseline(value, 1)  # type: ignore[arg-type]
        assert ("baseline", "target") == (applied.value.path, implied.value.path)

    def test_resolved_needs_a_number(self) -> None:
        """Resolving a first-check-in target with text is a ValidationError naming the baseline."""
        with pytest.raises(ValidationError) as caught:
            Target.increase(from_=FIRST_CHECK_IN, by=1).resolved("5")  # type: ignore[arg-type]
        assert "baseline" == caught.value.path

    def test_resolved_stores_python_numbers(self) -> None:
        """A numpy first check-in resolves to a target of Python numbers."""
        np = pytest.importorskip("numpy")
        resolved = Target.increase(from_=FIRST_CHECK_IN, by_percent=10).resolved(np.int64(200))
        assert (int, 220, int) == (type(resolved.baseline), resolved.target, type(resolved.target))
