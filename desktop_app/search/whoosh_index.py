"""The Whoosh implementation of SearchIndex: one index folder, its documents and an open engine."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from desktop_app.core.criteria import Criteria
from desktop_app.core.types import Job, JobId, Term
from desktop_app.search import catchup, index, whoosh_raw
from desktop_app.search.engine import SearchEngine
from desktop_app.search.protocol import (
    CatchUp,
    EngineResult,
    HideRules,
    IndexChange,
    IndexState,
    IndexUnavailableError,
    IndexWriteFailedError,
    KindFilter,
    Progress,
)
from desktop_app.search.schema import job_document, term_document
from desktop_app.search.skillstats import SkillBits


class WhooshIndex:
    """A SearchIndex in one folder; keeps one engine open between searches.

    The engine is reopened when another process swapped a rebuilt folder in (the open one
    would go on reading the folder set aside) and dropped before this process writes.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._engine: SearchEngine | None = None
        self._engine_folder: tuple[int, int] | None = None
        self._lock = threading.Lock()

    # -- state ----------------------------------------------------------------------------
    def state(self, generation: int) -> IndexState:
        return index.check(self.folder, generation)

    def clear_leftovers(self) -> None:
        index.remove_leftovers(self.folder)

    # -- writing --------------------------------------------------------------------------
    def rebuild(
        self,
        terms: Sequence[Term],
        jobs: Iterable[Job],
        total: int,
        generation: int,
        progress: Progress | None = None,
        versions: Mapping[JobId, str] | None = None,
    ) -> None:
        def documents() -> Iterator[dict[str, Any]]:
            yield from (term_document(t) for t in terms)
            yield from (job_document(j) for j in jobs)

        self.close()
        with _helpers_checked():
            index.rebuild(
                self.folder,
                documents(),
                total,
                generation,
                progress,
                versions={f"job:{i}": v for i, v in (versions or {}).items()},
                terms_version=catchup.terms_version(terms),
            )

    def catch_up(
        self,
        terms: Sequence[Term],
        versions: Mapping[JobId, str],
        load: Callable[[Sequence[JobId]], Mapping[JobId, Job]],
        generation: int,
        progress: Progress | None = None,
    ) -> CatchUp | None:
        self.close()
        with _helpers_checked():
            return catchup.catch_up(self.folder, terms, versions, load, generation, progress)

    def apply(self, change: IndexChange, generation: int, progress: Progress | None = None) -> None:
        with _helpers_checked():
            self._apply(change, generation, progress)

    @contextmanager
    def batch(self) -> Iterator[_Batch]:
        with _helpers_checked(), index.Batch(self.folder) as batch:
            yield _Batch(batch)

    def _apply(self, change: IndexChange, generation: int, progress: Progress | None) -> None:
        if change.terms is not None:
            self.close()  # every term document goes: searches reopen on the new ones
            documents = (term_document(t) for t in change.terms)
            version = catchup.terms_version(change.terms)
            index.replace_kind(self.folder, "term", documents, generation, version)
        if change.jobs or change.deleted:
            with index.Batch(self.folder) as batch:
                _add_jobs(batch, change, generation, progress)

    # -- reading --------------------------------------------------------------------------
    def search(
        self,
        text: str,
        kind: KindFilter = "all",
        limit: int = 50,
        criteria: Criteria | None = None,
        with_facets: bool = False,
        hidden: HideRules = (),
    ) -> EngineResult:
        return self._open().search(
            text, kind=kind, limit=limit, criteria=criteria, with_facets=with_facets, hidden=hidden
        )

    def job_ids(self, text: str, criteria: Criteria | None = None, hidden: HideRules = ()) -> list[str]:
        return self._open().job_ids(text, criteria, hidden=hidden)

    def prepare(self) -> None:
        self._open().prepare()

    def skill_bits(
        self,
        text: str | None,
        hidden: HideRules = (),
        required: Iterable[str] = (),
        criteria: Criteria | None = None,
    ) -> SkillBits:
        return self._open().skill_bits(text, hidden, required, criteria)

    def close(self) -> None:
        with self._lock:
            engine, self._engine = self._engine, None
        if engine is not None:
            engine.close()

    def _open(self) -> SearchEngine:
        with self._lock:
            folder = _identity(self.folder)
            if self._engine is not None and folder != self._engine_folder:
                self._engine.close()
                self._engine = None
            if self._engine is None:
                try:
                    self._engine = SearchEngine(index.open_index(self.folder))
                except Exception as exc:  # Whoosh raises many kinds of error on a bad folder
                    raise IndexUnavailableError(str(exc)) from exc
                self._engine_folder = folder
            return self._engine


class _Batch:
    """An ``IndexBatch``: job changes added to one open ``index.Batch``."""

    def __init__(self, batch: index.Batch) -> None:
        self._batch = batch

    def apply(self, change: IndexChange, generation: int, progress: Progress | None = None) -> None:
        if change.terms is not None:
            raise ValueError("a batch writes jobs; the glossary's terms are replaced on their own")
        with _helpers_checked():
            _add_jobs(self._batch, change, generation, progress)


def _add_jobs(
    batch: index.Batch, change: IndexChange, generation: int, progress: Progress | None = None
) -> None:
    """Add a change's jobs and removals to an index batch, which then reflects ``generation``."""
    batch.add(
        (job_document(j) for j in change.jobs),
        [f"job:{j}" for j in change.deleted],
        generation,
        new_keys={f"job:{i}" for i in change.new_ids},
        total=len(change.jobs),
        progress=progress,
        versions={f"job:{i}": v for i, v in change.versions.items()},
    )


def _identity(folder: Path) -> tuple[int, int] | None:
    """Return what tells one folder from another put in its place (device and inode), or None."""
    try:
        info = folder.stat()
    except OSError:
        return None
    return info.st_dev, info.st_ino


@contextmanager
def _helpers_checked() -> Iterator[None]:
    """Turn a parallel write's failed helper into the protocol's error, in the reader's words."""
    try:
        yield
    except whoosh_raw.HelperFailedError as exc:
        raise IndexWriteFailedError(f"the search index could not be written ({exc})") from exc
