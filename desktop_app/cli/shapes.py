"""The ``--json`` shapes of every command: a contract (see docs/CLI.md), built in this one place."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from desktop_app.core.types import Job, Rejected
from desktop_app.service import FavouriteInfo, FilterStatus, ImportReport, Link, SearchResult, TermDetail
from desktop_app.service.skills import JobSkill

# ``search --facets``: the engine's name of each facet, and its JSON key.
FACET_KEYS = {
    "type": "employment_type",
    "location": "location",
    "team": "team",
    "salary": "salary_band",
    "posted": "posted",
    "skill": "skill",
}


def job_json(job: Job) -> dict[str, Any]:
    """Return the job object of the contract (independent of how the database stores jobs)."""
    salary = job.salary
    return {
        "id": job.id,
        "title": job.title,
        "company": job.company,
        "locations": [
            {"city": loc.city, "region": loc.region, "country": loc.country} for loc in job.locations
        ],
        "remote": job.remote,
        "workplace": job.workplace,
        "employment_types": list(job.employment_types),
        "salary": None
        if salary is None
        else {"min": salary.min, "max": salary.max, "currency": salary.currency, "unit": salary.unit},
        "salary_text": job.salary_text,
        "date_posted": job.date_posted.isoformat() if job.date_posted else None,
        "valid_through": job.valid_through.isoformat() if job.valid_through else None,
        "apply_url": job.apply_url,
        "url": job.url,
        "team": job.team,
        "description_text": job.description_text,
    }


def search_json(result: SearchResult, facets: bool = False) -> dict[str, Any]:
    """Return the ``search --json`` object; ``facets`` adds the job counts per facet value."""
    data: dict[str, Any] = {
        "query": result.query,
        "total": result.total,
        "suggestion": result.suggestion,
        "hits": [
            {"kind": h.kind, "id": h.id, "title": h.title, "snippet": h.snippet, "excerpt": h.excerpt}
            for h in result.hits
        ],
    }
    if result.notes:
        data["notes"] = list(result.notes)
    if facets:
        data["facets"] = {key: dict(result.facets.get(name, {})) for name, key in FACET_KEYS.items()}
    return data


def term_json(detail: TermDetail) -> dict[str, Any]:
    """Return the ``show --json`` object of a term."""
    term = detail.term
    return {
        "kind": "term",
        "id": term.slug,
        "title": term.title,
        "aliases": list(term.aliases),
        "category": term.category,
        "summary": term.summary,
        "definition": term.definition,
        "applications": [{"name": a.name, "text": a.text} for a in term.applications],
        "safety": [{"name": s.name, "text": s.text} for s in term.safety],
        "related": [{"id": r.id, "title": r.title, "note": r.note} for r in detail.related],
        "backlinks": [b.id for b in detail.backlinks],
        "jobs": [j.id for j in detail.jobs],
        "recruiters": term.recruiters or None,
        "reviewed": term.reviewed.isoformat() if term.reviewed else None,
        "sources": list(term.sources),
    }


def shown_job_json(job: Job, skills: Sequence[JobSkill] = ()) -> dict[str, Any]:
    """Return the ``show --json`` object of a job: the job object with ``"kind": "job"`` first.

    It ends with the skills the job asks for: ``[{"id", "title", "required"}]``, required first.
    """
    skill_list = [{"id": s.id, "title": s.title, "required": s.required} for s in skills]
    return {"kind": "job", **job_json(job), "skills": skill_list}


def rejected_json(rejected: Sequence[Rejected]) -> list[dict[str, str]]:
    """Return the ``rejected`` list of ``import`` and ``glossary add``."""
    return [{"source": r.source, "reason": r.reason} for r in rejected]


def import_json(report: ImportReport) -> dict[str, Any]:
    """Return the ``import --json`` object."""
    return {
        "accepted": [job_json(j) for j in report.accepted],
        "rejected": rejected_json(report.rejected),
        # A big file's report lists the first 1,000 of each; these count them all.
        "counts": {"accepted": report.taken, "rejected": report.refused, "lacking": report.lacking},
        "note": report.note or None,
        "stored": {"new": report.new, "updated": report.updated, "unchanged": report.unchanged},
        "merged": merged_json(report),
        "removed": list(report.removed),
        "checks": [
            {
                "id": c.job_id,
                "source": c.source,
                "missing_required": list(c.missing_required),
                "missing_recommended": list(c.missing_recommended),
                "expired": c.expired,
            }
            for c in report.checks
            if not c.is_clean
        ],
    }


def merged_json(report: ImportReport) -> list[dict[str, Any]]:
    """Return the ``merged`` list of ``import``: each posting taken as a listing known under another id."""
    names = {m.posting_id: m for m in report.merged_names}
    out: list[dict[str, Any]] = []
    for posting, kept in report.merged:
        named = names.get(posting)
        out.append(
            {
                "id": posting,
                "into": kept,
                "title": named.title if named else None,
                "company": named.company if named else None,
                "source": named.source if named else None,
                "into_title": named.kept_title if named else None,
            }
        )
    return out


def glossary_add_json(added: Sequence[str], rejected: Sequence[Rejected]) -> dict[str, Any]:
    """Return the ``glossary add --json`` object."""
    return {"added": list(added), "rejected": rejected_json(rejected)}


def filters_json(rows: Sequence[FilterStatus]) -> list[dict[str, Any]]:
    """Return the ``filters list --json`` array."""
    return [{"id": f.id, "name": f.name, "query": f.query, "total": f.total, "new": f.new} for f in rows]


def favourites_json(rows: Sequence[FavouriteInfo]) -> list[dict[str, Any]]:
    """Return the ``favourites list --json`` array (the stored snapshot is not part of it)."""
    return [
        {
            "id": f.id,
            "job_id": f.job_id,
            "title": f.title,
            "status": f.status,
            "note": f.note,
            "listed": f.listed,
        }
        for f in rows
    ]


def hide_rules_json(rules: Sequence[tuple[int, str, str]]) -> list[dict[str, Any]]:
    """Return the ``hide list --json`` array."""
    return [{"id": rule_id, "kind": kind, "value": value} for rule_id, kind, value in rules]


def history_json(links: Sequence[Link]) -> list[dict[str, str]]:
    """Return the ``history list --json`` array, newest first."""
    return [
        {"kind": kind, "id": item_id, "title": link.title}
        for link in links
        for kind, _, item_id in [link.id.partition(":")]
    ]
