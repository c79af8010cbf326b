"""Tests of the packaged JSON Schema: it accepts what to_dict writes, rejects broken data.

The schema and from_dict hold one definition of each field. The laws below
check that they agree on every field-level rule a JSON Schema can express
(types, formats, enums, required and unknown keys), on generated and on
mutated documents; what only from_dict checks is the documented list in
:mod:`goalkit.interop.schema`, which :data:`FROM_DICT_ONLY` mirrors.
"""

from __future__ import annotations

import copy
import functools
import json
import re
from enum import StrEnum
from typing import Any, get_args

import attrs
import jsonschema  # type: ignore[import-untyped]  # no stubs installed
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from goalkit import (
    KPI,
    Change,
    CheckIn,
    Initiative,
    Link,
    Milestone,
    Objective,
    Period,
    Plan,
    Theme,
    ValidationError,
)
from goalkit import strategies as gs
from goalkit.examples import example_plan
from goalkit.goals import KeyResult
from goalkit.interop import _converter as rules
from goalkit.interop import schema as schema_module
from goalkit.interop.data import from_dict, to_dict
from goalkit.interop.schema import plan_schema
from goalkit.measures import Binary, Checklist, Checkpoint, Target, Threshold
from test_interop_data import _slots  # the one walker over a JSON document's slots

SCHEMA = plan_schema()
VALIDATOR = jsonschema.Draft202012Validator(
    SCHEMA, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
)

#: Each definition of the schema and the class it describes.
DEFINITIONS: list[tuple[str, type]] = [
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
]


def _example() -> dict[str, Any]:
    return json.loads(json.dumps(to_dict(example_plan())))  # type: ignore[no-any-return]


def _schema_accepts(document: object) -> bool:
    return bool(VALIDATOR.is_valid(document))


def _problems(document: object, cls: type[Any] = Plan) -> list[str] | None:
    """from_dict's problems with a document, or None when it reads it."""
    try:
        from_dict(document, cls)
    except ValidationError as error:
        return [problem.message for problem in error.problems]
    return None


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

    @settings(max_examples=60, deadline=None)
    @given(gs.plans())
    def test_generated_documents_are_valid(self, plan: Plan) -> None:
        """Law: every document to_dict writes for a generated plan passes the schema."""
        document = json.loads(json.dumps(to_dict(plan)))
        assert [] == [error.message for error in VALIDATOR.iter_errors(document)]

    @pytest.mark.parametrize(("definition", "cls"), DEFINITIONS)
    def test_every_model_field_is_in_the_schema(self, definition: str, cls: type) -> None:
        """The schema names exactly the model's fields, so a new field fails this test."""
        expected = {field.name for field in attrs.fields(cls) if field.init}
        assert expected == set(SCHEMA["$defs"][definition]["properties"])

    def test_key_result_and_target_fields(self) -> None:
        """A key result's schema covers its own fields and a metric's target fields."""
        kr = SCHEMA["$defs"]["keyResult"]
        own = {f.name for f in attrs.fields(KeyResult)} - {"measure"}
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
        """Each broken document is rejected by the schema, and by from_dict."""
        document = _example()
        node = document
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value
        assert (False, True) == (_schema_accepts(document), _problems(document) is not None)

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


def _patterns(node: object) -> set[str]:
    """Every pattern in the schema."""
    found: set[str] = set()
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            if isinstance(item.get("pattern"), str):
                found.add(item["pattern"])
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return found


