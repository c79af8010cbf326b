# ruff: noqa: RUF001 - Chinese text is written with full-width punctuation
"""Tests for goalkit.checks.smart: one table of passing and failing cases per SMART rule."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest

from goalkit import (
    FIRST_CHECK_IN,
    KPI,
    CheckIn,
    Initiative,
    KeyResult,
    Link,
    Milestone,
    Objective,
    Period,
    Plan,
    Target,
    ValidationError,
)
from goalkit.checks import BUILTIN_RULES, RuleSet, Subject, check
from goalkit.checks.smart import ImplausibleJump, meets

Q3 = Period.quarter(2026, 3)
AUGUST = date(2026, 8, 15)


def metric(
    title: str = "Raise NPS from 31 to 45",
    target: Target | None = None,
    *,
    id: str = "kr",
    unit: str | None = "points",
    history: Iterable[tuple[date, object]] = (),
) -> KeyResult:
    """A metric key result; check-ins given as (day, value) pairs."""
    return KeyResult.metric(
        id=id,
        title=title,
        target=Target.increase(from_=31, to=45) if target is None else target,
        unit=unit,
        history=[CheckIn(day=day, value=value) for day, value in history],  # type: ignore[arg-type]
    )


def objective(
    *key_results: KeyResult,
    id: str = "o",
    title: str = "Customers recommend us to their peers",
    level: str = "company",
    period: Period = Q3,
) -> Objective:
    """An objective in Q3 2026 owned by acme."""
    return Objective(
        id=id, title=title, owner="acme", level=level, period=period, key_results=key_results
    )


def fires(code: str, subject: Subject, *, at: date | None = None) -> bool:
    """Whether the rule ``code`` alone finds anything in ``subject``."""
    report = check(subject, profile=RuleSet(rules=BUILTIN_RULES, select=[code]), at=at)
    return code in report.codes


class TestSpecific:
    @pytest.mark.parametrize(
        ("title", "vague"),
        [
            # the examples of ../shared/DOMAIN.md
            ("establish a good relationship with customers", True),
            ("visit 100 manufacturing customers", False),
            ("the conversion rate of those 100 customers reaches 5% by 30 June", False),
            ("Improve customer relationships", True),
            ("Better service", True),
            ("Optimise our processes", True),
            ("Optimize the processes", True),
            ("Improve the onboarding checklist", False),
            ("Improve NPS by 10 points", False),
            ("Become the analytics tool mid-sized European firms recommend", False),
            ("提升客户关系", True),
            ("进一步优化服务质量", True),
            ("加强团队建设", True),
            ("拜访100家制造业客户", False),
            ("提升新版结账页面的转化率到5%", False),
        ],
    )
    def test_vague_wording(self, title: str, vague: bool) -> None:
        """SMART-S01 flags vague wording with no concrete object and no number."""
        assert vague == fires("SMART-S01", objective(metric(), title=title))

    def test_vague_key_result_and_kpi_titles(self) -> None:
        """SMART-S01 reads key result and KPI titles too."""
        kpi = KPI(id="k", title="Better quality", owner="acme", level="company", unit="%")
        assert fires("SMART-S01", metric("Better customer experience"))
        assert fires("SMART-S01", kpi)


class TestMeasurable:
    @pytest.mark.parametrize(
        ("key_result", "flagged"),
        [
            (metric(unit="points"), False),
            (metric(unit=None), True),
            (KeyResult.binary(id="kr", title="Sign one reseller in Austria"), False),
        ],
    )
    def test_unit(self, key_result: KeyResult, flagged: bool) -> None:
        """SMART-M01 asks every metric key result for a unit."""
        assert flagged == fires("SMART-M01", objective(key_result))

    @pytest.mark.parametrize(
        ("key_result", "flagged"),
        [
            (metric(target=Target.increase(from_=31, to=45)), False),
            (metric(target=Target.increase(from_=FIRST_CHECK_IN, to=45)), False),
            (metric(target=Target.at_least(95, baseline=88)), False),
            (metric(target=Target.at_least(95), history=[(date(2026, 6, 30), 88)]), False),
            (metric(target=Target.at_least(95)), True),
            (metric(target=Target.at_least(95), history=[(date(2026, 7, 31), 88)]), True),
            (metric(target=Target.within(95, 105)), True),
        ],
    )
    def test_baseline(self, key_result: KeyResult, flagged: bool) -> None:
        """SMART-M02 asks for a baseline, FIRST_CHECK_IN or a check-in before the start."""
        assert flagged == fires("SMART-M02", objective(key_result))

    @pytest.mark.parametrize(
        ("title", "flagged"),
        [
            ("16 pages printed", False),
            ("outline approved", False),
            ("phase 2 done", True),
            ("progress", True),
            ("第二阶段完成", True),
            ("宣传册印刷完成", False),
        ],
    )
    def test_concrete_milestones(self, title: str, flagged: bool) -> None:
        """SMART-M03 asks each milestone to name a deliverable."""
        kr = KeyResult.milestones(
            id="kr", title="Publish the brochure", milestones=[Milestone(title=title)]
        )
        assert flagged == fires("SMART-M03", objective(kr))

    @pytest.mark.parametrize(("count", "flagged"), [(0, True), (1, False), (3, False)])
    def test_has_key_results(self, count: int, flagged: bool) -> None:
        """SMART-M04 is an error for an objective with nothing to measure it."""
        krs = [metric(id=f"kr{n}") for n in range(count)]
        assert flagged == fires("SMART-M04", objective(*krs))


class TestAttainable:
    @pytest.mark.parametrize(
        ("key_result", "flagged"),
        [
            (metric(target=Target.increase(from_=100, to=300)), False),
            (metric(target=Target.increase(from_=100, to=301)), True),
            (metric(target=Target.decrease(from_=48, to=16)), False),
            (metric(target=Target.decrease(from_=48, to=12)), True),
            (metric(target=Target.increase(from_=0, to=100)), False),
            (metric(target=Target.decrease(from_=40, to=0)), False),
            # no baseline: the history is the reference
            (metric(target=Target.at_least(1_000_000), history=[(AUGUST, 180_000)]), True),
            (metric(target=Target.at_least(95), history=[(AUGUST, 88)]), False),
            (metric(target=Target.at_least(95)), False),
            (metric(target=Target.within(95, 105)), False),
            (metric(target=Target.increase(from_=FIRST_CHECK_IN, by_percent=10)), False),
            (metric(target=Target.increase(from_=Decimal("0.5"), to=2.5)), True),
        ],
    )
    def test_implausible_jump(self, key_result: KeyResult, flagged: bool) -> None:
        """SMART-A01 flags targets more than 3x the starting value (either way)."""
        assert flagged == fires("SMART-A01", objective(key_result))

    @pytest.mark.parametrize(
        ("target", "lang", "message"),
        [
            (
                Target.decrease(from_=5, to=1),
                "en",
                "'Cut churn' asks for a cut to 1/5 of its starting value, 80 % less, in one "
                "cycle (5 -> 1); a cut below 1/3 is rarely reached",
            ),
            (
                Target.increase(from_=100, to=500),
                "en",
                "'Cut churn' asks for 5x its starting value in one cycle (100 -> 500); "
                "more than 3x is rarely reached",
            ),
            (
                Target.at_most(12, baseline=48),
                "en",
                "'Cut churn' asks for a cut to 1/4 of its starting value, 75 % less, in one "
                "cycle (48 -> 12); a cut below 1/3 is rarely reached",
            ),
            (
                Target.decrease(from_=5, to=1),
                "zh",
                "“Cut churn”要求在一个周期内降至起点的 1/5、减少 80 %（5 -> 1），"
                "降至 1/3 以下很少能实现",
            ),
            (
                Target.increase(from_=100, to=500),
                "zh",
                "“Cut churn”要求在一个周期内达到起点的 5 倍（100 -> 500），"
                "超过 3 倍的跃升很少能实现",
            ),
        ],
    )
    def test_jump_wording(self, target: Target, lang: str, message: str) -> None:
        """SMART-A01 words a cut as a cut: 5 % to 1 % is not '5x its starting value'."""
        rules = RuleSet(rules=BUILTIN_RULES, select=["SMART-A01"])
        report = check(objective(metric("Cut churn", target)), profile=rules, lang=lang)
        assert [message] == [f.message for f in report]

    @pytest.mark.parametrize(
        ("start", "goal"),
        [
            (10**999 - 1, 5e-324),  # a ratio past any float
            (1.7976931348623157e308, Fraction(1, 10**999 - 7)),
            (Decimal("9.99E+999"), 1e-300),
            (5e-324, 10**999 - 1),
            (Fraction(1, 10**999 - 7), 1.7976931348623157e308),
        ],
    )
    def test_hostile_ratios(self, start: object, goal: object) -> None:
        """Ratios of admitted numbers beyond a float's range are computed exactly and shown short.

        The regression: a huge exact start and a float target raised OverflowError.
        """
        if Fraction(str(goal)) > Fraction(str(start)):
            target = Target.increase(from_=start, to=goal)  # type: ignore[arg-type]
        else:
            target = Target.decrease(from_=start, to=goal)  # type: ignore[arg-type]
        rules = RuleSet(rules=BUILTIN_RULES, select=["SMART-A01"])
        for lang in ("en", "zh"):
            (finding,) = check(objective(metric(target=target)), profile=rules, lang=lang)
            assert len(finding.message) < 300

    def test_jump_ratio_is_a_setting(self) -> None:
        """The ratio is per rule set: 2x passes by default and fails at max_ratio 1.5."""
        plan = objective(metric(target=Target.increase(from_=100, to=200)))
        rules = RuleSet(rules=BUILTIN_RULES, select=["SMART-A01"])
        assert not check(plan, profile=rules).findings
        assert check(plan, profile=rules.with_options("SMART-A01", max_ratio=1.5)).findings

    @pytest.mark.parametrize("ratio", [1, 0, -2, "3"])
    def test_bad_ratio(self, ratio: object) -> None:
        """A ratio of 1 or less (or not a number) is refused."""
        with pytest.raises(ValidationError, match="max_ratio"):
            ImplausibleJump(max_ratio=ratio)  # type: ignore[arg-type]

    @pytest.mark.parametrize(
        ("key_result", "flagged"),
        [
            (metric(target=Target.at_least(95, baseline=97)), True),
            (metric(target=Target.at_least(95, baseline=90)), False),
            (metric(target=Target.at_most(5, baseline=4)), True),
            (metric(target=Target.within(95, 105, baseline=100)), True),
            (metric(target=Target.increase(from_=31, to=45)), False),
            # a check-in on the first day already past the target
            (metric(target=Target.increase(from_=31, to=45), history=[(Q3.start, 50)]), True),
            # a later check-in past the target is success, not sandbagging
            (metric(target=Target.increase(from_=31, to=45), history=[(AUGUST, 50)]), False),
            (
                metric(target=Target.increase(from_=FIRST_CHECK_IN, to=45), history=[(AUGUST, 60)]),
                True,
            ),
        ],
    )
    def test_sandbagging(self, key_result: KeyResult, flagged: bool) -> None:
        """SMART-A02 flags a target already met at the start."""
        assert flagged == fires("SMART-A02", objective(key_result))

    @pytest.mark.parametrize(
        ("target", "value", "expected"),
        [
            (Target.increase(from_=1, to=5), 5, True),
            (Target.increase(from_=1, to=5), 4.9, False),
            (Target.decrease(from_=9, to=5), 5, True),
            (Target.at_most(5), 6, False),
            (Target.within(1, 2), Decimal("1.5"), True),
            (Target.increase(from_=FIRST_CHECK_IN, by=5), 100, False),
        ],
    )
    def test_meets(self, target: Target, value: float, expected: bool) -> None:
        """meets() reads the target's direction."""
        assert expected == meets(target, value)


