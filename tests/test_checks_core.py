# ruff: noqa: RUF001 - Chinese text is written with full-width punctuation
"""Tests for goalkit.checks: check(), reports, rule sets, profiles, catalogs and lexicons."""

from __future__ import annotations

import contextlib
import os
import string
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta
from decimal import Decimal
from fractions import Fraction

import attrs
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from goalkit import (
    KPI,
    CheckIn,
    GoalkitError,
    KeyResult,
    Objective,
    Period,
    Plan,
    Target,
    Theme,
    ValidationError,
)
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
from goalkit.checks.findings import to_severity
from goalkit.checks.lexicons import Lexicon, is_vague, normalise
from goalkit.checks.messages import show_number, show_share
from goalkit.examples import EXAMPLE_DAY, example_plan
from goalkit.measures import Threshold

Q3 = Period.quarter(2026, 3)
FUZZ_EXAMPLES = int(os.environ.get("GOALKIT_FUZZ_EXAMPLES", "100"))


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
            ({"profile": None}, "profile"),  # once an AttributeError
            ({"profile": 5}, "profile"),
            ({"profile": ["okr"]}, "profile"),
            ({"lang": "fr"}, "lang"),
            ({"lang": None}, "lang"),
            ({"lang": ["en"]}, "lang"),  # unhashable
            ({"at": datetime(2026, 8, 1, 12)}, "at"),  # noqa: DTZ001 - the point of the test
            ({"at": "2026-08-01"}, "at"),
            ({"at": 20260801}, "at"),
            ({"lexicons": 5}, "lexicons"),  # once a TypeError
            ({"lexicons": None}, "lexicons"),
            ({"lexicons": "en"}, "lexicons"),  # once an AttributeError on each letter
            ({"lexicons": ENGLISH_LEXICON}, "lexicons"),
            ({"lexicons": [ENGLISH_LEXICON, 5]}, "lexicons[1]"),
            ({"catalogs": 5}, "catalogs"),  # once an AttributeError
            ({"catalogs": None}, "catalogs"),
            ({"catalogs": {"en": 5}}, "catalogs['en']"),
        ],
    )
    def test_bad_arguments(self, kwargs: dict[str, object], path: str) -> None:
        """A wrong argument of any type is a ValidationError naming it and its value."""
        with pytest.raises(ValidationError) as caught:
            check(example_plan(), **kwargs)  # type: ignore[arg-type]
        assert path == caught.value.path
        assert caught.value.message.startswith(f"'{path.split('[', maxsplit=1)[0]}' ")
        assert "(got " in caught.value.message

    def test_every_bad_argument_at_once(self) -> None:
        """Every argument's problem comes in one error."""
        with pytest.raises(ValidationError) as caught:
            check("a plan", profile=None, lang="fr", at="2026-08-01", lexicons=5)  # type: ignore[arg-type]
        assert ["profile", "lang", "at", "lexicons", "subject"] == [
            p.path for p in caught.value.problems
        ]

    def test_at_follows_require_day(self) -> None:
        """at= refuses what periods.require_day refuses, with its message."""
        from goalkit.periods import require_day

        day = datetime(2026, 8, 1, 12)  # noqa: DTZ001 - the point of the test
        with pytest.raises(ValidationError) as expected:
            require_day(day)
        with pytest.raises(ValidationError) as caught:
            check(example_plan(), at=day)
        assert expected.value.problems == caught.value.problems

    def test_unknown_profile_names_the_profiles(self) -> None:
        """An unknown profile name gets the library's one message for names."""
        with pytest.raises(ValidationError) as caught:
            check(example_plan(), profile="nope")
        assert (
            "'profile' must be one of 'default', 'smart', 'okr', 'kpi', 'strict' (got 'nope')"
            == caught.value.message
        )
        with pytest.raises(ValidationError) as direct:
            profile("nope")
        assert caught.value.message == direct.value.message

    def test_a_rule_yielding_something_else(self) -> None:
        """A rule of one's own that yields no Finding is refused by name."""

        @attrs.frozen
        class Broken:
            code = "ACME-02"
            severity = Severity.INFO

            def check(self, context: Context) -> Iterator[object]:
                yield "not a finding"

        with pytest.raises(ValidationError, match="rule 'ACME-02' must yield Finding"):
            check(bobs_plan(), profile=RuleSet(rules=[Broken()]))

    def test_a_template_naming_a_missing_parameter(self) -> None:
        """A catalog wording that names a parameter the finding lacks is a ValidationError."""
        catalogs = {
            **MESSAGES,
            "en": MESSAGES["en"].with_texts(
                {"SMART-S01": Text(message="'{titel}' is vague", hint="")}
            ),
        }
        with pytest.raises(ValidationError) as caught:
            check(example_plan(), catalogs=catalogs)
        assert "catalogs['en'].texts['SMART-S01'].message" == caught.value.path
        assert "'titel'" in caught.value.message

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
        """A severity must be error, warning or info: the one enum message."""
        with pytest.raises(ValidationError) as caught:
            self.finding("fatal")
        assert (
            "'severity' must be one of 'error', 'warning', 'info' (got 'fatal')"
            == caught.value.message
        )

    @pytest.mark.parametrize("call", ["count", "at_least"])
    def test_bad_severity_argument(self, call: str) -> None:
        """Report methods taking a severity refuse others with the one enum message."""
        with pytest.raises(ValidationError, match="'severity' must be one of 'error'"):
            getattr(Report(), call)("fatal")

    @pytest.mark.parametrize(
        ("kwargs", "path"),
        [
            ({"findings": 5}, "findings"),
            ({"findings": ["x"]}, "findings[0]"),
            ({"notes": [1]}, "notes"),
            ({"at": "2026-08-01"}, "at"),
            ({"lang": None}, "lang"),
            ({"labels": 5}, "labels"),
        ],
    )
    def test_bad_reports(self, kwargs: dict[str, object], path: str) -> None:
        """A Report of the wrong parts is a ValidationError, not a TypeError."""
        with pytest.raises(ValidationError) as caught:
            Report(**kwargs)  # type: ignore[arg-type]
        assert path == caught.value.path

    def test_bad_finding_fields(self) -> None:
        """Every wrong field of a Finding is reported at once."""
        with pytest.raises(ValidationError) as caught:
            Finding(code=1, severity="bad", goal_id=2, path="", message=None, hint="")  # type: ignore[arg-type]
        assert {"severity", "code", "message", "goal_id"} == {p.path for p in caught.value.problems}

    def test_to_severity(self) -> None:
        """Rules convert their severity setting with the one enum message."""
        assert Severity.INFO == to_severity("info")
        with pytest.raises(ValidationError, match="'severity' must be one of"):
            profile("smart").with_options("SMART-S01", severity="fatal").active()


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
            (profile("okr").with_options("NOPE-01", max=1), "'code' must be one of 'SMART-S01', "),
            (profile("okr").with_options("OKR-COUNT-03", most=1), "has no setting 'most'"),
            (profile("okr").with_options("OKR-COUNT-03", max=-1), "'max' must be a whole"),
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

    def test_unknown_code_gets_the_one_message(self) -> None:
        """A rule code that names no rule lists the codes, as enum values are listed."""
        with pytest.raises(ValidationError) as caught:
            profile("okr").with_severity("NOPE-01", "info").active()
        assert "severities['NOPE-01']" == caught.value.path
        assert caught.value.message.startswith("'code' must be one of 'SMART-S01', 'SMART-M01'")
        assert caught.value.message.endswith("(got 'NOPE-01')")

    def test_bad_severity_is_refused_at_once(self) -> None:
        """A new severity that is not one is refused when the rule set is made."""
        with pytest.raises(ValidationError) as caught:
            profile("okr").with_severity("OKR-COUNT-03", "fatal")
        assert "severities['OKR-COUNT-03']" == caught.value.path
        assert (
            "'severity' must be one of 'error', 'warning', 'info' (got 'fatal')"
            == caught.value.message
        )

    @pytest.mark.parametrize(
        ("kwargs", "path"),
        [
            ({"rules": 5}, "rules"),
            ({"rules": [5]}, "rules[0]"),
            ({"select": 5}, "select"),
            ({"ignore": [1]}, "ignore[0]"),
            ({"options": 5}, "options"),
            ({"options": {"SMART-S01": 5}}, "options['SMART-S01']"),
            ({"severities": 5}, "severities"),
            ({"name": None}, "name"),
        ],
    )
    def test_rule_sets_of_the_wrong_parts(self, kwargs: dict[str, object], path: str) -> None:
        """A rule set of the wrong parts is a ValidationError when it is made."""
        with pytest.raises(ValidationError) as caught:
            RuleSet(**kwargs)  # type: ignore[arg-type]
        assert path == caught.value.path

    @pytest.mark.parametrize(
        ("code", "settings", "path"),
        [
            ("OKR-CYCLE-01", {"allowed": ["month", "bogus"]}, "options['OKR-CYCLE-01'].allowed[1]"),
            ("OKR-CYCLE-01", {"allowed": "month"}, "options['OKR-CYCLE-01'].allowed"),
            (
                "OKR-BALANCE-02",
                {"perspectives": ["x"]},
                "options['OKR-BALANCE-02'].perspectives[0]",
            ),
            ("OKR-ORIGIN-01", {"include_top": 1}, "options['OKR-ORIGIN-01'].include_top"),
            ("OKR-GRADE-02", {"at_end_only": "yes"}, "options['OKR-GRADE-02'].at_end_only"),
            ("OKR-GRADE-01", {"rules": 5}, "options['OKR-GRADE-01'].rules"),
            ("OKR-GRADE-01", {"roll_up": None}, "options['OKR-GRADE-01'].roll_up"),
        ],
    )
    def test_bad_settings(self, code: str, settings: dict[str, object], path: str) -> None:
        """Settings of the wrong kind are ValidationErrors naming the setting (never ValueError)."""
        with pytest.raises(ValidationError) as caught:
            profile("default").with_options(code, **settings).active()
        assert path == caught.value.path
        assert type(caught.value) is ValidationError

    def test_bad_enum_settings_get_the_one_message(self) -> None:
        """An unknown period kind in a setting lists the kinds, as everywhere."""
        with pytest.raises(ValidationError) as caught:
            profile("default").with_options("OKR-CYCLE-01", allowed=["bogus"]).active()
        assert caught.value.message.startswith("'allowed' must be one of 'month', 'quarter'")

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

    @pytest.mark.parametrize(
        ("kwargs", "path"),
        [
            ({"message": 5, "hint": ""}, "message"),
            ({"message": "{", "hint": ""}, "message"),
            ({"message": "m", "hint": "{}"}, "hint"),
            ({"message": "{0}", "hint": ""}, "message"),
        ],
    )
    def test_bad_texts(self, kwargs: dict[str, object], path: str) -> None:
        """A wording is a string template over named parameters."""
        with pytest.raises(ValidationError) as caught:
            Text(**kwargs)  # type: ignore[arg-type]
        assert path == caught.value.path

    @pytest.mark.parametrize(
        ("kwargs", "path"),
        [
            ({"language": ""}, "language"),
            ({"language": "fr", "texts": 5}, "texts"),
            ({"language": "fr", "texts": {"X-01": "text"}}, "texts['X-01']"),
            ({"language": "fr", "labels": {"hint": 5}}, "labels['hint']"),
            ({"language": "fr", "labels": 5}, "labels"),
        ],
    )
    def test_bad_catalogs(self, kwargs: dict[str, object], path: str) -> None:
        """A catalog of the wrong parts is a ValidationError naming the part."""
        with pytest.raises(ValidationError) as caught:
            Catalog(**kwargs)  # type: ignore[arg-type]
        assert path == caught.value.path

    @pytest.mark.parametrize(
        ("value", "shown"),
        [
            (Decimal("1000000"), "1000000"),
            (Fraction(800, 13), "61.54"),
            (2.5, "2.5"),
            (10**100, "1e+100"),
            (Fraction(10**999, 3), "3.333e+998"),  # once an OverflowError
            (Fraction(1, 10**999), "1e-999"),  # once shown as 0
            (Decimal("9.99E+999"), "9.99E+999"),
            (Fraction(1, 8), "0.125"),
        ],
    )
    def test_show_number(self, value: object, shown: str) -> None:
        """Numbers in messages are bounded and never overflow a float."""
        assert shown == show_number(value)  # type: ignore[arg-type]

    @pytest.mark.parametrize(
        ("share", "shown"),
        [
            (Fraction(3, 7), "43 %"),
            (Fraction(1, 300), "0.3 %"),
            (Fraction(9999, 10000), "99.99 %"),
            (Fraction(1), "100 %"),
            (Fraction(0), "0 %"),
            (1 - Fraction(1, 10**999), ">99.9999 %"),
        ],
    )
    def test_show_share(self, share: Fraction, shown: str) -> None:
        """A share above 0 never shows as 0 %, one below 1 never as 100 %."""
        assert shown == show_share(share)

    @given(st.fractions(min_value=0, max_value=1))
    def test_show_share_never_lies_at_the_ends(self, share: Fraction) -> None:
        """Law: the shown percentage is 0 or 100 only when the share is."""
        shown = show_share(share)
        assert (shown == "0 %") == (share == 0)
        assert (shown == "100 %") == (share == 1)

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

    @pytest.mark.parametrize(
        ("kwargs", "path"),
        [
            ({"language": 5}, "language"),
            ({"language": "x", "vague": 5}, "vague"),  # once a TypeError
            ({"language": "x", "vague": "improve"}, "vague"),  # not one term per letter
            ({"language": "x", "generic": [1]}, "generic[0]"),
            ({"language": "x", "deadlines": ["(unclosed"]}, "deadlines[0]"),
            ({"language": "x", "deadlines": ["a(?i)b"]}, "deadlines[0]"),
            (
                {"language": "x", "numbers": ["[0-"], "word_boundaries": False},
                "numbers[0]",
            ),
            ({"language": "x", "word_boundaries": "no"}, "word_boundaries"),
        ],
    )
    def test_bad_lexicons(self, kwargs: dict[str, object], path: str) -> None:
        """A lexicon of the wrong parts is refused when made, not when a title is read."""
        with pytest.raises(ValidationError) as caught:
            Lexicon(**kwargs)  # type: ignore[arg-type]
        assert path == caught.value.path

    @pytest.mark.parametrize("terms", ["synergise", 5, None])
    def test_extended_wants_a_sequence(self, terms: object) -> None:
        """extended() takes sequences of terms, not a lone string (or a number)."""
        with pytest.raises(ValidationError) as caught:
            ENGLISH_LEXICON.extended(vague=terms)  # type: ignore[arg-type]
        assert "vague" == caught.value.path

    @given(st.text(max_size=60))
    @settings(max_examples=100, deadline=None)
    def test_any_text(self, text: str) -> None:
        """The text analysis never raises, whatever the text."""
        is_vague(text, [ENGLISH_LEXICON, CHINESE_LEXICON])


