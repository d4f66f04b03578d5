"""Sweeps (issue 18): the grid, the table, resuming, and a real Dask cluster on 127.0.0.1."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from respublika.app import sweep
from respublika.errors import InputError
from respublika.simulate.sweep import OUTCOME_COLUMNS, Grid

GRID = {"profiles": ["seed", "majority"], "params": {"rate": 30, "parties.Centre.share": [0.5, 0.7]},
        "years": 2, "seeds": {"start": 3, "count": 2}}
DASK = Path(sys.executable).with_name("dask")


def test_grid_runs_every_combination_in_order() -> None:
    grid = sweep.plan(GRID)
    runs = grid.runs()
    assert len(runs) == len(grid) == 8
    assert [r["spec"]["seed"] for r in runs[:4]] == [3, 4, 3, 4]
    assert [r["spec"]["profile"] for r in runs] == ["seed"] * 4 + ["majority"] * 4
    assert len({r["key"] for r in runs}) == 8


@pytest.mark.parametrize(("grid", "message"), [
    ({}, "profiles is missing"),
    ({"profiles": "seed", "colour": 1}, "unknown key(s) colour"),
    ({"profiles": "seed", "years": 0}, "years must be a whole number of at least 1"),
    ({"profiles": "seed", "params": {"nonsense": [1]}}, "nonsense"),
    ({"profiles": "seed", "seeds": []}, "seeds is an empty list"),
    ({"profiles": "nowhere"}, "nowhere"),
    ({"profiles": "seed", "set": [{"no.such.key": 1}]}, "no"),
])
def test_bad_grids_are_refused(grid: dict[str, object], message: str) -> None:
    with pytest.raises(InputError) as info:
        sweep.plan(grid)
    assert message in str(info.value)


def test_table_columns_and_resume() -> None:
    grid = sweep.plan(GRID)
    full = sweep.run(grid, workers=1)
    assert list(full.columns[:4]) == ["run", "key", "profile", "set"]
    assert {"param.rate", "param.parties.Centre.share", "years", "seed", "largest_share", *OUTCOME_COLUMNS} <= set(full.columns)
    assert list(full["run"]) == list(range(8))
    assert (full["introduced"] > 0).all()
    seen: list[int] = []
    half = [r for r in full.to_dict("records")][:3]
    again = sweep.run(grid, done=half, workers=1, on_row=lambda row: seen.append(row["run"]))
    assert seen == [3, 4, 5, 6, 7]  # only the missing runs ran
    pd.testing.assert_frame_equal(again, full)


def test_the_cli_writes_parquet_and_csv_and_resumes(respublika: Callable[..., Any], tmp_path: Path) -> None:
    import yaml

    grid_file = tmp_path / "grid.yaml"
    grid_file.write_text(yaml.safe_dump({**GRID, "profiles": ["seed"]}, sort_keys=False), encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    first = sweep.run(sweep.plan({**GRID, "profiles": ["seed"]}), workers=1)
    (out / "sweep.partial.jsonl").write_text(json.dumps(first.iloc[0].to_dict(), default=str) + "\n{cut", encoding="utf-8")
    ran = respublika("sweep", str(grid_file), "--out", str(out), "--workers", "1", "--json")
    assert ran.code == 0, ran.err
    data = json.loads(ran.out)
    assert data["runs"] == 4 and data["reused"] == 1
    assert not (out / "sweep.partial.jsonl").exists()
    pd.testing.assert_frame_equal(pd.read_parquet(out / "sweep.parquet"), first)
    assert len(pd.read_csv(out / "sweep.csv")) == 4
    bad = respublika("sweep", str(tmp_path / "missing.yaml"))
    assert bad.code == 2 and "cannot read the grid" in bad.err


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_for_workers(address: str, n: int, timeout: float = 60) -> None:
    from dask.distributed import Client

    with Client(address, timeout="30s") as client:
        client.wait_for_workers(n, timeout=timeout)


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A scheduler and two workers, each a ``dask`` subprocess on 127.0.0.1; always torn down."""
    if not DASK.exists():
        pytest.skip(f"no dask command beside {sys.executable}")
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    env = {**os.environ, "DASK_DISTRIBUTED__WORKER__DAEMON": "False"}
    procs = []
    log = (tmp_path_factory.mktemp("dask") / "dask.log").open("w")
    try:
        procs.append(subprocess.Popen([str(DASK), "scheduler", "--host", "127.0.0.1", "--port", str(port),
                                       "--no-dashboard"], stdout=log, stderr=subprocess.STDOUT, env=env))
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.2)
        for _ in range(2):
            procs.append(subprocess.Popen([str(DASK), "worker", address, "--nworkers", "1", "--nthreads", "1",
                                           "--no-dashboard", "--host", "127.0.0.1"],
                                          stdout=log, stderr=subprocess.STDOUT, env=env))
        _wait_for_workers(address, 2)
        yield address
    finally:
        for p in reversed(procs):
            p.terminate()
        for p in reversed(procs):
            try:
                p.wait(timeout=15)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()
        log.close()


@pytest.mark.once
def test_a_real_cluster_gives_the_local_table(cluster: str) -> None:
    grid = sweep.plan(GRID)
    local = sweep.run(grid, workers=1)
    remote = sweep.run(grid, scheduler=cluster)
    pd.testing.assert_frame_equal(remote, local)


@pytest.mark.once
def test_montecarlo_on_the_cluster_is_the_local_result(cluster: str) -> None:
    from respublika.simulate import SimParams, montecarlo
    from respublika.simulate.run import SimulationConfig

    config = SimulationConfig("seed", {}, SimParams(rate=20), 5, 2)
    assert montecarlo.run_many(config, 3, scheduler=cluster) == montecarlo.run_many(config, 3, workers=1)


@pytest.mark.once
def test_simulate_runs_on_the_cluster_from_the_command_line(cluster: str, respublika: Callable[..., Any]) -> None:
    """``simulate --runs N --scheduler tcp://...``: the same aggregate as local processes."""
    args = ["simulate", "--years", "2", "--seed", "5", "--rate", "20", "--runs", "3", "--json"]
    remote = respublika(*args, "--scheduler", cluster)
    local = respublika(*args, "--workers", "1")
    assert remote.code == 0 and local.code == 0, (remote.err, local.err)
    assert json.loads(remote.out) == json.loads(local.out)
    one = respublika("simulate", "--years", "2", "--scheduler", cluster)
    assert one.code == 2 and "--scheduler" in one.err


def test_grid_from_dict_rejects_non_mappings() -> None:
    with pytest.raises(InputError, match="expected a mapping"):
        Grid.from_dict(["seed"])
