"""What every renderer shows for a goal of an evaluation (private): one decision, one place.

The text tree, the HTML table, the Mermaid and DOT diagrams and the charts all
ask :class:`Display` what to show for a goal, so no two of them can disagree,
and none can contradict the evaluation:

* **Colour follows status.** A goal is drawn in the colour of the status the
  evaluation gives it (:data:`STATUS_COLOURS`, :data:`STATUS_INK`), during
  the cycle and after it. What is not known is grey: a goal without progress
  (a KPI without a value) is drawn as :attr:`~goalkit.scoring.Status.NO_DATA`,
  whatever status it was given, because unknown is never green; only a goal
  whose status comes from KPIs linked below it (KPIs have a status but no
  progress) keeps that status, and says so.
* **The grade comes at the end.** The grade (the 0-1 band: red, amber, green
  on the default scale) is final from the last day of the goal's period on.
  Before that it is only the grade so far: the compact views (text, diagrams,
  charts) leave it out, and the HTML table labels it "so far".
* **Missing parts are named.** A goal whose progress is known while some of
  its parts have none shows the known progress "so far" and says what is
  missing (``47% so far · 1 of 3 key results without data``), never
  "no data" beside a number.
* **KPIs show their value**, with its unit, where other goals show progress.

>>> from goalkit.evaluation import evaluate
>>> from goalkit.examples import EXAMPLE_DAY, example_plan
>>> display = Display(evaluate(example_plan(), at=EXAMPLE_DAY))
>>> shown = display(example_plan()["kr-support-chatbot"])
>>> shown.summary(), shown.fill == STATUS_COLOURS["on_track"]
('0% · on track', True)
>>> display(example_plan()["kpi-mrr"]).summary()
'1,452,000 EUR · at risk'
"""

from __future__ import annotations

import decimal
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from fractions import Fraction

import attrs

from goalkit._numbers import Exact, exact, to_float
from goalkit.evaluation import Evaluation, Source
from goalkit.goals import KPI, Goal, Initiative, KeyResult, Objective, Theme
from goalkit.plan import LinkKind, Plan
from goalkit.scoring import Status

__all__ = [
    "STATUS_COLOURS",
    "STATUS_INK",
    "Display",
    "Shown",
    "display_float",
    "number_text",
    "percent_text",
    "safe_text",
]

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
"""Fill colours by status value (boxes, table rows, bars); no data is grey."""

STATUS_INK: dict[str, str] = {
    "not_started": "#6c757d",
    "on_track": "#28a745",
    "at_risk": "#d39e00",
    "off_track": "#c82333",
    "done": "#0069d9",
    "closed": "#6c757d",
    "no_data": "#999999",
    "stale": "#e0861a",
}
"""Strong colours by status value, for lines and bars on white (charts, HTML bars)."""

_JUDGED = frozenset({Status.ON_TRACK, Status.AT_RISK, Status.OFF_TRACK, Status.DONE})
"""Statuses that judge progress: never shown for a goal whose progress is unknown."""

_DISPLAY_CONTEXT = decimal.Context(
    prec=28,
    rounding=decimal.ROUND_HALF_EVEN,
    Emax=decimal.MAX_EMAX,
    Emin=decimal.MIN_EMIN,
    traps=[decimal.InvalidOperation, decimal.DivisionByZero, decimal.Overflow],
)
"""Rounding for display only (never the caller's context, never for results)."""

_FLOAT_RANGE = (Fraction(1, 10**300), Fraction(10**300))
"""Magnitudes a float shows without overflowing or vanishing."""

_PLAIN_PERCENT = 10**15
"""Percentages at or beyond this are shown in scientific notation."""


def safe_text(text: str) -> str:
    r"""``text`` with lone surrogates (which no encoding can write) as ``\udXXX`` escapes.

    >>> safe_text("ok"), safe_text("bad \udc80")
    ('ok', 'bad \\udc80')
    """
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "backslashreplace").decode("utf-8")
    return text


def _decimal_of(value: Fraction) -> Decimal:
    with decimal.localcontext(_DISPLAY_CONTEXT) as context:
        return context.divide(Decimal(value.numerator), Decimal(value.denominator))


def _general(value: Fraction) -> str:
    """Four significant digits, as ``f"{x:,.4g}"``, for any exact magnitude."""
    low, high = _FLOAT_RANGE
    if value == 0 or low < abs(value) < high:
        return f"{float(value):,.4g}"
    with decimal.localcontext(_DISPLAY_CONTEXT):
        return f"{_decimal_of(value):,.4g}"


