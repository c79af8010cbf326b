"""Safe arithmetic formulas over named values, parsed by goalkit itself.

A :class:`Formula` is built from text such as ``visitors * conversion *
order_value`` or ``(sales - costs) / hours``. The language is deliberately
small:

* numbers written with ASCII digits and an optional decimal point (``12``,
  ``0.25``, ``.5``), read exactly as decimals;
* names made of ASCII letters, digits and ``_`` (not starting with a digit
  or with ``__``, and not a Python keyword such as ``lambda``);
* ``+ - * /``, parentheses, unary ``-`` and ``+``;
* the functions ``min(a, b, ...)`` and ``max(a, b, ...)``.

There is no power operator, no attribute access, no indexing, no strings and
no other calls. Nothing is handed to :func:`eval`, :func:`exec` or
:func:`compile`: a tokenizer and a recursive-descent parser, bounded to
:data:`MAX_LENGTH` characters and :data:`MAX_DEPTH` levels of nesting, turn
the text into a flat list of stack-machine instructions, which evaluation runs
in a loop. Every rejection happens while parsing, before anything is
evaluated, and is a :class:`FormulaError` whose message points at the
position with a caret:

>>> Formula.parse("(sales - costs) / hours").names
('sales', 'costs', 'hours')
>>> Formula.parse("(sales - costs) / hours").evaluate({"sales": 900, "costs": 300, "hours": 40})
Fraction(15, 1)
>>> try:
...     Formula.parse("visitors ** 2")
... except FormulaError as error:
...     print(error.position)
...     print(error.message)
9
the power operator '**' is not supported at position 9
    visitors ** 2
             ^

Evaluation follows goalkit's number policy: exact :class:`~fractions.Fraction`
arithmetic unless a value used is a ``float``, in which case every value and
literal is converted to a float first (an exact value that no finite float
stands for is refused, naming it). Every step is checked: a float result that
overflows, an exact result past goalkit's admission limit (numbers of at most
1,000 digits before and after the point) and a division by zero all raise
:class:`UndefinedValueError`, a :class:`~goalkit.exceptions.ValidationError`
naming the value; never :class:`ZeroDivisionError`, :class:`OverflowError`,
``inf`` or NaN. Because every intermediate result is bounded, evaluation takes
bounded time whatever the values:

>>> try:
...     Formula.parse("sales / hours").evaluate({"sales": 10, "hours": 0})
... except UndefinedValueError as error:
...     print(error.path)
...     print(error.message)
values[hours]
division by zero at position 6: the divisor 'hours' is 0
    sales / hours
          ^
"""

from __future__ import annotations

import keyword
from collections.abc import Iterable, Mapping
from decimal import Decimal
from fractions import Fraction
from typing import NamedTuple, cast

import attrs

from goalkit._numbers import (
    Exact,
    Number,
    bounded,
    coerce,
    is_plain_number,
    number_problem,
    to_float,
)
from goalkit._show import show
from goalkit._validation import Problems, at
from goalkit.drivers.units import DIMENSIONLESS, Unit
from goalkit.exceptions import Problem, ValidationError

__all__ = [
    "FUNCTIONS",
    "MAX_DEPTH",
    "MAX_LENGTH",
    "MAX_NUMBER_DIGITS",
    "Formula",
    "FormulaError",
    "UndefinedValueError",
    "is_name",
]

MAX_LENGTH = 10_000
"""The longest formula text accepted, in characters."""

MAX_DEPTH = 32
"""The deepest nesting of parentheses and function calls accepted."""

MAX_NUMBER_DIGITS = 60
"""The most digits a number literal may have."""

FUNCTIONS = ("max", "min")
"""The only names that may be called."""

_DIGITS = frozenset("0123456789")
_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_")
_NAME_CHARS = _LETTERS | _DIGITS
_SPACES = frozenset(" \t\r\n")
_SINGLE = frozenset("+-/(),")
_CONTEXT = 30


