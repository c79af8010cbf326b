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
  back as floats (their float sum may differ from the total in the last bit);
  a share that no finite float stands for is refused.

The arithmetic is exact (``Fraction``) and every ``Decimal`` is made in
goalkit's own decimal context, so the caller's :func:`decimal.getcontext`
changes nothing: a 40-digit ``Decimal`` total splits into shares that sum to
it exactly, whatever the context's precision. Derived exact results are held
to goalkit's admission limit (1,000 digits before and after the point), so a
hostile input is refused at once instead of computed for minutes.

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
from typing import cast

import attrs

from goalkit._numbers import (
    EXACT_CONTEXT,
    Exact,
    Number,
    bounded,
    coerce,
    finite,
    fraction_to_decimal,
    like,
    to_float,
)
from goalkit._show import show
from goalkit._validation import Problems, at
from goalkit.drivers.formula import UndefinedValueError
from goalkit.drivers.tree import DriverTree
from goalkit.exceptions import ValidationError
from goalkit.measures import to_tuple

__all__ = [
    "Allocation",
    "GrowthSplit",
    "Share",
    "TargetMismatch",
    "check_product",
    "check_sum",
    "check_targets",
]

_MAX_PLACES = 50


def _read(value: Number) -> Fraction:
    """An accepted number as a Fraction; floats as the decimal they print as."""
    if isinstance(value, float):
        return Fraction(repr(value))
    return Fraction(value)


def _limited(value: Fraction, path: str) -> Fraction:
    """A derived exact result, refused past the admission limit."""
    return cast("Fraction", bounded(value, path))


def _sum(values: Iterable[Fraction], path: str) -> Fraction:
    """An exact sum, refused as soon as it passes the admission limit.

    Checking every step keeps a sum of many fine fractions (whose common
    denominator grows with each) from running for minutes.
    """
    total = Fraction(0)
    for value in values:
        total = _limited(total + value, path)
    return total


def _key(field: str, key: object) -> str:
    """The path of a mapping entry, with a key that is not text shown bounded."""
    return at(field, key if isinstance(key, str) else show(key))


def _float_of(value: Number, path: str, what: str) -> float:
    """:func:`~goalkit._numbers.to_float`, with a message naming ``what`` is converted."""
    try:
        return to_float(value, path)
    except ValidationError:
        size = "large" if abs(Fraction(value)) > 1 else "small"
        raise ValidationError.single(
            path, value, f"{what} is too {size} to compute with floats (got {show(value)})"
        ) from None


