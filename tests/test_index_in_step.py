"""Keeping the index in step: a write by another process, committed in the middle of ours, is not lost."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.generate import write
from desktop_app.importers.build import make_job
from desktop_app.search.protocol import IndexChange
from desktop_app.service import Service
from desktop_app.storage.repository import Store, StoreCounts


def test_another_process_committing_meanwhile_leaves_the_index_to_catch_up(service: Service) -> None:
    store = service.profile.store
    other = Store(service.paths.database, service.paths.backups_dir)  # another process's connection
    ours = make_job(title="Rust Engineer", source="ours.jsonld", company="Ferrous")
    theirs = make_job(title="Elixir Engineer", source="theirs.jsonld", company="Phoenix")
    assert service.indexing.state() == "ok"

    def write() -> StoreCounts:
        counts = store.upsert_jobs([ours])
        bumps = Store.bumps_made
        other.upsert_jobs([theirs])  # committed between our write and our reading the generation
        Store.bumps_made = bumps  # ...by another process, which counts its own generations
        return counts

    def change(counts: StoreCounts) -> IndexChange:
        return IndexChange(jobs=tuple(j for j in [ours] if j.id in counts.changed_ids))

    service.indexing.write(write, change)
    # Stamped as seeing the other process's job, the index would never find it; it is behind instead.
    assert service.indexing.state() == "stale"
    service.indexing.ensure()
    assert service.indexing.state() == "ok"
    found = {hit.id for hit in service.search.query("elixir", "job").hits}
    assert theirs.id in found
    other.close()


def test_a_write_alone_leaves_the_index_in_step(service: Service) -> None:
    store = service.profile.store
    job = make_job(title="Rust Engineer", source="ours.jsonld", company="Ferrous")
    service.indexing.write(lambda: store.upsert_jobs([job]), lambda counts: IndexChange(jobs=(job,)))
    assert service.indexing.state() == "ok"
    assert job.id in {hit.id for hit in service.search.query("rust engineer", "job").hits}


def test_many_small_imports_in_a_row_each_stay_in_step(service: Service, tmp_path: Path) -> None:
    # Each import commits a small segment; after a few, Whoosh merges segments at a commit.
    # Word pairs and keywords held by one or two jobs keep their postings in the term info,
    # which a merge once read back as "" and refused: the sixth import failed.
    titles = []
    for number in range(12):
        source = write(3, tmp_path / f"small-{number}.jsonld", seed=number + 1)
        report = service.jobs.import_files([source])
        assert report.accepted_count == 3 and service.indexing.state() == "ok", number
        titles.append(report.accepted[0].title)
    segments = {p.stem for p in service.paths.index_dir.glob("MAIN_*.trm")}  # a term table each
    assert len(segments) < 12  # segments were merged along the way
    for title in titles:
        assert title in [hit.title for hit in service.search.query(f'"{title}"', kind="job").hits]


def _job_hits(service: Service, text: str) -> set[str]:
    return {hit.title for hit in service.search.query(text, "job").hits}


def test_a_round_of_writes_is_searchable_together_once_it_ends(service: Service) -> None:
    store = service.profile.store
    first = make_job(title="Haskell Engineer", source="round.jsonld", company="Lambda")
    second = make_job(title="Clojure Engineer", source="round.jsonld", company="Lisp")
    with service.indexing.round() as steps:
        steps.write(lambda: store.upsert_jobs([first]), lambda counts: IndexChange(jobs=(first,)))
        steps.write(lambda: store.upsert_jobs([second]), lambda counts: IndexChange(jobs=(second,)))
        assert _job_hits(service, "haskell") == set()  # written, not yet committed
    assert steps.behind is None and service.indexing.state() == "ok"
    assert _job_hits(service, "haskell") == {first.title} and _job_hits(service, "clojure") == {second.title}


def test_another_process_writing_within_a_round_leaves_the_index_behind_never_wrong(service: Service) -> None:
    store = service.profile.store
    other = Store(service.paths.database, service.paths.backups_dir)
    ours = make_job(title="Ocaml Engineer", source="ours.jsonld", company="Camel")
    later = make_job(title="Erlang Engineer", source="ours.jsonld", company="Beam")
    theirs = make_job(title="Fortran Engineer", source="theirs.jsonld", company="Punch")
    with service.indexing.round() as steps:
        steps.write(lambda: store.upsert_jobs([ours]), lambda counts: IndexChange(jobs=(ours,)))
        bumps = Store.bumps_made
        other.upsert_jobs([theirs])  # another process, between two writes of our round
        Store.bumps_made = bumps
        steps.write(lambda: store.upsert_jobs([later]), lambda counts: IndexChange(jobs=(later,)))
    assert service.indexing.state() == "stale"  # it holds ours, stamped as of ours alone
    assert _job_hits(service, "ocaml") == {ours.title}
    service.indexing.ensure()
    assert service.indexing.state() == "ok"
    assert _job_hits(service, "fortran") == {theirs.title} and _job_hits(service, "erlang") == {later.title}
    other.close()


def test_a_round_that_fails_part_way_drops_its_index_writes_and_catches_up(service: Service) -> None:
    store = service.profile.store
    kept = make_job(title="Prolog Engineer", source="round.jsonld", company="Horn")

    def broken() -> StoreCounts:
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"), service.indexing.round() as steps:
        steps.write(lambda: store.upsert_jobs([kept]), lambda counts: IndexChange(jobs=(kept,)))
        steps.write(broken, lambda counts: IndexChange())
    assert store.job(kept.id) is not None  # the database kept its own transaction
    assert service.indexing.state() == "stale"  # the index dropped the round, and says it is behind
    service.indexing.ensure()
    assert _job_hits(service, "prolog") == {kept.title}
