"""A favourite's next action ("Follow up", "Interview") and the day it is due.

Revision ID: 0011
Revises: 0010
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("favourites", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("next_action", sa.String(length=200), nullable=False, server_default="")
        )
        batch_op.add_column(sa.Column("next_action_due", sa.Date(), nullable=True))
        batch_op.create_index(batch_op.f("ix_favourites_next_action_due"), ["next_action_due"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("favourites", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_favourites_next_action_due"))
        batch_op.drop_column("next_action_due")
        batch_op.drop_column("next_action")
