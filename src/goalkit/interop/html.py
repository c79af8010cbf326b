"""Plans and evaluations as HTML tables, for notebooks (``_repr_html_``).

The table follows the plan's tree (:func:`~goalkit.interop.text.tree_rows`):
each goal is indented under the goal it serves. For an evaluation, every
scored goal shows a progress bar, its grade and its status in the status
colour. All text is HTML-escaped.

>>> from goalkit.evaluation import evaluate
>>> from goalkit.examples import EXAMPLE_DAY, example_plan
>>> page = plan_to_html(evaluate(example_plan(), at=EXAMPLE_DAY))
>>> page.startswith('<table class="goalkit"') and "on track" in page
True
"""

from __future__ import annotations

from html import escape

from goalkit.evaluation import Evaluation
from goalkit.goals import KPI, Goal, Initiative, KeyResult, Objective, Theme
from goalkit.interop.diagrams import STATUS_COLOURS
from goalkit.interop.text import tree_rows
from goalkit.plan import Plan

__all__ = ["evaluation_to_html", "plan_to_html"]


def _kind(goal: Goal) -> str:
    if isinstance(goal, Theme):
        return goal.kind.value
    return {Objective: "objective", KeyResult: "key result", KPI: "KPI", Initiative: "task"}[
        type(goal)
    ]


def _bar(progress: object) -> str:
    if progress is None:
        return '<span style="color:#888">no data</span>'
    value = float(progress)  # type: ignore[arg-type]  # Fraction or float
    width = max(0.0, min(value, 1.0)) * 100
    return (
        '<div style="display:inline-block;width:6em;height:0.8em;background:#eee;'
        'vertical-align:middle;border-radius:2px">'
        f'<div style="width:{width:.0f}%;height:100%;background:#4a7bd0;border-radius:2px">'
        f"</div></div> {value:.0%}"
    )


def plan_to_html(subject: Plan | Evaluation) -> str:
    """An HTML table of a plan's goals as a tree; with scores for an evaluation.

    >>> from goalkit import Objective, Period, Plan
    >>> plan = Plan(name="<Q3>", objectives=[Objective(id="o1", title="Win & grow",
    ...     owner="acme", level="company", period=Period.quarter(2026, 3))])
    >>> print(plan_to_html(plan))
    <table class="goalkit" ...>
    <caption ...>&lt;Q3&gt;</caption>
    <thead><tr><th ...>goal</th><th ...>kind</th><th ...>owner</th><th ...>period</th></tr></thead>
    <tbody>
    <tr><td ...>Win &amp; grow</td><td ...>objective</td><td ...>acme</td><td ...>2026-Q3</td></tr>
    </tbody>
    </table>
    """
    evaluation: Evaluation | None = None
    if isinstance(subject, Evaluation):
        evaluation, plan = subject, subject.plan
    else:
        plan = subject
    cell = 'style="text-align:left;padding:2px 8px"'
    headers = ["goal", "kind", "owner", "period"]
    if evaluation is not None:
        headers += ["progress", "grade", "status"]
    caption = plan.name
    if evaluation is not None:
        caption += f" · {evaluation.at.isoformat()}"
    lines = [
        '<table class="goalkit" style="border-collapse:collapse;font-size:90%">',
        f'<caption style="text-align:left;font-weight:bold">{escape(caption)}</caption>',
        "<thead><tr>" + "".join(f"<th {cell}>{escape(h)}</th>" for h in headers) + "</tr></thead>",
        "<tbody>",
    ]
    for row in tree_rows(plan):
        goal = row.goal
        objective = plan.objective_of(goal.id)
        owner = getattr(goal, "owner", None) or (objective.owner if objective else "")
        period = str(objective.period) if objective is not None else ""
        indent = f"padding-left:{0.5 + 1.5 * row.depth:.1f}em"
        title = escape(goal.title)
        if row.supports:
            title = f'<span style="color:#888">(supports)</span> {title}'
        if row.repeated:
            title += ' <span style="color:#888">(shown above)</span>'
        cells = [
            f'<td style="text-align:left;{indent}">{title}</td>',
            f"<td {cell}>{escape(_kind(goal))}</td>",
            f"<td {cell}>{escape(owner)}</td>",
            f"<td {cell}>{escape(period)}</td>",
        ]
        row_style = ""
        if evaluation is not None:
            if isinstance(goal, Initiative) or row.repeated:
                cells += [f"<td {cell}></td>"] * 3
            else:
                score = evaluation[goal.id]
                status = score.status.value
                colour = STATUS_COLOURS.get(status, "#ffffff")
                row_style = f' style="background:{colour}"'
                cells += [
                    f"<td {cell}>{_bar(score.progress)}</td>",
                    f"<td {cell}>{escape(score.grade or '')}</td>",
                    f"<td {cell}>{escape(status.replace('_', ' '))}</td>",
                ]
        lines.append(f"<tr{row_style}>{''.join(cells)}</tr>")
    lines += ["</tbody>", "</table>"]
    return "\n".join(lines)


def evaluation_to_html(evaluation: Evaluation) -> str:
    """The HTML of an evaluation (what ``Evaluation._repr_html_`` shows).

    >>> from goalkit.evaluation import evaluate
    >>> from goalkit.examples import EXAMPLE_DAY, example_plan
    >>> "2026-08-15" in evaluation_to_html(evaluate(example_plan(), at=EXAMPLE_DAY))
    True
    """
    return plan_to_html(evaluation)
