"""Tests for goalkit.goals and goalkit.plan: the goals and the plan that holds them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from fractions import Fraction

import attrs
import pytest

from goalkit import (
    KPI,
    Aggregation,
    Binary,
    CheckIn,
    Checklist,
    Commitment,
    Frequency,
    Initiative,
    KeyResult,
    Link,
    LinkKind,
    Milestone,
    Objective,
    Origin,
    Period,
    Perspective,
    Plan,
    Polarity,
    Target,
    Theme,
    ThemeKind,
    ValidationError,
)
from goalkit._numbers import Number
from goalkit.examples import EXAMPLE_DAY, EXAMPLE_PERIOD, example_plan

Q3 = Period.quarter(2026, 3)


def _objective(objective_id: str, *key_results: KeyResult, level: str = "team") -> Objective:
    return Objective(
        id=objective_id,
        title=f"Objective {objective_id}",
        owner="owner",
        level=level,
        period=Q3,
        key_results=key_results,
    )


def _metric(kr_id: str) -> KeyResult:
    return KeyResult.metric(id=kr_id, title=f"KR {kr_id}", target=Target.at_least(1), unit="x")


class TestKeyResults:
    @pytest.mark.parametrize(
        ("key_result", "measure_type"),
        [
            (_metric("m"), Target),
            (
                KeyResult.milestones(id="c", title="Brochure", milestones=[Milestone(title="x")]),
                Checklist,
            ),
            (KeyResult.binary(id="b", title="Launch the chatbot", due=date(2026, 9, 15)), Binary),
        ],
    )
    def test_kinds(self, key_result: KeyResult, measure_type: type) -> None:
        """Each named constructor gives its own kind of measure."""
        assert measure_type is type(key_result.measure)

    def test_target_property(self) -> None:
        """Only metric key results have a target."""
        binary = KeyResult.binary(id="b", title="Launch")
        assert (Target.at_least(1), None) == (_metric("m").target, binary.target)

    def test_checklists_take_no_check_ins(self) -> None:
        """Milestones move by done_on, not by check-ins."""
        with pytest.raises(ValidationError, match="marking milestones done"):
            KeyResult(
                id="c",
                title="Brochure",
                measure=Checklist(milestones=[Milestone(title="x")]),
                history=[CheckIn(day=date(2026, 7, 1), value=1)],
            )

    def test_with_check_in_returns_a_new_key_result(self) -> None:
        """Key results are immutable; a check-in gives a new one."""
        original = _metric("m")
        updated = original.with_check_in(CheckIn(day=date(2026, 7, 1), value=3))
        assert (0, 1) == (len(original.history), len(updated.history))
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            original.title = "changed"  # type: ignore[misc]

    def test_measure_must_be_a_measure(self) -> None:
        """Anything but a Target, Checklist or Binary is refused."""
        with pytest.raises(ValidationError, match="'measure' must be"):
            KeyResult(id="x", title="x", measure=42)  # type: ignore[arg-type]

    def test_initiatives_are_tasks_under_a_key_result(self) -> None:
        """Initiatives hang below key results: the chain ends in tasks."""
        task = Initiative(id="t", title="Brief the agency", status="in_progress")
        kr = KeyResult.binary(id="b", title="Launch", initiatives=[task])
        assert ("in_progress", (task,)) == (kr.initiatives[0].status.value, kr.initiatives)


class TestObjectives:
    def test_defaults(self) -> None:
        """Objectives are aspirational and top-down unless said otherwise."""
        objective = _objective("o")
        assert (Commitment.ASPIRATIONAL, Origin.TOP_DOWN, None) == (
            objective.commitment,
            objective.origin,
            objective.perspective,
        )

    def test_enum_values_are_accepted_as_text(self) -> None:
        """HR systems store enums as text; the values convert."""
        objective = attrs.evolve(
            _objective("o"), commitment="committed", origin="bottom_up", perspective="customer"
        )
        assert (Commitment.COMMITTED, Origin.BOTTOM_UP, Perspective.CUSTOMER) == (
            objective.commitment,
            objective.origin,
            objective.perspective,
        )

    def test_key_result_lookup(self) -> None:
        """An objective finds its key results by id."""
        objective = _objective("o", _metric("a"), _metric("b"))
        assert "b" == objective.key_result("b").id
        with pytest.raises(KeyError):
            objective.key_result("zz")

    def test_with_key_result_replaces_or_adds(self) -> None:
        """with_key_result replaces the one with the same id, else appends."""
        objective = _objective("o", _metric("a"))
        renamed = attrs.evolve(_metric("a"), title="renamed")
        assert ["renamed"] == [kr.title for kr in objective.with_key_result(renamed).key_results]
        assert ["a", "b"] == [kr.id for kr in objective.with_key_result(_metric("b")).key_results]

    def test_check_ins_before_the_start_are_kept(self) -> None:
        """A reading taken before the quarter counts as a reading of the start."""
        kr = _metric("a").with_check_in(CheckIn(day=date(2026, 6, 28), value=0))
        assert 1 == len(_objective("o", kr).key_results[0].history)


class TestKPIs:
    def test_kpi_is_not_a_key_result(self) -> None:
        """A KPI has a frequency, a polarity and an aggregation; a key result does not."""
        kpi = KPI(
            id="k", title="Response time", owner="cx", level="team", unit="minutes",
            polarity="lower_is_better", frequency="weekly", aggregation="mean", target=5,
        )  # fmt: skip
        assert (Polarity.LOWER_IS_BETTER, Frequency.WEEKLY, Aggregation.MEAN) == (
            kpi.polarity,
            kpi.frequency,
            kpi.aggregation,
        )
        assert not isinstance(kpi, KeyResult)

    def test_within_range_needs_both_edges(self) -> None:
        """A KPI kept inside a range needs the range."""
        with pytest.raises(ValidationError, match="'low' and 'high' are required"):
            KPI(id="k", title="Uptime", owner="x", level="team", unit="%", polarity="within_range")

    def test_with_check_in(self) -> None:
        """KPIs collect measurements like key results do."""
        kpi = KPI(id="k", title="MRR", owner="x", level="company", unit="EUR")
        assert 1 == len(kpi.with_check_in(CheckIn(day=date(2026, 7, 1), value=10)).history)


class TestPlan:
    def test_lookup_by_id_across_kinds(self) -> None:
        """Themes, objectives, key results, initiatives and KPIs share one id space."""
        plan = example_plan()
        kinds = {type(plan[goal_id]).__name__ for goal_id in (
            "mission", "o-company-growth", "kr-sales-cycle", "i-brochure-agency", "kpi-mrr",
        )}  # fmt: skip
        assert {"Theme", "Objective", "KeyResult", "Initiative", "KPI"} == kinds

    def test_paths(self) -> None:
        """Every goal knows where it sits in the plan."""
        plan = example_plan()
        assert [
            "themes[0]",
            "objectives[1].key_results[2]",
            "objectives[3].key_results[1].initiatives[0]",
            "kpis[2]",
        ] == [
            plan.path_of(goal_id)
            for goal_id in ("mission", "kr-sales-cycle", "i-brochure-agency", "kpi-uptime")
        ]

    def test_owners_and_parents(self) -> None:
        """objective_of / key_result_of find the containers; goals_of finds an owner's goals."""
        plan = example_plan()
        assert "o-sales-pipeline" == plan.objective_of("kr-sales-cycle").id  # type: ignore[union-attr]
        assert "kr-inside-brochure" == plan.key_result_of("i-brochure-agency").id  # type: ignore[union-attr]
        assert plan.objective_of("kpi-mrr") is None
        assert plan.key_result_of("o-ben-growth") is None
        assert ["o-company-growth", "kpi-mrr", "kpi-uptime"] == [
            g.id for g in plan.goals_of("acme")
        ]

    def test_mapping_views(self) -> None:
        """The plan iterates its goals, counts them and offers a read-only id mapping."""
        plan = example_plan()
        assert len(plan) == len(list(plan)) == len(plan.ids)
        assert ("kpi-mrr" in plan, "nope" in plan, plan.get("nope")) == (True, False, None)
        assert len(plan.key_results) == sum(len(o.key_results) for o in plan.objectives)
        assert ["i-brochure-agency"] == [i.id for i in plan.initiatives]

    def test_with_check_in(self) -> None:
        """A check-in gives a new plan; the old one is unchanged."""
        plan = example_plan()
        check_in = CheckIn(day=date(2026, 8, 20), value=30)
        updated = plan.with_check_in("kr-sales-cycle", check_in)
        assert updated["kr-sales-cycle"].history.latest().value == 30  # type: ignore[union-attr]
        assert plan["kr-sales-cycle"].history.latest().value == 36  # type: ignore[union-attr]
        kpi = updated.with_check_in("kpi-mrr", check_in)["kpi-mrr"]
        assert check_in == kpi.history.latest()  # type: ignore[union-attr]

    def test_with_check_in_reports_the_plan_path(self) -> None:
        """A refused check-in says where in the plan it would have gone."""
        late = CheckIn(day=date(2026, 10, 5), value=30)
        with pytest.raises(ValidationError) as caught:
            example_plan().with_check_in("kr-sales-cycle", late)
        assert "objectives[1].key_results[2].history[2].day" == caught.value.path

    def test_with_check_in_on_a_goal_without_history(self) -> None:
        """Objectives take no check-ins."""
        with pytest.raises(ValidationError, match="takes no check-ins"):
            example_plan().with_check_in("o-ben-growth", CheckIn(day=date(2026, 8, 1), value=1))

    def test_with_goals_and_links(self) -> None:
        """Goals are added or replaced by id; links are appended."""
        plan = Plan(objectives=[_objective("a")])
        grown = plan.with_goals(_objective("b"), attrs.evolve(_objective("a"), title="A!"))
        grown = grown.with_links(Link(child="b", parent="a", kind=LinkKind.SUPPORTS))
        assert (["A!", "Objective b"], 1) == ([o.title for o in grown.objectives], len(grown.links))
        with pytest.raises(ValidationError):
            plan.with_goals(_metric("x"))  # type: ignore[arg-type]

    def test_custom_levels(self) -> None:
        """An organisation may name its own levels."""
        plan = Plan(levels=["group", "squad"], objectives=[_objective("a", level="squad")])
        assert ("group", "squad") == plan.levels

    def test_duplicate_links(self) -> None:
        """The same link twice is reported with both places."""
        with pytest.raises(ValidationError, match=r"first at links\[0\]"):
            Plan(
                objectives=[_objective("a"), _objective("b")],
                links=[Link(child="b", parent="a"), Link(child="b", parent="a")],
            )

    def test_repr_summarises(self) -> None:
        """A plan's repr counts what it holds rather than dumping it."""
        assert repr(example_plan()).startswith("Plan(name='Acme Analytics, Q3 2026', themes=2")


