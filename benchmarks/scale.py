"""Scale benchmark: every case that once grew faster than its input, at two sizes.

Each case is timed at a size ``n`` and at ``10 * n``; the growth ratio is the
second time over the first. A linear operation has a ratio near 10 and an
``n log n`` one a little more; **near-linear means a ratio of at most 15**. A
quadratic one would show 100. Hostile numbers are timed as the time to refuse
them, which must stay far below a second whatever their size. A chain drawn to
its full depth has text that grows with the square of its length, so that case
is judged per character of output (see ``PER_OUTPUT``).

Usage::

    python benchmarks/scale.py            # n = 10,000 and 100,000
    python benchmarks/scale.py --small 2000

It prints a table, then one JSON line with each case's times and ratio, and
exits with status 1 if a ratio is over the limit or a refusal is slow.
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
import time
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any

from goalkit import (
    CheckIn,
    GoalkitError,
    History,
    KeyResult,
    Link,
    Objective,
    Period,
    Plan,
    Target,
    check,
    evaluate,
    from_dict,
    from_json,
    render_tree,
    to_dict,
)

PERIOD = Period.quarter(2026, 3)
DAY = date(2026, 8, 15)
RATIO_LIMIT = 15.0
REFUSAL_LIMIT_S = 0.5


PER_OUTPUT = "per character: "
"""Marks a case whose output grows faster than its input, so it is judged per output character.

A chain drawn to its full depth indents each line by its depth, so its text
grows with the square of the chain's length: such a case runs at a tenth of
the sizes, and its ratio is the time's growth over the output's growth, times
10, so that linear in the size of the output reads 10 as everywhere else.
"""


def _timed(work: Callable[[], object]) -> tuple[float, object]:
    """Seconds for one run of ``work``, and its result, with the collector paused as timeit does."""
    gc.collect()
    gc.disable()
    try:
        start = time.perf_counter()
        result = work()
        return time.perf_counter() - start, result
    finally:
        gc.enable()


def _objective(index: int, *, value: Any = 5) -> Objective:
    return Objective(
        id=f"o{index}",
        title=f"Objective {index}",
        owner=f"owner-{index % 97}",
        level="team",
        period=PERIOD,
        key_results=[
            KeyResult.metric(
                id=f"k{index}",
                title=f"Key result {index}",
                target=Target.increase(from_=0, to=10),
                history=[CheckIn(day=date(2026, 8, 1), value=value)],
            )
        ],
    )


def chain(n: int) -> Plan:
    """``n`` objectives, each aligned under the key result of the one before."""
    objectives = [_objective(i) for i in range(n)]
    links = [Link(child=f"o{i}", parent=f"k{i - 1}") for i in range(1, n)]
    return Plan(objectives=objectives, links=links)


def fan_in(n: int) -> Plan:
    """``n`` objectives all aligned under one key result."""
    objectives = [_objective(i) for i in range(n + 1)]
    links = [Link(child=f"o{i}", parent="k0") for i in range(1, n + 1)]
    return Plan(objectives=objectives, links=links)


def exact_fan_in(n: int) -> Plan:
    """A fan-in whose children score distinct exact fractions, so the sum's size grows."""
    objectives = [_objective(0)] + [
        _objective(i, value=Fraction(1, i + 1)) for i in range(1, n + 1)
    ]
    links = [Link(child=f"o{i}", parent="k0") for i in range(1, n + 1)]
    return Plan(objectives=objectives, links=links)


def same_day(n: int) -> list[CheckIn]:
    """``n`` distinct check-ins of one day, and every tenth sent twice."""
    items = [CheckIn(day=DAY, value=i, note=str(i)) for i in range(n)]
    return items + items[::10]


def _refused(work: Callable[[], object]) -> None:
    try:
        work()
    except GoalkitError:
        return
    msg = "a hostile input was accepted"
    raise AssertionError(msg)


