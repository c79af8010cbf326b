"""An embedded example plan: a small company's third quarter of 2026.

Used by ``python -m goalkit demo``, the docs and the tests. It is realistic on
purpose, including a few flaws a good reviewer would spot (a vague objective,
a round target plucked from the air, an upper level's key result copied as a
lower level's objective), so the quality checks have something to find.

>>> plan = example_plan()
>>> plan["kr-sales-revenue"].title
'Grow quarterly revenue from EUR 2.0M to EUR 2.6M'
>>> EXAMPLE_DAY
datetime.date(2026, 8, 15)
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from goalkit.goals import (
    KPI,
    Aggregation,
    Commitment,
    Horizon,
    Initiative,
    InitiativeStatus,
    KeyResult,
    Objective,
    Origin,
    Perspective,
    Polarity,
    Theme,
    ThemeKind,
)
from goalkit.measures import FIRST_CHECK_IN, CheckIn, Milestone, Target, Threshold
from goalkit.periods import Frequency, Period
from goalkit.plan import Link, LinkKind, Plan

__all__ = ["EXAMPLE_DAY", "EXAMPLE_PERIOD", "example_plan"]

EXAMPLE_PERIOD = Period.quarter(2026, 3)
"""The quarter the example plan covers."""

EXAMPLE_DAY = date(2026, 8, 15)
"""The day the demo evaluates the example plan at, half-way through the quarter."""


def _history(*points: tuple[int, int, object, float | None]) -> tuple[CheckIn, ...]:
    return tuple(
        CheckIn(day=date(2026, month, day), value=value, confidence=confidence)  # type: ignore[arg-type]
        for month, day, value, confidence in points
    )


def example_plan() -> Plan:
    """Build the example plan: Acme Analytics, Q3 2026.

    One company, two departments (sales and customer service), a team in each
    and two people, with metric, milestone and binary key results, decreasing
    targets, KPIs and check-ins up to mid-August.
    """
    q3 = EXAMPLE_PERIOD
    themes = (
        Theme(
            id="mission",
            title="Make every decision in a mid-sized firm data-driven",
            kind=ThemeKind.MISSION,
        ),
        Theme(
            id="strategy-midmarket", title="Win the European mid-market", kind=ThemeKind.STRATEGY
        ),
    )
    company = Objective(
        id="o-company-growth",
        title="Become the analytics tool mid-sized European firms recommend",
        owner="acme",
        level="company",
        period=q3,
        commitment=Commitment.ASPIRATIONAL,
        origin=Origin.TOP_DOWN,
        perspective=Perspective.FINANCIAL,
        horizon=Horizon.LONG,
        key_results=(
            KeyResult.metric(
                id="kr-company-revenue",
                title="Grow quarterly revenue from EUR 4.0M to EUR 5.0M",
                target=Target.increase(from_=Decimal("4000000"), to=Decimal("5000000")),
                unit="EUR",
                weight=2,
                history=_history(
                    (7, 31, Decimal("4210000"), 0.6), (8, 14, Decimal("4390000"), 0.6)
                ),
            ),
            KeyResult.metric(
                id="kr-company-nps",
                title="Raise NPS from 31 to 45",
                target=Target.increase(from_=31, to=45, stretch=50),
                unit="points",
                history=_history((7, 15, 33, 0.7), (8, 12, 38, 0.7)),
            ),
            KeyResult.metric(
                id="kr-company-churn",
                title="Cut monthly logo churn from 3.0 % to 2.0 %",
                target=Target.decrease(from_=Decimal("3.0"), to=Decimal("2.0")),
                unit="%",
                history=_history((7, 31, Decimal("2.9"), 0.5), (8, 14, Decimal("2.8"), 0.4)),
            ),
        ),
    )
    sales = Objective(
        id="o-sales-pipeline",
        title="Build a mid-market pipeline that closes itself",
        owner="dept-sales",
        level="department",
        period=q3,
        commitment=Commitment.COMMITTED,
        origin=Origin.NEGOTIATED,
        perspective=Perspective.FINANCIAL,
        horizon=Horizon.SHORT,
        key_results=(
            KeyResult.metric(
                id="kr-sales-revenue",
                title="Grow quarterly revenue from EUR 2.0M to EUR 2.6M",
                target=Target.increase(from_=Decimal("2000000"), to=Decimal("2600000")),
                unit="EUR",
                weight=3,
                history=_history(
                    (7, 31, Decimal("2140000"), 0.7), (8, 14, Decimal("2290000"), 0.7)
                ),
            ),
            KeyResult.metric(
                id="kr-sales-conversion",
                title="Conversion of the 100 visited manufacturers reaches 5 % by 30 September",
                target=Target.increase(from_=Decimal("2.0"), to=Decimal("5.0")),
                unit="%",
                history=_history((7, 31, Decimal("2.6"), 0.5), (8, 14, Decimal("3.1"), 0.5)),
            ),
            KeyResult.metric(
                id="kr-sales-cycle",
                title="Cut the average sales cycle from 48 to 24 days",
                target=Target.decrease(from_=48, to=24),
                unit="days",
                history=_history((7, 31, 41, 0.6), (8, 14, 36, 0.6)),
            ),
        ),
    )
    service = Objective(
        id="o-service-delight",
        title="Improve customer relationships",
        owner="dept-service",
        level="department",
        period=q3,
        commitment=Commitment.ASPIRATIONAL,
        origin=Origin.BOTTOM_UP,
        perspective=Perspective.CUSTOMER,
        horizon=Horizon.SHORT,
        key_results=(
            KeyResult.metric(
                id="kr-service-response",
                title="Answer every chat within 5 minutes",
                target=Target.decrease(from_=12, to=5),
                unit="minutes",
                history=_history((7, 10, 11, 0.5), (7, 31, 8, 0.6), (8, 14, 7, 0.6)),
            ),
            KeyResult.metric(
                id="kr-service-csat",
                title="Customer satisfaction up 30 % to 80 %",
                target=Target.increase(to=80, by_percent=30),
                unit="%",
                history=_history((7, 31, 66, 0.5), (8, 14, 69, 0.5)),
            ),
        ),
    )
    inside_sales = Objective(
        id="o-team-inside-sales",
        title="Grow quarterly revenue from EUR 2.0M to EUR 2.6M",
        owner="team-inside-sales",
        level="team",
        period=q3,
        commitment=Commitment.COMMITTED,
        origin=Origin.TOP_DOWN,
        perspective=Perspective.FINANCIAL,
        key_results=(
            KeyResult.metric(
                id="kr-inside-demos",
                title="Run 1000000 demo calls",
                target=Target.at_least(1_000_000),
                unit="calls",
                history=_history((7, 31, 180_000, 0.3), (8, 14, 350_000, 0.3)),
            ),
            KeyResult.milestones(
                id="kr-inside-brochure",
                title="Publish the 16-page mid-market brochure by 31 August",
                milestones=(
                    Milestone(
                        title="outline approved",
                        weight=1,
                        due=date(2026, 7, 15),
                        done_on=date(2026, 7, 14),
                    ),
                    Milestone(
                        title="copy and design done",
                        weight=2,
                        due=date(2026, 8, 10),
                        done_on=date(2026, 8, 12),
                    ),
                    Milestone(title="16 pages printed", weight=1, due=date(2026, 8, 31)),
                ),
                initiatives=(
                    Initiative(
                        id="i-brochure-agency",
                        title="Brief the design agency",
                        status=InitiativeStatus.DONE,
                        owner="ana",
                        due=date(2026, 7, 10),
                        done_on=date(2026, 7, 9),
                    ),
                ),
            ),
        ),
    )
    service_team = Objective(
        id="o-team-support",
        title="Make first-line support fast and friendly",
        owner="team-support",
        level="team",
        period=q3,
        origin=Origin.BOTTOM_UP,
        perspective=Perspective.INTERNAL_PROCESS,
        key_results=(
            KeyResult.metric(
                id="kr-support-first-reply",
                title="First reply to tickets within 2 hours on 95 % of days",
                target=Target.at_least(95),
                unit="% of days",
                history=_history((7, 31, 88, 0.6), (8, 14, 93, 0.7)),
            ),
            KeyResult.binary(
                id="kr-support-chatbot",
                title="Launch the help-centre chatbot",
                due=date(2026, 9, 15),
                history=_history((7, 31, 0, 0.8)),
            ),
        ),
    )
    ana = Objective(
        id="o-ana-pipeline",
        title="Open doors at manufacturers in the DACH region",
        owner="ana",
        level="individual",
        period=q3,
        origin=Origin.BOTTOM_UP,
        perspective=Perspective.CUSTOMER,
        key_results=(
            KeyResult.metric(
                id="kr-ana-visits",
                title="Visit 100 manufacturing customers",
                target=Target.increase(from_=0, to=100),
                unit="customers",
                history=_history((7, 31, 34, 0.7), (8, 14, 52, 0.8)),
            ),
            KeyResult.binary(
                id="kr-ana-partner",
                title="Sign one reseller partner in Austria",
                history=_history((8, 5, 1, 1.0)),
            ),
        ),
    )
    ben = Objective(
        id="o-ben-growth",
        title="Become the team's expert on the analytics API",
        owner="ben",
        level="individual",
        period=q3,
        origin=Origin.BOTTOM_UP,
        perspective=Perspective.LEARNING_GROWTH,
        horizon=Horizon.LONG,
        key_results=(
            KeyResult.milestones(
                id="kr-ben-certification",
                title="Pass the API certification",
                milestones=(
                    Milestone(
                        title="course finished", due=date(2026, 8, 1), done_on=date(2026, 7, 28)
                    ),
                    Milestone(title="exam passed", weight=2, due=date(2026, 9, 15)),
                ),
            ),
            KeyResult.metric(
                id="kr-ben-tickets",
                title="Resolve API tickets in under 3 days on average",
                target=Target.decrease(from_=FIRST_CHECK_IN, to=3),
                unit="days",
                history=_history(
                    (7, 3, Decimal("5.5"), 0.5),
                    (7, 31, Decimal("4.2"), 0.6),
                    (8, 14, Decimal("3.6"), 0.7),
                ),
            ),
        ),
    )
    kpis = (
        KPI(
            id="kpi-mrr",
            title="Monthly recurring revenue",
            owner="acme",
            level="company",
            unit="EUR",
            polarity=Polarity.HIGHER_IS_BETTER,
            frequency=Frequency.MONTHLY,
            aggregation=Aggregation.LAST,
            target=Decimal("1700000"),
            perspective=Perspective.FINANCIAL,
            history=_history((6, 30, Decimal("1380000"), None), (7, 31, Decimal("1452000"), None)),
            thresholds=(
                Threshold(name="red", high=Decimal("1400000")),
                Threshold(name="amber", low=Decimal("1400000"), high=Decimal("1600000")),
                Threshold(name="green", low=Decimal("1600000")),
            ),
        ),
        KPI(
            id="kpi-order-time",
            title="Order processing time",
            owner="dept-sales",
            level="department",
            unit="days",
            polarity=Polarity.LOWER_IS_BETTER,
            frequency=Frequency.WEEKLY,
            aggregation=Aggregation.MEAN,
            target=2,
            perspective=Perspective.INTERNAL_PROCESS,
            history=_history(
                (7, 27, Decimal("2.8"), None),
                (8, 3, Decimal("2.5"), None),
                (8, 10, Decimal("2.3"), None),
            ),
            thresholds=(
                Threshold(name="green", high=Decimal("2.5")),
                Threshold(name="amber", low=Decimal("2.5"), high=3),
                Threshold(name="red", low=3),
            ),
        ),
        KPI(
            id="kpi-uptime",
            title="Platform availability",
            owner="acme",
            level="company",
            unit="%",
            polarity=Polarity.WITHIN_RANGE,
            frequency=Frequency.MONTHLY,
            aggregation=Aggregation.MIN,
            low=Decimal("99.5"),
            high=100,
            perspective=Perspective.CUSTOMER,
            history=_history((6, 30, Decimal("99.93"), None), (7, 31, Decimal("99.41"), None)),
            thresholds=(
                Threshold(name="red", high=99),
                Threshold(name="amber", low=99, high=Decimal("99.5")),
                Threshold(name="green", low=Decimal("99.5"), high=100),
            ),
        ),
    )
    links = (
        Link(child="strategy-midmarket", parent="mission", kind=LinkKind.SUPPORTS),
        Link(child="o-company-growth", parent="strategy-midmarket", kind=LinkKind.SUPPORTS),
        Link(child="o-sales-pipeline", parent="kr-company-revenue", weight=2),
        Link(child="o-service-delight", parent="kr-company-nps"),
        Link(child="o-team-inside-sales", parent="kr-sales-revenue"),
        Link(child="o-team-support", parent="kr-service-response"),
        Link(child="o-ana-pipeline", parent="kr-sales-conversion"),
        Link(child="o-ben-growth", parent="o-team-support", kind=LinkKind.SUPPORTS),
    )
    return Plan(
        name="Acme Analytics, Q3 2026",
        themes=themes,
        objectives=(company, sales, service, inside_sales, service_team, ana, ben),
        kpis=kpis,
        links=links,
    )
