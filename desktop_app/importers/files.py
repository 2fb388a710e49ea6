"""One job file read as a stream: its kind sniffed from the first bytes, then posting by posting.

JSON (arrays, ``@graph``, ItemList, feeds, NDJSON) and CSV of any size are read record by
record; an HTML page is read whole, within its own limit. A file that is none of these is
refused at once, from its first bytes.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from desktop_app.core.types import Rejected
from desktop_app.importers import ats, csvfile, htmlpage, jsonld
from desktop_app.importers.build import Taken
from desktop_app.importers.lenient_json import loads
from desktop_app.importers.stream import (
    MAX_RECORD_BYTES,
    TOP_ARRAY,
    CountingReader,
    Record,
    Skipped,
    StreamError,
    file_events,
    records,
    value_events,
)

MAX_PAGE_BYTES = 50 * 1024 * 1024  # an HTML page is read whole: this bounds it
SNIFF_BYTES = 64 * 1024
SUFFIXES = {
    ".json": "json", ".jsonld": "json", ".ndjson": "json", ".jsonl": "json",
    ".html": "html", ".htm": "html", ".csv": "csv", ".tsv": "csv",
}  # fmt: skip
Item = Taken | Rejected
ATS_SAMPLE = 5  # a feed's kind is told from its first few postings


class JobFile:
    """A job file to read: iterate it for its postings (Taken) and rejections, in file order.

    ``position`` says how many of its ``size`` bytes have been read; ``postings`` how many
    postings (taken or rejected) it has yielded.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.source = path.name
        self.size = 0
        self.position = 0
        self.postings = 0
        self.broken = False  # the JSON broke part-way: what came before was yielded
        self._offset: Any = None  # reads the position of the stream under way

    def progress(self) -> int:
        """Return the bytes read so far."""
        if self._offset is not None:
            self.position = min(self.size, int(self._offset()))
        return self.position

    def __iter__(self) -> Iterator[Item]:
        try:
            self.size = self.path.stat().st_size
            with self.path.open("rb") as raw:
                yield from self._read(raw)
        except OSError as exc:
            yield Rejected(self.source, f"cannot read the file: {exc.strerror or exc}")
        self._offset = None
        self.position = self.size

    def _read(self, raw: BinaryIO) -> Iterator[Item]:
        head = raw.read(SNIFF_BYTES)
        raw.seek(0)
        kind, refusal = sniff(head, self.path.suffix.lower())
        if kind == "html" and self.size > MAX_PAGE_BYTES:
            yield Rejected(self.source, f"the page is {self.size // 1_048_576} MB; a page's limit is 50 MB")
        elif refusal:
            yield Rejected(self.source, refusal)
        elif kind == "csv":
            yield from self._csv(raw, head)
        elif kind == "html":
            yield from self._html(raw)
        else:
            yield from self._json(raw)

    # -- kinds ----------------------------------------------------------------------------
    def _html(self, raw: BinaryIO) -> Iterator[Item]:
        page = raw.read().decode("utf-8-sig", errors="replace")
        result = htmlpage.parse_page(page, self.source)
        yield from _counted(self, result.jobs, result.rejected, result.identified)

    def _csv(self, raw: BinaryIO, head: bytes) -> Iterator[Item]:
        encoding = csvfile.sniff_encoding(head)
        text = io.TextIOWrapper(raw, encoding=encoding, errors="replace", newline="")
        self._offset = raw.tell
        sample = text.read(8192)
        text.seek(0)
        for item in csvfile.iter_csv(csvfile.bounded_lines(text), sample, self.source):
            self.postings += 1
            yield item

    def _json(self, raw: BinaryIO) -> Iterator[Item]:
        reader = CountingReader(raw)
        self._offset = lambda: reader.offset
        small = self.size <= MAX_RECORD_BYTES
        taken = _JsonRecords(self)
        if small:
            # A small file is read first, then taken: when the stream breaks, the lenient reader
            # (comments, trailing commas) has its turn and nothing was half-taken.
            try:
                read = list(records(file_events(reader), reader))
            except StreamError:
                raw.seek(0)
                try:
                    value = loads(raw.read().decode("utf-8-sig", errors="replace"))
                except ValueError as exc:
                    yield Rejected(self.source, str(exc))
                    return
                read = list(records(value_events(value)))
            yield from taken.all(iter(read))
            return
        try:
            yield from taken.all(records(file_events(reader), reader))
        except StreamError as exc:
            self.broken = True
            before = f"after posting {self.postings:,}" if self.postings else "before any posting"
            kept = "; the postings before it are kept" if self.postings else ""
            yield Rejected(self.source, f"invalid JSON at byte {exc.offset:,} ({before}): {exc}{kept}")


