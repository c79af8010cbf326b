"""Hypothesis strategies for goalkit objects, for property tests of your own code.

Importing this module needs `hypothesis <https://hypothesis.readthedocs.io>`_
(``pip install hypothesis``, or the ``goalkit-okr[tests]`` extra); goalkit itself
imports without it.

Every strategy builds **valid** objects by construction (no filtering), so
tests stay fast, and each takes keyword arguments to narrow what it draws:

>>> from hypothesis import given, settings
>>> from goalkit import strategies as gs
>>> @settings(max_examples=20)
... @given(gs.plans(max_objectives=3))
... def test_every_goal_has_a_unique_id(plan):
...     assert len(plan) == len({goal.id for goal in plan})
>>> test_every_goal_has_a_unique_id()

Guarantees of :func:`plans`, which integrations can rely on:

* ids are unique across the plan and made of ``[a-z0-9-]`` only;
* links only point from a goal to a goal *earlier* in plan order (themes,
  then each objective followed by its key results, then KPIs), so alignment
  is acyclic, and no link is repeated;
* every objective and KPI uses one of ``plan.levels``;
* weights (of key results, milestones and links) are positive, so every
  weighted roll-up is defined;
* check-ins of a key result fall on or before its objective's period end.
"""

from __future__ import annotations

import functools
import string
from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta
from decimal import Decimal
from fractions import Fraction
from typing import Any, ParamSpec, TypeVar

import attrs

try:
    from hypothesis import strategies as st
except ImportError as error:  # pragma: no cover - exercised only without hypothesis
    msg = (
        "goalkit.strategies needs hypothesis: install it with `pip install hypothesis` "
        '(or `pip install "goalkit-okr[tests]"`)'
    )
    raise ImportError(msg) from error

from goalkit._numbers import EXACT_CONTEXT, Number, exact, like
from goalkit._show import show
from goalkit.goals import (
    DEFAULT_LEVELS,
    KPI,
    Aggregation,
    Commitment,
    Horizon,
    Initiative,
    InitiativeStatus,
    KeyResult,
    Objective,
    Origin,
    Perspective,
    Polarity,
    Theme,
    ThemeKind,
)
from goalkit.measures import (
    FIRST_CHECK_IN,
    CheckIn,
    Checkpoint,
    Direction,
    History,
    Milestone,
    Target,
    Threshold,
)
from goalkit.periods import Frequency, Period
from goalkit.plan import Link, LinkKind, Plan

__all__ = [
    "NUMBER_KINDS",
    "check_ins",
    "days",
    "histories",
    "initiatives",
    "key_results",
    "kpis",
    "links",
    "milestones",
    "numbers",
    "objectives",
    "periods",
    "plans",
    "targets",
    "themes",
    "titles",
]

T = TypeVar("T")
P = ParamSpec("P")

NUMBER_KINDS: tuple[str, ...] = ("int", "decimal", "fraction", "float")
"""The kinds of number :func:`numbers` can draw, by name."""

_SMALL = 10_000

_FIRST_YEAR, _LAST_YEAR = date.min.year, date.max.year

#: Characters of generated titles: letters, digits, punctuation that needs
#: escaping somewhere (quotes, angle brackets, ampersands), a newline and
#: some non-ASCII text.
_TITLE_ALPHABET = string.ascii_letters + string.digits + " -'\"<>&%/\nüéß中文目标"


@functools.lru_cache(maxsize=64)
def titles(*, max_size: int = 30) -> st.SearchStrategy[str]:
    """Non-blank titles, including quotes, ``<>&``, newlines and non-ASCII letters.

    >>> from hypothesis import given
    >>> @given(titles())
    ... def test(title):
    ...     assert title.strip()
    >>> test()
    """
    return st.text(_TITLE_ALPHABET, min_size=1, max_size=max_size).filter(str.strip)


# Strategies are built once and cached: hypothesis validates every new
# strategy object on its first draw, which would dominate the cost of drawing
# a plan if composites built fresh ones each time.
@functools.lru_cache(maxsize=4096)
def _ints(low: int, high: int) -> st.SearchStrategy[int]:
    return st.integers(min_value=low, max_value=high)


