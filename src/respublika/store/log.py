"""The event log: worlds (a profile, overrides and a setup) and their steps, append-only.

Each accepted step is one row of ``procedure_events``: its date, act and matter, the step
as requested (``payload``) and the events it produced (``outcome``: deadlines that fired
first, then the act, with numbers and citations). A world's state is the replay of its
rows through the engine. An act is replayed, checked and appended in one transaction: a
refused act raises and writes nothing; a crash before the commit leaves nothing either.

Every append states the sequence number it expects to be the log's last (``expect_seq``):
:meth:`Store.apply` and :meth:`Store.step` the one their replay reached (and, if given, the
caller's), :meth:`Store.append_many` the caller's. A writer that finds another writer's
events there gets a :class:`~respublika.errors.ConflictError`, and nothing is written.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, func, insert, select, text
from sqlalchemy.exc import IntegrityError

from respublika.errors import ConflictError, InputError
from respublika.procedure import Engine, Event, Step, StepResult, World
from respublika.procedure.model import ADVANCE, jsonable
from respublika.profile import load_profile
from respublika.profile.loader import DEFAULT_PROFILE, overrides_dict
from respublika.store.db import database_url, make_engine, transaction
from respublika.store.tables import events, worlds

Journal = Sequence[tuple[Step, tuple[Event, ...]]]
"""Steps and the events each produced, in order (what :meth:`Store.append_many` takes)."""

DEFAULT_WORLD = "default"


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

    Opening a store creates or upgrades the schema (:mod:`respublika.store.schema`)."""

    def __init__(self, url: str | None = None) -> None:
        self.url = database_url(url)
        self.db = make_engine(self.url)
        self._engines: dict[str, Engine] = {}
        self._cache: dict[tuple[int, datetime], tuple[int, World]] = {}

    def close(self) -> None:
        self.db.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def transaction(self, write: bool = False) -> AbstractContextManager[Connection]:
        """One transaction (:func:`respublika.store.db.transaction`), for the store's modules."""
        return transaction(self.db, write)

    # ------------------------------------------------------------------ worlds

    def create_world(
        self, name: str, profile: str = DEFAULT_PROFILE, overrides: Mapping[str, Any] | list[str] | None = None,
        setup: Mapping[str, Any] | None = None,
    ) -> WorldRecord:
        """A new, empty world; the profile and setup are checked first."""
        if not name or not name.strip():
            raise InputError("a world needs a name")
        values = overrides_dict(overrides)
        engine = self._engine(profile, values)
        engine.initial(setup)  # validates the setup
        row = {"name": name, "profile": profile, "overrides": jsonable(values),
               "setup": jsonable(dict(setup or {})), "created_at": datetime.now(UTC)}
        try:
            with self.transaction(write=True) as conn:
                conn.execute(insert(worlds).values(**row))
        except IntegrityError:
            raise InputError(f"a world named {name!r} exists already") from None
        return self.world(name)

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
        query = select(worlds).where(worlds.c.name == name)
        if lock and self.db.dialect.name != "sqlite":
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
        seq, world = self._cache.get(key, (0, engine.initial(record.setup)))
        for row in self._rows(conn, record.id, after=seq):
            world, _ = engine.apply(world, row.step)
            seq = row.seq
        self._cache[key] = (seq, world)
        return seq, world

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

    def _append(self, conn: Connection, record: WorldRecord, journal: Journal, expect_seq: int) -> int:
        """Append ``journal`` after row ``expect_seq``, the log's last, else raise
        :class:`ConflictError`; return the new last sequence number. (The one writer of
        ``procedure_events``; the caller holds the world's lock.)"""
        last = self._last(conn, record.id)
        self._expect(record, last, expect_seq)
        if not journal:
            return last
        now = datetime.now(UTC)
        conn.execute(insert(events), [
            {"world_id": record.id, "seq": last + i, "date": step.date, "act": step.act, "matter": step.matter,
             "payload": step.to_dict(), "outcome": [e.to_dict() for e in produced], "created_at": now}
            for i, (step, produced) in enumerate(journal, start=1)
        ])
        return last + len(journal)

    @staticmethod
    def _expect(record: WorldRecord, last: int, expect_seq: int | None) -> None:
        if expect_seq is not None and expect_seq != last:
            raise ConflictError(
                f"world {record.name!r}: its log ends at row {last}, not at row {expect_seq} as this "
                "writer expected (another writer has appended to it); nothing was written")

    def apply(self, name: str, step: Step, *, expect_seq: int | None = None) -> tuple[World, tuple[Event, ...]]:
        """Validate and append ``step`` atomically; a refused step raises and writes nothing.

        ``expect_seq``: the sequence number the caller expects to be the log's last (its
        view of the world); if the log ends elsewhere, :class:`ConflictError` and nothing
        is written. Without it, the step applies to the world as it is in the database."""
        after, produced, _ = self._apply(name, step, expect_seq)
        return after, produced

    def _apply(self, name: str, step: Step, expect_seq: int | None) -> tuple[World, tuple[Event, ...], int]:
        with self.transaction(write=True) as conn:
            record = self._record(conn, name, lock=True)
            seq, world = self._world(conn, record)
            self._expect(record, seq, expect_seq)
            after, produced = self.engine(record).apply(world, step)
            seq = self._append(conn, record, [(step, produced)], expect_seq=seq)
        self._cache[(record.id, record.created_at)] = (seq, after)
        return after, produced, seq

    def step(self, name: str, step: Step, *, expect_seq: int | None = None) -> StepResult:
        """Scenario semantics: a refused step still records time moving (an ``advance`` row).
        ``expect_seq`` as for :meth:`apply`."""
        return self._step(name, step, expect_seq)[0]

    def _step(self, name: str, step: Step, expect_seq: int | None) -> tuple[StepResult, int]:
        with self.transaction(write=True) as conn:
            record = self._record(conn, name, lock=True)
            seq, world = self._world(conn, record)
            self._expect(record, seq, expect_seq)
            result = self.engine(record).step(world, step)
            if result.ok:
                seq = self._append(conn, record, [(step, result.events)], expect_seq=seq)
            elif result.world is not world:
                seq = self._append(conn, record, [(Step(date=step.date, act=ADVANCE), result.events)],
                                   expect_seq=seq)
            else:
                return result, seq
        self._cache[(record.id, record.created_at)] = (seq, result.world)
        return result, seq

    def append_many(self, world: str, journal: Journal, *, expect_seq: int,
                    conn: Connection | None = None) -> int:
        """Append many rows (each a step and the events it produced) in one transaction,
        after row ``expect_seq``, which must be the log's last: if another writer's events
        are there, :class:`~respublika.errors.ConflictError` and nothing is written. Returns
        the new last sequence number.

        The events are not replayed: the caller vouches that they are what the world's
        engine produces from the log (a simulation run in memory on the same profile);
        :meth:`check` replays every row and says if not. ``conn``: write inside the
        caller's transaction (opened with :meth:`transaction` ``(write=True)``) so that
        other rows commit with these or not at all."""
        if conn is None:
            with self.transaction(write=True) as own:
                return self.append_many(world, journal, expect_seq=expect_seq, conn=own)
        record = self._record(conn, world, lock=True)
        return self._append(conn, record, journal, expect_seq)

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
            if self.db.dialect.name == "sqlite":
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
        engine = self.engine(record)
        world = engine.initial(record.setup)
        for expected, row in enumerate(self._rows(conn, record.id), start=1):
            where = f"world {record.name!r} step {row.seq}"
            if row.seq != expected:
                return [f"{where}: expected seq {expected}"]
            try:
                world, produced = engine.apply(world, row.step)
            except InputError as exc:
                return [f"{where} ({row.step.act}): replay refuses it: {exc}"]
            if [e.to_dict() for e in produced] != [e.to_dict() for e in row.events]:
                return [f"{where} ({row.step.act}): replay produces different events"]
        return []


def _record(row: Any) -> WorldRecord:
    return WorldRecord(id=row["id"], name=row["name"], profile=row["profile"],
                       overrides=dict(row["overrides"]), setup=dict(row["setup"]),
                       created_at=row["created_at"])
