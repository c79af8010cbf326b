"""Progress of a key result: how far it has come, from 0 (start) to 1 (target).

* Metric targets: increase ``(current - start) / (target - start)``, decrease
  ``(start - current) / (start - target)`` (the same formula, read the other
  way); at least / at most with a baseline follow the same line, without one
  they score 1 when met and 0 when not; a band scores 1 inside and 0 outside,
  or decays linearly over :attr:`ProgressPolicy.band_decay` outside.
* Binary key results score their latest check-in: 1 done, 0 not done.
* Milestone key results score the weighted share of milestones done.
* :class:`ZoneProgress` scores ordinal zones (fail / commit / target / stretch).

No check-in means *no data*: the progress is ``None``, never 0.

Arithmetic follows goalkit's one policy: if any operand is a ``float``, every
operand is converted to a finite float (an exact value no float can stand for is
refused with a :class:`~goalkit.exceptions.ValidationError` naming it) and the
result is checked finite; otherwise the computation is exact, and an exact
result past goalkit's admission limit is refused (see ``operands``).

>>> from decimal import Decimal
>>> ProgressPolicy().of_value(Target.decrease(from_=48, to=24), 30)
Fraction(3, 4)
>>> conversion = Target.increase(from_=Decimal("2.0"), to=Decimal("5.0"))
>>> ProgressPolicy().of_value(conversion, Decimal("3.1"))
Fraction(11, 30)
>>> ProgressPolicy().of_value(Target.increase(from_=0, to=100), 52.5)
0.525
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from enum import StrEnum
from fractions import Fraction
from typing import Literal, Protocol, cast

import attrs

from goalkit._numbers import (
    Exact,
    Number,
    bounded,
    exact,
    finite,
    is_plain_number,
    to_float,
    to_policy,
)
from goalkit._show import show
from goalkit._validation import Problems
from goalkit.exceptions import ValidationError
from goalkit.goals import KeyResult
from goalkit.measures import (
    FIRST_CHECK_IN,
    Binary,
    Checklist,
    Direction,
    FirstCheckIn,
    History,
    Target,
)
from goalkit.periods import require_day

__all__ = [
    "ProgressPolicy",
    "ProgressRule",
    "Zone",
    "ZoneProgress",
    "baseline_of",
    "checklist_progress",
    "current_value",
]


class ProgressRule(Protocol):
    """Turns a key result's data into progress (1 means the target is reached)."""

    def of_value(self, target: Target, value: Number, *, baseline: Number | None = None) -> Exact:
        """Progress of ``value`` toward ``target``.

        ``baseline`` stands in for a :data:`~goalkit.FIRST_CHECK_IN` baseline.
        """
        ...

    def of_key_result(self, kr: KeyResult, at: date) -> Exact | None:
        """Progress of ``kr`` from its data as of the end of ``at``; ``None`` means no data."""
        ...


def operands(*named: tuple[str, Number]) -> list[Exact]:
    """``(path, number)`` pairs as operands of goalkit's arithmetic policy.

    All floats when any number is a float, each exact one converted by
    :func:`~goalkit._numbers.to_float` (so one that no finite float can stand
    for is refused, naming its path); otherwise all exact ``Fraction``.

    Raises:
        ValidationError: for an exact number too large or too small for a
            float, in float arithmetic.

    >>> operands(("a", 1), ("b", 0.5))
    [1.0, 0.5]
    >>> operands(("a", 1), ("b", Fraction(1, 2)))
    [Fraction(1, 1), Fraction(1, 2)]
    """
    if any(type(value) is float or isinstance(value, float) for _, value in named):
        return [to_float(value, path) for path, value in named]
    return [value if type(value) is Fraction else Fraction(value) for _, value in named]


def operand_list(values: Sequence[Number], path: Callable[[int], str]) -> list[Exact]:
    """Like :func:`operands` for many values; ``path(i)`` names the i-th, if it is refused.

    Paths are only formatted for a value that is refused.

    >>> operand_list([1, 0.5], lambda i: f"weights[{i}]")
    [1.0, 0.5]
    """
    if any(type(value) is float or isinstance(value, float) for value in values):
        return [
            value if type(value) is float else to_float(value, path(index))
            for index, value in enumerate(values)
        ]
    return [value if type(value) is Fraction else Fraction(value) for value in values]


