"""Running queries on the index: building Whoosh queries, typo correction, filters, ranking."""

from __future__ import annotations

import heapq
import threading
from dataclasses import dataclass
from datetime import date, datetime, time

from whoosh import query as wq
from whoosh.index import Index
from whoosh.searching import Searcher

from desktop_app.core.criteria import Criteria
from desktop_app.search import facets
from desktop_app.search.analyzers import PREFIX_MAX, fold, text_analyzer, word_analyzer
from desktop_app.search.bitsets import IndexView, member_test, ones
from desktop_app.search.protocol import EngineResult as EngineResult
from desktop_app.search.protocol import KindFilter as KindFilter
from desktop_app.search.protocol import RawHit as RawHit
from desktop_app.search.query import Clause, DateWindow, Filter, NumberRange, ParsedQuery, parse

WORD_FIELDS = ("title", "aliases", "body", "company", "location", "team")
MIN_BODY_PREFIX = 3
PREFIX_EXPANSIONS = 12  # a typed fragment matches at most this many of the text's words (the commonest)
K1 = 1.2  # BM25's term-frequency saturation
FIELD_WEIGHTS = (("title", 3.0), ("aliases", 2.0), ("company", 1.5), ("team", 1.0), ("body", 1.0))


class SearchEngine:
    """Answers queries on one index; keeps a searcher (and its bitsets) open between keystrokes."""

    def __init__(self, ix: Index) -> None:
        self._ix = ix
        self._searcher: Searcher | None = None
        self._view: IndexView | None = None
        self._lock = threading.Lock()
        self._text = text_analyzer()
        self._words = word_analyzer()
        self._corrections: dict[str, str | None] = {}

    def close(self) -> None:
        """Close the searcher and the index."""
        with self._lock:
            if self._searcher is not None:
                self._searcher.close()
                self._searcher = None
                self._view = None
            self._ix.close()

    def _current(self) -> IndexView:
        if self._searcher is None:
            self._searcher = self._ix.searcher()
        else:
            try:
                # Not ``refresh()``: Whoosh 2.7.5 reuses the open reader of a segment whose
                # deletions changed, so replaced and withdrawn jobs would still be found.
                fresh = self._searcher if self._searcher.up_to_date() else self._ix.searcher()
            except OSError:
                # The folder is being swapped for a rebuilt one: answer from the open files.
                fresh = self._searcher
            if fresh is not self._searcher:
                self._searcher.close()
                self._view = None
                self._corrections.clear()
            self._searcher = fresh
        if self._view is None:
            self._view = IndexView(self._searcher)
        return self._view

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
            view = self._current()
            plan, matched = self._matches(view, parsed, today, hidden)
            if plan is None and criteria.is_empty and criteria.sort == "relevance":
                return EngineResult(0, (), None, parsed.notes, ())
            jobs, terms = view.term("kind", "job"), view.term("kind", "term")
            if not criteria.is_empty or kind == "job":
                base = matched & jobs
            elif kind == "term":
                base = matched & terms
            else:
                base = matched
            result = base
            for bits in facets.criteria_masks(criteria, today, view).values():
                result &= bits
            ranked = self._rank(view, result, plan, limit, criteria.sort)
            hits = tuple(self._hit(view, doc, score) for doc, score in ranked)
            suggestion = plan.suggestion if plan else None
            words = plan.words if plan else ()
            total = result.bit_count()
            if not with_facets:
                return EngineResult(total, hits, suggestion, parsed.notes, words, typing=parsed.prefix)
            kind_counts = {"term": (matched & terms).bit_count(), "job": (matched & jobs).bit_count()}
            facet_counts, excluded, _ = facets.counts(view, matched & jobs, criteria, today)
            return EngineResult(
                total,
                hits,
                suggestion,
                parsed.notes,
                words,
                kind_counts,
                facet_counts,
                excluded,
                typing=parsed.prefix,
            )

    def job_ids(
        self,
        text: str,
        criteria: Criteria | None = None,
        today: date | None = None,
        hidden: tuple[tuple[str, str], ...] = (),
    ) -> list[str]:
        """Return the ids of every job ``text`` and ``criteria`` match, unranked (an empty query: all)."""
        today = today or date.today()
        criteria = criteria or Criteria()
        parsed = parse(text, today)
        with self._lock:
            view = self._current()
            _plan, bits = self._matches(view, parsed, today, hidden)
            bits &= view.term("kind", "job")
            for narrowing in facets.criteria_masks(criteria, today, view).values():
                bits &= narrowing
            ids = view.ids()
            return [ids[doc] for doc in ones(bits)]

    # -- matching -------------------------------------------------------------------------
    def _matches(
        self, view: IndexView, parsed: ParsedQuery, today: date, hidden: tuple[tuple[str, str], ...]
    ) -> tuple[_Plan | None, int]:
        """Return the query's plan (None when it asks nothing) and what it matches, hidden jobs left out."""
        plan = self._plan(parsed, view, today)
        matched = plan.matches if plan is not None else view.everything
        if hidden:
            matched &= ~self._hidden(view, hidden)
        return plan, matched

    def _plan(self, parsed: ParsedQuery, view: IndexView, today: date) -> _Plan | None:
        required: list[_Part] = []
        excluded = 0
        corrections: dict[str, str] = {}
        words: list[str] = []
        scorers: list[tuple[str, str, float]] = []
        last = len(parsed.clauses) - 1
        for position, clause in enumerate(parsed.clauses):
            is_prefix = parsed.prefix and position == last
            part = self._clause(clause, view, is_prefix, corrections, scorers)
            if part is None:
                continue
            if clause.negated:
                excluded |= part.any
                continue
            words.extend(t.text for t in self._words(clause.text))
            if clause.or_previous and required:
                required[-1] = required[-1].either(part)
            else:
                required.append(part)
        for item in parsed.filters:
            bits = self._filter(item, view)
            if bits is None:
                continue
            if item.negated:
                excluded |= bits
            else:
                required.append(_Part(bits, bits, bits))
        if not required and not excluded:
            return None
        matches = names = fields = view.everything
        for part in required:
            matches &= part.any
            names &= part.name
            fields &= part.field
        matches &= ~excluded
        free_text = " ".join(c.text for c in parsed.clauses if not c.negated and not c.phrase)
        exact = view.term("exact", fold(free_text)) if free_text else 0
        for correction in corrections.values():
            words.extend(t.text for t in self._words(correction))
        suggestion = None
        if corrections:
            suggestion = " ".join(corrections.get(c.text, c.text) for c in parsed.clauses if not c.negated)
            # What was meant ranks as if it had been typed.
            free_text = " ".join(corrections.get(c.text, c.text) for c in parsed.clauses if not c.negated)
            exact |= view.term("exact", fold(free_text)) & matches
        has_text = any(not c.negated for c in parsed.clauses)
        tiers = (exact, names, fields) if has_text else ()
        return _Plan(matches, tiers, tuple(scorers), suggestion, tuple(dict.fromkeys(words)), fold(free_text))

    def _clause(
        self,
        clause: Clause,
        view: IndexView,
        is_prefix: bool,
        corrections: dict[str, str],
        scorers: list[tuple[str, str, float]],
    ) -> _Part | None:
        tokens = [t.text for t in self._text(clause.text)]
        if not tokens:
            return None
        if clause.phrase:
            title = view.query(wq.Phrase("title", tokens))
            body = view.query(wq.Phrase("body", tokens))
            if not clause.negated:
                scorers.extend(_weighing(tokens))
            return _Part(title | body, title, title)
        part = self._words_part(tokens, view)
        folded = [t.text for t in self._words(clause.text)]
        if not clause.negated:
            scorers.extend(_weighing(tokens))
        if is_prefix and folded:
            tail = folded[-1]
            named = view.term("prefix", tail) if len(tail) <= PREFIX_MAX else 0
            body = 0
            if len(tail) >= MIN_BODY_PREFIX:
                expansions = view.expand("body", tail, PREFIX_EXPANSIONS)
                commonest = max((view.reader.doc_frequency("body", w) for w in expansions), default=1)
                for word in expansions:
                    body |= view.term("body", word)
                    # The commonest completion of a fragment is the likeliest meant.
                    scorers.append(("body", word, view.reader.doc_frequency("body", word) / commonest))
            part = part.either(_Part(named | body, named, named))
        if clause.negated or self._known(view, tokens, folded, is_prefix):
            return part
        correction = self._correct(view, folded)
        if correction is None:
            return part
        corrections[clause.text] = correction
        fixed = [t.text for t in self._text(correction)]
        scorers.extend(_weighing(fixed))
        return part.either(self._words_part(fixed, view)) if fixed else part

    @staticmethod
    def _words_part(tokens: list[str], view: IndexView) -> _Part:
        matches = names = fields = view.everything
        for token in tokens:
            name = view.term("title", token) | view.term("aliases", token)
            field = (
                name | view.term("company", token) | view.term("location", token) | view.term("team", token)
            )
            matches &= field | view.term("body", token)
            names &= name
            fields &= field
        return _Part(matches, names, fields)

    def _hidden(self, view: IndexView, hidden: tuple[tuple[str, str], ...]) -> int:
        """Return what the hide rules remove: one job, a company's jobs, jobs whose title has the words."""
        out = 0
        for kind, value in hidden:
            if kind == "job":
                out |= view.term("id", value)
                continue
            tokens = [t.text for t in self._text(value)]
            field = "company" if kind == "company" else "title"
            if tokens:
                out |= self._field_words(view, field, tokens) & view.term("kind", "job")
        return out

    @staticmethod
    def _field_words(view: IndexView, field: str, tokens: list[str]) -> int:
        return view.term(field, tokens[0]) if len(tokens) == 1 else view.query(wq.Phrase(field, tokens))

    @staticmethod
    def _known(view: IndexView, tokens: list[str], folded: list[str], is_prefix: bool) -> bool:
        reader = view.reader
        if all(any(reader.doc_frequency(f, tok) for f in WORD_FIELDS) for tok in tokens):
            return True
        return bool(is_prefix and folded and reader.doc_frequency("prefix", folded[-1][:PREFIX_MAX]))

    def _correct(self, view: IndexView, folded: list[str]) -> str | None:
        key = " ".join(folded)
        if key not in self._corrections:
            self._corrections[key] = _correct(view, folded)
        return self._corrections[key]

    # -- ranking --------------------------------------------------------------------------
    def _rank(
        self, view: IndexView, result: int, plan: _Plan | None, limit: int, sort: str
    ) -> list[tuple[int, float]]:
        """Return the best ``limit`` documents of ``result`` with a score each.

        Relevance ranks in tiers: the whole query is a title or alias; every word is in a
        title or alias (or starts one, while typing); every word is in a title, alias, company,
        location or team; the rest (the words are in the text). Within a tier, glossary terms
        come first, shortest title first, then jobs newest first — except in the last tier,
        where jobs (which ask for the thing) come before entries (which merely mention it), each
        ranked by the text's own weight (how often and how rare each word is, a title above the
        text), newest first among equals.
        """
        limit = max(1, limit)
        if sort != "relevance" or plan is None or not plan.tiers:
            by_pay = sort == "salary"
            return [(doc, 0.0) for doc in _pick(view, result, limit, by_pay)]
        out: list[tuple[int, float]] = []
        left = result
        terms = view.term("kind", "term")
        for place, tier in enumerate((*plan.tiers, view.everything)):
            members = left & tier
            if not members:
                continue
            left &= ~members
            need = limit - len(out)
            score = float(len(plan.tiers) - place)
            if place == len(plan.tiers):
                # The jobs that ask for it, then the entries that merely mention it.
                for group in (members & ~terms, members & terms):
                    ranked = _by_text_weight(view, group, plan.scorers, limit - len(out))
                    out += [(d, score + s) for d, s in ranked]
            else:
                named = sorted(ones(members & terms), key=lambda d: _title_key(view, d, plan.typed))[:need]
                out += [(d, score) for d in named]
                out += [(d, score) for d in _pick(view, members & ~terms, need - len(named))]
            if len(out) >= limit:
                break
        return out[:limit]

    @staticmethod
    def _hit(view: IndexView, doc: int, score: float) -> RawHit:
        stored = view.stored(doc)
        return RawHit(stored["kind"], stored["id"], stored["title"], score)

    # -- filters --------------------------------------------------------------------------
    def _filter(self, item: Filter, view: IndexView) -> int | None:
        value = item.value
        if item.field == "kind" and isinstance(value, str):
            return view.term("kind", value)
        if item.field == "remote" and isinstance(value, bool):
            return view.term("remote", value)
        if item.field == "type" and isinstance(value, str):
            return view.term("type", value.lower())
        if item.field == "salary" and isinstance(value, NumberRange):
            return _salary_bits(view, value)
        if item.field == "posted" and isinstance(value, DateWindow):
            start = datetime.combine(value.start, time()) if value.start else None
            end = datetime.combine(value.end, time.max) if value.end else None
            return view.date_range("posted", start, end)
        if isinstance(value, str):
            tokens = [t.text for t in self._text(value)]
            if not tokens:
                return None
            return self._field_words(view, item.field, tokens)
        return None


