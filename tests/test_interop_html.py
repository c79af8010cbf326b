"""Tests of goalkit.interop.html through IPython's display formatter."""

from __future__ import annotations

import re
from datetime import date
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from IPython.core.formatters import DisplayFormatter

from goalkit import (
    KPI,
    CheckIn,
    Goal,
    Initiative,
    KeyResult,
    LinkKind,
    Objective,
    Period,
    Plan,
    Target,
    ValidationError,
)
from goalkit import strategies as gs
from goalkit.evaluation import Evaluation, evaluate
from goalkit.examples import EXAMPLE_DAY, example_plan
from goalkit.interop._display import STATUS_INK
from goalkit.interop.diagrams import STATUS_COLOURS, to_dot, to_mermaid
from goalkit.interop.html import evaluation_to_html, plan_to_html
from goalkit.interop.text import render_tree, tree_rows
from goalkit.scoring import Status


class _Checker(HTMLParser):
    """Counts rows and checks that tags are balanced."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.rows = 0

    def handle_starttag(self, tag: str, attrs: object) -> None:
        self.stack.append(tag)
        self.rows += tag == "tr"

    def handle_endtag(self, tag: str) -> None:
        assert tag == self.stack.pop()


def _parse(page: str) -> _Checker:
    checker = _Checker()
    checker.feed(page)
    checker.close()
    assert [] == checker.stack
    return checker


class TestHtml:
    def test_plan_through_ipython(self) -> None:
        """IPython's formatter finds Plan._repr_html_ and gets a table row per goal."""
        plan = example_plan()
        data, _ = DisplayFormatter().format(plan)  # type: ignore[no-untyped-call]
        page = data["text/html"]
        assert 1 + len(plan) == _parse(page).rows  # header row + goals
        assert repr(plan) == data["text/plain"]

    def test_evaluation_html_has_coloured_statuses(self) -> None:
        """An evaluation's table shows progress, grade and status on a status colour."""
        page = evaluation_to_html(evaluate(example_plan(), at=EXAMPLE_DAY))
        _parse(page)
        assert '<tr style="background:#d4edda">' in page
        assert "52%" in page
        assert "on track" in page

    @pytest.mark.skipif(
        not hasattr(Evaluation, "_repr_html_"), reason="Evaluation._repr_html_ not added yet"
    )
    def test_evaluation_through_ipython(self) -> None:
        """IPython's formatter shows an evaluation as the same HTML."""
        evaluation = evaluate(example_plan(), at=EXAMPLE_DAY)
        data, _ = DisplayFormatter().format(evaluation)  # type: ignore[no-untyped-call]
        assert evaluation_to_html(evaluation) == data["text/html"]

    def test_text_is_escaped(self) -> None:
        """Titles and names with markup are shown, not interpreted."""
        plan = Plan(
            name="<script>",
            objectives=[
                Objective(
                    id="o1",
                    title="<b>bold</b> & co",
                    owner="<i>",
                    level="company",
                    period=Period.quarter(2026, 3),
                )
            ],
        )
        page = plan_to_html(plan)
        _parse(page)
        assert "<script>" not in page
        assert "&lt;b&gt;bold&lt;/b&gt; &amp; co" in page


