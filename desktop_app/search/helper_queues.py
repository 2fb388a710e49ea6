"""The parallel index writer's queues as the app uses them: a helper that stops is an error, not a wait.

Whoosh's writer hands each helper process its documents through a bounded job queue and waits for
each one's segment on a result queue. A helper that ended (it raised, or was killed) would leave
the writer blocked on a full job queue for ever, or commit without its documents; these wrappers
turn both into ``HelperFailedError`` so that the write stops and the index stays as it was.
"""

from __future__ import annotations

import queue
from collections.abc import Sequence
from typing import Any, Protocol

PUT_WAIT_S = 1.0  # how long a put waits before looking whether any helper still runs


class HelperFailedError(RuntimeError):
    """A helper process of a parallel index write ended without handing over what it wrote."""


class _Task(Protocol):
    def is_alive(self) -> bool: ...


class CheckedResults:
    """The helpers' result queue as the commit reads it: a segment that never comes is an error."""

    def __init__(self, results: Any) -> None:
        self._results = results

    def get(self, timeout: float | None = None) -> Any:
        try:
            return self._results.get(timeout=timeout)
        except queue.Empty:
            raise HelperFailedError("an index helper process ended without writing its part") from None


class CheckedJobs:
    """The helpers' job queue as the writer fills it: waiting on helpers that all ended is an error."""

    def __init__(self, jobs: Any, tasks: Sequence[_Task]) -> None:
        self.jobs = jobs
        self._tasks = tasks

    def put(self, item: Any) -> None:
        while True:
            try:
                self.jobs.put(item, timeout=PUT_WAIT_S)
                return
            except queue.Full:
                if not any(task.is_alive() for task in self._tasks):
                    raise HelperFailedError(
                        "the index helper processes ended before taking their work"
                    ) from None
