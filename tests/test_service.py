"""The service: first start, glossary changes picked up, user entries, import and export."""

from __future__ import annotations

import csv
import json
import shutil
from dataclasses import replace
from pathlib import Path

from desktop_app.importers import parse_file
from desktop_app.importers.build import make_job
from desktop_app.paths import AppPaths, app_paths
from desktop_app.search.protocol import IndexChange
from desktop_app.service import Service
from tests.conftest import DATA, FIXTURES


def test_first_start_loads_glossary_and_samples(tmp_path: Path) -> None:
    service = Service(app_paths(tmp_path / "fresh"))
    report = service.open()
    try:
        assert report.glossary_loaded and report.samples_loaded
        assert report.glossary_problems == ()
        terms, jobs = service.profile.counts()
        assert terms == len(list((DATA / "glossary").glob("*.toml")))
        assert jobs == 6
        assert service.indexing.ensure() == "missing"
        assert service.search.query("flask").hits[0].id == "flask"
    finally:
        service.close()


def test_second_start_reloads_nothing(profile: AppPaths) -> None:
    service = Service(profile)
    report = service.open()
    service.close()
    assert not report.glossary_loaded and not report.samples_loaded


def _add_bottle_entry(profile: AppPaths) -> None:
    """Write the user's own entry "Bottle" (Flask's, renamed) into the profile's glossary folder."""
    profile.user_glossary_dir.mkdir()
    text = (DATA / "glossary" / "flask.toml").read_text(encoding="utf-8")
    text = text.replace('slug = "flask"', 'slug = "bottle"').replace('title = "Flask"', 'title = "Bottle"')
    text = text.replace('aliases = ["Flask framework", "Python Flask"]', 'aliases = ["bottle.py"]')
    (profile.user_glossary_dir / "bottle.toml").write_text(text, encoding="utf-8")


def test_user_entries_stand_beside_shipped_ones_and_keep_user_data(profile: AppPaths) -> None:
    service = Service(profile)
    service.open()
    service.jobs.import_files([FIXTURES / "messy-page.html"])
    service.close()
    _add_bottle_entry(profile)
    service = Service(profile)
    report = service.open()
    try:
        assert report.glossary_loaded
        service.indexing.ensure()
        detail = service.glossary.term("bottle")
        assert detail is not None and detail.term.origin == "user"
        assert service.search.query("bottle").hits[0].id == "bottle"
        assert service.profile.counts()[1] == 8  # the imported jobs are still there
    finally:
        service.close()


def test_importing_the_same_file_twice_updates_instead_of_duplicating(service: Service) -> None:
    first = service.jobs.import_files([FIXTURES / "messy-page.html"])
    second = service.jobs.import_files([FIXTURES / "messy-page.html"])
    assert (first.new, second.new, second.unchanged) == (2, 0, 2)
    assert service.profile.counts()[1] == 8


def test_dry_run_stores_nothing(service: Service) -> None:
    report = service.jobs.import_files([FIXTURES / "messy-page.html"], dry_run=True)
    assert len(report.accepted) == 2 and (report.new, report.updated, report.unchanged) == (0, 0, 0)
    assert service.profile.counts()[1] == 6


def test_jsonld_export_imports_back_to_the_same_jobs(service: Service, tmp_path: Path) -> None:
    service.jobs.import_files([FIXTURES / "messy-page.html"])
    out = tmp_path / "all.jsonld"
    assert service.jobs.export_jobs("jsonld", out) == 8
    exported = {j.id: j for j in parse_file(out).jobs}
    for job_id, job in exported.items():
        stored = service.jobs.job(job_id)
        assert stored is not None
        for field in (
            "title",
            "company",
            "locations",
            "remote",
            "employment_types",
            "salary",
            "team",
            "date_posted",
            "valid_through",
            "description_html",
            "apply_url",
            "direct_apply",
        ):
            assert getattr(job, field) == getattr(stored, field), field  # fmt: skip


def test_csv_export_neutralises_formulas_and_honours_a_query(service: Service, tmp_path: Path) -> None:
    page = (FIXTURES / "messy-page.html").read_text(encoding="utf-8")
    hostile = tmp_path / "hostile.html"
    hostile.write_text(page.replace("Backend Engineer (Python)", '=HYPERLINK(\\"x\\")'), encoding="utf-8")
    service.jobs.import_files([hostile])
    out = tmp_path / "jobs.csv"
    assert service.jobs.export_jobs("csv", out, query='company:"example labs"') == 2
    with out.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    titles = sorted(r["title"] for r in rows)
    assert titles == ['\'=HYPERLINK("x")', "Remote Data Engineer"]


