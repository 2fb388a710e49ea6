"""The profile part: opening the database (damage probe, daily backup), backups and restore."""

from __future__ import annotations

import json
import logging
import shutil
import sqlite3
import threading
from contextlib import suppress
from datetime import date, datetime
from pathlib import Path
from typing import Any, NoReturn

from desktop_app.core.files import write_atomic
from desktop_app.core.processes import lock_holder
from desktop_app.paths import AppPaths
from desktop_app.service.errors import ServiceError, reason
from desktop_app.storage.db import (
    HEAD_REVISION,
    BackupCancelledError,
    StorageError,
    current_revision,
    daily_backup,
    is_damage,
    quick_problems,
)
from desktop_app.storage.db import newest_good_backup as _newest_good_backup
from desktop_app.storage.repository import Store

_log = logging.getLogger(__name__)

BACKUP_NOT_MADE = "today's backup of the library was not made: "


def backup_not_made(why: str) -> str:
    """Return what is said when today's backup could not be made (``why``: the reason)."""
    return f"{BACKUP_NOT_MADE}{why}"


CHECKED_FILE = "database-checked.json"
"""Left by a clean close: the database file as it was then, and the day its pages were last checked."""


class Profile:
    """One profile's database: opened once, shared by every part, written one writer at a time.

    ``write_lock`` is the lock every part holds while it changes the database and the index.
    """

    def __init__(self, paths: AppPaths) -> None:
        self.paths = paths
        self.write_lock = threading.RLock()
        self._store: Store | None = None
        self._checked_on: str | None = None  # the day this database's pages were last found sound
        self.backup_problem: str | None = None  # why the last open made no daily backup, if it failed

    @property
    def store(self) -> Store:
        """The open database; raises ServiceError when the profile is not open."""
        if self._store is None:
            raise ServiceError("the profile is not open")
        return self._store

    @property
    def is_open(self) -> bool:
        """True once ``open`` succeeded and until ``close``."""
        return self._store is not None

    def needs_update(self) -> bool:
        """Whether opening first updates the library's file for this version (after a backup).

        A minute or more at a million jobs, once: the window says so while it waits.
        """
        try:
            revision = current_revision(self.paths.database)
        except (StorageError, OSError):
            return False  # opening says what is wrong with the file
        # Revisions are numbered ("0014"): a newer one is a newer app's file, which opening refuses.
        return revision is not None and revision < HEAD_REVISION

    def open(self, back_up: bool = True) -> Store:
        """Open the database (migrating it if behind, after a backup) and probe it for damage.

        Then makes today's backup (``back_up_daily``) unless ``back_up`` is False: the window
        makes it once the board shows. Raises ServiceError naming the newest good backup when
        the file is damaged.
        """
        self.paths.ensure()
        try:
            self._store = Store(self.paths.database, self.paths.backups_dir)
        except StorageError as exc:
            raise ServiceError(f"{exc}{self._backup_offer()}") from exc
        try:
            # Damage inside the file (its header sound) is found now, not by a search hours later:
            # every page is read (a second at 100,000 jobs, 4.5 s at 1,000,000), once a day, and
            # again whenever the file is not as the last clean close left it (a crash, a copy).
            self._checked_on = _checked_today(self.paths)
            if self._checked_on is None:
                damage = quick_problems(self._store.engine)
                if damage:
                    detail = next((d for d in damage if not d.startswith("***")), damage[0])
                    raise StorageError(f"database disk image is malformed: {detail}")
                self._checked_on = date.today().isoformat()
        except Exception as exc:  # noqa: BLE001 - fail_open re-raises all but damage
            self.fail_open(exc)
        self.backup_problem = self.back_up_daily() if back_up else None
        return self._store

    def back_up_daily(self, cancel: threading.Event | None = None) -> str | None:
        """Make today's backup, unless one is made; return why it could not be, or None.

        A full disk does not keep the library shut: the reason is returned (and logged), and
        the next open tries again. The copy is of one moment (a read transaction), so writes go
        on meanwhile; ``cancel`` stops it, leaving nothing (the next open makes it).
        """
        stop = cancel.is_set if cancel is not None else (lambda: False)
        try:
            daily_backup(self.paths.database, self.paths.backups_dir, cancelled=stop)
        except BackupCancelledError:
            return None
        except (OSError, sqlite3.Error) as exc:
            problem = backup_not_made(reason(exc))
            _log.warning("%s", problem)
            return problem
        return None

    def fail_open(self, exc: BaseException) -> NoReturn:
        """Close the database after a failure while opening; a damaged file becomes ServiceError.

        Re-raises any other error as it is.
        """
        if not is_damage(exc) and not isinstance(exc, StorageError):
            raise exc
        self.close()
        name, offer = self.paths.database.name, self._backup_offer()
        raise ServiceError(f"the database file {name} is damaged: {reason(exc)}{offer}") from exc

    def close(self) -> None:
        """Close the database, noting the file as it is left (the next start on the same day trusts it)."""
        if self._store is not None:
            self._store.close()
            self._store = None
            if self._checked_on is not None:
                _note_clean_close(self.paths, self._checked_on)

    def counts(self) -> tuple[int, int]:
        """Return how many terms and jobs are stored."""
        return self.store.term_count(), self.store.job_count()

    def problems(self) -> list[str]:
        """Return what is wrong with the database file (empty when healthy), with a backup named."""
        try:
            problems = [f"database: {p}" for p in self.store.integrity_problems()]
        except Exception as exc:
            if not is_damage(exc):
                raise
            problems = [f"database: the file is damaged: {reason(exc)}"]
        if problems:
            good = newest_good_backup(self.paths)
            if good is not None:
                problems.append(f"database: the newest good backup is {good}")
        return problems

    def _backup_offer(self) -> str:
        good = newest_good_backup(self.paths)
        return f"; the newest good backup is {good} (the damaged file is left as it is)" if good else ""


