"""The goals themselves: objectives, key results, KPIs, initiatives and themes.

Google's chain *mission -> strategy -> objective -> key result -> task* is written
with :class:`Theme` (mission, vision, strategy, theme), :class:`Objective`,
:class:`KeyResult` and :class:`Initiative`. A :class:`KPI` is a separate kind of
thing: an ongoing health indicator, not a change to reach by a date.

>>> from datetime import date
>>> kr = KeyResult.metric(
...     id="kr-nps", title="Raise NPS from 20 to 45",
...     target=Target.increase(from_=20, to=45), unit="points",
... )
>>> objective = Objective(
...     id="o-love", title="Customers love our onboarding", owner="team-cx",
...     level="team", period=Period.quarter(2026, 3), key_results=[kr],
... )
>>> objective.key_results[0].id
'kr-nps'
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from enum import StrEnum
from typing import Self, cast

import attrs

from goalkit._numbers import Number, coerce, coerce_optional
from goalkit._show import show
from goalkit._validation import Problems, at, to_enum
from goalkit.exceptions import ValidationError
from goalkit.measures import (
    Binary,
    CheckIn,
    Checklist,
    Checkpoint,
    History,
    Measure,
    Milestone,
    Target,
    Threshold,
    to_tuple,
)
from goalkit.periods import Frequency, Period, check_day

__all__ = [
    "DEFAULT_LEVELS",
    "KPI",
    "Aggregation",
    "Commitment",
    "Goal",
    "Horizon",
    "Initiative",
    "InitiativeStatus",
    "KeyResult",
    "Level",
    "Objective",
    "Origin",
    "Perspective",
    "Polarity",
    "Theme",
    "ThemeKind",
]


class Level(StrEnum):
    """The default organisational levels, top to bottom.

    Levels are plain strings on goals, so an organisation may use its own names
    (``"division"``, ``"squad"``) and declare their order on the plan.
    """

    COMPANY = "company"
    DEPARTMENT = "department"
    TEAM = "team"
    INDIVIDUAL = "individual"


DEFAULT_LEVELS: tuple[str, ...] = tuple(level.value for level in Level)
"""The default level names, top to bottom."""


class Commitment(StrEnum):
    """Committed OKRs are expected to reach 1.0; aspirational ones about 0.7."""

    COMMITTED = "committed"
    ASPIRATIONAL = "aspirational"


class Origin(StrEnum):
    """Who proposed a goal (management by objectives)."""

    TOP_DOWN = "top_down"
    BOTTOM_UP = "bottom_up"
    NEGOTIATED = "negotiated"


class Perspective(StrEnum):
    """The balanced-scorecard perspective a goal serves."""

    FINANCIAL = "financial"
    CUSTOMER = "customer"
    INTERNAL_PROCESS = "internal_process"
    LEARNING_GROWTH = "learning_growth"


class Horizon(StrEnum):
    """Whether a goal pays off in the short or the long term."""

    SHORT = "short"
    LONG = "long"


class Polarity(StrEnum):
    """Which values of a KPI are good."""

    HIGHER_IS_BETTER = "higher_is_better"
    LOWER_IS_BETTER = "lower_is_better"
    WITHIN_RANGE = "within_range"


class Aggregation(StrEnum):
    """How a KPI's values within one frequency window combine into one."""

    SUM = "sum"
    MEAN = "mean"
    LAST = "last"
    MIN = "min"
    MAX = "max"
    COUNT = "count"


class ThemeKind(StrEnum):
    """The nodes above objectives in Google's chain."""

    MISSION = "mission"
    VISION = "vision"
    STRATEGY = "strategy"
    THEME = "theme"


class InitiativeStatus(StrEnum):
    """Where a task under a key result stands."""

    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    DROPPED = "dropped"


def _check_id(problems: Problems, value: object) -> None:
    if problems.text("id", value):
        assert isinstance(value, str)
        if value != value.strip():
            problems.add("id", value, f"'id' must not start or end with spaces (got {show(value)})")


def _check_optional_text(problems: Problems, name: str, value: object) -> None:
    if value is not None:
        problems.text(name, value)


