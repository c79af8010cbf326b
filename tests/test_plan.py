"""Tests of goalkit.plan: building a plan checks every goal, every link, and the links together."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from goalkit import (
    CheckIn,
    Initiative,
    KeyResult,
    Link,
    LinkKind,
    Objective,
    Period,
    Plan,
    Target,
    Theme,
    ValidationError,
)
from goalkit import strategies as gs
from goalkit.alignment import AlignmentPolicy, IssueKind, validate

Q3 = Period.quarter(2026, 3)


def _kr(kr_id: str) -> KeyResult:
    return KeyResult.metric(
        id=kr_id,
        title=kr_id,
        target=Target.increase(from_=0, to=100),
        history=[CheckIn(day=date(2026, 8, 1), value=50)],
    )


def _objective(goal_id: str, *krs: KeyResult, level: str = "team") -> Objective:
    return Objective(id=goal_id, title=goal_id, owner="x", level=level, period=Q3, key_results=krs)


def _problems(build: Any) -> list[tuple[str, str]]:
    """The (path, message) of every problem ``build()`` raises."""
    with pytest.raises(ValidationError) as caught:
        build()
    return [(p.path, p.message) for p in caught.value.problems]


class TestArgumentTypes:
    @pytest.mark.parametrize(
        ("changes", "path", "fragment"),
        [
            ({"objectives": 5}, "objectives", "'objectives' must be a list or tuple (got 5)"),
            ({"themes": None}, "themes", "'themes' must be a list or tuple (got None)"),
            ({"kpis": "kpi"}, "kpis", "'kpis' must be a list or tuple (got 'kpi')"),
            ({"links": {"a": 1}}, "links", "'links' must be a list or tuple"),
            ({"levels": 3}, "levels", "'levels' must be a list or tuple (got 3)"),
            ({"levels": [["x"]]}, "levels[0]", "'levels' must be a string (got ['x'])"),
            ({"levels": [1, 1]}, "levels[0]", "'levels' must be a string (got 1)"),
            ({"objectives": [5]}, "objectives[0]", "'objectives' must hold Objective objects"),
            ({"links": ["a -> b"]}, "links[0]", "'links' must hold Link objects"),
            ({"name": 7}, "name", "'name' must be a string (got 7)"),
        ],
    )
    def test_wrong_collections_are_validation_errors(
        self, changes: dict[str, Any], path: str, fragment: str
    ) -> None:
        """A field of the wrong type is a ValidationError with its path, never a TypeError."""
        problems = _problems(lambda: Plan(**changes))
        assert (path, True) == (problems[0][0], fragment in problems[0][1])

    def test_levels_of_lists_are_each_reported(self) -> None:
        """Unhashable level names are reported one by one, and goals' levels still checked."""
        problems = _problems(
            lambda: Plan(levels=[["x"], ["y"]], objectives=[_objective("o", level="team")])
        )
        assert ["levels[0]", "levels[1]", "objectives[0].level"] == [p for p, _ in problems]

    def test_any_iterable_is_a_collection(self) -> None:
        """Generators and lists become tuples."""
        plan = Plan(objectives=(_objective(f"o{i}") for i in range(3)), levels=["team"])
        assert (3, ("team",)) == (len(plan.objectives), plan.levels)


class TestLinks:
    def test_kind_must_be_a_link_kind(self) -> None:
        """An unknown kind lists the allowed ones."""
        with pytest.raises(ValidationError) as caught:
            Link(child="a", parent="b", kind="bogus")
        expected = "'kind' must be one of 'contributes', 'supports' (got 'bogus')"
        assert ("kind", expected) == (caught.value.path, caught.value.message)

    def test_kind_none_is_refused(self) -> None:
        """The kind is required."""
        with pytest.raises(ValidationError, match="'kind' must be one of"):
            Link(child="a", parent="b", kind=None)  # type: ignore[arg-type]

    def test_numpy_weights_are_stored_as_python_numbers(self) -> None:
        """A weight read from a DataFrame column is kept as an int or a float."""
        np = pytest.importorskip("numpy")
        link = Link(child="a", parent="b", weight=np.int64(2))
        assert (2, int) == (link.weight, type(link.weight))


class TestChanges:
    def test_with_check_in_needs_a_text_id(self) -> None:
        """An id that is not a string is a ValidationError, not a TypeError from a dict."""
        plan = Plan(objectives=[_objective("o", _kr("k"))])
        with pytest.raises(ValidationError, match="'goal_id' must be a string"):
            plan.with_check_in(["k"], CheckIn(day=date(2026, 8, 2), value=1))  # type: ignore[arg-type]

    def test_with_links_checks_the_links_together(self) -> None:
        """Adding a link that closes a cycle is refused like building with it."""
        plan = Plan(
            objectives=[_objective("a"), _objective("b")], links=[Link(child="a", parent="b")]
        )
        with pytest.raises(ValidationError, match="closes a cycle: b -> a -> b"):
            plan.with_links(Link(child="b", parent="a"))


