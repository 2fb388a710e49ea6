"""Public job-board JSON of applicant-tracking systems: Greenhouse, Lever, Ashby, SmartRecruiters, Workable.

Each feed's shape is recognised by its keys; each posting becomes a Job through ``make_job``.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from typing import Any

from desktop_app.core.normalise import (
    employment_types,
    make_salary,
    parse_date,
    parse_salary_text,
    tidy,
)
from desktop_app.core.places import (
    distinct_places,
    read_locations,
    structured_place,
    text_workplaces,
    workplace_value,
)
from desktop_app.core.types import Job, Location, ParseResult, Rejected, Salary, Workplace
from desktop_app.importers.build import Taken, collect, make_job

Posting = dict[str, Any]


def _dicts(value: Any) -> list[Posting]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def _obj(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _text(value: Any) -> str | None:
    return tidy(value) if isinstance(value, str) else None


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    return None


Places = tuple[tuple[Location, ...], Workplace | None]


def _place(text: str | None) -> Places:
    return read_locations(text or "")


def _merge_places(*groups: Places) -> Places:
    places = distinct_places(p for found, _ in groups for p in found)
    return places, text_workplaces(*(where for _, where in groups))


# Greenhouse boards state the workplace in a custom field: "Workplace Type", "Location Type",
# "Remote Status", "Work Arrangement", "Remote?"...
_WORKPLACE_FIELD = re.compile(
    r"workplace|location\s*type|work\s*(?:type|arrangement|model|setting)|remote", re.I
)


# -- Greenhouse ---------------------------------------------------------------------------------
def _is_greenhouse(data: Any) -> bool:
    jobs = _dicts(data.get("jobs")) if isinstance(data, dict) else []
    return bool(jobs) and any("absolute_url" in j or ("updated_at" in j and "location" in j) for j in jobs)


def _greenhouse(post: Posting, source: str) -> Job:
    location = post.get("location")
    places = _place(_text(location.get("name")) if isinstance(location, dict) else _text(location))
    for office in _dicts(post.get("offices")):
        places = _merge_places(places, _place(_text(office.get("location")) or _text(office.get("name"))))
    departments = [_text(d.get("name")) for d in _dicts(post.get("departments"))]
    metadata = {
        str(m.get("name", "")).lower(): m.get("value") for m in _dicts(post.get("metadata")) if m.get("name")
    }
    kind = next((v for k, v in metadata.items() if "employment" in k or "job type" in k), None)
    stated = next(
        (w for k, v in metadata.items() if _WORKPLACE_FIELD.search(k) and (w := workplace_value(v))), None
    )
    content = _text(post.get("content"))
    # Greenhouse's updated_at changes with every edit; first_published is when the job went up.
    posted = parse_date(post.get("first_published")) or parse_date(post.get("updated_at"))
    ident = post.get("id")
    return make_job(
        title=_text(post.get("title")),
        source=source,
        company=_text(post.get("company_name")),
        locations=places[0],
        workplace=stated or places[1],
        employment_types=employment_types(kind),
        team=next((d for d in departments if d), None),
        date_posted=posted,
        salary=_greenhouse_pay(content),
        description=content,
        apply_url=_text(post.get("absolute_url")),
        identifier=str(ident) if ident is not None else None,
    )


# Greenhouse's pay transparency block inside the (escaped) content:
# <div class="pay-range"><span>$180,000</span><span class="divider">&mdash;</span><span>$215,000 USD</span>
_PAY_RANGE = re.compile(r'class="pay-range"[^>]*>(.*?)</div>', re.S)


def _greenhouse_pay(content: str | None) -> Salary | None:
    if not content or "pay-range" not in content:
        return None
    found = _PAY_RANGE.search(html.unescape(content))
    if found is None:
        return None
    text = html.unescape(re.sub(r"<[^>]+>", " ", found.group(1)))
    return parse_salary_text(" ".join(text.split()).replace(" — ", " - ").replace("—", "-"))


# -- Lever --------------------------------------------------------------------------------------
def _is_lever(data: Any) -> bool:
    items = _dicts(data)
    return bool(items) and all("text" in p and ("categories" in p or "hostedUrl" in p) for p in items[:5])


_LEVER_INTERVALS = {"hour": "HOUR", "day": "DAY", "week": "WEEK", "month": "MONTH", "year": "YEAR"}


def _lever_salary(value: Any) -> Salary | None:
    if not isinstance(value, dict):
        return None
    interval = str(value.get("interval", "")).lower()
    unit = next((u for word, u in _LEVER_INTERVALS.items() if word in interval), None)
    return make_salary(
        _number(value.get("min")), _number(value.get("max")), _text(value.get("currency")), unit
    )


def _lever(post: Posting, source: str) -> Job:
    categories = _obj(post.get("categories"))
    all_places = categories.get("allLocations") or [categories.get("location")]
    places = _merge_places(*(_place(_text(p)) for p in all_places if isinstance(p, str)))
    country = structured_place(None, None, _text(post.get("country")))
    if not places[0] and country is not None and country.country:
        places = ((country,), places[1])  # "Remote" with "country": "US": the job is in the US
    # Lever: "onsite", "hybrid", "remote" or "unspecified" (then the location text decides).
    stated = workplace_value(post.get("workplaceType"))
    parts = [post.get("description") or post.get("descriptionPlain") or ""]
    for item in _dicts(post.get("lists")):
        parts.append(f"<h3>{item.get('text', '')}</h3><ul>{item.get('content', '')}</ul>")
    parts.append(post.get("additional") or "")
    ident = post.get("id")
    return make_job(
        title=_text(post.get("text")),
        source=source,
        company=_text(post.get("company")),
        locations=places[0],
        workplace=stated or places[1],
        employment_types=employment_types(categories.get("commitment")),
        salary=_lever_salary(post.get("salaryRange")),
        team=_text(categories.get("team")) or _text(categories.get("department")),
        date_posted=parse_date(post.get("createdAt")),
        description="".join(p for p in parts if isinstance(p, str)),
        apply_url=_text(post.get("applyUrl")) or _text(post.get("hostedUrl")),
        url=_text(post.get("hostedUrl")),
        identifier=str(ident) if ident is not None else None,
    )


# -- Ashby --------------------------------------------------------------------------------------
def _is_ashby(data: Any) -> bool:
    jobs = _dicts(data.get("jobs")) if isinstance(data, dict) else []
    return bool(jobs) and any("jobUrl" in j or "descriptionHtml" in j or "isRemote" in j for j in jobs)


_ASHBY_TYPES = {
    "fulltime": "FULL_TIME",
    "parttime": "PART_TIME",
    "intern": "INTERN",
    "contract": "CONTRACTOR",
    "temporary": "TEMPORARY",
}


def _ashby_address(value: Any) -> Location | None:
    postal = value.get("postalAddress") if isinstance(value, dict) else None
    if not isinstance(postal, dict):
        return None
    return structured_place(
        _text(postal.get("addressLocality")),
        _text(postal.get("addressRegion")),
        _text(postal.get("addressCountry")),
    )


def _ashby_salary(value: Any) -> Salary | None:
    components = _dicts(value.get("summaryComponents")) if isinstance(value, dict) else []
    for part in components:
        if str(part.get("compensationType", "")).lower() != "salary":
            continue
        interval = str(part.get("interval", "")).upper()
        unit = next((u for u in ("HOUR", "DAY", "WEEK", "MONTH", "YEAR") if u in interval), None)
        return make_salary(
            _number(part.get("minValue")),
            _number(part.get("maxValue")),
            _text(part.get("currencyCode")),
            unit,
        )
    return None


def _ashby(post: Posting, source: str, company: str | None) -> Job:
    places = _place(_text(post.get("location")))
    address = _ashby_address(post.get("address"))
    if address is not None:
        places = ((address, *(p for p in places[0] if p.city != address.city or p == address)), places[1])
        places = (tuple(dict.fromkeys(places[0])), places[1])
    for extra in _dicts(post.get("secondaryLocations")):
        places = _merge_places(places, _place(_text(extra.get("location"))))
    kind = str(post.get("employmentType", "")).lower()
    # Ashby: workplaceType "OnSite", "Remote" or "Hybrid"; isRemote is true for hybrid jobs too.
    stated = workplace_value(post.get("workplaceType"))
    if stated is None and post.get("isRemote") is True:
        stated = "hybrid" if places[1] == "hybrid" else "remote"
    ident = post.get("id")
    return make_job(
        title=_text(post.get("title")),
        source=source,
        company=company,
        locations=places[0],
        workplace=stated or places[1],
        employment_types=(_ASHBY_TYPES[kind],) if kind in _ASHBY_TYPES else employment_types(kind),
        salary=_ashby_salary(post.get("compensation")),
        team=_text(post.get("team")) or _text(post.get("department")),
        date_posted=parse_date(post.get("publishedAt")),
        description=_text(post.get("descriptionHtml")) or _text(post.get("descriptionPlain")),
        apply_url=_text(post.get("applyUrl")) or _text(post.get("jobUrl")),
        url=_text(post.get("jobUrl")),
        identifier=str(ident) if ident is not None else None,
    )


# -- SmartRecruiters ----------------------------------------------------------------------------
def _is_smartrecruiters(data: Any) -> bool:
    items = _dicts(data.get("content")) if isinstance(data, dict) else []
    return bool(items) and any(
        "releasedDate" in p or "refNumber" in p or "typeOfEmployment" in p for p in items
    )


def _label(value: Any) -> str | None:
    return _text(value.get("label")) if isinstance(value, dict) else _text(value)


def _smartrecruiters_workplace(post: Posting, loc: dict[str, Any]) -> Workplace | None:
    """SmartRecruiters flags ``location.remote`` and ``location.hybrid``; some feeds add a type."""
    if loc.get("hybrid") is True:
        return "hybrid"
    if loc.get("remote") is True:
        return "remote"
    stated = workplace_value(post.get("workplaceType") or loc.get("workplaceType"))
    if stated:
        return stated
    text = _place(_text(loc.get("fullLocation")))[1]
    return text or ("onsite" if loc.get("remote") is False and "hybrid" in loc else None)


def _smartrecruiters(post: Posting, source: str) -> Job:
    loc = _obj(post.get("location"))
    place = structured_place(_text(loc.get("city")), _text(loc.get("region")), _text(loc.get("country")))
    places: tuple[Location, ...] = (place,) if place else _place(_text(loc.get("fullLocation")))[0]
    company = post.get("company")
    sections = _obj(_obj(post.get("jobAd")).get("sections"))
    body = []
    for key in ("jobDescription", "qualifications", "additionalInformation"):
        section = _obj(sections.get(key))
        if isinstance(section.get("text"), str):
            body.append(f"<h3>{section.get('title') or ''}</h3>{section['text']}")
    ident = post.get("refNumber") or post.get("id")
    return make_job(
        title=_text(post.get("name")),
        source=source,
        company=_text(company.get("name")) if isinstance(company, dict) else _text(company),
        locations=places,
        workplace=_smartrecruiters_workplace(post, loc),
        employment_types=employment_types(_label(post.get("typeOfEmployment"))),
        team=_label(post.get("department")) or _label(post.get("function")),
        date_posted=parse_date(post.get("releasedDate")),
        description="".join(body) or None,
        apply_url=_text(post.get("applyUrl")) or _text(post.get("postingUrl")),
        url=_text(post.get("postingUrl")),
        identifier=str(ident) if ident is not None else None,
    )


# -- Workable -----------------------------------------------------------------------------------
def _is_workable(data: Any) -> bool:
    jobs = _dicts(data.get("jobs")) if isinstance(data, dict) else []
    return bool(jobs) and any(
        "shortcode" in j or "application_url" in j or "telecommuting" in j for j in jobs
    )


def _workable_workplace(post: Posting) -> Workplace | None:
    """Read Workable's workplace: a type ("on_site", "hybrid", "remote") or the widget's flags."""
    for key in ("workplace", "workplace_type", "workplaceType"):
        stated = workplace_value(post.get(key))
        if stated:
            return stated
    if post.get("telecommuting") is True or post.get("remote") is True:
        return "remote"
    return None


def _workable(post: Posting, source: str, company: str | None) -> Job:
    places: list[Location] = []
    for loc in _dicts(post.get("locations")) or [post]:
        if loc.get("hidden"):
            continue
        place = structured_place(
            _text(loc.get("city")),
            _text(loc.get("region")) or _text(loc.get("state")),
            _text(loc.get("countryCode")) or _text(loc.get("country")),
        )
        if place is not None and place not in places:
            places.append(place)
    ident = post.get("shortcode") or post.get("code")
    return make_job(
        title=_text(post.get("title")),
        source=source,
        company=company,
        locations=tuple(places),
        workplace=_workable_workplace(post),
        employment_types=employment_types(post.get("employment_type")),
        team=_text(post.get("department")),
        date_posted=parse_date(post.get("published_on")) or parse_date(post.get("created_at")),
        description=_text(post.get("description")),
        apply_url=_text(post.get("application_url")) or _text(post.get("url")),
        url=_text(post.get("url")),
        identifier=str(ident) if ident is not None else None,
    )


# -- dispatch -----------------------------------------------------------------------------------
def _company_name(data: Any) -> str | None:
    return _text(data.get("name")) or _text(data.get("company")) if isinstance(data, dict) else None


Reader = Callable[[Posting, str], Job]


def detect(data: Any) -> tuple[str, list[Posting], Reader] | None:
    """Return (feed name, postings, reader) when ``data`` is a known ATS feed, else None."""
    if _is_greenhouse(data):
        return "Greenhouse", _dicts(data["jobs"]), _greenhouse
    if _is_ashby(data):
        company = _company_name(data)
        return "Ashby", _dicts(data["jobs"]), lambda p, s: _ashby(p, s, company)
    if _is_workable(data):
        company = _company_name(data)
        return "Workable", _dicts(data["jobs"]), lambda p, s: _workable(p, s, company)
    if _is_smartrecruiters(data):
        return "SmartRecruiters", _dicts(data["content"]), _smartrecruiters
    if _is_lever(data):
        return "Lever", _dicts(data), _lever
    return None


_ID_KEYS = ("id", "shortcode", "refNumber", "code")


def parse_feed(data: Any, source: str) -> ParseResult | None:
    """Return the jobs of an ATS feed (one rejection per bad posting), or None if it is not one."""
    found = detect(data)
    if found is None:
        return None
    name, postings, reader = found
    return collect(read_posting(post, source, name, reader, n) for n, post in enumerate(postings, 1))


def read_posting(post: Posting, source: str, feed: str, reader: Reader, number: int) -> Taken | Rejected:
    """Return posting ``number`` of a ``feed`` read into a Job, or its rejection."""
    label = _text(post.get("title")) or _text(post.get("text")) or _text(post.get("name")) or ""
    where = f"{source} ({feed}) posting {number}" + (f" '{label[:60]}'" if label else "")
    try:
        job = reader(post, source)
    except (ValueError, TypeError, AttributeError, KeyError) as exc:
        return Rejected(where, str(exc) or exc.__class__.__name__)
    return Taken(job, any(post.get(k) not in (None, "") for k in _ID_KEYS))
