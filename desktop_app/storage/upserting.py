"""Writing a batch of jobs: new ones inserted as plain rows, known ones (or their reposts) updated."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from types import SimpleNamespace
from typing import cast

from sqlalchemy import Table, insert
from sqlalchemy.orm import Session

from desktop_app.core.identity import SeenPosting, same_posting
from desktop_app.core.types import Job, JobId, MergedPosting
from desktop_app.storage.convert import fill_job_row, job_hash, job_values
from desktop_app.storage.models import JobRow

_JOBS = cast(Table, JobRow.__table__)
Row = JobRow | SimpleNamespace  # a stored job's row, or the values of one about to be inserted
NewText = tuple[JobId, str, str, str, tuple[str, ...]]


@dataclass(frozen=True, slots=True)
class StoreCounts:
    """What a job write did: how many jobs were new, updated, or already as stored."""

    new: int = 0
    updated: int = 0
    unchanged: int = 0
    changed_ids: tuple[JobId, ...] = ()
    new_ids: frozenset[JobId] = frozenset()
    # Postings recognised as a listing already known under another id: (posting id, kept id).
    merged: tuple[tuple[JobId, JobId], ...] = ()
    stored_ids: dict[JobId, JobId] = field(default_factory=dict)
    # The same merges with names, for the import report: what was merged into what.
    merged_names: tuple[MergedPosting, ...] = ()
    # What each new job was stored with that deriving its skills reads, as stored (no need to
    # read it back): (id, title, description text, content hash, stated skills).
    new_texts: tuple[NewText, ...] = ()


def seen_row(row: Row) -> SeenPosting:
    """Return what tells a stored listing from another of the same fingerprint."""
    sources = {str(seen.get("source")) for seen in row.sources or ()} | {row.source}
    return SeenPosting(frozenset(sources), row.identifier, row.apply_url)


def seen_job(job: Job) -> SeenPosting:
    """Return what tells a posting from another of the same fingerprint."""
    return SeenPosting(frozenset({job.source}), job.identifier, job.apply_url)


def write_jobs(
    s: Session,
    jobs: Sequence[Job],
    prints: Sequence[str],
    stored_by_id: dict[str, JobRow],
    stored_by_print: dict[str, JobRow],
) -> StoreCounts:
    """Store ``jobs`` (``prints``: their fingerprints) in ``s``; return the counts.

    ``stored_by_id`` and ``stored_by_print`` are the stored rows the jobs may repeat, by id
    and by fingerprint. Does what ``Store.upsert_jobs`` says, but does not bump the generation.
    """
    now = datetime.now()
    new_ids: list[JobId] = []
    updated = unchanged = 0
    changed: list[JobId] = []
    merged: list[tuple[JobId, JobId]] = []
    named: list[MergedPosting] = []
    stored_ids: dict[JobId, JobId] = {}
    by_id: dict[str, Row] = {**stored_by_id}
    by_print: dict[str, Row] = {**stored_by_print}
    # A new job's row is its plain values until one executemany inserts them all: ORM objects
    # for thousands of new jobs cost several times the insert itself.
    fresh: list[SimpleNamespace] = []
    for job, fp in zip(jobs, prints, strict=True):
        row = by_id.get(job.id)
        if row is None and (candidate := by_print.get(fp)) is not None:
            row = candidate if same_posting(seen_row(candidate), job) else None
        if row is None:
            values = job_values(job)
            values.update(fingerprint=fp, first_seen=now, updated_at=now)
            values["sources"] = [{"source": job.source, "seen_at": now.isoformat(timespec="seconds")}]
            row = SimpleNamespace(**values)
            fresh.append(row)
            by_id[job.id] = row
            by_print.setdefault(fp, row)
            new_ids.append(job.id)
            changed.append(job.id)
            stored_ids[job.id] = job.id
            continue
        kept = JobId(row.id)
        stored_ids[job.id] = kept
        if kept != job.id:
            merged.append((job.id, kept))
            named.append(MergedPosting(job.id, kept, job.title, job.company, row.title, job.source))
            by_id[job.id] = row
        if row.date_posted and job.date_posted and job.date_posted < row.date_posted:
            job = replace(job, date_posted=row.date_posted)  # an older copy: keep the newest date
        job = replace(job, id=kept)
        if job.source and all(seen.get("source") != job.source for seen in row.sources):
            row.sources = [
                *row.sources,
                {"source": job.source, "seen_at": now.isoformat(timespec="seconds")},
            ]
        content_hash = job_hash(job)
        if row.content_hash == content_hash:
            unchanged += 1
            continue
        if isinstance(row, JobRow):
            fill_job_row(row, job, content_hash)
        else:
            vars(row).update(job_values(job, content_hash))
        row.fingerprint = fp
        row.updated_at = now
        updated += 1
        changed.append(kept)
    if fresh:
        s.execute(insert(_JOBS), [vars(row) for row in fresh])
    texts = tuple(
        (JobId(r.id), r.title, r.description_text, r.content_hash, tuple(map(str, r.stated_skills or ())))
        for r in fresh
    )
    changed_ids = tuple(dict.fromkeys(changed))
    return StoreCounts(
        len(new_ids),
        updated,
        unchanged,
        changed_ids,
        frozenset(new_ids),
        tuple(merged),
        stored_ids,
        tuple(named),
        texts,
    )
