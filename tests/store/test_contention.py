"""Twenty processes at once (issue 14, item 2): acts on a world of 5,000 events, and first
acts on a fresh SQLite file, end without a traceback; every acknowledged act is in the
log, and the log replays (SQLite and PostgreSQL)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
import uuid
from datetime import timedelta
from pathlib import Path

import pytest

from respublika.simulate import SimParams
from respublika.simulate.run import SimulationConfig
from respublika.store import Store, simulations

from .conftest import PG_URL

pytestmark = pytest.mark.once

PROCESSES = 20

ACTOR = textwrap.dedent("""
    import sys, time
    from datetime import date
    from pathlib import Path
    url, world, bill, day, go = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], Path(sys.argv[5])
    from respublika.app import worlds
    from respublika.errors import RespublikaError
    while not go.exists():
        time.sleep(0.005)
    try:
        with worlds.store(url) as opened:
            worlds.act(opened, world, "introduce", bill, {"initiator": "deputies"}, date.fromisoformat(day))
    except RespublikaError as exc:
        print(f"error: {exc}", file=sys.stderr)
        sys.exit(2)
    print("ok")
""")


def _race(tmp_path: Path, url: str, world: str, day: str) -> list[subprocess.CompletedProcess[str]]:
    go = tmp_path / f"go-{uuid.uuid4().hex[:6]}"
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2] / "src")}
    procs = [subprocess.Popen([sys.executable, "-c", ACTOR, url, world, f"C{i}", day, str(go)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
             for i in range(PROCESSES)]
    time.sleep(1.0)  # let them import and wait at the gate
    go.touch()
    out = []
    for p in procs:
        stdout, stderr = p.communicate(timeout=600)
        out.append(subprocess.CompletedProcess(p.args, p.returncode, stdout, stderr))
    return out


def _no_traceback(results: list[subprocess.CompletedProcess[str]]) -> int:
    for r in results:
        assert "Traceback" not in r.stderr, r.stderr
        assert r.returncode in (0, 2), r.stderr
        if r.returncode == 2:
            assert "busy, try again" in r.stderr, r.stderr
    return sum(r.returncode == 0 for r in results)


def _big_world(url: str, name: str) -> str:
    """A finished saved run of about 5,000 events; the date after its last step."""
    with Store(url) as store:
        simulations.start(store, name, SimulationConfig("seed", {}, SimParams(rate=300), 1, 5))
        steps = store.steps(name)
        assert sum(len(s.events) for s in steps) >= 5000
        return (steps[-1].step.date + timedelta(days=1)).isoformat()


@pytest.mark.parametrize("url_kind", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def test_twenty_acts_at_once_on_a_world_of_5000_events(tmp_path, url_kind):
    if url_kind == "postgres" and not PG_URL:
        pytest.skip("RESPUBLIKA_TEST_PG_URL is not set")
    url = f"sqlite:///{tmp_path / 'race.db'}" if url_kind == "sqlite" else str(PG_URL)
    name = f"big-{uuid.uuid4().hex[:8]}"
    day = _big_world(url, name)
    with Store(url) as store:
        before = store.last_seq(name)
    results = _race(tmp_path, url, name, day)
    done = _no_traceback(results)
    with Store(url) as store:
        assert store.last_seq(name) == before + done          # every acknowledged act, once
        assert store.check(name) == []
    assert done == PROCESSES                                    # none waited past the bounded wait


def test_twenty_first_acts_on_a_fresh_sqlite_file(tmp_path):
    url = f"sqlite:///{tmp_path / 'fresh.db'}"
    results = _race(tmp_path, url, "default", "2020-03-01")
    done = _no_traceback(results)
    assert not any("exists already" in r.stderr for r in results)
    with Store(url) as store:
        assert [w.name for w in store.worlds()] == ["default"]
        assert store.last_seq("default") == done == PROCESSES
        assert store.check() == []
