"""The Skills group of the filter panel: skills named by title with counts; ticking them narrows the board."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop_app.gui.facets import ValueRole
from desktop_app.gui.main_window import MainWindow
from tests.gui.conftest import search
from tests.gui.test_filters_tabs import check_value, wait_search
from tests.skills.test_cli_skills import BOARD


def offered(window: MainWindow) -> dict[str, str]:
    model = window.filters.skills.model
    return {
        model.index(r).data(ValueRole): model.index(r).data(Qt.ItemDataRole.DisplayRole)
        for r in range(model.rowCount())
    }


def test_ticking_skills_narrows_the_jobs_to_those_asking_for_all(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    source = tmp_path / "board.jsonld"
    source.write_text(json.dumps(BOARD), encoding="utf-8")
    window.service.jobs.import_files([source])
    window.scope_bar.setCurrentIndex(2)
    before = search(qtbot, window, "company:co")
    assert before.total == 4
    skills = offered(window)
    assert skills["kubernetes"] == "Kubernetes  (3)"
    assert skills["tableau"] == "Tableau  (1)"
    one = wait_search(qtbot, window, lambda: check_value(window.filters.skills.model, "kubernetes"))
    assert sorted(h.title for h in one.hits) == [
        "Backend Developer",
        "Platform Engineer",
        "Site Reliability Lead",
    ]
    assert "hides" in window.filters.skills.title()
    # The counts now say what one more skill leaves: Tableau is asked with Kubernetes by no job.
    assert offered(window)["terraform"] == "Terraform  (2)" and "tableau" not in offered(window)
    two = wait_search(qtbot, window, lambda: check_value(window.filters.skills.model, "terraform"))
    assert sorted(h.title for h in two.hits) == ["Platform Engineer", "Site Reliability Lead"]
    assert window.filters.criteria().skills == {"kubernetes", "terraform"}
    cleared = wait_search(qtbot, window, window.filters.clear)
    assert cleared.total == before.total
