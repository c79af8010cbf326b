"""Ranges of numbers with declared edges: the one range type of goalkit.

A :class:`Range` runs from ``low`` to ``high``; ``None`` leaves that end open,
and :attr:`Range.closed` declares which edges the range includes (both, by
default). KPI thresholds (:class:`~goalkit.Threshold`), grading bands
(:class:`goalkit.scoring.Band`) and rating bands
(:class:`goalkit.appraisal.RatingBand`) are ranges with a name:

>>> from fractions import Fraction
>>> amber = Range(low=Fraction(2, 5), high=Fraction(7, 10), closed="low")
>>> amber
Range(low=Fraction(2, 5), high=Fraction(7, 10), closed='low')
>>> str(amber)
'[2/5, 7/10)'
>>> amber.contains(Fraction(2, 5)), amber.contains(Fraction(7, 10))
(True, False)

Two ranges either lie apart, touch (one's ``high`` is the other's ``low``, so
they share at most that edge) or overlap (they share more than a touching
edge):

>>> green = Range(low=Fraction(7, 10))
>>> amber.touches(green), amber.overlaps(green)
(True, False)

Where touching ranges both include their shared edge, the set they belong to
says which one holds it, by a :class:`Side` (:func:`locate`): a KPI gives it
to the better side of its polarity, a grading scale to the band above, a
rating map to the side it names.

Comparisons follow goalkit's arithmetic policy: exact numbers (``int``,
``Decimal``, ``Fraction``) compare exactly; when a ``float`` takes part, every
number of that comparison is compared as the nearest float (past the float
range, as an infinity), so a float progress of ``0.7`` meets an edge of
``Fraction(7, 10)``. Comparisons never raise for admitted numbers.

This module sits below :mod:`goalkit.measures`; it depends only on the number,
validation and error helpers.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Iterator, Sequence
from enum import StrEnum
from fractions import Fraction
from typing import TypeVar, cast

import attrs

from goalkit._numbers import Exact, Number, coerce_optional, is_plain_number
from goalkit._show import show
from goalkit._validation import Problems, at, require_enum, to_enum
from goalkit.exceptions import ValidationError

__all__ = [
    "Closed",
    "NamedRange",
    "Range",
    "Side",
    "compare",
    "locate",
    "require_contiguous",
]


class Closed(StrEnum):
    """Which edges of a :class:`Range` the range includes.

    * ``BOTH``: ``[low, high]``, the default.
    * ``LOW``: ``[low, high)``.
    * ``HIGH``: ``(low, high]``.
    * ``NEITHER``: ``(low, high)``.

    An open end (``None``) has no edge, so its half of the declaration has no effect.

    >>> Closed.LOW.includes_low, Closed.LOW.includes_high
    (True, False)
    """

    BOTH = "both"
    LOW = "low"
    HIGH = "high"
    NEITHER = "neither"

    @property
    def includes_low(self) -> bool:
        """Whether a range closed this way includes its low edge."""
        return self in (Closed.BOTH, Closed.LOW)

    @property
    def includes_high(self) -> bool:
        """Whether a range closed this way includes its high edge."""
        return self in (Closed.BOTH, Closed.HIGH)


class Side(StrEnum):
    """Which of two touching ranges holds the edge they both include.

    * ``UPPER``: the range above the edge (a score on a threshold earns it).
    * ``LOWER``: the range below the edge.
    """

    UPPER = "upper"
    LOWER = "lower"


# -- comparing numbers ----------------------------------------------------------


def _as_float(value: Number) -> float:
    # Rounding to the nearest float keeps the order (it is monotone); past the
    # float range an exact number compares as the infinity on its side.
    if isinstance(value, float):
        return value
    try:
        return float(value)
    except OverflowError:
        return math.inf if value > 0 else -math.inf


def _exact_keys(values: Sequence[Number]) -> list[Exact]:
    """The values as one kind of number, to compare among themselves by the policy."""
    if len({type(v) for v in values}) == 1:
        # One type compares exactly (or as floats) among itself.
        return cast(list[Exact], list(values))
    if any(isinstance(v, float) for v in values):
        return [_as_float(v) for v in values]
    return [Fraction(v) for v in values]


def _cmp(a: Number, b: Number) -> int:
    x, y = _exact_keys((a, b))
    return (x > y) - (x < y)


def compare(a: Number, b: Number) -> int:
    """Compare two numbers as every range does: ``-1``, ``0`` or ``1``.

    Exact numbers compare exactly, whatever their types; with a ``float``, both
    compare as floats.

    Raises:
        ValidationError: when either is not an accepted number.

    >>> from decimal import Decimal
    >>> compare(Decimal("0.1"), Fraction(1, 10)), compare(0.7, Fraction(7, 10))
    (0, 0)
    >>> compare(Fraction(1, 3), Decimal("0.3333"))
    1
    """
    problems = Problems()
    problems.number("a", a)
    problems.number("b", b)
    problems.raise_if_any()
    return _cmp(a, b)


def _edge_text(value: Number) -> str:
    if isinstance(value, int) and value.bit_length() > 200:
        return show(value)
    text = f"{value.numerator}/{value.denominator}" if isinstance(value, Fraction) else str(value)
    return text if len(text) <= 60 else show(value)


# -- the range type --------------------------------------------------------------


_TO_CLOSED = to_enum(Closed)


def _to_closed(value: object) -> Closed:
    # Lenient: a value that is no member stays as it is, for validation to report.
    return cast(Closed, _TO_CLOSED(value))


@attrs.frozen(kw_only=True, repr=False)
class Range:
    """The numbers from ``low`` to ``high``, with declared edges.

    Attributes:
        low: The lower edge; ``None`` for no lower limit.
        high: The upper edge; ``None`` for no upper limit.
        closed: Which edges the range includes (:class:`Closed`, both by default).

    ``low`` must not be above ``high``; when they are equal the range is the
    single number, and must include both edges (otherwise it would hold
    nothing).

    >>> Range(low=95)
    Range(low=95)
    >>> Range(low=0, high=1, closed="neither").contains(0)
    False
    >>> Range(low=5, high=1)
    Traceback (most recent call last):
    ...
    goalkit.exceptions.ValidationError: low: 'low' must not be above 'high' (got 5 and 1)
    """

    low: Number | None = attrs.field(default=None, converter=coerce_optional)
    high: Number | None = attrs.field(default=None, converter=coerce_optional)
    closed: Closed = attrs.field(default=Closed.BOTH, converter=_to_closed)

    def __attrs_post_init__(self) -> None:
        if not self._well_formed():
            problems = Problems()
            self._check(problems)
            problems.raise_if_any()

    def _well_formed(self) -> bool:
        """A fast yes for the usual, valid range; ``False`` means "check properly"."""
        low, high = self.low, self.high
        if not (
            (low is None or is_plain_number(low))
            and (high is None or is_plain_number(high))
            and type(self.closed) is Closed
        ):
            return False
        if low is None or high is None:
            return True
        order = _cmp(low, high)
        return order < 0 or (order == 0 and self.closed is Closed.BOTH)

    def _check(self, problems: Problems) -> None:
        """Record every problem of the range's own fields."""
        low_ok = problems.optional_number("low", self.low)
        high_ok = problems.optional_number("high", self.high)
        closed_ok = problems.enum("closed", self.closed, Closed)
        if not (low_ok and high_ok) or self.low is None or self.high is None:
            return
        order = _cmp(self.low, self.high)
        if order > 0:
            problems.add(
                "low",
                self.low,
                f"'low' must not be above 'high' (got {show(self.low)} and {show(self.high)})",
            )
        elif order == 0 and closed_ok and self.closed is not Closed.BOTH:
            problems.add(
                "closed",
                self.closed,
                f"a range from {_edge_text(self.low)} to {_edge_text(self.high)} holds "
                f"nothing unless both edges are included (got closed={show(self.closed.value)})",
            )

    # -- reading ------------------------------------------------------------------

    @property
    def includes_low(self) -> bool:
        """Whether ``low`` is a number the range includes (``False`` for an open end)."""
        return self.low is not None and self.closed.includes_low

    @property
    def includes_high(self) -> bool:
        """Whether ``high`` is a number the range includes (``False`` for an open end)."""
        return self.high is not None and self.closed.includes_high

    def contains(self, value: Number) -> bool:
        """Whether ``value`` lies in the range, by its declared edges.

        Raises:
            ValidationError: when ``value`` is not an accepted number.

        >>> Range(low=0, high=1, closed="low").contains(1)
        False
        >>> Range(high=1).contains(-10**9)
        True
        """
        _require_number(value)
        return self._holds(value)

    def _holds(self, value: Number) -> bool:
        low, high = self.low, self.high
        numbers: list[Number] = [value]
        if low is not None:
            numbers.append(low)
        if high is not None:
            numbers.append(high)
        keys = _exact_keys(numbers)
        number = keys[0]
        index = 1
        if low is not None:
            edge = keys[index]
            index += 1
            if number < edge or (number == edge and not self.closed.includes_low):
                return False
        if high is not None:
            edge = keys[index]
            if number > edge or (number == edge and not self.closed.includes_high):
                return False
        return True

    def touches(self, other: Range) -> bool:
        """Whether the two ranges meet end to end: one's ``high`` is the other's ``low``.

        Touching ranges share at most that edge: exactly it when both include
        it, nothing otherwise.

        >>> Range(low=0, high=1).touches(Range(low=1, high=2, closed="high"))
        True
        >>> Range(low=0, high=1).touches(Range(low=2))
        False
        """
        _require_range("other", other)
        return (
            self.high is not None and other.low is not None and _cmp(self.high, other.low) == 0
        ) or (other.high is not None and self.low is not None and _cmp(other.high, self.low) == 0)

    def overlaps(self, other: Range) -> bool:
        """Whether the two ranges share more than a touching edge.

        Touching ranges do not overlap, even when both include their shared edge.

        >>> Range(low=0, high=2).overlaps(Range(low=1, high=3))
        True
        >>> Range(low=0, high=1).overlaps(Range(low=1, high=2))
        False
        """
        _require_range("other", other)
        return self._shares(other) and not self.touches(other)

    def _shares(self, other: Range) -> bool:
        """Whether some number lies in both ranges."""
        lows = [edge for edge in (self.low, other.low) if edge is not None]
        highs = [edge for edge in (self.high, other.high) if edge is not None]
        if not lows or not highs:
            return True  # both are open on one side: they share a half-line at least
        keys = _exact_keys([*lows, *highs])
        low_keys, high_keys = keys[: len(lows)], keys[len(lows) :]
        start = max(range(len(lows)), key=lambda i: low_keys[i])
        stop = min(range(len(highs)), key=lambda i: high_keys[i])
        if low_keys[start] != high_keys[stop]:
            return bool(low_keys[start] < high_keys[stop])
        edge = lows[start]
        return self._holds(edge) and other._holds(edge)

    def lies_above(self, value: Number) -> bool:
        """Whether every number of the range is above ``value``: ``value`` lies below it.

        >>> Range(low=1, closed="neither").lies_above(1), Range(low=1).lies_above(1)
        (True, False)
        """
        _require_number(value)
        if self.low is None:
            return False
        order = _cmp(self.low, value)
        return order > 0 or (order == 0 and not self.closed.includes_low)

    def lies_below(self, value: Number) -> bool:
        """Whether every number of the range is below ``value``: ``value`` lies above it.

        >>> Range(high=1, closed="low").lies_below(1), Range(high=1).lies_below(2)
        (True, True)
        """
        _require_number(value)
        if self.high is None:
            return False
        order = _cmp(self.high, value)
        return order < 0 or (order == 0 and not self.closed.includes_high)

    def _extends_above(self, value: Number) -> bool:
        return self.high is None or _cmp(self.high, value) > 0

    def _extends_below(self, value: Number) -> bool:
        return self.low is None or _cmp(self.low, value) < 0

    # -- showing ------------------------------------------------------------------

    def _repr_fields(self) -> Iterator[str]:
        """The arguments of the repr after the name-like ones of a subclass."""
        if self.low is not None:
            yield f"low={show(self.low)}"
        if self.high is not None:
            yield f"high={show(self.high)}"
        if self.closed is not Closed.BOTH:
            yield f"closed={show(self.closed.value)}"

    def __repr__(self) -> str:
        return f"{type(self).__name__}({', '.join(self._repr_fields())})"

    def __str__(self) -> str:
        """The range in interval notation: ``[95, 100]``, ``(-inf, 2.5)``."""
        low = "-inf" if self.low is None else _edge_text(self.low)
        high = "inf" if self.high is None else _edge_text(self.high)
        left = "[" if self.includes_low else "("
        right = "]" if self.includes_high else ")"
        return f"{left}{low}, {high}{right}"