@dataclass(frozen=True, slots=True)
class _Part:
    """What one clause matches: anywhere, in a name (title or alias), in a name or a job's fields."""

    any: int
    name: int
    field: int

    def either(self, other: _Part) -> _Part:
        return _Part(self.any | other.any, self.name | other.name, self.field | other.field)


@dataclass(frozen=True, slots=True)
class _Plan:
    """A query made into bitsets: every match, the ranking tiers, and the words that weigh in the text."""

    matches: int
    tiers: tuple[int, ...]
    scorers: tuple[tuple[str, str, float], ...]
    suggestion: str | None
    words: tuple[str, ...]
    typed: str = ""


def _weighing(tokens: list[str]) -> list[tuple[str, str, float]]:
    """Return how each word weighs in the text tier: in a title most, then a name or field, then the text."""
    return [(field, token, boost) for token in tokens for field, boost in FIELD_WEIGHTS]


def _correct(view: IndexView, folded: list[str]) -> str | None:
    """Return the words with each unknown one replaced by the nearest known one, or None if none was."""
    fixed: list[str] = []
    changed = False
    for word in folded:
        if view.reader.doc_frequency("words", word) or len(word) < 4:
            fixed.append(word)
            continue
        best = None
        for distance in (1, 2) if len(word) > 5 else (1,):
            best = view.suggest("words", word, distance)
            if best is not None:
                break
        changed |= best is not None
        fixed.append(best or word)
    return " ".join(fixed) if changed else None


