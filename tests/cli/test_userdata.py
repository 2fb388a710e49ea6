"""``filters``, ``favourites`` and ``data`` on the command line: statuses as the window shows them."""

from __future__ import annotations

from pathlib import Path

from desktop_app.paths import AppPaths
from tests.cli.support import call, call_json


def mobile_job(profile: AppPaths) -> str:
    hits = call_json(profile, "search", "mobile app developer", "--kind", "job")["hits"]
    return str(hits[0]["id"])


def test_a_status_is_taken_in_any_case_and_kept_when_not_given(profile: AppPaths) -> None:
    job_id = mobile_job(profile)
    result = call(profile, "favourites", "add", job_id, "--status", "Applied")  # as the window shows it
    assert (result.status, result.out, result.err) == (0, f"Starred {job_id} (Applied).\n", "")
    assert (
        call(profile, "favourites", "add", job_id, "--note", "called back").out
        == f"Starred {job_id} (Applied).\n"
    )
    assert call_json(profile, "favourites", "list") == [
        {"id": 1, "job_id": job_id, "title": "Mobile App Developer", "status": "applied",
         "note": "called back", "listed": True}
    ]  # fmt: skip
    text = call(profile, "favourites", "list").out
    assert text == f"  Applied      Mobile App Developer  ({job_id})\n               called back\n"


def test_an_unknown_status_is_a_usage_error_listing_the_choices(profile: AppPaths) -> None:
    job_id = mobile_job(profile)
    result = call(profile, "favourites", "add", job_id, "--status", "hired")
    assert result.status == 2 and result.out == ""
    assert result.err.rstrip().endswith(
        "argument --status: invalid choice: 'hired' (choose from 'saved', 'applied', 'interviewing', "
        "'offer', 'rejected', 'archived')"
    )
    assert call_json(profile, "favourites", "list") == []


def test_starring_an_unknown_job_is_one_line(profile: AppPaths) -> None:
    result = call(profile, "favourites", "add", "job-nothere")
    assert (result.status, result.out) == (1, "")
    assert result.err == "glossary-jobs: error: no job has the id 'job-nothere'\n"


def test_filters_add_list_open(profile: AppPaths) -> None:
    assert call(profile, "filters", "add", "Mobile", "mobile").out == "Saved filter 1: Mobile\n"
    assert call_json(profile, "filters", "list") == [
        {"id": 1, "name": "Mobile", "query": "mobile", "total": 1, "new": 0}
    ]
    assert call(profile, "filters", "list").out == "    1  Mobile  (1 jobs, 0 new)  mobile\n"
    missing = call(profile, "filters", "open", "7")
    assert (missing.status, missing.err) == (1, "glossary-jobs: error: no saved filter has the id 7\n")
    assert call(profile, "filters", "open", "nine").status == 2  # not a number: a usage error


def test_data_export_and_merge(profile: AppPaths, tmp_path: Path) -> None:
    call(profile, "filters", "add", "Mobile", "mobile")
    exported = call(profile, "data", "export", str(tmp_path / "mine.json"))
    assert exported.status == 0 and exported.out.startswith("Exported 1 filters, 0 favourites")
    merged = call(profile, "data", "import", str(tmp_path / "mine.json"))
    assert merged.status == 0 and merged.out.startswith("Merged 0 filters, 0 favourites")


def test_restore_backup_without_one_says_where_it_looked(tmp_path: Path) -> None:
    home = tmp_path / "empty"
    result = call(home, "data", "restore-backup")
    assert result.status == 1 and result.out == ""
    assert result.err == f"glossary-jobs: error: no good backup was found in {home / 'backups'}\n"
