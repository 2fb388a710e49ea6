"""Followed company boards, and which jobs each board listed (kept after they close).

Revision ID: 0009
Revises: 0008
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "boards",
        sa.Column("key", sa.String(length=160), nullable=False),
        sa.Column("url", sa.String(length=400), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("added_at", sa.DateTime(), nullable=False),
        sa.Column("last_fetched", sa.DateTime(), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("last_counts", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_boards")),
    )
    op.create_table(
        "board_postings",
        sa.Column("board", sa.String(length=160), nullable=False),
        sa.Column("job_id", sa.String(length=64), nullable=False),
        sa.Column("title", sa.String(length=400), nullable=False),
        sa.Column("first_seen", sa.DateTime(), nullable=False),
        sa.Column("last_seen", sa.DateTime(), nullable=False),
        sa.Column("closed_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("board", "job_id", name=op.f("pk_board_postings")),
    )
    with op.batch_alter_table("board_postings", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_board_postings_job_id"), ["job_id"], unique=False)


def downgrade() -> None:
    op.drop_table("board_postings")
    op.drop_table("boards")
