"""schema.org JobPosting JSON-LD: single objects, arrays, @graph, ItemList, mainEntity."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from desktop_app.core.normalise import (
    country_code,
    employment_types,
    make_salary,
    normalise_unit,
    parse_date,
    parse_locations,
    parse_salary_text,
    tidy,
)
from desktop_app.core.types import Job, JobId, Location, ParseResult, Rejected, Salary
from desktop_app.importers.build import http_url, make_job
from desktop_app.importers.lenient_json import loads

MAX_DEPTH = 32


def _types(node: dict[str, Any]) -> set[str]:
    value = node.get("@type", [])
    items = value if isinstance(value, list) else [value]
    return {str(t).rsplit("/", 1)[-1].rsplit(":", 1)[-1] for t in items}


def find_postings(node: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    """Yield every JobPosting object inside a JSON-LD document, however it is wrapped."""
    if depth > MAX_DEPTH:
        return
    if isinstance(node, list):
        for item in node:
            yield from find_postings(item, depth + 1)
        return
    if not isinstance(node, dict):
        return
    if "JobPosting" in _types(node):
        yield node
        return
    for key in ("@graph", "itemListElement", "item", "mainEntity", "mainEntityOfPage"):
        if key in node:
            yield from find_postings(node[key], depth + 1)


def _name(value: Any) -> str | None:
    if isinstance(value, dict):
        return tidy(value.get("name")) or tidy(value.get("@value"))
    if isinstance(value, list):
        return next((n for n in (_name(v) for v in value) if n), None)
    return tidy(value) if isinstance(value, str) else None


def _locations(value: Any) -> tuple[tuple[Location, ...], bool]:
    places: list[Location] = []
    remote = False
    for place in value if isinstance(value, list) else [value]:
        address = place.get("address", place) if isinstance(place, dict) else place
        if isinstance(address, list):
            address = address[0] if address else None
        found: tuple[Location, ...] = ()
        if isinstance(address, dict):
            city = tidy(address.get("addressLocality"))
            region = tidy(address.get("addressRegion"))
            country = country_code(_name(address.get("addressCountry")))
            if city or region or country:
                parsed, is_remote = parse_locations(", ".join(p for p in (city, region) if p))
                base = parsed[0] if parsed else Location()
                found = (Location(base.city, base.region, country or base.country),)
            else:
                found, is_remote = parse_locations(_name(place) or "")
        else:
            found, is_remote = parse_locations(address if isinstance(address, str) else "")
        remote |= is_remote
        places.extend(loc for loc in found if loc.label() and loc not in places)
    return tuple(places), remote


def _salary(value: Any) -> Salary | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, int | float) and not isinstance(value, bool):
        return make_salary(float(value), float(value), None, None)
    if isinstance(value, str):
        return parse_salary_text(value)
    if not isinstance(value, dict):
        return None
    currency = tidy(value.get("currency"))
    amount = value.get("value")
    unit = normalise_unit(value.get("unitText"))
    if isinstance(amount, dict):
        unit = normalise_unit(amount.get("unitText")) or unit
        low, high = _number(amount.get("minValue")), _number(amount.get("maxValue"))
        single = _number(amount.get("value"))
        if low is None and high is None and single is None and isinstance(amount.get("value"), str):
            return parse_salary_text(amount["value"], currency, unit)
        if low is None and high is None:
            low = high = single
        return make_salary(low, high, currency, unit)
    if isinstance(amount, str) and _number(amount) is None:
        return parse_salary_text(amount, currency, unit)
    number = _number(amount)
    low = _number(value.get("minValue"))
    high = _number(value.get("maxValue"))
    if low is None and high is None:
        low = high = number
    return make_salary(low, high, currency, unit)


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value.replace(",", "").strip())
        except ValueError:
            return None
    return None


def _identifier(value: Any) -> str | None:
    if isinstance(value, dict):
        inner = value.get("value", value.get("@value"))
        return str(inner).strip() or None if inner is not None else None
    if isinstance(value, int | str) and not isinstance(value, bool):
        return str(value).strip() or None
    return None


def posting_to_job(posting: dict[str, Any], source: str) -> Job:
    """Return the normalised Job a JobPosting describes; raise ValueError if it has no title."""
    title = tidy(posting.get("title")) or tidy(posting.get("name"))
    org = posting.get("hiringOrganization")
    company = _name(org)
    team = tidy(posting.get("team")) or _name(posting.get("department"))
    if team is None and isinstance(org, dict):
        team = _name(org.get("department"))
    locations, remote = _locations(posting.get("jobLocation"))
    location_type = str(posting.get("jobLocationType", "")).upper()
    remote = remote or "TELECOMMUTE" in location_type
    raw_description = posting.get("description")
    return make_job(
        title=title,
        source=source,
        company=company,
        locations=locations,
        remote=remote,
        employment_types=employment_types(posting.get("employmentType")),
        salary=_salary(posting.get("baseSalary")) or _salary(posting.get("estimatedSalary")),
        team=team,
        date_posted=parse_date(posting.get("datePosted")),
        valid_through=parse_date(posting.get("validThrough")),
        description=raw_description if isinstance(raw_description, str) else None,
        apply_url=http_url(posting.get("url")) or http_url(posting.get("sameAs")),
        identifier=_identifier(posting.get("identifier")),
        direct_apply=posting["directApply"] if isinstance(posting.get("directApply"), bool) else None,
    )


def parse_data(data: Any, source: str, label: str | None = None) -> ParseResult:
    """Return the jobs of an already-parsed JSON-LD value, one rejection per bad posting.

    ``source`` names the file the jobs came from; ``label`` the part of it, for rejections.
    """
    label = label or source
    jobs: list[Job] = []
    rejected: list[Rejected] = []
    identified: set[JobId] = set()
    postings = list(find_postings(data))
    for number, posting in enumerate(postings, 1):
        try:
            job = posting_to_job(posting, source)
        except (ValueError, TypeError, AttributeError) as exc:
            rejected.append(Rejected(f"{label} posting {number}", str(exc)))
            continue
        jobs.append(job)
        if _identifier(posting.get("identifier")):
            identified.add(job.id)
    if not postings:
        rejected.append(Rejected(label, "no schema.org JobPosting found"))
    return ParseResult(tuple(jobs), tuple(rejected), frozenset(identified))


def parse_document(text: str, source: str) -> ParseResult:
    """Return the jobs of a JSON or JSON-LD document."""
    try:
        data = loads(text)
    except ValueError as exc:
        return ParseResult((), (Rejected(source, str(exc)),))
    from desktop_app.importers import ats

    feed = ats.parse_feed(data, source)
    return feed if feed is not None else parse_data(data, source)
