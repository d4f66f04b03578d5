"""Database connections: the URL, SQLite's pragmas and transactions, the tables.

The URL is ``--db URL``, else the ``RESPUBLIKA_DB`` environment variable, else
``sqlite:///respublika.db`` (a file in the current directory). Any SQLAlchemy URL works;
PostgreSQL through psycopg 3 (``postgresql+psycopg://user@host/db``).

SQLite connections use WAL, foreign keys and a 5 s busy timeout. SQLAlchemy's pysqlite
driver is told not to open transactions itself; each transaction starts with ``BEGIN``
(reads) or ``BEGIN IMMEDIATE`` (writes, so two writers never interleave a read and an
append).
"""

from __future__ import annotations

import os
from typing import Any

from sqlalchemy import (
    JSON,
    Column,
    Date,
    DateTime,
    Engine,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    UniqueConstraint,
    create_engine,
    event,
)
from sqlalchemy.pool import StaticPool

DEFAULT_URL = "sqlite:///respublika.db"
ENV_VAR = "RESPUBLIKA_DB"
WRITE = "respublika_write"
"""Execution option: this transaction appends (``BEGIN IMMEDIATE`` on SQLite)."""

metadata = MetaData()

worlds = Table(
    "procedure_worlds",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(200), nullable=False, unique=True),
    Column("profile", String(1000), nullable=False),
    Column("overrides", JSON, nullable=False),
    Column("setup", JSON, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

events = Table(
    "procedure_events",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("world_id", Integer, ForeignKey("procedure_worlds.id"), nullable=False),
    Column("seq", Integer, nullable=False),
    Column("date", Date, nullable=False),
    Column("act", String(100), nullable=False),
    Column("matter", String(200), nullable=True),
    Column("payload", JSON, nullable=False),
    Column("outcome", JSON, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("world_id", "seq", name="uq_procedure_events_world_seq"),
)


def database_url(url: str | None = None) -> str:
    return url or os.environ.get(ENV_VAR) or DEFAULT_URL


def _sqlite_hooks(engine: Engine, memory: bool) -> None:
    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we emit BEGIN ourselves
        cursor = dbapi_connection.cursor()
        if not memory:
            cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=5000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        write = conn.get_execution_options().get(WRITE, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def make_engine(url: str) -> Engine:
    """An engine for ``url`` with the tables created."""
    if url.startswith("sqlite"):
        memory = url in ("sqlite://", "sqlite:///:memory:") or "mode=memory" in url
        kwargs: dict[str, Any] = {"poolclass": StaticPool} if memory else {}
        engine = create_engine(url, connect_args={"check_same_thread": False}, **kwargs)
        _sqlite_hooks(engine, memory)
    else:
        engine = create_engine(url, pool_pre_ping=True)
    metadata.create_all(engine)
    return engine