def _aligned_plan(*, linked: bool, kpi_linked: bool = False) -> Plan:
    top = objective(metric(id="kr-top"), id="o-top")
    team = objective(metric(id="kr-team"), id="o-team", level="team")
    kpi = KPI(id="k", title="Order processing time", owner="ops", level="team", unit="days")
    links = [Link(child="o-team", parent="kr-top")] if linked else []
    if kpi_linked:
        links.append(Link(child="k", parent="o-top", kind="supports"))
    return Plan(objectives=[top, team], kpis=[kpi], links=links)


class TestRelevant:
    @pytest.mark.parametrize(("linked", "flagged"), [(True, False), (False, True)])
    def test_aligned_objective(self, linked: bool, flagged: bool) -> None:
        """SMART-R01 flags an unaligned objective below the top level."""
        assert flagged == fires("SMART-R01", _aligned_plan(linked=linked))

    def test_top_level_needs_no_parent(self) -> None:
        """The top level of the plan has nothing to align to."""
        report = check(_aligned_plan(linked=False), profile="smart")
        assert ["o-team"] == [f.goal_id for f in report.with_code("SMART-R01")]

    def test_aligned_to_a_theme(self) -> None:
        """A theme is a parent too."""
        from goalkit import Theme

        plan = _aligned_plan(linked=False)
        plan = Plan(
            themes=[Theme(id="t", title="Win the mid-market")],
            objectives=plan.objectives,
            links=[Link(child="o-team", parent="t", kind="supports")],
        )
        assert not fires("SMART-R01", plan)

    @pytest.mark.parametrize(("linked", "flagged"), [(True, False), (False, True)])
    def test_aligned_kpi(self, linked: bool, flagged: bool) -> None:
        """SMART-R02 flags an unaligned KPI below the top level."""
        assert flagged == fires("SMART-R02", _aligned_plan(linked=True, kpi_linked=linked))


