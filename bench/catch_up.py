"""Catch-up benchmark: an import killed between its database and index commits, then the next start.

``python -m bench.catch_up [N] [EXTRA]`` (default 100,000 and 3,000) builds a profile of N
generated jobs with its index, imports EXTRA more in a child process killed with SIGKILL
the moment the database holds them and the index does not, then times what the next start
does: the state check and ``ensure`` (a catch-up, writing only the missing jobs). A full
rebuild of the same profile is timed after it, for comparison.
"""

from __future__ import annotations

import json
import os
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


def kill_mid_import(root: Path, extra: int) -> None:
    """Import ``extra`` jobs in a child; kill it once the database is ahead of the index."""
    paths = app_paths(root)
    source = root.parent / "extra.jsonld"
    source.write_text(json.dumps(postings(extra, 99, "extra")))
    before = generation(paths.database)
    child = subprocess.Popen(
        [sys.executable, "-m", "desktop_app", "--data-dir", str(root), "import", str(source)],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip
    try:
        while generation(paths.database) == before or read_stamp(paths.index_dir).get("generation") != before:
            if child.poll() is not None:
                raise SystemExit("the import ended before it could be killed: try a larger EXTRA")
            time.sleep(0.005)
    finally:
        os.killpg(child.pid, signal.SIGKILL)  # the command and the index writer's helpers
        child.wait()


def main() -> int:
    """Print the figures; return 0 when the catch-up left the index ok with every job."""
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    extra = int(sys.argv[2]) if len(sys.argv) > 2 else 3_000
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "profile"
        rebuild_s = build(root, count)
        print(f"built {count:,} jobs; first index build {rebuild_s:.1f} s", flush=True)
        kill_mid_import(root, extra)
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
        service.indexing.rebuild()
        rebuilt = time.perf_counter() - again
        service.close()
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"Catch-up after an import of {extra:,} killed between its commits, on {count:,} jobs")
    print(f"  state found               {state:>10}")
    print(f"  documents written         {seen[-1][1] if seen else 0:>10,}")
    print(f"  open and check            {checked - started:>10.2f} s")
    print(f"  catch-up (ensure)         {caught_up - checked:>10.2f} s   (CPU {cpu:.2f} s)")
    print(f"  full rebuild, for scale   {rebuilt:>10.2f} s   (first build {rebuild_s:.2f} s)")
    print(f"  jobs stored / indexed     {stored:>10,} / {found:,}")
    return 0 if ok and state == "stale" and stored == found else 1


if __name__ == "__main__":
    raise SystemExit(main())
