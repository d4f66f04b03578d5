"""The event log: worlds (a profile, overrides and a setup) and their steps, append-only.

Each accepted step is one row of ``procedure_events``: its date, act and matter, the step
as requested (``payload``) and the events it produced (``outcome``: deadlines that fired
first, then the act, with numbers and citations). A world's state is the replay of its
rows through the engine. An act is replayed, checked and appended in one transaction: a
refused act raises and writes nothing; a crash before the commit leaves nothing either.

**Snapshots.** Every :data:`SNAPSHOT_EVERY` rows (and at a saved simulation's checkpoints)
the world's state is kept in ``procedure_snapshots``: every matter, the Republic, the timers
and the clock, without the events (the serialization of
:class:`~respublika.simulate.backend.MemoryBackend`, with ``keep_final``). :meth:`Store.apply`
reads the last snapshot and the rows after it, replays those, and checks the act, all
outside any write lock; then it appends in a short write transaction stating the row it
replayed to, and starts again (bounded) if another writer appended in between. The time of
an act so depends on the rows since the last snapshot, not on the log's length
(``benchmarks/bench_store.py``). :meth:`Store.check` replays every row from the start and
compares the world with each snapshot.

**Ids.** World names and matter ids are checked at the store's boundary, the same on every
database: not empty, no surrounding blanks or control characters, at most
:data:`MAX_NAME` characters (a world's name, a matter's id) and :data:`MAX_ACT` (an act's id).

Every append states the sequence number it expects to be the log's last (``expect_seq``):
:meth:`Store.apply` and :meth:`Store.step` the one their replay reached (and, if given, the
caller's), :meth:`Store.append_many` the caller's. A writer that finds another writer's
events there gets a :class:`~respublika.errors.ConflictError`, and nothing is written.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, suppress
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import partial
from typing import Any

from sqlalchemy import Connection, func, insert, null, select, text
from sqlalchemy import Engine as Database
from sqlalchemy.exc import IntegrityError

from respublika.errors import ConflictError, InputError, OwnedError
from respublika.procedure import Engine, Event, Matter, Step, StepResult, World
from respublika.procedure.model import ADVANCE, EventLog, evolve, jsonable, to_date
from respublika.profile import load_profile
from respublika.profile.loader import DEFAULT_PROFILE, overrides_dict
from respublika.store.db import database_url, make_engine, retrying, sqlite_path, transaction
from respublika.store.tables import events, runs, snapshots, worlds

Journal = Sequence[tuple[Step, tuple[Event, ...]]]
"""Steps and the events each produced, in order (what :meth:`Store.append_many` takes)."""

DEFAULT_WORLD = "default"
SNAPSHOT_EVERY = 500
"""An act that leaves this many rows after the world's last snapshot writes a new one."""
MAX_NAME = 200
"""The longest world name or matter id the store keeps (the same on SQLite and PostgreSQL)."""
MAX_ACT = 100
CONFLICT_TRIES = 50
"""How often :meth:`Store.apply` (without ``expect_seq``) starts again after another writer's append."""


def check_name(value: Any, what: str = "a world's name", limit: int = MAX_NAME) -> str:
    """``value`` if it is a name the store keeps (see the module docstring), else :class:`InputError`."""
    if not isinstance(value, str):
        raise InputError.of("{what}: expected text, got {kind}", what=what, kind=type(value).__name__)
    if not value or not value.strip():
        raise InputError.of("{what} must not be empty", what=what)
    if value != value.strip():
        raise InputError.of("{what} {name!r}: no blanks before or after it", what=what, name=value[:50])
    if len(value) > limit:
        raise InputError.of("{what} {name!r}...: longer than {limit} characters", what=what,
                            name=value[:30], limit=limit)
    if any(ord(c) < 32 or ord(c) == 127 for c in value):
        raise InputError.of("{what} {name!r}: control characters are not allowed", what=what, name=value[:50])
    return value


def _check_step_ids(step: Step) -> None:
    if not isinstance(step, Step):
        raise InputError(f"expected a Step, got {type(step).__name__}")
    check_name(step.act, "an act's id", MAX_ACT)
    if step.matter is not None:
        check_name(step.matter, "a matter's id")


@dataclass(frozen=True)
class WorldRecord:
    """A world in the database: its name, profile (name or path), overrides and setup."""

    id: int
    name: str
    profile: str
    overrides: Mapping[str, Any]
    setup: Mapping[str, Any]
    created_at: datetime


