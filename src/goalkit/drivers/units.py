"""Units of computed KPIs: a small algebra of named units with integer powers.

A unit such as ``EUR/hour`` is read as ``EUR`` to the power 1 and ``hour`` to
the power -1. Multiplying and dividing values multiplies and divides their
units; adding or comparing values needs equal units. Names are opaque: goalkit
does not know that ``hours`` and ``hour`` are the same thing, or convert
between ``EUR`` and ``kEUR``.

Grammar: parts separated by ``/``, the first the numerator and every later one
a denominator (``EUR/hour/person`` is EUR per hour per person); inside a part,
names separated by ``*``, ``·`` or spaces, each with an optional integer power
``^n``. ``1`` is the dimensionless unit.

>>> Unit.parse("EUR / hour")
Unit.parse('EUR/hour')
>>> str(Unit.parse("visitor") * Unit.parse("order/visitor") * Unit.parse("EUR/order"))
'EUR'
>>> str(Unit.parse("m*m") / Unit.parse("s^2"))
'm^2/s^2'
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import attrs

from goalkit._show import show
from goalkit.exceptions import ValidationError

__all__ = ["DIMENSIONLESS", "Unit"]

_MAX_UNIT_LENGTH = 200
_MAX_POWER = 10_000
_TOKEN = re.compile(r"^([^\s*·/^]+)(?:\^(-?[0-9]{1,2}))?$")


def _is_pair(item: object) -> bool:
    return (
        isinstance(item, tuple | list)
        and len(item) == 2
        and isinstance(item[0], str)
        and bool(item[0].strip())
        and type(item[1]) is int
        and abs(item[1]) <= _MAX_POWER
    )


def _powers(value: Iterable[tuple[str, int]]) -> tuple[tuple[str, int], ...]:
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise _bad_powers(value)
    items = list(value)
    if not all(_is_pair(item) for item in items):
        raise _bad_powers(items)
    merged: dict[str, int] = {}
    for name, power in items:
        merged[name] = merged.get(name, 0) + power
    return tuple(sorted((n, p) for n, p in merged.items() if p != 0))


def _bad_powers(value: object) -> ValidationError:
    return ValidationError.single(
        "powers",
        value,
        f"'powers' must be (name, power) pairs of a non-empty name and an int from "
        f"-{_MAX_POWER} to {_MAX_POWER} (got {show(value)})",
    )


@attrs.frozen(repr=False)
class Unit:
    """A product of named units raised to integer powers.

    Attributes:
        powers: ``(name, power)`` pairs, sorted by name, no zero powers.
    """

    powers: tuple[tuple[str, int], ...] = attrs.field(default=(), converter=_powers)

    @classmethod
    def parse(cls, text: str) -> Unit:
        """Read a unit written as ``EUR/hour``, ``m^2`` or ``visitor*day``.

        Raises:
            ValidationError: for empty parts or malformed powers.

        >>> Unit.parse("1") == DIMENSIONLESS
        True
        >>> Unit.parse("EUR/hour").powers
        (('EUR', 1), ('hour', -1))
        """
        if not isinstance(text, str) or not text.strip():
            raise ValidationError.single(
                "unit", text, f"'unit' must be a non-empty string (got {show(text)})"
            )
        if len(text) > _MAX_UNIT_LENGTH:
            raise ValidationError.single(
                "unit",
                text,
                f"'unit' must be at most {_MAX_UNIT_LENGTH} characters (got {len(text)})",
            )
        pairs: list[tuple[str, int]] = []
        for index, part in enumerate(text.split("/")):
            sign = 1 if index == 0 else -1
            words = [w for w in re.split(r"[\s*·]+", part) if w]
            if not words:
                raise ValidationError.single(
                    "unit", text, f"'unit' has an empty part between '/' (got {show(text)})"
                )
            for word in words:
                match = _TOKEN.match(word)
                if match is None:
                    raise ValidationError.single(
                        "unit",
                        text,
                        f"'unit' has a malformed name or power {show(word)} (got {show(text)})",
                    )
                name, power = match.group(1), int(match.group(2) or 1)
                if name != "1":
                    pairs.append((name, sign * power))
        return cls(pairs)

    @property
    def is_dimensionless(self) -> bool:
        """Whether no named unit is left (``1``).

        >>> (Unit.parse("EUR") / Unit.parse("EUR")).is_dimensionless
        True
        """
        return not self.powers

    def __mul__(self, other: Unit) -> Unit:
        return Unit((*self.powers, *other.powers))

    def __truediv__(self, other: Unit) -> Unit:
        return Unit((*self.powers, *((n, -p) for n, p in other.powers)))

    def __str__(self) -> str:
        def word(name: str, power: int) -> str:
            return name if power == 1 else f"{name}^{power}"

        numerator = "*".join(word(n, p) for n, p in self.powers if p > 0) or "1"
        denominators = "".join("/" + word(n, -p) for n, p in self.powers if p < 0)
        return numerator + denominators

    def __repr__(self) -> str:
        return f"Unit.parse({str(self)!r})"


DIMENSIONLESS = Unit()
"""The unit of pure numbers, written ``1``."""
