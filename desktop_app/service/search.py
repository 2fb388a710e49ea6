"""The search part: queries with snippets and excerpts, what an empty query shows, hidden jobs."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Collection
from datetime import date

from desktop_app.core.collector import pausing_collector
from desktop_app.core.criteria import Criteria
from desktop_app.core.highlight import excerpt, highlight_spans
from desktop_app.core.types import Job, JobId, TermId
from desktop_app.search.protocol import HideRules
from desktop_app.service.dto import Hit, Scope, SearchResult, job_line
from desktop_app.service.indexing import IndexGateway
from desktop_app.service.profile import Profile
from desktop_app.storage.job_state import closed_among

RECENT_IN_BROWSE = 10


class HiddenRules:
    """The reader's hide rules as searches apply them: read once, forgotten when they change.

    ``show_hidden`` lets every job through (the window's "Show hidden" switch).
    """

    def __init__(self, profile: Profile) -> None:
        self._profile = profile
        self._rules: HideRules | None = None
        self.show_hidden = False

    def active(self) -> HideRules:
        """Return the rules searches apply now (none while hidden jobs are shown)."""
        if self.show_hidden:
            return ()
        if self._rules is None:
            self._rules = tuple((kind, value) for _id, kind, value in self._profile.store.user.hide_rules())
        return self._rules

    def changed(self) -> None:
        """Forget the rules read: a rule was added or removed."""
        self._rules = None


ROWS_KEPT = 1_000  # jobs of recent results kept in memory


class SearchPart:
    """Answers the search box: ranked hits with snippets, facets, and the empty query's browse list."""

    def __init__(self, profile: Profile, indexing: IndexGateway, hidden: HiddenRules) -> None:
        self._profile = profile
        self._indexing = indexing
        self.hidden = hidden
        self._titles: tuple[str, dict[str, str]] = ("", {})
        # The jobs of recent results, kept while the data generation stands: typing a word
        # ("pyt", "pyth", "python") shows many of the same jobs again.
        self._rows: OrderedDict[JobId, Job] = OrderedDict()
        self._rows_at = -1
        self._rows_lock = threading.Lock()

    def _labels(self, facets: dict[str, dict[str, int]]) -> dict[str, dict[str, str]]:
        """Return the titles of the skills a facet count names (read again when the terms are replaced)."""
        if not facets.get("skill"):
            return {}
        store = self._profile.store
        version = store.terms_version()
        if self._titles[0] != version:
            self._titles = (version, {str(slug): title for slug, title, _ in store.term_briefs()})
        titles = self._titles[1]
        return {"skill": {slug: titles.get(slug, slug) for slug in facets["skill"]}}

    @pausing_collector
    def prepare(self) -> None:
        """Read ahead what the first keystrokes would wait for (the words of "did you mean").

        The window asks once the board shows, on its read queue: a first misspelt word then
        answers as fast as the next one.
        """
        self._indexing.prepare()

    @pausing_collector  # a keystroke's search at 100,000 jobs must not stall the window
    def query(
        self,
        text: str,
        kind: Scope = "all",
        limit: int = 50,
        criteria: Criteria | None = None,
        with_facets: bool = False,
    ) -> SearchResult:
        """Return the best matches of ``text`` with a snippet each; never raises on odd queries.

        ``criteria`` narrow jobs (see Criteria); ``with_facets`` adds per-kind counts and the
        facet counts of the filter panel. Raises ServiceError when the index cannot be opened.
        """
        criteria = criteria or Criteria()
        raw = self._indexing.search(text, kind, limit, criteria, with_facets, self.hidden.active())
        store = self._profile.store
        term_ids = [h.id for h in raw.hits if h.kind == "term"]
        job_ids = [h.id for h in raw.hits if h.kind == "job"]
        terms = store.term_texts(term_ids) if term_ids else {}
        jobs = self._jobs(job_ids) if job_ids else {}
        ended = self._ended(jobs.values())
        hits: list[Hit] = []
        for h in raw.hits:
            summary, definition = terms.get(TermId(h.id), ("", "")) if h.kind == "term" else ("", "")
            job = jobs.get(JobId(h.id)) if h.kind == "job" else None
            snippet = summary if h.kind == "term" else job_line(job)
            shown = ""
            if not highlight_spans(f"{h.title}\n{snippet}", raw.words, raw.typing):
                # The words are in the text only: show where.
                body = definition if h.kind == "term" else job.description_text if job else ""
                shown = excerpt(body, raw.words, last_is_prefix=raw.typing)
            hits.append(Hit(h.kind, h.id, h.title, snippet, h.score, shown, ended.get(h.id, "")))
        return SearchResult(
            text, raw.total, raw.suggestion, tuple(hits), raw.notes, raw.words, raw.kind_counts,
            raw.facets, raw.excluded, criteria, self._labels(raw.facets),
        )  # fmt: skip

    @pausing_collector
    def browse(self, kind: Scope = "all", limit: int = 500) -> SearchResult:
        """Return what an empty query shows: recently viewed items, the newest jobs, every term A–Z.

        In the Jobs scope the jobs are simply the newest first, recently viewed or not.
        """
        store = self._profile.store
        hits: list[Hit] = []
        recent = store.recent(RECENT_IN_BROWSE) if kind != "job" else []
        newest = store.newest_jobs(limit) if kind in ("all", "job") else []
        viewed_jobs = store.jobs(i for k, i, _t in recent if k == "job")
        ended = self._ended([*newest, *viewed_jobs.values()])
        for item_kind, item_id, title in recent:
            if kind in ("all", item_kind) and item_kind in ("term", "job"):
                hits.append(
                    Hit("term" if item_kind == "term" else "job", item_id, title, "Viewed recently", 0.0,
                        ended=ended.get(item_id, "") if item_kind == "job" else "")
                )  # fmt: skip
        seen = {(h.kind, h.id) for h in hits}
        hits += [
            Hit("job", j.id, j.title, job_line(j), 0.0, ended=ended.get(j.id, ""))
            for j in newest
            if ("job", j.id) not in seen
        ]
        if kind in ("all", "term"):
            hits += [
                Hit("term", slug, title, summary, 0.0)
                for slug, title, summary in store.term_briefs()
                if ("term", slug) not in seen
            ]
        # The filter panel and the scope switch show what the whole library holds.
        every = self._indexing.search(
            "", kind="job", limit=1, criteria=Criteria(sort="date"), with_facets=True
        )
        return SearchResult(
            "", len(hits), None, tuple(hits[:limit]), kind_counts=every.kind_counts, facets=every.facets,
            excluded=every.excluded, labels=self._labels(every.facets),
        )  # fmt: skip

    def _jobs(self, ids: list[str]) -> dict[JobId, Job]:
        """Return the jobs of ``ids`` that are stored: those of recent results kept, the rest read."""
        store = self._profile.store
        generation = store.generation()
        with self._rows_lock:
            if generation != self._rows_at:
                self._rows.clear()
                self._rows_at = generation
            found = {JobId(i): self._rows[JobId(i)] for i in ids if i in self._rows}
        missing = [i for i in ids if i not in found]
        if not missing:
            return found
        read = store.jobs(missing, skills=False)  # a row of results shows none
        found.update(read)
        with self._rows_lock:
            if generation == self._rows_at:  # not if the data moved on meanwhile
                self._rows.update(read)
                while len(self._rows) > ROWS_KEPT:
                    self._rows.popitem(last=False)
        return found

    def _ended(self, jobs: Collection[Job]) -> dict[str, str]:
        """Return which of ``jobs`` have ended: "closed" (gone from their boards) or "expired"."""
        today = date.today()
        ended: dict[str, str] = {
            j.id: "expired" for j in jobs if j.valid_through is not None and j.valid_through < today
        }
        ended.update(
            (job_id, "closed") for job_id in closed_among(self._profile.store.session, [j.id for j in jobs])
        )
        return ended

    @pausing_collector
    def job_ids(self, text: str, criteria: Criteria) -> list[str]:
        """Return the ids of every job ``text`` and ``criteria`` match (hidden jobs left out)."""
        return self._indexing.job_ids(text, criteria, self.hidden.active())

    def hides_jobs(self) -> bool:
        """True when hide rules are in force (searches leave some jobs out)."""
        return bool(self.hidden.active())