class TestExamplePlan:
    def test_has_the_whole_chain(self) -> None:
        """The example covers mission to task, every key result kind and decreasing targets."""
        plan = example_plan()
        kinds = {type(kr.measure) for kr in plan.key_results}
        decreasing = [
            kr.id for kr in plan.key_results if kr.target and kr.target.direction.sign < 0
        ]
        assert {Target, Checklist, Binary} == kinds
        assert len(decreasing) >= 2
        assert ThemeKind.MISSION == plan.themes[0].kind
        assert len(plan.kpis) >= 3
        assert Q3 == EXAMPLE_PERIOD
        assert EXAMPLE_PERIOD.contains(EXAMPLE_DAY)

    def test_is_deterministic(self) -> None:
        """Two builds are equal."""
        assert example_plan() == example_plan()


def _kpi(**kwargs: object) -> KPI:
    fields: dict[str, object] = {
        "id": "k",
        "title": "MRR",
        "owner": "x",
        "level": "company",
        "unit": "EUR",
    }
    fields.update(kwargs)
    return KPI(**fields)  # type: ignore[arg-type]


class TestEnumFields:
    @pytest.mark.parametrize(
        ("build", "path", "first_allowed"),
        [
            (lambda: Initiative(id="t", title="t", status=None), "status", "'planned'"),  # type: ignore[arg-type]
            (lambda: _kpi(polarity=None), "polarity", "'higher_is_better'"),
            (lambda: _kpi(frequency=None), "frequency", "'daily'"),
            (lambda: _kpi(aggregation=None), "aggregation", "'sum'"),
            (lambda: Theme(id="m", title="m", kind=None), "kind", "'mission'"),  # type: ignore[arg-type]
            (lambda: attrs.evolve(_objective("o"), commitment=None), "commitment", "'committed'"),  # type: ignore[arg-type]
            (lambda: attrs.evolve(_objective("o"), origin=None), "origin", "'top_down'"),  # type: ignore[arg-type]
        ],
    )
    def test_required_enums_refuse_none(
        self, build: Callable[[], object], path: str, first_allowed: str
    ) -> None:
        """Required enum fields refuse None with the allowed values, instead of crashing later."""
        with pytest.raises(ValidationError) as caught:
            build()
        assert (path, None) == (caught.value.path, caught.value.value)
        assert caught.value.message.startswith(f"'{path}' must be one of {first_allowed}, ")

    @pytest.mark.parametrize(
        ("build", "path"),
        [
            (lambda: Initiative(id="t", title="t", status="bogus"), "status"),
            (lambda: _kpi(polarity="up"), "polarity"),
            (lambda: _kpi(perspective="bogus"), "perspective"),
            (lambda: attrs.evolve(_objective("o"), horizon="forever"), "horizon"),
            (lambda: Theme(id="m", title="m", kind=["mission"]), "kind"),  # type: ignore[arg-type]
        ],
    )
    def test_unknown_values(self, build: Callable[[], object], path: str) -> None:
        """Unknown values, unhashable ones included, name the field and the allowed values."""
        with pytest.raises(ValidationError, match="must be one of") as caught:
            build()
        assert path == caught.value.path

    def test_optional_enums_take_none(self) -> None:
        """Perspective and horizon are optional: None means untagged."""
        kpi = _kpi(perspective=None, horizon=None)
        assert (None, None) == (kpi.perspective, kpi.horizon)

    def test_enum_and_other_problems_together(self) -> None:
        """Every problem of an objective comes in one error."""
        with pytest.raises(ValidationError) as caught:
            Objective(
                id="o", title="", owner="x", level="team", period=Q3, commitment=None,  # type: ignore[arg-type]
                origin="sideways",
            )  # fmt: skip
        assert ["title", "commitment", "origin"] == [p.path for p in caught.value.problems]


