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

from datetime import date
from enum import StrEnum
from fractions import Fraction
from typing import Protocol, cast

import attrs

from goalkit._numbers import Exact, Number, exact, to_policy
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


def as_type_of(template: Exact, value: Number) -> Exact:
    """``value`` in the arithmetic type of ``template`` (a policy constant meeting a score).

    >>> as_type_of(0.5, Fraction(7, 10)), as_type_of(Fraction(1, 2), 1)
    (0.7, Fraction(1, 1))
    """
    if isinstance(template, float):
        return float(value)
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


def _line(start: Number, goal: Number, value: Number, sign: int) -> Exact:
    """Progress along the line from ``start`` (0) to ``goal`` (1), unclamped."""
    span = exact(goal) - exact(start)
    if span * sign <= 0:
        # start == target (or a first check-in already past it): no line to
        # measure along, so the answer is met (1) or not met (0), never a division by 0
        met = (exact(value) - exact(goal)) * sign >= 0
        return to_policy(Fraction(int(met)), start, goal, value)
    return to_policy((exact(value) - exact(start)) / span, start, goal, value)


def _met(goal: Number, value: Number, sign: int) -> Exact:
    return to_policy(Fraction(int((exact(value) - exact(goal)) * sign >= 0)), goal, value)


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


def current_value(kr: KeyResult, at: date) -> Number | None:
    """The value in force at the end of ``at`` (``None`` for milestones or without data).

    A same-day correction counts: the check-in that arrived last for a day wins.
    """
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
    """
    counted = [
        m
        for m in checklist.milestones
        if not due_only or m.due is None or m.due <= at or m.is_done(at)
    ]
    weights = [m.weight for m in counted]
    total = sum((exact(w) for w in weights), start=Fraction(0))
    if total == 0:
        return None
    done = sum((exact(m.weight) for m in counted if m.is_done(at)), start=Fraction(0))
    return to_policy(done / total, *weights)


def check_bound(problems: Problems, name: str, value: object, side: str, limit: int) -> None:
    """Record a problem unless ``value`` is ``None`` or a number on ``side`` of ``limit``."""
    if value is None or not problems.number(name, value):
        return
    number = exact(cast(Number, value))
    wrong = {">=": number < limit, "<=": number > limit, ">": number <= limit}[side]
    if wrong:
        problems.add(name, value, f"'{name}' must be {side} {limit} (got {show(value)})")


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
                without ``baseline``, or a value that is not a number.
        """
        problems = Problems()
        problems.number("value", value)
        problems.optional_number("baseline", baseline)
        problems.raise_if_any()
        direction = target.direction
        if direction is Direction.WITHIN:
            return self._band(target, value)
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
        return clamp(raw, self.floor, ceiling)

    def _band(self, target: Target, value: Number) -> Exact:
        assert target.low is not None
        assert target.high is not None
        sources = (target.low, target.high, value)
        low, high, number = exact(target.low), exact(target.high), exact(value)
        if low <= number <= high:
            return to_policy(Fraction(1), *sources)
        if self.band_decay is None:
            return to_policy(Fraction(0), *sources)
        distance = low - number if number < low else number - high
        decayed = clamp(1 - distance / exact(self.band_decay), 0, None)
        return to_policy(decayed, *sources, self.band_decay)

    def of_key_result(self, kr: KeyResult, at: date) -> Exact | None:
        """Progress of ``kr`` as of the end of ``at``; ``None`` before its first check-in.

        >>> from goalkit import CheckIn
        >>> kr = KeyResult.metric(id="kr", title="t", target=Target.decrease(from_=48, to=24),
        ...                       history=[CheckIn(day=date(2026, 7, 31), value=30)])
        >>> ProgressPolicy().of_key_result(kr, date(2026, 7, 30)) is None
        True
        >>> ProgressPolicy().of_key_result(kr, date(2026, 7, 31))
        Fraction(3, 4)
        """
        measure = kr.measure
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
        sign = target.direction.sign
        if target.stretch is not None and (exact(value) - exact(target.stretch)) * sign >= 0:
            return Zone.STRETCH
        progress = self.base.of_value(target, value, baseline=baseline)
        if progress >= 1:
            return Zone.TARGET
        if progress >= exact(self.commit_at):
            return Zone.COMMIT
        return Zone.FAIL

    def of_value(self, target: Target, value: Number, *, baseline: Number | None = None) -> Exact:
        """The score of the zone ``value`` is in."""
        zone = self.zone(target, value, baseline=baseline)
        score = self.scores[list(Zone).index(zone)]
        return to_policy(exact(score), value, score)

    def of_key_result(self, kr: KeyResult, at: date) -> Exact | None:
        """The zone score of ``kr``'s latest value; other kinds go to :attr:`base`."""
        measure = kr.measure
        if not isinstance(measure, Target):
            return self.base.of_key_result(kr, at)
        latest = kr.history.latest(at)
        if latest is None:
            return None
        return self.of_value(measure, latest.value, baseline=baseline_of(measure, kr.history, at))
