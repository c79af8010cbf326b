"""The progress arithmetic, shared by the full pass and incremental updates (private).

:class:`_Math` holds one set of rules; :func:`_full_pass` rolls a whole plan
up in one bottom-up pass, with the default aggregator inlined in
:func:`_default_pass` and plain key-result lines in :func:`_own_lines`.

Fast paths and their definitions. Each fast path computes what the scoring
package computes (``rules.progress.of_key_result`` for a key result's own
progress, the rules' aggregator through
:func:`~goalkit.scoring.aggregate_progress` for a weighted mean), in the same
operations, for the common case: operands all exact, or all floats, of
ordinary size. Anything else goes to the definition itself, which converts
mixed operands by goalkit's policy (:func:`~goalkit._numbers.to_float`),
refuses what cannot be computed with a :class:`~goalkit.exceptions.ValidationError`,
and holds exact results to the admission limit. That is:

* an exception (an exact number too large for a float, a float that became 0);
* a float result that is not finite;
* an exact result longer than :data:`_BITS` bits (near the admission limit);
* a float mean with an exact part or a weight that is not a plain number.

Sums over more than :data:`_SMALL` parts are checked as they grow, so many
distinct denominators are refused after a few hundred additions rather than
summed for minutes. Errors name the plan path of the goal, part or link.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Sequence
from datetime import date
from fractions import Fraction
from typing import Any

from goalkit._numbers import LIMIT, Exact, Number, bounded, exact, finite, to_float
from goalkit.evaluation._compiled import _KEY_RESULT, _OBJECTIVE, _Compiled
from goalkit.evaluation.rollup import RollUp, Source
from goalkit.exceptions import Problem, ValidationError
from goalkit.goals import KeyResult
from goalkit.measures import History
from goalkit.scoring import ScoringRules, aggregate_progress
from goalkit.scoring.aggregate import WeightedMean
from goalkit.scoring.progress import ProgressPolicy

_BITS = LIMIT.bit_length() - 1
"""An exact result whose numerator and denominator are at most this many bits is
within the admission limit; a longer one is checked properly."""

_SMALL = 8
"""Parts of one goal summed without checking their size as the sum grows: so few
admitted numbers cannot take long to add, and the result is checked after."""

_ONE = Fraction(1)

_Line = tuple[Exact, Exact, bool]
"""A plain key result's (start, span, whether the line is in floats)."""


class _DeclinedError(Exception):
    """A fast path declines: only the definition may answer (never escapes this module)."""


def _unfit(value: Any) -> bool:
    """Whether a fast result must be checked by the definition (see the module docstring)."""
    if value is None:
        return False
    if type(value) is float:
        return bool(value - value)  # inf and NaN give NaN
    return bool(value.denominator.bit_length() > _BITS or value.numerator.bit_length() > _BITS)


