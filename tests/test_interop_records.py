"""Tests of goalkit.interop.records: one flat record per goal, and DataFrames."""

from __future__ import annotations

import builtins
from datetime import date
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given, settings

from goalkit import Plan
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


class TestDataFrame:
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
