"""Next actions on favourites: stored, counted when due, carried by the data file, migrated up and down."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy.orm import sessionmaker

from desktop_app.storage import db
from desktop_app.storage.pipeline import NextAction, PipelineData, checked_next_actions
from desktop_app.storage.repository import Store

TODAY = date(2026, 11, 30)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    opened = Store(tmp_path / "test.sqlite3", tmp_path / "backups")
    for job_id, status in (("job-a", "applied"), ("job-b", "interviewing"), ("job-c", "saved")):
        opened.user.star(job_id, {}, status)
    return opened


def test_a_next_action_is_kept_replaced_and_cleared(store: Store) -> None:
    data = PipelineData(store.session)
    data.set_next_action("job-a", "  Follow   up with Dana ", date(2026, 12, 2))
    assert data.next_actions() == {"job-a": NextAction("Follow up with Dana", date(2026, 12, 2))}
    data.set_next_action("job-a", "Interview", None)
    assert data.next_actions() == {"job-a": NextAction("Interview", None)}
    assert data.clear_next_action("job-a") and not data.clear_next_action("job-a")
    assert data.next_actions() == {}
    with pytest.raises(KeyError):
        data.set_next_action("not-a-favourite", "Call", None)
    with pytest.raises(ValueError, match="1 to 200"):
        data.set_next_action("job-a", "   ", None)


def test_due_counts_today_and_overdue_not_later_or_undated(store: Store) -> None:
    data = PipelineData(store.session)
    data.set_next_action("job-a", "Follow up", date(2026, 11, 28))  # overdue
    data.set_next_action("job-b", "Interview", TODAY)
    data.set_next_action("job-c", "Send portfolio", date(2026, 12, 1))
    assert data.due_count(TODAY) == 2
    data.set_next_action("job-b", "Interview", None)
    assert data.due_count(TODAY) == 1
    store.user.unstar("job-a")  # an unstarred job's reminder goes with it
    assert data.due_count(TODAY) == 0


def test_next_actions_go_out_with_the_data_file_and_merge_only_where_missing(store: Store) -> None:
    data = PipelineData(store.session)
    data.set_next_action("job-a", "Follow up", date(2026, 12, 2))
    exported = data.export()
    assert exported == [{"job_id": "job-a", "text": "Follow up", "due": "2026-12-02"}]
    data.set_next_action("job-b", "Interview", None)
    items = checked_next_actions(
        {"next_actions": [*exported, {"job_id": "job-b", "text": "Other", "due": None},
                          {"job_id": "job-c", "text": "Call back", "due": "2026-12-09"},
                          {"job_id": "gone", "text": "Call", "due": None}]}
    )  # fmt: skip
    data.clear_next_action("job-a")
    assert data.merge(items) == 2  # job-a (cleared) and job-c; job-b keeps its own; "gone" is no favourite
    assert data.next_actions() == {
        "job-a": NextAction("Follow up", date(2026, 12, 2)),
        "job-b": NextAction("Interview", None),
        "job-c": NextAction("Call back", date(2026, 12, 9)),
    }
    assert checked_next_actions({"format": "older file"}) == []
    with pytest.raises(ValueError, match="next action 1: 'due'"):
        checked_next_actions({"next_actions": [{"job_id": "x", "text": "Call", "due": "next week"}]})


def test_migration_0011_adds_next_actions_and_its_downgrade_removes_them(tmp_path: Path) -> None:
    path = tmp_path / "down.sqlite3"
    engine = db.make_engine(path)
    db.upgrade(engine, "0010")
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO favourites (job_id, snapshot, status, note, created_at, updated_at)"
            " VALUES ('job-1', '{}', 'applied', 'keep me', '2026-11-01', '2026-11-01')"
        )
    db.upgrade(engine, "0011")
    data = PipelineData(sessionmaker(engine))
    assert data.next_actions() == {}
    data.set_next_action("job-1", "Follow up", date(2026, 12, 1))
    config = Config()
    config.set_main_option("script_location", str(Path(db.__file__).parent / "migrations"))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0010")
    with engine.connect() as conn:
        columns = {row[1] for row in conn.exec_driver_sql("PRAGMA table_info(favourites)")}
        note = conn.exec_driver_sql("SELECT note FROM favourites").scalar()
    assert "next_action" not in columns and "next_action_due" not in columns and note == "keep me"
    engine.dispose()


def test_a_next_action_keeps_its_day_across_a_fresh_store(store: Store, tmp_path: Path) -> None:
    PipelineData(store.session).set_next_action("job-b", "Interview 10:00", TODAY)
    store.close()
    again = Store(tmp_path / "test.sqlite3", tmp_path / "backups")
    assert PipelineData(again.session).next_actions()["job-b"] == NextAction("Interview 10:00", TODAY)
