"""Jobs remember their fingerprint (to recognise reposts and duplicates) and their sources.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("jobs", schema=None) as batch_op:
        batch_op.add_column(sa.Column("fingerprint", sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column("sources", sa.JSON(), server_default="[]", nullable=False))
        batch_op.create_index(batch_op.f("ix_jobs_fingerprint"), ["fingerprint"], unique=False)

    from desktop_app.core.identity import fingerprint
    from desktop_app.core.types import Job, JobId, Location

    connection = op.get_bind()
    rows = connection.execute(
        sa.text("SELECT id, title, company, locations, remote, description_text, source, first_seen FROM jobs")
    ).fetchall()
    for row in rows:
        places = json.loads(row.locations) if isinstance(row.locations, str) else (row.locations or [])
        job = Job(
            id=JobId(row.id),
            title=row.title,
            company=row.company,
            locations=tuple(Location(p.get("city"), p.get("region"), p.get("country")) for p in places),
            remote=bool(row.remote),
            description_text=row.description_text or "",
        )
        seen = [{"source": row.source, "seen_at": str(row.first_seen)}] if row.source else []
        connection.execute(
            sa.text("UPDATE jobs SET fingerprint = :fp, sources = :sources WHERE id = :id"),
            {"fp": fingerprint(job), "sources": json.dumps(seen), "id": row.id},
        )


def downgrade() -> None:
    with op.batch_alter_table("jobs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_jobs_fingerprint"))
        batch_op.drop_column("sources")
        batch_op.drop_column("fingerprint")
