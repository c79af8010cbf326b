"""Plans (and their evaluations) as indented text trees with progress bars.

>>> from goalkit.examples import example_plan
>>> print(render_tree(example_plan()).splitlines()[2])
│   └── (supports) [strategy] Win the European mid-market
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from decimal import Decimal
from fractions import Fraction

import attrs

from goalkit._numbers import exact
from goalkit._show import show
from goalkit._validation import Problems
from goalkit.evaluation import Evaluation
from goalkit.exceptions import ValidationError
from goalkit.goals import KPI, Goal, Initiative, KeyResult, Objective, Theme
from goalkit.interop._display import Display, Shown, number_text, percent_text
from goalkit.measures import Binary, Checklist, Target
from goalkit.plan import LinkKind, Plan

__all__ = ["Annotate", "Trail", "TreeRow", "describe", "progress_bar", "render_tree", "tree_rows"]

Annotate = Callable[[Goal], str]
"""A function that adds text (a score, a status) after a goal's line."""


_MAX_BAR_WIDTH = 1000
"""The widest progress bar drawn, in characters."""


def _number(value: object) -> str:
    return number_text(value)


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


Trail = tuple[bool, "Trail"] | None
"""Whether each ancestor of a row was a last child, innermost first (see :class:`TreeRow`)."""


@attrs.frozen(kw_only=True)
class TreeRow:
    """One line of a plan drawn as a tree (see :func:`tree_rows`).

    Attributes:
        goal: The goal on this line.
        depth: How deep it sits (0 for roots).
        parent: The id of the goal it is drawn under, or ``None`` for a root.
        supports: Whether it hangs under ``parent`` by a ``supports`` link.
        repeated: Whether the goal was already drawn in full higher up (a goal
            aligned to several parents); its children are not repeated.
        last: Whether it is the last child of its parent.
        trail: For each ancestor below the roots, whether it was a last child,
            innermost first, as nested pairs ``(last, outer)``. Rows share
            their ancestors' pairs, so a deep tree takes memory in proportion
            to its size, not to its size times its depth.
    """

    goal: Goal
    depth: int
    parent: str | None
    supports: bool
    repeated: bool
    last: bool
    trail: Trail = attrs.field(default=None, repr=False)

    @property
    def prefix(self) -> str:
        """The box-drawing characters before the row's branch (built on demand)."""
        parts: list[str] = []
        trail = self.trail
        while trail is not None:
            last, trail = trail
            parts.append("    " if last else "│   ")
        return "".join(reversed(parts))


_Step = tuple[Goal, int, "str | None", bool, bool, bool, Trail]
"""One row of the walk: goal, depth, parent id, supports, repeated, last, trail."""


