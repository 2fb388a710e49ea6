"""Conversions between core dataclasses and ORM rows (and the JSON form of a job)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from datetime import date
from typing import Any, Literal

from sqlalchemy import Row

from desktop_app.core.types import (
    WORKPLACES,
    Job,
    JobId,
    Location,
    NamedText,
    RelatedRef,
    Salary,
    Term,
    TermId,
    Workplace,
)
from desktop_app.storage.models import JobRow, TermLinkRow, TermRow


def term_to_rows(term: Term) -> tuple[TermRow, list[TermLinkRow]]:
    """Return the row and link rows that store a term."""
    row = TermRow(
        slug=term.slug,
        title=term.title,
        aliases=list(term.aliases),
        category=term.category,
        summary=term.summary,
        definition=term.definition,
        applications=[_named_json(a) for a in term.applications],
        safety=[_named_json(s) for s in term.safety],
        origin=term.origin,
        reviewed=term.reviewed,
        sources=list(term.sources),
        recruiters=term.recruiters,
        ambiguous=list(term.ambiguous),
    )
    links = [
        TermLinkRow(source_slug=term.slug, position=i, target_slug=ref.slug, note=ref.note)
        for i, ref in enumerate(term.related)
    ]
    return row, links


def _named_json(item: NamedText) -> dict[str, Any]:
    out: dict[str, Any] = {"name": item.name, "text": item.text}
    if item.quote or item.source:
        out.update(quote=item.quote, source=item.source)
    return out


def _named(item: dict[str, Any]) -> NamedText:
    return NamedText(item["name"], item["text"], bool(item.get("quote")), str(item.get("source", "")))


def row_to_term(row: TermRow, links: list[TermLinkRow], replaces: Sequence[str] = ()) -> Term:
    """Return the Term a row, its links and the slugs merged into it store."""
    origin: Literal["shipped", "user"] = "user" if row.origin == "user" else "shipped"
    return Term(
        slug=TermId(row.slug),
        title=row.title,
        aliases=tuple(row.aliases),
        category=row.category,
        summary=row.summary,
        definition=row.definition,
        applications=tuple(_named(a) for a in row.applications),
        safety=tuple(_named(s) for s in row.safety),
        related=tuple(
            RelatedRef(TermId(link.target_slug), link.note)
            for link in sorted(links, key=lambda k: k.position)
        ),
        origin=origin,
        reviewed=row.reviewed,
        sources=tuple(row.sources or ()),
        recruiters=row.recruiters or "",
        ambiguous=tuple(row.ambiguous or ()),
        replaces=tuple(TermId(r) for r in replaces),
    )


def _location_json(loc: Location) -> dict[str, str | None]:
    """Return a place as stored and in the job object (``text``: the place as published)."""
    return {"city": loc.city, "region": loc.region, "country": loc.country, "text": loc.text}


def job_to_json(job: Job) -> dict[str, Any]:
    """Return the job object of the command-line contract (see DESIGN.md "Command line")."""
    salary = job.salary
    return {
        "id": job.id,
        "title": job.title,
        "company": job.company,
        "locations": [_location_json(loc) for loc in job.locations],
        "remote": job.remote,
        "workplace": job.workplace,
        "employment_types": list(job.employment_types),
        "salary": None
        if salary is None
        else {"min": salary.min, "max": salary.max, "currency": salary.currency, "unit": salary.unit},
        "salary_text": job.salary_text,
        "date_posted": job.date_posted.isoformat() if job.date_posted else None,
        "valid_through": job.valid_through.isoformat() if job.valid_through else None,
        "apply_url": job.apply_url,
        "url": job.url,
        "team": job.team,
        "description_text": job.description_text,
    }


def job_hash(job: Job) -> str:
    """Return a hash of what a reader sees of a job: it changes when the posting does."""
    payload = job_to_json(job) | {"description_html": job.description_html, "direct_apply": job.direct_apply}
    if job.stated_skills:  # only when given: the hash of a job without them stays as it was
        payload["stated_skills"] = list(job.stated_skills)
    text = json.dumps(payload, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def job_values(job: Job, content_hash: str | None = None) -> dict[str, Any]:
    """Return the column values that store a job (``content_hash``: its ``job_hash``, if known)."""
    salary = job.salary or _NO_SALARY
    return {
        "id": job.id,
        "title": job.title,
        "company": job.company,
        "locations": [_location_json(loc) for loc in job.locations],
        "remote": job.remote,
        "employment_types": list(job.employment_types),
        "salary_min": salary.min,
        "salary_max": salary.max,
        "salary_currency": salary.currency,
        "salary_unit": salary.unit,
        "annual_min": salary.annual_min,
        "annual_max": salary.annual_max,
        "team": job.team,
        "date_posted": job.date_posted,
        "valid_through": job.valid_through,
        "description_html": job.description_html,
        "description_text": job.description_text,
        "apply_url": job.apply_url,
        "direct_apply": job.direct_apply,
        "workplace": job.workplace,
        "salary_text": job.salary_text,
        "identifier": job.identifier,
        "url": job.url,
        "source": job.source,
        "stated_skills": list(job.stated_skills),
        "content_hash": content_hash or job_hash(job),
    }


_NO_SALARY = Salary(None, None, None, None)


def fill_job_row(row: JobRow, job: Job, content_hash: str | None = None) -> JobRow:
    """Copy a job's fields into ``row`` (``content_hash``: its ``job_hash``, if known); return it."""
    for key, value in job_values(job, content_hash).items():
        setattr(row, key, value)
    return row


