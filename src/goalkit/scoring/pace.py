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

from goalkit._numbers import Exact, exact, to_policy
from goalkit.goals import KeyResult
from goalkit.measures import Binary, Checklist, Target
from goalkit.periods import Period
from goalkit.scoring.progress import ProgressPolicy, ProgressRule, baseline_of

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

        >>> Pace.of(Fraction(0), Fraction(1, 2)).ratio is None
        True
        """
        ratio = None if actual is None or expected == 0 else actual / expected
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
        """The elapsed share of ``period`` at the end of ``at``."""
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

    def expected(
        self,
        kr: KeyResult,
        period: Period,
        at: date,
        progress: ProgressRule | None = None,
    ) -> Exact:
        """The phased expected progress of ``kr`` at the end of ``at``."""
        measure = kr.measure
        if isinstance(measure, Checklist):
            weights = [exact(m.weight) for m in measure.milestones]
            due = sum(
                (
                    exact(m.weight)
                    for m in measure.milestones
                    if (m.due if m.due is not None else period.end) <= at
                ),
                start=Fraction(0),
            )
            return to_policy(due / sum(weights, start=Fraction(0)), *weights)
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
        values = [point.value for point in kr.checkpoints]
        marks = {
            point.day: progress.of_value(target, point.value, baseline=baseline)
            for point in kr.checkpoints
        }
        marks.setdefault(period.start - timedelta(days=1), Fraction(0))
        marks.setdefault(period.end, Fraction(1))
        points = sorted(marks.items())
        return to_policy(interpolate(points, at), *values)
