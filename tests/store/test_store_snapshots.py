"""Snapshots keep finished matters apart (migration 0003): an act reads the live ones only,
and a finished matter only when it names one; the answers are those of the whole world."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import null, select, update

from respublika.errors import ProcedureError
from respublika.procedure import Step
from respublika.store import Store
from respublika.store import log as store_log
from respublika.store.tables import snapshots

from .test_store_log import LAW

D = date.fromisoformat


def _bill(day: str, bill: str) -> Step:
    return Step(D(day), "introduce", bill, {"initiator": "deputies"})


def _world(store: Store, name: str) -> None:
    store.create_world(name)
    for step in [*LAW, _bill("2010-05-01", "B2"), _bill("2010-05-02", "B3")]:
        store.apply(name, step)


def _last_snapshot(store: Store, name: str):
    record = store.world(name)
    with store.transaction() as conn:
        return conn.execute(select(snapshots.c.seq, snapshots.c.state, snapshots.c.final)
                            .where(snapshots.c.world_id == record.id)
                            .order_by(snapshots.c.seq.desc()).limit(1)).mappings().first()


def test_a_snapshot_keeps_the_finished_matters_apart(db_url, world_name, monkeypatch):
    monkeypatch.setattr(store_log, "SNAPSHOT_EVERY", 2)
    with Store(db_url) as store:
        _world(store, world_name)
        snap = _last_snapshot(store, world_name)
    assert snap["seq"] == 6
    assert sorted(m["id"] for m in snap["state"]["matters"]) == ["B2", "B3"]
    assert [(m["id"], m["state"]) for m in snap["final"]] == [("B1", "law")]


def test_acts_see_finished_matters_as_the_whole_world_does(db_url, world_name, monkeypatch):
    monkeypatch.setattr(store_log, "SNAPSHOT_EVERY", 2)
    with Store(db_url) as store:
        _world(store, world_name)
    with Store(db_url) as fresh:
        with pytest.raises(ProcedureError, match="final"):
            fresh.apply(world_name, Step(D("2010-06-01"), "sign", "B1"))
        with pytest.raises(ProcedureError, match="exists already"):
            fresh.apply(world_name, _bill("2010-06-01", "B1"))
        after, _ = fresh.apply(world_name, _bill("2010-06-01", "B4"))
        engine = fresh.engine(fresh.world(world_name))
        whole = engine.replay([s.step for s in fresh.steps(world_name)])
        assert after.status() == whole.status()
        assert list(after.status()) == ["B1", "B2", "B3", "B4"] and after.status()["B1"] == "law"
        assert after.matters["B1"] == whole.matters["B1"]          # read from the snapshot's final part
        assert fresh.load(world_name)[1] == whole                  # the linear replay: the same world
        assert fresh.check(world_name) == []


def test_check_compares_the_finished_part_too(db_url, world_name, monkeypatch):
    monkeypatch.setattr(store_log, "SNAPSHOT_EVERY", 2)
    with Store(db_url) as store:
        _world(store, world_name)
        snap = _last_snapshot(store, world_name)
        record = store.world(world_name)
        with store.transaction(write=True) as conn:
            conn.execute(update(snapshots).where(snapshots.c.world_id == record.id, snapshots.c.seq == snap["seq"])
                         .values(final=[{**m, "state": "rejected"} for m in snap["final"]]))
        assert any("snapshot at step 6 differs" in p for p in store.check(world_name))


def test_a_snapshot_of_an_earlier_release_is_read_too(db_url, world_name, monkeypatch):
    """Before migration 0003 a snapshot held every matter in ``state`` (``final`` empty)."""
    monkeypatch.setattr(store_log, "SNAPSHOT_EVERY", 2)
    with Store(db_url) as store:
        _world(store, world_name)
        snap = _last_snapshot(store, world_name)
        record = store.world(world_name)
        whole = {**snap["state"], "matters": [*snap["final"], *snap["state"]["matters"]]}
        with store.transaction(write=True) as conn:
            conn.execute(update(snapshots).where(snapshots.c.world_id == record.id, snapshots.c.seq == snap["seq"])
                         .values(state=whole, final=null()))  # SQL NULL, as the migration leaves it
    with Store(db_url) as fresh:
        with pytest.raises(ProcedureError, match="exists already"):
            fresh.apply(world_name, _bill("2010-06-01", "B1"))
        after, _ = fresh.apply(world_name, _bill("2010-06-01", "B4"))
        assert after.status()["B1"] == "law" and "B4" in after.matters
        assert fresh.check(world_name) == []
        with fresh.transaction() as conn:
            assert conn.execute(select(snapshots.c.final.is_(None)).where(
                snapshots.c.world_id == record.id, snapshots.c.seq == snap["seq"])).scalar_one()
