"""Scoring whole goals: key results, objectives and KPIs with the default and custom rules."""

from __future__ import annotations

import decimal
import math
import os
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from goalkit._numbers import Number
from goalkit.examples import EXAMPLE_DAY, EXAMPLE_PERIOD, example_plan
from goalkit.exceptions import GoalkitError, ValidationError
from goalkit.goals import KPI, KeyResult, Objective
from goalkit.measures import CheckIn, Checkpoint, Target, Threshold
from goalkit.periods import Frequency, Period
from goalkit.scoring import (
    DEFAULT_RULES,
    STALE_GRACE_DAYS,
    Aggregator,
    ConfidenceStatus,
    KPIPolicy,
    KPIScore,
    Majority,
    Mean,
    Minimum,
    PhasedPace,
    ScoringRules,
    Status,
    WeightedMean,
    ZoneProgress,
    aggregate_progress,
    band_of,
    combine_statuses,
    grade_of,
    is_stale,
    known_status,
    kpi_value,
    score_key_result,
    score_kpi,
    score_objective,
    staleness_limit,
)

Q3 = Period.quarter(2026, 3)
PLAN = example_plan()


def _kr(*points: tuple[date, Number], target: Target | None = None) -> KeyResult:
    return KeyResult.metric(
        id="kr",
        title="A metric",
        target=target if target is not None else Target.increase(from_=0, to=100),
        history=[CheckIn(day=day, value=value, confidence=Fraction(1, 2)) for day, value in points],
    )


