"""Starting the window: logging, the application object, the self-test, error dialogs."""

from __future__ import annotations

import logging
import os
import sys
import traceback
from logging.handlers import RotatingFileHandler
from types import TracebackType

from desktop_app.paths import AppPaths, app_paths
from desktop_app.service import Service

SELF_TEST_TIMEOUT_MS = 60_000
log = logging.getLogger("desktop_app")


def setup_logging(paths: AppPaths) -> None:
    """Log to a rotating file in the profile's logs folder."""
    paths.logs_dir.mkdir(parents=True, exist_ok=True)
    handler = RotatingFileHandler(paths.log_file, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)


def launch(data_dir: str | None, self_test: bool = False) -> int:
    """Open the main window (or run the offscreen self-test); return the exit status."""
    if self_test:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    paths = app_paths(data_dir).ensure()
    setup_logging(paths)

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication, QMessageBox

    from desktop_app.gui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Glossary & Jobs")
    app.setOrganizationName("glossary-jobs")
    app.setDesktopFileName("glossary-jobs")
    service = Service(paths)
    settings = QSettings(str(paths.window_state_file), QSettings.Format.IniFormat)
    window = MainWindow(service, settings)

    def on_unexpected(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        log.error("unexpected error:\n%s", "".join(traceback.format_exception(kind, exc, tb)))
        if self_test:
            print(f"glossary-jobs: self-test failed: {exc}", file=sys.stderr)
            app.exit(1)
            return
        QMessageBox.critical(
            window,
            "Glossary & Jobs",
            f"Something went wrong: {exc}\n\n"
            f"Nothing you saved was lost. Details are in the log:\n{paths.log_file}",
        )

    sys.excepthook = on_unexpected
    window.show()
    window.start()
    if self_test:
        from desktop_app.gui.self_test import SelfTest

        checker = SelfTest(window, app)
        checker.begin(SELF_TEST_TIMEOUT_MS)
    status = app.exec()
    service.close()
    return status
