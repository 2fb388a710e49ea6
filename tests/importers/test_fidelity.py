"""Real-shaped postings read right: places, workplace, pay and links as the vendors publish them."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.core.types import Job, Location
from desktop_app.importers import parse_file
from desktop_app.importers.export import write_csv, write_jsonld
from desktop_app.search.schema import job_document
from desktop_app.service import Service
from desktop_app.storage.convert import fill_job_row, row_to_job
from desktop_app.storage.models import JobRow

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def jobs_of(name: str) -> dict[str, Job]:
    result = parse_file(FIXTURES / name)
    assert result.rejected == ()
    return {job.title: job for job in result.jobs}


# -- places -------------------------------------------------------------------------------------
def test_a_greenhouse_job_in_three_cities_keeps_all_three() -> None:
    job = jobs_of("greenhouse_workplace.json")["Staff Backend Engineer"]
    assert job.locations == (
        Location("New York", "NY", "US"),
        Location("San Francisco", "CA", "US"),
        Location("Austin", "TX", "US"),
    )


def test_toronto_on_ca_is_canada_and_irvine_california_is_the_us() -> None:
    jobs = jobs_of("greenhouse_workplace.json")
    assert jobs["Product Designer"].locations == (Location("Toronto", "ON", "CA"),)
    assert jobs["Product Designer"].location_label() == "Toronto, ON, Canada; Hybrid"
    assert jobs["Lab Technician"].locations == (Location("Irvine", "CA", "US"),)


def test_a_cut_location_string_leaves_no_fragment() -> None:
    job = jobs_of("greenhouse_workplace.json")["Support Engineer"]  # "- Remote (US"
    assert job.locations == (Location(country="US"),)


@pytest.mark.parametrize(
    ("fixture", "title", "places"),
    [
        ("smartrecruiters_workplace.json", "Senior Data Engineer (m/w/d)", [Location("Hamburg", "HH", "DE")]),
        ("workable_workplace.json", "QA Automation Engineer", [Location("Athens", "Attica", "GR")]),
        (
            "ashby_workplace.json",
            "Machine Learning Engineer",
            [Location("London", "England", "GB"), Location("Berlin", None, "DE")],
        ),
        ("tracker.csv", "Python Developer", [Location("Hồ Chí Minh", None, "VN")]),
        (
            "postings.jsonld",
            "Senior Frontend Engineer",
            [Location("Munich", "Bavaria", "DE"), Location("Vienna", None, "AT")],
        ),
    ],
)
def test_addresses_field_by_field(fixture: str, title: str, places: list[Location]) -> None:
    assert list(jobs_of(fixture)[title].locations) == places


# -- workplace ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("fixture", "title", "workplace"),
    [
        ("greenhouse_workplace.json", "Staff Backend Engineer", "remote"),  # metadata "Workplace Type"
        ("greenhouse_workplace.json", "Product Designer", "hybrid"),  # metadata "Location Type"
        ("greenhouse_workplace.json", "Support Engineer", "remote"),  # a multi_select list
        ("greenhouse_workplace.json", "Lab Technician", "onsite"),
        ("ashby_workplace.json", "Machine Learning Engineer", "hybrid"),  # isRemote true, yet hybrid
        ("ashby_workplace.json", "Developer Advocate", "remote"),  # isRemote alone
        ("smartrecruiters_workplace.json", "Senior Data Engineer (m/w/d)", "hybrid"),
        ("smartrecruiters_workplace.json", "Customer Success Manager", "remote"),
        ("workable_workplace.json", "QA Automation Engineer", "hybrid"),
        ("workable_workplace.json", "Solutions Architect", "remote"),  # telecommuting
        ("tracker.csv", "Data Scientist", "remote"),  # "Location Type" column
        ("tracker.csv", "ML Engineer", "hybrid"),  # the column wins over "/ Remote" in the text
        ("tracker.csv", "Backend Developer", "onsite"),
        ("tracker.csv", "Platform Engineer", "remote"),  # "Remote - US" in the location text
        ("tracker.csv", "Python Developer", None),
        ("postings.jsonld", "Software Engineer, Payments", "remote"),  # TELECOMMUTE
        ("postings.jsonld", "Senior Frontend Engineer", "hybrid"),
        ("postings.jsonld", "Site Reliability Engineer", None),
        ("lever.json", "Site Reliability Engineer", "hybrid"),  # workplaceType beats "Remote - Canada"
    ],
)
def test_workplace_from_every_place_vendors_put_it(fixture: str, title: str, workplace: str | None) -> None:
    job = jobs_of(fixture)[title]
    assert job.workplace == workplace
    assert job.remote is (workplace == "remote")  # remote: fully remote only


def test_a_country_already_named_by_a_city_is_not_repeated() -> None:
    job = jobs_of("lever.json")["Site Reliability Engineer"]  # "Toronto, ON" and "Remote - Canada"
    assert job.locations == (Location("Toronto", "ON", "CA"),)


def test_remote_applicants_countries_find_the_job() -> None:
    job = jobs_of("postings.jsonld")["Software Engineer, Payments"]
    assert job.locations == (Location(country="US"), Location(country="CA"))


def test_workplace_and_places_survive_storage_and_export(tmp_path: Path) -> None:
    jobs = [*jobs_of("postings.jsonld").values(), *jobs_of("ashby_workplace.json").values()]
    for job in jobs:
        assert row_to_job(fill_job_row(JobRow(), job)) == job
    write_jsonld(jobs, tmp_path / "out.jsonld")
    again = {job.title: job for job in parse_file(tmp_path / "out.jsonld").jobs}
    for job in jobs:
        assert again[job.title].workplace == job.workplace
        assert again[job.title].locations == job.locations
    write_csv(jobs, tmp_path / "out.csv")
    from_csv = {job.title: job for job in parse_file(tmp_path / "out.csv").jobs}
    assert from_csv["Machine Learning Engineer"].workplace == "hybrid"


def test_the_index_finds_a_place_by_its_full_name_and_the_workplace_by_its_value() -> None:
    job = jobs_of("greenhouse_workplace.json")["Product Designer"]
    doc = job_document(job)
    assert {"Toronto", "Ontario", "Canada"} <= set(doc["location"].split())
    assert "California" not in doc["location"]
    assert doc["workplace"] == "hybrid"
    assert "Toronto / ON / Canada" in doc["loc_facet"]


# -- pay ----------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("fixture", "title", "pay"),
    [
        # baseSalary a bare string, the currency in salaryCurrency: "over 8 million" (dong).
        ("postings.jsonld", "Lập trình viên Backend (Java)", (8_000_000, None, "VND", None)),
        ("postings.jsonld", "Site Reliability Engineer", (125_000, 125_000, "CAD", None)),  # bare number
        ("postings.jsonld", "Senior Frontend Engineer", (60_000, 70_000, "EUR", "YEAR")),
        ("postings.jsonld", "Embedded Engineer", (65_000, None, "EUR", "YEAR")),
        ("tracker.csv", "Python Developer", (8_000_000, None, "VND", "MONTH")),
        ("tracker.csv", "Backend Developer", (45_000, 55_000, "GBP", "YEAR")),
        ("greenhouse_workplace.json", "Staff Backend Engineer", (180_000, 215_000, "USD", None)),  # pay-range
    ],
)
def test_pay_as_posted(fixture: str, title: str, pay: tuple[float | None, ...]) -> None:
    salary = jobs_of(fixture)[title].salary
    assert salary is not None
    assert (salary.min, salary.max, salary.currency, salary.unit) == pay
    if salary.unit is None:
        assert salary.annual_min is None and salary.annual_max is None  # no guessed yearly figure


def test_unreadable_pay_is_kept_as_text_and_counts_as_unknown() -> None:
    job = jobs_of("tracker.csv")["Platform Engineer"]
    assert job.salary is None and job.salary_text == "Competitive + equity"
    assert job_document(job)["salary_band"] == "salary unknown"
    assert row_to_job(fill_job_row(JobRow(), job)).salary_text == "Competitive + equity"


# -- reports ------------------------------------------------------------------------------------
def test_a_broken_json_file_is_rejected_with_the_whole_reason(tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{\n  "@type": "JobPosting",\n  "title": "Dev"\n  "datePosted": "2025-01-02"\n}')
    (rejection,) = parse_file(broken).rejected
    assert rejection.reason.startswith("invalid JSON at line 4, column 3: Expecting ',' delimiter")
    assert '"title": "Dev" ▸"datePosted"' in rejection.reason  # where, with the text around it
    empty = tmp_path / "empty.json"
    empty.write_text("  \n")
    assert [r.reason for r in parse_file(empty).rejected] == ["the file is empty: no JSON in it"]


def test_the_hybrid_filter_and_facet(service: Service) -> None:
    from desktop_app.core.criteria import Criteria

    service.jobs.import_files([FIXTURES / "greenhouse_workplace.json", FIXTURES / "ashby_workplace.json"])
    every = service.search.query("", kind="job", limit=500, criteria=Criteria(sort="date"), with_facets=True)
    hybrid = service.search.query("", kind="job", limit=500, criteria=Criteria(remote="hybrid", sort="date"))
    assert every.facets["remote"]["hybrid"] == hybrid.total > 0
    for hit in hybrid.hits:
        job = service.jobs.job(hit.id)
        assert job is not None and job.workplace == "hybrid" and not job.remote
    onsite = service.search.query("", kind="job", limit=500, criteria=Criteria(remote="onsite", sort="date"))
    assert not {h.id for h in onsite.hits} & {h.id for h in hybrid.hits}
