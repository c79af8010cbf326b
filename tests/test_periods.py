"""Tests for goalkit.periods: periods, days and cadences."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone, tzinfo
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
                "FY2027@04",
            ),
            (Period.fiscal_year(2027), date(2027, 1, 1), date(2027, 12, 31), "FY2027"),
            (
                Period.fiscal_quarter(2027, 4, start_month=10),
                date(2027, 7, 1),
                date(2027, 9, 30),
                "FY2027-Q4@10",
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
        """Law: Period.parse(p.format()) == p for every period, fiscal start month included."""
        assert period == Period.parse(period.format())

    @given(periods())
    def test_a_matching_fiscal_start_month_changes_nothing(self, period: Period) -> None:
        """Law: giving the period's own fiscal start month to parse reads the same period."""
        assert period == Period.parse(period.format(), fiscal_start_month=period.fiscal_start_month)

    @pytest.mark.parametrize(
        ("period", "text"),
        [
            (Period.fiscal_year(2027, start_month=4), "FY2027@04"),
            (Period.fiscal_quarter(2027, 1, start_month=4), "FY2027-Q1@04"),
            (Period.fiscal_quarter(2027, 4, start_month=10), "FY2027-Q4@10"),
            (Period.fiscal_year(2027), "FY2027"),
        ],
    )
    def test_fiscal_text_carries_the_start_month(self, period: Period, text: str) -> None:
        """format() writes @MM unless fiscal years start in January; parse() reads it back."""
        assert (text, period) == (period.format(), Period.parse(text))

    def test_fiscal_year_round_trip(self) -> None:
        """The issue's reproducer: a fiscal year starting in April survives format/parse."""
        period = Period.fiscal_year(2027, start_month=4)
        assert period == Period.parse(period.format())

    def test_lowercase_fiscal_text(self) -> None:
        """Fiscal text is read regardless of case, like the other forms."""
        assert Period.fiscal_year(2027, start_month=7) == Period.parse(" fy2027@07 ")

    def test_text_and_argument_must_agree(self) -> None:
        """A start month in the text that contradicts fiscal_start_month is refused."""
        with pytest.raises(ValidationError, match="starts fiscal years in month 4") as caught:
            Period.parse("FY2027@04", fiscal_start_month=7)
        assert ("period", "FY2027@04") == (caught.value.path, caught.value.value)

    @pytest.mark.parametrize(
        "text", ["FY2027@13", "FY2027@00", "FY2027@4", "FY2027-Q1@", "2026-Q3@04", "٢٠٢٦-Q3"]
    )
    def test_bad_fiscal_text(self, text: str) -> None:
        """Bad months, one-digit months, suffixes on calendar kinds and non-ASCII digits."""
        with pytest.raises(ValidationError) as caught:
            Period.parse(text)
        assert (text, "period") == (caught.value.value, caught.value.path)

    @pytest.mark.parametrize("month", [0, 13, "4", True, 4.0])
    def test_bad_fiscal_start_month_argument(self, month: object) -> None:
        """fiscal_start_month must be a whole month, checked even for calendar text."""
        with pytest.raises(ValidationError) as caught:
            Period.parse("2026-Q3", fiscal_start_month=month)  # type: ignore[arg-type]
        assert "fiscal_start_month" == caught.value.path

    def test_not_a_string(self) -> None:
        """Parsing something other than text is a ValidationError."""
        with pytest.raises(ValidationError, match="'period' must be a string"):
            Period.parse(2026)  # type: ignore[arg-type]


