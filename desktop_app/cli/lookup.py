"""``search`` and ``show``: find terms and jobs, and read one."""

from __future__ import annotations

import argparse
import time
from pathlib import Path
from typing import Any, TextIO

from desktop_app.cli.console import PROG, Console, counted
from desktop_app.cli.context import Context
from desktop_app.cli.shapes import FACET_KEYS, search_json, shown_job_json, term_json
from desktop_app.service import SearchResult, Service, ServiceError, TermDetail


def search(ctx: Context, args: argparse.Namespace) -> int:
    """Run ``search``: one query, or one per line of ``--batch``."""
    if args.batch is not None:
        return _batch(ctx.service, ctx.console, args)
    if args.query is None:
        raise ServiceError(f"give a QUERY, or --batch FILE (try: {PROG} search flask)")
    result = ctx.service.search.query(
        args.query, kind=args.kind, limit=max(0, args.limit), with_facets=args.facets
    )
    if args.json:
        ctx.console.json(search_json(result, args.facets))
    else:
        _print_search(result, ctx.console, args.facets)
    return 0


def show(ctx: Context, args: argparse.Namespace) -> int:
    """Run ``show``: a term by its slug, else a job by its id."""
    detail = ctx.service.glossary.term(args.id)
    if detail is not None:
        ctx.console.json(term_json(detail)) if args.json else _print_term(detail, ctx.console)
        return 0
    job = ctx.service.jobs.job(args.id)
    if job is None:
        raise ServiceError(f"no term or job has the id '{args.id}' (try: {PROG} search {args.id})")
    data = shown_job_json(job, ctx.service.skills.of_job(job.id))
    ctx.console.json(data) if args.json else _print_job(data, ctx.console)
    return 0


def _batch(service: Service, console: Console, args: argparse.Namespace) -> int:
    """Answer one query per input line with one JSON line, keeping one searcher open."""
    source = _open_queries(console, args.batch)
    try:
        for line in source:
            query = line.rstrip("\r\n")
            started = time.perf_counter()
            result = service.search.query(
                query, kind=args.kind, limit=max(0, args.limit), with_facets=args.facets
            )
            data = search_json(result, args.facets)
            data["elapsed_ms"] = round((time.perf_counter() - started) * 1000, 3)
            console.json_line(data)
    except OSError as exc:
        raise ServiceError(f"cannot read queries from {args.batch}: {exc.strerror or exc}") from exc
    except UnicodeDecodeError as exc:
        raise ServiceError(
            f"cannot read queries from {args.batch}: it is not UTF-8 text ({exc.reason})"
        ) from exc
    finally:
        if source is not console.inp:
            source.close()
    return 0


def _open_queries(console: Console, name: str) -> TextIO:
    """Return the query source: standard input for ``-``, else the file; raises ServiceError."""
    if name == "-":
        return console.inp
    try:
        return Path(name).open(encoding="utf-8")  # closed by the caller
    except OSError as exc:
        raise ServiceError(f"cannot read queries from {name}: {exc.strerror or exc}") from exc


def _print_search(result: SearchResult, console: Console, facets: bool) -> None:
    if result.suggestion:
        console.line(f"Did you mean: {result.suggestion}")
    console.line(f"{result.total} result{'s' if result.total != 1 else ''} for '{result.query}'")
    for hit in result.hits:
        console.line(f"  [{hit.kind}] {hit.title}  ({hit.id})")
        if hit.snippet:
            console.line(f"         {hit.snippet}")
        if hit.excerpt:
            console.line(f"         {hit.excerpt}")
    for note in result.notes:
        console.line(f"Note: {note}")
    for name, key in FACET_KEYS.items() if facets else ():
        counts = sorted(result.facets.get(name, {}).items(), key=lambda item: (-item[1], item[0]))
        console.line(f"{key.replace('_', ' ').capitalize()}: {counted(dict(counts)) or '—'}")


def _print_term(detail: TermDetail, console: Console) -> None:
    term = detail.term
    console.line(f"{term.title}  [{term.category}]")
    if term.aliases:
        console.line(f"Also: {', '.join(term.aliases)}")
    console.line(f"\n{term.summary}\n\nWhat is {term.title}?\n{term.definition}")
    for heading, items in (
        ("Common Applications", term.applications),
        ("Safety Considerations", term.safety),
    ):
        console.line(f"\n{heading}")
        for item in items:
            console.line(f"  {item.name}: {item.text}")
    console.line("\nRelated Terms")
    for link in detail.related:
        console.line(f"  {link.title} ({link.id}): {link.note}")
    if detail.backlinks:
        console.line(f"\nMentioned by: {', '.join(b.title for b in detail.backlinks)}")
    console.line(f"\nJobs asking for this: {len(detail.jobs)}")
    for job in detail.jobs:
        console.line(f"  {job.title} ({job.id})")


def _print_job(data: dict[str, Any], console: Console) -> None:
    console.line(f"{data['title']}  ({data['id']})")
    for key in ("company", "team", "date_posted", "valid_through", "apply_url"):
        if data.get(key):
            console.line(f"  {key.replace('_', ' ')}: {data[key]}")
    if data.get("url") and data["url"] != data.get("apply_url"):
        console.line(f"  listing: {data['url']}")  # the posting's own page (Lever's hostedUrl)
    places = "; ".join(", ".join(v for v in loc.values() if v) for loc in data["locations"])
    console.line(f"  location: {places or '—'}{' (remote)' if data['remote'] else ''}")
    console.line(f"  type: {', '.join(data['employment_types']) or '—'}")
    salary = data["salary"]
    if salary:
        pay = "–".join(_amount(v) for v in (salary["min"], salary["max"]) if v is not None)
        console.line(f"  salary: {pay or '—'} {salary['currency'] or ''} / {salary['unit'] or '—'}")
    elif data.get("salary_text"):
        console.line(f"  salary: {data['salary_text']} (as posted; counted as salary unknown)")
    if data.get("skills"):
        asked = (f"{s['title']}{'' if s['required'] else ' (nice to have)'}" for s in data["skills"])
        console.line(f"  skills: {', '.join(asked)}")
    if data["description_text"]:
        console.line(f"\n{data['description_text']}")


def _amount(value: float) -> str:
    """Return an amount as people write it: ``85,013``, or ``27.50`` when it has cents."""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"
