"""The pipeline's widgets: a title bar, the board (a card list per status) and the sortable table."""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListView,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.gui.pipeline_model import (
    COLUMNS,
    CardDelegate,
    PipelineModel,
    SortRole,
    StatusColumn,
    status_title,
)
from desktop_app.service import STATUSES

HINT = ("Enter opens · Ctrl+←/→ moves a card · Ctrl+M moves to… · Ctrl+E next action · "
        "Ctrl+Shift+N note · Delete unstars (Ctrl+Z undoes) · Esc back to search")  # fmt: skip


class PipelineBoard(QWidget):
    """The widgets: a title bar, the board (one list per status) and the table, one shown at a time."""

    def __init__(self, model: PipelineModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pipeline-board")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        bar = QHBoxLayout()
        title = QLabel("<h2>" + self.tr("Pipeline") + "</h2>", self)
        self.summary = QLabel(self)
        self.summary.setAccessibleName(self.tr("Pipeline summary"))
        self.table_button = QPushButton(self.tr("&Table"), self)
        self.table_button.setCheckable(True)
        self.table_button.setAccessibleName(self.tr("Show the pipeline as a table"))
        self.csv_button = QPushButton(self.tr("Export &CSV…"), self)
        self.csv_button.setAccessibleName(self.tr("Export the pipeline as CSV"))
        self.ics_button = QPushButton(self.tr("Export Ca&lendar…"), self)
        self.ics_button.setAccessibleName(self.tr("Export the next actions as an iCalendar file"))
        self.back_button = QPushButton(self.tr("Back to Search"), self)
        self.back_button.setAccessibleName(self.tr("Leave the pipeline and go back to search"))
        for widget in (title, self.summary):
            bar.addWidget(widget)
        bar.addStretch(1)
        for button in (self.table_button, self.csv_button, self.ics_button, self.back_button):
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            bar.addWidget(button)
        layout.addLayout(bar)
        self.hint = QLabel(self.tr(HINT), self)
        self.hint.setWordWrap(True)
        self.hint.setForegroundRole(self.hint.foregroundRole())
        layout.addWidget(self.hint)
        self.pages = QStackedWidget(self)
        layout.addWidget(self.pages, 1)
        self.columns: dict[str, StatusColumn] = {}
        self.views: dict[str, QListView] = {}
        self.headers: dict[str, QLabel] = {}
        board = QWidget(self)
        row = QHBoxLayout(board)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(6)
        delegate = CardDelegate(self)
        for status in STATUSES:
            column = QFrame(board)
            column.setFrameShape(QFrame.Shape.NoFrame)
            box = QVBoxLayout(column)
            box.setContentsMargins(0, 0, 0, 0)
            header = QLabel(column)
            view = QListView(column)
            view.setObjectName(f"pipeline-{status}")
            view.setAccessibleName(self.tr("{0} column").format(status_title(status)))
            proxy = StatusColumn(status, model, view)
            view.setModel(proxy)
            view.setItemDelegate(delegate)
            view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
            view.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
            view.setDefaultDropAction(Qt.DropAction.MoveAction)
            view.setDropIndicatorShown(True)
            view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
            view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            view.setMinimumWidth(140)
            view.viewport().setBackgroundRole(QPalette.ColorRole.Window)  # the cards stand out on it
            header.setBuddy(view)
            box.addWidget(header)
            box.addWidget(view, 1)
            row.addWidget(column, 1)
            self.columns[status], self.views[status], self.headers[status] = proxy, view, header
        scroll = QScrollArea(self)
        scroll.setWidget(board)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes from column to column, not to the frame
        scroll.setAccessibleName(self.tr("Pipeline board"))
        scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.pages.addWidget(scroll)
        self.sorted = QSortFilterProxyModel(self)
        self.sorted.setSourceModel(model)
        self.sorted.setSortRole(SortRole)
        self.table = QTableView(self)
        self.table.setObjectName("pipeline-table")
        self.table.setAccessibleName(self.tr("Pipeline table"))
        self.table.setModel(self.sorted)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COLUMNS.index("status"), Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(0, 220)
        self.pages.addWidget(self.table)

    def item_views(self) -> list[QAbstractItemView]:
        """Return every view that shows cards: the six columns and the table."""
        return [*self.views.values(), self.table]
