"""Whoosh's private internals, in this module only: fast block readers, the codec, mapped storage, writers.

Everything here reaches past ``whoosh-reloaded``'s public API, proven against exactly the version
``pyproject.toml`` pins: ``tests/search/test_whoosh_raw.py`` builds an index (segments, deletions,
columns, long posting lists) and checks each fast reader against its public twin (the same answer
through public calls only), and each fallback, taken when an attribute it needs is missing.
Nothing else in the app may touch a private Whoosh name. The readers and their twins:
``posting_ids`` (a word's documents in one segment), ``posting_weights`` (with how often each holds
it), ``numeric_column`` (a 64-bit column by document), ``text_column`` (the ids), each ``public_*``.

Writing: ``segment_writer`` (and the parallel writer's helpers) add a document's postings a
field at a time, hand each term's postings to the block writer whole and short terms' rows to the
term table together; ``tests/search/test_fast_writing.py`` compares with Whoosh's own writing.
The fast posting readers may include deleted documents (callers mask them); the twins do not.
"""

from __future__ import annotations

import logging
import marshal
import pickle
import struct
import sys
from array import array
from collections.abc import Iterable, Iterator
from itertools import accumulate, groupby, islice
from operator import itemgetter
from typing import Any

from whoosh.codec.whoosh3 import W3Codec, W3FieldWriter
from whoosh.index import Index
from whoosh.matching.wrappers import FilterMatcher
from whoosh.multiproc import MpWriter, SubWriterTask, finish_subsegment
from whoosh.reading import IndexReader
from whoosh.system import pack_ushort
from whoosh.writing import PostingPool, SegmentWriter

from desktop_app.core.processes import end_with_parent
from desktop_app.search.helper_queues import CheckedJobs, CheckedResults
from desktop_app.search.helper_queues import HelperFailedError as HelperFailedError
from desktop_app.search.whoosh_public import public_numeric_column as public_numeric_column
from desktop_app.search.whoosh_public import public_posting_ids as public_posting_ids
from desktop_app.search.whoosh_public import public_posting_weights as public_posting_weights
from desktop_app.search.whoosh_public import public_text_column as public_text_column

# What the block readers need of a Whoosh 3 posting matcher (``W3LeafMatcher``).
BLOCK_ATTRIBUTES: tuple[str, ...] = (
    "_read_data", "_read_weights", "_data", "_byteids", "_lastblock", "_goto", "_nextoffset", "_blocklength",
)  # fmt: skip
# What the column readers need of a numeric or a variable-length column reader.
COLUMN_ATTRIBUTES: tuple[str, ...] = ("_typecode", "_dbfile", "_basepos", "_count", "_doccount", "_default")
TEXT_COLUMN_ATTRIBUTES: tuple[str, ...] = ("_dbfile", "_basepos", "_lengths", "had_stored_offsets")
# What the parallel writer copies from ``MpWriter`` to start a helper of its own.
MP_ATTRIBUTES: tuple[str, ...] = (
    "storage", "indexname", "jobqueue", "resultqueue", "subargs", "multisegment", "tasks",
)  # fmt: skip

# What the block writer sets on a Whoosh 3 postings writer (``W3PostingsWriter``).
WRITER_ATTRIBUTES: tuple[str, ...] = ("_blocklimit", "_write_block", "_new_block")
# What the field writer uses of its own (``W3FieldWriter``) to write a term.
INLINE_ATTRIBUTES: tuple[str, ...] = ("_postwriter", "_tindex", "_fieldid")
INLINE_POSTINGS = 16  # fewer postings stay in the term info: a compressed block each cost a third of a write
# What writing short terms' rows into the term table needs; a row's head and term info layouts.
TERMS_ATTRIBUTES: tuple[str, ...] = ("dbfile", "hashfn", "buckets", "index", "lastkey")
_ROW_LENGTHS = struct.Struct("!ii")
TERMS_AT_ONCE = 4096
_TERMINFO = struct.Struct("!BfIBBfII")

