"""Many runs (Monte Carlo) on all cores, aggregated.

Run ``i`` uses seed ``config.seed + i``; each run is in memory (no database) and returns a
compact summary (:func:`summarize`); the summaries are aggregated in seed order, so the
result does not depend on the number of workers or the order runs finish in. Workers are
processes (:class:`concurrent.futures.ProcessPoolExecutor`); ``workers=1`` runs in this
process.

The aggregate (:func:`aggregate`) gives, per calendar year, the mean and the 5th and 95th
percentiles over runs of the bills introduced / passed / failed / vetoed / overridden;
the mean seats per party of each chamber and the mean Shapley–Shubik index per bloc at
each anniversary of the start; the pooled distribution of days from introduction to law
(10-day bins); the mean number of times each deadline fired per run; dissolutions,
crises and refusals.

Runs go through :func:`respublika.simulate.distributed.map_runs`: ``workers=1`` in this
process, else a local Dask cluster of ``workers`` processes, or an existing cluster with
``scheduler="tcp://HOST:PORT"`` (the same mechanism as ``respublika sweep``).
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import Any

import numpy as np

from respublika.calendar import Duration, add
from respublika.profile import Profile
from respublika.simulate.distributed import map_runs
from respublika.simulate.power import PowerSeries
from respublika.simulate.recorder import OUTCOMES
from respublika.simulate.run import SimulationConfig, simulation_for

BIN_DAYS = 10
MAX_BINS = 120

_profiles: dict[str, tuple[Profile, PowerSeries]] = {}


def _cached(config: SimulationConfig) -> tuple[Profile, PowerSeries]:
    key = json.dumps([config.profile, config.overrides], sort_keys=True, default=str)
    if key not in _profiles:
        profile = config.load()
        _profiles[key] = (profile, PowerSeries(profile))
    return _profiles[key]


def _at(history: Sequence[Mapping[str, Any]], day: str) -> dict[str, int]:
    current: dict[str, int] = {}
    for row in history:
        if row["date"] > day:
            break
        current = dict(row["seats"])
    return current


def summarize(config: SimulationConfig, seed: int) -> dict[str, Any]:
    """One run with ``seed``: bills per year, seats and power at each anniversary, ..."""
    cfg = SimulationConfig(config.profile, config.overrides, config.params, seed, config.years)
    profile, power = _cached(cfg)
    sim = simulation_for(cfg, profile, keep_log=False)
    sim.run()
    timeline = sim.recorder.timeline()
    samples = [add(cfg.params.start, Duration(years=k)).isoformat() for k in range(cfg.years)]
    seats = {c: [_at(rows, d) for d in samples] for c, rows in timeline["seats"].items()}
    indices = [power.indices({c: seats[c][k] for c in seats}) for k in range(len(samples))]
    hist = np.bincount(np.minimum(np.asarray(timeline["days_to_law"], dtype=np.int64) // BIN_DAYS, MAX_BINS - 1),
                       minlength=MAX_BINS) if timeline["days_to_law"] else np.zeros(MAX_BINS, dtype=np.int64)
    return {"seed": seed, "bills": timeline["bills"], "samples": samples, "seats": seats, "power": indices,
            "days_hist": [int(x) for x in hist], "deadlines": timeline["deadlines"],
            "dissolutions": len(timeline["dissolutions"]), "crises": timeline["republic"].get(sim.names.declare, 0),
            "refusals": timeline["refusals"], "events": timeline["events"], "steps": timeline["steps"]}


def _task(args: tuple[dict[str, Any], int]) -> dict[str, Any]:
    config, seed = args
    return summarize(SimulationConfig.from_dict(config), seed)


def run_many(config: SimulationConfig, runs: int, workers: int | None = None,
             progress: Callable[[int], None] | None = None, scheduler: str | None = None) -> list[dict[str, Any]]:
    """``runs`` summaries (seeds ``config.seed`` .. ``config.seed + runs - 1``), in seed order,
    on ``workers`` local processes (default: every core) or the Dask cluster at ``scheduler``."""
    if (workers or os.cpu_count() or 1) == 1 and scheduler is None:
        out = []
        for i in range(runs):
            out.append(summarize(config, config.seed + i))
            if progress is not None:
                progress(len(out))
        return out
    payload = config.to_dict()
    tasks = [(payload, config.seed + i) for i in range(runs)]
    done = (lambda n, _i, _r: progress(n)) if progress is not None else None
    return map_runs(_task, tasks, workers=workers, scheduler=scheduler, progress=done)


def _band(values: np.ndarray[Any, Any]) -> dict[str, list[float]]:
    return {"mean": [round(float(x), 4) for x in values.mean(axis=0)],
            "p5": [round(float(x), 4) for x in np.percentile(values, 5, axis=0)],
            "p95": [round(float(x), 4) for x in np.percentile(values, 95, axis=0)]}


def aggregate(config: SimulationConfig, summaries: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """Means and bands over runs (see the module docstring)."""
    years = sorted({y for s in summaries for y in s["bills"]["years"]})
    bills: dict[str, Any] = {"years": years}
    for outcome in OUTCOMES:
        table = np.zeros((len(summaries), len(years)))
        for i, s in enumerate(summaries):
            for y, n in zip(s["bills"]["years"], s["bills"][outcome], strict=True):
                table[i, years.index(y)] = n
        bills[outcome] = _band(table)
    samples = list(summaries[0]["samples"]) if summaries else []
    order = [p.name for p in config.params.parties]

    def ordered(labels: set[str]) -> list[str]:
        return sorted(labels, key=lambda x: (order.index(x) if x in order else len(order), x))

    chambers = sorted({c for s in summaries for c in s["seats"]})
    seats: dict[str, dict[str, list[float]]] = {}
    for chamber in chambers:
        labels = ordered({p for s in summaries for row in s["seats"].get(chamber, []) for p in row})
        seats[chamber] = {p: [round(float(np.mean([s["seats"].get(chamber, [{}] * len(samples))[k].get(p, 0)
                                                    for s in summaries])), 3) for k in range(len(samples))]
                          for p in labels}
    blocs = ordered({b for s in summaries for row in s["power"] for b in row})
    power = {b: [round(float(np.mean([s["power"][k].get(b, 0.0) for s in summaries])), 5)
                 for k in range(len(samples))] for b in blocs}
    hist = np.sum([s["days_hist"] for s in summaries], axis=0) if summaries else np.zeros(MAX_BINS)
    names = sorted({d for s in summaries for d in s["deadlines"]})
    refusals: dict[str, int] = {}
    for s in summaries:
        for k, v in s["refusals"].items():
            refusals[k] = refusals.get(k, 0) + int(v)
    n = max(len(summaries), 1)
    totals = {o: round(sum(sum(s["bills"][o]) for s in summaries) / n, 2) for o in OUTCOMES}
    return {
        "runs": len(summaries), "seeds": [s["seed"] for s in summaries], "config": config.to_dict(),
        "bills": bills, "samples": samples, "seats": seats, "power": power,
        "days_to_law": {"bin_days": BIN_DAYS, "counts": [int(x) for x in hist]},
        "deadlines": {d: round(sum(s["deadlines"].get(d, 0) for s in summaries) / n, 3) for d in names},
        "dissolutions": {"mean": round(sum(s["dissolutions"] for s in summaries) / n, 3),
                         "runs_with_any": sum(1 for s in summaries if s["dissolutions"])},
        "crises": round(sum(s["crises"] for s in summaries) / n, 3),
        "refusals": dict(sorted(refusals.items(), key=lambda kv: -kv[1])),
        "totals_per_run": totals,
        "events": sum(s["events"] for s in summaries), "steps": sum(s["steps"] for s in summaries),
        "start": config.params.start.isoformat() if isinstance(config.params.start, date) else None,
    }
