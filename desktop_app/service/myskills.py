"""My Skills: the reader's skills profile, each job's fit to it (cached per job), and what to study."""

from __future__ import annotations

import heapq
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from desktop_app.core.criteria import Criteria
from desktop_app.core.types import JobId, Term, TermId
from desktop_app.service.dto import Hit, job_line
from desktop_app.service.errors import ServiceError
from desktop_app.service.profile import Profile
from desktop_app.service.search import SearchPart
from desktop_app.service.skills import JobSkill, SkillsPart
from desktop_app.skills.asks import NOT_SKILLS
from desktop_app.skills.market import NICE_WEIGHT, REQUIRED_WEIGHT
from desktop_app.storage.myskills import SkillProfileStore

LOAD_ALL_ABOVE = 2000  # more jobs than this to mark: read every job's skills in one pass


@dataclass(frozen=True, slots=True)
class FitMark:
    """How one job fits the profile: skills it asks for that I have, of how many, and the score."""

    matched: int
    asked: int
    score: float  # 0..1: required skills weigh twice nice-to-have ones


@dataclass(frozen=True, slots=True)
class HaveLack:
    """A job's skills split by the profile: what I have, what I lack (required, nice to have)."""

    have: tuple[JobSkill, ...]
    missing_required: tuple[JobSkill, ...]
    missing_nice: tuple[JobSkill, ...]

    @property
    def missing(self) -> tuple[JobSkill, ...]:
        """Every skill I lack, required ones first."""
        return self.missing_required + self.missing_nice


def fit_mark(asked: Sequence[tuple[str, bool]], have: frozenset[str]) -> FitMark:
    """Return how a job asking ``asked`` (slug, required) fits the skills ``have``.

    >>> fit_mark([("go", True), ("rust", True), ("kafka", False)], frozenset({"go", "kafka"}))
    FitMark(matched=2, asked=3, score=0.6)
    """
    weights = {slug: REQUIRED_WEIGHT if required else NICE_WEIGHT for slug, required in asked}
    total = sum(weights.values())
    got = sum(w for slug, w in weights.items() if slug in have)
    matched = sum(1 for slug in weights if slug in have)
    return FitMark(matched, len(weights), round(got / total, 4) if total else 0.0)


def have_and_lack(asked: Sequence[JobSkill], have: frozenset[str]) -> HaveLack:
    """Split a job's skills (``asked``) by the skills I have."""
    return HaveLack(
        tuple(s for s in asked if s.id in have),
        tuple(s for s in asked if s.id not in have and s.required),
        tuple(s for s in asked if s.id not in have and not s.required),
    )


