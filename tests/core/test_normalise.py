"""Normalising messy posted values: salary, employment type, location, dates, HTML."""

from __future__ import annotations

from datetime import date

import nh3
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.core import markup
from desktop_app.core.normalise import employment_types, parse_date, parse_locations, parse_salary_text
from desktop_app.core.pay import PER_YEAR
from desktop_app.core.types import Location


@pytest.mark.parametrize(
    ("text", "low", "high", "currency", "unit", "annual_low"),
    [
        ("$75,000-$95,000/YEAR", 75000, 95000, "USD", "YEAR", 75000),
        ("$40/hour", 40, None, "USD", "HOUR", 83200),
        ("80k-100k", 80000, 100000, None, None, None),  # no unit: no yearly figure guessed
        ("€50,000 to €60,000 per year", 50000, 60000, "EUR", "YEAR", 50000),
        ("USD 120000 annually", 120000, None, "USD", "YEAR", 120000),
        ("$6,000 - $7,500 a month", 6000, 7500, "USD", "MONTH", 72000),
    ],
)
def test_salary_text(
    text: str,
    low: float,
    high: float | None,
    currency: str | None,
    unit: str | None,
    annual_low: float | None,
) -> None:
    salary = parse_salary_text(text)
    assert salary is not None
    assert (salary.min, salary.max, salary.currency, salary.unit) == (low, high, currency, unit)
    assert salary.annual_min == annual_low


def test_salary_text_without_numbers_is_none() -> None:
    assert parse_salary_text("competitive") is None


@pytest.mark.parametrize(
    ("text", "low", "high", "currency", "unit"),
    [
        ("8 million", 8_000_000, None, None, None),
        ("over 8 million a month", 8_000_000, None, None, "MONTH"),  # "over X": a minimum only
        ("Trên 8 triệu/tháng", 8_000_000, None, "VND", "MONTH"),  # Vietnamese: over 8 million a month
        ("8 triệu", 8_000_000, None, "VND", None),
        ("15 - 20 triệu", 15_000_000, 20_000_000, "VND", None),
        ("1,2 Mio. €", 1_200_000, None, "EUR", None),  # German decimal comma
        ("ab 65.000 € brutto im Jahr", 65_000, None, "EUR", "YEAR"),  # German thousands dot
        ("$120k", 120_000, None, "USD", None),
        ("$120k+", 120_000, None, "USD", None),
        ("from $90,000", 90_000, None, "USD", None),
        ("Up to $200k + equity", None, 200_000, "USD", None),
        ("£45,000 - £55,000 per annum", 45_000, 55_000, "GBP", "YEAR"),
        ("€60K–70K", 60_000, 70_000, "EUR", None),
        ("$80-100k", 80_000, 100_000, "USD", None),
        ("₹12,00,000 per annum", 1_200_000, None, "INR", "YEAR"),  # Indian grouping
        ("12 LPA", 1_200_000, None, "INR", "YEAR"),
        ("CHF 120 000 p.a.", 120_000, None, "CHF", "YEAR"),
        ("1.200,50 € pro Monat", 1200.5, None, "EUR", "MONTH"),
        ("€4.500 brutto/Monat", 4500, None, "EUR", "MONTH"),
        ("R$ 8.000,00 por mês", 8000, None, "BRL", "MONTH"),
        ("年収600万円", 6_000_000, None, "JPY", "YEAR"),  # 600 × 万 (10,000) yen a year
        ("月給30万円〜40万円", 300_000, 400_000, "JPY", "MONTH"),
        ("Rs. 6,00,000 - 8,00,000 P.A.", 600_000, 800_000, "INR", "YEAR"),
        ("$45/hr - $55/hr", 45, 55, "USD", "HOUR"),
    ],
)
def test_salaries_in_words_and_local_units(
    text: str, low: float | None, high: float | None, currency: str | None, unit: str | None
) -> None:
    salary = parse_salary_text(text)
    assert salary is not None
    assert (salary.min, salary.max, salary.currency, salary.unit) == (low, high, currency, unit)
    expected = [v * PER_YEAR[unit] if unit and v is not None else None for v in (low, high)]
    assert [salary.annual_min, salary.annual_max] == expected  # yearly only when the unit is known


@pytest.mark.parametrize(
    "text", ["Competitive", "DOE", "Thỏa thuận", "401(k) match", "30 mil", "2025", "10-15% bonus", "15"]
)
def test_unreadable_pay_is_never_a_number(text: str) -> None:
    assert parse_salary_text(text) is None


def test_salary_labels_say_from_and_up_to() -> None:
    over = parse_salary_text("Trên 8 triệu/tháng")
    capped = parse_salary_text("Up to $200k")
    assert over is not None and over.label() == "from 8,000,000 VND / month"
    assert capped is not None and capped.label() == "up to $200,000"


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


_HTML_PIECES = [
    "<p>", "</p>", "<li>", "<b>", "<script>x</script>", '<a href="javascript:x">', "</a>", "<img src=x>",
    '<a href="https://a.example/?q=<p>" title=\'"\'>', "<!-- c -->", "&amp;", "&lt;b&gt;", "x y",
    "<style>p{}</style>", '<div title="t" onclick="y()">', "\n", "é",
]  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_HTML_PIECES)))
def test_the_reused_cleaner_sanitises_as_nh3_clean_does(pieces: list[str]) -> None:
    fragment = "".join(pieces)
    assert markup.sanitise(fragment) == nh3.clean(markup.unescape_once_more(fragment), **markup.CLEAN_OPTIONS)


def test_double_escaped_html_is_decoded_once_more() -> None:
    clean = markup.sanitise("&lt;p&gt;Build &amp;amp; ship&lt;/p&gt;")
    assert clean.startswith("<p>") and "Build &amp; ship" in clean
    assert markup.to_text(clean) == "Build & ship"
