# ruff: noqa: RUF001 - Chinese text is written with full-width punctuation
"""Tests for goalkit.checks: check(), reports, rule sets, profiles, catalogs and lexicons."""

from __future__ import annotations

import string
from collections.abc import Iterator
from datetime import date, datetime

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from goalkit import KPI, KeyResult, Objective, Period, Plan, Target, Theme, ValidationError
from goalkit import strategies as gs
from goalkit.checks import (
    BUILTIN_RULES,
    CHINESE_LEXICON,
    ENGLISH_LEXICON,
    MESSAGES,
    PROFILES,
    Catalog,
    Context,
    Finding,
    Report,
    Rule,
    RuleSet,
    Severity,
    Text,
    check,
    profile,
)
from goalkit.checks.lexicons import is_vague, normalise
from goalkit.examples import EXAMPLE_DAY, example_plan

Q3 = Period.quarter(2026, 3)


@attrs.frozen
class OwnerNamedBob:
    """A rule of a user's own: objectives owned by 'bob' are flagged."""

    code = "ACME-01"
    severity = Severity.ERROR

    def check(self, context: Context) -> Iterator[Finding]:
        """Yield a finding per objective owned by bob."""
        for objective in context.plan.objectives:
            if objective.owner == "bob":
                yield context.finding(
                    self,
                    objective.id,
                    Text(message="'{title}' is owned by bob", hint="ask alice"),
                    title=objective.title,
                )


def bobs_plan() -> Plan:
    """A plan with one objective owned by bob."""
    kr = KeyResult.metric(
        id="kr", title="Raise NPS from 31 to 45", target=Target.increase(from_=31, to=45)
    )
    return Plan(
        objectives=[
            Objective(
                id="o", title="Win hearts", owner="bob", level="company", period=Q3,
                key_results=[kr],
            )
        ]
    )  # fmt: skip


class TestExamplePlan:
    def test_finds_the_deliberate_flaws(self) -> None:
        """The example plan's flaws are each found, on the goal that has them."""
        report = check(example_plan(), at=EXAMPLE_DAY)
        found = {(f.code, f.goal_id) for f in report}
        expected = {
            ("SMART-S01", "o-service-delight"),  # "Improve customer relationships"
            ("OKR-TARGET-01", "kr-inside-demos"),  # a round 1,000,000 with no baseline
            ("OKR-COPY-01", "o-team-inside-sales"),  # the sales KR copied as an objective
            ("OKR-FORM-02", "kr-support-chatbot"),  # "Launch the help-centre chatbot"
        }
        assert expected == expected & found

    def test_paths_point_into_the_plan(self) -> None:
        """Each finding's path is where its goal sits in the plan."""
        plan = example_plan()
        for finding in check(plan, at=EXAMPLE_DAY):
            expected = "" if finding.goal_id is None else plan.path_of(finding.goal_id)
            assert expected == finding.path

    def test_deterministic(self) -> None:
        """Two runs give the same report, in the same order."""
        assert check(example_plan(), at=EXAMPLE_DAY) == check(example_plan(), at=EXAMPLE_DAY)

    def test_order(self) -> None:
        """Plan-wide findings first, then goals in plan order, errors before warnings."""
        plan = example_plan()
        order = {goal_id: n for n, goal_id in enumerate(plan.ids)}
        keys = [
            (-1 if f.goal_id is None else order[f.goal_id], f.severity.rank, f.code)
            for f in check(plan, at=EXAMPLE_DAY)
        ]
        assert sorted(keys) == keys

    def test_render(self) -> None:
        """The text rendering groups findings under their goal, with hints."""
        text = check(example_plan(), at=EXAMPLE_DAY).render()
        lines = text.splitlines()
        assert lines[0].startswith("Acme Analytics, Q3 2026: ")
        assert "o-service-delight · objectives[2]" in lines
        assert any(line.strip().startswith("hint: ") for line in lines)

    def test_render_in_chinese(self) -> None:
        """Chinese labels, messages and hints come from the Chinese catalog."""
        text = check(example_plan(), at=EXAMPLE_DAY, lang="zh").render()
        assert "“Improve customer relationships”表述模糊" in text
        assert "建议：" in text
        assert "hint" not in text