class TestCollections:
    @pytest.mark.parametrize(
        ("build", "path", "message"),
        [
            (
                lambda: attrs.evolve(_objective("o"), key_results=5),  # type: ignore[arg-type]
                "key_results",
                "'key_results' must be a list of KeyResult (got 5)",
            ),
            (
                lambda: attrs.evolve(_objective("o"), key_results="kr-1"),  # type: ignore[arg-type]
                "key_results",
                "'key_results' must be a list of KeyResult (got 'kr-1')",
            ),
            (
                lambda: _kpi(thresholds=5),
                "thresholds",
                "'thresholds' must be a list of Threshold (got 5)",
            ),
            (
                lambda: KeyResult.binary(id="b", title="b", history=None),  # type: ignore[arg-type]
                "history",
                "'history' must be a History or a list of CheckIn (got None)",
            ),
            (
                lambda: _kpi(history=None),
                "history",
                "'history' must be a History or a list of CheckIn (got None)",
            ),
            (
                lambda: KeyResult.binary(id="b", title="b", initiatives=3),  # type: ignore[arg-type]
                "initiatives",
                "'initiatives' must be a list of Initiative (got 3)",
            ),
            (
                lambda: KeyResult.metric(
                    id="m",
                    title="m",
                    target=Target.at_least(1),
                    checkpoints=1.5,  # type: ignore[arg-type]
                ),
                "checkpoints",
                "'checkpoints' must be a list of Checkpoint (got 1.5)",
            ),
        ],
    )
    def test_not_a_collection(self, build: Callable[[], object], path: str, message: str) -> None:
        """A field that takes a list refuses anything else with a ValidationError, not TypeError."""
        with pytest.raises(ValidationError) as caught:
            build()
        assert (path, message) == (caught.value.path, caught.value.message)

    def test_history_problems_come_with_the_others(self) -> None:
        """A bad check-in in a history is reported together with the key result's own problems."""
        with pytest.raises(ValidationError) as caught:
            KeyResult.binary(id="", title="b", history=[CheckIn(day=date(2026, 7, 1), value=1), 7])  # type: ignore[list-item]
        assert ["id", "history[1]"] == [p.path for p in caught.value.problems]

    def test_history_from_a_generator(self) -> None:
        """Any iterable of check-ins makes a history."""
        kr = KeyResult.binary(
            id="b", title="b", history=(CheckIn(day=date(2026, 7, d), value=1) for d in (2, 1))
        )
        assert [1, 2] == [c.day.day for c in kr.history]


