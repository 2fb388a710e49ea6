"""The window under bad conditions: a damaged index, hostile content, no network, an unexpected error."""

from __future__ import annotations

import logging
import socket
import sqlite3
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl, qInstallMessageHandler, qWarning
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from desktop_app.core.criteria import Criteria
from desktop_app.gui import errors
from desktop_app.gui.app import setup_logging
from desktop_app.gui.detail import DetailView
from desktop_app.gui.main_window import MainWindow
from desktop_app.paths import AppPaths
from desktop_app.service import Service
from desktop_app.storage.db import HEAD_REVISION, current_revision
from tests.conftest import FIXTURES
from tests.gui.conftest import make_window, open_page, search, shown, shown_window
from tests.reliability.hostile import FORBIDDEN, REMOTE, write_postings
from tests.reliability.test_corruption import damage_index
from tests.storage.test_backup_budget import copies_today, disk_with_free, no_copy_today
from tests.storage.test_skill_rows import migrate


@pytest.mark.parametrize(
    ("damage", "said"),
    [("garbage segment", "search index was damaged: rebuilt"),
     ("another schema version", "search index was built by another version: rebuilt")],
)  # fmt: skip
def test_a_broken_index_is_rebuilt_and_the_status_bar_says_why(
    qtbot: QtBot, profile: AppPaths, damage: str, said: str
) -> None:
    damage_index(profile, damage)
    window = make_window(qtbot, profile)
    try:
        assert said in window.status_label.text()
        assert window.service.indexing.state() == "ok"
    finally:
        window.close()
        window.service.close()


def click_text(qtbot: QtBot, view: DetailView, text: str) -> None:
    """Click, with the mouse, on the middle of ``text`` where the page shows it."""
    cursor = view.document().find(text)
    assert not cursor.isNull(), text
    cursor.setPosition(cursor.selectionStart() + len(text) // 2)
    view.ensureCursorVisible()
    point = view.cursorRect(cursor).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)


def test_a_hostile_job_is_shown_inert_and_requests_nothing(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The probe sees requests: an image in a page the app did not sanitise is asked for.
    probe = DetailView()
    qtbot.addWidget(probe)
    probe.show()
    probe.show_html(f'<p><img src="https://{REMOTE}/probe.png"></p>')
    QApplication.processEvents()
    assert any(REMOTE in r for r in probe.requested_resources)

    report = window.service.jobs.import_files(
        [write_postings(tmp_path / "hostile.jsonld", huge_chars=5 << 20)]
    )
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toString()))
    for job in report.accepted:
        view = window.pages.current()
        view.requested_resources.clear()
        open_page(qtbot, window, "job", job.id)
        view = window.pages.current()
        assert view.isVisible()  # a shown page is laid out, so it would ask for its images now
        QApplication.processEvents()
        remote = [r for r in view.requested_resources if r.lower().startswith(("http", "file", "ftp", "//"))]
        assert remote == []
        body = view.document().toHtml().lower().split("<body", 1)[1]  # past Qt's own head styles
        assert [bad for bad in FORBIDDEN if bad in body and bad != "style="] == []
    assert "The description was shortened" in window.pages.current().toPlainText()
    open_page(qtbot, window, "job", next(j.id for j in report.accepted if j.title.startswith("Hostile")))
    view = window.pages.current()
    for text in ("javascript link", "file link", "data link", "mixed case link"):
        click_text(qtbot, view, text)
    assert opened == []
    assert view.source().isEmpty()  # the view itself never navigated anywhere
    click_text(qtbot, view, "apply here")
    assert opened == [f"https://jobs.{REMOTE}/apply"]  # a safe link does open, in the system browser