def _check_description(problems: Problems, value: object) -> None:
    if not isinstance(value, str):
        problems.add("description", value, f"'description' must be a string (got {show(value)})")


_TO_COMMITMENT = to_enum(Commitment)
_TO_ORIGIN = to_enum(Origin)
_TO_PERSPECTIVE = to_enum(Perspective)
_TO_HORIZON = to_enum(Horizon)
_TO_POLARITY = to_enum(Polarity)
_TO_FREQUENCY = to_enum(Frequency)
_TO_AGGREGATION = to_enum(Aggregation)
_TO_THEME_KIND = to_enum(ThemeKind)
_TO_INITIATIVE_STATUS = to_enum(InitiativeStatus)


# attrs' mypy plugin needs named converter functions, one per field type. Each
# takes an enum's value as well as the member and leaves anything else (None
# included) for validation to report with the allowed values.
def _commitment(value: Commitment | str) -> Commitment:
    return cast(Commitment, _TO_COMMITMENT(value))


def _origin(value: Origin | str) -> Origin:
    return cast(Origin, _TO_ORIGIN(value))


def _perspective(value: Perspective | str | None) -> Perspective | None:
    return cast("Perspective | None", _TO_PERSPECTIVE(value))


def _horizon(value: Horizon | str | None) -> Horizon | None:
    return cast("Horizon | None", _TO_HORIZON(value))


def _polarity(value: Polarity | str) -> Polarity:
    return cast(Polarity, _TO_POLARITY(value))


def _frequency(value: Frequency | str) -> Frequency:
    return cast(Frequency, _TO_FREQUENCY(value))


def _aggregation(value: Aggregation | str) -> Aggregation:
    return cast(Aggregation, _TO_AGGREGATION(value))


def _theme_kind(value: ThemeKind | str) -> ThemeKind:
    return cast(ThemeKind, _TO_THEME_KIND(value))


def _initiative_status(value: InitiativeStatus | str) -> InitiativeStatus:
    return cast(InitiativeStatus, _TO_INITIATIVE_STATUS(value))


def _number(value: Number) -> Number:
    return cast(Number, coerce(value))


def _optional_number(value: Number | None) -> Number | None:
    return cast("Number | None", coerce_optional(value))


def _history(value: History | Iterable[CheckIn]) -> History:
    """A history from check-ins; anything else is left for validation to report.

    A history that refuses its check-ins is left as their tuple too, so its
    problems are reported together with the goal's other problems.
    """
    if isinstance(value, History):
        return value
    items = to_tuple(value)
    if not isinstance(items, tuple):
        return cast(History, value)
    try:
        return History(items)
    except ValidationError:
        return cast(History, items)


def _check_history(problems: Problems, value: object) -> bool:
    """Record the problems of a history field that is not a :class:`History`."""
    if isinstance(value, History):
        return True
    if isinstance(value, tuple):
        with problems.under("history"):
            History(value)
    else:
        problems.add(
            "history",
            value,
            f"'history' must be a History or a list of CheckIn (got {show(value)})",
        )
    return False


def _check_sequence(problems: Problems, name: str, value: object, kind: type) -> bool:
    """Record a problem unless the sequence field ``name`` became a tuple."""
    if isinstance(value, tuple):
        return True
    problems.add(name, value, f"'{name}' must be a list of {kind.__name__} (got {show(value)})")
    return False


def _initiatives(value: Iterable[Initiative]) -> tuple[Initiative, ...]:
    return cast("tuple[Initiative, ...]", to_tuple(value))


def _milestone_tuple(value: Iterable[Milestone]) -> tuple[Milestone, ...]:
    return cast("tuple[Milestone, ...]", to_tuple(value))


def _checkpoints(value: Iterable[Checkpoint]) -> tuple[Checkpoint, ...]:
    return cast("tuple[Checkpoint, ...]", to_tuple(value))


def _thresholds(value: Iterable[Threshold]) -> tuple[Threshold, ...]:
    return cast("tuple[Threshold, ...]", to_tuple(value))


