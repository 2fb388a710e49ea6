"""Catching up: an index left behind the database (a crash mid-import) writes only what it lacks."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from desktop_app.core.types import Job, JobId, Term
from desktop_app.search import index, ledger
from desktop_app.search.protocol import CatchUp, Progress
from desktop_app.search.schema import job_document, term_document

# Jobs written per commit: each batch committed is kept if the catch-up is itself interrupted.
# A batch of 2,000 or more is written by two helper processes (``index.PARALLEL_MIN_DOCS``).
BATCH = 5000


def terms_version(terms: Sequence[Term]) -> str:
    """Return a hash of the term documents: it changes when any term's indexed text does."""
    documents = sorted((term_document(t) for t in terms), key=lambda d: str(d["key"]))
    text = json.dumps(documents, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def catch_up(
    folder: Path,
    terms: Sequence[Term],
    versions: Mapping[JobId, str],
    load: Callable[[Sequence[JobId]], Mapping[JobId, Job]],
    generation: int,
    progress: Progress | None = None,
) -> CatchUp | None:
    """Write the jobs the index lacks or holds in another version, drop the gone, stamp ``generation``.

    Returns None, writing nothing, when the index has no ledger (built by an older version).
    Each batch is its own commit; until the last one the stamp keeps the generation it had, so
    an interrupted catch-up leaves an index that is still behind, and still sound.
    """
    held = ledger.read(folder)
    if held is None:
        return None
    stamp = index.read_stamp(folder)
    behind = stamp.get("generation")
    behind = behind if isinstance(behind, int) else -1
    wanted = {f"job:{job_id}": version for job_id, version in versions.items()}
    stale = [key for key, version in wanted.items() if held.get(key) != version or not version]
    absent = frozenset(key for key in stale if key not in held)  # the ledger names all it may hold
    gone = [key for key in held if key not in wanted and key.startswith("job:")]
    version_of_terms = terms_version(terms)
    redo_terms = stamp.get("terms") != version_of_terms
    total = len(stale) + len(gone) + (len(terms) if redo_terms else 0)
    done = 0

    def tell(step: int) -> None:
        nonlocal done
        done += step
        if progress is not None:
            progress(done, total)

    tell(0)
    if redo_terms:
        index.replace_kind(folder, "term", (term_document(t) for t in terms), behind, version_of_terms)
        tell(len(terms))
    if gone:
        index.update(folder, [], gone, behind)
        tell(len(gone))
    for start in range(0, len(stale), BATCH):
        keys = stale[start : start + BATCH]
        jobs = load([JobId(key[4:]) for key in keys])  # "job:" + id
        # A job deleted since the versions were read is skipped: the stamp stays behind for it.
        index.update(
            folder,
            (job_document(job) for job in jobs.values()),
            [],
            behind,
            new_keys=absent,
            total=len(jobs),
            versions={f"job:{job_id}": versions[job_id] for job_id in jobs if job_id in versions},
        )
        tell(len(keys))
    index.write_stamp(folder, generation)
    return CatchUp(written=len(stale), deleted=len(gone), terms=redo_terms)
