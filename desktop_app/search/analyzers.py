"""Whoosh analyzers: how titles, bodies and typed prefixes are cut into searchable terms."""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import pairwise
from typing import Any

from whoosh.analysis import (
    Analyzer,
    CharsetFilter,
    CompositeAnalyzer,
    IDTokenizer,
    LowercaseFilter,
    NgramFilter,
    RegexTokenizer,
    StripFilter,
)
from whoosh.analysis.acore import Token
from whoosh.lang.porter import stem as porter_stem
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
PREFIX_MAX = 20
_NAMES = re.compile(f"[^{SEPARATOR}]+")
_COMMAS = re.compile(r"[^,]+")


# The runs of letters the accent table changes. Its ASCII entries change nothing once the text
# is lower-cased ("i" is "i"), and they are in nearly every text: leave them out.
_ACCENTED = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(accent_map) if c > 127) + "]+")


def _strip_accents(run: re.Match[str]) -> str:
    return run[0].translate(accent_map)


def folded(value: str) -> str:
    """Return ``value`` lower-cased with accents stripped.

    Only the runs of accented letters go through the accent table: a description with one
    "é", or only bullets and dashes, was looked up in it character by character (a tenth of
    what indexing a job cost).

    >>> folded("Crème Brûlée • ZÜRICH")
    'creme brulee • zurich'
    """
    text = value.lower()
    if text.isascii():
        return text
    return _ACCENTED.sub(_strip_accents, text)


class FoldingTokenizer(RegexTokenizer):  # type: ignore[misc]
    """A regex tokenizer that lower-cases the text and strips its accents first, all at once.

    The same words as a tokenizer followed by lower-case and accent filters, but the folding
    is done once per text in C rather than once per word in Python: indexing is faster.
    """

    def __call__(self, value: str, **kwargs: Any) -> Iterator[Token]:
        return super().__call__(folded(value), **kwargs)  # type: ignore[no-any-return]

    def terms(self, value: str) -> list[str]:
        """Return the texts of the tokens this tokenizer yields for ``value``, in order, at once."""
        return self.expression.findall(folded(value))  # type: ignore[no-any-return]


_STEMS: dict[str, str] = {}  # word → stem, shared by every analyzer of the process
_STEMS_MAX = 200_000


def stem(word: str) -> str:
    """Return the Porter stem of a word, from a cache after the first time."""
    found = _STEMS.get(word)
    if found is None:
        if len(_STEMS) >= _STEMS_MAX:
            _STEMS.clear()
        found = _STEMS[word] = porter_stem(word)
    return found


# The last long text's stems: a job's description is read for its words, then again for its
# pairs of words (the same string, one field after the other), and is stemmed once.
_LAST_STEMS: tuple[str, list[str]] = ("", [])
_CACHED_LENGTH = 200


class StemmingTokenizer(FoldingTokenizer):
    """Folded words with stop words dropped and the rest stemmed, in one pass.

    The same tokens as a tokenizer followed by a stop filter and a stem filter, without two
    generator layers and a cache lookup per word: most of indexing time is spent here.
    """

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs: Any,
    ) -> Iterator[Token]:
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        text = folded(value)
        spans: list[tuple[int, int]] = []
        if not tokenize:
            words = [text]
            spans = [(0, len(text))]
        elif chars:
            found = list(self.expression.finditer(text))
            words = [m.group(0) for m in found]
            spans = [m.span() for m in found]
        else:
            words = self.expression.findall(text)  # in C: the common case while indexing
        stems_get = _STEMS.get
        kept: int | None = None  # words are numbered without gaps where stop words were dropped
        for number, word in enumerate(words):
            place = start_pos + number
            if not word or word in STOP_WORDS:
                if removestops:
                    continue
                token.stopped = True
                token.text = word
            else:
                kept = place if kept is None else kept + 1
                place = kept
                token.stopped = False
                token.text = stems_get(word) or stem(word)
            token.boost = 1.0
            if keeporiginal:
                token.original = word
            if positions:
                token.pos = place
            if chars:
                start, end = spans[number]
                token.startchar = start_char + start
                token.endchar = start_char + end
            yield token

    def terms(self, value: str) -> list[str]:
        """Return the stems this tokenizer yields for ``value`` (stop words dropped), in order, at once."""
        global _LAST_STEMS
        last = _LAST_STEMS
        if value is last[0]:
            return last[1]
        stems_get = _STEMS.get
        words = self.expression.findall(folded(value))
        out = [stems_get(w) or stem(w) for w in words if w and w not in STOP_WORDS]
        if len(value) >= _CACHED_LENGTH:
            _LAST_STEMS = (value, out)
        return out

    def positioned(self, value: str) -> tuple[int, list[str]]:
        """Return the position this tokenizer gives the first stem of ``value``, and the stems.

        The stems after the first are numbered on from it, without gaps (see ``__call__``).
        """
        words = self.expression.findall(folded(value))
        first = next((number for number, word in enumerate(words) if word and word not in STOP_WORDS), 0)
        stems_get = _STEMS.get
        return first, [stems_get(w) or stem(w) for w in words if w and w not in STOP_WORDS]


