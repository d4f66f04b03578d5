"""The schema, made and upgraded by the migrations when a store opens.

:func:`upgrade` runs when a :class:`~respublika.store.Store` opens (never later, inside a
request). It brings the database to :data:`HEAD`, the newest revision in
:mod:`respublika.store.migrations`:

* a new database gets every table;
* a database made before the migrations (the tables, no version row) is checked (its
  tables must have the columns this release reads, else it is not a respublika database)
  and stamped, and the tables it lacks are added — in place, nothing is copied;
* a database at an older revision is upgraded; one at a revision this release does not
  know (made by a newer release) is refused with a message.

The revision is kept in the table ``respublika_schema_version`` (Alembic's version table,
named so that it does not clash with another application's migrations in a shared
PostgreSQL database).

Two processes opening a fresh database at once are serialized: on SQLite the upgrade runs
in one ``BEGIN IMMEDIATE`` transaction (the write lock; the other waits, then finds the
schema made), retried while the database is locked; on PostgreSQL under a transaction-level
advisory lock. A database already at :data:`HEAD` costs one read (Alembic is not loaded).

``python -m respublika.store.schema revision "MESSAGE"`` writes a new revision file,
compared against a scratch SQLite database at the head.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, inspect, text
from sqlalchemy.exc import OperationalError

from respublika.errors import BusyError, StoreError
from respublika.store.db import busy, connect, transaction
from respublika.store.tables import metadata

HEAD = "0003"
"""The newest revision (a test checks it against the migrations folder)."""
VERSION_TABLE = "respublika_schema_version"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
PG_LOCK = 0x52455350  # "RESP": the advisory lock key that serializes upgrades on PostgreSQL
BUSY_SECONDS = 60.0
ADDED_LATER = {("simulation_runs", "lease"), ("procedure_snapshots", "final")}
"""Columns added by a revision after 0001 (a database made before the migrations lacks them)."""


def alembic_config(connection: Connection | None = None, url: str | None = None) -> Any:
    """Alembic's configuration for the shipped migrations (no ``alembic.ini``)."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("version_table", VERSION_TABLE)
    if url is not None:
        config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def current(db: Engine) -> str | None:
    """The database's revision (``None``: no version row, a new or pre-migration database)."""
    with transaction(db) as conn:
        return _version(conn)


def _version(conn: Connection) -> str | None:
    if not inspect(conn).has_table(VERSION_TABLE):
        return None
    rows = conn.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).scalars().all()
    return ",".join(sorted(rows)) or None


def upgrade(db: Engine) -> None:
    """Bring the database behind ``db`` to :data:`HEAD` (see the module docstring)."""
    deadline = time.monotonic() + BUSY_SECONDS
    pause = 0.05
    while True:
        try:
            if current(db) == HEAD:
                return
            _upgrade(db)
            return
        except BusyError:
            if time.monotonic() > deadline:
                raise
        except OperationalError as exc:  # raised by Alembic outside the store's transaction helper
            if not busy(exc) or time.monotonic() > deadline:
                raise
        time.sleep(pause)
        pause = min(pause * 2, 1.0)


def _upgrade(db: Engine) -> None:
    from alembic import command
    from alembic.util import CommandError

    with transaction(db, write=True) as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": PG_LOCK})
        version = _version(conn)
        if version == HEAD:
            return  # another process made it while we waited for the lock
        if version is None:
            _check_existing(conn)
        try:
            command.upgrade(alembic_config(conn), "head")
        except CommandError as exc:
            raise StoreError(f"the database's schema is at revision {version!r}, which this version of "
                             f"respublika does not know (it knows up to {HEAD}): {exc}") from None


def _check_existing(conn: Connection) -> None:
    """Tables of ours made before the migrations must have the columns we read."""
    insp = inspect(conn)
    present = set(insp.get_table_names())
    for table in metadata.sorted_tables:
        if table.name not in present:
            continue
        columns = {c["name"] for c in insp.get_columns(table.name)}
        missing = [c.name for c in table.columns
                   if c.name not in columns and (table.name, c.name) not in ADDED_LATER]
        if missing:
            raise StoreError(f"the database has a table {table.name!r} that is not respublika's "
                             f"(no column {', '.join(missing)}): use another database")


def main(argv: list[str] | None = None) -> int:
    """``revision MESSAGE``: a new migration file, autogenerated against the head."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2 or args[0] != "revision":
        print('usage: python -m respublika.store.schema revision "MESSAGE"', file=sys.stderr)
        return 2
    from alembic import command

    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'head.db'}"
        db = connect(url)
        try:
            upgrade(db)
            with transaction(db, write=True) as conn:
                command.revision(alembic_config(conn), message=args[1], autogenerate=True)
        finally:
            db.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