# What the faster segment writer uses of Whoosh's (``SegmentWriter``) and its posting pool.
SEGMENT_WRITER_ATTRIBUTES: tuple[str, ...] = ("_check_state", "_doc_boost", "_field_boost", "_check_fields")
POOL_ATTRIBUTES: tuple[str, ...] = ("save", "items", "_open_run", "_remove_run", "_merge_runs")
RUN_CHUNK = 20_000  # postings written to (and read from) a run file at once
_CHUNK_SIZE = struct.Struct("<Q")  # each chunk of a run file starts with its length
POSTING_BYTES = 220  # a pooled posting: its tuple, term bytes, document number, weight and value

Block = tuple[Iterable[int], Iterable[float]]  # a block of postings: documents, weights
FieldPosting = tuple[bytes, int, float, bytes]  # a field's posting: term, frequency, weight, value
Posting = tuple[str, bytes, int, float, bytes]  # a pooled posting: field, term, document, weight, value

_log, _warned = logging.getLogger(__name__), set[str]()


def _fallback(what: str, missing: Iterable[str]) -> None:
    """Log once per reader that Whoosh changed under us and the slow public path is taken."""
    if what not in _warned:
        _warned.add(what)
        _log.warning("whoosh internals changed (%s lacks %s): reading through the public API", what, missing)


def _lacks(obj: object, names: tuple[str, ...]) -> list[str]:
    return [name for name in names if not hasattr(obj, name)]


# -- posting lists ----------------------------------------------------------------------------
def _matcher(leaf: IndexReader, field: str, text: Any) -> Any:
    """Return the segment's posting matcher of a word, deleted documents not filtered out (callers mask)."""
    matcher = leaf.postings(field, text)
    return matcher.child if isinstance(matcher, FilterMatcher) else matcher


def posting_ids(leaf: IndexReader, field: str, text: Any) -> Iterator[Iterable[int]]:
    """Yield one segment's documents holding ``text`` in ``field``, a block of 512 at a time.

    A block is unpickled and its deltas summed in C, rather than a Python call per posting.
    A word held by no document of the segment yields nothing.
    """
    for ids, _weights in _blocks(leaf, field, text, public_posting_ids, weights=False):
        yield ids


def posting_weights(leaf: IndexReader, field: str, text: Any) -> Iterator[Block]:
    """Yield one segment's (documents, weights) of ``text`` in ``field``, a block at a time."""
    return _blocks(leaf, field, text, public_posting_weights, weights=True)


def _blocks(leaf: IndexReader, field: str, text: Any, twin: Any, weights: bool) -> Iterator[Any]:
    if not leaf.doc_frequency(field, text):
        return
    matcher = _matcher(leaf, field, text)
    missing = _lacks(matcher, BLOCK_ATTRIBUTES)
    if missing:
        if type(matcher).__name__ == "W3LeafMatcher":
            _fallback("the posting matcher", missing)
        # Short lists are stored inline in the term info, read through a list matcher.
        found = twin(leaf, field, text)
        yield found if weights else (found, ())
        return
    while matcher.is_active():
        if matcher._data is None:
            matcher._read_data()
        if weights:
            matcher._read_weights()
        raw = matcher._data[0]
        yield (raw if matcher._byteids else accumulate(raw)), (matcher._weights if weights else ())
        if matcher._lastblock:
            return
        matcher._goto(matcher._nextoffset)


# -- numeric columns --------------------------------------------------------------------------
def numeric_column(leaf: IndexReader, field: str) -> list[int]:
    """Return a 64-bit sortable column's raw values for every document of one segment.

    The packed values are read in one piece and byte-swapped in C; a document past the last
    stored value holds the column's default. A segment without the column gives [].
    """
    if not leaf.has_column(field):
        return []
    reader = leaf.column_reader(field, translate=False)
    missing = _lacks(reader, COLUMN_ATTRIBUTES)
    typecode = getattr(reader, "_typecode", None)
    if missing or typecode not in ("Q", "q"):
        _fallback("the numeric column reader", missing or [f"a 64-bit typecode (has {typecode!r})"])
        return list(reader)
    values = array(typecode, reader._dbfile.get(reader._basepos, reader._count * 8))
    if sys.byteorder == "little":
        values.byteswap()  # stored big-endian ("!Q")
    out = [*values, *([reader._default] * (reader._doccount - reader._count))]
    # A cheap guard against a silently changed layout: the ends must read as the public API reads them.
    if out and (out[0] != reader[0] or out[-1] != reader[len(out) - 1] or len(out) != len(reader)):
        _fallback("the numeric column reader", ["the layout it was proven on"])
        return list(reader)
    return out


