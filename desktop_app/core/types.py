"""Frozen domain types shared by every layer: terms, jobs and their parts."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal, NamedTuple, NewType

from desktop_app.core.places_data import COUNTRY_NAMES

TermId = NewType("TermId", str)
JobId = NewType("JobId", str)

Kind = Literal["term", "job"]

EMPLOYMENT_TYPES: tuple[str, ...] = (
    "FULL_TIME",
    "PART_TIME",
    "CONTRACTOR",
    "TEMPORARY",
    "INTERN",
    "VOLUNTEER",
    "PER_DIEM",
    "OTHER",
)
SALARY_UNITS: tuple[str, ...] = ("HOUR", "DAY", "WEEK", "MONTH", "YEAR")
# Where the work is done: at the employer's site, partly there, or fully remote.
Workplace = Literal["onsite", "hybrid", "remote"]
WORKPLACES: tuple[Workplace, ...] = ("onsite", "hybrid", "remote")


@dataclass(frozen=True, slots=True)
class NamedText:
    """A named paragraph: one Common Application or one Safety Consideration."""

    name: str
    text: str
    quote: bool = False  # the name or text is quoted verbatim from ``source``
    source: str = ""


@dataclass(frozen=True, slots=True)
class RelatedRef:
    """A link from one term to another, with a note saying how they relate."""

    slug: TermId
    note: str


@dataclass(frozen=True, slots=True)
class Term:
    """A glossary entry, as written in its TOML file."""

    slug: TermId
    title: str
    aliases: tuple[str, ...]
    category: str
    summary: str
    definition: str
    applications: tuple[NamedText, ...]
    safety: tuple[NamedText, ...]
    related: tuple[RelatedRef, ...]
    origin: Literal["shipped", "user"] = "shipped"
    reviewed: date | None = None  # when the facts were last checked against ``sources``
    sources: tuple[str, ...] = ()
    recruiters: str = ""  # one line: what the term signals in a job ad or on a CV
    # Names from the title or aliases that are everyday words or other things'
    # abbreviations: the term linker links them only with supporting context.
    ambiguous: tuple[str, ...] = ()
    replaces: tuple[TermId, ...] = ()  # slugs of entries merged into this one


class TermNames(NamedTuple):
    """What finding an entry's mentions reads of it (a ``Term`` has these too), read without the rest."""

    slug: TermId
    title: str
    aliases: tuple[str, ...]
    category: str
    ambiguous: tuple[str, ...]
    related: tuple[RelatedRef, ...]


@dataclass(frozen=True, slots=True)
class Location:
    """One place a job is based: any part may be unknown.

    ``country`` is an ISO 3166 code ("CA"); ``region`` a code where the country has a table of
    them ("ON"), else the name as written. ``text`` holds a place as published when it could not
    be read into parts unambiguously ("Springfield, Greater Metro"): shown and searched as is.
    """

    city: str | None = None
    region: str | None = None
    country: str | None = None
    text: str | None = None

    def label(self) -> str:
        """Return "City, Region, Country name" with the unknown parts left out, or the text."""
        country = COUNTRY_NAMES.get(self.country, self.country) if self.country else None
        parts = [p for p in (self.city, self.region, country) if p]
        return ", ".join(parts) if parts else self.text or ""

    def key(self) -> str:
        """Return "City, Region, CC" with codes as stored: what stable ids are made from."""
        return ", ".join(p for p in (self.city, self.region, self.country) if p) or self.text or ""


@dataclass(frozen=True, slots=True)
class Salary:
    """A pay range as posted, plus its yearly equivalent for comparing."""

    min: float | None
    max: float | None
    currency: str | None
    unit: str | None
    annual_min: float | None = None
    annual_max: float | None = None

    def label(self) -> str:
        """Return the range as a reader expects it: "$75,000–$95,000 / year"."""
        symbol = {"USD": "$", "EUR": "€", "GBP": "£"}.get(self.currency or "", "")
        code = "" if symbol or not self.currency else f" {self.currency}"

        def fmt(value: float) -> str:
            text = f"{value:,.2f}" if value != int(value) else f"{int(value):,}"
            return f"{symbol}{text}"

        if self.min is not None and self.max is not None and self.min != self.max:
            amount = f"{fmt(self.min)}–{fmt(self.max)}"
        elif self.min is not None and self.max is None:
            amount = f"from {fmt(self.min)}"  # "over 8 million", "from $90,000"
        elif self.max is not None and self.min is None:
            amount = f"up to {fmt(self.max)}"
        else:
            value = self.min if self.min is not None else self.max
            amount = fmt(value) if value is not None else "?"
        unit = f" / {self.unit.lower()}" if self.unit else ""
        return f"{amount}{code}{unit}"


@dataclass(frozen=True, slots=True)
class Job:
    """A normalised job listing."""

    id: JobId
    title: str
    company: str | None = None
    locations: tuple[Location, ...] = ()
    remote: bool = False
    employment_types: tuple[str, ...] = ()
    salary: Salary | None = None
    team: str | None = None
    date_posted: date | None = None
    valid_through: date | None = None
    description_html: str = ""
    description_text: str = ""
    apply_url: str | None = None
    source: str = ""
    direct_apply: bool | None = None  # the posting says one can apply on it directly
    # "remote" also sets ``remote``; "hybrid" is its own value (``remote`` stays False).
    workplace: Workplace | None = None
    identifier: str | None = None  # the posting's own id at its source (Lever's id, a JobPosting's)
    url: str | None = None  # the listing's page; ``apply_url`` is where to apply (Lever: hostedUrl, applyUrl)
    # Pay as posted when it could not be read as numbers ("Competitive", "DOE"): shown, never
    # guessed at; the job counts as "salary unknown".
    salary_text: str | None = None
    # Derived, not posted: the glossary terms the job asks for, (slug, required), as the store
    # last derived them (filled when read from the store; empty on a freshly parsed posting).
    skills: tuple[tuple[str, bool], ...] = ()
    # The posting's own list of skills (schema.org ``skills``), as written: mapped to glossary
    # terms when the skills are derived.
    stated_skills: tuple[str, ...] = ()

    def location_label(self) -> str:
        """Return the locations joined for one line, with "Remote" or "Hybrid" when it applies."""
        parts = [loc.label() for loc in self.locations if loc.label()]
        said = "Remote" if self.remote else "Hybrid" if self.workplace == "hybrid" else None
        if said and not any(said.lower() in p.lower() for p in parts):
            parts.append(said)
        return "; ".join(parts)


@dataclass(frozen=True, slots=True)
class MergedPosting:
    """A posting an import recognised as a listing already known: what was merged into what."""

    posting_id: JobId
    kept_id: JobId
    title: str
    company: str | None
    kept_title: str
    source: str


@dataclass(frozen=True, slots=True)
class Rejected:
    """A record an import could not take, and why."""

    source: str
    reason: str


@dataclass(frozen=True, slots=True)
class ParseResult:
    """What an importer read from one file: the jobs it took and what it rejected.

    ``identified`` holds the ids of the jobs whose posting carried its own identifier.
    """

    jobs: tuple[Job, ...] = ()
    rejected: tuple[Rejected, ...] = field(default_factory=tuple)
    identified: frozenset[JobId] = frozenset()
