"""Keyboard-first dialogs of the pipeline: a favourite's next action (what and when), and a note."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate
from PySide6.QtGui import QKeySequence, QShortcut, QTextCursor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

PRESETS = ("Follow up", "Interview", "Phone screen", "Send documents", "Decide on the offer")
DEFAULT_DAYS = 7  # a follow-up a week on, unless the reader says otherwise


class NextActionDialog(QDialog):
    """Asks what comes next for a job and, optionally, on which day; keyboard first.

    After ``exec()``: ``removed`` is True when the reader chose Remove; else ``value()`` holds
    the text and the day (None when "On a day" is unticked).
    """

    def __init__(
        self, job_title: str, text: str, due: date | None, today: date, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Next Action"))
        self.removed = False
        form = QFormLayout(self)
        intro = QLabel(self.tr("What comes next for “{0}”, and when?").format(job_title), self)
        intro.setWordWrap(True)
        form.addRow(intro)
        self.what = QComboBox(self)
        self.what.setEditable(True)
        self.what.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.what.addItems([self.tr(p) for p in PRESETS])
        self.what.setEditText(text or self.tr(PRESETS[0]))
        self.what.setAccessibleName(self.tr("Next action"))
        line = self.what.lineEdit()
        if line is not None:
            line.setMaxLength(200)
            line.selectAll()
        form.addRow(self.tr("&What:"), self.what)
        self.dated = QCheckBox(self.tr("On a &day"), self)
        self.dated.setChecked(due is not None or not text)
        self.dated.setAccessibleName(self.tr("The next action has a day"))
        self.day = QDateEdit(self)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.day.setCalendarPopup(True)
        self.day.setAccessibleName(self.tr("Day of the next action"))
        chosen = due or today + timedelta(days=DEFAULT_DAYS)
        self.day.setDate(QDate(chosen.year, chosen.month, chosen.day))
        self.day.setEnabled(self.dated.isChecked())
        self.dated.toggled.connect(self.day.setEnabled)
        form.addRow(self.dated, self.day)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        if text:
            remove = buttons.addButton(self.tr("&Remove"), QDialogButtonBox.ButtonRole.DestructiveRole)
            remove.setAccessibleName(self.tr("Remove the next action"))
            remove.clicked.connect(self._on_remove_clicked)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.what.setFocus()

    def _on_remove_clicked(self) -> None:
        self.removed = True
        self.accept()

    def value(self) -> tuple[str, date | None]:
        """Return the next action as entered: its text (spaces tidied) and its day, or None."""
        day = self.day.date().toPython() if self.dated.isChecked() else None
        return " ".join(self.what.currentText().split()), day if isinstance(day, date) else None


def multi_line_text(parent: QWidget | None, title: str, label: str, text: str) -> tuple[str, bool]:
    """Ask for a text of several lines; return it and whether it was saved.

    Unlike ``QInputDialog.getMultiLineText`` it can be finished from the keyboard: Tab leaves the
    text for the buttons (Enter saves there), and Ctrl+Enter saves from inside the text.
    """
    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    layout = QVBoxLayout(dialog)
    caption = QLabel(label, dialog)
    edit = QPlainTextEdit(text, dialog)
    edit.setTabChangesFocus(True)
    edit.setAccessibleName(label)
    caption.setBuddy(edit)
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, dialog
    )
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    for keys in ("Ctrl+Return", "Ctrl+Enter"):
        QShortcut(QKeySequence(keys), dialog, dialog.accept)
    for widget in (caption, edit, buttons):
        layout.addWidget(widget)
    edit.setFocus()
    edit.moveCursor(QTextCursor.MoveOperation.End)
    saved = dialog.exec() == QDialog.DialogCode.Accepted
    value = edit.toPlainText()
    dialog.deleteLater()
    return value, saved
