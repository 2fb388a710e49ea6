"""Normalisation of messy posted values: salary, employment type, location, dates, text."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

from desktop_app.core.pay import annualise, make_salary, normalise_unit, parse_salary_text
from desktop_app.core.places import country_code, read_locations
from desktop_app.core.types import EMPLOYMENT_TYPES, Location

# Pay lives in ``pay``, places in ``places``; importers reach both through here.
__all__ = [
    "annualise",
    "country_code",
    "make_salary",
    "normalise_unit",
    "parse_locations",
    "parse_salary_text",
    "read_locations",
]

_TYPE_WORDS: tuple[tuple[str, str], ...] = (
    ("per diem", "PER_DIEM"), ("per_diem", "PER_DIEM"),
    ("part", "PART_TIME"), ("full", "FULL_TIME"), ("regular", "FULL_TIME"),
    ("permanent", "FULL_TIME"), ("salaried", "FULL_TIME"),
    ("contract", "CONTRACTOR"), ("freelance", "CONTRACTOR"), ("1099", "CONTRACTOR"),
    ("consult", "CONTRACTOR"),
    ("temp", "TEMPORARY"), ("seasonal", "TEMPORARY"), ("fixed term", "TEMPORARY"),
    ("intern", "INTERN"), ("apprentice", "INTERN"), ("trainee", "INTERN"),
    ("volunteer", "VOLUNTEER"),
)  # fmt: skip


def employment_types(value: object) -> tuple[str, ...]:
    """Map employment types given as schema.org codes or free text onto the schema.org set.

    >>> employment_types(["Full-time", "Contract"])
    ('FULL_TIME', 'CONTRACTOR')
    """
    items: list[object] = value if isinstance(value, list) else [value]
    out: list[str] = []
    for item in items:
        if not isinstance(item, str) or not item.strip():
            continue
        for part in re.split(r"[,;/|]| and ", item):
            text = part.strip().lower().replace("-", " ").replace("_", " ")
            if not text:
                continue
            code = text.upper().replace(" ", "_")
            if code in EMPLOYMENT_TYPES:
                found = code
            else:
                found = next((c for w, c in _TYPE_WORDS if w in text), "OTHER")
            if found not in out:
                out.append(found)
    return tuple(out)


def tidy(text: object) -> str | None:
    """Return text with whitespace collapsed, or None when nothing is left."""
    if not isinstance(text, str):
        return None
    cleaned = " ".join(text.split()).strip(" ,;")
    return cleaned or None


def parse_locations(text: object) -> tuple[tuple[Location, ...], bool]:
    """Split a location line into places and a remote flag (the line offers fully remote work).

    ``places.read_locations`` also tells hybrid from on-site.

    >>> parse_locations("San Francisco, CA or Remote")
    ((Location(city='San Francisco', region='CA', country='US', text=None),), True)
    """
    found, workplace = read_locations(text)
    return found, workplace == "remote"


_WRITTEN_FORMATS = ("%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y", "%B %d %Y", "%b. %d, %Y")


def parse_date(value: object) -> date | None:
    """Read a date from ISO text (with or without time and zone), US m/d/y, words, or epoch ms.

    >>> parse_date("02/09/2025"), parse_date(1738368000000)
    (datetime.date(2025, 2, 9), datetime.date(2025, 2, 1))
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        seconds = value / 1000 if value > 10**11 else value
        try:
            return datetime.fromtimestamp(seconds, tz=UTC).date()
        except (OverflowError, OSError, ValueError):
            return None
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    if text.isdigit():
        return parse_date(int(text))
    iso = re.match(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
    try:
        if iso:
            return date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
        us = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{2,4})", text)
        if us:
            year = int(us.group(3))
            return date(year + 2000 if year < 100 else year, int(us.group(1)), int(us.group(2)))
    except ValueError:
        return None
    cleaned = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", text)
    for fmt in _WRITTEN_FORMATS:
        try:
            return datetime.strptime(cleaned, fmt).date()
        except ValueError:
            continue
    return None
