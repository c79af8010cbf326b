"""Tests for goalkit.drivers.tree."""

from __future__ import annotations

import math
import os
import pickle
from datetime import UTC, date, datetime
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from goalkit import KPI, CheckIn
from goalkit._numbers import Number
from goalkit.drivers.formula import Formula, FormulaError
from goalkit.drivers.sensitivity import sensitivities
from goalkit.drivers.tree import Driver, DriverCycleError, DriverTree, TreeValues
from goalkit.exceptions import GoalkitError, ValidationError

FUZZ = settings(
    max_examples=int(os.environ.get("GOALKIT_FUZZ_EXAMPLES", "200")),
    deadline=None,
)
"""Fuzz settings: ``GOALKIT_FUZZ_EXAMPLES`` sets the number of examples (the project-wide knob)."""

JUNE = date(2026, 6, 30)
JULY = date(2026, 7, 31)


def kpi(kpi_id: str, unit: str = "EUR", *values: tuple[date, Number]) -> KPI:
    """A KPI with check-ins on the given days."""
    return KPI(
        id=kpi_id,
        title=kpi_id,
        owner="unit-7",
        level="team",
        unit=unit,
        history=[CheckIn(day=d, value=v) for d, v in values],
    )


def amoeba() -> DriverTree:
    """Value added per hour = (sales - costs) / hours."""
    return DriverTree.of(
        [
            kpi("value_added", "EUR/hour"),
            kpi("sales", "EUR", (JUNE, 90_000), (JULY, 99_000)),
            kpi("costs", "EUR", (JUNE, 60_000), (JULY, 63_000)),
            kpi("hours", "hour", (JUNE, 1_200), (JULY, 0)),
        ],
        {"value_added": "(sales - costs) / hours"},
    )


class TestDriver:
    @pytest.mark.parametrize(
        ("driver", "source", "inputs"),
        [
            (Driver.sum("s", ["a", "b"]), "a + b", ("a", "b")),
            (Driver.sum("s", ["a-1", "b"]), "in_1 + b", ("a-1", "b")),
            (Driver.sum("s", ["a-1", "in_1"]), "in_2 + in_1", ("a-1", "in_1")),
            (Driver.product("r", ["v", "c", "o"]), "v * c * o", ("v", "c", "o")),
            (Driver.difference("m", "sales", "costs"), "sales - costs", ("sales", "costs")),
            (Driver.ratio("q", "orders", "visits"), "orders / visits", ("orders", "visits")),
            (
                Driver.weighted_sum("h", {"nps": 2, "churn rate": -1}),
                "2 * nps + (-1) * in_1",
                ("nps", "churn rate"),
            ),
            (Driver.expression("x", "a / b", {"b": "k-b"}), "a / b", ("a", "k-b")),
        ],
    )
    def test_constructors(self, driver: Driver, source: str, inputs: tuple[str, ...]) -> None:
        """Named constructors bind ids that cannot be formula names to generated names."""
        assert source == driver.formula.source
        assert inputs == driver.input_ids

    @pytest.mark.parametrize(
        ("kwargs", "path"),
        [
            ({"kpi_id": "", "formula": "a"}, "kpi_id"),
            ({"kpi_id": "x", "formula": "a.b"}, "formula"),
            ({"kpi_id": "x", "formula": 3}, "formula"),
            ({"kpi_id": "x", "formula": "a", "inputs": {"b": "k"}}, "inputs[0]"),
            ({"kpi_id": "x", "formula": "a", "inputs": [("a", "k"), ("a", "j")]}, "inputs[1]"),
            ({"kpi_id": "x", "formula": "a", "inputs": {"a": ""}}, "inputs[0]"),
        ],
    )
    def test_rejects(self, kwargs: dict[str, object], path: str) -> None:
        """Bad drivers are ValidationErrors with the path of the field."""
        with pytest.raises(ValidationError) as caught:
            Driver(**kwargs)  # type: ignore[arg-type]
        assert path == caught.value.path

    def test_weighted_sum_needs_mapping(self) -> None:
        """weighted_sum wants a mapping of id to weight."""
        with pytest.raises(ValidationError, match="mapping"):
            Driver.weighted_sum("h", ["a"])  # type: ignore[arg-type]


