"""The jobs part: reading one job, importing job files, withdrawing listings, exporting them."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Literal

from sqlalchemy.exc import SQLAlchemyError

from desktop_app.core.checks import PostingCheck, check_posting
from desktop_app.core.types import Job, JobId, Rejected
from desktop_app.importers import export, parse_file
from desktop_app.paths import shipped_jobs_dir
from desktop_app.search.protocol import IndexChange, Progress
from desktop_app.service.dto import ImportReport
from desktop_app.service.errors import ImportCancelledError, ServiceError, reason
from desktop_app.service.indexing import IndexGateway
from desktop_app.service.profile import Profile
from desktop_app.service.search import SearchPart
from desktop_app.storage.repository import StoreCounts

SAMPLES_KEY = "samples_loaded"
CANCELLED = "the import was cancelled; nothing was stored"


class JobsPart:
    """The job listings of one profile: what comes in, what goes out."""

    def __init__(
        self,
        profile: Profile,
        indexing: IndexGateway,
        search: SearchPart,
        derive: Callable[[], Sequence[JobId]] = tuple,
    ) -> None:
        self._profile = profile
        self._indexing = indexing
        self._search = search
        # Derived data the index holds (each job's skills): derived in the same write, before
        # the index is told, and the jobs whose skills changed are indexed with the new ones.
        self._derive = derive

    def job(self, job_id: str) -> Job | None:
        """Return one job, or None."""
        return self._profile.store.job(job_id)

    def seed_samples(self) -> bool:
        """Store the shipped sample jobs once per profile; return True when they were stored now."""
        store = self._profile.store
        if store.meta(SAMPLES_KEY):
            return False
        folder = shipped_jobs_dir()
        jobs = [
            job for path in sorted(folder.glob("*.json*")) if folder.is_dir() for job in parse_file(path).jobs
        ]
        with self._profile.write_lock:
            store.upsert_jobs(jobs)
            store.set_meta(SAMPLES_KEY, "1")
        return True

    # -- import ---------------------------------------------------------------------------
    def import_files(
        self,
        files: Sequence[Path],
        dry_run: bool = False,
        progress: Progress | None = None,
        cancel: threading.Event | None = None,
        withdraw_missing: bool = False,
    ) -> ImportReport:
        """Import job files: store what is good (unless ``dry_run``) in one transaction.

        Reports every record: accepted (under the id it is stored with — a repost or a
        duplicate keeps the id of the listing it repeats) or rejected with a reason, plus what
        each accepted posting lacks. ``progress`` hears (done, total) while files are read,
        then while the index is updated. Setting ``cancel`` before storing begins stops the
        import with ImportCancelledError and stores nothing. With ``withdraw_missing`` each file
        is taken as the whole of its feed: listings it held before and holds no longer are
        removed (favourites keep their snapshots); a file that yields no posting removes nothing.
        """
        parsed: list[Job] = []
        rejected: list[Rejected] = []
        identified: set[JobId] = set()
        for number, path in enumerate(files, 1):
            if cancel is not None and cancel.is_set():
                raise ImportCancelledError(CANCELLED)
            result = parse_file(path)
            parsed.extend(result.jobs)
            rejected.extend(result.rejected)
            identified |= result.identified
            if progress is not None:
                progress(number, len(files))
        checks = tuple(check_posting(job, job.id in identified, job.source) for job in parsed)
        unique = list({job.id: job for job in parsed}.values())
        store = self._profile.store
        if dry_run or not unique:
            stored_ids = store.resolve_ids(unique) if unique else {}
            merged = tuple((a, b) for a, b in stored_ids.items() if a != b)
            accepted = tuple(replace(job, id=stored_ids.get(job.id, job.id)) for job in parsed)
            return ImportReport(
                accepted,
                tuple(rejected),
                checks=_with_ids(checks, stored_ids),
                merged=merged,
                merged_names=store.resolve_merges(unique) if merged else (),
            )
        if cancel is not None and cancel.is_set():
            raise ImportCancelledError(CANCELLED)

        def stored() -> tuple[StoreCounts, Sequence[JobId]]:
            counts = store.upsert_jobs(unique)
            return counts, self._derive()

        def changed(result: tuple[StoreCounts, Sequence[JobId]]) -> IndexChange:
            counts, reskilled = result
            jobs = store.jobs([*counts.changed_ids, *reskilled])
            return IndexChange(jobs=list(jobs.values()), new_ids=counts.new_ids)

        with self._profile.write_lock:
            try:
                (counts, _), busy = self._indexing.write(stored, changed, progress)
            except (OSError, SQLAlchemyError) as exc:
                # One transaction: nothing of this import was stored, nothing before was touched.
                raise ServiceError(f"the import failed and nothing was stored: {reason(exc)}") from exc
            removed = self._withdraw(files, parsed, counts.stored_ids) if withdraw_missing else []
        if busy is not None:
            raise ServiceError(
                f"the jobs were stored, but {busy}: they can be found after the next start, or run reindex"
            )
        accepted = tuple(replace(job, id=counts.stored_ids.get(job.id, job.id)) for job in parsed)
        return ImportReport(
            accepted, tuple(rejected), counts.new, counts.updated, counts.unchanged,
            _with_ids(checks, counts.stored_ids), counts.merged, tuple(removed), counts.merged_names,
        )  # fmt: skip

    def _withdraw(
        self, files: Sequence[Path], parsed: Sequence[Job], stored: dict[JobId, JobId]
    ) -> list[JobId]:
        store = self._profile.store
        removed: list[JobId] = []
        for path in files:
            present: set[str] = {stored.get(job.id, job.id) for job in parsed if job.source == path.name}
            if not present:
                continue  # a file with no postings may be broken: it withdraws nothing
            # A busy index is left behind the database, so the next start rebuilds it.
            gone, _busy = self._indexing.write(partial(store.withdraw_missing, path.name, present), _deleted)
            removed.extend(gone)
        return removed

    # -- export ---------------------------------------------------------------------------
    def export_jobs(self, fmt: Literal["jsonld", "csv"], path: Path, query: str | None = None) -> int:
        """Write all jobs (or those ``query`` matches) as JSON-LD or CSV; return how many."""
        store = self._profile.store
        if query:
            hits = self._search.query(query, kind="job", limit=1_000_000).hits
            found = store.jobs(h.id for h in hits)
            jobs: Iterable[Job] = [found[JobId(h.id)] for h in hits if JobId(h.id) in found]
        else:
            jobs = store.iter_jobs()
        try:
            if fmt == "csv":
                return export.write_csv(jobs, path)
            return export.write_jsonld(jobs, path)
        except OSError as exc:
            raise ServiceError(f"cannot write {path}: {exc.strerror or exc}") from exc


def _deleted(ids: list[JobId]) -> IndexChange:
    return IndexChange(deleted=ids)


def _with_ids(checks: tuple[PostingCheck, ...], stored_ids: dict[JobId, JobId]) -> tuple[PostingCheck, ...]:
    return tuple(replace(c, job_id=stored_ids.get(JobId(c.job_id), c.job_id)) for c in checks)
