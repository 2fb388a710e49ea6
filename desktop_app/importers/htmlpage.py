"""HTML pages that embed JobPosting JSON-LD in ``<script type="application/ld+json">`` blocks."""

from __future__ import annotations

from html.parser import HTMLParser

from desktop_app.core.types import Job, JobId, ParseResult, Rejected
from desktop_app.importers import jsonld
from desktop_app.importers.lenient_json import loads


class _LdJsonBlocks(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.blocks: list[str] = []
        self._current: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        kind = (dict(attrs).get("type") or "").split(";")[0].strip().lower()
        if tag == "script" and kind == "application/ld+json":
            self._current = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._current is not None:
            self.blocks.append("".join(self._current))
            self._current = None

    def handle_data(self, data: str) -> None:
        if self._current is not None:
            self._current.append(data)


def ld_json_blocks(page: str) -> list[str]:
    """Return the text of every JSON-LD script block of a page, in order."""
    parser = _LdJsonBlocks()
    parser.feed(page)
    parser.close()
    return parser.blocks


def parse_page(page: str, source: str) -> ParseResult:
    """Return the jobs of every JSON-LD block of a page; a bad block is one rejection."""
    jobs: list[Job] = []
    rejected: list[Rejected] = []
    identified: set[JobId] = set()
    blocks = ld_json_blocks(page)
    for number, block in enumerate(blocks, 1):
        label = f"{source} block {number}"
        try:
            data = loads(block)
        except ValueError as exc:
            rejected.append(Rejected(label, str(exc)))
            continue
        if not list(jsonld.find_postings(data)):
            continue
        result = jsonld.parse_data(data, source, label)
        jobs.extend(result.jobs)
        rejected.extend(result.rejected)
        identified |= result.identified
    if not jobs and not rejected:
        rejected.append(Rejected(source, "the page holds no JobPosting JSON-LD"))
    return ParseResult(tuple(jobs), tuple(rejected), frozenset(identified))
