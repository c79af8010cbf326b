"""Evaluations: every goal of a plan scored at a day, updated one check-in at a time.

:func:`evaluate` scores a whole plan; the :class:`Evaluation` it returns
answers per goal (progress, grade, status, pace, forecast) and gives the
evaluation after one more check-in with :meth:`Evaluation.with_check_in`.

>>> from goalkit.examples import EXAMPLE_DAY, example_plan
>>> evaluation = evaluate(example_plan(), at=EXAMPLE_DAY)
>>> evaluation.progress("kr-sales-cycle"), evaluation.status("kr-sales-cycle")
(Fraction(1, 2), <Status.ON_TRACK: 'on_track'>)
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator, Sequence
from datetime import date
from fractions import Fraction
from typing import Any

import attrs

from goalkit._numbers import Exact, Number, exact
from goalkit._show import show
from goalkit.evaluation._arithmetic import _full_pass, _Math
from goalkit.evaluation._compiled import (
    _INITIATIVE,
    _KEY_RESULT,
    _KPI,
    _OBJECTIVE,
    _THEME,
    _Compiled,
    _compiled,
)
from goalkit.evaluation.rollup import DEFAULT_ROLL_UP, NodeScore, RollUp, Source
from goalkit.exceptions import ValidationError
from goalkit.goals import KPI, Goal, Initiative, InitiativeStatus, KeyResult, Objective
from goalkit.measures import CheckIn, History, Target
from goalkit.periods import require_day
from goalkit.plan import Plan
from goalkit.scoring import (
    DEFAULT_RULES,
    Forecast,
    KeyResultScore,
    KPIScore,
    Pace,
    ScoringRules,
    Status,
    combine_statuses,
    grade_of,
    score_key_result,
    score_kpi,
)

__all__ = [
    "Evaluation",
    "evaluate",
]

_MISSING = object()


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
_GOAL_CACHES = frozenset(("kr_score", "kpi_score"))
"""Results that depend on the goal alone, not on the goals below it."""


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
    A plan's links never form a cycle (:class:`~goalkit.plan.Plan` refuses
    one when it is built), so every plan can be evaluated.

    ``at`` follows the rule of every evaluation day in goalkit
    (:func:`goalkit.periods.require_day`): a plain :class:`~datetime.date`;
    a ``datetime`` (pandas ``Timestamp`` included) or a string is refused, as
    :func:`goalkit.check` refuses it. Convert one with :func:`goalkit.as_day`.

    Raises:
        ValidationError: if ``plan`` is not a plan, ``at`` not a date, ``rules``
            or ``roll_up`` not rules; or for a result that cannot be computed
            (an exact number too large for a float beside a float, or an exact
            roll-up past goalkit's admission limit), naming the goal, key
            result or link.

    >>> from datetime import date
    >>> from goalkit.examples import example_plan
    >>> plan = example_plan()
    >>> early = evaluate(plan, at=date(2026, 7, 20))
    >>> late = evaluate(plan, at=date(2026, 8, 15))
    >>> early.progress("kr-ana-visits"), late.progress("kr-ana-visits")
    (None, Fraction(13, 25))
    >>> evaluate(plan, at="2026-08-15")
    Traceback (most recent call last):
    ...
    goalkit.exceptions.ValidationError: at: 'at' must be a date (got '2026-08-15')
    """
    if not isinstance(plan, Plan):
        raise ValidationError.single("plan", plan, f"'plan' must be a Plan (got {show(plan)})")
    at = require_day(at)
    if not isinstance(rules, ScoringRules):
        raise ValidationError.single(
            "rules", rules, f"'rules' must be ScoringRules (got {show(rules)})"
        )
    if not isinstance(roll_up, RollUp):
        raise ValidationError.single(
            "roll_up", roll_up, f"'roll_up' must be a RollUp (got {show(roll_up)})"
        )
    compiled = _compiled(plan)
    math = _Math(rules, roll_up)
    own, prog = _full_pass(compiled, math, at)
    return Evaluation._make(_Base(compiled, math, roll_up, at, own, prog, {}), {}, {}, {})


def _percent(progress: Exact) -> str:
    """Progress as a whole percentage, also where it is too large for a float."""
    try:
        return f"{float(progress):.0%}"
    except OverflowError:
        return f"{show(round(progress * 100))}%"


_KNOWN = frozenset((Status.ON_TRACK, Status.DONE))
"""Statuses that claim progress is known."""

_INITIATIVE_STATUS = {
    InitiativeStatus.PLANNED: Status.NOT_STARTED,
    InitiativeStatus.IN_PROGRESS: Status.ON_TRACK,
    InitiativeStatus.DONE: Status.DONE,
    InitiativeStatus.DROPPED: Status.CLOSED,
}


