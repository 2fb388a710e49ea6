"""The kill loop: start a writing child, SIGKILL it at a random point, check that nothing was lost.

After each kill the profile is opened as the next start would open it: the database must pass
SQLite's integrity check, every saved filter, favourite, note and imported job the child
confirmed must be there as confirmed (or, for the one write in flight, as it was or as it was
going to be), and the search index must open or be rebuilt and answer a search.
"""

from __future__ import annotations

import atexit
import json
import os
import random
import select
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop_app.paths import AppPaths, app_paths
from desktop_app.service import Service

ROOT = Path(__file__).resolve().parents[2]
READY_TIMEOUT_S = 120.0
# How long after "ready" a kill may come, per mode: long enough to land inside every phase of
# the work (an import of a few hundred postings, a rebuild of the whole index).
WINDOWS = {"edits": 0.4, "import": 1.5, "reindex": 2.0}


@dataclass
class Ledger:
    """What the children confirmed as committed, and the one write each kill interrupted."""

    filters: dict[int, tuple[str, str]] = field(default_factory=dict)
    favourites: dict[str, tuple[str, str]] = field(default_factory=dict)
    jobs: set[str] = field(default_factory=set)
    pending: tuple[Any, ...] | None = None
    writes: int = 0

    def take(self, line: str) -> None:
        """Record one line of a child's report."""
        fields = json.loads(line)
        if fields[0] == "begin":
            self.pending = tuple(fields[1:])
            return
        if fields[0] != "done":
            return
        self.pending = None
        self.writes += 1
        kind = fields[1]
        if kind == "filter":
            self.filters[int(fields[2])] = (fields[3][0], fields[3][1])
        elif kind == "favourite":
            self.favourites[fields[2]] = (fields[3][0], fields[3][1])
        elif kind == "jobs":
            self.jobs.update(fields[3])


@dataclass
class Figures:
    """What a kill loop did and found."""

    mode: str
    kills: int = 0
    survived: int = 0
    writes_confirmed: int = 0
    lost: list[str] = field(default_factory=list)
    index_rebuilt: int = 0
    early_kills: int = 0
    helpers_outlived: int = 0
    leftovers: list[str] = field(default_factory=list)


class _Zygote:
    """The process forking this run's children (``tests.reliability.zygote``), started at the first kill."""

    proc: subprocess.Popen[str] | None = None

    @classmethod
    def spawn(cls, *request: str) -> int:
        """Start a child for ``request`` (mode, profile, seed, report files); return its process id."""
        if cls.proc is None or cls.proc.poll() is not None:
            cls.proc = subprocess.Popen(
                [sys.executable, "-m", "tests.reliability.zygote"],
                cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
            )  # fmt: skip
            atexit.register(cls.proc.communicate, "", 30)  # its input closes: it ends
        assert cls.proc.stdin is not None and cls.proc.stdout is not None
        cls.proc.stdin.write(json.dumps(request) + "\n")
        cls.proc.stdin.flush()
        return int(cls.proc.stdout.readline())


def _ended(handle: int, timeout: float) -> bool:
    """Return whether the process behind a pidfd has ended, waiting up to ``timeout`` seconds."""
    return bool(select.select([handle], [], [], timeout)[0])


def _wait_ready(report: Path, handle: int) -> None:
    """Wait until the child says "ready" (or ends, or the time is up)."""
    deadline = time.monotonic() + READY_TIMEOUT_S
    while time.monotonic() < deadline and not _ended(handle, 0.005):
        if '["ready"' in report.read_text(encoding="utf-8"):
            return


def kill_once(mode: str, paths: AppPaths, rng: random.Random, ledger: Ledger) -> tuple[bool, bool, str]:
    """Start a child, kill it at a random point, fold its report into ``ledger``.

    Returns whether the kill came before the child was ready, whether helper processes of the
    child outlived it (they are killed then), and the child's standard error.
    """
    early = rng.random() < 0.15  # some kills land in start-up: migration check, backup, glossary
    child_seed = rng.randrange(1, 1_000_000)
    report, errors = paths.root.parent / f"{mode}-child.out", paths.root.parent / f"{mode}-child.err"
    for made in (report, errors):  # there before the child starts, so the polling below can read them
        made.write_bytes(b"")
    pid = _Zygote.spawn(mode, str(paths.root), str(child_seed), str(report), str(errors))
    handle = os.pidfd_open(pid)  # the zygote does not reap its children until they end
    try:
        if early:
            time.sleep(rng.uniform(0.0, 0.05))  # forked, the child opens the profile at once
        else:
            _wait_ready(report, handle)
            time.sleep(rng.uniform(0.0, WINDOWS[mode]))
        if _ended(handle, 0):
            raise AssertionError(f"the {mode} child ended on its own:\n{errors.read_text(encoding='utf-8')}")
        # The process only, as the OOM killer or a power cut would.
        signal.pidfd_send_signal(handle, signal.SIGKILL)
        assert _ended(handle, READY_TIMEOUT_S), f"the {mode} child outlived SIGKILL"
    finally:
        os.close(handle)
    orphaned = _helpers_left(pid)
    for line in report.read_text(encoding="utf-8").splitlines(keepends=True):
        if line.endswith("\n"):  # a line cut short by the kill was never confirmed
            ledger.take(line)
    return early, orphaned, errors.read_text(encoding="utf-8")


