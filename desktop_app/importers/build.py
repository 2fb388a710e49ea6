"""Building a normalised Job from the fields any importer found: the one place ids and text are made."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import NamedTuple

from desktop_app.core import markup
from desktop_app.core.identity import job_id
from desktop_app.core.normalise import tidy
from desktop_app.core.types import Job, JobId, Location, ParseResult, Rejected, Salary, Workplace


class Taken(NamedTuple):
    """A posting an importer read into a Job; ``identified``: the posting carried its own identifier."""

    job: Job
    identified: bool


# Real postings run to a few thousand characters; a longer one is junk or an attack on the reader.
MAX_DESCRIPTION_CHARS = 200_000


def collect(items: Iterable[Taken | Rejected]) -> ParseResult:
    """Return the jobs and rejections of a file's postings, read in order, as one result."""
    jobs: list[Job] = []
    rejected: list[Rejected] = []
    identified: set[JobId] = set()
    for item in items:
        if isinstance(item, Rejected):
            rejected.append(item)
            continue
        jobs.append(item.job)
        if item.identified:
            identified.add(item.job.id)
    return ParseResult(tuple(jobs), tuple(rejected), frozenset(identified))


def description_html(description: str) -> str:
    """Return the description sanitised, and shortened (with a note saying so) when over the limit.

    >>> len(description_html("<p>" + "word " * 100_000 + "</p>")) < MAX_DESCRIPTION_CHARS + 200
    True
    """
    html = markup.sanitise(description[: 4 * MAX_DESCRIPTION_CHARS])
    if len(description) <= MAX_DESCRIPTION_CHARS and len(html) <= MAX_DESCRIPTION_CHARS:
        return html
    kept = markup.sanitise(html[:MAX_DESCRIPTION_CHARS])  # closes any tag the cut left open
    return f"{kept}<p><em>(The description was shortened: it held {len(description):,} characters.)</em></p>"


def http_url(value: object) -> str | None:
    """Return an http(s) URL, or None for anything else (javascript:, file:, junk)."""
    url = tidy(value) if isinstance(value, str) else None
    return url if url and url.lower().startswith(("http://", "https://")) else None


def _short(text: str, limit: int = 200) -> str | None:
    text = " ".join(text.split())
    return (text[: limit - 1] + "…" if len(text) > limit else text) or None


def make_job(
    *,
    title: str | None,
    source: str,
    company: str | None = None,
    locations: tuple[Location, ...] = (),
    remote: bool = False,
    employment_types: tuple[str, ...] = (),
    salary: Salary | None = None,
    salary_text: str | None = None,
    team: str | None = None,
    date_posted: date | None = None,
    valid_through: date | None = None,
    description: str | None = None,
    apply_url: str | None = None,
    url: str | None = None,
    identifier: str | None = None,
    direct_apply: bool | None = None,
    workplace: Workplace | None = None,
) -> Job:
    """Return the Job; raise ValueError when there is no title.

    ``description`` is untrusted HTML (or text): it is sanitised, and kept as plain text too.
    ``workplace`` is what the posting states; without it, ``remote`` (from its text) decides.
    ``url`` is the listing's page and ``apply_url`` where to apply; either stands for the other.
    """
    clean_title = markup.to_text(tidy(title) or "") if title else ""
    if not clean_title:
        raise ValueError("posting has no title")
    company = markup.to_text(company) if company else None
    html = description_html(description) if description else ""
    apply = http_url(apply_url)
    listing = http_url(url) or apply
    ident = tidy(identifier) if identifier else None
    if workplace is None and remote:
        workplace = "remote"
    return Job(
        id=job_id(
            identifier=identifier,
            url=listing,
            company=company,
            title=clean_title,
            location="; ".join(loc.key() for loc in locations),
            date_posted=date_posted,
        ),
        title=clean_title,
        company=company or None,
        locations=locations,
        remote=workplace == "remote",
        employment_types=employment_types,
        salary=salary,
        salary_text=None if salary is not None else _short(markup.to_text(salary_text or "")),
        team=tidy(team),
        date_posted=date_posted,
        valid_through=valid_through,
        description_html=html,
        description_text=markup.sanitised_to_text(html),
        apply_url=apply,
        source=source,
        direct_apply=direct_apply,
        workplace=workplace,
        identifier=ident[:400] if ident else None,
        url=listing,
    )