class TestCycles:
    @staticmethod
    def two() -> list[Objective]:
        """Two objectives with a key result each."""
        return [_objective("a", _kr("ka")), _objective("b", _kr("kb"))]

    def test_a_cycle_is_refused_when_the_plan_is_built(self) -> None:
        """The link that closes a cycle is named, with the cycle as the value."""
        links = [Link(child="a", parent="kb"), Link(child="b", parent="ka")]
        with pytest.raises(ValidationError) as caught:
            Plan(objectives=self.two(), links=links)
        error = caught.value
        assert ("links[1]", ("b", "ka", "a", "kb", "b")) == (error.path, error.value)
        assert "links[1] closes a cycle: b -> ka -> a -> kb -> b" == error.message

    def test_supports_links_close_cycles_too(self) -> None:
        """A goal above itself is a cycle whatever the links' kinds."""
        links = [
            Link(child="a", parent="b", kind=LinkKind.SUPPORTS),
            Link(child="b", parent="a", kind=LinkKind.SUPPORTS),
        ]
        assert [("links[1]", "links[1] closes a cycle: b -> a -> b")] == _problems(
            lambda: Plan(objectives=self.two(), links=links)
        )

    def test_cycles_come_with_every_other_problem(self) -> None:
        """Each cycle with its path, and the plan's other problems, in one error."""
        objectives = [*self.two(), _objective("c"), _objective("d"), _objective("x", level="squad")]
        links = [
            Link(child="a", parent="kb"),
            Link(child="b", parent="ka"),
            Link(child="c", parent="d"),
            Link(child="d", parent="c"),
            Link(child="c", parent="ghost"),
        ]
        paths = [path for path, _ in _problems(lambda: Plan(objectives=objectives, links=links))]
        assert ["objectives[4].level", "links[4].parent", "links[1]", "links[3]"] == paths

    def test_a_cycle_through_an_initiative_link_is_left_to_alignment(self) -> None:
        """A link to an initiative makes no edge (validate reports it); so it closes no cycle."""
        kr = KeyResult.metric(
            id="k",
            title="k",
            target=Target.increase(from_=0, to=1),
            initiatives=[Initiative(id="t", title="t")],
        )
        plan = Plan(objectives=[_objective("o", kr)], links=[Link(child="o", parent="t")])
        report = validate(plan, AlignmentPolicy.lenient())
        assert [IssueKind.BAD_PARENT] == [issue.kind for issue in report.errors]

    def test_a_theme_chain_can_close_a_cycle(self) -> None:
        """Themes aligned in a ring are a cycle as well."""
        themes = [Theme(id=t, title=t) for t in ("m", "s")]
        links = [Link(child="s", parent="m"), Link(child="m", parent="s")]
        assert ["links[1]"] == [p for p, _ in _problems(lambda: Plan(themes=themes, links=links))]

    def test_a_deep_chain_closed_at_the_bottom(self) -> None:
        """Cycle search at build time is iterative: no RecursionError on a deep chain."""
        depth = 20_000  # far past the recursion limit
        objectives = [_objective(f"o{i}") for i in range(depth)]
        links = [Link(child=f"o{i + 1}", parent=f"o{i}") for i in range(depth - 1)]
        links.append(Link(child="o0", parent=f"o{depth - 1}"))
        with pytest.raises(ValidationError) as caught:
            Plan(objectives=objectives, links=links)
        assert (f"links[{depth - 1}]", depth + 1) == (caught.value.path, len(caught.value.value))  # type: ignore[arg-type]

    @settings(max_examples=60, deadline=None)
    @given(gs.plans(max_objectives=5, max_links=6), st.data())
    def test_plan_and_validate_find_the_same_cycles(self, plan: Plan, data: st.DataObject) -> None:
        """Law: the cycles a plan refuses are exactly those validate reports for the same links."""
        ids = [goal.id for goal in plan]
        if len(ids) < 2:
            return
        extra = data.draw(
            st.lists(
                st.tuples(st.sampled_from(ids), st.sampled_from(ids)).filter(
                    lambda pair: pair[0] != pair[1]
                ),
                max_size=3,
            )
        )
        links = [*plan.links, *(Link(child=c, parent=p, kind="supports") for c, p in extra)]
        report = validate(plan, AlignmentPolicy.lenient(), links=links)
        expected = [(i.path, i.ids) for i in report.of_kind(IssueKind.CYCLE)]
        try:
            Plan(themes=plan.themes, objectives=plan.objectives, kpis=plan.kpis, links=links)
        except ValidationError as error:
            found = [(p.path, p.value) for p in error.problems if "closes a cycle" in p.message]
        else:
            found = []
        assert expected == found


class TestLinkWeights:
    def test_all_zero_contributing_weights_of_a_parent_are_refused(self) -> None:
        """A parent whose contributing links all weigh 0 would have progress from nothing."""
        objectives = [_objective("top", _kr("k")), _objective("a"), _objective("b")]
        links = [
            Link(child="a", parent="k", weight=0),
            Link(child="b", parent="k", weight=Decimal("0.0")),
        ]
        with pytest.raises(ValidationError) as caught:
            Plan(objectives=objectives, links=links)
        expected = (
            "links[0].weight",
            (0, Decimal("0.0")),
            "contributing link weights to 'k' must not all be zero (links[0], links[1])",
        )
        assert expected == (caught.value.path, caught.value.value, caught.value.message)

    @pytest.mark.parametrize(
        "links",
        [
            [Link(child="a", parent="k", weight=0), Link(child="b", parent="k", weight=1)],
            [Link(child="a", parent="k", weight=0, kind="supports")],
        ],
    )
    def test_some_weight_or_only_supports_links_are_fine(self, links: list[Link]) -> None:
        """One weighted link is enough; supports links carry no progress, so no weight."""
        objectives = [_objective("top", _kr("k")), _objective("a"), _objective("b")]
        assert len(links) == len(Plan(objectives=objectives, links=links).links)

    def test_many_zero_links_are_named_briefly(self) -> None:
        """The message names the first few links only."""
        objectives = [_objective("top", _kr("k"))] + [_objective(f"o{i}") for i in range(9)]
        links = [Link(child=f"o{i}", parent="k", weight=0) for i in range(9)]
        problems = _problems(lambda: Plan(objectives=objectives, links=links))
        assert problems[0][1].endswith("(links[0], links[1], links[2], links[3], links[4], ...)")
