"""``respublika simulate``: years of the Republic, one run in the database or many in memory.

    respublika simulate --years 30 --seed 1 [--profile P] [--set K=V] [--rate R]
                        [--param KEY=VALUE] [--start DATE] [--out DIR] [--json]
                        [--db URL] [--name NAME] [--resume] [--each-step]
                        [--runs N] [--workers W]

One run writes its event log to the database (a world named ``sim-<seed>`` unless
``--name``); ``--resume`` continues a saved run from its last checkpoint. ``--runs N``
runs N simulations (seeds ``seed`` .. ``seed+N-1``) in memory on ``--workers`` processes
(default: every core) and aggregates them. ``--out DIR`` writes ``report.html`` and
``report.json``. Every input is checked before any work starts (exit code 2).
"""

from __future__ import annotations

import json
import os
import tomllib
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from respublika.cli.common import JsonOption, ProfileOption, SetOption, print_json
from respublika.errors import InputError
from respublika.profile import load_profile

if TYPE_CHECKING:
    from respublika.simulate.run import SimulationConfig

console = Console(highlight=False)
err_console = Console(stderr=True, highlight=False)


def register(app: typer.Typer) -> None:
    app.command("simulate")(simulate)


def _param(text: str) -> tuple[str, Any]:
    """``KEY=VALUE``; the value is read as JSON, else as TOML, else taken as text."""
    if "=" not in text:
        raise InputError(f"--param {text!r}: expected KEY=VALUE")
    key, raw = (part.strip() for part in text.split("=", 1))
    if not key:
        raise InputError(f"--param {text!r}: empty key")
    try:
        return key, json.loads(raw)
    except ValueError:
        pass
    try:
        return key, tomllib.loads(f"v = {raw}")["v"]
    except tomllib.TOMLDecodeError:
        return key, raw


def build_config(profile: str, overrides: list[str] | None, years: int, seed: int, rate: float | None,
                 params: list[str] | None, start: str | None, acts: list[str] | None = None) -> SimulationConfig:
    """Check every input and return the run's configuration (nothing is simulated yet)."""
    from respublika.profile.loader import overrides_dict
    from respublika.simulate import SimParams
    from respublika.simulate.acts import ActNames
    from respublika.simulate.run import SimulationConfig

    if years < 1:
        raise InputError(f"--years must be at least 1, got {years}")
    if not 0 <= seed < 2**63:
        raise InputError(f"--seed must be a whole number in [0, 2**63), got {seed}")
    changes: dict[str, Any] = dict(_param(p) for p in params or [])
    if rate is not None:
        if rate < 0:
            raise InputError(f"--rate must not be negative, got {rate}")
        changes["rate"] = rate
    if start is not None:
        changes["start"] = start
    sim_params = SimParams().with_values(changes)
    values = overrides_dict(list(overrides or []))
    loaded = load_profile(profile, overrides=values)  # an unknown or broken profile fails here
    renamed: dict[str, str] = {}
    for text in acts or []:
        role, _, act = (part.strip() for part in text.partition("="))
        if not act:
            raise InputError(f"--act {text!r}: expected ROLE=ACT, e.g. declare=declare_emergency")
        if act not in loaded.procedure.acts:
            raise InputError(f"--act {text!r}: the profile has no act {act!r} "
                             f"(acts: {', '.join(sorted(loaded.procedure.acts))})")
        renamed[role] = act
    ActNames.with_overrides(renamed)  # unknown roles fail here
    return SimulationConfig(profile, values, sim_params, seed, years, renamed)


def _progress(total: int, what: str) -> Progress:
    return Progress(TextColumn(what), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                    console=err_console, transient=True, disable=not err_console.is_terminal)


