"""Fetching each vendor's board from a local server: postings read, paging, and every failure in one line."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from desktop_app.boards.fetch import fetch_board, fetch_boards
from desktop_app.boards.http import USER_AGENT, BoardHttp
from desktop_app.boards.sources import parse_source
from tests.boards.recorded import (
    greenhouse,
    lever_pages,
    recorded,
    serve_lever,
    serve_smartrecruiters,
    smartrecruiters_list,
)


class RecordingHttp(BoardHttp):
    """The client with its waits between tries recorded instead of slept."""

    def __init__(self, base: str) -> None:
        self.waits: list[float] = []
        super().__init__(base=base, sleep=self.waits.append, timeout=1.0)


@pytest.fixture
def http(httpserver: HTTPServer) -> Iterator[RecordingHttp]:
    client = RecordingHttp(httpserver.url_for("/"))
    yield client
    client.close()


def test_greenhouse_board_with_escaped_html_is_read_and_sanitised(
    httpserver: HTTPServer, http: RecordingHttp
) -> None:
    httpserver.expect_request(
        "/v1/boards/examplelabs/jobs", query_string={"content": "true"}, headers={"User-Agent": USER_AGENT}
    ).respond_with_json(greenhouse())
    fetched = fetch_board(parse_source("https://boards.greenhouse.io/examplelabs"), http)
    assert fetched.ok, fetched.error
    titles = [j.title for j in fetched.jobs]
    assert "Senior Python Engineer" in titles
    first = fetched.jobs[titles.index("Senior Python Engineer")]
    assert "<strong>Django</strong>" in first.description_html and "<script" not in first.description_html
    assert {j.source for j in fetched.jobs} == {"greenhouse:examplelabs"}


def test_lever_pages_are_followed_to_the_end(httpserver: HTTPServer, http: RecordingHttp) -> None:
    serve_lever(httpserver, "examplelabs", lever_pages(230))
    fetched = fetch_board(parse_source("lever:examplelabs"), http)
    assert fetched.ok, fetched.error
    assert len(fetched.jobs) == 230 and len({j.id for j in fetched.jobs}) == 230
    job = fetched.jobs[0]
    assert job.date_posted is not None and job.date_posted.year == 2025  # from milliseconds
    assert job.salary is not None and (job.salary.min, job.salary.currency) == (120000, "CAD")


def test_ashby_compensation_is_read(httpserver: HTTPServer, http: RecordingHttp) -> None:
    httpserver.expect_request(
        "/posting-api/job-board/examplelabs", query_string={"includeCompensation": "true"}
    ).respond_with_json(recorded("ashby.json"))
    fetched = fetch_board(parse_source("https://jobs.ashbyhq.com/examplelabs"), http)
    assert fetched.ok, fetched.error
    ml = next(j for j in fetched.jobs if j.title == "Machine Learning Engineer")
    # The salary tier of the compensation summary, not the equity one.
    assert ml.salary is not None and (ml.salary.min, ml.salary.max, ml.salary.currency) == (
        90000,
        120000,
        "GBP",
    )


def test_smartrecruiters_list_then_one_detail_call_each_for_the_description(
    httpserver: HTTPServer, http: RecordingHttp
) -> None:
    serve_smartrecruiters(httpserver, "ExampleCorp")
    fetched = fetch_board(parse_source("smartrecruiters:ExampleCorp"), http)
    assert fetched.ok, fetched.error
    java = next(j for j in fetched.jobs if j.title.startswith("Backend Developer"))
    assert "Spring Boot" in java.description_text  # only the detail call has it


def test_workable_widget_is_read(httpserver: HTTPServer, http: RecordingHttp) -> None:
    httpserver.expect_request(
        "/api/v1/widget/accounts/examplerobotics", query_string={"details": "true"}
    ).respond_with_json(recorded("workable.json"))
    fetched = fetch_board(parse_source("workable:examplerobotics"), http)
    assert fetched.ok, fetched.error
    assert any(j.title == "Embedded C++ Engineer" for j in fetched.jobs)


def test_an_empty_board_is_an_answer_not_an_error(httpserver: HTTPServer, http: RecordingHttp) -> None:
    httpserver.expect_request("/v1/boards/quiet/jobs").respond_with_json({"jobs": [], "meta": {"total": 0}})
    fetched = fetch_board(parse_source("greenhouse:quiet"), http)
    assert fetched.ok and fetched.jobs == ()


def test_429_is_tried_again_after_retry_after(httpserver: HTTPServer, http: RecordingHttp) -> None:
    httpserver.expect_ordered_request("/v1/boards/busy/jobs").respond_with_data(
        "slow down", status=429, headers={"Retry-After": "7"}
    )
    httpserver.expect_ordered_request("/v1/boards/busy/jobs").respond_with_json(greenhouse())
    fetched = fetch_board(parse_source("greenhouse:busy"), http)
    assert fetched.ok, fetched.error
    assert http.waits == [7.0]


def _error(httpserver: HTTPServer, http: BoardHttp, source: str) -> str:
    fetched = fetch_board(parse_source(source), http)
    assert not fetched.ok and fetched.jobs == ()
    assert fetched.error and "\n" not in fetched.error
    return fetched.error


def test_unknown_board_404(httpserver: HTTPServer, http: RecordingHttp) -> None:
    httpserver.expect_request("/v0/postings/nosuch").respond_with_json(
        {"ok": False, "error": "Document not found"}, status=404
    )
    assert "no such board" in _error(httpserver, http, "lever:nosuch")


def test_a_maintenance_page_with_200(httpserver: HTTPServer, http: RecordingHttp) -> None:
    httpserver.expect_request("/v1/boards/down/jobs").respond_with_data(
        "<!DOCTYPE html><html><body>Down for maintenance</body></html>", content_type="text/html"
    )
    assert "web page, not JSON" in _error(httpserver, http, "greenhouse:down")


def test_smartrecruiters_says_unknown_with_total_found_zero(
    httpserver: HTTPServer, http: RecordingHttp
) -> None:
    empty, _ = smartrecruiters_list(total_found=0)
    empty["content"] = []
    httpserver.expect_request("/v1/companies/Nobody/postings").respond_with_json(empty)
    assert "no such board" in _error(httpserver, http, "smartrecruiters:Nobody")


def test_three_busy_answers_give_up(httpserver: HTTPServer, http: RecordingHttp) -> None:
    httpserver.expect_request("/v1/boards/down/jobs").respond_with_data("", status=503)
    assert "after 3 tries" in _error(httpserver, http, "greenhouse:down")
    assert len(http.waits) == 2


def test_a_timeout(httpserver: HTTPServer, http: RecordingHttp) -> None:
    def slow(_request: Request) -> Response:
        time.sleep(1.5)
        return Response("{}", content_type="application/json")

    httpserver.expect_request("/v1/boards/slow/jobs").respond_with_handler(slow)
    assert "timed out" in _error(httpserver, http, "greenhouse:slow")


def test_a_truncated_body(httpserver: HTTPServer, http: RecordingHttp) -> None:
    httpserver.expect_request("/v1/boards/cut/jobs").respond_with_data(
        '{"jobs": [{"id": 1, "title": "Eng', content_type="application/json"
    )
    assert "cut off or is not JSON" in _error(httpserver, http, "greenhouse:cut")


def test_a_body_over_the_size_limit(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/v1/boards/huge/jobs").respond_with_data(
        '{"jobs": [' + ",".join(['{"id": 1}'] * 20_000) + "]}", content_type="application/json"
    )
    with BoardHttp(base=httpserver.url_for("/"), max_bytes=50_000) as small:
        assert "over the size limit" in _error(httpserver, small, "greenhouse:huge")


def test_the_wrong_vendor_shape(httpserver: HTTPServer, http: RecordingHttp) -> None:
    httpserver.expect_request("/posting-api/job-board/odd").respond_with_json({"results": []})
    assert "not a job board as Ashby publishes one" in _error(httpserver, http, "ashby:odd")


def test_several_boards_keep_their_order_and_their_own_errors(
    httpserver: HTTPServer, http: RecordingHttp
) -> None:
    httpserver.expect_request("/v1/boards/examplelabs/jobs").respond_with_json(greenhouse())
    httpserver.expect_request("/v0/postings/nosuch").respond_with_data("", status=404)
    heard: list[str] = []
    results = fetch_boards(
        [parse_source("greenhouse:examplelabs"), parse_source("lever:nosuch")],
        http,
        done=lambda f: heard.append(f.ref.key),
    )
    assert [f.ref.key for f in results] == ["greenhouse:examplelabs", "lever:nosuch"]
    assert [f.ok for f in results] == [True, False]
    assert sorted(heard) == ["greenhouse:examplelabs", "lever:nosuch"]
