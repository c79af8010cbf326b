"""Charts with matplotlib: a key result's burn-up and objective scores by owner.

Needs the optional ``plot`` extra (``pip install "goalkit-okr[plot]"``), imported
only when a function is called. The functions build a
:class:`matplotlib.figure.Figure` with the Agg canvas, never touch
``pyplot``'s global state, and return the figure: show it in a notebook, or
save it with ``figure.savefig(...)``.

>>> from goalkit.evaluation import evaluate
>>> from goalkit.examples import EXAMPLE_DAY, example_plan
>>> figure = plot_key_result(evaluate(example_plan(), at=EXAMPLE_DAY), "kr-ana-visits")
>>> figure.axes[0].get_title()
'Visit 100 manufacturing customers'
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from typing import Any

from goalkit._show import show
from goalkit.evaluation import Evaluation
from goalkit.exceptions import ValidationError
from goalkit.goals import KeyResult
from goalkit.interop._display import Display, Shown, display_float, safe_text
from goalkit.interop._optional import require
from goalkit.measures import Checklist
from goalkit.periods import Period
from goalkit.scoring import ScoringRules

__all__ = ["plot_key_result", "plot_scores_by_owner"]


def _figure(width: float, height: float) -> Any:
    require("matplotlib", extra="plot", feature="plots")
    figure_module = require("matplotlib.figure", extra="plot", feature="plots")
    agg = require("matplotlib.backends.backend_agg", extra="plot", feature="plots")
    figure = figure_module.Figure(figsize=(width, height), layout="constrained")
    agg.FigureCanvasAgg(figure)
    return figure


def _check_evaluation(evaluation: object) -> Evaluation:
    if not isinstance(evaluation, Evaluation):
        raise ValidationError.single(
            "evaluation",
            evaluation,
            f"'evaluation' must be an Evaluation (got {show(evaluation)})",
        )
    return evaluation


def _actual(
    kr: KeyResult, period: Period, at: date, rules: ScoringRules
) -> list[tuple[date, float]]:
    """Progress after each change up to ``at``: each check-in, or each milestone done."""
    last = min(at, period.end)
    if isinstance(kr.measure, Checklist):
        # Milestones have no check-ins: progress steps up on each day one is done,
        # from the period's start to the evaluation day.
        done = {m.done_on for m in kr.measure.milestones if m.done_on is not None}
        inside = (day for day in done if period.start < day <= last)
        days = sorted({period.start, last, *inside}) if period.start <= last else []
    else:
        days = [c.day for c in kr.history.effective() if c.day <= at]
    points = []
    for day in days:
        progress = rules.progress.of_key_result(kr, day)
        if progress is not None:
            points.append((day, display_float(progress, "progress")))
    return points


def plot_key_result(evaluation: Evaluation, key_result_id: str) -> Any:
    """A burn-up chart: a key result's progress over its period against the expected pace.

    Shows the progress after each check-in up to the evaluation day (for a
    milestones key result, a step up on each day a milestone was done), the
    expected progress over the objective's period (the pace rule of the
    evaluation's scoring rules), the forecast to the period's end when there is
    one, and a line at the evaluation day. The actual line is drawn in the
    colour of the key result's status, as every view colours it (grey when
    there is no data).

    Raises:
        ValidationError: if ``evaluation`` is not an evaluation, or
            ``key_result_id`` is not a key result of the plan.
        MissingDependencyError: if matplotlib is not installed.
    """
    _check_evaluation(evaluation)
    plan = evaluation.plan
    known = isinstance(key_result_id, str) and key_result_id in plan
    kr = plan.get(key_result_id) if known else None
    objective = plan.objective_of(key_result_id) if known else None
    if not isinstance(kr, KeyResult) or objective is None:
        raise ValidationError.single(
            "key_result_id",
            key_result_id,
            f"'key_result_id' names no key result of the plan (got {show(key_result_id)})",
        )
    kr = evaluation.goal(key_result_id)
    assert isinstance(kr, KeyResult)
    shown = Display(evaluation)(kr)
    assert shown is not None  # a key result is always scored
    rules = evaluation.rules
    period = objective.period
    figure = _figure(7, 4)
    axes = figure.add_subplot()
    step = max(1, period.days // 60)
    days = [period.start + timedelta(days=n) for n in range(0, period.days, step)]
    if days[-1] != period.end:
        days.append(period.end)
    expected = [_expected(kr, period, day, rules) for day in days]
    axes.plot(days, expected, linestyle="--", color="#888888", label="expected pace")
    shown_points = _actual(kr, period, evaluation.at, rules)
    if shown_points:
        milestones = isinstance(kr.measure, Checklist)
        axes.plot(
            [d for d, _ in shown_points],
            [p for _, p in shown_points],
            marker="" if milestones else "o",
            drawstyle="steps-post" if milestones else "default",
            color=shown.ink,
            label=f"actual ({shown.status.words})",
        )
    forecast = evaluation.forecast(key_result_id)
    if forecast is not None and forecast.progress is not None and shown_points:
        axes.plot(
            [shown_points[-1][0], period.end],
            [shown_points[-1][1], display_float(forecast.progress, "forecast")],
            linestyle=":",
            color=shown.ink,
            label="forecast (falls short)" if forecast.off_track else "forecast",
        )
    if period.start <= evaluation.at <= period.end:
        axes.axvline(evaluation.at, color="#333333", linewidth=0.8)
    axes.set_title(safe_text(kr.title))
    axes.set_ylabel("progress")
    axes.set_xlim(period.start, period.end)
    axes.set_ylim(bottom=0)
    axes.yaxis.set_major_formatter(_percent())
    axes.legend(loc="upper left")
    figure.autofmt_xdate()
    return figure


def _expected(kr: KeyResult, period: Period, day: date, rules: ScoringRules) -> float:
    return display_float(rules.pace.expected(kr, period, day, rules.progress), "expected")


def _percent() -> Any:
    ticker = require("matplotlib.ticker", extra="plot", feature="plots")
    return ticker.PercentFormatter(xmax=1.0)


def plot_scores_by_owner(evaluation: Evaluation) -> Any:
    """Horizontal bars of every objective's progress, grouped by owner, coloured by status.

    Each bar is filled with the colour of the objective's status, as every
    view colours it; the legend names the statuses. Objectives without data
    are drawn as empty grey bars labelled "no data"; one whose progress is
    known while some key results have none is labelled "so far". The grade
    is written beside the bar once the objective's period has ended.

    Raises:
        ValidationError: if ``evaluation`` is not an evaluation.
        MissingDependencyError: if matplotlib is not installed.

    >>> from goalkit.evaluation import evaluate
    >>> from goalkit.examples import EXAMPLE_DAY, example_plan
    >>> figure = plot_scores_by_owner(evaluate(example_plan(), at=EXAMPLE_DAY))
    >>> len(figure.axes[0].patches) == len(example_plan().objectives)
    True
    """
    _check_evaluation(evaluation)
    plan = evaluation.plan
    display = Display(evaluation)
    by_owner: defaultdict[str, list[tuple[str, Shown]]] = defaultdict(list)
    for objective in plan.objectives:
        shown = display(objective)
        assert shown is not None  # an objective is always scored
        by_owner[objective.owner].append((objective.title, shown))
    rows = [(owner, title, shown) for owner, items in by_owner.items() for title, shown in items]
    figure = _figure(8, max(2.0, 0.45 * len(rows) + 1))
    axes = figure.add_subplot()
    positions = list(range(len(rows)))[::-1]
    labelled: set[str] = set()
    longest = 1.0
    for position, (_, _, shown) in zip(positions, rows, strict=True):
        known = shown.progress is not None
        progress = 0.0 if shown.progress is None else display_float(shown.progress, "progress")
        longest = max(longest, progress + 0.15)
        status = shown.status.words
        axes.barh(
            position,
            progress,
            color=shown.fill,
            edgecolor=shown.ink,
            fill=known,
            label=None if status in labelled else status,
        )
        labelled.add(status)
        text = "no data" if not known else shown.amount
        if shown.final and shown.grade is not None:
            text += f" · grade {shown.grade}"
        axes.text(max(progress, 0.0) + 0.01, position, safe_text(text), va="center", fontsize=8)
    axes.set_yticks(positions, [f"{_short(owner)}: {_short(title)}" for owner, title, _ in rows])
    axes.set_xlim(0, longest)
    axes.xaxis.set_major_formatter(_percent())
    axes.set_xlabel("progress")
    axes.set_title(f"Objectives by owner · {evaluation.at.isoformat()}")
    if rows:
        axes.legend(title="status", loc="lower right", fontsize=8)
    return figure


def _short(title: str, width: int = 40) -> str:
    title = safe_text(title)
    return title if len(title) <= width else title[: width - 1] + "…"
