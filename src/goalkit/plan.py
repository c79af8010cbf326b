"""A plan: every goal of an organisation for some time, with unique ids and links.

A :class:`Plan` holds themes, objectives (with their key results and
initiatives) and KPIs, plus the :class:`Link` objects that say which goal
aligns to which. Building a plan checks everything at once and reports every
problem in one :class:`~goalkit.exceptions.ValidationError`, each with its path.

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
from typing import Any, Self

import attrs

from goalkit._numbers import Number
from goalkit._show import show
from goalkit._validation import Problems
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


def _link_kind(value: LinkKind | str) -> LinkKind:
    try:
        return LinkKind(value)
    except ValueError:
        return value  # type: ignore[return-value]  # reported by validation


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
    weight: Number = 1

    def __attrs_post_init__(self) -> None:
        problems = Problems()
        problems.text("child", self.child)
        problems.text("parent", self.parent)
        if not isinstance(self.kind, LinkKind):
            problems.add(
                "kind",
                self.kind,
                f"'kind' must be 'contributes' or 'supports' (got {show(self.kind)})",
            )
        problems.non_negative("weight", self.weight)
        problems.raise_if_any()


# Where a goal sits: (field, index) for top-level goals, plus (index) of a key
# result and (index) of an initiative below it.
_Location = tuple[str, int] | tuple[str, int, int] | tuple[str, int, int, int]


@attrs.frozen(kw_only=True, eq=False)
class _Entry:
    goal: Goal
    location: _Location


def _tuple(value: Iterable[Any]) -> tuple[Any, ...]:
    return tuple(value)


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

    Raises:
        ValidationError: listing every problem found, each with its path.
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
        for position, level in enumerate(self.levels):
            problems.text(f"levels[{position}]", level)
        if not self.levels:
            problems.add("levels", (), "'levels' must name at least one level")
        if len(set(self.levels)) != len(self.levels):
            problems.add(
                "levels", self.levels, f"'levels' must not repeat a name (got {show(self.levels)})"
            )
        index: dict[str, _Entry] = {}
        first_path: dict[str, str] = {}

        def register(goal: Goal, location: _Location) -> None:
            goal_id = goal.id
            if goal_id in index:
                problems.add(
                    _format(location) + ".id",
                    goal_id,
                    f"duplicate id {goal_id!r} (first used at {first_path[goal_id]})",
                )
                return
            index[goal_id] = _Entry(goal=goal, location=location)
            first_path[goal_id] = _format(location) + ".id"

        levels = set(self.levels)
        for field, kind in (("themes", Theme), ("objectives", Objective), ("kpis", KPI)):
            for i, goal in enumerate(getattr(self, field)):
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
                        f"'level' must be one of the plan's levels {self.levels!r} "
                        f"(got {show(goal.level)})",
                    )
                if isinstance(goal, Objective):
                    for j, kr in enumerate(goal.key_results):
                        register(kr, (field, i, j))
                        for k, initiative in enumerate(kr.initiatives):
                            register(initiative, (field, i, j, k))
        seen_links: dict[tuple[str, str, LinkKind], int] = {}
        for i, link in enumerate(self.links):
            if not isinstance(link, Link):
                problems.add(
                    f"links[{i}]", link, f"'links' must hold Link objects (got {show(link)})"
                )
                continue
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
            key = (link.child, link.parent, link.kind)
            if key in seen_links:
                problems.add(
                    f"links[{i}]",
                    key,
                    f"duplicate link from {link.child!r} to {link.parent!r} "
                    f"(first at links[{seen_links[key]}])",
                )
            else:
                seen_links[key] = i
        problems.raise_if_any()
        object.__setattr__(self, "_index", index)

    # -- lookup -------------------------------------------------------------

    def __getitem__(self, goal_id: str) -> Goal:
        """The goal with id ``goal_id``; :class:`KeyError` if there is none."""
        return self._index[goal_id].goal

    def get(self, goal_id: str, default: Goal | None = None) -> Goal | None:
        """The goal with id ``goal_id``, or ``default``."""
        entry = self._index.get(goal_id)
        return default if entry is None else entry.goal

    def __contains__(self, goal_id: object) -> bool:
        return goal_id in self._index

    def __len__(self) -> int:
        return len(self._index)

    def __iter__(self) -> Iterator[Goal]:
        """Every goal in plan order.

        Themes first, then each objective followed by its key results and their
        initiatives, then KPIs.
        """
        return (entry.goal for entry in self._index.values())

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
        return _format(self._index[goal_id].location)

    def objective_of(self, goal_id: str) -> Objective | None:
        """The objective a key result or initiative belongs to (itself for an objective)."""
        location = self._index[goal_id].location
        if location[0] != "objectives":
            return None
        return self.objectives[location[1]]

    def key_result_of(self, initiative_id: str) -> KeyResult | None:
        """The key result an initiative belongs to (itself for a key result)."""
        location = self._index[initiative_id].location
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
            ValidationError: if the goal takes no check-ins or the check-in is refused.
        """
        entry = self._index[goal_id]
        goal = entry.goal
        location = entry.location
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
            if entry is not None and entry.location[0] == field and len(entry.location) == 2:
                items[entry.location[1]] = goal
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


def _format(location: _Location) -> str:
    field, first, *rest = location
    path = f"{field}[{first}]"
    if rest:
        path += f".key_results[{rest[0]}]"
    if len(rest) > 1:
        path += f".initiatives[{rest[1]}]"
    return path


class _IdView(Mapping[str, Goal]):
    __slots__ = ("_index",)

    def __init__(self, index: dict[str, _Entry]) -> None:
        self._index = index

    def __getitem__(self, key: str) -> Goal:
        return self._index[key].goal

    def __iter__(self) -> Iterator[str]:
        return iter(self._index)

    def __len__(self) -> int:
        return len(self._index)
