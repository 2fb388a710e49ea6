"""The About dialog: name, version, what the app does, and its runtime dependencies."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import metadata

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app import __version__
from desktop_app.gui.theme import app_icon

DEPENDENCIES = (
    "PySide6-Essentials",
    "shiboken6",
    "SQLAlchemy",
    "alembic",
    "whoosh-reloaded",
    "platformdirs",
    "nh3",
)
UNKNOWN = "unknown"
_MAX_LICENCE = 60


@dataclass(frozen=True, slots=True)
class Dependency:
    """One installed distribution: its name, version and licence in one line."""

    name: str
    version: str
    licence: str


def _one_line(text: str) -> str:
    """Return the first non-blank line of ``text``, cut to a short length."""
    line = next((part.strip() for part in text.splitlines() if part.strip()), "")
    return line if len(line) <= _MAX_LICENCE else line[: _MAX_LICENCE - 1].rstrip() + "…"


def _field(meta: metadata.PackageMetadata, key: str) -> str:
    """Return a metadata field, or "" when it is absent."""
    return (meta[key] or "").strip() if key in meta else ""


def licence_of(meta: metadata.PackageMetadata) -> str:
    """Return a one-line licence from package metadata, or "unknown".

    Tried in order: License-Expression, a short License field, the "License ::"
    classifiers, then the first line of a long License field.
    """
    expression = _field(meta, "License-Expression")
    if expression:
        return _one_line(expression)
    field = _field(meta, "License")
    if field and "\n" not in field and len(field) <= _MAX_LICENCE:
        return field
    classifiers = [
        c.split("::")[-1].strip() for c in meta.get_all("Classifier") or [] if c.startswith("License ::")
    ]
    if classifiers:
        return _one_line(", ".join(classifiers))
    return _one_line(field) if field else UNKNOWN


def dependency(name: str) -> Dependency:
    """Return what is installed of ``name``; version "not installed" when it is absent."""
    try:
        meta = metadata.metadata(name)
    except metadata.PackageNotFoundError:
        return Dependency(name, "not installed", UNKNOWN)
    return Dependency(name, _field(meta, "Version") or UNKNOWN, licence_of(meta))


class AboutDialog(QDialog):
    """Shows the app's name, version, purpose and the versions and licences of what it runs on."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("About Glossary & Jobs"))
        self.setAccessibleName(self.tr("About Glossary & Jobs"))
        self.setWindowIcon(app_icon())
        self.dependencies = tuple(dependency(name) for name in DEPENDENCIES)

        self.icon_label = QLabel()
        self.icon_label.setPixmap(app_icon().pixmap(64, 64))
        self.icon_label.setAccessibleName(self.tr("Application icon"))
        self.icon_label.setAlignment(Qt.AlignmentFlag.AlignTop)

        self.name_label = QLabel(self.tr("Glossary & Jobs"))
        font = self.name_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.name_label.setFont(font)
        self.name_label.setAccessibleName(self.tr("Application name"))

        self.version_label = QLabel(self.tr("Version {version}").format(version=__version__))
        self.version_label.setAccessibleName(self.tr("Version"))
        self.version_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.description_label = QLabel(
            self.tr(
                "An offline glossary of software-engineering terms cross-linked with a searchable "
                "board of job listings. It opens no network connection."
            )
        )
        self.description_label.setWordWrap(True)
        self.description_label.setAccessibleName(self.tr("Description"))

        self.table = self._make_table()

        self.qt_label = QLabel(
            self.tr(
                "The user interface is built with Qt, used under the GNU Lesser General Public "
                "License version 3 (LGPLv3)."
            )
        )
        self.qt_label.setWordWrap(True)
        self.qt_label.setAccessibleName(self.tr("Qt licence"))

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.setAccessibleName(self.tr("Dialog buttons"))
        close = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setAccessibleName(self.tr("Close"))
        close.setDefault(True)

        heading = QVBoxLayout()
        heading.addWidget(self.name_label)
        heading.addWidget(self.version_label)
        heading.addStretch(1)
        top = QHBoxLayout()
        top.addWidget(self.icon_label)
        top.addSpacing(12)
        top.addLayout(heading, 1)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.description_label)
        layout.addSpacing(6)
        dependencies_label = QLabel(self.tr("Runtime dependencies:"))
        dependencies_label.setBuddy(self.table)
        layout.addWidget(dependencies_label)
        layout.addWidget(self.table)
        layout.addWidget(self.qt_label)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)
        close.setFocus()  # after the layout has parented it, so the dialog opens on Close

        self._connect_signals()

    def _make_table(self) -> QTableWidget:
        """Return a read-only table with one row per dependency."""
        table = QTableWidget(len(self.dependencies), 3)
        table.setAccessibleName(self.tr("Runtime dependencies"))
        table.setHorizontalHeaderLabels([self.tr("Package"), self.tr("Version"), self.tr("Licence")])
        table.verticalHeader().setVisible(False)
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        for row, dep in enumerate(self.dependencies):
            for column, text in enumerate((dep.name, dep.version, dep.licence)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                table.setItem(row, column, item)
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        table.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustToContents)
        table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        return table

    def _connect_signals(self) -> None:
        self.buttons.rejected.connect(self.reject)