@attrs.frozen(kw_only=True)
class Initiative:
    """A task or project under a key result: the work, not the outcome.

    Attributes:
        id: Unique within the plan.
        title: What will be done.
        owner: Who does it (an opaque id).
        status: Where it stands.
        due: When it should be done.
        done_on: When it was done.
    """

    id: str
    title: str
    owner: str | None = None
    status: InitiativeStatus = attrs.field(
        default=InitiativeStatus.PLANNED, converter=_initiative_status
    )
    due: date | None = None
    done_on: date | None = None

    def __attrs_post_init__(self) -> None:
        problems = Problems()
        _check_id(problems, self.id)
        problems.text("title", self.title)
        _check_optional_text(problems, "owner", self.owner)
        problems.enum("status", self.status, InitiativeStatus)
        check_day(problems, "due", self.due, optional=True)
        check_day(problems, "done_on", self.done_on, optional=True)
        problems.raise_if_any()


@attrs.frozen(kw_only=True)
class KeyResult:
    """A measurable result that shows an objective was reached.

    The :attr:`measure` says what kind it is: a metric (:class:`Target`), a
    weighted checklist of milestones (:class:`Checklist`) or done/not done
    (:class:`Binary`). Use :meth:`metric`, :meth:`milestones` or :meth:`binary`.

    Attributes:
        id: Unique within the plan.
        title: The key result as written.
        measure: What is measured and the target.
        unit: The unit of a metric ("%", "EUR", "customers", "days").
        weight: Its weight among the objective's key results (>= 0).
        owner: Who is accountable (an opaque id); the objective's owner if ``None``.
        history: The check-ins (for metric and binary key results).
        initiatives: The tasks that should move it.
        description: Longer free text.
        checkpoints: Optional phased targets of a metric (the value expected by
            a day), used by phased pace rules; unique days.
    """

    id: str
    title: str
    measure: Measure
    unit: str | None = None
    weight: Number = attrs.field(default=1, converter=_number)
    owner: str | None = None
    history: History = attrs.field(factory=History, converter=_history)
    initiatives: tuple[Initiative, ...] = attrs.field(default=(), converter=_initiatives)
    description: str = ""
    checkpoints: tuple[Checkpoint, ...] = attrs.field(default=(), converter=_checkpoints)

    def __attrs_post_init__(self) -> None:
        problems = Problems()
        _check_id(problems, self.id)
        problems.text("title", self.title)
        history_ok = _check_history(problems, self.history)
        days: set[date] = set()
        checkpoints = self.checkpoints
        if not _check_sequence(problems, "checkpoints", checkpoints, Checkpoint):
            checkpoints = ()
        for index, point in enumerate(checkpoints):
            if not isinstance(point, Checkpoint):
                problems.add(
                    at("checkpoints", index),
                    point,
                    f"'checkpoints' must hold Checkpoint objects (got {show(point)})",
                )
            elif point.day in days:
                problems.add(
                    at("checkpoints", index),
                    point,
                    f"'checkpoints' must have one checkpoint per day (got {point.day} twice)",
                )
            else:
                days.add(point.day)
        if checkpoints and not isinstance(self.measure, Target):
            problems.add(
                "checkpoints", checkpoints, "'checkpoints' are only for metric key results"
            )
        if not isinstance(self.measure, Target | Checklist | Binary):
            problems.add(
                "measure",
                self.measure,
                f"'measure' must be a Target, Checklist or Binary (got {show(self.measure)})",
            )
        _check_optional_text(problems, "unit", self.unit)
        problems.non_negative("weight", self.weight)
        _check_optional_text(problems, "owner", self.owner)
        _check_description(problems, self.description)
        if _check_sequence(problems, "initiatives", self.initiatives, Initiative):
            for index, item in enumerate(self.initiatives):
                if not isinstance(item, Initiative):
                    problems.add(
                        at("initiatives", index),
                        item,
                        f"'initiatives' must hold Initiative objects (got {show(item)})",
                    )
        if not history_ok:
            pass  # its problems are recorded; the rules below need a history
        elif isinstance(self.measure, Checklist) and self.history:
            problems.add(
                "history",
                self.history,
                "a milestone key result moves by marking milestones done (done_on), "
                "not by check-ins",
            )
        elif isinstance(self.measure, Binary):
            for index, check_in in enumerate(self.history):
                if check_in.value not in (0, 1):
                    problems.add(
                        f"history[{index}].value",
                        check_in.value,
                        f"a binary key result takes check-ins of 1 (done) or 0 (not done) "
                        f"(got {show(check_in.value)})",
                    )
        problems.raise_if_any()

    @classmethod
    def metric(
        cls,
        *,
        id: str,
        title: str,
        target: Target,
        unit: str | None = None,
        weight: Number = 1,
        owner: str | None = None,
        history: Iterable[CheckIn] | History = (),
        initiatives: Iterable[Initiative] = (),
        description: str = "",
        checkpoints: Iterable[Checkpoint] = (),
    ) -> Self:
        """A key result that moves a number toward a :class:`Target`.

        >>> KeyResult.metric(id="kr1", title="Cut processing to 2 days",
        ...                  target=Target.decrease(from_=5, to=2), unit="days").unit
        'days'
        """
        return cls(
            id=id, title=title, measure=target, unit=unit, weight=weight, owner=owner,
            history=history, initiatives=_initiatives(initiatives), description=description,
            checkpoints=_checkpoints(checkpoints),
        )  # fmt: skip

    @classmethod
    def milestones(
        cls,
        *,
        id: str,
        title: str,
        milestones: Iterable[Milestone],
        weight: Number = 1,
        owner: str | None = None,
        initiatives: Iterable[Initiative] = (),
        description: str = "",
    ) -> Self:
        """A key result made of weighted deliverables.

        >>> KeyResult.milestones(id="kr2", title="Brochure",
        ...                      milestones=[Milestone(title="16 pages printed")]).measure
        Checklist(milestones=(Milestone(title='16 pages printed', ...),))
        """
        return cls(
            id=id, title=title, measure=Checklist(milestones=_milestone_tuple(milestones)),
            weight=weight, owner=owner, initiatives=_initiatives(initiatives),
            description=description,
        )  # fmt: skip

    @classmethod
    def binary(
        cls,
        *,
        id: str,
        title: str,
        due: date | None = None,
        weight: Number = 1,
        owner: str | None = None,
        history: Iterable[CheckIn] | History = (),
        initiatives: Iterable[Initiative] = (),
        description: str = "",
    ) -> Self:
        """A key result that is either done (check-in 1) or not (check-in 0).

        >>> KeyResult.binary(id="kr3", title="Open the official account").measure
        Binary(due=None)
        """
        return cls(
            id=id, title=title, measure=Binary(due=due), weight=weight, owner=owner,
            history=history, initiatives=_initiatives(initiatives), description=description,
        )  # fmt: skip

    @property
    def target(self) -> Target | None:
        """The metric target, or ``None`` for milestone and binary key results."""
        return self.measure if isinstance(self.measure, Target) else None

    def with_check_in(self, check_in: CheckIn) -> KeyResult:
        """Return this key result with one more check-in."""
        if not isinstance(check_in, CheckIn):
            raise ValidationError.single(
                "check_in", check_in, f"'check_in' must be a CheckIn (got {show(check_in)})"
            )
        return attrs.evolve(self, history=self.history.append(check_in))


