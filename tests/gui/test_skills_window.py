"""The Skills menu in the window: the Skills view, My Skills, the Fit sort and badge, have/lack, Study."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader, PdfWriter
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from desktop_app.gui.main_window import MainWindow
from desktop_app.gui.results import FitRole
from desktop_app.gui.study import write_sheet
from desktop_app.paths import AppPaths
from desktop_app.service import Service
from tests.gui.conftest import make_window, open_page, search
from tests.skills.test_my_skills import BOARD, posting


@pytest.fixture
def board_window(qtbot: QtBot, profile: AppPaths, tmp_path: Path) -> Iterator[MainWindow]:
    """A window on a library holding the four Zorblax jobs, My Skills being Go and PostgreSQL."""
    service = Service(profile)
    service.open()
    service.indexing.ensure()
    service.jobs.import_files([posting(tmp_path, key) for key in BOARD])
    service.myskills.set_profile(["go", "postgresql"])
    service.close()
    win = make_window(qtbot, profile)
    yield win
    win.close()
    win.service.close()


def test_the_skills_menu_opens_the_view_and_a_row_filters_the_board(
    qtbot: QtBot, board_window: MainWindow
) -> None:
    window = board_window
    window.actions_by_id["skills_view"].trigger()
    view = window.skills_ui.view
    assert view is not None and view.dialog.isVisible()
    qtbot.waitUntil(lambda: view.model.rowCount() > 0, timeout=60_000)
    slug = view.model.slug(0)
    assert slug is not None
    with qtbot.waitSignal(
        window.search_finished, timeout=10_000, check_params_cb=lambda r: r.query == f"skill:{slug}"
    ) as done:
        rect = view.table.visualRect(view.model.index(0, 0))
        qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    result = done.args[0]
    assert window.scope() == "job" and result.hits
    assert all(slug in {s.id for s in window.service.skills.of_job(h.id)} for h in result.hits)


def test_my_skills_typed_and_read_from_a_resume(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    window.actions_by_id["my_skills"].trigger()
    dialog = window.skills_ui.dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.names.rowCount() > 0, timeout=10_000)
    assert "k8s" in dialog.names.stringList()  # aliases complete too
    dialog.entry.setText("Postgres, k8s")
    with qtbot.waitSignal(dialog.found, timeout=10_000):
        qtbot.keyClick(dialog.entry, Qt.Key.Key_Return)  # Enter adds; it does not save and close
    assert dialog.isVisible()
    assert [dialog.mine.item(i).text() for i in range(dialog.mine.count())] == ["PostgreSQL", "Kubernetes"]
    cv = docx.Document()
    cv.add_paragraph("Ada Lovelace — platform engineer. Python and Terraform every day; Docker too.")
    cv.save(str(tmp_path / "ada.docx"))
    with qtbot.waitSignal(dialog.found, timeout=10_000) as found:
        dialog.read_resume(tmp_path / "ada.docx")
    assert found.args[0] >= 3 and dialog.found_box.isVisibleTo(dialog)
    titles = [dialog.found_list.item(i).text() for i in range(dialog.found_list.count())]
    assert {"Python", "Terraform", "Docker"} <= set(titles)
    dialog.found_list.item(titles.index("Docker")).setCheckState(Qt.CheckState.Unchecked)
    dialog.keep_button.click()
    kept = {dialog.mine.item(i).text() for i in range(dialog.mine.count())}
    assert {"Python", "Terraform"} <= kept and "Docker" not in kept
    write_sheet(tmp_path / "ada.pdf", "<h1>Ada Lovelace</h1><p>Kubernetes operator, Grafana dashboards.</p>")
    with qtbot.waitSignal(dialog.found, timeout=10_000):
        dialog.read_resume(tmp_path / "ada.pdf")  # a PDF with text, as a word processor writes one
    titles = [dialog.found_list.item(i).text() for i in range(dialog.found_list.count())]
    assert {"Kubernetes (already yours)", "Grafana"} <= set(titles)
    blank = PdfWriter()
    blank.add_blank_page(612, 792)
    with (tmp_path / "scan.pdf").open("wb") as out:
        blank.write(out)
    with qtbot.waitSignal(dialog.failed, timeout=10_000) as failed:
        dialog.read_resume(tmp_path / "scan.pdf")
    assert failed.args == ["scan.pdf: holds no text (a scanned image?)"]
    assert dialog.message.text() == failed.args[0]
    with qtbot.waitSignal(window.skills_ui.profile_saved, timeout=10_000) as saved:
        dialog.buttons.accepted.emit()
    assert saved.args[0] == len(kept)
    assert window.service.myskills.slugs() >= {"postgresql", "kubernetes", "python", "terraform"}
    assert window.filters.sort.findData("fit") >= 0  # the Fit sort is offered once there is a profile


def test_fit_sort_orders_the_jobs_and_rows_show_a_badge(qtbot: QtBot, board_window: MainWindow) -> None:
    window = board_window
    qtbot.waitUntil(lambda: window.filters.sort.findData("fit") >= 0, timeout=10_000)
    search(qtbot, window, "zorblax")
    window.filters.sort.setCurrentIndex(window.filters.sort.findData("fit"))
    result = search(qtbot, window, "zorblax")
    titles = [h.title for h in result.hits if h.kind == "job"]
    assert titles == [
        "Zorblax Data Engineer",  # 2 of 3, posted 10 Nov
        "Zorblax Platform Engineer",  # 2 of 3, posted 1 Nov: a tie goes to the newer
        "Zorblax Backend Engineer",  # 1 of 3
        "Zorblax Frontend Engineer",  # none
    ]
    badges = [window.model.index(row).data(FitRole) for row in range(len(titles))]
    assert badges == ["2/3 skills", "2/3 skills", "1/3 skills", "0/3 skills"]
    assert "(2/3 skills)" in window.model.index(0).data(Qt.ItemDataRole.AccessibleTextRole)


def test_a_job_page_says_what_i_have_and_lack_and_study_opens_the_missing(
    qtbot: QtBot, board_window: MainWindow, tmp_path: Path
) -> None:
    window = board_window
    job_id = window.service.search.job_ids('"Zorblax Backend Engineer"', window.filters.criteria())[0]
    text = " ".join(open_page(qtbot, window, "job", job_id).split())
    assert "You have (1 of 3): Go Missing, required: Rust Missing, nice to have: Docker" in text
    html = window.pages.current().toHtml()
    assert 'href="term:rust"' in html and 'href="term:docker"' in html
    tabs = window.pages.count()
    with qtbot.waitSignal(window.skills_ui.study_opened, timeout=10_000) as opened:
        window.actions_by_id["study_missing"].trigger()
    assert opened.args == [2]
    qtbot.waitUntil(lambda: window.pages.count() == tabs + 2, timeout=10_000)
    assert {window.pages.tabToolTip(i) for i in range(tabs, tabs + 2)} == {"Rust", "Docker"}
    window.pages.setCurrentIndex(0)
    for name in ("sheet.pdf", "sheet.html"):
        with qtbot.waitSignal(window.skills_ui.sheet_written, timeout=20_000):
            window.skills_ui.export_study(tmp_path / name)
    pdf = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(tmp_path / "sheet.pdf").pages)
    assert "Study sheet: Zorblax Backend Engineer" in pdf and "Rust" in pdf and "Docker" in pdf
    assert "Sources" in pdf
    sheet = (tmp_path / "sheet.html").read_text(encoding="utf-8")
    assert "<h2>Rust</h2>" in sheet and "<h2>Docker</h2>" in sheet and "<h2>Go</h2>" not in sheet


def test_a_job_rows_menu_studies_that_jobs_missing_skills(qtbot: QtBot, board_window: MainWindow) -> None:
    window = board_window
    window.scope_bar.setCurrentIndex(2)
    result = search(qtbot, window, "zorblax frontend")
    assert [h.title for h in result.hits] == ["Zorblax Frontend Engineer"]
    menu = window.row_menu(0)
    assert menu is not None
    study = next(a for a in menu.actions() if a.text() == "S&tudy This Job's Missing Skills")
    with qtbot.waitSignal(window.skills_ui.study_opened, timeout=10_000) as opened:
        study.trigger()
    assert opened.args == [3]  # TypeScript, React (required), GraphQL (nice to have): none is mine


def test_my_skills_brought_by_import_my_data_offers_the_fit_sort(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = {"format": "glossary-jobs-data", "version": 1, "skills": [{"id": "go"}, {"id": "rust"}]}
    path = tmp_path / "mine.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert window.filters.sort.findData("fit") < 0
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(path), ""))
    window.actions_by_id["import_data"].trigger()
    qtbot.waitUntil(lambda: window.filters.sort.findData("fit") >= 0, timeout=10_000)
    assert window.service.myskills.slugs() == {"go", "rust"}