def numbers(
    *,
    kinds: Sequence[str] = NUMBER_KINDS,
    min_value: int = -_SMALL,
    max_value: int = _SMALL,
) -> st.SearchStrategy[Number]:
    """Finite numbers of the kinds goalkit accepts, between two whole bounds.

    Args:
        draw: Supplied by hypothesis; callers never pass it.
        kinds: Which of ``"int"``, ``"decimal"``, ``"fraction"`` and ``"float"`` to draw.
        min_value: The smallest value (inclusive).
        max_value: The largest value (inclusive).

    Decimals keep trailing zeros (``Decimal('1.50')``), fractions are in lowest
    terms with small denominators, floats are finite and never ``-0.0``.

    >>> from hypothesis import given
    >>> @given(numbers(kinds=("decimal",), min_value=0, max_value=10))
    ... def test(value):
    ...     assert isinstance(value, Decimal) and 0 <= value <= 10
    >>> test()
    """
    return _numbers(tuple(kinds), min_value, max_value)


@functools.lru_cache(maxsize=256)
def _numbers(kinds: tuple[str, ...], min_value: int, max_value: int) -> st.SearchStrategy[Number]:
    unknown = set(kinds) - set(NUMBER_KINDS)
    if unknown or not kinds:
        msg = f"'kinds' must be some of {show(NUMBER_KINDS)} (got {show(tuple(kinds))})"
        raise ValueError(msg)
    options: list[st.SearchStrategy[Number]] = []
    if "int" in kinds:
        options.append(_ints(min_value, max_value))
    if "decimal" in kinds:
        options.append(
            st.sampled_from((0, 1, 2)).flatmap(
                lambda places: _ints(min_value * 10**places, max_value * 10**places).map(
                    lambda whole: Decimal(whole).scaleb(-places, EXACT_CONTEXT)
                )
            )
        )
    if "fraction" in kinds:
        options.append(
            st.sampled_from((1, 2, 3, 4, 6, 7, 12)).flatmap(
                lambda denominator: _ints(min_value * denominator, max_value * denominator).map(
                    lambda numerator: Fraction(numerator, denominator)
                )
            )
        )
    if "float" in kinds:
        options.append(
            st.floats(
                min_value=float(min_value),
                max_value=float(max_value),
                allow_nan=False,
                allow_infinity=False,
            ).map(lambda x: x + 0.0)  # -0.0 + 0.0 == 0.0: no negative zero
        )
    return st.one_of(options)


_BOOLEANS = st.booleans()
_LEVELS = st.one_of(
    st.just(DEFAULT_LEVELS),
    st.lists(
        st.sampled_from(("group", "division", "squad", "person")),
        min_size=1,
        max_size=4,
        unique=True,
    ).map(tuple),
)


@functools.lru_cache(maxsize=4096)
def _pick(options: tuple[T, ...]) -> st.SearchStrategy[T]:
    return st.sampled_from(options)


@functools.lru_cache(maxsize=4096)
def _maybe(strategy: st.SearchStrategy[T]) -> st.SearchStrategy[T | None]:
    return st.one_of(st.none(), strategy)


