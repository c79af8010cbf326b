"""The table of bad inputs: every one is a ValidationError naming the path and the value."""

from __future__ import annotations

import math
import pickle
from collections.abc import Callable
from datetime import date, datetime, timezone
from decimal import Decimal
from typing import Any

import pytest

from goalkit import (
    CheckIn,
    GoalkitError,
    History,
    KeyResult,
    Link,
    Milestone,
    Objective,
    Period,
    Plan,
    Problem,
    Target,
    ValidationError,
)

Q3 = Period.quarter(2026, 3)


def _kr(kr_id: str = "kr", **changes: Any) -> KeyResult:
    fields: dict[str, Any] = {
        "id": kr_id,
        "title": "Raise NPS from 20 to 45",
        "target": Target.increase(from_=20, to=45),
        "unit": "points",
    }
    fields.update(changes)
    return KeyResult.metric(**fields)


def _objective(objective_id: str = "o", **changes: Any) -> Objective:
    fields: dict[str, Any] = {
        "id": objective_id,
        "title": "Customers love onboarding",
        "owner": "team",
        "level": "team",
        "period": Q3,
    }
    fields.update(changes)
    return Objective(**fields)


NAIVE = datetime(2026, 7, 1, 9, 0)  # noqa: DTZ001 - naive on purpose
AWARE = datetime(2026, 7, 2, 9, 0, tzinfo=timezone.utc)  # noqa: UP017

#: builder, expected path, expected value, a fragment of the message
BAD_INPUTS: list[tuple[str, Callable[[], object], str, object, str]] = [
    ("NaN target", lambda: Target.increase(from_=1, to=math.nan), "target", math.nan, "finite"),
    (
        "infinite baseline",
        lambda: Target.decrease(from_=math.inf, to=1),
        "baseline",
        math.inf,
        "finite",
    ),
    (
        "Decimal NaN check-in",
        lambda: CheckIn(day=date(2026, 7, 1), value=Decimal("NaN")),
        "value",
        Decimal("NaN"),
        "finite",
    ),
    (
        "text as a number",
        lambda: CheckIn(day=date(2026, 7, 1), value="ten"),  # type: ignore[arg-type]
        "value",
        "ten",
        "number",
    ),
    (
        "bool as a number",
        lambda: CheckIn(day=date(2026, 7, 1), value=True),
        "value",
        True,
        "number",
    ),
    (
        "decrease that goes up",
        lambda: Target.decrease(from_=24, to=48),
        "target",
        48,
        "must be below 'baseline'",
    ),
    ("band low above high", lambda: Target.within(10, 5), "low", 10, "must not be above 'high'"),
    (
        "period end before start",
        lambda: Period.custom(date(2026, 9, 30), date(2026, 7, 1)),
        "end",
        date(2026, 7, 1),
        "must not be before 'start'",
    ),
    ("unparsable period", lambda: Period.parse("Q3/2026"), "period", "Q3/2026", "must look like"),
    ("negative weight", lambda: _kr(weight=-1), "weight", -1, "'weight' must be >= 0 (got -1)"),
    (
        "all-zero weights",
        lambda: _objective(key_results=[_kr("a", weight=0), _kr("b", weight=0)]),
        "key_results",
        (0, 0),
        "must not all be zero",
    ),
    (
        "all-zero milestone weights",
        lambda: KeyResult.milestones(
            id="m", title="Brochure", milestones=[Milestone(title="x", weight=0)]
        ),
        "milestones",
        (0,),
        "must not all be zero",
    ),
    ("empty title", lambda: _objective(title="  "), "title", "  ", "must not be empty"),
    ("empty id", lambda: _kr(""), "id", "", "must not be empty"),
    (
        "duplicate ids",
        lambda: Plan(objectives=[_objective("o", key_results=[_kr("x")]), _objective("x")]),
        "objectives[1].id",
        "x",
        "duplicate id 'x' (first used at objectives[0].key_results[0].id)",
    ),
    (
        "naive and aware datetimes mixed",
        lambda: History(
            [
                CheckIn(day=date(2026, 7, 1), value=1, recorded_at=NAIVE),
                CheckIn(day=date(2026, 7, 2), value=2, recorded_at=AWARE),
            ]
        ),
        "[1].recorded_at",
        AWARE,
        "mixes naive and aware",
    ),
    (
        "datetime where a day belongs",
        lambda: CheckIn(day=NAIVE, value=1),
        "day",
        NAIVE,
        "as_day",
    ),
    (
        "confidence as a percentage",
        lambda: CheckIn(day=date(2026, 7, 1), value=1, confidence=70),
        "confidence",
        70,
        "write 70 % as 0.7",
    ),
    (
        "check-in after the period",
        lambda: _objective(key_results=[_kr(history=[CheckIn(day=date(2026, 10, 2), value=30)])]),
        "key_results[0].history[0].day",
        date(2026, 10, 2),
        "after the end of period 2026-Q3",
    ),
    (
        "binary check-in that is not 0 or 1",
        lambda: KeyResult.binary(
            id="b", title="Launch", history=[CheckIn(day=date(2026, 7, 1), value=2)]
        ),
        "history[0].value",
        2,
        "1 (done) or 0 (not done)",
    ),
    (
        "stretch short of the target",
        lambda: Target.increase(from_=1, to=10, stretch=5),
        "stretch",
        5,
        "must be above 'target'",
    ),
    (
        "self-link",
        lambda: Plan(objectives=[_objective("o")], links=[Link(child="o", parent="o")]),
        "links[0]",
        "o",
        "cannot align to itself",
    ),
    (
        "link to an unknown goal",
        lambda: Plan(objectives=[_objective("o")], links=[Link(child="o", parent="nowhere")]),
        "links[0].parent",
        "nowhere",
        "names no goal",
    ),
    (
        "unknown level",
        lambda: Plan(objectives=[_objective(level="squad")]),
        "objectives[0].level",
        "squad",
        "one of the plan's levels",
    ),
    (
        "unknown enum value",
        lambda: _objective(commitment="maybe"),
        "commitment",
        "maybe",
        "must be one of 'committed', 'aspirational'",
    ),
]


