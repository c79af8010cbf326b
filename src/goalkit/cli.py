"""The command line: ``python -m goalkit``.

This is the only module of goalkit that prints or reads files, and it reads
only the files a user names.

Commands:

* ``demo``: the embedded example plan as a tree with scores and findings,
  as JSON, as a Mermaid flowchart or as Graphviz DOT;
* ``check PLAN.json``: the quality findings of a plan, grouped by goal;
* ``evaluate PLAN.json --at DAY``: every goal's score at a day, as a tree,
  JSON or CSV.

Exit status: 0 when all is well; 1 when ``check`` finds an error-level finding;
2 when a file cannot be read or is not a valid plan (every problem is printed
with its path, as :func:`goalkit.interop.from_dict` reports it) or the
arguments are wrong.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import sys
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

from goalkit.checks import PROFILES, Report, Severity, check
from goalkit.evaluation import Evaluation, evaluate
from goalkit.examples import EXAMPLE_DAY, example_plan
from goalkit.exceptions import GoalkitError, ValidationError
from goalkit.interop.data import format_number, from_json, to_json
from goalkit.interop.diagrams import to_dot, to_mermaid
from goalkit.interop.records import GOAL_COLUMNS, SCORE_COLUMNS, to_records
from goalkit.interop.text import render_tree
from goalkit.plan import Plan
from goalkit.scoring import Rounding, RoundingMode

__all__ = ["build_parser", "main"]

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_BAD_INPUT = 2


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as error:
        msg = f"not a day in ISO form such as 2026-09-30: {text!r}"
        raise argparse.ArgumentTypeError(msg) from error


_EPILOG = """\
exit status: 0 all is well; 1 'check' found an error-level finding;
2 the file is unreadable or not a valid plan, or the arguments are wrong.

examples:
  python -m goalkit demo
  python -m goalkit demo --format mermaid > plan.mmd
  python -m goalkit demo --format json > plan.json
  python -m goalkit check plan.json --profile okr --lang zh --at 2026-09-30
  python -m goalkit evaluate plan.json --at 2026-08-15 --format csv > scores.csv
"""


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``python -m goalkit``."""
    parser = argparse.ArgumentParser(
        prog="goalkit",
        description="Goal management: OKRs, KPIs, SMART checks, alignment and scoring.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    demo = commands.add_parser(
        "demo",
        help="show the embedded example plan (Acme Analytics, Q3 2026)",
        description=(
            "Build the embedded example plan and show it: as a tree with each goal's "
            "progress, grade and status followed by the quality findings (text), as the "
            "plan's JSON (a starting point for your own files), or as a Mermaid or "
            "Graphviz DOT diagram coloured by status."
        ),
    )
    demo.add_argument(
        "--format",
        choices=("text", "json", "mermaid", "dot"),
        default="text",
        help="what to print (default: text)",
    )
    demo.add_argument(
        "--at",
        type=_day,
        default=EXAMPLE_DAY,
        help=f"the evaluation day, in ISO form (default: {EXAMPLE_DAY.isoformat()})",
    )

    checker = commands.add_parser(
        "check",
        help="check a plan file against SMART and OKR/KPI practice",
        description=(
            "Read a plan from a JSON file (the format of 'demo --format json') and print "
            "the quality findings, grouped by goal. Exits 1 when any finding is an error, "
            "2 when the file cannot be read or is not a valid plan."
        ),
    )
    checker.add_argument("plan", type=Path, metavar="PLAN.json", help="the plan file")
    checker.add_argument(
        "--profile",
        choices=sorted(PROFILES),
        default="default",
        help="which rules to run (default: default)",
    )
    checker.add_argument(
        "--lang", default="en", help="language of messages and hints: en or zh (default: en)"
    )
    checker.add_argument(
        "--at",
        type=_day,
        default=None,
        help="the day to check at; rules about check-ins and grades need it",
    )

    evaluator = commands.add_parser(
        "evaluate",
        help="score every goal of a plan file at a day",
        description=(
            "Read a plan from a JSON file and score every goal at the end of a day: "
            "progress, grade, status, expected progress and forecast."
        ),
    )
    evaluator.add_argument("plan", type=Path, metavar="PLAN.json", help="the plan file")
    evaluator.add_argument("--at", type=_day, required=True, help="the evaluation day, in ISO form")
    evaluator.add_argument(
        "--format",
        choices=("text", "json", "csv"),
        default="text",
        help=(
            "text: a tree with progress bars; json: one object per goal (exact numbers); "
            "csv: a table, fractions as decimals rounded half-up to 6 places"
        ),
    )
    return parser


