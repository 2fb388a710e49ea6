"""What a new user tripped over: filters and terms, shortcuts, the wheel, empty lists, dark pages, wording."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QAction, QColor, QPalette, QWheelEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from desktop_app.core.types import Job, JobId
from desktop_app.gui.detail import DetailView
from desktop_app.gui.filter_panel import SALARY_TOP, salary_range_text
from desktop_app.gui.import_report import import_summary
from desktop_app.gui.main_window import MainWindow
from desktop_app.gui.render import job_html
from desktop_app.gui.theme import apply_theme, contrast, muted_colour
from desktop_app.service import ImportReport, SearchResult
from tests.gui.conftest import open_page, search, shown
from tests.gui.test_filters_tabs import check_value, wait_search

Role = QPalette.ColorRole


def test_job_filters_never_hide_glossary_terms(qtbot: QtBot, window: MainWindow) -> None:
    window.scope_bar.setCurrentIndex(2)
    search(qtbot, window, "account")
    wait_search(qtbot, window, lambda: check_value(window.filters.types.model, "FULL_TIME"))
    window.scope_bar.setCurrentIndex(1)
    terms = search(qtbot, window, "python")
    assert terms.hits and all(h.kind == "term" for h in terms.hits)
    assert window.model.rowCount() == len(terms.hits) and not window.results.empty_label.isVisible()
    assert window.scope_bar.tabText(1) == f"Terms ({terms.total})"
    window.scope_bar.setCurrentIndex(0)
    everything = search(qtbot, window, "mobile")
    kinds = {h.kind for h in everything.hits}
    assert kinds == {"term", "job"}  # the terms stay, next to the full-time jobs
    assert window.filters.criteria().types == frozenset({"FULL_TIME"})


def test_ctrl_q_quits_and_no_two_window_actions_share_a_shortcut(qtbot: QtBot, window: MainWindow) -> None:
    owners: dict[str, list[str]] = {}
    for action in window.findChildren(QAction):
        if action.shortcutContext() == Qt.ShortcutContext.WidgetShortcut:
            continue  # acts only in its own widget (Delete in the saved-filters list)
        for sequence in action.shortcuts():
            owners.setdefault(sequence.toString(), []).append(action.objectName() or action.text())
    assert len(owners) > 15
    assert {key: names for key, names in owners.items() if len(names) > 1} == {}
    assert window.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert not window.isVisible()


def wheel(widget: QWidget, notches: int) -> None:
    centre = QPointF(widget.rect().center())
    event = QWheelEvent(centre, widget.mapToGlobal(centre), QPoint(0, 0), QPoint(0, -120 * notches),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase,
                        False)  # fmt: skip
    QApplication.sendEvent(widget, event)


def test_the_wheel_scrolls_the_panel_and_changes_a_filter_only_when_it_has_the_focus(
    qtbot: QtBot, window: MainWindow
) -> None:
    posted, sort = window.filters.posted, window.filters.sort
    window.search_box.setFocus()
    wheel(posted, 1)
    wheel(sort, 1)
    assert posted.currentIndex() == 0 and sort.currentIndex() == 0
    assert window.filters.salary.focusPolicy() == Qt.FocusPolicy.StrongFocus  # no focus from the wheel
    window.activateWindow()
    posted.setFocus()
    qtbot.waitUntil(posted.hasFocus, timeout=3000)
    wheel(posted, 1)
    assert posted.currentIndex() == 1


def test_an_empty_list_says_why_and_counts_stay_in_step(qtbot: QtBot, window: MainWindow) -> None:
    window.scope_bar.setCurrentIndex(2)
    before = search(qtbot, window, "account")
    assert before.total == 4
    none = wait_search(qtbot, window, lambda: window.filters.remote.setCurrentIndex(1))  # remote only
    assert none.total == 0 and window.model.rowCount() == 0
    label = window.results.empty_label
    assert label.isVisible()
    assert "4 jobs hidden by filters" in label.text() and "Clear filters" in label.text()
    assert window.scope_bar.tabText(2) == "Jobs (0)"
    assert window.filters.summary.text() == "0 jobs shown of 4; the filters hide the rest."
    cleared = wait_search(qtbot, window, lambda: label.linkActivated.emit("action:clear-filters"))
    assert cleared.total == 4 and window.model.rowCount() == 4 and not label.isVisible()
    assert window.scope_bar.tabText(2) == "Jobs (4)" and window.status_label.text().startswith("4 results")
    with qtbot.waitSignal(window.search_finished, timeout=10000):
        window.search_box.clear()
    assert "results" not in window.status_label.text() and "jobs" in window.status_label.text()
    nothing = search(qtbot, window, "qqzzxv")
    assert nothing.total == 0 and "No match for “qqzzxv”" in label.text() and label.isVisible()


def page_colours(view: DetailView) -> dict[str, QColor]:
    """The colour of each text style a page uses, read back from a page laid out in ``view``."""
    view.show_html(
        "<h1>Title</h1><p class='meta'>Backend · also: REST</p><p class='summary'>Summary</p>"
        "<p><span class='badge'>Badge</span></p><p>Body <a href='term:x'>link</a></p>"
        "<table class='facts'><tr><th>Salary</th><td>x</td></tr></table>"
    )
    colours: dict[str, QColor] = {}
    for name, text in (("h1", "Title"), ("meta", "Backend"), ("summary", "Summary"), ("badge", "Badge"),
                       ("body", "Body"), ("link", "link"), ("facts", "Salary")):  # fmt: skip
        cursor = view.document().find(text)
        assert not cursor.isNull(), text
        brush = cursor.charFormat().foreground()
        plain = brush.style() == Qt.BrushStyle.NoBrush
        colours[name] = view.palette().color(Role.Text) if plain else brush.color()
    return colours


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_every_page_style_reads_at_wcag_aa_in_both_themes(
    qtbot: QtBot, qapp: QApplication, theme: str
) -> None:
    style, palette = qapp.style().name(), qapp.palette()
    try:
        apply_theme(qapp, theme)  # type: ignore[arg-type]
        view = DetailView()
        qtbot.addWidget(view)
        base = view.palette().color(Role.Base)
        colours = page_colours(view)
        assert set(colours) >= {"h1", "meta", "summary", "badge", "body", "link"}
        ratios = {name: round(contrast(colour, base), 2) for name, colour in colours.items()}
        assert {name: r for name, r in ratios.items() if r < 4.5} == {}, ratios
        assert colours["meta"] != colours["body"]  # secondary text still looks secondary
        # the results list: snippets on a row, and on a selected row
        for text, background in ((Role.Text, Role.Base), (Role.HighlightedText, Role.Highlight)):
            fg, bg = qapp.palette().color(text), qapp.palette().color(background)
            assert contrast(muted_colour(fg, bg), bg) >= 4.5 or contrast(fg, bg) < 4.5
    finally:
        qapp.setStyle(style)
        qapp.setPalette(palette)


def test_the_contrast_check_can_fail() -> None:
    # A positive control: the grey that Qt's old "palette(mid)" gave secondary text on the dark base.
    assert contrast(QColor("#26282b"), QColor("#1e1f22")) < 1.2
    assert round(contrast(QColor("#000000"), QColor("#ffffff")), 1) == 21.0


@pytest.mark.parametrize("size", [(1280, 800), (1024, 640)])
def test_the_filter_panel_fits_without_scrolling_sideways(
    qtbot: QtBot, window: MainWindow, size: tuple[int, int]
) -> None:
    window.showNormal()
    window.resize(*size)
    search(qtbot, window, "a")
    panel = window.filters
    qtbot.waitUntil(lambda: panel.viewport().width() > 0, timeout=3000)
    viewport = panel.viewport()
    for button in (panel.clear_button, panel.save_button):
        top_left = button.mapTo(viewport, QPoint(0, 0))
        assert top_left.y() >= 0 and top_left.y() + button.height() <= viewport.height(), button.text()
    for box in (panel.types, panel.locations, panel.teams, panel.others):
        right = box.mapTo(viewport, QPoint(box.width(), 0)).x()
        assert right <= viewport.width(), box.title()
        assert not box.findChildren(QWidget) or all(
            not view.horizontalScrollBar().isVisible() for view in (panel.types.view, panel.teams.view)
        )


def test_wording_reads_as_english(qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    assert import_summary(ImportReport((), ())) == "Took 0 jobs: 0 new, 0 updated, 0 unchanged. Rejected 0."
    one = ImportReport((Job(JobId("j"), "Dev"),), (), new=1)
    assert import_summary(one).startswith("Took 1 job: 1 new,")
    window.filters.show_counts(SearchResult("x", 1, None, (), kind_counts={"job": 1}), 1)
    assert window.filters.summary.text() == "1 job matches the search. Filters narrow them."
    assert salary_range_text(0, SALARY_TOP) == "Any salary"
    assert salary_range_text(80_000, SALARY_TOP) == "From 80k a year"
    assert salary_range_text(80_000, 120_000) == "80k–120k a year"
    about = window.actions_by_id["about"]
    assert about.text().replace("&&", "\0").replace("&", "").replace("\0", "&") == "About Glossary & Jobs"
    old = job_html(Job(JobId("j"), "Dev", date_posted=date(2011, 9, 1)), today=date(2026, 11, 29))
    assert "2011-09-01" in old and "days ago" not in old
    fresh = job_html(Job(JobId("j"), "Dev", date_posted=date(2026, 11, 28)), today=date(2026, 11, 29))
    assert "2026-11-28 (yesterday)" in fresh


def test_update_from_feeds_says_it_removes_listings_before_asking_for_files(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []

    def decline(*args: object) -> QMessageBox.StandardButton:
        asked.append(str(args[2]))
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", decline)
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *_a: pytest.fail("asked for files"))
    window.actions_by_id["update_feeds"].trigger()
    assert asked and "removes the stored listings" in asked[0]


def menu_action(menu: object, text: str) -> QAction:
    for action in menu.actions():  # type: ignore[attr-defined]
        if action.text() == text:
            return action
        if action.menu() is not None:
            for inner in action.menu().actions():
                if inner.text() == text:
                    return inner
    raise AssertionError(f"no {text} in the menu")


def test_a_job_row_menu_stars_sets_a_status_and_hides_with_undo(qtbot: QtBot, window: MainWindow) -> None:
    from desktop_app.gui.results import MarkRole

    window.scope_bar.setCurrentIndex(2)
    result = search(qtbot, window, "account")
    job_id = result.hits[0].id
    menu = window.row_menu(0)
    assert menu is not None
    assert [a.text() for a in menu.actions()] == [
        "★ Save",
        "Status",
        "Edit &Note…",
        "S&tudy This Job's Missing Skills",
        "&Hide This Job",
        "Hide This &Company",
    ]
    menu_action(menu, "★ Save").trigger()
    assert window.service.user.favourite(job_id) is not None
    assert window.model.index(0).data(MarkRole) == "starred:saved"  # drawn "★ title · Saved"
    menu = window.row_menu(0)
    assert menu is not None and menu_action(menu, "Saved").isChecked()
    menu_action(menu, "Applied").trigger()
    assert window.service.user.favourite(job_id).status == "applied"  # type: ignore[union-attr]
    menu = window.row_menu(0)
    assert menu is not None and menu.actions()[0].text() == "Unstar"
    hidden = wait_search(qtbot, window, menu_action(menu, "&Hide This Job").trigger)
    assert job_id not in {h.id for h in hidden.hits} and window.user_data.undo_button.isVisible()
    back = wait_search(qtbot, window, window.user_data.undo_button.click)
    assert job_id in {h.id for h in back.hits} and not window.user_data.undo_button.isVisible()


def test_the_job_page_carries_save_status_note_and_hide(qtbot: QtBot, window: MainWindow) -> None:
    job = window.service.profile.store.newest_jobs(1)[0]
    text = open_page(qtbot, window, "job", job.id)
    assert "★ Save" in text and "Hide company" in text
    page = window.pages.current()
    text = shown(qtbot, window, lambda: page.anchorClicked.emit(QUrl("do:star")))
    assert window.service.user.favourite(job.id) is not None and "Unstar" in text
    text = shown(qtbot, window, lambda: window.pages.current().anchorClicked.emit(QUrl("do:status_offer")))
    assert window.service.user.favourite(job.id).status == "offer"  # type: ignore[union-attr]
    assert "★ Offer" in text
