"""Deriving many jobs' skills on every core: helper processes, each holding the glossary's matcher.

An import derives the skills of each batch it stores while the index's helpers wait for the
batch; matching names in a job's text (most of deriving) then runs on one core. For a batch of
``PARALLEL_MIN_JOBS`` or more, the jobs are matched by a pool of helper processes (one per core,
at most two) instead, and the results are the same as in this process (a test compares them).
The pool is made for one glossary (``key``), kept while batches keep coming, and closed after
``IDLE_S`` without one, with the app, or when the glossary changes. A helper ends when the app
does, even when the app is killed. Where helpers cannot start (an interactive interpreter) or
fail, the jobs are matched here. Jobs can also be handed over before their batch is stored
(``foresee``), while the caller has a core to spare: the batch then takes their skills as found.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import threading
import time
from collections.abc import Callable, Hashable, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from desktop_app.core.processes import children_can_start, end_with_parent, helper_context, preload_in_helpers
from desktop_app.core.termlinks import TermMatcher
from desktop_app.skills.asks import JobText, job_skills
from desktop_app.skills.linker import Named, Names, matcher_for, names_of

if TYPE_CHECKING:
    from multiprocessing.pool import ApplyResult

PARALLEL_MIN_JOBS = 500
IDLE_S = 20.0
POLL_S = 0.5  # how often a wait for the helpers checks they are still there
CHUNK = 100  # jobs handed to a helper at once
# How much lower a helper's priority is than the app's (Unix "nice"): see ``_start_helper``.
HELPER_NICE = 10
Derived = list[tuple[str, bool]]  # (slug, required)
Lookups = tuple[TermMatcher, dict[str, str], dict[str, str]]  # matcher, categories, by name
# What a helper is started with: the matcher's names, each term's category, each name's term.
Glossary = tuple[Names, dict[str, str], dict[str, str]]

_log = logging.getLogger(__name__)
preload_in_helpers(__name__)  # the helpers run this module
_lookups: Lookups | None = None  # in a helper: made once, from the glossary it was started with
_shared: dict[tuple[str, bool], tuple[str, bool]] = {}  # in a helper: one object per (slug, required)


class Posting(NamedTuple):
    """What a helper is handed of a job: only what deriving reads (``JobText``).

    A class of this module, which the helpers import anyway: handing them the caller's own
    objects would make each import that class's module first (the database's, 0.2 s).
    """

    title: str
    text: str
    stated: tuple[str, ...]


def postings_of(jobs: Sequence[JobText]) -> list[Posting]:
    """Return what the helpers are handed of each job (a ``Posting`` as it is: not made twice)."""
    return [job if isinstance(job, Posting) else Posting(job.title, job.text, job.stated) for job in jobs]


def _maps(terms: Sequence[Named]) -> tuple[dict[str, str], dict[str, str]]:
    """Return each term's category, and the term each name (case-folded) is of."""
    categories = {str(t.slug): t.category for t in terms}
    by_name = {n.casefold(): str(t.slug) for t in terms for n in (t.title, *t.aliases)}
    return categories, by_name


def lookups_for(terms: Sequence[Named], matcher: TermMatcher | None = None) -> Lookups:
    """Return what matching needs: the matcher (made unless given), each term's category, each name's term."""
    return matcher or matcher_for(terms), *_maps(terms)


def glossary_for_helpers(terms: Sequence[Named]) -> Glossary:
    """Return what a helper makes its lookups of: the entries' names and maps, not the entries.

    The entries whole (their definitions, examples, sources) were 1.3 MB to pickle and unpickle
    for each helper.
    """
    return names_of(terms), *_maps(terms)


def derive_here(jobs: Sequence[JobText], lookups: Lookups) -> list[Derived]:
    """Return each job's skills, matched in this process."""
    matcher, categories, by_name = lookups
    return [job_skills(job, matcher, categories, by_name) for job in jobs]


def _start_helper(glossary: Glossary) -> None:
    """In a helper: make the lookups, and end with the app (a thread waits on its sentinel).

    A helper runs at a lower priority: the app (an import reading its file, the window) goes
    first, and a batch's skills are matched on the time it leaves.
    """
    global _lookups
    if hasattr(os, "nice"):
        os.nice(HELPER_NICE)
    names, categories, by_name = glossary
    _lookups = TermMatcher(*names), categories, by_name
    end_with_parent()