class TestKeyResultScore:
    @pytest.mark.parametrize(
        ("kr_id", "progress", "grade", "status"),
        [
            ("kr-sales-cycle", Fraction(1, 2), "amber", Status.ON_TRACK),
            ("kr-ana-visits", Fraction(13, 25), "amber", Status.ON_TRACK),
            ("kr-ana-partner", Fraction(1), "green", Status.DONE),
            ("kr-service-csat", Fraction(97, 240), "amber", Status.AT_RISK),
            ("kr-company-churn", Fraction(1, 5), "red", Status.OFF_TRACK),
            ("kr-inside-brochure", Fraction(3, 4), "green", Status.ON_TRACK),
            ("kr-support-chatbot", Fraction(0), "red", Status.ON_TRACK),
            ("kr-ben-tickets", Fraction(19, 25), "green", Status.ON_TRACK),
        ],
    )
    def test_example_plan(self, kr_id: str, progress: Fraction, grade: str, status: Status) -> None:
        """The example plan on its evaluation day, checked by hand against the formulas."""
        kr = PLAN[kr_id]
        assert isinstance(kr, KeyResult)
        score = score_key_result(kr, EXAMPLE_PERIOD, EXAMPLE_DAY)
        assert (progress, grade, status) == (score.progress, score.grade, score.status)

    def test_describe(self) -> None:
        """Scores print as one compact line the demo can show."""
        kr = PLAN["kr-sales-cycle"]
        assert isinstance(kr, KeyResult)
        score = score_key_result(kr, EXAMPLE_PERIOD, EXAMPLE_DAY)
        assert "0.50 amber on track (expected 0.50, forecast 1.00)" == str(score)

    def test_no_data(self) -> None:
        """No check-in: progress None, status no data, no grade; never 0 and never on track."""
        score = score_key_result(_kr(), Q3, EXAMPLE_DAY)
        assert (None, None, Status.NO_DATA) == (score.progress, score.grade, score.status)
        assert "- no data (expected 0.50)" == str(score)

    def test_before_and_after_the_period(self) -> None:
        """Before the start: not started; after the end without reaching 1: closed."""
        kr = _kr((date(2026, 6, 20), 5), (date(2026, 9, 1), 50))
        assert Status.NOT_STARTED == score_key_result(kr, Q3, date(2026, 6, 30)).status
        assert Status.CLOSED == score_key_result(kr, Q3, date(2026, 10, 5)).status

    def test_custom_rules(self) -> None:
        """Swapping rules changes only what they rule."""
        kr = _kr((date(2026, 7, 1), 10), (date(2026, 8, 1), 50))
        rules = ScoringRules(status=ConfidenceStatus(), progress=ZoneProgress(), pace=PhasedPace())
        score = score_key_result(kr, Q3, EXAMPLE_DAY, rules)
        assert (Fraction(3, 10), Status.AT_RISK) == (score.progress, score.status)

    def test_phased_status(self) -> None:
        """Phased checkpoints move the expected line and so the status."""
        kr = KeyResult.metric(
            id="kr",
            title="t",
            target=Target.increase(from_=0, to=100),
            checkpoints=[Checkpoint(day=date(2026, 8, 15), value=20)],
            history=[CheckIn(day=date(2026, 8, 14), value=20)],
        )
        linear = score_key_result(kr, Q3, EXAMPLE_DAY)
        phased = score_key_result(kr, Q3, EXAMPLE_DAY, ScoringRules(pace=PhasedPace()))
        assert (Status.OFF_TRACK, Status.ON_TRACK) == (linear.status, phased.status)

    @pytest.mark.parametrize(
        ("kwargs", "path"),
        [
            ({"kr": "kr", "period": Q3, "at": EXAMPLE_DAY}, "kr"),
            ({"kr": _kr(), "period": "2026-Q3", "at": EXAMPLE_DAY}, "period"),
            ({"kr": _kr(), "period": Q3, "at": "2026-08-15"}, "at"),
        ],
    )
    def test_bad_arguments(self, kwargs: dict[str, object], path: str) -> None:
        """Wrong argument types are ValidationErrors naming the argument."""
        with pytest.raises(ValidationError) as error:
            score_key_result(**kwargs)  # type: ignore[arg-type]
        assert path == error.value.path

    @settings(max_examples=50, deadline=None)
    @given(
        st.lists(
            st.tuples(
                st.integers(0, 91),
                st.decimals(0, 200, places=2, allow_nan=False, allow_infinity=False),
            ),
            max_size=6,
        ),
        st.integers(-10, 100),
    )
    def test_exact_all_the_way(self, points: list[tuple[int, Decimal]], offset: int) -> None:
        """Decimal check-ins never produce a float anywhere in a score."""
        start = date(2026, 7, 1)
        kr = _kr(*[(date.fromordinal(start.toordinal() + d), v) for d, v in points])
        score = score_key_result(kr, Q3, date.fromordinal(start.toordinal() + offset))
        numbers: list[Number | None] = [score.progress, score.value]
        numbers += [score.pace.expected if score.pace else None]
        numbers += [score.pace.ratio if score.pace else None]
        if score.forecast is not None:
            numbers += [score.forecast.value, score.forecast.progress]
        assert not any(isinstance(n, float) for n in numbers)


class TestObjectives:
    def test_roll_up(self) -> None:
        """Objective progress is the weighted mean of its key results; status the weakest."""
        objective = PLAN["o-ana-pipeline"]
        assert isinstance(objective, Objective)
        score = score_objective(objective, EXAMPLE_DAY)
        assert (Fraction(19, 25), "green", Status.ON_TRACK) == (
            score.progress,
            score.grade,
            score.status,
        )
        assert 2 == len(score.key_results)

    def test_minimum_and_commentary(self) -> None:
        """Other aggregators plug in; commentary reads the commitment."""
        objective = PLAN["o-sales-pipeline"]
        assert isinstance(objective, Objective)
        score = score_objective(objective, EXAMPLE_DAY, ScoringRules(aggregator=Minimum()))
        assert Fraction(11, 30) == score.progress
        assert "a committed key result is expected to reach 1.0" != score.commentary
        assert Status.OFF_TRACK == score.status


class TestContractFunctions:
    def test_aggregate_progress(self) -> None:
        """Pairs without progress are skipped; all-zero weights are refused."""
        assert Fraction(7, 8) == aggregate_progress(
            [(Fraction(1, 2), 1), (Fraction(3, 2), 3), (None, 9)]
        )
        with pytest.raises(ValidationError):
            aggregate_progress([(Fraction(1, 2), 0)])

    def test_combine_and_grade(self) -> None:
        """The default roll-up is the weakest status; grades come from the rules' scale."""
        assert Status.AT_RISK == combine_statuses([Status.DONE, Status.AT_RISK], DEFAULT_RULES)
        assert ("amber", None) == (grade_of(Fraction(1, 2)), grade_of(None))


