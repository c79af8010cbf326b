"""Tests of the command line, run in-process through goalkit.cli.main."""

from __future__ import annotations

import csv
import decimal
import io
import json
import subprocess
import sys
from datetime import date
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest

from goalkit import Plan, ValidationError, cli
from goalkit.checks import check
from goalkit.cli import (
    EXIT_BAD_INPUT,
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
    EXIT_TOO_LARGE,
    _csv_cell,
    main,
)
from goalkit.evaluation import evaluate
from goalkit.examples import EXAMPLE_DAY, example_plan
from goalkit.exceptions import Problem
from goalkit.interop.data import from_json, to_dict, to_json
from goalkit.interop.text import render_tree


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
        plan = example_plan()
        tree = render_tree(evaluate(plan, at=EXAMPLE_DAY))
        findings = check(plan, at=EXAMPLE_DAY).render()
        assert (0, f"{tree}\n\n{findings}\n") == (status, out)
        assert out.startswith("Acme Analytics, Q3 2026\n")
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
        tree = render_tree(evaluate(example_plan(), at=date(2026, 8, 15)))
        assert (0, tree + "\n") == (status, out)

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


def _plan_file(tmp_path: Path, document: object) -> Path:
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def _no_traceback(err: str) -> bool:
    return "Traceback" not in err and err.startswith("goalkit")


class TestNoTraceback:
    """Issue 11: the command line never prints a traceback."""

    @pytest.mark.parametrize("fmt", ["text", "json", "csv"])
    def test_lone_surrogate_in_a_title(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, fmt: str
    ) -> None:
        """A lone surrogate in a title is written as a backslash escape; exit 0."""
        document = to_dict(example_plan())
        document["objectives"][0]["title"] = "Grow \udcff now"
        path = _plan_file(tmp_path, document)
        status, out, err = _run(
            capsys, "evaluate", str(path), "--at", "2026-08-15", "--format", fmt
        )
        assert (0, "") == (status, err)
        assert "Grow \\udcff now" in out

    def test_text_the_terminal_cannot_encode(
        self, monkeypatch: pytest.MonkeyPatch, plan_file: Path
    ) -> None:
        """On an ASCII terminal, non-ASCII text is escaped rather than a crash."""
        buffer = io.BytesIO()
        stream = io.TextIOWrapper(buffer, encoding="ascii")
        monkeypatch.setattr(sys, "stdout", stream)
        status = main(["check", str(plan_file), "--lang", "zh"])
        stream.flush()
        text = buffer.getvalue().decode("ascii")
        assert (0, True) == (status, "\\u5efa\\u8bae" in text)  # 建议

    def test_surrogate_in_an_argument(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Argparse's error about an argument with a surrogate is escaped too."""
        with pytest.raises(SystemExit) as caught:
            main(["demo", "--format", "x\udcff"])
        err = capsys.readouterr().err
        assert 2 == caught.value.code
        assert "x\\udcff" in err
        assert [line for line in err.splitlines() if line.startswith("goalkit")] == [
            err.splitlines()[-1]
        ]

    @pytest.mark.parametrize(
        ("raised", "status", "line"),
        [
            (MemoryError(), EXIT_TOO_LARGE,
             "goalkit: out of memory: the input is too large for this machine"),
            (RuntimeError("boom"), EXIT_INTERNAL,
             "goalkit: internal error (RuntimeError: boom); please report it"),
            (KeyboardInterrupt(), EXIT_INTERRUPTED, "goalkit: interrupted"),
            (RecursionError("deep"), EXIT_INTERNAL,
             "goalkit: internal error (RecursionError: deep); please report it"),
        ],
    )  # fmt: skip
    def test_failures_are_one_line(  # noqa: PLR0917 - pytest passes fixtures by name
        self,
        capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch,
        plan_file: Path,
        raised: BaseException,
        status: int,
        line: str,
    ) -> None:
        """Running out of memory, a bug, Ctrl-C: one goalkit line and a documented status."""

        def fail(*_: object, **__: object) -> Plan:
            raise raised

        monkeypatch.setattr(cli, "from_json", fail)
        got, out, err = _run(capsys, "evaluate", str(plan_file), "--at", "2026-08-15")
        assert (status, "", line + "\n") == (got, out, err)

    def test_several_problems_of_a_goalkit_error(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, plan_file: Path
    ) -> None:
        """A refusal with several problems is one goalkit line, then one line per problem."""
        problems = [
            Problem(path="a", value=1, message="bad"),
            Problem(path="b", value=2, message="worse"),
        ]

        def refuse(*_: object, **__: object) -> None:
            raise ValidationError(problems)

        monkeypatch.setattr(cli, "evaluate", refuse)
        status, _, err = _run(capsys, "evaluate", str(plan_file), "--at", "2026-08-15")
        assert (EXIT_BAD_INPUT, "goalkit: 2 problems:\n  a: bad\n  b: worse\n") == (status, err)

    @pytest.mark.parametrize(
        ("content", "message"),
        [
            ("[" * 100_000, "nested deeper than"),
            (
                '{"kpis": [{"id": "k", "title": "t", "owner": "o", "level": "team", "unit": "%", '
                '"history": [{"day": "2026-07-01", "value": "1E+10000000"}]}]}',
                "kpis[0].history[0].value: 'value' is too large",
            ),
            ('{"name": ' + "9" * 5000 + "}", "name: 'name' must be a string (got <int of"),
            ('{"schema_version": 1, "name": NaN}', "NaN is not a JSON number"),
        ],
    )
    def test_hostile_files(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, content: str, message: str
    ) -> None:
        """Hostile files are refused quickly with exit 2 and their problem."""
        path = tmp_path / "bad.json"
        path.write_text(content, encoding="utf-8")
        status, out, err = _run(capsys, "evaluate", str(path), "--at", "2026-08-15")
        assert (EXIT_BAD_INPUT, "", True, True) == (status, out, message in err, _no_traceback(err))

    @pytest.mark.parametrize("day", ["20260930", "2026-W40-3", "2026-02-30", "2026-09-30T00:00"])
    def test_at_is_a_plan_day(self, capsys: pytest.CaptureFixture[str], day: str) -> None:
        """--at follows the day rule of plan files: YYYY-MM-DD, a day of the calendar."""
        with pytest.raises(SystemExit) as caught:
            main(["demo", "--at", day])
        err = capsys.readouterr().err
        assert 2 == caught.value.code
        assert err.splitlines()[-1].endswith(
            f"argument --at: not a day in ISO form such as 2026-09-30: {day!r}"
        )

    def test_help_lists_the_exit_codes(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--help documents every exit status."""
        with pytest.raises(SystemExit):
            main(["--help"])
        out = capsys.readouterr().out
        assert all(f"{code} " in out for code in ("0", "1", "2", "3", "4", "130"))


class TestCsvContext:
    def test_cells_ignore_the_callers_decimal_context(self) -> None:
        """A caller's decimal precision does not cut the digits of a CSV cell (issue 11)."""
        value = Fraction(12345678901234567890123456789012345, 7)
        expected = _csv_cell(value)
        with decimal.localcontext() as context:
            context.prec = 5
            assert expected == _csv_cell(value)
        assert "1763668414462081127160493827001763.571429" == expected
