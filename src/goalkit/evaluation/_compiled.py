"""A plan precomputed for evaluation (private).

:class:`_Compiled` turns a plan into flat arrays in id order (node kinds, own
and children's indexes and weights, parents, a bottom-up order, the plain
key-result lines), built once per plan and cached while the plan lives.
"""

from __future__ import annotations

from datetime import date
from fractions import Fraction
from typing import Any

from goalkit._cache import PerPlan
from goalkit._numbers import Exact, Number, exact, to_float
from goalkit.alignment import GoalGraph
from goalkit.exceptions import ValidationError
from goalkit.goals import KPI, Goal, KeyResult, Objective, Theme
from goalkit.measures import CheckIn, Direction, Target
from goalkit.periods import Period
from goalkit.plan import Plan

# node kinds, stored in a bytearray
_THEME, _OBJECTIVE, _KEY_RESULT, _KPI, _INITIATIVE = range(5)
_KINDS = {Theme: _THEME, Objective: _OBJECTIVE, KeyResult: _KEY_RESULT, KPI: _KPI}
_EMPTY: tuple[Any, ...] = ()


_FLOAT_EXACT = 2**53
"""Whole numbers up to this size, and their sums, are exact as floats."""


def _weight(value: Number) -> Number:
    # ints and floats stay as they are (fast); Decimal becomes an exact Fraction
    return value if type(value) in (int, float, Fraction) else exact(value)


def _plain(weights: list[Any]) -> bool:
    """Whether weights meet floats without conversion: floats, and ints whose sums stay exact."""
    whole = 0
    for weight in weights:
        if type(weight) is int:
            whole += abs(weight)
        elif type(weight) is not float:
            return False
    return whole <= _FLOAT_EXACT


class _Compiled:
    """A plan precomputed for evaluation: flat arrays in id order, built once per plan."""

    __slots__ = (
        "fast",
        "goals",
        "graph",
        "ids",
        "index",
        "kid_idx",
        "kid_plain",
        "kid_w",
        "kind",
        "krs",
        "lines",
        "order",
        "order_short",
        "own_idx",
        "own_plain",
        "own_w",
        "period",
        "position",
        "ups",
    )

    def __init__(self, plan: Plan) -> None:
        graph = GoalGraph.of(plan)
        self.graph = graph
        ids = list(graph)
        self.ids = ids
        self.index = {goal_id: i for i, goal_id in enumerate(ids)}
        goals: list[Goal] = graph._goals
        self.goals = goals
        size = len(ids)
        kind = bytearray(_INITIATIVE for _ in range(size))
        for i, goal in enumerate(goals):
            kind[i] = _KINDS.get(type(goal), _INITIATIVE)
        self.kind = kind
        own_idx: list[Any] = [_EMPTY] * size
        own_w: list[Any] = [_EMPTY] * size
        kid_idx: list[Any] = [_EMPTY] * size
        kid_w: list[Any] = [_EMPTY] * size
        ups: list[Any] = [_EMPTY] * size
        # Read the graph's edge arrays directly: one pass, no Edge objects.
        e_child, e_rel, e_weight = graph._e_child, graph._e_rel, graph._e_weight
        for parent, edges in enumerate(graph._down):
            for edge in edges:
                rel = e_rel[edge]
                child = e_child[edge]
                if rel == 0:  # part of
                    if kind[child] != _KEY_RESULT:
                        continue  # initiatives carry no progress
                    target_idx, target_w = own_idx, own_w
                elif rel == 1:  # contributes
                    target_idx, target_w = kid_idx, kid_w
                else:
                    continue
                if target_idx[parent] is _EMPTY:
                    target_idx[parent] = []
                    target_w[parent] = []
                target_idx[parent].append(child)
                target_w[parent].append(_weight(e_weight[edge]))
                if ups[child] is _EMPTY:
                    ups[child] = [parent]
                else:
                    ups[child].append(parent)
        self.own_idx, self.own_w, self.kid_idx, self.kid_w, self.ups = (
            own_idx,
            own_w,
            kid_idx,
            kid_w,
            ups,
        )
        self.own_plain, self.kid_plain = [_plain(w) for w in own_w], [_plain(w) for w in kid_w]
        topological = graph.topological_indexes()
        self.order = [
            i for i in reversed(topological) if kind[i] in (_THEME, _OBJECTIVE, _KEY_RESULT)
        ]
        position = [0] * size
        for rank, i in enumerate(self.order):
            position[i] = rank
        self.position = position
        self.order_short = [i for i in self.order if kind[i] != _KEY_RESULT or kid_idx[i]]
        self.krs = [i for i in range(size) if kind[i] == _KEY_RESULT]
        fast: list[tuple[Exact, Exact, bool] | None] = [None] * size
        for i in self.krs:
            fast[i] = _fast_line(goals[i])  # type: ignore[arg-type]
        self.fast = fast
        self.lines = _Lines(self.krs, goals, fast)
        self.period = _periods(plan, self.index)


def _periods(plan: Plan, index: dict[str, int]) -> dict[int, Period]:
    """The period of every objective and key result, by node number."""
    period: dict[int, Period] = {}
    for objective in plan.objectives:
        for kr in objective.key_results:
            period[index[kr.id]] = objective.period
        period[index[objective.id]] = objective.period
    return period


class _Lines:
    """Parallel arrays of the key results on the fast path that have check-ins.

    Holds references to each history's own arrays (no copies): the days, kept
    sorted by :class:`~goalkit.measures.History`, and the check-ins.
    """

    __slots__ = ("checks", "days", "floats", "index", "slow", "span", "start")

    def __init__(
        self, krs: list[int], goals: list[Goal], fast: list[tuple[Exact, Exact, bool] | None]
    ) -> None:
        self.index: list[int] = []
        self.days: list[tuple[date, ...]] = []
        self.checks: list[tuple[CheckIn, ...]] = []
        self.start: list[Exact] = []
        self.span: list[Exact] = []
        self.floats: list[bool] = []
        self.slow: list[int] = []  # key results scored by the progress rule itself
        for i in krs:
            line = fast[i]
            kr: Any = goals[i]
            if line is None:
                self.slow.append(i)
            elif kr.history:
                self.index.append(i)
                self.days.append(kr.history._days)
                self.checks.append(kr.history.check_ins)
                self.start.append(line[0])
                self.span.append(line[1])
                self.floats.append(line[2])


def _fast_line(kr: KeyResult) -> tuple[Exact, Exact, bool] | None:
    """(start, span, in floats) of an increase/decrease line with a numeric baseline, else None.

    The line is in floats when the baseline or the target is a float, both
    converted as the progress rule converts them; a line no float or ordinary
    division can follow (an exact end too large for a float, a span beyond
    the float range, no span at all) is left to the progress rule.
    """
    target = kr.measure
    if not isinstance(target, Target) or not target.direction.is_directional:
        return None
    start, goal = target.baseline, target.target
    if goal is None or not isinstance(start, Number):
        return None
    in_floats = type(start) is float or type(goal) is float
    try:
        begin: Exact = to_float(start) if in_floats else exact(start)
        end: Exact = to_float(goal) if in_floats else exact(goal)
    except ValidationError:
        return None
    span = end - begin
    if in_floats and span - span:
        return None  # not finite
    sign = 1 if target.direction is Direction.INCREASE else -1
    if span * sign <= 0:
        return None
    return begin, span, in_floats


_compiled: PerPlan[_Compiled] = PerPlan(_Compiled)
"""The precomputed form of each live plan."""
