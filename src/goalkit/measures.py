"""What a goal measures: directions, targets, milestones, check-ins and their history.

A :class:`Target` says which way a number should move and how far:

>>> Target.increase(from_=20, to=120)
Target.increase(from_=20, to=120)
>>> Target.decrease(from_=48, to=24).direction
<Direction.DECREASE: 'decrease'>

Targets stated as a change resolve to absolute values, keeping the statement:

>>> from decimal import Decimal
>>> Target.increase(from_=Decimal("85.2"), by_percent=15).target
Decimal('97.98')
>>> Target.increase(to=80, by_percent=30).baseline
Fraction(800, 13)

A :class:`History` keeps check-ins in date order, whatever order they arrive in:

>>> history = History().append(CheckIn(day=date(2026, 8, 1), value=40))
>>> history = history.append(CheckIn(day=date(2026, 7, 1), value=25))
>>> [c.value for c in history]
[25, 40]
>>> history.latest(date(2026, 7, 15)).value
25
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from decimal import Decimal
from enum import Enum, StrEnum
from fractions import Fraction
from typing import Any, Self, cast, overload

import attrs

from goalkit._numbers import (
    Exact,
    Number,
    bounded,
    coerce,
    coerce_optional,
    exact,
    finite,
    fraction_to_decimal,
    is_plain_number,
    like,
    to_float,
)
from goalkit._show import show
from goalkit._validation import Problems, at, to_enum
from goalkit.exceptions import ValidationError
from goalkit.periods import check_day, require_day
from goalkit.ranges import NamedRange

__all__ = [
    "FIRST_CHECK_IN",
    "Binary",
    "Change",
    "CheckIn",
    "Checklist",
    "Checkpoint",
    "Direction",
    "FirstCheckIn",
    "History",
    "Measure",
    "Milestone",
    "Target",
    "Threshold",
]


class Direction(StrEnum):
    """Which way a measured value should go.

    * ``INCREASE`` / ``DECREASE``: move from a baseline to a target.
    * ``AT_LEAST`` / ``AT_MOST``: stay above / below a threshold.
    * ``WITHIN``: stay inside a band ``[low, high]``.
    """

    INCREASE = "increase"
    DECREASE = "decrease"
    AT_LEAST = "at_least"
    AT_MOST = "at_most"
    WITHIN = "within"

    @property
    def is_directional(self) -> bool:
        """Whether the target is a change from a baseline (increase or decrease)."""
        return self in (Direction.INCREASE, Direction.DECREASE)

    @property
    def sign(self) -> int:
        """+1 where higher is better, -1 where lower is better, 0 for bands."""
        if self in (Direction.INCREASE, Direction.AT_LEAST):
            return 1
        if self in (Direction.DECREASE, Direction.AT_MOST):
            return -1
        return 0


class FirstCheckIn(Enum):
    """Type of the :data:`FIRST_CHECK_IN` marker."""

    FIRST_CHECK_IN = "first_check_in"

    def __repr__(self) -> str:
        return "FIRST_CHECK_IN"


FIRST_CHECK_IN = FirstCheckIn.FIRST_CHECK_IN
"""The baseline marker that says the first check-in's value is the starting point."""


# attrs' mypy plugin needs named converter functions, one per field type. The
# number converters store numpy and pandas scalars as int or float; anything
# else is left as it is for the class's validation to report with its field.
def _number(value: Number) -> Number:
    kind = type(value)
    if kind is int or kind is float or kind is Decimal or kind is Fraction:
        return value  # the usual case, without a further call: one runs per check-in
    return cast(Number, coerce(value))


def _optional_number(value: Number | None) -> Number | None:
    kind = type(value)
    if value is None or kind is int or kind is float or kind is Decimal or kind is Fraction:
        return value
    return cast(Number, coerce(value))


def _baseline(value: Number | FirstCheckIn | None) -> Number | FirstCheckIn | None:
    return cast("Number | FirstCheckIn | None", coerce_optional(value))


_TO_DIRECTION = to_enum(Direction)


def _direction(value: Direction | str) -> Direction:
    return cast(Direction, _TO_DIRECTION(value))


def to_tuple(value: Any) -> Any:
    """Converter of a sequence field: any iterable but text becomes a tuple.

    Anything else (``None``, a number, a string) is left as it is, so the
    class's validation reports it with the field's name instead of a
    ``TypeError`` escaping from the converter.

    >>> to_tuple([1, 2]), to_tuple(5), to_tuple("ab")
    ((1, 2), 5, 'ab')
    """
    if type(value) is tuple:
        return value
    if isinstance(value, str | bytes):
        return value
    try:
        return tuple(value)
    except TypeError:
        return value


