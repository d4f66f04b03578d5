"""The schema of the first release: worlds and their event log, saved simulations.

Revision ID: 0001
Revises: (none)

A database made before the migrations has some of these tables and no version row. The
previous release made ``procedure_worlds`` and ``procedure_events`` when a store opened, and
the two simulation tables only when a simulation was first saved; so this revision creates
only the tables the database lacks (:func:`respublika.store.schema.upgrade` has checked the
columns of those it has), and the database is then marked as at this revision.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

TABLES = ("procedure_worlds", "procedure_events", "simulation_runs", "simulation_records")


def upgrade() -> None:
    present = set(sa.inspect(op.get_bind()).get_table_names())
    if "procedure_worlds" not in present:
        op.create_table(
            "procedure_worlds",
            sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
            sa.Column("name", sa.String(200), nullable=False, unique=True),
            sa.Column("profile", sa.String(1000), nullable=False),
            sa.Column("overrides", sa.JSON, nullable=False),
            sa.Column("setup", sa.JSON, nullable=False),
            sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        )
    if "procedure_events" not in present:
        op.create_table(
            "procedure_events",
            sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
            sa.Column("world_id", sa.Integer, sa.ForeignKey("procedure_worlds.id"), nullable=False),
            sa.Column("seq", sa.Integer, nullable=False),
            sa.Column("date", sa.Date, nullable=False),
            sa.Column("act", sa.String(100), nullable=False),
            sa.Column("matter", sa.String(200), nullable=True),
            sa.Column("payload", sa.JSON, nullable=False),
            sa.Column("outcome", sa.JSON, nullable=False),
            sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
            sa.UniqueConstraint("world_id", "seq", name="uq_procedure_events_world_seq"),
        )
    if "simulation_runs" not in present:
        op.create_table(
            "simulation_runs",
            sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
            sa.Column("name", sa.String(200), nullable=False, unique=True),
            sa.Column("world", sa.String(200), nullable=False),
            sa.Column("mode", sa.String(10), nullable=False),
            sa.Column("config", sa.JSON, nullable=False),
            sa.Column("seed", sa.BigInteger, nullable=False),
            sa.Column("years", sa.Integer, nullable=False),
            sa.Column("start", sa.Date, nullable=False),
            sa.Column("state", sa.JSON, nullable=True),
            sa.Column("log_rows", sa.Integer, nullable=False),
            sa.Column("records", sa.Integer, nullable=False),
            sa.Column("finished", sa.Boolean, nullable=False),
            sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
            sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        )
    if "simulation_records" not in present:
        op.create_table(
            "simulation_records",
            sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
            sa.Column("run_id", sa.Integer, sa.ForeignKey("simulation_runs.id"), nullable=False),
            sa.Column("seq", sa.Integer, nullable=False),
            sa.Column("date", sa.Date, nullable=False),
            sa.Column("kind", sa.String(40), nullable=False),
            sa.Column("payload", sa.JSON, nullable=False),
            sa.UniqueConstraint("run_id", "seq", name="uq_simulation_records_run_seq"),
        )


def downgrade() -> None:
    for name in reversed(TABLES):
        op.drop_table(name)
