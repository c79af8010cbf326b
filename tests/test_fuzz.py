"""Fuzz tests: only goalkit errors escape from any input, and results stay finite and exact.

Each family of public entry points gets hostile input: numbers too large, too
small or too precise for a float or for goalkit's admission limit, NaN and the
infinities, numpy scalars, wrong types, lone surrogates, deep nesting, and
documents with random parts replaced. Every call must either succeed or raise
a :class:`~goalkit.GoalkitError`; a result holds no NaN or infinity; a plan with
no float in it gives no float in its scores.

The number of examples per test is ``GOALKIT_FUZZ_EXAMPLES`` (default 60, so CI
stays fast); a longer campaign is one command::

    GOALKIT_FUZZ_EXAMPLES=20000 python -m pytest tests/test_fuzz.py
"""

from __future__ import annotations

import contextlib
import inspect
import io
import json
import math
import os
import sys
import tempfile
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import goalkit
from goalkit import (
    Binary,
    Cadence,
    Change,
    CheckIn,
    Checklist,
    GoalkitError,
    Initiative,
    KeyResult,
    Link,
    Milestone,
    Objective,
    Period,
    Plan,
    Target,
    Theme,
    check,
    evaluate,
    from_dict,
    from_json,
    render_tree,
    to_dict,
    to_dot,
    to_json,
    to_mermaid,
    to_records,
)
from goalkit import strategies as gs
from goalkit.drivers import Formula
from goalkit.examples import example_plan
from goalkit.interop import evaluation_to_html, parse_number, plan_to_html, progress_bar

EXAMPLES = int(os.environ.get("GOALKIT_FUZZ_EXAMPLES", "60"))

FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

DAY = date(2026, 8, 15)

try:
    import numpy as np
except ImportError:  # pragma: no cover - numpy comes with the pandas extra
    np = None  # type: ignore[assignment]


def _deep(levels: int) -> list[Any]:
    top: list[Any] = []
    inner = top
    for _ in range(levels):
        nested: list[Any] = []
        inner.append(nested)
        inner = nested
    return top


_NUMPY: list[object] = (
    [] if np is None else [np.int64(3), np.float64(2.5), np.int32(-1), np.float32(0.5), np.bool_(1)]
)

#: Values that broke, or could break, a promise somewhere.
HOSTILE: list[object] = [
    0,
    -1,
    1,
    7,
    10**400,
    -(10**999),
    10**1200,
    10**5000,
    Decimal("NaN"),
    Decimal("sNaN"),
    Decimal("Infinity"),
    Decimal("-Infinity"),
    Decimal("1E+400"),
    Decimal("1E-400"),
    Decimal("1E+10000000"),
    Decimal("1E-1000000"),
    Decimal("1234567890123456789012345678.9"),
    Decimal("1.0"),
    Decimal("-0"),
    Fraction(1, 10**400),
    Fraction(10**400, 3),
    Fraction(1, 3),
    Fraction(-7, 2),
    float("nan"),
    float("inf"),
    -float("inf"),
    1e308,
    -1e308,
    5e-324,
    0.0,
    -0.0,
    0.7,
    True,
    False,
    None,
    "",
    " ",
    "0.5",
    "bogus",
    "2026-07-02",
    "\ud800",
    "x" * 5000,
    b"bytes",
    [],
    [1, 2],
    {},
    {"a": 1},
    (),
    5,
    object(),
    date(2026, 7, 2),
    date(9999, 12, 31),
    date(1, 1, 1),
    datetime(2026, 7, 2, 12, 0),  # noqa: DTZ001 - a naive datetime is one of the hostile inputs
    datetime(2026, 7, 2, 12, 0, tzinfo=UTC),
    timedelta(days=1),
    _deep(50),
    *_NUMPY,
]

hostile = st.sampled_from(HOSTILE)
"""One hostile value."""

text = st.one_of(
    st.text(max_size=40),
    st.sampled_from(["2026-Q3", "FY2027", "2026-07", "2026-H1", "1/0", "1E+10000000", "\ud800"]),
)