@attrs.frozen(kw_only=True)
class Change:
    """How a target was stated relative to its baseline.

    Attributes:
        amount: The size of the change, positive, in the target's direction.
        relative: ``False`` for an absolute delta ("+10 percentage points"),
            ``True`` for a percentage of the baseline ("+15 %").
    """

    amount: Number = attrs.field(converter=_number)
    relative: bool = False

    def __attrs_post_init__(self) -> None:
        problems = Problems()
        if problems.number("amount", self.amount) and self.amount <= 0:
            problems.add(
                "amount",
                self.amount,
                f"'amount' must be > 0; the direction gives the sign (got {show(self.amount)})",
            )
        if type(self.relative) is not bool:
            problems.add(
                "relative",
                self.relative,
                f"'relative' must be True or False (got {show(self.relative)})",
            )
        problems.raise_if_any()

    def _floats(self, value: Number, path: str) -> tuple[float, float] | None:
        """Both operands as floats when either is one (the float policy), else ``None``.

        Raises:
            ValidationError: when ``value`` is not a number goalkit accepts.
        """
        if not is_plain_number(value):
            problems = Problems()
            problems.number(path, value)
            problems.raise_if_any()
        if type(value) is not float and type(self.amount) is not float:
            return None
        return to_float(value, path), to_float(self.amount, "amount")

    def apply(self, baseline: Number, sign: int) -> Number:
        """The absolute target reached by applying the change to ``baseline``.

        Exact inputs give the exact result, in the baseline's type where that
        loses nothing, whatever the caller's decimal context; a float operand
        means float arithmetic.

        Raises:
            ValidationError: when the target cannot be computed: an exact
                operand no finite float can stand for meets a float, float
                arithmetic overflows, or the exact target would exceed the
                numbers goalkit accepts.

        >>> from decimal import Decimal
        >>> Change(amount=15, relative=True).apply(Decimal("85.2"), 1)
        Decimal('97.98')
        """
        baseline = _number(baseline)
        floats = self._floats(baseline, "baseline")
        if floats is not None:
            base, step = floats
            moved = base * (1 + sign * step / 100) if self.relative else base + sign * step
            return finite(moved, "target")
        exact_base, exact_step = Fraction(baseline), Fraction(self.amount)
        result: Exact = (
            exact_base * (1 + sign * exact_step / 100)
            if self.relative
            else exact_base + sign * exact_step
        )
        return like(bounded(result, "target"), baseline)

    def implied_baseline(self, target: Number, sign: int) -> Number:
        """The baseline from which the change reaches ``target``.

        Raises:
            ValidationError: when no baseline can reach ``target`` (a 100 % cut),
                or it cannot be computed (see :meth:`apply`).

        >>> Change(amount=10).implied_baseline(98, 1)
        88
        """
        target = _number(target)
        floats = self._floats(target, "target")
        if floats is not None:
            goal, step = floats
            if not self.relative:
                return finite(goal - sign * step, "baseline")
            factor = 1 + sign * step / 100
            if factor == 0:
                raise ValidationError.single(
                    "change", self.amount, "a 100 % decrease implies no baseline"
                )
            return finite(goal / factor, "baseline")
        exact_goal, exact_step = Fraction(target), Fraction(self.amount)
        if not self.relative:
            return like(bounded(exact_goal - sign * exact_step, "baseline"), target)
        exact_factor = 1 + sign * exact_step / 100
        if exact_factor == 0:
            raise ValidationError.single(
                "change", self.amount, "a 100 % decrease implies no baseline"
            )
        return like(bounded(exact_goal / exact_factor, "baseline"), target)

    def __str__(self) -> str:
        return f"{self.amount}{' %' if self.relative else ''}"


def _fmt(value: object) -> str:
    return repr(value)


def _change_text(change: object) -> str:
    if not isinstance(change, Change):
        return show(change)
    return f"{show(change.amount)}{' %' if change.relative else ''}"


