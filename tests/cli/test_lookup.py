"""``search`` and ``show``: the JSON shapes of the contract and the readable text."""

from __future__ import annotations

import json
from pathlib import Path

from desktop_app.paths import AppPaths
from tests.cli.support import call, call_json

FLASK_SUMMARY = (
    "A small Python web framework that gives you routing and request handling and lets you pick "
    "everything else."
)


def test_search_json_shape(profile: AppPaths) -> None:
    data = call_json(profile, "search", "flask")
    assert set(data) == {"query", "total", "suggestion", "hits"}
    assert data["query"] == "flask" and data["suggestion"] is None
    # A term's snippet is its summary (docs/CLI.md); the title matched, so no excerpt is needed.
    assert data["hits"][0] == {
        "kind": "term",
        "id": "flask",
        "title": "Flask",
        "snippet": call_json(profile, "show", "flask")["summary"],
        "excerpt": "",
    }
    assert data["hits"][0]["snippet"] == FLASK_SUMMARY
    assert data["total"] >= len(data["hits"]) > 1
    # A hit that matches in its text only shows where, with the word in it.
    text_only = [h for h in data["hits"] if h["excerpt"]]
    assert text_only and all("flask" in h["excerpt"].lower() for h in text_only)


def test_a_job_snippet_is_company_location_salary_and_type(profile: AppPaths) -> None:
    hit = call_json(profile, "search", "mobile app developer", "--kind", "job")["hits"][0]
    assert hit["kind"] == "job" and hit["title"] == "Mobile App Developer"
    parts = hit["snippet"].split(" · ")
    assert "Lakewood, CA" in parts[1] and "85" in parts[2] and "118" in parts[2]


def test_search_salary_kind_job(profile: AppPaths) -> None:
    data = call_json(profile, "search", "salary:>80000", "--kind", "job")
    assert [h["title"] for h in data["hits"]] == ["Mobile App Developer"]
    assert data["hits"][0]["kind"] == "job"


def test_kind_is_a_choice_in_any_case(profile: AppPaths) -> None:
    data = call_json(profile, "search", "developer", "--kind", "JOB")
    assert data["hits"] and {h["kind"] for h in data["hits"]} == {"job"}
    wrong = call(profile, "search", "developer", "--kind", "jobs")
    assert wrong.status == 2 and wrong.out == ""
    assert "argument --kind: invalid choice: 'jobs' (choose from 'all', 'term', 'job')" in wrong.err


def test_search_limit(profile: AppPaths) -> None:
    assert len(call_json(profile, "search", "python", "--limit", "3")["hits"]) == 3


def test_search_notes_what_of_a_query_was_ignored(profile: AppPaths) -> None:
    data = call_json(profile, "search", "python salary:lots")
    assert len(data["notes"]) == 1 and "salary:lots" in data["notes"][0]


def test_search_without_a_query_or_batch_says_what_to_give(profile: AppPaths) -> None:
    result = call(profile, "search")
    assert result.status == 1 and result.out == ""
    assert (
        result.err
        == "glossary-jobs: error: give a QUERY, or --batch FILE (try: glossary-jobs search flask)\n"
    )


def test_show_flask_lists_its_five_related_terms_each_resolving(profile: AppPaths) -> None:
    data = call_json(profile, "show", "flask")
    assert data["kind"] == "term" and data["category"] == "Full Stack"
    # The seed page's five related terms come first (the glossary may add more after them).
    assert [r["id"] for r in data["related"]][:5] == ["wsgi", "jinja2", "werkzeug", "django", "restful-api"]
    for related in data["related"]:
        shown = call_json(profile, "show", related["id"])
        assert shown["title"] == related["title"]
        assert "flask" in shown["backlinks"] or any(r["id"] == "flask" for r in shown["related"])
    assert {"name", "text"} == set(data["applications"][0])
    # When its facts were checked, and against what; what it signals to a recruiter.
    assert data["reviewed"].startswith("2026-") and data["sources"][0].startswith("https://")
    assert data["recruiters"] and len(data["recruiters"]) <= 240


def test_show_job_json(profile: AppPaths) -> None:
    job_id = call_json(profile, "search", "mobile app developer", "--kind", "job")["hits"][0]["id"]
    data = call_json(profile, "show", job_id)
    assert list(data)[:3] == ["kind", "id", "title"]
    assert data["kind"] == "job" and data["id"] == job_id and data["title"] == "Mobile App Developer"
    assert data["salary"] == {"min": 85013, "max": 118074, "currency": "USD", "unit": "YEAR"}
    assert data["locations"] == [{"city": "Lakewood", "region": "CA", "country": "US"}]
    assert data["date_posted"] == "2025-01-29"
    assert isinstance(data["remote"], bool) and data["employment_types"] == ["FULL_TIME"]


