"""The results list view: keyboard moves from the search box, opening a row, and the empty state."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QGuiApplication, QMouseEvent, QResizeEvent
from PySide6.QtWidgets import QLabel, QListView, QWidget

from desktop_app.gui.results import IdRole, KindRole, ResultDelegate, ResultsModel
from desktop_app.gui.searching import CLEAR_FILTERS_LINK, SUGGESTION_SCHEME


class ResultsView(QListView):
    """Shows a ResultsModel; a chosen row is announced, the owner opens it. Empty, it says why.

    Signals:
        item_opened(str, str, bool): a result was chosen (kind, id, whether in a new tab).
        clear_filters_requested(): the empty state's "Clear filters" link was clicked.
        suggestion_chosen(str): the empty state's "did you mean" link was clicked (the words).
    """

    item_opened = Signal(str, str, bool)
    clear_filters_requested = Signal()
    suggestion_chosen = Signal(str)

    def __init__(self, model: ResultsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self._model = model
        self.setItemDelegate(ResultDelegate(model, self))
        self.setUniformItemSizes(False)  # rows with an excerpt are taller
        self.setAccessibleName(self.tr("Results"))
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.empty_label = QLabel(self.viewport())
        self.empty_label.setObjectName("empty-state")
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.empty_label.setTextFormat(Qt.TextFormat.RichText)
        self.empty_label.setAccessibleName(self.tr("Why the list is empty"))
        self.empty_label.hide()
        self.activated.connect(self._on_activated)
        self.clicked.connect(self._on_activated)
        self.empty_label.linkActivated.connect(self._on_empty_label_link_activated)
        model.modelReset.connect(self._show_empty_state)

    def set_empty_text(self, html: str) -> None:
        """Set what the list says when it has no row (rich text; links act)."""
        self.empty_label.setText(html)
        self._show_empty_state()

    def _show_empty_state(self) -> None:
        self.empty_label.setGeometry(self.viewport().rect().adjusted(12, 16, -12, -12))
        self.empty_label.setVisible(bool(self.empty_label.text()) and self._model.rowCount() == 0)

    def _on_empty_label_link_activated(self, link: str) -> None:
        if link == CLEAR_FILTERS_LINK:
            self.clear_filters_requested.emit()
        elif link.startswith(SUGGESTION_SCHEME):
            self.suggestion_chosen.emit(link.removeprefix(SUGGESTION_SCHEME))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self.empty_label.setGeometry(self.viewport().rect().adjusted(12, 16, -12, -12))

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
