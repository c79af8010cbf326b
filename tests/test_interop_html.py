"""Tests of goalkit.interop.html through IPython's display formatter."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from IPython.core.formatters import DisplayFormatter

from goalkit import Objective, Period, Plan
from goalkit.evaluation import Evaluation, evaluate
from goalkit.examples import EXAMPLE_DAY, example_plan
from goalkit.interop.html import evaluation_to_html, plan_to_html


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
