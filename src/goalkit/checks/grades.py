"""Grading rules: committed objectives below 1.0 at the end, aspirational ones at 1.0.

They score key results with :mod:`goalkit.scoring` (never a scoring of their own)
and need the check's day.

>>> from goalkit.checks import check
>>> from goalkit.examples import example_plan
>>> report = check(example_plan(), profile="okr")
>>> [note for note in report.notes if "GRADE" in note][0]
'OKR-GRADE-01 skipped: it needs a day (pass at=...)'
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import ClassVar

import attrs

from goalkit._numbers import Exact
from goalkit.checks.findings import Finding, Severity
from goalkit.checks.rules import Context
from goalkit.exceptions import ValidationError
from goalkit.goals import Commitment, Objective
from goalkit.scoring import DEFAULT_RULES, ScoringRules, aggregate_progress, score_key_result

__all__ = ["AspirationalAtOne", "CommittedBelowOne", "objective_progress"]


def _severity(value: Severity | str) -> Severity:
    return Severity(value)


def objective_progress(
    objective: Objective, at: date, rules: ScoringRules = DEFAULT_RULES
) -> Exact | None:
    """An objective's progress on ``at`` (capped at its period's end), by ``rules``.

    ``None`` when no key result has data yet, or the key results cannot be
    rolled up (every one with data weighs nothing).
    """
    day = min(at, objective.period.end)
    try:
        items = [
            (score_key_result(kr, objective.period, day, rules).progress, kr.weight)
            for kr in objective.key_results
        ]
        return aggregate_progress(items, rules) if items else None
    except ValidationError:
        return None


def _grade(progress: Exact) -> str:
    # presentation only: two decimals, as grades are usually written
    return f"{float(progress):.2f}"


@attrs.frozen(kw_only=True)
class CommittedBelowOne:
    """OKR-GRADE-01: a committed objective under 1.0 at (or after) the end of its cycle.

    Attributes:
        rules: How key results are scored and rolled up.
    """

    code: ClassVar[str] = "OKR-GRADE-01"
    severity: Severity = attrs.field(default=Severity.WARNING, converter=_severity)
    rules: ScoringRules = DEFAULT_RULES

    def check(self, context: Context) -> Iterator[Finding]:
        """Yield one finding per committed objective that ended under 1.0."""
        at = context.at
        if at is None:
            context.skip(self, "note.needs_day")
            return
        for objective in context.plan.objectives:
            if objective.commitment is not Commitment.COMMITTED or at < objective.period.end:
                continue
            progress = objective_progress(objective, at, self.rules)
            if progress is not None and progress < 1:
                yield context.finding(
                    self,
                    objective.id,
                    title=objective.title,
                    grade=_grade(progress),
                    period=objective.period,
                )


@attrs.frozen(kw_only=True)
class AspirationalAtOne:
    """OKR-GRADE-02: an aspirational objective at 1.0: its targets were set too low.

    Judged on any day of the cycle or after it: reaching 1.0 early is the
    clearest sign. Set ``at_end_only`` to judge only from the cycle's end.

    Attributes:
        rules: How key results are scored and rolled up.
        at_end_only: Whether to wait for the cycle's end.
    """

    code: ClassVar[str] = "OKR-GRADE-02"
    severity: Severity = attrs.field(default=Severity.INFO, converter=_severity)
    rules: ScoringRules = DEFAULT_RULES
    at_end_only: bool = False

    def check(self, context: Context) -> Iterator[Finding]:
        """Yield one finding per aspirational objective already at 1.0."""
        at = context.at
        if at is None:
            context.skip(self, "note.needs_day")
            return
        for objective in context.plan.objectives:
            if objective.commitment is not Commitment.ASPIRATIONAL:
                continue
            start = objective.period.end if self.at_end_only else objective.period.start
            if at < start:
                continue
            progress = objective_progress(objective, at, self.rules)
            if progress is not None and progress >= 1:
                yield context.finding(
                    self, objective.id, title=objective.title, grade=_grade(progress)
                )


GRADE_RULES = (CommittedBelowOne(), AspirationalAtOne())
"""The grading rules with their default settings."""