class TestOneDefinition:
    """The schema's patterns are the reader's, and both read each field alike."""

    def test_the_schema_uses_the_readers_patterns(self) -> None:
        """Every pattern of the schema is one of the reader's, and each is used."""
        readers = {
            rules.DAY_PATTERN,
            rules.MOMENT_PATTERN,
            rules.DECIMAL_PATTERN,
            rules.FRACTION_PATTERN,
            rules.PERIOD_PATTERN,
            rules.ID_PATTERN,
            rules.TEXT_PATTERN,
        }
        assert readers == _patterns(SCHEMA)

    def test_schema_version_is_an_integer(self) -> None:
        """1.0 is the JSON integer 1: the schema and from_dict both read it (issue 11)."""
        for version in (1, 1.0):
            assert (True, None) == (
                _schema_accepts({"schema_version": version}),
                _problems({"schema_version": version}),
            )
        refused: tuple[object, ...] = (1.5, "1", True, 2)
        for wrong in refused:
            assert (False, True) == (
                _schema_accepts({"schema_version": wrong}),
                _problems({"schema_version": wrong}) is not None,
            )

    @pytest.mark.parametrize(("definition", "cls"), DEFINITIONS)
    def test_required_keys_agree(self, definition: str, cls: type) -> None:
        """The schema requires exactly the fields without a default."""
        expected = {f.name for f in attrs.fields(cls) if f.init and f.default is attrs.NOTHING}
        assert expected == set(SCHEMA["$defs"][definition].get("required", []))

    def test_key_result_required_keys_agree(self) -> None:
        """A key result needs an id and a title; a metric its direction; milestones their list."""
        kr = SCHEMA["$defs"]["keyResult"]
        own = {f.name for f in attrs.fields(KeyResult) if f.default is attrs.NOTHING}
        metric = {f.name for f in attrs.fields(Target) if f.default is attrs.NOTHING}
        checklist = {f.name for f in attrs.fields(Checklist) if f.default is attrs.NOTHING}
        binary = {f.name for f in attrs.fields(Binary) if f.default is attrs.NOTHING}
        assert (own - {"measure"}, metric, checklist, binary) == (
            set(kr["required"]),
            set(kr["else"]["else"]["required"]),
            set(kr["then"]["required"]),
            set(kr["else"]["then"].get("required", [])),
        )

    @pytest.mark.parametrize(
        ("definition", "cls"),
        [
            *DEFINITIONS,
            ("keyResult", KeyResult),
            ("keyResult", Target),
            ("period", Period),
        ],
    )
    def test_enums_agree(self, definition: str, cls: type) -> None:
        """Every enum field allows exactly its enum's values in the schema."""
        node = SCHEMA["$defs"][definition]
        properties = dict(node.get("properties", {}))
        properties.update(node.get("else", {}).get("else", {}).get("properties", {}))
        for option in node.get("anyOf", ()):
            properties.update(option.get("properties", {}))
        for field in attrs.fields(cls):
            kinds = [k for k in (field.type, *get_args(field.type)) if _is_enum(k)]
            if not kinds or field.name not in properties:
                continue
            schema_values = _enum_values(properties[field.name])
            assert {m.value for m in kinds[0]} == schema_values, field.name


def _is_enum(kind: object) -> bool:
    return isinstance(kind, type) and issubclass(kind, StrEnum)


def _enum_values(node: dict[str, Any]) -> set[str]:
    if "enum" in node:
        return set(node["enum"])
    if "$ref" in node:
        return _enum_values(SCHEMA["$defs"][node["$ref"].rsplit("/", 1)[-1]])
    values: set[str] = set()
    for option in node.get("anyOf", ()):
        values |= _enum_values(option)
    return values


@functools.cache
def _validator(definition: str) -> Any:
    subschema = {"$ref": f"#/$defs/{definition}", "$defs": SCHEMA["$defs"]}
    checker = jsonschema.Draft202012Validator.FORMAT_CHECKER
    return jsonschema.Draft202012Validator(subschema, format_checker=checker)


def _valid(definition: str, value: object) -> bool:
    return bool(_validator(definition).is_valid(value))


def _field_verdicts(kind: str, value: object) -> tuple[bool, bool]:
    """(schema accepts, from_dict accepts) an object whose field of ``kind`` is ``value``."""
    if kind == "period":
        return _valid("period", value), _problems(value, Period) is None
    data: dict[str, Any]
    if kind in ("day", "moment", "number"):
        field = {"day": "day", "moment": "recorded_at", "number": "value"}[kind]
        data = {"day": "2026-07-01", "value": 1, field: value}
        return _valid("checkIn", data), _problems(data, CheckIn) is None
    data = {"id": "t", "title": "t", "id" if kind == "id" else "title": value}
    return _valid("theme", data), _problems(data, Theme) is None


