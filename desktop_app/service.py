"""The façade: the one object the GUI and the command line talk to."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Callable, Iterable, Sequence
from contextlib import suppress
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from desktop_app.core import glossary
from desktop_app.core.checks import PostingCheck, check_posting
from desktop_app.core.criteria import Criteria
from desktop_app.core.highlight import excerpt, highlight_spans
from desktop_app.core.types import Job, JobId, Kind, Rejected, Term, TermId
from desktop_app.paths import AppPaths, shipped_glossary_dir, shipped_jobs_dir
from desktop_app.storage.repository import Store
from desktop_app.storage.userdata import STATUSES as STATUSES
from desktop_app.storage.userdata import FavouriteInfo as FavouriteInfo

if TYPE_CHECKING:
    from desktop_app.core.termlinks import TermMatcher
    from desktop_app.search.engine import SearchEngine

Progress = Callable[[int, int], None]
GLOSSARY_HASH_KEY = "glossary_hash"
SAMPLES_KEY = "samples_loaded"


@dataclass(frozen=True, slots=True)
class Hit:
    """One search result row: what it is, its title, a one-line snippet."""

    kind: Kind
    id: str
    title: str
    snippet: str
    score: float
    excerpt: str = ""  # the text around the first matched words, when the text matched


@dataclass(frozen=True)
class SearchResult:
    """The answer to a query."""

    query: str
    total: int
    suggestion: str | None
    hits: tuple[Hit, ...]
    notes: tuple[str, ...] = ()
    words: tuple[str, ...] = ()
    kind_counts: dict[str, int] = field(default_factory=dict)
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
    excluded: dict[str, int] = field(default_factory=dict)
    criteria: Criteria = field(default_factory=Criteria)


@dataclass(frozen=True, slots=True)
class Link:
    """A link to a term or job, with an optional note (for related terms)."""

    id: str
    title: str
    note: str = ""


@dataclass(frozen=True, slots=True)
class TermDetail:
    """A term with what surrounds it: related terms, backlinks, jobs asking for it."""

    term: Term
    related: tuple[Link, ...]
    backlinks: tuple[Link, ...]
    jobs: tuple[Link, ...]


@dataclass(frozen=True, slots=True)
class SavedFilter:
    """A named query plus job criteria."""

    id: int
    name: str
    query: str
    criteria: Criteria


@dataclass(frozen=True, slots=True)
class FilterStatus:
    """A saved filter with its counts: jobs matching now, and new since last opened."""

    id: int
    name: str
    query: str
    total: int
    new: int


@dataclass(frozen=True, slots=True)
class ImportReport:
    """What an import took, rejected, and changed in storage."""

    accepted: tuple[Job, ...]
    rejected: tuple[Rejected, ...]
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    checks: tuple[PostingCheck, ...] = ()
    merged: tuple[tuple[JobId, JobId], ...] = ()
    removed: tuple[JobId, ...] = ()


@dataclass(frozen=True)
class StartupReport:
    """What opening the profile did."""

    glossary_loaded: bool
    samples_loaded: bool
    migration_backup: Path | None
    glossary_problems: tuple[str, ...] = field(default=())


class ServiceError(RuntimeError):
    """An operation failed in a way a person can act on; the message says how."""


class ImportCancelledError(ServiceError):
    """The reader cancelled an import before anything was stored."""


class Service:
    """The app's one entry point: storage, search index and shipped content of one profile."""

    def __init__(self, paths: AppPaths) -> None:
        self.paths = paths
        self._store: Store | None = None
        self._engine: SearchEngine | None = None
        self._write_lock = threading.RLock()
        self._matcher: tuple[int, TermMatcher] | None = None
        self._hidden: tuple[tuple[str, str], ...] | None = None
        self.show_hidden = False
        self._engine_lock = threading.Lock()
        self._engine_folder: tuple[int, int] | None = None

    # -- life cycle -----------------------------------------------------------------------
    @property
    def store(self) -> Store:
        if self._store is None:
            raise ServiceError("the profile is not open")
        return self._store

    def open(self) -> StartupReport:
        """Open the database (migrating it if behind), load changed glossary files, seed samples.

        Does not build the search index: call ``ensure_index`` (slow on first start).
        Opening an open service only checks the glossary again.
        """
        from desktop_app.storage.db import StorageError

        if self._store is not None:
            loaded, problems = self._sync_glossary()
            return StartupReport(loaded, False, None, problems)
        self.paths.ensure()
        try:
            self._store = Store(self.paths.database, self.paths.backups_dir)
        except StorageError as exc:
            raise ServiceError(f"{exc}{self._backup_offer()}") from exc
        from desktop_app.storage.db import daily_backup, is_damage, quick_problems

        try:
            # Damage inside the file (its header sound) is found now, not by a search hours later.
            damage = quick_problems(self._store.engine)
            if damage:
                detail = next((d for d in damage if not d.startswith("***")), damage[0])
                raise StorageError(f"database disk image is malformed: {detail}")
            daily_backup(self.paths.database, self.paths.backups_dir)
            loaded, problems = self._sync_glossary()
            samples = self._seed_samples()
        except Exception as exc:
            if not is_damage(exc) and not isinstance(exc, StorageError):
                raise
            self.close()
            name, offer = self.paths.database.name, self._backup_offer()
            raise ServiceError(f"the database file {name} is damaged: {_reason(exc)}{offer}") from exc
        return StartupReport(loaded, samples, self._store.migration_backup, problems)

    def _backup_offer(self) -> str:
        from desktop_app.storage.db import newest_good_backup

        good = newest_good_backup(self.paths.database, self.paths.backups_dir)
        return f"; the newest good backup is {good} (the damaged file is left as it is)" if good else ""

    def close(self) -> None:
        """Close the index and the database."""
        with self._engine_lock:
            engine = self._engine
            self._engine = None
        if engine is not None:
            engine.close()
        if self._store is not None:
            self._store.close()
            self._store = None

    def _glossary_sources(self) -> list[tuple[Path, Literal["shipped", "user"]]]:
        return [(shipped_glossary_dir(), "shipped"), (self.paths.user_glossary_dir, "user")]

    def _sync_glossary(self) -> tuple[bool, tuple[str, ...]]:
        sources = self._glossary_sources()
        fingerprint = "|".join(
            glossary.content_hash(folder) if folder.is_dir() else "-" for folder, _ in sources
        )
        if self.store.meta(GLOSSARY_HASH_KEY) == fingerprint:
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
        with self._write_lock:
            from desktop_app.search import index

            before = self.store.generation()
            index_was_current = index.check(self.paths.index_dir, before) == index.IndexState.OK
            self.store.replace_terms(list(chosen.values()))
            self.store.set_meta(GLOSSARY_HASH_KEY, fingerprint)
            if index_was_current:
                # Another process writing the index leaves it behind: ensure_index rebuilds it.
                with suppress(index.IndexBusyError):
                    self._reindex_terms()
        return True, tuple(problems)

    def _reindex_terms(self) -> None:
        """Replace the index's term documents, leaving its jobs alone (no full rebuild)."""
        from desktop_app.search import index
        from desktop_app.search.schema import term_document

        self._drop_engine()
        docs = (term_document(t) for t in self.store.all_terms())
        index.replace_kind(self.paths.index_dir, "term", docs, self.store.generation())

    def _seed_samples(self) -> bool:
        if self.store.meta(SAMPLES_KEY):
            return False
        from desktop_app.importers import parse_file

        folder = shipped_jobs_dir()
        jobs = [
            job for path in sorted(folder.glob("*.json*")) if folder.is_dir() for job in parse_file(path).jobs
        ]
        with self._write_lock:
            self.store.upsert_jobs(jobs)
            self.store.set_meta(SAMPLES_KEY, "1")
        return True

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
        existing = {t.slug: t for t in self.store.all_terms()}
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
        for slug, (path, term) in candidates.items():
            faults = glossary.entry_problems(term, strict_category=False)
            faults += [f"related '{r.slug}' is not an entry" for r in term.related if r.slug not in known]
            if slug in shipped:
                faults.append(f"'{slug}' is a shipped entry; choose another slug")
            if faults:
                rejected.append(Rejected(path.name, "; ".join(faults)))
                continue
            self.paths.user_glossary_dir.mkdir(parents=True, exist_ok=True)
            target = self.paths.user_glossary_dir / f"{slug}.toml"
            tmp = target.with_name(target.name + ".part")
            tmp.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
            tmp.replace(target)
            added.append(slug)
        if added:
            self._sync_glossary()
        return tuple(added), tuple(rejected)

    # -- index ----------------------------------------------------------------------------
    def index_state(self) -> str:
        """Return the index's state name: "ok", "missing", "stale", "outdated" or "corrupt"."""
        from desktop_app.search import index

        return index.check(self.paths.index_dir, self.store.generation()).name.lower()

    def ensure_index(self, progress: Progress | None = None) -> str:
        """Rebuild the index when it is missing, stale, outdated or damaged; return the state found.

        Also clears away what rebuilds killed part-way left beside the index.
        """
        from desktop_app.search import index

        index.remove_leftovers(self.paths.index_dir)
        state = self.index_state()
        if state != "ok":
            self.rebuild_index(progress)
        return state

    def rebuild_index(self, progress: Progress | None = None) -> None:
        """Rebuild the whole index from the database, into a temporary folder, then swap it in."""
        from desktop_app.search import index
        from desktop_app.search.schema import job_document, term_document

        with self._write_lock:
            store = self.store
            generation = store.generation()
            terms = store.all_terms()
            total = len(terms) + store.job_count()

            def documents() -> Iterable[dict[str, object]]:
                yield from (term_document(t) for t in terms)
                yield from (job_document(j) for j in store.iter_jobs())

            self._drop_engine()
            try:
                index.rebuild(self.paths.index_dir, documents(), total, generation, progress)
            except index.IndexBusyError as exc:
                raise ServiceError(f"{exc}; try again when it has finished") from exc

    def _drop_engine(self) -> None:
        with self._engine_lock:
            engine, self._engine = self._engine, None
        if engine is not None:
            engine.close()

    def _search_engine(self) -> SearchEngine:
        from desktop_app.search import index
        from desktop_app.search.engine import SearchEngine

        with self._engine_lock:
            folder = _identity(self.paths.index_dir)
            if self._engine is not None and folder != self._engine_folder:
                # Another process swapped a rebuilt index in: the open one reads a folder set aside.
                self._engine.close()
                self._engine = None
            if self._engine is None:
                try:
                    self._engine = SearchEngine(index.open_index(self.paths.index_dir))
                except Exception as exc:
                    raise ServiceError(f"the search index cannot be opened ({exc}); run reindex") from exc
                self._engine_folder = folder
            return self._engine

    # -- search ---------------------------------------------------------------------------
    def search(
        self,
        text: str,
        kind: Literal["all", "term", "job"] = "all",
        limit: int = 50,
        criteria: Criteria | None = None,
        with_facets: bool = False,
    ) -> SearchResult:
        """Return the best matches of ``text`` with a snippet each; never raises on odd queries.

        ``criteria`` narrow jobs (see Criteria); ``with_facets`` adds per-kind counts and the
        facet counts of the filter panel.
        """
        engine = self._search_engine()
        criteria = criteria or Criteria()
        hidden = () if self.show_hidden else self._hidden_rules()
        raw = engine.search(
            text, kind=kind, limit=limit, criteria=criteria, with_facets=with_facets, hidden=hidden
        )
        term_ids = [h.id for h in raw.hits if h.kind == "term"]
        job_ids = [h.id for h in raw.hits if h.kind == "job"]
        terms = self.store.term_texts(term_ids) if term_ids else {}
        jobs = self.store.jobs(job_ids) if job_ids else {}
        typing = raw.typing
        hits: list[Hit] = []
        for h in raw.hits:
            summary, definition = terms.get(TermId(h.id), ("", "")) if h.kind == "term" else ("", "")
            job = jobs.get(JobId(h.id)) if h.kind == "job" else None
            snippet = summary if h.kind == "term" else job_line(job)
            shown = ""
            if not highlight_spans(f"{h.title}\n{snippet}", raw.words, typing):
                # The words are in the text only: show where.
                body = definition if h.kind == "term" else job.description_text if job else ""
                shown = excerpt(body, raw.words, last_is_prefix=typing)
            hits.append(Hit(h.kind, h.id, h.title, snippet, h.score, shown))
        return SearchResult(
            text,
            raw.total,
            raw.suggestion,
            tuple(hits),
            raw.notes,
            raw.words,
            raw.kind_counts,
            raw.facets,
            raw.excluded,
            criteria,
        )

    def browse(self, kind: Literal["all", "term", "job"] = "all", limit: int = 500) -> SearchResult:
        """Return what an empty query shows: recently viewed items, the newest jobs, every term A–Z."""
        hits: list[Hit] = []
        for link in self.recent(10):
            item_kind, _, item_id = link.id.partition(":")
            if kind in ("all", item_kind) and item_kind in ("term", "job"):
                hits.append(
                    Hit("term" if item_kind == "term" else "job", item_id, link.title, "Viewed recently", 0.0)
                )
        seen = {(h.kind, h.id) for h in hits}
        if kind in ("all", "job"):
            hits += [
                Hit("job", j.id, j.title, job_line(j), 0.0)
                for j in self.store.newest_jobs(limit)
                if ("job", j.id) not in seen
            ]
        if kind in ("all", "term"):
            hits += [
                Hit("term", slug, title, summary, 0.0)
                for slug, title, summary in self.store.term_briefs()
                if ("term", slug) not in seen
            ]
        # The filter panel and the scope switch show what the whole library holds.
        every = self._search_engine().search(
            "", kind="job", limit=1, criteria=Criteria(sort="date"), with_facets=True
        )
        return SearchResult(
            "", len(hits), None, tuple(hits[:limit]), kind_counts=every.kind_counts, facets=every.facets,
            excluded=every.excluded,
        )  # fmt: skip

    def _terms(self, slugs: Sequence[str]) -> list[Term]:
        found = (self.store.term(slug) for slug in slugs)
        return [t for t in found if t is not None]

    # -- reading --------------------------------------------------------------------------
    def term(self, slug: str) -> TermDetail | None:
        """Return a term with its related terms, backlinks and the jobs that ask for it."""
        term = self.store.term(slug)
        if term is None:
            return None
        titles = self.store.term_titles(r.slug for r in term.related)
        related = tuple(Link(r.slug, titles.get(r.slug, r.slug), r.note) for r in term.related)
        back_ids = self.store.backlinks(slug)
        back_titles = self.store.term_titles(back_ids)
        backlinks = tuple(Link(b, back_titles.get(b, b)) for b in back_ids)
        jobs = self._jobs_mentioning(term)
        return TermDetail(term, related, backlinks, jobs)

    def _jobs_mentioning(self, term: Term) -> tuple[Link, ...]:
        try:
            engine = self._search_engine()
        except ServiceError:
            return ()
        names = [term.title, *term.aliases]
        found: dict[str, str] = {}
        for name in names:
            quoted = name.replace('"', " ")
            result = engine.search(f'"{quoted}" ', kind="job", limit=200)
            for hit in result.hits:
                found.setdefault(hit.id, hit.title)
        return tuple(Link(job_id, title) for job_id, title in found.items())

    def job(self, job_id: str) -> Job | None:
        """Return one job, or None."""
        return self.store.job(job_id)

    def counts(self) -> tuple[int, int]:
        """Return how many terms and jobs are stored."""
        return self.store.term_count(), self.store.job_count()

    def linked_description(self, job: Job) -> str:
        """Return the job's sanitised description with every glossary term it names linked."""
        from desktop_app.core.termlinks import link_terms

        if not job.description_html:
            return ""
        return link_terms(job.description_html, self._term_matcher())

    def _term_matcher(self) -> TermMatcher:
        from desktop_app.core.termlinks import TermMatcher, TermName

        generation = self.store.generation()
        if self._matcher is None or self._matcher[0] != generation:
            names = [
                TermName(term.slug, name)
                for term in self.store.all_terms()
                for name in (term.title, *term.aliases)
            ]
            self._matcher = (generation, TermMatcher(names))
        return self._matcher[1]

    # -- the reader's own data --------------------------------------------------------------
    def record_view(self, kind: Kind, item_id: str, title: str) -> None:
        """Remember that the reader opened a term or a job (for "recent" and history)."""
        self.store.add_history(kind, item_id, title)

    def recent(self, limit: int = 10) -> list[Link]:
        """Return the terms and jobs opened most recently, newest first, each once."""
        return [Link(f"{kind}:{item_id}", title) for kind, item_id, title in self.store.recent(limit)]

    def save_filter(self, name: str, query: str, criteria: Criteria) -> int:
        """Save a named filter (query text plus criteria); return its id."""
        if not name.strip():
            raise ServiceError("a saved filter needs a name")
        return self.store.user.add_filter(name.strip(), query, criteria.to_json())

    def saved_filters(self) -> list[SavedFilter]:
        """Return the saved filters in their order."""
        return [
            SavedFilter(row.id, row.name, row.query, Criteria.from_json(row.criteria))
            for row in self.store.user.filter_rows()
        ]

    def filters_overview(self) -> list[FilterStatus]:
        """Return each saved filter with how many jobs it matches and how many are new.

        "New" counts the matching jobs first seen since the filter was last opened.
        """
        out = []
        for row in self.store.user.filter_rows():
            criteria = Criteria.from_json(row.criteria)
            ids = self._matching_job_ids(row.query, criteria)
            out.append(
                FilterStatus(
                    row.id, row.name, row.query, len(ids), self.store.user.count_new(ids, row.last_opened_at)
                )
            )
        return out

    def _matching_job_ids(self, query: str, criteria: Criteria) -> list[str]:
        hidden = () if self.show_hidden else self._hidden_rules()
        return self._search_engine().job_ids(query, criteria, hidden=hidden)

    def open_filter(self, filter_id: int) -> None:
        """Record that the reader opened a saved filter (its "new" count starts again)."""
        try:
            self.store.user.mark_filter_opened(filter_id)
        except KeyError as exc:
            raise ServiceError(f"no saved filter has the id {filter_id}") from exc

    def star(self, job_id: str, status: str = "saved", note: str | None = None) -> int:
        """Star a job (or change its status and note), keeping a snapshot of it; return the id."""
        from desktop_app.storage.convert import job_to_json

        job = self.store.job(job_id)
        known = {f.job_id: f for f in self.store.user.favourites()}
        if job is None and job_id not in known:
            raise ServiceError(f"no job has the id '{job_id}'")
        snapshot = job_to_json(job) | {"description_html": job.description_html} if job else {}
        try:
            return self.store.user.star(job_id, snapshot, status, note)
        except ValueError as exc:
            raise ServiceError(str(exc)) from exc

    def delete_filter(self, filter_id: int) -> dict[str, Any]:
        """Delete a saved filter; return a token that ``undo_delete_filter`` takes."""
        try:
            return self.store.user.delete_filter(filter_id)
        except KeyError as exc:
            raise ServiceError(f"no saved filter has the id {filter_id}") from exc

    def update_filter(self, filter_id: int, query: str, criteria: Criteria) -> None:
        """Give a saved filter a new query and criteria (its name and "new" count stay)."""
        self._on_filter(
            lambda: self.store.user.update_filter(filter_id, query, criteria.to_json()), filter_id
        )

    def rename_filter(self, filter_id: int, name: str) -> None:
        """Rename a saved filter."""
        if not name.strip():
            raise ServiceError("a saved filter needs a name")
        self._on_filter(lambda: self.store.user.rename_filter(filter_id, name.strip()), filter_id)

    def duplicate_filter(self, filter_id: int) -> int:
        """Copy a saved filter; return the copy's id."""
        copied: list[int] = []
        self._on_filter(lambda: copied.append(self.store.user.duplicate_filter(filter_id)), filter_id)
        return copied[0]

    def move_filter(self, filter_id: int, step: int) -> None:
        """Move a saved filter up (-1) or down (+1)."""
        self._on_filter(lambda: self.store.user.move_filter(filter_id, step), filter_id)

    def _on_filter(self, action: Callable[[], object], filter_id: int) -> None:
        try:
            action()
        except KeyError as exc:
            raise ServiceError(f"no saved filter has the id {filter_id}") from exc

    def undo_delete_filter(self, token: dict[str, Any]) -> None:
        """Bring back a saved filter deleted by ``delete_filter``."""
        self.store.user.restore_filter(token)

    def clear_history(self) -> int:
        """Forget the recently viewed items; return how many were removed."""
        return self.store.user.clear_history()

    def seen_jobs(self) -> tuple[set[str], set[str]]:
        """Return the ids of jobs already opened, and of jobs applied to (applied or later)."""
        return self.store.user.seen()

    def hide(self, kind: str, value: str) -> int:
        """Hide a job ("job", its id), a company ("company") or titles with words ("title")."""
        try:
            rule_id = self.store.user.add_hide_rule(kind, value)
        except ValueError as exc:
            raise ServiceError(str(exc)) from exc
        self._hidden = None
        return rule_id

    def hide_rules(self) -> list[tuple[int, str, str]]:
        """Return (id, kind, value) of the hide rules."""
        return self.store.user.hide_rules()

    def unhide(self, rule_id: int) -> bool:
        """Remove a hide rule; return False when there was none."""
        self._hidden = None
        return self.store.user.remove_hide_rule(rule_id)

    def hides_jobs(self) -> bool:
        """True when hide rules are in force (searches leave some jobs out)."""
        return not self.show_hidden and bool(self._hidden_rules())

    def _hidden_rules(self) -> tuple[tuple[str, str], ...]:
        if self._hidden is None:
            self._hidden = tuple((kind, value) for _id, kind, value in self.store.user.hide_rules())
        return self._hidden

    def unstar(self, job_id: str) -> bool:
        """Remove a job from the favourites; return False when it was not one."""
        return self.store.user.unstar(job_id)

    def favourite(self, job_id: str) -> FavouriteInfo | None:
        """Return the favourite of a job, or None."""
        return next((f for f in self.store.user.favourites() if f.job_id == job_id), None)

    def favourites(self) -> list[FavouriteInfo]:
        """Return the favourites, most recently changed first (with ``listed`` and the timeline)."""
        return self.store.user.favourites()

    def export_data(self, path: Path) -> dict[str, int]:
        """Write the reader's filters, favourites, notes and history to one JSON file."""
        import json

        data = self.store.user.export()
        tmp = path.with_name(path.name + ".part")
        try:
            tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
            tmp.replace(path)
        except OSError as exc:
            raise ServiceError(f"cannot write {path}: {exc.strerror or exc}") from exc
        return {key: len(data[key]) for key in ("filters", "favourites", "history", "hide_rules")}

    def import_data(self, path: Path) -> dict[str, int]:
        """Merge a data file into the profile; return what was added. A bad file changes nothing."""
        import json

        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except OSError as exc:
            raise ServiceError(f"cannot read {path}: {exc.strerror or exc}") from exc
        except (ValueError, UnicodeDecodeError) as exc:
            raise ServiceError(f"{path.name} is not JSON: {exc}") from exc
        try:
            return self.store.user.merge(data)
        except ValueError as exc:
            raise ServiceError(f"{path.name} was not imported: {exc}") from exc

    # -- import / export ------------------------------------------------------------------
    def import_files(
        self,
        files: Sequence[Path],
        dry_run: bool = False,
        progress: Progress | None = None,
        cancel: threading.Event | None = None,
        withdraw_missing: bool = False,
    ) -> ImportReport:
        """Import job files: store what is good (unless ``dry_run``) in one transaction.

        Reports every record: accepted (under the id it is stored with — a repost or a
        duplicate keeps the id of the listing it repeats) or rejected with a reason, plus what
        each accepted posting lacks. ``progress`` hears (done, total) while files are read,
        then while the index is updated. Setting ``cancel`` before storing begins stops the
        import with ImportCancelledError and stores nothing. With ``withdraw_missing`` each file
        is taken as the whole of its feed: listings it held before and holds no longer are
        removed (favourites keep their snapshots); a file that yields no posting removes nothing.
        """
        from desktop_app.importers import parse_file

        parsed: list[Job] = []
        rejected: list[Rejected] = []
        identified: set[JobId] = set()
        for number, path in enumerate(files, 1):
            if cancel is not None and cancel.is_set():
                raise ImportCancelledError("the import was cancelled; nothing was stored")
            result = parse_file(path)
            parsed.extend(result.jobs)
            rejected.extend(result.rejected)
            identified |= result.identified
            if progress is not None:
                progress(number, len(files))
        checks = tuple(check_posting(job, job.id in identified, job.source) for job in parsed)
        unique = list({job.id: job for job in parsed}.values())
        if dry_run or not unique:
            stored_ids = self.store.resolve_ids(unique) if unique else {}
            merged = tuple((a, b) for a, b in stored_ids.items() if a != b)
            accepted = tuple(replace(job, id=stored_ids.get(job.id, job.id)) for job in parsed)
            return ImportReport(
                accepted, tuple(rejected), checks=_with_ids(checks, stored_ids), merged=merged
            )
        from sqlalchemy.exc import SQLAlchemyError

        if cancel is not None and cancel.is_set():
            raise ImportCancelledError("the import was cancelled; nothing was stored")
        with self._write_lock:
            try:
                counts = self.store.upsert_jobs(unique)
            except (OSError, SQLAlchemyError) as exc:
                # One transaction: nothing of this import was stored, nothing before was touched.
                raise ServiceError(f"the import failed and nothing was stored: {_reason(exc)}") from exc
            from desktop_app.search.index import IndexBusyError

            busy: IndexBusyError | None = None
            try:
                self._index_jobs(counts.changed_ids, counts.new_ids, progress)
            except IndexBusyError as exc:
                busy = exc  # the jobs are stored; the index is left behind, to be rebuilt
            removed: list[JobId] = []
            if withdraw_missing:
                removed = self._withdraw(files, parsed, counts.stored_ids)
        if busy is not None:
            raise ServiceError(
                f"the jobs were stored, but {busy}: they can be found after the next start, or run reindex"
            )
        accepted = tuple(replace(job, id=counts.stored_ids.get(job.id, job.id)) for job in parsed)
        return ImportReport(
            accepted,
            tuple(rejected),
            counts.new,
            counts.updated,
            counts.unchanged,
            _with_ids(checks, counts.stored_ids),
            counts.merged,
            tuple(removed),
        )

    def _withdraw(
        self, files: Sequence[Path], parsed: Sequence[Job], stored: dict[JobId, JobId]
    ) -> list[JobId]:
        from desktop_app.search import index

        removed: list[JobId] = []
        for path in files:
            present = {stored.get(job.id, job.id) for job in parsed if job.source == path.name}
            if not present:
                continue  # a file with no postings may be broken: it withdraws nothing
            before = self.store.generation()
            gone = self.store.withdraw_missing(path.name, set(present))
            if gone and index.check(self.paths.index_dir, before) == index.IndexState.OK:
                # A busy index is left behind the database, so the next start rebuilds it.
                with suppress(index.IndexBusyError):
                    index.update(
                        self.paths.index_dir, (), [f"job:{j}" for j in gone], self.store.generation()
                    )
            removed.extend(gone)
        return removed

    def _index_jobs(
        self, job_ids: Sequence[JobId], new_ids: frozenset[JobId], progress: Progress | None = None
    ) -> None:
        from desktop_app.search import index
        from desktop_app.search.schema import job_document

        if not job_ids:
            return
        generation = self.store.generation()
        if index.check(self.paths.index_dir, generation - 1) != index.IndexState.OK:
            # The index was already behind or damaged: the next start (or reindex) rebuilds it.
            return
        jobs = self.store.jobs(job_ids)
        index.update(
            self.paths.index_dir,
            (job_document(j) for j in jobs.values()),
            (),
            generation,
            new_keys={f"job:{i}" for i in new_ids},
            total=len(jobs),
            progress=progress,
        )

    def export_jobs(self, fmt: Literal["jsonld", "csv"], path: Path, query: str | None = None) -> int:
        """Write all jobs (or those ``query`` matches) as JSON-LD or CSV; return how many."""
        from desktop_app.importers import export

        if query:
            hits = self.search(query, kind="job", limit=1_000_000).hits
            found = self.store.jobs(h.id for h in hits)
            jobs: Iterable[Job] = [found[JobId(h.id)] for h in hits if JobId(h.id) in found]
        else:
            jobs = self.store.iter_jobs()
        try:
            if fmt == "csv":
                return export.write_csv(jobs, path)
            return export.write_jsonld(jobs, path)
        except OSError as exc:
            raise ServiceError(f"cannot write {path}: {exc.strerror or exc}") from exc

    # -- health ---------------------------------------------------------------------------
    def check(self) -> list[str]:
        """Return every problem found in the database and the index (empty when healthy)."""
        from desktop_app.storage.db import is_damage

        try:
            problems = [f"database: {p}" for p in self.store.integrity_problems()]
        except Exception as exc:
            if not is_damage(exc):
                raise
            problems = [f"database: the file is damaged: {_reason(exc)}"]
        if problems:
            from desktop_app.storage.db import newest_good_backup

            good = newest_good_backup(self.paths.database, self.paths.backups_dir)
            if good is not None:
                problems.append(f"database: the newest good backup is {good}")
        state = self.index_state()
        if state != "ok":
            problems.append(f"index: {state} (run reindex, or start the app, to rebuild it)")
        return problems


