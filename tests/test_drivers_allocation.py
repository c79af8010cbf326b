"""Tests for goalkit.drivers.allocation."""

from __future__ import annotations

import decimal
import math
import os
import random
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from goalkit import KPI
from goalkit._numbers import Number
from goalkit.drivers.allocation import (
    Allocation,
    GrowthSplit,
    check_product,
    check_sum,
    check_targets,
)
from goalkit.drivers.tree import DriverTree
from goalkit.exceptions import GoalkitError, ValidationError

FUZZ = settings(
    max_examples=int(os.environ.get("GOALKIT_FUZZ_EXAMPLES", "200")),
    deadline=None,
)
"""Fuzz settings: ``GOALKIT_FUZZ_EXAMPLES`` sets the number of examples (the project-wide knob)."""

CHANNELS = {"seo": 35, "community": 25, "events": 15, "kol": 25}


class TestProportional:
    @pytest.mark.parametrize(
        ("total", "weights", "expected"),
        [
            (
                10_000_000,
                CHANNELS,
                {"seo": 3_500_000, "community": 2_500_000, "events": 1_500_000, "kol": 2_500_000},
            ),
            (100, {"a": 1, "b": 1, "c": 1}, {"a": 34, "b": 33, "c": 33}),
            (100, {"c": 1, "b": 1, "a": 1}, {"c": 33, "b": 33, "a": 34}),
            (10, {"a": 1, "b": 2}, {"a": 3, "b": 7}),
            (2, {"a": 1, "b": 1, "c": 1}, {"a": 1, "b": 1, "c": 0}),
            (5, {"a": 0, "b": 1}, {"a": 0, "b": 5}),
            (-10, {"a": 1, "b": 2}, {"a": -3, "b": -7}),
            (0, {"a": 1, "b": 2}, {"a": 0, "b": 0}),
            (
                Decimal("100.00"),
                {"a": 1, "b": 1, "c": 1},
                {"a": Decimal("33.34"), "b": Decimal("33.33"), "c": Decimal("33.33")},
            ),
            (Decimal("100"), {"a": 1, "b": 2}, {"a": Decimal("33"), "b": Decimal("67")}),
            (Fraction(1), {"a": 1, "b": 2}, {"a": Fraction(1, 3), "b": Fraction(2, 3)}),
            (1.0, {"a": 1, "b": 3}, {"a": 0.25, "b": 0.75}),
            (10, {"a": 0.2, "b": 0.7, "c": 0.1}, {"a": 2, "b": 7, "c": 1}),
        ],
    )
    def test_table(
        self, total: Number, weights: dict[str, Number], expected: dict[str, Number]
    ) -> None:
        """Shares follow the weights, rounded by largest remainder in the total's type."""
        result = Allocation.proportional(total, weights)
        assert expected == result.as_dict()
        assert [type(v) for v in expected.values()] == [type(v) for v in result.as_dict().values()]

    def test_quantum(self) -> None:
        """A declared quantum rounds to it; amounts keep the total's type."""
        result = Allocation.proportional(1000, {"a": 1, "b": 1, "c": 1}, quantum=100)
        assert {"a": 400, "b": 300, "c": 300} == result.as_dict()
        cents = Allocation.proportional(Decimal("10"), {"a": 1, "b": 2}, quantum=Decimal("0.01"))
        assert {"a": Decimal("3.33"), "b": Decimal("6.67")} == cents.as_dict()
        assert Decimal("0.01") == cents.quantum

    def test_exact_shares_kept(self) -> None:
        """Each share records its exact, unrounded proportion."""
        result = Allocation.proportional(100, {"a": 1, "b": 2})
        assert [Fraction(100, 3), Fraction(200, 3)] == [s.exact for s in result]
        assert 2 == len(result)
        assert 67 == result["b"]
        with pytest.raises(ValidationError, match="names no child"):
            result["z"]
        assert "Allocation(total=100, shares={'a': 33, 'b': 67})" == repr(result)

    @pytest.mark.parametrize(
        ("build", "words"),
        [
            (lambda: Allocation.proportional(10, {}), "non-empty mapping"),
            (lambda: Allocation.proportional(10, {"a": 0, "b": 0}), "must not all be zero"),
            (lambda: Allocation.proportional(10, {"a": -1}), ">= 0"),
            (lambda: Allocation.proportional(10, {"a": "1"}), "must be a number"),  # type: ignore[dict-item]
            (lambda: Allocation.proportional(10, {"": 1}), "must not be empty"),
            (lambda: Allocation.proportional("10", {"a": 1}), "'total' must be a number"),  # type: ignore[arg-type]
            (lambda: Allocation.proportional(10, {"a": 1}, quantum=0), "> 0"),
            (lambda: Allocation.proportional(10, {"a": 1}, quantum=3), "multiple of the quantum"),
            (
                lambda: Allocation.proportional(10, {"a": 1}, quantum="1"),  # type: ignore[arg-type]
                "'quantum' must be a number",
            ),
            (lambda: Allocation.equal(10, []), "at least one child"),
            (lambda: Allocation.equal(10, "ab"), "collection of names"),
            (lambda: Allocation.equal(10, ["a", "a"]), "appears twice"),
            (lambda: Allocation.by_history(10, {"a": -5, "b": 1}), ">= 0"),
        ],
    )
    def test_rejects(self, build: Callable[[], Allocation], words: str) -> None:
        """Bad inputs are ValidationErrors, never ZeroDivisionError or TypeError."""
        with pytest.raises(ValidationError, match=words):
            build()


