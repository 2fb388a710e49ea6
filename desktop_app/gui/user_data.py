"""The reader's own data in the window: the saved-filters list with badges, and favourites."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QInputDialog,
    QLabel,
    QListView,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.gui.render import favourites_html
from desktop_app.gui.results import IdRole, KindRole
from desktop_app.gui.saved_filters import FilterIdRole, SavedFiltersModel
from desktop_app.gui.tasks import Task
from desktop_app.service import STATUSES, ServiceError

if TYPE_CHECKING:
    from desktop_app.gui.main_window import MainWindow
    from desktop_app.service import FilterStatus


def _counts(counts: dict[str, int]) -> str:
    return ", ".join(f"{n} {key}" for key, n in counts.items())


class SavedFiltersBox(QWidget):
    """A titled list of saved filters."""

    def __init__(self, model: SavedFiltersModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        self.title = QLabel(self.tr("Saved filters"), self)
        self.view = QListView(self)
        self.view.setModel(model)
        self.view.setAccessibleName(self.tr("Saved filters"))
        self.view.setUniformItemSizes(True)
        layout.addWidget(self.title)
        layout.addWidget(self.view)


class UserDataController(QObject):
    """Keeps the saved-filter badges current and acts on favourites for the window.

    Signals:
        filters_refreshed(object): the saved filters' counts arrived (dict name → jobs gained).
        favourite_changed(str): a job was starred, unstarred, or got a new status or note.
    """

    filters_refreshed = Signal(object)
    favourite_changed = Signal(str)

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.model = SavedFiltersModel(window)
        self.box = SavedFiltersBox(self.model, window)
        self._announce = False
        self._pending = 0
        self.box.view.activated.connect(self._on_view_activated)
        self.box.view.clicked.connect(self._on_view_activated)
        self._undo_token: dict[str, object] | None = None
        delete = QAction(self.tr("Delete Saved Filter"), self.box.view)
        delete.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        delete.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        delete.triggered.connect(self.delete_selected_filter)
        for text, handler in (
            (self.tr("Rename…"), self.rename_selected_filter),
            (self.tr("Update With Current Search"), self.update_selected_filter),
            (self.tr("Duplicate"), lambda: self._selected_call(self._window.service.duplicate_filter)),
            (
                self.tr("Move Up"),
                lambda: self._selected_call(lambda fid: self._window.service.move_filter(fid, -1)),
            ),
            (
                self.tr("Move Down"),
                lambda: self._selected_call(lambda fid: self._window.service.move_filter(fid, 1)),
            ),
        ):
            action = QAction(text, self.box.view)
            action.triggered.connect(handler)
            self.box.view.addAction(action)
        self.box.view.addAction(delete)
        self.box.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.undo_button = QPushButton(self.tr("Undo"), window)
        self.undo_button.setAccessibleName(self.tr("Undo the deletion"))
        self.undo_button.hide()
        self.undo_button.clicked.connect(self.undo_delete)

    # -- saved filters -------------------------------------------------------------------------
    def refresh(self, announce: bool = False) -> None:
        """Recount every saved filter in the background; with ``announce``, say which gained jobs."""
        self._announce = announce
        self._pending += 1
        task = Task(self._window.service.filters_overview)
        task.signals.finished.connect(self._on_overview_finished)
        self._window.runner.read(task)

    def runner_idle(self) -> bool:
        """True when no recount is on its way (tests wait for it)."""
        return self._pending == 0

    def _on_overview_finished(self, rows: list[FilterStatus]) -> None:
        self._pending -= 1
        gained = self.model.set_filters(rows)
        self.box.setVisible(bool(rows))
        if self._announce and gained:
            names = ", ".join(f"{name} (+{n})" for name, n in gained.items())
            self._window.status_label.setText(self.tr("New jobs for your saved filters: {0}").format(names))
        self.filters_refreshed.emit(gained)

    def _on_view_activated(self, index: QModelIndex) -> None:
        filter_id = index.data(FilterIdRole)
        if filter_id is not None:
            self.open_filter(int(filter_id))

    def _selected_id(self) -> int | None:
        index = self.box.view.currentIndex()
        value = index.data(FilterIdRole) if index.isValid() else None
        return int(value) if value is not None else None

    def _selected_call(self, action: Callable[[int], object]) -> None:
        filter_id = self._selected_id()
        if filter_id is not None:
            action(filter_id)
            self.refresh()

    def update_selected_filter(self) -> None:
        """Replace the selected filter's query and criteria with the current search's."""
        filter_id = self._selected_id()
        if filter_id is not None:
            window = self._window
            window.service.update_filter(filter_id, window.search_box.text(), window.filters.criteria())
            window.status_label.setText(self.tr("The saved filter now holds the current search."))
            self.refresh()

    def rename_selected_filter(self) -> None:
        """Ask for a new name for the selected saved filter."""
        filter_id = self._selected_id()
        if filter_id is None:
            return
        current = next((f.name for f in self._window.service.saved_filters() if f.id == filter_id), "")
        name, ok = QInputDialog.getText(
            self._window, self.tr("Rename Filter"), self.tr("New name:"), text=current
        )
        if ok and name.strip():
            self._window.service.rename_filter(filter_id, name)
            self.refresh()

    def delete_selected_filter(self) -> None:
        """Delete the selected saved filter; the status bar offers Undo."""
        index = self.box.view.currentIndex()
        filter_id = index.data(FilterIdRole) if index.isValid() else None
        if filter_id is None:
            return
        self._undo_token = self._window.service.delete_filter(int(filter_id))
        self._window.status_label.setText(
            self.tr("Deleted the saved filter “{0}”.").format(self._undo_token["name"])
        )
        self.undo_button.show()
        self.refresh()

    def undo_delete(self) -> None:
        """Bring back the saved filter deleted last."""
        if self._undo_token is not None:
            self._window.service.undo_delete_filter(self._undo_token)
            self._window.status_label.setText(self.tr("Restored “{0}”.").format(self._undo_token["name"]))
            self._undo_token = None
        self.undo_button.hide()
        self.refresh()

    def export_data(self) -> None:
        """Ask where, and write the reader's data to one JSON file."""
        path, _ = QFileDialog.getSaveFileName(
            self._window, self.tr("Export My Data"), "my-data.json", "JSON (*.json)"
        )
        if path:
            counts = self._window.service.export_data(Path(path))
            self._window.status_label.setText(self.tr("Exported {0}.").format(_counts(counts)))

    def import_data(self) -> None:
        """Ask for a data file and merge it; a bad file changes nothing and says why."""
        path, _ = QFileDialog.getOpenFileName(self._window, self.tr("Import My Data"), "", "JSON (*.json)")
        if not path:
            return
        try:
            counts = self._window.service.import_data(Path(path))
        except ServiceError as exc:
            QMessageBox.warning(self._window, self.tr("Import My Data"), str(exc))
            return
        self._window.status_label.setText(
            self.tr("Merged {0} that were not there yet.").format(_counts(counts))
        )
        self.refresh()

    def clear_history(self) -> None:
        """Forget the recently viewed items."""
        removed = self._window.service.clear_history()
        self._window.status_label.setText(self.tr("History cleared ({0} items).").format(removed))
        self._window.refresh_marks()

    def open_filter(self, filter_id: int) -> None:
        """Apply a saved filter to the search and clear its "new" badge."""
        self._window.apply_saved_filter(filter_id)
        self._window.service.open_filter(filter_id)
        self.refresh()

    # -- favourites ----------------------------------------------------------------------------
    def _current_job(self) -> str | None:
        # From the results list when it has the focus (star from the row), else the open page.
        results = self._window.results
        if results.hasFocus() and results.currentIndex().isValid():
            index = results.currentIndex()
            if index.data(KindRole) == "job":
                return str(index.data(IdRole))
        place = self._window.pages.current().place
        return place.id if place is not None and place.kind == "job" else None

    def toggle_star(self) -> None:
        """Star the job on the current page, or unstar it (Ctrl+D)."""
        job_id = self._current_job()
        if job_id is None:
            self._window.status_label.setText(self.tr("Open a job to star it."))
            return
        service = self._window.service
        if service.favourite(job_id) is None:
            service.star(job_id)
            self._window.status_label.setText(self.tr("Starred. Set its status from the Favourites menu."))
        else:
            service.unstar(job_id)
            self._window.status_label.setText(self.tr("Removed from favourites."))
        self._changed(job_id)

    def set_status(self, status: str) -> None:
        """Move the current job's favourite to ``status`` (starring it if needed)."""
        job_id = self._current_job()
        if job_id is None or status not in STATUSES:
            return
        self._window.service.star(job_id, status)
        self._changed(job_id)

    def edit_note(self) -> None:
        """Edit the note of the current job's favourite."""
        job_id = self._current_job()
        if job_id is None:
            return
        current = self._window.service.favourite(job_id)
        text, ok = QInputDialog.getMultiLineText(
            self._window, self.tr("Note"), self.tr("Your note on this job:"), current.note if current else ""
        )
        if ok:
            self._window.service.star(job_id, current.status if current else "saved", text)
            self._changed(job_id)

    # -- hiding --------------------------------------------------------------------------------
    def hide_job(self) -> None:
        """Hide the job on the current page."""
        job_id = self._current_job()
        if job_id is not None:
            self._hide("job", job_id, self.tr("This job is hidden."))

    def hide_company(self) -> None:
        """Hide every job of the current page's company."""
        job_id = self._current_job()
        job = self._window.service.job(job_id) if job_id else None
        if job is not None and job.company:
            self._hide("company", job.company, self.tr("Jobs of {0} are hidden.").format(job.company))

    def hide_titles(self) -> None:
        """Ask for words, and hide the jobs whose title has them."""
        words, ok = QInputDialog.getText(
            self._window, self.tr("Hide Titles"), self.tr("Hide jobs whose title has these words:")
        )
        if ok and words.strip():
            self._hide("title", words.strip(), self.tr("Titles with “{0}” are hidden.").format(words.strip()))

    def _hide(self, kind: str, value: str, message: str) -> None:
        self._window.service.hide(kind, value)
        self._window.status_label.setText(message + " " + self.tr("(View → Show Hidden Jobs shows them.)"))
        self._window.rerun_search()

    def remove_hide_rule(self) -> None:
        """Offer the hide rules and remove the one chosen."""
        rules = self._window.service.hide_rules()
        if not rules:
            self._window.status_label.setText(self.tr("No job is hidden."))
            return
        labels = [f"{kind}: {value}" for _id, kind, value in rules]
        choice, ok = QInputDialog.getItem(
            self._window, self.tr("Hide Rules"), self.tr("Show again the jobs hidden by:"), labels, 0, False
        )
        if ok and choice in labels:
            self._window.service.unhide(rules[labels.index(choice)][0])
            self._window.rerun_search()

    def set_show_hidden(self, show: bool) -> None:
        """Show or leave out the hidden jobs."""
        self._window.service.show_hidden = show
        self._window.rerun_search()

    def show_favourites(self) -> None:
        """Show the list of favourites in the current tab."""
        self._window.pages.show_html(
            self.tr("Favourites"), favourites_html(self._window.service.favourites())
        )

    def _changed(self, job_id: str) -> None:
        self._window.pages.refresh_current()
        self._window.refresh_marks()
        self.favourite_changed.emit(job_id)
