"""Structured job filters: what the filter panel sets and a saved filter keeps beside its query text."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, replace
from typing import Any, Literal

RemoteChoice = Literal["any", "remote", "hybrid", "onsite"]
SortChoice = Literal["relevance", "date", "salary", "fit"]  # fit: to My Skills (the window sorts)
POSTED_CHOICES: tuple[int | None, ...] = (None, 1, 7, 30)


@dataclass(frozen=True)
class Criteria:
    """Job filters. Values within one facet widen (OR); facets narrow each other (AND).

    Skills are the exception: each one ticked narrows (a job asking for all of them is kept).

    A job whose salary is unknown is kept by a salary range unless ``include_unknown_salary``
    is False: the panel counts it as "salary unknown" instead of hiding it silently.
    """

    types: frozenset[str] = field(default_factory=frozenset)
    locations: frozenset[str] = field(default_factory=frozenset)
    teams: frozenset[str] = field(default_factory=frozenset)
    remote: RemoteChoice = "any"
    salary_min: float | None = None
    salary_max: float | None = None
    include_unknown_salary: bool = True
    posted_within_days: int | None = None
    sort: SortChoice = "relevance"
    skills: frozenset[str] = field(default_factory=frozenset)  # glossary slugs, all asked for

    @property
    def is_empty(self) -> bool:
        """True when nothing narrows the jobs (the sort order does not count)."""
        return replace(self, sort="relevance") == Criteria()

    def without(self, facet: str) -> Criteria:
        """Return these criteria with one facet cleared ("types", "salary", "posted", …)."""
        if facet == "salary":
            return replace(self, salary_min=None, salary_max=None, include_unknown_salary=True)
        if facet == "posted":
            return replace(self, posted_within_days=None)
        if facet == "remote":
            return replace(self, remote="any")
        if facet in ("type", "types"):
            return replace(self, types=frozenset())
        if facet in ("location", "locations"):
            return replace(self, locations=frozenset())
        if facet in ("team", "teams"):
            return replace(self, teams=frozenset())
        if facet in ("skill", "skills"):
            return replace(self, skills=frozenset())
        raise ValueError(f"no facet named {facet!r}")

    def to_json(self) -> dict[str, Any]:
        """Return a JSON-ready dict (sets as sorted lists)."""
        data = asdict(self)
        for key in ("types", "locations", "teams", "skills"):
            data[key] = sorted(data[key])
        return data

    @classmethod
    def from_json(cls, data: object) -> Criteria:
        """Read criteria written by ``to_json``; unknown or malformed values fall back to defaults."""
        if isinstance(data, str):
            try:
                data = json.loads(data)
            except ValueError:
                return cls()
        if not isinstance(data, dict):
            return cls()
        out = cls()

        def strings(key: str) -> frozenset[str]:
            value = data.get(key, [])
            return frozenset(str(v) for v in value) if isinstance(value, list) else frozenset()

        def number(key: str) -> float | None:
            value = data.get(key)
            return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None

        remote = data.get("remote")
        sort = data.get("sort")
        posted = data.get("posted_within_days")
        return replace(
            out,
            types=strings("types"),
            locations=strings("locations"),
            teams=strings("teams"),
            skills=strings("skills"),
            remote=remote if remote in ("any", "remote", "hybrid", "onsite") else "any",
            salary_min=number("salary_min"),
            salary_max=number("salary_max"),
            include_unknown_salary=data.get("include_unknown_salary", True) is not False,
            posted_within_days=posted if isinstance(posted, int) and posted > 0 else None,
            sort=sort if sort in ("relevance", "date", "salary", "fit") else "relevance",
        )
