"""The goal graph: :class:`GoalGraph`, its :class:`Edge` objects and their :class:`Relation`.

A graph numbers a plan's goals in id order and keeps its edges in flat arrays;
it is built once per plan object (and dropped with it), and every query walks
it iteratively.

>>> from goalkit.examples import example_plan
>>> graph = GoalGraph.of(example_plan())
>>> graph.edges_up("kr-sales-revenue")[0].relation
<Relation.PART_OF: 'part_of'>
>>> graph.ancestors("kr-sales-revenue")[-1]
'mission'
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator, Mapping, Sequence
from enum import StrEnum
from fractions import Fraction
from typing import Any, TypeAlias

import attrs

from goalkit._cache import PerPlan
from goalkit._numbers import Number
from goalkit._show import show
from goalkit._structure import (
    CONTRIBUTES,
    PART_OF,
    SUPPORTS,
    Fault,
    Structure,
    cycle_message,
    find_cycles,
)
from goalkit._validation import Problems, to_enum
from goalkit.alignment.issues import AlignmentError, AlignmentIssue, IssueKind
from goalkit.exceptions import ValidationError
from goalkit.goals import KPI, Goal, Initiative, KeyResult, Objective
from goalkit.periods import Period
from goalkit.plan import Link, Plan

__all__ = ["Edge", "GoalGraph", "Relation"]


class Relation(StrEnum):
    """What an edge of the goal graph means.

    ``contributes`` and ``supports`` come from :class:`~goalkit.plan.LinkKind`;
    ``part_of`` is the plan's own structure.
    """

    PART_OF = "part_of"
    CONTRIBUTES = "contributes"
    SUPPORTS = "supports"


# Relations are stored as small ints in the graph's arrays (see goalkit._structure).
_PART_OF, _CONTRIBUTES, _SUPPORTS = PART_OF, CONTRIBUTES, SUPPORTS
_RELATIONS = (Relation.PART_OF, Relation.CONTRIBUTES, Relation.SUPPORTS)
_CODE = {relation: code for code, relation in enumerate(_RELATIONS)}
_ALL = frozenset(_CODE.values())
_to_relation = to_enum(Relation)

_Relations: TypeAlias = Iterable[Relation | str] | Relation | str | None
"""Which relations a query follows: ``None`` for all, one relation, or several."""


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


def _links(value: Any) -> tuple[Any, ...]:
    """Links given instead of a plan's, as a tuple; a ValidationError if not a collection."""
    if isinstance(value, tuple):
        return value
    if isinstance(value, Iterable) and not isinstance(value, str | bytes | bytearray | Mapping):
        return tuple(value)
    raise ValidationError.single(
        "links", value, f"'links' must be a list or tuple of Link objects (got {show(value)})"
    )


