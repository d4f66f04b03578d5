"""The tables: the one ``MetaData`` of the project (the only code that names them).

* ``procedure_worlds`` — a world: its name, profile (name or path), overrides and setup;
* ``procedure_events`` — its log, one row per accepted step (``seq`` 1, 2, ... per world):
  the step as requested (``payload``) and the events it produced (``outcome``);
* ``procedure_snapshots`` — a world's state after row ``seq`` of its log (every matter, the
  Republic, timers and clock, without the events; ``events``: how many events the log holds
  up to there), so that an act replays only the rows after the last one;
* ``simulation_runs`` — a saved simulation: its configuration, the world it writes, its
  last *checkpoint* (the simulation's state as JSON, with the log rows and records it covers)
  and its ``lease`` (the token of the process writing it now);
* ``simulation_records`` — a run's records (elections, seats, refusals, ...).

The schema is made and changed only by the migrations in :mod:`respublika.store.migrations`
(run by :func:`respublika.store.schema.upgrade` when a :class:`~respublika.store.Store` opens);
a test checks that the migrated database matches these tables.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    UniqueConstraint,
)

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
    Index("ix_procedure_events_world_matter", "world_id", "matter"),
)

snapshots = Table(
    "procedure_snapshots",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("world_id", Integer, ForeignKey("procedure_worlds.id"), nullable=False),
    Column("seq", Integer, nullable=False),
    Column("events", Integer, nullable=False),
    Column("state", JSON, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("final", JSON, nullable=True),
    UniqueConstraint("world_id", "seq", name="uq_procedure_snapshots_world_seq"),
)

runs = Table(
    "simulation_runs",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(200), nullable=False, unique=True),
    Column("world", String(200), nullable=False),
    Column("mode", String(10), nullable=False),
    Column("config", JSON, nullable=False),
    Column("seed", BigInteger, nullable=False),
    Column("years", Integer, nullable=False),
    Column("start", Date, nullable=False),
    Column("state", JSON, nullable=True),
    Column("log_rows", Integer, nullable=False),
    Column("records", Integer, nullable=False),
    Column("finished", Boolean, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("lease", String(40), nullable=True),
)

records = Table(
    "simulation_records",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("run_id", Integer, ForeignKey("simulation_runs.id"), nullable=False),
    Column("seq", Integer, nullable=False),
    Column("date", Date, nullable=False),
    Column("kind", String(40), nullable=False),
    Column("payload", JSON, nullable=False),
    UniqueConstraint("run_id", "seq", name="uq_simulation_records_run_seq"),
)
