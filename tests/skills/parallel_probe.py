"""Run as ``python -m tests.skills.parallel_probe``: skills derived on helper processes and here.

A module of its own because helper processes start only where the main module can be imported
again (not under pytest-xdist's workers). Prints one JSON line: whether both ways agree, how many
jobs and skills, and how many helpers ran during the work, after the idle time and after close.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import random
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop_app.core.glossary import load_folder
from desktop_app.paths import shipped_glossary_dir
from desktop_app.skills import parallel

SENTENCES = Path(__file__).resolve().parent / "sentences.jsonl"
TITLES = ("Senior Go Engineer", "Data Engineer (Spark)", "Platform Engineer", "Frontend Developer — React")


@dataclass(frozen=True)
class Posting:
    """A job as deriving its skills reads it."""

    title: str
    text: str
    stated: tuple[str, ...] = ()


def postings(count: int) -> list[Posting]:
    """Return real-shaped postings: sentences of job ads under their usual headings."""
    lines = [json.loads(line)["text"] for line in SENTENCES.read_text(encoding="utf-8").splitlines()]
    rng = random.Random(7)
    made = []
    for number in range(count):
        asked, liked = rng.sample(lines, 4), rng.sample(lines, 2)
        text = "\n".join(["Requirements:", *(f"• {s}" for s in asked), "Nice to have:", *liked])
        stated = ("k8s", "Postgres") if number % 5 == 0 else ()
        made.append(Posting(rng.choice(TITLES), text, stated))
    return made


def _foresight(pool: parallel.SkillPool, jobs: list[Posting], terms: Any, lookups: Any) -> dict[str, Any]:
    """Hand jobs over ahead of their batch (the pool up), then derive the batch; report what was matched."""
    sent: list[int] = []  # postings the batch handed the helpers: those not foreseen
    helpers = pool._pool  # counting what reaches the helpers
    assert helpers is not None
    real = helpers.map_async

    def counting(func: Any, chunks: list[list[Any]]) -> Any:
        sent.append(sum(map(len, chunks)))
        return real(func, chunks)

    helpers.map_async = counting
    handed = [pool.foresee(jobs[:250], "glossary-1"), pool.foresee(jobs[250:400], "glossary-1")]
    handed.append(pool.foresee(jobs[:10], "glossary-2"))  # another glossary's: not these helpers'
    batch = [*reversed(jobs[300:]), *jobs[:300]]  # in another order, and with jobs not foreseen
    of_job = dict(zip(batch, pool.derive(batch, "glossary-1", terms, lambda: lookups), strict=True))
    found = [[of_job[job] for job in jobs]]  # back in the order of ``jobs``
    # Handed over, then the helpers closed (a glossary change) before the batch: matched again.
    pool.foresee(jobs[:100], "glossary-1")
    pool.close()
    found.append(pool.derive(jobs, "glossary-1", terms, lambda: lookups))
    # Closed while the batch is being handed over (the idle timer, the app quitting): what went
    # to the closed helpers never answers, so it is matched again rather than waited for.
    pool.foresee(jobs[:100], "glossary-1")
    making = pool._pool_for

    def closing_first(key: Any, names: Any) -> Any:
        pool._pool_for = making  # type: ignore[method-assign]
        pool._close()
        return making(key, names)

    pool._pool_for = closing_first  # type: ignore[method-assign,assignment]
    answers: list[Any] = []

    def derive() -> None:
        answers.append(pool.derive(jobs, "glossary-1", terms, lambda: lookups))

    waiting = threading.Thread(target=derive, daemon=True)
    waiting.start()
    waiting.join(60)
    found.append(answers[0] if answers else [])
    return {"handed": handed, "sent": sent, "found": found, "hung": waiting.is_alive()}


def main() -> None:
    """Derive skills both ways and report."""
    terms, _problems = load_folder(shipped_glossary_dir())
    lookups = parallel.lookups_for(terms)
    jobs = postings(parallel.PARALLEL_MIN_JOBS + 100)
    parallel.IDLE_S = 0.5
    pool = parallel.SkillPool(processes=2)
    on_helpers = pool.derive(jobs, "glossary-1", terms, lambda: lookups)
    during = len(multiprocessing.active_children())
    priorities = None  # this process's "nice" and each helper's (None where the system has none)
    if hasattr(os, "getpriority"):
        helpers = multiprocessing.active_children()
        own = os.getpriority(os.PRIO_PROCESS, 0)
        priorities = [own, [os.getpriority(os.PRIO_PROCESS, child.pid or 0) for child in helpers]]
    time.sleep(1.5)
    after_idle = len(multiprocessing.active_children())
    again = pool.derive(jobs, "glossary-1", terms, lambda: lookups)
    pool.close()
    # Started ahead of an import's first batch: up in the background, then used.
    pool.prepare("glossary-1", terms)
    deadline = time.monotonic() + 30
    while not pool.running and time.monotonic() < deadline:
        time.sleep(0.05)
    prepared = len(multiprocessing.active_children())
    # Jobs handed over now and then (an import reading its file) keep the helpers up past IDLE_S.
    for _ in range(6):
        pool.foresee(jobs[:5], "glossary-1")
        time.sleep(parallel.IDLE_S * 0.4)
    kept_while_handed = pool.running
    after_prepare = pool.derive(jobs, "glossary-1", terms, lambda: lookups)
    foresight = _foresight(pool, jobs, terms, lookups)
    pool.close()
    here = parallel.derive_here(jobs, lookups)
    report = {
        "same": on_helpers == here and again == here and after_prepare == here,
        "foresight": {**foresight, "same": [found == here for found in foresight.pop("found")]},
        "prepared": prepared,
        "kept_while_handed": kept_while_handed,
        "jobs": len(jobs),
        "skills": sum(len(found) for found in here),
        "during": during,
        "priorities": priorities,
        "after_idle": after_idle,
        "after_close": len(multiprocessing.active_children()),
        # Making a pool fixes the default way to start processes; the index's writer uses it.
        "start_method": multiprocessing.get_start_method(),
    }
    print(json.dumps(report))


if __name__ == "__main__":
    main()
