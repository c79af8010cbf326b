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
from typing import Any

import attrs

from goalkit._show import show
from goalkit._validation import Problems, require_enum, to_enum
from goalkit.alignment.issues import Severity
from goalkit.exceptions import ValidationError

__all__ = ["Finding", "Report", "Severity", "to_severity"]


def to_severity(value: Severity | str) -> Severity:
    """A severity from its member or its name: the converter of every rule's ``severity``.

    Raises:
        ValidationError: for anything else, with the allowed names.

    >>> to_severity("info")
    <Severity.INFO: 'info'>
    >>> to_severity("fatal")
    Traceback (most recent call last):
    ...
    goalkit.exceptions.ValidationError: severity: 'severity' must be one of 'error', ..., 'info' ...
    """
    return require_enum("severity", value, Severity)


_to_severity = to_enum(Severity)


def _lenient_severity(value: Any) -> Any:
    # a member from its name; anything else is left for validation to report
    return _to_severity(value)


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
    severity: Severity = attrs.field(converter=_lenient_severity)
    goal_id: str | None
    path: str
    message: str
    hint: str

    def __attrs_post_init__(self) -> None:
        # The fast path: what rules build; anything else is checked in detail.
        if (
            type(self.severity) is Severity
            and type(self.code) is str
            and type(self.path) is str
            and type(self.message) is str
            and type(self.hint) is str
            and (self.goal_id is None or type(self.goal_id) is str)
        ):
            return
        problems = Problems()
        problems.enum("severity", self.severity, Severity)
        for name in ("code", "path", "message", "hint"):
            value = getattr(self, name)
            if not isinstance(value, str):
                problems.add(name, value, f"'{name}' must be a string (got {show(value)})")
        if self.goal_id is not None and not isinstance(self.goal_id, str):
            problems.add(
                "goal_id",
                self.goal_id,
                f"'goal_id' must be a string or None (got {show(self.goal_id)})",
            )
        problems.raise_if_any()

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


def _sequence(value: Any) -> Any:
    # strings and non-iterables are left for validation to report
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        return value
    return tuple(value)


def _labels(value: Any) -> Any:
    return dict(value) if isinstance(value, Mapping) else value


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

    findings: tuple[Finding, ...] = attrs.field(default=(), converter=_sequence)
    notes: tuple[str, ...] = attrs.field(default=(), converter=_sequence)
    at: date | None = None
    lang: str = "en"
    name: str = ""
    labels: Mapping[str, str] = attrs.field(
        factory=lambda: dict(DEFAULT_LABELS), converter=_labels, eq=False, repr=False
    )

    def __attrs_post_init__(self) -> None:
        problems = Problems()
        if not isinstance(self.findings, tuple):
            problems.add(
                "findings",
                self.findings,
                f"'findings' must be a sequence of Finding objects (got {show(self.findings)})",
            )
        else:
            for index, finding in enumerate(self.findings):
                if type(finding) is not Finding and not isinstance(finding, Finding):
                    problems.add(
                        f"findings[{index}]",
                        finding,
                        f"'findings' must hold Finding objects (got {show(finding)})",
                    )
        if not isinstance(self.notes, tuple) or not all(isinstance(n, str) for n in self.notes):
            problems.add(
                "notes",
                self.notes,
                f"'notes' must be a sequence of strings (got {show(self.notes)})",
            )
        if self.at is not None and type(self.at) is not date:
            problems.add("at", self.at, f"'at' must be a date or None (got {show(self.at)})")
        for name in ("lang", "name"):
            value = getattr(self, name)
            if not isinstance(value, str):
                problems.add(name, value, f"'{name}' must be a string (got {show(value)})")
        if not isinstance(self.labels, Mapping) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in self.labels.items()
        ):
            problems.add(
                "labels",
                self.labels,
                f"'labels' must be a mapping of strings to strings (got {show(self.labels)})",
            )
        problems.raise_if_any()

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
        wanted = require_enum("severity", severity, Severity)
        return sum(1 for f in self.findings if f.severity is wanted)

    def for_goal(self, goal_id: str | None) -> tuple[Finding, ...]:
        """The findings about one goal (``None``: about the plan as a whole)."""
        return tuple(f for f in self.findings if f.goal_id == goal_id)

    def with_code(self, code: str) -> tuple[Finding, ...]:
        """The findings whose code starts with ``code`` ("SMART" gives every SMART finding)."""
        if not isinstance(code, str):
            raise ValidationError.single(
                "code", code, f"'code' must be a string (got {show(code)})"
            )
        return tuple(f for f in self.findings if f.code.startswith(code))

    def at_least(self, severity: Severity | str) -> Report:
        """This report with only findings at least as severe as ``severity``.

        >>> Report().at_least("warning").findings
        ()
        """
        rank = require_enum("severity", severity, Severity).rank
        return attrs.evolve(self, findings=[f for f in self.findings if f.severity.rank <= rank])

    def render(self) -> str:
        """A compact text rendering, grouped by goal.

        Each goal's line (id and path) is followed by one line per finding
        (severity, code, message) and its hint.
        """
        words = {**DEFAULT_LABELS, **self.labels}
        counts = {s: self.count(s) for s in Severity}
        total = len(self.findings)
        params = {
            "count": total,
            "findings": words["finding" if total == 1 else "findings"],
            "errors": counts[Severity.ERROR],
            "error_word": words["error" if counts[Severity.ERROR] == 1 else "errors"],
            "warnings": counts[Severity.WARNING],
            "warning_word": words["warning" if counts[Severity.WARNING] == 1 else "warnings"],
            "infos": counts[Severity.INFO],
            "info_word": words["info" if counts[Severity.INFO] == 1 else "infos"],
        }
        try:
            summary = words["summary"].format_map(params)
        except (KeyError, ValueError, IndexError, AttributeError, TypeError) as error:
            raise ValidationError.single(
                "labels['summary']",
                words["summary"],
                f"the summary label cannot be filled in: {show(str(error))} "
                f"(parameters: {', '.join(params)})",
            ) from None
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
