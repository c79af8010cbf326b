"""Grading scales: from progress to a grade people read.

:class:`Bands` is a scale of named :class:`Band` ranges
(:class:`~goalkit.ranges.Range` objects with a name), lowest first. Bands
touch; a progress on an edge that two bands both include goes to the band
above. :meth:`Bands.of` and :meth:`Bands.lookup` name bands by their lower
edges, each band running up to the next:

* :data:`GOOGLE` (the default): red below 0.4, amber from 0.4 to below 0.7,
  green from 0.7 (Google's "0-0.3 red, 0.4-0.6 amber, 0.7-1.0 green" with the
  gaps between the published figures closed at the lower edges);
* :data:`ZONES`: fail below 0.3, commit from 0.3, target from 0.7, stretch from 1;
* :meth:`Bands.lookup` tables that map achievement to ratings, such as
  80 % -> 1 ... 120 % -> 5.

:class:`PointScale` turns progress into points on a 0-10 scale. Edges compare
as every range does: exactly, or as floats when the progress is a float, so a
float 0.7 is green.

>>> GOOGLE.grade(Fraction(7, 10)), GOOGLE.grade(Fraction(69, 100)), GOOGLE.grade(0.4)
('green', 'amber', 'amber')
>>> GOOGLE.bands[1]
Band(name='amber', low=Fraction(2, 5), high=Fraction(7, 10))
>>> grade_commentary(Fraction(1), "aspirational")
'1.0 on an aspirational key result: the target was probably set too low'
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from fractions import Fraction
from typing import Protocol

import attrs

from goalkit._numbers import Exact, Number
from goalkit._show import show
from goalkit._validation import Problems, at, require_whole_number
from goalkit.exceptions import ValidationError
from goalkit.goals import Commitment
from goalkit.ranges import NamedRange, Range, Side, compare, locate, require_contiguous
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


@attrs.frozen(kw_only=True, repr=False)
class Band(NamedRange):
    """One band of a grading scale: a named :class:`~goalkit.ranges.Range` of progress.

    Attributes:
        name: What the band is called.

    >>> Band(name="green", low=Fraction(7, 10))
    Band(name='green', low=Fraction(7, 10))
    """


def _bands(value: Iterable[Band]) -> tuple[Band, ...]:
    if not isinstance(value, Iterable) or isinstance(value, str):
        return value  # reported by Bands' validation
    return tuple(value)


@attrs.frozen(kw_only=True)
class Bands:
    """A scale of named bands, lowest first, that touch from one to the next.

    Each band's ``high`` is the next band's ``low``; only the first may have no
    ``low`` and only the last no ``high``. A progress on an edge that two bands
    both include gets the band above.

    Attributes:
        bands: The bands, lowest first.
        below: The grade of a progress below the first band (``None``: no grade).

    >>> scale = Bands.lookup([(Fraction(4, 5), "1"), (Fraction(9, 10), "2"), (1, "3"),
    ...                       (Fraction(11, 10), "4"), (Fraction(6, 5), "5")], below="0")
    >>> [scale.grade(p) for p in (Fraction(79, 100), Fraction(4, 5), 1, Fraction(3, 2))]
    ['0', '1', '3', '5']
    """

    bands: tuple[Band, ...] = attrs.field(converter=_bands)
    below: str | None = None

    def __attrs_post_init__(self) -> None:
        problems = Problems()
        if not isinstance(self.bands, tuple):
            problems.add("bands", self.bands, f"'bands' must be a list (got {show(self.bands)})")
        elif not self.bands:
            problems.add("bands", (), "'bands' must name at least one band")
        else:
            for index, band in enumerate(self.bands):
                if not isinstance(band, Band):
                    problems.add(
                        at("bands", index),
                        band,
                        f"'bands' must hold Band objects (got {show(band)})",
                    )
            if not problems:
                with problems.under(""):
                    require_contiguous(self.bands, path="bands", noun="band")
        if self.below is not None:
            problems.text("below", self.below)
        problems.raise_if_any()

    @classmethod
    def of(cls, *pairs: tuple[str, Number | None], below: str | None = None) -> Bands:
        """Bands from ``(name, lower edge)`` pairs, each band running up to the next edge.

        Only the first edge may be ``None`` (no lower edge); the edges must rise.

        >>> Bands.of(("low", None), ("high", Fraction(1, 2))).grade(Fraction(1, 2))
        'high'
        """
        return cls._from_edges([_pair(pair, index) for index, pair in enumerate(pairs)], below)

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
        if not isinstance(table, Iterable) or isinstance(table, str | bytes):
            raise ValidationError.single(
                "table", table, f"'table' must list (level, rating) pairs (got {show(table)})"
            )
        pairs = [_pair(row, index, swap=True) for index, row in enumerate(table)]
        return cls._from_edges(pairs, below)

    @classmethod
    def _from_edges(
        cls, pairs: list[tuple[object, object] | ValidationError], below: str | None
    ) -> Bands:
        problems = Problems()
        previous: Number | None = None
        for index, pair in enumerate(pairs):
            path = f"{at('bands', index)}.low"
            if isinstance(pair, ValidationError):
                problems.extend(pair)
                continue
            edge = pair[1]
            if edge is None:
                if index > 0:
                    problems.add(path, None, "only the first band may have no lower edge")
                continue
            if not problems.number(path, edge):
                continue
            assert isinstance(edge, Number)  # narrowed by number()
            if previous is not None and compare(edge, previous) <= 0:
                problems.add(
                    path,
                    edge,
                    f"'low' must rise from band to band (got {show(edge)} after {show(previous)})",
                )
            previous = edge
        problems.raise_if_any()
        bands: list[Band] = []
        for index, pair in enumerate(pairs):
            assert not isinstance(pair, ValidationError)
            name, low = pair
            high = pairs[index + 1][1] if index + 1 < len(pairs) else None  # type: ignore[index]
            with problems.under(at("bands", index)):
                bands.append(Band(name=name, low=low, high=high))  # type: ignore[arg-type]
        problems.raise_if_any()
        return cls(bands=bands, below=below)

    def grade(self, progress: Exact) -> str | None:
        """The name of the band ``progress`` lies in; :attr:`below` under the first band.

        Raises:
            ValidationError: when ``progress`` is not a number.
        """
        band = locate(progress, self.bands, shared=Side.UPPER)
        if band is not None:
            return band.name
        return self.below if self.bands[0].lies_above(progress) else None


def _pair(
    value: object, index: int, *, swap: bool = False
) -> tuple[object, object] | ValidationError:
    """A ``(name, edge)`` pair, or the problem with it (``swap``: given as ``(edge, name)``)."""
    if isinstance(value, tuple) and len(value) == 2:
        return (value[1], value[0]) if swap else (value[0], value[1])
    words = "(level, rating)" if swap else "(name, lower edge)"
    return ValidationError.single(
        at("bands", index), value, f"each band is given as a {words} pair (got {show(value)})"
    )


GOOGLE = Bands.google()
"""Google's 0-1 bands, red below 0.4, amber 0.4 to below 0.7, green from 0.7."""

ZONES = Bands.zones()
"""Fail below 0.3, commit 0.3 to below 0.7, target 0.7 to below 1, stretch from 1."""

SWEET_SPOT = Range(low=Fraction(3, 5), high=Fraction(7, 10))
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
    if SWEET_SPOT.contains(progress):
        return "in the 0.6-0.7 sweet spot for an aspirational key result"
    return None
