"""Big JSON read record by record: a streamed parse (ijson), cut at the arrays that hold postings.

The whole file is never in memory: each element of a top-level array, of an ``@graph`` or
``itemListElement`` array (at any depth) or of a feed's ``jobs``/``content`` array is built on
its own and handed on, then dropped. What surrounds those arrays (a feed's company name, an
ItemList's own fields) is kept as the record's ``parent``. NDJSON is the same stream: one
top-level value after another. A record over the size limit is skipped (and named) and the reading goes on;
nesting deeper than any posting stops it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO

import ijson

MAX_RECORD_BYTES = 8 * 1024 * 1024  # a posting with a 5 MB description still fits
MAX_DEPTH = 64
BUFFER_BYTES = 64 * 1024
# An array under one of these keys holds records wherever it is; under these, only at the top.
STREAM_KEYS = frozenset({"@graph", "itemListElement"})
TOP_STREAM_KEYS = frozenset({"jobs", "content"})
TOP_ARRAY = "[]"  # the container of a top-level array's elements
_BOM = b"\xef\xbb\xbf"

try:  # the C parser (yajl2_c) is several times faster; the pure-Python one always works
    _BACKEND: Any = ijson.get_backend("yajl2_c")
    _OPTIONS: dict[str, bool] = {"allow_comments": True}
except ImportError:  # pragma: no cover - depends on the wheel installed
    _BACKEND = ijson.get_backend("python")
    _OPTIONS = {}


@dataclass(frozen=True, slots=True)
class Record:
    """One value read: an element of a posting array, or a whole top-level value.

    ``container`` is the key of the array it came from (``TOP_ARRAY`` for a top-level array,
    None for a top-level value); ``parent`` the object around that array as read so far.
    """

    value: Any
    container: str | None
    parent: dict[str, Any] | None


@dataclass(frozen=True, slots=True)
class Skipped:
    """A record left out: over the size or depth limit. ``offset`` is where it ended."""

    reason: str
    offset: int


class StreamError(ValueError):
    """The JSON stream broke: ``offset`` is the byte it broke at."""

    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.offset = offset


class CountingReader:
    """A binary file as the parser reads it, counting bytes (for progress and error positions).

    It refuses to feed the parser more than a record's limit past ``mark`` (moved on by each
    value the parser hands back), so one endless string cannot fill the memory.
    """

    def __init__(self, raw: BinaryIO, limit: int = MAX_RECORD_BYTES + 2 * BUFFER_BYTES) -> None:
        self._raw = raw
        self._limit = limit
        self.offset = 0
        self.mark = 0
        self.last = b""
        self.last_start = 0

    def read(self, size: int = -1) -> bytes:
        """Return the next bytes (a leading UTF-8 byte-order mark dropped)."""
        if self.offset - self.mark > self._limit:
            raise StreamError(f"one value runs past {self._limit // 1_048_576} MB", self.offset)
        data = self._raw.read(size)
        if self.offset == 0 and data.startswith(_BOM):
            data = data[len(_BOM) :]
            self.offset = len(_BOM)
        self.last_start, self.last = self.offset, data
        self.offset += len(data)
        return data


def file_events(reader: CountingReader) -> Iterator[tuple[str, Any]]:
    """Yield the parse events of a file of JSON values (one, or many as in NDJSON).

    A syntax error raises StreamError with its byte offset.
    """
    events = _BACKEND.basic_parse(
        reader, buf_size=BUFFER_BYTES, multiple_values=True, use_float=True, **_OPTIONS
    )
    try:
        yield from events
    except StreamError:
        raise
    except RecursionError as exc:
        raise StreamError("JSON is nested too deeply", reader.offset) from exc
    except (ijson.JSONError, ValueError, UnicodeDecodeError) as exc:
        message = str(exc)
        raise StreamError(_first_line(message), _error_offset(message, reader)) from exc


def value_events(value: Any) -> Iterator[tuple[str, Any]]:
    """Yield the parse events of an already-parsed value (what a lenient parse of a small file gave)."""
    stack: list[Iterator[Any]] = []
    pending: list[Any] = [value]
    while pending or stack:
        if pending:
            item = pending.pop()
        else:
            try:
                item = next(stack[-1])
            except StopIteration:
                stack.pop()
                continue
        if isinstance(item, _End):
            yield item.event, None
        elif isinstance(item, _Key):
            yield "map_key", item.key
        elif isinstance(item, dict):
            yield "start_map", None
            stack.append(iter([*_pairs(item), _End("end_map")]))
        elif isinstance(item, list):
            yield "start_array", None
            stack.append(iter([*item, _End("end_array")]))
        else:
            yield _scalar_event(item), item


@dataclass(frozen=True, slots=True)
class _End:
    event: str


@dataclass(frozen=True, slots=True)
class _Key:
    key: str


def _pairs(obj: dict[str, Any]) -> Iterator[Any]:
    for key, val in obj.items():
        yield _Key(str(key))
        yield val


def _scalar_event(item: Any) -> str:
    if item is None:
        return "null"
    if isinstance(item, bool):
        return "boolean"
    if isinstance(item, int | float):
        return "number"
    return "string"


class _Frame:
    __slots__ = ("container", "key", "parent", "stream")

    def __init__(self, container: Any, stream: bool = False, key: str | None = None) -> None:
        self.container = container
        self.stream = stream
        self.key = key
        self.parent: dict[str, Any] | None = None


def records(
    events: Iterable[tuple[str, Any]], reader: CountingReader | None = None
) -> Iterator[Record | Skipped]:
    """Cut a stream of parse events into records (see the module's docstring)."""
    stack: list[_Frame] = []
    skipping = 0
    skip_reason = ""

    def offset() -> int:
        return reader.offset if reader is not None else 0

    def mark() -> None:
        if reader is not None:
            reader.mark = reader.offset

    for event, value in events:
        if skipping:
            mark()
            if event == "start_map" or event == "start_array":
                skipping += 1
            elif event == "end_map" or event == "end_array":
                skipping -= 1
                if not skipping:
                    yield Skipped(skip_reason, offset())
            continue
        if event == "map_key":
            stack[-1].key = value
            continue
        top = stack[-1] if stack else None
        if event == "start_map" or event == "start_array":
            if event == "start_array" and _opens_stream(top, len(stack)):
                frame = _Frame(None, True, TOP_ARRAY if top is None else top.key)
                frame.parent = top.container if top is not None else None
                stack.append(frame)
                mark()
                continue
            if len(stack) >= MAX_DEPTH:  # no posting is this deep: a bomb, not worth reading past
                raise StreamError(f"JSON is nested too deeply (over {MAX_DEPTH} levels)", offset())
            if reader is not None and reader.offset - reader.mark > MAX_RECORD_BYTES:
                # Leave out the record being built: drop its open parts, read past its end.
                while stack and not stack[-1].stream:
                    stack.pop()
                    skipping += 1
                skipping += 1
                skip_reason = f"over {MAX_RECORD_BYTES // 1_048_576} MB: not read"
                continue
            stack.append(_Frame({} if event == "start_map" else []))
            continue
        if event == "end_map" or event == "end_array":
            done = stack.pop()
            if done.stream:
                mark()
                continue
            value = done.container
            top = stack[-1] if stack else None
        if top is None:
            mark()
            yield Record(value, None, None)
        elif top.stream:
            mark()
            yield Record(value, top.key, top.parent)
        elif top.key is not None and isinstance(top.container, dict):
            top.container[top.key] = value
        else:
            top.container.append(value)


def _opens_stream(top: _Frame | None, depth: int) -> bool:
    if top is None:
        return True
    if top.stream or not isinstance(top.container, dict):
        return False
    return top.key in STREAM_KEYS or (depth == 1 and top.key in TOP_STREAM_KEYS)


_AT_RE = re.compile(r"\bat (?:position |char(?:acter)? )?(\d+)\b")


def _first_line(message: str) -> str:
    return message.strip().splitlines()[0].removeprefix("parse error: ") if message.strip() else "bad JSON"


def _error_offset(message: str, reader: CountingReader) -> int:
    """Return the byte a parse error is at, read from the parser's message where it can be."""
    lines = message.splitlines()
    if found := _AT_RE.search(lines[0] if lines else ""):
        return int(found.group(1))
    # yajl shows the text around the error on the next line and a caret under it on the one after.
    if len(lines) >= 3 and "^" in lines[2]:
        context = lines[1]
        caret = lines[2].index("^")
        snippet = context.lstrip()
        at = caret - (len(context) - len(snippet))
        chunk = reader.last.translate(bytes.maketrans(b"\n\r\t", b"   "))
        where = chunk.find(snippet.encode("utf-8", "replace"))
        if where >= 0 and 0 <= at <= len(snippet):
            return reader.last_start + where + len(snippet[:at].encode("utf-8", "replace"))
    return reader.last_start
