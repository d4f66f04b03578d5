"""Database connections: the URL, SQLite's pragmas, and the one transaction helper.

The URL is ``--db URL``, else the ``RESPUBLIKA_DB`` environment variable, else
``sqlite:///respublika.db`` (a file in the current directory). Any SQLAlchemy URL works;
PostgreSQL through psycopg 3 (``postgresql+psycopg://user@host/db``).

SQLite connections use WAL, foreign keys and a 5 s busy timeout. SQLAlchemy's pysqlite
driver is told not to open transactions itself; each transaction starts with ``BEGIN``
(reads) or ``BEGIN IMMEDIATE`` (writes, so two writers never interleave a read and an
append). Every read and write of the store goes through :func:`transaction`; the store
retries a write that finds the database locked (:func:`retrying`) for at most
:data:`BUSY_SECONDS` (``$RESPUBLIKA_DB_BUSY_SECONDS``), then raises
:class:`~respublika.errors.BusyError` ("the database is busy, try again").

The database's problems become the project's errors, naming the problem
(:func:`problem`): a URL that does not parse, an unknown kind of database or a missing
driver, a SQLite file in a folder that does not exist, a folder or a file that is not a
database, a read-only or unreadable file, a server that does not answer, a value too long
for a column. Nothing is written in any of these cases.

The tables are in :mod:`respublika.store.tables`; :func:`make_engine` also brings the
schema up to date (:mod:`respublika.store.schema`).
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, IntegrityError, NoSuchModuleError
from sqlalchemy.pool import StaticPool

from respublika.errors import BusyError, InputError, RespublikaError, StoreError
from respublika.store.tables import events, metadata, worlds

DEFAULT_URL = "sqlite:///respublika.db"
ENV_VAR = "RESPUBLIKA_DB"
WRITE = "respublika_write"
"""Execution option: this transaction appends (``BEGIN IMMEDIATE`` on SQLite)."""

BUSY_ENV = "RESPUBLIKA_DB_BUSY_SECONDS"
BUSY_SECONDS = 30.0
"""How long a write waits for a locked database, retrying, before :class:`BusyError`."""

__all__ = ["BUSY_SECONDS", "DEFAULT_URL", "ENV_VAR", "WRITE", "connect", "database_url", "events", "make_engine",
           "metadata", "problem", "retrying", "sqlite_path", "transaction", "worlds"]

T = TypeVar("T")


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


def shown(url: str) -> str:
    """``url`` with any password hidden (for messages)."""
    return re.sub(r"(//[^:/@]*:)[^@]*@", r"\1***@", str(url))


def sqlite_path(url: str) -> Path | None:
    """The file of a SQLite URL (``None``: in memory, or not SQLite)."""
    if not url.startswith("sqlite"):
        return None
    if url in ("sqlite://", "sqlite:///:memory:") or "mode=memory" in url:
        return None
    try:
        database = make_url(url).database
    except ArgumentError:
        return None
    if not database or database == ":memory:":
        return None
    return Path(database.removeprefix("file:").split("?", 1)[0])


def _check_sqlite_file(url: str) -> None:
    path = sqlite_path(url)
    if path is None:
        return
    if path.is_dir():
        raise StoreError.of("the database {path}: is a folder, not a database file", path=str(path))
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise StoreError.of("the database {path}: the folder {folder} does not exist (create it first)",
                            path=str(path), folder=str(folder))
    if path.exists() and not os.access(path, os.R_OK):
        raise StoreError.of("the database {path}: the file cannot be read (permission denied)", path=str(path))


def connect(url: str) -> Engine:
    """An engine for ``url`` (SQLite with the pragmas above), the schema untouched. A URL
    that does not parse, an unknown kind of database, a missing driver or (SQLite) a file
    in a folder that does not exist is refused with :class:`StoreError`."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise StoreError.of("the database URL {url!r} is not a URL (write sqlite:///FILE or "
                            "postgresql+psycopg://USER@HOST/DB)", url=shown(url)) from None
    try:
        if parsed.get_backend_name() == "sqlite":
            _check_sqlite_file(url)
            memory = sqlite_path(url) is None
            kwargs: dict[str, Any] = {"poolclass": StaticPool} if memory else {}
            engine = create_engine(url, connect_args={"check_same_thread": False}, **kwargs)
            _sqlite_hooks(engine, memory)
        else:
            engine = create_engine(url, pool_pre_ping=True)
    except NoSuchModuleError:
        raise StoreError.of("the database URL {url!r}: unknown kind of database {kind!r} (respublika uses "
                            "sqlite:///FILE or postgresql+psycopg://USER@HOST/DB)",
                            url=shown(url), kind=parsed.drivername) from None
    except ImportError as exc:
        raise StoreError.of("the database URL {url!r}: its driver is not installed ({reason})",
                            url=shown(url), reason=str(exc)) from None
    except ArgumentError as exc:
        raise StoreError.of("the database URL {url!r}: {reason}", url=shown(url), reason=str(exc)) from None
    return engine


def _first_line(exc: BaseException) -> str:
    orig = getattr(exc, "orig", None) or exc
    text = str(orig).strip().splitlines()
    return text[0] if text else type(orig).__name__


def busy(exc: BaseException) -> bool:
    """Whether a database error says the database is locked by another writer."""
    message = _first_line(exc).lower()
    return "database is locked" in message or "database table is locked" in message or "busy" in message


def problem(exc: DBAPIError, url: str) -> RespublikaError:
    """The project's error for a database error (see the module docstring)."""
    where = str(sqlite_path(url) or shown(url))
    line = _first_line(exc)
    low = line.lower()
    if busy(exc):
        return BusyError.of("the database is busy, try again (other writers held it for more than {seconds} s)",
                            seconds=int(busy_seconds()))
    if "readonly" in low or "read-only" in low:
        return StoreError.of("the database {where} is read-only: nothing was written ({reason})",
                             where=where, reason=line)
    if "not a database" in low or "malformed" in low:
        return StoreError.of("{where} is not a SQLite database ({reason})", where=where, reason=line)
    if "unable to open" in low:
        return StoreError.of("cannot open the database {where} (a read-only or missing folder?): {reason}",
                             where=where, reason=line)
    if "too long" in low or "out of range" in low:
        return InputError.of("a value is too long or out of range for the database: {reason}", reason=line)
    if "connect" in low or "connection" in low or "password" in low or "does not exist" in low:
        return StoreError.of("cannot connect to the database {where}: {reason}", where=where, reason=line)
    return StoreError.of("the database {where} refused the operation: {reason}", where=where, reason=line)


def busy_seconds() -> float:
    raw = os.environ.get(BUSY_ENV)
    try:
        return max(0.0, float(raw)) if raw else BUSY_SECONDS
    except ValueError:
        return BUSY_SECONDS


def retrying(work: Callable[[], T]) -> T:
    """``work()``, run again while it raises :class:`BusyError`, for at most
    :func:`busy_seconds`; then the error. ``work`` must write nothing when it raises (one
    transaction)."""
    deadline = time.monotonic() + busy_seconds()
    pause = 0.02
    while True:
        try:
            return work()
        except BusyError:
            if time.monotonic() + pause > deadline:
                raise
        time.sleep(pause)
        pause = min(pause * 2, 0.5)


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
    try:
        with db.connect() as conn:
            conn = conn.execution_options(**{WRITE: write})
            with conn.begin():
                yield conn
    except IntegrityError:
        raise
    except DBAPIError as exc:
        raise problem(exc, db.url.render_as_string(hide_password=True)) from None