def _tuple_of_key_results(value: Iterable[KeyResult]) -> tuple[KeyResult, ...]:
    return cast("tuple[KeyResult, ...]", to_tuple(value))


@attrs.frozen(kw_only=True)
class Objective:
    """An ambitious, qualitative goal for one owner and one period.

    Attributes:
        id: Unique within the plan.
        title: The objective as written.
        owner: Who owns it (an opaque id: a person, team or unit).
        level: The organisational level, one of the plan's level names.
        period: The cycle it belongs to.
        key_results: How its achievement is measured.
        description: Longer free text.
        commitment: Committed (expected 1.0) or aspirational (about 0.7).
        origin: Who proposed it: top-down, bottom-up or negotiated.
        perspective: The balanced-scorecard perspective, if tagged.
        horizon: Short or long term, if tagged.

    Check-ins of its key results dated after the period's end are refused: data
    for a day the goal no longer covers belongs to the next cycle. Check-ins
    before the start are kept and count as readings of the starting point.
    """

    id: str
    title: str
    owner: str
    level: str
    period: Period
    key_results: tuple[KeyResult, ...] = attrs.field(default=(), converter=_tuple_of_key_results)
    description: str = ""
    commitment: Commitment = attrs.field(default=Commitment.ASPIRATIONAL, converter=_commitment)
    origin: Origin = attrs.field(default=Origin.TOP_DOWN, converter=_origin)
    perspective: Perspective | None = attrs.field(default=None, converter=_perspective)
    horizon: Horizon | None = attrs.field(default=None, converter=_horizon)

    def __attrs_post_init__(self) -> None:
        problems = Problems()
        _check_id(problems, self.id)
        problems.text("title", self.title)
        problems.text("owner", self.owner)
        problems.text("level", self.level)
        _check_description(problems, self.description)
        problems.enum("commitment", self.commitment, Commitment)
        problems.enum("origin", self.origin, Origin)
        problems.enum("perspective", self.perspective, Perspective, required=False)
        problems.enum("horizon", self.horizon, Horizon, required=False)
        period_ok = isinstance(self.period, Period)
        if not period_ok:
            problems.add(
                "period", self.period, f"'period' must be a Period (got {show(self.period)})"
            )
        results_ok = _check_sequence(problems, "key_results", self.key_results, KeyResult)
        for index, kr in enumerate(self.key_results if results_ok else ()):
            if not isinstance(kr, KeyResult):
                problems.add(
                    at("key_results", index),
                    kr,
                    f"'key_results' must hold KeyResult objects (got {show(kr)})",
                )
                results_ok = False
            elif period_ok and kr.history and kr.history[-1].day > self.period.end:
                # a history is sorted by day: only a late last check-in needs the search
                for position, check_in in enumerate(kr.history):
                    if check_in.day > self.period.end:
                        problems.add(
                            f"key_results[{index}].history[{position}].day",
                            check_in.day,
                            f"check-in on {check_in.day} is after the end of period "
                            f"{self.period} ({self.period.end}); record it in the next cycle",
                        )
        if results_ok and self.key_results and all(kr.weight == 0 for kr in self.key_results):
            problems.add(
                "key_results",
                tuple(kr.weight for kr in self.key_results),
                "key result weights must not all be zero",
            )
        problems.raise_if_any()

    def key_result(self, key_result_id: str) -> KeyResult:
        """The key result with id ``key_result_id``.

        Raises:
            KeyError: if there is none.
        """
        for kr in self.key_results:
            if kr.id == key_result_id:
                return kr
        raise KeyError(key_result_id)

    def with_key_result(self, key_result: KeyResult) -> Objective:
        """Return this objective with ``key_result`` replacing the one with its id, or added."""
        replaced = False
        results = []
        for kr in self.key_results:
            if kr.id == key_result.id:
                results.append(key_result)
                replaced = True
            else:
                results.append(kr)
        if not replaced:
            results.append(key_result)
        return attrs.evolve(self, key_results=tuple(results))


