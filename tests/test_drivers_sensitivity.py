"""Tests for goalkit.drivers.sensitivity."""

from __future__ import annotations

from datetime import date
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
            ("nope", Fraction(1, 100), "names no KPI"),
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
