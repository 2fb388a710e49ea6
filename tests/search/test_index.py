"""The index is derived: missing, damaged, outdated or stale, it is rebuilt from the database."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from desktop_app.paths import AppPaths
from desktop_app.search import index
from desktop_app.service import Service
from tests.conftest import FIXTURES


def reopen(profile: AppPaths) -> Service:
    service = Service(profile)
    service.open()
    return service


def search_works(service: Service) -> bool:
    return service.search.query("flask").hits[0].id == "flask"


def test_a_deleted_index_is_rebuilt_at_the_next_start(profile: AppPaths) -> None:
    shutil.rmtree(profile.index_dir)
    service = reopen(profile)
    try:
        assert service.indexing.state() == "missing"
        seen: list[tuple[int, int]] = []
        assert service.indexing.ensure(lambda done, total: seen.append((done, total))) == "missing"
        assert seen and seen[-1][0] == seen[-1][1] > 200
        assert service.indexing.state() == "ok"
        assert search_works(service)
    finally:
        service.close()


def _segments(index_dir: Path) -> list[Path]:
    return [p for p in index_dir.iterdir() if p.suffix in (".seg", ".trm", ".pst", ".vps", ".fdt")]


@pytest.mark.parametrize("damage", ["garbage", "truncate", "toc"])
def test_a_corrupted_index_is_detected_and_rebuilt(profile: AppPaths, damage: str) -> None:
    if damage == "toc":
        for toc in profile.index_dir.glob("_MAIN_*.toc"):
            toc.write_bytes(b"\x00garbage\x00" * 10)
    else:
        for segment in _segments(profile.index_dir):
            data = segment.read_bytes()
            segment.write_bytes(b"\xffjunk" * 50 if damage == "garbage" else data[: len(data) // 3])
    service = reopen(profile)
    try:
        assert service.indexing.state() == "corrupt"
        service.indexing.ensure()
        assert service.indexing.state() == "ok"
        assert search_works(service)
    finally:
        service.close()


def test_an_index_of_another_schema_version_is_rebuilt(profile: AppPaths) -> None:
    stamp = profile.index_dir / index.STAMP_FILE
    data = json.loads(stamp.read_text())
    stamp.write_text(json.dumps({**data, "schema": data["schema"] - 1}))
    service = reopen(profile)
    try:
        assert service.indexing.state() == "outdated"
        service.indexing.ensure()
        assert service.indexing.state() == "ok"
    finally:
        service.close()


def test_an_index_behind_the_database_is_stale_and_rebuilt(profile: AppPaths) -> None:
    service = reopen(profile)
    try:
        # Another writer stored jobs without updating the index (as if killed half-way).
        from desktop_app.importers import parse_file

        service.profile.store.upsert_jobs(parse_file(FIXTURES / "messy-page.html").jobs)
        assert service.indexing.state() == "stale"
        service.indexing.ensure()
        assert (
            service.search.query("backend engineer", kind="job").hits[0].title == "Backend Engineer (Python)"
        )
    finally:
        service.close()


def test_imported_jobs_are_searchable_at_once_without_a_rebuild(service: Service) -> None:
    report = service.jobs.import_files([FIXTURES / "messy-page.html"])
    assert (report.new, report.updated, report.unchanged) == (2, 0, 0)
    assert service.indexing.state() == "ok"
    hits = service.search.query("spark", kind="job").hits
    assert [h.title for h in hits] == ["Remote Data Engineer"]
    detail = service.glossary.term("flask")
    assert detail is not None and [j.title for j in detail.jobs] == ["Backend Engineer (Python)"]


def test_a_failed_rebuild_leaves_the_old_index_serving(profile: AppPaths) -> None:
    service = reopen(profile)
    try:

        def broken() -> Iterator[dict[str, Any]]:
            yield {"key": "term:x", "kind": "term", "id": "x", "title": "X"}
            raise RuntimeError("disk full")

        with pytest.raises(RuntimeError, match="disk full"):
            index.rebuild(profile.index_dir, broken(), 2, service.profile.store.generation())
        assert service.indexing.state() == "ok"
        assert search_works(service)
        assert not [p for p in profile.root.iterdir() if p.name.startswith(".index-")]
    finally:
        service.close()
