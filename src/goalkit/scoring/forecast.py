"""Forecast: where a metric is heading, by a least-squares line over recent check-ins.

:class:`LeastSquares` fits a straight line through the last check-ins (one per
day: the last one to arrive) and reads it at the period's last day. With fewer
than two days of data there is no trend: the forecast's value and progress are
``None`` and it is not flagged off track. Exact inputs give an exact forecast.

>>> from goalkit import CheckIn, KeyResult, Period, Target
>>> kr = KeyResult.metric(id="kr", title="Visit 100 customers",
...     target=Target.increase(from_=0, to=100),
...     history=[CheckIn(day=date(2026, 7, 31), value=34),
...              CheckIn(day=date(2026, 8, 14), value=52)])
>>> LeastSquares().forecast(kr, Period.quarter(2026, 3), date(2026, 8, 15))
Forecast(value=Fraction(787, 7), progress=Fraction(1, 1), off_track=False)
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from fractions import Fraction
from typing import Protocol

import attrs

from goalkit._numbers import LIMIT, Exact, Number, bounded, is_plain_number
from goalkit._show import show
from goalkit._validation import Problems
from goalkit.exceptions import ValidationError
from goalkit.goals import KeyResult
from goalkit.measures import Target
from goalkit.periods import Period, require_day
from goalkit.scoring.progress import (
    ProgressPolicy,
    ProgressRule,
    as_type_of,
    baseline_of,
    check_bound,
    operand_list,
    require_key_result,
    total,
)

__all__ = ["Forecast", "ForecastRule", "LeastSquares", "least_squares"]


@attrs.frozen(kw_only=True)
class Forecast:
    """Where a metric is heading by the end of its period.

    Attributes:
        value: The projected value on the period's last day (``None``: not enough data).
        progress: The progress of that value (``None``: not enough data).
        off_track: Whether the projection falls short (never set without data).
    """

    value: Number | None
    progress: Exact | None
    off_track: bool


NO_TREND = Forecast(value=None, progress=None, off_track=False)


class ForecastRule(Protocol):
    """Projects a key result to the end of its period."""

    def forecast(
        self, kr: KeyResult, period: Period, at: date, progress: ProgressRule | None = None
    ) -> Forecast | None:
        """The forecast as of the end of ``at``; ``None`` for kinds it does not forecast."""
        ...


def least_squares(points: Sequence[tuple[int, Number]]) -> tuple[Exact, Exact]:
    """The ``(slope, intercept)`` of the least-squares line through ``(x, y)`` points.

    ``x`` are whole numbers (days). Exact ``y`` give an exact line; any float
    ``y`` gives a float line.

    Raises:
        ValidationError: unless the points are ``(int, number)`` pairs with at
            least two distinct ``x``; for an exact ``y`` no float can stand for
            among float ones; for a line that float arithmetic cannot hold, or
            an exact one past goalkit's admission limit.

    >>> least_squares([(0, 1), (1, 3), (2, 5)])
    (Fraction(2, 1), Fraction(1, 1))
    """
    if not isinstance(points, list | tuple) or not all(
        type(point) is tuple
        and len(point) == 2
        and type(point[0]) is int
        and -LIMIT < point[0] < LIMIT
        and is_plain_number(point[1])
        for point in points
    ):
        _check_points(points)
    count = len(points)
    if len({x for x, _ in points}) < 2:
        raise ValidationError.single(
            "points",
            tuple(points),
            f"a line needs points on at least two different days (got {count} points)",
        )
    flat = operand_list(
        [n for point in points for n in point], lambda i: f"points[{i // 2}].{'xy'[i % 2]}"
    )
    xs, ys = flat[::2], flat[1::2]
    mean_x = total(xs, "points") / count
    mean_y = total(ys, "points") / count
    spread = total([(x - mean_x) ** 2 for x in xs], "points")
    moment = total([(x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)], "points")
    slope = bounded(moment / spread, "slope")
    return slope, bounded(mean_y - slope * mean_x, "intercept")


def _check_points(points: object) -> None:
    """Report every problem of least-squares points (the slow path)."""
    problems = Problems()
    if isinstance(points, str | bytes) or not isinstance(points, Sequence):
        problems.add("points", points, f"'points' must be a sequence of pairs (got {show(points)})")
        problems.raise_if_any()
    assert isinstance(points, Sequence)
    for index, point in enumerate(points):
        path = f"points[{index}]"
        if not isinstance(point, tuple) or len(point) != 2:
            problems.add(path, point, f"'points' must hold (x, y) pairs (got {show(point)})")
            continue
        x, y = point
        if isinstance(x, bool) or not isinstance(x, int):
            problems.add(f"{path}.x", x, f"'x' must be a whole number (got {show(x)})")
        else:
            problems.number(f"{path}.x", x)
        problems.number(f"{path}.y", y)
    problems.raise_if_any()


@attrs.frozen(kw_only=True)
class LeastSquares:
    """A least-squares line over the last check-ins, read at the period's last day.

    Attributes:
        last: Use at most this many of the latest days with data (``None``: all).
        window_days: Use only days within this many days up to ``at`` (``None``: all).
        off_track_below: A projected progress below this is off track; the
            default 0.75 matches the pace rule's off-track line on the last day.
    """

    last: int | None = 6
    window_days: int | None = None
    off_track_below: Number = Fraction(3, 4)

    def __attrs_post_init__(self) -> None:
        problems = Problems()
        for name, low in (("last", 2), ("window_days", 1)):
            value = getattr(self, name)
            if value is not None:
                problems.whole_number(name, value, low)
        check_bound(problems, "off_track_below", self.off_track_below, ">=", 0)
        problems.raise_if_any()

    def forecast(
        self, kr: KeyResult, period: Period, at: date, progress: ProgressRule | None = None
    ) -> Forecast | None:
        """Project ``kr`` to the end of ``period``; ``None`` unless it is a metric.

        Raises:
            ValidationError: for arguments of the wrong type, or a projection
                that float arithmetic cannot hold or past goalkit's admission limit.
        """
        target = require_key_result(kr).measure
        at = require_day(at)
        if not isinstance(period, Period):
            raise ValidationError.single(
                "period", period, f"'period' must be a Period (got {show(period)})"
            )
        if not isinstance(target, Target):
            return None
        known = kr.history.as_of(at).effective()
        if self.window_days is not None and self.window_days <= (at - date.min).days:
            first_day = at - timedelta(days=self.window_days - 1)
            known = tuple(c for c in known if c.day >= first_day)
        if self.last is not None:
            known = known[-self.last :]
        if len(known) < 2:
            return NO_TREND
        origin = known[0].day
        try:
            slope, intercept = least_squares([((c.day - origin).days, c.value) for c in known])
        except ValidationError as error:  # say where: the points are the latest check-ins
            raise error.prefixed("forecast") from None
        value = bounded(intercept + slope * (period.end - origin).days, "forecast.value")
        rule = progress if progress is not None else ProgressPolicy()
        projected = rule.of_value(target, value, baseline=baseline_of(target, kr.history, at))
        return Forecast(
            value=value,
            progress=projected,
            off_track=projected < as_type_of(projected, self.off_track_below),
        )
