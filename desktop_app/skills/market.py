"""Demand (how many jobs ask for each term, its trend, what comes with it, pay) and fit."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from statistics import median

WEEKS = 12
WITH_LIMIT = 5
REQUIRED_WEIGHT = 2.0
NICE_WEIGHT = 1.0


@dataclass(frozen=True, slots=True)
class Demand:
    """How the jobs of a selection ask for one term."""

    slug: str
    jobs: int
    share: float  # of the selection's jobs, 0..1
    weekly: tuple[tuple[str, int], ...]  # ("2026-W48", jobs first seen that week), oldest first
    with_: tuple[tuple[str, float], ...]  # terms asked together: share of this term's jobs
    pay_with: float | None  # median yearly pay of its jobs with a known salary
    pay_without: float | None  # ... and of the other jobs
    pay_known: int  # jobs of the selection with a known salary


def iso_week(day: date) -> str:
    """Return the ISO week of a day as "YYYY-Www".

    >>> iso_week(date(2026, 11, 29))
    '2026-W48'
    """
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def demand(
    skills: Mapping[str, Sequence[tuple[str, bool]]],
    first_seen: Mapping[str, date],
    pay: Mapping[str, float | None],
    today: date,
    limit: int | None = None,
) -> list[Demand]:
    """Return the terms the given jobs ask for, most asked first (ties by slug).

    ``skills`` maps each job of the selection to its (slug, required) pairs; ``first_seen`` and
    ``pay`` (yearly, None when unknown) describe the same jobs. The trend counts jobs first seen
    in each of the last ``WEEKS`` ISO weeks up to ``today``.
    """
    total = len(skills)
    unique = {job_id: tuple(dict.fromkeys(slug for slug, _ in asked)) for job_id, asked in skills.items()}
    per_term: dict[str, list[str]] = {}
    for job_id, slugs in unique.items():
        for slug in slugs:
            per_term.setdefault(slug, []).append(job_id)
    ranked = sorted(per_term.items(), key=lambda item: (-len(item[1]), item[0]))
    if limit is not None:
        ranked = ranked[:limit]
    weeks = [iso_week(today - timedelta(weeks=n)) for n in range(WEEKS - 1, -1, -1)]
    known_pay = {job_id: p for job_id, p in pay.items() if p is not None and job_id in skills}
    out = []
    for slug, job_ids in ranked:
        asked_by = set(job_ids)
        seen = Counter(iso_week(first_seen[j]) for j in job_ids if j in first_seen)
        together: Counter[str] = Counter()
        for j in job_ids:
            together.update(unique[j])
        del together[slug]
        with_ = tuple(
            (other, round(n / len(job_ids), 3))
            for other, n in sorted(together.items(), key=lambda kv: (-kv[1], kv[0]))[:WITH_LIMIT]
        )
        pay_with = [p for j, p in known_pay.items() if j in asked_by]
        pay_without = [p for j, p in known_pay.items() if j not in asked_by]
        out.append(
            Demand(
                slug, len(job_ids), round(len(job_ids) / total, 4) if total else 0.0,
                tuple((week, seen.get(week, 0)) for week in weeks), with_,
                median(pay_with) if pay_with else None, median(pay_without) if pay_without else None,
                len(known_pay),
            )
        )  # fmt: skip
    return out


@dataclass(frozen=True, slots=True)
class Fit:
    """How well one job fits a skills profile."""

    job_id: str
    score: float  # 0..1: the weighted share of the job's skills the profile has
    matched: tuple[str, ...]
    missing: tuple[tuple[str, bool], ...]  # (slug, required), required first


def fit(
    have: Iterable[str],
    skills: Mapping[str, Sequence[tuple[str, bool]]],
    posted: Mapping[str, date | None],
    limit: int | None = None,
) -> list[Fit]:
    """Rank jobs by fit to a profile: required skills weigh twice nice-to-have ones.

    Jobs that ask for none of the profile's skills are left out; ties go to the newer posting.

    >>> jobs = {"a": [("go", True), ("kafka", False)], "b": [("go", True), ("rust", True)]}
    >>> [(f.job_id, f.score, f.missing) for f in fit(["go", "kafka"], jobs, {})]
    [('a', 1.0, ()), ('b', 0.5, (('rust', True),))]
    """
    mine = set(have)
    out = []
    for job_id, asked in skills.items():
        weights = {slug: REQUIRED_WEIGHT if required else NICE_WEIGHT for slug, required in asked}
        matched = tuple(slug for slug in weights if slug in mine)
        if not matched:
            continue
        total = sum(weights.values())
        score = round(sum(weights[s] for s in matched) / total, 4)
        required = dict(asked)
        missing = tuple(sorted(((s, required[s]) for s in weights if s not in mine), key=lambda m: not m[1]))
        out.append(Fit(job_id, score, matched, missing))
    newest = {j: (d.toordinal() if d else 0) for j, d in posted.items()}
    out.sort(key=lambda f: (-f.score, -newest.get(f.job_id, 0), f.job_id))
    return out if limit is None else out[:limit]