class FormulaError(ValidationError):
    """A formula that cannot be parsed, or whose units do not combine.

    Attributes:
        position: The 0-based character offset the message points at, when
            there is one.
    """

    position: int | None

    def __init__(self, problems: Iterable[Problem], position: int | None = None) -> None:
        super().__init__(problems)
        self.position = position

    def prefixed(self, prefix: str) -> FormulaError:
        """Return a copy located under ``prefix``, keeping the position."""
        return type(self)([p.prefixed(prefix) for p in self.problems], self.position)

    def __reduce__(self) -> tuple[type[FormulaError], tuple[tuple[Problem, ...], int | None]]:  # type: ignore[override]
        return (type(self), (self.problems, self.position))


class UndefinedValueError(ValidationError, ArithmeticError):
    """A formula has no value for these inputs.

    Raised for a division by zero, a float result that overflows, an exact
    value that no finite float stands for when the formula computes in floats,
    and an exact result past goalkit's admission limit. It is a
    :class:`~goalkit.exceptions.ValidationError` (so a ``ValueError``) and an
    :class:`ArithmeticError`; its path names the value: ``values[hours]`` for
    a divisor or input given by name, ``formula`` for a part of the formula.

    Attributes:
        formula: The formula's text.
        position: The 0-based offset of the operator (or name) that failed.
        message: A lowercase sentence with a caret under that position.

    >>> try:
    ...     Formula.parse("sales / hours").evaluate({"sales": 10, "hours": 0})
    ... except UndefinedValueError as error:
    ...     print(error.path, error.position)
    values[hours] 6
    """

    def __init__(self, problems: Iterable[Problem], *, formula: str, position: int) -> None:
        super().__init__(problems)
        self.formula = formula
        self.position = position

    def prefixed(self, prefix: str) -> UndefinedValueError:
        """Return a copy located under ``prefix``, keeping formula and position."""
        return type(self)(
            [p.prefixed(prefix) for p in self.problems],
            formula=self.formula,
            position=self.position,
        )

    def __reduce__(self) -> tuple[object, ...]:  # type: ignore[override]
        return (_rebuild_undefined, (self.problems, self.formula, self.position))


def _rebuild_undefined(
    problems: tuple[Problem, ...], formula: str, position: int
) -> UndefinedValueError:
    return UndefinedValueError(problems, formula=formula, position=position)


def _pointer(source: str, position: int) -> str:
    """Two indented lines: the text around ``position`` and a caret under it.

    >>> print(_pointer("a.b", 1))
    <BLANKLINE>
        a.b
         ^
    """
    start = max(0, position - _CONTEXT)
    end = min(len(source), position + _CONTEXT)
    head = "..." if start else ""
    tail = "..." if end < len(source) else ""
    shown = "".join(c if c.isprintable() else " " for c in source[start:end])
    caret = " " * (len(head) + position - start) + "^"
    return f"\n    {head}{shown}{tail}\n    {caret}"


def _error(source: str, position: int, what: str) -> FormulaError:
    message = f"{what} at position {position}{_pointer(source, position)}"
    return FormulaError([Problem(path="formula", value=source, message=message)], position)


def is_name(text: object) -> bool:
    """Whether ``text`` can be written as a name in a formula.

    >>> is_name("order_value"), is_name("k-rt"), is_name("min"), is_name("__class__")
    (True, False, False, False)
    """
    return (
        isinstance(text, str)
        and bool(text)
        and text[0] in _LETTERS
        and all(c in _NAME_CHARS for c in text)
        and not text.startswith("__")
        and not keyword.iskeyword(text)
        and text not in FUNCTIONS
    )


class _Token(NamedTuple):
    kind: str  # "number", "name", "op" or "end"
    text: str
    position: int


class _Op(NamedTuple):
    code: str  # "number", "name", "neg", "+", "-", "*", "/", "min", "max"
    # number: its value; name: the name; "/": the divisor's text; min/max: the argument count
    argument: Fraction | str | int | None
    position: int


def _number_end(source: str, start: int) -> int:
    """The end of the number literal starting at ``start``, checked."""
    size = len(source)
    j = start
    while j < size and source[j] in _DIGITS:
        j += 1
    if j < size and source[j] == ".":
        j += 1
        while j < size and source[j] in _DIGITS:
            j += 1
    if j < size and source[j] in _NAME_CHARS:
        raise _error(
            source,
            j,
            f"unexpected {source[j]!r} after a number; write products with '*' "
            "(scientific notation is not supported)",
        )
    if j < size and source[j] == ".":
        raise _error(source, j, "a number has a second decimal point")
    if _digits(source[start:j]) > MAX_NUMBER_DIGITS:
        raise _error(source, start, f"a number has more than {MAX_NUMBER_DIGITS} digits")
    return j