class _Rows(HTMLParser):
    """Collects each table row's background colour and its cells' text."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[tuple[str | None, list[str]]] = []
        self._in_td = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "tr":
            style = dict(attrs).get("style") or ""
            colour = style.removeprefix("background:") if style.startswith("background:") else None
            self.rows.append((colour, []))
        elif tag == "td":
            self._in_td = True
            self.rows[-1][1].append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "td":
            self._in_td = False

    def handle_data(self, data: str) -> None:
        if self._in_td:
            cells = self.rows[-1][1]
            cells[-1] += data


def _rows(page: str) -> list[tuple[str | None, list[str]]]:
    parser = _Rows()
    parser.feed(page)
    parser.close()
    return parser.rows[1:]  # without the header row


def _cells(page: str, title: str) -> tuple[str | None, list[str]]:
    return next(row for row in _rows(page) if row[1] and row[1][0].strip().endswith(title))


class TestStatusColours:
    """Rows are coloured by status; the grade is labelled so far until the period ends."""

    def test_binary_not_yet_due(self) -> None:
        """Regression: a binary key result not yet due (0%, grade red) is green for on track."""
        page = evaluation_to_html(evaluate(example_plan(), at=EXAMPLE_DAY))
        colour, cells = _cells(page, "Launch the help-centre chatbot")
        assert (STATUS_COLOURS["on_track"], "0%", "red so far", "on track") == (
            colour,
            cells[4].strip(),
            cells[5],
            cells[6],
        )

    def test_grade_is_final_from_the_period_end(self) -> None:
        """From the period's last day on, the grade cell holds the final grade."""
        page = evaluation_to_html(evaluate(example_plan(), at=date(2026, 10, 1)))
        colour, cells = _cells(page, "Visit 100 manufacturing customers")
        assert (STATUS_COLOURS["closed"], "amber", "closed") == (colour, cells[5], cells[6])

    def test_kpis_show_their_value(self) -> None:
        """Regression: a KPI with measurements showed 'no data' beside 'on track'."""
        page = evaluation_to_html(evaluate(example_plan(), at=EXAMPLE_DAY))
        colour, cells = _cells(page, "Order processing time")
        assert (STATUS_COLOURS["on_track"], "2.3 days", "on track") == (
            colour,
            cells[4],
            cells[6],
        )

    def test_missing_key_result_is_named(self) -> None:
        """Regression: an objective with a key result without data shows what it knows."""
        q3 = Period.quarter(2026, 3)
        krs = [
            KeyResult.metric(
                id=f"kr{n}",
                title=f"KR {n}",
                target=Target.increase(from_=0, to=100),
                history=[CheckIn(day=date(2026, 8, 1), value=v)] if v is not None else [],
            )
            for n, v in enumerate([50, 44, None])
        ]
        objective = Objective(
            id="o", title="O", owner="x", level="team", period=q3, key_results=krs
        )
        page = evaluation_to_html(evaluate(Plan(objectives=[objective]), at=date(2026, 8, 15)))
        colour, cells = _cells(page, "O")
        assert (STATUS_COLOURS["no_data"], "47% so far", "1 of 3 key results without data") == (
            colour,
            cells[4].strip(),
            cells[6],
        )


class TestHostileText:
    def test_lone_surrogate_is_escaped(self) -> None:
        """A title no encoding can write is shown by its escape; the page encodes as UTF-8."""
        plan = Plan(
            name="n\udc80",
            objectives=[
                Objective(
                    id="o1",
                    title="bad \udc80 <b>",
                    owner="x",
                    level="company",
                    period=Period.quarter(2026, 3),
                )
            ],
        )
        for page in (plan_to_html(plan), evaluation_to_html(evaluate(plan, at=EXAMPLE_DAY))):
            _parse(page)
            page.encode("utf-8")
            assert "bad \\udc80 &lt;b&gt;" in page

    @pytest.mark.parametrize("subject", ["plan", None, 3])
    def test_not_a_plan(self, subject: object) -> None:
        """Neither a plan nor an evaluation: a ValidationError naming the argument."""
        with pytest.raises(ValidationError) as caught:
            plan_to_html(subject)  # type: ignore[arg-type]
        assert "subject" == caught.value.path
        with pytest.raises(ValidationError) as caught:
            evaluation_to_html(subject)  # type: ignore[arg-type]
        assert "evaluation" == caught.value.path


def _fed_by_kpis(plan: Plan, goal: Goal) -> bool:
    """Whether a KPI contributes to ``goal``, directly or through the goals below it."""
    below: dict[str, list[str]] = {}
    for link in plan.links:
        if link.kind is LinkKind.CONTRIBUTES:
            below.setdefault(link.parent, []).append(link.child)
    for objective in plan.objectives:
        below.setdefault(objective.id, []).extend(kr.id for kr in objective.key_results)
    seen, todo = set(), list(below.get(goal.id, ()))
    while todo:
        goal_id = todo.pop()
        if isinstance(plan[goal_id], KPI):
            return True
        if goal_id not in seen:
            seen.add(goal_id)
            todo.extend(below.get(goal_id, ()))
    return False


def _expected_status(evaluation: Evaluation, goal: Goal) -> str:
    """The status a goal must be drawn in: the evaluation's, or no data when nothing is known.

    A goal without progress keeps its status only when KPIs below it carry one up.
    """
    status = evaluation.status(goal.id)
    if isinstance(goal, KPI):
        known = evaluation[goal.id].value is not None
    else:
        known = evaluation.progress(goal.id) is not None or _fed_by_kpis(evaluation.plan, goal)
    judged = {Status.ON_TRACK, Status.AT_RISK, Status.OFF_TRACK, Status.DONE}
    return "no_data" if not known and status in judged else status.value


