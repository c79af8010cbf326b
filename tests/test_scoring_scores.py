"""Scoring whole goals: key results, objectives and KPIs with the default and custom rules."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from goalkit._numbers import Number
from goalkit.examples import EXAMPLE_DAY, EXAMPLE_PERIOD, example_plan
from goalkit.exceptions import ValidationError
from goalkit.goals import KPI, KeyResult, Objective
from goalkit.measures import CheckIn, Checkpoint, Target, Threshold
from goalkit.periods import Period
from goalkit.scoring import (
    DEFAULT_RULES,
    ConfidenceStatus,
    KPIPolicy,
    KPIScore,
    Minimum,
    PhasedPace,
    ScoringRules,
    Status,
    ZoneProgress,
    aggregate_progress,
    band_of,
    combine_statuses,
    grade_of,
    kpi_value,
    score_key_result,
    score_kpi,
    score_objective,
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
