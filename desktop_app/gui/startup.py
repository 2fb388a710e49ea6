"""Opening the library: the profile, the search index (checked, built or caught up), the day's backup."""

from __future__ import annotations

import logging
import threading
from functools import partial

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

from desktop_app.gui.tasks import Task, TaskRunner
from desktop_app.service import (
    BACKUP_NOT_MADE,
    Service,
    StartupReport,
    backup_not_made,
    newest_good_backup,
    restore_backup,
)

log = logging.getLogger(__name__)


class Startup(QObject):
    """Opens the profile and readies the index on the write queue; offers a backup when it is damaged.

    Signals:
        index_progress(int, int): the index is being built (done, total).
        index_ready(str): searches can be answered; carries the state the index was found in
            ("ok", "missing", "corrupt", "outdated"; "ok" too when a stale one serves meanwhile).
        index_caught_up(): a stale index, serving meanwhile, has caught up (or been rebuilt).
        startup_failed(str): the library could not be opened (the user has been told).
        backup_failed(str): the library opened, but today's backup could not be made: why.
        backup_done(): today's backup is made (or was made already, or was stopped by ``cancel``).
        updating(str): the library's file is being updated for this version first: what to show.

    The day's backup is made last, on the write queue, once the board can show: a copy of a
    library of 100,000 jobs takes about a second, of a million about twelve.
    """

    index_progress = Signal(int, int)
    index_ready = Signal(str)
    index_caught_up = Signal()
    startup_failed = Signal(str)
    backup_failed = Signal(str)
    backup_done = Signal()
    updating = Signal(str)

    def __init__(self, service: Service, runner: TaskRunner, parent: QWidget) -> None:
        super().__init__(parent)
        self._service = service
        self._runner = runner
        self._parent = parent
        self._stop_backup = threading.Event()
        # In the status bar, shown only when the day's backup could not be made: why, in its tip.
        self.backup_warning = QLabel(parent)
        self.backup_warning.setAccessibleName(self.tr("Backup warning"))
        self.backup_warning.hide()

    def start(self) -> None:
        """Open the profile, then check the index; the answer comes by signal."""
        self._write(self._service.profile.needs_update, self._on_update_checked)

    def _on_update_checked(self, needed: bool) -> None:
        if needed:  # a minute or more at a million jobs, once: say why the window waits
            self.updating.emit(self.tr("Updating your library for this version of the app (once)…"))
        self._write(partial(self._service.open, back_up=False), self._on_open_task_finished)

    def cancel(self) -> None:
        """Stop the day's backup if it is being made (the window is closing); nothing of it is left."""
        self._stop_backup.set()

    def _write(
        self, fn: object, finished: object, with_progress: bool = False, failed: object = None
    ) -> None:
        task = Task(fn, with_progress=with_progress)  # type: ignore[arg-type]
        if with_progress:
            task.signals.progress.connect(self.index_progress)
        task.signals.finished.connect(finished)
        task.signals.failed.connect(failed or self._on_task_failed)
        self._runner.write(task)

    def _on_open_task_finished(self, report: StartupReport) -> None:
        for problem in report.glossary_problems:
            log.warning("glossary: %s", problem)
        self._write(self._service.indexing.state, self._on_state_task_finished)

    def _on_state_task_finished(self, state: str) -> None:
        if state == "ok":
            self.index_ready.emit("ok")
        elif state == "stale":
            # Behind the library but sound: it answers searches while it catches up in place
            # (writing only the jobs it lacks), or while a new one is built if it cannot.
            self.index_ready.emit("ok")
            self._write(self._service.indexing.ensure, lambda _r: self.index_caught_up.emit(), True)
        else:
            self._write(self._service.indexing.ensure, self.index_ready.emit, True)
        # After the index's work on the write queue: the board shows first.
        backup = partial(self._service.profile.back_up_daily, self._stop_backup)
        # An unforeseen failure of the copy is said like a full disk's, not as a library that did not open.
        self._write(backup, self._on_backup_task_finished, failed=self._on_backup_task_failed)

    def _on_backup_task_failed(self, message: str) -> None:
        self._on_backup_task_finished(backup_not_made(message))

    def _on_backup_task_finished(self, problem: str | None) -> None:
        if not problem:
            self.backup_done.emit()
            return
        why = problem.removeprefix(BACKUP_NOT_MADE)  # the service's reason, as the log has it
        self.backup_warning.setText(self.tr("⚠ No backup today: {0}").format(why.partition(":")[0]))
        self.backup_warning.setToolTip(
            self.tr("Today's backup of the library was not made: {0}. The next start tries again.").format(
                why
            )
        )
        self.backup_warning.show()
        self.backup_failed.emit(problem)

    def _on_task_failed(self, message: str) -> None:
        parent, paths = self._parent, self._service.paths
        good = newest_good_backup(paths)
        if good is not None and "damaged" in message:
            answer = QMessageBox.question(
                parent,
                self.tr("Glossary & Jobs"),
                self.tr(
                    "The library could not be opened:\n\n{0}\n\nRestore the newest good backup ({1})? "
                    "The damaged file is kept beside it, renamed."
                ).format(message, good.name),
            )
            if answer == QMessageBox.StandardButton.Yes:
                aside = restore_backup(paths, good)
                log.warning("restored %s; the damaged file is kept as %s", good, aside)
                self.start()
                return
        else:
            QMessageBox.critical(
                parent,
                self.tr("Glossary & Jobs"),
                self.tr("The library could not be opened:\n\n{0}\n\nDetails are in the log: {1}").format(
                    message, paths.log_file
                ),
            )
        self.startup_failed.emit(message)