_QUOTED = r'"(?:[^"\\]|\\.)*"'
_DOT_NODE = re.compile(rf'  {_QUOTED} \[label={_QUOTED}(?:, fillcolor="(#\w+)")?\];')


def _view_fills(evaluation: Evaluation) -> list[dict[str, str | None]]:
    """The fill of every scored goal, as expected and as the HTML, DOT and Mermaid views draw it."""
    plan = evaluation.plan
    scored = [goal for goal in plan if not isinstance(goal, Initiative)]
    expected = {goal.id: STATUS_COLOURS[_expected_status(evaluation, goal)] for goal in scored}

    # HTML: one row per tree row, in tree order; a repeated row refers to the goal above.
    page = _rows(evaluation_to_html(evaluation))
    html = {
        row.goal.id: colour
        for row, (colour, _) in zip(tree_rows(plan), page, strict=True)
        if not row.repeated and not isinstance(row.goal, Initiative)
    }

    # DOT: one node line per goal, in plan order, with its fill colour.
    fills = [m.group(1) for m in map(_DOT_NODE.fullmatch, to_dot(evaluation).split("\n")) if m]
    dot = {
        goal.id: fill
        for goal, fill in zip(plan, fills, strict=True)
        if not isinstance(goal, Initiative)
    }

    # Mermaid: each node's class, and each class's fill.
    text = to_mermaid(evaluation)
    names = {f"g{index}": goal.id for index, goal in enumerate(plan)}
    class_fill = dict(re.findall(r"^  classDef (\w+) fill:(#\w+),", text, re.M))
    mermaid: dict[str, str | None] = {
        names[node]: class_fill[status]
        for members, status in re.findall(r"^  class (g[\d,g]+) (\w+)$", text, re.M)
        for node in members.split(",")
    }
    return [dict(expected), html, dot, mermaid]


class TestEveryViewAgrees:
    """No view colours a goal against its status: the demo plan, and any plan at any day."""

    @settings(max_examples=30, deadline=None)
    @given(gs.plans(), gs.days())
    def test_law_colour_follows_status(self, plan: Plan, at: date) -> None:
        """Law: HTML, DOT and Mermaid fill every scored goal with its status colour."""
        expected, *views = _view_fills(evaluate(plan, at=at))
        assert [expected] * len(views) == views

    def test_no_goal_coloured_against_its_status(self) -> None:
        """Text, HTML, DOT, Mermaid and both charts colour every goal by its status."""
        plan = example_plan()
        evaluation = evaluate(plan, at=EXAMPLE_DAY)
        scored = [goal for goal in plan if not isinstance(goal, Initiative)]
        expected = {goal.id: _expected_status(evaluation, goal) for goal in scored}
        fills = {goal_id: STATUS_COLOURS[status] for goal_id, status in expected.items()}
        assert [fills] * 4 == _view_fills(evaluation)

        # Text: the status words, and no grade, mid-cycle.
        tree = render_tree(evaluation)
        assert not re.search(r"· (red|amber|green|grade)\b", tree)
        for goal in scored:
            if isinstance(goal, Objective):
                continue  # objectives are checked by the charts and the other views
            line = next(line for line in tree.splitlines() if f"] {goal.title} · " in line)
            assert line.endswith(Status(expected[goal.id]).words)

        # Charts: bars by objective status; each burn-up's actual line in the status ink.
        pytest.importorskip("matplotlib")
        from matplotlib.colors import to_hex

        from goalkit.interop.plots import plot_key_result, plot_scores_by_owner

        bars = plot_scores_by_owner(evaluation).axes[0].patches
        objectives = [o.id for o in plan.objectives]
        assert [fills[o] for o in objectives] == [to_hex(bar.get_facecolor()) for bar in bars]
        for kr in plan.key_results:
            axes = plot_key_result(evaluation, kr.id).axes[0]
            actual = [line for line in axes.get_lines() if line.get_label().startswith("actual")]
            assert [STATUS_INK[expected[kr.id]]] * len(actual) == [
                to_hex(line.get_color()) for line in actual
            ]
            assert 1 == len(actual)  # every demo key result has data, milestones included
