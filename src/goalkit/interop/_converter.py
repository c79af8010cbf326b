"""The converter behind goalkit.interop.data, and its detailed reader (private).

Writing: a :mod:`cattrs` converter writes every goalkit object in the plain
form. Numbers, days, periods and key results have hooks of their own; the
other attrs classes are written by functions cattrs generates, which leave out
a field at its default only when it would come back equal in type too.

Reading, in detail: :func:`_structure_in_detail` walks a document field by
field and reports **every** problem, each with its path. A field it cannot
read does not stop the object it belongs to from being checked: the object's
constructor still runs, with the field left at its default (or a placeholder
when it has none), so an objective with an empty title *and* an unknown period
reports both. Only the constructor's problems about the unread fields
themselves are left out, as the reader has named those already. Checks across
a whole plan that need every goal (links to goals that exist, cycles) run once
every goal reads.

The walk follows the types of the plan format, which nest a fixed number of
levels, so it never recurses deeper however deep a document is; values in
messages go through :func:`~goalkit._show.show`.

The rules for a field's text (numbers, days, moments, periods, ids) are the
regular expressions below, the same ones the JSON Schema
(``plan.schema.json``) uses: one definition of each field.
"""

from __future__ import annotations

import functools
import math
import re
import types
from collections.abc import Callable, Mapping
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from enum import Enum
from fractions import Fraction
from typing import Any, Final, TypeAlias, TypeVar, cast, get_args, get_origin

import attrs
import cattrs
from cattrs.gen import make_dict_unstructure_fn, override

from goalkit._numbers import MAX_DIGITS, Number, number_problem
from goalkit._show import show
from goalkit.exceptions import ValidationError, join_path
from goalkit.goals import KPI, Initiative, KeyResult, Objective, Theme
from goalkit.interop._errors import _Bad, _Report, _tail
from goalkit.measures import (
    FIRST_CHECK_IN,
    Binary,
    Change,
    CheckIn,
    Checklist,
    Checkpoint,
    FirstCheckIn,
    History,
    Milestone,
    Target,
    Threshold,
)
from goalkit.periods import Cadence, Period
from goalkit.plan import Link, Plan

T = TypeVar("T")

# Published as goalkit.interop.data.FIRST_CHECK_IN_TOKEN.
_FIRST_CHECK_IN_TOKEN: Final = "first_check_in"


# -- the text of fields: one definition, shared with plan.schema.json ----------
#
# Written in the part of regular-expression syntax that Python's re and the
# ECMA-262 dialect of JSON Schema read alike: explicit [0-9] (Python's \d also
# matches other scripts' digits), and "$(?!\n)" to end (Python's "$" also
# matches before a final newline). tests/test_interop_schema.py holds the
# schema's patterns to these.

_YEAR = r"(?!0000)[0-9]{4}"
_LEAP_DAY = (
    r"(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:0[48]|[2468][048]|[13579][26])00)-02-29"
)
_MONTH_DAY = (
    r"(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])"
    r"|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)"
    r"|02-(?:0[1-9]|1[0-9]|2[0-8]))"
)
_DAY = rf"(?:{_YEAR}-{_MONTH_DAY}|{_LEAP_DAY})"
_TIME = r"(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:\.[0-9]{1,6})?"
_OFFSET = r"(?:Z|[+-](?:[01][0-9]|2[0-3]):[0-5][0-9](?::[0-5][0-9](?:\.[0-9]{1,6})?)?)"
_FISCAL_MONTH = r"(?:@(?:0[1-9]|1[0-2]))?"

DAY_PATTERN: Final = rf"^{_DAY}$(?!\n)"
"""A day: ``YYYY-MM-DD``, a day of the calendar (``2026-02-29`` is not)."""

MOMENT_PATTERN: Final = rf"^{_DAY}T{_TIME}{_OFFSET}?$(?!\n)"
"""A moment: a day, ``T``, ``HH:MM:SS`` with up to 6 decimals, and an optional offset."""