def _digits(text: str) -> int:
    """How many digits a number literal has (its decimal point is not one)."""
    return len(text) - text.count(".")


def _tokenize(source: str) -> list[_Token]:
    tokens: list[_Token] = []
    size = len(source)
    i = 0
    while i < size:
        char = source[i]
        if char in _SPACES:
            i += 1
        elif char in _DIGITS or (char == "." and i + 1 < size and source[i + 1] in _DIGITS):
            j = _number_end(source, i)
            tokens.append(_Token("number", source[i:j], i))
            i = j
        elif char in _LETTERS:
            j = i
            while j < size and source[j] in _NAME_CHARS:
                j += 1
            name = source[i:j]
            if name.startswith("__"):
                raise _error(source, i, f"names must not start with '__' (got {show(name)})")
            if keyword.iskeyword(name):
                raise _error(source, i, f"{name!r} is a Python keyword, not a name")
            if j < size and source[j] == ".":
                raise _error(source, j, "attribute access ('.') is not allowed")
            tokens.append(_Token("name", name, i))
            i = j
        elif char == "*":
            if i + 1 < size and source[i + 1] == "*":
                raise _error(source, i, "the power operator '**' is not supported")
            tokens.append(_Token("op", char, i))
            i += 1
        elif char in _SINGLE:
            tokens.append(_Token("op", char, i))
            i += 1
        elif char == ".":
            raise _error(source, i, "attribute access ('.') is not allowed")
        elif char == "^":
            raise _error(source, i, "'^' is not an operator; powers are not supported")
        elif char.isdigit() or char.isnumeric():
            raise _error(source, i, f"only the ASCII digits 0-9 are allowed (got {show(char)})")
        elif char.isidentifier():
            raise _error(
                source, i, f"names may only use ASCII letters, digits and '_' (got {show(char)})"
            )
        else:
            raise _error(source, i, f"unexpected character {char!r}")
    tokens.append(_Token("end", "", size))
    return tokens


