"""``filters``, ``favourites`` and ``data`` on the command line: statuses as the window shows them."""

from __future__ import annotations

from pathlib import Path

from desktop_app.paths import AppPaths
from desktop_app.service import Service
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
    assert call(profile, "filters", "list").out == "    1  Mobile  (1 job, 0 new)  mobile\n"
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


def test_hide_a_company_and_bring_it_back(profile: AppPaths) -> None:
    before = call_json(profile, "search", "kind:job")["total"]
    job = call_json(profile, "show", mobile_job(profile))
    hidden = call(profile, "hide", "add", "Company", f" {job['company']} ")
    assert (hidden.status, hidden.out, hidden.err) == (
        0,
        f"Hiding company '{job['company']}' (rule 1).\n",
        "",
    )
    assert call_json(profile, "hide", "list") == [{"id": 1, "kind": "company", "value": job["company"]}]
    after = call_json(profile, "search", "kind:job")
    assert after["total"] < before and all(h["id"] != job["id"] for h in after["hits"])
    assert call(profile, "hide", "remove", "1").out == "Removed hide rule 1.\n"
    assert call_json(profile, "search", "kind:job")["total"] == before
    again = call(profile, "hide", "remove", "1")
    assert (again.status, again.err) == (
        1,
        "glossary-jobs: error: no hide rule has the id 1 (see: glossary-jobs hide list)\n",
    )
    wrong = call(profile, "hide", "add", "salary", "low")
    assert (
        wrong.status == 2 and "invalid choice: 'salary' (choose from 'job', 'company', 'title')" in wrong.err
    )


def test_history_lists_what_was_opened_newest_first_and_clears(profile: AppPaths) -> None:
    job_id = mobile_job(profile)
    service = Service(profile)
    service.open()
    service.user.record_view("term", "flask", "Flask")
    service.user.record_view("job", job_id, "Mobile App Developer")
    service.close()
    assert call_json(profile, "history", "list") == [
        {"kind": "job", "id": job_id, "title": "Mobile App Developer"},
        {"kind": "term", "id": "flask", "title": "Flask"},
    ]
    assert (
        call(profile, "history", "list", "--limit", "1").out == f"  [job] Mobile App Developer  ({job_id})\n"
    )
    assert call(profile, "history", "clear").out == "Forgot 2 items of history.\n"
    assert call_json(profile, "history", "list") == []


def test_a_next_action_set_and_the_pipeline_exported_as_csv_and_ics(
    profile: AppPaths, tmp_path: Path
) -> None:
    import csv

    import icalendar

    job_id = mobile_job(profile)
    call(profile, "favourites", "add", job_id, "--status", "interviewing")
    result = call(profile, "favourites", "next", job_id, "Interview, 10:00", "--due", "2026-12-03")
    assert (result.status, result.out) == (0, f"Next for {job_id}: Interview, 10:00 on 2026-12-03.\n")
    assert call(profile, "favourites", "next", job_id, "Call", "--due", "soon").status == 2
    paths = tmp_path / "pipeline.csv", tmp_path / "next.ics"
    result = call(profile, "favourites", "export", "--csv", str(paths[0]), "--ics", str(paths[1]))
    assert result.out == f"Wrote 1 favourite to {paths[0]}.\nWrote 1 dated next action to {paths[1]}.\n"
    with paths[0].open(encoding="utf-8", newline="") as f:
        (row,) = list(csv.DictReader(f))
    assert (row["title"], row["status"], row["next_action"]) == (
        "Mobile App Developer",
        "interviewing",
        "Interview, 10:00",
    )
    (event,) = icalendar.Calendar.from_ical(paths[1].read_bytes()).walk("VEVENT")
    assert str(event["summary"]).startswith("Interview, 10:00: Mobile App Developer")
    assert (
        call(profile, "favourites", "next", job_id, "--clear").out
        == f"Cleared the next action of {job_id}.\n"
    )
    assert call(profile, "favourites", "export").status == 1  # no file named: says where to write
