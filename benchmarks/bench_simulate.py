"""Speed of the calendar simulation (issue 7).

    python benchmarks/bench_simulate.py [--runs 40] [--repeat 3] [--years 100] [--rate 200]
                                        [--json] [--profile] [--skip-full]

Cases (wall and CPU seconds; the machine may be shared, so case 1 is the best of ``--repeat``):

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
Exit code 1 if the 10 s target is missed.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=40, help="Monte Carlo runs (issue: 1000; default 40)")
    parser.add_argument("--repeat", type=int, default=3, help="best of this many runs of case 1")
    parser.add_argument("--years", type=int, default=100)
    parser.add_argument("--rate", type=float, default=200)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--profile", action="store_true", help="print the engine's hot spots")
    parser.add_argument("--skip-full", action="store_true", help="skip the full-world comparison")
    args = parser.parse_args()
    results = [single(args.years, args.rate, args.repeat)]
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
    return 0 if results[0]["met"] else 1


if __name__ == "__main__":
    sys.exit(main())
