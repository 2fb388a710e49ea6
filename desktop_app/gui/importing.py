"""Importing job files and feeds, and glossary entries: its own progress bar, Cancel, and report."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressBar, QPushButton, QWidget

from desktop_app.core.types import Rejected
from desktop_app.gui.import_report import (
    ReportDialog,
    entries_report_dialog,
    failure_dialog,
    import_report_dialog,
    import_summary,
    worth_showing,
)
from desktop_app.gui.tasks import Task, TaskRunner
from desktop_app.service import ImportReport, ReadProgress

JOB_FILES = "Job files (*.json *.jsonld *.ndjson *.jsonl *.html *.htm *.csv *.tsv);;All files (*)"
LAST_FOLDER_KEY = "import/last_folder"  # where the file dialogs open next time


class JobImporter(Protocol):
    """The jobs part of the service, as an import uses it."""

    def import_files(
        self,
        files: Sequence[Path],
        dry_run: bool = ...,
        progress: Callable[[int, int], None] | None = ...,
        cancel: threading.Event | None = ...,
        withdraw_missing: bool = ...,
        reading: Callable[[ReadProgress], object] | None = ...,
    ) -> ImportReport: ...


class EntryAdder(Protocol):
    """The glossary part of the service, as adding the user's entries uses it."""

    def add_user_entries(self, sources: Sequence[Path]) -> tuple[tuple[str, ...], tuple[Rejected, ...]]: ...


