"""Job facets: criteria turned into sets of documents, and counts per value for the filter panel."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from typing import Any

from desktop_app.core.criteria import Criteria
from desktop_app.search.bitsets import IndexView

SALARY_BANDS: tuple[tuple[str, float, float], ...] = (
    ("under 50k", 0, 50_000),
    ("50k–80k", 50_000, 80_000),
    ("80k–120k", 80_000, 120_000),
    ("120k–160k", 120_000, 160_000),
    ("160k and more", 160_000, float("inf")),
)
UNKNOWN_SALARY = "salary unknown"
POSTED_BUCKETS = (("24 hours", 1), ("7 days", 7), ("30 days", 30))
FACET_NAMES = ("type", "location", "team", "remote", "salary", "posted", "weeks", "skill")
# Facets whose values narrow one another (all ticked skills are asked for): their counts honour
# their own selection, saying how many jobs are left if one more value is ticked.
NARROWING = frozenset(("skill",))
WEEKS = 8  # "weeks" counts listings posted in each of the last eight weeks ("0" is this week)
LOCATION_SEPARATOR = " / "  # a location facet value is "Irvine / CA / US" (commas split keywords)


def salary_band(low: float | None, high: float | None) -> str:
    """Return the band of a yearly pay range (by its middle), or "salary unknown".

    >>> salary_band(75000, 95000), salary_band(None, None)
    ('80k–120k', 'salary unknown')
    """
    values = [v for v in (low, high) if v is not None]
    if not values:
        return UNKNOWN_SALARY
    middle = sum(values) / len(values)
    return next(name for name, start, end in SALARY_BANDS if start <= middle < end)


def location_value(label: str) -> str:
    """Return the facet value of a location label: "Irvine, CA, US" → "Irvine / CA / US"."""
    return label.replace(", ", LOCATION_SEPARATOR).replace(",", " ")


def _day_start(day: date) -> datetime:
    return datetime.combine(day, time())


def criteria_masks(criteria: Criteria, today: date, view: IndexView) -> dict[str, int]:
    """Return the documents each active facet of ``criteria`` keeps (facet name → bitset)."""
    out: dict[str, int] = {}
    if criteria.types:
        out["type"] = view.any_of("type", (t.lower() for t in criteria.types))
    if criteria.locations:
        out["location"] = view.any_of("loc_facet", criteria.locations)
    if criteria.teams:
        out["team"] = view.any_of("team_facet", criteria.teams)
    if criteria.skills:
        out["skill"] = view.everything
        for slug in criteria.skills:
            out["skill"] &= view.term("skill", slug)
    if criteria.remote != "any":
        hybrid = view.term("workplace", "hybrid")
        if criteria.remote == "remote":
            out["remote"] = view.term("remote", True)
        elif criteria.remote == "hybrid":
            out["remote"] = hybrid
        else:
            out["remote"] = view.term("remote", False) & ~hybrid
    unknown = view.term("salary_band", UNKNOWN_SALARY)
    if criteria.salary_min is not None or criteria.salary_max is not None:
        overlap = view.everything
        if criteria.salary_min is not None:
            overlap &= view.number_range("salary_max", round(criteria.salary_min), None)
        if criteria.salary_max is not None:
            overlap &= view.number_range("salary_min", None, round(criteria.salary_max))
        out["salary"] = overlap | unknown if criteria.include_unknown_salary else overlap
    elif not criteria.include_unknown_salary:
        out["salary"] = view.everything & ~unknown
    if criteria.posted_within_days:
        out["posted"] = view.date_range(
            "posted", _day_start(today - timedelta(days=criteria.posted_within_days)), None
        )
    return out


def facet_masks(name: str, today: date, view: IndexView) -> dict[str, int]:
    """Return the documents of each value of one facet, by the value the panel shows."""
    if name in ("type", "location", "team", "salary", "skill"):
        fields = {"type": "type", "location": "loc_facet", "team": "team_facet", "salary": "salary_band"}
        field = fields.get(name, name)
        return {_readable(name, value): bits for value, bits in view.values(field).items()}
    if name == "remote":
        hybrid = view.term("workplace", "hybrid")
        return {
            "remote": view.term("remote", True),
            "hybrid": hybrid,
            "on-site": view.term("remote", False) & ~hybrid,
        }
    if name == "posted":
        posted = {
            label: view.date_range("posted", _day_start(today - timedelta(days=days)), None)
            for label, days in POSTED_BUCKETS
        }
        posted["older"] = view.date_range("posted", None, _day_start(today - timedelta(days=30)))
        posted["date unknown"] = view.term("dated", "no")
        return posted
    if name == "weeks":
        return {
            str(week): view.date_range(
                "posted",
                _day_start(today - timedelta(days=7 * (week + 1) - 1)),
                _day_start(today - timedelta(days=7 * week - 1)) - timedelta(microseconds=1),
            )
            for week in range(WEEKS)
        }
    raise ValueError(f"no facet named {name!r}")


def _readable(name: str, value: Any) -> str:
    text = value.decode("utf-8") if isinstance(value, bytes) else str(value)
    if name == "type":
        return text.upper()
    if name == "location":
        return text.replace(LOCATION_SEPARATOR, ", ")
    return text


def _all(view: IndexView, masks: Iterable[int]) -> int:
    out = view.everything
    for bits in masks:
        out &= bits
    return out


def counts(
    view: IndexView, base: int, criteria: Criteria, today: date
) -> tuple[dict[str, dict[str, int]], dict[str, int], int]:
    """Count jobs per facet value; return (facets, excluded per facet, total with every filter).

    ``base`` is the jobs the query text matches. A facet's counts ignore its own selection (so
    other values stay choosable) but honour the others; "excluded" is how many jobs that
    facet's selection removes from the result.
    """
    active = criteria_masks(criteria, today, view)
    everything = base & _all(view, active.values())
    total = everything.bit_count()
    facets: dict[str, dict[str, int]] = {}
    excluded: dict[str, int] = {}
    for name in FACET_NAMES:
        if name in active:
            own = base & _all(view, (bits for other, bits in active.items() if other != name))
            excluded[name] = own.bit_count() - total
            if name in NARROWING:
                own = everything
        else:
            own = everything
            excluded[name] = 0
        found = {value: (own & bits).bit_count() for value, bits in facet_masks(name, today, view).items()}
        facets[name] = {value: count for value, count in found.items() if count}
    return facets, excluded, total
