"""Tests for goalkit.appraisal."""

from __future__ import annotations

import random
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from goalkit._numbers import Number
from goalkit.appraisal import (
    Bucket,
    ForcedDistribution,
    RatingBand,
    RatingMap,
    TiePolicy,
)
from goalkit.exceptions import ValidationError
from goalkit.ranges import Range, Side

ACHIEVEMENT = RatingMap.thresholds([(0.8, 1), (0.9, 2), (1.0, 3), (1.1, 4), (1.2, 5)], below=0)
TRAFFIC = RatingMap(
    bands=[
        RatingBand(rating="red", low=0, high=Decimal("0.4")),
        RatingBand(rating="amber", low=Decimal("0.4"), high=Decimal("0.7")),
        RatingBand(rating="green", low=Decimal("0.7"), high=1),
    ]
)
RULE_271 = ForcedDistribution.of({"top": 20, "middle": 70, "bottom": 10})


class TestRatingMap:
    @pytest.mark.parametrize(
        ("score", "rating"),
        [
            (-5, 0),
            (0.79, 0),
            (0.8, 1),
            (Fraction(4, 5), 1),
            (Decimal("0.8"), 1),
            (0.85, 1),
            (0.9, 2),
            (1, 3),
            (1.19, 4),
            (1.2, 5),
            (100, 5),
        ],
    )
    def test_thresholds_low_closed(self, score: Number, rating: int) -> None:
        """With the default edges a score on a threshold earns it; the top is open."""
        assert rating == ACHIEVEMENT.rate(score)

    @pytest.mark.parametrize(
        ("score", "low", "high"),
        [
            (0, "red", "red"),
            (0.2, "red", "red"),
            (Decimal("0.4"), "amber", "red"),
            (0.5, "amber", "amber"),
            (Decimal("0.7"), "green", "amber"),
            (1, "green", "green"),
        ],
    )
    def test_band_edges(self, score: Number, low: str, high: str) -> None:
        """'upper' gives a shared edge to the upper band, 'lower' to the lower; ends are closed."""
        assert low == TRAFFIC.rate(score)
        assert high == RatingMap(bands=TRAFFIC.bands, shared=Side.LOWER).rate(score)

    @pytest.mark.parametrize(
        ("score", "rating"),
        [(0, "red"), (Decimal("0.4"), "amber"), (Decimal("0.7"), "amber"), (1, "green")],
    )
    def test_declared_edges(self, score: Number, rating: str) -> None:
        """Edges the bands declare decide, whatever the shared-edge side of the map."""
        bands = [
            RatingBand(rating="red", low=0, high=Decimal("0.4"), closed="low"),
            RatingBand(rating="amber", low=Decimal("0.4"), high=Decimal("0.7")),
            RatingBand(rating="green", low=Decimal("0.7"), high=1, closed="high"),
        ]
        assert rating == RatingMap(bands=bands).rate(score)
        assert rating == RatingMap(bands=bands, shared="lower").rate(score)

    def test_bands_are_ranges(self) -> None:
        """A rating band is a range with a rating: it answers the same questions."""
        band = TRAFFIC.bands[1]
        assert isinstance(band, Range)
        assert band.contains(Decimal("0.4"))
        assert "[0.4, 0.7]" == str(band)

    def test_open_outer_edge(self) -> None:
        """A first band that leaves out its low edge leaves a score on it below every band."""
        bands = [
            RatingBand(rating="a", low=0, high=1, closed="high"),
            RatingBand(rating="b", low=1),
        ]
        with pytest.raises(ValidationError, match="below the lowest"):
            RatingMap(bands=bands).rate(0)

    @pytest.mark.parametrize(
        ("score", "side"), [(-0.1, "below the lowest"), (1.01, "above the highest")]
    )
    def test_outside_every_band(self, score: Number, side: str) -> None:
        """A score outside every band is an error naming the side."""
        with pytest.raises(ValidationError, match=side):
            TRAFFIC.rate(score)

    def test_lower_side_first_band_includes_low(self) -> None:
        """With shared edges going down the first band still includes its own low edge."""
        assert "red" == RatingMap(bands=TRAFFIC.bands, shared="lower").rate(0)
        with pytest.raises(ValidationError, match="below the lowest"):
            RatingMap(bands=TRAFFIC.bands, shared="lower").rate(-0.01)

    def test_thresholds_any_order(self) -> None:
        """Thresholds are sorted, so their order does not matter."""
        shuffled = RatingMap.thresholds({1.2: 5, 0.8: 1, 1.0: 3, 0.9: 2, 1.1: 4}, below=0)
        assert ACHIEVEMENT == shuffled

    def test_without_below(self) -> None:
        """Without a 'below' rating a score under the lowest threshold is an error."""
        okr = RatingMap.thresholds({0: "fail", 0.3: "commit", 0.7: "target", 1: "stretch"})
        assert "fail" == okr.rate(0)
        with pytest.raises(ValidationError, match="below the lowest"):
            okr.rate(-0.1)

    def test_rate_all(self) -> None:
        """rate_all reports every bad score at once, with its id."""
        assert {"a": 1, "b": 5} == ACHIEVEMENT.rate_all({"a": 0.8, "b": 2})
        with pytest.raises(ValidationError) as caught:
            TRAFFIC.rate_all({"a": -1, "b": "x", "c": 0.5})  # type: ignore[dict-item]
        assert ["scores[a].score", "scores[b].score"] == [p.path for p in caught.value.problems]

    def test_repr(self) -> None:
        """The repr lists each band's range and rating, and the shared-edge side."""
        assert (
            "RatingMap([0, 0.4] -> 'red', [0.4, 0.7] -> 'amber', [0.7, 1] -> 'green'; "
            "shared='upper')" == repr(TRAFFIC)
        )

    def test_thresholds_with_the_lower_side(self) -> None:
        """shared='lower': a score must exceed a threshold to earn it."""
        okr = RatingMap.thresholds({0.3: "commit", 0.7: "target"}, below="fail", shared="lower")
        assert ["fail", "fail", "commit", "commit", "target"] == [
            okr.rate(s) for s in (0.1, 0.3, 0.31, 0.7, 0.71)
        ]

    @pytest.mark.parametrize(
        ("build", "words"),
        [
            (lambda: RatingMap(bands=[]), "at least one band"),
            (lambda: RatingMap(bands=["x"]), "RatingBand objects"),  # type: ignore[list-item]
            (lambda: RatingMap(bands=5), "must be a list"),  # type: ignore[arg-type]
            (
                lambda: RatingMap(
                    bands=[RatingBand(rating="a", high=1), RatingBand(rating="b", low=2)]
                ),
                "gap between 1 and 2",
            ),
            (
                lambda: RatingMap(
                    bands=[RatingBand(rating="a", high=2), RatingBand(rating="b", low=1)]
                ),
                "overlap from 1 to 2",
            ),
            (
                lambda: RatingMap(
                    bands=[
                        RatingBand(rating="a", high=1, closed="low"),
                        RatingBand(rating="b", low=1, closed="high"),
                    ]
                ),
                "leave 1 out",
            ),
            (
                lambda: RatingMap(
                    bands=[RatingBand(rating="a", low=0), RatingBand(rating="b", low=1)]
                ),
                "only the last band",
            ),
            (
                lambda: RatingMap(
                    bands=[RatingBand(rating="a", high=0), RatingBand(rating="b", high=1)]
                ),
                "only the first band",
            ),
            (
                lambda: RatingMap(bands=[RatingBand(rating="a")], shared="middle"),
                "'shared' must be one of 'upper', 'lower'",
            ),
            (lambda: RatingBand(rating="a", low=1, high=1, closed="low"), "holds nothing"),
            (lambda: RatingBand(rating="a", low=2, high=1), "must not be above 'high'"),
            (lambda: RatingBand(rating="", low=1), "non-empty string or an int"),
            (lambda: RatingBand(rating=True, low=1), "non-empty string or an int"),
            (lambda: RatingBand(rating="a", low=float("nan")), "finite"),
            (lambda: RatingMap.thresholds(5), "must list"),  # type: ignore[arg-type]
            (lambda: RatingMap.thresholds({1: ""}), "non-empty string"),
            (lambda: RatingMap.thresholds([]), "at least one threshold"),
            (lambda: RatingMap.thresholds([(1, "a"), (1.0, "b")]), "appears twice"),
            (lambda: RatingMap.thresholds([(1, "a", "x")]), "pairs"),  # type: ignore[list-item]
            (lambda: RatingMap.thresholds([("1", "a")]), "must be a number"),  # type: ignore[list-item]
        ],
    )
    def test_rejects(self, build: Callable[[], object], words: str) -> None:
        """Bands must be contiguous, ordered and well formed."""
        with pytest.raises(ValidationError, match=words):
            build()

    def test_score_must_be_number(self) -> None:
        """Scores are numbers; NaN is refused."""
        with pytest.raises(ValidationError, match="must be a finite number"):
            TRAFFIC.rate(float("nan"))

    @settings(max_examples=100)
    @given(st.fractions(min_value=-10, max_value=10), st.fractions(min_value=-10, max_value=10))
    def test_monotone(self, a: Fraction, b: Fraction) -> None:
        """Law: a higher score never earns a lower rating."""
        low, high = sorted((a, b))
        assert ACHIEVEMENT.rate(low) <= ACHIEVEMENT.rate(high)  # type: ignore[operator]


