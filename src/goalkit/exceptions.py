"""Errors and warnings raised by goalkit.

Every error subclasses :class:`GoalkitError` *and* the builtin it refines, so
``except ValueError`` keeps working for callers who have never heard of goalkit.

A :class:`ValidationError` carries one or more :class:`Problem` objects. Each
problem names where it is (a path such as ``objectives[2].key_results[0].target``),
the offending value and a lowercase message, so an import of five hundred goals
can report every mistake in one pass.

>>> from goalkit import Target
>>> try:
...     Target.decrease(from_=24, to=48)
... except ValidationError as error:
...     print(error.path, "|", error.problems[0].message)
target | 'target' must be below 'baseline' for a decreasing target (got 48 and 24)
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import attrs

__all__ = [
    "GoalkitError",
    "GoalkitWarning",
    "MissingDependencyError",
    "Problem",
    "ValidationError",
    "join_path",
]


class GoalkitError(Exception):
    """Base class of every error goalkit raises on purpose.

    >>> issubclass(ValidationError, GoalkitError)
    True
    """


class GoalkitWarning(UserWarning):
    """Something allowed but suspect, such as scoring after a period has ended.

    Silence a specific case with :func:`warnings.filterwarnings` using this category.
    """


class MissingDependencyError(GoalkitError, ImportError):
    """An optional dependency a function needs is not installed.

    The message names the package and the extra that installs it, such as
    ``pip install "goalkit-okr[plot]"``.
    """


def join_path(prefix: str, path: str) -> str:
    """Join two path fragments the way plan paths are written.

    >>> join_path("objectives[2]", "key_results[0].target")
    'objectives[2].key_results[0].target'
    >>> join_path("objectives[2]", "[0]")
    'objectives[2][0]'
    >>> join_path("", "title")
    'title'
    """
    if not prefix:
        return path
    if not path:
        return prefix
    if path.startswith("["):
        return prefix + path
    return f"{prefix}.{path}"


@attrs.frozen(kw_only=True)
class Problem:
    """One thing wrong with an input: where, what value, and why.

    Attributes:
        path: Where the problem is, relative to the object being built
            (``"target"``) or to a whole plan (``"objectives[2].title"``).
        value: The offending value, exactly as the caller gave it.
        message: A lowercase sentence naming the field and the value.
    """

    path: str
    value: object = attrs.field(eq=False)
    message: str

    def prefixed(self, prefix: str) -> Problem:
        """Return the same problem located under ``prefix``.

        >>> Problem(path="target", value=1, message="bad").prefixed("key_results[0]").path
        'key_results[0].target'
        """
        return attrs.evolve(self, path=join_path(prefix, self.path))

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class ValidationError(GoalkitError, ValueError):
    """Input that goalkit refuses to turn into an object.

    Holds every :class:`Problem` found, in the order they were found. The
    attributes :attr:`path`, :attr:`value` and :attr:`message` describe the first
    one, which is all most callers need.

    >>> problem = Problem(path="weight", value=-1, message="'weight' must be >= 0 (got -1)")
    >>> error = ValidationError([problem])
    >>> str(error)
    "weight: 'weight' must be >= 0 (got -1)"
    >>> error.value
    -1
    """

    problems: tuple[Problem, ...]

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        if not self.problems:
            msg = "a ValidationError needs at least one problem"
            raise ValueError(msg)
        super().__init__(self._render())

    @classmethod
    def single(cls, path: str, value: object, message: str) -> ValidationError:
        """Build an error holding exactly one problem.

        >>> ValidationError.single("title", "", "'title' must not be empty").path
        'title'
        """
        return cls([Problem(path=path, value=value, message=message)])

    @property
    def path(self) -> str:
        """The path of the first problem."""
        return self.problems[0].path

    @property
    def value(self) -> object:
        """The offending value of the first problem."""
        return self.problems[0].value

    @property
    def message(self) -> str:
        """The message of the first problem."""
        return self.problems[0].message

    def prefixed(self, prefix: str) -> ValidationError:
        """Return a copy whose problems are all located under ``prefix``.

        >>> ValidationError.single("target", 1, "bad").prefixed("key_results[3]").path
        'key_results[3].target'
        """
        return type(self)([p.prefixed(prefix) for p in self.problems])

    def _render(self) -> str:
        if len(self.problems) == 1:
            return str(self.problems[0])
        lines = [f"{len(self.problems)} problems:"]
        lines.extend(f"  - {problem}" for problem in self.problems)
        return "\n".join(lines)

    def __reduce__(self) -> tuple[type[ValidationError], tuple[Sequence[Problem]]]:
        return (type(self), (self.problems,))