@dataclass(frozen=True)
class StoredStep:
    """One row of the log: the step as requested and the events it produced."""

    seq: int
    step: Step
    events: tuple[Event, ...]
    created_at: datetime


class Store:
    """Worlds and their logs in one database (see :mod:`respublika.store.db` for the URL).

    Opening a store creates or upgrades the schema (:mod:`respublika.store.schema`); with
    ``lazy=True`` a SQLite file that does not exist yet is only made by the first write."""

    def __init__(self, url: str | None = None, *, lazy: bool = False) -> None:
        """``lazy``: a SQLite file that does not exist yet is made by the first write (reads
        see an empty database), so that a refused act leaves no file behind."""
        if url is not None and not isinstance(url, str):
            raise InputError(f"a database URL: expected text, got {type(url).__name__}")
        self.url = database_url(url)
        self._engines: dict[str, Engine] = {}
        self._cache: dict[tuple[int, datetime], tuple[int, World]] = {}
        self._states: dict[tuple[int, datetime], tuple[int, int, Any]] = {}
        path = sqlite_path(self.url)
        self._db: Database | None = None
        self._scratch: Database | None = None
        if lazy and path is not None and not path.exists():
            from respublika.store.db import connect

            connect(self.url).dispose()  # a bad URL or a missing folder is refused now
            self._scratch = make_engine("sqlite://")  # reads see an empty database; no file yet
        else:
            self._db = make_engine(self.url)

    @property
    def db(self) -> Database:
        """The database; a SQLite file that does not exist yet is made by the first write."""
        if self._db is None:
            self._db = make_engine(self.url)
            if self._scratch is not None:
                self._scratch.dispose()
                self._scratch = None
        return self._db

    def close(self) -> None:
        for db in (self._db, self._scratch):
            if db is not None:
                db.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def transaction(self, write: bool = False) -> AbstractContextManager[Connection]:
        """One transaction (:func:`respublika.store.db.transaction`), for the store's modules.
        Until the first write, a SQLite file that does not exist yet is read as an empty database."""
        if not write and self._db is None and self._scratch is not None:
            return transaction(self._scratch, write)
        return transaction(self.db, write)

    @property
    def dialect(self) -> str:
        return (self._db or self._scratch or self.db).dialect.name

    # ------------------------------------------------------------------ worlds

    def create_world(
        self, name: str, profile: str = DEFAULT_PROFILE, overrides: Mapping[str, Any] | list[str] | None = None,
        setup: Mapping[str, Any] | None = None,
    ) -> WorldRecord:
        """A new, empty world; the profile and setup are checked first. A taken name is
        refused (:class:`InputError`); see :meth:`ensure_world` to get it instead."""
        record, made = self.ensure_world(name, profile, overrides, setup)
        if not made:
            raise InputError(f"a world named {name!r} exists already")
        return record

    def ensure_world(
        self, name: str, profile: str = DEFAULT_PROFILE, overrides: Mapping[str, Any] | list[str] | None = None,
        setup: Mapping[str, Any] | None = None,
    ) -> tuple[WorldRecord, bool]:
        """The world ``name``, made (as :meth:`create_world`) if there is none, atomically:
        of many processes making it at once, one makes it and the others get it. Returns
        the world and whether this call made it."""
        check_name(name)
        if not isinstance(profile, str) or not profile:
            raise InputError("a world's profile: expected a profile's name or file")
        if setup is not None and not isinstance(setup, Mapping):
            raise InputError(f"a world's setup: expected a mapping, got {type(setup).__name__}")
        values = overrides_dict(overrides)
        engine = self._engine(profile, values)
        engine.initial(setup)  # validates the setup
        row = {"name": name, "profile": profile, "overrides": jsonable(values),
               "setup": jsonable(dict(setup or {})), "created_at": datetime.now(UTC)}

        def make() -> bool:
            with self.transaction(write=True) as conn:
                query = select(worlds.c.id).where(worlds.c.name == name)
                if conn.execute(query).first() is not None:
                    return False
                conn.execute(insert(worlds).values(**row))
                return True

        for _ in range(3):
            try:
                made = retrying(make)
                break
            except IntegrityError:  # PostgreSQL: another process inserted it after our read
                continue
        else:
            made = False
        return self.world(name), made

    def world(self, name: str) -> WorldRecord:
        with self.transaction() as conn:
            return self._record(conn, name)

    def find_world(self, name: str) -> WorldRecord | None:
        with self.transaction() as conn:
            row = conn.execute(select(worlds).where(worlds.c.name == name)).mappings().first()
        return None if row is None else _record(row)

    def worlds(self) -> list[WorldRecord]:
        with self.transaction() as conn:
            rows = conn.execute(select(worlds).order_by(worlds.c.id)).mappings().all()
        return [_record(r) for r in rows]

    def _record(self, conn: Connection, name: str, lock: bool = False) -> WorldRecord:
        if not isinstance(name, str):
            raise InputError(f"a world's name: expected text, got {type(name).__name__}")
        query = select(worlds).where(worlds.c.name == name)
        if lock and conn.dialect.name != "sqlite":
            query = query.with_for_update()
        row = conn.execute(query).mappings().first()
        if row is None:
            known = [r[0] for r in conn.execute(select(worlds.c.name).order_by(worlds.c.id))]
            raise InputError(f"no world named {name!r} (worlds: {', '.join(known) or 'none yet'})")
        return _record(row)

    def _engine(self, profile: str, overrides: Mapping[str, Any]) -> Engine:
        key = json.dumps([profile, jsonable(dict(overrides))], sort_keys=True)
        if key not in self._engines:
            self._engines[key] = Engine(load_profile(profile, overrides=dict(overrides)))
        return self._engines[key]

    def engine(self, record: WorldRecord) -> Engine:
        return self._engine(record.profile, record.overrides)

    # ------------------------------------------------------------------- reads

    def _rows(self, conn: Connection, world_id: int, after: int = 0) -> list[StoredStep]:
        rows = conn.execute(
            select(events).where(events.c.world_id == world_id, events.c.seq > after).order_by(events.c.seq)
        ).mappings().all()
        return [
            StoredStep(seq=r["seq"], step=Step.from_dict(r["payload"]),
                       events=tuple(Event.from_dict(e) for e in r["outcome"]), created_at=r["created_at"])
            for r in rows
        ]

    def _world(self, conn: Connection, record: WorldRecord) -> tuple[int, World]:
        """The world's present state and the sequence number of its last row."""
        engine = self.engine(record)
        key = (record.id, record.created_at)
        cached = self._cache.get(key)
        if cached is None:
            # from the start: on the live matters only (linear in the log, see _replay)
            backend = self._backend(engine, record, None)
            produced: list[Event] = []
            rows = self._steps_after(conn, record.id, 0)
            for _, step in rows:
                produced += _replay_one(backend, step)
            world = _whole(backend, produced)
        else:
            world = cached[1]
            rows = self._steps_after(conn, record.id, cached[0])
            for _, step in rows:
                world, _ = engine.apply(world, step)
        seq = rows[-1][0] if rows else (0 if cached is None else cached[0])
        self._cache[key] = (seq, world)
        return seq, world

    def _steps_after(self, conn: Connection, world_id: int, after: int) -> list[tuple[int, Step]]:
        """The rows' sequence numbers and steps (not their events) after row ``after``."""
        rows = conn.execute(
            select(events.c.seq, events.c.payload).where(events.c.world_id == world_id, events.c.seq > after)
            .order_by(events.c.seq)).all()
        return [(int(r[0]), Step.from_dict(r[1])) for r in rows]

    def steps(self, name: str) -> list[StoredStep]:
        with self.transaction() as conn:
            return self._rows(conn, self._record(conn, name).id)

    def load(self, name: str) -> tuple[Engine, World]:
        """The world's engine and its present state (the replay of its log)."""
        engine, world, _ = self.latest(name)
        return engine, world

    def latest(self, name: str) -> tuple[Engine, World, int]:
        """The world's engine, its present state and the sequence number of its last row
        (0: no row yet), read together."""
        with self.transaction() as conn:
            record = self._record(conn, name)
            seq, world = self._world(conn, record)
            return self.engine(record), world, seq

    def last_seq(self, name: str) -> int:
        """The sequence number of the world's last row (0: no row yet)."""
        with self.transaction() as conn:
            return self._last(conn, self._record(conn, name).id)

    @staticmethod
    def _last(conn: Connection, world_id: int) -> int:
        return int(conn.execute(
            select(func.coalesce(func.max(events.c.seq), 0)).where(events.c.world_id == world_id)
        ).scalar_one())

    # ------------------------------------------------------------------ writes

    def _append(self, conn: Connection, record: WorldRecord, journal: Journal, expect_seq: int,
                owner: str | None = None) -> int:
        """Append ``journal`` after row ``expect_seq``, the log's last, else raise
        :class:`ConflictError`; return the new last sequence number. (The one writer of
        ``procedure_events``; the caller holds the world's lock.) A world that an unfinished
        simulation writes refuses every writer but that run (``owner``)."""
        self._owned(conn, record, owner)
        last = self._last(conn, record.id)
        self._expect(record, last, expect_seq)
        if not journal:
            return last
        for step, _ in journal:
            _check_step_ids(step)
        now = datetime.now(UTC)
        conn.execute(insert(events), [
            {"world_id": record.id, "seq": last + i, "date": step.date, "act": step.act, "matter": step.matter,
             "payload": step.to_dict(), "outcome": [e.to_dict() for e in produced], "created_at": now}
            for i, (step, produced) in enumerate(journal, start=1)
        ])
        return last + len(journal)

    @staticmethod
    def _owned(conn: Connection, record: WorldRecord, owner: str | None) -> None:
        running = conn.execute(select(runs.c.name).where(runs.c.world == record.name, runs.c.finished.is_(False))
                               .order_by(runs.c.id)).scalars().all()
        others = [r for r in running if r != owner]
        if others:
            raise OwnedError.of(
                "the world {world!r} belongs to the simulation {run!r}, which is running (or was stopped "
                "before its end: 'respublika simulate --resume --name {run}' finishes it); nothing was written",
                world=record.name, run=others[0])

    @staticmethod
    def _expect(record: WorldRecord, last: int, expect_seq: int | None) -> None:
        if expect_seq is not None and expect_seq != last:
            raise ConflictError(
                f"world {record.name!r}: its log ends at row {last}, not at row {expect_seq} as this "
                "writer expected (another writer has appended to it); nothing was written")

    # ---------------------------------------------------------------- snapshots

    def _backend(self, engine: Engine, record: WorldRecord, state: Mapping[str, Any] | None,
                 at: int = 0, whole: bool = True) -> Any:
        """A ``MemoryBackend`` on the live matters, from a snapshot's ``state`` (after row
        ``at``; ``whole``: a snapshot of an earlier release, whose state holds every matter).
        The final matters it drops go to ``dropped`` (with any that ``state`` holds); those
        of the snapshot's ``final`` column are read only when an act needs them
        (:meth:`_finished`)."""
        from respublika.simulate.backend import MemoryBackend

        backend = MemoryBackend(engine, record.setup) if state is None else MemoryBackend.from_json(engine, state)
        backend.keep_final = False
        backend.archive_at = at
        backend.archive = {} if whole else None
        apart: dict[str, Matter] = {}  # finished matters in ``state`` (an earlier release's snapshot)
        for mid, m in list(backend.matters.items()):
            if not backend._kept(m):
                apart[mid] = backend.matters.pop(mid)
                backend.watched_ids.discard(mid)
        backend.dropped = apart
        return backend

    def _finished(self, record: WorldRecord, backend: Any) -> dict[str, Matter]:
        """Every final matter ``backend`` dropped (read from its snapshot once)."""
        from respublika.simulate.backend import matter_from_json

        if backend.archive is None:
            with self.transaction() as conn:
                raw = conn.execute(select(snapshots.c.final).where(
                    snapshots.c.world_id == record.id, snapshots.c.seq == backend.archive_at)).scalar_one_or_none()
            backend.archive = {m["id"]: matter_from_json(m) for m in raw or ()}
        return {**backend.archive, **backend.dropped}

    def _made(self, record: WorldRecord, matter: str, upto: int) -> bool:
        """Whether a row up to ``upto`` names ``matter`` (it was made; an index finds it)."""
        with self.transaction() as conn:
            return conn.execute(select(events.c.seq).where(
                events.c.world_id == record.id, events.c.matter == matter, events.c.seq <= upto).limit(1)
            ).first() is not None

    def _state(self, record: WorldRecord, start: tuple[int, int, Any] | None = None
               ) -> tuple[int, int, Any, date | None]:
        """Outside any write lock: the world's state as of its last row, from the last
        snapshot (or the process's own copy) and the rows after it. Returns the last row's
        sequence number, the snapshot's, the state (a ``MemoryBackend`` keeping every
        matter) and the date of the world's first event."""
        engine = self.engine(record)
        key = (record.id, record.created_at)
        with self.transaction() as conn:
            cached = self._states.pop(key, None) if start is None else start
            snap = conn.execute(
                select(snapshots.c.seq, snapshots.c.state, snapshots.c.final.is_(None).label("whole"))
                .where(snapshots.c.world_id == record.id)
                .order_by(snapshots.c.seq.desc()).limit(1)).mappings().first()
            if cached is not None and (snap is None or cached[0] >= snap["seq"]):
                seq, snap_seq, backend = cached
            elif snap is not None:
                seq = snap_seq = int(snap["seq"])
                backend = self._backend(engine, record, snap["state"], seq, bool(snap["whole"]))
            else:
                seq = snap_seq = 0
                backend = self._backend(engine, record, None)
            rows = self._steps_after(conn, record.id, seq)
            first = conn.execute(select(events.c.date).where(events.c.world_id == record.id, events.c.seq == 1)
                                 ).scalar_one_or_none()
        for _, step in rows:
            backend.apply_whole(step)
        if rows:
            seq = rows[-1][0]
        first_on = None if first is None else to_date(first)
        return seq, snap_seq, backend, first_on

    def _snapshot(self, conn: Connection, record: WorldRecord, seq: int, events_so_far: int,
                  state: Mapping[str, Any], final: Sequence[Mapping[str, Any]] | None = None) -> None:
        conn.execute(insert(snapshots).values(world_id=record.id, seq=seq, events=events_so_far,
                                              state=jsonable(dict(state)), created_at=datetime.now(UTC),
                                              final=null() if final is None else jsonable(list(final))))

    def _archived(self, record: WorldRecord, backend: Any, seq: int) -> list[dict[str, Any]]:
        """The final part of a new snapshot of ``backend`` after row ``seq``; afterwards the
        backend's archive is that snapshot's."""
        from respublika.simulate.backend import matter_json

        finished = self._finished(record, backend)
        return [matter_json(m) for m in finished.values()]

    def snapshot(self, name: str) -> int:
        """Write a snapshot of the world ``name`` at its last row now (unless there is one);
        returns that row's sequence number."""
        record = self.world(name)
        seq, snap_seq, backend, _ = self._state(record)
        if seq and seq != snap_seq:
            final = self._archived(record, backend, seq)

            def write() -> None:
                with self.transaction(write=True) as conn:
                    self._expect(record, self._last(conn, record.id), seq)
                    self._snapshot(conn, record, seq, backend.offset, backend.to_json(), final)
            with suppress(IntegrityError):  # another process wrote the same snapshot
                retrying(write)
        return seq

    # ------------------------------------------------------------------- acts

    def apply(self, name: str, step: Step, *, expect_seq: int | None = None,
              check: Callable[[date | None], None] | None = None) -> tuple[World, tuple[Event, ...]]:
        """Validate and append ``step`` atomically; a refused step raises and writes nothing.

        ``expect_seq``: the sequence number the caller expects to be the log's last (its
        view of the world); if the log ends elsewhere, :class:`ConflictError` and nothing
        is written. Without it, the step applies to the world as it is in the database
        (if another writer appends meanwhile, the act is checked again on the new world).
        ``check(first)``: called with the date of the world's first event (``None``: no
        event yet) before the act is applied; it raises to refuse the act.

        The world returned holds every matter, the Republic, timers and clock, not the
        events (:meth:`load` replays those); see the module docstring for snapshots."""
        _check_step_ids(step)
        record = self.world(name)
        key = (record.id, record.created_at)
        start: tuple[int, int, Any] | None = None
        for _ in range(CONFLICT_TRIES):
            seq, snap_seq, before, first = self._state(record, start)
            self._expect(record, seq, expect_seq)
            if check is not None:
                check(first)
            backend = _fork(before)
            if step.matter is not None and step.matter not in backend.matters and self._made(record, step.matter, seq):
                old = self._finished(record, backend).get(step.matter)  # a finished matter: the act sees it
                if old is not None:
                    backend.matters[step.matter] = old
            after, produced = backend.apply_whole(step)
            final = self._archived(record, backend, seq + 1) if seq + 1 - snap_seq >= SNAPSHOT_EVERY else None

            try:
                new = retrying(partial(self._write_act, record, step, produced, seq, snap_seq, backend, final))
            except ConflictError as exc:
                if expect_seq is not None or isinstance(exc, OwnedError):
                    raise
                start = (seq, snap_seq, before)
                continue  # another writer appended after our read: again, on its world
            if final is not None:  # the snapshot written holds the final matters now
                backend.archive, backend.archive_at = self._finished(record, backend), new
                backend.dropped = {}
            self._states[key] = (new, new if final is not None else snap_seq, backend)
            return evolve(after, events=(), matters=AllMatters(after.matters, partial(self._finished, record,
                                                                                     _fork(backend)))), produced
        raise ConflictError(f"world {name!r}: other writers kept appending; nothing was written, try again")

    def _write_act(self, record: WorldRecord, step: Step, produced: tuple[Event, ...], seq: int, snap_seq: int,
                   backend: Any, final: list[dict[str, Any]] | None) -> int:
        with self.transaction(write=True) as conn:
            locked = self._record(conn, record.name, lock=True)
            if locked.id != record.id:
                raise ConflictError(f"world {record.name!r} was made again meanwhile; nothing was written")
            new = self._append(conn, locked, [(step, produced)], expect_seq=seq)
            if final is not None:
                self._snapshot(conn, locked, new, backend.offset, backend.to_json(), final)
            return new

    def _apply(self, name: str, step: Step, expect_seq: int | None,
               owner: str | None = None) -> tuple[World, tuple[Event, ...], int]:
        """Apply ``step`` to the whole world (with its events), replayed outside the write
        lock; append after row ``expect_seq`` (a holder's) or the row replayed to."""
        _check_step_ids(step)
        record, seq, world = self._latest_record(name)
        self._expect(record, seq, expect_seq)
        after, produced = self.engine(record).apply(world, step)
        new = self._write_one(name, record, step, produced, seq, owner)
        self._cache[(record.id, record.created_at)] = (new, after)
        return after, produced, new

    def _write_one(self, name: str, record: WorldRecord, step: Step, produced: tuple[Event, ...], seq: int,
                   owner: str | None) -> int:
        def write() -> int:
            with self.transaction(write=True) as conn:
                locked = self._record(conn, name, lock=True)
                return self._append(conn, locked, [(step, produced)], expect_seq=seq, owner=owner)

        return retrying(write)

    def _latest_record(self, name: str) -> tuple[WorldRecord, int, World]:
        with self.transaction() as conn:
            record = self._record(conn, name)
            seq, world = self._world(conn, record)
        return record, seq, world

    def step(self, name: str, step: Step, *, expect_seq: int | None = None) -> StepResult:
        """Scenario semantics: a refused step still records time moving (an ``advance`` row).
        ``expect_seq`` as for :meth:`apply`."""
        return self._step(name, step, expect_seq)[0]

    def _step(self, name: str, step: Step, expect_seq: int | None,
              owner: str | None = None) -> tuple[StepResult, int]:
        _check_step_ids(step)
        record, seq, world = self._latest_record(name)
        self._expect(record, seq, expect_seq)
        result = self.engine(record).step(world, step)
        if result.ok:
            seq = self._write_one(name, record, step, result.events, seq, owner)
        elif result.world is not world:
            seq = self._write_one(name, record, Step(date=step.date, act=ADVANCE), result.events, seq, owner)
        else:
            return result, seq
        self._cache[(record.id, record.created_at)] = (seq, result.world)
        return result, seq

    def append_many(self, world: str, journal: Journal, *, expect_seq: int,
                    conn: Connection | None = None, owner: str | None = None,
                    snapshot: tuple[int, Mapping[str, Any]] | tuple[int, Mapping[str, Any], Sequence[Mapping[str, Any]]]
                    | None = None) -> int:
        """Append many rows (each a step and the events it produced) in one transaction,
        after row ``expect_seq``, which must be the log's last: if another writer's events
        are there, :class:`~respublika.errors.ConflictError` and nothing is written. Returns
        the new last sequence number.

        The events are not replayed: the caller vouches that they are what the world's
        engine produces from the log (a simulation run in memory on the same profile);
        :meth:`check` replays every row and says if not. ``conn``: write inside the
        caller's transaction (opened with :meth:`transaction` ``(write=True)``) so that
        other rows commit with these or not at all. ``owner``: the simulation run that
        owns the world. ``snapshot``: ``(events so far, state)``, the world's state after
        these rows (``MemoryBackend.to_json`` of every matter), kept as a snapshot."""
        if conn is None:
            def write() -> int:
                with self.transaction(write=True) as own:
                    return self.append_many(world, journal, expect_seq=expect_seq, conn=own, owner=owner,
                                            snapshot=snapshot)
            return retrying(write)
        record = self._record(conn, world, lock=True)
        new = self._append(conn, record, journal, expect_seq, owner)
        if snapshot is not None and new > 0:
            exists = conn.execute(select(snapshots.c.id).where(snapshots.c.world_id == record.id,
                                                               snapshots.c.seq == new)).first()
            if exists is None:
                final = None
                if len(snapshot) > 2:  # the matters dropped from the state: with the last snapshot's
                    prev = conn.execute(select(snapshots.c.final).where(snapshots.c.world_id == record.id)
                                        .order_by(snapshots.c.seq.desc()).limit(1)).scalar_one_or_none()
                    live = {m["id"] for m in snapshot[1].get("matters", ())}
                    merged = {m["id"]: m for m in [*(prev or ()), *snapshot[2]]}
                    final = [m for mid, m in merged.items() if mid not in live]
                self._snapshot(conn, record, new, snapshot[0], snapshot[1], final)
        return new

    # -------------------------------------------------------------------- fork

    def fork(self, name: str, new_name: str, at_seq: int) -> WorldRecord:
        """A new world ``new_name`` with ``name``'s profile, overrides and setup and a copy of
        its rows up to and including ``at_seq`` (0: none): the world as it was after that
        step, to go on from there. Both logs stay append-only; nothing of ``name`` changes.
        An ``at_seq`` beyond the log's end, or a taken name, is refused and writes nothing."""
        if not new_name or not new_name.strip():
            raise InputError("a world needs a name")
        if isinstance(at_seq, bool) or not isinstance(at_seq, int) or at_seq < 0:
            raise InputError(f"fork: the step must be a whole number ≥ 0, got {at_seq!r}")
        try:
            with self.transaction(write=True) as conn:
                record = self._record(conn, name, lock=True)
                last = self._last(conn, record.id)
                if at_seq > last:
                    raise InputError(f"fork: world {name!r} has {last} steps; there is no step {at_seq}")
                conn.execute(insert(worlds).values(
                    name=new_name, profile=record.profile, overrides=jsonable(dict(record.overrides)),
                    setup=jsonable(dict(record.setup)), created_at=datetime.now(UTC)))
                copy = self._record(conn, new_name)
                rows = conn.execute(
                    select(events).where(events.c.world_id == record.id, events.c.seq <= at_seq)
                    .order_by(events.c.seq)).mappings().all()
                if rows:
                    conn.execute(insert(events), [
                        {**{k: r[k] for k in ("seq", "date", "act", "matter", "payload", "outcome", "created_at")},
                         "world_id": copy.id} for r in rows])
        except IntegrityError:
            raise InputError(f"a world named {new_name!r} exists already") from None
        return self.world(new_name)

    # ------------------------------------------------------------------- check

    def check(self, name: str | None = None) -> list[str]:
        """Every inconsistency found (empty: consistent): the database's own integrity
        check (SQLite), gaps in the sequence, and steps whose replay differs from the log."""
        problems: list[str] = []
        with self.transaction() as conn:
            if conn.dialect.name == "sqlite":
                verdict = conn.execute(text("PRAGMA integrity_check")).scalar_one()
                if verdict != "ok":
                    problems.append(f"sqlite integrity_check: {verdict}")
            records = [self._record(conn, name)] if name else [
                _record(r) for r in conn.execute(select(worlds).order_by(worlds.c.id)).mappings()
            ]
            for record in records:
                problems += self._check_world(conn, record)
        return problems

    def _check_world(self, conn: Connection, record: WorldRecord) -> list[str]:
        from respublika.simulate.backend import matter_json

        engine = self.engine(record)
        backend = self._backend(engine, record, None)
        kept = {int(r["seq"]): r for r in conn.execute(
            select(snapshots.c.seq, snapshots.c.events, snapshots.c.state, snapshots.c.final)
            .where(snapshots.c.world_id == record.id)).mappings()}
        problems: list[str] = []
        last = 0
        rows = conn.execute(select(events.c.seq, events.c.payload, events.c.outcome)
                            .where(events.c.world_id == record.id).order_by(events.c.seq))
        for expected, (seq, payload, outcome) in enumerate(rows, start=1):
            where = f"world {record.name!r} step {seq}"
            if seq != expected:
                return [f"{where}: expected seq {expected}"]
            step = Step.from_dict(payload)
            try:
                produced = _replay_one(backend, step)
            except InputError as exc:
                return [f"{where} ({step.act}): replay refuses it: {exc}"]
            replayed = [e.to_dict() for e in produced]
            if replayed != outcome and replayed != [Event.from_dict(e).to_dict() for e in outcome]:
                return [f"{where} ({step.act}): replay produces different events"]
            last = seq
            snap = kept.get(seq)
            if snap is not None:
                state = _canonical(backend.to_json(), [matter_json(m) for m in backend.dropped.values()])
                if int(snap["events"]) != backend.offset or _canonical(snap["state"], snap["final"]) != state:
                    problems.append(f"world {record.name!r}: the snapshot at step {seq} differs from the replay")
        problems += [f"world {record.name!r}: a snapshot at step {seq}, after the log's end ({last})"
                     for seq in sorted(kept) if seq > last]
        return problems


