"""Favourites keep the date of each status change (their timeline).

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "favourite_events",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("favourite_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["favourite_id"],
            ["favourites.id"],
            name=op.f("fk_favourite_events_favourite_id_favourites"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_favourite_events")),
    )
    with op.batch_alter_table("favourite_events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_favourite_events_favourite_id"), ["favourite_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("favourite_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_favourite_events_favourite_id"))
    op.drop_table("favourite_events")
