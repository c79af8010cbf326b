"""Plain data and JSON: :func:`to_dict` and :func:`from_dict` for every goalkit object.

The plain form is JSON-ready: only dicts, lists, strings, numbers, booleans and
``None``. :mod:`cattrs` does the mechanical work; goalkit adds the rules below
and gathers every problem of a document into **one**
:class:`~goalkit.exceptions.ValidationError`, each problem with its full path.

>>> from goalkit.examples import example_plan
>>> plan = example_plan()
>>> data = to_dict(plan)
>>> data["schema_version"], data["objectives"][0]["period"]
(1, '2026-Q3')
>>> from_dict(data) == plan
True

Rules of the plain form:

* **Numbers.** ``int`` and ``float`` are JSON numbers. A
  :class:`~decimal.Decimal` is a string written by ``str()``, so ``"1.50"``
  keeps its trailing zero (and ``"1E+3"`` its exponent). A
  :class:`~fractions.Fraction` is the string ``"numerator/denominator"``, always
  with the slash (``"1/3"``, ``"4/1"``). Reading, a JSON integer gives ``int``, a
  JSON number with a point or exponent gives ``float``, a string with ``/``
  gives ``Fraction`` and any other numeric string gives ``Decimal``. So every
  number comes back as the same type and value it left as.
* **Days** are ISO strings (``"2026-09-30"``); ``recorded_at`` timestamps are
  ISO datetimes, with their offset when aware.
* **Enums** are their values (``"increase"``, ``"lower_is_better"``).
* :data:`~goalkit.FIRST_CHECK_IN` is the string ``"first_check_in"``
  (:data:`FIRST_CHECK_IN_TOKEN`) where a baseline goes.
* **Periods** are their text form (``"2026-Q3"``, ``"FY2027"``,
  ``"2026-07-01/2026-07-14"``) when that text reads back as the same period,
  otherwise an object ``{"kind", "start", "end", "fiscal_start_month"}`` (a
  fiscal year starting in April, for example). Both forms are read.
* **Key results** are flat: ``"type"`` is ``"metric"`` (the default when
  absent), ``"milestones"`` or ``"binary"``; a metric carries its target's
  fields (``direction``, ``baseline``, ``target``, ``stretch``, ``low``,
  ``high``, ``change``) beside its own, so a bad target is reported at
  ``objectives[3].key_results[1].target``.
* Fields equal to their default are left out; unknown fields are refused.
* A whole plan carries ``"schema_version"`` (:data:`SCHEMA_VERSION`). Older
  documents pass through :data:`MIGRATIONS` first; a document without the
  field is read as the current version.
"""

from __future__ import annotations

import functools
import json
import math
import re
import types
from collections.abc import Callable, Mapping
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from enum import Enum
from fractions import Fraction
from typing import Any, Final, TypeAlias, TypeVar, cast, get_args, get_origin, overload

