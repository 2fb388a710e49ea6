"""The glossary part: loading the shipped and user entries, the reader's own entries, term pages."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Literal

from desktop_app.core import glossary
from desktop_app.core.collector import pausing_collector
from desktop_app.core.files import write_atomic
from desktop_app.core.termlinks import TermMatcher, link_terms
from desktop_app.core.types import Job, Rejected, Term, TermNames
from desktop_app.paths import shipped_glossary_dir
from desktop_app.search.protocol import IndexChange
from desktop_app.service.dto import Link, TermDetail
from desktop_app.service.errors import ServiceError
from desktop_app.service.indexing import IndexGateway
from desktop_app.service.profile import Profile
from desktop_app.skills.linker import matcher_for
from desktop_app.storage.repository import GLOSSARY_HASH_KEY
from desktop_app.storage.termnames import term_names

JOBS_PER_NAME = 200


class GlossaryPart:
    """The glossary of one profile: what is loaded, the reader's entries, and each term's page."""

    def __init__(self, profile: Profile, indexing: IndexGateway) -> None:
        self._profile = profile
        self._indexing = indexing
        # Made of the terms, kept until they are replaced (not rebuilt at every job write).
        self._made: tuple[str, list[Term]] | None = None  # the terms, and the version they are of
        self._matcher: tuple[str, TermMatcher] | None = None  # made when first asked for
        self._names: tuple[str, list[TermNames]] | None = None  # the entries' names alone

    # -- loading --------------------------------------------------------------------------
    def _sources(self) -> list[tuple[Path, Literal["shipped", "user"]]]:
        return [(shipped_glossary_dir(), "shipped"), (self._profile.paths.user_glossary_dir, "user")]

    def sync(self) -> tuple[bool, tuple[str, ...]]:
        """Load the glossary files again when any changed; return (loaded, problems found).

        The index's term documents follow (without a full rebuild) when it was current.
        """
        store = self._profile.store
        sources = self._sources()
        fingerprint = "|".join(
            glossary.content_hash(folder) if folder.is_dir() else "-" for folder, _ in sources
        )
        if store.meta(GLOSSARY_HASH_KEY) == fingerprint:
            return False, ()
        problems: list[str] = []
        chosen: dict[str, Term] = {}
        for folder, origin in sources:
            terms, bad = glossary.load_folder(folder, origin) if folder.is_dir() else ([], [])
            problems += [f"{origin} glossary: {p}" for p in bad]
            for term in terms:
                if term.slug in chosen:
                    problems.append(f"{origin} glossary: {term.slug}: skipped, a shipped entry has that slug")
                    continue
                chosen[term.slug] = term
        terms = list(chosen.values())

        def store_terms() -> None:
            store.replace_terms(terms)
            store.set_meta(GLOSSARY_HASH_KEY, fingerprint)

        # A busy index (another process writing it) is left behind: the next ensure rebuilds it.
        self._indexing.write(store_terms, lambda _: IndexChange(terms=store.all_terms()))
        return True, tuple(problems)

    def add_user_entries(self, sources: Sequence[Path]) -> tuple[tuple[str, ...], tuple[Rejected, ...]]:
        """Copy glossary files (or every ``*.toml`` of folders) into the profile as the user's own.

        Each entry is checked first: it must be a complete entry, must not take a shipped
        entry's slug, and every related slug must resolve. Returns the slugs added (or
        replaced) and what was rejected, with reasons. The glossary reloads at once.
        """
        files: list[Path] = []
        rejected: list[Rejected] = []
        for source in sources:
            if source.is_dir():
                files.extend(glossary.entry_files(source))
            elif source.is_file():
                files.append(source)
            else:
                rejected.append(Rejected(str(source), "no such file or folder"))
        shipped = {t.slug for t in glossary.load_folder(shipped_glossary_dir())[0]}
        existing = {t.slug: t for t in self._profile.store.all_terms()}
        candidates: dict[str, tuple[Path, Term]] = {}
        for path in files:
            try:
                term = glossary.parse_entry(path.read_text(encoding="utf-8"), path.name, "user")
            except (glossary.GlossaryError, UnicodeDecodeError, OSError) as exc:
                rejected.append(Rejected(path.name, str(exc)))
                continue
            candidates[term.slug] = (path, term)
        known = set(existing) | set(candidates)
        added: list[str] = []
        folder = self._profile.paths.user_glossary_dir
        for slug, (path, term) in candidates.items():
            faults = glossary.entry_problems(term, strict_category=False)
            faults += [f"related '{r.slug}' is not an entry" for r in term.related if r.slug not in known]
            if slug in shipped:
                faults.append(f"'{slug}' is a shipped entry; choose another slug")
            if faults:
                rejected.append(Rejected(path.name, "; ".join(faults)))
                continue
            folder.mkdir(parents=True, exist_ok=True)
            try:
                write_atomic(folder / f"{slug}.toml", path.read_text(encoding="utf-8"))
            except OSError as exc:
                raise ServiceError(f"cannot write your entry {slug}: {exc.strerror or exc}") from exc
            added.append(slug)
        if added:
            self.sync()
        return tuple(added), tuple(rejected)

    # -- reading --------------------------------------------------------------------------
    @pausing_collector  # a page's searches, one per name, run while the window may be typed in
    def term(self, slug: str) -> TermDetail | None:
        """Return a term with its related terms, backlinks and the jobs that ask for it."""
        store = self._profile.store
        term = store.term(slug)
        if term is None:
            return None
        titles = store.term_titles(r.slug for r in term.related)
        related = tuple(Link(r.slug, titles.get(r.slug, r.slug), r.note) for r in term.related)
        back_ids = store.backlinks(term.slug)
        back_titles = store.term_titles(back_ids)
        backlinks = tuple(Link(b, back_titles.get(b, b)) for b in back_ids)
        return TermDetail(term, related, backlinks, self._jobs_mentioning(term))

    def _jobs_mentioning(self, term: Term) -> tuple[Link, ...]:
        found: dict[str, str] = {}
        for name in (term.title, *term.aliases):
            quoted = name.replace('"', " ")
            try:
                result = self._indexing.search(f'"{quoted}" ', kind="job", limit=JOBS_PER_NAME)
            except ServiceError:
                return ()  # no index yet: the page shows the term without its jobs
            for hit in result.hits:
                found.setdefault(hit.id, hit.title)
        return tuple(Link(job_id, title) for job_id, title in found.items())

    def linked_description(self, job: Job) -> str:
        """Return the job's sanitised description with every glossary term it names linked."""
        if not job.description_html:
            return ""
        return link_terms(job.description_html, self.matcher())

    def linked_prose(self, html: str, own: str) -> str:
        """Return a term's (escaped) prose with the other terms it names linked; ``own`` (its slug) is not.

        Existing links and code are left as they are, as in job descriptions.
        """
        linked = link_terms(html, self.matcher())
        return re.sub(rf'<a href="term:{re.escape(own)}">(.*?)</a>', r"\1", linked)

    def matcher(self) -> TermMatcher:
        """Return the matcher of every term's names, rebuilt when the terms were replaced.

        Ambiguous names ("Go", "PM") link only with support: see ``core.termlinks``.
        """
        version, names = self._names_made()
        made = self._matcher
        if made is None or made[0] != version:
            made = self._matcher = (version, matcher_for(names))
        return made[1]

    def names(self) -> list[TermNames]:
        """Return every entry's names, category and related entries, ordered by title, as ``terms``.

        Read without the rest of each entry (deriving skills needs no more), and again only when
        the terms were replaced.
        """
        return self._names_made()[1]

    def _names_made(self) -> tuple[str, list[TermNames]]:
        version = self._profile.store.terms_version()
        made = self._names
        if made is None or made[0] != version:
            made = self._names = (version, term_names(self._profile.store))
        return made

    def terms(self) -> list[Term]:
        """Return every term, ordered by title (read again only when the terms were replaced)."""
        return self._terms_made()[1]

    def _terms_made(self) -> tuple[str, list[Term]]:
        store = self._profile.store
        version = store.terms_version()
        made = self._made
        if made is None or made[0] != version:
            made = self._made = (version, store.all_terms())
        return made
