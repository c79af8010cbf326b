"""Tests of goalkit.interop.diagrams: Mermaid and DOT text, escaped and complete."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

import pytest
from hypothesis import given, settings

from goalkit import (
    CheckIn,
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
from goalkit.evaluation import Evaluation, evaluate
from goalkit.examples import EXAMPLE_DAY, example_plan
from goalkit.interop.diagrams import to_dot, to_mermaid

Q3 = Period.quarter(2026, 3)
QUOTED = r'"(?:[^"\\]|\\.)*"'
NODE = re.compile(rf"  {QUOTED} \[label={QUOTED}(, fillcolor=\S+)?\];$")
EDGE = re.compile(rf"  {QUOTED} -> {QUOTED}( \[.*\])?;$")


def _plan(title: str, goal_id: str = "o1") -> Plan:
    return Plan(
        objectives=[Objective(id=goal_id, title=title, owner="acme", level="company", period=Q3)]
    )


class TestMermaid:
    @pytest.mark.parametrize(
        ("title", "label"),
        [
            ('Say "hi"', "Say #quot;hi#quot;"),
            ("two\nlines", "two<br/>lines"),
            ("a <b> & #1", "a #lt;b#gt; & #35;1"),
        ],
    )
    def test_titles_are_escaped(self, title: str, label: str) -> None:
        """Quotes, newlines, angle brackets and '#' never break a Mermaid label."""
        assert f'g0["[objective] {label}<br/>acme"]' in to_mermaid(_plan(title))

    def test_links_and_containment(self) -> None:
        """Key results point to objectives; supports links are dashed; weights are labelled."""
        plan = Plan(
            themes=[Theme(id="t", title="Theme")],
            objectives=[
                Objective(id="o1", title="A", owner="x", level="company", period=Q3),
                Objective(id="o2", title="B", owner="y", level="team", period=Q3),
            ],
            links=[
                Link(child="o1", parent="t", kind=LinkKind.SUPPORTS),
                Link(child="o2", parent="o1", weight=2),
            ],
        )
        lines = to_mermaid(plan).splitlines()
        assert "  g1 -.-> g0" in lines
        assert "  g2 -->|w=2| g1" in lines

    def test_evaluation_adds_scores_and_status_classes(self) -> None:
        """An evaluation's chart shows progress and colours nodes by status."""
        text = to_mermaid(evaluate(example_plan(), at=EXAMPLE_DAY))
        assert "52% · on track" in text
        assert re.search(r"classDef on_track fill:#\w+", text)

    @settings(max_examples=40, deadline=None)
    @given(gs.plans())
    def test_every_goal_is_one_node(self, plan: Plan) -> None:
        """Law: one node line per goal, and every label's quotes are balanced."""
        node_lines = [line for line in to_mermaid(plan).splitlines() if '["' in line]
        assert len(plan) == len(node_lines)
        assert all(line.count('"') == 2 for line in node_lines)


class TestDot:
    @pytest.mark.parametrize(
        ("title", "label"),
        [
            ('Say "hi"', 'Say \\"hi\\"'),
            ("two\nlines", "two\\nlines"),
            ("back\\slash", "back\\\\slash"),
        ],
    )
    def test_titles_are_escaped(self, title: str, label: str) -> None:
        """Quotes, newlines and backslashes are escaped in DOT strings."""
        assert f'"o1" [label="[objective] {label}\\nacme"];' in to_dot(_plan(title))

    def test_ids_are_escaped(self) -> None:
        """A goal id with a quote is a valid quoted DOT name."""
        assert '"o\\"1" [label=' in to_dot(_plan("x", goal_id='o"1'))

    def test_evaluation_fills_by_status(self) -> None:
        """Scored nodes are filled with their status colour."""
        text = to_dot(evaluate(example_plan(), at=EXAMPLE_DAY))
        line = (
            '"kr-ana-visits" [label="[KR] Visit 100 manufacturing customers\\n52% · on track", '
            'fillcolor="#d4edda"];'
        )
        assert line in text

    @settings(max_examples=40, deadline=None)
    @given(gs.plans())
    def test_structure(self, plan: Plan) -> None:
        """Law: a digraph with one node per goal and one edge per link or containment."""
        lines = to_dot(plan).splitlines()
        contained = sum(len(o.key_results) for o in plan.objectives) + len(plan.initiatives)
        assert ("digraph plan {", "}") == (lines[0], lines[-1])
        assert len(plan) == sum(bool(NODE.match(line)) for line in lines)
        assert len(plan.links) + contained == sum(bool(EDGE.match(line)) for line in lines)


