"""Objective progress from its parts: weighted mean (default), mean, minimum, all-or-nothing.

An aggregator receives ``(progress, weight)`` pairs that :func:`aggregate`
has already checked: progress is known (parts without data are left out) and
weights are numbers >= 0. Write your own by implementing :class:`Aggregator`.

>>> parts = [(Fraction(1, 2), 1), (Fraction(3, 2), 3)]
>>> WeightedMean().aggregate(parts)
Fraction(7, 8)
>>> [rule.aggregate(parts) for rule in (Mean(), Minimum(), AllOrNothing())]
[Fraction(3, 4), Fraction(1, 2), Fraction(0, 1)]
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Protocol

import attrs

from goalkit._numbers import Exact, Number, exact, to_policy
from goalkit._show import show
from goalkit._validation import Problems
from goalkit.scoring.progress import clamp

__all__ = ["Aggregator", "AllOrNothing", "Mean", "Minimum", "WeightedMean", "aggregate"]


class Aggregator(Protocol):
    """Combines ``(progress, weight)`` pairs into one progress."""

    def aggregate(self, items: Sequence[tuple[Exact, Exact]]) -> Exact | None:
        """The combined progress of non-empty ``items``; ``None`` if nothing counts."""
        ...


def _capped(progress: Exact, cap: bool) -> Exact:
    return clamp(progress, None, 1) if cap else progress


@attrs.frozen(kw_only=True)
class WeightedMean:
    """``sum(min(p, 1) * w) / sum(w)``: over-achievement on one part cannot hide another.

    Attributes:
        cap: Cap each part at 1 first (``False`` lets over-achievement count).

    Parts of weight 0 do not count; if no weight is left, the result is ``None``.
    """

    cap: bool = True

    def aggregate(self, items: Sequence[tuple[Exact, Exact]]) -> Exact | None:
        """The weighted mean."""
        total = sum((w for _, w in items), start=Fraction(0))
        if total == 0:
            return None
        weighted = sum((_capped(p, self.cap) * w for p, w in items), start=Fraction(0))
        return to_policy(weighted / total, *(n for item in items for n in item))


@attrs.frozen(kw_only=True)
class Mean:
    """The plain mean, every part counting once whatever its weight.

    Attributes:
        cap: Cap each part at 1 first.
    """

    cap: bool = True

    def aggregate(self, items: Sequence[tuple[Exact, Exact]]) -> Exact | None:
        """The plain mean."""
        total = sum((_capped(p, self.cap) for p, _ in items), start=Fraction(0))
        return to_policy(total / len(items), *(p for p, _ in items))


@attrs.frozen(kw_only=True)
class Minimum:
    """The weakest part: an objective is as far along as its least advanced key result."""

    def aggregate(self, items: Sequence[tuple[Exact, Exact]]) -> Exact | None:
        """The smallest progress."""
        return min(p for p, _ in items)


@attrs.frozen(kw_only=True)
class AllOrNothing:
    """1 when every part reached 1, else 0."""

    def aggregate(self, items: Sequence[tuple[Exact, Exact]]) -> Exact | None:
        """1 or 0."""
        done = all(p >= 1 for p, _ in items)
        return to_policy(Fraction(int(done)), *(p for p, _ in items))


def aggregate(
    items: Sequence[tuple[Number | None, Number]], aggregator: Aggregator
) -> Exact | None:
    """Check ``(progress, weight)`` pairs and combine them with ``aggregator``.

    Parts whose progress is ``None`` (no data) are left out; ``None`` if none is left.

    Raises:
        ValidationError: for a progress that is not a number, a negative or
            non-number weight, or weights that are all zero; every problem at once.

    >>> aggregate([(Fraction(1, 2), 1), (None, 5)], WeightedMean())
    Fraction(1, 2)
    """
    problems = Problems()
    pairs: list[tuple[Exact, Exact]] = []
    weights_ok = True
    for index, item in enumerate(items):
        path = f"items[{index}]"
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
            pairs.append((exact(progress), exact(weight)))
    if items and weights_ok and all(exact(w) == 0 for _, w in items):
        weights = tuple(w for _, w in items)
        problems.add("items", weights, f"weights must not all be zero (got {show(weights)})")
    problems.raise_if_any()
    if not pairs:
        return None
    return aggregator.aggregate(pairs)