def total(values: Iterable[Exact], path: str) -> Exact:
    """The sum of operands (all floats or all ``Fraction``), checked as it grows.

    An exact running sum is refused as soon as it passes the admission limit
    (:func:`~goalkit._numbers.bounded`), so hostile input costs no more than
    ordinary input; a float sum is refused if it overflows.

    Raises:
        ValidationError: for a sum past the limit, or a float sum that overflows.

    >>> total([Fraction(1, 2), Fraction(1, 3)], "weights"), total([0.5, 0.25], "weights")
    (Fraction(5, 6), 0.75)
    """
    result: Exact = Fraction(0)
    rest = iter(values)
    for value in rest:
        if type(value) is float:
            # operands are all of one type: the rest are floats too
            return finite(float(sum(rest, value)), path)
        result = bounded(result + value, path)
    return result


def as_type_of(template: Exact, value: Number) -> Exact:
    """``value`` in the arithmetic type of ``template``, to compare a score with a constant.

    For a float ``template`` the value becomes the nearest float, and one beyond
    the float range becomes an infinity of its sign, which compares the same
    way; use :func:`operands` for values that enter arithmetic.

    >>> as_type_of(0.5, Fraction(7, 10)), as_type_of(Fraction(1, 2), 1)
    (0.7, Fraction(1, 1))
    >>> as_type_of(0.5, Fraction(10**400))
    inf
    """
    if isinstance(template, float):
        try:
            return float(value)
        except OverflowError:
            return math.inf if value > 0 else -math.inf
    return Fraction(value)


def clamp(value: Exact, low: Number | None, high: Number | None) -> Exact:
    """``value`` kept within ``low`` and ``high`` (``None``: unbounded), keeping its type.

    >>> clamp(Fraction(3, 2), 0, 1), clamp(-0.5, 0, None)
    (Fraction(1, 1), 0.0)
    """
    if low is not None and value < exact(low):
        return as_type_of(value, low)
    if high is not None and value > exact(high):
        return as_type_of(value, high)
    return value


def _reached(value: Exact, goal: Exact, sign: int) -> bool:
    return value >= goal if sign > 0 else value <= goal


def _line(start: Number, goal: Number, value: Number, sign: int) -> Exact:
    """Progress along the line from ``start`` (0) to ``goal`` (1), unclamped."""
    low, high, number = operands(
        ("target.baseline", start), ("target.target", goal), ("value", value)
    )
    if not (high > low if sign > 0 else high < low):
        # start == target (or a first check-in already past it): no line to
        # measure along, so the answer is met (1) or not met (0), never a division by 0
        met = _reached(number, high, sign)
        return 1.0 * met if type(number) is float else Fraction(int(met))
    ahead, span = number - low, high - low
    if type(span) is float and (math.isinf(span) or math.isinf(ahead)):
        # the ends lie further apart than the largest float: the same ratio, halved
        ahead, span = number / 2 - low / 2, high / 2 - low / 2
    return ahead / span


def _met(goal: Number, value: Number, sign: int) -> Exact:
    high, number = operands(("target.target", goal), ("value", value))
    met = _reached(number, high, sign)
    return 1.0 * met if type(number) is float else Fraction(int(met))


def baseline_of(target: Target, history: History, at: date) -> Number | None:
    """The numeric baseline of ``target`` as of ``at``.

    A :data:`~goalkit.FIRST_CHECK_IN` baseline is the value of the first day's
    check-in (the last one to arrive for that day); ``None`` until there is one.

    >>> from goalkit import CheckIn, FIRST_CHECK_IN
    >>> h = History([CheckIn(day=date(2026, 7, 3), value=5),
    ...              CheckIn(day=date(2026, 7, 9), value=4)])
    >>> baseline_of(Target.decrease(from_=FIRST_CHECK_IN, to=3), h, date(2026, 7, 31))
    5
    """
    if target.baseline is FIRST_CHECK_IN:
        known = history.as_of(at).effective()
        return known[0].value if known else None
    return None if isinstance(target.baseline, FirstCheckIn) else target.baseline


def _ends(target: Target, baseline: Number | None) -> tuple[Number | None, Number | None]:
    """The (start, goal) of a metric target, resolving a first-check-in baseline."""
    if not isinstance(target.baseline, FirstCheckIn):
        return target.baseline, target.target
    if baseline is None:
        return None, target.target
    try:
        resolved = target.resolved(baseline)
    except ValidationError:
        # the first check-in is already at or past the target: keep the numbers and
        # let the degenerate-line rule score it
        goal = (
            target.change.apply(baseline, target.direction.sign)
            if target.change is not None
            else target.target
        )
        return baseline, goal
    start = resolved.baseline
    return (None if isinstance(start, FirstCheckIn) else start), resolved.target


