"""The public twins of ``whoosh_raw``'s fast readers: the same answers through Whoosh's public API only.

``whoosh_raw`` falls back to these when what it reaches for has changed, and the agreement tests
compare each fast reader with its twin.
"""

from __future__ import annotations

from typing import Any

from whoosh.reading import IndexReader


def _public_pairs(matcher: Any) -> tuple[list[int], list[float]]:
    ids: list[int] = []
    weights: list[float] = []
    while matcher.is_active():
        ids.append(matcher.id())
        weights.append(matcher.weight())
        matcher.next()
    return ids, weights


def public_posting_ids(leaf: IndexReader, field: str, text: Any) -> list[int]:
    """Return the live documents ``posting_ids`` yields, read through Whoosh's public matcher API."""
    if not leaf.doc_frequency(field, text):
        return []
    return list(leaf.postings(field, text).all_ids())


def public_posting_weights(leaf: IndexReader, field: str, text: Any) -> tuple[list[int], list[float]]:
    """Return the live documents and weights ``posting_weights`` yields, through the public matcher API."""
    if not leaf.doc_frequency(field, text):
        return [], []
    return _public_pairs(leaf.postings(field, text))


def public_numeric_column(leaf: IndexReader, field: str) -> list[int]:
    """Return what ``numeric_column`` returns, read value by value through the public column API."""
    if not leaf.has_column(field):
        return []
    return list(leaf.column_reader(field, translate=False))


def public_text_column(leaf: IndexReader, field: str) -> list[str]:
    """Return what ``text_column`` returns, read value by value through the public column API."""
    if not leaf.has_column(field):
        return []
    return [value.decode("utf-8") for value in leaf.column_reader(field, translate=False)]
