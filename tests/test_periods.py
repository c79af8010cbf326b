"""Tests for goalkit.periods: periods, days and cadences."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from goalkit import Cadence, Frequency, Period, PeriodKind, ValidationError, as_day

BERLIN_SUMMER = timezone(timedelta(hours=2))


@st.composite
def periods(draw: st.DrawFn) -> Period:
    """Any period goalkit can name, of every kind."""
    kind = draw(st.sampled_from(PeriodKind))
    year = draw(st.integers(min_value=2, max_value=9998))
    fiscal_start = draw(st.integers(min_value=1, max_value=12))
    match kind:
        case PeriodKind.MONTH:
            return Period.month(year, draw(st.integers(1, 12)))
        case PeriodKind.QUARTER:
            return Period.quarter(year, draw(st.integers(1, 4)))
        case PeriodKind.HALF:
            return Period.half(year, draw(st.integers(1, 2)))
        case PeriodKind.YEAR:
            return Period.year(year)
        case PeriodKind.FISCAL_YEAR:
            return Period.fiscal_year(year, start_month=fiscal_start)
        case PeriodKind.FISCAL_QUARTER:
            return Period.fiscal_quarter(year, draw(st.integers(1, 4)), start_month=fiscal_start)
        case _:
            start = draw(st.dates(min_value=date(1, 1, 1), max_value=date(9999, 1, 1)))
            length = draw(st.integers(min_value=0, max_value=800))
            end = min(start + timedelta(days=length), date(9999, 12, 31))
            return Period.custom(start, end)


class TestNamedPeriods:
    @pytest.mark.parametrize(
        ("period", "start", "end", "text"),
        [
            (Period.quarter(2026, 3), date(2026, 7, 1), date(2026, 9, 30), "2026-Q3"),
            (Period.quarter(2026, 1), date(2026, 1, 1), date(2026, 3, 31), "2026-Q1"),
            (Period.month(2026, 7), date(2026, 7, 1), date(2026, 7, 31), "2026-07"),
            (Period.month(2024, 2), date(2024, 2, 1), date(2024, 2, 29), "2024-02"),
            (Period.half(2026, 2), date(2026, 7, 1), date(2026, 12, 31), "2026-H2"),
            (Period.year(2026), date(2026, 1, 1), date(2026, 12, 31), "2026"),
            (
                Period.fiscal_year(2027, start_month=4),
                date(2026, 4, 1),
                date(2027, 3, 31),
                "FY2027",
            ),
            (Period.fiscal_year(2027), date(2027, 1, 1), date(2027, 12, 31), "FY2027"),
            (
                Period.fiscal_quarter(2027, 4, start_month=10),
                date(2027, 7, 1),
                date(2027, 9, 30),
                "FY2027-Q4",
            ),
            (
                Period.custom(date(2026, 7, 1), date(2026, 7, 14)),
                date(2026, 7, 1),
                date(2026, 7, 14),
                "2026-07-01/2026-07-14",
            ),
        ],
    )
    def test_bounds_and_text(self, period: Period, start: date, end: date, text: str) -> None:
        """Each named constructor gives the documented first day, last day and text."""
        assert (start, end, text) == (period.start, period.end, period.format())

    def test_end_is_inclusive(self) -> None:
        """The last day belongs to the period; the day after does not."""
        q3 = Period.quarter(2026, 3)
        assert (True, False) == (q3.contains(date(2026, 9, 30)), q3.contains(date(2026, 10, 1)))

    def test_repr_reads_like_the_call(self) -> None:
        """The repr is the named constructor that builds the period."""
        assert "Period.fiscal_quarter(2027, 1, start_month=4)" == repr(
            Period.fiscal_quarter(2027, 1, start_month=4)
        )

    def test_direct_construction_must_match_the_kind(self) -> None:
        """A quarter that does not start on a quarter boundary is refused."""
        with pytest.raises(ValidationError, match="quarter period cannot run"):
            Period(kind=PeriodKind.QUARTER, start=date(2026, 2, 1), end=date(2026, 4, 30))

    def test_next_and_previous(self) -> None:
        """Stepping crosses year boundaries and keeps the kind."""
        assert (Period.quarter(2027, 1), Period.month(2025, 12)) == (
            Period.quarter(2026, 4).next(),
            Period.month(2026, 1).previous(),
        )

    def test_custom_periods_step_by_their_length(self) -> None:
        """A custom range moves by its own length."""
        sprint = Period.custom(date(2026, 7, 1), date(2026, 7, 14))
        assert Period.custom(date(2026, 7, 15), date(2026, 7, 28)) == sprint.next()

    def test_no_period_beyond_year_9999(self) -> None:
        """Stepping past the calendar's end is an error, not an OverflowError."""
        with pytest.raises(ValidationError):
            Period.quarter(9999, 4).next()


