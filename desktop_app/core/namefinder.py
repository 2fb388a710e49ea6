"""Glossary names in text: one expression of every name, tried only where a name can start."""

from __future__ import annotations

import re
from collections.abc import Iterable

from ahocorasick_rs import BytesAhoCorasick, Implementation

# A mention may not start right after a letter or digit, nor after "&" (as in "R&D", also when
# written "R&amp;D"); a name that starts with a letter may not follow "." or "#" either, so that
# "ASP.NET" holds no ".NET"-style false start and "#Go" is a hashtag, not a mention.
_BEFORE = r"(?<![^\W_])(?<!&)(?<!&amp;)(?:(?![^\W\d_])|(?<![.#]))"
# Characters before a mention that the boundary rules look at more closely.
_LOOK_BEFORE = frozenset("&;.#")
# A character reference other than an encoded "&" ("&nbsp;", "&#8212;") ends a mention fine.
_REFERENCE = r"&(?!amp;|#0*38;|#[xX]0*26;)(?:[A-Za-z][A-Za-z0-9]*|#[0-9]+|#[xX][0-9A-Fa-f]+);"
# A mention may not run on into a letter or digit, nor into "&" ("R&D", "R&amp;D").
_AFTER = rf"(?:(?={_REFERENCE})|(?![^\W_]|&))"


class Trie:
    """A trie of names (a node: the names that continue from here, and whether one ends here)."""

    __slots__ = ("children", "terminal")

    def __init__(self) -> None:
        self.children: dict[str, Trie] = {}
        self.terminal = False

    def add(self, name: str) -> None:
        node = self
        for char in name:
            node = node.children.setdefault(char, Trie())
        node.terminal = True

    def starts(self, text: str, separator: str) -> bool:
        """Return whether some name stands at the start of ``text``, a space of a name a run of ``separator``.

        ``pattern(re.escape(separator) + "+")`` matching the start of ``text``, as a walk.
        """
        if self.terminal:
            return True
        for char, node in self.children.items():
            if char != " ":
                if text.startswith(char) and node.starts(text[1:], separator):
                    return True
                continue
            rest = text
            while rest.startswith(separator):
                rest = rest[len(separator) :]
                if node.starts(rest, separator):
                    return True
        return False

    def pattern(self, space: str = r"\s+") -> str:
        """Return the trie as an expression; a space in a name matches ``space``."""
        # Children start with different characters, so at most one can match; trying them before
        # ending here ("?" is greedy) makes the longest name win, and backtracking falls back to a
        # shorter name when a longer one fails the boundary check ("Go languages" gives "Go").
        parts = [(space if c == " " else re.escape(c)) + n.pattern(space) for c, n in self.children.items()]
        if not parts:
            return ""
        if len(parts) == 1:
            return f"(?:{parts[0]})?" if self.terminal else parts[0]
        return "(?:" + "|".join(parts) + ")" + ("?" if self.terminal else "")


# The marked text: each ASCII letter or digit lower-cased, every other character (white space,
# punctuation, any non-ASCII character) one separator, so a text keeps its length.
_SEPARATOR = "\x01"
_MARKS = bytes(c + 32 if 65 <= c <= 90 else c if 97 <= c <= 122 or 48 <= c <= 57 else 1 for c in range(256))
# Where names are looked for, a character that may be white space (ASCII white space, and any
# other than ASCII, which the marking reads as "?") is a separator of its own: the space between
# a name's words; every other separator (punctuation) stays ``_SEPARATOR``.
_PUNCTUATION = _SEPARATOR.encode("ascii")
_WHITE = b"\x02"
_PLACE_MARKS = bytes(_WHITE[0] if chr(c).isspace() or chr(c) == "?" else m for c, m in enumerate(_MARKS))
# The characters other than ASCII ones that a case-insensitive ASCII letter matches ("K", the
# Kelvin sign, is "k"). A text holding one is tried at every place; a test checks there are no others.
FOLDING = "\u0130\u0131\u017f\u212a"


def _folds_to_ascii(text: str) -> bool:
    """Return whether ``text`` holds one of ``FOLDING`` (four looks for a character: 30 times quicker)."""
    return any(char in text for char in FOLDING)


def _marked(text: str) -> str:
    """Return ``text`` marked, between two separators (one more character at each end).

    >>> _marked("Go, C++ · .NET").replace(_SEPARATOR, "|")
    '|go||c||||||net|'
    """
    return f"{_SEPARATOR}{text.encode('ascii', 'replace').translate(_MARKS).decode('ascii')}{_SEPARATOR}"