import attrs
import cattrs
from cattrs.errors import (
    AttributeValidationNote,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from goalkit._numbers import Number
from goalkit._validation import Problems
from goalkit.exceptions import ValidationError, join_path
from goalkit.goals import (
    KPI,
    Aggregation,
    Commitment,
    Horizon,
    Initiative,
    InitiativeStatus,
    KeyResult,
    Objective,
    Origin,
    Perspective,
    Polarity,
    Theme,
    ThemeKind,
)
from goalkit.measures import (
    FIRST_CHECK_IN,
    Binary,
    Change,
    CheckIn,
    Checklist,
    Checkpoint,
    Direction,
    FirstCheckIn,
    History,
    Milestone,
    Target,
    Threshold,
)
from goalkit.periods import Cadence, Frequency, Period, PeriodKind
from goalkit.plan import Link, LinkKind, Plan

__all__ = [
    "FIRST_CHECK_IN_TOKEN",
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "Migration",
    "format_number",
    "from_dict",
    "from_json",
    "parse_number",
    "to_dict",
    "to_json",
]

T = TypeVar("T")

SCHEMA_VERSION: Final = 1
"""The version of the plan format that :func:`to_dict` writes."""

FIRST_CHECK_IN_TOKEN: Final = "first_check_in"
"""How :data:`~goalkit.FIRST_CHECK_IN` is written in plain data."""

Migration: TypeAlias = Callable[[dict[str, Any]], dict[str, Any]]
"""Turns a plan document of version *n* into one of version *n + 1*."""

MIGRATIONS: Mapping[int, Migration] = types.MappingProxyType({})
"""goalkit's own migrations, by the version they upgrade *from*.

Version 1 is the first format, so there is nothing to migrate yet. Pass your
own to :func:`from_dict` (``migrations={0: upgrade_my_legacy_export}``) to
read documents your system wrote before it stored goalkit's format.
"""

_DECIMAL = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
_FRACTION = re.compile(r"([+-]?\d+)/(\d+)")


class _Bad(Exception):  # noqa: N818 - private signal, never escapes this module
    """A value refused while structuring; the walker adds the field name and path."""

    def __init__(self, message: str, value: object, *, says_got: bool = False) -> None:
        super().__init__(message)
        self.message = message
        self.value = value
        self.says_got = says_got  # the message already shows the value


# -- numbers ---------------------------------------------------------------


def format_number(value: Number) -> int | float | str:
    """Write a number the way the plain form does.

    >>> format_number(Decimal("1.50")), format_number(Fraction(1, 3)), format_number(2)
    ('1.50', '1/3', 2)
    >>> format_number(Fraction(4))
    '4/1'
    """
    if type(value) is int or type(value) is float:  # the usual case, no isinstance() on ABCs
        return value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, Fraction):
        return f"{value.numerator}/{value.denominator}"
    return value


def parse_number(value: object) -> Number:
    """Read a number of the plain form; the inverse of :func:`format_number`.

    Raises:
        ValidationError: for anything that is not a finite number of the plain form.

    >>> parse_number("1.50"), parse_number("1/3"), parse_number(2.5)
    (Decimal('1.50'), Fraction(1, 3), 2.5)
    >>> parse_number("ten")
    Traceback (most recent call last):
    ...
    goalkit.exceptions.ValidationError: number: 'number' must be a number (got 'ten')
    """
    try:
        return _number(value)
    except _Bad as bad:
        raise ValidationError.single(
            "number", value, f"'number' {bad.message} (got {value!r})"
        ) from None


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
    if isinstance(value, str):
        return _number_text(value)
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal | Fraction):
        raise _Bad("must be a number", value)
    if isinstance(value, float | Decimal) and not _finite(value):
        raise _Bad("must be a finite number", value)
    return value


def _finite(value: float | Decimal) -> bool:
    return value.is_finite() if isinstance(value, Decimal) else math.isfinite(value)


@functools.lru_cache(maxsize=4096)
def _number_text(text: str) -> Number:
    if _DECIMAL.fullmatch(text):
        try:
            return Decimal(text)
        except InvalidOperation:  # pragma: no cover - the pattern admits only valid text
            pass
    match = _FRACTION.fullmatch(text)
    if match is not None:
        if int(match.group(2)) == 0:
            raise _Bad("must not have a zero denominator", text)
        return Fraction(int(match.group(1)), int(match.group(2)))
    raise _Bad("must be a number", text)


def _number_hook(value: object, _: object) -> Number:
    return _number(value)


def _optional_number(value: object) -> Number | None:
    return None if value is None else _number(value)


def _baseline_data(value: Number | FirstCheckIn | None) -> int | float | str | None:
    if value is FIRST_CHECK_IN:
        return FIRST_CHECK_IN_TOKEN
    return None if value is None else format_number(value)


def _baseline(value: object) -> Number | FirstCheckIn | None:
    if value == FIRST_CHECK_IN_TOKEN or value is FIRST_CHECK_IN:
        return FIRST_CHECK_IN
    return _optional_number(value)


# -- the converter -----------------------------------------------------------

_NUMBER_ARGS = frozenset({int, Decimal, Fraction, float})
_NONE = type(None)


