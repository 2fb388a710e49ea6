"""Take the README screenshots offscreen: ``python scripts/screenshots.py [OUT_DIR]`` (docs/screenshots).

A throw-away profile gets the shipped data plus 400 generated jobs; the window is driven as a
user would (type, filter, open) and grabbed. Set QT_SCALE_FACTOR=2 to check 200% scaling.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from datetime import date, datetime, timedelta
from functools import partial
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QEventLoop, QSettings, Qt, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402
from sqlalchemy import select  # noqa: E402

from bench.board_fetch import board, serve  # noqa: E402
from bench.generate import write  # noqa: E402
from desktop_app.boards.http import ENV_BASE  # noqa: E402
from desktop_app.core.criteria import Criteria  # noqa: E402
from desktop_app.gui.facets import ValueRole  # noqa: E402
from desktop_app.gui.main_window import MainWindow  # noqa: E402
from desktop_app.gui.plurals import install_plurals  # noqa: E402
from desktop_app.gui.results import FitRole  # noqa: E402
from desktop_app.gui.theme import app_icon, apply_theme  # noqa: E402
from desktop_app.paths import app_paths  # noqa: E402
from desktop_app.service import Service  # noqa: E402
from desktop_app.storage.models import FavouriteEventRow, FavouriteRow  # noqa: E402

SIZES = ((1280, 800), (1024, 640))  # a common laptop screen, and a small one


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


def check_full_time(window: MainWindow) -> None:
    """Tick "Full time" in the filter panel, as a user would, and wait for the search."""
    types = window.filters.types.model
    row = next(r for r in range(types.rowCount()) if types.index(r).data(ValueRole) == "FULL_TIME")
    checked = Qt.CheckState.Checked
    wait_for(
        window.search_finished,
        lambda: types.setData(types.index(row), checked, Qt.ItemDataRole.CheckStateRole),
    )


def skills_shots(app: QApplication, window: MainWindow, out: Path) -> list[Path]:
    """The Skills menu: the Skills view, My Skills after reading a résumé, a job page with its fit."""
    taken: list[Path] = []

    def grab(widget: object, name: str) -> None:
        settle()
        taken.append(out / name)
        widget.grab().save(str(taken[-1]))  # type: ignore[attr-defined]

    resume = out.parent / "resume-for-screenshot.txt"
    resume.write_text(
        "Sam Rivera: backend engineer. Python and Django services on PostgreSQL, deployed with "
        "Docker and Terraform to AWS; CI with GitHub Actions.",
        encoding="utf-8",
    )
    ui = window.skills_ui
    for theme in ("light", "dark"):
        apply_theme(app, theme)
        window.resize(*SIZES[0])
        ui.show_skills()
        assert ui.view is not None
        wait_for(ui.view.loaded, lambda: None)
        grab(ui.view.dialog, f"skills-view-{theme}.png")
        ui.view.dialog.close()
        ui.show_my_skills()
        dialog = ui.dialog
        assert dialog is not None
        wait_for(dialog.loaded, lambda: None)
        wait_for(dialog.found, partial(dialog.read_resume, resume))
        grab(dialog, f"my-skills-{theme}.png")
        dialog.keep_ticked()
        wait_for(ui.profile_saved, dialog.save)
        window.scope_bar.setCurrentIndex(2)
        wait_for(
            window.search_finished,
            lambda: window.filters.sort.setCurrentIndex(window.filters.sort.findData("fit")),
        )
        for width, height in SIZES:
            window.resize(width, height)
            if window.search_box.text() != "engineer":
                wait_for(window.search_finished, lambda: window.search_box.setText("engineer"))
            # A job that asks for a skill not in My Skills: the page says what is missing.
            counts = [
                str(window.model.index(r).data(FitRole) or "0/0").split()[0].split("/") for r in range(20)
            ]
            row = next((r for r, (have, asked) in enumerate(counts) if have != asked), 0)
            window.results.setCurrentIndex(window.model.index(row))
            wait_for(window.page_shown, lambda: window.results.open_current(False))
            grab(window, f"fit-job-{theme}-{width}x{height}.png")
        window.filters.sort.setCurrentIndex(0)
    resume.unlink()
    return taken


def fill_pipeline(service: Service) -> None:
    """Star a dozen generated jobs across the pipeline, with notes, days in stage and next actions."""
    jobs = [j for j in service.profile.store.iter_jobs() if j.source.endswith("generated.jsonld")][:12]
    plan = [("saved", 1), ("saved", 6), ("saved", 0), ("applied", 12), ("applied", 4), ("applied", 9),
            ("interviewing", 3), ("interviewing", 8), ("offer", 2), ("rejected", 15), ("rejected", 21),
            ("archived", 40)]  # fmt: skip
    today = date.today()
    actions = {
        1: ("Tailor the cover letter", None),
        3: ("Follow up with the recruiter", today - timedelta(days=2)),
        4: ("Follow up", today + timedelta(days=5)),
        6: ("Interview, 10:00", today),
        7: ("Technical interview", today + timedelta(days=3)),
        8: ("Decide on the offer", today + timedelta(days=4)),
    }
    for n, (job, (status, days)) in enumerate(zip(jobs, plan, strict=False)):
        service.user.star(job.id, "saved", note="Referred by Dana" if n == 6 else None)
        if status != "saved":
            service.user.star(job.id, status)
        with service.profile.store.session() as s, s.begin():
            favourite = s.scalars(select(FavouriteRow).where(FavouriteRow.job_id == job.id)).one()
            for event in s.scalars(
                select(FavouriteEventRow).where(FavouriteEventRow.favourite_id == favourite.id)
            ):
                event.at = datetime.now() - timedelta(days=days)
        if n in actions:
            service.pipeline.set_next_action(job.id, *actions[n])


def pipeline_shots(app: QApplication, window: MainWindow, out: Path) -> list[Path]:
    """The pipeline board (Ctrl+Shift+D) at both sizes, light and dark, and its table mode."""
    fill_pipeline(window.service)
    wait_for(window.search_finished, lambda: window.search_box.setText(""))
    taken: list[Path] = []
    for width, height in SIZES:
        window.resize(width, height)
        for theme in ("light", "dark"):
            apply_theme(app, theme)
            window.pipeline.show()  # the first card in hand
            settle()
            name = "pipeline" + ("-dark" if theme == "dark" else "")
            taken.append(
                out / (name + ("" if (width, height) == SIZES[0] else f"-{width}x{height}") + ".png")
            )
            window.grab().save(str(taken[-1]))
            if (width, height) == SIZES[0] and theme == "light":  # the table, longest in its stage first
                window.pipeline.board.table_button.click()
                window.pipeline.board.table.sortByColumn(5, Qt.SortOrder.DescendingOrder)
                settle()
                taken.append(out / "pipeline-table.png")
                window.grab().save(str(taken[-1]))
                window.pipeline.board.table_button.click()
            window.pipeline.leave()
    apply_theme(app, "light")
    return taken


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
    window.resize(1280, 800)
    window.show()
    wait_for(window.ready, window.start)
    shots: list[Path] = []

    def shot(name: str) -> None:
        settle()
        shots.append(out / name)
        window.grab().save(str(shots[-1]))

    for width, height in SIZES:
        suffix = "" if (width, height) == SIZES[0] else f"-{width}x{height}"
        window.resize(width, height)
        apply_theme(app, "light")
        window.scope_bar.setCurrentIndex(0)
        window.filters.clear()
        wait_for(window.search_finished, lambda: window.search_box.setText("flask"))
        wait_for(window.page_shown, lambda: window.open_place_by_id("term", "flask"))
        shot(f"term{suffix}.png")

        window.scope_bar.setCurrentIndex(2)
        wait_for(window.search_finished, lambda: window.search_box.setText("python"))
        check_full_time(window)
        window.results.setCurrentIndex(window.model.index(0))
        wait_for(window.page_shown, lambda: window.results.open_current(False))
        shot(f"job-filters{suffix}.png")

        # An empty state: filters that leave nothing, and the list saying so.
        window.filters.set_criteria(Criteria(types=frozenset({"VOLUNTEER"})))
        wait_for(window.search_finished, lambda: window.search_box.setText("python kubernetes"))
        shot(f"empty{suffix}.png")
        wait_for(window.search_finished, window.filters.clear)
        # F1: the search syntax and every shortcut.
        wait_for(window.page_shown, window.actions_by_id["cheat_sheet"].trigger)
        shot(f"cheatsheet{suffix}.png")

        apply_theme(app, "dark")
        wait_for(window.page_shown, lambda: window.open_place_by_id("term", "flask"))
        shot(f"dark{suffix}.png")
        wait_for(window.search_finished, lambda: window.search_box.setText("python"))
        window.results.setCurrentIndex(window.model.index(0))
        wait_for(window.page_shown, lambda: window.results.open_current(False))
        shot(f"dark-job{suffix}.png")
    # Company Boards: three followed boards, one fetched from a local server, one failing.
    apply_theme(app, "light")
    window.resize(*SIZES[0])
    server = serve(board(40))
    os.environ[ENV_BASE] = f"http://127.0.0.1:{server.server_address[1]}"
    for source in (
        "https://boards.greenhouse.io/benchco",
        "https://jobs.lever.co/nosuchco",
        "ashby:examplelabs",
    ):
        service.boards.add(source)
    dialog = window.boards.show()
    task = dialog.fetch(["greenhouse:benchco", "lever:nosuchco"])
    if task is not None:
        wait_for(dialog.fetch_finished, lambda: None)
    dialog.table.selectRow(0)
    settle()
    shots.append(out / "boards.png")
    dialog.grab().save(str(shots[-1]))
    dialog.close()
    server.shutdown()
    # A term no job asks for: the page says how jobs get in.
    wait_for(window.page_shown, lambda: window.open_place_by_id("term", "cobol"))
    settle()
    bar = window.pages.current().verticalScrollBar()
    bar.setValue(bar.maximum())
    shot("term-no-jobs.png")
    shots += skills_shots(app, window, out)
    shots += pipeline_shots(app, window, out)
    for path in shots:
        print(path)
    window.close()
    service.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
