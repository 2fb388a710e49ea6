"""Daily backups of a large library: kept within a size budget; a full disk never keeps the library shut."""

from __future__ import annotations

import io
import shutil
import sqlite3
import threading
from datetime import datetime, timedelta
from pathlib import Path
from typing import NamedTuple

import pytest

from desktop_app.cli.runner import main as cli_main
from desktop_app.paths import AppPaths
from desktop_app.service import Service
from desktop_app.storage import db


class _Usage(NamedTuple):
    total: int
    used: int
    free: int


def _older_copies(profile: AppPaths, count: int, size: int) -> list[Path]:
    """Daily copies of the days before today, ``size`` bytes each, newest first."""
    made = []
    for day in range(1, count + 1):
        stamp = (datetime.now() - timedelta(days=day)).strftime("%Y%m%d")
        copy = profile.backups_dir / f"{profile.database.stem}-{stamp}-000000-000000-daily.sqlite3"
        copy.write_bytes(b"\0" * size)
        made.append(copy)
    return made


def copies_today(profile: AppPaths, parts: bool = False) -> list[Path]:
    """Today's daily copies (and, with ``parts``, any part of one being written)."""
    return list(profile.backups_dir.glob(f"*-{datetime.now():%Y%m%d}-*-daily.sqlite3{'*' if parts else ''}"))


def no_copy_today(profile: AppPaths) -> None:
    for copy in copies_today(profile):
        copy.unlink()


def disk_with_free(monkeypatch: pytest.MonkeyPatch, free: int) -> None:
    monkeypatch.setattr(shutil, "disk_usage", lambda _path: _Usage(10 * free, 9 * free, free))


