"""An import killed or failing part-way leaves the database as it was; a half-done index is rebuilt."""

from __future__ import annotations

import errno
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from bench.generate import write
from desktop_app import cli
from desktop_app.importers import parse_file
from desktop_app.paths import AppPaths
from desktop_app.search import index, whoosh_raw
from desktop_app.service import Service, ServiceError
from desktop_app.storage import upserting

ROOT = Path(__file__).resolve().parent.parent

CHILD = """
import os, signal, sys
from desktop_app.paths import app_paths
from desktop_app.service import Service
import desktop_app.{module} as target

calls = 0
original = target.{name}

def dying(*args, **kwargs):
    global calls
    calls += 1
    if calls == {after}:
        os.kill(os.getpid(), signal.SIGKILL)
    return original(*args, **kwargs)

setattr(target, "{name}", dying)
service = Service(app_paths(sys.argv[1]))
service.open()
service.jobs.import_files([__import__("pathlib").Path(sys.argv[2])])
print("finished without being killed")
"""


def kill_import(profile: AppPaths, source: Path, module: str, name: str, after: int) -> None:
    code = CHILD.format(module=module, name=name, after=after)
    result = subprocess.run(
        [sys.executable, "-c", code, str(profile.root), str(source)],
        capture_output=True, text=True, cwd=ROOT, timeout=300,
    )  # fmt: skip
    assert result.returncode == -9, result.stdout + result.stderr


def db_state(profile: AppPaths) -> tuple[object, ...]:
    with sqlite3.connect(profile.database) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        jobs = conn.execute("SELECT count(*), group_concat(id) FROM jobs").fetchone()
        meta = conn.execute("SELECT value FROM meta WHERE key = 'generation'").fetchone()
    return (*jobs, meta)


def test_killed_while_storing_leaves_the_database_unchanged(profile: AppPaths, tmp_path: Path) -> None:
    source = write(600, tmp_path / "jobs.jsonld")
    before = db_state(profile)
    kill_import(profile, source, "storage.upserting", "job_values", after=300)
    assert db_state(profile) == before
    service = Service(profile)
    service.open()
    try:
        assert service.indexing.state() == "ok"
        assert service.profile.counts()[1] == 6
    finally:
        service.close()


def test_killed_while_indexing_keeps_the_jobs_and_rebuilds_the_index(
    profile: AppPaths, tmp_path: Path
) -> None:
    source = write(600, tmp_path / "jobs.jsonld")
    kill_import(profile, source, "search.whoosh_index", "job_document", after=300)  # where it is called
    service = Service(profile)
    service.open()
    try:
        assert service.profile.counts()[1] == 606  # the store had committed
        assert service.indexing.state() == "stale"
        service.indexing.ensure()
        assert service.search.query("kubernetes", kind="job").total > 0
    finally:
        service.close()


def test_a_full_disk_part_way_is_a_clear_error_and_stores_nothing(
    service: Service, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = write(50, tmp_path / "jobs.jsonld")
    before = db_state(service.paths)
    calls = {"n": 0}
    original = upserting.job_values  # type: ignore[attr-defined]

    def filling(*args: object, **kwargs: object) -> object:
        calls["n"] += 1
        if calls["n"] == 25:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return original(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(upserting, "job_values", filling)
    with pytest.raises(ServiceError, match="nothing was stored: No space left on device"):
        service.jobs.import_files([source])
    assert db_state(service.paths) == before
    assert service.indexing.state() == "ok"


def test_an_index_helper_that_fails_leaves_the_jobs_stored_and_says_so_in_words(
    service: Service, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def failing(*args: object, **kwargs: object) -> None:
        raise whoosh_raw.HelperFailedError("an index helper process ended without writing its part")

    source = write(30, tmp_path / "jobs.jsonld")
    with monkeypatch.context() as patched:
        patched.setattr(index.Batch, "add", failing)
        with pytest.raises(ServiceError) as raised:
            service.jobs.import_files([source])
        message = str(raised.value)
        assert message.startswith("the jobs were stored, but the search index could not be written")
        assert "helper process ended" in message and "next start, or run reindex" in message
        assert service.profile.store.job_count() >= 36 and service.indexing.state() == "stale"
        # The command line says the same, in one line, with no traceback.
        again = write(5, tmp_path / "more.jsonld", seed=2)
        status = cli.run(cli.parse_args(["--data-dir", str(service.paths.root), "import", str(again)]))
        err = capsys.readouterr().err
        assert status == 1 and err.count("\n") == 1 and "could not be written" in err, err
    assert service.indexing.ensure() == "stale"  # caught up at the next start
    title = parse_file(source).jobs[0].title
    assert service.search.query(f'"{title}"', kind="job").hits[0].title == title
