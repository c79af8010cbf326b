"""Tests of goalkit.interop.data: plain data and JSON, lossless and with located errors."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from goalkit import (
    FIRST_CHECK_IN,
    KPI,
    CheckIn,
    History,
    KeyResult,
    Link,
    Objective,
    Period,
    Plan,
    Target,
    Theme,
    ValidationError,
)
from goalkit import strategies as gs
from goalkit._numbers import number_problem
from goalkit.examples import example_plan

# The two readers are private; TestFastPath holds them to agreeing.
from goalkit.interop._converter import _structure_in_detail
from goalkit.interop._readers import _reader
from goalkit.interop.data import (
    JSON_NESTING,
    SCHEMA_VERSION,
    format_number,
    from_dict,
    from_json,
    parse_number,
    to_dict,
    to_json,
)

FAST = settings(max_examples=60, deadline=None)


def _objective(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": "o1",
        "title": "Grow",
        "owner": "acme",
        "level": "company",
        "period": "2026-Q3",
        "key_results": [],
    }
    data.update(changes)
    return data


def _period_message(text: str) -> str:
    """What Period.parse says about ``text`` (its list of forms is periods' to word)."""
    with pytest.raises(ValidationError) as caught:
        Period.parse(text)
    return caught.value.message


def _problems(data: object, cls: type[Any] = Plan) -> list[str]:
    with pytest.raises(ValidationError) as caught:
        from_dict(data, cls)
    return [str(problem) for problem in caught.value.problems]


class TestNumbers:
    @pytest.mark.parametrize(
        ("number", "plain"),
        [
            (3, 3),
            (-2.5, -2.5),
            (Decimal("1.50"), "1.50"),
            (Decimal("1E+3"), "1E+3"),
            (Decimal("-0.000"), "-0.000"),
            (Fraction(1, 3), "1/3"),
            (Fraction(4), "4/1"),
            (Fraction(-7, 2), "-7/2"),
        ],
    )
    def test_rule_table(self, number: Any, plain: Any) -> None:
        """The documented rule: each kind has one plain form, read back as the same type."""
        assert plain == format_number(number)
        back = parse_number(plain)
        assert (type(number), number) == (type(back), back)
        assert str(number) == str(back)

    @pytest.mark.parametrize(
        ("plain", "message"),
        [
            ("ten", "'number' must be a number (got 'ten')"),
            (True, "'number' must be a number (got True)"),
            (None, "'number' must be a number (got None)"),
            ("1/0", "'number' must not have a zero denominator (got '1/0')"),
            (float("inf"), "'number' must be a finite number (got inf)"),
            ("NaN", "'number' must be a number (got 'NaN')"),
            (Decimal("NaN"), "'number' must be a finite number (got Decimal('NaN'))"),
        ],
    )
    def test_bad_numbers(self, plain: object, message: str) -> None:
        """Anything else is one ValidationError naming the value."""
        with pytest.raises(ValidationError) as caught:
            parse_number(plain)
        assert message == caught.value.message

    @FAST
    @given(gs.numbers())
    def test_numbers_round_trip_through_json(self, number: Any) -> None:
        """Law: parse_number(json round trip of format_number(x)) is x, type included."""
        back = parse_number(json.loads(json.dumps(format_number(number))))
        assert (type(number), number) == (type(back), back)


class TestRoundTrip:
    @settings(max_examples=100, deadline=None)
    @given(gs.plans())
    def test_plans_round_trip_through_json(self, plan: Plan) -> None:
        """Law: from_dict(json(to_dict(p))) == p, and writing it again gives the same data."""
        data = to_dict(plan)
        back = from_dict(json.loads(json.dumps(data)))
        assert plan == back
        assert data == to_dict(back)

    @FAST
    @given(
        st.one_of(
            gs.periods(),
            gs.targets(),
            gs.check_ins(),
            gs.histories(),
            gs.key_results(),
            gs.kpis(),
            gs.themes(),
            gs.links(),
            gs.milestones(),
            gs.initiatives(),
        )
    )
    def test_every_object_round_trips(self, obj: Any) -> None:
        """Law: from_dict(to_dict(x), type(x)) == x for every public value type."""
        assert obj == from_dict(json.loads(to_json(obj)), type(obj))

    def test_decimal_keeps_trailing_zeros(self) -> None:
        """Decimal('1.50') is written '1.50' and read back with its exponent."""
        kr = KeyResult.metric(
            id="kr", title="t", target=Target.increase(from_=Decimal("1.50"), to=Decimal("2.00"))
        )
        back = from_dict(to_dict(kr), KeyResult)
        assert back.target is not None
        assert "1.50" == str(back.target.baseline)
        assert {"type": "metric", "baseline": "1.50", "target": "2.00"}.items() <= to_dict(
            kr
        ).items()

    @pytest.mark.parametrize(
        ("weight", "written"),
        [(1, None), (Decimal("1.0"), "1.0"), (1.0, 1.0), (Fraction(1), "1/1")],
    )
    def test_a_weight_equal_to_the_default_keeps_its_type(self, weight: Any, written: Any) -> None:
        """Only the default itself (int 1) is left out; 1.0 or Decimal('1.0') is kept."""
        kr = KeyResult.metric(
            id="kr", title="t", target=Target.increase(from_=0, to=1), weight=weight
        )
        data = to_dict(kr)
        assert written == data.get("weight")
        back = from_dict(json.loads(json.dumps(data)), KeyResult)
        assert (type(weight), weight) == (type(back.weight), back.weight)

    def test_first_check_in_token(self) -> None:
        """FIRST_CHECK_IN is written as 'first_check_in' and read back as the marker."""
        target = Target.increase(from_=FIRST_CHECK_IN, by_percent=10)
        data = to_dict(target)
        assert "first_check_in" == data["baseline"]
        assert target == from_dict(data, Target)

    def test_aware_timestamps_keep_their_offset(self) -> None:
        """recorded_at is an ISO datetime with its offset."""
        moment = datetime(2026, 7, 1, 9, 30, tzinfo=timezone(timedelta(hours=2)))
        check_in = CheckIn(day=date(2026, 7, 1), value=1, recorded_at=moment)
        assert "2026-07-01T09:30:00+02:00" == to_dict(check_in)["recorded_at"]
        assert check_in == from_dict(to_dict(check_in), CheckIn)

    @pytest.mark.parametrize(
        ("period", "plain"),
        [
            (Period.quarter(2026, 3), "2026-Q3"),
            (Period.fiscal_year(2027), "FY2027"),
            (Period.fiscal_year(2027, start_month=4), "FY2027@04"),
            (Period.fiscal_quarter(2027, 2, start_month=7), "FY2027-Q2@07"),
            (Period.custom(date(2026, 7, 1), date(2026, 7, 14)), "2026-07-01/2026-07-14"),
        ],
    )
    def test_period_forms(self, period: Period, plain: object) -> None:
        """Text where it reads back the same, the full object otherwise."""
        assert plain == to_dict(period)
        assert period == from_dict(plain, Period)

    def test_period_objects_are_read(self) -> None:
        """The object form {kind, start, end, fiscal_start_month} is read as well."""
        plain = {
            "kind": "fiscal_year",
            "start": "2026-04-01",
            "end": "2027-03-31",
            "fiscal_start_month": 4,
        }
        assert Period.fiscal_year(2027, start_month=4) == from_dict(plain, Period)

    def test_history_is_a_list(self) -> None:
        """A history is written as a list of check-ins."""
        history = History([CheckIn(day=date(2026, 7, 1), value=1)])
        assert [{"day": "2026-07-01", "value": 1}] == to_dict(history)

    def test_example_plan(self) -> None:
        """The embedded example survives JSON text."""
        plan = example_plan()
        assert plan == from_json(to_json(plan))
        assert SCHEMA_VERSION == json.loads(to_json(plan))["schema_version"]


class TestErrors:
    def test_issue_example_path(self) -> None:
        """A bad target deep in a plan is reported at its full path."""
        objectives = [_objective(id=f"o{n}") for n in range(4)]
        objectives[3]["key_results"] = [
            {"id": "kr0", "title": "a", "direction": "at_least", "target": 5},
            {"id": "kr1", "title": "b", "direction": "increase", "baseline": 1, "target": "ten"},
        ]
        assert [
            "objectives[3].key_results[1].target: 'target' must be a number (got 'ten')"
        ] == _problems({"objectives": objectives})

    def test_every_problem_is_reported_at_once(self) -> None:
        """Problems in different goals and fields all come back in one error."""
        data = {
            "name": 3,
            "objectives": [
                _objective(
                    period="2026-Q5",
                    key_results=[
                        {"id": "kr1", "title": "x", "direction": "up", "target": "ten", "x": 1},
                        {
                            "id": "kr2",
                            "title": "x",
                            "type": "binary",
                            "history": [{"day": "2026-07-01", "value": 3}],
                        },
                        {"id": "kr3", "title": "x", "type": "milestones", "milestones": ["m"]},
                        "nope",
                    ],
                ),
                {"id": "o2"},
            ],
            "kpis": [
                {
                    "id": "k",
                    "title": "t",
                    "owner": "o",
                    "level": "team",
                    "unit": "%",
                    "history": [{"day": "2026-13-01", "value": "NaN"}],
                }
            ],
            "links": [{"child": "o1", "parent": "o2", "weight": True}],
        }
        expected = [
            "name: 'name' must be a string (got 3)",
            f"objectives[0].period: {_period_message('2026-Q5')}",
            "objectives[0].key_results[0].x: unknown field 'x' (check its spelling)",
            "objectives[0].key_results[0].direction: 'direction' must be one of 'increase', "
            "'decrease', 'at_least', 'at_most', 'within' (got 'up')",
            "objectives[0].key_results[0].target: 'target' must be a number (got 'ten')",
            "objectives[0].key_results[1].history[0].value: a binary key result takes "
            "check-ins of 1 (done) or 0 (not done) (got 3)",
            "objectives[0].key_results[2].milestones[0]: 'milestones[0]' must be an object "
            "(got 'm')",
            "objectives[0].key_results[3]: 'key_results[3]' must be an object (got 'nope')",
            "objectives[1].title: 'title' is required",
            "objectives[1].owner: 'owner' is required",
            "objectives[1].level: 'level' is required",
            "objectives[1].period: 'period' is required",
            "kpis[0].history[0].day: 'day' must be a day in ISO form such as '2026-09-30' "
            "(got '2026-13-01')",
            "kpis[0].history[0].value: 'value' must be a number (got 'NaN')",
            "links[0].weight: 'weight' must be a number (got True)",
        ]
        assert expected == _problems(data)

    def test_plan_level_problems_keep_their_paths(self) -> None:
        """Once every goal is well formed, the plan's own checks report with paths."""
        data = {
            "objectives": [_objective(), _objective()],
            "links": [{"child": "o1", "parent": "zz"}],
        }
        assert [
            "objectives[1].id: duplicate id 'o1' (first used at objectives[0].id)",
            "links[0].parent: 'parent' names no goal in the plan (got 'zz')",
        ] == _problems(data)

    @pytest.mark.parametrize(
        ("data", "cls", "message"),
        [
            ([], Plan, "a plan must be an object (got [])"),
            ("2026-Q3", Objective, "'value' must be an object (got '2026-Q3')"),
            ({"objectives": "abc"}, Plan, "objectives: 'objectives' must be a list (got 'abc')"),
            (
                {"schema_version": "1"},
                Plan,
                "schema_version: 'schema_version' must be a whole number (got '1')",
            ),
            (
                {"schema_version": 99},
                Plan,
                "schema_version: 'schema_version' 99 is newer than this goalkit reads (1); "
                "upgrade goalkit",
            ),
            (
                {"schema_version": 0},
                Plan,
                "schema_version: no migration from schema version 0 "
                "(this goalkit reads 1; pass migrations={0: ...})",
            ),
            (
                {
                    "id": "k",
                    "title": "t",
                    "owner": "o",
                    "level": "l",
                    "unit": "%",
                    "thresholds": [{"name": "g", "low": 5, "high": 1}],
                },
                KPI,
                "thresholds[0].low: 'low' must not be above 'high' (got 5 and 1)",
            ),
            (
                {"id": "k", "title": "t", "type": "weird"},
                KeyResult,
                "type: 'type' must be 'metric', 'milestones' or 'binary' (got 'weird')",
            ),
            (
                {"id": "k", "title": "t", "type": "milestones"},
                KeyResult,
                "milestones: 'milestones' is required",
            ),
            (
                {"id": "k", "title": "t", "type": "binary", "due": "soon"},
                KeyResult,
                "due: 'due' must be a day in ISO form such as '2026-09-30' (got 'soon')",
            ),
            (
                {"id": "k", "title": "t", "direction": "at_least", "target": 1, "unit": 5},
                KeyResult,
                "unit: 'unit' must be a string (got 5)",
            ),
            (
                {"day": "2026-07-01", "value": 1, "recorded_at": "noon"},
                CheckIn,
                "recorded_at: 'recorded_at' must be a date and time in ISO form such as "
                "'2026-09-30T17:00:00+02:00' (got 'noon')",
            ),
            (
                {
                    "direction": "increase",
                    "baseline": 1,
                    "target": 3,
                    "change": {"amount": 2, "relative": "no"},
                },
                Target,
                "change.relative: 'relative' must be true or false (got 'no')",
            ),
            (
                {"kind": "quarter", "start": "2026-07-01", "end": 5},
                Period,
                "end: 'end' must be a day in ISO form such as '2026-09-30' (got 5)",
            ),
        ],
    )
    def test_table_of_bad_documents(self, data: object, cls: type[Any], message: str) -> None:
        """Each bad document gives the listed message."""
        with pytest.raises(ValidationError) as caught:
            from_dict(data, cls)
        assert message == str(caught.value)

    def test_bad_json_text(self) -> None:
        """Text that is not JSON is a ValidationError, not a JSONDecodeError."""
        with pytest.raises(ValidationError, match="not valid JSON"):
            from_json("{oops")

    @settings(max_examples=100, deadline=None)
    @given(
        st.recursive(
            st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=5),
            lambda inner: (
                st.lists(inner, max_size=3)
                | st.dictionaries(
                    st.sampled_from(["id", "title", "objectives", "key_results", "period", "x"]),
                    inner,
                    max_size=4,
                )
            ),
            max_leaves=12,
        )
    )
    def test_only_goalkit_errors_escape(self, data: object) -> None:
        """Law: from_dict on any JSON-like value returns a Plan or raises ValidationError."""
        result: Plan | ValidationError
        try:
            result = from_dict(data)
        except ValidationError as error:
            result = error
        assert isinstance(result, Plan | ValidationError)


