"""The main window: composes the search bar, filter panel, results list and page tabs, and wires them."""

from __future__ import annotations

import gc
import json
import logging
from pathlib import Path
from typing import Literal

from PySide6.QtCore import QByteArray, QLocale, QModelIndex, QSettings, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QKeyEvent,
    QMouseEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QInputDialog,
    QLabel,
    QListView,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTabBar,
    QWidget,
)

from desktop_app.core.criteria import Criteria
from desktop_app.gui.actions import build_actions
from desktop_app.gui.detail_tabs import DetailTabs, Page, Place
from desktop_app.gui.filter_panel import FilterPanel
from desktop_app.gui.importing import ImportController
from desktop_app.gui.render import job_from_snapshot, job_html, term_html, welcome_html
from desktop_app.gui.results import IdRole, KindRole, ResultDelegate, ResultsModel
from desktop_app.gui.search_box import SearchBox
from desktop_app.gui.tasks import Task, TaskRunner
from desktop_app.gui.user_data import UserDataController
from desktop_app.service import (
    SearchResult,
    Service,
    StartupReport,
    newest_good_backup,
    restore_backup,
)

log = logging.getLogger(__name__)
DEBOUNCE_MS = 150
RESULT_LIMIT = 200
Scope = Literal["all", "term", "job"]
SCOPES: tuple[Scope, ...] = ("all", "term", "job")


