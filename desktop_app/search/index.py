"""The index on disk: health and version checks, rebuild into a temporary folder and swap, updates."""

from __future__ import annotations

import io
import json
import mmap
import os
import shutil
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index
from whoosh.filedb.filestore import FileStorage
from whoosh.filedb.structfile import StructFile
from whoosh.index import Index

from desktop_app.core.files import write_atomic
from desktop_app.core.processes import children_can_start, helper_context, preload_in_helpers, process_alive
from desktop_app.search import ledger, whoosh_raw
from desktop_app.search.merging import bounded_merge
from desktop_app.search.protocol import IndexBusyError as IndexBusyError
from desktop_app.search.protocol import IndexState as IndexState
from desktop_app.search.schema import SCHEMA_VERSION, build_schema
from desktop_app.search.whoosh_raw import Codec as Codec  # old indexes name it here: see _codec

STAMP_FILE = "stamp.json"
WRITER_TIMEOUT_S = 30.0
Progress = Callable[[int, int], None]

# One writer at a time within this process; Whoosh's own lock file guards across processes.
_WRITE_LOCK = threading.Lock()
# Below this many documents one process is quicker than starting helper processes.
PARALLEL_MIN_DOCS = 2000
WRITER_MEMORY_MB = 128
# A rebuild writes rounds of this many documents, each its own segments: a round's postings
# (about 280 a job, with the word pairs) fit in each helper's memory, so they are never spilled
# to disk and merged back (a quarter of the time a 10,000-job build took).
ROUND_DOCS = 10_000
ROUND_MEMORY_MB = 320
# Larger boards are built in at most this many rounds: a search looks each word up in every
# segment (about 0.1 ms each), so 1,000,000 jobs in rounds of 10,000 (200 segments) cost a
# query tens of milliseconds per word and field. Rounds past the memory above spill to disk.
MOST_ROUNDS = 10
BLOCK_POSTINGS = 512
preload_in_helpers("desktop_app.search.whoosh_raw.writing")  # what the writer's helpers run


# An index names its codec's class in its table of contents. Indexes written before the codec
# moved to ``whoosh_raw`` name it ``desktop_app.search.index.Codec``: it must stay findable here,
# or they would read as damaged instead of being rebuilt as outdated.


def _codec() -> whoosh_raw.Codec:
    return whoosh_raw.Codec(blocklimit=BLOCK_POSTINGS)


def _writer(ix: Index, expected: int, timeout: float = 0.0, memory_mb: int = WRITER_MEMORY_MB) -> Any:
    """Return a writer: several processes (one per core, at most two) for large batches.

    Segments are written as separate files, not one compound file: Whoosh reads a compound
    file's parts by copying each whole into memory (192 MB for 100,000 jobs), while separate
    files are read a block at a time, from the page cache.

    Helper processes are started with "forkserver" (or "spawn"), never a plain fork, so a
    caller with threads — the window — is safe.
    """
    procs = min(2, os.cpu_count() or 1)
    if expected < PARALLEL_MIN_DOCS or procs < 2 or not children_can_start():
        codec = _codec()
        return whoosh_raw.segment_writer(ix, limitmb=memory_mb, timeout=timeout, codec=codec, compound=False)
    helper_context()  # Whoosh starts its helpers through the default
    return whoosh_raw.parallel_writer(ix, procs, memory_mb, timeout, _codec())


BUSY_MESSAGE = "the search index is being written by another window or command"


