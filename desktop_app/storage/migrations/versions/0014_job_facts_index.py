"""Covering indexes over what is read of every job: its version, first-seen time and yearly pay.

The index's state check and catch-up, the look for jobs whose skills are out of date, and the
Skills view's weeks and pay medians read these of every job; without them each scans the jobs
table, whose rows hold the descriptions (half a second or more each at 100,000 jobs).

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
    op.create_index("ix_jobs_version", "jobs", ["id", "content_hash"])
    op.create_index("ix_jobs_facts", "jobs", ["first_seen", "annual_min", "annual_max", "id"])


def downgrade() -> None:
    op.drop_index("ix_jobs_facts", table_name="jobs")
    op.drop_index("ix_jobs_version", table_name="jobs")