class _Parser:
    """Recursive descent over the grammar below, bounded by :data:`MAX_DEPTH`.

    expression := term (("+" | "-") term)*
    term       := unary (("*" | "/") unary)*
    unary      := ("+" | "-")* primary
    primary    := number | name | function "(" expression ("," expression)* ")"
                | "(" expression ")"

    Each nesting level costs four Python frames, so the recursion never goes
    deeper than about ``4 * MAX_DEPTH`` frames whatever the input.
    """

    def __init__(self, source: str) -> None:
        self.source = source
        self.tokens = _tokenize(source)
        self.index = 0
        self.depth = 0
        self.code: list[_Op] = []

    def parse(self) -> tuple[_Op, ...]:
        if self.tokens[0].kind == "end":
            raise FormulaError(
                [Problem(path="formula", value=self.source, message="'formula' must not be empty")],
                0,
            )
        self._expression()
        token = self._peek()
        if token.kind != "end":
            raise _error(
                self.source, token.position, f"unexpected {token.text!r}; expected an operator"
            )
        return tuple(self.code)

    def _peek(self) -> _Token:
        return self.tokens[self.index]

    def _next(self) -> _Token:
        token = self.tokens[self.index]
        if token.kind != "end":
            self.index += 1
        return token

    def _is_op(self, *texts: str) -> bool:
        token = self.tokens[self.index]
        return token.kind == "op" and token.text in texts

    def _enter(self, token: _Token) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise _error(self.source, token.position, f"nesting is deeper than {MAX_DEPTH} levels")

    def _expect_close(self, opening: _Token) -> None:
        token = self._next()
        if token.kind == "op" and token.text == ")":
            self.depth -= 1
            return
        found = "the end of the formula" if token.kind == "end" else repr(token.text)
        raise _error(
            self.source,
            token.position,
            f"expected ')' to close the '(' at position {opening.position}, found {found}",
        )

    def _expression(self) -> None:
        self._term()
        while self._is_op("+", "-"):
            token = self._next()
            self._term()
            self.code.append(_Op(token.text, None, token.position))

    def _term(self) -> None:
        self._unary()
        while self._is_op("*", "/"):
            token = self._next()
            start = self._peek().position
            self._unary()
            # A division keeps its divisor's text, for the message if it is zero.
            divisor = self.source[start : self._peek().position].strip()
            self.code.append(
                _Op(token.text, divisor if token.text == "/" else None, token.position)
            )

    def _unary(self) -> None:
        negate = False
        position = self._peek().position
        while self._is_op("+", "-"):
            negate ^= self._next().text == "-"
        self._primary()
        if negate:
            self.code.append(_Op("neg", None, position))

    def _primary(self) -> None:
        token = self._next()
        if token.kind == "number":
            self.code.append(_Op("number", Fraction(Decimal(token.text)), token.position))
        elif token.kind == "name":
            self._name(token)
        elif token.kind == "op" and token.text == "(":
            self._enter(token)
            self._expression()
            self._expect_close(token)
        elif token.kind == "end":
            raise _error(
                self.source,
                token.position,
                "unexpected end of the formula; expected a number, a name or '('",
            )
        else:
            raise _error(
                self.source,
                token.position,
                f"unexpected {token.text!r}; expected a number, a name or '('",
            )

    def _name(self, token: _Token) -> None:
        calls = self._is_op("(")
        if token.text in FUNCTIONS:
            if not calls:
                raise _error(
                    self.source,
                    token.position,
                    f"{token.text!r} is a function; call it as {token.text}(a, b)",
                )
            opening = self._next()
            self._enter(opening)
            count = 1
            self._expression()
            while self._is_op(","):
                self._next()
                self._expression()
                count += 1
            self._expect_close(opening)
            if count < 2:
                raise _error(
                    self.source, token.position, f"{token.text}() needs at least two arguments"
                )
            self.code.append(_Op(token.text, count, token.position))
        elif calls:
            raise _error(
                self.source,
                token.position,
                f"unknown function {token.text!r}; only {' and '.join(FUNCTIONS)} can be called",
            )
        else:
            self.code.append(_Op("name", token.text, token.position))


def _check_source(source: object) -> str:
    if not isinstance(source, str):
        raise FormulaError(
            [
                Problem(
                    path="formula",
                    value=source,
                    message=f"'formula' must be a string (got {type(source).__name__})",
                )
            ]
        )
    if len(source) > MAX_LENGTH:
        raise FormulaError(
            [
                Problem(
                    path="formula",
                    value=source[:40] + "...",
                    message=f"'formula' must be at most {MAX_LENGTH} characters "
                    f"(got {len(source)})",
                )
            ]
        )
    return source


def _literal(value: Number) -> str:
    """Write a weight as formula text, exactly."""
    if isinstance(value, float):
        value = Decimal(repr(value))
    if isinstance(value, Decimal):
        text = format(value, "f")
    elif isinstance(value, Fraction) and value.denominator != 1:
        text = f"{abs(value.numerator)}/{value.denominator}"
        return f"(-{text})" if value < 0 else f"({text})"
    else:
        text = str(int(value))
    return f"({text})" if text.startswith("-") else text


def _literal_problem(value: Number) -> str | None:
    """Why ``value`` cannot be written as formula text, or ``None``."""
    if isinstance(value, Fraction):
        parts = [value.numerator, value.denominator]
        # Sizes first: an admitted number has at most about 3,322 bits a part.
        if all(abs(part).bit_length() <= 3 * MAX_NUMBER_DIGITS for part in parts):
            return None
        longest = max(len(str(abs(part))) for part in parts)
    else:
        text = _literal(value).strip("()-")
        longest = _digits(text)
    if longest <= MAX_NUMBER_DIGITS:
        return None
    return f"needs {longest} digits, more than the {MAX_NUMBER_DIGITS} a formula number may have"


