"""A parallel index write whose helpers stopped raises instead of waiting for ever or losing documents."""

from __future__ import annotations

import queue
import threading
from dataclasses import dataclass

import pytest

from desktop_app.search import helper_queues
from desktop_app.search.helper_queues import CheckedJobs, CheckedResults, HelperFailedError


@dataclass
class Task:
    """A helper as the queue sees it."""

    alive: bool

    def is_alive(self) -> bool:
        return self.alive


@pytest.fixture(autouse=True)
def _short_waits(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(helper_queues, "PUT_WAIT_S", 0.05)


def test_a_full_job_queue_whose_helpers_all_ended_is_an_error() -> None:
    jobs: queue.Queue[str] = queue.Queue(maxsize=1)
    checked = CheckedJobs(jobs, [Task(alive=False), Task(alive=False)])
    checked.put("first.doclist")  # room for one: taken at once
    with pytest.raises(HelperFailedError, match="ended before taking their work"):
        checked.put("second.doclist")


def test_a_full_job_queue_waits_while_a_helper_still_works() -> None:
    jobs: queue.Queue[str] = queue.Queue(maxsize=1)
    jobs.put("first.doclist")
    checked = CheckedJobs(jobs, [Task(alive=False), Task(alive=True)])
    taker = threading.Timer(0.2, jobs.get)  # the living helper takes its next job a moment later
    taker.start()
    checked.put("second.doclist")
    taker.join()
    assert jobs.get_nowait() == "second.doclist"


def test_a_segment_that_never_comes_is_an_error() -> None:
    results: queue.Queue[str] = queue.Queue()
    with pytest.raises(HelperFailedError, match="without writing its part"):
        CheckedResults(results).get(timeout=0.05)
    results.put("segment")
    assert CheckedResults(results).get(timeout=0.05) == "segment"