def _kpi(polarity: str, *values: tuple[date, Number], **fields: object) -> KPI:
    return KPI(
        id="k",
        title="A KPI",
        owner="o",
        level="team",
        unit="u",
        polarity=polarity,
        history=[CheckIn(day=day, value=value) for day, value in values],
        **fields,  # type: ignore[arg-type]
    )


RANGES = (
    Threshold(name="red", high=90),
    Threshold(name="amber", low=90, high=95),
    Threshold(name="green", low=95),
)


class TestKPIs:
    @pytest.mark.parametrize(
        ("kpi_id", "value", "band", "status"),
        [
            ("kpi-mrr", Decimal("1452000"), "amber", Status.AT_RISK),
            ("kpi-order-time", Decimal("2.3"), "green", Status.ON_TRACK),
            ("kpi-uptime", Decimal("99.41"), "amber", Status.AT_RISK),
        ],
    )
    def test_example_plan(self, kpi_id: str, value: Decimal, band: str, status: Status) -> None:
        """The example KPIs on the evaluation day."""
        kpi = PLAN[kpi_id]
        assert isinstance(kpi, KPI)
        score = score_kpi(kpi, EXAMPLE_DAY)
        assert (value, band, status) == (score.value, score.band, score.status)

    @pytest.mark.parametrize(
        ("aggregation", "expected"),
        [
            ("sum", Decimal("6.5")),
            ("mean", Fraction(13, 6)),
            ("last", 3),
            ("min", 1),
            ("max", 3),
            ("count", 3),
        ],
    )
    def test_aggregation_window(self, aggregation: str, expected: Number) -> None:
        """Values in the frequency window ending at the latest value combine by the aggregation."""
        kpi = _kpi(
            "higher_is_better",
            (date(2026, 8, 1), 100),
            (date(2026, 8, 9), 1),
            (date(2026, 8, 12), Decimal("2.5")),
            (date(2026, 8, 15), 7),
            (date(2026, 8, 15), 3),
            (date(2026, 8, 16), 50),
            frequency="weekly",
            aggregation=aggregation,
        )
        actual = kpi_value(kpi, EXAMPLE_DAY)
        assert expected == actual
        assert type(expected) is type(actual)

    @pytest.mark.parametrize(
        ("polarity", "value", "band"),
        [
            ("higher_is_better", 95, "green"),
            ("higher_is_better", 90, "amber"),
            ("lower_is_better", 95, "amber"),
            ("lower_is_better", 90, "red"),
            ("higher_is_better", 89, "red"),
        ],
    )
    def test_edges_follow_polarity(self, polarity: str, value: int, band: str) -> None:
        """A value on a shared edge goes to the better side of the polarity."""
        assert band == band_of(_kpi(polarity, thresholds=RANGES), value)

    @pytest.mark.parametrize(
        ("value", "band"), [(99, "amber"), (Decimal("99.5"), "green"), (100, "green"), (101, None)]
    )
    def test_within_range_edges_and_gaps(self, value: Number, band: str | None) -> None:
        """Within a range, an edge goes to the band nearer the middle; a gap has no band."""
        kpi = _kpi(
            "within_range",
            low=Decimal("99.5"),
            high=100,
            thresholds=(
                Threshold(name="red", high=99),
                Threshold(name="amber", low=99, high=Decimal("99.5")),
                Threshold(name="green", low=Decimal("99.5"), high=100),
            ),
        )
        assert band == band_of(kpi, value)

    def test_overlaps_rejected(self) -> None:
        """Overlapping ranges are refused with the path of the later one."""
        with pytest.raises(ValidationError) as error:
            _kpi(
                "higher_is_better",
                thresholds=(Threshold(name="a", high=10), Threshold(name="b", low=5)),
            )
        assert "thresholds[1]" == error.value.path

    def test_threshold_validation(self) -> None:
        """A range with low above high is refused."""
        with pytest.raises(ValidationError):
            Threshold(name="a", low=5, high=1)

    @pytest.mark.parametrize(
        ("at", "status", "band"),
        [
            (date(2026, 7, 31), Status.NO_DATA, None),
            (date(2026, 8, 11), Status.OFF_TRACK, "red"),
            (date(2026, 8, 12), Status.STALE, None),
        ],
    )
    def test_staleness(self, at: date, status: Status, band: str | None) -> None:
        """No value within the frequency plus grace is stale, and a stale KPI has no band."""
        kpi = _kpi(
            "higher_is_better", (date(2026, 8, 1), 80), frequency="weekly", thresholds=RANGES
        )
        score = score_kpi(kpi, at)
        assert (status, band) == (score.status, score.band)

    @pytest.mark.parametrize(
        ("polarity", "value", "status"),
        [
            ("higher_is_better", 10, Status.ON_TRACK),
            ("higher_is_better", 9, Status.OFF_TRACK),
            ("lower_is_better", 9, Status.ON_TRACK),
        ],
    )
    def test_target_without_thresholds(self, polarity: str, value: int, status: Status) -> None:
        """Without thresholds, meeting the target is on track."""
        kpi = _kpi(polarity, (date(2026, 8, 14), value), target=10)
        assert status == score_kpi(kpi, EXAMPLE_DAY).status

    def test_custom_policy(self) -> None:
        """Band names map to statuses as configured; grace is configurable."""
        policy = KPIPolicy(grace_days=0, band_status=(("great", Status.ON_TRACK),))
        kpi = _kpi(
            "higher_is_better", (date(2026, 8, 14), 3), thresholds=(Threshold(name="great", low=1),)
        )
        rules = ScoringRules(kpi=policy)
        assert Status.ON_TRACK == score_kpi(kpi, EXAMPLE_DAY, rules).status
        with pytest.raises(ValidationError):
            KPIPolicy(grace_days=-1)

    def test_describe(self) -> None:
        """A stale KPI says when its last value was."""
        score = KPIScore(id="k", value=3, band=None, status=Status.STALE, as_of=date(2026, 7, 1))
        assert "3 stale (last value 2026-07-01)" == str(score)


