"""Plans and evaluations as diagram text: Mermaid flowcharts and Graphviz DOT.

Arrows point from a goal to the goal it serves: a key result to its
objective, an initiative to its key result, a linked goal to its parent.
``supports`` links are dashed. Given an evaluation, each box also shows its
progress and status, filled with the status colour.

>>> from goalkit.examples import example_plan
>>> print(to_mermaid(example_plan()).splitlines()[0])
flowchart BT
>>> print(to_dot(example_plan()).splitlines()[0])
digraph plan {
"""

from __future__ import annotations

from goalkit.evaluation import Evaluation
from goalkit.goals import Goal, Initiative, KeyResult, Objective
from goalkit.plan import LinkKind, Plan

__all__ = ["STATUS_COLOURS", "to_dot", "to_mermaid"]

STATUS_COLOURS: dict[str, str] = {
    "not_started": "#e2e3e5",
    "on_track": "#d4edda",
    "at_risk": "#fff3cd",
    "off_track": "#f8d7da",
    "done": "#cce5ff",
    "closed": "#d6d8d9",
    "no_data": "#f2f2f2",
    "stale": "#ffe5b4",
}
"""Fill colours by status value, shared by the diagrams and the HTML view."""

_KIND = {Objective: "objective", KeyResult: "KR", Initiative: "task"}


def _split(subject: Plan | Evaluation) -> tuple[Plan, Evaluation | None]:
    if isinstance(subject, Evaluation):
        return subject.plan, subject
    return subject, None


def _label_lines(goal: Goal, evaluation: Evaluation | None) -> list[str]:
    kind = _KIND.get(type(goal)) or getattr(getattr(goal, "kind", None), "value", None) or "KPI"
    lines = [f"[{kind}] {goal.title}"]
    owner = getattr(goal, "owner", None)
    if owner:
        lines.append(owner)
    if evaluation is not None and not isinstance(goal, Initiative):
        score = evaluation[goal.id]
        progress = "--" if score.progress is None else f"{float(score.progress):.0%}"
        lines.append(f"{progress} · {score.status.value.replace('_', ' ')}")
    return lines


def _edges(plan: Plan) -> list[tuple[str, str, bool, str]]:
    """(child, parent, dashed, label) for containment and links, in plan order."""
    edges: list[tuple[str, str, bool, str]] = []
    for objective in plan.objectives:
        for kr in objective.key_results:
            edges.append((kr.id, objective.id, False, ""))
            edges.extend((task.id, kr.id, False, "") for task in kr.initiatives)
    for link in plan.links:
        label = "" if link.weight == 1 else f"w={link.weight}"
        edges.append((link.child, link.parent, link.kind is LinkKind.SUPPORTS, label))
    return edges


def _mermaid_text(text: str) -> str:
    # Mermaid entity codes inside a quoted label: #quot; for quotes, #35; for '#'.
    return (
        text.replace("#", "#35;")
        .replace('"', "#quot;")
        .replace("<", "#lt;")
        .replace(">", "#gt;")
        .replace("\r\n", "\n")
        .replace("\r", "\n")
        .replace("\n", "<br/>")
    )


def to_mermaid(subject: Plan | Evaluation, *, direction: str = "BT") -> str:
    r"""A Mermaid flowchart of the plan (or of an evaluation, with scores and colours).

    Node names are ``g0``, ``g1`` ... in plan order, so any goal id is safe;
    titles are escaped (quotes, ``#``, angle brackets, newlines).

    Args:
        subject: A plan or an evaluation.
        direction: The flowchart direction: ``BT`` (parents on top), ``TD``, ``LR`` ...

    >>> from goalkit import Objective, Period, Plan
    >>> plan = Plan(objectives=[Objective(id="o1", title='Say "hi"\nthen go',
    ...     owner="acme", level="company", period=Period.quarter(2026, 3))])
    >>> print(to_mermaid(plan))
    flowchart BT
      g0["[objective] Say #quot;hi#quot;<br/>then go<br/>acme"]
    """
    plan, evaluation = _split(subject)
    names = {goal.id: f"g{index}" for index, goal in enumerate(plan)}
    lines = [f"flowchart {direction}"]
    for goal in plan:
        label = _mermaid_text("\n".join(_label_lines(goal, evaluation)))
        lines.append(f'  {names[goal.id]}["{label}"]')
    for child, parent, dashed, text in _edges(plan):
        arrow = "-.->" if dashed else "-->"
        label = f"|{_mermaid_text(text)}|" if text else ""
        lines.append(f"  {names[child]} {arrow}{label} {names[parent]}")
    if evaluation is not None:
        used: dict[str, list[str]] = {}
        for goal in plan:
            if not isinstance(goal, Initiative):
                used.setdefault(evaluation.status(goal.id).value, []).append(names[goal.id])
        for status, members in used.items():
            colour = STATUS_COLOURS.get(status, "#ffffff")
            lines.append(f"  classDef {status} fill:{colour},stroke:#555")
            lines.append(f"  class {','.join(members)} {status}")
    return "\n".join(lines)


def _dot_text(text: str) -> str:
    return (
        text.replace("\\", "\\\\")
        .replace('"', '\\"')
        .replace("\r\n", "\n")
        .replace("\r", "\n")
        .replace("\n", "\\n")
    )


def to_dot(subject: Plan | Evaluation, *, rankdir: str = "BT") -> str:
    r"""A Graphviz DOT digraph of the plan (or of an evaluation, with scores and colours).

    Goal ids become quoted node names; quotes, backslashes and newlines in ids
    and titles are escaped.

    Args:
        subject: A plan or an evaluation.
        rankdir: Graphviz's ``rankdir``: ``BT`` puts parents on top.

    >>> from goalkit import Objective, Period, Plan
    >>> plan = Plan(objectives=[Objective(id="o1", title='Say "hi"', owner="acme",
    ...     level="company", period=Period.quarter(2026, 3))])
    >>> print(to_dot(plan))
    digraph plan {
      rankdir=BT;
      node [shape=box, style="rounded,filled", fillcolor="#ffffff", fontname="Helvetica"];
      "o1" [label="[objective] Say \"hi\"\nacme"];
    }
    """
    plan, evaluation = _split(subject)
    lines = [
        "digraph plan {",
        f"  rankdir={rankdir};",
        '  node [shape=box, style="rounded,filled", fillcolor="#ffffff", fontname="Helvetica"];',
    ]
    for goal in plan:
        label = _dot_text("\n".join(_label_lines(goal, evaluation)))
        attributes = f'label="{label}"'
        if evaluation is not None and not isinstance(goal, Initiative):
            colour = STATUS_COLOURS.get(evaluation.status(goal.id).value, "#ffffff")
            attributes += f', fillcolor="{colour}"'
        lines.append(f'  "{_dot_text(goal.id)}" [{attributes}];')
    for child, parent, dashed, text in _edges(plan):
        extra = []
        if dashed:
            extra.append("style=dashed")
        if text:
            extra.append(f'label="{_dot_text(text)}"')
        suffix = f" [{', '.join(extra)}]" if extra else ""
        lines.append(f'  "{_dot_text(child)}" -> "{_dot_text(parent)}"{suffix};')
    lines.append("}")
    return "\n".join(lines)