@attrs.frozen(kw_only=True)
class KPI:
    """A key performance indicator: an ongoing, regularly measured health metric.

    Unlike a :class:`KeyResult` it has no end date; it is measured every
    :attr:`frequency` and judged against thresholds.

    Attributes:
        id: Unique within the plan.
        title: What it measures ("Order processing time").
        owner: Who is accountable.
        level: The organisational level.
        unit: The unit of its values.
        polarity: Which values are good.
        frequency: How often it is measured.
        aggregation: How values within one frequency window combine.
        target: The value aimed for, if any (higher/lower is better).
        low: The lower edge of the good range (within-range polarity).
        high: The upper edge of the good range (within-range polarity).
        history: Its measurements.
        perspective: The balanced-scorecard perspective, if tagged.
        horizon: Short or long term, if tagged.
        description: Longer free text.
        thresholds: Named ranges of values (``red``/``amber``/``green`` or the
            organisation's own names), any number; they may touch but not overlap.

    >>> KPI(id="k-rt", title="Support response time", owner="cx", level="department",
    ...     unit="minutes", polarity="lower_is_better", frequency="weekly",
    ...     aggregation="mean", target=5).polarity
    <Polarity.LOWER_IS_BETTER: 'lower_is_better'>
    """

    id: str
    title: str
    owner: str
    level: str
    unit: str
    polarity: Polarity = attrs.field(default=Polarity.HIGHER_IS_BETTER, converter=_polarity)
    frequency: Frequency = attrs.field(default=Frequency.MONTHLY, converter=_frequency)
    aggregation: Aggregation = attrs.field(default=Aggregation.LAST, converter=_aggregation)
    target: Number | None = attrs.field(default=None, converter=_optional_number)
    low: Number | None = attrs.field(default=None, converter=_optional_number)
    high: Number | None = attrs.field(default=None, converter=_optional_number)
    history: History = attrs.field(factory=History, converter=_history)
    perspective: Perspective | None = attrs.field(default=None, converter=_perspective)
    horizon: Horizon | None = attrs.field(default=None, converter=_horizon)
    description: str = ""
    thresholds: tuple[Threshold, ...] = attrs.field(default=(), converter=_thresholds)

    def __attrs_post_init__(self) -> None:
        problems = Problems()
        _check_id(problems, self.id)
        problems.text("title", self.title)
        problems.text("owner", self.owner)
        problems.text("level", self.level)
        problems.text("unit", self.unit)
        if _check_sequence(problems, "thresholds", self.thresholds, Threshold):
            _check_thresholds(problems, self.thresholds)
        _check_history(problems, self.history)
        problems.enum("polarity", self.polarity, Polarity)
        problems.enum("frequency", self.frequency, Frequency)
        problems.enum("aggregation", self.aggregation, Aggregation)
        problems.enum("perspective", self.perspective, Perspective, required=False)
        problems.enum("horizon", self.horizon, Horizon, required=False)
        problems.optional_number("target", self.target)
        low_ok = problems.optional_number("low", self.low)
        high_ok = problems.optional_number("high", self.high)
        if self.polarity is Polarity.WITHIN_RANGE:
            if self.low is None or self.high is None:
                problems.add(
                    "low" if self.low is None else "high",
                    None,
                    "'low' and 'high' are required for a KPI whose polarity is within_range",
                )
            elif low_ok and high_ok:
                problems.not_above("low", self.low, "high", self.high)
        _check_description(problems, self.description)
        problems.raise_if_any()

    def with_check_in(self, check_in: CheckIn) -> KPI:
        """Return this KPI with one more measurement."""
        if not isinstance(check_in, CheckIn):
            raise ValidationError.single(
                "check_in", check_in, f"'check_in' must be a CheckIn (got {show(check_in)})"
            )
        return attrs.evolve(self, history=self.history.append(check_in))


