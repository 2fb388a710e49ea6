"""Running queries on the index: one open searcher, a plan per query, ranking in tiers, facet counts."""

from __future__ import annotations

import heapq
import threading
from collections.abc import Iterable
from datetime import date

from whoosh.index import Index
from whoosh.searching import Searcher

from desktop_app.core.criteria import Criteria
from desktop_app.search import facets
from desktop_app.search.analyzers import fold
from desktop_app.search.bitops import member_test, ones
from desktop_app.search.bitsets import IndexView
from desktop_app.search.plan import Plan, Planner
from desktop_app.search.protocol import EngineResult as EngineResult
from desktop_app.search.protocol import KindFilter as KindFilter
from desktop_app.search.protocol import RawHit as RawHit
from desktop_app.search.query import parse
from desktop_app.search.scoring import top_by_weight
from desktop_app.search.skillstats import SkillBits


class SearchEngine:
    """Answers queries on one index; keeps a searcher (and its bitsets) open between keystrokes."""

    def __init__(self, ix: Index) -> None:
        self._ix = ix
        self._searcher: Searcher | None = None
        self._view: IndexView | None = None
        self._lock = threading.Lock()
        self._planner = Planner()

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
                self._planner.reset()
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
            plan, matched = self._planner.matches(view, parsed, today, hidden)
            notes = parsed.notes + (plan.notes if plan else ())
            if plan is None and criteria.is_empty and criteria.sort == "relevance":
                return EngineResult(0, (), None, notes, ())
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
                return EngineResult(total, hits, suggestion, notes, words, typing=parsed.prefix)
            kind_counts = {"term": (matched & terms).bit_count(), "job": (matched & jobs).bit_count()}
            facet_counts, excluded, _ = facets.counts(view, matched & jobs, criteria, today)
            return EngineResult(
                total,
                hits,
                suggestion,
                notes,
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
            _plan, bits = self._planner.matches(view, parsed, today, hidden)
            bits &= view.term("kind", "job")
            for narrowing in facets.criteria_masks(criteria, today, view).values():
                bits &= narrowing
            ids = view.ids()
            return [ids[doc] for doc in ones(bits)]

    def prepare(self) -> None:
        """Read ahead what a first keystroke would wait for: see ``IndexView.prepare``."""
        with self._lock:
            self._current().prepare()

    def skill_bits(
        self,
        text: str | None,
        hidden: tuple[tuple[str, str], ...] = (),
        required: Iterable[str] = (),
        criteria: Criteria | None = None,
    ) -> SkillBits:
        """Return the jobs ``text`` matches (every job when None) and every job's skills, as bitsets.

        ``required``: the skills whose required-by sets are wanted too (a fit's profile);
        ``criteria``: the filter panel's, narrowing the jobs as a search's do.
        """
        today = date.today()
        with self._lock:
            view = self._current()
            jobs = view.term("kind", "job")
            if text is None:
                chosen = jobs
            else:
                _plan, chosen = self._planner.matches(view, parse(text, today), today, hidden)
                chosen &= jobs
            for narrowing in facets.criteria_masks(criteria or Criteria(), today, view).values():
                chosen &= narrowing
            return SkillBits(
                chosen, view.values("skill"), view.ids(), view.column("skill_weight"), view.column("posted"),
                {slug: view.term("skill_required", slug) for slug in required},
            )  # fmt: skip

    # -- ranking --------------------------------------------------------------------------
    def _rank(
        self, view: IndexView, result: int, plan: Plan | None, limit: int, sort: str
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

        def pick(docs: int, count: int) -> list[int]:
            return _pick(view, docs, count)

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
                    ranked = top_by_weight(view, group, plan.scorers, limit - len(out), pick)
                    out += [(d, score + s) for d, s in ranked]
            else:
                named = sorted(ones(members & terms), key=lambda d: _title_key(view, d, plan.typed))[:need]
                out += [(d, score) for d in named]
                if place >= plan.close:  # a close title match: the jobs by their text's weight
                    ranked = top_by_weight(view, members & ~terms, plan.scorers, need - len(named), pick)
                    out += [(d, score + s) for d, s in ranked]
                else:
                    out += [(d, score) for d in _pick(view, members & ~terms, need - len(named))]
            if len(out) >= limit:
                break
        return out[:limit]

    @staticmethod
    def _hit(view: IndexView, doc: int, score: float) -> RawHit:
        stored = view.stored(doc)
        return RawHit(stored["kind"], stored["id"], stored["title"], score)


def _title_key(view: IndexView, doc: int, typed: str) -> tuple[int, int, str]:
    """Return the sort key of a name.

    The title starts with what was typed; every typed word starts a title word; some do; the
    rest (an alias matched). Shorter titles first within each.
    """
    title = str(view.stored(doc).get("title", ""))
    folded = fold(title)
    starts = [any(w.startswith(t) for w in folded.split()) for t in typed.split()]
    if folded.startswith(typed):
        place = 0
    elif all(starts):
        place = 1
    elif any(starts):
        place = 2
    else:
        place = 3
    return place, len(title), folded


FEW_MEMBERS = 1024  # members sorted by their place rather than found run by run


def _pick(view: IndexView, members: int, need: int, by_pay: bool = False) -> list[int]:
    """Return the first ``need`` members, newest first (or best paid first).

    A few members, or most of them wanted (a group of equal scores), are sorted by their place;
    otherwise the order is walked a run at a time, skipping the runs they are not in.
    """
    if need <= 0 or not members:
        return []
    count = members.bit_count()
    if count <= FEW_MEMBERS or need * 4 >= count:
        rank = view.pay_rank() if by_pay else view.recency()
        last = len(rank)
        return heapq.nsmallest(need, ones(members), key=lambda d: rank.get(d, last))
    out: list[int] = []
    for bits, run in view.in_runs(by_pay):
        held = members & bits
        if held:
            contains = member_test(held)
            out += [doc for doc in run if contains(doc)]
            if len(out) >= need:
                return out[:need]
    return out
