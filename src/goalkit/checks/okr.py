"""OKR practice rules: counts, wording, copied goals, round targets, balance, data, cycles.

Defaults come from practice (objectives per owner and cycle 3-5, key results
per objective 2-4, about half of objectives bottom-up, quarterly cycles).

>>> from goalkit.checks import check
>>> from goalkit.examples import example_plan
>>> "OKR-COPY-01" in check(example_plan(), profile="okr").codes
True
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import date
from enum import Enum
from fractions import Fraction
from typing import Any, ClassVar, TypeVar

import attrs

from goalkit._numbers import Number, exact
from goalkit._show import show
from goalkit._validation import Problems, attrs_whole_number, require_enum
from goalkit.checks.findings import Finding, Severity, to_severity
from goalkit.checks.lexicons import has_number, normalise, task_verb
from goalkit.checks.messages import show_number, show_share
from goalkit.checks.rules import Context, attrs_flag
from goalkit.exceptions import ValidationError
from goalkit.goals import KPI, Horizon, Objective, Origin, Perspective
from goalkit.measures import FIRST_CHECK_IN, Binary, Checklist
from goalkit.periods import Period, PeriodKind

__all__ = [
    "BottomUpShare",
    "CheckInMissing",
    "CheckInOverdue",
    "CopiedKeyResult",
    "CycleKind",
    "HorizonBalance",
    "KeyResultAsTask",
    "ObjectiveAsMetric",
    "PerspectiveBalance",
    "RoundTarget",
    "TooFewKeyResults",
    "TooFewObjectives",
    "TooManyKeyResults",
    "TooManyObjectives",
    "is_round",
]


_E = TypeVar("_E", bound=Enum)


def _share(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    problems = Problems()
    if problems.number(attribute.name, value) and not 0 <= exact(value) <= 1:
        problems.add(
            attribute.name, value, f"'{attribute.name}' must be from 0 to 1 (got {show(value)})"
        )
    problems.raise_if_any()


def _invalid(name: str, value: object, what: str) -> Exception:
    return ValidationError.single(name, value, f"'{name}' must be {what} (got {show(value)})")


def _by_owner_and_period(objectives: Iterable[Objective]) -> dict[tuple[str, Period], list[str]]:
    groups: dict[tuple[str, Period], list[str]] = {}
    for objective in objectives:
        groups.setdefault((objective.owner, objective.period), []).append(objective.id)
    return groups


# -- counts -----------------------------------------------------------------


@attrs.frozen(kw_only=True)
class TooManyObjectives:
    """OKR-COUNT-01: an owner has more than ``max`` objectives in one cycle (default 5)."""

    code: ClassVar[str] = "OKR-COUNT-01"
    severity: Severity = attrs.field(default=Severity.WARNING, converter=to_severity)
    max: int = attrs.field(default=5, validator=attrs_whole_number)

    def check(self, context: Context) -> Iterator[Finding]:
        """Yield one plan-wide finding per owner and cycle over the limit."""
        for (owner, period), ids in _by_owner_and_period(context.plan.objectives).items():
            if len(ids) > self.max:
                yield context.finding(
                    self, None, owner=owner, period=period, count=len(ids), max=self.max
                )


@attrs.frozen(kw_only=True)
class TooFewObjectives:
    """OKR-COUNT-02: owners with fewer than ``min`` objectives in one cycle (default 3).

    One plan-wide finding per cycle names every such owner: a short list is
    often fine (a small team, one person), so it is information, not a warning.
    """

    code: ClassVar[str] = "OKR-COUNT-02"
    severity: Severity = attrs.field(default=Severity.INFO, converter=to_severity)
    min: int = attrs.field(default=3, validator=attrs_whole_number)

    def check(self, context: Context) -> Iterator[Finding]:
        """Yield one plan-wide finding per cycle with owners under the limit."""
        short: dict[Period, list[str]] = {}
        for (owner, period), ids in _by_owner_and_period(context.plan.objectives).items():
            if len(ids) < self.min:
                short.setdefault(period, []).append(f"{owner} ({len(ids)})")
        for period, owners in short.items():
            yield context.finding(
                self,
                None,
                owners=context.join(owners),
                count=len(owners),
                period=period,
                min=self.min,
            )


@attrs.frozen(kw_only=True)
class TooManyKeyResults:
    """OKR-COUNT-03: an objective has more than ``max`` key results (default 4; some allow 5)."""

    code: ClassVar[str] = "OKR-COUNT-03"
    severity: Severity = attrs.field(default=Severity.WARNING, converter=to_severity)
    max: int = attrs.field(default=4, validator=attrs_whole_number)

    def check(self, context: Context) -> Iterator[Finding]:
        """Yield one finding per objective over the limit."""
        for objective in context.plan.objectives:
            count = len(objective.key_results)
            if count > self.max:
                yield context.finding(
                    self, objective.id, title=objective.title, count=count, max=self.max
                )


@attrs.frozen(kw_only=True)
class TooFewKeyResults:
    """OKR-COUNT-04: an objective has fewer than ``min`` key results (default 2).

    An objective with none is SMART-M04's error, not this rule's.
    """

    code: ClassVar[str] = "OKR-COUNT-04"
    severity: Severity = attrs.field(default=Severity.WARNING, converter=to_severity)
    min: int = attrs.field(default=2, validator=attrs_whole_number)

    def check(self, context: Context) -> Iterator[Finding]:
        """Yield one finding per objective with some, but too few, key results."""
        for objective in context.plan.objectives:
            count = len(objective.key_results)
            if 0 < count < self.min:
                yield context.finding(
                    self, objective.id, title=objective.title, count=count, min=self.min
                )


# -- wording ----------------------------------------------------------------


@attrs.frozen(kw_only=True)
class ObjectiveAsMetric:
    """OKR-FORM-01: an objective phrased as a bare metric (it states a number)."""

    code: ClassVar[str] = "OKR-FORM-01"
    severity: Severity = attrs.field(default=Severity.WARNING, converter=to_severity)

    def check(self, context: Context) -> Iterator[Finding]:
        """Yield one finding per objective whose title has a number."""
        for objective in context.plan.objectives:
            if has_number(objective.title, context.lexicons):
                yield context.finding(self, objective.id, title=objective.title)


@attrs.frozen(kw_only=True)
class KeyResultAsTask:
    """OKR-FORM-02: a key result phrased as a task ("launch X") with no number."""

    code: ClassVar[str] = "OKR-FORM-02"
    severity: Severity = attrs.field(default=Severity.WARNING, converter=to_severity)

    def check(self, context: Context) -> Iterator[Finding]:
        """Yield one finding per key result that reads as a task."""
        for _, kr in context.key_results():
            verb = task_verb(kr.title, context.lexicons)
            if verb is not None and not has_number(kr.title, context.lexicons):
                yield context.finding(self, kr.id, title=kr.title, verb=verb)


@attrs.frozen(kw_only=True)
class CopiedKeyResult:
    """OKR-COPY-01: an upper level's key result copied as a lower level's objective.

    Titles are compared after folding case, width, whitespace and punctuation.
    """

    code: ClassVar[str] = "OKR-COPY-01"
    severity: Severity = attrs.field(default=Severity.WARNING, converter=to_severity)

    def check(self, context: Context) -> Iterator[Finding]:
        """Yield one finding per objective whose title repeats a higher key result."""
        higher: dict[str, list[tuple[int, str]]] = {}
        for objective, kr in context.key_results():
            higher.setdefault(normalise(kr.title), []).append(
                (context.rank(objective.level), kr.title)
            )
        for objective in context.plan.objectives:
            rank = context.rank(objective.level)
            for source_rank, source in higher.get(normalise(objective.title), ()):
                if source_rank < rank:
                    yield context.finding(self, objective.id, title=objective.title, source=source)
                    break


# -- targets ----------------------------------------------------------------


def is_round(value: Number, minimum: Number = 100) -> bool:
    """Whether ``value`` is a round number: one digit then zeros, at least ``minimum``.

    >>> is_round(1_000_000), is_round(500), is_round(2_600_000), is_round(50)
    (True, True, False, False)
    """
    amount = exact(value)
    if amount < 0:
        amount = -amount
    if isinstance(amount, float):
        if not amount.is_integer():
            return False
        whole = int(amount)
    elif amount.denominator != 1:
        return False
    else:
        whole = amount.numerator
    if whole == 0 or whole < exact(minimum):
        return False
    while whole % 10 == 0:
        whole //= 10
    return whole < 10


def _check_minimum(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    problems = Problems()
    if problems.number(attribute.name, value) and exact(value) < 10:
        problems.add(attribute.name, value, f"'{attribute.name}' must be >= 10 (got {show(value)})")
    problems.raise_if_any()


@attrs.frozen(kw_only=True)
class RoundTarget:
    """OKR-TARGET-01: a round-number target (1,000,000; 100 days) with no baseline behind it.

    A target is round when it is one digit followed by zeros and at least
    ``minimum`` (default 100). It has a baseline when the target says one,
    or a check-in on or before the period's start gives one; targets stated
    as a change from a baseline are never flagged.
    """

    code: ClassVar[str] = "OKR-TARGET-01"
    severity: Severity = attrs.field(default=Severity.WARNING, converter=to_severity)
    minimum: Number = attrs.field(default=100, validator=_check_minimum)

    def check(self, context: Context) -> Iterator[Finding]:
        """Yield one finding per key result with a round target and no baseline."""
        for _, kr in context.key_results():
            target = kr.target
            if target is None or target.target is None or target.change is not None:
                continue
            if target.baseline is not None and target.baseline is not FIRST_CHECK_IN:
                continue
            period = context.period_of(kr.id)
            if period is not None and kr.history.latest(period.start) is not None:
                continue
            if is_round(target.target, self.minimum):
                yield context.finding(
                    self, kr.id, title=kr.title, target=show_number(target.target)
                )


# -- balance ----------------------------------------------------------------


@attrs.frozen(kw_only=True)
class BottomUpShare:
    """OKR-ORIGIN-01: fewer than ``min_share`` of a cycle's objectives come from the bottom up.

    Negotiated objectives count ``negotiated_weight`` (default half) each.
    Objectives at the plan's top level have no level above to come from and
    are left out unless ``include_top`` is set.

    Attributes:
        min_share: The least share expected (default 0.5; one source says 0.6).
        negotiated_weight: How much a negotiated objective counts, 0 to 1.
        include_top: Whether top-level objectives count.
    """

    code: ClassVar[str] = "OKR-ORIGIN-01"
    severity: Severity = attrs.field(default=Severity.WARNING, converter=to_severity)
    min_share: Number = attrs.field(default=Fraction(1, 2), validator=_share)
    negotiated_weight: Number = attrs.field(default=Fraction(1, 2), validator=_share)
    include_top: bool = attrs.field(default=False, validator=attrs_flag)

    def check(self, context: Context) -> Iterator[Finding]:
        """Yield one plan-wide finding per cycle under the share."""
        objectives = context.plan.objectives
        top = min((context.rank(o.level) for o in objectives), default=0)
        by_period: dict[Period, list[Objective]] = {}
        for objective in objectives:
            if self.include_top or context.rank(objective.level) > top:
                by_period.setdefault(objective.period, []).append(objective)
        weights = {
            Origin.BOTTOM_UP: exact(1),
            Origin.NEGOTIATED: exact(self.negotiated_weight),
            Origin.TOP_DOWN: exact(0),
        }
        for period, group in by_period.items():
            share = sum((weights[o.origin] for o in group), start=exact(0)) / len(group)
            if share < exact(self.min_share):
                yield context.finding(
                    self,
                    None,
                    period=period,
                    share=show_share(share),
                    min_share=show_share(exact(self.min_share)),
                )


@attrs.frozen(kw_only=True)
class HorizonBalance:
    """OKR-BALANCE-01: short-term and long-term goals out of balance.

    Among objectives and KPIs tagged with a horizon (at least ``min_tagged``
    of them), each horizon should hold at least ``min_share``.

    Attributes:
        min_share: The least share of either horizon (default 0.2).
        min_tagged: How many tagged goals it takes to judge (default 2).
    """

    code: ClassVar[str] = "OKR-BALANCE-01"
    severity: Severity = attrs.field(default=Severity.INFO, converter=to_severity)
    min_share: Number = attrs.field(default=Fraction(1, 5), validator=_share)
    min_tagged: int = attrs.field(default=2, validator=attrs_whole_number)

    def check(self, context: Context) -> Iterator[Finding]:
        """Yield a plan-wide finding for a horizon under its share."""
        goals: list[Objective | KPI] = [*context.plan.objectives, *context.plan.kpis]
        tagged = [g.horizon for g in goals if g.horizon is not None]
        if not tagged or len(tagged) < self.min_tagged:
            return
        for horizon in Horizon:
            share = exact(tagged.count(horizon)) / len(tagged)
            if share < exact(self.min_share):
                yield context.finding(
                    self,
                    None,
                    horizon=context.label(horizon.value),
                    share=show_share(share),
                    count=len(tagged),
                    min_share=show_share(exact(self.min_share)),
                )


def _members(kind: type[_E], name: str) -> Callable[[Any], tuple[_E, ...]]:
    """A converter to a tuple of ``kind`` members, refusing anything else with the one message."""

    def convert(value: Any) -> tuple[_E, ...]:
        if isinstance(value, str | bytes) or not isinstance(value, Iterable):
            raise ValidationError.single(
                name,
                value,
                f"'{name}' must be a sequence of {kind.__name__} values (got {show(value)})",
            )
        problems = Problems()
        members: list[_E] = []
        for index, item in enumerate(value):
            with problems.under(""):
                members.append(require_enum(f"{name}[{index}]", item, kind))
        problems.raise_if_any()
        return tuple(members)

    convert.__name__ = f"to_{name}"
    return convert


_to_perspectives = _members(Perspective, "perspectives")


def _perspectives(value: Any) -> tuple[Perspective, ...]:
    return _to_perspectives(value)


@attrs.frozen(kw_only=True)
class PerspectiveBalance:
    """OKR-BALANCE-02: a balanced-scorecard perspective that no goal serves.

    Judged only once some objective or KPI is tagged with a perspective.

    Attributes:
        perspectives: The perspectives expected (default: all four).
    """

    code: ClassVar[str] = "OKR-BALANCE-02"
    severity: Severity = attrs.field(default=Severity.INFO, converter=to_severity)
    perspectives: tuple[Perspective, ...] = attrs.field(
        default=tuple(Perspective), converter=_perspectives
    )

    def check(self, context: Context) -> Iterator[Finding]:
        """Yield one plan-wide finding per perspective with no goal."""
        goals: list[Objective | KPI] = [*context.plan.objectives, *context.plan.kpis]
        served = {g.perspective for g in goals if g.perspective is not None}
        if not served:
            return
        for perspective in self.perspectives:
            if perspective not in served:
                yield context.finding(self, None, perspective=context.label(perspective.value))


# -- data and cycles ----------------------------------------------------------


def _open_key_results(context: Context) -> Iterator[tuple[str, str, Period, date | None, date]]:
    """Metric and open binary key results: id, title, period, last check-in day, reference day."""
    at = context.at
    assert at is not None
    for _, kr in context.key_results():
        period = context.period_of(kr.id)
        if period is None or at < period.start or isinstance(kr.measure, Checklist):
            continue
        reference = min(at, period.end)
        latest = kr.history.latest(reference)
        if isinstance(kr.measure, Binary) and latest is not None and latest.value == 1:
            continue
        last = None if latest is None or latest.day < period.start else latest.day
        yield kr.id, kr.title, period, last, reference


@attrs.frozen(kw_only=True)
class CheckInMissing:
    """OKR-DATA-01: a key result with no check-in more than ``max_gap_days`` into its period.

    Milestone key results move by their milestones and are left out, as are
    binary key results already done. Needs the check's day.
    """

    code: ClassVar[str] = "OKR-DATA-01"
    severity: Severity = attrs.field(default=Severity.WARNING, converter=to_severity)
    max_gap_days: int = attrs.field(default=14, validator=attrs_whole_number)

    def check(self, context: Context) -> Iterator[Finding]:
        """Yield one finding per key result still without a check-in."""
        if context.at is None:
            context.skip(self, "note.needs_day")
            return
        for goal_id, title, period, last, reference in _open_key_results(context):
            days = (reference - period.start).days
            if last is None and days > self.max_gap_days:
                yield context.finding(self, goal_id, title=title, days=days, period=period)


@attrs.frozen(kw_only=True)
class CheckInOverdue:
    """OKR-DATA-02: a key result's last check-in is more than ``max_gap_days`` old.

    The default of 14 days fits a fortnightly cadence; set 7 for weekly
    check-ins. Needs the check's day.
    """

    code: ClassVar[str] = "OKR-DATA-02"
    severity: Severity = attrs.field(default=Severity.WARNING, converter=to_severity)
    max_gap_days: int = attrs.field(default=14, validator=attrs_whole_number)

    def check(self, context: Context) -> Iterator[Finding]:
        """Yield one finding per key result whose data is stale."""
        if context.at is None:
            context.skip(self, "note.needs_day")
            return
        for goal_id, title, _, last, reference in _open_key_results(context):
            if last is not None and (reference - last).days > self.max_gap_days:
                yield context.finding(
                    self,
                    goal_id,
                    title=title,
                    last=last,
                    days=(reference - last).days,
                    max_days=self.max_gap_days,
                )


_to_kinds = _members(PeriodKind, "allowed")


def _kinds(value: Any) -> tuple[PeriodKind, ...]:
    return _to_kinds(value)


@attrs.frozen(kw_only=True)
class CycleKind:
    """OKR-CYCLE-01: an objective's cycle is not a month or a quarter.

    A custom period as long as a month (28-31 days) or a quarter (89-92 days)
    passes.

    Attributes:
        allowed: The period kinds that pass.
    """

    code: ClassVar[str] = "OKR-CYCLE-01"
    severity: Severity = attrs.field(default=Severity.WARNING, converter=to_severity)
    allowed: tuple[PeriodKind, ...] = attrs.field(
        default=(PeriodKind.MONTH, PeriodKind.QUARTER, PeriodKind.FISCAL_QUARTER),
        converter=_kinds,
    )

    def check(self, context: Context) -> Iterator[Finding]:
        """Yield one finding per objective on another kind of cycle."""
        for objective in context.plan.objectives:
            period = objective.period
            if period.kind in self.allowed:
                continue
            if period.kind is PeriodKind.CUSTOM and (
                28 <= period.days <= 31 or 89 <= period.days <= 92
            ):
                continue
            yield context.finding(
                self, objective.id, title=objective.title, period=period, kind=period.kind.value
            )


OKR_RULES = (
    TooManyObjectives(),
    TooFewObjectives(),
    TooManyKeyResults(),
    TooFewKeyResults(),
    ObjectiveAsMetric(),
    KeyResultAsTask(),
    CopiedKeyResult(),
    RoundTarget(),
    BottomUpShare(),
    HorizonBalance(),
    PerspectiveBalance(),
    CheckInMissing(),
    CheckInOverdue(),
    CycleKind(),
)
"""Every OKR practice rule with its default settings (grading rules live in ``grades``)."""
