"""Each job's derived skills as one row holds them: "kubernetes! terraform", written and read."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any


def skill_words(skills: Iterable[tuple[str, bool]]) -> str:
    """Return (slug, required) skills as ``job_skill_state.skills`` holds them: "kubernetes! terraform"."""
    return " ".join([f"{slug}!" if required else slug for slug, required in skills])


def read_skill_words(words: str) -> list[tuple[str, bool]]:
    """Return the (slug, required) skills of ``skill_words``, in order.

    >>> read_skill_words("kubernetes! terraform")
    [('kubernetes', True), ('terraform', False)]
    """
    return [(word[:-1], True) if word.endswith("!") else (word, False) for word in words.split()]


def job_skill_rows(cursor: Any, job_ids: Sequence[str]) -> dict[str, list[tuple[str, bool]]]:
    """Return the skills last derived for each of (at most ``IN_CHUNK``) jobs, as the posting orders them.

    Jobs that ask for none are left out. The driver's own tuples, read on every page and search.
    """
    marks = ", ".join("?" * len(job_ids))
    sql = f"SELECT job_id, skills FROM job_skill_state WHERE job_id IN ({marks}) AND skills != ''"
    return {job_id: read_skill_words(words) for job_id, words in cursor.execute(sql, job_ids).fetchall()}
