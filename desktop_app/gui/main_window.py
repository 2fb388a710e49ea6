"""The main window: composes the search box, results list and detail pane, and wires them."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from PySide6.QtCore import QByteArray, QModelIndex, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeyEvent, QKeySequence, QMouseEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QLabel,
    QLineEdit,
    QListView,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QSplitter,
    QToolBar,
    QWidget,
)

from desktop_app.core.types import Rejected
from desktop_app.gui.detail import DetailView
from desktop_app.gui.render import job_html, term_html
from desktop_app.gui.results import IdRole, KindRole, ResultDelegate, ResultsModel
from desktop_app.gui.tasks import Task, TaskRunner
from desktop_app.service import ImportReport, SearchResult, Service, StartupReport

log = logging.getLogger(__name__)
DEBOUNCE_MS = 150
SCOPES: tuple[tuple[str, Literal["all", "term", "job"]], ...] = (
    ("All", "all"),
    ("Terms", "term"),
    ("Jobs", "job"),
)


@dataclass(frozen=True, slots=True)
class Place:
    """A page in the navigation history."""

    kind: Literal["term", "job"]
    id: str


class SearchBox(QLineEdit):
    """The query line: Esc clears it; Up, Down and Enter act on the results list.

    Signals:
        move_requested(int): Up (-1) or Down (+1) was pressed.
        open_requested(): Enter was pressed.
    """

    move_requested = Signal(int)
    open_requested = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        key = event.key()
        if key == Qt.Key.Key_Escape:
            self.clear()
        elif key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.move_requested.emit(-1 if key == Qt.Key.Key_Up else 1)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.open_requested.emit()
        else:
            super().keyPressEvent(event)


class MainWindow(QMainWindow):
    """The app's window.

    Signals:
        ready(): the profile is open and the index can answer searches.
        import_finished(object): an import's ImportReport arrived.
        search_finished(object): a search's SearchResult reached the results list.
        page_shown(str, str): the detail pane shows a page (kind, id).
    """

    ready = Signal()
    import_finished = Signal(object)
    search_finished = Signal(object)
    page_shown = Signal(str, str)

    def __init__(self, service: Service, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.settings = settings
        self.runner = TaskRunner(self)
        self.is_ready = False
        self._search_serial = 0
        self._history: list[Place] = []
        self._history_pos = -1
        self.setWindowTitle("Glossary & Jobs")
        self.resize(1100, 720)
        self._build_widgets()
        self._create_actions()
        self._connect_signals()
        self._restore_state()

    # -- construction ---------------------------------------------------------------------
    def _build_widgets(self) -> None:
        self.search_box = SearchBox(self)
        self.search_box.setPlaceholderText(
            "Search terms and jobs — try flask, kube, type:full_time salary:>80000"
        )
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setAccessibleName("Search")
        self.scope = QComboBox(self)
        self.scope.setAccessibleName("Search scope")
        for label, _kind in SCOPES:
            self.scope.addItem(label)
        self.model = ResultsModel(self)
        self.results = QListView(self)
        self.results.setModel(self.model)
        self.results.setItemDelegate(ResultDelegate(self.model, self.results))
        self.results.setUniformItemSizes(True)
        self.results.setAccessibleName("Results")
        self.results.setMinimumWidth(280)
        self.detail = DetailView(self)
        self.detail.setAccessibleName("Details")
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.results)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([420, 680])
        self.setCentralWidget(self.splitter)
        self.status_label = QLabel("Opening…", self)
        self.progress = QProgressBar(self)
        self.progress.setMaximumWidth(220)
        self.progress.setTextVisible(True)
        self.progress.hide()
        self.statusBar().addWidget(self.status_label, 1)
        self.statusBar().addPermanentWidget(self.progress)

    def _create_actions(self) -> None:
        """Declare every action in one place: (text, shortcuts, handler)."""
        table: list[tuple[str, str, list[QKeySequence], object]] = [
            ("back", "Back", [QKeySequence(QKeySequence.StandardKey.Back)], self.go_back),
            ("forward", "Forward", [QKeySequence(QKeySequence.StandardKey.Forward)], self.go_forward),
            ("focus_search", "Find", [QKeySequence("Ctrl+L"), QKeySequence(QKeySequence.StandardKey.Find)],
             self.focus_search),
            ("import_jobs", "&Import Jobs…", [QKeySequence("Ctrl+I")], self.choose_job_files),
            ("add_entries", "Add &Glossary Entries…", [], self.choose_glossary_files),
            ("quit", "&Quit", [QKeySequence(QKeySequence.StandardKey.Quit)], self.close),
        ]  # fmt: skip
        self.actions_by_id: dict[str, QAction] = {}
        for action_id, text, keys, handler in table:
            action = QAction(text, self)
            action.setShortcuts(keys)
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.triggered.connect(handler)
            self.addAction(action)
            self.actions_by_id[action_id] = action
        file_menu = self.menuBar().addMenu("&File")
        for action_id in ("import_jobs", "add_entries", "quit"):
            if action_id == "quit":
                file_menu.addSeparator()
            file_menu.addAction(self.actions_by_id[action_id])
        go_menu = self.menuBar().addMenu("&Go")
        for action_id in ("back", "forward", "focus_search"):
            go_menu.addAction(self.actions_by_id[action_id])
        toolbar = QToolBar("Navigation", self)
        toolbar.setObjectName("navigation")
        toolbar.setMovable(False)
        toolbar.addAction(self.actions_by_id["back"])
        toolbar.addAction(self.actions_by_id["forward"])
        toolbar.addWidget(self.search_box)
        toolbar.addWidget(self.scope)
        self.addToolBar(toolbar)
        self._update_navigation()

    def _connect_signals(self) -> None:
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self._on_debounce_timeout)
        self.search_box.textChanged.connect(self._on_search_box_text_changed)
        self.search_box.move_requested.connect(self._on_search_box_move_requested)
        self.search_box.open_requested.connect(self._on_search_box_open_requested)
        self.scope.currentIndexChanged.connect(self._on_scope_changed)
        self.results.activated.connect(self._on_results_activated)
        self.results.clicked.connect(self._on_results_activated)
        self.detail.term_link_activated.connect(lambda slug: self.open_place(Place("term", slug)))
        self.detail.job_link_activated.connect(lambda job_id: self.open_place(Place("job", job_id)))

    # -- start-up -------------------------------------------------------------------------
    def start(self) -> None:
        """Open the profile and prepare the index in the background; the window stays live."""
        self.detail.show_html("<h1>Glossary &amp; Jobs</h1><p>Opening your library…</p>")
        task = Task(self.service.open)
        task.signals.finished.connect(self._on_open_finished)
        task.signals.failed.connect(self._on_startup_failed)
        self.runner.write(task)

    def _on_open_finished(self, report: StartupReport) -> None:
        for problem in report.glossary_problems:
            log.warning("glossary: %s", problem)
        task = Task(self.service.ensure_index, with_progress=True)
        task.signals.progress.connect(self._on_index_progress)
        task.signals.finished.connect(self._on_index_ready)
        task.signals.failed.connect(self._on_startup_failed)
        self.runner.write(task)

    def _on_index_progress(self, done: int, total: int) -> None:
        self.status_label.setText("Building the search index…")
        self.progress.setRange(0, max(1, total))
        self.progress.setValue(done)
        self.progress.show()

    def _on_index_ready(self, state_found: str) -> None:
        self.progress.hide()
        self.is_ready = True
        terms, jobs = self.service.counts()
        if state_found == "missing":
            note = " · search index built"
        elif state_found != "ok":
            note = f" · search index was {state_found}: rebuilt"
        else:
            note = ""
        self.status_label.setText(f"{terms} terms · {jobs} jobs{note}")
        self.ready.emit()
        if not self.search_box.text().strip():
            self._show_welcome(terms, jobs)
        self._run_search()

    def _on_startup_failed(self, message: str) -> None:
        self.progress.hide()
        self.status_label.setText("Could not open the library.")
        QMessageBox.critical(
            self,
            "Glossary & Jobs",
            f"The library could not be opened:\n\n{message}\n\n"
            f"Details are in the log: {self.service.paths.log_file}",
        )

    def _show_welcome(self, terms: int, jobs: int) -> None:
        examples = ["flask", "kube", "djnago", "type:full_time salary:>80000", "location:irvine"]
        links = " · ".join(f"<code>{e}</code>" for e in examples)
        self.detail.show_html(
            f"<h1>Glossary &amp; Jobs</h1><p class='summary'>{terms} terms and {jobs} jobs, offline.</p>"
            f"<p>Type in the search box (Ctrl+L) — results appear while you type. Try: {links}</p>"
            "<p>Up/Down move through results, Enter opens one, Alt+Left/Alt+Right go back and "
            "forward, Esc clears the search.</p>"
        )

    # -- search ---------------------------------------------------------------------------
    def focus_search(self) -> None:
        """Put the cursor in the search box, with its text selected."""
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def _on_search_box_text_changed(self, _text: str) -> None:
        self._debounce.start()

    def _on_scope_changed(self, _index: int) -> None:
        self._debounce.start()

    def _on_debounce_timeout(self) -> None:
        self._run_search()

    def _run_search(self) -> None:
        if not self.is_ready:
            return
        text = self.search_box.text()
        self._search_serial += 1
        serial = self._search_serial
        kind = SCOPES[self.scope.currentIndex()][1]
        if text.strip():
            task = Task(self.service.search, text, kind, 100)
        else:
            task = Task(self.service.browse, kind)
        task.signals.finished.connect(lambda result, s=serial: self._on_search_finished(s, result))
        task.signals.failed.connect(self._on_search_failed)
        self.runner.read(task)

    def _on_search_finished(self, serial: int, result: SearchResult) -> None:
        if serial != self._search_serial:
            return  # a newer query has been typed since; its answer is on its way
        self.model.set_hits(result.hits, result.words, not result.query[-1:].isspace())
        if result.hits:
            self.results.setCurrentIndex(self.model.index(0))
        if not result.query.strip():
            self.search_finished.emit(result)  # browsing: the status line keeps the counts
            return
        parts = [f"{result.total} result{'s' if result.total != 1 else ''}"]
        if result.suggestion:
            parts.append(f"did you mean “{result.suggestion}”?")
        parts.extend(result.notes)
        self.status_label.setText(" · ".join(parts))
        self.search_finished.emit(result)

    def _on_search_failed(self, message: str) -> None:
        self.status_label.setText(f"Search failed: {message}")

    def _on_search_box_move_requested(self, step: int) -> None:
        rows = self.model.rowCount()
        if not rows:
            return
        row = min(max(self.results.currentIndex().row() + step, 0), rows - 1)
        self.results.setCurrentIndex(self.model.index(row))

    def _on_search_box_open_requested(self) -> None:
        index = self.results.currentIndex()
        if not index.isValid() and self.model.rowCount():
            index = self.model.index(0)
        if index.isValid():
            self._on_results_activated(index)

    def _on_results_activated(self, index: QModelIndex) -> None:
        kind = index.data(KindRole)
        item_id = index.data(IdRole)
        if kind in ("term", "job") and item_id:
            self.open_place(Place(kind, str(item_id)))

    # -- import ---------------------------------------------------------------------------
    def choose_job_files(self) -> None:
        """Ask for job files and import them in the background."""
        files, _ = QFileDialog.getOpenFileNames(
            self, "Import Jobs", "", "Job files (*.json *.jsonld *.html *.htm);;All files (*)"
        )
        if files:
            self.import_job_files([Path(f) for f in files])

    def import_job_files(self, files: list[Path]) -> None:
        """Import job files on the write queue; report what was taken and rejected."""
        self.status_label.setText(f"Importing {len(files)} file{'s' if len(files) != 1 else ''}…")
        task = Task(self.service.import_files, files, False, with_progress=True)
        task.signals.progress.connect(self._on_import_progress)
        task.signals.finished.connect(self._on_import_finished)
        task.signals.failed.connect(lambda message: self._on_task_failed("Import", message))
        self.runner.write(task)

    def _on_import_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(1, total))
        self.progress.setValue(done)
        self.progress.show()

    def _on_import_finished(self, report: ImportReport) -> None:
        self.progress.hide()
        summary = (
            f"Took {len(report.accepted)} job{'s' if len(report.accepted) != 1 else ''}: "
            f"{report.new} new, {report.updated} updated, {report.unchanged} unchanged. "
            f"Rejected {len(report.rejected)}."
        )
        self.status_label.setText(summary)
        self.import_finished.emit(report)
        self._run_search()
        if report.rejected:
            details = "\n".join(f"• {r.source}: {r.reason}" for r in report.rejected[:20])
            more = len(report.rejected) - 20
            if more > 0:
                details += f"\n… and {more} more"
            QMessageBox.information(self, "Import", f"{summary}\n\n{details}")

    def choose_glossary_files(self) -> None:
        """Ask for glossary entry files and add them as the user's own."""
        files, _ = QFileDialog.getOpenFileNames(self, "Add Glossary Entries", "", "Glossary entries (*.toml)")
        if not files:
            return
        task = Task(self.service.add_user_entries, [Path(f) for f in files])
        task.signals.finished.connect(self._on_entries_added)
        task.signals.failed.connect(lambda message: self._on_task_failed("Add entries", message))
        self.runner.write(task)

    def _on_entries_added(self, outcome: tuple[tuple[str, ...], tuple[Rejected, ...]]) -> None:
        added, rejected = outcome
        text = f"Added {len(added)} entr{'y' if len(added) == 1 else 'ies'}."
        self.status_label.setText(text)
        self._run_search()
        if rejected:
            details = "\n".join(f"• {r.source}: {r.reason}" for r in rejected)
            QMessageBox.information(self, "Add Glossary Entries", f"{text}\n\n{details}")

    def _on_task_failed(self, what: str, message: str) -> None:
        self.progress.hide()
        self.status_label.setText(f"{what} failed: {message}")
        QMessageBox.warning(
            self,
            "Glossary & Jobs",
            f"{what} failed: {message}\n\nDetails are in the log: {self.service.paths.log_file}",
        )

    # -- pages and history ----------------------------------------------------------------
    def open_place(self, place: Place, record: bool = True) -> bool:
        """Show a term or job in the detail pane; return False when it does not exist."""
        if place.kind == "term":
            detail = self.service.term(place.id)
            html = term_html(detail) if detail else None
        else:
            job = self.service.job(place.id)
            html = job_html(job) if job else None
        if html is None:
            self.status_label.setText(f"Not found: {place.id}")
            return False
        self.detail.show_html(html)
        if record:
            del self._history[self._history_pos + 1 :]
            if not self._history or self._history[-1] != place:
                self._history.append(place)
            self._history_pos = len(self._history) - 1
        self._update_navigation()
        self.page_shown.emit(place.kind, place.id)
        return True

    def open_place_by_id(self, kind: str, item_id: str) -> bool:
        """Show the term or job with this id; return False when there is none."""
        if kind not in ("term", "job"):
            return False
        return self.open_place(Place("term" if kind == "term" else "job", item_id))

    def go_back(self) -> None:
        """Show the previous page of the history."""
        if self._history_pos > 0:
            self._history_pos -= 1
            self.open_place(self._history[self._history_pos], record=False)

    def go_forward(self) -> None:
        """Show the next page of the history."""
        if self._history_pos < len(self._history) - 1:
            self._history_pos += 1
            self.open_place(self._history[self._history_pos], record=False)

    def _update_navigation(self) -> None:
        self.actions_by_id["back"].setEnabled(self._history_pos > 0)
        self.actions_by_id["forward"].setEnabled(self._history_pos < len(self._history) - 1)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.BackButton:
            self.go_back()
        elif event.button() == Qt.MouseButton.ForwardButton:
            self.go_forward()
        else:
            super().mousePressEvent(event)

    # -- state ----------------------------------------------------------------------------
    def _restore_state(self) -> None:
        geometry = self.settings.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        splitter = self.settings.value("window/splitter")
        if isinstance(splitter, QByteArray):
            self.splitter.restoreState(splitter)
        scope = str(self.settings.value("search/scope", 0))
        self.scope.setCurrentIndex(int(scope) if scope.isdigit() and int(scope) < len(SCOPES) else 0)
        self.search_box.setText(str(self.settings.value("search/query", "") or ""))

    def save_state(self) -> None:
        """Remember geometry, splitter, scope and query for the next start."""
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/splitter", self.splitter.saveState())
        self.settings.setValue("search/scope", self.scope.currentIndex())
        self.settings.setValue("search/query", self.search_box.text())
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.save_state()
        self._debounce.stop()
        self.runner.wait()
        super().closeEvent(event)