class MainWindow(QMainWindow):
    """The app's window.

    Signals:
        ready(): the profile is open and the index can answer searches.
        search_finished(object): a search's SearchResult reached the results list.
        page_shown(str, str): a tab shows a page (kind, id).
        import_finished(object): an import's ImportReport arrived.
    """

    ready = Signal()
    index_caught_up = Signal()  # a stale index, serving meanwhile, has been rebuilt
    search_finished = Signal(object)
    page_shown = Signal(str, str)
    import_finished = Signal(object)

    def __init__(self, service: Service, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.settings = settings
        self.runner = TaskRunner(self)
        self.is_ready = False
        self._search_serial = 0
        self.setWindowTitle(self.tr("Glossary & Jobs"))
        self.setAcceptDrops(True)
        self.resize(1280, 800)
        self._build_widgets()
        self.actions_by_id = build_actions(self)
        self._connect_signals()
        self._restore_state()

    # -- construction -----------------------------------------------------------------------
    def _build_widgets(self) -> None:
        self.search_box = SearchBox(self)
        self.search_box.setPlaceholderText(
            self.tr("Search terms and jobs — try flask, kube, type:full_time salary:>80000")
        )
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setAccessibleName(self.tr("Search"))
        self.scope_bar = QTabBar(self)
        self.scope_bar.setAccessibleName(self.tr("Search scope"))
        self.scope_bar.setDrawBase(False)
        for label in (self.tr("All"), self.tr("Terms"), self.tr("Jobs")):
            self.scope_bar.addTab(label)
        self.filters = FilterPanel(self)
        self.filters.setMinimumWidth(230)
        self.model = ResultsModel(self)
        self.results = QListView(self)
        self.results.setModel(self.model)
        self.results.setItemDelegate(ResultDelegate(self.model, self.results))
        self.results.setUniformItemSizes(False)  # rows with an excerpt are taller
        self.results.setAccessibleName(self.tr("Results"))
        self.results.setMinimumWidth(260)
        self.results.viewport().installEventFilter(self)
        self.pages = DetailTabs(self._page, self)
        self.user_data: UserDataController = UserDataController(self)
        self.history_menu = QMenu(self)  # replaced by the Go menu's own in build_actions
        self.left = QSplitter(Qt.Orientation.Vertical, self)
        self.left.addWidget(self.user_data.box)
        self.left.addWidget(self.filters)
        self.left.setStretchFactor(1, 3)
        self.left.setSizes([110, 650])
        self.user_data.box.hide()
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("main-splitter")
        for widget in (self.left, self.results, self.pages):
            self.splitter.addWidget(widget)
        self.splitter.setSizes([290, 410, 580])
        self.splitter.setCollapsible(1, False)
        self.splitter.setCollapsible(2, False)
        self.setCentralWidget(self.splitter)
        self.status_label = QLabel(self.tr("Opening…"), self)
        self.progress = QProgressBar(self)
        self.progress.setMaximumWidth(220)
        self.progress.hide()
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.setAccessibleName(self.tr("Cancel the import"))
        self.cancel_button.hide()
        self.statusBar().addWidget(self.status_label, 1)
        self.statusBar().addPermanentWidget(self.progress)
        self.statusBar().addPermanentWidget(self.cancel_button)
        self.statusBar().addPermanentWidget(self.user_data.undo_button)
        self.importer: ImportController = ImportController(self)

    def _connect_signals(self) -> None:
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self._run_search)
        self.search_box.textChanged.connect(self._on_search_box_text_changed)
        self.search_box.move_requested.connect(self._on_search_box_move_requested)
        self.search_box.open_requested.connect(self._on_search_box_open_requested)
        self.scope_bar.currentChanged.connect(self._on_scope_bar_current_changed)
        self.filters.criteria_changed.connect(self._on_filters_criteria_changed)
        self.filters.save_requested.connect(self.save_current_filter)
        self.results.activated.connect(self._on_results_activated)
        self.results.clicked.connect(self._on_results_activated)
        self.pages.page_shown.connect(self._on_pages_page_shown)
        self.pages.navigation_changed.connect(self._update_navigation)
        self.pages.filter_link_activated.connect(self._on_pages_filter_link_activated)

    # -- start-up ---------------------------------------------------------------------------
    def start(self) -> None:
        """Open the profile and prepare the index in the background; the window stays live."""
        self.pages.show_html(self.tr("Welcome"), "<h1>Glossary &amp; Jobs</h1><p>Opening your library…</p>")
        task = Task(self.service.open)
        task.signals.finished.connect(self._on_open_finished)
        task.signals.failed.connect(self._on_startup_failed)
        self.runner.write(task)

    def _on_open_finished(self, report: StartupReport) -> None:
        for problem in report.glossary_problems:
            log.warning("glossary: %s", problem)
        task = Task(self.service.index_state)
        task.signals.finished.connect(self._on_index_checked)
        task.signals.failed.connect(self._on_startup_failed)
        self.runner.write(task)

    def _on_index_checked(self, state: str) -> None:
        if state == "ok":
            self._on_index_ready(state)
            return
        if state == "stale":
            # Behind the library but sound: it answers searches while the new one is built.
            self._on_index_ready("ok")
            task = Task(self.service.rebuild_index, with_progress=True)
            task.signals.progress.connect(self._on_index_progress)
            task.signals.finished.connect(self._on_index_caught_up)
            task.signals.failed.connect(self._on_startup_failed)
            self.runner.write(task)
            return
        task = Task(self.service.ensure_index, with_progress=True)
        task.signals.progress.connect(self._on_index_progress)
        task.signals.finished.connect(self._on_index_ready)
        task.signals.failed.connect(self._on_startup_failed)
        self.runner.write(task)

    def _on_index_caught_up(self, _result: object = None) -> None:
        self.progress.hide()
        terms, jobs = self.service.counts()
        self.status_label.setText(
            self.tr("{0} terms · {1} jobs").format(_count(terms), _count(jobs))
            + self.tr(" · search index brought up to date")
        )
        self._run_search()
        self.index_caught_up.emit()

    def _on_index_progress(self, done: int, total: int) -> None:
        self.status_label.setText(self.tr("Building the search index…"))
        self.importer.show_progress(done, total)

    def _on_index_ready(self, state_found: str) -> None:
        self.progress.hide()
        self.is_ready = True
        terms, jobs = self.service.counts()
        note = ""
        if state_found == "missing":
            note = self.tr(" · search index built")
        elif state_found != "ok":
            reasons = {"corrupt": self.tr("damaged"), "outdated": self.tr("built by another version"),
                       "stale": self.tr("behind the library")}  # fmt: skip
            note = self.tr(" · search index was {0}: rebuilt").format(reasons.get(state_found, state_found))
        self.status_label.setText(self.tr("{0} terms · {1} jobs").format(_count(terms), _count(jobs)) + note)
        restored = self.pages.restore(self._saved_session().get("pages"))
        if not restored:
            self.show_welcome()
        # What start-up built stays for the session: keep it out of the collector's full passes,
        # which otherwise pause the window for tens of milliseconds on a large library.
        gc.freeze()
        self.user_data.refresh()
        self.refresh_marks()
        self.ready.emit()
        self._run_search()

    def _on_startup_failed(self, message: str) -> None:
        self.progress.hide()
        self.status_label.setText(self.tr("Could not open the library."))
        good = newest_good_backup(self.service.paths)
        if good is not None and "damaged" in message:
            answer = QMessageBox.question(
                self,
                self.tr("Glossary & Jobs"),
                self.tr(
                    "The library could not be opened:\n\n{0}\n\nRestore the newest good backup ({1})? "
                    "The damaged file is kept beside it, renamed."
                ).format(message, good.name),
            )
            if answer == QMessageBox.StandardButton.Yes:
                aside = restore_backup(self.service.paths, good)
                log.warning("restored %s; the damaged file is kept as %s", good, aside)
                self.start()
            return
        QMessageBox.critical(
            self,
            self.tr("Glossary & Jobs"),
            self.tr("The library could not be opened:\n\n{0}\n\nDetails are in the log: {1}").format(
                message, self.service.paths.log_file
            ),
        )

    def show_welcome(self) -> None:
        """Show the start page: counts, how to search, recent items and saved filters."""
        terms, jobs = self.service.counts()
        page = welcome_html(_count(terms), _count(jobs), self.service.saved_filters(), self.service.recent(8))
        self.pages.show_html(self.tr("Welcome"), page)

    # -- search -----------------------------------------------------------------------------
    def focus_search(self) -> None:
        """Put the cursor in the search box, with its text selected."""
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def scope(self) -> Scope:
        """Return the current scope: all, term or job."""
        return SCOPES[max(0, self.scope_bar.currentIndex())]

    def _on_search_box_text_changed(self, _text: str) -> None:
        self._debounce.start()

    def _on_scope_bar_current_changed(self, _index: int) -> None:
        self._debounce.start()

    def _on_filters_criteria_changed(self, _criteria: Criteria) -> None:
        self._debounce.start()

    def _run_search(self) -> None:
        if not self.is_ready:
            return
        text = self.search_box.text()
        criteria = self.filters.criteria()
        self._search_serial += 1
        serial = self._search_serial
        if not text.strip() and criteria.is_empty and criteria.sort == "relevance":
            task = Task(self.service.browse, self.scope())
        else:
            task = Task(self.service.search, text, self.scope(), RESULT_LIMIT, criteria, True)
        task.signals.finished.connect(lambda result, s=serial: self._on_search_finished(s, result))
        task.signals.failed.connect(self._on_search_failed)
        self.runner.read(task)

    def _on_search_finished(self, serial: int, result: SearchResult) -> None:
        if serial != self._search_serial:
            return  # a newer query has been typed since; its answer is on its way
        self.model.set_hits(result.hits, result.words, not result.query[-1:].isspace())
        if result.hits:
            self.results.setCurrentIndex(self.model.index(0))
        if result.kind_counts:
            terms, jobs = result.kind_counts.get("term", 0), result.kind_counts.get("job", 0)
            labels = (self.tr("All ({0:,})").format(terms + jobs), self.tr("Terms ({0:,})").format(terms),
                      self.tr("Jobs ({0:,})").format(jobs))  # fmt: skip
            self.filters.show_counts(result)
        else:
            labels = (self.tr("All"), self.tr("Terms"), self.tr("Jobs"))
        for index, label in enumerate(labels):
            self.scope_bar.setTabText(index, label)
        if result.query.strip() or not result.criteria.is_empty:
            parts = [self.tr("{0:,} results").format(result.total)]
            if result.suggestion:
                parts.append(self.tr("did you mean “{0}”?").format(result.suggestion))
            parts.extend(result.notes)
            if not self.service.show_hidden and self.service.hides_jobs():
                parts.append(self.tr("hidden jobs left out (View → Show Hidden Jobs)"))
            self.status_label.setText(" · ".join(parts))
        self.search_finished.emit(result)

    def _on_search_failed(self, message: str) -> None:
        self.status_label.setText(self.tr("Search failed: {0}").format(message))

    def _on_search_box_move_requested(self, step: int) -> None:
        rows = self.model.rowCount()
        if rows:
            row = min(max(self.results.currentIndex().row() + step, 0), rows - 1)
            self.results.setCurrentIndex(self.model.index(row))

    def _on_search_box_open_requested(self, new_tab: bool) -> None:
        index = self.results.currentIndex()
        if not index.isValid() and self.model.rowCount():
            index = self.model.index(0)
        if index.isValid():
            self._open_index(index, new_tab)

    def _on_results_activated(self, index: QModelIndex) -> None:
        new_tab = bool(QGuiApplication.keyboardModifiers() & Qt.KeyboardModifier.ControlModifier)
        self._open_index(index, new_tab)

    def _open_index(self, index: QModelIndex, new_tab: bool) -> None:
        kind, item_id = index.data(KindRole), index.data(IdRole)
        if kind in ("term", "job") and item_id:
            self.open_place(Place(kind, str(item_id)), new_tab)

    def open_current_in_new_tab(self) -> None:
        """Open the selected result in a new tab (Ctrl+T)."""
        self._on_search_box_open_requested(True)

    def eventFilter(self, watched: object, event: object) -> bool:  # noqa: N802
        # A middle click on a result opens it in a new tab, as in a browser.
        if (
            watched is self.results.viewport()
            and isinstance(event, QMouseEvent)
            and event.type() == QMouseEvent.Type.MouseButtonRelease
            and event.button() == Qt.MouseButton.MiddleButton
        ):
            index = self.results.indexAt(event.position().toPoint())
            if index.isValid():
                self._open_index(index, True)
                return True
        return super().eventFilter(watched, event)  # type: ignore[arg-type]

    # -- pages ------------------------------------------------------------------------------
    def _page(self, place: Place) -> Page | None:
        if place.kind == "term":
            detail = self.service.term(place.id)
            return (detail.term.title, term_html(detail)) if detail else None
        job = self.service.job(place.id)
        favourite = self.service.favourite(place.id)
        if job is None:
            if favourite is None:
                return None
            job = job_from_snapshot(place.id, favourite.snapshot)
        return job.title, job_html(job, description=self.service.linked_description(job), favourite=favourite)

    def open_place(self, place: Place, new_tab: bool = False) -> bool:
        """Show a term or job; return False (and say so) when it does not exist."""
        if not self.pages.open(place, new_tab):
            self.status_label.setText(self.tr("Not found: {0}").format(place.id))
            return False
        return True

    def open_place_by_id(self, kind: str, item_id: str, new_tab: bool = False) -> bool:
        """Show the term or job with this id; return False when there is none."""
        if kind not in ("term", "job"):
            return False
        return self.open_place(Place("term" if kind == "term" else "job", item_id), new_tab)

    def fill_history_menu(self) -> None:
        """List the recently viewed terms and jobs in Go → Recently Viewed."""
        menu = self.history_menu
        menu.clear()
        for link in self.service.recent(15):
            kind, _, item_id = link.id.partition(":")
            action = menu.addAction(link.title)
            action.triggered.connect(lambda _checked=False, k=kind, i=item_id: self.open_place_by_id(k, i))
        if menu.isEmpty():
            menu.addAction(self.tr("Nothing viewed yet")).setEnabled(False)

    def rerun_search(self) -> None:
        """Search again now (after hide rules or marks changed)."""
        self._run_search()

    def refresh_marks(self) -> None:
        """Shade the jobs already opened and mark those applied to, wherever they are listed."""
        self.model.set_marks(*self.service.seen_jobs())

    def _on_pages_page_shown(self, kind: str, item_id: str) -> None:
        title = self.pages.tabToolTip(self.pages.currentIndex()) or item_id
        self.service.record_view("term" if kind == "term" else "job", item_id, title)
        if kind == "job":
            self.model.opened.add(item_id)
        self.page_shown.emit(kind, item_id)

    def go_back(self) -> None:
        """Show the previous page of the current tab."""
        self.pages.go_back()

    def go_forward(self) -> None:
        """Show the next page of the current tab."""
        self.pages.go_forward()

    def new_tab(self) -> None:
        """Open the selected result in a new tab, or an empty tab."""
        if self.results.currentIndex().isValid():
            self.open_current_in_new_tab()
        else:
            self.pages.add_tab()

    def close_tab(self) -> None:
        """Close the current tab."""
        self.pages.close_tab(self.pages.currentIndex())

    def _update_navigation(self) -> None:
        self.actions_by_id["back"].setEnabled(self.pages.can_go_back())
        self.actions_by_id["forward"].setEnabled(self.pages.can_go_forward())

    def copy_page_text(self) -> None:
        """Copy the current page's text."""
        QApplication.clipboard().setText(self.pages.current().toPlainText())
        self.status_label.setText(self.tr("Page text copied."))

    def copy_page_link(self) -> None:
        """Copy a link to the current page (glossary-jobs:term/flask)."""
        place = self.pages.current().place
        if place is not None:
            QApplication.clipboard().setText(f"glossary-jobs:{place.kind}/{place.id}")
            self.status_label.setText(self.tr("Link copied."))

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.BackButton:
            self.go_back()
        elif event.button() == Qt.MouseButton.ForwardButton:
            self.go_forward()
        else:
            super().mousePressEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_Escape and self.search_box.text():
            self.search_box.clear()
            self.focus_search()
        else:
            super().keyPressEvent(event)

    # -- saved filters ----------------------------------------------------------------------
    def save_current_filter(self) -> None:
        """Ask for a name and save the current query and filters."""
        name, ok = QInputDialog.getText(self, self.tr("Save Filter"), self.tr("Name of the saved filter:"))
        if ok and name.strip():
            self.service.save_filter(name, self.search_box.text(), self.filters.criteria())
            self.status_label.setText(self.tr("Saved filter “{0}”.").format(name.strip()))
            self.user_data.refresh()

    def _on_pages_filter_link_activated(self, filter_id: str) -> None:
        if filter_id.isdigit():
            self.user_data.open_filter(int(filter_id))

    def apply_saved_filter(self, filter_id: int) -> None:
        """Put a saved filter's query and criteria in the search, scoped to jobs."""
        for saved in self.service.saved_filters():
            if saved.id == filter_id:
                self.filters.set_criteria(saved.criteria)
                self.scope_bar.setCurrentIndex(SCOPES.index("job"))
                self.search_box.setText(saved.query)
                self._debounce.start()
                return

    # -- import -----------------------------------------------------------------------------
    def import_job_files(self, files: list[Path], withdraw_missing: bool = False) -> None:
        """Import job files in the background (see ImportController)."""
        self.importer.import_job_files(files, withdraw_missing)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        files = [
            Path(u.toLocalFile()) for u in event.mimeData().urls() if isinstance(u, QUrl) and u.isLocalFile()
        ]
        if files:
            event.acceptProposedAction()
            self.import_job_files(files)

    def show_about(self) -> None:
        """Show the About dialog."""
        from desktop_app.gui.about import AboutDialog

        AboutDialog(self).exec()

    def set_theme(self, theme: str) -> None:
        """Apply and remember a theme: system, light or dark."""
        from desktop_app.gui.theme import apply_theme

        app = QApplication.instance()
        if isinstance(app, QApplication) and theme in ("system", "light", "dark"):
            apply_theme(app, theme)  # type: ignore[arg-type]
            self.settings.setValue("view/theme", theme)

    def toggle_filters(self) -> None:
        """Show or hide the filter panel."""
        self.filters.setHidden(not self.filters.isHidden())
        self.actions_by_id["toggle_filters"].setChecked(not self.filters.isHidden())

    # -- state ------------------------------------------------------------------------------
    def _saved_session(self) -> dict[str, object]:
        try:
            value = json.loads(str(self.settings.value("session/state", "{}")))
        except ValueError:
            return {}
        return value if isinstance(value, dict) else {}

    def _restore_state(self) -> None:
        geometry = self.settings.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        splitter = self.settings.value("window/splitter")
        if isinstance(splitter, QByteArray):
            self.splitter.restoreState(splitter)
        session = self._saved_session()
        scope = session.get("scope", "all")
        self.scope_bar.setCurrentIndex(SCOPES.index(scope) if scope in SCOPES else 0)
        self.filters.set_criteria(Criteria.from_json(session.get("criteria")))
        self.filters.setVisible(session.get("filters_visible", True) is not False)
        self.search_box.setText(str(session.get("query", "")))

    def save_state(self) -> None:
        """Remember geometry, splitter, and the session: query, scope, filters, tabs, scrolls."""
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/splitter", self.splitter.saveState())
        session = {
            "query": self.search_box.text(),
            "scope": self.scope(),
            "criteria": self.filters.criteria().to_json(),
            "filters_visible": not self.filters.isHidden(),
            "pages": self.pages.session(),
        }
        self.settings.setValue("session/state", json.dumps(session))
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if self.importer.cancelling is not None:
            self.importer.cancelling.set()
        self.save_state()
        self._debounce.stop()
        self.runner.wait()
        super().closeEvent(event)


def _count(number: int) -> str:
    """Return a count as the reader's locale writes it (100,006 rather than 100006)."""
    return QLocale().toString(number)
