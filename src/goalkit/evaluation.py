"""Scoring a whole plan at a day: roll-up, statuses, and incremental re-evaluation.

:func:`evaluate` scores every goal of a plan at a day and rolls progress up
the goal graph (:mod:`goalkit.alignment`) with the scoring rules
(:mod:`goalkit.scoring`). The result, an :class:`Evaluation`, is immutable and
holds for every goal its progress, grade, status, pace and forecast.

>>> from goalkit.examples import EXAMPLE_DAY, example_plan
>>> evaluation = evaluate(example_plan(), at=EXAMPLE_DAY)
>>> evaluation["kr-sales-cycle"].progress
Fraction(1, 2)
>>> str(evaluation["o-sales-pipeline"].status)
'off_track'

Roll-up rules (see :class:`RollUp`):

* a key result's own progress comes from its check-ins as of the day, scored
  by ``rules.progress``;
* an objective's *own* progress is the weighted mean (``rules.aggregator``)
  of its key results' progress, by key-result weight;
* a goal's *children* progress is the weighted mean of the goals linked to it
  with ``contributes`` links, by link weight (``supports`` links carry nothing);
* :attr:`RollUp.objectives` and :attr:`RollUp.key_results` say how the two
  sides combine; a theme has only the children side;
* a status combines (``rules`` ``combine_statuses``) the statuses of the parts
  the progress came from; grades come from the progress.

Progress is computed eagerly, in one pass over a precomputed order; grades,
statuses, paces and forecasts are computed the first time they are asked for
and then kept. Parts without data (``None``) are skipped; parts whose weights
are all zero count as no data. Sums run over children in id order, so the
result does not depend on the order goals or links were added.
"""

from __future__ import annotations

import weakref
from bisect import bisect_right
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from datetime import date
from enum import StrEnum
from fractions import Fraction
from typing import Any

import attrs

from goalkit._numbers import Exact, Number, exact
from goalkit.alignment import GoalGraph
from goalkit.exceptions import ValidationError
from goalkit.goals import KPI, Goal, Initiative, InitiativeStatus, KeyResult, Objective, Theme
from goalkit.measures import CheckIn, Direction, History, Target
from goalkit.periods import Period
from goalkit.plan import Plan
from goalkit.scoring import (
    DEFAULT_RULES,
    Forecast,
    KeyResultScore,
    KPIScore,
    Pace,
    ScoringRules,
    Status,
    aggregate_progress,
    combine_statuses,
    grade_of,
    score_key_result,
    score_kpi,
)
from goalkit.scoring.aggregate import WeightedMean
from goalkit.scoring.progress import ProgressPolicy

__all__ = [
    "DEFAULT_ROLL_UP",
    "Evaluation",
    "NodeScore",
    "RollUp",
    "Source",
    "evaluate",
]


class Source(StrEnum):
    """Where a goal's progress comes from."""

    OWN = "own"
    """Its own data only: an objective's key results, a key result's check-ins."""
    CHILDREN = "children"
    """Only the goals that contribute to it."""
    BOTH = "both"
    """``(1 - share) * own + share * children``; one side alone if the other has no data."""
    OWN_THEN_CHILDREN = "own_then_children"
    """Its own data while it has any, else its children's."""


def _share(value: Number) -> Number:
    return value


@attrs.frozen(kw_only=True)
class RollUp:
    """How progress flows up the goal graph.

    Attributes:
        objectives: Where an objective's progress comes from (default ``both``).
        objective_share: The children's share when both sides have data (default 1/2).
        key_results: Where a key result's progress comes from (default
            ``own_then_children``: its check-ins once it has one, else the goals
            aligned to it).
        key_result_share: The children's share for ``key_results='both'``.

    >>> RollUp(objectives="own").objectives
    <Source.OWN: 'own'>
    >>> RollUp(objective_share=2)
    Traceback (most recent call last):
    ...
    goalkit.exceptions.ValidationError: objective_share: ... must be from 0 to 1 (got 2)
    """

    objectives: Source = attrs.field(default=Source.BOTH, converter=Source)
    objective_share: Number = attrs.field(default=Fraction(1, 2), converter=_share)
    key_results: Source = attrs.field(default=Source.OWN_THEN_CHILDREN, converter=Source)
    key_result_share: Number = attrs.field(default=Fraction(1, 2), converter=_share)

    def __attrs_post_init__(self) -> None:
        from goalkit._validation import Problems

        problems = Problems()
        for name in ("objective_share", "key_result_share"):
            value = getattr(self, name)
            if problems.number(name, value) and not 0 <= value <= 1:
                problems.add(name, value, f"'{name}' must be from 0 to 1 (got {value!r})")
        problems.raise_if_any()


