"""Scoring a KPI at a day: current value, threshold band, staleness and status.

* **Current value**: the KPI's :class:`~goalkit.Aggregation` (sum, mean, last,
  min, max, count) over its frequency window: the
  :attr:`~goalkit.Frequency.nominal_days` days ending on the day of the latest
  value at or before ``at`` (one value per day: the last one to arrive).
* **Band**: the :class:`~goalkit.Threshold` the value lies in. Ranges may touch;
  a value on a shared edge goes to the better side: the upper range when higher
  is better, the lower when lower is better, and for a within-range KPI the one
  nearer the middle of its good range. A value in a gap between ranges has no
  band (``None``).
* **Staleness**: a latest value older than the frequency plus
  :attr:`KPIPolicy.grace_days` makes the KPI :attr:`~Status.STALE`, with no band:
  overdue data is never green.
* **Status**: the band's status (green on track, amber at risk, red off track,
  configurable); without a mapped band, the target decides (met: on track, not
  met: off track); with neither, a fresh value is on track.

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

from goalkit._numbers import Number, exact, like
from goalkit._show import show
from goalkit._validation import Problems, require_whole_number
from goalkit.goals import KPI, Aggregation, Polarity
from goalkit.measures import CheckIn
from goalkit.periods import check_day
from goalkit.scoring.rounding import Rounding, RoundingPolicy
from goalkit.scoring.status import Status

__all__ = [
    "DEFAULT_BAND_STATUS",
    "KPIPolicy",
    "KPIRule",
    "KPIScore",
    "band_of",
    "kpi_value",
    "number_text",
]

DEFAULT_BAND_STATUS: tuple[tuple[str, Status], ...] = (
    ("green", Status.ON_TRACK),
    ("amber", Status.AT_RISK),
    ("red", Status.OFF_TRACK),
)
"""The status each conventional band name gives."""


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
    """
    window = _window(kpi, at)
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
            total = sum((exact(v) for v in values), start=Fraction(0))
            return _like_all(total, values)
        case _:
            mean = sum((exact(v) for v in values), start=Fraction(0)) / len(values)
            return _like_all(mean, values)


def _like_all(value: Number, values: Sequence[Number]) -> Number:
    if any(isinstance(v, float) for v in values):
        return float(value)
    template = values[0]
    assert isinstance(value, Fraction)
    return like(value, template)


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
    middle = (exact(kpi.low) + exact(kpi.high)) / 2
    return upper.name if exact(value) <= middle else lower.name


def _target_status(kpi: KPI, value: Number) -> Status:
    number = exact(value)
    if kpi.polarity is Polarity.WITHIN_RANGE and kpi.low is not None and kpi.high is not None:
        inside = exact(kpi.low) <= number <= exact(kpi.high)
        return Status.ON_TRACK if inside else Status.OFF_TRACK
    if kpi.target is None:
        return Status.ON_TRACK
    sign = -1 if kpi.polarity is Polarity.LOWER_IS_BETTER else 1
    return Status.ON_TRACK if (number - exact(kpi.target)) * sign >= 0 else Status.OFF_TRACK


class KPIRule(Protocol):
    """Scores a KPI at a day."""

    def score(self, kpi: KPI, at: date) -> KPIScore:
        """The KPI's score at the end of ``at``."""
        ...


def _band_status(value: Iterable[tuple[str, Status]]) -> tuple[tuple[str, Status], ...]:
    return tuple((name, Status(status)) for name, status in value)


@attrs.frozen(kw_only=True)
class KPIPolicy:
    """The default KPI rule (see the module docstring).

    Attributes:
        grace_days: Days a value may be late beyond the KPI's frequency before
            the KPI is stale.
        band_status: ``(band name, status)`` pairs; bands not listed fall back
            to the target.

    >>> from goalkit import KPI, CheckIn
    >>> kpi = KPI(id="k", title="Weekly signups", owner="growth", level="team", unit="signups",
    ...           frequency="weekly", history=[CheckIn(day=date(2026, 8, 1), value=40)])
    >>> KPIPolicy().score(kpi, date(2026, 8, 12)).status
    <Status.STALE: 'stale'>
    """

    grace_days: int = 3
    band_status: tuple[tuple[str, Status], ...] = attrs.field(
        default=DEFAULT_BAND_STATUS, converter=_band_status
    )

    def __attrs_post_init__(self) -> None:
        require_whole_number("grace_days", self.grace_days)

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
        if (at - latest.day).days > kpi.frequency.nominal_days + self.grace_days:
            return KPIScore(
                id=kpi.id, value=value, band=None, status=Status.STALE, as_of=latest.day
            )
        band = band_of(kpi, value)
        mapped = dict(self.band_status)
        status = mapped[band] if band in mapped else _target_status(kpi, value)
        return KPIScore(id=kpi.id, value=value, band=band, status=status, as_of=latest.day)
