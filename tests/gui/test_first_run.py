"""A new user's first minutes: the Welcome page, F1, the empty query, ended jobs, Back, linked terms."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from itertools import pairwise

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from desktop_app.gui.actions import SPECS, key_sequences
from desktop_app.gui.main_window import MainWindow
from desktop_app.gui.results import EndedRole
from desktop_app.search.query import FIELDS
from desktop_app.storage.models import BoardPostingRow, JobRow
from tests.gui.conftest import open_page, search, shown


def anchors(document: QTextDocument, block_starts: str = "") -> dict[str, str]:
    """Return the links of a shown page (text → href), of the blocks starting with ``block_starts``."""
    found: dict[str, str] = {}
    block = document.begin()
    while block.isValid():
        if block.text().startswith(block_starts):
            it = block.begin()
            while not it.atEnd():
                fragment = it.fragment()
                if fragment.charFormat().isAnchor():
                    found[fragment.text()] = fragment.charFormat().anchorHref()
                it += 1
        block = block.next()
    return found


def click(qtbot: QtBot, window: MainWindow, href: str) -> str:
    """Follow a link of the current page, as a click does; return the page then shown."""
    return shown(qtbot, window, lambda: window.pages.current().anchorClicked.emit(QUrl(href)))


def test_the_welcome_page_links_import_boards_and_the_cheat_sheet(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = window.pages.current().toPlainText()
    assert "Company Boards…" in text and "Import Jobs…" in text and "F1" in text
    links = anchors(window.pages.current().document())
    assert links["Company Boards…"] == "do:company_boards" and links["Import Jobs…"] == "do:import_jobs"
    asked: list[str] = []

    def choose_files(_parent: object, title: str, *_args: object, **_kwargs: object) -> tuple[list[str], str]:
        asked.append(title)
        return [], ""

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", choose_files)
    with qtbot.waitSignal(window.actions_by_id["import_jobs"].triggered):
        window.pages.current().anchorClicked.emit(QUrl("do:import_jobs"))
    assert asked  # the file chooser of File → Import Jobs… was offered
    with qtbot.waitSignal(window.actions_by_id["company_boards"].triggered):
        window.pages.current().anchorClicked.emit(QUrl("do:company_boards"))
    assert window.boards.dialog is not None and window.boards.dialog.isVisible()
    window.boards.dialog.close()
    assert "Search syntax and shortcuts" in click(qtbot, window, links["Search syntax and shortcuts"])


def test_f1_shows_every_search_field_and_every_shortcut(qtbot: QtBot, window: MainWindow) -> None:
    window.search_box.setFocus()
    text = shown(qtbot, window, lambda: qtbot.keyClick(window.search_box, Qt.Key.Key_F1))
    assert window.pages.tabText(window.pages.currentIndex()) == "Cheat Sheet"
    for field in FIELDS:
        assert f"{field}:" in text, field
    for words in ('"rest api"', " OR ", "-django", "pyth"):
        assert words in text
    lines = text.splitlines()
    rows = list(pairwise(lines))  # a table row reads as two lines: keys, then action
    for spec in SPECS:
        name = spec.text.replace("&&", "&").replace("&", "").rstrip("…")
        for key in key_sequences(spec.shortcuts):
            assert any(key.toString() in keys.split(", ") and name in what for keys, what in rows), name


def test_an_empty_query_lists_jobs_newest_first_even_after_viewing_an_old_one(
    qtbot: QtBot, window: MainWindow
) -> None:
    store = window.service.profile.store
    oldest = min((j for j in store.iter_jobs() if j.date_posted), key=lambda j: j.date_posted or date.min)
    open_page(qtbot, window, "job", oldest.id)
    window.scope_bar.setCurrentIndex(2)
    hits = search(qtbot, window, "").hits
    posted: dict[str, date | None] = {j.id: j.date_posted for j in store.iter_jobs()}
    dates = [posted[h.id] for h in hits]
    assert len(hits) == 6 and dates == sorted(dates, key=lambda d: d or date.min, reverse=True)
    assert hits[0].id != oldest.id and all(h.snippet != "Viewed recently" for h in hits)


def test_expired_and_closed_jobs_are_marked_in_the_list_and_on_their_page(
    qtbot: QtBot, window: MainWindow
) -> None:
    store = window.service.profile.store
    jobs = {j.title: j.id for j in store.iter_jobs()}
    expired, closed = jobs["Account Executive"], jobs["Mobile App Developer"]
    with store.session() as s, s.begin():
        stored = s.get(JobRow, expired)
        assert stored is not None
        stored.valid_through = date.today() - timedelta(days=3)
        seen = datetime(2026, 1, 5)
        s.add(BoardPostingRow(board="greenhouse:acme", job_id=closed, title="Mobile App Developer",
                              first_seen=seen, last_seen=seen, closed_at=datetime(2026, 2, 1)))  # fmt: skip
    window.scope_bar.setCurrentIndex(2)
    for query in ("", "account OR mobile"):
        hits = search(qtbot, window, query).hits
        ended = {h.id: window.model.index(row).data(EndedRole) for row, h in enumerate(hits)}
        assert ended[expired] == "expired" and ended[closed] == "closed"
        assert sorted(ended.values()).count("") == len(hits) - 2
    row = next(r for r, h in enumerate(hits) if h.id == expired)
    assert "(expired)" in window.model.index(row).data(Qt.ItemDataRole.AccessibleTextRole)
    assert "— expired" in open_page(qtbot, window, "job", expired)
    assert "Closed on 2026-02-01" in open_page(qtbot, window, "job", closed)


def test_back_returns_to_the_welcome_page(qtbot: QtBot, window: MainWindow) -> None:
    assert window.pages.tabText(window.pages.currentIndex()) == "Welcome"
    assert not window.actions_by_id["back"].isEnabled()
    open_page(qtbot, window, "term", "flask")
    assert window.actions_by_id["back"].isEnabled()
    text = shown(qtbot, window, window.actions_by_id["back"].trigger)
    assert "Bringing jobs in" in text and window.pages.tabText(window.pages.currentIndex()) == "Welcome"
    assert "Flask is a web framework" in shown(qtbot, window, window.actions_by_id["forward"].trigger)
    assert window.service.user.recent(5)[0].id == "term:flask"  # the Welcome page is no place viewed


def test_a_term_page_links_the_other_terms_its_prose_names(qtbot: QtBot, window: MainWindow) -> None:
    open_page(qtbot, window, "term", "flask")
    document = window.pages.current().document()
    prose = anchors(document, "Flask is a web framework")
    assert prose.get("Python") == "term:python"
    assert all(href != "term:flask" for href in prose.values())  # the page does not link itself
    later = anchors(document, "Because it calls itself")
    assert later.get("WSGI") == "term:wsgi"
    assert "Python" not in later  # a term is linked once, where the prose first names it
    assert "Django" in click(qtbot, window, "term:django")
