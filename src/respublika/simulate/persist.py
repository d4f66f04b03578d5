"""Saving simulations in the database and resuming them; timelines read back by name.

A persisted run has three parts, all in the Store's database:

* its procedure world (``procedure_worlds`` / ``procedure_events``), created with
  :meth:`Store.create_world` and appended to step by step with :meth:`Store.apply`, like
  any interactive act;
* a row of ``simulation_runs``: name, world, profile and overrides, parameters, seed, years,
  and the *checkpoint*: the simulation's state (queue, generator, politics, counters) as
  JSON, with the number of log rows and records it covers;
* its records (elections, seats, appointments, refusals...) in ``simulation_records``.

A checkpoint is written at every simulated year and when the run stops, in one
transaction with the records made since the previous one. :func:`resume` restores the
last checkpoint and continues; steps the log already holds beyond the checkpoint (a crash
between checkpoints) are regenerated and checked against the log, not appended twice.
The result is the same log as an uninterrupted run (tested).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Connection,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    UniqueConstraint,
    insert,
    select,
    update,
)

from respublika.errors import InputError
from respublika.procedure import Engine, Event, Step
from respublika.profile import load_profile
from respublika.simulate.backend import Backend, MemoryBackend, StoreBackend
from respublika.simulate.behaviour import Behaviour
from respublika.simulate.core import Simulation
from respublika.simulate.power import PowerSeries
from respublika.simulate.recorder import Recorder
from respublika.simulate.run import SimulationConfig, SimulationResult, anchors_setup, result_of
from respublika.simulate.storelog import append_steps
from respublika.store import Store
from respublika.store.db import WRITE

metadata = MetaData()

runs = Table(
    "simulation_runs",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(200), nullable=False, unique=True),
    Column("world", String(200), nullable=False),
    Column("mode", String(10), nullable=False),
    Column("config", JSON, nullable=False),
    Column("seed", BigInteger, nullable=False),
    Column("years", Integer, nullable=False),
    Column("start", Date, nullable=False),
    Column("state", JSON, nullable=True),
    Column("log_rows", Integer, nullable=False),
    Column("records", Integer, nullable=False),
    Column("finished", Boolean, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

records = Table(
    "simulation_records",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("run_id", Integer, ForeignKey("simulation_runs.id"), nullable=False),
    Column("seq", Integer, nullable=False),
    Column("date", Date, nullable=False),
    Column("kind", String(40), nullable=False),
    Column("payload", JSON, nullable=False),
    UniqueConstraint("run_id", "seq", name="uq_simulation_records_run_seq"),
)


def ensure_tables(store: Store) -> None:
    metadata.create_all(store.db)


@contextmanager
def _tx(store: Store, write: bool = False) -> Iterator[Connection]:
    with store.db.connect() as conn:
        conn = conn.execution_options(**{WRITE: write})
        with conn.begin():
            yield conn


def _run_row(conn: Connection, name: str) -> Mapping[str, Any]:
    row = conn.execute(select(runs).where(runs.c.name == name)).mappings().first()
    if row is None:
        known = [r[0] for r in conn.execute(select(runs.c.name).order_by(runs.c.id))]
        raise InputError(f"no simulation named {name!r} (simulations: {', '.join(known) or 'none yet'})")
    return dict(row)


def simulations(store: Store) -> list[dict[str, Any]]:
    """Every saved simulation: name, world, seed, years, start, finished, updated_at."""
    ensure_tables(store)
    with _tx(store) as conn:
        rows = conn.execute(select(runs).order_by(runs.c.id)).mappings().all()
    return [{"name": r["name"], "world": r["world"], "seed": r["seed"], "years": r["years"],
             "start": r["start"].isoformat(), "finished": r["finished"],
             "profile": r["config"].get("profile"), "updated_at": r["updated_at"].isoformat()} for r in rows]


def exists(store: Store, name: str) -> bool:
    ensure_tables(store)
    with _tx(store) as conn:
        found = conn.execute(select(runs.c.id).where(runs.c.name == name)).first() is not None
    return found or store.find_world(name) is not None


class _Saver:
    """Writes checkpoints: the state, the new records and (batch mode) the new log rows,
    in one transaction."""

    def __init__(self, store: Store, run_id: int, world: str, backend: Backend, saved: int,
                 journal: list[tuple[Step, tuple[Event, ...]]] | None, rows: int) -> None:
        self.store = store
        self.run_id = run_id
        self.world = world
        self.backend = backend
        self.saved = saved
        self.journal = journal
        self.rows = rows

    def __call__(self, sim: Simulation) -> None:
        new = sim.records[self.saved:]
        now = datetime.now(UTC)
        state: dict[str, Any] = {"sim": sim.to_json()}
        if isinstance(self.backend, MemoryBackend):
            state["backend"] = self.backend.to_json()
        with _tx(self.store, write=True) as conn:
            if self.journal:
                self.rows += append_steps(conn, self.store, self.world, self.journal)
            elif isinstance(self.backend, StoreBackend):
                self.rows = self.backend.rows
            if new:
                conn.execute(insert(records), [
                    {"run_id": self.run_id, "seq": r["seq"], "date": date.fromisoformat(r["date"]),
                     "kind": r["kind"], "payload": r} for r in new])
            conn.execute(update(runs).where(runs.c.id == self.run_id).values(
                state=state, log_rows=self.rows, records=len(sim.records), finished=sim.finished,
                updated_at=now))
        if self.journal is not None:
            self.journal.clear()
        self.saved = len(sim.records)


MODES = ("batch", "step")


def start(store: Store, name: str, config: SimulationConfig, *, mode: str = "batch",
          behaviour: Behaviour | None = None, until: date | None = None,
          progress: Callable[[date], None] | None = None) -> SimulationResult:
    """A new persisted run called ``name`` (also its procedure world's name).

    ``mode="batch"`` (default): the engine runs in memory and each simulated year's steps
    are appended to the Store's log in one transaction with the checkpoint.
    ``mode="step"``: every step goes through :meth:`Store.apply` (one transaction per act,
    exactly as interactive acts; much slower)."""
    if mode not in MODES:
        raise InputError(f"mode: expected one of {', '.join(MODES)}, got {mode!r}")
    config.names  # noqa: B018 - unknown act roles are refused before anything is written
    ensure_tables(store)
    if not name or not name.strip():
        raise InputError("a simulation needs a name")
    if exists(store, name):
        raise InputError(f"a simulation or world named {name!r} exists already (choose another --name)")
    engine = Engine(config.load())
    setup = anchors_setup(engine, config.params.start)
    store.create_world(name, profile=config.profile, overrides=dict(config.overrides), setup=setup)
    now = datetime.now(UTC)
    with _tx(store, write=True) as conn:
        key = conn.execute(insert(runs).values(
            name=name, world=name, mode=mode, config=config.to_dict(), seed=config.seed, years=config.years,
            start=config.params.start, state=None, log_rows=0, records=0, finished=False,
            created_at=now, updated_at=now)).inserted_primary_key
    run_id = int(key[0]) if key is not None else 0
    backend: Backend
    journal: list[tuple[Step, tuple[Event, ...]]] | None = None
    if mode == "step":
        backend = StoreBackend(store, name, rows=0)
    else:
        backend, journal = MemoryBackend(engine, setup), []
    saver = _Saver(store, int(run_id), name, backend, 0, journal, 0)
    sim = Simulation(backend.engine, backend, config.params, config.seed, config.years,
                     behaviour=behaviour, names=config.names, on_checkpoint=saver, journal=journal)
    sim.run(until=until, progress=progress)
    saver(sim)
    return result_of(sim, config, name)


def resume(store: Store, name: str, *, behaviour: Behaviour | None = None, until: date | None = None,
           progress: Callable[[date], None] | None = None) -> SimulationResult:
    """Continue the run called ``name`` from its last checkpoint (to ``until`` or its end)."""
    ensure_tables(store)
    with _tx(store) as conn:
        row = _run_row(conn, name)
        saved = conn.execute(select(records.c.payload).where(records.c.run_id == row["id"])
                             .order_by(records.c.seq)).scalars().all()
    if row["state"] is None:
        raise InputError(f"simulation {name!r} has no checkpoint to resume from")
    config = SimulationConfig.from_dict(row["config"])
    record = store.world(row["world"])
    engine = store.engine(record)
    done = int(row["log_rows"])
    backend: Backend
    journal: list[tuple[Step, tuple[Event, ...]]] | None = None
    if row["mode"] == "step":
        steps = store.steps(row["world"])
        world = engine.replay([s.step for s in steps[:done]], record.setup)
        backend = StoreBackend(store, row["world"], pending=steps[done:], world=world, engine=engine, rows=done)
    else:
        backend, journal = MemoryBackend.from_json(engine, row["state"]["backend"]), []
    saver = _Saver(store, int(row["id"]), row["world"], backend, len(saved), journal, done)
    sim = Simulation(engine, backend, config.params, config.seed, config.years, behaviour=behaviour,
                     names=config.names, state=row["state"]["sim"], on_checkpoint=saver, journal=journal)
    sim.records = [dict(r) for r in saved]
    sim.run(until=until, progress=progress)
    saver(sim)
    result = result_of(sim, config, name)
    result.recorder = _recorder(store, row["world"], config, result.records)
    return result


def _recorder(store: Store, world: str, config: SimulationConfig, recs: list[dict[str, Any]]) -> Recorder:
    events: list[Event] = [e for s in store.steps(world) for e in s.events]
    return Recorder(config.load(), config.names).feed(events, recs)


def load_timeline(store: Store | str | None, name: str, power: bool = True) -> dict[str, Any]:
    """The timeline of the saved run ``name`` (as :meth:`SimulationResult.timeline` gives it):
    seats over time per chamber and party, bills per year by outcome, deadlines, power."""
    own = not isinstance(store, Store)
    db = store if isinstance(store, Store) else Store(store)
    try:
        ensure_tables(db)
        with _tx(db) as conn:
            row = _run_row(conn, name)
            recs = conn.execute(select(records.c.payload).where(records.c.run_id == row["id"])
                                .order_by(records.c.seq)).scalars().all()
        config = SimulationConfig.from_dict(row["config"])
        profile = load_profile(config.profile, overrides=dict(config.overrides))
        recorder = _recorder(db, row["world"], config, [dict(r) for r in recs])
    finally:
        if own:
            db.close()
    data = recorder.timeline()
    data["power"] = PowerSeries(profile).over_time(data["seats"]) if power else []
    return {"name": name, "config": config.to_dict(), "profile_title": profile.title,
            "start": config.params.start.isoformat(), "years": config.years,
            "finished": bool(row["finished"]), **data}