class TestCheck:
    @pytest.mark.parametrize(
        ("kwargs", "path"),
        [
            ({"profile": "nope"}, "profile"),
            ({"lang": "fr"}, "lang"),
            ({"at": datetime(2026, 8, 1, 12)}, "at"),  # noqa: DTZ001 - the point of the test
            ({"at": "2026-08-01"}, "at"),
        ],
    )
    def test_bad_arguments(self, kwargs: dict[str, object], path: str) -> None:
        """Unknown profiles or languages, or a day that is not a date, are refused."""
        with pytest.raises(ValidationError) as caught:
            check(example_plan(), **kwargs)  # type: ignore[arg-type]
        assert path == caught.value.path

    def test_bad_subject(self) -> None:
        """Only plans and goals are checked."""
        with pytest.raises(ValidationError, match="'subject' must be a Plan"):
            check("a plan")  # type: ignore[arg-type]

    def test_a_lone_objective(self) -> None:
        """Paths of a lone goal are relative to it; plan-wide rules have nothing to say."""
        report = check(example_plan()["o-team-inside-sales"], at=EXAMPLE_DAY)
        paths = {(f.goal_id, f.path) for f in report}
        assert ("o-team-inside-sales", "") in paths
        assert ("kr-inside-demos", "key_results[0]") in paths
        assert all(f.goal_id is not None for f in report)
        assert "OKR-COPY-01" not in report.codes  # nothing above it to copy from

    def test_a_lone_key_result(self) -> None:
        """A key result alone has no period, and its own path is empty."""
        report = check(example_plan()["kr-ana-visits"])
        assert [("SMART-T01", "kr-ana-visits", "")] == [(f.code, f.goal_id, f.path) for f in report]

    def test_a_lone_kpi_theme_and_initiative(self) -> None:
        """KPIs, themes and initiatives are checked on their own too."""
        assert "kpi-uptime" == check(example_plan()["kpi-uptime"], at=EXAMPLE_DAY).name
        assert not check(Theme(id="t", title="Win the mid-market"))
        assert not check(example_plan()["i-brochure-agency"], at=EXAMPLE_DAY)

    def test_notes_without_a_day(self) -> None:
        """Rules that need a day say they were skipped."""
        report = check(example_plan())
        skipped = {note.split()[0] for note in report.notes}
        assert {"OKR-DATA-01", "OKR-DATA-02", "OKR-GRADE-01", "OKR-GRADE-02"} <= skipped


class TestReport:
    def finding(self, severity: str, code: str = "X-01") -> Finding:
        """A finding about goal g."""
        return Finding(
            code=code, severity=severity, goal_id="g", path="objectives[0]", message="m", hint="h"
        )

    def test_counts(self) -> None:
        """A report counts findings by severity and says whether it is free of errors."""
        report = Report(findings=[self.finding("error"), self.finding("info")])
        assert (1, 0, 1, False) == (
            report.count("error"),
            report.count(Severity.WARNING),
            report.count("info"),
            report.ok,
        )
        assert [Severity.ERROR] == [f.severity for f in report.at_least("warning")]

    def test_empty(self) -> None:
        """An empty report renders as such."""
        assert "0 findings: 0 errors, 0 warnings, 0 infos\nno findings" == Report().render()

    def test_bad_severity(self) -> None:
        """A severity must be error, warning or info."""
        with pytest.raises(ValueError, match="fatal"):
            self.finding("fatal")


class TestRuleSets:
    def test_profiles_select(self) -> None:
        """Each profile runs the rules its name says."""
        codes = {name: {r.code for r in ruleset.active()} for name, ruleset in PROFILES.items()}
        assert all(c.startswith("SMART") for c in codes["smart"])
        assert not any(c.startswith("KPI") for c in codes["okr"])
        assert "KPI-THRESH-01" in codes["kpi"]
        assert not any(c.startswith("OKR-COUNT") for c in codes["kpi"])
        assert codes["strict"] == codes["default"] == {r.code for r in BUILTIN_RULES}

    def test_strict_raises_infos(self) -> None:
        """The strict profile reports infos as warnings."""
        report = check(example_plan(), at=EXAMPLE_DAY, profile="strict")
        assert 0 == report.count("info")
        assert report.count("warning") > check(example_plan(), at=EXAMPLE_DAY).count("warning")

    def test_ignore(self) -> None:
        """Ignored prefixes do not run."""
        report = check(example_plan(), at=EXAMPLE_DAY, profile=profile("okr").ignoring("SMART"))
        assert not report.with_code("SMART")

    def test_severity_override(self) -> None:
        """A code's severity can change."""
        rules = profile("smart").with_severity("SMART-S01", "error")
        assert [Severity.ERROR] == [
            f.severity for f in check(example_plan(), profile=rules).with_code("SMART-S01")
        ]

    @pytest.mark.parametrize(
        ("ruleset", "message"),
        [
            (RuleSet(rules=BUILTIN_RULES, select=["NOPE"]), "'select' names no rule"),
            (RuleSet(rules=BUILTIN_RULES, ignore=["NOPE"]), "'ignore' names no rule"),
            (profile("okr").with_options("NOPE-01", max=1), "'options' names no rule code"),
            (profile("okr").with_options("OKR-COUNT-03", most=1), "has no setting 'most'"),
            (profile("okr").with_options("OKR-COUNT-03", max=-1), "'max' must be a whole"),
            (profile("okr").with_severity("OKR-COUNT-03", "fatal"), "'severity' must be"),
            (
                RuleSet(rules=[OwnerNamedBob()]).with_options("ACME-01", level=3),
                "has no setting 'level'",
            ),
        ],
    )
    def test_bad_rule_sets(self, ruleset: RuleSet, message: str) -> None:
        """Typos in a rule set are reported, not ignored."""
        with pytest.raises(ValidationError, match=message):
            ruleset.active()

    def test_own_rule(self) -> None:
        """Users add rules of their own, with their own wording."""
        rules = profile("smart").with_rules(OwnerNamedBob()).selecting("ACME")
        report = check(bobs_plan(), profile=rules)
        assert [("ACME-01", Severity.ERROR, "'Win hearts' is owned by bob", "ask alice")] == [
            (f.code, f.severity, f.message, f.hint) for f in report
        ]
        assert isinstance(OwnerNamedBob(), Rule)

    def test_own_rule_severity_and_catalog(self) -> None:
        """A rule with no severity setting can be re-graded; a catalog can translate it."""
        rules = RuleSet(rules=[OwnerNamedBob()]).with_severity("ACME-01", "info")
        catalogs = {
            **MESSAGES,
            "zh": MESSAGES["zh"].with_texts(
                {"ACME-01": Text(message="“{title}”归 bob 负责", hint="请找 alice")}
            ),
        }
        report = check(bobs_plan(), profile=rules, lang="zh", catalogs=catalogs)
        assert [(Severity.INFO, "“Win hearts”归 bob 负责")] == [
            (f.severity, f.message) for f in report
        ]


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


