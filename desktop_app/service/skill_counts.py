"""Demand and fit counted on the search index's bitsets, with the database's dates and pay cached."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from desktop_app.core.criteria import Criteria
from desktop_app.core.types import JobId
from desktop_app.search.bitops import from_ids
from desktop_app.search.skillstats import PayOrder, SkillBits, Tally, demand, fit
from desktop_app.service.indexing import IndexGateway
from desktop_app.service.profile import Profile
from desktop_app.service.search import HiddenRules
from desktop_app.skills.market import WEEKS, Demand, iso_week
from desktop_app.storage.skills import JobFacts, SkillStore


class SkillCounter:
    """Answers ``skills`` and ``match`` from the index's bitsets (a few operations per skill).

    What the index does not hold — when each job was first seen, its yearly pay — is read from
    the database once per data generation, and laid out on the index's documents once per
    index view and day.
    """

    def __init__(self, profile: Profile, indexing: IndexGateway, hidden: HiddenRules) -> None:
        self._profile = profile
        self._indexing = indexing
        self._hidden = hidden
        self._facts: tuple[int, list[JobFacts]] = (-1, [])
        self._side: tuple[object, int, date, list[tuple[str, int]], PayOrder] | None = None

    def _bits(
        self, query: str | None, required: Sequence[str] = (), criteria: Criteria | None = None
    ) -> SkillBits:
        if not query or not query.strip():
            return self._indexing.skill_bits(None, (), required, criteria)
        return self._indexing.skill_bits(query, self._hidden.active(), required, criteria)

    def facts(self) -> list[JobFacts]:
        """Return every job's first-seen day and yearly pay, read once per data generation."""
        generation = self._profile.store.generation()
        if self._facts[0] != generation:
            self._facts = (generation, SkillStore(self._profile.store).job_facts())
        return self._facts[1]

    def _laid_out(self, bits: SkillBits, today: date) -> tuple[list[tuple[str, int]], PayOrder]:
        """Return the week bitsets (oldest first) and the pay order on the documents of ``bits``."""
        store = self._profile.store
        generation = store.generation()
        side = self._side
        if side is not None and side[0] is bits.ids and side[1] == generation and side[2] == today:
            return side[3], side[4]
        facts = self.facts()
        doc_of = {job_id: doc for doc, job_id in enumerate(bits.ids) if job_id}
        size = len(bits.ids)
        labels = [iso_week(today - timedelta(weeks=n)) for n in range(WEEKS - 1, -1, -1)]
        in_week: dict[str, list[int]] = {label: [] for label in labels}
        pays: dict[int, float] = {}
        week_of: dict[date, list[int] | None] = {}  # a few hundred days among 100,000 jobs
        for fact in facts:
            doc = doc_of.get(fact.id)
            if doc is None:
                continue
            day = fact.first_seen
            if day not in week_of:
                week_of[day] = in_week.get(iso_week(day))
            week = week_of[day]
            if week is not None:
                week.append(doc)
            if fact.annual_pay is not None:
                pays[doc] = fact.annual_pay
        weeks = [(label, from_ids(in_week[label], size)) for label in labels]
        order = PayOrder.of(pays, size)
        self._side = (bits.ids, generation, today, weeks, order)
        return weeks, order

    def demand(
        self, query: str | None, limit: int | None, today: date, only: str | None = None
    ) -> list[Demand]:
        """Return the terms the jobs ``query`` matches ask for, most asked first (``only``: one term's)."""
        bits = self._bits(query)
        weeks, pay = self._laid_out(bits, today)
        return [_demand(t) for t in demand(bits, weeks, pay, limit, only)]

    def fit(
        self, have: Sequence[str], query: str | None, limit: int | None, criteria: Criteria | None = None
    ) -> list[tuple[JobId, float]]:
        """Return the jobs ``query`` and ``criteria`` match that ask for any of ``have``, best fit first."""
        return [(JobId(i), score) for i, score in fit(self._bits(query, have, criteria), have, limit)]


def _demand(t: Tally) -> Demand:
    return Demand(t.slug, t.jobs, t.share, t.weekly, t.with_, t.pay_with, t.pay_without, t.pay_known)