@contextmanager
def _writing(index_dir: Path, timeout: float) -> Iterator[None]:
    """Hold the lock every process takes to change the index folder (the OS drops it if one dies).

    Raises IndexBusyError when another process holds it for longer than ``timeout`` seconds.
    """
    try:
        import fcntl
    except ImportError:  # not on POSIX: Whoosh's own lock file is the only guard
        yield
        return
    index_dir.parent.mkdir(parents=True, exist_ok=True)
    with open(index_dir.parent / f".{index_dir.name}.lock", "a+b") as handle:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise IndexBusyError(BUSY_MESSAGE) from None
                time.sleep(0.05)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def read_stamp(index_dir: Path) -> dict[str, Any]:
    """Return the stamp written with the index (schema version and data generation), or {}."""
    try:
        value = json.loads((index_dir / STAMP_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return value if isinstance(value, dict) else {}


def write_stamp(index_dir: Path, generation: int, **fields: Any) -> None:
    """Record the schema version and the data generation the index now reflects.

    Other facts the stamp holds (``terms``: the version of the glossary's documents) are kept
    unless ``fields`` gives them anew.
    """
    value = read_stamp(index_dir) | fields | {"schema": SCHEMA_VERSION, "generation": generation}
    write_atomic(index_dir / STAMP_FILE, json.dumps(value))


def check(index_dir: Path, generation: int) -> IndexState:
    """Return whether the index can serve searches for the database at ``generation``."""
    if not index_dir.is_dir():
        return IndexState.MISSING
    try:
        if not whoosh_index.exists_in(str(index_dir)):
            return IndexState.MISSING
    except Exception:  # noqa: BLE001 - a table of contents that cannot be read is damage
        return IndexState.CORRUPT
    stamp = read_stamp(index_dir)
    if stamp.get("schema") != SCHEMA_VERSION:
        return IndexState.OUTDATED
    try:
        ix = whoosh_index.open_dir(str(index_dir))
        with ix.searcher() as searcher:
            searcher.doc_count()
            # Reading a posting list touches the segment files, not only the table of contents.
            next(iter(searcher.reader().all_doc_ids()), None)  # the first only: not 100,000
            searcher.reader().doc_frequency("kind", "term")
    except Exception:  # noqa: BLE001 - Whoosh raises many kinds of error on damaged files
        return IndexState.CORRUPT
    if stamp.get("generation") != generation:
        return IndexState.STALE
    return IndexState.OK


class MappedStorage(FileStorage):  # type: ignore[misc]
    """An index folder whose files are read through memory maps: from the page cache, never copied."""

    def open_file(self, name: str, **kwargs: Any) -> StructFile:
        with open(os.path.join(self.folder, name), "rb") as handle:
            if os.fstat(handle.fileno()).st_size == 0:
                return StructFile(io.BytesIO(b""), name=name, **kwargs)
            mapped = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
        return StructFile(mapped, name=name, **kwargs)


def open_index(index_dir: Path) -> Index:
    """Open the index for searching (raises if it is missing or damaged)."""
    return MappedStorage(str(index_dir)).open_index()


def remove_leftovers(index_dir: Path) -> list[Path]:
    """Delete the half-built or retired index folders of rebuilds whose process died; return them.

    A rebuild killed part-way leaves ``.index-building-PID-THREAD`` (or ``.index-old-...``)
    beside the index; one whose process still runs is another rebuild at work and is kept.
    """
    removed: list[Path] = []
    for folder in index_dir.parent.glob(f".{index_dir.name}-*-*-*"):
        pid = folder.name.split("-")[-2]
        if folder.is_dir() and pid.isdigit() and int(pid) != os.getpid() and not process_alive(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed


def rebuild(
    index_dir: Path,
    documents: Iterable[dict[str, Any]],
    total: int,
    generation: int,
    progress: Progress | None = None,
    *,
    versions: Mapping[str, str] | None = None,
    terms_version: str | None = None,
) -> None:
    """Build a fresh index in a temporary folder beside ``index_dir``, then swap it in.

    The old index keeps serving until the swap; a failure leaves it untouched. ``versions``
    (by key) are what the job documents were built from, for the ledger that lets the index
    catch up later; ``terms_version`` likewise for the term documents.
    """
    parent = index_dir.parent
    parent.mkdir(parents=True, exist_ok=True)
    remove_leftovers(index_dir)
    building = parent / f".{index_dir.name}-building-{os.getpid()}-{threading.get_ident()}"
    retired = parent / f".{index_dir.name}-old-{os.getpid()}-{threading.get_ident()}"
    shutil.rmtree(building, ignore_errors=True)
    building.mkdir()
    with _WRITE_LOCK:
        try:
            ix = whoosh_index.create_in(str(building), build_schema())
            pending = iter(documents)
            done = 0
            job_keys: list[str] = []
            # Rounds of about ROUND_DOCS, evened out: 10,360 documents are one round, not
            # 10,000 and a last round of 360 (a writer, a segment and a commit for a few).
            rounds = max(1, min(MOST_ROUNDS, round(total / ROUND_DOCS)))
            round_docs = max(1, -(-total // rounds))
            while True:
                writer = _writer(ix, min(round_docs, max(1, total - done)), memory_mb=ROUND_MEMORY_MB)
                added = 0
                try:
                    for doc in pending:
                        writer.add_document(**doc)
                        if doc.get("kind") == "job":
                            job_keys.append(doc["key"])
                        done += 1
                        added += 1
                        if progress is not None and (done % 200 == 0 or done == total):
                            progress(done, total)
                        if added == round_docs:
                            break
                    writer.commit(merge=False)
                except BaseException:
                    writer.cancel()
                    raise
                if added < round_docs:
                    break
            ix.close()
            known = versions or {}
            ledger.create(building, ((key, known.get(key, ledger.UNKNOWN)) for key in job_keys))
            write_stamp(building, generation, terms=terms_version)
            with _writing(index_dir, WRITER_TIMEOUT_S):  # no other process's commit lands mid-swap
                if index_dir.exists():
                    os.replace(index_dir, retired)
                os.replace(building, index_dir)
        finally:
            shutil.rmtree(building, ignore_errors=True)
            shutil.rmtree(retired, ignore_errors=True)
    if progress is not None:
        progress(total, total)


@contextmanager
def _committing(
    index_dir: Path,
    expected: int,
    generation: int | Callable[[], int],
    before: Callable[[], None] | None = None,
    after: Callable[[], None] | None = None,
    **stamp: Any,
) -> Iterator[Any]:
    """Yield a writer on the index; commit and stamp ``generation`` on success, cancel on failure.

    ``before`` runs just before the commit and ``after`` just after it, ahead of the stamp
    (the ledger's two steps); ``stamp`` gives the stamp's other facts. ``generation`` may be
    a callable: the generation is then asked at the commit.
    """
    with _WRITE_LOCK, _writing(index_dir, WRITER_TIMEOUT_S):
        ix = open_index(index_dir)
        try:
            writer = _writer(ix, expected, WRITER_TIMEOUT_S)
        except whoosh_index.LockError as exc:
            ix.close()
            raise IndexBusyError(BUSY_MESSAGE) from exc
        try:
            yield writer
            if before is not None:
                before()
            writer.commit(mergetype=bounded_merge)
        except BaseException:
            writer.cancel()
            raise
        finally:
            ix.close()
        if after is not None:
            after()
        write_stamp(index_dir, generation() if callable(generation) else generation, **stamp)


def replace_kind(
    index_dir: Path,
    kind: str,
    documents: Iterable[dict[str, Any]],
    generation: int,
    version: str | None = None,
) -> None:
    """Remove every document of ``kind`` and add ``documents`` instead, in one commit.

    For terms, ``version`` is what the new documents were built from: the stamp forgets the old
    one before the commit (a kill then leaves it unknown) and records the new one after it.
    """
    stamp = {"terms": version} if kind == "term" else {}

    def forget() -> None:
        if stamp:
            write_stamp(index_dir, read_stamp(index_dir).get("generation", -1), terms=None)

    with _committing(index_dir, 0, generation, forget, None, **stamp) as writer:
        writer.delete_by_term("kind", kind)
        for doc in documents:
            writer.add_document(**doc)


def update(
    index_dir: Path,
    documents: Iterable[dict[str, Any]],
    removed_keys: Iterable[str],
    generation: int,
    *,
    parallel: bool = True,
    **options: Any,
) -> None:
    """Add or replace documents (matched by ``key``) and remove others, in one commit.

    ``options`` are ``Batch.add``'s. Without ``parallel`` one process writes, however many
    documents there are.
    """
    with Batch(index_dir, parallel=parallel) as batch:
        batch.add(documents, removed_keys, generation, **options)


class Batch:
    """Changes written by one writer and committed together, on leaving the ``with`` block.

    The writer opens at the first ``add`` (with the index's locks, held until the commit) and
    commits with the generation of the last; an error cancels every change of the batch. With
    helper processes, the documents of one ``add`` are written while the caller prepares the
    next: an import stores its next postings meanwhile.
    """

    def __init__(self, index_dir: Path, *, parallel: bool = True) -> None:
        self._dir = index_dir
        self._parallel = parallel
        self._stack = ExitStack()
        self._writer: Any = None
        self._generation = -1
        self._written: list[str] = []
        self._removed: list[str] = []
        self._versions: dict[str, str] = {}

    def __enter__(self) -> Batch:
        return self

    def __exit__(self, *exc: Any) -> None:
        self._stack.__exit__(*exc)

    def _open(self, expected: int) -> None:
        def before() -> None:
            job_keys = [key for key in self._removed if key.startswith("job:")]
            ledger.begin(self._dir, [*job_keys, *self._written])

        def after() -> None:
            versions = self._versions
            written = {key: versions.get(key, ledger.UNKNOWN) for key in self._written}
            ledger.settle(self._dir, written, self._removed)

        committing = _committing(
            self._dir, expected if self._parallel else 0, lambda: self._generation, before, after
        )
        self._writer = self._stack.enter_context(committing)

    def add(
        self,
        documents: Iterable[dict[str, Any]],
        removed_keys: Iterable[str],
        generation: int,
        *,
        new_keys: set[str] | frozenset[str] = frozenset(),
        total: int = 0,
        progress: Progress | None = None,
        versions: Mapping[str, str] | None = None,
    ) -> None:
        """Remove ``removed_keys`` and add ``documents``; the batch then reflects ``generation``."""
        if self._writer is None:
            self._open(total)
        writer = self._writer
        for key in removed_keys:
            writer.delete_by_term("key", key)
            self._removed.append(key)
        for done, doc in enumerate(documents, 1):
            if doc.get("kind") == "job":  # the ledger holds job documents (terms: the stamp)
                self._written.append(doc["key"])
            if doc["key"] in new_keys:
                writer.add_document(**doc)
            else:
                writer.update_document(**doc)
            if progress is not None and (done % 500 == 0 or done == total):
                progress(done, total)
        self._versions.update(versions or {})
        self._generation = generation
