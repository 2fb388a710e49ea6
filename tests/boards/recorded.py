"""Recorded, real-shaped board answers for every vendor, and a local server that serves them."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from pytest_httpserver import HTTPServer

FIXTURES = Path(__file__).parent.parent / "fixtures"


def recorded(name: str) -> Any:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def greenhouse(second: bool = False) -> Any:
    """The board's first answer (one posting in it has no title: rejected); the second has one
    job changed, one gone and one new."""
    data = recorded("greenhouse.json")
    if second:
        jobs = data["jobs"]
        jobs[0]["title"] = jobs[0]["title"] + " (Platform)"
        jobs[0]["updated_at"] = "2025-04-01T10:00:00-04:00"
        gone = jobs.pop(max(i for i, j in enumerate(jobs) if j.get("title")))
        new = copy.deepcopy(gone)
        new["id"], new["internal_job_id"] = 4099999, 4099998
        new["title"] = "Staff Data Engineer"
        new["absolute_url"] = "https://job-boards.greenhouse.io/examplelabs/jobs/4099999"
        jobs.append(new)
        data["meta"] = {"total": len(jobs)}
    return data


def listed(answer: Any) -> list[Any]:
    """The postings of a Greenhouse answer that can be read (they have a title)."""
    return [j for j in answer["jobs"] if j.get("title")]


def lever_pages(size: int) -> list[Any]:
    """A Lever board of ``size`` postings (millisecond timestamps, salaryRange), as one list."""
    base = recorded("lever.json")[0]
    out = []
    for n in range(size):
        post = copy.deepcopy(base)
        post["id"] = f"5f2c7d0e-1111-4a2b-9c3d-{n:012d}"
        post["text"] = f"Site Reliability Engineer {n}"
        post["createdAt"] = 1738368000000 + n * 60_000
        post["hostedUrl"] = f"https://jobs.lever.co/examplelabs/{post['id']}"
        post["applyUrl"] = post["hostedUrl"] + "/apply"
        out.append(post)
    return out


def serve_lever(server: HTTPServer, site: str, postings: list[Any], page: int = 100) -> None:
    for skip in range(0, len(postings) + 1, page):
        server.expect_request(
            f"/v0/postings/{site}", query_string={"mode": "json", "skip": str(skip), "limit": str(page)}
        ).respond_with_json(postings[skip : skip + page])


def smartrecruiters_list(total_found: int | None = None) -> tuple[Any, dict[str, Any]]:
    """The list answer (no descriptions) and each posting's detail answer, by id."""
    full = recorded("smartrecruiters.json")
    details = {p["id"]: p for p in full["content"]}
    listed = []
    for post in full["content"]:
        short = {k: v for k, v in post.items() if k != "jobAd"}
        listed.append(short)
    answer = {
        "offset": 0,
        "limit": 100,
        "totalFound": len(listed) if total_found is None else total_found,
        "content": listed,
    }
    return answer, details


def serve_smartrecruiters(server: HTTPServer, company: str) -> None:
    answer, details = smartrecruiters_list()
    server.expect_request(
        f"/v1/companies/{company}/postings", query_string={"offset": "0", "limit": "100"}
    ).respond_with_json(answer)
    for ident, detail in details.items():
        server.expect_request(f"/v1/companies/{company}/postings/{ident}").respond_with_json(detail)