class TestOtherSplits:
    def test_equal(self) -> None:
        """An equal split gives the odd units to the children whose names sort first."""
        assert {"c": 3, "b": 4, "a": 4} == Allocation.equal(11, ["c", "b", "a"]).as_dict()

    def test_by_history(self) -> None:
        """A split by history follows last year's shares."""
        last_year = {
            "seo": 2_800_000,
            "community": 1_400_000,
            "events": 1_400_000,
            "kol": 1_400_000,
        }
        result = Allocation.by_history(10_000_000, last_year)
        assert {
            "seo": 4_000_000,
            "community": 2_000_000,
            "events": 2_000_000,
            "kol": 2_000_000,
        } == result.as_dict()

    def test_with_fixed(self) -> None:
        """Fixed amounts are kept; the rest is shared by weight."""
        result = Allocation.with_fixed(
            10_000_000, {"events": 1_000_000}, {"seo": 2, "community": 1, "kol": 0}
        )
        assert {
            "events": 1_000_000,
            "seo": 6_000_000,
            "community": 3_000_000,
            "kol": 0,
        } == result.as_dict()
        assert [True, False, False, False] == [s.fixed for s in result]

    def test_with_fixed_everything(self) -> None:
        """Fixed amounts that use the whole total leave nothing to share."""
        result = Allocation.with_fixed(10, {"a": 4, "b": 6}, [])
        assert {"a": 4, "b": 6} == result.as_dict()

    @pytest.mark.parametrize(
        ("fixed", "rest", "words"),
        [
            ({"a": 11}, ["b"], "wrong sign"),
            ({"a": 4}, [], "no child to share"),
            ({"a": 4}, ["a"], "both fixed and in 'rest'"),
            ({"a": 0.5}, ["b"], "multiple of 1"),
            ({"a": "4"}, ["b"], "must be a number"),
        ],
    )
    def test_with_fixed_rejects(
        self, fixed: dict[str, Number], rest: list[str], words: str
    ) -> None:
        """Fixed amounts must fit the total and the quantum."""
        with pytest.raises(ValidationError, match=words):
            Allocation.with_fixed(10, fixed, rest)

    def test_with_fixed_needs_mapping(self) -> None:
        """Fixed amounts come as a mapping."""
        with pytest.raises(ValidationError, match="mapping"):
            Allocation.with_fixed(10, [("a", 1)], ["b"])  # type: ignore[arg-type]


_weights = st.dictionaries(
    st.text("abcdefgh", min_size=1, max_size=3),
    st.integers(0, 1000),
    min_size=1,
    max_size=8,
).filter(lambda w: any(w.values()))