@attrs.frozen(kw_only=True, repr=False)
class Target:
    """Where a metric should go, and from where.

    Prefer the named constructors :meth:`increase`, :meth:`decrease`,
    :meth:`at_least`, :meth:`at_most` and :meth:`within`; they derive the
    missing value of a target stated as a change.

    Attributes:
        direction: Which way the value should go.
        baseline: The starting value; :data:`FIRST_CHECK_IN` to take it from
            the first check-in; optional (``None``) for thresholds and bands.
        target: The value to reach (increase/decrease) or the threshold to stay
            on the right side of (at least/at most); ``None`` for bands, and for
            a change from a :data:`FIRST_CHECK_IN` baseline until it resolves.
        stretch: An optional value beyond the target.
        low: The band's lower edge (``WITHIN`` only), inclusive.
        high: The band's upper edge (``WITHIN`` only), inclusive.
        change: How the target was stated, when it was stated as a change.

    An increase or decrease whose target equals its baseline *holds* a value
    ("hold NPS at 50"): it is met, and scores 1, while the value is at the
    target or beyond it in the stated direction, and scores 0 otherwise.

    >>> Target.increase(from_=50, to=50)
    Target.increase(from_=50, to=50)

    Number fields take ``int``, ``Decimal``, ``Fraction`` and finite
    ``float``; numpy and pandas scalars are stored as ``int`` or ``float``.
    """

    direction: Direction = attrs.field(converter=_direction)
    baseline: Number | FirstCheckIn | None = attrs.field(default=None, converter=_baseline)
    target: Number | None = attrs.field(default=None, converter=_optional_number)
    stretch: Number | None = attrs.field(default=None, converter=_optional_number)
    low: Number | None = attrs.field(default=None, converter=_optional_number)
    high: Number | None = attrs.field(default=None, converter=_optional_number)
    change: Change | None = None

    def __attrs_post_init__(self) -> None:
        problems = Problems()
        direction_ok = problems.enum("direction", self.direction, Direction)
        baseline_ok = self.baseline is FIRST_CHECK_IN or problems.optional_number(
            "baseline", self.baseline
        )
        target_ok = problems.optional_number("target", self.target)
        stretch_ok = problems.optional_number("stretch", self.stretch)
        low_ok = problems.optional_number("low", self.low)
        high_ok = problems.optional_number("high", self.high)
        if self.change is not None and not isinstance(self.change, Change):
            problems.add(
                "change", self.change, f"'change' must be a Change (got {show(self.change)})"
            )
        direction = self.direction
        if not direction_ok:
            pass  # which fields belong depends on the direction
        elif direction is Direction.WITHIN:
            for name in ("target", "stretch", "change"):
                if getattr(self, name) is not None:
                    problems.add(
                        name, getattr(self, name), f"'{name}' has no meaning for a band target"
                    )
            for name in ("low", "high"):
                if getattr(self, name) is None:
                    problems.add(name, None, f"'{name}' is required for a band target")
            if low_ok and high_ok and self.low is not None and self.high is not None:
                problems.not_above("low", self.low, "high", self.high)
        else:
            for name in ("low", "high"):
                if getattr(self, name) is not None:
                    problems.add(
                        name,
                        getattr(self, name),
                        f"'{name}' is only for band targets (direction 'within')",
                    )
            self._check_line(problems, baseline_ok, target_ok, stretch_ok)
        problems.raise_if_any()

    def _check_line(
        self, problems: Problems, baseline_ok: bool, target_ok: bool, stretch_ok: bool
    ) -> None:
        direction = self.direction
        word = {
            Direction.INCREASE: "an increasing",
            Direction.DECREASE: "a decreasing",
            Direction.AT_LEAST: "an at-least",
            Direction.AT_MOST: "an at-most",
        }[direction]
        change = self.change if isinstance(self.change, Change) else None
        pending = self.baseline is FIRST_CHECK_IN and self.change is not None
        if self.target is None and not pending:
            problems.add("target", None, f"'target' is required for {word} target")
        if direction.is_directional and self.baseline is None:
            problems.add(
                "baseline",
                None,
                f"'baseline' is required for {word} target; use FIRST_CHECK_IN to take it "
                "from the first check-in",
            )
        if pending and self.target is not None:
            problems.add(
                "target",
                self.target,
                "give either 'target' or a change over a FIRST_CHECK_IN baseline, not both "
                f"(got {show(self.target)} and {_change_text(self.change)})",
            )
        if not direction.is_directional and self.change is not None:
            problems.add("change", self.change, f"'change' has no meaning for {word} target")
        sign = direction.sign
        base = self.baseline
        goal = self.target
        if (
            direction.is_directional
            and baseline_ok
            and target_ok
            and isinstance(base, Number)
            and goal is not None
        ):
            # A target equal to its baseline holds a value ("hold at 50"): it is met
            # while the value stays at the target or beyond it in the direction.
            if (goal < base) if sign > 0 else (goal > base):
                side = "above" if sign > 0 else "below"
                problems.add(
                    "target",
                    goal,
                    f"'target' must be {side} 'baseline' for {word} target "
                    f"(got {show(goal)} and {show(base)})",
                )
            elif change is not None:
                expected: Number | None = None
                with problems.under(""):
                    expected = change.apply(base, sign)
                if expected is not None and exact(expected) != exact(goal):
                    problems.add(
                        "target",
                        goal,
                        f"'target' does not match the stated change {_change_text(change)} "
                        f"from {show(base)} (got {show(goal)}, expected {show(expected)})",
                    )
        stretch = self.stretch
        if (
            stretch_ok
            and target_ok
            and stretch is not None
            and goal is not None
            and ((stretch <= goal) if sign > 0 else (stretch >= goal))
        ):
            side = "above" if sign > 0 else "below"
            problems.add(
                "stretch",
                stretch,
                f"'stretch' must be {side} 'target' (got {show(stretch)} and {show(goal)})",
            )

    # -- named constructors -------------------------------------------------

    @classmethod
    def _directional(  # noqa: PLR0917 - private, called from two places
        cls,
        direction: Direction,
        from_: Number | FirstCheckIn | None,
        to: Number | None,
        by: Number | None,
        by_percent: Number | None,
        stretch: Number | None,
    ) -> Self:
        # Every problem of the arguments together, and none from deriving the
        # missing value out of arguments already refused.
        problems = Problems()
        baseline = _baseline(from_)
        target = _optional_number(to)
        sign = direction.sign
        change = None
        if by is not None and by_percent is not None:
            problems.add("change", (by, by_percent), "give 'by' or 'by_percent', not both")
        elif by is not None:
            with problems.under(""):
                change = Change(amount=by)
        elif by_percent is not None:
            with problems.under(""):
                change = Change(amount=by_percent, relative=True)
        checked = {"baseline": False, "target": False}
        if (
            change is not None
            and target is None
            and not (baseline is None or baseline is FIRST_CHECK_IN)
        ):
            checked["baseline"] = True
            if problems.number("baseline", baseline):
                with problems.under(""):
                    target = change.apply(baseline, sign)
        elif change is not None and baseline is None and target is not None:
            checked["target"] = True
            if problems.number("target", target):
                with problems.under(""):
                    baseline = change.implied_baseline(target, sign)
        if problems:
            if not checked["baseline"] and baseline is not FIRST_CHECK_IN:
                problems.optional_number("baseline", baseline)
            if not checked["target"]:
                problems.optional_number("target", target)
            problems.optional_number("stretch", _optional_number(stretch))
            problems.raise_if_any()
        return cls(
            direction=direction,
            baseline=baseline,
            target=target,
            stretch=stretch,
            change=change,
        )

    @classmethod
    def increase(
        cls,
        from_: Number | FirstCheckIn | None = None,
        to: Number | None = None,
        *,
        by: Number | None = None,
        by_percent: Number | None = None,
        stretch: Number | None = None,
    ) -> Self:
        """Raise a value from ``from_`` to ``to``.

        Give two of the baseline, the target and the change (``by`` an absolute
        amount, ``by_percent`` a percentage of the baseline); the third is derived.

        >>> Target.increase(from_=88, by=10).target
        98
        >>> Target.increase(from_=FIRST_CHECK_IN, to=500_000)
        Target.increase(from_=FIRST_CHECK_IN, to=500000)
        """
        return cls._directional(Direction.INCREASE, from_, to, by, by_percent, stretch)

    @classmethod
    def decrease(
        cls,
        from_: Number | FirstCheckIn | None = None,
        to: Number | None = None,
        *,
        by: Number | None = None,
        by_percent: Number | None = None,
        stretch: Number | None = None,
    ) -> Self:
        """Bring a value down from ``from_`` to ``to`` (lower is better).

        ``by`` and ``by_percent`` are positive amounts of reduction.

        >>> from decimal import Decimal
        >>> Target.decrease(from_=48, to=24)
        Target.decrease(from_=48, to=24)
        >>> Target.decrease(from_=Decimal("40"), by_percent=25).target
        Decimal('30')
        """
        return cls._directional(Direction.DECREASE, from_, to, by, by_percent, stretch)

    @classmethod
    def at_least(
        cls, value: Number, *, stretch: Number | None = None, baseline: Number | None = None
    ) -> Self:
        """Stay at or above ``value``.

        >>> Target.at_least(95)
        Target.at_least(95)
        """
        return cls(direction=Direction.AT_LEAST, target=value, stretch=stretch, baseline=baseline)

    @classmethod
    def at_most(
        cls, value: Number, *, stretch: Number | None = None, baseline: Number | None = None
    ) -> Self:
        """Stay at or below ``value`` (for example a response time within 5 minutes).

        >>> Target.at_most(5).direction.sign
        -1
        """
        return cls(direction=Direction.AT_MOST, target=value, stretch=stretch, baseline=baseline)

    @classmethod
    def within(cls, low: Number, high: Number, *, baseline: Number | None = None) -> Self:
        """Stay inside the band from ``low`` to ``high``, both included.

        >>> Target.within(95, 105)
        Target.within(95, 105)
        """
        return cls(direction=Direction.WITHIN, low=low, high=high, baseline=baseline)

    # -- queries ------------------------------------------------------------

    @property
    def needs_first_check_in(self) -> bool:
        """Whether the baseline is taken from the first check-in."""
        return self.baseline is FIRST_CHECK_IN

    def resolved(self, baseline: Number) -> Target:
        """This target with a :data:`FIRST_CHECK_IN` baseline replaced by ``baseline``.

        A target stated as a change is recomputed from the new baseline. A target
        whose baseline is already a number is returned unchanged.

        Raises:
            ValidationError: if the resolved target is contradictory, for
                example a first check-in already past an increasing target.

        >>> Target.increase(from_=FIRST_CHECK_IN, by_percent=10).resolved(200).target
        220
        """
        if self.baseline is not FIRST_CHECK_IN:
            return self
        baseline = _number(baseline)
        problems = Problems()
        problems.number("baseline", baseline)
        problems.raise_if_any()
        target = self.target
        if self.change is not None:
            target = self.change.apply(baseline, self.direction.sign)
        return attrs.evolve(self, baseline=baseline, target=target)

    def __repr__(self) -> str:
        name = self.direction.value
        if self.direction is Direction.WITHIN:
            args = [_fmt(self.low), _fmt(self.high)]
            if self.baseline is not None:
                args.append(f"baseline={_fmt(self.baseline)}")
        elif self.direction.is_directional:
            args = [f"from_={_fmt(self.baseline)}"]
            if self.change is None or self.baseline is not FIRST_CHECK_IN:
                args.append(f"to={_fmt(self.target)}")
            if self.change is not None:
                key = "by_percent" if self.change.relative else "by"
                args.append(f"{key}={_fmt(self.change.amount)}")
        else:
            args = [_fmt(self.target)]
            if self.baseline is not None:
                args.append(f"baseline={_fmt(self.baseline)}")
        if self.stretch is not None:
            args.append(f"stretch={_fmt(self.stretch)}")
        return f"Target.{name}({', '.join(args)})"


