"""Scoring a whole plan at a day: roll-up, statuses, and incremental re-evaluation.

:func:`~goalkit.evaluation.results.evaluate` scores every goal of a plan at a
day and rolls progress up the goal graph (:mod:`goalkit.alignment`) with the
scoring rules (:mod:`goalkit.scoring`). The result, an
:class:`~goalkit.evaluation.results.Evaluation`, is immutable and holds for
every goal its progress, grade, status, pace and forecast.

>>> from goalkit.examples import EXAMPLE_DAY, example_plan
>>> evaluation = evaluate(example_plan(), at=EXAMPLE_DAY)
>>> evaluation["kr-sales-cycle"].progress
Fraction(1, 2)
>>> str(evaluation["o-sales-pipeline"].status)
'off_track'

Roll-up rules (see :class:`~goalkit.evaluation.rollup.RollUp`):

* a key result's own progress comes from its check-ins as of the day, scored
  by ``rules.progress``;
* an objective's *own* progress is the weighted mean (``rules.aggregator``)
  of its key results' progress, by key-result weight;
* a goal's *children* progress is the weighted mean of the goals linked to it
  with ``contributes`` links, by link weight (``supports`` links carry nothing);
* :attr:`RollUp.objectives <goalkit.evaluation.rollup.RollUp.objectives>` and
  :attr:`RollUp.key_results <goalkit.evaluation.rollup.RollUp.key_results>` say
  how the two sides combine; a theme has only the children side;
* a status combines (``rules`` ``combine_statuses``) the statuses of the parts
  the progress came from; grades come from the progress.

Progress is computed eagerly, in one pass over a precomputed order; grades,
statuses, paces and forecasts are computed the first time they are asked for
and then kept. Parts without data (``None``) are skipped and parts of weight
0 count for nothing, so a goal whose parts with data all weigh 0 has no data
(a :class:`~goalkit.plan.Plan` refuses a parent whose contributing links all
weigh 0). A goal without progress is never on track or done: unknown is
never green. Sums run over children in id order, so the result does not
depend on the order goals or links were added.

Numbers follow goalkit's policy (:ref:`numbers`): exact parts give
exact results, held to the admission limit as sums grow (a roll-up past it is
refused at once, naming the goal); parts of one goal mixing floats and exact
numbers are all computed as floats, an exact one no float can stand for
being refused by its path; float sums that overflow give the same finite
mean :func:`~goalkit.scoring.aggregate_progress` gives.
"""

from goalkit.evaluation.results import Evaluation, evaluate
from goalkit.evaluation.rollup import DEFAULT_ROLL_UP, NodeScore, RollUp, Source

__all__ = [
    "DEFAULT_ROLL_UP",
    "Evaluation",
    "NodeScore",
    "RollUp",
    "Source",
    "evaluate",
]
