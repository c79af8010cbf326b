"""Statuses of key results and objectives, and the rules that give them.

Every status rule first applies the same life-cycle checks, in this order:

1. ``at`` before the period's start: :attr:`Status.NOT_STARTED`;
2. no data (no check-in yet): :attr:`Status.NO_DATA`, never on track;
3. progress reached 1: :attr:`Status.DONE`;
4. ``at`` after the period's end: :attr:`Status.CLOSED` (ended without reaching it).

Then :class:`PaceStatus` (the default) compares progress with the expected
pace, and :class:`ConfidenceStatus` reads the owner's latest confidence.

Unknown is never green: a goal whose progress is unknown (``None``) is never
on track or done, whatever its parts say (:func:`known_status`); an objective
whose key results all weigh 0 has no progress, and so no data.

>>> from goalkit import Period
>>> from goalkit.scoring.pace import Pace
>>> rule = PaceStatus()
>>> q3 = Period.quarter(2026, 3)
>>> rule.status(progress=Fraction(2, 5), pace=Pace.of(Fraction(1, 2), Fraction(2, 5)),
...             period=q3, at=date(2026, 8, 15), latest=None)
<Status.AT_RISK: 'at_risk'>
>>> Weakest().combine([Status.ON_TRACK, Status.AT_RISK, Status.DONE])
<Status.AT_RISK: 'at_risk'>
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date
from enum import StrEnum
from fractions import Fraction
from typing import Protocol

import attrs

from goalkit._numbers import Exact, Number
from goalkit._show import show
from goalkit._validation import Problems, enum_message
from goalkit._validation import at as item_path
from goalkit.exceptions import ValidationError
from goalkit.measures import CheckIn
from goalkit.periods import Period, check_day
from goalkit.scoring.pace import Pace
from goalkit.scoring.progress import as_type_of, check_bound, operands

__all__ = [
    "SEVERITY",
    "ConfidenceStatus",
    "Majority",
    "PaceStatus",
    "Status",
    "StatusRollUp",
    "StatusRule",
    "Weakest",
    "known_status",
    "life_cycle",
    "to_statuses",
]


class Status(StrEnum):
    """Where a goal stands."""

    NOT_STARTED = "not_started"
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    OFF_TRACK = "off_track"
    DONE = "done"
    CLOSED = "closed"
    NO_DATA = "no_data"
    STALE = "stale"

    @property
    def words(self) -> str:
        """The status as words, such as ``'on track'``.

        >>> Status.NO_DATA.words
        'no data'
        """
        return self.value.replace("_", " ")


SEVERITY: tuple[Status, ...] = (
    Status.OFF_TRACK,
    Status.STALE,
    Status.NO_DATA,
    Status.AT_RISK,
    Status.CLOSED,
    Status.NOT_STARTED,
    Status.ON_TRACK,
    Status.DONE,
)
"""Statuses from the weakest to the strongest, used by the roll-up rules.

Missing or overdue data ranks below *at risk*: what is not known is never green.
"""


class StatusRule(Protocol):
    """Gives a key result's status from its progress, pace and latest check-in."""

    def status(
        self,
        *,
        progress: Exact | None,
        pace: Pace,
        period: Period,
        at: date,
        latest: CheckIn | None,
    ) -> Status:
        """The status at the end of ``at``."""
        ...


_GREEN = frozenset({Status.ON_TRACK, Status.DONE})


def known_status(status: Status, progress: Exact | None) -> Status:
    """The status a goal with ``progress`` may show: unknown progress is never green.

    A combined status of *on track* or *done* is :attr:`Status.NO_DATA` when the
    goal's own progress is unknown, as for an objective whose parts with data
    all weigh 0; any other status, or a known progress, is left as it is. Apply
    it wherever a status is combined from parts apart from the progress.

    >>> known_status(Status.ON_TRACK, None)
    <Status.NO_DATA: 'no_data'>
    >>> known_status(Status.ON_TRACK, Fraction(1, 2)), known_status(Status.AT_RISK, None)
    (<Status.ON_TRACK: 'on_track'>, <Status.AT_RISK: 'at_risk'>)
    """
    if progress is None and status in _GREEN:
        return Status.NO_DATA
    return status


def _rule_arguments(
    progress: object, pace: object, period: object, at: object, *, with_pace: bool = True
) -> None:
    """Refuse arguments of a status rule of the wrong type (a few type checks when right)."""
    if (
        type(at) is date
        and isinstance(period, Period)
        and (not with_pace or isinstance(pace, Pace))
        and (progress is None or type(progress) is Fraction or type(progress) is float)
    ):
        return
    problems = Problems()
    problems.optional_number("progress", progress)
    if with_pace and not isinstance(pace, Pace):
        problems.add("pace", pace, f"'pace' must be a Pace (got {show(pace)})")
    if not isinstance(period, Period):
        problems.add("period", period, f"'period' must be a Period (got {show(period)})")
    check_day(problems, "at", at)
    problems.raise_if_any()


