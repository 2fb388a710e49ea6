"""Glossary mentions in text: find term titles and aliases, and link them in HTML fragments."""

from __future__ import annotations

import html as html_lib
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from html.parser import HTMLParser
from itertools import pairwise
from typing import cast

from desktop_app.core.namefinder import NameFinder

CASE_SENSITIVE_MAX = 3
"""Names this long or shorter ("Go", "R", "AWS", "k8s") match only exactly as written."""

SKIP_TAGS = frozenset({"a", "code", "pre", "kbd", "samp", "script", "style"})
"""Elements whose text is never linked: existing links, code, and raw-text elements."""


@dataclass(frozen=True, slots=True)
class TermName:
    """One name a glossary term goes by (its title or an alias), with the term's slug.

    ``ambiguous`` marks a name that is an everyday word or another thing's abbreviation
    ("Go", "Spark", "PM", "TF"): it is found only as written and linked only with support.
    """

    slug: str
    name: str
    ambiguous: bool = False


EVERYDAY_NAMES = frozenset(
    {
        "rest",
        "rails",
        "torch",
        "swagger",
        "tailwind",
        "accessibility",
        "redundancy",
        "share code",
        "celery",
        "express",
        "jest",
        "base",
        "notice",
        "equity",
        "spring",
        "spark",
        "swift",
        "rust",
        "go",
        "node",
        "hybrid",
        "helm",
        "lambda",
        "clearance",
        "probation",
        "sponsorship",
        "referral",
        "snowflake",
        "electron",
        "elixir",
        "dart",
        "bootstrap",
        "airflow",
        "hibernate",
        "ruby",
        "react",
        "migrations",
        "layoff",
        "leveling",
        "levelling",
        "relo",
        "the cloud",
        "prompting",
    }
)
"""Names (case-folded) that are English words first: treated as ambiguous even when unflagged."""

# Words right before a word-like name that say a technology follows ("experience with Go").
_LEFT_CUES = (
    "experience", "experienced", "expertise", "proficiency", "proficient", "fluency", "fluent", "skilled",
    "skills", "background", "knowledge", "familiarity", "familiar", "comfortable", "hands-on", "written",
    "writing", "write", "built", "building", "build", "coding", "programming", "develop", "developing",
    "using", "use", "of", "with", "in", "like", "including", "such as", "e.g.", "and", "or",
)  # fmt: skip


def cue_pattern(cue: str) -> str:
    """Return a cue as an expression: as written, any case, a space any run of white space."""
    return re.escape(cue).replace(r"\ ", r"\s+")


# A cue, then white space, colons or brackets up to the name: read backwards from the name, one
# try at the start of the reversed text before it (a search of the text tried every cue at each
# of its 40 characters). Cues are not whole words: "within Go" is a cue too.
_LEFT_CUE_REVERSED = re.compile(
    r"[\s:(]+(?:" + "|".join(cue_pattern(cue[::-1]) for cue in _LEFT_CUES) + ")", re.IGNORECASE
)
# Words right after a word-like name that say it is a technology ("Go services").
_RIGHT_CUE = re.compile(
    r"^[\s-]+(?:developers?|engineers?|engineering|programming|programmers?|codebases?|code|"
    r"services|microservices|backends?|SDKs?|APIs?|apps|desktop|applications|pipelines|jobs|clusters|"
    r"frameworks?|stack|ecosystem|libraries|compilers?|toolchain|runtime|modules?\s+for|language)\b",
    re.IGNORECASE,
)
# What may stand between two items of one list: "Go, Rust", "Go/Rust", "Go and Rust", bullets.
_LIST_GAP = re.compile(
    r"^(?:[\s,;/|&+()\[\]\x00*•·–—-]|\band\b|\bor\b|\bas\s+well\s+as\b|\bplus\b|\betc\.?)*$",
    re.IGNORECASE,
)
CONTEXT_WINDOW = 240
"""Characters either side of an ambiguous mention where a related term lends it support."""
LOOKUPS_KEPT = 20_000
"""Matched texts whose term a matcher remembers (then it starts again): each distinct spelling seen."""


def _joined(text: str, start: int, end: int) -> bool:
    """Return whether the mention at ``start:end`` is part of a hyphenated word ("Go-to-market")."""
    if text[end : end + 1] == "-" and text[end + 1 : end + 2].isalnum():
        return True  # "Go-to-market", "Spark-plug"
    return start > 0 and text[start - 1] == "-" and text[start - 2 : start - 1].isalnum()


