"""What a job asks for: the glossary terms its posting names, each required or nice-to-have."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal, Protocol

from ahocorasick_rs import BytesAhoCorasick

from desktop_app.core.termlinks import TermMatcher

NOT_SKILLS = frozenset({"Roles & Hiring"})
"""Glossary categories whose terms are about the job, not what it asks of a person (PTO, W-2)."""

ASKS_VERSION = 2
"""Bumped when the rules below change, so every job's skills are derived again.

2: a title is no heading: "Engineer, Benefits Platform (Java)" lost Java as a benefits
section's, and "Python Developer (Preferred: Django)" made Python nice-to-have. Its terms are
required, but where a clause of it says otherwise ("Rust a plus").
"""

Section = Literal["required", "nice", "other"]

# A line that names a section ("Nice to have:", "What you'll bring", "**Bonus points**").
_NICE = re.compile(
    r"\b(?:nice[\s-]+to[\s-]+haves?|good[\s-]+to[\s-]+haves?|bonus(?:\s+points)?|preferred|"
    r"pluses|desired|desirable|optional|extra\s+credit|stand\s+out|not\s+required|"
    r"would\s+be\s+(?:a\s+)?(?:plus|nice|great)|is\s+a\s+plus|are\s+a\s+plus|a\s+plus|plus\s+points|"
    r"ideally)\b",
    re.IGNORECASE,
)
_REQUIRED = re.compile(
    r"\b(?:requirements?|required|must[\s-]+haves?|must|qualifications|what\s+you(?:'|’)?ll\s+(?:bring|need)|"
    r"what\s+you\s+will\s+(?:bring|need)|what\s+we(?:'|’)?re\s+looking\s+for|what\s+we\s+are\s+looking\s+for|"
    r"you\s+(?:have|bring|should\s+have)|who\s+you\s+are|about\s+you|skills|minimum|essential|"
    r"your\s+profile|we\s+expect|you\s+will\s+need|experience)\b",
    re.IGNORECASE,
)
_OTHER = re.compile(
    r"\b(?:benefits|perks|what\s+we\s+offer|about\s+us|about\s+the\s+company|compensation|salary|"
    r"how\s+to\s+apply|equal\s+opportunity|our\s+values|why\s+join|life\s+at)\b",
    re.IGNORECASE,
)
# A word each phrase of ``_NICE`` holds: a line holding none of them (most) skips the regex.
_NICE_WORDS: tuple[str, ...] = ("nice", "good", "bonus", "prefer", "plus", "desir", "optional", "extra")
_NICE_WORDS += ("stand", "required", "great", "ideally")
_NICE_HINT = re.compile("|".join(_NICE_WORDS))
# The same words found at once (twelve looks for a word took 14 µs of a posting's 146).
_NICE_HINT_BYTES = BytesAhoCorasick([word.encode("ascii") for word in _NICE_WORDS])
_SAID_ON_LINE = re.compile(r"\b(?:is|are|would\s+be|a)\s+(?:a\s+)?(?:plus|bonus)\b", re.IGNORECASE)
_BULLET = re.compile(r"^\s*(?:[•*·\-–]|\d+[.)])\s+")
HEADING_MAX_WORDS = 8
# A heading's line has at most this many words: five, and a leading and a trailing "**" or "##".
_HEADING_LINE_WORDS = HEADING_MAX_WORDS - 3 + 2


@dataclass(frozen=True, slots=True)
class AskedSkill:
    """A glossary term a job asks for, and whether the posting requires it or would like it."""

    slug: str
    required: bool


def heading_section(line: str) -> Section | None:
    """Return the section a line opens, or None when the line is not a heading.

    A heading is a short line that is not a list item ("Nice to have", "What you'll bring"), or
    a label before a colon ("Bonus: Rust"). A sentence that says "is a plus" is not one.

    >>> heading_section("Nice to have:"), heading_section("What you'll bring"), heading_section("Benefits")
    ('nice', 'required', 'other')
    >>> heading_section("Bonus: Rust or Zig"), heading_section("Kafka is a plus"), heading_section("• Go")
    ('nice', None, None)
    """
    if _BULLET.match(line):
        return None
    text = line.strip().strip("*#_").strip()
    label, colon, _ = text.partition(":")
    if colon and 0 < len(label.split()) <= HEADING_MAX_WORDS:
        text = label
    elif len(text.split()) > HEADING_MAX_WORDS - 3 or text.endswith(".") or _SAID_ON_LINE.search(text):
        return None
    if not text:
        return None
    if _NICE.search(text) or text.casefold() in ("plus", "plus points", "a plus"):
        return "nice"
    if _OTHER.search(text):
        return "other"
    if _REQUIRED.search(text):
        return "required"
    return None


def _says_nice(line: str) -> bool:
    return _NICE_HINT.search(line.lower()) is not None and _NICE.search(line) is not None


# What separates the clauses of a title: "Backend Engineer (Go; Rust a plus)", "Data Engineer |
# Spark | Kafka optional", "Java Developer - Kubernetes preferred" ("/" stays: "CI/CD").
_TITLE_CLAUSE = re.compile(r"[(),;|–—]|\s-\s")


def _title_asks(title: str, matcher: TermMatcher) -> dict[str, bool]:
    """Return each term a title names, required unless its clause says it is nice to have.

    A title is no heading: "Engineer, Benefits Platform (Java)" asks for Java, and "Python
    Developer (Preferred: Django)" for Python, Django a nice-to-have.
    """
    mentions = matcher.find(title)
    if not mentions or not _says_nice(title):  # most titles
        return {slug: True for _start, _end, slug in mentions}
    cuts = list(_TITLE_CLAUSE.finditer(title))
    starts = [0, *(cut.end() for cut in cuts)]
    ends = [*(cut.start() for cut in cuts), len(title)]
    nice = [_NICE.search(title, start, end) is not None for start, end in zip(starts, ends, strict=True)]
    found: dict[str, bool] = {}
    for start, _end, slug in mentions:
        found[slug] = found.get(slug, False) or not nice[bisect_right(starts, start) - 1]
    return found


def _line_sections(text: str, lines: list[str], starts: list[int]) -> list[Section]:
    """Return the section each line of ``text`` stands in (see ``asked_skills``)."""
    # The lines holding a word of ``_NICE`` (few): only they can say "is a plus". Looked for in
    # the text's bytes lower-cased, a character each ("?" for any other than ASCII): no other
    # character lower-cases to a letter of these words.
    hints = _NICE_HINT_BYTES.find_matches_as_indexes(text.encode("ascii", "replace").lower())
    hinted = {bisect_right(starts, start) - 1 for _, start, _ in hints}  # most postings: none
    section: Section = "required"
    sections: list[Section] = []
    for number, line in enumerate(lines):
        # Only a line with a colon or of few words can be a heading: the rest skip the rules.
        if ":" in line or len(line.split(None, _HEADING_LINE_WORDS)) <= _HEADING_LINE_WORDS:
            opened = heading_section(line)
            if opened is not None:
                section = opened  # "Bonus: Rust" names its terms on the heading line itself
                sections.append(section)
                continue
        if section == "required" and number in hinted and _NICE.search(line):  # hinted: no second look
            sections.append("nice")
        else:
            sections.append(section)
    return sections


def _asked(text: str, matcher: TermMatcher) -> dict[str, bool]:
    """Return each term the text names outside a benefits-like section, and whether it is required."""
    mentions = matcher.find(text)
    if not mentions:
        return {}
    lines = text.split("\n")
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)
    sections = _line_sections(text, lines, starts)
    found: dict[str, bool] = {}
    line_no = 0
    for start, _end, slug in mentions:
        while starts[line_no + 1] <= start:
            line_no += 1
        where = sections[line_no]
        if where == "required":
            found[slug] = True
        elif where == "nice":
            found.setdefault(slug, False)
    return found


def asked_skills(
    text: str, matcher: TermMatcher, categories: dict[str, str], listed: Iterable[str] = ()
) -> list[AskedSkill]:
    r"""Return the skills a posting's plain text asks for, in order of first mention.

    Terms under a nice-to-have heading ("Nice to have", "Bonus", "Preferred", "Plus"), or on a
    line that says so ("Kafka is a plus"), are nice-to-have; under a benefits or about-us
    heading they do not count; anywhere else they are required. A term both required and nice
    is required. ``listed`` are skills the posting names outside its text (schema.org
    ``skills``): required unless the text says otherwise. Terms of ``NOT_SKILLS`` categories
    are left out; ``categories`` maps each slug to its category.

    >>> from desktop_app.core.termlinks import TermName
    >>> m = TermMatcher([TermName("go", "Golang"), TermName("kafka", "Kafka")])
    >>> asked_skills("Requirements:\n• Golang\nNice to have:\n• Kafka", m, {})
    [AskedSkill(slug='go', required=True), AskedSkill(slug='kafka', required=False)]
    """
    found = _asked(text, matcher)
    for slug in listed:
        found.setdefault(slug, True)
    skills = found.items()
    return [AskedSkill(slug, required) for slug, required in skills if categories.get(slug) not in NOT_SKILLS]


def stated_skills(
    names: Iterable[str], by_name: Mapping[str, str], matcher: TermMatcher, categories: Mapping[str, str]
) -> list[str]:
    """Return the glossary terms a posting's own list of skills names (schema.org ``skills``), in order.

    A name that is a term's title or alias ("k8s", "Postgres") is that term; any other is read
    like a line of the ad ("Kubernetes administration").
    """
    found: dict[str, None] = {}
    for name in names:
        slug = by_name.get(name.casefold())
        for candidate in [slug] if slug else matcher.slugs_in(name):
            if categories.get(candidate) not in NOT_SKILLS:
                found[candidate] = None
    return list(found)


class JobText(Protocol):
    """What deriving a job's skills reads of it."""

    @property
    def title(self) -> str: ...
    @property
    def text(self) -> str: ...
    @property
    def stated(self) -> tuple[str, ...]: ...


def job_skills(
    job: JobText, matcher: TermMatcher, categories: dict[str, str], by_name: Mapping[str, str]
) -> list[tuple[str, bool]]:
    """Return the (slug, required) skills a job asks for: its title's, its text's, its own list's."""
    # The title's terms are asked for ("Senior Go Engineer"); then the posting's sections say how.
    merged = _title_asks(job.title, matcher)
    for slug, required in _asked(job.text, matcher).items():
        merged[slug] = merged.get(slug, False) or required
    # The posting's own list of skills: required, unless its text says a skill is nice to have.
    for slug in stated_skills(job.stated, by_name, matcher, categories):
        merged.setdefault(slug, True)
    return [(slug, required) for slug, required in merged.items() if categories.get(slug) not in NOT_SKILLS]