class TestCatalogs:
    @pytest.mark.parametrize("rule", BUILTIN_RULES, ids=lambda rule: rule.code)
    @pytest.mark.parametrize("lang", sorted(MESSAGES))
    def test_every_rule_is_worded(self, rule: Rule, lang: str) -> None:
        """Every built-in code has a message and a hint in every language."""
        text = MESSAGES[lang].text(rule.code)
        assert text is not None
        assert text.message
        assert text.hint

    @pytest.mark.parametrize("code", sorted(MESSAGES["en"].texts))
    def test_same_fields(self, code: str) -> None:
        """Translations use the same parameters as English (so formatting cannot fail)."""
        english = MESSAGES["en"].texts[code]
        chinese = MESSAGES["zh"].texts[code]
        assert _fields(english.message) | _fields(english.hint) >= (
            _fields(chinese.message) | _fields(chinese.hint)
        )

    def test_a_new_language_is_a_table(self) -> None:
        """A catalog for a new language falls back to English where it has no wording."""
        french = Catalog(
            language="fr", texts={"SMART-S01": Text(message="« {title} » est vague", hint="…")}
        )
        report = check(example_plan(), lang="fr", catalogs={**MESSAGES, "fr": french})
        assert (
            "« Improve customer relationships » est vague"
            == report.with_code("SMART-S01")[0].message
        )
        assert report.with_code("OKR-COPY-01")[0].message.startswith("objective ")


class TestLexicons:
    def test_users_extend_a_lexicon(self) -> None:
        """A vague word of one's own is found once added."""
        assert not is_vague("Synergise the teams", [ENGLISH_LEXICON])
        assert is_vague("Synergise the teams", [ENGLISH_LEXICON.extended(vague=["synergise"])])
        report = check(
            Objective(id="o", title="Synergise the teams", owner="a", level="company", period=Q3),
            profile=RuleSet(rules=BUILTIN_RULES, select=["SMART-S01"]),
            lexicons=[ENGLISH_LEXICON.extended(vague=["synergise"]), CHINESE_LEXICON],
        )
        assert ["SMART-S01"] == [f.code for f in report]

    @pytest.mark.parametrize(
        ("first", "second", "same"),
        [
            ("Grow revenue to EUR 2.6M", "grow  revenue to eur 2.6m.", True),
            ("提升客户满意度！", "提升客户满意度", True),
            ("Grow revenue", "Grow profit", False),
        ],
    )
    def test_normalise(self, first: str, second: str, same: bool) -> None:
        """Case, whitespace and punctuation do not count when comparing titles."""
        assert same == (normalise(first) == normalise(second))

    @given(st.text(max_size=60))
    @settings(max_examples=100, deadline=None)
    def test_any_text(self, text: str) -> None:
        """The text analysis never raises, whatever the text."""
        is_vague(text, [ENGLISH_LEXICON, CHINESE_LEXICON])


class TestProperties:
    @given(gs.plans(), st.one_of(st.none(), gs.days()), st.sampled_from(sorted(PROFILES)))
    @settings(max_examples=100, deadline=None)
    def test_never_raises_and_points_at_goals(self, plan: Plan, at: date | None, name: str) -> None:
        """Checking never raises on a valid plan, and every finding names a goal of it (or none)."""
        report = check(plan, at=at, profile=name, lang="zh" if at is None else "en")
        for finding in report:
            assert finding.goal_id is None or finding.goal_id in plan
            assert finding.path == (
                "" if finding.goal_id is None else plan.path_of(finding.goal_id)
            )
        report.render()

    @given(gs.objectives(), gs.days())
    @settings(max_examples=50, deadline=None)
    def test_lone_goals(self, objective: Objective, at: date) -> None:
        """Checking one objective or one of its key results never raises either."""
        check(objective, at=at)
        for kr in objective.key_results:
            check(kr, at=at)

    @given(gs.kpis(), gs.days())
    @settings(max_examples=50, deadline=None)
    def test_lone_kpis(self, kpi: KPI, at: date) -> None:
        """Checking a KPI on its own never raises, and only finds things about it."""
        assert all(f.goal_id == kpi.id for f in check(kpi, at=at))