def group_members(group: int) -> list[int]:
    """Return the live processes (not zombies) of a process group, read from /proc."""
    members = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if fields[0] != "Z" and int(fields[2]) == group:
            members.append(int(stat.parent.name))
    return members


def _helpers_left(group: int, grace_s: float = 10.0) -> bool:
    """Wait a moment for a killed child's helpers to end; kill any left; return whether any were."""
    deadline = time.monotonic() + grace_s
    while group_members(group):
        if time.monotonic() > deadline:
            os.killpg(group, signal.SIGKILL)
            return True
        time.sleep(0.05)
    return False


def verify(paths: AppPaths, ledger: Ledger) -> tuple[list[str], str]:
    """Open the profile as the next start would; return what was lost and the index state found."""
    lost: list[str] = []
    with sqlite3.connect(paths.database) as conn:
        verdict = conn.execute("PRAGMA integrity_check").fetchall()
    if verdict != [("ok",)]:
        return [f"database integrity: {verdict}"], "?"
    for backup in paths.backups_dir.glob("*.sqlite3"):
        with sqlite3.connect(f"file:{backup}?mode=ro", uri=True) as conn:
            if conn.execute("PRAGMA integrity_check").fetchall() != [("ok",)]:
                lost.append(f"backup {backup.name} is damaged")
    service = Service(paths)
    try:
        service.open()
        state = service.indexing.ensure()
        if service.indexing.state() != "ok" or service.search.query("flask").hits[0].id != "flask":
            lost.append(f"index: {service.indexing.state()} after ensure_index")
        pending = ledger.pending or ()
        filters = {f.id: (f.name, f.query) for f in service.user.saved_filters()}
        for filter_id, expected in ledger.filters.items():
            found = filters.get(filter_id)
            in_flight = pending[:2] == ("filter", filter_id) and found == tuple(pending[2])
            if in_flight and found is not None:
                ledger.filters[filter_id] = found  # it committed: from now on it must survive too
            elif found != expected:
                lost.append(f"saved filter {filter_id}: expected {expected}, found {found}")
        favourites = {f.job_id: (f.status, f.note) for f in service.user.favourites()}
        wanted = dict(ledger.favourites)
        if pending[:1] == ("favourite",):
            wanted.setdefault(pending[1], None)  # type: ignore[arg-type]  # a first star, in flight
        for job_id, want in wanted.items():
            got = favourites.get(job_id)
            in_flight = pending[:2] == ("favourite", job_id) and got == tuple(pending[2])
            if in_flight and got is not None:
                ledger.favourites[job_id] = got  # it committed: from now on it must survive too
            elif got != want:
                lost.append(f"favourite {job_id}: expected {want!r:.60}, found {got!r:.60}")
        stored = set(service.profile.store.jobs(ledger.jobs)) if ledger.jobs else set()
        lost += [f"imported job {job_id} is gone" for job_id in sorted(ledger.jobs - stored)]
    finally:
        service.close()
    return lost, state


def leftovers(paths: AppPaths) -> list[str]:
    """Return the half-built or retired index folders a killed rebuild left beside the index."""
    parent = paths.index_dir.parent
    return sorted(p.name for p in parent.glob(f".{paths.index_dir.name}-*"))


def kill_loop(mode: str, root: Path, kills: int, seed: int) -> Figures:
    """Kill a ``mode`` child ``kills`` times on the profile at ``root``; return the figures."""
    paths = app_paths(root)
    rng = random.Random(f"{mode}-{seed}")
    ledger = Ledger()
    figures = Figures(mode)
    for _ in range(kills):
        early, orphaned, _stderr = kill_once(mode, paths, rng, ledger)
        figures.kills += 1
        figures.early_kills += early
        figures.helpers_outlived += orphaned
        lost, state = verify(paths, ledger)
        ledger.pending = None
        figures.index_rebuilt += state != "ok"
        if lost:
            figures.lost += lost
        else:
            figures.survived += 1
    figures.writes_confirmed = ledger.writes
    figures.leftovers = leftovers(paths)
    return figures