#: Numbers goalkit admits that no float holds, or that overflow a float once
#: divided or multiplied: the values that once made checks raise OverflowError.
Number = int | Decimal | Fraction | float


def _exact(value: Number) -> Fraction:
    """A number as an exact fraction (floats too), to order mixed numbers."""
    if isinstance(value, float | Decimal):
        return Fraction(value)
    return Fraction(value)


HOSTILE_NUMBERS: st.SearchStrategy[Number] = st.sampled_from(
    (
        10**999 - 1,
        Fraction(10**999 - 1, 3),
        Fraction(1, 10**999 - 7),
        Decimal("9.99E+999"),
        Decimal("1E-1000"),
        1.7976931348623157e308,
        5e-324,
        2.2250738585072014e-308,
        1e300,
    )
)
NUMBERS: st.SearchStrategy[Number] = st.one_of(
    HOSTILE_NUMBERS, HOSTILE_NUMBERS, gs.numbers(), st.sampled_from((1, 2.0, Decimal("0.5")))
)


@st.composite
def hostile_key_results(draw: st.DrawFn, period: Period, id: str) -> KeyResult:
    """A metric key result whose start, target and check-ins may be hostile numbers."""
    start, goal = draw(NUMBERS), draw(NUMBERS)
    makers: dict[str, Callable[[], Target]] = {
        "increase": lambda: Target.increase(from_=start, to=goal),
        "decrease": lambda: Target.decrease(from_=start, to=goal),
        "at_least": lambda: Target.at_least(goal, baseline=start),
        "at_most": lambda: Target.at_most(goal, baseline=start),
        "at_least_alone": lambda: Target.at_least(goal),
        "within": lambda: Target.within(*sorted((start, goal), key=_exact)),
    }
    make = makers[draw(st.sampled_from(sorted(makers)))]
    days = draw(st.lists(st.integers(-30, period.days - 1), max_size=3))
    try:
        return KeyResult.metric(
            id=id,
            title=draw(gs.titles()),
            target=make(),
            unit="u",
            history=[
                CheckIn(day=period.start + timedelta(days=n), value=draw(NUMBERS)) for n in days
            ],
        )
    except ValidationError:
        assume(False)
        raise  # unreachable: assume(False) stops the example