class PairTokenizer(StemmingTokenizer):
    """Each two neighbouring words of the text analyzer's output, joined by a space.

    A quoted phrase is found by its pairs, a posting list each, instead of by checking the
    positions of its words document by document. Stop words are dropped first, as in the
    text field, so "software as a service" gives the pair ``softwar servic``.
    """

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs: Any,
    ) -> Iterator[Token]:
        token = Token(positions, False, removestops=True, mode=mode)
        previous: str | None = None
        words = super().__call__(value, tokenize=tokenize, mode=mode)
        for number, word in enumerate(t.text for t in words):
            if previous is not None:
                token.text = f"{previous} {word}"
                token.boost = 1.0
                token.stopped = False
                if positions:
                    token.pos = start_pos + number - 1
                yield token
            previous = word

    def terms(self, value: str) -> list[str]:
        """Return the pairs this tokenizer yields for ``value``, in order, at once."""
        return pairs_of(super().terms(value))


def pairs_of(tokens: list[str]) -> list[str]:
    """Return the pairs a phrase of (analysed) words is indexed by.

    >>> pairs_of(["rest", "api", "design"])
    ['rest api', 'api design']
    """
    return [f"{a} {b}" for a, b in pairwise(tokens)]


def pair_analyzer() -> Analyzer:
    """Neighbouring words, folded and stemmed: the index of phrases.

    "REST APIs in Go" → ``rest api``, ``api go``.
    """
    return PairTokenizer(TECH_TOKEN)


def text_analyzer() -> Analyzer:
    """Words, folded and stemmed, for prose and names.

    "Databases in Zürich, C++" → ``databas``, ``zurich``, ``c++``.
    """
    return StemmingTokenizer(TECH_TOKEN)


def word_analyzer() -> Analyzer:
    """Words, folded but not stemmed: the vocabulary that typo suggestions come from.

    "Kubernetes clusters" → ``kubernetes``, ``clusters``.
    """
    return FoldingTokenizer(TECH_TOKEN)


class PrefixAnalyzer(CompositeAnalyzer):  # type: ignore[misc]
    """Folded words, then each word's leading fragments of 2 to ``PREFIX_MAX`` letters; ``terms`` at once."""

    def __init__(self) -> None:
        super().__init__(word_analyzer(), NgramFilter(minsize=2, maxsize=PREFIX_MAX, at="start"))

    def terms(self, value: str) -> list[str]:
        """Return the fragments the chain yields for ``value``, in order."""
        words = self.items[0].terms(value)
        return [w[:size] for w in words for size in range(2, min(len(w), PREFIX_MAX) + 1)]


def prefix_analyzer() -> Analyzer:
    """Every leading fragment of each word, for matching while typing.

    "PostgreSQL" → ``po``, ``pos``, ``post``, … ``postgresql``.
    """
    return PrefixAnalyzer()


class ExactAnalyzer(CompositeAnalyzer):  # type: ignore[misc]
    """Whole names between separators, stripped, lower-cased, accents folded; ``terms`` at once."""

    def __init__(self) -> None:
        super().__init__(
            RegexTokenizer(f"[^{SEPARATOR}]+"), StripFilter(), LowercaseFilter(), CharsetFilter(accent_map)
        )

    def terms(self, value: str) -> list[str]:
        """Return the names the chain yields for ``value``, in order."""
        return [folded(n.strip()) for n in _NAMES.findall(value)]


def exact_analyzer() -> Analyzer:
    """Whole names (a title and each alias, joined by a separator), folded.

    "RESTful API␟REST API" → ``restful api``, ``rest api``.
    """
    return ExactAnalyzer()


class ListedAnalyzer(CompositeAnalyzer):  # type: ignore[misc]
    """Whoosh's keyword analyzer: values between commas, stripped, maybe lower-cased; ``terms`` at once."""

    def __init__(self, lowercase: bool = False) -> None:
        parts = [RegexTokenizer(r"[^,]+"), StripFilter(), *([LowercaseFilter()] if lowercase else [])]
        super().__init__(*parts)
        self.lowercase = lowercase

    def terms(self, value: str) -> list[str]:
        """Return the values the chain yields for ``value``, in order."""
        found = [v.strip() for v in _COMMAS.findall(value)]
        return [v.lower() for v in found] if self.lowercase else found


class WholeValue(IDTokenizer):  # type: ignore[misc]
    """Whoosh's identifier tokenizer (the value whole), with ``terms`` at once."""

    def terms(self, value: str) -> list[str]:
        """Return ``value`` as the one term."""
        return [value]


def fold(text: str) -> str:
    """Return text as the exact analyzer sees it: lower-case, accents removed, spaces single.

    >>> fold("  Zürich   Tech ")
    'zurich tech'
    """
    return " ".join(t.text for t in exact_analyzer()(" ".join(text.split())))
