"""Locations as published: read into (city, region, country) only when unambiguous, never a fragment."""

from __future__ import annotations

import pytest

from desktop_app.core.places import read_locations, search_words, structured_place
from desktop_app.core.types import Job, JobId, Location

US, CA = "US", "CA"


@pytest.mark.parametrize(
    ("text", "places"),
    [
        # A region code is read against the country it belongs to: CA is California only in the US.
        ("Toronto, ON, CA", [Location("Toronto", "ON", CA)]),
        ("Vancouver, BC", [Location("Vancouver", "BC", CA)]),
        ("San Francisco, CA", [Location("San Francisco", "CA", US)]),
        ("Los Angeles, CA, USA", [Location("Los Angeles", "CA", US)]),
        ("Berlin, DE", [Location("Berlin", None, "DE")]),
        ("Wilmington, DE", [Location("Wilmington", "DE", US)]),
        ("Perth, WA", [Location("Perth", "WA", "AU")]),
        ("Bangalore, IN", [Location("Bangalore", None, "IN")]),
        ("Indianapolis, IN", [Location("Indianapolis", "IN", US)]),
        ("Chicago, Illinois, United States", [Location("Chicago", "IL", US)]),
        # Multi-location strings: every place kept.
        ("New York, NY; Austin, TX", [Location("New York", "NY", US), Location("Austin", "TX", US)]),
        (
            "San Francisco, CA, New York, NY, Seattle, WA",
            [
                Location("San Francisco", "CA", US),
                Location("New York", "NY", US),
                Location("Seattle", "WA", US),
            ],
        ),
        ("Boston, MA / Denver, CO", [Location("Boston", "MA", US), Location("Denver", "CO", US)]),
        ("US (Hub cities)", [Location(country=US)]),
        # Never a fragment: leading dash, unclosed parenthesis, glue words, postcodes, regions as cities.
        ("- London", [Location("London", None, "GB")]),
        ("München (Bavaria", [Location("München", "Bavaria", "DE")]),
        ("- Remote (US", [Location(country=US)]),
        ("Athens, Attica, Greece", [Location("Athens", "Attica", "GR")]),
        ("Remote in the USA", [Location(country=US)]),
        ("10115 Berlin, Germany", [Location("Berlin", None, "DE")]),
        ("London, SW1A 2AA, United Kingdom", [Location("London", None, "GB")]),
        ("San Jose, CA 95134", [Location("San Jose", "CA", US)]),
        ("Denver CO", [Location("Denver", "CO", US)]),
        ("California", [Location(None, "CA", US)]),
        ("Ontario, Canada", [Location(None, "ON", CA)]),
        ("USA - New York", [Location("New York", None, US)]),  # country first
        ("India - Bangalore", [Location("Bangalore", None, "IN")]),
        ("123 Main St, Springfield, IL 62701", [Location("Springfield", "IL", US)]),  # IL: Illinois here
        ("Tel Aviv, Center District, IL", [Location("Tel Aviv", "Center District", "IL")]),  # Israel here
        ("Washington, D.C.", [Location("Washington", "DC", US)]),
        ("Anywhere in the world", []),
        # What cannot be read unambiguously is kept as published, not forced into a field.
        ("CA", [Location(text="CA")]),
        ("Springfield, Greater Metro", [Location(text="Springfield, Greater Metro")]),
        ("EMEA", [Location(text="EMEA")]),
    ],
)
def test_places_read_only_when_unambiguous(text: str, places: list[Location]) -> None:
    assert list(read_locations(text)[0]) == places


@pytest.mark.parametrize(
    ("text", "workplace"),
    [
        ("Remote", "remote"),
        ("Remote - US", "remote"),
        ("Anywhere", "remote"),
        ("San Francisco, CA or Remote", "remote"),
        ("Hybrid - Berlin", "hybrid"),
        ("London (Hybrid)", "hybrid"),
        ("On-site, Austin, TX", "onsite"),
        ("Austin, TX", None),
    ],
)
def test_workplace_read_from_location_text(text: str, workplace: str | None) -> None:
    assert read_locations(text)[1] == workplace


def test_remote_with_a_country_keeps_the_country() -> None:
    places, workplace = read_locations("Remote - Canada")
    assert places == (Location(country=CA),) and workplace == "remote"


def test_labels_name_countries_in_full() -> None:
    assert Location("Toronto", "ON", CA).label() == "Toronto, ON, Canada"
    assert Location(country=US).label() == "United States"
    assert Location(text="EMEA").label() == "EMEA"
    # Stable ids are made from codes, so a label's wording never changes an id.
    assert Location("Toronto", "ON", CA).key() == "Toronto, ON, CA"


def test_the_location_line_says_remote_or_hybrid() -> None:
    toronto = (Location("Toronto", "ON", CA),)
    hybrid = Job(JobId("job-1"), "Designer", locations=toronto, workplace="hybrid")
    remote = Job(JobId("job-2"), "Designer", locations=toronto, remote=True, workplace="remote")
    assert hybrid.location_label() == "Toronto, ON, Canada; Hybrid"
    assert remote.location_label() == "Toronto, ON, Canada; Remote"
    assert read_locations(hybrid.location_label()) == (toronto, "hybrid")  # the CSV export reads back


def test_a_canadian_job_is_found_by_canada_and_a_californian_by_california() -> None:
    toronto = search_words(Location("Toronto", "ON", CA))
    irvine = search_words(Location("Irvine", "CA", US))
    assert "Canada" in toronto and "Ontario" in toronto and "California" not in toronto
    assert "California" in irvine and "Canada" not in irvine


@pytest.mark.parametrize(
    ("city", "region", "country", "expected"),
    [
        ("Toronto", "ON", "CA", Location("Toronto", "ON", CA)),  # a country field's code is a country
        ("Irvine", "CA", "US", Location("Irvine", "CA", US)),
        ("Austin", "Texas", "United States", Location("Austin", "TX", US)),
        (None, None, "DE", Location(country="DE")),
        ("Paris", None, "France", Location("Paris", None, "FR")),
        (None, None, "Atlantis", Location(text="Atlantis")),
    ],
)
def test_structured_addresses(city: str | None, region: str | None, country: str, expected: Location) -> None:
    assert structured_place(city, region, country) == expected


def test_an_overlong_location_line_is_kept_short_as_text() -> None:
    places, workplace = read_locations("Springfield " * 1000)
    assert len(places) == 1 and places[0].text is not None and len(places[0].label()) < 250
    assert workplace is None
