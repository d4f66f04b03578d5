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

A checkpoint is written at every simulated year and when the run stops, in one transaction
with the records made since the previous one. :func:`resume` restores the last checkpoint
and continues; steps the log already holds beyond the checkpoint (step mode, a crash
between checkpoints) are regenerated and checked against the log, not appended twice. The
result is the same log as an uninterrupted run (tested).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Connection, insert, select, update

from respublika.errors import InputError, RespublikaError
from respublika.procedure import Engine, Event, Step, World, WorldHolder
from respublika.simulate.backend import MemoryBackend
from respublika.simulate.behaviour import Behaviour
from respublika.simulate.core import Simulation
from respublika.simulate.recorder import Recorder
from respublika.simulate.run import SimulationConfig, SimulationResult, anchors_setup, result_of
from respublika.store.holder import StoredWorld
from respublika.store.log import Store, StoredStep
from respublika.store.tables import records as record_table
from respublika.store.tables import runs as run_table

MODES = ("batch", "step")

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
        super().__init__(store, name, engine=engine, world=world, seq=seq)
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
                 journal: list[tuple[Step, tuple[Event, ...]]] | None, rows: int) -> None:
        self.store = store
        self.run_id = run_id
        self.world = world
        self.holder = holder
        self.saved = saved
        self.journal = journal
        self.rows = rows

    def __call__(self, sim: Simulation) -> None:
        new = sim.records[self.saved:]
        now = datetime.now(UTC)
        state: dict[str, Any] = {"sim": sim.to_json()}
        if isinstance(self.holder, MemoryBackend):
            state["backend"] = self.holder.to_json()
        with self.store.transaction(write=True) as conn:
            if self.journal:
                self.rows = self.store.append_many(self.world, self.journal, expect_seq=self.rows, conn=conn)
            elif isinstance(self.holder, StoredWorld):
                self.rows = self.holder.seq
            if new:
                conn.execute(insert(record_table), [
                    {"run_id": self.run_id, "seq": r["seq"], "date": date.fromisoformat(r["date"]),
                     "kind": r["kind"], "payload": r} for r in new])
            conn.execute(update(run_table).where(run_table.c.id == self.run_id).values(
                state=state, log_rows=self.rows, records=len(sim.records), finished=sim.finished,
                updated_at=now))
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
    config.names  # noqa: B018 - unknown act roles are refused before anything is written
    if not name or not name.strip():
        raise InputError("a simulation needs a name")
    if exists(store, name):
        raise InputError(f"a simulation or world named {name!r} exists already (choose another --name)")
    engine = Engine(config.load())
    setup = anchors_setup(engine, config.params.start)
    store.create_world(name, profile=config.profile, overrides=dict(config.overrides), setup=setup)
    now = datetime.now(UTC)
    with store.transaction(write=True) as conn:
        key = conn.execute(insert(run_table).values(
            name=name, world=name, mode=mode, config=config.to_dict(), seed=config.seed, years=config.years,
            start=config.params.start, state=None, log_rows=0, records=0, finished=False,
            created_at=now, updated_at=now)).inserted_primary_key
    run_id = int(key[0]) if key is not None else 0
    holder: WorldHolder
    journal: list[tuple[Step, tuple[Event, ...]]] | None = None
    if mode == "step":
        holder = StoredWorld(store, name)
    else:
        holder, journal = MemoryBackend(engine, setup), []
    saver = _Saver(store, run_id, name, holder, 0, journal, 0)
    sim = Simulation(holder.engine, holder, config.params, config.seed, config.years,
                     behaviour=behaviour, names=config.names, on_checkpoint=saver, journal=journal)
    sim.run(until=until, progress=progress)
    saver(sim)
    return result_of(sim, config, name)


def resume(store: Store, name: str, *, behaviour: Behaviour | None = None, until: date | None = None,
           progress: Callable[[date], None] | None = None) -> SimulationResult:
    """Continue the saved run ``name`` from its last checkpoint (to ``until`` or its end)."""
    with store.transaction() as conn:
        row = _run_row(conn, name)
        saved = _records(conn, int(row["id"]))
    if row["state"] is None:
        raise InputError(f"simulation {name!r} has no checkpoint to resume from")
    config = SimulationConfig.from_dict(row["config"])
    record = store.world(row["world"])
    engine = store.engine(record)
    done = int(row["log_rows"])
    holder: WorldHolder
    journal: list[tuple[Step, tuple[Event, ...]]] | None = None
    if row["mode"] == "step":
        steps = store.steps(row["world"])
        world = engine.replay([s.step for s in steps[:done]], record.setup)
        holder = _ResumedWorld(store, row["world"], engine, world, done, steps[done:])
    else:
        holder, journal = MemoryBackend.from_json(engine, row["state"]["backend"]), []
    saver = _Saver(store, int(row["id"]), row["world"], holder, len(saved), journal, done)
    sim = Simulation(engine, holder, config.params, config.seed, config.years, behaviour=behaviour,
                     names=config.names, state=row["state"]["sim"], on_checkpoint=saver, journal=journal)
    sim.records = saved
    sim.run(until=until, progress=progress)
    saver(sim)
    result = result_of(sim, config, name)
    result.recorder = _recorder(store, row["world"], config, result.records)
    return result