def _deep_list(depth: int) -> list[Any]:
    """A list nested ``depth`` levels deep, built without recursion."""
    top: list[Any] = []
    current = top
    for _ in range(depth):
        inner: list[Any] = []
        current.append(inner)
        current = inner
    return top


def _deep_dict(depth: int) -> dict[str, Any]:
    """A dict nested ``depth`` levels deep, built without recursion."""
    top: dict[str, Any] = {}
    current = top
    for _ in range(depth):
        inner: dict[str, Any] = {}
        current["objectives"] = inner
        current = inner
    return top


DEEP = 100_000


class TestHostileDocuments:
    """Issue 11: only ValidationError escapes, with bounded messages, whatever the input."""

    @pytest.mark.parametrize(
        "make",
        [
            lambda deep: deep,
            lambda deep: {"objectives": deep},
            lambda deep: {"objectives": [deep]},
            lambda deep: {"schema_version": deep},
            lambda deep: {"name": deep},
            lambda deep: {"objectives": [_objective(title=deep, period=deep)]},
            lambda deep: {"objectives": [_objective(key_results=[{"id": "k", "title": deep}])]},
            lambda deep: {"kpis": [{"id": "k", "history": [{"day": deep, "value": deep}]}]},
            lambda deep: {"links": [{"child": deep, "parent": "p", "weight": deep}]},
            lambda deep: {"objectives": [_objective(key_results=[{"id": "k", "type": deep}])]},
        ],
    )
    @pytest.mark.parametrize("deep", [_deep_list(DEEP), _deep_dict(DEEP)], ids=["list", "dict"])
    def test_deep_values(self, make: Any, deep: object) -> None:
        """A value nested 100,000 levels anywhere is a ValidationError with short messages."""
        with pytest.raises(ValidationError) as caught:
            from_dict(make(deep))
        assert all(len(problem.message) < 600 for problem in caught.value.problems)

    def test_deep_unknown_key(self) -> None:
        """An unknown key that is itself deeply nested is named, cut short."""
        key: Any = ()
        for _ in range(DEEP):
            key = (key,)
        problems = _problems({key: 1})
        assert 1 == len(problems)
        assert problems[0].endswith("(check its spelling)")
        assert len(problems[0]) < 300

    def test_deep_document_through_a_migration(self) -> None:
        """A deep document passes a migration and is then refused with its problems."""

        def rename(document: dict[str, Any]) -> dict[str, Any]:
            document["objectives"] = document.pop("goals")
            return document

        with pytest.raises(ValidationError) as caught:
            from_dict(
                {"schema_version": 0, "goals": [_deep_dict(DEEP)]}, Plan, migrations={0: rename}
            )
        assert "objectives[0].objectives" == caught.value.path

    def test_deep_json_says_the_limit(self) -> None:
        """JSON nested past the parser's limit is named as such, not 'not valid JSON'."""
        for text in ("[" * 6000 + "]" * 6000, '{"objectives": ' + "[" * DEEP):
            with pytest.raises(ValidationError) as caught:
                from_json(text)
            assert (
                "not valid JSON for goalkit: nested deeper than Python's JSON parser reads "
                f"(about {JSON_NESTING:,} levels)"
            ) == caught.value.message

    @pytest.mark.parametrize(
        ("text", "message"),
        [
            (5, "JSON text must be a str or bytes (got 5)"),
            (None, "JSON text must be a str or bytes (got None)"),
            (b"\xff\xfe\x00", "not valid JSON: "),
            ("[NaN]", "not valid JSON: NaN is not a JSON number (numbers must be finite)"),
            (
                '{"name": -Infinity}',
                "not valid JSON: -Infinity is not a JSON number (numbers must be finite)",
            ),
            ("", "not valid JSON: Expecting value"),
        ],
    )
    def test_text_that_is_not_json(self, text: Any, message: str) -> None:
        """Text that is not JSON, or not text, is one ValidationError."""
        with pytest.raises(ValidationError) as caught:
            from_json(text)
        assert caught.value.message.startswith(message)

    @pytest.mark.parametrize(
        ("number", "message"),
        [
            ("9" * 5000, "'value' is too large: numbers are limited to 1,000 digits"),
            ("9" * 1001, "'value' is too large: numbers are limited to 1,000 digits"),
            ("1e400", "'value' must be a finite number (got inf)"),
            ('"1E+10000000"', "'value' is too large: numbers are limited to 1,000 digits"),
            ('"1/' + "1" * 5000 + '"', "'value' is too precise: numbers are limited"),
            ('"' + "1" * 5000 + '/1"', "'value' is too large: numbers are limited"),
            ('"0.' + "0" * 1000 + '1"', "'value' is too precise: numbers are limited"),
        ],
    )
    def test_numbers_past_the_limit(self, number: str, message: str) -> None:
        """Numbers past the admission limit are refused at their path with the limit."""
        text = (
            '{"kpis": [{"id": "k", "title": "t", "owner": "o", "level": "team", "unit": "%", '
            f'"history": [{{"day": "2026-07-01", "value": {number}}}]}}]}}'
        )
        with pytest.raises(ValidationError) as caught:
            from_json(text)
        assert "kpis[0].history[0].value" == caught.value.path
        assert caught.value.message.startswith(message)
        assert len(caught.value.message) < 300

    def test_a_huge_integer_in_a_whole_number_field(self) -> None:
        """An integer past Python's int-string limit in a whole-number field is too large."""
        with pytest.raises(ValidationError) as caught:
            from_json('{"schema_version": 1, "name": ' + "7" * 5000 + "}")
        assert "name: 'name' must be a string (got <int of 5,000 digits>)" == str(caught.value)

    def test_a_migration_that_fails(self) -> None:
        """A migration that raises on a document it did not expect is the document's problem."""

        def strict(document: dict[str, Any]) -> dict[str, Any]:
            document["objectives"] = document.pop("goals")
            return document

        with pytest.raises(ValidationError) as caught:
            from_dict({"schema_version": 0}, Plan, migrations={0: strict})
        assert (
            "schema_version: the migration from schema version 0 failed: KeyError: 'goals'"
            == str(caught.value)
        )

    def test_a_migration_that_returns_no_dict(self) -> None:
        """A migration must return a dict."""
        with pytest.raises(ValidationError) as caught:
            from_dict({"schema_version": 0}, Plan, migrations={0: lambda _: None})  # type: ignore[return-value,dict-item]
        assert caught.value.message.endswith("must return a dict (got None)")

    @pytest.mark.parametrize(
        ("version", "message"),
        [
            (10**5000, "'schema_version' <int of about 5001 digits> is newer than this goalkit"),
            (-(10**5000), "no migration from schema version <int of about 5001 digits>"),
            (1.5, "'schema_version' must be a whole number (got 1.5)"),
            (True, "'schema_version' must be a whole number (got True)"),
        ],
        ids=["huge", "huge-negative", "fraction", "bool"],
    )
    def test_odd_versions(self, version: object, message: str) -> None:
        """Versions of any size or type are refused with a bounded message."""
        with pytest.raises(ValidationError) as caught:
            from_dict({"schema_version": version})
        assert caught.value.message.startswith(message)

    def test_version_one_point_zero_is_one(self) -> None:
        """1.0 is the JSON integer 1, as the schema's 'integer' says (issue 11)."""
        assert Plan() == from_dict({"schema_version": 1.0}) == from_json('{"schema_version": 1.0}')


