"""The reader's own data: favourites with a timeline and a snapshot, filters' new counts, export and merge."""

from __future__ import annotations

import io
import json
import sqlite3
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from desktop_app import cli
from desktop_app.paths import AppPaths, app_paths
from desktop_app.service import Service, ServiceError
from desktop_app.storage import db
from desktop_app.storage.models import JobRow
from tests.conftest import FIXTURES


def run(profile: AppPaths | Path, *argv: str) -> str:
    root = profile.root if isinstance(profile, AppPaths) else profile
    out = io.StringIO()
    assert cli.run(cli.parse_args(["--data-dir", str(root), *argv]), out) == 0
    return out.getvalue()


def run_json(profile: AppPaths, *argv: str) -> Any:
    return json.loads(run(profile, *argv, "--json"))


def mobile_job(service: Service) -> str:
    return service.search.query("mobile app developer", kind="job").hits[0].id


def test_a_favourite_keeps_its_status_timeline_note_and_snapshot(service: Service) -> None:
    job_id = mobile_job(service)
    service.user.star(job_id, note="met the team lead")
    service.user.star(job_id, "applied")
    service.user.star(job_id, "interviewing", note="second round on Friday")
    fav = service.user.favourites()[0]
    assert (fav.status, fav.note, fav.listed) == ("interviewing", "second round on Friday", True)
    assert [status for status, _at in fav.timeline] == ["saved", "applied", "interviewing"]
    assert (fav.job.title, fav.job.company) == ("Mobile App Developer", "Tustin Recruiting")
    with pytest.raises(ServiceError, match="status must be one of"):
        service.user.star(job_id, "dreaming")


def test_a_favourite_survives_the_listing_leaving_the_board(service: Service) -> None:
    job_id = mobile_job(service)
    service.user.star(job_id, "applied", note="waiting")
    with service.profile.store.session() as s, s.begin():
        s.delete(s.get(JobRow, job_id))
    fav = service.user.favourites()[0]
    assert (fav.listed, fav.title, fav.status, fav.note) == (
        False,
        "Mobile App Developer",
        "applied",
        "waiting",
    )
    service.user.star(job_id, "rejected")  # still editable from its snapshot
    assert service.user.favourites()[0].status == "rejected"


def test_a_saved_filter_counts_new_jobs_until_opened(service: Service) -> None:
    filter_id = service.user.save_filter("Python", "python", service_criteria())
    assert [(f.total, f.new) for f in service.user.filters_overview()] == [(0, 0)]
    service.jobs.import_files([FIXTURES / "greenhouse.json"])
    assert [(f.total, f.new) for f in service.user.filters_overview()] == [(1, 1)]
    service.user.open_filter(filter_id)
    assert [(f.total, f.new) for f in service.user.filters_overview()] == [(1, 0)]


def service_criteria() -> Any:
    from desktop_app.core.criteria import Criteria

    return Criteria()


def test_cli_forms_and_the_new_count_rising_after_import(profile: AppPaths) -> None:
    assert "Saved filter 1" in run(profile, "filters", "add", "Data roles", "data")
    before = run_json(profile, "filters", "list")
    assert before == [{"id": 1, "name": "Data roles", "query": "data", "total": 0, "new": 0}]
    run(profile, "import", str(FIXTURES / "greenhouse.json"))
    after = run_json(profile, "filters", "list")[0]
    assert (after["total"], after["new"]) == (1, 1)
    run(profile, "filters", "open", "1")
    assert run_json(profile, "filters", "list")[0]["new"] == 0
    job_id = run_json(profile, "search", "data analyst", "--kind", "job")["hits"][0]["id"]
    run(profile, "favourites", "add", job_id, "--status", "applied", "--note", "sent CV")
    assert run_json(profile, "favourites", "list") == [
        {
            "id": 1,
            "job_id": job_id,
            "title": "Data Analyst",
            "status": "applied",
            "note": "sent CV",
            "listed": True,
        }
    ]


def test_export_then_import_into_an_empty_profile_gives_everything_back(
    service: Service, tmp_path: Path
) -> None:
    job_id = mobile_job(service)
    service.user.save_filter("Mobile", "mobile", service_criteria())
    service.user.star(job_id, "offer", note="negotiate")
    service.pipeline.set_next_action(job_id, "Call back about the start date", date(2026, 12, 4))
    service.user.record_view("term", "flask", "Flask")
    service.user.record_view("job", job_id, "Mobile App Developer")
    out = tmp_path / "mine.json"
    service.user.hide("company", "Evil Corp")
    counts = {"filters": 1, "favourites": 1, "history": 2, "hide_rules": 1, "skills": 0, "next_actions": 1}
    assert service.user.export_data(out) == counts
    other = Service(app_paths(tmp_path / "empty"))
    other.open()
    try:
        assert other.user.import_data(out) == counts
        assert other.user.import_data(out) == {
            "filters": 0,
            "favourites": 0,
            "history": 0,
            "hide_rules": 0,
            "skills": 0,
            "next_actions": 0,
        }  # merges, no duplicates
        assert other.profile.store.user.export() == service.profile.store.user.export()
        assert other.pipeline.cards()[0].next_action == service.pipeline.cards()[0].next_action
    finally:
        other.close()


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("not json", "is not JSON"),
        ('{"format": "something else"}', "not a Glossary & Jobs data file"),
        (
            '{"format": "glossary-jobs-data", "version": 1, "filters": [{"name": "", "query": "x"}]}',
            "'name' must be text",
        ),
        (
            '{"format": "glossary-jobs-data", "version": 1, "filters": [{"name": "Ok", "query": "x",'
            ' "created_at": "2025-01-01T00:00:00"}], "history": [{"kind": "tab", "id": "x", "title": "t"}]}',
            "kind must be term or job",
        ),
    ],
)
def test_a_bad_data_file_changes_nothing_and_says_why(
    service: Service, tmp_path: Path, content: str, reason: str
) -> None:
    before = service.profile.store.user.export()
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ServiceError, match=reason):
        service.user.import_data(path)
    assert service.profile.store.user.export() == before


