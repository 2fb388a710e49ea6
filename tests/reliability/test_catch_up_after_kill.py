"""An import killed between its database commit and its index commit costs a catch-up, not a rebuild."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from bench.generate import write
from desktop_app.paths import app_paths
from desktop_app.search.index import read_stamp
from desktop_app.service import Service
from tests.reliability.harness import ROOT, group_members

DEADLINE_S = 240.0


def generation(database: Path) -> int:
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=5) as conn:
        row = conn.execute("SELECT value FROM meta WHERE key = 'generation'").fetchone()
    return int(row[0]) if row else 0


def test_an_import_killed_before_its_index_commit_leaves_an_index_that_catches_up(
    built_profile: Path, tmp_path: Path
) -> None:
    root = tmp_path / "profile"
    shutil.copytree(built_profile, root)
    paths = app_paths(root)
    service = Service(paths)
    service.open()
    service.jobs.import_files([write(1500, tmp_path / "base.jsonld", seed=1)])  # what a rebuild would redo
    service.close()
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.reliability.child", "import", str(root), "5"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, start_new_session=True,
    )  # fmt: skip
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == '["ready"]'
        folder = os.stat(paths.index_dir).st_ino
        deadline = time.monotonic() + DEADLINE_S
        # Kill the moment the database holds an import the index does not yet reflect.
        while True:
            assert child.poll() is None, "the import child ended on its own"
            assert time.monotonic() < deadline, "never caught the child between its two commits"
            stored = generation(paths.database)
            if stored > read_stamp(paths.index_dir).get("generation", stored):
                os.kill(child.pid, signal.SIGKILL)
                break
            time.sleep(0.002)
    finally:
        child.kill()
        child.wait()
        if group_members(child.pid):
            os.killpg(child.pid, signal.SIGKILL)

    service = Service(paths)
    service.open()
    try:
        assert service.indexing.state() == "stale"
        seen: list[tuple[int, int]] = []
        assert service.indexing.ensure(lambda done, total: seen.append((done, total))) == "stale"
        assert service.indexing.state() == "ok"
        assert os.stat(paths.index_dir).st_ino == folder  # caught up in place: not rebuilt and swapped
        stored_ids = set(service.profile.store.job_versions())
        # Only what the killed import stored was written: one generated file and one fixture.
        assert seen and seen[-1][0] == seen[-1][1] <= 400 < len(stored_ids)
        assert set(service.indexing.job_ids("")) == stored_ids  # every stored job, nothing else
        again = service.indexing.catch_up()
        assert again is not None and (again.written, again.deleted) == (0, 0)  # the ledger agrees
    finally:
        service.close()