def simulate(
    years: Annotated[int, typer.Option("--years", help="Years to simulate (at least 1).")] = 30,
    seed: Annotated[int, typer.Option("--seed", help="Seed of the random generator (first seed with --runs).")] = 1,
    profile: str = ProfileOption,
    overrides: list[str] | None = SetOption,
    runs: Annotated[int, typer.Option("--runs", help="Number of runs (Monte Carlo, in memory).")] = 1,
    out: Annotated[Path | None, typer.Option("--out", help="Write report.html and report.json here.")] = None,
    rate: Annotated[float | None, typer.Option("--rate", help="Bills per year (Poisson rate).")] = None,
    db: Annotated[str | None, typer.Option("--db", help="Database URL (default $RESPUBLIKA_DB or sqlite:///respublika.db).")] = None,
    as_json: bool = JsonOption,
    name: Annotated[str | None, typer.Option("--name", help="Name of the saved run and its world (default sim-SEED).")] = None,
    workers: Annotated[int | None, typer.Option("--workers", help="Processes for --runs (default: every core).")] = None,
    param: Annotated[list[str] | None, typer.Option("--param", help="A behaviour parameter: KEY=VALUE (see docs/simulation.md; repeatable).")] = None,
    start: Annotated[str | None, typer.Option("--start", help="First day, YYYY-MM-DD (default 2000-01-01).")] = None,
    resume: Annotated[bool, typer.Option("--resume", help="Continue the saved run --name from its last checkpoint.")] = False,
    each_step: Annotated[bool, typer.Option("--each-step", help="Append every act with Store.apply (one transaction per act; slow).")] = False,
    act: Annotated[list[str] | None, typer.Option("--act", help="ROLE=ACT: the profile's name for an act the behaviour uses, e.g. declare=declare_emergency (repeatable).")] = None,
) -> None:
    """Simulate the Republic over years: elections on their cycles, bills, vetoes, crises."""
    from respublika.simulate import report

    if runs < 1:
        raise InputError(f"--runs must be at least 1, got {runs}")
    if workers is not None and workers < 1:
        raise InputError(f"--workers must be at least 1, got {workers}")
    if runs > 1 and (resume or name or each_step or db):
        raise InputError("--runs N runs in memory: --db, --name, --resume and --each-step apply to one run")
    folder = report.check_output_dir(out) if out is not None else None
    config = None if resume else build_config(profile, overrides, years, seed, rate, param, start, act)
    if config is not None and runs > 1:
        _many(config, runs, workers, folder, as_json)
    else:
        _one(config, seed, db, name, folder, as_json, each_step)


def _one(config: SimulationConfig | None, seed: int, db: str | None, name: str | None, folder: Path | None,
         as_json: bool, each_step: bool = False) -> None:
    """One saved run (``config``), or the saved run ``name`` resumed (``config`` is None)."""
    from respublika.simulate import persist, report
    from respublika.store import Store

    run_name = name or f"sim-{seed}"
    with Store(db) as store:
        if config is not None and persist.exists(store, run_name):
            raise InputError(f"a simulation or world named {run_name!r} exists already "
                             "(choose another --name, or --resume it)")
        total = config.years if config is not None else 0
        with _progress(total, f"simulating {run_name}") as bar:
            task = bar.add_task("years", total=total or None)
            first: list[date] = []

            def tick(on: date) -> None:
                first[:] = first or [on]
                bar.update(task, completed=on.year - first[0].year)

            if config is None:
                result = persist.resume(store, run_name, progress=tick)
            else:
                result = persist.start(store, run_name, config, mode="step" if each_step else "batch",
                                       progress=tick)
        timeline = result.timeline()
    paths = None
    if folder is not None:
        paths = report.write_report(folder, report.run_report(timeline, result.profile), timeline)
    summary = result.summary()
    if as_json:
        print_json({"name": run_name, "summary": summary, "report": [str(p) for p in paths] if paths else None,
                    "timeline": timeline})
        return
    _print_summary(f"Simulation {run_name}: {result.config.years} years from {result.config.params.start}",
                   {k: v for k, v in summary.items() if k != "deadlines"}, summary["deadlines"])
    if paths:
        console.print(f"report: {paths[0]} and {paths[1]}")


def _many(config: SimulationConfig, runs: int, workers: int | None, folder: Path | None, as_json: bool) -> None:
    from respublika.simulate import montecarlo, report

    n = workers or os.cpu_count() or 1
    with _progress(runs, f"{runs} runs on {min(n, runs)} processes") as bar:
        task = bar.add_task("runs", total=runs)
        summaries = montecarlo.run_many(config, runs, n, progress=lambda done: bar.update(task, completed=done))
    agg = montecarlo.aggregate(config, summaries)
    paths = None
    if folder is not None:
        paths = report.write_report(folder, report.montecarlo_report(agg, config.load()), agg)
    if as_json:
        print_json({**agg, "report": [str(p) for p in paths] if paths else None})
        return
    rows: dict[str, Any] = {f"{k} per run": v for k, v in agg["totals_per_run"].items()}
    rows.update({"dissolutions per run": agg["dissolutions"]["mean"], "crises per run": agg["crises"]})
    _print_summary(f"{runs} runs of {config.years} years (seeds {config.seed}..{config.seed + runs - 1})",
                   rows, agg["deadlines"])
    if paths:
        console.print(f"report: {paths[0]} and {paths[1]}")


def _print_summary(title: str, rows: dict[str, Any], deadlines: dict[str, Any]) -> None:
    table = Table(title=title, show_header=False)
    for key, value in rows.items():
        if key not in ("name",):
            table.add_row(str(key), str(value))
    for key, value in deadlines.items():
        table.add_row(f"deadline {key}", str(value))
    console.print(table)
