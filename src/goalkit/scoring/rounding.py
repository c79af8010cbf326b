"""Rounding for presentation, as a declared policy.

Scores are computed exactly (or in float for float inputs) and never rounded on
the way. Only when a number is shown does a :class:`Rounding` policy turn it
into a :class:`~decimal.Decimal` with a fixed number of places.

* A :class:`~fractions.Fraction` is rounded exactly, with integer arithmetic.
* A ``float`` is rounded by the shortest decimal that reads back as the same
  float (what ``repr`` shows): ``0.675`` rounds like ``Decimal("0.675")``, not
  like the binary value just below it, so 0.675 always rounds the same way.

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

from goalkit._numbers import Number
from goalkit._show import show
from goalkit._validation import Problems

__all__ = ["Rounding", "RoundingMode", "RoundingPolicy"]


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


def _mode(value: RoundingMode | str) -> RoundingMode:
    try:
        return RoundingMode(value)
    except ValueError:
        return cast(RoundingMode, value)  # reported by validation


@attrs.frozen(kw_only=True)
class Rounding:
    """Round half-up (default) or half-even to a number of decimal places.

    Attributes:
        places: Decimal places to keep (0 or more).
        mode: The tie-breaking rule.

    >>> Rounding(places=1).round(Fraction(1, 4))
    Decimal('0.3')
    >>> Rounding(places=1, mode=RoundingMode.HALF_EVEN).round(Fraction(1, 4))
    Decimal('0.2')
    """

    places: int = 2
    mode: RoundingMode = attrs.field(default=RoundingMode.HALF_UP, converter=_mode)

    def __attrs_post_init__(self) -> None:
        problems = Problems()
        problems.whole_number("places", self.places)
        if not isinstance(self.mode, RoundingMode):
            problems.add(
                "mode",
                self.mode,
                f"'mode' must be 'half_up' or 'half_even' (got {show(self.mode)})",
            )
        problems.raise_if_any()

    def round(self, value: Number) -> Decimal:
        """Round ``value`` to :attr:`places` places with :attr:`mode`.

        Raises:
            ValidationError: if ``value`` is not a finite number.
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
        return Decimal(whole).scaleb(-self.places)
