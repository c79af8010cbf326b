"""Tests of goalkit.alignment: the goal graph, its validation and its queries."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from goalkit import (
    KPI,
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
from goalkit.alignment import (
    AlignmentError,
    AlignmentIssue,
    AlignmentPolicy,
    Edge,
    GoalGraph,
    IssueKind,
    LevelRule,
    ParentRule,
    PeriodRule,
    Relation,
    Severity,
    roll_up_values,
    validate,
)
from goalkit.examples import example_plan

Q3 = Period.quarter(2026, 3)
Q4 = Period.quarter(2026, 4)
DAY = date(2026, 8, 15)


def _kr(kr_id: str, *, unit: str | None = "EUR", value: int | None = None) -> KeyResult:
    history = [] if value is None else [CheckIn(day=date(2026, 8, 1), value=value)]
    return KeyResult.metric(
        id=kr_id,
        title=kr_id,
        unit=unit,
        target=Target.increase(from_=0, to=100),
        history=history,
        initiatives=[Initiative(id=f"{kr_id}-task", title="work")] if kr_id == "kr-top" else [],
    )


def _objective(
    goal_id: str, level: str, *krs: KeyResult, owner: str = "acme", period: Period = Q3
) -> Objective:
    return Objective(
        id=goal_id, title=goal_id, owner=owner, level=level, period=period, key_results=krs
    )


def cascade(links: tuple[Link, ...] = (), **changes: object) -> Plan:
    """Company -> department -> team -> individual, each aligned to the KR above."""
    objectives = [
        _objective("o-top", "company", _kr("kr-top"), _kr("kr-top-2")),
        _objective("o-dept", "department", _kr("kr-dept"), owner="dept"),
        _objective("o-team", "team", _kr("kr-team"), owner="team"),
        _objective("o-ana", "individual", _kr("kr-ana"), owner="ana", **changes),  # type: ignore[arg-type]
    ]
    base = (
        Link(child="o-dept", parent="kr-top", weight=2),
        Link(child="o-team", parent="kr-dept"),
        Link(child="o-ana", parent="kr-team"),
    )
    return Plan(
        themes=[Theme(id="mission", title="Mission")],
        objectives=objectives,
        links=(*base, *links),
    )


class TestGraphQueries:
    def test_parents_and_children_follow_structure_and_links(self) -> None:
        """A key result's parent is its objective; an aligned objective's is the KR above."""
        graph = GoalGraph.of(cascade())
        assert ("o-top",) == graph.parents("kr-top")
        assert ("kr-top",) == graph.parents("o-dept")
        assert ("kr-top-task", "o-dept") == graph.children("kr-top")
        assert ("o-dept",) == graph.children("kr-top", relations=[Relation.CONTRIBUTES])

    def test_edges_carry_relation_weight_and_link_position(self) -> None:
        """Edges up say how the goal is attached and where the link sits."""
        graph = GoalGraph.of(cascade())
        expected = (
            Edge(child="o-dept", parent="kr-top", relation=Relation.CONTRIBUTES, weight=2, link=0),
        )
        assert expected == graph.edges_up("o-dept")
        assert Relation.PART_OF == graph.edges_down("o-top")[0].relation

    def test_ancestors_nearest_first(self) -> None:
        """Ancestors come breadth first, each once."""
        graph = GoalGraph.of(cascade())
        expected = ("o-ana", "kr-team", "o-team", "kr-dept", "o-dept", "kr-top", "o-top")
        assert expected == graph.ancestors("kr-ana")

    def test_descendants_nearest_first(self) -> None:
        """Descendants come breadth first, children in id order."""
        graph = GoalGraph.of(cascade())
        assert ("kr-team", "o-ana", "kr-ana") == graph.descendants("o-team")

    def test_roots_and_leaves(self) -> None:
        """Roots have no parent, leaves no child."""
        graph = GoalGraph.of(cascade())
        assert ("mission", "o-top") == graph.roots()
        assert ("kr-ana", "kr-top-2", "kr-top-task", "mission") == graph.leaves()

    def test_chain_explains_why_a_goal_matters(self) -> None:
        """The chain goes up to the top through the first parent at each step."""
        graph = GoalGraph.of(cascade())
        expected = ("kr-ana", "o-ana", "kr-team", "o-team", "kr-dept", "o-dept", "kr-top", "o-top")
        assert expected == graph.chain("kr-ana")

    def test_chain_prefers_contributes_over_supports(self) -> None:
        """A goal with both kinds of link is explained by the one it contributes to."""
        plan = cascade(links=(Link(child="o-top", parent="mission", kind=LinkKind.SUPPORTS),))
        plan = plan.with_links(Link(child="o-team", parent="kr-top-2", kind=LinkKind.SUPPORTS))
        assert "kr-dept" == GoalGraph.of(plan).chain("o-team")[1]

    def test_subtree_of_an_owner(self) -> None:
        """An owner's goals and everything below them."""
        graph = GoalGraph.of(cascade())
        assert ("o-team", "kr-team", "o-ana", "kr-ana") == graph.subtree("team")
        assert () == graph.subtree("nobody")

    @pytest.mark.parametrize(
        ("objective", "expected"),
        [
            ("o-top", Fraction(1, 2)),
            ("o-dept", Fraction(1)),
            ("o-ana", Fraction(0)),
        ],
    )
    def test_coverage(self, objective: str, expected: Fraction) -> None:
        """Coverage is the share of an objective's KRs with contributing children."""
        assert expected == GoalGraph.of(cascade()).coverage(objective)

    def test_coverage_of_objective_without_key_results_is_none(self) -> None:
        """No key results: nothing to cover."""
        plan = Plan(objectives=[_objective("o", "company")])
        assert GoalGraph.of(plan).coverage("o") is None

    def test_coverage_refuses_other_goals(self) -> None:
        """Coverage is defined for objectives only."""
        with pytest.raises(ValidationError, match="must name an objective"):
            GoalGraph.of(cascade()).coverage("kr-top")

    def test_unknown_id_is_a_validation_error(self) -> None:
        """Asking about a goal the plan lacks names the id."""
        with pytest.raises(ValidationError, match="'nope'"):
            GoalGraph.of(cascade()).parents("nope")

    def test_topological_order_puts_parents_first(self) -> None:
        """Every goal comes after all its parents."""
        order = GoalGraph.of(cascade()).topological_order()
        assert order.index("o-top") < order.index("kr-top") < order.index("o-dept")

    def test_levels_and_periods_of_key_results_come_from_their_objective(self) -> None:
        """A KR sits at its objective's level and period; a theme has neither."""
        graph = GoalGraph.of(cascade())
        assert ("team", Q3) == (graph.level_of("kr-team"), graph.period_of("kr-team"))
        assert (None, None) == (graph.level_of("mission"), graph.period_of("mission"))

    def test_graph_is_cached_per_plan(self) -> None:
        """Building twice for one plan gives the same graph object."""
        plan = cascade()
        assert GoalGraph.of(plan) is GoalGraph.of(plan)
        assert GoalGraph.of(plan) is not GoalGraph.of(plan, links=plan.links)

    def test_repr(self) -> None:
        """The repr counts nodes and edges."""
        assert "GoalGraph(nodes=11, edges=9)" == repr(GoalGraph.of(cascade()))

    @pytest.mark.parametrize("query", ["parents", "children", "ancestors", "descendants"])
    def test_unknown_relations_list_the_allowed_ones(self, query: str) -> None:
        """relations=['bogus'] is a ValidationError naming the item and every relation."""
        with pytest.raises(ValidationError) as caught:
            getattr(GoalGraph.of(cascade()), query)("kr-top", relations=["part_of", "bogus"])
        expected = (
            "relations[1]",
            "'relations' must be one of 'part_of', 'contributes', 'supports' (got 'bogus')",
        )
        assert expected == (caught.value.path, caught.value.message)

    def test_relations_that_are_no_collection_are_refused(self) -> None:
        """A number is no list of relations."""
        with pytest.raises(ValidationError, match="'relations' must be a list of relations"):
            GoalGraph.of(cascade()).parents("kr-top", relations=5)  # type: ignore[arg-type]

    def test_one_relation_may_be_given_alone(self) -> None:
        """A single relation is not read letter by letter."""
        graph = GoalGraph.of(cascade())
        assert graph.children("kr-top", relations=["contributes"]) == graph.children(
            "kr-top", relations="contributes"
        )

    @pytest.mark.parametrize("goal_id", [["o-top"], None, 3])
    def test_ids_of_any_type_are_validation_errors(self, goal_id: object) -> None:
        """An unhashable or non-text id names no goal."""
        with pytest.raises(ValidationError, match="names no goal"):
            GoalGraph.of(cascade()).parents(goal_id)  # type: ignore[arg-type]

    @pytest.mark.parametrize(
        ("build", "path"),
        [
            (lambda: GoalGraph.of(5), "plan"),  # type: ignore[arg-type]
            (lambda: GoalGraph.of(cascade(), links=5), "links"),  # type: ignore[arg-type]
            (lambda: validate(cascade(), policy=5), "policy"),  # type: ignore[arg-type]
            (lambda: validate("plan"), "plan"),  # type: ignore[arg-type]
        ],
    )
    def test_wrong_arguments_are_validation_errors(self, build: Any, path: str) -> None:
        """Graphs and validation name an argument of the wrong type."""
        with pytest.raises(ValidationError) as caught:
            build()
        assert path == caught.value.path