class TestEveryProblemAtOnce:
    """Issue 11: problems that share an object with another problem are all reported."""

    @pytest.mark.parametrize(
        ("data", "cls", "expected"),
        [
            (
                {"id": "kr", "title": "", "direction": "increase", "baseline": 1,
                 "target": "ten", "weight": -1},
                KeyResult,
                ["target: 'target' must be a number (got 'ten')",
                 "title: 'title' must not be empty (got '')",
                 "weight: 'weight' must be >= 0 (got -1)"],
            ),
            (
                {"id": "k", "title": "t", "owner": "o", "level": "team", "unit": 5,
                 "frequency": "hourly", "thresholds": [{"name": "g", "low": 5, "high": 1}]},
                KPI,
                ["unit: 'unit' must be a string (got 5)",
                 "frequency: 'frequency' must be one of 'daily', 'weekly', 'monthly', "
                 "'quarterly', 'yearly' (got 'hourly')",
                 "thresholds[0].low: 'low' must not be above 'high' (got 5 and 1)"],
            ),
            (
                {"id": "t", "title": " ", "kind": "dream"},
                Theme,
                ["kind: 'kind' must be one of 'mission', 'vision', 'strategy', 'theme' "
                 "(got 'dream')",
                 "title: 'title' must not be empty (got ' ')"],
            ),
            (
                {"id": "kr", "title": "", "type": "bogus"},
                KeyResult,
                ["type: 'type' must be 'metric', 'milestones' or 'binary' (got 'bogus')",
                 "title: 'title' must not be empty (got '')"],
            ),
            (
                {"child": "", "parent": "p", "weight": "x"},
                Link,
                ["weight: 'weight' must be a number (got 'x')",
                 "child: 'child' must not be empty (got '')"],
            ),
            (
                {"name": 3, "themes": [{"id": "a", "title": "t"}, {"id": "a", "title": "t"},
                                       {"id": "b", "title": "t", "kind": "x"}],
                 "links": [{"child": "b", "parent": "zz"}]},
                Plan,
                ["name: 'name' must be a string (got 3)",
                 "themes[2].kind: 'kind' must be one of 'mission', 'vision', 'strategy', "
                 "'theme' (got 'x')",
                 "themes[1].id: duplicate id 'a' (first used at themes[0].id)"],
            ),
        ],
    )  # fmt: skip
    def test_combinations(self, data: object, cls: type[Any], expected: list[str]) -> None:
        """Each object's unreadable fields and its own checks come back together."""
        assert expected == _problems(data, cls)

    def test_the_issue_example(self) -> None:
        """An objective with an empty title and an unknown period reports both."""
        assert [
            f"objectives[0].period: {_period_message('2026-Q5')}",
            "objectives[0].title: 'title' must not be empty (got '')",
        ] == _problems({"objectives": [_objective(title="", period="2026-Q5")]})

    @settings(max_examples=60, deadline=None)
    @given(gs.plans(), st.data())
    def test_a_second_problem_never_hides_the_first(self, plan: Plan, data: st.DataObject) -> None:
        """Law: an empty title is reported whatever else is wrong in its object."""
        document = json.loads(to_json(plan))
        goals = document.get("objectives", []) + document.get("kpis", [])
        if not goals:
            return
        goal = data.draw(st.sampled_from(goals))
        goal["title"] = ""
        field = data.draw(st.sampled_from(["owner", "level", "id", "description", "x"]))
        goal[field] = data.draw(st.sampled_from([5, None, [], "  "]))
        problems = _problems(document)
        assert any(p.endswith("'title' must not be empty (got '')") for p in problems)


