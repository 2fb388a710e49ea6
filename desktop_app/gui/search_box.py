"""The query line: Esc clears it; Up, Down and Enter act on the results list."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit


class SearchBox(QLineEdit):
    """The search box.

    Signals:
        move_requested(int): Up (-1), Down (+1), Page Up (-10) or Page Down (+10) was pressed.
        open_requested(bool): Enter was pressed; True with Ctrl (open in a new tab).
    """

    move_requested = Signal(int)
    open_requested = Signal(bool)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        key = event.key()
        steps = {Qt.Key.Key_Up: -1, Qt.Key.Key_Down: 1, Qt.Key.Key_PageUp: -10, Qt.Key.Key_PageDown: 10}
        if key == Qt.Key.Key_Escape and self.text():
            self.clear()
        elif key in steps:
            self.move_requested.emit(steps[Qt.Key(key)])
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.open_requested.emit(bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier))
        else:
            super().keyPressEvent(event)
