"""Big imports stored and indexed batch by batch: all found, progress in bytes, Cancel keeps batches."""

from __future__ import annotations

import csv
import json
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest

from bench.generate import postings, write
from desktop_app.core.criteria import Criteria
from desktop_app.core.types import Job
from desktop_app.service import ImportCancelledError, ReadProgress, Service, importing
from desktop_app.skills.asks import JobText
from desktop_app.skills.parallel import Posting, postings_of
from desktop_app.storage.repository import StoreCounts
from desktop_app.storage.skills import Reskilled

BATCH = 40  # small batches: a fixture of 100 postings spans three


@pytest.fixture(autouse=True)
def _small_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(importing, "BATCH", BATCH)
    monkeypatch.setattr(importing, "PROGRESS_EVERY", 7)
    monkeypatch.setattr("desktop_app.importers.files.MAX_RECORD_BYTES", 1_000)  # stream even small files


def _searchable(service: Service) -> set[str]:
    return {
        hit.id
        for hit in service.search.query("", kind="job", limit=10_000, criteria=Criteria(sort="date")).hits
    }


def _csv(path: Path, count: int) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Job Title", "Company", "Location", "Salary", "Date Posted", "Job ID"])
        for n, post in enumerate(postings(count)):
            place = post["jobLocation"][0]["address"] if isinstance(post.get("jobLocation"), list) else {}
            city = place.get("addressLocality", "Remote") if isinstance(place, dict) else "Remote"
            writer.writerow(
                [post["title"], post["hiringOrganization"]["name"], city, "$120k", "2026-10-01", n]
            )
    return path


@pytest.mark.parametrize("shape", ["graph", "itemlist", "ndjson", "csv"])
def test_a_file_of_several_batches_is_stored_and_searchable_whole(
    service: Service, tmp_path: Path, shape: str
) -> None:
    before = _searchable(service)
    if shape == "csv":
        path = _csv(tmp_path / "tracker.csv", 100)
    else:
        path = write(100, tmp_path / f"jobs.{'ndjson' if shape == 'ndjson' else 'jsonld'}", shape=shape)
    report = service.jobs.import_files([path])
    assert report.taken == 100 and report.refused == 0 and not report.note
    stored = service.profile.counts()[1]
    assert report.new + len(report.merged) <= 100 and stored == len(before) + report.new
    assert _searchable(service) - before == {job.id for job in report.accepted} - before
    assert service.indexing.state() == "ok"


