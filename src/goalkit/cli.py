"""The command line: ``python -m goalkit``.

This is the only module of goalkit that prints or reads files, and it reads
only the files a user names.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import date

from goalkit.examples import EXAMPLE_DAY, example_plan
from goalkit.interop.text import render_tree

__all__ = ["main"]


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as error:
        msg = f"not a day in ISO form such as 2026-09-30: {text!r}"
        raise argparse.ArgumentTypeError(msg) from error


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``python -m goalkit``."""
    parser = argparse.ArgumentParser(
        prog="goalkit",
        description="Goal management: OKRs, KPIs, SMART checks, alignment and scoring.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    demo = commands.add_parser(
        "demo",
        help="show the embedded example plan",
        description="Build the embedded example plan (Acme Analytics, Q3 2026) and show it.",
    )
    demo.add_argument(
        "--at",
        type=_day,
        default=EXAMPLE_DAY,
        help=f"the evaluation day, in ISO form (default: {EXAMPLE_DAY.isoformat()})",
    )
    return parser


def _demo(at: date) -> str:
    plan = example_plan()
    return f"{render_tree(plan)}\n\n(evaluated at {at.isoformat()})"


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    args = build_parser().parse_args(argv)
    if args.command == "demo":
        print(_demo(args.at))
        return 0
    return 2  # pragma: no cover - argparse rejects unknown commands


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
