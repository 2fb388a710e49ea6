"""The pipeline's own data: each favourite's next action and the day it is due (offline reminders)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop_app.storage.models import FavouriteRow

TEXT_LIMIT = 200


@dataclass(frozen=True, slots=True)
class NextAction:
    """What a favourite waits for next ("Follow up", "Interview at 10:00") and the day, if any."""

    text: str
    due: date | None

    def is_due(self, today: date) -> bool:
        """True when it has a day and that day is today or already past."""
        return self.due is not None and self.due <= today


class PipelineData:
    """Reads and writes the favourites' next actions (their ``next_action`` and ``next_action_due``)."""

    def __init__(self, sessions: Callable[[], Session]) -> None:
        """``sessions`` makes a new session (a Store's ``session`` or a sessionmaker)."""
        self._sessions = sessions

    @staticmethod
    def _favourite(s: Session, job_id: str) -> FavouriteRow:
        row = s.scalars(select(FavouriteRow).where(FavouriteRow.job_id == job_id)).first()
        if row is None:
            raise KeyError(job_id)
        return row

    def set_next_action(self, job_id: str, text: str, due: date | None) -> None:
        """Give a favourite its next action (replacing any); raise KeyError when it is no favourite.

        Raises ValueError for an empty text or one over TEXT_LIMIT characters.
        """
        text = " ".join(text.split())
        if not text or len(text) > TEXT_LIMIT:
            raise ValueError(f"a next action is a text of 1 to {TEXT_LIMIT} characters")
        with self._sessions() as s, s.begin():
            row = self._favourite(s, job_id)
            row.next_action, row.next_action_due = text, due

    def clear_next_action(self, job_id: str) -> bool:
        """Remove a favourite's next action; return False when it had none (or is no favourite)."""
        with self._sessions() as s, s.begin():
            row = s.scalars(select(FavouriteRow).where(FavouriteRow.job_id == job_id)).first()
            if row is None or not (row.next_action or row.next_action_due):
                return False
            row.next_action, row.next_action_due = "", None
            return True

    def next_actions(self) -> dict[str, NextAction]:
        """Return every favourite's next action, by job id (favourites without one are left out)."""
        with self._sessions() as s:
            rows = s.execute(
                select(FavouriteRow.job_id, FavouriteRow.next_action, FavouriteRow.next_action_due).where(
                    FavouriteRow.next_action != ""
                )
            )
            return {job_id: NextAction(text, due) for job_id, text, due in rows}

    def due_count(self, today: date) -> int:
        """Return how many next actions fall today or earlier (overdue ones included)."""
        with self._sessions() as s:
            count = s.scalar(
                select(func.count()).where(
                    FavouriteRow.next_action != "", FavouriteRow.next_action_due <= today
                )
            )
            return int(count or 0)

    # -- the data file -------------------------------------------------------------------------
    def export(self) -> list[dict[str, Any]]:
        """Return the next actions as JSON-ready objects: ``{"job_id", "text", "due"}``."""
        return [
            {"job_id": job_id, "text": action.text, "due": action.due.isoformat() if action.due else None}
            for job_id, action in sorted(self.next_actions().items())
        ]

    def merge(self, items: list[tuple[str, NextAction]]) -> int:
        """Add each next action to its favourite when that has none yet; return how many were added.

        ``items`` come from ``checked_next_actions``; those of jobs that are no favourite are left out.
        """
        added = 0
        with self._sessions() as s, s.begin():
            rows = {r.job_id: r for r in s.scalars(select(FavouriteRow))}
            for job_id, action in items:
                row = rows.get(job_id)
                if row is None or row.next_action:
                    continue
                row.next_action, row.next_action_due = action.text, action.due
                added += 1
        return added


def checked_next_actions(data: Any) -> list[tuple[str, NextAction]]:
    """Return the ``next_actions`` of an exported document; raise ValueError naming the first fault.

    A document from before next actions existed has none: that is an empty list.
    """
    items = data.get("next_actions", []) if isinstance(data, dict) else []
    if not isinstance(items, list):
        raise ValueError("'next_actions' must be a list of objects")
    out = []
    for n, item in enumerate(items, 1):
        where = f"next action {n}"
        if not isinstance(item, dict):
            raise ValueError(f"{where} is not an object")
        job_id, text, due = item.get("job_id"), item.get("text"), item.get("due")
        if not isinstance(job_id, str) or not job_id.strip():
            raise ValueError(f"{where}: 'job_id' must be text")
        if not isinstance(text, str) or not text.strip() or len(text) > TEXT_LIMIT:
            raise ValueError(f"{where}: 'text' must be text of 1 to {TEXT_LIMIT} characters")
        try:
            day = date.fromisoformat(due) if due is not None else None
        except (TypeError, ValueError) as exc:
            raise ValueError(f"{where}: 'due' must be a date (YYYY-MM-DD) or null") from exc
        out.append((job_id, NextAction(" ".join(text.split()), day)))
    return out
