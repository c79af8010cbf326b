"""Appraisal: from scores to ratings, and forced distributions over a population.

A :class:`RatingMap` turns a score (an achievement ratio, a 0-1 OKR grade, a
weighted KPI score) into a rating through contiguous :class:`RatingBand`
ranges (:class:`~goalkit.ranges.Range` objects with a rating) with declared
edges:

>>> rating = RatingMap.thresholds([(0.8, 1), (0.9, 2), (1.0, 3), (1.1, 4), (1.2, 5)], below=0)
>>> [rating.rate(s) for s in (0.5, 0.8, 0.95, 1.0, 1.5)]
[0, 1, 2, 3, 5]

A :class:`ForcedDistribution` sorts a population into named buckets with
fixed shares, such as the "271" rule (20 % top, 70 % middle, 10 % bottom):

>>> rule = ForcedDistribution.of({"top": 20, "middle": 70, "bottom": 10})
>>> rule.quotas(10)
{'top': 2, 'middle': 7, 'bottom': 1}
>>> scores = {"ana": 0.9, "bo": 0.7, "cy": 0.4, "di": 0.8, "ed": 0.6,
...           "fay": 0.5, "gus": 0.65, "hal": 0.75, "ivy": 0.55, "jo": 0.3}
>>> rule.assign(scores).as_dict()
{'top': ('ana', 'di'), 'middle': ('hal', 'bo', 'gus', 'ed', 'ivy', 'fay', 'cy'), 'bottom': ('jo',)}

Both are deterministic: the same scores give the same result whatever order
they are given in. Scores and band edges compare as every range does
(:mod:`goalkit.ranges`): exactly, or as floats when a float takes part, so a
threshold of ``0.8`` and a score of ``Decimal("0.8")`` meet on the edge.
Shares and the ranking of a forced distribution read a ``float`` as the
decimal it prints as, so ``0.2 / 0.7 / 0.1`` is exactly ``20 / 70 / 10``. See
the appraisal guide for why OKR scores are best kept apart from pay.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import math
from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction
from typing import TypeAlias, cast

import attrs

from goalkit._numbers import Number
from goalkit._show import show
from goalkit._validation import Problems, at, enum_message, to_enum
from goalkit.exceptions import ValidationError
from goalkit.ranges import Range, Side, compare, locate, require_contiguous

__all__ = [
    "Bucket",
    "Distribution",
    "ForcedDistribution",
    "Placement",
    "Rating",
    "RatingBand",
    "RatingMap",
    "TiePolicy",
]

Rating: TypeAlias = str | int
"""A rating, either a label (``"exceeds"``) or a number on a scale (``1`` to ``5``)."""

_Steps: TypeAlias = (
    Mapping[int, Rating]
    | Mapping[float, Rating]
    | Mapping[Decimal, Rating]
    | Mapping[Fraction, Rating]
    | Mapping[Number, Rating]
    | Iterable[tuple[Number, Rating]]
)


def _value(value: Number) -> Fraction:
    # A float is read as the decimal it prints as, so shares of 0.2 / 0.7 / 0.1
    # are exactly 20 / 70 / 10 and tied scores of mixed types stay tied.
    return Fraction(repr(value)) if isinstance(value, float) else Fraction(value)


def _is_rating(value: object) -> bool:
    return (isinstance(value, str) and bool(value.strip())) or (
        isinstance(value, int) and not isinstance(value, bool)
    )


@attrs.frozen(kw_only=True, repr=False)
class RatingBand(Range):
    """One rating and the scores that earn it: a :class:`~goalkit.ranges.Range` with a rating.

    Attributes:
        rating: The rating given.

    >>> RatingBand(rating="green", low=0.7)
    RatingBand(rating='green', low=0.7)
    >>> str(RatingBand(rating="amber", low=0.4, high=0.7, closed="low"))
    '[0.4, 0.7)'
    """

    rating: Rating

    def _well_formed(self) -> bool:
        return _is_rating(self.rating) and super()._well_formed()

    def _check(self, problems: Problems) -> None:
        if not _is_rating(self.rating):
            problems.add(
                "rating",
                self.rating,
                f"'rating' must be a non-empty string or an int (got {show(self.rating)})",
            )
        super()._check(problems)

    def _repr_fields(self) -> Iterator[str]:
        yield f"rating={show(self.rating)}"
        yield from super()._repr_fields()


def _bands(value: Iterable[RatingBand]) -> tuple[RatingBand, ...]:
    if not isinstance(value, Iterable) or isinstance(value, str):
        return value  # reported by RatingMap's validation
    return tuple(value)


_TO_SIDE = to_enum(Side)


def _to_side(value: object) -> Side:
    # Lenient: a value that is no member stays as it is, for validation to report.
    return cast(Side, _TO_SIDE(value))


def _by_threshold(first: tuple[Number, Rating], second: tuple[Number, Rating]) -> int:
    return compare(first[0], second[0])


@attrs.frozen(kw_only=True, repr=False)
class RatingMap:
    """Contiguous score bands, lowest first, each giving a rating.

    Bands must touch (each band's ``high`` is the next band's ``low``): no
    gaps, no overlaps; only the first may lack a ``low`` and only the last a
    ``high``. Each band declares the edges it includes (both, by default);
    where two touching bands both include their shared edge, :attr:`shared`
    says which one a score on it earns.

    Attributes:
        bands: The bands, lowest first.
        shared: ``"upper"`` (default): a score on a shared edge earns the band
            above; ``"lower"``: the band below.

    >>> grade = RatingMap(bands=[RatingBand(rating="red", low=0, high=0.4),
    ...                          RatingBand(rating="amber", low=0.4, high=0.7),
    ...                          RatingBand(rating="green", low=0.7, high=1)])
    >>> grade.rate(0.4), grade.rate(1)
    ('amber', 'green')
    >>> RatingMap(bands=grade.bands, shared="lower").rate(0.4)
    'red'
    """

    bands: tuple[RatingBand, ...] = attrs.field(converter=_bands)
    shared: Side = attrs.field(default=Side.UPPER, converter=_to_side)

    def __attrs_post_init__(self) -> None:
        problems = Problems()
        if not isinstance(self.bands, tuple):
            problems.add("bands", self.bands, f"'bands' must be a list (got {show(self.bands)})")
        elif not self.bands:
            problems.add("bands", (), "'bands' must hold at least one band")
        else:
            for index, band in enumerate(self.bands):
                if not isinstance(band, RatingBand):
                    problems.add(
                        at("bands", index),
                        band,
                        f"'bands' must hold RatingBand objects (got {show(band)})",
                    )
            if not problems:
                with problems.under(""):
                    require_contiguous(self.bands, path="bands", noun="band")
        problems.enum("shared", self.shared, Side)
        problems.raise_if_any()

    @classmethod
    def thresholds(
        cls,
        steps: _Steps,
        *,
        below: Rating | None = None,
        shared: Side | str = Side.UPPER,
    ) -> RatingMap:
        """A rating table: each threshold's rating applies from it up to the next.

        Args:
            steps: ``(threshold, rating)`` pairs or ``{threshold: rating}``,
                in any order.
            below: The rating below the lowest threshold; without it such a
                score is an error.
            shared: ``"upper"`` (default): a score equal to a threshold earns
                it; ``"lower"``: it must exceed it.

        >>> okr = RatingMap.thresholds({0.3: "commit", 0.7: "target", 1: "stretch"}, below="fail")
        >>> [okr.rate(s) for s in (0.1, 0.3, 0.69, 0.7, 1.2)]
        ['fail', 'commit', 'commit', 'target', 'stretch']
        """
        pairs: list[tuple[Number, Rating]]
        if isinstance(steps, Mapping):
            pairs = list(steps.items())
        elif isinstance(steps, Iterable) and not isinstance(steps, str | bytes):
            pairs = list(steps)
        else:
            raise ValidationError.single(
                "steps", steps, f"'steps' must list (threshold, rating) pairs (got {show(steps)})"
            )
        problems = Problems()
        for index, pair in enumerate(pairs):
            if not isinstance(pair, tuple) or len(pair) != 2:
                problems.add(
                    at("steps", index),
                    pair,
                    f"'steps' must hold (threshold, rating) pairs (got {show(pair)})",
                )
            else:
                problems.number(f"{at('steps', index)}.threshold", pair[0])
        if not pairs:
            problems.add("steps", pairs, "'steps' must hold at least one threshold")
        problems.raise_if_any()
        pairs.sort(key=functools.cmp_to_key(_by_threshold))
        for index, (first, second) in enumerate(itertools.pairwise(pairs)):
            if compare(first[0], second[0]) == 0:
                problems.add(
                    at("steps", index + 1),
                    second[0],
                    f"threshold {show(second[0])} appears twice",
                )
        problems.raise_if_any()
        bands: list[RatingBand] = []
        with problems.under(""):
            if below is not None:
                bands.append(RatingBand(rating=below, high=pairs[0][0]))
            for index, (threshold, rating) in enumerate(pairs):
                upper = pairs[index + 1][0] if index + 1 < len(pairs) else None
                with problems.under(at("steps", index)):
                    bands.append(RatingBand(rating=rating, low=threshold, high=upper))
        problems.raise_if_any()
        return cls(bands=bands, shared=shared)

    def rate(self, score: Number) -> Rating:
        """The rating of ``score``.

        Raises:
            ValidationError: when ``score`` is not a number or falls outside
                every band.
        """
        problems = Problems()
        problems.number("score", score)
        problems.raise_if_any()
        band = locate(score, self.bands, shared=self.shared)
        if band is not None:
            return band.rating
        side = "below the lowest" if self.bands[0].lies_above(score) else "above the highest"
        raise ValidationError.single(
            "score", score, f"'score' {show(score)} falls {side} band; add a band that covers it"
        )

    def rate_all(self, scores: Mapping[str, Number]) -> dict[str, Rating]:
        """``{id: rating}`` for ``{id: score}``; every bad score is reported at once.

        >>> RatingMap.thresholds({0: "low", 1: "high"}).rate_all({"a": 0.5, "b": 2})
        {'a': 'low', 'b': 'high'}
        """
        problems = Problems()
        ratings: dict[str, Rating] = {}
        if not isinstance(scores, Mapping):
            raise ValidationError.single(
                "scores", scores, f"'scores' must be a mapping of id to score (got {show(scores)})"
            )
        for key, score in scores.items():
            with problems.under(at("scores", key)):
                ratings[key] = self.rate(score)
        problems.raise_if_any()
        return ratings

    def __repr__(self) -> str:
        bands = ", ".join(f"{band} -> {show(band.rating)}" for band in self.bands)
        return f"RatingMap({bands}; shared={show(self.shared.value)})"


def _scores(scores: object) -> Mapping[str, Number]:
    if not isinstance(scores, Mapping):
        raise ValidationError.single(
            "scores", scores, f"'scores' must be a mapping of id to score (got {show(scores)})"
        )
    problems = Problems()
    for key, score in scores.items():
        path = at("scores", key)
        problems.text(path, key)
        problems.number(path, score)
    problems.raise_if_any()
    return scores


# -- forced distributions ----------------------------------------------------------


class TiePolicy(StrEnum):
    """What happens to people with equal scores at a bucket boundary.

    * ``MAJORITY`` (default): the tied group stays together, in the bucket
      that would have held most of its members; an even split goes to the
      better bucket.
    * ``FAVOURABLE``: the tied group stays together, in the best bucket any
      of its members would reach.
    * ``SPLIT_BY_ID``: ties are split at the boundary so every bucket holds
      exactly its quota; within a tie, ids in ascending order rank higher.
      Only for when the split is agreed to be arbitrary.
    """

    MAJORITY = "majority"
    FAVOURABLE = "favourable"
    SPLIT_BY_ID = "split_by_id"


def _tie_policy(value: TiePolicy | str) -> TiePolicy:
    try:
        return TiePolicy(value)
    except ValueError:
        raise ValidationError.single(
            "ties",
            value,
            enum_message("ties", value, TiePolicy),
        ) from None


def _share(value: Number) -> Fraction:
    # Read like every appraisal number, so 0.2 / 0.7 / 0.1 is exactly 20 / 70 / 10
    # and rounding ties stay ties.
    return _value(value)


@attrs.frozen(kw_only=True)
class Bucket:
    """A named bucket of a forced distribution and its share.

    Attributes:
        name: The bucket's name ("top", "A").
        share: Its relative size; shares are normalised by their sum, so
            ``20 / 70 / 10`` and ``0.2 / 0.7 / 0.1`` mean the same.
    """

    name: str
    share: Number

    def __attrs_post_init__(self) -> None:
        problems = Problems()
        problems.text("name", self.name)
        problems.non_negative("share", self.share)
        problems.raise_if_any()


def _buckets(value: Iterable[Bucket]) -> tuple[Bucket, ...]:
    return tuple(value)


@attrs.frozen(kw_only=True)
class Placement:
    """One bucket of a :class:`Distribution`.

    Attributes:
        name: The bucket's name.
        quota: How many people its share asks for (after rounding).
        members: The ids placed in it, best score first.
    """

    name: str
    quota: int
    members: tuple[str, ...]

    @property
    def deviation(self) -> int:
        """``len(members) - quota``: how far tie handling moved it off its quota."""
        return len(self.members) - self.quota


@attrs.frozen(kw_only=True, repr=False)
class Distribution:
    """The result of :meth:`ForcedDistribution.assign`.

    Attributes:
        placements: One :class:`Placement` per bucket, best first.
    """

    placements: tuple[Placement, ...]

    def __getitem__(self, name: str) -> Placement:
        for placement in self.placements:
            if placement.name == name:
                return placement
        raise ValidationError.single("name", name, f"'name' names no bucket (got {show(name)})")

    def __iter__(self) -> Iterator[Placement]:
        return iter(self.placements)

    def bucket_of(self, member: str) -> str:
        """The bucket ``member`` was placed in.

        Raises:
            ValidationError: for an id that was not in the population.
        """
        for placement in self.placements:
            if member in placement.members:
                return placement.name
        raise ValidationError.single(
            "member", member, f"'member' was not in the population (got {show(member)})"
        )

    def as_dict(self) -> dict[str, tuple[str, ...]]:
        """``{bucket: members}``, best bucket first."""
        return {p.name: p.members for p in self.placements}

    def __repr__(self) -> str:
        return f"Distribution({self.as_dict()!r})"


@attrs.frozen(kw_only=True, repr=False)
class ForcedDistribution:
    """Named buckets, best first, each holding a fixed share of a population.

    Quotas for a population of ``n`` use the largest-remainder method: each
    bucket gets the whole part of ``n * share``, and the people left over go
    to the buckets with the largest fractional parts (ties to the larger
    share, then to the better bucket). So quotas always add up to ``n`` and
    each is within one of its exact share. People are ranked by score
    (highest first); equal scores are handled by :attr:`ties`.

    Attributes:
        buckets: The buckets, best first.
        ties: The :class:`TiePolicy`.

    >>> ForcedDistribution.of({"top": 20, "middle": 70, "bottom": 10}).quotas(5)
    {'top': 1, 'middle': 4, 'bottom': 0}
    """

    buckets: tuple[Bucket, ...] = attrs.field(converter=_buckets)
    ties: TiePolicy = attrs.field(default=TiePolicy.MAJORITY, converter=_tie_policy)

    def __attrs_post_init__(self) -> None:
        problems = Problems()
        names: set[str] = set()
        for index, bucket in enumerate(self.buckets):
            path = at("buckets", index)
            if not isinstance(bucket, Bucket):
                problems.add(
                    path, bucket, f"'buckets' must hold Bucket objects (got {show(bucket)})"
                )
            elif bucket.name in names:
                problems.add(path, bucket.name, f"bucket {bucket.name!r} appears twice")
            else:
                names.add(bucket.name)
        if not self.buckets:
            problems.add("buckets", (), "'buckets' must hold at least one bucket")
        elif not problems and all(_share(b.share) == 0 for b in self.buckets):
            problems.add("buckets", self.buckets, "bucket shares must not all be zero")
        problems.raise_if_any()

    @classmethod
    def of(
        cls, shares: Mapping[str, Number], *, ties: TiePolicy | str = TiePolicy.MAJORITY
    ) -> ForcedDistribution:
        """Buckets from ``{name: share}``, best first.

        >>> ForcedDistribution.of({"A": 1, "B": 2, "C": 1}).quotas(8)
        {'A': 2, 'B': 4, 'C': 2}
        """
        if not isinstance(shares, Mapping):
            raise ValidationError.single(
                "shares",
                shares,
                f"'shares' must be a mapping of name to share (got {show(shares)})",
            )
        buckets = []
        problems = Problems()
        for name, share in shares.items():
            with problems.under(at("shares", name)):
                buckets.append(Bucket(name=name, share=share))
        problems.raise_if_any()
        return cls(buckets=buckets, ties=ties)

    def quotas(self, size: int) -> dict[str, int]:
        """How many of ``size`` people each bucket holds.

        Raises:
            ValidationError: for a size that is not an int >= 0.
        """
        if isinstance(size, bool) or not isinstance(size, int) or size < 0:
            raise ValidationError.single(
                "size", size, f"'size' must be an int >= 0 (got {show(size)})"
            )
        return dict(zip((b.name for b in self.buckets), self._quotas(size), strict=True))

    def _quotas(self, size: int) -> list[int]:
        shares = [_share(b.share) for b in self.buckets]
        total = sum(shares, Fraction(0))
        wanted = [size * s / total for s in shares]
        quotas = [math.floor(w) for w in wanted]
        left = size - sum(quotas)
        ranked = sorted(range(len(wanted)), key=lambda i: (-(wanted[i] - quotas[i]), -shares[i], i))
        for index in ranked[:left]:
            quotas[index] += 1
        return quotas

    def assign(self, scores: Mapping[str, Number]) -> Distribution:
        """Place everyone in ``{id: score}`` in a bucket.

        The highest scores go to the first bucket. Ties follow :attr:`ties`;
        with the default policy tied people are never split, so a bucket may
        end up above or below its quota (see :attr:`Placement.deviation`).
        """
        checked = _scores(scores)
        ranked = sorted(checked, key=lambda key: (-_value(checked[key]), key))
        quotas = self._quotas(len(ranked))
        ends = list(_running_totals(quotas))
        members: list[list[str]] = [[] for _ in self.buckets]
        start = 0
        while start < len(ranked):
            stop = start + 1
            value = _value(checked[ranked[start]])
            while stop < len(ranked) and _value(checked[ranked[stop]]) == value:
                stop += 1
            natural = [_bucket_at(ends, position) for position in range(start, stop)]
            if self.ties is TiePolicy.SPLIT_BY_ID:
                chosen = natural
            else:
                if self.ties is TiePolicy.FAVOURABLE:
                    target = natural[0]
                else:
                    counts: dict[int, int] = {}
                    for bucket in natural:
                        counts[bucket] = counts.get(bucket, 0) + 1
                    target = min(counts, key=lambda b: (-counts[b], b))
                chosen = [target] * (stop - start)
            for key, bucket in zip(ranked[start:stop], chosen, strict=True):
                members[bucket].append(key)
            start = stop
        return Distribution(
            placements=tuple(
                Placement(name=b.name, quota=q, members=tuple(m))
                for b, q, m in zip(self.buckets, quotas, members, strict=True)
            )
        )

    def __repr__(self) -> str:
        shares = {b.name: b.share for b in self.buckets}
        return f"ForcedDistribution.of({shares!r}, ties={self.ties.value!r})"


def _running_totals(values: Iterable[int]) -> Iterator[int]:
    total = 0
    for value in values:
        total += value
        yield total


def _bucket_at(ends: list[int], position: int) -> int:
    """The bucket whose quota covers rank ``position`` (0-based)."""
    return bisect.bisect_right(ends, position)
