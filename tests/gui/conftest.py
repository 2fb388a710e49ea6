"""GUI fixtures: a main window on a ready profile, waited until it can search; helpers that wait."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from desktop_app.gui.main_window import MainWindow
from desktop_app.gui.plurals import install_plurals
from desktop_app.gui.tasks import TaskRunner
from desktop_app.paths import AppPaths
from desktop_app.service import SearchResult, Service


@pytest.fixture(scope="session", autouse=True)
def _english_plurals(qapp: QApplication) -> None:
    """Plural forms as the application installs them ("1 job", "2 jobs")."""
    install_plurals(qapp)


@pytest.fixture
def parent(qtbot: QtBot) -> QWidget:
    """A bare widget to parent a controller under test."""
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


@pytest.fixture
def runner(parent: QWidget) -> Iterator[TaskRunner]:
    """A task runner whose work is waited for when the test ends."""
    runner = TaskRunner(parent)
    yield runner
    runner.wait()


def shown_window(qtbot: QtBot, profile: AppPaths) -> MainWindow:
    """A main window on ``profile``, shown but not started (the caller starts it)."""
    settings = QSettings(str(profile.window_state_file), QSettings.Format.IniFormat)
    window = MainWindow(Service(profile), settings)
    qtbot.addWidget(window)
    window.show()
    return window


def make_window(qtbot: QtBot, profile: AppPaths) -> MainWindow:
    window = shown_window(qtbot, profile)
    with qtbot.waitSignal(window.ready, timeout=30000):
        window.start()
    return window


@pytest.fixture
def window(qtbot: QtBot, profile: AppPaths) -> Iterator[MainWindow]:
    win = make_window(qtbot, profile)
    yield win
    win.close()
    win.service.close()


def search(qtbot: QtBot, window: MainWindow, text: str) -> SearchResult:
    """Type ``text`` in the search box (or search again when it is there already); return the answer."""

    def is_ours(result: object) -> bool:
        return getattr(result, "query", None) == text

    with qtbot.waitSignal(window.search_finished, timeout=10000, check_params_cb=is_ours) as blocker:
        if window.search_box.text() == text:
            window.rerun_search()
        else:
            window.search_box.setText(text)
    result = blocker.args[0]
    assert isinstance(result, SearchResult)
    return result


def shown(qtbot: QtBot, window: MainWindow, action: Callable[[], object]) -> str:
    """Run ``action`` and wait until a page is shown; return the page's text."""
    with qtbot.waitSignal(window.page_shown, timeout=10000):
        action()
    return window.pages.current().toPlainText()


def open_page(qtbot: QtBot, window: MainWindow, kind: str, item_id: str, new_tab: bool = False) -> str:
    """Open a term or job page as a link would, wait until it is shown; return its text."""
    return shown(qtbot, window, lambda: window.open_place_by_id(kind, item_id, new_tab))
