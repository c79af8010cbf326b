r"""The command line: ``python -m goalkit``.

This is the only module of goalkit that prints or reads files, and it reads
only the files a user names.

Commands:

* ``demo``: the embedded example plan as a tree with scores and findings,
  as JSON, as a Mermaid flowchart or as Graphviz DOT;
* ``check PLAN.json``: the quality findings of a plan, grouped by goal;
* ``evaluate PLAN.json --at DAY``: every goal's score at a day, as a tree,
  JSON or CSV.

Days (``--at``) are written ``YYYY-MM-DD``, as in plan files.

Exit status:

=== ==========================================================================
0   all is well (``check``: no error-level finding)
1   ``check`` found at least one error-level finding
2   the arguments are wrong (argparse prints its usage line first), or the file
    cannot be read, is not JSON or not a valid plan (every problem is printed
    with its path, as :func:`goalkit.interop.from_dict` reports it), or goalkit
    refuses the input otherwise (a number too large to compute with)
3   the input is too large for this machine's memory
4   an internal error of goalkit (please report it)
130 interrupted (Ctrl-C)
=== ==========================================================================

The command line never prints a traceback: every failure is one line starting
``goalkit:`` on standard error (followed by the problems of an invalid plan,
one per line). Text the terminal's encoding cannot show (a lone surrogate in
a title, say) is written as a backslash escape such as ``\udcff``.
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
from typing import Any, NoReturn

from goalkit._numbers import EXACT_CONTEXT
from goalkit._show import show
from goalkit.checks import PROFILES, Report, Severity, check
from goalkit.evaluation import Evaluation, evaluate
from goalkit.examples import EXAMPLE_DAY, example_plan
from goalkit.exceptions import GoalkitError, ValidationError
from goalkit.interop._converter import _day_text
from goalkit.interop._errors import _Bad
from goalkit.interop.data import format_number, from_json, to_json
from goalkit.interop.diagrams import to_dot, to_mermaid
from goalkit.interop.records import GOAL_COLUMNS, SCORE_COLUMNS, to_records
from goalkit.interop.text import render_tree
from goalkit.plan import Plan
from goalkit.scoring import Rounding, RoundingMode

__all__ = ["build_parser", "main"]

EXIT_OK = 0
"""All is well."""
EXIT_FINDINGS = 1
"""``check`` found an error-level finding."""
EXIT_BAD_INPUT = 2
"""Wrong arguments, or a file that cannot be read or is not a valid plan."""
EXIT_TOO_LARGE = 3
"""The input is too large for this machine's memory."""
EXIT_INTERNAL = 4
"""An internal error of goalkit."""
EXIT_INTERRUPTED = 130
"""Interrupted by the user (Ctrl-C), as shells count it."""


def _day(text: str) -> date:
    # The day rule of plan files: YYYY-MM-DD, a day of the calendar.
    try:
        return _day_text(text)
    except _Bad:
        msg = f"not a day in ISO form such as 2026-09-30: {show(text)}"
        raise argparse.ArgumentTypeError(msg) from None


def _escaped(text: str, stream: Any) -> str:
    """``text`` as ``stream`` can encode it: anything else becomes a backslash escape."""
    encoding = getattr(stream, "encoding", None) or "utf-8"
    try:
        return text.encode(encoding, "backslashreplace").decode(encoding, "replace")
    except LookupError:  # an encoding Python does not know: fall back to ASCII
        return text.encode("ascii", "backslashreplace").decode("ascii")


def _write(stream: Any, text: str) -> None:
    stream.write(_escaped(text, stream))


def _say(text: str) -> None:
    """Print a message on standard error, escaped as needed."""
    _write(sys.stderr, text + "\n")


class _Parser(argparse.ArgumentParser):
    """argparse, printing usage and errors escaped like everything else."""

    def _print_message(self, message: str, file: Any = None) -> None:
        if message:
            _write(file if file is not None else sys.stderr, message)

    def error(self, message: str) -> NoReturn:
        """Print the usage line and one ``goalkit: error:`` line; exit with status 2."""
        self.print_usage(sys.stderr)
        command = self.prog.removeprefix("goalkit").strip()
        where = f"{command}: " if command else ""
        self.exit(EXIT_BAD_INPUT, f"goalkit: error: {where}{message}\n")


_EPILOG = """\
exit status: 0 all is well; 1 'check' found an error-level finding;
2 wrong arguments, or the file is unreadable or not a valid plan;
3 the input is too large for memory; 4 internal error; 130 interrupted.

examples:
  python -m goalkit demo
  python -m goalkit demo --format mermaid > plan.mmd
  python -m goalkit demo --format json > plan.json
  python -m goalkit check plan.json --profile okr --lang zh --at 2026-09-30
  python -m goalkit evaluate plan.json --at 2026-08-15 --format csv > scores.csv
"""


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``python -m goalkit``."""
    parser = _Parser(
        prog="goalkit",
        description="Goal management: OKRs, KPIs, SMART checks, alignment and scoring.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(
        dest="command", required=True, metavar="COMMAND", parser_class=_Parser
    )

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
        help=f"the evaluation day, YYYY-MM-DD (default: {EXAMPLE_DAY.isoformat()})",
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
    evaluator.add_argument("--at", type=_day, required=True, help="the evaluation day, YYYY-MM-DD")
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
        # normalize() in the exact context: the caller's precision must not cut digits.
        return format(rounded.normalize(EXACT_CONTEXT), "f") if rounded else "0"
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


def _run(args: argparse.Namespace) -> tuple[str, int]:
    if args.command == "demo":
        return _demo(args.format, args.at), EXIT_OK
    if args.command == "check":
        return _check(args)
    return _evaluate(args)


def _failure(error: GoalkitError) -> str:
    if isinstance(error, ValidationError) and len(error.problems) > 1:
        count = len(error.problems)
        lines = [f"goalkit: {count} problems:"]
        lines.extend(f"  {problem}" for problem in error.problems)
        return "\n".join(lines)
    return f"goalkit: {_message(error)}"


def _message(error: BaseException) -> str:
    try:
        text = str(error)
    except Exception:  # a message that cannot even be written
        text = ""
    return text or type(error).__name__


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status (see the module's table).

    Wrong arguments end in :exc:`SystemExit` with status 2, after argparse's
    usage line and one ``goalkit: error:`` line. Every other failure is
    printed as one ``goalkit:`` line on standard error, never a traceback.
    """
    args = build_parser().parse_args(argv)
    try:
        output, status = _run(args)
    except _BadInput as error:
        _say(str(error))
        return EXIT_BAD_INPUT
    except GoalkitError as error:
        # An unknown language, a cyclic plan: the input is at fault, not goalkit.
        _say(_failure(error))
        return EXIT_BAD_INPUT
    except MemoryError:
        _say("goalkit: out of memory: the input is too large for this machine")
        return EXIT_TOO_LARGE
    except KeyboardInterrupt:
        _say("goalkit: interrupted")
        return EXIT_INTERRUPTED
    except Exception as error:  # a bug of ours: say so in one line, not a traceback
        name = type(error).__name__
        _say(f"goalkit: internal error ({name}: {show(_message(error))[1:-1]}); please report it")
        return EXIT_INTERNAL
    try:
        _write(sys.stdout, output + "\n")
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader went away (`goalkit demo | head`): not an error of ours.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return status


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
