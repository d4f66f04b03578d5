"""Snapshots keep the finished matters apart from the live ones.

Revision ID: 0003
Revises: 0002

* ``procedure_snapshots.final`` — the matters in a final state (that no guard of the profile
  can refer to), as a list of the same matter objects as ``state``'s ``matters``; ``state``
  then holds only the live ones, so that an act reads and parses only those, and reads this
  column only when it names a finished matter (see :mod:`respublika.store.log`). ``NULL``:
  a snapshot of an earlier release, whose ``state`` holds every matter;
* an index of ``procedure_events`` by world and matter, so that an act on a matter that is
  not live finds at once whether the matter was ever made.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("procedure_snapshots") as batch:
        batch.add_column(sa.Column("final", sa.JSON, nullable=True))
    op.create_index("ix_procedure_events_world_matter", "procedure_events", ["world_id", "matter"])


def downgrade() -> None:
    op.drop_index("ix_procedure_events_world_matter", table_name="procedure_events")
    with op.batch_alter_table("procedure_snapshots") as batch:
        batch.drop_column("final")