@attrs.frozen(kw_only=True, repr=False)
class NamedRange(Range):
    """A :class:`Range` with a name, the base of KPI thresholds and grading bands.

    Attributes:
        name: What the range is called (non-blank).

    >>> NamedRange(name="green", low=95)
    NamedRange(name='green', low=95)
    """

    name: str

    def _well_formed(self) -> bool:
        name = self.name
        return type(name) is str and bool(name.strip()) and super()._well_formed()

    def _check(self, problems: Problems) -> None:
        problems.text("name", self.name)
        super()._check(problems)

    def _repr_fields(self) -> Iterator[str]:
        yield f"name={show(self.name)}"
        yield from super()._repr_fields()


def _require_number(value: object) -> None:
    if not is_plain_number(value):
        problems = Problems()
        problems.number("value", value)
        problems.raise_if_any()


def _require_range(path: str, value: object) -> None:
    if not isinstance(value, Range):
        raise ValidationError.single(path, value, f"'{path}' must be a Range (got {show(value)})")


# -- sets of ranges -------------------------------------------------------------

T = TypeVar("T", bound=Range)


def locate(
    value: Number,
    ranges: Iterable[T],
    *,
    shared: Side | str | Callable[[Number], Side] = Side.UPPER,
) -> T | None:
    """The range of ``ranges`` that holds ``value``, or ``None`` when none does.

    The ranges may touch but not overlap. A value on an edge that two touching
    ranges both include goes to the one ``shared`` names: ``"upper"`` (the
    default) or ``"lower"``, or a function of the edge that says which.

    Raises:
        ValidationError: when ``value`` is not an accepted number or
            ``shared`` not a side.

    >>> bands = [Range(high=90), Range(low=90, high=95), Range(low=95)]
    >>> locate(90, bands), locate(90, bands, shared="lower")
    (Range(low=90, high=95), Range(high=90))
    >>> locate(95.5, [Range(low=0, high=1)]) is None
    True
    """
    side = shared if callable(shared) else require_enum("shared", shared, Side)
    hits = [item for item in ranges if item.contains(value)]
    if len(hits) <= 1:
        return hits[0] if hits else None
    if not isinstance(side, Side):
        side = require_enum("shared", side(value), Side)
    for item in hits:
        if item._extends_above(value) if side is Side.UPPER else item._extends_below(value):
            return item
    return hits[-1] if side is Side.UPPER else hits[0]


