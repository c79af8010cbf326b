"""Tests for goalkit.drivers.sensitivity."""

from __future__ import annotations

import math
from datetime import UTC, date, datetime
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from goalkit import KPI, CheckIn
from goalkit._numbers import Number
from goalkit.drivers.sensitivity import sensitivities
from goalkit.drivers.tree import DriverTree
from goalkit.exceptions import ValidationError

DAY = date(2026, 6, 30)


def kpi(kpi_id: str, value: Number | None = None, unit: str = "1") -> KPI:
    """A KPI with one check-in on DAY, if a value is given."""
    history = [CheckIn(day=DAY, value=value)] if value is not None else []
    return KPI(id=kpi_id, title=kpi_id, owner="x", level="team", unit=unit, history=history)


def revenue(visitors: Number = 10_000, conversion: Number = Fraction(1, 50)) -> DriverTree:
    """Revenue = visitors * conversion * order value."""
    return DriverTree.of(
        [
            kpi("revenue", unit="EUR"),
            kpi("visitors", visitors, "visitor"),
            kpi("conversion", conversion, "order/visitor"),
            kpi("order_value", 80, "EUR/order"),
        ],
        {"revenue": "visitors * conversion * order_value"},
    )


class TestElasticities:
    def test_product_moves_one_for_one(self) -> None:
        """Every factor of a product has elasticity exactly 1."""
        result = sensitivities(revenue(), "revenue", at=DAY)
        assert [Fraction(1)] * 3 == [e.elasticity for e in result]
        assert ["conversion", "order_value", "visitors"] == [e.kpi_id for e in result]
        assert Fraction(160) == result[0].change
        assert Fraction(16_000) == result[0].top

    @pytest.mark.parametrize(
        ("formula", "values", "expected"),
        [
            (
                "sales - costs",
                {"sales": 100, "costs": 80},
                [("sales", Fraction(5)), ("costs", Fraction(-4))],
            ),
            (
                "sales / hours",
                {"sales": 100, "hours": 4},
                [("sales", Fraction(1)), ("hours", Fraction(-100, 101))],
            ),
            ("a + 3 * b", {"a": 1, "b": 1}, [("b", Fraction(3, 4)), ("a", Fraction(1, 4))]),
            ("a + b", {"a": 1, "b": 1}, [("a", Fraction(1, 2)), ("b", Fraction(1, 2))]),
        ],
    )
    def test_ranked(
        self, formula: str, values: dict[str, int], expected: list[tuple[str, Fraction]]
    ) -> None:
        """Elasticities are exact and ranked by size, ties by id."""
        tree = DriverTree.of(
            [kpi("top"), *(kpi(k, v) for k, v in values.items())], {"top": formula}
        )
        assert expected == [(e.kpi_id, e.elasticity) for e in sensitivities(tree, "top", at=DAY)]

    def test_step(self) -> None:
        """A 10 % step on a squared input gives the arc elasticity (1.1^2 - 1) / 0.1."""
        tree = DriverTree.of([kpi("top"), kpi("a", 3)], {"top": "a * a"})
        (result,) = sensitivities(tree, "top", at=DAY, step=Fraction(1, 10))
        assert Fraction(21, 10) == result.elasticity

    def test_through_intermediate_kpis(self) -> None:
        """Inputs are the leaves under the top, however deep."""
        tree = DriverTree.of(
            [kpi("top"), kpi("mid"), kpi("a", 2), kpi("b", 3)], {"top": "mid * 2", "mid": "a + b"}
        )
        assert ["b", "a"] == [e.kpi_id for e in sensitivities(tree, "top", at=DAY)]

    def test_top_zero(self) -> None:
        """A top of zero has no elasticity, with a reason; the change is still given."""
        tree = DriverTree.of([kpi("top"), kpi("a", 1), kpi("b", 1)], {"top": "a - b"})
        result = sensitivities(tree, "top", at=DAY)
        assert [None, None] == [e.elasticity for e in result]
        assert Fraction(1, 100) == result[0].change
        assert "is 0" in (result[0].reason or "")

    def test_moved_value_undefined(self) -> None:
        """When the moved tree has no value, the input is ranked last with a reason."""
        tree = DriverTree.of(
            [kpi("top"), kpi("a", -100), kpi("b", 101)], {"top": "1 / (a + b) + b"}
        )
        result = sensitivities(tree, "top", at=DAY)
        assert "a" == result[-1].kpi_id
        assert result[-1].moved_top is None
        assert "division by zero" in (result[-1].reason or "")

    @pytest.mark.parametrize(
        ("top", "step", "words"),
        [
            ("visitors", Fraction(1, 100), "computed KPI"),
            ("revenue", 0, "must not be 0"),
            ("revenue", "1%", "must be a number"),
            ("nope", Fraction(1, 100), "computed KPI"),
        ],
    )
    def test_rejects(self, top: str, step: object, words: str) -> None:
        """The top must be a computed KPI and the step a non-zero number."""
        with pytest.raises(ValidationError, match=words):
            sensitivities(revenue(), top, at=DAY, step=step)  # type: ignore[arg-type]

    def test_top_without_value(self) -> None:
        """A top without a value on the day is an error that says why."""
        with pytest.raises(ValidationError, match="no check-in on or before 2026-01-01"):
            sensitivities(revenue(), "revenue", at=date(2026, 1, 1))

    @settings(max_examples=50, deadline=None)
    @given(
        st.integers(1, 10**6),
        st.fractions(min_value=Fraction(1, 1000), max_value=1, max_denominator=1000),
    )
    def test_product_law(self, visitors: int, conversion: Fraction) -> None:
        """Law: for a product of positive factors, every elasticity is exactly 1."""
        result = sensitivities(revenue(visitors, conversion), "revenue", at=DAY)
        assert all(Fraction(1) == e.elasticity for e in result)


