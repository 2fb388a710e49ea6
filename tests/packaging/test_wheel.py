"""The wheel, installed (not editable) into a fresh virtual environment, runs on its shipped data.

Slow by nature (a build, a virtual environment, an install): the dependencies are taken from the
project's environment rather than installed again. Marked ``packaging``; ``pytest -m "not
packaging"`` leaves it out.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from desktop_app import __version__

pytestmark = [pytest.mark.packaging, pytest.mark.timeout(900)]

ROOT = Path(__file__).resolve().parents[2]
# What a wheel is built from: the project file, the readme it names, and the package.
SOURCES = ("pyproject.toml", "README.md", "desktop_app")


@dataclass(frozen=True)
class Installed:
    """A virtual environment with the wheel installed, and a folder outside the checkout."""

    venv: Path
    work: Path
    wheel: Path

    def run(self, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
        """Run the installed ``glossary-jobs`` from outside the checkout."""
        return subprocess.run(
            [str(self.venv / "bin" / "glossary-jobs"), *args],
            capture_output=True, text=True, cwd=self.work, env=env or _clean_env(), timeout=180,
        )  # fmt: skip


def _clean_env() -> dict[str, str]:
    """Return the environment without anything that would put the checkout on the import path."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
    env.update(PIP_DISABLE_PIP_VERSION_CHECK="1", PIP_NO_INPUT="1", QT_QPA_PLATFORM="offscreen")
    return env


def _check(command: list[str], cwd: Path) -> None:
    result = subprocess.run(command, capture_output=True, text=True, cwd=cwd, env=_clean_env(), timeout=600)
    assert result.returncode == 0, f"{' '.join(command)} failed:\n{result.stdout}\n{result.stderr}"


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Installed]:
    work = tmp_path_factory.mktemp("wheel")
    # Build from a copy of the sources, so the build leaves nothing in the checkout and picks
    # up no stale build folder.
    source = work / "source"
    source.mkdir()
    for name in SOURCES:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, source / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(ROOT / name, source / name)
    _check([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(work), str(source)], work)
    (wheel,) = work.glob("glossary_jobs-*.whl")
    venv = work / "venv"
    _check([sys.executable, "-m", "venv", "--without-pip", str(venv)], work)  # this pip installs into it
    # The dependencies are the project environment's, seen through a path file (whose own path
    # files, the editable checkout's among them, are not read): pip finds each requirement
    # already met, offline, and installs only the wheel. Copying Qt again cost half a minute.
    venv_site = Path(sysconfig.get_path("purelib", vars={"base": str(venv), "platbase": str(venv)}))
    project_site = sysconfig.get_path("purelib")
    (venv_site / "project-dependencies.pth").write_text(project_site + "\n", encoding="utf-8")
    pip = [sys.executable, "-m", "pip", "--python", str(venv / "bin" / "python")]
    _check([*pip, "install", "--quiet", "--no-index", str(wheel)], work)
    shutil.rmtree(source)  # from here on only the installed copy exists
    yield Installed(venv, work, wheel)
    shutil.rmtree(work, ignore_errors=True)  # a Qt install is large: pytest keeps its last runs


def test_the_wheel_is_named_for_this_version_and_runs_anywhere(installed: Installed) -> None:
    assert installed.wheel.name == f"glossary_jobs-{__version__}-py3-none-any.whl"
    result = installed.run("--version")
    assert result.returncode == 0 and __version__ in result.stdout


def test_installed_app_passes_its_self_test_offscreen(installed: Installed) -> None:
    result = installed.run("--data-dir", str(installed.work / "window-profile"), "--self-test")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "self-test passed" in result.stdout


def test_installed_app_finds_its_shipped_glossary_and_jobs(installed: Installed) -> None:
    profile = str(installed.work / "cli-profile")
    result = installed.run("--data-dir", profile, "search", "flask", "--json")
    assert result.returncode == 0, result.stderr
    hits = json.loads(result.stdout)["hits"]
    assert hits[0]["kind"] == "term" and hits[0]["id"] == "flask"

    term = json.loads(installed.run("--data-dir", profile, "show", "flask", "--json").stdout)
    assert "WSGI" in [related["title"] for related in term["related"]]

    query = 'company:"tustin recruiting"'
    jobs = json.loads(installed.run("--data-dir", profile, "search", query, "--kind", "job", "--json").stdout)
    assert jobs["total"] == 6  # the sample listings shipped in the package
    assert "Mobile App Developer" in [hit["title"] for hit in jobs["hits"]]


def test_the_data_comes_from_the_installed_package_not_the_checkout(installed: Installed) -> None:
    code = "from desktop_app import paths; print(paths.shipped_glossary_dir()); print(paths.resources_dir())"
    result = subprocess.run(
        [str(installed.venv / "bin" / "python"), "-c", code],
        capture_output=True, text=True, cwd=installed.work, env=_clean_env(), timeout=60,
    )  # fmt: skip
    glossary, resources = (Path(line) for line in result.stdout.split())
    assert installed.venv in glossary.parents and installed.venv in resources.parents
    assert len(list(glossary.glob("*.toml"))) == len(
        list((ROOT / "desktop_app/data/glossary").glob("*.toml"))
    )
    assert (resources / "icons" / "hicolor" / "48x48" / "apps" / "glossary-jobs.png").is_file()
