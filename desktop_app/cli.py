"""The command line: the same service, headless, for scripts and acceptance checks (no Qt here)."""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TextIO

from desktop_app import __version__
from desktop_app.core.criteria import Criteria
from desktop_app.paths import ENV_HOME, app_paths
from desktop_app.service import (
    ImportReport,
    SearchResult,
    Service,
    ServiceError,
    TermDetail,
    failure_message,
    newest_good_backup,
    restore_backup,
)
from desktop_app.storage.convert import job_to_json
from desktop_app.storage.db import is_busy, is_damage

PROG = "glossary-jobs"


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of every command."""
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Glossary & Jobs: an offline glossary of software terms and a job board. "
        "With no command, opens the window.",
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help=f"keep the database, index, logs and backups in DIR (default: ${ENV_HOME}, "
        "else the user data folder)",
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="open the window offscreen, search, open a term, and exit 0 when all went well",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    search = commands.add_parser("search", help="search terms and jobs")
    search.add_argument("query", metavar="QUERY", nargs="?", default=None)
    search.add_argument("--kind", choices=("all", "term", "job"), default="all")
    search.add_argument("--limit", type=int, default=20, metavar="N")
    search.add_argument("--json", action="store_true", help="print JSON")
    search.add_argument(
        "--facets", action="store_true", help="add job counts per type, location, team, salary band, age"
    )
    search.add_argument(
        "--batch",
        metavar="FILE",
        help="read one query per line from FILE (- for standard input); print one JSON line each, "
        "with elapsed_ms",
    )

    show = commands.add_parser("show", help="show a term or a job by its id")
    show.add_argument("id", metavar="ID")
    show.add_argument("--json", action="store_true", help="print JSON")

    imp = commands.add_parser("import", help="import job files (JSON-LD, HTML with JSON-LD)")
    imp.add_argument("files", nargs="+", metavar="FILE", type=Path)
    imp.add_argument("--dry-run", action="store_true", help="read and report, store nothing")
    imp.add_argument(
        "--withdraw-missing",
        action="store_true",
        help="take each file as its whole feed: remove listings it held before and no longer does",
    )
    imp.add_argument("--json", action="store_true", help="print JSON")

    exp = commands.add_parser("export", help="export jobs as JSON-LD or CSV")
    exp.add_argument("file", metavar="FILE", type=Path)
    exp.add_argument("--format", choices=("jsonld", "csv"), required=True)
    exp.add_argument("--query", help="export only the jobs this query matches")

    gloss = commands.add_parser("glossary", help="manage your own glossary entries")
    gloss_commands = gloss.add_subparsers(dest="glossary_command", metavar="ACTION", required=True)
    add = gloss_commands.add_parser("add", help="add entry files (or folders of them) as your own")
    add.add_argument("paths", nargs="+", metavar="PATH", type=Path)
    add.add_argument("--json", action="store_true", help="print JSON")

    filters = commands.add_parser("filters", help="saved job filters")
    filter_commands = filters.add_subparsers(dest="filters_command", metavar="ACTION", required=True)
    flist = filter_commands.add_parser("list", help="list saved filters with their total and new counts")
    flist.add_argument("--json", action="store_true", help="print JSON")
    fadd = filter_commands.add_parser("add", help="save a filter: a name and a query")
    fadd.add_argument("name", metavar="NAME")
    fadd.add_argument("query", metavar="QUERY")
    fopen = filter_commands.add_parser("open", help="mark a filter as looked at (its new count restarts)")
    fopen.add_argument("id", metavar="ID", type=int)

    favs = commands.add_parser("favourites", help="starred jobs and their status")
    fav_commands = favs.add_subparsers(dest="favourites_command", metavar="ACTION", required=True)
    favlist = fav_commands.add_parser("list", help="list favourites")
    favlist.add_argument("--json", action="store_true", help="print JSON")
    favadd = fav_commands.add_parser("add", help="star a job, or change its status or note")
    favadd.add_argument("job_id", metavar="JOB_ID")
    favadd.add_argument(
        "--status", default=None, help="saved, applied, interviewing, offer, rejected, archived"
    )
    favadd.add_argument("--note", default=None)

    data = commands.add_parser("data", help="export or merge your own data (filters, favourites, history)")
    data_commands = data.add_subparsers(dest="data_command", metavar="ACTION", required=True)
    dexp = data_commands.add_parser("export", help="write your data to one JSON file")
    dexp.add_argument("file", metavar="FILE", type=Path)
    dimp = data_commands.add_parser("import", help="merge a data file (nothing changes when it is bad)")
    dimp.add_argument("file", metavar="FILE", type=Path)
    drest = data_commands.add_parser(
        "restore-backup", help="put a backup (default: the newest good one) in place of the database"
    )
    drest.add_argument("file", metavar="FILE", type=Path, nargs="?")

    commands.add_parser("reindex", help="rebuild the search index from the database")
    commands.add_parser("check", help="verify the database and the index; non-zero exit on a fault")
    return parser


def _emit(data: Any, out: TextIO) -> None:
    json.dump(data, out, ensure_ascii=False, indent=2)
    out.write("\n")


def _quiet_progress(label: str) -> Callable[[int, int], None]:
    """Return a progress printer for standard error that speaks only on a terminal."""

    def report(done: int, total: int) -> None:
        if sys.stderr.isatty() and total > 1:
            sys.stderr.write(f"\r{label}… {done}/{total}")
            if done >= total:
                sys.stderr.write("\n")
            sys.stderr.flush()

    return report


def _progress(done: int, total: int) -> None:
    if sys.stderr.isatty():
        sys.stderr.write(f"\rBuilding the search index… {done}/{total}")
        if done >= total:
            sys.stderr.write("\n")
    elif done >= total:
        sys.stderr.write(f"Built the search index ({total} items).\n")
    sys.stderr.flush()


# ``search --facets`` names: the JSON key of each facet the engine counts.
FACET_KEYS = {
    "type": "employment_type",
    "location": "location",
    "team": "team",
    "salary": "salary_band",
    "posted": "posted",
}


INDEX_REASONS = {
    "missing": "missing",
    "corrupt": "damaged",
    "outdated": "built by another version",
    "stale": "behind the database",
}


def _ensure_index(service: Service) -> None:
    """Rebuild the index when it needs it, and say why on standard error."""
    state = service.ensure_index(_progress)
    if state != "ok":
        print(f"{PROG}: the search index was {INDEX_REASONS.get(state, state)}: rebuilt it.", file=sys.stderr)


def search_json(result: SearchResult, facets: bool = False) -> dict[str, Any]:
    """Return the ``search --json`` object (a contract: see DESIGN.md and docs/CLI.md)."""
    data: dict[str, Any] = {
        "query": result.query,
        "total": result.total,
        "suggestion": result.suggestion,
        "hits": [
            {"kind": h.kind, "id": h.id, "title": h.title, "snippet": h.snippet, "excerpt": h.excerpt}
            for h in result.hits
        ],
    }
    if result.notes:
        data["notes"] = list(result.notes)
    if facets:
        data["facets"] = {key: dict(result.facets.get(name, {})) for name, key in FACET_KEYS.items()}
    return data


def _batch(service: Service, args: argparse.Namespace, out: TextIO) -> int:
    """Answer one query per input line with one JSON line, keeping one searcher open."""
    source = sys.stdin if args.batch == "-" else Path(args.batch).open(encoding="utf-8")  # noqa: SIM115
    try:
        for line in source:
            query = line.rstrip("\r\n")
            started = time.perf_counter()
            result = service.search(query, kind=args.kind, limit=max(0, args.limit), with_facets=args.facets)
            data = search_json(result, args.facets)
            data["elapsed_ms"] = round((time.perf_counter() - started) * 1000, 3)
            out.write(json.dumps(data, ensure_ascii=False) + "\n")
            out.flush()
    except OSError as exc:
        raise ServiceError(f"cannot read queries from {args.batch}: {exc.strerror or exc}") from exc
    except UnicodeDecodeError as exc:
        raise ServiceError(
            f"cannot read queries from {args.batch}: it is not UTF-8 text ({exc.reason})"
        ) from exc
    finally:
        if source is not sys.stdin:
            source.close()
    return 0


def term_json(detail: TermDetail) -> dict[str, Any]:
    """Return the ``show --json`` object of a term."""
    term = detail.term
    return {
        "kind": "term",
        "id": term.slug,
        "title": term.title,
        "aliases": list(term.aliases),
        "category": term.category,
        "summary": term.summary,
        "definition": term.definition,
        "applications": [{"name": a.name, "text": a.text} for a in term.applications],
        "safety": [{"name": s.name, "text": s.text} for s in term.safety],
        "related": [{"id": r.id, "title": r.title, "note": r.note} for r in detail.related],
        "backlinks": [b.id for b in detail.backlinks],
        "jobs": [j.id for j in detail.jobs],
    }


def import_json(report: ImportReport) -> dict[str, Any]:
    """Return the ``import --json`` object."""
    return {
        "accepted": [job_to_json(j) for j in report.accepted],
        "rejected": [{"source": r.source, "reason": r.reason} for r in report.rejected],
        "stored": {"new": report.new, "updated": report.updated, "unchanged": report.unchanged},
        "merged": [{"id": posting, "into": kept} for posting, kept in report.merged],
        "removed": list(report.removed),
        "checks": [
            {
                "id": c.job_id,
                "source": c.source,
                "missing_required": list(c.missing_required),
                "missing_recommended": list(c.missing_recommended),
                "expired": c.expired,
            }
            for c in report.checks
            if not c.is_clean
        ],
    }


def _print_search(result: SearchResult, out: TextIO, facets: bool = False) -> None:
    if result.suggestion:
        out.write(f"Did you mean: {result.suggestion}\n")
    out.write(f"{result.total} result{'s' if result.total != 1 else ''} for '{result.query}'\n")
    for hit in result.hits:
        out.write(f"  [{hit.kind}] {hit.title}  ({hit.id})\n")
        if hit.snippet:
            out.write(f"         {hit.snippet}\n")
        if hit.excerpt:
            out.write(f"         {hit.excerpt}\n")
    for note in result.notes:
        out.write(f"Note: {note}\n")
    for name, key in FACET_KEYS.items() if facets else ():
        counts = sorted(result.facets.get(name, {}).items(), key=lambda item: (-item[1], item[0]))
        out.write(f"{key.replace('_', ' ').capitalize()}: {_counted(dict(counts)) or '—'}\n")


def _print_term(detail: TermDetail, out: TextIO) -> None:
    term = detail.term
    out.write(f"{term.title}  [{term.category}]\n")
    if term.aliases:
        out.write(f"Also: {', '.join(term.aliases)}\n")
    out.write(f"\n{term.summary}\n\nWhat is {term.title}?\n{term.definition}\n")
    for heading, items in (
        ("Common Applications", term.applications),
        ("Safety Considerations", term.safety),
    ):
        out.write(f"\n{heading}\n")
        for item in items:
            out.write(f"  {item.name}: {item.text}\n")
    out.write("\nRelated Terms\n")
    for link in detail.related:
        out.write(f"  {link.title} ({link.id}): {link.note}\n")
    if detail.backlinks:
        out.write(f"\nMentioned by: {', '.join(b.title for b in detail.backlinks)}\n")
    out.write(f"\nJobs asking for this: {len(detail.jobs)}\n")
    for job in detail.jobs:
        out.write(f"  {job.title} ({job.id})\n")


def _print_job(data: dict[str, Any], out: TextIO) -> None:
    out.write(f"{data['title']}  ({data['id']})\n")
    for key in ("company", "team", "date_posted", "valid_through", "apply_url"):
        if data.get(key):
            out.write(f"  {key.replace('_', ' ')}: {data[key]}\n")
    places = ["; ".join(", ".join(v for v in loc.values() if v) for loc in data["locations"])]
    out.write(f"  location: {places[0] or '—'}{' (remote)' if data['remote'] else ''}\n")
    out.write(f"  type: {', '.join(data['employment_types']) or '—'}\n")
    salary = data["salary"]
    if salary:
        out.write(
            f"  salary: {salary['min']}–{salary['max']} {salary['currency'] or ''} / {salary['unit']}\n"
        )
    if data["description_text"]:
        out.write(f"\n{data['description_text']}\n")


def _log_unexpected(logs_dir: Path) -> Path:
    """Append the current exception's traceback to the command-line log; return its path."""
    import traceback
    from datetime import datetime

    logs_dir.mkdir(parents=True, exist_ok=True)
    path = logs_dir / "cli-errors.log"
    with path.open("a", encoding="utf-8") as handle:
        handle.write(f"--- {datetime.now().isoformat(timespec='seconds')} {' '.join(sys.argv)}\n")
        handle.write(traceback.format_exc())
    return path