def _milestones(value: Iterable[Milestone]) -> tuple[Milestone, ...]:
    return cast("tuple[Milestone, ...]", to_tuple(value))


def _check_ins(value: Iterable[CheckIn]) -> tuple[CheckIn, ...]:
    return cast("tuple[CheckIn, ...]", to_tuple(value))


@attrs.frozen(kw_only=True)
class Milestone:
    """One deliverable of a milestone key result.

    Attributes:
        title: What is delivered ("16-page brochure printed").
        weight: Its share of the key result, relative to its siblings.
        due: When it is due, if it has a date of its own.
        done_on: The day it was finished; ``None`` while open.
    """

    title: str
    weight: Number = attrs.field(default=1, converter=_number)
    due: date | None = None
    done_on: date | None = None

    def __attrs_post_init__(self) -> None:
        problems = Problems()
        problems.text("title", self.title)
        problems.non_negative("weight", self.weight)
        check_day(problems, "due", self.due, optional=True)
        check_day(problems, "done_on", self.done_on, optional=True)
        problems.raise_if_any()

    def is_done(self, at: date) -> bool:
        """Whether the milestone was finished on or before ``at``.

        Raises:
            ValidationError: when ``at`` is not a date.
        """
        day = require_day(at)
        return self.done_on is not None and self.done_on <= day


