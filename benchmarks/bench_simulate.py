"""Speed of the calendar simulation: against the previous release (issue 18), and issue 7's cases.

    python benchmarks/bench_simulate.py [--against v0.1.0] [--repeat 3] [--memory 10,100,1000]
                                        [--issue7] [--runs 40] [--years 100] [--rate 200]
                                        [--json] [--profile] [--skip-full]

Issue 18 (default): the current code against the release tagged ``--against`` (v0.1.0),
each measured in its own subprocess with ``PYTHONPATH`` on that version's ``src`` (the
release's sources are exported once with ``git archive`` to ``/tmp/respublika-<tag>``),
alternating old and new, in one run of this script:

A. microseconds per engine step (time inside ``Engine.apply`` over the steps the
   simulation requests: the seed's bill path, deadlines, elections' acts), 10 years at
   200 bills a year, best of ``--repeat``; target ≥ 8× fewer;
B. one run of 100 years at 200 bills a year, wall time; target ≥ 5×;
C. peak memory (max RSS of the process) of one run at 10, 100 and 1,000 years (default
   rate, in memory, the log not kept: the summary is kept incrementally by the
   ``Recorder``); target flat and under 300 MB at 1,000 years.

Each pair also checks that both versions give the same summary (the logs themselves are
compared with the release's in ``tests/simulate/test_identical_to_v010.py``).

``--issue7`` adds issue 7's cases: (wall and CPU seconds; the machine may be shared, so case 1 is the best of ``--repeat``):

1. one run, ``--years`` (100) years at ``--rate`` (200) bills a year, in memory (the
   engine without the Store), one core: time, events and steps per second, and the share
   of the time spent inside ``Engine.apply``. Target: under 10 s.
2. the same engine on the *full* world (every matter ever created kept in the world, as
   ``Store.apply`` and ``Engine.replay`` use it) against the focused worlds the simulation
   uses, over a few years; both logs must be identical.
3. a persisted run: 30 years at the default rate into a fresh SQLite file (batch mode:
   one transaction per simulated year), and a year in step mode (``Store.apply`` per act).
4. Monte Carlo: ``--runs`` runs (default 40) of 30 years at the default rate, in this
   process (1) and on 2 processes; speed-up, next to the speed-up a plain CPU-bound loop
   gets on 2 processes at the same time (``control_speed_up``: on a shared machine the
   second core may be busy). ``--runs 1000`` runs the issue's 1,000.

``--profile`` prints the engine's hot spots (cProfile, 10 years at the benchmark rate).
Exit code 1 if a target is missed.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from respublika.procedure import Engine, Event, Matter, Step, World
from respublika.simulate import SimParams, montecarlo
from respublika.simulate.core import Simulation
from respublika.simulate.run import SimulationConfig, anchors_setup, simulation_for
from respublika.store import Store
from respublika.store import simulations as persist

ROOT = Path(__file__).resolve().parents[1]


class FullBackend:
    """The engine on the whole world, as ``Store.apply`` and ``Engine.replay`` use it."""

    def __init__(self, engine: Engine, setup: dict[str, Any]) -> None:
        self.engine = engine
        self.world = engine.initial(setup)

    @property
    def events_so_far(self) -> int:
        return len(self.world.events)

    def apply(self, step: Step, focus: Iterable[str] = ()) -> tuple[Event, ...]:
        self.world, events = self.engine.apply(self.world, step)
        return events

    def matter(self, matter_id: str) -> Matter | None:
        return self.world.matters.get(matter_id)

    def view(self, focus: Iterable[str] = ()) -> World:
        return self.world

    @property
    def republic(self) -> World:
        return self.world


def single(years: int, rate: float, repeat: int) -> dict[str, Any]:
    config = SimulationConfig("seed", {}, SimParams(rate=rate), 1, years)
    runs = []
    for _ in range(repeat):
        sim = simulation_for(config, keep_log=False)
        apply = sim.engine.apply
        inside = [0.0]

        def timed(world: World, step: Step, apply: Any = apply, inside: list[float] = inside
                  ) -> tuple[World, tuple[Event, ...]]:
            t = time.perf_counter()
            try:
                return apply(world, step)  # type: ignore[no-any-return]
            finally:
                inside[0] += time.perf_counter() - t

        sim.engine.apply = timed  # type: ignore[method-assign]
        w, c = time.perf_counter(), time.process_time()
        sim.run()
        runs.append((time.perf_counter() - w, time.process_time() - c, inside[0], sim))
    wall, cpu, engine, sim = min(runs, key=lambda r: r[0])
    events, steps = sim.recorder.events, sim.recorder.steps
    return {"case": f"one run, {years} years, {rate:g} bills/year (memory)", "wall_s": round(wall, 2),
            "cpu_s": round(cpu, 2), "events": events, "steps": steps, "bills": sim.recorder.summary()["introduced"],
            "events_per_s": round(events / wall), "steps_per_s": round(steps / wall),
            "engine_s": round(engine, 2), "engine_share": round(engine / wall, 2),
            "engine_us_per_step": round(1e6 * engine / steps), "target": "< 10 s", "met": wall < 10}


def full_world(years: int, rate: float) -> dict[str, Any]:
    config = SimulationConfig("seed", {}, SimParams(rate=rate), 1, years)
    w0 = time.perf_counter()
    focused = simulation_for(config)
    focused.run()
    t_focused = time.perf_counter() - w0
    engine = Engine(config.load())
    backend = FullBackend(engine, anchors_setup(engine, config.params.start))
    full = Simulation(engine, backend, config.params, config.seed, config.years)
    w1 = time.perf_counter()
    full.run()
    t_full = time.perf_counter() - w1
    same = [e.to_dict() for e in full.events] == [e.to_dict() for e in focused.events]
    return {"case": f"full vs focused worlds, {years} years, {rate:g} bills/year", "focused_s": round(t_focused, 2),
            "full_s": round(t_full, 2), "ratio": round(t_full / t_focused, 1), "events": len(focused.events),
            "identical_logs": same}


def persisted() -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as folder, Store(f"sqlite:///{Path(folder) / 'bench.db'}") as store:
        config = SimulationConfig("seed", {}, SimParams(), 1, 30)
        w = time.perf_counter()
        result = persist.start(store, "bench", config)
        batch = time.perf_counter() - w
        rows = len(store.steps("bench"))
        step_config = SimulationConfig("seed", {}, SimParams(), 2, 1)
        w = time.perf_counter()
        persist.start(store, "bench-step", step_config, mode="step")
        step = time.perf_counter() - w
        step_rows = len(store.steps("bench-step"))
    return {"case": "persisted run (SQLite)", "batch_30y_s": round(batch, 2), "batch_rows": rows,
            "batch_events": len(result.events), "step_1y_s": round(step, 2), "step_rows": step_rows,
            "step_ms_per_act": round(1000 * step / max(step_rows, 1), 1)}


def _spin(n: int) -> int:
    total = 0
    for i in range(n):
        total += i * i
    return total


def control() -> float:
    """The speed-up of a plain CPU-bound loop on 2 processes: what the machine allows now."""
    work = [2_000_000] * 8
    w = time.perf_counter()
    for n in work:
        _spin(n)
    one = time.perf_counter() - w
    w = time.perf_counter()
    with ProcessPoolExecutor(max_workers=2) as pool:
        list(pool.map(_spin, work))
    return one / (time.perf_counter() - w)


def monte_carlo(runs: int) -> dict[str, Any]:
    config = SimulationConfig("seed", {}, SimParams(), 1, 30)
    w = time.perf_counter()
    one = montecarlo.run_many(config, runs, workers=1)
    t1 = time.perf_counter() - w
    montecarlo._profiles.clear()
    w = time.perf_counter()
    two = montecarlo.run_many(config, runs, workers=2)
    t2 = time.perf_counter() - w
    return {"case": f"Monte Carlo, {runs} runs x 30 years", "one_process_s": round(t1, 2),
            "two_processes_s": round(t2, 2), "speed_up": round(t1 / t2, 2), "same_results": one == two,
            "runs_per_s_2": round(runs / t2, 2), "cores": os.cpu_count(),
            "control_speed_up": round(control(), 2), "load_average": round(os.getloadavg()[0], 2)}


def profile(rate: float) -> str:
    config = SimulationConfig("seed", {}, SimParams(rate=rate), 1, 10)
    sim = simulation_for(config, keep_log=False)
    prof = cProfile.Profile()
    prof.runcall(sim.run)
    stats = pstats.Stats(prof)
    total = sum(v[2] for v in stats.stats.values())  # type: ignore[attr-defined]
    rows = []
    for (path, line, name), (_, calls, tottime, _, _) in stats.stats.items():  # type: ignore[attr-defined]
        if any(p in path for p in ("procedure", "calendar.py", "exact.py", "dataclasses.py", "fractions.py")):
            rows.append((tottime, calls, f"{Path(path).parent.name}/{Path(path).name}:{line}({name})"))
    rows.sort(reverse=True)
    lines = [f"engine functions, own time (share of the run under cProfile, {total:.2f} s in all):"]
    lines += [f"  {t:6.3f} s {t / total:6.1%} {c:8d} calls  {where}" for t, c, where in rows[:15]]
    lines.append(f"  engine total own time: {sum(r[0] for r in rows) / total:.1%}")
    return "\n".join(lines)


CHILD = r"""
import hashlib, json, resource, sys, time
from respublika.simulate import SimParams
from respublika.simulate.run import SimulationConfig, simulation_for
years, rate = int(sys.argv[1]), float(sys.argv[2])
sim = simulation_for(SimulationConfig("seed", {}, SimParams(rate=rate), 1, years), keep_log=False)
apply, inside = sim.engine.apply, [0.0]
def timed(world, step):
    t = time.perf_counter()
    try:
        return apply(world, step)
    finally:
        inside[0] += time.perf_counter() - t