def text_column(leaf: IndexReader, field: str) -> list[str]:
    """Return a text column's values (the ids) for every document of one segment, [] without it.

    The values lie end to end: read in one piece, decoded once, cut at offsets summed in C.
    """
    if not leaf.has_column(field):
        return []
    reader = leaf.column_reader(field, translate=False)
    missing = _lacks(reader, TEXT_COLUMN_ATTRIBUTES)
    if missing or reader.had_stored_offsets:
        _fallback("the text column reader", missing or ["values written in order"])
        return public_text_column(leaf, field)
    lengths = reader._lengths
    data = reader._dbfile.get(reader._basepos, sum(lengths))
    if not data.isascii():  # ids are ASCII but for a user's own entries' slugs, rarely
        return public_text_column(leaf, field)
    text = data.decode("ascii")
    ends = list(accumulate(lengths))
    out = list(map(text.__getitem__, map(slice, [0, *ends[:-1]], ends)))
    # A cheap guard against a silently changed layout: the ends must read as the public API reads them.
    if out and (out[0] != reader[0].decode("utf-8") or out[-1] != reader[len(out) - 1].decode("utf-8")):
        _fallback("the text column reader", ["the layout it was proven on"])
        return public_text_column(leaf, field)
    return out


# -- writing ----------------------------------------------------------------------------------
class _FieldWriter(W3FieldWriter):  # type: ignore[misc]
    """Writes a segment's sorted postings a block at a time, without block length statistics.

    Whoosh keeps each block's shortest and longest field length for scoring shortcuts this app
    never takes (a sixth of a write), and adds postings one checked call at a time; here each
    term's postings go to the block writer whole — the same bytes on disk.
    """

    def add_postings(self, schema: Any, lengths: Any, items: Any) -> Any:
        missing = _lacks(self, INLINE_ATTRIBUTES)
        if missing:
            _fallback("the block writer", missing)
            return super().add_postings(schema, None, items)
        direct = not _lacks(self._tindex, TERMS_ATTRIBUTES)
        if not direct:
            _fallback("the term table writer", _lacks(self._tindex, TERMS_ATTRIBUTES))
        field_name: str | None = None
        short: list[tuple[bytes, bytes]] = []  # a run of short terms' rows, written together
        for (name, text), group in groupby(items, itemgetter(0, 1)):  # field, term
            if name != field_name:
                self._add_terms(short)
                if field_name is not None:
                    self.finish_field()
                self.start_field(name, schema[name])
                field_name = name
            postings = list(group)
            if postings[0][2] < 0:  # a spelling word (Whoosh's own marker), not a posting
                raise ValueError("spelling words are not written by this codec")
            if len(postings) < INLINE_POSTINGS:
                row = (pack_ushort(self._fieldid) + text, _inline_terminfo(postings))
                if not direct:
                    self._tindex.add(*row)
                    continue
                short.append(row)
                if len(short) >= TERMS_AT_ONCE:  # a field's rare words run to hundreds of thousands
                    self._add_terms(short)
                continue
            self._add_terms(short)
            self.start_term(text)
            self._add_term_postings(postings)
            self.finish_term()
        self._add_terms(short)
        if field_name is not None:
            self.finish_field()
        return None

    def _add_terms(self, rows: list[tuple[bytes, bytes]]) -> None:
        """Append short terms' rows to the term table at once (``OrderedHashWriter.add``, row by row)."""
        if not rows:
            return
        table = self._tindex
        position, hashfn, buckets, offsets = table.dbfile.tell(), table.hashfn, table.buckets, table.index
        chunks: list[bytes] = []
        for key, value in rows:
            offsets.append(position)
            chunks += (_ROW_LENGTHS.pack(len(key), len(value)), key, value)
            digest = hashfn(key)
            buckets[digest & 255].append((digest, position))
            position += _ROW_LENGTHS.size + len(key) + len(value)
        table.dbfile.write(b"".join(chunks))
        table.lastkey = rows[-1][0]
        rows.clear()

    def _add_term_postings(self, postings: list[tuple[str, bytes, int, float, bytes | None]]) -> None:
        writer = self._postwriter
        missing = _lacks(writer, WRITER_ATTRIBUTES)
        if missing:
            _fallback("the block writer", missing)
            for _name, _text, number, weight, value in postings:
                self.add(number, weight, value or b"", None)
            return
        limit = writer._blocklimit
        for start in range(0, len(postings), limit):
            block = postings[start : start + limit]
            weights = [p[3] for p in block]
            writer._ids = array("I", [p[2] for p in block])
            writer._weights = array("f", weights)
            writer._values = [p[4] for p in block if p[4]]
            writer._maxweight = max(0.0, max(weights))
            if start + limit < len(postings):
                writer._write_block()  # the last block is left to finish_postings, as Whoosh does


