"""Importers: job files (JSON-LD, NDJSON, HTML with JSON-LD, CSV, ATS feeds) turned into core jobs."""

from __future__ import annotations

from pathlib import Path

from desktop_app.core.types import ParseResult
from desktop_app.importers.build import Taken, collect
from desktop_app.importers.files import MAX_PAGE_BYTES, SUFFIXES, JobFile
from desktop_app.importers.stream import MAX_DEPTH, MAX_RECORD_BYTES

__all__ = ["MAX_DEPTH", "MAX_PAGE_BYTES", "MAX_RECORD_BYTES", "SUFFIXES", "JobFile", "Taken", "parse_file"]


def parse_file(path: Path) -> ParseResult:
    """Read one job file whole; return the jobs it holds and the records it had to reject.

    Never raises for bad content: an unreadable or unknown file is one rejection. For files of
    any size, iterate a ``JobFile`` instead: this collects its postings in memory.
    """
    return collect(JobFile(path))