class TestLaws:
    @settings(max_examples=150)
    @given(st.integers(-(10**9), 10**9), _weights)
    def test_integer_split(self, total: int, weights: dict[str, int]) -> None:
        """Law: integer shares sum exactly to the total, each within one unit of its proportion."""
        result = Allocation.proportional(total, weights)
        assert total == sum(result.as_dict().values())
        assert all(isinstance(s.amount, int) for s in result)
        assert all(abs(Fraction(s.amount) - Fraction(s.exact)) < 1 for s in result)

    @settings(max_examples=100)
    @given(st.integers(0, 10**9), _weights)
    def test_cents_split(self, cents: int, weights: dict[str, int]) -> None:
        """Law: Decimal money splits to whole cents that sum exactly to the total."""
        total = Decimal(cents).scaleb(-2)
        result = Allocation.proportional(total, weights)
        assert total == sum(result.as_dict().values())
        assert all(isinstance(s.amount, Decimal) for s in result)
        assert all(abs(Fraction(s.amount) - Fraction(s.exact)) < Fraction(1, 100) for s in result)

    @settings(max_examples=100)
    @given(st.integers(0, 10**6), _weights, st.randoms())
    def test_order_independent(
        self, total: int, weights: dict[str, int], rng: random.Random
    ) -> None:
        """Law: reordering the children changes no amount."""
        items = list(weights.items())
        rng.shuffle(items)
        assert (
            Allocation.proportional(total, weights).as_dict()
            == Allocation.proportional(total, dict(items)).as_dict()
        )

    @settings(max_examples=100)
    @given(st.integers(0, 10**6), _weights, st.integers(1, 1000))
    def test_scaling_weights(self, total: int, weights: dict[str, int], factor: int) -> None:
        """Law: scaling every weight by the same factor changes nothing."""
        scaled = {k: v * factor for k, v in weights.items()}
        assert (
            Allocation.proportional(total, weights).as_dict()
            == Allocation.proportional(total, scaled).as_dict()
        )

    @settings(max_examples=100)
    @given(st.integers(0, 10**6), st.integers(0, 1000), _weights)
    def test_fixed_split(self, total: int, fixed: int, weights: dict[str, int]) -> None:
        """Law: fixed amounts plus the shared rest sum exactly to the total."""
        fixed = min(fixed, total)
        result = Allocation.with_fixed(total, {"FIXED": fixed}, weights)
        assert total == sum(result.as_dict().values())
        assert fixed == result["FIXED"]


class TestGrowthSplit:
    @pytest.mark.parametrize(
        ("growth", "factors", "expected", "exact"),
        [
            (
                Decimal("1.331"),
                ["v", "c", "o"],
                {"v": Decimal("1.1"), "c": Decimal("1.1"), "o": Decimal("1.1")},
                True,
            ),
            (Decimal("1.21"), ["v", "o"], {"v": Decimal("1.1"), "o": Decimal("1.1")}, True),
            (Fraction(9, 4), ["a", "b"], {"a": Fraction(3, 2), "b": Fraction(3, 2)}, True),
            (4, ["a", "b"], {"a": 2, "b": 2}, True),
            (8, {"a": 1, "b": 2}, {"a": 2, "b": 4}, True),
            (
                Decimal("1.2"),
                ["a", "b"],
                {"a": Decimal("1.095445"), "b": Decimal("1.095445")},
                False,
            ),
            (2, {"a": 37, "b": 63}, {"a": Decimal("1.292353"), "b": Decimal("1.547565")}, False),
            (Decimal("1.5"), ["a"], {"a": Decimal("1.5")}, True),
        ],
    )
    def test_spread(
        self,
        growth: Number,
        factors: list[str] | dict[str, int],
        expected: dict[str, Number],
        exact: bool,
    ) -> None:
        """Growth spreads exactly where a root exists, else to the declared places."""
        split = GrowthSplit.spread(growth, factors)
        assert expected == split.as_dict()
        assert exact == split.exact
        if exact:
            assert Fraction(growth) == split.product

    def test_fixed_factor(self) -> None:
        """A fixed factor's growth is taken out before the rest is spread."""
        split = GrowthSplit.spread(
            Decimal("1.32"), ["visitors"], fixed={"conversion": Decimal("1.1")}
        )
        assert {"conversion": Decimal("1.1"), "visitors": Decimal("1.2")} == split.as_dict()
        assert Decimal("1.2") == split["visitors"]
        with pytest.raises(ValidationError):
            split["nope"]
        assert (
            "GrowthSplit(growth=Decimal('1.32'), factors={'conversion': Decimal('1.1'), "
            "'visitors': Decimal('1.2')}, exact=True)" == repr(split)
        )

    def test_float_growth(self) -> None:
        """A float growth gives float factors."""
        assert {"a": 1.1, "b": 1.1} == GrowthSplit.spread(1.21, ["a", "b"]).as_dict()

    def test_places(self) -> None:
        """More places give a closer product."""
        close = GrowthSplit.spread(2, ["a", "b", "c"], places=30)
        assert abs(Fraction(close.product) - 2) < Fraction(1, 10**28)

    @pytest.mark.parametrize(
        ("growth", "factors", "fixed", "places"),
        [
            (0, ["a"], None, 6),
            (-1, ["a"], None, 6),
            (2, ["a"], {"b": 0}, 6),
            (2, ["a"], {"a": 2}, 6),
            (2, ["a"], None, -1),
            (2, ["a"], None, 500),
            (2, [], None, 6),
        ],
    )
    def test_rejects(
        self, growth: Number, factors: list[str], fixed: dict[str, Number] | None, places: int
    ) -> None:
        """Growth and fixed factors must be > 0; places bounded."""
        with pytest.raises(ValidationError):
            GrowthSplit.spread(growth, factors, fixed=fixed, places=places)

    @settings(max_examples=50, deadline=None)
    @given(st.integers(1, 50), st.integers(1, 50), st.integers(1, 5))
    def test_exact_roots_found(self, top: int, bottom: int, count: int) -> None:
        """Law: a growth that is a perfect power of a fraction spreads exactly."""
        root = Fraction(top, bottom)
        split = GrowthSplit.spread(root**count, [f"f{i}" for i in range(count)])
        assert split.exact
        assert all(root == v for v in split.as_dict().values())


