"""The goal graph over a plan: cascade, alignment, validation and traversal.

A :class:`GoalGraph` sees every goal of a :class:`~goalkit.plan.Plan` as a
node. Edges point from a child up to its parent and come in three relations:

* ``part_of``: a key result belongs to its objective, an initiative to its
  key result (the plan's own structure);
* ``contributes``: a :class:`~goalkit.plan.Link` whose child's progress moves
  the parent's;
* ``supports``: a link that only relates the two.

A child may align to an objective, a key result, a theme or a KPI, and to
several parents (a DAG) unless an :class:`AlignmentPolicy` asks for a strict
cascade. :func:`validate` reports every problem at once; every query walks the
graph iteratively, so a chain a hundred thousand goals deep is fine.

>>> from goalkit.examples import example_plan
>>> graph = GoalGraph.of(example_plan())
>>> graph.chain("o-ana-pipeline")
('o-ana-pipeline', 'kr-sales-conversion', 'o-sales-pipeline', 'kr-company-revenue', \
'o-company-growth', 'strategy-midmarket', 'mission')
>>> graph.coverage("o-company-growth")
Fraction(2, 3)
>>> for issue in validate(example_plan()):
...     print(issue.severity, issue.kind)
error skipped_level
warning orphan
"""

from __future__ import annotations

import weakref
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from enum import StrEnum
from fractions import Fraction
from typing import Protocol, runtime_checkable

import attrs

from goalkit._numbers import Exact, Number, exact
from goalkit._validation import Problems
from goalkit.exceptions import Problem, ValidationError
from goalkit.goals import KPI, Aggregation, Goal, Initiative, KeyResult, Objective, Theme
from goalkit.periods import Period
from goalkit.plan import Link, LinkKind, Plan

__all__ = [
    "DEFAULT_POLICY",
    "AlignmentError",
    "AlignmentIssue",
    "AlignmentPolicy",
    "AlignmentReport",
    "AlignmentRule",
    "Edge",
    "GoalGraph",
    "IssueKind",
    "LevelRule",
    "ParentRule",
    "PeriodRule",
    "Relation",
    "Severity",
    "roll_up_values",
    "validate",
]


class Relation(StrEnum):
    """What an edge of the goal graph means.

    ``contributes`` and ``supports`` come from :class:`~goalkit.plan.LinkKind`;
    ``part_of`` is the plan's own structure.
    """

    PART_OF = "part_of"
    CONTRIBUTES = "contributes"
    SUPPORTS = "supports"


# Relations are stored as small ints in the graph's arrays.
_PART_OF, _CONTRIBUTES, _SUPPORTS = 0, 1, 2
_RELATIONS = (Relation.PART_OF, Relation.CONTRIBUTES, Relation.SUPPORTS)
_CODE = {relation: code for code, relation in enumerate(_RELATIONS)}
_LINK_CODE = {LinkKind.CONTRIBUTES: _CONTRIBUTES, LinkKind.SUPPORTS: _SUPPORTS}
_EMPTY: tuple[int, ...] = ()


@attrs.frozen(kw_only=True)
class Edge:
    """One edge of the goal graph, from a child up to its parent.

    Attributes:
        child: The id of the lower goal.
        parent: The id of the goal it belongs or aligns to.
        relation: ``part_of``, ``contributes`` or ``supports``.
        weight: The child's weight among its parent's parts: a key result's own
            weight for ``part_of``, the link's weight for links (1 for initiatives).
        link: The position of the link in the plan's links, ``None`` for ``part_of``.

    >>> from goalkit.examples import example_plan
    >>> GoalGraph.of(example_plan()).edges_up("o-sales-pipeline")
    (Edge(child='o-sales-pipeline', parent='kr-company-revenue', \
relation=<Relation.CONTRIBUTES: 'contributes'>, weight=2, link=2),)
    """

    child: str
    parent: str
    relation: Relation
    weight: Number
    link: int | None = None


# -- issues and reports -----------------------------------------------------