class TestStructure:
    def test_unknown_ids(self) -> None:
        """Drivers of unknown KPIs, duplicates and unknown inputs are all reported at once."""
        with pytest.raises(ValidationError) as caught:
            DriverTree(
                kpis=[kpi("a"), kpi("b"), kpi("b")],
                drivers=[
                    Driver(kpi_id="z", formula="a"),
                    Driver(kpi_id="a", formula="b + q"),
                    Driver(kpi_id="a", formula="b"),
                    "nope",  # type: ignore[list-item]
                ],
            )
        assert [
            "kpis[2]",
            "drivers[0].kpi_id",
            "drivers[1].inputs",
            "drivers[2].kpi_id",
            "drivers[3]",
        ] == [p.path for p in caught.value.problems]

    def test_of_reports_every_bad_formula(self) -> None:
        """DriverTree.of locates formula errors under 'formulas', all at once."""
        with pytest.raises(FormulaError) as one:
            DriverTree.of([kpi("a"), kpi("b")], {"a": "b +"})
        assert "formulas[a].formula" == one.value.path
        assert 3 == one.value.position
        with pytest.raises(ValidationError) as many:
            DriverTree.of([kpi("a"), kpi("b")], {"a": "b +", "b": "a.x"})
        assert ["formulas[a].formula", "formulas[b].formula"] == [
            p.path for p in many.value.problems
        ]
        with pytest.raises(ValidationError, match="must be a mapping"):
            DriverTree.of([kpi("a")], [("a", "1")])  # type: ignore[arg-type]

    def test_check_units_must_be_bool(self) -> None:
        """check_units is a bool."""
        with pytest.raises(ValidationError, match="'check_units' must be a bool"):
            DriverTree(kpis=[kpi("a")], check_units="yes")  # type: ignore[arg-type]

    def test_not_kpis(self) -> None:
        """Only KPI objects are accepted."""
        with pytest.raises(ValidationError, match="KPI objects"):
            DriverTree(kpis=["a"])  # type: ignore[list-item]

    @pytest.mark.parametrize(
        ("formulas", "cycle", "path"),
        [
            ({"a": "a + 1"}, ("a", "a"), "drivers[0]"),
            ({"a": "b + c", "b": "a - c"}, ("a", "b", "a"), "drivers[0]"),
            ({"c": "d", "a": "b", "b": "c * 2", "d": "b"}, ("c", "d", "b", "c"), "drivers[0]"),
            ({"x": "c", "a": "b", "b": "c", "c": "b"}, ("b", "c", "b"), "drivers[2]"),
        ],
    )
    def test_cycles(self, formulas: dict[str, str], cycle: tuple[str, ...], path: str) -> None:
        """A cycle across formulas is a DriverCycleError naming the cycle."""
        kpis = [kpi(i) for i in "abcdx"]
        with pytest.raises(DriverCycleError) as caught:
            DriverTree.of(kpis, formulas)
        assert cycle == caught.value.cycle
        assert path == caught.value.path
        assert " -> ".join(cycle) in caught.value.message
        copy = pickle.loads(pickle.dumps(caught.value))
        assert cycle == copy.cycle

    def test_long_chain_cycle(self) -> None:
        """Cycle detection over a 5,000-long chain needs no recursion."""
        size = 5000
        kpis = [kpi(f"k{i}") for i in range(size)]
        formulas = {f"k{i}": f"k{i + 1} + 1" for i in range(size - 1)}
        formulas[f"k{size - 1}"] = "k0"
        with pytest.raises(DriverCycleError) as caught:
            DriverTree.of(kpis, formulas)
        assert size + 1 == len(caught.value.cycle)

    def test_long_chain_evaluates(self) -> None:
        """A 5,000-deep chain evaluates in dependency order, without recursion."""
        size = 5000
        kpis = [kpi(f"k{i}") for i in range(size)]
        kpis[-1] = kpi(f"k{size - 1}", "EUR", (JUNE, 1))
        tree = DriverTree.of(kpis, {f"k{i}": f"k{i + 1} + 1" for i in range(size - 1)})
        assert Fraction(size) == tree.evaluate(JUNE)["k0"]
        assert (f"k{size - 1}",) == tree.leaves_of("k0")

    def test_queries(self) -> None:
        """A tree tells computed from input KPIs and finds the leaves under a KPI."""
        tree = DriverTree.of([kpi(i) for i in "abcde"], {"b": "d - e", "a": "b + c + d"})
        assert ("b", "a") == tree.computed
        assert ("c", "d", "e") == tree.inputs
        assert ("d", "e", "c") == tree.leaves_of("a")
        assert ("c",) == tree.leaves_of("c")
        assert tree.driver_of("c") is None
        assert Formula.parse("d - e") == tree.driver_of("b").formula  # type: ignore[union-attr]
        with pytest.raises(ValidationError, match="names no KPI"):
            tree.kpi("zz")
        assert (
            "DriverTree(kpis=['a', 'b', 'c', 'd', 'e'], formulas={'b': 'd - e', 'a': 'b + c + d'})"
            == repr(tree)
        )