class TestChecks:
    def test_sum_adds_up(self) -> None:
        """Children that add up give no finding; a tolerance absorbs small gaps."""
        assert () == check_sum(100, {"a": 60, "b": 40})
        assert () == check_sum(100, {"a": 60, "b": 39.5}, tolerance=1)

    def test_sum_mismatch(self) -> None:
        """Children that do not add up give one finding with the difference."""
        (finding,) = check_sum(10_000_000, CHANNELS, kpi_id="sales")
        assert "sales" == finding.kpi_id
        assert Fraction(100) == finding.actual
        assert Fraction(100 - 10_000_000) == finding.difference

    def test_product(self) -> None:
        """Growth factors must multiply up to the parent's growth."""
        assert () == check_product(
            Decimal("1.331"), {"a": Decimal("1.1"), "b": Decimal("1.1"), "c": Decimal("1.1")}
        )
        (finding,) = check_product(Decimal("1.3"), {"a": Decimal("1.1"), "b": Decimal("1.1")})
        assert Fraction(-9, 100) == finding.difference
        assert "multiply up" in finding.message

    @pytest.mark.parametrize(
        ("parent", "children", "tolerance"),
        [("1", {"a": 1}, 0), (1, {}, 0), (1, {"a": "1"}, 0), (1, {"a": 1}, -1), (1, [1], 0)],
    )
    def test_rejects(self, parent: object, children: object, tolerance: object) -> None:
        """Inputs must be numbers and a non-empty mapping."""
        with pytest.raises(ValidationError):
            check_sum(parent, children, tolerance=tolerance)  # type: ignore[arg-type]

    def _tree(self) -> DriverTree:
        def kpi(kpi_id: str, unit: str, target: Number | None) -> KPI:
            return KPI(id=kpi_id, title=kpi_id, owner="x", level="team", unit=unit, target=target)

        return DriverTree.of(
            [
                kpi("sales", "EUR", 10_000_000),
                kpi("online", "EUR", None),
                kpi("seo", "EUR", 3_000_000),
                kpi("kol", "EUR", 3_000_000),
                kpi("offline", "EUR", 3_000_000),
                kpi("ratio", "1", 2),
            ],
            {"sales": "online + offline", "online": "seo + kol", "ratio": "online / offline"},
        )

    def test_targets_from_kpis(self) -> None:
        """check_targets applies each formula to its inputs' targets; missing targets skip."""
        assert () == check_targets(self._tree())

    def test_targets_given(self) -> None:
        """Given targets override the KPIs' own; each miss is one finding."""
        findings = check_targets(
            self._tree(),
            {
                "sales": 10_000_000,
                "online": 6_000_000,
                "offline": 3_000_000,
                "seo": 3_000_000,
                "kol": 2_000_000,
                "ratio": 2,
            },
        )
        assert [("sales", Fraction(-1_000_000)), ("online", Fraction(-1_000_000))] == sorted(
            (f.kpi_id, f.difference) for f in findings
        )[::-1]

    def test_targets_undefined(self) -> None:
        """A formula with no value on the targets is a finding without a difference."""
        (finding,) = check_targets(self._tree(), {"online": 0, "offline": 0, "ratio": 1})
        assert finding.difference is None
        assert "division by zero" in finding.message

    @pytest.mark.parametrize("targets", [{"nope": 1}, {"sales": "1"}, [1]])
    def test_targets_rejects(self, targets: object) -> None:
        """Targets must name KPIs of the tree and be numbers."""
        with pytest.raises(ValidationError):
            check_targets(self._tree(), targets)  # type: ignore[arg-type]