DEFAULT_ROLL_UP = RollUp()
"""Objectives blend own key results and children half and half; key results use own data first."""


@attrs.frozen(kw_only=True)
class NodeScore:
    """The evaluation of one goal.

    Attributes:
        id: The goal's id.
        progress: From 0 to 1 (or beyond, if the progress rule allows); ``None``: no data.
        grade: The band of the progress on the grading scale, or ``None``.
        status: On track, at risk, ... (``no_data`` when nothing is known).
        pace: Expected progress by the day and the actual / expected ratio.
        forecast: The projection to the end of the period.
        value: A key result's or KPI's current value, else ``None``.
    """

    id: str
    progress: Exact | None
    grade: str | None
    status: Status
    pace: Pace | None = None
    forecast: Forecast | None = None
    value: Number | None = None


# node kinds, stored in a bytearray
_THEME, _OBJECTIVE, _KEY_RESULT, _KPI, _INITIATIVE = range(5)
_KINDS = {Theme: _THEME, Objective: _OBJECTIVE, KeyResult: _KEY_RESULT, KPI: _KPI}
_EMPTY: tuple[Any, ...] = ()
_MISSING = object()


def _weight(value: Number) -> Number:
    # ints and floats stay as they are (fast); Decimal becomes an exact Fraction
    return value if type(value) in (int, float, Fraction) else exact(value)


