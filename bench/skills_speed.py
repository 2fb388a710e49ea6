"""Skills benchmark: N generated postings, then demand (``skills``), fit (``match``) and the Skills facet.

``python -m bench.skills_speed [N] [--sample K]`` (default 10,000 postings, all imported).

Without ``--sample`` the postings are imported as a user would, and every job's skills derived
again from scratch (as after a glossary change), which is timed. With ``--sample K`` (for
100,000 jobs on a busy machine) the postings are stored directly, the skills of the first K are
derived by the linker (timed, per job) and every other job is given the skills of one of those
K (same generator, same mix), then the index is built once. Either way it reports, in one
process as the window asks: the first ``skills`` after the index opens (cold), then the median
and worst of repeated demand and fit questions and of searches with the Skills facet — each
as wall time and as this process's CPU time (the machine may be shared).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from sqlalchemy import delete

from bench.generate import write
from desktop_app.core.criteria import Criteria
from desktop_app.importers import parse_file
from desktop_app.paths import app_paths
from desktop_app.service import Service
from desktop_app.storage.models import JobSkillStateRow
from desktop_app.storage.skills import SkillStore
from desktop_app.storage.skillwords import skill_words

PROFILES = ["Python, Django, PostgreSQL, Docker", "k8s, Terraform, Go, AWS", "React, TypeScript, CSS"]
QUERIES = [None, "engineer", "remote"]
FACET_QUERIES = ["python", "engineer", "skill:kubernetes", "skill:python skill:docker", "remote senior"]
Timing = tuple[float, float]  # (wall ms, CPU ms)


def _time(call: Callable[[], object]) -> Timing:
    wall, cpu = time.perf_counter(), time.process_time()
    call()
    return (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000


def _times(call: Callable[[], object], repeat: int = 3) -> list[Timing]:
    return [_time(call) for _ in range(repeat)]


def _line(name: str, timings: list[Timing]) -> str:
    walls, cpus = [w for w, _ in timings], [c for _, c in timings]
    return (
        f"  {name:<34} wall median / worst {statistics.median(walls):>7.0f} / {max(walls):>6.0f} ms"
        f"   CPU {statistics.median(cpus):>6.0f} / {max(cpus):>6.0f} ms"
    )


def _sampled(service: Service, source: Path, sample: int) -> str:
    """Store the postings directly and give them skills from a derived sample; return a report line."""
    store = service.profile.store
    jobs = parse_file(source).jobs
    for start in range(0, len(jobs), 5000):
        store.upsert_jobs(jobs[start : start + 5000])
    with store.session() as s, s.begin():  # the sample is derived from scratch below
        s.execute(delete(JobSkillStateRow))
    skills = SkillStore(store)
    stamp = service.skills._stamp()  # the benchmark stores derived rows itself
    matcher = service.glossary.matcher()
    categories = {str(t.slug): t.category for t in store.all_terms()}
    from desktop_app.skills.asks import job_skills  # the one rule, timed alone

    started = time.perf_counter()
    first = next(skills.stale(stamp, batch=sample))
    derived = [job_skills(job, matcher, categories, {}) for job in first]
    each = (time.perf_counter() - started) / max(1, len(first)) * 1000
    versions = store.job_versions()
    states = []
    rows = 0
    for number, job_id in enumerate(sorted(versions)):
        asked = derived[number % len(derived)]
        states.append((job_id, versions[job_id], stamp, skill_words(asked)))
        rows += len(asked)
    with store.session() as s, s.begin():
        cursor = s.connection().connection.cursor()
        cursor.executemany(
            "INSERT INTO job_skill_state (job_id, content_hash, stamp, skills) VALUES (?, ?, ?, ?)", states
        )
        store.bump(s)
    started = time.perf_counter()
    service.indexing.rebuild()
    build = time.perf_counter() - started
    return (
        f"  derived {len(first):,} jobs with the linker ({each:.2f} ms a job); {rows:,} skills "
        f"stored for {len(versions):,} jobs; index built in {build:.0f} s"
    )


def main() -> int:
    """Print the figures; return 0."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("count", type=int, nargs="?", default=10_000)
    parser.add_argument("--sample", type=int, default=None, metavar="K")
    parser.add_argument(
        "--keep", type=Path, default=None, metavar="DIR", help="keep (or reuse) the profile here"
    )
    args = parser.parse_args()
    lines = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        reuse = (folder / "profile").is_dir()
        folder.mkdir(parents=True, exist_ok=True)
        source = folder / "jobs.jsonld" if reuse else write(args.count, folder / "jobs.jsonld")
        service = Service(app_paths(folder / "profile"))
        service.open()
        service.indexing.ensure()
        if reuse:
            lines.append(f"  the profile kept in {folder} reused")
        elif args.sample:
            lines.append(_sampled(service, source, args.sample))
        else:
            service.jobs.import_files([source])
            # As after a glossary change: every job's skills derived again.
            with service.profile.store.session() as s, s.begin():
                s.execute(delete(JobSkillStateRow))
            started = time.perf_counter()
            derived = service.skills.refresh()
            derive = time.perf_counter() - started
            each = derive / max(derived, 1) * 1000
            lines.append(f"  derive all ({derived:,} jobs)       {derive:>10.2f} s  ({each:.2f} ms a job)")
        service.indexing.close()  # the index opened afresh, as at a start
        lines.append(_line("skills, first after opening", [_time(partial(service.skills.demand, None, 20))]))
        demand = [t for q in QUERIES for t in _times(partial(service.skills.demand, q, 20))]
        lines.append(_line("skills (demand)", demand))
        fits = []
        for text in PROFILES:
            have = [slug for slug, _ in service.skills.terms_in(text)]
            fits += [t for q in QUERIES for t in _times(partial(service.skills.match, have, q, 20))]
        lines.append(_line("match (fit)", fits))
        facet = [
            t
            for q in FACET_QUERIES
            for t in _times(partial(service.search.query, q, "job", 50, Criteria(), True), 5)
        ]
        lines.append(_line("search with every facet", facet))
        ticked = Criteria(skills=frozenset({"python", "docker"}))
        lines.append(
            _line(
                "search, two skills ticked",
                _times(partial(service.search.query, "engineer", "job", 50, ticked, True), 5),
            )
        )
        service.close()
    print(f"skills of {args.count:,} generated postings")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
