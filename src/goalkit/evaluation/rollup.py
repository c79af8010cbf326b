"""Roll-up rules, and the score of one goal.

:class:`RollUp` says where each goal's progress comes from (its own data, the
goals that contribute to it, or both); :class:`NodeScore` is everything an
evaluation (:mod:`goalkit.evaluation.results`) knows about one goal.

>>> from goalkit.evaluation import RollUp
>>> rules = RollUp(objectives="children", key_result_share=0.25)
>>> str(rules.objectives), rules.key_result_share
('children', 0.25)
"""

from __future__ import annotations

from enum import StrEnum
from fractions import Fraction
from typing import cast

import attrs

from goalkit._numbers import Exact, Number, coerce, to_float
from goalkit._show import show
from goalkit._validation import Problems, to_enum
from goalkit.scoring import Forecast, Pace, Status

__all__ = [
    "DEFAULT_ROLL_UP",
    "NodeScore",
    "RollUp",
    "Source",
]


class Source(StrEnum):
    """Where a goal's progress comes from."""

    OWN = "own"
    """Its own data only (an objective's key results, a key result's check-ins)."""
    CHILDREN = "children"
    """Only the goals that contribute to it."""
    BOTH = "both"
    """``(1 - share) * own + share * children``; one side alone if the other has no data."""
    OWN_THEN_CHILDREN = "own_then_children"
    """Its own data while it has any, else its children's."""


_TO_SOURCE = to_enum(Source)


# attrs' mypy plugin needs a named converter function; anything but a source or its
# value (None included) is left for validation to report with the allowed values.
def _source(value: Source | str) -> Source:
    return cast(Source, _TO_SOURCE(value))


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
    >>> RollUp(objectives="bogus")
    Traceback (most recent call last):
    ...
    goalkit.exceptions.ValidationError: objectives: 'objectives' must be one of 'own', \
'children', 'both', 'own_then_children' (got 'bogus')

    A share also takes part in float arithmetic when progress is a float, so
    an exact share too small for a float (but not 0) is refused.
    """

    objectives: Source = attrs.field(default=Source.BOTH, converter=_source)
    objective_share: Number = attrs.field(default=Fraction(1, 2), converter=coerce)
    key_results: Source = attrs.field(default=Source.OWN_THEN_CHILDREN, converter=_source)
    key_result_share: Number = attrs.field(default=Fraction(1, 2), converter=coerce)

    def __attrs_post_init__(self) -> None:
        problems = Problems()
        problems.enum("objectives", self.objectives, Source)
        problems.enum("key_results", self.key_results, Source)
        for name in ("objective_share", "key_result_share"):
            value = getattr(self, name)
            if not problems.number(name, value):
                continue
            if not 0 <= value <= 1:
                problems.add(name, value, f"'{name}' must be from 0 to 1 (got {show(value)})")
                continue
            with problems.under(""):
                to_float(value, name)
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