@st.composite
def hostile_plans(draw: st.DrawFn) -> tuple[Plan, date | None]:
    """A generated plan with an objective and a KPI of hostile numbers, and a day to check at.

    The day is mostly one where every rule runs on the hostile objective:
    its start, a day inside it, its end, or after it.
    """
    plan = draw(gs.plans())
    period = plan.objectives[0].period if plan.objectives else Q3
    objective = Objective(
        id="o-hostile",
        title=draw(gs.titles()),
        owner="acme",
        level=plan.levels[0],
        period=period,
        commitment=draw(st.sampled_from(("committed", "aspirational"))),
        key_results=[
            draw(hostile_key_results(period, f"kr-hostile-{n}"))
            for n in range(draw(st.integers(1, 3)))
        ],
    )
    try:
        low, high = sorted((draw(NUMBERS), draw(NUMBERS)), key=_exact)
        kpi = KPI(
            id="kpi-hostile",
            title=draw(gs.titles()),
            owner="ops",
            level=plan.levels[0],
            unit="u",
            target=draw(st.one_of(st.none(), NUMBERS)),
            thresholds=draw(st.sampled_from(((), (Threshold(name="green", low=low, high=high),)))),
            history=[CheckIn(day=period.start, value=draw(NUMBERS))],
        )
        hostile = attrs.evolve(
            plan, objectives=(*plan.objectives, objective), kpis=(*plan.kpis, kpi)
        )
    except ValidationError:
        assume(False)
        raise
    at = draw(
        st.one_of(
            st.sampled_from((period.start, period.end, period.end + timedelta(days=40))),
            st.integers(0, period.days - 1).map(lambda n: period.start + timedelta(days=n)),
            st.none(),
            gs.days(),
        )
    )
    return hostile, at


