"""Each job's skills: derived at import, shown by ``show --json``, derived again when inputs change."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import delete, select

from desktop_app.core.types import JobId
from desktop_app.paths import AppPaths, shipped_glossary_dir
from desktop_app.service import Service
from desktop_app.storage.models import JobRow, JobSkillStateRow
from desktop_app.storage.skills import SkillStore, StaleJob
from tests.cli.support import call, call_json

DESCRIPTION = (
    "<p>We build payment APIs.</p>"
    "<h3>Requirements</h3><ul><li>5+ years of Go</li><li>PostgreSQL in production</li></ul>"
    "<h3>Nice to have</h3><ul><li>Experience with Apache Kafka</li></ul>"
    "<h3>Benefits</h3><ul><li>Unlimited PTO</li></ul>"
)


def posting_file(
    folder: Path,
    description: str = DESCRIPTION,
    identifier: str = "pay-1",
    title: str = "Backend Engineer (Payments)",
) -> Path:
    page = {
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "title": title,
        "identifier": {"@type": "PropertyValue", "name": "Acme", "value": identifier},
        "hiringOrganization": {"@type": "Organization", "name": "Acme Pay"},
        "datePosted": "2026-11-20",
        "employmentType": "FULL_TIME",
        "jobLocation": {"@type": "Place", "address": {"addressLocality": "Denver", "addressRegion": "CO"}},
        "description": description,
    }
    path = folder / f"{identifier}.jsonld"
    path.write_text(json.dumps(page), encoding="utf-8")
    return path


def test_show_json_lists_the_skills_a_job_asks_for(profile: AppPaths, tmp_path: Path) -> None:
    job_id = call_json(profile, "import", str(posting_file(tmp_path)))["accepted"][0]["id"]
    shown = call_json(profile, "show", job_id)
    assert shown["skills"] == [
        {"id": "go", "title": "Go", "required": True},
        {"id": "postgresql", "title": "PostgreSQL", "required": True},
        {"id": "apache-kafka", "title": "Apache Kafka", "required": False},
    ]
    assert "skills: Go, PostgreSQL, Apache Kafka (nice to have)" in call(profile, "show", job_id).out


def test_skills_follow_a_changed_posting_and_a_changed_glossary(service: Service, tmp_path: Path) -> None:
    report = service.jobs.import_files([posting_file(tmp_path)])
    job_id = report.accepted[0].id
    assert [s.id for s in service.skills.of_job(job_id)] == ["go", "postgresql", "apache-kafka"]
    changed = DESCRIPTION.replace("PostgreSQL", "MySQL")
    service.jobs.import_files([posting_file(tmp_path, changed)])
    assert [s.id for s in service.skills.of_job(job_id)] == ["go", "mysql", "apache-kafka"]
    # The reader adds an entry whose alias the posting names: the job's skills are derived again.
    entry = (shipped_glossary_dir() / "flask.toml").read_text(encoding="utf-8")
    entry = entry.replace('slug = "flask"', 'slug = "payment-apis"').replace(
        'title = "Flask"', 'title = "Payment APIs"'
    )
    (tmp_path / "mine.toml").write_text(
        entry.replace('aliases = ["Flask framework", "Python Flask"]', "aliases = []")
    )
    added, rejected = service.glossary.add_user_entries([tmp_path / "mine.toml"])
    assert added == ("payment-apis",) and rejected == ()
    assert "payment-apis" in [s.id for s in service.skills.of_job(job_id)]


def test_import_derives_skills_at_once_and_deletes_follow(service: Service, tmp_path: Path) -> None:
    service.skills.refresh()  # the sample jobs
    service.jobs.import_files([posting_file(tmp_path)])
    assert service.skills.refresh() == 0  # the import derived them already
    assert service.skills.of_job("missing-job") == ()


def test_a_page_does_not_wait_behind_a_long_write(service: Service, tmp_path: Path) -> None:
    job_id = service.jobs.import_files([posting_file(tmp_path)]).accepted[0].id
    held, release = threading.Event(), threading.Event()

    def long_import() -> None:
        with service.profile.write_lock:
            held.set()
            release.wait()

    found: list[str] = []
    writer = threading.Thread(target=long_import)
    reader = threading.Thread(target=lambda: found.extend(s.id for s in service.skills.of_job(job_id)))
    writer.start()
    try:
        assert held.wait(30)
        reader.start()
        reader.join(20)  # blocked behind the write, it would still be waiting
        assert not reader.is_alive()
        # Derived when the import ended: the page reads them without taking the write lock.
        assert found == ["go", "postgresql", "apache-kafka"]
    finally:
        release.set()
        writer.join()
        if reader.is_alive():
            reader.join()


def test_an_import_derives_the_jobs_it_stored_and_a_read_catches_up_the_rest(
    service: Service, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    service.skills.refresh()  # the sample jobs
    # One job's skills left out of date, as a crash between storing a job and its skills leaves it.
    with service.profile.store.session() as s, s.begin():
        left = s.scalars(select(JobRow.id).order_by(JobRow.id).limit(1)).one()
        s.execute(delete(JobSkillStateRow).where(JobSkillStateRow.job_id == left))
    scans: list[str] = []
    whole = SkillStore.stale

    def counted(self: SkillStore, stamp: str, batch: int = 1000) -> Iterator[list[StaleJob]]:
        scans.append(stamp)
        return whole(self, stamp, batch)

    monkeypatch.setattr(SkillStore, "stale", counted)
    job_id = service.jobs.import_files([posting_file(tmp_path)]).accepted[0].id
    # The import read the job it stored, not every job of the library to find it (a pass per
    # batch: a million-job library would be read hundreds of times).
    assert scans == []
    with service.profile.store.session() as s:
        derived = set(s.scalars(select(JobSkillStateRow.job_id)))
    assert job_id in derived and left not in derived
    # The job left behind is derived by the next read, like any stale job.
    assert [s.id for s in service.skills.of_job(job_id)] == ["go", "postgresql", "apache-kafka"]
    assert scans, "the read looked for stale jobs"
    with service.profile.store.session() as s:
        assert left in set(s.scalars(select(JobSkillStateRow.job_id)))
    assert service.skills.refresh() == 0


def test_every_job_is_derived_again_batch_by_batch_with_the_same_skills(
    service: Service, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    texts = [DESCRIPTION, DESCRIPTION.replace("Go", "Rust"), "<p>Terraform and AWS; Kubernetes a plus</p>"]
    service.jobs.import_files([posting_file(tmp_path, text, f"batch-{n}") for n, text in enumerate(texts)])
    service.skills.refresh()
    store = SkillStore(service.profile.store)
    before = store.all_skills()
    jobs = len(service.profile.store.job_versions())
    with service.profile.store.session() as s, s.begin():  # as after a glossary change
        s.execute(delete(JobSkillStateRow))
    # Batches of two: each is matched while the one before it is stored.
    monkeypatch.setattr("desktop_app.service.skills.STALE_BATCH", 2)
    assert service.skills.refresh() == jobs
    assert store.all_skills() == before
    assert service.skills.refresh() == 0


def test_a_rebuilt_index_holds_every_job_s_skills(service: Service, tmp_path: Path) -> None:
    # Jobs whose skills were never derived (stored by an older version, or a crash between a job
    # and its skills): a rebuild derives them first, so ``skill:`` finds them at once rather
    # than after the next start.
    job_id = service.jobs.import_files([posting_file(tmp_path)]).accepted[0].id
    with service.profile.store.session() as s, s.begin():
        s.execute(delete(JobSkillStateRow))
    service.indexing.rebuild()
    assert [hit.id for hit in service.search.query("skill:go", kind="job").hits] == [job_id]
    assert service.skills.refresh() == 0


def test_new_jobs_get_the_skills_of_what_they_were_stored_with(service: Service, tmp_path: Path) -> None:
    # A new job's skills are matched on what the write stored (not read back): where a feed
    # repeats a posting, the listing stored is the later copy, and so are its skills.
    pages = [json.loads(posting_file(tmp_path, identifier=f"feed-{n}").read_text("utf-8")) for n in range(3)]
    for page in pages:
        del page["identifier"]
    # A repost, edited past the part of a description that tells postings apart.
    intro = "<p>" + "We move money for small shops across the country, every hour of the day. " * 40 + "</p>"
    pages[0]["description"] = intro + DESCRIPTION
    pages[1]["description"] = intro + DESCRIPTION.replace("Apache Kafka", "RabbitMQ")
    pages[1]["datePosted"] = "2026-11-25"  # another id
    pages[2]["title"] = "Data Engineer"
    pages[2]["description"] = "<h3>Requirements</h3><p>Terraform and AWS; Kubernetes a plus</p>"
    feed = tmp_path / "feed.json"
    feed.write_text(json.dumps(pages), "utf-8")
    report = service.jobs.import_files([feed])
    store = SkillStore(service.profile.store)
    derived = store.all_skills()
    assert report.accepted[0].id == report.accepted[1].id  # the repost is the same listing
    stored = service.profile.store.job(report.accepted[1].id)
    assert stored is not None and "RabbitMQ" in stored.description_text
    assert [slug for slug, _ in derived[JobId(stored.id)]] == ["go", "postgresql", "rabbitmq"]
    with service.profile.store.session() as s, s.begin():
        s.execute(delete(JobSkillStateRow))
    service.skills.refresh()
    assert store.all_skills() == derived
