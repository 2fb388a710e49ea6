"""Random and malformed input to every importer: no exception escapes, bad records are reported."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop_app.importers import ats, csvfile, htmlpage, jsonld, parse_file

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "300"))
fuzz = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])

scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=30))
json_values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=12), inner, max_size=5)
    ),
    max_leaves=25,
)
KEYS = ["title", "name", "hiringOrganization", "jobLocation", "baseSalary", "datePosted", "validThrough",
        "employmentType", "description", "identifier", "url", "jobLocationType", "value", "minValue",
        "maxValue", "unitText", "currency", "address", "addressLocality"]  # fmt: skip
postings = st.fixed_dictionaries(
    {"@type": st.just("JobPosting")},
    optional={k: json_values for k in KEYS},
)


def _accounted(result: Any) -> None:
    for job in result.jobs:
        assert job.title and job.id.startswith("job-")
    for rejected in result.rejected:
        assert rejected.source and rejected.reason


@fuzz
@given(st.lists(postings, max_size=4))
def test_jsonld_postings(items: list[dict[str, Any]]) -> None:
    result = jsonld.parse_data({"@graph": items}, "fuzz.json")
    _accounted(result)
    assert len(result.jobs) + len([r for r in result.rejected if "posting" in r.source]) == len(items)


@fuzz
@given(json_values)
def test_any_json_document(value: Any) -> None:
    _accounted(jsonld.parse_document(json.dumps(value), "fuzz.json"))


@fuzz
@given(st.text(max_size=300))
def test_any_text_as_json(text: str) -> None:
    _accounted(jsonld.parse_document(text, "fuzz.json"))


ats_posting = st.dictionaries(
    st.sampled_from(["id", "title", "text", "name", "location", "content", "categories", "createdAt",
                     "salaryRange", "descriptionHtml", "compensation", "isRemote", "jobUrl", "shortcode",
                     "locations", "releasedDate", "typeOfEmployment", "jobAd", "company", "absolute_url",
                     "updated_at", "first_published", "offices", "departments", "metadata"]),
    json_values,
    max_size=8,
)  # fmt: skip


@fuzz
@given(st.lists(ats_posting, min_size=1, max_size=4), st.sampled_from(["jobs", "content", None]))
def test_ats_feeds(items: list[dict[str, Any]], wrapper: str | None) -> None:
    data: Any = items if wrapper is None else {wrapper: items, "totalFound": len(items)}
    result = ats.parse_feed(data, "feed.json")
    if result is not None:
        _accounted(result)
        assert len(result.jobs) + len(result.rejected) == len(items)


@fuzz
@given(st.text(max_size=400))
def test_any_html_page(text: str) -> None:
    page = f'<html><script type="application/ld+json">{text}</script>{text}</html>'
    _accounted(htmlpage.parse_page(page, "page.html"))


@fuzz
@given(st.binary(max_size=400))
def test_any_bytes_as_csv(data: bytes) -> None:
    _accounted(csvfile.parse_csv(b"title,company,salary,posted,location\n" + data, "sheet.csv"))
    _accounted(csvfile.parse_csv(data, "sheet.csv"))


@settings(max_examples=max(20, EXAMPLES // 10), deadline=None)
@given(st.binary(max_size=300), st.sampled_from([".json", ".jsonld", ".html", ".csv", ".txt", ""]))
def test_any_file(tmp_path_factory: Any, data: bytes, suffix: str) -> None:
    path = Path(tmp_path_factory.mktemp("fuzz")) / f"input{suffix}"
    path.write_bytes(data)
    _accounted(parse_file(path))
