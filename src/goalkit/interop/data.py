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

import json
import types
from collections.abc import Callable, Mapping
from decimal import Decimal  # noqa: F401 - the doctests below use it
from fractions import Fraction  # noqa: F401 - the doctests below use it
from typing import Any, Final, TypeAlias, TypeVar, cast, overload

from goalkit._numbers import Number
from goalkit._show import show
from goalkit.exceptions import ValidationError
from goalkit.interop._converter import (
    _FIRST_CHECK_IN_TOKEN,
    _converter,
    _number,
    _number_data,
    _structure_in_detail,
)
from goalkit.interop._errors import _Bad
from goalkit.interop._readers import _reader
from goalkit.plan import Plan

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
            "number", value, f"'number' {bad.message} (got {show(value)})"
        ) from None


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
    version = data.get("schema_version", SCHEMA_VERSION)
    if type(version) is not int:
        raise ValidationError.single(
            "schema_version",
            version,
            f"'schema_version' must be a whole number (got {show(version)})",
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
