"""Running queries on the index: building Whoosh queries, typo correction, filters, ranking."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Literal

from whoosh import query as wq
from whoosh import sorting
from whoosh.index import Index
from whoosh.reading import IndexReader
from whoosh.searching import Searcher

from desktop_app.core.criteria import Criteria
from desktop_app.search import facets
from desktop_app.search.analyzers import PREFIX_MAX, fold, text_analyzer, word_analyzer
from desktop_app.search.query import Clause, DateWindow, Filter, NumberRange, ParsedQuery, parse

KindFilter = Literal["all", "term", "job"]
WORD_FIELDS = ("title", "aliases", "body", "company", "location", "team")
EXACT_BOOST = 40.0
MIN_BODY_PREFIX = 3


@dataclass(frozen=True, slots=True)
class RawHit:
    """One match as the index knows it."""

    kind: Literal["term", "job"]
    id: str
    title: str
    score: float


@dataclass(frozen=True)
class EngineResult:
    """A page of matches, the total, a "did you mean" and notes on what was ignored.

    With facets asked for: ``kind_counts`` (terms and jobs matching the text, before the job
    filters), ``facets`` (jobs per facet value) and ``excluded`` (jobs each facet removes).
    """

    total: int
    hits: tuple[RawHit, ...]
    suggestion: str | None
    notes: tuple[str, ...]
    words: tuple[str, ...]
    kind_counts: dict[str, int] = field(default_factory=dict)
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
    excluded: dict[str, int] = field(default_factory=dict)


class SearchEngine:
    """Answers queries on one index; keeps a searcher open and refreshes it after writes."""

    def __init__(self, ix: Index) -> None:
        self._ix = ix
        self._searcher: Searcher | None = None
        self._lock = threading.Lock()
        self._text = text_analyzer()
        self._words = word_analyzer()

    def close(self) -> None:
        """Close the searcher and the index."""
        with self._lock:
            if self._searcher is not None:
                self._searcher.close()
                self._searcher = None
            self._ix.close()

    def _current(self) -> Searcher:
        if self._searcher is None:
            self._searcher = self._ix.searcher()
        else:
            self._searcher = self._searcher.refresh()
        return self._searcher

    def search(
        self,
        text: str,
        kind: KindFilter = "all",
        limit: int = 50,
        today: date | None = None,
        criteria: Criteria | None = None,
        with_facets: bool = False,
        hidden: tuple[tuple[str, str], ...] = (),
    ) -> EngineResult:
        """Return the best ``limit`` matches of ``text``; never raises on a malformed query.

        ``criteria`` narrow the jobs (and, when any is set, leave terms out); ``with_facets``
        adds the counts the filter panel and the scope switch show.
        """
        today = today or date.today()
        criteria = criteria or Criteria()
        parsed = parse(text, today)
        with self._lock:
            searcher = self._current()
            built = self._build(parsed, searcher.reader())
            if built is None and criteria.is_empty and criteria.sort == "relevance":
                return EngineResult(0, (), None, parsed.notes, ())
            text_query, suggestion, words = built or (wq.Every(), None, ())
            if hidden:
                text_query = wq.AndNot(text_query, wq.Or([self._hidden_query(k, v) for k, v in hidden]))
            narrowing = not criteria.is_empty
            if narrowing or kind == "job":
                base: wq.Query = wq.And([text_query, wq.Term("kind", "job")])
            elif kind == "term":
                base = wq.And([text_query, wq.Term("kind", "term")])
            else:
                base = text_query
            filters = list(facets.criteria_queries(criteria, today).values())
            query = wq.And([base, *filters]) if filters else base
            sortedby = None
            if criteria.sort == "date":
                sortedby = sorting.FieldFacet("posted", reverse=True)
            elif criteria.sort == "salary":
                sortedby = sorting.FieldFacet("salary_max", reverse=True)
            results = searcher.search(query, limit=max(1, limit), sortedby=sortedby)
            hits = tuple(
                RawHit(hit["kind"], hit["id"], hit["title"], float(hit.score or 0.0)) for hit in results
            )
            if not with_facets:
                return EngineResult(len(results), hits, suggestion, parsed.notes, words)
            kinds = searcher.search(
                text_query, limit=1, groupedby={"kind": sorting.FieldFacet("kind", maptype=sorting.Count)}
            ).groups("kind")
            kind_counts = {"term": int(kinds.get("term", 0)), "job": int(kinds.get("job", 0))}
            job_base = wq.And([text_query, wq.Term("kind", "job")])
            facet_counts, excluded, _ = facets.counts(searcher, job_base, criteria, today)
            return EngineResult(
                len(results), hits, suggestion, parsed.notes, words, kind_counts, facet_counts, excluded
            )

    # -- building -------------------------------------------------------------------------
    def _build(
        self, parsed: ParsedQuery, reader: IndexReader
    ) -> tuple[wq.Query, str | None, tuple[str, ...]] | None:
        required: list[wq.Query] = []
        excluded: list[wq.Query] = []
        corrections: dict[str, str] = {}
        words: list[str] = []
        last = len(parsed.clauses) - 1
        for position, clause in enumerate(parsed.clauses):
            is_prefix = parsed.prefix and position == last
            made = self._clause(clause, reader, is_prefix, corrections)
            if made is None:
                continue
            if not clause.negated:
                words.extend(t.text for t in self._words(clause.text))
            if clause.negated:
                excluded.append(made)
            elif clause.or_previous and required:
                required[-1] = wq.Or([required[-1], made])
            else:
                required.append(made)
        for item in parsed.filters:
            made = self._filter(item)
            if made is None:
                continue
            (excluded if item.negated else required).append(made)
        if not required:
            if not excluded:
                return None
            required.append(wq.Every())
        query: wq.Query = required[0] if len(required) == 1 else wq.And(required)
        free_text = " ".join(c.text for c in parsed.clauses if not c.negated and not c.phrase)
        if free_text:
            query = wq.AndMaybe(query, wq.Term("exact", fold(free_text), boost=EXACT_BOOST))
        if excluded:
            query = wq.AndNot(query, wq.Or(excluded))
        for correction in corrections.values():
            words.extend(t.text for t in self._words(correction))
        suggestion = None
        if corrections:
            suggestion = " ".join(corrections.get(c.text, c.text) for c in parsed.clauses if not c.negated)
        return query, suggestion, tuple(dict.fromkeys(words))

    def _clause(
        self, clause: Clause, reader: IndexReader, is_prefix: bool, corrections: dict[str, str]
    ) -> wq.Query | None:
        tokens = [t.text for t in self._text(clause.text)]
        if not tokens:
            return None
        if clause.phrase:
            return wq.Or([wq.Phrase(f, tokens) for f in ("title", "body")])
        query = self._words_query(tokens)
        folded = [t.text for t in self._words(clause.text)]
        if is_prefix and folded:
            tail = folded[-1]
            extra: list[wq.Query] = []
            if len(tail) <= PREFIX_MAX:
                extra.append(wq.Term("prefix", tail))
            if len(tail) >= MIN_BODY_PREFIX:
                extra.append(wq.Prefix("body", tail))
            query = wq.Or([query, *extra])
        if clause.negated or self._known(reader, tokens, folded, is_prefix):
            return query
        correction = self._correct(reader, folded)
        if correction is None:
            return query
        corrections[clause.text] = correction
        fixed = [t.text for t in self._text(correction)]
        return wq.Or([query, self._words_query(fixed)]) if fixed else query

    def _hidden_query(self, kind: str, value: str) -> wq.Query:
        """Return what a hide rule removes: one job, a company's jobs, or jobs whose title has the words."""
        if kind == "job":
            return wq.Term("id", value)
        tokens = [t.text for t in self._text(value)]
        field = "company" if kind == "company" else "title"
        if not tokens:
            return wq.NullQuery
        inner: wq.Query = wq.Term(field, tokens[0]) if len(tokens) == 1 else wq.Phrase(field, tokens)
        return wq.And([wq.Term("kind", "job"), inner])

    @staticmethod
    def _words_query(tokens: list[str]) -> wq.Query:
        parts = [wq.Or([wq.Term(f, tok) for f in WORD_FIELDS]) for tok in tokens]
        return parts[0] if len(parts) == 1 else wq.And(parts)

    @staticmethod
    def _known(reader: IndexReader, tokens: list[str], folded: list[str], is_prefix: bool) -> bool:
        if all(any(reader.doc_frequency(f, tok) for f in WORD_FIELDS) for tok in tokens):
            return True
        return bool(is_prefix and folded and reader.doc_frequency("prefix", folded[-1][:PREFIX_MAX]))

    @staticmethod
    def _correct(reader: IndexReader, folded: list[str]) -> str | None:
        corrector = reader.corrector("words")
        fixed: list[str] = []
        changed = False
        for word in folded:
            if reader.doc_frequency("words", word) or len(word) < 4:
                fixed.append(word)
                continue
            best = None
            for distance in (1, 2) if len(word) > 5 else (1,):
                found = corrector.suggest(word, limit=1, maxdist=distance)
                if found:
                    best = found[0]
                    break
            changed |= best is not None
            fixed.append(best or word)
        return " ".join(fixed) if changed else None

    # -- filters --------------------------------------------------------------------------
    def _filter(self, item: Filter) -> wq.Query | None:
        value = item.value
        if item.field == "kind" and isinstance(value, str):
            return wq.Term("kind", value)
        if item.field == "remote" and isinstance(value, bool):
            return wq.Term("remote", value)
        if item.field == "type" and isinstance(value, str):
            return wq.Term("type", value.lower())
        if item.field == "salary" and isinstance(value, NumberRange):
            return _salary_query(value)
        if item.field == "posted" and isinstance(value, DateWindow):
            start = datetime.combine(value.start, time()) if value.start else None
            end = datetime.combine(value.end, time.max) if value.end else None
            return wq.DateRange("posted", start, end)
        if isinstance(value, str):
            field = "title" if item.field == "title" else item.field
            tokens = [t.text for t in self._text(value)]
            if not tokens:
                return None
            if len(tokens) == 1:
                return wq.Term(field, tokens[0])
            return wq.Phrase(field, tokens)
        return None


def _salary_query(value: NumberRange) -> wq.Query:
    """Jobs whose yearly pay satisfies the range.

    ``>N`` asks that the whole posted range lie above N (its minimum exceeds N); ``<N`` that
    it lie below; ``N-M`` that it overlap N..M; a bare ``N`` that the range include N.
    """
    if value.low is not None and value.high is None:
        return wq.NumericRange("salary_min", round(value.low), None, startexcl=value.low_exclusive)
    if value.high is not None and value.low is None:
        return wq.NumericRange("salary_max", None, round(value.high), endexcl=value.high_exclusive)
    return wq.And(
        [
            wq.NumericRange("salary_max", round(value.low or 0), None),
            wq.NumericRange("salary_min", None, round(value.high or 0)),
        ]
    )
