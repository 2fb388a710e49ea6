"""At a glance: the current jobs' yearly salaries and the listings posted per week, as small bar charts."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QFont, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QVBoxLayout, QWidget

from desktop_app.service import SearchResult

SALARY_ORDER = ("under 50k", "50k–80k", "80k–120k", "120k–160k", "160k and more", "salary unknown")
SALARY_SHORT = ("<50k", "50k+", "80k+", "120k+", "160k+", "?")
WEEKS = 8


class BarChart(QWidget):
    """A titled row of bars with labels underneath and the count above each bar."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.bars: list[tuple[str, int]] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumHeight(110)

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(220, 110)

    def set_bars(self, bars: list[tuple[str, int]]) -> None:
        """Show ``bars`` as (label, count)."""
        self.bars = bars
        self.setAccessibleDescription(", ".join(f"{label}: {count}" for label, count in bars))
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.WindowText)
        bar = palette.color(QPalette.ColorRole.Highlight)
        metrics = self.fontMetrics()
        line = metrics.height()
        painter.setPen(text)
        painter.drawText(QRectF(0, 0, self.width(), line), Qt.AlignmentFlag.AlignLeft, self.title)
        if not self.bars:
            return
        small = QFont(self.font())
        small.setPointSizeF(max(6.0, self.font().pointSizeF() * 0.85))
        painter.setFont(small)
        top, bottom = line * 2 + 2, self.height() - line - 2
        width = self.width() / len(self.bars)
        highest = max(1, max(count for _label, count in self.bars))
        for index, (label, count) in enumerate(self.bars):
            x = index * width
            height = (bottom - top) * count / highest
            painter.fillRect(QRectF(x + 3, bottom - height, width - 6, height), bar)
            painter.drawText(
                QRectF(x, bottom - height - line, width, line), Qt.AlignmentFlag.AlignCenter, str(count)
            )
            painter.drawText(QRectF(x, bottom + 1, width, line), Qt.AlignmentFlag.AlignCenter, label)
        painter.end()


class Glance(QWidget):
    """Two charts for the jobs of the current search."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.salaries = BarChart(self.tr("Yearly salary (jobs shown)"), self)
        self.weeks = BarChart(self.tr("Posted per week (this week on the right)"), self)
        layout.addWidget(self.salaries)
        layout.addWidget(self.weeks)

    def show_result(self, result: SearchResult) -> None:
        """Draw the salary bands and weekly counts of a search's jobs."""
        bands = result.facets.get("salary", {})
        self.salaries.set_bars(
            [(short, bands.get(name, 0)) for name, short in zip(SALARY_ORDER, SALARY_SHORT, strict=True)]
        )
        weeks = result.facets.get("weeks", {})
        self.weeks.set_bars(
            [(f"-{w}" if w else self.tr("now"), weeks.get(str(w), 0)) for w in reversed(range(WEEKS))]
        )
