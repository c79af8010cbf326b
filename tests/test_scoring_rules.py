"""Rounding, grading scales, status rules, pace, forecast and aggregators."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from goalkit._numbers import Exact, Number
from goalkit.exceptions import ValidationError
from goalkit.goals import KeyResult
from goalkit.measures import CheckIn, Checkpoint, Milestone, Target
from goalkit.periods import Period
from goalkit.scoring import (
    GOOGLE,
    ZONES,
    AllOrNothing,
    Bands,
    ConfidenceStatus,
    LeastSquares,
    LinearPace,
    Majority,
    Mean,
    Minimum,
    Pace,
    PaceStatus,
    PhasedPace,
    PointScale,
    Rounding,
    RoundingMode,
    Status,
    Weakest,
    WeightedMean,
    aggregate,
    expected_grade,
    grade_commentary,
    least_squares,
)

Q3 = Period.quarter(2026, 3)
MID = date(2026, 8, 15)


class TestRounding:
    @pytest.mark.parametrize(
        ("mode", "value", "expected"),
        [
            ("half_up", 0.675, Decimal("0.68")),
            ("half_up", Decimal("0.675"), Decimal("0.68")),
            ("half_up", Fraction(27, 40), Decimal("0.68")),
            ("half_up", 2.675, Decimal("2.68")),
            ("half_up", Decimal("0.665"), Decimal("0.67")),
            ("half_even", Decimal("0.665"), Decimal("0.66")),
            ("half_even", 0.675, Decimal("0.68")),
            ("half_up", -0.675, Decimal("-0.68")),
            ("half_even", Decimal("-0.665"), Decimal("-0.66")),
            ("half_up", Fraction(2, 3), Decimal("0.67")),
            ("half_up", 1, Decimal("1.00")),
        ],
    )
    def test_table(self, mode: str, value: Number, expected: Decimal) -> None:
        """Ties follow the declared mode; floats round by the decimal they show."""
        actual = Rounding(places=2, mode=mode).round(value)
        assert expected == actual
        assert str(expected) == str(actual)

    @pytest.mark.parametrize(("field", "value"), [("places", -1), ("places", 1.5), ("mode", "up")])
    def test_bad_policy(self, field: str, value: object) -> None:
        """A bad policy is refused, naming the field."""
        with pytest.raises(ValidationError) as error:
            Rounding(**{field: value})  # type: ignore[arg-type]
        assert field == error.value.path

    def test_bad_value(self) -> None:
        """Only numbers round."""
        with pytest.raises(ValidationError):
            Rounding().round(float("nan"))

    @settings(max_examples=100, deadline=None)
    @given(
        st.decimals(-100, 100, places=4, allow_nan=False, allow_infinity=False),
        st.sampled_from(list(RoundingMode)),
        st.integers(0, 4),
    )
    def test_stable(self, value: Decimal, mode: RoundingMode, places: int) -> None:
        """Stable: a value rounds alike in any type, and rounding twice changes nothing."""
        rounding = Rounding(places=places, mode=mode)
        once = rounding.round(value)
        assert once == rounding.round(Fraction(value)) == rounding.round(float(str(value)))
        assert once == rounding.round(once)
        assert abs(once - value) <= Decimal(1).scaleb(-places) / 2


class TestGrading:
    @pytest.mark.parametrize(
        ("progress", "google", "zones"),
        [
            (Fraction(0), "red", "fail"),
            (Fraction(3, 10), "red", "commit"),
            (Fraction(39, 100), "red", "commit"),
            (Fraction(2, 5), "amber", "commit"),
            (0.4, "amber", "commit"),
            (Fraction(69, 100), "amber", "commit"),
            (Fraction(7, 10), "green", "target"),
            (0.7, "green", "target"),
            (Fraction(1), "green", "stretch"),
            (Fraction(-1), "red", "fail"),
        ],
    )
    def test_edges(self, progress: Exact, google: str, zones: str) -> None:
        """Lower edges belong to the band above: 0.4 is amber, 0.7 green (also as floats)."""
        assert google == GOOGLE.grade(progress)
        assert zones == ZONES.grade(progress)

    @pytest.mark.parametrize(
        ("achievement", "rating"),
        [
            (Fraction(79, 100), "0"),
            (Fraction(4, 5), "1"),
            (Fraction(95, 100), "2"),
            (Fraction(1), "3"),
            (Fraction(11, 10), "4"),
            (Fraction(6, 5), "5"),
            (Fraction(2), "5"),
        ],
    )
    def test_lookup_table(self, achievement: Fraction, rating: str) -> None:
        """80 % -> 1 ... 120 % -> 5, edges included, capped above, a named grade below."""
        table = Bands.lookup(
            [
                (Decimal("0.8"), "1"),
                (Decimal("0.9"), "2"),
                (1, "3"),
                (Decimal("1.1"), "4"),
                (Decimal("1.2"), "5"),
            ],
            below="0",
        )
        assert rating == table.grade(achievement)

    @pytest.mark.parametrize(
        ("progress", "points"),
        [
            (Fraction(0), "0"),
            (Fraction(63, 100), "6"),
            (Fraction(65, 100), "7"),
            (Fraction(3, 2), "10"),
        ],
    )
    def test_point_scale(self, progress: Fraction, points: str) -> None:
        """The 0-10 scale rounds half-up and holds at 10."""
        assert points == PointScale().grade(progress)

    def test_bad_bands(self) -> None:
        """Edges must rise and only the first band may lack one."""
        with pytest.raises(ValidationError) as error:
            Bands.of(("a", None), ("b", Fraction(1, 2)), ("c", Fraction(1, 2)), ("d", None))
        assert ["bands[2].at_least", "bands[3].at_least"] == [p.path for p in error.value.problems]

    @pytest.mark.parametrize(
        ("progress", "commitment", "comment"),
        [
            (
                Fraction(1),
                "aspirational",
                "1.0 on an aspirational key result: the target was probably set too low",
            ),
            (
                Fraction(13, 20),
                "aspirational",
                "in the 0.6-0.7 sweet spot for an aspirational key result",
            ),
            (Fraction(1, 2), "aspirational", None),
            (Fraction(3, 10), "aspirational", "below 0.4: rethink the goal or the method"),
            (Fraction(1), "committed", None),
            (Fraction(9, 10), "committed", "a committed key result is expected to reach 1.0"),
            (None, "committed", None),
        ],
    )
    def test_commentary(
        self, progress: Fraction | None, commitment: str, comment: str | None
    ) -> None:
        """The rules of thumb on final grades, by commitment."""
        assert comment == grade_commentary(progress, commitment)

    def test_expected_grade(self) -> None:
        """Committed OKRs are expected at 1.0, aspirational ones at 0.7; others are refused."""
        assert (Fraction(1), Fraction(7, 10)) == (
            expected_grade("committed"),
            expected_grade("aspirational"),
        )
        with pytest.raises(ValidationError):
            expected_grade("hopeful")


def _pace(progress: Fraction | None, expected: Fraction = Fraction(1, 2)) -> Pace:
    return Pace.of(expected, progress)


class TestStatus:
    @pytest.mark.parametrize(
        ("progress", "at", "status"),
        [
            (Fraction(1, 2), date(2026, 6, 30), Status.NOT_STARTED),
            (None, MID, Status.NO_DATA),
            (Fraction(1), MID, Status.DONE),
            (Fraction(1, 2), date(2026, 10, 1), Status.CLOSED),
            (Fraction(1), date(2026, 10, 1), Status.DONE),
            (Fraction(19, 40), MID, Status.ON_TRACK),
            (Fraction(47, 100), MID, Status.AT_RISK),
            (Fraction(3, 8), MID, Status.AT_RISK),
            (Fraction(37, 100), MID, Status.OFF_TRACK),
            (Fraction(0), MID, Status.OFF_TRACK),
        ],
    )
    def test_pace_rule(self, progress: Fraction | None, at: date, status: Status) -> None:
        """At least 0.95 x expected is on track, below 0.75 x off track, at risk between."""
        assert status == PaceStatus().status(
            progress=progress, pace=_pace(progress), period=Q3, at=at, latest=None
        )

    def test_nothing_expected_yet(self) -> None:
        """While nothing is expected, data means on track."""
        pace = _pace(Fraction(0), expected=Fraction(0))
        assert Status.ON_TRACK == PaceStatus().status(
            progress=Fraction(0), pace=pace, period=Q3, at=MID, latest=None
        )

    def test_stale(self) -> None:
        """With stale_after_days, an old latest check-in is stale, never on track."""
        latest = CheckIn(day=date(2026, 7, 1), value=1)
        rule = PaceStatus(stale_after_days=30)
        progress = Fraction(1, 2)
        assert Status.STALE == rule.status(
            progress=progress, pace=_pace(progress), period=Q3, at=MID, latest=latest
        )

    @pytest.mark.parametrize(
        ("confidence", "status"),
        [
            (Fraction(7, 10), Status.ON_TRACK),
            (0.5, Status.AT_RISK),
            (Fraction(2, 5), Status.AT_RISK),
            (0.39, Status.OFF_TRACK),
            (None, Status.ON_TRACK),
        ],
    )
    def test_confidence_rule(self, confidence: Number | None, status: Status) -> None:
        """High (>= 0.7) on track, medium (>= 0.4) at risk, low off track; none: the pace."""
        latest = CheckIn(day=MID, value=1, confidence=confidence)
        progress = Fraction(1, 2)
        assert status == ConfidenceStatus().status(
            progress=progress, pace=_pace(progress), period=Q3, at=MID, latest=latest
        )

    @pytest.mark.parametrize(
        ("rule", "kwargs", "message"),
        [
            (
                PaceStatus,
                {"off_track_below": 1, "on_track_from": Fraction(1, 2)},
                "off_track_below: 'off_track_below' must not be above 'on_track_from' "
                "(got 1 and Fraction(1, 2))",
            ),
            (
                PaceStatus,
                {"stale_after_days": -1},
                "stale_after_days: 'stale_after_days' must be a whole number >= 0 (got -1)",
            ),
            (
                ConfidenceStatus,
                {"medium_from": Fraction(9, 10)},
                "medium_from: 'medium_from' must not be above 'high_from' "
                "(got Fraction(9, 10) and Fraction(7, 10))",
            ),
        ],
    )
    def test_bad_rules(self, rule: type, kwargs: dict[str, object], message: str) -> None:
        """Contradictory thresholds are refused, naming the field and both values."""
        with pytest.raises(ValidationError) as caught:
            rule(**kwargs)
        assert message == str(caught.value)

    @pytest.mark.parametrize(
        ("statuses", "weakest", "majority"),
        [
            ([], Status.NO_DATA, Status.NO_DATA),
            ([Status.DONE, Status.DONE], Status.DONE, Status.DONE),
            ([Status.ON_TRACK, Status.DONE], Status.ON_TRACK, Status.ON_TRACK),
            (
                [Status.ON_TRACK, Status.ON_TRACK, Status.OFF_TRACK],
                Status.OFF_TRACK,
                Status.ON_TRACK,
            ),
            ([Status.ON_TRACK, Status.NO_DATA], Status.NO_DATA, Status.NO_DATA),
            ([Status.AT_RISK, Status.STALE, Status.ON_TRACK], Status.STALE, Status.STALE),
            (["on_track", "at_risk"], Status.AT_RISK, Status.AT_RISK),
        ],
    )
    def test_roll_up(self, statuses: list[Status], weakest: Status, majority: Status) -> None:
        """Weakest takes the worst part; the mixed rule the commonest (ties to the weaker)."""
        assert weakest == Weakest().combine(statuses)
        assert majority == Majority().combine(statuses)

    def test_roll_up_refuses_strangers(self) -> None:
        """Something that is not a status is reported with its index."""
        with pytest.raises(ValidationError) as error:
            Weakest().combine([Status.DONE, "green"])  # type: ignore[list-item]
        assert "statuses[1]" == error.value.path

    @settings(max_examples=100, deadline=None)
    @given(st.lists(st.sampled_from(list(Status)), min_size=1), st.randoms())
    def test_roll_up_laws(self, statuses: list[Status], random: object) -> None:
        """Roll-ups ignore order, and equal parts roll up to themselves."""
        shuffled = list(statuses)
        random.shuffle(shuffled)  # type: ignore[attr-defined]
        for rule in (Weakest(), Majority()):
            assert rule.combine(statuses) == rule.combine(shuffled)
            assert statuses[0] == rule.combine([statuses[0]] * len(statuses))


class TestPace:
    @pytest.mark.parametrize(
        ("at", "expected"),
        [
            (date(2026, 6, 30), Fraction(0)),
            (date(2026, 7, 1), Fraction(1, 92)),
            (MID, Fraction(1, 2)),
            (date(2026, 9, 30), Fraction(1)),
            (date(2026, 12, 1), Fraction(1)),
        ],
    )
    def test_linear(self, at: date, expected: Fraction) -> None:
        """Linear pace is the elapsed share of the period, exact."""
        kr = KeyResult.metric(id="kr", title="t", target=Target.increase(from_=0, to=10))
        assert expected == LinearPace().expected(kr, Q3, at)

    def test_binary_expected_at_due(self) -> None:
        """A binary key result is expected done from its due day, else from the period's end."""
        kr = KeyResult.binary(id="kr", title="t", due=date(2026, 9, 15))
        assert (Fraction(0), Fraction(1)) == (
            LinearPace().expected(kr, Q3, date(2026, 9, 14)),
            LinearPace().expected(kr, Q3, date(2026, 9, 15)),
        )
        undated = KeyResult.binary(id="kr", title="t")
        assert Fraction(0) == LinearPace().expected(undated, Q3, date(2026, 9, 29))

    @pytest.mark.parametrize(
        ("at", "expected"),
        [
            (date(2026, 6, 30), Fraction(0)),
            (date(2026, 7, 16), Fraction(16, 155)),
            (date(2026, 7, 31), Fraction(1, 5)),
            (date(2026, 8, 31), Fraction(3, 5)),
            (date(2026, 9, 30), Fraction(1)),
        ],
    )
    def test_checkpoints(self, at: date, expected: Fraction) -> None:
        """Phased targets: straight lines from 0 through each checkpoint to 1 at the end."""
        kr = KeyResult.metric(
            id="kr",
            title="t",
            target=Target.increase(from_=0, to=100),
            checkpoints=[
                Checkpoint(day=date(2026, 7, 31), value=20),
                Checkpoint(day=date(2026, 8, 31), value=60),
            ],
        )
        assert expected == PhasedPace().expected(kr, Q3, at)

    def test_milestone_due_dates(self) -> None:
        """Phased pace for milestones is the weighted share due; undated ones are due at the end."""
        kr = KeyResult.milestones(
            id="kr",
            title="t",
            milestones=[
                Milestone(title="a", due=date(2026, 7, 15)),
                Milestone(title="b", weight=3),
            ],
        )
        assert (Fraction(1, 4), Fraction(1)) == (
            PhasedPace().expected(kr, Q3, MID),
            PhasedPace().expected(kr, Q3, date(2026, 9, 30)),
        )

    def test_ratio(self) -> None:
        """The ratio is actual / expected, None when nothing is expected or nothing is known."""
        assert Fraction(6, 5) == Pace.of(Fraction(1, 2), Fraction(3, 5)).ratio
        assert Pace.of(Fraction(0), Fraction(3, 5)).ratio is None
        assert Pace.of(Fraction(1, 2), None).ratio is None