DECIMAL_PATTERN: Final = r"^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$(?!\n)"
"""A decimal number as text (a :class:`~decimal.Decimal`): ``"1.50"``, ``"1E+3"``."""

FRACTION_PATTERN: Final = r"^[+-]?[0-9]+/0*[1-9][0-9]*$(?!\n)"
"""A fraction as text: ``"numerator/denominator"``, the denominator not zero."""

PERIOD_PATTERN: Final = (
    rf"^(?:{_YEAR}(?:-[Qq][1-4]|-[Hh][12]|-(?:0[1-9]|1[0-2]))?"
    rf"|[Ff][Yy]{_YEAR}(?:-[Qq][1-4])?{_FISCAL_MONTH}"
    rf"|{_DAY}/{_DAY})$(?!\n)"
)
"""A period's text form, as :meth:`~goalkit.Period.format` writes it (letters in either case)."""

ID_PATTERN: Final = r"^\S(?:[\s\S]*\S)?$(?!\n)"
"""An id: not empty, not starting or ending with whitespace."""

TEXT_PATTERN: Final = r"\S"
"""A title, owner, level, unit or name: something other than whitespace."""

_DAY_TEXT = re.compile(DAY_PATTERN)
_MOMENT_TEXT = re.compile(MOMENT_PATTERN)
_PERIOD_TEXT = re.compile(PERIOD_PATTERN)
_DECIMAL = re.compile(r"([+-]?)([0-9]*)(?:\.([0-9]*))?(?:[eE]([+-]?[0-9]+))?")
_DECIMAL_TEXT = re.compile(DECIMAL_PATTERN)
_FRACTION = re.compile(r"([+-]?)([0-9]+)/([0-9]+)")


# -- numbers ---------------------------------------------------------------

# The admission messages of goalkit._numbers, for numbers refused from their text.
_TOO_LARGE = cast(str, number_problem(Decimal(f"1E+{MAX_DIGITS}")))
_TOO_PRECISE = cast(str, number_problem(Decimal(f"1E-{MAX_DIGITS + 1}")))
_EXPONENT_DIGITS = 12  # an exponent longer than this is past any limit either way


def _number_data(value: Number) -> int | float | str:
    # goalkit.interop.data.format_number (documented there); it lives here because
    # the converter writes numbers with it and must not import data.py.
    if type(value) is int or type(value) is float:  # the usual case, no isinstance() on ABCs
        return value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, Fraction):
        return f"{value.numerator}/{value.denominator}"
    return value


class _HugeInt:
    """A JSON integer too long to convert (Python's int-string limit is 4,300 digits).

    :func:`~goalkit.interop.from_json` reads such integers as this marker, so
    the reader can refuse them at their path with the admission limit.
    """

    __slots__ = ("digits",)

    def __init__(self, text: str) -> None:
        self.digits = len(text.lstrip("+-"))

    def __repr__(self) -> str:
        return f"<int of {self.digits:,} digits>"


def _json_int(text: str) -> int | _HugeInt:
    """``parse_int`` of :func:`json.loads`: long integers become :class:`_HugeInt`."""
    return int(text) if len(text) <= 2 * MAX_DIGITS + 1 else _HugeInt(text)


def _number(value: object) -> Number:
    kind = type(value)
    if kind is int:
        return cast(int, value)
    if kind is str:
        return _number_text(cast(str, value))
    if kind is float:
        if math.isfinite(cast(float, value)):
            return cast(float, value)
        raise _Bad("must be a finite number", value)
    if kind is _HugeInt:
        raise _Bad(_TOO_LARGE, value)
    if isinstance(value, str):
        return _number_text(str(value))
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal | Fraction):
        raise _Bad("must be a number", value)
    if isinstance(value, float | Decimal) and not _finite(value):
        raise _Bad("must be a finite number", value)
    return value


