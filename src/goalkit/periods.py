"""Periods (quarters, months, fiscal years, custom ranges) and check-in cadences.

A :class:`Period` is a closed range of days: both :attr:`Period.start` and
:attr:`Period.end` belong to it. ``Period.quarter(2026, 3)`` runs from
1 July 2026 up to *and including* 30 September 2026.

>>> q3 = Period.parse("2026-Q3")
>>> q3
Period.quarter(2026, 3)
>>> q3.start, q3.end
(datetime.date(2026, 7, 1), datetime.date(2026, 9, 30))
>>> q3.format()
'2026-Q3'
>>> q3.contains(date(2026, 9, 30))
True

Days are :class:`datetime.date` objects. goalkit never guesses a time zone: an
aware :class:`~datetime.datetime` becomes a day only through :func:`as_day`
with the zone the caller names.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from datetime import date, datetime, timedelta, tzinfo
from enum import StrEnum
from fractions import Fraction
from typing import Literal, Self, cast

import attrs
from dateutil import rrule

from goalkit._numbers import coerce
from goalkit._show import show
from goalkit._validation import Problems, to_enum
from goalkit.exceptions import ValidationError

__all__ = [
    "Cadence",
    "Frequency",
    "Period",
    "PeriodKind",
    "as_day",
    "require_day",
]

_MIN_YEAR = 1
_MAX_YEAR = 9999


def as_day(moment: date | datetime, tz: tzinfo | None = None) -> date:
    """Turn a date or datetime into the day it falls on.

    A :class:`~datetime.date` is returned unchanged and a naive datetime gives
    its own date. An aware datetime is first converted to ``tz``, which the
    caller must name: 23:30 UTC on 30 September is already 1 October (and the
    fourth quarter) in Berlin, and goalkit will not pick a side for you.

    ``tz`` is a :class:`~datetime.tzinfo`, such as ``zoneinfo.ZoneInfo("UTC")``
    or :data:`datetime.timezone.utc`; a zone's name as text is refused rather
    than looked up.

    Raises:
        ValidationError: for an aware datetime without ``tz``, a ``tz`` that is
            not a tzinfo, or a moment that has no day in ``tz`` (past the
            calendar's ends).

    >>> from datetime import timezone, timedelta
    >>> late = datetime(2026, 9, 30, 23, 30, tzinfo=timezone.utc)
    >>> as_day(late, tz=timezone(timedelta(hours=2)))
    datetime.date(2026, 10, 1)
    >>> as_day(late, tz=timezone.utc)
    datetime.date(2026, 9, 30)
    >>> as_day(late, tz="UTC")
    Traceback (most recent call last):
    ...
    goalkit.exceptions.ValidationError: tz: 'tz' must be a tzinfo such as ...
    """
    problems = Problems()
    if tz is not None and not isinstance(tz, tzinfo):
        problems.add(
            "tz",
            tz,
            "'tz' must be a tzinfo such as zoneinfo.ZoneInfo(\"UTC\") or "
            f"datetime.timezone.utc (got {show(tz)})",
        )
    if not isinstance(moment, date):
        problems.add("day", moment, f"'day' must be a date or datetime (got {show(moment)})")
    problems.raise_if_any()
    if not isinstance(moment, datetime):
        return moment
    try:
        aware = moment.tzinfo is not None and moment.utcoffset() is not None
        if aware and tz is not None:
            return moment.astimezone(tz).date()
    except (OverflowError, ValueError, TypeError, NotImplementedError) as error:
        # past the calendar's ends in that zone, or a tzinfo that cannot say its offset
        raise ValidationError.single(
            "day",
            moment,
            f"'day' has no day in time zone {show(tz or moment.tzinfo)} "
            f"(got {show(moment)}): {error}",
        ) from error
    if not aware:
        return moment.date()
    raise ValidationError.single(
        "day",
        moment,
        "an aware datetime needs the time zone to read it in: "
        f"call as_day(value, tz=...) (got {show(moment)})",
    )


def check_day(problems: Problems, path: str, value: object, *, optional: bool = False) -> bool:
    """Record a problem unless ``value`` is a plain :class:`~datetime.date`."""
    if value is None and optional:
        return True
    field = path.rsplit(".", 1)[-1]
    if isinstance(value, datetime):
        problems.add(
            path,
            value,
            f"'{field}' must be a date, not a datetime (got {show(value)}); "
            "convert it with goalkit.as_day(value, tz=...)",
        )
        return False
    if not isinstance(value, date):
        problems.add(path, value, f"'{field}' must be a date (got {show(value)})")
        return False
    return True


def require_day(value: object, path: str = "at") -> date:
    """Return an evaluation day argument, refusing anything but a plain date.

    The one rule for every public ``at=`` argument: a :class:`~datetime.date`
    (not a ``datetime``, whose day depends on a time zone: convert it with
    :func:`as_day`).

    >>> require_day(date(2026, 9, 30))
    datetime.date(2026, 9, 30)
    >>> require_day("2026-09-30")
    Traceback (most recent call last):
    ...
    goalkit.exceptions.ValidationError: at: 'at' must be a date (got '2026-09-30')
    """
    if type(value) is date:
        return value
    problems = Problems()
    check_day(problems, path, value)
    problems.raise_if_any()
    assert isinstance(value, date)  # a date subclass that is not a datetime
    return value


class PeriodKind(StrEnum):
    """What kind of calendar range a :class:`Period` is."""

    MONTH = "month"
    QUARTER = "quarter"
    HALF = "half"
    YEAR = "year"
    FISCAL_YEAR = "fiscal_year"
    FISCAL_QUARTER = "fiscal_quarter"
    CUSTOM = "custom"


#: months each named kind spans
_SPAN = {
    PeriodKind.MONTH: 1,
    PeriodKind.QUARTER: 3,
    PeriodKind.HALF: 6,
    PeriodKind.YEAR: 12,
    PeriodKind.FISCAL_YEAR: 12,
    PeriodKind.FISCAL_QUARTER: 3,
}


def _shift(year: int, month: int, months: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + months
    return index // 12, index % 12 + 1


def _last_day(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


_PATTERNS: tuple[tuple[re.Pattern[str], PeriodKind], ...] = (
    # ASCII digits only, as a JSON Schema pattern reads them
    (re.compile(r"(\d{4})-Q([1-4])", re.ASCII), PeriodKind.QUARTER),
    (re.compile(r"(\d{4})-H([12])", re.ASCII), PeriodKind.HALF),
    (re.compile(r"(\d{4})-(\d{2})", re.ASCII), PeriodKind.MONTH),
    (re.compile(r"(\d{4})", re.ASCII), PeriodKind.YEAR),
    (re.compile(r"FY(\d{4})-Q([1-4])(?:@(\d{2}))?", re.ASCII), PeriodKind.FISCAL_QUARTER),
    (re.compile(r"FY(\d{4})(?:@(\d{2}))?", re.ASCII), PeriodKind.FISCAL_YEAR),
    (re.compile(r"(\d{4}-\d{2}-\d{2})/(\d{4}-\d{2}-\d{2})", re.ASCII), PeriodKind.CUSTOM),
)

_EXAMPLES = (
    "'2026-Q3', '2026-07', '2026-H2', '2026', 'FY2027', 'FY2027-Q1', 'FY2027@04', "
    "'FY2027-Q1@04' or '2026-07-01/2026-09-30'"
)

_FISCAL = (PeriodKind.FISCAL_YEAR, PeriodKind.FISCAL_QUARTER)

_TO_PERIOD_KIND = to_enum(PeriodKind)


# attrs' mypy plugin needs named converter functions, one per field type.
def _period_kind(value: PeriodKind | str) -> PeriodKind:
    return cast(PeriodKind, _TO_PERIOD_KIND(value))


def _whole(value: int) -> int:
    """Store a numpy or pandas integer as ``int``; leave anything else for validation."""
    return cast(int, coerce(value))


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


@attrs.frozen(kw_only=True, repr=False)
class Period:
    """A closed range of days, usually a named calendar or fiscal period.

    Build one with a named constructor (:meth:`quarter`, :meth:`month`,
    :meth:`half`, :meth:`year`, :meth:`fiscal_year`, :meth:`fiscal_quarter`,
    :meth:`custom`) or :meth:`parse`. Both ends are inclusive.

    Fiscal years are named after the calendar year in which they **end**: with a
    fiscal year starting in April, ``FY2027`` runs from 1 April 2026 to
    31 March 2027.

    Text forms (:meth:`format` writes them, :meth:`parse` reads them back, so
    ``Period.parse(p.format()) == p`` for every period):

    ===============================  =============================================
    ``2026-07``                      a month
    ``2026-Q3``                      a calendar quarter
    ``2026-H2``                      a calendar half-year
    ``2026``                         a calendar year
    ``FY2027``                       a fiscal year that is the calendar year
    ``FY2027@04``                    fiscal year 2027 starting in April (month 04)
    ``FY2027-Q1``, ``FY2027-Q1@04``  a fiscal quarter, the same way
    ``2026-07-01/2026-07-14``        a custom range (ISO 8601 interval)
    ===============================  =============================================

    The ``@MM`` suffix, two digits from ``01`` to ``12``, is the month fiscal
    years start in; :meth:`format` writes it whenever that month is not
    January.

    Attributes:
        kind: The kind of range.
        start: The first day.
        end: The last day (inclusive).
        fiscal_start_month: The month (1-12) fiscal years start in; always 1
            for the kinds that are not fiscal.

    >>> Period.fiscal_year(2027, start_month=4)
    Period.fiscal_year(2027, start_month=4)
    >>> _.start, _.end, _.format()
    (datetime.date(2026, 4, 1), datetime.date(2027, 3, 31), 'FY2027@04')
    """

    kind: PeriodKind = attrs.field(converter=_period_kind)
    start: date
    end: date
    fiscal_start_month: int = attrs.field(default=1, converter=_whole)

    def __attrs_post_init__(self) -> None:
        problems = Problems()
        kind_ok = problems.enum("kind", self.kind, PeriodKind)
        ok = check_day(problems, "start", self.start) & check_day(problems, "end", self.end)
        month = self.fiscal_start_month
        if not _is_int(month) or not 1 <= month <= 12:
            problems.add(
                "fiscal_start_month",
                month,
                f"'fiscal_start_month' must be a month from 1 to 12 (got {show(month)})",
            )
            ok = False
        elif kind_ok and month != 1 and self.kind not in _FISCAL:
            problems.add(
                "fiscal_start_month",
                month,
                "'fiscal_start_month' is only for fiscal periods (kinds 'fiscal_year' and "
                f"'fiscal_quarter'); a {self.kind.value} period has 1 (got {show(month)})",
            )
            ok = False
        if ok and self.end < self.start:
            problems.add(
                "end",
                self.end,
                f"'end' must not be before 'start' (got {self.end} and {self.start})",
            )
        elif ok and kind_ok and self.kind is not PeriodKind.CUSTOM:
            expected = self._named_range()
            if expected != (self.start, self.end):
                problems.add(
                    "start",
                    (self.start, self.end),
                    f"a {self.kind.value} period cannot run from {self.start} to {self.end}; "
                    "use a named constructor such as Period.quarter(2026, 3) or Period.custom(...)",
                )
        problems.raise_if_any()

    # -- named constructors -------------------------------------------------

    @classmethod
    def _from_months(
        cls, kind: PeriodKind, year: int, month: int, fiscal_start_month: int = 1
    ) -> Self:
        end_year, end_month = _shift(year, month, _SPAN[kind] - 1)
        if not (year >= _MIN_YEAR and end_year <= _MAX_YEAR):
            raise ValidationError.single(
                "year", year, f"'year' is outside the supported range 1-9999 (got {show(year)})"
            )
        return cls(
            kind=kind,
            start=date(year, month, 1),
            end=_last_day(end_year, end_month),
            fiscal_start_month=fiscal_start_month,
        )

    @staticmethod
    def _check_int(name: str, value: object, low: int, high: int) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise ValidationError.single(
                name, value, f"'{name}' must be an integer from {low} to {high} (got {show(value)})"
            )
        return value

    @classmethod
    def month(cls, year: int, month: int) -> Self:
        """The calendar month ``month`` (1-12) of ``year``.

        >>> Period.month(2026, 2).end
        datetime.date(2026, 2, 28)
        """
        year = cls._check_int("year", year, _MIN_YEAR, _MAX_YEAR)
        return cls._from_months(PeriodKind.MONTH, year, cls._check_int("month", month, 1, 12))

    @classmethod
    def quarter(cls, year: int, quarter: int) -> Self:
        """Calendar quarter ``quarter`` (1-4) of ``year``.

        >>> Period.quarter(2026, 4).format()
        '2026-Q4'
        """
        year = cls._check_int("year", year, _MIN_YEAR, _MAX_YEAR)
        quarter = cls._check_int("quarter", quarter, 1, 4)
        return cls._from_months(PeriodKind.QUARTER, year, 3 * quarter - 2)

    @classmethod
    def half(cls, year: int, half: int) -> Self:
        """Calendar half-year ``half`` (1 or 2) of ``year``.

        >>> Period.half(2026, 2).start
        datetime.date(2026, 7, 1)
        """
        year = cls._check_int("year", year, _MIN_YEAR, _MAX_YEAR)
        half = cls._check_int("half", half, 1, 2)
        return cls._from_months(PeriodKind.HALF, year, 6 * half - 5)

    @classmethod
    def year(cls, year: int) -> Self:
        """The calendar year ``year``.

        >>> Period.year(2026).days
        365
        """
        year = cls._check_int("year", year, _MIN_YEAR, _MAX_YEAR)
        return cls._from_months(PeriodKind.YEAR, year, 1)

    @classmethod
    def fiscal_year(cls, year: int, *, start_month: int = 1) -> Self:
        """The fiscal year ``year`` (named by the year it ends in) starting in ``start_month``.

        >>> Period.fiscal_year(2027, start_month=10).start
        datetime.date(2026, 10, 1)
        """
        year = cls._check_int("year", year, _MIN_YEAR, _MAX_YEAR)
        start_month = cls._check_int("start_month", start_month, 1, 12)
        first_year = year if start_month == 1 else year - 1
        return cls._from_months(PeriodKind.FISCAL_YEAR, first_year, start_month, start_month)

    @classmethod
    def fiscal_quarter(cls, year: int, quarter: int, *, start_month: int = 1) -> Self:
        """Quarter ``quarter`` (1-4) of fiscal year ``year``.

        >>> Period.fiscal_quarter(2027, 1, start_month=4).format()
        'FY2027-Q1@04'
        >>> Period.fiscal_quarter(2027, 1, start_month=4).start
        datetime.date(2026, 4, 1)
        """
        fy = cls.fiscal_year(year, start_month=start_month)
        quarter = cls._check_int("quarter", quarter, 1, 4)
        first_year, first_month = _shift(fy.start.year, fy.start.month, 3 * (quarter - 1))
        return cls._from_months(PeriodKind.FISCAL_QUARTER, first_year, first_month, start_month)

    @classmethod
    def custom(cls, start: date, end: date) -> Self:
        """Any closed range of days from ``start`` to ``end`` inclusive.

        >>> Period.custom(date(2026, 7, 1), date(2026, 7, 14)).days
        14
        """
        return cls(kind=PeriodKind.CUSTOM, start=start, end=end)

    # -- text ---------------------------------------------------------------

    @classmethod
    def parse(cls, text: str, *, fiscal_start_month: int | None = None) -> Self:
        """Read a period from its text form, the inverse of :meth:`format`.

        Fiscal periods carry the month their years start in as ``@MM``
        (``FY2027@04``, ``FY2027-Q1@04``). Text without it (``FY2027``) starts
        fiscal years in ``fiscal_start_month``, or in January when that is not
        given; text with it must agree with ``fiscal_start_month`` when both
        are given. Other kinds ignore ``fiscal_start_month``.

        Raises:
            ValidationError: for text that names no period, or a fiscal start
                month that contradicts ``fiscal_start_month``.

        >>> Period.parse("2026-H2")
        Period.half(2026, 2)
        >>> Period.parse("FY2027@04").start
        datetime.date(2026, 4, 1)
        >>> Period.parse("FY2027", fiscal_start_month=4) == Period.parse("FY2027@04")
        True
        >>> Period.parse("2026-07-01/2026-07-14")
        Period.custom(date(2026, 7, 1), date(2026, 7, 14))
        """
        problems = Problems()
        if not isinstance(text, str):
            problems.add("period", text, f"'period' must be a string (got {show(text)})")
        if fiscal_start_month is not None:
            fiscal_start_month = _whole(fiscal_start_month)
            if not _is_int(fiscal_start_month) or not 1 <= fiscal_start_month <= 12:
                problems.add(
                    "fiscal_start_month",
                    fiscal_start_month,
                    "'fiscal_start_month' must be a month from 1 to 12 "
                    f"(got {show(fiscal_start_month)})",
                )
        problems.raise_if_any()
        cleaned = text.strip().upper()
        for pattern, kind in _PATTERNS:
            match = pattern.fullmatch(cleaned)
            if match is None:
                continue
            groups = match.groups()
            fiscal = fiscal_start_month or 1
            if kind in _FISCAL and groups[-1] is not None:
                written = int(groups[-1])
                if fiscal_start_month is not None and written != fiscal_start_month:
                    raise ValidationError.single(
                        "period",
                        text,
                        f"'period' starts fiscal years in month {written}, but "
                        f"'fiscal_start_month' is {fiscal_start_month} (got {show(text)})",
                    )
                fiscal = written
            try:
                return cls._from_groups(kind, groups, fiscal)
            except (ValidationError, ValueError) as error:
                raise ValidationError.single(
                    "period", text, f"'period' names no valid period (got {show(text)}): {error}"
                ) from error
        raise ValidationError.single(
            "period", text, f"'period' must look like {_EXAMPLES} (got {show(text)})"
        )

    @classmethod
    def _from_groups(cls, kind: PeriodKind, groups: tuple[str | None, ...], fsm: int) -> Self:
        first = str(groups[0])
        second = str(groups[1]) if len(groups) > 1 else ""
        match kind:
            case PeriodKind.QUARTER:
                return cls.quarter(int(first), int(second))
            case PeriodKind.HALF:
                return cls.half(int(first), int(second))
            case PeriodKind.MONTH:
                return cls.month(int(first), int(second))
            case PeriodKind.YEAR:
                return cls.year(int(first))
            case PeriodKind.FISCAL_QUARTER:
                return cls.fiscal_quarter(int(first), int(second), start_month=fsm)
            case PeriodKind.FISCAL_YEAR:
                return cls.fiscal_year(int(first), start_month=fsm)
            case _:
                return cls.custom(date.fromisoformat(first), date.fromisoformat(second))

    def format(self) -> str:
        """Write the period as text that :meth:`parse` reads back.

        A fiscal period whose years do not start in January carries its start
        month as ``@MM``.

        >>> Period.month(2026, 7).format()
        '2026-07'
        >>> Period.fiscal_year(2027, start_month=4).format()
        'FY2027@04'
        >>> Period.fiscal_quarter(2027, 1).format()
        'FY2027-Q1'
        """
        fiscal = "" if self.fiscal_start_month == 1 else f"@{self.fiscal_start_month:02d}"
        match self.kind:
            case PeriodKind.MONTH:
                return f"{self.start.year:04d}-{self.start.month:02d}"
            case PeriodKind.QUARTER:
                return f"{self.start.year:04d}-Q{self.number}"
            case PeriodKind.HALF:
                return f"{self.start.year:04d}-H{self.number}"
            case PeriodKind.YEAR:
                return f"{self.start.year:04d}"
            case PeriodKind.FISCAL_YEAR:
                return f"FY{self.end.year:04d}{fiscal}"
            case PeriodKind.FISCAL_QUARTER:
                return f"FY{self.fiscal_year_number:04d}-Q{self.number}{fiscal}"
            case _:
                return f"{self.start.isoformat()}/{self.end.isoformat()}"

    def __str__(self) -> str:
        return self.format()

    def __repr__(self) -> str:
        match self.kind:
            case PeriodKind.MONTH:
                return f"Period.month({self.start.year}, {self.start.month})"
            case PeriodKind.QUARTER:
                return f"Period.quarter({self.start.year}, {self.number})"
            case PeriodKind.HALF:
                return f"Period.half({self.start.year}, {self.number})"
            case PeriodKind.YEAR:
                return f"Period.year({self.start.year})"
            case PeriodKind.FISCAL_YEAR:
                return f"Period.fiscal_year({self.end.year}, start_month={self.fiscal_start_month})"
            case PeriodKind.FISCAL_QUARTER:
                return (
                    f"Period.fiscal_quarter({self.fiscal_year_number}, {self.number}, "
                    f"start_month={self.fiscal_start_month})"
                )
            case _:
                return f"Period.custom({_date_repr(self.start)}, {_date_repr(self.end)})"

    # -- facts --------------------------------------------------------------

    @property
    def number(self) -> int:
        """The ordinal inside the enclosing year (month 1-12, quarter 1-4, half 1-2, else 1).

        >>> Period.parse("2026-Q3").number
        3
        """
        match self.kind:
            case PeriodKind.MONTH:
                return self.start.month
            case PeriodKind.QUARTER:
                return (self.start.month - 1) // 3 + 1
            case PeriodKind.HALF:
                return (self.start.month - 1) // 6 + 1
            case PeriodKind.FISCAL_QUARTER:
                offset = (self.start.month - self.fiscal_start_month) % 12
                return offset // 3 + 1
            case _:
                return 1

    @property
    def fiscal_year_number(self) -> int:
        """For fiscal kinds, the fiscal year's name; else the calendar year of the start.

        >>> Period.fiscal_quarter(2027, 4, start_month=4).fiscal_year_number
        2027
        """
        if self.kind not in (PeriodKind.FISCAL_YEAR, PeriodKind.FISCAL_QUARTER):
            return self.start.year
        fsm = self.fiscal_start_month
        if fsm == 1:
            return self.start.year
        return self.start.year + 1 if self.start.month >= fsm else self.start.year

    @property
    def days(self) -> int:
        """How many days the period has, both ends included.

        >>> Period.quarter(2026, 3).days
        92
        """
        return (self.end - self.start).days + 1

    def contains(self, day: date) -> bool:
        """Whether ``day`` lies in the period (both ends included).

        >>> Period.quarter(2026, 3).contains(date(2026, 10, 1))
        False
        """
        return self.start <= require_day(day, "day") <= self.end

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.contains(day)

    def elapsed_fraction(self, at: date) -> Fraction:
        """The share of the period that has passed by the **end** of day ``at``.

        0 before the start, 1 from the last day on, and in between the number of
        days up to and including ``at`` divided by :attr:`days`. The result is an
        exact :class:`~fractions.Fraction`.

        >>> q3 = Period.quarter(2026, 3)
        >>> q3.elapsed_fraction(date(2026, 6, 30)), q3.elapsed_fraction(date(2026, 9, 30))
        (Fraction(0, 1), Fraction(1, 1))
        >>> q3.elapsed_fraction(date(2026, 8, 15))
        Fraction(1, 2)
        """
        day = require_day(at)
        if day < self.start:
            return Fraction(0)
        if day >= self.end:
            return Fraction(1)
        return Fraction((day - self.start).days + 1, self.days)

    def days_left(self, at: date) -> int:
        """Whole days still to come after ``at`` (0 from the last day on).

        >>> Period.quarter(2026, 3).days_left(date(2026, 9, 29))
        1
        """
        day = require_day(at)
        if day < self.start:
            return self.days
        return max(0, (self.end - day).days)

    def next(self) -> Self:
        """The period of the same kind that follows; a custom range moves by its length.

        >>> Period.quarter(2026, 4).next()
        Period.quarter(2027, 1)
        """
        return self._step(1)

    def previous(self) -> Self:
        """The period of the same kind before this one.

        >>> Period.month(2026, 1).previous()
        Period.month(2025, 12)
        """
        return self._step(-1)

    def _step(self, direction: int) -> Self:
        if self.kind is PeriodKind.CUSTOM:
            shift = timedelta(days=self.days * direction)
            try:
                return type(self).custom(self.start + shift, self.end + shift)
            except OverflowError as error:
                raise ValidationError.single(
                    "period", self, f"there is no period {direction:+d} from {self.format()}"
                ) from error
        year, month = _shift(self.start.year, self.start.month, _SPAN[self.kind] * direction)
        if not _MIN_YEAR <= year <= _MAX_YEAR:
            raise ValidationError.single(
                "period", self, f"there is no period {direction:+d} from {self.format()}"
            )
        return type(self)._from_months(self.kind, year, month, self.fiscal_start_month)

    def _named_range(self) -> tuple[date, date] | None:
        span = _SPAN[self.kind]
        month = self.start.month
        aligned = {
            PeriodKind.MONTH: True,
            PeriodKind.QUARTER: month % 3 == 1,
            PeriodKind.HALF: month in (1, 7),
            PeriodKind.YEAR: month == 1,
            PeriodKind.FISCAL_YEAR: month == self.fiscal_start_month,
            PeriodKind.FISCAL_QUARTER: (month - self.fiscal_start_month) % 3 == 0,
        }[self.kind]
        if not aligned or self.start.day != 1:
            return None
        end_year, end_month = _shift(self.start.year, month, span - 1)
        if end_year > _MAX_YEAR:
            return None
        return self.start, _last_day(end_year, end_month)


def _date_repr(day: date) -> str:
    return f"date({day.year}, {day.month}, {day.day})"


class Frequency(StrEnum):
    """How often something is measured or due."""

    DAILY = "daily"
    WEEKLY = "weekly"
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    YEARLY = "yearly"

    @property
    def nominal_days(self) -> int:
        """The longest gap, in days, between two due dates of this frequency.

        Used to decide when data is overdue.

        >>> Frequency.MONTHLY.nominal_days
        31
        """
        return {"daily": 1, "weekly": 7, "monthly": 31, "quarterly": 92, "yearly": 366}[self.value]


_TO_FREQUENCY = to_enum(Frequency)


def _frequency(value: Frequency | str) -> Frequency:
    return cast(Frequency, _TO_FREQUENCY(value))


_RRULE_FREQ: dict[Frequency, Literal[0, 1, 2, 3, 4, 5, 6]] = {
    Frequency.DAILY: rrule.DAILY,
    Frequency.WEEKLY: rrule.WEEKLY,
    Frequency.MONTHLY: rrule.MONTHLY,
    Frequency.QUARTERLY: rrule.MONTHLY,
    Frequency.YEARLY: rrule.YEARLY,
}


@attrs.frozen(kw_only=True)
class Cadence:
    """When check-ins are due: every ``interval`` units of ``frequency``.

    Attributes:
        frequency: The unit of repetition.
        interval: Every how many units (2 with weekly means every two weeks).
        weekday: For weekly cadences, the day of the week (0 = Monday).
        day_of_month: For monthly and longer cadences, 1-28, or -1 for the last day.

    >>> Cadence.every_two_weeks(weekday=4).due_dates(Period.month(2026, 7))
    (datetime.date(2026, 7, 3), datetime.date(2026, 7, 17), datetime.date(2026, 7, 31))
    """

    frequency: Frequency = attrs.field(converter=_frequency)
    interval: int = attrs.field(default=1, converter=_whole)
    weekday: int = attrs.field(default=0, converter=_whole)
    day_of_month: int = attrs.field(default=-1, converter=_whole)

    def __attrs_post_init__(self) -> None:
        problems = Problems()
        problems.enum("frequency", self.frequency, Frequency)
        problems.whole_number("interval", self.interval, 1)
        # A weekday of 1.0 would pass `in range(7)` and fail later inside dateutil.
        if not _is_int(self.weekday) or not 0 <= self.weekday <= 6:
            problems.add(
                "weekday",
                self.weekday,
                f"'weekday' must be a whole number from 0 (Monday) to 6 (Sunday) "
                f"(got {show(self.weekday)})",
            )
        day = self.day_of_month
        if not _is_int(day) or not (1 <= day <= 28 or day == -1):
            problems.add(
                "day_of_month",
                day,
                f"'day_of_month' must be a whole number from 1 to 28, or -1 for the last day "
                f"(got {show(day)})",
            )
        problems.raise_if_any()

    @classmethod
    def weekly(cls, *, weekday: int = 0) -> Self:
        """Every week on ``weekday`` (0 = Monday).

        >>> len(Cadence.weekly().due_dates(Period.quarter(2026, 3)))
        13
        """
        return cls(frequency=Frequency.WEEKLY, weekday=weekday)

    @classmethod
    def every_two_weeks(cls, *, weekday: int = 0) -> Self:
        """Every other week on ``weekday``, counted from the period's first such day."""
        return cls(frequency=Frequency.WEEKLY, interval=2, weekday=weekday)

    @classmethod
    def monthly(cls, *, day: int = -1) -> Self:
        """Every month on ``day`` (1-28, or -1 for the last day of the month).

        >>> Cadence.monthly().due_dates(Period.quarter(2026, 1))
        (datetime.date(2026, 1, 31), datetime.date(2026, 2, 28), datetime.date(2026, 3, 31))
        """
        return cls(frequency=Frequency.MONTHLY, day_of_month=day)

    def due_dates(self, period: Period) -> tuple[date, ...]:
        """Every due date inside ``period``, in order.

        Raises:
            ValidationError: when ``period`` is not a :class:`Period`.
        """
        if not isinstance(period, Period):
            raise ValidationError.single(
                "period", period, f"'period' must be a Period (got {show(period)})"
            )
        return tuple(self.iter_due_dates(period.start, period.end))

    def iter_due_dates(self, start: date, end: date) -> Iterator[date]:
        """Due dates from ``start`` to ``end`` inclusive, computed with :mod:`dateutil.rrule`."""
        if type(start) is not date or type(end) is not date:
            problems = Problems()
            check_day(problems, "start", start)
            check_day(problems, "end", end)
            problems.raise_if_any()
        first = datetime.combine(start, datetime.min.time())
        last = datetime.combine(end, datetime.min.time())
        interval = self.interval * (3 if self.frequency is Frequency.QUARTERLY else 1)
        match self.frequency:
            case Frequency.WEEKLY:
                rule = rrule.rrule(
                    rrule.WEEKLY,
                    dtstart=first,
                    until=last,
                    interval=interval,
                    byweekday=self.weekday,
                )
            case Frequency.DAILY:
                rule = rrule.rrule(rrule.DAILY, dtstart=first, until=last, interval=interval)
            case Frequency.YEARLY:
                rule = rrule.rrule(
                    rrule.YEARLY,
                    dtstart=first,
                    until=last,
                    interval=interval,
                    bymonth=first.month,
                    bymonthday=self.day_of_month,
                )
            case _:
                rule = rrule.rrule(
                    _RRULE_FREQ[self.frequency],
                    dtstart=first,
                    until=last,
                    interval=interval,
                    bymonthday=self.day_of_month,
                )
        for moment in rule:
            yield moment.date()