class _JsonRecords:
    """Turns records into postings: JSON-LD (however wrapped) or an ATS feed's own shape."""

    def __init__(self, file: JobFile) -> None:
        self._file = file
        self._group: tuple[str | None, int] | None = None
        self._parent: dict[str, Any] | None = None
        self._reader: ats.Reader | None = None
        self._feed = ""
        self._found = False

    def all(self, items: Iterator[Record | Skipped]) -> Iterator[Item]:
        source = self._file.source
        pending: list[Record] = []
        try:
            yield from self._postings(items, pending)
        except StreamError:
            yield from self._flush(pending)  # the postings read before a break are kept
            raise
        yield from self._flush(pending)
        if not self._found:
            yield Rejected(source, "no schema.org JobPosting found")

    def _postings(self, items: Iterator[Record | Skipped], pending: list[Record]) -> Iterator[Item]:
        source = self._file.source
        for item in items:
            if isinstance(item, Skipped):
                yield from self._flush(pending)
                self._file.postings += 1
                self._found = True
                yield Rejected(f"{source} posting {self._file.postings}", item.reason)
                continue
            group = (item.container, id(item.parent))
            if group != self._group:
                yield from self._flush(pending)
                self._group, self._reader = group, None
                self._parent = item.parent  # held, so that no later object takes its id
            if self._reader is None and len(pending) < ATS_SAMPLE and item.container is not None:
                pending.append(item)
                continue
            yield from self._flush(pending)
            yield from self._one(item)

    def _flush(self, pending: list[Record]) -> Iterator[Item]:
        if not pending:
            return
        first = pending[0]
        values = [r.value for r in pending]
        data: Any = values
        if first.container != TOP_ARRAY:
            data = {**(first.parent or {}), first.container: values}
        found = ats.detect(data)
        self._reader, self._feed = (found[2], found[0]) if found else (_jsonld, "")
        batch = list(pending)
        pending.clear()
        for record in batch:
            yield from self._one(record)

    def _one(self, record: Record) -> Iterator[Item]:
        value, source, file = record.value, self._file.source, self._file
        if self._reader is not None and self._reader is not _jsonld:
            if not isinstance(value, dict):
                return
            self._found = True
            file.postings += 1
            yield ats.read_posting(value, source, self._feed, self._reader, file.postings)
            return
        if record.container is None and isinstance(value, dict | list):
            feed = ats.parse_feed(value, source)  # a whole feed, or one posting, as one value
            if feed is not None:
                yield from _counted(file, feed.jobs, feed.rejected, feed.identified)
                self._found = self._found or bool(feed.jobs or feed.rejected)
                return
        for posting in jsonld.find_postings(value):
            self._found = True
            file.postings += 1
            yield jsonld.read_posting(posting, source, f"{source} posting {file.postings}")


def _jsonld(post: dict[str, Any], source: str) -> Any:  # a marker: "not a feed, JSON-LD"
    raise NotImplementedError


def _counted(file: JobFile, jobs: Any, rejected: Any, identified: frozenset[Any]) -> Iterator[Item]:
    for job in jobs:
        file.postings += 1
        yield Taken(job, job.id in identified)
    for item in rejected:
        file.postings += 1
        yield item


def sniff(head: bytes, suffix: str) -> tuple[str, str]:
    """Return (kind, refusal) from a file's first bytes and its suffix; refusal is "" when readable.

    >>> sniff(b'  [{"@type": "JobPosting"}]', ".txt")
    ('json', '')
    >>> sniff(bytes(100), ".json")[1]
    'not a job file: it holds binary data (NUL bytes), not JSON'
    """
    kind = SUFFIXES.get(suffix)
    text = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    if not text:
        return kind or "json", "the file is empty: no JSON in it" if kind != "csv" else ""
    first = text[:1]
    named = {"json": "JSON", "html": "an HTML page", "csv": "CSV"}.get(kind or "", "JSON, CSV or HTML")
    if b"\x00" in head:
        return kind or "", f"not a job file: it holds binary data (NUL bytes), not {named}"
    if kind is None:
        if first in (b"{", b"["):
            return "json", ""
        if first == b"<":
            return "html", ""
        return "", f"unsupported file type '{suffix}' (use .json, .jsonld, .ndjson, .html or .csv)"
    if kind == "json" and first not in (b"{", b"[", b"/"):
        return kind, f"not JSON: it begins with «{_shown(text)}»"
    return kind, ""


def _shown(data: bytes) -> str:
    text = data[:24].decode("utf-8", errors="replace")
    return "".join(ch if ch.isprintable() else "·" for ch in text)
