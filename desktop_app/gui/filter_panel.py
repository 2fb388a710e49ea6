"""The job filter panel: facets with live counts, salary range, age, sort; nothing hidden silently."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)
from superqt import QRangeSlider

from desktop_app.core.criteria import POSTED_CHOICES, Criteria
from desktop_app.gui.facets import FacetModel
from desktop_app.gui.glance import Glance
from desktop_app.service import SearchResult

SALARY_STEP = 5_000
SALARY_TOP = 300_000
TYPE_LABELS = {
    "FULL_TIME": "Full time", "PART_TIME": "Part time", "CONTRACTOR": "Contract", "TEMPORARY": "Temporary",
    "INTERN": "Internship", "VOLUNTEER": "Volunteer", "PER_DIEM": "Per diem", "OTHER": "Other",
}  # fmt: skip


class FacetBox(QGroupBox):
    """A titled, checkable facet list (with a filter line for long lists)."""

    def __init__(
        self, title: str, model: FacetModel, filterable: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(title, parent)
        self.base_title = title
        self.model = model
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        if filterable:
            self.filter_edit = QLineEdit(self)
            self.filter_edit.setPlaceholderText(self.tr("Filter {0}…").format(title.lower()))
            self.filter_edit.setClearButtonEnabled(True)
            self.filter_edit.setAccessibleName(self.tr("Filter {0}").format(title.lower()))
            self.filter_edit.textChanged.connect(self.proxy.setFilterFixedString)
            layout.addWidget(self.filter_edit)
        self.view = QListView(self)
        self.view.setModel(self.proxy)
        self.view.setAccessibleName(title)
        self.view.setUniformItemSizes(True)
        # Long values are elided in the middle, so that their counts, at the end, stay in view.
        self.view.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout.addWidget(self.view)
        model.modelReset.connect(self._fit_height)
        self._fit_height()

    def _fit_height(self) -> None:
        rows = max(2, min(self.model.rowCount(), 8))
        row = max(self.view.sizeHintForRow(0), self.view.fontMetrics().height() + 4)
        self.view.setFixedHeight(rows * row + 2 * self.view.frameWidth() + 2)

    def set_excluded(self, count: int) -> None:
        """Say in the title how many jobs this facet's selection leaves out."""
        suffix = self.tr(" — hides %Ln", "", count) if count else ""
        self.setTitle(self.base_title + suffix)


