"""Reposts and the same job from two sources are one listing, keeping its id, sources and first-seen."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select

from desktop_app.service import Service
from desktop_app.storage.models import FavouriteRow, JobRow

DESCRIPTION = (
    "<p>Our payments team builds the services that move money for millions of customers. You will "
    "design and operate Python and PostgreSQL systems, review code, and share on-call. We value "
    "careful testing, clear writing and calm incident response. Experience with Kubernetes helps.</p>"
)


def posting(**changes: Any) -> dict[str, Any]:
    base = {
        "@type": "JobPosting",
        "title": "Payments Engineer",
        "hiringOrganization": {"@type": "Organization", "name": "Coinpurse"},
        "jobLocation": {"@type": "Place", "address": {"@type": "PostalAddress", "addressLocality": "Denver",
                                                      "addressRegion": "CO"}},
        "datePosted": "2025-03-01",
        "description": DESCRIPTION,
        "url": "https://coinpurse.example/jobs/1",
    }  # fmt: skip
    base.update(changes)
    return base


def write(folder: Path, name: str, data: Any) -> Path:
    path = folder / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_a_repost_with_a_new_date_and_url_is_the_same_listing(service: Service, tmp_path: Path) -> None:
    first = service.jobs.import_files([write(tmp_path, "march.json", posting())])
    job_id = first.accepted[0].id
    with service.profile.store.session() as s, s.begin():
        now = datetime.now()
        s.add(FavouriteRow(job_id=job_id, snapshot={}, note="call Sam", created_at=now, updated_at=now))
    repost = posting(datePosted="2025-04-02", url="https://coinpurse.example/jobs/1-repost")
    second = service.jobs.import_files([write(tmp_path, "april.json", repost)])
    assert second.accepted[0].id == job_id
    assert second.merged and second.merged[0][1] == job_id
    assert (second.new, second.updated) == (0, 1)
    stored = service.jobs.job(job_id)
    assert (
        stored is not None
        and stored.date_posted is not None
        and stored.date_posted.isoformat() == "2025-04-02"
    )
    assert [s["source"] for s in service.profile.store.job_sources(job_id)] == ["march.json", "april.json"]
    with service.profile.store.session() as s:
        row = s.get(JobRow, job_id)
        assert row is not None and row.first_seen < row.updated_at
        assert s.scalars(select(FavouriteRow.note)).all() == ["call Sam"]
    assert service.profile.counts()[1] == 7
    assert [h.id for h in service.search.query("payments engineer", kind="job").hits] == [job_id]


def test_the_same_job_from_a_feed_and_a_page_is_one_listing(service: Service, tmp_path: Path) -> None:
    page = f'<script type="application/ld+json">{json.dumps(posting())}</script>'
    (tmp_path / "careers.html").write_text(page, encoding="utf-8")
    service.jobs.import_files([tmp_path / "careers.html"])
    feed = {
        "jobs": [
            {
                "id": 777,
                "title": "Payments Engineer",
                "company_name": "Coinpurse",
                "absolute_url": "https://boards.example/coinpurse/777",
                "location": {"name": "Denver, CO"},
                "updated_at": "2025-03-05T10:00:00Z",
                "content": DESCRIPTION.replace("<", "&lt;").replace(">", "&gt;"),
            }
        ]
    }
    report = service.jobs.import_files([write(tmp_path, "greenhouse.json", feed)])
    assert len(report.merged) == 1
    assert service.profile.counts()[1] == 7
    kept = report.merged[0][1]
    assert {s["source"] for s in service.profile.store.job_sources(kept)} == {
        "careers.html",
        "greenhouse.json",
    }


def test_an_older_copy_does_not_move_the_date_back(service: Service, tmp_path: Path) -> None:
    service.jobs.import_files([write(tmp_path, "new.json", posting(datePosted="2025-05-01", url=None))])
    report = service.jobs.import_files(
        [write(tmp_path, "old.json", posting(datePosted="2025-01-01", url=None))]
    )
    stored = service.jobs.job(report.accepted[0].id)
    assert (
        stored is not None
        and stored.date_posted is not None
        and stored.date_posted.isoformat() == "2025-05-01"
    )


def test_same_title_in_two_cities_stays_two_listings(service: Service) -> None:
    titles = [h.title for h in service.search.query('"account executive equipment finance"', kind="job").hits]
    assert titles == ["Account Executive Equipment Finance"] * 2


def test_duplicates_inside_one_import_are_stored_once(service: Service, tmp_path: Path) -> None:
    graph = {"@graph": [posting(), posting(datePosted="2025-03-09")]}
    report = service.jobs.import_files([write(tmp_path, "twice.json", graph)])
    assert report.new == 1 and len({job.id for job in report.accepted}) == 1
    assert service.profile.counts()[1] == 7


def test_one_source_listing_two_links_is_two_jobs(service: Service, tmp_path: Path) -> None:
    # The same company, title and place at two URLs of one feed: two openings, never merged.
    graph = {"@graph": [posting(), posting(datePosted="2025-03-09", url="https://mirror.example/1")]}
    report = service.jobs.import_files([write(tmp_path, "twice.json", graph)])
    assert report.new == 2 and len({job.id for job in report.accepted}) == 2 and report.merged == ()


def test_dry_run_reports_the_id_a_repost_would_keep(service: Service, tmp_path: Path) -> None:
    first = service.jobs.import_files([write(tmp_path, "a.json", posting())])
    dry = service.jobs.import_files(
        [write(tmp_path, "b.json", posting(url="https://x.example/2"))], dry_run=True
    )
    assert dry.accepted[0].id == first.accepted[0].id and dry.merged
    assert (dry.new, dry.updated, dry.unchanged) == (0, 0, 0)


def test_updating_from_a_feed_removes_the_listings_it_no_longer_holds(
    service: Service, tmp_path: Path
) -> None:
    from desktop_app.core.criteria import Criteria

    feed = tmp_path / "board.json"
    other = posting(
        title="Data Engineer", url="https://coinpurse.example/jobs/2", description="<p>Pipelines.</p>"
    )
    feed.write_text(json.dumps({"@graph": [posting(), other]}), encoding="utf-8")
    first = service.jobs.import_files([feed])
    kept_id, gone_id = first.accepted[0].id, first.accepted[1].id
    service.user.star(gone_id, "applied", note="waiting")
    mirror = write(tmp_path, "mirror.json", posting(url="https://mirror.example/1"))
    service.jobs.import_files([mirror])  # the first listing is also known from a second source
    feed.write_text(json.dumps({"@graph": []}), encoding="utf-8")
    assert (
        service.jobs.import_files([feed], withdraw_missing=True).removed == ()
    )  # an empty file might be broken
    third = posting(title="Platform Engineer", url="https://coinpurse.example/jobs/3")
    feed.write_text(json.dumps({"@graph": [third]}), encoding="utf-8")
    report = service.jobs.import_files([feed], withdraw_missing=True)
    assert set(report.removed) == {gone_id}
    assert service.jobs.job(gone_id) is None
    assert service.jobs.job(kept_id) is not None  # still held by the mirror
    assert [s["source"] for s in service.profile.store.job_sources(kept_id)] == ["mirror.json"]
    assert service.search.query("data engineer", kind="job").total == 0
    fav = service.user.favourite(gone_id)
    assert fav is not None and not fav.listed and fav.job.title == "Data Engineer"
    assert service.user.filters_overview() == [] and Criteria().is_empty
