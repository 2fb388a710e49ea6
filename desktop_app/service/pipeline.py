"""The pipeline part: favourites as cards by status, next actions and what is due, CSV and iCalendar."""

from __future__ import annotations

import csv
import hashlib
import io
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from desktop_app.core.lazy import lazy_module
from desktop_app.service.dto import FavouriteInfo
from desktop_app.service.errors import ServiceError
from desktop_app.service.profile import Profile
from desktop_app.storage.pipeline import NextAction, PipelineData

if TYPE_CHECKING:
    import icalendar
else:  # used only by the calendar export: kept out of start-up
    icalendar = lazy_module("icalendar")

CSV_COLUMNS = (
    "company",
    "title",
    "place",
    "pay",
    "status",
    "days_in_stage",
    "next_action",
    "next_action_due",
    "note",
    "url",
)
ICS_PRODID = "-//Glossary & Jobs//Pipeline//EN"


@dataclass(frozen=True, slots=True)
class PipelineCard:
    """A favourite as the board shows it; ``since`` is the day it entered its current status."""

    job_id: str
    title: str
    company: str
    place: str
    pay: str
    annual_pay: float | None  # the yearly low end, for sorting by pay
    status: str
    since: date
    note: str
    listed: bool
    url: str
    next_action: NextAction | None

    def days_in_stage(self, today: date) -> int:
        """Return how many whole days it has been in its status (0 on the day it moved)."""
        return max(0, (today - self.since).days)

    def is_due(self, today: date) -> bool:
        """True when its next action falls today or is overdue."""
        return self.next_action is not None and self.next_action.is_due(today)


def _card(fav: FavouriteInfo, action: NextAction | None, today: date) -> PipelineCard:
    job = fav.job
    since = next((at.date() for status, at in reversed(fav.timeline) if status == fav.status), today)
    return PipelineCard(
        job_id=fav.job_id,
        title=fav.title,
        company=job.company or "",
        place=job.location_label(),
        pay=job.salary.label() if job.salary is not None else "",
        annual_pay=job.salary.annual_min if job.salary is not None else None,
        status=fav.status,
        since=since,
        note=fav.note,
        listed=fav.listed,
        url=job.apply_url or job.url or "",
        next_action=action,
    )


class PipelinePart:
    """The favourites as a pipeline with a next action each; methods raise ServiceError with a reason."""

    def __init__(self, profile: Profile) -> None:
        self._profile = profile

    @property
    def _data(self) -> PipelineData:
        return PipelineData(self._profile.store.session)

    def cards(self, today: date | None = None) -> list[PipelineCard]:
        """Return every favourite as a card, most recently changed first."""
        today = today or date.today()
        actions = self._data.next_actions()
        return [_card(f, actions.get(f.job_id), today) for f in self._profile.store.user.favourites()]

    def set_next_action(self, job_id: str, text: str, due: date | None) -> None:
        """Give a favourite its next action ("Follow up", "Interview") and, optionally, its day."""
        try:
            self._data.set_next_action(job_id, text, due)
        except KeyError as exc:
            raise ServiceError(f"the job '{job_id}' is not among your favourites") from exc
        except ValueError as exc:
            raise ServiceError(str(exc)) from exc

    def clear_next_action(self, job_id: str) -> bool:
        """Remove a favourite's next action; return False when it had none."""
        return self._data.clear_next_action(job_id)

    def due_count(self, today: date | None = None) -> int:
        """Return how many next actions fall today or are overdue (read from the database only)."""
        return self._data.due_count(today or date.today())

    # -- export ---------------------------------------------------------------------------
    def export_csv(self, path: Path, today: date | None = None) -> int:
        """Write every favourite as a CSV row (CSV_COLUMNS); return how many rows."""
        today = today or date.today()
        cards = self.cards(today)
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(CSV_COLUMNS)
        for card in cards:
            action = card.next_action
            writer.writerow(
                [
                    card.company,
                    card.title,
                    card.place,
                    card.pay,
                    card.status,
                    card.days_in_stage(today),
                    action.text if action else "",
                    action.due.isoformat() if action and action.due else "",
                    card.note,
                    card.url,
                ]
            )
        _write(path, out.getvalue().encode("utf-8"))
        return len(cards)

    def export_ics(self, path: Path) -> int:
        """Write each next action that has a day as an all-day iCalendar event; return how many."""
        calendar = icalendar.Calendar()
        calendar.add("prodid", ICS_PRODID)
        calendar.add("version", "2.0")
        stamp = datetime.now(UTC)
        count = 0
        for card in self.cards():
            action = card.next_action
            if action is None or action.due is None:
                continue
            event = icalendar.Event()
            # The same job's reminder keeps its UID, so a calendar re-importing the file updates it.
            digest = hashlib.sha256(card.job_id.encode()).hexdigest()[:24]
            event.add("uid", f"{digest}-next-action@glossary-jobs")
            event.add("dtstamp", stamp)
            event.add("dtstart", action.due)
            event.add("dtend", action.due + timedelta(days=1))
            company = f" ({card.company})" if card.company else ""
            event.add("summary", f"{action.text}: {card.title}{company}")
            details = [f"Status: {card.status.title()}"] + ([f"Note: {card.note}"] if card.note else [])
            event.add("description", "\n".join(details))
            if card.url:
                event.add("url", card.url)
            calendar.add_component(event)
            count += 1
        _write(path, calendar.to_ical())
        return count


def _write(path: Path, data: bytes) -> None:
    # Bytes, not text: iCalendar lines end in CRLF, which a text write would change on Windows.
    part = path.with_name(path.name + ".part")
    try:
        part.write_bytes(data)
        part.replace(path)
    except OSError as exc:
        part.unlink(missing_ok=True)
        raise ServiceError(f"cannot write {path}: {exc.strerror or exc}") from exc