class TestDaysAndTexts:
    @pytest.mark.parametrize(
        "day",
        [
            "20260701",
            "2026-W27-3",
            "2026-182",
            "2026-02-29",
            " 2026-07-01",
            "\uff12\uff10\uff12\uff16-07-01",
        ],
    )
    def test_only_iso_calendar_days(self, day: str) -> None:
        """Days are YYYY-MM-DD of the calendar only, as the schema says (issue 11)."""
        assert [
            f"day: 'day' must be a day in ISO form such as '2026-09-30' (got {day!r})"
        ] == _problems({"day": day, "value": 1}, CheckIn)

    @pytest.mark.parametrize(
        ("moment", "ok"),
        [
            ("2026-07-01T09:30:00", True),
            ("2026-07-01T09:30:00.5+02:00", True),
            ("2026-07-01T09:30:00Z", True),
            ("2026-07-01 09:30:00", False),
            ("2026-07-01T09:30", False),
            ("20260701T093000", False),
        ],
    )
    def test_moments(self, moment: str, ok: bool) -> None:
        """recorded_at is YYYY-MM-DDTHH:MM:SS[.ffffff][offset]."""
        data = {"day": "2026-07-01", "value": 1, "recorded_at": moment}
        assert ok == (_outcome(lambda d: from_dict(d, CheckIn), data) is not None)

    def test_period_text_as_written(self) -> None:
        """A period padded with spaces is refused, naming the form to write."""
        assert ["'value' must be written '2026-Q3' (got ' 2026-Q3 ')"] == _problems(
            " 2026-Q3 ", Period
        )


