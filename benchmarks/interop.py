"""Benchmark: plain data of a 100,000-goal plan, beside :mod:`json` on the same data.

Run with ``python benchmarks/interop.py [GOALS]``. Prints a table and a final
JSON line. The budget is 20 µs per goal for :func:`goalkit.interop.from_dict`
with full validation.

Each step is timed as :mod:`timeit` does, best of 3 with the garbage collector
paused; ``from_dict`` is timed once more with the collector running, since
building a large tree of objects triggers collections that walk all of it.
"""

from __future__ import annotations

import gc
import json
import sys
import time
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

from goalkit import (
    CheckIn,
    History,
    KeyResult,
    Link,
    Objective,
    Period,
    Plan,
    Target,
)
from goalkit.interop.data import from_dict, to_dict

BUDGET_US = 20.0


def build_plan(goals: int) -> Plan:
    """A plan of ``goals`` goals: objectives with four metric key results each.

    Key results carry three check-ins and mix int and Decimal values; every
    objective after the first aligns to a key result of an earlier one.
    """
    period = Period.quarter(2026, 3)
    objectives = []
    links = []
    count = 0
    index = 0
    while count < goals:
        results = []
        for k in range(min(4, goals - count - 1)):
            base = Decimal(100 + k).scaleb(-1)
            results.append(
                KeyResult.metric(
                    id=f"o{index}-kr{k}",
                    title=f"Key result {k} of objective {index}",
                    target=Target.increase(from_=base, to=base * 2),
                    unit="%",
                    history=[
                        CheckIn(day=date(2026, 7, 1 + 7 * n), value=base + n, confidence=0.7)
                        for n in range(3)
                    ],
                )
            )
        objectives.append(
            Objective(
                id=f"o{index}",
                title=f"Objective {index}",
                owner=f"owner-{index % 97}",
                level="team",
                period=period,
                key_results=results,
            )
        )
        if index:
            links.append(Link(child=f"o{index}", parent=f"o{(index - 1) // 2}"))
        count += 1 + len(results)
        index += 1
    return Plan(name="benchmark", objectives=objectives, links=links)


def rebuild(plan: Plan) -> Plan:
    """The same plan built again from its parts: the cost of the domain's own validation."""
    objectives = []
    for objective in plan.objectives:
        results = []
        for kr in objective.key_results:
            target = kr.measure
            assert isinstance(target, Target)
            results.append(
                KeyResult(
                    id=kr.id,
                    title=kr.title,
                    unit=kr.unit,
                    measure=Target(
                        direction=target.direction,
                        baseline=target.baseline,
                        target=target.target,
                    ),
                    history=History(
                        tuple(
                            CheckIn(day=c.day, value=c.value, confidence=c.confidence)
                            for c in kr.history
                        )
                    ),
                )
            )
        objectives.append(
            Objective(
                id=objective.id,
                title=objective.title,
                owner=objective.owner,
                level=objective.level,
                period=objective.period,
                key_results=results,
            )
        )
    links = [Link(child=link.child, parent=link.parent) for link in plan.links]
    return Plan(name=plan.name, objectives=objectives, links=links)


def timed(action: Callable[[], Any], *, collect: bool = False) -> tuple[float, Any]:
    """Best of 3 runs of ``action``, with the garbage collector paused unless ``collect``."""
    best = float("inf")
    result = None
    for _ in range(3):
        gc.collect()
        if not collect:
            gc.disable()
        try:
            start = time.perf_counter()
            result = action()
            best = min(best, time.perf_counter() - start)
        finally:
            gc.enable()
    return best, result


def _key(step: str) -> str:
    """The JSON key of a step, e.g. 'from_dict_collecting_us_per_goal'."""
    words = step.replace(",", "").split(" ")
    suffix = "_collecting" if "collector" in words else ""
    return f"{words[0]}{suffix}_us_per_goal"


def main() -> None:
    goals = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    plan = build_plan(goals)
    total = len(plan)
    rows: list[tuple[str, float]] = []
    seconds, data = timed(lambda: to_dict(plan))
    rows.append(("to_dict", seconds))
    seconds, text = timed(lambda: json.dumps(data))
    rows.append(("json.dumps (same data)", seconds))
    seconds, loaded = timed(lambda: json.loads(text))
    rows.append(("json.loads (same text)", seconds))
    seconds, back = timed(lambda: from_dict(loaded))
    rows.append(("from_dict (full validation)", seconds))
    assert back == plan
    seconds, back = timed(lambda: from_dict(loaded), collect=True)
    rows.append(("from_dict, collector running", seconds))
    assert back == plan
    seconds, rebuilt = timed(lambda: rebuild(plan))
    rows.append(("domain constructors only", seconds))
    assert rebuilt == plan
    print(f"{total:,} goals, {len(text) / 1e6:.1f} MB of JSON")
    print(f"{'step':<30} {'seconds':>9} {'µs/goal':>9}")
    for name, secs in rows:
        print(f"{name:<30} {secs:>9.3f} {secs / total * 1e6:>9.2f}")
    per_goal = dict(rows)["from_dict (full validation)"] / total * 1e6
    verdict = "within" if per_goal <= BUDGET_US else "OVER"
    print(f"from_dict: {per_goal:.2f} µs/goal, {verdict} the {BUDGET_US:.0f} µs budget")
    print(
        json.dumps(
            {
                "goals": total,
                **{_key(name): round(s / total * 1e6, 3) for name, s in rows},
                "budget_us_per_goal": BUDGET_US,
            }
        )
    )


if __name__ == "__main__":
    main()