class MySkillsPart:
    """The skills profile the reader keeps, and each job's fit to it.

    Fit is worked out from each job's stored skills once per job and kept until the profile or
    the library changes, so sorting or marking rows costs a look-up, not a recount per keystroke.
    """

    def __init__(self, profile: Profile, skills: SkillsPart, search: SearchPart) -> None:
        self._profile = profile
        self._skills = skills
        self._search = search
        self._lock = threading.Lock()
        self._key: tuple[tuple[str, ...], int] = ((), -1)
        self._marks: dict[str, FitMark] = {}
        self._all_marked = False
        self._posted: dict[JobId, int] | None = None

    @property
    def _store(self) -> SkillProfileStore:
        return SkillProfileStore(self._profile.store)

    # -- the profile ----------------------------------------------------------------------
    def profile(self) -> tuple[tuple[str, str], ...]:
        """Return My Skills as (slug, title), in the order they were added."""
        slugs = self._store.slugs()
        titles = self._profile.store.term_titles(slugs)
        return tuple((slug, titles.get(TermId(slug), slug)) for slug in slugs)

    def slugs(self) -> frozenset[str]:
        """Return the slugs of My Skills."""
        return frozenset(self._store.slugs())

    def set_profile(self, slugs: Sequence[str]) -> tuple[tuple[str, str], ...]:
        """Make My Skills exactly ``slugs`` (merged entries followed); return it. Unknown ids raise."""
        store = self._profile.store
        resolved = []
        for slug in slugs:
            found = store.resolve_term(slug)
            if found is None:
                raise ServiceError(f"no glossary entry has the id '{slug}'")
            resolved.append(str(found))
        with self._profile.write_lock:
            self._store.replace(resolved)
        self.forget()
        return self.profile()

    def read(self, text: str) -> tuple[tuple[str, str], ...]:
        """Return the skills (slug, title) a typed list names: "Postgres, k8s, ReactJS"."""
        return self._skills.terms_in(text)

    def read_resume(self, path: Path) -> tuple[tuple[str, str], ...]:
        """Return the skills a résumé names; its text stays in memory, on this machine, unstored.

        Raises ServiceError with one clear line when the file cannot be read or names no skill.
        """
        found = self._skills.terms_in(self._skills.resume_text(path))
        if not found:
            raise ServiceError(f"{path.name}: names no skill the glossary knows (is it a résumé?)")
        return found

    def names(self) -> list[tuple[str, str]]:
        """Return (name, slug) for every title and alias of a skill term: what typing completes."""
        out = []
        for term in self._profile.store.all_terms():
            if term.category not in NOT_SKILLS:
                out += [(name, str(term.slug)) for name in dict.fromkeys((term.title, *term.aliases))]
        return sorted(out, key=lambda pair: pair[0].casefold())

    # -- fit ------------------------------------------------------------------------------
    def forget(self) -> None:
        """Drop the fit worked out so far (jobs or their skills changed)."""
        with self._lock:
            self._key = ((), -1)
            self._marks = {}
            self._all_marked = False
            self._posted = None

    def _current(self) -> frozenset[str]:
        """Return the profile; forget the marks when it or the library changed since they were made."""
        slugs = tuple(self._store.slugs())
        key = (slugs, self._profile.store.generation())
        if key != self._key:
            self.forget()
            self._key = key
        return frozenset(slugs)

    def marks(self, job_ids: Iterable[str]) -> dict[str, FitMark]:
        """Return the fit of each named job (none when there is no profile), working out the new ones."""
        have = self._current()
        if not have:
            return {}
        wanted = list(job_ids)
        with self._lock:
            missing = [i for i in wanted if i not in self._marks]
            if missing and not self._all_marked:
                every = len(missing) > LOAD_ALL_ABOVE
                asked = SkillProfileStore(self._profile.store).skills_of(None if every else missing)
                marks = dict(self._marks)  # replaced whole: the window reads it while this runs
                marks.update((str(i), fit_mark(a, have)) for i, a in asked.items())
                self._marks = marks
                self._all_marked = every
            known = self._marks
        none = FitMark(0, 0, 0.0)
        return {i: known.get(i, none) for i in wanted}

    def mark(self, job_id: str) -> FitMark | None:
        """Return a job's fit if it was worked out already, else None: cheap enough to paint a row."""
        return self._marks.get(job_id)

    def ranked(self, text: str, criteria: Criteria, limit: int) -> tuple[Hit, ...]:
        """Return the best ``limit`` jobs ``text`` and ``criteria`` match by fit; ties newest first.

        The jobs that ask for any of My Skills come from the index's bitsets, best first; the
        rest follow newest first. Only the jobs listed are read from the database.
        """
        have = self._current()
        ids = self._search.job_ids(text, criteria)  # what the search shows: hide rules applied
        allowed = set(ids)
        fitted = [(str(i), score) for i, score in self._skills.fit_order(sorted(have), text, criteria)]
        best = [(i, score) for i, score in fitted if i in allowed][:limit]
        if len(best) < limit:
            if self._posted is None:
                self._posted = SkillProfileStore(self._profile.store).posted()
            posted, taken = self._posted, {i for i, _ in best}
            others = (i for i in ids if i not in taken)
            rest = heapq.nsmallest(limit - len(best), others, key=lambda i: (-posted.get(JobId(i), 0), i))
            best += [(i, 0.0) for i in rest]
        self.marks(i for i, _ in best)  # the rows' "7/9 skills" badges, worked out for the few listed
        jobs = self._profile.store.jobs(i for i, _ in best)
        return tuple(
            Hit("job", i, jobs[JobId(i)].title, job_line(jobs[JobId(i)]), score)
            for i, score in best
            if JobId(i) in jobs
        )

    def have_lack(self, asked: Sequence[JobSkill]) -> HaveLack:
        """Split a job's skills by My Skills."""
        return have_and_lack(asked, self.slugs())

    def missing_of(self, job_id: str) -> tuple[JobSkill, ...]:
        """Return the skills a job asks for that I lack, required first (all of them without a profile)."""
        return self.have_lack(self._skills.of_job(job_id)).missing

    def entries(self, slugs: Iterable[str]) -> list[Term]:
        """Return the glossary entries of ``slugs`` that exist, in order: a reading list."""
        store = self._profile.store
        found = (store.term(slug) for slug in dict.fromkeys(slugs))
        return [term for term in found if term is not None]
