"""Glossary entry files: read the TOML format, and validate a whole glossary."""

from __future__ import annotations

import hashlib
import re
import sys
import tomllib
from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, Literal

from desktop_app.core.types import NamedText, RelatedRef, Term, TermId

CATEGORIES: tuple[str, ...] = (
    "Full Stack",
    "Frontend",
    "Backend",
    "Languages",
    "Databases",
    "DevOps & Cloud",
    "Data & Machine Learning",
    "Security",
    "Mobile",
    "Testing & Quality",
    "Architecture & Practices",
    "Roles & Hiring",
)
ROOT_SLUG = TermId("flask")
SUMMARY_MAX = 160
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
PLACEHOLDER_RE = re.compile(r"\b(?:TODO|TBD|FIXME|XXX)\b|(?i:lorem ipsum)|^\W*$")
COUNTS: dict[str, tuple[int, int]] = {"applications": (2, 5), "safety": (1, 3), "related": (3, 12)}
RECRUITERS_MAX = 240
REVIEW_YEAR = 2026
MIN_INBOUND = 2
URL_RE = re.compile(r"^https?://[^\s/$.?#][^\s]*$")
# Every shipped entry has a review and at least MIN_INBOUND entries linking to it, so lacking
# either fails validation; set to False to let a large batch of new entries land as warnings.
REVIEW_REQUIRED = True
INBOUND_REQUIRED = True
# An entry whose text names an entry that links to it links back (see one_way_links), so the
# web of related terms stays two-way where the text says it should; False makes it a warning.
BACKLINKS_REQUIRED = True
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
# Claims that go stale with time unless they say when they were true.
YEAR_BOUND_RE = re.compile(
    r"\b(?:the|its|their) (?:19|20)\d\d (?:edition|version|release|list|revision)\b"
    r"|\b(?:the |its )?(?:current|latest|newest|most recent) (?:version|release|edition|LTS|"
    r"long-term support|major|list|ranking|standard)\b"
    r"|\bas of (?:now|today|this writing|writing)\b"
    r"|\b(?:this|last|next) year\b"
    r"|\b(?:is|are) (?:now|currently) (?:the )?(?:default|recommended|standard)\b",
    re.IGNORECASE,
)
AS_OF_RE = re.compile(
    rf"\bas of (?:(?:early|mid|late) )?(?:(?:\d{{1,2}} )?(?:{_MONTHS}) )?(?:19|20)\d\d\b"
    r"|\bas of (?:19|20)\d\d-\d\d",
    re.IGNORECASE,
)


class GlossaryError(ValueError):
    """A glossary file that cannot be read as an entry."""


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a glossary: which entry, and what."""

    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


def _text(data: dict[str, Any], key: str, where: str) -> str:
    value = data.get(key, "")
    if not isinstance(value, str):
        raise GlossaryError(f"{where}: '{key}' must be text")
    single_line = key in ("title", "summary", "category", "recruiters", "source")
    return " ".join(value.split()) if single_line else value.strip()


def _named(data: dict[str, Any], key: str, where: str) -> tuple[NamedText, ...]:
    items = data.get(key, [])
    if not isinstance(items, list):
        raise GlossaryError(f"{where}: '{key}' must be a list of [[{key}]] tables")
    out = []
    for item in items:
        if not isinstance(item, dict):
            raise GlossaryError(f"{where}: each [[{key}]] must be a table")
        quote = item.get("quote", False)
        if not isinstance(quote, bool):
            raise GlossaryError(f"{where}: 'quote' in [[{key}]] must be true or false")
        out.append(
            NamedText(
                _text(item, "name", where),
                _text(item, "text", where),
                quote=quote,
                source=_text(item, "source", where),
            )
        )
    return tuple(out)


def _texts(data: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise GlossaryError(f"{where}: '{key}' must be a list of text")
    return tuple(" ".join(v.split()) for v in value)


def _reviewed(data: dict[str, Any], where: str) -> date | None:
    value = data.get("reviewed")
    if value is None:
        return None
    # tomllib reads a bare TOML date as datetime.date; a datetime is a date subclass too.
    if isinstance(value, datetime):
        raise GlossaryError(f"{where}: 'reviewed' must be a date such as 2026-11-29, not a time")
    if not isinstance(value, date):
        raise GlossaryError(f"{where}: 'reviewed' must be a TOML date such as 2026-11-29 (no quotes)")
    return value


def parse_entry(text: str, where: str, origin: Literal["shipped", "user"] = "shipped") -> Term:
    """Return the Term a TOML document describes; raise GlossaryError if it is not one."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise GlossaryError(f"{where}: not valid TOML: {exc}") from exc
    related_raw = data.get("related", [])
    if not isinstance(related_raw, list):
        raise GlossaryError(f"{where}: 'related' must be a list of [[related]] tables")
    related = []
    for item in related_raw:
        if not isinstance(item, dict):
            raise GlossaryError(f"{where}: each [[related]] must be a table")
        related.append(RelatedRef(TermId(_text(item, "slug", where)), _text(item, "note", where)))
    return Term(
        slug=TermId(_text(data, "slug", where)),
        title=_text(data, "title", where),
        aliases=_texts(data, "aliases", where),
        category=_text(data, "category", where),
        summary=_text(data, "summary", where),
        definition=_text(data, "definition", where),
        applications=_named(data, "applications", where),
        safety=_named(data, "safety", where),
        related=tuple(related),
        origin=origin,
        reviewed=_reviewed(data, where),
        sources=_texts(data, "sources", where),
        recruiters=_text(data, "recruiters", where),
        ambiguous=_texts(data, "ambiguous", where),
        replaces=tuple(TermId(s) for s in _texts(data, "replaces", where)),
    )