def _restore(args: argparse.Namespace, out: TextIO) -> int:
    paths = app_paths(args.data_dir)
    chosen = args.file or newest_good_backup(paths)
    if chosen is None or not Path(chosen).is_file():
        print(f"{PROG}: error: no good backup was found in {paths.backups_dir}", file=sys.stderr)
        return 1
    try:
        aside = restore_backup(paths, Path(chosen))
    except ServiceError as exc:
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return 1
    out.write(f"Restored {chosen}; the previous database file is kept as {aside}.\n")
    return 0


def run(args: argparse.Namespace, out: TextIO | None = None) -> int:
    """Run a parsed command; return the exit status. Errors are one line on stderr."""
    out = out or sys.stdout
    if args.command == "data" and args.data_command == "restore-backup":
        return _restore(args, out)  # works on a profile too damaged to open
    service = Service(app_paths(args.data_dir))
    try:
        service.open()
        return _dispatch(service, args, out)
    except ServiceError as exc:
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        raise
    except OSError as exc:
        print(f"{PROG}: error: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "), file=sys.stderr)
        return 1
    except Exception as exc:  # noqa: BLE001 - a person gets one line; the details go to the log
        if is_busy(exc) or is_damage(exc):  # a lock held too long, or a damaged file: no traceback to log
            print(f"{PROG}: error: {failure_message(exc)}", file=sys.stderr)
            return 1
        log = _log_unexpected(service.paths.logs_dir)
        print(
            f"{PROG}: unexpected error: {exc or exc.__class__.__name__} (details in {log})", file=sys.stderr
        )
        return 1
    finally:
        service.close()