DEPTH = 100_000


@pytest.fixture(scope="module")
def deep() -> Plan:
    """A chain of objectives 100,000 deep, each contributing to the one above."""
    objectives = [_objective(f"o{i}", "company") for i in range(DEPTH)]
    links = [Link(child=f"o{i + 1}", parent=f"o{i}") for i in range(DEPTH - 1)]
    return Plan(objectives=objectives, links=links)


class TestDeepChains:
    DEPTH = DEPTH

    def test_queries_walk_a_chain_100000_deep(self, deep: Plan) -> None:
        """No recursion: chain, ancestors, descendants and order all work at depth 100,000."""
        graph = GoalGraph.of(deep)
        bottom = f"o{self.DEPTH - 1}"
        assert self.DEPTH == len(graph.chain(bottom))
        assert self.DEPTH - 1 == len(graph.ancestors(bottom))
        assert self.DEPTH - 1 == len(graph.descendants("o0"))
        assert ("o0", "o1") == graph.topological_order()[:2]

    def test_validation_of_a_deep_chain(self, deep: Plan) -> None:
        """Cycle search is iterative too, and finds a cycle closed at the bottom."""
        closing = Link(child="o0", parent=f"o{self.DEPTH - 1}")
        report = validate(deep, AlignmentPolicy.lenient(), links=(*deep.links, closing))
        (cycle,) = report.of_kind(IssueKind.CYCLE)
        assert self.DEPTH + 1 == len(cycle.ids)
        assert f"links[{self.DEPTH - 1}]" == cycle.path


