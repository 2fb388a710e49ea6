"""Favourite snapshots in their own versioned format, not the command line's job JSON.

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

from desktop_app.core.snapshot import upgrade as upgrade_snapshot

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    rows = bind.execute(sa.text("SELECT id, job_id, snapshot FROM favourites")).fetchall()
    for row_id, job_id, raw in rows:
        try:
            snapshot = json.loads(raw) if isinstance(raw, str) else raw
        except ValueError:
            continue  # unreadable: left as it was, shown from the listing while it exists
        if not isinstance(snapshot, dict):
            continue
        converted = upgrade_snapshot(snapshot, job_id)
        if converted is not snapshot:
            bind.execute(
                sa.text("UPDATE favourites SET snapshot = :snapshot WHERE id = :id"),
                {"snapshot": json.dumps(converted, ensure_ascii=False), "id": row_id},
            )


def downgrade() -> None:
    # Format 2 is read by every version that knows this revision; older ones read titles only.
    pass
