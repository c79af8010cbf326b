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
from goalkit.checks.findings import Finding, Severity
from goalkit.checks.rules import Context

__all__ = ["KPIMeasured", "KPIOverdue", "KPIThresholds", "TooFewKPIs", "TooManyKPIs"]


def _severity(value: Severity | str) -> Severity:
    return Severity(value)


def _kpis_by_owner(context: Context) -> dict[str, int]:
    counts: dict[str, int] = {}
    for kpi in context.plan.kpis:
        counts[kpi.owner] = counts.get(kpi.owner, 0) + 1
    return counts


@attrs.frozen(kw_only=True)
class TooManyKPIs:
    """KPI-COUNT-01: an owner has more than ``max`` KPIs (default 7: the critical few)."""

    code: ClassVar[str] = "KPI-COUNT-01"
    severity: Severity = attrs.field(default=Severity.WARNING, converter=_severity)
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
    severity: Severity = attrs.field(default=Severity.INFO, converter=_severity)
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


@attrs.frozen(kw_only=True)
class KPIThresholds:
    """KPI-THRESH-01: a KPI with no thresholds to judge its values by.

    Attributes:
        accept_target: Whether a target or a band (``low``/``high``) is enough
            when no threshold ranges are given (default: no, ranges are asked for).
    """

    code: ClassVar[str] = "KPI-THRESH-01"
    severity: Severity = attrs.field(default=Severity.WARNING, converter=_severity)
    accept_target: bool = False

    def check(self, context: Context) -> Iterator[Finding]:
        """Yield one finding per KPI without thresholds."""
        for kpi in context.plan.kpis:
            if kpi.thresholds:
                continue
            if self.accept_target and (kpi.target is not None or kpi.low is not None):
                continue
            yield context.finding(self, kpi.id, title=kpi.title)


@attrs.frozen(kw_only=True)
class KPIMeasured:
    """KPI-DATA-01: a KPI with no measurement (on or before the check's day, if given)."""

    code: ClassVar[str] = "KPI-DATA-01"
    severity: Severity = attrs.field(default=Severity.WARNING, converter=_severity)

    def check(self, context: Context) -> Iterator[Finding]:
        """Yield one finding per KPI without data."""
        for kpi in context.plan.kpis:
            if kpi.history.latest(context.at) is None:
                yield context.finding(self, kpi.id, title=kpi.title)


@attrs.frozen(kw_only=True)
class KPIOverdue:
    """KPI-DATA-02: a KPI's last measurement is older than its frequency allows.

    Overdue means more than the frequency's longest gap
    (:attr:`~goalkit.Frequency.nominal_days`) plus ``grace_days`` (default 7)
    since the last measurement. Needs the check's day.
    """

    code: ClassVar[str] = "KPI-DATA-02"
    severity: Severity = attrs.field(default=Severity.WARNING, converter=_severity)
    grace_days: int = attrs.field(default=7, validator=attrs_whole_number)

    def check(self, context: Context) -> Iterator[Finding]:
        """Yield one finding per KPI whose data is stale."""
        at = context.at
        if at is None:
            context.skip(self, "note.needs_day")
            return
        for kpi in context.plan.kpis:
            latest = kpi.history.latest(at)
            if latest is None:
                continue
            limit = kpi.frequency.nominal_days + self.grace_days
            days = (at - latest.day).days
            if days > limit:
                yield context.finding(
                    self,
                    kpi.id,
                    title=kpi.title,
                    last=latest.day,
                    days=days,
                    frequency=kpi.frequency.value,
                    max_days=limit,
                )


KPI_RULES = (TooManyKPIs(), TooFewKPIs(), KPIThresholds(), KPIMeasured(), KPIOverdue())
"""Every KPI rule with its default settings."""
