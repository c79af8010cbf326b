"""Collecting validation problems (private).

Domain constructors gather every problem of the object they build and raise a
single :class:`~goalkit.exceptions.ValidationError`, instead of stopping at the
first one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from enum import Enum
from typing import Any, TypeVar

import attrs

from goalkit._numbers import Number, exact, number_problem
from goalkit._show import show
from goalkit.exceptions import Problem, ValidationError, join_path


class Problems:
    """An accumulator of :class:`Problem` objects with small checking helpers."""

    __slots__ = ("_items",)

    def __init__(self) -> None:
        self._items: list[Problem] = []

    def __bool__(self) -> bool:
        return bool(self._items)

    def add(self, path: str, value: object, message: str) -> None:
        """Record one problem."""
        self._items.append(Problem(path=path, value=value, message=message))

    def extend(self, error: ValidationError, prefix: str = "") -> None:
        """Record every problem of ``error``, relocated under ``prefix``."""
        self._items.extend(p.prefixed(prefix) for p in error.problems)

    @contextmanager
    def under(self, prefix: str) -> Iterator[None]:
        """Catch a :class:`ValidationError` raised inside and record it under ``prefix``."""
        try:
            yield
        except ValidationError as error:
            self.extend(error, prefix)

    def number(self, path: str, value: object) -> bool:
        """Check that ``value`` is an accepted number; return whether it is."""
        problem = number_problem(value)
        if problem is None:
            return True
        self.add(path, value, f"'{_leaf(path)}' {problem} (got {show(value)})")
        return False

    def optional_number(self, path: str, value: object) -> bool:
        """Like :meth:`number`, but ``None`` passes."""
        return value is None or self.number(path, value)

    def text(self, path: str, value: object) -> bool:
        """Check that ``value`` is a string with something other than whitespace."""
        if not isinstance(value, str):
            self.add(path, value, f"'{_leaf(path)}' must be a string (got {show(value)})")
            return False
        if not value.strip():
            self.add(path, value, f"'{_leaf(path)}' must not be empty (got {show(value)})")
            return False
        return True

    def non_negative(self, path: str, value: object) -> bool:
        """Check that ``value`` is a number >= 0."""
        if not self.number(path, value):
            return False
        assert isinstance(value, Number)  # narrowed by number()
        if value < 0:
            self.add(path, value, f"'{_leaf(path)}' must be >= 0 (got {show(value)})")
            return False
        return True

    def whole_number(self, path: str, value: object, minimum: int = 0) -> bool:
        """Check that ``value`` is an ``int`` (not a ``bool``) of at least ``minimum``."""
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            self.add(
                path,
                value,
                f"'{_leaf(path)}' must be a whole number >= {minimum} (got {show(value)})",
            )
            return False
        return True

    def not_above(self, path: str, value: Number, limit_path: str, limit: Number) -> bool:
        """Check that the number at ``path`` is not above the one at ``limit_path``.

        The problem is recorded at ``path``; both numbers must already be valid.
        """
        if exact(value) > exact(limit):
            self.add(
                path,
                value,
                f"'{_leaf(path)}' must not be above '{_leaf(limit_path)}' "
                f"(got {show(value)} and {show(limit)})",
            )
            return False
        return True

    def enum(self, path: str, value: object, kind: type[Enum], *, required: bool = True) -> bool:
        """Check that ``value`` is a member of ``kind`` (``None`` passes unless required).

        Use it on fields converted by :func:`to_enum`, which leaves a value it cannot
        convert as it is, for this check to report with the allowed values.
        """
        if isinstance(value, kind) or (value is None and not required):
            return True
        self.add(path, value, enum_message(_leaf(path), value, kind))
        return False

    def raise_if_any(self) -> None:
        """Raise one :class:`ValidationError` holding everything recorded."""
        if self._items:
            raise ValidationError(self._items)


def require_whole_number(path: str, value: object, minimum: int = 0) -> None:
    """Raise a :class:`ValidationError` unless ``value`` is an ``int`` >= ``minimum``."""
    problems = Problems()
    problems.whole_number(path, value, minimum)
    problems.raise_if_any()


def attrs_whole_number(instance: object, attribute: attrs.Attribute[int], value: int) -> None:
    """An attrs validator: the field is a whole number >= 0."""
    require_whole_number(attribute.name, value)


def _leaf(path: str) -> str:
    """The last field name in a path: ``a[1].b`` -> ``b``, ``a[1]`` -> ``a``."""
    tail = path.rsplit(".", 1)[-1]
    return tail.split("[", 1)[0] or tail


def at(path: str, index: int | str) -> str:
    """Path of an item inside a sequence field.

    >>> at("key_results", 2)
    'key_results[2]'
    >>> at("values", 10**5000)
    'values[<int of about 5001 digits>]'
    """
    text = index if isinstance(index, str) else show(index)
    return join_path(path, f"[{text}]") if path else f"[{text}]"


_E = TypeVar("_E", bound=Enum)


def enum_message(name: str, value: object, kind: type[Enum]) -> str:
    """The one message for a value that is not a member of ``kind``.

    >>> from goalkit.measures import Direction
    >>> enum_message("direction", "up", Direction)
    "'direction' must be one of 'increase', 'decrease', 'at_least', 'at_most', 'within' (got 'up')"
    """
    return choice_message(name, value, (member.value for member in kind))


def choice_message(name: str, value: object, allowed: Iterable[object]) -> str:
    """The one message for a value outside a set of allowed values.

    :func:`enum_message` words enums with it; names that are data, such as
    profiles, languages and rule codes, use it directly.

    >>> choice_message("lang", "fr", ["en", "zh"])
    "'lang' must be one of 'en', 'zh' (got 'fr')"
    """
    names = ", ".join(show(item) for item in allowed)
    return f"'{name}' must be one of {names} (got {show(value)})"


def to_enum(kind: type[_E]) -> Callable[[Any], Any]:
    """An attrs converter to a member of ``kind`` from the member or its value.

    Anything else, ``None`` included, is left as it is, so the class's validation
    reports it with the field's name through :meth:`Problems.enum`.
    """
    members = {member.value: member for member in kind}

    def convert(value: Any) -> Any:
        if isinstance(value, kind):
            return value
        try:
            return members.get(value, value)
        except TypeError:  # an unhashable value
            return value

    convert.__name__ = f"to_{kind.__name__.lower()}"
    return convert


def require_enum(path: str, value: object, kind: type[_E]) -> _E:
    """Return ``value`` as a member of ``kind``, or raise a :class:`ValidationError`.

    For arguments of functions, which have no class validation to report them.

    >>> from goalkit.measures import Direction
    >>> require_enum("direction", "within", Direction)
    <Direction.WITHIN: 'within'>
    """
    if isinstance(value, kind):
        return value
    member = to_enum(kind)(value)
    if isinstance(member, kind):
        return member
    raise ValidationError.single(path, value, enum_message(_leaf(path), value, kind))