def _alone(text: str, i: int, starts: Sequence[int], ends: Sequence[int]) -> bool:
    """Return whether a word-like mention ``i`` is supported by a list it stands in or a cue."""
    start, end = starts[i], ends[i]
    word = text[start:end]
    if word.isupper() or not word[:1].isalpha():
        return False  # an abbreviation ("PM", "TF") needs a related term: lists and cues do not tell
    if i > 0:
        gap = text[ends[i - 1] : start]
        if _LIST_GAP.match(gap) and "\n\n" not in gap:
            return True
    if i + 1 < len(starts):
        gap = text[end : starts[i + 1]]
        if _LIST_GAP.match(gap) and "\n\n" not in gap:
            return True
    return bool(
        _LEFT_CUE_REVERSED.match(text[max(0, start - 40) : start][::-1])
        or _RIGHT_CUE.match(text[end : end + 40])
    )


def inflections(name: str) -> tuple[str, ...]:
    """Return the other written forms of a name: plurals, and "tests" for "testing".

    >>> inflections("Reverse Proxy"), inflections("CDN"), inflections("End-to-End Testing")
    (('Reverse Proxies',), ('CDNs',), ('End-to-End Tests', 'End-to-End Test'))
    """
    head, _, last = name.rpartition(" ")
    prefix = f"{head} " if head else ""
    if len(last) < 2 or not last[-1].isalpha() or not last[-2].isalpha():
        return ()
    if last.casefold() == "testing":
        return (f"{prefix}{last[:-3]}s", f"{prefix}{last[:-3]}")
    if last.isupper():
        return () if last.endswith("S") else (f"{name}s",)
    low = last.casefold()
    if low.endswith(("s", "ing")) or any(c.isupper() for c in last[1:]) or not last.isalpha():
        return ()  # "Kubernetes", "Caching", "GraphQL", "Node.js": no plural a job ad writes
    if low.endswith("y") and low[-2] not in "aeiou":
        return (f"{name[:-1]}ies",)
    if low.endswith(("x", "ch", "sh", "z")):
        return (f"{name}es",)
    return (f"{name}s",)


def _normalise(name: str) -> str:
    return " ".join(name.split())


