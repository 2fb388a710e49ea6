"""Whoosh's private internals, in this module only: fast block readers, the codec, mapped storage, writers.

Everything here reaches past ``whoosh-reloaded``'s public API, and is proven against exactly the
version ``pyproject.toml`` pins: ``tests/search/test_whoosh_raw.py`` builds an index (several
segments, deletions, numeric columns, posting lists of many blocks) and checks that each fast
reader agrees with its public twin, and that each fallback — taken when an attribute it needs is
missing — gives the same answer. Nothing else in the app may touch a private Whoosh name.

Fast readers and their twins (each returns the same thing; the twin uses only public calls):

- ``posting_ids`` / ``public_posting_ids``: one segment's documents holding a word;
- ``posting_weights`` / ``public_posting_weights``: the same with how often each holds it;
- ``numeric_column`` / ``public_numeric_column``: a 64-bit column's raw values by document.

The fast posting readers may include the segment's deleted documents (callers mask them with the
live set); their twins, like Whoosh, leave them out.
"""

from __future__ import annotations

import io
import logging
import mmap
import multiprocessing
import os
import sys
import threading
from array import array
from collections.abc import Iterable, Iterator
from itertools import accumulate
from multiprocessing.connection import wait
from typing import Any

from whoosh.codec.whoosh3 import W3Codec, W3FieldWriter
from whoosh.filedb.filestore import FileStorage
from whoosh.filedb.structfile import StructFile
from whoosh.index import Index
from whoosh.matching.wrappers import FilterMatcher
from whoosh.multiproc import MpWriter, SubWriterTask
from whoosh.reading import IndexReader

# What the block readers need of a Whoosh 3 posting matcher (``W3LeafMatcher``).
BLOCK_ATTRIBUTES: tuple[str, ...] = (
    "_read_data", "_read_weights", "_data", "_byteids", "_lastblock", "_goto", "_nextoffset", "_blocklength",
)  # fmt: skip
# What the column reader needs of a numeric column reader (``NumericColumn.Reader``).
COLUMN_ATTRIBUTES: tuple[str, ...] = ("_typecode", "_dbfile", "_basepos", "_count", "_doccount", "_default")
# What the parallel writer copies from ``MpWriter`` to start a helper of its own.
MP_ATTRIBUTES: tuple[str, ...] = (
    "storage", "indexname", "jobqueue", "resultqueue", "subargs", "multisegment", "tasks",
)  # fmt: skip

Block = tuple[Iterable[int], Iterable[float]]  # a block of postings: documents, weights

_log = logging.getLogger(__name__)
_warned: set[str] = set()


def _fallback(what: str, missing: Iterable[str]) -> None:
    """Log once per reader that Whoosh changed under us and the slow public path is taken."""
    if what not in _warned:
        _warned.add(what)
        _log.warning("whoosh internals changed (%s lacks %s): reading through the public API", what, missing)


def _lacks(obj: object, names: tuple[str, ...]) -> list[str]:
    return [name for name in names if not hasattr(obj, name)]


# -- posting lists ----------------------------------------------------------------------------
def _matcher(leaf: IndexReader, field: str, text: Any) -> Any:
    """Return the segment's posting matcher of a word, deleted documents not filtered out.

    (Whoosh's filter has already stepped past the leading deleted ones: a whole block of them
    may be missing, which the caller's mask would have removed anyway.)
    """
    matcher = leaf.postings(field, text)
    return matcher.child if isinstance(matcher, FilterMatcher) else matcher


def posting_ids(leaf: IndexReader, field: str, text: Any) -> Iterator[Iterable[int]]:
    """Yield one segment's documents holding ``text`` in ``field``, a block of 512 at a time.

    A block is unpickled and its deltas summed in C, rather than a Python call per posting.
    A word held by no document of the segment yields nothing.
    """
    if not leaf.doc_frequency(field, text):
        return
    matcher = _matcher(leaf, field, text)
    missing = _lacks(matcher, BLOCK_ATTRIBUTES)
    if missing:
        if type(matcher).__name__ == "W3LeafMatcher":
            _fallback("the posting matcher", missing)
        # Short lists are stored inline in the term info, read through a list matcher.
        yield public_posting_ids(leaf, field, text)
        return
    while matcher.is_active():
        if matcher._data is None:
            matcher._read_data()
        raw = matcher._data[0]
        yield raw if matcher._byteids else accumulate(raw)
        if matcher._lastblock:
            return
        matcher._goto(matcher._nextoffset)


