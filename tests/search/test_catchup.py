"""An index left behind the database catches up in place: only what it lacks is written."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

from desktop_app.importers import parse_file
from desktop_app.paths import AppPaths
from desktop_app.search import ledger
from desktop_app.service import Service
from tests.conftest import FIXTURES


def reopen(profile: AppPaths) -> Service:
    service = Service(profile)
    service.open()
    return service


def inode(folder: Path) -> int:
    return os.stat(folder).st_ino


def test_a_stale_index_writes_only_the_new_changed_and_deleted_jobs(profile: AppPaths) -> None:
    before = inode(profile.index_dir)
    service = reopen(profile)
    try:
        store = service.profile.store
        stored = list(store.iter_jobs())
        renamed = replace(stored[0], title="Principal Quokka Wrangler")
        dropped = stored[1]
        # Writes that reached the database and not the index, as a kill mid-import leaves them.
        new = parse_file(FIXTURES / "messy-page.html").jobs
        store.upsert_jobs([*new, renamed])
        present: set[str] = {j.id for j in stored if j.source == dropped.source and j.id != dropped.id}
        assert dropped.id in store.withdraw_missing(dropped.source, present)
        assert service.indexing.state() == "stale"

        seen: list[tuple[int, int]] = []
        assert service.indexing.ensure(lambda done, total: seen.append((done, total))) == "stale"

        assert service.indexing.state() == "ok"
        assert inode(profile.index_dir) == before  # caught up in place, not rebuilt and swapped
        assert seen[-1] == (len(new) + 2, len(new) + 2)  # the new jobs, the renamed one, the dropped one
        everything = {j.id for j in store.iter_jobs()}
        assert set(service.indexing.job_ids("")) == everything
        assert [h.id for h in service.search.query("quokka wrangler", kind="job").hits] == [renamed.id]
        hits = service.search.query("backend engineer", kind="job").hits
        assert hits[0].title == "Backend Engineer (Python)"
    finally:
        service.close()


def test_an_index_in_step_with_its_ledger_writes_nothing_when_it_catches_up(profile: AppPaths) -> None:
    service = reopen(profile)
    try:
        result = service.indexing.catch_up()
        assert result is not None and (result.written, result.deleted, result.terms) == (0, 0, False)
        assert service.indexing.state() == "ok"
    finally:
        service.close()


def test_documents_a_kill_left_unconfirmed_are_written_again(profile: AppPaths) -> None:
    service = reopen(profile)
    try:
        store = service.profile.store
        some = sorted(store.job_versions())[:3]
        # Killed between marking and the commit: the ledger no longer vouches for these three.
        ledger.begin(profile.index_dir, [f"job:{i}" for i in some])
        store.upsert_jobs(parse_file(FIXTURES / "messy-page.html").jobs)  # and the index is behind
        result = service.indexing.catch_up()
        assert result is not None and result.written == 3 + 2 and result.deleted == 0
        assert set(service.indexing.job_ids("")) == set(store.job_versions())
        assert service.indexing.catch_up() == replace(result, written=0)
    finally:
        service.close()


def test_changed_terms_are_replaced_when_the_index_catches_up(profile: AppPaths) -> None:
    service = reopen(profile)
    try:
        store = service.profile.store
        terms = store.all_terms()
        flask = next(t for t in terms if t.slug == "flask")
        store.replace_terms(
            [replace(t, summary=t.summary + " Zanzibarian.") if t is flask else t for t in terms]
        )
        assert service.indexing.state() == "stale"
        result = service.indexing.catch_up()
        assert result is not None and result.terms and result.written == 0
        assert [h.id for h in service.search.query("zanzibarian").hits] == ["flask"]
    finally:
        service.close()


def test_an_index_without_a_ledger_is_rebuilt_when_stale(profile: AppPaths) -> None:
    ledger.path_of(profile.index_dir).unlink()  # an index built before the ledger existed
    before = inode(profile.index_dir)
    service = reopen(profile)
    try:
        service.profile.store.upsert_jobs(parse_file(FIXTURES / "messy-page.html").jobs)
        assert service.indexing.catch_up() is None
        assert service.indexing.ensure() == "stale"
        assert service.indexing.state() == "ok"
        assert inode(profile.index_dir) != before
        assert ledger.exists(profile.index_dir)  # the rebuilt one can catch up next time
    finally:
        service.close()
