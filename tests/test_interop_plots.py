"""Tests of goalkit.interop.plots: figures render to PNG (skipped without matplotlib)."""

from __future__ import annotations

from pathlib import Path

import pytest

from goalkit import ValidationError
from goalkit.evaluation import evaluate
from goalkit.examples import EXAMPLE_DAY, example_plan

pytest.importorskip("matplotlib")

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
