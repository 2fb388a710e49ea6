"""The process the kill loop kills: it writes to a profile in a loop and reports each commit.

``python -m tests.reliability.child MODE PROFILE SEED`` with MODE ``edits`` (saved filters,
favourites and notes), ``import`` (job files, then a favourite) or ``reindex`` (index rebuilds,
then a saved filter). Every write is announced before it starts (``begin``) and confirmed once
committed (``done``), one JSON line each, flushed: the parent knows what must survive a kill.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path
from typing import Any

from desktop_app.core.criteria import Criteria
from desktop_app.paths import app_paths
from desktop_app.service import STATUSES, Service

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
QUERIES = ("python", "kube", "type:full_time", "salary:>80000", "remote:yes", "flask OR django", "")


def say(*fields: Any) -> None:
    """Write one line to the parent and flush it at once (a kill may follow any moment)."""
    sys.stdout.write(json.dumps(fields) + "\n")
    sys.stdout.flush()


def edit(service: Service, rng: random.Random, serial: int) -> None:
    """Make one user-data change: add or rename a saved filter, star a job or change its note."""
    filters = service.user.saved_filters()
    favourites = service.user.favourites()
    choice = rng.random()
    if choice < 0.3 or not filters:
        name, query = f"filter {serial}", rng.choice(QUERIES)
        say("begin", "filter-add", name)
        filter_id = service.user.save_filter(name, query, Criteria())
        say("done", "filter", filter_id, [name, query])
    elif choice < 0.5:
        target = rng.choice(filters)
        name = f"renamed {serial}"
        say("begin", "filter", target.id, [name, target.query])
        service.user.rename_filter(target.id, name)
        say("done", "filter", target.id, [name, target.query])
    elif choice < 0.8 or not favourites:
        job_ids = [j.id for j in service.profile.store.newest_jobs(50)]
        job_id = rng.choice(job_ids)
        status, note = rng.choice(STATUSES), f"note {serial} " + "x" * rng.randrange(0, 2000)
        say("begin", "favourite", job_id, [status, note])
        service.user.star(job_id, status, note)
        say("done", "favourite", job_id, [status, note])
    else:
        fav = rng.choice(favourites)
        note = f"edited {serial}"
        say("begin", "favourite", fav.job_id, [fav.status, note])
        service.user.star(fav.job_id, fav.status, note)
        say("done", "favourite", fav.job_id, [fav.status, note])


def main(argv: list[str]) -> int:
    """Open the profile, say "ready", then write until killed."""
    mode, root, seed = argv[0], Path(argv[1]), int(argv[2])
    rng = random.Random(seed)
    service = Service(app_paths(root))
    service.open()
    service.indexing.ensure()
    say("ready")
    fixtures = sorted(p for p in FIXTURES.iterdir() if p.suffix in (".json", ".csv", ".html"))
    serial = seed * 100_000
    while True:
        serial += 1
        if mode == "edits":
            edit(service, rng, serial)
        elif mode == "import":
            from bench.generate import write

            edit(service, rng, serial)  # a quick write first: every kill has something to lose
            source = write(rng.randrange(100, 300), root.parent / f"import-{serial}.jsonld", seed=serial)
            files = [source, rng.choice(fixtures)]
            say("begin", "import", serial)
            report = service.jobs.import_files(files)
            say("done", "jobs", serial, sorted({job.id for job in report.accepted}))
            source.unlink()
        elif mode == "reindex":
            edit(service, rng, serial)
            say("begin", "reindex", serial)
            service.indexing.rebuild()
            say("done", "reindex", serial)
        else:
            raise SystemExit(f"unknown mode {mode}")


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
