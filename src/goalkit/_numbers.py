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

Admission: an exact number is accepted when its magnitude is below
``10**MAX_DIGITS`` (:data:`MAX_DIGITS` is 1,000) and it has no more than 1,000
digits after its point: a ``Decimal``'s exponent is at least -1,000, and a
``Fraction``'s denominator, in lowest terms, is at most ``10**1000``. That
admits any amount of money or count a ledger holds (40 significant digits are
nothing to it), stays far inside Python's own int-string limit of 4,300 digits,
and keeps every computation on admitted numbers fast. Derived exact results are
held to the same limit (:func:`bounded`), so a hostile input is refused at once rather than computed
for minutes. Floats have no further limit than being finite.

Where exact numbers meet a float, the exact ones are converted by
:func:`to_float`, which refuses a value that no finite float can stand for
(too large, or so small that it would become zero), and float results are
checked by :func:`finite`, so no ``inf``, NaN, ``OverflowError`` or
``ZeroDivisionError`` escapes from arithmetic.

Other kinds of number (``numpy.int64``, ``numpy.float64``, any
:class:`numbers.Integral` or :class:`numbers.Real` a DataFrame column yields)
are accepted and stored as Python ``int`` or ``float`` by :func:`coerce`.

All ``Decimal`` arithmetic runs in :data:`EXACT_CONTEXT`, never in the
caller's :func:`decimal.getcontext`.
"""

from __future__ import annotations

import decimal
import math
import numbers
from decimal import Decimal
from fractions import Fraction
from typing import TypeAlias, cast

from goalkit._show import show
from goalkit.exceptions import ValidationError

Number: TypeAlias = int | Decimal | Fraction | float
"""A value goalkit accepts: ``int``, ``Decimal``, ``Fraction`` or finite ``float``."""

Exact: TypeAlias = Fraction | float
"""The result of goalkit arithmetic: ``Fraction`` for exact inputs, ``float`` otherwise."""

NUMBER_TYPES = (int, Decimal, Fraction, float)

MAX_DIGITS = 1000
"""The most decimal digits an exact number may have before its point, and after it."""

LIMIT = 10**MAX_DIGITS
"""Exact magnitudes must be below this, and denominators at most this."""

_LIMIT_TEXT = f"numbers are limited to {MAX_DIGITS:,} digits before and after the point"

EXACT_CONTEXT = decimal.Context(
    prec=decimal.MAX_PREC,
    rounding=decimal.ROUND_HALF_EVEN,
    Emax=decimal.MAX_EMAX,
    Emin=decimal.MIN_EMIN,
    traps=[decimal.InvalidOperation, decimal.DivisionByZero, decimal.Overflow],
)
"""The decimal context of all goalkit ``Decimal`` arithmetic: exact, whatever the caller set.

