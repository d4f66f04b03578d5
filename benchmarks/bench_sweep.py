"""Sweeps on Dask (issue 18): 1 -> 2 workers, and Dask's overhead per task.

    python benchmarks/bench_sweep.py [--runs 16] [--years 5] [--tasks 500] [--json]

1. **Scaling**: a grid of ``--runs`` runs (seed profile, ``--years`` years, 120 bills a
   year) on a local Dask cluster of 1 worker, then of 2 (one thread each), through
   ``respublika.simulate.distributed.map_runs`` with the cluster's address (the clusters
   are started before the clock starts). Target: 2 workers ≥ 1.8× faster. Next to it,
   ``control_speed_up``: what a plain CPU-bound loop gets from 2 processes at the same
   moment (on a shared machine the second core may be busy), and the load average.
   Both tables must be equal.
2. **Overhead**: ``--tasks`` tiny tasks (a function returning its argument) on a
   1-worker cluster against the same calls in a loop in this process: the difference per
   task is what Dask adds to each run (scheduling, serialization, the round trip), to
   compare with a run's own time (about a second for 5 years).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from respublika.app import sweep
from respublika.simulate.distributed import map_runs
from respublika.simulate.sweep import run_one


def _spin(n: int) -> int:
    total = 0
    for i in range(n):
        total += i * i
    return total


def _identity(x: int) -> int:
    return x


def control() -> float:
    work = [2_000_000] * 8
    w = time.perf_counter()
    for n in work:
        _spin(n)
    one = time.perf_counter() - w
    w = time.perf_counter()
    with ProcessPoolExecutor(max_workers=2) as pool:
        list(pool.map(_spin, work))
    return one / (time.perf_counter() - w)


def _cluster(n: int) -> Any:
    from dask.distributed import LocalCluster

    return LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=40)


def scaling(runs: int, years: int) -> dict[str, Any]:
    grid = sweep.plan({"profiles": "seed", "params": {"rate": 120}, "years": years, "seeds": runs})
    payloads = grid.runs()
    times, tables = {}, {}
    for n in (1, 2):
        with _cluster(n) as cluster:
            map_runs(run_one, payloads[:n], scheduler=cluster.scheduler_address)  # warm the workers
            w = time.perf_counter()
            tables[n] = map_runs(run_one, payloads, scheduler=cluster.scheduler_address)
            times[n] = time.perf_counter() - w
    return {"case": f"sweep of {runs} runs x {years} years, 1 -> 2 Dask workers", "one_worker_s": round(times[1], 2),
            "two_workers_s": round(times[2], 2), "speed_up": round(times[1] / times[2], 2), "target": ">= 1.8x",
            "met": times[1] / times[2] >= 1.8, "same_table": tables[1] == tables[2],
            "control_speed_up": round(control(), 2), "load_average": round(os.getloadavg()[0], 2),
            "cores": os.cpu_count()}


def overhead(tasks: int) -> dict[str, Any]:
    items = list(range(tasks))
    w = time.perf_counter()
    assert [_identity(i) for i in items] == items
    loop = time.perf_counter() - w
    with _cluster(1) as cluster:
        map_runs(_identity, [0, 1], scheduler=cluster.scheduler_address)
        w = time.perf_counter()
        assert map_runs(_identity, items, scheduler=cluster.scheduler_address) == items
        dask = time.perf_counter() - w
    return {"case": f"Dask overhead, {tasks} tiny tasks on 1 worker vs a loop", "loop_s": round(loop, 4),
            "dask_s": round(dask, 2), "overhead_ms_per_task": round(1000 * (dask - loop) / tasks, 2)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=16)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--tasks", type=int, default=500)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    results = [scaling(args.runs, args.years), overhead(args.tasks)]
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        for r in results:
            print(" | ".join(f"{k} {v}" if k != "case" else str(v) for k, v in r.items()))
    return 0 if results[0]["met"] else 1


if __name__ == "__main__":
    sys.exit(main())
