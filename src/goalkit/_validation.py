"""Collecting validation problems (private).

Domain constructors gather every problem of the object they build and raise a
single :class:`~goalkit.exceptions.ValidationError`, instead of stopping at the
first one.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import attrs

from goalkit._numbers import Number, exact, number_problem
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
        self.add(path, value, f"'{_leaf(path)}' {problem} (got {value!r})")
        return False

    def optional_number(self, path: str, value: object) -> bool:
        """Like :meth:`number`, but ``None`` passes."""
        return value is None or self.number(path, value)

    def text(self, path: str, value: object) -> bool:
        """Check that ``value`` is a string with something other than whitespace."""
        if not isinstance(value, str):
            self.add(path, value, f"'{_leaf(path)}' must be a string (got {value!r})")
            return False
        if not value.strip():
            self.add(path, value, f"'{_leaf(path)}' must not be empty (got {value!r})")
            return False
        return True

    def non_negative(self, path: str, value: object) -> bool:
        """Check that ``value`` is a number >= 0."""
        if not self.number(path, value):
            return False
        assert isinstance(value, Number)  # narrowed by number()
        if value < 0:
            self.add(path, value, f"'{_leaf(path)}' must be >= 0 (got {value!r})")
            return False
        return True

    def whole_number(self, path: str, value: object, minimum: int = 0) -> bool:
        """Check that ``value`` is an ``int`` (not a ``bool``) of at least ``minimum``."""
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            self.add(
                path,
                value,
                f"'{_leaf(path)}' must be a whole number >= {minimum} (got {value!r})",
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
                f"(got {value!r} and {limit!r})",
            )
            return False
        return True

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
    """
    return join_path(path, f"[{index}]") if path else f"[{index}]"
