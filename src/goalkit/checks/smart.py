"""SMART rules: Specific, Measurable, Attainable, Relevant, Time-bound.

One or more rules per letter, each a small frozen object whose settings a
:class:`~goalkit.checks.rules.RuleSet` can change.

>>> from goalkit import KeyResult, Target
>>> from goalkit.checks import check
>>> kr = KeyResult.metric(id="kr", title="Visit 100 manufacturing customers",
...                       target=Target.increase(from_=0, to=100), unit="customers")
>>> [f.code for f in check(kr, profile="smart")]
['SMART-T01']
"""

from __future__ import annotations

from collections.abc import Iterator
from fractions import Fraction
from typing import Any, ClassVar

import attrs

from goalkit._numbers import Number, exact
from goalkit._show import show
from goalkit._validation import Problems
from goalkit.checks.findings import Finding, Severity, to_severity
from goalkit.checks.lexicons import concrete_words, is_vague, states_deadline, vague_terms
from goalkit.checks.messages import show_number, show_share
from goalkit.checks.rules import Context
from goalkit.goals import KPI, KeyResult, Objective
from goalkit.measures import FIRST_CHECK_IN, Binary, Checklist, Direction, Target
from goalkit.periods import Period

__all__ = [
    "AlignedKPI",
    "AlignedObjective",
    "BaselineGiven",
    "ConcreteMilestones",
    "DeadlinesInPeriod",
    "HasKeyResults",
    "ImplausibleJump",
    "Sandbagging",
    "TimeBound",
    "UnitGiven",
    "VagueWording",
    "meets",
]


def meets(target: Target, value: Number) -> bool:
    """Whether ``value`` already satisfies ``target``.

    >>> meets(Target.at_least(95), 97), meets(Target.decrease(from_=48, to=24), 30)
    (True, False)
    """
    direction = target.direction
    seen = exact(value)
    if direction is Direction.WITHIN:
        assert target.low is not None  # validated by Target
        assert target.high is not None
        return exact(target.low) <= seen <= exact(target.high)
    if target.target is None:  # a change from the first check-in, not resolved yet
        return False
    goal = exact(target.target)
    return seen >= goal if direction.sign > 0 else seen <= goal


def _quantity(value: object) -> Number | None:
    return value if isinstance(value, Number) else None


# -- Specific ---------------------------------------------------------------


@attrs.frozen(kw_only=True)
class VagueWording:
    """SMART-S01: vague wording with no concrete object and no number.

    Looks at the titles of objectives, key results and KPIs with the check's
    lexicons ("improve", "better", "good relationship", "提升", "优化" ...).
    """

    code: ClassVar[str] = "SMART-S01"
    severity: Severity = attrs.field(default=Severity.WARNING, converter=to_severity)

    def check(self, context: Context) -> Iterator[Finding]:
        """Yield one finding per vague title."""
        lexicons = context.lexicons
        goals: list[Objective | KeyResult | KPI] = []
        for objective in context.plan.objectives:
            goals.append(objective)
            goals.extend(objective.key_results)
        goals.extend(context.plan.kpis)
        for goal in goals:
            if is_vague(goal.title, lexicons):
                terms = context.join(vague_terms(goal.title, lexicons))
                yield context.finding(self, goal.id, title=goal.title, terms=terms)


# -- Measurable -------------------------------------------------------------


@attrs.frozen(kw_only=True)
class UnitGiven:
    """SMART-M01: a metric key result names its unit."""

    code: ClassVar[str] = "SMART-M01"
    severity: Severity = attrs.field(default=Severity.WARNING, converter=to_severity)

    def check(self, context: Context) -> Iterator[Finding]:
        """Yield one finding per metric key result without a unit."""
        for _, kr in context.key_results():
            if kr.target is not None and kr.unit is None:
                yield context.finding(self, kr.id, title=kr.title)


@attrs.frozen(kw_only=True)
class BaselineGiven:
    """SMART-M02: a metric key result has a starting point.

    A baseline, :data:`~goalkit.FIRST_CHECK_IN`, or a check-in on or before the
    first day of the period all count. Increase and decrease targets always
    have one; thresholds and bands may not.
    """

    code: ClassVar[str] = "SMART-M02"
    severity: Severity = attrs.field(default=Severity.WARNING, converter=to_severity)

    def check(self, context: Context) -> Iterator[Finding]:
        """Yield one finding per metric key result without a starting point."""
        for _, kr in context.key_results():
            target = kr.target
            if target is None or target.baseline is not None:
                continue
            period = context.period_of(kr.id)
            if period is not None and kr.history.latest(period.start) is not None:
                continue
            shown = (
                f"{show_number(target.low)}-{show_number(target.high)}"
                if target.low is not None and target.high is not None
                else show_number(target.target)
                if target.target is not None
                else "?"
            )
            yield context.finding(self, kr.id, title=kr.title, target=shown)