class TestCheckpointData:
    def test_one_checkpoint_per_day(self) -> None:
        """Two checkpoints on one day are refused with the later one's path."""
        with pytest.raises(ValidationError) as error:
            KeyResult.metric(
                id="kr",
                title="t",
                target=Target.increase(from_=0, to=10),
                checkpoints=[
                    Checkpoint(day=EXAMPLE_DAY, value=1),
                    Checkpoint(day=EXAMPLE_DAY, value=2),
                ],
            )
        assert "checkpoints[1]" == error.value.path

    def test_only_for_metrics(self) -> None:
        """Checkpoints belong to metric key results."""
        with pytest.raises(ValidationError) as error:
            KeyResult(
                id="kr",
                title="t",
                measure=KeyResult.binary(id="b", title="b").measure,
                checkpoints=(Checkpoint(day=EXAMPLE_DAY, value=1),),
            )
        assert "checkpoints" == error.value.path


ONLY_GREEN = (Threshold(name="green", high=5),)


class TestKPIStatus:
    def test_outside_every_range_is_off_track(self) -> None:
        """Only a green range up to 5, lower is better: 7 lies in no range, so off track."""
        kpi = _kpi("lower_is_better", (date(2026, 8, 14), 7), thresholds=ONLY_GREEN)
        score = score_kpi(kpi, EXAMPLE_DAY)
        assert (None, Status.OFF_TRACK) == (score.band, score.status)

    def test_inside_the_only_range(self) -> None:
        """The same KPI at 4 is green and on track."""
        kpi = _kpi("lower_is_better", (date(2026, 8, 14), 4), thresholds=ONLY_GREEN)
        assert Status.ON_TRACK == score_kpi(kpi, EXAMPLE_DAY).status

    def test_gap_is_off_track_even_with_a_met_target(self) -> None:
        """A value in a gap between ranges is never on track, whatever the target says."""
        kpi = _kpi(
            "higher_is_better",
            (date(2026, 8, 14), 92),
            target=80,
            thresholds=(Threshold(name="red", high=90), Threshold(name="green", low=95)),
        )
        assert Status.OFF_TRACK == score_kpi(kpi, EXAMPLE_DAY).status

    def test_unmapped_range_falls_back_to_the_target(self) -> None:
        """A range whose name has no status leaves the decision to the target."""
        kpi = _kpi(
            "higher_is_better",
            (date(2026, 8, 14), 3),
            target=5,
            thresholds=(Threshold(name="great", low=1),),
        )
        assert Status.OFF_TRACK == score_kpi(kpi, EXAMPLE_DAY).status

    def test_float_value_meets_decimal_target_in_float(self) -> None:
        """0.1 + 0.2 meets a Decimal 0.3 target in float arithmetic, as the policy says."""
        kpi = _kpi("higher_is_better", (date(2026, 8, 14), 0.1 + 0.2), target=Decimal("0.3"))
        assert Status.ON_TRACK == score_kpi(kpi, EXAMPLE_DAY).status

    def test_within_range_middle_of_huge_floats(self) -> None:
        """The middle of a good range near the float limit does not overflow."""
        kpi = _kpi(
            "within_range",
            low=1e308,
            high=1.5e308,
            thresholds=(
                Threshold(name="amber", high=1.2e308),
                Threshold(name="green", low=1.2e308, high=1.5e308),
            ),
        )
        assert "green" == band_of(kpi, 1.2e308)

    def test_mixed_sum_refused_by_name(self) -> None:
        """A huge exact value summed with a float one is refused (was: OverflowError)."""
        kpi = _kpi(
            "higher_is_better",
            (date(2026, 8, 13), Decimal("1E+400")),
            (date(2026, 8, 14), 1.0),
            frequency="weekly",
            aggregation="sum",
        )
        with pytest.raises(ValidationError) as error:
            score_kpi(kpi, EXAMPLE_DAY)
        assert "history.value" == error.value.path

    def test_float_sum_overflow_refused(self) -> None:
        """A float sum that overflows is refused, never inf."""
        kpi = _kpi(
            "higher_is_better",
            (date(2026, 8, 13), 1e308),
            (date(2026, 8, 14), 1e308),
            frequency="weekly",
            aggregation="sum",
        )
        with pytest.raises(ValidationError):
            kpi_value(kpi, EXAMPLE_DAY)

    def test_mean_keeps_decimals_whatever_the_context(self) -> None:
        """A Decimal mean is the same Decimal under a 3-digit context."""
        kpi = _kpi(
            "higher_is_better",
            (date(2026, 8, 13), Decimal("1234.5678")),
            (date(2026, 8, 14), Decimal("1234.5679")),
            frequency="weekly",
            aggregation="mean",
        )
        with decimal.localcontext(decimal.Context(prec=3)):
            assert Decimal("1234.56785") == kpi_value(kpi, EXAMPLE_DAY)

    @settings(max_examples=100, deadline=None)
    @given(
        st.lists(
            st.decimals(-(10**30), 10**30, places=6, allow_nan=False, allow_infinity=False),
            min_size=1,
            max_size=5,
        ),
        st.sampled_from(["sum", "mean", "min", "max", "last"]),
        st.integers(1, 6),
        st.sampled_from([decimal.ROUND_DOWN, decimal.ROUND_UP, decimal.ROUND_HALF_DOWN]),
    )
    def test_aggregates_ignore_the_context(
        self, values: list[Decimal], aggregation: str, prec: int, rounding: str
    ) -> None:
        """Law: a KPI's value and score are the same under any decimal context."""
        kpi = _kpi(
            "higher_is_better",
            *[(date(2026, 8, 10 + i), v) for i, v in enumerate(values)],
            frequency="weekly",
            aggregation=aggregation,
            target=0,
        )
        expected = kpi_value(kpi, EXAMPLE_DAY), str(score_kpi(kpi, EXAMPLE_DAY))
        saved = decimal.getcontext()
        try:
            decimal.setcontext(decimal.Context(prec=prec, rounding=rounding))
            actual = kpi_value(kpi, EXAMPLE_DAY), str(score_kpi(kpi, EXAMPLE_DAY))
        finally:
            decimal.setcontext(saved)
        assert expected == actual
        assert str(expected[0]) == str(actual[0])

    @pytest.mark.parametrize(
        ("band_status", "path"),
        [
            (5, "band_status"),
            ((("green", "bogus"),), "band_status[0].status"),
            ((("green",),), "band_status[0]"),
            ((("", "on_track"),), "band_status[0].name"),
        ],
    )
    def test_bad_band_status(self, band_status: object, path: str) -> None:
        """Band statuses are checked with the one enum message (was: a plain ValueError)."""
        with pytest.raises(ValidationError) as error:
            KPIPolicy(band_status=band_status)  # type: ignore[arg-type]
        assert path == error.value.path

    def test_band_status_from_lists(self) -> None:
        """Pairs may come as lists (from JSON) and statuses as their values."""
        policy = KPIPolicy(band_status=[["great", "on_track"]])  # type: ignore[list-item]
        assert (("great", Status.ON_TRACK),) == policy.band_status

    @pytest.mark.parametrize(
        ("kwargs", "path"),
        [
            ({"kpi": "k", "at": EXAMPLE_DAY}, "kpi"),
            ({"kpi": _kpi("higher_is_better"), "at": "2026-08-15"}, "at"),
            ({"kpi": _kpi("higher_is_better"), "at": EXAMPLE_DAY, "rules": "x"}, "rules"),
        ],
    )
    def test_bad_arguments(self, kwargs: dict[str, object], path: str) -> None:
        """score_kpi refuses arguments of the wrong type with a ValidationError."""
        with pytest.raises(ValidationError) as error:
            score_kpi(**kwargs)  # type: ignore[arg-type]
        assert path == error.value.path