def life_cycle(progress: Exact | None, period: Period, at: date) -> Status | None:
    """The status the life-cycle checks give, or ``None`` to let a rule decide.

    >>> from goalkit import Period
    >>> life_cycle(None, Period.quarter(2026, 3), date(2026, 6, 30))
    <Status.NOT_STARTED: 'not_started'>
    >>> life_cycle(Fraction(1, 2), Period.quarter(2026, 3), date(2026, 10, 1))
    <Status.CLOSED: 'closed'>

    Raises:
        ValidationError: for arguments of the wrong type.
    """
    _rule_arguments(progress, None, period, at, with_pace=False)
    if at < period.start:
        return Status.NOT_STARTED
    if progress is None:
        return Status.NO_DATA
    if progress >= 1:
        return Status.DONE
    if at > period.end:
        return Status.CLOSED
    return None


@attrs.frozen(kw_only=True)
class PaceStatus:
    """On track at >= 0.95 x expected, off track below 0.75 x expected, at risk between.

    While nothing is expected yet (expected 0) a key result with data is on track.

    Attributes:
        on_track_from: The share of the expected progress that is on track.
        off_track_below: Below this share of the expected progress: off track.
        stale_after_days: If set, a latest check-in older than this many days
            makes the status :attr:`Status.STALE` (never on track); milestone
            key results, which have no check-ins, are exempt.

    >>> from goalkit import Period
    >>> from goalkit.scoring.pace import Pace
    >>> actual = Fraction(19, 40)
    >>> PaceStatus().status(progress=actual, pace=Pace.of(Fraction(1, 2), actual),
    ...                     period=Period.quarter(2026, 3), at=date(2026, 8, 15), latest=None)
    <Status.ON_TRACK: 'on_track'>
    """

    on_track_from: Number = Fraction(95, 100)
    off_track_below: Number = Fraction(3, 4)
    stale_after_days: int | None = None

    def __attrs_post_init__(self) -> None:
        problems = Problems()
        check_bound(problems, "on_track_from", self.on_track_from, ">=", 0)
        check_bound(problems, "off_track_below", self.off_track_below, ">=", 0)
        if not problems:
            problems.not_above(
                "off_track_below", self.off_track_below, "on_track_from", self.on_track_from
            )
        if self.stale_after_days is not None:
            problems.whole_number("stale_after_days", self.stale_after_days)
        problems.raise_if_any()

    def status(
        self,
        *,
        progress: Exact | None,
        pace: Pace,
        period: Period,
        at: date,
        latest: CheckIn | None,
    ) -> Status:
        """The status from the pace (see the class docstring).

        Raises:
            ValidationError: for arguments of the wrong type, or policy shares
                no float can stand for beside a float progress.
        """
        _rule_arguments(progress, pace, period, at)
        found = life_cycle(progress, period, at)
        if found is not None:
            return found
        assert progress is not None  # life_cycle handles no data
        if (
            self.stale_after_days is not None
            and isinstance(latest, CheckIn)
            and (at - latest.day).days > self.stale_after_days
        ):
            return Status.STALE
        if pace.expected == 0:
            return Status.ON_TRACK
        actual, expected, on_track, off_track = operands(
            ("progress", progress),
            ("pace.expected", pace.expected),
            ("on_track_from", self.on_track_from),
            ("off_track_below", self.off_track_below),
        )
        if actual >= on_track * expected:
            return Status.ON_TRACK
        if actual < off_track * expected:
            return Status.OFF_TRACK
        return Status.AT_RISK