@attrs.frozen(kw_only=True)
class ConcreteMilestones:
    """SMART-M03: every milestone names a concrete deliverable.

    A milestone whose title is only vague words, generic nouns and numbers
    ("phase 2 done", "progress") names none.
    """

    code: ClassVar[str] = "SMART-M03"
    severity: Severity = attrs.field(default=Severity.WARNING, converter=to_severity)

    def check(self, context: Context) -> Iterator[Finding]:
        """Yield one finding per milestone that names nothing concrete."""
        for _, kr in context.key_results():
            if isinstance(kr.measure, Checklist):
                for milestone in kr.measure.milestones:
                    if not concrete_words(milestone.title, context.lexicons):
                        yield context.finding(
                            self, kr.id, title=kr.title, milestone=milestone.title
                        )


@attrs.frozen(kw_only=True)
class HasKeyResults:
    """SMART-M04: an objective has key results that measure it."""

    code: ClassVar[str] = "SMART-M04"
    severity: Severity = attrs.field(default=Severity.ERROR, converter=to_severity)

    def check(self, context: Context) -> Iterator[Finding]:
        """Yield one finding per objective without key results."""
        for objective in context.plan.objectives:
            if not objective.key_results:
                yield context.finding(self, objective.id, title=objective.title)


# -- Attainable -------------------------------------------------------------