class _Math:
    """Progress arithmetic for one set of rules, used identically by full and incremental passes."""

    __slots__ = (
        "cap",
        "capped",
        "default",
        "floor",
        "kr_keep",
        "kr_share",
        "kr_source",
        "o_keep",
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
        self.default = type(aggregator) is WeightedMean
        self.capped = self.default and aggregator.cap  # type: ignore[attr-defined]
        self.o_source = roll_up.objectives
        self.o_share = _shares(roll_up.objective_share)
        self.o_keep = _shares(1 - roll_up.objective_share)
        self.kr_source = roll_up.key_results
        self.kr_share = _shares(roll_up.key_result_share)
        self.kr_keep = _shares(1 - roll_up.key_result_share)

    # -- one side of a goal: its own key results, or its contributing children

    def side(
        self, compiled: _Compiled, i: int, own_side: bool, values: list[Any], what: str
    ) -> Exact | None:
        """The aggregate of one side of node ``i``.

        ``own_side`` picks an objective's key results, else the contributing
        children; ``values`` are their current values (progress, expected
        progress or forecast progress, named by ``what`` in errors).
        """
        weights = compiled.own_w[i] if own_side else compiled.kid_w[i]
        if self.default:
            try:
                result = _mean(values, weights, self.capped, compiled, i, own_side)
            except (OverflowError, ZeroDivisionError, _DeclinedError):
                pass
            else:
                if not _unfit(result):
                    return result
        return self._defined(compiled, i, own_side, values, weights, what)

    def _defined(  # noqa: PLR0917 - private
        self,
        compiled: _Compiled,
        i: int,
        own_side: bool,
        values: list[Any],
        weights: list[Any],
        what: str,
    ) -> Exact | None:
        """The aggregate by its definition, the rules' aggregator; errors name plan paths."""
        items = list(zip(values, weights, strict=True))
        if not any(v is not None and w for v, w in items):
            return None  # no part with data weighs anything: no data
        try:
            return aggregate_progress(items, self.rules)
        except ValidationError as error:
            raise _relocated(error, compiled, i, own_side, what) from None

    # -- one goal ------------------------------------------------------------

    def node(
        self,
        compiled: _Compiled,
        i: int,
        kind: int,
        own: Any,
        values: Callable[[Sequence[int]], list[Any]],
        *,
        what: str = "progress",
    ) -> Exact | None:
        """The progress of node ``i`` from its parts.

        ``own`` is a key result's own progress; ``values`` gives the current
        progress of a list of nodes. :func:`_default_pass` inlines this for the
        default aggregator: both give the same results.
        """
        kids = compiled.kid_idx[i]
        children = self.side(compiled, i, False, values(kids), what) if kids else None
        if kind == _OBJECTIVE:
            parts = compiled.own_idx[i]
            mine = self.side(compiled, i, True, values(parts), what) if parts else None
            return self.blend(compiled, i, mine, children, True, what)
        if kind == _KEY_RESULT:
            return self.blend(compiled, i, own, children, False, what)
        return children  # a theme

    def blend(  # noqa: PLR0917 - private
        self, compiled: _Compiled, i: int, own: Any, children: Any, objective: bool, what: str
    ) -> Exact | None:
        """Combine a goal's own side and its children's side by the roll-up rules."""
        source = self.o_source if objective else self.kr_source
        if source is Source.OWN:
            return own  # type: ignore[no-any-return]
        if source is Source.CHILDREN:
            return children  # type: ignore[no-any-return]
        if own is None:
            return children  # type: ignore[no-any-return]
        if children is None or source is Source.OWN_THEN_CHILDREN:
            return own  # type: ignore[no-any-return]
        keep, share = (self.o_keep, self.o_share) if objective else (self.kr_keep, self.kr_share)
        try:
            if type(own) is float or type(children) is float or type(share[0]) is float:
                # float arithmetic: every operand a float, converted by the policy
                return finite(keep[1] * _float(own) + share[1] * _float(children), what)
            return bounded(keep[0] * own + share[0] * children, what)
        except ValidationError as error:
            raise error.prefixed(_path(compiled, i)) from None

    # -- a key result's own progress ------------------------------------------

    def own_progress(
        self, kr: KeyResult, fast: _Line | None, at: date, compiled: _Compiled, i: int
    ) -> Exact | None:
        """The progress of key result ``kr`` (node ``i``) from its own check-ins as of ``at``.

        Plain increase/decrease lines under the default progress policy take a
        fast path doing the same operations as ``ProgressPolicy.of_value``;
        everything else goes to ``rules.progress``.
        """
        if fast is None or not self.plain:
            return self.defined_own(kr, at, compiled, i)
        return self.line_progress(kr.history, fast, at, lambda: kr, compiled, i)

    def defined_own(self, kr: KeyResult, at: date, compiled: _Compiled, i: int) -> Exact | None:
        """A key result's own progress by its definition, ``rules.progress``."""
        try:
            result = self.rules.progress.of_key_result(kr, at)
            if type(result) is float or type(result) is Fraction:
                result = bounded(result, "progress")
        except ValidationError as error:
            raise error.prefixed(_path(compiled, i)) from None
        return result

    def line_progress(  # noqa: PLR0917 - private
        self,
        history: History,
        fast: _Line,
        at: date,
        goal: Callable[[], KeyResult],
        compiled: _Compiled,
        i: int,
    ) -> Exact | None:
        """The fast path of :meth:`own_progress`, from a history; ``goal`` builds the key result."""
        latest = history.latest(at)
        if latest is None:
            return None
        result = _on_line(latest.value, fast, self.floor, self.cap)
        if result is _MISSING:
            return self.defined_own(goal(), at, compiled, i)
        return result  # type: ignore[no-any-return]


_MISSING: Any = object()


def _on_line(value: Any, fast: _Line, low: Number | None, high: Number | None) -> Any:
    """Progress of ``value`` along a plain line, clamped; ``_MISSING`` if the fast path declines.

    :func:`_own_lines` inlines this: both do the same operations and checks.
    """
    start, span, in_floats = fast
    raw: Any
    try:
        if in_floats:
            if type(value) is not float:
                return _MISSING  # an exact value on a float line: the definition converts it
            raw = (value - start) / span
            if raw - raw:
                return _MISSING  # not finite
            if low is not None and raw < low:
                raw = float(low)
            elif high is not None and raw > high:
                raw = float(high)
        else:
            if type(value) is float:
                return _MISSING
            raw = (exact(value) - start) / span
            if low is not None and raw < low:
                raw = Fraction(low)
            elif high is not None and raw > high:
                raw = Fraction(high)
            elif _unfit(raw):
                return _MISSING
    except (OverflowError, ZeroDivisionError):
        return _MISSING
    return raw


def _shares(value: Number) -> tuple[Exact, float]:
    """A share as an exact operand and as a float one (shares lie in [0, 1])."""
    as_exact = value if type(value) is float else Fraction(value)
    return as_exact, float(value)


def _float(value: Exact) -> float:
    return value if type(value) is float else to_float(value, "progress")


def _mean(  # noqa: PLR0917 - private
    values: list[Any],
    weights: list[Any],
    cap: bool,
    compiled: _Compiled,
    i: int,
    own_side: bool,
) -> Exact | None:
    """``WeightedMean``'s arithmetic, fast; :class:`_DeclinedError` leaves it to the rule."""
    num: Any = 0
    den: Any = 0
    check = len(values) > _SMALL
    for value, weight in zip(values, weights, strict=True):
        if value is not None:
            part = (1.0 if type(value) is float else _ONE) if cap and value > 1 else value
            num += part * weight
            den += weight
            if check and (
                (type(num) is Fraction and num.denominator.bit_length() > _BITS)
                or (type(den) is Fraction and den.denominator.bit_length() > _BITS)
            ):
                raise _DeclinedError
    if not den:
        return None
    result: Exact = num / den
    if type(result) is float and (
        _overflowed(num, den) or not _pure_floats(values, compiled, i, own_side)
    ):
        raise _DeclinedError
    return result


def _overflowed(num: Any, den: Any) -> bool:
    """Whether a float sum went past the float range (its quotient may still look finite)."""
    return bool((type(num) is float and num - num) or (type(den) is float and den - den))


def _pure_floats(values: list[Any], compiled: _Compiled, i: int, own_side: bool) -> bool:
    """Whether a float mean had only float parts and plain weights (so needs no conversion)."""
    plain = compiled.own_plain if own_side else compiled.kid_plain
    return plain[i] and not any(type(v) is Fraction for v in values)


def _path(compiled: _Compiled, i: int) -> str:
    """The plan path of node ``i`` (only built for a message)."""
    return compiled.graph.plan.path_of(compiled.ids[i])


_ITEM = re.compile(r"items\[(\d+)\]")


def _relocated(
    error: ValidationError, compiled: _Compiled, i: int, own_side: bool, what: str
) -> ValidationError:
    """An aggregator's error with plan paths instead of ``items[k]`` ones."""
    node = _path(compiled, i)
    problems = []
    for problem in error.problems:
        found = _ITEM.match(problem.path)
        if found is None:
            path = f"{node}.{what}"
        else:
            k = int(found.group(1))
            rest = problem.path[found.end() :]
            path = _part_path(compiled, i, own_side, k, rest, what)
        problems.append(Problem(path=path, value=problem.value, message=problem.message))
    return ValidationError(problems)


def _part_path(  # noqa: PLR0917 - private
    compiled: _Compiled, i: int, own_side: bool, k: int, rest: str, what: str
) -> str:
    """The plan path of part ``k`` of node ``i``'s side: its progress, or its weight."""
    plan = compiled.graph.plan
    part = (compiled.own_idx[i] if own_side else compiled.kid_idx[i])[k]
    part_path = plan.path_of(compiled.ids[part])
    if rest != ".weight":
        return f"{part_path}.{what}"
    if own_side:
        return f"{part_path}.weight"
    graph = compiled.graph
    for edge in graph._up[part]:
        if graph._e_parent[edge] == i and graph._e_rel[edge] == 1:
            return f"links[{graph._e_link[edge]}].weight"
    return f"{part_path}.weight"  # pragma: no cover - every child has its link


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
            own[i] = own_progress(goals[i], fast[i], at, compiled, i)  # type: ignore[arg-type]
    prog = own[:]
    order = compiled.order if math.kr_source is Source.CHILDREN else compiled.order_short
    if math.capped:
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

    ``_Math.node`` with ``_mean`` for goals of a few parts: the same operations
    in the same order, and the same checks; goals of many parts, and anything
    the checks decline, go through ``_Math.node`` itself.
    """
    kind, kid_idx, kid_w, kid_plain = (
        compiled.kind,
        compiled.kid_idx,
        compiled.kid_w,
        compiled.kid_plain,
    )
    own_idx, own_w, own_plain = compiled.own_idx, compiled.own_w, compiled.own_plain
    o_source, kr_source = math.o_source, math.kr_source
    node, side, blend = math.node, math.side, math.blend
    one, small = _ONE, _SMALL
    errors = (OverflowError, ZeroDivisionError)

    def values(indexes: Sequence[int]) -> list[Any]:
        return [prog[c] for c in indexes]

    def mean(
        i: int, indexes: Sequence[int], weights: Sequence[Any], plain: bool, own_side: bool
    ) -> Any:
        """The capped weighted mean of one side of goal ``i``, as ``_Math.side`` gives it.

        Anything the inlined arithmetic cannot promise to do as ``side`` would
        (an overflow, a mixed or unfit result) is handed to ``side`` itself.
        """
        num: Any = 0
        den: Any = 0
        result: Any = None
        try:
            for c, w in zip(indexes, weights):  # noqa: B905 - equal lengths by construction
                p = prog[c]
                if p is not None:
                    num += (p if p <= 1 else 1.0 if type(p) is float else one) * w
                    den += w
            if den:
                result = num / den
        except errors:
            result = _MISSING
        if result is not None and (
            result is _MISSING
            or _unfit(result)
            or (
                type(result) is float
                and (_overflowed(num, den) or not (plain and _all_floats(prog, indexes)))
            )
        ):
            result = side(compiled, i, own_side, values(indexes), "progress")
        return result

    for i in order:
        kids = kid_idx[i]
        k = kind[i]
        parts = own_idx[i] if k == _OBJECTIVE else ()
        if len(kids) > small or len(parts) > small:
            prog[i] = node(compiled, i, k, own[i], values)
            continue
        children = mean(i, kids, kid_w[i], kid_plain[i], False) if kids else None
        if k == _OBJECTIVE:
            mine = mean(i, parts, own_w[i], own_plain[i], True) if parts else None
            if o_source is Source.BOTH and mine is not None and children is not None:
                prog[i] = blend(compiled, i, mine, children, True, "progress")
            else:
                prog[i] = _pick(mine, children, o_source)
        elif k == _KEY_RESULT:
            mine = own[i]
            if kr_source is Source.BOTH and mine is not None and children is not None:
                prog[i] = blend(compiled, i, mine, children, False, "progress")
            else:
                prog[i] = _pick(mine, children, kr_source)
        else:
            prog[i] = children


def _all_floats(prog: list[Any], indexes: Sequence[int]) -> bool:
    """Whether no part with data is exact (so a float mean converted nothing)."""
    return not any(type(prog[c]) is Fraction for c in indexes)


def _pick(own: Any, children: Any, source: Source) -> Any:
    """:meth:`_Math.blend` where no blending is needed."""
    if source is Source.OWN:
        return own
    if source is Source.CHILDREN:
        return children
    return children if own is None else own


def _own_lines(own: list[Any], compiled: _Compiled, math: _Math, at: date) -> None:
    """Key results' own progress under the plain progress policy (see _Math.own_progress)."""
    goals, lines = compiled.goals, compiled.lines
    low, high = math.floor, math.cap
    low_f = None if low is None else float(low)
    low_q = None if low is None else Fraction(low)
    high_f = None if high is None else float(high)
    high_q = None if high is None else Fraction(high)
    defined = math.defined_own
    for i in lines.slow:
        own[i] = defined(goals[i], at, compiled, i)  # type: ignore[arg-type]
    # History.latest(at), inlined: the last check-in on or before ``at``
    for i, days, checks, start, span, in_floats in zip(  # noqa: B905 - parallel arrays
        lines.index, lines.days, lines.checks, lines.start, lines.span, lines.floats
    ):
        k = bisect_right(days, at)
        if not k:
            continue
        value = checks[k - 1].value
        raw: Any
        try:
            if in_floats:
                if type(value) is not float:
                    raise _DeclinedError
                raw = (value - start) / span
                if raw - raw:
                    raise _DeclinedError
                if low is not None and raw < low:
                    raw = low_f
                elif high is not None and raw > high:
                    raw = high_f
            else:
                if type(value) is float:
                    raise _DeclinedError
                raw = (exact(value) - start) / span
                if low is not None and raw < low:
                    raw = low_q
                elif high is not None and raw > high:
                    raw = high_q
                elif _unfit(raw):
                    raise _DeclinedError
        except (_DeclinedError, OverflowError, ZeroDivisionError):
            raw = defined(goals[i], at, compiled, i)
        own[i] = raw
