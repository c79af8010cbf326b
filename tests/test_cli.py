"""Tests of the command line, run in-process through goalkit.cli.main."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest

from goalkit import Plan
from goalkit.cli import _csv_cell, main
from goalkit.examples import example_plan
from goalkit.interop.data import from_json, to_json


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture
def plan_file(tmp_path: Path) -> Path:
    """The example plan written as a JSON file."""
    path = tmp_path / "plan.json"
    path.write_text(to_json(example_plan()), encoding="utf-8")
    return path


class TestDemo:
    def test_text_shows_scores_then_findings(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The default demo prints the scored tree, then the findings."""
        status, out, _ = _run(capsys, "demo")
        assert 0 == status
        assert out.startswith("Acme Analytics, Q3 2026\n")
        assert "[█████░░░░░]  52% · amber · on track" in out
        assert "OKR-COPY-01" in out

    def test_json_is_the_example_plan(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Demo --format json prints a plan that reads back equal to the example."""
        status, out, _ = _run(capsys, "demo", "--format", "json")
        assert (0, example_plan()) == (status, from_json(out))

    @pytest.mark.parametrize(
        ("fmt", "first"), [("mermaid", "flowchart BT"), ("dot", "digraph plan {")]
    )
    def test_diagrams(self, capsys: pytest.CaptureFixture[str], fmt: str, first: str) -> None:
        """Mermaid and DOT output start with their headers."""
        status, out, _ = _run(capsys, "demo", "--format", fmt, "--at", "2026-09-30")
        assert (0, first) == (status, out.splitlines()[0])

    def test_bad_day_is_a_usage_error(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A day that is not ISO exits 2 with argparse's message."""
        with pytest.raises(SystemExit) as caught:
            main(["demo", "--at", "30/09/2026"])
        assert 2 == caught.value.code
        assert "not a day in ISO form" in capsys.readouterr().err


class TestCheck:
    def test_example_has_no_errors(
        self, capsys: pytest.CaptureFixture[str], plan_file: Path
    ) -> None:
        """The example has warnings but no error-level finding: exit 0, grouped by goal."""
        status, out, _ = _run(capsys, "check", str(plan_file), "--at", "2026-09-30")
        assert 0 == status
        assert "kr-support-chatbot · objectives[4].key_results[1]" in out

    def test_chinese_okr_profile(self, capsys: pytest.CaptureFixture[str], plan_file: Path) -> None:
        """--profile and --lang reach the checks."""
        status, out, _ = _run(capsys, "check", str(plan_file), "--profile", "okr", "--lang", "zh")
        assert 0 == status
        assert "建议" in out

    def test_error_findings_exit_1(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """A plan with an error-level finding exits 1."""
        data = {
            "objectives": [
                {"id": "o1", "title": "Be great", "owner": "a", "level": "company",
                 "period": "2026-Q3"}
            ]
        }  # fmt: skip
        path = tmp_path / "empty.json"
        path.write_text(json.dumps(data), encoding="utf-8")
        status, out, _ = _run(capsys, "check", str(path))
        assert "SMART-M04" in out
        assert 1 == status

    @pytest.mark.parametrize(
        ("content", "message"),
        [
            ('{"objectives": [{"id": 1}]}', "objectives[0].id: 'id' must be a string (got 1)"),
            ("{oops", "not valid JSON"),
            (b"\xff\xfe", "cannot read"),
        ],
    )
    def test_invalid_files_exit_2(
        self,
        capsys: pytest.CaptureFixture[str],
        tmp_path: Path,
        content: str | bytes,
        message: str,
    ) -> None:
        """Unreadable or invalid files exit 2 with every problem on stderr."""
        path = tmp_path / "bad.json"
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        status, out, err = _run(capsys, "check", str(path))
        assert (2, "") == (status, out)
        assert message in err

    def test_missing_file_exits_2(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """A file that does not exist exits 2."""
        status, _, err = _run(capsys, "check", str(tmp_path / "nope.json"))
        assert 2 == status
        assert "cannot read" in err

    def test_unknown_language_exits_2(
        self, capsys: pytest.CaptureFixture[str], plan_file: Path
    ) -> None:
        """A language without a catalog is the caller's mistake: exit 2."""
        status, _, err = _run(capsys, "check", str(plan_file), "--lang", "xx")
        assert 2 == status
        assert err.startswith("goalkit: ")


class TestEvaluate:
    def test_csv(self, capsys: pytest.CaptureFixture[str], plan_file: Path) -> None:
        """CSV has one row per goal; fractions are decimals, which spreadsheets can't misread."""
        status, out, _ = _run(
            capsys, "evaluate", str(plan_file), "--at", "2026-08-15", "--format", "csv"
        )
        rows = {row["id"]: row for row in csv.DictReader(io.StringIO(out))}
        assert 0 == status
        assert len(example_plan()) == len(rows)
        assert ("0.52", "on_track", "ana") == (
            rows["kr-ana-visits"]["progress"],
            rows["kr-ana-visits"]["status"],
            rows["kr-ana-visits"]["owner"],
        )

    def test_json(self, capsys: pytest.CaptureFixture[str], plan_file: Path) -> None:
        """JSON is a list of records."""
        status, out, _ = _run(
            capsys, "evaluate", str(plan_file), "--at", "2026-08-15", "--format", "json"
        )
        rows = json.loads(out)
        assert 0 == status
        assert {
            "id": "kr-ana-visits",
            "progress": "13/25",
            "parent_ids": ["o-ana-pipeline"],
        }.items() <= next(r for r in rows if r["id"] == "kr-ana-visits").items()

    def test_text(self, capsys: pytest.CaptureFixture[str], plan_file: Path) -> None:
        """Text is the tree with progress bars."""
        status, out, _ = _run(capsys, "evaluate", str(plan_file), "--at", "2026-08-15")
        assert 0 == status
        assert "52% · amber · on track" in out

    def test_at_is_required(self, capsys: pytest.CaptureFixture[str], plan_file: Path) -> None:
        """Evaluate without --at is a usage error."""
        with pytest.raises(SystemExit):
            main(["evaluate", str(plan_file)])
        assert "--at" in capsys.readouterr().err


class TestModule:
    def test_python_dash_m(self) -> None:
        """`python -m goalkit --help` runs and documents the commands and exit codes."""
        done = subprocess.run(
            [sys.executable, "-m", "goalkit", "--help"], capture_output=True, text=True, check=True
        )
        assert "exit status" in done.stdout
        assert all(word in done.stdout for word in ("demo", "check", "evaluate"))

    def test_plan_type(self) -> None:
        """The JSON the CLI reads is the plan format."""
        assert isinstance(from_json(to_json(example_plan())), Plan)


class TestCsvCells:
    @pytest.mark.parametrize(
        ("value", "cell"),
        [
            (Fraction(1, 2), "0.5"),
            (Fraction(2, 3), "0.666667"),
            (Fraction(100), "100"),
            (Fraction(0), "0"),
            (Fraction(-1, 8), "-0.125"),
            (Decimal("1.50"), "1.50"),
            (7, 7),
        ],
    )
    def test_fractions_become_decimals(self, value: object, cell: object) -> None:
        """Fractions are decimals rounded half-up to 6 places; other numbers keep their form."""
        assert cell == _csv_cell(value)