# The columns ``row_to_job`` reads: a query for jobs selects these (not the sources, the hash).
JOB_COLUMNS = (
    "id", "title", "company", "locations", "remote", "employment_types", "salary_min",
    "salary_max", "salary_currency", "salary_unit", "annual_min", "annual_max", "team",
    "date_posted", "valid_through", "description_html", "description_text", "apply_url",
    "direct_apply", "source", "workplace", "salary_text", "identifier", "url", "stated_skills",
)  # fmt: skip


class _Stored:
    """A job's stored values as ``row_to_job`` reads them, decoded from the driver's own tuple.

    What SQLAlchemy's column types would do: JSON lists read, dates parsed, 0/1 as booleans.
    """

    def __init__(self, values: Sequence[Any]) -> None:
        self.__dict__.update(zip(JOB_COLUMNS, values, strict=True))
        for name in _JSON_COLUMNS:
            raw = self.__dict__[name]
            self.__dict__[name] = None if raw is None else json.loads(raw)
        for name in _DATE_COLUMNS:
            raw = self.__dict__[name]
            self.__dict__[name] = None if raw is None else date.fromisoformat(raw)
        for name in _BOOL_COLUMNS:
            raw = self.__dict__[name]
            self.__dict__[name] = None if raw is None else bool(raw)


_JSON_COLUMNS = ("locations", "employment_types", "stated_skills")
_DATE_COLUMNS = ("date_posted", "valid_through")
_BOOL_COLUMNS = ("remote", "direct_apply")


def stored_to_job(values: Sequence[Any], skills: Sequence[tuple[str, bool]] = ()) -> Job:
    """Return the Job of the driver's own tuple of ``JOB_COLUMNS`` (SQLAlchemy's rows cost 3x the read)."""
    return row_to_job(_Stored(values), skills)  # type: ignore[arg-type]


def row_to_job(row: JobRow | Row[Any], skills: Sequence[tuple[str, bool]] = ()) -> Job:
    """Return the Job a row stores: an ORM row, or a Core row of at least ``JOB_COLUMNS``.

    ``skills``: those last derived for it, (slug, required) in the order the posting names them.
    """
    has_salary = row.salary_min is not None or row.salary_max is not None
    return Job(
        id=JobId(row.id),
        title=row.title,
        company=row.company,
        locations=tuple(
            Location(loc.get("city"), loc.get("region"), loc.get("country"), loc.get("text"))
            for loc in row.locations
        ),
        remote=row.remote,
        employment_types=tuple(row.employment_types),
        salary=Salary(
            row.salary_min,
            row.salary_max,
            row.salary_currency,
            row.salary_unit,
            row.annual_min,
            row.annual_max,
        )
        if has_salary
        else None,
        team=row.team,
        date_posted=row.date_posted,
        valid_through=row.valid_through,
        description_html=row.description_html,
        description_text=row.description_text,
        apply_url=row.apply_url,
        direct_apply=row.direct_apply,
        source=row.source,
        workplace=_workplace(row.workplace),
        salary_text=row.salary_text,
        identifier=row.identifier,
        url=row.url,
        stated_skills=tuple(str(name) for name in row.stated_skills or ()),
        skills=tuple(skills),
    )


def _workplace(value: str | None) -> Workplace | None:
    for known in WORKPLACES:
        if value == known:
            return known
    return None


def iso(value: date | None) -> str | None:
    """Return ``YYYY-MM-DD`` or None."""
    return value.isoformat() if value else None
