"""The pipeline part: favourites as cards, next actions, what is due, and the CSV and .ics exports."""

from __future__ import annotations

import csv
from datetime import date, datetime, timedelta
from pathlib import Path

import icalendar
import pytest

from desktop_app.service import Service, ServiceError
from desktop_app.service.pipeline import CSV_COLUMNS
from desktop_app.storage.models import FavouriteEventRow, FavouriteRow
from tests.conftest import FIXTURES

TODAY = date(2026, 11, 30)


def job_titled(service: Service, title: str) -> str:
    return next(j.id for j in service.profile.store.iter_jobs() if j.title == title)


def backdate(service: Service, job_id: str, days: int) -> None:
    """Move the favourite's latest status change ``days`` before TODAY, as if it happened then."""
    with service.profile.store.session() as s, s.begin():
        favourite = s.query(FavouriteRow).filter_by(job_id=job_id).one()
        last = max(s.query(FavouriteEventRow).filter_by(favourite_id=favourite.id), key=lambda e: e.id)
        last.at = datetime.combine(TODAY - timedelta(days=days), datetime.min.time())


def test_cards_carry_company_place_pay_days_in_stage_and_next_action(service: Service) -> None:
    mobile = job_titled(service, "Mobile App Developer")
    service.user.star(mobile, "saved")
    service.user.star(mobile, "applied")
    backdate(service, mobile, 4)
    service.pipeline.set_next_action(mobile, "Follow up", date(2026, 12, 1))
    (card,) = service.pipeline.cards(TODAY)
    assert (card.title, card.company, card.place, card.pay, card.status) == (
        "Mobile App Developer",
        "Tustin Recruiting",
        "Lakewood, CA, United States",
        "$85,013–$118,074 / year",
        "applied",
    )
    assert card.days_in_stage(TODAY) == 4 and not card.is_due(TODAY) and card.is_due(date(2026, 12, 1))
    assert card.next_action is not None and card.next_action.text == "Follow up"


def test_a_next_action_needs_a_favourite_and_a_text(service: Service) -> None:
    job_id = job_titled(service, "Mobile App Developer")
    with pytest.raises(ServiceError, match="not among your favourites"):
        service.pipeline.set_next_action(job_id, "Follow up", None)
    service.user.star(job_id)
    with pytest.raises(ServiceError, match="1 to 200"):
        service.pipeline.set_next_action(job_id, "", TODAY)


def test_due_counts_what_falls_today_or_before(service: Service) -> None:
    ids = [job_titled(service, t) for t in ("Mobile App Developer", "Junior Account Executive")]
    for job_id in ids:
        service.user.star(job_id)
    service.pipeline.set_next_action(ids[0], "Interview", TODAY)
    service.pipeline.set_next_action(ids[1], "Follow up", TODAY + timedelta(days=3))
    assert service.pipeline.due_count(TODAY) == 1
    assert service.pipeline.due_count(TODAY + timedelta(days=3)) == 2
    assert service.pipeline.clear_next_action(ids[0])
    assert service.pipeline.due_count(TODAY) == 0


def test_the_pipeline_as_csv_reads_back_with_every_favourite(service: Service, tmp_path: Path) -> None:
    service.jobs.import_files([FIXTURES / "greenhouse.json"])
    imported = next(j for j in service.profile.store.iter_jobs() if j.apply_url)
    mobile = job_titled(service, "Mobile App Developer")
    service.user.star(mobile, "interviewing", note="Panel, bring the portfolio")
    service.user.star(imported.id, "saved")
    service.pipeline.set_next_action(mobile, "Interview, 10:00", date(2026, 12, 3))
    backdate(service, mobile, 2)
    out = tmp_path / "pipeline.csv"
    assert service.pipeline.export_csv(out, TODAY) == 2
    with out.open(encoding="utf-8", newline="") as f:
        rows = {r["title"]: r for r in csv.DictReader(f)}
    assert tuple(next(iter(rows.values())).keys()) == CSV_COLUMNS
    row = rows["Mobile App Developer"]
    assert row["company"] == "Tustin Recruiting" and row["status"] == "interviewing"
    assert row["next_action"] == "Interview, 10:00" and row["next_action_due"] == "2026-12-03"
    assert row["note"] == "Panel, bring the portfolio" and row["days_in_stage"] == "2"
    assert rows[imported.title]["url"] == imported.apply_url
    assert rows[imported.title]["next_action"] == ""


def test_dated_next_actions_as_ics_read_back_by_icalendar(service: Service, tmp_path: Path) -> None:
    service.jobs.import_files([FIXTURES / "greenhouse.json"])
    imported = next(j for j in service.profile.store.iter_jobs() if j.apply_url)
    mobile = job_titled(service, "Mobile App Developer")
    junior = job_titled(service, "Junior Account Executive")
    for job_id in (mobile, junior, imported.id):
        service.user.star(job_id, "interviewing")
    service.pipeline.set_next_action(mobile, "Interview; panel, 10:00", date(2026, 12, 3))
    service.pipeline.set_next_action(imported.id, "Follow up", date(2026, 12, 7))
    service.pipeline.set_next_action(junior, "Think it over", None)  # no day: not a calendar event
    out = tmp_path / "next.ics"
    assert service.pipeline.export_ics(out) == 2
    raw = out.read_bytes()
    assert raw.startswith(b"BEGIN:VCALENDAR\r\n")
    calendar = icalendar.Calendar.from_ical(raw)
    events = {str(e["summary"]): e for e in calendar.walk("VEVENT")}
    assert set(events) == {
        "Interview; panel, 10:00: Mobile App Developer (Tustin Recruiting)",
        f"Follow up: {imported.title} ({imported.company})",
    }
    interview = events["Interview; panel, 10:00: Mobile App Developer (Tustin Recruiting)"]
    assert interview.decoded("dtstart") == date(2026, 12, 3)
    assert interview.decoded("dtend") == date(2026, 12, 4)
    assert "Status: Interviewing" in str(interview["description"])
    assert str(events[f"Follow up: {imported.title} ({imported.company})"]["url"]) == imported.apply_url
    again = tmp_path / "again.ics"
    service.pipeline.export_ics(again)
    uids = {str(e["uid"]) for e in icalendar.Calendar.from_ical(again.read_bytes()).walk("VEVENT")}
    assert uids == {str(e["uid"]) for e in events.values()}  # a calendar re-importing it updates, not doubles
