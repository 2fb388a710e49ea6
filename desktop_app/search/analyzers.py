"""Whoosh analyzers: how titles, bodies and typed prefixes are cut into searchable terms."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from whoosh.analysis import (
    Analyzer,
    CharsetFilter,
    LowercaseFilter,
    NgramFilter,
    RegexTokenizer,
    StemFilter,
    StopFilter,
    StripFilter,
)
from whoosh.analysis.acore import Token
from whoosh.support.charset import accent_map

# Keeps the names of languages whole: "C++", "C#", "F#", ".NET"; splits "Node.js" at the dot.
TECH_TOKEN = r"(?i)\.net\b|\w+(?:\+\+|#)?"
# "it" (IT), "us" (US) and "go" (Go) are words that job ads mean; they are not stop words here.
STOP_WORDS = frozenset((
    "a", "an", "and", "are", "as", "at", "be", "by", "can", "for", "from", "have", "if", "in",
    "is", "may", "not", "of", "on", "or", "that", "the", "this", "to", "we", "when", "will",
    "with", "yet", "you", "your",
))  # fmt: skip
SEPARATOR = "\x1f"


class FoldingTokenizer(RegexTokenizer):  # type: ignore[misc]
    """A regex tokenizer that lower-cases the text and strips its accents first, all at once.

    The same words as a tokenizer followed by lower-case and accent filters, but the folding
    is done once per text in C rather than once per word in Python: indexing is faster.
    """

    def __call__(self, value: str, **kwargs: Any) -> Iterator[Token]:
        return super().__call__(value.lower().translate(accent_map), **kwargs)  # type: ignore[no-any-return]


def text_analyzer() -> Analyzer:
    """Words, folded and stemmed, for prose and names.

    "Databases in Zürich, C++" → ``databas``, ``zurich``, ``c++``.
    """
    return FoldingTokenizer(TECH_TOKEN) | StopFilter(stoplist=STOP_WORDS, minsize=1) | StemFilter()


def word_analyzer() -> Analyzer:
    """Words, folded but not stemmed: the vocabulary that typo suggestions come from.

    "Kubernetes clusters" → ``kubernetes``, ``clusters``.
    """
    return FoldingTokenizer(TECH_TOKEN)


def prefix_analyzer() -> Analyzer:
    """Every leading fragment of each word, for matching while typing.

    "PostgreSQL" → ``po``, ``pos``, ``post``, … ``postgresql``.
    """
    return word_analyzer() | NgramFilter(minsize=2, maxsize=PREFIX_MAX, at="start")


def exact_analyzer() -> Analyzer:
    """Whole names (a title and each alias, joined by a separator), folded.

    "RESTful API␟REST API" → ``restful api``, ``rest api``.
    """
    return RegexTokenizer(f"[^{SEPARATOR}]+") | StripFilter() | LowercaseFilter() | CharsetFilter(accent_map)


PREFIX_MAX = 20


def fold(text: str) -> str:
    """Return text as the exact analyzer sees it: lower-case, accents removed, spaces single.

    >>> fold("  Zürich   Tech ")
    'zurich tech'
    """
    return " ".join(t.text for t in exact_analyzer()(" ".join(text.split())))