def _title_key(view: IndexView, doc: int, typed: str) -> tuple[int, int, str]:
    """Return the sort key of a name.

    The title starts with what was typed, then every typed word starts a title word, then the
    rest (an alias matched); shorter titles first within each.
    """
    title = str(view.stored(doc).get("title", ""))
    folded = fold(title)
    if folded.startswith(typed):
        place = 0
    elif all(any(w.startswith(t) for w in folded.split()) for t in typed.split()):
        place = 1
    else:
        place = 2
    return place, len(title), folded


def _pick(view: IndexView, members: int, need: int, by_pay: bool = False) -> list[int]:
    """Return the first ``need`` members, newest first (or best paid first)."""
    if need <= 0 or not members:
        return []
    order = view.best_paid_first() if by_pay else view.newest_first()
    if members.bit_count() * 16 < len(order):
        # Few members: sort them by their place rather than walk the whole order.
        rank = view.pay_rank() if by_pay else view.recency()
        last = len(order)
        return heapq.nsmallest(need, ones(members), key=lambda d: rank.get(d, last))
    contains = member_test(members)
    out: list[int] = []
    for doc in order:
        if contains(doc):
            out.append(doc)
            if len(out) == need:
                break
    return out


def _by_text_weight(
    view: IndexView, members: int, scorers: tuple[tuple[str, str, float], ...], need: int
) -> list[tuple[int, float]]:
    """Return the ``need`` members whose text weighs most for the query words (BM25's tf and idf)."""
    if need <= 0:
        return []
    docs = list(ones(members))
    totals = dict.fromkeys(docs, 0.0)
    for field_name, word, boost in dict.fromkeys(scorers):
        weights = view.weights(field_name, word)
        factor = boost * view.idf(field_name, word) * (K1 + 1)
        if weights.sparse is not None and weights.count < len(totals):
            for doc, tf in weights.sparse.items():
                if doc in totals:
                    totals[doc] += factor * tf / (tf + K1)
        else:
            lookup = weights.lookup
            for doc in docs:
                found = lookup(doc)
                if found:
                    totals[doc] += factor * found / (found + K1)
    rank = view.recency()
    last = len(rank) + 1
    best = heapq.nlargest(need, docs, key=lambda d: totals[d] - rank.get(d, last) * 1e-9)
    top = max((totals[d] for d in best), default=0.0) or 1.0
    return [(d, 0.99 * totals[d] / top) for d in best]


def _salary_bits(view: IndexView, value: NumberRange) -> int:
    """Jobs whose yearly pay satisfies the range.

    ``>N`` asks that the whole posted range lie above N (its minimum exceeds N); ``<N`` that
    it lie below; ``N-M`` that it overlap N..M; a bare ``N`` that the range include N.
    """
    if value.low is not None and value.high is None:
        low = round(value.low) + (1 if value.low_exclusive else 0)
        return view.number_range("salary_min", low, None)
    if value.high is not None and value.low is None:
        high = round(value.high) - (1 if value.high_exclusive else 0)
        return view.number_range("salary_max", None, high)
    return view.number_range("salary_max", round(value.low or 0), None) & view.number_range(
        "salary_min", None, round(value.high or 0)
    )