def test_show_an_unknown_id_names_it_and_what_to_try(profile: AppPaths) -> None:
    result = call(profile, "show", "no-such-thing")
    assert result.status == 1 and result.out == ""
    assert result.err == (
        "glossary-jobs: error: no term or job has the id 'no-such-thing' "
        "(try: glossary-jobs search no-such-thing)\n"
    )


def test_readable_text_without_json(profile: AppPaths) -> None:
    result = call(profile, "search", "djnago")
    assert result.status == 0 and result.err == ""
    assert result.out.startswith("Did you mean: django\n")
    assert "  [term] Django  (django)\n" in result.out
    shown = call(profile, "show", "flask").out
    assert shown.startswith("Flask  [Full Stack]\n")
    assert "What is Flask?" in shown and "\nRelated Terms\n  WSGI (wsgi): " in shown


def test_readable_job(profile: AppPaths) -> None:
    job_id = call_json(profile, "search", "mobile app developer", "--kind", "job")["hits"][0]["id"]
    text = call(profile, "show", job_id).out
    assert text.startswith(f"Mobile App Developer  ({job_id})\n")
    assert "  location: Lakewood, CA, US\n" in text and "  type: FULL_TIME\n" in text
    assert "  salary: 85,013–118,074 USD / YEAR\n" in text


def test_search_facets_count_the_matching_jobs(profile: AppPaths) -> None:
    data = call_json(profile, "search", "kind:job", "--facets")
    facets = data["facets"]
    assert set(facets) == {"employment_type", "location", "team", "salary_band", "posted", "skill"}
    assert facets["employment_type"] == {"FULL_TIME": 6}
    assert facets["team"] == {"Equipment Finance": 3, "Software": 3}
    assert sum(facets["salary_band"].values()) == 6
    assert "Irvine, CA, United States" in facets["location"]
    # Without --facets the object keeps its contract shape.
    assert "facets" not in call_json(profile, "search", "kind:job")


def test_search_facets_count_unknown_salary_as_a_band(profile: AppPaths, tmp_path: Path) -> None:
    feed = tmp_path / "unpaid.jsonld"
    feed.write_text(
        json.dumps({"@type": "JobPosting", "title": "Volunteer Mentor", "description": "Mentor juniors.",
                    "hiringOrganization": {"@type": "Organization", "name": "Open Source Club"}}),
        encoding="utf-8",
    )  # fmt: skip
    assert call(profile, "import", str(feed)).status == 0
    data = call_json(profile, "search", "mentor", "--kind", "job", "--facets")
    assert data["facets"]["salary_band"] == {"salary unknown": 1}


def test_search_batch_answers_one_json_line_per_query(profile: AppPaths, tmp_path: Path) -> None:
    queries = tmp_path / "queries.txt"
    queries.write_text("flask\ndjnago\nsalary:>80000\n\n", encoding="utf-8")
    result = call(profile, "search", "--batch", str(queries), "--facets", "--limit", "3")
    assert result.status == 0 and result.err == ""
    lines = [json.loads(line) for line in result.out.splitlines()]
    assert [line["query"] for line in lines] == ["flask", "djnago", "salary:>80000", ""]
    assert lines[0]["hits"][0]["id"] == "flask"
    assert lines[1]["suggestion"] == "django"
    assert [h["title"] for h in lines[2]["hits"]] == ["Mobile App Developer"]
    assert lines[2]["facets"]["salary_band"] == {"80k–120k": 1}
    assert all(isinstance(line["elapsed_ms"], float) and line["elapsed_ms"] >= 0 for line in lines)
    assert len(lines[0]["hits"]) == 3


def test_search_batch_reads_the_input_stream(profile: AppPaths) -> None:
    result = call(profile, "search", "--batch", "-", stdin="kube\npostgres\n")
    assert [json.loads(line)["hits"][0]["id"] for line in result.out.splitlines()] == [
        "kubernetes",
        "postgresql",
    ]


def test_search_batch_of_a_missing_file_is_one_line(profile: AppPaths, tmp_path: Path) -> None:
    result = call(profile, "search", "--batch", str(tmp_path / "none.txt"))
    assert result.status == 1 and result.out == ""
    missing = tmp_path / "none.txt"
    assert (
        result.err == f"glossary-jobs: error: cannot read queries from {missing}: No such file or directory\n"
    )


def test_a_job_says_its_workplace_and_both_its_links(profile: AppPaths) -> None:
    from tests.conftest import FIXTURES

    imported = call_json(profile, "import", str(FIXTURES / "lever.json"))
    job = next(j for j in imported["accepted"] if j["title"] == "Site Reliability Engineer")
    data = call_json(profile, "show", job["id"])
    assert data["workplace"] == "hybrid" and data["remote"] is False
    assert data["url"] and data["apply_url"] and data["url"] != data["apply_url"]
    assert data["apply_url"].endswith("/apply")
