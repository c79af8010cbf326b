"""Plans as indented text trees.

>>> from goalkit.examples import example_plan
>>> print(render_tree(example_plan()).splitlines()[2])
│   └── (supports) [strategy] Win the European mid-market
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction

from goalkit.goals import KPI, Goal, Initiative, KeyResult, Objective, Theme
from goalkit.measures import Binary, Checklist, Target
from goalkit.plan import LinkKind, Plan

__all__ = ["describe", "render_tree"]

Annotate = Callable[[Goal], str]
"""A function that adds text (a score, a status) after a goal's line."""


def _number(value: object) -> str:
    if isinstance(value, Fraction):
        return f"{float(value):,.4g}"
    if isinstance(value, int | Decimal):
        return f"{value:,}"
    if isinstance(value, float):
        return f"{value:,.6g}"
    return str(value)


def _target_text(target: Target, unit: str | None) -> str:
    suffix = f" {unit}" if unit else ""
    match target.direction.value:
        case "within":
            return f"within {_number(target.low)}-{_number(target.high)}{suffix}"
        case "at_least":
            return f"at least {_number(target.target)}{suffix}"
        case "at_most":
            return f"at most {_number(target.target)}{suffix}"
        case _:
            start = "first check-in" if target.needs_first_check_in else _number(target.baseline)
            goal = "?" if target.target is None else _number(target.target)
            return f"{start} -> {goal}{suffix}"


def describe(goal: Goal) -> str:
    """One line describing a goal, without scores.

    >>> from goalkit.examples import example_plan
    >>> describe(example_plan()["kr-sales-cycle"])
    '[KR] Cut the average sales cycle from 48 to 24 days · 48 -> 24 days · latest 36 on 2026-08-14'
    """
    if isinstance(goal, Theme):
        return f"[{goal.kind.value}] {goal.title}"
    if isinstance(goal, Objective):
        parts = [
            f"[objective] {goal.title}",
            goal.owner,
            goal.level,
            str(goal.period),
            goal.commitment.value,
        ]
        return " · ".join(parts)
    if isinstance(goal, KeyResult):
        parts = [f"[KR] {goal.title}"]
        measure = goal.measure
        if isinstance(measure, Target):
            parts.append(_target_text(measure, goal.unit))
        elif isinstance(measure, Checklist):
            parts.append(f"{len(measure.milestones)} milestones")
        elif isinstance(measure, Binary):
            parts.append("done / not done")
        latest = goal.history.latest()
        if latest is not None:
            parts.append(f"latest {_number(latest.value)} on {latest.day.isoformat()}")
        return " · ".join(parts)
    if isinstance(goal, KPI):
        parts = [
            f"[KPI] {goal.title}",
            goal.owner,
            goal.polarity.value.replace("_", " "),
            goal.frequency.value,
        ]
        latest = goal.history.latest()
        if latest is not None:
            parts.append(f"latest {_number(latest.value)} {goal.unit} on {latest.day.isoformat()}")
        return " · ".join(parts)
    if isinstance(goal, Initiative):
        return f"[task] {goal.title} · {goal.status.value.replace('_', ' ')}"
    return repr(goal)  # pragma: no cover - Goal is a closed union


def render_tree(plan: Plan, *, annotate: Annotate | None = None) -> str:
    """The plan as an indented tree, children under the goals they align to.

    Objectives show their key results and each key result its initiatives;
    goals linked to a parent appear beneath it. A goal aligned to several
    parents is written out in full once and referred to afterwards. The walk is
    iterative, so a chain of any depth renders.

    Args:
        plan: The plan to draw.
        annotate: Adds text after each goal's line (a score, a status).
    """
    children: defaultdict[str, list[str]] = defaultdict(list)
    aligned: set[str] = set()
    for link in plan.links:
        children[link.parent].append(link.child)
        aligned.add(link.child)
    supports = {(link.child, link.parent) for link in plan.links if link.kind is LinkKind.SUPPORTS}

    def kids(goal: Goal) -> list[str]:
        own: list[str] = []
        if isinstance(goal, Objective):
            own = [kr.id for kr in goal.key_results]
        elif isinstance(goal, KeyResult):
            own = [i.id for i in goal.initiatives]
        return own + children.get(goal.id, [])

    top: list[Goal] = [*plan.themes, *plan.objectives, *plan.kpis]
    roots = [goal.id for goal in top if goal.id not in aligned]
    lines = [f"{plan.name}"]
    shown: set[str] = set()
    # stack items: (goal id, prefix for this line, is last sibling, parent id)
    stack: list[tuple[str, str, bool, str | None]] = [
        (goal_id, "", index == len(roots) - 1, None)
        for index, goal_id in reversed(list(enumerate(roots)))
    ]
    while stack:
        goal_id, prefix, last, parent = stack.pop()
        goal = plan[goal_id]
        branch = "└── " if last else "├── "
        text = describe(goal)
        if (goal_id, parent) in supports:
            text = "(supports) " + text
        if goal_id in shown:
            lines.append(f"{prefix}{branch}{text} (shown above)")
            continue
        shown.add(goal_id)
        if annotate is not None:
            extra = annotate(goal)
            if extra:
                text = f"{text} · {extra}"
        lines.append(f"{prefix}{branch}{text}")
        below = kids(goal)
        child_prefix = prefix + ("    " if last else "│   ")
        stack.extend(
            (below[index], child_prefix, index == len(below) - 1, goal_id)
            for index in range(len(below) - 1, -1, -1)
        )
    return "\n".join(lines)
