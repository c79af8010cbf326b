"""Tests for goalkit.checks.okr and goalkit.checks.grades: a table per OKR practice rule."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings

from goalkit import (
    FIRST_CHECK_IN,
    KPI,
    CheckIn,
    KeyResult,
    Link,
    Objective,
    Period,
    Plan,
    Target,
    ValidationError,
)
from goalkit import strategies as gs
from goalkit.checks import BUILTIN_RULES, Context, RuleSet, Subject, check
from goalkit.checks.grades import AspirationalAtOne, CommittedBelowOne, show_grade
from goalkit.checks.okr import BottomUpShare, TooManyObjectives, is_round
from goalkit.evaluation import RollUp, evaluate
from goalkit.goals import Commitment
from goalkit.scoring import ProgressPolicy, ScoringRules

Q3 = Period.quarter(2026, 3)
AUGUST = date(2026, 8, 15)


def metric(
    title: str = "Raise NPS from 31 to 45",
    target: Target | None = None,
    *,
    id: str = "kr",
    history: Iterable[tuple[date, object]] = (),
) -> KeyResult:
    """A metric key result; check-ins given as (day, value) pairs."""
    return KeyResult.metric(
        id=id,
        title=title,
        target=Target.increase(from_=31, to=45) if target is None else target,
        unit="points",
        history=[CheckIn(day=day, value=value) for day, value in history],  # type: ignore[arg-type]
    )


def objective(
    *key_results: KeyResult,
    id: str = "o",
    title: str = "Customers recommend us to their peers",
    owner: str = "acme",
    level: str = "company",
    period: Period = Q3,
    **fields: object,
) -> Objective:
    """An objective; two key results unless some are given."""
    if not key_results:
        key_results = (metric(id=f"{id}-kr1"), metric(id=f"{id}-kr2"))
    return Objective(
        id=id,
        title=title,
        owner=owner,
        level=level,
        period=period,
        key_results=key_results,
        **fields,  # type: ignore[arg-type]
    )


def findings(code: str, subject: Subject, *, at: date | None = None, **options: object) -> int:
    """How many findings the rule ``code`` alone (with ``options``) makes."""
    rules = RuleSet(rules=BUILTIN_RULES, select=[code])
    if options:
        rules = rules.with_options(code, **options)
    return len(check(subject, profile=rules, at=at).with_code(code))


def owned(count: int, owner: str = "acme") -> list[Objective]:
    """``count`` objectives of one owner in Q3."""
    return [objective(id=f"{owner}-{n}", owner=owner) for n in range(count)]


class TestCounts:
    @pytest.mark.parametrize(("count", "flagged"), [(3, 0), (5, 0), (6, 1)])
    def test_too_many_objectives(self, count: int, flagged: int) -> None:
        """OKR-COUNT-01: more than 5 objectives per owner and cycle."""
        assert flagged == findings("OKR-COUNT-01", Plan(objectives=owned(count)))

    def test_counted_per_cycle(self) -> None:
        """Objectives of another cycle do not count."""
        q4 = [objective(id=f"q4-{n}", period=Q3.next()) for n in range(3)]
        assert 0 == findings("OKR-COUNT-01", Plan(objectives=[*owned(3), *q4]))

    @pytest.mark.parametrize(("count", "flagged"), [(1, 1), (2, 1), (3, 0)])
    def test_too_few_objectives(self, count: int, flagged: int) -> None:
        """OKR-COUNT-02: fewer than 3 objectives per owner, one finding per cycle."""
        plan = Plan(objectives=[*owned(count), *owned(count, "ben")])
        assert flagged == findings("OKR-COUNT-02", plan)

    @pytest.mark.parametrize(("count", "flagged"), [(2, 0), (4, 0), (5, 1)])
    def test_too_many_key_results(self, count: int, flagged: int) -> None:
        """OKR-COUNT-03: more than 4 key results per objective."""
        krs = [metric(id=f"kr{n}") for n in range(count)]
        assert flagged == findings("OKR-COUNT-03", objective(*krs))

    def test_five_key_results_allowed_by_setting(self) -> None:
        """The maximum is a setting (some practitioners allow 5)."""
        krs = [metric(id=f"kr{n}") for n in range(5)]
        assert 0 == findings("OKR-COUNT-03", objective(*krs), max=5)

    @pytest.mark.parametrize(("count", "flagged"), [(1, 1), (2, 0)])
    def test_too_few_key_results(self, count: int, flagged: int) -> None:
        """OKR-COUNT-04: fewer than 2 key results (none is SMART-M04's)."""
        krs = [metric(id=f"kr{n}") for n in range(count)]
        assert flagged == findings("OKR-COUNT-04", objective(*krs))

    def test_bad_count(self) -> None:
        """A negative or fractional count is refused."""
        with pytest.raises(ValidationError, match="'max' must be a whole number"):
            TooManyObjectives(max=-1)


class TestWording:
    @pytest.mark.parametrize(
        ("title", "flagged"),
        [
            ("Grow quarterly revenue from EUR 2.0M to EUR 2.6M", 1),
            ("Reach 500,000 conversions", 1),
            ("Build a mid-market pipeline that closes itself", 0),
            ("成为制造业客户首选的分析工具", 0),
            ("销售额达到一千万", 1),
        ],
    )
    def test_objective_as_metric(self, title: str, flagged: int) -> None:
        """OKR-FORM-01: an objective that states a number reads as a bare metric."""
        assert flagged == findings("OKR-FORM-01", objective(title=title))

    @pytest.mark.parametrize(
        ("title", "flagged"),
        [
            ("Launch the help-centre chatbot", 1),
            ("Implement the new CRM", 1),
            ("Set up weekly demos", 1),
            ("上线帮助中心聊天机器人", 1),
            ("Launch the chatbot, answering 30 % of tickets", 0),
            ("Raise NPS from 31 to 45", 0),
            ("Chatbot answers a third of tickets", 0),
        ],
    )
    def test_key_result_as_task(self, title: str, flagged: int) -> None:
        """OKR-FORM-02: a key result phrased as a task with no measure."""
        kr = KeyResult.binary(id="kr", title=title)
        assert flagged == findings("OKR-FORM-02", objective(kr, metric(id="kr2")))

    @pytest.mark.parametrize(
        ("team_title", "flagged"),
        [
            ("Grow quarterly revenue from EUR 2.0M to EUR 2.6M", 1),
            ("  grow quarterly REVENUE from eur 2.0m to eur 2.6m!  ", 1),
            ("Grow quarterly revenue, from EUR 2.0M to EUR 2.6M.", 1),
            ("Make every demo a reason to buy", 0),
        ],
    )
    def test_copied_key_result(self, team_title: str, flagged: int) -> None:
        """OKR-COPY-01: an upper level's key result copied as a lower level's objective."""
        revenue = metric("Grow quarterly revenue from EUR 2.0M to EUR 2.6M", id="kr-rev")
        top = objective(revenue, metric(id="kr2"), id="o-top", level="department")
        team = objective(id="o-team", title=team_title, level="team", owner="team")
        plan = Plan(objectives=[top, team], links=[Link(child="o-team", parent="kr-rev")])
        assert flagged == findings("OKR-COPY-01", plan)

    def test_copy_needs_a_higher_level(self) -> None:
        """A key result copied at the same level (or upwards) is not this rule's business."""
        revenue = metric("Grow revenue to EUR 2.6M", id="kr-rev")
        team = objective(revenue, metric(id="kr2"), id="o-a", level="team")
        other = objective(id="o-b", title="Grow revenue to EUR 2.6M", level="team")
        assert 0 == findings("OKR-COPY-01", Plan(objectives=[team, other]))


class TestRoundTargets:
    @pytest.mark.parametrize(
        ("value", "expected"),
        [
            (1_000_000, True),
            (100, True),
            (500_000, True),
            (Decimal("100000000"), True),
            (100.0, True),
            (2_600_000, False),
            (50, False),
            (Fraction(201, 2), False),
            (0, False),
            (-1000, True),
        ],
    )
    def test_is_round(self, value: int, expected: bool) -> None:
        """Round: one digit then zeros, at least 100."""
        assert expected == is_round(value)

    @pytest.mark.parametrize(
        ("key_result", "flagged"),
        [
            (metric("Run 1000000 demo calls", Target.at_least(1_000_000)), 1),
            (metric("Run demo calls", Target.at_least(1_000_000, baseline=400_000)), 0),
            (metric("Ship in 100 days", Target.at_most(100)), 1),
            (metric("Reach 1M users", Target.increase(from_=FIRST_CHECK_IN, to=1_000_000)), 1),
            (metric("Reach 1M users", Target.increase(from_=600_000, to=1_000_000)), 0),
            (metric("Reach 1.2M users", Target.at_least(1_200_000)), 0),
            (
                metric(
                    "Run 1000000 demo calls",
                    Target.at_least(1_000_000),
                    history=[(date(2026, 6, 30), 700_000)],
                ),
                0,
            ),
        ],
    )
    def test_round_target_without_baseline(self, key_result: KeyResult, flagged: int) -> None:
        """OKR-TARGET-01: a round target with no baseline behind it."""
        assert flagged == findings("OKR-TARGET-01", objective(key_result, metric(id="kr2")))


class TestBalance:
    @pytest.mark.parametrize(
        ("origins", "flagged"),
        [
            (["bottom_up", "bottom_up", "top_down", "top_down"], 0),
            (["bottom_up", "top_down", "top_down", "top_down"], 1),
            (["negotiated", "negotiated", "bottom_up", "top_down"], 0),
            (["negotiated", "negotiated", "top_down", "top_down"], 1),
        ],
    )
    def test_bottom_up_share(self, origins: list[str], flagged: int) -> None:
        """OKR-ORIGIN-01: under half bottom-up below the top level (negotiated counts half)."""
        top = objective(id="top", level="company", owner="acme")
        teams = [
            objective(id=f"o{n}", level="team", owner=f"t{n}", origin=origin)
            for n, origin in enumerate(origins)
        ]
        assert flagged == findings("OKR-ORIGIN-01", Plan(objectives=[top, *teams]))

    def test_bottom_up_share_is_a_setting(self) -> None:
        """At 60 % (one source's figure) a half is too little."""
        teams = [
            objective(id=f"o{n}", level="team", owner=f"t{n}", origin=origin)
            for n, origin in enumerate(["bottom_up", "top_down"])
        ]
        plan = Plan(objectives=[objective(id="top"), *teams])
        assert 0 == findings("OKR-ORIGIN-01", plan)
        assert 1 == findings("OKR-ORIGIN-01", plan, min_share=Fraction(3, 5))

    def test_bad_share(self) -> None:
        """A share outside 0-1 is refused."""
        with pytest.raises(ValidationError, match="'min_share' must be from 0 to 1"):
            BottomUpShare(min_share=50)

    @pytest.mark.parametrize(
        ("horizons", "flagged"),
        [
            (["short", "long"], 0),
            (["short", "short", "short", "short", "long"], 0),
            (["short", "short", "short"], 1),
            (["long", "long"], 1),
            (["short"], 0),  # too few tagged to judge
            ([], 0),
        ],
    )
    def test_horizon_balance(self, horizons: list[str], flagged: int) -> None:
        """OKR-BALANCE-01: short-term and long-term goals in balance."""
        goals = [objective(id=f"o{n}", horizon=h) for n, h in enumerate(horizons)]
        assert flagged == findings("OKR-BALANCE-01", Plan(objectives=goals))

    @pytest.mark.parametrize(
        ("perspectives", "flagged"),
        [
            (["financial", "customer", "internal_process", "learning_growth"], 0),
            (["financial", "customer", "internal_process"], 1),
            (["financial"], 3),
            ([], 0),  # nothing tagged: nothing to judge
        ],
    )
    def test_perspective_balance(self, perspectives: list[str], flagged: int) -> None:
        """OKR-BALANCE-02: a balanced-scorecard perspective with no goal."""
        goals = [objective(id=f"o{n}", perspective=p) for n, p in enumerate(perspectives)]
        assert flagged == findings("OKR-BALANCE-02", Plan(objectives=goals))

    def test_kpis_serve_perspectives_too(self) -> None:
        """A KPI tagged with a perspective fills it."""
        goals = [
            objective(id=f"o{n}", perspective=p)
            for n, p in enumerate(["financial", "customer", "internal_process"])
        ]
        kpi = KPI(
            id="k", title="Training hours", owner="hr", level="company", unit="hours",
            perspective="learning_growth",
        )  # fmt: skip
        assert 0 == findings("OKR-BALANCE-02", Plan(objectives=goals, kpis=[kpi]))


class TestCheckIns:
    @pytest.mark.parametrize(
        ("history", "at", "missing", "overdue"),
        [
            ([], date(2026, 7, 10), 0, 0),  # still early in the cycle
            ([], date(2026, 7, 20), 1, 0),
            ([(date(2026, 6, 30), 33)], date(2026, 7, 20), 1, 0),  # only a baseline reading
            ([(date(2026, 8, 10), 33)], AUGUST, 0, 0),
            ([(date(2026, 7, 31), 33)], AUGUST, 0, 1),
            ([(date(2026, 7, 31), 33)], date(2026, 6, 1), 0, 0),  # before the cycle
            # after the cycle, the last check-in is judged against the cycle's end
            ([(date(2026, 9, 25), 33)], date(2026, 12, 1), 0, 0),
        ],
    )
    def test_metric_check_ins(
        self, history: list[tuple[date, object]], at: date, missing: int, overdue: int
    ) -> None:
        """OKR-DATA-01 (missing) and OKR-DATA-02 (overdue, every 14 days by default)."""
        plan = objective(metric(history=history))
        assert (missing, overdue) == (
            findings("OKR-DATA-01", plan, at=at),
            findings("OKR-DATA-02", plan, at=at),
        )

    def test_done_binary_and_milestones_need_no_check_ins(self) -> None:
        """A binary key result done, or a milestone key result, is not chased for data."""
        from goalkit import Milestone

        done = KeyResult.binary(
            id="kr-b", title="Sign a reseller", history=[CheckIn(day=date(2026, 7, 5), value=1)]
        )
        milestones = KeyResult.milestones(
            id="kr-m", title="Brochure", milestones=[Milestone(title="pages printed")]
        )
        plan = objective(done, milestones)
        assert (0, 0) == (
            findings("OKR-DATA-01", plan, at=AUGUST),
            findings("OKR-DATA-02", plan, at=AUGUST),
        )

    def test_cadence_is_a_setting(self) -> None:
        """Weekly check-ins: 8 days is overdue."""
        plan = objective(metric(history=[(date(2026, 8, 7), 33)]))
        assert 0 == findings("OKR-DATA-02", plan, at=AUGUST)
        assert 1 == findings("OKR-DATA-02", plan, at=AUGUST, max_gap_days=7)

    def test_needs_a_day(self) -> None:
        """Without a day the rule is skipped, with a note saying so."""
        report = check(
            objective(metric()), profile=RuleSet(rules=BUILTIN_RULES, select=["OKR-DATA"])
        )
        assert (0, 2) == (len(report), len(report.notes))


class TestCycle:
    @pytest.mark.parametrize(
        ("period", "flagged"),
        [
            (Period.quarter(2026, 3), 0),
            (Period.month(2026, 7), 0),
            (Period.fiscal_quarter(2027, 1, start_month=4), 0),
            (Period.custom(date(2026, 7, 6), date(2026, 10, 4)), 0),  # 91 days
            (Period.custom(date(2026, 7, 6), date(2026, 8, 2)), 0),  # 28 days
            (Period.year(2026), 1),
            (Period.half(2026, 2), 1),
            (Period.custom(date(2026, 7, 6), date(2026, 7, 12)), 1),  # a week
        ],
    )
    def test_cycle_kind(self, period: Period, flagged: int) -> None:
        """OKR-CYCLE-01: OKR cycles are quarters or months."""
        assert flagged == findings("OKR-CYCLE-01", objective(period=period))


class TestGrades:
    def _objective(self, value: object, commitment: str) -> Objective:
        kr = metric(target=Target.increase(from_=0, to=100), history=[(date(2026, 9, 20), value)])
        return objective(kr, commitment=commitment)

    @pytest.mark.parametrize(
        ("value", "at", "flagged"),
        [
            (100, date(2026, 9, 30), 0),
            (80, date(2026, 9, 30), 1),
            (80, date(2026, 10, 15), 1),  # after the cycle, judged as at its end
            (80, date(2026, 9, 29), 0),  # the cycle has not ended
        ],
    )
    def test_committed_below_one(self, value: int, at: date, flagged: int) -> None:
        """OKR-GRADE-01: a committed objective under 1.0 at the end of its cycle."""
        assert flagged == findings("OKR-GRADE-01", self._objective(value, "committed"), at=at)

    @pytest.mark.parametrize(
        ("value", "at", "flagged"),
        [
            (70, date(2026, 9, 30), 0),
            (100, date(2026, 9, 30), 1),
            (100, date(2026, 9, 21), 1),  # reached early: the clearest sign
            (100, date(2026, 9, 19), 0),  # not yet reached
        ],
    )
    def test_aspirational_at_one(self, value: int, at: date, flagged: int) -> None:
        """OKR-GRADE-02: an aspirational objective at 1.0 was set too low."""
        assert flagged == findings("OKR-GRADE-02", self._objective(value, "aspirational"), at=at)

    def test_no_data_is_not_graded(self) -> None:
        """An objective with no check-ins has no grade to judge."""
        plan = objective(metric(), commitment="committed")
        assert 0 == findings("OKR-GRADE-01", plan, at=date(2026, 9, 30))

    def test_at_end_only(self) -> None:
        """With at_end_only, an early 1.0 waits for the cycle's end."""
        plan = self._objective(100, "aspirational")
        assert 0 == findings("OKR-GRADE-02", plan, at=date(2026, 9, 21), at_end_only=True)


class _Refusing(ProgressPolicy):
    """A progress rule that refuses every key result, as a hostile one would."""

    def of_key_result(self, kr: KeyResult, at: date) -> Fraction | None:
        """Refuse."""
        raise ValidationError.single("kr", kr.id, "refused on purpose")


class TestGradesAgreeWithEvaluate:
    def _linked(self, commitment: str) -> Plan:
        """A top objective whose key result has no check-in; a team objective at 1.0 under it."""
        top = objective(metric(id="kr-top"), id="o-top", commitment=commitment)
        team_kr = metric(
            id="kr-team",
            target=Target.increase(from_=0, to=100),
            history=[(date(2026, 9, 20), 100)],
        )
        team = objective(team_kr, id="o-team", level="team", commitment=commitment)
        return Plan(objectives=[top, team], links=[Link(child="o-team", parent="kr-top")])

    def test_progress_from_linked_goals(self) -> None:
        """OKR-GRADE-02 reads progress rolled up from linked goals, as evaluate does.

        The regression: the rule re-scored key results on their own, found no data
        for kr-top, and said nothing where the evaluation shows 1.0.
        """
        plan = self._linked("aspirational")
        at = date(2026, 9, 30)
        assert 1 == evaluate(plan, at=at).progress("o-top")
        rules = RuleSet(rules=BUILTIN_RULES, select=["OKR-GRADE-02"])
        assert {"o-top", "o-team"} == {f.goal_id for f in check(plan, profile=rules, at=at)}

    def test_roll_up_is_a_setting(self) -> None:
        """With own-only roll-up settings, linked goals count for nothing."""
        plan = self._linked("aspirational")
        own = RollUp(objectives="own", key_results="own")
        at = date(2026, 9, 30)
        assert 1 == findings("OKR-GRADE-02", plan, at=at, roll_up=own)  # only o-team

    @given(gs.plans(), gs.days())
    @settings(max_examples=100, deadline=None)
    def test_same_numbers_as_evaluate(self, plan: Plan, at: date) -> None:
        """Law: the grade rules flag exactly the objectives evaluate puts at or past their mark."""
        evaluation = evaluate(plan, at=at)
        expected: set[tuple[str, str, str]] = set()
        for o in plan.objectives:
            progress = evaluation.progress(o.id)
            if progress is None:
                continue
            if o.commitment is Commitment.COMMITTED and at >= o.period.end and progress < 1:
                expected.add(("OKR-GRADE-01", o.id, show_grade(progress)))
            if o.commitment is Commitment.ASPIRATIONAL and at >= o.period.start and progress >= 1:
                expected.add(("OKR-GRADE-02", o.id, show_grade(progress)))
        report = check(plan, at=at, profile=RuleSet(rules=BUILTIN_RULES, select=["OKR-GRADE"]))
        assert {(c, g) for c, g, _ in expected} == {(f.code, f.goal_id) for f in report}
        for code, goal_id, grade in expected:
            (finding,) = [f for f in report if (f.code, f.goal_id) == (code, goal_id)]
            assert f" {grade}" in finding.message

    def test_one_evaluation_for_both_rules(self) -> None:
        """Both grade rules share the check's one evaluation of the plan."""
        plan = self._linked("aspirational")
        context = Context(plan, at=date(2026, 9, 30))
        first = context.evaluation(AspirationalAtOne())
        assert first is context.evaluation(CommittedBelowOne())

    def test_a_plan_that_cannot_be_scored(self) -> None:
        """If the plan cannot be scored, the grade rules say so in a note rather than raise."""
        plan = self._linked("committed")
        rules = RuleSet(rules=BUILTIN_RULES, select=["OKR-GRADE"]).with_options(
            "OKR-GRADE-01", rules=ScoringRules(progress=_Refusing())
        )
        report = check(plan, profile=rules, at=date(2026, 10, 1))
        assert [] == list(report)
        assert any(
            note.startswith("OKR-GRADE-01 skipped: the plan cannot be scored on 2026-10-01")
            for note in report.notes
        )

    @pytest.mark.parametrize(
        ("progress", "shown"),
        [
            (Fraction(4, 5), "0.80"),
            (Fraction(999, 1000), "0.999"),  # never 1.00 for a grade below 1
            (Fraction(1), "1.00"),
            (0.5, "0.50"),
        ],
    )
    def test_show_grade(self, progress: Fraction, shown: str) -> None:
        """Grades are rounded as the evaluation rounds them; one below 1 never shows 1.00."""
        assert shown == show_grade(progress)
