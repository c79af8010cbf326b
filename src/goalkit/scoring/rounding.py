"""Rounding for presentation, as a declared policy.

Scores are computed exactly (or in float for float inputs) and never rounded on
the way. Only when a number is shown does a :class:`Rounding` policy turn it
into a :class:`~decimal.Decimal` with a fixed number of places.

* A :class:`~fractions.Fraction` is rounded exactly, with integer arithmetic.
* A ``float`` is rounded by the shortest decimal that reads back as the same
  float (what ``repr`` shows): ``0.675`` rounds like ``Decimal("0.675")``, not
  like the binary value just below it, so 0.675 always rounds the same way.
* The result does not depend on :func:`decimal.getcontext`: its precision and
  rounding are never used.
* Only numbers goalkit admits are rounded (at most 1,000 digits before and
  after the point), and to at most :data:`MAX_PLACES` places, so rounding
  always takes a moment.

>>> Rounding(places=2).round(0.675)
Decimal('0.68')
>>> Rounding(places=2, mode="half_even").round(Fraction(665, 1000))
Decimal('0.66')
"""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum
from fractions import Fraction
from typing import Protocol, cast

import attrs

from goalkit._numbers import EXACT_CONTEXT, MAX_DIGITS, Number
from goalkit._validation import Problems, to_enum

__all__ = ["MAX_PLACES", "Rounding", "RoundingMode", "RoundingPolicy"]

MAX_PLACES = MAX_DIGITS
"""The most decimal places a :class:`Rounding` keeps (1,000, goalkit's precision limit)."""


class RoundingMode(StrEnum):
    """How a value exactly half-way between two candidates rounds.

    * ``HALF_UP``: away from zero (0.675 -> 0.68, -0.675 -> -0.68), what most
      people expect from a report.
    * ``HALF_EVEN``: to the even neighbour (0.665 -> 0.66, 0.675 -> 0.68), the
      banker's rounding that does not drift when many values are summed.
    """

    HALF_UP = "half_up"
    HALF_EVEN = "half_even"


class RoundingPolicy(Protocol):
    """Turns a score into the :class:`~decimal.Decimal` shown to people."""

    def round(self, value: Number) -> Decimal:
        """Round ``value`` for presentation."""
        ...


_TO_MODE = to_enum(RoundingMode)


def _mode(value: RoundingMode | str) -> RoundingMode:
    return cast(RoundingMode, _TO_MODE(value))  # anything else is reported by validation


@attrs.frozen(kw_only=True)
class Rounding:
    """Round half-up (default) or half-even to a number of decimal places.

    Attributes:
        places: Decimal places to keep (0 to :data:`MAX_PLACES`).
        mode: The tie-breaking rule (a :class:`RoundingMode` or its value).

    >>> Rounding(places=1).round(Fraction(1, 4))
    Decimal('0.3')
    >>> Rounding(places=1, mode=RoundingMode.HALF_EVEN).round(Fraction(1, 4))
    Decimal('0.2')
    """

    places: int = 2
    mode: RoundingMode = attrs.field(default=RoundingMode.HALF_UP, converter=_mode)

    def __attrs_post_init__(self) -> None:
        problems = Problems()
        if problems.whole_number("places", self.places) and self.places > MAX_PLACES:
            problems.add(
                "places",
                self.places,
                f"'places' must be at most {MAX_PLACES:,} (got {self.places:,})",
            )
        problems.enum("mode", self.mode, RoundingMode)
        problems.raise_if_any()

    def round(self, value: Number) -> Decimal:
        """Round ``value`` to :attr:`places` places with :attr:`mode`.

        Raises:
            ValidationError: if ``value`` is not a finite number goalkit
                admits (see :ref:`numbers`: at most 1,000 digits
                before and after the point), checked before any arithmetic.
        """
        problems = Problems()
        if not problems.number("value", value):
            problems.raise_if_any()
        number = Fraction(repr(value)) if isinstance(value, float) else Fraction(value)
        scaled = number * 10**self.places
        whole, rest = divmod(scaled.numerator, scaled.denominator)
        twice = 2 * rest
        if twice > scaled.denominator or (
            twice == scaled.denominator and (self.mode is RoundingMode.HALF_UP or whole % 2 == 1)
        ):
            whole += 1
        if number < 0 and twice == scaled.denominator and self.mode is RoundingMode.HALF_UP:
            # divmod floors toward minus infinity; half-up means away from zero
            whole -= 1
        return Decimal(whole).scaleb(-self.places, EXACT_CONTEXT)