def _goalkit_only(call: Callable[[], object]) -> object:
    """Run ``call``; a goalkit error is an answer, anything else fails the test."""
    try:
        return call()
    except GoalkitError:
        return None


def _numbers_in(value: object, *, depth: int = 0) -> Iterator[object]:
    """Every number reachable in ``value``: attrs fields, mappings, sequences."""
    stack: list[tuple[object, int]] = [(value, depth)]
    seen: set[int] = set()
    while stack:
        item, level = stack.pop()
        if level > 60 or id(item) in seen:
            continue
        seen.add(id(item))
        if isinstance(item, bool):
            continue
        if isinstance(item, int | float | Decimal | Fraction):
            yield item
        elif isinstance(item, str | bytes | date):
            continue
        elif isinstance(item, dict):
            stack.extend((v, level + 1) for v in item.values())
        elif isinstance(item, list | tuple | set | frozenset):
            stack.extend((v, level + 1) for v in item)
        elif attrs.has(type(item)):
            for field in attrs.fields(type(item)):  # type: ignore[arg-type]
                with contextlib.suppress(AttributeError):
                    stack.append((getattr(item, field.name), level + 1))


def _assert_finite(value: object) -> None:
    for number in _numbers_in(value):
        if isinstance(number, float):
            assert math.isfinite(number), f"non-finite result {number!r} in {value!r}"
        elif isinstance(number, Decimal):
            assert number.is_finite(), f"non-finite result {number!r}"


def _assert_no_float(value: object) -> None:
    floats = [n for n in _numbers_in(value) if isinstance(n, float)]
    assert [] == floats


# --- constructors ---------------------------------------------------------------------------

_PLAN = example_plan()


def _samples() -> list[object]:
    """One valid instance of every public domain class, taken from the example plan."""
    found: dict[type, object] = {}
    for value in _numbers_and_objects(_PLAN):
        found.setdefault(type(value), value)
    found[Period] = Period.parse("2026-Q3")
    found[Cadence] = Cadence.weekly() if hasattr(Cadence, "weekly") else found.get(Cadence)
    found[Change] = Change(amount=10)
    found[Binary] = Binary()
    found[Checklist] = Checklist(milestones=[Milestone(title="m")])
    found[Link] = Link(child="a", parent="b")
    return [v for v in found.values() if v is not None and attrs.has(type(v))]


def _numbers_and_objects(value: object) -> Iterator[object]:
    stack: list[object] = [value]
    seen: set[int] = set()
    while stack:
        item = stack.pop()
        if id(item) in seen:
            continue
        seen.add(id(item))
        if attrs.has(type(item)):
            yield item
            stack.extend(
                getattr(item, field.name)
                for field in attrs.fields(type(item))  # type: ignore[arg-type]
                if field.init
            )
        elif isinstance(item, list | tuple):
            stack.extend(item)
        elif hasattr(item, "__iter__") and type(item).__module__.startswith("goalkit"):
            stack.extend(iter(item))


SAMPLES = _samples()


def _init_fields(instance: object) -> list[attrs.Attribute[Any]]:
    return [f for f in attrs.fields(type(instance)) if f.init]  # type: ignore[arg-type]


@st.composite
def _mutations(draw: st.DrawFn) -> tuple[object, dict[str, object]]:
    instance = draw(st.sampled_from(SAMPLES))
    fields = _init_fields(instance)
    chosen = draw(st.lists(st.sampled_from(fields), min_size=1, max_size=3, unique=True))
    changes = {field.alias or field.name: draw(hostile) for field in chosen}
    return instance, changes


