"""Background work on QThreadPool: one helper that reports started / progress / finished / failed."""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThreadPool, QTimer, Signal

from desktop_app.service import failure_message

log = logging.getLogger(__name__)
ProgressFn = Callable[[int, int], None]


class TaskSignals(QObject):
    """Signals of one task (they live in the GUI thread; the worker only emits them).

    Signals:
        started(): the task began on its worker thread.
        progress(int, int): done and total, for long tasks.
        finished(object): the task's return value.
        failed(str): a one-line message for the user (the traceback goes to the log).
    """

    started = Signal()
    progress = Signal(int, int)
    finished = Signal(object)
    failed = Signal(str)


class Task:
    """A call to run on a pool thread; ``fn`` may take a ``progress`` keyword to report progress."""

    def __init__(self, fn: Callable[..., Any], *args: Any, with_progress: bool = False) -> None:
        self.signals = TaskSignals()
        self._fn = fn
        self._args = args
        self._with_progress = with_progress

    def run(self) -> None:
        """Run the call (on a pool thread) and report through the signals; never raises."""
        self.signals.started.emit()
        try:
            if self._with_progress:
                result = self._fn(*self._args, progress=self.signals.progress.emit)
            else:
                result = self._fn(*self._args)
        except Exception as exc:  # noqa: BLE001 - every failure is reported, none escapes the thread
            log.error("background task failed:\n%s", traceback.format_exc())
            self.signals.failed.emit(failure_message(exc))
            return
        self.signals.finished.emit(result)


class TaskRunner(QObject):
    """Two pools: ``writes`` runs one task at a time (imports, index builds); ``reads`` for searches.

    A task and its signals are kept until its result has been delivered in the GUI thread:
    a signal object freed earlier would silently drop the queued result.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.writes = QThreadPool(self)
        self.writes.setMaxThreadCount(1)
        self.reads = QThreadPool(self)
        self.reads.setMaxThreadCount(1)
        self._alive: set[Task] = set()

    def _keep(self, task: Task) -> Task:
        self._alive.add(task)

        def release(*_args: object) -> None:
            # After every slot of this emission has run, not during it.
            QTimer.singleShot(0, lambda: self._alive.discard(task))

        task.signals.finished.connect(release)
        task.signals.failed.connect(release)
        return task

    def write(self, task: Task) -> Task:
        """Queue a task that writes; it runs after every earlier write."""
        self.writes.start(self._keep(task).run)
        return task

    def read(self, task: Task) -> Task:
        """Queue a task that only reads."""
        self.reads.start(self._keep(task).run)
        return task

    def wait(self, msecs: int = 30000) -> bool:
        """Wait for every task to end; return False on timeout."""
        return self.writes.waitForDone(msecs) and self.reads.waitForDone(msecs)
