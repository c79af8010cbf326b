# ruff: noqa: RUF001 - Chinese text is written with full-width punctuation
"""Tests for goalkit.checks.kpi: a table per KPI rule."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

import pytest

from goalkit import KPI, CheckIn, Frequency, Plan, Status, score_kpi
from goalkit.checks import BUILTIN_RULES, RuleSet, Subject, check
from goalkit.checks.kpi import judged
from goalkit.measures import Threshold
from goalkit.scoring.kpis import STALE_GRACE_DAYS, staleness_limit

AUGUST = date(2026, 8, 15)


def kpi(
    id: str = "k",
    *,
    owner: str = "ops",
    frequency: Frequency = Frequency.WEEKLY,
    history: Iterable[date] = (),
    thresholds: Iterable[Threshold] = (),
    target: int | None = None,
    polarity: str = "lower_is_better",
    low: int | None = None,
    high: int | None = None,
) -> KPI:
    """A KPI measured on the given days."""
    return KPI(
        id=id,
        title="Order processing time",
        owner=owner,
        level="team",
        unit="days",
        polarity=polarity,
        frequency=frequency,
        target=target,
        low=low,
        high=high,
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
        ("subject", "flagged"),
        [
            (kpi(thresholds=[Threshold(name="green", high=2)]), 0),
            (kpi(), 1),
            # a target judges values: once flagged all the same
            (kpi(target=2), 0),
            # so does the good range of a within-range KPI
            (kpi(polarity="within_range", low=1, high=3), 0),
            # low and high judge nothing under another polarity
            (kpi(low=1), 1),
            (kpi(polarity="higher_is_better", low=1, high=3), 1),
        ],
    )
    def test_thresholds(self, subject: KPI, flagged: int) -> None:
        """KPI-THRESH-01 fires only when no value of the KPI can be judged."""
        assert flagged == findings("KPI-THRESH-01", subject)
        assert (flagged == 0) == judged(subject)

    @pytest.mark.parametrize(
        ("subject", "status"),
        [
            (kpi(target=2, history=[AUGUST]), Status.ON_TRACK),
            (kpi(target=1, history=[AUGUST]), Status.OFF_TRACK),
            (kpi(polarity="within_range", low=3, high=5, history=[AUGUST]), Status.OFF_TRACK),
        ],
    )
    def test_agrees_with_scoring(self, subject: KPI, status: Status) -> None:
        """A KPI whose values scoring judges (on or off track) is never said to be unjudged."""
        assert status == score_kpi(subject, AUGUST).status
        assert 0 == findings("KPI-THRESH-01", subject)

    @pytest.mark.parametrize("lang", ["en", "zh"])
    def test_wording(self, lang: str) -> None:
        """The message says what the evaluation does, and the hint asks for what is missing."""
        finding = check(kpi(), profile=RuleSet(rules=BUILTIN_RULES, select=["KPI-THRESH-01"]),
                        lang=lang).findings[0]  # fmt: skip
        if lang == "en":
            assert (
                "KPI 'Order processing time' has no thresholds and no target, so its values "
                "are not judged: any fresh value counts as on track"
            ) == finding.message
            assert "no value can be judged" not in finding.message
            assert "band" not in finding.hint
        else:
            assert "任何新数值都算正常" in finding.message
            assert "区间（low、high）" not in finding.hint
        assert "within_range" in finding.hint


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
            (Frequency.WEEKLY, date(2026, 8, 5), 0),  # 10 days: 7 + 3 grace
            (Frequency.WEEKLY, date(2026, 8, 4), 1),  # once passed: 7 + 7 grace
            (Frequency.MONTHLY, date(2026, 7, 12), 0),  # 34 days
            (Frequency.MONTHLY, date(2026, 7, 11), 1),
            (Frequency.DAILY, date(2026, 8, 11), 0),
            (Frequency.DAILY, date(2026, 8, 10), 1),
        ],
    )
    def test_overdue(self, frequency: Frequency, last: date, flagged: int) -> None:
        """KPI-DATA-02: the last measurement older than the frequency plus 3 days' grace."""
        subject = kpi(frequency=frequency, history=[last])
        assert flagged == findings("KPI-DATA-02", subject, at=AUGUST)

    @pytest.mark.parametrize("frequency", list(Frequency))
    @pytest.mark.parametrize("extra", [-1, 0, 1, 2])
    def test_one_staleness_rule(self, frequency: Frequency, extra: int) -> None:
        """For every frequency, at the boundary days, KPI-DATA-02 flags what score_kpi calls stale.

        The regression: a weekly KPI was stale for score_kpi after 7 + 3 days,
        and overdue for the check only after 7 + 7.
        """
        gap = staleness_limit(frequency) + timedelta(days=extra)
        subject = kpi(frequency=frequency, history=[AUGUST - gap])
        stale = Status.STALE == score_kpi(subject, AUGUST).status
        assert stale == (extra > 0)
        assert int(stale) == findings("KPI-DATA-02", subject, at=AUGUST)

    def test_message_names_the_limit(self) -> None:
        """The finding gives the limit it applied: the frequency's gap plus the grace."""
        subject = kpi(history=[date(2026, 8, 1)])
        rules = RuleSet(rules=BUILTIN_RULES, select=["KPI-DATA-02"])
        message = check(subject, profile=rules, at=AUGUST).findings[0].message
        assert f"every {7 + STALE_GRACE_DAYS} days at most" in message

    def test_grace_is_a_setting(self) -> None:
        """Without grace a weekly KPI is overdue after 7 days."""
        subject = kpi(history=[date(2026, 8, 7)])
        assert 1 == findings("KPI-DATA-02", subject, at=AUGUST, grace_days=0)
        assert 0 == findings("KPI-DATA-02", subject, at=AUGUST)
