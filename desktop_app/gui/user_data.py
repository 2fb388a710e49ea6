"""The reader's own data in the window: the saved-filters list with badges, and favourites."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QObject, Signal
from PySide6.QtWidgets import QInputDialog, QLabel, QListView, QVBoxLayout, QWidget

from desktop_app.gui.render import favourites_html
from desktop_app.gui.saved_filters import FilterIdRole, SavedFiltersModel
from desktop_app.gui.tasks import Task
from desktop_app.service import STATUSES

if TYPE_CHECKING:
    from desktop_app.gui.main_window import MainWindow
    from desktop_app.service import FilterStatus


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
        self.box.view.activated.connect(self._on_view_activated)
        self.box.view.clicked.connect(self._on_view_activated)

    # -- saved filters -------------------------------------------------------------------------
    def refresh(self, announce: bool = False) -> None:
        """Recount every saved filter in the background; with ``announce``, say which gained jobs."""
        self._announce = announce
        task = Task(self._window.service.filters_overview)
        task.signals.finished.connect(self._on_overview_finished)
        self._window.runner.read(task)

    def _on_overview_finished(self, rows: list[FilterStatus]) -> None:
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

    def open_filter(self, filter_id: int) -> None:
        """Apply a saved filter to the search and clear its "new" badge."""
        self._window.apply_saved_filter(filter_id)
        self._window.service.open_filter(filter_id)
        self.refresh()

    # -- favourites ----------------------------------------------------------------------------
    def _current_job(self) -> str | None:
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

    def show_favourites(self) -> None:
        """Show the list of favourites in the current tab."""
        self._window.pages.show_html(
            self.tr("Favourites"), favourites_html(self._window.service.favourites())
        )

    def _changed(self, job_id: str) -> None:
        self._window.pages.refresh_current()
        self.favourite_changed.emit(job_id)
