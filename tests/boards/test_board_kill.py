"""A board fetch killed with SIGKILL while storing leaves the board as it was or as the fetch made it."""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import select

from bench.board_fetch import board, serve
from desktop_app.boards.http import ENV_BASE
from desktop_app.paths import app_paths
from desktop_app.service import Service
from desktop_app.storage.models import BoardPostingRow
from desktop_app.storage.repository import Store

ROOT = Path(__file__).resolve().parent.parent.parent
KILLS = int(os.environ.get("BOARD_KILLS", "5"))


def snapshots() -> tuple[bytes, bytes, set[str], set[str]]:
    """Two answers of one board: the second drops 60 jobs and adds 60 others."""
    first = json.loads(board(300))
    second = json.loads(board(360))
    second["jobs"] = second["jobs"][60:]
    titles = [{j["title"] for j in data["jobs"]} for data in (first, second)]
    return json.dumps(first).encode(), json.dumps(second).encode(), titles[0], titles[1]


def open_titles(root: Path) -> set[str]:
    """The titles of the jobs the board lists now, read straight from the database."""
    paths = app_paths(root)
    store = Store(paths.database, paths.backups_dir)
    try:
        assert store.integrity_problems() == []
        with store.session() as s:
            rows = s.scalars(select(BoardPostingRow).where(BoardPostingRow.closed_at.is_(None)))
            ids = [r.job_id for r in rows]
        jobs = store.jobs(ids)
        assert set(jobs) == set(ids), "a posting the board lists has no job"
        return {job.title for job in jobs.values()}
    finally:
        store.close()


def test_a_killed_fetch_leaves_the_board_whole(built_profile: Path, tmp_path: Path) -> None:
    first, second, titles_a, titles_b = snapshots()
    server = serve(first, second)
    root = tmp_path / "profile"
    shutil.copytree(built_profile, root)
    service = Service(app_paths(root))
    service.open()
    service.boards.add("greenhouse:benchco")
    service.close()
    env = {**os.environ, ENV_BASE: f"http://127.0.0.1:{server.server_address[1]}"}
    rng = random.Random(7)
    seen: set[str] = set()
    fetched_total = 0
    try:
        for _kill in range(KILLS):
            child = subprocess.Popen(
                [sys.executable, "-m", "tests.boards.fetch_child", str(root)],
                cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
            )  # fmt: skip
            assert child.stdout is not None
            assert child.stdout.readline().strip() == "ready"
            # One whole fetch first (the board then holds a snapshot), timed; the kill lands at
            # a random point of the next one, whatever the machine's speed.
            started = time.monotonic()
            assert child.stdout.readline().strip() == "fetched"
            fetched_total += 1
            time.sleep(rng.uniform(0.0, 1.2) * (time.monotonic() - started))
            child.send_signal(signal.SIGKILL)
            out, _ = child.communicate(timeout=30)
            fetched_total += out.count("fetched")
            assert "failed" not in out
            titles = open_titles(root)
            assert titles in ({frozenset()} and (set(), titles_a, titles_b)), "a board half stored"
            seen.add("a" if titles == titles_a else "b" if titles == titles_b else "none")
    finally:
        server.shutdown()
    service = Service(app_paths(root))
    service.open()
    service.indexing.ensure()
    assert service.indexing.state() == "ok"
    shown = open_titles(root)
    found = service.search.query("engineer", kind="job", limit=1000).hits
    assert shown <= {h.title for h in found}  # whatever the board holds, the index finds
    service.close()
    assert fetched_total > 0, "no fetch was ever stored: the test killed nothing that mattered"
