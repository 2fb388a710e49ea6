"""The cycle collector paused around searches: back on only when the last thread leaves."""

from __future__ import annotations

import gc
import threading

import pytest

from desktop_app.core.collector import collector_paused, pausing_collector


def test_the_collector_stays_off_until_every_thread_has_left() -> None:
    assert gc.isenabled()
    inside, leave = threading.Event(), threading.Event()

    def other() -> None:
        with collector_paused():
            inside.set()
            leave.wait(5)

    thread = threading.Thread(target=other)
    thread.start()
    inside.wait(5)
    with collector_paused():
        assert not gc.isenabled()
    assert not gc.isenabled()  # the other thread is still searching
    leave.set()
    thread.join(5)
    assert gc.isenabled()


def test_a_collector_switched_off_before_stays_off() -> None:
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_the_collector_comes_back_when_the_work_raises() -> None:
    @pausing_collector
    def failing() -> None:
        assert not gc.isenabled()
        raise ValueError("odd query")

    with pytest.raises(ValueError, match="odd query"):
        failing()
    assert gc.isenabled()
