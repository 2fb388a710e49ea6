"""Grab the window offscreen after a search and an opened result: ``screenshot.py OUT.png QUERY [N]``."""

from __future__ import annotations

import os
import sys
import tempfile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication

from desktop_app.gui.main_window import MainWindow
from desktop_app.paths import app_paths
from desktop_app.service import Service


def main() -> int:
    out, query = sys.argv[1], sys.argv[2]
    row = int(sys.argv[3]) if len(sys.argv) > 3 else 0
    app = QApplication([])
    if os.environ.get("DARK"):
        app.setStyle("Fusion")
        from PySide6.QtGui import QColor, QPalette

        palette = QPalette()
        role = QPalette.ColorRole
        colours = {
            role.Window: "#202124", role.Base: "#17181a", role.Text: "#e8eaed",
            role.WindowText: "#e8eaed", role.Button: "#2b2c2f", role.ButtonText: "#e8eaed",
            role.Highlight: "#3d6fb4",
        }  # fmt: skip
        for which, colour in colours.items():
            palette.setColor(which, QColor(colour))
        app.setPalette(palette)
    paths = app_paths(os.environ.get("GLOSSARY_JOBS_HOME") or tempfile.mkdtemp())
    settings = QSettings(str(paths.root / "shot.ini"), QSettings.Format.IniFormat)
    window = MainWindow(Service(paths), settings)
    window.resize(1200, 760)
    window.show()

    def on_ready() -> None:
        window.search_box.setText(query)

    def on_search(_result: object) -> None:
        window.results.setCurrentIndex(window.model.index(row))
        window._on_search_box_open_requested(False)
        QTimer.singleShot(200, grab)

    def grab() -> None:
        window.grab().save(out)
        print(f"saved {out}")
        app.exit(0)

    window.ready.connect(on_ready)
    window.search_finished.connect(on_search)
    window.start()
    QTimer.singleShot(30000, lambda: app.exit(1))
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main())
