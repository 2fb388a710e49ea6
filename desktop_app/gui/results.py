"""The results list: a model of search hits and a delegate that draws title, badge and snippet."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from desktop_app.core.highlight import highlight_spans
from desktop_app.gui.theme import muted_colour
from desktop_app.service import Hit

KindRole = Qt.ItemDataRole.UserRole + 1
IdRole = Qt.ItemDataRole.UserRole + 2
SnippetRole = Qt.ItemDataRole.UserRole + 3
MarkRole = Qt.ItemDataRole.UserRole + 4  # "", "seen", "applied", or "starred:" and a status
ExcerptRole = Qt.ItemDataRole.UserRole + 5  # the text around the matched words, or ""
EndedRole = Qt.ItemDataRole.UserRole + 6  # a job past its date: "expired"; gone from its boards: "closed"
FitRole = Qt.ItemDataRole.UserRole + 7  # a job row's fit to My Skills: "7/9 skills", or None
AnyIndex = QModelIndex | QPersistentModelIndex
FitSource = Callable[[str], Any]  # a job id -> its FitMark (matched, asked) if worked out, else None


def ended_text(ended: str) -> str:
    """Return how a row says its job has ended ("expired", "closed"), or "" while it is open."""
    words = {"expired": "expired", "closed": "closed"}
    return QCoreApplication.translate("Results", words[ended]) if ended in words else ""


class ResultsModel(QAbstractListModel):
    """The hits of the latest search; reset as a whole when a new search answers."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._hits: tuple[Hit, ...] = ()
        self.words: tuple[str, ...] = ()
        self.last_is_prefix = False
        self.opened: set[str] = set()
        self.applied: set[str] = set()
        self.starred: dict[str, str] = {}
        self.fit_of: FitSource | None = None  # set when My Skills is in use: rows show a fit badge

    def set_marks(self, opened: set[str], applied: set[str], starred: dict[str, str] | None = None) -> None:
        """Remember which jobs were opened, applied to and starred (with status); rows show it."""
        self.opened, self.applied, self.starred = opened, applied, starred or {}
        if self._hits:
            self.dataChanged.emit(self.index(0), self.index(len(self._hits) - 1))

    def set_hits(
        self, hits: tuple[Hit, ...], words: tuple[str, ...] = (), last_is_prefix: bool = False
    ) -> None:
        """Replace the rows with ``hits``; ``words`` are highlighted by the delegate.

        ``last_is_prefix``: the last word is still being typed, so longer words it starts match too.
        """
        self.beginResetModel()
        self._hits = hits
        self.words = words
        self.last_is_prefix = last_is_prefix
        self.endResetModel()

    def hit(self, row: int) -> Hit | None:
        """Return the hit at ``row``, or None."""
        return self._hits[row] if 0 <= row < len(self._hits) else None

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._hits)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._hits):
            return None
        hit = self._hits[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return hit.title
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(p for p in (hit.snippet or hit.title, hit.excerpt) if p)
        if role == KindRole:
            return hit.kind
        if role == IdRole:
            return hit.id
        if role == SnippetRole:
            return hit.snippet
        if role == ExcerptRole:
            return hit.excerpt
        if role == FitRole:
            mark = self.fit_of(hit.id) if self.fit_of is not None and hit.kind == "job" else None
            return self.tr("{0}/{1} skills").format(mark.matched, mark.asked) if mark and mark.asked else None
        if role == EndedRole:
            return hit.ended
        if role == MarkRole and hit.kind == "job" and hit.id in self.starred:
            return "starred:" + self.starred[hit.id]
        if role == MarkRole:
            if hit.kind == "job" and hit.id in self.applied:
                return "applied"
            return "seen" if hit.kind == "job" and hit.id in self.opened else ""
        if role == Qt.ItemDataRole.AccessibleTextRole:
            ended = f" ({ended_text(hit.ended)})" if hit.ended else ""
            fit = self.data(index, FitRole)  # a screen reader hears the badge too
            ended += f" ({fit})" if fit else ""
            return f"{hit.kind}: {hit.title}{ended}. {hit.snippet} {hit.excerpt}".rstrip()
        return None


class ResultDelegate(QStyledItemDelegate):
    """Draws a result: a kind badge and the title, the snippet, and where the text matched (if it did)."""

    PADDING = 6

    def __init__(self, model: ResultsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = model

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:  # noqa: N802
        metrics = QFontMetrics(option.font)
        lines = 3 if index.data(ExcerptRole) else 2
        return QSize(200, metrics.height() * lines + self.PADDING * (lines + 1))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        painter.save()
        style = option.widget.style() if option.widget else None
        if style is not None:
            style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter, option.widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        palette = option.palette
        text_color = palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        background = palette.color(QPalette.ColorRole.Highlight if selected else QPalette.ColorRole.Base)
        muted = muted_colour(text_color, background)
        rect = option.rect.adjusted(self.PADDING, self.PADDING, -self.PADDING, -self.PADDING)
        metrics = QFontMetrics(option.font)
        line = metrics.height()
        kind = str(index.data(KindRole) or "")
        badge_font = QFont(option.font)
        badge_font.setPointSizeF(max(6.0, option.font.pointSizeF() * 0.8))
        badge_font.setBold(True)
        badge_metrics = QFontMetrics(badge_font)
        badge_text = "TERM" if kind == "term" else "JOB"
        badge_width = badge_metrics.horizontalAdvance(badge_text) + 10
        badge = QRect(rect.left(), rect.top() + 1, badge_width, line - 2)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#2e7d32") if kind == "term" else QColor("#1565c0"))
        painter.drawRoundedRect(badge, 4, 4)
        painter.setPen(QColor("white"))
        painter.setFont(badge_font)
        painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, badge_text)
        mark = str(index.data(MarkRole) or "")
        ended = ended_text(str(index.data(EndedRole) or ""))
        title_color = muted if (mark == "seen" or ended) and not selected else text_color
        title = str(index.data() or "")
        if mark.startswith("starred:"):
            title = "★ " + title + "  · " + self.tr(mark.removeprefix("starred:").title())
        elif mark == "applied":
            title = "✓ " + title + "  · " + self.tr("applied")
        elif mark == "seen":
            title = title + "  · " + self.tr("seen")
        if ended:
            title = "⊘ " + title + "  · " + ended
        fit = str(index.data(FitRole) or "")
        right = rect.right() - self._draw_fit(painter, rect, fit, badge_font, muted)
        title_rect = QRect(badge.right() + 8, rect.top(), right - badge.right() - 8, line)
        self._draw_highlighted(painter, title_rect, title, option.font, title_color, True)
        snippet_rect = QRect(rect.left(), rect.top() + line + self.PADDING, rect.width(), line)
        self._draw_highlighted(
            painter, snippet_rect, str(index.data(SnippetRole) or ""), option.font, muted, False
        )
        excerpt = str(index.data(ExcerptRole) or "")
        if excerpt:
            excerpt_rect = snippet_rect.translated(0, line + self.PADDING)
            italic = QFont(option.font)
            italic.setItalic(True)
            self._draw_highlighted(painter, excerpt_rect, excerpt, italic, muted, False)
        painter.restore()

    def _draw_fit(self, painter: QPainter, rect: QRect, text: str, font: QFont, colour: QColor) -> int:
        """Draw the fit badge ("7/9 skills") at the right of the title line; return the width it takes."""
        if not text:
            return 0
        width = QFontMetrics(font).horizontalAdvance(text) + 10
        pill = QRect(rect.right() - width, rect.top() + 1, width, QFontMetrics(font).height() + 2)
        painter.setPen(colour)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(pill, 4, 4)
        painter.setFont(font)
        painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, text)
        return width + 8

    def _draw_highlighted(
        self, painter: QPainter, rect: QRect, text: str, font: QFont, color: QColor, bold_base: bool
    ) -> None:
        base = QFont(font)
        base.setBold(bold_base)
        strong = QFont(font)
        strong.setBold(True)
        strong.setUnderline(True)
        text = QFontMetrics(base).elidedText(text, Qt.TextElideMode.ElideRight, rect.width())
        spans = highlight_spans(text, self._model.words, self._model.last_is_prefix)
        x = rect.left()
        position = 0
        painter.setPen(color)
        pieces = []
        for start, end in spans:
            pieces.append((text[position:start], base))
            pieces.append((text[start:end], strong))
            position = end
        pieces.append((text[position:], base))
        for piece, piece_font in pieces:
            if not piece:
                continue
            painter.setFont(piece_font)
            width = QFontMetrics(piece_font).horizontalAdvance(piece)
            painter.drawText(
                QRect(x, rect.top(), width + 2, rect.height()), Qt.AlignmentFlag.AlignVCenter, piece
            )
            x += width
