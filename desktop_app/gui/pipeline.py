"""The pipeline view: favourites as a board (a column per status) or a sortable table, keyboard first."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCursor, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFileDialog,
    QListView,
    QMenu,
    QPushButton,
    QStackedWidget,
    QWidget,
)

from desktop_app.core.criteria import Criteria
from desktop_app.gui.next_action import NextActionDialog
from desktop_app.gui.pipeline_board import PipelineBoard
from desktop_app.gui.pipeline_model import (
    JobIdRole,
    PipelineModel,
    status_title,
)
from desktop_app.gui.selection import CurrentSelection
from desktop_app.service import STATUSES, ServiceError

if TYPE_CHECKING:
    from desktop_app.gui.user_data import UserDataController
    from desktop_app.service import Service

MNEMONICS = {"saved": "&Saved", "applied": "&Applied", "interviewing": "&Interviewing",
             "offer": "&Offer", "rejected": "&Rejected", "archived": "Arc&hived"}  # fmt: skip


class PipelineController(QObject):
    """The pipeline as a view in the window's central area, over the service's pipeline and user parts.

    ``selection`` wraps the window's own: while the board shows, commands that act on "the current
    job" (Star, Note, Status, Hide) act on the focused card.

    Signals:
        job_opened(str, str): the reader opened a card's job (kind "job", id): show its page.
        status_changed(str): a line for the status bar.
        favourite_changed(str): a card moved or got a next action (its job id).
        note_requested(): edit the note of the current job (the focused card).
        unstar_requested(): unstar the current job, with Undo.
        undo_requested(): undo the last unstar (or other change that offered Undo).
        due_counted(int): how many next actions are due today or overdue, after each refresh.
    """

    job_opened = Signal(str, str)
    status_changed = Signal(str)
    favourite_changed = Signal(str)
    note_requested = Signal()
    unstar_requested = Signal()
    undo_requested = Signal()
    due_counted = Signal(int)

    def __init__(self, service: Service, selection: CurrentSelection, parent: QWidget) -> None:
        super().__init__(parent)
        self._pipeline = service.pipeline
        self._user = service.user
        self._parent = parent
        self.selection = BoardSelection(self, selection)
        self.model = PipelineModel(parent)
        self.board = PipelineBoard(self.model, parent)
        self.due_button = QPushButton(parent)
        self.due_button.setFlat(True)
        self.due_button.setAccessibleName(self.tr("Next actions due: open the pipeline"))
        self.due_button.hide()
        self._stack: QStackedWidget | None = None
        self._before: QWidget | None = None  # what had the focus before the board showed
        self._follow: str | None = None  # the card to keep in hand across a refresh
        self._add_actions()
        self._connect_signals()

    # -- construction -----------------------------------------------------------------------
    def stack(self, search_view: QWidget) -> QStackedWidget:
        """Return the window's central widget: ``search_view`` and, in its place when shown, the board."""
        self._stack = QStackedWidget(self._parent)
        self._stack.addWidget(search_view)
        self._stack.addWidget(self.board)
        return self._stack

    def wire(self, user_data: UserDataController) -> None:
        """Let the favourites commands (note, unstar, undo) of ``user_data`` serve the board too."""
        self.note_requested.connect(user_data.edit_note)
        self.unstar_requested.connect(user_data.toggle_star)
        self.undo_requested.connect(user_data.undo)
        user_data.favourite_changed.connect(self._on_user_data_favourite_changed)

    def _add_actions(self) -> None:
        def act(text: str, handler: Callable[[], object], *keys: str | QKeySequence.StandardKey) -> QAction:
            action = QAction(self.tr(text), self.board)
            action.setShortcuts([QKeySequence(k) for k in keys])
            # Only while a card list has the focus: the window's own shortcuts stay unambiguous.
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            action.triggered.connect(handler)
            for view in self.board.item_views():
                view.addAction(action)
            return action

        act("&Open Job", self.open_current)
        act("Move &Left", lambda: self.move_current(-1), "Ctrl+Left")
        act("Move &Right", lambda: self.move_current(1), "Ctrl+Right")
        act("&Move To…", self.choose_status, "Ctrl+M")
        act("&Next Action…", self.edit_next_action, "Ctrl+E")
        act("N&ote…", self.note_requested.emit)
        act("&Unstar", self.unstar_requested.emit, QKeySequence.StandardKey.Delete)
        act("Undo", self.undo_requested.emit, QKeySequence.StandardKey.Undo)
        act("&Table or Board", self.board.table_button.click, "Ctrl+Shift+T")
        act("Back to &Search", self.leave, "Esc")
        for view in self.board.item_views():
            view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
            view.installEventFilter(self)

    def _connect_signals(self) -> None:
        for status, column in self.board.columns.items():
            column.card_dropped.connect(self._on_column_card_dropped)
            self.board.views[status].activated.connect(self._on_view_activated)
        self.board.table.activated.connect(self._on_view_activated)
        self.board.table_button.toggled.connect(self._on_table_button_toggled)
        self.board.csv_button.clicked.connect(self.export_csv)
        self.board.ics_button.clicked.connect(self.export_ics)
        self.board.back_button.clicked.connect(self.leave)
        self.due_button.clicked.connect(self.show)

    # -- showing ----------------------------------------------------------------------------
    @property
    def showing(self) -> bool:
        """True while the board is in the window's central area."""
        return self._stack is not None and self._stack.currentWidget() is self.board

    def toggle(self) -> None:
        """Show the board (the current job's card in hand), or go back to search when it shows."""
        if self.showing:
            self.leave()
        else:
            self.show()

    def show(self) -> None:
        """Put the board in the window's central area, the current job's card (or the first) focused."""
        if self._stack is None:
            return
        if not self.showing:
            self._before = QApplication.focusWidget()
            self._follow = self.selection.inner.current_job_id() or self._follow
        self.refresh()
        self._stack.setCurrentWidget(self.board)
        self._focus_card(self._follow)

    def leave(self) -> None:
        """Go back to search, the focus where it was before the board showed."""
        if self._stack is None or not self.showing:
            return
        self._stack.setCurrentIndex(0)
        before, self._before = self._before, None
        try:
            if before is not None and before.isVisible():
                before.setFocus(Qt.FocusReason.OtherFocusReason)
                return
        except RuntimeError:  # it was deleted meanwhile (a closed tab's page)
            pass
        search_view = self._stack.widget(0)
        if search_view is not None:
            search_view.setFocus(Qt.FocusReason.OtherFocusReason)

    def refresh(self) -> None:
        """Read the favourites again (a card moved, a note or next action changed); recount what is due."""
        today = date.today()
        cards = self._pipeline.cards(today)
        self.model.set_cards(cards, today)
        due = sum(1 for c in cards if c.is_due(today))
        for status, header in self.board.headers.items():
            count = sum(1 for c in cards if c.status == status)
            header.setText(f"<b>{status_title(status)}</b> ({count})")
        self.board.summary.setText(
            self.tr("%n favourite(s)", "", len(cards)) + (" · " + self._due_text(due) if due else "")
        )
        self.due_button.setText(self._due_text(due))
        self.due_button.setVisible(due > 0)
        self.due_counted.emit(due)

    def _due_text(self, due: int) -> str:
        return self.tr("%n next action(s) due", "", due)

    # -- the card in hand -------------------------------------------------------------------
    def current_job_id(self) -> str | None:
        """Return the job of the focused card (board or table), or None."""
        view = self._current_view()
        index = view.currentIndex() if view is not None else QModelIndex()
        value = index.data(JobIdRole) if index.isValid() else None
        return str(value) if value is not None else None

    def _current_view(self) -> QAbstractItemView | None:
        if not self.showing:
            return None
        if self.board.pages.currentWidget() is self.board.table:
            return self.board.table
        focus = QApplication.focusWidget()
        if isinstance(focus, QAbstractItemView) and focus in self.board.item_views():
            return focus
        return next((v for v in self.board.views.values() if v.currentIndex().isValid()), None)

    def _focus_card(self, job_id: str | None) -> None:
        """Select ``job_id``'s card (else the first card) in the view shown, and give it the focus."""
        row = self.model.row_of(job_id) if job_id else -1
        if self.board.pages.currentWidget() is self.board.table:
            table = self.board.table
            if row >= 0:
                table.setCurrentIndex(self.board.sorted.mapFromSource(self.model.index(row, 0)))
            elif self.model.rowCount():
                table.setCurrentIndex(self.board.sorted.index(0, 0))
            self._give_focus(table)
            return
        card = self.model.card(row)
        if card is None:
            first = next((s for s in STATUSES if self.board.columns[s].rowCount()), STATUSES[0])
            view = self.board.views[first]
            if self.board.columns[first].rowCount():
                view.setCurrentIndex(self.board.columns[first].index(0, 0))
        else:
            view = self.board.views[card.status]
            view.setCurrentIndex(self.board.columns[card.status].mapFromSource(self.model.index(row, 0)))
        self._give_focus(view)

    @staticmethod
    def _give_focus(view: QWidget) -> None:
        # After a menu or a dialog closes the window may not be active again yet: make it so,
        # or the focus would be set on a window that does not take keys.
        if not view.window().isActiveWindow():
            view.window().activateWindow()
        view.setFocus(Qt.FocusReason.OtherFocusReason)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        # Left and Right walk between the columns, as they would between a board's lanes.
        if event.type() == QEvent.Type.KeyPress and watched in self.board.views.values():
            key_event = event if isinstance(event, QKeyEvent) else None
            if key_event is not None and key_event.modifiers() == Qt.KeyboardModifier.NoModifier:
                step = {Qt.Key.Key_Left: -1, Qt.Key.Key_Right: 1}.get(Qt.Key(key_event.key()))
                if step is not None:
                    self._walk(watched, step)  # type: ignore[arg-type]
                    return True
        return super().eventFilter(watched, event)

    def _walk(self, view: QListView, step: int) -> None:
        statuses = list(self.board.views)
        here = statuses.index(next(s for s, v in self.board.views.items() if v is view))
        there = self.board.views[statuses[max(0, min(len(statuses) - 1, here + step))]]
        if there.model().rowCount() and not there.currentIndex().isValid():
            there.setCurrentIndex(
                there.model().index(min(view.currentIndex().row(), there.model().rowCount() - 1), 0)
            )
        there.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- commands ---------------------------------------------------------------------------
    def open_current(self) -> None:
        """Open the focused card's job in the window (and go back to search to show it)."""
        job_id = self.current_job_id()
        if job_id is not None:
            self._follow = job_id
            self.leave()
            self.job_opened.emit("job", job_id)

    def _on_view_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_current()

    def move_current(self, step: int) -> None:
        """Move the focused card one status on (+1) or back (-1), in the order of the columns."""
        job_id = self.current_job_id()
        card = self.model.card(self.model.row_of(job_id)) if job_id else None
        if card is not None:
            here = STATUSES.index(card.status)
            there = max(0, min(len(STATUSES) - 1, here + step))
            if there != here:
                self.move(card.job_id, STATUSES[there])

    def choose_status(self) -> None:
        """Offer the statuses (A for Applied…) and move the focused card to the one chosen."""
        job_id = self.current_job_id()
        if job_id is None:
            return
        menu = QMenu(self.board)
        menu.setAccessibleName(self.tr("Move to"))
        for status in STATUSES:
            menu.addAction(self.tr(MNEMONICS[status])).setData(status)
        view = self._current_view()
        rect = view.visualRect(view.currentIndex()) if view is not None else None
        at = view.viewport().mapToGlobal(rect.center()) if view is not None and rect else QCursor.pos()
        chosen: QAction | None = menu.exec(at)  # None when the menu was closed with Esc
        menu.deleteLater()
        if chosen is not None:  # moved once the menu has closed, so that the focus follows the card
            self.move(job_id, str(chosen.data()))
        else:
            self._focus_card(job_id)

    def move(self, job_id: str, status: str) -> None:
        """Give a card a new status (a move on the board), and keep it in hand."""
        try:
            self._user.star(job_id, status)
        except ServiceError as exc:
            self.status_changed.emit(str(exc))
            return
        self._follow = job_id
        self.status_changed.emit(self.tr("Moved to {0}.").format(status_title(status)))
        self.favourite_changed.emit(job_id)
        self.refresh()
        self._focus_card(job_id)

    def _on_column_card_dropped(self, job_id: str, status: str) -> None:
        card = self.model.card(self.model.row_of(job_id))
        if card is None or card.status == status:
            return  # dropped back on its own column: nothing moves
        # After the drag has ended: the views are not reset under a running drag.
        QTimer.singleShot(0, lambda: self.move(job_id, status))

    def edit_next_action(self) -> None:
        """Ask for the focused card's next action and its day; save, change or remove it."""
        job_id = self.current_job_id()
        card = self.model.card(self.model.row_of(job_id)) if job_id else None
        if card is None:
            return
        view = self._current_view()
        action = card.next_action
        dialog = NextActionDialog(
            card.title,
            action.text if action else "",
            action.due if action else None,
            date.today(),
            self._parent,
        )
        accepted = dialog.exec() == NextActionDialog.DialogCode.Accepted
        if accepted and dialog.removed:
            self._pipeline.clear_next_action(card.job_id)
            self.status_changed.emit(self.tr("The next action was removed."))
        elif accepted:
            text, due = dialog.value()
            try:
                self._pipeline.set_next_action(card.job_id, text, due)
            except ServiceError as exc:
                self.status_changed.emit(str(exc))
        dialog.deleteLater()
        self.refresh()
        self._focus_card(card.job_id)
        if view is not None and not view.hasFocus():
            view.setFocus(Qt.FocusReason.OtherFocusReason)
        self.favourite_changed.emit(card.job_id)

    def _on_table_button_toggled(self, table: bool) -> None:
        job_id = self.current_job_id() or self._follow
        self.board.pages.setCurrentIndex(1 if table else 0)
        self.board.table_button.setText(self.tr("&Board") if table else self.tr("&Table"))
        if table:
            self.board.table.resizeColumnsToContents()
        self._focus_card(job_id)

    def _on_user_data_favourite_changed(self, job_id: str) -> None:
        # Starred, unstarred, a note or a status set elsewhere: the board and the due count follow.
        keep = self.current_job_id() if self.showing else None
        self.refresh()
        if self.showing:
            self._focus_card(keep if keep and self.model.row_of(keep) >= 0 else None)

    # -- export -----------------------------------------------------------------------------
    def export_csv(self) -> None:
        """Ask where, and write the pipeline as CSV."""
        self._export(
            self.tr("Export Pipeline as CSV"), "pipeline.csv", "CSV (*.csv)", self._pipeline.export_csv
        )

    def export_ics(self) -> None:
        """Ask where, and write the dated next actions as an iCalendar file."""
        self._export(self.tr("Export Next Actions as Calendar"), "next-actions.ics", "iCalendar (*.ics)",
                     self._pipeline.export_ics)  # fmt: skip

    def _export(self, title: str, name: str, kinds: str, write: Callable[[Path], int]) -> None:
        path, _ = QFileDialog.getSaveFileName(self._parent, title, name, kinds)
        if path:
            try:
                count = write(Path(path))
            except ServiceError as exc:
                self.status_changed.emit(str(exc))
                return
            self.status_changed.emit(self.tr("Wrote %n item(s) to {0}.", "", count).format(path))
        self._focus_card(self.current_job_id())


class BoardSelection:
    """The window's CurrentSelection, except that while the board shows the focused card is the job."""

    def __init__(self, board: PipelineController, inner: CurrentSelection) -> None:
        self._board = board
        self.inner = inner

    def current_job_id(self) -> str | None:
        """Return the focused card's job while the board shows, else what the window has in hand."""
        if self._board.showing:
            return self._board.current_job_id()
        return self.inner.current_job_id()

    def current_company(self) -> str | None:
        """Return the company of the current job, or None."""
        job_id = self.current_job_id()
        if self._board.showing and job_id:
            card = self._board.model.card(self._board.model.row_of(job_id))
            return card.company or None if card else None
        return self.inner.current_company()

    def search_text(self) -> str:
        """Return the query as typed."""
        return self.inner.search_text()

    def criteria(self) -> Criteria:
        """Return the filters as set."""
        return self.inner.criteria()
