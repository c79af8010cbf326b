"""Scoring a KPI at a day: current value, threshold band, staleness and status.

* **Current value**: the KPI's :class:`~goalkit.Aggregation` (sum, mean, last,
  min, max, count) over its frequency window: the
  :attr:`~goalkit.Frequency.nominal_days` days ending on the day of the latest
  value at or before ``at`` (one value per day: the last one to arrive).
* **Band**: the :class:`~goalkit.Threshold` the value lies in. Ranges may touch;
  a value on a shared edge goes to the better side: the upper range when higher
  is better, the lower when lower is better, and for a within-range KPI the one
  nearer the middle of its good range. A value outside every range (in a gap
  between ranges, or beyond the last one) has no band (``None``).
* **Staleness**: one rule for scoring and for check ``KPI-DATA-02``
  (:func:`is_stale`, :func:`staleness_limit`): a latest value older than the
  frequency's longest gap (:attr:`~goalkit.Frequency.nominal_days`) plus a
  grace of :data:`STALE_GRACE_DAYS` (3) days makes the KPI
  :attr:`~Status.STALE`, with no band: overdue data is never green.
* **Status**: the band's status (green on track, amber at risk, red off track,
  configurable). A value outside every declared range is
  :attr:`~Status.OFF_TRACK`: the ranges say which values are good, and this one
  is not among them (a KPI with only ``green`` up to 5, lower is better, is off
  track at 7). In a range whose name has no status, or with no ranges at all,
  the target decides (met: on track, not met: off track; a within-range KPI:
  inside its ``low``-``high`` range); with neither, a fresh value is on track.

Arithmetic follows goalkit's policy: sums and means are exact for exact
values, and in float when any value in the window is a float (an exact value no
float can stand for is refused); comparisons with the target and the middle of
the good range are made in the same type.

>>> from goalkit.examples import EXAMPLE_DAY, example_plan
>>> kpi = example_plan()["kpi-uptime"]
>>> score = KPIPolicy().score(kpi, EXAMPLE_DAY)
>>> score.value, score.band, score.status
(Decimal('99.41'), 'amber', <Status.AT_RISK: 'at_risk'>)
>>> str(score)
'99.41 amber at risk'
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from fractions import Fraction
from typing import Protocol

import attrs

from goalkit._numbers import Exact, Number, bounded, exact, like
from goalkit._show import show
from goalkit._validation import Problems, require_enum, require_whole_number, to_enum
from goalkit.exceptions import ValidationError
from goalkit.goals import KPI, Aggregation, Polarity
from goalkit.measures import CheckIn
from goalkit.periods import Frequency, check_day, require_day
from goalkit.scoring.progress import operands, total
from goalkit.scoring.rounding import Rounding, RoundingPolicy
from goalkit.scoring.status import Status

__all__ = [
    "DEFAULT_BAND_STATUS",
    "STALE_GRACE_DAYS",
    "KPIPolicy",
    "KPIRule",
    "KPIScore",
    "band_of",
    "is_stale",
    "kpi_value",
    "number_text",
    "staleness_limit",
]

DEFAULT_BAND_STATUS: tuple[tuple[str, Status], ...] = (
    ("green", Status.ON_TRACK),
    ("amber", Status.AT_RISK),
    ("red", Status.OFF_TRACK),
)
"""The status each conventional band name gives."""


STALE_GRACE_DAYS = 3
"""Days a KPI's value may be late beyond its frequency before it is stale.