#: Texts near the rules: other ISO forms, other scripts' digits, padding,
#: newlines, impossible days, numbers in forms Python reads and JSON does not.
NEAR_MISSES = [
    "2026-07-01", "20260701", "2026-W27-3", "2026W273", "2026-182", "2026-13-01",
    "2026-02-29", "2024-02-29", "1900-02-29", "2000-02-29", "0000-01-01", "0001-01-01",
    " 2026-07-01", "2026-07-01 ", "2026-07-01\n", "\uff12\uff10\uff12\uff16-07-01",
    "2026-07-01T00:00:00",
    "2026-07-01T09:30:00", "2026-07-01T09:30:00.5", "2026-07-01T09:30:00.1234567",
    "2026-07-01T09:30:00Z", "2026-07-01T09:30:00+02:00", "2026-07-01T09:30:00+0200",
    "2026-07-01T09:30:00+02", "2026-07-01 09:30:00", "2026-07-01T09:30", "2026-07-01T24:00:00",
    "2026-07-01T09:30:00+24:00", "2026-07-01T09:30:00+02:00:30.123456", "2026-02-30T00:00:00",
    "3", "-3", "+3", "3.", ".5", "1.50", "1e5", "1E+3", "1_000", "0x10", "١٢", "1 ", " 1",
    "1\n", "NaN", "Infinity", "-0", "1/3", "-1/3", "1/0", "1/00", "1/-3", "1 /3", "1.5/2", "",
    "2026-Q3", "2026-q3", " 2026-Q3", "2026-Q3\n", "2026-Q5", "2026-H2", "2026-07", "2026-13",
    "2026-00", "2026", "0000", "FY2027", "fy2027", "FY2027@04", "FY2027-Q1@04", "FY2027@13",
    "FY2027@4", "2026-07-01/2026-07-14", "2026-07-14/2026-07-01", "2026-07-01/2026-02-30",
    "o1", " o1", "o1 ", "a b", "a\nb", "a\n", "\u00a0", "\x1c", " ", "\t", "title", "中文",
]  # fmt: skip

#: What a field of each kind may hold besides its text (types only from_dict knows).
KINDS = ["day", "moment", "number", "period", "id", "text"]

#: Near misses whose only fault is a rule about the whole value, not its form.
CROSS_FIELD_TEXTS = {("period", "2026-07-14/2026-07-01")}


class TestFieldsAgree:
    @pytest.mark.parametrize("kind", KINDS)
    @pytest.mark.parametrize("text", NEAR_MISSES)
    def test_near_misses(self, kind: str, text: str) -> None:
        """The schema and from_dict accept and refuse the same texts in every kind of field."""
        if (kind, text) in CROSS_FIELD_TEXTS:
            assert (True, False) == _field_verdicts(kind, text)
        else:
            schema_ok, reader_ok = _field_verdicts(kind, text)
            assert schema_ok == reader_ok

    @pytest.mark.parametrize("kind", KINDS)
    @pytest.mark.parametrize("value", [None, True, 0, 1.5, -2, [], {}, ["2026-07-01"]])
    def test_other_types(self, kind: str, value: object) -> None:
        """Values of other JSON types get the same verdict."""
        schema_ok, reader_ok = _field_verdicts(kind, value)
        assert schema_ok == reader_ok

    @settings(max_examples=300, deadline=None)
    @given(
        st.sampled_from(KINDS),
        st.text(alphabet="0123456789-+./:TZWQHFYqfy@eE _\n\u0662", max_size=26),
    )
    def test_texts_near_the_grammar(self, kind: str, text: str) -> None:
        """Law: for any text made of the grammar's characters, both give one verdict."""
        if kind == "period" and rules._PERIOD_TEXT.match(text) and "/" in text:
            return  # a custom range's order is a rule about the whole value
        schema_ok, reader_ok = _field_verdicts(kind, text)
        assert schema_ok == reader_ok


# -- whole documents ---------------------------------------------------------------