class TestUnits:
    def test_declared_units_agree(self) -> None:
        """EUR minus EUR over hours gives the declared EUR/hour."""
        assert ("value_added",) == amoeba().computed

    def test_mismatch_with_declared(self) -> None:
        """A formula whose unit differs from the declared one is refused, with a hint."""
        with pytest.raises(ValidationError, match="check_units=False") as caught:
            DriverTree.of([kpi("v", "EUR"), kpi("s", "EUR"), kpi("h", "hour")], {"v": "s / h"})
        assert "drivers[0].formula" == caught.value.path
        assert "'v' is declared in 'EUR' but its formula gives 'EUR/hour'" in caught.value.message

    def test_incompatible_sum(self) -> None:
        """Adding EUR to hours is refused, pointing at the operator."""
        with pytest.raises(ValidationError, match="cannot add 'EUR' and 'hour'") as caught:
            DriverTree.of([kpi("v", "EUR"), kpi("s", "EUR"), kpi("h", "hour")], {"v": "s + h"})
        assert "drivers[0].formula" == caught.value.path

    def test_unparseable_unit(self) -> None:
        """A free-text unit that is not a unit expression is reported with the hint."""
        with pytest.raises(ValidationError, match="check_units=False"):
            DriverTree.of([kpi("v", "EUR//h"), kpi("s", "EUR")], {"v": "s"})

    def test_check_units_off(self) -> None:
        """check_units=False accepts free-text units."""
        tree = DriverTree.of(
            [kpi("v", "EUR"), kpi("s", "EUR"), kpi("h", "hours")], {"v": "s + h"}, check_units=False
        )
        assert ("v",) == tree.computed


