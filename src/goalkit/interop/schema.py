"""The JSON Schema (draft 2020-12) of the plan format that :func:`~goalkit.interop.to_dict` writes.

The schema ships inside the package as ``goalkit/interop/plan.schema.json``.
It checks the *shape* of a document, so other systems (a form builder, an HR
database's import step, an API gateway) can reject malformed data early.

The schema and :func:`~goalkit.interop.from_dict` share one definition of
each field: they agree on types, on the form of every text (numbers, days,
moments, periods, ids; the patterns are the reader's own), on enum values,
on required and unknown keys. Validate with ``format_checker`` on or off:
the patterns alone already refuse a day that is not in the calendar. A
document the schema refuses, ``from_dict`` refuses.

``from_dict`` also checks the rules below, which a JSON Schema cannot express
because they relate fields to each other or judge a number's value; a
document can pass the schema and still break them:

* ids are unique across the whole plan (themes, objectives, key results,
  initiatives and KPIs share one namespace);
* links name goals of the plan, not the goal itself, once per kind, and close
  no cycle; the contributing links to one parent do not all weigh 0;
* objectives and KPIs use one of the plan's levels;
* a target has the fields its direction needs and no others, lies on the
  right side of its baseline (a stretch beyond its target), and matches its
  stated change; a band's low is not above its high;
* key result weights of an objective, and milestone weights, are not all 0;
* a key result's check-ins are not dated after its objective's period ends; a
  binary key result's check-ins are 0 or 1; a milestone key result has none;
  checkpoints are for metric key results, one per day; a history does not mix
  naive and aware ``recorded_at`` times;
* a KPI's thresholds do not overlap, each range's low is not above its high
  and a range of one value includes both edges; a within_range KPI has low
  and high;
* a custom period ends on or after its start; a period object's start and end
  fit its kind, and only fiscal kinds have a fiscal_start_month;
* numbers: weights are >= 0, a confidence is from 0 to 1, a change's amount is
  > 0, and every number is within goalkit's admission limit (1,000 digits
  before and after the point).

>>> schema = plan_schema()
>>> schema["$schema"]
'https://json-schema.org/draft/2020-12/schema'
>>> schema["properties"]["schema_version"]["const"]
1
"""

from __future__ import annotations

import copy
import functools
import json
from importlib import resources
from typing import Any

__all__ = ["SCHEMA_RESOURCE", "plan_schema"]

SCHEMA_RESOURCE = "plan.schema.json"
"""The schema's file name inside the :mod:`goalkit.interop` package."""


@functools.cache
def _schema_text() -> str:
    return resources.files("goalkit.interop").joinpath(SCHEMA_RESOURCE).read_text("utf-8")


def plan_schema() -> dict[str, Any]:
    """The plan schema as a fresh dict (change it freely; the packaged copy stays).

    >>> plan_schema()["$defs"]["link"]["required"]
    ['child', 'parent']
    """
    return copy.deepcopy(_parsed())


@functools.cache
def _parsed() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(_schema_text())
    return data
