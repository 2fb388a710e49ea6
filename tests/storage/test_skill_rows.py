"""Each job's skills in one row: the migration carries them over, in order, and back."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from alembic import command
from alembic.config import Config

from desktop_app.paths import AppPaths
from desktop_app.service import Service
from desktop_app.storage import db
from tests.skills.test_job_skills import posting_file


def migrate(database: Path, target: str) -> None:
    """Take the database at ``database`` up to the newest revision ("head") or down to ``target``."""
    config = Config()
    config.set_main_option("script_location", str(Path(db.__file__).parent / "migrations"))
    engine = db.make_engine(database)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        if target == "head":
            command.upgrade(config, target)
        else:
            command.downgrade(config, target)
    engine.dispose()


def test_skills_survive_the_move_to_one_row_and_back_in_the_order_the_posting_names_them(
    profile: AppPaths, tmp_path: Path
) -> None:
    service = Service(profile)
    service.open()
    job_id = service.jobs.import_files([posting_file(tmp_path)]).accepted[0].id
    asked = [(skill.id, skill.required) for skill in service.skills.of_job(job_id)]
    versions = service.profile.store.job_versions()
    service.close()
    assert asked == [("go", True), ("postgresql", True), ("apache-kafka", False)]

    migrate(profile.database, "0014")  # as an older version stored them: a row per skill
    with sqlite3.connect(profile.database) as conn:
        sql = "SELECT slug, required FROM job_skills WHERE job_id = ? ORDER BY rowid"
        rows = conn.execute(sql, (job_id,))
        assert [(slug, bool(required)) for slug, required in rows] == asked
        assert "skills" not in [c[1] for c in conn.execute("PRAGMA table_info(job_skill_state)")]

    service = Service(profile)
    service.open()  # migrated to the newest revision as it opens
    try:
        assert [(skill.id, skill.required) for skill in service.skills.of_job(job_id)] == asked
        # The same versions: the search index does not take every job for changed.
        assert service.profile.store.job_versions() == versions
        assert service.indexing.state() == "ok"
    finally:
        service.close()
    with sqlite3.connect(profile.database) as conn:
        tables = {name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert "job_skills" not in tables


def test_jobs_take_the_skills_just_derived_for_them_and_read_the_others(
    service: Service, tmp_path: Path
) -> None:
    # An import indexes a batch with the skills it has just derived and stored; a job not among
    # them is read as stored, a job derived with no skills has none, and a read without skills
    # has none whatever was derived.
    store = service.profile.store
    first = service.jobs.import_files([posting_file(tmp_path, identifier="a")]).accepted[0].id
    other = posting_file(tmp_path, "<h3>Requirements</h3><p>Terraform and AWS</p>", "b", "Cloud Engineer")
    second = service.jobs.import_files([other]).accepted[0].id
    stored = store.jobs([first, second])
    assert [slug for slug, _ in stored[second].skills] == ["terraform", "aws"]
    assert [slug for slug, _ in stored[first].skills] == ["go", "postgresql", "apache-kafka"]
    derived = {first: [("rust", True)]}
    assert store.jobs([first, second], derived=derived)[first].skills == (("rust", True),)
    assert store.jobs([first, second], derived=derived)[second].skills == stored[second].skills
    assert store.jobs([first], derived={first: []})[first].skills == ()
    assert store.jobs([first], skills=False, derived=derived)[first].skills == ()
