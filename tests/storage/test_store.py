"""The database: migrations match the models, backups come first, writes are counted honestly."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import select

from desktop_app.core.glossary import load_folder
from desktop_app.importers import parse_file
from desktop_app.storage import db
from desktop_app.storage.models import Base, FavouriteRow, SavedFilterRow
from desktop_app.storage.repository import Store
from tests.conftest import DATA, SAMPLES


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "test.sqlite3", tmp_path / "backups")


def test_migrated_empty_database_matches_the_models(store: Store) -> None:
    with store.engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert diff == []
    assert db.current_revision(store.path) == db.HEAD_REVISION


def test_sqlite_runs_in_wal_mode_with_a_busy_timeout(store: Store) -> None:
    with store.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == db.BUSY_TIMEOUT_MS


def test_opening_a_current_database_makes_no_backup(tmp_path: Path, store: Store) -> None:
    store.close()
    again = Store(store.path, tmp_path / "backups")
    assert again.migration_backup is None
    assert list((tmp_path / "backups").glob("*")) == []


def test_a_database_behind_is_backed_up_then_migrated_keeping_its_data(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    engine = db.make_engine(path)
    db.upgrade(engine, "0001")  # a database as the first release left it
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO jobs (id, title, company, locations, remote, employment_types, description_html,"
            " description_text, source, content_hash, first_seen, updated_at) VALUES ('job-1', 'Dev', 'Acme',"
            " '[{\"city\": \"Irvine\"}]', 0, '[]', '', '', 'old.json', 'x', '2025-01-01', '2025-01-01')"
        )
        conn.exec_driver_sql(
            "INSERT INTO saved_filters (name, query, criteria, position, created_at)"
            " VALUES ('Mine', 'python', '{}', 0, '2025-01-01')"
        )
    engine.dispose()
    store = Store(path, tmp_path / "backups")
    backup = store.migration_backup
    assert backup is not None and "pre-migration-0001" in backup.name
    with sqlite3.connect(backup) as copy:
        assert copy.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
    assert db.current_revision(path) == db.HEAD_REVISION
    assert store.job_sources("job-1") == [{"source": "old.json", "seen_at": "2025-01-01"}]
    with store.session() as s:
        assert s.scalars(select(SavedFilterRow.name)).all() == ["Mine"]


def test_a_database_from_a_newer_version_is_refused_untouched(tmp_path: Path, store: Store) -> None:
    store.close()
    with sqlite3.connect(store.path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    before = store.path.read_bytes()
    with pytest.raises(db.StorageError, match="newer version"):
        Store(store.path, tmp_path / "backups")
    assert store.path.read_bytes() == before


def test_a_damaged_file_is_reported_not_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "damaged.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(db.StorageError, match="damaged"):
        Store(path, tmp_path / "backups")
    assert path.read_bytes() == b"this is not a database" * 100


def test_upsert_counts_new_updated_unchanged(store: Store) -> None:
    jobs = parse_file(SAMPLES).jobs
    first = store.upsert_jobs(jobs)
    assert (first.new, first.updated, first.unchanged) == (6, 0, 0)
    again = store.upsert_jobs(jobs)
    assert (again.new, again.updated, again.unchanged) == (0, 0, 6)
    import dataclasses

    changed = dataclasses.replace(jobs[0], team="Renamed Team")
    third = store.upsert_jobs([changed])
    assert (third.new, third.updated, third.unchanged) == (0, 1, 0)
    stored = store.job(jobs[0].id)
    assert stored is not None and stored.team == "Renamed Team"
    assert store.job_count() == 6


def test_new_jobs_are_stored_and_read_as_the_orm_would(store: Store, tmp_path: Path) -> None:
    # New rows go in by one Core executemany; jobs() and iter_jobs() read the driver's tuples: all
    # are pinned to the ORM.
    import dataclasses
    from datetime import datetime

    from desktop_app.storage.convert import fill_job_row, row_to_job
    from desktop_app.storage.models import JobRow

    jobs = list(parse_file(SAMPLES).jobs)
    jobs[0] = dataclasses.replace(jobs[0], stated_skills=("Python", "SQL"), direct_apply=True)
    store.upsert_jobs(jobs)
    twin = Store(tmp_path / "twin.sqlite3", tmp_path / "backups")
    with twin.session() as s, s.begin():
        for job in jobs:
            row = fill_job_row(JobRow(first_seen=datetime(2026, 1, 1), updated_at=datetime(2026, 1, 1)), job)
            s.add(row)
    columns = "id, title, company, locations, remote, employment_types, salary_min, salary_max, " + (
        "annual_min, annual_max, date_posted, valid_through, description_html, direct_apply, "
        "workplace, stated_skills, content_hash, typeof(remote), typeof(date_posted), typeof(salary_min)"
    )
    read = [
        sqlite3.connect(path).execute(f"SELECT {columns} FROM jobs ORDER BY id").fetchall()
        for path in (store.path, twin.path)
    ]
    assert read[0] == read[1]
    found = store.jobs(job.id for job in jobs)
    with store.session() as s:
        assert found == {row.id: row_to_job(row) for row in s.scalars(select(JobRow))}
    assert [found[job.id] for job in jobs] == jobs
    assert list(store.iter_jobs(batch=2)) == sorted(jobs, key=lambda job: job.id)  # a rebuild's read
    twin.close()


def test_reloading_the_glossary_leaves_user_data_alone(store: Store) -> None:
    from datetime import datetime

    terms, _ = load_folder(DATA / "glossary")
    store.replace_terms(terms)
    with store.session() as s, s.begin():
        s.add(SavedFilterRow(name="Python jobs", query="python", created_at=datetime.now()))
        s.add(
            FavouriteRow(
                job_id="job-x", snapshot={"title": "X"}, created_at=datetime.now(), updated_at=datetime.now()
            )
        )
    store.replace_terms(terms[:10])
    assert store.term_count() == 10
    with store.session() as s:
        assert s.scalars(select(SavedFilterRow.name)).all() == ["Python jobs"]
        assert s.scalars(select(FavouriteRow.job_id)).all() == ["job-x"]


def test_backlinks_list_the_terms_that_name_an_entry(store: Store) -> None:
    terms, _ = load_folder(DATA / "glossary")
    store.replace_terms(terms)
    backlinks = store.backlinks("wsgi")
    assert "flask" in backlinks
    for slug in backlinks:
        term = store.term(slug)
        assert term is not None and "wsgi" in {r.slug for r in term.related}


def test_backup_is_a_consistent_copy(tmp_path: Path, store: Store) -> None:
    store.upsert_jobs(parse_file(SAMPLES).jobs)
    copy = db.backup(store.path, tmp_path / "backups", "manual")
    with sqlite3.connect(copy) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("SELECT count(*) FROM jobs").fetchone() == (6,)


def test_the_newest_jobs_are_the_dated_newest_posting_first_then_the_undated_newest_seen(
    store: Store,
) -> None:
    from datetime import date

    from desktop_app.core.types import Job, JobId

    titles = ["", "Data Engineer", "Product Designer", "Security Analyst", "Frontend Developer", "Sales Lead"]

    def job(number: int, posted: date | None) -> Job:
        title = titles[number]
        return Job(JobId(f"job-{number}"), title, "Acme", date_posted=posted,
                   description_text=f"We hire a {title}.", source="test")  # fmt: skip

    store.upsert_jobs([job(1, None), job(2, date(2024, 5, 1))])
    store.upsert_jobs([job(3, None), job(4, date(2024, 6, 1)), job(5, date(2023, 1, 1))])
    newest = ["job-4", "job-2", "job-5", "job-3", "job-1"]
    assert [j.id for j in store.newest_jobs(10)] == newest
    assert [j.id for j in store.newest_jobs(2)] == newest[:2]
    assert [j.id for j in store.newest_jobs(4)] == newest[:4]
