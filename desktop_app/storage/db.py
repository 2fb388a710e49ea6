"""Opening the database: SQLite pragmas, migrations when behind (after a backup), backups."""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event

HEAD_REVISION = "0015"
BUSY_TIMEOUT_MS = 5000
KEEP_BACKUPS = 10
STALE_PART_S = 3600  # a partial backup this old was left by a process that died
BACKUP_STEP_PAGES = 16_384  # pages copied between two looks at a cancel (64 MB of 4 kB pages)


class StorageError(RuntimeError):
    """The database cannot be opened or used; the message says why, for a person."""


BUSY_MESSAGE = (
    "the library is busy: another window or command kept it locked for writing longer than "
    f"{BUSY_TIMEOUT_MS // 1000} s, so this change was not made; try again when it has finished"
)


def is_damage(exc: BaseException) -> bool:
    """True when ``exc`` (or the driver error inside it) says the database file is damaged."""
    inner = getattr(exc, "orig", None) or exc
    text = str(inner).lower()
    return isinstance(inner, sqlite3.DatabaseError) and ("malformed" in text or "not a database" in text)


def is_busy(exc: BaseException) -> bool:
    """True when ``exc`` (or the driver error inside it) is SQLite's "database is locked" or "busy"."""
    inner = getattr(exc, "orig", None) or exc
    text = str(inner).lower()
    return isinstance(inner, sqlite3.OperationalError) and ("locked" in text or "busy" in text)


def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = NORMAL")
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.close()


def make_engine(path: Path) -> Engine:
    """Return an engine on the SQLite file at ``path`` in WAL mode with a busy timeout."""
    engine = create_engine(f"sqlite:///{path}", connect_args={"check_same_thread": False})
    event.listen(engine, "connect", _on_connect)
    return engine


def current_revision(path: Path) -> str | None:
    """Return the migration revision the file is at, or None for a new or empty file."""
    if not path.exists() or path.stat().st_size == 0:
        return None
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5) as conn:
            row = conn.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name='alembic_version'"
            ).fetchone()
            if row is None:
                return None
            version = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError as exc:
        raise StorageError(f"the database file {path.name} is damaged or not a database: {exc}") from exc
    return str(version[0]) if version else None


class BackupCancelledError(Exception):
    """A backup was stopped before it was whole: nothing of it is left."""


def backup(
    path: Path,
    backups_dir: Path,
    reason: str,
    keep: int = KEEP_BACKUPS,
    cancelled: Callable[[], bool] = lambda: False,
) -> Path:
    """Copy the database (consistently, through SQLite's backup API) into ``backups_dir``.

    Returns the copy's path. Keeps the newest ``keep`` copies of each reason. The copy is
    written under a ``.part`` name and renamed when whole, so a process killed part-way never
    leaves a damaged file that looks like a backup. It is made ``BACKUP_STEP_PAGES`` at a
    time inside one read transaction, asking ``cancelled`` before and between steps
    (BackupCancelledError when it says so).
    """
    backups_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = backups_dir / f"{path.stem}-{stamp}-{reason}.sqlite3"
    partial = target.with_name(f"{target.name}.{os.getpid()}.part")
    for old in backups_dir.glob(f"{path.stem}-*.part"):
        if time.time() - old.stat().st_mtime > STALE_PART_S:
            old.unlink(missing_ok=True)
    if cancelled():
        raise BackupCancelledError(f"the {reason} backup was stopped")
    try:
        source = sqlite3.connect(path, timeout=5, isolation_level=None)
        copy = sqlite3.connect(partial)

        def step(_status: int, _remaining: int, _total: int) -> None:
            if cancelled():
                raise BackupCancelledError(f"the {reason} backup was stopped")

        try:
            # One read transaction across the steps: the copy is of one moment, and a write
            # meanwhile (the window's, another process's) does not start it over from page 0.
            source.execute("BEGIN")
            source.execute("SELECT count(*) FROM sqlite_master").fetchone()
            source.backup(copy, pages=BACKUP_STEP_PAGES, progress=step)
            source.execute("COMMIT")
        finally:
            copy.close()
            source.close()
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    copy_count = sorted(backups_dir.glob(f"{path.stem}-*-{reason}.sqlite3"))
    for old in copy_count[:-keep]:
        old.unlink(missing_ok=True)
    return target


DAILY_KEEP = 7
DAILY_BUDGET = 2_000_000_000
"""Bytes the daily copies may take together: fewer than ``DAILY_KEEP`` are kept of a large library."""
DAILY_MIN = 2  # copies kept whatever their size: today's and the one before
SPARE = 256_000_000  # free space a copy must leave on the disk


