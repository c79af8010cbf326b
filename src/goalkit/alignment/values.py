"""Raw values rolled up the goal graph: :func:`roll_up_values`.

Progress rolls up in :mod:`goalkit.evaluation`; here a parent key result's
*value* (euros, tickets, visits) is computed from the latest check-ins of the
key results and KPIs that contribute to it.
"""

from __future__ import annotations

import math
from datetime import date
from decimal import Decimal
from fractions import Fraction

from goalkit._numbers import (
    EXACT_CONTEXT,
    LIMIT,
    Number,
    bounded,
    exact,
    finite,
    fraction_to_decimal,
    number_problem,
    to_float,
)
from goalkit._show import show
from goalkit._validation import Problems, require_enum
from goalkit.alignment.graph import GoalGraph, Relation
from goalkit.exceptions import ValidationError
from goalkit.goals import KPI, Aggregation, KeyResult
from goalkit.periods import require_day
from goalkit.plan import Plan

__all__ = ["roll_up_values"]

_BITS = LIMIT.bit_length() - 1
"""Numerators and denominators this many bits long are surely within the admission limit."""


def _unit_key(unit: str | None) -> str | None:
    return None if unit is None else unit.strip().casefold()


def roll_up_values(
    plan: Plan, key_result_id: str, at: date, how: Aggregation | str = Aggregation.SUM
) -> Number | None:
    """A parent key result's value computed from its contributing children's values.

    The children are the key results and KPIs linked to it with
    ``contributes`` links (objectives below it carry progress, not values, and
    are skipped). Each child's value is its latest check-in as of ``at``;
    children without one are skipped, and ``None`` comes back if none is left.
    ``last`` takes the most recent check-in (ties go to the child whose id
    sorts last); ``min``, ``max`` and ``last`` give a child's value as it was
    checked in.

    Sums and means follow goalkit's number policy and keep the inputs' type:

    * any ``float`` among the values: a ``float`` (an exact value too large
      or too small for a float is refused, and so is a sum that overflows);
    * else any ``Fraction``: a ``Fraction``;
    * else any ``Decimal`` (EUR amounts): a ``Decimal``, computed exactly
      whatever the caller's decimal context, with at least as many places as
      the most precise value; a mean that does not terminate as a decimal
      (``10 / 3``) comes back as the exact ``Fraction``;
    * else (``int`` values): an ``int``, or a ``Fraction`` for a mean that is
      not whole.

    Exact results are held to goalkit's admission limit (1,000 digits before
    and after the point) at every step, so many values with distinct
    denominators are refused quickly instead of summed for minutes.

    Raises:
        ValidationError: if ``at`` is not a date, ``how`` not an aggregation,
            the id not a key result's, a result past the limits above, or
            listing every child whose unit differs from the parent's (units
            compare without case or surrounding spaces; a parent without a
            unit takes the first child's).

    >>> from datetime import date
    >>> from decimal import Decimal
    >>> from goalkit import KPI, KeyResult, Link, Objective, Period, Plan, Target, CheckIn
    >>> q3 = Period.quarter(2026, 3)
    >>> def kr(id, value):
    ...     return KeyResult.metric(id=id, title=id, unit="EUR",
    ...         target=Target.increase(from_=0, to=100),
    ...         history=[CheckIn(day=date(2026, 8, 1), value=value)])
    >>> def plan(a, b):
    ...     return Plan(objectives=[
    ...         Objective(id="o", title="Sell", owner="co", level="company", period=q3,
    ...                   key_results=[kr("total", 0)]),
    ...         Objective(id="o-a", title="Sell A", owner="a", level="department", period=q3,
    ...                   key_results=[kr("a", a)]),
    ...         Objective(id="o-b", title="Sell B", owner="b", level="department", period=q3,
    ...                   key_results=[kr("b", b)]),
    ...     ], links=[Link(child="a", parent="total"), Link(child="b", parent="total")])
    >>> roll_up_values(plan(30, 12), "total", date(2026, 8, 31))
    42
    >>> roll_up_values(plan(30, 12), "total", date(2026, 8, 31), "max")
    30
    >>> roll_up_values(plan(Decimal("30.50"), Decimal("11.5")), "total", date(2026, 8, 31))
    Decimal('42.00')
    >>> roll_up_values(plan(Decimal("30.50"), Decimal("11.5")), "total", date(2026, 8, 31), "mean")
    Decimal('21.00')
    >>> roll_up_values(plan(30, 12), "total", "2026-08-31")
    Traceback (most recent call last):
    ...
    goalkit.exceptions.ValidationError: at: 'at' must be a date (got '2026-08-31')
    """
    graph = GoalGraph.of(plan)
    day = require_day(at)
    how = require_enum("how", how, Aggregation)
    parent = graph.goal(key_result_id)
    if not isinstance(parent, KeyResult):
        raise ValidationError.single(
            "key_result_id",
            key_result_id,
            f"'key_result_id' must name a key result (got {show(key_result_id)})",
        )
    expected = _unit_key(parent.unit)
    parent_unit = parent.unit if parent.unit is not None else expected
    problems = Problems()
    readings: list[tuple[date, str, Number]] = []
    for edge in graph.edges_down(key_result_id):
        if edge.relation is not Relation.CONTRIBUTES:
            continue
        child = graph.goal(edge.child)
        if not isinstance(child, KeyResult | KPI):
            continue
        unit = _unit_key(child.unit)
        if expected is None:
            expected = unit
        if unit != expected:
            problems.add(
                f"links[{edge.link}].child",
                child.unit,
                f"unit of {show(child.id)} ({show(child.unit)}) does not match the unit of "
                f"{show(key_result_id)} ({show(parent_unit)})",
            )
            continue
        latest = child.history.latest(day)
        if latest is not None:
            readings.append((latest.day, child.id, latest.value))
    problems.raise_if_any()
    if not readings:
        return None
    values = [value for _, _, value in readings]
    if how is Aggregation.COUNT:
        return len(values)
    if how is Aggregation.MIN:
        return min(values, key=exact)
    if how is Aggregation.MAX:
        return max(values, key=exact)
    if how is Aggregation.LAST:
        return max(readings, key=lambda r: (r[0], r[1]))[2]
    path = f"{plan.path_of(key_result_id)}.value"
    if any(type(v) is float for v in values):
        return _float_total(plan, readings, how, path, day)
    if any(type(v) is Fraction for v in values):
        total = _fraction_sum(values, path)
        return total if how is Aggregation.SUM else total / len(values)
    if any(type(v) is Decimal for v in values):
        return _decimal_total(values, how, path)
    whole = Fraction(sum(values))  # ints: no growth beyond a few bits
    bounded(whole, path)
    if how is Aggregation.SUM:
        return int(whole)
    mean = whole / len(values)
    return int(mean) if mean.denominator == 1 else mean


