"""Writing segments faster than Whoosh: a field's postings at once, terms written whole, guarded helpers."""

from __future__ import annotations

import pickle
import struct
from array import array
from multiprocessing import Queue
from operator import itemgetter
from typing import Any

from whoosh.codec.whoosh3 import W3Codec, W3FieldWriter, W3LeafMatcher
from whoosh.index import Index
from whoosh.multiproc import MpWriter, SubWriterTask, finish_subsegment
from whoosh.system import pack_ushort
from whoosh.writing import PostingPool, SegmentWriter

from desktop_app.core.processes import end_with_parent
from desktop_app.search.helper_queues import CheckedJobs, CheckedResults
from desktop_app.search.helper_queues import HelperFailedError as HelperFailedError
from desktop_app.search.whoosh_raw.blocks import (
    BLOCK_WRITER_ATTRIBUTES,
    MATCHER_METHODS,
    BinaryMatcher,
    BinaryPostingsWriter,
)
from desktop_app.search.whoosh_raw.common import _fallback, _lacks
from desktop_app.search.whoosh_raw.perdoc import PERDOC_ATTRIBUTES, PerDocWriter
from desktop_app.search.whoosh_raw.pool import POOL_ATTRIBUTES, Grouped, Pool, PoolPosting, grouped

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
FILES_AHEAD = 200  # the parallel writer's job files (100 documents each) not yet taken by a helper
# A field, whether indexed, scored, stored; its column type; how it makes the pool's postings.
_FieldFacts = tuple[Any, bool, bool, bool, Any, Any]
_FREQUENCY = itemgetter(1)  # of a field's posting: term, frequency, weight, value
# What the faster segment writer uses of Whoosh's (``SegmentWriter``).
SEGMENT_WRITER_ATTRIBUTES: tuple[str, ...] = ("_check_state", "_doc_boost", "_field_boost", "_check_fields")


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
        groups = items.groups if isinstance(items, Grouped) else grouped(items)
        for name, text, postings in groups:
            if name != field_name:
                self._add_terms(short)
                if field_name is not None:
                    self.finish_field()
                self.start_field(name, schema[name])
                field_name = name
            if postings[0][0] < 0:  # a spelling word (Whoosh's own marker), not a posting
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

    def _add_term_postings(self, postings: list[PoolPosting]) -> None:
        writer = self._postwriter
        missing = _lacks(writer, WRITER_ATTRIBUTES)
        if missing:
            _fallback("the block writer", missing)
            for number, weight, value in postings:
                self.add(number, weight, value or b"", None)
            return
        limit = writer._blocklimit
        for start in range(0, len(postings), limit):
            block = postings[start : start + limit]
            weights = [p[1] for p in block]
            writer._ids = array("I", [p[0] for p in block])
            writer._weights = array("f", weights)
            writer._values = [p[2] for p in block if p[2]]
            writer._maxweight = max(0.0, max(weights))
            if start + limit < len(postings):
                writer._write_block()  # the last block is left to finish_postings, as Whoosh does


