"""Importers: job files (JSON-LD, HTML with JSON-LD, CSV, ATS feeds) turned into core jobs."""

from __future__ import annotations

from pathlib import Path

from desktop_app.core.types import ParseResult, Rejected
from desktop_app.importers import csvfile, htmlpage, jsonld

MAX_FILE_BYTES = 50 * 1024 * 1024
SUFFIXES = {".json": "json", ".jsonld": "json", ".html": "html", ".htm": "html", ".csv": "csv", ".tsv": "csv"}


def parse_file(path: Path) -> ParseResult:
    """Read one job file; return the jobs it holds and the records it had to reject.

    Never raises for bad content: an unreadable or unknown file is one rejection.
    """
    source = path.name
    kind = SUFFIXES.get(path.suffix.lower())
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return _reject(source, f"file is {size // 1_048_576} MB; the limit is 50 MB")
        data = path.read_bytes()
    except OSError as exc:
        return _reject(source, f"cannot read the file: {exc.strerror or exc}")
    if kind == "csv":
        return csvfile.parse_csv(data, source)
    text = data.decode("utf-8-sig", errors="replace")
    if kind is None:
        stripped = text.lstrip()[:1]
        kind = "json" if stripped in ("{", "[") else "html" if stripped == "<" else None
    if kind == "json":
        return jsonld.parse_document(text, source)
    if kind == "html":
        return htmlpage.parse_page(text, source)
    return _reject(source, f"unsupported file type '{path.suffix}' (use .json, .jsonld, .html or .csv)")


def _reject(source: str, reason: str) -> ParseResult:
    return ParseResult((), (Rejected(source, reason),))
