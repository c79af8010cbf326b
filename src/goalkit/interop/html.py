"""Plans and evaluations as HTML tables, for notebooks (``_repr_html_``).

The table follows the plan's tree (:func:`~goalkit.interop.text.tree_rows`):
each goal is indented under the goal it serves. For an evaluation, every
scored goal shows a progress bar (a KPI: its current value), its grade and
its status, and its row is coloured by its status, as in every other view:

* grey where nothing is known (no data);
* the grade is final from the last day of the goal's period on; before that
  the cell says ``amber so far``;
* a goal whose progress is known while some of its parts have no data says
  what is missing: ``1 of 3 key results without data``.

All text is HTML-escaped, and text no encoding can write (a lone surrogate)
is shown as its backslash escape, so the page always encodes.

>>> from goalkit.evaluation import evaluate
>>> from goalkit.examples import EXAMPLE_DAY, example_plan
>>> page = plan_to_html(evaluate(example_plan(), at=EXAMPLE_DAY))
>>> page.startswith('<table class="goalkit"') and "on track" in page
True
"""

from __future__ import annotations

from html import escape

from goalkit._show import show
from goalkit.evaluation import Evaluation
from goalkit.exceptions import ValidationError
from goalkit.goals import KPI, Goal, Initiative, KeyResult, Objective, Theme
from goalkit.interop._display import Display, Shown, percent_text, safe_text
from goalkit.interop.text import tree_rows
from goalkit.plan import Plan

__all__ = ["evaluation_to_html", "plan_to_html"]

_MUTED = '<span style="color:#888">{}</span>'


def _text(value: str) -> str:
    return escape(safe_text(value))


def _kind(goal: Goal) -> str:
    if isinstance(goal, Theme):
        return goal.kind.value
    return {Objective: "objective", KeyResult: "key result", KPI: "KPI", Initiative: "task"}[
        type(goal)
    ]


def _amount(shown: Shown) -> str:
    if shown.kpi:
        return _MUTED.format("no data") if shown.value is None else _text(shown.value)
    progress = shown.progress
    if progress is None:
        return _MUTED.format("no data")
    share = float(min(max(progress, 0), 1))
    text = percent_text(progress) + (" so far" if shown.so_far else "")
    return (
        '<div style="display:inline-block;width:6em;height:0.8em;background:#eee;'
        'vertical-align:middle;border-radius:2px">'
        f'<div style="width:{share * 100:.0f}%;height:100%;background:{shown.ink};'
        f'border-radius:2px"></div></div> {_text(text)}'
    )


def _grade(shown: Shown) -> str:
    text = shown.grade_text
    if text is None:
        return ""
    return _text(text) if shown.final else _MUTED.format(_text(text))


def _status(shown: Shown) -> str:
    parts = [part for part in (shown.status_text, *shown.missing) if part]
    return _text(" · ".join(parts))


def plan_to_html(subject: Plan | Evaluation) -> str:
    """An HTML table of a plan's goals as a tree; with scores for an evaluation.

    Raises:
        ValidationError: if ``subject`` is neither a plan nor an evaluation.

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
    display: Display | None = None
    if isinstance(subject, Evaluation):
        evaluation, plan = subject, subject.plan
        display = Display(evaluation)
    elif isinstance(subject, Plan):
        plan = subject
    else:
        raise ValidationError.single(
            "subject",
            subject,
            f"'subject' must be a Plan or an Evaluation (got {show(subject)})",
        )
    cell = 'style="text-align:left;padding:2px 8px"'
    headers = ["goal", "kind", "owner", "period"]
    if evaluation is not None:
        headers += ["progress", "grade", "status"]
    caption = plan.name
    if evaluation is not None:
        caption += f" · {evaluation.at.isoformat()}"
    lines = [
        '<table class="goalkit" style="border-collapse:collapse;font-size:90%">',
        f'<caption style="text-align:left;font-weight:bold">{_text(caption)}</caption>',
        "<thead><tr>" + "".join(f"<th {cell}>{_text(h)}</th>" for h in headers) + "</tr></thead>",
        "<tbody>",
    ]
    for row in tree_rows(plan):
        goal = row.goal
        objective = plan.objective_of(goal.id)
        owner = getattr(goal, "owner", None) or (objective.owner if objective else "")
        period = str(objective.period) if objective is not None else ""
        indent = f"padding-left:{0.5 + 1.5 * row.depth:.1f}em"
        title = _text(goal.title)
        if row.supports:
            title = f"{_MUTED.format('(supports)')} {title}"
        if row.repeated:
            title += f" {_MUTED.format('(shown above)')}"
        cells = [
            f'<td style="text-align:left;{indent}">{title}</td>',
            f"<td {cell}>{_text(_kind(goal))}</td>",
            f"<td {cell}>{_text(owner)}</td>",
            f"<td {cell}>{_text(period)}</td>",
        ]
        row_style = ""
        if display is not None:
            shown = None if row.repeated else display(goal)
            if shown is None:
                cells += [f"<td {cell}></td>"] * 3
            else:
                row_style = f' style="background:{shown.fill}"'
                cells += [
                    f"<td {cell}>{_amount(shown)}</td>",
                    f"<td {cell}>{_grade(shown)}</td>",
                    f"<td {cell}>{_status(shown)}</td>",
                ]
        lines.append(f"<tr{row_style}>{''.join(cells)}</tr>")
    lines += ["</tbody>", "</table>"]
    return "\n".join(lines)


def evaluation_to_html(evaluation: Evaluation) -> str:
    """The HTML of an evaluation (what ``Evaluation._repr_html_`` shows).

    Raises:
        ValidationError: if ``evaluation`` is not an evaluation.

    >>> from goalkit.evaluation import evaluate
    >>> from goalkit.examples import EXAMPLE_DAY, example_plan
    >>> "2026-08-15" in evaluation_to_html(evaluate(example_plan(), at=EXAMPLE_DAY))
    True
    """
    if not isinstance(evaluation, Evaluation):
        raise ValidationError.single(
            "evaluation",
            evaluation,
            f"'evaluation' must be an Evaluation (got {show(evaluation)})",
        )
    return plan_to_html(evaluation)
