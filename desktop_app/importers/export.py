"""Writing jobs back out: schema.org JobPosting JSON-LD, and CSV safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from desktop_app.core.files import write_atomic
from desktop_app.core.types import Job

CSV_COLUMNS = (
    "id", "title", "company", "location", "remote", "workplace", "employment_type", "salary_min",
    "salary_max", "salary_currency", "salary_unit", "team", "date_posted", "valid_through",
    "url", "description",
)  # fmt: skip
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def job_to_posting(job: Job) -> dict[str, Any]:
    """Return a schema.org JobPosting for a job; importing it gives the same job back.

    Carries every required and recommended property the job has (title, description,
    datePosted, hiringOrganization, jobLocation or remote with applicantLocationRequirements;
    validThrough, employmentType, baseSalary, identifier); it never invents a missing one.
    """
    posting: dict[str, Any] = {"@type": "JobPosting", "title": job.title, "identifier": job.id}
    if job.company or job.team:
        org: dict[str, Any] = {"@type": "Organization", "name": job.company or ""}
        if job.team:
            org["department"] = {"@type": "Organization", "name": job.team}
        posting["hiringOrganization"] = org
    if job.locations:
        posting["jobLocation"] = [
            {"@type": "Place", "name": loc.text}
            if loc.text and not (loc.city or loc.region or loc.country)
            else {
                "@type": "Place",
                "address": {
                    "@type": "PostalAddress",
                    **{
                        k: v
                        for k, v in (
                            ("addressLocality", loc.city),
                            ("addressRegion", loc.region),
                            ("addressCountry", loc.country),
                        )
                        if v
                    },
                },
            }
            for loc in job.locations
        ]
    if job.workplace == "hybrid":
        # schema.org's jobLocationType is free text; only TELECOMMUTE is a standard value.
        posting["jobLocationType"] = "HYBRID"
    if job.remote:
        posting["jobLocationType"] = "TELECOMMUTE"
        countries = sorted({loc.country for loc in job.locations if loc.country})
        if countries:
            # Search engines ask remote postings to say where applicants may live.
            posting["applicantLocationRequirements"] = [{"@type": "Country", "name": c} for c in countries]
    if job.employment_types:
        posting["employmentType"] = list(job.employment_types)
    if job.salary is not None:
        value: dict[str, Any] = {"@type": "QuantitativeValue"}
        if job.salary.min is not None:
            value["minValue"] = job.salary.min
        if job.salary.max is not None:
            value["maxValue"] = job.salary.max
        if job.salary.unit:
            value["unitText"] = job.salary.unit
        posting["baseSalary"] = {"@type": "MonetaryAmount", "value": value}
        if job.salary.currency:
            posting["baseSalary"]["currency"] = job.salary.currency
    if job.date_posted:
        posting["datePosted"] = job.date_posted.isoformat()
    if job.valid_through:
        posting["validThrough"] = job.valid_through.isoformat()
    if job.description_html:
        posting["description"] = job.description_html
    if job.url or job.apply_url:
        posting["url"] = job.url or job.apply_url  # the listing's page
    if job.apply_url and job.url and job.apply_url != job.url:
        posting["potentialAction"] = {"@type": "ApplyAction", "target": job.apply_url}
    if job.direct_apply is not None:
        posting["directApply"] = job.direct_apply
    return posting


def write_jsonld(jobs: Iterable[Job], path: Path) -> int:
    """Write jobs as one JSON-LD document with an ``@graph``; return how many were written."""
    graph = [job_to_posting(job) for job in jobs]
    document = {"@context": "https://schema.org", "@graph": graph}
    write_atomic(path, json.dumps(document, ensure_ascii=False, indent=2) + "\n")
    return len(graph)


def neutralise(cell: str) -> str:
    """Return a cell a spreadsheet will not run as a formula.

    >>> neutralise("=HYPERLINK(1)")
    "'=HYPERLINK(1)"
    """
    return "'" + cell if cell.startswith(_FORMULA_START) else cell


def write_csv(jobs: Iterable[Job], path: Path) -> int:
    """Write jobs as CSV with a header row; return how many were written."""
    tmp = path.with_name(path.name + ".part")
    count = 0
    with tmp.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(CSV_COLUMNS)
        for job in jobs:
            salary = job.salary
            row = [
                job.id, job.title, job.company or "", job.location_label(),
                "yes" if job.remote else "no", job.workplace or "", ";".join(job.employment_types),
                _num(salary.min if salary else None), _num(salary.max if salary else None),
                salary.currency or "" if salary else "", salary.unit or "" if salary else "",
                job.team or "", job.date_posted.isoformat() if job.date_posted else "",
                job.valid_through.isoformat() if job.valid_through else "",
                job.apply_url or "", job.description_text,
            ]  # fmt: skip
            writer.writerow([neutralise(str(cell)) for cell in row])
            count += 1
    tmp.replace(path)
    return count


def _num(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if value == int(value) else str(value)
