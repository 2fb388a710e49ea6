"""The window's dialogs stay accessible: input boxes name their editor; a closed one gives focus back."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QInputDialog,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)


class DialogCare(QObject):
    """Watches the windows ``window`` opens (dialogs, message boxes, input boxes).

    - A stock input box (QInputDialog) names its editor after its label: Qt leaves the multi-line
      editor without a name a screen reader could say.
    - When one closes and the focus is left nowhere (no window manager re-activates the main
      window, as under a bare X server), the main window is activated and the focus goes back to
      the widget that had it there, else to ``fallback``.

    Only the main window and its own windows are watched: the rest of the app's events never
    pass through here.
    """

    def __init__(self, window: QWidget, fallback: QWidget) -> None:
        super().__init__(window)
        self._window = window
        self._fallback = fallback
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        kind = event.type()
        if watched is self._window:
            if kind == QEvent.Type.ChildPolished:
                child = event.child()  # type: ignore[attr-defined]
                if isinstance(child, QWidget) and child.isWindow():
                    child.removeEventFilter(self)
                    child.installEventFilter(self)
        elif isinstance(watched, QWidget):
            if kind == QEvent.Type.Show and isinstance(watched, QInputDialog):
                name_editors(watched)
            elif (
                kind == QEvent.Type.Hide
                and QApplication.applicationState() == Qt.ApplicationState.ApplicationActive
            ):
                QTimer.singleShot(0, self._give_focus_back)  # not while the user is in another app
        return False

    def _give_focus_back(self) -> None:
        focus = QApplication.focusWidget()
        if QApplication.activeModalWidget() is not None or not self._window.isVisible():
            return
        if focus is not None and focus.window().isVisible():
            return  # the focus is somewhere a user can see it
        self._window.activateWindow()
        target = self._window.focusWidget()
        if target is None or not target.isVisible():
            target = self._fallback
        target.setFocus(Qt.FocusReason.ActiveWindowFocusReason)


def name_editors(dialog: QInputDialog) -> None:
    """Give an input box's editor its label as accessible name, where it has none."""
    label = dialog.labelText().replace("&", "").strip().rstrip(":")
    for editor in dialog.findChildren(QWidget):
        editable = isinstance(editor, QPlainTextEdit | QLineEdit | QComboBox | QAbstractSpinBox)
        if editable and not editor.accessibleName() and label:
            editor.setAccessibleName(label)