class TestStaleness:
    @pytest.mark.parametrize(
        ("frequency", "days"),
        [("daily", 4), ("weekly", 10), ("monthly", 34), ("quarterly", 95), ("yearly", 369)],
    )
    def test_limit(self, frequency: str, days: int) -> None:
        """The limit is the frequency's longest gap plus three days of grace."""
        assert timedelta(days=days) == staleness_limit(frequency)  # type: ignore[arg-type]
        assert timedelta(days=days) == staleness_limit(Frequency(frequency))

    def test_grace_is_configurable(self) -> None:
        """Another grace moves the limit; the default is STALE_GRACE_DAYS."""
        assert 3 == STALE_GRACE_DAYS
        assert timedelta(days=7) == staleness_limit(Frequency.WEEKLY, grace_days=0)

    @pytest.mark.parametrize(
        ("at", "stale"),
        [(date(2026, 7, 31), False), (date(2026, 8, 11), False), (date(2026, 8, 12), True)],
    )
    def test_is_stale(self, at: date, stale: bool) -> None:
        """A weekly KPI is stale after 7 + 3 days; without data it is not stale."""
        kpi = _kpi("higher_is_better", (date(2026, 8, 1), 80), frequency="weekly")
        assert stale == is_stale(kpi, at)

    def test_one_rule_for_scoring(self) -> None:
        """score_kpi says stale exactly where is_stale does, for any grace."""
        kpi = _kpi("higher_is_better", (date(2026, 8, 1), 80), frequency="weekly")
        for offset in range(20):
            at = date(2026, 8, 1) + timedelta(days=offset)
            for grace in (0, 3, 7):
                rules = ScoringRules(kpi=KPIPolicy(grace_days=grace))
                scored = score_kpi(kpi, at, rules).status is Status.STALE
                assert is_stale(kpi, at, grace_days=grace) == scored

    @pytest.mark.parametrize(
        ("call", "path"),
        [
            (lambda: staleness_limit("fortnightly"), "frequency"),  # type: ignore[arg-type]
            (lambda: staleness_limit(Frequency.DAILY, grace_days=-1), "grace_days"),
            (lambda: is_stale("k", EXAMPLE_DAY), "kpi"),  # type: ignore[arg-type]
            (lambda: is_stale(_kpi("higher_is_better"), "2026-08-15"), "at"),  # type: ignore[arg-type]
        ],
    )
    def test_bad_arguments(self, call: Callable[[], object], path: str) -> None:
        """Wrong arguments are ValidationErrors naming the argument."""
        with pytest.raises(ValidationError) as error:
            call()
        assert path == error.value.path


