"""``skills`` (what the jobs ask for) and ``match`` (which jobs fit a skills profile)."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from desktop_app.cli.console import plural
from desktop_app.cli.context import Context
from desktop_app.service.errors import ServiceError
from desktop_app.service.skills import JobFit, SkillDemand

Command = Callable[..., argparse.ArgumentParser]


def add_commands(commands: Any, as_json: argparse.ArgumentParser, command: Command) -> None:
    """Add ``skills`` and ``match`` to the command tree."""
    demand = command(
        commands, "skills", "the skills the jobs ask for: how many, the trend, what with, at what pay",
        show_demand, needs_index=True, json=as_json,
    )  # fmt: skip
    demand.add_argument("--query", metavar="Q", help="only the jobs this search matches (default: all)")
    demand.add_argument("--limit", type=int, default=20, metavar="N", help="at most N skills (default 20)")
    fit = command(
        commands, "match", "the jobs that fit a skills profile, best first, with what is missing",
        show_matches, needs_index=True, json=as_json,
    )  # fmt: skip
    source = fit.add_mutually_exclusive_group(required=True)
    source.add_argument("--resume", type=Path, metavar="FILE", help="a résumé: .txt, .md, .pdf or .docx")
    source.add_argument("--skills", metavar="LIST", help='skills, comma-separated: "Python, k8s, Postgres"')
    source.add_argument("--profile", action="store_true", help="My Skills: the profile kept in the window")
    fit.add_argument("--query", metavar="Q", help="only the jobs this search matches (default: all)")
    fit.add_argument("--limit", type=int, default=20, metavar="N", help="at most N jobs (default 20)")


def demand_json(rows: list[SkillDemand]) -> list[dict[str, Any]]:
    """Return the ``skills --json`` shape."""
    return [
        {
            "id": r.id, "title": r.title, "jobs": r.figures.jobs, "share": r.figures.share,
            "weekly": [{"week": week, "jobs": n} for week, n in r.figures.weekly],
            "with": [{"id": slug, "share": share} for slug, _, share in r.with_titles],
            "median_salary": {
                "with": _whole(r.figures.pay_with), "without": _whole(r.figures.pay_without),
                "known": r.figures.pay_known,
            },
        }
        for r in rows
    ]  # fmt: skip


def match_json(skills: tuple[tuple[str, str], ...], fits: list[JobFit]) -> dict[str, Any]:
    """Return the ``match --json`` shape."""
    return {
        "skills": [{"id": slug, "title": title} for slug, title in skills],
        "hits": [
            {
                "id": f.id, "title": f.title, "company": f.company, "score": f.score,
                "matched": [{"id": slug, "title": title} for slug, title in f.matched],
                "missing": [{"id": m.id, "title": m.title, "required": m.required} for m in f.missing],
            }
            for f in fits
        ],
    }  # fmt: skip


def _whole(value: float | None) -> int | None:
    return None if value is None else round(value)


def show_demand(ctx: Context, args: argparse.Namespace) -> int:
    """Run ``skills``."""
    rows = ctx.service.skills.demand(args.query, max(0, args.limit))
    if args.json:
        ctx.console.json(demand_json(rows))
        return 0
    if not rows:
        ctx.console.line("No job asks for a glossary term yet: import jobs first.")
    for r in rows:
        together = ", ".join(f"{title} {share:.0%}" for _, title, share in r.with_titles[:3])
        jobs = plural(r.figures.jobs, "job")
        ctx.console.line(f"{r.title}: {jobs} ({r.figures.share:.0%}); with {together or '—'}")
    return 0


def show_matches(ctx: Context, args: argparse.Namespace) -> int:
    """Run ``match``: exit 1 with one line when the résumé cannot be read, or no skill is named."""
    if args.profile:
        skills = ctx.service.myskills.profile()
        if not skills:
            raise ServiceError("My Skills is empty: add your skills in the window (Skills → My Skills…)")
    else:
        text = ctx.service.skills.resume_text(args.resume) if args.resume else args.skills
        skills = ctx.service.skills.terms_in(text)
    if not skills:
        where = args.resume.name if args.resume else "the list"
        raise ServiceError(f"{where}: names no skill the glossary knows")
    fits = ctx.service.skills.match([slug for slug, _ in skills], args.query, max(0, args.limit))
    if args.json:
        ctx.console.json(match_json(skills, fits))
        return 0
    ctx.console.line("Your skills: " + ", ".join(title for _, title in skills))
    for f in fits:
        lacking = ", ".join(m.title + ("" if m.required else " (nice)") for m in f.missing) or "nothing"
        ctx.console.line(f"{f.score:.0%}  {f.title} — {f.company or '—'}  ({f.id}); missing: {lacking}")
    return 0