class AllMatters(Mapping[str, Matter]):
    """Every matter of a world: the live ones at hand, the finished ones read (from the
    world's snapshot) only when asked for one that is not live, or for all."""

    def __init__(self, live: Mapping[str, Matter], finished: Callable[[], Mapping[str, Matter]]) -> None:
        self._live = live
        self._finished = finished
        self._all: dict[str, Matter] | None = None

    def _every(self) -> dict[str, Matter]:
        if self._all is None:
            merged = {**self._finished(), **self._live}
            self._all = dict(sorted(merged.items(), key=lambda kv: kv[1].order))
        return self._all

    def __getitem__(self, key: str) -> Matter:
        found = self._live.get(key)
        return found if found is not None else self._every()[key]

    def __contains__(self, key: object) -> bool:
        return key in self._live or key in self._every()

    def __iter__(self) -> Iterator[str]:
        return iter(self._every())

    def __len__(self) -> int:
        return len(self._every())


def _replay_one(backend: Any, step: Step) -> tuple[Event, ...]:
    """``step`` replayed on ``backend`` (live matters; a finished one it names is brought back)."""
    if step.matter is not None and step.matter not in backend.matters:
        old = backend.dropped.get(step.matter)
        if old is not None:
            backend.matters[step.matter] = old
    events: tuple[Event, ...] = backend.apply_whole(step)[1]
    return events


