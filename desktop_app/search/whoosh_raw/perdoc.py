"""A segment's per-document writer that keeps each field's lengths as bytes, written once at the end.

Whoosh writes a document's length in each of its scored fields through three checked calls and a
one-byte file write (a dozen per job: a sixth of what adding a document cost). Here each field's
lengths gather in a ``bytearray`` (one byte per document, Whoosh's own lossy encoding) and are
handed to Whoosh's column writer whole when the segment closes: the same column on disk.
"""

from __future__ import annotations

from typing import Any

from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3PerDocWriter
from whoosh.util.numeric import length_to_byte

from desktop_app.search.whoosh_raw.common import _lacks

# What this writer uses of Whoosh's per-document writer and its lengths column's writer.
PERDOC_ATTRIBUTES: tuple[str, ...] = (
    "_fieldlengths", "_storedfields", "_docnum", "_colwriters", "_create_column", "_get_column",
)  # fmt: skip
COLUMN_WRITER_ATTRIBUTES: tuple[str, ...] = ("_dbfile", "_count")
_BYTES = bytes(map(length_to_byte, range(4096)))  # the encoding of the lengths most fields have


def _length_byte(length: int) -> int:
    return _BYTES[length] if length < len(_BYTES) else int(length_to_byte(length))


class PerDocWriter(W3PerDocWriter):  # type: ignore[misc]
    """Whoosh 3's per-document writer, with field lengths gathered in memory (see the module)."""

    def __init__(self, codec: Any, storage: Any, segment: Any) -> None:
        super().__init__(codec, storage, segment)
        self._lengths: dict[str, bytearray] = {}

    def add_field(self, fieldname: str, fieldobj: Any, value: Any, length: int) -> None:
        if value is not None:
            self._storedfields[fieldname] = value
        if length:
            lengths = self._lengths.get(fieldname)
            if lengths is None:
                lengths = self._lengths[fieldname] = bytearray()
            missing = self._docnum - len(lengths)
            if missing:
                lengths.extend(bytes(missing))
            lengths.append(_length_byte(length))
            self._fieldlengths[fieldname] += length

    def cancel_doc(self) -> None:
        for lengths in self._lengths.values():
            del lengths[self._docnum :]
        super().cancel_doc()

    def close(self) -> None:
        for fieldname, lengths in self._lengths.items():
            name = f"_{fieldname}_len"
            self._create_column(name, LENGTHS_COLUMN)
            column = self._get_column(name)
            if _lacks(column, COLUMN_WRITER_ATTRIBUTES):
                for number, byte in enumerate(lengths):  # the column writer's public way
                    column.add(number, byte)
            else:  # zeros and all: the bytes its ``add`` and ``fill`` would have written
                column._dbfile.write(bytes(lengths))
                column._count = len(lengths)
        self._lengths = {}
        super().close()
