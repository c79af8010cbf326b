"""Tests of goalkit.interop.diagrams: Mermaid and DOT text, escaped and complete."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings

from goalkit import Link, LinkKind, Objective, Period, Plan, Theme
from goalkit import strategies as gs
from goalkit.evaluation import evaluate
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
