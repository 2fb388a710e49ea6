"""The window's controllers on their own: stub services, no window, wired only through signals."""

from __future__ import annotations

import threading
from collections import Counter
from pathlib import Path
from typing import Any, cast

import grimp
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QInputDialog, QWidget
from pytestqt.qtbot import QtBot

from desktop_app.core.criteria import Criteria
from desktop_app.gui import actions
from desktop_app.gui.detail_tabs import DetailTabs, Page, Place
from desktop_app.gui.importing import ImportController
from desktop_app.gui.tasks import Task, TaskRunner
from desktop_app.gui.user_data import UserDataController
from desktop_app.service import FavouriteInfo, ImportReport
from tests.conftest import running_work


class StubJobs:
    """The jobs part of a service: an import that reports progress, or waits for a gate."""

    def __init__(self, gate: threading.Event | None = None) -> None:
        self.gate = gate
        self.calls: list[list[Path]] = []

    def import_files(
        self, files, dry_run=False, progress=None, cancel=None, withdraw_missing=False, reading=None
    ):
        self.calls.append(list(files))
        if self.gate is not None:
            self.gate.wait(10)
        if cancel is not None and cancel.is_set():
            raise RuntimeError("cancelled")
        for done in range(1, 4):
            if progress is not None:
                progress(done, 3)
        return ImportReport(accepted=(cast(Any, "job"),), rejected=(), new=1, updated=0, unchanged=0)


class StubGlossary:
    def add_user_entries(self, sources):
        return (("my-term",), ())


def test_the_import_controller_shows_its_progress_and_reports(
    qtbot: QtBot, parent: QWidget, runner: TaskRunner, tmp_path: Path
) -> None:
    jobs = StubJobs()
    importer = ImportController(jobs, StubGlossary(), runner, tmp_path / "log", parent)
    parent.show()
    lines: list[str] = []
    importer.status_changed.connect(lines.append)
    values: list[int] = []
    importer.progress.valueChanged.connect(values.append)
    with qtbot.waitSignal(importer.import_finished, timeout=5000) as finished:
        importer.import_job_files([tmp_path / "a.jsonld"])
        assert importer.busy() and importer.cancel_button.isVisible()
    assert finished.args[0].new == 1 and jobs.calls == [[tmp_path / "a.jsonld"]]
    assert values[-1] == 3 and not importer.progress.isVisible() and not importer.cancel_button.isVisible()
    assert lines == ["Importing 1 file…", "Took 1 job: 1 new, 0 updated, 0 unchanged. Rejected 0."]
    assert not importer.busy()


def test_cancel_stops_the_import_and_says_so(
    qtbot: QtBot, parent: QWidget, runner: TaskRunner, tmp_path: Path
) -> None:
    gate = threading.Event()
    importer = ImportController(StubJobs(gate), StubGlossary(), runner, tmp_path / "log", parent)
    parent.show()
    finished: list[object] = []
    importer.import_finished.connect(finished.append)
    importer.import_job_files([tmp_path / "a.jsonld", tmp_path / "b.jsonld"])
    with qtbot.waitSignal(importer.import_cancelled, timeout=5000):
        qtbot.mouseClick(importer.cancel_button, Qt.MouseButton.LeftButton, pos=QPoint(3, 3))
        gate.set()
    assert finished == [] and not importer.cancel_button.isVisible()


class StubUser:
    """The user part of a service, in memory."""

    def __init__(self) -> None:
        self.favourites_: dict[str, str] = {}
        self.hidden: list[tuple[str, str]] = []
        self.saved: list[tuple[str, str, Criteria]] = []
        self.show_hidden = False

    def favourite(self, job_id: str) -> FavouriteInfo | None:
        status = self.favourites_.get(job_id)
        return cast(FavouriteInfo, type("Fav", (), {"status": status, "note": ""})) if status else None

    def star(self, job_id: str, status: str = "saved", note: str | None = None) -> int:
        self.favourites_[job_id] = status
        return 1

    def unstar(self, job_id: str) -> dict[str, str] | None:
        status = self.favourites_.pop(job_id, None)
        return {"status": status} if status else None

    def hide(self, kind: str, value: str) -> int:
        self.hidden.append((kind, value))
        return len(self.hidden)

    def save_filter(self, name: str, query: str, criteria: Criteria) -> int:
        self.saved.append((name, query, criteria))
        return len(self.saved)

    def filters_overview(self) -> list[object]:
        return []