def test_a_large_librarys_daily_copies_stay_within_the_budget_newest_kept(
    profile: AppPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    no_copy_today(profile)
    size = profile.database.stat().st_size
    # Room for the new copy and two more: the three oldest of five older copies go first.
    monkeypatch.setattr(db, "DAILY_BUDGET", 3 * size + size // 2)
    older = _older_copies(profile, 5, size)
    made = db.daily_backup(profile.database, profile.backups_dir)
    assert made is not None and made.exists()
    kept = sorted(profile.backups_dir.glob("*-daily.sqlite3"), reverse=True)
    assert kept == [made, *older[:2]]


def test_the_newest_two_are_kept_whatever_their_size(
    profile: AppPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    no_copy_today(profile)
    monkeypatch.setattr(db, "DAILY_BUDGET", 1)
    older = _older_copies(profile, 3, 1000)
    made = db.daily_backup(profile.database, profile.backups_dir)
    assert sorted(profile.backups_dir.glob("*-daily.sqlite3"), reverse=True) == [made, older[0]]


def test_a_copy_the_disk_has_no_room_for_is_refused_before_writing(
    profile: AppPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    no_copy_today(profile)
    disk_with_free(monkeypatch, profile.database.stat().st_size)  # the copy fits, the spare does not
    with pytest.raises(OSError, match=r"not enough free space: a copy of the library needs \d+ MB"):
        db.daily_backup(profile.database, profile.backups_dir)
    assert list(profile.backups_dir.glob("*-daily.sqlite3*")) == []  # no copy, no part of one


def test_a_full_disk_opens_the_library_all_the_same_and_says_so(
    profile: AppPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    no_copy_today(profile)
    disk_with_free(monkeypatch, 1000)
    service = Service(profile)
    report = service.open()
    try:
        assert report.backup_problem is not None
        assert report.backup_problem.startswith("today's backup of the library was not made: not enough free")
        assert service.search.query("flask").total > 0  # the library works
    finally:
        service.close()
    # The command line says it on standard error, and the command itself succeeds.
    out, err = io.StringIO(), io.StringIO()
    assert cli_main(["--data-dir", str(profile.root), "search", "flask"], out, err) == 0
    assert "warning: today's backup of the library was not made: not enough free space" in err.getvalue()
    assert "Flask" in out.getvalue()
    # Once there is room, the next start makes the day's copy.
    monkeypatch.undo()
    service = Service(profile)
    assert service.open().backup_problem is None
    service.close()
    assert len(copies_today(profile)) == 1


def _stepping(monkeypatch: pytest.MonkeyPatch, profile: AppPaths) -> int:
    """Copy a page at a time; return how many pages the library's database has."""
    monkeypatch.setattr(db, "BACKUP_STEP_PAGES", 1)
    with sqlite3.connect(profile.database) as conn:
        pages = int(conn.execute("PRAGMA page_count").fetchone()[0])
    assert pages > 10
    return pages


@pytest.mark.parametrize("how", ["the disk fills", "the window closes"])
def test_a_copy_failing_or_stopped_part_way_leaves_no_part_and_every_older_copy(
    profile: AppPaths, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    no_copy_today(profile)
    pages = _stepping(monkeypatch, profile)
    monkeypatch.setattr(db, "DAILY_BUDGET", 1)  # the older copies would go once the new one is whole
    older = _older_copies(profile, 3, 1000)
    looks: list[int] = []

    def at_the_third_look() -> bool:  # asked before the copy and after each step
        looks.append(1)
        if len(looks) == 3 and how == "the disk fills":
            raise sqlite3.OperationalError("database or disk is full")
        return len(looks) == 3

    failure = sqlite3.OperationalError if how == "the disk fills" else db.BackupCancelledError
    with pytest.raises(failure):
        db.daily_backup(profile.database, profile.backups_dir, cancelled=at_the_third_look)
    assert len(looks) == 3 < pages  # part-way, not once the copy was whole
    assert sorted(profile.backups_dir.glob("*-daily.sqlite3*"), reverse=True) == older


def test_writes_during_the_copy_neither_start_it_over_nor_reach_it(
    profile: AppPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    no_copy_today(profile)
    pages = _stepping(monkeypatch, profile)
    writer = sqlite3.connect(profile.database, timeout=5)
    writer.execute("CREATE TABLE IF NOT EXISTS scratch (n INTEGER)")
    writer.commit()
    steps: list[int] = []

    def a_write_each_step() -> bool:  # as the window's own writes, or another process's
        steps.append(1)
        writer.execute("INSERT INTO scratch VALUES (?)", (len(steps),))
        writer.commit()
        return False

    try:
        made = db.daily_backup(profile.database, profile.backups_dir, cancelled=a_write_each_step)
    finally:
        writer.close()
    assert made is not None
    assert len(steps) <= pages + 2  # started over at each write, it would take a step per page per write
    with sqlite3.connect(made) as copy:
        assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        # The copy is of one moment: the write made at the first look, before it began, and no later one.
        assert copy.execute("SELECT count(*) FROM scratch").fetchone() == (1,)


def test_old_copies_make_room_for_the_new_one_when_the_disk_needs_it(
    profile: AppPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    no_copy_today(profile)
    size = profile.database.stat().st_size
    monkeypatch.setattr(db, "DAILY_BUDGET", 2 * size)
    older = _older_copies(profile, 3, 2 * size)  # the newest stays (two kept); the others may go
    disk_with_free(monkeypatch, db.SPARE + size - 1)  # short by a byte, unless they go first
    made = db.daily_backup(profile.database, profile.backups_dir)
    assert sorted(profile.backups_dir.glob("*-daily.sqlite3"), reverse=True) == [made, older[0]]


def test_the_window_s_way_opens_first_and_backs_up_after(profile: AppPaths) -> None:
    no_copy_today(profile)
    service = Service(profile)
    try:
        assert service.open(back_up=False).backup_problem is None
        assert copies_today(profile) == []
        stop = threading.Event()
        stop.set()  # the window closing while the copy is made
        assert service.profile.back_up_daily(stop) is None
        assert copies_today(profile, parts=True) == []
        assert service.profile.back_up_daily(threading.Event()) is None
        assert len(copies_today(profile)) == 1
    finally:
        service.close()
