"""The main window: composes the search bar, filter panel, results list and page tabs, and wires them."""

from __future__ import annotations

import gc
import logging
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QLocale, QPoint, QSettings, QSize, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
    QMenu,
    QProgressBar,
    QSplitter,
    QTabBar,
    QToolBar,
    QWidget,
)

from desktop_app.core.criteria import Criteria
from desktop_app.gui.actions import build_actions, job_menu
from desktop_app.gui.boards import BoardsController
from desktop_app.gui.detail_tabs import DetailTabs, Place
from desktop_app.gui.dialog_care import DialogCare
from desktop_app.gui.filter_panel import FilterPanel
from desktop_app.gui.importing import ImportController
from desktop_app.gui.pages import build_page
from desktop_app.gui.pipeline import PipelineController
from desktop_app.gui.results import ResultsModel
from desktop_app.gui.results_view import ResultsView
from desktop_app.gui.search_box import SearchBox
from desktop_app.gui.searching import empty_state, filtered_jobs, scope_labels, status_line
from desktop_app.gui.selection import ViewSelection
from desktop_app.gui.skills_wiring import SkillsWiring
from desktop_app.gui.startup import Startup
from desktop_app.gui.tasks import Task, TaskRunner
from desktop_app.gui.user_data import UserDataController
from desktop_app.gui.window_state import SCOPES, restore_window, save_window, saved_session
from desktop_app.service import SavedFilter, Scope, SearchResult, Service