class TestValidation:
    @pytest.mark.parametrize(
        ("extra", "kind", "path"),
        [
            (Link(child="o-top", parent="kr-top-2"), IssueKind.CYCLE, "links[3]"),
            (Link(child="o-top", parent="ghost"), IssueKind.UNKNOWN_GOAL, "links[3].parent"),
            (Link(child="ghost", parent="o-top"), IssueKind.UNKNOWN_GOAL, "links[3].child"),
            (Link(child="o-top", parent="o-top"), IssueKind.SELF_LINK, "links[3]"),
            (
                Link(child="o-ana", parent="kr-team", kind=LinkKind.SUPPORTS),
                IssueKind.DUPLICATE_LINK,
                "links[3]",
            ),
            (Link(child="o-ana", parent="kr-top-task"), IssueKind.BAD_PARENT, "links[3]"),
            (Link(child="mission", parent="o-top"), IssueKind.BAD_PARENT, "links[3]"),
            (Link(child="o-ana", parent="kr-dept"), IssueKind.SKIPPED_LEVEL, "links[3]"),
        ],
    )
    def test_each_problem_is_found_with_its_path(
        self, extra: Link, kind: IssueKind, path: str
    ) -> None:
        """Every kind of link problem is reported at the link's path."""
        plan = cascade()
        report = validate(plan, links=(*plan.links, extra))
        assert [(kind, path)] == [(i.kind, i.path) for i in report.errors]

    def test_cycle_message_names_the_cycle(self) -> None:
        """The cycle is written from the child of the link that closes it."""
        plan = cascade()
        report = validate(plan, links=(*plan.links, Link(child="o-top", parent="kr-ana")))
        expected = (
            "links[3] closes a cycle: o-top -> kr-ana -> o-ana -> kr-team -> o-team -> kr-dept "
            "-> o-dept -> kr-top -> o-top"
        )
        assert expected == report.errors[0].message
        assert ("o-top", "kr-ana", "o-ana") == report.errors[0].ids[:3]

    def test_every_problem_at_once(self) -> None:
        """One pass reports everything; raising carries every error and the cycle."""
        plan = cascade()
        links = (
            *plan.links,
            Link(child="o-top", parent="ghost"),
            Link(child="o-top", parent="kr-ana"),
            Link(child="o-ana", parent="kr-dept"),
        )
        report = validate(plan, AlignmentPolicy.strict_cascade(), links=links)
        kinds = [issue.kind for issue in report.errors]
        expected = [
            IssueKind.UNKNOWN_GOAL,
            IssueKind.CYCLE,
            IssueKind.INVERTED_LEVEL,
            IssueKind.MULTIPLE_PARENTS,
            IssueKind.SKIPPED_LEVEL,
        ]
        assert expected == kinds
        with pytest.raises(AlignmentError) as caught:
            report.raise_if_errors()
        assert 5 == len(caught.value.problems)
        assert "o-top" == caught.value.cycle[0]  # type: ignore[index]
        assert isinstance(caught.value, ValueError)

    @pytest.mark.parametrize(
        ("rule", "period", "expected"),
        [
            (PeriodRule.NESTED, Q4, [IssueKind.CROSS_PERIOD]),
            (PeriodRule.SAME, Q4, [IssueKind.CROSS_PERIOD]),
            (PeriodRule.ANY, Q4, []),
            (PeriodRule.NESTED, Period.month(2026, 8), []),
            (PeriodRule.SAME, Period.month(2026, 8), [IssueKind.CROSS_PERIOD]),
        ],
    )
    def test_period_rules(
        self, rule: PeriodRule, period: Period, expected: list[IssueKind]
    ) -> None:
        """Linked goals' periods must nest, match, or not matter."""
        plan = cascade(period=period)
        report = validate(plan, AlignmentPolicy(periods=rule))
        assert expected == [i.kind for i in report.errors]

    @pytest.mark.parametrize(
        ("rule", "expected"),
        [
            (LevelRule.ADJACENT, [IssueKind.SKIPPED_LEVEL]),
            (LevelRule.DOWNWARD, []),
            (LevelRule.ANY, []),
        ],
    )
    def test_level_rules(self, rule: LevelRule, expected: list[IssueKind]) -> None:
        """A person aligned straight to the company skips levels unless allowed."""
        plan = cascade(links=(Link(child="o-ana", parent="kr-top-2"),))
        report = validate(plan, AlignmentPolicy(levels=rule))
        assert expected == [i.kind for i in report.errors]

    def test_single_parent_rule(self) -> None:
        """A strict cascade refuses a second link up; a DAG allows it."""
        plan = cascade(links=(Link(child="o-team", parent="kr-top-2"),))
        strict = validate(plan, AlignmentPolicy(parents=ParentRule.SINGLE, levels="any"))
        assert [IssueKind.MULTIPLE_PARENTS] == [i.kind for i in strict.errors]
        assert validate(plan, AlignmentPolicy(parents="many", levels="any")).ok

    def test_inverted_levels(self) -> None:
        """A company goal aligned to a team's key result sits above its parent."""
        plan = Plan(
            objectives=[
                _objective("o-top", "company"),
                _objective("o-team", "team", _kr("kr-team"), owner="team"),
            ],
            links=[Link(child="o-top", parent="kr-team")],
        )
        report = validate(plan, AlignmentPolicy(orphans=None))
        assert [IssueKind.INVERTED_LEVEL] == [i.kind for i in report.errors]

    @pytest.mark.parametrize(
        ("orphans", "expected"),
        [
            (Severity.WARNING, (0, 1, 0)),
            (Severity.ERROR, (1, 0, 0)),
            (Severity.INFO, (0, 0, 1)),
            (None, (0, 0, 0)),
        ],
    )
    def test_orphans(self, orphans: Severity | None, expected: tuple[int, int, int]) -> None:
        """A goal below the top level aligned to nothing is reported as configured."""
        kpi = KPI(id="kpi", title="Churn", owner="dept", level="department", unit="%")
        plan = Plan(objectives=cascade().objectives, links=cascade().links, kpis=[kpi])
        report = validate(plan, AlignmentPolicy(orphans=orphans))
        assert expected == (len(report.errors), len(report.warnings), len(report.infos))
        if orphans is not None:
            assert "kpis[0]" == report.issues[0].path

    def test_extra_rules_run_too(self) -> None:
        """A house rule plugs into the policy and its issues join the report."""

        class NoTeams:
            def check(self, graph: GoalGraph) -> list[AlignmentIssue]:
                return [
                    AlignmentIssue(
                        kind=IssueKind.ORPHAN,
                        path=graph.plan.path_of(goal_id),
                        ids=(goal_id,),
                        message=f"{goal_id!r} is a team goal",
                        severity=Severity.WARNING,
                    )
                    for goal_id in graph
                    if graph.level_of(goal_id) == "team" and goal_id.startswith("o-")
                ]

        report = validate(cascade(), AlignmentPolicy(extra_rules=[NoTeams()]))
        assert ["objectives[2]"] == [i.path for i in report.warnings]

    def test_example_plan_findings(self) -> None:
        """The example plan skips a level on purpose and has an orphan KPI."""
        report = validate(example_plan())
        assert [IssueKind.SKIPPED_LEVEL, IssueKind.ORPHAN] == [i.kind for i in report]
        assert 2 == len(report)

    @pytest.mark.parametrize(
        ("field", "value", "allowed"),
        [
            ("parents", "x", "'many', 'single'"),
            ("periods", None, "'any', 'nested', 'same'"),
            ("levels", "up", "'any', 'downward', 'adjacent'"),
            ("orphans", "loud", "'error', 'warning'"),
        ],
    )
    def test_policy_fields_list_the_allowed_values(
        self, field: str, value: object, allowed: str
    ) -> None:
        """AlignmentPolicy(parents='x') is a ValidationError naming the allowed values."""
        with pytest.raises(ValidationError) as caught:
            AlignmentPolicy(**{field: value})  # type: ignore[arg-type]
        assert (field, True) == (
            caught.value.path,
            caught.value.message.startswith(f"'{field}' must be one of {allowed}"),
        )

    @pytest.mark.parametrize(("rules", "path"), [(5, "extra_rules"), ([5], "extra_rules[0]")])
    def test_extra_rules_must_be_rules(self, rules: object, path: str) -> None:
        """Extra rules are objects with a check(graph) method."""
        with pytest.raises(ValidationError) as caught:
            AlignmentPolicy(extra_rules=rules)
        assert path == caught.value.path

    def test_non_links_are_reported(self) -> None:
        """Something that is not a Link is a problem, not a crash."""
        plan = cascade()
        report = validate(plan, links=(*plan.links, "o-top -> mission"))  # type: ignore[arg-type]
        assert "links[3]" == report.errors[0].path

    @settings(max_examples=50, deadline=None)
    @given(gs.plans(max_objectives=6, max_links=8))
    def test_valid_plans_have_no_structural_issue(self, plan: Plan) -> None:
        """Law: a plan of the strategies (acyclic by construction) has no structural issue."""
        assert () == GoalGraph.of(plan).structural_issues()

    @settings(max_examples=50, deadline=None)
    @given(gs.plans(max_objectives=6, max_links=8))
    def test_order_and_ancestry_agree(self, plan: Plan) -> None:
        """Law: every goal comes after its ancestors, and a is above b iff b is below a."""
        graph = GoalGraph.of(plan)
        order = {goal_id: n for n, goal_id in enumerate(graph.topological_order())}
        for goal_id in graph:
            for above in graph.ancestors(goal_id):
                assert order[above] < order[goal_id]
                assert goal_id in graph.descendants(above)