class TestParse:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("2026-Q3", Period.quarter(2026, 3)),
            (" 2026-q3 ", Period.quarter(2026, 3)),
            ("2026-07", Period.month(2026, 7)),
            ("2026-H1", Period.half(2026, 1)),
            ("2026", Period.year(2026)),
            ("FY2027", Period.fiscal_year(2027)),
            ("2026-07-01/2026-09-30", Period.custom(date(2026, 7, 1), date(2026, 9, 30))),
        ],
    )
    def test_good_text(self, text: str, expected: Period) -> None:
        """Every documented form parses."""
        assert expected == Period.parse(text)

    def test_fiscal_start_is_given_by_the_caller(self) -> None:
        """The same text names different days for different fiscal years."""
        assert date(2026, 4, 1) == Period.parse("FY2027", fiscal_start_month=4).start

    @pytest.mark.parametrize(
        "text",
        ["2026-Q5", "2026-13", "Q3 2026", "", "2026-H3", "FY27", "2026-09-30/2026-07-01", "x"],
    )
    def test_bad_text(self, text: str) -> None:
        """Text that names no period is a ValidationError naming the text."""
        with pytest.raises(ValidationError) as caught:
            Period.parse(text)
        assert (text, "period") == (caught.value.value, caught.value.path)

    @given(periods())
    def test_parse_inverts_format(self, period: Period) -> None:
        """Law: Period.parse(p.format(), fiscal_start_month=...) == p for every period."""
        assert period == Period.parse(period.format(), fiscal_start_month=period.fiscal_start_month)


class TestElapsedFraction:
    def test_before_during_after(self) -> None:
        """0 before the start, 1 from the last day, an exact share in between."""
        q3 = Period.quarter(2026, 3)
        actual = [
            q3.elapsed_fraction(day)
            for day in (date(2026, 1, 1), date(2026, 7, 1), date(2026, 8, 15), date(2027, 1, 1))
        ]
        assert [Fraction(0), Fraction(1, 92), Fraction(1, 2), Fraction(1)] == actual

    @given(periods(), st.dates(), st.dates())
    def test_bounded_and_monotone(self, period: Period, one: date, other: date) -> None:
        """Law: elapsed_fraction stays in [0, 1] and never decreases as the day moves on."""
        early, late = sorted((one, other))
        first, second = period.elapsed_fraction(early), period.elapsed_fraction(late)
        assert 0 <= first <= second <= 1

    def test_datetime_is_refused(self) -> None:
        """A datetime is not silently cut to a day: the caller converts it with as_day."""
        with pytest.raises(ValidationError, match="as_day"):
            Period.quarter(2026, 3).elapsed_fraction(datetime(2026, 8, 1, 12))  # noqa: DTZ001


class TestAsDay:
    def test_aware_datetimes_need_a_zone(self) -> None:
        """An aware datetime never gets a time zone picked for it."""
        with pytest.raises(ValidationError, match="time zone"):
            as_day(datetime(2026, 9, 30, 23, 30, tzinfo=UTC))

    def test_quarter_boundary_depends_on_the_zone(self) -> None:
        """The same instant is in Q3 in UTC and in Q4 in Berlin."""
        instant = datetime(2026, 9, 30, 23, 30, tzinfo=UTC)
        days = (as_day(instant, tz=UTC), as_day(instant, tz=BERLIN_SUMMER))
        assert (date(2026, 9, 30), date(2026, 10, 1)) == days

    def test_naive_datetime_gives_its_date(self) -> None:
        """A naive datetime is wall-clock time: its own date."""
        assert date(2026, 9, 30) == as_day(datetime(2026, 9, 30, 23, 30))  # noqa: DTZ001

    def test_not_a_moment(self) -> None:
        """Anything else is a ValidationError."""
        with pytest.raises(ValidationError):
            as_day("2026-09-30")  # type: ignore[arg-type]


UTC = timezone.utc  # noqa: UP017 - keeps the tests readable on Python 3.11


class TestCadence:
    def test_weekly_mondays_in_july(self) -> None:
        """A weekly cadence yields every Monday inside the period."""
        expected = tuple(date(2026, 7, d) for d in (6, 13, 20, 27))
        assert expected == Cadence.weekly().due_dates(Period.month(2026, 7))

    def test_every_two_weeks(self) -> None:
        """Every other Friday from the first Friday of the period."""
        expected = (date(2026, 7, 3), date(2026, 7, 17), date(2026, 7, 31))
        assert expected == Cadence.every_two_weeks(weekday=4).due_dates(Period.month(2026, 7))

    def test_monthly_on_the_last_day(self) -> None:
        """-1 means the last day of each month, February included."""
        expected = (date(2026, 1, 31), date(2026, 2, 28), date(2026, 3, 31))
        assert expected == Cadence.monthly().due_dates(Period.quarter(2026, 1))

    def test_quarterly(self) -> None:
        """A quarterly cadence is due every third month."""
        cadence = Cadence(frequency=Frequency.QUARTERLY, day_of_month=1)
        expected = (date(2026, 1, 1), date(2026, 4, 1), date(2026, 7, 1), date(2026, 10, 1))
        assert expected == cadence.due_dates(Period.year(2026))

    @pytest.mark.parametrize(
        ("kwargs", "path"),
        [
            ({"interval": 0}, "interval"),
            ({"weekday": 7}, "weekday"),
            ({"day_of_month": 31}, "day_of_month"),
        ],
    )
    def test_bad_cadence(self, kwargs: dict[str, int], path: str) -> None:
        """Out-of-range settings name the field."""
        with pytest.raises(ValidationError) as caught:
            Cadence(frequency=Frequency.WEEKLY, **kwargs)
        assert path == caught.value.path
