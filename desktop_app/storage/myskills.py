"""The reader's skills profile ("My Skills") in the database: glossary terms, in the order added."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import delete, select

from desktop_app.core.types import JobId
from desktop_app.storage.models import JobRow, SkillProfileRow
from desktop_app.storage.repository import Store
from desktop_app.storage.skills import SkillStore


class SkillProfileStore:
    """My Skills: term slugs only (a résumé's text is never stored), plus the reads fit needs."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def slugs(self) -> list[str]:
        """Return the profile's term slugs, in the order they were added."""
        with self._store.session() as s:
            query = select(SkillProfileRow.slug).order_by(SkillProfileRow.position, SkillProfileRow.slug)
            return list(s.scalars(query))

    def replace(self, slugs: Sequence[str]) -> None:
        """Make the profile exactly ``slugs`` (duplicates once), keeping when each was first added."""
        wanted = list(dict.fromkeys(slugs))
        now = datetime.now()
        with self._store.session() as s, s.begin():
            added = {row.slug: row.added_at for row in s.scalars(select(SkillProfileRow))}
            s.execute(delete(SkillProfileRow))
            s.add_all(
                SkillProfileRow(slug=slug, position=n, added_at=added.get(slug, now))
                for n, slug in enumerate(wanted)
            )

    def export(self) -> list[dict[str, Any]]:
        """Return the profile as the data file holds it: ``[{"id", "added_at"}]``."""
        with self._store.session() as s:
            rows = s.scalars(select(SkillProfileRow).order_by(SkillProfileRow.position))
            return [{"id": r.slug, "added_at": r.added_at.isoformat()} for r in rows]

    def merge(self, items: Sequence[tuple[str, datetime]]) -> int:
        """Add the (slug, added_at) not in the profile yet, at its end; return how many."""
        with self._store.session() as s, s.begin():
            rows = list(s.scalars(select(SkillProfileRow)))
            known = {r.slug for r in rows}
            position = max((r.position for r in rows), default=-1)
            added = 0
            for slug, when in items:
                if slug in known:
                    continue
                position += 1
                s.add(SkillProfileRow(slug=slug, position=position, added_at=when))
                known.add(slug)
                added += 1
        return added

    def skills_of(self, job_ids: Iterable[str] | None = None) -> dict[JobId, list[tuple[str, bool]]]:
        """Return the stored skills of the named jobs (of every job when None) as (slug, required)."""
        skills = SkillStore(self._store)
        return skills.all_skills() if job_ids is None else skills.skills_of(job_ids)

    def posted(self) -> dict[JobId, int]:
        """Return every job's posting day as an ordinal (0 when undated): fit's tie-break."""
        with self._store.session() as s:
            rows = s.execute(select(JobRow.id, JobRow.date_posted))
            return {JobId(i): d.toordinal() if isinstance(d, date) else 0 for i, d in rows}


def checked_profile(data: Any) -> list[tuple[str, datetime]]:
    """Return the ``skills`` part of a data file as (slug, added_at); ValueError names a fault.

    A file without one (an older export) has an empty profile.
    """
    items = data.get("skills", []) if isinstance(data, dict) else []
    if not isinstance(items, list):
        raise ValueError("'skills' must be a list of {id, added_at}")
    out = []
    for n, item in enumerate(items, 1):
        slug = item.get("id") if isinstance(item, dict) else None
        if not isinstance(slug, str) or not slug.strip():
            raise ValueError(f"skill {n}: 'id' must be a glossary term's id")
        when = item.get("added_at")
        try:
            added = datetime.fromisoformat(when) if isinstance(when, str) else datetime.now()
        except ValueError as exc:
            raise ValueError(f"skill {n}: '{when}' is not a date and time") from exc
        out.append((slug.strip(), added))
    return out