def _union_args(kind: object) -> frozenset[object] | None:
    if isinstance(kind, types.UnionType):
        return frozenset(get_args(kind))
    return None


def _strict(kind: type, word: str) -> Callable[[object, object], Any]:
    def structure(value: object, _: object) -> Any:
        if type(value) is kind:
            return value
        raise _Bad(f"must be {word}", value)

    return structure


def _text(value: object, kind: Any) -> Any:
    # StrEnum classes are str subclasses, so they reach this hook too.
    if kind is not str and isinstance(kind, type) and issubclass(kind, Enum):
        return _enum(value, kind)
    if type(value) is str:
        return value
    raise _Bad("must be a string", value)


def _optional_text(value: object, _: object) -> str | None:
    if value is None or type(value) is str:
        return value
    raise _Bad("must be a string", value)


def _enum(value: object, kind: type[Enum]) -> Enum:
    try:
        return kind(value)
    except ValueError:
        allowed = ", ".join(repr(member.value) for member in kind)
        raise _Bad(f"must be one of {allowed}", value) from None


def _optional_enum(value: object, kind: object) -> Enum | None:
    if value is None:
        return None
    members = [arg for arg in get_args(kind) if arg is not _NONE]
    return _enum(value, members[0])


@functools.lru_cache(maxsize=1024)
def _day_text(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise _Bad("must be a day in ISO form such as '2026-09-30'", text) from None


def _day(value: object, _: object = None) -> date:
    if type(value) is str:
        return _day_text(value)
    raise _Bad("must be a day in ISO form such as '2026-09-30'", value)


def _optional_day(value: object, _: object) -> date | None:
    return None if value is None else _day(value)


def _moment(value: object, _: object) -> datetime | None:
    if value is None:
        return None
    if type(value) is str:
        try:
            return datetime.fromisoformat(value)
        except ValueError:
            pass
    raise _Bad("must be a date and time in ISO form such as '2026-09-30T17:00:00+02:00'", value)


@functools.lru_cache(maxsize=1024)
def _period_text(text: str) -> Period:
    try:
        return Period.parse(text)
    except ValidationError as error:
        raise _Bad(error.message.removeprefix("'period' "), text, says_got=True) from None


@functools.lru_cache(maxsize=1024)
def _period_data(period: Period) -> str | dict[str, Any]:
    text = period.format()
    try:
        if Period.parse(text) == period:
            return text
    except ValidationError:  # pragma: no cover - format() always parses
        pass
    return {
        "kind": period.kind.value,
        "start": period.start.isoformat(),
        "end": period.end.isoformat(),
        "fiscal_start_month": period.fiscal_start_month,
    }


def _period(value: object, _: object) -> Period:
    if type(value) is str:
        return _period_text(value)
    if not isinstance(value, Mapping):
        raise _Bad(
            "must be a period such as '2026-Q3', or an object with kind, start and end", value
        )
    return _converter.structure(value, _PeriodFields).build()


@attrs.frozen(kw_only=True)
class _PeriodFields:
    kind: PeriodKind
    start: date
    end: date
    fiscal_start_month: int = 1

    def build(self) -> Period:
        return Period(
            kind=self.kind,
            start=self.start,
            end=self.end,
            fiscal_start_month=self.fiscal_start_month,
        )


def _sequence(value: object, kind: Any) -> tuple[Any, ...]:
    if not isinstance(value, list | tuple):
        raise _Bad("must be a list", value)
    item_type = get_args(kind)[0]
    hook = _converter.get_structure_hook(item_type)
    items: list[Any] = []
    errors: list[Exception] = []
    for index, item in enumerate(value):
        try:
            items.append(hook(item, item_type))
        except Exception as error:
            error.__notes__ = [
                *getattr(error, "__notes__", ()),
                IterableValidationNote(f"index {index}", index, item_type),
            ]
            errors.append(error)
    if errors:
        raise IterableValidationError("while reading a list", errors, kind)
    return tuple(items)


def _history(value: object, _: object) -> History:
    check_ins = _sequence(value, tuple[CheckIn, ...])
    return History(check_ins)


def _history_data(history: History) -> list[Any]:
    # _check_in_data is defined once the converter is built; an empty history needs none.
    return [_check_in_data(item) for item in history.check_ins]


_TARGET_FIELDS = ("direction", "baseline", "target", "stretch", "low", "high", "change")
_KR_COMMON = frozenset(
    {field.name for field in attrs.fields(KeyResult) if field.init and field.name != "measure"}
    | {"type"}
)
_KR_KEYS = {
    "metric": _KR_COMMON | frozenset(_TARGET_FIELDS),
    "milestones": _KR_COMMON | {"milestones"},
    "binary": _KR_COMMON | {"due"},
}
_KR_TYPES = {"metric": Target, "milestones": Checklist, "binary": Binary}


def _note(error: Exception, name: str, kind: object) -> Exception:
    error.__notes__ = [
        *getattr(error, "__notes__", ()),
        AttributeValidationNote(f"attribute {name}", name, kind),
    ]
    return error


def _key_result(value: object, _: object) -> KeyResult:
    if type(value) is not dict and not isinstance(value, Mapping):
        raise _Bad("must be an object", value)
    kind = value.get("type", "metric")
    if type(kind) is not str or kind not in _KR_KEYS:
        bad = _Bad("must be 'metric', 'milestones' or 'binary'", kind)
        raise ClassValidationError(
            "while reading a key result", [_note(bad, "type", str)], KeyResult
        )
    data = value
    errors: list[Exception] = []
    extra = set(data) - _KR_KEYS[kind]
    if extra:
        errors.append(ForbiddenExtraKeysError("", KeyResult, {str(key) for key in extra}))
    fields: dict[str, Any] = {}
    errors.extend(_note(KeyError(name), name, str) for name in ("id", "title") if name not in data)
    for name, structure, field_type in _KR_HOOKS:
        if name in data:
            try:
                fields[name] = structure(data[name], field_type)
            except Exception as error:
                errors.append(_note(error, name, object))
    measure: Target | Checklist | Binary | None = None
    try:
        if kind == "metric":
            measure = _converter.structure(
                {name: data[name] for name in _TARGET_FIELDS if name in data}, Target
            )
        elif kind == "milestones":
            if "milestones" not in data:
                errors.append(_note(KeyError("milestones"), "milestones", object))
            else:
                try:
                    items = _sequence(data["milestones"], tuple[Milestone, ...])
                except Exception as error:
                    errors.append(_note(error, "milestones", object))
                else:
                    measure = Checklist(milestones=items)
        else:
            measure = Binary(due=_optional_day(data.get("due"), None))
    except ValidationError as error:
        # Checklist/Binary paths are relative to the measure, which is flat here.
        errors.append(error)
    except Exception as error:
        if isinstance(error, _Bad) and kind == "binary":
            errors.append(_note(error, "due", object))
        else:
            errors.append(error)
    if errors:
        raise ClassValidationError("while reading a key result", errors, KeyResult)
    try:
        return KeyResult(measure=measure, **fields)  # type: ignore[arg-type]
    except Exception as error:
        raise ClassValidationError("while reading a key result", [error], KeyResult) from None


_KR_HOOKS: tuple[tuple[str, Callable[[Any, Any], Any], Any], ...] = ()


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


_ENUMS: tuple[type[Enum], ...] = (
    Aggregation,
    Commitment,
    Direction,
    Frequency,
    Horizon,
    InitiativeStatus,
    LinkKind,
    Origin,
    PeriodKind,
    Perspective,
    Polarity,
    ThemeKind,
)


def _enum_value(member: Enum) -> Any:
    return member.value


def _make_converter() -> cattrs.Converter:
    converter = cattrs.Converter(detailed_validation=True, forbid_extra_keys=True)

    def is_number_union(kind: object) -> bool:
        args = _union_args(kind)
        return args == _NUMBER_ARGS

    def is_optional_number(kind: object) -> bool:
        args = _union_args(kind)
        return args is not None and args == _NUMBER_ARGS | {_NONE}

    def is_baseline(kind: object) -> bool:
        args = _union_args(kind)
        return args is not None and args - {_NONE} == _NUMBER_ARGS | {FirstCheckIn}

    def is_optional_enum(kind: object) -> bool:
        args = _union_args(kind)
        if args is None or _NONE not in args or len(args) != 2:
            return False
        (other,) = args - {_NONE}
        return isinstance(other, type) and issubclass(other, Enum)

    def is_tuple(kind: object) -> bool:
        return get_origin(kind) is tuple

    converter.register_structure_hook_func(is_baseline, lambda v, _: _baseline(v))
    converter.register_structure_hook_func(is_optional_number, lambda v, _: _optional_number(v))
    converter.register_structure_hook_func(is_number_union, _number_hook)
    converter.register_structure_hook_func(is_optional_enum, _optional_enum)
    converter.register_structure_hook_func(is_tuple, _sequence)
    converter.register_structure_hook_func(
        lambda t: isinstance(t, type) and issubclass(t, Enum), _enum
    )
    converter.register_structure_hook(str, _text)
    converter.register_structure_hook(str | None, _optional_text)
    converter.register_structure_hook(bool, _strict(bool, "true or false"))
    converter.register_structure_hook(int, _strict(int, "a whole number"))
    converter.register_structure_hook(date, _day)
    converter.register_structure_hook(date | None, _optional_day)
    converter.register_structure_hook(datetime | None, _moment)
    converter.register_structure_hook(Period, _period)
    converter.register_structure_hook(History, _history)
    converter.register_structure_hook(KeyResult, _key_result)

    # Dispatching a union by the value's class is slow in cattrs; these need no dispatch.
    converter.register_unstructure_hook_func(is_number_union, format_number)
    converter.register_unstructure_hook_func(is_optional_number, format_number)
    converter.register_unstructure_hook_func(is_baseline, _baseline_data)
    converter.register_unstructure_hook(Decimal, format_number)
    converter.register_unstructure_hook(Fraction, format_number)
    converter.register_unstructure_hook(date, date.isoformat)
    converter.register_unstructure_hook(datetime, datetime.isoformat)
    converter.register_unstructure_hook(Period, _period_data)
    converter.register_unstructure_hook(History, _history_data)
    converter.register_unstructure_hook(KeyResult, _key_result_data)
    converter.register_unstructure_hook(FirstCheckIn, lambda _: FIRST_CHECK_IN_TOKEN)
    # StrEnums are strs, which cattrs passes through: give each its value.
    for enum_type in _ENUMS:
        converter.register_unstructure_hook(enum_type, _enum_value)
    return converter


_converter = _make_converter()

# attrs classes read and written by generated functions: each refuses unknown
# keys, leaves out defaults when written, and is guarded against non-objects.
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
    KPI,
    Theme,
    Link,
    Cadence,
    Threshold,
    _PeriodFields,
)


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


