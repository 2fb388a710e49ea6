"""Field types that turn text into postings in one pass: the same postings as Whoosh's, sooner.

Whoosh makes a field's postings by pulling one token object at a time through generator layers;
for job descriptions (and their word pairs) that was most of the time an index build took, and
for the two dozen short fields of a job (title, places, keywords, ids) a fifth more. The fields
here ask their analyzer for the list of terms at once (``terms``, which this app's analyzers
have; ``positioned`` for a format that keeps positions) and count them. Anything else — an
analyzer without them, another format, a value that is not a string — goes Whoosh's way.
``tests/search/test_fast_writing.py`` proves both ways give the same postings, field by field.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any

from whoosh.fields import ID, KEYWORD, TEXT, FieldType
from whoosh.formats import Existence, Frequency, Positions
from whoosh.system import pack_uint


def _places(first: int, words: list[str]) -> dict[str, list[int]]:
    """Return each word's positions, the words numbered on from ``first``."""
    places: dict[str, list[int]] = {}
    for place, word in enumerate(words, first):
        found = places.get(word)
        if found is None:
            places[word] = [place]
        else:
            found.append(place)
    return places


def _one_pass(field: FieldType, value: Any) -> tuple[Any, float, Callable[[str], list[str]]] | None:
    """Return the field's format, its boost and its analyzer's ``terms``, or None to go Whoosh's way."""
    terms = getattr(field.analyzer, "terms", None)
    if terms is None or not isinstance(value, str):
        return None
    return field.format, field.format.field_boost, terms


def fast_postings(field: FieldType, value: Any) -> list[tuple[bytes, int, float, bytes]] | None:
    """Return the field's postings for ``value`` as ``FieldType.index`` would, or None to go Whoosh's way."""
    found = _one_pass(field, value)
    if found is None:
        return None
    fmt, boost, terms = found
    if type(fmt) is Frequency:
        counts = Counter(terms(value))
        return [(word.encode("utf-8"), n, n * boost, pack_uint(n)) for word, n in counts.items()]
    if type(fmt) is Existence:
        return [(word.encode("utf-8"), 1, boost, b"") for word in set(terms(value))]
    positioned = getattr(field.analyzer, "positioned", None)
    if type(fmt) is Positions and positioned is not None:
        first, words = positioned(value)
        places = _places(first, words)
        return [(w.encode("utf-8"), len(p), len(p) * boost, fmt.encode(p)) for w, p in places.items()]
    return None


PoolPostings = tuple[list[bytes], list[tuple[int, float, bytes]], int]
_PACKED = [pack_uint(n) for n in range(256)]


def pool_postings(field: FieldType, value: Any, number: int) -> PoolPostings | None:
    """Return ``fast_postings`` as the pool keeps them: terms, their (document, weight, value), length.

    For the segment writer, which would otherwise unpack each posting and make it again. A
    posting is shared by the terms it is the same for (every pair of a description; each word
    said once), so most words of a document make no tuple of their own. None: go the slow way.
    """
    found = _one_pass(field, value)
    if found is None:
        return None
    fmt, boost, terms = found
    if type(fmt) is Frequency:
        words = terms(value)
        counts = Counter(words)
        made: dict[int, tuple[int, float, bytes]] = {}
        postings = []
        for n in counts.values():
            posting = made.get(n)
            if posting is None:
                posting = made[n] = (number, n * boost, _PACKED[n] if n < 256 else pack_uint(n))
            postings.append(posting)
        return [word.encode("utf-8") for word in counts], postings, len(words)
    if type(fmt) is Existence:
        distinct = set(terms(value))
        shared = [(number, boost, b"")] * len(distinct)
        return [word.encode("utf-8") for word in distinct], shared, len(distinct)
    positioned = getattr(field.analyzer, "positioned", None)
    if type(fmt) is Positions and positioned is not None:
        first, words = positioned(value)
        places = _places(first, words)
        return (
            [w.encode("utf-8") for w in places],
            [(number, len(p) * boost, fmt.encode(p)) for p in places.values()],
            len(words),
        )
    return None


class _OnePass(FieldType):  # type: ignore[misc]
    """A field that makes its postings in one pass when it can, and Whoosh's way otherwise."""

    def index(self, value: Any, **kwargs: Any) -> Any:
        made = fast_postings(self, value) if not kwargs else None
        return made if made is not None else super().index(value, **kwargs)

    def pool_postings(self, value: Any, number: int) -> PoolPostings | None:
        """Return this field's postings of ``value`` as the pool keeps them, or None (see the function)."""
        return pool_postings(self, value, number)


class FastText(_OnePass, TEXT):  # type: ignore[misc]
    """A TEXT field whose postings (with positions or without) are made in one pass."""


class FastKeyword(_OnePass, KEYWORD):  # type: ignore[misc]
    """A KEYWORD field (values between commas) whose postings are made in one pass."""


class FastID(_OnePass, ID):  # type: ignore[misc]
    """An ID field (the value whole) whose posting is made in one pass."""


class FastTerms(_OnePass):
    """A field of its own terms (word pairs, say) that only records which documents hold each."""

    def __init__(self, analyzer: Any) -> None:
        super().__init__(Existence(), analyzer)


def column_only(field: FieldType) -> FieldType:
    """Return ``field`` kept as a column only: its values are read by document, never looked up by term.

    A numeric field otherwise writes a dozen or more range terms per document for Whoosh's
    range queries; this app reads its ranges from the sorted column instead.
    """
    field.indexed = False
    return field
