"""The smoke test a bundle can run: open offscreen, search, open a term, exit 0."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication

from desktop_app.gui.main_window import MainWindow
from desktop_app.service import SearchResult

QUERY = "flask"
EXPECTED_TERM = "flask"


class SelfTest(QObject):
    """Drives the window as a user would and exits the application with 0 or 1."""

    def __init__(self, window: MainWindow, app: QApplication) -> None:
        super().__init__(window)
        self._window = window
        self._app = app

    def begin(self, timeout_ms: int) -> None:
        """Start when the window is ready; fail after ``timeout_ms``."""
        QTimer.singleShot(timeout_ms, lambda: self._fail("timed out"))
        self._window.ready.connect(self._on_window_ready)
        self._window.search_finished.connect(self._on_window_search_finished)
        self._window.page_shown.connect(self._on_window_page_shown)

    def _on_window_ready(self) -> None:
        self._window.search_box.setText(QUERY)

    def _on_window_search_finished(self, result: SearchResult) -> None:
        if result.query != QUERY:
            return  # the browse list shown at start, before our query
        if not result.hits or result.hits[0].id != EXPECTED_TERM:
            self._fail(f"searching '{QUERY}' did not put the term '{EXPECTED_TERM}' first")
            return
        self._window.search_box.open_requested.emit(False)

    def _on_window_page_shown(self, kind: str, item_id: str) -> None:
        if kind == "page":
            return  # the Welcome page, shown at start
        text = self._window.pages.current().toPlainText()
        if kind != "term" or item_id != EXPECTED_TERM or "What is Flask?" not in text:
            self._fail("the Flask page did not show its definition")
            return
        print("glossary-jobs: self-test passed (window opened, searched, opened a term)")
        self._window.close()
        self._app.exit(0)

    def _fail(self, reason: str) -> None:
        print(f"glossary-jobs: self-test failed: {reason}", file=sys.stderr)
        self._app.exit(1)
