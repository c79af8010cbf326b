"""Tests for goalkit.drivers.formula and goalkit.drivers.units."""

from __future__ import annotations

import math
import os
import pickle
import time
from collections.abc import Callable, Mapping
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from goalkit._numbers import Number
from goalkit.drivers.formula import (
    MAX_DEPTH,
    MAX_NUMBER_DIGITS,
    Formula,
    FormulaError,
    UndefinedValueError,
    is_name,
)
from goalkit.drivers.units import DIMENSIONLESS, Unit
from goalkit.exceptions import GoalkitError, ValidationError

Env = Mapping[str, Fraction]
Expr = tuple[str, Callable[[Env], Fraction]]


class TestParse:
    @pytest.mark.parametrize(
        ("source", "values", "expected"),
        [
            ("1 + 2 * 3", {}, Fraction(7)),
            ("(1 + 2) * 3", {}, Fraction(9)),
            ("8 / 4 / 2", {}, Fraction(1)),
            ("2 - 3 - 4", {}, Fraction(-5)),
            ("-2 * 3", {}, Fraction(-6)),
            ("- - 2", {}, Fraction(2)),
            ("+2", {}, Fraction(2)),
            ("2 * -3", {}, Fraction(-6)),
            ("0.1 + 0.2", {}, Fraction(3, 10)),
            (".5 + 5.", {}, Fraction(11, 2)),
            ("1 / 3", {}, Fraction(1, 3)),
            ("min(a, b, 3)", {"a": 5, "b": 4}, Fraction(3)),
            ("max(a, -b)", {"a": -5, "b": 4}, Fraction(-4)),
            (
                "visitors * conversion * order_value",
                {"visitors": 1000, "conversion": Decimal("0.02"), "order_value": 50},
                Fraction(1000),
            ),
            ("(sales - costs) / hours", {"sales": 900, "costs": 300, "hours": 40}, Fraction(15)),
            ("a\t*\n2", {"a": 3}, Fraction(6)),
            ("x_1 + X2", {"x_1": 1, "X2": 2}, Fraction(3)),
        ],
    )
    def test_evaluates_exactly(
        self, source: str, values: dict[str, int | Decimal], expected: Fraction
    ) -> None:
        """Precedence, associativity and exact decimal literals follow Python on Fractions."""
        assert expected == Formula.parse(source).evaluate(values)

    @pytest.mark.parametrize(
        ("source", "names"),
        [
            ("a + b * a", ("a", "b")),
            ("min(b, a) / c", ("b", "a", "c")),
            ("42", ()),
        ],
    )
    def test_names_in_order_of_first_use(self, source: str, names: tuple[str, ...]) -> None:
        """Names are listed once each, in the order they first appear."""
        assert names == Formula.parse(source).names

    def test_float_input_gives_float(self) -> None:
        """Any float value switches the evaluation to float arithmetic."""
        assert 0.75 == Formula.parse("a * 3 / 4").evaluate({"a": 1.0})

    def test_equality_and_repr(self) -> None:
        """Formulas compare by text and repr as the call that makes them."""
        assert Formula.parse("a+b") == Formula("a+b")
        assert "Formula.parse('a+b')" == repr(Formula.parse("a+b"))
        assert "a+b" == str(Formula.parse("a+b"))

    @pytest.mark.parametrize(
        ("build", "source"),
        [
            (lambda: Formula.sum("a", "b", "c"), "a + b + c"),
            (lambda: Formula.product("a", "b"), "a * b"),
            (lambda: Formula.difference("a", "b"), "a - b"),
            (lambda: Formula.ratio("a", "b"), "a / b"),
            (lambda: Formula.weighted_sum({"a": 2, "b": Decimal("0.5")}), "2 * a + 0.5 * b"),
            (
                lambda: Formula.weighted_sum({"a": -1, "b": Fraction(-1, 3)}),
                "(-1) * a + (-1/3) * b",
            ),
            (lambda: Formula.weighted_sum({"a": 1e-05}), "0.00001 * a"),
        ],
    )
    def test_named_constructors(self, build: Callable[[], Formula], source: str) -> None:
        """The named constructors write the formula text they stand for."""
        assert source == build().source

    @pytest.mark.parametrize(
        "build",
        [
            Formula.sum,
            lambda: Formula.sum("k-rt"),
            lambda: Formula.ratio("a", "min"),
            lambda: Formula.weighted_sum({}),
            lambda: Formula.weighted_sum({"a": "2"}),  # type: ignore[dict-item]
        ],
    )
    def test_named_constructors_reject_bad_names(self, build: Callable[[], Formula]) -> None:
        """Names that cannot appear in a formula are refused with a ValidationError."""
        with pytest.raises(ValidationError):
            build()

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("order_value", True),
            ("k-rt", False),
            ("1a", False),
            ("max", False),
            ("__class__", False),
            ("lambda", False),
            ("", False),
            (3, False),
        ],
    )
    def test_is_name(self, text: object, expected: bool) -> None:
        """Only ASCII identifiers that are neither dunder, keyword nor function are names."""
        assert expected == is_name(text)


