"""What one index commit merges: small segments gathered, emptied ones dropped, never the big ones.

Whoosh's own policy (``MERGE_SMALL``) merges more the more segments there are: at 100,000 jobs a
commit of 5,000 read back 29.5 million postings, one Python call each, and an import spent nine
tenths of its time merging. Here a commit merges only segments below ``SMALL_DOCS`` documents
(the one-job edits, board fetches and short imports), once ``MERGE_AT`` of them have gathered,
and at most ``MERGE_MAX_DOCS`` documents: what a commit costs no longer grows with the index.
A segment whose every document was replaced or deleted is dropped without being read. Big
segments stay as they are written (a rebuild writes them so too); a rebuild compacts them.
"""

from __future__ import annotations

from typing import Any

from whoosh.reading import SegmentReader

SMALL_DOCS = 500
MERGE_AT = 8
MERGE_MAX_DOCS = 4_000


def _small(segment: Any) -> bool:
    """Return whether a segment is worth merging: few documents, or more deleted than kept."""
    count: int = segment.doc_count_all()
    return count < SMALL_DOCS or segment.deleted_count() * 2 > count


def to_merge(segments: list[Any]) -> list[Any]:
    """Return which of ``segments`` (those with documents left) a commit merges: [] when none."""
    small = sorted((s for s in segments if _small(s)), key=lambda s: s.doc_count_all())
    if len(small) < MERGE_AT:
        return []
    chosen: list[Any] = []
    total = 0
    for segment in small:
        total += segment.doc_count_all()
        if total > MERGE_MAX_DOCS and len(chosen) >= 2:
            break
        chosen.append(segment)
    return chosen if len(chosen) >= 2 else []


def bounded_merge(writer: Any, segments: list[Any]) -> list[Any]:
    """A Whoosh merge policy (``commit(mergetype=…)``): merge what ``to_merge`` picks; return the rest."""
    kept = [s for s in segments if s.doc_count() > 0]  # emptied: nothing to read, nothing to keep
    chosen = to_merge(kept)
    for segment in chosen:
        reader = SegmentReader(writer.storage, writer.schema, segment)
        try:
            writer.add_reader(reader)
        finally:
            reader.close()
    return [s for s in kept if not any(s is c for c in chosen)]