def _inline_terminfo(postings: list[Posting]) -> bytes:
    """Return a short posting list's row in the term table: ``W3TermInfo.to_bytes`` of it inlined.

    (Whoosh's own path to inlined postings is broken: its writer calls ``set_inline``, the term
    info has ``set_inlined``.)
    """
    ids, weights = array("I", [p[2] for p in postings]), array("f", [p[3] for p in postings])
    values = tuple(p[4] for p in postings if p[4])
    top = max(0.0, max(p[3] for p in postings))
    head = _TERMINFO.pack(True, sum(weights), len(ids), 0, 0, top, ids[0], ids[-1])
    return head + pickle.dumps((tuple(ids), tuple(weights), values), 2)


class _Pool(PostingPool):  # type: ignore[misc]
    """Whoosh's posting pool, taking a document's field's postings as one list (not one checked call each).

    Memory is estimated per posting: an upper bound for this app's short terms.
    """

    def add_all(self, field: str, number: int, boost: float, items: list[FieldPosting]) -> None:
        if boost == 1.0:
            made = [(field, text, number, weight, value) for text, _f, weight, value in items]
        else:
            made = [(field, text, number, weight * boost, value) for text, _f, weight, value in items]
        self.current.extend(made)
        self.fieldnames.add(field)
        self.currentsize += POSTING_BYTES * len(made)
        if self.currentsize > self.limit:
            self.save()

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


class _MergingInlined:
    """Whoosh's merge of segments (``add_postings_to_pool``), with postings kept in a term info read right.

    A list matcher gives a short posting list without values (word pairs, keywords) the value
    "", not b"", which Whoosh's pool refuses: merges after a few small commits failed.
    """

    pool: Any

    def add_postings_to_pool(self, reader: Any, startdoc: int, docmap: Any) -> None:
        if _lacks(self, ("_process_posts",)):
            _fallback("the segment merge", ["_process_posts"])
            super().add_postings_to_pool(reader, startdoc, docmap)  # type: ignore[misc]
            return
        add = self.pool.add
        for item in self._process_posts(reader.iter_postings(), startdoc, docmap):  # type: ignore[attr-defined]
            add(item if item[4] != "" else (*item[:4], b""))


