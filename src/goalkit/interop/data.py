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

Rules of the plain form (the JSON Schema of :mod:`goalkit.interop.schema` says
the same, field by field):

* **Numbers.** ``int`` and ``float`` are JSON numbers. A
  :class:`~decimal.Decimal` is a string written by ``str()``, so ``"1.50"``
  keeps its trailing zero (and ``"1E+3"`` its exponent). A
  :class:`~fractions.Fraction` is the string ``"numerator/denominator"``, always
  with the slash (``"1/3"``, ``"4/1"``). Reading, a JSON integer gives ``int``, a
  JSON number with a point or exponent gives ``float``, a string with ``/``
  gives ``Fraction`` and any other numeric string gives ``Decimal``. So every
  number comes back as the same type and value it left as. Digits are ASCII
  ``0``-``9``; no spaces, underscores, ``NaN`` or ``Infinity``. Numbers past
  goalkit's admission limit (1,000 digits before and after the point) are
  refused, judged on the text before converting it.
* **Whole numbers** (``schema_version``, ``fiscal_start_month``) are JSON
  integers; ``4.0`` is the same JSON number as ``4`` and reads as ``4``.
* **Days** are ISO strings ``"YYYY-MM-DD"`` naming a day of the calendar
  (``"2026-09-30"``; not ``"20260930"`` nor ``"2026-W40-3"``); ``recorded_at``
  timestamps are ``"YYYY-MM-DDTHH:MM:SS"`` with up to six decimals of a second
  and an optional offset (``"Z"``, ``"+02:00"``).
* **Enums** are their values (``"increase"``, ``"lower_is_better"``).
* :data:`~goalkit.FIRST_CHECK_IN` is the string ``"first_check_in"``
  (:data:`FIRST_CHECK_IN_TOKEN`) where a baseline goes.
* **Periods** are their text form (``"2026-Q3"``, ``"FY2027"``, a fiscal year
  starting in April ``"FY2027@04"``, ``"2026-07-01/2026-07-14"``), letters in
  either case and nothing around it. An object ``{"kind", "start", "end",
  "fiscal_start_month"}`` is read too.
* **Key results** are flat: ``"type"`` is ``"metric"`` (the default when
  absent), ``"milestones"`` or ``"binary"``; a metric carries its target's
  fields (``direction``, ``baseline``, ``target``, ``stretch``, ``low``,
  ``high``, ``change``) beside its own, so a bad target is reported at
  ``objectives[3].key_results[1].target``.
* Fields equal to their default are left out; unknown fields are refused.
* A whole plan carries ``"schema_version"`` (:data:`SCHEMA_VERSION`). Older
  documents pass through :data:`MIGRATIONS` first; a document without the
  field is read as the current version.

Reading reports every problem of a document at once: a field that cannot be
read does not keep the rest of its object from being checked (an objective
with an empty title and an unknown period reports both). Checks that need
every goal of the plan (links to goals that exist, cycles) run once every goal
reads. Only :class:`~goalkit.exceptions.ValidationError` escapes from
:func:`from_dict` and :func:`from_json`, whatever the input: deeply nested,
huge or hostile values are shown cut short in messages.
"""

from __future__ import annotations

import json
import types
from collections.abc import Callable, Mapping
from decimal import Decimal  # noqa: F401 - the doctests below use it
from fractions import Fraction  # noqa: F401 - the doctests below use it
from typing import Any, Final, TypeAlias, TypeVar, cast, overload

from goalkit._numbers import Number, number_problem
from goalkit._show import show
from goalkit.exceptions import ValidationError
from goalkit.interop._converter import (
    _FIRST_CHECK_IN_TOKEN,
    _converter,
    _json_int,
    _number,
    _number_data,
    _structure_in_detail,
)
from goalkit.interop._errors import _Bad
from goalkit.interop._readers import _reader
from goalkit.plan import Plan

__all__ = [
    "FIRST_CHECK_IN_TOKEN",
    "JSON_NESTING",
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

FIRST_CHECK_IN_TOKEN: Final = _FIRST_CHECK_IN_TOKEN
"""How :data:`~goalkit.FIRST_CHECK_IN` is written in plain data."""

Migration: TypeAlias = Callable[[dict[str, Any]], dict[str, Any]]
"""Turns a plan document of version *n* into one of version *n + 1*."""

MIGRATIONS: Mapping[int, Migration] = types.MappingProxyType({})
"""goalkit's own migrations, by the version they upgrade *from*.