def posting_weights(leaf: IndexReader, field: str, text: Any) -> Iterator[Block]:
    """Yield one segment's (documents, weights) of ``text`` in ``field``, a block at a time."""
    if not leaf.doc_frequency(field, text):
        return
    matcher = _matcher(leaf, field, text)
    missing = _lacks(matcher, BLOCK_ATTRIBUTES)
    if missing:
        if type(matcher).__name__ == "W3LeafMatcher":
            _fallback("the posting matcher", missing)
        yield public_posting_weights(leaf, field, text)
        return
    while matcher.is_active():
        matcher._read_data()
        matcher._read_weights()
        raw = matcher._data[0]
        yield (raw if matcher._byteids else accumulate(raw)), matcher._weights
        if matcher._lastblock:
            return
        matcher._goto(matcher._nextoffset)


def _public_pairs(matcher: Any) -> tuple[list[int], list[float]]:
    ids: list[int] = []
    weights: list[float] = []
    while matcher.is_active():
        ids.append(matcher.id())
        weights.append(matcher.weight())
        matcher.next()
    return ids, weights


def public_posting_ids(leaf: IndexReader, field: str, text: Any) -> list[int]:
    """Return the live documents ``posting_ids`` yields, read through Whoosh's public matcher API."""
    if not leaf.doc_frequency(field, text):
        return []
    return list(leaf.postings(field, text).all_ids())


def public_posting_weights(leaf: IndexReader, field: str, text: Any) -> tuple[list[int], list[float]]:
    """Return the live documents and weights ``posting_weights`` yields, through the public matcher API."""
    if not leaf.doc_frequency(field, text):
        return [], []
    return _public_pairs(leaf.postings(field, text))


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


def public_numeric_column(leaf: IndexReader, field: str) -> list[int]:
    """Return what ``numeric_column`` returns, read value by value through the public column API."""
    if not leaf.has_column(field):
        return []
    return list(leaf.column_reader(field, translate=False))


# -- writing ----------------------------------------------------------------------------------
class _FieldWriter(W3FieldWriter):  # type: ignore[misc]
    """Writes postings without looking up each document's field length for block statistics.

    Whoosh keeps the shortest and longest field length of every posting block for its own
    scoring shortcuts; this app ranks with its own bitsets and never reads them, and the
    lookup (one per posting) was a sixth of the time spent writing an index.
    """

    def add_postings(self, schema: Any, lengths: Any, items: Any) -> Any:
        return super().add_postings(schema, None, items)


class Codec(W3Codec):  # type: ignore[misc]
    """The on-disk format: Whoosh 3 with posting blocks of 512 (not 128), no block length statistics.

    Each block is unpickled and decompressed as a whole when read; bigger blocks mean a
    quarter of the calls for the long posting lists that searches turn into bitsets.
    """

    def field_writer(self, storage: Any, segment: Any) -> Any:
        return _FieldWriter(self, storage, segment)


class MappedStorage(FileStorage):  # type: ignore[misc]
    """An index folder whose files are read through memory maps: from the page cache, never copied."""

    def open_file(self, name: str, **kwargs: Any) -> StructFile:
        with open(os.path.join(self.folder, name), "rb") as handle:
            if os.fstat(handle.fileno()).st_size == 0:
                return StructFile(io.BytesIO(b""), name=name, **kwargs)
            mapped = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
        return StructFile(mapped, name=name, **kwargs)


class _GuardedTask(SubWriterTask):  # type: ignore[misc]
    """A helper process of a parallel index write that ends when the app does.

    Whoosh's helpers wait on their job queue for ever; killed mid-write, the app would leave
    them (and the forkserver) running. A thread watches the app's sentinel and ends the helper.
    """

    def run(self) -> None:
        parent = multiprocessing.parent_process()
        if parent is not None:

            def watch() -> None:
                wait([parent.sentinel])
                os._exit(1)

            threading.Thread(target=watch, name="app-watch", daemon=True).start()
        super().run()


class _GuardedMpWriter(MpWriter):  # type: ignore[misc]
    """Whoosh's parallel writer, with helpers that end when the app does."""

    def _new_task(self) -> Any:
        missing = _lacks(self, MP_ATTRIBUTES)
        if missing:
            # Whoosh's own helper outlives a killed app, but writes the same index.
            _fallback("the parallel writer", missing)
            return super()._new_task()
        task = _GuardedTask(
            self.storage, self.indexname, self.jobqueue, self.resultqueue, self.subargs, self.multisegment
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