def test_a_daily_backup_is_made_once_a_day_and_seven_are_kept(tmp_path: Path) -> None:
    profile = app_paths(tmp_path / "p")
    for _ in range(2):
        svc = Service(profile)
        svc.open()
        svc.close()
    assert len(list(profile.backups_dir.glob("*-daily.sqlite3"))) == 1
    for day in range(10):
        stamp = (datetime.now() - timedelta(days=day + 1)).strftime("%Y%m%d")
        (profile.backups_dir / f"glossary-jobs-{stamp}-000000-000000-daily.sqlite3").write_bytes(b"")
    for old in profile.backups_dir.glob("*-daily.sqlite3"):
        if datetime.now().strftime("%Y%m%d") in old.name:
            old.unlink()
    assert db.daily_backup(profile.database, profile.backups_dir) is not None
    assert len(list(profile.backups_dir.glob("*-daily.sqlite3"))) == db.DAILY_KEEP


DAMAGED = b"SQLite format 3\x00" + b"\xde\xad" * 4000


def damaged_profile(root: Path) -> AppPaths:
    """A profile opened once (so it has its daily backup), then its database file damaged."""
    profile = app_paths(root)
    svc = Service(profile)
    svc.open()
    svc.close()
    profile.database.write_bytes(DAMAGED)
    for extra in profile.root.glob("glossary-jobs.sqlite3-*"):
        extra.unlink()
    return profile


def test_a_corrupted_database_is_detected_and_the_newest_good_backup_offered(tmp_path: Path) -> None:
    profile = damaged_profile(tmp_path / "p")
    damaged = DAMAGED
    svc = Service(profile)
    with pytest.raises(ServiceError) as caught:
        svc.open()
    message = str(caught.value)
    assert "the newest good backup is" in message and "daily.sqlite3" in message
    assert profile.database.read_bytes() == damaged  # kept aside, never overwritten
    backup = Path(message.split("the newest good backup is ")[1].split(" (")[0])
    with sqlite3.connect(backup) as conn:  # the day's first start: the profile as it was then
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == (db.HEAD_REVISION,)


def test_hide_rules_remove_jobs_companies_and_titles_until_shown_or_removed(service: Service) -> None:
    service.jobs.import_files([FIXTURES / "greenhouse.json", FIXTURES / "workable.json"])

    def titles() -> set[str]:
        return {
            h.title
            for h in service.search.query(
                "engineer OR analyst OR intern OR executive", kind="job", limit=100
            ).hits
        }

    everything = titles()
    assert {"Senior Python Engineer", "Data Analyst", "Embedded C++ Engineer"} <= everything
    service.user.hide("company", "Example Robotics")
    job_id = service.search.query("data analyst", kind="job").hits[0].id
    rule = service.user.hide("job", job_id)
    service.user.hide("title", "account executive")
    hidden = titles()
    assert "Embedded C++ Engineer" not in hidden and "Robotics Intern" not in hidden
    assert "Data Analyst" not in hidden and "Junior Account Executive" not in hidden
    assert "Senior Python Engineer" in hidden
    assert service.search.query("flask").hits[0].id == "flask"  # terms are never hidden
    service.user.show_hidden = True
    assert titles() == everything
    service.user.show_hidden = False
    service.user.unhide(rule)
    assert "Data Analyst" in titles()
    with pytest.raises(ServiceError):
        service.user.hide("planet", "Mars")


def test_restoring_the_newest_good_backup_keeps_the_damaged_file(tmp_path: Path) -> None:
    profile = damaged_profile(tmp_path / "p")
    damaged = DAMAGED
    out = run(profile.root, "data", "restore-backup")
    assert out.startswith("Restored ") and "daily.sqlite3" in out
    kept = [
        p for p in profile.root.iterdir() if ".damaged-" in p.name and not p.name.endswith(("-wal", "-shm"))
    ]
    assert len(kept) == 1 and kept[0].read_bytes() == damaged
    svc = Service(profile)
    svc.open()  # opens again (and migrates nothing)
    svc.close()


def test_saved_filters_can_be_renamed_duplicated_and_reordered(service: Service) -> None:
    first = service.user.save_filter("A", "python", service_criteria())
    service.user.save_filter("B", "java", service_criteria())
    service.user.rename_filter(first, "Python roles")
    copy = service.user.duplicate_filter(first)
    assert [f.name for f in service.user.saved_filters()] == ["Python roles", "Python roles (copy)", "B"]
    service.user.move_filter(copy, 1)
    assert [f.name for f in service.user.saved_filters()] == ["Python roles", "B", "Python roles (copy)"]
    service.user.move_filter(first, -1)  # already first: stays
    assert service.user.saved_filters()[0].name == "Python roles"
    with pytest.raises(ServiceError):
        service.user.rename_filter(first, "  ")
