"""Raw values rolled up the goal graph: :func:`roll_up_values`.

Progress rolls up in :mod:`goalkit.evaluation`; here a parent key result's
*value* (euros, tickets, visits) is computed from the latest check-ins of the
key results and KPIs that contribute to it.
"""

from __future__ import annotations

from datetime import date
from fractions import Fraction

from goalkit._numbers import Exact, Number, exact
from goalkit._show import show
from goalkit._validation import Problems
from goalkit.alignment.graph import GoalGraph, Relation
from goalkit.exceptions import ValidationError
from goalkit.goals import KPI, Aggregation, KeyResult
from goalkit.plan import Plan

__all__ = ["roll_up_values"]


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
    sorts last). Sums and means follow goalkit's number policy (exact unless a
    float is involved).

    Raises:
        ValidationError: if the id is not a key result's, or listing every
            child whose unit differs from the parent's (units compare without
            case or surrounding spaces; a parent without a unit takes the
            first child's).

    >>> from datetime import date
    >>> from goalkit import KPI, KeyResult, Link, Objective, Period, Plan, Target, CheckIn
    >>> q3 = Period.quarter(2026, 3)
    >>> def kr(id, value):
    ...     return KeyResult.metric(id=id, title=id, unit="EUR",
    ...         target=Target.increase(from_=0, to=100),
    ...         history=[CheckIn(day=date(2026, 8, 1), value=value)])
    >>> plan = Plan(objectives=[
    ...     Objective(id="o", title="Sell", owner="co", level="company", period=q3,
    ...               key_results=[kr("total", 0)]),
    ...     Objective(id="o-a", title="Sell A", owner="a", level="department", period=q3,
    ...               key_results=[kr("a", 30)]),
    ...     Objective(id="o-b", title="Sell B", owner="b", level="department", period=q3,
    ...               key_results=[kr("b", 12)]),
    ... ], links=[Link(child="a", parent="total"), Link(child="b", parent="total")])
    >>> roll_up_values(plan, "total", date(2026, 8, 31))
    Fraction(42, 1)
    >>> roll_up_values(plan, "total", date(2026, 8, 31), "max")
    30
    """
    graph = GoalGraph.of(plan)
    parent = graph.goal(key_result_id)
    try:
        how = Aggregation(how)
    except ValueError:
        raise ValidationError.single(
            "how", how, f"'how' must be one of {[a.value for a in Aggregation]} (got {show(how)})"
        ) from None
    if not isinstance(parent, KeyResult):
        raise ValidationError.single(
            "key_result_id",
            key_result_id,
            f"'key_result_id' must name a key result (got {show(key_result_id)})",
        )
    expected = _unit_key(parent.unit)
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
                f"unit of {child.id!r} ({child.unit!r}) does not match the unit of "
                f"{key_result_id!r} ({parent.unit if parent.unit is not None else expected!r})",
            )
            continue
        latest = child.history.latest(at)
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
    total: Exact = sum((exact(v) for v in values), start=Fraction(0))
    return total if how is Aggregation.SUM else total / len(values)
