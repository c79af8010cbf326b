"""What a check finds: :class:`Finding` objects gathered in a :class:`Report`.

>>> finding = Finding(
...     code="SMART-S01", severity=Severity.WARNING, goal_id="o1", path="objectives[0]",
...     message="'Improve things' is vague", hint="name the object and a number",
... )
>>> report = Report(findings=(finding,))
>>> print(report.render())
1 finding: 0 errors, 1 warning, 0 infos
<BLANKLINE>
o1 · objectives[0]
  warning  SMART-S01  'Improve things' is vague
                      hint: name the object and a number
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from enum import StrEnum

import attrs

__all__ = ["Finding", "Report", "Severity"]


class Severity(StrEnum):
    """How much a finding matters.

    * ``ERROR``: the goal cannot be judged as written (nothing measures it).
    * ``WARNING``: a practice the checks advise against.
    * ``INFO``: worth a look; often fine.
    """

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """The order findings are listed in (0 for errors, 1 for warnings, 2 for infos).

        >>> Severity.ERROR.rank < Severity.INFO.rank
        True
        """
        return _RANKS[self]


_RANKS = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


def _severity(value: Severity | str) -> Severity:
    return Severity(value)


@attrs.frozen(kw_only=True)
class Finding:
    """One thing a rule found, explained.

    Attributes:
        code: The rule's stable code ("SMART-S01", "OKR-COUNT-01").
        severity: How much it matters.
        goal_id: The goal it is about; ``None`` for a finding about the plan as
            a whole (a balance over all goals).
        path: Where the goal sits in the plan (``objectives[2].key_results[0]``);
            empty for the plan, or for the goal itself when a lone goal is checked.
        message: What is wrong, in the language asked for.
        hint: How to fix it, in the same language.
    """

    code: str
    severity: Severity = attrs.field(converter=_severity)
    goal_id: str | None
    path: str
    message: str
    hint: str

    @property
    def sort_key(self) -> tuple[int, str, str]:
        """The order within one goal, by severity rank, then code, then message."""
        return (self.severity.rank, self.code, self.message)


DEFAULT_LABELS: Mapping[str, str] = {
    "summary": "{count} {findings}: {errors} {error_word}, {warnings} {warning_word}, "
    "{infos} {info_word}",
    "finding": "finding",
    "findings": "findings",
    "error": "error",
    "errors": "errors",
    "warning": "warning",
    "warnings": "warnings",
    "info": "info",
    "infos": "infos",
    "hint": "hint: ",
    "plan": "plan",
    "at": "at",
    "none": "no findings",
    "notes": "notes",
}
"""English labels of the text rendering; :mod:`goalkit.checks.messages` has the others."""


def _findings(value: Iterable[Finding]) -> tuple[Finding, ...]:
    return tuple(value)


def _notes(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


def _labels(value: Mapping[str, str]) -> Mapping[str, str]:
    return dict(value)


@attrs.frozen(kw_only=True)
class Report:
    """The findings of one check, in a fixed order.

    Findings come grouped by goal in plan order (plan-wide findings first),
    then by severity (errors first), code and message, so two runs over the
    same plan give the same report.

    Attributes:
        findings: Every finding.
        notes: Rules that were skipped, and why (no day given, say).
        at: The day the plan was checked at, if one was given.
        lang: The language of messages and hints.
        name: What was checked (the plan's name).
        labels: The words of :meth:`render` in :attr:`lang`.
    """

    findings: tuple[Finding, ...] = attrs.field(default=(), converter=_findings)
    notes: tuple[str, ...] = attrs.field(default=(), converter=_notes)
    at: date | None = None
    lang: str = "en"
    name: str = ""
    labels: Mapping[str, str] = attrs.field(
        factory=lambda: dict(DEFAULT_LABELS), converter=_labels, eq=False, repr=False
    )

    def __iter__(self) -> Iterator[Finding]:
        return iter(self.findings)

    def __len__(self) -> int:
        return len(self.findings)

    def __bool__(self) -> bool:
        """Whether anything was found."""
        return bool(self.findings)

    @property
    def ok(self) -> bool:
        """Whether no finding is an error.

        >>> Report().ok
        True
        """
        return not any(f.severity is Severity.ERROR for f in self.findings)

    @property
    def codes(self) -> frozenset[str]:
        """The codes of every finding."""
        return frozenset(f.code for f in self.findings)

    def count(self, severity: Severity | str) -> int:
        """How many findings have ``severity``."""
        wanted = Severity(severity)
        return sum(1 for f in self.findings if f.severity is wanted)

    def for_goal(self, goal_id: str | None) -> tuple[Finding, ...]:
        """The findings about one goal (``None``: about the plan as a whole)."""
        return tuple(f for f in self.findings if f.goal_id == goal_id)

    def with_code(self, code: str) -> tuple[Finding, ...]:
        """The findings whose code starts with ``code`` ("SMART" gives every SMART finding)."""
        return tuple(f for f in self.findings if f.code.startswith(code))

    def at_least(self, severity: Severity | str) -> Report:
        """This report with only findings at least as severe as ``severity``.

        >>> Report().at_least("warning").findings
        ()
        """
        rank = Severity(severity).rank
        return attrs.evolve(self, findings=[f for f in self.findings if f.severity.rank <= rank])

    def render(self) -> str:
        """A compact text rendering, grouped by goal.

        Each goal's line (id and path) is followed by one line per finding
        (severity, code, message) and its hint.
        """
        words = {**DEFAULT_LABELS, **self.labels}
        counts = {s: self.count(s) for s in Severity}
        total = len(self.findings)
        summary = words["summary"].format(
            count=total,
            findings=words["finding" if total == 1 else "findings"],
            errors=counts[Severity.ERROR],
            error_word=words["error" if counts[Severity.ERROR] == 1 else "errors"],
            warnings=counts[Severity.WARNING],
            warning_word=words["warning" if counts[Severity.WARNING] == 1 else "warnings"],
            infos=counts[Severity.INFO],
            info_word=words["info" if counts[Severity.INFO] == 1 else "infos"],
        )
        header = f"{self.name}: {summary}" if self.name else summary
        if self.at is not None:
            header += f" ({words['at']} {self.at.isoformat()})"
        lines = [header]
        if not self.findings:
            lines.append(words["none"])
        severity_width = max(_width(words[s.value]) for s in Severity)
        code_width = max((len(f.code) for f in self.findings), default=0)
        indent = " " * (2 + severity_width + 2 + code_width + 2)
        group: tuple[str | None, str] | None = None
        for finding in self.findings:
            key = (finding.goal_id, finding.path)
            if key != group:
                group = key
                lines.append("")
                if finding.goal_id is None:
                    lines.append(words["plan"])
                else:
                    lines.append(" · ".join(p for p in (finding.goal_id, finding.path) if p))
            label = words[finding.severity.value]
            label += " " * (severity_width - _width(label))
            lines.append(f"  {label}  {finding.code:<{code_width}}  {finding.message}")
            lines.append(f"{indent}{words['hint']}{finding.hint}")
        if self.notes:
            lines.extend(("", f"{words['notes']}:"))
            lines.extend(f"  - {note}" for note in self.notes)
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.render()


def _width(text: str) -> int:
    """Columns ``text`` takes in a terminal: wide (CJK) characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
