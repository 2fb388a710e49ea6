"""The jobs part: reading one job, importing job files, withdrawing listings, exporting them."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Literal

from desktop_app.core.types import Job, JobId
from desktop_app.importers import export, parse_file
from desktop_app.paths import shipped_jobs_dir
from desktop_app.search.protocol import Progress
from desktop_app.service.dto import ImportReport, ReadProgress
from desktop_app.service.errors import ServiceError
from desktop_app.service.importing import Deriving, NoDeriving, StreamedImport
from desktop_app.service.indexing import IndexGateway
from desktop_app.service.profile import Profile
from desktop_app.service.search import SearchPart

SAMPLES_KEY = "samples_loaded"


class JobsPart:
    """The job listings of one profile: what comes in, what goes out."""

    def __init__(
        self,
        profile: Profile,
        indexing: IndexGateway,
        search: SearchPart,
        deriving: Deriving | None = None,
    ) -> None:
        self._profile = profile
        self._indexing = indexing
        self._search = search
        # Derived data the index holds (each job's skills): begun when a batch is stored (or
        # read, in a large import), stored in the same round of writes before the index is
        # told, and the jobs whose skills changed are indexed with the new ones.
        self._deriving = deriving or NoDeriving()

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
        reading: Callable[[ReadProgress], object] | None = None,
    ) -> ImportReport:
        """Import job files, read posting by posting and stored (unless ``dry_run``) in batches.

        Reports every record: accepted (under the id it is stored with — a repost or a
        duplicate keeps the id of the listing it repeats) or rejected with a reason, plus what
        each accepted posting lacks (the first thousand of each listed, all counted). Each batch
        is one transaction and the index follows it. ``progress`` hears (KiB read, KiB in all);
        ``reading`` the bytes and postings read so far. Setting ``cancel`` stops the import:
        every batch already committed is kept and the report's ``note`` says how many postings
        that was (ImportCancelledError when none was). A file whose JSON breaks part-way keeps
        the postings before the break and says at which byte it broke. With ``withdraw_missing``
        each file is taken as the whole of its feed: listings it held before and holds no longer
        are removed (favourites keep their snapshots); a file that yields no posting, or breaks,
        removes nothing.
        """
        run = StreamedImport(
            self._profile, self._indexing, self._deriving, dry_run=dry_run, progress=progress,
            reading=reading, cancel=cancel, withdraw_missing=withdraw_missing,
        )  # fmt: skip
        return run.run(files)

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