class FilterPanel(QScrollArea):
    """Narrows jobs: employment type, location, team, skills, remote, salary, posted within; sort.

    Signals:
        criteria_changed(object): the user changed a filter; carries the new Criteria.
        save_requested(): the user asked to save the current query and filters.
    """

    criteria_changed = Signal(object)
    save_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setAccessibleName(self.tr("Job filters"))
        self._quiet = False
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        self.summary = QLabel(self.tr("Filters narrow the jobs; they leave terms alone."), body)
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        # The buttons come first: at 800 pixels high the end of the panel is out of view.
        buttons = QHBoxLayout()
        self.clear_button = QPushButton(self.tr("Clear all"), body)
        self.clear_button.setAccessibleName(self.tr("Clear all filters"))
        self.save_button = QPushButton(self.tr("Save filter…"), body)
        self.save_button.setAccessibleName(self.tr("Save the search and filters"))
        buttons.addWidget(self.clear_button)
        buttons.addWidget(self.save_button)
        layout.addLayout(buttons)
        self.types = FacetBox(self.tr("Employment type"), FacetModel(TYPE_LABELS, self), False, body)
        self.locations = FacetBox(self.tr("Location"), FacetModel(parent=self), True, body)
        self.teams = FacetBox(self.tr("Team"), FacetModel(parent=self), True, body)
        self.skills = FacetBox(self.tr("Skills"), FacetModel(parent=self), True, body)
        self.skills.setToolTip(self.tr("The glossary terms jobs ask for; each one ticked narrows the jobs"))
        for box in (self.types, self.locations, self.teams, self.skills):
            layout.addWidget(box)
            box.model.selection_changed.connect(self._on_facet_changed)
        self.others = QGroupBox(self.tr("More"), body)
        form = QFormLayout(self.others)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self.remote = QComboBox(self.others)
        self.remote.setAccessibleName(self.tr("Remote"))
        for label, value in ((self.tr("Any"), "any"), (self.tr("Remote only"), "remote"),
                             (self.tr("Hybrid"), "hybrid"), (self.tr("On-site only"), "onsite")):  # fmt: skip
            self.remote.addItem(label, value)
        form.addRow(self.tr("Remote"), self.remote)
        salary_row = QWidget(self.others)
        salary_layout = QVBoxLayout(salary_row)
        salary_layout.setContentsMargins(0, 0, 0, 0)
        self.salary_label = QLabel(salary_row)
        salary_layout.addWidget(self.salary_label)
        self.salary = QRangeSlider(Qt.Orientation.Horizontal, salary_row)
        self.salary.setRange(0, SALARY_TOP)
        self.salary.setSingleStep(SALARY_STEP)
        self.salary.setPageStep(SALARY_STEP * 4)
        self.salary.setValue((0, SALARY_TOP))
        self.salary.setAccessibleName(self.tr("Yearly salary range"))
        salary_layout.addWidget(self.salary)
        self.unknown_salary = QCheckBox(self.tr("Keep if no salary"), salary_row)
        self.unknown_salary.setChecked(True)
        self.unknown_salary.setToolTip(
            self.tr("Jobs that give no salary are kept by a salary range unless unticked.")
        )
        salary_layout.addWidget(self.unknown_salary)
        form.addRow(self.tr("Salary / year"), salary_row)
        self.posted = QComboBox(self.others)
        self.posted.setAccessibleName(self.tr("Posted within"))
        for days in POSTED_CHOICES:
            self.posted.addItem(self._posted_label(days, None), days)
        form.addRow(self.tr("Posted within"), self.posted)
        self.sort = QComboBox(self.others)
        self.sort.setAccessibleName(self.tr("Sort by"))
        for label, value in ((self.tr("Relevance"), "relevance"), (self.tr("Newest first"), "date"),
                             (self.tr("Highest salary"), "salary")):  # fmt: skip
            self.sort.addItem(label, value)
        form.addRow(self.tr("Sort by"), self.sort)
        layout.addWidget(self.others)
        self.glance_box = QGroupBox(self.tr("At a glance"), body)
        glance_layout = QVBoxLayout(self.glance_box)
        self.glance = Glance(self.glance_box)
        glance_layout.addWidget(self.glance)
        layout.addWidget(self.glance_box)
        layout.addStretch(1)
        self.setWidget(body)
        for combo in (self.remote, self.posted, self.sort):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(10)
        # Scrolling the panel must not change a filter the pointer happens to pass over.
        self._wheel_guard = WheelGuard(self)
        for control in (self.remote, self.posted, self.sort, self.salary):
            control.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            control.installEventFilter(self._wheel_guard)
        self._show_salary_range()
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.remote.currentIndexChanged.connect(self._on_facet_changed)
        self.salary.sliderReleased.connect(self._on_facet_changed)
        self.salary.valueChanged.connect(self._on_salary_value_changed)
        self.unknown_salary.toggled.connect(self._on_facet_changed)
        self.posted.currentIndexChanged.connect(self._on_facet_changed)
        self.sort.currentIndexChanged.connect(self._on_facet_changed)
        self.clear_button.clicked.connect(self.clear)
        self.save_button.clicked.connect(self.save_requested)

    # -- state ------------------------------------------------------------------------------
    def criteria(self) -> Criteria:
        """Return the filters as set in the panel."""
        low, high = self._salary_range()
        return Criteria(
            types=self.types.model.selected(),
            locations=self.locations.model.selected(),
            teams=self.teams.model.selected(),
            skills=self.skills.model.selected(),
            remote=self.remote.currentData(),
            salary_min=float(low) if low > 0 else None,
            salary_max=float(high) if high < SALARY_TOP else None,
            include_unknown_salary=self.unknown_salary.isChecked(),
            posted_within_days=self.posted.currentData(),
            sort=self.sort.currentData(),
        )

    def set_criteria(self, criteria: Criteria) -> None:
        """Show ``criteria`` in the panel without announcing a change."""
        self._quiet = True
        try:
            self.types.model.set_counts({}, criteria.types)
            self.locations.model.set_counts({}, criteria.locations)
            self.teams.model.set_counts({}, criteria.teams)
            self.skills.model.set_counts({}, criteria.skills)
            self.remote.setCurrentIndex(max(0, self.remote.findData(criteria.remote)))
            self.salary.setValue(
                (
                    int(criteria.salary_min or 0),
                    int(criteria.salary_max if criteria.salary_max else SALARY_TOP),
                )
            )
            self.unknown_salary.setChecked(criteria.include_unknown_salary)
            self._show_salary_range()
            self.posted.setCurrentIndex(max(0, self.posted.findData(criteria.posted_within_days)))
            self.sort.setCurrentIndex(max(0, self.sort.findData(criteria.sort)))
        finally:
            self._quiet = False

    def clear(self) -> None:
        """Remove every filter (the sort order stays)."""
        self.set_criteria(replace(Criteria(), sort=self.criteria().sort))
        self._on_facet_changed()

    def show_counts(self, result: SearchResult, jobs_left: int) -> None:
        """Show the facet counts of a search; the user's selections stay as they are.

        ``jobs_left``: how many jobs the search and the filters leave.
        """
        facets, excluded = result.facets, result.excluded
        self.glance.show_result(result)
        self.skills.model.set_labels(result.labels.get("skill", {}))
        boxes = (
            ("type", self.types),
            ("location", self.locations),
            ("team", self.teams),
            ("skill", self.skills),
        )
        for name, box in boxes:
            box.model.set_counts(facets.get(name, {}))
            box.set_excluded(excluded.get(name, 0))
        remote = facets.get("remote", {})
        self.remote.setItemText(1, self.tr("Remote only (%Ln)", "", remote.get("remote", 0)))
        self.remote.setItemText(2, self.tr("On-site only (%Ln)", "", remote.get("on-site", 0)))
        bands = dict(facets.get("salary", {}))
        unknown = bands.pop("salary unknown", 0)
        self.unknown_salary.setText(self.tr("Keep if no salary (%Ln)", "", unknown))
        posted = facets.get("posted", {})
        for index, days in enumerate(POSTED_CHOICES):
            self.posted.setItemText(index, self._posted_label(days, posted))
        jobs = result.kind_counts.get("job", 0)
        if result.criteria.is_empty:
            self.summary.setText(self.tr("%Ln job(s) match[es] the search. Filters narrow them.", "", jobs))
        elif jobs_left == jobs:
            self.summary.setText(self.tr("%Ln job(s) shown; the filters hide none.", "", jobs))
        else:
            self.summary.setText(
                self.tr("%Ln job(s) shown", "", jobs_left)
                + " "
                + self.tr("of %Ln; the filters hide the rest.", "", jobs)
            )

    def _posted_label(self, days: int | None, counts: dict[str, int] | None) -> str:
        names = {
            None: self.tr("Any time"),
            1: self.tr("24 hours"),
            7: self.tr("7 days"),
            30: self.tr("30 days"),
        }
        keys = {1: "24 hours", 7: "7 days", 30: "30 days"}
        label = names.get(days, str(days))
        if counts is not None and days in keys:
            label += " " + self.tr("(%Ln)", "", counts.get(keys[days], 0))
        return label

    def _salary_range(self) -> tuple[int, int]:
        value: Any = self.salary.value()  # superqt types it as tuple[Never, ...]
        return int(value[0]), int(value[1])

    def _show_salary_range(self) -> None:
        self.salary_label.setText(salary_range_text(*self._salary_range()))

    def _on_salary_value_changed(self, _value: object) -> None:
        self._show_salary_range()
        if not self.salary.isSliderDown():
            self._on_facet_changed()

    def _on_facet_changed(self, *_args: object) -> None:
        if not self._quiet:
            self.criteria_changed.emit(self.criteria())


def salary_range_text(low: int, high: int) -> str:
    """Return how the salary slider's range reads: "Any salary", "From 80k a year", "80k–120k a year"."""

    def tr(text: str) -> str:
        return QCoreApplication.translate("FilterPanel", text)

    def k(value: int) -> str:
        return f"{value / 1000:,.0f}k"

    if low <= 0 and high >= SALARY_TOP:
        return tr("Any salary")
    if high >= SALARY_TOP:
        return tr("From {0} a year").format(k(low))
    if low <= 0:
        return tr("Up to {0} a year").format(k(high))
    return tr("{0}–{1} a year").format(k(low), k(high))


class WheelGuard(QObject):
    """Passes a wheel event on to the scrolling panel unless the control under it has the focus."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Wheel and isinstance(watched, QWidget) and not watched.hasFocus():
            event.ignore()
            return True
        return super().eventFilter(watched, event)