class TermMatcher:
    """Finds mentions of glossary terms (titles and aliases) in text.

    A mention stands on word boundaries: "Go" is not found in "Google" or "going", "R" not in
    "R&D", while names with symbols ("C++", "C#", ".NET", "Node.js", "CI/CD") work. Names of up to
    three characters match only as written, longer ones in any case, and in their plurals
    ("load balancers", "reverse proxies", "CDNs", "end-to-end tests"). Spaces in a name match
    any white space. Where names overlap, the longest wins; where two terms share a name, the
    first given wins.

    An ambiguous name (flagged, or in ``EVERYDAY_NAMES``) is found only as written, never in a
    hyphenated word ("Go-to-market"), and counts only with support: the same term named
    plainly in the text; a term of its ``context`` (the glossary's related terms, both ways)
    within ``CONTEXT_WINDOW`` characters; and for a word-like name ("Go", "Spark", not "PM"),
    also a neighbour in a list of terms ("Python, Go") or a cue ("experience with Go",
    "Go services"). So "9 AM – 5 PM", "RN license" and "TF modules" beside Terraform link
    nothing.

    >>> matcher = TermMatcher([TermName("go", "Go", True), TermName("google-cloud", "Google Cloud")])
    >>> matcher.find("Go, going, Google cloud; Go-to-market, and services in Go")
    [(11, 23, 'google-cloud'), (55, 57, 'go')]
    """

    def __init__(self, names: Iterable[TermName], context: Mapping[str, Iterable[str]] | None = None) -> None:
        self._exact: dict[str, tuple[str, bool]] = {}
        self._folded: dict[str, str] = {}
        exact_forms: list[str] = []
        folded_forms: list[str] = []  # lower-cased
        for item in names:
            name = _normalise(item.name)
            if not name:
                continue
            ambiguous = item.ambiguous or name.casefold() in EVERYDAY_NAMES
            forms = (name,) if ambiguous else (name, *inflections(name))
            for form in forms:
                if ambiguous or len(name) <= CASE_SENSITIVE_MAX:
                    self._exact.setdefault(form, (item.slug, ambiguous))
                    exact_forms.append(form)
                else:
                    self._folded.setdefault(form.casefold(), item.slug)
                    folded_forms.append(form.lower())
        self._context: dict[str, set[str]] = {}
        for slug, others in (context or {}).items():
            for other in others:
                self._context.setdefault(slug, set()).add(other)
                self._context.setdefault(other, set()).add(slug)
        self._names = NameFinder(exact_forms, folded_forms) if exact_forms or folded_forms else None
        # What each text a name matched stands for (a job ad names the same few terms again and
        # again): its term's slug (None: none), and the slug again if it needs no support.
        self._slug_of: dict[str, str | None] = {}
        self._sure_of: dict[str, str | None] = {}

    def _lookup(self, mention: str) -> tuple[str, bool] | None:
        name = _normalise(mention)
        if name in self._exact:
            return self._exact[name]
        slug = self._folded.get(name.casefold())
        return None if slug is None else (slug, False)

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """Return non-overlapping (start, end, slug) spans of mentions in text, left to right.

        At each place the longest name is preferred: "Ruby on Rails" over "Ruby".

        >>> matcher = TermMatcher([TermName("ruby", "Ruby"), TermName("rails", "Ruby on Rails")])
        >>> matcher.find("ruby on rails, or plain Ruby?")
        [(0, 13, 'rails'), (24, 28, 'ruby')]
        """
        if self._names is None:
            return []
        spans = self._names.spans(text)
        if not spans:
            return []
        starts, ends, slugs, sure = self._columns(spans)
        if None not in sure:
            return list(zip(starts, ends, slugs, strict=True))
        # Two rounds: a word-like name that a list or a cue supports ("TS and React") can then
        # lend support to an abbreviation beside it. Only that can change in the second round
        # (the rest does not depend on what the first found), so only that is asked again.
        plain = set(sure)
        first = list(sure)
        waiting: list[int] = []  # ambiguous mentions the first round left unsupported
        for i, slug in enumerate(sure):
            if slug is not None:
                continue
            start, end, slug = starts[i], ends[i], slugs[i]
            if _joined(text, start, end):
                continue
            if slug in plain or self._near(start, slug, sure, starts) or _alone(text, i, starts, ends):
                first[i] = slug
            else:
                waiting.append(i)
        if waiting and first != sure:
            second = list(first)
            for i in waiting:
                if self._near(starts[i], slugs[i], first, starts):
                    second[i] = slugs[i]
            first = second
        return [
            mention for mention, ok in zip(zip(starts, ends, slugs, strict=True), first, strict=True) if ok
        ]

    def _columns(
        self, spans: list[tuple[int, int, str]]
    ) -> tuple[Sequence[int], Sequence[int], list[str], list[str | None]]:
        """Return the mentions' starts, ends and slugs, and each slug again where it needs no support.

        Made in C, through ``map`` of the texts matched (a Python loop over the mentions was a
        tenth of deriving a job's skills).
        """
        starts, ends, mentions = zip(*spans, strict=True)
        slug_of, sure_of = self._slug_of, self._sure_of
        try:
            slugs = list(map(slug_of.__getitem__, mentions))
        except KeyError:  # a text not matched before
            if len(slug_of) > LOOKUPS_KEPT:
                slug_of.clear()
                sure_of.clear()
            for mention in set(mentions).difference(slug_of):
                name = self._lookup(mention)
                slug_of[mention] = name[0] if name else None
                sure_of[mention] = name[0] if name and not name[1] else None
            slugs = list(map(slug_of.__getitem__, mentions))
        if None in slugs:  # a text matched that names no term: only exotic Unicode case folds
            kept = [i for i, slug in enumerate(slugs) if slug is not None]
            starts, ends = tuple(starts[i] for i in kept), tuple(ends[i] for i in kept)
            mentions = tuple(mentions[i] for i in kept)
            slugs = [slugs[i] for i in kept]
        return starts, ends, cast(list[str], slugs), list(map(sure_of.__getitem__, mentions))

    def _near(self, start: int, slug: str, sure: list[str | None], starts: Sequence[int]) -> bool:
        """Return whether a term related to ``slug`` (named at ``start``) is ``sure`` within the window."""
        related = self._context.get(slug)
        if not related:
            return False
        window = CONTEXT_WINDOW  # ``starts`` is in order: the mentions near are a slice
        return not related.isdisjoint(
            sure[bisect_left(starts, start - window) : bisect_right(starts, start + window)]
        )

    def slugs_in(self, text: str) -> list[str]:
        """Return the distinct slugs mentioned in text, in order of first mention.

        >>> matcher = TermMatcher([TermName("cpp", "C++"), TermName("c-language", "C")])
        >>> matcher.slugs_in("C, C++ and C again")
        ['c-language', 'cpp']
        """
        return list(dict.fromkeys(slug for _, _, slug in self.find(text)))


