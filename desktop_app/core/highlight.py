"""Where a query's words occur in a text: spans to highlight, and an excerpt around the first ones."""

from __future__ import annotations

import re
from functools import lru_cache

WORD_ENDINGS = r"(?:s|es|ed|ing|er|ers)?"
ELLIPSIS = "…"


@lru_cache(maxsize=64)  # a list draws every row with the same words: made once, not per row
def _pattern(words: tuple[str, ...], last_is_prefix: bool) -> re.Pattern[str] | None:
    parts = [re.escape(w) + WORD_ENDINGS + r"\b" for w in words if w]
    if last_is_prefix and words and words[-1]:
        parts[-1] = re.escape(words[-1]) + r"\w*"
    if not parts:
        return None
    return re.compile(r"\b(?:" + "|".join(parts) + r")", re.I)


def highlight_spans(text: str, words: tuple[str, ...], last_is_prefix: bool = False) -> list[tuple[int, int]]:
    """Return (start, end) spans of the words of ``text`` that a query word matches.

    A query word matches itself with a common ending ("app" → "apps", not "apple"); the word
    still being typed (``last_is_prefix``) matches every word it begins.

    >>> highlight_spans("Apps for Apple", ("app",))
    [(0, 4)]
    >>> highlight_spans("Python and Pythonic", ("pyth",), last_is_prefix=True)
    [(0, 6), (11, 19)]
    """
    pattern = _pattern(words, last_is_prefix)
    return [] if pattern is None else [(m.start(), m.end()) for m in pattern.finditer(text)]


def excerpt(text: str, words: tuple[str, ...], width: int = 140, last_is_prefix: bool = False) -> str:
    """Return about ``width`` characters of ``text`` around its first match of ``words`` ("" if none).

    The excerpt starts at a word boundary a little before the match and is marked with "…"
    where it cuts the text.

    >>> excerpt("We build services. You will ship APIs using Flask and Redis every day.", ("flask",), 30)
    '…using Flask and Redis every…'
    """
    pattern = _pattern(words, last_is_prefix)
    found = pattern.search(text) if pattern is not None else None
    if found is None:
        return ""
    start = max(0, found.start() - width // 3)
    if start:
        space = text.find(" ", start, found.start())
        start = space + 1 if space != -1 else start
    end = min(len(text), start + width)
    if end < len(text):
        space = text.rfind(" ", found.end(), end)
        end = space if space != -1 else end
    body = " ".join(text[start:end].split())
    return f"{ELLIPSIS if start else ''}{body}{ELLIPSIS if end < len(text) else ''}"
