"""The reader's own data: saved filters with their badges, favourites, hide rules, history, export."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QInputDialog,
    QLabel,
    QListView,
    QMenu,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.gui.next_action import multi_line_text
from desktop_app.gui.saved_filters import FilterIdRole, SavedFiltersModel
from desktop_app.gui.selection import CurrentSelection
from desktop_app.gui.tasks import Task, TaskRunner
from desktop_app.service import STATUSES, ServiceError

if TYPE_CHECKING:
    from desktop_app.service import FilterStatus
    from desktop_app.service.user import UserPart


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
    """Acts on the reader's data through the user part of the service, for what ``selection`` holds.

    ``box`` (the saved-filters list) and ``undo_button`` are its own widgets, for the owner to place.
    ``user`` is the service's user-data part: filters, favourites, hide rules, history, export.

    Signals:
        status_changed(str): a line for the status bar.
        filters_refreshed(object): the saved filters' counts arrived (dict name → jobs gained).
        filter_opened(object): the reader opened a saved filter (its SavedFilter): apply it.
        favourite_changed(str): a job was starred, unstarred, or got a new status or note.
        hidden_changed(): hide rules, or whether hidden jobs show, changed: searches differ now.
        history_cleared(): the recently viewed items were forgotten.
        history_item_chosen(str, str): a recently viewed item was chosen (kind, id).
    """

    status_changed = Signal(str)
    filters_refreshed = Signal(object)
    filter_opened = Signal(object)
    favourite_changed = Signal(str)
    hidden_changed = Signal()
    history_cleared = Signal()
    history_item_chosen = Signal(str, str)

    def __init__(
        self, user: UserPart, runner: TaskRunner, selection: CurrentSelection, parent: QWidget
    ) -> None:
        super().__init__(parent)
        self._user = user
        self._runner = runner
        self._selection = selection
        self._parent = parent
        self.model = SavedFiltersModel(parent)
        self.box = SavedFiltersBox(self.model, parent)
        self.box.hide()
        self._announce = False
        self._undo: Callable[[], str] | None = None  # undoes the last delete or hide; says what
        self.undo_button = QPushButton(self.tr("Undo"), parent)
        self.undo_button.setAccessibleName(self.tr("Undo the last deletion, hide or unstar"))
        self.undo_button.hide()
        self._add_filter_actions()
        self._connect_signals()

    def _add_filter_actions(self) -> None:
        view = self.box.view
        for text, handler in (
            (self.tr("Rename…"), self.rename_selected_filter),
            (self.tr("Update With Current Search"), self.update_selected_filter),
            (self.tr("Duplicate"), lambda: self._on_selected(self._user.duplicate_filter)),
            (self.tr("Move Up"), lambda: self._on_selected(lambda fid: self._user.move_filter(fid, -1))),
            (self.tr("Move Down"), lambda: self._on_selected(lambda fid: self._user.move_filter(fid, 1))),
        ):
            action = QAction(text, view)
            action.triggered.connect(handler)
            view.addAction(action)
        delete = QAction(self.tr("Delete Saved Filter"), view)
        delete.setObjectName("delete_filter")
        delete.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        delete.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        delete.triggered.connect(self.delete_selected_filter)
        view.addAction(delete)
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)

    def _connect_signals(self) -> None:
        self.box.view.activated.connect(self._on_view_activated)
        self.box.view.clicked.connect(self._on_view_activated)
        self.undo_button.clicked.connect(self.undo)

    # -- saved filters -------------------------------------------------------------------------
    def refresh(self, announce: bool = False) -> None:
        """Recount every saved filter in the background; with ``announce``, say which gained jobs."""
        self._announce = announce
        task = Task(self._user.filters_overview)
        task.signals.finished.connect(self._on_overview_task_finished)
        self._runner.read(task)

    def _on_overview_task_finished(self, rows: list[FilterStatus]) -> None:
        gained = self.model.set_filters(rows)
        self.box.setVisible(bool(rows))
        if self._announce and gained:
            names = ", ".join(f"{name} (+{n})" for name, n in gained.items())
            self.status_changed.emit(self.tr("New jobs for your saved filters: {0}").format(names))
        self.filters_refreshed.emit(gained)

    def _on_view_activated(self, index: QModelIndex) -> None:
        filter_id = index.data(FilterIdRole)
        if filter_id is not None:
            self.open_filter(int(filter_id))

    def _selected_id(self) -> int | None:
        index = self.box.view.currentIndex()
        value = index.data(FilterIdRole) if index.isValid() else None
        return int(value) if value is not None else None

    def _on_selected(self, action: Callable[[int], object]) -> None:
        filter_id = self._selected_id()
        if filter_id is not None:
            action(filter_id)
            self.refresh()

    def save_current_search(self) -> None:
        """Ask for a name and save the current query and filters."""
        name, ok = QInputDialog.getText(
            self._parent, self.tr("Save Filter"), self.tr("Name of the saved filter:")
        )
        if ok and name.strip():
            self._user.save_filter(name, self._selection.search_text(), self._selection.criteria())
            self.status_changed.emit(self.tr("Saved filter “{0}”.").format(name.strip()))
            self.refresh()

    def update_selected_filter(self) -> None:
        """Replace the selected filter's query and criteria with the current search's."""
        filter_id = self._selected_id()
        if filter_id is not None:
            self._user.update_filter(filter_id, self._selection.search_text(), self._selection.criteria())
            self.status_changed.emit(self.tr("The saved filter now holds the current search."))
            self.refresh()

    def rename_selected_filter(self) -> None:
        """Ask for a new name for the selected saved filter."""
        filter_id = self._selected_id()
        if filter_id is None:
            return
        current = next((f.name for f in self._user.saved_filters() if f.id == filter_id), "")
        name, ok = QInputDialog.getText(
            self._parent, self.tr("Rename Filter"), self.tr("New name:"), text=current
        )
        if ok and name.strip():
            self._user.rename_filter(filter_id, name)
            self.refresh()

    def delete_selected_filter(self) -> None:
        """Delete the selected saved filter; Undo brings it back."""
        filter_id = self._selected_id()
        if filter_id is None:
            return
        token = self._user.delete_filter(filter_id)

        def restore() -> str:
            self._user.undo_delete_filter(token)
            self.refresh()
            return self.tr("Restored “{0}”.").format(token["name"])

        self._offer_undo(restore, self.tr("Deleted the saved filter “{0}”.").format(token["name"]))
        self.refresh()

    def _offer_undo(self, undo: Callable[[], str], message: str) -> None:
        self._undo = undo
        self.undo_button.show()
        self.status_changed.emit(message)

    def undo(self) -> None:
        """Undo the last deletion, hide, unstar or note change."""
        if self._undo is not None:
            self.status_changed.emit(self._undo())
            self._undo = None
        self.undo_button.hide()

    def open_filter(self, filter_id: int) -> None:
        """Announce a saved filter for the search to apply, and clear its "new" badge."""
        saved = next((f for f in self._user.saved_filters() if f.id == filter_id), None)
        if saved is None:
            return
        self._user.open_filter(filter_id)
        self.filter_opened.emit(saved)
        self.refresh()

    # -- the reader's data as a file ---------------------------------------------------------
    def export_data(self) -> None:
        """Ask where, and write the reader's data to one JSON file."""
        path, _ = QFileDialog.getSaveFileName(
            self._parent, self.tr("Export My Data"), "my-data.json", "JSON (*.json)"
        )
        if path:
            counts = self._user.export_data(Path(path))
            self.status_changed.emit(self.tr("Exported {0}.").format(_counts(counts)))

    def import_data(self) -> None:
        """Ask for a data file and merge it; a bad file changes nothing and says why."""
        path, _ = QFileDialog.getOpenFileName(self._parent, self.tr("Import My Data"), "", "JSON (*.json)")
        if not path:
            return
        try:
            counts = self._user.import_data(Path(path))
        except ServiceError as exc:
            QMessageBox.warning(self._parent, self.tr("Import My Data"), str(exc))
            return
        self.status_changed.emit(self.tr("Merged {0} that were not there yet.").format(_counts(counts)))
        self.refresh()

    def fill_history_menu(self, menu: QMenu) -> None:
        """List the recently viewed terms and jobs in ``menu`` (Go → Recently Viewed)."""
        menu.clear()
        for link in self._user.recent(15):
            kind, _, item_id = link.id.partition(":")
            action = menu.addAction(link.title)
            action.triggered.connect(lambda _c=False, k=kind, i=item_id: self.history_item_chosen.emit(k, i))
        if menu.isEmpty():
            menu.addAction(self.tr("Nothing viewed yet")).setEnabled(False)

    def clear_history(self) -> None:
        """Forget the recently viewed items."""
        removed = self._user.clear_history()
        self.status_changed.emit(self.tr("History cleared (%n item(s)).", "", removed))
        self.history_cleared.emit()

    # -- favourites ----------------------------------------------------------------------------
    def toggle_star(self) -> None:
        """Star the current job, or unstar it (Ctrl+D)."""
        job_id = self._selection.current_job_id()
        if job_id is None:
            self.status_changed.emit(self.tr("Open a job to star it."))
            return
        if self._user.favourite(job_id) is None:
            self._user.star(job_id)
            self.status_changed.emit(self.tr("Starred. Set its status from the Favourites menu."))
        else:
            token = self._user.unstar(job_id)
            if token is not None:
                self._offer_undo(
                    lambda: self._restore_favourite(job_id, token), self.tr("Removed from favourites.")
                )
        self.favourite_changed.emit(job_id)

    def _restore_favourite(self, job_id: str, token: dict[str, Any]) -> str:
        self._user.undo_unstar(token)
        self.favourite_changed.emit(job_id)
        return self.tr("Back in your favourites, with its status, note and history.")

    def set_status(self, status: str) -> None:
        """Move the current job's favourite to ``status`` (starring it if needed)."""
        job_id = self._selection.current_job_id()
        if job_id is None or status not in STATUSES:
            return
        self._user.star(job_id, status)
        self.favourite_changed.emit(job_id)

    def edit_note(self) -> None:
        """Edit the note of the current job's favourite."""
        job_id = self._selection.current_job_id()
        if job_id is None:
            return
        current = self._user.favourite(job_id)
        text, ok = multi_line_text(
            self._parent, self.tr("Note"), self.tr("Your note on this job:"), current.note if current else ""
        )
        if ok:
            self._user.star(job_id, current.status if current else "saved", text)
            self.favourite_changed.emit(job_id)
            if current is not None and current.note and current.note != text:
                self._offer_undo(
                    lambda: self._restore_note(job_id, current.note), self.tr("The note was changed.")
                )

    def _restore_note(self, job_id: str, note: str) -> str:
        favourite = self._user.favourite(job_id)
        if favourite is None:
            return self.tr("The job is no longer a favourite.")
        self._user.star(job_id, favourite.status, note)
        self.favourite_changed.emit(job_id)
        return self.tr("The earlier note is back.")

    # -- hiding --------------------------------------------------------------------------------
    def hide_job(self) -> None:
        """Hide the current job."""
        job_id = self._selection.current_job_id()
        if job_id is not None:
            self._hide("job", job_id, self.tr("This job is hidden."))

    def hide_company(self) -> None:
        """Hide every job of the current job's company."""
        company = self._selection.current_company()
        if company:
            self._hide("company", company, self.tr("Jobs of {0} are hidden.").format(company))

    def hide_titles(self) -> None:
        """Ask for words, and hide the jobs whose title has them."""
        words, ok = QInputDialog.getText(
            self._parent, self.tr("Hide Titles"), self.tr("Hide jobs whose title has these words:")
        )
        if ok and words.strip():
            self._hide("title", words.strip(), self.tr("Titles with “{0}” are hidden.").format(words.strip()))

    def _hide(self, kind: str, value: str, message: str) -> None:
        rule_id = self._user.hide(kind, value)

        def unhide() -> str:
            self._user.unhide(rule_id)
            self.hidden_changed.emit()
            return self.tr("Shown again.")

        self._offer_undo(unhide, message + " " + self.tr("(View → Show Hidden Jobs shows them.)"))
        self.hidden_changed.emit()

    def remove_hide_rule(self) -> None:
        """Offer the hide rules and remove the one chosen."""
        rules = self._user.hide_rules()
        if not rules:
            self.status_changed.emit(self.tr("No job is hidden."))
            return
        labels = [f"{kind}: {value}" for _id, kind, value in rules]
        choice, ok = QInputDialog.getItem(
            self._parent, self.tr("Hide Rules"), self.tr("Show again the jobs hidden by:"), labels, 0, False
        )
        if ok and choice in labels:
            self._user.unhide(rules[labels.index(choice)][0])
            self.hidden_changed.emit()

    def set_show_hidden(self, show: bool) -> None:
        """Show or leave out the hidden jobs."""
        self._user.show_hidden = show
        self.hidden_changed.emit()
