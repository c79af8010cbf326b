"""Grading rules: committed objectives below 1.0 at the end, aspirational ones at 1.0.

They read an objective's progress from the plan's evaluation at the check's
day (:meth:`Context.evaluation <goalkit.checks.rules.Context.evaluation>`, the
same :func:`~goalkit.evaluation.evaluate` that renderers show, computed once
for every rule), never from a scoring of their own, and need the check's day.

>>> from goalkit.checks import check
>>> from goalkit.examples import example_plan
>>> report = check(example_plan(), profile="okr")
>>> [note for note in report.notes if "GRADE" in note][0]
'OKR-GRADE-01 skipped: it needs a day (pass at=...)'
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any, ClassVar

import attrs

from goalkit._numbers import Exact
from goalkit._show import show
from goalkit.checks.findings import Finding, Severity, to_severity
from goalkit.checks.messages import show_number
from goalkit.checks.rules import Context, attrs_flag
from goalkit.evaluation import DEFAULT_ROLL_UP, RollUp
from goalkit.exceptions import GoalkitError, ValidationError
from goalkit.goals import Commitment, Objective
from goalkit.scoring import DEFAULT_RULES, Rounding, ScoringRules

__all__ = ["AspirationalAtOne", "CommittedBelowOne", "show_grade"]


def _instance_of(kind: type, what: str) -> Any:
    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, kind):
            name = attribute.name
            raise ValidationError.single(
                name, value, f"'{name}' must be {what} (got {show(value)})"
            )

    return check


def show_grade(progress: Exact, rules: ScoringRules = DEFAULT_RULES) -> str:
    """A grade as findings show it: rounded by ``rules.rounding``, as the evaluation shows it.

    A grade below 1 is never shown as 1.00: it gets the places it needs.

    >>> from fractions import Fraction
    >>> show_grade(Fraction(4, 5)), show_grade(Fraction(9999, 10000)), show_grade(1.0)
    ('0.80', '0.9999', '1.00')
    """
    try:
        shown: Decimal = rules.rounding.round(progress)
        if progress < 1 <= shown:
            for places in range(3, 13):
                shown = Rounding(places=places).round(progress)
                if shown < 1:
                    break
            else:
                return "< 1"
        return str(shown)
    except GoalkitError:  # a progress too large for the rounding policy
        return show_number(progress)


def _graded(context: Context, objective: Objective) -> bool:
    """Whether ``objective`` is one of the plan's own (not the holder of a lone key result)."""
    return context.period_of(objective.id) is not None


@attrs.frozen(kw_only=True)
class CommittedBelowOne:
    """OKR-GRADE-01: a committed objective under 1.0 at (or after) the end of its cycle.

    Its grade is its progress in the evaluation of the plan at the check's day.
    Check-ins after the end of a period are refused when the plan is built, so
    after the cycle that is the grade it ended with.

    Attributes:
        rules: How key results are scored and rolled up (as given to
            :func:`~goalkit.evaluation.evaluate`).
        roll_up: How progress flows up the goal graph (as given to
            :func:`~goalkit.evaluation.evaluate`).
    """

    code: ClassVar[str] = "OKR-GRADE-01"
    severity: Severity = attrs.field(default=Severity.WARNING, converter=to_severity)
    rules: ScoringRules = attrs.field(
        default=DEFAULT_RULES, validator=_instance_of(ScoringRules, "ScoringRules")
    )
    roll_up: RollUp = attrs.field(
        default=DEFAULT_ROLL_UP, validator=_instance_of(RollUp, "a RollUp")
    )

    def check(self, context: Context) -> Iterator[Finding]:
        """Yield one finding per committed objective that ended under 1.0."""
        at = context.at
        if at is None:
            context.skip(self, "note.needs_day")
            return
        ended = [
            objective
            for objective in context.plan.objectives
            if objective.commitment is Commitment.COMMITTED
            and at >= objective.period.end
            and _graded(context, objective)
        ]
        if not ended:
            return
        evaluation = context.evaluation(self, self.rules, self.roll_up)
        if evaluation is None:
            return
        for objective in ended:
            progress = evaluation.progress(objective.id)
            if progress is not None and progress < 1:
                yield context.finding(
                    self,
                    objective.id,
                    title=objective.title,
                    grade=show_grade(progress, self.rules),
                    period=objective.period,
                )


@attrs.frozen(kw_only=True)
class AspirationalAtOne:
    """OKR-GRADE-02: an aspirational objective at 1.0: its targets were set too low.

    Judged on any day of the cycle or after it: reaching 1.0 early is the
    clearest sign. Set ``at_end_only`` to judge only from the cycle's end. The
    progress is the objective's in the evaluation of the plan at the check's day.

    Attributes:
        rules: How key results are scored and rolled up.
        roll_up: How progress flows up the goal graph.
        at_end_only: Whether to wait for the cycle's end.
    """

    code: ClassVar[str] = "OKR-GRADE-02"
    severity: Severity = attrs.field(default=Severity.INFO, converter=to_severity)
    rules: ScoringRules = attrs.field(
        default=DEFAULT_RULES, validator=_instance_of(ScoringRules, "ScoringRules")
    )
    roll_up: RollUp = attrs.field(
        default=DEFAULT_ROLL_UP, validator=_instance_of(RollUp, "a RollUp")
    )
    at_end_only: bool = attrs.field(default=False, validator=attrs_flag)

    def check(self, context: Context) -> Iterator[Finding]:
        """Yield one finding per aspirational objective already at 1.0."""
        at = context.at
        if at is None:
            context.skip(self, "note.needs_day")
            return
        started = [
            objective
            for objective in context.plan.objectives
            if objective.commitment is Commitment.ASPIRATIONAL
            and at >= (objective.period.end if self.at_end_only else objective.period.start)
            and _graded(context, objective)
        ]
        if not started:
            return
        evaluation = context.evaluation(self, self.rules, self.roll_up)
        if evaluation is None:
            return
        for objective in started:
            progress = evaluation.progress(objective.id)
            if progress is not None and progress >= 1:
                yield context.finding(
                    self,
                    objective.id,
                    title=objective.title,
                    grade=show_grade(progress, self.rules),
                )


GRADE_RULES = (CommittedBelowOne(), AspirationalAtOne())
"""The grading rules with their default settings."""