def require_key_result(kr: object) -> KeyResult:
    """Return ``kr``, refusing anything but a :class:`~goalkit.KeyResult`."""
    if not isinstance(kr, KeyResult):
        raise ValidationError.single("kr", kr, f"'kr' must be a KeyResult (got {show(kr)})")
    return kr


def current_value(kr: KeyResult, at: date) -> Number | None:
    """The value in force at the end of ``at`` (``None`` for milestones or without data).

    A same-day correction counts: the check-in that arrived last for a day wins.

    Raises:
        ValidationError: if ``kr`` is not a key result or ``at`` not a plain date.
    """
    require_key_result(kr)
    at = require_day(at)
    if isinstance(kr.measure, Checklist):
        return None
    latest = kr.history.latest(at)
    return None if latest is None else latest.value


def checklist_progress(checklist: Checklist, at: date, *, due_only: bool = False) -> Exact | None:
    """The weighted share of milestones done by ``at``.

    With ``due_only``, only milestones due by ``at`` count (plus any finished
    early, and those without a due day); ``None`` when nothing counts yet.

    >>> from goalkit import Milestone
    >>> items = Checklist(milestones=[
    ...     Milestone(title="outline", weight=1, due=date(2026, 7, 15), done_on=date(2026, 7, 14)),
    ...     Milestone(title="print", weight=3, due=date(2026, 8, 31)),
    ... ])
    >>> day = date(2026, 8, 1)
    >>> checklist_progress(items, day), checklist_progress(items, day, due_only=True)
    (Fraction(1, 4), Fraction(1, 1))

    Raises:
        ValidationError: if ``checklist`` is not a :class:`~goalkit.Checklist`
            or ``at`` not a plain date.
    """
    if not isinstance(checklist, Checklist):
        raise ValidationError.single(
            "checklist", checklist, f"'checklist' must be a Checklist (got {show(checklist)})"
        )
    at = require_day(at)
    counted = [
        m
        for m in checklist.milestones
        if not due_only or m.due is None or m.due <= at or m.is_done(at)
    ]
    weights = operand_list([m.weight for m in counted], lambda i: f"milestones[{i}].weight")
    whole = total(weights, "milestones")
    if whole == 0:
        return None
    done = total((w for w, m in zip(weights, counted, strict=True) if m.is_done(at)), "milestones")
    return bounded(done / whole, "progress")


Side = Literal[">=", "<=", ">"]
"""How a policy number must compare with its limit, for :func:`check_bound`."""


def check_bound(problems: Problems, name: str, value: object, side: Side, limit: int) -> None:
    """Record a problem unless ``value`` is ``None`` or a number on ``side`` of ``limit``."""
    if value is None or not problems.number(name, value):
        return
    number = exact(cast(Number, value))
    wrong = number <= limit if side == ">" else number > limit if side == "<=" else number < limit
    if wrong:
        problems.add(name, value, f"'{name}' must be {side} {limit} (got {show(value)})")


def check_flag(problems: Problems, name: str, value: object) -> None:
    """Record a problem unless ``value`` is ``True`` or ``False``."""
    if not isinstance(value, bool):
        problems.add(name, value, f"'{name}' must be True or False (got {show(value)})")