class TestConstructors:
    @FUZZ
    @given(_mutations())
    def test_only_goalkit_errors_escape(self, case: tuple[object, dict[str, object]]) -> None:
        """Any public domain object rebuilt with hostile fields is built or refused clearly."""
        instance, changes = case
        built = _goalkit_only(lambda: attrs.evolve(instance, **changes))  # type: ignore[misc]
        if built is not None:
            _assert_finite(built)
            for number in _numbers_in(built):
                assert np is None or not isinstance(number, np.generic)
            repr(built)
            str(built)

    @FUZZ
    @given(
        st.sampled_from(
            [Target.increase, Target.decrease, Target.at_least, Target.at_most, Target.within]
        ),
        st.dictionaries(
            st.sampled_from(["from_", "to", "by", "by_percent", "stretch", "low", "high"]),
            hostile,
            max_size=4,
        ),
    )
    def test_named_targets(self, make: Callable[..., Target], kwargs: dict[str, object]) -> None:
        """Named target constructors refuse hostile numbers with a goalkit error."""
        # Only the keywords a constructor takes: any other is a call error, not an input.
        accepted = inspect.signature(make).parameters
        given_ = {name: value for name, value in kwargs.items() if name in accepted}
        for name, parameter in accepted.items():
            if parameter.default is inspect.Parameter.empty and name not in given_:
                given_[name] = 1
        _assert_finite(_goalkit_only(lambda: make(**given_)))

    @FUZZ
    @given(hostile, hostile, hostile)
    def test_check_ins(self, value: object, confidence: object, day: object) -> None:
        """A check-in is made of hostile parts or refused clearly."""
        made = _goalkit_only(lambda: CheckIn(day=day, value=value, confidence=confidence))  # type: ignore[arg-type]
        if made is not None:
            _assert_finite(made)

    @FUZZ
    @given(st.lists(hostile, max_size=4), st.lists(hostile, max_size=3))
    def test_plans_of_hostile_parts(self, objectives: list[object], links: list[object]) -> None:
        """A plan whose collections hold anything is built or refused clearly."""
        _goalkit_only(lambda: Plan(objectives=objectives, links=links))
        _goalkit_only(lambda: Plan(objectives=objectives[0] if objectives else 5))


# --- parse functions ------------------------------------------------------------------------


class TestParsers:
    @FUZZ
    @given(st.one_of(text, hostile))
    def test_period_parse(self, value: object) -> None:
        """``Period.parse`` reads a period or refuses the text clearly."""
        _goalkit_only(lambda: Period.parse(value))  # type: ignore[arg-type]

    @FUZZ
    @given(st.one_of(text, hostile, st.from_regex(r"-?[0-9]{1,6}(/[0-9]{1,6})?", fullmatch=True)))
    def test_parse_number(self, value: object) -> None:
        """``parse_number`` reads a number or refuses the text clearly."""
        result = _goalkit_only(lambda: parse_number(value))
        _assert_finite(result)

    @FUZZ
    @given(
        st.one_of(
            text,
            st.lists(
                st.sampled_from(["a", "b", "+", "-", "*", "/", "**", "(", ")", "1", "0", "1e308"]),
                max_size=12,
            ).map(" ".join),
        ),
        st.dictionaries(st.sampled_from(["a", "b"]), hostile, max_size=2),
    )
    def test_formulas(self, source: str, values: dict[str, object]) -> None:
        """A formula parses and evaluates, or says clearly why not; never inf or NaN."""
        formula = _goalkit_only(lambda: Formula.parse(source))
        if isinstance(formula, Formula):
            result = _goalkit_only(lambda: formula.evaluate(values))  # type: ignore[arg-type]
            _assert_finite(result)


# --- documents ------------------------------------------------------------------------------

_DOCUMENT = to_dict(_PLAN)


def _paths(document: object) -> list[tuple[object, ...]]:
    found: list[tuple[object, ...]] = []
    stack: list[tuple[object, tuple[object, ...]]] = [(document, ())]
    while stack:
        item, path = stack.pop()
        found.append(path)
        if isinstance(item, dict):
            stack.extend((v, (*path, k)) for k, v in item.items())
        elif isinstance(item, list):
            stack.extend((v, (*path, i)) for i, v in enumerate(item))
    return found


PATHS = [p for p in _paths(_DOCUMENT) if p]

json_hostile: st.SearchStrategy[object] = st.sampled_from(
    [
        None,
        True,
        0,
        -1,
        10**400,
        1e308,
        "",
        "bogus",
        "1E+10000000",
        "1/" + "1" * 5000,
        "20260701",
        "2026-W27-3",
        "\ud800",
        [],
        {},
        [[[[[[]]]]]],
        {"id": "x"},
        1.0,
        "2026-13-45",
    ]
)


