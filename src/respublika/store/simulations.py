"""Saved simulations: a run and its world in the database, checkpoints, resume, timelines.

The entry points (the application layer calls these; the simulation itself,
:mod:`respublika.simulate`, knows nothing of the database)::

    from respublika.store import Store, simulations
    with Store(url) as store:
        simulations.start(store, "sim-1", SimulationConfig("seed", {}, SimParams(), 1, 30))
        simulations.resume(store, "sim-1")        # continue from the last checkpoint
        simulations.timeline(store, "sim-1")      # the run's timeline, read from the database
        simulations.runs(store)                   # every saved run
        simulations.exists(store, "sim-1")        # a run or a world has this name

A saved run has three parts:

* its procedure world (``procedure_worlds`` / ``procedure_events``), made with
  :meth:`Store.create_world`, whose log holds exactly the rows interactive acts would have
  written (:meth:`Store.check` replays them);
* a row of ``simulation_runs``: name, world, profile and overrides, parameters, seed, years,
  and the *checkpoint*: the simulation's state (queue, generator, politics, counters) as
  JSON, with the number of log rows and records it covers;
* its records (elections, seats, appointments, refusals...) in ``simulation_records``.

Two modes. ``batch`` (default): the engine runs in memory
(:class:`~respublika.simulate.backend.MemoryBackend`) and each simulated year's steps are
appended with :meth:`Store.append_many` in the transaction of that year's checkpoint, stating
the row the run last wrote: a world someone else has written to in between is refused
(:class:`~respublika.errors.ConflictError`), nothing written. ``step``: every step is one
:meth:`Store.apply` through a :class:`~respublika.store.StoredWorld` (exactly as interactive
acts; much slower), each also stating the row it expects last.

**One writer.** A run that is not finished owns its world: every other writer is refused
(:class:`~respublika.errors.OwnedError`, naming the run), and the run's own appends state the
row they expect last. The process writing a run holds its *lease* (a token in
``simulation_runs``); a resume takes the lease over by replacing the token it read, and
every checkpoint is written only while the token is still its own: of two resumes at once,
one wins and the other stops with a :class:`~respublika.errors.ConflictError`, having
written nothing. A run killed before its first checkpoint is resumed from its start. A run
that fails before its first checkpoint (having written no row) is removed, so that it can be
started again. Batch mode keeps a snapshot of the world (:mod:`respublika.store.log`) at
checkpoints every ``SIM_SNAPSHOT_EVERY`` rows and at its end, so that acts on the world after
the run do not replay it.

A checkpoint is written at every simulated year and when the run stops, in one transaction
with the records made since the previous one. :func:`resume` restores the last checkpoint
and continues; steps the log already holds beyond the checkpoint (step mode, a crash
between checkpoints) are regenerated and checked against the log, not appended twice. The
result is the same log as an uninterrupted run (tested).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Mapping
from contextlib import suppress
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Connection, delete, insert, select, update

from respublika.errors import ConflictError, InputError, RespublikaError
from respublika.procedure import Engine, Event, Step, World, WorldHolder
from respublika.simulate.backend import MemoryBackend, matter_json
from respublika.simulate.behaviour import Behaviour
from respublika.simulate.core import Simulation
from respublika.simulate.recorder import Recorder
from respublika.simulate.run import (
    SimulationConfig,
    SimulationResult,
    anchors_setup,
    check_years,
    result_of,
)
from respublika.store.db import retrying
from respublika.store.holder import StoredWorld
from respublika.store.log import SNAPSHOT_EVERY, Store, StoredStep, check_name
from respublika.store.tables import records as record_table
from respublika.store.tables import runs as run_table
from respublika.store.tables import snapshots as snapshot_table
from respublika.store.tables import worlds as world_table

MODES = ("batch", "step")
SIM_SNAPSHOT_EVERY = 20 * SNAPSHOT_EVERY
"""A batch run keeps a snapshot of its world at the first checkpoint this many rows after
the last one, and at its end (each snapshot holds every matter: not at every year)."""
"""The most years one saved or in-memory run may simulate (the calendar ends in 9999)."""

__all__ = ["MODES", "SimulationError", "exists", "resume", "runs", "start", "timeline"]


class SimulationError(RespublikaError):
    """The saved log and the simulation disagree (a resumed run diverged)."""


# ------------------------------------------------------------------- reads


def _run_row(conn: Connection, name: str) -> Mapping[str, Any]:
    row = conn.execute(select(run_table).where(run_table.c.name == name)).mappings().first()
    if row is None:
        known = [r[0] for r in conn.execute(select(run_table.c.name).order_by(run_table.c.id))]
        raise InputError(f"no simulation named {name!r} (simulations: {', '.join(known) or 'none yet'})")
    return dict(row)


def _records(conn: Connection, run_id: int) -> list[dict[str, Any]]:
    rows = conn.execute(select(record_table.c.payload).where(record_table.c.run_id == run_id)
                        .order_by(record_table.c.seq)).scalars().all()
    return [dict(r) for r in rows]


def runs(store: Store) -> list[dict[str, Any]]:
    """Every saved run: name, world, seed, years, start, finished, profile, updated_at."""
    with store.transaction() as conn:
        rows = conn.execute(select(run_table).order_by(run_table.c.id)).mappings().all()
    return [{"name": r["name"], "world": r["world"], "seed": r["seed"], "years": r["years"],
             "start": r["start"].isoformat(), "finished": r["finished"],
             "profile": r["config"].get("profile"), "updated_at": r["updated_at"].isoformat()} for r in rows]


def exists(store: Store, name: str) -> bool:
    """Whether a saved run or a world is called ``name``."""
    with store.transaction() as conn:
        found = conn.execute(select(run_table.c.id).where(run_table.c.name == name)).first() is not None
    return found or store.find_world(name) is not None


def _recorder(store: Store, world: str, config: SimulationConfig, recs: list[dict[str, Any]]) -> Recorder:
    events: list[Event] = [e for s in store.steps(world) for e in s.events]
    return Recorder(config.load(), config.names).feed(events, recs)


def timeline(store: Store | str | None, name: str, power: bool = True) -> dict[str, Any]:
    """The timeline of the saved run ``name``, as :meth:`SimulationResult.timeline` gives it
    for a live run: seats over time per chamber and party, bills per year by outcome,
    deadlines, power. ``store``: a Store, a database URL, or None for the default."""
    own = not isinstance(store, Store)
    db = store if isinstance(store, Store) else Store(store)
    try:
        with db.transaction() as conn:
            row = _run_row(conn, name)
            recs = _records(conn, int(row["id"]))
        config = SimulationConfig.from_dict(row["config"])
        profile = config.load()
        recorder = _recorder(db, row["world"], config, recs)
    finally:
        if own:
            db.close()
    saved = SimulationResult(config=config, profile=profile, recorder=recorder, events=[], steps=[],
                             records=recs, setup={}, name=name, finished=bool(row["finished"]))
    return saved.timeline(power)


# ------------------------------------------------------------------ writes


class _ResumedWorld(StoredWorld):
    """A stored world resumed from a checkpoint that the log has passed (a crash between
    checkpoints): the steps the log holds beyond it are regenerated and checked, not
    appended again; then it appends as usual."""

    def __init__(self, store: Store, name: str, engine: Engine, world: World, seq: int,
                 pending: list[StoredStep]) -> None:
        super().__init__(store, name, engine=engine, world=world, seq=seq, owner=name)
        self.pending = pending

    def apply(self, step: Step, focus: Iterable[str] = ()) -> tuple[Event, ...]:
        if not self.pending:
            return super().apply(step, focus)
        row = self.pending[0]
        if row.step.to_dict() != step.to_dict():
            raise SimulationError(
                f"world {self.name!r} step {row.seq}: the log has {row.step.to_dict()}, "
                f"the resumed simulation asks for {step.to_dict()}")
        after, events = self.engine.apply(self.world, step)
        if [e.to_dict() for e in events] != [e.to_dict() for e in row.events]:
            raise SimulationError(f"world {self.name!r} step {row.seq}: replay differs from the log")
        self.pending.pop(0)
        self._world, self.seq = after, row.seq
        return events


class _Saver:
    """Writes checkpoints: the state, the new records and (batch mode) the new log rows,
    in one transaction."""

    def __init__(self, store: Store, run_id: int, world: str, holder: WorldHolder, saved: int,
                 journal: list[tuple[Step, tuple[Event, ...]]] | None, rows: int, lease: str,
                 snapped: int | None = None) -> None:
        self.store = store
        self.run_id = run_id
        self.world = world
        self.holder = holder
        self.saved = saved
        self.journal = journal
        self.rows = rows
        self.lease = lease
        self.snapped = snapped  # the row of the last snapshot (None: this run keeps none)

    def _snapshot(self, finished: bool) -> tuple[int, dict[str, Any], list[dict[str, Any]]] | None:
        holder = self.holder
        if self.snapped is None or not isinstance(holder, MemoryBackend) or holder.dropped is None:
            return None
        rows = self.rows + len(self.journal or ())
        if rows == self.snapped or not (finished or rows - self.snapped >= SIM_SNAPSHOT_EVERY):
            return None
        return holder.offset, holder.to_json(), [matter_json(m) for m in holder.dropped.values()]

    def __call__(self, sim: Simulation) -> None:
        new = sim.records[self.saved:]
        now = datetime.now(UTC)
        state: dict[str, Any] = {"sim": sim.to_json()}
        if isinstance(self.holder, MemoryBackend):
            state["backend"] = self.holder.to_json()
        snapshot = self._snapshot(sim.finished)

        def write() -> int:
            with self.store.transaction(write=True) as conn:
                rows = self.rows
                if self.journal:
                    rows = self.store.append_many(self.world, self.journal, expect_seq=self.rows, conn=conn,
                                                  owner=self.world, snapshot=snapshot)
                elif isinstance(self.holder, StoredWorld):
                    rows = self.holder.seq
                if new:
                    conn.execute(insert(record_table), [
                        {"run_id": self.run_id, "seq": r["seq"], "date": date.fromisoformat(r["date"]),
                         "kind": r["kind"], "payload": r} for r in new])
                done = conn.execute(update(run_table).where(run_table.c.id == self.run_id,
                                                            run_table.c.lease == self.lease).values(
                    state=state, log_rows=rows, records=len(sim.records), finished=sim.finished,
                    updated_at=now))
                if done.rowcount != 1:
                    raise ConflictError.of(
                        "the simulation {name!r} is being written by another process (another --resume); "
                        "this one stops, and wrote nothing", name=self.world)
                return rows

        self.rows = retrying(write)
        if snapshot is not None:
            self.snapped = self.rows
        if self.journal is not None:
            self.journal.clear()
        self.saved = len(sim.records)


def start(store: Store, name: str, config: SimulationConfig, *, mode: str = "batch",
          behaviour: Behaviour | None = None, until: date | None = None,
          progress: Callable[[date], None] | None = None) -> SimulationResult:
    """A new saved run called ``name`` (also its procedure world's name), run to ``until``
    or its end. ``mode``: ``"batch"`` or ``"step"`` (see the module docstring)."""
    if mode not in MODES:
        raise InputError(f"mode: expected one of {', '.join(MODES)}, got {mode!r}")
    check_years(config.years, config.params.start)
    config.names  # noqa: B018 - unknown act roles are refused before anything is written
    if not isinstance(name, str) or not name or not name.strip():
        raise InputError("a simulation needs a name")
    check_name(name, "a simulation's name")
    if exists(store, name):
        raise InputError(f"a simulation or world named {name!r} exists already (choose another --name)")
    engine = Engine(config.load())
    setup = anchors_setup(engine, config.params.start)
    record, made = store.ensure_world(name, profile=config.profile, overrides=dict(config.overrides), setup=setup)
    if not made:
        raise InputError(f"a simulation or world named {name!r} exists already (choose another --name)")
    now = datetime.now(UTC)
    lease = uuid.uuid4().hex
    with store.transaction(write=True) as conn:
        key = conn.execute(insert(run_table).values(
            name=name, world=name, mode=mode, config=config.to_dict(), seed=config.seed, years=config.years,
            start=config.params.start, state=None, log_rows=0, records=0, finished=False,
            created_at=now, updated_at=now, lease=lease)).inserted_primary_key
    run_id = int(key[0]) if key is not None else 0
    try:
        return _run(store, name, run_id, engine, config, mode, setup, lease, behaviour, until, progress)
    except BaseException:
        _forget(store, run_id, record.id)
        raise


def _run(store: Store, name: str, run_id: int, engine: Engine, config: SimulationConfig, mode: str,
         setup: Mapping[str, Any], lease: str, behaviour: Behaviour | None, until: date | None,
         progress: Callable[[date], None] | None) -> SimulationResult:
    holder: WorldHolder
    journal: list[tuple[Step, tuple[Event, ...]]] | None = None
    if mode == "step":
        holder = StoredWorld(store, name, owner=name)
    else:
        backend = MemoryBackend(engine, setup)
        backend.dropped = {}
        holder, journal = backend, []
    saver = _Saver(store, run_id, name, holder, 0, journal, 0, lease, snapped=0)
    sim = Simulation(holder.engine, holder, config.params, config.seed, config.years,
                     behaviour=behaviour, names=config.names, on_checkpoint=saver, journal=journal)
    sim.run(until=until, progress=progress)
    saver(sim)
    return result_of(sim, config, name)


def _forget(store: Store, run_id: int, world_id: int) -> None:
    """Remove a run that failed before its first checkpoint and wrote no row of its log."""
    def remove() -> None:
        with store.transaction(write=True) as conn:
            row = conn.execute(select(run_table.c.state).where(run_table.c.id == run_id)).first()
            if row is None or row[0] is not None or store._last(conn, world_id):
                return
            conn.execute(delete(record_table).where(record_table.c.run_id == run_id))
            conn.execute(delete(run_table).where(run_table.c.id == run_id))
            conn.execute(delete(snapshot_table).where(snapshot_table.c.world_id == world_id))
            conn.execute(delete(world_table).where(world_table.c.id == world_id))

    with suppress(RespublikaError):  # the database is gone or busy: the run stays; --resume starts it afresh
        retrying(remove)


def resume(store: Store, name: str, *, behaviour: Behaviour | None = None, until: date | None = None,
           progress: Callable[[date], None] | None = None) -> SimulationResult:
    """Continue the saved run ``name`` from its last checkpoint (to ``until`` or its end)."""
    if not isinstance(name, str):
        raise InputError(f"a simulation's name: expected text, got {type(name).__name__}")
    with store.transaction() as conn:
        row = _run_row(conn, name)
        saved = _records(conn, int(row["id"]))
    lease = uuid.uuid4().hex

    def take() -> bool:
        with store.transaction(write=True) as conn:
            query = update(run_table).where(run_table.c.id == row["id"])
            old = row.get("lease")
            query = query.where(run_table.c.lease.is_(None) if old is None else run_table.c.lease == old)
            return bool(conn.execute(query.values(lease=lease)).rowcount == 1)

    if not retrying(take):
        raise ConflictError.of("the simulation {name!r} is being resumed by another process; this one "
                               "stops, and wrote nothing", name=name)
    config = SimulationConfig.from_dict(row["config"])
    record = store.world(row["world"])
    engine = store.engine(record)
    fresh = row["state"] is None  # killed before its first checkpoint: from its start
    done = 0 if fresh else int(row["log_rows"])
    holder: WorldHolder
    journal: list[tuple[Step, tuple[Event, ...]]] | None = None
    if row["mode"] == "step":
        steps = store.steps(row["world"])
        world = engine.replay([s.step for s in steps[:done]], record.setup)
        holder = _ResumedWorld(store, row["world"], engine, world, done, steps[done:])
    elif fresh:
        if store.last_seq(row["world"]):
            raise SimulationError(f"simulation {name!r}: its world has rows but the run no checkpoint")
        backend = MemoryBackend(engine, record.setup)
        backend.dropped = {}
        holder, journal = backend, []
    else:
        holder, journal = MemoryBackend.from_json(engine, row["state"]["backend"]), []
    saver = _Saver(store, int(row["id"]), row["world"], holder, 0 if fresh else len(saved), journal, done, lease,
                   snapped=0 if fresh else None)
    sim = Simulation(engine, holder, config.params, config.seed, config.years, behaviour=behaviour,
                     names=config.names, state=None if fresh else row["state"]["sim"], on_checkpoint=saver,
                     journal=journal)
    sim.records = [] if fresh else saved
    sim.run(until=until, progress=progress)
    saver(sim)
    result = result_of(sim, config, name)
    result.recorder = _recorder(store, row["world"], config, result.records)
    return result
