"""Tests for goalkit.ranges: one range type with declared edges, and the named ranges on it."""

from __future__ import annotations

import itertools
import random
import re
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction

import jsonschema  # type: ignore[import-untyped]  # no stubs installed
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from goalkit._numbers import Number
from goalkit.appraisal import RatingBand
from goalkit.exceptions import ValidationError
from goalkit.goals import KPI
from goalkit.interop.data import from_dict, to_dict
from goalkit.interop.schema import plan_schema
from goalkit.measures import Threshold
from goalkit.plan import Plan
from goalkit.ranges import Closed, Range, Side, compare, locate, require_contiguous
from goalkit.scoring import Band, Bands, band_of


class TestRange:
    @pytest.mark.parametrize(
        ("made", "text", "shown"),
        [
            (Range(), "(-inf, inf)", "Range()"),
            (Range(low=95), "[95, inf)", "Range(low=95)"),
            (
                Range(high=Decimal("2.5"), closed="low"),
                "(-inf, 2.5)",
                "Range(high=Decimal('2.5'), closed='low')",
            ),
            (
                Range(low=Fraction(2, 5), high=Fraction(7, 10), closed=Closed.HIGH),
                "(2/5, 7/10]",
                "Range(low=Fraction(2, 5), high=Fraction(7, 10), closed='high')",
            ),
            (
                Range(low=0, high=1, closed="neither"),
                "(0, 1)",
                "Range(low=0, high=1, closed='neither')",
            ),
            (Range(low=5, high=5), "[5, 5]", "Range(low=5, high=5)"),
        ],
    )
    def test_text_and_repr(self, made: Range, text: str, shown: str) -> None:
        """str() is interval notation; the repr reads like the call, defaults left out."""
        assert (text, shown) == (str(made), repr(made))

    @pytest.mark.parametrize(
        ("fields", "paths"),
        [
            ({"low": 5, "high": 1}, ["low"]),
            ({"low": 5, "high": 5, "closed": "low"}, ["closed"]),
            ({"low": "x", "high": float("nan")}, ["low", "high"]),
            ({"closed": "middle"}, ["closed"]),
            ({"closed": None}, ["closed"]),
            ({"low": True}, ["low"]),
            ({"low": Decimal("1E+5000")}, ["low"]),
        ],
    )
    def test_refused(self, fields: dict[str, object], paths: list[str]) -> None:
        """Bad edges, an edge order or an empty single-number range are all refused at once."""
        with pytest.raises(ValidationError) as caught:
            Range(**fields)
        assert paths == [p.path for p in caught.value.problems]

    def test_messages(self) -> None:
        """The messages name the fields and show the values."""
        with pytest.raises(ValidationError) as caught:
            Range(low=5, high=1)
        assert "'low' must not be above 'high' (got 5 and 1)" == caught.value.problems[0].message
        with pytest.raises(ValidationError) as caught:
            Range(closed="middle")
        assert (
            "'closed' must be one of 'both', 'low', 'high', 'neither' (got 'middle')"
            == caught.value.problems[0].message
        )
        with pytest.raises(ValidationError) as caught:
            Range(low=5, high=5, closed="neither")
        assert "holds nothing unless both edges are included" in caught.value.problems[0].message

    def test_huge_numbers_are_shown_bounded(self) -> None:
        """A refused huge edge does not put a thousand digits in the message or the repr."""
        big = 10**999
        assert len(repr(Range(low=big))) < 100
        with pytest.raises(ValidationError) as caught:
            Range(low=big, high=-big)
        assert len(str(caught.value)) < 200

    def test_numpy_edges_are_stored_as_python_numbers(self) -> None:
        """Numpy scalars are accepted and stored as int and float."""
        made = Range(low=np.int64(3), high=np.float64(4.5))
        assert (int, float) == (type(made.low), type(made.high))

    @pytest.mark.parametrize(
        ("closed", "low_in", "high_in"),
        [
            ("both", True, True),
            ("low", True, False),
            ("high", False, True),
            ("neither", False, False),
        ],
    )
    def test_contains_follows_the_declared_edges(
        self, closed: str, low_in: bool, high_in: bool
    ) -> None:
        """Each declaration includes exactly its edges; inside is in, outside is out."""
        made = Range(low=0, high=10, closed=closed)
        assert [False, low_in, True, high_in, False] == [
            made.contains(v) for v in (-1, 0, 5, 10, 11)
        ]
        assert (low_in, high_in) == (made.includes_low, made.includes_high)

    @pytest.mark.parametrize(
        ("made", "value", "expected"),
        [
            (Range(low=Fraction(7, 10)), 0.7, True),
            (Range(high=0.7, closed="low"), Fraction(7, 10), False),
            (Range(low=Decimal("0.1"), high=Fraction(1, 5)), Fraction(1, 10), True),
            (Range(low=Decimal("1E+999")), 1e308, False),
            (Range(high=Decimal("-1E+999")), -1e308, False),
            (Range(low=10**999), 1.5, False),
            (Range(low=0, high=Fraction(1, 3)), Decimal("0.3333333333333333333333333333"), True),
            (Range(low=0, high=Decimal("0.3333333333333333333333333333")), Fraction(1, 3), False),
        ],
    )
    def test_comparison_policy(self, made: Range, value: Number, expected: bool) -> None:
        """Exact numbers compare exactly; with a float, as floats; past float range, no error."""
        assert expected == made.contains(value)

    @pytest.mark.parametrize("value", ["1", None, float("inf"), True, Decimal("NaN")])
    def test_contains_refuses_non_numbers(self, value: object) -> None:
        """Only accepted numbers can be looked up."""
        with pytest.raises(ValidationError, match="'value'"):
            Range(low=0).contains(value)  # type: ignore[arg-type]

    @pytest.mark.parametrize(
        ("a", "b", "touches", "overlaps"),
        [
            (Range(low=0, high=1), Range(low=1, high=2), True, False),
            (Range(low=0, high=1, closed="low"), Range(low=1, high=2, closed="high"), True, False),
            (Range(high=5), Range(low=5), True, False),
            (Range(low=0, high=2), Range(low=1, high=3), False, True),
            (Range(low=0, high=1), Range(low=2, high=3), False, False),
            (Range(low=0, high=10), Range(low=5, high=5), False, True),
            (Range(low=5, high=5), Range(low=5, high=5), True, False),
            (Range(), Range(low=3, high=4), False, True),
            (Range(high=0), Range(high=1), False, True),
            (Range(low=0, high=1, closed="neither"), Range(low=0, high=1), False, True),
        ],
    )
    def test_touch_and_overlap(self, a: Range, b: Range, touches: bool, overlaps: bool) -> None:
        """Ranges lie apart, touch end to end, or overlap; both ways round."""
        assert (touches, overlaps) == (a.touches(b), a.overlaps(b))
        assert (touches, overlaps) == (b.touches(a), b.overlaps(a))

    def test_other_must_be_a_range(self) -> None:
        """overlaps() and touches() take ranges."""
        with pytest.raises(ValidationError, match="'other' must be a Range"):
            Range().overlaps((0, 1))  # type: ignore[arg-type]

    @pytest.mark.parametrize(
        ("made", "value", "above", "below"),
        [
            (Range(low=1, high=2), 0, True, False),
            (Range(low=1, high=2), 1, False, False),
            (Range(low=1, high=2, closed="high"), 1, True, False),
            (Range(low=1, high=2, closed="low"), 2, False, True),
            (Range(low=1, high=2), 3, False, True),
            (Range(), 0, False, False),
        ],
    )
    def test_lies_above_and_below(
        self, made: Range, value: Number, above: bool, below: bool
    ) -> None:
        """A value outside a range is below or above it, by the declared edges."""
        assert (above, below) == (made.lies_above(value), made.lies_below(value))

    def test_equality_and_hashing_by_value(self) -> None:
        """Ranges are frozen values; a Range never equals a named range."""
        assert Range(low=1, high=2) == Range(low=1, high=2)
        assert {Range(low=1)} == {Range(low=1)}
        assert Range(low=1) != Range(low=1, closed="low")
        assert Range(low=1) != Threshold(name="g", low=1)


