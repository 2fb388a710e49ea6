"""The index read as bitsets: posting lists, columns and facet values as Python ints, cached per reader.

A set of documents is an ``int`` whose bit *n* is set when document *n* belongs to it. Python
ANDs, ORs and counts such integers in C, a few microseconds for 100,000 documents, so every
filter, facet count and tier of a query is a handful of integer operations once the posting
lists it needs have been read; and each is read once per reader, then kept.
"""

from __future__ import annotations

import math
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable
from datetime import datetime
from operator import and_
from typing import Any

from whoosh import query as wq
from whoosh.reading import IndexReader
from whoosh.searching import Searcher
from whoosh.support.levenshtein import damerau_levenshtein
from whoosh.util.times import datetime_to_long

from desktop_app.search import whoosh_raw
from desktop_app.search.bitops import (
    CAPPED,
    NONZERO,
    from_ids,
    member_test,
    pack,
    split_levels,
    union_of,
)

ColumnRead = Callable[[IndexReader, str], list[Any]]  # one segment's column, by document
MISSING = 2**64 - 1  # what a sortable column holds for a document without a value
SIGNED = 2**63  # NUMERIC int columns store value + 2**63
RUN_DOCS = 1024  # documents of an order held as one bitset (see ``IndexView.in_runs``)
RANGE_SLICE = 16_384  # column values compared in one C call (about a millisecond)

# Fields whose words the ranking weighs: their sets are read with the counts, in one pass.
SCORED_FIELDS = frozenset(("title", "aliases", "company", "team", "employment", "body"))
# Fields whose every word is kept in memory (up to ``SMALL_FIELD_WORDS``) to tell at once that a
# query's word is not in them: words of names and places, a vocabulary that grows slowly with the
# board (not whole titles, not descriptions).
SMALL_FIELDS = frozenset(("title", "aliases", "company", "team", "employment", "location"))
SMALL_FIELD_WORDS = 200_000
SEGMENT_FIELD_WORDS = 4 * SMALL_FIELD_WORDS  # a word in several segments counts in each
SPELLING_FIELD = "words"  # the vocabulary "did you mean" draws from


class _Lru:
    """A small least-recently-used cache."""

    def __init__(self, capacity: int) -> None:
        self._items: OrderedDict[Hashable, Any] = OrderedDict()
        self._capacity = capacity

    def get(self, key: Hashable, make: Callable[[], Any]) -> Any:
        try:
            self._items.move_to_end(key)
            return self._items[key]
        except KeyError:
            value = make()
            self._items[key] = value
            if len(self._items) > self._capacity:
                self._items.popitem(last=False)
            return value