def _file_state(database: Path) -> dict[str, Any] | None:
    try:
        found = database.stat()
        wal = database.with_name(database.name + "-wal")
        pending = wal.exists() and wal.stat().st_size > 0
    except OSError:
        return None
    return None if pending else {"size": found.st_size, "mtime_ns": found.st_mtime_ns}


def _checked_today(paths: AppPaths) -> str | None:
    """Return today's date when the pages were checked today and the file is as a clean close left it.

    The record is taken away as it is read: a process that then dies leaves none, so the next
    start checks every page again.
    """
    record_file = paths.root / CHECKED_FILE
    try:
        record = json.loads(record_file.read_text(encoding="utf-8"))
        record_file.unlink()
    except (OSError, ValueError):
        return None
    today = date.today().isoformat()
    state = _file_state(paths.database)
    if not isinstance(record, dict) or record.get("checked") != today or state is None:
        return None
    return today if record.get("file") == state else None


def _note_clean_close(paths: AppPaths, checked_on: str) -> None:
    state = _file_state(paths.database)
    if state is not None:
        with suppress(OSError):  # unwritten, the next start checks every page: slower, never less safe
            write_atomic(paths.root / CHECKED_FILE, json.dumps({"checked": checked_on, "file": state}))


def newest_good_backup(paths: AppPaths) -> Path | None:
    """Return the newest backup of the profile's database that passes an integrity check."""
    return _newest_good_backup(paths.database, paths.backups_dir)


def window_process(paths: AppPaths) -> int | None:
    """Return the process id of another live window holding the profile's lock, or None."""
    return lock_holder(paths.instance_lock)


def restore_backup(paths: AppPaths, backup_file: Path) -> Path:
    """Put a backup in place of the profile's database; return where the old file was kept.

    The replaced file is renamed, never deleted, so nothing is lost if the choice was wrong.
    Refused while a window (another process) has the profile open: it would go on writing to
    the file set aside.
    """
    holder = window_process(paths)
    if holder is not None:
        raise ServiceError(
            f"the window is open on this profile (process {holder}); close it, then restore the backup"
        )
    aside = paths.database.with_name(f"{paths.database.name}.damaged-{datetime.now():%Y%m%d-%H%M%S}")
    try:
        if paths.database.exists():
            paths.database.replace(aside)
        for extra in ("-wal", "-shm"):
            sidecar = paths.database.with_name(paths.database.name + extra)
            if sidecar.exists():
                sidecar.replace(aside.with_name(aside.name + extra))
        shutil.copy2(backup_file, paths.database)
    except OSError as exc:
        raise ServiceError(f"the backup could not be restored: {exc.strerror or exc}") from exc
    return aside
