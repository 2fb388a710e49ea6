"""Streamed import: job files read posting by posting, stored and indexed batch by batch.

Each batch is one transaction, and the search index follows it through the gateway's one rule,
so memory stays flat whatever the file's size. The index commits every ``ROUND_BATCHES``
batches: its helper processes write one batch while the next is read and stored (a crash in
between leaves the index behind the database, and the next start catches it up). A batch's
skills are matched by the skills' helpers while the next batch is read; they are stored, and
the batch handed to the index, before that next batch is (``_settle``). While the index has no
batch of the open round yet (its helpers idle), postings are handed to the skills' helpers as
they are read (``_read_ahead``): their batch then waits for no matching. Cancel keeps
every batch already committed (the batch being read is dropped); a file whose JSON breaks keeps
every posting read before the break.
The report keeps the first ``REPORT_LIMIT`` jobs, rejections, notes and merges and counts the rest.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy.exc import SQLAlchemyError

from desktop_app.core.checks import PostingCheck, check_posting
from desktop_app.core.types import Job, JobId, MergedPosting, Rejected
from desktop_app.importers import JobFile, Taken
from desktop_app.search.protocol import IndexBehindError, IndexChange, Progress
from desktop_app.service.dto import ImportReport, ReadProgress
from desktop_app.service.errors import ImportCancelledError, ServiceError, reason
from desktop_app.service.indexing import IndexGateway, Round
from desktop_app.service.profile import Profile
from desktop_app.storage.repository import StoreCounts
from desktop_app.storage.skills import Reskilled

BATCH = 2_500  # postings per transaction, indexed in parallel (from 2,000)
# Batches whose index documents one writer commits together: its helper processes write one
# batch's documents while the next batch is read and stored.
ROUND_BATCHES = 2
REPORT_LIMIT = 1_000
PROGRESS_EVERY = 256  # postings between two progress reports
CANCELLED = "the import was cancelled; nothing was stored"
# Files this large (in all) start deriving's helpers before the first batch is read (``prepare``).
PREPARE_BYTES = 1 << 20
FORESEE_CHUNK = 100  # postings handed to the skills' helpers at once as they are read


class Deriving(Protocol):
    """What an import asks of the derived data stored with its jobs (each job's skills)."""

    def prepare_derive(self) -> None:
        """Ready deriving (its helpers) while the first batch of a large import is read."""

    def foresee(self, jobs: Sequence[Job]) -> None:
        """Begin deriving for jobs just read, before their batch is stored (after ``prepare_derive``)."""

    def start_derive(self, stored: StoreCounts) -> Callable[[], Reskilled]:
        """Begin deriving for the jobs a write just ``stored``; the call returned stores it (inside a write).

        It gives the jobs whose skills changed, and the skills.
        """


class NoDeriving:
    """Deriving nothing: jobs are stored and indexed as they are."""

    def prepare_derive(self) -> None:
        """Nothing to ready."""

    def foresee(self, jobs: Sequence[Job]) -> None:
        """Nothing to begin."""

    def start_derive(self, stored: StoreCounts) -> Callable[[], Reskilled]:
        """Nothing derived, so nothing changed."""
        return lambda: Reskilled()


@dataclass
class _Tally:
    """What the report will say, bounded: the first REPORT_LIMIT of each list, and counts of all."""

    accepted: list[Job] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)
    checks: list[PostingCheck] = field(default_factory=list)
    merged: list[tuple[JobId, JobId]] = field(default_factory=list)
    merged_names: list[MergedPosting] = field(default_factory=list)
    removed: list[JobId] = field(default_factory=list)
    taken = refused = lacking = new = updated = unchanged = stored = 0
    note = ""
    busy: IndexBehindError | None = None

    def reject(self, item: Rejected) -> None:
        self.refused += 1
        if len(self.rejected) < REPORT_LIMIT:
            self.rejected.append(item)

    def report(self) -> ImportReport:
        return ImportReport(
            tuple(self.accepted), tuple(self.rejected), self.new, self.updated, self.unchanged,
            tuple(self.checks), tuple(self.merged), tuple(self.removed),
            accepted_count=self.taken, rejected_count=self.refused, lacking=self.lacking,
            merged_names=tuple(self.merged_names), note=self.note,
        )  # fmt: skip