class TestQuotas:
    @pytest.mark.parametrize(
        ("size", "expected"),
        [
            (0, {"top": 0, "middle": 0, "bottom": 0}),
            (1, {"top": 0, "middle": 1, "bottom": 0}),
            (2, {"top": 0, "middle": 2, "bottom": 0}),
            (3, {"top": 1, "middle": 2, "bottom": 0}),
            (5, {"top": 1, "middle": 4, "bottom": 0}),
            (7, {"top": 1, "middle": 5, "bottom": 1}),
            (10, {"top": 2, "middle": 7, "bottom": 1}),
            (15, {"top": 3, "middle": 11, "bottom": 1}),
            (100, {"top": 20, "middle": 70, "bottom": 10}),
        ],
    )
    def test_271(self, size: int, expected: dict[str, int]) -> None:
        """Largest remainder: quotas add up to the population; ties go to the larger share."""
        assert expected == RULE_271.quotas(size)

    def test_float_shares_read_as_decimals(self) -> None:
        """0.2 / 0.7 / 0.1 means exactly 20 / 70 / 10."""
        floats = ForcedDistribution.of({"top": 0.2, "middle": 0.7, "bottom": 0.1})
        assert all(RULE_271.quotas(n) == floats.quotas(n) for n in range(60))

    @pytest.mark.parametrize("size", [-1, 1.5, True, "3"])
    def test_bad_size(self, size: object) -> None:
        """The size is an int >= 0."""
        with pytest.raises(ValidationError):
            RULE_271.quotas(size)  # type: ignore[arg-type]

    @pytest.mark.parametrize(
        ("build", "words"),
        [
            (lambda: ForcedDistribution(buckets=[]), "at least one bucket"),
            (lambda: ForcedDistribution.of({"a": 0}), "must not all be zero"),
            (lambda: ForcedDistribution.of({"a": -1}), ">= 0"),
            (lambda: ForcedDistribution.of({"": 1}), "must not be empty"),
            (lambda: ForcedDistribution.of([("a", 1)]), "mapping"),  # type: ignore[arg-type]
            (lambda: ForcedDistribution(buckets=[Bucket(name="a", share=1)] * 2), "appears twice"),
            (lambda: ForcedDistribution(buckets=["a"]), "Bucket objects"),  # type: ignore[list-item]
            (lambda: ForcedDistribution.of({"a": 1}, ties="random"), "'ties' must be one of"),
        ],
    )
    def test_rejects(self, build: Callable[[], object], words: str) -> None:
        """Buckets need names, non-negative shares and a known tie policy."""
        with pytest.raises(ValidationError, match=words):
            build()

    @settings(max_examples=100)
    @given(st.lists(st.integers(0, 100), min_size=1, max_size=6).filter(any), st.integers(0, 500))
    def test_quota_law(self, shares: list[int], size: int) -> None:
        """Law: quotas sum to the population and each is within one of its exact share."""
        rule = ForcedDistribution.of({f"b{i}": s for i, s in enumerate(shares)})
        quotas = list(rule.quotas(size).values())
        assert size == sum(quotas)
        total = sum(shares)
        assert all(
            abs(q - Fraction(size * s, total)) < 1 for q, s in zip(quotas, shares, strict=True)
        )


