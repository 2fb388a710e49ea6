"""Shared fixtures: throw-away profiles, an opened service, the offscreen Qt platform."""

from __future__ import annotations

import json
import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"  # before any QApplication exists

import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from desktop_app.paths import AppPaths, app_paths, shipped_data_dir
from desktop_app.service import Service

DATA = shipped_data_dir()
SAMPLES = DATA / "jobs" / "sample-jobs.jsonld"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def lever_repost(folder: Path) -> tuple[Path, Path]:
    """April's feed with one posting; May's with the same job reposted under a new id and links."""
    postings = json.loads((FIXTURES / "lever_twins.json").read_text(encoding="utf-8"))
    april = folder / "april.json"
    april.write_text(json.dumps(postings[:1]), encoding="utf-8")
    repost = dict(postings[0], id="5a5a5a5a-0000-4000-8000-000000000001", createdAt=1746057600000)
    repost["hostedUrl"] = "https://jobs.lever.co/voltaic/5a5a5a5a-0000-4000-8000-000000000001"
    repost["applyUrl"] = repost["hostedUrl"] + "/apply"
    may = folder / "may.json"
    may.write_text(json.dumps([repost]), encoding="utf-8")
    return april, may


QT_FIXTURES = frozenset({"qtbot", "qapp", "qtmodeltester"})


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test that needs a QApplication (through qtbot, qapp or qtmodeltester) as ``gui``."""
    for item in items:
        if QT_FIXTURES.intersection(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.gui)


def running_work(runners: list[Any]) -> list[str]:
    """Describe the background work still running: in these TaskRunners' pools, or Qt's global pool."""
    from PySide6.QtCore import QThreadPool
    from shiboken6 import isValid

    busy = []
    if QThreadPool.globalInstance().activeThreadCount():
        busy.append(f"the global QThreadPool ({QThreadPool.globalInstance().activeThreadCount()} threads)")
    for runner in runners:
        if isValid(runner):
            for name, pool in (("write", runner.writes), ("read", runner.reads)):
                if isValid(pool) and pool.activeThreadCount():
                    busy.append(f"a TaskRunner's {name} pool")
    return busy


@pytest.fixture(autouse=True)
def _dangling_background_work(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Fail a test that leaves QThreadPool or TaskRunner work running (napari's _dangling_qthread_pool).

    Work left running outlives its test: it writes into the next test's profile, or emits into
    widgets already deleted.
    """
    tasks = sys.modules.get("desktop_app.gui.tasks")
    if tasks is None:  # a test without Qt
        yield
        return
    runners: list[Any] = []
    init = tasks.TaskRunner.__init__

    def recording_init(self: Any, *args: Any, **kwargs: Any) -> None:
        init(self, *args, **kwargs)
        runners.append(self)

    monkeypatch.setattr(tasks.TaskRunner, "__init__", recording_init)
    yield
    busy = running_work(runners)
    if busy:
        from PySide6.QtCore import QThreadPool

        QThreadPool.globalInstance().waitForDone(30000)
        from shiboken6 import isValid

        for runner in (r for r in runners if isValid(r)):
            runner.wait()
        pytest.fail("the test left background work running: " + ", ".join(busy), pytrace=False)


@pytest.fixture(scope="session")
def built_profile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A profile opened once, with its index built: copied by tests that need a fresh one."""
    root = tmp_path_factory.mktemp("template-profile")
    service = Service(app_paths(root))
    service.open()
    service.indexing.ensure()
    service.close()
    return root


@pytest.fixture
def profile(tmp_path: Path, built_profile: Path) -> AppPaths:
    """A ready profile (glossary, sample jobs, index) of this test's own."""
    root = tmp_path / "profile"
    shutil.copytree(built_profile, root)
    return app_paths(root)


@pytest.fixture
def service(profile: AppPaths) -> Iterator[Service]:
    """An opened service on a ready profile of this test's own."""
    svc = Service(profile)
    svc.open()
    yield svc
    svc.close()


@pytest.fixture(scope="module")
def shared_service(tmp_path_factory: pytest.TempPathFactory, built_profile: Path) -> Iterator[Service]:
    """An opened service that tests of one module share: only for tests that do not write."""
    root = tmp_path_factory.mktemp("shared-profile") / "profile"
    shutil.copytree(built_profile, root)
    svc = Service(app_paths(root))
    svc.open()
    yield svc
    svc.close()
