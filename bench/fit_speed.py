"""Fit benchmark: what My Skills adds to the window's searches — the Fit sort and the row badges.

``python -m bench.fit_speed [N]`` (default 10,000 generated postings). With a four-skill
profile, it reports in one process, as the window asks (the read thread's search function):
the first Fit-sorted search of every job (fit worked out for all of them, cold), then the median
and worst of Fit-sorted searches as a user types, and what working out the row badges adds to
an ordinary search (relevance order) beside the same search without a profile.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench.generate import write
from desktop_app.core.criteria import Criteria
from desktop_app.gui.searching import run_search
from desktop_app.gui.skills_wiring import fit_search
from desktop_app.paths import app_paths
from desktop_app.service import Service

PROFILE = "Python, Django, PostgreSQL, Docker"
TYPED = ["e", "en", "eng", "engi", "engineer", "engineer p", "engineer py", "python", "remote", "senior go"]
LIMIT = 200  # what the window asks for


def _ms(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def main(count: int) -> int:
    root = Path(tempfile.mkdtemp()) / "profile"
    service = Service(app_paths(root))
    service.open()
    service.indexing.ensure()
    started = time.perf_counter()
    service.jobs.import_files([write(count, root / "generated.jsonld", seed=5)])
    print(f"{count:,} jobs imported in {time.perf_counter() - started:.1f} s")
    fit = Criteria(sort="fit")
    plain = Criteria()
    search, mine = service.search, service.myskills
    for query in TYPED:  # the index and the caches of the search itself, warm
        run_search(search, query, "job", LIMIT, plain)
    bare = [_ms(partial(fit_search, search, mine, q, "job", LIMIT, plain)) for q in TYPED * 3]
    mine.set_profile([slug for slug, _ in mine.read(PROFILE)])
    cold = _ms(partial(fit_search, search, mine, "", "job", LIMIT, fit))
    sorted_ms = [_ms(partial(fit_search, search, mine, q, "job", LIMIT, fit)) for q in TYPED * 3]
    mine.forget()
    badges = [_ms(partial(fit_search, search, mine, q, "job", LIMIT, plain)) for q in TYPED * 3]
    print(f"profile: {PROFILE}")
    print(f"first Fit-sorted search of all jobs (fit of every job worked out): {cold:.0f} ms")
    print(
        f"Fit-sorted searches while typing: median {statistics.median(sorted_ms):.1f} ms, "
        f"worst {max(sorted_ms):.1f} ms"
    )
    print(
        f"ordinary searches with the row badges: median {statistics.median(badges):.1f} ms "
        f"(worst {max(badges):.1f}); without a profile: median {statistics.median(bare):.1f} ms"
    )
    print(f"load average: {' '.join(f'{v:.1f}' for v in os.getloadavg())}")
    service.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000))