class TestAssign:
    def test_distinct_scores(self) -> None:
        """Distinct scores fill each bucket to its quota, best first."""
        scores = {f"p{i:02}": i for i in range(10)}
        result = RULE_271.assign(scores)
        assert ("p09", "p08") == result["top"].members
        assert ("p00",) == result["bottom"].members
        assert "middle" == result.bucket_of("p05")
        assert [0, 0, 0] == [p.deviation for p in result]

    @pytest.mark.parametrize(
        ("ties", "expected"),
        [
            # ranks 1..10; 'b', 'c', 'd' tie across the top/middle boundary (quota 2)
            (
                TiePolicy.MAJORITY,
                {
                    "top": ("a",),
                    "middle": ("b", "c", "d", "e", "f", "g", "h", "i"),
                    "bottom": ("j",),
                },
            ),
            (
                TiePolicy.FAVOURABLE,
                {
                    "top": ("a", "b", "c", "d"),
                    "middle": ("e", "f", "g", "h", "i"),
                    "bottom": ("j",),
                },
            ),
            (
                TiePolicy.SPLIT_BY_ID,
                {
                    "top": ("a", "b"),
                    "middle": ("c", "d", "e", "f", "g", "h", "i"),
                    "bottom": ("j",),
                },
            ),
        ],
    )
    def test_tie_policies(self, ties: TiePolicy, expected: dict[str, tuple[str, ...]]) -> None:
        """Tied people stay together (majority or favourable) unless split by id is chosen."""
        scores = {"a": 10, "b": 9, "c": 9, "d": 9, "e": 8, "f": 7, "g": 6, "h": 5, "i": 4, "j": 1}
        rule = ForcedDistribution(buckets=RULE_271.buckets, ties=ties)
        assert expected == rule.assign(scores).as_dict()

    def test_even_split_goes_up(self) -> None:
        """A tie split evenly across a boundary goes to the better bucket under MAJORITY."""
        scores = {"a": 3, "b": 2, "c": 2, "d": 1}
        rule = ForcedDistribution.of({"top": 1, "middle": 1, "bottom": 2})
        assert {"top": ("a",), "middle": ("b", "c"), "bottom": ("d",)} == rule.assign(
            scores
        ).as_dict()
        rule = ForcedDistribution.of({"top": 2, "bottom": 2})
        assert {"top": ("a", "b", "c"), "bottom": ("d",)} == rule.assign(scores).as_dict()

    def test_everyone_tied(self) -> None:
        """When everyone ties, everyone lands in the bucket most of them would reach."""
        result = RULE_271.assign(dict.fromkeys("abcdefghij", 0.5))
        assert 10 == len(result["middle"].members)
        assert [-2, 3, -1] == [p.deviation for p in result]

    def test_empty_population(self) -> None:
        """An empty population gives empty buckets."""
        assert {"top": (), "middle": (), "bottom": ()} == RULE_271.assign({}).as_dict()

    def test_mixed_number_types(self) -> None:
        """Equal values of different types tie."""
        scores: dict[str, Number] = {"a": Decimal("0.5"), "b": 0.5, "c": Fraction(1, 2), "d": 0}
        rule = ForcedDistribution.of({"top": 1, "bottom": 1})
        assert {"top": ("a", "b", "c"), "bottom": ("d",)} == rule.assign(scores).as_dict()

    def test_lookups(self) -> None:
        """Unknown buckets and members are ValidationErrors; reprs are readable."""
        result = RULE_271.assign({"a": 1})
        with pytest.raises(ValidationError):
            result["nope"]
        with pytest.raises(ValidationError):
            result.bucket_of("zz")
        assert "Distribution({'top': (), 'middle': ('a',), 'bottom': ()})" == repr(result)
        assert (
            "ForcedDistribution.of({'top': 20, 'middle': 70, 'bottom': 10}, ties='majority')"
            == repr(RULE_271)
        )

    @pytest.mark.parametrize("scores", [[1, 2], {"a": "1"}, {"": 1}, {"a": float("inf")}])
    def test_rejects(self, scores: object) -> None:
        """Scores are a mapping of id to finite number."""
        with pytest.raises(ValidationError):
            RULE_271.assign(scores)  # type: ignore[arg-type]


