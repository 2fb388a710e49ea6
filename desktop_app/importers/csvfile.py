"""Spreadsheets saved as CSV: a header row whose common column names are recognised."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator
from typing import TextIO

from desktop_app.core.normalise import (
    employment_types,
    make_salary,
    normalise_unit,
    parse_date,
    parse_salary_text,
    tidy,
)
from desktop_app.core.places import read_locations, structured_place, workplace_value
from desktop_app.core.types import Job, ParseResult, Rejected, Salary
from desktop_app.importers.build import Taken, collect, make_job

COLUMNS: dict[str, tuple[str, ...]] = {
    "title": ("title", "job title", "position", "role", "job", "job name", "position title", "name"),
    "company": ("company", "company name", "employer", "organization", "organisation", "hiring organization"),
    "location": ("location", "locations", "job location", "place", "office", "where"),
    "city": ("city", "town"),
    "region": ("state", "region", "province", "county"),
    "country": ("country", "nation"),
    "salary": ("salary", "pay", "compensation", "salary range", "wage", "pay range", "base salary"),
    "salary_min": ("salary min", "min salary", "minimum salary", "salary from", "pay min"),
    "salary_max": ("salary max", "max salary", "maximum salary", "salary to", "pay max"),
    "currency": ("currency", "salary currency"),
    "unit": ("unit", "salary unit", "pay period", "period", "interval"),
    "type": ("type", "employment type", "job type", "contract type", "commitment", "employment"),
    "team": ("team", "department", "dept", "division", "group", "function"),
    "posted": ("posted", "date posted", "posted date", "posted on", "date", "created", "published",
               "posting date", "published on", "created at"),
    "valid_through": ("valid through", "expires", "expiry", "closing date", "deadline", "apply by",
                      "valid until"),
    "url": ("url", "link", "apply url", "apply link", "application url", "job url", "posting url", "apply"),
    "description": ("description", "details", "job description", "summary", "about"),
    "remote": ("remote", "is remote", "work from home", "remote ok", "fully remote", "telecommute"),
    "workplace": ("workplace", "workplace type", "location type", "work arrangement", "work model",
                  "remote type", "remote status", "work setting", "on site remote", "onsite remote",
                  "remote hybrid onsite", "work location type", "job location type"),
    "id": ("id", "identifier", "job id", "requisition id", "req id", "reference", "ref", "requisition"),
}  # fmt: skip
_KEY_RE = re.compile(r"[^a-z0-9]+")


def _key(header: str) -> str:
    return _KEY_RE.sub(" ", header.casefold()).strip()


def map_columns(headers: list[str]) -> dict[str, int]:
    """Return which column index holds each known field ("title" → 0, …)."""
    found: dict[str, int] = {}
    keys = [_key(h) for h in headers]
    for field, names in COLUMNS.items():
        for name in names:
            if name in keys and field not in found and keys.index(name) not in found.values():
                found[field] = keys.index(name)
                break
    return found


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def _salary(get: dict[str, str | None]) -> tuple[Salary | None, str | None]:
    """Return the pay a row states, and its text when it cannot be read as numbers."""
    unit = normalise_unit(get.get("unit"))
    currency = tidy(get.get("currency"))
    if get.get("salary"):
        salary = parse_salary_text(get["salary"], currency, unit)
        return (salary, None) if salary is not None else (None, get["salary"])
    low = parse_salary_text(get.get("salary_min") or "", currency, unit)
    high = parse_salary_text(get.get("salary_max") or "", currency, unit)
    known = low or high
    salary = make_salary(
        low.min if low else None,
        (high.min if high.min is not None else high.max) if high else None,
        known.currency if known else currency,
        known.unit if known else unit,
    )
    return salary, None


def _row_job(get: dict[str, str | None], source: str) -> Job:
    places, where = read_locations(get.get("location") or "")
    if not places and (get.get("city") or get.get("region") or get.get("country")):
        place = structured_place(get.get("city"), get.get("region"), get.get("country"))
        places = (place,) if place is not None else ()
    # A "Workplace"/"Location Type" column says which; a "Remote" column yes or no; else the text.
    stated = workplace_value(get.get("workplace")) or workplace_value(get.get("remote"))
    salary, salary_text = _salary(get)
    return make_job(
        title=get.get("title"),
        source=source,
        company=get.get("company"),
        locations=places,
        workplace=stated or where,
        employment_types=employment_types(get.get("type")),
        salary=salary,
        salary_text=salary_text,
        team=get.get("team"),
        date_posted=parse_date(get.get("posted")),
        valid_through=parse_date(get.get("valid_through")),
        description=get.get("description"),
        apply_url=get.get("url"),
        identifier=get.get("id"),
    )


MAX_LINE_CHARS = 5 * 1024 * 1024  # one line of a CSV file; a longer one is not a table of postings


def sniff_encoding(head: bytes) -> str:
    """Return the encoding of a CSV file from its first bytes: UTF-8 when they read as it, else cp1252."""
    if head.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    for cut in range(4):  # the sample may end inside a character
        try:
            head[: len(head) - cut].decode("utf-8")
            return "utf-8"
        except UnicodeDecodeError:
            continue
    return "cp1252"


def bounded_lines(text: TextIO) -> Iterator[str]:
    """Yield the lines of a text stream; raise csv.Error at a line over ``MAX_LINE_CHARS``."""
    while line := text.readline(MAX_LINE_CHARS):
        if len(line) >= MAX_LINE_CHARS and not line.endswith(("\n", "\r")):
            raise csv.Error(f"a line is over {MAX_LINE_CHARS // 1_048_576} MB: not a table of postings")
        yield line


def parse_csv(data: bytes, source: str) -> ParseResult:
    """Return the jobs of a CSV file with a header row; each bad row is one rejection."""
    text = _decode(data)
    return collect(iter_csv(io.StringIO(text), text[:8192], source))


def iter_csv(lines: Iterable[str], sample: str, source: str) -> Iterator[Taken | Rejected]:
    """Yield the postings of a CSV file's lines, row by row; each bad row is one rejection."""
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(lines, dialect)
    try:
        headers = next(reader)
    except (StopIteration, csv.Error):
        yield Rejected(source, "the file is empty: a header row is needed")
        return
    columns = map_columns(headers)
    if "title" not in columns:
        shown = ", ".join(h for h in headers[:12] if h.strip()) or "none"
        yield Rejected(source, f"no job title column (columns found: {shown})")
        return
    line = 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            # One bad record (a field over the size limit, say) is rejected; reading goes on.
            line += 1
            yield Rejected(f"{source} line {reader.line_num}", f"unreadable CSV: {exc}")
            if "not a table" in str(exc):
                return
            continue
        line += 1
        if not any(cell.strip() for cell in row):
            continue
        get = {field: tidy(row[i]) if i < len(row) else None for field, i in columns.items()}
        if columns.get("description") is not None and columns["description"] < len(row):
            get["description"] = row[columns["description"]].strip() or None  # keep its line breaks
        try:
            job = _row_job(get, source)
        except (ValueError, TypeError) as exc:
            yield Rejected(f"{source} row {line}", str(exc))
            continue
        yield Taken(job, bool(get.get("id")))
