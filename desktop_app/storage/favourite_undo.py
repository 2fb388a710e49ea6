"""Unstarring a job so that it can be undone: the favourite, its note, snapshot and timeline kept aside."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from desktop_app.storage.models import FavouriteEventRow, FavouriteRow

Sessions = Callable[[], Session]


def _columns(row: object, table: Any) -> dict[str, Any]:
    # Every column, so that one added later (a next-action date…) comes back too.
    return {column.key: getattr(row, column.key) for column in table.columns}


def take_favourite(sessions: Sessions, job_id: str) -> dict[str, Any] | None:
    """Remove a job's favourite and its timeline; return what ``put_back_favourite`` needs, or None."""
    with sessions() as s, s.begin():
        row = s.scalars(select(FavouriteRow).where(FavouriteRow.job_id == job_id)).first()
        if row is None:
            return None
        events = s.scalars(
            select(FavouriteEventRow)
            .where(FavouriteEventRow.favourite_id == row.id)
            .order_by(FavouriteEventRow.id)
        )
        kept = {
            "favourite": _columns(row, FavouriteRow.__table__),
            "events": [_columns(e, FavouriteEventRow.__table__) for e in events],
        }
        s.execute(delete(FavouriteEventRow).where(FavouriteEventRow.favourite_id == row.id))
        s.delete(row)
        return kept


def put_back_favourite(sessions: Sessions, kept: dict[str, Any]) -> None:
    """Bring back a favourite removed by ``take_favourite``, as it was (a newer star of the job gives way)."""
    favourite = dict(kept["favourite"])
    with sessions() as s, s.begin():
        newer = s.scalars(select(FavouriteRow).where(FavouriteRow.job_id == favourite["job_id"])).first()
        if newer is not None:
            s.execute(delete(FavouriteEventRow).where(FavouriteEventRow.favourite_id == newer.id))
            s.delete(newer)
            s.flush()
        if s.get(FavouriteRow, favourite["id"]) is not None:
            del favourite["id"]  # another job's favourite has the id since: take a new one
        row = FavouriteRow(**favourite)
        s.add(row)
        s.flush()
        for event in kept["events"]:  # in their order, under new ids (the old ones may be taken)
            s.add(FavouriteEventRow(**{**event, "id": None, "favourite_id": row.id}))
