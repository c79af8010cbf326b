"""Grading scales: from progress to a grade people read.

:class:`Bands` names ranges of progress by their lower edges, each edge
included in the band above it:

* :data:`GOOGLE` (the default): red below 0.4, amber from 0.4 to below 0.7,
  green from 0.7 (Google's "0-0.3 red, 0.4-0.6 amber, 0.7-1.0 green" with the
  gaps between the published figures closed at the lower edges);
* :data:`ZONES`: fail below 0.3, commit from 0.3, target from 0.7, stretch from 1;
* :meth:`Bands.lookup` tables that map achievement to ratings, such as
  80 % -> 1 ... 120 % -> 5.

:class:`PointScale` turns progress into points on a 0-10 scale. A float
progress is compared with an edge converted to float, so a float 0.7 is green.

>>> GOOGLE.grade(Fraction(7, 10)), GOOGLE.grade(Fraction(69, 100)), GOOGLE.grade(0.4)
('green', 'amber', 'amber')
>>> grade_commentary(Fraction(1), "aspirational")
'1.0 on an aspirational key result: the target was probably set too low'
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from fractions import Fraction
from typing import Protocol

import attrs

from goalkit._numbers import Exact, Number, exact
from goalkit._show import show
from goalkit._validation import Problems, require_whole_number
from goalkit.exceptions import ValidationError
from goalkit.goals import Commitment
from goalkit.scoring.progress import as_type_of, clamp
from goalkit.scoring.rounding import Rounding

__all__ = [
    "GOOGLE",
    "SWEET_SPOT",
    "ZONES",
    "Band",
    "Bands",
    "GradingScale",
    "PointScale",
    "expected_grade",
    "grade_commentary",
]


class GradingScale(Protocol):
    """Names a progress value: ``"green"``, ``"commit"``, ``"4"``."""

    def grade(self, progress: Exact) -> str | None:
        """The grade of ``progress``, or ``None`` when the scale has none for it."""
        ...


@attrs.frozen(kw_only=True)
class Band:
    """One band of a scale: its name and its lower edge (included).

    Attributes:
        name: What the band is called.
        at_least: The lowest progress in the band; ``None`` for no lower edge.
    """

    name: str
    at_least: Number | None = None

    def __attrs_post_init__(self) -> None:
        problems = Problems()
        problems.text("name", self.name)
        problems.optional_number("at_least", self.at_least)
        problems.raise_if_any()


def _bands(value: Iterable[Band]) -> tuple[Band, ...]:
    return tuple(value)


@attrs.frozen(kw_only=True)
class Bands:
    """A scale of named bands, lowest first, each from its lower edge up to the next.

    Attributes:
        bands: The bands, by rising lower edge; only the first may have none.
        below: The grade below the first band's edge (``None``: no grade).

    >>> scale = Bands.lookup([(Fraction(4, 5), "1"), (Fraction(9, 10), "2"), (1, "3"),
    ...                       (Fraction(11, 10), "4"), (Fraction(6, 5), "5")], below="0")
    >>> [scale.grade(p) for p in (Fraction(79, 100), Fraction(4, 5), 1, Fraction(3, 2))]
    ['0', '1', '3', '5']
    """

    bands: tuple[Band, ...] = attrs.field(converter=_bands)
    below: str | None = None

    def __attrs_post_init__(self) -> None:
        problems = Problems()
        if not self.bands:
            problems.add("bands", (), "'bands' must name at least one band")
        previous: Number | None = None
        for index, band in enumerate(self.bands):
            path = f"bands[{index}]"
            if not isinstance(band, Band):
                problems.add(path, band, f"'bands' must hold Band objects (got {show(band)})")
                continue
            if band.at_least is None and index > 0:
                problems.add(f"{path}.at_least", None, "only the first band may have no lower edge")
            elif (
                band.at_least is not None
                and previous is not None
                and exact(band.at_least) <= exact(previous)
            ):
                problems.add(
                    f"{path}.at_least",
                    band.at_least,
                    f"'at_least' must rise from band to band (got {show(band.at_least)} "
                    f"after {previous!r})",
                )
            previous = band.at_least if band.at_least is not None else previous
        if self.below is not None:
            problems.text("below", self.below)
        problems.raise_if_any()

    @classmethod
    def of(cls, *pairs: tuple[str, Number | None], below: str | None = None) -> Bands:
        """Bands from ``(name, lower edge)`` pairs.

        >>> Bands.of(("low", None), ("high", Fraction(1, 2))).grade(Fraction(1, 2))
        'high'
        """
        return cls(bands=[Band(name=name, at_least=edge) for name, edge in pairs], below=below)

    @classmethod
    def google(cls) -> Bands:
        """Red below 0.4, amber from 0.4, green from 0.7."""
        return cls.of(("red", None), ("amber", Fraction(2, 5)), ("green", Fraction(7, 10)))

    @classmethod
    def zones(cls) -> Bands:
        """Fail below 0.3, commit from 0.3, target from 0.7, stretch from 1."""
        return cls.of(
            ("fail", None),
            ("commit", Fraction(3, 10)),
            ("target", Fraction(7, 10)),
            ("stretch", Fraction(1)),
        )

    @classmethod
    def lookup(cls, table: Iterable[tuple[Number, str]], *, below: str | None = None) -> Bands:
        """A rating table: each achievement level (included) maps to a rating.

        Achievement above the last level keeps the last rating (a capped range);
        below the first it gets ``below``.
        """
        return cls(bands=[Band(name=name, at_least=edge) for edge, name in table], below=below)

    def grade(self, progress: Exact) -> str | None:
        """The name of the highest band whose lower edge ``progress`` reaches."""
        for band in reversed(self.bands):
            if band.at_least is None or progress >= as_type_of(progress, band.at_least):
                return band.name
        return self.below


GOOGLE = Bands.google()
"""Google's 0-1 bands, red below 0.4, amber 0.4 to below 0.7, green from 0.7."""

