"""Values derived from a plan, kept while the plan lives (private).

A plan is immutable, so what is derived from it (its goal graph, the flat
arrays evaluation runs on) can be built once and reused. Entries are keyed by
the plan's identity, since hashing a plan by value is O(n), and go away with
their plan.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import TYPE_CHECKING, Generic, TypeVar

if TYPE_CHECKING:
    from goalkit.plan import Plan

T = TypeVar("T")

__all__ = ["PerPlan"]


class PerPlan(Generic[T]):
    """A cache of ``build(plan)`` for each live plan object.

    >>> from goalkit.examples import example_plan
    >>> sizes = PerPlan(len)
    >>> plan = example_plan()
    >>> sizes(plan) == len(plan), len(sizes)
    (True, 1)
    >>> del plan
    >>> len(sizes)
    0
    """

    __slots__ = ("_build", "_entries")

    def __init__(self, build: Callable[[Plan], T]) -> None:
        self._build = build
        self._entries: dict[int, tuple[weakref.ref[Plan], T]] = {}

    def __call__(self, plan: Plan) -> T:
        """What ``build`` makes of ``plan``, built on first use."""
        key = id(plan)
        entry = self._entries.get(key)
        # The reference check guards against a dead plan's id being reused
        # before its entry is dropped.
        if entry is not None and entry[0]() is plan:
            return entry[1]
        value = self._build(plan)
        self._entries[key] = (weakref.ref(plan), value)
        weakref.finalize(plan, self._entries.pop, key, None)
        return value

    def __len__(self) -> int:
        return len(self._entries)

    def clear(self) -> None:
        """Forget every entry (the next call for a plan builds again)."""
        self._entries.clear()
