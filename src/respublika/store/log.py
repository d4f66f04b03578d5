"""The event log: worlds (a profile, overrides and a setup) and their steps, append-only.

Each accepted step is one row of ``procedure_events``: its date, act and matter, the step
as requested (``payload``) and the events it produced (``outcome``: deadlines that fired
first, then the act, with numbers and citations). A world's state is the replay of its
rows through the engine. An act is replayed, checked and appended in one transaction: a
refused act raises and writes nothing; a crash before the commit leaves nothing either.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, func, insert, select, text
from sqlalchemy.exc import IntegrityError

from respublika.errors import InputError
from respublika.procedure import Engine, Event, Step, StepResult, World
from respublika.procedure.model import ADVANCE, jsonable
from respublika.profile import load_profile
from respublika.profile.loader import overrides_dict
from respublika.store.db import WRITE, database_url, events, make_engine, worlds

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
    """Worlds and their logs in one database (see :mod:`respublika.store.db` for the URL)."""

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

    @contextmanager
    def _tx(self, write: bool = False) -> Iterator[Connection]:
        with self.db.connect() as conn:
            conn = conn.execution_options(**{WRITE: write})
            with conn.begin():
                yield conn

    # ------------------------------------------------------------------ worlds

    def create_world(
        self, name: str, profile: str = "seed", overrides: Mapping[str, Any] | list[str] | None = None,
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
            with self._tx(write=True) as conn:
                conn.execute(insert(worlds).values(**row))
        except IntegrityError:
            raise InputError(f"a world named {name!r} exists already") from None
        return self.world(name)

    def world(self, name: str) -> WorldRecord:
        with self._tx() as conn:
            return self._record(conn, name)

    def find_world(self, name: str) -> WorldRecord | None:
        with self._tx() as conn:
            row = conn.execute(select(worlds).where(worlds.c.name == name)).mappings().first()
        return None if row is None else _record(row)

    def worlds(self) -> list[WorldRecord]:
        with self._tx() as conn:
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

    def _world(self, conn: Connection, record: WorldRecord) -> World:
        engine = self.engine(record)
        key = (record.id, record.created_at)
        seq, world = self._cache.get(key, (0, engine.initial(record.setup)))
        for row in self._rows(conn, record.id, after=seq):
            world, _ = engine.apply(world, row.step)
            seq = row.seq
        self._cache[key] = (seq, world)
        return world

    def steps(self, name: str) -> list[StoredStep]:
        with self._tx() as conn:
            return self._rows(conn, self._record(conn, name).id)

    def load(self, name: str) -> tuple[Engine, World]:
        """The world's engine and its present state (the replay of its log)."""
        with self._tx() as conn:
            record = self._record(conn, name)
            return self.engine(record), self._world(conn, record)

    # ------------------------------------------------------------------ writes

    def _append(self, conn: Connection, record: WorldRecord, step: Step, produced: tuple[Event, ...]) -> int:
        last = conn.execute(
            select(func.coalesce(func.max(events.c.seq), 0)).where(events.c.world_id == record.id)
        ).scalar_one()
        seq = int(last) + 1
        conn.execute(insert(events).values(
            world_id=record.id, seq=seq, date=step.date, act=step.act, matter=step.matter,
            payload=step.to_dict(), outcome=[e.to_dict() for e in produced], created_at=datetime.now(UTC),
        ))
        return seq

    def apply(self, name: str, step: Step) -> tuple[World, tuple[Event, ...]]:
        """Validate and append ``step`` atomically; a refused step raises and writes nothing."""
        with self._tx(write=True) as conn:
            record = self._record(conn, name, lock=True)
            world = self._world(conn, record)
            after, produced = self.engine(record).apply(world, step)
            seq = self._append(conn, record, step, produced)
        self._cache[(record.id, record.created_at)] = (seq, after)
        return after, produced

    def step(self, name: str, step: Step) -> StepResult:
        """Scenario semantics: a refused step still records time moving (an ``advance`` row)."""
        with self._tx(write=True) as conn:
            record = self._record(conn, name, lock=True)
            world = self._world(conn, record)
            result = self.engine(record).step(world, step)
            if result.ok:
                seq = self._append(conn, record, step, result.events)
            elif result.world is not world:
                seq = self._append(conn, record, Step(date=step.date, act=ADVANCE), result.events)
            else:
                return result
        self._cache[(record.id, record.created_at)] = (seq, result.world)
        return result

    # ------------------------------------------------------------------- check

    def check(self, name: str | None = None) -> list[str]:
        """Every inconsistency found (empty: consistent): the database's own integrity
        check (SQLite), gaps in the sequence, and steps whose replay differs from the log."""
        problems: list[str] = []
        with self._tx() as conn:
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


class DbSession:
    """A scenario :class:`~respublika.procedure.scenario.Session` on a stored world."""

    def __init__(self, store: Store, name: str) -> None:
        self.store = store
        self.name = name

    @property
    def world(self) -> World:
        return self.store.load(self.name)[1]

    def step(self, step: Step) -> StepResult:
        return self.store.step(self.name, step)