@attrs.frozen(kw_only=True)
class ProgressPolicy:
    """The default progress rule, with its floor, cap and band policies.

    Attributes:
        floor: The lowest progress (0: a value past the baseline in the wrong
            direction scores 0); ``None`` lets progress go negative.
        cap: The highest progress (1: no over-achievement); ``None`` for no cap,
            ``Fraction(3, 2)`` to allow up to 150 %.
        up_to_stretch: Allow over-achievement up to the progress of the
            target's stretch value (where it has one), instead of :attr:`cap`.
        band_decay: For band targets, the distance outside the band over which
            progress falls linearly from 1 to 0; ``None`` scores 0 outside.
        milestones_due_only: Score milestone key results by the milestones due
            so far (see :func:`checklist_progress`).

    A start equal to the target (possible with a first-check-in baseline) scores
    1 when the value meets the target and 0 when it does not.

    >>> ProgressPolicy.over_achievement(up_to=2).of_value(Target.increase(from_=0, to=30), 40)
    Fraction(4, 3)
    >>> ProgressPolicy(floor=None).of_value(Target.increase(from_=10, to=20), 5)
    Fraction(-1, 2)
    """

    floor: Number | None = 0
    cap: Number | None = 1
    up_to_stretch: bool = False
    band_decay: Number | None = None
    milestones_due_only: bool = False

    def __attrs_post_init__(self) -> None:
        problems = Problems()
        check_bound(problems, "floor", self.floor, "<=", 0)
        check_bound(problems, "cap", self.cap, ">=", 1)
        check_bound(problems, "band_decay", self.band_decay, ">", 0)
        check_flag(problems, "up_to_stretch", self.up_to_stretch)
        check_flag(problems, "milestones_due_only", self.milestones_due_only)
        problems.raise_if_any()

    @classmethod
    def capped(cls) -> ProgressPolicy:
        """Progress from 0 to 1: the default, what most products do.

        >>> ProgressPolicy.capped() == ProgressPolicy()
        True
        """
        return cls()

    @classmethod
    def over_achievement(cls, *, up_to: Number | None = None) -> ProgressPolicy:
        """Allow progress above 1, up to ``up_to`` (``None``: no limit).

        >>> ProgressPolicy.over_achievement().cap is None
        True
        """
        return cls(cap=up_to)

    @classmethod
    def stretch(cls) -> ProgressPolicy:
        """Allow over-achievement up to the stretch value of each target (1 without one).

        >>> rule = ProgressPolicy.stretch()
        >>> rule.of_value(Target.increase(from_=31, to=45, stretch=50), 52)
        Fraction(19, 14)
        """
        return cls(up_to_stretch=True)

    def of_value(self, target: Target, value: Number, *, baseline: Number | None = None) -> Exact:
        """Progress of ``value`` toward ``target``, within this policy's bounds.

        Raises:
            ValidationError: for a :data:`~goalkit.FIRST_CHECK_IN` baseline
                without ``baseline``, a value that is not a number, or a
                progress that float arithmetic cannot hold.
        """
        if not (
            isinstance(target, Target)
            and is_plain_number(value)
            and (baseline is None or is_plain_number(baseline))
        ):
            problems = Problems()
            if not isinstance(target, Target):
                problems.add("target", target, f"'target' must be a Target (got {show(target)})")
            problems.number("value", value)
            problems.optional_number("baseline", baseline)
            problems.raise_if_any()
        direction = target.direction
        if direction is Direction.WITHIN:
            return bounded(self._band(target, value), "progress")
        start, goal = _ends(target, baseline)
        if goal is None or (direction.is_directional and start is None):
            raise ValidationError.single(
                "baseline",
                None,
                "'baseline' is needed to score a target whose baseline is the first "
                "check-in (got None)",
            )
        sign = direction.sign
        raw = _met(goal, value, sign) if start is None else _line(start, goal, value, sign)
        ceiling: Number | None = self.cap
        if self.up_to_stretch and target.stretch is not None and start is not None:
            ceiling = _line(start, goal, target.stretch, sign)
        return bounded(clamp(raw, self.floor, ceiling), "progress")

    def _band(self, target: Target, value: Number) -> Exact:
        assert target.low is not None
        assert target.high is not None
        named = [("target.low", target.low), ("target.high", target.high), ("value", value)]
        if self.band_decay is not None:
            named.append(("band_decay", self.band_decay))
        low, high, number, *decay = operands(*named)
        one: Exact = 1.0 if type(number) is float else Fraction(1)
        if low <= number <= high:
            return one
        if not decay:
            return one * 0
        distance = low - number if number < low else number - high
        return clamp(one - distance / decay[0], 0, None)

    def of_key_result(self, kr: KeyResult, at: date) -> Exact | None:
        """Progress of ``kr`` as of the end of ``at``; ``None`` before its first check-in.

        >>> from goalkit import CheckIn
        >>> kr = KeyResult.metric(id="kr", title="t", target=Target.decrease(from_=48, to=24),
        ...                       history=[CheckIn(day=date(2026, 7, 31), value=30)])
        >>> ProgressPolicy().of_key_result(kr, date(2026, 7, 30)) is None
        True
        >>> ProgressPolicy().of_key_result(kr, date(2026, 7, 31))
        Fraction(3, 4)

        Raises:
            ValidationError: if ``kr`` is not a key result or ``at`` not a plain date.
        """
        measure = require_key_result(kr).measure
        at = require_day(at)
        if isinstance(measure, Checklist):
            return checklist_progress(measure, at, due_only=self.milestones_due_only)
        latest = kr.history.latest(at)
        if latest is None:
            return None
        if isinstance(measure, Binary):
            return to_policy(Fraction(latest.value), latest.value)
        return self.of_value(measure, latest.value, baseline=baseline_of(measure, kr.history, at))


