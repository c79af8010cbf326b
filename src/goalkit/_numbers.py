"""Numbers as goalkit accepts and computes them (private).

goalkit accepts ``int``, :class:`~decimal.Decimal`, :class:`~fractions.Fraction`
and ``float``. ``bool`` is refused (``True`` is an ``int`` to Python, but a
check-in of ``True`` is almost always a bug), as are NaN and the infinities.

Arithmetic policy, used by every computation in the package:

* if any operand is a ``float``, compute in ``float``;
* otherwise compute exactly in :class:`~fractions.Fraction` (``Decimal`` and
  ``Fraction`` do not mix in Python, and ``Decimal`` division rounds).

So exact inputs give exact results, and nothing rounds until a declared
rounding policy is applied for presentation.
"""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction
from typing import TypeAlias

Number: TypeAlias = int | Decimal | Fraction | float
"""A value goalkit accepts: ``int``, ``Decimal``, ``Fraction`` or finite ``float``."""

Exact: TypeAlias = Fraction | float
"""The result of goalkit arithmetic: ``Fraction`` for exact inputs, ``float`` otherwise."""

NUMBER_TYPES = (int, Decimal, Fraction, float)


def number_problem(value: object) -> str | None:
    """Say what is wrong with ``value`` as a number, or return ``None``.

    >>> number_problem(3) is None
    True
    >>> number_problem(float("nan"))
    'must be a finite number'
    >>> number_problem("ten")
    'must be a number'
    """
    if isinstance(value, bool) or not isinstance(value, NUMBER_TYPES):
        return "must be a number"
    if isinstance(value, Decimal):
        if not value.is_finite():
            return "must be a finite number"
    elif isinstance(value, float) and not math.isfinite(value):
        return "must be a finite number"
    return None


def is_plain_number(value: object) -> bool:
    """A fast yes for the usual accepted numbers; ``False`` means "check properly".

    >>> is_plain_number(3), is_plain_number(True), is_plain_number(float("inf"))
    (True, False, False)
    """
    kind = type(value)
    if kind is int or kind is Fraction:
        return True
    if isinstance(value, Decimal) and kind is Decimal:
        return value.is_finite()
    if isinstance(value, float) and kind is float:
        return math.isfinite(value)
    return False


def exact(value: Number) -> Exact:
    """Convert an accepted number to the arithmetic type of the policy.

    >>> exact(Decimal("0.1"))
    Fraction(1, 10)
    >>> exact(0.5)
    0.5
    """
    if isinstance(value, float):
        return value
    return Fraction(value)


def is_float(*values: Number) -> bool:
    """Whether any value forces float arithmetic."""
    return any(isinstance(v, float) for v in values)


def to_policy(value: Exact, *sources: Number) -> Exact:
    """Express ``value`` in the arithmetic type implied by ``sources``.

    >>> to_policy(Fraction(1, 2), 1.0)
    0.5
    >>> to_policy(Fraction(1, 2), 1)
    Fraction(1, 2)
    """
    if is_float(*sources):
        return float(value)
    return value if isinstance(value, Fraction) else Fraction(value)


def like(value: Exact, template: Number) -> Number:
    """Express an exact result in the type of ``template`` where that loses nothing.

    Used to give back a derived target in the caller's own type: a ``Decimal``
    baseline gives a ``Decimal`` target when the result is a terminating decimal.

    >>> like(Fraction(23, 2), Decimal("1.0"))
    Decimal('11.5')
    >>> like(Fraction(1, 3), Decimal("1"))
    Fraction(1, 3)
    >>> like(Fraction(4), 1)
    4
    """
    if isinstance(value, float):
        return value
    if isinstance(template, float):
        return float(value)
    if isinstance(template, int) and value.denominator == 1:
        return int(value)
    if isinstance(template, Decimal | int):
        as_decimal = fraction_to_decimal(value)
        if as_decimal is not None:
            return as_decimal
    return value


def fraction_to_decimal(value: Fraction) -> Decimal | None:
    """Return the exact ``Decimal`` equal to ``value``, or ``None`` if it repeats.

    >>> fraction_to_decimal(Fraction(3, 8))
    Decimal('0.375')
    >>> fraction_to_decimal(Fraction(1, 3)) is None
    True
    """
    denominator = value.denominator
    twos = fives = 0
    while denominator % 2 == 0:
        denominator //= 2
        twos += 1
    while denominator % 5 == 0:
        denominator //= 5
        fives += 1
    if denominator != 1:
        return None
    places = max(twos, fives)
    scaled = value * 10**places
    return Decimal(int(scaled)).scaleb(-places)
