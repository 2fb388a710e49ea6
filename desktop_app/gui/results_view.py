"""The results list view: keyboard moves from the search box, open on Enter, click or middle click."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QGuiApplication, QMouseEvent
from PySide6.QtWidgets import QListView, QWidget

from desktop_app.gui.results import IdRole, KindRole, ResultDelegate, ResultsModel


class ResultsView(QListView):
    """Shows a ResultsModel; a chosen row is announced, the owner opens it.

    Signals:
        item_opened(str, str, bool): a result was chosen (kind, id, whether in a new tab).
    """

    item_opened = Signal(str, str, bool)

    def __init__(self, model: ResultsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self._model = model
        self.setItemDelegate(ResultDelegate(model, self))
        self.setUniformItemSizes(False)  # rows with an excerpt are taller
        self.setAccessibleName(self.tr("Results"))
        self.activated.connect(self._on_activated)
        self.clicked.connect(self._on_activated)

    def move_current(self, step: int) -> None:
        """Move the current row by ``step`` rows, within the list."""
        rows = self._model.rowCount()
        if rows:
            row = min(max(self.currentIndex().row() + step, 0), rows - 1)
            self.setCurrentIndex(self._model.index(row))

    def open_current(self, new_tab: bool) -> bool:
        """Announce the current row (else the first) as opened; return False when the list is empty."""
        index = self.currentIndex()
        if not index.isValid() and self._model.rowCount():
            index = self._model.index(0)
        return index.isValid() and self._open(index, new_tab)

    def _on_activated(self, index: QModelIndex) -> None:
        new_tab = bool(QGuiApplication.keyboardModifiers() & Qt.KeyboardModifier.ControlModifier)
        self._open(index, new_tab)

    def _open(self, index: QModelIndex, new_tab: bool) -> bool:
        kind, item_id = index.data(KindRole), index.data(IdRole)
        if kind in ("term", "job") and item_id:
            self.item_opened.emit(str(kind), str(item_id), new_tab)
            return True
        return False

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        # A middle click on a result opens it in a new tab, as in a browser.
        if event.button() == Qt.MouseButton.MiddleButton:
            index = self.indexAt(event.position().toPoint())
            if index.isValid():
                self._open(index, True)
                return
        super().mouseReleaseEvent(event)
