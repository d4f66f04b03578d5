"""The event log: atomic appends, replay equality, integrity checks, crashes."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select, update

from respublika.errors import InputError, ProcedureError
from respublika.procedure import Engine, Step, load_scenario, run, run_in_memory
from respublika.profile import load_profile
from respublika.store import DbSession, Store
from respublika.store.db import events

D = date.fromisoformat
ROOT = Path(__file__).resolve().parents[2]
LAW = [
    Step(D("2010-02-01"), "introduce", "B1", {"initiator": "deputies", "title": "On libraries"}),
    Step(D("2010-03-01"), "vote", "B1", {"chamber": "mazhilis", "for": 75, "against": 30, "abstain": 2}),
    Step(D("2010-04-15"), "vote", "B1", {"chamber": "senate", "for": 33, "against": 14}),
    Step(D("2010-04-20"), "sign", "B1"),
]


def rows(store: Store, name: str) -> int:
    return len(store.steps(name))


def test_replay_of_the_log_equals_the_world_in_memory(db_url, world_name):
    engine = Engine(load_profile("seed"))
    memory = engine.initial()
    with Store(db_url) as store:
        store.create_world(world_name)
        for step in LAW:
            memory, _ = engine.apply(memory, step)
            stored, _ = store.apply(world_name, step)
            assert stored == replace(memory, events=())   # apply's world: everything but the events
    with Store(db_url) as fresh:  # a new process would see the same
        _, loaded = fresh.load(world_name)
        assert loaded == memory
        assert fresh.check(world_name) == []
        assert [s.step for s in fresh.steps(world_name)] == LAW


def test_refused_act_writes_nothing(db_url, world_name):
    with Store(db_url) as store:
        store.create_world(world_name)
        store.apply(world_name, LAW[0])
        for bad in (Step(D("2010-03-01"), "sign", "B1"),
                    Step(D("2010-03-01"), "vote", "B1", {"chamber": "mazhilis", "for": 100, "against": 8}),
                    Step(D("2010-01-01"), "vote", "B1", {"chamber": "mazhilis", "for": 80, "against": 8}),
                    Step(D("2010-03-01"), "frobnicate", "B1")):
            with pytest.raises(ProcedureError):
                store.apply(world_name, bad)
        assert rows(store, world_name) == 1
        assert store.load(world_name)[1].matters["B1"].state == "in_mazhilis"


def test_a_crash_inside_the_transaction_leaves_nothing(db_url, world_name, monkeypatch):
    with Store(db_url) as store:
        store.create_world(world_name)
        store.apply(world_name, LAW[0])
        original = Store._append

        def append_then_crash(self, *args, **kwargs):
            original(self, *args, **kwargs)
            raise RuntimeError("power cut")

        monkeypatch.setattr(Store, "_append", append_then_crash)
        with pytest.raises(RuntimeError):
            store.apply(world_name, LAW[1])
        monkeypatch.undo()
        assert rows(store, world_name) == 1
        assert store.check(world_name) == []
        store.apply(world_name, LAW[1])
        assert rows(store, world_name) == 2


def test_check_detects_a_tampered_log(db_url, world_name):
    with Store(db_url) as store:
        record = store.create_world(world_name)
        for step in LAW[:2]:
            store.apply(world_name, step)
        bad = Step(D("2010-03-01"), "vote", "B1", {"chamber": "mazhilis", "for": 10, "against": 90}).to_dict()
        with store.db.begin() as conn:
            conn.execute(update(events).where(events.c.world_id == record.id, events.c.seq == 2).values(payload=bad))
        problems = store.check(world_name)
        assert problems and "step 2" in problems[0]


@pytest.mark.parametrize("name", ["crisis-dissolution.yaml", "delegation.yaml", "amendment-referendum.yaml",
                                  "override-window.yaml"])
def test_scenarios_run_the_same_on_the_database(db_url, world_name, name):
    scenario = load_scenario(ROOT / "tests" / "scenarios" / name)
    engine = Engine(load_profile("seed"))
    memory = run_in_memory(scenario, engine)
    with Store(db_url) as store:
        store.create_world(world_name, "seed", {}, scenario.setup)
        stored = run(scenario, DbSession(store, world_name))
        assert stored.expect_met and memory.expect_met
        assert stored.world == memory.world
        assert [o.events for o in stored.steps] == [o.events for o in memory.steps]
        assert store.check(world_name) == []


def test_worlds_keep_their_profile_and_setup(db_url, world_name):
    with Store(db_url) as store:
        store.create_world(world_name, "seed", ["thresholds.two_thirds.share=1/2"], {"president_elected": "2011-04-03"})
        with pytest.raises(InputError, match="exists already"):
            store.create_world(world_name)
        with pytest.raises(InputError, match="unknown key"):
            store.create_world(world_name + "x", setup={"king": "Arthur"})
        store.apply(world_name, LAW[0])
        world, _ = store.apply(world_name, Step(D("2010-03-01"), "vote", "B1",
                                                {"chamber": "mazhilis", "for": 54, "against": 53}))
        assert world.matters["B1"].state == "in_senate"  # 1/2 of 107 -> 54
        assert world.setup == {"president_elected": "2011-04-03"}
        assert world_name in [w.name for w in store.worlds()]
        with pytest.raises(InputError, match="no world named"):
            store.load(world_name + "-missing")


def test_concurrent_writers_never_interleave(db_url, world_name):
    with Store(db_url) as store:
        store.create_world(world_name)
    errors: list[Exception] = []

    def writer(prefix: str) -> None:
        try:
            with Store(db_url) as mine:
                for i in range(15):
                    mine.apply(world_name, Step(D("2010-01-01"), "introduce", f"{prefix}{i}", {"initiator": "government"}))
        except Exception as exc:
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(p,)) for p in "XYZ"]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with Store(db_url) as store:
        assert rows(store, world_name) == 45
        assert store.check(world_name) == []
        assert len(store.load(world_name)[1].matters) == 45


WRITER = textwrap.dedent("""
    import sys
    from datetime import date, timedelta
    from respublika.procedure import Step
    from respublika.store import Store
    url, name = sys.argv[1], sys.argv[2]
    with Store(url) as store:
        _, world = store.load(name)
        day = world.clock or date(2010, 1, 1)
        i = len(world.matters)
        while True:
            i += 1
            store.apply(name, Step(day, "introduce", f"B{i}", {"initiator": "government", "title": "x" * 2000}))
            store.apply(name, Step(day, "vote", f"B{i}", {"chamber": "mazhilis", "for": 80, "against": 27}))
            day += timedelta(days=1)
            print(i, flush=True)