def _register_generated() -> None:
    for cls in _GENERATED:
        attrs.resolve_types(cls)
        generated: Callable[[Any, Any], Any] = make_dict_structure_fn(
            cls, _converter, _cattrs_forbid_extra_keys=True
        )

        def guarded(value: object, kind: Any, _generated: Any = generated) -> Any:
            if type(value) is not dict and not isinstance(value, Mapping):
                raise _Bad("must be an object", value)
            return _generated(value, kind)

        _converter.register_structure_hook(cls, guarded)
        _converter.register_unstructure_hook(cls, _unstructure_fn(cls))
    attrs.resolve_types(KeyResult)
    attrs.resolve_types(Plan)
    plan_structure = make_dict_structure_fn(Plan, _converter, _cattrs_forbid_extra_keys=True)

    def plan(value: object, kind: Any) -> Plan:
        if not isinstance(value, Mapping):
            raise _Bad("must be an object", value)
        return plan_structure(value, kind)

    _converter.register_structure_hook(Plan, plan)
    _converter.register_unstructure_hook(
        Plan,
        make_dict_unstructure_fn(
            Plan, _converter, _cattrs_omit_if_default=False, _index=override(omit=True)
        ),
    )


_register_generated()

_kr_rest = _unstructure_fn(KeyResult, measure=override(omit=True))
_target_data = _converter.get_unstructure_hook(Target)
_milestone_data = _converter.get_unstructure_hook(Milestone)
_check_in_data = _converter.get_unstructure_hook(CheckIn)
_KR_HOOKS = tuple(
    (field.name, _converter.get_structure_hook(field.type), field.type)
    for field in attrs.fields(KeyResult)
    if field.name not in {"measure"}
)


