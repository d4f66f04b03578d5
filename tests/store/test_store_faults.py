"""Issue 14's store findings, each a regression test: database URL and file problems,
ids at the boundary, a refused act that makes no database, snapshots (an act replays only
the rows after the last one; ``check`` compares them), simulations killed before their
first checkpoint, two resumes, failed runs, and the busy database's error."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest
from sqlalchemy import select, update
from sqlalchemy.exc import OperationalError

from respublika.app import worlds
from respublika.errors import BusyError, ConflictError, InputError, StoreError
from respublika.procedure import Step
from respublika.simulate import SimParams
from respublika.simulate.run import SimulationConfig
from respublika.store import Store, simulations
from respublika.store import log as store_log
from respublika.store.db import problem
from respublika.store.tables import snapshots

from .test_store_log import LAW

D = date.fromisoformat


@pytest.mark.parametrize(("make", "words"), [
    (lambda p: f"sqlite:///{p / 'no' / 'dir' / 'x.db'}", "does not exist"),
    (lambda p: f"sqlite:///{p}", "is a folder"),
    (lambda p: "not a url", "is not a URL"),
    (lambda p: "foo://bar/baz", "unknown kind of database 'foo'"),
    (lambda p: "mysql://u@127.0.0.1:8997/x", "driver is not installed"),
    (lambda p: "postgresql+psycopg://postgres@127.0.0.1:1/x", "cannot connect"),
])
def test_database_url_problems_are_named(tmp_path, make, words):
    with pytest.raises(StoreError, match=words):
        Store(make(tmp_path))


def test_a_file_that_is_not_a_database(tmp_path):
    path = tmp_path / "votes.csv"
    path.write_bytes(b"party,votes\n" * 400)
    with pytest.raises(StoreError, match="not a SQLite database"):
        Store(f"sqlite:///{path}")


def test_a_foreign_schema_is_refused(tmp_path):
    path = tmp_path / "foreign.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE procedure_worlds (id INTEGER, foo TEXT)")
    with pytest.raises(StoreError, match="not respublika's"):
        Store(f"sqlite:///{path}")


def test_a_read_only_database_refuses_writes_cleanly(tmp_path):
    path = tmp_path / "ro.db"
    with Store(f"sqlite:///{path}") as store:
        store.create_world("w")
    with Store(f"sqlite:///file:{path}?mode=ro&uri=true") as store, pytest.raises(StoreError, match="read-only"):
        store.apply("w", LAW[0])
    with Store(f"sqlite:///{path}") as store:
        assert store.last_seq("w") == 0


def test_a_locked_database_is_busy():
    exc = OperationalError("BEGIN IMMEDIATE", {}, sqlite3.OperationalError("database is locked"))
    assert isinstance(problem(exc, "sqlite:///x.db"), BusyError)
    assert "the database is busy, try again" in str(problem(exc, "sqlite:///x.db"))


@pytest.mark.parametrize("name", ["", "  ", " w", "w ", "w" * 201, "a\nb"])
def test_world_names_are_checked_at_the_boundary(db_url, name):
    with Store(db_url) as store, pytest.raises(InputError):
        store.create_world(name)


@pytest.mark.parametrize("matter", ["", " B1", "B" * 201])
def test_matter_ids_are_checked_at_the_boundary(db_url, world_name, matter):
    with Store(db_url) as store:
        store.create_world(world_name)
        with pytest.raises(InputError):
            store.apply(world_name, Step(D("2010-02-01"), "introduce", matter, {"initiator": "deputies"}))
        assert store.last_seq(world_name) == 0


def test_a_refused_act_makes_no_database(tmp_path):
    path = tmp_path / "new.db"
    with worlds.store(f"sqlite:///{path}") as opened, pytest.raises(InputError):
        worlds.act(opened, "default", "introduce", "B1", {"initiator": "nobody"}, D("2020-03-01"))
    with worlds.store(f"sqlite:///{path}") as opened, pytest.raises(InputError):
        worlds.act(opened, "default", "vote", "B1", {"chamber": "mazhilis", "for": 1, "against": 0},
                   D("2020-03-01"))
    assert not path.exists()
    with worlds.store(f"sqlite:///{path}") as opened:
        worlds.act(opened, "default", "introduce", "B1", {"initiator": "deputies"}, D("2020-03-01"))
    assert path.exists()


def test_an_act_replays_only_the_rows_after_the_last_snapshot(db_url, world_name, monkeypatch):
    monkeypatch.setattr(store_log, "SNAPSHOT_EVERY", 2)
    with Store(db_url) as store:
        store.create_world(world_name)
        for step in LAW[:3]:
            store.apply(world_name, step)
        with store.transaction() as conn:
            kept = conn.execute(select(snapshots.c.seq).join_from(snapshots, store_log.worlds)
                                .where(store_log.worlds.c.name == world_name)).scalars().all()
        assert kept == [2]
    with Store(db_url) as fresh:
        seen = []
        original = fresh._steps_after
        monkeypatch.setattr(fresh, "_steps_after", lambda conn, wid, after: seen.append(after) or original(conn, wid, after))
        world, _ = fresh.apply(world_name, LAW[3])
        assert seen == [2]                                    # from the snapshot, not from row 0
        assert world.matters["B1"].state == fresh.load(world_name)[1].matters["B1"].state
        assert fresh.check(world_name) == []


def test_check_compares_the_snapshots_with_the_replay(db_url, world_name, monkeypatch):
    monkeypatch.setattr(store_log, "SNAPSHOT_EVERY", 1)
    with Store(db_url) as store:
        store.create_world(world_name)
        store.apply(world_name, LAW[0])
        record = store.world(world_name)
        with store.transaction(write=True) as conn:
            state = conn.execute(select(snapshots.c.state).where(snapshots.c.world_id == record.id)).scalar_one()
            state = {**state, "matters": [{**m, "state": "enacted"} for m in state["matters"]]}
            conn.execute(update(snapshots).where(snapshots.c.world_id == record.id).values(state=state))
        assert any("snapshot at step 1 differs" in p for p in store.check(world_name))


def test_a_saved_run_leaves_a_snapshot_that_acts_use(tmp_path):
    with Store(f"sqlite:///{tmp_path / 's.db'}") as store:
        simulations.start(store, "sim", SimulationConfig("seed", {}, SimParams(rate=20), 2, 2))
        last = store.last_seq("sim")
        with store.transaction() as conn:
            assert last in conn.execute(select(snapshots.c.seq)).scalars().all()
        assert store.check("sim") == []
        day = store.steps("sim")[-1].step.date
        store.apply("sim", Step(day, "introduce", "USER1", {"initiator": "deputies"}))
        assert store.check("sim") == []


def test_a_run_killed_before_its_first_checkpoint_resumes_from_its_start(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 's.db'}"
    config = SimulationConfig("seed", {}, SimParams(rate=10), 5, 2)
    with Store(url) as store:
        simulations.start(store, "sim", config)
        whole = [s.step for s in store.steps("sim")]
    with Store(f"sqlite:///{tmp_path / 'k.db'}") as store:
        def kill(_on):
            raise KeyboardInterrupt

        with monkeypatch.context() as patch:           # SIGKILL: no clean-up runs
            patch.setattr(simulations, "_forget", lambda *a: None)
            with pytest.raises(KeyboardInterrupt):
                simulations.start(store, "sim", config, progress=kill)
        assert simulations.runs(store)[0]["finished"] is False and store.last_seq("sim") == 0
        with pytest.raises(InputError, match="belongs to the simulation 'sim'"):
            store.apply("sim", Step(D("2000-02-01"), "introduce", "USER1", {"initiator": "deputies"}))
        simulations.resume(store, "sim")
        assert [s.step for s in store.steps("sim")] == whole
        assert store.check("sim") == []


def test_of_two_resumes_one_wins(tmp_path):
    with Store(f"sqlite:///{tmp_path / 's.db'}") as store:
        simulations.start(store, "sim", SimulationConfig("seed", {}, SimParams(rate=10), 6, 3),
                          until=date(2001, 3, 1))
        second = Store(store.url)
        calls = []

        def rival(on):
            if not calls:
                calls.append(on)
                second_result.append(simulations.resume(second, "sim"))   # takes the lease over

        second_result: list = []
        with pytest.raises(ConflictError, match="another"):
            simulations.resume(store, "sim", progress=rival)
        second.close()
        assert second_result and second_result[0].finished
        assert store.check("sim") == []


def test_a_failed_run_leaves_nothing_that_blocks_a_restart(tmp_path, monkeypatch):
    with Store(f"sqlite:///{tmp_path / 's.db'}") as store:
        with pytest.raises(InputError, match="--years"):
            simulations.start(store, "sim", SimulationConfig("seed", {}, SimParams(), 1, 8000))
        assert store.worlds() == []

        def boom(_on):
            raise RuntimeError("killed")

        with pytest.raises(RuntimeError):
            simulations.start(store, "sim", SimulationConfig("seed", {}, SimParams(rate=5), 1, 1), progress=boom)
        assert store.worlds() == [] and simulations.runs(store) == []
        simulations.start(store, "sim", SimulationConfig("seed", {}, SimParams(rate=5), 1, 1))
