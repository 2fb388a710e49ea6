"""Saved-filter badges and favourites as a user drives them in the window."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QMessageBox
from pytestqt.qtbot import QtBot

from desktop_app.gui import user_data
from desktop_app.gui.main_window import MainWindow
from desktop_app.gui.pipeline_model import CardRole
from desktop_app.gui.saved_filters import NewRole
from desktop_app.paths import AppPaths
from desktop_app.storage.models import JobRow
from tests.conftest import FIXTURES
from tests.gui.conftest import make_window, open_page, search, shown


def test_a_saved_filter_badge_counts_new_jobs_and_clears_when_opened(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    search(qtbot, window, "python")
    monkeypatch.setattr(QInputDialog, "getText", lambda *_a, **_k: ("Python jobs", True))
    with qtbot.waitSignal(window.user_data.filters_refreshed, timeout=10000):
        window.actions_by_id["save_filter"].trigger()
    model = window.user_data.model
    assert model.rowCount() == 1 and model.index(0).data(NewRole) == 0
    monkeypatch.setattr(QMessageBox, "information", lambda *_a: None)
    with qtbot.waitSignal(window.user_data.filters_refreshed, timeout=20000) as refreshed:
        window.importer.import_job_files([FIXTURES / "greenhouse.json"])
    assert refreshed.args[0] == {"Python jobs": 1}
    assert model.index(0).data(NewRole) == 1 and "1 new" in model.index(0).data()
    assert "Python jobs (+1)" in window.status_label.text()
    with qtbot.waitSignal(window.user_data.filters_refreshed, timeout=10000):
        window.user_data.box.view.activated.emit(model.index(0))
    assert model.index(0).data(NewRole) == 0
    assert window.search_box.text() == "python" and window.scope() == "job"


def test_star_a_job_move_it_through_statuses_and_keep_it_after_it_is_gone(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    job = next(j for j in window.service.profile.store.iter_jobs() if j.title == "Mobile App Developer")
    open_page(qtbot, window, "job", job.id)
    text = shown(
        qtbot, window, lambda: qtbot.keyClick(window, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    )
    assert window.service.user.favourite(job.id) is not None
    assert "★ Saved" in text
    shown(qtbot, window, window.actions_by_id["status_applied"].trigger)
    monkeypatch.setattr(user_data, "multi_line_text", lambda *_a, **_k: ("Phone screen Tuesday", True))
    shown(qtbot, window, window.actions_by_id["note"].trigger)
    text = shown(qtbot, window, window.actions_by_id["status_interviewing"].trigger)
    assert "★ Interviewing" in text and "Phone screen Tuesday" in text
    assert "Saved (" in text and "Applied (" in text and "Interviewing (" in text  # the timeline
    with window.service.profile.store.session() as s, s.begin():
        s.delete(s.get(JobRow, job.id))  # the listing leaves the board
    text = shown(qtbot, window, window.pages.refresh_current)
    assert "No longer listed" in text and "Mobile App Developer" in text and "Lakewood" in text
    window.actions_by_id["favourites"].trigger()  # the pipeline board, kept from the snapshot
    interviewing = window.pipeline.board.views["interviewing"]
    card = interviewing.model().index(0, 0)
    assert card.data() == "Mobile App Developer" and not card.data(CardRole).listed
    assert window.pipeline.board.headers["interviewing"].text() == "<b>Interviewing</b> (1)"


def test_ctrl_d_again_unstars(qtbot: QtBot, window: MainWindow) -> None:
    job = next(iter(window.service.profile.store.iter_jobs()))
    open_page(qtbot, window, "job", job.id)
    assert "★ Saved" in shown(qtbot, window, window.actions_by_id["star"].trigger)
    text = shown(qtbot, window, window.actions_by_id["star"].trigger)
    assert "★ Saved" not in text and "★ Save " in text  # the page offers to star it again
    assert window.service.user.favourite(job.id) is None


def test_unstarring_can_be_undone_with_status_note_and_history(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    job = next(iter(window.service.profile.store.iter_jobs()))
    open_page(qtbot, window, "job", job.id)
    shown(qtbot, window, window.actions_by_id["star"].trigger)
    shown(qtbot, window, window.actions_by_id["status_interviewing"].trigger)
    monkeypatch.setattr(user_data, "multi_line_text", lambda *_a, **_k: ("Call Ana on Monday", True))
    shown(qtbot, window, window.actions_by_id["note"].trigger)
    before = window.service.user.favourite(job.id)
    assert before is not None and [s for s, _at in before.timeline] == ["saved", "interviewing"]
    text = shown(qtbot, window, window.actions_by_id["star"].trigger)  # Ctrl+D again: unstarred
    assert "Call Ana" not in text and window.service.user.favourite(job.id) is None
    assert window.user_data.undo_button.isVisible()
    text = shown(qtbot, window, window.user_data.undo_button.click)
    assert "★ Interviewing" in text and "Call Ana on Monday" in text
    after = window.service.user.favourite(job.id)
    assert after is not None and after.timeline == before.timeline and after.snapshot == before.snapshot
    assert not window.user_data.undo_button.isVisible()
    assert "Back in your favourites" in window.status_label.text()


def test_clearing_a_note_can_be_undone(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    job = next(iter(window.service.profile.store.iter_jobs()))
    open_page(qtbot, window, "job", job.id)
    answers = iter([("Referred by Sam", True), ("", True)])
    monkeypatch.setattr(user_data, "multi_line_text", lambda *_a, **_k: next(answers))
    assert "Referred by Sam" in shown(qtbot, window, window.actions_by_id["note"].trigger)
    assert "Referred by Sam" not in shown(qtbot, window, window.actions_by_id["note"].trigger)
    assert "Referred by Sam" in shown(qtbot, window, window.user_data.undo_button.click)


def test_deleting_a_saved_filter_can_be_undone(qtbot: QtBot, window: MainWindow) -> None:
    from desktop_app.core.criteria import Criteria

    window.service.user.save_filter("Keep me", "account", Criteria())
    with qtbot.waitSignal(window.user_data.filters_refreshed, timeout=10000):
        window.user_data.refresh()
    assert window.user_data.model.rowCount() == 1
    view = window.user_data.box.view
    view.setCurrentIndex(window.user_data.model.index(0))
    with qtbot.waitSignal(window.user_data.filters_refreshed, timeout=10000):
        window.user_data.delete_selected_filter()
    assert window.service.user.saved_filters() == [] and window.user_data.undo_button.isVisibleTo(window)
    with qtbot.waitSignal(window.user_data.filters_refreshed, timeout=10000):
        qtbot.mouseClick(window.user_data.undo_button, Qt.MouseButton.LeftButton)
    assert [f.name for f in window.service.user.saved_filters()] == ["Keep me"]


def test_opened_and_applied_jobs_are_marked_wherever_they_appear(qtbot: QtBot, window: MainWindow) -> None:
    from desktop_app.gui.results import MarkRole

    jobs = {j.title: j.id for j in window.service.profile.store.iter_jobs()}
    open_page(qtbot, window, "job", jobs["Account Executive"])
    open_page(qtbot, window, "job", jobs["Mobile App Developer"])
    shown(qtbot, window, window.actions_by_id["status_applied"].trigger)
    window.scope_bar.setCurrentIndex(2)
    result = search(qtbot, window, "tustin")
    marks = {h.title: window.model.index(row).data(MarkRole) for row, h in enumerate(result.hits)}
    assert marks["Account Executive"] == "seen"
    assert marks["Mobile App Developer"] == "starred:applied"  # drawn "★ Mobile App Developer · Applied"
    assert marks["Sales Operations Coordinator"] == ""
    window.actions_by_id["clear_history"].trigger()
    assert window.model.index(0).data(MarkRole) in ("", "starred:applied")


def test_hiding_a_company_and_showing_hidden_jobs(qtbot: QtBot, window: MainWindow) -> None:
    window.scope_bar.setCurrentIndex(2)
    before = search(qtbot, window, "account")
    job = before.hits[0]
    open_page(qtbot, window, "job", job.id)
    with qtbot.waitSignal(window.search_finished, timeout=10000) as blocker:
        window.actions_by_id["hide_company"].trigger()
    assert blocker.args[0].total == 0 and "hidden jobs left out" in window.status_label.text()
    with qtbot.waitSignal(window.search_finished, timeout=10000) as blocker:
        window.actions_by_id["show_hidden"].setChecked(True)
    assert blocker.args[0].total == before.total


def test_the_glance_charts_follow_the_search(qtbot: QtBot, window: MainWindow) -> None:
    window.scope_bar.setCurrentIndex(2)
    search(qtbot, window, "account")
    salaries = dict(window.filters.glance.salaries.bars)
    assert sum(salaries.values()) == 4  # the four "account" listings
    assert salaries["50k+"] == 2 and salaries["80k+"] == 2
    assert len(window.filters.glance.weeks.bars) == 8
    image = window.filters.glance.salaries.grab()
    assert not image.isNull()


def test_go_menu_lists_recently_viewed_pages(qtbot: QtBot, window: MainWindow) -> None:
    open_page(qtbot, window, "term", "flask")
    open_page(qtbot, window, "term", "wsgi")
    window.history_menu.aboutToShow.emit()
    titles = [a.text() for a in window.history_menu.actions()]
    assert titles[:2] == ["WSGI", "Flask"]
    assert shown(qtbot, window, window.history_menu.actions()[1].trigger).startswith("Flask")


def test_a_damaged_library_offers_its_backup_at_start(
    qtbot: QtBot, profile: AppPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop_app.storage import db

    db.backup(profile.database, profile.backups_dir, "daily")
    profile.database.write_bytes(b"SQLite format 3\x00" + b"\xde\xad" * 4000)
    asked: list[str] = []

    def yes(*args: object) -> QMessageBox.StandardButton:
        asked.append(str(args[2]))
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", yes)
    window = make_window(qtbot, profile)
    assert asked and "Restore the newest good backup" in asked[0]
    assert window.service.profile.counts()[1] == 6
    window.close()
    window.service.close()


def test_star_from_the_results_row_and_update_a_filter_with_the_current_search(
    qtbot: QtBot, window: MainWindow
) -> None:
    from desktop_app.core.criteria import Criteria

    window.scope_bar.setCurrentIndex(2)
    result = search(qtbot, window, "mobile")
    window.results.setFocus()
    window.results.setCurrentIndex(window.model.index(0))
    window.actions_by_id["star"].trigger()
    assert window.service.user.favourite(result.hits[0].id) is not None
    filter_id = window.service.user.save_filter("Mine", "account", Criteria())
    with qtbot.waitSignal(window.user_data.filters_refreshed, timeout=10000):
        window.user_data.refresh()
    window.user_data.box.view.setCurrentIndex(window.user_data.model.index(0))
    window.user_data.update_selected_filter()
    saved = window.service.user.saved_filters()[0]
    assert (saved.id, saved.name, saved.query) == (filter_id, "Mine", "mobile")
