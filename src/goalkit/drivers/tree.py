"""KPI driver trees: KPIs computed from other KPIs by formula.

A :class:`Driver` says how one KPI is computed from others; a
:class:`DriverTree` holds the KPIs and their drivers, rejects cycles (naming
the cycle), checks that declared units agree, and evaluates every computed KPI
at a day from each input KPI's value as of that day.

>>> from datetime import date
>>> from goalkit import KPI, CheckIn
>>> def kpi(id, unit, value=None):
...     history = [CheckIn(day=date(2026, 6, 30), value=value)] if value is not None else []
...     return KPI(id=id, title=id, owner="unit-7", level="team", unit=unit, history=history)
>>> tree = DriverTree.of(
...     [kpi("sales", "EUR", 90_000), kpi("costs", "EUR", 60_000), kpi("hours", "hour", 1_200),
...      kpi("value_added", "EUR/hour")],
...     {"value_added": "(sales - costs) / hours"},
... )
>>> tree.evaluate(date(2026, 7, 1))["value_added"]
Fraction(25, 1)
>>> tree.evaluate(date(2026, 6, 1)).reason("value_added")
"'sales' has no check-in on or before 2026-06-01"
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from typing import TypeVar, cast

import attrs

from goalkit._numbers import Number, coerce
from goalkit._show import show
from goalkit._validation import Problems, at
from goalkit.drivers.formula import Formula, FormulaError, UndefinedValueError, is_name
from goalkit.drivers.units import Unit
from goalkit.exceptions import Problem, ValidationError
from goalkit.goals import KPI
from goalkit.measures import to_tuple
from goalkit.periods import check_day, require_day

__all__ = ["Driver", "DriverCycleError", "DriverTree", "NodeValue", "TreeValues"]


class DriverCycleError(ValidationError):
    """Formulas that depend on each other in a circle.

    :attr:`cycle` lists the KPI ids around the circle, the first repeated at
    the end: ``('a', 'b', 'a')``.
    """

    @property
    def cycle(self) -> tuple[str, ...]:
        """The KPI ids around the cycle, first and last equal."""
        return cast("tuple[str, ...]", self.value)


def _formula(value: Formula | str) -> Formula:
    return Formula.parse(value) if isinstance(value, str) else value


def _bindings(
    value: Mapping[str, str] | Iterable[tuple[str, str]],
) -> tuple[tuple[str, str], ...]:
    # Pairs stay as given (validation reports a malformed one); anything else is left for it too.
    items = tuple(value.items()) if isinstance(value, Mapping) else to_tuple(value)
    if not isinstance(items, tuple):
        return cast("tuple[tuple[str, str], ...]", items)
    return tuple(to_tuple(item) for item in items)


def _ids(field: str, ids: object) -> list[str]:
    """KPI ids given to a named constructor, checked: a collection of strings."""
    if isinstance(ids, str) or not isinstance(ids, Iterable):
        raise ValidationError.single(
            field, ids, f"'{field}' must be a collection of KPI ids (got {show(ids)})"
        )
    items = list(ids)
    problems = Problems()
    for index, kpi_id in enumerate(items):
        problems.text(at(field, index), kpi_id)
    problems.raise_if_any()
    return items


def _names_for(ids: Iterable[str], field: str = "inputs") -> tuple[list[str], dict[str, str]]:
    """Formula names for KPI ids: the id itself where it can be one."""
    ids = _ids(field, ids)
    taken = set(ids)
    names: list[str] = []
    bindings: dict[str, str] = {}
    counter = 0
    for kpi_id in ids:
        if is_name(kpi_id):
            names.append(kpi_id)
            continue
        counter += 1
        while f"in_{counter}" in taken:
            counter += 1
        names.append(f"in_{counter}")
        bindings[f"in_{counter}"] = kpi_id
    return names, bindings


_T = TypeVar("_T")


def _known(index: Mapping[str, _T], kpi_id: str) -> _T:
    """What ``index`` holds for ``kpi_id``, or a ValidationError naming the unknown id."""
    if not isinstance(kpi_id, str):
        raise ValidationError.single(
            "kpi_id", kpi_id, f"'kpi_id' must be a string (got {show(kpi_id)})"
        )
    found = index.get(kpi_id)
    if found is None:
        raise ValidationError.single(
            "kpi_id", kpi_id, f"'kpi_id' names no KPI of the tree (got {show(kpi_id)})"
        )
    return found


@attrs.frozen(kw_only=True)
class Driver:
    """How one KPI is computed from others.

    Attributes:
        kpi_id: The computed KPI.
        formula: The formula (text is parsed with :meth:`Formula.parse`).
        inputs: ``(name, kpi_id)`` bindings for formula names that are not
            themselves KPI ids (ids such as ``"k-rt"`` cannot be formula
            names); a name without a binding means the KPI of that id.

    >>> Driver(kpi_id="revenue", formula="visitors * conversion * order_value").input_ids
    ('visitors', 'conversion', 'order_value')
    >>> Driver.sum("sales", ["sales-seo", "sales-kol"]).formula
    Formula.parse('in_1 + in_2')
    """

    kpi_id: str
    formula: Formula = attrs.field(converter=_formula)
    inputs: tuple[tuple[str, str], ...] = attrs.field(default=(), converter=_bindings)

    def __attrs_post_init__(self) -> None:
        problems = Problems()
        problems.text("kpi_id", self.kpi_id)
        if not isinstance(self.formula, Formula):
            problems.add(
                "formula",
                self.formula,
                f"'formula' must be a Formula or text (got {show(self.formula)})",
            )
        elif not isinstance(self.inputs, tuple):
            problems.add(
                "inputs",
                self.inputs,
                f"'inputs' must map formula names to KPI ids (got {show(self.inputs)})",
            )
        else:
            used = set(self.formula.names)
            seen: set[str] = set()
            for index, pair in enumerate(self.inputs):
                path = at("inputs", index)
                if not (isinstance(pair, tuple) and len(pair) == 2 and isinstance(pair[0], str)):
                    problems.add(
                        path,
                        pair,
                        f"'inputs' must hold (name, kpi_id) pairs of strings (got {show(pair)})",
                    )
                    continue
                name, kpi_id = pair
                if name not in used:
                    problems.add(
                        path, name, f"'inputs' binds {name!r}, which the formula does not use"
                    )
                if name in seen:
                    problems.add(path, name, f"'inputs' binds {name!r} twice")
                seen.add(name)
                problems.text(path, kpi_id)
        problems.raise_if_any()

    # -- named constructors -------------------------------------------------

    @classmethod
    def expression(
        cls, kpi_id: str, formula: str | Formula, inputs: Mapping[str, str] | None = None
    ) -> Driver:
        """A KPI computed by a formula of your own.

        >>> Driver.expression("rt", "mean_rt / 60", {"mean_rt": "k-rt-seconds"}).input_ids
        ('k-rt-seconds',)
        """
        return cls(kpi_id=kpi_id, formula=formula, inputs=inputs or {})

    @classmethod
    def sum(cls, kpi_id: str, inputs: Iterable[str]) -> Driver:
        """The sum of the input KPIs.

        >>> Driver.sum("sales", ["seo", "community"]).formula
        Formula.parse('seo + community')
        """
        names, bindings = _names_for(inputs)
        return cls(kpi_id=kpi_id, formula=Formula.sum(*names), inputs=bindings)

    @classmethod
    def product(cls, kpi_id: str, inputs: Iterable[str]) -> Driver:
        """The product of the input KPIs.

        >>> Driver.product("revenue", ["visitors", "conversion", "order_value"]).formula
        Formula.parse('visitors * conversion * order_value')
        """
        names, bindings = _names_for(inputs)
        return cls(kpi_id=kpi_id, formula=Formula.product(*names), inputs=bindings)

    @classmethod
    def difference(cls, kpi_id: str, minuend: str, subtrahend: str) -> Driver:
        """``minuend - subtrahend``.

        >>> Driver.difference("margin", "sales", "costs").formula
        Formula.parse('sales - costs')
        """
        names, bindings = _names_for([minuend, subtrahend])
        return cls(kpi_id=kpi_id, formula=Formula.difference(*names), inputs=bindings)

    @classmethod
    def ratio(cls, kpi_id: str, numerator: str, denominator: str) -> Driver:
        """``numerator / denominator``.

        >>> Driver.ratio("conversion", "orders", "visitors").formula
        Formula.parse('orders / visitors')
        """
        names, bindings = _names_for([numerator, denominator])
        return cls(kpi_id=kpi_id, formula=Formula.ratio(*names), inputs=bindings)

    @classmethod
    def weighted_sum(cls, kpi_id: str, weights: Mapping[str, Number]) -> Driver:
        """``w1 * a + w2 * b + ...`` over input KPIs.

        >>> Driver.weighted_sum("health", {"nps": 2, "churn": -1}).formula
        Formula.parse('2 * nps + (-1) * churn')
        """
        if not isinstance(weights, Mapping):
            raise ValidationError.single(
                "weights", weights, f"'weights' must be a mapping (got {show(weights)})"
            )
        names, bindings = _names_for(weights, "weights")
        formula = Formula.weighted_sum(dict(zip(names, weights.values(), strict=True)))
        return cls(kpi_id=kpi_id, formula=formula, inputs=bindings)

    # -- queries ------------------------------------------------------------

    def input_of(self, name: str) -> str:
        """The KPI id a formula name stands for.

        >>> Driver.sum("s", ["a-1", "b"]).input_of("in_1")
        'a-1'
        """
        for bound, kpi_id in self.inputs:
            if bound == name:
                return kpi_id
        return name

    @property
    def input_ids(self) -> tuple[str, ...]:
        """The input KPI ids, each once, in order of first use."""
        return tuple(dict.fromkeys(self.input_of(n) for n in self.formula.names))


# Typed converters: callers see the collection types; anything else is left for validation.
def _nodes(value: Iterable[NodeValue]) -> tuple[NodeValue, ...]:
    return cast("tuple[NodeValue, ...]", to_tuple(value))


def _kpis(value: Iterable[KPI]) -> tuple[KPI, ...]:
    return cast("tuple[KPI, ...]", to_tuple(value))


def _drivers(value: Iterable[Driver]) -> tuple[Driver, ...]:
    return cast("tuple[Driver, ...]", to_tuple(value))


@attrs.frozen(kw_only=True)
class NodeValue:
    """The value of one KPI in an evaluated tree.

    Attributes:
        kpi_id: The KPI.
        value: Its value; ``None`` when it has none.
        computed: Whether the value came from a formula.
        reason: Why there is no value (``None`` when there is one).
    """

    kpi_id: str
    value: Number | None
    computed: bool
    reason: str | None = None


@attrs.frozen(kw_only=True, repr=False)
class TreeValues:
    """Every KPI value of a :class:`DriverTree`, as of a day.

    Attributes:
        day: The day evaluated, or ``None`` for :meth:`DriverTree.compute`.
        nodes: One :class:`NodeValue` per KPI, in the tree's order.
    """

    day: date | None
    nodes: tuple[NodeValue, ...] = attrs.field(converter=_nodes)
    _index: dict[str, NodeValue] = attrs.field(init=False, eq=False, hash=False)

    def __attrs_post_init__(self) -> None:
        problems = Problems()
        check_day(problems, "day", self.day, optional=True)
        if not isinstance(self.nodes, tuple):
            problems.add(
                "nodes",
                self.nodes,
                f"'nodes' must be a collection of NodeValue (got {show(self.nodes)})",
            )
        else:
            for index, node in enumerate(self.nodes):
                if not isinstance(node, NodeValue) or not isinstance(node.kpi_id, str):
                    problems.add(
                        at("nodes", index),
                        node,
                        f"'nodes' must hold NodeValue objects with a KPI id (got {show(node)})",
                    )
        problems.raise_if_any()
        object.__setattr__(self, "_index", {n.kpi_id: n for n in self.nodes})

    def __getitem__(self, kpi_id: str) -> Number | None:
        return self.node(kpi_id).value

    def __iter__(self) -> Iterator[NodeValue]:
        return iter(self.nodes)

    def __len__(self) -> int:
        return len(self.nodes)

    def node(self, kpi_id: str) -> NodeValue:
        """The node of ``kpi_id``.

        Raises:
            ValidationError: for an id the tree does not hold.
        """
        return _known(self._index, kpi_id)

    def reason(self, kpi_id: str) -> str | None:
        """Why ``kpi_id`` has no value, or ``None`` if it has one."""
        return self.node(kpi_id).reason

    def as_dict(self) -> dict[str, Number | None]:
        """``{kpi_id: value}`` for every KPI."""
        return {n.kpi_id: n.value for n in self.nodes}

    def __repr__(self) -> str:
        return f"TreeValues(day={self.day!r}, values={self.as_dict()!r})"


@attrs.frozen(kw_only=True, repr=False)
class DriverTree:
    """KPIs and the drivers that compute some of them from others.

    Construction checks that every driver names a KPI of the tree, that each
    KPI has at most one driver, that formulas do not form a cycle
    (:class:`DriverCycleError`), and, unless ``check_units`` is off, that units
    combine and each computed KPI's declared unit matches its formula's.

    Attributes:
        kpis: Every KPI involved, computed or input.
        drivers: One :class:`Driver` per computed KPI.
        check_units: Whether to check units (names compared as written).

    >>> from goalkit import KPI
    >>> kpis = [KPI(id=i, title=i, owner="x", level="team", unit=u) for i, u in
    ...         [("a", "EUR"), ("b", "EUR"), ("c", "EUR")]]
    >>> DriverTree(kpis=kpis, drivers=[Driver(kpi_id="a", formula="b + c"),
    ...                                Driver(kpi_id="b", formula="a - c")])
    Traceback (most recent call last):
    ...
    goalkit.drivers.tree.DriverCycleError: drivers[0]: formulas form a cycle: a -> b -> a
    """

    kpis: tuple[KPI, ...] = attrs.field(converter=_kpis)
    drivers: tuple[Driver, ...] = attrs.field(default=(), converter=_drivers)
    check_units: bool = True
    _by_id: dict[str, KPI] = attrs.field(init=False, eq=False, hash=False)
    _driver_of: dict[str, Driver] = attrs.field(init=False, eq=False, hash=False)
    _order: tuple[str, ...] = attrs.field(init=False, eq=False, hash=False)

    def __attrs_post_init__(self) -> None:
        problems = Problems()
        by_id: dict[str, KPI] = {}
        for field in ("kpis", "drivers"):
            given = getattr(self, field)
            if not isinstance(given, tuple):
                problems.add(field, given, f"'{field}' must be a collection (got {show(given)})")
                object.__setattr__(self, field, ())
        for index, kpi in enumerate(self.kpis):
            if not isinstance(kpi, KPI):
                problems.add(
                    at("kpis", index), kpi, f"'kpis' must hold KPI objects (got {show(kpi)})"
                )
            elif kpi.id in by_id:
                problems.add(at("kpis", index), kpi.id, f"KPI id {kpi.id!r} appears twice")
            else:
                by_id[kpi.id] = kpi
        driver_of: dict[str, Driver] = {}
        for index, driver in enumerate(self.drivers):
            path = at("drivers", index)
            if not isinstance(driver, Driver):
                problems.add(
                    path, driver, f"'drivers' must hold Driver objects (got {show(driver)})"
                )
                continue
            if driver.kpi_id not in by_id:
                problems.add(
                    f"{path}.kpi_id",
                    driver.kpi_id,
                    f"'kpi_id' names no KPI of the tree (got {show(driver.kpi_id)})",
                )
            elif driver.kpi_id in driver_of:
                problems.add(
                    f"{path}.kpi_id", driver.kpi_id, f"KPI {driver.kpi_id!r} has two drivers"
                )
            else:
                driver_of[driver.kpi_id] = driver
            for input_id in driver.input_ids:
                if input_id not in by_id:
                    problems.add(
                        f"{path}.inputs",
                        input_id,
                        f"{driver.kpi_id!r} uses {input_id!r}, which is not a KPI of the tree",
                    )
        if not isinstance(self.check_units, bool):
            problems.add(
                "check_units",
                self.check_units,
                f"'check_units' must be a bool (got {show(self.check_units)})",
            )
        problems.raise_if_any()
        object.__setattr__(self, "_by_id", by_id)
        object.__setattr__(self, "_driver_of", driver_of)
        object.__setattr__(self, "_order", self._topological_order())
        if self.check_units:
            self._check_units()

    @classmethod
    def of(
        cls,
        kpis: Iterable[KPI],
        formulas: Mapping[str, str | Formula],
        *,
        check_units: bool = True,
    ) -> DriverTree:
        """A tree from KPIs and ``{kpi_id: formula}`` (names are KPI ids).

        >>> from goalkit import KPI
        >>> kpis = [KPI(id=i, title=i, owner="x", level="team", unit="EUR") for i in "abc"]
        >>> DriverTree.of(kpis, {"a": "b + c"}).computed
        ('a',)
        """
        if not isinstance(formulas, Mapping):
            raise ValidationError.single(
                "formulas", formulas, f"'formulas' must be a mapping (got {show(formulas)})"
            )
        drivers: list[Driver] = []
        errors: list[ValidationError] = []
        for kpi_id, formula in formulas.items():
            try:
                drivers.append(Driver(kpi_id=kpi_id, formula=formula))
            except ValidationError as error:
                errors.append(error.prefixed(at("formulas", kpi_id)))
        if len(errors) == 1:
            raise errors[0]
        if errors:
            raise ValidationError([p for e in errors for p in e.problems])
        return cls(kpis=kpis, drivers=drivers, check_units=check_units)

    # -- construction helpers -------------------------------------------------

    def _topological_order(self) -> tuple[str, ...]:
        """Computed KPIs, inputs before users (Kahn's algorithm, no recursion)."""
        waiting: dict[str, int] = {}
        users: dict[str, list[str]] = {}
        for kpi_id, driver in self._driver_of.items():
            computed_inputs = [i for i in driver.input_ids if i in self._driver_of]
            waiting[kpi_id] = len(computed_inputs)
            for input_id in computed_inputs:
                users.setdefault(input_id, []).append(kpi_id)
        ready = [k for k in self._driver_of if waiting[k] == 0]
        order: list[str] = []
        while ready:
            current = ready.pop()
            order.append(current)
            for user in users.get(current, ()):
                waiting[user] -= 1
                if waiting[user] == 0:
                    ready.append(user)
        if len(order) < len(self._driver_of):
            self._raise_cycle({k for k, n in waiting.items() if n > 0})
        return tuple(order)

    def _raise_cycle(self, stuck: set[str]) -> None:
        # Every stuck KPI waits on another stuck KPI, so walking from one always
        # comes back round; the walk is deterministic (declaration order).
        start = next(d.kpi_id for d in self.drivers if d.kpi_id in stuck)
        walk: list[str] = []
        seen: dict[str, int] = {}
        current = start
        while current not in seen:
            seen[current] = len(walk)
            walk.append(current)
            current = next(i for i in self._driver_of[current].input_ids if i in stuck)
        loop = walk[seen[current] :]
        # Start the cycle at its first-declared member, however it was reached.
        rank = {d.kpi_id: i for i, d in enumerate(self.drivers)}
        index = min(rank[k] for k in loop)
        first = loop.index(self.drivers[index].kpi_id)
        cycle = (*loop[first:], *loop[:first], loop[first])
        raise DriverCycleError(
            [
                Problem(
                    path=at("drivers", index),
                    value=cycle,
                    message=f"formulas form a cycle: {' -> '.join(cycle)}",
                )
            ]
        )

    def _check_units(self) -> None:
        problems = Problems()
        hint = "; fix the units or pass check_units=False"
        for index, driver in enumerate(self.drivers):
            path = at("drivers", index)
            declared_text = self._by_id[driver.kpi_id].unit
            try:
                declared = Unit.parse(declared_text)
                units = {n: self._by_id[driver.input_of(n)].unit for n in driver.formula.names}
                derived = driver.formula.unit(units)
            except FormulaError as error:
                problems.extend(error, path)
                continue
            except ValidationError as error:
                problems.add(path, declared_text, f"{error.message}{hint}")
                continue
            if derived is not None and derived != declared:
                problems.add(
                    f"{path}.formula",
                    str(derived),
                    f"{driver.kpi_id!r} is declared in '{declared}' but its formula gives "
                    f"'{derived}'{hint}",
                )
        problems.raise_if_any()

    # -- queries ----------------------------------------------------------------

    def kpi(self, kpi_id: str) -> KPI:
        """The KPI of ``kpi_id``.

        Raises:
            ValidationError: for an id the tree does not hold.
        """
        return _known(self._by_id, kpi_id)

    def driver_of(self, kpi_id: str) -> Driver | None:
        """The driver computing ``kpi_id``, or ``None`` for an input KPI."""
        self.kpi(kpi_id)
        return self._driver_of.get(kpi_id)

    @property
    def computed(self) -> tuple[str, ...]:
        """The computed KPI ids, each after every computed KPI it uses."""
        return self._order

    @property
    def inputs(self) -> tuple[str, ...]:
        """The KPI ids no driver computes, in the order of :attr:`kpis`."""
        return tuple(k.id for k in self.kpis if k.id not in self._driver_of)

    def leaves_of(self, kpi_id: str) -> tuple[str, ...]:
        """The input KPIs ``kpi_id`` depends on, directly or not, in order of first use.

        >>> from goalkit import KPI
        >>> kpis = [KPI(id=i, title=i, owner="x", level="team", unit="EUR") for i in "abcde"]
        >>> DriverTree.of(kpis, {"a": "b + c", "b": "d - e"}).leaves_of("a")
        ('d', 'e', 'c')
        """
        self.kpi(kpi_id)
        if kpi_id not in self._driver_of:
            return (kpi_id,)
        leaves: dict[str, None] = {}
        seen = {kpi_id}
        stack = [iter(self._driver_of[kpi_id].input_ids)]
        while stack:
            current = next(stack[-1], None)
            if current is None:
                stack.pop()
            elif current not in seen:
                seen.add(current)
                driver = self._driver_of.get(current)
                if driver is None:
                    leaves.setdefault(current)
                else:
                    stack.append(iter(driver.input_ids))
        return tuple(leaves)

    # -- evaluation -------------------------------------------------------------

    def evaluate(self, at: date, *, overrides: Mapping[str, Number] | None = None) -> TreeValues:
        """Every KPI's value as of the end of day ``at``.

        Input KPIs take their latest check-in on or before ``at``; computed
        KPIs are computed in dependency order. ``overrides`` replaces the value
        of any KPI, computed or not (a what-if). A KPI without a value, or
        whose formula has none for the values it gets (a division by zero, a
        float overflow, an exact result past the admission limit, see
        :class:`~goalkit.drivers.formula.UndefinedValueError`), gets ``None``
        and a reason; no value is ever ``inf`` or NaN.

        Raises:
            ValidationError: when ``at`` is not a plain date, or an override
                is not a number for a KPI of the tree.
        """
        at = require_day(at)
        given: dict[str, tuple[Number | None, str | None]] = {}
        for kpi_id in self.inputs:
            check_in = self._by_id[kpi_id].history.latest(at)
            if check_in is None:
                given[kpi_id] = (
                    None,
                    f"{kpi_id!r} has no check-in on or before {at.isoformat()}",
                )
            else:
                given[kpi_id] = (check_in.value, None)
        return self._run(at, given, overrides)

    def compute(
        self, values: Mapping[str, Number], *, overrides: Mapping[str, Number] | None = None
    ) -> TreeValues:
        """Every KPI's value from given input values (targets, scenarios).

        >>> from goalkit import KPI
        >>> kpis = [KPI(id=i, title=i, owner="x", level="team", unit="EUR") for i in "abc"]
        >>> DriverTree.of(kpis, {"a": "b + c"}).compute({"b": 1, "c": 2})["a"]
        Fraction(3, 1)
        """
        values = self._checked_values("values", values)
        given: dict[str, tuple[Number | None, str | None]] = {}
        for kpi_id in self.inputs:
            if kpi_id in values:
                given[kpi_id] = (values[kpi_id], None)
            else:
                given[kpi_id] = (None, f"no value given for {kpi_id!r}")
        return self._run(None, given, overrides)

    def _run(
        self,
        day: date | None,
        given: dict[str, tuple[Number | None, str | None]],
        overrides: Mapping[str, Number] | None,
    ) -> TreeValues:
        overrides = {} if overrides is None else self._checked_values("overrides", overrides)
        found: dict[str, tuple[Number | None, str | None]] = dict(given)
        for kpi_id, value in overrides.items():
            found[kpi_id] = (value, None)
        for kpi_id in self._order:
            if kpi_id in overrides:
                continue
            driver = self._driver_of[kpi_id]
            values: dict[str, Number] = {}
            missing: str | None = None
            for name in driver.formula.names:
                got, reason = found[driver.input_of(name)]
                if got is None:
                    missing = reason
                    break
                values[name] = got
            if missing is not None:
                found[kpi_id] = (None, missing)
                continue
            try:
                found[kpi_id] = (driver.formula.evaluate(values), None)
            except UndefinedValueError as error:
                found[kpi_id] = (None, f"the formula of {kpi_id!r} has no value: {error.message}")
        nodes = tuple(
            NodeValue(
                kpi_id=k.id,
                value=found[k.id][0],
                computed=k.id in self._driver_of and k.id not in overrides,
                reason=found[k.id][1],
            )
            for k in self.kpis
        )
        return TreeValues(day=day, nodes=nodes)

    def _checked_values(self, field: str, values: object) -> dict[str, Number]:
        """``{kpi_id: number}`` given for KPIs of the tree, numbers read as goalkit stores them."""
        if not isinstance(values, Mapping):
            raise ValidationError.single(
                field, values, f"'{field}' must be a mapping (got {show(values)})"
            )
        problems = Problems()
        checked: dict[str, Number] = {}
        for key, value in values.items():
            if not isinstance(key, str) or key not in self._by_id:
                where = at(field, key if isinstance(key, str) else show(key))
                problems.add(where, key, f"'{field}' names no KPI of the tree (got {show(key)})")
                continue
            number = coerce(value)
            if problems.number(at(field, key), number):
                checked[key] = cast("Number", number)
        problems.raise_if_any()
        return checked

    def __repr__(self) -> str:
        ids = ", ".join(repr(k.id) for k in self.kpis)
        drivers = ", ".join(f"{d.kpi_id!r}: {str(d.formula)!r}" for d in self.drivers)
        return f"DriverTree(kpis=[{ids}], formulas={{{drivers}}})"