def _text(value: Number) -> str:
    """A number for a message: as Python prints it when short, else bounded by show()."""
    if isinstance(value, Fraction):
        small = max(abs(value.numerator).bit_length(), value.denominator.bit_length()) <= 200
    elif isinstance(value, int):
        small = abs(value).bit_length() <= 200
    else:
        small = len(show(value)) <= 60
    return str(value) if small else show(value)


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
    # Typed for callers; anything but a collection is left for validation to report.
    return cast("tuple[Share, ...]", to_tuple(value))


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

    def __attrs_post_init__(self) -> None:
        shares = self.shares
        if not isinstance(shares, tuple) or not all(isinstance(s, Share) for s in shares):
            raise ValidationError.single(
                "shares",
                shares,
                f"'shares' must be a collection of Share objects (got {show(shares)})",
            )

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
        total, quantum = _numbers(total, quantum)
        problems = Problems()
        checked = _weights(problems, "weights", weights)
        step = _quantum(problems, total, quantum)
        problems.raise_if_any()
        return cls._build(total, step, quantum, checked, {}, field="weights")

    @classmethod
    def equal(
        cls, total: Number, children: Iterable[str], *, quantum: Number | None = None
    ) -> Allocation:
        """Split ``total`` equally over ``children``.

        >>> Allocation.equal(7, ["north", "south"]).as_dict()
        {'north': 4, 'south': 3}
        """
        names = _children(children, "children")
        return cls.proportional(total, dict.fromkeys(names, 1), quantum=quantum)

    @classmethod
    def by_history(
        cls, total: Number, history: Mapping[str, Number], *, quantum: Number | None = None
    ) -> Allocation:
        """Split ``total`` in proportion to each child's past result.

        >>> Allocation.by_history(1200, {"seo": 300, "kol": 100}).as_dict()
        {'seo': 900, 'kol': 300}
        """
        total, quantum = _numbers(total, quantum)
        problems = Problems()
        checked = _weights(problems, "history", history)
        step = _quantum(problems, total, quantum)
        problems.raise_if_any()
        return cls._build(total, step, quantum, checked, {}, field="history")

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
        total, quantum = _numbers(total, quantum)
        problems = Problems()
        if not isinstance(fixed, Mapping):
            raise ValidationError.single(
                "fixed", fixed, f"'fixed' must be a mapping (got {show(fixed)})"
            )
        if isinstance(rest, Mapping):
            weights_in = rest
        else:
            names = [] if isinstance(rest, list | tuple) and not rest else _children(rest, "rest")
            weights_in = dict.fromkeys(names, 1)
        step = _quantum(problems, total, quantum)
        amounts: dict[str, Fraction] = {}
        for child, given in fixed.items():
            path = _key("fixed", child)
            amount = coerce(given)
            problems.text(path, child)
            if problems.number(path, amount):
                amounts[child] = _read(cast("Number", amount))
                if step is not None and (amounts[child] / step).denominator != 1:
                    problems.add(
                        path,
                        amount,
                        f"'fixed' amount must be a multiple of {_text(step)} (got {show(amount)})",
                    )
        for child in weights_in:
            if child in fixed:
                problems.add(
                    _key("rest", child), child, f"{show(child)} is both fixed and in 'rest'"
                )
        checked = _weights(problems, "rest", weights_in) if weights_in else []
        problems.raise_if_any()
        fixed_sum = _sum(amounts.values(), "fixed")
        left = _read(total) - fixed_sum
        if left != 0 and (not checked or (left < 0) != (_read(total) < 0)):
            raise ValidationError.single(
                "fixed",
                dict(fixed),
                f"the fixed amounts add up to {_text(fixed_sum)}, "
                f"which leaves {_text(left)} of the total {show(total)} "
                + ("for no child to share" if not checked else "with the wrong sign"),
            )
        return cls._build(total, step, quantum, checked, amounts, field="rest")

    @classmethod
    def _build(
        cls,
        total: Number,
        step: Fraction | None,
        quantum: Number | None,
        weights: list[tuple[str, Fraction]],
        fixed: dict[str, Fraction],
        *,
        field: str,
    ) -> Allocation:
        left = _limited(_read(total) - _sum(fixed.values(), "fixed"), "fixed")
        weight_sum = _sum((w for _, w in weights), field)
        exact_shares = [_limited(left * w / weight_sum, _key(field, c)) for c, w in weights]
        if step is None:
            amounts = exact_shares
        else:
            units = _largest_remainder(exact_shares, weights, step, int(left / step))
            amounts = [u * step for u in units]
        shares = [
            Share(
                child=c,
                amount=_out(a, total, quantum, step, path=_key("fixed", c), child=c),
                exact=_exact_out(a, total, _key("fixed", c), c),
                fixed=True,
            )
            for c, a in fixed.items()
        ]
        shares.extend(
            Share(
                child=child,
                amount=_out(amount, total, quantum, step, path=_key(field, child), child=child),
                exact=_exact_out(share, total, _key(field, child), child),
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


def _numbers(total: Number, quantum: Number | None) -> tuple[Number, Number | None]:
    """The total and quantum as goalkit stores numbers (numpy scalars become Python ones)."""
    return cast("Number", coerce(total)), cast(
        "Number | None", None if quantum is None else coerce(quantum)
    )


def _children(children: Iterable[str], field: str) -> list[str]:
    if isinstance(children, str) or not isinstance(children, Iterable):
        raise ValidationError.single(
            field, children, f"'{field}' must be a collection of names (got {show(children)})"
        )
    names = list(children)
    problems = Problems()
    seen: set[str] = set()
    for index, name in enumerate(names):
        if problems.text(at(field, index), name):
            if name in seen:
                problems.add(at(field, index), name, f"child {name!r} appears twice")
            seen.add(name)
    if not names:
        problems.add(field, names, f"'{field}' must name at least one child")
    problems.raise_if_any()
    return names


def _weights(problems: Problems, field: str, weights: object) -> list[tuple[str, Fraction]]:
    if not isinstance(weights, Mapping) or not weights:
        problems.add(field, weights, f"'{field}' must be a non-empty mapping (got {show(weights)})")
        return []
    checked: list[tuple[str, Fraction]] = []
    for child, given in weights.items():
        path = _key(field, child)
        weight = coerce(given)
        problems.text(path, child)
        if problems.non_negative(path, weight):
            checked.append((child, _read(cast("Number", weight))))
    if len(checked) == len(weights) and all(w == 0 for _, w in checked):
        problems.add(field, dict(weights), f"'{field}' must not all be zero")
    return checked


def _quantum(problems: Problems, total: object, quantum: object) -> Fraction | None:
    if not problems.number("total", total):
        return None
    assert isinstance(total, Number)
    if quantum is None:
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
    shares: list[Fraction], weights: list[tuple[str, Fraction]], step: Fraction, units: int
) -> list[int]:
    """Whole numbers of ``step`` per share, summing to ``units`` (the shares' total in steps)."""
    exact_units = [s / step for s in shares]
    floors = [math.floor(u) for u in exact_units]
    left = units - sum(floors)
    ranked = sorted(
        range(len(exact_units)),
        key=lambda i: (-(exact_units[i] - floors[i]), -weights[i][1], weights[i][0]),
    )
    for index in ranked[:left]:
        floors[index] += 1
    return floors


def _shown(step: Fraction | None, total: Number) -> Number | None:
    if step is None:
        return None
    return like(step, total)


def _out(
    value: Fraction,
    total: Number,
    quantum: Number | None,
    step: Fraction | None,
    *,
    path: str,
    child: str,
) -> Number:
    if isinstance(total, float):
        return _float_of(value, path, f"the share of {show(child)} in a float total")
    if isinstance(total, Decimal) or isinstance(quantum, Decimal):
        as_decimal = fraction_to_decimal(value)
        if as_decimal is not None and step is not None:
            places = fraction_to_decimal(step)
            if places is not None and places < 1:
                # goalkit's own context: exact however many digits, whatever the caller set.
                return as_decimal.quantize(places, context=EXACT_CONTEXT)
        if as_decimal is not None:
            return as_decimal
        return value
    if isinstance(total, int) and value.denominator == 1:
        return int(value)
    return value


def _exact_out(value: Fraction, total: Number, path: str, child: str) -> Exact:
    if isinstance(total, float):
        return _float_of(value, path, f"the share of {show(child)} in a float total")
    return value


# -- reverse checks ---------------------------------------------------------------


@attrs.frozen(kw_only=True)
class TargetMismatch:
    """A finding: children's targets that do not add (or multiply) up to the parent's.

    Attributes:
        kpi_id: The parent.
        expected: The parent's target.
        actual: What the children's targets give (``None`` if undefined).
        difference: ``actual - expected`` (``None`` if undefined, or out of
            range: a float difference that overflows, an exact one past the
            admission limit).
        message: A sentence saying so.
    """

    kpi_id: str
    expected: Number
    actual: Exact | None
    difference: Exact | None
    message: str


def _difference(actual: Exact, expected: Number) -> Exact | None:
    """``actual - expected`` by the number policy, or ``None`` when out of range."""
    try:
        if isinstance(actual, float) or isinstance(expected, float):
            return finite(to_float(actual, "actual") - to_float(expected, "expected"))
        return bounded(actual - Fraction(expected))
    except ValidationError:
        return None


def _compare(
    kpi_id: str, expected: Number, actual: Exact, tolerance: Number, how: str
) -> tuple[TargetMismatch, ...]:
    # Decided exactly (floats by their exact values), so the answer never depends
    # on whether the difference fits a float.
    gap = Fraction(actual) - Fraction(expected)
    if -Fraction(tolerance) <= gap <= Fraction(tolerance):
        return ()
    difference = _difference(actual, expected)
    off = "the difference is out of range" if difference is None else f"off by {_text(difference)}"
    return (
        TargetMismatch(
            kpi_id=kpi_id,
            expected=expected,
            actual=actual,
            difference=difference,
            message=f"the targets under {kpi_id!r} {how} to {_text(actual)}, "
            f"not {_text(expected)} ({off})",
        ),
    )


def _check_inputs(
    parent: object, children: object, tolerance: object
) -> tuple[Number, dict[str, Number], Number]:
    problems = Problems()
    parent = coerce(parent)
    tolerance = coerce(tolerance)
    problems.number("parent", parent)
    problems.non_negative("tolerance", tolerance)
    checked: dict[str, Number] = {}
    if not isinstance(children, Mapping) or not children:
        problems.add(
            "children", children, f"'children' must be a non-empty mapping (got {show(children)})"
        )
    else:
        for child, given in children.items():
            value = coerce(given)
            if problems.number(_key("children", child), value):
                checked[child] = cast("Number", value)
    problems.raise_if_any()
    return cast("Number", parent), checked, cast("Number", tolerance)


def _combined(children: dict[str, Number], how: str) -> Exact:
    """The children's sum (``how="+"``) or product, by the number policy, checked.

    Raises:
        ValidationError: when a float result overflows, an exact child has no
            finite float although another child is a float, or an exact
            result passes the admission limit.
    """
    if any(isinstance(v, float) for v in children.values()):
        result = 0.0 if how == "+" else 1.0
        for child, value in children.items():
            path = _key("children", child)
            number = _float_of(
                value, path, f"the child {show(child)}, with floats among the children,"
            )
            result = result + number if how == "+" else result * number
        return finite(result, "children")
    total = Fraction(0 if how == "+" else 1)
    for value in children.values():
        total = _limited(
            total + Fraction(value) if how == "+" else total * Fraction(value), "children"
        )
    return total


def check_sum(
    parent: Number,
    children: Mapping[str, Number],
    *,
    kpi_id: str = "parent",
    tolerance: Number = 0,
) -> tuple[TargetMismatch, ...]:
    """A finding if the children's targets do not add up to ``parent``.

    Raises:
        ValidationError: for a parent, child or tolerance that is not a
            number, or a sum out of range (a float sum that overflows, an
            exact one past the admission limit).

    >>> check_sum(10_000_000, {"seo": 3_000_000, "kol": 6_000_000}, kpi_id="sales")[0].message
    "the targets under 'sales' add up to 9000000, not 10000000 (off by -1000000)"
    >>> check_sum(100, {"a": 60, "b": 40})
    ()
    """
    parent, checked, tolerance = _check_inputs(parent, children, tolerance)
    return _compare(kpi_id, parent, _combined(checked, "+"), tolerance, "add up")


def check_product(
    parent: Number,
    children: Mapping[str, Number],
    *,
    kpi_id: str = "parent",
    tolerance: Number = 0,
) -> tuple[TargetMismatch, ...]:
    """A finding if the children's growth factors do not multiply up to ``parent``.

    Raises:
        ValidationError: as for :func:`check_sum`.

    >>> from decimal import Decimal
    >>> check_product(Decimal("1.21"), {"visitors": Decimal("1.1"), "order_value": Decimal("1.1")})
    ()
    >>> factors = {"visitors": Decimal("1.1"), "conversion": Decimal("1.1")}
    >>> check_product(Decimal("1.25"), factors)[0].difference
    Fraction(-1, 25)
    """
    parent, checked, tolerance = _check_inputs(parent, children, tolerance)
    return _compare(kpi_id, parent, _combined(checked, "*"), tolerance, "multiply up")


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

    A formula with no value for the targets (a division by zero, an overflow,
    see :class:`~goalkit.drivers.formula.UndefinedValueError`) is a finding
    too, with ``actual`` ``None``.

    >>> from goalkit import KPI
    >>> kpis = [KPI(id=i, title=i, owner="x", level="team", unit="EUR")
    ...         for i in ("sales", "seo", "kol")]
    >>> tree = DriverTree.of(kpis, {"sales": "seo + kol"})
    >>> [m.difference for m in check_targets(tree, {"sales": 100, "seo": 50, "kol": 40})]
    [Fraction(-10, 1)]
    """
    if not isinstance(tree, DriverTree):
        raise ValidationError.single(
            "tree", tree, f"'tree' must be a DriverTree (got {show(tree)})"
        )
    problems = Problems()
    tolerance = cast("Number", coerce(tolerance))
    problems.non_negative("tolerance", tolerance)
    given: dict[str, Number] = {}
    if targets is None:
        given = {k.id: k.target for k in tree.kpis if k.target is not None}
    elif not isinstance(targets, Mapping):
        problems.add("targets", targets, f"'targets' must be a mapping (got {show(targets)})")
    else:
        for key, value in targets.items():
            path = _key("targets", key)
            number = coerce(value)
            if problems.number(path, number):
                with problems.under(path):
                    tree.kpi(key)
                    given[key] = cast("Number", number)
    problems.raise_if_any()
    findings: list[TargetMismatch] = []
    for kpi_id in tree.computed:
        driver = tree.driver_of(kpi_id)
        assert driver is not None
        if kpi_id not in given or any(i not in given for i in driver.input_ids):
            continue
        values = {n: given[driver.input_of(n)] for n in driver.formula.names}
        try:
            actual = driver.formula.evaluate(values)
        except UndefinedValueError as error:
            findings.append(
                TargetMismatch(
                    kpi_id=kpi_id,
                    expected=given[kpi_id],
                    actual=None,
                    difference=None,
                    message=f"the targets under {kpi_id!r} give no value: {error.message}",
                )
            )
            continue
        findings.extend(_compare(kpi_id, given[kpi_id], actual, tolerance, "come"))
    return tuple(findings)


# -- multiplicative decomposition --------------------------------------------------


def _iroot(value: int, degree: int) -> int:
    """The floor of the ``degree``-th root of a non-negative int (Newton from above)."""
    if value < 2:
        return value
    bits = value.bit_length()
    if bits <= 50 * degree:
        # The root is below 2**50: a float estimate, nudged up, starts just above it.
        guess = int(math.exp(math.log(value) / degree) * (1 + 1e-9)) + 2
    else:
        guess = 1 << -(-bits // degree)
    while True:
        better = ((degree - 1) * guess + value // guess ** (degree - 1)) // degree
        if better >= guess:
            return guess
        guess = better


def _exact_root(value: int, degree: int) -> int | None:
    """The ``degree``-th root of ``value`` if it is a whole number, else ``None``."""
    if value < 2:
        return value
    if degree >= value.bit_length():
        return None  # 2 ** degree > value: the root lies between 1 and 2
    root = _iroot(value, degree)
    return root if root**degree == value else None


def _exact_power(base: Fraction, exponent: Fraction) -> Fraction | None:
    """``base ** exponent`` for ``base > 0`` and ``0 <= exponent <= 1``, if rational.

    The root is taken first, so the work is bounded by the size of ``base``
    whatever the exponent (a root of a degree past the base's bit length is
    never a whole number above 1).
    """
    if exponent == 0:
        return Fraction(1)
    top = _exact_root(base.numerator, exponent.denominator)
    bottom = None if top is None else _exact_root(base.denominator, exponent.denominator)
    if top is None or bottom is None:
        return None
    return Fraction(top, bottom) ** exponent.numerator


class _Approximations:
    """Rounded powers of one base, sharing its logarithm (computed once, on first use).

    Everything runs in a copy of goalkit's decimal context, so the caller's
    precision, rounding and traps change nothing.
    """

    def __init__(self, base: Fraction, places: int) -> None:
        self.base = base
        self.places = places
        # Decimal digits of the base's size, estimated from bit lengths (never str()).
        self.size = (base.numerator.bit_length() - base.denominator.bit_length()) * 0.30103
        self._logarithm: Decimal | None = None
        self._found: dict[Fraction, Decimal] = {}

    def _digits(self, exponent: Fraction) -> int:
        """Digits the power has before its point (at least 1), with a margin of one."""
        return max(0, math.ceil(self.size * exponent)) + 2

    def logarithm(self) -> Decimal:
        if self._logarithm is None:
            with localcontext(EXACT_CONTEXT) as context:
                context.prec = self.places + self._digits(Fraction(1)) + 30
                quotient = Decimal(self.base.numerator) / Decimal(self.base.denominator)
                self._logarithm = quotient.ln()
        return self._logarithm

    def power(self, exponent: Fraction) -> Decimal:
        found = self._found.get(exponent)
        if found is None:
            logarithm = self.logarithm()
            with localcontext(EXACT_CONTEXT) as context:
                context.prec = self.places + self._digits(exponent) + 25
                value = (logarithm * exponent.numerator / exponent.denominator).exp()
                found = value.quantize(Decimal(1).scaleb(-self.places))
            self._found[exponent] = found
        return found


def _factor_pairs(value: Iterable[tuple[str, Number]]) -> tuple[tuple[str, Number], ...]:
    pairs = to_tuple(value)
    if isinstance(pairs, tuple):
        return tuple(to_tuple(pair) for pair in pairs)
    return cast("tuple[tuple[str, Number], ...]", pairs)


@attrs.frozen(kw_only=True, repr=False)
class GrowthSplit:
    """A growth factor for a product KPI, spread over its factors.

    If revenue = visitors x conversion x order value must grow by a factor
    ``G`` (1.21 for +21 %), the factors' growth must multiply to ``G``.
    :meth:`spread` gives each free factor ``R ** (w / W)``, where ``R`` is
    what the fixed factors leave and ``w / W`` its weight's share (equal by
    default, so each gets the n-th root). Roots are exact where the numbers
    allow it (1.331 over three factors is 1.1 each); otherwise they are
    rounded to ``places`` decimals.

    :attr:`exact` is a promise: when it is ``True``, the factors multiply to
    :attr:`growth` exactly (``split.product == growth``). It is ``False``
    when a free factor had to be rounded, or when a float is involved (a
    float growth or fixed factor: float arithmetic is approximate, and
    ``1.1 * 1.1`` is not the float ``1.21``).

    Attributes:
        growth: The overall factor.
        factors: ``(name, factor)`` pairs: the fixed factors first, then the
            free ones. Floats when :attr:`growth` is a float; otherwise exact
            roots in the growth's type where that loses nothing (else a
            ``Fraction``), and rounded roots as ``Decimal``.
        exact: Whether the factors are guaranteed to multiply to
            :attr:`growth` exactly (see above).
        places: Decimal places of rounded factors.

    >>> from decimal import Decimal
    >>> GrowthSplit.spread(Decimal("1.331"), ["visitors", "conversion", "order_value"]).as_dict()
    {'visitors': Decimal('1.1'), 'conversion': Decimal('1.1'), 'order_value': Decimal('1.1')}
    >>> split = GrowthSplit.spread(Decimal("1.2"), ["visitors", "conversion"], places=4)
    >>> split.as_dict(), split.exact
    ({'visitors': Decimal('1.0954'), 'conversion': Decimal('1.0954')}, False)
    >>> GrowthSplit.spread(1.21, ["visitors", "conversion"]).exact
    False
    """

    growth: Number
    factors: tuple[tuple[str, Number], ...] = attrs.field(converter=_factor_pairs)
    exact: bool
    places: int

    def __attrs_post_init__(self) -> None:
        factors = self.factors
        if not isinstance(factors, tuple) or not all(
            isinstance(pair, tuple) and len(pair) == 2 and isinstance(pair[0], str)
            for pair in factors
        ):
            raise ValidationError.single(
                "factors",
                factors,
                f"'factors' must be (name, factor) pairs (got {show(factors)})",
            )

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

        Raises:
            ValidationError: for a growth or fixed factor that is not a
                number > 0, malformed factors or places, or a result past
                the admission limit or out of float range.

        >>> GrowthSplit.spread(2, ["a", "b"], fixed={"c": Fraction(1, 2)}).as_dict()
        {'c': Fraction(1, 2), 'a': 2, 'b': 2}
        """
        problems = Problems()
        growth = cast("Number", coerce(growth))
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
        weights_in: Mapping[str, Number] = {}
        if isinstance(factors, Mapping):
            weights_in = factors
        else:
            with problems.under(""):
                weights_in = dict.fromkeys(_children(factors, "factors"), 1)
        checked = _weights(problems, "factors", weights_in) if weights_in else []
        fixed_values: dict[str, tuple[Number, Fraction]] = {}
        if fixed is not None and not isinstance(fixed, Mapping):
            problems.add("fixed", fixed, f"'fixed' must be a mapping (got {show(fixed)})")
            fixed = None
        for name, given in (fixed or {}).items():
            path = _key("fixed", name)
            value = coerce(given)
            problems.text(path, name)
            if problems.number(path, value):
                assert isinstance(value, Number)
                if value <= 0:
                    problems.add(path, value, f"'fixed' factors must be > 0 (got {show(value)})")
                else:
                    fixed_values[name] = (value, _read(value))
            if name in weights_in:
                problems.add(path, name, f"{show(name)} is both fixed and free")
        problems.raise_if_any()
        floating = isinstance(growth, float) or any(
            isinstance(given, float) for given, _ in fixed_values.values()
        )
        left = _read(growth)
        for name, (_, value) in fixed_values.items():
            left = _limited(left / value, _key("fixed", name))
        weight_sum = _sum((w for _, w in checked), "factors")
        result: list[tuple[str, Number]] = [
            (name, _factor_out(value, growth, given, _key("fixed", name)))
            for name, (given, value) in fixed_values.items()
        ]
        rounded = _Approximations(left, places)
        all_exact = True
        for name, weight in checked:
            path = _key("factors", name)
            exponent = weight / weight_sum
            power = _exact_power(left, exponent)
            if power is None:
                all_exact = False
                approximation: Number = rounded.power(exponent)
                if isinstance(growth, float):
                    approximation = to_float(approximation, path)
                result.append((name, approximation))
            else:
                result.append((name, _factor_out(power, growth, growth, path)))
        return cls(
            growth=growth, factors=tuple(result), exact=all_exact and not floating, places=places
        )

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
        """The product of the factors (compare with :attr:`growth`).

        Exact when no factor is a float, otherwise a float, by goalkit's
        number policy.

        Raises:
            ValidationError: when the product is out of range (a float that
                overflows, an exact result past the admission limit).
        """
        values = [value for _, value in self.factors]
        if any(isinstance(value, float) for value in values):
            floating = 1.0
            for value in values:
                floating *= to_float(value, "factors")
            return finite(floating, "product")
        result = Fraction(1)
        for value in values:
            result = _limited(result * Fraction(value), "product")
        return result

    def __repr__(self) -> str:
        return (
            f"GrowthSplit(growth={self.growth!r}, factors={self.as_dict()!r}, exact={self.exact})"
        )


def _factor_out(value: Fraction, growth: Number, template: Number, path: str) -> Number:
    if isinstance(growth, float):
        return to_float(value, path)
    if isinstance(template, float):
        return to_float(value, path)
    if isinstance(template, Decimal | int) and not isinstance(template, bool):
        return like(value, template)
    return value
