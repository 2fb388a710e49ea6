"""File → Company Boards…: the followed boards, adding one by URL, fetching with progress and Cancel."""

from __future__ import annotations

import threading
from typing import Any, Protocol

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.boards.sources import FORMS
from desktop_app.gui.tasks import Task, TaskRunner
from desktop_app.service import ServiceError
from desktop_app.service.boards import BoardFetch
from desktop_app.storage.boards import BoardInfo

AnyIndex = QModelIndex | QPersistentModelIndex
KeyRole = Qt.ItemDataRole.UserRole + 1


class BoardsPart(Protocol):
    """What the dialog needs of the service: its boards part."""

    def add(self, source: str) -> Any: ...
    def boards(self) -> list[BoardInfo]: ...
    def remove(self, key: str) -> dict[str, Any]: ...
    def undo_remove(self, kept: dict[str, Any]) -> None: ...
    def fetch(self, keys: Any = (), cancelled: Any = ..., fetched: Any = None) -> list[BoardFetch]: ...


class BoardsModel(QAbstractTableModel):
    """The followed boards: name, open jobs, last fetched, and the last result or error."""

    COLUMNS = ("Board", "Jobs", "Last fetched", "Last result")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[BoardInfo] = []
        self._busy: set[str] = set()

    def set_boards(self, rows: list[BoardInfo]) -> None:
        """Show ``rows``."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def set_busy(self, keys: set[str]) -> None:
        """Mark the boards being fetched now."""
        self._busy = set(keys)
        if self._rows:
            self.dataChanged.emit(self.index(0, 3), self.index(len(self._rows) - 1, 3))

    def key(self, row: int) -> str | None:
        """Return the key of the board in ``row``."""
        return self._rows[row].key if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr(self.COLUMNS[section])
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == KeyRole:
            return row.key
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.url
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        column = index.column()
        if column == 0:
            return row.key
        if column == 1:
            return f"{row.jobs:,}"
        if column == 2:
            return f"{row.last_fetched:%Y-%m-%d %H:%M}" if row.last_fetched else self.tr("never")
        if row.key in self._busy:
            return self.tr("Fetching…")
        if row.last_error:
            return self.tr("Failed: {0}").format(row.last_error)
        if row.last_fetched is None:
            return self.tr("Not fetched yet")
        counts = row.last_counts
        result = BoardFetch(
            row.key, True, counts.get("new", 0), counts.get("updated", 0), closed=counts.get("closed", 0)
        )
        return result.summary().split(": ", 1)[1]


class BoardsDialog(QDialog):
    """Followed company boards: Add (a pasted URL), Fetch, Fetch All, Remove with Undo, Cancel.

    Nothing is fetched until Fetch or Fetch All is pressed. A fetch runs on the task runner's
    write thread; the table follows board by board.

    Signals:
        fetch_finished(str): the status line of a finished fetch ("greenhouse:airbnb: 3 new, 2 closed").
        boards_changed(): jobs were added, updated or closed: searches differ now.
    """

    fetch_finished = Signal(str)
    boards_changed = Signal()

    def __init__(self, boards: BoardsPart, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Company Boards"))
        self.resize(760, 420)
        self._boards = boards
        self._runner = runner
        self._cancel = threading.Event()
        self._removed: list[dict[str, Any]] = []
        self.model = BoardsModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Followed boards"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.empty = QLabel(
            self.tr(
                "No boards followed yet. Press Add and paste a company's careers page address, e.g. "
                "https://boards.greenhouse.io/airbnb or https://jobs.lever.co/spotify. Nothing is "
                "fetched until you press Fetch; what is fetched stays searchable offline."
            ),
            self,
        )
        self.empty.setWordWrap(True)
        self.add_button = self._button(self.tr("&Add…"), self.tr("Follow a board by its careers URL"))
        self.fetch_button = self._button(self.tr("&Fetch"), self.tr("Fetch the selected boards now"))
        self.fetch_all_button = self._button(self.tr("Fetch A&ll"), self.tr("Fetch every followed board now"))
        self.remove_button = self._button(self.tr("&Remove"), self.tr("Stop following the selected boards"))
        self.undo_button = self._button(self.tr("&Undo Remove"), self.tr("Follow the removed board again"))
        self.cancel_button = self._button(self.tr("&Cancel Fetch"), self.tr("Stop fetching"))
        self.undo_button.hide()
        self.cancel_button.setEnabled(False)
        self.progress = QProgressBar(self)
        self.progress.setAccessibleName(self.tr("Fetch progress"))
        self.progress.hide()
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setAccessibleName(self.tr("Last fetch"))
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.fetch_button, self.fetch_all_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.undo_button)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(close)
        self._connect_signals()
        self.refresh()

    def _button(self, text: str, tip: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setToolTip(tip)
        button.setAccessibleName(text.replace("&", "").rstrip("…"))
        return button

    def _connect_signals(self) -> None:
        self.add_button.clicked.connect(self._on_add_clicked)
        self.fetch_button.clicked.connect(lambda: self.fetch(self.selected()))
        self.fetch_all_button.clicked.connect(lambda: self.fetch([]))
        self.remove_button.clicked.connect(self._on_remove_clicked)
        self.undo_button.clicked.connect(self._on_undo_clicked)
        self.cancel_button.clicked.connect(self._cancel.set)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())

    # -- public ---------------------------------------------------------------------------
    def refresh(self) -> None:
        """Read the followed boards again."""
        rows = self._boards.boards()
        self.model.set_boards(rows)
        self.empty.setVisible(not rows)
        self._update_buttons()

    def selected(self) -> list[str]:
        """Return the keys of the selected boards."""
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [k for k in (self.model.key(r) for r in rows) if k]

    def add(self, source: str) -> bool:
        """Follow the board ``source`` names; show why not when it names none. Return True if added."""
        try:
            ref = self._boards.add(source)
        except ServiceError as exc:
            self.status.setText(str(exc))
            return False
        self.refresh()
        self.status.setText(self.tr("Following {0}. Press Fetch to bring its jobs in.").format(ref.key))
        return True

    def fetch(self, keys: list[str]) -> Task | None:
        """Fetch ``keys`` (every board when empty) on the write thread; return the task."""
        wanted = keys or [b.key for b in self._boards.boards()]
        if not wanted or self.busy:
            return None
        self._cancel.clear()
        self.model.set_busy(set(wanted))
        self.progress.setRange(0, len(wanted))
        self.progress.setValue(0)
        self.progress.setFormat(self.tr("Fetching %v of %m boards"))
        self.progress.show()
        self.status.setText(self.tr("Fetching… (the only time this app goes online)"))
        task = Task(self._run_fetch, wanted, with_progress=True)
        task.signals.progress.connect(self._on_fetch_progress)
        task.signals.finished.connect(self._on_fetch_finished)
        task.signals.failed.connect(self._on_fetch_failed)
        self._set_busy(True)
        self._runner.write(task)
        return task

    def reject(self) -> None:
        """Close; a fetch still running is cancelled (boards not yet stored stay as they were)."""
        if self.busy:
            self._cancel.set()
        super().reject()

    @property
    def busy(self) -> bool:
        """True while a fetch runs."""
        return self.cancel_button.isEnabled()

    # -- work (on the write thread) -------------------------------------------------------
    def _run_fetch(self, keys: list[str], progress: Any) -> list[BoardFetch]:
        done: list[BoardFetch] = []

        def fetched(result: BoardFetch) -> None:
            done.append(result)
            progress(len(done), len(keys))

        return self._boards.fetch(keys, cancelled=self._cancel.is_set, fetched=fetched)

    # -- slots ----------------------------------------------------------------------------
    def _on_add_clicked(self) -> None:
        text, ok = QInputDialog.getText(
            self,
            self.tr("Follow a Company Board"),
            self.tr("Careers page URL or vendor:name\n({0})").format(FORMS),
        )
        if ok and text.strip():
            self.add(text)

    def _on_remove_clicked(self) -> None:
        keys = self.selected()
        if not keys:
            return
        self._removed = [self._boards.remove(key) for key in keys]
        self.refresh()
        self.undo_button.show()
        self.status.setText(
            self.tr("No longer following {0}; their jobs stay. Undo Remove brings them back.").format(
                ", ".join(keys)
            )
        )

    def _on_undo_clicked(self) -> None:
        for kept in self._removed:
            self._boards.undo_remove(kept)
        if self._removed:
            self.status.setText(
                self.tr("Following {0} again.").format(", ".join(k["key"] for k in self._removed))
            )
        self._removed = []
        self.undo_button.hide()
        self.refresh()

    def _on_fetch_progress(self, done: int, total: int) -> None:
        self.progress.setValue(done)
        self.refresh()

    def _on_fetch_finished(self, results: list[BoardFetch]) -> None:
        self._set_busy(False)
        self.model.set_busy(set())
        self.progress.hide()
        self.refresh()
        line = "; ".join(r.summary() for r in results)
        self.status.setText(line)
        self.fetch_finished.emit(line)
        if any(r.ok and (r.new or r.updated or r.closed) for r in results):
            self.boards_changed.emit()

    def _on_fetch_failed(self, message: str) -> None:
        self._set_busy(False)
        self.model.set_busy(set())
        self.progress.hide()
        self.refresh()
        self.status.setText(self.tr("The fetch failed: {0}").format(message))
        self.fetch_finished.emit(message)

    def _set_busy(self, busy: bool) -> None:
        self.cancel_button.setEnabled(busy)
        self._update_buttons()

    def _update_buttons(self) -> None:
        busy = self.cancel_button.isEnabled()
        has_boards = self.model.rowCount() > 0
        chosen = bool(self.table.selectionModel().selectedRows()) if self.table.selectionModel() else False
        self.fetch_button.setEnabled(not busy and chosen)
        self.fetch_all_button.setEnabled(not busy and has_boards)
        self.remove_button.setEnabled(not busy and chosen)
        self.add_button.setEnabled(not busy)


class BoardsController(QObject):
    """Opens the Company Boards dialog (made once, kept, so a fetch outlives its closing).

    Signals:
        status_changed(str): a line for the status bar after a fetch.
        boards_changed(): jobs came in or closed: searches and saved filters' counts differ now.
    """

    status_changed = Signal(str)
    boards_changed = Signal()

    def __init__(self, boards: BoardsPart, runner: TaskRunner, parent: QWidget) -> None:
        super().__init__(parent)
        self._boards = boards
        self._runner = runner
        self._parent = parent
        self.dialog: BoardsDialog | None = None

    def show(self) -> BoardsDialog:
        """Show the dialog (raised when open already); return it."""
        if self.dialog is None:
            self.dialog = BoardsDialog(self._boards, self._runner, self._parent)
            self.dialog.fetch_finished.connect(self.status_changed)
            self.dialog.boards_changed.connect(self.boards_changed)
        self.dialog.refresh()
        self.dialog.show()
        self.dialog.raise_()
        self.dialog.activateWindow()
        return self.dialog
