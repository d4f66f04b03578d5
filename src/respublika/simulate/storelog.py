"""Appending many steps to the Store's event log in one transaction (batch mode).

:meth:`respublika.store.Store.apply` appends one step per transaction, replaying the
world and scanning all its matters each time (see ``benchmarks/README.md``): fine for
interactive acts, too slow for decades of simulated acts. A simulation in batch mode runs
the same engine in memory and hands each simulated year's steps here, to be written into
the Store's own table in the Store's own row format: ``seq`` following the last one,
``payload`` the step as requested, ``outcome`` the events it produced. The rows are
exactly those ``Store.apply`` would have written (a test compares both and runs
:meth:`Store.check`, which replays every row through a fresh engine). Like the Store, it
locks the world's row on PostgreSQL and takes SQLite's write lock (``BEGIN IMMEDIATE``).

The Store has no public "append many" call; ``docs/simulation.md`` proposes one.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from sqlalchemy import Connection, func, insert, select

from respublika.errors import InputError
from respublika.procedure import Event, Step
from respublika.store import Store
from respublika.store.db import events as log_table
from respublika.store.db import worlds as world_table


def append_steps(conn: Connection, store: Store, world: str,
                 journal: Sequence[tuple[Step, tuple[Event, ...]]]) -> int:
    """Append ``journal`` (steps and the events each produced) to ``world``'s log."""
    if not journal:
        return 0
    query = select(world_table.c.id).where(world_table.c.name == world)
    if store.db.dialect.name != "sqlite":
        query = query.with_for_update()
    world_id = conn.execute(query).scalar()
    if world_id is None:
        raise InputError(f"no world named {world!r}")
    last = int(conn.execute(select(func.coalesce(func.max(log_table.c.seq), 0))
                            .where(log_table.c.world_id == world_id)).scalar_one())
    now = datetime.now(UTC)
    rows = [
        {"world_id": world_id, "seq": last + i, "date": step.date, "act": step.act, "matter": step.matter,
         "payload": step.to_dict(), "outcome": [e.to_dict() for e in events], "created_at": now}
        for i, (step, events) in enumerate(journal, start=1)
    ]
    conn.execute(insert(log_table), rows)
    return len(rows)
