"""Skill demand and fit counted on the index's bitsets: a few integer operations per skill.

The index holds each job's skills (``skill``, ``skill_required``, ``skill_weight``), so the jobs
of a selection that ask for a term are one AND, and how many they are one count, whatever the
size of the board. Only the few rows shown (the top terms, the best-fitting jobs) go further.
"""

from __future__ import annotations

import heapq
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from desktop_app.search.bitops import from_ids, member_test, ones
from desktop_app.search.bitsets import MISSING, SIGNED

WITH_LIMIT = 5
PAY_CHUNK = 512  # known pays are cut into runs of this many, each a bitset, to find a median


@dataclass(frozen=True, slots=True)
class SkillBits:
    """A selection of jobs and the skills of every job, as bitsets of one index view.

    ``required`` holds only the skills asked for by name (a fit's profile).
    """

    selection: int
    skills: Mapping[str, int]  # slug → the jobs asking for it
    ids: Sequence[str]  # document → id
    weight: Sequence[int]  # document → its skills' weight, raw column value
    posted: Sequence[int]  # document → its posting date, raw column value (MISSING when undated)
    required: Mapping[str, int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class PayOrder:
    """The jobs with a known yearly pay, lowest first, cut into runs of ``PAY_CHUNK`` bitsets."""

    pays: Sequence[float]
    docs: Sequence[int]
    runs: Sequence[int]
    known: int

    @classmethod
    def of(cls, pay_by_doc: Mapping[int, float], size: int) -> PayOrder:
        """Return the order of ``pay_by_doc`` (document → yearly pay) on an index of ``size``."""
        ranked = sorted(zip(pay_by_doc.values(), pay_by_doc.keys(), strict=True))  # (pay, doc), no key
        docs = [d for _, d in ranked]
        runs = [from_ids(docs[i : i + PAY_CHUNK], size) for i in range(0, len(docs), PAY_CHUNK)]
        return cls([p for p, _ in ranked], docs, runs, from_ids(docs, size))

    def median(self, members: int) -> float | None:
        """Return the median pay of ``members`` (of those with a known pay), None when none has one."""
        members &= self.known
        count = members.bit_count()
        if not count:
            return None
        middle = count // 2
        if count % 2:
            return self._kth(members, middle)
        return (self._kth(members, middle - 1) + self._kth(members, middle)) / 2

    def _kth(self, members: int, k: int) -> float:
        for number, run in enumerate(self.runs):
            inside = (members & run).bit_count()
            if k >= inside:
                k -= inside
                continue
            contains = member_test(members & run)
            start = number * PAY_CHUNK
            for place in range(start, min(start + PAY_CHUNK, len(self.docs))):
                if contains(self.docs[place]):
                    if not k:
                        return self.pays[place]
                    k -= 1
        raise IndexError("fewer members than asked for")


@dataclass(frozen=True, slots=True)
class Tally:
    """How the selected jobs ask for one term (see ``skills.market.Demand``)."""

    slug: str
    jobs: int
    share: float
    weekly: tuple[tuple[str, int], ...]
    with_: tuple[tuple[str, float], ...]
    pay_with: float | None
    pay_without: float | None
    pay_known: int


def demand(
    bits: SkillBits,
    weeks: Sequence[tuple[str, int]],
    pay: PayOrder,
    limit: int | None,
    only: str | None = None,
) -> list[Tally]:
    """Return the terms the selection asks for, most asked first (ties by slug), up to ``limit``.

    ``weeks``: (ISO week, the jobs first seen in it), oldest first; ``pay``: the known pays;
    ``only``: that term's row alone (none when no job of the selection asks for it).
    """
    chosen = bits.selection
    total = chosen.bit_count()
    asked = {slug: chosen & docs for slug, docs in bits.skills.items()}
    counts = {slug: docs.bit_count() for slug, docs in asked.items() if only is None or slug == only}
    ranked = sorted((item for item in counts.items() if item[1]), key=lambda item: (-item[1], item[0]))
    if limit is not None:
        ranked = ranked[:limit]
    known = pay.known & chosen
    out = []
    for slug, jobs in ranked:
        mine = asked[slug]
        together = [(other, (mine & docs).bit_count()) for other, docs in asked.items() if other != slug]
        best = heapq.nsmallest(WITH_LIMIT, (t for t in together if t[1]), key=lambda t: (-t[1], t[0]))
        out.append(
            Tally(
                slug, jobs, round(jobs / total, 4) if total else 0.0,
                tuple((week, (mine & docs).bit_count()) for week, docs in weeks),
                tuple((other, round(n / jobs, 3)) for other, n in best),
                pay.median(mine & known), pay.median(known & ~mine), known.bit_count(),
            )
        )  # fmt: skip
    return out


def fit(bits: SkillBits, have: Sequence[str], limit: int | None) -> list[tuple[str, float]]:
    """Rank the selection's jobs by fit to the skills ``have``: (job id, score), best first.

    The score is the weighted share of a job's skills the profile has (required 2, nice-to-have
    1); jobs that ask for none of them are left out; ties go to the newer posting, then the id.
    """
    chosen = bits.selection
    gained: dict[int, int] = {}
    for slug in dict.fromkeys(have):
        for doc in ones(bits.skills.get(slug, 0) & chosen):
            gained[doc] = gained.get(doc, 0) + 1
        for doc in ones(bits.required.get(slug, 0) & chosen):
            gained[doc] += 1
    weight, posted, ids = bits.weight, bits.posted, bits.ids
    keyed = [
        (-round(got / max(1, weight[doc] - SIGNED), 4), -(posted[doc] if posted[doc] != MISSING else -1), doc)
        for doc, got in gained.items()
    ]
    if limit is not None and len(keyed) > limit > 0:
        # The best ``limit`` by score and day, then every job equal to the last of them: equals
        # are ordered by id, and only theirs are read.
        edge = heapq.nsmallest(limit, keyed)[-1][:2]
        keyed = [k for k in keyed if k[:2] <= edge]
    keyed.sort(key=lambda k: (k[0], k[1], ids[k[2]]))
    return [(ids[doc], -score) for score, _day, doc in keyed[:limit]]
