"""Objective progress from its parts: weighted mean (default), mean, minimum, all-or-nothing.

An aggregator receives ``(progress, weight)`` pairs that :func:`aggregate`
has already checked: progress is known (parts without data are left out),
weights are numbers >= 0, and all are of one arithmetic type: ``float`` if any
of them is a float (an exact one that no float can stand for is refused), else
``Fraction``. Its result is checked too: a float result that overflowed, or an
exact one past goalkit's admission limit, is refused with a
:class:`~goalkit.exceptions.ValidationError` rather than returned. Write your
own by implementing :class:`Aggregator`.

The means of finite floats are finite: where the plain sums would overflow
(or the weights are too small to multiply), :class:`WeightedMean` and
:class:`Mean` scale the parts down first, so a mean always lies between the
smallest and the largest part, never at an infinity.

>>> parts = [(Fraction(1, 2), 1), (Fraction(3, 2), 3)]
>>> WeightedMean().aggregate(parts)
Fraction(7, 8)
>>> [rule.aggregate(parts) for rule in (Mean(), Minimum(), AllOrNothing())]
[Fraction(3, 4), Fraction(1, 2), Fraction(0, 1)]
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction
from typing import Protocol

import attrs

from goalkit._numbers import Exact, Number, bounded, is_plain_number
from goalkit._show import show
from goalkit._validation import Problems
from goalkit.scoring.progress import check_flag, clamp, operand_list, total

__all__ = ["Aggregator", "AllOrNothing", "Mean", "Minimum", "WeightedMean", "aggregate"]


class Aggregator(Protocol):
    """Combines ``(progress, weight)`` pairs into one progress."""

    def aggregate(self, items: Sequence[tuple[Exact, Exact]]) -> Exact | None:
        """The combined progress of non-empty ``items``; ``None`` if nothing counts."""
        ...


def _capped(progress: Exact, cap: bool) -> Exact:
    return clamp(progress, None, 1) if cap else progress


def _operands(items: Sequence[tuple[Exact, Exact]]) -> list[tuple[Exact, Exact]]:
    """The pairs in one arithmetic type (a no-op for pairs :func:`aggregate` passes on)."""
    kinds = {type(n) for item in items for n in item}
    if len(kinds) == 1 and (Fraction in kinds or float in kinds):
        return list(items)
    flat = operand_list([n for item in items for n in item], _item_path)
    return list(zip(flat[::2], flat[1::2], strict=True))


def _item_path(index: int) -> str:
    return f"items[{index // 2}].{('progress', 'weight')[index % 2]}"


_TINY = math.ldexp(1.0, -1022 + 53)
"""Weights summing below this lose digits when multiplied: scale them first."""


def _float_mean(pairs: Sequence[tuple[float, float]]) -> float | None:
    """The weighted mean of finite floats, finite even where the plain sums overflow."""
    weights = sum(w for _, w in pairs)
    if weights == 0:
        return None
    weighted = sum(p * w for p, w in pairs)
    if math.isfinite(weights) and math.isfinite(weighted) and weights >= _TINY:
        return weighted / weights
    # scaled to at most 1 in size: no sum of n parts can exceed n
    largest = max(abs(p) for p, _ in pairs) or 1.0
    heaviest = max(w for _, w in pairs)
    scaled = [(p / largest, w / heaviest) for p, w in pairs]
    ratio = sum(p * w for p, w in scaled) / sum(w for _, w in scaled)
    return largest * ratio


def _check_cap(cap: object) -> None:
    problems = Problems()
    check_flag(problems, "cap", cap)
    problems.raise_if_any()


@attrs.frozen(kw_only=True)
class WeightedMean:
    """``sum(min(p, 1) * w) / sum(w)``: over-achievement on one part cannot hide another.

    Attributes:
        cap: Cap each part at 1 first (``False`` lets over-achievement count).

    Parts of weight 0 do not count; if no weight is left, the result is ``None``.
    """

    cap: bool = True

    def __attrs_post_init__(self) -> None:
        _check_cap(self.cap)

    def aggregate(self, items: Sequence[tuple[Exact, Exact]]) -> Exact | None:
        """The weighted mean."""
        pairs = _operands(items)
        if type(pairs[0][0]) is float:
            return _float_mean([(float(_capped(p, self.cap)), float(w)) for p, w in pairs])
        weights = total((w for _, w in pairs), "weights")
        if weights == 0:
            return None
        weighted = total((_capped(p, self.cap) * w for p, w in pairs), "progress")
        return weighted / weights


@attrs.frozen(kw_only=True)
class Mean:
    """The plain mean, every part counting once whatever its weight.

    Attributes:
        cap: Cap each part at 1 first.
    """

    cap: bool = True

    def __attrs_post_init__(self) -> None:
        _check_cap(self.cap)

    def aggregate(self, items: Sequence[tuple[Exact, Exact]]) -> Exact | None:
        """The plain mean."""
        pairs = _operands(items)
        if type(pairs[0][0]) is float:
            return _float_mean([(float(_capped(p, self.cap)), 1.0) for p, _ in pairs])
        return total((_capped(p, self.cap) for p, _ in pairs), "progress") / len(pairs)


@attrs.frozen(kw_only=True)
class Minimum:
    """The weakest part: an objective is as far along as its least advanced key result."""

    def aggregate(self, items: Sequence[tuple[Exact, Exact]]) -> Exact | None:
        """The smallest progress."""
        return min(p for p, _ in _operands(items))


@attrs.frozen(kw_only=True)
class AllOrNothing:
    """1 when every part reached 1, else 0."""

    def aggregate(self, items: Sequence[tuple[Exact, Exact]]) -> Exact | None:
        """1 or 0."""
        pairs = _operands(items)
        done = all(p >= 1 for p, _ in pairs)
        return 1.0 * done if type(pairs[0][0]) is float else Fraction(int(done))


def aggregate(
    items: Sequence[tuple[Number | None, Number]], aggregator: Aggregator
) -> Exact | None:
    """Check ``(progress, weight)`` pairs and combine them with ``aggregator``.

    Parts whose progress is ``None`` (no data) are left out; ``None`` if none is left.

    Raises:
        ValidationError: for a progress that is not a number, a negative or
            non-number weight, or weights that are all zero (every problem at
            once); for an exact number that float arithmetic cannot hold; for a
            float result that overflows or an exact one past the admission limit.

    >>> aggregate([(Fraction(1, 2), 1), (None, 5)], WeightedMean())
    Fraction(1, 2)
    """
    problems = Problems()
    if isinstance(items, str | bytes) or not isinstance(items, Sequence):
        problems.add("items", items, f"'items' must be a sequence of pairs (got {show(items)})")
        problems.raise_if_any()
    numbers: list[Number] = []
    indexes: list[int] = []
    weights_ok = True
    for index, item in enumerate(items):
        if type(item) is tuple and len(item) == 2:
            progress, weight = item
            if (
                is_plain_number(weight)
                and weight >= 0
                and (progress is None or is_plain_number(progress))
            ):
                if progress is not None:
                    numbers += (progress, weight)
                    indexes.append(index)
                continue
        path = f"items[{index}]"  # the detailed path: only for an item with a problem
        if not isinstance(item, tuple) or len(item) != 2:
            problems.add(
                path, item, f"'items' must hold (progress, weight) pairs (got {show(item)})"
            )
            weights_ok = False
            continue
        progress, weight = item
        progress_ok = problems.optional_number(f"{path}.progress", progress)
        if not problems.non_negative(f"{path}.weight", weight):
            weights_ok = False
            continue
        if progress_ok and progress is not None:
            numbers += (progress, weight)
            indexes.append(index)
    if items and weights_ok and all(w == 0 for _, w in items):
        weights = tuple(w for _, w in items)
        problems.add("items", weights, f"weights must not all be zero (got {show(weights)})")
    problems.raise_if_any()
    if not numbers:
        return None
    flat = operand_list(numbers, lambda i: _item_path(2 * indexes[i // 2] + i % 2))
    result = aggregator.aggregate(list(zip(flat[::2], flat[1::2], strict=True)))
    if type(result) is float or type(result) is Fraction:
        return bounded(result, "progress")
    return result