def _place_marked(text: str) -> bytes:
    r"""Return ``text`` marked where names are looked for: between two separators, white space its own.

    >>> _place_marked("Go, C++ · .NET").replace(b"\x01", b"|").replace(_WHITE, b"_")
    b'|go|_c||___|net|'
    """
    return b"%b%b%b" % (_PUNCTUATION, text.encode("ascii", "replace").translate(_PLACE_MARKS), _PUNCTUATION)


def _trie(forms: Iterable[str]) -> Trie:
    root = Trie()
    for form in forms:
        root.add(form)
    return root


def _mention_regex(folded: Iterable[str], exact: Iterable[str]) -> re.Pattern[str] | None:
    """Return one expression of the names: case-insensitive ones (lower-cased) first, then exact ones."""
    folded, exact = list(folded), list(exact)
    branches = [f"(?i:{_trie(folded).pattern()})" if folded else "", _trie(exact).pattern()]
    body = "|".join(b for b in branches if b)
    return re.compile(f"{_BEFORE}(?:{body}){_AFTER}") if body else None


def _marked_trie(forms: Iterable[str]) -> Trie:
    """Return the trie of names as the marked text holds them: each word marked, spaces kept."""
    return _trie(" ".join(_marked(word)[1:-1] for word in form.split(" ")) for form in forms)


def _place_marks(exact: list[str], folded: list[str]) -> tuple[list[bytes], int]:
    r"""Return what shows where a name can start in a place-marked text, and how many of them are names.

    First each name place-marked between two separators, a space of it one white space: a name
    mentioned with single white space between its words stands there marked, and the place's
    longest such mark ends where its longest name can. The marked name can stand where the
    name does not (its symbols, case or boundaries differ): the place is then tried for
    nothing. Looking for whole names rather than first words leaves out the places where only
    a first word stands ("load" without "balancer"): 40 of 62 a posting.

    Then, of each name of several words, its first words followed by two white spaces: where a
    name may stand with more white space between its words ("load  balancer", "Load\n\nBalancer"),
    the names are tried. (One expression of the marked names, a space any run of separators,
    took twice the time to look for these places, and 0.14 s to make.)
    """
    names: dict[bytes, None] = {}
    runs: dict[bytes, None] = {}
    ends = (_PUNCTUATION, _WHITE)  # what a separator either side of a name can be
    for form in (*exact, *folded):
        words = [_place_marked(word)[1:-1] for word in form.split(" ")]
        body = _WHITE.join(words)
        names.update(dict.fromkeys(before + body + after for before in ends for after in ends))
        for count in range(1, len(words)):
            run = _WHITE.join(words[:count]) + _WHITE * 2
            runs.update(dict.fromkeys(before + run for before in ends))
    # A mark both (a name "C+" and a name "C Sharp" against "C  Sharp"): the names are tried.
    marks = [mark for mark in names if mark not in runs]
    return [*marks, *runs], len(marks)


def _names_by_first(exact: list[str], folded: list[str]) -> dict[int, tuple[list[str], list[str]]]:
    """Return the (folded, exact) names starting with each marked character (its byte)."""
    starting: dict[int, tuple[list[str], list[str]]] = {}
    for form in folded:
        starting.setdefault(_place_marked(form[0])[1], ([], []))[0].append(form)
    for form in exact:
        starting.setdefault(_place_marked(form[0])[1], ([], []))[1].append(form)
    return starting


def _sure_exact(exact: list[str], folded: list[str]) -> frozenset[str]:
    """Return the exact names no case-insensitive name matches the start of, marked.

    The expression tries case-insensitive names first: where one could match the start of an
    exact name, finding the exact name is not enough to know the mention. (A walk of the
    marked names' trie: an expression of them took 0.03 s to make, once per matcher.)
    """
    starts = _marked_trie(folded)
    return frozenset(form for form in exact if not starts.starts(_marked(form)[1:-1], _SEPARATOR))


