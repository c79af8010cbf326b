"""The JSON Schema (draft 2020-12) of the plan format that :func:`~goalkit.interop.to_dict` writes.

The schema ships inside the package as ``goalkit/interop/plan.schema.json``.
It checks the *shape* of a document, so other systems (a form builder, an HR
database's import step, an API gateway) can reject malformed data early;
:func:`~goalkit.interop.from_dict` also checks the *meaning* (unique ids,
targets on the right side of their baselines, links to goals that exist).

>>> schema = plan_schema()
>>> schema["$schema"]
'https://json-schema.org/draft/2020-12/schema'
>>> schema["properties"]["schema_version"]
{'const': 1}
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
