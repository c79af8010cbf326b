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
from goalkit.checks.findings import Finding, Report
from goalkit.checks.lexicons import LEXICONS, Lexicon
from goalkit.checks.messages import MESSAGES, Catalog
from goalkit.checks.profiles import profile as named_profile
from goalkit.checks.rules import Context, RuleSet
from goalkit.exceptions import ValidationError
from goalkit.goals import KPI, Goal, Initiative, KeyResult, Objective, Theme
from goalkit.periods import Period
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
            names no rule, or a subject that is not a plan or a goal.

    >>> from goalkit import KeyResult, Target
    >>> kr = KeyResult.metric(id="kr", title="Advertising conversions reach 500,000",
    ...                       target=Target.increase(from_=120_000, to=500_000))
    >>> [f.code for f in check(kr)]
    ['SMART-A01', 'SMART-M01', 'SMART-T01']
    >>> print(check(kr, profile="smart", lang="zh").findings[1].message)
    指标型关键结果“Advertising conversions reach 500,000”没有单位
    """
    rules = (named_profile(profile) if isinstance(profile, str) else profile).active()
    catalog = catalogs.get(lang) if isinstance(lang, str) else None
    if catalog is None:
        names = ", ".join(map(repr, catalogs))
        raise ValidationError.single(
            "lang", lang, f"'lang' must be one of {names} (got {show(lang)})"
        )
    if at is not None and type(at) is not date:
        raise ValidationError.single("at", at, f"'at' must be a date (got {show(at)})")
    plan, scope, paths, detached = _framed(subject)
    context = Context(
        plan, at=at, catalog=catalog, lexicons=lexicons, detached=detached, paths=paths
    )
    order = {goal_id: index for index, goal_id in enumerate(plan.ids)}
    findings: list[Finding] = []
    for rule in rules:
        findings.extend(
            finding for finding in rule.check(context) if scope is None or finding.goal_id in scope
        )
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
        holder_id = _HOLDER if subject.id != _HOLDER else _HOLDER + "-"
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
        detached = frozenset({kr.id})
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
