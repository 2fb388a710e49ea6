"""The pipeline's models: the favourites as a table, one filtered column per status, and a card delegate."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QDate,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QGuiApplication, QPainter, QPalette, QPen
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from desktop_app.gui.theme import muted_colour
from desktop_app.service import STATUSES
from desktop_app.service.pipeline import PipelineCard

AnyIndex = QModelIndex | QPersistentModelIndex
MIME_TYPE = "application/x-glossary-jobs-favourite"
JobIdRole = Qt.ItemDataRole.UserRole + 1
StatusRole = Qt.ItemDataRole.UserRole + 2
CardRole = Qt.ItemDataRole.UserRole + 3
SortRole = Qt.ItemDataRole.UserRole + 4
COLUMNS = ("title", "company", "place", "pay", "status", "days", "next", "due")


def _tr(text: str) -> str:
    return QCoreApplication.translate("Pipeline", text)


def status_title(status: str) -> str:
    """Return a status as the window writes it ("Interviewing")."""
    return _tr(status.title())


def days_text(days: int) -> str:
    """Return days in a stage as a person says it: "today", "1 day", "12 days"."""
    if days <= 0:
        return _tr("new today")
    return QCoreApplication.translate("Pipeline", "%n day(s) in stage", "", days)


class PipelineModel(QAbstractTableModel):
    """Every favourite as a row (a card), with one column per fact; cards drag as their job ids."""

    HEADERS = ("Job", "Company", "Place", "Pay", "Status", "Days in stage", "Next action", "Due")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._cards: list[PipelineCard] = []
        self.today = date.today()

    def set_cards(self, cards: list[PipelineCard], today: date) -> None:
        """Show ``cards`` (most recently changed first), their days counted to ``today``."""
        self.beginResetModel()
        self._cards, self.today = list(cards), today
        self.endResetModel()

    def card(self, row: int) -> PipelineCard | None:
        """Return the card in ``row``, or None."""
        return self._cards[row] if 0 <= row < len(self._cards) else None

    def row_of(self, job_id: str) -> int:
        """Return the row of a job's card, or -1."""
        return next((n for n, c in enumerate(self._cards) if c.job_id == job_id), -1)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._cards)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _tr(self.HEADERS[section]) if 0 <= section < len(self.HEADERS) else None
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        card = self.card(index.row()) if index.isValid() else None
        if card is None:
            return None
        if role == JobIdRole:
            return card.job_id
        if role == StatusRole:
            return card.status
        if role == CardRole:
            return card
        column = COLUMNS[index.column()] if 0 <= index.column() < len(COLUMNS) else ""
        if role == SortRole:
            return self._sort_value(card, column)
        if role == Qt.ItemDataRole.ToolTipRole:  # all of it, whatever a narrow card had to cut
            lines = [card.title, card.company, next_action_text(card, self.today), card.note]
            return "\n".join(line for line in lines if line)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self._spoken(card)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._shown(card, column)
        if role == Qt.ItemDataRole.ForegroundRole and column in ("next", "due") and card.is_due(self.today):
            return _due_colour(QGuiApplication.palette())
        return None

    def _shown(self, card: PipelineCard, column: str) -> str:
        action = card.next_action
        values = {
            "title": card.title,
            "company": card.company,
            "place": card.place,
            "pay": card.pay,
            "status": status_title(card.status),
            "days": str(card.days_in_stage(self.today)),
            "next": action.text if action else "",
            "due": action.due.isoformat() if action and action.due else "",
        }
        return values.get(column, "")

    def _sort_value(self, card: PipelineCard, column: str) -> Any:
        if column == "days":
            return card.days_in_stage(self.today)
        if column == "pay":
            return card.annual_pay if card.annual_pay is not None else -1.0
        if column == "status":
            return STATUS_ORDER.get(card.status, 99)
        if column == "due":
            action = card.next_action
            return action.due.isoformat() if action and action.due else "9999"  # undated last
        return self._shown(card, column).casefold()

    def _spoken(self, card: PipelineCard) -> str:
        parts = [card.title, card.company, card.place, card.pay, status_title(card.status)]
        parts.append(days_text(card.days_in_stage(self.today)))
        if card.next_action is not None:
            parts.append(next_action_text(card, self.today))
        return ", ".join(p for p in parts if p)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled

    def mimeTypes(self) -> list[str]:  # noqa: N802
        return [MIME_TYPE]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:  # noqa: N802
        ids = dict.fromkeys(str(i.data(JobIdRole)) for i in indexes if i.isValid())
        data = QMimeData()
        data.setData(MIME_TYPE, "\n".join(ids).encode("utf-8"))
        return data

    def supportedDragActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.MoveAction


STATUS_ORDER = {status: n for n, status in enumerate(STATUSES)}


