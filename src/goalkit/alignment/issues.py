"""What alignment checks find, and how it is reported.

Each problem is an :class:`AlignmentIssue` of some :class:`IssueKind` and
:class:`Severity`; :func:`~goalkit.alignment.policy.validate` gathers them in an
:class:`AlignmentReport`, which raises one :class:`AlignmentError` holding every
error at once.

>>> issue = AlignmentIssue(kind=IssueKind.ORPHAN, path="objectives[3]", ids=("o-x",),
...                        message="'o-x' (team) aligns to nothing above it",
...                        severity=Severity.WARNING)
>>> report = AlignmentReport(issues=[issue])
>>> report.ok, len(report.warnings)
(True, 1)
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from enum import StrEnum

import attrs

from goalkit.exceptions import Problem, ValidationError

__all__ = [
    "AlignmentError",
    "AlignmentIssue",
    "AlignmentReport",
    "IssueKind",
    "Severity",
]


class IssueKind(StrEnum):
    """The kinds of alignment problem :func:`~goalkit.alignment.policy.validate` finds."""

    UNKNOWN_GOAL = "unknown_goal"
    SELF_LINK = "self_link"
    DUPLICATE_LINK = "duplicate_link"
    CYCLE = "cycle"
    BAD_PARENT = "bad_parent"
    MULTIPLE_PARENTS = "multiple_parents"
    CROSS_PERIOD = "cross_period"
    SKIPPED_LEVEL = "skipped_level"
    INVERTED_LEVEL = "inverted_level"
    ORPHAN = "orphan"


class Severity(StrEnum):
    """How much an issue or a finding matters: goalkit's one severity scale.

    * ``ERROR``: it blocks; the goal or link cannot be used as written.
    * ``WARNING``: a practice to avoid; it deserves a look.
    * ``INFO``: worth knowing; often fine.

    Alignment issues use the first two; the quality checks of
    :mod:`goalkit.checks` use all three, with this same enum:

    >>> from goalkit import checks
    >>> checks.Severity is Severity
    True
    """

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """The order issues are listed in (0 for errors, 1 for warnings, 2 for infos).

        >>> Severity.ERROR.rank < Severity.INFO.rank
        True
        """
        return _RANKS[self]


_RANKS = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


@attrs.frozen(kw_only=True)
class AlignmentIssue:
    """One problem with a plan's alignment.

    Attributes:
        kind: What is wrong.
        path: Where in the plan: ``links[3]`` for a link, ``objectives[2]`` for a goal.
        ids: The goals involved; for a cycle, the cycle itself, first id repeated last.
        message: A lowercase sentence naming the goals.
        severity: ``error`` or ``warning``.

    >>> AlignmentIssue(kind=IssueKind.SELF_LINK, path="links[0]", ids=("o1",),
    ...                message="a goal cannot align to itself (got 'o1')").as_problem().path
    'links[0]'
    """

    kind: IssueKind
    path: str
    ids: tuple[str, ...]
    message: str
    severity: Severity = Severity.ERROR

    def as_problem(self) -> Problem:
        """This issue as a :class:`~goalkit.exceptions.Problem` (value: the ids)."""
        return Problem(path=self.path, value=self.ids, message=self.message)

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class AlignmentError(ValidationError):
    """A :class:`~goalkit.exceptions.ValidationError` about a plan's alignment.

    Attributes:
        issues: Every :class:`AlignmentIssue` behind the error.
        cycle: The first cycle found, as ids (first repeated last), or ``None``.
    """

    issues: tuple[AlignmentIssue, ...]
    cycle: tuple[str, ...] | None

    def __init__(self, issues: Iterable[AlignmentIssue]) -> None:
        self.issues = tuple(issues)
        self.cycle = next((i.ids for i in self.issues if i.kind is IssueKind.CYCLE), None)
        super().__init__([issue.as_problem() for issue in self.issues])

    def __reduce__(self) -> tuple[type[AlignmentError], tuple[Sequence[AlignmentIssue]]]:  # type: ignore[override]
        return (type(self), (self.issues,))


def _issues(value: Iterable[AlignmentIssue]) -> tuple[AlignmentIssue, ...]:
    return tuple(value)


@attrs.frozen(kw_only=True)
class AlignmentReport:
    """Every alignment issue of a plan, errors and warnings together.

    >>> from goalkit.alignment import validate
    >>> from goalkit.examples import example_plan
    >>> report = validate(example_plan())
    >>> report.ok, len(report.errors), len(report.warnings)
    (False, 1, 1)
    >>> report.raise_if_errors()
    Traceback (most recent call last):
    ...
    goalkit.alignment.issues.AlignmentError: links[6]: 'o-ana-pipeline' (individual) aligns to \
'kr-sales-conversion' (department), skipping 1 level(s); allow it with levels='downward'
    """

    issues: tuple[AlignmentIssue, ...] = attrs.field(default=(), converter=_issues)

    @property
    def errors(self) -> tuple[AlignmentIssue, ...]:
        """The issues of severity ``error``."""
        return tuple(i for i in self.issues if i.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[AlignmentIssue, ...]:
        """The issues of severity ``warning``."""
        return tuple(i for i in self.issues if i.severity is Severity.WARNING)

    @property
    def infos(self) -> tuple[AlignmentIssue, ...]:
        """The issues of severity ``info``, such as orphans under ``orphans="info"``."""
        return tuple(i for i in self.issues if i.severity is Severity.INFO)

    @property
    def ok(self) -> bool:
        """Whether there is no error (warnings allowed)."""
        return not self.errors

    def of_kind(self, kind: IssueKind) -> tuple[AlignmentIssue, ...]:
        """The issues of one kind."""
        return tuple(i for i in self.issues if i.kind is kind)

    def raise_if_errors(self) -> None:
        """Raise one :class:`AlignmentError` holding every error, if there is any."""
        errors = self.errors
        if errors:
            raise AlignmentError(errors)

    def __len__(self) -> int:
        return len(self.issues)

    def __iter__(self) -> Iterator[AlignmentIssue]:
        return iter(self.issues)
