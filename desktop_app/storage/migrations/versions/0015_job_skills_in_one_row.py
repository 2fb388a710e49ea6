"""Each job's skills in one row: a column of ``job_skill_state`` instead of a row per skill.

A job asks for a score of skills: the ``job_skills`` table and its two indexes held 18 rows a
job, a fifth of the database (183 MB at 100,000 jobs), and storing them was most of what
deriving skills cost an import. The skills move into ``job_skill_state.skills``, in the order
the posting names them ("kubernetes! terraform": "!" marks a required one), read a job at a
time in the order they were stored.

Revision ID: 0015
Revises: 0014
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

CHUNK = 5_000  # jobs written at once


def upgrade() -> None:
    op.add_column("job_skill_state", sa.Column("skills", sa.Text(), nullable=False, server_default=""))
    bind = op.get_bind()
    rows = bind.exec_driver_sql("SELECT job_id, slug, required FROM job_skills ORDER BY job_id, rowid")
    update = "UPDATE job_skill_state SET skills = ? WHERE job_id = ?"
    pending: list[tuple[str, str]] = []
    job_id: str | None = None
    words: list[str] = []
    for found, slug, required in rows:
        if found != job_id:
            if job_id is not None:
                pending.append((" ".join(words), job_id))
            job_id, words = found, []
            if len(pending) >= CHUNK:
                bind.exec_driver_sql(update, pending)
                pending = []
        words.append(f"{slug}!" if required else slug)
    if job_id is not None:
        pending.append((" ".join(words), job_id))
    if pending:
        bind.exec_driver_sql(update, pending)
    op.drop_index("ix_job_skills_slug", table_name="job_skills")
    op.drop_table("job_skills")


def downgrade() -> None:
    op.create_table(
        "job_skills",
        sa.Column("job_id", sa.String(length=64), nullable=False),
        sa.Column("slug", sa.String(length=120), nullable=False),
        sa.Column("required", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("job_id", "slug", name=op.f("pk_job_skills")),
    )
    op.create_index("ix_job_skills_slug", "job_skills", ["slug"], unique=False)
    bind = op.get_bind()
    rows = [
        (job_id, word.rstrip("!"), word.endswith("!"))
        for job_id, skills in bind.exec_driver_sql("SELECT job_id, skills FROM job_skill_state")
        for word in skills.split()
    ]
    if rows:
        bind.exec_driver_sql("INSERT OR IGNORE INTO job_skills (job_id, slug, required) VALUES (?, ?, ?)", rows)
    with op.batch_alter_table("job_skill_state", schema=None) as batch_op:
        batch_op.drop_column("skills")
