"""The store: every read and write of the database, in short transactions, returning core types."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any, cast

from sqlalchemy import Engine, Table, delete, func, select
from sqlalchemy.orm import Session, sessionmaker

from desktop_app.core.identity import fingerprint, same_posting
from desktop_app.core.types import Job, JobId, MergedPosting, Term, TermId
from desktop_app.storage import db
from desktop_app.storage.convert import (
    JOB_COLUMNS,
    row_to_job,
    row_to_term,
    stored_to_job,
    term_to_rows,
)
from desktop_app.storage.models import (
    HistoryRow,
    JobRow,
    JobSkillStateRow,
    MetaRow,
    TermLinkRow,
    TermRedirectRow,
    TermRow,
)
from desktop_app.storage.skillwords import job_skill_rows
from desktop_app.storage.upserting import StoreCounts as StoreCounts  # where callers find it
from desktop_app.storage.upserting import seen_job, seen_row, write_jobs
from desktop_app.storage.userdata import UserData

GENERATION_KEY = "generation"
TERMS_KEY = "terms_version"  # a new value each time the terms are replaced
GLOSSARY_HASH_KEY = "glossary_hash"  # the glossary files the terms were last loaded from
IN_CHUNK = 900  # stay under SQLite's limit on bound parameters


def _version(content_hash: str, skills: str | None) -> str:
    """Return a job's version: its content hash, then a digest of its skills when it has any."""
    if not skills:
        return content_hash
    digest = hashlib.sha1(" ".join(sorted(skills.split(" "))).encode("utf-8")).hexdigest()[:12]
    return f"{content_hash}+{digest}"


_JOBS = cast(Table, JobRow.__table__)
# The columns a Job holds, read as the driver's own tuples: SQLAlchemy's rows (and their column
# types) cost three times the read, ORM objects twice that.
_SELECT_JOBS = f"SELECT {', '.join(JOB_COLUMNS)} FROM {_JOBS.name}"


