"""Importing from the window: job files and feeds, glossary entries; progress, Cancel, the report."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QMessageBox

from desktop_app.core.types import Rejected
from desktop_app.gui.tasks import Task
from desktop_app.service import ImportReport

if TYPE_CHECKING:
    from desktop_app.gui.main_window import MainWindow

JOB_FILES = "Job files (*.json *.jsonld *.html *.htm *.csv *.tsv);;All files (*)"


class ImportController(QObject):
    """Runs imports on the write queue for the window and reports their outcome."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self._import_cancel: threading.Event | None = None
        window.cancel_button.clicked.connect(self._on_cancel_button_clicked)

    @property
    def cancelling(self) -> threading.Event | None:
        """The cancel flag of the import under way, if any."""
        return self._import_cancel

    def choose_job_files(self) -> None:
        """Ask for job files and import them in the background."""
        files, _ = QFileDialog.getOpenFileNames(self._window, self.tr("Import Jobs"), "", self.tr(JOB_FILES))
        if files:
            self.import_job_files([Path(f) for f in files])

    def choose_feed_files(self) -> None:
        """Ask for feed files to update from: listings they no longer hold are removed."""
        files, _ = QFileDialog.getOpenFileNames(
            self._window, self.tr("Update From Feeds"), "", self.tr(JOB_FILES)
        )
        if files:
            self.import_job_files([Path(f) for f in files], withdraw_missing=True)

    def import_job_files(self, files: list[Path], withdraw_missing: bool = False) -> None:
        """Import job files on the write queue, with progress and Cancel; then report."""
        self._window.status_label.setText(self.tr("Importing {0} file(s)…").format(len(files)))
        self._import_cancel = threading.Event()
        task = Task(
            self._window.service.import_files, files, False, None, self._import_cancel, withdraw_missing
        )
        task.signals.progress.connect(self.show_progress)
        task.signals.finished.connect(self._on_import_finished)
        task.signals.failed.connect(lambda message: self._on_task_failed(self.tr("Import"), message))
        self._window.cancel_button.show()
        self._window.cancel_button.setEnabled(True)
        self.show_progress(0, 0)
        self._window.runner.write(task)

    def _on_cancel_button_clicked(self) -> None:
        if self._import_cancel is not None:
            self._import_cancel.set()
            self._window.cancel_button.setEnabled(False)
            self._window.status_label.setText(self.tr("Cancelling the import…"))

    def show_progress(self, done: int, total: int) -> None:
        """Show progress in the status bar (a busy bar when ``total`` is 0)."""
        self._window.progress.setRange(0, total)  # 0..0 shows a busy bar
        self._window.progress.setValue(done)
        self._window.progress.show()

    def _end_long_task(self) -> None:
        self._window.progress.hide()
        self._window.cancel_button.hide()
        self._import_cancel = None

    def _on_import_finished(self, report: ImportReport) -> None:
        self._end_long_task()
        summary = self.tr("Took {0} job(s): {1} new, {2} updated, {3} unchanged. Rejected {4}.").format(
            len(report.accepted), report.new, report.updated, report.unchanged, len(report.rejected)
        )
        self._window.status_label.setText(summary)
        self._window.import_finished.emit(report)
        self._window._run_search()
        self._window.user_data.refresh(announce=True)
        if report.removed:
            summary += " " + self.tr("Removed {0} listing(s) the feed no longer holds.").format(
                len(report.removed)
            )
            self._window.status_label.setText(summary)
        if report.rejected or report.merged:
            details = [f"• {r.source}: {r.reason}" for r in report.rejected[:20]]
            if len(report.rejected) > 20:
                details.append(self.tr("… and {0} more").format(len(report.rejected) - 20))
            if report.merged:
                details.append(self.tr("{0} posting(s) repeated known listings and were merged.").format(
                    len(report.merged)))  # fmt: skip
            QMessageBox.information(self._window, self.tr("Import"), summary + "\n\n" + "\n".join(details))

    def choose_glossary_files(self) -> None:
        """Ask for glossary entry files and add them as the user's own."""
        files, _ = QFileDialog.getOpenFileNames(
            self._window, self.tr("Add Glossary Entries"), "", self.tr("Glossary entries (*.toml)")
        )
        if not files:
            return
        task = Task(self._window.service.add_user_entries, [Path(f) for f in files])
        task.signals.finished.connect(self._on_entries_added)
        task.signals.failed.connect(lambda message: self._on_task_failed(self.tr("Add entries"), message))
        self._window.runner.write(task)

    def _on_entries_added(self, outcome: tuple[tuple[str, ...], tuple[Rejected, ...]]) -> None:
        added, rejected = outcome
        text = self.tr("Added {0} entr(y/ies).").format(len(added))
        self._window.status_label.setText(text)
        self._window._run_search()
        if rejected:
            details = "\n".join(f"• {r.source}: {r.reason}" for r in rejected)
            QMessageBox.information(self._window, self.tr("Add Glossary Entries"), f"{text}\n\n{details}")

    def _on_task_failed(self, what: str, message: str) -> None:
        cancelled = self._import_cancel is not None and self._import_cancel.is_set()
        self._end_long_task()
        if cancelled:
            self._window.status_label.setText(self.tr("Import cancelled; nothing was stored."))
            return
        self._window.status_label.setText(self.tr("{0} failed: {1}").format(what, message))
        QMessageBox.warning(
            self._window,
            self.tr("Glossary & Jobs"),
            self.tr("{0} failed: {1}\n\nDetails are in the log: {2}").format(
                what, message, self._window.service.paths.log_file
            ),
        )