class ImportController(QObject):
    """Runs imports on the write queue, shows their progress with a Cancel button, reports the outcome.

    ``progress`` and ``cancel_button`` are its own widgets, for the owner to place (a status bar).
    ``report`` is the last report or failure dialog shown (None before the first). The file
    dialogs open in the folder last chosen from, kept in ``settings``.

    Signals:
        status_changed(str): a line for the status bar.
        import_finished(object): an import's ImportReport arrived (its jobs are stored and indexed);
            a cancelled import that had stored batches reports them too, its ``note`` saying so.
        import_cancelled(): the user cancelled an import before its first batch; nothing was stored.
        import_failed(str): an import failed with this message; nothing was stored.
        entries_added(object): glossary entries were added (the added slugs, the rejected sources).
    """

    status_changed = Signal(str)
    import_finished = Signal(object)
    import_cancelled = Signal()
    read_progress = Signal(object)  # a ReadProgress, from the import's thread
    import_failed = Signal(str)
    entries_added = Signal(object)

    def __init__(
        self,
        jobs: JobImporter,
        glossary: EntryAdder,
        runner: TaskRunner,
        log_file: Path,
        parent: QWidget,
        settings: QSettings | None = None,
    ) -> None:
        super().__init__(parent)
        self._settings = settings
        self.report: ReportDialog | None = None
        self._jobs = jobs
        self._glossary = glossary
        self._runner = runner
        self._log_file = log_file
        self._parent = parent
        self._cancel: threading.Event | None = None
        self.progress = QProgressBar(parent)
        self.progress.setMaximumWidth(220)
        self.progress.setMinimumWidth(180)  # room for "40,000 postings · 40%"
        self.progress.setAccessibleName(self.tr("Import progress"))
        self.progress.hide()
        self.cancel_button = QPushButton(self.tr("Cancel"), parent)
        self.cancel_button.setAccessibleName(self.tr("Cancel the import"))
        self.cancel_button.hide()
        self.cancel_button.clicked.connect(self._on_cancel_button_clicked)
        self.read_progress.connect(self._on_read_progress)

    def busy(self) -> bool:
        """True while an import is under way."""
        return self._cancel is not None

    def cancel(self) -> None:
        """Ask the import under way (if any) to stop; it stores nothing."""
        if self._cancel is not None:
            self._cancel.set()

    def choose_job_files(self) -> None:
        """Ask for job files and import them in the background."""
        files = self._ask_files(self.tr("Import Jobs"), self.tr(JOB_FILES))
        if files:
            self.import_job_files([Path(f) for f in files])

    def choose_feed_files(self) -> None:
        """Say that listings missing from the feeds will be removed, then ask for the feed files."""
        answer = QMessageBox.question(
            self._parent,
            self.tr("Update From Feeds"),
            self.tr(
                "Updating from feeds adds their new listings and removes the stored listings of the "
                "same source that the feeds no longer hold. Your favourites keep their copy.\n\nGo on?"
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        files = self._ask_files(self.tr("Update From Feeds"), self.tr(JOB_FILES))
        if files:
            self.import_job_files([Path(f) for f in files], withdraw_missing=True)

    def _ask_files(self, title: str, kinds: str) -> list[str]:
        """Ask for files in the folder last chosen from; remember the folder of the ones chosen."""
        folder = str(self._settings.value(LAST_FOLDER_KEY, "")) if self._settings is not None else ""
        files, _ = QFileDialog.getOpenFileNames(self._parent, title, folder, kinds)
        if files and self._settings is not None:
            self._settings.setValue(LAST_FOLDER_KEY, str(Path(files[0]).parent))
        return files

    def _show(self, dialog: ReportDialog) -> None:
        if self.report is not None:
            self.report.close()
            self.report.deleteLater()
        self.report = dialog
        dialog.open()  # window-modal, without blocking the event loop

    def import_job_files(self, files: list[Path], withdraw_missing: bool = False) -> None:
        """Import job files on the write queue, with progress and Cancel; then report."""
        self.status_changed.emit(self.tr("Importing %n file(s)…", "", len(files)))
        self._cancel = threading.Event()
        run = partial(
            self._jobs.import_files,
            cancel=self._cancel,
            withdraw_missing=withdraw_missing,
            reading=self.read_progress.emit,
        )
        task = Task(run, files, with_progress=True)
        task.signals.progress.connect(self._on_task_progress)
        task.signals.finished.connect(self._on_import_task_finished)
        task.signals.failed.connect(self._on_import_task_failed)
        self.cancel_button.setEnabled(True)
        self.cancel_button.show()
        self._on_task_progress(0, 0)
        self._runner.write(task)

    def _on_cancel_button_clicked(self) -> None:
        if self._cancel is not None:
            self._cancel.set()
            self.cancel_button.setEnabled(False)
            self.status_changed.emit(self.tr("Cancelling the import… (what it has stored is kept)"))

    def _on_read_progress(self, read: ReadProgress) -> None:
        if self._cancel is None or self._cancel.is_set():
            return
        megabytes = f"{read.bytes_read / 1e6:,.0f} of {read.total_bytes / 1e6:,.0f} MB"
        self.progress.setFormat(self.tr("%Ln posting(s) · %p%", "", read.postings))
        self.progress.setToolTip(megabytes)
        line = self.tr("Importing {0}: %Ln posting(s) read ({1})…", "", read.postings)
        self.status_changed.emit(line.format(read.file, megabytes))

    def _on_task_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, total)  # 0..0 shows a busy bar
        self.progress.setValue(done)
        self.progress.show()

    def _end(self) -> None:
        self.progress.hide()
        self.progress.setFormat("%p%")
        self.progress.setToolTip("")
        self.cancel_button.hide()
        self._cancel = None

    def _on_import_task_finished(self, report: ImportReport) -> None:
        self._end()
        summary = import_summary(report)
        self.status_changed.emit(summary)
        self.import_finished.emit(report)
        if worth_showing(report):
            self._show(import_report_dialog(report, self._parent))

    def _on_import_task_failed(self, message: str) -> None:
        cancelled = self._cancel is not None and self._cancel.is_set()
        self._end()
        if cancelled:
            self.status_changed.emit(self.tr("Import cancelled; nothing was stored."))
            self.import_cancelled.emit()
            return
        self._report_failure(self.tr("Import"), message)
        self.import_failed.emit(message)

    def choose_glossary_files(self) -> None:
        """Ask for glossary entry files and add them as the user's own."""
        files = self._ask_files(self.tr("Add Glossary Entries"), self.tr("Glossary entries (*.toml)"))
        if files:
            self.add_glossary_files([Path(f) for f in files])

    def add_glossary_files(self, files: list[Path]) -> None:
        """Add glossary entry files on the write queue; then report."""
        task = Task(self._glossary.add_user_entries, files)
        task.signals.finished.connect(self._on_entries_task_finished)
        task.signals.failed.connect(lambda message: self._report_failure(self.tr("Add entries"), message))
        self._runner.write(task)

    def _on_entries_task_finished(self, outcome: tuple[tuple[str, ...], tuple[Rejected, ...]]) -> None:
        added, rejected = outcome
        text = self.tr("Added %n entr(y/ies).", "", len(added))
        self.status_changed.emit(text)
        self.entries_added.emit(outcome)
        if rejected:
            self._show(entries_report_dialog(text, bool(added), rejected, self._parent))

    def _report_failure(self, what: str, message: str) -> None:
        first = message.splitlines()[0] if message else ""
        self.status_changed.emit(self.tr("{0} failed: {1}").format(what, first))
        self._show(failure_dialog(what, message, self._log_file, self._parent))
