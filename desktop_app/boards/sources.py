"""Which board a careers URL or a ``vendor:name`` names, and the canonical form of each."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal
from urllib.parse import urlsplit

Vendor = Literal["greenhouse", "lever", "ashby", "smartrecruiters", "workable"]
VENDORS: tuple[Vendor, ...] = ("greenhouse", "lever", "ashby", "smartrecruiters", "workable")
VENDOR_NAMES: dict[Vendor, str] = {
    "greenhouse": "Greenhouse",
    "lever": "Lever",
    "ashby": "Ashby",
    "smartrecruiters": "SmartRecruiters",
    "workable": "Workable",
}
FORMS = (
    "https://boards.greenhouse.io/NAME, https://job-boards.greenhouse.io/NAME, "
    "https://jobs.lever.co/NAME, https://jobs.eu.lever.co/NAME, https://jobs.ashbyhq.com/NAME, "
    "https://careers.smartrecruiters.com/NAME, https://apply.workable.com/NAME, "
    "or greenhouse:NAME, lever:NAME, ashby:NAME, smartrecruiters:NAME, workable:NAME"
)
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._\-]{0,99}$")

# Careers-page host → vendor (and, for Lever, the EU data centre).
_HOSTS: dict[str, tuple[Vendor, str]] = {
    "boards.greenhouse.io": ("greenhouse", ""),
    "job-boards.greenhouse.io": ("greenhouse", ""),
    "boards.eu.greenhouse.io": ("greenhouse", ""),
    "job-boards.eu.greenhouse.io": ("greenhouse", ""),
    "jobs.lever.co": ("lever", ""),
    "jobs.eu.lever.co": ("lever", "eu"),
    "jobs.ashbyhq.com": ("ashby", ""),
    "careers.smartrecruiters.com": ("smartrecruiters", ""),
    "jobs.smartrecruiters.com": ("smartrecruiters", ""),
    "apply.workable.com": ("workable", ""),
}


class SourceError(ValueError):
    """The text names no board this app can fetch; the message says which forms work."""


@dataclass(frozen=True, slots=True)
class BoardRef:
    """One company board: its vendor, the company's name there, and (Lever) the EU data centre."""

    vendor: Vendor
    name: str
    region: str = ""  # "eu" for Lever's EU boards

    @property
    def key(self) -> str:
        """The board's id, as the command line and the database know it: ``lever:spotify``."""
        return f"{self.vendor}:{'eu/' if self.region else ''}{self.name}"

    @property
    def url(self) -> str:
        """The board's public careers page."""
        pages = {
            "greenhouse": f"https://job-boards.greenhouse.io/{self.name}",
            "lever": f"https://jobs.{'eu.' if self.region else ''}lever.co/{self.name}",
            "ashby": f"https://jobs.ashbyhq.com/{self.name}",
            "smartrecruiters": f"https://careers.smartrecruiters.com/{self.name}",
            "workable": f"https://apply.workable.com/{self.name}",
        }
        return pages[self.vendor]

    @property
    def vendor_name(self) -> str:
        """The vendor as people write it: "SmartRecruiters"."""
        return VENDOR_NAMES[self.vendor]


def parse_source(text: str) -> BoardRef:
    """Return the board a careers URL or ``vendor:name`` names; raises SourceError otherwise.

    >>> parse_source("https://boards.greenhouse.io/airbnb/jobs/123").key
    'greenhouse:airbnb'
    >>> parse_source("lever:eu/acme").url
    'https://jobs.eu.lever.co/acme'
    """
    text = text.strip()
    if not text:
        raise SourceError(f"no board given; use one of: {FORMS}")
    if "://" in text or text.lower().startswith(("www.", "boards.", "jobs.", "apply.", "careers.")):
        return _from_url(text if "://" in text else f"https://{text}")
    vendor_text, sep, name = text.partition(":")
    vendor = vendor_text.strip().lower()
    if not sep or vendor not in VENDORS:
        raise SourceError(f"'{text}' names no known board; use one of: {FORMS}")
    region = ""
    name = name.strip().strip("/")
    if vendor == "lever" and name.lower().startswith("eu/"):
        region, name = "eu", name[3:]
    return BoardRef(vendor, _checked_name(name, text), region)


def _from_url(url: str) -> BoardRef:
    parts = urlsplit(url)
    host = (parts.hostname or "").lower().removeprefix("www.")
    if parts.scheme not in ("http", "https") or host not in _HOSTS:
        raise SourceError(f"{url} is not a job board this app knows; use one of: {FORMS}")
    vendor, region = _HOSTS[host]
    segments = [s for s in parts.path.split("/") if s]
    if vendor == "greenhouse" and not segments:
        # The embedded board: boards.greenhouse.io/embed/job_board?for=NAME
        query = dict(p.partition("=")[::2] for p in parts.query.split("&") if p)
        segments = [query["for"]] if query.get("for") else []
    if vendor == "greenhouse" and segments[:1] == ["embed"]:
        query = dict(p.partition("=")[::2] for p in parts.query.split("&") if p)
        segments = [query.get("for", "")]
    if not segments or not segments[0]:
        raise SourceError(f"{url} names no company; use one of: {FORMS}")
    return BoardRef(vendor, _checked_name(segments[0], url), region)


def _checked_name(name: str, given: str) -> str:
    if not _NAME.match(name):
        raise SourceError(f"'{given}' has no usable company name; use one of: {FORMS}")
    return name
