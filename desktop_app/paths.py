"""Every on-disk location the app uses, from platformdirs or a chosen data folder."""

from __future__ import annotations

import os
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

APP_NAME = "glossary-jobs"
ENV_HOME = "GLOSSARY_JOBS_HOME"


@dataclass(frozen=True, slots=True)
class AppPaths:
    """The folders and files of one profile: database, index, logs, backups, user glossary."""

    root: Path

    @property
    def database(self) -> Path:
        return self.root / "glossary-jobs.sqlite3"

    @property
    def index_dir(self) -> Path:
        return self.root / "index"

    @property
    def logs_dir(self) -> Path:
        return self.root / "logs"

    @property
    def backups_dir(self) -> Path:
        return self.root / "backups"

    @property
    def user_glossary_dir(self) -> Path:
        return self.root / "glossary"

    @property
    def log_file(self) -> Path:
        return self.logs_dir / "glossary-jobs.log"

    @property
    def window_state_file(self) -> Path:
        return self.root / "window-state.ini"

    @property
    def instance_lock(self) -> Path:
        """The lock file the open window holds (a QLockFile: its first line is the window's PID)."""
        return self.root / "window.lock"

    def ensure(self) -> AppPaths:
        """Create the folders that must exist; return self."""
        for folder in (self.root, self.logs_dir, self.backups_dir):
            folder.mkdir(parents=True, exist_ok=True)
        return self


def app_paths(data_dir: str | os.PathLike[str] | None = None) -> AppPaths:
    """Return the profile's paths: ``data_dir``, else $GLOSSARY_JOBS_HOME, else the user data dir."""
    if data_dir is None:
        data_dir = os.environ.get(ENV_HOME) or None
    if data_dir is None:
        import platformdirs

        data_dir = platformdirs.user_data_dir(APP_NAME, appauthor=False)
    return AppPaths(Path(data_dir).expanduser().resolve())


def _shipped(name: str) -> Path:
    """Return a folder shipped inside the package (a checkout, a wheel or a frozen bundle alike)."""
    # The package is installed as plain files (never zipped), so its Traversable is a real folder.
    return Path(str(resources.files("desktop_app"))) / name


def shipped_data_dir() -> Path:
    """Return the folder of shipped data (``glossary/`` and ``jobs/``)."""
    return _shipped("data")


def shipped_glossary_dir() -> Path:
    """Return the folder of the shipped glossary entries."""
    return shipped_data_dir() / "glossary"


def shipped_jobs_dir() -> Path:
    """Return the folder of the shipped sample jobs."""
    return shipped_data_dir() / "jobs"


def resources_dir() -> Path:
    """Return the folder of icons and themes."""
    return _shipped("resources")