class TestTimeBound:
    @pytest.mark.parametrize(
        ("key_result", "flagged"),
        [
            # the examples of ../shared/DOMAIN.md, checked on their own
            (metric("Visit 100 manufacturing customers"), True),
            (metric("The conversion rate of those 100 customers reaches 5% by 30 June"), False),
            (metric("Advertising conversions reach 500,000"), True),
            (metric("Advertising conversions reach 500,000 within a month"), False),
            (metric("一个月内广告转化达到50万"), False),
            (metric("6月30日前拜访100家制造业客户"), False),
            (metric("广告转化达到50万"), True),
            (KeyResult.binary(id="kr", title="Sign a reseller", due=date(2026, 9, 1)), False),
            (KeyResult.binary(id="kr", title="Sign a reseller"), True),
            (
                KeyResult.milestones(
                    id="kr",
                    title="Brochure",
                    milestones=[Milestone(title="16 pages printed", due=date(2026, 8, 31))],
                ),
                False,
            ),
        ],
    )
    def test_alone(self, key_result: KeyResult, flagged: bool) -> None:
        """SMART-T01: a key result on its own needs a deadline of its own."""
        assert flagged == fires("SMART-T01", key_result)

    def test_in_an_objective(self) -> None:
        """In an objective the period makes any key result time-bound."""
        assert not fires("SMART-T01", objective(metric("Visit 100 manufacturing customers")))

    @pytest.mark.parametrize(
        ("due", "flagged"),
        [(date(2026, 9, 30), False), (date(2026, 7, 1), False), (date(2026, 10, 1), True)],
    )
    def test_deadlines_in_period(self, due: date, flagged: bool) -> None:
        """SMART-T02 flags milestone, binary and initiative due dates outside the period."""
        milestone = KeyResult.milestones(
            id="kr-m", title="Brochure", milestones=[Milestone(title="pages printed", due=due)]
        )
        binary = KeyResult.binary(id="kr-b", title="Sign a reseller", due=due)
        task = metric(id="kr-i")
        task = KeyResult.metric(
            id="kr-i",
            title=task.title,
            target=Target.increase(from_=31, to=45),
            unit="points",
            initiatives=[Initiative(id="i", title="Brief the agency", due=due)],
        )
        report = check(
            objective(milestone, binary, task),
            profile=RuleSet(rules=BUILTIN_RULES, select=["SMART-T02"]),
        )
        expected = ["kr-m", "kr-b", "i"] if flagged else []
        assert expected == [f.goal_id for f in report]