Version 1 is the first format, so there is nothing to migrate yet. Pass your
own to :func:`from_dict` (``migrations={0: upgrade_my_legacy_export}``) to
read documents your system wrote before it stored goalkit's format.
"""


def format_number(value: Number) -> int | float | str:
    """Write a number the way the plain form does.

    >>> format_number(Decimal("1.50")), format_number(Fraction(1, 3)), format_number(2)
    ('1.50', '1/3', 2)
    >>> format_number(Fraction(4))
    '4/1'
    """
    return _number_data(value)


def parse_number(value: object) -> Number:
    """Read a number of the plain form; the inverse of :func:`format_number`.

    Numbers past goalkit's admission limit (1,000 digits before and after the
    point) are refused too, judged on the text before it is converted, so a
    hostile ``"1E+10000000"`` or a fraction of a million digits costs nothing.

    Raises:
        ValidationError: for anything that is not a finite number of the plain
            form within the limit.

    >>> parse_number("1.50"), parse_number("1/3"), parse_number(2.5)
    (Decimal('1.50'), Fraction(1, 3), 2.5)
    >>> parse_number("ten")
    Traceback (most recent call last):
    ...
    goalkit.exceptions.ValidationError: number: 'number' must be a number (got 'ten')
    >>> parse_number("1/" + "1" * 5000)
    Traceback (most recent call last):
    ...
    goalkit.exceptions.ValidationError: number: 'number' is too precise: numbers are limited to 1,000 digits before and after the point (got '1/111...')
    """  # noqa: E501 - a doctest's expected output is one line
    try:
        number = _number(value)
    except _Bad as bad:
        raise ValidationError.single(
            "number", value, f"'number' {bad.message} (got {show(value)})"
        ) from None
    problem = number_problem(number)
    if problem is not None:
        raise ValidationError.single("number", value, f"'number' {problem} (got {show(value)})")
    return number


def _structure(data: object, cls: type[T]) -> T:
    try:
        return cast(T, _reader(cls)(data))
    except Exception:  # read again below, reporting every problem with its path
        pass
    return _structure_in_detail(data, cls)


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
        raise ValidationError.single("", data, f"a plan must be an object (got {show(data)})")
    version = _version(data.get("schema_version", SCHEMA_VERSION))
    document = dict(data)
    while version < SCHEMA_VERSION:
        step = migrations.get(version)
        if step is None:
            raise ValidationError.single(
                "schema_version",
                version,
                f"no migration from schema version {show(version)} (this goalkit reads "
                f"{SCHEMA_VERSION}; pass migrations={{{show(version)}: ...}})",
            )
        try:
            upgraded = step(document)
        except ValidationError:
            raise
        except Exception as error:
            # A document the migration did not expect: the document's problem.
            raise ValidationError.single(
                "schema_version",
                version,
                f"the migration from schema version {version} failed: "
                f"{type(error).__name__}: {show(_message(error))[1:-1]}",
            ) from error
        if not isinstance(upgraded, dict):
            raise ValidationError.single(
                "schema_version",
                version,
                f"the migration from schema version {version} must return a dict "
                f"(got {show(upgraded)})",
            )
        document = upgraded
        version += 1
        document["schema_version"] = version
    if version > SCHEMA_VERSION:
        raise ValidationError.single(
            "schema_version",
            version,
            f"'schema_version' {show(version)} is newer than this goalkit reads "
            f"({SCHEMA_VERSION}); upgrade goalkit",
        )
    document.pop("schema_version", None)
    return document


def _version(value: object) -> int:
    # JSON has one kind of number: 1 and 1.0 are the same integer, as the
    # schema's "integer" says; anything else is refused.
    if type(value) is int:
        return value
    if type(value) is float and value.is_integer():
        return int(value)
    raise ValidationError.single(
        "schema_version",
        value,
        f"'schema_version' must be a whole number (got {show(value)})",
    )


def _message(error: BaseException) -> str:
    try:
        return str(error)
    except Exception:  # a message that cannot even be written
        return ""


def to_json(obj: object, *, indent: int | None = 2) -> str:
    """:func:`to_dict`, written as JSON text.

    >>> from goalkit import Period
    >>> to_json(Period.quarter(2026, 3))
    '"2026-Q3"'
    """
    return json.dumps(to_dict(obj), indent=indent, ensure_ascii=False)


JSON_NESTING: Final = 1000
"""About how deeply nested JSON text :func:`from_json` reads: Python's JSON parser's limit.