class TestGradeOf:
    @pytest.mark.parametrize(
        "progress", ["0.5", Decimal("NaN"), float("nan"), float("inf"), True, Decimal("1E+5000")]
    )
    def test_not_a_progress(self, progress: object) -> None:
        """Strings, NaN, infinities and booleans are refused (NaN used to be quietly 'red')."""
        with pytest.raises(ValidationError) as error:
            grade_of(progress)  # type: ignore[arg-type]
        assert "progress" == error.value.path

    def test_bad_rules(self) -> None:
        """Rules that are not ScoringRules are refused, with or without a progress."""
        for progress in (None, Fraction(1, 2)):
            with pytest.raises(ValidationError) as error:
                grade_of(progress, "google")  # type: ignore[arg-type]
            assert "rules" == error.value.path


class TestUnknownIsNeverGreen:
    def test_objective_without_weighted_data(self) -> None:
        """Key results with data all weigh 0: progress None, so no data, not on track."""
        krs = [
            attrs.evolve(_kr((date(2026, 8, 14), 60)), id="a", weight=0),
            attrs.evolve(_kr((date(2026, 8, 14), 60)), id="b", weight=0),
            attrs.evolve(_kr(), id="c", weight=1),
        ]
        objective = Objective(
            id="o", title="Grow", owner="team", level="team", period=Q3, key_results=krs
        )
        score = score_objective(objective, EXAMPLE_DAY, ScoringRules(roll_up=Majority()))
        assert (None, Status.NO_DATA) == (score.progress, score.status)

    def test_combine_then_guard(self) -> None:
        """combine_statuses knows nothing of progress; known_status adds it."""
        combined = combine_statuses([Status.ON_TRACK, Status.ON_TRACK])
        assert (Status.ON_TRACK, Status.NO_DATA) == (combined, known_status(combined, None))

    def test_aggregate_progress_bad_rules(self) -> None:
        """aggregate_progress and combine_statuses refuse rules of the wrong type."""
        with pytest.raises(ValidationError):
            aggregate_progress([(Fraction(1, 2), 1)], "x")  # type: ignore[arg-type]
        with pytest.raises(ValidationError):
            combine_statuses([Status.DONE], "x")  # type: ignore[arg-type]


