"""Tests of the packaged JSON Schema: it accepts what to_dict writes, rejects broken data."""

from __future__ import annotations

import copy
import json
from typing import Any

import attrs
import jsonschema  # type: ignore[import-untyped]  # no stubs installed
import pytest
from hypothesis import given, settings

from goalkit import KPI, Change, CheckIn, Initiative, Link, Milestone, Objective, Plan, Theme
from goalkit import strategies as gs
from goalkit.examples import example_plan
from goalkit.interop.data import to_dict
from goalkit.interop.schema import plan_schema
from goalkit.measures import Checkpoint, Target, Threshold

VALIDATOR = jsonschema.Draft202012Validator(plan_schema())


def _example() -> dict[str, Any]:
    return json.loads(json.dumps(to_dict(example_plan())))  # type: ignore[no-any-return]


class TestSchema:
    def test_is_a_valid_draft_2020_12_schema(self) -> None:
        """The schema itself is valid under the draft 2020-12 meta-schema."""
        jsonschema.Draft202012Validator.check_schema(plan_schema())

    def test_copies_are_independent(self) -> None:
        """Changing a returned schema leaves the packaged one alone."""
        plan_schema()["title"] = "changed"
        assert "goalkit plan" == plan_schema()["title"]

    def test_example_plan_is_valid(self) -> None:
        """The embedded example validates."""
        assert [] == list(VALIDATOR.iter_errors(_example()))

    @settings(max_examples=100, deadline=None)
    @given(gs.plans())
    def test_generated_documents_are_valid(self, plan: Plan) -> None:
        """Law: every document to_dict writes for a generated plan passes the schema."""
        document = json.loads(json.dumps(to_dict(plan)))
        assert [] == [error.message for error in VALIDATOR.iter_errors(document)]

    @pytest.mark.parametrize(
        ("definition", "cls"),
        [
            ("objective", Objective),
            ("kpi", KPI),
            ("theme", Theme),
            ("link", Link),
            ("checkIn", CheckIn),
            ("milestone", Milestone),
            ("initiative", Initiative),
            ("checkpoint", Checkpoint),
            ("change", Change),
            ("threshold", Threshold),
        ],
    )
    def test_every_model_field_is_in_the_schema(self, definition: str, cls: type) -> None:
        """The schema names exactly the model's fields, so a new field fails this test."""
        expected = {field.name for field in attrs.fields(cls) if field.init}
        assert expected == set(plan_schema()["$defs"][definition]["properties"])

    def test_key_result_and_target_fields(self) -> None:
        """A key result's schema covers its own fields and a metric's target fields."""
        kr = plan_schema()["$defs"]["keyResult"]
        own = {f.name for f in attrs.fields(type(example_plan().key_results[0]))} - {"measure"}
        assert own | {"type"} == set(kr["properties"])
        target = {f.name for f in attrs.fields(Target)}
        assert target == set(kr["else"]["else"]["properties"])

    @pytest.mark.parametrize(
        ("path", "value"),
        [
            (("objectives", 0, "key_results", 0, "target"), "ten"),
            (("objectives", 0, "key_results", 0, "direction"), "up"),
            (("objectives", 0, "key_results", 0, "colour"), "red"),
            (("objectives", 0, "period"), "2026-Q5"),
            (("objectives", 0, "id"), " padded "),
            (("objectives", 0, "commitment"), "maybe"),
            (("kpis", 0, "history", 0, "day"), "1 July"),
            (("links", 0, "weight"), True),
            (("schema_version",), 2),
            (("levels",), []),
        ],
    )
    def test_broken_documents_fail(self, path: tuple[Any, ...], value: object) -> None:
        """Each broken document is rejected by the schema."""
        document = _example()
        node = document
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value
        assert not VALIDATOR.is_valid(document)

    @pytest.mark.parametrize("field", ["id", "title", "owner", "level", "period"])
    def test_missing_required_objective_fields_fail(self, field: str) -> None:
        """An objective without a required field is rejected."""
        document = copy.deepcopy(_example())
        del document["objectives"][0][field]
        assert not VALIDATOR.is_valid(document)

    def test_milestones_need_their_list(self) -> None:
        """A milestone key result without milestones is rejected."""
        document = _example()
        broken = {"id": "m", "title": "t", "type": "milestones"}
        document["objectives"][0]["key_results"][0] = broken
        assert not VALIDATOR.is_valid(document)
