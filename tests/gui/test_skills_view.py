"""View → Skills: the ranked demand table with a trend line; activating a row names its skill."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pytestqt.qtbot import QtBot

from desktop_app.gui.skills_view import SkillsController, sparkline
from desktop_app.gui.tasks import TaskRunner
from desktop_app.service import Service
from tests.skills.test_job_skills import DESCRIPTION, posting_file


def test_sparkline_scales_to_the_busiest_week() -> None:
    assert sparkline([0, 1, 2, 4]) == "▁▃▅█"
    assert sparkline([0, 0]) == "▁▁"


def test_the_skills_window_ranks_skills_and_a_row_filters_by_its_skill(
    qtbot: QtBot, qtmodeltester: Any, service: Service, tmp_path: Path
) -> None:
    texts = [DESCRIPTION.replace("payment APIs", f"{team} APIs") for team in ("card", "bank")]
    service.jobs.import_files([
        posting_file(tmp_path, text, identifier=f"pay-{n}", title=f"Payments Engineer {n}")
        for n, text in enumerate(texts)
    ])  # fmt: skip
    runner = TaskRunner()
    controller = SkillsController(service.skills, runner)
    qtbot.addWidget(controller.dialog)
    with qtbot.waitSignal(controller.loaded, timeout=60_000) as loaded:
        controller.show("payments")
    assert loaded.args == [3]  # Go, PostgreSQL, Apache Kafka: the two payments jobs ask for them
    qtmodeltester.check(controller.model)
    model = controller.model
    first = [str(model.index(0, column).data()) for column in range(model.columnCount())]
    assert first[:3] == ["Apache Kafka", "2", "100%"]  # three ties of 2 jobs: by id
    assert len(first[3]) == 12 and first[3].endswith("█")  # both first seen this week
    assert first[4] == "Go 100%, PostgreSQL 100%"
    with qtbot.waitSignal(controller.skill_chosen) as chosen:
        controller.table.activated.emit(model.index(1, 0))
    assert chosen.args == [model.slug(1)]
    runner.wait()
