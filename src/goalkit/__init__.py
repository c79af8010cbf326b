"""goalkit: goal management as a pure-Python domain library.

Objectives and key results, KPIs, SMART checks, alignment across an
organisation, and the scoring that turns check-ins into progress.

>>> import goalkit
>>> goalkit.Period.parse("2026-Q3").days
92
"""

from goalkit.exceptions import GoalkitError, GoalkitWarning, Problem, ValidationError
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
from goalkit.measures import (
    FIRST_CHECK_IN,
    Binary,
    Change,
    CheckIn,
    Checklist,
    Direction,
    FirstCheckIn,
    History,
    Measure,
    Milestone,
    Target,
)
from goalkit.periods import Cadence, Frequency, Period, PeriodKind, as_day
from goalkit.plan import Link, LinkKind, Plan

__version__ = "0.1.0.dev0"

__all__ = [
    # goals
    "DEFAULT_LEVELS",
    # measures
    "FIRST_CHECK_IN",
    "KPI",
    "Aggregation",
    "Binary",
    # periods and cadences
    "Cadence",
    "Change",
    "CheckIn",
    "Checklist",
    "Commitment",
    "Direction",
    "FirstCheckIn",
    "Frequency",
    "Goal",
    # errors
    "GoalkitError",
    "GoalkitWarning",
    "History",
    "Horizon",
    "Initiative",
    "InitiativeStatus",
    "KeyResult",
    "Level",
    # plans
    "Link",
    "LinkKind",
    "Measure",
    "Milestone",
    "Objective",
    "Origin",
    "Period",
    "PeriodKind",
    "Perspective",
    "Plan",
    "Polarity",
    "Problem",
    "Target",
    "Theme",
    "ThemeKind",
    "ValidationError",
    "__version__",
    "as_day",
]