def _finite(value: float | Decimal) -> bool:
    return value.is_finite() if isinstance(value, Decimal) else math.isfinite(value)


def _number_text(text: str) -> Number:
    """A number read from its text; short texts (nearly all) are read once."""
    return _short_number_text(text) if len(text) <= 64 else _read_number_text(text)


def _read_number_text(text: str) -> Number:
    # Sizes are judged on the text, before any conversion, so a hostile
    # "1E+10000000" or a million digits is refused at once.
    if _DECIMAL_TEXT.match(text):
        return _decimal_text(text)
    match = _FRACTION.fullmatch(text)
    if match is not None:
        sign, numerator, denominator = match.groups()
        numerator = numerator.lstrip("0") or "0"
        denominator = denominator.lstrip("0")
        if not denominator:
            raise _Bad("must not have a zero denominator", text)
        # In lowest terms an admitted fraction needs at most 2 * MAX_DIGITS
        # digits above the slash and MAX_DIGITS below; longer text is refused
        # before Python's int-string limit (4,300 digits) can be reached.
        if len(numerator) > 2 * MAX_DIGITS:
            raise _Bad(_TOO_LARGE, text)
        if len(denominator) > 2 * MAX_DIGITS:
            raise _Bad(_TOO_PRECISE, text)
        value = Fraction(int(sign + numerator), int(denominator))
        problem = number_problem(value)
        if problem is not None:
            raise _Bad(problem, text)
        return value
    raise _Bad("must be a number", text)


_short_number_text = functools.lru_cache(maxsize=4096)(_read_number_text)


def _decimal_text(text: str) -> Decimal:
    match = _DECIMAL.fullmatch(text)
    assert match is not None  # DECIMAL_PATTERN admits only this shape
    sign, whole, fraction, exponent_text = match.groups()
    fraction = fraction or ""
    digits = (whole + fraction).lstrip("0")
    exponent = 0
    if exponent_text:
        unsigned = exponent_text.lstrip("+-").lstrip("0")
        if len(unsigned) > _EXPONENT_DIGITS:
            raise _Bad(_TOO_PRECISE if exponent_text.startswith("-") else _TOO_LARGE, text)
        exponent = int(exponent_text)
    exponent -= len(fraction)  # Decimal's exponent: trailing zeros count as written
    if digits and exponent + len(digits) - 1 >= MAX_DIGITS:
        raise _Bad(_TOO_LARGE, text)
    if exponent < -MAX_DIGITS:
        raise _Bad(_TOO_PRECISE, text)
    try:
        # Leading zeros change neither value nor exponent; leave them out.
        whole = whole.lstrip("0") or "0"
        point = f".{fraction}" if fraction else ""
        return Decimal(f"{sign}{whole}{point}E{exponent + len(fraction)}")
    except InvalidOperation:  # pragma: no cover - the text was checked above
        raise _Bad("must be a number", text) from None


def _optional_number(value: object) -> Number | None:
    return None if value is None else _number(value)


def _baseline_data(value: Number | FirstCheckIn | None) -> int | float | str | None:
    if value is FIRST_CHECK_IN:
        return _FIRST_CHECK_IN_TOKEN
    return None if value is None else _number_data(value)


def _baseline(value: object) -> Number | FirstCheckIn | None:
    if value is FIRST_CHECK_IN or (type(value) is str and value == _FIRST_CHECK_IN_TOKEN):
        return FIRST_CHECK_IN
    return _optional_number(value)


def _whole(value: object) -> int:
    # JSON has one kind of number: 4 and 4.0 are the same integer to a JSON
    # Schema ("type": "integer"), so both read as 4. A bool is not a number.
    if type(value) is int:
        return value
    if type(value) is float and value.is_integer():
        return int(value)
    if type(value) is _HugeInt:
        raise _Bad(_TOO_LARGE, value)
    raise _Bad("must be a whole number", value)