# -- rendering ----------------------------------------------------------------


def _plain(value: Any) -> Any:
    """A record value as JSON/CSV data (numbers by the plain-data rule)."""
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, int | float | Decimal | Fraction):
        return format_number(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):
        return [_plain(item) for item in value]
    return str(value)


def _records_json(evaluation: Evaluation) -> str:
    rows = [{key: _plain(value) for key, value in r.items()} for r in to_records(evaluation)]
    return json.dumps(rows, indent=2, ensure_ascii=False)


#: CSV cells are read by spreadsheets, which turn "1/2" into a date: fractions are
#: written as decimals, rounded half-up to this many places (JSON keeps them exact).
CSV_ROUNDING = Rounding(places=6, mode=RoundingMode.HALF_UP)


def _csv_cell(value: Any) -> Any:
    if isinstance(value, Fraction):
        rounded = CSV_ROUNDING.round(value)
        return format(rounded.normalize(), "f") if rounded else "0"
    return _plain(value)


def _records_csv(evaluation: Evaluation) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=[*GOAL_COLUMNS, *SCORE_COLUMNS])
    writer.writeheader()
    for record in to_records(evaluation):
        row = {}
        for key, value in record.items():
            plain = _csv_cell(value)
            row[key] = ";".join(map(str, plain)) if isinstance(plain, list) else plain
        writer.writerow(row)
    return buffer.getvalue().rstrip("\n")


def _demo(output_format: str, at: date) -> str:
    plan = example_plan()
    if output_format == "json":
        return to_json(plan)
    evaluation = evaluate(plan, at=at)
    if output_format == "mermaid":
        return to_mermaid(evaluation)
    if output_format == "dot":
        return to_dot(evaluation)
    report = check(plan, at=at)
    return f"{render_tree(evaluation)}\n\n{report.render()}"


# -- files ----------------------------------------------------------------------


class _BadInput(Exception):  # noqa: N818 - internal signal for exit status 2
    pass


def _load(path: Path) -> Plan:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        msg = f"goalkit: cannot read {path}: {error}"
        raise _BadInput(msg) from error
    try:
        plan: Plan = from_json(text)
    except ValidationError as error:
        count = len(error.problems)
        lines = [f"goalkit: {path} is not a valid plan ({count} problem{'s' * (count != 1)}):"]
        lines.extend(f"  {problem}" for problem in error.problems)
        raise _BadInput("\n".join(lines)) from error
    return plan


def _check(args: argparse.Namespace) -> tuple[str, int]:
    plan = _load(args.plan)
    report: Report = check(plan, at=args.at, profile=args.profile, lang=args.lang)
    status = EXIT_FINDINGS if report.count(Severity.ERROR) else EXIT_OK
    return report.render(), status


def _evaluate(args: argparse.Namespace) -> tuple[str, int]:
    evaluation = evaluate(_load(args.plan), at=args.at)
    if args.format == "json":
        return _records_json(evaluation), EXIT_OK
    if args.format == "csv":
        return _records_csv(evaluation), EXIT_OK
    return render_tree(evaluation), EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    args = build_parser().parse_args(argv)
    try:
        if args.command == "demo":
            output, status = _demo(args.format, args.at), EXIT_OK
        elif args.command == "check":
            output, status = _check(args)
        else:
            output, status = _evaluate(args)
    except _BadInput as error:
        print(error, file=sys.stderr)
        return EXIT_BAD_INPUT
    except GoalkitError as error:
        # An unknown language, a cyclic plan: the input is at fault, not goalkit.
        print(f"goalkit: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    try:
        print(output)
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader went away (`goalkit demo | head`): not an error of ours.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return status


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
