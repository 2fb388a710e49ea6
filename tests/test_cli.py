"""The command line: JSON shapes of the contract, readable text, one-line errors, no Qt loaded."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from desktop_app import __version__, cli
from desktop_app.paths import AppPaths, shipped_glossary_dir
from tests.conftest import FIXTURES

ROOT = Path(__file__).resolve().parent.parent


def run(profile: AppPaths, *argv: str) -> tuple[int, str]:
    out = io.StringIO()
    status = cli.run(cli.parse_args(["--data-dir", str(profile.root), *argv]), out)
    return status, out.getvalue()


def run_json(profile: AppPaths, *argv: str) -> Any:
    status, text = run(profile, *argv, "--json")
    assert status == 0
    return json.loads(text)


def test_search_json_shape(profile: AppPaths) -> None:
    data = run_json(profile, "search", "flask")
    assert set(data) == {"query", "total", "suggestion", "hits"}
    assert data["query"] == "flask" and data["suggestion"] is None
    assert data["hits"][0] == {
        "kind": "term",
        "id": "flask",
        "title": "Flask",
        "snippet": data["hits"][0]["snippet"],
        "excerpt": "",  # the title matched: no excerpt of the text is needed
    }
    assert data["total"] >= len(data["hits"]) > 1
    # A hit that matches in its text only shows where, with the word in it.
    text_only = [h for h in data["hits"] if h["excerpt"]]
    assert text_only and all("flask" in h["excerpt"].lower() for h in text_only)


def test_search_salary_kind_job(profile: AppPaths) -> None:
    data = run_json(profile, "search", "salary:>80000", "--kind", "job")
    assert [h["title"] for h in data["hits"]] == ["Mobile App Developer"]
    assert data["hits"][0]["kind"] == "job"


def test_search_limit(profile: AppPaths) -> None:
    assert len(run_json(profile, "search", "python", "--limit", "3")["hits"]) == 3


def test_show_flask_lists_its_five_related_terms_each_resolving(profile: AppPaths) -> None:
    data = run_json(profile, "show", "flask")
    assert data["kind"] == "term" and data["category"] == "Full Stack"
    assert [r["id"] for r in data["related"]] == ["wsgi", "jinja2", "werkzeug", "django", "restful-api"]
    for related in data["related"]:
        shown = run_json(profile, "show", related["id"])
        assert shown["title"] == related["title"]
        assert "flask" in shown["backlinks"] or any(r["id"] == "flask" for r in shown["related"])
    assert {"name", "text"} == set(data["applications"][0])


def test_show_job_json(profile: AppPaths) -> None:
    job_id = run_json(profile, "search", "mobile app developer", "--kind", "job")["hits"][0]["id"]
    data = run_json(profile, "show", job_id)
    assert data["kind"] == "job" and data["title"] == "Mobile App Developer"
    assert data["salary"] == {"min": 85013, "max": 118074, "currency": "USD", "unit": "YEAR"}
    assert data["locations"] == [{"city": "Lakewood", "region": "CA", "country": "US"}]
    assert data["date_posted"] == "2025-01-29"


def test_import_json_and_dry_run(profile: AppPaths) -> None:
    dry = run_json(profile, "import", str(FIXTURES / "messy-page.html"), "--dry-run")
    assert dry["stored"] == {"new": 0, "updated": 0, "unchanged": 0}
    assert len(dry["accepted"]) == 2 and len(dry["rejected"]) == 2
    assert {"source", "reason"} == set(dry["rejected"][0])
    real = run_json(profile, "import", str(FIXTURES / "messy-page.html"))
    assert real["stored"] == {"new": 2, "updated": 0, "unchanged": 0}
    again = run_json(profile, "import", str(FIXTURES / "messy-page.html"))
    assert again["stored"] == {"new": 0, "updated": 0, "unchanged": 2}


def test_readable_text_without_json(profile: AppPaths) -> None:
    status, text = run(profile, "search", "djnago")
    assert status == 0 and "Did you mean: django" in text and "[term] Django" in text
    status, text = run(profile, "show", "flask")
    assert "What is Flask?" in text and "Related Terms" in text


def test_export_and_check_and_reindex(profile: AppPaths, tmp_path: Path) -> None:
    status, text = run(profile, "export", "--format", "csv", str(tmp_path / "jobs.csv"))
    assert status == 0 and "Exported 6 jobs" in text
    assert run(profile, "reindex")[0] == 0
    status, text = run(profile, "check")
    assert status == 0 and text.startswith("OK")


def _subprocess(*argv: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "desktop_app", *argv],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env or dict(os.environ),
        timeout=120,
    )


def test_a_command_loads_no_qt(profile: AppPaths) -> None:
    code = (
        "import sys; from desktop_app.main import main; "
        f"status = main(['--data-dir', {str(profile.root)!r}, 'search', 'flask', '--json']); "
        "assert 'PySide6' not in sys.modules, 'Qt was imported'; sys.exit(status)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["hits"][0]["id"] == "flask"


def test_errors_are_one_line_without_traceback(profile: AppPaths) -> None:
    result = _subprocess("--data-dir", str(profile.root), "show", "no-such-thing")
    assert result.returncode == 1
    assert result.stderr.strip().count("\n") == 0
    assert "no term or job has the id 'no-such-thing'" in result.stderr
    assert "Traceback" not in result.stderr
    missing = _subprocess("--data-dir", str(profile.root), "import", "/nonexistent/jobs.json")
    assert missing.returncode == 1 and "no such file" in missing.stderr and "Traceback" not in missing.stderr


def test_damaged_database_is_a_clear_error(tmp_path: Path) -> None:
    home = tmp_path / "broken"
    home.mkdir()
    (home / "glossary-jobs.sqlite3").write_bytes(b"garbage" * 200)
    result = _subprocess("--data-dir", str(home), "search", "flask")
    assert result.returncode == 1
    assert "damaged" in result.stderr and "Traceback" not in result.stderr
    assert (home / "glossary-jobs.sqlite3").read_bytes() == b"garbage" * 200


def test_environment_variable_selects_the_profile(profile: AppPaths) -> None:
    env = {**os.environ, "GLOSSARY_JOBS_HOME": str(profile.root)}
    result = _subprocess("show", "wsgi", "--json", env=env)
    assert result.returncode == 0 and json.loads(result.stdout)["id"] == "wsgi"


def test_version() -> None:
    result = _subprocess("--version")
    assert result.stdout.strip() == f"glossary-jobs {__version__}"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the display check is for X11/Wayland")
def test_no_display_is_one_clear_line(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    result = _subprocess("--data-dir", str(tmp_path / "p"), env=env)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "no display" in lines[0] and "xvfb-run" in lines[0]


def test_glossary_add_takes_good_entries_and_explains_bad_ones(profile: AppPaths, tmp_path: Path) -> None:
    source = (shipped_glossary_dir() / "flask.toml").read_text(encoding="utf-8")
    folder = tmp_path / "mine"
    folder.mkdir()
    bottle = source.replace('slug = "flask"', 'slug = "bottle"').replace(
        'title = "Flask"', 'title = "Bottle"'
    )
    bottle = bottle.replace('aliases = ["Flask framework", "Python Flask"]', "aliases = []")
    (folder / "bottle.toml").write_text(bottle, encoding="utf-8")
    (folder / "broken.toml").write_text('slug = "x', encoding="utf-8")
    (folder / "flask.toml").write_text(source, encoding="utf-8")
    (folder / "orphan.toml").write_text(
        bottle.replace('slug = "bottle"', 'slug = "orphan"').replace('title = "Bottle"', 'title = "Orphan"')
        .replace('slug = "wsgi"', 'slug = "nowhere"'),
        encoding="utf-8",
    )  # fmt: skip
    data = run_json(profile, "glossary", "add", str(folder))
    assert data["added"] == ["bottle"]
    reasons = {r["source"]: r["reason"] for r in data["rejected"]}
    assert "not valid TOML" in reasons["broken.toml"]
    assert "is a shipped entry" in reasons["flask.toml"]
    assert "related 'nowhere' is not an entry" in reasons["orphan.toml"]
    shown = run_json(profile, "show", "bottle")
    assert shown["title"] == "Bottle"
    assert run_json(profile, "search", "bottle")["hits"][0]["id"] == "bottle"


def test_an_unexpected_failure_is_one_line_and_logged(
    profile: AppPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop_app.service import Service

    def explode(*_args: object, **_kwargs: object) -> None:
        raise KeyError("boom")

    monkeypatch.setattr(Service, "search", explode)
    err = io.StringIO()
    monkeypatch.setattr(sys, "stderr", err)
    status, _ = run(profile, "search", "flask")
    assert status == 1
    assert err.getvalue().count("\n") == 1 and "unexpected error" in err.getvalue()
    assert "KeyError" in (profile.logs_dir / "cli-errors.log").read_text(encoding="utf-8")


def test_search_facets_count_the_matching_jobs(profile: AppPaths) -> None:
    data = run_json(profile, "search", "kind:job", "--facets")
    facets = data["facets"]
    assert set(facets) == {"employment_type", "location", "team", "salary_band", "posted"}
    assert facets["employment_type"] == {"FULL_TIME": 6}
    assert facets["team"] == {"Equipment Finance": 3, "Software": 3}
    assert sum(facets["salary_band"].values()) == 6
    assert "Irvine, CA, US" in facets["location"]
    # Without --facets the object keeps its contract shape.
    assert "facets" not in run_json(profile, "search", "kind:job")


def test_search_facets_count_unknown_salary_as_a_band(profile: AppPaths, tmp_path: Path) -> None:
    feed = tmp_path / "unpaid.jsonld"
    feed.write_text(
        json.dumps({"@type": "JobPosting", "title": "Volunteer Mentor", "description": "Mentor juniors.",
                    "hiringOrganization": {"@type": "Organization", "name": "Open Source Club"}}),
        encoding="utf-8",
    )  # fmt: skip
    assert run(profile, "import", str(feed))[0] == 0
    data = run_json(profile, "search", "mentor", "--kind", "job", "--facets")
    assert data["facets"]["salary_band"] == {"salary unknown": 1}


def test_search_batch_answers_one_json_line_per_query(profile: AppPaths, tmp_path: Path) -> None:
    queries = tmp_path / "queries.txt"
    queries.write_text("flask\ndjnago\nsalary:>80000\n\n", encoding="utf-8")
    status, text = run(profile, "search", "--batch", str(queries), "--facets", "--limit", "3")
    assert status == 0
    lines = [json.loads(line) for line in text.splitlines()]
    assert [line["query"] for line in lines] == ["flask", "djnago", "salary:>80000", ""]
    assert lines[0]["hits"][0]["id"] == "flask"
    assert lines[1]["suggestion"] == "django"
    assert [h["title"] for h in lines[2]["hits"]] == ["Mobile App Developer"]
    assert lines[2]["facets"]["salary_band"] == {"80k–120k": 1}
    assert all(isinstance(line["elapsed_ms"], float) and line["elapsed_ms"] >= 0 for line in lines)
    assert len(lines[0]["hits"]) == 3


def test_search_batch_reads_standard_input(profile: AppPaths) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "desktop_app", "--data-dir", str(profile.root), "search", "--batch", "-"],
        input="kube\npostgres\n", capture_output=True, text=True, cwd=ROOT, timeout=120, check=True,
    )  # fmt: skip
    firsts = [json.loads(line)["hits"][0]["id"] for line in done.stdout.splitlines()]
    assert firsts == ["kubernetes", "postgresql"]


def test_search_without_a_query_or_batch_says_what_to_give(profile: AppPaths) -> None:
    status, _ = run(profile, "search")
    assert status != 0
