"""KPI practice rules: the critical few per owner, thresholds, complete and timely data.

>>> from goalkit import KPI
>>> from goalkit.checks import check
>>> kpi = KPI(id="k", title="Order processing time", owner="ops", level="team", unit="days")
>>> sorted(check(kpi, profile="kpi").codes)
['KPI-DATA-01', 'KPI-THRESH-01']
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

import attrs

from goalkit._validation import attrs_whole_number
from goalkit.checks.findings import Finding, Severity, to_severity
from goalkit.checks.rules import Context
from goalkit.goals import KPI, Polarity
from goalkit.scoring.kpis import STALE_GRACE_DAYS, is_stale, staleness_limit

__all__ = [
    "KPIMeasured",
    "KPIOverdue",
    "KPIThresholds",
    "TooFewKPIs",
    "TooManyKPIs",
    "judged",
]


def _kpis_by_owner(context: Context) -> dict[str, int]:
    counts: dict[str, int] = {}
    for kpi in context.plan.kpis:
        counts[kpi.owner] = counts.get(kpi.owner, 0) + 1
    return counts


@attrs.frozen(kw_only=True)
class TooManyKPIs:
    """KPI-COUNT-01: an owner has more than ``max`` KPIs (default 7: the critical few)."""

    code: ClassVar[str] = "KPI-COUNT-01"
    severity: Severity = attrs.field(default=Severity.WARNING, converter=to_severity)
    max: int = attrs.field(default=7, validator=attrs_whole_number)

    def check(self, context: Context) -> Iterator[Finding]:
        """Yield one plan-wide finding per owner over the limit."""
        for owner, count in _kpis_by_owner(context).items():
            if count > self.max:
                yield context.finding(self, None, owner=owner, count=count, max=self.max)


@attrs.frozen(kw_only=True)
class TooFewKPIs:
    """KPI-COUNT-02: owners of KPIs with fewer than ``min`` of them (default 3).

    One plan-wide finding names every such owner.
    """

    code: ClassVar[str] = "KPI-COUNT-02"
    severity: Severity = attrs.field(default=Severity.INFO, converter=to_severity)
    min: int = attrs.field(default=3, validator=attrs_whole_number)

    def check(self, context: Context) -> Iterator[Finding]:
        """Yield one plan-wide finding if some owners are under the limit."""
        owners = [
            f"{owner} ({count})"
            for owner, count in _kpis_by_owner(context).items()
            if count < self.min
        ]
        if owners:
            yield context.finding(
                self, None, owners=context.join(owners), count=len(owners), min=self.min
            )


def judged(kpi: KPI) -> bool:
    """Whether :mod:`goalkit.scoring` can tell a good value of ``kpi`` from a bad one.

    It can with threshold ranges, with a target, or with the good range
    (``low``/``high``) of a within-range KPI; without any of them every fresh
    value counts as on track.

    >>> from goalkit import KPI
    >>> judged(KPI(id="k", title="Uptime", owner="ops", level="team", unit="%", target=99))
    True
    >>> judged(KPI(id="k", title="Uptime", owner="ops", level="team", unit="%", low=99))
    False
    """
    if kpi.thresholds or kpi.target is not None:
        return True
    return kpi.polarity is Polarity.WITHIN_RANGE and kpi.low is not None and kpi.high is not None


@attrs.frozen(kw_only=True)
class KPIThresholds:
    """KPI-THRESH-01: a KPI whose values cannot be judged: no thresholds and no target.

    A KPI with threshold ranges, a target, or a within-range KPI with its good
    range (``low``/``high``) is judged by :mod:`goalkit.scoring` (see
    :func:`judged`), and passes. ``low`` and ``high`` judge nothing under
    another polarity.
    """

    code: ClassVar[str] = "KPI-THRESH-01"
    severity: Severity = attrs.field(default=Severity.WARNING, converter=to_severity)

    def check(self, context: Context) -> Iterator[Finding]:
        """Yield one finding per KPI whose values cannot be judged."""
        for kpi in context.plan.kpis:
            if not judged(kpi):
                yield context.finding(self, kpi.id, title=kpi.title)


@attrs.frozen(kw_only=True)
class KPIMeasured:
    """KPI-DATA-01: a KPI with no measurement (on or before the check's day, if given)."""

    code: ClassVar[str] = "KPI-DATA-01"
    severity: Severity = attrs.field(default=Severity.WARNING, converter=to_severity)

    def check(self, context: Context) -> Iterator[Finding]:
        """Yield one finding per KPI without data."""
        for kpi in context.plan.kpis:
            if kpi.history.latest(context.at) is None:
                yield context.finding(self, kpi.id, title=kpi.title)


@attrs.frozen(kw_only=True)
class KPIOverdue:
    """KPI-DATA-02: a KPI's last measurement is older than its frequency allows.

    The one staleness rule of goalkit (:func:`goalkit.scoring.kpis.is_stale`):
    overdue means more than the frequency's longest gap
    (:attr:`~goalkit.Frequency.nominal_days`) plus ``grace_days`` since the
    last measurement. With the default grace
    (:data:`~goalkit.scoring.kpis.STALE_GRACE_DAYS`, 3 days) this rule flags
    exactly the KPIs that :func:`~goalkit.scoring.score_kpi` calls stale;
    a profile may set a tighter grace (``strict`` sets 0). Needs the check's day.

    >>> from datetime import date
    >>> from goalkit import KPI, CheckIn
    >>> from goalkit.checks import RuleSet, check
    >>> kpi = KPI(id="k", title="Weekly signups", owner="growth", level="team", unit="signups",
    ...           frequency="weekly", history=[CheckIn(day=date(2026, 8, 1), value=40)])
    >>> rules = RuleSet(rules=[KPIOverdue()])
    >>> [len(check(kpi, at=date(2026, 8, day), profile=rules)) for day in (11, 12)]
    [0, 1]
    """

    code: ClassVar[str] = "KPI-DATA-02"
    severity: Severity = attrs.field(default=Severity.WARNING, converter=to_severity)
    grace_days: int = attrs.field(default=STALE_GRACE_DAYS, validator=attrs_whole_number)

    def check(self, context: Context) -> Iterator[Finding]:
        """Yield one finding per KPI whose data is stale."""
        at = context.at
        if at is None:
            context.skip(self, "note.needs_day")
            return
        for kpi in context.plan.kpis:
            if not is_stale(kpi, at, grace_days=self.grace_days):
                continue
            latest = kpi.history.latest(at)
            assert latest is not None  # a KPI without data is never stale
            yield context.finding(
                self,
                kpi.id,
                title=kpi.title,
                last=latest.day,
                days=(at - latest.day).days,
                frequency=kpi.frequency.value,
                max_days=staleness_limit(kpi.frequency, grace_days=self.grace_days).days,
            )


KPI_RULES = (TooManyKPIs(), TooFewKPIs(), KPIThresholds(), KPIMeasured(), KPIOverdue())
"""Every KPI rule with its default settings."""
