"""The domain is pure: no I/O, no clocks, no eval, except in the command-line module."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "goalkit"

#: modules allowed to print and read the files a user names
COMMAND_LINE = {"cli.py", "__main__.py"}

FORBIDDEN_MODULES = {"os", "sys", "io", "pathlib", "socket", "logging", "subprocess", "shutil"}
FORBIDDEN_CALLS = {"open", "print", "input", "eval", "exec", "breakpoint", "compile"}
#: (object, attribute) pairs that read the clock
CLOCK_READS = {
    ("date", "today"),
    ("datetime", "now"),
    ("datetime", "utcnow"),
    ("datetime", "today"),
    ("time", "time"),
    ("time", "monotonic"),
    ("time", "perf_counter"),
    ("time", "time_ns"),
}


def _offences(tree: ast.AST) -> list[str]:
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend(
                f"line {node.lineno}: import {alias.name}"
                for alias in node.names
                if alias.name.split(".")[0] in FORBIDDEN_MODULES
            )
        elif isinstance(node, ast.ImportFrom):
            root = (node.module or "").split(".")[0]
            if node.level == 0 and root in FORBIDDEN_MODULES | {"time"}:
                found.append(f"line {node.lineno}: from {node.module} import ...")
        elif isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Name) and func.id in FORBIDDEN_CALLS:
                found.append(f"line {node.lineno}: {func.id}()")
            if isinstance(func, ast.Attribute):
                owner = func.value
                owner_name = (
                    owner.id
                    if isinstance(owner, ast.Name)
                    else owner.attr
                    if isinstance(owner, ast.Attribute)
                    else ""
                )
                if (owner_name, func.attr) in CLOCK_READS:
                    found.append(f"line {node.lineno}: {owner_name}.{func.attr}()")
    return found


def _domain_modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if p.name not in COMMAND_LINE)


class TestPurity:
    def test_the_walk_finds_modules(self) -> None:
        """The check looks at the real package (a typo in the path would pass silently)."""
        names = {p.name for p in _domain_modules()}
        assert {"periods.py", "measures.py", "goals.py", "plan.py"} <= names

    @pytest.mark.parametrize("module", _domain_modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
    def test_no_io_no_clock(self, module: Path) -> None:
        """A domain module imports no I/O module, calls no I/O builtin and reads no clock."""
        tree = ast.parse(module.read_text(encoding="utf-8"), filename=str(module))
        assert [] == _offences(tree)

    @pytest.mark.parametrize(
        ("source", "expected"),
        [
            ("import os", ["line 1: import os"]),
            ("from pathlib import Path", ["line 1: from pathlib import ..."]),
            ("print('x')", ["line 1: print()"]),
            ("from datetime import date\ndate.today()", ["line 2: date.today()"]),
            ("import datetime\ndatetime.datetime.now()", ["line 2: datetime.now()"]),
            ("import time\ntime.time()", ["line 2: time.time()"]),
            ("eval('1')", ["line 1: eval()"]),
            ("from datetime import date\ndate(2026, 1, 1)", []),
        ],
    )
    def test_the_checker_itself(self, source: str, expected: list[str]) -> None:
        """The checker catches each kind of offence and passes clean code."""
        assert expected == _offences(ast.parse(source))
