"""A plan: every goal of an organisation for some time, with unique ids and links.

A :class:`Plan` holds themes, objectives (with their key results and
initiatives) and KPIs, plus the :class:`Link` objects that say which goal
aligns to which. Building a plan checks everything at once (types, unique ids,
levels, links, cycles, link weights) and reports every problem in one
:class:`~goalkit.exceptions.ValidationError`, each with its path.

>>> from goalkit import Objective, Period
>>> q3 = Period.quarter(2026, 3)
>>> plan = Plan(objectives=[
...     Objective(id="o1", title="Win the mid-market", owner="acme", level="company", period=q3),
...     Objective(id="o2", title="Make sales love our demo", owner="sales",
...               level="department", period=q3),
... ], links=[Link(child="o2", parent="o1")])
>>> plan["o2"].owner
'sales'
>>> plan.path_of("o2")
'objectives[1]'
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from enum import StrEnum
from typing import Any, Final, Self, cast

import attrs

from goalkit._numbers import Number, coerce
from goalkit._show import show
from goalkit._structure import Structure, cycle_message, find_cycles, has_cycle
from goalkit._validation import Problems, to_enum
from goalkit.exceptions import ValidationError
from goalkit.goals import (
    DEFAULT_LEVELS,
    KPI,
    Goal,
    Initiative,
    KeyResult,
    Objective,
    Theme,
)
from goalkit.measures import CheckIn

__all__ = ["Link", "LinkKind", "Plan"]


class LinkKind(StrEnum):
    """What a link means.

    * ``CONTRIBUTES``: the child's progress moves the parent's.
    * ``SUPPORTS``: the two are related, but no progress flows.
    """

    CONTRIBUTES = "contributes"
    SUPPORTS = "supports"


_TO_LINK_KIND = to_enum(LinkKind)


# attrs' mypy plugin needs a named converter function; anything but a kind or its
# value (None included) is left for validation to report with the allowed values.
def _link_kind(value: LinkKind | str) -> LinkKind:
    return cast(LinkKind, _TO_LINK_KIND(value))


@attrs.frozen(kw_only=True)
class Link:
    """An alignment from a child goal to a parent goal.

    Attributes:
        child: The id of the aligned goal.
        parent: The id of the goal it aligns to (an objective, key result or theme).
        kind: Whether progress flows (``contributes``) or not (``supports``).
        weight: The child's weight among the parent's contributors (>= 0).

    >>> Link(child="o-team", parent="kr-dept", weight=2)
    Link(child='o-team', parent='kr-dept', kind=<LinkKind.CONTRIBUTES: 'contributes'>, weight=2)
    """

    child: str
    parent: str
    kind: LinkKind = attrs.field(default=LinkKind.CONTRIBUTES, converter=_link_kind)
    weight: Number = attrs.field(default=1, converter=coerce)

    def __attrs_post_init__(self) -> None:
        problems = Problems()
        problems.text("child", self.child)
        problems.text("parent", self.parent)
        problems.enum("kind", self.kind, LinkKind)
        problems.non_negative("weight", self.weight)
        problems.raise_if_any()


# Where a goal sits: (field, index) for top-level goals, plus (index) of a key
# result and (index) of an initiative below it.
_Location = tuple[str, int] | tuple[str, int, int] | tuple[str, int, int, int]


_Entry = tuple[Goal, _Location, int]
"""What a plan's index holds per id: the goal, where it sits, and its number in plan order.

Plain tuples, read with the constants below: a plan registers every goal it holds."""

_GOAL: Final = 0
_WHERE: Final = 1
_NUMBER: Final = 2


def _tuple(value: Any) -> Any:
    """A collection's items as a tuple; anything else is left for validation to report."""
    if isinstance(value, tuple | str | bytes | bytearray | Mapping) or not isinstance(
        value, Iterable
    ):
        return value
    return tuple(value)


_COLLECTIONS = ("themes", "objectives", "kpis", "links", "levels")

