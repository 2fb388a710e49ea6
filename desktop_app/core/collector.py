"""Pausing Python's cycle collector around work that allocates much and frees it all itself."""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")

_lock = threading.Lock()
_depth = 0
_was_enabled = False


@contextmanager
def collector_paused() -> Iterator[None]:
    """Keep the cycle collector from running until every thread inside this block has left it.

    The service's read questions (searches, a term's page, skills and fit) run under it: the
    one place, whichever thread or pool asks.

    A search at 100,000 jobs makes and drops hundreds of thousands of tuples and lists; reference
    counting frees them, but their allocation alone triggers collections, and a full one scans
    them all while holding the interpreter lock — from a search thread, that stalls the window
    for 20-100 ms. Cycles made meanwhile are collected once the last block ends.

    >>> with collector_paused():
    ...     gc.isenabled()
    False
    """
    global _depth, _was_enabled
    with _lock:
        if _depth == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _was_enabled:
                gc.enable()


def pausing_collector(func: Callable[P, R]) -> Callable[P, R]:
    """Run ``func`` with the cycle collector paused (see ``collector_paused``)."""

    @wraps(func)
    def paused(*args: P.args, **kwargs: P.kwargs) -> R:
        with collector_paused():
            return func(*args, **kwargs)

    return paused