class TestCompare:
    @pytest.mark.parametrize(
        ("a", "b", "expected"),
        [
            (1, Decimal("1.0"), 0),
            (Fraction(1, 3), Decimal("0.3333"), 1),
            (0.1, Fraction(1, 10), 0),
            (Fraction(10**400), 1e308, 1),
            (-(10**400), -1e308, -1),
        ],
    )
    def test_table(self, a: Number, b: Number, expected: int) -> None:
        """The one comparison rule of every range."""
        assert expected == compare(a, b)

    def test_refuses_non_numbers(self) -> None:
        """Both sides must be numbers; both problems come together."""
        with pytest.raises(ValidationError) as caught:
            compare("1", None)  # type: ignore[arg-type]
        assert ["a", "b"] == [p.path for p in caught.value.problems]

    def test_ignores_the_decimal_context(self) -> None:
        """A changed decimal context does not change a comparison."""
        import decimal

        with decimal.localcontext(decimal.Context(prec=2)):
            assert 1 == compare(Decimal("1.0001"), 1)
            assert Range(high=Decimal("1.0001"), closed="low").contains(Decimal("1.0000"))


THREE = [Range(high=90), Range(low=90, high=95), Range(low=95)]


class TestLocate:
    @pytest.mark.parametrize(
        ("value", "upper", "lower"),
        [(89, 0, 0), (90, 1, 0), (92, 1, 1), (95, 2, 1), (1000, 2, 2)],
    )
    def test_shared_edges(self, value: int, upper: int, lower: int) -> None:
        """A value on a shared edge goes to the side named; elsewhere to its only range."""
        assert THREE[upper] is locate(value, THREE)
        assert THREE[lower] is locate(value, THREE, shared=Side.LOWER)

    def test_declared_edges_win(self) -> None:
        """Where only one range includes an edge, it holds it whatever the side."""
        ranges = [
            Range(high=90),
            Range(low=90, high=95, closed="high"),
            Range(low=95, closed="neither"),
        ]
        assert ranges[0] is locate(90, ranges)
        assert ranges[1] is locate(95, ranges, shared="upper")

    def test_side_by_edge(self) -> None:
        """A function of the edge can choose the side (as a within-range KPI does)."""

        def nearer_middle(edge: Number) -> Side:
            return Side.UPPER if edge <= 92 else Side.LOWER

        assert THREE[1] is locate(90, THREE, shared=nearer_middle)
        assert THREE[1] is locate(95, THREE, shared=nearer_middle)

    def test_gap(self) -> None:
        """A value in no range has none."""
        assert None is locate(5, [Range(high=1), Range(low=10)])

    def test_bad_side(self) -> None:
        """The side is 'upper' or 'lower'."""
        with pytest.raises(ValidationError, match="'shared' must be one of 'upper', 'lower'"):
            locate(1, THREE, shared="middle")


