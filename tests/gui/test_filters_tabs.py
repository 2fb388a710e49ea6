"""Filters, tabs, sessions, saved filters and imports as a user drives them in the window."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox
from pytestqt.qtbot import QtBot

from desktop_app.gui.facets import FacetModel, ValueRole
from desktop_app.gui.main_window import MainWindow
from desktop_app.paths import AppPaths
from desktop_app.service import SearchResult
from tests.conftest import FIXTURES
from tests.gui.conftest import make_window, open_page, search, shown


def wait_search(qtbot: QtBot, window: MainWindow, action: object) -> SearchResult:
    with qtbot.waitSignal(window.search_finished, timeout=10000) as blocker:
        action()  # type: ignore[operator]
    result = blocker.args[0]
    assert isinstance(result, SearchResult)
    return result


def check_value(model: FacetModel, value: str) -> None:
    for row in range(model.rowCount()):
        index = model.index(row)
        if index.data(ValueRole) == value:
            model.setData(index, Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
            return
    raise AssertionError(f"{value} is not offered")


def test_toggling_a_facet_narrows_jobs_and_updates_counts(qtbot: QtBot, window: MainWindow) -> None:
    window.service.jobs.import_files(
        [FIXTURES / "greenhouse.json", FIXTURES / "lever.json", FIXTURES / "jobs.csv"]
    )
    window.scope_bar.setCurrentIndex(2)
    before = search(qtbot, window, "engineer OR developer")
    types = window.filters.types.model
    assert {types.index(r).data(ValueRole) for r in range(types.rowCount())} >= {"FULL_TIME", "CONTRACTOR"}
    after = wait_search(qtbot, window, lambda: check_value(types, "CONTRACTOR"))
    assert 0 < after.total < before.total
    assert all(h.kind == "job" for h in after.hits)
    assert "hides" in window.filters.types.title()
    assert after.excluded["type"] == before.total - after.total
    # the facet's own counts stay choosable, the others follow the selection
    assert after.facets["type"]["FULL_TIME"] > 0
    assert sum(after.facets["location"].values()) <= after.total + 5
    cleared = wait_search(qtbot, window, window.filters.clear)
    assert cleared.total == before.total


def test_salary_unknown_is_counted_not_hidden(qtbot: QtBot, window: MainWindow) -> None:
    window.service.jobs.import_files([FIXTURES / "greenhouse.json"])
    window.scope_bar.setCurrentIndex(2)
    result = search(qtbot, window, "engineer OR analyst OR executive OR developer")
    assert result.facets["salary"].get("salary unknown", 0) >= 2
    ranged = wait_search(qtbot, window, lambda: window.filters.salary.setValue((80_000, 300_000)))
    titles = {h.title for h in ranged.hits}
    assert "Mobile App Developer" in titles and "Senior Python Engineer" in titles  # unknown kept
    assert "Sales Operations Coordinator" not in titles
    strict = wait_search(qtbot, window, lambda: window.filters.unknown_salary.setChecked(False))
    assert "Senior Python Engineer" not in {h.title for h in strict.hits}


def test_ctrl_enter_opens_a_new_tab_with_its_own_history(qtbot: QtBot, window: MainWindow) -> None:
    search(qtbot, window, "flask")
    shown(qtbot, window, lambda: qtbot.keyClick(window.search_box, Qt.Key.Key_Return))
    assert window.pages.count() == 1
    search(qtbot, window, "django")
    control = Qt.KeyboardModifier.ControlModifier
    shown(qtbot, window, lambda: qtbot.keyClick(window.search_box, Qt.Key.Key_Return, control))
    assert window.pages.count() == 2 and window.pages.current().place.id == "django"  # type: ignore[union-attr]
    assert not window.actions_by_id["back"].isEnabled()  # the new tab has a history of one
    shown(qtbot, window, lambda: window.pages.current().anchorClicked.emit(QUrl("term:wsgi")))
    shown(qtbot, window, window.actions_by_id["back"].trigger)
    assert window.pages.current().place.id == "django"  # type: ignore[union-attr]
    window.pages.setCurrentIndex(0)
    assert window.pages.current().place.id == "flask"  # type: ignore[union-attr]
    window.actions_by_id["close_tab"].trigger()
    assert window.pages.count() == 1


def test_the_session_comes_back(qtbot: QtBot, profile: AppPaths) -> None:
    first = make_window(qtbot, profile)
    open_page(qtbot, first, "term", "flask")
    open_page(qtbot, first, "term", "wsgi")
    open_page(qtbot, first, "term", "python", new_tab=True)
    first.pages.current().verticalScrollBar().setValue(120)
    scroll = first.pages.current().verticalScrollBar().value()
    first.scope_bar.setCurrentIndex(2)
    first.filters.set_criteria(first.filters.criteria().__class__(types=frozenset({"FULL_TIME"})))
    search(qtbot, first, "account")
    first.close()
    first.service.close()

    second = make_window(qtbot, profile)
    assert second.search_box.text() == "account" and second.scope() == "job"
    assert second.filters.criteria().types == frozenset({"FULL_TIME"})
    assert second.pages.count() == 2
    qtbot.waitUntil(lambda: all(tab.toPlainText() for tab in second.pages.tabs()), timeout=10000)
    assert second.pages.current().toPlainText().startswith("Python")
    qtbot.waitUntil(lambda: second.pages.current().verticalScrollBar().value() == scroll, timeout=3000)
    second.pages.setCurrentIndex(0)
    assert second.pages.current().toPlainText().startswith("WSGI")
    assert shown(qtbot, second, second.actions_by_id["back"].trigger).startswith("Flask")
    second.close()
    second.service.close()


def test_job_descriptions_link_the_glossary_terms_they_name(qtbot: QtBot, window: MainWindow) -> None:
    report = window.service.jobs.import_files([FIXTURES / "greenhouse.json"])
    job_id = next(j.id for j in report.accepted if j.title == "Senior Python Engineer")
    open_page(qtbot, window, "job", job_id)
    html = window.pages.current().toHtml()
    for slug in ("django", "kubernetes", "postgresql", "redis"):
        assert f'href="term:{slug}"' in html
    text = shown(qtbot, window, lambda: window.pages.current().anchorClicked.emit(QUrl("term:django")))
    assert text.startswith("Django")


def test_an_empty_query_starts_with_recently_viewed(qtbot: QtBot, window: MainWindow) -> None:
    open_page(qtbot, window, "term", "wsgi")
    result = search(qtbot, window, "")
    assert (result.hits[0].kind, result.hits[0].id, result.hits[0].snippet) == (
        "term",
        "wsgi",
        "Viewed recently",
    )
    # the filter panel and the scope switch describe the whole library meanwhile
    assert window.filters.types.model.rowCount() == 1  # the six sample jobs are all full time
    assert window.scope_bar.tabText(2) == "Jobs (6)"
    assert "terms" in window.status_label.text()


def test_a_saved_filter_is_offered_and_reapplied(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    window.scope_bar.setCurrentIndex(2)
    window.filters.set_criteria(window.filters.criteria().__class__(teams=frozenset({"Software"})))
    search(qtbot, window, "account")
    monkeypatch.setattr(QInputDialog, "getText", lambda *_a, **_k: ("Software sales", True))
    window.actions_by_id["save_filter"].trigger()
    saved = window.service.user.saved_filters()
    assert [(f.name, f.query, f.criteria.teams) for f in saved] == [
        ("Software sales", "account", frozenset({"Software"}))
    ]
    window.filters.clear()
    window.search_box.setText("")
    window.show_welcome()
    assert "Software sales" in window.pages.current().toPlainText()
    result = wait_search(
        qtbot, window, lambda: window.pages.current().anchorClicked.emit(QUrl(f"filter:{saved[0].id}"))
    )
    assert window.search_box.text() == "account" and window.filters.criteria().teams == frozenset(
        {"Software"}
    )
    assert {h.title for h in result.hits} == {"Junior Account Executive"}


def test_dropping_files_imports_them(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QMessageBox, "information", lambda *_a: None)
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(FIXTURES / "workable.json"))])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, data, Qt.MouseButton.NoButton,
                       Qt.KeyboardModifier.NoModifier)  # fmt: skip
    with qtbot.waitSignal(window.import_finished, timeout=20000) as blocker:
        window.dropEvent(event)
    assert blocker.args[0].new == 2


def test_after_an_import_a_first_typo_does_not_read_the_index_words(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The index changed, so the search reads a new view of it: the window reads its words ahead
    # again, as at start-up, or the first misspelt word typed reads them all on its keystroke.
    from desktop_app.search.bitsets import IndexView

    monkeypatch.setattr(QMessageBox, "information", lambda *_a: None)
    with qtbot.waitSignal(window.import_finished, timeout=20000):
        window.importer.import_job_files([FIXTURES / "workable.json"])
    assert window.runner.wait()

    def read_again(self: IndexView, field: str) -> tuple[bytes, ...]:
        raise AssertionError(f"the words of {field!r} were read on a keystroke")

    monkeypatch.setattr(IndexView, "lexicon", read_again)
    result = search(qtbot, window, "djnago")
    assert result.suggestion == "django" and result.hits[0].id == "django"


def test_cancelling_an_import_stores_nothing(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    from bench.generate import write

    files = [write(300, tmp_path / f"part{n}.jsonld", seed=n) for n in range(6)]
    gate = threading.Event()
    original = window.service.jobs.import_files

    def slow(*args: object, **kwargs: object) -> object:
        gate.wait(5)
        return original(*args, **kwargs)  # type: ignore[arg-type]

    window.service.jobs.import_files = slow  # type: ignore[method-assign,assignment]
    window.importer.import_job_files(files)
    cancel = window.importer.cancel_button
    assert cancel.isVisible() and window.importer.progress.isVisible()
    with qtbot.waitSignal(window.importer.import_cancelled, timeout=20000):
        qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
        gate.set()
    assert not cancel.isVisible() and not window.importer.progress.isVisible()
    assert "cancelled" in window.status_label.text()
    assert window.service.profile.counts()[1] == 6


def test_theme_follows_the_menu(window: MainWindow) -> None:
    window.actions_by_id["theme_dark"].trigger()
    assert QApplication.palette().window().color().lightness() < 80
    assert window.settings.value("view/theme") == "dark"
    window.actions_by_id["theme_light"].trigger()
    assert QApplication.palette().window().color().lightness() > 150


def test_facet_model_passes_the_model_tester(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    model = FacetModel({"FULL_TIME": "Full time"})
    model.set_counts({"FULL_TIME": 5, "CONTRACTOR": 2}, frozenset({"INTERN"}))
    qtmodeltester.check(model)
    assert model.rowCount() == 3 and model.selected() == frozenset({"INTERN"})