class NameFinder:
    """Finds names in text on word boundaries: exact ones as written, folded ones in any case.

    Each expression (one per first character, and the one of every name for the texts that need
    it) holds two tries, case-insensitive names first: they are longer than the short names, and
    no shipped ambiguous name extends a case-insensitive one, so "longest wins" holds. Tries
    rather than a flat longest-first alternation, for speed (the 818 shipped names, 5,000
    characters of glossary prose with 39 mentions: a search took ~0.4 ms against ~6.3 ms for
    the flat alternation). Making a finder of the shipped glossary's 2,400 name forms takes
    about 0.04 s, once per glossary change; the expressions of the names starting with one
    character, and the expression of every name (about 0.1 s), are made when a text first
    needs them.
    """

    def __init__(self, exact: list[str], folded: list[str]) -> None:
        """``exact``: names matched as written; ``folded``: names (lower-cased) matched in any case."""
        if not exact and not folded:
            raise ValueError("a name finder needs at least one name")
        self._names = (exact, folded)
        self._regex: re.Pattern[str] | None = None  # every name, tried everywhere: made when first needed
        # Where a name can start in the marked text (``_place_marks``): the marks found, and how
        # many of them are names (the rest: names with more white space, tried).
        self._places: BytesAhoCorasick | None = None
        self._place_names = 0
        # The names starting with each marked character, and their expression once a text needs
        # it (most places need none: a quarter of making a finder saved, 3 of 30 made in 10,000 ads).
        self._starting: dict[int, tuple[list[str], list[str]]] = {}
        self._by_first: dict[int, re.Pattern[str]] = {}
        self._folded = frozenset(folded)
        self._sure_exact = frozenset[str]()
        if not any(_folds_to_ascii(form) for form in (*exact, *folded)):
            marks, self._place_names = _place_marks(exact, folded)
            self._places = BytesAhoCorasick(marks, implementation=Implementation.ContiguousNFA)
            self._starting = _names_by_first(exact, folded)
            self._sure_exact = _sure_exact(exact, folded)

    def _first(self, char: int) -> re.Pattern[str]:
        """Return the expression of the names starting with the marked ``char``, made on first use.

        It is the one expression cut to those names: at a place, the same match.
        """
        regex = self._by_first.get(char)
        if regex is None:
            folded, exact = self._starting[char]
            made = _mention_regex(folded, exact)
            assert made is not None  # a name starts with ``char``
            regex = self._by_first[char] = made
        return regex

    def _everywhere(self) -> re.Pattern[str]:
        """Return the expression of every name, made on first use (most texts never need it)."""
        if self._regex is None:
            exact, folded = self._names
            self._regex = _mention_regex(folded, exact)
            assert self._regex is not None  # there is a name
        return self._regex

    def spans(self, text: str) -> list[tuple[int, int, str]]:
        """Return the non-overlapping mentions in ``text`` as (start, end, text matched), left to right.

        At each place the longest name. The one expression tried at every character spent most
        of its time inside words. The marked text (``_place_marked``) shows where a name may
        stand (``_place_marks``, found at once by an Aho-Corasick automaton); only the names
        beginning with that character are tried there, left to right, skipping what a mention
        already took: the same mentions as trying everywhere (a test compares them).
        """
        if self._places is None or _folds_to_ascii(text):
            return [(*m.span(), m.group()) for m in self._everywhere().finditer(text)]
        marked = _place_marked(text)
        marks = self._places.find_matches_as_indexes(marked, overlapping=True)
        if not marks:
            return []
        # Marks are found by where they end: the last of a place is its longest. (A mark ends
        # past the separator after its name in ``marked``: two past the name's end in ``text``.)
        longest = {start: end for _, start, end in marks}
        names = self._place_names
        tried = {start for mark, start, _ in marks if mark >= names}
        taken = 0
        found: list[tuple[int, int, str]] = []
        folded, sure_exact = self._folded, self._sure_exact
        padded = f" {text} "  # a name at ``start`` in ``text`` stands one further on here
        for start in sorted(longest):
            if start < taken:  # the separator before the name in ``marked`` is at its index in ``text``
                continue
            # The longest name marked that stands here is the mention, without trying the names,
            # when the text holds it as written (ASCII, single spaces) and what stands either
            # side needs no second look (see ``_BEFORE`` and ``_AFTER``).
            if start not in tried:
                end = longest[start] - 2
                around = padded[start : end + 2]  # the name, and a character either side
                if around.isascii() and around[0] not in _LOOK_BEFORE and around[-1] != "&":
                    span = around[1:-1]
                    if span.lower() in folded or span in sure_exact:
                        taken = end
                        found.append((start, end, span))
                        continue
            match = self._first(marked[start + 1]).match(text, start)
            if match is not None:
                taken = match.end()
                found.append((start, taken, match.group()))
        return found