DECIMAL_TEXTS = st.from_regex(r"\A[+-]?[0-9]{0,4}(\.[0-9]{0,3})?([eE][+-]?[0-9]{1,5})?\Z").filter(
    lambda text: any(c.isdigit() for c in text.split("e")[0].split("E")[0])
)


class TestNumberText:
    @settings(max_examples=300, deadline=None)
    @given(DECIMAL_TEXTS)
    def test_text_admission_is_the_limit(self, text: str) -> None:
        """Law: a decimal text is refused exactly when its Decimal is past the limit."""
        problem = number_problem(Decimal(text))
        if problem is None:
            assert str(Decimal(text)) == str(parse_number(text))
        else:
            with pytest.raises(ValidationError) as caught:
                parse_number(text)
            assert f"'number' {problem} (got {text!r})" == caught.value.message

    def test_issue_fraction(self) -> None:
        """parse_number("1/" + "1"*5000) is a ValidationError with the limit, not a ValueError."""
        with pytest.raises(ValidationError) as caught:
            parse_number("1/" + "1" * 5000)
        assert caught.value.message.startswith(
            "'number' is too precise: numbers are limited to 1,000 digits before and after"
        )


#: Numbers at the admission limit, as text and as JSON numbers.
LIMIT_NUMBERS = st.sampled_from(
    [
        "9" * 1000,
        "9" * 1001,
        "1E+999",
        "1E+1000",
        "1E-1000",
        "1E-1001",
        "0E-1001",
        "1/" + "9" * 1000,
        "1/1" + "0" * 1000,
        "1" * 2001 + "/1",
        "1E+10000000",
        10**999,
        10**1000,
        1e308,
    ]
)
JSON_LEAVES = (
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8) | LIMIT_NUMBERS
)
JSON_VALUES = st.recursive(
    JSON_LEAVES,
    lambda inner: (
        st.lists(inner, max_size=2) | st.dictionaries(st.text(max_size=5), inner, max_size=2)
    ),
    max_leaves=4,
)


