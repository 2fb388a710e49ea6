"""Hostile input is stored inert, huge or deeply nested files are refused with bounded memory, CSV is safe."""

from __future__ import annotations

import csv
import random
import re
import tracemalloc
from pathlib import Path

from desktop_app.importers import MAX_PAGE_BYTES, parse_file
from desktop_app.importers.build import MAX_DESCRIPTION_CHARS
from desktop_app.service import Service
from tests.reliability.hostile import FORBIDDEN, write_postings

FIVE_MB = 5 * 1024 * 1024


def test_hostile_descriptions_are_stored_sanitised(service: Service, tmp_path: Path) -> None:
    report = service.jobs.import_files([write_postings(tmp_path / "hostile.jsonld", huge_chars=FIVE_MB)])
    assert report.new == 2 and not report.rejected
    hostile = next(j for j in report.accepted if j.title.startswith("Hostile"))
    stored = service.jobs.job(hostile.id)
    assert stored is not None
    assert stored.title == "Hostile Listing" and stored.company == "Evil Co"
    assert stored.apply_url is None  # a javascript: apply link is dropped, not kept
    for text in (stored.description_html, stored.description_text):
        lowered = text.lower()
        assert [bad for bad in FORBIDDEN if bad in lowered] == []
    assert "Build things." in stored.description_text
    assert 'href="https://jobs.t.example/apply"' in stored.description_html  # the one safe link stays


def test_a_5_mb_description_is_kept_shortened_and_says_so(service: Service, tmp_path: Path) -> None:
    report = service.jobs.import_files([write_postings(tmp_path / "huge.jsonld", huge_chars=FIVE_MB)])
    huge = service.jobs.job(next(j.id for j in report.accepted if j.title == "Huge Listing"))
    assert huge is not None
    assert len(huge.description_html) < MAX_DESCRIPTION_CHARS + 200
    assert "The description was shortened" in huge.description_text
    assert huge.description_html.count("<p>") == huge.description_html.count("</p>")  # cut cleanly
    assert service.search.query('"huge listing"', kind="job").hits[0].id == huge.id


def peak_bytes(path: Path) -> tuple[object, int]:
    tracemalloc.start()
    try:
        result = parse_file(path)
        return result, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def _sparse(path: Path, head: bytes, size: int) -> Path:
    with path.open("wb") as handle:
        handle.write(head)
        handle.truncate(size)  # sparse: no disk used
    return path


def test_a_2_gb_file_of_garbage_is_refused_from_its_first_bytes(tmp_path: Path) -> None:
    garbage = bytes(random.Random(7).randrange(1, 256) for _ in range(4096))
    for name in ("garbage.json", "garbage.csv", "garbage.bin"):
        result, peak = peak_bytes(_sparse(tmp_path / name, garbage, 2 * 1024**3))
        assert result.jobs == ()  # type: ignore[attr-defined]
        (refusal,) = result.rejected  # type: ignore[attr-defined]
        assert refusal.source == name and "\n" not in refusal.reason
        assert peak < 1_000_000


def test_json_that_breaks_early_in_a_huge_file_is_refused_at_its_byte(tmp_path: Path) -> None:
    posting = b'{"@type": "JobPosting", "title": "Dev"},'
    head = b"[" + posting * 3 + b'{"title" 12' + b" " * 100_000  # the first bytes look like JSON
    path = _sparse(tmp_path / "broken.json", head, 2 * 1024**3)
    result, peak = peak_bytes(path)
    assert [job.title for job in result.jobs] == ["Dev"] * 3  # type: ignore[attr-defined]
    (refusal,) = result.rejected  # type: ignore[attr-defined]
    found = re.match(r"invalid JSON at byte (\d+) \(after posting 3\): .*colon", refusal.reason)
    assert found and head.rindex(b'"title"') < int(found.group(1)) <= head.index(b"12") + 2  # the bad token
    assert refusal.reason.endswith("the postings before it are kept")
    assert peak < 2_000_000


def test_an_html_page_over_its_limit_is_refused_without_being_read(tmp_path: Path) -> None:
    result, peak = peak_bytes(_sparse(tmp_path / "huge.html", b"<html>", MAX_PAGE_BYTES + 1))
    assert result.jobs == ()  # type: ignore[attr-defined]
    assert "a page's limit is 50 MB" in result.rejected[0].reason  # type: ignore[attr-defined]
    assert peak < 1_000_000


def test_json_nested_far_too_deep_is_refused_with_bounded_memory(tmp_path: Path) -> None:
    depth = 2_000_000
    path = tmp_path / "deep.json"
    path.write_text('{"@graph": ' + "[" * depth + "]" * depth + "}", encoding="utf-8")
    result, peak = peak_bytes(path)
    assert result.jobs == ()  # type: ignore[attr-defined]
    assert "nested too deeply" in result.rejected[0].reason  # type: ignore[attr-defined]
    assert peak < 10 * path.stat().st_size  # the text and a copy or two, never a tree of it


def test_csv_export_neutralises_formulas(service: Service, tmp_path: Path) -> None:
    sheet = tmp_path / "formulas.csv"
    with sheet.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["title", "company", "location", "description"])
        writer.writerow(['=HYPERLINK("https://t.example/x","Click")', "+cmd|/c calc", "-2+3", "@SUM(A1:A9)"])
        writer.writerow(["\tTabbed", "\rCo", "Boston", "=1+1"])
    report = service.jobs.import_files([sheet])
    assert report.new == 2
    out = tmp_path / "out.csv"
    service.jobs.export_jobs("csv", out, query='company:"cmd"')
    service.jobs.export_jobs("csv", out)
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    cells = [cell for row in rows[1:] for cell in row]
    assert [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")] == []
    assert '\'=HYPERLINK("https://t.example/x","Click")' in cells


def test_an_oversized_csv_field_rejects_its_row_and_keeps_the_rest(tmp_path: Path) -> None:
    sheet = tmp_path / "big.csv"
    sheet.write_bytes(b"title,company,description\nA,Co,short\nB,Co," + b"x" * 300_000 + b"\nC,Co,short\n")
    result, _peak = peak_bytes(sheet)
    assert [job.title for job in result.jobs] == ["A", "C"]  # type: ignore[attr-defined]
    assert "field larger than field limit" in result.rejected[0].reason  # type: ignore[attr-defined]
