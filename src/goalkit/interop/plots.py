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
from goalkit.interop._optional import require
from goalkit.scoring import score_key_result

__all__ = ["plot_key_result", "plot_scores_by_owner"]


def _figure(width: float, height: float) -> Any:
    require("matplotlib", extra="plot", feature="plots")
    figure_module = require("matplotlib.figure", extra="plot", feature="plots")
    agg = require("matplotlib.backends.backend_agg", extra="plot", feature="plots")
    figure = figure_module.Figure(figsize=(width, height), layout="constrained")
    agg.FigureCanvasAgg(figure)
    return figure


def plot_key_result(evaluation: Evaluation, key_result_id: str) -> Any:
    """A burn-up chart: a key result's progress at each check-in against the expected pace.

    Shows the progress after each check-in up to the evaluation day, the
    expected progress over the objective's period (the pace rule of the
    evaluation's scoring rules), the forecast to the period's end when there is
    one, and a line at the evaluation day.

    Raises:
        ValidationError: if ``key_result_id`` is not a key result of the plan.
        MissingDependencyError: if matplotlib is not installed.
    """
    plan = evaluation.plan
    kr = plan.get(key_result_id)
    objective = plan.objective_of(key_result_id) if key_result_id in plan else None
    if not isinstance(kr, KeyResult) or objective is None:
        raise ValidationError.single(
            "key_result_id",
            key_result_id,
            f"'key_result_id' names no key result of the plan (got {show(key_result_id)})",
        )
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
    seen = [c.day for c in kr.history.effective() if c.day <= evaluation.at]
    points = [(day, score_key_result(kr, period, day, rules).progress) for day in seen]
    shown = [(day, float(p)) for day, p in points if p is not None]
    if shown:
        axes.plot(
            [d for d, _ in shown],
            [p for _, p in shown],
            marker="o",
            color="#4a7bd0",
            label="actual",
        )
    forecast = evaluation.forecast(key_result_id)
    if forecast is not None and forecast.progress is not None and shown:
        axes.plot(
            [shown[-1][0], period.end],
            [shown[-1][1], float(forecast.progress)],
            linestyle=":",
            color="#d9534f" if forecast.off_track else "#5cb85c",
            label="forecast",
        )
    if period.start <= evaluation.at <= period.end:
        axes.axvline(evaluation.at, color="#333333", linewidth=0.8)
    axes.set_title(kr.title)
    axes.set_ylabel("progress")
    axes.set_xlim(period.start, period.end)
    axes.set_ylim(bottom=0)
    axes.yaxis.set_major_formatter(_percent())
    axes.legend(loc="upper left")
    figure.autofmt_xdate()
    return figure


def _expected(kr: KeyResult, period: Any, day: date, rules: Any) -> float:
    pace = score_key_result(kr, period, day, rules).pace
    if pace is not None:
        return float(pace.expected)
    return float(period.elapsed_fraction(day))


def _percent() -> Any:
    ticker = require("matplotlib.ticker", extra="plot", feature="plots")
    return ticker.PercentFormatter(xmax=1.0)


def plot_scores_by_owner(evaluation: Evaluation) -> Any:
    """Horizontal bars of every objective's progress, grouped and coloured by owner.

    Objectives without data are drawn as empty bars labelled "no data".

    Raises:
        MissingDependencyError: if matplotlib is not installed.

    >>> from goalkit.evaluation import evaluate
    >>> from goalkit.examples import EXAMPLE_DAY, example_plan
    >>> figure = plot_scores_by_owner(evaluate(example_plan(), at=EXAMPLE_DAY))
    >>> len(figure.axes[0].patches) == len(example_plan().objectives)
    True
    """
    plan = evaluation.plan
    by_owner: defaultdict[str, list[tuple[str, float | None]]] = defaultdict(list)
    for objective in plan.objectives:
        progress = evaluation.progress(objective.id)
        by_owner[objective.owner].append(
            (objective.title, None if progress is None else float(progress))
        )
    rows = [(owner, title, p) for owner, items in by_owner.items() for title, p in items]
    figure = _figure(8, max(2.0, 0.45 * len(rows) + 1))
    axes = figure.add_subplot()
    palette = ["#4a7bd0", "#5cb85c", "#f0ad4e", "#d9534f", "#8e6bbf", "#20a8a8", "#999999"]
    colours = {owner: palette[i % len(palette)] for i, owner in enumerate(by_owner)}
    positions = list(range(len(rows)))[::-1]
    for position, (owner, _, progress) in zip(positions, rows, strict=True):
        label = owner if owner not in axes.get_legend_handles_labels()[1] else None
        axes.barh(
            position,
            progress or 0.0,
            color=colours[owner],
            edgecolor=colours[owner],
            fill=progress is not None,
            label=label,
        )
        text = "no data" if progress is None else f"{progress:.0%}"
        axes.text((progress or 0.0) + 0.01, position, text, va="center", fontsize=8)
    axes.set_yticks(positions, [_short(title) for _, title, _ in rows])
    axes.set_xlim(0, max([1.0, *[p + 0.15 for _, _, p in rows if p is not None]]))
    axes.xaxis.set_major_formatter(_percent())
    axes.set_xlabel("progress")
    axes.set_title(f"Objectives by owner · {evaluation.at.isoformat()}")
    if rows:
        axes.legend(title="owner", loc="lower right", fontsize=8)
    return figure


def _short(title: str, width: int = 40) -> str:
    return title if len(title) <= width else title[: width - 1] + "…"