class Zone(StrEnum):
    """Ordinal zones of a key result, worst first."""

    FAIL = "fail"
    COMMIT = "commit"
    TARGET = "target"
    STRETCH = "stretch"


_ZONE_SCORES = (Fraction(0), Fraction(3, 10), Fraction(7, 10), Fraction(1))


def _zone_scores(value: tuple[Number, Number, Number, Number]) -> tuple[Number, ...]:
    return tuple(value)


def _uncapped() -> ProgressPolicy:
    return ProgressPolicy(cap=None)


@attrs.frozen(kw_only=True)
class ZoneProgress:
    """Score a metric by the ordinal zone its value is in (fail / commit / target / stretch).

    The value is in the *stretch* zone once it reaches the target's stretch
    value, in *target* once it reaches the target, in *commit* once it is
    :attr:`commit_at` of the way from the baseline to the target, else in
    *fail*. Each zone scores a fixed progress (by default 0, 0.3, 0.7 and 1, so
    reaching the target scores Google's 0.7 and the stretch scores 1.0).
    Milestone and binary key results are scored by :attr:`base`.

    Attributes:
        commit_at: Where the commit zone starts, as a share of the way.
        scores: The progress of the fail, commit, target and stretch zones.
        base: The rule used to place values on the line (uncapped).

    >>> rule = ZoneProgress()
    >>> target = Target.increase(from_=31, to=45, stretch=50)
    >>> [str(rule.zone(target, v)) for v in (35, 40, 45, 50)]
    ['fail', 'commit', 'target', 'stretch']
    >>> rule.of_value(target, 46)
    Fraction(7, 10)
    """

    commit_at: Number = Fraction(1, 2)
    scores: tuple[Number, ...] = attrs.field(default=_ZONE_SCORES, converter=_zone_scores)
    base: ProgressPolicy = attrs.field(factory=_uncapped)

    def __attrs_post_init__(self) -> None:
        problems = Problems()
        problems.number("commit_at", self.commit_at)
        if not isinstance(self.base, ProgressPolicy):
            problems.add(
                "base", self.base, f"'base' must be a ProgressPolicy (got {show(self.base)})"
            )
        if len(self.scores) != len(Zone):
            problems.add(
                "scores",
                self.scores,
                f"'scores' must give one score per zone (fail, commit, target, stretch) "
                f"(got {len(self.scores)})",
            )
        for index, score in enumerate(self.scores):
            problems.number(f"scores[{index}]", score)
        problems.raise_if_any()

    def zone(self, target: Target, value: Number, *, baseline: Number | None = None) -> Zone:
        """The zone ``value`` is in."""
        progress = self.base.of_value(target, value, baseline=baseline)
        if target.stretch is not None:
            stretch, number = operands(("target.stretch", target.stretch), ("value", value))
            if _reached(number, stretch, target.direction.sign):
                return Zone.STRETCH
        if progress >= 1:
            return Zone.TARGET
        if progress >= as_type_of(progress, self.commit_at):
            return Zone.COMMIT
        return Zone.FAIL

    def of_value(self, target: Target, value: Number, *, baseline: Number | None = None) -> Exact:
        """The score of the zone ``value`` is in."""
        zone = self.zone(target, value, baseline=baseline)
        index = list(Zone).index(zone)
        return operands((f"scores[{index}]", self.scores[index]), ("value", value))[0]

    def of_key_result(self, kr: KeyResult, at: date) -> Exact | None:
        """The zone score of ``kr``'s latest value; other kinds go to :attr:`base`.

        Raises:
            ValidationError: if ``kr`` is not a key result or ``at`` not a plain date.
        """
        measure = require_key_result(kr).measure
        at = require_day(at)
        if not isinstance(measure, Target):
            return self.base.of_key_result(kr, at)
        latest = kr.history.latest(at)
        if latest is None:
            return None
        return self.of_value(measure, latest.value, baseline=baseline_of(measure, kr.history, at))
