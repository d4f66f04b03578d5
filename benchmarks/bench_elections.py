"""Benchmark of the vectorized seat engine against a loop over the ``apportionment`` package.

Run from the repository root: ``.venv/bin/python benchmarks/bench_elections.py [--draws N]``.

Draws: ``N`` simulated Mazhilis-like elections, 6 lists, 98 seats, a 7 % threshold. Each draw
takes list shares from a Dirichlet distribution around (62, 12, 8, 7, 6, 5) % and about
7.2 million voters (a multinomial draw), so lists cross the threshold in both directions.
All draws are generated before any timing.

For each method (Hare largest remainder, D'Hondt, Sainte-Laguë):

* ``respublika.elections.allocate_many`` on all N draws: the best of three runs (after a
  warm-up call on 1,000 draws);
* ``apportionment.methods.compute`` in a Python loop over the first ``--sample`` draws
  (default 20,000; rows converted to lists beforehand), timed in four blocks; the fastest
  block's time per draw is scaled linearly to N (best-of on both sides, so neither side is
  charged for a moment when the machine was busy);
* both are timed in CPU seconds of this process (``time.process_time``; both sides are
  single-threaded), which is what the speed-up and the target use, because the machine is
  shared and wall time then mostly measures the neighbours; wall-clock times and their
  ratio are printed next to them;
* agreement: apportionment's seats equal ours on every sampled draw (a difference could only
  come from its float threshold at the exact 7 % boundary, which these draws do not hit),
  and ours equal the exact single-election engine on the first 2,000 draws.

Memory: the working memory of ``allocate_many`` is bounded by its chunk size; the script
reports the chunk, the peak memory ``tracemalloc`` sees during one call beyond the output
array, and the process's peak RSS. Targets (issue 3): at least 300x for Hare, 100x for
D'Hondt and Sainte-Laguë. The exit code is 1 if a target is missed.
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import sys
import time
import tracemalloc
from typing import Any

import numpy as np

from respublika.elections import allocate_many, allocate_seats, vectorized

PARTIES = 6
SEATS = 98
THRESHOLD = "7/100"
MEAN_SHARES = np.array([0.62, 0.12, 0.08, 0.07, 0.06, 0.05])
VOTERS = 7_200_000
BLOCKS = 4
CASES = [
    ("hare", "largest_remainder", 300),
    ("dhondt", "dhondt", 100),
    ("sainte-lague", "saintelague", 100),
]


def draws(n: int, seed: int) -> np.ndarray[Any, np.dtype[np.int64]]:
    rng = np.random.default_rng(seed)
    out = np.empty((n, PARTIES), dtype=np.int64)
    for start in range(0, n, 100_000):
        stop = min(start + 100_000, n)
        shares = rng.dirichlet(MEAN_SHARES * 400, size=stop - start)
        out[start:stop] = rng.multinomial(VOTERS, shares)
    return out


def time_ours(
    votes: np.ndarray[Any, Any], method: str
) -> tuple[float, float, np.ndarray[Any, Any]]:
    """Best CPU and best wall seconds of three runs over all draws."""
    allocate_many(votes[:1000], SEATS, method, THRESHOLD)  # warm-up, not timed
    cpu, wall, seats = [], [], None
    for _ in range(3):
        c, w = time.process_time(), time.perf_counter()
        seats = allocate_many(votes, SEATS, method, THRESHOLD)
        cpu.append(time.process_time() - c)
        wall.append(time.perf_counter() - w)
    assert seats is not None
    return min(cpu), min(wall), seats


def time_theirs(rows: list[list[int]], name: str) -> tuple[float, float, list[list[int]]]:
    """CPU and wall seconds per draw of the loop: the fastest of four blocks of the sample."""
    import apportionment.methods as ap

    seats: list[list[int]] = []
    cpu, wall = [], []
    size = max(1, -(-len(rows) // BLOCKS))
    for start in range(0, len(rows), size):
        block = rows[start : start + size]
        c, w = time.process_time(), time.perf_counter()
        seats += [ap.compute(name, row, SEATS, threshold=0.07) for row in block]
        cpu.append((time.process_time() - c) / len(block))
        wall.append((time.perf_counter() - w) / len(block))
    return min(cpu), min(wall), seats


def working_memory(votes: np.ndarray[Any, Any], method: str) -> int:
    tracemalloc.start()
    seats = allocate_many(votes, SEATS, method, THRESHOLD)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return int(peak - seats.nbytes)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--draws", type=int, default=1_000_000)
    parser.add_argument("--sample", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--json", action="store_true", help="print the results as JSON too")
    args = parser.parse_args()
    sample = min(args.sample, args.draws)

    votes = draws(args.draws, args.seed)
    rows = votes[:sample].tolist()
    rows_per_chunk = max(1, vectorized.CHUNK_ELEMENTS // PARTIES)
    print(
        f"{args.draws:,} draws x {PARTIES} lists, {SEATS} seats, threshold {THRESHOLD}; "
        f"apportionment looped over {sample:,} draws ({BLOCKS} blocks, fastest block's time "
        f"per draw x {args.draws:,})"
    )
    print("times: best of 3 for ours; CPU seconds of this process, wall-clock alongside")
    print(
        f"python {platform.python_version()}, numpy {np.__version__}, "
        f"{platform.machine()}, chunk {rows_per_chunk:,} draws "
        f"({vectorized.CHUNK_ELEMENTS:,} vote counts)"
    )
    header = (
        f"{'method':<13}| {'ours s':>6} | {'apportionment s':>15} | {'speed-up':>8} | "
        f"{'wall: ours s':>12} | {'apport. s':>9} | {'speed-up':>8} | {'target':>6} | met | "
        f"agree | exact | work MiB"
    )
    print(header)
    print("-" * len(header))
    results, ok = [], True
    for method, ap_name, target in CASES:
        ours, ours_wall, seats = time_ours(votes, method)
        theirs_draw, theirs_wall_draw, theirs = time_theirs(rows, ap_name)
        theirs_scaled = theirs_draw * args.draws
        theirs_wall = theirs_wall_draw * args.draws
        ratio = theirs_scaled / ours
        ratio_wall = theirs_wall / ours_wall
        agree = seats[:sample].tolist() == [[int(x) for x in r] for r in theirs]
        exact = all(
            seats[i].tolist()
            == allocate_seats(
                [(str(j), v) for j, v in enumerate(rows[i])], SEATS, method, threshold=THRESHOLD
            ).seat_list()
            for i in range(min(2000, sample))
        )
        work = working_memory(votes, method)
        met = ratio >= target
        ok &= met and agree and exact
        print(
            f"{method:<13}| {ours:>6.3f} | {theirs_scaled:>15.1f} | {ratio:>7.0f}x | "
            f"{ours_wall:>12.3f} | {theirs_wall:>9.1f} | {ratio_wall:>7.0f}x | "
            f"{target:>5}x | {'yes' if met else 'NO':>3} | {'yes' if agree else 'NO':>5} | "
            f"{'yes' if exact else 'NO':>5} | {work / 2**20:>8.1f}"
        )
        results.append(
            {
                "method": method,
                "ours_s": ours,
                "apportionment_per_draw_s": theirs_draw,
                "apportionment_scaled_s": theirs_scaled,
                "ours_wall_s": ours_wall,
                "apportionment_scaled_wall_s": theirs_wall,
                "speedup_wall": ratio_wall,
                "speedup": ratio,
                "target": target,
                "met": met,
                "agree": agree,
                "exact": exact,
                "working_bytes": work,
            }
        )
    huge = huge_divisor_count()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    print(
        f"input {votes.nbytes / 2**20:.1f} MiB, output {votes.nbytes / 2**20:.1f} MiB per "
        f"method; peak RSS of the whole run {rss / 2**20:.0f} MiB"
    )
    if args.json:
        print(
            json.dumps(
                {"draws": args.draws, "sample": sample, "results": results, "peak_rss_bytes": rss,
                 "huge_divisor_count": huge},
                indent=2,
            )
        )
    return 0 if ok else 1


def huge_divisor_count() -> dict[str, float]:
    """One election of 10**8 seats by each divisor method: the exact engine settles from the
    lower quotas, so the time does not grow with the seat count."""
    from respublika.elections import allocate_seats

    votes = [("A", 5117), ("B", 4400), ("C", 162), ("D", 161), ("E", 160)]
    times = {}
    for method in ("dhondt", "sainte-lague", "huntington-hill", "adams", "dean", "danish", "imperiali"):
        start = time.perf_counter()
        allocate_seats(votes, 100_000_000, method)
        times[method] = time.perf_counter() - start
    print("10^8 seats, one election, exact engine: "
          + ", ".join(f"{m} {t * 1000:.1f} ms" for m, t in times.items()))
    return times


if __name__ == "__main__":
    sys.exit(main())