# -- the fast path ------------------------------------------------------------
#
# Nearly every document a program loads is valid, and cattrs' detailed
# validation (an error tree built up field by field) costs as much as the
# domain's own checks. So documents are first read by the plain readers below,
# which stop at the first thing they do not expect; only then is the document
# read again by the converter above, which reports every problem with its path.
# Each reader accepts a subset of what the matching converter hook accepts and
# returns the same value for it, so both paths build equal objects (a property
# test holds them to that); the domain constructors run on both.

_Reader: TypeAlias = Callable[[Any], Any]


class _Unusual(Exception):  # noqa: N818 - private signal, never escapes this module
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
    return _period(value, Period)


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
                    value=number if type(number) is int else _number_text(number),
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
    datetime | None: lambda value: _moment(value, None),
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
    else:
        hook = _converter.get_structure_hook(kind)

        def read(value: Any) -> Any:
            return hook(value, kind)

    _READERS[kind] = read
    return read


_read_check_in_in_full = _reader(CheckIn)
_READERS[CheckIn] = _read_check_in
_KR_READERS = {kind: _key_result_readers(kind) for kind in _KR_TYPES}
_reader(Plan)


# -- errors -----------------------------------------------------------------


def _tail(path: str) -> str:
    return path.rsplit(".", 1)[-1] or "value"


