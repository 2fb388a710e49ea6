"""Catch-up benchmark: an import killed between its database and index commits, then the next start.

``python -m bench.catch_up [N] [EXTRA] [--profile DIR] [--kill-at K] [--no-rebuild]`` (default
100,000 and 3,000) builds a profile of N generated jobs with its index (or copies one already
made, ``--profile``, e.g. the search benchmark's ``bench/.cache/profile-100000-7``), imports
EXTRA more in a child process killed with SIGKILL the K-th time (default 1) the database holds
a batch the index does not — the import stores and indexes in batches, so with EXTRA = 100,000
and K = 10 it is killed halfway through a 100,000-posting file — then times what the next start
does: the state check and ``ensure`` (a catch-up, writing only the missing jobs). A full
rebuild of the same profile is timed after it, for comparison, unless ``--no-rebuild``.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.generate import generate
from desktop_app.importers import parse_file
from desktop_app.paths import app_paths
from desktop_app.search.index import read_stamp
from desktop_app.service import Service

ROOT = Path(__file__).resolve().parent.parent
CHUNK = 10_000


def postings(count: int, seed: int, tag: str) -> dict[str, Any]:
    """Generated postings whose identifiers and links are unique to ``tag``."""
    document = generate(count, seed)
    for number, post in enumerate(document["@graph"]):
        post["identifier"]["value"] = f"REQ-{tag}-{number:07d}"
        post["url"] = f"{post['url']}-{tag}"
    return document


def build(root: Path, count: int) -> float:
    """Store ``count`` jobs straight into a new profile, then rebuild its index; return the rebuild's time."""
    service = Service(app_paths(root))
    service.open()
    try:
        store = service.profile.store
        for start in range(0, count, CHUNK):
            source = root.parent / f"chunk-{start}.jsonld"
            source.write_text(json.dumps(postings(min(CHUNK, count - start), start + 1, f"b{start}")))
            store.upsert_jobs(parse_file(source).jobs)
            source.unlink()
        started = time.perf_counter()
        service.indexing.rebuild()
        return time.perf_counter() - started
    finally:
        service.close()


def generation(database: Path) -> int:
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=30) as conn:
        row = conn.execute("SELECT value FROM meta WHERE key = 'generation'").fetchone()
    return int(row[0]) if row else 0


def newest_row(database: Path) -> int:
    """Return the newest job row's number: it grows when an import stores a batch of postings."""
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=30) as conn:
        row = conn.execute("SELECT max(rowid) FROM jobs").fetchone()
    return int(row[0] or 0)


def kill_mid_import(root: Path, extra: int, kill_at: int = 1) -> None:
    """Import ``extra`` jobs in a child; kill it the ``kill_at``-th time the index lags the database."""
    paths = app_paths(root)
    source = root.parent / "extra.jsonld"
    source.write_text(json.dumps(postings(extra, 99, "extra")))
    last, first_row = generation(paths.database), newest_row(paths.database)
    child = subprocess.Popen(
        [sys.executable, "-m", "desktop_app", "--data-dir", str(root), "import", str(source)],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip
    ahead = 0
    try:
        while True:
            stored, indexed = generation(paths.database), read_stamp(paths.index_dir).get("generation")
            # A batch of postings stored, its index write not done (other writes — the start's
            # own catch-ups — are not batches of the file).
            if stored != last and indexed != stored and newest_row(paths.database) > first_row:
                ahead, last = ahead + 1, stored
                if ahead >= kill_at:
                    break
            if child.poll() is not None:
                raise SystemExit("the import ended before it could be killed: try a larger EXTRA")
            time.sleep(0.005)
    finally:
        os.killpg(child.pid, signal.SIGKILL)  # the command and the index writer's helpers
        child.wait()


def main() -> int:
    """Print the figures; return 0 when the catch-up left the index ok with every job."""
    argv = sys.argv[1:]
    made = Path(argv.pop(argv.index("--profile") + 1)) if "--profile" in argv else None
    kill_at = int(argv.pop(argv.index("--kill-at") + 1)) if "--kill-at" in argv else 1
    rebuild = "--no-rebuild" not in argv
    args = [a for a in argv if not a.startswith("--")]
    count = int(args[0]) if args else 100_000
    extra = int(args[1]) if len(args) > 1 else 3_000
    with tempfile.TemporaryDirectory(dir=os.environ.get("BENCH_TMP")) as tmp:
        root = Path(tmp) / "profile"
        if made is None:
            rebuild_s = build(root, count)
            print(f"built {count:,} jobs; first index build {rebuild_s:.1f} s", flush=True)
        else:
            shutil.copytree(made, root)
            rebuild_s = float("nan")
            service = Service(app_paths(root))
            service.open()
            service.indexing.ensure()  # the copy's index as its own program left it
            count = service.profile.store.job_count()
            service.close()
            print(f"copied a profile of {count:,} jobs", flush=True)
        kill_mid_import(root, extra, kill_at)
        before_start = Service(app_paths(root))  # what the killed import left
        before_start.open()
        kept = before_start.profile.store.job_count() - count
        before_start.close()
        started = time.perf_counter()
        service = Service(app_paths(root))
        service.open()
        state = service.indexing.state()
        checked = time.perf_counter()
        seen: list[tuple[int, int]] = []
        cpu = time.process_time()  # one process writes a catch-up: its CPU time is all of it
        service.indexing.ensure(lambda done, total: seen.append((done, total)))
        caught_up = time.perf_counter()
        cpu = time.process_time() - cpu
        ok = service.indexing.state() == "ok"
        stored = service.profile.store.job_count()
        found = len(service.indexing.job_ids(""))
        again = time.perf_counter()
        if rebuild:
            service.indexing.rebuild()
        rebuilt = time.perf_counter() - again if rebuild else float("nan")
        service.close()
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"Catch-up after an import of {extra:,} killed between its commits, on {count:,} jobs")
    print(f"  postings stored before the kill {kept:>10,} (batch {kill_at} of the file)")
    print(f"  state found               {state:>10}")
    print(f"  documents written         {seen[-1][1] if seen else 0:>10,}")
    print(f"  open and check            {checked - started:>10.2f} s")
    print(f"  catch-up (ensure)         {caught_up - checked:>10.2f} s   (CPU {cpu:.2f} s)")
    print(f"  full rebuild, for scale   {rebuilt:>10.2f} s   (first build {rebuild_s:.2f} s)")
    print(f"  jobs stored / indexed     {stored:>10,} / {found:,}")
    return 0 if ok and state == "stale" and stored == found else 1


if __name__ == "__main__":
    raise SystemExit(main())
