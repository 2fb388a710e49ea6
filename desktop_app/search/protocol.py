"""What the service needs of a search index: the SearchIndex protocol and the change it applies."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from enum import Enum
from typing import Literal, Protocol

from desktop_app.core.criteria import Criteria
from desktop_app.core.types import Job, JobId, Term
from desktop_app.search.skillstats import SkillBits

Progress = Callable[[int, int], None]
KindFilter = Literal["all", "term", "job"]
HideRules = tuple[tuple[str, str], ...]


class IndexState(Enum):
    """The state of the index compared with the database."""

    OK = "ok"
    MISSING = "missing"
    OUTDATED = "built by another version"
    STALE = "behind the database"
    CORRUPT = "damaged"


class IndexBehindError(RuntimeError):
    """The index could not follow a write: the database's change stands, the index catches up later."""


class IndexBusyError(IndexBehindError):
    """Another window or command kept the index's write lock past the timeout."""


class IndexWriteFailedError(IndexBehindError):
    """Writing the index failed part-way (a helper process ended); the index stays as it was."""


class IndexUnavailableError(RuntimeError):
    """The index cannot be opened for searching (missing or damaged): it must be rebuilt."""


@dataclass(frozen=True)
class IndexChange:
    """One batch of changes the database has committed, for the index to follow.

    ``terms`` (when not None) replaces every term document; ``jobs`` are added or replaced
    (those in ``new_ids`` are known to be absent, which is quicker); ``deleted`` jobs are dropped.
    ``versions`` are the database's content hashes of ``jobs``, recorded so that an index left
    behind later can tell which of its documents are current (a job without one is rewritten).
    """

    terms: Sequence[Term] | None = None
    jobs: Sequence[Job] = ()
    new_ids: frozenset[JobId] = frozenset()
    deleted: Sequence[JobId] = ()
    versions: Mapping[JobId, str] = field(default_factory=dict)

    @property
    def is_empty(self) -> bool:
        """True when there is nothing to apply."""
        return self.terms is None and not self.jobs and not self.deleted


@dataclass(frozen=True, slots=True)
class CatchUp:
    """What catching up wrote: jobs indexed anew, jobs dropped, and whether the terms were."""

    written: int
    deleted: int
    terms: bool


@dataclass(frozen=True, slots=True)
class RawHit:
    """One match as the index knows it."""

    kind: Literal["term", "job"]
    id: str
    title: str
    score: float


@dataclass(frozen=True)
class EngineResult:
    """A page of matches, the total, a "did you mean" and notes on what was ignored.

    With facets asked for: ``kind_counts`` (terms and jobs matching the text, before the job
    filters), ``facets`` (jobs per facet value) and ``excluded`` (jobs each facet removes).
    """

    total: int
    hits: tuple[RawHit, ...]
    suggestion: str | None
    notes: tuple[str, ...]
    words: tuple[str, ...]
    kind_counts: dict[str, int] = field(default_factory=dict)
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
    excluded: dict[str, int] = field(default_factory=dict)
    typing: bool = False  # the last word is still being typed (it matches as a prefix)


class IndexBatch(Protocol):
    """Changes applied by one writer and committed together when its ``batch`` context ends."""

    def apply(self, change: IndexChange, generation: int, progress: Progress | None = None) -> None:
        """Apply one committed database batch (jobs only); the commit will stamp the last ``generation``.

        Raises IndexBehindError (busy, or a failed write); the context's end then raises nothing
        more and commits nothing.
        """
        ...


class SearchIndex(Protocol):
    """A search index derived from the database: rebuilt whole, or kept in step batch by batch.

    ``generation`` is the database's data generation the index reflects after a write; an
    index stamped with another generation is stale.
    """

    def state(self, generation: int) -> IndexState:
        """Return whether the index can serve searches for the database at ``generation``."""
        ...

    def clear_leftovers(self) -> None:
        """Remove what writers killed part-way left beside the index."""
        ...

    def rebuild(
        self,
        terms: Sequence[Term],
        jobs: Iterable[Job],
        total: int,
        generation: int,
        progress: Progress | None = None,
        versions: Mapping[JobId, str] | None = None,
    ) -> None:
        """Build the whole index aside and swap it in (the old one serves until then).

        ``versions`` are the jobs' content hashes, read before ``jobs``. Raises IndexBusyError
        when another process holds the write lock too long.
        """
        ...

    def catch_up(
        self,
        terms: Sequence[Term],
        versions: Mapping[JobId, str],
        load: Callable[[Sequence[JobId]], Mapping[JobId, Job]],
        generation: int,
        progress: Progress | None = None,
    ) -> CatchUp | None:
        """Bring a sound index that is behind up to the database at ``generation``, in place.

        ``versions`` are every stored job's content hash (read before ``load`` is called);
        ``load`` reads jobs by id. Writes only the jobs the index lacks or holds in another
        version, drops the jobs no longer stored, and replaces the terms if they changed.
        Returns None, writing nothing, when the index cannot tell what it holds (then it must
        be rebuilt). Raises IndexBusyError.
        """
        ...

    def apply(self, change: IndexChange, generation: int, progress: Progress | None = None) -> None:
        """Apply one committed batch and stamp ``generation``; raises IndexBusyError."""
        ...

    def batch(self) -> AbstractContextManager[IndexBatch]:
        """Return a context whose changes one writer applies, committed at its end (IndexBehindError)."""
        ...

    def search(
        self,
        text: str,
        kind: KindFilter = "all",
        limit: int = 50,
        criteria: Criteria | None = None,
        with_facets: bool = False,
        hidden: HideRules = (),
    ) -> EngineResult:
        """Return the best matches; raises IndexUnavailableError when the index cannot be opened."""
        ...

    def job_ids(self, text: str, criteria: Criteria | None = None, hidden: HideRules = ()) -> list[str]:
        """Return the ids of every job ``text`` and ``criteria`` match, unranked."""
        ...

    def prepare(self) -> None:
        """Read ahead what the first keystrokes would otherwise wait for (the spelling vocabulary)."""
        ...

    def skill_bits(
        self,
        text: str | None,
        hidden: HideRules = (),
        required: Iterable[str] = (),
        criteria: Criteria | None = None,
    ) -> SkillBits:
        """Return the jobs ``text`` (all when None) and ``criteria`` match, as bitsets.

        With them come every job's skills as bitsets, and the required-by sets of ``required``.
        """
        ...

    def close(self) -> None:
        """Close what is open; the next search opens the index again."""
        ...
