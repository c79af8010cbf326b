"""Plans and evaluations as tables: one flat record per goal.

:func:`to_records` gives plain dicts (for CSV, a database or a spreadsheet);
:func:`to_dataframe` gives a :class:`pandas.DataFrame` and needs the optional
``pandas`` extra (``pip install "goalkit-okr[pandas]"``), imported only when called.

>>> from goalkit.evaluation import evaluate
>>> from goalkit.examples import EXAMPLE_DAY, example_plan
>>> records = to_records(evaluate(example_plan(), at=EXAMPLE_DAY))
>>> row = next(r for r in records if r["id"] == "kr-ana-visits")
>>> row["kind"], row["parent_ids"], row["owner"], row["period"], row["progress"], row["status"]
('key_result', ('o-ana-pipeline',), 'ana', '2026-Q3', Fraction(13, 25), 'on_track')
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from fractions import Fraction
from typing import Any

from goalkit._numbers import to_float
from goalkit.evaluation import Evaluation
from goalkit.goals import KPI, Goal, Initiative, KeyResult, Objective, Theme
from goalkit.interop._optional import require
from goalkit.measures import Binary, Checklist, Target
from goalkit.plan import Plan

__all__ = ["GOAL_COLUMNS", "SCORE_COLUMNS", "to_dataframe", "to_records"]

GOAL_COLUMNS: tuple[str, ...] = (
    "id",
    "kind",
    "title",
    "parent_ids",
    "owner",
    "level",
    "period",
    "start",
    "end",
    "measure",
    "direction",
    "baseline",
    "target",
    "unit",
    "weight",
)
"""The columns every record has, in order."""

SCORE_COLUMNS: tuple[str, ...] = (
    "at",
    "value",
    "progress",
    "grade",
    "status",
    "expected_progress",
    "pace_ratio",
    "forecast_value",
    "forecast_progress",
    "forecast_off_track",
)
"""The columns added when the records come from an evaluation."""


_KINDS: tuple[tuple[type, str], ...] = (
    (Theme, "theme"),
    (Objective, "objective"),
    (KeyResult, "key_result"),
    (KPI, "kpi"),
    (Initiative, "initiative"),
)


def _kind(goal: Goal) -> str:
    for cls, name in _KINDS:  # isinstance: a subclass of a goal type is that kind
        if isinstance(goal, cls):
            return name
    return type(goal).__name__.lower()  # pragma: no cover - a plan holds only these


def to_records(subject: Plan | Evaluation) -> list[dict[str, Any]]:
    """One flat dict per goal, in plan order.

    Columns are :data:`GOAL_COLUMNS`, plus :data:`SCORE_COLUMNS` for an
    evaluation. ``parent_ids`` is a tuple: the objective of a key result, the
    key result of an initiative, then every goal it is linked to. Key results
    and initiatives take owner, level and period from their objective when
    they have none of their own. Numbers keep their exact types (``Fraction``,
    ``Decimal``); ``None`` means "not applicable" or "no data".

    >>> from goalkit.examples import example_plan
    >>> to_records(example_plan())[0]["kind"]
    'theme'
    """
    evaluation: Evaluation | None = None
    if isinstance(subject, Evaluation):
        evaluation, plan = subject, subject.plan
    else:
        plan = subject
    parents: defaultdict[str, list[str]] = defaultdict(list)
    for objective in plan.objectives:
        for kr in objective.key_results:
            parents[kr.id].append(objective.id)
            for initiative in kr.initiatives:
                parents[initiative.id].append(kr.id)
    for link in plan.links:
        parents[link.child].append(link.parent)
    records = []
    for goal in plan:
        record = _goal_record(plan, goal, tuple(parents.get(goal.id, ())))
        if evaluation is not None:
            record.update(_score_record(evaluation, goal))
        records.append(record)
    return records


def _goal_record(plan: Plan, goal: Goal, parent_ids: tuple[str, ...]) -> dict[str, Any]:
    objective = plan.objective_of(goal.id)
    owner = getattr(goal, "owner", None)
    if owner is None and objective is not None:
        owner = objective.owner
    level = getattr(goal, "level", None) or (objective.level if objective else None)
    period = objective.period if objective is not None else None
    measure = direction = unit = None
    baseline: Any = None
    target: Any = None
    weight: Any = None
    if isinstance(goal, KeyResult):
        unit, weight = goal.unit, goal.weight
        if isinstance(goal.measure, Target):
            measure = "metric"
            direction = goal.measure.direction.value
            baseline = goal.measure.baseline
            target = goal.measure.target
            if not isinstance(baseline, int | float | Decimal | Fraction):
                baseline = None if baseline is None else "first_check_in"
        elif isinstance(goal.measure, Checklist):
            measure = "milestones"
        elif isinstance(goal.measure, Binary):
            measure = "binary"
    elif isinstance(goal, KPI):
        measure, direction, target, unit = "kpi", goal.polarity.value, goal.target, goal.unit
    return {
        "id": goal.id,
        "kind": _kind(goal),
        "title": goal.title,
        "parent_ids": parent_ids,
        "owner": owner,
        "level": level,
        "period": None if period is None else period.format(),
        "start": None if period is None else period.start,
        "end": None if period is None else period.end,
        "measure": measure,
        "direction": direction,
        "baseline": baseline,
        "target": target,
        "unit": unit,
        "weight": weight,
    }


def _score_record(evaluation: Evaluation, goal: Goal) -> dict[str, Any]:
    if isinstance(goal, Initiative):
        return dict.fromkeys(SCORE_COLUMNS) | {"at": evaluation.at}
    score = evaluation[goal.id]
    pace, forecast = score.pace, score.forecast
    return {
        "at": evaluation.at,
        "value": score.value,
        "progress": score.progress,
        "grade": score.grade,
        "status": score.status.value,
        "expected_progress": None if pace is None else pace.expected,
        "pace_ratio": None if pace is None else pace.ratio,
        "forecast_value": None if forecast is None else forecast.value,
        "forecast_progress": None if forecast is None else forecast.progress,
        "forecast_off_track": None if forecast is None else forecast.off_track,
    }


_NUMERIC = (
    "baseline",
    "target",
    "weight",
    "value",
    "progress",
    "expected_progress",
    "pace_ratio",
    "forecast_value",
    "forecast_progress",
)


def to_dataframe(subject: Plan | Evaluation, *, exact: bool = False) -> Any:
    """:func:`to_records` as a :class:`pandas.DataFrame`, indexed by goal id.

    Needs pandas (``pip install "goalkit-okr[pandas]"``).

    Args:
        subject: A plan, or an evaluation for the score columns too.
        exact: Keep ``Fraction`` and ``Decimal`` objects in the numeric
            columns. By default they become floats, so pandas can compute with
            them; the records keep the exact values either way.

    Raises:
        MissingDependencyError: if pandas is not installed (an ``ImportError``).
        ValidationError: when ``exact`` is false and an exact number has no
            finite float (``Decimal("9" * 999)``): pass ``exact=True`` for it.

    >>> from goalkit.evaluation import evaluate
    >>> from goalkit.examples import EXAMPLE_DAY, example_plan
    >>> frame = to_dataframe(evaluate(example_plan(), at=EXAMPLE_DAY))
    >>> frame.loc["kr-ana-visits", "progress"]
    np.float64(0.52)
    """
    pandas = require("pandas", extra="pandas", feature="tables as DataFrames")
    records = to_records(subject)
    if not exact:
        for record in records:
            for column in _NUMERIC:
                value = record.get(column)
                if isinstance(value, Fraction | Decimal):
                    # The one exact-to-float rule: no inf, no silent 0.
                    record[column] = to_float(value, f"{record['id']}.{column}")
    columns = list(GOAL_COLUMNS)
    if isinstance(subject, Evaluation):
        columns.extend(SCORE_COLUMNS)
    frame = pandas.DataFrame.from_records(records, columns=columns)
    for column in _NUMERIC:
        if column in frame and not exact:
            frame[column] = pandas.to_numeric(frame[column], errors="coerce")
    return frame.set_index("id", drop=False)
