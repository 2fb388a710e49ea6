"""Posting blocks stored as packed arrays: read in C, instead of unpickling a Python object per posting.

Whoosh 3 pickles each block of postings as a tuple of Python ints (the documents, as gaps), floats
(the weights) and byte strings (the values: positions, counts). Reading a common word's list at
100,000 jobs then builds hundreds of thousands of objects: 18 ms for the 98,000 documents holding
"design", 36 ms for the 50,000 titles holding "engineer" (positions), most of a search's first
time for a word. Here a block is a few arrays' bytes: gaps as bytes, shorts or ints (the smallest
that holds them), weights as bytes when they are whole counts (else 32-bit floats, one value, or
none when all are 1), and values joined (with their lengths when they vary), compressed apart
and read only when asked for (phrases). ``array`` reads them in one C call. A dense block — a
quarter or more of the documents of its stretch hold the word — is a count per document of the
stretch, 0 where none: filling a word's flags copies it whole (``whoosh_raw.fill_counts``).

A posting list written this way starts with ``BINARY_MAGIC`` instead of Whoosh's ``W3Bl``; the
matcher reads both, so an index written before this format still opens. The block's info (its
length, last document, top weight) is Whoosh's own. ``tests/search/test_blocks.py`` proves both
formats give the same postings, term by term, and the decoding on odd blocks.
"""

from __future__ import annotations

import struct
import zlib
from array import array
from collections import deque
from collections.abc import Iterator
from itertools import accumulate, compress, repeat
from itertools import count as numbers
from operator import sub
from pickle import dumps
from typing import Any

from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC, W3LeafMatcher, W3PostingsWriter
from whoosh.util.numeric import length_to_byte

BINARY_MAGIC = b"GJb1"
# What writing a block uses of Whoosh's posting writer.
BLOCK_WRITER_ATTRIBUTES: tuple[str, ...] = (  # the block's own lists are made by ``_new_block``
    "_postfile", "_blockcount", "_terminfo", "_format", "_compression", "_new_block", "_byteids",
    "_blocklimit",
)  # fmt: skip
# What the matcher overrides of Whoosh's (the block attributes it reads are in ``BLOCK_ATTRIBUTES``).
MATCHER_METHODS: tuple[str, ...] = (
    "_read_header",
    "_read_data",
    "_read_ids",
    "_read_weights",
    "_read_values",
)
# A block's head: gaps' typecode, weights' kind, values' kind, values compressed, the one weight,
# the first document, postings, values.
_HEAD = struct.Struct("<cBBBfIII")
_NO_WEIGHTS, _ONE_WEIGHT, _FLOAT_WEIGHTS, _BYTE_WEIGHTS, _SPAN_COUNTS = 0, 1, 2, 3, 4
_SPAN = struct.Struct("<I")  # a dense block's span of documents, after its head
SPAN_DOCS = "S"  # the typecode of a dense block: a count per document of its span, 0 where none
DENSE_FROM = 16  # postings: a shorter block is never stored as a span
SPAN_STRETCH = 4  # a block is dense when its stretch of documents is at most this many per posting
_NO_VALUES, _FIXED_VALUES, _SIZED_VALUES = 0, 1, 2
_COMPRESS_FROM = 64  # values shorter than this are stored as they are