def newest_good_backup(paths: AppPaths) -> Path | None:
    """Return the newest backup of the profile's database that passes an integrity check."""
    from desktop_app.storage.db import newest_good_backup as newest

    return newest(paths.database, paths.backups_dir)


def window_process(paths: AppPaths) -> int | None:
    """Return the process id of another live window holding the profile's lock, or None.

    Reads the lock file the window holds (QLockFile: process id, then process name) and applies
    QLockFile's own test: the process runs and, where /proc tells, has the recorded name.
    """
    import os

    try:
        lines = paths.instance_lock.read_text(encoding="utf-8").splitlines()
        pid = int(lines[0])
    except (OSError, ValueError, IndexError):
        return None
    if pid == os.getpid():
        return None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None
    except PermissionError:
        pass
    try:
        running = Path(os.readlink(f"/proc/{pid}/exe")).name
    except OSError:
        return pid
    return pid if len(lines) < 2 or not lines[1] or running == lines[1] else None


def restore_backup(paths: AppPaths, backup_file: Path) -> Path:
    """Put a backup in place of the profile's database; return where the old file was kept.

    The replaced file is renamed, never deleted, so nothing is lost if the choice was wrong.
    Refused while a window (another process) has the profile open: it would go on writing to
    the file set aside.
    """
    holder = window_process(paths)
    if holder is not None:
        raise ServiceError(
            f"the window is open on this profile (process {holder}); close it, then restore the backup"
        )
    from datetime import datetime

    aside = paths.database.with_name(f"{paths.database.name}.damaged-{datetime.now():%Y%m%d-%H%M%S}")
    try:
        if paths.database.exists():
            paths.database.replace(aside)
        for extra in ("-wal", "-shm"):
            sidecar = paths.database.with_name(paths.database.name + extra)
            if sidecar.exists():
                sidecar.replace(aside.with_name(aside.name + extra))
        shutil.copy2(backup_file, paths.database)
    except OSError as exc:
        raise ServiceError(f"the backup could not be restored: {exc.strerror or exc}") from exc
    return aside