class NetworkAttempts(list[str]):
    """Every attempt to reach the network, recorded instead of made."""


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> NetworkAttempts:
    attempts = NetworkAttempts()
    real_connect, real_connect_ex = socket.socket.connect, socket.socket.connect_ex

    def connect(self: socket.socket, address: object) -> None:
        if self.family in (socket.AF_INET, socket.AF_INET6):
            attempts.append(f"connect {address}")
            raise OSError("network blocked by the test")
        real_connect(self, address)  # type: ignore[arg-type]

    def connect_ex(self: socket.socket, address: object) -> int:
        if self.family in (socket.AF_INET, socket.AF_INET6):
            attempts.append(f"connect_ex {address}")
            return 111
        return real_connect_ex(self, address)  # type: ignore[arg-type]

    def refuse(what: str) -> Callable[..., object]:
        def refused(*args: object, **kwargs: object) -> object:
            attempts.append(f"{what} {args[:2]}")
            raise OSError("network blocked by the test")

        return refused

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)
    monkeypatch.setattr(socket, "create_connection", refuse("create_connection"))
    monkeypatch.setattr(socket, "getaddrinfo", refuse("getaddrinfo"))
    monkeypatch.setattr(socket, "gethostbyname", refuse("gethostbyname"))
    return attempts


def test_blocked_sockets_would_see_a_connection(no_network: NetworkAttempts) -> None:
    # The fixture notices a real attempt (so the smoke test below can fail).
    with pytest.raises(OSError):
        socket.create_connection(("t.example", 80))
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as raw, pytest.raises(OSError):
        raw.connect(("127.0.0.1", 9))
    assert len(no_network) == 2


def test_the_whole_window_flow_opens_no_network_connection(
    qtbot: QtBot,
    profile: AppPaths,
    tmp_path: Path,
    no_network: NetworkAttempts,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(QMessageBox, "information", lambda *_a: None)
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toString()))
    window = make_window(qtbot, profile)  # open the window: profile, index, session
    try:
        result = search(qtbot, window, "flask")  # search
        assert result.hits[0].id == "flask"
        open_page(qtbot, window, "term", "flask")  # a term, and a link in it
        shown(qtbot, window, lambda: window.pages.current().anchorClicked.emit(QUrl("term:wsgi")))
        job = window.service.profile.store.newest_jobs(1)[0]
        open_page(qtbot, window, "job", job.id)  # a job
        window.actions_by_id["toggle_filters"].trigger()  # the filter panel, and a facet
        window.actions_by_id["toggle_filters"].trigger()
        window.filters.set_criteria(Criteria(remote="remote"))
        search(qtbot, window, "engineer")
        with qtbot.waitSignal(window.import_finished, timeout=30000):  # an import
            window.importer.import_job_files(
                [FIXTURES / "greenhouse.json", write_postings(tmp_path / "h.jsonld")]
            )
        hostile = window.service.search.query('"hostile listing"', kind="job").hits[0].id
        open_page(qtbot, window, "job", hostile)  # remote images in a description
        target = tmp_path / "my-data.json"
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a: (str(target), ""))
        window.actions_by_id["export_data"].trigger()  # export the reader's data, and jobs
        assert target.exists()
        assert window.service.jobs.export_jobs("csv", tmp_path / "jobs.csv") > 6
    finally:
        window.close()
        window.service.close()
    assert list(no_network) == []
    assert opened == []


@pytest.fixture
def reporter_installed(window: MainWindow, profile: AppPaths, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """The window's error handling as launch() installs it, with the log file, dialogs recorded."""
    handler = setup_logging(profile)
    dialogs: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *args: dialogs.append(str(args[2])))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    errors.install(window, profile.log_file)
    yield dialogs
    qInstallMessageHandler(None)
    logging.getLogger().removeHandler(handler)
    handler.close()


