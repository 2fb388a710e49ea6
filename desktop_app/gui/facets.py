"""The checkable list of one facet (employment types, locations, teams) with live counts."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import QWidget

ValueRole = Qt.ItemDataRole.UserRole + 1
CountRole = Qt.ItemDataRole.UserRole + 2
AnyIndex = QModelIndex | QPersistentModelIndex


class FacetModel(QAbstractListModel):
    """Values of one facet with their counts; the user checks values to keep.

    Signals:
        selection_changed(): the set of checked values changed.
    """

    selection_changed = Signal()

    def __init__(self, labels: dict[str, str] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[str, int]] = []
        self._checked: set[str] = set()
        self._labels = labels or {}

    def set_counts(self, counts: dict[str, int], selected: frozenset[str] | None = None) -> None:
        """Show ``counts``; checked values stay (with 0 when the query no longer finds them)."""
        if selected is not None:
            self._checked = set(selected)
        values = dict(counts)
        for value in self._checked:
            values.setdefault(value, 0)
        self.beginResetModel()
        self._rows = sorted(
            values.items(), key=lambda item: (-item[1], self._labels.get(item[0], item[0]).casefold())
        )
        self.endResetModel()

    def set_labels(self, labels: dict[str, str]) -> None:
        """Name values by these labels from now on (skills by their titles); the rows follow."""
        self._labels.update(labels)

    def selected(self) -> frozenset[str]:
        """Return the checked values."""
        return frozenset(self._checked)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        value, count = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{self._labels.get(value, value)}  ({count:,})"
        if role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Checked if value in self._checked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tr("{0}: {1} jobs").format(self._labels.get(value, value), count)
        if role == ValueRole:
            return value
        if role == CountRole:
            return count
        return None

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid():
            return False
        name = self._rows[index.row()][0]
        checked = (
            Qt.CheckState(value) == Qt.CheckState.Checked
            if isinstance(value, int)
            else value == Qt.CheckState.Checked
        )
        if checked:
            self._checked.add(name)
        else:
            self._checked.discard(name)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        self.selection_changed.emit()
        return True

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsUserCheckable
