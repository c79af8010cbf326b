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
from enum import Enum, StrEnum
from typing import Self, overload

import attrs

from goalkit._numbers import Number, exact, is_plain_number, like
from goalkit._show import show
from goalkit._validation import Problems, at
from goalkit.exceptions import ValidationError
from goalkit.periods import check_day

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


@attrs.frozen(kw_only=True)
class Change:
    """How a target was stated relative to its baseline.

    Attributes:
        amount: The size of the change, positive, in the target's direction.
        relative: ``False`` for an absolute delta ("+10 percentage points"),
            ``True`` for a percentage of the baseline ("+15 %").
    """

    amount: Number
    relative: bool = False

    def __attrs_post_init__(self) -> None:
        problems = Problems()
        if problems.number("amount", self.amount) and self.amount <= 0:
            problems.add(
                "amount",
                self.amount,
                f"'amount' must be > 0; the direction gives the sign (got {show(self.amount)})",
            )
        problems.raise_if_any()

    def apply(self, baseline: Number, sign: int) -> Number:
        """The absolute target reached by applying the change to ``baseline``."""
        base = exact(baseline)
        step = exact(self.amount)
        result = base * (1 + sign * step / 100) if self.relative else base + sign * step
        return like(result, baseline if not isinstance(self.amount, float) else self.amount)

    def implied_baseline(self, target: Number, sign: int) -> Number:
        """The baseline from which the change reaches ``target``.

        Raises:
            ValidationError: when no baseline can reach ``target`` (a 100 % cut).
        """
        goal = exact(target)
        step = exact(self.amount)
        if self.relative:
            factor = 1 + sign * step / 100
            if factor == 0:
                raise ValidationError.single(
                    "change", self.amount, "a 100 % decrease implies no baseline"
                )
            result = goal / factor
        else:
            result = goal - sign * step
        return like(result, target if not isinstance(self.amount, float) else self.amount)

    def __str__(self) -> str:
        return f"{self.amount}{' %' if self.relative else ''}"