class TestRejects:
    @pytest.mark.parametrize(
        ("source", "position", "words"),
        [
            ("__import__('os')", 0, "'__'"),
            ("a.b", 1, "attribute access"),
            ("a.__class__", 1, "attribute access"),
            ("x ** 99999999", 2, "'**'"),
            ("x ^ 2", 2, "powers"),
            ("lambda: 1", 0, "keyword"),
            ("lambda x: x", 0, "keyword"),
            ("\u0661 + 2", 0, "ASCII digits"),
            ("\uff11", 0, "ASCII digits"),
            ("caf\u00e9", 3, "ASCII letters"),
            ("f(x)", 0, "unknown function"),
            ("eval(x)", 0, "unknown function"),
            ("min(x)", 0, "at least two"),
            ("min + 1", 0, "is a function"),
            ("a b", 2, "expected an operator"),
            ("a +", 3, "end of the formula"),
            ("(a + b", 6, "expected ')'"),
            ("a + b)", 5, "unexpected ')'"),
            ("2x", 1, "scientific"),
            ("1e5", 1, "scientific"),
            ("1.2.3", 3, "second decimal point"),
            ("a[0]", 1, "unexpected character '['"),
            ("'s'", 0, "unexpected character"),
            ("a = 1", 2, "unexpected character '='"),
            ("a; b", 1, "unexpected character ';'"),
            ("1" * 70, 0, "digits"),
            ("a,b", 1, "unexpected ','"),
        ],
    )
    def test_rejected_with_caret(self, source: str, position: int, words: str) -> None:
        """Anything outside the language is a FormulaError pointing at its position."""
        with pytest.raises(FormulaError) as caught:
            Formula.parse(source)
        assert position == caught.value.position
        assert words in caught.value.message
        caret_line = caught.value.message.splitlines()[-1]
        text_line = caught.value.message.splitlines()[-2]
        assert len(caret_line) - 1 == len(text_line[: len(caret_line) - 1])
        assert caret_line.endswith("^")

    def test_deep_nesting_rejected(self) -> None:
        """Ten thousand nested parentheses fail fast, without a RecursionError."""
        source = "(" * 10_000 + "x" + ")" * 10_000
        with pytest.raises(FormulaError, match="at most"):
            Formula.parse(source)
        nested = "(" * (MAX_DEPTH + 1) + "x" + ")" * (MAX_DEPTH + 1)
        with pytest.raises(FormulaError, match="nesting is deeper") as caught:
            Formula.parse(nested)
        assert MAX_DEPTH == caught.value.position

    def test_deep_nesting_within_length_rejected(self) -> None:
        """Nine thousand open parentheses fit the length limit and stop at the depth limit."""
        with pytest.raises(FormulaError, match="nesting is deeper"):
            Formula.parse("(" * 9000 + "x")

    def test_maximum_nesting_accepted(self) -> None:
        """Nesting up to the limit parses and evaluates."""
        nested = "(" * MAX_DEPTH + "x" + ")" * MAX_DEPTH
        assert Fraction(2) == Formula.parse(nested).evaluate({"x": 2})

    def test_nested_function_calls_bounded(self) -> None:
        """Nested min/max calls count towards the depth limit too."""
        source = "min(" * 5000 + "1" + ", 2)" * 5000
        with pytest.raises(FormulaError):
            Formula.parse(source)

    def test_huge_input_rejected_fast(self) -> None:
        """A one-megabyte formula is refused before tokenizing."""
        started = time.perf_counter()
        with pytest.raises(FormulaError, match="at most 10000 characters"):
            Formula.parse("a+" * 500_000)
        assert time.perf_counter() - started < 1

    def test_long_unary_chain_needs_no_recursion(self) -> None:
        """Thousands of unary minus signs parse iteratively."""
        assert Fraction(3) == Formula.parse("-" * 4000 + "3").evaluate({})

    def test_long_flat_sum(self) -> None:
        """A long left-deep sum evaluates without recursion."""
        source = " + ".join(["a"] * 2000)
        assert Fraction(2000) == Formula.parse(source).evaluate({"a": 1})

    @pytest.mark.parametrize("source", ["", "   ", "\n"])
    def test_empty(self, source: str) -> None:
        """An empty formula is refused."""
        with pytest.raises(FormulaError, match="must not be empty"):
            Formula.parse(source)

    def test_not_a_string(self) -> None:
        """A non-string formula is a ValidationError, not a TypeError."""
        with pytest.raises(FormulaError, match="must be a string"):
            Formula.parse(42)  # type: ignore[arg-type]

    def test_error_is_a_value_error_and_pickles(self) -> None:
        """FormulaError is a ValidationError and ValueError, and survives pickling."""
        with pytest.raises(ValueError, match="attribute") as caught:
            Formula.parse("a.b")
        assert isinstance(caught.value, FormulaError)
        copy = pickle.loads(pickle.dumps(caught.value))
        assert caught.value.position == copy.position
        assert "drivers[0].formula" == caught.value.prefixed("drivers[0]").path

    @settings(max_examples=200)
    @given(st.text(max_size=60))
    def test_only_goalkit_errors_escape(self, source: str) -> None:
        """Law: parsing any text gives a Formula or a FormulaError, nothing else."""
        try:
            formula = Formula.parse(source)
        except FormulaError:
            return
        assert source == formula.source


