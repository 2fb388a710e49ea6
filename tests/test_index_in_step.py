"""Keeping the index in step: a write by another process, committed in the middle of ours, is not lost."""

from __future__ import annotations

from pathlib import Path

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
