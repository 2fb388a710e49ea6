"""The Whoosh schema (one purpose per field) and the documents built from terms and jobs."""

from __future__ import annotations

from datetime import datetime, time
from typing import Any

from whoosh.fields import BOOLEAN, DATETIME, NUMERIC, Schema

from desktop_app.core.places import search_words
from desktop_app.core.types import Job, Term
from desktop_app.search.analyzers import (
    SEPARATOR,
    ListedAnalyzer,
    WholeValue,
    exact_analyzer,
    pair_analyzer,
    prefix_analyzer,
    text_analyzer,
    word_analyzer,
)
from desktop_app.search.facets import location_value, salary_band
from desktop_app.search.fields import FastID, FastKeyword, FastTerms, FastText, column_only
from desktop_app.search.query import TYPE_WORDS

# Bump when the schema or an analyzer changes: an index with another version is rebuilt.
SCHEMA_VERSION = 13


def build_schema() -> Schema:
    """Return the index schema.

    Stored: only what a result row needs before the database is asked (kind, id, title).
    """
    text = text_analyzer()
    pairs = pair_analyzer()
    return Schema(
        key=FastID(unique=True, stored=True, analyzer=WholeValue()),  # "term:flask", "job:job-…"
        kind=FastID(stored=True, analyzer=WholeValue()),
        id=FastID(stored=True, sortable=True, analyzer=WholeValue()),  # a column: every id in one read
        title=FastText(analyzer=text, stored=True, field_boost=4.0),
        aliases=FastText(analyzer=text, field_boost=3.0),
        exact=FastText(analyzer=exact_analyzer(), phrase=False),  # whole title and aliases
        prefix=FastText(analyzer=prefix_analyzer(), phrase=False, field_boost=2.0),
        # No positions: a phrase is looked up by its pairs of neighbouring words.
        body=FastText(analyzer=text, phrase=False),
        pairs=FastTerms(pairs),  # pairs of the body's words
        name_pairs=FastTerms(pairs),  # pairs of the title's and each alias's words
        words=FastText(analyzer=word_analyzer(), phrase=False),  # vocabulary for "did you mean"
        category=FastText(analyzer=text),
        company=FastText(analyzer=text, field_boost=1.5),
        location=FastText(analyzer=text),
        team=FastText(analyzer=text),
        employment=FastText(analyzer=text, phrase=False),  # the words people use: "full time", "contract"
        type=FastKeyword(analyzer=ListedAnalyzer(lowercase=True), commas=True),
        remote=BOOLEAN(),
        workplace=FastID(analyzer=WholeValue()),  # "onsite", "hybrid", "remote" or "unknown": remote:hybrid
        # Yearly pay in whole units (Whoosh cannot sort float columns). Ranges are read from
        # the columns, so these have no postings.
        salary_min=column_only(NUMERIC(int, bits=64, sortable=True)),
        salary_max=column_only(NUMERIC(int, bits=64, sortable=True)),
        posted=column_only(DATETIME(sortable=True)),
        # Facets: exact values, counted for the filter panel.
        loc_facet=FastKeyword(analyzer=ListedAnalyzer(), commas=True),
        team_facet=FastKeyword(analyzer=ListedAnalyzer(), commas=True),
        salary_band=FastKeyword(analyzer=ListedAnalyzer(), commas=True),
        dated=FastID(analyzer=WholeValue()),
        # The glossary terms a job asks for (slugs, derived): the Skills facet and ``skill:``;
        # the required ones; and its skills' weight (required 2, nice-to-have 1) for fit.
        skill=FastKeyword(analyzer=ListedAnalyzer(), commas=True),
        skill_required=FastKeyword(analyzer=ListedAnalyzer(), commas=True),
        skill_weight=column_only(NUMERIC(int, bits=64, sortable=True)),
    )


def term_document(term: Term) -> dict[str, Any]:
    """Return the index document of a glossary term."""
    names = [term.title, *term.aliases]
    sections = [f"{a.name}. {a.text}" for a in (*term.applications, *term.safety)]
    body = "\n".join([term.summary, term.definition, *sections])
    return {
        "key": f"term:{term.slug}",
        "kind": "term",
        "id": term.slug,
        "title": term.title,
        "aliases": "\n".join(term.aliases),
        "exact": SEPARATOR.join(names),
        "prefix": " ".join(names),
        "body": body,
        "pairs": body,
        "name_pairs": "\n".join(names),
        "words": " ".join([*names, term.summary]),
        "category": term.category,
    }


def job_document(job: Job) -> dict[str, Any]:
    """Return the index document of a job listing."""
    # Codes and full names alike ("ON Ontario CA Canada"), and places kept as published text.
    places = " ".join(search_words(loc) for loc in job.locations)
    skills = [slug for slug, _ in job.skills]  # lists, not generators: ~19 skills a job
    required = [slug for slug, needed in job.skills if needed]
    doc: dict[str, Any] = {
        "key": f"job:{job.id}",
        "kind": "job",
        "id": job.id,
        "title": job.title,
        "exact": job.title,
        "prefix": " ".join(p for p in (job.title, job.company) if p),
        "body": job.description_text,
        "pairs": job.description_text,
        "name_pairs": job.title,
        "words": " ".join(p for p in (job.title, job.company, job.team, places) if p),
        "company": job.company or "",
        "location": places + (" remote" if job.remote else ""),
        "team": job.team or "",
        "type": ",".join(job.employment_types),
        "employment": " ".join(w for t in job.employment_types for w in TYPE_WORDS.get(t, ())),
        "remote": job.remote,
        "workplace": job.workplace or "unknown",
        "loc_facet": ",".join(location_value(loc.label()) for loc in job.locations if loc.label()),
        "team_facet": (job.team or "").replace(",", " "),
        "dated": "yes" if job.date_posted else "no",
        "skill": ",".join(skills),
        "skill_required": ",".join(required),
        "skill_weight": len(skills) + len(required),  # required 2, nice-to-have 1
    }
    low = high = None
    if job.salary is not None:
        low = job.salary.annual_min if job.salary.annual_min is not None else job.salary.annual_max
        high = job.salary.annual_max if job.salary.annual_max is not None else low
        if low is not None and high is not None:
            doc["salary_min"], doc["salary_max"] = round(low), round(high)
    doc["salary_band"] = salary_band(low, high)
    if job.date_posted is not None:
        doc["posted"] = datetime.combine(job.date_posted, time())
    return doc