class TestEvaluate:
    def test_as_of_day(self) -> None:
        """Each input's value is its latest check-in on or before the day."""
        tree = amoeba()
        values = tree.evaluate(JUNE)
        assert Fraction(25) == values["value_added"]
        assert 90_000 == values["sales"]
        assert values.node("value_added").computed
        assert not values.node("sales").computed
        assert values.reason("value_added") is None
        assert Fraction(25) == tree.evaluate(date(2026, 7, 30))["value_added"]

    def test_no_value_before_first_check_in(self) -> None:
        """Without a check-in yet, a computed KPI has no value and says why."""
        values = amoeba().evaluate(date(2026, 1, 1))
        assert values["value_added"] is None
        assert "'sales' has no check-in on or before 2026-01-01" == values.reason("value_added")

    def test_division_by_zero_is_no_value(self) -> None:
        """Zero hours gives no value and a reason, never a ZeroDivisionError."""
        values = amoeba().evaluate(JULY)
        assert values["value_added"] is None
        reason = values.reason("value_added")
        assert reason is not None
        assert "division by zero" in reason

    def test_overrides(self) -> None:
        """Overrides replace input or computed values for a what-if."""
        tree = amoeba()
        assert Fraction(30) == tree.evaluate(JUNE, overrides={"hours": 1000})["value_added"]
        overridden = tree.evaluate(JULY, overrides={"value_added": 7})
        assert 7 == overridden["value_added"]
        assert not overridden.node("value_added").computed

    @pytest.mark.parametrize("overrides", [{"nope": 1}, {"hours": "1"}, [("hours", 1)]])
    def test_bad_overrides(self, overrides: object) -> None:
        """Overrides must name KPIs of the tree and give numbers."""
        with pytest.raises(ValidationError):
            amoeba().evaluate(JUNE, overrides=overrides)  # type: ignore[arg-type]

    def test_bad_day(self) -> None:
        """The day must be a date."""
        with pytest.raises(ValidationError, match="'at' must be a date"):
            amoeba().evaluate("2026-06-30")  # type: ignore[arg-type]

    def test_compute_from_values(self) -> None:
        """compute() evaluates the tree on given values, such as targets."""
        tree = amoeba()
        values = tree.compute({"sales": Decimal("100.50"), "costs": Decimal("0.50"), "hours": 8})
        assert Fraction(25, 2) == values["value_added"]
        partial = tree.compute({"sales": 1})
        assert "no value given for 'costs'" == partial.reason("value_added")
        assert {"value_added": None, "sales": 1, "costs": None, "hours": None} == partial.as_dict()

    @pytest.mark.parametrize("values", [{"nope": 1}, {"sales": None}, ["sales"]])
    def test_compute_rejects(self, values: object) -> None:
        """compute() wants numbers for KPIs of the tree."""
        with pytest.raises(ValidationError):
            amoeba().compute(values)  # type: ignore[arg-type]

    def test_float_inputs(self) -> None:
        """A float input makes the computed value a float."""
        assert (
            25.0
            == amoeba().compute({"sales": 90_000.0, "costs": 60_000, "hours": 1200})["value_added"]
        )

    def test_values_view(self) -> None:
        """TreeValues iterates nodes, has a length and a readable repr."""
        values = amoeba().evaluate(JUNE)
        assert 4 == len(values)
        assert ["value_added", "sales", "costs", "hours"] == [n.kpi_id for n in values]
        assert repr(values).startswith("TreeValues(day=datetime.date(2026, 6, 30), values={")
        with pytest.raises(ValidationError):
            values["nope"]


