"""A window process that writes the reader's data in a loop, reporting each commit, until told to stop.

``python -m tests.reliability.gui_writer PROFILE`` opens the main window offscreen, says "ready",
then saves filters and stars jobs through the window's service on the GUI thread (as the
window's own actions do), one JSON line per confirmed write, until a line arrives on stdin.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings, QSocketNotifier, QTimer
from PySide6.QtWidgets import QApplication

from desktop_app.core.criteria import Criteria
from desktop_app.gui.main_window import MainWindow
from desktop_app.paths import app_paths
from desktop_app.service import Service
from tests.reliability.child import say


def main(root: Path) -> int:
    """Run the window and its write loop; return the exit status."""
    app = QApplication([])
    paths = app_paths(root)
    window = MainWindow(Service(paths), QSettings(str(paths.window_state_file), QSettings.Format.IniFormat))
    serial = 0

    def write_once() -> None:
        nonlocal serial
        serial += 1
        name = f"window filter {serial}"
        filter_id = window.service.user.save_filter(name, "python", Criteria())
        say("done", "filter", filter_id, [name, "python"])
        job = window.service.profile.store.newest_jobs(1)[0]
        note = f"window note {serial}"
        window.service.user.star(job.id, "applied", note)
        say("done", "favourite", job.id, ["applied", note])

    ticker = QTimer(window)
    ticker.setInterval(5)
    ticker.timeout.connect(write_once)

    def on_ready() -> None:
        say("ready")
        ticker.start()

    stop = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read, window)

    def on_stop() -> None:
        ticker.stop()
        window.close()
        app.quit()

    stop.activated.connect(on_stop)
    window.ready.connect(on_ready)
    window.show()
    window.start()
    status = app.exec()
    window.service.close()
    return status


if __name__ == "__main__":
    raise SystemExit(main(Path(sys.argv[1])))
