"""Target decomposition: splitting a parent target over children, and checking it adds up.

An :class:`Allocation` splits a total proportionally to weights, to historical
shares, equally, or after fixing some children's amounts. Totals are exact:

* an ``int`` total is split into whole units (customers stay customers) by the
  largest-remainder method, so the shares always sum to the total and each is
  within one unit of its exact proportion;
* a ``Decimal`` total is split to a quantum, by default its own last decimal
  place (``Decimal("10000000.00")`` splits to cents), the same way;
* a ``Fraction`` total is split exactly, with no rounding;
* a ``float`` total is read as the decimal it prints as and its shares come
  back as floats (their float sum may differ from the total in the last bit).

Ties in the largest-remainder step go to the larger weight, then to the child
whose name sorts first, so the result does not depend on the order children
are given in.

>>> Allocation.proportional(10_000_000, {"seo": 3, "community": 2, "events": 1, "kol": 4})
Allocation(total=10000000, shares={'seo': 3000000, 'community': 2000000, ...})
>>> Allocation.equal(100, ["a", "b", "c"]).as_dict()
{'a': 34, 'b': 33, 'c': 33}

:class:`GrowthSplit` spreads a growth factor over the factors of a product
(revenue = visitors x conversion x order value), and :func:`check_sum`,
:func:`check_product` and :func:`check_targets` report children whose targets
do not add up (or multiply up) to their parent's as :class:`TargetMismatch`
findings.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal, localcontext
from fractions import Fraction

import attrs

from goalkit._numbers import Exact, Number, exact, fraction_to_decimal, like
from goalkit._show import show
from goalkit._validation import Problems, at
from goalkit.drivers.formula import UndefinedValueError
from goalkit.drivers.tree import DriverTree
from goalkit.exceptions import ValidationError

__all__ = [
    "Allocation",
    "GrowthSplit",
    "Share",
    "TargetMismatch",
    "check_product",
    "check_sum",
    "check_targets",
]

_MAX_ROOT = 64
_MAX_PLACES = 50


def _read(value: Number) -> Fraction:
    """An accepted number as a Fraction; floats as the decimal they print as."""
    if isinstance(value, float):
        return Fraction(repr(value))
    return Fraction(value)


@attrs.frozen(kw_only=True)
class Share:
    """One child's part of an allocation.

    Attributes:
        child: The child's name or id.
        amount: Its allocated amount, in the total's type.
        exact: Its exact, unrounded proportion of the total.
        fixed: Whether the amount was fixed by the caller.
    """

    child: str
    amount: Number
    exact: Exact
    fixed: bool = False


def _shares(value: Iterable[Share]) -> tuple[Share, ...]:
    return tuple(value)


@attrs.frozen(kw_only=True, repr=False)
class Allocation:
    """A total split over named children; the amounts always sum to the total.

    Build one with :meth:`proportional`, :meth:`equal`, :meth:`by_history` or
    :meth:`with_fixed`.

    Attributes:
        total: The parent's target.
        quantum: The smallest unit amounts are rounded to (``None``: exact).
        shares: One :class:`Share` per child, in the order given.
    """

    total: Number
    quantum: Number | None
    shares: tuple[Share, ...] = attrs.field(converter=_shares)

    # -- named constructors -------------------------------------------------

    @classmethod
    def proportional(
        cls, total: Number, weights: Mapping[str, Number], *, quantum: Number | None = None
    ) -> Allocation:
        """Split ``total`` in proportion to ``weights``.

        Args:
            total: The amount to split.
            weights: ``{child: weight}``, weights >= 0 and not all zero.
            quantum: The unit to round to; by default 1 for an ``int`` total,
                the last decimal place for a ``Decimal`` and none (exact) for
                a ``Fraction``.

        >>> from decimal import Decimal
        >>> Allocation.proportional(Decimal("100.00"), {"a": 1, "b": 1, "c": 1}).as_dict()
        {'a': Decimal('33.34'), 'b': Decimal('33.33'), 'c': Decimal('33.33')}
        """
        problems = Problems()
        checked = _weights(problems, "weights", weights)
        step = _quantum(problems, total, quantum)
        problems.raise_if_any()
        return cls._build(total, step, quantum, checked, {})

    @classmethod
    def equal(
        cls, total: Number, children: Iterable[str], *, quantum: Number | None = None
    ) -> Allocation:
        """Split ``total`` equally over ``children``.

        >>> Allocation.equal(7, ["north", "south"]).as_dict()
        {'north': 4, 'south': 3}
        """
        names = _children(children)
        return cls.proportional(total, dict.fromkeys(names, 1), quantum=quantum)

    @classmethod
    def by_history(
        cls, total: Number, history: Mapping[str, Number], *, quantum: Number | None = None
    ) -> Allocation:
        """Split ``total`` in proportion to each child's past result.

        >>> Allocation.by_history(1200, {"seo": 300, "kol": 100}).as_dict()
        {'seo': 900, 'kol': 300}
        """
        problems = Problems()
        checked = _weights(problems, "history", history)
        step = _quantum(problems, total, quantum)
        problems.raise_if_any()
        return cls._build(total, step, quantum, checked, {})

    @classmethod
    def with_fixed(
        cls,
        total: Number,
        fixed: Mapping[str, Number],
        rest: Mapping[str, Number] | Iterable[str],
        *,
        quantum: Number | None = None,
    ) -> Allocation:
        """Fix some children's amounts; share what is left over the others.

        Args:
            total: The amount to split.
            fixed: ``{child: amount}`` set by hand (multiples of the quantum).
            rest: The other children, as ``{child: weight}`` or just names
                (equal weights).
            quantum: As for :meth:`proportional`.

        >>> Allocation.with_fixed(10_000_000, {"events": 1_000_000}, ["seo", "kol"]).as_dict()
        {'events': 1000000, 'seo': 4500000, 'kol': 4500000}
        """
        problems = Problems()
        if not isinstance(fixed, Mapping):
            raise ValidationError.single(
                "fixed", fixed, f"'fixed' must be a mapping (got {show(fixed)})"
            )
        if isinstance(rest, Mapping):
            weights_in = rest
        else:
            names = [] if isinstance(rest, list | tuple) and not rest else _children(rest)
            weights_in = dict.fromkeys(names, 1)
        step = _quantum(problems, total, quantum)
        amounts: dict[str, Fraction] = {}
        for child, amount in fixed.items():
            path = at("fixed", child)
            problems.text(path, child)
            if problems.number(path, amount):
                amounts[child] = _read(amount)
                if step is not None and (amounts[child] / step).denominator != 1:
                    problems.add(
                        path,
                        amount,
                        f"'fixed' amount must be a multiple of {step} (got {show(amount)})",
                    )
        for child in weights_in:
            if child in fixed:
                problems.add(at("rest", child), child, f"{child!r} is both fixed and in 'rest'")
        checked = _weights(problems, "rest", weights_in) if weights_in else []
        problems.raise_if_any()
        left = _read(total) - sum(amounts.values(), Fraction(0))
        if left != 0 and (not checked or (left < 0) != (_read(total) < 0)):
            raise ValidationError.single(
                "fixed",
                dict(fixed),
                f"the fixed amounts add up to {sum(amounts.values(), Fraction(0))}, "
                f"which leaves {left} of the total {total!r} "
                + ("for no child to share" if not checked else "with the wrong sign"),
            )
        return cls._build(total, step, quantum, checked, amounts)

    @classmethod
    def _build(
        cls,
        total: Number,
        step: Fraction | None,
        quantum: Number | None,
        weights: list[tuple[str, Fraction]],
        fixed: dict[str, Fraction],
    ) -> Allocation:
        whole = _read(total)
        left = whole - sum(fixed.values(), Fraction(0))
        weight_sum = sum((w for _, w in weights), Fraction(0))
        exact_shares = [left * w / weight_sum for _, w in weights] if weights else []
        if step is None:
            amounts = exact_shares
        else:
            amounts = [u * step for u in _largest_remainder(exact_shares, weights, step)]
        shares = [
            Share(
                child=c,
                amount=_out(a, total, quantum, step),
                exact=_exact_out(a, total),
                fixed=True,
            )
            for c, a in fixed.items()
        ]
        shares.extend(
            Share(
                child=child,
                amount=_out(amount, total, quantum, step),
                exact=_exact_out(share, total),
            )
            for (child, _), amount, share in zip(weights, amounts, exact_shares, strict=True)
        )
        return cls(
            total=total,
            quantum=quantum if quantum is not None else _shown(step, total),
            shares=shares,
        )

    # -- queries ------------------------------------------------------------

    def __getitem__(self, child: str) -> Number:
        for share in self.shares:
            if share.child == child:
                return share.amount
        raise ValidationError.single(
            "child", child, f"'child' names no child of the allocation (got {show(child)})"
        )

    def __iter__(self) -> Iterator[Share]:
        return iter(self.shares)

    def __len__(self) -> int:
        return len(self.shares)

    def as_dict(self) -> dict[str, Number]:
        """``{child: amount}`` in the order given."""
        return {s.child: s.amount for s in self.shares}

    def __repr__(self) -> str:
        return f"Allocation(total={self.total!r}, shares={self.as_dict()!r})"


def _children(children: Iterable[str]) -> list[str]:
    if isinstance(children, str) or not isinstance(children, Iterable):
        raise ValidationError.single(
            "children", children, f"'children' must be a collection of names (got {show(children)})"
        )
    names = list(children)
    problems = Problems()
    seen: set[str] = set()
    for index, name in enumerate(names):
        if problems.text(at("children", index), name):
            if name in seen:
                problems.add(at("children", index), name, f"child {name!r} appears twice")
            seen.add(name)
    if not names:
        problems.add("children", names, "'children' must name at least one child")
    problems.raise_if_any()
    return names


def _weights(problems: Problems, field: str, weights: object) -> list[tuple[str, Fraction]]:
    if not isinstance(weights, Mapping) or not weights:
        problems.add(field, weights, f"'{field}' must be a non-empty mapping (got {show(weights)})")
        return []
    checked: list[tuple[str, Fraction]] = []
    for child, weight in weights.items():
        path = at(field, child)
        problems.text(path, child)
        if problems.non_negative(path, weight):
            checked.append((child, _read(weight)))
    if len(checked) == len(weights) and all(w == 0 for _, w in checked):
        problems.add(field, dict(weights), f"'{field}' must not all be zero")
    return checked


def _quantum(problems: Problems, total: object, quantum: object) -> Fraction | None:
    if not problems.number("total", total):
        return None
    assert isinstance(total, Number)
    if quantum is None:
        if isinstance(total, bool):
            return None
        if isinstance(total, int):
            return Fraction(1)
        if isinstance(total, Decimal):
            exponent = total.as_tuple().exponent
            assert isinstance(exponent, int)  # finite, checked above
            return Fraction(1, 10 ** -min(exponent, 0))
        return None
    if not problems.number("quantum", quantum):
        return None
    assert isinstance(quantum, Number)
    step = _read(quantum)
    if step <= 0:
        problems.add("quantum", quantum, f"'quantum' must be > 0 (got {show(quantum)})")
        return None
    if (_read(total) / step).denominator != 1:
        problems.add(
            "total",
            total,
            f"'total' must be a multiple of the quantum {show(quantum)} (got {show(total)})",
        )
    return step


def _largest_remainder(
    shares: list[Fraction], weights: list[tuple[str, Fraction]], step: Fraction
) -> list[int]:
    units = [s / step for s in shares]
    floors = [math.floor(u) for u in units]
    left = int(sum(units, Fraction(0))) - sum(floors)
    ranked = sorted(
        range(len(units)),
        key=lambda i: (-(units[i] - floors[i]), -weights[i][1], weights[i][0]),
    )
    for index in ranked[:left]:
        floors[index] += 1
    return floors


def _shown(step: Fraction | None, total: Number) -> Number | None:
    if step is None:
        return None
    return like(step, total)


def _out(value: Fraction, total: Number, quantum: Number | None, step: Fraction | None) -> Number:
    if isinstance(total, float):
        return float(value)
    if isinstance(total, Decimal) or isinstance(quantum, Decimal):
        as_decimal = fraction_to_decimal(value)
        if as_decimal is not None and step is not None:
            places = fraction_to_decimal(step)
            if places is not None:
                return as_decimal.quantize(places) if places < 1 else as_decimal
        if as_decimal is not None:
            return as_decimal
        return value
    if isinstance(total, int) and value.denominator == 1:
        return int(value)
    return value


def _exact_out(value: Fraction, total: Number) -> Exact:
    return float(value) if isinstance(total, float) else value


# -- reverse checks ---------------------------------------------------------------


@attrs.frozen(kw_only=True)
class TargetMismatch:
    """A finding: children's targets that do not add (or multiply) up to the parent's.

    Attributes:
        kpi_id: The parent.
        expected: The parent's target.
        actual: What the children's targets give (``None`` if undefined).
        difference: ``actual - expected`` (``None`` if undefined).
        message: A sentence saying so.
    """

    kpi_id: str
    expected: Number
    actual: Exact | None
    difference: Exact | None
    message: str


def _compare(
    kpi_id: str, expected: Number, actual: Exact, tolerance: Number, how: str
) -> tuple[TargetMismatch, ...]:
    difference = actual - exact(expected)
    if -exact(tolerance) <= difference <= exact(tolerance):
        return ()
    return (
        TargetMismatch(
            kpi_id=kpi_id,
            expected=expected,
            actual=actual,
            difference=difference,
            message=f"the targets under {kpi_id!r} {how} to {actual}, not {expected} "
            f"(off by {difference})",
        ),
    )


def _check_inputs(
    parent: object, children: object, tolerance: object
) -> tuple[Number, Mapping[str, Number], Number]:
    problems = Problems()
    problems.number("parent", parent)
    problems.non_negative("tolerance", tolerance)
    if not isinstance(children, Mapping) or not children:
        problems.add(
            "children", children, f"'children' must be a non-empty mapping (got {show(children)})"
        )
    else:
        for child, value in children.items():
            problems.number(at("children", child), value)
    problems.raise_if_any()
    assert isinstance(parent, Number)
    assert isinstance(tolerance, Number)
    assert isinstance(children, Mapping)
    return parent, children, tolerance


def check_sum(
    parent: Number,
    children: Mapping[str, Number],
    *,
    kpi_id: str = "parent",
    tolerance: Number = 0,
) -> tuple[TargetMismatch, ...]:
    """A finding if the children's targets do not add up to ``parent``.

    >>> check_sum(10_000_000, {"seo": 3_000_000, "kol": 6_000_000}, kpi_id="sales")[0].message
    "the targets under 'sales' add up to 9000000, not 10000000 (off by -1000000)"
    >>> check_sum(100, {"a": 60, "b": 40})
    ()
    """
    parent, children, tolerance = _check_inputs(parent, children, tolerance)
    total = sum((exact(v) for v in children.values()), Fraction(0))
    return _compare(kpi_id, parent, total, tolerance, "add up")


def check_product(
    parent: Number,
    children: Mapping[str, Number],
    *,
    kpi_id: str = "parent",
    tolerance: Number = 0,
) -> tuple[TargetMismatch, ...]:
    """A finding if the children's growth factors do not multiply up to ``parent``.

    >>> from decimal import Decimal
    >>> check_product(Decimal("1.21"), {"visitors": Decimal("1.1"), "order_value": Decimal("1.1")})
    ()
    >>> factors = {"visitors": Decimal("1.1"), "conversion": Decimal("1.1")}
    >>> check_product(Decimal("1.25"), factors)[0].difference
    Fraction(-1, 25)
    """
    parent, children, tolerance = _check_inputs(parent, children, tolerance)
    product: Exact = Fraction(1)
    for value in children.values():
        product *= exact(value)
    return _compare(kpi_id, parent, product, tolerance, "multiply up")


def check_targets(
    tree: DriverTree, targets: Mapping[str, Number] | None = None, *, tolerance: Number = 0
) -> tuple[TargetMismatch, ...]:
    """Findings for computed KPIs whose formula, on its inputs' targets, misses its own target.

    Args:
        tree: The driver tree.
        targets: ``{kpi_id: target}``; by default each KPI's own ``target``.
            KPIs without a target, and drivers with an input without one,
            are skipped.
        tolerance: The largest absolute difference still accepted.

    >>> from goalkit import KPI
    >>> kpis = [KPI(id=i, title=i, owner="x", level="team", unit="EUR")
    ...         for i in ("sales", "seo", "kol")]
    >>> tree = DriverTree.of(kpis, {"sales": "seo + kol"})
    >>> [m.difference for m in check_targets(tree, {"sales": 100, "seo": 50, "kol": 40})]
    [Fraction(-10, 1)]
    """
    problems = Problems()
    problems.non_negative("tolerance", tolerance)
    if targets is None:
        targets = {k.id: k.target for k in tree.kpis if k.target is not None}
    elif not isinstance(targets, Mapping):
        problems.add("targets", targets, f"'targets' must be a mapping (got {show(targets)})")
    else:
        for key, value in targets.items():
            if problems.number(at("targets", key), value):
                with problems.under(at("targets", key)):
                    tree.kpi(key)
    problems.raise_if_any()
    findings: list[TargetMismatch] = []
    for kpi_id in tree.computed:
        driver = tree.driver_of(kpi_id)
        assert driver is not None
        if kpi_id not in targets or any(i not in targets for i in driver.input_ids):
            continue
        values = {n: targets[driver.input_of(n)] for n in driver.formula.names}
        try:
            actual = driver.formula.evaluate(values)
        except UndefinedValueError as error:
            findings.append(
                TargetMismatch(
                    kpi_id=kpi_id,
                    expected=targets[kpi_id],
                    actual=None,
                    difference=None,
                    message=f"the targets under {kpi_id!r} give no value: {error.message}",
                )
            )
            continue
        findings.extend(_compare(kpi_id, targets[kpi_id], actual, tolerance, "come"))
    return tuple(findings)


# -- multiplicative decomposition --------------------------------------------------


def _iroot(value: int, degree: int) -> int:
    """The floor of the ``degree``-th root of a non-negative int (Newton, iterative)."""
    if value < 2:
        return value
    guess = 1 << -(-value.bit_length() // degree)
    while True:
        better = ((degree - 1) * guess + value // guess ** (degree - 1)) // degree
        if better >= guess:
            return guess
        guess = better


def _exact_power(base: Fraction, exponent: Fraction) -> Fraction | None:
    if exponent.numerator > _MAX_ROOT or exponent.denominator > _MAX_ROOT:
        return None
    raised = base**exponent.numerator
    degree = exponent.denominator
    top = _iroot(raised.numerator, degree)
    bottom = _iroot(raised.denominator, degree)
    if top**degree == raised.numerator and bottom**degree == raised.denominator:
        return Fraction(top, bottom)
    return None


def _approximate_power(base: Fraction, exponent: Fraction, places: int) -> Decimal:
    digits = max(len(str(base.numerator)), len(str(base.denominator)))
    with localcontext() as context:
        context.prec = places + digits + 20
        logarithm = (Decimal(base.numerator) / Decimal(base.denominator)).ln()
        value = (logarithm * exponent.numerator / exponent.denominator).exp()
        return value.quantize(Decimal(1).scaleb(-places))


@attrs.frozen(kw_only=True, repr=False)
class GrowthSplit:
    """A growth factor for a product KPI, spread over its factors.

    If revenue = visitors x conversion x order value must grow by a factor
    ``G`` (1.21 for +21 %), the factors' growth must multiply to ``G``.
    :meth:`spread` gives each free factor ``R ** (w / W)``, where ``R`` is
    what the fixed factors leave and ``w / W`` its weight's share (equal by
    default, so each gets the n-th root). Roots are exact where the numbers
    allow it (1.331 over three factors is 1.1 each); otherwise they are
    rounded to ``places`` decimals and :attr:`exact` is ``False``.

    Attributes:
        growth: The overall factor.
        factors: ``(name, factor)`` pairs.
        exact: Whether the factors multiply to :attr:`growth` exactly.
        places: Decimal places of rounded factors.

    >>> from decimal import Decimal
    >>> GrowthSplit.spread(Decimal("1.331"), ["visitors", "conversion", "order_value"]).as_dict()
    {'visitors': Decimal('1.1'), 'conversion': Decimal('1.1'), 'order_value': Decimal('1.1')}
    >>> split = GrowthSplit.spread(Decimal("1.2"), ["visitors", "conversion"], places=4)
    >>> split.as_dict(), split.exact
    ({'visitors': Decimal('1.0954'), 'conversion': Decimal('1.0954')}, False)
    """

    growth: Number
    factors: tuple[tuple[str, Number], ...]
    exact: bool
    places: int

    @classmethod
    def spread(
        cls,
        growth: Number,
        factors: Mapping[str, Number] | Iterable[str],
        *,
        fixed: Mapping[str, Number] | None = None,
        places: int = 6,
    ) -> GrowthSplit:
        """Spread ``growth`` over ``factors``.

        Args:
            growth: The overall factor (target / baseline), > 0.
            factors: The free factors, as names (equal shares) or
                ``{name: weight}`` (shares of the growth in log terms).
            fixed: Factors whose growth is set by hand.
            places: Decimal places for factors that cannot be exact.

        >>> GrowthSplit.spread(2, ["a", "b"], fixed={"c": Fraction(1, 2)}).as_dict()
        {'c': Fraction(1, 2), 'a': 2, 'b': 2}
        """
        problems = Problems()
        if problems.number("growth", growth) and growth <= 0:
            problems.add("growth", growth, f"'growth' must be > 0 (got {show(growth)})")
        if (
            isinstance(places, bool)
            or not isinstance(places, int)
            or not 0 <= places <= _MAX_PLACES
        ):
            problems.add(
                "places",
                places,
                f"'places' must be an int from 0 to {_MAX_PLACES} (got {show(places)})",
            )
        weights_in = (
            factors if isinstance(factors, Mapping) else dict.fromkeys(_children(factors), 1)
        )
        checked = _weights(problems, "factors", weights_in)
        fixed_values: dict[str, Fraction] = {}
        for name, value in (fixed or {}).items():
            path = at("fixed", name)
            if problems.number(path, value):
                if value <= 0:
                    problems.add(path, value, f"'fixed' factors must be > 0 (got {show(value)})")
                else:
                    fixed_values[name] = _read(value)
            if name in weights_in:
                problems.add(path, name, f"{name!r} is both fixed and free")
        problems.raise_if_any()
        left = _read(growth)
        for value in fixed_values.values():
            left /= value
        weight_sum = sum((w for _, w in checked), Fraction(0))
        result: list[tuple[str, Number]] = [
            (n, _factor_out(v, growth, (fixed or {})[n])) for n, v in fixed_values.items()
        ]
        all_exact = True
        for name, weight in checked:
            power = _exact_power(left, weight / weight_sum)
            if power is None:
                all_exact = False
                result.append((name, _approximate_power(left, weight / weight_sum, places)))
            else:
                result.append((name, _factor_out(power, growth, growth)))
        return cls(growth=growth, factors=tuple(result), exact=all_exact, places=places)

    def __getitem__(self, name: str) -> Number:
        for factor_name, value in self.factors:
            if factor_name == name:
                return value
        raise ValidationError.single("name", name, f"'name' names no factor (got {show(name)})")

    def as_dict(self) -> dict[str, Number]:
        """``{factor: growth}``."""
        return dict(self.factors)

    @property
    def product(self) -> Exact:
        """The product of the factors, exactly (compare with :attr:`growth`)."""
        result: Exact = Fraction(1)
        for _, value in self.factors:
            result *= exact(value)
        return result

    def __repr__(self) -> str:
        return (
            f"GrowthSplit(growth={self.growth!r}, factors={self.as_dict()!r}, exact={self.exact})"
        )


def _factor_out(value: Fraction, growth: Number, template: Number) -> Number:
    if isinstance(growth, float):
        return float(value)
    if isinstance(template, Decimal | int) and not isinstance(template, bool):
        return like(value, template)
    return value
