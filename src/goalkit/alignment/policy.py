"""Alignment rules, and :func:`validate`, which runs them over a plan.

The structural checks (unknown goals, self-links, duplicates, bad parents,
cycles) always run; an :class:`AlignmentRule` adds the rest. The default,
:data:`DEFAULT_POLICY`, is an :class:`AlignmentPolicy` whose parent, period,
level and orphan rules are each configurable.

>>> from goalkit.examples import example_plan
>>> validate(example_plan(), AlignmentPolicy.lenient()).ok
True
>>> validate(example_plan(), AlignmentPolicy.strict_cascade()).ok
False
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from enum import StrEnum
from typing import Any, Protocol, cast, runtime_checkable

import attrs

from goalkit._show import show
from goalkit._validation import Problems, to_enum
from goalkit.alignment.graph import GoalGraph
from goalkit.alignment.issues import AlignmentIssue, AlignmentReport, IssueKind, Severity
from goalkit.exceptions import ValidationError
from goalkit.goals import KPI, Objective
from goalkit.plan import Link, Plan

__all__ = [
    "DEFAULT_POLICY",
    "AlignmentPolicy",
    "AlignmentRule",
    "LevelRule",
    "ParentRule",
    "PeriodRule",
    "validate",
]


@runtime_checkable
class AlignmentRule(Protocol):
    """A check over a goal graph; :class:`AlignmentPolicy` is the default one.

    Write your own to add house rules, and pass it to :func:`validate` or in
    :attr:`AlignmentPolicy.extra_rules`.
    """

    def check(self, graph: GoalGraph) -> Iterable[AlignmentIssue]:
        """Yield every issue this rule finds in ``graph``."""
        ...  # pragma: no cover


class ParentRule(StrEnum):
    """How many parent links a goal may have."""

    MANY = "many"
    """Any number, so alignment is a DAG."""
    SINGLE = "single"
    """At most one link up, a strict cascade (a tree)."""


class PeriodRule(StrEnum):
    """How the periods of a linked child and parent must relate."""

    ANY = "any"
    """No rule."""
    NESTED = "nested"
    """The child's period lies within the parent's (a quarter under its year)."""
    SAME = "same"
    """Both cover exactly the same days."""


class LevelRule(StrEnum):
    """How the levels of a linked child and parent must relate (levels: ``plan.levels``)."""

    ANY = "any"
    """No rule."""
    DOWNWARD = "downward"
    """The child is on the parent's level or any level below."""
    ADJACENT = "adjacent"
    """The child is on the parent's level or the one right below, so no level is skipped."""


_TO_PARENT_RULE = to_enum(ParentRule)
_TO_PERIOD_RULE = to_enum(PeriodRule)
_TO_LEVEL_RULE = to_enum(LevelRule)
_TO_SEVERITY = to_enum(Severity)


# attrs' mypy plugin needs named converter functions; each leaves anything but a
# member or its value (None included) for validation to report with the allowed values.
def _parent_rule(value: ParentRule | str) -> ParentRule:
    return cast(ParentRule, _TO_PARENT_RULE(value))


def _period_rule(value: PeriodRule | str) -> PeriodRule:
    return cast(PeriodRule, _TO_PERIOD_RULE(value))


def _level_rule(value: LevelRule | str) -> LevelRule:
    return cast(LevelRule, _TO_LEVEL_RULE(value))


def _severity(value: Severity | str | None) -> Severity | None:
    return cast("Severity | None", _TO_SEVERITY(value))


def _rules(value: Any) -> Any:
    """A collection of rules as a tuple; anything else is left for validation to report."""
    if isinstance(value, tuple | str | bytes | Mapping) or not isinstance(value, Iterable):
        return value
    return tuple(value)


