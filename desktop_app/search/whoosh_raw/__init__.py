"""Whoosh's private internals, in this package only: fast block readers here, writing in ``writing``.

Everything here reaches past ``whoosh-reloaded``'s public API, proven against exactly the version
``pyproject.toml`` pins: ``tests/search/test_whoosh_raw.py`` builds an index (segments, deletions,
columns, long posting lists) and checks each fast reader against its public twin (the same answer
through public calls only), and each fallback, taken when an attribute it needs is missing.
Nothing else in the app may touch a private Whoosh name. The readers and their twins:
``posting_ids`` (a word's documents in one segment), ``posting_weights`` (with how often each holds
it), ``numeric_column`` (a 64-bit column by document), ``text_column`` (the ids), each ``public_*``.

Writing (``writing`` and ``pool``): ``segment_writer`` (and the parallel writer's helpers) gather
each term's postings as documents come, hand each term's postings to the block writer whole and
short terms' rows to the term table together; ``tests/search/test_fast_writing.py`` compares with
Whoosh's own writing. Blocks (``blocks``) are packed arrays, read in C; ``tests/search/test_blocks.py``
compares them with Whoosh's pickled blocks, which older indexes hold and which still read. The
fast posting readers may include deleted documents (callers mask them); the twins do not.
"""

from __future__ import annotations

import math
import sys
from array import array
from collections import deque
from collections.abc import Iterable, Iterator
from itertools import accumulate
from typing import Any

from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.matching.wrappers import FilterMatcher
from whoosh.reading import IndexReader, TermNotFound

from desktop_app.search.whoosh_public import public_numeric_column as public_numeric_column
from desktop_app.search.whoosh_public import public_posting_ids as public_posting_ids
from desktop_app.search.whoosh_public import public_posting_weights as public_posting_weights
from desktop_app.search.whoosh_public import public_text_column as public_text_column
from desktop_app.search.whoosh_raw.blocks import Block as PackedBlock
from desktop_app.search.whoosh_raw.common import _fallback, _lacks
from desktop_app.search.whoosh_raw.writing import Codec as Codec  # old indexes name the codec here
from desktop_app.search.whoosh_raw.writing import HelperFailedError as HelperFailedError
from desktop_app.search.whoosh_raw.writing import parallel_writer as parallel_writer
from desktop_app.search.whoosh_raw.writing import segment_writer as segment_writer

# What the block readers need of a Whoosh 3 posting matcher (``W3LeafMatcher``).
BLOCK_ATTRIBUTES: tuple[str, ...] = (
    "_read_data", "_read_weights", "_data", "_byteids", "_lastblock", "_goto", "_nextoffset", "_blocklength",
)  # fmt: skip
# What the column readers need of a numeric or a variable-length column reader.
COLUMN_ATTRIBUTES: tuple[str, ...] = ("_typecode", "_dbfile", "_basepos", "_count", "_doccount", "_default")
TEXT_COLUMN_ATTRIBUTES: tuple[str, ...] = ("_dbfile", "_basepos", "_lengths", "had_stored_offsets")

Block = tuple[Iterable[int], Iterable[float]]  # a block of postings: documents, weights


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


def fill_counts(leaf: IndexReader, field: str, text: Any, part: bytearray) -> None:
    """Store in ``part`` (a byte per document of the segment) how often each document holds the word.

    The count is the posting's weight rounded up, 1 to 255. A dense block (most documents of
    its stretch hold the word: common words) is one slice copied in C; any other block is
    stored posting by posting, by ``map`` in C. Deleted documents are included (callers mask).
    """
    put = part.__setitem__
    for block in _blocks(leaf, field, text, public_posting_weights, weights=True, spans=True):
        if isinstance(block, PackedBlock):
            assert block.span is not None
            part[block.first : block.first + len(block.span)] = block.span
            continue
        ids, weights = block
        ids = list(ids)
        whole = getattr(weights, "typecode", "") == "B"  # counts already, as bytes
        try:
            deque(map(put, ids, weights if whole else map(math.ceil, weights)), 0)
        except ValueError:  # a word 256 times or more in one field
            for doc, weight in zip(ids, weights, strict=False):
                part[doc] = min(255, max(1, math.ceil(weight)))


def _blocks(
    leaf: IndexReader, field: str, text: Any, twin: Any, weights: bool, spans: bool = False
) -> Iterator[Any]:
    """Yield the word's postings in the segment a block at a time: (documents, weights or ()).

    With ``spans``, a dense packed block comes whole (``PackedBlock``, its ``span`` set).
    """
    try:  # one look-up in the segment's term table, not a frequency check first and then this
        matcher = _matcher(leaf, field, text)
    except (TermNotFound, KeyError):
        return  # a word no document of the segment holds
    missing = _lacks(matcher, BLOCK_ATTRIBUTES)
    if missing:
        if isinstance(matcher, W3LeafMatcher):
            _fallback("the posting matcher", missing)
        # Short lists are stored inline in the term info, read through a list matcher.
        found = twin(leaf, field, text)
        yield found if weights else (found, ())
        return
    while matcher.is_active():
        if matcher._data is None:
            matcher._read_data()
        block = matcher._data
        if isinstance(block, PackedBlock):  # the app's packed blocks: weights as counts, in bytes when whole
            yield (
                block
                if spans and block.span is not None
                else (block.ids(), block.counts() if weights else ())
            )
        else:  # Whoosh's pickled blocks, in an index written before
            if weights:
                matcher._read_weights()
            raw = block[0]
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