class TestHostileInputs:
    """Issue 11: only goalkit errors escape, and no value is inf or NaN."""

    @pytest.mark.parametrize(
        "day",
        [
            datetime(2026, 6, 30, 12, 0),  # noqa: DTZ001 - a naive datetime is the point
            datetime(2026, 6, 30, tzinfo=UTC),
            "2026-06-30",
            None,
            20260630,
        ],
    )
    def test_at_takes_a_plain_date(self, day: object) -> None:
        """``at`` follows the one rule for evaluation days: a plain date, else a ValidationError."""
        with pytest.raises(ValidationError) as caught:
            amoeba().evaluate(day)  # type: ignore[arg-type]
        assert "at" == caught.value.path

    def test_exact_value_too_large_for_float_partner(self) -> None:
        """Regression: an exact input too large for a float beside a float input is no value."""
        values = amoeba().compute({"sales": Decimal("1E+400"), "costs": 1.0, "hours": 1})
        assert values["value_added"] is None
        reason = values.reason("value_added")
        assert reason is not None
        assert reason.startswith("the formula of 'value_added' has no value: 'sales' is too large")

    def test_tiny_exact_divisor_with_float(self) -> None:
        """Regression: a divisor of 1/10**400 beside a float gives a reason, not an error."""
        values = amoeba().compute({"sales": 1.0, "costs": 0, "hours": Fraction(1, 10**400)})
        assert values["value_added"] is None
        assert "'hours' is too small to compute with floats" in (values.reason("value_added") or "")

    def test_float_overflow_is_no_value(self) -> None:
        """Finite floats whose result overflows give no value and a reason, never inf."""
        values = amoeba().compute({"sales": 1e308, "costs": -1e308, "hours": 1})
        assert values["value_added"] is None
        assert "overflows a float" in (values.reason("value_added") or "")

    def test_exact_result_past_the_limit_is_no_value(self) -> None:
        """An exact result past the admission limit is refused fast, with a reason."""
        values = amoeba().compute({"sales": 10**999, "costs": 0, "hours": Fraction(1, 10**999)})
        assert values["value_added"] is None
        assert "numbers are limited to 1,000 digits" in (values.reason("value_added") or "")

    def test_numpy_overrides_and_values(self) -> None:
        """Scalars from numpy are read as Python numbers; results hold no numpy."""
        np = pytest.importorskip("numpy")
        tree = amoeba()
        values = tree.compute(
            {"sales": np.int64(90_000), "costs": 60_000, "hours": np.int64(1_200)}
        )
        assert Fraction(25) == values["value_added"]
        overridden = tree.evaluate(JUNE, overrides={"hours": np.float64(1000.0)})
        assert float is type(overridden["value_added"])
        assert float is type(overridden["hours"])

    @pytest.mark.parametrize("overrides", [5, {5: 1}, {10**5000: 1}, {"hours": float("inf")}])
    def test_bad_override_kinds(self, overrides: object) -> None:
        """Overrides that are not a mapping of KPI ids to numbers are ValidationErrors."""
        with pytest.raises(ValidationError):
            amoeba().evaluate(JUNE, overrides=overrides)  # type: ignore[arg-type]

    @pytest.mark.parametrize("kpi_id", [[], 5, None, "nope"])
    def test_lookups_refuse_anything_but_known_ids(self, kpi_id: object) -> None:
        """Looking up something that is not a KPI id of the tree is a ValidationError."""
        tree = amoeba()
        values = tree.evaluate(JUNE)
        for lookup in (tree.kpi, tree.driver_of, tree.leaves_of, values.node, values.reason):
            with pytest.raises(ValidationError):
                lookup(kpi_id)  # type: ignore[arg-type]

    @pytest.mark.parametrize(
        ("kwargs", "path"),
        [
            ({"kpis": 5}, "kpis"),
            ({"kpis": [], "drivers": 5}, "drivers"),
            ({"kpis": [5]}, "kpis[0]"),
            ({"kpis": [], "drivers": ["a + b"]}, "drivers[0]"),
        ],
    )
    def test_tree_collections(self, kwargs: dict[str, object], path: str) -> None:
        """A tree of anything but KPIs and drivers is refused with the path."""
        with pytest.raises(ValidationError) as caught:
            DriverTree(**kwargs)  # type: ignore[arg-type]
        assert path == caught.value.path

    @pytest.mark.parametrize(
        ("inputs", "path"),
        [(5, "inputs"), ([("a",)], "inputs[0]"), ([(1, "x")], "inputs[0]"), (["ab"], "inputs[0]")],
    )
    def test_driver_inputs(self, inputs: object, path: str) -> None:
        """Driver inputs must be (name, kpi_id) pairs."""
        with pytest.raises(ValidationError) as caught:
            Driver(kpi_id="v", formula="a + 1", inputs=inputs)  # type: ignore[arg-type]
        assert path == caught.value.path

    @pytest.mark.parametrize("inputs", [5, "ab", [1, []], None])
    def test_named_constructors_want_ids(self, inputs: object) -> None:
        """Driver.sum and .product want a collection of KPI ids."""
        for make in (Driver.sum, Driver.product):
            with pytest.raises(ValidationError):
                make("v", inputs)  # type: ignore[arg-type]

    @pytest.mark.parametrize(
        ("kwargs", "path"),
        [
            ({"day": None, "nodes": 5}, "nodes"),
            ({"day": None, "nodes": [5]}, "nodes[0]"),
            ({"day": "2026-06-30", "nodes": []}, "day"),
        ],
    )
    def test_tree_values_constructor(self, kwargs: dict[str, object], path: str) -> None:
        """TreeValues built by hand checks its day and nodes."""
        with pytest.raises(ValidationError) as caught:
            TreeValues(**kwargs)  # type: ignore[arg-type]
        assert path == caught.value.path

    def test_no_float_in_no_float_out(self) -> None:
        """A tree of exact check-ins computes exact values only."""
        values = amoeba().evaluate(JUNE)
        assert [] == [v for v in values.as_dict().values() if isinstance(v, float)]