def _cases(small: int) -> list[tuple[str, Callable[[int], Callable[[], object]]]]:
    """(name, setup) pairs; ``setup(n)`` builds the input and returns the timed work."""

    def plan_of_chain(n: int) -> Callable[[], object]:
        objectives = [_objective(i) for i in range(n)]
        links = [Link(child=f"o{i}", parent=f"k{i - 1}") for i in range(1, n)]
        return lambda: Plan(objectives=objectives, links=links)

    def evaluate_chain(n: int) -> Callable[[], object]:
        plan = chain(n)
        return lambda: evaluate(plan, at=DAY)

    def render_chain(n: int) -> Callable[[], object]:
        plan = chain(n)
        return lambda: render_tree(plan)

    def render_chain_evaluation(n: int) -> Callable[[], object]:
        evaluation = evaluate(chain(n), at=DAY)
        return lambda: render_tree(evaluation)

    def render_whole_chain(n: int) -> Callable[[], object]:
        plan = chain(n)
        return lambda: render_tree(plan, max_depth=None)

    def check_chain(n: int) -> Callable[[], object]:
        plan = chain(n)
        return lambda: check(plan, at=DAY)

    def documents_chain(n: int) -> Callable[[], object]:
        document = to_dict(chain(n))
        return lambda: from_dict(document)

    def incremental_chain(n: int) -> Callable[[], object]:
        plan = chain(n)
        evaluation = evaluate(plan, at=DAY)
        return lambda: evaluation.with_check_in(f"k{n - 1}", CheckIn(day=date(2026, 8, 2), value=7))

    def evaluate_fan_in(n: int) -> Callable[[], object]:
        plan = fan_in(n)
        return lambda: evaluate(plan, at=DAY)

    def check_fan_in(n: int) -> Callable[[], object]:
        plan = fan_in(n)
        return lambda: check(plan, at=DAY)

    def exact_roll_up(n: int) -> Callable[[], object]:
        plan = exact_fan_in(n)

        def work() -> object:
            try:
                return evaluate(plan, at=DAY)
            except GoalkitError:  # refused for its size: what the limit is for
                return None

        return work

    def history_same_day(n: int) -> Callable[[], object]:
        items = same_day(n)
        return lambda: History(items)

    del small
    return [
        ("Plan() of a chain", plan_of_chain),
        ("evaluate a chain", evaluate_chain),
        ("incremental on a chain", incremental_chain),
        ("render_tree(plan) of a chain", render_chain),
        ("render_tree(evaluation) of a chain", render_chain_evaluation),
        (PER_OUTPUT + "render_tree of a whole chain", render_whole_chain),
        ("check a chain", check_chain),
        ("from_dict of a chain", documents_chain),
        ("evaluate a fan-in", evaluate_fan_in),
        ("check a fan-in", check_fan_in),
        ("exact roll-up of a fan-in", exact_roll_up),
        ("same-day check-ins", history_same_day),
    ]


_HOSTILE_DOCUMENT = json.dumps(to_dict(chain(1))).replace('"value": 5', '"value": "1E+10000000"')

HOSTILE: list[tuple[str, Callable[[], object]]] = [
    ("check-in of 1E+10000000", lambda: CheckIn(day=DAY, value=Decimal("1E+10000000"))),
    ("check-in of 1E-1000000", lambda: CheckIn(day=DAY, value=Decimal("1E-1000000"))),
    ("target of 10**100000", lambda: Target.increase(from_=0, to=10**100000)),
    ("document number 1E+10000000", lambda: from_json(_HOSTILE_DOCUMENT)),
    ("JSON nested 100,000 deep", lambda: from_json("[" * 100_000 + "]" * 100_000)),
]


def main(argv: list[str] | None = None) -> int:
    """Run every case at two sizes; print the table and the JSON line."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--small", type=int, default=10_000, help="the smaller size")
    args = parser.parse_args(argv)
    small = args.small
    large = small * 10
    sys.setrecursionlimit(1000)  # the default: nothing may depend on a raised limit
    results: dict[str, Any] = {"small": small, "large": large, "cases": {}, "refusals": {}}
    failed = False
    print(f"{'case':40} {f'n={small:,}':>12} {f'n={large:,}':>12} {'ratio':>7}")
    for name, setup in _cases(small):
        per_output = name.startswith(PER_OUTPUT)
        sizes = (small // 10, large // 10) if per_output else (small, large)
        times = []
        outputs = []
        for n in sizes:
            seconds, output = _timed(setup(n))
            times.append(seconds)
            outputs.append(len(output) if isinstance(output, str) else 1)
        ratio = times[1] / times[0] if times[0] > 0 else float("inf")
        if per_output:
            ratio *= 10 * outputs[0] / outputs[1]
        verdict = "ok" if ratio <= RATIO_LIMIT else "OVER"
        failed = failed or ratio > RATIO_LIMIT
        label = name.removeprefix(PER_OUTPUT)
        shown = f"{label}, per char" if per_output else label
        print(f"{shown:40} {times[0]:11.3f}s {times[1]:11.3f}s {ratio:7.1f} {verdict}")
        results["cases"][name] = {"small_s": times[0], "large_s": times[1], "ratio": ratio}
    print(f"\n{'hostile input, time to refuse':40} {'seconds':>12}")
    for name, work in HOSTILE:
        seconds, _ = _timed(lambda work=work: _refused(work))  # type: ignore[misc]
        verdict = "ok" if seconds <= REFUSAL_LIMIT_S else "SLOW"
        failed = failed or seconds > REFUSAL_LIMIT_S
        print(f"{name:40} {seconds:11.4f}s {verdict}")
        results["refusals"][name] = seconds
    print(json.dumps(results))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
