"""Each job's skills in the database: derived rows, kept in step with each job's content hash."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import Row, Select, delete, select
from sqlalchemy.orm import Session

from desktop_app.core.types import JobId
from desktop_app.storage.models import JobRow, JobSkillStateRow
from desktop_app.storage.repository import Store
from desktop_app.storage.skillwords import job_skill_rows, read_skill_words, skill_words

IN_CHUNK = 500  # ids per IN (...) clause, well under SQLite's variable limit


@dataclass(frozen=True, slots=True)
class StaleJob:
    """A job whose stored skills are missing or out of date: what deriving them needs."""

    id: JobId
    title: str
    text: str
    content_hash: str
    stated: tuple[str, ...] = ()  # the posting's own list of skills (schema.org ``skills``)


@dataclass(frozen=True, slots=True)
class Reskilled:
    """What storing derived skills did: the jobs whose skills changed, and the skills stored.

    ``skills`` holds every job of the batch derived (changed or not) when one batch was asked
    for (an import's), and nothing otherwise: the caller indexes those jobs without reading
    back what was just stored.
    """

    changed: Sequence[JobId] = ()
    skills: Mapping[JobId, Sequence[tuple[str, bool]]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class JobFacts:
    """What demand figures need of a job: the day it was first seen and its yearly pay, if known."""

    id: JobId
    first_seen: date
    annual_pay: float | None  # midpoint of the annualised range


def _stale_jobs(stamp: str) -> Select[str, str, str, str, list[str] | None]:
    """Return the query of jobs whose skills are missing, or derived from another version or ``stamp``."""
    return (
        select(JobRow.id, JobRow.title, JobRow.description_text, JobRow.content_hash, JobRow.stated_skills)
        .outerjoin(JobSkillStateRow, JobSkillStateRow.job_id == JobRow.id)
        .where(
            (JobSkillStateRow.job_id.is_(None))
            | (JobSkillStateRow.content_hash != JobRow.content_hash)
            | (JobSkillStateRow.stamp != stamp)
        )
    )


def _stale_job(row: Row[str, str, str, str, list[str] | None]) -> StaleJob:
    job_id, title, text, content_hash, stated = row
    return StaleJob(JobId(job_id), title, text, content_hash, tuple(map(str, stated or ())))


class SkillStore:
    """Job skills in one profile's database.

    The search index holds each job's skills (the Skills facet), so a write that changes any
    job's skills bumps the data generation, like any write the index must follow.
    """

    def __init__(self, store: Store) -> None:
        self._store = store

    def stale(self, stamp: str, batch: int = 1000) -> Iterator[list[StaleJob]]:
        """Yield, in batches, the jobs whose skills are missing or out of date.

        Out of date: derived from another version of the job, or under another ``stamp``
        (the glossary and the rules).
        """
        query = _stale_jobs(stamp).order_by(JobRow.id)
        last = ""
        while True:
            with self._store.session() as s:
                rows = s.execute(query.where(JobRow.id > last).limit(batch)).all()
            if not rows:
                return
            yield [_stale_job(row) for row in rows]
            last = rows[-1][0]

    def stale_among(self, ids: Sequence[JobId], stamp: str) -> list[StaleJob]:
        """Return those of ``ids`` whose skills are missing or out of date (as ``stale``), in their order.

        Reads only those jobs: an import asks after each batch it stores, where ``stale`` would
        read every job of the library to find the few just stored (0.1 s a batch at 100,000 jobs,
        growing with the library).
        """
        wanted = list(dict.fromkeys(ids))
        order = {job_id: n for n, job_id in enumerate(wanted)}
        query = _stale_jobs(stamp)
        found: list[StaleJob] = []
        with self._store.session() as s:
            for start in range(0, len(wanted), IN_CHUNK):
                rows = s.execute(query.where(JobRow.id.in_(wanted[start : start + IN_CHUNK])))
                found += [_stale_job(row) for row in rows]
        found.sort(key=lambda job: order[job.id])
        return found

    def store(
        self,
        derived: Sequence[tuple[StaleJob, Sequence[tuple[str, bool]]]],
        stamp: str,
        new: Collection[JobId] = (),
    ) -> list[JobId]:
        """Replace the skills of the given jobs, in one transaction (``drop_orphans`` forgets gone jobs').

        Returns the jobs whose skills changed (the generation is bumped when there are any).
        ``new`` jobs were just added: what they had is not read (nothing, or an orphan's).
        """
        with self._store.session() as s, s.begin():
            ids = [job.id for job, _ in derived if job.id not in new]
            before: dict[str, set[tuple[str, bool]]] = {}
            query = select(JobSkillStateRow.job_id, JobSkillStateRow.skills)
            for start in range(0, len(ids), IN_CHUNK):
                chunk = ids[start : start + IN_CHUNK]
                for job_id, words in s.execute(query.where(JobSkillStateRow.job_id.in_(chunk))):
                    before[job_id] = set(read_skill_words(words))
            # One row a job, through the driver's executemany: ORM objects cost several times the
            # insert, and a row per skill was most of what deriving skills cost an import.
            s.connection().exec_driver_sql(
                "INSERT OR REPLACE INTO job_skill_state (job_id, content_hash, stamp, skills)"
                " VALUES (?, ?, ?, ?)",
                [(job.id, job.content_hash, stamp, skill_words(skills)) for job, skills in derived],
            )
            # Skills of jobs no longer stored are forgotten by ``drop_orphans`` (a skills refresh),
            # not here: that reads every job, and an import stores thousands of batches.
            changed = [job.id for job, skills in derived if before.get(job.id, set()) != set(skills)]
            if changed:
                self._store.bump(s)
            return changed

    @staticmethod
    def _drop_orphans(s: Session) -> None:
        gone = select(JobSkillStateRow.job_id).where(JobSkillStateRow.job_id.not_in(select(JobRow.id)))
        orphans = list(s.scalars(gone))
        for start in range(0, len(orphans), IN_CHUNK):
            chunk = orphans[start : start + IN_CHUNK]
            s.execute(delete(JobSkillStateRow).where(JobSkillStateRow.job_id.in_(chunk)))

    def drop_orphans(self) -> None:
        """Forget the skills of jobs that are no longer stored."""
        with self._store.session() as s, s.begin():
            self._drop_orphans(s)

    def skills_of(self, job_ids: Iterable[str]) -> dict[JobId, list[tuple[str, bool]]]:
        """Return each named job's stored skills as (slug, required), in stored order."""
        wanted = list(dict.fromkeys(job_ids))
        found: dict[JobId, list[tuple[str, bool]]] = {JobId(i): [] for i in wanted}
        with self._store.session() as s:
            cursor = s.connection().connection.cursor()
            for start in range(0, len(wanted), IN_CHUNK):
                for job_id, asked in job_skill_rows(cursor, wanted[start : start + IN_CHUNK]).items():
                    found[JobId(job_id)] = asked
        return found

    def all_skills(self) -> dict[JobId, list[tuple[str, bool]]]:
        """Return every job's stored skills as (slug, required)."""
        found: dict[JobId, list[tuple[str, bool]]] = {}
        with self._store.session() as s:
            # The driver's own tuples, fetched at once: SQLAlchemy's rows cost several times more.
            cursor = s.connection().connection.cursor()
            cursor.execute("SELECT job_id, skills FROM job_skill_state WHERE skills != ''")
            for job_id, words in cursor.fetchall():
                found[JobId(job_id)] = read_skill_words(words)
        return found

    def posted(self, job_ids: Iterable[str]) -> dict[JobId, date | None]:
        """Return the posting date of each named job that exists."""
        wanted = list(dict.fromkeys(job_ids))
        found: dict[JobId, date | None] = {}
        with self._store.session() as s:
            for start in range(0, len(wanted), IN_CHUNK):
                chunk = wanted[start : start + IN_CHUNK]
                query = select(JobRow.id, JobRow.date_posted).where(JobRow.id.in_(chunk))
                found.update((JobId(i), d) for i, d in s.execute(query))
        return found

    def job_facts(self) -> list[JobFacts]:
        """Return the first-seen day and yearly pay of every job.

        Read from the covering index ``ix_jobs_facts`` through the driver's own tuples, the
        pay's midpoint worked out by SQLite and each day parsed once: at 100,000 jobs, a
        fraction of reading the rows through SQLAlchemy's types.
        """
        sql = (
            "SELECT id, substr(first_seen, 1, 10), CASE WHEN annual_min IS NULL AND annual_max IS NULL"
            " THEN NULL ELSE (coalesce(annual_min, annual_max) + coalesce(annual_max, annual_min)) / 2.0"
            " END FROM jobs"
        )
        with self._store.session() as s:
            cursor = s.connection().connection.cursor()
            rows: list[tuple[str, str, float | None]] = cursor.execute(sql).fetchall()
        days: dict[str, date] = {}
        for _, day, _ in rows:
            if day not in days:
                days[day] = date.fromisoformat(day)
        return [JobFacts(JobId(i), days[day], pay) for i, day, pay in rows]
