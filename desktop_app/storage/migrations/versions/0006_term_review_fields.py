"""Glossary entries keep when they were reviewed, their sources, a line for recruiters, their
ambiguous names, and the old slugs of entries merged into them.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("terms", schema=None) as batch_op:
        batch_op.add_column(sa.Column("reviewed", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("sources", sa.JSON(), nullable=False, server_default="[]"))
        batch_op.add_column(sa.Column("recruiters", sa.Text(), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("ambiguous", sa.JSON(), nullable=False, server_default="[]"))
    op.create_table(
        "term_redirects",
        sa.Column("old_slug", sa.String(length=120), nullable=False),
        sa.Column("target_slug", sa.String(length=120), nullable=False),
        sa.ForeignKeyConstraint(
            ["target_slug"],
            ["terms.slug"],
            name=op.f("fk_term_redirects_target_slug_terms"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("old_slug", name=op.f("pk_term_redirects")),
    )
    with op.batch_alter_table("term_redirects", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_term_redirects_target_slug"), ["target_slug"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("term_redirects", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_term_redirects_target_slug"))
    op.drop_table("term_redirects")
    with op.batch_alter_table("terms", schema=None) as batch_op:
        batch_op.drop_column("ambiguous")
        batch_op.drop_column("recruiters")
        batch_op.drop_column("sources")
        batch_op.drop_column("reviewed")
