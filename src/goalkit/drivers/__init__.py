"""KPI driver trees: safe formulas, units, target allocation and sensitivity.

* :mod:`goalkit.drivers.formula`: goalkit's own safe expression language.
* :mod:`goalkit.drivers.units`: unit algebra for computed KPIs.
* :mod:`goalkit.drivers.tree`: KPIs computed from other KPIs, evaluated at a day.
* :mod:`goalkit.drivers.allocation`: splitting a target over children, and
  checking that children's targets add (or multiply) up.
* :mod:`goalkit.drivers.sensitivity`: elasticities of a top KPI to each input.

Everything is re-exported here:

>>> from goalkit.drivers import Allocation, Formula
>>> Formula.parse("visitors * conversion * order_value").names
('visitors', 'conversion', 'order_value')
>>> Allocation.equal(10, ["a", "b", "c"]).as_dict()
{'a': 4, 'b': 3, 'c': 3}
"""

from goalkit.drivers.allocation import (
    Allocation,
    GrowthSplit,
    Share,
    TargetMismatch,
    check_product,
    check_sum,
    check_targets,
)
from goalkit.drivers.formula import Formula, FormulaError, UndefinedValueError
from goalkit.drivers.sensitivity import Elasticity, sensitivities
from goalkit.drivers.tree import Driver, DriverCycleError, DriverTree, NodeValue, TreeValues
from goalkit.drivers.units import DIMENSIONLESS, Unit

__all__ = [
    "DIMENSIONLESS",
    "Allocation",
    "Driver",
    "DriverCycleError",
    "DriverTree",
    "Elasticity",
    "Formula",
    "FormulaError",
    "GrowthSplit",
    "NodeValue",
    "Share",
    "TargetMismatch",
    "TreeValues",
    "UndefinedValueError",
    "Unit",
    "check_product",
    "check_sum",
    "check_targets",
    "sensitivities",
]
