"""``boards add|list|fetch|remove``: the documented shapes, exit codes and one line per failure."""

from __future__ import annotations

import pytest
from pytest_httpserver import HTTPServer

from desktop_app.boards.http import ENV_BASE
from desktop_app.paths import AppPaths
from tests.boards.recorded import greenhouse, listed
from tests.cli.support import call, call_json


@pytest.fixture(autouse=True)
def _local_boards(httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_BASE, httpserver.url_for("/"))


def test_add_list_fetch_remove(profile: AppPaths, httpserver: HTTPServer) -> None:
    added = call_json(profile, "boards", "add", "https://job-boards.greenhouse.io/examplelabs/jobs/1")
    assert added == {"board": "greenhouse:examplelabs", "url": "https://job-boards.greenhouse.io/examplelabs"}
    assert call_json(profile, "boards", "list") == [
        {
            "board": "greenhouse:examplelabs",
            "url": added["url"],
            "jobs": 0,
            "last_fetched": None,
            "last_error": None,
        }
    ]
    httpserver.expect_request("/v1/boards/examplelabs/jobs").respond_with_json(greenhouse())
    fetched = call_json(profile, "boards", "fetch")
    expected = len(listed(greenhouse()))
    assert fetched == {
        "boards": [
            {"board": "greenhouse:examplelabs", "ok": True, "new": expected, "updated": 0, "unchanged": 0,
             "closed": 0, "error": None}
        ]
    }  # fmt: skip
    [board] = call_json(profile, "boards", "list")
    assert board["jobs"] == expected and board["last_fetched"] is not None
    assert call_json(profile, "search", "python engineer", "--kind", "job")["total"] >= 1
    removed = call(profile, "boards", "remove", "greenhouse:examplelabs")
    assert removed.status == 0 and "No longer following greenhouse:examplelabs" in removed.out
    assert call_json(profile, "boards", "list") == []


def test_an_unknown_form_is_one_line_and_exit_1(profile: AppPaths) -> None:
    result = call(profile, "boards", "add", "https://www.example.com/careers")
    assert result.status == 1 and result.out == ""
    [line] = result.err.splitlines()
    assert "is not a job board this app knows" in line and "lever:NAME" in line


def test_a_failed_board_is_a_line_on_stderr_and_exit_1(profile: AppPaths, httpserver: HTTPServer) -> None:
    call_json(profile, "boards", "add", "greenhouse:examplelabs")
    call_json(profile, "boards", "add", "lever:nosuch")
    httpserver.expect_request("/v1/boards/examplelabs/jobs").respond_with_json(greenhouse())
    httpserver.expect_request("/v0/postings/nosuch").respond_with_json({"ok": False}, status=404)
    result = call(profile, "boards", "fetch", "--json")
    assert result.status == 1
    by_board = {b["board"]: b for b in result.json()["boards"]}
    assert by_board["greenhouse:examplelabs"]["ok"] is True
    assert by_board["lever:nosuch"]["ok"] is False and "no such board" in by_board["lever:nosuch"]["error"]
    failures = [line for line in result.err.splitlines() if "error:" in line]
    assert failures == [f"glossary-jobs: error: lever:nosuch: {by_board['lever:nosuch']['error']}"]


def test_fetching_nothing_followed_says_how_to_follow(profile: AppPaths) -> None:
    result = call(profile, "boards", "fetch")
    assert result.status == 0 and "boards add URL" in result.out
