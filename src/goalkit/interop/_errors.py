"""How goalkit.interop.data reports a document's problems (private).

Hooks of the detailed reader raise :class:`_Bad` for a refused value; cattrs
gathers those, and anything else raised on the way, into a tree of exception
groups with notes naming the field or index. :func:`_collect` walks that tree
and turns it into goalkit problems, each with its path in the plan.
"""

from __future__ import annotations

from cattrs.errors import (
    AttributeValidationNote,
    ForbiddenExtraKeysError,
    IterableValidationNote,
)

from goalkit._show import show
from goalkit._validation import Problems
from goalkit.exceptions import ValidationError, join_path


class _Bad(Exception):  # noqa: N818 - private signal, never escapes goalkit.interop
    """A value refused while structuring; the walker adds the field name and path."""

    def __init__(self, message: str, value: object, *, says_got: bool = False) -> None:
        super().__init__(message)
        self.message = message
        self.value = value
        self.says_got = says_got  # the message already shows the value


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
            got = "" if current.says_got else f" (got {show(current.value)})"
            problems.add(where, current.value, f"'{_tail(where)}' {current.message}{got}")
        elif isinstance(current, KeyError):
            problems.add(where, None, f"'{_tail(where)}' is required")
        else:
            problems.add(where, None, f"'{_tail(where)}' could not be read: {current}")
