"""Tests for goalkit.checks.kpi: a table per KPI rule."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

import pytest

from goalkit import KPI, CheckIn, Frequency, Plan
from goalkit.checks import BUILTIN_RULES, RuleSet, Subject, check
from goalkit.measures import Threshold

AUGUST = date(2026, 8, 15)


def kpi(
    id: str = "k",
    *,
    owner: str = "ops",
    frequency: Frequency = Frequency.WEEKLY,
    history: Iterable[date] = (),
    thresholds: Iterable[Threshold] = (),
    target: int | None = None,
) -> KPI:
    """A KPI measured on the given days."""
    return KPI(
        id=id,
        title="Order processing time",
        owner=owner,
        level="team",
        unit="days",
        polarity="lower_is_better",
        frequency=frequency,
        target=target,
        history=[CheckIn(day=day, value=2) for day in history],
        thresholds=thresholds,
    )


def findings(code: str, subject: Subject, *, at: date | None = None, **options: object) -> int:
    """How many findings the rule ``code`` alone (with ``options``) makes."""
    rules = RuleSet(rules=BUILTIN_RULES, select=[code])
    if options:
        rules = rules.with_options(code, **options)
    return len(check(subject, profile=rules, at=at).with_code(code))


class TestCounts:
    @pytest.mark.parametrize(("count", "flagged"), [(3, 0), (7, 0), (8, 1)])
    def test_too_many(self, count: int, flagged: int) -> None:
        """KPI-COUNT-01: more than 7 KPIs per owner scatters attention."""
        plan = Plan(kpis=[kpi(f"k{n}") for n in range(count)])
        assert flagged == findings("KPI-COUNT-01", plan)

    @pytest.mark.parametrize(("count", "flagged"), [(1, 1), (2, 1), (3, 0)])
    def test_too_few(self, count: int, flagged: int) -> None:
        """KPI-COUNT-02: under 3 KPIs per owner, one finding naming every such owner."""
        kpis = [kpi(f"{owner}{n}", owner=owner) for owner in "ab" for n in range(count)]
        assert flagged == findings("KPI-COUNT-02", Plan(kpis=kpis))


class TestThresholds:
    @pytest.mark.parametrize(
        ("subject", "accept_target", "flagged"),
        [
            (kpi(thresholds=[Threshold(name="green", high=2)]), False, 0),
            (kpi(), False, 1),
            (kpi(target=2), False, 1),
            (kpi(target=2), True, 0),
            (kpi(), True, 1),
        ],
    )
    def test_thresholds(self, subject: KPI, accept_target: bool, flagged: int) -> None:
        """KPI-THRESH-01: a KPI with no thresholds to judge it by."""
        assert flagged == findings("KPI-THRESH-01", subject, accept_target=accept_target)


class TestData:
    @pytest.mark.parametrize(
        ("history", "at", "flagged"),
        [
            ([], None, 1),
            ([AUGUST], None, 0),
            ([AUGUST], date(2026, 8, 1), 1),  # measured only after the check's day
        ],
    )
    def test_measured(self, history: list[date], at: date | None, flagged: int) -> None:
        """KPI-DATA-01: a KPI with no measurement is a finding, never a silent green."""
        assert flagged == findings("KPI-DATA-01", kpi(history=history), at=at)

    @pytest.mark.parametrize(
        ("frequency", "last", "flagged"),
        [
            (Frequency.WEEKLY, date(2026, 8, 1), 0),  # 14 days: 7 + 7 grace
            (Frequency.WEEKLY, date(2026, 7, 31), 1),
            (Frequency.MONTHLY, date(2026, 7, 8), 0),  # 38 days
            (Frequency.MONTHLY, date(2026, 7, 7), 1),
            (Frequency.DAILY, date(2026, 8, 7), 0),
            (Frequency.DAILY, date(2026, 8, 6), 1),
        ],
    )
    def test_overdue(self, frequency: Frequency, last: date, flagged: int) -> None:
        """KPI-DATA-02: the last measurement older than the frequency plus 7 days' grace."""
        subject = kpi(frequency=frequency, history=[last])
        assert flagged == findings("KPI-DATA-02", subject, at=AUGUST)

    def test_grace_is_a_setting(self) -> None:
        """Without grace a weekly KPI is overdue after 7 days."""
        subject = kpi(history=[date(2026, 8, 7)])
        assert 1 == findings("KPI-DATA-02", subject, at=AUGUST, grace_days=0)
