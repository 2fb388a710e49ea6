"""Places as published: countries, regions and cities read from location text, only when unambiguous."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from desktop_app.core.places_data import (
    AREAS,
    CITY_COUNTRY,
    COUNTRY_ALIASES,
    COUNTRY_NAMES,
    REGIONS,
)
from desktop_app.core.types import Location, Workplace

# Region codes of these countries are read without a country when nothing else fits, in this
# order: "Austin, TX" is Texas; "Toronto, ON" is Ontario. Others need their country named.
MAX_LOCATION_CHARS = 2000
_NOWHERE = frozenset({"world", "the world", "worldwide", "global", "anywhere", "everywhere"})
_BARE_REGION_COUNTRIES = ("US", "CA", "AU")
_REGION_BY_NAME = {
    country: {name.casefold(): code for code, name in table.items()} for country, table in REGIONS.items()
}
_REMOTE_WORDS = re.compile(
    r"\b(?:fully\s+remote|100\s*%\s*remote|remote(?:\s*-?\s*first|\s+friendly|\s+ok)?|anywhere"
    r"|work\s+from\s+home|wfh|telecommut\w*|distributed|home[\s-]?based|home\s+office)\b",
    re.I,
)
_HYBRID_WORDS = re.compile(r"\b(?:hybrid|flexible\s+remote|partially\s+remote|remote\s+hybrid)\b", re.I)
_ONSITE_WORDS = re.compile(r"\b(?:on[\s-]?site|in[\s-]office|in[\s-]person|office[\s-]based)\b", re.I)
# Glue words that are never part of a place: "Remote in the USA", "based in London".
_GLUE = re.compile(
    r"^(?:(?:based|located|work(?:ing)?)\s+)?(?:in|within|from|only|across)\s+(?:the\s+)?", re.I
)
_THE = re.compile(r"^the\s+", re.I)
_POSTCODE = re.compile(
    r"\b(?:\d{4,6}(?:-\d{4})?|[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}|[A-Z]\d[A-Z]\s?\d[A-Z]\d)\b"
)
_SEPARATORS = re.compile(r"\s*(?:;|\||\n|\s/\s|/(?=\s*[A-Z])|\bor\b|\s&\s)\s*", re.I)
_DASH = re.compile(r"\s+[-–—]\s+|^[-–—•*·\s]+|[-–—\s]+$")
_PAREN = re.compile(r"\(([^()]*)\)")
_CITY_CODE = re.compile(r"^([^\W\d_][\w .'’-]*?)\s+([A-Z]{2,3})$")
_DC = re.compile(r"\bD\.\s?C\.?")
_NOT_LETTERS = re.compile(r"[^a-z]+")
_PLACE_CHARS = re.compile(r"^[^\W\d_][\w .'’-]*$")


def country_name(code: str | None) -> str | None:
    """Return the name a reader expects for an ISO country code ("CA" → "Canada"), else the text.

    >>> country_name("CA"), country_name("GB")
    ('Canada', 'United Kingdom')
    """
    if not code:
        return None
    return COUNTRY_NAMES.get(code.upper(), code)


def region_name(region: str | None, country: str | None) -> str | None:
    """Return a region's full name read against its country ("CA" in the US → "California")."""
    if not region:
        return None
    return REGIONS.get(country or "", {}).get(region.upper(), region)


def country_code(text: object, *, codes: bool = True) -> str | None:
    """Return the ISO code of a country name, alias or code; None when it names no known country.

    ``codes``: accept two-letter codes ("DE"); off where a code could be a region ("CA").

    >>> country_code("United States "), country_code("in the USA"), country_code("Atlantis")
    ('US', 'US', None)
    """
    if not isinstance(text, str):
        return None
    key = _THE.sub("", _GLUE.sub("", " ".join(text.split()).strip(" .,;()"))).casefold().replace(".", "")
    if not key:
        return None
    if key in COUNTRY_ALIASES:
        return COUNTRY_ALIASES[key]
    if codes and len(key) == 2 and key.upper() in COUNTRY_NAMES:
        return key.upper()
    if codes and len(key) == 3 and key.upper() in _ALPHA3:
        return _ALPHA3[key.upper()]
    return None


