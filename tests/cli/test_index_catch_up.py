"""A command on a profile whose index is behind the database catches it up and says so in one line."""

from __future__ import annotations

from desktop_app.importers import parse_file
from desktop_app.paths import AppPaths
from desktop_app.service import Service
from tests.cli.support import call
from tests.conftest import FIXTURES


def test_a_stale_index_is_brought_up_to_date_by_the_next_command(profile: AppPaths) -> None:
    service = Service(profile)
    service.open()
    service.profile.store.upsert_jobs(parse_file(FIXTURES / "messy-page.html").jobs)  # index left behind
    service.close()
    result = call(profile, "search", "backend engineer", "--kind", "job", "--json")
    assert result.status == 0
    assert (
        result.err
        == "glossary-jobs: the search index was behind the database: brought it up to date (2 items).\n"
    )
    assert result.json()["hits"][0]["title"] == "Backend Engineer (Python)"
    assert call(profile, "search", "flask").err == ""  # in step now: the next command says nothing