class StubSelection:
    def __init__(self, job_id: str | None, company: str | None = None) -> None:
        self.job_id, self.company = job_id, company

    def current_job_id(self) -> str | None:
        return self.job_id

    def current_company(self) -> str | None:
        return self.company

    def search_text(self) -> str:
        return "python"

    def criteria(self) -> Criteria:
        return Criteria(remote="remote")


def test_the_user_data_controller_acts_on_the_selection_and_says_what_changed(
    qtbot: QtBot, parent: QWidget, runner: TaskRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    user = StubUser()
    controller = UserDataController(cast(Any, user), runner, StubSelection("job-7", "Acme"), parent)
    lines: list[str] = []
    controller.status_changed.connect(lines.append)
    with qtbot.waitSignal(controller.favourite_changed) as changed:
        controller.toggle_star()
    assert changed.args == ["job-7"] and user.favourites_ == {"job-7": "saved"}
    controller.set_status("applied")
    assert user.favourites_ == {"job-7": "applied"}
    with qtbot.waitSignal(controller.hidden_changed):
        controller.hide_company()
    assert user.hidden == [("company", "Acme")] and "Jobs of Acme are hidden." in lines[-1]
    monkeypatch.setattr(QInputDialog, "getText", lambda *_a, **_k: ("Remote Python", True))
    with qtbot.waitSignal(controller.filters_refreshed, timeout=5000):
        controller.save_current_search()
    assert user.saved == [("Remote Python", "python", Criteria(remote="remote"))]


def test_with_no_job_at_hand_star_says_how_and_changes_nothing(
    qtbot: QtBot, parent: QWidget, runner: TaskRunner
) -> None:
    user = StubUser()
    controller = UserDataController(cast(Any, user), runner, StubSelection(None), parent)
    with qtbot.waitSignal(controller.status_changed) as said:
        controller.toggle_star()
    assert said.args == ["Open a job to star it."] and user.favourites_ == {}


class CountingSource:
    """Pages on demand, counted; ``held`` pages wait for a gate."""

    def __init__(self, held: str = "", gate: threading.Event | None = None) -> None:
        self.calls: Counter[str] = Counter()
        self.held, self.gate = held, gate

    def __call__(self, place: Place) -> Page | None:
        self.calls[place.id] += 1
        if place.id == self.held and self.gate is not None:
            self.gate.wait(10)
        if place.id == "gone":
            return None
        return place.id.title(), f"<h1>{place.id.title()}</h1>"


def test_a_page_is_built_once_off_the_gui_thread(qtbot: QtBot, runner: TaskRunner) -> None:
    threads: list[threading.Thread] = []
    source = CountingSource()

    def recording(place: Place) -> Page | None:
        threads.append(threading.current_thread())
        return source(place)

    tabs = DetailTabs(recording, runner)
    qtbot.addWidget(tabs)
    with qtbot.waitSignal(tabs.page_shown) as shown:
        tabs.open(Place("term", "flask"))
    assert shown.args == ["term", "flask"] and source.calls == {"flask": 1}
    assert threads and threads[0] is not threading.main_thread()
    assert tabs.current().toPlainText() == "Flask" and tabs.tabText(0) == "Flask"


def test_a_missing_page_is_announced_and_kept_out_of_history(qtbot: QtBot, runner: TaskRunner) -> None:
    tabs = DetailTabs(CountingSource(), runner)
    qtbot.addWidget(tabs)
    with qtbot.waitSignal(tabs.page_shown):
        tabs.open(Place("term", "flask"))
    with qtbot.waitSignal(tabs.page_missing) as missing:
        tabs.open(Place("job", "gone"))
    assert missing.args == ["job", "gone"]
    assert tabs.current().history == [Place("term", "flask")] and tabs.current().toPlainText() == "Flask"


def test_a_slow_page_does_not_replace_the_one_asked_for_after_it(qtbot: QtBot, runner: TaskRunner) -> None:
    gate = threading.Event()
    tabs = DetailTabs(CountingSource(held="slow", gate=gate), runner)
    qtbot.addWidget(tabs)
    shown: list[str] = []
    tabs.page_shown.connect(lambda _kind, item: shown.append(item))
    tabs.open(Place("term", "slow"))
    with qtbot.waitSignal(tabs.page_shown, check_params_cb=lambda _k, item: item == "fast"):
        tabs.open(Place("term", "fast"))
        gate.set()
    runner.wait()
    qtbot.wait(20)  # let any late answer be delivered: it must be dropped
    assert shown == ["fast"] and tabs.current().history == [Place("term", "fast")]


def all_handlers() -> dict[str, Any]:
    names = [spec.id for spec in actions.SPECS]
    return {
        name: lambda *_a: None for name in [*names, "set_status", "set_theme", "show_hidden", "fill_history"]
    }


def test_build_actions_needs_every_handler_and_returns_menus(parent: QWidget) -> None:
    made = actions.build_actions(parent, all_handlers(), "dark")
    assert list(made.menus) == [key for key, _title in actions.MENUS]
    assert made["theme_dark"].isChecked() and not made["theme_light"].isChecked()
    assert made.history_menu is not None and made.history_menu.menuAction() in made.menus["go"].actions()
    assert made["about"].text() == "&About Glossary && Jobs"  # shown as "About Glossary & Jobs"
    handlers = all_handlers()
    del handlers["star"]
    with pytest.raises(KeyError, match="star"):
        actions.build_actions(parent, handlers)


def test_no_two_actions_share_a_shortcut_even_where_quit_is_ctrl_q(
    parent: QWidget, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Linux desktops bind the standard Quit key to Ctrl+Q, as the spec's own "Ctrl+Q" does.
    bindings = QKeySequence.keyBindings

    def desktop(key: QKeySequence.StandardKey) -> list[QKeySequence]:
        return [QKeySequence("Ctrl+Q")] if key == QKeySequence.StandardKey.Quit else bindings(key)

    monkeypatch.setattr(QKeySequence, "keyBindings", desktop)
    made = actions.build_actions(parent, all_handlers())
    assert [s.toString() for s in made["quit"].shortcuts()] == ["Ctrl+Q"]
    owners: dict[str, list[str]] = {}
    for action_id, action in made.by_id.items():
        for sequence in action.shortcuts():
            owners.setdefault(sequence.toString(), []).append(action_id)
    assert {key: ids for key, ids in owners.items() if len(ids) > 1} == {}


def test_the_guard_sees_work_left_running(qtbot: QtBot, runner: TaskRunner) -> None:
    # A positive control for the autouse guard in tests/conftest.py.
    gate = threading.Event()
    runner.write(Task(gate.wait, 10))
    assert running_work([runner]) == ["a TaskRunner's write pool"]
    gate.set()
    runner.wait()
    assert running_work([runner]) == []


def test_the_gui_package_has_no_import_cycle() -> None:
    graph = grimp.build_graph("desktop_app")
    gui = {m for m in graph.modules if m.startswith("desktop_app.gui.")}
    edges = {m: graph.find_modules_directly_imported_by(m) & gui for m in gui}
    cycles = []
    for start in sorted(gui):
        # A module is on a cycle when it can reach itself.
        seen, stack = set(), list(edges[start])
        while stack:
            module = stack.pop()
            if module == start:
                cycles.append(start)
                break
            if module not in seen:
                seen.add(module)
                stack.extend(edges[module])
    assert cycles == []
    assert "desktop_app.gui.main_window" not in graph.find_upstream_modules("desktop_app.gui.user_data")
