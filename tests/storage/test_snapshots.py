"""Favourite snapshots: their own versioned format, old ones converted, every field kept."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from desktop_app.core.snapshot import SNAPSHOT_FORMAT, from_snapshot, to_snapshot
from desktop_app.core.types import Job, JobId, Location, Salary
from desktop_app.storage import db
from desktop_app.storage.repository import Store

FULL = Job(
    JobId("job-7"),
    "Platform Engineer",
    company="Acme",
    locations=(Location("Toronto", "ON", "CA"), Location(None, None, "US")),
    remote=True,
    employment_types=("FULL_TIME", "CONTRACTOR"),
    salary=Salary(120000, 150000, "CAD", "YEAR", 120000, 150000),
    team="Infrastructure",
    date_posted=date(2026, 10, 1),
    valid_through=date(2026, 12, 31),
    description_html="<p>Run <b>Kubernetes</b></p>",
    description_text="Run Kubernetes",
    apply_url="https://jobs.example/7/apply",
    source="acme.json",
    direct_apply=True,
)


def test_every_field_of_a_job_survives_its_snapshot() -> None:
    snapshot = json.loads(json.dumps(to_snapshot(FULL)))  # as the database stores it
    assert snapshot["format"] == SNAPSHOT_FORMAT
    assert from_snapshot("job-7", snapshot) == FULL


def test_a_broken_snapshot_still_gives_a_titled_job() -> None:
    job = from_snapshot(
        "job-9", {"format": SNAPSHOT_FORMAT, "job": {"salary": "lots", "date_posted": "soon"}}
    )
    assert (job.title, job.salary, job.date_posted) == ("job-9", None, None)


def test_old_snapshots_in_the_command_line_shape_are_converted_by_the_migration(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    engine = db.make_engine(path)
    db.upgrade(engine, "0007")
    legacy = {
        "id": "job-1", "title": "Data Engineer", "company": "Initech",
        "locations": [{"city": "Austin", "region": "TX", "country": "US"}], "remote": False,
        "employment_types": ["FULL_TIME"],
        "salary": {"min": 90000, "max": 110000, "currency": "USD", "unit": "YEAR"},
        "date_posted": "2025-03-01", "valid_through": None, "apply_url": "https://x.example/1",
        "team": "Data", "description_text": "Pipelines.", "description_html": "<p>Pipelines.</p>",
    }  # fmt: skip
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO favourites (job_id, snapshot, status, note, created_at, updated_at)"
            " VALUES ('job-1', ?, 'applied', '', '2025-03-02', '2025-03-02')",
            (json.dumps(legacy),),
        )
    engine.dispose()
    store = Store(path, tmp_path / "backups")
    [favourite] = store.user.favourites()
    assert favourite.snapshot["format"] == SNAPSHOT_FORMAT
    job = from_snapshot("job-1", favourite.snapshot)
    assert job.salary == Salary(90000, 110000, "USD", "YEAR")
    assert (job.title, job.team, job.locations[0].city) == ("Data Engineer", "Data", "Austin")
    assert job.description_html == "<p>Pipelines.</p>"
    assert job.date_posted == date(2025, 3, 1)
    store.close()
