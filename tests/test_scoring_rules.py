"""Rounding, grading scales, status rules, pace, forecast and aggregators."""

from __future__ import annotations

import decimal
from collections.abc import Callable, Sequence
from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from goalkit._numbers import Exact, Number
from goalkit.exceptions import ValidationError
from goalkit.goals import KPI, KeyResult
from goalkit.measures import CheckIn, Checkpoint, Milestone, Target
from goalkit.periods import Period
from goalkit.scoring import (
    GOOGLE,
    MAX_PLACES,
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
    ScoringRules,
    Status,
    Weakest,
    WeightedMean,
    ZoneProgress,
    aggregate,
    expected_grade,
    grade_commentary,
    known_status,
    kpi_value,
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
        assert ["bands[2].low", "bands[3].low"] == [p.path for p in error.value.problems]

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


class TestRoundingWhateverTheContext:
    def test_huge_value_refused_at_once(self) -> None:
        """A number past the admission limit is refused before any arithmetic (was: > 15 s)."""
        with pytest.raises(ValidationError) as error:
            Rounding().round(Decimal("1E+1000000"))
        assert "value" == error.value.path
        assert "too large" in str(error.value)

    def test_places_are_bounded(self) -> None:
        """Places past the precision limit are refused; a bad mode gets the one enum message."""
        with pytest.raises(ValidationError) as error:
            Rounding(places=MAX_PLACES + 1, mode="up")
        assert ["places", "mode"] == [p.path for p in error.value.problems]
        assert "'mode' must be one of 'half_up', 'half_even' (got 'up')" in str(error.value)

    def test_mode_by_value(self) -> None:
        """The mode may be given by its value."""
        assert RoundingMode.HALF_EVEN == Rounding(mode="half_even").mode

    def test_low_precision_context(self) -> None:
        """A caller's 5-digit context does not cut a rounded result (was: 4.1152E+5)."""
        with decimal.localcontext(decimal.Context(prec=5, rounding=decimal.ROUND_DOWN)):
            assert Decimal("411522.33") == Rounding().round(Fraction(1234567, 3))

    @settings(max_examples=100, deadline=None)
    @given(
        st.fractions(-(10**30), 10**30, max_denominator=10**6),
        st.sampled_from(list(RoundingMode)),
        st.integers(0, 30),
        st.integers(1, 8),
        st.sampled_from([decimal.ROUND_DOWN, decimal.ROUND_CEILING, decimal.ROUND_05UP]),
    )
    def test_context_changes_nothing(
        self, value: Fraction, mode: RoundingMode, places: int, prec: int, rounding: str
    ) -> None:
        """Law: rounding gives the same Decimal, digit for digit, under any decimal context."""
        policy = Rounding(places=places, mode=mode)
        expected = policy.round(value)
        saved = decimal.getcontext()
        try:
            decimal.setcontext(decimal.Context(prec=prec, rounding=rounding))
            actual = policy.round(value)
        finally:
            decimal.setcontext(saved)
        assert str(expected) == str(actual)


class TestStatusArguments:
    def test_unknown_progress_is_never_green(self) -> None:
        """known_status: on track or done without a progress is no data; the rest stays."""
        assert Status.NO_DATA == known_status(Status.ON_TRACK, None)
        assert Status.NO_DATA == known_status(Status.DONE, None)
        assert Status.AT_RISK == known_status(Status.AT_RISK, None)
        assert Status.ON_TRACK == known_status(Status.ON_TRACK, Fraction(1, 2))

    @pytest.mark.parametrize(
        ("kwargs", "path"),
        [
            ({"at": "2026-08-15"}, "at"),
            ({"period": "2026-Q3"}, "period"),
            ({"pace": 0.5}, "pace"),
            ({"progress": "half"}, "progress"),
        ],
    )
    def test_bad_arguments(self, kwargs: dict[str, object], path: str) -> None:
        """Status rules refuse arguments of the wrong type with a ValidationError."""
        arguments: dict[str, object] = {
            "progress": Fraction(1, 2),
            "pace": Pace.of(Fraction(1, 2), Fraction(1, 2)),
            "period": Q3,
            "at": MID,
            "latest": None,
        }
        arguments.update(kwargs)
        for rule in (PaceStatus(), ConfidenceStatus()):
            with pytest.raises(ValidationError) as error:
                rule.status(**arguments)  # type: ignore[arg-type]
            assert path == error.value.path

    def test_huge_share_beside_a_float(self) -> None:
        """A policy share no float can hold, beside a float progress, is a ValidationError."""
        rule = PaceStatus(on_track_from=Decimal("1E+400"), off_track_below=0)
        with pytest.raises(ValidationError) as error:
            rule.status(
                progress=0.5, pace=Pace.of(Fraction(1, 2), 0.5), period=Q3, at=MID, latest=None
            )
        assert "on_track_from" == error.value.path

    def test_float_comparison_in_float(self) -> None:
        """A float progress compares in float arithmetic: 0.475 is 0.95 x 0.5, on track."""
        pace = Pace.of(Fraction(1, 2), 0.475)
        assert Status.ON_TRACK == PaceStatus().status(
            progress=0.475, pace=pace, period=Q3, at=MID, latest=None
        )

    @pytest.mark.parametrize("statuses", [5, "on_track", None])
    def test_roll_up_needs_a_sequence(self, statuses: object) -> None:
        """Anything but a sequence of statuses is a ValidationError, not a TypeError."""
        with pytest.raises(ValidationError) as error:
            Weakest().combine(statuses)  # type: ignore[arg-type]
        assert "statuses" == error.value.path

    def test_one_enum_message(self) -> None:
        """A stranger in a roll-up gets the library's one enum message."""
        with pytest.raises(ValidationError) as error:
            Majority().combine(["bogus"])  # type: ignore[list-item]
        assert str(error.value).endswith(
            "must be one of 'not_started', 'on_track', 'at_risk', "
            "'off_track', 'done', 'closed', 'no_data', 'stale' "
            "(got 'bogus')"
        )


class TestPaceNumbers:
    def test_tiny_expected_beside_a_float(self) -> None:
        """A tiny exact expected beside a float progress is refused, not a ZeroDivisionError."""
        with pytest.raises(ValidationError) as error:
            Pace.of(Fraction(1, 10**400), 0.5)
        assert "expected" == error.value.path

    def test_bad_numbers(self) -> None:
        """Pace.of takes numbers only."""
        with pytest.raises(ValidationError) as error:
            Pace.of("half", None)  # type: ignore[arg-type]
        assert "expected" == error.value.path

    def test_pace_rules_check_arguments(self) -> None:
        """Pace rules refuse a day that is not a plain date, and a key result that is not one."""
        kr = KeyResult.metric(id="kr", title="t", target=Target.increase(from_=0, to=10))
        for rule in (LinearPace(), PhasedPace()):
            with pytest.raises(ValidationError) as error:
                rule.expected(kr, Q3, "2026-08-15")  # type: ignore[arg-type]
            assert "at" == error.value.path
            with pytest.raises(ValidationError) as error:
                rule.expected("kr", Q3, MID)  # type: ignore[arg-type]
            assert "kr" == error.value.path

    def test_milestone_weights_mixed(self) -> None:
        """Float and huge exact milestone weights are refused by name, not an OverflowError."""
        kr = KeyResult.milestones(
            id="kr",
            title="t",
            milestones=[
                Milestone(title="a", weight=0.5, due=date(2026, 7, 31)),
                Milestone(title="b", weight=Decimal("1E+400")),
            ],
        )
        with pytest.raises(ValidationError) as error:
            PhasedPace().expected(kr, Q3, MID)
        assert "milestones[1].weight" == error.value.path


class TestForecastNumbers:
    def test_huge_exact_beside_float(self) -> None:
        """A huge exact y beside a float y is refused by name (was: OverflowError)."""
        with pytest.raises(ValidationError) as error:
            least_squares([(0, 1.0), (1, Decimal("1E+400"))])
        assert "points[1].y" == error.value.path

    def test_float_overflow(self) -> None:
        """A float line that overflows is refused, never inf."""
        with pytest.raises(ValidationError):
            least_squares([(0, 1e308), (1, -1e308)])

    @pytest.mark.parametrize(
        ("points", "path"),
        [(5, "points"), ([(0, 1), (1.5, 2)], "points[1].x"), ([(0, 1), (1, "2")], "points[1].y")],
    )
    def test_bad_points(self, points: object, path: str) -> None:
        """Points must be (whole number, number) pairs."""
        with pytest.raises(ValidationError) as error:
            least_squares(points)  # type: ignore[arg-type]
        assert path == error.value.path

    def test_projection_past_the_limit(self) -> None:
        """An exact projection past the admission limit is refused fast, named forecast.value."""
        kr = KeyResult.metric(
            id="kr",
            title="t",
            target=Target.increase(from_=0, to=10),
            history=[
                CheckIn(day=date(2026, 7, 1), value=0),
                CheckIn(day=date(2026, 7, 2), value=10**999),
            ],
        )
        with pytest.raises(ValidationError) as error:
            LeastSquares().forecast(kr, Q3, date(2026, 7, 2))
        assert "forecast.value" == error.value.path

    def test_huge_window(self) -> None:
        """A window longer than the calendar keeps every check-in (was: OverflowError)."""
        kr = KeyResult.metric(
            id="kr",
            title="t",
            target=Target.increase(from_=0, to=100),
            history=[
                CheckIn(day=date(2026, 7, 1), value=0),
                CheckIn(day=date(2026, 8, 1), value=31),
            ],
        )
        forecast = LeastSquares(window_days=10**9).forecast(kr, Q3, MID)
        assert forecast is not None
        assert Fraction(91) == forecast.value

    def test_bad_arguments(self) -> None:
        """The forecast refuses a day that is not a plain date."""
        kr = KeyResult.metric(id="kr", title="t", target=Target.increase(from_=0, to=10))
        with pytest.raises(ValidationError) as error:
            LeastSquares().forecast(kr, Q3, "2026-08-15")  # type: ignore[arg-type]
        assert "at" == error.value.path


class TestAggregatorNumbers:
    def test_tiny_exact_weight_beside_float(self) -> None:
        """Fraction(1, 10**400) as a weight beside a float is refused (was: ZeroDivisionError)."""
        with pytest.raises(ValidationError) as error:
            aggregate([(0.5, Fraction(1, 10**400))], WeightedMean())
        assert "items[0].weight" == error.value.path

    def test_tiny_exact_weight_alone(self) -> None:
        """In exact arithmetic the same weight is fine."""
        assert Fraction(1, 2) == aggregate([(Fraction(1, 2), Fraction(1, 10**400))], WeightedMean())

    def test_huge_exact_beside_float(self) -> None:
        """A huge exact weight beside a float progress is refused (was: OverflowError)."""
        with pytest.raises(ValidationError) as error:
            aggregate([(0.5, Decimal("1E+400")), (0.5, 1)], WeightedMean())
        assert "items[0].weight" == error.value.path

    @pytest.mark.parametrize(
        ("items", "expected"),
        [
            ([(-1e308, 1.0), (-1e308, 1.0)], -1e308),
            ([(-1e308, 1e308), (-1e308, 1e308)], -1e308),
            ([(0.5, 5e-324), (0.25, 5e-324)], 0.375),
            ([(0.5, 1e308), (0.25, 1e308)], 0.375),
        ],
    )
    def test_float_means_stay_finite(
        self, items: list[tuple[float, float]], expected: float
    ) -> None:
        """The mean of finite floats is finite and right (was: -inf, or 0 for tiny weights)."""
        assert expected == aggregate(items, WeightedMean())

    def test_plain_mean_stays_finite(self) -> None:
        """The plain mean of huge negative floats is finite."""
        assert -1e308 == aggregate([(-1e308, 1), (-1e308, 1)], Mean())

    def test_exact_growth_refused(self) -> None:
        """An exact sum whose denominator grows past the limit is refused, and fast."""
        items = [(Fraction(1, 10**999 + k), 1) for k in (0, 1)]
        with pytest.raises(ValidationError) as error:
            aggregate(items, WeightedMean())
        assert "too precise" in str(error.value)

    def test_policy_type_of_minimum(self) -> None:
        """With any float, every aggregator answers in float."""
        assert isinstance(aggregate([(Fraction(1, 4), 1), (0.5, 1)], Minimum()), float)
        assert isinstance(aggregate([(Fraction(1, 4), 1), (0.5, 1)], AllOrNothing()), float)

    @pytest.mark.parametrize("items", [5, "pairs", None])
    def test_items_must_be_a_sequence(self, items: object) -> None:
        """Something that is not a sequence of pairs is a ValidationError, not a TypeError."""
        with pytest.raises(ValidationError) as error:
            aggregate(items, WeightedMean())  # type: ignore[arg-type]
        assert "items" == error.value.path

    def test_custom_aggregator_result_checked(self) -> None:
        """A user aggregator's infinite result is refused, never returned."""

        class Overflowing:
            def aggregate(self, items: Sequence[tuple[Exact, Exact]]) -> Exact | None:
                return float("inf")

        with pytest.raises(ValidationError):
            aggregate([(0.5, 1)], Overflowing())

    def test_cap_flag(self) -> None:
        """The cap flag must be True or False."""
        with pytest.raises(ValidationError) as error:
            WeightedMean(cap="no")  # type: ignore[arg-type]
        assert "cap" == error.value.path


class TestFloatLines:
    @settings(max_examples=100, deadline=None)
    @given(st.lists(st.integers(-1000, 1000), min_size=2, max_size=8))
    def test_float_line_matches_exact(self, ys: list[int]) -> None:
        """Law: a float line is the exact line of the same points, to float precision."""
        points = list(enumerate(ys))
        exact_slope, exact_intercept = least_squares(points)
        slope, intercept = least_squares([(x, float(y)) for x, y in points])
        assert isinstance(slope, float)
        assert float(exact_slope) == pytest.approx(slope, abs=1e-9)
        assert float(exact_intercept) == pytest.approx(intercept, abs=1e-9)

    def test_float_kpi_sum(self) -> None:
        """A float sum adds every value once."""
        kpi = KPI(
            id="k",
            title="t",
            owner="o",
            level="l",
            unit="u",
            frequency="weekly",
            aggregation="sum",
            history=[CheckIn(day=date(2026, 8, d), value=float(d)) for d in (10, 11, 12)],
        )
        assert 33.0 == kpi_value(kpi, MID)


class TestRuleFields:
    @pytest.mark.parametrize(
        ("make", "path"),
        [
            (lambda: ScoringRules(status="pace"), "status"),  # type: ignore[arg-type]
            (lambda: ScoringRules(aggregator=5), "aggregator"),  # type: ignore[arg-type]
            (lambda: ScoringRules(kpi=None), "kpi"),  # type: ignore[arg-type]
            (lambda: ConfidenceStatus(fallback="pace"), "fallback"),  # type: ignore[arg-type]
            (lambda: ZoneProgress(base=1), "base"),  # type: ignore[arg-type]
            (lambda: PhasedPace(fallback=None), "fallback"),  # type: ignore[arg-type]
        ],
    )
    def test_rules_of_the_wrong_kind(self, make: Callable[[], object], path: str) -> None:
        """A rule that cannot do its job is refused when the rules are built, not mid-scoring."""
        with pytest.raises(ValidationError) as error:
            make()
        assert path == error.value.path
