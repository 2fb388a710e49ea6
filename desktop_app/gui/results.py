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
_TERM_BADGE, _JOB_BADGE, _BADGE_TEXT = QColor("#2e7d32"), QColor("#1565c0"), QColor("white")
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

    def mark(self, hit: Hit) -> str:
        """Return how a row is marked: "", "seen", "applied", or "starred:" and the status."""
        if hit.kind != "job":
            return ""
        if hit.id in self.starred:
            return "starred:" + self.starred[hit.id]
        if hit.id in self.applied:
            return "applied"
        return "seen" if hit.id in self.opened else ""

    def fit_text(self, hit: Hit) -> str | None:
        """Return a job row's fit badge ("7/9 skills"), or None."""
        mark = self.fit_of(hit.id) if self.fit_of is not None and hit.kind == "job" else None
        return self.tr("{0}/{1} skills").format(mark.matched, mark.asked) if mark and mark.asked else None

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
            return self.fit_text(hit)
        if role == EndedRole:
            return hit.ended
        if role == MarkRole:
            return self.mark(hit)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            ended = f" ({ended_text(hit.ended)})" if hit.ended else ""
            fit = self.data(index, FitRole)  # a screen reader hears the badge too
            ended += f" ({fit})" if fit else ""
            return f"{hit.kind}: {hit.title}{ended}. {hit.snippet} {hit.excerpt}".rstrip()
        return None


Styled = tuple[QFont, QFontMetrics]  # a font and its metrics, made together


def _styled(font: QFont, bold: bool = False, underline: bool = False, italic: bool = False) -> Styled:
    made = QFont(font)
    made.setBold(bold)
    made.setUnderline(underline)
    made.setItalic(italic)
    return made, QFontMetrics(made)


class _Fonts:
    """The fonts a row is drawn with, made once for the view's font (each new QFont looks up an engine)."""

    def __init__(self, font: QFont) -> None:
        self.source = QFont(font)
        self.plain = _styled(font)
        self.bold = _styled(font, bold=True)
        self.strong = _styled(font, bold=True, underline=True)  # a matched word
        self.italic = _styled(font, italic=True)
        self.strong_italic = _styled(font, bold=True, underline=True, italic=True)
        small = QFont(font)
        small.setPointSizeF(max(6.0, font.pointSizeF() * 0.8))
        self.badge = _styled(small, bold=True)
        self.line = QFontMetrics(font).height()


class ResultDelegate(QStyledItemDelegate):
    """Draws a result: a kind badge and the title, the snippet, and where the text matched (if it did).

    A whole list is drawn again after every search: the row is read from the model directly
    (not role by role through Qt) and the fonts are made once.
    """

    PADDING = 6

    def __init__(self, model: ResultsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = model
        self._fonts: _Fonts | None = None

    def _fonts_for(self, font: QFont) -> _Fonts:
        if self._fonts is None or self._fonts.source != font:
            self._fonts = _Fonts(font)
        return self._fonts

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:  # noqa: N802
        hit = self._model.hit(index.row())
        lines = 3 if hit is not None and hit.excerpt else 2
        return QSize(200, self._fonts_for(option.font).line * lines + self.PADDING * (lines + 1))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        hit = self._model.hit(index.row())
        if hit is None:
            return
        fonts = self._fonts_for(option.font)
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
        line = fonts.line
        badge_text = "TERM" if hit.kind == "term" else "JOB"
        badge_width = fonts.badge[1].horizontalAdvance(badge_text) + 10
        badge = QRect(rect.left(), rect.top() + 1, badge_width, line - 2)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(_TERM_BADGE if hit.kind == "term" else _JOB_BADGE)
        painter.drawRoundedRect(badge, 4, 4)
        painter.setPen(_BADGE_TEXT)
        painter.setFont(fonts.badge[0])
        painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, badge_text)
        mark = self._model.mark(hit)
        ended = ended_text(hit.ended)
        title_color = muted if (mark == "seen" or ended) and not selected else text_color
        title = hit.title
        if mark.startswith("starred:"):
            title = "★ " + title + "  · " + self.tr(mark.removeprefix("starred:").title())
        elif mark == "applied":
            title = "✓ " + title + "  · " + self.tr("applied")
        elif mark == "seen":
            title = title + "  · " + self.tr("seen")
        if ended:
            title = "⊘ " + title + "  · " + ended
        fit = self._model.fit_text(hit) or ""
        right = rect.right() - self._draw_fit(painter, rect, fit, fonts.badge, muted)
        title_rect = QRect(badge.right() + 8, rect.top(), right - badge.right() - 8, line)
        self._draw_highlighted(painter, title_rect, title, title_color, fonts.bold, fonts.strong)
        snippet_rect = QRect(rect.left(), rect.top() + line + self.PADDING, rect.width(), line)
        self._draw_highlighted(painter, snippet_rect, hit.snippet, muted, fonts.plain, fonts.strong)
        if hit.excerpt:
            excerpt_rect = snippet_rect.translated(0, line + self.PADDING)
            self._draw_highlighted(
                painter, excerpt_rect, hit.excerpt, muted, fonts.italic, fonts.strong_italic
            )
        painter.restore()

    def _draw_fit(self, painter: QPainter, rect: QRect, text: str, styled: Styled, colour: QColor) -> int:
        """Draw the fit badge ("7/9 skills") at the right of the title line; return the width it takes."""
        if not text:
            return 0
        font, metrics = styled
        width = metrics.horizontalAdvance(text) + 10
        pill = QRect(rect.right() - width, rect.top() + 1, width, metrics.height() + 2)
        painter.setPen(colour)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(pill, 4, 4)
        painter.setFont(font)
        painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, text)
        return width + 8

    def _draw_highlighted(
        self,
        painter: QPainter,
        rect: QRect,
        text: str,
        color: QColor,
        base: Styled,
        strong: Styled,
    ) -> None:
        text = base[1].elidedText(text, Qt.TextElideMode.ElideRight, rect.width())
        spans = highlight_spans(text, self._model.words, self._model.last_is_prefix)
        painter.setPen(color)
        if not spans:  # most rows' snippets: one piece
            painter.setFont(base[0])
            painter.drawText(rect, Qt.AlignmentFlag.AlignVCenter, text)
            return
        x = rect.left()
        position = 0
        pieces = []
        for start, end in spans:
            pieces.append((text[position:start], base))
            pieces.append((text[start:end], strong))
            position = end
        pieces.append((text[position:], base))
        for piece, (piece_font, piece_metrics) in pieces:
            if not piece:
                continue
            painter.setFont(piece_font)
            width = piece_metrics.horizontalAdvance(piece)
            painter.drawText(
                QRect(x, rect.top(), width + 2, rect.height()), Qt.AlignmentFlag.AlignVCenter, piece
            )
            x += width
