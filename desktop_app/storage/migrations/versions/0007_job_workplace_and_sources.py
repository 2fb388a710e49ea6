"""Jobs keep their workplace (on-site, hybrid, remote), the listing's own URL beside the apply
link, the posting's source identifier, and pay text that could not be read as numbers.

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("jobs", schema=None) as batch_op:
        batch_op.add_column(sa.Column("workplace", sa.String(length=8), nullable=True))
        batch_op.add_column(sa.Column("url", sa.String(length=2000), nullable=True))
        batch_op.add_column(sa.Column("identifier", sa.String(length=400), nullable=True))
        batch_op.add_column(sa.Column("salary_text", sa.String(length=400), nullable=True))
    # Jobs stored as remote were fully remote: say so in the new column.
    op.execute("UPDATE jobs SET workplace = 'remote' WHERE remote")


def downgrade() -> None:
    with op.batch_alter_table("jobs", schema=None) as batch_op:
        batch_op.drop_column("salary_text")
        batch_op.drop_column("identifier")
        batch_op.drop_column("url")
        batch_op.drop_column("workplace")