def entry_files(folder: Path) -> list[Path]:
    """Return the entry files of a folder (``*.toml``), sorted by name."""
    return sorted(p for p in folder.glob("*.toml") if p.is_file())


def load_folder(
    folder: Path, origin: Literal["shipped", "user"] = "shipped"
) -> tuple[list[Term], list[Problem]]:
    """Read every entry file of a folder; return the entries and the files that failed."""
    terms: list[Term] = []
    problems: list[Problem] = []
    for path in entry_files(folder):
        try:
            term = parse_entry(path.read_text(encoding="utf-8"), path.name, origin)
        except (GlossaryError, UnicodeDecodeError) as exc:
            problems.append(Problem(path.name, str(exc)))
            continue
        if term.slug != path.stem:
            problems.append(Problem(path.name, f"slug '{term.slug}' differs from the file name"))
        terms.append(term)
    return terms, problems


def content_hash(folder: Path) -> str:
    """Return a hash of every entry file's name and bytes: it changes when any entry does."""
    digest = hashlib.sha256()
    for path in entry_files(folder):
        digest.update(path.name.encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


def entry_problems(term: Term, strict_category: bool = True) -> list[str]:
    """Return what is wrong with one entry on its own (sections, counts, names), or []."""
    return list(_entry_problems(term, strict_category))


def _entry_problems(term: Term, strict_category: bool) -> Iterable[str]:
    if not SLUG_RE.match(term.slug) or term.slug.startswith("job-"):
        yield f"slug '{term.slug}' must be lower-case words joined by '-' (and not start 'job-')"
    for key in ("title", "category", "summary", "definition"):
        value = getattr(term, key)
        if not value:
            yield f"'{key}' is missing or empty"
        elif PLACEHOLDER_RE.search(value):
            yield f"'{key}' holds placeholder text"
    if strict_category and term.category and term.category not in CATEGORIES:
        yield f"category '{term.category}' is not one of: {', '.join(CATEGORIES)}"
    if len(term.summary) > SUMMARY_MAX:
        yield f"summary is {len(term.summary)} characters (at most {SUMMARY_MAX})"
    for key, (low, high) in COUNTS.items():
        count = len(getattr(term, key))
        if not low <= count <= high:
            yield f"'{key}' has {count} items (needs {low} to {high})"
    for key in ("applications", "safety"):
        for item in getattr(term, key):
            if not item.name or not item.text or PLACEHOLDER_RE.search(item.name + " " + item.text):
                yield f"a [[{key}]] item ('{item.name}') is empty or placeholder text"
    seen: set[str] = set()
    for ref in term.related:
        if ref.slug == term.slug:
            yield "lists itself as related"
        if ref.slug in seen:
            yield f"lists '{ref.slug}' as related twice"
        seen.add(ref.slug)
        if not ref.note or PLACEHOLDER_RE.search(ref.note):
            yield f"related '{ref.slug}' has no note"
    for alias in term.aliases:
        if not alias or alias.casefold() == term.title.casefold():
            yield f"alias '{alias}' is empty or repeats the title"
    names = {n.casefold() for n in (term.title, *term.aliases)}
    for name in term.ambiguous:
        if name.casefold() not in names:
            yield f"ambiguous name '{name}' is not the title or an alias"
    if len(term.recruiters) > RECRUITERS_MAX:
        yield f"'recruiters' is {len(term.recruiters)} characters (at most {RECRUITERS_MAX})"
    if term.recruiters and PLACEHOLDER_RE.search(term.recruiters):
        yield "'recruiters' holds placeholder text"
    if term.reviewed is not None and term.reviewed.year != REVIEW_YEAR:
        yield f"'reviewed' is {term.reviewed.isoformat()} (must be a {REVIEW_YEAR} date)"
    for url in term.sources:
        if not URL_RE.match(url):
            yield f"source '{url}' is not an http(s) URL"
    if term.origin == "shipped" and REVIEW_REQUIRED:
        yield from _review_missing(term)
    for key in ("applications", "safety"):
        for item in getattr(term, key):
            if item.quote and not item.source:
                yield f"[[{key}]] '{item.name}' is a quotation without a 'source'"
            if item.source and not URL_RE.match(item.source):
                yield f"[[{key}]] '{item.name}' source '{item.source}' is not an http(s) URL"
    for old in term.replaces:
        if not SLUG_RE.match(old) or old == term.slug:
            yield f"replaces '{old}', which is not another slug"


def _review_missing(term: Term) -> Iterable[str]:
    if term.reviewed is None:
        yield "'reviewed' date is missing"
    if not term.sources:
        yield "'sources' is missing or empty"


def validate(
    terms: Sequence[Term], *, root: TermId = ROOT_SLUG, strict_category: bool = True
) -> list[Problem]:
    """Return every problem of a whole glossary (an empty list when it is sound).

    Checks each entry's sections, that related slugs resolve, that titles and aliases are
    unique across entries, that every entry is reachable from ``root`` by following
    related links in their direction, and that no entry leaves a link one-way that its text
    names (``one_way_links``).
    """
    problems = [Problem(t.slug, msg) for t in terms for msg in _entry_problems(t, strict_category)]
    by_slug: dict[str, Term] = {}
    for term in terms:
        if term.slug in by_slug:
            problems.append(Problem(term.slug, "slug is used by two entries"))
        by_slug[term.slug] = term
    names: dict[str, str] = {}
    # Titles first, so that an alias clashing with a title is the alias's fault.
    named = [(t, "title", t.title) for t in terms] + [
        (t, "alias", alias) for t in terms for alias in t.aliases
    ]
    for term, kind, name in named:
        key = name.casefold()
        owner = names.get(key)
        if owner is not None and owner != term.slug:
            problems.append(Problem(term.slug, f"{kind} '{name}' is already used by '{owner}'"))
        names.setdefault(key, term.slug)
    for term in terms:
        for ref in term.related:
            if ref.slug not in by_slug:
                problems.append(Problem(term.slug, f"related '{ref.slug}' is not an entry"))
    claimed: dict[str, str] = {}
    for term in terms:
        for old in term.replaces:
            if old in by_slug:
                problems.append(Problem(term.slug, f"replaces '{old}', which is still an entry"))
            elif claimed.setdefault(old, term.slug) != term.slug:
                problems.append(Problem(term.slug, f"replaces '{old}', already replaced by '{claimed[old]}'"))
    if INBOUND_REQUIRED:
        problems += [p for p in _inbound(terms) if p.where in by_slug]
    if BACKLINKS_REQUIRED:
        problems += one_way_links(terms)
    if terms:
        start: str = root if root in by_slug else terms[0].slug
        graph: dict[str, set[str]] = {slug: set() for slug in by_slug}
        for term in terms:
            for ref in term.related:
                if ref.slug in graph:
                    graph[term.slug].add(ref.slug)
        reached = {start}
        queue = deque([start])
        while queue:
            for nxt in graph[queue.popleft()] - reached:
                reached.add(nxt)
                queue.append(nxt)
        for slug in sorted(set(by_slug) - reached):
            problems.append(Problem(slug, f"cannot be reached from '{start}' through related terms"))
    return problems


def warnings(terms: Sequence[Term]) -> list[Problem]:
    """Return what a reviewer should look at but that does not fail validation.

    Year-bound claims without an "as of <year>", shipped entries without a ``recruiters``
    line, and (while the matching flag is False) missing reviews, entries fewer than two
    others link to, and one-way links (B links A, A's text names B, A does not link B).
    """
    out: list[Problem] = []
    for term in terms:
        for where, text in _texts_of(term):
            for sentence in _SENTENCE_RE.split(text):
                claim = YEAR_BOUND_RE.search(sentence)
                if claim and not AS_OF_RE.search(sentence):
                    out.append(
                        Problem(
                            term.slug, f"year-bound claim '{claim.group(0)}' in {where} has no 'as of <year>'"
                        )
                    )
        if term.origin == "shipped":
            if not term.recruiters:
                out.append(Problem(term.slug, "no 'recruiters' line"))
            if not REVIEW_REQUIRED:
                out += [Problem(term.slug, msg) for msg in _review_missing(term)]
    if not BACKLINKS_REQUIRED:
        out += one_way_links(terms)
    if not INBOUND_REQUIRED:
        out += _inbound(terms)
    return out


_SENTENCE_RE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"(])|\n\s*\n")