def _whole(backend: Any, produced: list[Event]) -> World:
    """The whole world a from-the-start replay on ``backend`` reached: every matter, in
    creation order, and the events."""
    merged = {**backend.dropped, **backend.matters}
    world: World = evolve(backend.base, matters=dict(sorted(merged.items(), key=lambda kv: kv[1].order)),
                  events=EventLog(produced))
    return world


def _fork(backend: Any) -> Any:
    """A copy of a ``MemoryBackend`` that an act may change without changing ``backend``."""
    copied = copy.copy(backend)
    copied.matters = dict(backend.matters)
    copied.watched_ids = set(backend.watched_ids)
    if backend.dropped is not None:
        copied.dropped = dict(backend.dropped)
    return copied


def _canonical(state: Mapping[str, Any], final: Sequence[Mapping[str, Any]] | None = None) -> str:
    """A snapshot's state (with its final matters) in one comparable form."""
    data = dict(json.loads(json.dumps(jsonable(dict(state)), sort_keys=True)))
    matters = {m["id"]: m for m in [*jsonable(list(final or ())), *data.get("matters", [])]}
    data["matters"] = sorted(matters.values(), key=lambda m: m["id"])
    return json.dumps(data, sort_keys=True)


def _record(row: Any) -> WorldRecord:
    return WorldRecord(id=row["id"], name=row["name"], profile=row["profile"],
                       overrides=dict(row["overrides"]), setup=dict(row["setup"]),
                       created_at=row["created_at"])