class _Segmenter(HTMLParser):
    """Cuts HTML into pieces by source offset, marking text that may take links."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", source)]
        self._open: Counter[str] = Counter()
        self.pieces: list[tuple[int, bool]] = []  # (start offset, linkable text?)

    def _mark(self, is_text: bool) -> None:
        line, column = self.getpos()  # where the construct being handled starts
        linkable = is_text and not any(self._open.values())
        self.pieces.append((self._line_starts[line - 1] + column, linkable))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._mark(False)
        if tag in SKIP_TAGS:
            self._open[tag] += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._mark(False)

    def handle_endtag(self, tag: str) -> None:
        self._mark(False)
        if self._open[tag] > 0:
            self._open[tag] -= 1

    def handle_data(self, data: str) -> None:
        self._mark(True)

    def handle_entityref(self, name: str) -> None:
        self._mark(True)

    def handle_charref(self, name: str) -> None:
        self._mark(True)

    def handle_comment(self, data: str) -> None:
        self._mark(False)

    def handle_decl(self, decl: str) -> None:
        self._mark(False)

    def handle_pi(self, data: str) -> None:
        self._mark(False)

    def unknown_decl(self, data: str) -> None:
        self._mark(False)


def link_terms(
    html: str,
    matcher: TermMatcher,
    href: Callable[[str], str] = lambda slug: f"term:{slug}",
    limit_per_term: int = 1,
) -> str:
    """Return the (already sanitised) HTML fragment with glossary mentions wrapped in links.

    Only text is touched, and never inside an existing link or in ``code``, ``pre``, ``kbd``,
    ``samp``, ``script`` or ``style``; everything else stays byte for byte. Text is matched as
    written, so a name spelled with a character reference ("C&#43;&#43;") is not found, and a
    name split by a tag ("Ruby <b>on</b> Rails") neither. Only the first ``limit_per_term``
    mentions of each term are linked (0 links none); only the ``href`` value is escaped.
    Raises ValueError if ``limit_per_term`` is negative.

    >>> matcher = TermMatcher([TermName("flask", "Flask")])
    >>> link_terms('<p title="Flask">Flask, Flask</p><a href="/f">Flask</a>', matcher)
    '<p title="Flask"><a href="term:flask">Flask</a>, Flask</p><a href="/f">Flask</a>'
    """
    if limit_per_term < 0:
        raise ValueError(f"limit_per_term must be 0 or more, not {limit_per_term}")
    parser = _Segmenter(html)
    parser.feed(html)
    parser.close()
    pieces = [*parser.pieces, (len(html), False)]
    runs: list[tuple[int, int]] = []  # linkable text, by offset in html
    run_start: int | None = None
    for (start, linkable), (end, next_linkable) in pairwise(pieces):
        if linkable and run_start is None:
            run_start = start
        if linkable and not next_linkable and run_start is not None:
            runs.append((run_start, end))
            run_start = None
    # All the text is matched at once, so an ambiguous name finds its support across tags
    # ("<li>Python</li><li>Go</li>"); runs are joined by NULs, which no name holds, around the
    # line or paragraph break that the markup between them makes.
    offsets: list[int] = []  # where each run starts in the joined text
    joined: list[str] = []
    length = 0
    previous_end = 0
    for start, end in runs:
        gap = _gap(html[previous_end:start]) if joined else ""
        length += len(gap)
        offsets.append(length)
        joined += [gap, html[start:end]]
        length += end - start
        previous_end = end
    linked: Counter[str] = Counter()
    out: list[str] = []
    done = 0
    run = 0
    for start, end, slug in matcher.find("".join(joined)):
        if linked[slug] >= limit_per_term:
            continue
        while run + 1 < len(offsets) and offsets[run + 1] <= start:
            run += 1
        linked[slug] += 1
        at = runs[run][0] + start - offsets[run]
        target = html_lib.escape(href(slug), quote=True)
        out += [html[done:at], f'<a href="{target}">', html[at : at + end - start], "</a>"]
        done = at + end - start
    out.append(html[done:])
    return "".join(out)


_PARAGRAPH_TAGS = re.compile(r"<\s*/?\s*(?:p|div|h[1-6]|ul|ol|table|section|blockquote|hr)\b", re.IGNORECASE)
_LINE_TAGS = re.compile(r"<\s*/?\s*(?:li|br|tr|td|th|dt|dd)\b", re.IGNORECASE)


def _gap(markup: str) -> str:
    """Return what stands for the markup between two text runs: a paragraph, line or no break."""
    if _PARAGRAPH_TAGS.search(markup):
        return "\x00\n\n\x00"
    return "\x00\n\x00" if _LINE_TAGS.search(markup) else "\x00"
