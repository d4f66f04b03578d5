"""Sweeps as a user asks for them: a grid checked once, every run on Dask, one tidy table.

:func:`plan` checks a grid (a mapping, as the CLI reads it from YAML) before any work: the
keys, every profile with every override set, the behaviour parameters, the act names.
:func:`run` runs the runs a partial table does not hold yet (by their ``key``) through
:func:`respublika.simulate.distributed.map_runs` (a local cluster on this machine's cores,
or ``scheduler="tcp://HOST:PORT"``) and returns the whole table (a ``pandas.DataFrame``,
one row per run in the grid's order; columns in :mod:`respublika.simulate.sweep`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from typing import Any

from respublika.app.profiles import ProfileRequest, open_profile
from respublika.errors import InputError


def plan(data: Any) -> Any:
    """A checked :class:`respublika.simulate.sweep.Grid` (nothing is simulated yet)."""
    from respublika.simulate.acts import ActNames
    from respublika.simulate.sweep import Grid

    grid = Grid.from_dict(data)
    sets = []
    for overrides in grid.sets:
        text = tuple(f"{k}={v}" for k, v in overrides.items()) if all(
            isinstance(v, str) for v in overrides.values()) else overrides
        sets.append(ProfileRequest.of(grid.profiles[0], sets=text).overrides())
    grid = replace(grid, sets=tuple(sets))
    for ref in grid.profiles:
        for overrides in grid.sets:
            loaded = open_profile(ProfileRequest.of(ref, sets=overrides))  # a bad profile or --set fails here
            for role, act in grid.acts.items():
                if act not in loaded.procedure.acts:
                    raise InputError(f"grid: acts.{role}: the profile {ref!r} has no act {act!r}")
            ActNames.for_profile(loaded, grid.acts)
    return grid


def run(grid: Any, *, done: Sequence[Mapping[str, Any]] = (), workers: int | None = None,
        scheduler: str | None = None, progress: Callable[[int, int], None] | None = None,
        on_row: Callable[[dict[str, Any]], None] | None = None) -> Any:
    """The table of every run of ``grid``; rows of ``done`` (same key) are kept, not run again.

    ``progress(done, total)`` follows the runs; ``on_row(row)`` gets each new row as it arrives."""

    from respublika.simulate.distributed import map_runs
    from respublika.simulate.sweep import columns, run_one

    if workers is not None and workers < 1:
        raise InputError(f"--workers must be at least 1, got {workers}")
    runs = grid.runs()
    have = {str(r["key"]): dict(r) for r in done}
    todo = [r for r in runs if r["key"] not in have]
    total = len(runs)
    if progress is not None:
        progress(total - len(todo), total)

    def arrived(n: int, _i: int, row: dict[str, Any]) -> None:
        if on_row is not None:
            on_row(row)
        if progress is not None:
            progress(total - len(todo) + n, total)

    new = map_runs(run_one, todo, workers=workers, scheduler=scheduler, progress=arrived)
    by_key = {**have, **{r["key"]: r for r in new}}
    rows = []
    for r in runs:
        row = dict(by_key[r["key"]])
        row["run"] = r["run"]
        rows.append(row)
    return table(rows, columns(grid))


def table(rows: Sequence[Mapping[str, Any]], cols: Sequence[str]) -> Any:
    """Rows as a DataFrame with ``cols`` in order and stable dtypes (missing values are NA)."""
    import pandas as pd

    frame = pd.DataFrame([{c: r.get(c) for c in cols} for r in rows], columns=list(cols))
    for c in cols:
        if c in ("profile", "set", "key") or c.startswith("set."):
            frame[c] = frame[c].astype("string")
    for c in ("override_rate", "median_days_to_law", "mean_days_to_law"):
        frame[c] = pd.to_numeric(frame[c], errors="coerce").astype("float64")
    return frame
