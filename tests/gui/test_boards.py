"""The Company Boards dialog on a stub boards part: add, fetch with progress, remove and undo."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pytestqt.qtbot import QtBot

from desktop_app.boards.sources import BoardRef, SourceError, parse_source
from desktop_app.gui.boards import BoardsDialog
from desktop_app.gui.tasks import TaskRunner
from desktop_app.service import ServiceError
from desktop_app.service.boards import BoardFetch
from desktop_app.storage.boards import BoardInfo


class StubBoards:
    """The boards part as the dialog sees it, in memory; fetching brings 3 new jobs, or fails."""

    def __init__(self) -> None:
        self.rows: dict[str, BoardInfo] = {}
        self.failing: set[str] = set()

    def add(self, source: str) -> BoardRef:
        try:
            ref = parse_source(source)
        except SourceError as exc:
            raise ServiceError(str(exc)) from exc
        self.rows.setdefault(ref.key, BoardInfo(ref.key, ref.url, 0, None, None, {}))
        return ref

    def boards(self) -> list[BoardInfo]:
        return list(self.rows.values())

    def remove(self, key: str) -> dict[str, Any]:
        return {"info": self.rows.pop(key), "key": key}

    def undo_remove(self, kept: dict[str, Any]) -> None:
        self.rows[kept["key"]] = kept["info"]

    def fetch(self, keys: Any = (), cancelled: Any = None, fetched: Any = None) -> list[BoardFetch]:
        results = []
        for key in keys or list(self.rows):
            if key in self.failing:
                result = BoardFetch(key, False, error="no such board (the vendor answered 404 Not Found)")
                self.rows[key] = BoardInfo(key, self.rows[key].url, 0, None, result.error, {})
            else:
                result = BoardFetch(key, True, new=3)
                self.rows[key] = BoardInfo(
                    key, self.rows[key].url, 3, datetime(2026, 11, 29, 9, 30), None, {"new": 3}
                )
            results.append(result)
            if fetched is not None:
                fetched(result)
        return results


def make_dialog(qtbot: QtBot) -> tuple[BoardsDialog, StubBoards, TaskRunner]:
    stub, runner = StubBoards(), TaskRunner()
    dialog = BoardsDialog(stub, runner)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog, stub, runner


def cell(dialog: BoardsDialog, row: int, column: int) -> str:
    return str(dialog.model.index(row, column).data())


def test_empty_dialog_says_how_to_follow_a_board(qtbot: QtBot) -> None:
    dialog, _stub, _runner = make_dialog(qtbot)
    assert dialog.empty.isVisible() and "careers page address" in dialog.empty.text()
    assert not dialog.fetch_all_button.isEnabled() and not dialog.remove_button.isEnabled()


def test_a_url_naming_no_board_says_which_forms_work(qtbot: QtBot) -> None:
    dialog, stub, _runner = make_dialog(qtbot)
    assert not dialog.add("https://www.example.com/careers")
    assert "greenhouse:NAME" in dialog.status.text() and stub.rows == {}


def test_fetch_all_shows_each_board_and_reports_a_status_line(qtbot: QtBot) -> None:
    dialog, stub, runner = make_dialog(qtbot)
    assert dialog.add("https://boards.greenhouse.io/airbnb") and dialog.add("lever:nosuch")
    stub.failing.add("lever:nosuch")
    assert not dialog.empty.isVisible() and dialog.model.rowCount() == 2
    assert cell(dialog, 0, 3) == "Not fetched yet"
    with (
        qtbot.waitSignal(dialog.fetch_finished, timeout=10000) as done,
        qtbot.waitSignal(dialog.boards_changed),
    ):
        dialog.fetch_all_button.click()
    runner.wait()
    assert done.args[0].startswith("greenhouse:airbnb: 3 new; lever:nosuch: no such board")
    assert (cell(dialog, 0, 1), cell(dialog, 0, 3)) == ("3", "3 new")
    assert cell(dialog, 1, 3).startswith("Failed: no such board")
    assert dialog.fetch_all_button.isEnabled() and not dialog.cancel_button.isEnabled()


def test_remove_then_undo(qtbot: QtBot) -> None:
    dialog, _stub, _runner = make_dialog(qtbot)
    dialog.add("workable:acme")
    dialog.table.selectRow(0)
    dialog.remove_button.click()
    assert dialog.model.rowCount() == 0 and dialog.undo_button.isVisible()
    dialog.undo_button.click()
    assert dialog.model.rowCount() == 1 and cell(dialog, 0, 0) == "workable:acme"
    assert not dialog.undo_button.isVisible()


def test_the_model_passes_the_model_tester(qtbot: QtBot, qtmodeltester: Any) -> None:
    dialog, _stub, _runner = make_dialog(qtbot)
    dialog.add("ashby:ramp")
    qtmodeltester.check(dialog.model)


def test_the_welcome_page_and_an_empty_term_page_say_how_jobs_get_in() -> None:
    from desktop_app.core.glossary import parse_entry
    from desktop_app.gui.render import term_html, welcome_html
    from desktop_app.paths import shipped_glossary_dir
    from desktop_app.service import TermDetail

    welcome = welcome_html("354", "6", [], [])
    assert "Company Boards" in welcome and "Import Jobs" in welcome
    flask = parse_entry((shipped_glossary_dir() / "flask.toml").read_text(encoding="utf-8"), "flask.toml")
    page = term_html(TermDetail(flask, (), (), ()))
    assert "No job here asks for Flask yet." in page and "Company Boards" in page
