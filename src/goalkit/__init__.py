"""goalkit: goal management as a pure-Python domain library.

Objectives and key results, KPIs, SMART checks, alignment across an
organisation, and the scoring that turns check-ins into progress.

The most used names are re-exported here; each submodule holds the rest
(every strategy of :mod:`goalkit.scoring`, every rule of :mod:`goalkit.checks`).
:mod:`goalkit.strategies` is imported on its own, because it needs hypothesis.

>>> import goalkit
>>> goalkit.Period.parse("2026-Q3").days
92
"""

from goalkit._numbers import Number
from goalkit.alignment import AlignmentError, AlignmentPolicy, AlignmentReport, GoalGraph
from goalkit.appraisal import ForcedDistribution, RatingMap, TiePolicy
from goalkit.checks import Finding, Report, Rule, RuleSet, check
from goalkit.drivers import (
    Allocation,
    Driver,
    DriverTree,
    Formula,
    FormulaError,
    GrowthSplit,
    sensitivities,
)
from goalkit.evaluation import Evaluation, NodeScore, RollUp, evaluate
from goalkit.exceptions import (
    GoalkitError,
    GoalkitWarning,
    MissingDependencyError,
    Problem,
    ValidationError,
)
from goalkit.goals import (
    DEFAULT_LEVELS,
    KPI,
    Aggregation,
    Commitment,
    Goal,
    Horizon,
    Initiative,
    InitiativeStatus,
    KeyResult,
    Level,
    Objective,
    Origin,
    Perspective,
    Polarity,
    Theme,
    ThemeKind,
)
from goalkit.interop import (
    from_dict,
    from_json,
    render_tree,
    to_dataframe,
    to_dict,
    to_dot,
    to_json,
    to_mermaid,
    to_records,
)
from goalkit.measures import (
    FIRST_CHECK_IN,
    Binary,
    Change,
    CheckIn,
    Checklist,
    Checkpoint,
    Direction,
    FirstCheckIn,
    History,
    Measure,
    Milestone,
    Target,
    Threshold,
)
from goalkit.periods import Cadence, Frequency, Period, PeriodKind, as_day
from goalkit.plan import Link, LinkKind, Plan
from goalkit.ranges import Range
from goalkit.scoring import (
    DEFAULT_RULES,
    Forecast,
    KeyResultScore,
    KPIScore,
    ObjectiveScore,
    Pace,
    ScoringRules,
    Status,
    aggregate_progress,
    combine_statuses,
    grade_of,
    score_key_result,
    score_kpi,
    score_objective,
)

__version__ = "0.1.0.dev0"

__all__ = [
    # errors
    "GoalkitError",
    "GoalkitWarning",
    "MissingDependencyError",
    "Problem",
    "ValidationError",
    # periods and cadences
    "Cadence",
    "Frequency",
    "Period",
    "PeriodKind",
    "as_day",
    # numbers and measures
    "FIRST_CHECK_IN",
    "Binary",
    "Change",
    "CheckIn",
    "Checklist",
    "Checkpoint",
    "Direction",
    "FirstCheckIn",
    "History",
    "Measure",
    "Milestone",
    "Number",
    "Range",
    "Target",
    "Threshold",
    # goals
    "DEFAULT_LEVELS",
    "KPI",
    "Aggregation",
    "Commitment",
    "Goal",
    "Horizon",
    "Initiative",
    "InitiativeStatus",
    "KeyResult",
    "Level",
    "Objective",
    "Origin",
    "Perspective",
    "Polarity",
    "Theme",
    "ThemeKind",
    # plans
    "Link",
    "LinkKind",
    "Plan",
    # scoring
    "DEFAULT_RULES",
    "Forecast",
    "KPIScore",
    "KeyResultScore",
    "ObjectiveScore",
    "Pace",
    "ScoringRules",
    "Status",
    "aggregate_progress",
    "combine_statuses",
    "grade_of",
    "score_key_result",
    "score_kpi",
    "score_objective",
    # alignment and evaluation
    "AlignmentError",
    "AlignmentPolicy",
    "AlignmentReport",
    "Evaluation",
    "GoalGraph",
    "NodeScore",
    "RollUp",
    "evaluate",
    # quality checks
    "Finding",
    "Report",
    "Rule",
    "RuleSet",
    "check",
    # KPI driver trees and target setting
    "Allocation",
    "Driver",
    "DriverTree",
    "Formula",
    "FormulaError",
    "GrowthSplit",
    "sensitivities",
    # appraisal
    "ForcedDistribution",
    "RatingMap",
    "TiePolicy",
    # plain data, tables and pictures
    "from_dict",
    "from_json",
    "render_tree",
    "to_dataframe",
    "to_dict",
    "to_dot",
    "to_json",
    "to_mermaid",
    "to_records",
    # version
    "__version__",
]
