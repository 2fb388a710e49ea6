"""The window as a user drives it: type, read, follow links, go back, come back later."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from pytestqt.qtbot import QtBot

from desktop_app.gui.main_window import MainWindow
from desktop_app.gui.results import IdRole, ResultsModel
from desktop_app.gui.tasks import Task
from desktop_app.importers.build import make_job
from desktop_app.paths import AppPaths
from desktop_app.service import Hit, Service
from tests.gui.conftest import make_window, open_page, search, shown

ROOT = Path(__file__).resolve().parents[2]


def current_id(window: MainWindow) -> str:
    return str(window.results.currentIndex().data(IdRole))


def test_typing_shows_results_and_enter_opens_the_first(qtbot: QtBot, window: MainWindow) -> None:
    result = search(qtbot, window, "flask")
    assert result.hits[0].id == "flask"
    assert window.model.rowCount() == len(result.hits)
    assert current_id(window) == "flask"
    with qtbot.waitSignal(window.page_shown) as shown:
        qtbot.keyClick(window.search_box, Qt.Key.Key_Return)
    assert shown.args == ["term", "flask"]
    text = window.pages.current().toPlainText()
    for part in ("What is Flask?", "Common Applications", "Safety Considerations", "Related Terms", "WSGI"):
        assert part in text
    assert "Mentioned by" in text


def test_keyboard_moves_through_results_and_escape_clears(qtbot: QtBot, window: MainWindow) -> None:
    search(qtbot, window, "python")
    qtbot.keyClick(window.search_box, Qt.Key.Key_Down)
    assert window.results.currentIndex().row() == 1
    qtbot.keyClick(window.search_box, Qt.Key.Key_Up)
    assert window.results.currentIndex().row() == 0
    qtbot.keyClick(window.search_box, Qt.Key.Key_Escape)
    assert window.search_box.text() == ""


def test_related_links_navigate_and_back_forward_walk_history(qtbot: QtBot, window: MainWindow) -> None:
    open_page(qtbot, window, "term", "flask")
    assert window.actions_by_id["back"].isEnabled()  # back to the Welcome page it was opened from
    page = window.pages.current()
    assert shown(qtbot, window, lambda: page.anchorClicked.emit(QUrl("term:wsgi"))).startswith("WSGI")
    assert shown(qtbot, window, window.actions_by_id["back"].trigger).startswith("Flask")
    assert window.actions_by_id["forward"].isEnabled()
    assert shown(qtbot, window, window.actions_by_id["forward"].trigger).startswith("WSGI")


def test_a_newer_query_supersedes_an_older_one(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The first query is held on the read thread until the second has been typed behind it.
    entered, release = threading.Event(), threading.Event()
    query = window.service.search.query

    def held(text: str, *args: object) -> object:
        if text == "kube":
            entered.set()
            release.wait(10)
        return query(text, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(window.service.search, "query", held)
    answered: list[str] = []
    window.search_finished.connect(lambda result: answered.append(result.query))
    queued: list[object] = []
    read = window.runner.read

    def counted(task: Task) -> Task:
        queued.append(task)
        return read(task)

    monkeypatch.setattr(window.runner, "read", counted)
    window.search_box.setText("kube")
    qtbot.waitUntil(entered.is_set, timeout=5000)
    with qtbot.waitSignal(
        window.search_finished, timeout=10000, check_params_cb=lambda r: r.query == "flask"
    ):
        window.search_box.setText("flask")
        qtbot.waitUntil(lambda: len(queued) == 2, timeout=5000)  # queued behind the held one
        release.set()
    assert "kube" not in answered  # the older answer arrived first, and was dropped
    assert current_id(window) == "flask"


def test_job_page_shows_facts_and_loads_nothing_remote(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    hostile = tmp_path / "hostile.jsonld"
    hostile.write_text(
        '{"@type": "JobPosting", "title": "Hostile Listing", "hiringOrganization": "Evil Co",'
        ' "url": "https://jobs.example.org/1",'
        ' "description": "<p style=\\"background:url(https://t.example/a.png)\\">Hi'
        '<img src=\\"https://t.example/b.png\\"><a href=\\"javascript:alert(1)\\">click</a></p>'
        '<link rel=\\"stylesheet\\" href=\\"https://t.example/c.css\\">"}',
        encoding="utf-8",
    )
    window.service.jobs.import_files([hostile])
    result = search(qtbot, window, "hostile listing")
    job_id = result.hits[0].id
    window.pages.current().requested_resources.clear()
    open_page(qtbot, window, "job", job_id)
    assert "Evil Co" in window.pages.current().toPlainText()
    assert [r for r in window.pages.current().requested_resources if "example" in r] == []
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toString()))
    window.pages.current().anchorClicked.emit(QUrl("javascript:alert(1)"))
    window.pages.current().anchorClicked.emit(QUrl("file:///etc/passwd"))
    window.pages.current().anchorClicked.emit(QUrl("https://jobs.example.org/1"))
    assert opened == ["https://jobs.example.org/1"]


def test_seed_job_shows_salary_and_posted_date(qtbot: QtBot, window: MainWindow) -> None:
    job = next(j for j in window.service.profile.store.iter_jobs() if j.title == "Mobile App Developer")
    text = open_page(qtbot, window, "job", job.id)
    for part in (
        "Tustin Recruiting",
        "Lakewood, CA, United States",
        "$85,013–$118,074 / year",
        "Software",
        "2025-01-29",
    ):
        assert part in text


def test_query_and_scope_come_back_at_the_next_start(qtbot: QtBot, profile: AppPaths) -> None:
    first = make_window(qtbot, profile)
    search(qtbot, first, "kube")
    first.scope_bar.setCurrentIndex(1)
    first.close()
    first.service.close()
    second = make_window(qtbot, profile)
    assert second.search_box.text() == "kube"
    assert second.scope_bar.currentIndex() == 1
    second.close()
    second.service.close()


def test_missing_index_is_rebuilt_with_progress(qtbot: QtBot, profile: AppPaths) -> None:
    shutil.rmtree(profile.index_dir)
    settings = QSettings(str(profile.window_state_file), QSettings.Format.IniFormat)
    window = MainWindow(Service(profile), settings)
    qtbot.addWidget(window)
    progress: list[int] = []
    window.index_progress.valueChanged.connect(progress.append)
    with qtbot.waitSignal(window.ready, timeout=30000):
        window.start()
    assert len(progress) > 1 and progress[-1] == window.index_progress.maximum() > 0
    assert window.status_label.text().endswith(" jobs · search index built")
    assert not window.index_progress.isVisible()
    assert window.service.indexing.state() == "ok"
    window.close()
    window.service.close()


def test_results_model_passes_the_model_tester(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    model = ResultsModel()
    model.set_hits((Hit("term", "flask", "Flask", "A framework", 1.0), Hit("job", "job-1", "Dev", "Co", 0.5)))
    qtmodeltester.check(model)
    assert model.data(model.index(1), IdRole) == "job-1"


@pytest.mark.gui
def test_self_test_exits_zero(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-m", "desktop_app", "--data-dir", str(tmp_path / "p"), "--self-test"],
        capture_output=True, text=True, cwd=ROOT, env=env, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "self-test passed" in result.stdout


def test_an_empty_query_browses_newest_jobs_then_terms(qtbot: QtBot, window: MainWindow) -> None:
    hits = search(qtbot, window, "").hits
    jobs = [h for h in hits if h.kind == "job"]
    assert [h.kind for h in hits[: len(jobs)]] == ["job"] * len(jobs) == ["job"] * 6
    assert jobs[0].title == "Account Executive Equipment Finance"  # posted 2025-02-09, the newest
    terms = [h.title.casefold() for h in hits if h.kind == "term"]
    assert terms == sorted(terms) and len(terms) > 200


def test_importing_from_the_window_makes_jobs_searchable(qtbot: QtBot, window: MainWindow) -> None:
    from tests.conftest import FIXTURES

    with qtbot.waitSignal(window.import_finished, timeout=20000) as blocker:
        window.importer.import_job_files([FIXTURES / "messy-page.html"])
    report = blocker.args[0]
    assert (report.new, len(report.rejected)) == (2, 2)
    assert "2 new" in window.status_label.text()
    dialog = window.importer.report  # the report, with each rejected record's reason
    assert dialog is not None and dialog.isVisible() and "posting has no title" in dialog.text()
    result = search(qtbot, window, "spark")
    assert [h.title for h in result.hits if h.kind == "job"] == ["Remote Data Engineer"]


def test_a_stale_index_answers_searches_while_it_catches_up(qtbot: QtBot, profile: AppPaths) -> None:
    # Jobs reach the database without reaching the index (as after a crash mid-import).
    service = Service(profile)
    service.open()
    late = make_job(title="Quokka Wrangler", source="late.jsonld", company="Rottnest Works")
    service.profile.store.upsert_jobs([late])
    assert service.indexing.state() == "stale"
    service.close()
    folder = profile.index_dir.stat().st_ino

    settings = QSettings(str(profile.window_state_file), QSettings.Format.IniFormat)
    window = MainWindow(Service(profile), settings)
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignals([window.ready, window.index_caught_up], timeout=60000, order="strict"):
        window.start()  # "ready" (search is live) comes before the catch-up has finished
    assert "brought up to date" in window.status_label.text()
    assert profile.index_dir.stat().st_ino == folder  # caught up in place, not rebuilt
    found = search(qtbot, window, "quokka")
    assert [h.title for h in found.hits] == ["Quokka Wrangler"]
    window.close()
    window.service.close()