class Evaluation:
    """Every goal of a plan scored at one day; immutable.

    Look a goal up by id (``evaluation["o1"]``) for a
    :class:`~goalkit.evaluation.rollup.NodeScore`, or ask for one field
    (:meth:`progress`, :meth:`status`, ...). Use :meth:`with_check_in` for the
    evaluation after one more check-in: it recomputes only that goal and the
    goals above it, sharing everything else.

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
                "goal_id", goal_id, f"'goal_id' names no goal in the plan (got {show(goal_id)})"
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
        # A goal's own score changes only with the goal; rolled results change
        # with anything below, which is exactly the goals in the overlay.
        changed = self._goals if name in _GOAL_CACHES else self._prog
        return self._local[name] if i in changed else self._base.caches[name]

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
                math.side(compiled, i, True, [self._progress(k) for k in parts], "progress")
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
        status = combine_statuses(statuses, self.rules)
        if status in _KNOWN and self._progress(i) is None:
            # parts on track or done, yet none that counts has data: unknown is never green
            return Status.NO_DATA
        return status

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
        """Expected or forecast progress of node ``i``, from the sides its progress came from."""
        compiled = self._base.compiled
        kind = compiled.kind[i]
        if kind in (_KPI, _INITIATIVE):
            return None
        kids = compiled.kid_idx[i]
        if kind == _KEY_RESULT and not kids:
            return leaf(i)
        use_own, use_kids = self._sides(i, kind)
        if kind == _KEY_RESULT and not use_kids:
            return leaf(i)
        math, cache = self._base.math, self._cache

        def values(indexes: Sequence[int]) -> list[Any]:
            return [cache(name, c).get(c) for c in indexes]

        children = math.side(compiled, i, False, values(kids), name) if use_kids and kids else None
        if kind == _THEME:
            return children
        mine: Exact | None = None
        if use_own:
            if kind == _KEY_RESULT:
                mine = leaf(i)
            elif compiled.own_idx[i]:
                mine = math.side(compiled, i, True, values(compiled.own_idx[i]), name)
        if use_own and use_kids:
            return math.blend(compiled, i, mine, children, kind == _OBJECTIVE, name)
        return mine if use_own else children

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
        """The forecast of a goal: a key result's own, or its parts' forecast progress rolled up.

        A key result whose progress comes from its own check-ins has its own
        forecast, as :func:`~goalkit.scoring.score_key_result` gives it, value
        included, even with goals aligned under it. Elsewhere the forecast
        progress rolls up from the same parts as the progress; such a forecast
        has no value and is off track below the forecast rule's
        ``off_track_below`` (3/4 without one).
        """
        i = self._index(goal_id)
        kind = self._base.compiled.kind[i]
        if kind in (_KPI, _INITIATIVE):
            return None
        if kind == _KEY_RESULT and (
            not self._base.compiled.kid_idx[i] or not self._sides(i, kind)[1]
        ):
            return self._kr_score(i).forecast  # its progress is its own: so is its forecast
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

        Progress and status during the cycle; the grade joins them from the last
        day of the goal's period on, as every renderer shows it.

        >>> from datetime import date
        >>> from goalkit.examples import EXAMPLE_DAY, example_plan
        >>> evaluation = evaluate(example_plan(), at=EXAMPLE_DAY)
        >>> evaluation.annotate(evaluation.goal("kr-ana-visits"))
        '52% · on track'
        >>> closing = evaluate(example_plan(), at=date(2026, 9, 30))
        >>> closing.annotate(closing.goal("kr-ana-visits"))
        '... · grade ... · ...'
        """
        goal_id = getattr(goal, "id", None)
        i = self._base.compiled.index.get(goal_id) if isinstance(goal_id, str) else None
        if i is None:
            return ""
        progress = self._progress(i)
        parts = []
        if progress is not None:
            parts.append(_percent(progress))
            grade = grade_of(progress, self.rules)
            if grade is not None and self._period_ended(goal):
                parts.append(f"grade {grade}")
        parts.append(self._status(i).value.replace("_", " "))
        return " · ".join(parts)

    def _period_ended(self, goal: Goal) -> bool:
        """Whether the evaluation day is on or after the last day of the goal's period."""
        plan = self.plan
        objective = goal if isinstance(goal, Objective) else plan.objective_of(goal.id)
        if objective is not None:
            return self.at >= objective.period.end
        return all(self.at >= o.period.end for o in plan.objectives)

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
                pending = _Pending(goal, history)
                updated = pending
                mine = base.math.line_progress(history, fast, base.at, pending.resolve, compiled, i)
            else:
                updated = goal.with_check_in(check_in)
                mine = base.math.own_progress(updated, fast, base.at, compiled, i)
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
            name: {k: v for k, v in cache.items() if k != i}
            if name in _GOAL_CACHES
            else {k: v for k, v in cache.items() if k not in seen}
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