def _float_total(
    plan: Plan, readings: list[tuple[date, str, Number]], how: Aggregation, path: str, day: date
) -> float:
    """The float sum or mean; an exact value no float can stand for is refused, naming it.

    A sum past the float range is refused; a mean is not, since it lies within
    the values' range: where their sum overflows, it is the sum of each value
    divided by their count.
    """
    values = [
        value if type(value) is float else to_float(value, _value_path(plan, child_id, day))
        for _, child_id, value in readings
    ]
    total = 0.0
    for value in values:
        total += value
    if how is Aggregation.SUM:
        return finite(total, path)
    count = len(values)
    if math.isfinite(total):
        return total / count
    scaled = 0.0
    for value in values:
        scaled += value / count
    return finite(scaled, path)


def _value_path(plan: Plan, goal_id: str, day: date) -> str:
    """Where the check-in read for ``goal_id`` sits (only built for a message)."""
    goal = plan[goal_id]
    assert isinstance(goal, KeyResult | KPI)
    latest = goal.history.latest(day)
    position = next(k for k, c in enumerate(goal.history.check_ins) if c is latest)
    return f"{plan.path_of(goal_id)}.history[{position}].value"


def _fraction_sum(values: list[Number], path: str) -> Fraction:
    """The exact sum, refused as soon as it outgrows the admission limit."""
    total = Fraction(0)
    for value in values:
        total += Fraction(value)  # no floats here: the caller took those elsewhere
        if total.denominator.bit_length() > _BITS or total.numerator.bit_length() > _BITS:
            bounded(total, path)  # raises past the limit; a few bits over may still pass
    return total


def _decimal_total(values: list[Number], how: Aggregation, path: str) -> Number:
    """The Decimal sum or mean of Decimal and int values, exact in any decimal context."""
    total = Decimal(0)
    for value in values:
        assert isinstance(value, Decimal | int)  # the caller took floats and Fractions elsewhere
        total = EXACT_CONTEXT.add(total, value)
    if number_problem(total) is not None:
        bounded(Fraction(total), path)
    if how is Aggregation.SUM:
        return total
    mean = Fraction(total) / len(values)
    # finite Decimals (the only ones admitted) have int exponents
    places = min(int(v.as_tuple().exponent) for v in values if isinstance(v, Decimal))
    as_decimal = fraction_to_decimal(mean)
    if as_decimal is None:
        return mean
    if int(as_decimal.as_tuple().exponent) > places:
        return as_decimal.quantize(Decimal(1).scaleb(places, EXACT_CONTEXT), context=EXACT_CONTEXT)
    return as_decimal
