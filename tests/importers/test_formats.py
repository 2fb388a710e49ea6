"""Every format a user can import, through `import FILE --dry-run --json`: real-shaped, messy files."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest

from desktop_app import cli
from desktop_app.paths import AppPaths
from tests.conftest import FIXTURES


def dry_run(profile: AppPaths, name: str) -> dict[str, Any]:
    out = io.StringIO()
    argv = ["--data-dir", str(profile.root), "import", str(FIXTURES / name), "--dry-run", "--json"]
    assert cli.run(cli.parse_args(argv), out) == 0
    data: dict[str, Any] = json.loads(out.getvalue())
    assert data["stored"] == {"new": 0, "updated": 0, "unchanged": 0}
    return data


def by_title(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {job["title"]: job for job in data["accepted"]}


def test_greenhouse_feed(profile: AppPaths) -> None:
    data = dry_run(profile, "greenhouse.json")
    jobs = by_title(data)
    senior = jobs["Senior Python Engineer"]
    assert senior["company"] == "Example Labs" and senior["team"] == "Engineering"
    assert senior["locations"][0] == {"city": "San Francisco", "region": "CA", "country": "US"}
    assert senior["remote"] is True and senior["employment_types"] == ["FULL_TIME"]
    # first_published, not updated_at, is the posting date
    assert senior["date_posted"] == "2025-02-20"
    assert senior["description_text"].startswith("We build Django and Kubernetes services.")
    assert "alert" not in senior["description_text"]
    assert [loc["city"] for loc in jobs["Data Analyst"]["locations"]] == ["New York", "Austin"]
    assert [r["reason"] for r in data["rejected"]] == ["posting has no title"]
    assert "(Greenhouse) posting 3" in data["rejected"][0]["source"]


def test_lever_feed(profile: AppPaths) -> None:
    jobs = by_title(dry_run(profile, "lever.json"))
    sre = jobs["Site Reliability Engineer"]
    assert sre["date_posted"] == "2025-02-01"  # createdAt in milliseconds
    assert sre["salary"] == {"min": 120000, "max": 150000, "currency": "CAD", "unit": "YEAR"}
    assert sre["locations"][0] == {"city": "Toronto", "region": "ON", "country": "CA"}
    assert sre["team"] == "Platform" and "Terraform" in sre["description_text"]
    designer = jobs["Contract Product Designer"]
    assert designer["remote"] is True and designer["employment_types"] == ["CONTRACTOR"]
    assert designer["salary"]["unit"] == "HOUR"


def test_ashby_feed(profile: AppPaths) -> None:
    jobs = by_title(dry_run(profile, "ashby.json"))
    ml = jobs["Machine Learning Engineer"]
    assert ml["salary"] == {"min": 90000, "max": 120000, "currency": "GBP", "unit": "YEAR"}
    assert [loc["city"] for loc in ml["locations"]] == ["London", "Berlin"]
    assert ml["team"] == "Applied ML" and ml["employment_types"] == ["FULL_TIME"]
    writer = jobs["Part-time Technical Writer"]
    assert writer["remote"] is True and writer["employment_types"] == ["PART_TIME"]


def test_smartrecruiters_feed(profile: AppPaths) -> None:
    jobs = by_title(dry_run(profile, "smartrecruiters.json"))
    backend = jobs["Backend Developer (Java)"]
    assert backend["company"] == "Example Corp"
    assert backend["locations"] == [{"city": "Munich", "region": "Bavaria", "country": "DE"}]
    assert backend["team"] == "Platform Engineering" and backend["date_posted"] == "2025-01-15"
    assert "Spring Boot microservices on AWS." in backend["description_text"]
    assert jobs["Remote Support Engineer"]["remote"] is True


def test_workable_feed(profile: AppPaths) -> None:
    jobs = by_title(dry_run(profile, "workable.json"))
    embedded = jobs["Embedded C++ Engineer"]
    assert embedded["company"] == "Example Robotics"
    assert embedded["locations"] == [
        {"city": "Boston", "region": "MA", "country": "US"}
    ]  # hidden dropped; a US state's name is stored as its code
    assert embedded["date_posted"] == "2025-02-03"
    intern = jobs["Robotics Intern"]
    assert intern["remote"] is True and intern["employment_types"] == ["INTERN"]


def test_csv_spreadsheet(profile: AppPaths) -> None:
    data = dry_run(profile, "jobs.csv")
    jobs = by_title(data)
    frontend = jobs["Frontend Developer"]
    assert frontend["salary"] == {"min": 90000, "max": 110000, "currency": "USD", "unit": "YEAR"}
    assert frontend["date_posted"] == "2025-02-03" and frontend["valid_through"] == "2025-01-01"
    assert frontend["apply_url"] == "https://acme.example/jobs/1"
    night = jobs["Night Shift Support"]
    assert night["salary"]["unit"] == "HOUR" and night["remote"] is True
    assert night["date_posted"] == "2025-02-04" and night["apply_url"] is None  # javascript: dropped
    devops = jobs["DevOps Engineer"]
    assert devops["locations"] == [{"city": "Denver", "region": "CO", "country": "US"}]
    assert devops["description_text"] == "Terraform,\nAnsible and Jenkins."
    assert [r["reason"] for r in data["rejected"]] == ["posting has no title"]
    assert data["rejected"][0]["source"] == "jobs.csv row 4"


def test_checks_report_missing_properties_and_expiry(profile: AppPaths) -> None:
    data = dry_run(profile, "jobs.csv")
    checks = {c["id"]: c for c in data["checks"]}
    frontend = by_title(data)["Frontend Developer"]
    assert checks[frontend["id"]]["expired"] is True
    assert "identifier" in checks[frontend["id"]]["missing_recommended"]
    night = by_title(data)["Night Shift Support"]
    assert checks[night["id"]]["missing_recommended"] == ["validThrough", "identifier"]


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("Position;Employer;City;State;Pay;Posted On", {"title": "Dev", "company": "Acme", "city": "Reno"}),
        ("title\tcompany\tlocation", {"title": "Dev", "company": "Acme", "city": "Reno"}),
    ],
)
def test_csv_headers_and_delimiters(profile: AppPaths, header: str, expected: dict[str, str]) -> None:
    delimiter = ";" if ";" in header else "\t"
    row = delimiter.join(
        ["Dev", "Acme", "Reno", "NV", "$50/hour", "2025-01-02"][: len(header.split(delimiter))]
    )
    if delimiter == "\t":
        row = "Dev\tAcme\tReno, NV"
    path = profile.root / "sheet.csv"
    path.write_text(f"{header}\n{row}\n", encoding="utf-8")
    out = io.StringIO()
    assert (
        cli.run(
            cli.parse_args(["--data-dir", str(profile.root), "import", str(path), "--dry-run", "--json"]), out
        )
        == 0
    )
    job = json.loads(out.getvalue())["accepted"][0]
    assert (job["title"], job["company"], job["locations"][0]["city"]) == tuple(expected.values())
    assert job["locations"][0]["region"] == "NV"


def test_csv_without_a_title_column_is_one_clear_rejection(tmp_path: Any) -> None:
    from desktop_app.importers.csvfile import parse_csv

    result = parse_csv(b"foo,bar\n1,2\n", "odd.csv")
    assert result.jobs == ()
    assert result.rejected[0].reason == "no job title column (columns found: foo, bar)"


def test_single_value_salary_and_past_valid_through_jsonld(profile: AppPaths) -> None:
    path = profile.root / "one.jsonld"
    path.write_text(
        json.dumps(
            {
                "@type": "JobPosting",
                "title": "Analyst",
                "hiringOrganization": {"@type": "Organization", "name": "Acme"},
                "baseSalary": {
                    "@type": "MonetaryAmount",
                    "currency": "EUR",
                    "value": {"@type": "QuantitativeValue", "value": 4000, "unitText": "MONTH"},
                },
                "validThrough": "2020-01-01T00:00",
                "jobLocation": {"@type": "Place", "address": "Berlin, Germany"},
            }
        ),
        encoding="utf-8",
    )
    out = io.StringIO()
    assert cli.run(cli.parse_args(["--data-dir", str(profile.root), "import", str(path), "--json"]), out) == 0
    data = json.loads(out.getvalue())
    job = data["accepted"][0]
    assert job["salary"] == {"min": 4000, "max": 4000, "currency": "EUR", "unit": "MONTH"}
    assert job["valid_through"] == "2020-01-01"
    assert data["stored"]["new"] == 1  # expired listings are kept …
    assert data["checks"][0]["expired"] is True  # … and marked