class _Compiled:
    """A plan precomputed for evaluation: flat arrays in id order, built once per plan."""

    __slots__ = (
        "fast",
        "goals",
        "graph",
        "ids",
        "index",
        "kid_idx",
        "kid_w",
        "kind",
        "krs",
        "lines",
        "order",
        "order_short",
        "own_idx",
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
        e_child, e_parent, e_rel, e_weight = (
            graph._e_child,
            graph._e_parent,
            graph._e_rel,
            graph._e_weight,
        )
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
        del e_parent
        self.own_idx, self.own_w, self.kid_idx, self.kid_w, self.ups = (
            own_idx,
            own_w,
            kid_idx,
            kid_w,
            ups,
        )
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
        fast: list[tuple[Exact, Exact] | None] = [None] * size
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

    __slots__ = ("checks", "days", "index", "slow", "span", "start")

    def __init__(
        self, krs: list[int], goals: list[Goal], fast: list[tuple[Exact, Exact] | None]
    ) -> None:
        self.index: list[int] = []
        self.days: list[tuple[date, ...]] = []
        self.checks: list[tuple[CheckIn, ...]] = []
        self.start: list[Exact] = []
        self.span: list[Exact] = []
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


def _fast_line(kr: KeyResult) -> tuple[Exact, Exact] | None:
    """(start, span) of an increase/decrease key result with a numeric baseline, else None."""
    target = kr.measure
    if not isinstance(target, Target) or not target.direction.is_directional:
        return None
    start, goal = target.baseline, target.target
    if goal is None or not isinstance(start, Number):
        return None
    begin = exact(start)
    span = exact(goal) - begin
    sign = 1 if target.direction is Direction.INCREASE else -1
    if span * sign <= 0:
        return None
    return begin, span


@attrs.frozen(eq=False)
class _CacheEntry:
    ref: weakref.ref[Plan]
    compiled: _Compiled


_COMPILED: dict[int, _CacheEntry] = {}


def _evict(key: int) -> None:
    _COMPILED.pop(key, None)


def _compiled(plan: Plan) -> _Compiled:
    key = id(plan)
    entry = _COMPILED.get(key)
    if entry is not None and entry.ref() is plan:
        return entry.compiled
    compiled = _Compiled(plan)
    _COMPILED[key] = _CacheEntry(ref=weakref.ref(plan), compiled=compiled)
    weakref.finalize(plan, _evict, key)
    return compiled


# -- the arithmetic, shared by the full pass and incremental updates ---------------


class _Math:
    """Progress arithmetic for one set of rules, used identically by full and incremental passes."""

    __slots__ = (
        "aggregate",
        "cap",
        "floor",
        "kr_share",
        "kr_source",
        "o_share",
        "o_source",
        "plain",
        "rules",
    )

    def __init__(self, rules: ScoringRules, roll_up: RollUp) -> None:
        self.rules = rules
        progress = rules.progress
        self.plain = isinstance(progress, ProgressPolicy) and type(progress) is ProgressPolicy
        self.floor: Number | None = None
        self.cap: Number | None = None
        if isinstance(progress, ProgressPolicy):
            self.plain = self.plain and not progress.up_to_stretch
            self.floor, self.cap = progress.floor, progress.cap
        aggregator = rules.aggregator
        self.aggregate: Callable[[list[Any], list[Any]], Exact | None] = self._custom_mean
        if type(aggregator) is WeightedMean:
            self.aggregate = _capped_mean if aggregator.cap else _weighted_mean
        self.o_source = roll_up.objectives
        self.o_share = roll_up.objective_share
        self.kr_source = roll_up.key_results
        self.kr_share = roll_up.key_result_share

    def _custom_mean(self, values: list[Any], weights: list[Any]) -> Exact | None:
        items = [(v, w) for v, w in zip(values, weights, strict=True) if v is not None]
        if not items or not any(w for _, w in items):
            return None
        return aggregate_progress(items, self.rules)

    def node(
        self,
        compiled: _Compiled,
        i: int,
        kind: int,
        own: Any,
        values: Callable[[Sequence[int]], list[Any]],
    ) -> Exact | None:
        """The progress of node ``i`` from its parts.

        ``own`` is a key result's own progress; ``values`` gives the current
        progress of a list of nodes. :func:`_full_pass` inlines this for the
        default aggregator: both do the same operations in the same order.
        """
        kids = compiled.kid_idx[i]
        children = self.aggregate(values(kids), compiled.kid_w[i]) if kids else None
        if kind == _OBJECTIVE:
            parts = compiled.own_idx[i]
            mine = self.aggregate(values(parts), compiled.own_w[i]) if parts else None
            return _blend(mine, children, self.o_source, self.o_share)
        if kind == _KEY_RESULT:
            return _blend(own, children, self.kr_source, self.kr_share)
        return children  # a theme

    def own_progress(
        self, kr: KeyResult, fast: tuple[Exact, Exact] | None, at: date
    ) -> Exact | None:
        """A key result's progress from its own check-ins as of ``at``.

        Plain increase/decrease lines under the default progress policy take a
        fast path doing the same operations as ``ProgressPolicy.of_value``;
        everything else goes to ``rules.progress``.
        """
        if fast is None or not self.plain:
            return self.rules.progress.of_key_result(kr, at)
        return self.line_progress(kr.history, fast, at)

    def line_progress(self, history: History, fast: tuple[Exact, Exact], at: date) -> Exact | None:
        """The fast path of :meth:`own_progress`, from a history."""
        latest = history.latest(at)
        if latest is None:
            return None
        value = latest.value
        if type(value) is not float:
            value = exact(value)
        raw = (value - fast[0]) / fast[1]
        low, high = self.floor, self.cap
        if low is not None and raw < low:
            return float(low) if type(raw) is float else Fraction(low)
        if high is not None and raw > high:
            return float(high) if type(raw) is float else Fraction(high)
        return raw


def _weighted_mean(values: list[Any], weights: list[Any]) -> Exact | None:
    """``WeightedMean(cap=False)``: the same operations in the same order, minus the checks."""
    num: Any = 0
    den: Any = 0
    for value, weight in zip(values, weights, strict=True):
        if value is not None:
            num += value * weight
            den += weight
    if not den:
        return None
    result: Exact = num / den
    return result


def _capped_mean(values: list[Any], weights: list[Any]) -> Exact | None:
    """``WeightedMean()``: each part capped at 1, then the weighted mean."""
    num: Any = 0
    den: Any = 0
    for value, weight in zip(values, weights, strict=True):
        if value is not None:
            part = value if value <= 1 else 1.0 if type(value) is float else _ONE
            num += part * weight
            den += weight
    if not den:
        return None
    result: Exact = num / den
    return result


_ONE = Fraction(1)


def _blend(own: Any, children: Any, source: Source, share: Any) -> Exact | None:
    if source is Source.OWN:
        return own  # type: ignore[no-any-return]
    if source is Source.CHILDREN:
        return children  # type: ignore[no-any-return]
    if own is None:
        return children  # type: ignore[no-any-return]
    if children is None or source is Source.OWN_THEN_CHILDREN:
        return own  # type: ignore[no-any-return]
    return (1 - share) * own + share * children  # type: ignore[no-any-return]


# -- evaluations -------------------------------------------------------------------


class _Pending:
    """A key result with a new history, built into a KeyResult only when asked for."""

    __slots__ = ("_built", "goal", "history")

    def __init__(self, goal: KeyResult, history: History) -> None:
        self.goal = goal
        self.history = history
        self._built: KeyResult | None = None

    def resolve(self) -> KeyResult:
        if self._built is None:
            self._built = attrs.evolve(self.goal, history=self.history)
        return self._built


_CACHES = ("kr_score", "kpi_score", "status", "expected", "forecast")


class _Base:
    """The shared, array-backed state of a lineage of evaluations at one day."""

    __slots__ = ("at", "caches", "compiled", "goals", "math", "own", "prog", "roll_up")

    def __init__(  # noqa: PLR0917 - private, built in two places
        self,
        compiled: _Compiled,
        math: _Math,
        roll_up: RollUp,
        at: date,
        own: list[Any],
        prog: list[Any],
        goals: dict[int, Goal | _Pending],
    ) -> None:
        self.compiled = compiled
        self.math = math
        self.roll_up = roll_up
        self.at = at
        self.own = own
        self.prog = prog
        self.goals = goals
        # Memoised per-node results, valid for every evaluation of this base at the
        # nodes it has not changed (a node's results depend only on what lies below it).
        self.caches: dict[str, dict[int, Any]] = {name: {} for name in _CACHES}


def _full_pass(compiled: _Compiled, math: _Math, at: date) -> tuple[list[Any], list[Any]]:
    """Every node's own and rolled-up progress, in one bottom-up pass over flat arrays."""
    size = len(compiled.ids)
    own: list[Any] = [None] * size
    goals, fast = compiled.goals, compiled.fast
    if math.plain:
        _own_lines(own, compiled, math, at)
    else:
        own_progress = math.own_progress
        for i in compiled.krs:
            own[i] = own_progress(goals[i], fast[i], at)  # type: ignore[arg-type]
    prog = own[:]
    order = compiled.order if math.kr_source is Source.CHILDREN else compiled.order_short
    if math.aggregate is _capped_mean:
        _default_pass(compiled, math, order, own, prog)
        return own, prog
    node, kind = math.node, compiled.kind

    def values(indexes: Sequence[int]) -> list[Any]:
        return [prog[c] for c in indexes]

    for i in order:
        prog[i] = node(compiled, i, kind[i], own[i], values)
    return own, prog


def _default_pass(
    compiled: _Compiled, math: _Math, order: list[int], own: list[Any], prog: list[Any]
) -> None:
    """The roll-up with the default aggregator inlined.

    ``_Math.node`` with ``_capped_mean`` and ``_blend``: the same operations in
    the same order.
    """
    kind, kid_idx, kid_w = compiled.kind, compiled.kid_idx, compiled.kid_w
    own_idx, own_w = compiled.own_idx, compiled.own_w
    o_source, o_share = math.o_source, math.o_share
    kr_source, kr_share = math.kr_source, math.kr_share
    one = _ONE
    for i in order:
        kids = kid_idx[i]
        children: Any = None
        if kids:
            num: Any = 0
            den: Any = 0
            for c, w in zip(kids, kid_w[i]):  # noqa: B905 - equal lengths by construction
                p = prog[c]
                if p is not None:
                    num += (p if p <= 1 else 1.0 if type(p) is float else one) * w
                    den += w
            if den:
                children = num / den
        k = kind[i]
        if k == _OBJECTIVE:
            parts = own_idx[i]
            mine: Any = None
            if parts:
                num = 0
                den = 0
                for c, w in zip(parts, own_w[i]):  # noqa: B905 - equal lengths by construction
                    p = prog[c]
                    if p is not None:
                        num += (p if p <= 1 else 1.0 if type(p) is float else one) * w
                        den += w
                if den:
                    mine = num / den
            prog[i] = _blend(mine, children, o_source, o_share)
        elif k == _KEY_RESULT:
            prog[i] = _blend(own[i], children, kr_source, kr_share)
        else:
            prog[i] = children


def _own_lines(own: list[Any], compiled: _Compiled, math: _Math, at: date) -> None:
    """Key results' own progress under the plain progress policy (see _Math.own_progress)."""
    goals, lines = compiled.goals, compiled.lines
    low, high = math.floor, math.cap
    low_f = None if low is None else float(low)
    low_q = None if low is None else Fraction(low)
    high_f = None if high is None else float(high)
    high_q = None if high is None else Fraction(high)
    slow = math.rules.progress.of_key_result
    for i in lines.slow:
        own[i] = slow(goals[i], at)  # type: ignore[arg-type]
    # History.latest(at), inlined: the last check-in on or before ``at``
    for i, days, checks, start, span in zip(  # noqa: B905 - parallel arrays
        lines.index, lines.days, lines.checks, lines.start, lines.span
    ):
        k = bisect_right(days, at)
        if not k:
            continue
        value = checks[k - 1].value
        if type(value) is not float:
            value = exact(value)
        raw: Any = (value - start) / span
        if low is not None and raw < low:
            raw = low_f if type(raw) is float else low_q
        elif high is not None and raw > high:
            raw = high_f if type(raw) is float else high_q
        own[i] = raw


def evaluate(
    plan: Plan,
    *,
    at: date,
    rules: ScoringRules = DEFAULT_RULES,
    roll_up: RollUp = DEFAULT_ROLL_UP,
) -> Evaluation:
    """Score every goal of ``plan`` at the end of day ``at``.

    Only check-ins dated up to ``at`` count, so an earlier day gives the plan as
    it stood then. The plan is precomputed once (graph, order, arrays) and the
    work cached, so evaluating many days or rule sets of one plan is cheap.

    Raises:
        AlignmentError: if the plan's links form a cycle (see
            :func:`goalkit.alignment.validate`).

    >>> from datetime import date
    >>> from goalkit.examples import example_plan
    >>> plan = example_plan()
    >>> early = evaluate(plan, at=date(2026, 7, 20))
    >>> late = evaluate(plan, at=date(2026, 8, 15))
    >>> early.progress("kr-ana-visits"), late.progress("kr-ana-visits")
    (None, Fraction(13, 25))
    """
    compiled = _compiled(plan)
    math = _Math(rules, roll_up)
    own, prog = _full_pass(compiled, math, at)
    return Evaluation._make(_Base(compiled, math, roll_up, at, own, prog, {}), {}, {}, {})


_INITIATIVE_STATUS = {
    InitiativeStatus.PLANNED: Status.NOT_STARTED,
    InitiativeStatus.IN_PROGRESS: Status.ON_TRACK,
    InitiativeStatus.DONE: Status.DONE,
    InitiativeStatus.DROPPED: Status.CLOSED,
}


class Evaluation:
    """Every goal of a plan scored at one day; immutable.

    Look a goal up by id (``evaluation["o1"]``) for a :class:`NodeScore`, or
    ask for one field (:meth:`progress`, :meth:`status`, ...). Use
    :meth:`with_check_in` for the evaluation after one more check-in: it
    recomputes only that goal and the goals above it, sharing everything else.

    Two evaluations are equal when they are at the same day with the same rules
    and every goal scores the same.
    """

    __slots__ = ("_base", "_goals", "_local", "_own", "_prog")

    _base: _Base
    _own: dict[int, Any]
    _prog: dict[int, Any]
    _goals: dict[int, Goal | _Pending]
    _local: dict[str, dict[int, Any]]

    def __init__(self) -> None:
        msg = "use evaluate(plan, at=day) to make an Evaluation"
        raise TypeError(msg)

    @classmethod
    def _make(
        cls,
        base: _Base,
        own: dict[int, Any],
        prog: dict[int, Any],
        goals: dict[int, Goal | _Pending],
        local: dict[str, dict[int, Any]] | None = None,
    ) -> Evaluation:
        self = object.__new__(cls)
        self._base = base
        self._own = own
        self._prog = prog
        self._goals = goals
        self._local = local if local is not None else {name: {} for name in _CACHES}
        return self

    # -- basics ----------------------------------------------------------------

    @property
    def at(self) -> date:
        """The day evaluated (check-ins up to its end count)."""
        return self._base.at

    @property
    def rules(self) -> ScoringRules:
        """The scoring rules used."""
        return self._base.math.rules

    @property
    def roll_up(self) -> RollUp:
        """The roll-up rules used."""
        return self._base.roll_up

    @property
    def plan(self) -> Plan:
        """The plan first evaluated (without check-ins added by :meth:`with_check_in`)."""
        return self._base.compiled.graph.plan

    def __len__(self) -> int:
        return len(self._base.compiled.ids)

    def __iter__(self) -> Iterator[str]:
        """Every goal id, in id order."""
        return iter(self._base.compiled.ids)

    def __contains__(self, goal_id: object) -> bool:
        return goal_id in self._base.compiled.index

    def _index(self, goal_id: str) -> int:
        try:
            return self._base.compiled.index[goal_id]
        except (KeyError, TypeError):
            raise ValidationError.single(
                "goal_id", goal_id, f"'goal_id' names no goal in the plan (got {goal_id!r})"
            ) from None

    def _goal(self, i: int) -> Goal:
        goal = self._goals.get(i)
        if goal is None:
            goal = self._base.goals.get(i)
        if goal is None:
            return self._base.compiled.goals[i]
        return goal.resolve() if isinstance(goal, _Pending) else goal

    def goal(self, goal_id: str) -> Goal:
        """The goal as evaluated, including check-ins added by :meth:`with_check_in`."""
        return self._goal(self._index(goal_id))

    def _progress(self, i: int) -> Any:
        value = self._prog.get(i, _MISSING)
        return self._base.prog[i] if value is _MISSING else value

    def _own_progress(self, i: int) -> Any:
        value = self._own.get(i, _MISSING)
        return self._base.own[i] if value is _MISSING else value

    # -- lazily computed, memoised results ---------------------------------------------

    def _cache(self, name: str, i: int) -> dict[int, Any]:
        return self._local[name] if i in self._prog else self._base.caches[name]

    def _cached(self, name: str, i: int, compute: Callable[[int], Any]) -> Any:
        cache = self._cache(name, i)
        value = cache.get(i, _MISSING)
        if value is _MISSING:
            value = compute(i)
            cache[i] = value
        return value

    def _rolled(self, name: str, i: int, compute: Callable[[int], Any]) -> Any:
        """A result that needs its parts' results first: computed bottom-up, iteratively."""
        compiled = self._base.compiled
        own_idx, kid_idx = compiled.own_idx, compiled.kid_idx
        stack = [i]
        while stack:
            j = stack[-1]
            if j in self._cache(name, j):
                stack.pop()
                continue
            pending = [c for c in (*own_idx[j], *kid_idx[j]) if c not in self._cache(name, c)]
            if pending:
                stack.extend(pending)
                continue
            stack.pop()
            self._cache(name, j)[j] = compute(j)
        return self._cache(name, i)[i]

    def _period(self, i: int) -> Any:
        return self._base.compiled.period.get(i)

    def _kr_score(self, i: int) -> KeyResultScore:
        def compute(j: int) -> KeyResultScore:
            kr = self._goal(j)
            assert isinstance(kr, KeyResult)
            return score_key_result(kr, self._period(j), self.at, self.rules)

        return self._cached("kr_score", i, compute)  # type: ignore[no-any-return]

    def _kpi_score(self, i: int) -> KPIScore:
        def compute(j: int) -> KPIScore:
            kpi = self._goal(j)
            assert isinstance(kpi, KPI)
            return score_kpi(kpi, self.at, self.rules)

        return self._cached("kpi_score", i, compute)  # type: ignore[no-any-return]

    def _sides(self, i: int, kind: int) -> tuple[bool, bool]:
        """Which sides (own, children) a node's progress is taken from."""
        if kind == _THEME:
            return False, True
        math = self._base.math
        source = math.o_source if kind == _OBJECTIVE else math.kr_source
        if source is Source.OWN:
            return True, False
        if source is Source.CHILDREN:
            return False, True
        if source is Source.BOTH:
            return True, True
        compiled = self._base.compiled
        if kind == _KEY_RESULT:
            mine = self._own_progress(i)
        else:
            parts = compiled.own_idx[i]
            mine = (
                math.aggregate([self._progress(k) for k in parts], compiled.own_w[i])
                if parts
                else None
            )
        return mine is not None, mine is None

    def _status_of(self, i: int) -> Status:
        compiled = self._base.compiled
        kind = compiled.kind[i]
        if kind == _KPI:
            return self._kpi_score(i).status
        if kind == _INITIATIVE:
            initiative = self._goal(i)
            assert isinstance(initiative, Initiative)
            if initiative.done_on is not None and initiative.done_on <= self.at:
                return Status.DONE
            return _INITIATIVE_STATUS[initiative.status]
        use_own, use_kids = self._sides(i, kind)
        statuses: list[Status] = []
        if use_own:
            if kind == _KEY_RESULT:
                statuses.append(self._kr_score(i).status)
            else:
                statuses.extend(self._status(k) for k in compiled.own_idx[i])
        if use_kids:
            statuses.extend(self._status(c) for c in compiled.kid_idx[i])
        if kind == _KEY_RESULT and not statuses:
            return self._kr_score(i).status
        return combine_statuses(statuses, self.rules)

    def _status(self, i: int) -> Status:
        return self._rolled("status", i, self._status_of)  # type: ignore[no-any-return]

    def _leaf_expected(self, i: int) -> Exact | None:
        kr = self._goal(i)
        assert isinstance(kr, KeyResult)
        return self.rules.pace.expected(kr, self._period(i), self.at, self.rules.progress)

    def _expected(self, i: int) -> Exact | None:
        """Expected progress, rolled up like progress from the key results' pace rule."""
        expected: Exact | None = self._rolled(
            "expected", i, lambda j: self._roll_value(j, self._leaf_expected, "expected")
        )
        return expected

    def _leaf_forecast(self, i: int) -> Exact | None:
        forecast = self._kr_score(i).forecast
        return None if forecast is None else forecast.progress

    def _forecast_progress(self, i: int) -> Exact | None:
        projected: Exact | None = self._rolled(
            "forecast", i, lambda j: self._roll_value(j, self._leaf_forecast, "forecast")
        )
        return projected

    def _roll_value(self, i: int, leaf: Callable[[int], Exact | None], name: str) -> Exact | None:
        compiled = self._base.compiled
        kind = compiled.kind[i]
        if kind in (_KPI, _INITIATIVE):
            return None
        if kind == _KEY_RESULT and not compiled.kid_idx[i]:
            return leaf(i)
        cache = self._cache

        def values(indexes: Sequence[int]) -> list[Any]:
            return [cache(name, c).get(c) for c in indexes]

        own = leaf(i) if kind == _KEY_RESULT else None
        return self._base.math.node(compiled, i, kind, own, values)

    # -- public results ------------------------------------------------------------

    def progress(self, goal_id: str) -> Exact | None:
        """The progress of a goal (``None``: no data).

        >>> from goalkit.examples import EXAMPLE_DAY, example_plan
        >>> evaluate(example_plan(), at=EXAMPLE_DAY).progress("kr-ana-visits")
        Fraction(13, 25)
        """
        return self._progress(self._index(goal_id))  # type: ignore[no-any-return]

    def grade(self, goal_id: str) -> str | None:
        """The grade of a goal's progress on the rules' grading scale."""
        return grade_of(self.progress(goal_id), self.rules)

    def status(self, goal_id: str) -> Status:
        """The status of a goal; for objectives and themes, combined from their parts."""
        return self._status(self._index(goal_id))

    def pace(self, goal_id: str) -> Pace | None:
        """Expected progress by the day (rolled up like progress) and actual / expected."""
        i = self._index(goal_id)
        if self._base.compiled.kind[i] in (_KPI, _INITIATIVE):
            return None
        expected = self._expected(i)
        if expected is None:
            return None
        return Pace.of(expected, self._progress(i))

    def forecast(self, goal_id: str) -> Forecast | None:
        """The forecast of a key result; above, the parts' forecast progress rolled up.

        A rolled-up forecast has no value and is off track below the forecast
        rule's ``off_track_below`` (3/4 without one).
        """
        i = self._index(goal_id)
        kind = self._base.compiled.kind[i]
        if kind in (_KPI, _INITIATIVE):
            return None
        if kind == _KEY_RESULT and not self._base.compiled.kid_idx[i]:
            return self._kr_score(i).forecast
        projected = self._forecast_progress(i)
        if projected is None:
            return None
        threshold = exact(getattr(self.rules.forecast, "off_track_below", Fraction(3, 4)))
        return Forecast(value=None, progress=projected, off_track=projected < threshold)

    def __getitem__(self, goal_id: str) -> NodeScore:
        """Everything known about one goal.

        >>> from goalkit.examples import EXAMPLE_DAY, example_plan
        >>> score = evaluate(example_plan(), at=EXAMPLE_DAY)["kr-ana-visits"]
        >>> score.progress, score.grade, str(score.status), score.value
        (Fraction(13, 25), ..., 'on_track', 52)
        """
        i = self._index(goal_id)
        kind = self._base.compiled.kind[i]
        value: Number | None = None
        if kind == _KEY_RESULT:
            value = self._kr_score(i).value
        elif kind == _KPI:
            value = self._kpi_score(i).value
        progress = self._progress(i)
        return NodeScore(
            id=goal_id,
            progress=progress,
            grade=grade_of(progress, self.rules),
            status=self._status(i),
            pace=self.pace(goal_id),
            forecast=self.forecast(goal_id),
            value=value,
        )

    def progress_by_id(self) -> dict[str, Exact | None]:
        """Every goal's progress, by id (in id order)."""
        ids = self._base.compiled.ids
        return {ids[i]: self._progress(i) for i in range(len(ids))}

    def annotate(self, goal: Goal) -> str:
        """A short text for :func:`goalkit.interop.text.render_tree`'s ``annotate`` hook.

        >>> from goalkit.examples import EXAMPLE_DAY, example_plan
        >>> evaluation = evaluate(example_plan(), at=EXAMPLE_DAY)
        >>> evaluation.annotate(evaluation.goal("kr-ana-visits"))
        '52% ... on track'
        """
        i = self._base.compiled.index.get(goal.id)
        if i is None:
            return ""
        progress = self._progress(i)
        parts = []
        if progress is not None:
            parts.append(f"{float(progress):.0%}")
            grade = grade_of(progress, self.rules)
            if grade is not None:
                parts.append(grade)
        parts.append(self._status(i).value.replace("_", " "))
        return " · ".join(parts)

    # -- incremental -------------------------------------------------------------

    def with_check_in(self, goal_id: str, check_in: CheckIn) -> Evaluation:
        """The evaluation after one more check-in of a key result or KPI.

        Recomputes only that goal and the goals above it; everything else is
        shared with this evaluation, which is left unchanged. Equal to
        evaluating ``plan.with_check_in(goal_id, check_in)`` in full.

        Raises:
            ValidationError: if the goal takes no check-ins, or the check-in is
                refused (not a CheckIn, after the period's end, not 0/1 for a
                binary key result).

        >>> from datetime import date
        >>> from goalkit import CheckIn
        >>> from goalkit.examples import EXAMPLE_DAY, example_plan
        >>> before = evaluate(example_plan(), at=EXAMPLE_DAY)
        >>> after = before.with_check_in("kr-ana-visits", CheckIn(day=EXAMPLE_DAY, value=75))
        >>> before.progress("kr-ana-visits"), after.progress("kr-ana-visits")
        (Fraction(13, 25), Fraction(3, 4))
        """
        base = self._base
        compiled = base.compiled
        i = self._index(goal_id)
        goal = self._goal(i)
        own = self._own
        if isinstance(goal, KeyResult):
            period = compiled.period[i]
            if isinstance(check_in, CheckIn) and check_in.day > period.end:
                raise ValidationError.single(
                    f"{compiled.graph.plan.path_of(goal_id)}.history",
                    check_in.day,
                    f"check-in on {check_in.day} is after the end of period {period} "
                    f"({period.end}); record it in the next cycle",
                )
            fast = compiled.fast[i]
            updated: Goal | _Pending
            if isinstance(goal.measure, Target) and fast is not None and base.math.plain:
                # A metric key result accepts any check-in its history accepts, so the
                # new KeyResult object can wait until someone asks for it.
                history = goal.history.append(check_in)
                updated = _Pending(goal, history)
                mine = base.math.line_progress(history, fast, base.at)
            else:
                updated = goal.with_check_in(check_in)
                mine = base.math.own_progress(updated, fast, base.at)
            own = {**own, i: mine}
        elif isinstance(goal, KPI):
            updated = goal.with_check_in(check_in)
        else:
            raise ValidationError.single(
                "goal_id", goal_id, f"{type(goal).__name__} {goal_id!r} takes no check-ins"
            )
        affected = [i]
        seen = {i}
        ups = compiled.ups
        queue = deque((i,))
        while queue:
            for parent in ups[queue.popleft()]:
                if parent not in seen:
                    seen.add(parent)
                    affected.append(parent)
                    queue.append(parent)
        prog = dict(self._prog)
        get, base_at = prog.get, base.prog.__getitem__

        def values(indexes: Sequence[int]) -> list[Any]:
            return list(map(get, indexes, map(base_at, indexes)))

        kind, position, node = compiled.kind, compiled.position, base.math.node
        for j in affected:
            prog.setdefault(j, base.prog[j])
        for j in sorted((j for j in affected if kind[j] != _KPI), key=position.__getitem__):
            prog[j] = node(compiled, j, kind[j], own.get(j, base.own[j]), values)
        local = {
            name: {k: v for k, v in cache.items() if k not in seen}
            for name, cache in self._local.items()
        }
        goals = {**self._goals, i: updated}
        if len(prog) > max(1024, len(compiled.ids) // 16):
            return self._compact(own, prog, goals)
        return Evaluation._make(base, own, prog, goals, local)

    def _compact(
        self, own: dict[int, Any], prog: dict[int, Any], goals: dict[int, Goal | _Pending]
    ) -> Evaluation:
        """Fold a large overlay into fresh arrays (amortised: one O(n) copy per n/16 changes)."""
        base = self._base
        own_list = base.own[:]
        for k, v in own.items():
            own_list[k] = v
        prog_list = base.prog[:]
        for k, v in prog.items():
            prog_list[k] = v
        merged = {**base.goals, **goals}
        fresh = _Base(base.compiled, base.math, base.roll_up, base.at, own_list, prog_list, merged)
        return Evaluation._make(fresh, {}, {}, {})

    # -- comparison ---------------------------------------------------------------

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Evaluation):
            return NotImplemented
        if (self.at, self.rules, self.roll_up) != (other.at, other.rules, other.roll_up):
            return False
        if list(self) != list(other):
            return False
        return all(self[goal_id] == other[goal_id] for goal_id in self)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Evaluation(at={self.at!r}, goals={len(self)}, changed={len(self._prog)})"

    def _repr_html_(self) -> str:
        """The evaluation as an HTML table, for notebooks (see :mod:`goalkit.interop.html`)."""
        from goalkit.interop.html import evaluation_to_html  # lazy: interop sits above

        return evaluation_to_html(self)
