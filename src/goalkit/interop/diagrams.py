"""Plans and evaluations as diagram text: Mermaid flowcharts and Graphviz DOT.

Arrows point from a goal to the goal it serves: a key result to its
objective, an initiative to its key result, a linked goal to its parent.
``supports`` links are dashed. Given an evaluation, each box also shows its
progress and status (a KPI: its current value and status) and is filled with
the status colour, grey where nothing is known. As in every view, the grade
appears only from the last day of the goal's period on (``52% · grade amber ·
closed``); a goal with parts that have no data says so
(``47% so far · 1 of 3 key results without data``).

>>> from goalkit.examples import example_plan
>>> print(to_mermaid(example_plan()).splitlines()[0])
flowchart BT
>>> print(to_dot(example_plan()).splitlines()[0])
digraph plan {
"""

from __future__ import annotations

from goalkit._show import show
from goalkit._validation import Problems
from goalkit.evaluation import Evaluation
from goalkit.goals import Goal, Initiative, KeyResult, Objective
from goalkit.interop import _display
from goalkit.interop._display import Display, Shown
from goalkit.plan import LinkKind, Plan

__all__ = ["STATUS_COLOURS", "to_dot", "to_mermaid"]

STATUS_COLOURS: dict[str, str] = _display.STATUS_COLOURS
"""Fill colours by status value, used by every view (diagrams, HTML, charts); no data is grey."""

_KIND = {Objective: "objective", KeyResult: "KR", Initiative: "task"}

_DIRECTIONS = ("TB", "TD", "BT", "LR", "RL")
_RANKDIRS = ("TB", "BT", "LR", "RL")


def _split(
    subject: Plan | Evaluation, name: str, direction: str, allowed: tuple[str, ...]
) -> tuple[Plan, Display | None]:
    problems = Problems()
    if not isinstance(subject, Plan | Evaluation):
        problems.add(
            "subject", subject, f"'subject' must be a Plan or an Evaluation (got {show(subject)})"
        )
    if not isinstance(direction, str) or direction not in allowed:
        choices = ", ".join(repr(choice) for choice in allowed)
        problems.add(name, direction, f"'{name}' must be one of {choices} (got {show(direction)})")
    problems.raise_if_any()
    if isinstance(subject, Evaluation):
        return subject.plan, Display(subject)
    return subject, None


def _label_lines(goal: Goal, shown: Shown | None) -> list[str]:
    kind = _KIND.get(type(goal)) or getattr(getattr(goal, "kind", None), "value", None) or "KPI"
    lines = [f"[{kind}] {goal.title}"]
    owner = getattr(goal, "owner", None)
    if owner:
        lines.append(owner)
    if shown is not None:
        lines.append(shown.summary())
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
        direction: The flowchart direction: ``BT`` (parents on top), ``TB``, ``TD``,
            ``LR`` or ``RL``.

    Raises:
        ValidationError: if ``subject`` is neither a plan nor an evaluation, or
            ``direction`` is not a Mermaid direction.

    >>> from goalkit import Objective, Period, Plan
    >>> plan = Plan(objectives=[Objective(id="o1", title='Say "hi"\nthen go',
    ...     owner="acme", level="company", period=Period.quarter(2026, 3))])
    >>> print(to_mermaid(plan))
    flowchart BT
      g0["[objective] Say #quot;hi#quot;<br/>then go<br/>acme"]
    """
    plan, display = _split(subject, "direction", direction, _DIRECTIONS)
    names = {goal.id: f"g{index}" for index, goal in enumerate(plan)}
    lines = [f"flowchart {direction}"]
    used: dict[str, list[str]] = {}
    for goal in plan:
        shown = None if display is None else display(goal)
        label = _mermaid_text("\n".join(_label_lines(goal, shown)))
        lines.append(f'  {names[goal.id]}["{label}"]')
        if shown is not None:
            used.setdefault(shown.status.value, []).append(names[goal.id])
    for child, parent, dashed, text in _edges(plan):
        arrow = "-.->" if dashed else "-->"
        label = f"|{_mermaid_text(text)}|" if text else ""
        lines.append(f"  {names[child]} {arrow}{label} {names[parent]}")
    for status, members in used.items():
        lines.append(f"  classDef {status} fill:{STATUS_COLOURS[status]},stroke:#555")
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
        rankdir: Graphviz's ``rankdir``: ``BT`` puts parents on top; ``TB``,
            ``LR`` and ``RL`` are the others.

    Raises:
        ValidationError: if ``subject`` is neither a plan nor an evaluation, or
            ``rankdir`` is not a Graphviz ``rankdir``.

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
    plan, display = _split(subject, "rankdir", rankdir, _RANKDIRS)
    lines = [
        "digraph plan {",
        f"  rankdir={rankdir};",
        '  node [shape=box, style="rounded,filled", fillcolor="#ffffff", fontname="Helvetica"];',
    ]
    for goal in plan:
        shown = None if display is None else display(goal)
        label = _dot_text("\n".join(_label_lines(goal, shown)))
        attributes = f'label="{label}"'
        if shown is not None:
            attributes += f', fillcolor="{shown.fill}"'
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