class TestFields:
    @pytest.mark.parametrize("kind", ["bogus", None, 3])
    def test_unknown_kind(self, kind: object) -> None:
        """Period(kind='bogus') is a ValidationError listing the kinds."""
        with pytest.raises(ValidationError) as caught:
            Period(kind=kind, start=date(2026, 1, 1), end=date(2026, 1, 31))  # type: ignore[arg-type]
        assert ("kind", kind) == (caught.value.path, caught.value.value)
        assert caught.value.message.startswith("'kind' must be one of 'month', 'quarter', ")

    def test_kind_as_text(self) -> None:
        """The kind's value converts to the member."""
        period = Period(kind="month", start=date(2026, 1, 1), end=date(2026, 1, 31))
        assert Period.month(2026, 1) == period

    def test_non_fiscal_periods_start_their_year_in_january(self) -> None:
        """A month period with fiscal_start_month 4 is refused: only fiscal kinds keep one."""
        with pytest.raises(ValidationError, match="only for fiscal periods") as caught:
            Period(
                kind="month", start=date(2026, 1, 1), end=date(2026, 1, 31), fiscal_start_month=4
            )
        assert "fiscal_start_month" == caught.value.path

    @given(periods())
    def test_fiscal_start_month_is_one_unless_fiscal(self, period: Period) -> None:
        """Law: a period that is not fiscal has fiscal_start_month 1."""
        if period.kind not in (PeriodKind.FISCAL_YEAR, PeriodKind.FISCAL_QUARTER):
            assert 1 == period.fiscal_start_month

    def test_a_bool_is_no_month(self) -> None:
        """fiscal_start_month=True is refused, not read as January."""
        with pytest.raises(ValidationError, match="'fiscal_start_month' must be a month"):
            Period(
                kind="year", start=date(2026, 1, 1), end=date(2026, 12, 31), fiscal_start_month=True
            )

    def test_numpy_month(self) -> None:
        """A numpy integer month is stored as an int."""
        np = pytest.importorskip("numpy")
        period = Period(
            kind="fiscal_year",
            start=date(2026, 4, 1),
            end=date(2027, 3, 31),
            fiscal_start_month=np.int64(4),
        )
        assert (int, Period.fiscal_year(2027, start_month=4)) == (
            type(period.fiscal_start_month),
            period,
        )

    def test_every_problem_at_once(self) -> None:
        """A bad kind, start and month are reported together."""
        with pytest.raises(ValidationError) as caught:
            Period(kind="x", start="2026-01-01", end=date(2026, 1, 2), fiscal_start_month=0)  # type: ignore[arg-type]
        assert ["kind", "start", "fiscal_start_month"] == [p.path for p in caught.value.problems]

    def test_day_queries_need_days(self) -> None:
        """contains, elapsed_fraction and days_left refuse text with a ValidationError."""
        q3 = Period.quarter(2026, 3)
        paths = []
        for query in (q3.contains, q3.elapsed_fraction, q3.days_left):
            with pytest.raises(ValidationError) as caught:
                query("2026-08-01")  # type: ignore[arg-type]
            paths.append(caught.value.path)
        assert ["day", "at", "at"] == paths


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

    @pytest.mark.parametrize("tz", ["UTC", "Europe/Berlin", 2, object()])
    def test_tz_must_be_a_tzinfo(self, tz: object) -> None:
        """as_day(aware, tz='UTC') is a ValidationError that says to pass a tzinfo."""
        instant = datetime(2026, 9, 30, 23, 30, tzinfo=UTC)
        with pytest.raises(ValidationError, match=r'zoneinfo\.ZoneInfo\("UTC"\)') as caught:
            as_day(instant, tz=tz)  # type: ignore[arg-type]
        assert ("tz", tz) == (caught.value.path, caught.value.value)

    def test_a_zoneinfo_works(self) -> None:
        """A zoneinfo zone is a tzinfo and reads the instant in that zone."""
        zoneinfo = pytest.importorskip("zoneinfo")
        try:
            berlin = zoneinfo.ZoneInfo("Europe/Berlin")
        except zoneinfo.ZoneInfoNotFoundError:  # pragma: no cover - no tz database
            pytest.skip("no time zone database")
        assert date(2026, 10, 1) == as_day(datetime(2026, 9, 30, 23, 30, tzinfo=UTC), tz=berlin)

    def test_both_problems_at_once(self) -> None:
        """A bad moment and a bad zone are reported together."""
        with pytest.raises(ValidationError) as caught:
            as_day("x", tz="UTC")  # type: ignore[arg-type]
        assert ["tz", "day"] == [p.path for p in caught.value.problems]

    def test_no_day_past_the_calendar(self) -> None:
        """The last hour of year 9999 in UTC has no day two hours east: a ValidationError."""
        instant = datetime(9999, 12, 31, 23, tzinfo=UTC)
        with pytest.raises(ValidationError, match="has no day in time zone"):
            as_day(instant, tz=timezone(timedelta(hours=2)))

    def test_a_tzinfo_that_cannot_say_its_offset(self) -> None:
        """A bare tzinfo() (no utcoffset) gives a ValidationError, not NotImplementedError."""
        with pytest.raises(ValidationError, match="has no day in time zone"):
            as_day(datetime(2026, 9, 30, tzinfo=UTC), tz=tzinfo())  # type: ignore[abstract]


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

    @pytest.mark.parametrize("frequency", ["bogus", None])
    def test_unknown_frequency(self, frequency: object) -> None:
        """Cadence(frequency='bogus') is a ValidationError listing the frequencies."""
        with pytest.raises(ValidationError) as caught:
            Cadence(frequency=frequency)  # type: ignore[arg-type]
        assert "frequency" == caught.value.path
        assert caught.value.message.startswith(
            "'frequency' must be one of 'daily', 'weekly', 'monthly', 'quarterly', 'yearly'"
        )

    @pytest.mark.parametrize(
        ("kwargs", "path"),
        [
            ({"weekday": 1.0}, "weekday"),
            ({"weekday": True}, "weekday"),
            ({"weekday": "1"}, "weekday"),
            ({"day_of_month": 2.0}, "day_of_month"),
            ({"interval": 1.0}, "interval"),
        ],
    )
    def test_whole_numbers_only(self, kwargs: dict[str, object], path: str) -> None:
        """Cadence(weekday=1.0) is refused up front, not later inside dateutil."""
        with pytest.raises(ValidationError) as caught:
            Cadence(frequency=Frequency.WEEKLY, **kwargs)  # type: ignore[arg-type]
        assert path == caught.value.path

    def test_numpy_integers_are_whole_numbers(self) -> None:
        """A numpy weekday is stored as an int and works."""
        np = pytest.importorskip("numpy")
        cadence = Cadence(frequency="weekly", weekday=np.int64(0))
        assert Cadence.weekly() == cadence
        assert int is type(cadence.weekday)

    def test_due_dates_need_a_period(self) -> None:
        """due_dates('2026-Q3') and iter_due_dates with text are ValidationErrors."""
        with pytest.raises(ValidationError, match="'period' must be a Period"):
            Cadence.weekly().due_dates("2026-Q3")  # type: ignore[arg-type]
        with pytest.raises(ValidationError) as caught:
            list(Cadence.weekly().iter_due_dates("a", "b"))  # type: ignore[arg-type]
        assert ["start", "end"] == [p.path for p in caught.value.problems]
