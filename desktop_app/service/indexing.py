"""The indexing part: the one gateway to the search index, and the rule that keeps it in step."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import replace
from typing import TypeVar

from desktop_app.core.criteria import Criteria
from desktop_app.search.protocol import (
    CatchUp,
    EngineResult,
    HideRules,
    IndexBatch,
    IndexBehindError,
    IndexBusyError,
    IndexChange,
    IndexState,
    IndexUnavailableError,
    KindFilter,
    Progress,
    SearchIndex,
)
from desktop_app.search.skillstats import SkillBits
from desktop_app.service.errors import ServiceError
from desktop_app.service.profile import Profile
from desktop_app.storage.repository import Store

# What a rebuild or catch-up the index could not write tells the reader to do (by: was it busy?).
_AGAIN = {True: "try again when it has finished", False: "the index as it was is kept; try again"}

T = TypeVar("T")


class IndexGateway:
    """Owns the search index of a profile: its state, rebuilds, searches, and keeping it in step.

    The rule, written once (``write``): a database write is followed by the same change in the
    index only when the index was current before the write. An index already behind, damaged or
    busy is left as it is: its stamp then lags the database, so the next start catches it up
    (or rebuilds it, when damaged or of another version) — a search never sees an index that
    claims to be current and is not.
    """

    def __init__(self, profile: Profile, index: SearchIndex) -> None:
        self._profile = profile
        self._index = index
        self._derive: Callable[[], object] = int

    def derive_before_ensure(self, derive: Callable[[], object]) -> None:
        """Have ``ensure`` first bring derived data the index holds (each job's skills) up to date."""
        self._derive = derive

    # -- state ----------------------------------------------------------------------------
    def state(self) -> str:
        """Return the index's state name: "ok", "missing", "stale", "outdated" or "corrupt"."""
        return self._state().name.lower()

    def _state(self) -> IndexState:
        return self._index.state(self._profile.store.generation())

    def ensure(self, progress: Progress | None = None) -> str:
        """Bring the index in step with the database; return the state found.

        A stale index (behind the database, as a crash mid-import leaves it) catches up in
        place, writing only what it lacks, and serves searches meanwhile; a missing, outdated
        or damaged one — or a stale one that cannot tell what it holds — is rebuilt whole.
        Also clears away what rebuilds killed part-way left beside the index.
        """
        self._index.clear_leftovers()
        self._derive()  # jobs stored without their skills (samples, an older version) get them now
        state = self.state()
        if state == "stale" and self.catch_up(progress) is not None:
            return state
        if state != "ok":
            self._rebuild(progress)  # derived just above
        return state

    def catch_up(self, progress: Progress | None = None) -> CatchUp | None:
        """Index only the jobs the index lacks or holds in another version, drop the deleted.

        Returns what was written, or None when the index cannot catch up and must be rebuilt
        (no record of what it holds, or damage found on the way).
        """
        with self._profile.write_lock:
            store = self._profile.store
            # In this order: a write landing meanwhile leaves the index behind, never wrong.
            generation = store.generation()
            versions = store.job_versions()
            terms = store.all_terms()
            try:
                return self._index.catch_up(terms, versions, store.jobs, generation, progress)
            except IndexBehindError as exc:
                raise ServiceError(f"{exc}; {_AGAIN[type(exc) is IndexBusyError]}") from exc
            except Exception:  # noqa: BLE001 - Whoosh raises many kinds of error on damage: rebuild
                return None

    def rebuild(self, progress: Progress | None = None) -> None:
        """Rebuild the whole index from the database, aside, then swap it in.

        Derived data the index holds (each job's skills) is brought up to date first: a rebuilt
        index lacking some would be caught up again at the next start.
        """
        self._derive()
        self._rebuild(progress)

    def _rebuild(self, progress: Progress | None) -> None:
        with self._profile.write_lock:
            store = self._profile.store
            generation = store.generation()
            versions = store.job_versions()  # read before the jobs: a later change shows as stale
            terms = store.all_terms()
            total = len(terms) + store.job_count()
            try:
                self._index.rebuild(terms, store.iter_jobs(), total, generation, progress, versions)
            except IndexBehindError as exc:
                raise ServiceError(f"{exc}; {_AGAIN[type(exc) is IndexBusyError]}") from exc

    # -- keeping in step ------------------------------------------------------------------
    def write(
        self,
        store_write: Callable[[], T],
        change_of: Callable[[T], IndexChange],
        progress: Progress | None = None,
    ) -> tuple[T, IndexBehindError | None]:
        """Run a database write, then apply its change to the index if the index was current.

        Returns the write's result, and the busy error when another process held the index
        (the database change stands; the index is left behind, to be caught up).
        """
        with self.round(progress) as steps:
            result = steps.write(store_write, change_of)
        return result, steps.behind

    @contextmanager
    def round(self, progress: Progress | None = None) -> Iterator[Round]:
        """Hold the write lock for several database writes whose changes the index commits together.

        Each ``write`` of the round is stored at once (its own transaction); the index writes
        its documents meanwhile and commits them all when the round ends, stamped with the last
        write's generation. The round's ``behind`` is then the error that left the index behind.
        """
        with self._profile.write_lock:
            store = self._profile.store
            generation = store.generation()
            steps = Round(store, self._index, generation, progress)
            steps.in_step = self._index.state(generation) is IndexState.OK
            try:
                with self._index.batch() as batch:
                    steps.batch = batch
                    yield steps
            except IndexBehindError as exc:  # the commit failed: the index stays as it was
                steps.behind = steps.behind or exc

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
        """Return the index's best matches; raises ServiceError when it cannot be opened."""
        try:
            return self._index.search(text, kind, limit, criteria, with_facets, hidden)
        except IndexUnavailableError as exc:
            raise ServiceError(f"the search index cannot be opened ({exc}); run reindex") from exc

    def prepare(self) -> None:
        """Read ahead what the first keystrokes would wait for; an index that cannot be opened waits."""
        with suppress(IndexUnavailableError):  # the search that follows says so
            self._index.prepare()

    def job_ids(self, text: str, criteria: Criteria | None = None, hidden: HideRules = ()) -> list[str]:
        """Return the ids of every job ``text`` and ``criteria`` match, unranked."""
        try:
            return self._index.job_ids(text, criteria, hidden)
        except IndexUnavailableError as exc:
            raise ServiceError(f"the search index cannot be opened ({exc}); run reindex") from exc

    def skill_bits(
        self,
        text: str | None,
        hidden: HideRules = (),
        required: Iterable[str] = (),
        criteria: Criteria | None = None,
    ) -> SkillBits:
        """Return the jobs ``text`` matches (all when None) and every job's skills, as bitsets."""
        try:
            return self._index.skill_bits(text, hidden, required, criteria)
        except IndexUnavailableError as exc:
            raise ServiceError(f"the search index cannot be opened ({exc}); run reindex") from exc

    def close(self) -> None:
        """Close the open index (the next search opens it again)."""
        self._index.close()


class Round:
    """Database writes in a row whose changes go to one index batch (see ``IndexGateway.round``).

    The rule, written once: a write's change goes to the index only when the index reflected
    the database just before it. An index already behind, damaged or busy is left as it is:
    its stamp then lags the database, so the next start catches it up (or rebuilds it) — a
    search never sees an index that claims to be current and is not.
    """

    def __init__(self, store: Store, index: SearchIndex, generation: int, progress: Progress | None) -> None:
        self._store = store
        self._index = index
        self._progress = progress
        self._expected = generation  # what the index (with this round's changes) reflects
        self._batched = False
        self.batch: IndexBatch | None = None
        self.in_step = False
        self.behind: IndexBehindError | None = None

    def write(self, store_write: Callable[[], T], change_of: Callable[[T], IndexChange]) -> T:
        """Run one database write and hand its change to the round's index batch if still in step."""
        store = self._store
        before = store.generation()
        bumps = Store.bumps_made
        result = store_write()
        if not self.in_step or before != self._expected:
            self.in_step = False  # another process wrote between: the index will catch up
            return result
        # The index reflects this write's generations, not one another process committed
        # meanwhile: stamped behind the database, the index is then caught up.
        generation = min(store.generation(), before + Store.bumps_made - bumps)
        change = change_of(result)
        if change.jobs and not change.versions:
            versions = store.job_versions(job.id for job in change.jobs)
            # Another process writing meanwhile may have changed them: recorded as unknown.
            if store.generation() == generation:
                change = replace(change, versions=versions)
        try:
            self._apply(change, generation)
        except IndexBehindError as exc:
            self.in_step, self.behind = False, exc
            return result
        self._expected = generation
        return result

    def _apply(self, change: IndexChange, generation: int) -> None:
        if change.terms is not None:  # the glossary is replaced by a commit of its own
            if self._batched:
                raise ValueError("the glossary's terms are replaced in a write of their own")
            self._index.apply(change, generation, self._progress)
        elif not change.is_empty:
            assert self.batch is not None, "a round's writes are made inside IndexGateway.round"
            self.batch.apply(change, generation, self._progress)
            self._batched = True