class Block:
    """A block read: its documents and weights at hand, its values only when someone asks (phrases).

    ``weights`` is None (every weight 1), one float (all the same), or an array: of bytes when
    every weight is a whole number below 256 (how often a word is in a field), else of floats.
    """

    __slots__ = ("_compressed", "_shape", "_valued", "_values", "count", "first", "gaps", "span", "weights")
    count: int
    first: int
    gaps: array[int]
    span: bytes | None  # a dense block's counts, one per document from ``first`` on (0: not held)
    weights: Any
    _shape: int
    _valued: int

    def __init__(self, data: bytes) -> None:
        code, kind, self._shape, self._compressed, one, self.first, self.count, self._valued = (
            _HEAD.unpack_from(data)
        )
        view = memoryview(data)
        at = _HEAD.size
        self.span = None
        if code == SPAN_DOCS.encode("ascii"):
            (length,) = _SPAN.unpack_from(data, at)
            at += _SPAN.size
            self.span = bytes(view[at : at + length])
            self.gaps, self.weights, self._values = array("B"), None, view[at + length :]
            return
        self.gaps = array(code.decode("ascii"))
        end = at + (self.count - 1) * self.gaps.itemsize
        self.gaps.frombytes(view[at:end])
        at = end
        self.weights: Any = None if kind == _NO_WEIGHTS else one
        if kind in (_FLOAT_WEIGHTS, _BYTE_WEIGHTS):
            self.weights = array("f" if kind == _FLOAT_WEIGHTS else "B")
            end = at + self.count * self.weights.itemsize
            self.weights.frombytes(view[at:end])
            at = end
        self._values = view[at:]

    def ids(self) -> Iterator[int]:
        """Return the block's documents, in order."""
        if self.span is not None:
            return compress(numbers(self.first), self.span)
        return accumulate(self.gaps, initial=self.first)

    def counts(self) -> array[int] | array[float]:
        """Return each posting's weight as an array (whole numbers as bytes, when they are)."""
        if self.span is not None:
            return array("B", bytes(filter(None, self.span)))
        weights = self.weights
        if weights is None:
            return array("B", [1]) * self.count
        if isinstance(weights, float):
            return array("f", [weights]) * self.count
        return weights  # type: ignore[no-any-return]  # an array, the two cases above aside

    def values(self, fixed_size: int | None) -> tuple[Any, ...]:
        """Return the block's values as Whoosh's matcher keeps them (None each for a format without)."""
        if self._shape == _NO_VALUES:
            return (None,) * self.count
        data = bytes(self._values)
        if self._compressed:
            data = zlib.decompress(data)
        if self._shape == _FIXED_VALUES:
            size = fixed_size or 1
            starts = range(0, len(data), size)
            return tuple(map(data.__getitem__, map(slice, starts, range(size, len(data) + size, size))))
        lengths = array("I")
        lengths.frombytes(data[: self._valued * 4])
        ends = list(accumulate(lengths, initial=self._valued * 4))
        return tuple(map(data.__getitem__, map(slice, ends[:-1], ends[1:])))


def encode_block(
    ids: Any, weights: Any, values: list[bytes], fixed_size: int | None, compression: int = 0
) -> bytes:
    """Return a block's postings as bytes: the first document, the gaps to the next, weights, values.

    ``values`` holds only the non-empty ones, as Whoosh's writer keeps them; they alone are
    compressed (with ``compression``, a zlib level), so reading documents and weights
    decompresses nothing.
    """
    count = len(ids)
    shape, compressed, stored = _packed_values(values, fixed_size, compression)
    dense = _span(ids, weights)
    if dense is not None:  # most documents of its stretch hold the word: a count for each
        spans = SPAN_DOCS.encode("ascii")
        head = _HEAD.pack(spans, _SPAN_COUNTS, shape, compressed, 0.0, ids[0], count, len(values))
        return head + _SPAN.pack(len(dense)) + dense + stored
    gaps = list(map(sub, ids[1:], ids[:-1]))
    top = max(gaps, default=0)
    code = "B" if top < 1 << 8 else "H" if top < 1 << 16 else "I"
    packed = [array(code, gaps).tobytes()]
    one = 0.0
    if weights.count(1.0) == count:
        kind = _NO_WEIGHTS
    elif weights.count(weights[0]) == count:
        kind, one = _ONE_WEIGHT, weights[0]
    else:
        small = _whole(weights)
        kind = _FLOAT_WEIGHTS if small is None else _BYTE_WEIGHTS
        packed.append(array("f", weights).tobytes() if small is None else small.tobytes())
    packed.append(stored)
    head = _HEAD.pack(code.encode("ascii"), kind, shape, compressed, one, ids[0], count, len(values))
    return head + b"".join(packed)


