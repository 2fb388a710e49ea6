"""Merging only the same job: twins of one role stay apart, a repost is recognised and named."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop_app.importers import parse_file
from desktop_app.importers.export import write_jsonld
from desktop_app.storage.repository import Store

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = Store(tmp_path / "jobs.sqlite3", tmp_path / "backups")
    yield opened
    opened.close()


def _write(path: Path, postings: list[dict[str, object]]) -> Path:
    path.write_text(json.dumps(postings), encoding="utf-8")
    return path


def test_two_lever_postings_with_different_ids_stay_two_listings(store: Store) -> None:
    jobs = parse_file(FIXTURES / "lever_twins.json").jobs
    assert len(jobs) == 2 and jobs[0].title == jobs[1].title  # same title, city, description
    counts = store.upsert_jobs(jobs)
    assert (counts.new, counts.merged, counts.merged_names) == (2, (), ())
    assert store.resolve_ids(jobs) == {job.id: job.id for job in jobs}


def test_lever_keeps_the_listing_page_and_the_apply_link(tmp_path: Path, store: Store) -> None:
    job = parse_file(FIXTURES / "lever_twins.json").jobs[0]
    assert job.url == "https://jobs.lever.co/voltaic/0b6c3e1a-5d2f-4e8b-9a71-3c4d5e6f7a81"
    assert job.apply_url == "https://jobs.lever.co/voltaic/0b6c3e1a-5d2f-4e8b-9a71-3c4d5e6f7a81/apply"
    store.upsert_jobs([job])
    stored = store.job(job.id)
    assert stored is not None and (stored.url, stored.apply_url) == (job.url, job.apply_url)
    write_jsonld([job], tmp_path / "out.jsonld")  # both links survive an export (ApplyAction)
    (again,) = parse_file(tmp_path / "out.jsonld").jobs
    assert (again.url, again.apply_url) == (job.url, job.apply_url)


def test_a_repost_with_a_new_id_in_a_later_file_is_named_in_the_report(tmp_path: Path, store: Store) -> None:
    postings = json.loads((FIXTURES / "lever_twins.json").read_text(encoding="utf-8"))
    store.upsert_jobs(parse_file(_write(tmp_path / "april.json", postings[:1])).jobs)
    repost = dict(postings[0], id="5a5a5a5a-0000-4000-8000-000000000001", createdAt=1746057600000)
    repost["hostedUrl"] = "https://jobs.lever.co/voltaic/5a5a5a5a-0000-4000-8000-000000000001"
    repost["applyUrl"] = repost["hostedUrl"] + "/apply"
    again = parse_file(_write(tmp_path / "may.json", [repost])).jobs
    first_id = parse_file(tmp_path / "april.json").jobs[0].id
    assert store.resolve_ids(again) == {again[0].id: first_id}
    assert [m.kept_id for m in store.resolve_merges(again)] == [first_id]  # a dry run names it too
    counts = store.upsert_jobs(again)
    assert counts.new == 0 and counts.merged == ((again[0].id, first_id),)
    (named,) = counts.merged_names
    assert (named.title, named.kept_title, named.source) == (
        "Field Service Technician",
        "Field Service Technician",
        "may.json",
    )


def test_the_same_posting_in_one_file_twice_is_one_listing(tmp_path: Path, store: Store) -> None:
    postings = json.loads((FIXTURES / "lever_twins.json").read_text(encoding="utf-8"))
    jobs = parse_file(_write(tmp_path / "dup.json", [postings[0], postings[0]])).jobs
    counts = store.upsert_jobs(jobs)
    assert counts.new == 1


def test_a_different_description_is_a_different_job(tmp_path: Path, store: Store) -> None:
    postings = json.loads((FIXTURES / "lever_twins.json").read_text(encoding="utf-8"))
    store.upsert_jobs(parse_file(_write(tmp_path / "a.json", postings[:1])).jobs)
    other = dict(postings[1], description="<div>Commission wind turbines offshore.</div>", lists=[])
    counts = store.upsert_jobs(parse_file(_write(tmp_path / "b.json", [other])).jobs)
    assert counts.new == 1 and counts.merged == ()