def number_text(value: object) -> str:
    """A value for people: integers with thousands separators, fractions to 4 digits.

    Works for every admitted number (no float overflow), in any decimal context.

    >>> number_text(2290000), number_text(Fraction(800, 13)), number_text(Decimal("2.30"))
    ('2,290,000', '61.54', '2.30')
    >>> number_text(Fraction(10**400, 3))
    '3.333e+399'
    """
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, Fraction):
        if value.denominator == 1:
            return f"{value.numerator:,}"
        return _general(value)
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, Decimal):
        with decimal.localcontext(_DISPLAY_CONTEXT):
            return f"{value:,}"
    if isinstance(value, float):
        return f"{value:,.6g}"
    return str(value)


def percent_text(progress: Exact | Decimal | int) -> str:
    """A progress as a whole percentage, exactly rounded for exact values.

    >>> percent_text(Fraction(13, 25)), percent_text(1.4), percent_text(Fraction(10**500))
    ('52%', '140%', '1.000e+502%')
    """
    if isinstance(progress, float):
        if abs(progress) * 100 < _PLAIN_PERCENT:
            return f"{progress:.0%}"
        return f"{progress * 100:.3e}%"
    scaled = exact(progress) * 100
    assert isinstance(scaled, Fraction)  # exact() of a non-float
    if abs(scaled) < _PLAIN_PERCENT:
        return f"{round(scaled)}%"
    with decimal.localcontext(_DISPLAY_CONTEXT):
        return f"{_decimal_of(scaled):.3e}%"


def display_float(value: Exact | Decimal | int, path: str = "value") -> float:
    """A number as a float for drawing; tiny values become 0.

    Raises:
        ValidationError: (from :func:`goalkit._numbers.to_float`) if the value
            is too large for a float.

    >>> display_float(Fraction(1, 4)), display_float(Fraction(1, 10**400))
    (0.25, 0.0)
    """
    if isinstance(value, float):
        return value
    try:
        return float(value)
    except OverflowError:
        return to_float(value, path)


@attrs.frozen(kw_only=True)
class Shown:
    """What is shown for one goal (see the module docstring).

    Attributes:
        status: The status drawn: the evaluation's, or no data when nothing is known.
        progress: The goal's progress (``None``: no data; always ``None`` for KPIs).
        grade: The grade of the progress on the evaluation's scale.
        final: Whether the goal's period has ended, so the grade is final.
        missing: What has no data among the goal's parts, in words.
        value: A KPI's current value with its unit.
        kpi: Whether the goal is a KPI (shown by its value, not by progress).
    """

    status: Status
    progress: Exact | None = None
    grade: str | None = None
    final: bool = False
    missing: tuple[str, ...] = ()
    value: str | None = None
    kpi: bool = False

    @property
    def fill(self) -> str:
        """The fill colour of the status."""
        return STATUS_COLOURS[self.status.value]

    @property
    def ink(self) -> str:
        """The strong colour of the status."""
        return STATUS_INK[self.status.value]

    @property
    def so_far(self) -> bool:
        """Whether the progress is known while some parts have no data."""
        return self.progress is not None and bool(self.missing)

    @property
    def amount(self) -> str:
        """``52%``, ``47% so far``, a KPI's value, or ``--`` when nothing is known."""
        if self.value is not None:
            return self.value
        if self.progress is None:
            return "--"
        return percent_text(self.progress) + (" so far" if self.so_far else "")

    @property
    def grade_text(self) -> str | None:
        """The grade, final (``amber``) or so far (``amber so far``); ``None`` for none."""
        if self.grade is None:
            return None
        return self.grade if self.final else f"{self.grade} so far"

    @property
    def status_text(self) -> str | None:
        """The status in words; ``None`` where the missing parts say it instead."""
        if self.status is Status.NO_DATA and self.progress is not None:
            return None
        return self.status.words

    def notes(self) -> list[str]:
        """What follows the amount in a compact view: final grade, status, missing parts."""
        parts: list[str] = []
        if self.final and self.grade is not None:
            parts.append(f"grade {self.grade}")
        status = self.status_text
        if status is not None:
            parts.append(status)
        parts.extend(self.missing)
        return parts

    def summary(self) -> str:
        """The compact line: ``52% · on track``, ``47% so far · 1 of 3 key results ...``."""
        return " · ".join([self.amount, *self.notes()])


def _count(missing: int, total: int, noun: str) -> str:
    return f"{missing} of {total} {noun}{'' if total == 1 else 's'} without data"


