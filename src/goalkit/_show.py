"""Bounded text for values inside messages (private).

Error messages name the value they refuse, and that value may be hostile: an
integer of a million digits (which ``repr`` refuses past Python's int-string
limit), a string of a megabyte, or a list nested thousands of levels deep.
:func:`show` writes any value in at most a few hundred characters, never
raises and never recurses without bound, so a message can always be built.
"""

from __future__ import annotations

import reprlib
from decimal import Decimal
from fractions import Fraction

__all__ = ["show"]

_INT_DIGITS = 60
"""Integers longer than this are shown by their size, not their digits."""


class _Bounded(reprlib.Repr):
    def __init__(self) -> None:
        super().__init__()
        self.maxlevel = 3
        self.maxtuple = 6
        self.maxlist = 6
        self.maxarray = 6
        self.maxdict = 6
        self.maxset = 6
        self.maxfrozenset = 6
        self.maxdeque = 6
        self.maxstring = 80
        self.maxlong = _INT_DIGITS
        self.maxother = 120

    def repr_int(self, x: int, level: int) -> str:
        # 0.30103 bits per digit: estimate first, so a huge int is never converted.
        if x.bit_length() > 3.33 * _INT_DIGITS:
            return f"<int of about {int(x.bit_length() * 0.30103) + 1} digits>"
        return super().repr_int(x, level)

    def repr_Fraction(self, x: Fraction, level: int) -> str:  # noqa: N802 - reprlib's naming
        return f"Fraction({self.repr1(x.numerator, level)}, {self.repr1(x.denominator, level)})"

    def repr_Decimal(self, x: Decimal, level: int) -> str:  # noqa: N802 - reprlib's naming
        text = repr(x)
        if len(text) <= self.maxother:
            return text
        sign, digits, exponent = x.as_tuple()
        head = "".join(map(str, digits[:12]))
        minus = "-" if sign else ""
        return f"<Decimal of {len(digits)} digits, {minus}{head}..., exponent {exponent}>"

    def repr_instance(self, x: object, level: int) -> str:
        try:
            text = repr(x)
        except Exception:
            return f"<{type(x).__name__} object>"
        return (
            reprlib.Repr.repr_instance(self, _Text(text), level)
            if len(text) > self.maxother
            else text
        )


class _Text:
    """A stand-in whose repr is a text already made, for reprlib's cutting."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        return self.text


_BOUNDED = _Bounded()


def show(value: object) -> str:
    """Write ``value`` for a message: its ``repr``, cut to a bounded length.

    >>> show("plain")
    "'plain'"
    >>> show(10**5000)
    '<int of about 5001 digits>'
    >>> len(show("x" * 10_000)) < 100
    True
    """
    try:
        return _BOUNDED.repr(value)
    except Exception:
        return f"<{type(value).__name__} object>"
