"""Snapshots of worlds' state, and the lease of a saved simulation run.

Revision ID: 0002
Revises: 0001

* ``procedure_snapshots`` — a world's state after row ``seq`` of its log (every matter, the
  Republic, the timers and the clock, without the events; see :mod:`respublika.store.log`),
  so that an act replays only the rows after the last snapshot;
* ``simulation_runs.lease`` — the token of the process that writes a run now: a resume
  takes the run over by replacing the token it read, so that of two resumes one wins.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "procedure_snapshots",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("world_id", sa.Integer, sa.ForeignKey("procedure_worlds.id"), nullable=False),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("events", sa.Integer, nullable=False),
        sa.Column("state", sa.JSON, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("world_id", "seq", name="uq_procedure_snapshots_world_seq"),
    )
    with op.batch_alter_table("simulation_runs") as batch:
        batch.add_column(sa.Column("lease", sa.String(40), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("simulation_runs") as batch:
        batch.drop_column("lease")
    op.drop_table("procedure_snapshots")