class TestEvaluate:
    def test_division_by_zero(self) -> None:
        """Division by zero is an UndefinedValueError pointing at the '/'."""
        with pytest.raises(UndefinedValueError) as caught:
            Formula.parse("(sales - costs) / hours").evaluate({"sales": 1, "costs": 1, "hours": 0})
        assert 16 == caught.value.position
        assert isinstance(caught.value, GoalkitError)
        assert isinstance(caught.value, ArithmeticError)
        assert not isinstance(caught.value, ZeroDivisionError)
        copy = pickle.loads(pickle.dumps(caught.value))
        assert caught.value.message == copy.message

    def test_float_overflow(self) -> None:
        """A float result that overflows is an UndefinedValueError, not inf."""
        with pytest.raises(UndefinedValueError, match="overflows"):
            Formula.parse("a * a").evaluate({"a": 1e200})

    @pytest.mark.parametrize(
        ("values", "path"),
        [
            ({"a": 1}, "values[b]"),
            ({"a": 1, "b": "2"}, "values[b]"),
            ({"a": 1, "b": True}, "values[b]"),
            ({"a": 1, "b": float("nan")}, "values[b]"),
        ],
    )
    def test_bad_values(self, values: dict[str, object], path: str) -> None:
        """Missing or non-number values are ValidationErrors naming the value."""
        with pytest.raises(ValidationError) as caught:
            Formula.parse("a + b").evaluate(values)  # type: ignore[arg-type]
        assert path == caught.value.path


def _leaf_name(name: str) -> Expr:
    def value(env: Env) -> Fraction:
        return env[name]

    return (name, value)


def _leaf_number(number: Fraction) -> Expr:
    def value(env: Env) -> Fraction:
        return number

    text = format(Decimal(number.numerator) / Decimal(number.denominator), "f")
    return (text, value)


def _binary(parts: tuple[Expr, str, Expr]) -> Expr:
    (left_text, left), op, (right_text, right) = parts

    def value(env: Env) -> Fraction:
        a, b = left(env), right(env)
        if op == "+":
            return a + b
        if op == "-":
            return a - b
        if op == "*":
            return a * b
        return a / b

    return (f"({left_text} {op} {right_text})", value)