def test_check_reports_a_sound_profile_and_a_damaged_index(service: Service, profile: AppPaths) -> None:
    assert service.check() == []
    shutil.rmtree(profile.index_dir)
    assert service.check() == ["index: missing (run reindex, or start the app, to rebuild it)"]


def test_job_json_contract_fields(service: Service) -> None:
    from desktop_app.cli.shapes import job_json

    job = next(iter(service.profile.store.iter_jobs()))
    data = job_json(job)  # the command line's job object (docs/CLI.md), whatever the database holds
    assert set(data) == {
        "id", "title", "company", "locations", "remote", "workplace", "employment_types", "salary",
        "salary_text", "date_posted", "valid_through", "apply_url", "url", "team", "description_text",
    }  # fmt: skip
    json.dumps(data)


def test_exported_remote_postings_say_where_applicants_may_live(service: Service, tmp_path: Path) -> None:
    # A fully remote Lever posting open to one country (the recorded one is hybrid: see below).
    posting = json.loads((FIXTURES / "lever.json").read_text(encoding="utf-8"))[0]
    posting["workplaceType"] = "remote"
    posting["categories"] |= {"location": "Remote - Canada", "allLocations": ["Remote - Canada"]}
    (tmp_path / "remote.json").write_text(json.dumps([posting]), encoding="utf-8")
    service.jobs.import_files([tmp_path / "remote.json"])
    out = tmp_path / "all.jsonld"
    service.jobs.export_jobs("jsonld", out, query="title:reliability")
    posting = json.loads(out.read_text(encoding="utf-8"))["@graph"][0]
    assert posting["jobLocationType"] == "TELECOMMUTE"
    assert posting["applicantLocationRequirements"] == [{"@type": "Country", "name": "CA"}]
    for required in ("title", "description", "datePosted", "identifier", "employmentType", "baseSalary"):
        assert required in posting
    service.jobs.import_files([FIXTURES / "lever.json"])  # Toronto, hybrid: not telecommuting
    service.jobs.export_jobs("jsonld", out, query='"Contract Product Designer" OR title:reliability')
    kinds = {
        p["title"]: p.get("jobLocationType") for p in json.loads(out.read_text(encoding="utf-8"))["@graph"]
    }
    assert kinds == {"Contract Product Designer": "TELECOMMUTE", "Site Reliability Engineer": "HYBRID"}


def test_the_term_matcher_outlives_job_writes_and_follows_a_new_glossary(profile: AppPaths) -> None:
    service = Service(profile)
    service.open()
    try:
        before = service.glossary.matcher()
        service.jobs.import_files([FIXTURES / "messy-page.html"])
        assert service.glossary.matcher() is before  # jobs came in, the terms did not change
        assert "bottle" not in {t.slug for t in service.glossary.terms()}
    finally:
        service.close()
    _add_bottle_entry(profile)
    service.open()  # loads the new glossary: the same part sees its terms replaced
    try:
        assert "bottle" in {t.slug for t in service.glossary.terms()}
        assert service.glossary.matcher().slugs_in("We use Bottle and Flask") == ["bottle", "flask"]
    finally:
        service.close()


def test_a_search_shows_a_job_as_stored_now_not_as_a_search_before_saw_it(service: Service) -> None:
    job = make_job(title="Zephyr Platform Engineer", source="kept.jsonld", company="Gale")
    service.indexing.write(
        lambda: service.profile.store.upsert_jobs([job]), lambda c: IndexChange(jobs=(job,))
    )
    first = service.search.query("zephyr", "job")
    assert [h.id for h in first.hits] == [job.id] and "Gale" in first.hits[0].snippet
    moved = replace(job, company="Storm")
    service.indexing.write(
        lambda: service.profile.store.upsert_jobs([moved]), lambda c: IndexChange(jobs=(moved,))
    )
    again = service.search.query("zephyr", "job")
    assert [h.id for h in again.hits] == [job.id] and "Storm" in again.hits[0].snippet
