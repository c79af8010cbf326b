"""Tests for goalkit.drivers.allocation."""

from __future__ import annotations

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
from goalkit.exceptions import ValidationError

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