_ROUNDINGS = st.sampled_from(
    [
        decimal.ROUND_FLOOR,
        decimal.ROUND_CEILING,
        decimal.ROUND_DOWN,
        decimal.ROUND_UP,
        decimal.ROUND_HALF_UP,
        decimal.ROUND_HALF_EVEN,
        decimal.ROUND_05UP,
    ]
)
_EXACT_TOTALS = st.one_of(
    st.integers(-(10**45), 10**45),
    st.builds(
        lambda digits, places: Decimal(digits).scaleb(-places),
        st.integers(-(10**45), 10**45),
        st.integers(0, 6),
    ),
    st.fractions(max_denominator=10**6),
)


class TestDecimalContext:
    """Issue 11: exact means exact, whatever the caller's decimal context."""

    def test_39_digit_total_sums_exactly(self) -> None:
        """Regression: a 39-digit Decimal total splits into shares that sum to it exactly."""
        total = Decimal("123456789012345678901234567890123456.789")
        result = Allocation.proportional(total, {"a": 1, "b": 2, "c": 3})
        assert total == sum(Fraction(amount) for amount in result.as_dict().values())
        assert Decimal("20576131502057613150205761315020576.131") == result["a"]

    @pytest.mark.parametrize(
        ("total", "quantum"),
        [
            (Decimal("1234567890123456789012345678"), Decimal("0.01")),
            (Decimal("9999999999999999999999999999.99"), None),
        ],
    )
    def test_28_digit_totals(self, total: Decimal, quantum: Decimal | None) -> None:
        """Regression: these raised decimal.InvalidOperation in the default context."""
        result = Allocation.proportional(total, {"a": 1, "b": 2}, quantum=quantum)
        assert total == sum(Fraction(amount) for amount in result.as_dict().values())
        assert all(isinstance(amount, Decimal) for amount in result.as_dict().values())

    def test_low_precision_changes_nothing(self) -> None:
        """Regression: with prec = 5 the split is the same as in the default context."""
        total = Decimal("1234567.89")
        expected = Allocation.proportional(total, {"a": 1, "b": 2}).as_dict()
        with decimal.localcontext() as context:
            context.prec = 5
            assert expected == Allocation.proportional(total, {"a": 1, "b": 2}).as_dict()

    @settings(max_examples=100, deadline=None)
    @given(_EXACT_TOTALS, _weights, st.integers(1, 28), _ROUNDINGS)
    def test_sum_is_exact_in_any_context(
        self, total: Number, weights: dict[str, int], precision: int, rounding: str
    ) -> None:
        """Law: exact totals split into shares that sum to the total, under any decimal context.

        The result is also the same as in the default context.
        """
        expected = Allocation.proportional(total, weights).as_dict()
        with decimal.localcontext() as context:
            context.prec = precision
            context.rounding = rounding
            result = Allocation.proportional(total, weights).as_dict()
        assert expected == result
        assert Fraction(total) == sum(Fraction(amount) for amount in result.values())

    @settings(max_examples=50, deadline=None)
    @given(
        st.integers(1, 10**30).map(lambda n: Decimal(n).scaleb(-3)),
        st.lists(st.integers(1, 9), min_size=1, max_size=4),
        st.integers(1, 28),
        _ROUNDINGS,
    )
    def test_growth_split_in_any_context(
        self, growth: Decimal, weights: list[int], precision: int, rounding: str
    ) -> None:
        """Law: a growth split does not depend on the decimal context."""
        factors = {f"f{i}": w for i, w in enumerate(weights)}
        expected = GrowthSplit.spread(growth, factors, places=8)
        with decimal.localcontext() as context:
            context.prec = precision
            context.rounding = rounding
            assert expected == GrowthSplit.spread(growth, factors, places=8)


