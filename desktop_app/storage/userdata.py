"""The reader's own data: saved filters, favourites with their timeline, history; export and merge."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from desktop_app.core.snapshot import from_snapshot
from desktop_app.core.snapshot import upgrade as upgrade_snapshot
from desktop_app.core.types import Job
from desktop_app.storage.models import (
    FavouriteEventRow,
    FavouriteRow,
    HideRuleRow,
    HistoryRow,
    JobRow,
    SavedFilterRow,
)

HIDE_KINDS = ("job", "company", "title")
STATUSES = ("saved", "applied", "interviewing", "offer", "rejected", "archived")
DATA_FORMAT = "glossary-jobs-data"
DATA_VERSION = 1


@dataclass(frozen=True, slots=True)
class FavouriteInfo:
    """A favourite as lists show it; ``listed`` is False once the job is gone from the board."""

    id: int
    job_id: str
    title: str
    status: str
    note: str
    listed: bool
    snapshot: dict[str, Any]
    timeline: tuple[tuple[str, datetime], ...]

    @property
    def job(self) -> Job:
        """The job as it was when last starred (see core.snapshot), for a listing gone from the board."""
        return from_snapshot(self.job_id, self.snapshot)


class UserData:
    """Reads and writes the reader's own data in the profile's database."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    # -- saved filters -------------------------------------------------------------------------
    def add_filter(self, name: str, query: str, criteria: dict[str, Any]) -> int:
        """Store a saved filter at the end of the list; return its id."""
        now = datetime.now()
        with self._sessions() as s, s.begin():
            last = s.scalar(select(func.max(SavedFilterRow.position)))
            row = SavedFilterRow(
                name=name,
                query=query,
                criteria=criteria,
                position=0 if last is None else last + 1,
                created_at=now,
                last_opened_at=now,
            )
            s.add(row)
            s.flush()
            return row.id

    def filter_rows(self) -> list[SavedFilterRow]:
        """Return every saved filter, in order (detached rows)."""
        with self._sessions() as s:
            return list(
                s.scalars(select(SavedFilterRow).order_by(SavedFilterRow.position, SavedFilterRow.id))
            )

    def mark_filter_opened(self, filter_id: int, when: datetime | None = None) -> None:
        """Record that the reader looked at a filter's jobs: its "new" count starts again."""
        with self._sessions() as s, s.begin():
            row = s.get(SavedFilterRow, filter_id)
            if row is None:
                raise KeyError(filter_id)
            row.last_opened_at = when or datetime.now()

    def count_new(self, job_ids: Iterable[str], since: datetime | None) -> int:
        """Return how many of ``job_ids`` were first seen after ``since`` (all of them when None)."""
        ids = list(job_ids)
        if since is None:
            return len(ids)
        with self._sessions() as s:
            # New jobs are few: read them, then count in memory (no query per thousand ids).
            fresh = set(s.scalars(select(JobRow.id).where(JobRow.first_seen > since)))
        return sum(1 for job_id in ids if job_id in fresh)

    def update_filter(self, filter_id: int, query: str, criteria: dict[str, Any]) -> None:
        """Replace a saved filter's query and criteria."""
        with self._sessions() as s, s.begin():
            row = s.get(SavedFilterRow, filter_id)
            if row is None:
                raise KeyError(filter_id)
            row.query, row.criteria = query, criteria

    def rename_filter(self, filter_id: int, name: str) -> None:
        """Give a saved filter a new name."""
        with self._sessions() as s, s.begin():
            row = s.get(SavedFilterRow, filter_id)
            if row is None:
                raise KeyError(filter_id)
            row.name = name

    def duplicate_filter(self, filter_id: int) -> int:
        """Copy a saved filter right after itself; return the copy's id."""
        with self._sessions() as s, s.begin():
            row = s.get(SavedFilterRow, filter_id)
            if row is None:
                raise KeyError(filter_id)
            for later in s.scalars(select(SavedFilterRow).where(SavedFilterRow.position > row.position)):
                later.position += 1
            copy = SavedFilterRow(
                name=f"{row.name} (copy)",
                query=row.query,
                criteria=dict(row.criteria),
                position=row.position + 1,
                created_at=datetime.now(),
                last_opened_at=datetime.now(),
            )
            s.add(copy)
            s.flush()
            return copy.id

    def move_filter(self, filter_id: int, step: int) -> None:
        """Move a saved filter up (-1) or down (+1) in the list."""
        with self._sessions() as s, s.begin():
            rows = list(
                s.scalars(select(SavedFilterRow).order_by(SavedFilterRow.position, SavedFilterRow.id))
            )
            ids = [r.id for r in rows]
            if filter_id not in ids:
                raise KeyError(filter_id)
            here = ids.index(filter_id)
            there = min(max(here + step, 0), len(rows) - 1)
            rows.insert(there, rows.pop(here))
            for position, row in enumerate(rows):
                row.position = position

    def delete_filter(self, filter_id: int) -> dict[str, Any]:
        """Delete a saved filter; return what ``restore_filter`` needs to undo it."""
        with self._sessions() as s, s.begin():
            row = s.get(SavedFilterRow, filter_id)
            if row is None:
                raise KeyError(filter_id)
            kept = {
                "id": row.id,
                "name": row.name,
                "query": row.query,
                "criteria": dict(row.criteria),
                "position": row.position,
                "created_at": row.created_at,
                "last_opened_at": row.last_opened_at,
            }
            s.delete(row)
            return kept

    def restore_filter(self, kept: dict[str, Any]) -> None:
        """Put back a deleted saved filter, with its id, place and dates."""
        with self._sessions() as s, s.begin():
            s.add(SavedFilterRow(**kept))

    def clear_history(self) -> int:
        """Forget every viewing; return how many were removed."""
        with self._sessions() as s, s.begin():
            rows = list(s.scalars(select(HistoryRow)))
            for row in rows:
                s.delete(row)
            return len(rows)

    def seen(self) -> tuple[set[str], set[str]]:
        """Return the ids of jobs the reader has opened, and of those marked applied or later."""
        with self._sessions() as s:
            opened = set(s.scalars(select(HistoryRow.item_id).where(HistoryRow.kind == "job")))
            applied = set(
                s.scalars(
                    select(FavouriteRow.job_id).where(
                        FavouriteRow.status.in_(("applied", "interviewing", "offer"))
                    )
                )
            )
        return opened, applied

    # -- hide rules ----------------------------------------------------------------------------
    def add_hide_rule(self, kind: str, value: str) -> int:
        """Add a rule hiding one job ("job"), a company ("company") or titles with words ("title")."""
        if kind not in HIDE_KINDS or not value.strip():
            raise ValueError(f"a hide rule is one of {', '.join(HIDE_KINDS)} with a value")
        with self._sessions() as s, s.begin():
            existing = s.scalars(
                select(HideRuleRow).where(HideRuleRow.kind == kind, HideRuleRow.value == value.strip())
            ).first()
            if existing is not None:
                return existing.id
            row = HideRuleRow(kind=kind, value=value.strip(), created_at=datetime.now())
            s.add(row)
            s.flush()
            return row.id

    def hide_rules(self) -> list[tuple[int, str, str]]:
        """Return (id, kind, value) of every hide rule, oldest first."""
        with self._sessions() as s:
            return [(r.id, r.kind, r.value) for r in s.scalars(select(HideRuleRow).order_by(HideRuleRow.id))]

    def remove_hide_rule(self, rule_id: int) -> bool:
        """Remove a hide rule; return False when there was none."""
        with self._sessions() as s, s.begin():
            row = s.get(HideRuleRow, rule_id)
            if row is None:
                return False
            s.delete(row)
            return True

    # -- favourites ----------------------------------------------------------------------------
    def star(
        self, job_id: str, snapshot: dict[str, Any], status: str = "saved", note: str | None = None
    ) -> int:
        """Star a job (or update its status and note); return the favourite's id."""
        if status not in STATUSES:
            raise ValueError(f"status must be one of {', '.join(STATUSES)}")
        now = datetime.now()
        with self._sessions() as s, s.begin():
            row = s.scalars(select(FavouriteRow).where(FavouriteRow.job_id == job_id)).first()
            if row is None:
                row = FavouriteRow(
                    job_id=job_id,
                    snapshot=snapshot,
                    status=status,
                    note=note or "",
                    created_at=now,
                    updated_at=now,
                )
                s.add(row)
                s.flush()
                s.add(FavouriteEventRow(favourite_id=row.id, status=status, at=now))
                return row.id
            if status != row.status:
                row.status = status
                s.add(FavouriteEventRow(favourite_id=row.id, status=status, at=now))
            if note is not None:
                row.note = note
            row.snapshot = snapshot or row.snapshot
            row.updated_at = now
            return row.id

    def unstar(self, job_id: str) -> bool:
        """Remove a favourite and its timeline; return False when there was none."""
        with self._sessions() as s, s.begin():
            row = s.scalars(select(FavouriteRow).where(FavouriteRow.job_id == job_id)).first()
            if row is None:
                return False
            s.delete(row)
            return True

    def favourites(self) -> list[FavouriteInfo]:
        """Return every favourite, most recently changed first."""
        with self._sessions() as s:
            rows = list(s.scalars(select(FavouriteRow).order_by(FavouriteRow.updated_at.desc())))
            listed = set(s.scalars(select(JobRow.id).where(JobRow.id.in_([r.job_id for r in rows]))))
            events: dict[int, list[tuple[str, datetime]]] = {}
            for event in s.scalars(
                select(FavouriteEventRow).order_by(FavouriteEventRow.at, FavouriteEventRow.id)
            ):
                events.setdefault(event.favourite_id, []).append((event.status, event.at))
            return [
                FavouriteInfo(
                    r.id,
                    r.job_id,
                    from_snapshot(r.job_id, r.snapshot).title,
                    r.status,
                    r.note,
                    r.job_id in listed,
                    dict(r.snapshot),
                    tuple(events.get(r.id, [])),
                )
                for r in rows
            ]

    # -- export and merge ----------------------------------------------------------------------
    def export(self) -> dict[str, Any]:
        """Return all of the reader's data as one JSON-ready document."""
        with self._sessions() as s:
            filters = [
                {
                    "name": f.name,
                    "query": f.query,
                    "criteria": f.criteria,
                    "position": f.position,
                    "created_at": f.created_at.isoformat(),
                    "last_opened_at": f.last_opened_at.isoformat() if f.last_opened_at else None,
                }
                for f in s.scalars(
                    select(SavedFilterRow).order_by(SavedFilterRow.position, SavedFilterRow.id)
                )
            ]
            history = [
                {"kind": h.kind, "id": h.item_id, "title": h.title, "viewed_at": h.viewed_at.isoformat()}
                for h in s.scalars(select(HistoryRow).order_by(HistoryRow.viewed_at))
            ]
        favourites = [
            {
                "job_id": f.job_id,
                "status": f.status,
                "note": f.note,
                "snapshot": f.snapshot,
                "timeline": [{"status": st, "at": at.isoformat()} for st, at in f.timeline],
            }
            for f in self.favourites()
        ]
        rules = [{"kind": kind, "value": value} for _id, kind, value in self.hide_rules()]
        return {
            "hide_rules": rules,
            "format": DATA_FORMAT,
            "version": DATA_VERSION,
            "filters": filters,
            "favourites": favourites,
            "history": history,
        }

    def merge(self, data: Any) -> dict[str, int]:
        """Merge an exported document, adding only what is not there yet; return counts added.

        The whole document is checked first (ValueError says what is wrong) and written in one
        transaction, so a bad file changes nothing.
        """
        filters, favourites, history = _checked(data)
        rules = data.get("hide_rules", [])
        if not isinstance(rules, list) or not all(
            isinstance(r, dict)
            and r.get("kind") in HIDE_KINDS
            and isinstance(r.get("value"), str)
            and r["value"].strip()
            for r in rules
        ):
            raise ValueError("'hide_rules' must be a list of {kind: job|company|title, value: text}")
        added = {"filters": 0, "favourites": 0, "history": 0, "hide_rules": 0}
        with self._sessions() as s, s.begin():
            known_rules = {(r.kind, r.value) for r in s.scalars(select(HideRuleRow))}
            for rule in rules:
                rule_key = (rule["kind"], rule["value"].strip())
                if rule_key not in known_rules:
                    s.add(HideRuleRow(kind=rule_key[0], value=rule_key[1], created_at=datetime.now()))
                    known_rules.add(rule_key)
                    added["hide_rules"] += 1
            known_filters = {(r.name, r.query) for r in s.scalars(select(SavedFilterRow))}
            position = s.scalar(select(func.coalesce(func.max(SavedFilterRow.position), -1))) or 0
            for item in filters:
                if (item["name"], item["query"]) in known_filters:
                    continue
                position += 1
                s.add(
                    SavedFilterRow(
                        name=item["name"],
                        query=item["query"],
                        criteria=item["criteria"],
                        position=position,
                        created_at=item["created_at"],
                        last_opened_at=item["last_opened_at"],
                    )
                )
                known_filters.add((item["name"], item["query"]))
                added["filters"] += 1
            known_favourites = set(s.scalars(select(FavouriteRow.job_id)))
            for item in favourites:
                if item["job_id"] in known_favourites:
                    continue
                stamps = [at for _st, at in item["timeline"]] or [datetime.now()]
                row = FavouriteRow(
                    job_id=item["job_id"],
                    snapshot=upgrade_snapshot(item["snapshot"], item["job_id"]),
                    status=item["status"],
                    note=item["note"],
                    created_at=min(stamps),
                    updated_at=max(stamps),
                )
                s.add(row)
                s.flush()
                s.add_all(
                    FavouriteEventRow(favourite_id=row.id, status=st, at=at) for st, at in item["timeline"]
                )
                known_favourites.add(item["job_id"])
                added["favourites"] += 1
            known_history = {(h.kind, h.item_id, h.viewed_at) for h in s.scalars(select(HistoryRow))}
            for item in history:
                key = (item["kind"], item["id"], item["viewed_at"])
                if key in known_history:
                    continue
                s.add(
                    HistoryRow(
                        kind=item["kind"],
                        item_id=item["id"],
                        title=item["title"],
                        viewed_at=item["viewed_at"],
                    )
                )
                known_history.add(key)
                added["history"] += 1
        return added