@st.composite
def _documents(draw: st.DrawFn) -> object:
    document = json.loads(json.dumps(_DOCUMENT))
    for _ in range(draw(st.integers(1, 4))):
        path = draw(st.sampled_from(PATHS))
        holder: Any = document
        try:
            for key in path[:-1]:
                holder = holder[key]
            if draw(st.booleans()) and isinstance(holder, dict):
                holder.pop(path[-1], None)
            else:
                holder[path[-1]] = draw(json_hostile)
        except (KeyError, IndexError, TypeError):
            continue
    return document


class TestDocuments:
    @FUZZ
    @given(_documents())
    def test_from_dict(self, document: object) -> None:
        """A document with random parts replaced or removed loads or is refused clearly."""
        before = json.dumps(document)
        plan = _goalkit_only(lambda: from_dict(document))
        assert before == json.dumps(document)  # nothing the caller gave is changed
        if isinstance(plan, Plan):
            _goalkit_only(lambda: evaluate(plan, at=DAY))

    @FUZZ
    @given(st.one_of(text, _documents().map(json.dumps)))
    def test_from_json(self, source: str) -> None:
        """Any text is read as a plan or refused clearly."""
        _goalkit_only(lambda: from_json(source))

    def test_deep_documents(self) -> None:
        """Documents nested far deeper than any plan are refused, not recursed into."""
        for levels in (1_000, 100_000):
            deep = _deep(levels)
            _goalkit_only(lambda deep=deep: from_dict({"schema_version": 1, "objectives": deep}))  # type: ignore[misc]
            source = '{"objectives": ' + "[" * levels + "]" * levels + "}"
            _goalkit_only(lambda source=source: from_json(source))  # type: ignore[misc]


# --- evaluate, check and the renderers ------------------------------------------------------

_ADMITTED = [
    10**999 - 1,
    -(10**999),
    Decimal("1E+999"),
    Decimal("1E-999"),
    Fraction(1, 10**999),
    Fraction(10**999 - 1, 7),
    1e308,
    -1e308,
    5e-324,
    Decimal("1234567890123456789012345678901234567890.123"),
]


@st.composite
def _hostile_plans(draw: st.DrawFn) -> Plan:
    """The example plan with check-ins of extreme but admitted values."""
    plan = _PLAN
    ids = [kr.id for kr in plan.key_results if isinstance(kr.measure, Target)]
    for _ in range(draw(st.integers(1, 3))):
        goal_id = draw(st.sampled_from(ids))
        value = draw(st.sampled_from(_ADMITTED))
        day = draw(st.sampled_from([date(2026, 7, 1), date(2026, 8, 14), date(2026, 9, 30)]))
        changed = _goalkit_only(
            lambda: plan.with_check_in(goal_id, CheckIn(day=day, value=value))  # type: ignore[arg-type]  # noqa: B023
        )
        if isinstance(changed, Plan):
            plan = changed
    return plan


def _render_all(plan: Plan, at: date) -> None:
    evaluation = evaluate(plan, at=at)
    _assert_finite([evaluation[goal.id] for goal in plan])
    render_tree(evaluation)
    render_tree(plan)
    to_dot(evaluation)
    to_mermaid(evaluation)
    evaluation_to_html(evaluation)
    plan_to_html(plan)
    to_records(evaluation)
    to_json(plan)
    check(plan, at=at)