_ALPHA3 = {"USA": "US", "GBR": "GB", "CAN": "CA", "DEU": "DE", "FRA": "FR", "AUS": "AU", "IND": "IN"}


def _region(text: str, country: str | None) -> tuple[str, str] | None:
    """Return (region code, country) when ``text`` names a region of ``country``.

    With no ``country``, the countries whose bare codes are read alone are tried.
    """
    countries = (country,) if country else _BARE_REGION_COUNTRIES
    key = text.strip(" .").casefold()
    for candidate in countries:
        table = REGIONS.get(candidate or "")
        if not table:
            continue
        if key.upper() in table and (len(key) <= 3):
            return key.upper(), candidate or ""
        if key in _REGION_BY_NAME[candidate or ""]:
            return _REGION_BY_NAME[candidate or ""][key], candidate or ""
    return None


def _ambiguous_code(text: str) -> bool:
    return len(text) == 2 and text.isupper() and text in COUNTRY_NAMES and _region(text, None) is not None


def _is_place_name(text: str) -> bool:
    return bool(_PLACE_CHARS.match(text)) and len(text.split()) <= 5 and text.casefold() not in AREAS


def _clean(chunk: str) -> str:
    chunk = _DC.sub("DC", chunk)
    chunk = _DASH.sub(",", chunk)
    chunk = _POSTCODE.sub("", chunk)
    # An unclosed parenthesis (a cut string) separates like a comma: "München (Bavaria".
    if chunk.count("(") > chunk.count(")"):
        at = chunk.rfind("(")
        chunk = chunk[:at] + "," + chunk[at + 1 :]
    chunk = chunk.replace(")", "").replace("(", ",") if "(" not in _PAREN.sub("", chunk) else chunk
    return ",".join(p.strip(" .-–—") for p in chunk.split(",")).strip(" ,")


def _parts(chunk: str) -> list[str]:
    parts = []
    for part in chunk.split(","):
        part = _GLUE.sub("", " ".join(part.split())).strip(" .'\"-–—")
        if part:
            parts.append(part)
    return parts


def parse_place(text: str) -> Location | None:
    """Read one place ("Toronto, ON, CA", "Berlin 10115, Germany"); keep the text when unsure.

    >>> parse_place("Toronto, ON, CA")
    Location(city='Toronto', region='ON', country='CA', text=None)
    >>> parse_place("San Francisco, CA")
    Location(city='San Francisco', region='CA', country='US', text=None)
    """
    cleaned = _clean(text)
    parts = _parts(cleaned)
    if not parts:
        return None
    raw = ", ".join(parts)
    if raw.casefold() in _NOWHERE:
        return None  # "Anywhere in the world": says remote, names no place
    glued = _CITY_CODE.match(parts[-1])
    if glued and parts[-1].casefold() not in CITY_COUNTRY and _region(glued.group(2), None):
        parts[-1:] = [glued.group(1), glued.group(2)]  # "Denver CO"
    country: str | None = None
    region: str | None = None
    hint = CITY_COUNTRY.get(parts[0].casefold())
    # The last part is a country when its name says so; a two-letter code only when a region
    # precedes it, when the city is known there, or when it is nobody's region code.
    last = parts[-1]
    code = country_code(last, codes=False)
    if code is None and len(last) in (2, 3) and last.isupper():
        candidate = country_code(last)
        before = parts[-2] if len(parts) >= 2 else ""
        if candidate and (
            hint == candidate or _region(before, candidate) is not None or _region(last, None) is None
        ):
            code = candidate
    if code is not None:
        country = code
        parts = parts[:-1]
    if country is None and len(parts) >= 2 and len(parts[0]) >= 3:
        first = country_code(parts[0], codes=False)  # "India - Bangalore", "USA - New York"
        if first is not None:
            country, parts = first, parts[1:]
    if len(parts) == 1 and country is None and _ambiguous_code(parts[0]):
        return Location(text=raw)  # "CA" alone: Canada or California
    if parts and not (len(parts) == 1 and parts[0].casefold() in CITY_COUNTRY):
        # A region is read against the country named, else the city's, else the bare-code tables.
        found = _region(parts[-1], country or hint) if (country or hint) else None
        if found is None and country is None:
            found = _region(parts[-1], None)
        if found is not None:
            region, country = found
            parts = parts[:-1]
    if region is None and country is not None and len(parts) == 2 and _is_place_name(parts[1]):
        region = parts.pop()  # "Athens, Attica, GR": a region this table lacks, kept as written
    city = parts[-1] if parts else None
    if city is not None and not _is_place_name(city):
        return Location(text=raw)
    if city is not None and country is None and region is None:
        if len(parts) > 1:
            return Location(text=raw)  # "Springfield, Foo": two unknown names, nothing to anchor them
        if city.casefold() in CITY_COUNTRY:
            country = CITY_COUNTRY[city.casefold()]
    if city is not None and region is None and country is None and not hint:
        return Location(city=city)
    return Location(city=city, region=region, country=country or hint)


