"""Roll-up benchmark: goalkit's evaluation against networkx and a hand-written dict loop.

A synthetic organisation (a company, 12 departments, teams of 8 people; 3
objectives per owner, 4 key results each; fixed seed) is scored three ways,
doing the same work: key-result progress from the check-ins as of a day, then
the weighted roll-up (objectives from their key results and contributing
children, key results from their own check-ins or else their contributing
children). The three results are checked to agree.

Usage::

    python benchmarks/rollup.py --nodes 100000

It prints a table, then one JSON line with the keys ``nodes``, ``goalkit_s``,
``networkx_s``, ``dicts_s``, ``incremental_s`` and ``bytes_per_node`` (and a
few more). networkx is needed (``pip install networkx``); it is not a goalkit
dependency.
"""

from __future__ import annotations

import argparse
import bisect
import gc
import json
import random
import statistics
import time
import tracemalloc
from collections import deque
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from goalkit import CheckIn, KeyResult, Link, Objective, Period, Plan, Target
from goalkit.alignment.graph import _CACHE
from goalkit.evaluation import Evaluation, evaluate
from goalkit.evaluation._compiled import _compiled

PERIOD = Period.quarter(2026, 3)
DAY = date(2026, 8, 15)
SEED = 20260815
DEPARTMENTS = 12
TEAM_SIZE = 8
OBJECTIVES = 3
KEY_RESULTS = 4
NODES_PER_OWNER = OBJECTIVES * (1 + KEY_RESULTS)


# -- the synthetic organisation ----------------------------------------------------


