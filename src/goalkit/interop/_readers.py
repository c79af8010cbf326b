"""The fast path of goalkit.interop.data: plain readers for valid documents (private).

Nearly every document a program loads is valid, and reading it field by field
with every problem's path (the detailed reader of
:mod:`goalkit.interop._converter`) costs as much as the domain's own checks.
So documents are first read by the plain readers here, which stop at the first
thing they do not expect; only then is the document read again by the detailed
reader, which reports every problem with its path. Each reader accepts a subset
of what the detailed reader accepts and returns the same value for it (the
text of numbers, days and periods is read by the very same functions, so the
admission limit and the forms of text are one rule), and both paths build
equal objects (a property test holds them to that); the domain constructors
run on both.

The readers run once per value of a document: what they call is imported by
name, never looked up as an attribute of another module inside a loop.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from enum import Enum
from typing import Any, TypeAlias, cast, get_args, get_origin

import attrs

from goalkit._numbers import Number
from goalkit.goals import KeyResult
from goalkit.interop._converter import (
    _KR_TYPES,
    _NONE,
    _NUMBER_ARGS,
    _baseline,
    _day_text,
    _moment,
    _number_text,
    _period_text,
    _union_args,
)
from goalkit.measures import CheckIn, FirstCheckIn, History
from goalkit.periods import Period
from goalkit.plan import Plan

_Reader: TypeAlias = Callable[[Any], Any]


class _Unusual(Exception):  # noqa: N818 - private signal, never escapes goalkit.interop
    """The fast path met something it does not read; the detailed path takes over."""


def _read_str(value: Any) -> str:
    if type(value) is str:
        return value
    raise _Unusual


def _read_optional_str(value: Any) -> str | None:
    if value is None or type(value) is str:
        return value
    raise _Unusual


def _read_bool(value: Any) -> bool:
    if type(value) is bool:
        return value
    raise _Unusual


def _read_int(value: Any) -> int:
    if type(value) is int:
        return value
    raise _Unusual


def _read_number(value: Any) -> Number:
    kind = type(value)
    if kind is int:
        return value  # type: ignore[no-any-return]
    if kind is str:
        return _number_text(value)
    if kind is float and value - value == 0:  # finite: inf - inf and nan - nan are nan
        return value  # type: ignore[no-any-return]
    raise _Unusual


def _read_optional_number(value: Any) -> Number | None:
    return None if value is None else _read_number(value)


def _read_day(value: Any) -> date:
    if type(value) is str:
        return _day_text(value)
    raise _Unusual


def _read_optional_day(value: Any) -> date | None:
    return None if value is None else _read_day(value)


def _read_period(value: Any) -> Period:
    if type(value) is str:
        return _period_text(value)
    return _read_period_object(value)  # type: ignore[no-any-return]


def _enum_reader(kind: type[Enum], *, optional: bool) -> _Reader:
    members: dict[object, Enum] = {member.value: member for member in kind}
    if optional:
        members[None] = cast(Enum, None)

    def read(value: Any) -> Any:
        member = members.get(value, _MISSING)
        if member is _MISSING:
            raise _Unusual
        return member

    return read


_MISSING: Any = object()


def _sequence_reader(item: _Reader) -> _Reader:
    def read(value: Any) -> tuple[Any, ...]:
        if type(value) is not list and type(value) is not tuple:
            raise _Unusual
        return tuple([item(entry) for entry in value])

    return read


def _object_reader(cls: type) -> _Reader:
    attrs.resolve_types(cls)
    readers = {field.name: _reader(field.type) for field in attrs.fields(cls) if field.init}

    def read(value: Any) -> Any:
        if type(value) is not dict:
            raise _Unusual
        # An unknown key is a KeyError here, a missing one a TypeError in cls().
        return cls(**{key: readers[key](item) for key, item in value.items()})

    return read


def _optional(read: _Reader) -> _Reader:
    def read_optional(value: Any) -> Any:
        return None if value is None else read(value)

    return read_optional


def _read_check_in(value: Any) -> CheckIn:
    # The hottest reader (a plan has several check-ins per goal), so the usual
    # {day, value[, confidence]} is read inline; the rest by the generic reader.
    if type(value) is dict:
        size = len(value)
        if size == 2 or (size == 3 and "confidence" in value):
            day = value["day"]
            number = value["value"]
            confidence = value.get("confidence")
            if type(day) is str and (type(number) is int or type(number) is str):
                return CheckIn(
                    day=_day_text(day),
                    value=number if type(number) is int else _number_text(cast(str, number)),
                    confidence=None if confidence is None else _read_number(confidence),
                )
    return _read_check_in_in_full(value)  # type: ignore[no-any-return]


def _read_history(value: Any) -> History:
    if type(value) is not list and type(value) is not tuple:
        raise _Unusual
    return History(tuple([_read_check_in(item) for item in value]))


def _key_result_readers(kind: str) -> dict[str, tuple[int, _Reader]]:
    """Key -> (0 for the key result, 1 for its measure, 2 to skip; reader)."""
    own = {
        field.name: (0, _reader(field.type))
        for field in attrs.fields(KeyResult)
        if field.init and field.name != "measure"
    }
    measure_cls = _KR_TYPES[kind]
    attrs.resolve_types(measure_cls)
    measure = {
        field.name: (1, _reader(field.type)) for field in attrs.fields(measure_cls) if field.init
    }
    return {**own, **measure, "type": (2, _read_str)}


def _read_key_result(value: Any) -> KeyResult:
    if type(value) is not dict:
        raise _Unusual
    kind = value.get("type", "metric")
    readers = _KR_READERS[kind]
    parts: tuple[dict[str, Any], ...] = ({}, {}, {})
    for key, item in value.items():
        part, read = readers[key]
        parts[part][key] = read(item)
    return KeyResult(measure=_KR_TYPES[kind](**parts[1]), **parts[0])


_READERS: dict[object, _Reader] = {
    str: _read_str,
    str | None: _read_optional_str,
    bool: _read_bool,
    int: _read_int,
    date: _read_day,
    date | None: _read_optional_day,
    datetime | None: _moment,
    Period: _read_period,
    History: _read_history,
    KeyResult: _read_key_result,
}


def _reader(kind: Any) -> _Reader:
    """The fast reader of values of type ``kind`` (built once per type)."""
    found = _READERS.get(kind)
    if found is not None:
        return found
    args = _union_args(kind)
    optional = args is not None and _NONE in args
    others = None if args is None else args - {_NONE}
    read: _Reader
    if others == _NUMBER_ARGS:
        read = _read_optional_number if optional else _read_number
    elif others == _NUMBER_ARGS | {FirstCheckIn}:
        read = _baseline
    elif others is not None and len(others) == 1:
        (single,) = others
        if isinstance(single, type) and issubclass(single, Enum):
            read = _enum_reader(single, optional=True)
        else:
            read = _optional(_reader(single))
    elif isinstance(kind, type) and issubclass(kind, Enum):
        read = _enum_reader(kind, optional=False)
    elif get_origin(kind) is tuple:
        read = _sequence_reader(_reader(get_args(kind)[0]))
    elif isinstance(kind, type) and attrs.has(kind):
        read = _object_reader(kind)
    else:  # pragma: no cover - every type of the format is handled above
        msg = f"no reader for {kind!r}"
        raise TypeError(msg)
    _READERS[kind] = read
    return read


_read_period_object = _object_reader(Period)
_read_check_in_in_full = _reader(CheckIn)
_READERS[CheckIn] = _read_check_in
_KR_READERS = {kind: _key_result_readers(kind) for kind in _KR_TYPES}
_reader(Plan)
