"""Sensitivity of a top KPI to each of its inputs: elasticities, ranked.

For every input KPI under the top of a :class:`~goalkit.drivers.tree.DriverTree`,
:func:`sensitivities` raises that input by a small step (1 % by default),
keeps every other input as it was on the day, recomputes the tree, and
reports how much the top KPI moved, absolutely and as an elasticity (the
top's relative change divided by the input's, so 1.0 means "moves one for
one"). The list is ranked by the size of the elasticity, so a notebook user
sees where to focus first. With exact inputs everything is exact.

>>> from datetime import date
>>> from goalkit import KPI, CheckIn
>>> from goalkit.drivers import DriverTree
>>> day = date(2026, 6, 30)
>>> def kpi(id, value=None):
...     history = [CheckIn(day=day, value=value)] if value is not None else []
...     return KPI(id=id, title=id, owner="x", level="team", unit="1", history=history)
>>> tree = DriverTree.of([kpi("profit"), kpi("sales", 100), kpi("costs", 80)],
...                      {"profit": "sales - costs"})
>>> [(e.kpi_id, str(e.elasticity)) for e in sensitivities(tree, "profit", at=day)]
[('sales', '5'), ('costs', '-4')]
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping
from datetime import date
from fractions import Fraction
from typing import cast

import attrs

from goalkit._numbers import Exact, Number, bounded, coerce, exact, number_problem, to_float
from goalkit._show import show
from goalkit.drivers.tree import DriverTree
from goalkit.exceptions import ValidationError
from goalkit.periods import require_day

__all__ = ["Elasticity", "sensitivities"]


@attrs.frozen(kw_only=True)
class Elasticity:
    """How much the top KPI moves when one input moves by the step.

    Attributes:
        kpi_id: The input KPI.
        value: The input's value on the day.
        top: The top KPI's value on the day.
        moved_top: The top KPI's value with the input raised by the step
            (``None`` when it has none, for example a division by zero).
        change: ``moved_top - top``, the absolute effect (``None`` when it
            has no value).
        elasticity: ``(change / top) / step``; ``None`` when the top is 0 or
            has no moved value, or the result is out of range.
        reason: Why :attr:`elasticity` is ``None``.
    """

    kpi_id: str
    value: Number
    top: Exact
    moved_top: Exact | None
    change: Exact | None
    elasticity: Exact | None
    reason: str | None = None


def _rank(item: Elasticity) -> tuple[bool, Exact, str]:
    size: Exact = Fraction(0) if item.elasticity is None else item.elasticity
    return (item.elasticity is None, -size if size >= 0 else size, item.kpi_id)


def _computed(path: str, operation: Callable[..., Exact], *operands: Number) -> Exact:
    """``operation(*operands)`` by goalkit's number policy, checked.

    Floats if any operand is a float (exact operands converted by
    :func:`~goalkit._numbers.to_float`), exact fractions otherwise; the
    result is finite and within the admission limit, or a ValidationError.
    """
    if any(isinstance(operand, float) for operand in operands):
        return bounded(operation(*(to_float(operand, path) for operand in operands)), path)
    return bounded(operation(*(Fraction(operand) for operand in operands)), path)


def _moved(value: Exact, step: Exact) -> Exact:
    return value * (1 + step)


def _elasticity(change: Exact, top: Exact, step: Exact) -> Exact:
    return change / top / step


def sensitivities(
    tree: DriverTree,
    top: str,
    *,
    at: date,
    step: Number = Fraction(1, 100),
    overrides: Mapping[str, Number] | None = None,
) -> tuple[Elasticity, ...]:
    """Elasticities of ``top`` to each of its input KPIs at day ``at``, ranked.

    Arithmetic follows goalkit's number policy: exact when the values and the
    step are, floats otherwise. An input whose moved value, change or
    elasticity cannot be computed (a float overflow, an exact value too large
    for a float, a result past the admission limit) gets ``None`` and a
    reason; no result is ever ``inf`` or NaN.

    Args:
        tree: The driver tree.
        top: The computed KPI to explain.
        at: The day whose values are used (a plain date).
        step: The relative change applied to each input, 1 % by default.
        overrides: Values to use instead of the day's (see
            :meth:`DriverTree.evaluate`).

    Returns:
        One :class:`Elasticity` per input KPI under ``top``, largest absolute
        elasticity first; inputs without an elasticity come last; ties in
        order of KPI id.

    Raises:
        ValidationError: when ``tree`` is not a driver tree, ``top`` is not a
            computed KPI of it, ``at`` is not a date, the step is not a
            non-zero number, or ``top`` has no value on the day.
    """
    if not isinstance(tree, DriverTree):
        raise ValidationError.single(
            "tree", tree, f"'tree' must be a DriverTree (got {show(tree)})"
        )
    try:
        computed = tree.driver_of(top) is not None
    except ValidationError:
        computed = False
    if not computed:
        raise ValidationError.single(
            "top", top, f"'top' must be a computed KPI of the tree (got {show(top)})"
        )
    day = require_day(at)
    given = coerce(step)  # numpy scalars become Python numbers
    problem = number_problem(given)
    if problem is not None or given == 0:
        raise ValidationError.single(
            "step", step, f"'step' {problem or 'must not be 0'} (got {show(step)})"
        )
    relative = cast("Number", given)
    base = tree.evaluate(day, overrides=overrides)
    top_value = base[top]
    if top_value is None:
        raise ValidationError.single(
            "top", top, f"'top' has no value on {day.isoformat()}: {base.reason(top)}"
        )
    base_top = exact(top_value)
    fixed = dict(overrides or {})
    results: list[Elasticity] = []
    for kpi_id in tree.leaves_of(top):
        value = base[kpi_id]
        assert value is not None  # top has a value, so every input under it has one
        results.append(
            _one(
                tree,
                top,
                day=day,
                step=relative,
                fixed=fixed,
                kpi_id=kpi_id,
                value=value,
                base_top=base_top,
            )
        )
    results.sort(key=_rank)
    return tuple(results)


def _one(
    tree: DriverTree,
    top: str,
    *,
    day: date,
    step: Number,
    fixed: dict[str, Number],
    kpi_id: str,
    value: Number,
    base_top: Exact,
) -> Elasticity:
    """The elasticity of ``top`` to one input."""

    def without(
        reason: str, moved_top: Exact | None = None, change: Exact | None = None
    ) -> Elasticity:
        return attrs.evolve(found, moved_top=moved_top, change=change, reason=reason)

    found = Elasticity(
        kpi_id=kpi_id, value=value, top=base_top, moved_top=None, change=None, elasticity=None
    )

    try:
        moved_input = _computed("value", _moved, value, step)
    except ValidationError as error:
        return without(f"{kpi_id!r} raised by the step has no value: {error.message}")
    moved = tree.evaluate(day, overrides={**fixed, kpi_id: moved_input})
    moved_value = moved[top]
    if moved_value is None:
        return without(moved.reason(top) or f"{top!r} has no value")
    moved_top = exact(moved_value)
    try:
        change = _computed("change", operator.sub, moved_top, base_top)
    except ValidationError as error:
        return without(f"the change of {top!r} has no value: {error.message}", moved_top)
    if base_top == 0:
        return without(f"{top!r} is 0, so a relative change has no meaning", moved_top, change)
    try:
        elasticity = _computed("elasticity", _elasticity, change, base_top, step)
    except ValidationError as error:
        return without(f"the elasticity has no value: {error.message}", moved_top, change)
    return attrs.evolve(found, moved_top=moved_top, change=change, elasticity=elasticity)
