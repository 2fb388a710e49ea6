"""Sets of documents as Python ints: made from ids and byte arrays, walked, tested, split by level.

A set of documents is an ``int`` whose bit *n* is set when document *n* belongs to it; a word's
postings in a segment arrive as a byte per document (0, or how often the word is there).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator

# The set bits of every byte value, for walking a bitset a byte at a time.
_BITS = tuple(tuple(bit for bit in range(8) if value >> bit & 1) for value in range(256))


def from_ids(ids: Iterable[int], size: int) -> int:
    """Return the bitset of ``ids`` (each below ``size``).

    >>> bin(from_ids([0, 3], 8))
    '0b1001'
    """
    data = bytearray((size >> 3) + 1)
    for doc in ids:
        data[doc >> 3] |= 1 << (doc & 7)
    return int.from_bytes(data, "little")


_NON_ZERO = re.compile(rb"[^\x00]")


def ones(bits: int) -> Iterator[int]:
    """Yield the members of a bitset in increasing order.

    >>> list(ones(0b101001))
    [0, 3, 5]
    """
    data = bits.to_bytes((bits.bit_length() + 7) >> 3, "little")
    if bits.bit_count() * 4 < len(data):  # sparse: most bytes empty, skipped in C
        for found in _NON_ZERO.finditer(data):
            position = found.start()
            base = position << 3
            for bit in _BITS[data[position]]:
                yield base + bit
        return
    for position, byte in enumerate(data):
        if byte:
            base = position << 3
            for bit in _BITS[byte]:
                yield base + bit


def member_test(bits: int) -> Callable[[int], bool]:
    """Return a fast ``doc in bits`` test (the set as bytes, looked up by index)."""
    data = bits.to_bytes((bits.bit_length() + 7) >> 3 or 1, "little")
    size = len(data)

    def contains(doc: int) -> bool:
        index = doc >> 3
        return index < size and bool(data[index] >> (doc & 7) & 1)

    return contains


def pack(flags: bytes | bytearray) -> int:
    """Return the bitset of a byte-per-document array (document *n* is in it when byte *n* is 1).

    Byte *n* lands on bit 8k + r of ``from_bytes(flags[r::8])`` shifted by r, for n = 8k + r:
    eight slices and shifts in C, whatever the number of members.

    >>> bin(pack(bytes([1, 0, 0, 1, 0, 0, 0, 0, 0, 1])))
    '0b1000001001'
    """
    out = 0
    for r in range(8):
        out |= int.from_bytes(flags[r::8], "little") << r
    return out


LEVEL_CAP = 12  # how often a word is in a field, counted up to this many
NONZERO = bytes([0] + [1] * 255)
CAPPED = bytes(min(value, LEVEL_CAP) for value in range(256))
PLANES = 4  # the bits of a level (LEVEL_CAP < 16): four packs give every level at once
_PLANE_TABLES = [bytes(value >> number & 1 for value in range(256)) for number in range(PLANES)]
_LEVEL_TABLES = {
    level: bytes(int(value and min(value, LEVEL_CAP) == level) for value in range(256))
    for level in range(1, LEVEL_CAP + 1)
}


def split_levels(capped: bytes | bytearray, everything: int) -> tuple[tuple[int, int], ...]:
    """Return the documents at each level of a byte-per-document array of levels (1..LEVEL_CAP).

    A level's documents are a bitset packed from the array (eight slices in C, the dearest
    step). With more than ``PLANES`` levels present, the array's four bit planes are packed
    instead, and each level is their intersection: four packs, whatever the levels.

    >>> split_levels(bytes([0, 1, 3, 1, 12, 0, 5]), 0b1111111)
    ((1, 10), (3, 4), (5, 64), (12, 16))
    """
    present = [level for level in range(1, LEVEL_CAP + 1) if level in capped]  # a byte search each, in C
    if len(present) <= PLANES:
        out = [(level, pack(capped.translate(_LEVEL_TABLES[level])) & everything) for level in present]
    else:
        planes = [pack(capped.translate(table)) & everything for table in _PLANE_TABLES]
        out = []
        for level in present:
            bits = everything
            for number, plane in enumerate(planes):
                bits &= plane if level >> number & 1 else ~plane
            out.append((level, bits))
    return tuple((level, bits) for level, bits in out if bits)


def union_of(levels: tuple[tuple[int, int], ...]) -> int:
    """Return the documents of every level together."""
    out = 0
    for _level, bits in levels:
        out |= bits
    return out