def test_progress_is_told_in_bytes_and_postings_up_to_the_files_total(
    service: Service, tmp_path: Path
) -> None:
    files = [write(100, tmp_path / "a.jsonld"), write(60, tmp_path / "b.ndjson", seed=3, shape="ndjson")]
    total = sum(path.stat().st_size for path in files)
    heard: list[ReadProgress] = []
    kib: list[tuple[int, int]] = []
    service.jobs.import_files(files, reading=heard.append, progress=lambda d, t: kib.append((d, t)))
    assert [p.bytes_read for p in heard] == sorted(p.bytes_read for p in heard)
    assert {p.total_bytes for p in heard} == {total} and heard[-1].bytes_read == total
    assert heard[-1].postings == 160 and any(0 < p.bytes_read < total for p in heard)
    assert kib[-1] == (-(-total // 1024),) * 2


def test_cancel_mid_file_keeps_exactly_the_batches_committed(service: Service, tmp_path: Path) -> None:
    before = _searchable(service)
    path = write(130, tmp_path / "jobs.jsonld")
    cancel = threading.Event()

    def reading(progress: ReadProgress) -> None:
        if progress.postings >= BATCH + 10:  # the first batch is stored, the second half read
            cancel.set()

    report = service.jobs.import_files([path], cancel=cancel, reading=reading)
    assert report.note == f"Cancelled after {BATCH} of the postings of jobs.jsonld; those are kept."
    assert report.taken == BATCH and service.profile.counts()[1] == len(before) + report.new
    assert len(_searchable(service) - before) == report.new and service.indexing.state() == "ok"


def test_cancel_before_the_first_batch_stores_nothing(service: Service, tmp_path: Path) -> None:
    jobs_before = service.profile.counts()[1]
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(ImportCancelledError, match="nothing was stored"):
        service.jobs.import_files([write(100, tmp_path / "jobs.jsonld")], cancel=cancel)
    assert service.profile.counts()[1] == jobs_before


def test_json_broken_mid_file_keeps_what_came_before_and_says_where(service: Service, tmp_path: Path) -> None:
    lines = [json.dumps(p) for p in postings(100)]
    lines[70] = lines[70].replace('"title":', '"title" }', 1)
    path = tmp_path / "feed.ndjson"
    path.write_text("\n".join(lines), encoding="utf-8")
    report = service.jobs.import_files([path])
    assert report.taken == 70
    (broken,) = report.rejected
    assert broken.source == "feed.ndjson" and "(after posting 70)" in broken.reason
    assert (
        broken.reason.startswith("invalid JSON at byte ") and "postings before it are kept" in broken.reason
    )


def test_a_big_report_lists_the_first_postings_and_counts_them_all(
    service: Service, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(importing, "REPORT_LIMIT", 10)
    items = list(postings(100))
    for post in items[::2]:
        post["title"] = ""
    path = tmp_path / "jobs.json"
    path.write_text(json.dumps(items), encoding="utf-8")
    report = service.jobs.import_files([path])
    assert (len(report.accepted), report.taken, len(report.rejected), report.refused) == (10, 50, 10, 50)
    assert report.rejected[0].source == "jobs.json posting 1"


class _Recording:
    """Deriving that derives nothing and notes what an import hands it, in order."""

    def __init__(self) -> None:
        self.events: list[tuple[str, list[str]]] = []

    def prepare_derive(self) -> None:
        self.events.append(("prepare", []))

    def foresee(self, jobs: Sequence[Job]) -> None:
        self.events.append(("foresee", [job.title for job in jobs]))

    def start_derive(self, stored: StoreCounts) -> Callable[[], Reskilled]:
        self.events.append(("start", []))
        return lambda: Reskilled()


def test_a_large_import_hands_postings_to_deriving_as_read_while_the_index_is_idle(
    service: Service, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Five batches, two to a round of index writes: the postings of a batch read while the
    # index has nothing of the open round yet (its helpers idle) are handed over as they are
    # read; the others are matched only once their batch is stored, as a small import's are.
    monkeypatch.setattr(importing, "PREPARE_BYTES", 0)
    monkeypatch.setattr(importing, "FORESEE_CHUNK", 15)
    path = write(5 * BATCH, tmp_path / "jobs.jsonld")
    titles = [str(post["title"]) for post in postings(5 * BATCH)]
    deriving = _Recording()
    importing.StreamedImport(service.profile, service.indexing, deriving).run([path])
    assert deriving.events[0] == ("prepare", [])
    handed: list[list[str]] = [[]]  # the titles handed over before each batch's start
    for kind, seen in deriving.events[1:]:
        if kind == "start":
            handed.append([])
        else:
            handed[-1] += seen
    batches = [titles[n * BATCH : (n + 1) * BATCH] for n in range(5)]
    assert handed == [batches[0], batches[1], [], batches[3], [], []]


def test_a_small_import_hands_nothing_ahead(service: Service, tmp_path: Path) -> None:
    deriving = _Recording()
    path = write(3 * BATCH, tmp_path / "jobs.jsonld")  # well under a megabyte
    importing.StreamedImport(service.profile, service.indexing, deriving).run([path])
    assert [kind for kind, _ in deriving.events] == ["start"] * 3


def test_a_file_imported_again_stops_handing_postings_ahead(
    service: Service, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Its first batch stores nothing new: the rest are not matched ahead for nothing. A batch
    # that brings new postings again (a feed that grew) starts it again for the next.
    monkeypatch.setattr(importing, "PREPARE_BYTES", 0)
    path = write(4 * BATCH, tmp_path / "jobs.jsonld")
    service.jobs.import_files([path])
    grown = tmp_path / "grown.jsonld"
    write(6 * BATCH, grown)
    deriving = _Recording()
    importing.StreamedImport(service.profile, service.indexing, deriving).run([grown])
    titles = [str(post["title"]) for post in postings(6 * BATCH)]
    handed: list[list[str]] = [[]]
    for kind, seen in deriving.events[1:]:
        if kind == "start":
            handed.append([])
        else:
            handed[-1] += seen
    # Batches 2-4 follow unchanged ones; batch 5 brings new postings, so batch 6 is read ahead
    # (its round has handed the index nothing yet).
    assert handed == [titles[:BATCH], [], [], [], [], titles[5 * BATCH :], []]


def test_what_is_handed_ahead_is_what_its_batch_then_asks_for(
    service: Service, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The skills' helpers answer the postings handed ahead by what deriving reads of them; the
    # batch, once stored, asks for its jobs as stored. Were the two to differ (a list against a
    # tuple of stated skills), no answer given ahead would ever be used.
    monkeypatch.setattr(importing, "PREPARE_BYTES", 0)
    pool = service.skills._pool
    handed: list[Posting] = []
    asked: list[Posting] = []
    monkeypatch.setattr(pool, "prepare", lambda _key, _terms: None)  # no helper processes here
    start = pool.start

    def handing(jobs: Sequence[JobText], _key: object) -> bool:
        handed.extend(postings_of(jobs))
        return False

    def asking(jobs: Sequence[JobText], *rest: Any) -> Any:
        asked.extend(postings_of(jobs))
        return start(jobs, *rest)

    monkeypatch.setattr(pool, "foresee", handing)
    monkeypatch.setattr(pool, "start", asking)
    path = write(2 * BATCH, tmp_path / "jobs.jsonld", shape="itemlist")
    service.jobs.import_files([path])
    assert len(asked) == 2 * BATCH and set(asked) == set(handed)