Three days let a figure due on a Friday arrive on the Monday after (a weekend
and one working day) without the KPI turning stale, yet a weekly KPI is
flagged within the first half of the week after next, well before a second
value is missing. Scoring (:class:`KPIPolicy`) and check ``KPI-DATA-02`` use
this one default; both accept another grace for stricter or looser teams.
"""


def _grace(grace_days: object) -> int:
    require_whole_number("grace_days", grace_days)
    assert isinstance(grace_days, int)
    return grace_days


def staleness_limit(frequency: Frequency, *, grace_days: int = STALE_GRACE_DAYS) -> timedelta:
    """The longest a KPI of ``frequency`` may go without a new value before it is stale.

    The frequency's longest gap between two due dates
    (:attr:`~goalkit.Frequency.nominal_days`) plus ``grace_days``
    (:data:`STALE_GRACE_DAYS` unless given). A KPI is stale when more than this
    has passed since its latest value (:func:`is_stale`).

    Raises:
        ValidationError: if ``frequency`` is not a :class:`~goalkit.Frequency`
            (or its value) or ``grace_days`` not a whole number of days.

    >>> staleness_limit(Frequency.WEEKLY)
    datetime.timedelta(days=10)
    >>> staleness_limit("monthly", grace_days=0)
    datetime.timedelta(days=31)
    """
    kind = require_enum("frequency", frequency, Frequency)
    return timedelta(days=kind.nominal_days + _grace(grace_days))


def is_stale(kpi: KPI, at: date, *, grace_days: int = STALE_GRACE_DAYS) -> bool:
    """Whether ``kpi``'s latest value at the end of ``at`` is older than its frequency allows.

    The one staleness rule of goalkit, used by :class:`KPIPolicy` (status
    :attr:`~Status.STALE`) and by check ``KPI-DATA-02``: stale when more than
    :func:`staleness_limit` has passed between the latest value at or before
    ``at`` and ``at``. A KPI without any value is not stale: it has no data,
    which is a status of its own.

    Raises:
        ValidationError: if ``kpi`` is not a KPI, ``at`` not a plain date or
            ``grace_days`` not a whole number of days.

    >>> from goalkit import KPI, CheckIn
    >>> kpi = KPI(id="k", title="Weekly signups", owner="growth", level="team", unit="signups",
    ...           frequency="weekly", history=[CheckIn(day=date(2026, 8, 1), value=40)])
    >>> is_stale(kpi, date(2026, 8, 11)), is_stale(kpi, date(2026, 8, 12))
    (False, True)
    """
    _require_kpi(kpi)
    day = require_day(at)
    latest = kpi.history.latest(day)
    if latest is None:
        return False
    return day - latest.day > staleness_limit(kpi.frequency, grace_days=grace_days)


def _require_kpi(kpi: object) -> None:
    if not isinstance(kpi, KPI):
        raise ValidationError.single("kpi", kpi, f"'kpi' must be a KPI (got {show(kpi)})")


def number_text(value: Number, rounding: RoundingPolicy) -> str:
    """A value for people: whole numbers as they are, others rounded by ``rounding``.

    >>> number_text(Fraction(1452000), Rounding()), number_text(Fraction(2, 3), Rounding())
    ('1452000', '0.67')
    """
    if not isinstance(value, float) and Fraction(value).denominator == 1:
        return str(int(value))
    return str(rounding.round(value))


@attrs.frozen(kw_only=True)
class KPIScore:
    """A KPI at a day.

    Attributes:
        id: The KPI's id.
        value: Its current value (``None``: no data yet; kept when stale).
        band: The name of the threshold range the value lies in (``None``: no
            data, stale, no thresholds, or a gap between ranges).
        status: Its status (:attr:`Status.STALE` when overdue).
        as_of: The day of the latest value used.
    """

    id: str
    value: Number | None
    band: str | None
    status: Status
    as_of: date | None = None

    def describe(self, rounding: RoundingPolicy | None = None) -> str:
        """A compact line for people: ``'2.3 green on track'``.

        >>> score = KPIScore(id="k", value=Fraction(23, 10), band="green", status=Status.ON_TRACK)
        >>> score.describe()
        '2.30 green on track'
        """
        policy = rounding if rounding is not None else Rounding(places=2)
        value = "-" if self.value is None else number_text(self.value, policy)
        parts = [value, self.band, self.status.words]
        if self.status is Status.STALE and self.as_of is not None:
            parts.append(f"(last value {self.as_of.isoformat()})")
        return " ".join(p for p in parts if p)

    def __str__(self) -> str:
        return self.describe()


def _window(kpi: KPI, at: date) -> tuple[CheckIn, ...]:
    known = kpi.history.as_of(at).effective()
    if not known:
        return ()
    last_day = known[-1].day
    first_day = last_day - timedelta(days=kpi.frequency.nominal_days - 1)
    return tuple(c for c in known if c.day >= first_day)


def kpi_value(kpi: KPI, at: date) -> Number | None:
    """The KPI's current value at the end of ``at`` by its aggregation (``None``: no data).

    Sums and means are exact, and given back as a ``Decimal`` when the values
    are decimals and the result terminates.

    >>> from goalkit.examples import EXAMPLE_DAY, example_plan
    >>> kpi_value(example_plan()["kpi-order-time"], EXAMPLE_DAY)
    Decimal('2.3')

    Raises:
        ValidationError: if ``kpi`` is not a KPI or ``at`` not a plain date;
            for an exact value no float can stand for among float ones, a float
            sum that overflows, or an exact one past goalkit's admission limit.
    """
    _require_kpi(kpi)
    window = _window(kpi, require_day(at))
    if not window:
        return None
    values = [c.value for c in window]
    match kpi.aggregation:
        case Aggregation.LAST:
            return values[-1]
        case Aggregation.MIN:
            return min(values, key=exact)
        case Aggregation.MAX:
            return max(values, key=exact)
        case Aggregation.COUNT:
            return len(values)
        case Aggregation.SUM:
            return _like_all(_sum(window), values)
        case _:
            return _like_all(_sum(window) / len(values), values)


def _sum(window: Sequence[CheckIn]) -> Exact:
    """The sum of a window's values, with the path of each in the KPI's history."""
    return total(operands(*(("history.value", c.value) for c in window)), "value")


def _like_all(value: Exact, values: Sequence[Number]) -> Number:
    if type(value) is float:
        return value
    assert isinstance(value, Fraction)
    return like(bounded(value, "value"), values[0])


def band_of(kpi: KPI, value: Number) -> str | None:
    """The name of the threshold range ``value`` lies in, or ``None`` (no range, or a gap).

    >>> from goalkit.examples import example_plan
    >>> from decimal import Decimal
    >>> band_of(example_plan()["kpi-uptime"], Decimal("99.5"))
    'green'
    """
    matches = [t for t in kpi.thresholds if t.contains(value)]
    if not matches:
        return None
    if len(matches) == 1:
        return matches[0].name
    upper = max(matches, key=lambda t: -float("inf") if t.low is None else exact(t.low))
    lower = min(matches, key=lambda t: float("inf") if t.high is None else exact(t.high))
    if kpi.polarity is Polarity.HIGHER_IS_BETTER:
        return upper.name
    if kpi.polarity is Polarity.LOWER_IS_BETTER:
        return lower.name
    assert kpi.low is not None
    assert kpi.high is not None
    low, high, number = operands(("low", kpi.low), ("high", kpi.high), ("value", value))
    # halves first: the middle of two large floats must not overflow
    return upper.name if number <= low / 2 + high / 2 else lower.name


def _target_status(kpi: KPI, value: Number) -> Status:
    if kpi.polarity is Polarity.WITHIN_RANGE and kpi.low is not None and kpi.high is not None:
        low, high, number = operands(("low", kpi.low), ("high", kpi.high), ("value", value))
        return Status.ON_TRACK if low <= number <= high else Status.OFF_TRACK
    if kpi.target is None:
        return Status.ON_TRACK
    target, number = operands(("target", kpi.target), ("value", value))
    met = number <= target if kpi.polarity is Polarity.LOWER_IS_BETTER else number >= target
    return Status.ON_TRACK if met else Status.OFF_TRACK


class KPIRule(Protocol):
    """Scores a KPI at a day."""

    def score(self, kpi: KPI, at: date) -> KPIScore:
        """The KPI's score at the end of ``at``."""
        ...