def _check_ratio(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    problems = Problems()
    if problems.number(attribute.name, value) and not exact(value) > 1:
        problems.add(attribute.name, value, f"'{attribute.name}' must be > 1 (got {show(value)})")
    problems.raise_if_any()


@attrs.frozen(kw_only=True)
class ImplausibleJump:
    """SMART-A01: the target is over ``max_ratio`` times the start, or under 1/``max_ratio`` of it.

    The starting value is the baseline, else the last check-in on or before
    the period's start, else the first check-in. Increasing targets are judged
    by how many times the start they ask for (100 -> 500 is 5x); decreasing
    ones by the cut they ask for (48 -> 12 days is a cut to 1/4, 75 % less).
    Values at or below zero have no meaningful ratio and are skipped.

    The ratio is computed exactly, floats included, so no value goalkit
    admits can overflow it.

    Attributes:
        max_ratio: The largest plausible ratio (default 3).

    >>> from goalkit import KeyResult, Target
    >>> from goalkit.checks import RuleSet, check
    >>> kr = KeyResult.metric(id="kr", title="Cut churn from 5 % to 1 %", unit="%",
    ...                       target=Target.decrease(from_=5, to=1))
    >>> print(check(kr, profile=RuleSet(rules=[ImplausibleJump()])).findings[0].message)
    'Cut churn from 5 % to 1 %' asks for a cut to 1/5 of its starting value, 80 % less, ...
    """

    code: ClassVar[str] = "SMART-A01"
    severity: Severity = attrs.field(default=Severity.WARNING, converter=to_severity)
    max_ratio: Number = attrs.field(default=3, validator=_check_ratio)

    def check(self, context: Context) -> Iterator[Finding]:
        """Yield one finding per key result whose target jumps too far."""
        limit = Fraction(self.max_ratio)
        for _, kr in context.key_results():
            target = kr.target
            if target is None or target.target is None or target.direction is Direction.WITHIN:
                continue
            start = _reference(kr, target, context.period_of(kr.id))
            if start is None:
                continue
            # Exact even for floats (Fraction(float) is exact): a ratio of admitted
            # values can pass any float's range, and a comparison needs no rounding.
            begin, goal = Fraction(start), Fraction(target.target)
            if begin <= 0 or goal <= 0:
                continue
            increase = target.direction.sign > 0
            ratio = goal / begin if increase else begin / goal
            if ratio <= limit:
                continue
            way = "increase" if increase else "decrease"
            shown_ratio, shown_limit = show_number(ratio), show_number(self.max_ratio)
            words = {
                "ratio": shown_ratio,
                "max_ratio": shown_limit,
                "percent": show_share(1 - goal / begin) if not increase else "",
            }
            yield context.finding(
                self,
                kr.id,
                title=kr.title,
                change=context.words(f"jump.{way}", **words),
                limit=context.words(f"jump.limit.{way}", **words),
                direction=way,
                ratio=shown_ratio,
                start=show_number(start),
                target=show_number(target.target),
                max_ratio=shown_limit,
            )


def _reference(kr: KeyResult, target: Target, period: Period | None) -> Number | None:
    baseline = _quantity(target.baseline)
    if baseline is not None:
        return baseline
    if period is not None:
        before = kr.history.latest(period.start)
        if before is not None:
            return before.value
    first = kr.history.first()
    return None if first is None else first.value


@attrs.frozen(kw_only=True)
class Sandbagging:
    """SMART-A02: the target is already met at the start.

    The start is the baseline, the last check-in on or before the period's
    first day, or (for a :data:`~goalkit.FIRST_CHECK_IN` baseline) the first
    check-in.
    """

    code: ClassVar[str] = "SMART-A02"
    severity: Severity = attrs.field(default=Severity.WARNING, converter=to_severity)

    def check(self, context: Context) -> Iterator[Finding]:
        """Yield one finding per key result whose target is met before work starts."""
        for _, kr in context.key_results():
            target = kr.target
            if target is None:
                continue
            starts: list[Number] = []
            baseline = _quantity(target.baseline)
            if baseline is not None:
                starts.append(baseline)
            period = context.period_of(kr.id)
            before = None if period is None else kr.history.latest(period.start)
            if before is not None:
                starts.append(before.value)
            first = kr.history.first()
            if target.baseline is FIRST_CHECK_IN and first is not None:
                starts.append(first.value)
            for start in starts:
                if meets(target, start):
                    shown = (
                        show_number(target.target)
                        if target.target is not None
                        else f"{show_number(target.low or 0)}-{show_number(target.high or 0)}"
                    )
                    yield context.finding(
                        self, kr.id, title=kr.title, start=show_number(start), target=shown
                    )
                    break


# -- Relevant ---------------------------------------------------------------


def _top_rank(context: Context) -> int:
    levels = [o.level for o in context.plan.objectives] + [k.level for k in context.plan.kpis]
    return min((context.rank(level) for level in levels), default=0)


@attrs.frozen(kw_only=True)
class AlignedObjective:
    """SMART-R01: an objective below the top level aligns to a parent goal or theme.

    The top level is the highest level any objective or KPI of the plan uses.
    """

    code: ClassVar[str] = "SMART-R01"
    severity: Severity = attrs.field(default=Severity.WARNING, converter=to_severity)

    def check(self, context: Context) -> Iterator[Finding]:
        """Yield one finding per unaligned objective below the top level."""
        top = _top_rank(context)
        for objective in context.plan.objectives:
            if context.rank(objective.level) > top and not context.parents(objective.id):
                yield context.finding(
                    self, objective.id, title=objective.title, level=objective.level
                )


@attrs.frozen(kw_only=True)
class AlignedKPI:
    """SMART-R02: a KPI below the top level aligns to a parent goal or theme."""

    code: ClassVar[str] = "SMART-R02"
    severity: Severity = attrs.field(default=Severity.INFO, converter=to_severity)

    def check(self, context: Context) -> Iterator[Finding]:
        """Yield one finding per unaligned KPI below the top level."""
        top = _top_rank(context)
        for kpi in context.plan.kpis:
            if context.rank(kpi.level) > top and not context.parents(kpi.id):
                yield context.finding(self, kpi.id, title=kpi.title, level=kpi.level)


# -- Time-bound -------------------------------------------------------------


@attrs.frozen(kw_only=True)
class TimeBound:
    """SMART-T01: a goal has a period or a deadline.

    In a plan every key result has its objective's period. A key result
    checked on its own needs a due date (binary), dated milestones, or a
    deadline in its wording ("within a month", "by 30 June", "6月30日前").
    """

    code: ClassVar[str] = "SMART-T01"
    severity: Severity = attrs.field(default=Severity.WARNING, converter=to_severity)

    def check(self, context: Context) -> Iterator[Finding]:
        """Yield one finding per key result with neither a period nor a deadline."""
        for _, kr in context.key_results():
            if context.period_of(kr.id) is not None:
                continue
            measure = kr.measure
            if isinstance(measure, Binary) and measure.due is not None:
                continue
            if isinstance(measure, Checklist) and any(m.due for m in measure.milestones):
                continue
            if states_deadline(kr.title, context.lexicons):
                continue
            yield context.finding(self, kr.id, title=kr.title)


@attrs.frozen(kw_only=True)
class DeadlinesInPeriod:
    """SMART-T02: milestone, binary and initiative due dates fall inside the period."""

    code: ClassVar[str] = "SMART-T02"
    severity: Severity = attrs.field(default=Severity.WARNING, converter=to_severity)

    def check(self, context: Context) -> Iterator[Finding]:
        """Yield one finding per deadline outside its period."""
        for _, kr in context.key_results():
            period = context.period_of(kr.id)
            if period is None:
                continue
            dues: list[tuple[str, str, object]] = []
            measure = kr.measure
            if isinstance(measure, Binary) and measure.due is not None:
                dues.append((kr.id, kr.title, measure.due))
            if isinstance(measure, Checklist):
                dues.extend((kr.id, m.title, m.due) for m in measure.milestones if m.due)
            dues.extend((i.id, i.title, i.due) for i in kr.initiatives if i.due is not None)
            for goal_id, item, due in dues:
                if due not in period:
                    yield context.finding(
                        self,
                        goal_id,
                        item=item,
                        due=due,
                        period=period,
                        start=period.start,
                        end=period.end,
                    )


SMART_RULES = (
    VagueWording(),
    UnitGiven(),
    BaselineGiven(),
    ConcreteMilestones(),
    HasKeyResults(),
    ImplausibleJump(),
    Sandbagging(),
    AlignedObjective(),
    AlignedKPI(),
    TimeBound(),
    DeadlinesInPeriod(),
)
"""Every SMART rule with its default settings."""