def _boolean(value: object) -> bool:
    if type(value) is bool:
        return value
    raise _Bad("must be true or false", value)


# -- text, enums, days and periods ----------------------------------------------


def _text(value: object) -> str:
    if type(value) is str:
        return value
    raise _Bad("must be a string", value)


def _optional_text(value: object) -> str | None:
    return None if value is None else _text(value)


def _enum_parser(kind: type[Enum]) -> Callable[[object], Enum]:
    members: dict[object, Enum] = {member.value: member for member in kind}
    allowed = ", ".join(repr(member.value) for member in kind)

    def parse(value: object) -> Enum:
        if type(value) is str:  # the values are strings: nothing else can be one
            member = members.get(value)
            if member is not None:
                return member
        if isinstance(value, kind):
            return value
        raise _Bad(f"must be one of {allowed}", value)

    return parse


_DAY_MESSAGE = "must be a day in ISO form such as '2026-09-30'"


@functools.lru_cache(maxsize=1024)
def _day_text(text: str) -> date:
    if _DAY_TEXT.match(text):
        return date.fromisoformat(text)
    raise _Bad(_DAY_MESSAGE, text)


def _day(value: object) -> date:
    if type(value) is str:
        return _day_text(value)
    raise _Bad(_DAY_MESSAGE, value)


def _optional_day(value: object) -> date | None:
    return None if value is None else _day(value)


def _moment(value: object) -> datetime | None:
    if value is None:
        return None
    if type(value) is str and _MOMENT_TEXT.match(value):
        return datetime.fromisoformat(value)
    raise _Bad("must be a date and time in ISO form such as '2026-09-30T17:00:00+02:00'", value)


@functools.lru_cache(maxsize=1024)
def _period_text(text: str) -> Period:
    try:
        period = Period.parse(text)
    except ValidationError as error:
        raise _Bad(error.message.removeprefix("'period' "), text, says_got=True) from None
    if _PERIOD_TEXT.match(text):
        return period
    # Period.parse forgives spaces around the text and other scripts' digits; a
    # document holds the form JSON Schema validators read too.
    raise _Bad(f"must be written {period.format()!r}", text)


@functools.lru_cache(maxsize=1024)
def _period_data(period: Period) -> str | dict[str, Any]:
    text = period.format()
    try:
        if Period.parse(text) == period:
            return text
    except ValidationError:  # pragma: no cover - format() always parses
        pass
    return {  # pragma: no cover - every period has a text form now
        "kind": period.kind.value,
        "start": period.start.isoformat(),
        "end": period.end.isoformat(),
        "fiscal_start_month": period.fiscal_start_month,
    }


_PERIOD_MESSAGE = "must be a period such as '2026-Q3', or an object with kind, start and end"


# -- the detailed reader ---------------------------------------------------------

_NUMBER_ARGS = frozenset({int, Decimal, Fraction, float})
_NONE = type(None)