def _fmt(value: object) -> str:
    return repr(value)


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
    """

    direction: Direction = attrs.field(converter=Direction)
    baseline: Number | FirstCheckIn | None = None
    target: Number | None = None
    stretch: Number | None = None
    low: Number | None = None
    high: Number | None = None
    change: Change | None = None

    def __attrs_post_init__(self) -> None:
        problems = Problems()
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
        if direction is Direction.WITHIN:
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
                f"(got {_fmt(self.target)} and {self.change})",
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
            if goal == base:
                problems.add(
                    "target",
                    goal,
                    f"'target' must differ from 'baseline' for {word} target "
                    f"(got {_fmt(goal)} and {_fmt(base)})",
                )
            elif (goal < base) if sign > 0 else (goal > base):
                side = "above" if sign > 0 else "below"
                problems.add(
                    "target",
                    goal,
                    f"'target' must be {side} 'baseline' for {word} target "
                    f"(got {_fmt(goal)} and {_fmt(base)})",
                )
            elif self.change is not None and isinstance(self.change, Change):
                expected = self.change.apply(base, sign)
                if exact(expected) != exact(goal):
                    problems.add(
                        "target",
                        goal,
                        f"'target' does not match the stated change {self.change} from "
                        f"{_fmt(base)} (got {_fmt(goal)}, expected {_fmt(expected)})",
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
                f"'stretch' must be {side} 'target' (got {_fmt(stretch)} and {_fmt(goal)})",
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
        if by is not None and by_percent is not None:
            raise ValidationError.single(
                "change", (by, by_percent), "give 'by' or 'by_percent', not both"
            )
        change = None
        if by is not None:
            change = Change(amount=by)
        elif by_percent is not None:
            change = Change(amount=by_percent, relative=True)
        baseline: Number | FirstCheckIn | None = from_
        target = to
        if change is not None:
            if isinstance(from_, Number) and to is None:
                target = change.apply(from_, direction.sign)
            elif from_ is None and to is not None:
                problems = Problems()
                if problems.number("target", to):
                    baseline = change.implied_baseline(to, direction.sign)
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
    return tuple(value)


def _check_ins(value: Iterable[CheckIn]) -> tuple[CheckIn, ...]:
    return tuple(value)


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
    weight: Number = 1
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
        """Whether the milestone was finished on or before ``at``."""
        return self.done_on is not None and self.done_on <= at


@attrs.frozen(kw_only=True)
class Checklist:
    """A weighted list of milestones; progress is the weighted share done.

    >>> Checklist(milestones=[Milestone(title="draft"), Milestone(title="print", weight=3)])
    Checklist(milestones=(Milestone(title='draft', ...), Milestone(title='print', weight=3, ...)))
    """

    milestones: tuple[Milestone, ...] = attrs.field(converter=_milestones)

    def __attrs_post_init__(self) -> None:
        problems = Problems()
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
        """The sum of the milestone weights."""
        return sum((m.weight for m in self.milestones), start=0)


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
    value: Number

    def __attrs_post_init__(self) -> None:
        problems = Problems()
        check_day(problems, "day", self.day)
        problems.number("value", self.value)
        problems.raise_if_any()


def _bound(value: Number | None, default: float) -> Number:
    return default if value is None else value


@attrs.frozen(kw_only=True)
class Threshold:
    """A named range of a KPI's values, such as ``green`` from 95 up.

    Both edges are included; ``None`` leaves that end open. Two ranges of one
    KPI may touch (share an edge) but not overlap; which of two touching ranges
    an edge value belongs to is decided by the KPI's polarity when scoring.

    >>> Threshold(name="green", low=95).contains(95)
    True
    >>> Threshold(name="amber", low=90, high=95).overlaps(Threshold(name="green", low=95))
    False
    """

    name: str
    low: Number | None = None
    high: Number | None = None

    def __attrs_post_init__(self) -> None:
        problems = Problems()
        problems.text("name", self.name)
        low_ok = problems.optional_number("low", self.low)
        high_ok = problems.optional_number("high", self.high)
        if low_ok and high_ok and self.low is not None and self.high is not None:
            problems.not_above("low", self.low, "high", self.high)
        problems.raise_if_any()

    def contains(self, value: Number) -> bool:
        """Whether ``value`` lies in the range, edges included."""
        number = exact(value)
        return (self.low is None or exact(self.low) <= number) and (
            self.high is None or number <= exact(self.high)
        )

    def overlaps(self, other: Threshold) -> bool:
        """Whether the two ranges share more than one edge value."""
        low = max(exact(_bound(self.low, -math.inf)), exact(_bound(other.low, -math.inf)))
        high = min(exact(_bound(self.high, math.inf)), exact(_bound(other.high, math.inf)))
        if low != high:
            return low < high
        touching = (
            self.high is not None and other.low is not None and exact(self.high) == exact(other.low)
        ) or (
            other.high is not None and self.low is not None and exact(other.high) == exact(self.low)
        )
        return not touching


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
    value: Number
    confidence: Number | None = None
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
    * A check-in equal in every field (``recorded_at`` included) to one already
      held is the same record sent again: it changes nothing, so replaying an
      import is harmless. To correct a value back, send a new record (with its
      own ``recorded_at`` or note).
    * ``recorded_at`` timestamps must be all naive or all aware.

    >>> day = date(2026, 7, 1)
    >>> h = History([CheckIn(day=day, value=1), CheckIn(day=day, value=2)])
    >>> h.latest().value, len(h)
    (2, 2)
    """

    check_ins: tuple[CheckIn, ...] = attrs.field(default=(), converter=_check_ins)
    _days: tuple[date, ...] = attrs.field(init=False, eq=False, hash=False)

    def __attrs_post_init__(self) -> None:
        problems = Problems()
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
        ordered = tuple(_dedupe(sorted(self.check_ins, key=lambda c: c.day)))
        object.__setattr__(self, "check_ins", ordered)
        object.__setattr__(self, "_days", tuple(c.day for c in ordered))

    def append(self, check_in: CheckIn) -> History:
        """Return a history with ``check_in`` added in its place by date.

        >>> History().append(CheckIn(day=date(2026, 7, 1), value=3)).latest().value
        3
        """
        if not isinstance(check_in, CheckIn):
            raise ValidationError.single(
                "check_in", check_in, f"'check_in' must be a CheckIn (got {show(check_in)})"
            )
        if check_in in self.check_ins:
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
        index = bisect.bisect_right(self._days, check_in.day)
        return History((*self.check_ins[:index], check_in, *self.check_ins[index:]))

    def as_of(self, day: date) -> History:
        """The history as it stood at the end of ``day``.

        >>> h = History([CheckIn(day=date(2026, 7, d), value=d) for d in (1, 8, 15)])
        >>> [c.value for c in h.as_of(date(2026, 7, 10))]
        [1, 8]
        """
        index = bisect.bisect_right(self._days, day)
        if index == len(self.check_ins):
            return self
        return History(self.check_ins[:index])

    def latest(self, day: date | None = None) -> CheckIn | None:
        """The check-in in force at the end of ``day`` (or overall), or ``None``."""
        index = len(self.check_ins) if day is None else bisect.bisect_right(self._days, day)
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
        """Check-ins from ``start`` to ``end``, both included."""
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


def _dedupe(items: Iterable[CheckIn]) -> Iterator[CheckIn]:
    """Drop repeats of a record, keeping the first; ``items`` are sorted by day.

    Equal check-ins share their day, so only the current day's run is searched.
    """
    run: list[CheckIn] = []
    for item in items:
        if run and run[0].day != item.day:
            run = []
        elif item in run:
            continue
        run.append(item)
        yield item
