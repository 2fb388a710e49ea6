"""View → Skills…: what the jobs ask for, ranked, with a trend line; a row's skill filters the board."""

from __future__ import annotations

from typing import Any, Protocol

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.gui.tasks import Task, TaskRunner
from desktop_app.service.skills import SkillDemand

AnyIndex = QModelIndex | QPersistentModelIndex
SlugRole = Qt.ItemDataRole.UserRole + 1
BARS = "▁▂▃▄▅▆▇█"


class SkillsSource(Protocol):
    """What the view needs of the service: its skills part."""

    def demand(self, query: str | None = None, limit: int | None = 50) -> list[SkillDemand]: ...


def sparkline(counts: list[int]) -> str:
    """Return a one-line trend of weekly counts: "▁▁▃█" (all low bars when every count is 0)."""
    top = max(counts, default=0)
    if top == 0:
        return BARS[0] * len(counts)
    return "".join(BARS[round(c / top * (len(BARS) - 1))] for c in counts)


def _pay(amount: float | None) -> str:
    return "—" if amount is None else f"${amount / 1000:,.0f}k"


class SkillsModel(QAbstractTableModel):
    """The demand table: skill, jobs, share, 12-week trend, asked with, median pay with / without."""

    COLUMNS = ("Skill", "Jobs", "Share", "Trend (12 weeks)", "Often with", "Median pay with / without")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[SkillDemand] = []

    def set_rows(self, rows: list[SkillDemand]) -> None:
        """Show ``rows`` (most asked first)."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802 - Qt names it
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802 - Qt names it
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(  # noqa: N802 - Qt names it
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr(self.COLUMNS[section]) if 0 <= section < len(self.COLUMNS) else None
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == SlugRole:
            return row.id
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in (1, 2):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 3:
            return ", ".join(f"{week}: {n}" for week, n in row.figures.weekly)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        figures = row.figures
        return (
            row.title,
            f"{figures.jobs:,}",
            f"{figures.share:.0%}",
            sparkline([n for _, n in figures.weekly]),
            ", ".join(f"{title} {share:.0%}" for _, title, share in row.with_titles[:3]),
            f"{_pay(figures.pay_with)} / {_pay(figures.pay_without)}",
        )[index.column()]

    def slug(self, row: int) -> str | None:
        """Return the term id of a row, or None."""
        return self._rows[row].id if 0 <= row < len(self._rows) else None


class SkillsController(QObject):
    """The Skills window: loads demand on the write thread (it may derive skills first).

    Signals:
        skill_chosen(str): the reader activated a row: the skill's term id, to filter the board by.
        loaded(int): the table was filled with this many skills.
    """

    skill_chosen = Signal(str)
    loaded = Signal(int)

    def __init__(self, skills: SkillsSource, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._skills = skills
        self._runner = runner
        self.model = SkillsModel(self)
        self.dialog = QDialog(parent)
        self.dialog.setWindowTitle(self.tr("Skills the jobs ask for"))
        self.dialog.resize(860, 520)
        self.summary = QLabel(self.tr("Counting…"), self.dialog)
        self.table = QTableView(self.dialog)
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Skills the jobs ask for"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        layout = QVBoxLayout(self.dialog)
        layout.addWidget(self.summary)
        layout.addWidget(self.table)
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.table.activated.connect(self._on_table_activated)
        self.table.clicked.connect(self._on_table_activated)  # a click is enough, as in the results list

    def show(self, query: str | None = None) -> None:
        """Open the window and count the skills of the jobs ``query`` matches (all by default)."""
        self.dialog.show()
        self.dialog.raise_()
        task = Task(self._skills.demand, query, 100)
        task.signals.finished.connect(self._on_task_finished)
        task.signals.failed.connect(self.summary.setText)
        self._runner.write(task)

    def _on_task_finished(self, rows: list[SkillDemand]) -> None:
        self.model.set_rows(rows)
        if rows:
            self.summary.setText(
                self.tr("The {0} skills the jobs ask for most. Click a row to see its jobs.").format(
                    len(rows)
                )
            )
        else:
            self.summary.setText(self.tr("No job asks for a glossary term yet: import jobs first."))
        self.loaded.emit(len(rows))

    def _on_table_activated(self, index: QModelIndex) -> None:
        slug = self.model.slug(index.row())
        if slug is not None:
            self.skill_chosen.emit(slug)