class TestRollUpValues:
    @staticmethod
    def plan() -> Plan:
        """A parent revenue KR with three contributing KRs and one objective."""
        return Plan(
            objectives=[
                _objective("o", "company", _kr("total")),
                _objective("o-a", "department", _kr("a", value=30), owner="a"),
                _objective("o-b", "department", _kr("b", value=12), owner="b"),
                _objective("o-c", "department", _kr("c"), owner="c"),
                _objective("o-d", "department", owner="d"),
            ],
            links=[
                Link(child="a", parent="total"),
                Link(child="b", parent="total"),
                Link(child="c", parent="total"),
                Link(child="o-d", parent="total"),
            ],
        )

    @pytest.mark.parametrize(
        ("how", "expected"),
        [
            ("sum", 42),
            ("mean", 21),
            ("min", 12),
            ("max", 30),
            ("last", 12),
            ("count", 2),
        ],
    )
    def test_aggregations(self, how: str, expected: object) -> None:
        """Children with values combine; those without a check-in are skipped."""
        assert expected == roll_up_values(self.plan(), "total", DAY, how)

    def test_nothing_before_the_first_check_in(self) -> None:
        """No child value as of the day: no rolled value."""
        assert roll_up_values(self.plan(), "total", date(2026, 7, 1)) is None

    def test_units_must_match(self) -> None:
        """Every child with another unit is reported, with its link's path."""
        plan = Plan(
            objectives=[
                _objective("o", "company", _kr("total")),
                _objective("o-a", "department", _kr("a", unit="USD"), owner="a"),
                _objective("o-b", "department", _kr("b", unit=" eur "), owner="b"),
                _objective("o-c", "department", _kr("c", unit="days"), owner="c"),
            ],
            links=[Link(child=k, parent="total") for k in ("a", "b", "c")],
        )
        with pytest.raises(ValidationError) as caught:
            roll_up_values(plan, "total", DAY)
        assert ["links[0].child", "links[2].child"] == [p.path for p in caught.value.problems]

    @staticmethod
    def valued(*values: object, unit: str = "EUR") -> Plan:
        """A parent KR whose contributing KRs checked in these values."""
        objectives = [_objective("o", "company", _kr("total", unit=unit))]
        for n, value in enumerate(values):
            kr = KeyResult.metric(
                id=f"k{n}",
                title=f"k{n}",
                unit=unit,
                target=Target.increase(from_=0, to=100),
                history=[CheckIn(day=date(2026, 8, 1), value=value)],  # type: ignore[arg-type]
            )
            objectives.append(_objective(f"o{n}", "department", kr, owner=f"o{n}"))
        links = [Link(child=f"k{n}", parent="total") for n in range(len(values))]
        return Plan(objectives=objectives, links=links)

    @pytest.mark.parametrize(
        ("values", "how", "expected"),
        [
            ((Decimal("30.50"), Decimal("11.5")), "sum", Decimal("42.00")),
            ((Decimal("30.50"), Decimal("11.5")), "mean", Decimal("21.00")),
            ((Decimal("0.01"), Decimal("1.00")), "mean", Decimal("0.505")),
            ((Decimal("10"), Decimal("0"), Decimal("0")), "mean", Fraction(10, 3)),
            ((Decimal("1.5"), 2), "sum", Decimal("3.5")),
            ((30, 12), "sum", 42),
            ((30, 11), "mean", Fraction(41, 2)),
            ((Fraction(1, 3), Decimal("0.5")), "sum", Fraction(5, 6)),
            ((0.5, Decimal("0.25")), "sum", 0.75),
        ],
    )
    def test_results_keep_the_inputs_type(
        self, values: tuple[Any, ...], how: str, expected: Any
    ) -> None:
        """Decimal in gives Decimal out (a Fraction where it does not terminate), ints give ints."""
        actual = roll_up_values(self.valued(*values), "total", DAY, how)
        assert (expected, type(expected)) == (actual, type(actual))

    def test_decimal_sums_ignore_the_callers_context(self) -> None:
        """A context of 5 digits changes nothing: the sum is exact."""
        import decimal

        plan = self.valued(Decimal("12345.678"), Decimal("0.001"))
        with decimal.localcontext(decimal.Context(prec=5)):
            assert Decimal("12345.679") == roll_up_values(plan, "total", DAY)

    @pytest.mark.parametrize(
        "at",
        [datetime(2026, 8, 15, 9, 0), "2026-08-15", None],  # noqa: DTZ001
    )
    def test_the_day_must_be_a_date(self, at: object) -> None:
        """at= follows the one rule of evaluation days."""
        with pytest.raises(ValidationError) as caught:
            roll_up_values(self.plan(), "total", at)  # type: ignore[arg-type]
        assert "at" == caught.value.path

    def test_many_distinct_denominators_are_refused_quickly(self) -> None:
        """An exact sum past the admission limit is refused, not computed for minutes."""
        plan = self.valued(*(Fraction(1, n + 2) for n in range(3000)))
        with pytest.raises(ValidationError, match="too precise"):
            roll_up_values(plan, "total", DAY)

    def test_float_sums_that_overflow_are_refused(self) -> None:
        """Two values near the float limit overflow: a ValidationError, never inf."""
        with pytest.raises(ValidationError, match="overflows float arithmetic"):
            roll_up_values(self.valued(1e308, 1e308), "total", DAY)

    def test_float_means_of_huge_values_are_still_means(self) -> None:
        """A mean lies within its values' range even where their sum overflows."""
        assert 1.25e308 == roll_up_values(self.valued(1e308, 1.5e308), "total", DAY, "mean")

    def test_an_exact_value_too_large_for_a_float_is_named(self) -> None:
        """An exact value beside a float is converted, or refused naming its check-in."""
        with pytest.raises(ValidationError) as caught:
            roll_up_values(self.valued(0.5, 10**400), "total", DAY)
        assert "objectives[2].key_results[0].history[0].value" == caught.value.path

    @pytest.mark.parametrize(
        ("goal_id", "how", "message"),
        [
            ("o", "sum", "must name a key result"),
            ("total", "median", "'how' must be one of"),
            ("total", None, "'how' must be one of"),
            (["total"], "sum", "names no goal"),
        ],
    )
    def test_bad_requests(self, goal_id: str, how: str, message: str) -> None:
        """Only key results roll up values, with a known aggregation."""
        with pytest.raises(ValidationError, match=message):
            roll_up_values(self.plan(), goal_id, DAY, how)


@given(st.sampled_from(["kr-ana", "o-team", "mission"]))
def test_chain_ends_at_a_root(goal_id: str) -> None:
    """Law: the chain of any goal ends at a root."""
    graph = GoalGraph.of(cascade())
    assert graph.chain(goal_id)[-1] in graph.roots()
