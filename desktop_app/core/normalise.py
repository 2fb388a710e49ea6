"""Normalisation of messy posted values: salary, employment type, location, dates, text."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

from desktop_app.core.places import country_code, read_locations
from desktop_app.core.types import EMPLOYMENT_TYPES, SALARY_UNITS, Location, Salary

__all__ = ["country_code", "parse_locations", "read_locations"]

HOURS_PER_YEAR = 2080
PER_YEAR = {"HOUR": HOURS_PER_YEAR, "DAY": 260, "WEEK": 52, "MONTH": 12, "YEAR": 1}

_UNIT_WORDS = {
    "hour": "HOUR", "hr": "HOUR", "hourly": "HOUR", "h": "HOUR",
    "day": "DAY", "daily": "DAY", "week": "WEEK", "weekly": "WEEK", "wk": "WEEK",
    "month": "MONTH", "monthly": "MONTH", "mo": "MONTH",
    "year": "YEAR", "yearly": "YEAR", "annual": "YEAR", "annually": "YEAR", "yr": "YEAR",
    "annum": "YEAR", "pa": "YEAR",
}  # fmt: skip
_CURRENCY_SYMBOLS = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "₩": "KRW"}
_NUMBER = r"(\d[\d,]*(?:\.\d+)?)\s*([kKmM])?"
_RANGE_RE = re.compile(_NUMBER + r"(?:\s*(?:-|–|—|to)\s*[^\d]{0,4}?" + _NUMBER + r")?")


def normalise_unit(text: object) -> str | None:
    """Return the schema.org unit for "per hour", "HOUR", "annually"…; None when unknown."""
    if not isinstance(text, str):
        return None
    word = text.strip().strip("/").lower().replace("per ", "").replace("a ", "", 1).strip()
    if word.upper() in SALARY_UNITS:
        return word.upper()
    return _UNIT_WORDS.get(word)


def annualise(value: float | None, unit: str | None) -> float | None:
    """Return a yearly equivalent of a pay amount; guess the unit from the size when unknown.

    >>> annualise(40, "HOUR")
    83200.0
    """
    if value is None:
        return None
    if unit is None:
        unit = "HOUR" if value < 1000 else "YEAR" if value >= 10000 else None
    if unit is None:
        return None
    return float(value) * PER_YEAR[unit]


def make_salary(
    low: float | None, high: float | None, currency: str | None, unit: str | None
) -> Salary | None:
    """Return a Salary with its annualised range, or None when no amount is known."""
    if low is None and high is None:
        return None
    if low is not None and high is not None and low > high:
        low, high = high, low
    cur = currency.strip().upper() if isinstance(currency, str) and currency.strip() else None
    return Salary(low, high, cur, unit, annualise(low, unit), annualise(high, unit))


def _amount(number: str, suffix: str | None) -> float:
    value = float(number.replace(",", ""))
    if suffix:
        value *= 1000 if suffix.lower() == "k" else 1_000_000
    return value


def parse_salary_text(text: object, currency: str | None = None, unit: str | None = None) -> Salary | None:
    """Read pay written as text; return None when there is no amount.

    >>> parse_salary_text("$75,000-$95,000/YEAR").annual_max
    95000.0
    >>> parse_salary_text("80k-100k").min
    80000.0
    """
    if not isinstance(text, str):
        return None
    match = _RANGE_RE.search(text)
    if not match:
        return None
    low = _amount(match.group(1), match.group(2))
    high = _amount(match.group(3), match.group(4) or match.group(2)) if match.group(3) else None
    if currency is None:
        currency = next((c for s, c in _CURRENCY_SYMBOLS.items() if s in text), None)
        code = re.search(r"\b(USD|EUR|GBP|CAD|AUD|INR|JPY|CHF|SEK|NOK|DKK|PLN|KRW)\b", text, re.I)
        currency = code.group(1).upper() if code else currency
    if unit is None:
        tail = text[match.end() :].lower()
        word = re.search(r"(?:/\s*|\bper\s+|\ban?\s+)?([a-z]+)", tail)
        unit = normalise_unit(word.group(1)) if word else None
    return make_salary(low, high, currency, unit)


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
