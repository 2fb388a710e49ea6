"""The posting checker: which JobPosting properties a listing lacks, and whether it expired."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from desktop_app.core.types import Job

REQUIRED = ("title", "description", "datePosted", "hiringOrganization", "jobLocation")
RECOMMENDED = ("validThrough", "employmentType", "baseSalary", "identifier")


@dataclass(frozen=True, slots=True)
class PostingCheck:
    """What one posting lacks, by the schema.org JobPosting properties search engines expect."""

    job_id: str
    source: str
    missing_required: tuple[str, ...]
    missing_recommended: tuple[str, ...]
    expired: bool

    @property
    def is_clean(self) -> bool:
        return not (self.missing_required or self.missing_recommended or self.expired)


def check_posting(job: Job, has_identifier: bool, source: str, today: date | None = None) -> PostingCheck:
    """Return the check of one normalised job (``has_identifier``: the posting carried one).

    >>> from desktop_app.core.types import JobId
    >>> check_posting(Job(JobId("job-1"), "Dev"), False, "x.json").missing_required
    ('description', 'datePosted', 'hiringOrganization', 'jobLocation')
    """
    today = today or date.today()
    present = {
        "title": bool(job.title),
        "description": bool(job.description_text.strip()),
        "datePosted": job.date_posted is not None,
        "hiringOrganization": bool(job.company),
        "jobLocation": bool(job.locations) or job.remote,
        "validThrough": job.valid_through is not None,
        "employmentType": bool(job.employment_types),
        # Pay given but unreadable ("Competitive") is present, if not useful.
        "baseSalary": job.salary is not None or job.salary_text is not None,
        "identifier": has_identifier,
    }
    return PostingCheck(
        job_id=job.id,
        source=source,
        missing_required=tuple(p for p in REQUIRED if not present[p]),
        missing_recommended=tuple(p for p in RECOMMENDED if not present[p]),
        expired=job.valid_through is not None and job.valid_through < today,
    )