def _dispatch(service: Service, args: argparse.Namespace, out: TextIO) -> int:
    command = args.command
    if command == "reindex":
        service.rebuild_index(_progress)
        out.write("The search index was rebuilt.\n")
        return 0
    if command == "check":
        problems = service.check()
        for problem in problems:
            print(problem, file=sys.stderr)
        terms, jobs = service.counts()
        if not problems:
            out.write(f"OK: database and index are sound ({terms} terms, {jobs} jobs).\n")
        return 1 if problems else 0
    if command == "import":
        missing = [str(f) for f in args.files if not f.is_file()]
        if missing:
            raise ServiceError(f"no such file: {', '.join(missing)}")
        _ensure_index(service)
        report = service.import_files(
            args.files,
            dry_run=args.dry_run,
            progress=_quiet_progress("Importing"),
            withdraw_missing=args.withdraw_missing,
        )
        if args.json:
            _emit(import_json(report), out)
        else:
            out.write(
                f"Accepted {len(report.accepted)}, rejected {len(report.rejected)}; "
                f"stored {report.new} new, {report.updated} updated, {report.unchanged} unchanged"
                f"{' (dry run: nothing stored)' if args.dry_run else ''}.\n"
            )
            for item in report.rejected:
                out.write(f"  rejected {item.source}: {item.reason}\n")
            for posting, kept in report.merged:
                out.write(f"  {posting} repeats {kept}: kept as one listing\n")
            lacking = [c for c in report.checks if c.missing_required or c.expired]
            for check in lacking[:20]:
                notes = [f"lacks {', '.join(check.missing_required)}"] if check.missing_required else []
                notes += ["expired"] if check.expired else []
                out.write(f"  {check.job_id} ({check.source}): {'; '.join(notes)}\n")
            if len(lacking) > 20:
                out.write(f"  … and {len(lacking) - 20} more postings lacking required properties\n")
        return 0
    if command == "data":
        if args.data_command == "export":
            counts = service.export_data(args.file)
            out.write(f"Exported {_counted(counts)} to {args.file}.\n")
        else:
            counts = service.import_data(args.file)
            out.write(f"Merged {_counted(counts)} that were not there yet.\n")
        return 0
    _ensure_index(service)
    if command == "filters":
        if args.filters_command == "add":
            filter_id = service.save_filter(args.name, args.query, Criteria())
            out.write(f"Saved filter {filter_id}: {args.name}\n")
        elif args.filters_command == "open":
            service.open_filter(args.id)
        else:
            rows = service.filters_overview()
            if args.json:
                _emit(
                    [
                        {"id": f.id, "name": f.name, "query": f.query, "total": f.total, "new": f.new}
                        for f in rows
                    ],
                    out,
                )
            for f in [] if args.json else rows:
                out.write(f"  {f.id:>3}  {f.name}  ({f.total} jobs, {f.new} new)  {f.query}\n")
        return 0
    if command == "favourites":
        if args.favourites_command == "add":
            current = {f.job_id: f for f in service.favourites()}.get(args.job_id)
            status = args.status or (current.status if current else "saved")
            service.star(args.job_id, status, args.note)
            out.write(f"Starred {args.job_id} ({status}).\n")
        else:
            favourites = service.favourites()
            if args.json:
                _emit(
                    [
                        {
                            "id": f.id,
                            "job_id": f.job_id,
                            "title": f.title,
                            "status": f.status,
                            "note": f.note,
                            "listed": f.listed,
                        }
                        for f in favourites
                    ],
                    out,
                )
            for fav in [] if args.json else favourites:
                gone = "" if fav.listed else "  [no longer listed]"
                out.write(f"  {fav.status:<12} {fav.title}  ({fav.job_id}){gone}\n")
                if fav.note:
                    out.write(f"               {fav.note}\n")
        return 0
    if command == "glossary":
        added, rejected = service.add_user_entries(args.paths)
        if args.json:
            _emit(
                {
                    "added": list(added),
                    "rejected": [{"source": r.source, "reason": r.reason} for r in rejected],
                },
                out,
            )
        else:
            out.write(
                f"Added {len(added)} entr{'y' if len(added) == 1 else 'ies'}: {', '.join(added) or '—'}\n"
            )
            for item in rejected:
                out.write(f"  rejected {item.source}: {item.reason}\n")
        return 0 if added or not rejected else 1
    if command == "search":
        if args.batch is not None:
            return _batch(service, args, out)
        if args.query is None:
            raise ServiceError(f"give a QUERY, or --batch FILE (try: {PROG} search flask)")
        limit = max(0, args.limit)
        result = service.search(args.query, kind=args.kind, limit=limit, with_facets=args.facets)
        if args.json:
            _emit(search_json(result, args.facets), out)
        else:
            _print_search(result, out, args.facets)
        return 0
    if command == "show":
        detail = service.term(args.id)
        if detail is not None:
            _emit(term_json(detail), out) if args.json else _print_term(detail, out)
            return 0
        job = service.job(args.id)
        if job is None:
            raise ServiceError(f"no term or job has the id '{args.id}' (try: {PROG} search {args.id})")
        data = {"kind": "job", **job_to_json(job)}
        _emit(data, out) if args.json else _print_job(data, out)
        return 0
    if command == "export":
        count = service.export_jobs(args.format, args.file, args.query)
        out.write(f"Exported {count} job{'s' if count != 1 else ''} to {args.file}.\n")
        return 0
    raise ServiceError(f"unknown command {command}")


def _counted(counts: dict[str, int]) -> str:
    return ", ".join(f"{n} {key}" for key, n in counts.items())


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """Parse the command line."""
    return build_parser().parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Run a command given on the command line (no window)."""
    return run(parse_args(argv))