def _texts_of(term: Term) -> Iterable[tuple[str, str]]:
    yield "summary", term.summary
    yield "definition", term.definition
    yield "recruiters", term.recruiters
    for key in ("applications", "safety"):
        for item in getattr(term, key):
            yield f"[[{key}]] '{item.name}'", item.text
    for ref in term.related:
        yield f"related note '{ref.slug}'", ref.note


def one_way_links(terms: Sequence[Term]) -> list[Problem]:
    """Return a problem for each one-way link that the text asks to return.

    That is: B lists A as related, A's text names B's title, but A does not list B (titles B
    flags as ambiguous are left out). Entries name far more titles than twelve related slots
    hold, so a mention alone is not enough.
    """
    # Longest titles first, so that "Ruby on Rails" is not also read as a mention of "Ruby".
    patterns = [
        (t.slug, t.title, re.compile(rf"(?<![\w.+#-]){re.escape(t.title)}(?![\w+#]|-\w)"))
        for t in sorted(terms, key=lambda t: -len(t.title))
        if t.title not in t.ambiguous and len(t.title) > 1
    ]
    linked_from: dict[str, set[str]] = {}
    for term in terms:
        for ref in term.related:
            linked_from.setdefault(ref.slug, set()).add(term.slug)
    out: list[Problem] = []
    for term in terms:
        linked = {r.slug for r in term.related} | {term.slug}
        text = "\n".join(
            [term.definition, *(i.text for k in ("applications", "safety") for i in getattr(term, k))]
        )
        backers = linked_from.get(term.slug, set())
        for slug, title, pattern in patterns:
            if title not in text:  # the plain test first: most titles are not named (9 s -> 0.3 s)
                continue
            found = pattern.search(text)
            if found is None:
                continue
            if slug in backers and slug not in linked:
                out.append(Problem(term.slug, f"names '{title}', which links here, but does not link back"))
            text = pattern.sub(lambda m: " " * len(m.group(0)), text)
    return out


def _inbound(terms: Sequence[Term]) -> list[Problem]:
    counts = {t.slug: 0 for t in terms}
    for term in terms:
        for slug in {r.slug for r in term.related}:
            if slug in counts and slug != term.slug:
                counts[slug] += 1
    return [
        Problem(slug, f"only {n} other entries link to it (needs {MIN_INBOUND})")
        for slug, n in sorted(counts.items())
        if n < MIN_INBOUND
    ]


def main(argv: Sequence[str] | None = None) -> int:
    """Validate the glossary folder given (or the shipped one); print problems; return 0 or 1."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args:
        folder = Path(args[0])
    else:
        from desktop_app import paths

        folder = paths.shipped_glossary_dir()
    terms, problems = load_folder(folder)
    problems += validate(terms)
    warned = warnings(terms)
    for warning in warned:
        print(f"warning: {warning}")
    for problem in problems:
        print(problem)
    print(f"{len(terms)} entries, {len(problems)} problems, {len(warned)} warnings", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