def daily_backup(path: Path, backups_dir: Path, cancelled: Callable[[], bool] = lambda: False) -> Path | None:
    """Back the database up once a day; return the copy made, if any.

    Keeps the newest ``DAILY_KEEP`` copies, or as many as fit in ``DAILY_BUDGET`` together, but
    never fewer than ``DAILY_MIN``: seven copies of a library of a million jobs would take 33 GB.
    The copies that will not be kept go once the new one is whole, or before it is written
    when the disk needs their room. Raises OSError, leaving no part of a copy and every older
    copy, when it cannot be written: when even their room would leave the disk with less than
    ``SPARE`` free, before anything is copied. ``cancelled`` stops it (see ``backup``).
    """
    today = datetime.now().strftime("%Y%m%d")
    if not path.exists() or any(backups_dir.glob(f"{path.stem}-{today}-*-daily.sqlite3")):
        return None
    size = sum(f.stat().st_size for f in (path, path.with_name(f"{path.name}-wal")) if f.exists())
    older = sorted(backups_dir.glob(f"{path.stem}-*-daily.sqlite3"), reverse=True)  # newest first
    total, going = size, []
    for count, copy in enumerate(older, 2):  # the new copy is the first
        total += copy.stat().st_size
        if count > DAILY_KEEP or (count > DAILY_MIN and total > DAILY_BUDGET):
            going.append(copy)
    backups_dir.mkdir(parents=True, exist_ok=True)
    free = shutil.disk_usage(backups_dir).free
    if free < size + SPARE:
        room = sum(copy.stat().st_size for copy in going)
        if free + room < size + SPARE:
            raise OSError(
                errno.ENOSPC,
                f"not enough free space: a copy of the library needs {_megabytes(size)}, "
                f"the disk has {_megabytes(free)} free",
            )
        if cancelled():
            raise BackupCancelledError("the daily backup was stopped")
        _remove(going)  # the room is needed first
    made = backup(path, backups_dir, "daily", keep=DAILY_KEEP, cancelled=cancelled)
    _remove(going)
    return made


def _remove(files: list[Path]) -> None:
    for file in files:
        file.unlink(missing_ok=True)


def _megabytes(size: int) -> str:
    """Return a size as a person reads it: "672 MB", "4.7 GB"."""
    return f"{size / 1e9:.1f} GB" if size >= 1e9 else f"{max(1, round(size / 1e6))} MB"


def newest_good_backup(path: Path, backups_dir: Path) -> Path | None:
    """Return the newest backup of ``path`` that passes SQLite's integrity check, or None."""
    for candidate in sorted(
        backups_dir.glob(f"{path.stem}-*.sqlite3"), key=lambda p: p.name[len(path.stem) :], reverse=True
    ):
        try:
            with sqlite3.connect(f"file:{candidate}?mode=ro", uri=True) as conn:
                if conn.execute("PRAGMA integrity_check").fetchone() == ("ok",):
                    return candidate
        except sqlite3.DatabaseError:
            continue
    return None


def upgrade(engine: Engine, target: str = "head") -> None:
    """Run the Alembic migrations up to ``target`` (default: the newest) on ``engine``."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, target)


def open_database(path: Path, backups_dir: Path) -> tuple[Engine, Path | None]:
    """Open (creating or migrating as needed) the database; return it and any backup made.

    Migrations run only when the file is behind; an existing file is backed up first.
    Raises StorageError when the file is damaged or newer than this version of the app.
    """
    revision = current_revision(path)
    made: Path | None = None
    if revision != HEAD_REVISION:
        if revision is not None and not _known(revision):
            raise StorageError(
                f"the database was written by a newer version of the app (revision {revision})"
            )
        if revision is not None:
            made = backup(path, backups_dir, f"pre-migration-{revision}")
        engine = make_engine(path)
        upgrade(engine)
    else:
        engine = make_engine(path)
    return engine, made


def _known(revision: str) -> bool:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory(str(Path(__file__).parent / "migrations"))
    try:
        return script.get_revision(revision) is not None
    except Exception:  # noqa: BLE001 - any lookup failure means "not one of ours"
        return False


def quick_problems(engine: Engine) -> list[str]:
    """Return what ``PRAGMA quick_check`` reports (empty if sound): a start-up check of every page."""
    with engine.connect() as connection:
        rows = [str(r[0]) for r in connection.exec_driver_sql("PRAGMA quick_check(5)")]
    return [r for r in rows if r != "ok"]


def integrity_problems(engine: Engine) -> list[str]:
    """Return what ``PRAGMA integrity_check`` and ``foreign_key_check`` report (empty if sound)."""
    with engine.connect() as connection:
        rows = [str(r[0]) for r in connection.exec_driver_sql("PRAGMA integrity_check")]
        problems = [r for r in rows if r != "ok"]
        problems += [
            f"foreign key broken in {r[0]} row {r[1]}"
            for r in connection.exec_driver_sql("PRAGMA foreign_key_check")
        ]
    return problems