class TestGrowthSplitExact:
    """Issue 11: ``exact`` is truthful."""

    @pytest.mark.parametrize("growth", [1.21, 4.0, 2.0])
    def test_float_growth_is_never_exact(self, growth: float) -> None:
        """Regression: a float growth reported exact=True though 1.1 * 1.1 != 1.21."""
        split = GrowthSplit.spread(growth, ["a", "b"])
        assert split.exact is False
        assert all(float is type(v) for v in split.as_dict().values())

    def test_float_growth_rounded_factors_are_floats(self) -> None:
        """A float growth gives float factors even where the root is rounded."""
        assert {"a": 1.095445, "b": 1.095445} == GrowthSplit.spread(1.2, ["a", "b"]).as_dict()

    def test_float_fixed_factor_is_not_exact(self) -> None:
        """A float fixed factor makes the split inexact."""
        split = GrowthSplit.spread(Decimal("1.21"), ["a"], fixed={"b": 1.1})
        assert split.exact is False

    def test_exact_roots_for_any_weights(self) -> None:
        """Roots of high degree are found exactly (weights 100 : 1 give degree 101)."""
        split = GrowthSplit.spread(2**101, {"a": 100, "b": 1})
        assert split.exact
        assert {"a": 2**100, "b": 2} == split.as_dict()

    @settings(max_examples=100, deadline=None)
    @given(
        st.fractions(min_value=Fraction(1, 1000), max_value=1000, max_denominator=1000),
        st.lists(st.integers(0, 5), min_size=1, max_size=4).filter(any),
        st.dictionaries(
            st.sampled_from(["x", "y"]),
            st.fractions(min_value=Fraction(1, 100), max_value=100, max_denominator=100),
            max_size=2,
        ),
    )
    def test_exact_is_a_promise(
        self, growth: Fraction, weights: list[int], fixed: dict[str, Fraction]
    ) -> None:
        """Law: exact=True means the factors multiply to the growth exactly."""
        factors = {f"f{i}": w for i, w in enumerate(weights)}
        split = GrowthSplit.spread(growth, factors, fixed=fixed)
        if split.exact:
            assert growth == split.product

    def test_huge_growth_bounded(self) -> None:
        """A growth at the admission limit over many unequal factors is computed, rounded."""
        split = GrowthSplit.spread(Decimal("1E+999"), {f"a{i}": i + 1 for i in range(300)})
        assert 300 == len(split.factors)
        assert split.exact is False

    def test_fixed_factors_past_the_limit(self) -> None:
        """What fixed factors leave is held to the admission limit."""
        with pytest.raises(ValidationError, match="numbers are limited"):
            GrowthSplit.spread(
                2, ["a"], fixed={"b": Fraction(1, 10**999), "c": Fraction(1, 10**999)}
            )

    def test_fixed_factor_without_a_float(self) -> None:
        """With a float growth, a fixed factor no float stands for is refused, naming it."""
        with pytest.raises(ValidationError) as caught:
            GrowthSplit.spread(2.0, ["a"], fixed={"b": Decimal("1E-500")})
        assert "fixed[b]" == caught.value.path

    @pytest.mark.parametrize(
        ("kwargs", "path"),
        [
            ({"fixed": 5}, "fixed"),
            ({"fixed": {5: 2}}, "fixed[5]"),
            ({"factors": 5}, "factors"),
            ({"factors": "ab"}, "factors"),
        ],
    )
    def test_argument_types(self, kwargs: dict[str, object], path: str) -> None:
        """Arguments of the wrong type are ValidationErrors with the path."""
        arguments: dict[str, object] = {"factors": ["a"], **kwargs}
        with pytest.raises(ValidationError) as caught:
            GrowthSplit.spread(2, **arguments)  # type: ignore[arg-type]
        assert path == caught.value.path

    def test_constructor_checks_factors(self) -> None:
        """GrowthSplit built by hand wants (name, factor) pairs."""
        with pytest.raises(ValidationError, match="pairs"):
            GrowthSplit(growth=2, factors=5, exact=True, places=6)  # type: ignore[arg-type]