def _check_thresholds(problems: Problems, thresholds: tuple[Threshold, ...]) -> None:
    valid: list[tuple[int, Threshold]] = []
    for index, item in enumerate(thresholds):
        if not isinstance(item, Threshold):
            problems.add(
                at("thresholds", index),
                item,
                f"'thresholds' must hold Threshold objects (got {show(item)})",
            )
            continue
        for other_index, other in valid:
            if item.overlaps(other):
                problems.add(
                    at("thresholds", index),
                    item,
                    f"threshold {show(item.name)} ({show(item.low)} to {show(item.high)}) "
                    f"overlaps thresholds[{other_index}] {show(other.name)} "
                    f"({show(other.low)} to {show(other.high)})",
                )
        valid.append((index, item))


@attrs.frozen(kw_only=True)
class Theme:
    """A node above objectives: a mission, vision, strategy or strategic theme.

    >>> Theme(id="m", title="Organise the world's information", kind="mission").kind
    <ThemeKind.MISSION: 'mission'>
    """

    id: str
    title: str
    kind: ThemeKind = attrs.field(default=ThemeKind.THEME, converter=_theme_kind)
    owner: str | None = None
    description: str = ""

    def __attrs_post_init__(self) -> None:
        problems = Problems()
        _check_id(problems, self.id)
        problems.text("title", self.title)
        problems.enum("kind", self.kind, ThemeKind)
        _check_optional_text(problems, "owner", self.owner)
        _check_description(problems, self.description)
        problems.raise_if_any()


Goal = Theme | Objective | KeyResult | KPI | Initiative
"""Anything a plan holds under an id."""
