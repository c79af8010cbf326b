"""Scoring: from check-ins to progress, grades, status, pace and forecast.

Everything here is pure and takes the day as an argument. Each rule is a small
:class:`typing.Protocol` with a frozen default, bundled in
:class:`ScoringRules`; :data:`DEFAULT_RULES` follows what today's OKR and KPI
products do.

>>> from goalkit.examples import EXAMPLE_DAY, EXAMPLE_PERIOD, example_plan
>>> plan = example_plan()
>>> print(score_key_result(plan["kr-ana-visits"], EXAMPLE_PERIOD, EXAMPLE_DAY))
0.52 amber on track (expected 0.50, forecast 1.00)
"""

from goalkit.scoring.aggregate import (
    Aggregator,
    AllOrNothing,
    Mean,
    Minimum,
    WeightedMean,
    aggregate,
)
from goalkit.scoring.forecast import Forecast, ForecastRule, LeastSquares, least_squares
from goalkit.scoring.grading import (
    GOOGLE,
    SWEET_SPOT,
    ZONES,
    Band,
    Bands,
    GradingScale,
    PointScale,
    expected_grade,
    grade_commentary,
)
from goalkit.scoring.kpis import (
    DEFAULT_BAND_STATUS,
    STALE_GRACE_DAYS,
    KPIPolicy,
    KPIRule,
    KPIScore,
    band_of,
    is_stale,
    kpi_value,
    staleness_limit,
)
from goalkit.scoring.pace import LinearPace, Pace, PaceRule, PhasedPace
from goalkit.scoring.progress import (
    ProgressPolicy,
    ProgressRule,
    Zone,
    ZoneProgress,
    baseline_of,
    checklist_progress,
    current_value,
)
from goalkit.scoring.rounding import MAX_PLACES, Rounding, RoundingMode, RoundingPolicy
from goalkit.scoring.rules import DEFAULT_RULES, ScoringRules
from goalkit.scoring.scores import (
    KeyResultScore,
    ObjectiveScore,
    aggregate_progress,
    combine_statuses,
    grade_of,
    score_key_result,
    score_kpi,
    score_objective,
)
from goalkit.scoring.status import (
    SEVERITY,
    ConfidenceStatus,
    Majority,
    PaceStatus,
    Status,
    StatusRollUp,
    StatusRule,
    Weakest,
    known_status,
)

__all__ = [
    "DEFAULT_BAND_STATUS",
    "DEFAULT_RULES",
    "GOOGLE",
    "MAX_PLACES",
    "SEVERITY",
    "STALE_GRACE_DAYS",
    "SWEET_SPOT",
    "ZONES",
    "Aggregator",
    "AllOrNothing",
    "Band",
    "Bands",
    "ConfidenceStatus",
    "Forecast",
    "ForecastRule",
    "GradingScale",
    "KPIPolicy",
    "KPIRule",
    "KPIScore",
    "KeyResultScore",
    "LeastSquares",
    "LinearPace",
    "Majority",
    "Mean",
    "Minimum",
    "ObjectiveScore",
    "Pace",
    "PaceRule",
    "PaceStatus",
    "PhasedPace",
    "PointScale",
    "ProgressPolicy",
    "ProgressRule",
    "Rounding",
    "RoundingMode",
    "RoundingPolicy",
    "ScoringRules",
    "Status",
    "StatusRollUp",
    "StatusRule",
    "Weakest",
    "WeightedMean",
    "Zone",
    "ZoneProgress",
    "aggregate",
    "aggregate_progress",
    "band_of",
    "baseline_of",
    "checklist_progress",
    "combine_statuses",
    "current_value",
    "expected_grade",
    "grade_commentary",
    "grade_of",
    "is_stale",
    "known_status",
    "kpi_value",
    "least_squares",
    "score_key_result",
    "score_kpi",
    "score_objective",
    "staleness_limit",
]
