"""Damaged files at start: the index is rebuilt with a message; a damaged database is named, kept as it is."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from desktop_app import cli
from desktop_app.paths import AppPaths
from desktop_app.search import index
from desktop_app.service import Service, ServiceError
from desktop_app.storage import db

DAMAGES = ["garbage segment", "truncated segment", "missing folder", "another schema version"]
SAID = {
    "garbage segment": "the search index was damaged: rebuilt it.",
    "truncated segment": "the search index was damaged: rebuilt it.",
    "missing folder": "the search index was missing: rebuilt it.",
    "another schema version": "the search index was built by another version: rebuilt it.",
}


def damage_index(profile: AppPaths, damage: str) -> None:
    segments = [p for p in profile.index_dir.iterdir() if p.suffix in (".seg", ".trm", ".pst", ".fdt")]
    if damage == "missing folder":
        shutil.rmtree(profile.index_dir)
    elif damage == "another schema version":
        stamp = profile.index_dir / index.STAMP_FILE
        data = json.loads(stamp.read_text())
        stamp.write_text(json.dumps({**data, "schema": data["schema"] + 1}))
    else:
        for segment in segments:
            data = segment.read_bytes()
            segment.write_bytes(b"\xffjunk" * 64 if damage == "garbage segment" else data[: len(data) // 2])


@pytest.mark.parametrize("damage", DAMAGES)
def test_the_command_line_rebuilds_a_broken_index_and_says_so(
    profile: AppPaths, damage: str, capsys: pytest.CaptureFixture[str]
) -> None:
    damage_index(profile, damage)
    status = cli.run(cli.parse_args(["--data-dir", str(profile.root), "search", "flask", "--json"]))
    captured = capsys.readouterr()
    assert status == 0
    assert SAID[damage] in captured.err
    assert json.loads(captured.out)["hits"][0]["id"] == "flask"


def damage_inside(database: Path) -> bytes:
    """Overwrite pages in the middle of the file, its header left sound; return the damaged bytes."""
    with sqlite3.connect(database) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(database.read_bytes())
    middle = len(data) // 2 // 4096 * 4096
    data[middle : middle + 4 * 4096] = b"\xab" * (4 * 4096)
    database.write_bytes(bytes(data))
    return bytes(data)


def test_damage_inside_the_database_is_found_at_start_and_the_file_kept(
    profile: AppPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    good = db.backup(profile.database, profile.backups_dir, "daily")
    backups = sorted(profile.backups_dir.glob("*.sqlite3"))
    damaged = damage_inside(profile.database)
    service = Service(profile)
    with pytest.raises(ServiceError, match="is damaged") as raised:
        service.open()
    assert str(good) in str(raised.value)  # the newest good backup is offered
    status = cli.run(cli.parse_args(["--data-dir", str(profile.root), "search", "flask"]))
    err = capsys.readouterr().err
    assert status == 1 and err.count("\n") == 1 and "damaged" in err and good.name in err
    assert profile.database.read_bytes() == damaged  # nothing was written over it
    assert sorted(profile.backups_dir.glob("*.sqlite3")) == backups  # and no damaged copy became a backup


def test_a_backup_cut_short_is_not_left_looking_like_a_backup(
    profile: AppPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    class Dying(sqlite3.Connection):
        def backup(self, *args: object, **kwargs: object) -> None:
            raise OSError("the disk went away")

    before = sorted(profile.backups_dir.iterdir())
    connect = sqlite3.connect
    monkeypatch.setattr(sqlite3, "connect", lambda *a, **k: connect(*a, factory=Dying, **k))
    with pytest.raises(OSError):
        db.backup(profile.database, profile.backups_dir, "pre-migration-0004")
    monkeypatch.undo()
    assert sorted(profile.backups_dir.iterdir()) == before


def _counting_checks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    from sqlalchemy import Engine

    from desktop_app.service import profile as profile_part

    calls: list[int] = []

    def counted(engine: Engine) -> list[str]:
        calls.append(1)
        return db.quick_problems(engine)

    monkeypatch.setattr(profile_part, "quick_problems", counted)
    return calls


def _open_and_close(profile: AppPaths) -> None:
    service = Service(profile)
    service.open()
    service.close()


def test_every_page_is_read_once_a_day_while_the_file_stays_as_it_was_left(
    profile: AppPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Reading every page costs a second at 100,000 jobs and 4.5 s at 1,000,000, at each start.
    (profile.root / "database-checked.json").unlink(missing_ok=True)
    checks = _counting_checks(monkeypatch)
    for _ in range(3):
        _open_and_close(profile)
    assert len(checks) == 1


def test_a_crash_a_change_or_a_new_day_since_the_last_close_means_every_page_is_read(
    profile: AppPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop_app.service import profile as profile_part

    record = profile.root / profile_part.CHECKED_FILE
    record.unlink(missing_ok=True)
    checks = _counting_checks(monkeypatch)
    _open_and_close(profile)
    crashed = Service(profile)
    crashed.open()  # trusts the clean close before it; then is never closed, as when killed
    assert len(checks) == 1
    _open_and_close(profile)
    assert len(checks) == 2

    stale = json.loads(record.read_text())
    record.write_text(json.dumps({**stale, "checked": "2001-01-01"}))
    _open_and_close(profile)
    assert len(checks) == 3

    damage_inside(profile.database)  # the same size, written after the clean close
    with pytest.raises(ServiceError, match="is damaged"):
        Service(profile).open()
    assert len(checks) == 4
