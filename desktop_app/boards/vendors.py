"""Each vendor's public board endpoint, its paging, and the feed the importers read from it."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from desktop_app.boards.http import MAX_AT_ONCE, BoardHttp, FetchError
from desktop_app.boards.sources import BoardRef

LEVER_PAGE = 100
SMARTRECRUITERS_PAGE = 100
MAX_PAGES = 200  # 20,000 postings: a board larger than any real one, or a paging loop


def feed(ref: BoardRef, http: BoardHttp, cancelled: Callable[[], bool] = lambda: False) -> Any:
    """Return the board's postings in the shape its vendor's public feed has (all pages joined).

    Raises FetchError (one line) when the answer is not the vendor's shape.
    """
    reader = _READERS[ref.vendor]
    return reader(ref, http, cancelled)


def _greenhouse(ref: BoardRef, http: BoardHttp, _cancelled: Callable[[], bool]) -> Any:
    data = http.get_json(f"https://boards-api.greenhouse.io/v1/boards/{ref.name}/jobs", {"content": "true"})
    _expect(isinstance(data, dict) and isinstance(data.get("jobs"), list), ref)
    return data


def _lever(ref: BoardRef, http: BoardHttp, cancelled: Callable[[], bool]) -> Any:
    host = "api.eu.lever.co" if ref.region else "api.lever.co"
    postings: list[Any] = []
    for page in range(MAX_PAGES):
        if cancelled():
            raise FetchError("cancelled")
        params = {"mode": "json", "skip": page * LEVER_PAGE, "limit": LEVER_PAGE}
        data = http.get_json(f"https://{host}/v0/postings/{ref.name}", params)
        _expect(isinstance(data, list), ref)
        postings.extend(data)
        if len(data) < LEVER_PAGE:
            return postings
    raise FetchError(f"the board kept paging past {MAX_PAGES * LEVER_PAGE} postings")


def _ashby(ref: BoardRef, http: BoardHttp, _cancelled: Callable[[], bool]) -> Any:
    url = f"https://api.ashbyhq.com/posting-api/job-board/{ref.name}"
    data = http.get_json(url, {"includeCompensation": "true"})
    _expect(isinstance(data, dict) and isinstance(data.get("jobs"), list), ref)
    return data


def _smartrecruiters(ref: BoardRef, http: BoardHttp, cancelled: Callable[[], bool]) -> Any:
    url = f"https://api.smartrecruiters.com/v1/companies/{ref.name}/postings"
    listed: list[dict[str, Any]] = []
    total = 0
    for page in range(MAX_PAGES):
        if cancelled():
            raise FetchError("cancelled")
        data = http.get_json(url, {"offset": page * SMARTRECRUITERS_PAGE, "limit": SMARTRECRUITERS_PAGE})
        _expect(isinstance(data, dict) and isinstance(data.get("content"), list), ref)
        total = int(data.get("totalFound") or 0)
        listed.extend(p for p in data["content"] if isinstance(p, dict))
        if not data["content"] or len(listed) >= total:
            break
    if total == 0 and not listed:
        # SmartRecruiters answers an unknown company with an empty list, not a 404.
        raise FetchError("no such board, or it has no open postings (SmartRecruiters found none)")

    def detail(post: dict[str, Any]) -> dict[str, Any]:
        if cancelled():
            raise FetchError("cancelled")
        found = http.get_json(f"{url}/{post.get('id')}")
        return found if isinstance(found, dict) else post

    # The list has no descriptions: one detail call per posting, four at a time.
    with ThreadPoolExecutor(MAX_AT_ONCE) as pool:
        detailed = list(pool.map(detail, listed))
    return {"offset": 0, "limit": len(detailed), "totalFound": total, "content": detailed}


def _workable(ref: BoardRef, http: BoardHttp, _cancelled: Callable[[], bool]) -> Any:
    url = f"https://apply.workable.com/api/v1/widget/accounts/{ref.name}"
    data = http.get_json(url, {"details": "true"})
    _expect(isinstance(data, dict) and isinstance(data.get("jobs"), list), ref)
    return data


def _expect(shape_ok: bool, ref: BoardRef) -> None:
    if not shape_ok:
        raise FetchError(f"the answer is JSON but not a job board as {ref.vendor_name} publishes one")


_READERS: dict[str, Callable[[BoardRef, BoardHttp, Callable[[], bool]], Any]] = {
    "greenhouse": _greenhouse,
    "lever": _lever,
    "ashby": _ashby,
    "smartrecruiters": _smartrecruiters,
    "workable": _workable,
}
