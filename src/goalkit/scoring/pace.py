"""Pace: how much progress is expected by a day, and how the actual compares.

:class:`LinearPace` (the default) expects the elapsed share of the period:
half-way through the quarter, half the way to the target. :class:`PhasedPace`
follows the phased targets a user gives (:attr:`KeyResult.checkpoints`) and the
due days of milestones.

>>> from goalkit import KeyResult, Period, Target
>>> kr = KeyResult.metric(id="kr", title="Visit 100 customers",
...                       target=Target.increase(from_=0, to=100))
>>> LinearPace().expected(kr, Period.quarter(2026, 3), date(2026, 8, 15))
Fraction(1, 2)
>>> Pace.of(Fraction(1, 2), Fraction(13, 25))
Pace(expected=Fraction(1, 2), ratio=Fraction(26, 25))
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from datetime import date, timedelta
from fractions import Fraction
from typing import Protocol

import attrs

from goalkit._numbers import Exact, Number, bounded
from goalkit._show import show
from goalkit._validation import Problems
from goalkit.exceptions import ValidationError
from goalkit.goals import KeyResult
from goalkit.measures import Binary, Checklist, Target
from goalkit.periods import Period, require_day
from goalkit.scoring.progress import (
    ProgressPolicy,
    ProgressRule,
    baseline_of,
    operand_list,
    operands,
    require_key_result,
    total,
)

__all__ = ["LinearPace", "Pace", "PaceRule", "PhasedPace", "interpolate"]


@attrs.frozen(kw_only=True)
class Pace:
    """Expected progress at a day and the ratio actual / expected.

    Attributes:
        expected: The progress expected by the day, from 0 to 1.
        ratio: Actual progress divided by :attr:`expected`; ``None`` when
            nothing is expected yet (expected 0) or there is no data.
    """

    expected: Exact
    ratio: Exact | None

    @classmethod
    def of(cls, expected: Exact, actual: Exact | None) -> Pace:
        """Compare ``actual`` progress with ``expected``.

        Raises:
            ValidationError: for a number that is not a number, an exact one
                no float can stand for beside a float, or a ratio that float
                arithmetic cannot hold or past goalkit's admission limit.

        >>> Pace.of(Fraction(0), Fraction(1, 2)).ratio is None
        True
        """
        problems = Problems()
        problems.number("expected", expected)
        problems.optional_number("progress", actual)
        problems.raise_if_any()
        if actual is None:
            (expected,) = operands(("expected", expected))
            return cls(expected=expected, ratio=None)
        expected, actual = operands(("expected", expected), ("progress", actual))
        ratio = None if expected == 0 else bounded(actual / expected, "pace.ratio")
        return cls(expected=expected, ratio=ratio)


class PaceRule(Protocol):
    """Says how much progress a key result should have made by a day."""

    def expected(
        self,
        kr: KeyResult,
        period: Period,
        at: date,
        progress: ProgressRule | None = None,
    ) -> Exact:
        """The expected progress of ``kr`` at the end of ``at``, from 0 to 1."""
        ...


def _arguments(kr: object, period: object, at: object) -> tuple[KeyResult, Period, date]:
    """The arguments of a pace rule, refusing ones of the wrong type."""
    if not isinstance(period, Period):
        raise ValidationError.single(
            "period", period, f"'period' must be a Period (got {show(period)})"
        )
    return require_key_result(kr), period, require_day(at)


def _binary_expected(measure: Binary, period: Period, at: date) -> Fraction:
    # a binary result cannot be partly done: nothing is expected before its due day
    due = measure.due if measure.due is not None else period.end
    return Fraction(int(at >= due))


@attrs.frozen(kw_only=True)
class LinearPace:
    """Expect the elapsed share of the period (:meth:`Period.elapsed_fraction`).

    Days count whole, the day ``at`` included: on the last day 1 is expected.
    A binary key result is expected done (1) from its due day on (the period's
    end without one), and 0 before.

    >>> from goalkit import KeyResult, Period
    >>> kr = KeyResult.binary(id="kr", title="Launch the chatbot", due=date(2026, 9, 15))
    >>> LinearPace().expected(kr, Period.quarter(2026, 3), date(2026, 9, 14))
    Fraction(0, 1)
    """

    def expected(
        self,
        kr: KeyResult,
        period: Period,
        at: date,
        progress: ProgressRule | None = None,
    ) -> Exact:
        """The elapsed share of ``period`` at the end of ``at``.

        Raises:
            ValidationError: for arguments of the wrong type.
        """
        kr, period, at = _arguments(kr, period, at)
        if isinstance(kr.measure, Binary):
            return _binary_expected(kr.measure, period, at)
        return period.elapsed_fraction(at)


def interpolate(points: Sequence[tuple[date, Exact]], at: date) -> Exact:
    """The value at ``at`` on the line through ``points`` (sorted by day).

    Before the first point the first value holds, after the last the last.

    >>> interpolate([(date(2026, 7, 1), Fraction(0)), (date(2026, 7, 11), Fraction(1))],
    ...             date(2026, 7, 6))
    Fraction(1, 2)
    """
    if at <= points[0][0]:
        return points[0][1]
    for (day, value), (next_day, next_value) in itertools.pairwise(points):
        if day <= at <= next_day:
            share = Fraction((at - day).days, (next_day - day).days)
            return value + (next_value - value) * share
    return points[-1][1]


@attrs.frozen(kw_only=True)
class PhasedPace:
    """Expect what the phased targets say, between them in a straight line.

    * A metric key result with :attr:`~goalkit.KeyResult.checkpoints`: each
      checkpoint's value is scored with the progress rule (the default
      :class:`~goalkit.scoring.ProgressPolicy` if none is given), and the expected
      progress runs in straight lines from 0 on the day before the period
      starts, through the checkpoints, to 1 on its last day.
    * A milestone key result: the weighted share of milestones due by the day
      (a milestone without a due day is due on the period's last day).
    * Anything else, or a first-check-in baseline not known yet: :attr:`fallback`.

    >>> from goalkit import KeyResult, Period, Target
    >>> from goalkit.measures import Checkpoint
    >>> kr = KeyResult.metric(
    ...     id="kr", title="Grow revenue", target=Target.increase(from_=0, to=100),
    ...     checkpoints=[Checkpoint(day=date(2026, 7, 31), value=10)],
    ... )
    >>> PhasedPace().expected(kr, Period.quarter(2026, 3), date(2026, 7, 31))
    Fraction(1, 10)
    """

    fallback: LinearPace = attrs.field(factory=LinearPace)

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.fallback, LinearPace):
            raise ValidationError.single(
                "fallback",
                self.fallback,
                f"'fallback' must be a LinearPace (got {show(self.fallback)})",
            )

    def expected(
        self,
        kr: KeyResult,
        period: Period,
        at: date,
        progress: ProgressRule | None = None,
    ) -> Exact:
        """The phased expected progress of ``kr`` at the end of ``at``.

        Raises:
            ValidationError: for arguments of the wrong type, or an expected
                progress that float arithmetic cannot hold.
        """
        kr, period, at = _arguments(kr, period, at)
        measure = kr.measure
        if isinstance(measure, Checklist) and measure.milestones:
            milestones = measure.milestones
            weights = operand_list(
                [m.weight for m in milestones], lambda i: f"milestones[{i}].weight"
            )
            due = total(
                (
                    w
                    for w, m in zip(weights, milestones, strict=True)
                    if (m.due if m.due is not None else period.end) <= at
                ),
                "milestones",
            )
            return bounded(due / total(weights, "milestones"), "expected")
        if isinstance(measure, Target) and kr.checkpoints:
            rule = progress if progress is not None else ProgressPolicy()
            return self._checkpoints(kr, measure, period, at, rule)
        return self.fallback.expected(kr, period, at, progress)

    def _checkpoints(
        self, kr: KeyResult, target: Target, period: Period, at: date, progress: ProgressRule
    ) -> Exact:
        baseline = baseline_of(target, kr.history, at)
        if target.needs_first_check_in and baseline is None:
            return self.fallback.expected(kr, period, at, progress)
        marks: dict[date, tuple[str, Number]] = {
            point.day: (
                f"checkpoints[{index}]",
                progress.of_value(target, point.value, baseline=baseline),
            )
            for index, point in enumerate(kr.checkpoints)
        }
        marks.setdefault(period.start - timedelta(days=1), ("expected", Fraction(0)))
        marks.setdefault(period.end, ("expected", Fraction(1)))
        days = sorted(marks)
        values = operands(*(marks[day] for day in days))
        return bounded(interpolate(list(zip(days, values, strict=True)), at), "expected")