@functools.lru_cache(maxsize=256)
def _or_empty(strategy: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.one_of(st.just(""), strategy)


@functools.lru_cache(maxsize=256)
def _or_zero(strategy: st.SearchStrategy[Number]) -> st.SearchStrategy[Number]:
    return st.one_of(st.just(0), strategy)


def _memo(factory: Callable[P, T]) -> Callable[P, T]:
    """Reuse the strategy built for the same keyword arguments (when they hash)."""
    cache: dict[tuple[tuple[str, object], ...], T] = {}

    @functools.wraps(factory)
    def build(*args: P.args, **kwargs: P.kwargs) -> T:
        key = tuple(sorted(kwargs.items()))
        try:
            return cache[key] if not args else factory(*args, **kwargs)
        except KeyError:
            made = cache[key] = factory(*args, **kwargs)
            return made
        except TypeError:  # unhashable arguments such as lists: build afresh
            return factory(*args, **kwargs)

    return build


def _shifted(base: Number, delta: Number) -> Number:
    """``base + delta`` under goalkit's number policy, in ``base``'s type where exact."""
    return like(exact(base) + exact(delta), base)


def _positive(kinds: Sequence[str], high: int = 100) -> st.SearchStrategy[Number]:
    """Numbers from 1 to ``high``: weights, amounts, positive gaps."""
    return numbers(kinds=kinds, min_value=1, max_value=high)


@functools.lru_cache(maxsize=4096)
def days(
    *, min_value: date = date(2000, 1, 1), max_value: date = date(2099, 12, 31)
) -> st.SearchStrategy[date]:
    """Plain days (never datetimes) between two days, both included.

    >>> from hypothesis import given
    >>> @given(days(min_value=date(2026, 7, 1), max_value=date(2026, 7, 31)))
    ... def test(day):
    ...     assert day.month == 7
    >>> test()
    """
    return st.dates(min_value=min_value, max_value=max_value)


@_memo
@st.composite
def periods(draw: st.DrawFn, *, min_year: int = 2000, max_year: int = 2099) -> Period:
    """Periods of every kind: months, quarters, halves, years, fiscal ones, custom ranges.

    Fiscal periods start in any month; custom ranges last 1 to 400 days. Years
    are drawn strictly between ``min_year`` and ``max_year``, and within the
    calendar's 1 to 9999: no period ends after 9999-12-31, whatever the bounds.

    >>> from hypothesis import given
    >>> @given(periods())
    ... def test(period):
    ...     assert period.start <= period.end
    >>> test()
    """
    year = draw(_ints(max(min_year + 1, _FIRST_YEAR), min(max_year - 1, _LAST_YEAR)))
    kind = draw(_pick(("month", "quarter", "half", "year", "fy", "fq", "custom")))
    # fiscal year 1 starting after January would begin in year 0
    fiscal = draw(_ints(1, 12)) if year > _FIRST_YEAR else 1
    match kind:
        case "month":
            return Period.month(year, draw(_ints(1, 12)))
        case "quarter":
            return Period.quarter(year, draw(_ints(1, 4)))
        case "half":
            return Period.half(year, draw(_ints(1, 2)))
        case "year":
            return Period.year(year)
        case "fy":
            return Period.fiscal_year(year, start_month=fiscal)
        case "fq":
            return Period.fiscal_quarter(year, draw(_ints(1, 4)), start_month=fiscal)
        case _:
            start = draw(days(min_value=date(year, 1, 1), max_value=date(year, 12, 31)))
            length = draw(_ints(0, min(399, (date.max - start).days)))
            return Period.custom(start, start + timedelta(days=length))


@_memo
@st.composite
def targets(
    draw: st.DrawFn,
    *,
    directions: Sequence[Direction] = tuple(Direction),
    kinds: Sequence[str] = NUMBER_KINDS,
    first_check_in: bool = True,
    changes: bool = True,
    stretch: bool = True,
    holds: bool = False,
) -> Target:
    """Valid targets in every direction.

    Args:
        draw: Supplied by hypothesis; callers never pass it.
        directions: Which directions to draw.
        kinds: Which number kinds to use (see :func:`numbers`).
        first_check_in: Whether increase/decrease targets may take their
            baseline from the first check-in (:data:`~goalkit.FIRST_CHECK_IN`).
        changes: Whether targets may be stated as a change (``by``, ``by_percent``).
        stretch: Whether a stretch value may be drawn.
        holds: Whether increase/decrease targets stated with ``to`` may hold
            at their baseline (target equal to baseline: met while the value
            stays there or beyond it).

    Targets stated as a percentage change have a positive baseline, and
    decreases by a percentage stay below 100 %, so the target is always well
    defined.

    >>> from hypothesis import given
    >>> @given(targets(directions=[Direction.DECREASE], first_check_in=False))
    ... def test(target):
    ...     assert target.target < target.baseline
    >>> test()
    """
    direction = draw(_pick(tuple(directions)))
    value = numbers(kinds=kinds, min_value=-1000, max_value=1000)
    gap = _positive(kinds)
    if direction is Direction.WITHIN:
        low = draw(value)
        high = _shifted(low, draw(_or_zero(gap)))
        baseline = draw(_maybe(value))
        return Target.within(low, high, baseline=baseline)
    if direction in (Direction.AT_LEAST, Direction.AT_MOST):
        threshold = draw(value)
        beyond = None
        if stretch and draw(_BOOLEANS):
            beyond = _shifted(threshold, direction.sign * draw(gap))
        baseline = draw(_maybe(value))
        side = Target.at_least if direction is Direction.AT_LEAST else Target.at_most
        return side(threshold, stretch=beyond, baseline=baseline)
    sign = direction.sign
    make = Target.increase if direction is Direction.INCREASE else Target.decrease
    style = draw(_pick(("to", "by", "by_percent", "implied") if changes else ("to",)))
    from_first = first_check_in and draw(st.integers(0, 4)) == 0
    if style == "to":
        goal = draw(value)
        away = draw(_or_zero(gap) if holds else gap)
        start = FIRST_CHECK_IN if from_first else _shifted(goal, -sign * away)
        result = make(from_=start, to=goal)
    elif style == "by":
        start_number = draw(value)
        result = make(from_=FIRST_CHECK_IN if from_first else start_number, by=draw(gap))
    elif style == "by_percent":
        start_number = draw(numbers(kinds=kinds, min_value=1, max_value=1000))
        percent = draw(numbers(kinds=kinds, min_value=1, max_value=99 if sign < 0 else 200))
        result = make(from_=FIRST_CHECK_IN if from_first else start_number, by_percent=percent)
    else:
        # The baseline is implied by the target and an absolute change. Exact
        # numbers only: with floats, target - change + change may not give the
        # target back, and the stated change would then contradict the target.
        exact_kinds = [kind for kind in kinds if kind != "float"] or ["int"]
        result = make(
            to=draw(numbers(kinds=exact_kinds, min_value=-1000, max_value=1000)),
            by=draw(_positive(exact_kinds)),
        )
    if stretch and result.target is not None and draw(_BOOLEANS):
        return attrs.evolve(result, stretch=_shifted(result.target, sign * draw(gap)))
    return result


@_memo
@st.composite
def check_ins(
    draw: st.DrawFn,
    *,
    min_day: date = date(2000, 1, 1),
    max_day: date = date(2099, 12, 31),
    values: st.SearchStrategy[Number] | None = None,
    recorded_at: bool = True,
) -> CheckIn:
    """Check-ins between two days, with optional confidence, note, author and timestamp.

    Args:
        draw: Supplied by hypothesis; callers never pass it.
        min_day: The earliest day.
        max_day: The latest day.
        values: Where the values come from (default: :func:`numbers`).
        recorded_at: Whether a naive ``recorded_at`` may be drawn.

    >>> from hypothesis import given
    >>> @given(check_ins(values=st.just(1)))
    ... def test(check_in):
    ...     assert check_in.value == 1
    >>> test()
    """
    day = draw(days(min_value=min_day, max_value=max_day))
    value = draw(numbers() if values is None else values)
    confidence = draw(_maybe(numbers(min_value=0, max_value=1)))
    note = draw(_or_empty(titles()))
    author = draw(_maybe(_pick(("ana", "ben", "cx-bot"))))
    stamp = None
    if recorded_at and draw(_BOOLEANS):
        midnight = datetime.combine(day, datetime.min.time())
        # three days later, but never past the last minute of year 9999
        latest = min(3 * 24 * 60, (date.max - day).days * 24 * 60 + 24 * 60 - 1)
        stamp = midnight + timedelta(minutes=draw(_ints(0, latest)))
    return CheckIn(
        day=day, value=value, confidence=confidence, note=note, author=author, recorded_at=stamp
    )


@_memo
@st.composite
def histories(
    draw: st.DrawFn,
    *,
    min_day: date = date(2000, 1, 1),
    max_day: date = date(2099, 12, 31),
    values: st.SearchStrategy[Number] | None = None,
    max_size: int = 6,
) -> History:
    """Histories of up to ``max_size`` check-ins between two days (same-day ones included).

    Timestamps are either all naive or absent, as a history requires.

    >>> from hypothesis import given
    >>> @given(histories(max_size=3))
    ... def test(history):
    ...     assert list(history) == sorted(history, key=lambda c: c.day)
    >>> test()
    """
    items = draw(
        st.lists(check_ins(min_day=min_day, max_day=max_day, values=values), max_size=max_size)
    )
    return History(items)


@_memo
@st.composite
def initiatives(draw: st.DrawFn, *, id: str = "task") -> Initiative:
    """Initiatives (tasks) with the given id.

    >>> from hypothesis import given
    >>> @given(initiatives(id="t1"))
    ... def test(task):
    ...     assert task.id == "t1"
    >>> test()
    """
    due = draw(_maybe(days()))
    return Initiative(
        id=id,
        title=draw(titles()),
        owner=draw(_maybe(_pick(("ana", "ben")))),
        status=draw(_pick(tuple(InitiativeStatus))),
        due=due,
        done_on=draw(_maybe(days())),
    )


@_memo
@st.composite
def milestones(draw: st.DrawFn, *, kinds: Sequence[str] = NUMBER_KINDS) -> Milestone:
    """Milestones with a positive weight and optional due and done days.

    >>> from hypothesis import given
    >>> @given(milestones())
    ... def test(milestone):
    ...     assert milestone.weight > 0
    >>> test()
    """
    return Milestone(
        title=draw(titles()),
        weight=draw(_positive(kinds, 10)),
        due=draw(_maybe(days())),
        done_on=draw(_maybe(days())),
    )


@_memo
@st.composite
def key_results(
    draw: st.DrawFn,
    *,
    id: str = "kr",
    period: Period | None = None,
    kinds: Sequence[str] = NUMBER_KINDS,
    measures: Sequence[str] = ("metric", "milestones", "binary"),
    max_initiatives: int = 2,
) -> KeyResult:
    """Key results of each measure: metric (any :func:`targets`), milestones, binary.

    Args:
        draw: Supplied by hypothesis; callers never pass it.
        id: The key result's id; its initiatives get ``<id>-t1``, ``<id>-t2`` ...
        period: When given, check-ins fall on or before its end (and at most
            60 days before its start), as an objective in that period requires.
        kinds: Which number kinds to use.
        measures: Which of ``"metric"``, ``"milestones"``, ``"binary"`` to draw.
        max_initiatives: The most initiatives to attach.

    >>> from hypothesis import given
    >>> @given(key_results(measures=["binary"]))
    ... def test(kr):
    ...     assert all(c.value in (0, 1) for c in kr.history)
    >>> test()
    """
    span = period or draw(periods())
    low = span.start - timedelta(days=min(60, (span.start - date.min).days))
    high = span.end
    measure = draw(_pick(tuple(measures)))
    weight = draw(_positive(kinds, 10))
    tasks = tuple(
        draw(initiatives(id=f"{id}-t{n}")) for n in range(1, draw(_ints(0, max_initiatives)) + 1)
    )
    common: dict[str, Any] = {
        "id": id,
        "title": draw(titles()),
        "weight": weight,
        "owner": draw(_maybe(_pick(("ana", "ben", "team-cx")))),
        "initiatives": tasks,
        "description": draw(_or_empty(titles())),
    }
    if measure == "milestones":
        items = draw(st.lists(milestones(kinds=kinds), min_size=1, max_size=4))
        return KeyResult.milestones(milestones=items, **common)
    if measure == "binary":
        history = draw(histories(min_day=low, max_day=high, values=_pick((0, 1))))
        due = draw(_maybe(days(min_value=span.start, max_value=span.end)))
        return KeyResult.binary(due=due, history=history, **common)
    target = draw(targets(kinds=kinds))
    history = draw(
        histories(min_day=low, max_day=high, values=numbers(kinds=kinds, min_value=-2000))
    )
    unit = draw(_maybe(_pick(("%", "EUR", "days", "customers"))))
    phased = draw(_ints(0, 2))
    checkpoint_days = sorted(
        {draw(days(min_value=span.start, max_value=span.end)) for _ in range(phased)}
    )
    checkpoints = tuple(
        Checkpoint(day=day, value=draw(numbers(kinds=kinds, min_value=-1000, max_value=1000)))
        for day in checkpoint_days
    )
    return KeyResult.metric(
        target=target, history=history, unit=unit, checkpoints=checkpoints, **common
    )


@_memo
@st.composite
def objectives(
    draw: st.DrawFn,
    *,
    id: str = "o",
    period: Period | None = None,
    levels: Sequence[str] = DEFAULT_LEVELS,
    owners: Sequence[str] = ("acme", "sales", "service", "ana", "ben"),
    kinds: Sequence[str] = NUMBER_KINDS,
    max_key_results: int = 4,
) -> Objective:
    """Objectives with up to ``max_key_results`` key results (ids ``<id>-kr1`` ...).

    >>> from hypothesis import given
    >>> @given(objectives(period=Period.quarter(2026, 3)))
    ... def test(objective):
    ...     assert objective.period == Period.quarter(2026, 3)
    >>> test()
    """
    span = period or draw(periods())
    count = draw(_ints(0, max_key_results))
    results = tuple(
        draw(key_results(id=f"{id}-kr{n}", period=span, kinds=kinds)) for n in range(1, count + 1)
    )
    return Objective(
        id=id,
        title=draw(titles()),
        owner=draw(_pick(tuple(owners))),
        level=draw(_pick(tuple(levels))),
        period=span,
        key_results=results,
        description=draw(_or_empty(titles())),
        commitment=draw(_pick(tuple(Commitment))),
        origin=draw(_pick(tuple(Origin))),
        perspective=draw(_maybe(_pick(tuple(Perspective)))),
        horizon=draw(_maybe(_pick(tuple(Horizon)))),
    )


@_memo
@st.composite
def kpis(
    draw: st.DrawFn,
    *,
    id: str = "kpi",
    levels: Sequence[str] = DEFAULT_LEVELS,
    kinds: Sequence[str] = NUMBER_KINDS,
) -> KPI:
    """KPIs of every polarity, frequency and aggregation, with a history.

    Half of them carry red/amber/green thresholds that touch but never overlap.

    ``within_range`` KPIs always have ``low <= high``.

    >>> from hypothesis import given
    >>> @given(kpis())
    ... def test(kpi):
    ...     assert kpi.polarity != "within_range" or kpi.low <= kpi.high
    >>> test()
    """
    polarity = draw(_pick(tuple(Polarity)))
    value = numbers(kinds=kinds, min_value=-1000, max_value=1000)
    low = high = target = None
    if polarity is Polarity.WITHIN_RANGE:
        low = draw(value)
        high = _shifted(low, draw(_or_zero(_positive(kinds))))
    else:
        target = draw(_maybe(value))
    bands: tuple[Threshold, ...] = ()
    if draw(_BOOLEANS):
        # red / amber / green with strictly increasing cut points: they touch, never overlap.
        first_cut = draw(value)
        second_cut = _shifted(first_cut, draw(_positive(kinds)))
        names = ("red", "amber", "green")
        if polarity is Polarity.LOWER_IS_BETTER:
            names = names[::-1]
        bands = (
            Threshold(name=names[0], high=first_cut),
            Threshold(name=names[1], low=first_cut, high=second_cut),
            Threshold(name=names[2], low=second_cut),
        )
    return KPI(
        id=id,
        thresholds=bands,
        title=draw(titles()),
        owner=draw(_pick(("acme", "sales", "service", "ana"))),
        level=draw(_pick(tuple(levels))),
        unit=draw(_pick(("%", "EUR", "minutes", "tickets"))),
        polarity=polarity,
        frequency=draw(_pick(tuple(Frequency))),
        aggregation=draw(_pick(tuple(Aggregation))),
        target=target,
        low=low,
        high=high,
        history=draw(histories(values=value)),
        perspective=draw(_maybe(_pick(tuple(Perspective)))),
        horizon=draw(_maybe(_pick(tuple(Horizon)))),
        description=draw(_or_empty(titles())),
    )


@_memo
@st.composite
def themes(draw: st.DrawFn, *, id: str = "theme") -> Theme:
    """Missions, visions, strategies and themes.

    >>> from hypothesis import given
    >>> @given(themes(id="m"))
    ... def test(theme):
    ...     assert theme.id == "m"
    >>> test()
    """
    return Theme(
        id=id,
        title=draw(titles()),
        kind=draw(_pick(tuple(ThemeKind))),
        owner=draw(_maybe(_pick(("acme", "board")))),
        description=draw(_or_empty(titles())),
    )


@_memo
@st.composite
def links(
    draw: st.DrawFn,
    *,
    child: str = "child",
    parent: str = "parent",
    kinds: Sequence[str] = ("int",),
) -> Link:
    """A link from ``child`` to ``parent`` of either kind, with a positive weight.

    >>> from hypothesis import given
    >>> @given(links())
    ... def test(link):
    ...     assert link.weight > 0
    >>> test()
    """
    return Link(
        child=child,
        parent=parent,
        kind=draw(_pick(tuple(LinkKind))),
        weight=draw(_positive(kinds, 5)),
    )


@_memo
@st.composite
def plans(
    draw: st.DrawFn,
    *,
    max_themes: int = 2,
    max_objectives: int = 5,
    max_kpis: int = 2,
    max_links: int = 6,
    levels: Sequence[str] | None = None,
    kinds: Sequence[str] = NUMBER_KINDS,
    same_period: bool = False,
) -> Plan:
    """Whole valid plans with acyclic alignment.

    Args:
        draw: Supplied by hypothesis; callers never pass it.
        max_themes: The most themes.
        max_objectives: The most objectives (each with 0-4 key results).
        max_kpis: The most KPIs.
        max_links: The most links.
        levels: The plan's level names (default: drawn, often the default levels).
        kinds: Which number kinds to use.
        same_period: Put every objective in one period (otherwise up to two
            periods, usually the same).

    Links run from a goal to one earlier in plan order: a theme to an earlier
    theme; an objective or KPI to an earlier theme, objective or key result.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=20)
    ... @given(plans(levels=("company", "team")))
    ... def test(plan):
    ...     assert {o.level for o in plan.objectives} <= {"company", "team"}
    >>> test()
    """
    if levels is None:
        levels = draw(_LEVELS)
    level_names = tuple(levels)
    first = draw(periods(min_year=2020, max_year=2030))
    spans = [first] if same_period else [first, first if draw(_BOOLEANS) else draw(periods())]
    made_themes = [draw(themes(id=f"theme-{n}")) for n in range(1, draw(_ints(0, max_themes)) + 1)]
    made_objectives = [
        draw(
            objectives(
                id=f"o-{n}",
                period=spans[draw(_ints(0, len(spans) - 1))],
                levels=level_names,
                kinds=kinds,
            )
        )
        for n in range(1, draw(_ints(0, max_objectives)) + 1)
    ]
    made_kpis = [
        draw(kpis(id=f"kpi-{n}", levels=level_names, kinds=kinds))
        for n in range(1, draw(_ints(0, max_kpis)) + 1)
    ]
    # Plan order, and which goals may be a link's parent or child.
    order: list[tuple[str, bool, bool]] = [(t.id, True, True) for t in made_themes]
    for objective in made_objectives:
        order.append((objective.id, True, True))
        order.extend((kr.id, True, False) for kr in objective.key_results)
    order.extend((k.id, False, True) for k in made_kpis)
    made_links: list[Link] = []
    seen: set[tuple[str, str]] = set()
    theme_ids = {t.id for t in made_themes}
    for _ in range(draw(_ints(0, max_links))):
        children = [i for i, (_, _, can_child) in enumerate(order) if can_child and i > 0]
        if not children:
            break
        child_index = children[draw(_ints(0, len(children) - 1))]
        child = order[child_index][0]
        parents = [
            goal_id
            for goal_id, can_parent, _ in order[:child_index]
            if can_parent and (child not in theme_ids or goal_id in theme_ids)
        ]
        if not parents:
            continue
        parent = parents[draw(_ints(0, len(parents) - 1))]
        if (child, parent) in seen:
            continue
        seen.add((child, parent))
        made_links.append(draw(links(child=child, parent=parent)))
    return Plan(
        name=draw(titles()),
        themes=made_themes,
        objectives=made_objectives,
        kpis=made_kpis,
        links=made_links,
        levels=level_names,
    )