_to_status = to_enum(Status)


def _band_status(value: Iterable[tuple[str, Status]]) -> tuple[tuple[str, Status], ...]:
    # lenient: anything it cannot read is left for KPIPolicy's validation to report
    if isinstance(value, str) or not isinstance(value, Iterable):
        return value
    pairs = tuple(tuple(p) if isinstance(p, list) else p for p in value)
    if all(isinstance(pair, tuple) and len(pair) == 2 for pair in pairs):
        return tuple((name, _to_status(status)) for name, status in pairs)
    return pairs


@attrs.frozen(kw_only=True)
class KPIPolicy:
    """The default KPI rule (see the module docstring).

    Attributes:
        grace_days: Days a value may be late beyond the KPI's frequency before
            the KPI is stale (see :func:`is_stale`).
        band_status: ``(band name, status)`` pairs; bands not listed fall back
            to the target.

    >>> from goalkit import KPI, CheckIn
    >>> kpi = KPI(id="k", title="Weekly signups", owner="growth", level="team", unit="signups",
    ...           frequency="weekly", history=[CheckIn(day=date(2026, 8, 1), value=40)])
    >>> KPIPolicy().score(kpi, date(2026, 8, 12)).status
    <Status.STALE: 'stale'>
    """

    grace_days: int = STALE_GRACE_DAYS
    band_status: tuple[tuple[str, Status], ...] = attrs.field(
        default=DEFAULT_BAND_STATUS, converter=_band_status
    )

    def __attrs_post_init__(self) -> None:
        problems = Problems()
        problems.whole_number("grace_days", self.grace_days)
        if not isinstance(self.band_status, tuple):
            problems.add(
                "band_status",
                self.band_status,
                f"'band_status' must be (band name, status) pairs (got {show(self.band_status)})",
            )
        else:
            for index, pair in enumerate(self.band_status):
                path = f"band_status[{index}]"
                if not isinstance(pair, tuple) or len(pair) != 2:
                    problems.add(
                        path,
                        pair,
                        f"'band_status' must hold (name, status) pairs (got {show(pair)})",
                    )
                    continue
                problems.text(f"{path}.name", pair[0])
                problems.enum(f"{path}.status", pair[1], Status)
        problems.raise_if_any()

    def score(self, kpi: KPI, at: date) -> KPIScore:
        """Score ``kpi`` at the end of ``at``.

        Raises:
            ValidationError: if ``kpi`` is not a KPI or ``at`` not a date.
        """
        problems = Problems()
        if not isinstance(kpi, KPI):
            problems.add("kpi", kpi, f"'kpi' must be a KPI (got {show(kpi)})")
        check_day(problems, "at", at)
        problems.raise_if_any()
        latest = kpi.history.latest(at)
        if latest is None:
            return KPIScore(id=kpi.id, value=None, band=None, status=Status.NO_DATA)
        value = kpi_value(kpi, at)
        assert value is not None
        if at - latest.day > staleness_limit(kpi.frequency, grace_days=self.grace_days):
            return KPIScore(
                id=kpi.id, value=value, band=None, status=Status.STALE, as_of=latest.day
            )
        band = band_of(kpi, value)
        mapped = dict(self.band_status)
        if band in mapped:
            status = mapped[band]
        elif band is None and kpi.thresholds:
            status = Status.OFF_TRACK  # outside every declared range: never on track
        else:
            status = _target_status(kpi, value)
        return KPIScore(id=kpi.id, value=value, band=band, status=status, as_of=latest.day)
