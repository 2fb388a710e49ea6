"""A covering index over each job's first-seen time and yearly pay, for demand figures.

Reading them for every job (the Skills view's weeks and pay medians) otherwise scans the jobs
table, whose rows hold the descriptions: at 100,000 jobs that is most of a second.

Revision ID: 0014
Revises: 0013
"""

from __future__ import annotations

from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_jobs_facts", "jobs", ["first_seen", "annual_min", "annual_max", "id"])


def downgrade() -> None:
    op.drop_index("ix_jobs_facts", table_name="jobs")