def _collect(error: BaseException, path: str, problems: Problems) -> None:
    """Turn cattrs' tree of errors into problems with plan paths, iteratively."""
    stack: list[tuple[BaseException, str]] = [(error, path)]
    while stack:
        current, where = stack.pop()
        if isinstance(current, ValidationError):
            problems.extend(current, where)
        elif isinstance(current, ForbiddenExtraKeysError):
            for key in sorted(current.extra_fields):
                problems.add(
                    join_path(where, key), key, f"unknown field {key!r} (check its spelling)"
                )
        elif isinstance(current, BaseExceptionGroup):
            children = []
            for child in current.exceptions:
                child_path = where
                for note in getattr(child, "__notes__", ()):
                    if isinstance(note, IterableValidationNote):
                        child_path = join_path(where, f"[{note.index}]")
                    elif isinstance(note, AttributeValidationNote):
                        child_path = join_path(where, note.name)
                children.append((child, child_path))
            stack.extend(reversed(children))
        elif isinstance(current, _Bad):
            got = "" if current.says_got else f" (got {current.value!r})"
            problems.add(where, current.value, f"'{_tail(where)}' {current.message}{got}")
        elif isinstance(current, KeyError):
            problems.add(where, None, f"'{_tail(where)}' is required")
        else:
            problems.add(where, None, f"'{_tail(where)}' could not be read: {current}")


def _structure(data: object, cls: type[T]) -> T:
    try:
        return cast(T, _reader(cls)(data))
    except Exception:  # read again below, reporting every problem with its path
        pass
    return _structure_in_detail(data, cls)


def _structure_in_detail(data: object, cls: type[T]) -> T:
    problems = Problems()
    try:
        return _converter.structure(data, cls)
    except Exception as error:
        _collect(error, "", problems)
    problems.raise_if_any()
    msg = "unreachable"  # pragma: no cover
    raise AssertionError(msg)  # pragma: no cover


# -- public API ---------------------------------------------------------------