class TestHostileAllocations:
    """Issue 11: float meets exact, overflow, argument types."""

    def test_tiny_weight_with_float_total(self) -> None:
        """A share no float stands for is refused naming the child, not silently 0.0."""
        with pytest.raises(ValidationError) as caught:
            Allocation.proportional(1.0, {"a": Fraction(1, 10**400), "b": 1})
        assert "weights[a]" == caught.value.path
        assert "the share of 'a' in a float total is too small" in caught.value.message

    def test_float_share_overflow(self) -> None:
        """A share past the float range is refused, never inf."""
        with pytest.raises(ValidationError, match="too large to compute with floats"):
            Allocation.with_fixed(1e308, {"a": -1e308}, ["b"])

    def test_many_fine_weights_refused_fast(self) -> None:
        """Weights whose exact sum needs too many digits are refused, not computed for minutes."""
        weights = {f"c{i}": Fraction(1, 10**400 + i) for i in range(10)}
        with pytest.raises(ValidationError, match="numbers are limited"):
            Allocation.proportional(Fraction(1), weights)

    def test_numpy_total_and_weights(self) -> None:
        """Numbers from numpy are read as Python ones; amounts hold no numpy."""
        np = pytest.importorskip("numpy")
        result = Allocation.proportional(np.int64(100), {"a": np.int64(1), "b": np.float64(3.0)})
        assert {"a": 25, "b": 75} == result.as_dict()
        assert all(int is type(v) for v in result.as_dict().values())
        assert int is type(result.total)

    @pytest.mark.parametrize(
        ("build", "path"),
        [
            (
                lambda: Allocation.proportional(10, {5: 1}),  # type: ignore[dict-item]
                "weights[5]",
            ),
            (
                lambda: Allocation.equal(10, 5),  # type: ignore[arg-type]
                "children",
            ),
            (
                lambda: Allocation.with_fixed(10, {"a": 1}, 5),  # type: ignore[arg-type]
                "rest",
            ),
            (
                lambda: Allocation.with_fixed(10, 5, ["a"]),  # type: ignore[arg-type]
                "fixed",
            ),
            (
                lambda: Allocation(total=1, quantum=None, shares=5),  # type: ignore[arg-type]
                "shares",
            ),
        ],
    )
    def test_argument_types(self, build: Callable[[], object], path: str) -> None:
        """Arguments of the wrong type are ValidationErrors with the path."""
        with pytest.raises(ValidationError) as caught:
            build()
        assert path == caught.value.path

    def test_check_sum_float_overflow(self) -> None:
        """Regression: finite floats adding up to inf were a finding 'off by inf'."""
        with pytest.raises(ValidationError, match="overflows float arithmetic") as caught:
            check_sum(1.0, {"a": 1e308, "b": 1e308})
        assert "children" == caught.value.path

    def test_check_sum_exact_too_small_for_float(self) -> None:
        """A tiny exact child beside float children is refused naming it."""
        with pytest.raises(ValidationError) as caught:
            check_sum(1.0, {"a": Fraction(1, 10**400), "b": 1.0})
        assert "children[a]" == caught.value.path

    def test_check_product_exact_too_large_for_float(self) -> None:
        """Regression: check_product with 1E+400 beside a float was an OverflowError."""
        with pytest.raises(ValidationError) as caught:
            check_product(1.0, {"a": Decimal("1E+400"), "b": 1.0})
        assert "children[a]" == caught.value.path

    def test_check_product_exact_past_the_limit(self) -> None:
        """An exact product past the admission limit is refused fast."""
        with pytest.raises(ValidationError, match="numbers are limited"):
            check_product(1, {"a": Decimal("1E+600"), "b": Decimal("1E+600")})

    @pytest.mark.parametrize(
        ("parent", "children"),
        [(-1e308, {"a": 1e308}), (Decimal("1E+400"), {"a": 1.0})],
    )
    def test_difference_out_of_range(self, parent: Number, children: dict[str, Number]) -> None:
        """A difference out of float range is a finding without a difference, never inf."""
        (finding,) = check_sum(parent, children)
        assert finding.difference is None
        assert "the difference is out of range" in finding.message

    def test_tolerance_is_judged_exactly(self) -> None:
        """A tiny exact gap within the tolerance is no finding, even beside floats."""
        assert () == check_sum(Fraction(1, 10**400), {"a": 0.0}, tolerance=Fraction(1, 10**300))

    def test_check_targets_mixed_numbers(self) -> None:
        """Targets that mix floats with exact values too large for them give a finding."""
        tree = DriverTree.of(
            [KPI(id=i, title=i, owner="x", level="team", unit="EUR") for i in ("s", "a", "b")],
            {"s": "a + b"},
        )
        (finding,) = check_targets(tree, {"s": 1, "a": Decimal("1E+400"), "b": 1.0})
        assert finding.actual is None
        assert "too large to compute with floats" in finding.message

    def test_check_targets_wants_a_tree(self) -> None:
        """Anything but a DriverTree is a ValidationError naming 'tree'."""
        with pytest.raises(ValidationError) as caught:
            check_targets(5)  # type: ignore[arg-type]
        assert "tree" == caught.value.path