def _negate(part: Expr) -> Expr:
    text, inner = part

    def value(env: Env) -> Fraction:
        return -inner(env)

    return (f"-{text}", value)


def _call(parts: tuple[str, list[Expr]]) -> Expr:
    name, args = parts

    def value(env: Env) -> Fraction:
        results = [f(env) for _, f in args]
        return min(results) if name == "min" else max(results)

    return (f"{name}({', '.join(t for t, _ in args)})", value)


_leaves = st.one_of(
    st.sampled_from(["a", "b", "c"]).map(_leaf_name),
    st.integers(0, 1000).map(lambda k: _leaf_number(Fraction(k))),
    st.integers(0, 999).map(lambda k: _leaf_number(Fraction(k, 100))),
)
_expressions = st.recursive(
    _leaves,
    lambda children: st.one_of(
        st.tuples(children, st.sampled_from("+-*/"), children).map(_binary),
        children.map(_negate),
        st.tuples(st.sampled_from(["min", "max"]), st.lists(children, min_size=2, max_size=3)).map(
            _call
        ),
    ),
    max_leaves=12,
)
_values = st.fractions(min_value=-1000, max_value=1000, max_denominator=50)


class TestMatchesPython:
    @settings(max_examples=150, deadline=None)
    @given(_expressions, _values, _values, _values)
    def test_equals_fraction_arithmetic(
        self, expression: Expr, a: Fraction, b: Fraction, c: Fraction
    ) -> None:
        """Law: a formula equals Python arithmetic on Fractions; ZeroDivisionError maps to ours.

        A division by zero in Python is an UndefinedValueError here.
        """
        text, oracle = expression
        env = {"a": a, "b": b, "c": c}
        formula = Formula.parse(text)
        try:
            expected = oracle(env)
        except ZeroDivisionError:
            with pytest.raises(UndefinedValueError):
                formula.evaluate(env)
            return
        assert expected == formula.evaluate(env)


class TestUnits:
    @pytest.mark.parametrize(
        ("text", "canonical"),
        [
            ("EUR/hour", "EUR/hour"),
            ("EUR / hour", "EUR/hour"),
            ("EUR*hour^-1", "EUR/hour"),
            ("m*m", "m^2"),
            ("m^2/s^2", "m^2/s^2"),
            ("1/hour", "1/hour"),
            ("1", "1"),
            ("%", "%"),
            ("EUR/hour/person", "EUR/hour/person"),
            ("visitor·day", "day*visitor"),
        ],
    )
    def test_parse_and_format(self, text: str, canonical: str) -> None:
        """Units read in several spellings and print in one canonical form."""
        assert canonical == str(Unit.parse(text))
        assert Unit.parse(text) == Unit.parse(canonical)

    @pytest.mark.parametrize("text", ["", "EUR//hour", "m^x", "m^", "a" * 300, 3])
    def test_malformed(self, text: object) -> None:
        """Malformed units are ValidationErrors."""
        with pytest.raises(ValidationError):
            Unit.parse(text)  # type: ignore[arg-type]

    def test_algebra(self) -> None:
        """Products and ratios combine powers; equal units cancel."""
        eur, hour = Unit.parse("EUR"), Unit.parse("hour")
        assert Unit.parse("EUR/hour") == eur / hour
        assert DIMENSIONLESS == eur / eur
        assert (eur / eur).is_dimensionless
        assert "Unit.parse('EUR/hour')" == repr(eur / hour)

    @pytest.mark.parametrize(
        ("source", "units", "expected"),
        [
            (
                "(sales - costs) / hours",
                {"sales": "EUR", "costs": "EUR", "hours": "hour"},
                "EUR/hour",
            ),
            (
                "visitors * conversion * order_value",
                {"visitors": "visitor", "conversion": "order/visitor", "order_value": "EUR/order"},
                "EUR",
            ),
            ("sales - 100", {"sales": "EUR"}, "EUR"),
            ("2 * sales", {"sales": "EUR"}, "EUR"),
            ("1 / hours", {"hours": "hour"}, "1/hour"),
            ("min(a, b) * 2", {"a": "kg", "b": "kg"}, "kg"),
            ("a / b", {"a": "kg", "b": "kg"}, "1"),
            ("-a", {"a": "kg"}, "kg"),
        ],
    )
    def test_propagation(self, source: str, units: dict[str, str], expected: str) -> None:
        """Units flow through the formula; literals take the unit of what they meet."""
        result = Formula.parse(source).unit(units)
        assert result is not None
        assert expected == str(result)

    def test_no_names_no_unit(self) -> None:
        """A formula of literals only has no unit."""
        assert Formula.parse("1 + 2").unit({}) is None

    @pytest.mark.parametrize(
        ("source", "position", "verb"),
        [
            ("sales + hours", 6, "add"),
            ("sales - hours", 6, "subtract"),
            ("max(sales, hours)", 0, "compare"),
        ],
    )
    def test_incompatible(self, source: str, position: int, verb: str) -> None:
        """Adding or comparing different units points at the operator."""
        with pytest.raises(FormulaError, match=verb) as caught:
            Formula.parse(source).unit({"sales": "EUR", "hours": Unit.parse("hour")})
        assert position == caught.value.position

    def test_missing_unit(self) -> None:
        """A name without a unit is a ValidationError."""
        with pytest.raises(ValidationError, match="no unit given for 'b'"):
            Formula.parse("a + b").unit({"a": "EUR"})