@pytest.mark.qt_no_exception_capture
def test_an_error_in_a_menu_action_shows_a_dialog_naming_the_log(
    qtbot: QtBot, window: MainWindow, profile: AppPaths, reporter_installed: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    def broken() -> int:
        raise RuntimeError("the history table went missing")

    monkeypatch.setattr(window.service.user, "clear_history", broken)
    window.actions_by_id["clear_history"].trigger()  # the slot raises; nobody catches it
    qtbot.waitUntil(lambda: bool(reporter_installed), timeout=5000)
    assert "the history table went missing" in reporter_installed[0]
    assert str(profile.log_file) in reporter_installed[0]
    logged = profile.log_file.read_text(encoding="utf-8")
    assert "Traceback" in logged and "the history table went missing" in logged
    assert window.isVisible()  # the window is still there, not vanished


@pytest.mark.qt_no_exception_capture
def test_an_error_in_another_thread_and_qt_warnings_reach_the_log(
    qtbot: QtBot, profile: AppPaths, reporter_installed: list[str]
) -> None:
    def worker() -> None:
        raise ValueError("a helper thread failed")

    thread = threading.Thread(target=worker, name="helper")
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: bool(reporter_installed), timeout=5000)
    assert "a helper thread failed" in reporter_installed[0]
    qWarning("a warning from Qt itself")
    logged = profile.log_file.read_text(encoding="utf-8")
    assert "unexpected error in thread helper" in logged
    assert "WARNING qt: a warning from Qt itself" in logged


def test_the_log_lives_in_the_data_folder_and_rotates(profile: AppPaths) -> None:
    handler = setup_logging(profile)
    try:
        assert Path(handler.baseFilename) == profile.log_file
        assert profile.log_file.is_relative_to(profile.root)
        for n in range(1200):
            logging.getLogger("desktop_app").info("line %d %s", n, "x" * 1000)
        handler.flush()
    finally:
        logging.getLogger().removeHandler(handler)
        handler.close()
    assert profile.log_file.with_name(profile.log_file.name + ".1").exists()  # the full file was set aside
    assert profile.log_file.stat().st_size < 1_000_000  # and the log went on, small


def test_the_window_opens_on_a_full_disk_and_its_status_line_says_why(
    qtbot: QtBot, profile: AppPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    no_copy_today(profile)
    disk_with_free(monkeypatch, 1000)
    window = shown_window(qtbot, profile)
    try:
        with qtbot.waitSignals([window.ready, window.startup.backup_failed], timeout=30000):
            window.start()
        warning = window.startup.backup_warning
        search(qtbot, window, "flask")  # the status line moves on; the warning stays
        assert warning.isVisible() and warning.text() == "⚠ No backup today: not enough free space"
        assert "a copy of the library needs" in warning.toolTip()
        assert "The next start tries again." in warning.toolTip()
    finally:
        window.close()
        window.service.close()


def test_the_days_backup_is_made_once_the_board_shows(qtbot: QtBot, profile: AppPaths) -> None:
    no_copy_today(profile)
    window = shown_window(qtbot, profile)
    copies_when_ready: list[int] = []
    window.ready.connect(lambda: copies_when_ready.append(len(copies_today(profile))))
    try:
        with qtbot.waitSignals([window.ready, window.startup.backup_done], timeout=30000):
            window.start()
        assert copies_when_ready == [0]  # the board did not wait for the copy
        assert len(copies_today(profile)) == 1
        assert not window.startup.backup_warning.isVisible()
    finally:
        window.close()
        window.service.close()


def test_the_window_says_it_is_updating_a_library_written_by_an_older_version(
    qtbot: QtBot, profile: AppPaths
) -> None:
    migrate(profile.database, "0014")  # as the previous version left it
    window = shown_window(qtbot, profile)
    said: list[str] = []
    window.startup.updating.connect(said.append)
    with qtbot.waitSignal(window.ready, timeout=30000):
        window.start()
    assert said == ["Updating your library for this version of the app (once)…"]
    assert current_revision(profile.database) == HEAD_REVISION
    assert [p.name for p in profile.backups_dir.glob("*pre-migration-0014*")]  # copied first
    window.close()
    window.service.close()


def test_the_window_says_nothing_of_updating_a_current_library(qtbot: QtBot, profile: AppPaths) -> None:
    window = shown_window(qtbot, profile)
    said: list[str] = []
    window.startup.updating.connect(said.append)
    with qtbot.waitSignal(window.ready, timeout=30000):
        window.start()
    assert said == []
    window.close()
    window.service.close()


def test_a_library_from_a_newer_version_is_not_said_to_be_updating(profile: AppPaths) -> None:
    with sqlite3.connect(profile.database) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    assert not Service(profile).profile.needs_update()
