"""Hostile job postings: scripts, frames, event handlers, javascript: and file: links, remote images, CSS."""

from __future__ import annotations

import json
from pathlib import Path

REMOTE = "t.example"  # every remote reference below points here, so a request for it is easy to spot
DESCRIPTION = f"""
<p onclick="steal()" onmouseover="steal()" style="background:url(https://{REMOTE}/bg.png);position:fixed">
Build things.<script>alert('script ran')</script></p>
<iframe src="https://{REMOTE}/frame.html"></iframe>
<img src="https://{REMOTE}/pixel.png" onerror="alert('img')">
<img src="file:///etc/passwd"><img src="http://{REMOTE}/plain.gif">
<svg onload="alert('svg')"><image href="https://{REMOTE}/svg.png"/></svg>
<style>@import url(https://{REMOTE}/evil.css); body {{ background: url(https://{REMOTE}/b.png) }}</style>
<link rel="stylesheet" href="https://{REMOTE}/link.css">
<object data="https://{REMOTE}/x.swf"></object><embed src="https://{REMOTE}/e.swf">
<form action="https://{REMOTE}/post"><input name="q"></form>
<a href="javascript:alert('link')">javascript link</a>
<a href="file:///etc/passwd">file link</a>
<a href="data:text/html,<script>alert(1)</script>">data link</a>
<a href="  JaVaScRiPt:alert(1)">mixed case link</a>
<a href="https://jobs.{REMOTE}/apply">apply here</a>
<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>
"""
# Text that must not survive anywhere in what is stored or shown.
FORBIDDEN = ("<script", "alert(", "<iframe", "onerror", "onclick", "onload", "onmouseover", "javascript:",
             "file:", "data:", "<img", "<style", "style=", "@import", "<link", "<object", "<embed",
             "<form", "<svg", "bg.png", "pixel.png", "evil.css")  # fmt: skip


def write_postings(path: Path, huge_chars: int = 0) -> Path:
    """Write a JSON-LD file with the hostile posting (and, if asked, one with a huge description)."""
    postings = [
        {
            "@type": "JobPosting",
            "title": "Hostile <b onmouseover=alert(1)>Listing</b>",
            "hiringOrganization": {"name": "Evil <script>x()</script>Co"},
            "datePosted": "2026-11-01",
            "url": "javascript:alert('apply')",
            "description": DESCRIPTION,
        }
    ]
    if huge_chars:
        paragraph = "<p>We use Python, Flask and Kubernetes every day. <b>Great</b> team.</p>\n"
        postings.append(
            {
                "@type": "JobPosting",
                "title": "Huge Listing",
                "hiringOrganization": {"name": "Big Co"},
                "datePosted": "2026-11-01",
                "description": paragraph * (huge_chars // len(paragraph)),
            }
        )
    path.write_text(json.dumps({"@graph": postings}), encoding="utf-8")
    return path
