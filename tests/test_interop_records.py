"""Tests of goalkit.interop.records: one flat record per goal, and DataFrames."""

from __future__ import annotations

import builtins
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs
import pytest
from hypothesis import given, settings

from goalkit import (
    CheckIn,
    GoalkitError,
    KeyResult,
    Link,
    Objective,
    Period,
    Plan,
    Target,
    ValidationError,
)
from goalkit import strategies as gs
from goalkit.evaluation import evaluate
from goalkit.examples import EXAMPLE_DAY, example_plan
from goalkit.interop import MissingDependencyError
from goalkit.interop.records import GOAL_COLUMNS, SCORE_COLUMNS, to_dataframe, to_records


class TestRecords:
    def test_plan_records_have_the_goal_columns(self) -> None:
        """A plan gives one record per goal with exactly the goal columns, in plan order."""
        plan = example_plan()
        records = to_records(plan)
        assert [goal.id for goal in plan] == [r["id"] for r in records]
        assert all(list(GOAL_COLUMNS) == list(r) for r in records)

    @pytest.mark.parametrize(
        ("goal_id", "expected"),
        [
            (
                "kr-ana-visits",
                {"kind": "key_result", "parent_ids": ("o-ana-pipeline",), "owner": "ana",
                 "level": "individual", "period": "2026-Q3", "measure": "metric",
                 "direction": "increase", "baseline": 0, "target": 100, "unit": "customers",
                 "progress": Fraction(13, 25), "status": "on_track", "value": 52},
            ),
            (
                "o-sales-pipeline",
                {"kind": "objective", "parent_ids": ("kr-company-revenue",),
                 "owner": "dept-sales", "start": date(2026, 7, 1), "end": date(2026, 9, 30),
                 "status": "off_track", "at": EXAMPLE_DAY},
            ),
            ("kpi-order-time", {"kind": "kpi", "measure": "kpi", "direction": "lower_is_better"}),
            ("mission", {"kind": "theme", "owner": None, "period": None, "status": "no_data"}),
        ],
    )  # fmt: skip
    def test_evaluation_records(self, goal_id: str, expected: dict[str, Any]) -> None:
        """Records of an evaluation carry the goal's facts and its scores."""
        records = {r["id"]: r for r in to_records(evaluate(example_plan(), at=EXAMPLE_DAY))}
        record = records[goal_id]
        assert expected == {key: record[key] for key in expected}
        assert [*GOAL_COLUMNS, *SCORE_COLUMNS] == list(record)

    @settings(max_examples=40, deadline=None)
    @given(gs.plans())
    def test_one_record_per_goal(self, plan: Plan) -> None:
        """Law: records and goals correspond one to one; every parent id names a goal."""
        records = to_records(plan)
        assert len(plan) == len(records)
        assert all(parent in plan for r in records for parent in r["parent_ids"])

    @settings(max_examples=40, deadline=None)
    @given(gs.plans(kinds=("int", "decimal", "fraction")), gs.days())
    def test_exact_plans_give_exact_records(self, plan: Plan, day: date) -> None:
        """Law: a plan with no float anywhere gives records with no float (the number policy)."""
        try:
            evaluation = evaluate(plan, at=day)
        except GoalkitError:  # a day the plan refuses: not this law's business
            return
        floats = [
            (r["id"], k) for r in to_records(evaluation) for k, v in r.items() if type(v) is float
        ]
        assert [] == floats

    def test_a_subclass_of_a_goal_type(self) -> None:
        """A goal of a subclass of Objective is an objective (records never KeyError)."""

        @attrs.frozen(kw_only=True)
        class Team(Objective):
            pass

        plan = Plan(
            objectives=[
                Team(id="o", title="t", owner="a", level="team", period=Period.quarter(2026, 3))
            ]
        )
        assert ["objective"] == [r["kind"] for r in to_records(plan)]

    def test_a_long_chain_and_odd_text(self) -> None:
        """A 5,000-deep chain of links and a lone surrogate in a title make ordinary records."""
        period = Period.quarter(2026, 3)
        objectives = [
            Objective(id=f"o{n}", title="t\udcff", owner="a", level="team", period=period)
            for n in range(5000)
        ]
        links = [Link(child=f"o{n + 1}", parent=f"o{n}") for n in range(4999)]
        records = to_records(Plan(objectives=objectives, links=links))
        assert (("o4998",), "t\udcff") == (records[-1]["parent_ids"], records[-1]["title"])


def _huge_plan() -> Plan:
    big = Decimal("9" * 999)
    kr = KeyResult.metric(
        id="kr",
        title="t",
        target=Target.increase(from_=0, to=big),
        history=[CheckIn(day=date(2026, 7, 2), value=big - 1)],
    )
    objective = Objective(
        id="o", title="t", owner="a", level="company", period=Period.quarter(2026, 3),
        key_results=[kr],
    )  # fmt: skip
    return Plan(objectives=[objective])


class TestDataFrame:
    def test_numbers_without_a_float_are_refused(self) -> None:
        """An exact number no float can hold is a ValidationError, never inf (issue 11)."""
        evaluation = evaluate(_huge_plan(), at=date(2026, 8, 1))
        with pytest.raises(ValidationError) as caught:
            to_dataframe(evaluation)
        assert "kr.target" == caught.value.path
        frame = to_dataframe(evaluation, exact=True)
        assert Decimal("9" * 999) == frame.loc["kr", "target"]

    def test_dataframe_is_indexed_by_id_with_float_scores(self) -> None:
        """Numbers become floats by default; exact=True keeps Fractions."""
        evaluation = evaluate(example_plan(), at=EXAMPLE_DAY)
        frame = to_dataframe(evaluation)
        assert 0.52 == frame.loc["kr-ana-visits", "progress"]
        assert [*GOAL_COLUMNS, *SCORE_COLUMNS] == list(frame.columns)
        exact = to_dataframe(evaluation, exact=True)
        assert Fraction(13, 25) == exact.loc["kr-ana-visits", "progress"]

    def test_missing_pandas_is_a_clear_error(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Without pandas, a MissingDependencyError (an ImportError) says how to install it."""
        real_import = builtins.__import__

        def no_pandas(name: str, *args: Any, **kwargs: Any) -> Any:
            if name == "pandas" or name.startswith("pandas."):
                raise ImportError(name)
            return real_import(name, *args, **kwargs)

        monkeypatch.delitem(__import__("sys").modules, "pandas", raising=False)
        monkeypatch.setattr(builtins, "__import__", no_pandas)
        with pytest.raises(ImportError, match=r'pip install "goalkit-okr\[pandas\]"') as caught:
            to_dataframe(example_plan())
        assert isinstance(caught.value, MissingDependencyError)
