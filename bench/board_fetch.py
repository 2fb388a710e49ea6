"""Board fetch benchmark: a 2,000-job Greenhouse board served locally, fetched, stored and searchable.

``python -m bench.board_fetch [N]`` (default 2,000). A local server answers like Greenhouse's
public board API (HTML-escaped ``content`` of about 3 KB per job); the command line fetches it
into a fresh profile whose index is built. Times the whole ``boards fetch`` command (fetch, read,
store, index) and a second fetch of the same board (nothing changed), and checks a search finds
the jobs. Goal: the first fetch within 10 s.
"""

from __future__ import annotations

import html
import json
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SKILLS = ("Python", "Kubernetes", "PostgreSQL", "React", "Terraform", "Go", "Kafka", "AWS", "Django", "Rust")
CITIES = ("San Francisco, CA", "New York, NY", "Remote - US", "London, United Kingdom", "Toronto, ON, Canada")


def board(count: int) -> bytes:
    """Return a Greenhouse board answer of ``count`` jobs, as its API sends it."""
    jobs = []
    for n in range(count):
        skill, other = SKILLS[n % len(SKILLS)], SKILLS[(n * 7 + 3) % len(SKILLS)]
        duties = "".join(f"<li>Own {skill} services, item {i}.</li>" for i in range(12))
        body = (
            f"<div class='content-intro'><p>We are hiring a {skill} engineer to build our platform.</p></div>"
            f"<h3>What you'll do</h3><ul>{duties}</ul>"
            f"<h3>Requirements</h3><ul><li>5+ years of {skill}</li><li>{other} in production</li></ul>"
            f"<h3>Nice to have</h3><ul><li>{other} at scale</li></ul><p>{'Benefits and culture. ' * 40}</p>"
        )
        jobs.append({
            "absolute_url": f"https://job-boards.greenhouse.io/benchco/jobs/{4_000_000 + n}",
            "internal_job_id": 3_000_000 + n, "id": 4_000_000 + n,
            "location": {"name": CITIES[n % len(CITIES)]},
            "metadata": [{"id": 1, "name": "Workplace Type", "value": "Hybrid" if n % 3 else "Remote",
                          "value_type": "single_select"}],
            "updated_at": "2026-11-20T10:00:00-05:00", "first_published": "2026-11-01T09:00:00-05:00",
            "title": f"Senior {skill} Engineer {n}", "company_name": "Bench Co",
            "requisition_id": f"ENG-{n}", "content": html.escape(body),
            "departments": [{"id": 11, "name": "Engineering", "child_ids": [], "parent_id": None}],
            "offices": [{"id": 21, "name": CITIES[n % len(CITIES)], "child_ids": [], "parent_id": None}],
        })  # fmt: skip
    return json.dumps({"jobs": jobs, "meta": {"total": count}}).encode()


def serve(*answers: bytes) -> ThreadingHTTPServer:
    """Start a local server answering every request with ``answers`` in turn; return it."""
    turn = iter(range(10**9))

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            payload = answers[next(turn) % len(answers)]
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, *_args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def _cli(profile: Path, base: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**__import__("os").environ, "GLOSSARY_JOBS_BOARD_API": base}
    return subprocess.run(
        [sys.executable, "-m", "desktop_app", "--data-dir", str(profile), *args],
        capture_output=True, text=True, cwd=ROOT, timeout=900, check=False, env=env,
    )  # fmt: skip


def main() -> int:
    """Print the figures; return 0 when the fetched jobs are searchable."""
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 2_000
    payload = board(count)
    server = serve(payload)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    with tempfile.TemporaryDirectory() as tmp:
        profile = Path(tmp) / "profile"
        _cli(profile, base, "reindex")  # first start: glossary, samples and index, not timed
        _cli(profile, base, "boards", "add", "greenhouse:benchco")
        started = time.perf_counter()
        first = _cli(profile, base, "boards", "fetch", "--json")
        elapsed = time.perf_counter() - started
        started = time.perf_counter()
        second = _cli(profile, base, "boards", "fetch", "--json")
        again = time.perf_counter() - started
        found = json.loads(_cli(profile, base, "search", "kubernetes", "--kind", "job", "--json").stdout)[
            "total"
        ]
    server.shutdown()
    result = json.loads(first.stdout)["boards"][0]
    unchanged = json.loads(second.stdout)["boards"][0]["unchanged"]
    print(
        f"Board fetch: {count:,} Greenhouse jobs, {len(payload) / 1e6:.1f} MB, "
        "from a local server (fresh process)"
    )
    print(f"  new                       {result['new']:>10,}")
    print(f"  first fetch (command)     {elapsed:>10.2f} s   (goal: within 10 s)")
    print(f"  second fetch, no change   {again:>10.2f} s   ({unchanged:,} unchanged)")
    print(f"  'kubernetes' job matches  {found:>10,}")
    return 0 if result["ok"] and result["new"] == count and found > 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
