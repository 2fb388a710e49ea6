"""Files read posting by posting: every shape of big file gives what a whole-file read gives."""

from __future__ import annotations

import csv
import io
import json
import tracemalloc
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench.generate import postings, write
from desktop_app.core import markup
from desktop_app.core.types import Rejected
from desktop_app.importers import JobFile, parse_file
from desktop_app.importers.stream import (
    CountingReader,
    Record,
    Skipped,
    file_events,
    records,
    value_events,
)

# JSON as files hold it: no NaN or infinity, integers of 64 bits (the C parser's limit).
numbers = st.one_of(st.integers(-(2**62), 2**62), st.floats(allow_nan=False, allow_infinity=False))
scalars = st.one_of(st.none(), st.booleans(), numbers, st.text(max_size=30))
json_values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=12), inner, max_size=5)
    ),
    max_leaves=25,
)

SHAPES = ("graph", "itemlist", "array", "ndjson")


@pytest.mark.parametrize("shape", SHAPES)
def test_every_shape_of_a_big_file_gives_every_posting_in_order(tmp_path: Path, shape: str) -> None:
    path = write(120, tmp_path / f"jobs.{'ndjson' if shape == 'ndjson' else 'jsonld'}", shape=shape)
    expected = [p["title"] for p in postings(120)]
    result = parse_file(path)
    assert [job.title for job in result.jobs] == expected and result.rejected == ()


def test_a_csv_file_is_read_row_by_row_with_its_line_numbers(tmp_path: Path) -> None:
    path = tmp_path / "jobs.csv"
    with path.open("w", encoding="cp1252", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Job Title", "Company", "Location", "Salary", "Description"])
        for n in range(150):
            writer.writerow([f"Café Engineer {n}" if n != 70 else "", "Acme", "Austin, TX", "$100k", "a\nb"])
    result = parse_file(path)
    assert len(result.jobs) == 149 and result.jobs[0].title == "Café Engineer 0"  # cp1252 read right
    assert [(r.source, r.reason) for r in result.rejected] == [("jobs.csv row 72", "posting has no title")]


def test_progress_is_counted_in_bytes_up_to_the_file_size(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("desktop_app.importers.files.MAX_RECORD_BYTES", 1_000)  # read as a big file
    path = write(400, tmp_path / "jobs.jsonld")
    reader = JobFile(path)
    seen = [reader.progress() for _item in reader]
    assert seen == sorted(seen) and 0 < seen[0] < reader.size
    assert reader.progress() == reader.size == path.stat().st_size and reader.postings == 400


def test_a_posting_over_the_size_limit_is_rejected_by_number_and_the_rest_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("desktop_app.importers.stream.MAX_RECORD_BYTES", 200_000)
    monkeypatch.setattr("desktop_app.importers.files.MAX_RECORD_BYTES", 1_000)
    items = list(postings(30))
    items[10]["jobLocation"] = [{"address": {"addressLocality": "x" * 1000}}] * 300  # ~300 KB
    path = tmp_path / "jobs.json"
    path.write_text(json.dumps(items), encoding="utf-8")
    result = parse_file(path)
    assert len(result.jobs) == 29
    assert [(r.source, r.reason) for r in result.rejected] == [
        ("jobs.json posting 11", "over 0 MB: not read")
    ]


def test_a_broken_record_mid_file_names_its_byte_and_keeps_what_came_before(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("desktop_app.importers.files.MAX_RECORD_BYTES", 1_000)  # read as a big file
    lines = [json.dumps(p) for p in postings(50)]
    lines[30] = lines[30].replace('"title":', '"title"', 1)
    path = tmp_path / "jobs.ndjson"
    path.write_text("\n".join(lines), encoding="utf-8")
    result = parse_file(path)
    assert len(result.jobs) == 30
    (broken,) = result.rejected
    at = len("\n".join(lines[:30])) + 1 + lines[30].index('"title"')
    prefix = "invalid JSON at byte "
    assert broken.reason.startswith(prefix) and "(after posting 30)" in broken.reason
    assert at < int(broken.reason[len(prefix) :].split(" ")[0].replace(",", "")) < at + 200  # its token
    assert broken.reason.endswith("the postings before it are kept")


def test_a_small_file_with_comments_and_trailing_commas_is_still_read(tmp_path: Path) -> None:
    path = tmp_path / "lenient.json"
    path.write_text(
        '// exported\n[{"@type": "JobPosting", "title": "A",}, {"@type": "JobPosting", "title": "B"},]'
    )
    assert [job.title for job in parse_file(path).jobs] == ["A", "B"]


def test_a_feed_keeps_its_company_from_the_keys_before_its_jobs(tmp_path: Path) -> None:
    feed = json.loads((Path(__file__).parent.parent / "fixtures" / "workable.json").read_text())
    path = tmp_path / "workable.json"
    path.write_text(json.dumps(feed), encoding="utf-8")
    whole = parse_file(path)
    assert whole.jobs and whole.jobs[0].company == feed["name"]


def test_reading_a_big_file_keeps_memory_flat(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("desktop_app.importers.files.MAX_RECORD_BYTES", 1_000)  # read as big files
    small, big = write(50, tmp_path / "small.jsonld"), write(500, tmp_path / "big.jsonld")
    peaks = []
    for path in (small, big):
        tracemalloc.start()
        try:
            assert sum(1 for item in JobFile(path) if not isinstance(item, Rejected)) > 0
            peaks.append(tracemalloc.get_traced_memory()[1])
        finally:
            tracemalloc.stop()
    assert big.stat().st_size > 1_000_000 and peaks[1] < 2 * peaks[0] + 500_000  # not 10 × the small


def _stream_records(data: bytes) -> list[Record | Skipped]:
    reader = CountingReader(io.BytesIO(data))
    return list(records(file_events(reader), reader))


fuzz = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@fuzz
@given(json_values, st.sampled_from(["@graph", "itemListElement", "jobs", "other"]))
def test_the_stream_cuts_any_document_as_the_parsed_value_is_cut(value: Any, key: str) -> None:
    document = {"@context": "https://schema.org", key: [value, {"@type": "JobPosting", "title": "T"}]}
    streamed = _stream_records(json.dumps(document).encode())
    parsed = list(records(value_events(document)))
    assert all(isinstance(r, Record) for r in [*streamed, *parsed])
    assert [(r.value, r.container, r.parent) for r in streamed if isinstance(r, Record)] == [
        (r.value, r.container, r.parent) for r in parsed if isinstance(r, Record)
    ]


@fuzz
@given(
    st.lists(
        st.sampled_from(["<p>", "</p>", "<li>", "</li>", "<br>", "<b>", "&amp;", "&lt;b&gt;", "x y", "\n"])
    )
)
def test_sanitised_html_reads_as_the_parser_reads_it(pieces: list[str]) -> None:
    html = markup.sanitise("".join(pieces))
    assert markup.sanitised_to_text(html) == markup.to_text(html)
