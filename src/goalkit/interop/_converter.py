"""The cattrs converter behind goalkit.interop.data, and its detailed reader (private).

The converter writes every goalkit object in the plain form and reads it back
with detailed validation: every problem of a document, each with its path
(:func:`_structure_in_detail`). Numbers, days, periods and key results have
hooks of their own; the other attrs classes are read and written by functions
cattrs generates, which leave out a field at its default only when it would
come back equal in type too.
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
from typing import Any, Final, TypeVar, cast, get_args, get_origin

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
from goalkit.exceptions import ValidationError
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
from goalkit.interop._errors import _Bad, _collect
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

T = TypeVar("T")

# Published as goalkit.interop.data.FIRST_CHECK_IN_TOKEN.
_FIRST_CHECK_IN_TOKEN: Final = "first_check_in"


# -- numbers ---------------------------------------------------------------

_DECIMAL = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
_FRACTION = re.compile(r"([+-]?\d+)/(\d+)")


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
        return _FIRST_CHECK_IN_TOKEN
    return None if value is None else _number_data(value)


def _baseline(value: object) -> Number | FirstCheckIn | None:
    if value == _FIRST_CHECK_IN_TOKEN or value is FIRST_CHECK_IN:
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


# -- the detailed reader -----------------------------------------------------


def _structure_in_detail(data: object, cls: type[T]) -> T:
    problems = Problems()
    try:
        return _converter.structure(data, cls)
    except Exception as error:
        _collect(error, "", problems)
    problems.raise_if_any()
    msg = "unreachable"  # pragma: no cover
    raise AssertionError(msg)  # pragma: no cover