class TestScores:
    """Labels follow the shared display rules: status, KPI values, no grade mid-cycle."""

    def test_kpis_show_their_value(self) -> None:
        """Regression: KPIs with measurements showed '--' beside their status."""
        evaluation = evaluate(example_plan(), at=EXAMPLE_DAY)
        assert "[KPI] Order processing time<br/>dept-sales<br/>2.3 days · on track" in to_mermaid(
            evaluation
        )
        line = (
            '"kpi-mrr" [label="[KPI] Monthly recurring revenue\\nacme\\n1,452,000 EUR · at risk", '
            'fillcolor="#fff3cd"];'
        )
        assert line in to_dot(evaluation)

    def test_no_grade_mid_cycle_final_grade_after(self) -> None:
        """The grade appears, labelled, only from the period's last day on."""
        mid = to_dot(evaluate(example_plan(), at=EXAMPLE_DAY))
        end = to_dot(evaluate(example_plan(), at=date(2026, 10, 1)))
        chatbot = '"kr-support-chatbot" [label="[KR] Launch the help-centre chatbot\\n'
        assert f'{chatbot}0% · on track", fillcolor="#d4edda"];' in mid
        assert f'{chatbot}0% · grade red · closed", fillcolor="#d6d8d9"];' in end

    def test_missing_key_result_is_named(self) -> None:
        """An objective with a key result without data says so, in grey."""
        kr = KeyResult.metric(id="kr", title="KR", target=Target.increase(from_=0, to=100))
        done = KeyResult.metric(
            id="kr2",
            title="KR2",
            target=Target.increase(from_=0, to=100),
            history=[CheckIn(day=date(2026, 8, 1), value=60)],
        )
        plan = Plan(
            objectives=[
                Objective(
                    id="o", title="O", owner="x", level="team", period=Q3, key_results=[kr, done]
                )
            ]
        )
        text = to_mermaid(evaluate(plan, at=date(2026, 8, 15)))
        assert 'g0["[objective] O<br/>x<br/>60% so far · 1 of 2 key results without data"]' in text
        assert "  class g0,g1 no_data" in text


class TestArguments:
    @pytest.mark.parametrize("direction", ["XX", "bt", None, 3, "BT;\n  click"])
    def test_bad_direction(self, direction: object) -> None:
        """A direction Mermaid does not know is refused, never written into the chart."""
        with pytest.raises(ValidationError) as caught:
            to_mermaid(example_plan(), direction=direction)  # type: ignore[arg-type]
        assert "direction" == caught.value.path

    @pytest.mark.parametrize("rankdir", ["TD", "", None, "BT; a -> b"])
    def test_bad_rankdir(self, rankdir: object) -> None:
        """A rankdir Graphviz does not know is refused."""
        with pytest.raises(ValidationError) as caught:
            to_dot(example_plan(), rankdir=rankdir)  # type: ignore[arg-type]
        assert "rankdir" == caught.value.path

    @pytest.mark.parametrize("render", [to_dot, to_mermaid])
    def test_not_a_plan(self, render: Callable[[Plan], str]) -> None:
        """Neither a plan nor an evaluation: a ValidationError naming the argument."""
        with pytest.raises(ValidationError) as caught:
            render("plan")  # type: ignore[arg-type]
        assert "subject" == caught.value.path

    @pytest.mark.parametrize("render", [to_dot, to_mermaid])
    def test_hostile_titles(self, render: Callable[[Plan | Evaluation], str]) -> None:
        """Long titles and lone surrogates render as text (escaping for output is the CLI's)."""
        title = "bad \udc80 " + "y" * 50_000
        plan = _plan(title)
        assert all(title in render(subject) for subject in (plan, evaluate(plan, at=EXAMPLE_DAY)))
