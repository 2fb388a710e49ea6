"""Posting blocks stored as packed arrays: read in C, instead of unpickling a Python object per posting.

Whoosh 3 pickles each block of postings as a tuple of Python ints (the documents, as gaps), floats
(the weights) and byte strings (the values: positions, counts). Reading a common word's list at
100,000 jobs then builds hundreds of thousands of objects: 18 ms for the 98,000 documents holding
"design", 36 ms for the 50,000 titles holding "engineer" (positions), most of a search's first
time for a word. Here a block is a few arrays' bytes: gaps as bytes, shorts or ints (the smallest
that holds them), weights as 32-bit floats (or one value, or none when all are 1), values joined
(with their lengths when they vary). ``array`` reads them in one C call.

A posting list written this way starts with ``BINARY_MAGIC`` instead of Whoosh's ``W3Bl``; the
matcher reads both, so an index written before this format still opens. The block's info (its
length, last document, top weight) is Whoosh's own. ``tests/search/test_blocks.py`` proves both
formats give the same postings, term by term, and the decoding on odd blocks.
"""

from __future__ import annotations

import struct
import zlib
from array import array
from itertools import accumulate
from operator import sub
from pickle import dumps
from typing import Any

from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC, W3LeafMatcher, W3PostingsWriter
from whoosh.util.numeric import length_to_byte

BINARY_MAGIC = b"GJb1"
# What writing a block uses of Whoosh's posting writer.
BLOCK_WRITER_ATTRIBUTES: tuple[str, ...] = (  # the block's own lists are made by ``_new_block``
    "_postfile", "_blockcount", "_terminfo", "_format", "_compression", "_new_block", "_byteids", "_blocklimit",
)  # fmt: skip
# What the matcher overrides of Whoosh's (the block attributes it reads are in ``BLOCK_ATTRIBUTES``).
MATCHER_METHODS: tuple[str, ...] = (
    "_read_header",
    "_read_data",
    "_read_ids",
    "_read_weights",
    "_read_values",
)
# A block's head: gaps' typecode, weights' kind, values' kind, the one weight, the first document,
# postings, values.
_HEAD = struct.Struct("<cBBfIII")
_NO_WEIGHTS, _ONE_WEIGHT, _WEIGHTS = 0, 1, 2
_NO_VALUES, _FIXED_VALUES, _SIZED_VALUES = 0, 1, 2


class SizedValues:
    """A block's values of varying size, kept joined until someone reads them (phrases do; counts do not)."""

    __slots__ = ("data", "lengths")

    def __init__(self, lengths: array[int], data: bytes) -> None:
        self.lengths, self.data = lengths, data

    def split(self) -> tuple[bytes, ...]:
        data, ends = self.data, list(accumulate(self.lengths))
        return tuple(map(data.__getitem__, map(slice, [0, *ends[:-1]], ends)))


def encode_block(ids: Any, weights: Any, values: list[bytes], fixed_size: int | None) -> bytes:
    """Return a block's postings as bytes: the first document, the gaps to the next, weights, values.

    ``values`` holds only the non-empty ones, as Whoosh's writer keeps them.
    """
    count = len(ids)
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
        kind = _WEIGHTS
        packed.append(array("f", weights).tobytes())
    if fixed_size == 0:
        shape = _NO_VALUES  # Whoosh keeps none either
    elif fixed_size is None or fixed_size < 0:
        shape = _SIZED_VALUES
        packed += (array("I", map(len, values)).tobytes(), b"".join(values))
    else:
        shape = _FIXED_VALUES
        packed.append(b"".join(values))
    head = _HEAD.pack(code.encode("ascii"), kind, shape, one, ids[0], count, len(values))
    return head + b"".join(packed)


def decode_block(data: bytes) -> tuple[array[int], Any, Any]:
    """Return a block's (gaps, weights, values) in the forms Whoosh's matcher keeps them.

    Gaps as Whoosh has them: the first document, then the gap to each next one. Weights: None
    (all 1), one float (all the same) or an array. Values: None, the fixed-size values joined,
    or ``SizedValues``.
    """
    code, kind, shape, one, first, count, valued = _HEAD.unpack_from(data)
    view = memoryview(data)
    at = _HEAD.size
    packed = array(code.decode("ascii"))
    end = at + (count - 1) * packed.itemsize
    packed.frombytes(view[at:end])
    gaps = array("I", [first])
    gaps.extend(packed if code == "I" else array("I", packed))
    at = end
    weights: Any = None if kind == _NO_WEIGHTS else one
    if kind == _WEIGHTS:
        weights = array("f")
        end = at + count * 4
        weights.frombytes(view[at:end])
        at = end
    values: Any = None
    if shape == _FIXED_VALUES:
        values = bytes(view[at:])
    elif shape == _SIZED_VALUES:
        lengths = array("I")
        end = at + valued * 4
        lengths.frombytes(view[at:end])
        values = SizedValues(lengths, bytes(view[end:]))
    return gaps, weights, values


class BinaryPostingsWriter(W3PostingsWriter):  # type: ignore[misc]
    """Whoosh 3's posting writer, each block's postings written as packed arrays."""

    def _write_block(self, last: bool = False) -> None:
        if self._byteids:  # term vectors (none in this app's schema) stay Whoosh's
            super()._write_block(last)
            return
        if not self._blockcount:
            self._postfile.write(BINARY_MAGIC)
        self._terminfo.add_block(self)
        data = encode_block(self._ids, self._weights, self._values, self._format.fixed_value_size())
        compression = self._compression if len(data) >= 64 else 0
        if compression:
            data = zlib.compress(data, compression)
        ids = self._ids
        info = (
            len(ids), ids[-1], self._maxweight, compression,
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
    _data: Any  # the block read: (gaps, weights, values), or None until it is

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
        data = self._postfile.get(self._dataoffset, self._nextoffset - self._dataoffset)
        if self._compression:
            data = zlib.decompress(data)
        self._data = decode_block(data)

    def _read_ids(self) -> None:
        if self._data is None:
            self._read_data()
        ids = self._data[0]
        self._ids = ids if self._byteids else tuple(accumulate(ids))  # Whoosh's delta_decode, in C

    def _read_weights(self) -> None:
        if self._data is None:
            self._read_data()
        weights = self._data[1]
        if weights is None:
            self._weights = array("f", [1.0]) * self._blocklength
        elif isinstance(weights, float):
            self._weights = array("f", [weights]) * self._blocklength
        else:
            self._weights = weights

    def _read_values(self) -> None:
        if self._data is None:
            self._read_data()
        values = self._data[2]
        if isinstance(values, SizedValues):
            self._values = values.split()
        else:
            super()._read_values()