class _Writer(_MergingInlined, SegmentWriter):  # type: ignore[misc]
    """Whoosh's segment writer, adding each field's postings to the pool as one list.

    The same documents, fields, lengths, columns and postings as ``SegmentWriter``, without the
    per-posting calls. Fields with spelling words or term vectors (none here) are refused.
    """

    def __init__(self, ix: Index, **kwargs: Any) -> None:
        super().__init__(ix, **kwargs)
        stock: PostingPool = self.pool
        self.pool: _Pool = _Pool(stock.tempstore, stock.segment, limitmb=stock.limit // (1024 * 1024))

    def add_document(self, **fields: Any) -> None:
        self._check_state()
        perdocwriter, schema, number, pool = self.perdocwriter, self.schema, self.docnum, self.pool
        boost = self._doc_boost(fields)
        names = sorted(name for name in fields if not name.startswith("_"))
        self._check_fields(schema, names)
        perdocwriter.start_doc(number)
        try:
            for name in names:
                value = fields.get(name)
                if value is None:
                    continue
                field = schema[name]
                if field.separate_spelling() or field.vector:
                    raise ValueError(f"the field {name!r} has spelling words or vectors")
                length = 0
                if field.indexed:
                    items = field.index(value)
                    items = items if isinstance(items, list) else list(items)
                    if field.scorable:
                        length = sum(item[1] for item in items)
                    pool.add_all(name, number, self._field_boost(fields, name, boost), items)
                stored = fields.get(f"_stored_{name}", value)
                perdocwriter.add_field(name, field, stored if field.stored else None, length)
                if field.column_type and stored is not None:
                    perdocwriter.add_column_value(name, field.column_type, field.to_column_value(stored))
        except Exception:
            perdocwriter.cancel_doc()
            raise
        perdocwriter.finish_doc()
        self._added = True
        self.docnum += 1


def segment_writer(ix: Index, **kwargs: Any) -> Any:
    """Return a writer of one new segment: the faster one, or Whoosh's if what it needs has changed."""
    missing = _lacks(SegmentWriter, SEGMENT_WRITER_ATTRIBUTES) + _lacks(PostingPool, POOL_ATTRIBUTES)
    if missing:
        _fallback("the segment writer", missing)
        return ix.writer(**kwargs)
    return _Writer(ix, **kwargs)


class Codec(W3Codec):  # type: ignore[misc]
    """The on-disk format: Whoosh 3 with posting blocks of 512 (not 128), no block length statistics.

    A block is read whole: bigger blocks are a quarter of the calls for long posting lists.
    """

    def field_writer(self, storage: Any, segment: Any) -> Any:
        return _FieldWriter(self, storage, segment)


class _GuardedTask(SubWriterTask):  # type: ignore[misc]
    """A helper process of a parallel index write that ends when the app does (Whoosh's wait for ever).

    A thread watches the app's sentinel and ends the helper.
    """

    def run(self) -> None:
        end_with_parent()
        self._write()

    def _write(self) -> None:
        """Whoosh's helper loop (``SubWriterTask.run``), writing with the faster segment writer."""
        ix = self.storage.open_index(self.indexname)
        writer = self.writer = segment_writer(ix, _lk=False, **self.kwargs)
        while self.running:
            job = self.jobqueue.get()
            if job is None:
                break
            self._process_file(*job)
        if not self.running:
            writer.cancel()
        elif self.multisegment:
            fields = writer.pool.fieldnames
            self.resultqueue.put((None, fields, writer._finalize_segment()), timeout=5)
        else:
            self.resultqueue.put(finish_subsegment(writer, self.kwargs.get("k", 64)), timeout=5)


class _GuardedMpWriter(_MergingInlined, MpWriter):  # type: ignore[misc]
    """Whoosh's parallel writer, with helpers that end when the app does and that cannot fail unseen.

    Whoosh's commit waits a second for each helper's segment and, when one never comes, commits
    without it: its documents lost, silently; and a writer whose helpers all ended waits for
    ever on their full job queue. Here both raise (``helper_queues``) before the table of
    contents is written, so the index stays as it was.
    """

    resultqueue: Any  # Whoosh's queue of the helpers' segments
    jobqueue: Any  # and of their documents

    def _commit(self, *args: Any) -> Any:
        results = self.resultqueue
        self.resultqueue = CheckedResults(results)
        try:
            return super()._commit(*args)
        finally:
            self.resultqueue = results

    def _enqueue(self) -> Any:
        jobs = self.jobqueue
        self.jobqueue = CheckedJobs(jobs, self.tasks)
        try:
            return super()._enqueue()
        finally:
            self.jobqueue = jobs

    def _new_task(self) -> Any:
        missing = _lacks(self, MP_ATTRIBUTES)
        if missing:
            # Whoosh's own helper outlives a killed app, but writes the same index.
            _fallback("the parallel writer", missing)
            return super()._new_task()
        jobs = getattr(self.jobqueue, "jobs", self.jobqueue)  # the queue itself, inside _enqueue
        task = _GuardedTask(
            self.storage, self.indexname, jobs, self.resultqueue, self.subargs, self.multisegment
        )
        self.tasks.append(task)
        task.start()
        return task


def parallel_writer(ix: Index, procs: int, limitmb: int, timeout: float, codec: Codec) -> Any:
    """Return Whoosh's multi-process writer (separate files, one segment per helper, ended with the app)."""
    if _lacks(MpWriter, ("_new_task",)):
        _fallback("the parallel writer", ["_new_task"])
    return _GuardedMpWriter(
        ix, procs=procs, limitmb=limitmb, multisegment=True, timeout=timeout, codec=codec, compound=False
    )
