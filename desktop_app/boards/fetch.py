"""Fetching boards: each one's postings read whole into jobs, or one clear line saying why not."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from desktop_app.boards.http import MAX_AT_ONCE, BoardHttp, FetchError
from desktop_app.boards.sources import BoardRef
from desktop_app.boards.vendors import feed
from desktop_app.core.types import Job, Rejected
from desktop_app.importers.ats import detect, parse_feed


@dataclass(frozen=True)
class Fetched:
    """One board's answer: its postings as jobs (source: the board's key) and those rejected.

    ``error`` is set (one line) when the board could not be fetched whole: then ``jobs`` is
    empty and nothing may be stored for that board.
    """

    ref: BoardRef
    jobs: tuple[Job, ...] = ()
    rejected: tuple[Rejected, ...] = ()
    error: str | None = None

    @property
    def ok(self) -> bool:
        """True when the whole board was read."""
        return self.error is None


def fetch_board(ref: BoardRef, http: BoardHttp, cancelled: Callable[[], bool] = lambda: False) -> Fetched:
    """Fetch one board and read its postings; never raises for what the network or vendor did."""
    try:
        data = feed(ref, http, cancelled)
    except FetchError as exc:
        return Fetched(ref, error=str(exc))
    found = detect(data)
    if found is None:
        return Fetched(ref)  # the vendor's shape, with no posting in it: an empty board
    if found[0] != ref.vendor_name:
        return Fetched(ref, error=f"the answer looks like a {found[0]} board, not {ref.vendor_name}")
    result = parse_feed(data, ref.key)
    if result is None:  # detect() found the feed, so parse_feed reads it: never reached
        return Fetched(ref, error=f"the answer is not a job board as {ref.vendor_name} publishes one")
    return Fetched(ref, result.jobs, result.rejected)


def fetch_boards(
    refs: Sequence[BoardRef],
    http: BoardHttp,
    cancelled: Callable[[], bool] = lambda: False,
    done: Callable[[Fetched], None] | None = None,
) -> list[Fetched]:
    """Fetch several boards, up to four at once; ``done`` hears each as it finishes. Keeps the order."""

    def one(ref: BoardRef) -> Fetched:
        fetched = Fetched(ref, error="cancelled") if cancelled() else fetch_board(ref, http, cancelled)
        if done is not None:
            done(fetched)
        return fetched

    with ThreadPoolExecutor(MAX_AT_ONCE) as pool:
        return list(pool.map(one, refs))