@attrs.frozen(kw_only=True)
class Checklist:
    """A weighted list of milestones; progress is the weighted share done.

    >>> Checklist(milestones=[Milestone(title="draft"), Milestone(title="print", weight=3)])
    Checklist(milestones=(Milestone(title='draft', ...), Milestone(title='print', weight=3, ...)))
    """

    milestones: tuple[Milestone, ...] = attrs.field(converter=_milestones)

    def __attrs_post_init__(self) -> None:
        problems = Problems()
        if not isinstance(self.milestones, tuple):
            problems.add(
                "milestones",
                self.milestones,
                f"'milestones' must be a list of Milestone (got {show(self.milestones)})",
            )
            problems.raise_if_any()
        if not self.milestones:
            problems.add("milestones", (), "'milestones' must name at least one milestone")
        for index, item in enumerate(self.milestones):
            if not isinstance(item, Milestone):
                problems.add(
                    at("milestones", index),
                    item,
                    f"'milestones' must hold Milestone objects (got {show(item)})",
                )
        if self.milestones and not problems and all(m.weight == 0 for m in self.milestones):
            problems.add(
                "milestones",
                tuple(m.weight for m in self.milestones),
                "milestone weights must not all be zero",
            )
        problems.raise_if_any()

    @property
    def total_weight(self) -> Number:
        """The sum of the milestone weights, exact unless a weight is a float.

        Whole weights give an ``int``, decimal ones a ``Decimal``, any
        ``Fraction`` a ``Fraction`` and any ``float`` a ``float``, whatever the
        caller's decimal context.

        >>> from decimal import Decimal
        >>> Checklist(milestones=[Milestone(title="a"), Milestone(title="b",
        ...     weight=Decimal("2.5"))]).total_weight
        Decimal('3.5')
        """
        weights = [m.weight for m in self.milestones]
        kinds = {type(w) for w in weights}
        if float in kinds:
            total = sum(
                (to_float(w, f"milestones[{i}].weight") for i, w in enumerate(weights)),
                start=0.0,
            )
            return finite(total, "total_weight")
        exact_total = sum((Fraction(w) for w in weights), start=Fraction(0))
        if Fraction in kinds:
            return exact_total
        if Decimal in kinds:
            as_decimal = fraction_to_decimal(exact_total)
            assert as_decimal is not None  # a sum of decimals terminates
            return as_decimal
        return int(exact_total)


