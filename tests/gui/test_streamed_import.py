"""A big import in the window: progress says how many postings were read; Cancel keeps the batches stored."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from bench.generate import write
from desktop_app.gui.main_window import MainWindow
from desktop_app.service import ReadProgress, importing


def test_cancel_part_way_keeps_the_stored_batches_and_the_window_says_so(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(importing, "BATCH", 40)
    monkeypatch.setattr(importing, "PROGRESS_EVERY", 7)
    monkeypatch.setattr("desktop_app.importers.files.MAX_RECORD_BYTES", 1_000)  # streamed as a big file
    path = write(130, tmp_path / "jobs.jsonld")
    jobs_before = window.service.profile.counts()[1]
    original = window.service.jobs.import_files
    lines: list[str] = []
    window.importer.status_changed.connect(lines.append)

    def cancelled_part_way(files: Any, **kwargs: Any) -> Any:
        heard = kwargs["reading"]

        def reading(progress: ReadProgress) -> None:
            heard(progress)
            if progress.postings >= 50:  # one batch of 40 stored, the second being read
                window.importer.cancel()

        return original(files, **{**kwargs, "reading": reading})

    window.service.jobs.import_files = cancelled_part_way  # type: ignore[method-assign,assignment]
    with qtbot.waitSignal(window.importer.import_finished, timeout=60_000) as blocker:
        window.importer.import_job_files([path])
    report = blocker.args[0]
    kept = "Cancelled after 40 of the postings of jobs.jsonld; those are kept."
    assert report.note == kept and window.service.profile.counts()[1] == jobs_before + report.new
    qtbot.waitUntil(lambda: kept in window.status_label.text())
    assert window.importer.report is not None and kept in window.importer.report.text()
    assert any(line.startswith("Importing jobs.jsonld: ") and "postings read" in line for line in lines)
    assert not window.importer.progress.isVisible() and not window.importer.busy()
