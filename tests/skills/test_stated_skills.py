"""A posting's own list of skills (schema.org ``skills``): read, mapped to glossary terms, asked for."""

from __future__ import annotations

from desktop_app.importers import parse_file
from desktop_app.paths import AppPaths
from tests.cli.support import call_json
from tests.conftest import FIXTURES

SOURCE = FIXTURES / "skills_posting.jsonld"


def test_the_importer_reads_text_lists_and_defined_terms() -> None:
    jobs = {job.title: job for job in parse_file(SOURCE).jobs}
    assert jobs["Data Platform Engineer"].stated_skills == (
        "Kubernetes",
        "Postgres",
        "Terraform",
        "Apache Airflow",
        "Docker",
    )  # fmt: skip  (a sentence-long "skill" is not a name)
    assert jobs["Systems Programmer"].stated_skills == ("Go", "Rust")
    assert jobs["Analytics Engineer"].stated_skills == ("dbt",)


def test_stated_skills_are_asked_for_required_unless_the_text_says_otherwise(
    profile: AppPaths,
) -> None:
    accepted = call_json(profile, "import", str(SOURCE))["accepted"]
    ids = {job["title"]: job["id"] for job in accepted}

    def skills(title: str) -> dict[str, bool]:
        return {s["id"]: s["required"] for s in call_json(profile, "show", ids[title])["skills"]}

    platform = skills("Data Platform Engineer")
    # From the text's sections: Python required, Docker nice to have (the list does not overrule it).
    assert platform["python"] is True and platform["docker"] is False
    # From the posting's list, by title or alias: required.
    for slug in ("kubernetes", "postgresql", "terraform", "apache-airflow"):
        assert platform[slug] is True, slug
    assert skills("Systems Programmer") == {"go": True, "rust": True}
    assert skills("Analytics Engineer") == {"dbt": True}
    # They count like any other skill: in the facet and in skill: searches.
    found = call_json(profile, "search", "skill:postgres", "--kind", "job")["hits"]
    assert [h["title"] for h in found] == ["Data Platform Engineer"]
