"""Skills benchmark: N generated postings imported, then demand (``skills``) and fit (``match``).

``python -m bench.skills_speed [N]`` (default 10,000). Reports the time to derive every job's
skills from scratch (as after a glossary change), and the median and worst of a few demand and
fit questions asked in one process, as the window asks them.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from sqlalchemy import delete

from bench.generate import write
from desktop_app.paths import app_paths
from desktop_app.service import Service
from desktop_app.storage.models import JobSkillStateRow

PROFILES = ["Python, Django, PostgreSQL, Docker", "k8s, Terraform, Go, AWS", "React, TypeScript, CSS"]
QUERIES = [None, "engineer", "remote"]


def _times(call: Callable[[], object], repeat: int = 3) -> list[float]:
    out = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        out.append((time.perf_counter() - started) * 1000)
    return out


def main() -> int:
    """Print the figures; return 0."""
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        source = write(count, folder / "jobs.jsonld")
        service = Service(app_paths(folder / "profile"))
        service.open()
        service.indexing.ensure()
        service.jobs.import_files([source])
        # As after a glossary change: every job's skills derived again.
        with service.profile.store.session() as s, s.begin():
            s.execute(delete(JobSkillStateRow))
        started = time.perf_counter()
        derived = service.skills.refresh()
        derive = time.perf_counter() - started
        demand = [t for q in QUERIES for t in _times(partial(service.skills.demand, q, 20))]
        fits = []
        for text in PROFILES:
            have = [slug for slug, _ in service.skills.terms_in(text)]
            fits += [t for q in QUERIES for t in _times(partial(service.skills.match, have, q, 20))]
        service.close()
    print(f"skills of {count:,} generated postings")
    each = derive / max(derived, 1) * 1000
    print(f"  derive all ({derived:,} jobs)       {derive:>10.2f} s  ({each:.2f} ms a job)")
    print(f"  skills (demand) median / worst {statistics.median(demand):>8.0f} / {max(demand):.0f} ms")
    print(f"  match (fit) median / worst     {statistics.median(fits):>8.0f} / {max(fits):.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