class Store:
    """The database of one profile. Opens (and migrates) on construction."""

    def __init__(self, path: Path, backups_dir: Path) -> None:
        self.path = path
        self.backups_dir = backups_dir
        self.engine: Engine
        self.engine, self.migration_backup = db.open_database(path, backups_dir)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self.user = UserData(self._sessions)

    def close(self) -> None:
        """Release the database's connections."""
        self.engine.dispose()

    def session(self) -> Session:
        """Return a new session; use it as a context manager."""
        return self._sessions()

    # -- meta -----------------------------------------------------------------------------
    def meta(self, key: str) -> str | None:
        """Return a stored fact about the database, or None."""
        # The driver's own query: every search asks for the data generation, and the ORM's
        # look-up cost a millisecond or more of a keystroke.
        with self.session() as s:
            row = (
                s.connection()
                .connection.cursor()
                .execute("SELECT value FROM meta WHERE key = ?", (key,))
                .fetchone()
            )
            return None if row is None else str(row[0])

    def set_meta(self, key: str, value: str) -> None:
        """Store a fact about the database."""
        with self.session() as s, s.begin():
            s.merge(MetaRow(key=key, value=value))

    def generation(self) -> int:
        """Return the data generation: it grows with every write to terms or jobs."""
        value = self.meta(GENERATION_KEY)
        return int(value) if value and value.isdigit() else 0

    # How many generations this process has counted: a writer compares it before and after its
    # write to tell its own generations from another process's committed meanwhile.
    bumps_made = 0

    @staticmethod
    def bump(s: Session) -> None:
        """Count one more write in the caller's transaction ``s`` (the index compares generations)."""
        Store.bumps_made += 1
        row = s.get(MetaRow, GENERATION_KEY)
        current = int(row.value) if row and row.value.isdigit() else 0
        s.merge(MetaRow(key=GENERATION_KEY, value=str(current + 1)))

    # -- terms ----------------------------------------------------------------------------
    def replace_terms(self, terms: Sequence[Term]) -> None:
        """Replace the whole glossary with ``terms`` in one transaction (user data untouched).

        Raises ValueError when two terms share a slug.
        """
        slugs = [t.slug for t in terms]
        if len(set(slugs)) != len(slugs):
            raise ValueError("two glossary entries share a slug")
        # A slug that is an entry of its own stays that entry; the first claim on an old slug wins.
        redirects: dict[str, str] = {}
        for term in terms:
            for old in term.replaces:
                if old not in redirects and old not in slugs:
                    redirects[old] = term.slug
        with self.session() as s, s.begin():
            s.execute(delete(TermRedirectRow))
            s.execute(delete(TermLinkRow))
            s.execute(delete(TermRow))
            for term in terms:
                row, links = term_to_rows(term)
                s.add(row)
                s.flush()
                s.add_all(links)
            s.flush()
            s.add_all(TermRedirectRow(old_slug=o, target_slug=t) for o, t in redirects.items())
            self.bump(s)
            s.merge(MetaRow(key=TERMS_KEY, value=uuid.uuid4().hex))

    def terms_version(self) -> str:
        """Return what changes each time the glossary's terms are replaced.

        Terms stored before the version was kept are known by the glossary files' hash.
        """
        return self.meta(TERMS_KEY) or f"files:{self.meta(GLOSSARY_HASH_KEY)}"

    def all_terms(self) -> list[Term]:
        """Return every term, ordered by title."""
        with self.session() as s:
            links: dict[str, list[TermLinkRow]] = {}
            for link in s.scalars(select(TermLinkRow)):
                links.setdefault(link.source_slug, []).append(link)
            replaced: dict[str, list[str]] = {}
            for redirect in s.scalars(select(TermRedirectRow).order_by(TermRedirectRow.old_slug)):
                replaced.setdefault(redirect.target_slug, []).append(redirect.old_slug)
            rows = s.scalars(select(TermRow).order_by(func.lower(TermRow.title)))
            return [row_to_term(r, links.get(r.slug, []), replaced.get(r.slug, [])) for r in rows]

    def resolve_term(self, slug: str) -> TermId | None:
        """Return the entry ``slug`` names: itself, the entry it was merged into, or None."""
        with self.session() as s:
            if s.get(TermRow, slug) is not None:
                return TermId(slug)
            redirect = s.get(TermRedirectRow, slug)
            return TermId(redirect.target_slug) if redirect else None

    def term(self, slug: str) -> Term | None:
        """Return one term, or None; an old slug merged into another entry returns that entry."""
        with self.session() as s:
            row = s.get(TermRow, slug)
            if row is None:
                redirect = s.get(TermRedirectRow, slug)
                row = s.get(TermRow, redirect.target_slug) if redirect else None
            if row is None:
                return None
            links = list(s.scalars(select(TermLinkRow).where(TermLinkRow.source_slug == row.slug)))
            replaced = s.scalars(
                select(TermRedirectRow.old_slug)
                .where(TermRedirectRow.target_slug == row.slug)
                .order_by(TermRedirectRow.old_slug)
            )
            return row_to_term(row, links, list(replaced))

    def term_titles(self, slugs: Iterable[str]) -> dict[TermId, str]:
        """Return the titles of the given terms that exist (an old, merged slug: its new entry's)."""
        wanted = list(slugs)
        with self.session() as s:
            rows = s.execute(select(TermRow.slug, TermRow.title).where(TermRow.slug.in_(wanted)))
            out = {TermId(slug): title for slug, title in rows}
            missing = [w for w in wanted if w not in out]
            if missing:
                merged = s.execute(
                    select(TermRedirectRow.old_slug, TermRow.title)
                    .join(TermRow, TermRow.slug == TermRedirectRow.target_slug)
                    .where(TermRedirectRow.old_slug.in_(missing))
                )
                out.update((TermId(old), title) for old, title in merged)
            return out

    def term_texts(self, slugs: Iterable[str]) -> dict[TermId, tuple[str, str]]:
        """Return (summary, definition) of the given terms that exist: what a result row shows."""
        wanted = list(slugs)
        with self.session() as s:
            rows = s.execute(
                select(TermRow.slug, TermRow.summary, TermRow.definition).where(TermRow.slug.in_(wanted))
            )
            return {TermId(slug): (summary, definition) for slug, summary, definition in rows}

    def backlinks(self, slug: str) -> list[TermId]:
        """Return the slugs of the terms listing ``slug`` (or its old slugs) as related, by title."""
        with self.session() as s:
            redirect = s.get(TermRedirectRow, slug) if s.get(TermRow, slug) is None else None
            slug = redirect.target_slug if redirect else slug
            names = [
                slug,
                *s.scalars(select(TermRedirectRow.old_slug).where(TermRedirectRow.target_slug == slug)),
            ]
            query = (
                select(TermRow.slug)
                .join(TermLinkRow, TermLinkRow.source_slug == TermRow.slug)
                .where(TermLinkRow.target_slug.in_(names))
                .distinct()
                .order_by(func.lower(TermRow.title))
            )
            return [TermId(x) for x in s.scalars(query)]

    def term_count(self) -> int:
        """Return how many terms are stored."""
        with self.session() as s:
            return s.scalar(select(func.count()).select_from(TermRow)) or 0

    # -- jobs -----------------------------------------------------------------------------
    @staticmethod
    def _rows_where(s: Session, column: Any, values: Sequence[str]) -> list[JobRow]:
        rows: list[JobRow] = []
        for start in range(0, len(values), IN_CHUNK):
            chunk = values[start : start + IN_CHUNK]
            rows.extend(s.scalars(select(JobRow).where(column.in_(chunk))))
        return rows

    def _matches(
        self, s: Session, jobs: Sequence[Job], prints: Sequence[str]
    ) -> tuple[dict[str, JobRow], dict[str, JobRow]]:
        by_id = {r.id: r for r in self._rows_where(s, JobRow.id, list({j.id for j in jobs}))}
        prints = list(dict.fromkeys(prints))
        by_print = {
            r.fingerprint: r for r in self._rows_where(s, JobRow.fingerprint, prints) if r.fingerprint
        }
        return by_id, by_print

    def resolve_ids(self, jobs: Sequence[Job]) -> dict[JobId, JobId]:
        """Return, for each job, the id it is (or would be) stored under.

        That is its own id, or the id of the listing it repeats (same identifier or URL, or
        the same fingerprint).
        """
        prints = [fingerprint(job) for job in jobs]
        with self.session() as s:
            by_id, by_print = self._matches(s, jobs, prints)
        resolved: dict[JobId, JobId] = {}
        first_of_print: dict[str, Job] = {}
        for job, fp in zip(jobs, prints, strict=True):
            row = by_id.get(job.id)
            if row is None and (candidate := by_print.get(fp)) is not None:
                row = candidate if same_posting(seen_row(candidate), job) else None
            if row is not None:
                resolved[job.id] = JobId(row.id)
                continue
            first = first_of_print.setdefault(fp, job)
            twin = first is not job and same_posting(seen_job(first), job)
            resolved[job.id] = first.id if twin else job.id
        return resolved

    def resolve_merges(self, jobs: Sequence[Job]) -> tuple[MergedPosting, ...]:
        """Return the postings that would be merged into another listing, with both names.

        What ``upsert_jobs`` reports as ``merged_names``, without writing (for a dry run).
        """
        resolved = self.resolve_ids(jobs)
        known = self.jobs(v for k, v in resolved.items() if k != v)
        by_id = {job.id: job for job in jobs}
        out: list[MergedPosting] = []
        for posting, kept in resolved.items():
            if posting == kept:
                continue
            job = by_id[posting]
            kept_title = known[kept].title if kept in known else by_id[kept].title
            out.append(MergedPosting(posting, kept, job.title, job.company, kept_title, job.source))
        return tuple(out)

    def upsert_jobs(self, jobs: Sequence[Job]) -> StoreCounts:
        """Store jobs in one transaction: new ones inserted, known ones updated; return the counts.

        A posting that repeats a stored listing (a repost with a new date, or the same job from
        another source) updates that listing under its existing id, so favourites and notes
        stay attached; its first-seen date is kept and the source is added to its sources.
        """
        with self.session() as s, s.begin():
            return self.upsert_in(s, jobs)

    def upsert_in(self, s: Session, jobs: Sequence[Job]) -> StoreCounts:
        """Do what ``upsert_jobs`` does inside the caller's transaction ``s`` (one write of several)."""
        prints = [fingerprint(job) for job in jobs]
        by_id, by_print = self._matches(s, jobs, prints)
        counts = write_jobs(s, jobs, prints, by_id, by_print)
        if counts.changed_ids:
            self.bump(s)
        return counts

    def withdraw_missing(self, source: str, present: set[str]) -> list[JobId]:
        """Forget ``source`` for listings it no longer holds; delete those left with no source.

        Returns the ids of the listings deleted. Favourites keep their snapshots.
        """
        with self.session() as s, s.begin():
            return self.withdraw_in(s, source, present)

    def withdraw_in(self, s: Session, source: str, present: set[str]) -> list[JobId]:
        """Do what ``withdraw_missing`` does inside the caller's transaction ``s``."""
        removed: list[JobId] = []
        for row in s.scalars(select(JobRow).where(JobRow.sources.is_not(None))):
            names = [seen.get("source") for seen in row.sources]
            if source not in names or row.id in present:
                continue
            remaining = [seen for seen in row.sources if seen.get("source") != source]
            if remaining:
                row.sources = remaining
            else:
                s.delete(row)
                removed.append(JobId(row.id))
        if removed:
            self.bump(s)
        return removed

    def job_sources(self, job_id: str) -> list[dict[str, str]]:
        """Return the files and feeds a listing came from, with when each was first seen."""
        with self.session() as s:
            row = s.get(JobRow, job_id)
            return list(row.sources) if row else []

    def job(self, job_id: str) -> Job | None:
        """Return one job (with its derived skills), or None."""
        with self.session() as s:
            row = s.get(JobRow, job_id)
            return self._with_skills(s, [row_to_job(row)])[0] if row else None

    def jobs(
        self,
        job_ids: Iterable[str],
        skills: bool = True,
        derived: Mapping[JobId, Sequence[tuple[str, bool]]] | None = None,
    ) -> dict[JobId, Job]:
        """Return the jobs with the given ids that exist (with their derived skills), keyed by id.

        ``skills=False`` leaves the skills out (a list of results shows none): a fifth of the read.
        ``derived``: skills just stored for some of the jobs (an empty list: none), taken as they
        are instead of read back (an import indexes each batch with the skills it has just
        derived); the others' are read. Unused with ``skills=False``.
        """
        wanted = list(dict.fromkeys(job_ids))
        known: Mapping[JobId, Sequence[tuple[str, bool]]] = derived if skills and derived is not None else {}
        with self.session() as s:
            cursor = s.connection().connection.cursor()
            found: dict[JobId, Job] = {}
            for start in range(0, len(wanted), IN_CHUNK):
                chunk = wanted[start : start + IN_CHUNK]
                marks = ", ".join("?" * len(chunk))
                rows = cursor.execute(f"{_SELECT_JOBS} WHERE id IN ({marks})", chunk).fetchall()
                unknown = [job_id for job_id in chunk if job_id not in known]
                asked = job_skill_rows(cursor, unknown) if skills and unknown else {}
                for row in rows:
                    job_id = row[0]
                    found[job_id] = stored_to_job(
                        row, known[job_id] if job_id in known else asked.get(job_id, ())
                    )
            return found

    @staticmethod
    def _with_skills(s: Session, jobs: list[Job]) -> list[Job]:
        """Return the jobs with the skills last derived for them, in the order the posting names them."""
        asked = _skills_by_job(s.connection().connection.cursor(), [job.id for job in jobs])
        return [replace(job, skills=tuple(asked[job.id])) if job.id in asked else job for job in jobs]

    def job_versions(self, job_ids: Iterable[str] | None = None) -> dict[JobId, str]:
        """Return the version of every job (or of those named): the search index compares them.

        A version is the content hash, and a digest of the job's derived skills when it has
        any (the index holds them: a job whose skills change must be indexed again).
        """
        skills = select(JobSkillStateRow.skills).where(JobSkillStateRow.job_id == JobRow.id).scalar_subquery()
        query = select(JobRow.id, JobRow.content_hash, skills)
        with self.session() as s:
            if job_ids is None:
                return {JobId(i): _version(h, k) for i, h, k in s.execute(query)}
            wanted = list(dict.fromkeys(job_ids))
            found: dict[JobId, str] = {}
            for start in range(0, len(wanted), IN_CHUNK):
                chunk = wanted[start : start + IN_CHUNK]
                rows = s.execute(query.where(JobRow.id.in_(chunk)))
                found.update((JobId(i), _version(h, k)) for i, h, k in rows)
            return found

    def iter_jobs(self, batch: int = 500) -> Iterator[Job]:
        """Yield every job (with its derived skills), ordered by id, reading in batches.

        Read as the driver's own tuples, like ``jobs``: an index rebuild reads every job.
        """
        last = ""
        while True:
            with self.session() as s:
                cursor = s.connection().connection.cursor()
                sql = f"{_SELECT_JOBS} WHERE id > ? ORDER BY id LIMIT ?"
                rows = cursor.execute(sql, (last, batch)).fetchall()
                if not rows:
                    return
                asked = _skills_by_job(cursor, [row[0] for row in rows])
            yield from (stored_to_job(row, asked.get(row[0], ())) for row in rows)
            last = rows[-1][0]

    def newest_jobs(self, limit: int) -> list[Job]:
        """Return up to ``limit`` jobs, newest posting first (undated ones last, newest seen first).

        Dated and undated jobs are asked apart: one ordering of both sorted every job (2.3 s at
        1,000,000 jobs, on every empty search); the dated ones are read down the date's index.
        """
        with self.session() as s:
            dated = s.scalars(
                select(JobRow)
                .where(JobRow.date_posted.is_not(None))
                .order_by(JobRow.date_posted.desc(), JobRow.first_seen.desc(), JobRow.id)
                .limit(limit)
            ).all()
            undated: Sequence[JobRow] = ()
            if len(dated) < limit:
                undated = s.scalars(
                    select(JobRow)
                    .where(JobRow.date_posted.is_(None))
                    .order_by(JobRow.first_seen.desc(), JobRow.id)
                    .limit(limit - len(dated))
                ).all()
            return [row_to_job(r) for r in (*dated, *undated)]

    def term_briefs(self) -> list[tuple[TermId, str, str]]:
        """Return (slug, title, summary) of every term, ordered by title."""
        with self.session() as s:
            rows = s.execute(
                select(TermRow.slug, TermRow.title, TermRow.summary).order_by(func.lower(TermRow.title))
            )
            return [(TermId(slug), title, summary) for slug, title, summary in rows]

    def job_count(self) -> int:
        """Return how many jobs are stored."""
        with self.session() as s:
            return s.scalar(select(func.count()).select_from(JobRow)) or 0

    # -- the reader's own data --------------------------------------------------------------
    def add_history(self, kind: str, item_id: str, title: str) -> None:
        """Record one viewing."""
        with self.session() as s, s.begin():
            s.add(HistoryRow(kind=kind, item_id=item_id, title=title, viewed_at=datetime.now()))

    def recent(self, limit: int) -> list[tuple[str, str, str]]:
        """Return (kind, id, title) of the items viewed most recently, each once, newest first."""
        with self.session() as s:
            latest = func.max(HistoryRow.viewed_at).label("latest")
            rows = s.execute(
                select(HistoryRow.kind, HistoryRow.item_id, func.max(HistoryRow.title), latest)
                .group_by(HistoryRow.kind, HistoryRow.item_id)
                .order_by(latest.desc())
                .limit(limit)
            )
            return [(kind, item_id, title) for kind, item_id, title, _ in rows]

    def integrity_problems(self) -> list[str]:
        """Return what SQLite's integrity checks report (empty when the file is sound)."""
        return db.integrity_problems(self.engine)


def _skills_by_job(cursor: Any, job_ids: Sequence[str]) -> dict[str, list[tuple[str, bool]]]:
    """Return ``job_skill_rows`` of any number of jobs, asked ``IN_CHUNK`` at a time."""
    asked: dict[str, list[tuple[str, bool]]] = {}
    for start in range(0, len(job_ids), IN_CHUNK):
        asked.update(job_skill_rows(cursor, job_ids[start : start + IN_CHUNK]))
    return asked