# -- fuzz: only goalkit errors, no NaN or infinity, no float out of float-free input -----------

FUZZ = settings(
    max_examples=int(os.environ.get("GOALKIT_FUZZ_EXAMPLES", "200")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)

HOSTILE: list[object] = [
    Decimal("1E+999"),
    Decimal("-1E+999"),
    Decimal("1E-999"),
    Decimal("9" * 999),
    Decimal("1E+1000000"),
    Decimal("1E-1000000"),
    Decimal("NaN"),
    Decimal("-Infinity"),
    Fraction(1, 10**999),
    Fraction(1, 10**400),
    Fraction(10**999 - 1, 7),
    10**999,
    -(10**999),
    10**5000,
    1e308,
    -1e308,
    1.7976931348623157e308,
    5e-324,
    -5e-324,
    0.0,
    -0.0,
    float("nan"),
    float("inf"),
    "0.5",
    None,
    True,
]
try:
    import numpy as np
except ImportError:  # pragma: no cover - numpy is optional
    pass
else:
    HOSTILE += [np.int64(3), np.float64(0.5), np.float64(1e308), np.int64(-(2**63))]

numbers = st.one_of(
    st.sampled_from(HOSTILE),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=True, allow_infinity=True),
    st.decimals(allow_nan=True, allow_infinity=True),
    st.fractions(max_denominator=10**6),
)


def _has_float(values: Sequence[object]) -> bool:
    return any(isinstance(v, float) for v in values)


