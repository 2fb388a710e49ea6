"""Job facets: criteria turned into queries, and counts per value for the filter panel."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from whoosh import query as wq
from whoosh import sorting
from whoosh.searching import Searcher

from desktop_app.core.criteria import Criteria

SALARY_BANDS: tuple[tuple[str, float, float], ...] = (
    ("under 50k", 0, 50_000),
    ("50k–80k", 50_000, 80_000),
    ("80k–120k", 80_000, 120_000),
    ("120k–160k", 120_000, 160_000),
    ("160k and more", 160_000, float("inf")),
)
UNKNOWN_SALARY = "salary unknown"
POSTED_BUCKETS = (("24 hours", 1), ("7 days", 7), ("30 days", 30))
FACET_NAMES = ("type", "location", "team", "remote", "salary", "posted", "weeks")
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


def criteria_queries(criteria: Criteria, today: date) -> dict[str, wq.Query]:
    """Return one query per active facet of ``criteria`` (facet name → query)."""
    out: dict[str, wq.Query] = {}
    if criteria.types:
        out["type"] = wq.Or([wq.Term("type", t.lower()) for t in sorted(criteria.types)])
    if criteria.locations:
        out["location"] = wq.Or([wq.Term("loc_facet", v) for v in sorted(criteria.locations)])
    if criteria.teams:
        out["team"] = wq.Or([wq.Term("team_facet", v) for v in sorted(criteria.teams)])
    if criteria.remote != "any":
        out["remote"] = wq.Term("remote", criteria.remote == "remote")
    if criteria.salary_min is not None or criteria.salary_max is not None:
        ranges: list[wq.Query] = []
        if criteria.salary_min is not None:
            ranges.append(wq.NumericRange("salary_max", round(criteria.salary_min), None))
        if criteria.salary_max is not None:
            ranges.append(wq.NumericRange("salary_min", None, round(criteria.salary_max)))
        overlap: wq.Query = ranges[0] if len(ranges) == 1 else wq.And(ranges)
        if criteria.include_unknown_salary:
            overlap = wq.Or([overlap, wq.Term("salary_band", UNKNOWN_SALARY)])
        out["salary"] = overlap
    elif not criteria.include_unknown_salary:
        out["salary"] = wq.Not(wq.Term("salary_band", UNKNOWN_SALARY))
    if criteria.posted_within_days:
        start = _day_start(today - timedelta(days=criteria.posted_within_days))
        out["posted"] = wq.DateRange("posted", start, None)
    return out


def facet_specs(today: date) -> dict[str, sorting.FacetType]:
    """Return the Whoosh facets that count jobs per value, by facet name."""
    posted = {
        label: wq.DateRange("posted", _day_start(today - timedelta(days=days)), None)
        for label, days in POSTED_BUCKETS
    }
    posted["older"] = wq.DateRange("posted", None, _day_start(today - timedelta(days=30)))
    posted["date unknown"] = wq.Term("dated", "no")
    return {
        "type": sorting.FieldFacet("type", allow_overlap=True, maptype=sorting.Count),
        "location": sorting.FieldFacet("loc_facet", allow_overlap=True, maptype=sorting.Count),
        "team": sorting.FieldFacet("team_facet", allow_overlap=True, maptype=sorting.Count),
        "remote": sorting.QueryFacet(
            {"remote": wq.Term("remote", True), "on-site": wq.Term("remote", False)}, maptype=sorting.Count
        ),
        "salary": sorting.FieldFacet("salary_band", allow_overlap=True, maptype=sorting.Count),
        "posted": sorting.QueryFacet(posted, allow_overlap=True, maptype=sorting.Count),
        "weeks": sorting.QueryFacet(
            {
                str(week): wq.DateRange(
                    "posted",
                    _day_start(today - timedelta(days=7 * (week + 1) - 1)),
                    _day_start(today - timedelta(days=7 * week - 1)),
                    endexcl=True,
                )
                for week in range(WEEKS)
            },
            maptype=sorting.Count,
        ),
    }


def _readable(name: str, value: Any) -> str:
    text = value.decode("utf-8") if isinstance(value, bytes) else str(value)
    if name == "type":
        return text.upper()
    if name == "location":
        return text.replace(LOCATION_SEPARATOR, ", ")
    return text


def counts(
    searcher: Searcher, base: wq.Query, criteria: Criteria, today: date
) -> tuple[dict[str, dict[str, int]], dict[str, int], int]:
    """Count jobs per facet value; return (facets, excluded per facet, total with every filter).

    A facet's counts ignore its own selection (so other values stay choosable) but honour the
    others; "excluded" is how many jobs that facet's selection removes from the result.
    """
    specs = facet_specs(today)
    active = criteria_queries(criteria, today)

    def narrowed(skip: str | None) -> wq.Query:
        parts = [base, *(q for name, q in active.items() if name != skip)]
        return parts[0] if len(parts) == 1 else wq.And(parts)

    everything = searcher.search(narrowed(None), limit=1, groupedby=specs)
    total = len(everything)
    facets: dict[str, dict[str, int]] = {}
    excluded: dict[str, int] = {}
    for name in FACET_NAMES:
        if name in active:
            own = searcher.search(narrowed(name), limit=1, groupedby={name: specs[name]})
            groups = own.groups(name)
            excluded[name] = len(own) - total
        else:
            groups = everything.groups(name)
            excluded[name] = 0
        facets[name] = {
            _readable(name, value): int(count) for value, count in groups.items() if value is not None
        }
    return facets, excluded, total