def next_action_text(card: PipelineCard, today: date) -> str:
    """Return a card's next action as its line reads: "today: Interview", "3 Dec: Follow up"."""
    action = card.next_action
    if action is None:
        return ""
    if action.due is None:
        return action.text
    if action.due == today:
        when = _tr("today")
    else:
        day = QDate(action.due.year, action.due.month, action.due.day)
        when = day.toString("d MMM" if action.due.year == today.year else "d MMM yyyy")
        if action.due < today:
            when = _tr("overdue, {0}").format(when)
    return f"{when}: {action.text}"  # the day first: on a narrow card the text is what gets cut


class StatusColumn(QSortFilterProxyModel):
    """The cards of one status, for one board column; a card dropped on it asks to move here.

    Signals:
        card_dropped(str, str): a card (job id) was dropped on this column (its status).
    """

    card_dropped = Signal(str, str)

    def __init__(self, status: str, source: PipelineModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.status = status
        self.setSourceModel(source)

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:  # noqa: N802
        index = self.sourceModel().index(source_row, 0, source_parent)
        return bool(index.data(StatusRole) == self.status)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled  # the column's empty space takes a dropped card
        return super().flags(index) | Qt.ItemFlag.ItemIsDropEnabled

    def supportedDropActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction

    def canDropMimeData(  # noqa: N802
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: AnyIndex
    ) -> bool:
        return data.hasFormat(MIME_TYPE)

    def dropMimeData(  # noqa: N802
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: AnyIndex
    ) -> bool:
        if not data.hasFormat(MIME_TYPE):
            return False
        ids = [i for i in bytes(data.data(MIME_TYPE).data()).decode("utf-8").split("\n") if i]
        for job_id in ids:
            self.card_dropped.emit(job_id, self.status)
        # The move is made by whoever hears card_dropped, not by the view: nothing to remove.
        return False


class CardDelegate(QStyledItemDelegate):
    """Draws a card: title, company, place and pay, days in stage, and the next action (red when due)."""

    PADDING = 8

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:  # noqa: N802
        line = QFontMetrics(option.font).height()
        card = index.data(CardRole)
        lines = len(_lines(card)) if isinstance(card, PipelineCard) else 4
        return QSize(150, line * lines + 2 * self.PADDING + 6)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        card = index.data(CardRole)
        if not isinstance(card, PipelineCard):
            return
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = option.palette
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        focused = bool(option.state & QStyle.StateFlag.State_HasFocus)
        box = option.rect.adjusted(3, 3, -3, -3)
        background = palette.color(QPalette.ColorRole.Highlight if selected else QPalette.ColorRole.Base)
        text = palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        border = palette.color(QPalette.ColorRole.Mid)
        painter.setPen(QPen(text if focused else border, 2 if focused else 1))
        painter.setBrush(background)
        painter.drawRoundedRect(box, 6, 6)
        muted = muted_colour(text, background)
        inner = box.adjusted(self.PADDING, self.PADDING - 2, -self.PADDING, -self.PADDING)
        metrics = QFontMetrics(option.font)
        line = metrics.height()
        bold = QFont(option.font)
        bold.setBold(True)
        model_today = getattr(_source(index), "today", date.today())
        due = card.is_due(model_today)
        fonts = {"title": bold, "next": bold if due else option.font}
        colours = {
            "title": text,
            "company": text,
            "next": _due_colour(palette) if due and not selected else text,
        }
        rows = [
            (value, fonts.get(kind, option.font), colours.get(kind, muted))
            for kind, value in _lines(card, model_today)
        ]
        y = inner.top()
        for value, font, colour in rows:
            painter.setFont(font)
            painter.setPen(colour)
            shown = QFontMetrics(font).elidedText(value, Qt.TextElideMode.ElideRight, inner.width())
            painter.drawText(
                QRect(inner.left(), y, inner.width(), line), Qt.AlignmentFlag.AlignVCenter, shown
            )
            y += line
        painter.restore()


def _lines(card: PipelineCard, today: date | None = None) -> list[tuple[str, str]]:
    """Return a card's lines as (kind, text): title, company, place, pay, days in stage, next action."""
    today = today or date.today()
    gone = "" if card.listed else "  · " + _tr("no longer listed")
    lines = [("title", card.title), ("company", (card.company or _tr("Company not stated")) + gone)]
    lines += [(kind, value) for kind, value in (("place", card.place), ("pay", card.pay)) if value]
    lines.append(("days", days_text(card.days_in_stage(today))))
    if card.next_action is not None:
        lines.append(("next", "→ " + next_action_text(card, today)))
    return lines


def _source(index: AnyIndex) -> Any:
    model = index.model()
    while isinstance(model, QSortFilterProxyModel):
        model = model.sourceModel()
    return model


def _due_colour(palette: QPalette) -> QColor:
    """A red that reads on the palette's base colour (WCAG AA), in the light and the dark theme."""
    base = palette.color(QPalette.ColorRole.Base)
    return QColor("#ff8a80") if base.lightness() < 128 else QColor("#b71c1c")