class TestHostileInputs:
    """Issue 11: only goalkit errors escape, and no result is inf or NaN."""

    @pytest.mark.parametrize("day", ["2026-06-30", datetime(2026, 6, 30, tzinfo=UTC), None])
    def test_at_takes_a_plain_date(self, day: object) -> None:
        """``at`` follows the one rule for evaluation days."""
        with pytest.raises(ValidationError) as caught:
            sensitivities(revenue(), "revenue", at=day)  # type: ignore[arg-type]
        assert "at" == caught.value.path

    @pytest.mark.parametrize("tree", [None, "tree", 5])
    def test_tree_must_be_a_driver_tree(self, tree: object) -> None:
        """Anything but a DriverTree is a ValidationError naming 'tree'."""
        with pytest.raises(ValidationError) as caught:
            sensitivities(tree, "revenue", at=DAY)  # type: ignore[arg-type]
        assert "tree" == caught.value.path

    @pytest.mark.parametrize("top", [[], None, 5])
    def test_top_of_any_type(self, top: object) -> None:
        """A top that is not even a string is refused like an unknown one."""
        with pytest.raises(ValidationError, match="computed KPI"):
            sensitivities(revenue(), top, at=DAY)  # type: ignore[arg-type]

    @pytest.mark.parametrize("step", [float("nan"), Decimal("1E+5000"), True, None])
    def test_step_must_be_a_number(self, step: object) -> None:
        """The step is checked like every goalkit number."""
        with pytest.raises(ValidationError) as caught:
            sensitivities(revenue(), "revenue", at=DAY, step=step)  # type: ignore[arg-type]
        assert "step" == caught.value.path

    def test_float_step_on_exact_value_too_large_for_a_float(self) -> None:
        """Regression: a float step meeting an exact 1E+400 input gives a reason, not an error."""
        tree = revenue(visitors=10**400)
        result = sensitivities(tree, "revenue", at=DAY, step=0.01)
        moved = {e.kpi_id: e for e in result}["visitors"]
        assert moved.elasticity is None
        assert "too large to compute with floats" in (moved.reason or "")

    def test_float_overflow_gives_a_reason(self) -> None:
        """A moved float input that overflows has no elasticity, never inf."""
        tree = revenue(visitors=1.7e308, conversion=Fraction(1, 1000))
        result = sensitivities(tree, "revenue", at=DAY, step=1.0)
        moved = {e.kpi_id: e for e in result}["visitors"]
        assert moved.elasticity is None
        assert "overflows" in (moved.reason or "")
        for item in result:
            for number in (item.top, item.moved_top, item.change, item.elasticity):
                assert not isinstance(number, float) or math.isfinite(number)

    def test_exact_move_past_the_limit_gives_a_reason(self) -> None:
        """An exact input moved past the admission limit is refused with a reason."""
        tree = revenue(visitors=10**999)
        result = sensitivities(tree, "revenue", at=DAY, step=10**3)
        moved = {e.kpi_id: e for e in result}["visitors"]
        assert moved.elasticity is None
        assert "numbers are limited to 1,000 digits" in (moved.reason or "")

    def test_numpy_step(self) -> None:
        """A numpy step is read as a Python number."""
        np = pytest.importorskip("numpy")
        result = sensitivities(revenue(), "revenue", at=DAY, step=np.float64(0.01))
        assert all(float is type(e.elasticity) for e in result)

    def test_exact_inputs_exact_results(self) -> None:
        """With exact values and step every result is exact."""
        result = sensitivities(revenue(), "revenue", at=DAY)
        numbers = [n for e in result for n in (e.top, e.moved_top, e.change, e.elasticity)]
        assert [] == [n for n in numbers if isinstance(n, float)]