log = logging.getLogger(__name__)
DEBOUNCE_MS = 150
RESULT_LIMIT = 200
WINDOW_SWITCH_INTERVAL = 0.001  # seconds a busy thread keeps the interpreter lock while the window waits


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
        self.resize(QSize(1280, 800).boundedTo(self.screen().availableGeometry().size()))  # a small screen
        self._build_widgets()
        self._build_actions()
        self._connect_signals()
        self.dialog_care = DialogCare(self, self.search_box)  # dialogs named; focus back when they close
        restore_window(self)

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
        self.results = ResultsView(self.model, self)
        self.results.setMinimumWidth(260)
        self.pages = DetailTabs(lambda place: build_page(self.service, place), self.runner, self)
        self.startup = Startup(self.service, self.runner, self)
        selection = ViewSelection(self.results, self.pages, self.search_box, self.filters, self._company_of)
        self.pipeline = PipelineController(self.service, selection, self)  # its card is the job in hand
        self.user_data = UserDataController(self.service.user, self.runner, self.pipeline.selection, self)
        paths = self.service.paths
        self.importer = ImportController(
            self.service.jobs, self.service.glossary, self.runner, paths.log_file, self, self.settings
        )
        self.boards = BoardsController(self.service.boards, self.runner, self)
        self.skills_ui = SkillsWiring(self)  # Skills view, My Skills, Fit sort and badge, Study
        self.left = QSplitter(Qt.Orientation.Vertical, self)
        self.left.addWidget(self.user_data.box)
        self.left.addWidget(self.filters)
        self.left.setStretchFactor(1, 3)
        self.left.setSizes([110, 650])
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("main-splitter")
        for widget in (self.left, self.results, self.pages):
            self.splitter.addWidget(widget)
        self.splitter.setSizes([290, 410, 580])
        self.splitter.setCollapsible(1, False)
        self.splitter.setCollapsible(2, False)
        self.setCentralWidget(self.pipeline.stack(self.splitter))
        self.status_label = QLabel(self.tr("Opening…"), self)
        self.index_progress = QProgressBar(self)
        self.index_progress.setMaximumWidth(220)
        self.index_progress.setAccessibleName(self.tr("Search index progress"))
        self.index_progress.hide()
        self.statusBar().addWidget(self.status_label, 1)
        for permanent in (self.index_progress, self.importer.progress, self.importer.cancel_button,
                          self.pipeline.due_button, self.user_data.undo_button,
                          self.startup.backup_warning):  # fmt: skip
            self.statusBar().addPermanentWidget(permanent)

    def _build_actions(self) -> None:
        user, importer = self.user_data, self.importer
        handlers: dict[str, Callable[..., object]] = {
            "import_jobs": importer.choose_job_files, "update_feeds": importer.choose_feed_files,
            "company_boards": self.boards.show,
            "add_entries": importer.choose_glossary_files, "save_filter": user.save_current_search,
            "export_data": user.export_data, "import_data": user.import_data, "quit": self.close,
            "copy_text": lambda: self.status_label.setText(self.pages.copy_text()),
            "copy_link": lambda: self.status_label.setText(self.pages.copy_link()),
            "focus_search": self.focus_search, "toggle_filters": self.toggle_filters,
            "back": self.pages.go_back, "forward": self.pages.go_forward,
            "clear_history": user.clear_history, "new_tab": self.new_tab, "close_tab": self.close_tab,
            "star": user.toggle_star, "note": user.edit_note, "favourites": self.pipeline.toggle,
            "hide_job": user.hide_job, "hide_company": user.hide_company, "hide_titles": user.hide_titles,
            "unhide": user.remove_hide_rule, "about": self.show_about, "set_status": user.set_status,
            "cheat_sheet": lambda: self.pages.show_now(Place("page", "help")),
            "set_theme": self.set_theme, "show_hidden": user.set_show_hidden,
            "fill_history": lambda: user.fill_history_menu(self.history_menu),
        }  # fmt: skip
        handlers.update(self.skills_ui.handlers())
        made = build_actions(self, handlers, str(self.settings.value("view/theme", "system")))
        self.actions_by_id = made.by_id
        assert made.history_menu is not None
        self.history_menu = made.history_menu
        for menu in made.menus.values():
            self.menuBar().addMenu(menu)
        toolbar = QToolBar(self.tr("Navigation"), self)
        toolbar.setObjectName("navigation")
        toolbar.setMovable(False)
        toolbar.addAction(made["back"])
        toolbar.addAction(made["forward"])
        toolbar.addWidget(self.search_box)
        toolbar.addWidget(self.scope_bar)
        self.addToolBar(toolbar)

    def _connect_signals(self) -> None:
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self.rerun_search)
        self.search_box.textChanged.connect(self._on_search_box_text_changed)
        self.search_box.move_requested.connect(self.results.move_current)
        self.search_box.open_requested.connect(self.results.open_current)
        self.scope_bar.currentChanged.connect(self._on_scope_bar_current_changed)
        self.filters.criteria_changed.connect(self._on_filters_criteria_changed)
        self.filters.save_requested.connect(self.user_data.save_current_search)
        self.boards.status_changed.connect(self.status_label.setText)
        self.boards.boards_changed.connect(self._on_boards_boards_changed)
        self.results.item_opened.connect(self.open_place_by_id)
        self.results.clear_filters_requested.connect(self.filters.clear)
        self.results.suggestion_chosen.connect(self.search_box.setText)
        self.pages.page_shown.connect(self._on_pages_page_shown)
        self.pages.page_missing.connect(self._on_pages_page_missing)
        self.pages.page_failed.connect(self._on_pages_page_failed)
        self.pages.navigation_changed.connect(self._on_pages_navigation_changed)
        self.pages.filter_link_activated.connect(self._on_pages_filter_link_activated)
        self.pages.command_link_activated.connect(lambda name: self.actions_by_id[name].trigger())
        self.results.customContextMenuRequested.connect(self._on_results_custom_context_menu_requested)
        self.startup.index_progress.connect(self._on_startup_index_progress)
        self.startup.index_ready.connect(self._on_startup_index_ready)
        self.startup.index_caught_up.connect(self._on_startup_index_caught_up)
        self.startup.startup_failed.connect(self._on_startup_failed)
        self.startup.updating.connect(self.status_label.setText)
        self.importer.status_changed.connect(self.status_label.setText)
        self.importer.import_finished.connect(self._on_importer_import_finished)
        self.importer.entries_added.connect(self._search_index_anew)
        self.user_data.status_changed.connect(self.status_label.setText)
        self.user_data.filter_opened.connect(self._on_user_data_filter_opened)
        self.user_data.favourite_changed.connect(self._on_user_data_favourite_changed)
        self.user_data.hidden_changed.connect(self.rerun_search)
        self.user_data.history_cleared.connect(self.refresh_marks)
        self.user_data.history_item_chosen.connect(self.open_place_by_id)
        self.pipeline.wire(self.user_data)
        self.pipeline.job_opened.connect(self.open_place_by_id)
        self.pipeline.status_changed.connect(self.status_label.setText)
        self.pipeline.favourite_changed.connect(self._on_user_data_favourite_changed)
        self.search_box.textChanged.connect(self.pipeline.leave)  # a new search shows its results

    # -- start-up ---------------------------------------------------------------------------
    def start(self) -> None:
        """Open the profile and prepare the index in the background; the window stays live."""
        # Searches run on a worker thread; every slot, model read and delegate the window runs in
        # Python waits for the interpreter lock, which a busy thread gives up only every switch
        # interval (5 ms by default): a repaint of a few dozen Python calls then took 30-90 ms.
        sys.setswitchinterval(WINDOW_SWITCH_INTERVAL)
        self.pages.show_html(self.tr("Welcome"), "<h1>Glossary &amp; Jobs</h1><p>Opening your library…</p>")
        self.startup.start()

    def _counts_line(self) -> str:
        terms, jobs = self.service.profile.counts()
        return self.tr("{0} terms · {1} jobs").format(_count(terms), _count(jobs))

    def _on_startup_index_caught_up(self) -> None:
        self.index_progress.hide()
        self.status_label.setText(self._counts_line() + self.tr(" · search index brought up to date"))
        self._search_index_anew()
        self.index_caught_up.emit()

    def _on_startup_index_progress(self, done: int, total: int) -> None:
        self.status_label.setText(self.tr("Building the search index…"))
        self.index_progress.setRange(0, total)  # 0..0 shows a busy bar
        self.index_progress.setValue(done)
        self.index_progress.show()

    def _on_startup_index_ready(self, state_found: str) -> None:
        self.index_progress.hide()
        self.is_ready = True
        note = ""
        if state_found == "missing":
            note = self.tr(" · search index built")
        elif state_found != "ok":
            reasons = {"corrupt": self.tr("damaged"), "outdated": self.tr("built by another version"),
                       "stale": self.tr("behind the library")}  # fmt: skip
            note = self.tr(" · search index was {0}: rebuilt").format(reasons.get(state_found, state_found))
        self.status_label.setText(self._counts_line() + note)
        if not self.pages.restore(saved_session(self.settings).get("pages")):
            self.show_welcome()
        # What start-up built stays for the session: keep it out of the collector's full passes,
        # which otherwise pause the window for tens of milliseconds on a large library.
        gc.freeze()
        self.user_data.refresh()
        self.pipeline.refresh()  # what is due shows in the status bar: offline reminders
        self.refresh_marks()
        self.ready.emit()
        self._search_index_anew()

    def _on_startup_failed(self, _message: str) -> None:
        self.index_progress.hide()
        self.status_label.setText(self.tr("Could not open the library."))

    def show_welcome(self) -> None:
        """Show the start page: counts, how to search, recent items and saved filters."""
        self.pages.show_now(Place("page", "welcome"))  # in the tab's history: Back comes back to it

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

    def rerun_search(self) -> None:
        """Search again now (after hide rules, entries or marks changed); the answer comes by signal."""
        if not self.is_ready:
            return
        self._search_serial += 1
        serial = self._search_serial
        args = (
            self.service.search,
            self.search_box.text(),
            self.scope(),
            RESULT_LIMIT,
            self.filters.criteria(),
        )
        task = Task(self.skills_ui.search, *args)
        task.signals.finished.connect(lambda result, s=serial: self._on_search_finished(s, result))
        task.signals.failed.connect(self._on_search_failed)
        self.runner.read(task)

    def _on_search_finished(self, serial: int, result: SearchResult) -> None:
        if serial != self._search_serial:
            return  # a newer query has been typed since; its answer is on its way
        scope, hides = self.scope(), self.service.search.hides_jobs()
        self.model.set_hits(result.hits, result.words, not result.query[-1:].isspace())
        self.results.set_empty_text(empty_state(result, scope, hides))
        if result.hits:
            self.results.setCurrentIndex(self.model.index(0))
        if result.kind_counts:
            self.filters.show_counts(result, filtered_jobs(result, scope))
        for index, label in enumerate(scope_labels(result, scope)):
            self.scope_bar.setTabText(index, label)
        if result.query.strip() or not result.criteria.is_empty:
            self.status_label.setText(status_line(result, len(result.hits), hides))
        else:
            self.status_label.setText(self._counts_line())
        self.search_finished.emit(result)

    def _on_search_failed(self, message: str) -> None:
        self.status_label.setText(self.tr("Search failed: {0}").format(message))

    # -- pages ------------------------------------------------------------------------------
    def open_place_by_id(self, kind: str, item_id: str, new_tab: bool = False) -> None:
        """Show the term or job with this id; ``page_shown`` follows (or the status bar says Not found)."""
        if kind in ("term", "job"):
            self.pages.open(Place("term" if kind == "term" else "job", item_id), new_tab)

    def _on_pages_page_missing(self, _kind: str, item_id: str) -> None:
        self.status_label.setText(self.tr("Not found: {0}").format(item_id))
        if self.pages.current().place is None and not self.pages.current().toPlainText():
            self.show_welcome()

    def _on_pages_page_failed(self, message: str) -> None:
        self.status_label.setText(self.tr("The page could not be shown: {0}").format(message))

    def row_menu(self, row: int) -> QMenu | None:
        """Make ``row`` current and return its menu (a job's Star, Status, Note, Hide), or None."""
        index = self.model.index(row)
        hit = self.model.hit(row)
        if hit is None or hit.kind != "job":
            return None
        self.results.setCurrentIndex(index)
        self.results.setFocus()  # the actions act on the focused row
        favourite = self.service.user.favourite(hit.id)
        return job_menu(self.actions_by_id, favourite.status if favourite else None, self)

    def _on_results_custom_context_menu_requested(self, pos: QPoint) -> None:
        menu = self.row_menu(self.results.indexAt(pos).row())
        if menu is not None:
            menu.exec(self.results.viewport().mapToGlobal(pos))

    def _company_of(self, job_id: str) -> str | None:
        job = self.service.jobs.job(job_id)
        return job.company if job is not None else None

    def refresh_marks(self) -> None:
        """Shade the jobs already opened and mark those applied to, wherever they are listed."""
        starred = {f.job_id: f.status for f in self.service.user.favourites()}
        self.model.set_marks(*self.service.user.seen_jobs(), starred)

    def _on_pages_page_shown(self, kind: str, item_id: str) -> None:
        if kind == "page":  # the app's own pages are not in the reader's history
            return self.page_shown.emit(kind, item_id)
        title = self.pages.tabToolTip(self.pages.currentIndex()) or item_id
        self.service.user.record_view("term" if kind == "term" else "job", item_id, title)
        if kind == "job":
            self.model.opened.add(item_id)
        self.page_shown.emit(kind, item_id)

    def new_tab(self) -> None:
        """Open the selected result in a new tab, or an empty tab."""
        if not self.results.open_current(True):
            self.pages.add_tab()

    def close_tab(self) -> None:
        """Close the current tab."""
        self.pages.close_tab(self.pages.currentIndex())

    def _on_pages_navigation_changed(self) -> None:
        self.actions_by_id["back"].setEnabled(self.pages.can_go_back())
        self.actions_by_id["forward"].setEnabled(self.pages.can_go_forward())

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.BackButton:
            self.pages.go_back()
        elif event.button() == Qt.MouseButton.ForwardButton:
            self.pages.go_forward()
        else:
            super().mousePressEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_Escape and self.search_box.text():
            self.search_box.clear()
            self.focus_search()
        else:
            super().keyPressEvent(event)

    # -- saved filters ----------------------------------------------------------------------
    def _on_pages_filter_link_activated(self, filter_id: str) -> None:
        if filter_id.isdigit():
            self.user_data.open_filter(int(filter_id))

    def _on_user_data_filter_opened(self, saved: SavedFilter) -> None:
        # A saved filter is a job search: its query and criteria, scoped to jobs.
        self.filters.set_criteria(saved.criteria)
        self.scope_bar.setCurrentIndex(SCOPES.index("job"))
        self.search_box.setText(saved.query)
        self._debounce.start()

    def _on_user_data_favourite_changed(self, _job_id: str) -> None:
        self.pages.refresh_current()
        self.refresh_marks()

    def _on_importer_import_finished(self, report: object) -> None:
        self.import_finished.emit(report)
        self._on_boards_boards_changed()

    def _on_boards_boards_changed(self) -> None:  # jobs came in or left: what matches changed
        self._search_index_anew()
        self.user_data.refresh(announce=True)

    def _search_index_anew(self) -> None:
        """Search again, then read ahead for the index as it is now (its words were read for the old one).

        The read-ahead follows the search on the same reader thread: nothing waits for it. Without
        it, the first misspelt word typed after an import read every word of the index on its keystroke.
        """
        self.rerun_search()
        self.runner.read(Task(self.service.search.prepare))

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        files = [
            Path(u.toLocalFile()) for u in event.mimeData().urls() if isinstance(u, QUrl) and u.isLocalFile()
        ]
        if files:
            event.acceptProposedAction()
            self.importer.import_job_files(files)

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
    def save_state(self) -> None:
        """Remember geometry, splitter, and the session: query, scope, filters, tabs, scrolls."""
        save_window(self)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.importer.cancel()
        self.startup.cancel()  # the day's backup, if it is being made: made at the next start
        # Answers still on their way are dropped: the service may be closed before they arrive.
        self.is_ready = False
        self._search_serial += 1
        self.pages.drop_pending()
        self.save_state()
        self._debounce.stop()
        self.runner.wait()
        super().closeEvent(event)


def _count(number: int) -> str:
    """Return a count as the reader's locale writes it (100,006 rather than 100006)."""
    return QLocale().toString(number)