class IssueKind(StrEnum):
    """The kinds of alignment problem :func:`validate` finds."""

    UNKNOWN_GOAL = "unknown_goal"
    SELF_LINK = "self_link"
    DUPLICATE_LINK = "duplicate_link"
    CYCLE = "cycle"
    BAD_PARENT = "bad_parent"
    MULTIPLE_PARENTS = "multiple_parents"
    CROSS_PERIOD = "cross_period"
    SKIPPED_LEVEL = "skipped_level"
    INVERTED_LEVEL = "inverted_level"
    ORPHAN = "orphan"


class Severity(StrEnum):
    """Whether an issue blocks (``error``) or only deserves a look (``warning``)."""

    ERROR = "error"
    WARNING = "warning"


@attrs.frozen(kw_only=True)
class AlignmentIssue:
    """One problem with a plan's alignment.

    Attributes:
        kind: What is wrong.
        path: Where in the plan: ``links[3]`` for a link, ``objectives[2]`` for a goal.
        ids: The goals involved; for a cycle, the cycle itself, first id repeated last.
        message: A lowercase sentence naming the goals.
        severity: ``error`` or ``warning``.

    >>> AlignmentIssue(kind=IssueKind.SELF_LINK, path="links[0]", ids=("o1",),
    ...                message="a goal cannot align to itself (got 'o1')").as_problem().path
    'links[0]'
    """

    kind: IssueKind
    path: str
    ids: tuple[str, ...]
    message: str
    severity: Severity = Severity.ERROR

    def as_problem(self) -> Problem:
        """This issue as a :class:`~goalkit.exceptions.Problem` (value: the ids)."""
        return Problem(path=self.path, value=self.ids, message=self.message)

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class AlignmentError(ValidationError):
    """A :class:`~goalkit.exceptions.ValidationError` about a plan's alignment.

    Attributes:
        issues: Every :class:`AlignmentIssue` behind the error.
        cycle: The first cycle found, as ids (first repeated last), or ``None``.
    """

    issues: tuple[AlignmentIssue, ...]
    cycle: tuple[str, ...] | None

    def __init__(self, issues: Iterable[AlignmentIssue]) -> None:
        self.issues = tuple(issues)
        self.cycle = next((i.ids for i in self.issues if i.kind is IssueKind.CYCLE), None)
        super().__init__([issue.as_problem() for issue in self.issues])

    def __reduce__(self) -> tuple[type[AlignmentError], tuple[Sequence[AlignmentIssue]]]:  # type: ignore[override]
        return (type(self), (self.issues,))


def _issues(value: Iterable[AlignmentIssue]) -> tuple[AlignmentIssue, ...]:
    return tuple(value)


