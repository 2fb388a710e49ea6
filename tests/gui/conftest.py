"""GUI fixtures: a main window on a ready profile, waited until it can search."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from desktop_app.gui.main_window import MainWindow
from desktop_app.paths import AppPaths
from desktop_app.service import Service


def make_window(qtbot: QtBot, profile: AppPaths) -> MainWindow:
    settings = QSettings(str(profile.window_state_file), QSettings.Format.IniFormat)
    window = MainWindow(Service(profile), settings)
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.ready, timeout=30000):
        window.start()
    return window


@pytest.fixture
def window(qtbot: QtBot, profile: AppPaths) -> Iterator[MainWindow]:
    win = make_window(qtbot, profile)
    yield win
    win.close()
    win.service.close()


def search(qtbot: QtBot, window: MainWindow, text: str) -> object:
    def is_ours(result: object) -> bool:
        return getattr(result, "query", None) == text

    with qtbot.waitSignal(window.search_finished, timeout=10000, check_params_cb=is_ours) as blocker:
        window.search_box.setText(text)
    return blocker.args[0]