@attrs.frozen(repr=False)
class Formula:
    """An arithmetic expression over named values.

    Build one with :meth:`parse` or a named constructor (:meth:`sum`,
    :meth:`difference`, :meth:`product`, :meth:`ratio`, :meth:`weighted_sum`).
    Two formulas are equal when their texts are equal.

    Attributes:
        source: The formula's text.

    >>> Formula.parse("visitors * conversion * order_value")
    Formula.parse('visitors * conversion * order_value')
    >>> Formula.weighted_sum({"quality": 2, "speed": 1}).source
    '2 * quality + 1 * speed'
    """

    source: str = attrs.field(converter=_check_source)
    _code: tuple[_Op, ...] = attrs.field(init=False, eq=False, hash=False, repr=False)
    _names: tuple[str, ...] = attrs.field(init=False, eq=False, hash=False, repr=False)
    _positions: dict[str, int] = attrs.field(init=False, eq=False, hash=False, repr=False)

    def __attrs_post_init__(self) -> None:
        code = _Parser(self.source).parse()
        positions: dict[str, int] = {}
        for op in code:
            if op.code == "name":
                assert isinstance(op.argument, str)
                positions.setdefault(op.argument, op.position)
        object.__setattr__(self, "_code", code)
        object.__setattr__(self, "_names", tuple(positions))
        object.__setattr__(self, "_positions", positions)

    # -- named constructors -------------------------------------------------

    @classmethod
    def parse(cls, source: str) -> Formula:
        """Parse ``source``.

        Raises:
            FormulaError: for anything outside the formula language, with the
                position of the first problem.

        >>> Formula.parse("min(stock, demand) / 7").names
        ('stock', 'demand')
        """
        return cls(source)

    @classmethod
    def sum(cls, *names: str) -> Formula:
        """The sum of the named values.

        >>> Formula.sum("seo", "community", "events", "kol").source
        'seo + community + events + kol'
        """
        return cls(" + ".join(_names(names, 1)))

    @classmethod
    def product(cls, *names: str) -> Formula:
        """The product of the named values.

        >>> Formula.product("visitors", "conversion", "order_value").source
        'visitors * conversion * order_value'
        """
        return cls(" * ".join(_names(names, 1)))

    @classmethod
    def difference(cls, minuend: str, subtrahend: str) -> Formula:
        """``minuend - subtrahend``.

        >>> Formula.difference("sales", "costs").source
        'sales - costs'
        """
        first, second = _names((minuend, subtrahend), 2)
        return cls(f"{first} - {second}")

    @classmethod
    def ratio(cls, numerator: str, denominator: str) -> Formula:
        """``numerator / denominator``.

        >>> Formula.ratio("orders", "visitors").source
        'orders / visitors'
        """
        first, second = _names((numerator, denominator), 2)
        return cls(f"{first} / {second}")

    @classmethod
    def weighted_sum(cls, weights: Mapping[str, Number]) -> Formula:
        """``w1 * a + w2 * b + ...``; weights are written exactly.

        A ``float`` weight is written as the decimal it prints as.

        >>> Formula.weighted_sum({"a": 0.25, "b": Fraction(1, 3)}).source
        '0.25 * a + (1/3) * b'
        """
        problems = Problems()
        if not isinstance(weights, Mapping) or not weights:
            raise ValidationError.single(
                "weights", weights, f"'weights' must be a non-empty mapping (got {show(weights)})"
            )
        try:
            names = _names(tuple(weights), 1)
        except ValidationError as error:
            problems.extend(error)
            names = tuple(name for name in weights if is_name(name))
        written: list[str] = []
        for name in names:
            path = at("weights", name)
            weight = coerce(weights[name])
            if not problems.number(path, weight):
                continue
            assert isinstance(weight, Number)
            problem = _literal_problem(weight)
            if problem is not None:
                problems.add(path, weight, f"the weight of {name!r} {problem} (got {show(weight)})")
                continue
            written.append(f"{_literal(weight)} * {name}")
        problems.raise_if_any()
        return cls(" + ".join(written))

    # -- queries ------------------------------------------------------------

    @property
    def names(self) -> tuple[str, ...]:
        """The names used, each once, in order of first appearance."""
        return self._names

    def evaluate(self, values: Mapping[str, Number]) -> Exact:
        """The formula's value for ``values`` (a number for every name).

        Exact (``Fraction``) unless a value used is a ``float``; then every
        value and literal is converted to a float first, and the result is a
        ``float``. numpy and pandas scalars are read as Python numbers.

        Raises:
            ValidationError: when ``values`` is not a mapping, a name has no
                value or a value is not a number.
            UndefinedValueError: on a division by zero, a float result that
                overflows, an exact value too large or too small for a float
                when floats are used, or an exact result past the admission
                limit; the path names the value.

        >>> Formula.parse("a / b").evaluate({"a": 1, "b": 3})
        Fraction(1, 3)
        >>> Formula.parse("max(a, b) - 1").evaluate({"a": 0.5, "b": 2})
        1.0
        >>> from decimal import Decimal
        >>> Formula.parse("a * b").evaluate({"a": Decimal("1E+400"), "b": 1.0})
        Traceback (most recent call last):
        ...
        goalkit.drivers.formula.UndefinedValueError: values[a]: 'a' is too large to compute ...
        """
        operands, floating = self._operands(values)
        stack: list[Exact] = []
        for op in self._code:
            code = op.code
            if code == "number":
                assert isinstance(op.argument, Fraction)
                # A literal has at most 60 digits, so it always has a finite float.
                stack.append(float(op.argument) if floating else op.argument)
                continue
            if code == "name":
                assert isinstance(op.argument, str)
                stack.append(operands[op.argument])
                continue
            if code == "neg":
                stack[-1] = -stack[-1]
                continue
            if code in FUNCTIONS:
                assert isinstance(op.argument, int)
                arguments = stack[-op.argument :]
                del stack[-op.argument :]
                stack.append(min(arguments) if code == "min" else max(arguments))
                continue
            right = stack.pop()
            left = stack[-1]
            if code == "+":
                result = left + right
            elif code == "-":
                result = left - right
            elif code == "*":
                result = left * right
            else:
                if right == 0:
                    raise self._division_by_zero(op, values, right)
                result = left / right
            try:
                stack[-1] = bounded(result)
            except ValidationError:
                raise self._out_of_range(op, left, right, result, floating) from None
        return stack[0]

    def _operands(self, values: Mapping[str, Number]) -> tuple[dict[str, Exact], bool]:
        """Every name's value in the arithmetic of the policy, and whether that is float."""
        if not isinstance(values, Mapping):
            raise ValidationError.single(
                "values",
                values,
                f"'values' must be a mapping of names to numbers (got {show(values)})",
            )
        problems = Problems()
        given: dict[str, Number] = {}
        for name in self._names:
            if name not in values:
                problems.add(at("values", name), None, f"no value given for {name!r}")
                continue
            value = coerce(values[name])
            # The fast check first; the detailed one only formats a problem.
            if is_plain_number(value) or problems.number(at("values", name), value):
                given[name] = cast("Number", value)
        problems.raise_if_any()
        floats = [name for name, value in given.items() if isinstance(value, float)]
        if not floats:
            return {
                name: value if type(value) is Fraction else Fraction(value)
                for name, value in given.items()
            }, False
        operands: dict[str, Exact] = {}
        for name, value in given.items():
            try:
                operands[name] = to_float(value, name)
            except ValidationError as error:
                position = self._positions[name]
                message = (
                    f"{error.message}; the formula computes in floats because "
                    f"{floats[0]!r} is a float, at position {position}"
                    f"{_pointer(self.source, position)}"
                )
                raise UndefinedValueError(
                    [Problem(path=at("values", name), value=value, message=message)],
                    formula=self.source,
                    position=position,
                ) from None
        return operands, True

    def _division_by_zero(
        self, op: _Op, values: Mapping[str, Number], divisor: Exact
    ) -> UndefinedValueError:
        text = op.argument if isinstance(op.argument, str) else ""
        if text in self._positions:
            path, value = at("values", text), values[text]
        else:
            path, value = "formula", divisor
        zero = "0" if isinstance(divisor, Fraction) else show(divisor)
        message = (
            f"division by zero at position {op.position}: the divisor {show(text)} is "
            f"{show(value) if path != 'formula' else zero}{_pointer(self.source, op.position)}"
        )
        return UndefinedValueError(
            [Problem(path=path, value=value, message=message)],
            formula=self.source,
            position=op.position,
        )

    def _out_of_range(
        self, op: _Op, left: Exact, right: Exact, result: Exact, floating: bool
    ) -> UndefinedValueError:
        if floating:
            what = f"overflows a float ({show(left)} {op.code} {show(right)})"
        else:
            problem = number_problem(result) or "is out of range"
            what = f"{problem}; the exact result would exceed them (got {show(result)})"
        message = (
            f"the result of {op.code!r} at position {op.position} {what}"
            f"{_pointer(self.source, op.position)}"
        )
        return UndefinedValueError(
            [Problem(path="formula", value=self.source, message=message)],
            formula=self.source,
            position=op.position,
        )

    def unit(self, units: Mapping[str, Unit | str]) -> Unit | None:
        """The unit of the result, from the unit of every name.

        Sums, differences, ``min`` and ``max`` need equal units; products and
        ratios combine them. Number literals are pure numbers that take the
        unit of what they are added to. ``None`` when no name is used.

        Raises:
            FormulaError: when units do not combine, pointing at the operator.
            ValidationError: when a name has no unit or a unit is malformed.

        >>> str(Formula.parse("(sales - costs) / hours").unit(
        ...     {"sales": "EUR", "costs": "EUR", "hours": "hour"}))
        'EUR/hour'
        >>> Formula.parse("sales + hours").unit({"sales": "EUR", "hours": "hour"})
        Traceback (most recent call last):
        ...
        goalkit.drivers.formula.FormulaError: formula: cannot add 'EUR' and 'hour' at position 6...
        """
        if not isinstance(units, Mapping):
            raise ValidationError.single(
                "units", units, f"'units' must be a mapping of names to units (got {show(units)})"
            )
        problems = Problems()
        known: dict[str, Unit] = {}
        for name in self._names:
            given = units.get(name)
            if given is None:
                problems.add(at("units", name), None, f"no unit given for {name!r}")
            elif isinstance(given, Unit):
                known[name] = given
            else:
                with problems.under(at("units", name)):
                    known[name] = Unit.parse(given)
        problems.raise_if_any()
        verbs = {"+": "add", "-": "subtract", "min": "compare", "max": "compare"}
        stack: list[Unit | None] = []
        for op in self._code:
            code = op.code
            if code == "number":
                stack.append(None)
            elif code == "name":
                assert isinstance(op.argument, str)
                stack.append(known[op.argument])
            elif code == "neg":
                pass
            elif code in verbs:
                count = op.argument if isinstance(op.argument, int) else 2
                operands = stack[-count:]
                del stack[-count:]
                declared = [u for u in operands if u is not None]
                for other in declared[1:]:
                    if other != declared[0]:
                        raise _error(
                            self.source,
                            op.position,
                            f"cannot {verbs[code]} '{declared[0]}' and '{other}'",
                        )
                stack.append(declared[0] if declared else None)
            else:
                right = stack.pop()
                left = stack.pop()
                if left is None and right is None:
                    stack.append(None)
                elif code == "*":
                    stack.append((left or DIMENSIONLESS) * (right or DIMENSIONLESS))
                else:
                    stack.append((left or DIMENSIONLESS) / (right or DIMENSIONLESS))
        result = stack[0]
        if result is None and self._names:
            return DIMENSIONLESS
        return result

    def __str__(self) -> str:
        return self.source

    def __repr__(self) -> str:
        return f"Formula.parse({self.source!r})"


def _names(names: Iterable[str], minimum: int) -> tuple[str, ...]:
    items = tuple(names)
    problems = Problems()
    if len(items) < minimum:
        problems.add(
            "names", items, f"'names' must hold at least {minimum} name (got {show(items)})"
        )
    for index, name in enumerate(items):
        if not is_name(name):
            problems.add(
                at("names", index),
                name,
                f"{name!r} is not a formula name; use ASCII letters, digits and '_' "
                "(bind other ids through Driver inputs)",
            )
    problems.raise_if_any()
    return items