@attrs.frozen(kw_only=True)
class AlignmentReport:
    """Every alignment issue of a plan, errors and warnings together.

    >>> from goalkit.examples import example_plan
    >>> report = validate(example_plan())
    >>> report.ok, len(report.errors), len(report.warnings)
    (False, 1, 1)
    >>> report.raise_if_errors()
    Traceback (most recent call last):
    ...
    goalkit.alignment.AlignmentError: links[6]: 'o-ana-pipeline' (individual) aligns to \
'kr-sales-conversion' (department), skipping 1 level(s); allow it with levels='downward'
    """

    issues: tuple[AlignmentIssue, ...] = attrs.field(default=(), converter=_issues)

    @property
    def errors(self) -> tuple[AlignmentIssue, ...]:
        """The issues of severity ``error``."""
        return tuple(i for i in self.issues if i.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[AlignmentIssue, ...]:
        """The issues of severity ``warning``."""
        return tuple(i for i in self.issues if i.severity is Severity.WARNING)

    @property
    def ok(self) -> bool:
        """Whether there is no error (warnings allowed)."""
        return not self.errors

    def of_kind(self, kind: IssueKind) -> tuple[AlignmentIssue, ...]:
        """The issues of one kind."""
        return tuple(i for i in self.issues if i.kind is kind)

    def raise_if_errors(self) -> None:
        """Raise one :class:`AlignmentError` holding every error, if there is any."""
        errors = self.errors
        if errors:
            raise AlignmentError(errors)

    def __len__(self) -> int:
        return len(self.issues)

    def __iter__(self) -> Iterator[AlignmentIssue]:
        return iter(self.issues)


# -- policies ---------------------------------------------------------------


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
    """Any number: alignment is a DAG."""
    SINGLE = "single"
    """At most one link up: a strict cascade (a tree)."""


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
    """The child is on the parent's level or the one right below: no skipped levels."""


def _severity_or_none(value: Severity | str | None) -> Severity | None:
    return None if value is None else Severity(value)


def _rules(value: Iterable[AlignmentRule]) -> tuple[AlignmentRule, ...]:
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

    >>> AlignmentPolicy.strict_cascade().parents
    <ParentRule.SINGLE: 'single'>
    """

    parents: ParentRule = attrs.field(default=ParentRule.MANY, converter=ParentRule)
    periods: PeriodRule = attrs.field(default=PeriodRule.NESTED, converter=PeriodRule)
    levels: LevelRule = attrs.field(default=LevelRule.ADJACENT, converter=LevelRule)
    orphans: Severity | None = attrs.field(default=Severity.WARNING, converter=_severity_or_none)
    extra_rules: tuple[AlignmentRule, ...] = attrs.field(default=(), converter=_rules)

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
                    f"allows one (got a second link to {link.parent!r})",
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
            unknown ids and self-links outright).

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
    graph = GoalGraph.of(plan, links=links)
    issues = [*graph.structural_issues(), *policy.check(graph)]
    return AlignmentReport(issues=issues)


# -- the graph --------------------------------------------------------------


@attrs.frozen(eq=False)
class _Cached:
    ref: weakref.ref[Plan]
    graph: GoalGraph


# Graphs are cached per plan object (by identity: hashing a plan by value is
# O(n)); an entry goes away with its plan.
_CACHE: dict[int, _Cached] = {}


def _evict(key: int) -> None:
    _CACHE.pop(key, None)


def _part_of_edges(
    plan: Plan,
    index: dict[str, int],
    e_child: list[int],
    e_parent: list[int],
    e_weight: list[Number],
) -> None:
    """Append the plan's own structure: key results of objectives, initiatives of key results."""
    for objective in plan.objectives:
        o = index[objective.id]
        for kr in objective.key_results:
            k = index[kr.id]
            e_child.append(k)
            e_parent.append(o)
            e_weight.append(kr.weight)
            for initiative in kr.initiatives:
                e_child.append(index[initiative.id])
                e_parent.append(k)
                e_weight.append(1)


_Adjacency = list[list[int] | tuple[int, ...]]


def _adjacency(size: int, e_child: list[int], e_parent: list[int]) -> tuple[_Adjacency, _Adjacency]:
    """Per node, the edges up and the edges down (nodes without any share one empty tuple)."""
    up: _Adjacency = [_EMPTY] * size
    for edge, child in enumerate(e_child):
        edges = up[child]
        if edges is _EMPTY:
            up[child] = [edge]
        else:
            edges.append(edge)  # type: ignore[union-attr]
    # Children lists come out in id order because children are visited in id order.
    down: _Adjacency = [_EMPTY] * size
    for edges in up:
        for edge in edges:
            parent = e_parent[edge]
            below = down[parent]
            if below is _EMPTY:
                down[parent] = [edge]
            else:
                below.append(edge)  # type: ignore[union-attr]
    return up, down


class GoalGraph:
    """Every goal of a plan as a node, with part-of and link edges up to parents.

    Build one with :meth:`of`; it is immutable and cached per plan. Nodes are
    numbered in id order, so every answer is independent of the order goals
    and links were added (except :meth:`chain`, which follows the first link).

    >>> from goalkit.examples import example_plan
    >>> graph = GoalGraph.of(example_plan())
    >>> graph.parents("o-sales-pipeline")
    ('kr-company-revenue',)
    >>> graph.children("kr-sales-revenue")
    ('o-team-inside-sales',)
    >>> graph.roots()
    ('kpi-mrr', 'kpi-order-time', 'kpi-uptime', 'mission')
    """

    __slots__ = (
        "_down",
        "_e_child",
        "_e_link",
        "_e_parent",
        "_e_rel",
        "_e_weight",
        "_goals",
        "_ids",
        "_index",
        "_link_edge",
        "_link_issues",
        "_order",
        "_plan",
        "_up",
        "links",
    )

    links: tuple[Link, ...]
    """The links the graph was built from (the plan's, unless others were given)."""

    def __init__(self, plan: Plan, links: Sequence[Link] | None = None) -> None:
        self._plan = plan
        self.links = plan.links if links is None else tuple(links)
        by_id = {goal.id: goal for goal in plan}
        ids = sorted(by_id)
        index = {goal_id: i for i, goal_id in enumerate(ids)}
        self._ids = ids
        self._index = index
        self._goals = [by_id[goal_id] for goal_id in ids]
        e_child: list[int] = []
        e_parent: list[int] = []
        e_weight: list[Number] = []
        _part_of_edges(plan, index, e_child, e_parent, e_weight)
        e_rel: list[int] = [_PART_OF] * len(e_child)
        e_link: list[int] = [-1] * len(e_child)
        link_edge: list[int] = []
        issues: list[AlignmentIssue] = []
        seen: dict[tuple[int, int], int] = {}
        for position, link in enumerate(self.links):
            link_edge.append(-1)
            problem = self._link_problem(position, link, index, seen)
            if problem is not None:
                issues.append(problem)
                continue
            c, p = index[link.child], index[link.parent]
            seen[c, p] = position
            link_edge[position] = len(e_child)
            e_child.append(c)
            e_parent.append(p)
            e_rel.append(_LINK_CODE[link.kind])
            e_weight.append(link.weight)
            e_link.append(position)
        up, down = _adjacency(len(ids), e_child, e_parent)
        self._e_child = e_child
        self._e_parent = e_parent
        self._e_rel = e_rel
        self._e_weight = e_weight
        self._e_link = e_link
        self._link_edge = link_edge
        self._up = up
        self._down = down
        self._link_issues = tuple(issues)
        self._order: list[int] | None = None

    def _link_problem(
        self, position: int, link: object, index: dict[str, int], seen: dict[tuple[int, int], int]
    ) -> AlignmentIssue | None:
        path = f"links[{position}]"
        if not isinstance(link, Link):
            return AlignmentIssue(
                kind=IssueKind.UNKNOWN_GOAL,
                path=path,
                ids=(),
                message=f"'links' must hold Link objects (got {link!r})",
            )
        for end in ("child", "parent"):
            goal_id = getattr(link, end)
            if goal_id not in index:
                return AlignmentIssue(
                    kind=IssueKind.UNKNOWN_GOAL,
                    path=f"{path}.{end}",
                    ids=(goal_id,),
                    message=f"'{end}' names no goal in the plan (got {goal_id!r})",
                )
        if link.child == link.parent:
            return AlignmentIssue(
                kind=IssueKind.SELF_LINK,
                path=path,
                ids=(link.child,),
                message=f"a goal cannot align to itself (got {link.child!r})",
            )
        key = (index[link.child], index[link.parent])
        if key in seen:
            return AlignmentIssue(
                kind=IssueKind.DUPLICATE_LINK,
                path=path,
                ids=(link.child, link.parent),
                message=f"duplicate link from {link.child!r} to {link.parent!r} "
                f"(first at links[{seen[key]}])",
            )
        parent = self._goals[key[1]]
        child = self._goals[key[0]]
        if isinstance(parent, Initiative):
            return AlignmentIssue(
                kind=IssueKind.BAD_PARENT,
                path=path,
                ids=(link.child, link.parent),
                message=f"{link.child!r} cannot align to initiative {link.parent!r}; "
                "align to its key result instead",
            )
        if isinstance(child, Theme) and not isinstance(parent, Theme):
            return AlignmentIssue(
                kind=IssueKind.BAD_PARENT,
                path=path,
                ids=(link.child, link.parent),
                message=f"theme {link.child!r} can only align to another theme "
                f"(got {type(parent).__name__.lower()} {link.parent!r})",
            )
        return None

    @classmethod
    def of(cls, plan: Plan, *, links: Sequence[Link] | None = None) -> GoalGraph:
        """The graph of ``plan`` (cached per plan when ``links`` is not given).

        >>> from goalkit.examples import example_plan
        >>> plan = example_plan()
        >>> GoalGraph.of(plan) is GoalGraph.of(plan)
        True
        """
        if links is not None:
            return cls(plan, links)
        key = id(plan)
        cached = _CACHE.get(key)
        if cached is not None and cached.ref() is plan:
            return cached.graph
        graph = cls(plan)
        _CACHE[key] = _Cached(ref=weakref.ref(plan), graph=graph)
        weakref.finalize(plan, _evict, key)
        return graph

    # -- basics --------------------------------------------------------------

    @property
    def plan(self) -> Plan:
        """The plan the graph describes."""
        return self._plan

    def __len__(self) -> int:
        return len(self._ids)

    def __contains__(self, goal_id: object) -> bool:
        return goal_id in self._index

    def __iter__(self) -> Iterator[str]:
        """Every goal id, in id order."""
        return iter(self._ids)

    def __repr__(self) -> str:
        return f"GoalGraph(nodes={len(self._ids)}, edges={len(self._e_child)})"

    def _at(self, goal_id: str) -> int:
        try:
            return self._index[goal_id]
        except KeyError:
            raise ValidationError.single(
                "goal_id", goal_id, f"'goal_id' names no goal in the plan (got {goal_id!r})"
            ) from None

    def goal(self, goal_id: str) -> Goal:
        """The goal with that id.

        Raises:
            ValidationError: if the plan has no such goal.
        """
        return self._goals[self._at(goal_id)]

    def is_linked(self, position: int) -> bool:
        """Whether ``links[position]`` made it into the graph (it had no structural problem)."""
        return self._link_edge[position] >= 0

    def structural_issues(self) -> tuple[AlignmentIssue, ...]:
        """Problems of the links themselves, then every cycle, in a stable order."""
        return (*self._link_issues, *self._cycle_issues())

    def level_of(self, goal_id: str) -> str | None:
        """The level of a goal; a key result or initiative has its objective's.

        >>> from goalkit.examples import example_plan
        >>> GoalGraph.of(example_plan()).level_of("kr-ana-visits")
        'individual'
        """
        goal = self.goal(goal_id)
        if isinstance(goal, Objective | KPI):
            return goal.level
        objective = (
            self._plan.objective_of(goal_id) if isinstance(goal, KeyResult | Initiative) else None
        )
        return None if objective is None else objective.level

    def period_of(self, goal_id: str) -> Period | None:
        """The period of a goal; a key result or initiative has its objective's; else ``None``."""
        goal = self.goal(goal_id)
        if isinstance(goal, Objective):
            return goal.period
        objective = (
            self._plan.objective_of(goal_id) if isinstance(goal, KeyResult | Initiative) else None
        )
        return None if objective is None else objective.period

    # -- edges -----------------------------------------------------------------

    def _edge(self, edge: int) -> Edge:
        link = self._e_link[edge]
        return Edge(
            child=self._ids[self._e_child[edge]],
            parent=self._ids[self._e_parent[edge]],
            relation=_RELATIONS[self._e_rel[edge]],
            weight=self._e_weight[edge],
            link=None if link < 0 else link,
        )

    def edges_up(self, goal_id: str) -> tuple[Edge, ...]:
        """The edges from a goal to its parents: ``part_of`` first, then links in plan order."""
        return tuple(self._edge(e) for e in self._up[self._at(goal_id)])

    def edges_down(self, goal_id: str) -> tuple[Edge, ...]:
        """The edges from a goal's children to it, children in id order."""
        return tuple(self._edge(e) for e in self._down[self._at(goal_id)])

    @staticmethod
    def _codes(relations: Iterable[Relation | str] | None) -> frozenset[int]:
        if relations is None:
            return frozenset((_PART_OF, _CONTRIBUTES, _SUPPORTS))
        return frozenset(_CODE[Relation(r)] for r in relations)

    def parents(
        self, goal_id: str, relations: Iterable[Relation | str] | None = None
    ) -> tuple[str, ...]:
        """The ids of a goal's parents, optionally only through some relations.

        >>> from goalkit.examples import example_plan
        >>> GoalGraph.of(example_plan()).parents("kr-sales-revenue")
        ('o-sales-pipeline',)
        """
        codes = self._codes(relations)
        ids, rel, parent = self._ids, self._e_rel, self._e_parent
        return tuple(ids[parent[e]] for e in self._up[self._at(goal_id)] if rel[e] in codes)

    def children(
        self, goal_id: str, relations: Iterable[Relation | str] | None = None
    ) -> tuple[str, ...]:
        """The ids of a goal's children in id order, optionally only through some relations.

        >>> from goalkit.examples import example_plan
        >>> GoalGraph.of(example_plan()).children("o-team-support", relations=["part_of"])
        ('kr-support-chatbot', 'kr-support-first-reply')
        """
        codes = self._codes(relations)
        ids, rel, child = self._ids, self._e_rel, self._e_child
        return tuple(ids[child[e]] for e in self._down[self._at(goal_id)] if rel[e] in codes)

    def _walk(
        self,
        start: int,
        adjacency: list[list[int] | tuple[int, ...]],
        end: list[int],
        codes: frozenset[int],
    ) -> list[int]:
        seen = {start}
        found: list[int] = []
        queue = deque([start])
        rel = self._e_rel
        while queue:
            node = queue.popleft()
            for edge in adjacency[node]:
                if rel[edge] not in codes:
                    continue
                other = end[edge]
                if other not in seen:
                    seen.add(other)
                    found.append(other)
                    queue.append(other)
        return found

    def ancestors(
        self, goal_id: str, relations: Iterable[Relation | str] | None = None
    ) -> tuple[str, ...]:
        """Every goal above, nearest first (breadth first), each once.

        >>> from goalkit.examples import example_plan
        >>> GoalGraph.of(example_plan()).ancestors("kr-ana-visits")[:3]
        ('o-ana-pipeline', 'kr-sales-conversion', 'o-sales-pipeline')
        """
        found = self._walk(self._at(goal_id), self._up, self._e_parent, self._codes(relations))
        return tuple(self._ids[i] for i in found)

    def descendants(
        self, goal_id: str, relations: Iterable[Relation | str] | None = None
    ) -> tuple[str, ...]:
        """Every goal below, nearest first (breadth first, children in id order), each once.

        >>> from goalkit.examples import example_plan
        >>> GoalGraph.of(example_plan()).descendants("o-team-support", relations=["part_of"])
        ('kr-support-chatbot', 'kr-support-first-reply')
        """
        found = self._walk(self._at(goal_id), self._down, self._e_child, self._codes(relations))
        return tuple(self._ids[i] for i in found)

    def roots(self) -> tuple[str, ...]:
        """Goals with no parent at all, in id order."""
        return tuple(self._ids[i] for i, edges in enumerate(self._up) if not edges)

    def leaves(self) -> tuple[str, ...]:
        """Goals with no child at all, in id order."""
        return tuple(self._ids[i] for i, edges in enumerate(self._down) if not edges)

    def chain(self, goal_id: str) -> tuple[str, ...]:
        """The way up to the top: why this goal matters.

        Follows the first parent at each step: the objective a key result
        belongs to, else the first ``contributes`` link, else the first
        ``supports`` link (links in plan order).

        Raises:
            AlignmentError: if the way up runs into a cycle.
        """
        node = self._at(goal_id)
        path = [node]
        seen = {node}
        rel, parent = self._e_rel, self._e_parent
        while True:
            edges = self._up[node]
            if not edges:
                return tuple(self._ids[i] for i in path)
            node = parent[min(edges, key=lambda e: (rel[e], e))]
            if node in seen:
                raise AlignmentError(self._cycle_issues())
            seen.add(node)
            path.append(node)

    def owned_by(self, owner: str) -> tuple[str, ...]:
        """The ids of the goals an owner is accountable for, in id order.

        Objectives and KPIs with that owner, plus key results and initiatives
        whose own ``owner`` is set to it.
        """
        found = []
        for i, goal in enumerate(self._goals):
            if isinstance(goal, Objective | KPI | KeyResult | Initiative) and goal.owner == owner:
                found.append(self._ids[i])
        return tuple(found)

    def subtree(self, owner: str) -> tuple[str, ...]:
        """An owner's goals and everything below them, breadth first, each once.

        >>> from goalkit.examples import example_plan
        >>> GoalGraph.of(example_plan()).subtree("team-support")
        ('o-team-support', 'kr-support-chatbot', 'kr-support-first-reply', 'o-ben-growth', \
'kr-ben-certification', 'kr-ben-tickets')
        """
        starts = [self._index[goal_id] for goal_id in self.owned_by(owner)]
        seen = set(starts)
        found = list(starts)
        queue = deque(starts)
        down, child = self._down, self._e_child
        while queue:
            node = queue.popleft()
            for edge in down[node]:
                other = child[edge]
                if other not in seen:
                    seen.add(other)
                    found.append(other)
                    queue.append(other)
        return tuple(self._ids[i] for i in found)

    def coverage(self, objective_id: str) -> Fraction | None:
        """The share of an objective's key results that have contributing children.

        ``None`` for an objective without key results.

        Raises:
            ValidationError: if the id is not an objective's.
        """
        goal = self.goal(objective_id)
        if not isinstance(goal, Objective):
            raise ValidationError.single(
                "objective_id",
                objective_id,
                f"'objective_id' must name an objective (got {objective_id!r})",
            )
        if not goal.key_results:
            return None
        rel, down = self._e_rel, self._down
        covered = sum(
            1
            for kr in goal.key_results
            if any(rel[e] == _CONTRIBUTES for e in down[self._index[kr.id]])
        )
        return Fraction(covered, len(goal.key_results))

    # -- order and cycles -------------------------------------------------------

    def topological_indexes(self) -> list[int]:
        """Node numbers (id order) with every parent before its children (cached).

        Low-level: :meth:`topological_order` gives ids.

        Raises:
            AlignmentError: if the graph has a cycle, naming every cycle.
        """
        if self._order is not None:
            return self._order
        size = len(self._ids)
        up, down, child = self._up, self._down, self._e_child
        waiting = [len(edges) for edges in up]
        queue = deque(i for i in range(size) if not waiting[i])
        order: list[int] = []
        append, popleft, extend = order.append, queue.popleft, queue.extend
        while queue:
            node = popleft()
            append(node)
            for edge in down[node]:
                c = child[edge]
                waiting[c] -= 1
                if not waiting[c]:
                    queue.append(c)
        del extend
        if len(order) != size:
            raise AlignmentError(self._cycle_issues())
        self._order = order
        return order

    def topological_order(self) -> tuple[str, ...]:
        """Every goal id, parents before children, ties in id order.

        Raises:
            AlignmentError: if the graph has a cycle.

        >>> from goalkit.examples import example_plan
        >>> GoalGraph.of(example_plan()).topological_order()[:3]
        ('kpi-mrr', 'kpi-order-time', 'kpi-uptime')
        """
        ids = self._ids
        return tuple(ids[i] for i in self.topological_indexes())

    def _cycle_issues(self) -> list[AlignmentIssue]:
        """Every cycle reachable by a depth-first walk up from each node, iteratively."""
        size = len(self._ids)
        up, parent, link_of = self._up, self._e_parent, self._e_link
        state = bytearray(size)  # 0 new, 1 on the stack, 2 done
        issues: list[AlignmentIssue] = []
        for start in range(size):
            if state[start]:
                continue
            # stack of (node, position in its edge list); path mirrors the nodes, via_edge the edges
            stack: list[list[int]] = [[start, 0]]
            via: list[int] = []
            state[start] = 1
            while stack:
                frame = stack[-1]
                node, position = frame
                edges = up[node]
                if position == len(edges):
                    state[node] = 2
                    stack.pop()
                    if via:
                        via.pop()
                    continue
                frame[1] = position + 1
                edge = edges[position]
                nxt = parent[edge]
                if state[nxt] == 0:
                    state[nxt] = 1
                    stack.append([nxt, 0])
                    via.append(edge)
                elif state[nxt] == 1:
                    depth = next(d for d, f in enumerate(stack) if f[0] == nxt)
                    cycle_edges = [*via[depth:], edge]
                    nodes = [f[0] for f in stack[depth:]] + [nxt]
                    # Blame the cycle on its latest link, most likely the one just added,
                    # and write the cycle starting from that link's child.
                    closing = max(link_of[e] for e in cycle_edges)
                    turn = next(i for i, e in enumerate(cycle_edges) if link_of[e] == closing)
                    nodes = [*nodes[turn:-1], *nodes[:turn], nodes[turn]]
                    text = " -> ".join(self._ids[n] for n in nodes)
                    issues.append(
                        AlignmentIssue(
                            kind=IssueKind.CYCLE,
                            path=f"links[{closing}]",
                            ids=tuple(self._ids[n] for n in nodes),
                            message=f"links[{closing}] closes a cycle: {text}",
                        )
                    )
        return issues


# -- raw values ---------------------------------------------------------------


def _unit_key(unit: str | None) -> str | None:
    return None if unit is None else unit.strip().casefold()


def roll_up_values(
    plan: Plan, key_result_id: str, at: date, how: Aggregation | str = Aggregation.SUM
) -> Number | None:
    """A parent key result's value computed from its contributing children's values.

    The children are the key results and KPIs linked to it with
    ``contributes`` links (objectives below it carry progress, not values, and
    are skipped). Each child's value is its latest check-in as of ``at``;
    children without one are skipped, and ``None`` comes back if none is left.
    ``last`` takes the most recent check-in (ties go to the child whose id
    sorts last). Sums and means follow goalkit's number policy (exact unless a
    float is involved).

    Raises:
        ValidationError: if the id is not a key result's, or listing every
            child whose unit differs from the parent's (units compare without
            case or surrounding spaces; a parent without a unit takes the
            first child's).

    >>> from datetime import date
    >>> from goalkit import KPI, KeyResult, Link, Objective, Period, Plan, Target, CheckIn
    >>> q3 = Period.quarter(2026, 3)
    >>> def kr(id, value):
    ...     return KeyResult.metric(id=id, title=id, unit="EUR",
    ...         target=Target.increase(from_=0, to=100),
    ...         history=[CheckIn(day=date(2026, 8, 1), value=value)])
    >>> plan = Plan(objectives=[
    ...     Objective(id="o", title="Sell", owner="co", level="company", period=q3,
    ...               key_results=[kr("total", 0)]),
    ...     Objective(id="o-a", title="Sell A", owner="a", level="department", period=q3,
    ...               key_results=[kr("a", 30)]),
    ...     Objective(id="o-b", title="Sell B", owner="b", level="department", period=q3,
    ...               key_results=[kr("b", 12)]),
    ... ], links=[Link(child="a", parent="total"), Link(child="b", parent="total")])
    >>> roll_up_values(plan, "total", date(2026, 8, 31))
    Fraction(42, 1)
    >>> roll_up_values(plan, "total", date(2026, 8, 31), "max")
    30
    """
    graph = GoalGraph.of(plan)
    parent = graph.goal(key_result_id)
    try:
        how = Aggregation(how)
    except ValueError:
        raise ValidationError.single(
            "how", how, f"'how' must be one of {[a.value for a in Aggregation]} (got {how!r})"
        ) from None
    if not isinstance(parent, KeyResult):
        raise ValidationError.single(
            "key_result_id",
            key_result_id,
            f"'key_result_id' must name a key result (got {key_result_id!r})",
        )
    expected = _unit_key(parent.unit)
    problems = Problems()
    readings: list[tuple[date, str, Number]] = []
    for edge in graph.edges_down(key_result_id):
        if edge.relation is not Relation.CONTRIBUTES:
            continue
        child = graph.goal(edge.child)
        if not isinstance(child, KeyResult | KPI):
            continue
        unit = _unit_key(child.unit)
        if expected is None:
            expected = unit
        if unit != expected:
            problems.add(
                f"links[{edge.link}].child",
                child.unit,
                f"unit of {child.id!r} ({child.unit!r}) does not match the unit of "
                f"{key_result_id!r} ({parent.unit if parent.unit is not None else expected!r})",
            )
            continue
        latest = child.history.latest(at)
        if latest is not None:
            readings.append((latest.day, child.id, latest.value))
    problems.raise_if_any()
    if not readings:
        return None
    values = [value for _, _, value in readings]
    if how is Aggregation.COUNT:
        return len(values)
    if how is Aggregation.MIN:
        return min(values, key=exact)
    if how is Aggregation.MAX:
        return max(values, key=exact)
    if how is Aggregation.LAST:
        return max(readings, key=lambda r: (r[0], r[1]))[2]
    total: Exact = sum((exact(v) for v in values), start=Fraction(0))
    return total if how is Aggregation.SUM else total / len(values)