def _history_kr(*points: tuple[date, Number], target: Target | None = None) -> KeyResult:
    return KeyResult.metric(
        id="kr",
        title="t",
        target=target if target is not None else Target.increase(from_=0, to=100),
        history=[CheckIn(day=day, value=value) for day, value in points],
    )


class TestForecast:
    def test_line(self) -> None:
        """Exact points on a line project exactly to the period's last day."""
        kr = _history_kr((date(2026, 7, 1), 0), (date(2026, 7, 11), 10), (date(2026, 7, 21), 20))
        forecast = LeastSquares().forecast(kr, Q3, MID)
        assert forecast is not None
        assert (Fraction(91), Fraction(91, 100), False) == (
            forecast.value,
            forecast.progress,
            forecast.off_track,
        )

    def test_off_track(self) -> None:
        """A flat trend far from the target is flagged off track."""
        kr = _history_kr((date(2026, 7, 1), 10), (date(2026, 8, 1), 12))
        forecast = LeastSquares().forecast(kr, Q3, MID)
        assert forecast is not None
        assert forecast.off_track

    @pytest.mark.parametrize("count", [0, 1])
    def test_not_enough_data(self, count: int) -> None:
        """Zero or one check-in: no trend, no value, not flagged."""
        kr = _history_kr(*[(date(2026, 7, 1), 5)][:count])
        forecast = LeastSquares().forecast(kr, Q3, MID)
        assert forecast is not None
        assert (None, None, False) == (forecast.value, forecast.progress, forecast.off_track)

    def test_last_and_window(self) -> None:
        """Only the last N days (or a date window) are fitted; later check-ins are ignored."""
        kr = _history_kr(
            (date(2026, 7, 1), 90),
            (date(2026, 8, 1), 10),
            (date(2026, 8, 11), 20),
            (date(2026, 8, 20), 99),
        )
        by_last = LeastSquares(last=2).forecast(kr, Q3, MID)
        by_window = LeastSquares(window_days=20).forecast(kr, Q3, MID)
        assert by_last is not None
        assert by_window is not None
        assert Fraction(70) == by_last.value == by_window.value

    def test_not_a_metric(self) -> None:
        """Milestone and binary key results have no forecast."""
        assert LeastSquares().forecast(KeyResult.binary(id="kr", title="t"), Q3, MID) is None

    def test_least_squares_needs_two_days(self) -> None:
        """A line needs two distinct days."""
        with pytest.raises(ValidationError):
            least_squares([(0, 1), (0, 2)])

    @settings(max_examples=60, deadline=None)
    @given(
        st.lists(
            st.decimals(0, 1000, places=2, allow_nan=False, allow_infinity=False),
            min_size=2,
            max_size=8,
        )
    )
    def test_exact(self, values: list[Decimal]) -> None:
        """Decimal check-ins give an exact forecast, never a float."""
        kr = _history_kr(*[(date(2026, 7, 1 + 3 * i), v) for i, v in enumerate(values)])
        forecast = LeastSquares(last=None).forecast(kr, Q3, MID)
        assert forecast is not None
        assert isinstance(forecast.value, Fraction)
        assert isinstance(forecast.progress, Fraction)