class TestBadInputs:
    @pytest.mark.parametrize(
        ("build", "path", "value", "fragment"),
        [pytest.param(*row[1:], id=row[0]) for row in BAD_INPUTS],
    )
    def test_refused_with_path_and_value(
        self, build: Callable[[], object], path: str, value: object, fragment: str
    ) -> None:
        """The error names where the problem is, keeps the value, and says why."""
        with pytest.raises(ValidationError) as caught:
            build()
        error = caught.value
        actual_value = error.value
        same_value = (
            actual_value != actual_value and value != value  # noqa: PLR0124 - NaN equals nothing
        ) or (value == actual_value and type(value) is type(actual_value))
        assert (path, True) == (error.path, same_value)
        assert fragment in error.message
        rendered = str(error)
        named = repr(actual_value) in rendered or str(actual_value) in rendered
        assert named or isinstance(actual_value, tuple)

    def test_errors_are_value_errors_and_goalkit_errors(self) -> None:
        """Callers may catch ValueError or GoalkitError alike."""
        with pytest.raises(ValueError, match="finite") as caught:
            Target.at_least(math.nan)
        assert isinstance(caught.value, GoalkitError)


class TestManyProblemsAtOnce:
    def test_one_object_reports_every_field(self) -> None:
        """A key result with three bad fields reports three problems."""
        with pytest.raises(ValidationError) as caught:
            KeyResult.metric(id="", title="", target=Target.at_least(1), weight=-2)
        assert ["id", "title", "weight"] == [p.path for p in caught.value.problems]

    def test_a_plan_reports_every_problem_in_one_error(self) -> None:
        """Duplicates, bad links and unknown levels all arrive in one error."""
        with pytest.raises(ValidationError) as caught:
            Plan(
                objectives=[
                    _objective("o", key_results=[_kr("k")]),
                    _objective("k", level="squad"),
                ],
                links=[Link(child="o", parent="ghost"), Link(child="o", parent="o")],
            )
        expected = ["objectives[1].id", "objectives[1].level", "links[0].parent", "links[1]"]
        assert expected == [p.path for p in caught.value.problems]
        assert str(caught.value).startswith("4 problems:")

    def test_prefixing_relocates_every_problem(self) -> None:
        """A nested error can be located inside a bigger document."""
        error = ValidationError(
            [
                Problem(path="target", value=1, message="a"),
                Problem(path="[2]", value=2, message="b"),
            ]
        ).prefixed("objectives[3].key_results[1]")
        expected = ["objectives[3].key_results[1].target", "objectives[3].key_results[1][2]"]
        assert expected == [p.path for p in error.problems]

    def test_errors_pickle(self) -> None:
        """Errors survive pickling, for process pools and task queues."""
        error = ValidationError.single("weight", -1, "'weight' must be >= 0 (got -1)")
        assert error.problems == pickle.loads(pickle.dumps(error)).problems

    def test_an_error_needs_a_problem(self) -> None:
        """An empty ValidationError is a programming mistake."""
        with pytest.raises(ValueError, match="at least one problem"):
            ValidationError([])
