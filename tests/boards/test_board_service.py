"""Following boards through the service: snapshots add, update and close jobs; failures change nothing."""

from __future__ import annotations

import pytest
from pytest_httpserver import HTTPServer

from desktop_app.boards.http import ENV_BASE
from desktop_app.core.criteria import Criteria
from desktop_app.gui.detail_tabs import Place
from desktop_app.gui.pages import build_page
from desktop_app.service import Service, ServiceError
from tests.boards.recorded import greenhouse, listed


def serve(httpserver: HTTPServer, answer: object, status: int = 200) -> None:
    httpserver.clear()
    httpserver.expect_request("/v1/boards/examplelabs/jobs").respond_with_json(answer, status=status)


@pytest.fixture
def board(service: Service, httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch) -> Service:
    monkeypatch.setenv(ENV_BASE, httpserver.url_for("/"))
    service.boards.add("https://boards.greenhouse.io/examplelabs")
    return service


def titles(service: Service, query: str) -> list[str]:
    return [h.title for h in service.search.query(query, kind="job").hits]


def test_adding_a_board_fetches_nothing(board: Service, httpserver: HTTPServer) -> None:
    [info] = board.boards.boards()
    assert (info.key, info.jobs, info.last_fetched, info.last_error) == (
        "greenhouse:examplelabs",
        0,
        None,
        None,
    )
    assert info.url == "https://job-boards.greenhouse.io/examplelabs"
    assert httpserver.log == []


def test_an_unknown_form_is_refused_with_the_forms_that_work(service: Service) -> None:
    with pytest.raises(ServiceError, match="lever:NAME"):
        service.boards.add("https://www.example.com/careers")
    assert service.boards.boards() == []


def test_a_fetch_stores_the_board_searchable_and_the_next_one_says_what_changed(
    board: Service, httpserver: HTTPServer
) -> None:
    first = greenhouse()
    serve(httpserver, first)
    [result] = board.boards.fetch()
    assert result.ok and result.new == len(listed(first)) and result.closed == 0
    assert result.rejected == len(first["jobs"]) - len(listed(first))
    assert "Senior Python Engineer" in titles(board, "python engineer")
    [info] = board.boards.boards()
    assert info.jobs == len(listed(first)) and info.last_fetched is not None
    gone_title = listed(first)[-1]["title"]
    gone_id = next(h.id for h in board.search.query(f'"{gone_title}"', kind="job").hits)
    board.user.star(gone_id, "applied")

    serve(httpserver, greenhouse(second=True))
    [again] = board.boards.fetch(["greenhouse:examplelabs"])
    assert (again.new, again.updated, again.closed) == (1, 1, 1)
    assert again.summary("Example Labs") == "Example Labs: 1 new, 1 updated, 1 closed"
    assert "Staff Data Engineer" in titles(board, "staff data engineer")
    assert gone_title not in titles(board, f'"{gone_title}"')  # off the board
    favourite = board.user.favourite(gone_id)
    assert favourite is not None and not favourite.listed and favourite.job.title == gone_title
    closed_on = board.boards.closed_on(gone_id)
    assert closed_on is not None
    page = build_page(board, Place("job", gone_id))
    assert page is not None and f"Closed on {closed_on}" in page[1] and gone_title in page[1]

    serve(httpserver, greenhouse(second=True))
    [same] = board.boards.fetch()
    assert (same.new, same.updated, same.closed, same.unchanged) == (0, 0, 0, len(listed(first)))
    assert same.summary() == "greenhouse:examplelabs: no change"


def test_a_failed_fetch_changes_nothing_and_is_remembered(board: Service, httpserver: HTTPServer) -> None:
    serve(httpserver, greenhouse())
    board.boards.fetch()
    before = board.profile.counts()
    generation = board.profile.store.generation()
    serve(httpserver, {"error": "down"}, status=500)
    [failed] = board.boards.fetch()
    assert not failed.ok and failed.error == "the vendor answered HTTP 500"
    assert board.profile.counts() == before and board.profile.store.generation() == generation
    [info] = board.boards.boards()
    assert info.last_error == "the vendor answered HTTP 500" and info.jobs == len(listed(greenhouse()))


def test_saved_filters_count_what_a_fetch_brought(board: Service, httpserver: HTTPServer) -> None:
    filter_id = board.user.save_filter("Python", "python", Criteria())
    board.user.open_filter(filter_id)
    serve(httpserver, greenhouse())
    board.boards.fetch()
    [status] = [f for f in board.user.filters_overview() if f.id == filter_id]
    assert status.new >= 1


def test_removing_a_board_keeps_its_jobs_and_can_be_undone(board: Service, httpserver: HTTPServer) -> None:
    serve(httpserver, greenhouse())
    board.boards.fetch()
    kept = board.boards.remove("greenhouse:examplelabs")
    assert board.boards.boards() == []
    assert "Senior Python Engineer" in titles(board, "python engineer")
    board.boards.undo_remove(kept)
    assert [b.key for b in board.boards.boards()] == ["greenhouse:examplelabs"]


def test_fetching_a_board_not_followed_is_refused(service: Service) -> None:
    with pytest.raises(ServiceError, match="not a followed board"):
        service.boards.fetch(["lever:nobody"])
