"""The import report in the window: its icon, reasons in full, merges and expiries named, plain English."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from desktop_app.gui.importing import LAST_FOLDER_KEY, ImportController
from desktop_app.gui.tasks import TaskRunner
from desktop_app.importers import parse_file
from desktop_app.service import ImportReport, Service
from tests.conftest import FIXTURES, lever_repost

BROKEN = (  # a comma missing between two properties
    '[{"@type": "JobPosting", "title": "Data Engineer",\n'
    '  "description": "<p>Pipelines.</p>" "datePosted": "2024-01-01"}]'
)


@pytest.fixture
def importer(service: Service, runner: TaskRunner, parent: QWidget, tmp_path: Path) -> ImportController:
    settings = QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)
    return ImportController(service.jobs, service.glossary, runner, tmp_path / "log", parent, settings)


def run_import(qtbot: QtBot, importer: ImportController, *files: Path) -> ImportReport:
    with qtbot.waitSignal(importer.import_finished, timeout=20000) as finished:
        importer.import_job_files(list(files))
    report = finished.args[0]
    assert isinstance(report, ImportReport)
    return report


def test_a_broken_file_shows_an_error_icon_and_its_whole_reason(
    qtbot: QtBot, importer: ImportController, tmp_path: Path
) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text(BROKEN, encoding="utf-8")
    (rejected,) = parse_file(broken).rejected
    assert len(rejected.reason) > 80  # line, column, what was expected, and the text around it
    run_import(qtbot, importer, broken)
    dialog = importer.report
    assert dialog is not None and dialog.isVisible()
    assert dialog.severity == QMessageBox.Icon.Critical
    text = dialog.text()
    assert text.startswith("Took 0 jobs: 0 new, 0 updated, 0 unchanged. Rejected 1.")
    assert "Rejected 1 record\n" in text and f"broken.json: {rejected.reason}" in text
    assert "(s)" not in text


def test_a_good_file_with_rejects_warns_and_a_clean_one_shows_no_dialog(
    qtbot: QtBot, importer: ImportController
) -> None:
    report = run_import(qtbot, importer, FIXTURES / "messy-page.html")
    assert report.new == 2 and importer.report is not None
    assert importer.report.severity == QMessageBox.Icon.Warning
    assert "posting has no title" in importer.report.text()
    importer.report.close()
    importer.report = None
    run_import(qtbot, importer, FIXTURES / "workable.json")
    assert importer.report is None  # nothing to say beyond the status line


def test_the_report_names_what_was_merged_and_what_expired(
    qtbot: QtBot, importer: ImportController, tmp_path: Path
) -> None:
    april, may = lever_repost(tmp_path)
    run_import(qtbot, importer, april)
    season = tmp_path / "season.jsonld"
    season.write_text(
        json.dumps(
            {
                "@context": "https://schema.org",
                "@type": "JobPosting",
                "title": "Winter Ski Instructor",
                "description": "<p>Teach beginners on the nursery slopes.</p>",
                "datePosted": "2019-10-01",
                "validThrough": "2020-03-31",
                "hiringOrganization": {"@type": "Organization", "name": "Alpine Co"},
            }
        ),
        encoding="utf-8",
    )
    report = run_import(qtbot, importer, may, season)
    assert len(report.merged) == 1
    dialog = importer.report
    assert dialog is not None and dialog.severity == QMessageBox.Icon.Information
    text = dialog.text()
    assert "Merged 1 repeated posting\n" in text
    assert (
        "“Field Service Technician” from may.json into “Field Service Technician”, the listing it repeats"
        in text
    )
    assert "1 posting past the closing date: kept, marked expired" in text
    assert "“Winter Ski Instructor” (season.jsonld)" in text
    assert "(s)" not in text


def test_the_file_dialog_opens_where_the_last_files_were_chosen(
    qtbot: QtBot, importer: ImportController, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked_in: list[str] = []
    chosen = tmp_path / "downloads" / "jobs.json"
    chosen.parent.mkdir()
    chosen.write_text("[]", encoding="utf-8")

    def choose(_parent: QWidget, _title: str, folder: str, _kinds: str) -> tuple[list[str], str]:
        asked_in.append(folder)
        return [str(chosen)], ""

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", choose)
    run_import_via = importer.choose_job_files
    with qtbot.waitSignal(importer.import_finished, timeout=20000):
        run_import_via()
    with qtbot.waitSignal(importer.import_finished, timeout=20000):
        run_import_via()
    assert asked_in == ["", str(chosen.parent)]
    again = QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)
    assert again.value(LAST_FOLDER_KEY) == str(chosen.parent)  # kept for the next session


def test_a_failed_import_shows_the_whole_message_with_an_error_icon(
    qtbot: QtBot, importer: ImportController, service: Service, monkeypatch: pytest.MonkeyPatch
) -> None:
    long = "the import failed and nothing was stored: " + "disk I/O error while writing page " * 8

    def failing(*_args: object, **_kwargs: object) -> ImportReport:
        raise RuntimeError(long)

    monkeypatch.setattr(service.jobs, "import_files", failing)
    with qtbot.waitSignal(importer.import_failed, timeout=20000):
        importer.import_job_files([FIXTURES / "greenhouse.json"])
    dialog = importer.report
    assert dialog is not None and dialog.severity == QMessageBox.Icon.Critical
    assert long.strip() in dialog.text() and dialog.text().startswith("Import failed")
