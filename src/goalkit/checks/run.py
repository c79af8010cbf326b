"""Running the rules: :func:`check` over a plan or a single goal.

>>> from datetime import date
>>> from goalkit.checks import check
>>> from goalkit.examples import EXAMPLE_DAY, example_plan
>>> report = check(example_plan(), at=EXAMPLE_DAY)
>>> report.for_goal("o-service-delight")[0].code
'SMART-S01'
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from goalkit._show import show
from goalkit._validation import Problems, choice_message
from goalkit.checks.findings import Finding, Report
from goalkit.checks.lexicons import LEXICONS, Lexicon
from goalkit.checks.messages import MESSAGES, Catalog
from goalkit.checks.profiles import PROFILES
from goalkit.checks.rules import Context, Rule, RuleSet, check_lexicons
from goalkit.exceptions import ValidationError
from goalkit.goals import KPI, Goal, Initiative, KeyResult, Objective, Theme
from goalkit.periods import Period, require_day
from goalkit.plan import Plan

__all__ = ["check"]

Subject = Plan | Goal
"""What :func:`check` looks at: a whole plan or one goal."""

_HOLDER = "goalkit-checked-key-result"


def check(
    subject: Subject,
    *,
    at: date | None = None,
    profile: str | RuleSet = "default",
    lang: str = "en",
    lexicons: Sequence[Lexicon] = LEXICONS,
    catalogs: Mapping[str, Catalog] = MESSAGES,
) -> Report:
    """Check a plan, or one goal, against a profile's rules.

    A goal checked on its own is judged without the plan around it: a key
    result has no period then (so it needs a deadline of its own), and rules
    about alignment or the plan as a whole have nothing to say. Paths in the
    findings are then relative to the goal ("" for the goal itself).

    Args:
        subject: A :class:`~goalkit.Plan`, or one goal (objective, key result,
            KPI, theme or initiative).
        at: The day to check at; rules about check-ins and grades need it and
            are skipped (with a note in the report) without it.
        profile: A profile name (``default``, ``smart``, ``okr``, ``kpi``,
            ``strict``) or a :class:`~goalkit.checks.rules.RuleSet` of your own.
        lang: The language of messages and hints, a key of ``catalogs``.
        lexicons: The word lists of the wording rules.
        catalogs: The message catalogs by language.

    Raises:
        ValidationError: for an unknown profile or language, a rule set that
            names no rule, a subject that is not a plan or a goal, a day that
            is not a plain date (see :func:`~goalkit.periods.require_day`),
            lexicons or catalogs of the wrong type, or a message template
            that names a parameter its finding lacks; every argument's
            problems at once.

    >>> from goalkit import KeyResult, Target
    >>> kr = KeyResult.metric(id="kr", title="Advertising conversions reach 500,000",
    ...                       target=Target.increase(from_=120_000, to=500_000))
    >>> [f.code for f in check(kr)]
    ['SMART-A01', 'SMART-M01', 'SMART-T01']
    >>> print(check(kr, profile="smart", lang="zh").findings[1].message)
    指标型关键结果“Advertising conversions reach 500,000”没有单位
    """
    problems = Problems()
    ruleset = _ruleset(problems, profile)
    catalog = _catalog(problems, lang, catalogs)
    if at is not None:
        with problems.under(""):
            require_day(at)
    check_lexicons(problems, lexicons)
    if not isinstance(subject, Plan | Objective | KeyResult | Initiative | KPI | Theme):
        problems.add(
            "subject",
            subject,
            "'subject' must be a Plan or a goal (Objective, KeyResult, KPI, Theme, Initiative) "
            f"(got {type(subject).__name__})",
        )
    problems.raise_if_any()
    assert ruleset is not None  # checked above
    assert catalog is not None
    rules = ruleset.active()
    plan, scope, paths, detached = _framed(subject)
    context = Context(
        plan, at=at, catalog=catalog, lexicons=lexicons, detached=detached, paths=paths
    )
    order = {goal_id: index for index, goal_id in enumerate(plan.ids)}
    findings: list[Finding] = []
    for rule in rules:
        for finding in rule.check(context):
            if not isinstance(finding, Finding):
                raise _not_a_finding(rule, finding)
            if scope is None or finding.goal_id in scope:
                findings.append(finding)
    findings.sort(
        key=lambda f: (-1 if f.goal_id is None else order.get(f.goal_id, len(order)), *f.sort_key)
    )
    return Report(
        findings=findings,
        notes=context.skipped,
        at=at,
        lang=lang,
        name=plan.name,
        labels=catalog.labels,
    )


def _ruleset(problems: Problems, profile: object) -> RuleSet | None:
    if isinstance(profile, RuleSet):
        return profile
    if isinstance(profile, str):
        found = PROFILES.get(profile)
        if found is None:
            problems.add("profile", profile, choice_message("profile", profile, PROFILES))
        return found
    names = ", ".join(map(repr, PROFILES))
    problems.add(
        "profile",
        profile,
        f"'profile' must be a profile name ({names}) or a RuleSet (got {show(profile)})",
    )
    return None


def _catalog(problems: Problems, lang: object, catalogs: object) -> Catalog | None:
    if not isinstance(catalogs, Mapping):
        problems.add(
            "catalogs",
            catalogs,
            f"'catalogs' must map languages to Catalog objects (got {show(catalogs)})",
        )
        return None
    try:
        catalog = catalogs.get(lang)
    except TypeError:  # an unhashable lang
        catalog = None
    if catalog is None:
        names = [name for name in catalogs if isinstance(name, str)]
        problems.add("lang", lang, choice_message("lang", lang, names))
        return None
    if not isinstance(catalog, Catalog):
        problems.add(
            f"catalogs[{show(lang)}]",
            catalog,
            f"'catalogs' must map languages to Catalog objects (got {show(catalog)})",
        )
        return None
    return catalog


def _not_a_finding(rule: Rule, item: object) -> ValidationError:
    return ValidationError.single(
        f"rules[{show(rule.code)}]",
        item,
        f"rule {show(rule.code)} must yield Finding objects (got {show(item)})",
    )


def _framed(
    subject: Subject,
) -> tuple[Plan, frozenset[str | None] | None, dict[str, str] | None, frozenset[str]]:
    """The plan to run the rules on, the goal ids in scope, their paths and detached ids."""
    if isinstance(subject, Plan):
        return subject, None, None, frozenset()
    if isinstance(subject, Objective):
        plan = Plan(name=subject.id, objectives=[subject], levels=[subject.level])
        prefix = "objectives[0]"
        detached: frozenset[str] = frozenset()
    elif isinstance(subject, KeyResult | Initiative):
        taken = {subject.id}
        if isinstance(subject, KeyResult):
            taken.update(initiative.id for initiative in subject.initiatives)
        holder_id = _HOLDER
        while holder_id in taken or holder_id + "-kr" in taken:
            holder_id += "-"
        kr = (
            subject
            if isinstance(subject, KeyResult)
            else KeyResult.binary(id=holder_id + "-kr", title="-", initiatives=[subject])
        )
        holder = Objective(
            id=holder_id,
            title="goal checked on its own",
            owner="-",
            level="-",
            period=Period.custom(date.min, date.max),
            key_results=[kr],
        )
        plan = Plan(name=subject.id, objectives=[holder], levels=["-"])
        prefix = plan.path_of(subject.id)
        detached = frozenset({kr.id, holder_id})
    elif isinstance(subject, KPI):
        plan = Plan(name=subject.id, kpis=[subject], levels=[subject.level])
        prefix = "kpis[0]"
        detached = frozenset()
    elif isinstance(subject, Theme):
        plan = Plan(name=subject.id, themes=[subject])
        prefix = "themes[0]"
        detached = frozenset()
    else:
        raise ValidationError.single(
            "subject",
            subject,
            "'subject' must be a Plan or a goal (Objective, KeyResult, KPI, Theme, Initiative) "
            f"(got {type(subject).__name__})",
        )
    scope: set[str | None] = set()
    paths: dict[str, str] = {}
    for goal_id in plan.ids:
        path = plan.path_of(goal_id)
        if path == prefix or path.startswith(prefix + "."):
            scope.add(goal_id)
            paths[goal_id] = path[len(prefix) + 1 :]
    return plan, frozenset(scope), paths, detached