@attrs.frozen(kw_only=True)
class Binary:
    """Done or not done: check-ins carry 1 (done) or 0 (not done).

    Attributes:
        due: When it should be done, if it has its own deadline.
    """

    due: date | None = None

    def __attrs_post_init__(self) -> None:
        problems = Problems()
        check_day(problems, "due", self.due, optional=True)
        problems.raise_if_any()


@attrs.frozen(kw_only=True)
class Checkpoint:
    """A phased target: the value a metric should have reached by ``day``.

    >>> Checkpoint(day=date(2026, 7, 31), value=30)
    Checkpoint(day=datetime.date(2026, 7, 31), value=30)
    """

    day: date
    value: Number = attrs.field(converter=_number)

    def __attrs_post_init__(self) -> None:
        problems = Problems()
        check_day(problems, "day", self.day)
        problems.number("value", self.value)
        problems.raise_if_any()


@attrs.frozen(kw_only=True, repr=False)
class Threshold(NamedRange):
    """A named range of a KPI's values, such as ``green`` from 95 up.

    A :class:`~goalkit.ranges.Range` with a name: ``None`` leaves an end open
    and :attr:`closed` declares which edges it includes (both, by default).
    Two thresholds of one KPI may touch but not overlap. A value on an edge
    that two touching thresholds both include goes to the better side of the
    KPI's polarity: the upper range when higher is better, the lower when
    lower is better, and for a within-range KPI the one nearer the middle of
    its good range. Declare the edges to decide otherwise.

    Attributes:
        name: The range's name (``red``, ``amber``, ``green`` or your own).

    >>> green = Threshold(name="green", low=95)
    >>> green.contains(95), str(green)
    (True, '[95, inf)')
    >>> Threshold(name="amber", low=90, high=95).overlaps(green)
    False
    >>> Threshold(name="amber", low=90, high=95, closed="low")
    Threshold(name='amber', low=90, high=95, closed='low')
    """


Measure = Target | Checklist | Binary
"""What a key result measures, a metric :class:`Target`, a :class:`Checklist` or :class:`Binary`."""


@attrs.frozen(kw_only=True)
class CheckIn:
    """One measurement: the value on a day, with how confident the owner is.

    Attributes:
        day: The day the value describes.
        value: The measured value (1 or 0 for binary key results).
        confidence: The owner's confidence of reaching the target, from 0 to 1
            (0.7 means 70 %); ``None`` when not given.
        note: Free text.
        author: Who reported it (an opaque id).
        recorded_at: When it was entered, if known (naive or aware, but the same
            kind throughout a history).

    >>> from decimal import Decimal
    >>> CheckIn(day=date(2026, 7, 31), value=Decimal("41.5"), confidence=0.6)
    CheckIn(day=datetime.date(2026, 7, 31), value=Decimal('41.5'), confidence=0.6, ...)
    """

    day: date
    value: Number = attrs.field(converter=_number)
    confidence: Number | None = attrs.field(default=None, converter=_optional_number)
    note: str = ""
    author: str | None = None
    recorded_at: datetime | None = None

    def __attrs_post_init__(self) -> None:
        # Fast path for the common, valid check-in: this runs once per check-in
        # of every import, so the collecting checker below is kept for the rest.
        confidence = self.confidence
        if (
            type(self.day) is date
            and is_plain_number(self.value)
            and (confidence is None or (is_plain_number(confidence) and 0 <= confidence <= 1))
            and type(self.note) is str
            and (self.author is None or type(self.author) is str)
            and self.recorded_at is None
        ):
            return
        self._validate()

    def _validate(self) -> None:
        problems = Problems()
        check_day(problems, "day", self.day)
        problems.number("value", self.value)
        confidence_ok = problems.optional_number("confidence", self.confidence)
        if confidence_ok and self.confidence is not None and not 0 <= self.confidence <= 1:
            problems.add(
                "confidence",
                self.confidence,
                f"'confidence' must be from 0 to 1 (got {show(self.confidence)}); "
                "write 70 % as 0.7",
            )
        if not isinstance(self.note, str):
            problems.add("note", self.note, f"'note' must be a string (got {show(self.note)})")
        if self.author is not None and not isinstance(self.author, str):
            problems.add(
                "author", self.author, f"'author' must be a string (got {show(self.author)})"
            )
        if self.recorded_at is not None and not isinstance(self.recorded_at, datetime):
            problems.add(
                "recorded_at",
                self.recorded_at,
                f"'recorded_at' must be a datetime (got {show(self.recorded_at)})",
            )
        problems.raise_if_any()


