"""``respublika simulate``: years of the Republic, one run in the database or many in memory.

    respublika simulate --years 30 --seed 1 [--profile P] [--set K=V] [--rate R]
                        [--param KEY=VALUE] [--start DATE] [--out DIR] [--json]
                        [--save] [--db URL] [--name NAME] [--resume] [--each-step]
                        [--runs N] [--workers W | --scheduler tcp://HOST:PORT]

One run runs in memory; with ``--save`` (or ``--db``, ``--name``, ``--each-step``) it is
kept in the database (a world named ``sim-<seed>`` unless ``--name``), and ``--resume``
continues a saved run from its last checkpoint. ``--runs N``
runs N simulations (seeds ``seed`` .. ``seed+N-1``) in memory on ``--workers`` processes
(default: every core), or on the Dask cluster at ``--scheduler``, and aggregates them; the
result is the same whatever runs them. ``--out DIR`` writes ``report.html`` and
``report.json``. Every input is checked before any work starts (exit code 2).
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from respublika.app import simulation, worlds
from respublika.cli import options
from respublika.cli.common import print_json
from respublika.cli.options import AsOf, Json, Lang, ProfileRef, Sets
from respublika.errors import InputError

if TYPE_CHECKING:
    from respublika.simulate.run import SimulationConfig

console = Console(highlight=False)
err_console = Console(stderr=True, highlight=False)


def register(app: typer.Typer) -> None:
    app.command("simulate")(simulate)


def _progress(total: int, what: str) -> Progress:
    return Progress(TextColumn(what), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                    console=err_console, transient=True, disable=not err_console.is_terminal)


def simulate(
    years: Annotated[int, typer.Option("--years", help="Years to simulate (at least 1).")] = 30,
    seed: Annotated[int, typer.Option("--seed", help="Seed of the random generator (first seed with --runs).")] = 1,
    profile: ProfileRef = None,
    overrides: Sets = None,
    as_of: AsOf = None,
    runs: Annotated[int, typer.Option("--runs", help="Number of runs (Monte Carlo, in memory).")] = 1,
    out: Annotated[Path | None, typer.Option("--out", help="Write report.html and report.json here.")] = None,
    rate: Annotated[float | None, typer.Option("--rate", help="Bills per year (Poisson rate).")] = None,
    db: Annotated[str | None, typer.Option("--db", help="Database URL (default $RESPUBLIKA_DB or sqlite:///respublika.db).")] = None,
    as_json: Json = False,
    name: Annotated[str | None, typer.Option("--name", help="Name of the saved run and its world (default sim-SEED).")] = None,
    workers: Annotated[int | None, typer.Option("--workers", help="Processes for --runs (default: every core).")] = None,
    scheduler: Annotated[str | None, typer.Option("--scheduler", help="Run --runs on the Dask cluster at this address (tcp://HOST:PORT) instead of local processes; the results are the same.")] = None,
    param: Annotated[list[str] | None, typer.Option("--param", help="A behaviour parameter: KEY=VALUE (see docs/simulation.md; repeatable).")] = None,
    start: Annotated[str | None, typer.Option("--start", help="First day, YYYY-MM-DD (default 2000-01-01).")] = None,
    resume: Annotated[bool, typer.Option("--resume", help="Continue the saved run --name from its last checkpoint.")] = False,
    each_step: Annotated[bool, typer.Option("--each-step", help="Append every act with Store.apply (one transaction per act; slow).")] = False,
    act: Annotated[list[str] | None, typer.Option("--act", help="ROLE=ACT: the profile's name for an act the behaviour uses, e.g. declare=declare_emergency (repeatable).")] = None,
    save: Annotated[bool, typer.Option("--save", help="Keep the run in the database (implied by --db, --name, --each-step).")] = False,
    lang: Lang = "en",
) -> None:
    """Simulate the Republic over years: elections on their cycles, bills, vetoes, crises."""
    from respublika.render import simulation_report as report

    if runs < 1:
        raise InputError(f"--runs must be at least 1, got {runs}")
    if workers is not None and workers < 1:
        raise InputError(f"--workers must be at least 1, got {workers}")
    if scheduler is not None and runs < 2:
        raise InputError("--scheduler runs --runs N (N of at least 2) on a Dask cluster; one run runs here")
    if runs > 1 and (resume or name or each_step or db or save):
        raise InputError("--runs N runs in memory: --save, --db, --name, --resume and --each-step apply to one run")
    folder = report.check_output_dir(out) if out is not None else None
    config = None if resume else simulation.config(
        options.request(profile, as_of, overrides), years=years, seed=seed, rate=rate, params=param or [],
        start=start, acts=act or [])
    if config is not None and runs > 1:
        _many(config, runs, workers, folder, as_json, lang, scheduler)
    else:
        keep = resume or save or db is not None or name is not None or each_step
        _one(config, seed, db, name, folder, as_json, each_step, keep, lang)


def _one(config: SimulationConfig | None, seed: int, db: str | None, name: str | None, folder: Path | None,
         as_json: bool, each_step: bool = False, keep: bool = True, lang: str = "en") -> None:
    """One run (``config``): saved when ``keep``, else in memory; or the saved run ``name``
    resumed (``config`` is None)."""
    from respublika.render import simulation_report as report

    run_name = simulation.run_name(name, seed)
    total = config.years if config is not None else 0
    with _progress(total, f"simulating {run_name}") as bar:
        task = bar.add_task("years", total=total or None)
        first: list[date] = []

        def tick(on: date) -> None:
            first[:] = first or [on]
            bar.update(task, completed=on.year - first[0].year)

        if not keep and config is not None:
            result = simulation.run_memory(config, run_name, progress=tick)
            timeline = result.timeline()
        else:
            with worlds.store(db) as store:
                result = simulation.run_saved(store, run_name, config, each_step=each_step, progress=tick)
                timeline = result.timeline()
    paths = None
    if folder is not None:
        paths = report.write_report(folder, report.run_report(timeline, result.profile, lang), timeline)
    summary = result.summary()
    if as_json:
        print_json({"name": run_name, "saved": keep or config is None, "summary": summary, "report": [str(p) for p in paths] if paths else None,
                    "timeline": timeline})
        return
    _print_rows(*report.run_summary_lines(result.profile, run_name, result.config.years,
                                          result.config.params.start, summary, lang))
    if paths:
        console.print(_report_line(paths, lang))


def _many(config: SimulationConfig, runs: int, workers: int | None, folder: Path | None, as_json: bool,
          lang: str = "en", scheduler: str | None = None) -> None:
    from respublika.render import simulation_report as report

    n = workers or os.cpu_count() or 1
    where = f"the Dask cluster at {scheduler}" if scheduler else f"{min(n, runs)} processes"
    with _progress(runs, f"{runs} runs on {where}") as bar:
        task = bar.add_task("runs", total=runs)
        agg = simulation.run_many(config, runs, n, progress=lambda done: bar.update(task, completed=done),
                                  scheduler=scheduler)
    paths = None
    if folder is not None:
        paths = report.write_report(folder, report.montecarlo_report(agg, config.load(), lang), agg)
    if as_json:
        print_json({**agg, "report": [str(p) for p in paths] if paths else None})
        return
    _print_rows(*report.montecarlo_summary_lines(config.load(), agg, config.years, config.seed, lang))
    if paths:
        console.print(_report_line(paths, lang))


def _report_line(paths: tuple[Path, Path], lang: str) -> str:
    from respublika.i18n import translator

    return translator(lang)("report: {html} and {json}").format(html=paths[0], json=paths[1])


def _print_rows(title: str, rows: list[tuple[str, str]]) -> None:
    table = Table(title=title, show_header=False)
    for key, value in rows:
        table.add_row(key, value)
    console.print(table)