class TestRequireContiguous:
    @pytest.mark.parametrize(
        ("ranges", "path", "words"),
        [
            ([Range(low=0, high=1), Range(low=2, high=3)], "bands[1]", "gap between 1 and 2"),
            ([Range(high=2), Range(low=1)], "bands[1]", "overlap from 1 to 2"),
            (
                [Range(high=1, closed="low"), Range(low=1, closed="high")],
                "bands[1]",
                "leave 1 out: neither bands[0] nor bands[1] includes it",
            ),
            ([Range(low=0), Range(low=1)], "bands[0].high", "only the last band"),
            ([Range(high=0), Range(high=1)], "bands[1].low", "only the first band"),
            ([Range(high=0), "x"], "bands[1]", "must hold ranges"),
        ],
    )
    def test_refused(self, ranges: list[Range], path: str, words: str) -> None:
        """Gaps, overlaps, an edge nobody holds and open ends in the middle are refused."""
        with pytest.raises(ValidationError, match=re.escape(words)) as caught:
            require_contiguous(ranges)
        assert path == caught.value.path

    def test_accepted(self) -> None:
        """Touching ranges with each edge held at least once pass."""
        require_contiguous(
            [Range(high=1, closed="low"), Range(low=1, high=1), Range(low=1, closed="neither")]
        )
        require_contiguous(THREE)