def _issue(position: int, fault: Fault, links: Sequence[Any]) -> AlignmentIssue:
    """The alignment issue of a link that makes no edge."""
    path = f"links[{position}]"
    reason = fault[0]
    if reason == "link":
        return AlignmentIssue(
            kind=IssueKind.UNKNOWN_GOAL,
            path=path,
            ids=(),
            message=f"'links' must hold Link objects (got {show(links[position])})",
        )
    link: Link = links[position]
    if reason == "unknown":
        end, goal_id = fault[1], fault[2]
        return AlignmentIssue(
            kind=IssueKind.UNKNOWN_GOAL,
            path=f"{path}.{end}",
            ids=(goal_id,),
            message=f"'{end}' names no goal in the plan (got {show(goal_id)})",
        )
    if reason == "self":
        return AlignmentIssue(
            kind=IssueKind.SELF_LINK,
            path=path,
            ids=(link.child,),
            message=f"a goal cannot align to itself (got {show(link.child)})",
        )
    if reason == "duplicate":
        return AlignmentIssue(
            kind=IssueKind.DUPLICATE_LINK,
            path=path,
            ids=(link.child, link.parent),
            message=f"duplicate link from {show(link.child)} to {show(link.parent)} "
            f"(first at links[{fault[1]}])",
        )
    if reason == "initiative":
        return AlignmentIssue(
            kind=IssueKind.BAD_PARENT,
            path=path,
            ids=(link.child, link.parent),
            message=f"{show(link.child)} cannot align to initiative {show(link.parent)}; "
            "align to its key result instead",
        )
    return AlignmentIssue(
        kind=IssueKind.BAD_PARENT,
        path=path,
        ids=(link.child, link.parent),
        message=f"theme {show(link.child)} can only align to another theme "
        f"(got {fault[1]} {show(link.parent)})",
    )


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
        "_structure",
        "_up",
        "links",
    )

    links: tuple[Link, ...]
    """The links the graph was built from (the plan's, unless others were given)."""

    def __init__(self, plan: Plan, links: Sequence[Link] | None = None) -> None:
        if not isinstance(plan, Plan):
            raise ValidationError.single("plan", plan, f"'plan' must be a Plan (got {show(plan)})")
        self._plan = plan
        self.links = plan.links if links is None else _links(links)
        structure = Structure(plan, plan.objectives, self.links, Link)
        self._structure = structure
        self._ids = structure.ids
        self._index = structure.index
        self._goals = structure.goals
        self._e_child = structure.e_child
        self._e_parent = structure.e_parent
        self._e_rel = structure.e_rel
        self._e_weight = structure.e_weight
        self._e_link = structure.e_link
        self._link_edge = structure.link_edge
        self._up = structure.up
        self._down = structure.down
        self._link_issues = tuple(
            _issue(position, fault, self.links) for position, fault in structure.faults
        )
        self._order: list[int] | None = None

    @classmethod
    def of(cls, plan: Plan, *, links: Sequence[Link] | None = None) -> GoalGraph:
        """The graph of ``plan`` (cached per plan when ``links`` is not given).

        >>> from goalkit.examples import example_plan
        >>> plan = example_plan()
        >>> GoalGraph.of(plan) is GoalGraph.of(plan)
        True
        """
        if links is not None or not isinstance(plan, Plan):
            return cls(plan, links)
        return _CACHE(plan)

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
        except (KeyError, TypeError):  # TypeError: an unhashable id
            raise ValidationError.single(
                "goal_id", goal_id, f"'goal_id' names no goal in the plan (got {show(goal_id)})"
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
        """Problems of the links themselves, then every cycle, in a stable order.

        A plan's own links have none of the problems a :class:`~goalkit.plan.Plan`
        refuses (unknown goals, self-links, cycles); links given to :meth:`of`
        instead of the plan's may have any.
        """
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
    def _codes(relations: _Relations) -> frozenset[int]:
        """The relation codes a query follows; one relation may be given on its own.

        Raises:
            ValidationError: naming every item that is not a relation.
        """
        if relations is None:
            return _ALL
        if isinstance(relations, str):
            relations = (relations,)
        elif not isinstance(relations, Iterable) or isinstance(relations, bytes | Mapping):
            allowed = ", ".join(repr(r.value) for r in Relation)
            raise ValidationError.single(
                "relations",
                relations,
                f"'relations' must be a list of relations ({allowed}) (got {show(relations)})",
            )
        problems = Problems()
        codes = set()
        for position, item in enumerate(relations):
            relation = _to_relation(item)
            if problems.enum(f"relations[{position}]", relation, Relation):
                codes.add(_CODE[relation])
        problems.raise_if_any()
        return frozenset(codes)

    def parents(self, goal_id: str, relations: _Relations = None) -> tuple[str, ...]:
        """The ids of a goal's parents, optionally only through some relations.

        >>> from goalkit.examples import example_plan
        >>> GoalGraph.of(example_plan()).parents("kr-sales-revenue")
        ('o-sales-pipeline',)
        """
        codes = self._codes(relations)
        ids, rel, parent = self._ids, self._e_rel, self._e_parent
        return tuple(ids[parent[e]] for e in self._up[self._at(goal_id)] if rel[e] in codes)

    def children(self, goal_id: str, relations: _Relations = None) -> tuple[str, ...]:
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

    def ancestors(self, goal_id: str, relations: _Relations = None) -> tuple[str, ...]:
        """Every goal above, nearest first (breadth first), each once.

        >>> from goalkit.examples import example_plan
        >>> GoalGraph.of(example_plan()).ancestors("kr-ana-visits")[:3]
        ('o-ana-pipeline', 'kr-sales-conversion', 'o-sales-pipeline')
        """
        found = self._walk(self._at(goal_id), self._up, self._e_parent, self._codes(relations))
        return tuple(self._ids[i] for i in found)

    def descendants(self, goal_id: str, relations: _Relations = None) -> tuple[str, ...]:
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
            AlignmentError: if the way up runs into a cycle (only possible in a graph
                built from links other than the plan's).
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
                f"'objective_id' must name an objective (got {show(objective_id)})",
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
            AlignmentError: if the graph has a cycle, naming every cycle (only possible
                in a graph built from links other than the plan's).
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
        """Every cycle, each at the link that closes it (see ``goalkit._structure.find_cycles``)."""
        return [
            AlignmentIssue(
                kind=IssueKind.CYCLE,
                path=f"links[{closing}]",
                ids=ids,
                message=cycle_message(closing, ids),
            )
            for closing, ids in find_cycles(self._structure)
        ]


_CACHE: PerPlan[GoalGraph] = PerPlan(GoalGraph)
"""The graph of each live plan, as :meth:`GoalGraph.of` returns it."""
