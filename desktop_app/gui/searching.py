"""A search as the window runs and describes it: job filters act on jobs only; counts say what shows."""

from __future__ import annotations

from dataclasses import replace
from html import escape
from typing import Protocol

from PySide6.QtCore import QCoreApplication

from desktop_app.core.criteria import Criteria
from desktop_app.service import Scope, SearchResult

CLEAR_FILTERS_LINK = "action:clear-filters"
SUGGESTION_SCHEME = "suggest:"


class Searcher(Protocol):
    """The search part of the service, as the window uses it."""

    def query(
        self, text: str, kind: Scope = ..., limit: int = ..., criteria: Criteria | None = ...,
        with_facets: bool = ...,
    ) -> SearchResult: ...  # fmt: skip

    def browse(self, kind: Scope = ..., limit: int = ...) -> SearchResult: ...


def _tr(text: str, n: int = -1) -> str:
    return QCoreApplication.translate("Search", text, "", n)


def run_search(search: Searcher, text: str, scope: Scope, limit: int, criteria: Criteria) -> SearchResult:
    """Return the answer to ``text`` in ``scope``; job filters never hide a glossary term.

    Runs on the read thread. The engine leaves terms out once any job filter is set, so terms
    are asked for on their own and merged (by score, or after the jobs when jobs are sorted).
    """
    if not text.strip() and criteria.is_empty and criteria.sort == "relevance":
        return search.browse(scope)
    if scope == "term":
        return replace(search.query(text, "term", limit, Criteria(), True), criteria=criteria)
    jobs = search.query(text, scope, limit, criteria, True)
    if scope == "job" or criteria.is_empty or not text.strip():
        return jobs
    terms = search.query(text, "term", limit, Criteria(), False)
    if criteria.sort == "relevance":
        hits = tuple(sorted(jobs.hits + terms.hits, key=lambda h: -h.score))[:limit]
    else:
        hits = (jobs.hits + terms.hits)[:limit]
    return replace(
        jobs, total=jobs.total + terms.total, hits=hits, suggestion=jobs.suggestion or terms.suggestion
    )


def filtered_jobs(result: SearchResult, scope: Scope) -> int:
    """Return how many jobs the search and the filters leave (the Jobs tab's count)."""
    if result.criteria.is_empty or scope == "term":
        return result.kind_counts.get("job", 0)
    if scope == "job" or not result.query.strip():
        return result.total
    return result.total - result.kind_counts.get("term", 0)  # All: the terms were merged in


def scope_labels(result: SearchResult, scope: Scope) -> tuple[str, str, str]:
    """Return the texts of the All / Terms / Jobs tabs, with counts in step with the filters."""
    if not result.kind_counts:
        return _tr("All"), _tr("Terms"), _tr("Jobs")
    terms, jobs = result.kind_counts.get("term", 0), filtered_jobs(result, scope)
    return (_tr("All (%Ln)", terms + jobs), _tr("Terms (%Ln)", terms), _tr("Jobs (%Ln)", jobs))


def status_line(result: SearchResult, shown: int, hides_jobs: bool) -> str:
    """Return the status bar's line for a search: what is shown of what matched, and why not more."""
    if result.total > shown:
        parts = [_tr("showing the first %Ln", shown) + " " + _tr("of %Ln result(s)", result.total)]
    else:
        parts = [_tr("%Ln result(s)", result.total)]
    if result.suggestion:
        parts.append(_tr("did you mean “{0}”?").format(result.suggestion))
    parts.extend(result.notes)
    hidden = sum(result.excluded.values()) if not result.criteria.is_empty else 0
    if hidden:
        parts.append(_tr("filters hide %Ln job(s)", hidden))
    if hides_jobs:
        parts.append(_tr("hidden jobs left out (View → Show Hidden Jobs)"))
    text = " · ".join(parts)
    return text[:1].upper() + text[1:]


def empty_state(result: SearchResult, scope: Scope, hides_jobs: bool) -> str:
    """Return the rich text an empty results list shows: why it is empty, and what to do."""
    lines: list[str] = []
    query = escape(result.query.strip())
    hidden = sum(result.excluded.values()) if scope != "term" and not result.criteria.is_empty else 0
    # When filters hid jobs the words did match: the filters are the reason, said below.
    if not hidden and result.suggestion:
        suggestion = escape(result.suggestion)
        lines.append(
            _tr("No match for “{0}” — did you mean <a href='{1}'>{2}</a>?").format(
                query, SUGGESTION_SCHEME + suggestion, suggestion
            )
        )
    elif not hidden and query:
        lines.append(_tr("No match for “{0}”.").format(query))
    if hidden:
        lines.append(
            _tr("%Ln job(s) hidden by filters", hidden) + f" — <a href='{CLEAR_FILTERS_LINK}'>"
            + _tr("Clear filters") + "</a>"
        )  # fmt: skip
    elif not result.criteria.is_empty and scope == "job":
        lines.append(
            _tr("No job matches these filters.") + f" <a href='{CLEAR_FILTERS_LINK}'>"
            + _tr("Clear filters") + "</a>"
        )  # fmt: skip
    if hides_jobs and scope != "term":
        lines.append(_tr("Some jobs are hidden by your hide rules (View → Show Hidden Jobs)."))
    if not lines:
        lines.append(_tr("Nothing to show yet: type in the search box, or import jobs (File → Import Jobs)."))
    return "<p>" + "</p><p>".join(lines) + "</p>"