@attrs.frozen(kw_only=True)
class AlignmentPolicy:
    """The default alignment rules, each configurable.

    Attributes:
        parents: ``many`` (a DAG, the default) or ``single`` (strict cascade).
        periods: How linked goals' periods must relate (default ``nested``).
        levels: How linked goals' levels must relate (default ``adjacent``:
            same level or one below, so a person aligned straight to the
            company is reported).
        orphans: How to report goals below the top level that align to
            nothing: a warning (default), an error, or ``None`` to ignore them.
        extra_rules: More rules to run.

    Links that break a rule are errors. Unknown ids, self-links, duplicate
    links, cycles and links to initiatives are always errors.

    Raises:
        ValidationError: naming every field that is not one of its allowed values.

    >>> AlignmentPolicy.strict_cascade().parents
    <ParentRule.SINGLE: 'single'>
    >>> AlignmentPolicy(parents="x")
    Traceback (most recent call last):
    ...
    goalkit.exceptions.ValidationError: parents: 'parents' must be one of 'many', 'single' (got 'x')
    """

    parents: ParentRule = attrs.field(default=ParentRule.MANY, converter=_parent_rule)
    periods: PeriodRule = attrs.field(default=PeriodRule.NESTED, converter=_period_rule)
    levels: LevelRule = attrs.field(default=LevelRule.ADJACENT, converter=_level_rule)
    orphans: Severity | None = attrs.field(default=Severity.WARNING, converter=_severity)
    extra_rules: tuple[AlignmentRule, ...] = attrs.field(default=(), converter=_rules)

    def __attrs_post_init__(self) -> None:
        problems = Problems()
        problems.enum("parents", self.parents, ParentRule)
        problems.enum("periods", self.periods, PeriodRule)
        problems.enum("levels", self.levels, LevelRule)
        problems.enum("orphans", self.orphans, Severity, required=False)
        if not isinstance(self.extra_rules, tuple):
            problems.add(
                "extra_rules",
                self.extra_rules,
                f"'extra_rules' must be a list or tuple of rules (got {show(self.extra_rules)})",
            )
        else:
            for position, rule in enumerate(self.extra_rules):
                if not isinstance(rule, AlignmentRule):
                    problems.add(
                        f"extra_rules[{position}]",
                        rule,
                        "'extra_rules' must hold rules with a check(graph) method "
                        f"(got {show(rule)})",
                    )
        problems.raise_if_any()

    @classmethod
    def strict_cascade(cls) -> AlignmentPolicy:
        """One parent per goal, same periods, no skipped levels, orphans are errors."""
        return cls(
            parents=ParentRule.SINGLE,
            periods=PeriodRule.SAME,
            levels=LevelRule.ADJACENT,
            orphans=Severity.ERROR,
        )

    @classmethod
    def lenient(cls) -> AlignmentPolicy:
        """Only the structural checks: DAG, any periods, any levels, orphans ignored."""
        return cls(
            parents=ParentRule.MANY, periods=PeriodRule.ANY, levels=LevelRule.ANY, orphans=None
        )

    def check(self, graph: GoalGraph) -> Iterator[AlignmentIssue]:
        """Yield every issue this policy finds in ``graph``."""
        plan = graph.plan
        level_rank = {name: rank for rank, name in enumerate(plan.levels)}
        links = graph.links
        parent_count: dict[str, int] = {}
        for position, link in enumerate(links):
            if not graph.is_linked(position):
                continue
            path = f"links[{position}]"
            count = parent_count.get(link.child, 0) + 1
            parent_count[link.child] = count
            if self.parents is ParentRule.SINGLE and count == 2:
                yield AlignmentIssue(
                    kind=IssueKind.MULTIPLE_PARENTS,
                    path=path,
                    ids=(link.child, link.parent),
                    message=f"{link.child!r} already aligns to a parent; a strict cascade "
                    f"allows one (got a second link to {show(link.parent)})",
                )
            yield from self._check_period(graph, path, link)
            yield from self._check_level(graph, path, link, level_rank)
        yield from self._check_orphans(graph, level_rank)
        for rule in self.extra_rules:
            yield from rule.check(graph)

    def _check_period(self, graph: GoalGraph, path: str, link: Link) -> Iterator[AlignmentIssue]:
        if self.periods is PeriodRule.ANY:
            return
        child, parent = graph.period_of(link.child), graph.period_of(link.parent)
        if child is None or parent is None:
            return
        if self.periods is PeriodRule.SAME:
            bad = (child.start, child.end) != (parent.start, parent.end)
            rule = "the same period as"
        else:
            bad = child.start < parent.start or child.end > parent.end
            rule = "a period within that of"
        if bad:
            yield AlignmentIssue(
                kind=IssueKind.CROSS_PERIOD,
                path=path,
                ids=(link.child, link.parent),
                message=f"{link.child!r} ({child}) must cover {rule} {link.parent!r} ({parent})",
            )

    def _check_level(
        self, graph: GoalGraph, path: str, link: Link, rank: dict[str, int]
    ) -> Iterator[AlignmentIssue]:
        if self.levels is LevelRule.ANY:
            return
        child, parent = graph.level_of(link.child), graph.level_of(link.parent)
        if child is None or parent is None:
            return
        gap = rank[child] - rank[parent]
        if gap < 0:
            yield AlignmentIssue(
                kind=IssueKind.INVERTED_LEVEL,
                path=path,
                ids=(link.child, link.parent),
                message=f"{link.child!r} ({child}) sits above {link.parent!r} ({parent}); "
                "a goal aligns to its own level or one above it",
            )
        elif gap > 1 and self.levels is LevelRule.ADJACENT:
            yield AlignmentIssue(
                kind=IssueKind.SKIPPED_LEVEL,
                path=path,
                ids=(link.child, link.parent),
                message=f"{link.child!r} ({child}) aligns to {link.parent!r} ({parent}), "
                f"skipping {gap - 1} level(s); allow it with levels='downward'",
            )

    def _check_orphans(self, graph: GoalGraph, rank: dict[str, int]) -> Iterator[AlignmentIssue]:
        if self.orphans is None:
            return
        linked = {
            link.child for position, link in enumerate(graph.links) if graph.is_linked(position)
        }
        plan = graph.plan
        for field in ("objectives", "kpis"):
            goals: tuple[Objective | KPI, ...] = getattr(plan, field)
            for position, goal in enumerate(goals):
                if rank.get(goal.level, 0) > 0 and goal.id not in linked:
                    yield AlignmentIssue(
                        kind=IssueKind.ORPHAN,
                        path=f"{field}[{position}]",
                        ids=(goal.id,),
                        message=f"{goal.id!r} ({goal.level}) aligns to nothing above it",
                        severity=self.orphans,
                    )


