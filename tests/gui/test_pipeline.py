"""The pipeline board as a user drives it: columns, moves by key and by drop, the table, next actions."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pytest
from PySide6.QtCore import QModelIndex, QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication, QListView, QWidget
from pytestqt.qtbot import QtBot

from desktop_app.gui.main_window import MainWindow
from desktop_app.gui.pipeline_model import COLUMNS, PipelineModel, SortRole
from desktop_app.paths import AppPaths
from desktop_app.service import Service
from desktop_app.service.pipeline import PipelineCard
from desktop_app.storage.pipeline import NextAction
from tests.gui.conftest import make_window, search, shown
from tests.gui.test_accessibility import unnamed

# The offscreen platform cannot grab the keyboard for a popup menu (Move to…); a real one can.
POPUP_GRAB = pytest.mark.qt_log_ignore("^This plugin does not support grabbing the keyboard$")
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def job_id(window: MainWindow, title: str) -> str:
    return next(j.id for j in window.service.profile.store.iter_jobs() if j.title == title)


def star_all(window: MainWindow, statuses: dict[str, str]) -> dict[str, str]:
    """Star the jobs titled as the keys with the statuses given; return their ids by title."""
    ids = {title: job_id(window, title) for title in statuses}
    for title, status in statuses.items():
        window.service.user.star(ids[title], status)
    return ids


def column_titles(window: MainWindow, status: str) -> list[str]:
    view = window.pipeline.board.views[status]
    model = view.model()
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def status_of(service: Service, job: str) -> str | None:
    favourite = service.user.favourite(job)
    return favourite.status if favourite else None


def open_board(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClick(window, Qt.Key.Key_D, CTRL | SHIFT)  # Favourites → the pipeline
    assert window.pipeline.showing


def when_modal(action: Callable[[QWidget], None]) -> None:
    """Act on the next modal dialog or popup menu as soon as it shows (it runs its own event loop)."""

    def attempt() -> None:
        popup = QApplication.activePopupWidget()
        widget = popup or QApplication.activeModalWidget()
        ready = widget is not None and widget.isVisible()
        if not ready or (popup is None and QApplication.activeWindow() is not widget):  # not taking keys yet
            QTimer.singleShot(10, attempt)
            return
        assert widget is not None
        try:
            action(widget)
        finally:
            if widget.isVisible():  # the keys did not close it: close it, and let the test say why
                widget.close()

    QTimer.singleShot(0, attempt)


def test_each_status_column_shows_its_cards(qtbot: QtBot, window: MainWindow) -> None:
    star_all(window, {"Mobile App Developer": "interviewing", "Junior Account Executive": "applied",
                      "Account Executive": "applied", "Sales Operations Coordinator": "offer"})  # fmt: skip
    open_board(qtbot, window)
    assert column_titles(window, "saved") == []
    assert sorted(column_titles(window, "applied")) == ["Account Executive", "Junior Account Executive"]
    assert column_titles(window, "interviewing") == ["Mobile App Developer"]
    assert column_titles(window, "offer") == ["Sales Operations Coordinator"]
    assert window.pipeline.board.headers["applied"].text() == "<b>Applied</b> (2)"
    assert window.pipeline.board.summary.text() == "4 favourites"
    # The card says where, what it pays and how long it has waited
    card = (
        window.pipeline.board.views["interviewing"]
        .model()
        .index(0, 0)
        .data(Qt.ItemDataRole.AccessibleTextRole)
    )
    assert card == (
        "Mobile App Developer, Tustin Recruiting, Lakewood, CA, United States, $85,013–$118,074 / year, "
        "Interviewing, new today"
    )
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    assert not window.pipeline.showing


@POPUP_GRAB
def test_a_card_moves_by_keyboard_and_its_status_is_stored(qtbot: QtBot, window: MainWindow) -> None:
    ids = star_all(window, {"Mobile App Developer": "saved", "Junior Account Executive": "saved"})
    mobile = ids["Mobile App Developer"]
    open_board(qtbot, window)
    saved = window.pipeline.board.views["saved"]
    row = column_titles(window, "saved").index("Mobile App Developer")
    saved.setCurrentIndex(saved.model().index(row, 0))
    qtbot.keyClick(saved, Qt.Key.Key_Right, CTRL)
    assert status_of(window.service, mobile) == "applied"
    applied = window.pipeline.board.views["applied"]
    assert QApplication.focusWidget() is applied and applied.currentIndex().data() == "Mobile App Developer"
    qtbot.keyClick(applied, Qt.Key.Key_Right, CTRL)  # the card stays in hand: again
    assert status_of(window.service, mobile) == "interviewing"
    interviewing = window.pipeline.board.views["interviewing"]
    when_modal(lambda menu: qtbot.keyClick(menu, Qt.Key.Key_O))  # Move to… → Offer
    qtbot.keyClick(interviewing, Qt.Key.Key_M, CTRL)
    assert status_of(window.service, mobile) == "offer"
    offer = window.pipeline.board.views["offer"]
    qtbot.waitUntil(lambda: QApplication.focusWidget() is offer)  # the focus follows the card
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Left, CTRL)
    assert status_of(window.service, mobile) == "interviewing"
    assert status_of(window.service, ids["Junior Account Executive"]) == "saved"  # the other one stays
    assert window.service.user.favourite(mobile).timeline[-1][0] == "interviewing"  # type: ignore[union-attr]
    # Left and Right alone walk between the columns
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Left)
    assert QApplication.focusWidget() is applied


def test_a_card_dropped_on_another_column_moves_there(qtbot: QtBot, window: MainWindow) -> None:
    ids = star_all(window, {"Mobile App Developer": "applied"})
    open_board(qtbot, window)
    model = window.pipeline.model
    dragged = model.mimeData([model.index(model.row_of(ids["Mobile App Developer"]), 0)])
    rejected = window.pipeline.board.columns["rejected"]
    assert rejected.canDropMimeData(dragged, Qt.DropAction.MoveAction, -1, -1, QModelIndex())
    rejected.dropMimeData(dragged, Qt.DropAction.MoveAction, -1, -1, QModelIndex())
    qtbot.waitUntil(lambda: status_of(window.service, ids["Mobile App Developer"]) == "rejected")
    qtbot.waitUntil(lambda: column_titles(window, "rejected") == ["Mobile App Developer"])
    assert column_titles(window, "applied") == []


def test_the_table_mode_sorts_by_any_column(qtbot: QtBot, window: MainWindow) -> None:
    star_all(window, {"Mobile App Developer": "offer", "Junior Account Executive": "saved",
                      "Sales Operations Coordinator": "applied"})  # fmt: skip
    open_board(qtbot, window)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_T, CTRL | SHIFT)
    table = window.pipeline.board.table
    assert window.pipeline.board.pages.currentWidget() is table and QApplication.focusWidget() is table

    def column(name: str) -> list[str]:
        model = table.model()
        return [model.index(r, COLUMNS.index(name)).data() for r in range(model.rowCount())]

    assert column("status") == ["Saved", "Applied", "Offer"]  # the pipeline's order, not the alphabet's
    table.sortByColumn(COLUMNS.index("pay"), Qt.SortOrder.DescendingOrder)
    assert column("title") == [
        "Mobile App Developer",
        "Junior Account Executive",
        "Sales Operations Coordinator",
    ]
    header = table.horizontalHeader()
    at = QPoint(header.sectionViewportPosition(0) + 10, header.height() // 2)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=at)  # a click on "Job"
    assert column("title") in (sorted(column("title")), sorted(column("title"), reverse=True))
    assert header.sortIndicatorSection() == COLUMNS.index("title")
    table.setCurrentIndex(table.model().index(0, 0))
    qtbot.keyClick(table, Qt.Key.Key_Right, CTRL)  # moves work in the table too
    first = table.currentIndex().data()
    assert first is not None


def test_the_model_passes_the_model_tester(qtmodeltester: object) -> None:
    model = PipelineModel()
    card = PipelineCard("job-1", "Dev", "Acme", "Irvine", "$1", 1.0, "saved", date(2026, 1, 1), "", True, "",
                        NextAction("Call", None))  # fmt: skip
    model.set_cards([card], date(2026, 1, 3))
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    assert model.index(0, COLUMNS.index("days")).data(SortRole) == 2


def test_a_next_action_due_today_is_counted_on_welcome_and_in_the_status_bar(
    qtbot: QtBot, window: MainWindow
) -> None:
    ids = star_all(window, {"Mobile App Developer": "interviewing", "Junior Account Executive": "applied"})
    service = window.service
    service.pipeline.set_next_action(ids["Mobile App Developer"], "Interview", date.today())
    service.pipeline.set_next_action(
        ids["Junior Account Executive"], "Follow up", date.today() + timedelta(days=5)
    )
    window.pipeline.refresh()
    assert window.pipeline.due_button.isVisible() and window.pipeline.due_button.text() == "1 next action due"
    text = shown(qtbot, window, window.show_welcome)
    assert "1 next action is due (today or overdue)" in text
    open_board(qtbot, window)
    interviewing = window.pipeline.board.views["interviewing"]
    interviewing.setCurrentIndex(interviewing.model().index(0, 0))
    interviewing.setFocus()

    unnamed_controls: list[str] = []

    def fill(dialog: QWidget) -> None:
        unnamed_controls.extend(unnamed(dialog))  # every control of the dialog has a name
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)  # to "On a day", ticked
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Space)  # unticked: no day
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)

    when_modal(fill)
    qtbot.keyClick(interviewing, Qt.Key.Key_E, CTRL)
    assert service.pipeline.cards()[0].next_action is not None
    assert {c.title: c.next_action for c in service.pipeline.cards()}["Mobile App Developer"] == NextAction(
        "Interview", None
    )
    assert window.pipeline.due_button.isHidden() and unnamed_controls == []
    qtbot.waitUntil(lambda: QApplication.focusWidget() is interviewing)  # the focus comes back to the card


@POPUP_GRAB
def test_the_tracking_flow_from_the_keyboard_alone(qtbot: QtBot, window: MainWindow) -> None:
    service = window.service
    today = date.today()
    qtbot.keyClick(window, Qt.Key.Key_L, CTRL)
    assert QApplication.focusWidget() is window.search_box
    with qtbot.waitSignal(
        window.search_finished, timeout=10000, check_params_cb=lambda r: r.query == "location:lakewood mobile"
    ):
        qtbot.keyClicks(window.search_box, "location:lakewood mobile")  # a field word: jobs only
    with qtbot.waitSignal(window.page_shown, timeout=10000):
        qtbot.keyClick(window.search_box, Qt.Key.Key_Return)  # opens the first result
    job = window.pages.current().place.id  # type: ignore[union-attr]
    assert "Mobile App Developer" in window.pages.current().toPlainText()
    with qtbot.waitSignal(window.page_shown, timeout=10000):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_D, CTRL)  # ★ save
    assert status_of(service, job) == "saved"

    def note(dialog: QWidget) -> None:
        qtbot.keyClicks(dialog.focusWidget(), "Asked about the team")
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)  # out of the text, to Save
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)

    before = QApplication.focusWidget()
    assert before is not None
    when_modal(note)
    qtbot.keyClick(before, Qt.Key.Key_N, CTRL | SHIFT)
    assert service.user.favourite(job).note == "Asked about the team"  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: QApplication.focusWidget() is before)  # the focus comes back after the dialog
    qtbot.keyClick(before, Qt.Key.Key_D, CTRL | SHIFT)  # the pipeline, this job's card in hand
    saved = window.pipeline.board.views["saved"]
    assert QApplication.focusWidget() is saved and saved.currentIndex().data() == "Mobile App Developer"
    when_modal(lambda menu: qtbot.keyClick(menu, Qt.Key.Key_A))  # its status: Move to… Applied
    qtbot.keyClick(saved, Qt.Key.Key_M, CTRL)
    assert status_of(service, job) == "applied"
    applied = window.pipeline.board.views["applied"]
    qtbot.waitUntil(lambda: QApplication.focusWidget() is applied)  # the focus followed the card
    qtbot.keyClick(applied, Qt.Key.Key_Right, CTRL)  # the card moves on
    interviewing = window.pipeline.board.views["interviewing"]
    assert QApplication.focusWidget() is interviewing

    def next_action(dialog: QWidget) -> None:
        qtbot.keyClicks(dialog.focusWidget(), "Interview with the team")  # replaces "Follow up"
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)  # past "On a day" to the day
        qtbot.keyClicks(dialog.focusWidget(), today.strftime("%Y%m%d"))
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)

    when_modal(next_action)
    qtbot.keyClick(interviewing, Qt.Key.Key_E, CTRL)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is interviewing)  # not lost after the dialog closed
    favourite = service.user.favourite(job)
    assert favourite is not None and favourite.status == "interviewing"
    assert [s for s, _at in favourite.timeline] == ["saved", "applied", "interviewing"]
    assert favourite.note == "Asked about the team"
    card = next(c for c in service.pipeline.cards() if c.job_id == job)
    assert card.next_action == NextAction("Interview with the team", today)
    assert service.pipeline.due_count() == 1 and window.pipeline.due_button.text() == "1 next action due"
    qtbot.keyClick(interviewing, Qt.Key.Key_Escape)  # back to search, where the focus was
    assert not window.pipeline.showing and QApplication.focusWidget() is before


def test_delete_unstars_a_card_and_undo_brings_it_back(qtbot: QtBot, window: MainWindow) -> None:
    ids = star_all(window, {"Mobile App Developer": "applied"})
    window.service.user.star(ids["Mobile App Developer"], "applied", "keep this note")
    window.service.pipeline.set_next_action(ids["Mobile App Developer"], "Follow up", date.today())
    open_board(qtbot, window)
    applied: QListView = window.pipeline.board.views["applied"]
    applied.setCurrentIndex(applied.model().index(0, 0))
    applied.setFocus()
    qtbot.keyClick(applied, Qt.Key.Key_Delete)
    assert window.service.user.favourite(ids["Mobile App Developer"]) is None
    assert column_titles(window, "applied") == [] and window.user_data.undo_button.isVisible()
    qtbot.keyClick(applied, Qt.Key.Key_Z, CTRL)
    favourite = window.service.user.favourite(ids["Mobile App Developer"])
    assert favourite is not None and favourite.status == "applied" and favourite.note == "keep this note"
    assert column_titles(window, "applied") == ["Mobile App Developer"]
    assert window.service.pipeline.due_count() == 1  # its next action came back with it
    search(qtbot, window, "mobile")


def test_what_is_due_shows_at_start_on_welcome_and_in_the_status_bar(qtbot: QtBot, profile: AppPaths) -> None:
    service = Service(profile)
    service.open()
    job = next(j.id for j in service.profile.store.iter_jobs() if j.title == "Mobile App Developer")
    service.user.star(job, "applied")
    service.pipeline.set_next_action(job, "Follow up", date.today() - timedelta(days=1))  # overdue
    service.close()
    window = make_window(qtbot, profile)
    try:
        assert (
            window.pipeline.due_button.isVisible()
            and window.pipeline.due_button.text() == "1 next action due"
        )
        qtbot.waitUntil(lambda: "1 next action is due" in window.pages.current().toPlainText())
        with qtbot.waitSignal(window.pipeline.due_button.clicked):
            window.pipeline.due_button.click()  # the reminder opens the board
        assert window.pipeline.showing
    finally:
        window.close()
        window.service.close()