def _flat(value: object) -> list[object]:
    """Every number in a score (attrs objects, tuples), for the finiteness checks."""
    stack: list[object] = [value]
    found: list[object] = []
    while stack:
        item = stack.pop()
        if attrs.has(type(item)):
            stack.extend(attrs.astuple(item, recurse=False))  # type: ignore[arg-type]
        elif isinstance(item, tuple | list):
            stack.extend(item)
        elif isinstance(item, int | float | Decimal | Fraction) and not isinstance(item, bool):
            found.append(item)
    return found


def _check(result: object, inputs: Sequence[object]) -> None:
    """No NaN or infinity; no float when no input was a float."""
    found = _flat(result)
    for number in found:
        assert not (isinstance(number, float) and not math.isfinite(number)), result
        assert not (isinstance(number, Decimal) and not number.is_finite()), result
    if not _has_float(inputs):
        assert not _has_float(found), result


def _fuzz(call: Callable[[], object], inputs: Sequence[object]) -> None:
    try:
        result = call()
    except GoalkitError:
        return
    _check(result, inputs)
    str(result)  # describing a score must not fail either


class TestFuzz:
    @FUZZ
    @given(numbers, numbers, st.lists(numbers, max_size=4), st.integers(-5, 100))
    def test_score_key_result(
        self, start: object, end: object, values: list[object], offset: int
    ) -> None:
        """Any numbers: score_key_result gives a finite score or a GoalkitError."""
        inputs = [start, end, *values]

        def call() -> object:
            kr = KeyResult.metric(
                id="kr",
                title="t",
                target=Target.increase(from_=start, to=end),  # type: ignore[arg-type]
                history=[
                    CheckIn(day=date(2026, 7, 1) + timedelta(days=7 * i), value=v)  # type: ignore[arg-type]
                    for i, v in enumerate(values)
                ],
            )
            at = date(2026, 7, 1) + timedelta(days=offset)
            return score_key_result(kr, Q3, at), score_objective(
                Objective(id="o", title="t", owner="o", level="l", period=Q3, key_results=[kr]), at
            )

        _fuzz(call, inputs)

    @FUZZ
    @given(
        st.lists(numbers, max_size=4),
        st.sampled_from(["sum", "mean", "last", "min", "max", "count"]),
        st.sampled_from(["higher_is_better", "lower_is_better", "within_range"]),
        numbers,
        numbers,
    )
    def test_score_kpi(
        self, values: list[object], aggregation: str, polarity: str, low: object, high: object
    ) -> None:
        """Any numbers: score_kpi gives a finite score or a GoalkitError."""

        def call() -> object:
            kpi = _kpi(
                polarity,
                *[(date(2026, 8, 10 + i), v) for i, v in enumerate(values)],  # type: ignore[arg-type]
                frequency="weekly",
                aggregation=aggregation,
                low=low,
                high=high,
                target=None if polarity == "within_range" else high,
                thresholds=(Threshold(name="green", low=low), Threshold(name="red", high=low)),
            )
            return score_kpi(kpi, EXAMPLE_DAY)

        _fuzz(call, [*values, low, high])

    @FUZZ
    @given(st.lists(st.tuples(numbers, numbers), max_size=5), st.sampled_from(["w", "m", "n"]))
    def test_aggregate_progress(self, items: list[tuple[object, object]], kind: str) -> None:
        """Any pairs: aggregate_progress gives a finite result or a GoalkitError."""
        aggregators: dict[str, Aggregator] = {"w": WeightedMean(), "m": Mean(), "n": Minimum()}
        aggregator = aggregators[kind]
        rules = ScoringRules(aggregator=aggregator)
        _fuzz(
            lambda: aggregate_progress(items, rules),  # type: ignore[arg-type]
            [n for item in items for n in item],
        )

    @FUZZ
    @given(numbers)
    def test_grade_of(self, progress: object) -> None:
        """Any value: grade_of names a grade or raises a GoalkitError."""
        try:
            grade = grade_of(progress)  # type: ignore[arg-type]
        except GoalkitError:
            return
        assert grade is None or isinstance(grade, str)