def _span(ids: Any, weights: Any) -> bytes | None:
    """Return a dense block's counts, a byte per document of its stretch (0 where none), or None.

    Dense: a quarter or more of the documents from the first to the last hold the word, and every
    weight is a whole count below 256. Reading such a block is one copy, not a step per posting.
    """
    count = len(ids)
    first = ids[0] if count else 0
    length = ids[-1] - first + 1 if count else 0
    if count < DENSE_FROM or length > SPAN_STRETCH * count:
        return None
    counts = _whole(weights)
    if counts is None or 0 in counts:
        return None
    dense = bytearray(length)
    deque(map(dense.__setitem__, map(sub, ids, repeat(first)), counts), 0)
    return bytes(dense)


def _whole(weights: Any) -> array[int] | None:
    """Return the weights as bytes when each is a whole number below 256 (a count), else None."""
    try:
        counts = array("B", map(int, weights))
    except OverflowError:
        return None
    return counts if counts == weights else None


def _packed_values(values: list[bytes], fixed_size: int | None, compression: int) -> tuple[int, bool, bytes]:
    """Return how a block's values are kept (their shape, whether compressed) and their bytes."""
    shape, stored = _NO_VALUES, b""
    if fixed_size is None or fixed_size < 0:
        shape, stored = _SIZED_VALUES, array("I", map(len, values)).tobytes() + b"".join(values)
    elif fixed_size > 0:
        shape, stored = _FIXED_VALUES, b"".join(values)  # Whoosh keeps none when the size is 0
    compressed = bool(compression) and len(stored) >= _COMPRESS_FROM
    if compressed:
        stored = zlib.compress(stored, compression)
    return shape, compressed, stored


class BinaryPostingsWriter(W3PostingsWriter):  # type: ignore[misc]
    """Whoosh 3's posting writer, each block's postings written as packed arrays."""

    def _write_block(self, last: bool = False) -> None:
        if self._byteids:  # term vectors (none in this app's schema) stay Whoosh's
            super()._write_block(last)
            return
        if not self._blockcount:
            self._postfile.write(BINARY_MAGIC)
        self._terminfo.add_block(self)
        fixed_size = self._format.fixed_value_size()
        data = encode_block(self._ids, self._weights, self._values, fixed_size, self._compression)
        ids = self._ids
        info = (  # Whoosh's block info; the block compresses its values itself
            len(ids), ids[-1], self._maxweight, 0,
            length_to_byte(self._minlength), length_to_byte(self._maxlength),
        )  # fmt: skip
        infobytes = dumps(info, 2)
        length = len(infobytes) + len(data)
        self._postfile.write_int(-length if last else length)
        self._postfile.write(infobytes)
        self._postfile.write(data)
        self._blockcount += 1
        self._new_block()


class BinaryMatcher(W3LeafMatcher):  # type: ignore[misc]
    """Whoosh 3's posting matcher, reading blocks in either format (a list says which by its magic)."""

    _binary = False
    _data: Any  # the block read (a ``Block``, or Whoosh's tuple), or None until it is

    def _read_header(self) -> None:
        postfile = self._postfile
        postfile.seek(self._startoffset)
        magic = postfile.read(4)
        if magic not in (BINARY_MAGIC, WHOOSH3_HEADER_MAGIC):
            raise ValueError(f"Block tag error {magic!r}")
        self._binary = magic == BINARY_MAGIC
        self._baseoffset = postfile.tell()

    def _read_data(self) -> None:
        if not self._binary:
            super()._read_data()
            return
        self._data = Block(self._postfile.get(self._dataoffset, self._nextoffset - self._dataoffset))

    def _packed(self) -> Block | None:
        """Return the current block when it is packed (read now if not yet), None for a pickled one."""
        if not self._binary:
            return None
        if self._data is None:
            self._read_data()
        return self._data  # type: ignore[no-any-return]

    def _read_ids(self) -> None:
        block = self._packed()
        if block is None:
            super()._read_ids()
        else:
            self._ids = tuple(block.ids())

    def _read_weights(self) -> None:
        block = self._packed()
        if block is None:
            super()._read_weights()
        else:
            weights = block.counts()
            self._weights = weights if weights.typecode == "f" else array("f", weights)

    def _read_values(self) -> None:
        block = self._packed()
        if block is None:
            super()._read_values()
        else:
            self._values = block.values(self._fixedsize)
