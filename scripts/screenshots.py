"""Take the README screenshots offscreen: ``python scripts/screenshots.py [OUT_DIR]`` (docs/screenshots).

A throw-away profile gets the shipped data plus 400 generated jobs; the window is driven as a
user would (type, filter, open) and grabbed. Set QT_SCALE_FACTOR=2 to check 200% scaling.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QEventLoop, QSettings, Qt, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from bench.generate import write  # noqa: E402
from desktop_app.gui.facets import ValueRole  # noqa: E402
from desktop_app.gui.main_window import MainWindow  # noqa: E402
from desktop_app.gui.plurals import install_plurals  # noqa: E402
from desktop_app.gui.theme import app_icon, apply_theme  # noqa: E402
from desktop_app.paths import app_paths  # noqa: E402
from desktop_app.service import Service  # noqa: E402


def wait_for(signal: object, action: Callable[[], object], timeout_ms: int = 60000) -> None:
    """Run ``action`` and spin the event loop until ``signal`` fires."""
    loop = QEventLoop()
    signal.connect(loop.quit)  # type: ignore[attr-defined]
    QTimer.singleShot(timeout_ms, loop.quit)
    action()
    loop.exec()
    signal.disconnect(loop.quit)  # type: ignore[attr-defined]


def settle(ms: int = 300) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication([])
    app.setWindowIcon(app_icon())
    install_plurals(app)
    apply_theme(app, "light")
    profile = Path(tempfile.mkdtemp()) / "profile"
    service = Service(app_paths(profile))
    service.open()
    service.indexing.ensure()
    service.jobs.import_files([write(400, profile / "generated.jsonld", seed=11)])
    window = MainWindow(service, QSettings(str(profile / "shots.ini"), QSettings.Format.IniFormat))
    window.resize(1400, 860)
    window.show()
    wait_for(window.ready, window.start)

    wait_for(window.search_finished, lambda: window.search_box.setText("flask"))
    wait_for(window.page_shown, lambda: window.open_place_by_id("term", "flask"))
    settle()
    window.grab().save(str(out / "term.png"))

    window.scope_bar.setCurrentIndex(2)
    wait_for(window.search_finished, lambda: window.search_box.setText("python"))
    types = window.filters.types.model
    row = next(r for r in range(types.rowCount()) if types.index(r).data(ValueRole) == "FULL_TIME")
    wait_for(
        window.search_finished,
        lambda: types.setData(types.index(row), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole),
    )
    window.results.setCurrentIndex(window.model.index(0))
    wait_for(window.page_shown, lambda: window.results.open_current(True))
    settle()
    window.grab().save(str(out / "job-filters.png"))

    apply_theme(app, "dark")
    settle(500)
    window.grab().save(str(out / "dark.png"))
    for name in ("term.png", "job-filters.png", "dark.png"):
        print(out / name)
    window.close()
    service.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
