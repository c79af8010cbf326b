"""How goalkit.interop.data reports a document's problems (private).

The detailed reader of :mod:`goalkit.interop._converter` walks a document
field by field. A hook that refuses a value raises :class:`_Bad`; the reader
records it in a :class:`_Report` with its path in the plan, goes on with the
next field, and finally raises every problem at once. Nothing here recurses:
a report is a flat list, and values in messages go through
:func:`~goalkit._show.show`, which is bounded whatever the value.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from goalkit._show import show
from goalkit.exceptions import Problem, ValidationError, join_path


class _Bad(Exception):  # noqa: N818 - private signal, never escapes goalkit.interop
    """A value refused while reading; the reader adds the field name and path."""

    def __init__(self, message: str, value: object, *, says_got: bool = False) -> None:
        super().__init__(message)
        self.message = message
        self.value = value
        self.says_got = says_got  # the message already shows the value


def _tail(path: str) -> str:
    return path.rsplit(".", 1)[-1] or "value"


_BOUNDARY = re.compile(r"[.\[]")


def _ancestors(path: str) -> Iterable[str]:
    """``path`` and every path above it: ``a[1].b`` gives ``a``, ``a[1]``, ``a[1].b``."""
    for match in _BOUNDARY.finditer(path):
        if match.start():
            yield path[: match.start()]
    yield path


class _Report:
    """The problems of one document, in the order they were found."""

    __slots__ = ("problems",)

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    @property
    def count(self) -> int:
        """How many problems are recorded so far."""
        return len(self.problems)

    def add(self, path: str, value: object, message: str) -> None:
        """Record one problem."""
        self.problems.append(Problem(path=path, value=value, message=message))

    def bad(self, path: str, bad: _Bad) -> None:
        """Record a refused value, naming its field and (unless said) the value."""
        got = "" if bad.says_got else f" (got {show(bad.value)})"
        self.add(path, bad.value, f"'{_tail(path)}' {bad.message}{got}")

    def extend(self, error: ValidationError, prefix: str) -> None:
        """Record every problem of a domain constructor, located under ``prefix``."""
        self.problems.extend(problem.prefixed(prefix) for problem in error.problems)

    def extend_apart(
        self, error: ValidationError, prefix: str, since: int, unread: Iterable[str] = ()
    ) -> None:
        """Record the problems of ``error`` that the reader has not reported already.

        The reader's own problems recorded since ``since`` name values it could
        not read, as do the paths in ``unread``; the domain constructor, given
        a placeholder for each, reports them again in its own words (``'period'
        must be a Period``). Those, and any problem above or below an unread
        value, are left out.
        """
        exact = {problem.path for problem in self.problems[since:]}
        exact.update(unread)
        taken: set[str] = set()
        for path in exact:
            taken.update(_ancestors(path))
        for problem in error.problems:
            path = join_path(prefix, problem.path)
            if path in taken or any(above in exact for above in _ancestors(path)):
                continue
            self.problems.append(problem.prefixed(prefix))

    def raise_if_any(self) -> None:
        """Raise one :class:`ValidationError` holding every problem."""
        if self.problems:
            raise ValidationError(self.problems)