ZONES = Bands.zones()
"""Fail below 0.3, commit 0.3 to below 0.7, target 0.7 to below 1, stretch from 1."""

SWEET_SPOT: tuple[Fraction, Fraction] = (Fraction(3, 5), Fraction(7, 10))
"""The 0.6-0.7 grade aspirational OKRs aim for (both ends included)."""


@attrs.frozen(kw_only=True)
class PointScale:
    """Progress as points from 0 to :attr:`maximum` (a 0-10 scale by default).

    Progress below 0 or above 1 is held at 0 and the maximum.

    Attributes:
        maximum: The points of full progress.
        rounding: How points are rounded for the grade.

    >>> PointScale().grade(Fraction(63, 100))
    '6'
    >>> PointScale(rounding=Rounding(places=1)).points(Fraction(2, 3))
    Decimal('6.7')
    """

    maximum: int = 10
    rounding: Rounding = attrs.field(factory=lambda: Rounding(places=0))

    def __attrs_post_init__(self) -> None:
        require_whole_number("maximum", self.maximum, 1)

    def points(self, progress: Exact) -> Decimal:
        """The points of ``progress``, rounded."""
        return self.rounding.round(clamp(progress, 0, 1) * self.maximum)

    def grade(self, progress: Exact) -> str | None:
        """The points as text."""
        return str(self.points(progress))


def _commitment(value: Commitment | str) -> Commitment:
    try:
        return Commitment(value)
    except ValueError:
        raise ValidationError.single(
            "commitment",
            value,
            f"'commitment' must be 'committed' or 'aspirational' (got {show(value)})",
        ) from None


def expected_grade(commitment: Commitment | str) -> Fraction:
    """The grade a key result is expected to reach: 1.0 committed, 0.7 aspirational.

    >>> expected_grade("committed"), expected_grade("aspirational")
    (Fraction(1, 1), Fraction(7, 10))
    """
    return Fraction(1) if _commitment(commitment) is Commitment.COMMITTED else Fraction(7, 10)


def grade_commentary(progress: Exact | None, commitment: Commitment | str) -> str | None:
    """What a final grade says, by the rules of thumb; ``None`` when it says nothing special.

    * aspirational at 1.0 or more: the target was probably set too low;
    * aspirational in the 0.6-0.7 sweet spot: well set;
    * committed below 1.0: a committed key result is expected to be met in full;
    * below 0.4: rethink the goal or the method.

    >>> grade_commentary(Fraction(13, 20), "aspirational")
    'in the 0.6-0.7 sweet spot for an aspirational key result'
    >>> grade_commentary(Fraction(9, 10), "committed")
    'a committed key result is expected to reach 1.0'
    """
    if progress is None:
        return None
    committed = _commitment(commitment) is Commitment.COMMITTED
    if progress < as_type_of(progress, Fraction(2, 5)):
        return "below 0.4: rethink the goal or the method"
    if committed:
        return None if progress >= 1 else "a committed key result is expected to reach 1.0"
    if progress >= 1:
        return "1.0 on an aspirational key result: the target was probably set too low"
    low, high = SWEET_SPOT
    if as_type_of(progress, low) <= progress <= as_type_of(progress, high):
        return "in the 0.6-0.7 sweet spot for an aspirational key result"
    return None
