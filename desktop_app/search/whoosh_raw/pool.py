"""The posting pool of a segment being written: each term's postings gathered as documents come.

Whoosh's pool keeps one tuple per posting (field, term, document, weight, value) and sorts them
all at the end — a million and a half tuples for 5,000 jobs, compared field and term first. Here
each field keeps a dictionary of its terms, each term the list of its (document, weight, value)
in the order documents came: only the terms are sorted, and the field writer is handed each
term's postings as one list (``Grouped``). Past its memory limit the pool writes a sorted run
to disk, as Whoosh's does, and merges the runs back at the end.
"""

from __future__ import annotations

import marshal
import struct
from collections.abc import Iterable, Iterator
from itertools import groupby, islice
from operator import itemgetter
from typing import Any

from whoosh.writing import PostingPool

# What the pool uses of Whoosh's (``PostingPool`` and its sorting pool).
POOL_ATTRIBUTES: tuple[str, ...] = (
    "_new_run", "_add_run", "_open_run", "_remove_run", "_merge_runs", "reduce_to",
)  # fmt: skip
RUN_CHUNK = 20_000  # postings written to (and read from) a run file at once
MAX_RUNS = 128  # run files merged at once, as Whoosh's pool
_CHUNK_SIZE = struct.Struct("<Q")  # each chunk of a run file starts with its length
# Memory estimates, upper bounds: a posting (its tuple, weight, value, list slot) and a new term
# (5,000 jobs: 1.47 million postings, 134 MB measured, 150 MB estimated).
POSTING_BYTES = 100
TERM_BYTES = 160

FieldPosting = tuple[bytes, int, float, bytes]  # a field's posting: term, frequency, weight, value
PoolPosting = tuple[int, float, Any]  # a term's posting in the pool: document, weight, value
Posting = tuple[str, bytes, int, float, Any]  # Whoosh's posting: field, term, document, weight, value
Group = tuple[str, bytes, list[PoolPosting]]  # a term's postings: field, term, (document, weight, value)…


class Grouped:
    """The pool's postings in order, a term at a time; iterated, Whoosh's own five-part postings."""

    def __init__(self, groups: Iterator[Group]) -> None:
        self.groups = groups

    def __iter__(self) -> Iterator[Posting]:
        for field, text, postings in self.groups:
            for number, weight, value in postings:
                yield field, text, number, weight, value


def grouped(items: Iterable[Posting]) -> Iterator[Group]:
    """Return sorted five-part postings as a term's postings at a time."""
    for (field, text), group in groupby(items, itemgetter(0, 1)):
        yield field, text, [(p[2], p[3], p[4]) for p in group]


class Pool(PostingPool):  # type: ignore[misc]
    """Whoosh's posting pool, gathering each term's postings instead of sorting every posting."""

    def __init__(self, tempstore: Any, segment: Any, limitmb: int = 128) -> None:
        super().__init__(tempstore, segment, limitmb=limitmb)
        self._fields: dict[str, dict[bytes, list[PoolPosting]]] = {}
        self._last = -1  # the last document added: postings come in document order, or are sorted
        self._unordered = False

    def _terms(self, field: str, number: int) -> dict[bytes, list[PoolPosting]]:
        if number < self._last:
            self._unordered = True
        self._last = number
        terms = self._fields.get(field)
        if terms is None:
            terms = self._fields[field] = {}
            self.fieldnames.add(field)
        return terms

    def add_all(self, field: str, number: int, boost: float, items: list[FieldPosting]) -> None:
        """Add one document's postings in one field (Whoosh adds them one checked call each)."""
        terms = [item[0] for item in items]
        postings = [
            (number, weight if boost == 1.0 else weight * boost, value) for _t, _f, weight, value in items
        ]
        self.add_made(field, number, terms, postings)

    def add_made(self, field: str, number: int, terms: list[bytes], postings: list[PoolPosting]) -> None:
        """Add one document's postings in one field, made as the pool keeps them (``pool_postings``)."""
        known = self._terms(field, number)
        get = known.get
        new = 0
        for text, posting in zip(terms, postings, strict=True):
            found = get(text)
            if found is None:
                known[text] = [posting]
                new += 1
            else:
                found.append(posting)
        self._grew(POSTING_BYTES * len(terms) + TERM_BYTES * new)

    def add(self, item: Posting) -> None:
        """Add one posting (Whoosh's merge of segments adds them so)."""
        field, text, number, weight, value = item
        if not isinstance(text, bytes) or not (value is None or isinstance(value, bytes)):
            raise TypeError(f"a posting's term and value are bytes, not {text!r}, {value!r}")
        terms = self._terms(field, number)
        postings = terms.get(text)
        if postings is None:
            terms[text] = [(number, weight, value)]
            self._grew(POSTING_BYTES + TERM_BYTES)
        else:
            postings.append((number, weight, value))
            self._grew(POSTING_BYTES)

    def _grew(self, size: int) -> None:
        self.currentsize += size
        if self.currentsize > self.limit:
            self.save()

    def _sorted(self) -> Iterator[Group]:
        fields, unordered = self._fields, self._unordered
        for field in sorted(fields):
            terms = fields[field]
            for text in sorted(terms):
                postings = terms[text]
                if unordered:
                    postings.sort(key=itemgetter(0))
                yield field, text, postings

    def save(self) -> None:
        """Write the gathered postings to a sorted run file and start gathering anew."""
        if self._fields:
            path, f = self._new_run()
            self._write_run(f, Grouped(self._sorted()))
            self._add_run(path)
        self._fields, self._last, self._unordered = {}, -1, False
        self.currentsize = 0

    def items(self, maxfiles: int = MAX_RUNS) -> Grouped:
        """Return every posting in order, a term at a time: from memory, or the runs merged."""
        if not self.runs:
            return Grouped(self._sorted())
        self.save()
        if len(self.runs) > maxfiles:
            self.reduce_to(maxfiles, maxfiles)
        return Grouped(grouped(self._merge_runs(self.runs)))

    def iter_postings(self) -> Grouped:
        return self.items()

    def _write_run(self, f: Any, items: Iterable[Posting]) -> None:
        """Write sorted postings to a run file, many at a time (Whoosh pickles them one by one)."""
        pending = iter(items)
        while chunk := list(islice(pending, RUN_CHUNK)):
            data = marshal.dumps(chunk)
            f.write(_CHUNK_SIZE.pack(len(data)))
            f.write(data)
        f.close()

    def _read_run(self, path: str) -> Iterator[Posting]:
        """Read back a run file's postings in order, a chunk at a time, and remove the file."""
        f = self._open_run(path)
        try:
            while size := f.read(_CHUNK_SIZE.size):  # read whole: run files may be memory maps
                yield from marshal.loads(f.read(_CHUNK_SIZE.unpack(size)[0]))
        finally:
            f.close()
            self._remove_run(path)