class StreamedImport:
    """One import of job files: read, checked, stored and indexed in batches, then reported."""

    def __init__(
        self,
        profile: Profile,
        indexing: IndexGateway,
        deriving: Deriving,
        *,
        dry_run: bool = False,
        progress: Progress | None = None,
        reading: Callable[[ReadProgress], object] | None = None,
        cancel: threading.Event | None = None,
        withdraw_missing: bool = False,
    ) -> None:
        self._profile = profile
        self._indexing = indexing
        self._deriving = deriving
        self._dry_run = dry_run
        self._progress = progress
        self._reading = reading
        self._cancel = cancel
        self._withdraw_missing = withdraw_missing
        self._tally = _Tally()
        self._read = 0  # postings read in the files before the one being read
        self._round: ExitStack | None = None  # the open round of index writes, and its writes
        self._steps: Round | None = None
        self._batches = 0  # batches stored in the open round
        self._pending: tuple[StoreCounts, Callable[[], Reskilled]] | None = None  # awaiting skills
        self._prepared = False  # a large import: deriving readied before the first batch
        # Postings go to deriving as they are read (a large import, while its last batch brought
        # new or changed jobs: a file imported again would have them matched for nothing) ...
        self._foreseeing = False
        self._indexing_round = False  # ... until the open round hands the index its first batch
        self._ahead: list[Job] = []  # read, not yet handed to deriving

    def run(self, files: Sequence[Path]) -> ImportReport:
        """Import ``files`` in order; return the report (ImportCancelledError if nothing was kept)."""
        total = sum(_size(path) for path in files)
        done = 0
        if not self._dry_run and total >= PREPARE_BYTES:
            self._deriving.prepare_derive()
            self._prepared = self._foreseeing = True
        try:
            for path in files:
                reader = JobFile(path)
                finished = self._one_file(reader, done, total)
                done += reader.size
                if not finished:
                    break
            self._settle()
        finally:
            self._end_round(*sys.exc_info())
        tally = self._tally
        self._report_progress(done, total, "")
        if tally.note and not tally.stored:
            raise ImportCancelledError(CANCELLED)
        if tally.busy is not None:
            after = "they can be found after the next start, or run reindex"
            raise ServiceError(f"the jobs were stored, but {tally.busy}: {after}")
        return tally.report()

    def _cancelled(self) -> bool:
        return self._cancel is not None and self._cancel.is_set()

    def _one_file(self, reader: JobFile, before: int, total: int) -> bool:
        """Import one file; return False when the import was cancelled in it."""
        batch: list[Taken] = []
        present: set[str] | None = set() if self._withdraw_missing else None
        kept = 0
        for count, item in enumerate(reader, 1):
            if self._cancelled():
                self._tally.note = (
                    f"Cancelled after {kept:,} of the postings of {reader.source}; those are kept."
                    if kept
                    else f"Cancelled while reading {reader.source}; none of its postings were stored."
                )
                return False
            if isinstance(item, Rejected):
                self._tally.reject(item)
            else:
                batch.append(item)
                if self._foreseeing and not self._indexing_round:
                    self._read_ahead(item.job)
            if len(batch) >= BATCH:
                kept += self._store(batch, present)
                batch = []
            if count % PROGRESS_EVERY == 0:
                self._report_progress(before + reader.progress(), total, reader.source, reader.postings)
        if batch:
            self._store(batch, present)
        if present and not reader.broken:  # a broken or empty file withdraws nothing
            self._settle()
            self._end_round()
            self._withdraw(reader.source, present)
        self._report_progress(before + reader.size, total, reader.source, reader.postings)
        self._read += reader.postings
        return True

    def _report_progress(self, done: int, total: int, source: str, postings: int = 0) -> None:
        if self._progress is not None:
            self._progress(-(-done // 1024), -(-total // 1024))  # in KiB: a 2 GB file fits an int
        if self._reading is not None:
            self._reading(ReadProgress(done, total, self._read + postings, source))

    def _read_ahead(self, job: Job) -> None:
        """Keep a posting just read for deriving, and hand deriving a chunk once one is full.

        Only while the index's helpers are idle (no batch of the open round handed to them):
        the core they leave does the matching, which the batch would otherwise wait for when
        it goes to the index, with both cores busy.
        """
        self._ahead.append(job)
        if len(self._ahead) >= FORESEE_CHUNK:
            self._hand_ahead()

    def _hand_ahead(self) -> None:
        """Hand deriving the postings read ahead that wait."""
        if self._ahead:
            self._deriving.foresee(self._ahead)
            self._ahead = []

    # -- one batch ------------------------------------------------------------------------
    def _store(self, batch: list[Taken], present: set[str] | None) -> int:
        """Store (or, in a dry run, resolve) one batch; return how many postings it held."""
        tally = self._tally
        jobs = [taken.job for taken in batch]
        unique = list({job.id: job for job in jobs}.values())
        store = self._profile.store
        if self._dry_run:
            stored_ids = store.resolve_ids(unique)
            merged = [(a, b) for a, b in stored_ids.items() if a != b]
            names = store.resolve_merges(unique) if merged else ()
            counts = StoreCounts(merged=tuple(merged), stored_ids=stored_ids, merged_names=tuple(names))
        else:
            counts = self._write(unique)
            tally.new += counts.new
            tally.updated += counts.updated
            tally.unchanged += counts.unchanged
            tally.stored += len(batch)
        ids = counts.stored_ids
        for taken in batch:
            job = taken.job
            tally.taken += 1
            if len(tally.accepted) < REPORT_LIMIT:
                tally.accepted.append(replace(job, id=ids.get(job.id, job.id)))
            check = check_posting(job, taken.identified, job.source)
            if check.missing_required or check.expired:
                tally.lacking += 1
            if not check.is_clean and len(tally.checks) < REPORT_LIMIT:
                tally.checks.append(replace(check, job_id=ids.get(job.id, job.id)))
            if present is not None:
                present.add(ids.get(job.id, job.id))
        room = REPORT_LIMIT - len(tally.merged)
        tally.merged.extend(counts.merged[:room])
        tally.merged_names.extend(counts.merged_names[:room])
        return len(batch)

    def _write(self, unique: list[Job]) -> StoreCounts:
        """Store a batch, and begin deriving its skills: they and its index documents follow later.

        The batch before it gets its skills and goes to the index first (``_settle``): its
        skills were matched on the helpers while this batch was read.
        """
        self._hand_ahead()  # the rest of this batch's postings read ahead
        self._settle()
        if self._batches >= ROUND_BATCHES:  # ended only now: its helpers wrote on while this batch was read
            self._end_round()
        if self._steps is None:
            self._round = ExitStack()
            self._steps = self._round.enter_context(self._indexing.round())
        store = self._profile.store
        with self._failing():
            # Stored; its index documents wait for its skills (the round's commit stamps both).
            counts = self._steps.write(lambda: store.upsert_jobs(unique), lambda _counts: IndexChange())
            self._pending = (counts, self._deriving.start_derive(counts))
        self._batches += 1
        self._foreseeing = self._prepared and counts.new + counts.updated > 0
        return counts

    def _settle(self) -> None:
        """Store the skills of the batch stored last and hand its jobs (and any reskilled) to the index."""
        if self._pending is None or self._steps is None:
            return
        (counts, finish), self._pending = self._pending, None
        store = self._profile.store

        def changed(reskilled: Reskilled) -> IndexChange:
            # Indexed with the skills just derived, not read back.
            jobs = store.jobs([*counts.changed_ids, *reskilled.changed], derived=reskilled.skills)
            return IndexChange(jobs=list(jobs.values()), new_ids=counts.new_ids)

        with self._failing():
            self._steps.write(finish, changed)
        self._indexing_round = True

    @contextmanager
    def _failing(self) -> Iterator[None]:
        try:
            yield
        except (OSError, SQLAlchemyError) as exc:
            # One transaction per batch: this batch was not stored; the batches before it were.
            before = self._tally.stored
            what = f"the {before:,} postings before this batch are kept" if before else "nothing was stored"
            raise ServiceError(f"the import failed and {what}: {reason(exc)}") from exc

    def _end_round(self, *exc: Any) -> None:
        """Commit the open round's index writes (drop them on an error: the index then catches up)."""
        opened, steps = self._round, self._steps
        self._round, self._steps, self._batches = None, None, 0
        self._indexing_round = False
        if opened is None or steps is None:
            return
        opened.__exit__(*(exc or (None, None, None)))
        self._tally.busy = self._tally.busy or steps.behind

    def _withdraw(self, source: str, present: set[str]) -> None:
        store = self._profile.store

        def deleted(ids: list[JobId]) -> IndexChange:
            return IndexChange(deleted=ids)

        # A busy index is left behind the database, so the next start catches it up.
        gone, _busy = self._indexing.write(lambda: store.withdraw_missing(source, present), deleted)
        self._tally.removed.extend(gone)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0