""")


def test_killing_a_writer_leaves_the_database_consistent(db_url, world_name, tmp_path):
    with Store(db_url) as store:
        store.create_world(world_name)
    script = tmp_path / "writer.py"
    script.write_text(WRITER)
    for attempt in range(2):
        proc = subprocess.Popen([sys.executable, str(script), db_url, world_name],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        assert proc.stdout is not None
        for _ in range(5 + 7 * attempt):  # let it write a while, then kill it mid-stream
            if not proc.stdout.readline():
                pytest.fail(proc.stderr.read() if proc.stderr else "writer died")
        time.sleep(0.013 * attempt)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        with Store(db_url) as store:
            assert store.check(world_name) == []
            _, world = store.load(world_name)
            assert len(world.events) == rows(store, world_name) + sum(
                1 for s in store.steps(world_name) for e in s.events if e.kind == "deadline")
            with store.db.connect() as conn:
                count = conn.execute(select(func.count()).select_from(events)
                                     .where(events.c.world_id == store.world(world_name).id)).scalar_one()
            assert count == rows(store, world_name) >= 10


def test_payload_and_outcome_are_plain_json(db_url, world_name):
    with Store(db_url) as store:
        store.create_world(world_name)
        store.apply(world_name, LAW[0])
        store.apply(world_name, LAW[1])
        with store.db.connect() as conn:
            row = conn.execute(select(events.c.payload, events.c.outcome).order_by(events.c.id.desc())).first()
        assert row is not None
        assert json.loads(json.dumps(row.payload))["params"]["for"] == 75
        assert row.outcome[-1]["votes"][0] == {"chamber": "mazhilis", "size": 107, "for": 75, "against": 30,
                                               "abstain": 2, "base": 107, "required": 72,
                                               "threshold": "two_thirds", "passed": True}
