"""Importing JobPosting JSON-LD and HTML pages: every field read, bad records rejected with a reason."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from desktop_app.core.types import Location
from desktop_app.importers import parse_file
from desktop_app.importers.jsonld import parse_document
from tests.conftest import FIXTURES, SAMPLES

SEED = {
    ("Account Executive Equipment Finance", "Irvine", 75000, 95000, "Equipment Finance", date(2025, 2, 9)),
    (
        "Account Executive Equipment Finance",
        "Anaheim Hills",
        75000,
        95000,
        "Equipment Finance",
        date(2025, 2, 9),
    ),
    ("Junior Account Executive", "Hayward", 62330, 79329, "Software", date(2025, 1, 29)),
    ("Sales Operations Coordinator", "Eugene", 45156, 58201, "Software", date(2025, 1, 29)),
    ("Account Executive", "Cypress", 55000, 70000, "Equipment Finance", date(2025, 1, 29)),
    ("Mobile App Developer", "Lakewood", 85013, 118074, "Software", date(2025, 1, 29)),
}


def test_sample_jobs_hold_the_six_seed_listings() -> None:
    result = parse_file(SAMPLES)
    assert result.rejected == ()
    seen = set()
    for job in result.jobs:
        assert job.company == "Tustin Recruiting"
        assert job.employment_types == ("FULL_TIME",)
        assert job.salary is not None and job.salary.unit == "YEAR" and job.salary.currency == "USD"
        assert job.description_text == "" and job.apply_url is None
        seen.add(
            (job.title, job.locations[0].city, job.salary.min, job.salary.max, job.team, job.date_posted)
        )
    assert seen == SEED
    assert len({job.id for job in result.jobs}) == 6


def test_messy_page_keeps_good_postings_and_explains_bad_blocks() -> None:
    result = parse_file(FIXTURES / "messy-page.html")
    titles = {job.title: job for job in result.jobs}
    assert set(titles) == {"Backend Engineer (Python)", "Remote Data Engineer"}
    reasons = [(r.source, r.reason) for r in result.rejected]
    assert any("block 2" in s and "invalid JSON" in r for s, r in reasons)
    assert any("posting has no title" in r for _s, r in reasons)

    backend = titles["Backend Engineer (Python)"]
    assert backend.company == "Example Labs"
    assert backend.locations == (Location("New York", "NY", "US"), Location("Austin", "TX", "US"))
    assert backend.employment_types == ("FULL_TIME",)
    assert backend.salary is not None and backend.salary.min == 140000 and backend.salary.currency == "USD"
    assert backend.date_posted == date(2025, 3, 1) and backend.valid_through == date(2025, 6, 1)
    assert backend.description_html == "<p>Build APIs with <b>Flask</b> and PostgreSQL.</p>"
    assert backend.description_text == "Build APIs with Flask and PostgreSQL."
    assert backend.apply_url == "https://jobs.example.org/be-42" and backend.direct_apply is True
    assert backend.source == "messy-page.html"

    remote = titles["Remote Data Engineer"]
    assert remote.remote is True
    assert remote.employment_types == ("CONTRACTOR",)
    assert (
        remote.salary is not None and remote.salary.unit == "HOUR" and remote.salary.annual_min == 90 * 2080
    )
    assert "script" not in remote.description_html and "alert" not in remote.description_text


def test_same_posting_gets_the_same_id_every_time() -> None:
    first = parse_file(FIXTURES / "messy-page.html").jobs
    second = parse_file(FIXTURES / "messy-page.html").jobs
    assert [j.id for j in first] == [j.id for j in second]


def test_item_list_and_array_wrappers() -> None:
    doc = {
        "@type": "ItemList",
        "itemListElement": [
            {"@type": "ListItem", "item": {"@type": "JobPosting", "title": "A", "datePosted": "2025-01-01"}},
            {"@type": "ListItem", "item": {"@type": "JobPosting", "title": "B", "datePosted": "2025-01-02"}},
        ],
    }
    result = parse_document(json.dumps(doc), "list.json")
    assert [j.title for j in result.jobs] == ["A", "B"]


def test_document_without_postings_is_one_clear_rejection() -> None:
    result = parse_document('{"@type": "Organization", "name": "X"}', "org.json")
    assert result.jobs == ()
    assert [r.reason for r in result.rejected] == ["no schema.org JobPosting found"]


def test_deeply_nested_json_is_rejected_cleanly() -> None:
    text = "[" * 100_000 + "]" * 100_000
    result = parse_document(text, "deep.json")
    assert result.jobs == ()
    assert "nested too deeply" in result.rejected[0].reason


def test_unknown_file_type_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "jobs.xlsx"
    path.write_bytes(b"PK\x03\x04 binary")
    result = parse_file(path)
    assert result.jobs == ()
    assert "unsupported file type '.xlsx'" in result.rejected[0].reason
