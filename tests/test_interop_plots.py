"""Tests of goalkit.interop.plots: figures render to PNG (skipped without matplotlib)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from goalkit import CheckIn, KeyResult, Objective, Plan, Target, ValidationError
from goalkit.evaluation import evaluate
from goalkit.examples import EXAMPLE_DAY, EXAMPLE_PERIOD, example_plan
from goalkit.interop._display import STATUS_COLOURS, STATUS_INK

pytest.importorskip("matplotlib")

from matplotlib.colors import to_hex

from goalkit.interop.plots import plot_key_result, plot_scores_by_owner

PNG = b"\x89PNG\r\n\x1a\n"


class TestPlots:
    @pytest.mark.parametrize(
        "goal_id", ["kr-ana-visits", "kr-sales-cycle", "kr-support-chatbot", "kr-inside-brochure"]
    )
    def test_burn_up_renders(self, goal_id: str, tmp_path: Path) -> None:
        """Each kind of key result draws a burn-up that saves as a PNG."""
        evaluation = evaluate(example_plan(), at=EXAMPLE_DAY)
        figure = plot_key_result(evaluation, goal_id)
        target = tmp_path / f"{goal_id}.png"
        figure.savefig(target)
        assert PNG == target.read_bytes()[:8]
        labels = figure.axes[0].get_legend_handles_labels()[1]
        assert "expected pace" in labels

    def test_scores_by_owner_renders(self, tmp_path: Path) -> None:
        """The owner chart has one bar per objective and saves as a PNG."""
        plan = example_plan()
        figure = plot_scores_by_owner(evaluate(plan, at=EXAMPLE_DAY))
        assert len(plan.objectives) == len(figure.axes[0].patches)
        figure.savefig(tmp_path / "owners.png")
        assert PNG == (tmp_path / "owners.png").read_bytes()[:8]

    def test_unknown_key_result(self) -> None:
        """Asking for a goal that is not a key result is a ValidationError."""
        evaluation = evaluate(example_plan(), at=EXAMPLE_DAY)
        with pytest.raises(ValidationError, match="names no key result"):
            plot_key_result(evaluation, "o-sales-pipeline")


def _actual(figure: Any) -> list[Any]:
    return [line for line in figure.axes[0].get_lines() if line.get_label().startswith("actual")]


class TestBurnUp:
    def test_milestones_draw_an_actual_line(self) -> None:
        """Regression: a milestones key result's burn-up drew no actual line.

        Progress steps up on each day a milestone was done, from the period's
        start to the evaluation day.
        """
        figure = plot_key_result(evaluate(example_plan(), at=EXAMPLE_DAY), "kr-inside-brochure")
        [line] = _actual(figure)
        days = [date(2026, 7, 1), date(2026, 7, 14), date(2026, 8, 12), EXAMPLE_DAY]
        assert (days, [0.0, 0.25, 0.75, 0.75], "steps-post") == (
            list(line.get_xdata()),
            list(line.get_ydata()),
            line.get_drawstyle(),
        )

    def test_actual_line_is_in_the_status_colour(self) -> None:
        """The actual line is drawn in the key result's status colour, not a fixed blue."""
        evaluation = evaluate(example_plan(), at=EXAMPLE_DAY)
        for goal_id, status in [("kr-ana-visits", "on_track"), ("kr-company-churn", "off_track")]:
            [line] = _actual(plot_key_result(evaluation, goal_id))
            assert (STATUS_INK[status], f"actual ({status.replace('_', ' ')})") == (
                to_hex(line.get_color()),
                line.get_label(),
            )

    def test_before_the_period_no_actual_line(self) -> None:
        """Before anything is done there is nothing to draw, and no error."""
        evaluation = evaluate(example_plan(), at=date(2026, 6, 1))
        assert [] == _actual(plot_key_result(evaluation, "kr-inside-brochure"))

    @pytest.mark.parametrize("bad", [None, ["kr-ana-visits"], 3])
    def test_bad_key_result_id(self, bad: object) -> None:
        """A key_result_id that is not a string is refused by name."""
        evaluation = evaluate(example_plan(), at=EXAMPLE_DAY)
        with pytest.raises(ValidationError) as caught:
            plot_key_result(evaluation, bad)  # type: ignore[arg-type]
        assert "key_result_id" == caught.value.path

    @pytest.mark.parametrize("plot", [plot_scores_by_owner, plot_key_result])
    def test_not_an_evaluation(self, plot: Callable[..., Any]) -> None:
        """A plan where an evaluation belongs is a ValidationError, not an AttributeError."""
        arguments = ("kr-ana-visits",) if plot is plot_key_result else ()
        with pytest.raises(ValidationError) as caught:
            plot(example_plan(), *arguments)
        assert "evaluation" == caught.value.path


class TestScoresByOwner:
    def test_bars_are_coloured_by_status(self) -> None:
        """Bars carry the objective's status colour; the legend names statuses."""
        plan = example_plan()
        evaluation = evaluate(plan, at=EXAMPLE_DAY)
        axes = plot_scores_by_owner(evaluation).axes[0]
        colours = [to_hex(bar.get_facecolor()) for bar in axes.patches]
        expected = [STATUS_COLOURS[evaluation.status(o.id).value] for o in plan.objectives]
        assert expected == colours
        legend = axes.get_legend_handles_labels()[1]
        assert sorted({evaluation.status(o.id).words for o in plan.objectives}) == sorted(legend)

    def test_grade_after_the_period(self) -> None:
        """After the period the bars' labels carry the final grade."""
        axes = plot_scores_by_owner(evaluate(example_plan(), at=date(2026, 10, 1))).axes[0]
        assert "76% · grade green" in [text.get_text() for text in axes.texts]

    def test_lone_surrogate_titles_save(self, tmp_path: Path) -> None:
        """Titles no encoding can write are shown by their escapes, and the figure saves."""
        kr = KeyResult.metric(
            id="kr",
            title="bad \udc80",
            target=Target.increase(from_=0, to=10),
            history=[CheckIn(day=date(2026, 8, 1), value=5)],
        )
        plan = Plan(
            objectives=[
                Objective(
                    id="o",
                    title="o \udc80",
                    owner="x \udc80",
                    level="team",
                    period=EXAMPLE_PERIOD,
                    key_results=[kr],
                )
            ]
        )
        evaluation = evaluate(plan, at=EXAMPLE_DAY)
        for figure in (plot_key_result(evaluation, "kr"), plot_scores_by_owner(evaluation)):
            figure.savefig(tmp_path / "chart.png")
            assert PNG == (tmp_path / "chart.png").read_bytes()[:8]
