"""Writers killed with SIGKILL at random points lose nothing: the short kill loop of make test."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desktop_app.paths import AppPaths
from tests.reliability.harness import ROOT, Ledger, group_members, kill_loop, verify

SEED = int(os.environ.get("KILL_SEED", "9"))
# make test: 8 + 7 + 6 = 21 kills. make stress sets KILL_LOOPS (the total) through stress.py.
SHORT = {"edits": 8, "import": 7, "reindex": 6}


@pytest.mark.parametrize("mode", list(SHORT))
def test_killed_writers_lose_nothing(mode: str, built_profile: Path, tmp_path: Path) -> None:
    root = tmp_path / "profile"
    shutil.copytree(built_profile, root)
    figures = kill_loop(mode, root, SHORT[mode], SEED)
    assert figures.lost == []
    assert figures.survived == figures.kills == SHORT[mode]
    assert figures.leftovers == []  # a killed rebuild's half-built folder is cleared at the next start
    # The loop is only a test if the children got work committed before being killed.
    assert figures.writes_confirmed > 0


def test_the_check_after_a_kill_notices_a_lost_write(profile: AppPaths) -> None:
    # A write the child confirmed but the database does not hold must be reported, not missed.
    ledger = Ledger(filters={999: ("never stored", "")}, favourites={"job-nowhere": ("saved", "")})
    ledger.jobs = {"job-missing"}
    lost, _state = verify(profile, ledger)
    assert len(lost) == 3


def test_a_killed_parallel_index_write_leaves_no_helper_running(profile: AppPaths, tmp_path: Path) -> None:
    from bench.generate import write
    from desktop_app.search import index
    from desktop_app.service import Service

    service = Service(profile)
    service.open()
    service.jobs.import_files([write(index.PARALLEL_MIN_DOCS, tmp_path / "many.jsonld")])
    service.close()
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.reliability.child", "reindex", str(profile.root), "1"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 120
        while len(group_members(child.pid)) < 3:  # the child, the forkserver, a helper at work
            assert child.poll() is None and time.monotonic() < deadline, "no parallel write began"
            time.sleep(0.02)
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        deadline = time.monotonic() + 30
        while group_members(child.pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert group_members(child.pid) == []  # the helpers and the forkserver ended with it
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(child.pid, signal.SIGKILL)


def test_a_write_found_committed_after_a_kill_must_survive_the_next(profile: AppPaths) -> None:
    from desktop_app.service import Service

    service = Service(profile)
    service.open()
    job_id = service.profile.store.newest_jobs(1)[0].id
    service.user.star(job_id, "applied", "in flight when killed")
    service.close()
    ledger = Ledger(pending=("favourite", job_id, ["applied", "in flight when killed"]))
    assert verify(profile, ledger)[0] == []  # committed, though never confirmed: not a loss
    ledger.pending = None
    service.open()
    service.user.unstar(job_id)
    service.close()
    assert len(verify(profile, ledger)[0]) == 1  # and from then on, losing it is one