class _Unread:
    """The placeholder of a value the reader could not read."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "<unread>"


_UNREAD: Final = _Unread()

# (value, path, report) -> the value read, or _UNREAD; problems go to the report.
_Detail: TypeAlias = Callable[[object, str, _Report], Any]


def _union_args(kind: object) -> frozenset[object] | None:
    if isinstance(kind, types.UnionType):
        return frozenset(get_args(kind))
    return None


def _leaf(parse: Callable[[object], Any]) -> _Detail:
    def read(value: object, path: str, report: _Report) -> Any:
        try:
            return parse(value)
        except _Bad as bad:
            report.bad(path, bad)
            return _UNREAD

    return read


def _detail_sequence(item: _Detail) -> _Detail:
    """A list of items: unread items stay in place as placeholders."""

    def read(value: object, path: str, report: _Report) -> Any:
        if type(value) is not list and type(value) is not tuple:
            report.bad(path, _Bad("must be a list", value))
            return _UNREAD
        return tuple([item(entry, f"{path}[{index}]", report) for index, entry in enumerate(value)])

    return read


def _unknown_keys(
    data: Mapping[Any, Any], known: frozenset[str], path: str, report: _Report
) -> None:
    extra = [key for key in data if key not in known]
    for key in sorted(extra, key=lambda key: key if type(key) is str else show(key)):
        name = key if type(key) is str else show(key)
        report.add(join_path(path, name), key, f"unknown field {show(key)} (check its spelling)")


@attrs.frozen
class _Field:
    name: str
    read: _Detail
    required: bool


def _fields(cls: type, *, skip: frozenset[str] = frozenset()) -> tuple[_Field, ...]:
    attrs.resolve_types(cls)
    return tuple(
        _Field(field.name, _detail(field.type), field.default is attrs.NOTHING)
        for field in attrs.fields(cls)
        if field.init and field.name not in skip
    )


def _read_fields(
    data: Mapping[Any, Any],
    fields: tuple[_Field, ...],
    path: str,
    report: _Report,
    *,
    values: dict[str, Any],
    unread: set[str],
) -> None:
    for field in fields:
        where = join_path(path, field.name)
        if field.name in data:
            before = report.count
            values[field.name] = field.read(data[field.name], where, report)
            if report.count != before:
                unread.add(field.name)
        elif field.required:
            report.add(where, None, f"'{field.name}' is required")
            unread.add(field.name)


def _build(
    cls: Callable[..., Any],
    values: dict[str, Any],
    unread: set[str],
    required: frozenset[str],
    *,
    path: str,
    report: _Report,
    since: int,
) -> Any:
    """Call the domain constructor; with unread fields, only for its other problems.

    An unread field with a default is left out, one without gets the
    :data:`_UNREAD` placeholder, and a list keeps the items that did read with
    placeholders for the others, so the constructor still checks everything
    else. Whatever it says about unread values is left out (the reader said it).
    """
    if report.count == since:
        try:
            return cls(**values)
        except ValidationError as error:
            report.extend(error, path)
        except Exception as error:  # a constructor's bug must not escape as a crash
            report.add(path, None, f"'{_tail(path)}' could not be read: {_describe(error)}")
        return _UNREAD
    arguments = {
        name: value for name, value in values.items() if name not in unread or type(value) is tuple
    }
    arguments.update(dict.fromkeys((required & unread) - arguments.keys(), _UNREAD))
    try:
        cls(**arguments)
    except ValidationError as error:
        # A list kept with placeholders is checked item by item; other unread
        # fields are wholly the reader's to report.
        gone = [join_path(path, name) for name in unread if type(arguments.get(name)) is not tuple]
        report.extend_apart(error, path, since, gone)
    except Exception:
        pass
    return _UNREAD


def _describe(error: BaseException) -> str:
    try:
        text = str(error)
    except Exception:  # a message that cannot even be written
        text = ""
    return show(text)[1:-1] if text else type(error).__name__


def _detail_object(
    cls: type,
    *,
    build: Callable[..., Any] | None = None,
    adjust: Callable[[dict[str, Any], set[str]], None] | None = None,
) -> _Detail:
    fields = _fields(cls)
    known = frozenset(field.name for field in fields)
    required = frozenset(field.name for field in fields if field.required)
    construct = cls if build is None else build

    def read(value: object, path: str, report: _Report) -> Any:
        if not isinstance(value, Mapping):
            report.bad(path, _Bad("must be an object", value))
            return _UNREAD
        since = report.count
        _unknown_keys(value, known, path, report)
        values: dict[str, Any] = {}
        unread: set[str] = set()
        _read_fields(value, fields, path, report, values=values, unread=unread)
        if unread and adjust is not None:
            adjust(values, unread)
        return _build(construct, values, unread, required, path=path, report=report, since=since)

    return read


def _plan_adjust(values: dict[str, Any], unread: set[str]) -> None:
    # Links are checked against every goal of the plan; with a goal unread,
    # they would name goals that seem missing. They are checked once all read.
    if unread & {"themes", "objectives", "kpis"}:
        values.pop("links", None)
        unread.discard("links")


def _history_of(check_ins: tuple[CheckIn, ...]) -> History:
    return History(check_ins)


def _detail_history(value: object, path: str, report: _Report) -> Any:
    before = report.count
    items = _CHECK_INS(value, path, report)
    if report.count != before:
        return _UNREAD
    return _build(
        _history_of,
        {"check_ins": items},
        set(),
        frozenset(),
        path=path,
        report=report,
        since=before,
    )


# Key results are flat: 'type' says which measure, and the measure's fields sit
# beside the key result's own (tables below, once the readers exist).
_KR_TYPES: dict[str, type] = {"metric": Target, "milestones": Checklist, "binary": Binary}


def _detail_key_result(value: object, path: str, report: _Report) -> Any:
    if not isinstance(value, Mapping):
        report.bad(path, _Bad("must be an object", value))
        return _UNREAD
    since = report.count
    kind = value.get("type", "metric")
    known_kind = type(kind) is str and kind in _KR_TYPES
    if known_kind:
        _unknown_keys(value, _KR_KEYS[kind], path, report)
    else:
        report.add(
            join_path(path, "type"),
            kind,
            f"'type' must be 'metric', 'milestones' or 'binary' (got {show(kind)})",
        )
    values: dict[str, Any] = {}
    unread: set[str] = set()
    _read_fields(value, _KR_OWN, path, report, values=values, unread=unread)
    measure: Any = _UNREAD
    if known_kind:
        fields = _MEASURE_FIELDS[kind]
        own: dict[str, Any] = {}
        own_unread: set[str] = set()
        start = report.count
        _read_fields(value, fields, path, report, values=own, unread=own_unread)
        measure = _build(
            _KR_TYPES[kind],
            own,
            own_unread,
            frozenset(field.name for field in fields if field.required),
            path=path,
            report=report,
            since=start,
        )
    values["measure"] = measure
    if measure is _UNREAD:
        unread.add("measure")
        for name in _KR_ABOUT_MEASURE:
            values.pop(name, None)
            unread.discard(name)
    return _build(KeyResult, values, unread, _KR_REQUIRED, path=path, report=report, since=since)


# attrs classes read and written field by field: each refuses unknown keys and
# leaves out defaults when written.
_GENERATED: tuple[type, ...] = (
    Change,
    Target,
    Milestone,
    Checklist,
    Binary,
    CheckIn,
    Checkpoint,
    Initiative,
    Objective,
    Threshold,  # before KPI, whose writer takes the threshold writer made here
    KPI,
    Theme,
    Link,
    Cadence,
)

_DETAILS: dict[object, _Detail] = {
    str: _leaf(_text),
    str | None: _leaf(_optional_text),
    bool: _leaf(_boolean),
    int: _leaf(_whole),
    date: _leaf(_day),
    date | None: _leaf(_optional_day),
    datetime | None: _leaf(_moment),
    History: _detail_history,
    KeyResult: _detail_key_result,
}


def _detail(kind: Any) -> _Detail:
    """The detailed reader of values of type ``kind`` (built once per type)."""
    found = _DETAILS.get(kind)
    if found is not None:
        return found
    args = _union_args(kind)
    others = None if args is None else args - {_NONE}
    optional = args is not None and _NONE in args
    read: _Detail
    if others == _NUMBER_ARGS:
        read = _leaf(_optional_number if optional else _number)
    elif others == _NUMBER_ARGS | {FirstCheckIn}:
        read = _leaf(_baseline)
    elif others is not None and len(others) == 1 and optional:
        (single,) = others
        inner = _detail(single)

        def read(value: object, path: str, report: _Report) -> Any:
            return None if value is None else inner(value, path, report)

    elif isinstance(kind, type) and issubclass(kind, Enum):
        read = _leaf(_enum_parser(kind))
    elif get_origin(kind) is tuple:
        read = _detail_sequence(_detail(get_args(kind)[0]))
    elif kind is Period:
        read = _detail_period
    elif kind is Plan:
        read = _detail_object(Plan, adjust=_plan_adjust)
    elif isinstance(kind, type) and attrs.has(kind):
        read = _detail_object(kind)
    else:  # pragma: no cover - every type of the format is handled above
        msg = f"no reader for {kind!r}"
        raise TypeError(msg)
    _DETAILS[kind] = read
    return read


_period_object = _detail_object(Period)


def _detail_period(value: object, path: str, report: _Report) -> Any:
    if type(value) is str:
        try:
            return _period_text(value)
        except _Bad as bad:
            report.bad(path, bad)
            return _UNREAD
    if isinstance(value, Mapping):
        return _period_object(value, path, report)
    report.bad(path, _Bad(_PERIOD_MESSAGE, value))
    return _UNREAD


_CHECK_INS = _detail_sequence(_detail(CheckIn))

# Key results are flat: 'type' says which measure, and the measure's fields sit
# beside the key result's own.
_MEASURE_FIELDS = {kind: _fields(cls) for kind, cls in _KR_TYPES.items()}
_KR_OWN = _fields(KeyResult, skip=frozenset({"measure"}))
_KR_COMMON = frozenset(field.name for field in _KR_OWN) | {"type"}
_KR_KEYS = {
    kind: _KR_COMMON | {field.name for field in fields} for kind, fields in _MEASURE_FIELDS.items()
}
_KR_REQUIRED = frozenset(field.name for field in _KR_OWN if field.required) | {"measure"}
# What a key result checks against its measure; left out when the measure is unread.
_KR_ABOUT_MEASURE = ("history", "checkpoints")


def _structure_in_detail(data: object, cls: type[T]) -> T:
    """Read ``data`` as a ``cls``, raising every problem at once."""
    report = _Report()
    result = _detail(cls)(data, "", report)
    report.raise_if_any()
    if result is _UNREAD:  # pragma: no cover - an unread value is always reported
        msg = "a value could not be read"
        raise ValidationError.single("", data, msg)
    return cast(T, result)


# -- writing ---------------------------------------------------------------------


def _history_data(history: History) -> list[Any]:
    # _check_in_data is defined once the converter is built; an empty history needs none.
    return [_check_in_data(item) for item in history.check_ins]


def _key_result_data(kr: KeyResult) -> dict[str, Any]:
    rest = _kr_rest(kr)
    measure = kr.measure
    out: dict[str, Any] = {"id": rest.pop("id"), "title": rest.pop("title")}
    if isinstance(measure, Target):
        out["type"] = "metric"
        out.update(_target_data(measure))
    elif isinstance(measure, Checklist):
        out["type"] = "milestones"
        out["milestones"] = [_milestone_data(m) for m in measure.milestones]
    else:
        out["type"] = "binary"
        if measure.due is not None:
            out["due"] = measure.due.isoformat()
    out.update(rest)
    return out


def _enum_value(member: Enum) -> Any:
    return member.value


def _make_converter() -> cattrs.Converter:
    converter = cattrs.Converter()

    def is_number_union(kind: object) -> bool:
        return _union_args(kind) == _NUMBER_ARGS

    def is_optional_number(kind: object) -> bool:
        return _union_args(kind) == _NUMBER_ARGS | {_NONE}

    def is_baseline(kind: object) -> bool:
        args = _union_args(kind)
        return args is not None and args - {_NONE} == _NUMBER_ARGS | {FirstCheckIn}

    # Dispatching a union by the value's class is slow in cattrs; these need no dispatch.
    converter.register_unstructure_hook_func(is_number_union, _number_data)
    converter.register_unstructure_hook_func(is_optional_number, _number_data)
    converter.register_unstructure_hook_func(is_baseline, _baseline_data)
    converter.register_unstructure_hook(Decimal, _number_data)
    converter.register_unstructure_hook(Fraction, _number_data)
    converter.register_unstructure_hook(date, date.isoformat)
    converter.register_unstructure_hook(datetime, datetime.isoformat)
    converter.register_unstructure_hook(Period, _period_data)
    converter.register_unstructure_hook(History, _history_data)
    converter.register_unstructure_hook(KeyResult, _key_result_data)
    converter.register_unstructure_hook(FirstCheckIn, lambda _: _FIRST_CHECK_IN_TOKEN)
    return converter


_converter = _make_converter()


def _omits_exactly(field: attrs.Attribute[Any]) -> bool:
    """Whether a field's default must match in type too, not only in value, to be left out.

    A weight of ``Decimal("1.0")`` equals the default ``1`` but would come back
    as ``1``; a factory default (an empty history) is built anew for each
    comparison by cattrs, which is slow.
    """
    default = field.default
    return isinstance(default, attrs.Factory) or (  # type: ignore[arg-type]
        isinstance(default, int | float | Decimal | Fraction) and not isinstance(default, bool)
    )


def _unstructure_fn(cls: type, **overrides: Any) -> Callable[[Any], dict[str, Any]]:
    """Write an attrs object, leaving out fields at their default."""
    attrs.resolve_types(cls)
    exact = [
        field
        for field in attrs.fields(cls)
        if field.init and field.name not in overrides
        if _omits_exactly(field)
    ]
    for field in exact:
        overrides[field.name] = override(omit_if_default=False)
    write: Callable[[Any], dict[str, Any]] = make_dict_unstructure_fn(
        cls, _converter, _cattrs_omit_if_default=True, **overrides
    )
    if not exact:
        return write
    plain_defaults = tuple(
        (
            field.name,
            _converter.unstructure(
                field.default.factory()
                if isinstance(field.default, attrs.Factory)  # type: ignore[arg-type]
                else field.default,
                field.type,
            ),
        )
        for field in exact
    )

    order = [field.name for field in attrs.fields(cls) if field.init]

    def write_exactly(obj: Any) -> dict[str, Any]:
        data = write(obj)
        for name, plain in plain_defaults:
            value = data[name]
            if type(value) is type(plain) and value == plain:
                del data[name]
        # cattrs puts fields it always writes first; keep the model's order.
        return {name: data[name] for name in order if name in data}

    return write_exactly


def _enums_of(classes: tuple[type, ...]) -> set[type[Enum]]:
    """Every enum a field of ``classes`` holds, alone or in a union."""
    found: set[type[Enum]] = set()
    for cls in classes:
        attrs.resolve_types(cls)
        for field in attrs.fields(cls):
            for kind in (field.type, *get_args(field.type)):
                if isinstance(kind, type) and issubclass(kind, Enum):
                    found.add(kind)
    return found


def _register_writers() -> None:
    # StrEnums are strs, which cattrs passes through: give each its value.
    for enum_type in _enums_of((*_GENERATED, Period, KeyResult, Plan)):
        _converter.register_unstructure_hook(enum_type, _enum_value)
    for cls in _GENERATED:
        _converter.register_unstructure_hook(cls, _unstructure_fn(cls))
    attrs.resolve_types(Plan)
    _converter.register_unstructure_hook(
        Plan,
        make_dict_unstructure_fn(
            Plan, _converter, _cattrs_omit_if_default=False, _index=override(omit=True)
        ),
    )


_register_writers()

_kr_rest = _unstructure_fn(KeyResult, measure=override(omit=True))
_target_data = _converter.get_unstructure_hook(Target)
_milestone_data = _converter.get_unstructure_hook(Milestone)
_check_in_data = _converter.get_unstructure_hook(CheckIn)