def _split_pairs(chunk: str) -> list[str]:
    """Split "San Francisco, CA, New York, NY" into its (city, state) pairs."""
    parts = [p.strip() for p in chunk.split(",")]
    if len(parts) >= 4 and len(parts) % 2 == 0:
        regions = parts[1::2]
        if all(_region(r, None) is not None for r in regions):
            return [f"{parts[i]}, {parts[i + 1]}" for i in range(0, len(parts), 2)]
    return [chunk]


def distinct_places(places: Iterable[Location]) -> tuple[Location, ...]:
    """Return places without repeats, and without a bare country another place already names.

    >>> toronto, canada, usa = Location("Toronto", "ON", "CA"), Location(country="CA"), Location(country="US")
    >>> [p.label() for p in distinct_places([toronto, canada, usa])]
    ['Toronto, ON, Canada', 'United States']
    """
    unique = list(dict.fromkeys(places))
    named = {p.country for p in unique if p.country and (p.city or p.region)}
    return tuple(p for p in unique if p.city or p.region or p.text or p.country not in named)


def workplace_value(value: object) -> Workplace | None:
    """Read a workplace field as ATS feeds and spreadsheets give it; None when it says nothing.

    >>> [workplace_value(v) for v in ("OnSite", "Hybrid", ["Remote"], True)]
    ['onsite', 'hybrid', 'remote', 'remote']
    """
    if isinstance(value, bool):
        return "remote" if value else None
    if isinstance(value, list):
        found = [w for w in (workplace_value(v) for v in value) if w]
        return "hybrid" if "hybrid" in found or len(set(found)) > 1 else (found[0] if found else None)
    if not isinstance(value, str):
        return None
    key = _NOT_LETTERS.sub(" ", value.casefold()).strip()
    if key in ("yes", "y", "true", "1", "telecommute", "fully remote", "remote ok"):
        return "remote"
    if key in ("onsite", "on site", "office", "in office", "in person", "on premise", "site"):
        return "onsite"
    return workplace_in_text(value)


def text_workplaces(*found: Workplace | None) -> Workplace | None:
    """Combine what several location lines say: any remote option makes the job remote.

    >>> text_workplaces("hybrid", None, "remote"), text_workplaces(None, "hybrid")
    ('remote', 'hybrid')
    """
    for value in ("remote", "hybrid", "onsite"):
        if value in found:
            return value
    return None