class IndexView:
    """Bitsets, weights and columns of one searcher's reader; rebuilt when the index changes."""

    def __init__(self, searcher: Searcher) -> None:
        self.searcher = searcher
        self.reader = searcher.reader()
        self.size: int = self.reader.doc_count_all()
        self.everything: int = (1 << self.size) - 1
        if self.reader.has_deletions():
            self.everything = from_ids(self.reader.all_doc_ids(), self.size)
        self.doc_count: int = max(1, self.reader.doc_count())
        self._masks = _Lru(4096)
        # A common word's levels at 100,000 jobs are a few bitsets of 12.5 kB each.
        self._levels = _Lru(256)
        self._idf: dict[tuple[str, str], float] = {}
        self._frequencies: dict[tuple[str, Any], int] = {}
        self._fixed: dict[Hashable, Any] = {}

    # -- sets -----------------------------------------------------------------------------
    def term(self, field: str, text: Any, counts: bool = True) -> int:
        """Return the documents holding ``text`` in ``field``.

        A word of a weighed field is read with its counts (``levels``), which the ranking will
        want, unless ``counts`` is False.
        """
        if field in SCORED_FIELDS and counts:
            return self._masks.get(("term", field, text), lambda: union_of(self.levels(field, text)))  # type: ignore[no-any-return]
        return self._masks.get(("term", field, text), lambda: self._read_term(field, text))  # type: ignore[no-any-return]

    def _read_term(self, field: str, text: Any) -> int:
        flags = self._flags(field, text)
        return 0 if flags is None else pack(flags.translate(NONZERO)) & self.everything

    def _flags(self, field: str, text: Any) -> bytearray | None:
        """Return a byte per document: how often it holds ``text`` in ``field``, 0 if never.

        Filled block by block in C (``whoosh_raw.fill_counts``); every other step (packing into
        a bitset, splitting by frequency) is done in C on the whole array. The word is looked up
        once in each segment: its frequency is counted from the flags, not asked first.
        """
        key = (field, text)
        try:
            if self._frequencies.get(key) == 0 or self._surely_absent(field, text):
                return None
            # A short field's segments lacking the word are known from memory: not looked up.
            holding = self._segment_vocabularies(field)
            word = self.reader.schema[field].to_bytes(text) if holding is not None else b""
            parts: list[bytearray] = []
            for number, (leaf, _offset) in enumerate(self.reader.leaf_readers()):
                part = bytearray(leaf.doc_count_all())
                if holding is None or word in holding[number]:
                    whoosh_raw.fill_counts(leaf, field, text, part)
                parts.append(part)
        except (KeyError, ValueError, TypeError):
            return None
        flags = bytearray().join(parts)
        flags.extend(bytes(max(0, self.size - len(flags))))
        self._frequencies[key] = found = len(flags) - flags.count(0)
        return flags if found else None

    def query(self, query: wq.Query) -> int:
        """Return the documents a Whoosh query matches (phrases and the like), cached by its form."""
        return self._masks.get(  # type: ignore[no-any-return]
            ("query", repr(query)),
            lambda: from_ids(self.searcher.docs_for_query(query), self.size) & self.everything,
        )

    def any_of(self, field: str, values: Iterable[Any]) -> int:
        """Return the documents holding any of ``values`` in ``field``."""
        out = 0
        for value in values:
            out |= self.term(field, value)
        return out

    def lexicon(self, field: str) -> tuple[bytes, ...]:
        """Return every indexed value of ``field``."""
        key = ("lexicon", field)
        if key not in self._fixed:
            self._fixed[key] = tuple(self.reader.lexicon(field))
        return self._fixed[key]  # type: ignore[no-any-return]

    def values(self, field: str) -> dict[str, int]:
        """Return the documents of each value of a keyword field (facet values), by value."""
        key = ("values", field)
        if key not in self._fixed:
            self._fixed[key] = {
                v.decode("utf-8"): self.term(field, v.decode("utf-8")) for v in self.lexicon(field)
            }
        return self._fixed[key]  # type: ignore[no-any-return]

    def expand(self, field: str, prefix: str, most: int) -> tuple[str, ...]:
        """Return up to ``most`` indexed words of ``field`` that start with ``prefix``, commonest first."""

        def make() -> tuple[str, ...]:
            words = list(self.reader.expand_prefix(field, prefix))
            texts = [w.decode("utf-8") if isinstance(w, bytes) else str(w) for w in words[:2000]]
            texts.sort(key=lambda w: -self.frequency(field, w))
            return tuple(texts[:most])

        return self._masks.get(("expand", field, prefix, most), make)  # type: ignore[no-any-return]

    # -- spelling -------------------------------------------------------------------------
    def prepare(self) -> None:
        """Read ahead the words of "did you mean" and of the short fields.

        Each is read the first time a query needs it — for the spelling vocabulary, the first
        word that looks misspelt (50-130 ms at 100,000 jobs, on a keystroke). The window asks
        for this once the board shows.
        """
        self._vocabulary(SPELLING_FIELD)
        for field in sorted(SMALL_FIELDS):
            self._small_vocabulary(field)

    def suggest(self, field: str, word: str, maxdist: int) -> str | None:
        """Return the indexed word of ``field`` nearest to ``word`` (within ``maxdist`` edits), or None.

        Nearest by Damerau–Levenshtein distance, then by how many documents hold it. Only the
        words that share enough letter pairs with ``word`` are measured (an edit changes at
        most three pairs), so a vocabulary of many thousands of words answers in milliseconds.
        """
        words, pairs = self._vocabulary(field)
        wanted = _pairs(word)
        shared: dict[int, int] = {}
        for pair in wanted:
            for number in pairs.get(pair, ()):
                shared[number] = shared.get(number, 0) + 1
        need = max(1, len(wanted) - 3 * maxdist)
        best: tuple[int, int, str] | None = None
        for number, count in shared.items():
            candidate = words[number]
            if count < need or abs(len(candidate) - len(word)) > maxdist or candidate == word:
                continue
            distance = damerau_levenshtein(word, candidate)
            if distance > maxdist:
                continue
            key = (distance, -self.frequency(field, candidate), candidate)
            if best is None or key < best:
                best = key
        return None if best is None else best[2]

    def _vocabulary(self, field: str) -> tuple[list[str], dict[str, list[int]]]:
        key = ("vocabulary", field)
        if key not in self._fixed:
            words = [w.decode("utf-8") for w in self.lexicon(field)]
            pairs: dict[str, list[int]] = {}
            for number, word in enumerate(words):
                for pair in _pairs(word):
                    pairs.setdefault(pair, []).append(number)
            self._fixed[key] = (words, pairs)
        return self._fixed[key]  # type: ignore[no-any-return]

    # -- weights --------------------------------------------------------------------------
    def frequency(self, field: str, text: Any) -> int:
        """Return how many documents hold ``text`` in ``field`` (deleted ones included), cached.

        Whoosh looks a word up in every segment's table each time: 0.7 ms at 100,000 jobs.
        """
        key = (field, text)
        found = self._frequencies.get(key)
        if found is None:
            found = 0 if self._surely_absent(field, text) else self.reader.doc_frequency(field, text)
            self._frequencies[key] = found
        return found

    def _surely_absent(self, field: str, text: Any) -> bool:
        """Tell from memory that a short field lacks a word (without a look-up in every segment)."""
        vocabulary = self._small_vocabulary(field)
        return vocabulary is not None and self.reader.schema[field].to_bytes(text) not in vocabulary

    def _small_vocabulary(self, field: str) -> frozenset[bytes] | None:
        """Return every word of a field of few words (names, places), or None for the others.

        A query asks each of its words of half a dozen fields; most are in none of the short
        fields, and asking costs a look-up per segment (a score of segments after an import).
        """
        return self._short_field_words(field)[0]

    def _segment_vocabularies(self, field: str) -> list[frozenset[bytes]] | None:
        """Return each segment's words of a short field (see ``_small_vocabulary``), or None."""
        return self._short_field_words(field)[1]

    def _short_field_words(self, field: str) -> tuple[frozenset[bytes] | None, list[frozenset[bytes]] | None]:
        """Return a short field's words, all and by segment (each None when too many), read once."""
        if field not in SMALL_FIELDS:
            return None, None
        key = ("words of", field)
        if key not in self._fixed:
            segments = [frozenset(leaf.lexicon(field)) for leaf, _offset in self.reader.leaf_readers()]
            words = frozenset().union(*segments)
            self._fixed[key] = (
                words if len(words) <= SMALL_FIELD_WORDS else None,
                segments if sum(map(len, segments)) <= SEGMENT_FIELD_WORDS else None,
            )
        return self._fixed[key]  # type: ignore[no-any-return]

    def idf(self, field: str, text: str) -> float:
        """Return the inverse document frequency of a word in a field."""
        key = (field, text)
        if key not in self._idf:
            # Deleted documents still count in a word's frequency until their segment is merged.
            frequency = min(self.frequency(field, text), self.doc_count)
            self._idf[key] = math.log(1 + (self.doc_count - frequency + 0.5) / (frequency + 0.5))
        return self._idf[key]

    def levels(self, field: str, text: str) -> tuple[tuple[int, int], ...]:
        """Return the documents holding ``text`` in ``field`` by how often: ((count, bitset), ...).

        Counts from ``LEVEL_CAP`` on share one level (BM25 saturates there anyway); the
        bitsets are disjoint, their union is ``term(field, text)``.
        """

        def make() -> tuple[tuple[int, int], ...]:
            flags = self._flags(field, text)
            if flags is None:
                return ()
            out = split_levels(flags.translate(CAPPED), self.everything)
            self._masks.get(("term", field, text), lambda: union_of(out))
            return out

        return self._levels.get(("levels", field, text), make)  # type: ignore[no-any-return]

    # -- columns --------------------------------------------------------------------------
    def column(self, field: str) -> list[int]:
        """Return a sortable column's raw values, one per document (``MISSING`` when absent)."""
        key = ("column", field)
        if key not in self._fixed:
            self._fixed[key] = self._per_document(field, MISSING, whoosh_raw.numeric_column)
        return self._fixed[key]  # type: ignore[no-any-return]

    def _per_document(self, field: str, missing: Any, read: ColumnRead) -> list[Any]:
        """Return a column's values by document number across segments, ``missing`` where absent."""
        values: list[Any] = []
        for leaf, offset in self.reader.leaf_readers():
            values.extend([missing] * (offset - len(values)))
            values.extend(read(leaf, field))
        values.extend([missing] * (self.size - len(values)))
        return values[: self.size]

    def ids(self) -> list[str]:
        """Return every document's id ("flask", "job-…"), by document number."""
        key = "ids"
        if key not in self._fixed:
            self._fixed[key] = self._per_document("id", "", whoosh_raw.text_column)
        return self._fixed[key]  # type: ignore[no-any-return]

    def _sorted(self, field: str) -> tuple[list[int], list[int]]:
        """Return (values, documents) of a column, sorted by value, documents without one left out."""
        key = ("sorted", field)
        if key not in self._fixed:
            column = self.column(field)
            docs = _ordered(column, [d for d, v in enumerate(column) if v != MISSING])
            self._fixed[key] = ([column[d] for d in docs], docs)
        return self._fixed[key]  # type: ignore[no-any-return]

    def range(self, field: str, low: int | None, high: int | None) -> int:
        """Return the documents whose raw column value lies in ``low..high`` (inclusive, open ends)."""

        def make() -> int:
            # One pass over the column in C (a flag per document, packed): the first range on a
            # column cost 120 ms at 100,000 jobs when it sorted the column first. In slices,
            # so that the window's thread runs between them (one call would hold the
            # interpreter for the whole column).
            column = self.column(field)
            top = MISSING - 1 if high is None else high  # no value: MISSING, above any bound
            flags = bytearray()
            for start in range(0, len(column), RANGE_SLICE):
                part = column[start : start + RANGE_SLICE]
                within = map(top.__ge__, part)
                if low is not None:
                    within = map(and_, map(low.__le__, part), within)
                flags += bytes(within)
            return pack(flags) & self.everything

        return self._masks.get(("range", field, low, high), make)  # type: ignore[no-any-return]

    def number_range(self, field: str, low: float | None, high: float | None) -> int:
        """Return the documents whose whole-number ``field`` lies in ``low..high`` (inclusive)."""
        return self.range(
            field,
            None if low is None else math.ceil(low) + SIGNED,
            None if high is None else math.floor(high) + SIGNED,
        )

    def date_range(self, field: str, start: datetime | None, end: datetime | None) -> int:
        """Return the documents whose date ``field`` lies in ``start..end`` (inclusive)."""
        return self.range(
            field,
            None if start is None else datetime_to_long(start),
            None if end is None else datetime_to_long(end),
        )

    def newest_first(self) -> list[int]:
        """Return every live document, the most recently posted first, undated ones last."""
        key = "newest"
        if key not in self._fixed:
            posted = self.column("posted")
            dated = _ordered(posted, [d for d in range(self.size) if posted[d] != MISSING], newest=True)
            undated = [d for d in range(self.size) if posted[d] == MISSING]
            alive = member_test(self.everything)
            self._fixed[key] = [d for d in dated + undated if alive(d)]
        return self._fixed[key]  # type: ignore[no-any-return]

    def recency(self) -> dict[int, int]:
        """Return each document's place in ``newest_first`` (0 is the newest)."""
        key = "recency"
        if key not in self._fixed:
            self._fixed[key] = {d: i for i, d in enumerate(self.newest_first())}
        return self._fixed[key]  # type: ignore[no-any-return]

    def in_runs(self, by_pay: bool = False) -> list[tuple[int, list[int]]]:
        """Return ``newest_first`` (or ``best_paid_first``) in runs of ``RUN_DOCS``: a bitset and a list each.

        Finding a set's first members in that order then costs one bitset operation per run
        and a walk of the runs it meets, not a walk of the whole order or of the whole set.
        """
        key = ("runs", by_pay)
        if key not in self._fixed:
            order = self.best_paid_first() if by_pay else self.newest_first()
            runs = [order[i : i + RUN_DOCS] for i in range(0, len(order), RUN_DOCS)]
            self._fixed[key] = [(from_ids(run, self.size), run) for run in runs]
        return self._fixed[key]  # type: ignore[no-any-return]

    def best_paid_first(self) -> list[int]:
        """Return every live document by the top of its yearly pay, highest first, unknown last."""
        key = "paid"
        if key not in self._fixed:
            _values, docs = self._sorted("salary_max")
            known = docs[::-1]
            seen = set(known)
            rest = [d for d in self.newest_first() if d not in seen]
            alive = member_test(self.everything)
            self._fixed[key] = [d for d in known if alive(d)] + rest
        return self._fixed[key]  # type: ignore[no-any-return]

    def pay_rank(self) -> dict[int, int]:
        """Return each document's place in ``best_paid_first`` (0 is the best paid)."""
        key = "pay rank"
        if key not in self._fixed:
            self._fixed[key] = {d: i for i, d in enumerate(self.best_paid_first())}
        return self._fixed[key]  # type: ignore[no-any-return]

    def stored(self, doc: int) -> dict[str, Any]:
        """Return the stored fields of a document (kind, id, title)."""
        return self.searcher.stored_fields(doc)  # type: ignore[no-any-return]


def _ordered(column: list[int], docs: list[int], newest: bool = False) -> list[int]:
    """Return ``docs`` sorted by their ``column`` value (descending if ``newest``), ties in order.

    Grouped by value in Python steps, then the distinct values sorted: one C sort of 100,000
    documents holds the interpreter lock for tens of milliseconds, long enough to stall the
    window while it searches; the groups let the window thread run between steps.
    """
    groups: dict[int, list[int]] = {}
    for doc in docs:
        value = column[doc]
        group = groups.get(value)
        if group is None:
            groups[value] = [doc]
        else:
            group.append(doc)
    out: list[int] = []
    for value in sorted(groups, reverse=newest):
        out += groups[value]
    return out


def _pairs(word: str) -> set[str]:
    """Return the letter pairs of a word, with its first and last letters marked.

    >>> sorted(_pairs("go"))
    ['$g', 'go', 'o$']
    """
    marked = f"${word}$"
    return {marked[i : i + 2] for i in range(len(marked) - 1)}