def _walk(plan: Plan, *, trails: bool = True) -> Iterator[_Step]:
    """The rows of the plan's tree in drawing order, one at a time (iterative).

    Without ``trails`` no per-row object outlives its row, so drawing keeps
    only the current path in memory.
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
    shown: set[str] = set()
    # stack items: (goal id, trail of this line, is last sibling, parent id, depth)
    stack: list[tuple[str, Trail, bool, str | None, int]] = [
        (goal_id, None, index == len(roots) - 1, None, 0)
        for index, goal_id in reversed(list(enumerate(roots)))
    ]
    while stack:
        goal_id, trail, last, parent, depth = stack.pop()
        goal = plan[goal_id]
        repeated = goal_id in shown
        yield goal, depth, parent, (goal_id, parent) in supports, repeated, last, trail
        if repeated:
            continue
        shown.add(goal_id)
        below = kids(goal)
        child_trail: Trail = (last, trail) if trails else None
        stack.extend(
            (below[index], child_trail, index == len(below) - 1, goal_id, depth + 1)
            for index in range(len(below) - 1, -1, -1)
        )


def tree_rows(plan: Plan) -> tuple[TreeRow, ...]:
    """The plan as tree rows, children under the goals they align to, in drawing order.

    Objectives hold their key results and each key result its initiatives;
    goals linked to a parent appear beneath it. A goal aligned to several
    parents is written out in full once and marked ``repeated`` afterwards.
    The walk is iterative, so a chain of any depth works.

    >>> from goalkit.examples import example_plan
    >>> [(row.depth, row.goal.id) for row in tree_rows(example_plan())[:3]]
    [(0, 'mission'), (1, 'strategy-midmarket'), (2, 'o-company-growth')]
    """
    return tuple(
        TreeRow(
            goal=goal,
            depth=depth,
            parent=parent,
            supports=supports,
            repeated=repeated,
            last=last,
            trail=trail,
        )
        for goal, depth, parent, supports, repeated, last, trail in _walk(plan)
    )


def _check_width(problems: Problems, path: str, width: object) -> None:
    if isinstance(width, bool) or not isinstance(width, int) or not 0 <= width <= _MAX_BAR_WIDTH:
        problems.add(
            path,
            width,
            f"'{path}' must be a whole number from 0 to {_MAX_BAR_WIDTH:,} (got {show(width)})",
        )


def progress_bar(progress: float | Fraction | Decimal | int | None, *, width: int = 10) -> str:
    """A text bar for a progress from 0 to 1 (clipped), with the percentage.

    Exact progress (``Fraction``, ``Decimal``, ``int``) is drawn exactly, so
    no value is too large or too small for the bar; only floats are formatted
    as floats.

    Raises:
        ValidationError: if ``progress`` is not ``None`` or an accepted number
            (finite, within goalkit's limits), or ``width`` is not a whole
            number from 0 to 1,000; every problem at once.

    >>> progress_bar(Fraction(13, 25))
    '[█████░░░░░]  52%'
    >>> progress_bar(None)
    '[··········]   --'
    >>> progress_bar(1.4, width=4)
    '[████] 140%'
    >>> progress_bar(0.5, width=None)
    Traceback (most recent call last):
    ...
    goalkit.exceptions.ValidationError: width: 'width' must be a whole number from 0 ... (got None)
    """
    problems = Problems()
    problems.optional_number("progress", progress)
    _check_width(problems, "width", width)
    problems.raise_if_any()
    return _bar(progress, width)


def _bar(progress: float | Fraction | Decimal | int | None, width: int) -> str:
    if progress is None:
        return f"[{'·' * width}]   --"
    share = progress if isinstance(progress, float) else exact(progress)
    share = min(max(share, 0), 1)
    filled = round(share * width)
    return f"[{'█' * filled}{'░' * (width - filled)}] {percent_text(progress):>4}"


def _check_tree_arguments(
    plan: object, annotate: object, bar_width: object, max_depth: object
) -> None:
    problems = Problems()
    if not isinstance(plan, Plan | Evaluation):
        problems.add("plan", plan, f"'plan' must be a Plan or an Evaluation (got {show(plan)})")
    if annotate is not None and not callable(annotate):
        problems.add(
            "annotate", annotate, f"'annotate' must be a function or None (got {show(annotate)})"
        )
    _check_width(problems, "bar_width", bar_width)
    if max_depth is not None and (
        isinstance(max_depth, bool) or not isinstance(max_depth, int) or max_depth < 0
    ):
        problems.add(
            "max_depth",
            max_depth,
            f"'max_depth' must be a whole number >= 0 or None (got {show(max_depth)})",
        )
    problems.raise_if_any()


def render_tree(
    plan: Plan | Evaluation,
    *,
    annotate: Annotate | None = None,
    bar_width: int = 10,
    max_depth: int | None = 64,
) -> str:
    """The plan as an indented tree, children under the goals they align to.

    Objectives show their key results and each key result its initiatives;
    goals linked to a parent appear beneath it. A goal aligned to several
    parents is written out in full once and referred to afterwards. The walk is
    iterative and each line's indent is built from its parent's, so drawing
    takes time in proportion to the text drawn, at any depth.

    Given an :class:`~goalkit.evaluation.results.Evaluation` instead of a plan,
    every scored goal gets a progress bar and its status (a KPI: its current
    value and status). Until the goal's period has ended the grade is left
    out, as it is only the grade so far; from the period's last day on it is
    shown as ``grade amber``. A goal whose progress is known while some of its
    parts have no data says so: ``47% so far · 1 of 3 key results without data``.
    The colour every renderer would give a goal follows this status (see
    :mod:`goalkit.interop.html`).

    Args:
        plan: The plan to draw, or an evaluation of it.
        annotate: Adds text after each goal's line (a score, a status).
        bar_width: The width of progress bars, in characters (0 to 1,000).
        max_depth: Goals deeper than this are not drawn; one line says how
            many were left out below each cut. An indented tree needs room in
            proportion to its depth on every line, so a very deep chain would
            print gigabytes. ``None`` draws everything.

    Raises:
        ValidationError: if an argument is of the wrong kind, or ``annotate``
            returns something other than a string.

    >>> from goalkit.evaluation import evaluate
    >>> from goalkit.examples import EXAMPLE_DAY, example_plan
    >>> tree = render_tree(evaluate(example_plan(), at=EXAMPLE_DAY))
    >>> print(next(line for line in tree.splitlines() if "Visit 100" in line))
    │   │   ...[KR] Visit 100 manufacturing customers ... · [█████░░░░░]  52% · on track
    >>> print(next(line for line in tree.splitlines() if "Order processing" in line))
    ├── [KPI] Order processing time ... · value 2.3 days · on track
    """
    _check_tree_arguments(plan, annotate, bar_width, max_depth)
    evaluation: Evaluation | None = None
    display: Display | None = None
    if isinstance(plan, Evaluation):
        evaluation, plan = plan, plan.plan
        display = Display(evaluation)
    lines = [f"{plan.name}"]
    hidden = 0
    hidden_prefix = ""
    # The indents of the rows on the path to the current row, and whether each was a
    # last child: a row's indent is its parent's plus one step, built once per row.
    indents: list[str] = []
    lasts: list[bool] = []

    def cut() -> str:
        return f"{hidden_prefix}└── … {hidden:,} more goals below (max_depth={max_depth})"

    for drawn, depth, _, supports, repeated, last, _ in _walk(plan, trails=False):
        if max_depth is not None and depth > max_depth:
            if not hidden:
                hidden_prefix = indents[depth - 1] + ("    " if lasts[depth - 1] else "│   ")
            hidden += 1
            continue
        if hidden:
            lines.append(cut())
            hidden = 0
        del indents[depth:], lasts[depth:]
        prefix = indents[-1] + ("    " if lasts[-1] else "│   ") if depth else ""
        indents.append(prefix)
        lasts.append(last)
        goal = drawn
        if evaluation is not None and drawn.id in evaluation:
            goal = evaluation.goal(drawn.id)
        branch = "└── " if last else "├── "
        text = describe(goal)
        if supports:
            text = "(supports) " + text
        if repeated:
            lines.append(f"{prefix}{branch}{text} (shown above)")
            continue
        if display is not None:
            shown = display(goal)
            if shown is not None:
                text = f"{text} · {_score_text(shown, bar_width)}"
        if annotate is not None:
            extra = annotate(goal)
            if not isinstance(extra, str):
                raise ValidationError.single(
                    "annotate",
                    extra,
                    f"'annotate' must return a string (got {show(extra)} for {show(goal.id)})",
                )
            if extra:
                text = f"{text} · {extra}"
        lines.append(f"{prefix}{branch}{text}")
    if hidden:
        lines.append(cut())
    return "\n".join(lines)


def _score_text(shown: Shown, width: int) -> str:
    if shown.kpi:
        first = "no value" if shown.value is None else f"value {shown.value}"
    else:
        first = _bar(shown.progress, width) + (" so far" if shown.so_far else "")
    return " · ".join([first, *shown.notes()])
