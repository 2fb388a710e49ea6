"""The frozen values the service returns to the window and the command line."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from desktop_app.core.checks import PostingCheck
from desktop_app.core.criteria import Criteria
from desktop_app.core.types import Job, JobId, Kind, MergedPosting, Rejected, Term
from desktop_app.search.protocol import KindFilter
from desktop_app.storage.userdata import HIDE_KINDS as HIDE_KINDS
from desktop_app.storage.userdata import STATUSES as STATUSES
from desktop_app.storage.userdata import FavouriteInfo as FavouriteInfo

Scope = KindFilter  # what a search covers: "all", "term" or "job"


@dataclass(frozen=True, slots=True)
class Hit:
    """One search result row: what it is, its title, a one-line snippet."""

    kind: Kind
    id: str
    title: str
    snippet: str
    score: float
    excerpt: str = ""  # the text around the first matched words, when the text matched
    ended: str = ""  # a job past its valid-through date: "expired"; dropped by its boards: "closed"


@dataclass(frozen=True)
class SearchResult:
    """The answer to a query."""

    query: str
    total: int
    suggestion: str | None
    hits: tuple[Hit, ...]
    notes: tuple[str, ...] = ()
    words: tuple[str, ...] = ()
    kind_counts: dict[str, int] = field(default_factory=dict)
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
    excluded: dict[str, int] = field(default_factory=dict)
    criteria: Criteria = field(default_factory=Criteria)
    # How the panel names a facet's values when they are ids: {"skill": {slug: title}}.
    labels: dict[str, dict[str, str]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Link:
    """A link to a term or job, with an optional note (for related terms)."""

    id: str
    title: str
    note: str = ""


@dataclass(frozen=True, slots=True)
class TermDetail:
    """A term with what surrounds it: related terms, backlinks, jobs asking for it."""

    term: Term
    related: tuple[Link, ...]
    backlinks: tuple[Link, ...]
    jobs: tuple[Link, ...]


@dataclass(frozen=True, slots=True)
class SavedFilter:
    """A named query plus job criteria."""

    id: int
    name: str
    query: str
    criteria: Criteria


@dataclass(frozen=True, slots=True)
class FilterStatus:
    """A saved filter with its counts: jobs matching now, and new since last opened."""

    id: int
    name: str
    query: str
    total: int
    new: int


@dataclass(frozen=True, slots=True)
class ImportReport:
    """What an import took, rejected, and changed in storage."""

    accepted: tuple[Job, ...]
    rejected: tuple[Rejected, ...]
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    checks: tuple[PostingCheck, ...] = ()
    merged: tuple[tuple[JobId, JobId], ...] = ()
    removed: tuple[JobId, ...] = ()
    # The merges with names (what was merged into what), in the order of ``merged``.
    merged_names: tuple[MergedPosting, ...] = ()
    # A big import keeps the first thousand jobs, rejections, notes and merges above and
    # counts them all here (0: count the tuples), so a report's size does not grow with the file.
    accepted_count: int = 0
    rejected_count: int = 0
    lacking: int = 0  # postings lacking required properties, or expired
    # How a cancelled import ended and what it kept ("" when it ran to the end).
    note: str = ""

    @property
    def taken(self) -> int:
        """Return how many postings were accepted in all."""
        return max(self.accepted_count, len(self.accepted))

    @property
    def refused(self) -> int:
        """Return how many records were rejected in all."""
        return max(self.rejected_count, len(self.rejected))


@dataclass(frozen=True, slots=True)
class ReadProgress:
    """How far an import has read: bytes of all its files, and postings taken or rejected so far."""

    bytes_read: int
    total_bytes: int
    postings: int
    file: str


@dataclass(frozen=True)
class StartupReport:
    """What opening the profile did."""

    glossary_loaded: bool
    samples_loaded: bool
    migration_backup: Path | None
    glossary_problems: tuple[str, ...] = field(default=())
    backup_problem: str | None = None  # why today's backup was not made (a full disk), if it was not


def job_line(job: Job | None) -> str:
    """Return the one-line summary of a job: company · location · salary · type."""
    if job is None:
        return ""
    parts = [job.company or "", job.location_label(), job.salary.label() if job.salary else ""]
    parts.append(", ".join(t.replace("_", " ").title() for t in job.employment_types))
    return " · ".join(p for p in parts if p)
