"""Which jobs have closed: every company board that listed them has dropped them."""

from __future__ import annotations

from collections.abc import Callable, Collection

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop_app.storage.models import BoardPostingRow

CHUNK = 500  # ids per query, well under SQLite's limit of bound parameters


def closed_among(sessions: Callable[[], Session], job_ids: Collection[str]) -> set[str]:
    """Return those of ``job_ids`` that boards listed and no board lists any more."""
    ids = list(job_ids)
    closed: set[str] = set()
    with sessions() as s:
        for start in range(0, len(ids), CHUNK):
            rows = s.execute(
                select(BoardPostingRow.job_id)
                .where(BoardPostingRow.job_id.in_(ids[start : start + CHUNK]))
                .group_by(BoardPostingRow.job_id)
                .having(func.count(BoardPostingRow.closed_at) == func.count())
            )
            closed.update(job_id for (job_id,) in rows)
    return closed