Only operations whose exact result is finite (addition, subtraction,
multiplication, ``scaleb``, ``quantize``) may run in it; division goes
through :class:`~fractions.Fraction`.
"""


def number_problem(value: object) -> str | None:
    """Say what is wrong with ``value`` as a number, or return ``None``.

    >>> number_problem(3) is None
    True
    >>> number_problem(float("nan"))
    'must be a finite number'
    >>> number_problem("ten")
    'must be a number'
    >>> number_problem(Decimal("1E+5000"))
    'is too large: numbers are limited to 1,000 digits before and after the point'
    """
    if isinstance(value, bool) or not isinstance(value, NUMBER_TYPES):
        return "must be a number"
    kind = type(value)
    if kind is float or isinstance(value, float):
        return None if math.isfinite(value) else "must be a finite number"
    if isinstance(value, Decimal):
        return _decimal_problem(value)
    if isinstance(value, Fraction):
        return _size_problem(value.numerator, value.denominator)
    return _size_problem(value, 1)


def _size_problem(numerator: int, denominator: int) -> str | None:
    # Comparing an int with LIMIT looks at sizes first, so this is O(1) for ordinary values.
    if -LIMIT < numerator < LIMIT and denominator <= LIMIT:
        return None
    if denominator > LIMIT:
        return f"is too precise: {_LIMIT_TEXT}"
    if abs(numerator) >= LIMIT * denominator:
        return f"is too large: {_LIMIT_TEXT}"
    return None


def _decimal_problem(value: Decimal) -> str | None:
    if not value.is_finite():
        return "must be a finite number"
    exponent = value.as_tuple().exponent
    assert isinstance(exponent, int)  # finite
    if value and value.adjusted() >= MAX_DIGITS:
        return f"is too large: {_LIMIT_TEXT}"
    if exponent < -MAX_DIGITS:
        return f"is too precise: {_LIMIT_TEXT}"
    return None


def coerce(value: object) -> object:
    """Give a foreign number as goalkit stores it; leave anything else as it is.

    numpy and pandas scalars (any :class:`numbers.Integral` or
    :class:`numbers.Real` that is not a ``bool``) become ``int`` or ``float``;
    the four accepted types are returned unchanged, and so is anything that is
    not a number, for validation to report with its field's name.

    >>> import numbers
    >>> class Count(int): ...
    >>> type(coerce(Count(3)))
    <class 'int'>
    >>> coerce("ten")
    'ten'
    """
    kind = type(value)
    if kind is int or kind is float or kind is Decimal or kind is Fraction:
        return value
    if isinstance(value, bool) or type(value).__name__ == "bool_":
        return value
    try:
        if isinstance(value, numbers.Integral):
            return int(value)
        if isinstance(value, numbers.Real) and not isinstance(value, Decimal | Fraction):
            return float(value)
    except (TypeError, ValueError, OverflowError):
        return value
    return value


def coerce_optional(value: object) -> object:
    """:func:`coerce`, passing ``None`` through (an attrs converter for optional fields)."""
    return None if value is None else coerce(value)


def is_plain_number(value: object) -> bool:
    """A fast yes for the usual accepted numbers; ``False`` means "check properly".

    >>> is_plain_number(3), is_plain_number(True), is_plain_number(float("inf"))
    (True, False, False)
    """
    # Type identity, not isinstance: Fraction is a numbers.Rational, whose
    # isinstance goes through the ABC machinery, and this runs per number field.
    kind = type(value)
    if kind is int:
        return bool(-LIMIT < cast(int, value) < LIMIT)
    if kind is float:
        return math.isfinite(cast(float, value))
    if kind is Decimal:
        return _decimal_problem(cast(Decimal, value)) is None
    if kind is Fraction:
        fraction = cast(Fraction, value)
        return _size_problem(fraction.numerator, fraction.denominator) is None
    return False


def to_float(value: Number, path: str = "value") -> float:
    """The finite float that stands for ``value``, for float arithmetic.

    Raises:
        ValidationError: when ``value`` is exact and no finite float stands for
            it: too large for a float, or so small that it would become zero.

    >>> to_float(Fraction(1, 4))
    0.25
    >>> to_float(Decimal("1E+400"), "a")
    Traceback (most recent call last):
    ...
    goalkit.exceptions.ValidationError: a: 'a' is too large to compute with floats ...
    """
    if type(value) is float:
        return value
    try:
        result = float(value)
    except OverflowError:
        result = math.inf
    if math.isfinite(result) and (result != 0 or value == 0):
        return result
    leaf = _leaf(path)
    size = "large" if not math.isfinite(result) else "small"
    raise ValidationError.single(
        path,
        value,
        f"'{leaf}' is too {size} to compute with floats (got {show(value)})",
    )


def finite(value: float, path: str = "value") -> float:
    """Return a float result, refusing one that overflowed to ``inf`` or NaN.

    >>> finite(1e308 * 10, "total")
    Traceback (most recent call last):
    ...
    goalkit.exceptions.ValidationError: total: 'total' overflows float arithmetic (got inf)
    """
    if math.isfinite(value):
        return value
    raise ValidationError.single(
        path, value, f"'{_leaf(path)}' overflows float arithmetic (got {show(value)})"
    )


def bounded(value: Exact, path: str = "value") -> Exact:
    """Return a derived result, refusing an exact one past the admission limit.

    >>> bounded(Fraction(1, 3))
    Fraction(1, 3)
    >>> bounded(Fraction(1, 10**2000), "progress")
    Traceback (most recent call last):
    ...
    goalkit.exceptions.ValidationError: progress: 'progress' is too precise: ...
    """
    if type(value) is float:
        return finite(value, path)
    assert isinstance(value, Fraction)
    problem = _size_problem(value.numerator, value.denominator)
    if problem is None:
        return value
    raise ValidationError.single(
        path,
        value,
        f"'{_leaf(path)}' {problem}; the exact result would exceed them (got {show(value)})",
    )


def _leaf(path: str) -> str:
    tail = path.rsplit(".", 1)[-1]
    return tail.split("[", 1)[0] or tail


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
        return to_float(value) if not isinstance(value, float) else value
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
    if denominator >= LIMIT:
        return None
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
    return Decimal(int(scaled)).scaleb(-places, EXACT_CONTEXT)