#: The rules only from_dict checks, as the docs of goalkit.interop.schema list
#: them, each with the words of its message.
FROM_DICT_ONLY: dict[str, str] = {
    "ids are unique": r"^duplicate id ",
    "links name goals of the plan": r"^'(child|parent)' names no goal in the plan ",
    "not the goal itself": r"^a goal cannot align to itself ",
    "once per kind": r"^duplicate link from ",
    "close no cycle": r"^links\[\d+\] closes a cycle: ",
    "do not all weigh 0": r"^contributing link weights to .* must not all be zero ",
    "one of the plan's levels": r"^'level' must be one of the plan's levels ",
    "key result weights of an objective": r"^key result weights must not all be zero$",
    "milestone weights, are not all 0": r"^milestone weights must not all be zero$",
    "not dated after its objective's period ends": r"^check-in on \S+ is after the end of period ",
    "binary key result's check-ins are 0 or 1": (
        r"^a binary key result takes check-ins of 1 \(done\) or 0 \(not done\)"
    ),
    "a milestone key result has none": r"^a milestone key result moves by marking milestones done",
    "checkpoints are for metric key results": r"^'checkpoints' are only for metric key results$",
    "one per day": r"^'checkpoints' must have one checkpoint per day ",
    "naive and aware": r"^'recorded_at' mixes naive and aware datetimes",
    "the fields its direction needs": (
        r"^'\w+' (is required for|has no meaning for|is only for band targets)"
        r"|^give either 'target' or a change|^a 100 % decrease implies no baseline"
    ),
    "right side of its baseline": r"^'(target|stretch)' must be (above|below) '(baseline|target)' ",
    "matches its stated change": r"^'target' does not match the stated change ",
    "low is not above its high": r"^'low' must not be above 'high' ",
    "a range of one value includes both edges": (
        r"^a range from .* holds nothing unless both edges are included "
    ),
    "a within_range KPI has low and high": (
        r"^'low' and 'high' are required for a KPI whose polarity is within_range$"
    ),
    "thresholds do not overlap": r"^threshold .* overlaps thresholds\[\d+\] ",
    "weights are >= 0": r"^'(weight|amount)' must be (>= 0|> 0)|^'confidence' must be from 0 to 1 ",
    "admission limit": r"^'\w+' is too (large|precise): numbers are limited to 1,000 digits ",
    "ends on or after its start": (
        r"^'period' names no valid period |^'end' must not be before 'start' "
        r"|^a \w+ period cannot run from |^'fiscal_start_month' is only for fiscal periods"
    ),
}


def _unexplained(problems: list[str]) -> list[str]:
    patterns = [re.compile(p) for p in FROM_DICT_ONLY.values()]
    return [m for m in problems if not any(p.search(m) for p in patterns)]


ENUM_VALUES = sorted(
    {value for node in SCHEMA["$defs"].values() for value in _enum_values(node)}
    | {"first_check_in", "INCREASE", "Weekly"}
)
OTHER_TYPES: list[object] = [None, True, False, 0, 1, -1, 2.5, "x", [], {}, [1], {"a": 1}]
NUMBERS: list[object] = [0, 1, -1, 0.5, 3, "2.50", "-1", "1/3", "0", 1e300]


@st.composite
def mutated_documents(draw: st.DrawFn) -> dict[str, Any]:
    """A generated plan's document with one field-level change.

    The change is of a field's type, of a text's format, of an enum's value, a
    number's value, a required key dropped or an unknown key added.
    """
    document: dict[str, Any] = json.loads(json.dumps(to_dict(draw(gs.plans()))))
    slots = _slots(document)
    if not slots:
        return document
    container, key = draw(st.sampled_from(slots))
    action = draw(st.sampled_from(["type", "format", "enum", "number", "drop", "add"]))
    if action == "type":
        container[key] = draw(st.sampled_from(OTHER_TYPES))
    elif action == "format":
        container[key] = draw(st.sampled_from(NEAR_MISSES))
    elif action == "enum":
        container[key] = draw(st.sampled_from(ENUM_VALUES))
    elif action == "number":
        container[key] = draw(st.sampled_from(NUMBERS))
    elif action == "drop":
        del container[key]
    elif isinstance(container, dict):
        container[draw(st.sampled_from(["colour", "Title", "type", "unit", "x"]))] = 1
    else:
        container.append(draw(st.sampled_from(OTHER_TYPES)))
    return document


class TestDocumentsAgree:
    @settings(max_examples=120, deadline=None)
    @given(mutated_documents())
    def test_mutated_documents(self, document: dict[str, Any]) -> None:
        """Law: the schema and from_dict agree on every field-level rule.

        What the schema refuses, from_dict refuses; what from_dict refuses and
        the schema accepts breaks only rules of the documented list that a JSON
        Schema cannot express (FROM_DICT_ONLY).
        """
        problems = _problems(document)
        if not _schema_accepts(document):
            assert problems is not None
        elif problems is not None:
            assert [] == _unexplained(problems)

    def test_the_list_is_documented(self) -> None:
        """Each rule of FROM_DICT_ONLY is named in the docs of goalkit.interop.schema."""
        documented = " ".join(str(schema_module.__doc__).split())
        assert [] == [rule for rule in FROM_DICT_ONLY if rule not in documented]