# -- laws ---------------------------------------------------------------------------

_edges = st.one_of(
    st.integers(-50, 50),
    st.fractions(min_value=-50, max_value=50, max_denominator=12),
    st.decimals(min_value=-50, max_value=50, places=2, allow_nan=False, allow_infinity=False),
)
_closed = st.sampled_from(list(Closed))


@st.composite
def _ranges(draw: st.DrawFn) -> Range:
    low = draw(st.none() | _edges)
    high = draw(st.none() | _edges)
    if low is not None and high is not None and Fraction(low) > Fraction(high):
        low, high = high, low
    closed = draw(_closed)
    if low is not None and high is not None and Fraction(low) == Fraction(high):
        closed = Closed.BOTH
    return Range(low=low, high=high, closed=closed)


def _fraction(value: Number) -> Fraction:
    return Fraction(value)


def _probes(*ranges: Range) -> list[Fraction]:
    """Every edge, and numbers between and beyond them."""
    edges = sorted({Fraction(e) for r in ranges for e in (r.low, r.high) if e is not None})
    points = [*edges, Fraction(-100), Fraction(100)]
    points += [(a + b) / 2 for a, b in itertools.pairwise(edges)]
    return points


class TestLaws:
    @settings(max_examples=200)
    @given(_ranges(), _edges)
    def test_contains_agrees_with_the_declared_edges(self, made: Range, value: Number) -> None:
        """Law: a value is in a range exactly when it is between the edges or on an included one."""
        number = Fraction(value)
        above_low = made.low is None or number > Fraction(made.low)
        below_high = made.high is None or number < Fraction(made.high)
        on_low = made.low is not None and number == Fraction(made.low)
        on_high = made.high is not None and number == Fraction(made.high)
        expected = (above_low or (on_low and made.closed.includes_low)) and (
            below_high or (on_high and made.closed.includes_high)
        )
        if on_low and on_high:  # a single-number range includes both edges
            expected = True
        assert expected == made.contains(value)

    @settings(max_examples=200)
    @given(_edges, _edges, _edges, _closed, _closed)
    def test_touching_ranges_share_exactly_their_edge(
        self, a: Number, b: Number, c: Number, first: Closed, second: Closed
    ) -> None:
        """Law: two touching ranges share their edge when both include it, and nothing else."""
        low, edge, high = sorted((a, b, c), key=_fraction)
        if Fraction(low) == Fraction(edge):
            first = Closed.BOTH
        if Fraction(edge) == Fraction(high):
            second = Closed.BOTH
        below = Range(low=low, high=edge, closed=first)
        above = Range(low=edge, high=high, closed=second)
        assert below.touches(above)
        assert not below.overlaps(above)
        shared = [v for v in _probes(below, above) if below.contains(v) and above.contains(v)]
        both = below.contains(edge) and above.contains(edge)
        assert ([Fraction(edge)] if both else []) == shared

    @settings(max_examples=200)
    @given(_ranges(), _ranges())
    def test_order_does_not_matter(self, a: Range, b: Range) -> None:
        """Law: touching and overlapping are symmetric, and overlap means a value beyond an edge."""
        assert a.touches(b) == b.touches(a)
        assert a.overlaps(b) == b.overlaps(a)
        common = [v for v in _probes(a, b) if a.contains(v) and b.contains(v)]
        if a.overlaps(b):
            assert common
        if not common:
            assert not a.overlaps(b)

    @settings(max_examples=100)
    @given(
        st.lists(_edges, min_size=1, max_size=6, unique_by=_fraction),
        _edges,
        st.sampled_from(list(Side)),
        st.randoms(use_true_random=False),
    )
    def test_locate_ignores_the_order_of_the_ranges(
        self, cuts: list[Number], value: Number, side: Side, rng: random.Random
    ) -> None:
        """Law: the range that holds a value does not depend on the order the ranges come in."""
        cuts = sorted(cuts, key=_fraction)
        ranges = [
            Range(high=cuts[0]),
            *(Range(low=a, high=b) for a, b in itertools.pairwise(cuts)),
            Range(low=cuts[-1]),
        ]
        require_contiguous(ranges)
        shuffled = list(ranges)
        rng.shuffle(shuffled)
        assert locate(value, ranges, shared=side) == locate(value, shuffled, shared=side)
        assert locate(value, ranges, shared=side) is not None