def _is_aware(moment: datetime) -> bool:
    return moment.tzinfo is not None and moment.utcoffset() is not None


@attrs.frozen(repr=False)
class History:
    """The check-ins of one goal, append-only and always in date order.

    * Check-ins are sorted by :attr:`CheckIn.day` whatever order they come in;
      check-ins on the same day keep the order they arrived in.
    * Several check-ins on the same day are all kept; the one that arrived last
      is that day's value (a correction supersedes, and the record stays).
    * A check-in identical in every field (``recorded_at`` included) to one
      already held is the same record sent again: it changes nothing, so
      replaying an import is harmless. Identical means the same values of the
      same types: ``Decimal("1.0")`` after ``1`` is a correction that
      supersedes, not a repeat. To correct a value back, send a new record
      (with its own ``recorded_at`` or note).
    * ``recorded_at`` timestamps must be all naive or all aware.

    Building a history sorts and de-duplicates in O(n log n), however many
    check-ins share a day.

    >>> day = date(2026, 7, 1)
    >>> h = History([CheckIn(day=day, value=1), CheckIn(day=day, value=2)])
    >>> h.latest().value, len(h)
    (2, 2)
    """

    check_ins: tuple[CheckIn, ...] = attrs.field(default=(), converter=_check_ins)
    _days: tuple[date, ...] = attrs.field(init=False, eq=False, hash=False)

    def __attrs_post_init__(self) -> None:
        problems = Problems()
        if not isinstance(self.check_ins, tuple):
            problems.add(
                "check_ins",
                self.check_ins,
                f"'check_ins' must be a list of CheckIn (got {show(self.check_ins)})",
            )
            problems.raise_if_any()
        aware: set[bool] = set()
        for index, item in enumerate(self.check_ins):
            if not isinstance(item, CheckIn):
                problems.add(
                    at("", index), item, f"a history holds CheckIn objects (got {show(item)})"
                )
            elif item.recorded_at is not None:
                aware.add(_is_aware(item.recorded_at))
                if len(aware) > 1:
                    problems.add(
                        f"[{index}].recorded_at",
                        item.recorded_at,
                        "'recorded_at' mixes naive and aware datetimes, which cannot be "
                        f"ordered (got {show(item.recorded_at)})",
                    )
                    aware = {_is_aware(item.recorded_at)}
        problems.raise_if_any()
        ordered = _dedupe(sorted(self.check_ins, key=_day_of))
        object.__setattr__(self, "check_ins", ordered)
        object.__setattr__(self, "_days", tuple(c.day for c in ordered))

    def append(self, check_in: CheckIn) -> History:
        """Return a history with ``check_in`` added in its place by date.

        It goes after the check-ins already held for its day, so it is that
        day's value; a check-in identical to one held (see above) changes
        nothing.

        >>> History().append(CheckIn(day=date(2026, 7, 1), value=3)).latest().value
        3
        """
        if not isinstance(check_in, CheckIn):
            raise ValidationError.single(
                "check_in", check_in, f"'check_in' must be a CheckIn (got {show(check_in)})"
            )
        low = bisect.bisect_left(self._days, check_in.day)
        index = bisect.bisect_right(self._days, check_in.day, lo=low)
        if low < index:
            key = _record(check_in)
            if any(_record(held) == key for held in self.check_ins[low:index]):
                return self
        if check_in.recorded_at is not None:
            stamps = [c.recorded_at for c in self.check_ins if c.recorded_at is not None]
            if stamps and _is_aware(stamps[0]) != _is_aware(check_in.recorded_at):
                raise ValidationError.single(
                    "recorded_at",
                    check_in.recorded_at,
                    "'recorded_at' mixes naive and aware datetimes, which cannot be "
                    f"ordered (got {show(check_in.recorded_at)})",
                )
        return History._sorted(
            (*self.check_ins[:index], check_in, *self.check_ins[index:]),
            (*self._days[:index], check_in.day, *self._days[index:]),
        )

    @classmethod
    def _sorted(cls, check_ins: tuple[CheckIn, ...], days: tuple[date, ...]) -> History:
        """A history of check-ins already validated, sorted and de-duplicated."""
        made = object.__new__(cls)
        object.__setattr__(made, "check_ins", check_ins)
        object.__setattr__(made, "_days", days)
        return made

    def as_of(self, day: date) -> History:
        """The history as it stood at the end of ``day``.

        Raises:
            ValidationError: when ``day`` is not a date.

        >>> h = History([CheckIn(day=date(2026, 7, d), value=d) for d in (1, 8, 15)])
        >>> [c.value for c in h.as_of(date(2026, 7, 10))]
        [1, 8]
        """
        index = bisect.bisect_right(self._days, require_day(day, "day"))
        if index == len(self.check_ins):
            return self
        return History._sorted(self.check_ins[:index], self._days[:index])

    def latest(self, day: date | None = None) -> CheckIn | None:
        """The check-in in force at the end of ``day`` (or overall), or ``None``.

        Raises:
            ValidationError: when ``day`` is neither ``None`` nor a date.

        >>> History().latest("2026-07-02")
        Traceback (most recent call last):
        ...
        goalkit.exceptions.ValidationError: day: 'day' must be a date (got '2026-07-02')
        """
        if day is None:
            index = len(self.check_ins)
        else:
            index = bisect.bisect_right(self._days, require_day(day, "day"))
        return self.check_ins[index - 1] if index else None

    def first(self) -> CheckIn | None:
        """The earliest check-in, or ``None``."""
        return self.check_ins[0] if self.check_ins else None

    def effective(self) -> tuple[CheckIn, ...]:
        """One check-in per day: the last one that arrived for that day.

        >>> day = date(2026, 7, 1)
        >>> h = History([CheckIn(day=day, value=1), CheckIn(day=day, value=2)])
        >>> [c.value for c in h.effective()]
        [2]
        """
        items = self.check_ins
        return tuple(
            item
            for i, item in enumerate(items)
            if i + 1 == len(items) or items[i + 1].day != item.day
        )

    def between(self, start: date, end: date) -> tuple[CheckIn, ...]:
        """Check-ins from ``start`` to ``end``, both included.

        Raises:
            ValidationError: when ``start`` or ``end`` is not a date (both are
                reported).
        """
        if type(start) is not date or type(end) is not date:
            problems = Problems()
            check_day(problems, "start", start)
            check_day(problems, "end", end)
            problems.raise_if_any()
        low = bisect.bisect_left(self._days, start)
        high = bisect.bisect_right(self._days, end)
        return self.check_ins[low:high]

    @overload
    def __getitem__(self, index: int) -> CheckIn: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[CheckIn, ...]: ...
    def __getitem__(self, index: int | slice) -> CheckIn | tuple[CheckIn, ...]:
        return self.check_ins[index]

    def __iter__(self) -> Iterator[CheckIn]:
        return iter(self.check_ins)

    def __len__(self) -> int:
        return len(self.check_ins)

    def __bool__(self) -> bool:
        return bool(self.check_ins)

    def __repr__(self) -> str:
        return f"History({list(self.check_ins)!r})"