def failure_message(exc: BaseException) -> str:
    """Return the one line a person reads about a failure: a busy library said plainly, else the error."""
    from desktop_app.storage.db import BUSY_MESSAGE, is_busy, is_damage

    if is_busy(exc):
        return BUSY_MESSAGE
    if is_damage(exc):
        return (
            f"the database file is damaged ({_reason(exc)}); the check command says more, and "
            "data restore-backup puts the newest good backup in its place (the damaged file is kept)"
        )
    return (str(exc) or exc.__class__.__name__).splitlines()[0]


def _identity(folder: Path) -> tuple[int, int] | None:
    """Return what tells one folder from another put in its place (device and inode), or None."""
    try:
        info = folder.stat()
    except OSError:
        return None
    return info.st_dev, info.st_ino


def _reason(exc: BaseException) -> str:
    """Return the short human reason of a storage error (the driver's message, not SQL)."""
    from desktop_app.storage.db import is_busy

    if is_busy(exc):
        return "the library is busy (another window or command is writing to it); try again in a moment"
    inner = getattr(exc, "orig", None) or exc
    return str(getattr(inner, "strerror", None) or inner).splitlines()[0]


def _with_ids(checks: tuple[PostingCheck, ...], stored_ids: dict[JobId, JobId]) -> tuple[PostingCheck, ...]:
    return tuple(replace(c, job_id=stored_ids.get(JobId(c.job_id), c.job_id)) for c in checks)


def job_line(job: Job | None) -> str:
    """Return the one-line summary of a job: company · location · salary · type."""
    if job is None:
        return ""
    parts = [job.company or "", job.location_label(), job.salary.label() if job.salary else ""]
    parts.append(", ".join(t.replace("_", " ").title() for t in job.employment_types))
    return " · ".join(p for p in parts if p)