def _when(value: Any, where: str) -> datetime:
    try:
        return datetime.fromisoformat(str(value))
    except ValueError as exc:
        raise ValueError(f"{where}: '{value}' is not a date and time") from exc


def _text(item: dict[str, Any], key: str, where: str, allow_empty: bool = True) -> str:
    value = item.get(key, "")
    if not isinstance(value, str) or (not allow_empty and not value.strip()):
        raise ValueError(f"{where}: '{key}' must be text")
    return value


def _checked(data: Any) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
    """Return the document's parts in stored form; raise ValueError naming the first fault."""
    if not isinstance(data, dict) or data.get("format") != DATA_FORMAT:
        raise ValueError("this is not a Glossary & Jobs data file")
    if data.get("version") != DATA_VERSION:
        raise ValueError(
            f"data file version {data.get('version')} is not supported (expected {DATA_VERSION})"
        )
    parts = {key: data.get(key, []) for key in ("filters", "favourites", "history")}
    for key, value in parts.items():
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            raise ValueError(f"'{key}' must be a list of objects")
    filters = []
    for n, item in enumerate(parts["filters"], 1):
        where = f"filter {n}"
        criteria = item.get("criteria", {})
        if not isinstance(criteria, dict):
            raise ValueError(f"{where}: 'criteria' must be an object")
        opened = item.get("last_opened_at")
        filters.append(
            {
                "name": _text(item, "name", where, False),
                "query": _text(item, "query", where),
                "criteria": criteria,
                "created_at": _when(item.get("created_at"), where),
                "last_opened_at": _when(opened, where) if opened else None,
            }
        )
    favourites = []
    for n, item in enumerate(parts["favourites"], 1):
        where = f"favourite {n}"
        status = _text(item, "status", where)
        if status not in STATUSES:
            raise ValueError(f"{where}: status '{status}' is not one of {', '.join(STATUSES)}")
        snapshot = item.get("snapshot", {})
        timeline = item.get("timeline", [])
        if not isinstance(snapshot, dict) or not isinstance(timeline, list):
            raise ValueError(f"{where}: 'snapshot' must be an object and 'timeline' a list")
        events = []
        for event in timeline:
            if not isinstance(event, dict) or event.get("status") not in STATUSES:
                raise ValueError(f"{where}: a timeline entry has no known status")
            events.append((event["status"], _when(event.get("at"), where)))
        favourites.append(
            {
                "job_id": _text(item, "job_id", where, False),
                "status": status,
                "note": _text(item, "note", where),
                "snapshot": snapshot,
                "timeline": events,
            }
        )
    history = []
    for n, item in enumerate(parts["history"], 1):
        where = f"history item {n}"
        kind = _text(item, "kind", where)
        if kind not in ("term", "job"):
            raise ValueError(f"{where}: kind must be term or job")
        history.append(
            {
                "kind": kind,
                "id": _text(item, "id", where, False),
                "title": _text(item, "title", where),
                "viewed_at": _when(item.get("viewed_at"), where),
            }
        )
    return filters, favourites, history
