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

from collections.abc import Mapping
from datetime import date
from fractions import Fraction

import attrs

from goalkit._numbers import Exact, Number, exact, number_problem
from goalkit._show import show
from goalkit.drivers.tree import DriverTree
from goalkit.exceptions import ValidationError

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
        change: ``moved_top - top``, the absolute effect.
        elasticity: ``(change / top) / step``; ``None`` when the top is 0 or
            has no moved value.
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


def _as_exact(value: Number | None) -> Exact:
    assert value is not None
    return exact(value)


def sensitivities(
    tree: DriverTree,
    top: str,
    *,
    at: date,
    step: Number = Fraction(1, 100),
    overrides: Mapping[str, Number] | None = None,
) -> tuple[Elasticity, ...]:
    """Elasticities of ``top`` to each of its input KPIs at day ``at``, ranked.

    Args:
        tree: The driver tree.
        top: The computed KPI to explain.
        at: The day whose values are used.
        step: The relative change applied to each input, 1 % by default.
        overrides: Values to use instead of the day's (see
            :meth:`DriverTree.evaluate`).

    Returns:
        One :class:`Elasticity` per input KPI under ``top``, largest absolute
        elasticity first; inputs without an elasticity come last; ties in
        order of KPI id.

    Raises:
        ValidationError: when ``top`` is not a computed KPI of the tree, the
            step is not a non-zero number, or ``top`` has no value on the day.
    """
    if tree.driver_of(top) is None:
        raise ValidationError.single(
            "top", top, f"'top' must be a computed KPI of the tree (got {show(top)})"
        )
    problem = number_problem(step)
    if problem is not None or step == 0:
        raise ValidationError.single(
            "step", step, f"'step' {problem or 'must not be 0'} (got {show(step)})"
        )
    base = tree.evaluate(at, overrides=overrides)
    top_value = base[top]
    if top_value is None:
        raise ValidationError.single(
            "top", top, f"'top' has no value on {at.isoformat()}: {base.reason(top)}"
        )
    base_top = exact(top_value)
    relative = exact(step)
    fixed = dict(overrides or {})
    results: list[Elasticity] = []
    for kpi_id in tree.leaves_of(top):
        value = base[kpi_id]
        assert value is not None  # top has a value, so every input under it has one
        moved = tree.evaluate(at, overrides={**fixed, kpi_id: _as_exact(value) * (1 + relative)})
        moved_value = moved[top]
        if moved_value is None:
            results.append(
                Elasticity(
                    kpi_id=kpi_id,
                    value=value,
                    top=base_top,
                    moved_top=None,
                    change=None,
                    elasticity=None,
                    reason=moved.reason(top),
                )
            )
            continue
        change = exact(moved_value) - base_top
        elasticity: Exact | None = None
        reason = None
        if base_top == 0:
            reason = f"{top!r} is 0, so a relative change has no meaning"
        else:
            elasticity = change / base_top / relative
        results.append(
            Elasticity(
                kpi_id=kpi_id,
                value=value,
                top=base_top,
                moved_top=exact(moved_value),
                change=change,
                elasticity=elasticity,
                reason=reason,
            )
        )
    results.sort(key=_rank)
    return tuple(results)