sim.engine.apply = timed
if len(sys.argv) > 3:  # replay: the engine alone, on the (world, step) calls a run made
    calls = []
    def rec(world, step):
        calls.append((world, step))
        return apply(world, step)
    sim.engine.apply = rec
    sim.run()
    best = 1e9
    for _ in range(int(sys.argv[3])):
        t = time.perf_counter()
        for world, step in calls:
            try:
                apply(world, step)
            except Exception:
                pass
        best = min(best, time.perf_counter() - t)
    print(json.dumps({"us_per_step": 1e6 * best / len(calls), "calls": len(calls),
                      "summary": hashlib.sha256(json.dumps(sim.recorder.summary(), sort_keys=True).encode()).hexdigest()}))
    sys.exit(0)
w, c = time.perf_counter(), time.process_time()
sim.run()
wall, cpu = time.perf_counter() - w, time.process_time() - c
steps = sim.recorder.steps
print(json.dumps({"wall_s": wall, "cpu_s": cpu, "engine_s": inside[0], "steps": steps,
                  "us_per_step": 1e6 * inside[0] / steps,
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "summary": hashlib.sha256(json.dumps(sim.recorder.summary(), sort_keys=True).encode()).hexdigest()}))
"""


# A clone may come without tags: the releases' commits (v0.1.0's reproduces the logs recorded in
# tests/simulate/data/v010_logs.json).
RELEASES = {"v0.1.0": "b0c706b2624eca092496bdb53acc19d559082af1"}


def release_src(tag: str) -> Path:
    """The sources of release ``tag``, exported once (``git archive``) beside this checkout."""
    folder = Path(tempfile.gettempdir()) / f"respublika-{tag}"
    if not (folder / "src" / "respublika" / "__init__.py").exists():
        folder.mkdir(parents=True, exist_ok=True)
        known = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "-q", "--verify", f"{tag}^{{commit}}"],
                               capture_output=True, text=True).returncode == 0
        ref = tag if known or tag not in RELEASES else RELEASES[tag]
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", ref, "src"], check=True, capture_output=True)
        subprocess.run(["tar", "-x", "-C", str(folder)], input=archive.stdout, check=True)
    return folder / "src"


def child(src: Path, years: int, rate: float, replay: int = 0, pure: bool = False) -> dict[str, Any]:
    """One measurement in its own process on ``src``; ``pure``: without the compiled build."""
    env = {**os.environ, "PYTHONPATH": str(src), "RESPUBLIKA_PURE": "1" if pure else ""}
    extra = [str(replay)] if replay else []
    out = subprocess.run([sys.executable, "-c", CHILD, str(years), str(rate), *extra], env=env, check=True,
                         capture_output=True, text=True)
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def against(tag: str, repeat: int, memory: list[int]) -> list[dict[str, Any]]:
    old, new = release_src(tag), ROOT / "src"
    pairs = [(child(old, 10, 200), child(new, 10, 200)) for _ in range(repeat)]
    o = min(pairs, key=lambda p: p[0]["us_per_step"])[0]
    n = min(pairs, key=lambda p: p[1]["us_per_step"])[1]
    rows = [{"case": f"A. engine step, 10 years x 200 bills ({tag} vs now, best of {repeat})",
             "old": round(o["us_per_step"], 1), "new": round(n["us_per_step"], 1), "unit": "us/step",
             "ratio": round(o["us_per_step"] / n["us_per_step"], 2), "target": ">= 8x",
             "met": o["us_per_step"] / n["us_per_step"] >= 8, "same_summary": o["summary"] == n["summary"]}]
    triples = [(child(old, 5, 200, 5), child(new, 5, 200, 5), child(new, 5, 200, 5, pure=True))
               for _ in range(repeat)]
    o, n, p = (min((t[i] for t in triples), key=lambda r: r["us_per_step"]) for i in range(3))
    rows.append({"case": f"A2. engine alone: a 5-year run's {n['calls']} (world, step) calls replayed, best of 5 x {repeat}",
                 "old": round(o["us_per_step"], 1), "new": round(n["us_per_step"], 1), "unit": "us/step",
                 "ratio": round(o["us_per_step"] / n["us_per_step"], 2), "target": ">= 8x",
                 "met": o["us_per_step"] / n["us_per_step"] >= 8,
                 "new_pure_python": round(p["us_per_step"], 1),
                 "ratio_pure_python": round(o["us_per_step"] / p["us_per_step"], 2),
                 "same_summary": o["summary"] == n["summary"] == p["summary"]})
    # B: the best of ``repeat`` runs of each, the versions alternating (the machine's steal time
    # moves a single run by up to 2x)
    triples = [(child(old, 100, 200), child(new, 100, 200), child(new, 100, 200, pure=True)) for _ in range(repeat)]
    o, n, p = (min((t[i] for t in triples), key=lambda r: r["wall_s"]) for i in range(3))
    rows.append({"case": f"B. one run, 100 years x 200 bills ({tag} vs now, best of {repeat})", "old": round(o["wall_s"], 2),
                 "new": round(n["wall_s"], 2), "unit": "s wall", "ratio": round(o["wall_s"] / n["wall_s"], 2),
                 "cpu_ratio": round(o["cpu_s"] / n["cpu_s"], 2), "target": ">= 5x",
                 "met": o["wall_s"] / n["wall_s"] >= 5, "new_pure_python": round(p["wall_s"], 2),
                 "ratio_pure_python": round(o["wall_s"] / p["wall_s"], 2),
                 "same_summary": o["summary"] == n["summary"] == p["summary"]})
    for years in memory:
        n = child(new, years, 120)
        o = child(old, years, 120) if years <= 100 else None
        rows.append({"case": f"C. peak memory, {years} years x 120 bills", "old": round(o["rss_mb"]) if o else "-",
                     "new": round(n["rss_mb"]), "unit": "MB", "new_wall_s": round(n["wall_s"], 1),
                     "target": "< 300 MB" if years >= 1000 else "flat", "met": n["rss_mb"] < 300,
                     "same_summary": (o["summary"] == n["summary"]) if o else "-"})
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--against", default="v0.1.0", help="the release to compare with (a git tag)")
    parser.add_argument("--memory", default="10,100,1000", help="years of the memory case (comma-separated)")
    parser.add_argument("--issue7", action="store_true", help="also run issue 7's cases (below)")
    parser.add_argument("--runs", type=int, default=40, help="Monte Carlo runs (issue: 1000; default 40)")
    parser.add_argument("--repeat", type=int, default=3, help="best of this many runs of case 1")
    parser.add_argument("--years", type=int, default=100)
    parser.add_argument("--rate", type=float, default=200)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--profile", action="store_true", help="print the engine's hot spots")
    parser.add_argument("--skip-full", action="store_true", help="skip the full-world comparison")
    args = parser.parse_args()
    build = subprocess.run([sys.executable, "-c", "from respublika import _accel; print(_accel.status()[1])"],
                           env={**os.environ, "PYTHONPATH": str(ROOT / "src")}, capture_output=True, text=True)
    print(f"now: {build.stdout.strip() or build.stderr.strip()}", file=sys.stderr)
    results = against(args.against, args.repeat, [int(y) for y in args.memory.split(",") if y.strip()])
    if args.issue7:
        results.append(single(args.years, args.rate, args.repeat))
        if not args.skip_full:
            results.append(full_world(3, args.rate))
        results.append(persisted())
        results.append(monte_carlo(args.runs))
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        for r in results:
            print(" | ".join(f"{k} {v}" if k != "case" else str(v) for k, v in r.items()))
    if args.profile:
        print(profile(args.rate))
    return 0 if all(r.get("met", True) for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
