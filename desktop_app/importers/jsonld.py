"""schema.org JobPosting JSON-LD: single objects, arrays, @graph, ItemList, mainEntity."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from desktop_app.core.normalise import (
    employment_types,
    make_salary,
    normalise_unit,
    parse_date,
    parse_salary_text,
    tidy,
)
from desktop_app.core.places import (
    country_code,
    read_locations,
    structured_place,
    text_workplaces,
    workplace_in_text,
    workplace_value,
)
from desktop_app.core.types import Job, Location, ParseResult, Rejected, Salary, Workplace
from desktop_app.importers.build import Taken, collect, http_url, make_job
from desktop_app.importers.lenient_json import loads

MAX_DEPTH = 32
MAX_SKILLS = 100  # a posting's own list of skills, at most this many read
MAX_SKILL_NAME = 80  # longer "skills" are sentences, not names


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


def _locations(value: Any) -> tuple[tuple[Location, ...], Workplace | None]:
    places: list[Location] = []
    stated: list[Workplace | None] = []
    for place in value if isinstance(value, list) else [value]:
        address = place.get("address", place) if isinstance(place, dict) else place
        addresses = address if isinstance(address, list) else [address]
        for item in addresses:
            found: tuple[Location, ...] = ()
            where: Workplace | None = None
            if isinstance(item, dict) and any(
                k in item for k in ("addressLocality", "addressRegion", "addressCountry")
            ):
                locality = tidy(item.get("addressLocality"))
                # A locality may itself list places ("New York, NY; Austin, TX") or say "Remote".
                if locality and (workplace_in_text(locality) or len(read_locations(locality)[0]) > 1):
                    found, where = read_locations(locality)
                else:
                    one = structured_place(
                        locality, tidy(item.get("addressRegion")), _name(item.get("addressCountry"))
                    )
                    found = (one,) if one is not None else ()
            elif isinstance(item, dict):
                found, where = read_locations(_name(place) or "")
            elif isinstance(item, str):
                found, where = read_locations(item)
            stated.append(where)
            places.extend(loc for loc in found if loc.label() and loc not in places)
    return tuple(places), text_workplaces(*stated)


def _location_type(value: Any) -> Workplace | None:
    """Read ``jobLocationType``: TELECOMMUTE is remote; some sites write HYBRID or ONSITE."""
    for item in value if isinstance(value, list) else [value]:
        if isinstance(item, str) and item.strip():
            key = item.strip().upper().replace("-", "_").replace(" ", "_")
            if key == "TELECOMMUTE":
                return "remote"
            found = workplace_value(item)
            if found:
                return found
    return None


def _applicant_countries(value: Any) -> tuple[Location, ...]:
    """Return the countries (or other areas) remote applicants may live in."""
    out: list[Location] = []
    for item in value if isinstance(value, list) else [value]:
        name = _name(item) if isinstance(item, dict | list) else tidy(item)
        if not name:
            continue
        code = country_code(name)
        place = Location(country=code) if code else Location(text=name)
        if place not in out:
            out.append(place)
    return tuple(out)


Pay = tuple[Salary | None, str | None]  # what was read, and the text when it could not be


def _text_pay(text: str, currency: str | None, unit: str | None) -> Pay:
    salary = parse_salary_text(text, currency, unit)
    return (salary, None) if salary is not None else (None, tidy(text))


def _salary(value: Any, currency_hint: str | None = None) -> Pay:
    """Read ``baseSalary``; ``currency_hint`` is the posting's ``salaryCurrency``."""
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, int | float) and not isinstance(value, bool):
        return make_salary(float(value), float(value), currency_hint, None), None
    if isinstance(value, str):
        return _text_pay(value, currency_hint, None) if value.strip() else (None, None)
    if not isinstance(value, dict):
        return None, None
    currency = tidy(value.get("currency")) or currency_hint
    amount = value.get("value")
    unit = normalise_unit(value.get("unitText"))
    if isinstance(amount, dict):
        unit = normalise_unit(amount.get("unitText")) or unit
        low, high = _number(amount.get("minValue")), _number(amount.get("maxValue"))
        single = _number(amount.get("value"))
        if low is None and high is None and single is None and isinstance(amount.get("value"), str):
            return _text_pay(amount["value"], currency, unit)
        if low is None and high is None:
            low = high = single
        return make_salary(low, high, currency, unit), None
    if isinstance(amount, str) and _number(amount) is None:
        return _text_pay(amount, currency, unit)
    number = _number(amount)
    low = _number(value.get("minValue"))
    high = _number(value.get("maxValue"))
    if low is None and high is None:
        low = high = number
    return make_salary(low, high, currency, unit), None


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