DEFAULT_POLICY = AlignmentPolicy()
"""DAG allowed, nested periods, no skipped levels, orphans as warnings."""


def validate(
    plan: Plan, policy: AlignmentRule = DEFAULT_POLICY, *, links: Sequence[Link] | None = None
) -> AlignmentReport:
    """Check a plan's alignment and report every issue at once.

    Always checked: links naming unknown goals, self-links, duplicate links
    (the same pair linked twice, whatever the kinds), links to an initiative or
    from a theme to anything but a theme, and cycles (each with its path).
    Then ``policy`` adds its own rules.

    Args:
        plan: The plan whose goals are linked.
        policy: The rules to apply on top of the structural checks.
        links: Links to check instead of ``plan.links``, for example an import
            not yet added to the plan (a :class:`~goalkit.plan.Plan` refuses
            unknown ids, self-links and cycles outright, so a plan's own links
            never show those).

    Raises:
        ValidationError: if ``plan`` is not a plan, ``policy`` not a rule or
            ``links`` not a collection.

    >>> from goalkit import Link
    >>> from goalkit.examples import example_plan
    >>> plan = example_plan()
    >>> report = validate(plan, AlignmentPolicy.lenient(), links=[*plan.links,
    ...     Link(child="o-company-growth", parent="kr-ana-visits"),
    ...     Link(child="o-ana-pipeline", parent="nowhere")])
    >>> for issue in report.errors:
    ...     print(issue)
    links[9].parent: 'parent' names no goal in the plan (got 'nowhere')
    links[8]: links[8] closes a cycle: o-company-growth -> kr-ana-visits -> o-ana-pipeline
      -> kr-sales-conversion -> o-sales-pipeline -> kr-company-revenue -> o-company-growth
    """
    if not isinstance(policy, AlignmentRule):
        raise ValidationError.single(
            "policy",
            policy,
            f"'policy' must be a rule with a check(graph) method (got {show(policy)})",
        )
    graph = GoalGraph.of(plan, links=links)
    issues = [*graph.structural_issues(), *policy.check(graph)]
    return AlignmentReport(issues=issues)
