"""Database connections: the URL, SQLite's pragmas, and the one transaction helper.

The URL is ``--db URL``, else the ``RESPUBLIKA_DB`` environment variable, else
``sqlite:///respublika.db`` (a file in the current directory). Any SQLAlchemy URL works;
PostgreSQL through psycopg 3 (``postgresql+psycopg://user@host/db``).

SQLite connections use WAL, foreign keys and a 5 s busy timeout. SQLAlchemy's pysqlite
driver is told not to open transactions itself; each transaction starts with ``BEGIN``
(reads) or ``BEGIN IMMEDIATE`` (writes, so two writers never interleave a read and an
append). Every read and write of the store goes through :func:`transaction`.

The tables are in :mod:`respublika.store.tables`; :func:`make_engine` also brings the
schema up to date (:mod:`respublika.store.schema`).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.pool import StaticPool

from respublika.store.tables import events, metadata, worlds

DEFAULT_URL = "sqlite:///respublika.db"
ENV_VAR = "RESPUBLIKA_DB"
WRITE = "respublika_write"
"""Execution option: this transaction appends (``BEGIN IMMEDIATE`` on SQLite)."""

__all__ = ["DEFAULT_URL", "ENV_VAR", "WRITE", "connect", "database_url", "events", "make_engine",
           "metadata", "transaction", "worlds"]


def database_url(url: str | None = None) -> str:
    return url or os.environ.get(ENV_VAR) or DEFAULT_URL


def _sqlite_hooks(engine: Engine, memory: bool) -> None:
    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we emit BEGIN ourselves
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA busy_timeout=5000")  # first: switching to WAL may wait too
        if not memory:
            cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        write = conn.get_execution_options().get(WRITE, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def connect(url: str) -> Engine:
    """An engine for ``url`` (SQLite with the pragmas above), the schema untouched."""
    if url.startswith("sqlite"):
        memory = url in ("sqlite://", "sqlite:///:memory:") or "mode=memory" in url
        kwargs: dict[str, Any] = {"poolclass": StaticPool} if memory else {}
        engine = create_engine(url, connect_args={"check_same_thread": False}, **kwargs)
        _sqlite_hooks(engine, memory)
    else:
        engine = create_engine(url, pool_pre_ping=True)
    return engine


def make_engine(url: str) -> Engine:
    """An engine for ``url`` with the schema created or upgraded (the migrations)."""
    from respublika.store.schema import upgrade

    engine = connect(url)
    upgrade(engine)
    return engine


@contextmanager
def transaction(db: Engine, write: bool = False) -> Iterator[Connection]:
    """One transaction on ``db``: committed when the block ends, rolled back if it raises.
    ``write=True`` for a transaction that writes (SQLite's write lock taken at ``BEGIN``)."""
    with db.connect() as conn:
        conn = conn.execution_options(**{WRITE: write})
        with conn.begin():
            yield conn