_SHOWN_LINKS = 5
"""How many link positions a message about one parent's links names."""


@attrs.frozen(kw_only=True, repr=False)
class Plan:
    """Every goal of an organisation for some time, looked up by id.

    Ids are unique across the whole plan: themes, objectives, key results,
    initiatives and KPIs share one namespace.

    Attributes:
        name: A label for the plan.
        themes: Missions, visions, strategies and themes.
        objectives: Objectives with their key results.
        kpis: Key performance indicators.
        links: Alignments between goals.
        levels: The organisation's level names, top to bottom; every objective
            and KPI must use one of them.

    Building a plan checks every goal's type and id, every link on its own
    (both ends known, not to itself, not twice), and the links together:
    they must not form a cycle (a goal above itself through links and the
    plan's own structure, whatever the links' kinds), and the contributing
    links to one parent must not all weigh zero, since such a parent would
    have progress from nothing. Links the plan accepts but alignment rules
    refuse (to an initiative, from a theme to a non-theme) are reported by
    :func:`goalkit.alignment.validate <goalkit.alignment.policy.validate>`.

    Raises:
        ValidationError: listing every problem found, each with its path; a
            cycle is reported at the link that closes it, with the cycle's
            ids as the problem's value.

    >>> from goalkit import Period
    >>> Plan(objectives=[
    ...     Objective(id="a", title="A", owner="x", level="team", period=Period.quarter(2026, 3)),
    ...     Objective(id="b", title="B", owner="x", level="team", period=Period.quarter(2026, 3)),
    ... ], links=[Link(child="a", parent="b"), Link(child="b", parent="a", weight=0)])
    Traceback (most recent call last):
    ...
    goalkit.exceptions.ValidationError: 2 problems:
      - links[1]: links[1] closes a cycle: b -> a -> b
      - links[1].weight: contributing link weights to 'a' must not all be zero (links[1])
    """

    name: str = "plan"
    themes: tuple[Theme, ...] = attrs.field(default=(), converter=_tuple)
    objectives: tuple[Objective, ...] = attrs.field(default=(), converter=_tuple)
    kpis: tuple[KPI, ...] = attrs.field(default=(), converter=_tuple)
    links: tuple[Link, ...] = attrs.field(default=(), converter=_tuple)
    levels: tuple[str, ...] = attrs.field(default=DEFAULT_LEVELS, converter=_tuple)
    _index: dict[str, _Entry] = attrs.field(init=False, eq=False, hash=False)

    def __attrs_post_init__(self) -> None:
        problems = Problems()
        if not isinstance(self.name, str):
            problems.add("name", self.name, f"'name' must be a string (got {show(self.name)})")
        for field in _COLLECTIONS:
            value = getattr(self, field)
            if not isinstance(value, tuple):
                problems.add(field, value, f"'{field}' must be a list or tuple (got {show(value)})")
        levels = self._check_levels(problems)
        index: dict[str, _Entry] = {}

        def register(goal: Goal, location: _Location) -> None:
            goal_id = goal.id
            first = index.get(goal_id)
            if first is not None:
                problems.add(
                    _format(location) + ".id",
                    goal_id,
                    f"duplicate id {show(goal_id)} (first used at {_format(first[_WHERE])}.id)",
                )
                return
            index[goal_id] = (goal, location, len(index))

        for field, kind in (("themes", Theme), ("objectives", Objective), ("kpis", KPI)):
            for i, goal in enumerate(_items(self, field)):
                if not isinstance(goal, kind):
                    problems.add(
                        f"{field}[{i}]",
                        goal,
                        f"'{field}' must hold {kind.__name__} objects (got {show(goal)})",
                    )
                    continue
                register(goal, (field, i))
                if isinstance(goal, Objective | KPI) and goal.level not in levels:
                    problems.add(
                        f"{field}[{i}].level",
                        goal.level,
                        f"'level' must be one of the plan's levels {show(self.levels)} "
                        f"(got {show(goal.level)})",
                    )
                if isinstance(goal, Objective):
                    for j, kr in enumerate(goal.key_results):
                        register(kr, (field, i, j))
                        for k, initiative in enumerate(kr.initiatives):
                            register(initiative, (field, i, j, k))
        self._check_links(problems, index)
        problems.raise_if_any()
        object.__setattr__(self, "_index", index)

    def _check_levels(self, problems: Problems) -> set[str]:
        """Check the level names; return the valid ones."""
        levels = _items(self, "levels")
        names = [level for i, level in enumerate(levels) if problems.text(f"levels[{i}]", level)]
        if isinstance(self.levels, tuple) and not self.levels:
            problems.add("levels", (), "'levels' must name at least one level")
        if len(set(names)) != len(names):
            problems.add(
                "levels", self.levels, f"'levels' must not repeat a name (got {show(self.levels)})"
            )
        return set(names)

    def _check_links(self, problems: Problems, index: dict[str, _Entry]) -> None:
        """Check every link on its own, then the cycles and weights they make together."""
        seen_links: dict[tuple[str, str, LinkKind], int] = {}
        contributing: dict[str, list[int]] = {}
        links = _items(self, "links")
        # per goal number, the goals right above it through links and the plan's own
        # structure: only the goals links touch and what holds them take part
        up: list[list[int] | None] = [None] * len(index) if links else []
        contained: set[int] = set()
        contributes = LinkKind.CONTRIBUTES
        for i, link in enumerate(links):
            if not isinstance(link, Link):
                problems.add(
                    f"links[{i}]", link, f"'links' must hold Link objects (got {show(link)})"
                )
                continue
            child, parent = link.child, link.parent
            child_entry = index.get(child)
            parent_entry = index.get(parent)
            if child_entry is None or parent_entry is None or child == parent:
                self._link_problems(problems, i, link, index)
                continue
            key = (child, parent, link.kind)
            first = seen_links.get(key)
            if first is not None:
                problems.add(
                    f"links[{i}]",
                    key,
                    f"duplicate link from {show(child)} to {show(parent)} "
                    f"(first at links[{first}])",
                )
                continue
            seen_links[key] = i
            if link.kind is contributes:
                positions = contributing.get(parent)
                if positions is None:
                    contributing[parent] = [i]
                else:
                    positions.append(i)
            below, above = child_entry[_NUMBER], parent_entry[_NUMBER]
            edges = up[below]
            if edges is None:
                up[below] = [above]
            else:
                edges.append(above)
            if len(parent_entry[_WHERE]) > 2 and above not in contained:
                # a key result or initiative lies below its objective (and key result)
                self._contain(up, contained, index, parent_entry)
        if up and has_cycle(up):
            self._name_cycles(problems, index, links)
        for parent, positions in contributing.items():
            weights = tuple(links[p].weight for p in positions)
            if not any(weights):
                named = ", ".join(f"links[{p}]" for p in positions[:_SHOWN_LINKS])
                more = ", ..." if len(positions) > _SHOWN_LINKS else ""
                problems.add(
                    f"links[{positions[0]}].weight",
                    weights,
                    f"contributing link weights to {show(parent)} must not all be zero "
                    f"({named}{more})",
                )

    @staticmethod
    def _link_problems(problems: Problems, i: int, link: Link, index: dict[str, _Entry]) -> None:
        """Record why a link names no goal, or the goal itself."""
        for end in ("child", "parent"):
            goal_id = getattr(link, end)
            if goal_id not in index:
                problems.add(
                    f"links[{i}].{end}",
                    goal_id,
                    f"'{end}' names no goal in the plan (got {show(goal_id)})",
                )
        if link.child == link.parent:
            problems.add(
                f"links[{i}]",
                link.child,
                f"a goal cannot align to itself (got {show(link.child)})",
            )

    def _contain(
        self,
        up: list[list[int] | None],
        contained: set[int],
        index: dict[str, _Entry],
        entry: _Entry,
    ) -> None:
        """Add the edges from a key result or initiative up to what holds it (once each)."""
        location = entry[_WHERE]
        objective = self.objectives[location[1]]
        holder = objective.key_results[location[2]].id if len(location) == 4 else objective.id
        number, above = entry[_NUMBER], index[holder][_NUMBER]
        contained.add(number)
        _add(up, number, above)
        if len(location) == 4 and above not in contained:
            contained.add(above)
            _add(up, above, index[objective.id][_NUMBER])

    def _name_cycles(
        self, problems: Problems, index: dict[str, _Entry], links: tuple[Any, ...]
    ) -> None:
        """Record every cycle the links close, each at the link that closes it.

        The quick test that leads here looks only at the goals links touch and
        at what holds them, and it counts every link a goal could be above
        itself through; the goal graph built here, exactly as
        :func:`goalkit.alignment.validate` builds it, names each cycle (and
        finds none when only a link alignment refuses anyway made one).
        """
        objectives = [o for o in _items(self, "objectives") if isinstance(o, Objective)]
        structure = Structure((entry[_GOAL] for entry in index.values()), objectives, links, Link)
        for closing, ids in find_cycles(structure):
            problems.add(f"links[{closing}]", ids, cycle_message(closing, ids))

    # -- lookup -------------------------------------------------------------

    def __getitem__(self, goal_id: str) -> Goal:
        """The goal with id ``goal_id``; :class:`KeyError` if there is none."""
        return self._index[goal_id][_GOAL]

    def get(self, goal_id: str, default: Goal | None = None) -> Goal | None:
        """The goal with id ``goal_id``, or ``default``."""
        entry = self._index.get(goal_id)
        return default if entry is None else entry[_GOAL]

    def __contains__(self, goal_id: object) -> bool:
        return goal_id in self._index

    def __len__(self) -> int:
        return len(self._index)

    def __iter__(self) -> Iterator[Goal]:
        """Every goal in plan order.

        Themes first, then each objective followed by its key results and their
        initiatives, then KPIs.
        """
        return (entry[_GOAL] for entry in self._index.values())

    @property
    def ids(self) -> Mapping[str, Goal]:
        """A read-only view of every goal by id."""
        return _IdView(self._index)

    def path_of(self, goal_id: str) -> str:
        """Where the goal with ``goal_id`` sits in the plan, as a path.

        >>> Plan(objectives=[]).path_of("nope")
        Traceback (most recent call last):
        ...
        KeyError: 'nope'
        """
        return _format(self._index[goal_id][_WHERE])

    def objective_of(self, goal_id: str) -> Objective | None:
        """The objective a key result or initiative belongs to (itself for an objective)."""
        location = self._index[goal_id][_WHERE]
        if location[0] != "objectives":
            return None
        return self.objectives[location[1]]

    def key_result_of(self, initiative_id: str) -> KeyResult | None:
        """The key result an initiative belongs to (itself for a key result)."""
        location = self._index[initiative_id][_WHERE]
        if location[0] != "objectives" or len(location) < 3:
            return None
        return self.objectives[location[1]].key_results[location[2]]

    def goals_of(self, owner: str) -> tuple[Goal, ...]:
        """Every objective and KPI whose owner is ``owner``."""
        owned: list[Goal] = [o for o in self.objectives if o.owner == owner]
        owned.extend(k for k in self.kpis if k.owner == owner)
        return tuple(owned)

    @property
    def key_results(self) -> tuple[KeyResult, ...]:
        """Every key result of every objective, in plan order."""
        return tuple(kr for objective in self.objectives for kr in objective.key_results)

    @property
    def initiatives(self) -> tuple[Initiative, ...]:
        """Every initiative of every key result, in plan order."""
        return tuple(i for kr in self.key_results for i in kr.initiatives)

    # -- changes ------------------------------------------------------------

    def with_check_in(self, goal_id: str, check_in: CheckIn) -> Self:
        """Return a plan where the key result or KPI ``goal_id`` has one more check-in.

        Raises:
            KeyError: if no goal has that id.
            ValidationError: if the id is not a string, the goal takes no
                check-ins or the check-in is refused.
        """
        if not isinstance(goal_id, str):
            raise ValidationError.single(
                "goal_id", goal_id, f"'goal_id' must be a string (got {show(goal_id)})"
            )
        goal, location, _ = self._index[goal_id]
        if isinstance(goal, KPI):
            kpis = list(self.kpis)
            kpis[location[1]] = goal.with_check_in(check_in)
            return attrs.evolve(self, kpis=kpis)
        if isinstance(goal, KeyResult):
            objective = self.objectives[location[1]]
            try:
                updated = objective.with_key_result(goal.with_check_in(check_in))
            except ValidationError as error:
                raise error.prefixed(_format(location[:2])) from None
            objectives = list(self.objectives)
            objectives[location[1]] = updated
            return attrs.evolve(self, objectives=objectives)
        raise ValidationError.single(
            "goal_id", goal_id, f"{type(goal).__name__} {goal_id!r} takes no check-ins"
        )

    def with_goals(self, *goals: Theme | Objective | KPI) -> Self:
        """Return a plan with these goals added, or replacing those with the same id."""
        fields: dict[str, list[Any]] = {
            "themes": list(self.themes),
            "objectives": list(self.objectives),
            "kpis": list(self.kpis),
        }
        for goal in goals:
            field = {Theme: "themes", Objective: "objectives", KPI: "kpis"}.get(type(goal))
            if field is None:
                raise ValidationError.single(
                    "goals",
                    goal,
                    f"only themes, objectives and KPIs are added to a plan (got {show(goal)})",
                )
            items = fields[field]
            entry = self._index.get(goal.id)
            where = None if entry is None else entry[_WHERE]
            if where is not None and where[0] == field and len(where) == 2:
                items[where[1]] = goal
            else:
                items.append(goal)
        return attrs.evolve(
            self, themes=fields["themes"], objectives=fields["objectives"], kpis=fields["kpis"]
        )

    def with_links(self, *links: Link) -> Self:
        """Return a plan with these links added."""
        return attrs.evolve(self, links=(*self.links, *links))

    def __repr__(self) -> str:
        return (
            f"Plan(name={self.name!r}, themes={len(self.themes)}, "
            f"objectives={len(self.objectives)}, "
            f"key_results={sum(len(o.key_results) for o in self.objectives)}, "
            f"kpis={len(self.kpis)}, links={len(self.links)})"
        )

    def _repr_html_(self) -> str:
        """The plan as an HTML tree table, for notebooks (see :mod:`goalkit.interop.html`)."""
        from goalkit.interop.html import plan_to_html  # lazy: interop sits above plans

        return plan_to_html(self)


def _add(up: list[list[int] | None], below: int, above: int) -> None:
    edges = up[below]
    if edges is None:
        up[below] = [above]
    else:
        edges.append(above)


def _format(location: _Location) -> str:
    field, first, *rest = location
    path = f"{field}[{first}]"
    if rest:
        path += f".key_results[{rest[0]}]"
    if len(rest) > 1:
        path += f".initiatives[{rest[1]}]"
    return path


def _items(plan: Plan, field: str) -> tuple[Any, ...]:
    """A collection field of a plan being checked, or no items if it is not a tuple."""
    value = getattr(plan, field)
    return value if isinstance(value, tuple) else ()


class _IdView(Mapping[str, Goal]):
    __slots__ = ("_index",)

    def __init__(self, index: dict[str, _Entry]) -> None:
        self._index = index

    def __getitem__(self, key: str) -> Goal:
        return self._index[key][_GOAL]

    def __iter__(self) -> Iterator[str]:
        return iter(self._index)

    def __len__(self) -> int:
        return len(self._index)