# -- the named ranges: KPI thresholds, grading bands, rating bands ------------------

NAMED: list[Callable[..., Range]] = [
    lambda **edges: Threshold(name="green", **edges),
    lambda **edges: Band(name="green", **edges),
    lambda **edges: RatingBand(rating="green", **edges),
]


class TestNamedRanges:
    @pytest.mark.parametrize("make", NAMED)
    def test_are_ranges(self, make: Callable[..., Range]) -> None:
        """Thresholds, grading bands and rating bands are ranges with the same edge rules."""
        made = make(low=0, high=1, closed="low")
        assert isinstance(made, Range)
        assert (True, False) == (made.contains(0), made.contains(1))
        assert "[0, 1)" == str(made)

    @pytest.mark.parametrize(
        ("made", "shown"),
        [
            (Threshold(name="amber", low=90, high=95), "Threshold(name='amber', low=90, high=95)"),
            (Band(name="red", high=Fraction(2, 5)), "Band(name='red', high=Fraction(2, 5))"),
            (
                RatingBand(rating=3, low=1, closed="high"),
                "RatingBand(rating=3, low=1, closed='high')",
            ),
        ],
    )
    def test_repr(self, made: Range, shown: str) -> None:
        """Each repr reads like its call."""
        assert shown == repr(made)

    def test_every_problem_at_once(self) -> None:
        """The name and the range's own problems are reported together."""
        with pytest.raises(ValidationError) as caught:
            Threshold(name=" ", low=5, high=1, closed="x")
        assert ["name", "closed", "low"] == [p.path for p in caught.value.problems]
        with pytest.raises(ValidationError) as caught:
            RatingBand(rating=True, low="1")
        assert ["rating", "low"] == [p.path for p in caught.value.problems]


def _kpi(polarity: str, *thresholds: Threshold, **fields: object) -> KPI:
    return KPI(
        id="k",
        title="Uptime",
        owner="ops",
        level="team",
        unit="%",
        polarity=polarity,
        thresholds=thresholds,
        **fields,  # type: ignore[arg-type]
    )


class TestKPIThresholds:
    @pytest.mark.parametrize(
        ("polarity", "value", "band"),
        [
            ("higher_is_better", 95, "green"),
            ("higher_is_better", 90, "amber"),
            ("lower_is_better", 95, "amber"),
            ("lower_is_better", 90, "red"),
        ],
    )
    def test_default_edges_go_to_the_better_side(
        self, polarity: str, value: int, band: str
    ) -> None:
        """With both edges included (the default) a shared edge goes to the better side."""
        kpi = _kpi(
            polarity,
            Threshold(name="red", high=90),
            Threshold(name="amber", low=90, high=95),
            Threshold(name="green", low=95),
        )
        assert band == band_of(kpi, value)

    @pytest.mark.parametrize("polarity", ["higher_is_better", "lower_is_better"])
    def test_declared_edges_decide(self, polarity: str) -> None:
        """An edge only one threshold includes belongs to it, whatever the polarity."""
        kpi = _kpi(
            polarity,
            Threshold(name="amber", low=90, high=95),
            Threshold(name="green", low=95, closed="neither"),
        )
        assert "amber" == band_of(kpi, 95)

    def test_touching_is_allowed_overlap_is_not(self) -> None:
        """Thresholds may touch, with or without the shared edge, but not overlap."""
        _kpi(
            "higher_is_better",
            Threshold(name="a", high=5, closed="low"),
            Threshold(name="b", low=5),
        )
        with pytest.raises(ValidationError) as caught:
            _kpi("higher_is_better", Threshold(name="a", high=6), Threshold(name="b", low=5))
        assert "thresholds[1]" == caught.value.path


