"""The goal graph over a plan: cascade, alignment, validation and traversal.

A :class:`~goalkit.alignment.graph.GoalGraph` sees every goal of a
:class:`~goalkit.plan.Plan` as a node. Edges point from a child up to its
parent and come in three relations:

* ``part_of``: a key result belongs to its objective, an initiative to its
  key result (the plan's own structure);
* ``contributes``: a :class:`~goalkit.plan.Link` whose child's progress moves
  the parent's;
* ``supports``: a link that only relates the two.

A child may align to an objective, a key result, a theme or a KPI, and to
several parents (a DAG) unless an
:class:`~goalkit.alignment.policy.AlignmentPolicy` asks for a strict cascade.
:func:`~goalkit.alignment.policy.validate` reports every problem at once; every
query walks the graph iteratively, so a chain a hundred thousand goals deep is
fine.

>>> from goalkit.examples import example_plan
>>> graph = GoalGraph.of(example_plan())
>>> graph.chain("o-ana-pipeline")
('o-ana-pipeline', 'kr-sales-conversion', 'o-sales-pipeline', 'kr-company-revenue', \
'o-company-growth', 'strategy-midmarket', 'mission')
>>> graph.coverage("o-company-growth")
Fraction(2, 3)
>>> for issue in validate(example_plan()):
...     print(issue.severity, issue.kind)
error skipped_level
warning orphan
"""

from goalkit.alignment.graph import Edge, GoalGraph, Relation
from goalkit.alignment.issues import (
    AlignmentError,
    AlignmentIssue,
    AlignmentReport,
    IssueKind,
    Severity,
)
from goalkit.alignment.policy import (
    DEFAULT_POLICY,
    AlignmentPolicy,
    AlignmentRule,
    LevelRule,
    ParentRule,
    PeriodRule,
    validate,
)
from goalkit.alignment.values import roll_up_values

__all__ = [
    "DEFAULT_POLICY",
    "AlignmentError",
    "AlignmentIssue",
    "AlignmentPolicy",
    "AlignmentReport",
    "AlignmentRule",
    "Edge",
    "GoalGraph",
    "IssueKind",
    "LevelRule",
    "ParentRule",
    "PeriodRule",
    "Relation",
    "Severity",
    "roll_up_values",
    "validate",
]