def workplace_in_text(text: str) -> Workplace | None:
    """Return the workplace a location line states: "remote", "hybrid", "onsite", or None.

    >>> workplace_in_text("Remote - US"), workplace_in_text("Hybrid (London)"), workplace_in_text("Austin")
    ('remote', 'hybrid', None)
    """
    if _HYBRID_WORDS.search(text):
        return "hybrid"
    if _REMOTE_WORDS.search(text):
        return "remote"
    if _ONSITE_WORDS.search(text):
        return "onsite"
    return None


def read_locations(text: object) -> tuple[tuple[Location, ...], Workplace | None]:
    """Split a published location line into places and the workplace it states.

    >>> places, where = read_locations("New York, NY; Austin, TX or Remote - US")
    >>> [p.label() for p in places], where
    (['New York, NY, United States', 'Austin, TX, United States'], 'remote')
    """
    if not isinstance(text, str) or not text.strip():
        return (), None
    if len(text) > MAX_LOCATION_CHARS:  # not a location line: junk, or a description pasted in
        return (Location(text=" ".join(text[:200].split()) + "…"),), None
    return _read_locations(text)


# Feeds repeat their office strings thousands of times: each is read once.
@functools.lru_cache(maxsize=8192)
def _read_locations(text: str) -> tuple[tuple[Location, ...], Workplace | None]:
    workplace = workplace_in_text(text)
    stripped = text
    if workplace is not None:  # most lines name no workplace: skip the three rewrites
        stripped = _HYBRID_WORDS.sub(",", stripped)
        stripped = _REMOTE_WORDS.sub(",", stripped)
        stripped = _ONSITE_WORDS.sub(",", stripped)
    places: list[Location] = []
    for chunk in _SEPARATORS.split(stripped):
        for piece in _split_pairs(chunk or ""):
            # "US (Hub cities)": the bracket qualifies the place before it; read the place.
            outer = _PAREN.sub("", piece) if _PAREN.search(piece) else piece
            place = parse_place(outer) if outer.strip(" ,-") else None
            if place is None and _PAREN.search(piece):
                place = parse_place(_PAREN.search(piece).group(1))  # type: ignore[union-attr]
            if place is not None and place.label():
                places.append(place)
    return distinct_places(places), workplace


def structured_place(city: object, region: object, country: object) -> Location | None:
    """Return the place of an address given field by field (PostalAddress, an ATS's fields).

    A two-letter ``country`` is an ISO code here, never a region. A field that is not text
    is no field.
    """
    return _structured_place(*(v if isinstance(v, str) else None for v in (city, region, country)))


# Feeds repeat their offices' addresses thousands of times: each is read once.
@functools.lru_cache(maxsize=8192)
def _structured_place(city: str | None, region: str | None, country: str | None) -> Location | None:
    code = country_code(country) if isinstance(country, str) else None
    parts = [" ".join(p.split()) for p in (city, region) if isinstance(p, str) and p.strip()]
    if not parts:
        if code:
            return Location(country=code)
        named = " ".join(country.split()) if isinstance(country, str) else ""
        return Location(text=named) if named else None
    if code is None and isinstance(country, str) and country.strip():
        parts.append(country.strip())  # a country name this table lacks: let the text reader decide
    place = parse_place(", ".join(parts) + (f", {code}" if code else ""))
    if place is None:
        return None
    if code and place.text is None and place.country is None:
        return Location(place.city, place.region, code)
    return place


def search_words(location: Location) -> str:
    """Return every word a location may be searched by: codes and full names alike.

    >>> search_words(Location("Toronto", "ON", "CA"))
    'Toronto ON Ontario CA Canada'
    """
    words = [
        location.city,
        location.region,
        region_name(location.region, location.country),
        location.country,
        country_name(location.country),
        location.text,
    ]
    seen: list[str] = []
    for word in words:
        if word and word not in seen:
            seen.append(word)
    return " ".join(seen)
