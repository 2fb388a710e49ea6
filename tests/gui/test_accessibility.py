"""Every control has a name a screen reader can say, and closing a dialog gives the focus back to the window.

The rule, checked by walking the widget tree of the window and of each dialog it opens:

- A control is a widget that takes the focus (its focus policy is not NoFocus) or one a user works
  by mouse: a button, check box, slider, combo box, line edit, spin box, item view, tab bar or
  text view.
- Its name is what Qt's accessibility layer says (``QAccessibleInterface.text(Name)``): the
  accessible name set on it, else a button's own text, a dialog's title, or the text of the
  label that is its buddy (as QFormLayout rows and ``QLabel.setBuddy`` make). A control whose
  name is empty fails, hidden or not (a hidden control shows later: the Undo button).
- Not checked: Qt's own parts of a composite control, which a reader reaches through their
  control — scroll bars, item-view headers (their sections carry the column titles), a line
  edit's or spin box's clear button and inner editor, a combo box's popup, the menu and tool
  bars' overflow buttons (named ``qt_*``). Menus are actions, each with its text (checked too).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAccessible, QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QHeaderView,
    QLineEdit,
    QMenu,
    QScrollBar,
    QTabBar,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from desktop_app.gui.main_window import MainWindow
from tests.conftest import FIXTURES
from tests.gui.conftest import open_page, search

CONTROLS = (QAbstractButton, QAbstractSlider, QComboBox, QLineEdit, QAbstractSpinBox, QAbstractItemView,
            QTabBar, QTextEdit)  # fmt: skip


def _qt_part(widget: QWidget) -> bool:
    """True for Qt's own part of a composite control (see the module's docstring)."""
    if isinstance(widget, QScrollBar | QHeaderView) or widget.objectName().startswith("qt_"):
        return True
    if widget.window().windowType() == Qt.WindowType.Popup:
        return True
    parent = widget.parentWidget()
    return isinstance(parent, QLineEdit | QAbstractSpinBox | QComboBox)


def accessible_name(widget: QWidget) -> str:
    """Return the name Qt's accessibility layer gives ``widget`` (what a screen reader says)."""
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Name).strip() if interface is not None else ""


def unnamed(top: QWidget) -> list[str]:
    """Return a description of every control in ``top`` (itself included) that has no accessible name."""
    found = []
    for widget in [top, *top.findChildren(QWidget)]:
        if widget.isWindow() and widget is not top:
            continue  # another window (a dialog): walked on its own
        if widget.window() is not top or _qt_part(widget):
            continue
        control = widget.focusPolicy() != Qt.FocusPolicy.NoFocus or isinstance(widget, CONTROLS)
        if control and not accessible_name(widget):
            parent = widget.parentWidget()
            found.append(f"{type(widget).__name__} in {type(parent).__name__ if parent else '-'}")
    for menu in top.findChildren(QMenu):
        found += [f"action without text in {menu.title()}" for a in menu.actions()
                  if not a.isSeparator() and not a.text().strip()]  # fmt: skip
    return found


def test_the_check_finds_a_control_without_a_name(qtbot: QtBot) -> None:
    box = QWidget()
    qtbot.addWidget(box)
    QLineEdit(box)
    named = QLineEdit(box)
    named.setAccessibleName("Company")
    assert unnamed(box) == ["QLineEdit in QWidget"]


def test_every_control_of_the_window_has_a_name(qtbot: QtBot, window: MainWindow) -> None:
    window.scope_bar.setCurrentIndex(2)
    search(qtbot, window, "account")
    job = window.model.hit(0)
    assert job is not None
    open_page(qtbot, window, "job", job.id, new_tab=True)  # two tabs: their close buttons too
    assert unnamed(window) == []
    assert window.pages.current().accessibleName() == job.title  # a page is named by its title


def in_window(window: MainWindow) -> bool:
    """True when the keyboard focus is on a widget of the main window."""
    focus = QApplication.focusWidget()
    return focus is not None and (focus is window or window.isAncestorOf(focus))


def check_modal(qtbot: QtBot, window: MainWindow, open_it: Callable[[], object]) -> tuple[str, list[str]]:
    """Open a modal dialog with ``open_it``, walk it, close it (Esc); return its title and what is unnamed."""
    seen: dict[str, object] = {}

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(10, look)  # not shown yet
            return
        seen["title"], seen["unnamed"] = dialog.windowTitle(), unnamed(dialog)
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    QTimer.singleShot(0, look)
    open_it()
    qtbot.waitUntil(lambda: "title" in seen and QApplication.activeModalWidget() is None, timeout=10000)
    return str(seen["title"]), list(seen["unnamed"])  # type: ignore[call-overload]


def check_window(qtbot: QtBot, dialog: QWidget) -> list[str]:
    """Walk a non-modal dialog the window opened, then close it (Esc); return what has no name."""
    qtbot.waitExposed(dialog)
    found = unnamed(dialog)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)
    return found


MODAL_ACTIONS = (
    "about",
    "save_filter",
    "note",
    "hide_titles",
    "unhide",
    "update_feeds",
    "import_jobs",
    "export_data",
)


@pytest.mark.parametrize("action_id", MODAL_ACTIONS)
def test_a_modal_dialog_names_its_controls_and_gives_the_focus_back(
    qtbot: QtBot, window: MainWindow, action_id: str
) -> None:
    job = next(iter(window.service.profile.store.iter_jobs()))
    open_page(qtbot, window, "job", job.id)
    window.service.user.hide("title", "intern")  # a rule for Show Again to offer
    window.activateWindow()
    window.results.setFocus()
    qtbot.waitUntil(lambda: in_window(window))
    action: QAction = window.actions_by_id[action_id]
    title, found = check_modal(qtbot, window, action.trigger)
    assert title and found == []
    qtbot.waitUntil(lambda: in_window(window), timeout=5000)
    assert QApplication.focusWidget() is window.results  # back where it was


@pytest.mark.parametrize("action_id", ("company_boards", "skills_view", "my_skills"))
def test_a_dialog_window_names_its_controls_and_gives_the_focus_back(
    qtbot: QtBot, window: MainWindow, action_id: str
) -> None:
    window.activateWindow()
    window.search_box.setFocus()
    qtbot.waitUntil(lambda: in_window(window))
    before = set(QApplication.topLevelWidgets())
    window.actions_by_id[action_id].trigger()
    dialogs = [w for w in QApplication.topLevelWidgets() if w not in before or isinstance(w, QDialog)]
    dialog = next(w for w in dialogs if isinstance(w, QDialog) and w.isVisible())
    assert dialog.windowTitle() and check_window(qtbot, dialog) == []
    qtbot.waitUntil(lambda: in_window(window), timeout=5000)


def test_the_import_report_names_its_controls_and_gives_the_focus_back(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.activateWindow()
    window.search_box.setFocus()
    qtbot.waitUntil(lambda: in_window(window))
    with qtbot.waitSignal(window.import_finished, timeout=20000):
        window.importer.import_job_files([Path(FIXTURES / "messy-page.html")])
    report = window.importer.report
    assert report is not None
    assert report.windowTitle() == "Import" and check_window(qtbot, report) == []
    qtbot.waitUntil(lambda: in_window(window), timeout=5000)
