"""The boards part: following company boards and fetching them — the app's only network use."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from desktop_app.boards.fetch import Fetched, fetch_boards
from desktop_app.boards.http import BoardHttp
from desktop_app.boards.sources import BoardRef, SourceError, parse_source
from desktop_app.core.types import JobId
from desktop_app.search.protocol import IndexChange
from desktop_app.service.errors import ServiceError
from desktop_app.service.indexing import IndexGateway
from desktop_app.service.profile import Profile
from desktop_app.storage.boards import BoardInfo, BoardStore, SnapshotCounts


@dataclass(frozen=True, slots=True)
class BoardFetch:
    """How fetching one board went: what changed, or the one line saying why nothing did."""

    board: str
    ok: bool
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    closed: int = 0
    error: str | None = None
    rejected: int = 0

    def summary(self, name: str | None = None) -> str:
        """Return the status line: "Airbnb: 3 new, 2 closed", or the error."""
        label = name or self.board
        if not self.ok:
            return f"{label}: {self.error}"
        parts = [
            f"{n} {word}"
            for n, word in ((self.new, "new"), (self.updated, "updated"), (self.closed, "closed"))
            if n
        ]
        return f"{label}: " + (", ".join(parts) if parts else "no change")


class BoardsPart:
    """Followed boards of one profile. Nothing here opens a connection except ``fetch``."""

    def __init__(
        self, profile: Profile, indexing: IndexGateway, derive: Callable[[], Sequence[JobId]] = tuple
    ) -> None:
        self._profile = profile
        self._indexing = indexing
        # Derived data the index holds (each job's skills): derived in the same write, and the
        # jobs whose skills changed indexed with the new ones.
        self._derive = derive

    @property
    def _boards(self) -> BoardStore:
        return BoardStore(self._profile.store)

    def add(self, source: str) -> BoardRef:
        """Follow the board a careers URL or ``vendor:name`` names; return it (already followed: same).

        Raises ServiceError saying which forms work when the text names no known board.
        """
        try:
            ref = parse_source(source)
        except SourceError as exc:
            raise ServiceError(str(exc)) from exc
        self._boards.add(ref.key, ref.url)
        return ref

    def boards(self) -> list[BoardInfo]:
        """Return the followed boards, with their open jobs and last fetch."""
        return self._boards.boards()

    def remove(self, key: str) -> dict[str, Any]:
        """Stop following a board (its jobs stay searchable); return what ``undo_remove`` takes."""
        kept = self._boards.remove(self._key(key))
        if kept is None:
            raise ServiceError(f"no followed board is {key}; boards list shows them")
        return kept

    def undo_remove(self, kept: dict[str, Any]) -> None:
        """Follow again a board that ``remove`` removed."""
        self._boards.restore(kept)

    def closed_on(self, job_id: str) -> str | None:
        """Return the date (YYYY-MM-DD) a job left the boards that listed it, or None."""
        when = self._boards.closed_on(job_id)
        return when.date().isoformat() if when else None

    def fetch(
        self,
        keys: Sequence[str] = (),
        cancelled: Callable[[], bool] = lambda: False,
        fetched: Callable[[BoardFetch], None] | None = None,
        http: BoardHttp | None = None,
    ) -> list[BoardFetch]:
        """Fetch the named boards (all when none is named), store each whole, and report each.

        Boards are fetched up to four at once; each is stored in one transaction as soon as it
        arrived whole, or left exactly as it was (with its error remembered). ``fetched`` hears
        each board's result. Raises ServiceError for a name that is not a followed board.
        """
        followed = {b.key: b for b in self.boards()}
        wanted = [self._key(k) for k in keys] or list(followed)
        unknown = [k for k in wanted if k not in followed]
        if unknown:
            raise ServiceError(f"not a followed board: {', '.join(unknown)} (add it with boards add)")
        refs = [parse_source(k) for k in wanted]
        client = http or BoardHttp()
        results: list[BoardFetch] = []
        try:
            answers = fetch_boards(refs, client, cancelled)
        finally:
            if http is None:
                client.close()
        for answer in answers:
            result = self._store(answer, cancelled)
            results.append(result)
            if fetched is not None:
                fetched(result)
        return results

    def _store(self, answer: Fetched, cancelled: Callable[[], bool]) -> BoardFetch:
        key = answer.ref.key
        if not answer.ok or cancelled():
            error = answer.error or "cancelled"
            self._boards.record_failure(key, error)
            return BoardFetch(key, False, error=error)
        boards = self._boards
        # A busy index is left behind the database (stored whole), to be rebuilt at the next start.

        def stored() -> tuple[SnapshotCounts, Sequence[JobId]]:
            counts = boards.apply_snapshot(key, list(answer.jobs))
            return counts, self._derive()

        (counts, _), _busy = self._indexing.write(stored, self._change)
        return BoardFetch(
            key, True, counts.new, counts.updated, counts.unchanged, counts.closed, None, len(answer.rejected)
        )

    def _change(self, result: tuple[SnapshotCounts, Sequence[JobId]]) -> IndexChange:
        counts, reskilled = result
        jobs = self._profile.store.jobs([*counts.stored.changed_ids, *reskilled])
        return IndexChange(jobs=list(jobs.values()), new_ids=counts.stored.new_ids, deleted=counts.deleted)

    @staticmethod
    def _key(text: str) -> str:
        try:
            return parse_source(text).key
        except SourceError as exc:
            raise ServiceError(str(exc)) from exc
