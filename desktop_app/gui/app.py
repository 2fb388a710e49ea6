"""Starting the window: logging, the application object, the self-test, error dialogs."""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable
from logging.handlers import RotatingFileHandler
from pathlib import Path
from typing import TYPE_CHECKING

from desktop_app import APP_ID
from desktop_app.core.processes import lock_holder
from desktop_app.paths import AppPaths, app_paths
from desktop_app.service import Service

if TYPE_CHECKING:  # Qt itself is imported inside launch(), after the platform is chosen
    from PySide6.QtCore import QCoreApplication

    from desktop_app.gui.main_window import MainWindow

SELF_TEST_TIMEOUT_MS = 60_000
TIMING_ENV = "GLOSSARY_JOBS_TIMING"  # bench/startup.py: print when shown and ready, then quit
log = logging.getLogger("desktop_app")


def setup_logging(paths: AppPaths) -> RotatingFileHandler:
    """Log to a rotating file in the profile's logs folder (1 MB, three older files kept); return it."""
    paths.logs_dir.mkdir(parents=True, exist_ok=True)
    handler = RotatingFileHandler(paths.log_file, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    return handler


def _report_timing(window: MainWindow, app: QCoreApplication) -> None:
    """Print wall-clock stamps when the window is first painted and when it is ready, then quit."""
    import time

    from PySide6.QtCore import QTimer

    QTimer.singleShot(0, lambda: print(f"shown {time.time():.4f}", flush=True))

    def on_ready() -> None:
        print(f"ready {time.time():.4f}", flush=True)
        QTimer.singleShot(0, window.close)
        QTimer.singleShot(0, app.quit)

    window.ready.connect(on_ready)


def launch(data_dir: str | None, self_test: bool = False) -> int:
    """Open the main window (or run the offscreen self-test); return the exit status."""
    if self_test:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    paths = app_paths(data_dir).ensure()
    setup_logging(paths)

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from desktop_app.gui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Glossary & Jobs")
    app.setOrganizationName("glossary-jobs")
    app.setDesktopFileName(APP_ID)  # so a Wayland desktop pairs the window with its launcher and icon
    from desktop_app.gui.plurals import install_plurals

    install_plurals(app)
    from desktop_app.gui.single_instance import SingleInstance, ask_running_window, bring_forward

    guard = SingleInstance(paths.instance_lock, paths.root, app)
    if not guard.claim():
        return _already_open(paths, self_test, ask_running_window)
    from desktop_app.gui.theme import app_icon, apply_theme

    service = Service(paths)
    settings = QSettings(str(paths.window_state_file), QSettings.Format.IniFormat)
    theme = str(settings.value("view/theme", "system"))
    apply_theme(app, theme if theme in ("system", "light", "dark") else "system")  # type: ignore[arg-type]
    app.setWindowIcon(app_icon())
    window = MainWindow(service, settings)
    guard.activation_requested.connect(lambda: bring_forward(window))

    from desktop_app.gui import errors

    def self_test_failed(message: str) -> None:
        print(f"glossary-jobs: self-test failed: {message}", file=sys.stderr)
        app.exit(1)

    errors.install(window, paths.log_file, self_test_failed if self_test else None)
    window.show()
    if os.environ.get(TIMING_ENV):
        _report_timing(window, app)
    window.start()
    if self_test:
        from desktop_app.gui.self_test import SelfTest

        checker = SelfTest(window, app)
        checker.begin(SELF_TEST_TIMEOUT_MS)
    status = app.exec()
    service.close()
    guard.release()
    return status


def _already_open(paths: AppPaths, self_test: bool, ask: Callable[[Path], bool]) -> int:
    """Another window holds the profile: ask it forward (exit 0), or say why not (exit 1)."""
    holder = _lock_holder(paths.instance_lock)
    if self_test:
        print(f"glossary-jobs: the window is open on {paths.root} (process {holder}); close it first",
              file=sys.stderr)  # fmt: skip
        return 1
    if ask(paths.root):
        log.info("another start asked the open window (process %s) forward", holder)
        print("Glossary & Jobs is already open on this profile: its window was brought forward.")
        return 0
    print(
        f"glossary-jobs: the window is already open on {paths.root} (process {holder}) but does not "
        "answer; close it, or end that process, and start again",
        file=sys.stderr,
    )
    return 1


def _lock_holder(lock_file: Path) -> str:
    """Return the process id of the window holding ``lock_file``, as text ("?" when unknown)."""
    return str(lock_holder(lock_file) or "?")