class Display:
    """Decides what every renderer shows for each goal of one evaluation.

    Precomputes what it needs in one pass over the plan, so asking for every
    goal costs time in proportion to the plan's size.
    """

    __slots__ = ("_at", "_children", "_evaluation", "_kpi_fed", "_plan_end", "_roll_up")

    def __init__(self, evaluation: Evaluation) -> None:
        """Prepare to show the goals of ``evaluation``."""
        plan = evaluation.plan
        self._evaluation = evaluation
        self._at = evaluation.at
        self._roll_up = evaluation.roll_up
        ends = [objective.period.end for objective in plan.objectives]
        self._plan_end: date | None = max(ends) if ends else None
        children: dict[str, list[str]] = {}
        ups: dict[str, list[str]] = {}
        kpis: list[str] = []
        for link in plan.links:
            if link.kind is not LinkKind.CONTRIBUTES:
                continue
            ups.setdefault(link.child, []).append(link.parent)
            child = plan[link.child]
            if isinstance(child, KPI):
                kpis.append(child.id)
            elif link.weight != 0 and not isinstance(child, Initiative):
                children.setdefault(link.parent, []).append(link.child)
        self._children = children
        self._kpi_fed = self._above(plan, ups, kpis) if kpis else set()

    @staticmethod
    def _above(plan: Plan, ups: dict[str, list[str]], kpis: list[str]) -> set[str]:
        """Every goal a KPI's status reaches (a KPI has a status but no progress)."""
        for objective in plan.objectives:
            for kr in objective.key_results:
                ups.setdefault(kr.id, []).append(objective.id)
        found: set[str] = set()
        todo = list(kpis)
        while todo:
            for parent in ups.get(todo.pop(), ()):
                if parent not in found:
                    found.add(parent)
                    todo.append(parent)
        return found

    def __call__(self, goal: Goal) -> Shown | None:
        """What to show for ``goal``; ``None`` for an initiative (a task carries no score)."""
        if isinstance(goal, Initiative):
            return None
        evaluation = self._evaluation
        status = evaluation.status(goal.id)
        if isinstance(goal, KPI):
            value = evaluation[goal.id].value
            if value is None:
                return Shown(status=Status.NO_DATA if status in _JUDGED else status, kpi=True)
            text = number_text(value)
            unit = safe_text(goal.unit).strip()
            return Shown(status=status, value=f"{text} {unit}" if unit else text, kpi=True)
        progress = evaluation.progress(goal.id)
        if progress is None:
            if goal.id in self._kpi_fed:
                # No progress, but a status that KPIs below it carry up: show it, say whence.
                return Shown(status=status, missing=("status from linked KPIs",))
            return Shown(status=Status.NO_DATA if status in _JUDGED else status)
        end = self._end(goal)
        return Shown(
            status=status,
            progress=progress,
            grade=evaluation.grade(goal.id),
            final=end is not None and self._at >= end,
            missing=self._missing(goal, status),
        )

    def _end(self, goal: Goal) -> date | None:
        if isinstance(goal, Objective):
            return goal.period.end
        if isinstance(goal, KeyResult):
            objective = self._evaluation.plan.objective_of(goal.id)
            return None if objective is None else objective.period.end
        # A theme spans the plan: its grade is final once every objective has ended.
        return self._plan_end

    def _missing(self, goal: Goal, status: Status) -> tuple[str, ...]:
        progress = self._evaluation.progress
        missing: list[str] = []
        if isinstance(goal, Objective) and goal.key_results:
            lacking = sum(progress(kr.id) is None for kr in goal.key_results)
            if lacking:
                missing.append(_count(lacking, len(goal.key_results), "key result"))
        unknown = status is Status.NO_DATA
        kids: Sequence[str] = self._children.get(goal.id, ())
        if kids and self._counts_children(goal, unknown=unknown):
            lacking = sum(progress(child) is None for child in kids)
            if lacking:
                missing.append(_count(lacking, len(kids), "linked goal"))
        if unknown and not missing:
            missing.append("some parts without data")
        return tuple(missing)

    def _counts_children(self, goal: Goal, *, unknown: bool) -> bool:
        """Whether the roll-up takes this goal's progress from its children too."""
        if isinstance(goal, Theme):
            return True
        source = (
            self._roll_up.objectives if isinstance(goal, Objective) else self._roll_up.key_results
        )
        if source in (Source.BOTH, Source.CHILDREN):
            return True
        # "own then children": the children count only while the goal has no data of its own,
        # and then an unknown status comes from them.
        return source is Source.OWN_THEN_CHILDREN and unknown