def _owners(nodes: int) -> list[tuple[str, str, str | None]]:
    """(owner, level, parent owner) for about ``nodes`` goals, top-down."""
    owners_wanted = max(1 + DEPARTMENTS, nodes // NODES_PER_OWNER)
    teams = max(1, (owners_wanted - 1 - DEPARTMENTS) // (1 + TEAM_SIZE))
    found: list[tuple[str, str, str | None]] = [("acme", "company", None)]
    found.extend((f"d{d}", "department", "acme") for d in range(DEPARTMENTS))
    found.extend((f"t{t}", "team", f"d{t % DEPARTMENTS}") for t in range(teams))
    for t in range(teams):
        found.extend((f"t{t}p{p}", "individual", f"t{t}") for p in range(TEAM_SIZE))
    return found


def build_plan(nodes: int, seed: int = SEED) -> Plan:
    """The synthetic plan: only individuals check in; everything above rolls up."""
    rng = random.Random(seed)
    targets = [
        Target.increase(from_=float(base), to=float(base + span))
        for base in (0, 10, 20, 50)
        for span in (40, 100, 250)
    ]
    objectives: list[Objective] = []
    links: list[Link] = []
    key_results_of: dict[str, list[str]] = {}
    days = [PERIOD.start + timedelta(days=d) for d in range(0, 92, 7)]
    for owner, level, parent in _owners(nodes):
        mine: list[str] = []
        for o in range(OBJECTIVES):
            objective_id = f"{owner}-o{o}"
            results = []
            for k in range(KEY_RESULTS):
                kr_id = f"{objective_id}-k{k}"
                target = rng.choice(targets)
                history: list[CheckIn] = []
                if level == "individual":
                    start = target.baseline
                    assert isinstance(start, float)
                    assert target.target is not None
                    for day in sorted(rng.sample(days, rng.randint(1, 3))):
                        value = start + rng.random() * 1.1 * (float(target.target) - start)
                        history.append(CheckIn(day=day, value=round(value, 2)))
                results.append(
                    KeyResult.metric(
                        id=kr_id,
                        title=f"Key result {k} of {objective_id}",
                        target=target,
                        weight=rng.randint(1, 3),
                        history=history,
                    )
                )
                mine.append(kr_id)
            objectives.append(
                Objective(
                    id=objective_id,
                    title=f"Objective {o} of {owner}",
                    owner=owner,
                    level=level,
                    period=PERIOD,
                    key_results=results,
                )
            )
            if parent is not None:
                links.append(
                    Link(
                        child=objective_id,
                        parent=rng.choice(key_results_of[parent]),
                        weight=rng.randint(1, 3),
                    )
                )
        key_results_of[owner] = mine
    return Plan(name="synthetic", objectives=objectives, links=links)


# -- the same data in plain structures -------------------------------------------------


def plain_data(plan: Plan) -> dict[str, Any]:
    """The plan as plain dicts: what a hand-written loop or networkx would start from."""
    krs: dict[str, tuple[list[date], list[float], float, float]] = {}
    own: dict[str, list[tuple[str, Any]]] = {}
    kids: dict[str, list[tuple[str, Any]]] = {}
    for objective in plan.objectives:
        own[objective.id] = [(kr.id, kr.weight) for kr in objective.key_results]
        for kr in objective.key_results:
            target = kr.target
            assert target is not None
            start = float(target.baseline)  # type: ignore[arg-type]
            span = float(target.target) - start  # type: ignore[arg-type]
            krs[kr.id] = ([c.day for c in kr.history], [c.value for c in kr.history], start, span)  # type: ignore[misc]
    for link in plan.links:
        kids.setdefault(link.parent, []).append((link.child, link.weight))
    return {"krs": krs, "own": own, "kids": kids}


def _kr_progress(data: tuple[list[date], list[float], float, float], at: date) -> float | None:
    days, values, start, span = data
    k = bisect.bisect_right(days, at)
    if not k:
        return None
    raw = (values[k - 1] - start) / span
    return 0.0 if raw < 0 else 1.0 if raw > 1 else raw


def _mean(parts: list[tuple[str, float]], progress: dict[str, float | None]) -> float | None:
    num = 0.0
    den = 0.0
    for child, weight in parts:
        p = progress[child]
        if p is not None:
            num += (p if p <= 1 else 1.0) * weight
            den += weight
    return num / den if den else None


def _node(
    node: str,
    own_parts: list[tuple[str, float]] | None,
    kid_parts: list[tuple[str, float]] | None,
    progress: dict[str, float | None],
) -> float | None:
    children = _mean(kid_parts, progress) if kid_parts else None
    if own_parts is None:  # a key result: own check-ins first, else children
        mine = progress[node]
        return mine if mine is not None else children
    mine = _mean(own_parts, progress)
    if mine is None:
        return children
    if children is None:
        return mine
    return 0.5 * mine + 0.5 * children


def dict_loop(data: dict[str, Any], at: date) -> dict[str, float | None]:
    """Key-result progress plus weighted roll-up over plain dicts, order computed by Kahn."""
    krs, own, kids = data["krs"], data["own"], data["kids"]
    progress: dict[str, float | None] = {kr: _kr_progress(d, at) for kr, d in krs.items()}
    # children before parents: Kahn's algorithm over "part of" and "contributes" edges
    parents: dict[str, list[str]] = {}
    waiting: dict[str, int] = dict.fromkeys(progress, 0)
    waiting.update(dict.fromkeys(own, 0))
    for objective, parts in own.items():
        waiting[objective] += len(parts)
        for kr, _ in parts:
            parents.setdefault(kr, []).append(objective)
    for parent, parts in kids.items():
        waiting[parent] += len(parts)
        for child, _ in parts:
            parents.setdefault(child, []).append(parent)
    queue = deque(node for node, count in waiting.items() if not count)
    while queue:
        node = queue.popleft()
        progress[node] = _node(node, own.get(node), kids.get(node), progress)
        for parent in parents.get(node, ()):
            waiting[parent] -= 1
            if not waiting[parent]:
                queue.append(parent)
    return progress


def build_networkx(data: dict[str, Any]) -> Any:
    """A DiGraph, edges from child to parent, the plan's data as node and edge attributes."""
    import networkx as nx  # type: ignore[import-untyped, unused-ignore]

    graph = nx.DiGraph()
    for kr, d in data["krs"].items():
        graph.add_node(kr, kind="kr", line=d)
    for objective, parts in data["own"].items():
        graph.add_node(objective, kind="objective")
        for kr, weight in parts:
            graph.add_edge(kr, objective, weight=weight, own=True)
    for parent, parts in data["kids"].items():
        for child, weight in parts:
            graph.add_edge(child, parent, weight=weight, own=False)
    return graph


def networkx_loop(graph: Any, at: date) -> dict[str, float | None]:
    """The same roll-up with networkx: topological sort, then node and edge attributes."""
    import networkx as nx  # type: ignore[import-untyped, unused-ignore]

    progress: dict[str, float | None] = {}
    nodes, pred = graph.nodes, graph.pred
    for node in nx.topological_sort(graph):
        attributes = nodes[node]
        own_parts: list[tuple[str, float]] = []
        kid_parts: list[tuple[str, float]] = []
        for child, edge in pred[node].items():
            (own_parts if edge["own"] else kid_parts).append((child, edge["weight"]))
        if attributes["kind"] == "kr":
            progress[node] = _kr_progress(attributes["line"], at)
            progress[node] = _node(node, None, kid_parts, progress)
        else:
            progress[node] = _node(node, own_parts, kid_parts, progress)
    return progress


# -- measuring ---------------------------------------------------------------------


def timed(work: Callable[[], Any], repeat: int = 1) -> tuple[float, Any]:
    """The best wall time of ``repeat`` runs, and the last result."""
    best = float("inf")
    result = None
    for _ in range(repeat):
        gc.collect()
        # like timeit: the cyclic garbage collector is paused while the work runs, so
        # collections triggered by the big plan in memory do not blur the comparison
        gc.disable()
        try:
            start = time.perf_counter()
            result = work()
            best = min(best, time.perf_counter() - start)
        finally:
            gc.enable()
    return best, result


def _forget_caches() -> None:
    # benchmark only: drop goalkit's per-plan caches to time a cold start
    _CACHE.clear()
    _compiled.clear()


def _agree(expected: dict[str, float | None], evaluation: Evaluation, label: str) -> None:
    worst = 0.0
    for goal_id, value in expected.items():
        actual = evaluation.progress(goal_id)
        if (value is None) != (actual is None):
            msg = f"{label}: {goal_id} is {value} there but {actual} in goalkit"
            raise AssertionError(msg)
        if value is not None and actual is not None:
            worst = max(worst, abs(value - float(actual)))
    if worst > 1e-9:
        msg = f"{label}: results differ by up to {worst}"
        raise AssertionError(msg)


def time_incremental(plan: Plan, evaluation: Evaluation) -> float:
    """The median time of one incremental re-evaluation after a person's check-in."""
    rng = random.Random(SEED)
    people = [o for o in plan.objectives if o.level == "individual"]
    samples = []
    for _ in range(25):
        kr = rng.choice(people).key_results[rng.randrange(KEY_RESULTS)]
        check_in = CheckIn(day=DAY, value=rng.random() * 100)
        gc.disable()
        try:
            begin = time.perf_counter()
            evaluation.with_check_in(kr.id, check_in)
            samples.append(time.perf_counter() - begin)
        finally:
            gc.enable()
    return statistics.median(samples)


def check_incremental(plan: Plan, evaluation: Evaluation) -> None:
    """One incremental step equals a full evaluation of the changed plan."""
    kr = next(o for o in plan.objectives if o.level == "individual").key_results[0]
    check_in = CheckIn(day=DAY, value=42.0)
    full = evaluate(plan.with_check_in(kr.id, check_in), at=DAY)
    quick = evaluation.with_check_in(kr.id, check_in)
    assert full.progress_by_id() == quick.progress_by_id()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=100_000, help="about how many goals")
    parser.add_argument("--repeat", type=int, default=3, help="runs per timing (best kept)")
    parser.add_argument("--skip-networkx", action="store_true", help="do not run networkx")
    args = parser.parse_args()

    start = time.perf_counter()
    plan = build_plan(args.nodes)
    built = time.perf_counter() - start
    nodes = len(plan)
    print(f"built a plan of {nodes:,} goals and {len(plan.links):,} links in {built:.1f} s")

    # memory first, on a cold start, so tracing does not disturb the timings
    _forget_caches()
    gc.collect()
    tracemalloc.start()
    evaluate(plan, at=DAY)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    bytes_per_node = peak / nodes

    _forget_caches()
    cold_s, _ = timed(lambda: evaluate(plan, at=DAY))
    warm_s, evaluation = timed(lambda: evaluate(plan, at=DAY), args.repeat)

    data = plain_data(plan)
    dicts_s, by_dicts = timed(lambda: dict_loop(data, DAY), args.repeat)
    _agree(by_dicts, evaluation, "dict loop")

    networkx_s = None
    networkx_build_s = None
    if not args.skip_networkx:
        networkx_build_s, graph = timed(lambda: build_networkx(data))
        networkx_s, by_networkx = timed(lambda: networkx_loop(graph, DAY), args.repeat)
        _agree(by_networkx, evaluation, "networkx")
        del graph, by_networkx

    incremental_s = time_incremental(plan, evaluation)

    # correctness of one incremental step against a full evaluation of the changed plan
    # (skipped for big plans: Plan.with_check_in copies the plan)
    if nodes <= 200_000:
        check_incremental(plan, evaluation)

    rows = [
        ("goalkit evaluate, cold (graph + arrays + pass)", cold_s),
        ("goalkit evaluate, warm (arrays cached per plan)", warm_s),
        ("hand-written dict loop (incl. Kahn order)", dicts_s),
    ]
    if networkx_s is not None and networkx_build_s is not None:
        rows.append(("networkx DiGraph build (not in the ratio)", networkx_build_s))
        rows.append(("networkx topological sort + roll-up", networkx_s))
    rows.append(("goalkit incremental re-evaluation (median)", incremental_s))
    print()
    print(f"{'work':<50} {'seconds':>12}")
    print("-" * 63)
    for label, seconds in rows:
        print(f"{label:<50} {seconds:>12.6f}")
    print("-" * 63)
    if networkx_s is not None:
        print(f"networkx / goalkit (warm):     {networkx_s / warm_s:10.1f}x  (target >= 10x)")
    print(f"goalkit (warm) / dict loop:    {warm_s / dicts_s:10.2f}x  (target <= 1.5x)")
    print(f"goalkit (cold) / dict loop:    {cold_s / dicts_s:10.2f}x")
    print(f"full (warm) / incremental:     {warm_s / incremental_s:10.0f}x  (target >= 10,000x)")
    print(f"peak memory per goal (cold):   {bytes_per_node:10.0f} B  (target < 1024 B)")
    print(
        json.dumps(
            {
                "nodes": nodes,
                "goalkit_s": round(warm_s, 6),
                "goalkit_cold_s": round(cold_s, 6),
                "networkx_s": None if networkx_s is None else round(networkx_s, 6),
                "dicts_s": round(dicts_s, 6),
                "incremental_s": round(incremental_s, 9),
                "bytes_per_node": round(bytes_per_node, 1),
            }
        )
    )


if __name__ == "__main__":
    main()
