"""The skills each job asks for (derived from its text and the glossary), and what they came from.

Revision ID: 0010
Revises: 0009
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "job_skills",
        sa.Column("job_id", sa.String(length=64), nullable=False),
        sa.Column("slug", sa.String(length=120), nullable=False),
        sa.Column("required", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("job_id", "slug", name=op.f("pk_job_skills")),
    )
    with op.batch_alter_table("job_skills", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_job_skills_slug"), ["slug"], unique=False)
    op.create_table(
        "job_skill_state",
        sa.Column("job_id", sa.String(length=64), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("stamp", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("job_id", name=op.f("pk_job_skill_state")),
    )


def downgrade() -> None:
    op.drop_table("job_skill_state")
    op.drop_table("job_skills")