def _derive_chunk(jobs: list[Posting]) -> list[Derived]:
    assert _lookups is not None, "the helper was started without the glossary"
    # Each (slug, required) answered as one shared object, which the answer's pickle holds once:
    # unpickled a job at a time, 10,000 postings' skills were 190,000 new tuples in the app, and
    # the cycle collections their count set off there (0.15 s of the app's CPU).
    return [[_shared.setdefault(pair, pair) for pair in skills] for skills in derive_here(jobs, _lookups)]


# Jobs handed over ahead of their batch: the chunk, the pool it went to, and its answer to come.
Handed = tuple[list[Posting], Any, "ApplyResult[list[Derived]]"]


class _Sent(NamedTuple):
    """What ``start`` handed the helpers, and what it will take of what ``foresee`` did."""

    pool: Any
    ahead: list[tuple[list[Posting], ApplyResult[list[Derived]]]]
    postings: list[Posting]
    foreseen: dict[Posting, tuple[int, int]]
    pending: ApplyResult[list[list[Derived]]]


class SkillPool:
    """Helper processes that derive skills, made on the first large batch and closed when idle."""

    def __init__(self, processes: int | None = None) -> None:
        self._processes = processes or min(2, os.cpu_count() or 1)
        self._lock = threading.Lock()
        self._pool: Any = None
        self._key: Hashable = None
        # When the helpers close for idling (``time.monotonic``), and the one thread that waits
        # for it while they are up: a timer thread started for each chunk handed over took the
        # reading thread a millisecond each time (a sixth of an import's reading).
        self._idle_at: float | None = None
        self._watcher: threading.Thread | None = None
        # Jobs handed over ahead of their batch (``foresee``): each chunk, the pool it went to,
        # and its answer to come. The next ``start`` takes them all.
        self._ahead: list[Handed] = []

    def derive(
        self, jobs: Sequence[JobText], key: Hashable, terms: Sequence[Named], lookups: Callable[[], Lookups]
    ) -> list[Derived]:
        """Return each job's skills: on the helpers for a large batch, here otherwise.

        ``key`` names the glossary (a pool made for another is closed first) and ``terms`` are
        its entries, handed to the helpers when a pool is made; ``lookups`` gives what matches
        here (made only when some job is derived here: a matcher takes 0.1 s to make).
        """
        return self.start(jobs, key, terms, lookups)()

    def prepare(self, key: Hashable, terms: Sequence[Named]) -> None:
        """Start the helpers for the glossary ``key`` in the background, if they are not up.

        An import of many postings calls this before reading its first batch: the helpers (and
        the matcher each makes) are ready when that batch is stored. Unused, they end when idle.
        """
        if self._processes < 2 or not children_can_start():
            return

        def start() -> None:
            with self._lock:
                if self._pool is not None and self._key == key:
                    return  # up already (an import's first batch may have started them)
                try:
                    self._pool_for(key, terms)
                except (OSError, EOFError, RuntimeError, multiprocessing.ProcessError) as exc:
                    _log.warning("the helper processes deriving skills could not start: %s", exc)
                    self._close()
                    return
                self._idle_from_now()

        threading.Thread(target=start, name="skills-helpers", daemon=True).start()

    def foresee(self, jobs: Sequence[JobText], key: Hashable) -> bool:
        """Hand jobs to the helpers now, before the batch they will be stored in; return whether they were.

        Only when the helpers for the glossary ``key`` are up, and never waiting (while the pool
        is being made, the jobs are left to their batch). The next ``start`` takes the skills
        found for any of its jobs instead of matching them again, and drops the rest: whoever
        calls it (a page's catch-up between an import's batches would take them; the skills are
        the same, and the import's batch matches its jobs again).
        """
        if not jobs or not self._lock.acquire(blocking=False):
            return False
        try:
            pool = self._pool
            if pool is None or self._key != key:
                return False
            postings = postings_of(jobs)
            try:
                pending = pool.apply_async(_derive_chunk, (postings,))
            except (OSError, ValueError, RuntimeError, multiprocessing.ProcessError):
                return False  # the pool is closing: the batch matches them
            self._ahead.append((postings, pool, pending))
            self._idle_from_now()  # not closed for idling while a file is read
            return True
        finally:
            self._lock.release()

    def start(
        self, jobs: Sequence[JobText], key: Hashable, terms: Sequence[Named], lookups: Callable[[], Lookups]
    ) -> Callable[[], list[Derived]]:
        """Begin deriving each job's skills (see ``derive``); the call returned gives them.

        On the helpers, the caller goes on meanwhile: an import reads its next batch. Jobs
        handed over by ``foresee`` since the last start are not matched again.
        """
        small = len(jobs) < PARALLEL_MIN_JOBS or self._processes < 2 or not children_can_start()
        with self._lock:
            handed, self._ahead = self._ahead, []
            if small and not handed:
                sent = None
            else:
                self._stop_idling()
                try:
                    sent = self._send(jobs, key, terms, handed)
                except (OSError, EOFError, RuntimeError, multiprocessing.ProcessError) as exc:
                    return self._failed(exc, jobs, lookups)
        if sent is None:
            found = derive_here(jobs, lookups())
            return lambda: found
        pool, ahead, postings, foreseen, pending = sent

        def answer(waiting: ApplyResult[Any]) -> Any:
            while not waiting.ready():  # a pool closed meanwhile (a glossary change) never answers
                if self._pool is not pool:
                    raise RuntimeError("the helpers were closed")
                waiting.wait(POLL_S)
            return waiting.get()

        def finish() -> list[Derived]:
            try:
                earlier: list[list[Derived]] = [answer(waiting) for _, waiting in ahead]
                matched = iter([derived for part in answer(pending) for derived in part])
                places = map(foreseen.get, postings)
                found = [next(matched) if at is None else earlier[at[0]][at[1]] for at in places]
            except (OSError, EOFError, RuntimeError, multiprocessing.ProcessError) as exc:
                with self._lock:
                    if self._pool is not pool:  # closed already; another may have been made since
                        return derive_here(jobs, lookups())
                    return self._failed(exc, jobs, lookups)()
            with self._lock:
                self._idle_from_now()
            return found

        return finish

    def _send(
        self, jobs: Sequence[JobText], key: Hashable, terms: Sequence[Named], handed: list[Handed]
    ) -> _Sent:
        """Hand the helpers the jobs not among those ``handed`` over by ``foresee`` (with the lock held)."""
        pool = self._pool_for(key, terms)
        # Only what went to these helpers: others were closed (a glossary change) and never answer.
        ahead = [(chunk, found) for chunk, owner, found in handed if owner is pool]
        postings = postings_of(jobs)
        # Where each foreseen posting's skills will be: (chunk, place in it).
        foreseen = {posting: (n, i) for n, (chunk, _) in enumerate(ahead) for i, posting in enumerate(chunk)}
        rest = [posting for posting in postings if posting not in foreseen]
        chunks = [rest[start : start + CHUNK] for start in range(0, len(rest), CHUNK)]
        return _Sent(pool, ahead, postings, foreseen, pool.map_async(_derive_chunk, chunks))

    def _failed(
        self, exc: BaseException, jobs: Sequence[JobText], lookups: Callable[[], Lookups]
    ) -> Callable[[], list[Derived]]:
        _log.warning("deriving skills on helper processes failed, deriving here: %s", exc)
        self._close()
        found = derive_here(jobs, lookups())
        return lambda: found

    def _idle_from_now(self) -> None:
        """Close the helpers after ``IDLE_S`` without a batch (with the lock held)."""
        self._idle_at = time.monotonic() + IDLE_S
        if self._watcher is None:
            self._watcher = threading.Thread(target=self._watch, name="skills-idle", daemon=True)
            self._watcher.start()

    def _watch(self) -> None:
        """Close the helpers once they have idled until ``_idle_at`` (the watcher thread).

        It sleeps until the time last set, and looks again: the lock is taken only then, so
        handing jobs over (which never waits for it) is not turned away for the watcher.
        """
        left = IDLE_S
        while True:
            time.sleep(left)
            with self._lock:
                if self._idle_at is None:  # a batch is under way, or the helpers were closed
                    self._watcher = None
                    return
                left = self._idle_at - time.monotonic()
                if left <= 0:
                    self._close()
                    self._watcher = None
                    return

    def close(self) -> None:
        """End the helpers (a later large batch starts them again)."""
        with self._lock:
            self._close()

    @property
    def running(self) -> bool:
        """Whether helper processes are up."""
        return self._pool is not None

    def _pool_for(self, key: Hashable, terms: Sequence[Named]) -> Any:
        if self._pool is not None and self._key != key:
            self._close()
        if self._pool is None:
            context = helper_context()
            glossary = glossary_for_helpers(terms)
            self._pool = context.Pool(self._processes, initializer=_start_helper, initargs=(glossary,))
            self._key = key
        return self._pool

    def _close(self) -> None:
        self._stop_idling()
        self._ahead = []
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None

    def _stop_idling(self) -> None:
        """Stop the idle countdown (with the lock held): a batch is under way, or the helpers close."""
        self._idle_at = None