class TestWholePlans:
    @FUZZ
    @given(_hostile_plans(), st.sampled_from([date(2026, 7, 1), DAY, date(2027, 1, 1)]))
    def test_extreme_numbers(self, plan: Plan, at: date) -> None:
        """Extreme admitted numbers evaluate, check and render, or are refused clearly."""
        _goalkit_only(lambda: _render_all(plan, at))

    @FUZZ
    @given(gs.plans(kinds=("int", "decimal", "fraction")), gs.days())
    def test_exact_plans_give_no_float(self, plan: Plan, at: date) -> None:
        """A plan without a float anywhere scores without a float anywhere."""
        evaluation = evaluate(plan, at=at)
        scores = [evaluation[goal.id] for goal in plan]
        _assert_no_float([(s.progress, s.pace) for s in scores])
        _assert_finite(scores)

    @FUZZ
    @given(gs.plans(), gs.days())
    def test_generated_plans(self, plan: Plan, at: date) -> None:
        """Every generated plan evaluates, checks and renders with no error at all."""
        _render_all(plan, at)

    @FUZZ
    @given(hostile)
    def test_evaluation_days(self, at: object) -> None:
        """Every function taking an evaluation day refuses a non-date the same way."""
        # (call, whether the day may be left out): check() runs its other rules without one.
        calls: list[tuple[Callable[[], object], bool]] = [
            (lambda: evaluate(_PLAN, at=at), False),  # type: ignore[arg-type]
            (lambda: check(_PLAN, at=at), True),  # type: ignore[arg-type]
        ]
        for call, optional in calls:
            if type(at) is date or (at is None and optional):
                call()
                continue
            with pytest.raises(goalkit.ValidationError) as caught:
                call()
            assert "at" == caught.value.path

    @FUZZ
    @given(hostile, hostile)
    def test_progress_bar(self, progress: object, width: object) -> None:
        """The progress bar draws or refuses its arguments clearly."""
        _goalkit_only(lambda: progress_bar(progress, width=width))  # type: ignore[arg-type]


# --- the command line, in process -----------------------------------------------------------


def _run_cli(argv: list[str]) -> tuple[int, str, str]:
    from goalkit import cli

    out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="strict")
    err = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="strict")
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = out, err
    try:
        try:
            status = cli.main(argv)
        except SystemExit as exit_:
            status = exit_.code if isinstance(exit_.code, int) else 2
        out.flush()
        err.flush()
    finally:
        sys.stdout, sys.stderr = saved
    return (
        status,
        out.buffer.getvalue().decode("utf-8"),
        err.buffer.getvalue().decode("utf-8"),
    )


class TestCommandLine:
    @settings(FUZZ, max_examples=max(10, EXAMPLES // 4))
    @given(
        st.one_of(_documents().map(json.dumps), text),
        st.sampled_from(["evaluate", "check"]),
        st.sampled_from(["2026-08-15", "2026-13-01", "yesterday", "\ud800"]),
    )
    def test_never_a_traceback(self, source: str, command: str, at: str) -> None:
        """Whatever file it reads, the command line answers in one line, never a traceback."""
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "plan.json"
            path.write_text(source, encoding="utf-8", errors="surrogatepass")
            status, out, err = _run_cli([command, str(path), "--at", at])
        assert status in {0, 1, 2, 3}
        assert "Traceback" not in out + err
        if status == 2:
            assert any(line.startswith("goalkit:") for line in err.splitlines())

    def test_surrogates_in_titles(self) -> None:
        """A lone surrogate in a title is written escaped, not as a UnicodeEncodeError."""
        document = to_dict(_PLAN)
        document["objectives"][0]["title"] = "Grow \ud800 revenue"
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "plan.json"
            path.write_text(json.dumps(document), encoding="utf-8")
            status, out, err = _run_cli(["evaluate", str(path), "--at", "2026-08-15"])
        assert 0 == status, err
        assert "Traceback" not in out + err


@pytest.mark.parametrize(
    "make",
    [
        lambda: Objective(
            id="o",
            title="t",
            owner="x",
            level="team",
            period=Period.parse("2026-Q3"),
            commitment=None,  # type: ignore[arg-type]
        ),
        lambda: Initiative(id="i", title="t", status=None),  # type: ignore[arg-type]
        lambda: Theme(id="t", title="t", kind=None),  # type: ignore[arg-type]
        lambda: KeyResult.metric(
            id="k",
            title="t",
            target=Target.increase(from_=0, to=1),
            history=None,  # type: ignore[arg-type]
        ),
    ],
)
def test_required_enums_and_collections_refuse_none(make: Callable[[], object]) -> None:
    """``None`` where an enum or a collection is required is a goalkit error at once."""
    with pytest.raises(GoalkitError):
        make()
