"""The progress arithmetic, shared by the full pass and incremental updates (private).

:class:`_Math` holds one set of rules; :func:`_full_pass` rolls a whole plan
up in one bottom-up pass, with the default aggregator inlined in
:func:`_default_pass` and plain key-result lines in :func:`_own_lines`.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from datetime import date
from fractions import Fraction
from typing import Any

from goalkit._numbers import Exact, Number, exact
from goalkit.evaluation._compiled import _KEY_RESULT, _OBJECTIVE, _Compiled
from goalkit.evaluation.rollup import RollUp, Source
from goalkit.goals import KeyResult
from goalkit.measures import History
from goalkit.scoring import ScoringRules, aggregate_progress
from goalkit.scoring.aggregate import WeightedMean
from goalkit.scoring.progress import ProgressPolicy


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