FUZZ = settings(
    max_examples=int(os.environ.get("GOALKIT_FUZZ_EXAMPLES", "200")),
    deadline=None,
)
"""Fuzz settings: ``GOALKIT_FUZZ_EXAMPLES`` sets the number of examples (the project-wide knob)."""


class TestMixedNumbers:
    """Exact numbers meeting floats, results out of range, and division by zero (issue 11)."""

    def test_exact_too_large_for_a_float(self) -> None:
        """Regression: 1E+400 times a float was an OverflowError; now it names the value."""
        with pytest.raises(UndefinedValueError) as caught:
            Formula.parse("a * b").evaluate({"a": Decimal("1E+400"), "b": 1.0})
        assert isinstance(caught.value, ValidationError)
        assert "values[a]" == caught.value.path
        assert Decimal("1E+400") == caught.value.value
        assert "'a' is too large to compute with floats" in caught.value.message
        assert "because 'b' is a float" in caught.value.message

    @pytest.mark.parametrize("source", ["b / a", "b * a", "a + b"])
    def test_exact_too_small_for_a_float(self, source: str) -> None:
        """Regression: a divisor of 1/10**400 beside a float was a ZeroDivisionError."""
        with pytest.raises(UndefinedValueError) as caught:
            Formula.parse(source).evaluate({"a": Fraction(1, 10**400), "b": 1.0})
        assert "values[a]" == caught.value.path
        assert "'a' is too small to compute with floats" in caught.value.message

    def test_exact_values_never_meet_floats_without_a_float(self) -> None:
        """Without a float the same values compute exactly, however large or small."""
        formula = Formula.parse("b / a")
        assert Fraction(10**400) == formula.evaluate({"a": Fraction(1, 10**400), "b": 1})

    def test_float_overflow_names_the_operation(self) -> None:
        """A float result that overflows is refused, pointing at the operator."""
        with pytest.raises(UndefinedValueError) as caught:
            Formula.parse("b * 10").evaluate({"b": 1e308})
        assert "formula" == caught.value.path
        assert 2 == caught.value.position
        assert "overflows a float (1e+308 * 10.0)" in caught.value.message

    @pytest.mark.parametrize(
        ("source", "values"),
        [
            ("a - b", {"a": 1e308, "b": -1e308}),
            ("a / b", {"a": 1e308, "b": 5e-324}),
            ("a + a + a", {"a": 1e308}),
        ],
    )
    def test_no_infinity_from_finite_floats(self, source: str, values: dict[str, float]) -> None:
        """Finite floats whose result overflows never give inf or NaN."""
        with pytest.raises(UndefinedValueError, match="overflows a float"):
            Formula.parse(source).evaluate(values)

    def test_exact_growth_refused_fast(self) -> None:
        """A product of big exact values is refused at the first step past the limit."""
        source = "*".join(["a"] * 4000)
        with pytest.raises(UndefinedValueError) as caught:
            Formula.parse(source).evaluate({"a": Decimal("1E+999")})
        assert 1 == caught.value.position
        assert "numbers are limited to 1,000 digits" in caught.value.message

    def test_exact_precision_refused(self) -> None:
        """Fine fractions whose exact sum needs too many digits are refused, not computed."""
        with pytest.raises(UndefinedValueError, match="is too precise"):
            Formula.parse("a + b").evaluate(
                {"a": Fraction(1, 10**999 + 7), "b": Fraction(1, 10**999 + 9)}
            )

    def test_results_within_the_limit_are_exact(self) -> None:
        """Large results inside the limit stay exact."""
        assert Fraction(10**998) == Formula.parse("a * a").evaluate({"a": 10**499})

    @pytest.mark.parametrize(
        ("values", "path", "words"),
        [
            ({"sales": 1, "hours": 0}, "values[hours]", "the divisor 'hours' is 0"),
            (
                {"sales": 1, "hours": Decimal("0.00")},
                "values[hours]",
                "the divisor 'hours' is Decimal('0.00')",
            ),
            ({"sales": 1.0, "hours": 0.0}, "values[hours]", "the divisor 'hours' is 0.0"),
        ],
    )
    def test_division_by_zero_names_the_divisor(
        self, values: dict[str, Number], path: str, words: str
    ) -> None:
        """Every division by zero is a ValidationError naming the divisor."""
        with pytest.raises(UndefinedValueError) as caught:
            Formula.parse("sales / hours").evaluate(values)
        assert path == caught.value.path
        assert words in caught.value.message

    @pytest.mark.parametrize("value", [2, 2.0])
    def test_division_by_a_zero_expression(self, value: Number) -> None:
        """A divisor that is an expression is named by its text."""
        with pytest.raises(UndefinedValueError) as caught:
            Formula.parse("1 / (a - a)").evaluate({"a": value})
        assert "formula" == caught.value.path
        assert "the divisor '(a - a)' is 0" in caught.value.message

    def test_undefined_value_error_is_a_validation_error(self) -> None:
        """UndefinedValueError is a ValidationError and an ArithmeticError; it pickles."""
        with pytest.raises(UndefinedValueError) as caught:
            Formula.parse("a / b").evaluate({"a": 1, "b": 0})
        error = caught.value
        assert isinstance(error, ValueError)
        assert isinstance(error, ArithmeticError)
        copy = pickle.loads(pickle.dumps(error))
        assert (error.path, error.position, error.formula) == (
            copy.path,
            copy.position,
            copy.formula,
        )
        moved = error.prefixed("drivers[0]")
        assert ("drivers[0].values[b]", 2) == (moved.path, moved.position)

    def test_numpy_scalars_read_as_python_numbers(self) -> None:
        """Values from numpy are accepted; the result is a Python type."""
        np = pytest.importorskip("numpy")
        assert Fraction(6) == Formula.parse("a * b").evaluate({"a": np.int64(2), "b": 3})
        result = Formula.parse("a * b").evaluate({"a": np.float64(2.0), "b": 3})
        assert float is type(result)

    @pytest.mark.parametrize("values", [5, None, ["a"]])
    def test_values_must_be_a_mapping(self, values: object) -> None:
        """A non-mapping of values is a ValidationError, even for a formula without names."""
        for source in ("a + 1", "1 + 2"):
            with pytest.raises(ValidationError, match="'values' must be a mapping"):
                Formula.parse(source).evaluate(values)  # type: ignore[arg-type]

    def test_units_must_be_a_mapping(self) -> None:
        """A non-mapping of units is a ValidationError."""
        with pytest.raises(ValidationError, match="'units' must be a mapping"):
            Formula.parse("a").unit(5)  # type: ignore[arg-type]

    def test_literal_digit_limit(self) -> None:
        """A literal may have MAX_NUMBER_DIGITS digits, the decimal point not counted."""
        assert Fraction(10**MAX_NUMBER_DIGITS - 1) == Formula.parse(
            "9" * MAX_NUMBER_DIGITS
        ).evaluate({})
        half = MAX_NUMBER_DIGITS // 2
        assert Formula.parse("1" * half + "." + "1" * half).names == ()
        with pytest.raises(FormulaError, match="digits"):
            Formula.parse("1" * (MAX_NUMBER_DIGITS + 1))

    @pytest.mark.parametrize(
        "weight", [Decimal("1E+400"), 1e300, 5e-324, Fraction(1, 10**100), 10**70]
    )
    def test_weighted_sum_weights_too_long_to_write(self, weight: Number) -> None:
        """A weight a formula number cannot hold is refused naming it, not as a parse error."""
        with pytest.raises(ValidationError) as caught:
            Formula.weighted_sum({"a": 1, "b": weight})
        assert not isinstance(caught.value, FormulaError)
        assert "weights[b]" == caught.value.path
        assert "more than the 60 a formula number may have" in caught.value.message

    def test_weighted_sum_reports_every_problem(self) -> None:
        """Bad names and bad weights are reported together."""
        with pytest.raises(ValidationError) as caught:
            Formula.weighted_sum({"k-rt": 1, "b": "x"})  # type: ignore[dict-item]
        assert ["names[0]", "weights[b]"] == [p.path for p in caught.value.problems]