The standard parser nests as deep as the interpreter's recursion limit, 1,000
by default, allows. A plan document nests about eight levels; text nested
deeper than the parser reads is refused with a
:class:`~goalkit.exceptions.ValidationError` that says so, never parsed by a
deeper reader of goalkit's own.
"""


def from_json(
    text: str | bytes,
    cls: type[Any] = Plan,
    *,
    migrations: Mapping[int, Migration] = MIGRATIONS,
) -> Any:
    """:func:`from_dict` of JSON text; text that is not JSON is a ValidationError too.

    Whatever the text, only a :class:`~goalkit.exceptions.ValidationError`
    escapes: text nested deeper than :data:`JSON_NESTING` levels, integers
    of thousands of digits (refused at their path, as too large) and the
    non-standard ``NaN`` and ``Infinity`` are all named as such.

    >>> from_json('{"objectives": [], "name": 7}')
    Traceback (most recent call last):
    ...
    goalkit.exceptions.ValidationError: name: 'name' must be a string (got 7)
    >>> from_json("{oops").message
    Traceback (most recent call last):
    ...
    goalkit.exceptions.ValidationError: not valid JSON: Expecting property name ...
    >>> from_json("[" * 100_000)
    Traceback (most recent call last):
    ...
    goalkit.exceptions.ValidationError: not valid JSON for goalkit: nested deeper than Python's ...
    """
    if not isinstance(text, str | bytes | bytearray):
        raise ValidationError.single(
            "", text, f"JSON text must be a str or bytes (got {show(text)})"
        )
    try:
        data = _loads(text)
    except RecursionError:
        raise ValidationError.single(
            "",
            text,
            f"not valid JSON for goalkit: nested deeper than Python's JSON parser reads "
            f"(about {JSON_NESTING:,} levels)",
        ) from None
    except _NotJsonError as error:
        raise ValidationError.single("", text, f"not valid JSON: {error}") from None
    except ValueError as error:  # JSONDecodeError, UnicodeDecodeError
        raise ValidationError.single("", text, f"not valid JSON: {_message(error)}") from None
    return from_dict(data, cls, migrations=migrations)


class _NotJsonError(ValueError):
    pass


def _constant(name: str) -> float:
    msg = f"{name} is not a JSON number (numbers must be finite)"
    raise _NotJsonError(msg)


def _loads(text: str | bytes | bytearray) -> Any:
    try:
        return json.loads(text, parse_constant=_constant)
    except ValueError as error:
        if "integer string conversion" not in _message(error):
            raise
    # An integer past Python's int-string limit (4,300 digits): read it as a
    # marker, which the reader refuses at its path as too large.
    return json.loads(text, parse_constant=_constant, parse_int=_json_int)