_populations = st.dictionaries(
    st.text("abcdefghijklmnop", min_size=1, max_size=4), st.integers(0, 20), max_size=60
)
_rules = st.lists(st.integers(0, 10), min_size=1, max_size=5).filter(any)


class TestAssignLaws:
    @settings(max_examples=100)
    @given(
        _rules, st.lists(st.integers(), unique=True, max_size=60), st.sampled_from(list(TiePolicy))
    )
    def test_distinct_scores_fill_quotas(
        self, shares: list[int], values: list[int], ties: TiePolicy
    ) -> None:
        """Law: with distinct scores every bucket holds exactly its quota, whatever the policy."""
        rule = ForcedDistribution(
            buckets=[Bucket(name=f"b{i}", share=s) for i, s in enumerate(shares)], ties=ties
        )
        result = rule.assign({f"p{i}": v for i, v in enumerate(values)})
        assert all(0 == p.deviation for p in result)

    @settings(max_examples=100)
    @given(
        _rules, _populations, st.sampled_from(list(TiePolicy)), st.randoms(use_true_random=False)
    )
    def test_order_independent(
        self, shares: list[int], scores: dict[str, int], ties: TiePolicy, rng: random.Random
    ) -> None:
        """Law: the same scores give the same buckets whatever order they come in."""
        rule = ForcedDistribution(
            buckets=[Bucket(name=f"b{i}", share=s) for i, s in enumerate(shares)], ties=ties
        )
        items = list(scores.items())
        rng.shuffle(items)
        assert rule.assign(scores) == rule.assign(dict(items))

    @settings(max_examples=100)
    @given(_rules, _populations, st.sampled_from([TiePolicy.MAJORITY, TiePolicy.FAVOURABLE]))
    def test_ties_never_split(
        self, shares: list[int], scores: dict[str, int], ties: TiePolicy
    ) -> None:
        """Law: kept-together ties share a bucket; better scores never sit lower.

        Everyone is placed exactly once.
        """
        rule = ForcedDistribution(
            buckets=[Bucket(name=f"b{i}", share=s) for i, s in enumerate(shares)], ties=ties
        )
        result = rule.assign(scores)
        placed = [m for p in result for m in p.members]
        assert sorted(scores) == sorted(placed)
        index = {p.name: i for i, p in enumerate(result)}
        bucket = {m: index[result.bucket_of(m)] for m in scores}
        for a, score_a in scores.items():
            for b, score_b in scores.items():
                if score_a == score_b:
                    assert bucket[a] == bucket[b]
                elif score_a > score_b:
                    assert bucket[a] <= bucket[b]

    @settings(max_examples=100)
    @given(_rules, _populations)
    def test_split_by_id_fills_quotas(self, shares: list[int], scores: dict[str, int]) -> None:
        """Law: splitting ties by id always fills every bucket to its quota exactly."""
        rule = ForcedDistribution(
            buckets=[Bucket(name=f"b{i}", share=s) for i, s in enumerate(shares)],
            ties=TiePolicy.SPLIT_BY_ID,
        )
        assert all(0 == p.deviation for p in rule.assign(scores))