def to_dict(obj: object) -> Any:
    """The plain, JSON-ready form of a goalkit object.

    A :class:`~goalkit.Plan` becomes a dict starting with ``schema_version``;
    other objects become dicts too, except a :class:`~goalkit.Period` (its text
    form) and a :class:`~goalkit.History` (a list of check-ins).

    >>> from goalkit import Target
    >>> to_dict(Target.increase(from_=Decimal("1.50"), to=Fraction(7, 3)))
    {'direction': 'increase', 'baseline': '1.50', 'target': '7/3'}
    """
    if isinstance(obj, Plan):
        return {"schema_version": SCHEMA_VERSION, **_converter.unstructure(obj, Plan)}
    return _converter.unstructure(obj)


@overload
def from_dict(data: object) -> Plan: ...
@overload
def from_dict(data: object, cls: type[T], *, migrations: Mapping[int, Migration] = ...) -> T: ...
def from_dict(
    data: object,
    cls: type[Any] = Plan,
    *,
    migrations: Mapping[int, Migration] = MIGRATIONS,
) -> Any:
    """Build a goalkit object (a plan by default) from its plain form.

    Every problem in the document is reported at once, each with its path.

    Args:
        data: The plain data, as :func:`to_dict` writes it or as parsed JSON.
        cls: What to build: :class:`~goalkit.Plan` or any goalkit value type.
        migrations: For plans, upgrades from older ``schema_version`` values,
            keyed by the version they upgrade from; goalkit's own
            :data:`MIGRATIONS` are always applied too.

    Raises:
        ValidationError: listing every problem with its path.

    >>> bad = {"objectives": [{"id": "o1", "title": "Grow", "owner": "acme",
    ...     "level": "company", "period": "2026-Q3", "key_results": [
    ...         {"id": "kr1", "title": "Revenue", "direction": "increase",
    ...          "baseline": 10, "target": "ten"}]}]}
    >>> try:
    ...     from_dict(bad)
    ... except ValidationError as error:
    ...     print(error)
    objectives[0].key_results[0].target: 'target' must be a number (got 'ten')
    """
    if cls is Plan:
        data = _migrate(data, {**migrations, **MIGRATIONS})
    return _structure(data, cls)


def _migrate(data: object, migrations: Mapping[int, Migration]) -> object:
    if not isinstance(data, Mapping):
        raise ValidationError.single("", data, f"a plan must be an object (got {data!r})")
    version = data.get("schema_version", SCHEMA_VERSION)
    if type(version) is not int:
        raise ValidationError.single(
            "schema_version",
            version,
            f"'schema_version' must be a whole number (got {version!r})",
        )
    document = dict(data)
    while version < SCHEMA_VERSION:
        step = migrations.get(version)
        if step is None:
            raise ValidationError.single(
                "schema_version",
                version,
                f"no migration from schema version {version} (this goalkit reads "
                f"{SCHEMA_VERSION}; pass migrations={{{version}: ...}})",
            )
        document = step(document)
        version += 1
        document["schema_version"] = version
    if version > SCHEMA_VERSION:
        raise ValidationError.single(
            "schema_version",
            version,
            f"'schema_version' {version} is newer than this goalkit reads "
            f"({SCHEMA_VERSION}); upgrade goalkit",
        )
    document.pop("schema_version", None)
    return document


def to_json(obj: object, *, indent: int | None = 2) -> str:
    """:func:`to_dict`, written as JSON text.

    >>> from goalkit import Period
    >>> to_json(Period.quarter(2026, 3))
    '"2026-Q3"'
    """
    return json.dumps(to_dict(obj), indent=indent, ensure_ascii=False)


def from_json(
    text: str | bytes,
    cls: type[Any] = Plan,
    *,
    migrations: Mapping[int, Migration] = MIGRATIONS,
) -> Any:
    """:func:`from_dict` of JSON text; text that is not JSON is a ValidationError too.

    >>> from_json('{"objectives": [], "name": 7}')
    Traceback (most recent call last):
    ...
    goalkit.exceptions.ValidationError: name: 'name' must be a string (got 7)
    >>> from_json("{oops").message
    Traceback (most recent call last):
    ...
    goalkit.exceptions.ValidationError: not valid JSON: Expecting property name ...
    """
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as error:
        raise ValidationError.single("", text, f"not valid JSON: {error}") from None
    return from_dict(data, cls, migrations=migrations)
