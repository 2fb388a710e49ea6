"""The saved-filters list: each filter with its job count and a badge of jobs new since last opened."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QWidget

from desktop_app.service import FilterStatus

FilterIdRole = Qt.ItemDataRole.UserRole + 1
NewRole = Qt.ItemDataRole.UserRole + 2
AnyIndex = QModelIndex | QPersistentModelIndex


class SavedFiltersModel(QAbstractListModel):
    """Saved filters with their counts."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[FilterStatus] = []

    def set_filters(self, rows: list[FilterStatus]) -> dict[str, int]:
        """Show ``rows``; return, by name, how many new jobs each filter gained since the last call."""
        before = {row.id: row.new for row in self._rows}
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()
        return {row.name: row.new - before.get(row.id, 0) for row in rows if row.new > before.get(row.id, 0)}

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            badge = self.tr("  ● {0} new").format(row.new) if row.new else ""
            return self.tr("{0}  ({1:,}){2}").format(row.name, row.total, badge)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tr("{0}\nQuery: {1}\n{2} jobs, {3} new since you last opened it").format(
                row.name, row.query or "—", row.total, row.new
            )
        if role == Qt.ItemDataRole.FontRole and row.new:
            font = QFont()
            font.setBold(True)
            return font
        if role == FilterIdRole:
            return row.id
        if role == NewRole:
            return row.new
        return None