@attrs.frozen(kw_only=True)
class ConfidenceStatus:
    """Status from the owner's latest confidence: high on track, medium at risk, low off track.

    Confidence is from 0 to 1: high from 0.7, medium from 0.4, low below. A
    check-in without a confidence falls back to :attr:`fallback`.

    Attributes:
        high_from: The lowest high confidence.
        medium_from: The lowest medium confidence.
        fallback: The rule used when the latest check-in gives no confidence.

    >>> from goalkit import CheckIn, Period
    >>> from goalkit.scoring.pace import Pace
    >>> latest = CheckIn(day=date(2026, 8, 14), value=3, confidence=0.5)
    >>> ConfidenceStatus().status(progress=Fraction(1, 2), pace=Pace.of(Fraction(1, 2), None),
    ...                           period=Period.quarter(2026, 3), at=date(2026, 8, 15),
    ...                           latest=latest)
    <Status.AT_RISK: 'at_risk'>
    """

    high_from: Number = Fraction(7, 10)
    medium_from: Number = Fraction(2, 5)
    fallback: PaceStatus = attrs.field(factory=PaceStatus)

    def __attrs_post_init__(self) -> None:
        problems = Problems()
        check_bound(problems, "high_from", self.high_from, "<=", 1)
        check_bound(problems, "medium_from", self.medium_from, ">=", 0)
        if not isinstance(self.fallback, PaceStatus):
            problems.add(
                "fallback",
                self.fallback,
                f"'fallback' must be a PaceStatus (got {show(self.fallback)})",
            )
        if not problems:
            problems.not_above("medium_from", self.medium_from, "high_from", self.high_from)
        problems.raise_if_any()

    def status(
        self,
        *,
        progress: Exact | None,
        pace: Pace,
        period: Period,
        at: date,
        latest: CheckIn | None,
    ) -> Status:
        """The status from the latest confidence.

        Raises:
            ValidationError: for arguments of the wrong type.
        """
        _rule_arguments(progress, pace, period, at)
        found = life_cycle(progress, period, at)
        if found is not None:
            return found
        if not isinstance(latest, CheckIn) or latest.confidence is None:
            return self.fallback.status(
                progress=progress, pace=pace, period=period, at=at, latest=latest
            )
        (confidence,) = operands(("confidence", latest.confidence))
        if confidence >= as_type_of(confidence, self.high_from):
            return Status.ON_TRACK
        if confidence >= as_type_of(confidence, self.medium_from):
            return Status.AT_RISK
        return Status.OFF_TRACK


def to_statuses(statuses: Sequence[Status | str]) -> tuple[Status, ...]:
    """Check and convert statuses (members or their string values).

    Raises:
        ValidationError: naming every item that is not a status.

    >>> to_statuses(["on_track", Status.DONE])
    (<Status.ON_TRACK: 'on_track'>, <Status.DONE: 'done'>)
    """
    if isinstance(statuses, str | bytes) or not isinstance(statuses, Sequence):
        raise ValidationError.single(
            "statuses",
            statuses,
            f"'statuses' must be a sequence of statuses (got {show(statuses)})",
        )
    if all(type(item) is Status for item in statuses):
        return tuple(statuses)  # type: ignore[arg-type]
    problems = Problems()
    found: list[Status] = []
    for index, item in enumerate(statuses):
        member = _STATUS_BY_VALUE.get(item) if isinstance(item, str) else None
        if member is None:
            problems.add(item_path("statuses", index), item, enum_message("statuses", item, Status))
        else:
            found.append(member)
    problems.raise_if_any()
    return tuple(found)


_STATUS_BY_VALUE: dict[str, Status] = {member.value: member for member in Status}


class StatusRollUp(Protocol):
    """Gives an objective's status from the statuses of its parts."""

    def combine(self, statuses: Sequence[Status]) -> Status:
        """The combined status; :attr:`Status.NO_DATA` for no parts."""
        ...


@attrs.frozen(kw_only=True)
class Weakest:
    """The weakest part's status, by :data:`SEVERITY` (the default).

    >>> Weakest().combine([Status.DONE, Status.DONE])
    <Status.DONE: 'done'>
    >>> Weakest().combine([])
    <Status.NO_DATA: 'no_data'>
    """

    def combine(self, statuses: Sequence[Status]) -> Status:
        """The weakest of ``statuses``."""
        parts = to_statuses(statuses)
        if not parts:
            return Status.NO_DATA
        return min(parts, key=SEVERITY.index)


@attrs.frozen(kw_only=True)
class Majority:
    """The "mixed" rule: the status most parts share; a tie goes to the weaker status.

    One lagging key result among four on track leaves the objective on track.

    >>> Majority().combine([Status.ON_TRACK, Status.ON_TRACK, Status.OFF_TRACK])
    <Status.ON_TRACK: 'on_track'>
    >>> Majority().combine([Status.ON_TRACK, Status.OFF_TRACK])
    <Status.OFF_TRACK: 'off_track'>
    """

    def combine(self, statuses: Sequence[Status]) -> Status:
        """The most common of ``statuses``."""
        parts = to_statuses(statuses)
        if not parts:
            return Status.NO_DATA
        counts = Counter(parts)
        return max(counts, key=lambda s: (counts[s], -SEVERITY.index(s)))
