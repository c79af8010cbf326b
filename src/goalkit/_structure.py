"""A plan's goals and links as flat arrays, and the search for cycles (private).

This is the plan layer's view of alignment: :class:`~goalkit.plan.Plan` uses it
to refuse cyclic links when it is built, and
:class:`~goalkit.alignment.graph.GoalGraph` is built on it, so both find the
same cycles and nothing imports upward.

Nodes are numbered in id order; edges point from a child up to its parent.
The plan's own structure comes first (a key result is part of its objective,
an initiative part of its key result), then one edge per link that has no
fault (:func:`link_fault`). Every walk is iterative, and linear in the size of
the graph.

>>> from goalkit import Link, Objective, Period
>>> q3 = Period.quarter(2026, 3)
>>> goals = [Objective(id=i, title=i, owner="x", level="team", period=q3) for i in "ab"]
>>> links = [Link(child="a", parent="b"), Link(child="b", parent="a")]
>>> structure = Structure(goals, (), links, Link)
>>> [(closing, ids) for closing, ids in find_cycles(structure)]
[(1, ('b', 'a', 'b'))]
>>> cycle_message(1, ("b", "a", "b"))
'links[1] closes a cycle: b -> a -> b'
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, TypeAlias

from goalkit._numbers import Number
from goalkit.goals import Goal, Initiative, Objective, Theme

__all__ = [
    "CONTRIBUTES",
    "PART_OF",
    "SUPPORTS",
    "Fault",
    "Structure",
    "cycle_message",
    "find_cycles",
    "has_cycle",
    "link_fault",
]

# Relations, stored as small ints in the edge arrays.
PART_OF, CONTRIBUTES, SUPPORTS = 0, 1, 2

Fault: TypeAlias = tuple[Any, ...]
"""Why a link makes no edge: ``("link",)`` not a link; ``("unknown", end, id)``;
``("self",)``; ``("duplicate", first_position)``; ``("initiative",)`` a link to
an initiative; ``("theme", parent_kind)`` a theme aligned to something else."""

Adjacency: TypeAlias = list[list[int] | tuple[int, ...]]

_EMPTY: tuple[int, ...] = ()


def link_fault(
    link: Any, goals: Mapping[str, Goal], seen: dict[tuple[str, str], int], position: int
) -> Fault | None:
    """Why ``link`` makes no edge of the goal graph, or ``None`` (and record it in ``seen``).

    ``link`` must be a :class:`~goalkit.plan.Link`; ``seen`` maps the
    (child, parent) pairs already linked to their first position, whatever
    the kinds.
    """
    child_id, parent_id = link.child, link.parent
    child = goals.get(child_id)
    if child is None:
        return ("unknown", "child", child_id)
    parent = goals.get(parent_id)
    if parent is None:
        return ("unknown", "parent", parent_id)
    if child_id == parent_id:
        return ("self",)
    key = (child_id, parent_id)
    first = seen.get(key)
    if first is not None:
        return ("duplicate", first)
    if isinstance(parent, Initiative):
        return ("initiative",)
    if isinstance(child, Theme) and not isinstance(parent, Theme):
        return ("theme", type(parent).__name__.lower())
    seen[key] = position
    return None


class Structure:
    """The goals of a plan and its links as flat arrays (see the module docstring).

    Args:
        goals: Every goal, each id once.
        objectives: The objectives whose key results and initiatives give the
            ``part_of`` edges.
        links: The links; items that are not ``link_type`` or have a fault
            make no edge and are listed in :attr:`faults`.
        link_type: The class of links (:class:`~goalkit.plan.Link`).
    """

    __slots__ = (
        "down",
        "e_child",
        "e_link",
        "e_parent",
        "e_rel",
        "e_weight",
        "faults",
        "goals",
        "ids",
        "index",
        "link_edge",
        "up",
    )

    def __init__(
        self,
        goals: Iterable[Goal],
        objectives: Sequence[Objective],
        links: Sequence[object],
        link_type: type,
    ) -> None:
        by_id = {goal.id: goal for goal in goals}
        ids = sorted(by_id)
        index = {goal_id: i for i, goal_id in enumerate(ids)}
        self.ids = ids
        self.index = index
        self.goals = [by_id[goal_id] for goal_id in ids]
        e_child: list[int] = []
        e_parent: list[int] = []
        e_weight: list[Number] = []
        for objective in objectives:
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
        e_rel: list[int] = [PART_OF] * len(e_child)
        e_link: list[int] = [-1] * len(e_child)
        link_edge: list[int] = [-1] * len(links)
        faults: list[tuple[int, Fault]] = []
        seen: dict[tuple[str, str], int] = {}
        for position, link in enumerate(links):
            fault = (
                ("link",)
                if not isinstance(link, link_type)
                else link_fault(link, by_id, seen, position)
            )
            if fault is not None:
                faults.append((position, fault))
                continue
            assert isinstance(link, link_type)
            link_edge[position] = len(e_child)
            e_child.append(index[link.child])  # type: ignore[attr-defined]
            e_parent.append(index[link.parent])  # type: ignore[attr-defined]
            e_rel.append(CONTRIBUTES if link.kind == "contributes" else SUPPORTS)  # type: ignore[attr-defined]
            e_weight.append(link.weight)  # type: ignore[attr-defined]
            e_link.append(position)
        self.e_child = e_child
        self.e_parent = e_parent
        self.e_rel = e_rel
        self.e_weight = e_weight
        self.e_link = e_link
        self.link_edge = link_edge
        self.faults = faults
        self.up, self.down = _adjacency(len(ids), e_child, e_parent)


def _adjacency(size: int, e_child: list[int], e_parent: list[int]) -> tuple[Adjacency, Adjacency]:
    """Per node, the edges up and the edges down (nodes without any share one empty tuple)."""
    up: Adjacency = [_EMPTY] * size
    for edge, child in enumerate(e_child):
        edges = up[child]
        if edges is _EMPTY:
            up[child] = [edge]
        else:
            edges.append(edge)  # type: ignore[union-attr]
    # Children lists come out in id order because children are visited in id order.
    down: Adjacency = [_EMPTY] * size
    for edges in up:
        for edge in edges:
            parent = e_parent[edge]
            below = down[parent]
            if below is _EMPTY:
                down[parent] = [edge]
            else:
                below.append(edge)  # type: ignore[union-attr]
    return up, down


def has_cycle(up: Sequence[Sequence[int] | None]) -> bool:
    """Whether following ``up`` (per node number, the nodes right above it) can return to a node.

    Kahn's algorithm, linear in nodes and edges: it removes edges from nodes
    nothing points to until none is left, which a cycle prevents.

    >>> has_cycle([[1], [2], None]), has_cycle([[1], [0]])
    (False, True)
    """
    waiting = [0] * len(up)
    edges = 0
    for above in up:
        if above:
            edges += len(above)
            for node in above:
                waiting[node] += 1
    ready = [node for node, above in enumerate(up) if above and not waiting[node]]
    while ready:
        for node in up[ready.pop()] or ():
            edges -= 1
            count = waiting[node] - 1
            waiting[node] = count
            if not count:
                ready.append(node)
    return edges != 0


def find_cycles(structure: Structure) -> list[tuple[int, tuple[str, ...]]]:
    """Every cycle met by a depth-first walk up from each node in id order, iteratively.

    Each cycle is given as the position of the link blamed for it (its latest
    link, most likely the one just added) and the ids along it, starting from
    that link's child, first id repeated last.
    """
    size = len(structure.ids)
    up, parent, link_of, ids = structure.up, structure.e_parent, structure.e_link, structure.ids
    state = bytearray(size)  # 0 new, 1 on the stack, 2 done
    found: list[tuple[int, tuple[str, ...]]] = []
    for start in range(size):
        if state[start]:
            continue
        # frames of [node, position in its edge list]; via holds the edges taken
        stack: list[list[int]] = [[start, 0]]
        on_stack: dict[int, int] = {start: 0}
        via: list[int] = []
        state[start] = 1
        while stack:
            frame = stack[-1]
            node, position = frame
            edges = up[node]
            if position == len(edges):
                state[node] = 2
                stack.pop()
                del on_stack[node]
                if via:
                    via.pop()
                continue
            frame[1] = position + 1
            edge = edges[position]
            nxt = parent[edge]
            if state[nxt] == 0:
                state[nxt] = 1
                on_stack[nxt] = len(stack)
                stack.append([nxt, 0])
                via.append(edge)
            elif state[nxt] == 1:
                depth = on_stack[nxt]
                cycle_edges = [*via[depth:], edge]
                nodes = [f[0] for f in stack[depth:]] + [nxt]
                closing = max(link_of[e] for e in cycle_edges)
                turn = next(i for i, e in enumerate(cycle_edges) if link_of[e] == closing)
                nodes = [*nodes[turn:-1], *nodes[:turn], nodes[turn]]
                found.append((closing, tuple(ids[n] for n in nodes)))
    return found


def cycle_message(closing: int, ids: Sequence[str]) -> str:
    """The one message for a cycle: which link closes it, and the way round."""
    return f"links[{closing}] closes a cycle: {' -> '.join(ids)}"
