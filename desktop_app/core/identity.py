"""Stable job ids: from the posting's identifier, else its URL, else its facts."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date

from desktop_app.core.types import Job, JobId

JOB_ID_PREFIX = "job-"
OWN_ID_RE = re.compile(r"^job-[0-9a-f]{16}$")


def _digest(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode("utf-8"), usedforsecurity=False).hexdigest()[:16]


def job_id(
    *,
    identifier: str | None,
    url: str | None,
    company: str | None,
    title: str,
    location: str,
    date_posted: date | None,
) -> JobId:
    """Return the id a posting keeps across imports: the same posting always maps to it.

    >>> job_id(identifier="42", url=None, company="Acme", title="Dev", location="", date_posted=None)
    'job-bdae99e8d6500667'
    """
    company_key = (company or "").strip().casefold()
    if identifier and OWN_ID_RE.match(identifier.strip()):
        return JobId(identifier.strip())  # exported by this app: keep the id it had
    if identifier:
        return JobId(JOB_ID_PREFIX + _digest("id", company_key, identifier.strip()))
    if url:
        return JobId(JOB_ID_PREFIX + _digest("url", url.strip()))
    when = date_posted.isoformat() if date_posted else ""
    facts = (company_key, title.strip().casefold(), location.strip().casefold(), when)
    return JobId(JOB_ID_PREFIX + _digest("facts", *facts))


DESCRIPTION_CHARS = 2000
# Every byte but a-z becomes a space (A-Z their small letters): the words of a-z, as one C pass.
_LETTERS_ONLY = bytes(c + 32 if 65 <= c <= 90 else c if 97 <= c <= 122 else 32 for c in range(256))
# The characters past ASCII whose case folds to letters a-z ("ß" is "ss"; the Kelvin sign, "k").
FOLDS_TO_ASCII = (
    "\xdf\u0130\u0149\u017f\u01f0\u1e96\u1e97\u1e98\u1e99\u1e9a\u1e9e\u212a"
    "\ufb00\ufb01\ufb02\ufb03\ufb04\ufb05\ufb06"
)
_SPACES_RE = re.compile(rb"  +")


def _norm(text: str | None) -> str:
    """Return the runs of letters a-z of the case-folded text, one space between them.

    Letters only: a repost that changes a date, a number or the punctuation reads the same.
    (What ``re.sub("[^a-z]+", " ", text.casefold()).strip()`` gives, several times sooner: any
    other character, once encoded as "?", is a space too. Folding the case is left to the table
    unless a character folds to letters a-z: for every other one, folded or not, it is a space.)
    """
    text = text or ""
    if not text.isascii() and any(char in text for char in FOLDS_TO_ASCII):
        text = text.casefold()
    folded = text.encode("ascii", "replace").translate(_LETTERS_ONLY)
    return _SPACES_RE.sub(b" ", folded).strip().decode("ascii")


def fingerprint(job: Job) -> str:
    """Return what stays the same when a posting is reposted or seen in another source.

    Company, title, places and the (near-)same description: letters only, digits and
    punctuation dropped; a new date, id or URL does not change it.
    """
    places = {_norm(loc.city or loc.region or loc.country or loc.text) for loc in job.locations}
    cities = sorted(places - {""})
    where = ",".join(cities) or ("remote" if job.remote else "")
    text = _norm_head(job.description_text or "", DESCRIPTION_CHARS)
    return _digest("fp", _norm(job.company), _norm(job.title), where, text)


def _norm_head(text: str, limit: int) -> str:
    """Return ``_norm(text)[:limit]``, normalising only as much of a long text as that takes.

    Normalising a prefix gives a prefix of the whole's normal form (a word cut short, a run of
    non-letters at the cut dropped), so once ``limit`` characters come out they are the same.

    >>> text = "Build APIs, 24/7! " * 500
    >>> _norm_head(text, 40) == _norm(text)[:40]
    True
    """
    size = 2 * limit
    while size < len(text):
        head = _norm(text[:size])
        if len(head) >= limit:
            return head[:limit]
        size *= 4
    return _norm(text)[:limit]


@dataclass(frozen=True, slots=True)
class SeenPosting:
    """What tells one posting from another within a source: its identifier and apply link."""

    sources: frozenset[str]
    identifier: str | None
    apply_url: str | None


def same_posting(known: SeenPosting, job: Job) -> bool:
    """Return whether ``job``, with the fingerprint of ``known``, is that posting seen again.

    Never when the same source gives them different identifiers or different apply URLs:
    those are two jobs that read alike (two openings of one role), not a repost.
    """
    if job.source not in known.sources:
        return True
    if known.identifier and job.identifier and known.identifier != job.identifier:
        return False
    return not (known.apply_url and job.apply_url and known.apply_url != job.apply_url)