def _slots(document: object) -> list[tuple[dict[str, Any] | list[Any], Any]]:
    """Every (container, key) pair of a JSON document, found without recursion."""
    slots: list[tuple[dict[str, Any] | list[Any], Any]] = []
    stack = [document]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            slots.extend((node, key) for key in node)
            stack.extend(node.values())
        elif isinstance(node, list):
            slots.extend((node, index) for index in range(len(node)))
            stack.extend(node)
    return slots


def _outcome(read: Any, data: object) -> Plan | None:
    """What a reader makes of a document: a plan, or None when it refuses it."""
    try:
        return read(data)  # type: ignore[no-any-return]
    except Exception:
        return None


class TestFastPath:
    """from_dict first tries plain readers and falls back to cattrs' detailed path.

    The fast readers must accept only what the detailed path accepts, and build
    the same objects from it; otherwise a valid-looking document could load
    differently depending on which path read it.
    """

    @settings(max_examples=80, deadline=None)
    @given(gs.plans())
    def test_valid_documents_take_the_fast_path(self, plan: Plan) -> None:
        """Law: the fast reader reads every written plan, equal to the detailed reading."""
        data = json.loads(to_json(plan))
        data.pop("schema_version")
        fast = _reader(Plan)(data)
        assert plan == fast
        assert _structure_in_detail(data, Plan) == fast

    @settings(max_examples=150, deadline=None)
    @given(gs.plans(), st.data())
    def test_damaged_documents_read_alike(self, plan: Plan, data: st.DataObject) -> None:
        """Law: one change to a document never makes the two readers disagree.

        The fast reader never accepts what the detailed reader refuses, and
        when both accept, they build equal plans.
        """
        document = json.loads(to_json(plan))
        document.pop("schema_version")
        slots = _slots(document)
        if slots:
            container, key = data.draw(st.sampled_from(slots))
            action = data.draw(st.sampled_from(["replace", "delete", "add"]))
            if action == "replace":
                container[key] = data.draw(JSON_VALUES)
            elif action == "delete":
                del container[key]
            elif isinstance(container, dict):
                container[data.draw(st.text(max_size=8))] = data.draw(JSON_VALUES)
            else:
                container.append(data.draw(JSON_VALUES))
        fast = _outcome(_reader(Plan), document)
        detailed = _outcome(lambda d: _structure_in_detail(d, Plan), document)
        if fast is not None:
            assert detailed == fast

    def test_a_key_result_type_that_is_not_text(self) -> None:
        """A list as a key result's type is named as a bad type, not an unhashable value."""
        problems = _problems({"id": "kr", "title": "t", "type": []}, KeyResult)
        assert problems == ["type: 'type' must be 'metric', 'milestones' or 'binary' (got [])"]


class TestMigrations:
    def test_user_migration_upgrades_old_documents(self) -> None:
        """A migration from version 0 runs before reading, then the document is current."""

        def rename_goals(document: dict[str, Any]) -> dict[str, Any]:
            document["objectives"] = document.pop("goals")
            return document

        old = {"schema_version": 0, "goals": [_objective()]}
        plan = from_dict(old, Plan, migrations={0: rename_goals})
        assert ["o1"] == [o.id for o in plan.objectives]

    def test_missing_version_means_current(self) -> None:
        """A document without schema_version is read as the current version."""
        assert Plan() == from_dict({})
