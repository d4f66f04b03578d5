"""Every writer states where it expects the log to end: ``append_many``, ``apply`` and
``step`` with ``expect_seq``, stored worlds as world holders, and the simulation's batches."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import insert

from respublika.errors import ConflictError, OwnedError, ProcedureError
from respublika.procedure import Engine, MemorySession, Step, load_scenario, run
from respublika.profile import load_profile
from respublika.simulate import SimParams
from respublika.simulate.backend import MemoryBackend
from respublika.simulate.run import SimulationConfig
from respublika.store import Store, StoredWorld, simulations
from respublika.store.tables import runs

from .test_store_log import LAW, ROOT, rows

D = date.fromisoformat


def journal_of(steps):
    engine = Engine(load_profile("seed"))
    world = engine.initial()
    out = []
    for step in steps:
        world, produced = engine.apply(world, step)
        out.append((step, produced))
    return world, out


def test_append_many_writes_what_apply_would_have(db_url, world_name):
    memory, journal = journal_of(LAW)
    with Store(db_url) as store:
        store.create_world(world_name)
        assert store.append_many(world_name, journal[:1], expect_seq=0) == 1
        assert store.append_many(world_name, journal[1:], expect_seq=1) == 4
        assert store.append_many(world_name, [], expect_seq=4) == 4
        assert store.load(world_name)[1] == memory
        assert store.last_seq(world_name) == 4
        assert store.check(world_name) == []
        _, world, seq = store.latest(world_name)
        assert (world, seq) == (memory, 4)


def test_append_many_refuses_another_writers_end_and_writes_nothing(db_url, world_name):
    _, journal = journal_of(LAW)
    with Store(db_url) as store:
        store.create_world(world_name)
        store.apply(world_name, LAW[0])                       # another writer's row
        with pytest.raises(ConflictError, match="ends at row 1, not at row 0"):
            store.append_many(world_name, journal, expect_seq=0)
        assert rows(store, world_name) == 1
        with pytest.raises(ConflictError):
            store.append_many(world_name, journal[1:], expect_seq=2)   # beyond the end
        assert rows(store, world_name) == 1
        store.append_many(world_name, journal[1:], expect_seq=1)
        assert rows(store, world_name) == 4 and store.check(world_name) == []


def test_append_many_in_the_callers_transaction_commits_with_it_or_not_at_all(db_url, world_name):
    _, journal = journal_of(LAW)
    with Store(db_url) as store:
        store.create_world(world_name)
        with pytest.raises(RuntimeError), store.transaction(write=True) as conn:
            store.append_many(world_name, journal, expect_seq=0, conn=conn)
            raise RuntimeError("the checkpoint fails")
        assert rows(store, world_name) == 0
        with store.transaction(write=True) as conn:
            store.append_many(world_name, journal, expect_seq=0, conn=conn)
        assert rows(store, world_name) == 4


def test_apply_and_step_check_the_expected_end(db_url, world_name):
    with Store(db_url) as store:
        store.create_world(world_name)
        store.apply(world_name, LAW[0], expect_seq=0)
        with pytest.raises(ConflictError):
            store.apply(world_name, LAW[1], expect_seq=0)
        with pytest.raises(ConflictError):
            store.step(world_name, LAW[1], expect_seq=0)
        assert rows(store, world_name) == 1
        store.apply(world_name, LAW[1], expect_seq=1)
        assert store.step(world_name, LAW[2], expect_seq=2).ok
        assert rows(store, world_name) == 3 and store.check(world_name) == []


def test_stored_worlds_refuse_to_write_over_each_other(db_url, world_name):
    with Store(db_url) as store:
        store.create_world(world_name)
        first, second = StoredWorld(store, world_name), StoredWorld(store, world_name)
        first.apply(LAW[0])
        with pytest.raises(ConflictError):
            second.apply(LAW[0])
        assert second.matter("B1") is None                    # its view did not move
        second.reload()
        assert second.matter("B1") is not None and second.seq == 1
        second.apply(LAW[1])
        with pytest.raises(ProcedureError):                   # a refusal writes nothing either
            second.apply(Step(D("2010-03-02"), "sign", "B1"))
        assert second.seq == 2 and rows(store, world_name) == 2
        assert second.world == store.load(world_name)[1]


@pytest.mark.parametrize("name", ["crisis-dissolution.yaml", "override-window.yaml"])
def test_every_holder_runs_a_scenario_to_the_same_events(db_url, world_name, name):
    scenario = load_scenario(ROOT / "tests" / "scenarios" / name)
    engine = Engine(load_profile("seed"))
    memory = run(scenario, MemorySession(engine, engine.initial(scenario.setup)))
    focused = run(scenario, MemoryBackend(engine, scenario.setup))
    with Store(db_url) as store:
        store.create_world(world_name, "seed", {}, scenario.setup)
        stored = run(scenario, StoredWorld(store, world_name))
    events = [[e.to_dict() for e in o.events] for o in memory.steps]
    assert [[e.to_dict() for e in o.events] for o in stored.steps] == events
    assert [[e.to_dict() for e in o.events] for o in focused.steps] == events
    assert [o.ok for o in focused.steps] == [o.ok for o in memory.steps]
    assert stored.world == memory.world
    live = {m: s for m, s in memory.final.items() if m in focused.world.matters}
    assert focused.final == live                               # the focused holder keeps the live matters


def _rogue(store, name, last):
    """A row written past the ownership check (as a writer of an older release would)."""
    engine = store.engine(store.world(name))
    _, world, seq = store.latest(name)
    step = Step(last, "introduce", "USER1", {"initiator": "deputies"})
    _, produced = engine.apply(world, step)
    store.append_many(name, [(step, produced)], expect_seq=seq, owner=name)


def test_a_running_simulations_world_refuses_other_writers(tmp_path):
    config = SimulationConfig("seed", {}, SimParams(rate=10), 3, 3)
    with Store(f"sqlite:///{tmp_path / 'sim.db'}") as store:
        simulations.start(store, "sim", config, until=date(2001, 3, 1))
        before = rows(store, "sim")
        last = store.steps("sim")[-1].step.date
        with pytest.raises(OwnedError, match="belongs to the simulation 'sim', which is running"):
            store.apply("sim", Step(last, "introduce", "USER1", {"initiator": "deputies"}))   # a user's act
        with pytest.raises(OwnedError, match="'sim'"):
            StoredWorld(store, "sim").apply(Step(last, "introduce", "USER1", {"initiator": "deputies"}))
        assert rows(store, "sim") == before
        simulations.resume(store, "sim")
        assert store.check("sim") == []
        store.apply("sim", Step(date(2003, 2, 1), "introduce", "USER1", {"initiator": "deputies"}))  # finished


def test_a_batch_run_refuses_to_append_after_another_writer(tmp_path):
    config = SimulationConfig("seed", {}, SimParams(rate=10), 3, 3)
    with Store(f"sqlite:///{tmp_path / 'sim.db'}") as store:
        simulations.start(store, "sim", config, until=date(2001, 3, 1))
        before = rows(store, "sim")
        _rogue(store, "sim", store.steps("sim")[-1].step.date)
        with pytest.raises(ConflictError, match="another writer"):
            simulations.resume(store, "sim")
        assert rows(store, "sim") == before + 1               # nothing of the run was written
        with store.transaction() as conn:
            state = conn.execute(runs.select().where(runs.c.name == "sim")).mappings().one()
        assert state["log_rows"] == before and not state["finished"]


def test_a_step_run_refuses_to_append_after_another_writer(tmp_path):
    config = SimulationConfig("seed", {}, SimParams(rate=8), 3, 2)
    with Store(f"sqlite:///{tmp_path / 'sim.db'}") as store:
        simulations.start(store, "sim", config, mode="step", until=date(2000, 9, 1))
        before = rows(store, "sim")
        _rogue(store, "sim", store.steps("sim")[-1].step.date)
        # past its checkpoint the run takes the log's rows for its own, regenerates and checks them
        with pytest.raises(simulations.SimulationError, match=r"the log has .*USER1"):
            simulations.resume(store, "sim")
        assert rows(store, "sim") == before + 1


def test_a_run_row_is_plain_json(tmp_path):
    """The run table stays readable by SQL (no pickles): a row inserted by hand is listed."""
    with Store(f"sqlite:///{tmp_path / 'sim.db'}") as store, store.transaction(write=True) as conn:
        conn.execute(insert(runs).values(
            name="by-hand", world="w", mode="batch", config={"profile": "seed"}, seed=1, years=1,
            start=date(2000, 1, 1), state=None, log_rows=0, records=0, finished=False,
            created_at=date(2000, 1, 1), updated_at=date(2000, 1, 1)))
    with Store(f"sqlite:///{tmp_path / 'sim.db'}") as store:
        assert [r["name"] for r in simulations.runs(store)] == ["by-hand"]