_HOSTILE_NUMBERS = st.one_of(
    st.integers(-(10**6), 10**6),
    st.sampled_from([10**999, 10**1000, 0, -1, Fraction(1, 10**400), Fraction(10**400, 3)]),
    st.sampled_from([Decimal("1E+400"), Decimal("1E-400"), Decimal("-0"), Decimal("0.01")]),
    st.decimals(allow_nan=False, allow_infinity=False, places=2),
    st.fractions(max_denominator=1000),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from([1e308, -1e308, 5e-324, 0.0, float("nan"), True, None, "1"]),
)
_HOSTILE_MAPS = st.dictionaries(st.sampled_from(["a", "b", "c"]), _HOSTILE_NUMBERS, max_size=3)


def _finite_and_typed(numbers: list[object], exact_input: bool) -> None:
    """No result is inf or NaN; exact input gives no float."""
    for number in numbers:
        if isinstance(number, float):
            assert math.isfinite(number)
            assert not exact_input
        if isinstance(number, Decimal):
            assert number.is_finite()


class TestFuzz:
    @FUZZ
    @given(
        st.sampled_from(["proportional", "with_fixed", "spread", "check_sum", "check_product"]),
        _HOSTILE_NUMBERS,
        _HOSTILE_MAPS,
        _HOSTILE_MAPS,
    )
    def test_only_goalkit_errors_escape(
        self, entry: str, number: object, first: dict[str, object], second: dict[str, object]
    ) -> None:
        """Law: allocations, growth splits and checks of any numbers succeed or raise GoalkitError.

        Results are finite, and inputs without a float give results without one.
        """
        inputs = [number, *first.values(), *second.values()]
        exact_input = not any(isinstance(value, float) for value in inputs)
        try:
            if entry == "proportional":
                allocation = Allocation.proportional(number, first)  # type: ignore[arg-type]
                results: list[object] = [s.amount for s in allocation]
                results += [s.exact for s in allocation]
            elif entry == "with_fixed":
                allocation = Allocation.with_fixed(number, first, second)  # type: ignore[arg-type]
                results = [s.amount for s in allocation]
                results += [s.exact for s in allocation]
            elif entry == "spread":
                split = GrowthSplit.spread(number, first or ["z"], fixed=second)  # type: ignore[arg-type]
                results = [v for _, v in split.factors]
                if split.exact:
                    assert Fraction(split.growth) == split.product
            else:
                check = check_sum if entry == "check_sum" else check_product
                results = [
                    n
                    for finding in check(number, first)  # type: ignore[arg-type]
                    for n in (finding.actual, finding.difference)
                ]
        except GoalkitError:
            return
        _finite_and_typed(results, exact_input)
