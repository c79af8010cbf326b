"""One bundle of every scoring policy: :class:`ScoringRules`.

Each field is a small :class:`typing.Protocol` with a frozen default, so an
organisation swaps in its own rule without forking anything:

>>> from goalkit.scoring import ConfidenceStatus, Minimum
>>> ours = ScoringRules(status=ConfidenceStatus(), aggregator=Minimum())
>>> ours.grading is DEFAULT_RULES.grading
True
"""

from __future__ import annotations

import attrs

from goalkit._show import show
from goalkit._validation import Problems
from goalkit.scoring.aggregate import Aggregator, WeightedMean
from goalkit.scoring.forecast import ForecastRule, LeastSquares
from goalkit.scoring.grading import GOOGLE, GradingScale
from goalkit.scoring.kpis import KPIPolicy, KPIRule
from goalkit.scoring.pace import LinearPace, PaceRule
from goalkit.scoring.progress import ProgressPolicy, ProgressRule
from goalkit.scoring.rounding import Rounding, RoundingPolicy
from goalkit.scoring.status import PaceStatus, StatusRollUp, StatusRule, Weakest

__all__ = ["DEFAULT_RULES", "ScoringRules"]


def _google() -> GradingScale:
    return GOOGLE


@attrs.frozen(kw_only=True)
class ScoringRules:
    """Every policy scoring uses, with today's products' behaviour as the defaults.

    Attributes:
        progress: Progress of a key result: floor 0, cap 1, start == target
            scores met (1) or not (0); see :class:`~goalkit.scoring.ProgressPolicy`.
        grading: Grade names: Google's red / amber / green bands.
        status: Key-result status: from the pace (0.95 / 0.75 of expected).
        pace: Expected progress: the elapsed share of the period.
        forecast: Least squares over the last 6 check-ins.
        aggregator: Objective progress: weighted mean of progress capped at 1.
        rounding: Presentation: half-up to 2 places.
        roll_up: Objective status from its parts: the weakest part's.
        kpi: KPI scoring: aggregation window, thresholds, 3 days of grace.
    """

    progress: ProgressRule = attrs.field(factory=ProgressPolicy)
    grading: GradingScale = attrs.field(factory=_google)
    status: StatusRule = attrs.field(factory=PaceStatus)
    pace: PaceRule = attrs.field(factory=LinearPace)
    forecast: ForecastRule = attrs.field(factory=LeastSquares)
    aggregator: Aggregator = attrs.field(factory=WeightedMean)
    rounding: RoundingPolicy = attrs.field(factory=Rounding)
    roll_up: StatusRollUp = attrs.field(factory=Weakest)
    kpi: KPIRule = attrs.field(factory=KPIPolicy)

    def __attrs_post_init__(self) -> None:
        problems = Problems()
        for field, method in _METHODS:
            rule = getattr(self, field)
            if not callable(getattr(rule, method, None)):
                problems.add(
                    field,
                    rule,
                    f"'{field}' must be a rule with a {method}() method (got {show(rule)})",
                )
        problems.raise_if_any()


_METHODS = (
    ("progress", "of_key_result"),
    ("grading", "grade"),
    ("status", "status"),
    ("pace", "expected"),
    ("forecast", "forecast"),
    ("aggregator", "aggregate"),
    ("rounding", "round"),
    ("roll_up", "combine"),
    ("kpi", "score"),
)


DEFAULT_RULES = ScoringRules()
"""The default :class:`ScoringRules`."""
