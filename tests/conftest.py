"""Shared fixtures: throw-away profiles, an opened service, the offscreen Qt platform."""

from __future__ import annotations

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"  # before any QApplication exists

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop_app.paths import AppPaths, app_paths, shipped_data_dir
from desktop_app.service import Service

DATA = shipped_data_dir()
SAMPLES = DATA / "jobs" / "sample-jobs.jsonld"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def built_profile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A profile opened once, with its index built: copied by tests that need a fresh one."""
    root = tmp_path_factory.mktemp("template-profile")
    service = Service(app_paths(root))
    service.open()
    service.ensure_index()
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