def _inline_terminfo(postings: list[PoolPosting]) -> bytes:
    """Return a short posting list's row in the term table: ``W3TermInfo.to_bytes`` of it inlined.

    (Whoosh's own path to inlined postings is broken: its writer calls ``set_inline``, the term
    info has ``set_inlined``.)
    """
    ids, weights = array("I", [p[0] for p in postings]), array("f", [p[1] for p in postings])
    values = tuple(p[2] for p in postings if p[2])
    top = max(0.0, max(p[1] for p in postings))
    head = _TERMINFO.pack(True, sum(weights), len(ids), 0, 0, top, ids[0], ids[-1])
    return head + pickle.dumps((tuple(ids), tuple(weights), values), 2)


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
        self.pool: Pool = Pool(stock.tempstore, stock.segment, limitmb=stock.limit // (1024 * 1024))
        self._known: dict[str, _FieldFacts] = {}

    def _facts(self, name: str) -> _FieldFacts:
        """Return what adding a value of a field asks of it, asked once per writer."""
        field = self.schema[name]
        if field.separate_spelling() or field.vector:
            raise ValueError(f"the field {name!r} has spelling words or vectors")
        made = getattr(field, "pool_postings", None)  # the app's one-pass fields make them ready
        indexed, scorable, stored = bool(field.indexed), bool(field.scorable), bool(field.stored)
        facts: _FieldFacts = (field, indexed, scorable, stored, field.column_type, made)
        self._known[name] = facts
        return facts

    def add_document(self, **fields: Any) -> None:
        self._check_state()
        perdocwriter, number, pool = self.perdocwriter, self.docnum, self.pool
        known = self._known
        names = sorted(name for name in fields if name[:1] != "_")
        plain = len(names) == len(fields)  # no "_boost", "_stored_x", "_x_boost" among them
        boost = 1.0 if plain else self._doc_boost(fields)
        self._check_fields(self.schema, names)
        perdocwriter.start_doc(number)
        try:
            for name in names:
                value = fields[name]
                if value is None:
                    continue
                field, indexed, scorable, stored_too, column, made = known.get(name) or self._facts(name)
                length = 0
                ready = made(value, number) if made is not None and plain and indexed else None
                if ready is not None:
                    terms, postings, length = ready
                    pool.add_made(name, number, terms, postings)
                    length = length if scorable else 0
                elif indexed:
                    items = field.index(value)
                    if type(items) is not list:
                        items = list(items)
                    if scorable:
                        length = sum(map(_FREQUENCY, items))
                    weight = boost if plain else self._field_boost(fields, name, boost)
                    pool.add_all(name, number, weight, items)
                stored = value if plain else fields.get(f"_stored_{name}", value)
                perdocwriter.add_field(name, field, stored if stored_too else None, length)
                if column and stored is not None:
                    perdocwriter.add_column_value(name, column, field.to_column_value(stored))
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
    """The on-disk format: Whoosh 3, posting blocks of 512 (not 128) as packed arrays, no length statistics.

    Blocks are written and read by ``blocks``. A block is read whole: bigger blocks are a quarter
    of the calls for long posting lists.
    """

    def field_writer(self, storage: Any, segment: Any) -> Any:
        return _FieldWriter(self, storage, segment)

    def per_document_writer(self, storage: Any, segment: Any) -> Any:
        writer = PerDocWriter(self, storage, segment)
        missing = _lacks(writer, PERDOC_ATTRIBUTES)
        if missing:
            _fallback("the per-document writer", missing)
            return super().per_document_writer(storage, segment)
        return writer

    def postings_writer(self, dbfile: Any, byteids: bool = False) -> Any:
        unreadable = _lacks(W3LeafMatcher, MATCHER_METHODS)  # what could not be read back is not written
        if unreadable:
            _fallback("the binary block writer", unreadable)
            return super().postings_writer(dbfile, byteids=byteids)
        writer = BinaryPostingsWriter(
            dbfile,
            self._blocklimit,
            byteids=byteids,
            compression=self._compression,
            inlinelimit=self._inlinelimit,
        )
        missing = _lacks(writer, BLOCK_WRITER_ATTRIBUTES)
        if missing:
            _fallback("the binary block writer", missing)
            return super().postings_writer(dbfile, byteids=byteids)
        return writer

    def postings_reader(
        self, dbfile: Any, terminfo: Any, format_: Any, term: Any = None, scorer: Any = None
    ) -> Any:
        if terminfo.is_inlined():
            return super().postings_reader(dbfile, terminfo, format_, term=term, scorer=scorer)
        offset, length = terminfo.extent()
        return BinaryMatcher(dbfile, offset, length, format_, term=term, scorer=scorer)


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

    Whoosh's queue of job files holds four per helper (800 documents): a caller adding a batch
    waited on the helpers for all but the last few hundred. Here it holds ``FILES_AHEAD``
    (files on disk, not memory): the caller goes on to its next batch while they write.
    """

    resultqueue: Any  # Whoosh's queue of the helpers' segments
    jobqueue: Any  # and of their documents

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.jobqueue = Queue(FILES_AHEAD)  # no helper has it yet: they start at the first file

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
