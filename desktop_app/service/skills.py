"""The skills part: each job's skills (derived, kept in step), demand, and fit to a profile."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from desktop_app.core.collector import pausing_collector
from desktop_app.core.criteria import Criteria
from desktop_app.core.types import Job, JobId
from desktop_app.search.protocol import IndexChange
from desktop_app.service.errors import ServiceError
from desktop_app.service.glossary import GlossaryPart
from desktop_app.service.indexing import IndexGateway
from desktop_app.service.profile import Profile
from desktop_app.service.search import SearchPart
from desktop_app.service.skill_counts import SkillCounter
from desktop_app.skills.asks import ASKS_VERSION, NOT_SKILLS
from desktop_app.skills.market import Demand, fit
from desktop_app.skills.parallel import Lookups, Posting, SkillPool, lookups_for
from desktop_app.skills.resume import ResumeError, read_resume
from desktop_app.storage.repository import GLOSSARY_HASH_KEY, StoreCounts
from desktop_app.storage.skills import Reskilled, SkillStore, StaleJob

STALE_BATCH = 5_000  # jobs whose skills are derived (and stored) at once: an import batch


@dataclass(frozen=True, slots=True)
class JobSkill:
    """A term a job asks for, as a page or ``show --json`` lists it."""

    id: str
    title: str
    required: bool


@dataclass(frozen=True, slots=True)
class SkillDemand:
    """One row of the demand table: the term, and how the selected jobs ask for it."""

    id: str
    title: str
    figures: Demand
    with_titles: tuple[tuple[str, str, float], ...]  # (slug, title, share)


@dataclass(frozen=True, slots=True)
class JobFit:
    """One job ranked for a skills profile: what it asks that I have, and what I lack."""

    id: str
    title: str
    company: str | None
    score: float
    matched: tuple[tuple[str, str], ...]  # (slug, title)
    missing: tuple[JobSkill, ...]


@dataclass(frozen=True, slots=True)
class TermDemand:
    """How all the jobs ask for one term: the demand block of its page."""

    jobs: int
    share: float
    with_titles: tuple[tuple[str, str, float], ...]  # (slug, title, share of this term's jobs)
    pay_with: float | None
    pay_without: float | None
    pay_known: int


class SkillsPart:
    """Each job's skills, derived from its text and the glossary, like the index.

    Rebuilt from the database whenever a job or the glossary changed (``refresh``), never edited.
    """

    def __init__(
        self, profile: Profile, glossary: GlossaryPart, search: SearchPart, indexing: IndexGateway
    ) -> None:
        self._profile = profile
        self._glossary = glossary
        self._search = search
        self._indexing = indexing
        self._counter = SkillCounter(profile, indexing, search.hidden)
        # (generation, stamp) when every job's skills were last found current: a read skips the
        # look for stale jobs (a scan of every job) until a write or the glossary moves either.
        self._fresh: tuple[int, str] | None = None
        self._pool = SkillPool()  # a large batch's jobs are matched on every core
        self._ahead_stamp: str | None = None  # the glossary the helpers were last readied for
        indexing.derive_before_ensure(self.refresh)

    def close(self) -> None:
        """End the helper processes deriving skills, if any run."""
        self._pool.close()

    def _stamp(self) -> str:
        return f"{ASKS_VERSION}:{self._profile.store.meta(GLOSSARY_HASH_KEY) or '-'}"

    def refresh(self, orphans: bool = True) -> int:
        """Derive the skills of every job added or changed since the last time; return how many.

        All of them when the glossary (or the rules) changed. ``orphans``: also forget the
        skills of jobs deleted since (reads skip that: what they show starts from stored jobs).
        The jobs whose skills changed are indexed again (the Skills facet), or, when the index
        was not current, left for its catch-up.
        """
        done = 0

        def derive() -> list[JobId]:
            nonlocal done
            reskilled, done = self._start(orphans)()
            return list(reskilled.changed)

        def change_of(changed: list[JobId]) -> IndexChange:
            return IndexChange(jobs=list(self._profile.store.jobs(changed).values()))

        self._indexing.write(derive, change_of)
        return done

    def derive(self) -> list[JobId]:
        """Derive the skills of the jobs just stored, inside a write; return those whose skills changed.

        Every job whose skills are out of date is derived, and the skills of jobs no longer
        stored are forgotten. The caller's index change must include them (a board fetch indexes
        its jobs with their skills).
        """
        return list(self._start(orphans=True)()[0].changed)

    def start_derive(self, stored: StoreCounts) -> Callable[[], Reskilled]:
        """Begin deriving the skills of the jobs a write just ``stored``; the call returned stores them.

        Between the two the helpers match while the caller goes on (an import reads its next
        batch); the returned call, made inside a write, stores the skills and returns the jobs
        whose skills changed, as ``derive`` does, and the skills derived (the jobs' index
        documents take them). Only the jobs stored are read (the new ones
        not even that: the write kept what they were stored with); any other job whose skills
        are out of date is derived by the next refresh (a read catches up first).
        """
        new = [StaleJob(*text) for text in stored.new_texts]
        finish = self._start(orphans=False, among=stored.changed_ids, new=new)
        return lambda: finish()[0]

    def prepare_derive(self) -> None:
        """Start the helpers that derive skills in the background: an import of many postings begins."""
        self._ahead_stamp = self._stamp()
        self._pool.prepare(self._ahead_stamp, self._glossary.names())

    def foresee(self, jobs: Sequence[Job]) -> None:
        """Begin matching jobs just read, before their batch is stored (after ``prepare_derive``).

        For when a core is free: the batch's ``start_derive`` then takes the skills found
        instead of matching again. Skipped while the helpers are not up.
        """
        if self._ahead_stamp is not None:
            postings = [Posting(job.title, job.description_text, job.stated_skills) for job in jobs]
            self._pool.foresee(postings, self._ahead_stamp)

    def _start(
        self, orphans: bool, among: Sequence[JobId] | None = None, new: Sequence[StaleJob] = ()
    ) -> Callable[[], tuple[Reskilled, int]]:
        """Begin on the first ``STALE_BATCH`` stale jobs; the call returned stores them and does the rest.

        The rest (every job, after a glossary change) is derived and stored a batch at a time.
        With ``among``, only those of these jobs that are stale, and the others are left as they
        are; of them, ``new`` jobs (just stored: no skills yet) are not read again. The call's
        ``Reskilled`` then also holds the skills derived (only then: they are one batch's).
        """
        store = self._profile.store
        skills = SkillStore(store)
        stamp = self._stamp()
        known = {job.id for job in new}  # just stored: no skills of theirs to read back
        with self._profile.write_lock:
            if among is not None:
                others = [job_id for job_id in among if job_id not in known]
                stale = iter([[*new, *skills.stale_among(others, stamp)]])
            else:
                stale = skills.stale(stamp, STALE_BATCH)
            first = next(stale, None) or None
            if first is not None:  # only when some job needs it: loading the glossary costs
                terms = self._glossary.names()

                def lookups() -> Lookups:  # made only if some are derived here
                    return lookups_for(terms, self._glossary.matcher())

                found = self._pool.start(first, stamp, terms, lookups)

        def finish() -> tuple[Reskilled, int]:
            changed: list[JobId] = []
            kept: dict[JobId, Sequence[tuple[str, bool]]] = {}
            done = 0
            with self._profile.write_lock:
                if first is not None:
                    # Each batch is read, and handed to the helpers, before the one before it is
                    # stored: reading and storing overlap the matching.
                    jobs, matched = first, found
                    for batch in stale:
                        started = self._pool.start(batch, stamp, terms, lookups)
                        changed += skills.store(list(zip(jobs, matched(), strict=True)), stamp)
                        done += len(jobs)
                        jobs, matched = batch, started
                    derived = list(zip(jobs, matched(), strict=True))
                    changed += skills.store(derived, stamp, known)
                    done += len(jobs)
                    if among is not None:  # one batch: the caller indexes it with these skills
                        kept = {job.id: asked for job, asked in derived}
                elif orphans:
                    skills.drop_orphans()
                if among is None:  # every job was looked at
                    self._fresh = (store.generation(), stamp)
            return Reskilled(changed, kept), done

        return finish

    def _catch_up(self) -> None:
        # A page or a table reads what is stored rather than wait behind a long import or fetch
        # (that one derives the skills of its jobs itself when it ends).
        if self._fresh == (self._profile.store.generation(), self._stamp()):
            return
        if self._profile.write_lock.acquire(blocking=False):
            try:
                self.refresh(orphans=False)
            finally:
                self._profile.write_lock.release()

    def of_job(self, job_id: str) -> tuple[JobSkill, ...]:
        """Return the skills one job asks for, required first, in the order the posting names them."""
        self._catch_up()
        asked = SkillStore(self._profile.store).skills_of([job_id]).get(JobId(job_id), [])
        titles = self._titles(slug for slug, _ in asked)
        ordered = sorted(asked, key=lambda item: not item[1])
        return tuple(JobSkill(slug, titles.get(slug, slug), required) for slug, required in ordered)

    def _titles(self, slugs: Iterable[str]) -> dict[str, str]:
        return {str(slug): title for slug, title in self._profile.store.term_titles(slugs).items()}

    @pausing_collector
    def demand(
        self, query: str | None = None, limit: int | None = 50, today: date | None = None
    ) -> list[SkillDemand]:
        """Return the terms the jobs ``query`` matches (all jobs when None) ask for, most asked first."""
        self._catch_up()
        rows = self._counter.demand(query, limit, today or date.today())
        titles = self._titles({r.slug for r in rows} | {slug for r in rows for slug, _ in r.with_})
        return [
            SkillDemand(
                r.slug, titles.get(r.slug, r.slug), r,
                tuple((slug, titles.get(slug, slug), share) for slug, share in r.with_),
            )
            for r in rows
        ]  # fmt: skip

    def term_demand(self, slug: str, companions: int = 3) -> TermDemand | None:
        """Return how many jobs ask for a term, what with and at what pay; None when none does.

        Counted on the index's bitsets, like the Skills view's row of the term (``companions``: at
        most its five); None too while the index cannot be opened (the term's page shows without it).
        """
        self._catch_up()
        try:
            found = self._counter.demand(None, None, date.today(), only=slug)
        except ServiceError:
            return None
        if not found:
            return None
        row = found[0]
        together = row.with_[:companions]
        titles = self._titles(other for other, _ in together)
        return TermDemand(
            row.jobs, row.share, tuple((other, titles.get(other, other), share) for other, share in together),
            row.pay_with, row.pay_without, row.pay_known,
        )  # fmt: skip

    def terms_in(self, text: str) -> tuple[tuple[str, str], ...]:
        """Return the skills (slug, title) a typed list or a résumé names, in order.

        Each comma, semicolon or line item that is a term's title or alias counts as written
        ("Go", "k8s", "ReactJS"); the rest of the text is read like a job ad.
        """
        terms = self._glossary.names()
        by_name: dict[str, str] = {n.casefold(): t.slug for t in terms for n in (t.title, *t.aliases)}
        skills: dict[str, str] = {t.slug: t.title for t in terms if t.category not in NOT_SKILLS}
        found: dict[str, None] = {}
        for item in _items(text):
            slug = by_name.get(item.casefold())
            if slug is not None and slug in skills:
                found[slug] = None
        for slug in self._glossary.matcher().slugs_in(text):
            if slug in skills:
                found[slug] = None
        return tuple((slug, skills[slug]) for slug in found)

    @staticmethod
    def resume_text(path: Path) -> str:
        """Return a résumé's text; raises ServiceError with one clear line when it cannot be read."""
        try:
            return read_resume(path)
        except ResumeError as exc:
            raise ServiceError(str(exc)) from exc

    @pausing_collector
    def fit_order(
        self, have: Sequence[str], query: str | None, criteria: Criteria | None = None
    ) -> list[tuple[JobId, float]]:
        """Return the jobs ``query`` and ``criteria`` match that ask for any of ``have``: best fit first.

        Counted on the index's bitsets; ties go to the newer posting. The score is the weighted
        share of a job's skills in ``have`` (required ones weigh twice).
        """
        self._catch_up()
        return self._counter.fit(have, query, None, criteria)

    @pausing_collector
    def match(self, have: list[str], query: str | None = None, limit: int | None = 20) -> list[JobFit]:
        """Rank the jobs ``query`` matches by fit to the skills ``have`` (slugs): best first."""
        self._catch_up()
        store = self._profile.store
        best = self._counter.fit(have, query, limit)
        found = store.jobs(job_id for job_id, _ in best)
        # The few shown: what each has and lacks, from the skills stored with it.
        details = {f.job_id: f for f in fit(have, {i: list(j.skills) for i, j in found.items()}, {})}
        ranked = [details[job_id] for job_id, _ in best if job_id in details]
        jobs = found
        titles = self._titles({s for f in ranked for s in (*f.matched, *(m for m, _ in f.missing))})
        return [
            JobFit(
                f.job_id, jobs[JobId(f.job_id)].title, jobs[JobId(f.job_id)].company, f.score,
                tuple((s, titles.get(s, s)) for s in f.matched),
                tuple(JobSkill(s, titles.get(s, s), required) for s, required in f.missing),
            )
            for f in ranked
            if JobId(f.job_id) in jobs
        ]  # fmt: skip


def _items(text: str) -> list[str]:
    out = []
    for line in text.replace(";", ",").splitlines():
        out += [" ".join(part.strip(" •*-\t").split()) for part in line.split(",")]
    return [item for item in out if item]