def _day_of(check_in: CheckIn) -> date:
    return check_in.day


def _same(value: object) -> object:
    """A key equal only for the same number of the same type, written the same way.

    ``1 == Decimal("1.0") == 1.0`` in Python, but three records that say so are
    three different records; so are ``Decimal("1.0")`` and ``Decimal("1.00")``
    and ``0.0`` and ``-0.0``. Other values are their own key (with their type,
    which :func:`_record` adds).
    """
    kind = type(value)
    if kind is Decimal:
        return cast(Decimal, value).as_tuple()
    if kind is float:
        return value, math.copysign(1.0, cast(float, value))
    return value


def _record(check_in: CheckIn) -> tuple[object, ...]:
    """What makes a check-in the same record: every field, numbers with their types."""
    value, confidence, stamp = check_in.value, check_in.confidence, check_in.recorded_at
    return (
        check_in.day,
        type(value),
        value if type(value) is int else _same(value),
        type(confidence),
        confidence if confidence is None else _same(confidence),
        check_in.note,
        check_in.author,
        type(stamp),
        stamp,
    )


def _dedupe(items: list[CheckIn]) -> tuple[CheckIn, ...]:
    """Drop repeats of a record, keeping the first; ``items`` are sorted by day.

    Repeats share their day, so each day's run keeps a set of the records seen,
    made only once a second check-in arrives for that day: linear after the sort.
    """
    kept: list[CheckIn] = []
    append = kept.append
    day: date | None = None
    seen: set[tuple[object, ...]] | None = None
    for item in items:
        if item.day != day:
            day = item.day
            seen = None
        else:
            if seen is None:
                seen = {_record(kept[-1])}
            key = _record(item)
            if key in seen:
                continue
            seen.add(key)
        append(item)
    return tuple(kept)