class TestThresholdDocuments:
    KPI_DATA: dict[str, object] = {  # noqa: RUF012 - read only
        "id": "k",
        "title": "Uptime",
        "owner": "ops",
        "level": "team",
        "unit": "%",
    }

    def test_documents_without_edges_still_load(self) -> None:
        """A threshold written before edges were declared reads with both edges included."""
        data = {**self.KPI_DATA, "thresholds": [{"name": "green", "low": 95}]}
        kpi = from_dict(data, KPI)
        assert (Threshold(name="green", low=95),) == kpi.thresholds
        assert data == to_dict(kpi)

    def test_declared_edges_round_trip_and_match_the_schema(self) -> None:
        """'closed' is written only when declared, read back, and the schema accepts it."""
        kpi = _kpi(
            "higher_is_better",
            Threshold(name="amber", low=90, high=95, closed="low"),
            Threshold(name="green", low=95),
        )
        data = to_dict(kpi)
        assert [
            {"name": "amber", "low": 90, "high": 95, "closed": "low"},
            {"name": "green", "low": 95},
        ] == data["thresholds"]
        assert kpi == from_dict(data, KPI)
        validator = jsonschema.Draft202012Validator(plan_schema())
        document = to_dict(Plan(kpis=[kpi]))
        assert [] == [e.message for e in validator.iter_errors(json_ready(document))]
        document["kpis"][0]["thresholds"][0]["closed"] = "middle"
        assert not validator.is_valid(json_ready(document))
        with pytest.raises(ValidationError, match=r"kpis\[0\]\.thresholds\[0\]\.closed"):
            from_dict(document)


def json_ready(data: object) -> object:
    """The document as JSON would carry it."""
    import json

    return json.loads(json.dumps(data))


class TestGradingBands:
    def test_shared_edges_go_up(self) -> None:
        """A progress on an edge both bands include gets the band above; declared edges win."""
        scale = Bands(
            bands=[Band(name="low", high=Fraction(1, 2)), Band(name="high", low=Fraction(1, 2))]
        )
        assert "high" == scale.grade(Fraction(1, 2))
        declared = Bands(
            bands=[
                Band(name="low", high=Fraction(1, 2)),
                Band(name="high", low=Fraction(1, 2), closed="neither"),
            ]
        )
        assert "low" == declared.grade(Fraction(1, 2))

    def test_below_and_above(self) -> None:
        """Under the first band the scale gives 'below'; past a closed top, no grade."""
        scale = Bands(bands=[Band(name="ok", low=0, high=1)], below="under")
        assert ("under", "ok", None) == (
            scale.grade(Fraction(-1)),
            scale.grade(Fraction(1)),
            scale.grade(Fraction(2)),
        )

    @pytest.mark.parametrize(
        ("build", "path", "words"),
        [
            (
                lambda: Bands(bands=[Band(name="a", high=1), Band(name="b", low=2)]),
                "bands[1]",
                "gap between 1 and 2",
            ),
            (lambda: Bands(bands=[]), "bands", "at least one band"),
            (lambda: Bands(bands=["a"]), "bands[0]", "Band objects"),  # type: ignore[list-item]
            (lambda: Bands(bands=5), "bands", "must be a list"),  # type: ignore[arg-type]
            (lambda: Bands.of(("a", None), ("", 1)), "bands[1].name", "must not be empty"),
            (lambda: Bands.of(("a", None), "b"), "bands[1]", "(name, lower edge) pair"),  # type: ignore[arg-type]
            (lambda: Bands.of(("a", "x")), "bands[0].low", "must be a number"),  # type: ignore[arg-type]
            (lambda: Bands.lookup(5), "table", "(level, rating) pairs"),  # type: ignore[arg-type]
        ],
    )
    def test_refused(self, build: Callable[[], object], path: str, words: str) -> None:
        """Bands are contiguous, well formed and given in the right shape."""
        with pytest.raises(ValidationError, match=re.escape(words)) as caught:
            build()
        assert path == caught.value.path

    def test_float_progress_meets_an_exact_edge(self) -> None:
        """A float progress compares with an exact edge as floats."""
        scale = Bands.of(("amber", None), ("green", Fraction(7, 10)))
        assert "green" == scale.grade(0.7)