_HOSTILE_PAIRS = [
    (10**999 - 1, 1e308),
    (10**999 - 1, 5e-324),
    (Fraction(1, 10**999 - 7), 1.7976931348623157e308),
    (Decimal("9.99E+999"), 2.0),
    (Decimal("1E-1000"), 0.5),
    (1e308, Fraction(10**999 - 1, 3)),
    (5e-324, 10**999 - 1),
]


@pytest.mark.parametrize(("start", "goal"), _HOSTILE_PAIRS)
@pytest.mark.parametrize("at", [date(2026, 8, 15), date(2026, 10, 1)])
def test_hostile_numbers_in_every_rule(start: object, goal: object, at: date) -> None:
    """Huge exact values meeting floats raise nothing but GoalkitError in any rule.

    The regression: SMART-A01's ratio, number display and the grade rules let
    OverflowError escape from check().
    """
    made: list[Objective] = []
    for n, commitment in enumerate(("aspirational", "committed")):
        for direction, make in enumerate((Target.increase, Target.decrease)):
            try:
                target = make(from_=start, to=goal)  # type: ignore[arg-type]
            except ValidationError:
                continue
            kr = KeyResult.metric(
                id=f"kr-{n}-{direction}",
                title="Move it",
                unit="u",
                target=target,
                history=[CheckIn(day=date(2026, 9, 1), value=goal)],  # type: ignore[arg-type]
            )
            made.append(
                Objective(
                    id=f"o-{n}-{direction}",
                    title="Customers love us",
                    owner="acme",
                    level="company",
                    period=Q3,
                    commitment=commitment,
                    key_results=[kr],
                )
            )
    kpi = KPI(
        id="k", title="Uptime", owner="ops", level="company", unit="%", target=goal,  # type: ignore[arg-type]
        history=[CheckIn(day=date(2026, 8, 1), value=start)],  # type: ignore[arg-type]
    )  # fmt: skip
    plan = Plan(objectives=made, kpis=[kpi])
    for lang in sorted(MESSAGES):
        with contextlib.suppress(GoalkitError):
            check(plan, at=at, profile="strict", lang=lang).render()


class TestProperties:
    @given(hostile_plans(), st.sampled_from(sorted(PROFILES)), st.sampled_from(sorted(MESSAGES)))
    @settings(max_examples=FUZZ_EXAMPLES, deadline=None)
    def test_only_goalkit_errors(
        self, plan_and_day: tuple[Plan, date | None], name: str, lang: str
    ) -> None:
        """Law: on any valid plan, hostile numbers too, check() raises only GoalkitError.

        Set GOALKIT_FUZZ_EXAMPLES for a longer run.
        """
        plan, at = plan_and_day
        with contextlib.suppress(GoalkitError):
            check(plan, at=at, profile=name, lang=lang).render()

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