class TestAggregators:
    PARTS = (
        (Fraction(1, 2), Fraction(1)),
        (Fraction(3, 2), Fraction(3)),
        (Fraction(1, 4), Fraction(0)),
    )

    @pytest.mark.parametrize(
        ("aggregator", "expected"),
        [
            (WeightedMean(), Fraction(7, 8)),
            (WeightedMean(cap=False), Fraction(5, 4)),
            (Mean(), Fraction(7, 12)),
            (Minimum(), Fraction(1, 4)),
            (AllOrNothing(), Fraction(0)),
        ],
    )
    def test_table(
        self, aggregator: WeightedMean | Mean | Minimum | AllOrNothing, expected: Fraction
    ) -> None:
        """Weighted mean of capped progress (default), plain mean, minimum, all-or-nothing."""
        assert expected == aggregator.aggregate(self.PARTS)

    def test_validation(self) -> None:
        """Negative and non-number weights and progress are all reported at once."""
        with pytest.raises(ValidationError) as error:
            aggregate([(Fraction(1), -1), ("half", 1), (Fraction(1), "x")], WeightedMean())  # type: ignore[list-item]
        assert ["items[0].weight", "items[1].progress", "items[2].weight"] == [
            p.path for p in error.value.problems
        ]

    def test_all_zero_weights(self) -> None:
        """Weights that are all zero are refused."""
        with pytest.raises(ValidationError):
            aggregate([(Fraction(1), 0), (None, 0)], WeightedMean())

    def test_no_data(self) -> None:
        """Parts without data are left out; none left is None."""
        assert aggregate([(None, 1)], WeightedMean()) is None
        assert aggregate([], WeightedMean()) is None
        assert aggregate([(Fraction(1), 0), (None, 1)], WeightedMean()) is None

    def test_user_aggregator(self) -> None:
        """Any object with an aggregate method is an aggregator."""

        class Maximum:
            def aggregate(self, items: Sequence[tuple[Exact, Exact]]) -> Exact | None:
                return max(p for p, _ in items)

        assert Fraction(3, 2) == aggregate(list(self.PARTS), Maximum())

    @settings(max_examples=100, deadline=None)
    @given(
        st.fractions(0, 1, max_denominator=50),
        st.lists(st.integers(1, 20), min_size=1, max_size=8),
    )
    def test_equal_scores(self, score: Fraction, weights: list[int]) -> None:
        """An aggregator over equal scores returns that score."""
        items = [(score, Fraction(w)) for w in weights]
        for aggregator in (WeightedMean(), Mean(), Minimum()):
            assert score == aggregator.aggregate(items)

    @settings(max_examples=100, deadline=None)
    @given(
        st.lists(
            st.tuples(st.fractions(0, 2, max_denominator=50), st.integers(0, 20)),
            min_size=1,
            max_size=8,
        ).filter(lambda items: any(w for _, w in items)),
        st.fractions(1, 100, max_denominator=7),
        st.randoms(),
    )
    def test_order_and_scale(
        self, items: list[tuple[Fraction, int]], factor: Fraction, random: object
    ) -> None:
        """Reordering parts or scaling all weights changes nothing."""
        shuffled = list(items)
        random.shuffle(shuffled)  # type: ignore[attr-defined]
        scaled = [(p, w * factor) for p, w in items]
        for aggregator in (WeightedMean(), Mean(), Minimum(), AllOrNothing()):
            result = aggregate(items, aggregator)
            assert result == aggregate(shuffled, aggregator) == aggregate(scaled, aggregator)