class TestNumberFields:
    def test_numpy_weights_and_kpi_values(self) -> None:
        """Key result weights and KPI target/low/high take numpy scalars, stored as Python."""
        np = pytest.importorskip("numpy")
        kr = KeyResult.binary(id="b", title="b", weight=np.int64(2))
        kpi = _kpi(polarity="within_range", low=np.int64(1), high=np.float64(2.5))
        target = _kpi(target=np.float64(7.0)).target
        assert (int, int, float, float) == (
            type(kr.weight),
            type(kpi.low),
            type(kpi.high),
            type(target),
        )

    @pytest.mark.parametrize(
        "value", [Decimal("1E+10000000"), 10**5000, Fraction(1, 10**5000)], ids=["e", "i", "f"]
    )
    def test_hostile_numbers_are_refused(self, value: Number) -> None:
        """Weights and KPI numbers past the admission limit are ValidationErrors."""
        with pytest.raises(ValidationError, match="limited to 1,000 digits"):
            KeyResult.binary(id="b", title="b", weight=value)
        with pytest.raises(ValidationError, match="limited to 1,000 digits"):
            _kpi(target=value)


class TestHoldAtKeyResults:
    def test_a_hold_at_key_result_imports(self) -> None:
        """A key result whose start equals its target ("hold at 50") is part of an objective."""
        kr = KeyResult.metric(
            id="kr-hold", title="Hold NPS at 50", target=Target.increase(from_=50, to=50)
        )
        assert ["kr-hold"] == [k.id for k in _objective("o", kr).key_results]