_TOKENS = st.sampled_from(
    [
        "a", "b", "c", "+", "-", "*", "/", "(", ")", ",", "min(", "max(",
        "0", "1", "2.5", ".5", "10", "**", "^", "1e308", " ", "a.b", "__x",
    ]
)  # fmt: skip
_WELL_FORMED = st.recursive(
    st.sampled_from(["a", "b", "c", "0", "1", "2.5", ".5", "1000000"]),
    lambda inner: st.one_of(
        st.tuples(inner, st.sampled_from(["+", "-", "*", "/"]), inner).map(
            lambda parts: f"({parts[0]} {parts[1]} {parts[2]})"
        ),
        inner.map(lambda text: f"-{text}"),
        st.tuples(st.sampled_from(["min", "max"]), st.lists(inner, min_size=2, max_size=3)).map(
            lambda parts: f"{parts[0]}({', '.join(parts[1])})"
        ),
    ),
    max_leaves=10,
)
"""Formulas of the language, so that most fuzz examples are evaluated."""
_SOURCES = st.one_of(
    _WELL_FORMED,
    _WELL_FORMED,
    st.lists(st.one_of(_TOKENS, st.text(max_size=3)), max_size=16).map("".join),
    st.lists(_TOKENS, max_size=16).map(" ".join),
)
_NUMBERS = st.one_of(
    st.integers(-(10**6), 10**6),
    st.sampled_from([10**999, -(10**999), 10**1000, 10**5000, 0]),
    st.sampled_from(
        [
            Decimal("1E+400"),
            Decimal("1E-400"),
            Decimal("-1E+999"),
            Decimal("1E+10000000"),
            Decimal("-0"),
            Decimal("0.1"),
            Decimal("NaN"),
            Decimal("1234567890123456789012345678.9"),
        ]
    ),
    st.decimals(allow_nan=False, allow_infinity=False, places=3),
    st.fractions(max_denominator=10**6),
    st.sampled_from([Fraction(1, 10**400), Fraction(10**400, 3), Fraction(-7, 2)]),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from([1e308, -1e308, 5e-324, 0.0, -0.0, 2.5]),
    st.sampled_from([float("nan"), float("inf"), True, None, "1", [1]]),
)

_VALUES = st.one_of(
    st.fixed_dictionaries({"a": _NUMBERS, "b": _NUMBERS, "c": _NUMBERS}),
    st.dictionaries(st.sampled_from(["a", "b", "c"]), _NUMBERS, max_size=3),
)


class TestFuzz:
    @FUZZ
    @given(_SOURCES, _VALUES)
    def test_only_goalkit_errors_and_finite_results(
        self, source: str, values: dict[str, object]
    ) -> None:
        """Law: any text with any values gives a finite result or a GoalkitError.

        An evaluation whose values hold no float gives an exact Fraction, never a float.
        """
        try:
            formula = Formula.parse(source)
            result = formula.evaluate(values)  # type: ignore[arg-type]
        except GoalkitError:
            return
        used = [values[name] for name in formula.names]
        if any(isinstance(value, float) for value in used):
            assert float is type(result)
            assert math.isfinite(result)
        else:
            assert Fraction is type(result)
