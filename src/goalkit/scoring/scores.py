"""Scoring goals at a day: key results, KPIs and objectives, with the rules given.

>>> from goalkit.examples import EXAMPLE_DAY, EXAMPLE_PERIOD, example_plan
>>> plan = example_plan()
>>> score = score_key_result(plan["kr-sales-cycle"], EXAMPLE_PERIOD, EXAMPLE_DAY)
>>> score.progress, score.status
(Fraction(1, 2), <Status.ON_TRACK: 'on_track'>)
>>> str(score)
'0.50 amber on track (expected 0.50, forecast 1.00)'
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import attrs

from goalkit._numbers import Exact, Number, is_plain_number
from goalkit._show import show
from goalkit._validation import Problems
from goalkit.goals import KPI, KeyResult, Objective
from goalkit.periods import Period, check_day
from goalkit.scoring.aggregate import aggregate
from goalkit.scoring.forecast import Forecast
from goalkit.scoring.grading import grade_commentary
from goalkit.scoring.kpis import KPIScore
from goalkit.scoring.pace import Pace
from goalkit.scoring.progress import current_value
from goalkit.scoring.rounding import Rounding, RoundingPolicy
from goalkit.scoring.rules import DEFAULT_RULES, ScoringRules
from goalkit.scoring.status import Status, known_status, to_statuses

__all__ = [
    "KeyResultScore",
    "ObjectiveScore",
    "aggregate_progress",
    "combine_statuses",
    "grade_of",
    "score_key_result",
    "score_kpi",
    "score_objective",
]


def _describe(
    progress: Exact | None,
    grade: str | None,
    status: Status,
    extras: Sequence[str],
    rounding: RoundingPolicy | None,
) -> str:
    policy = rounding if rounding is not None else Rounding()
    shown = "-" if progress is None else str(policy.round(progress))
    text = " ".join(part for part in (shown, grade, status.words) if part)
    return f"{text} ({', '.join(extras)})" if extras else text


@attrs.frozen(kw_only=True)
class KeyResultScore:
    """A key result at a day.

    Attributes:
        id: The key result's id.
        progress: From 0 to 1 (beyond, where the rules allow); ``None`` means
            no data (no check-in yet), never 0.
        value: The current value (``None`` for milestones, or without data).
        grade: The grade name from the grading scale (``None`` without data).
        status: Where it stands.
        pace: Expected progress at the day and actual / expected.
        forecast: The projection to the period's end (``None`` for milestone
            and binary key results).
    """

    id: str
    progress: Exact | None
    value: Number | None
    grade: str | None
    status: Status
    pace: Pace | None
    forecast: Forecast | None

    def describe(self, rounding: RoundingPolicy | None = None) -> str:
        """A compact line for people: ``'0.63 green on track (expected 0.50)'``.

        >>> from fractions import Fraction
        >>> KeyResultScore(id="kr", progress=Fraction(5, 8), value=None, grade="amber",
        ...                status=Status.AT_RISK, pace=Pace.of(Fraction(3, 4), Fraction(5, 8)),
        ...                forecast=None).describe()
        '0.63 amber at risk (expected 0.75)'
        """
        policy = rounding if rounding is not None else Rounding()
        extras = []
        if self.pace is not None:
            extras.append(f"expected {policy.round(self.pace.expected)}")
        if self.forecast is not None and self.forecast.progress is not None:
            extras.append(f"forecast {policy.round(self.forecast.progress)}")
        return _describe(self.progress, self.grade, self.status, extras, policy)

    def __str__(self) -> str:
        return self.describe()


@attrs.frozen(kw_only=True)
class ObjectiveScore:
    """An objective at a day, rolled up from its key results.

    Attributes:
        id: The objective's id.
        progress: The aggregator's result over its key results (``None``: no data).
        grade: The grade of that progress.
        status: The roll-up of its key results' statuses.
        commentary: What the grade says for its commitment (see
            :func:`~goalkit.scoring.grade_commentary`), if anything.
        key_results: The scores of its key results, in order.
    """

    id: str
    progress: Exact | None
    grade: str | None
    status: Status
    commentary: str | None
    key_results: tuple[KeyResultScore, ...]

    def describe(self, rounding: RoundingPolicy | None = None) -> str:
        """A compact line for people: ``'0.58 amber at risk'``."""
        extras = [self.commentary] if self.commentary else []
        return _describe(self.progress, self.grade, self.status, extras, rounding)

    def __str__(self) -> str:
        return self.describe()


def _check(problems: Problems, at: date, rules: object, period: object = None) -> None:
    check_day(problems, "at", at)
    if period is not None and not isinstance(period, Period):
        problems.add("period", period, f"'period' must be a Period (got {show(period)})")
    _check_rules(problems, rules)


def _check_rules(problems: Problems, rules: object) -> None:
    if not isinstance(rules, ScoringRules):
        problems.add("rules", rules, f"'rules' must be ScoringRules (got {show(rules)})")


def _require_rules(rules: object) -> None:
    if not isinstance(rules, ScoringRules):
        problems = Problems()
        _check_rules(problems, rules)
        problems.raise_if_any()


def grade_of(progress: Exact | None, rules: ScoringRules = DEFAULT_RULES) -> str | None:
    """The grade of ``progress`` on the rules' scale (``None`` for no data).

    Raises:
        ValidationError: if ``progress`` is neither ``None`` nor a finite number
            goalkit admits (a string such as ``"0.5"``, NaN and the
            infinities are refused), or ``rules`` is not :class:`ScoringRules`.

    >>> from fractions import Fraction
    >>> grade_of(Fraction(7, 10)), grade_of(None)
    ('green', None)
    """
    if progress is None:
        _require_rules(rules)
        return None
    if not is_plain_number(progress) or not isinstance(rules, ScoringRules):
        problems = Problems()
        problems.number("progress", progress)
        _check_rules(problems, rules)
        problems.raise_if_any()
    return rules.grading.grade(progress)


def score_key_result(
    kr: KeyResult, period: Period, at: date, rules: ScoringRules = DEFAULT_RULES
) -> KeyResultScore:
    """Score ``kr`` of an objective in ``period`` with its data as of the end of ``at``.

    Only check-ins dated on or before ``at`` count; of several on one day, the
    last one to arrive. Exact inputs (``int``, ``Decimal``, ``Fraction``) give
    ``Fraction`` results; any ``float`` gives ``float``.

    Raises:
        ValidationError: if an argument has the wrong type (``at`` must be a
            plain date, see :func:`~goalkit.periods.require_day`), or a number
            cannot be computed with (an exact value no float can stand for
            beside a float, a float result that overflows, an exact result past
            goalkit's admission limit).
    """
    problems = Problems()
    if not isinstance(kr, KeyResult):
        problems.add("kr", kr, f"'kr' must be a KeyResult (got {show(kr)})")
    _check(problems, at, rules, period)
    problems.raise_if_any()
    progress = rules.progress.of_key_result(kr, at)
    pace = Pace.of(rules.pace.expected(kr, period, at, rules.progress), progress)
    status = rules.status.status(
        progress=progress, pace=pace, period=period, at=at, latest=kr.history.latest(at)
    )
    return KeyResultScore(
        id=kr.id,
        progress=progress,
        value=current_value(kr, at),
        grade=grade_of(progress, rules),
        status=status,
        pace=pace,
        forecast=rules.forecast.forecast(kr, period, at, rules.progress),
    )


def score_kpi(kpi: KPI, at: date, rules: ScoringRules = DEFAULT_RULES) -> KPIScore:
    """Score ``kpi`` at the end of ``at`` (see :mod:`goalkit.scoring.kpis`).

    >>> from goalkit.examples import EXAMPLE_DAY, example_plan
    >>> str(score_kpi(example_plan()["kpi-order-time"], EXAMPLE_DAY))
    '2.30 green on track'

    Raises:
        ValidationError: if an argument has the wrong type, or a value cannot
            be computed with (as for :func:`score_key_result`).
    """
    problems = Problems()
    if not isinstance(kpi, KPI):
        problems.add("kpi", kpi, f"'kpi' must be a KPI (got {show(kpi)})")
    _check(problems, at, rules)
    problems.raise_if_any()
    return rules.kpi.score(kpi, at)


def aggregate_progress(
    items: Sequence[tuple[Exact | None, Number]], rules: ScoringRules = DEFAULT_RULES
) -> Exact | None:
    """Combine ``(progress, weight)`` pairs with the rules' aggregator.

    Pairs whose progress is ``None`` are left out (``None`` if none is left).
    Exact pairs give an exact result; any float gives a float (see
    :mod:`goalkit.scoring.aggregate`).

    Raises:
        ValidationError: for anything but ``(progress, weight)`` pairs of
            numbers, negative weights, or weights that are all zero; for an
            exact number no float can stand for beside a float; for a float
            result that overflows (never ``inf`` or NaN) or an exact one past
            goalkit's admission limit.

    >>> from fractions import Fraction
    >>> aggregate_progress([(Fraction(1, 2), 1), (Fraction(3, 2), 3), (None, 1)])
    Fraction(7, 8)
    """
    _require_rules(rules)
    return aggregate(items, rules.aggregator)


def combine_statuses(statuses: Sequence[Status], rules: ScoringRules = DEFAULT_RULES) -> Status:
    """An objective's status from its parts' (the weakest part's by default).

    >>> combine_statuses([Status.ON_TRACK, Status.OFF_TRACK])
    <Status.OFF_TRACK: 'off_track'>

    The result says nothing of progress: where a goal's progress is unknown,
    pass the combined status through :func:`~goalkit.scoring.known_status`, as
    :func:`score_objective` does.

    Raises:
        ValidationError: for anything but a sequence of statuses, or ``rules``
            that are not :class:`ScoringRules`.
    """
    _require_rules(rules)
    return rules.roll_up.combine(to_statuses(statuses))


def score_objective(
    objective: Objective, at: date, rules: ScoringRules = DEFAULT_RULES
) -> ObjectiveScore:
    """Score ``objective`` from its own key results, weighted by their weights.

    Its status is the roll-up of its key results' statuses, except that an
    objective whose progress is unknown is never on track or done
    (:func:`~goalkit.scoring.known_status`): when its key results with data
    all weigh 0, its progress is ``None`` and its status *no data*.

    >>> from goalkit.examples import EXAMPLE_DAY, example_plan
    >>> score = score_objective(example_plan()["o-ana-pipeline"], EXAMPLE_DAY)
    >>> score.progress, score.status
    (Fraction(19, 25), <Status.ON_TRACK: 'on_track'>)

    Raises:
        ValidationError: as for :func:`score_key_result`.
    """
    problems = Problems()
    if not isinstance(objective, Objective):
        problems.add(
            "objective", objective, f"'objective' must be an Objective (got {show(objective)})"
        )
    _check(problems, at, rules)
    problems.raise_if_any()
    scores = tuple(
        score_key_result(kr, objective.period, at, rules) for kr in objective.key_results
    )
    progress = aggregate_progress(
        [(s.progress, kr.weight) for s, kr in zip(scores, objective.key_results, strict=True)],
        rules,
    )
    return ObjectiveScore(
        id=objective.id,
        progress=progress,
        grade=grade_of(progress, rules),
        status=known_status(combine_statuses([s.status for s in scores], rules), progress),
        commentary=grade_commentary(progress, objective.commitment),
        key_results=scores,
    )
