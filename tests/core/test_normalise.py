"""Normalising messy posted values: salary, employment type, location, dates, HTML."""

from __future__ import annotations

from datetime import date

import pytest

from desktop_app.core import markup
from desktop_app.core.normalise import employment_types, parse_date, parse_locations, parse_salary_text
from desktop_app.core.types import Location


@pytest.mark.parametrize(
    ("text", "low", "high", "currency", "unit", "annual_low"),
    [
        ("$75,000-$95,000/YEAR", 75000, 95000, "USD", "YEAR", 75000),
        ("$40/hour", 40, None, "USD", "HOUR", 83200),
        ("80k-100k", 80000, 100000, None, None, 80000),
        ("€50,000 to €60,000 per year", 50000, 60000, "EUR", "YEAR", 50000),
        ("USD 120000 annually", 120000, None, "USD", "YEAR", 120000),
        ("$6,000 - $7,500 a month", 6000, 7500, "USD", "MONTH", 72000),
    ],
)
def test_salary_text(
    text: str, low: float, high: float | None, currency: str | None, unit: str | None, annual_low: float
) -> None:
    salary = parse_salary_text(text)
    assert salary is not None
    assert (salary.min, salary.max, salary.currency, salary.unit) == (low, high, currency, unit)
    assert salary.annual_min == annual_low


def test_salary_text_without_numbers_is_none() -> None:
    assert parse_salary_text("competitive") is None


def test_salary_label_reads_like_the_posting() -> None:
    salary = parse_salary_text("$75,000-$95,000/YEAR")
    assert salary is not None and salary.label() == "$75,000–$95,000 / year"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("FULL_TIME", ("FULL_TIME",)),
        ("Full-time", ("FULL_TIME",)),
        (["Regular", "Permanent"], ("FULL_TIME",)),
        ("Part time, Contract", ("PART_TIME", "CONTRACTOR")),
        ("Internship", ("INTERN",)),
        ("Seasonal", ("TEMPORARY",)),
        ("Gig of some sort", ("OTHER",)),
        (None, ()),
    ],
)
def test_employment_types(value: object, expected: tuple[str, ...]) -> None:
    assert employment_types(value) == expected


@pytest.mark.parametrize(
    ("text", "places", "remote"),
    [
        ("Irvine, CA", [Location("Irvine", "CA", "US")], False),
        (", Mountain View", [Location("Mountain View", None, None)], False),
        ("United States ", [Location(None, None, "US")], False),
        ("San Francisco or Remote", [Location("San Francisco", None, "US")], True),
        (
            "New York, NY; Austin, TX",
            [Location("New York", "NY", "US"), Location("Austin", "TX", "US")],
            False,
        ),
        ("Remote", [], True),
        ("Berlin, Germany", [Location("Berlin", None, "DE")], False),
    ],
)
def test_locations(text: str, places: list[Location], remote: bool) -> None:
    assert parse_locations(text) == (tuple(places), remote)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-02-09", date(2025, 2, 9)),
        ("2025-02-09T08:30:00-08:00", date(2025, 2, 9)),
        ("2025-02-09T08:30:00Z", date(2025, 2, 9)),
        ("02/09/2025", date(2025, 2, 9)),
        ("February 9, 2025", date(2025, 2, 9)),
        ("9 Feb 2025", date(2025, 2, 9)),
        (1738368000000, date(2025, 2, 1)),
        ("not a date", None),
        ("2025-13-45", None),
    ],
)
def test_dates(value: object, expected: date | None) -> None:
    assert parse_date(value) == expected


def test_sanitise_removes_everything_active() -> None:
    hostile = (
        '<p onclick="steal()">Hello<script>alert(1)</script></p>'
        '<iframe src="https://evil.example"></iframe><img src="https://tracker.example/p.gif">'
        '<a href="javascript:alert(1)">x</a><a href="file:///etc/passwd">y</a>'
        '<a href="https://jobs.example/apply">apply</a><style>body{display:none}</style>'
    )
    clean = markup.sanitise(hostile)
    for bad in ("script", "onclick", "iframe", "img", "javascript:", "file:", "style", "tracker"):
        assert bad not in clean
    assert 'href="https://jobs.example/apply"' in clean
    assert "Hello" in clean


def test_double_escaped_html_is_decoded_once_more() -> None:
    clean = markup.sanitise("&lt;p&gt;Build &amp;amp; ship&lt;/p&gt;")
    assert clean.startswith("<p>") and "Build &amp; ship" in clean
    assert markup.to_text(clean) == "Build & ship"