_HOSTILE = st.one_of(
    st.integers(-(10**6), 10**6),
    st.sampled_from([10**999, 10**1000, 0, Fraction(1, 10**400), Fraction(10**400, 3)]),
    st.sampled_from([Decimal("1E+400"), Decimal("1E-400"), Decimal("-0"), Decimal("1E+999")]),
    st.fractions(max_denominator=1000),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from([1e308, -1e308, 5e-324, 0.0, float("nan"), True, None, "1", []]),
)


def _fuzz_tree() -> DriverTree:
    """A small tree whose formulas divide, multiply, add and compare."""
    return DriverTree.of(
        [kpi(k, "1") for k in ("top", "mid", "a", "b", "c")],
        {"top": "mid * c - max(a, 2)", "mid": "(a + b) / c"},
    )


class TestFuzz:
    @FUZZ
    @given(
        st.dictionaries(st.sampled_from(["a", "b", "c"]), _HOSTILE, max_size=3),
        st.one_of(st.none(), st.dictionaries(st.sampled_from(["mid", "a", "zz"]), _HOSTILE)),
        _HOSTILE,
    )
    def test_only_goalkit_errors_escape(
        self, values: dict[str, object], overrides: dict[str, object] | None, step: object
    ) -> None:
        """Law: computing a tree and its sensitivities gives finite values or a GoalkitError.

        Inputs without a float give values without a float.
        """
        tree = _fuzz_tree()
        given_numbers = [*values.values(), *(overrides or {}).values()]
        exact_input = not any(isinstance(v, float) for v in given_numbers)
        try:
            result = tree.compute(values, overrides=overrides)  # type: ignore[arg-type]
        except GoalkitError:
            return
        for value in result.as_dict().values():
            assert not isinstance(value, float) or (math.isfinite(value) and not exact_input)
        if not values or not all(_is_number(v) for v in values.values()):
            return
        inputs = [kpi(k, "1", (JUNE, v)) for k, v in values.items()]  # type: ignore[arg-type]
        history_tree = DriverTree.of(
            [kpi("top", "1"), kpi("mid", "1"), *inputs],
            {"top": "mid * 2", "mid": " + ".join(values)},
        )
        try:
            found = sensitivities(history_tree, "top", at=JUNE, step=step)  # type: ignore[arg-type]
        except GoalkitError:
            return
        for item in found:
            for number in (item.top, item.moved_top, item.change, item.elasticity):
                assert not isinstance(number, float) or math.isfinite(number)


def _is_number(value: object) -> bool:
    """Whether a check-in would accept ``value``."""
    try:
        CheckIn(day=JUNE, value=value)  # type: ignore[arg-type]
    except GoalkitError:
        return False
    return True