def _apply_target(value: Any) -> str | None:
    """Return the URL of an ``ApplyAction`` (schema.org's apply link), if the posting has one."""
    for action in value if isinstance(value, list) else [value]:
        if isinstance(action, dict) and "ApplyAction" in _types(action):
            target = action.get("target")
            url = target.get("urlTemplate") or target.get("url") if isinstance(target, dict) else target
            if found := http_url(url):
                return found
    return None


def _skill_names(value: Any, depth: int = 0) -> tuple[str, ...]:
    """Return the names a schema.org ``skills`` gives: text ("Python, SQL"), DefinedTerms, or a list.

    >>> _skill_names(["Python", {"@type": "DefinedTerm", "name": "Kubernetes"}, "SQL; dbt"])
    ('Python', 'Kubernetes', 'SQL', 'dbt')
    """
    if isinstance(value, str):
        parts = (tidy(p) for line in value.splitlines() for p in re.split(r"[,;•]", line))
        return tuple(p for p in parts if p and len(p) <= MAX_SKILL_NAME)
    if isinstance(value, dict):
        return _skill_names(value.get("name") or value.get("termCode"), depth + 1) if depth < 3 else ()
    if isinstance(value, list) and depth < 3:
        return tuple(dict.fromkeys(n for item in value[:MAX_SKILLS] for n in _skill_names(item, depth + 1)))
    return ()


def posting_to_job(posting: dict[str, Any], source: str) -> Job:
    """Return the normalised Job a JobPosting describes; raise ValueError if it has no title."""
    title = tidy(posting.get("title")) or tidy(posting.get("name"))
    org = posting.get("hiringOrganization")
    company = _name(org)
    team = tidy(posting.get("team")) or _name(posting.get("department"))
    if team is None and isinstance(org, dict):
        team = _name(org.get("department"))
    locations, text_where = _locations(posting.get("jobLocation"))
    stated = _location_type(posting.get("jobLocationType"))
    # Google asks remote postings to say where applicants may live: those places find the job too.
    requirements = _applicant_countries(posting.get("applicantLocationRequirements"))
    if requirements and stated in (None, "remote"):
        stated = "remote"
        known = {loc.country for loc in locations if loc.country}
        locations = (*locations, *(r for r in requirements if r.country not in known or r.text))
        locations = tuple(dict.fromkeys(locations))
    raw_description = posting.get("description")
    currency = tidy(posting.get("salaryCurrency"))
    salary, salary_text = _salary(posting.get("baseSalary"), currency)
    if salary is None:
        salary, estimated_text = _salary(posting.get("estimatedSalary"), currency)
        salary_text = salary_text or estimated_text
    job = make_job(
        title=title,
        source=source,
        company=company,
        locations=locations,
        workplace=stated or text_where,
        employment_types=employment_types(posting.get("employmentType")),
        salary=salary,
        salary_text=salary_text,
        team=team,
        date_posted=parse_date(posting.get("datePosted")),
        valid_through=parse_date(posting.get("validThrough")),
        description=raw_description if isinstance(raw_description, str) else None,
        apply_url=_apply_target(posting.get("potentialAction"))
        or http_url(posting.get("url"))
        or http_url(posting.get("sameAs")),
        url=http_url(posting.get("url")) or http_url(posting.get("sameAs")),
        identifier=_identifier(posting.get("identifier")),
        direct_apply=posting["directApply"] if isinstance(posting.get("directApply"), bool) else None,
    )
    skills = _skill_names(posting.get("skills"))
    return replace(job, stated_skills=skills) if skills else job


def read_posting(posting: dict[str, Any], source: str, label: str) -> Taken | Rejected:
    """Return one JobPosting read into a Job, or its rejection under ``label``."""
    try:
        job = posting_to_job(posting, source)
    except (ValueError, TypeError, AttributeError) as exc:
        return Rejected(label, str(exc))
    return Taken(job, bool(_identifier(posting.get("identifier"))))


def parse_data(data: Any, source: str, label: str | None = None) -> ParseResult:
    """Return the jobs of an already-parsed JSON-LD value, one rejection per bad posting.

    ``source`` names the file the jobs came from; ``label`` the part of it, for rejections.
    """
    label = label or source
    items = [read_posting(p, source, f"{label} posting {n}") for n, p in enumerate(find_postings(data), 1)]
    return collect(items or [Rejected(label, "no schema.org JobPosting found")])


def parse_document(text: str, source: str) -> ParseResult:
    """Return the jobs of a JSON or JSON-LD document."""
    try:
        data = loads(text)
    except ValueError as exc:
        return ParseResult((), (Rejected(source, str(exc)),))
    from desktop_app.importers import ats

    feed = ats.parse_feed(data, source)
    return feed if feed is not None else parse_data(data, source)
