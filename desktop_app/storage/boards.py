"""The followed company boards, and each board snapshot stored whole in one transaction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop_app.core.types import Job, JobId
from desktop_app.storage.models import BoardPostingRow, BoardRow, JobRow
from desktop_app.storage.repository import Store, StoreCounts


@dataclass(frozen=True, slots=True)
class BoardInfo:
    """A followed board as lists show it: its open jobs, when it was last fetched, and how."""

    key: str
    url: str
    jobs: int
    last_fetched: datetime | None
    last_error: str | None
    last_counts: dict[str, int]


@dataclass(frozen=True)
class SnapshotCounts:
    """What storing one board snapshot did, and what the index must follow."""

    new: int
    updated: int
    unchanged: int
    closed: int
    stored: StoreCounts
    deleted: tuple[JobId, ...]  # closed jobs that no other source holds: gone from the board


class BoardStore:
    """Followed boards in one profile's database (the store's sessions, its generation)."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def add(self, key: str, url: str) -> bool:
        """Follow a board; return False when it was followed already."""
        with self._store.session() as s, s.begin():
            if s.get(BoardRow, key) is not None:
                return False
            last = s.scalar(select(func.max(BoardRow.position))) or 0
            s.add(BoardRow(key=key, url=url, position=last + 1, added_at=datetime.now(), last_counts={}))
        return True

    def remove(self, key: str) -> dict[str, Any] | None:
        """Stop following a board (its jobs stay); return what ``restore`` takes, or None if unknown."""
        with self._store.session() as s, s.begin():
            row = s.get(BoardRow, key)
            if row is None:
                return None
            kept = {c.name: getattr(row, c.name) for c in BoardRow.__table__.columns}
            s.delete(row)
        return kept

    def restore(self, kept: dict[str, Any]) -> None:
        """Follow again a board ``remove`` removed, as it was (the undo of a removal)."""
        with self._store.session() as s, s.begin():
            if s.get(BoardRow, kept["key"]) is None:
                s.add(BoardRow(**kept))

    def boards(self) -> list[BoardInfo]:
        """Return the followed boards in the order they were added, with their open jobs counted."""
        with self._store.session() as s:
            open_jobs = dict(
                s.execute(
                    select(BoardPostingRow.board, func.count())
                    .where(BoardPostingRow.closed_at.is_(None))
                    .group_by(BoardPostingRow.board)
                ).all()
            )
            rows = s.scalars(select(BoardRow).order_by(BoardRow.position, BoardRow.key))
            return [
                BoardInfo(
                    r.key, r.url, int(open_jobs.get(r.key, 0)), r.last_fetched, r.last_error,
                    {k: int(v) for k, v in (r.last_counts or {}).items()},
                )
                for r in rows
            ]  # fmt: skip

    def record_failure(self, key: str, error: str) -> None:
        """Remember that fetching ``key`` failed (its jobs stay as they were)."""
        with self._store.session() as s, s.begin():
            row = s.get(BoardRow, key)
            if row is not None:
                row.last_error = error

    def closed_on(self, job_id: str) -> datetime | None:
        """Return when a job left the last board that listed it, or None while one still lists it."""
        with self._store.session() as s:
            rows = list(s.scalars(select(BoardPostingRow).where(BoardPostingRow.job_id == job_id)))
        if not rows or any(r.closed_at is None for r in rows):
            return None
        return max(r.closed_at for r in rows if r.closed_at is not None)

    def apply_snapshot(self, key: str, jobs: list[Job]) -> SnapshotCounts:
        """Store a board's whole answer in ONE transaction: a kill leaves all of it or none.

        Jobs are added or updated (``source`` is the board's key); jobs the board listed before
        and lists no longer are closed: kept in the board's history, and gone from the board
        unless another file or board still holds them (favourites keep their snapshots).
        """
        now = datetime.now()
        with self._store.session() as s, s.begin():
            stored = self._store.upsert_in(s, jobs)
            present: set[str] = {str(i) for i in stored.stored_ids.values()}
            postings = {
                r.job_id: r for r in s.scalars(select(BoardPostingRow).where(BoardPostingRow.board == key))
            }
            was_open = {job_id for job_id, r in postings.items() if r.closed_at is None}
            titles = {str(stored.stored_ids.get(j.id, j.id)): j.title for j in jobs}
            for job_id in present:
                row = postings.get(job_id)
                if row is None:
                    s.add(BoardPostingRow(board=key, job_id=job_id, title=titles[job_id][:400],
                                          first_seen=now, last_seen=now))  # fmt: skip
                else:
                    row.title, row.last_seen, row.closed_at = titles[job_id][:400], now, None
            closed = was_open - present
            for gone in closed:
                postings[gone].closed_at = now
            deleted = self._withdraw(s, key, closed)
            board = s.get(BoardRow, key)
            new = len(present - was_open)
            changed = set(stored.changed_ids)
            updated = len((present & was_open) & changed)
            unchanged = len(present) - new - updated
            counts = {"new": new, "updated": updated, "unchanged": unchanged, "closed": len(closed)}
            if board is not None:
                board.last_fetched, board.last_error, board.last_counts = now, None, counts
        return SnapshotCounts(new, updated, unchanged, len(closed), stored, tuple(deleted))

    def _withdraw(self, s: Session, key: str, closed: set[str]) -> list[JobId]:
        """Take the board off the closed jobs' sources; delete those no other source holds.

        Only the jobs this board listed are read (not every job, as a file's withdrawal must).
        """
        deleted: list[JobId] = []
        ids = sorted(closed)
        rows: list[JobRow] = []
        for start in range(0, len(ids), 500):
            rows.extend(s.scalars(select(JobRow).where(JobRow.id.in_(ids[start : start + 500]))))
        for row in rows:
            remaining = [seen for seen in row.sources or () if seen.get("source") != key]
            if remaining:
                row.sources = remaining
            else:
                s.delete(row)
                deleted.append(JobId(row.id))
        if deleted:
            self._store.bump(s)
        return deleted