def require_contiguous(ranges: Sequence[Range], *, path: str = "bands", noun: str = "band") -> None:
    """Check that ``ranges``, lowest first, cover one stretch of numbers without gaps.

    Each range's ``high`` must be the next one's ``low`` and at least one of the
    two must include that edge; only the first may have no ``low`` and only
    the last no ``high``. Every problem is reported at once, at
    ``{path}[index]``.

    Raises:
        ValidationError: for a gap, an overlap or an open end in the middle.

    >>> require_contiguous([Range(high=1), Range(low=1, high=2), Range(low=2)])
    >>> require_contiguous([Range(low=0, high=1), Range(low=2, high=3)])
    Traceback (most recent call last):
    ...
    goalkit.exceptions.ValidationError: bands[1]: the bands leave a gap between 1 and 2
    """
    problems = Problems()
    last = len(ranges) - 1
    for index, item in enumerate(ranges):
        if not isinstance(item, Range):
            problems.add(at(path, index), item, f"'{path}' must hold ranges (got {show(item)})")
            continue
        if index > 0 and item.low is None:
            problems.add(f"{at(path, index)}.low", None, f"only the first {noun} may have no 'low'")
        if index < last and item.high is None:
            problems.add(
                f"{at(path, index)}.high", None, f"only the last {noun} may have no 'high'"
            )
    problems.raise_if_any()
    for index in range(last):
        below, above = ranges[index], ranges[index + 1]
        assert below.high is not None
        assert above.low is not None
        order = _cmp(below.high, above.low)
        where = at(path, index + 1)
        if order < 0:
            problems.add(
                where,
                above.low,
                f"the {noun}s leave a gap between {_edge_text(below.high)} and "
                f"{_edge_text(above.low)}",
            )
        elif order > 0:
            problems.add(
                where,
                above.low,
                f"the {noun}s overlap from {_edge_text(above.low)} to {_edge_text(below.high)}",
            )
        elif not below.includes_high and not above.includes_low:
            problems.add(
                where,
                above.low,
                f"the {noun}s leave {_edge_text(above.low)} out: neither {at(path, index)} "
                f"nor {where} includes it",
            )
    problems.raise_if_any()
