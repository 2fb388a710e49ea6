"""``import`` and ``export``: the import report's shape, files refused before any work."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from desktop_app.paths import AppPaths
from tests.cli.support import call, call_json
from tests.conftest import FIXTURES, lever_repost


def test_import_json_and_dry_run(profile: AppPaths) -> None:
    page = str(FIXTURES / "messy-page.html")
    dry = call_json(profile, "import", page, "--dry-run")
    assert set(dry) == {"accepted", "rejected", "counts", "note", "stored", "merged", "removed", "checks"}
    assert dry["stored"] == {"new": 0, "updated": 0, "unchanged": 0}
    assert dry["counts"] == {"accepted": 2, "rejected": 2, "lacking": 1} and dry["note"] is None
    assert len(dry["accepted"]) == 2 and len(dry["rejected"]) == 2
    assert {"source", "reason"} == set(dry["rejected"][0])
    assert all(
        set(c) == {"id", "source", "missing_required", "missing_recommended", "expired"}
        for c in dry["checks"]
    )
    real = call_json(profile, "import", page)
    assert real["stored"] == {"new": 2, "updated": 0, "unchanged": 0}
    again = call_json(profile, "import", page)
    assert again["stored"] == {"new": 0, "updated": 0, "unchanged": 2}
    # Each accepted job is a job object, stored under the id it reports.
    shown = call_json(profile, "show", real["accepted"][0]["id"])
    skills = shown.pop("skills")  # show adds the skills the job asks for
    assert shown == {"kind": "job", **real["accepted"][0]} and isinstance(skills, list)


def test_import_report_as_text(profile: AppPaths) -> None:
    result = call(profile, "import", str(FIXTURES / "messy-page.html"), "--dry-run")
    assert result.status == 0 and result.err == ""
    first, *rest = result.out.splitlines()
    assert first == "Accepted 2, rejected 2; stored 0 new, 0 updated, 0 unchanged (dry run: nothing stored)."
    assert sum(line.startswith("  rejected messy-page.html") for line in rest) == 2


def test_a_missing_file_is_refused_before_the_profile_opens(tmp_path: Path) -> None:
    home = tmp_path / "new-profile"
    result = call(home, "import", str(tmp_path / "jobs.json"), str(FIXTURES / "messy-page.html"))
    assert result.status == 1 and result.out == ""
    assert result.err == f"glossary-jobs: error: no such file: {tmp_path / 'jobs.json'}\n"
    assert not home.exists()  # no database made, no index built for nothing


def test_export_csv_and_jsonld_formats_in_any_case(profile: AppPaths, tmp_path: Path) -> None:
    result = call(profile, "export", "--format", "CSV", str(tmp_path / "jobs.csv"))
    assert (result.status, result.out, result.err) == (
        0,
        f"Exported 6 jobs to {tmp_path / 'jobs.csv'}.\n",
        "",
    )
    with (tmp_path / "jobs.csv").open(encoding="utf-8", newline="") as handle:
        assert len(list(csv.DictReader(handle))) == 6
    result = call(
        profile, "export", "--format", "jsonld", "--query", "salary:>80000", str(tmp_path / "one.jsonld")
    )
    assert result.out == f"Exported 1 job to {tmp_path / 'one.jsonld'}.\n"
    assert "Mobile App Developer" in json.dumps(
        json.loads((tmp_path / "one.jsonld").read_text(encoding="utf-8"))
    )


def test_export_needs_a_format(profile: AppPaths, tmp_path: Path) -> None:
    result = call(profile, "export", str(tmp_path / "jobs.csv"))
    assert result.status == 2 and "the following arguments are required: --format" in result.err
    assert not (tmp_path / "jobs.csv").exists()


def test_import_help_lists_every_format(profile: AppPaths) -> None:
    result = call(profile, "import", "--help")
    assert result.status == 0
    for name in ("JSON-LD", "@graph", "ItemList", "HTML", "CSV", "Greenhouse", "Lever", "Ashby",
                 "SmartRecruiters", "Workable", "boards add"):  # fmt: skip
        assert name in result.out, name


def test_the_report_names_what_was_merged_into_what(profile: AppPaths, tmp_path: Path) -> None:
    april, may = lever_repost(tmp_path)
    (kept,) = call_json(profile, "import", str(april))["accepted"]
    expected = {
        "id": "",  # the posting's own id, filled in below
        "into": kept["id"],
        "title": "Field Service Technician",
        "company": None,
        "source": "may.json",
        "into_title": "Field Service Technician",
    }
    dry = call_json(profile, "import", str(may), "--dry-run")
    (merged,) = dry["merged"]
    assert merged == {**expected, "id": merged["id"]} and merged["id"] != kept["id"]
    real = call_json(profile, "import", str(may))
    assert real["merged"] == dry["merged"] and real["stored"]["new"] == 0
    text = call(profile, "import", str(may)).out.splitlines()
    assert (
        f'  merged "Field Service Technician" (may.json) into "Field Service Technician" {kept["id"]}: '
        "the same job seen again, one listing"
    ) in text


def test_the_text_report_names_expired_postings_by_title(profile: AppPaths, tmp_path: Path) -> None:
    posting = {
        "@context": "https://schema.org",
        "@type": "JobPosting",
        "title": "Winter Ski Instructor",
        "description": "<p>Teach beginners on the nursery slopes.</p>",
        "datePosted": "2019-10-01",
        "validThrough": "2020-03-31T23:59",
        "hiringOrganization": {"@type": "Organization", "name": "Alpine Co"},
        "jobLocation": {"@type": "Place", "address": {"addressLocality": "Aspen", "addressCountry": "US"}},
    }
    path = tmp_path / "season.jsonld"
    path.write_text(json.dumps(posting), encoding="utf-8")
    result = call(profile, "import", str(path), "--dry-run")
    (line,) = [line for line in result.out.splitlines() if "expired" in line]
    assert line.startswith('  "Winter Ski Instructor" ') and line.endswith("(season.jsonld): expired")


def test_a_salary_given_only_in_words_is_kept_as_text(profile: AppPaths, tmp_path: Path) -> None:
    posting = {
        "@context": "https://schema.org",
        "@type": "JobPosting",
        "title": "Barista",
        "description": "<p>Coffee.</p>",
        "baseSalary": "Competitive, depending on experience",
    }
    path = tmp_path / "cafe.jsonld"
    path.write_text(json.dumps(posting), encoding="utf-8")
    (job,) = call_json(profile, "import", str(path), "--dry-run")["accepted"]
    assert job["salary"] is None and job["salary_text"] == "Competitive, depending on experience"


def test_show_gives_both_links_and_the_pay_as_posted(profile: AppPaths, tmp_path: Path) -> None:
    april, _may = lever_repost(tmp_path)
    (lever,) = call_json(profile, "import", str(april))["accepted"]
    text = call(profile, "show", lever["id"]).out
    assert f"  apply url: {lever['url']}/apply\n  listing: {lever['url']}\n" in text
    cafe = tmp_path / "cafe.jsonld"
    posting = {"@type": "JobPosting", "title": "Barista", "description": "<p>Tea.</p>", "baseSalary": "DOE"}
    cafe.write_text(json.dumps(posting), encoding="utf-8")
    (barista,) = call_json(profile, "import", str(cafe))["accepted"]
    shown = call(profile, "show", barista["id"]).out
    assert "  salary: DOE (as posted; counted as salary unknown)\n" in shown
