"""``respublika sweep GRID.yaml``: every combination of a grid of rules, behaviours, years and seeds.

    respublika sweep GRID.yaml [--out DIR] [--workers W] [--scheduler tcp://HOST:PORT] [--json]

Runs every run of the grid (``docs/simulation.md``, "Sweeps") on Dask: a local cluster of
``--workers`` processes (default: every core), or the existing cluster at ``--scheduler``.
Writes ``DIR/sweep.parquet`` and ``DIR/sweep.csv`` (one row per run; default DIR ``sweep``).
Each finished run is appended to ``DIR/sweep.partial.jsonl`` as it arrives, so an
interrupted sweep started again with the same ``--out`` runs only what is missing (rows
already in ``DIR/sweep.parquet`` count too); the partial file is removed once the table is
written.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from respublika.app import sweep
from respublika.cli.common import print_json
from respublika.cli.options import Json
from respublika.errors import InputError

console = Console(highlight=False)
err_console = Console(stderr=True, highlight=False)
PARTIAL = "sweep.partial.jsonl"


def register(app: typer.Typer) -> None:
    app.command("sweep")(sweep_command)


def _read_grid(path: Path) -> Any:
    import yaml

    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot read the grid {str(path)!r}: {exc.strerror or exc}") from None
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise InputError(f"the grid {str(path)!r} is not valid YAML: {exc}") from None


def _done(folder: Path) -> list[dict[str, Any]]:
    """Rows of a previous (partial) sweep in ``folder``."""
    rows: list[dict[str, Any]] = []
    table = folder / "sweep.parquet"
    if table.exists():
        import pandas as pd

        frame = pd.read_parquet(table)
        rows += [{k: (None if pd.isna(v) else v) for k, v in r.items()} for r in frame.to_dict("records")]
    partial = folder / PARTIAL
    if partial.exists():
        for line in partial.read_text(encoding="utf-8").splitlines():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError:
                continue  # a line cut short by an interruption
    return rows


def sweep_command(
    grid_file: Annotated[Path, typer.Argument(metavar="GRID.yaml", help="The grid: profiles, set, params, years, seeds.")],
    out: Annotated[Path, typer.Option("--out", help="Write sweep.parquet and sweep.csv here (resumes a partial sweep).")] = Path("sweep"),
    workers: Annotated[int | None, typer.Option("--workers", help="Local Dask worker processes (default: every core).")] = None,
    scheduler: Annotated[str | None, typer.Option("--scheduler", help="Use the Dask cluster at tcp://HOST:PORT.")] = None,
    as_json: Json = False,
) -> None:
    """Run every combination of a grid on Dask and write one row of outcomes per run."""
    if workers is not None and workers < 1:
        raise InputError(f"--workers must be at least 1, got {workers}")
    if scheduler is not None and not scheduler.strip():
        raise InputError("--scheduler: expected an address such as tcp://127.0.0.1:8786")
    grid = sweep.plan(_read_grid(grid_file))
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"cannot create the output directory {str(out)!r}: {exc.strerror or exc}") from None
    if not out.is_dir() or not os.access(out, os.W_OK):
        raise InputError(f"cannot write to the output directory {str(out)!r}")
    done = _done(out)
    where = scheduler or f"{workers or os.cpu_count() or 1} local processes"
    with (out / PARTIAL).open("a", encoding="utf-8") as partial, Progress(
            TextColumn(f"{len(grid)} runs on {where}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
            console=err_console, transient=True, disable=not err_console.is_terminal) as bar:
        task = bar.add_task("runs", total=len(grid))

        def row_done(row: dict[str, Any]) -> None:
            partial.write(json.dumps(row, default=str) + "\n")
            partial.flush()

        frame = sweep.run(grid, done=done, workers=workers, scheduler=scheduler,
                          progress=lambda n, total: bar.update(task, completed=n, total=total), on_row=row_done)
    frame.to_parquet(out / "sweep.parquet", index=False)
    frame.to_csv(out / "sweep.csv", index=False)
    (out / PARTIAL).unlink(missing_ok=True)
    reused = len({str(r.get("key")) for r in done} & set(frame["key"].astype(str)))
    if as_json:
        print_json({"runs": len(frame), "reused": reused, "columns": list(frame.columns),
                    "parquet": str(out / "sweep.parquet"), "csv": str(out / "sweep.csv")})
        return
    console.print(f"{len(frame)} runs ({reused} from the partial table): {out / 'sweep.parquet'} and {out / 'sweep.csv'}")
