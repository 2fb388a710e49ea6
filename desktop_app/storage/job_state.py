"""Which jobs have closed: every company board that listed them has dropped them."""

from __future__ import annotations

from collections.abc import Callable, Collection

from sqlalchemy.orm import Session

from desktop_app.storage.models import BoardPostingRow

CHUNK = 500  # ids per query, well under SQLite's limit of bound parameters


def closed_among(sessions: Callable[[], Session], job_ids: Collection[str]) -> set[str]:
    """Return those of ``job_ids`` that boards listed and no board lists any more.

    Asked for every list of results: the driver's own cursor (SQLAlchemy's statement and rows
    cost four times the query).
    """
    ids = list(job_ids)
    closed: set[str] = set()
    table = BoardPostingRow.__tablename__
    with sessions() as s:
        cursor = s.connection().connection.cursor()
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start : start + CHUNK]
            marks = ", ".join("?" * len(chunk))
            rows = cursor.execute(
                f"SELECT job_id FROM {table} WHERE job_id IN ({marks}) "
                "GROUP BY job_id HAVING count(closed_at) = count(*)",
                chunk,
            )
            closed.update(job_id for (job_id,) in rows)
    return closed
