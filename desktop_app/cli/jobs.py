"""``import`` and ``export``: job files in, job files out."""

from __future__ import annotations

import argparse

from desktop_app.cli.console import Console
from desktop_app.cli.context import Context
from desktop_app.cli.shapes import import_json
from desktop_app.service import ImportReport, ServiceError

# Postings listed one by one as lacking required properties; the rest are counted.
LACKING_SHOWN = 20


def files_exist(args: argparse.Namespace) -> None:
    """Refuse an import of files that are not there, before the profile opens or the index builds."""
    missing = [str(f) for f in args.files if not f.is_file()]
    if missing:
        raise ServiceError(f"no such file: {', '.join(missing)}")


def import_files(ctx: Context, args: argparse.Namespace) -> int:
    """Run ``import``: read the files, store what they hold (unless ``--dry-run``), report."""
    report = ctx.service.jobs.import_files(
        args.files,
        dry_run=args.dry_run,
        progress=ctx.console.progress("Importing (KiB read)"),
        withdraw_missing=args.withdraw_missing,
    )
    if args.json:
        ctx.console.json(import_json(report))
    else:
        _print_report(report, ctx.console, args.dry_run)
    return 0


def export_jobs(ctx: Context, args: argparse.Namespace) -> int:
    """Run ``export``: write every job, or those ``--query`` matches, as JSON-LD or CSV."""
    count = ctx.service.jobs.export_jobs(args.format, args.file, args.query)
    ctx.console.line(f"Exported {count} job{'s' if count != 1 else ''} to {args.file}.")
    return 0


def merged_lines(report: ImportReport) -> list[str]:
    """Return one line per posting merged into another listing: what, from where, into what."""
    names = {m.posting_id: m for m in report.merged_names}
    lines = []
    for posting, kept in report.merged:
        named = names.get(posting)
        if named is None:
            lines.append(f"merged {posting} into {kept}: one listing")
            continue
        company = f" at {named.company}" if named.company else ""
        lines.append(
            f'merged "{named.title}"{company} ({named.source}) into "{named.kept_title}" {kept}: '
            "the same job seen again, one listing"
        )
    return lines


def _print_report(report: ImportReport, console: Console, dry_run: bool) -> None:
    if report.note:
        console.line(report.note)
    console.line(
        f"Accepted {report.taken}, rejected {report.refused}; "
        f"stored {report.new} new, {report.updated} updated, {report.unchanged} unchanged"
        f"{' (dry run: nothing stored)' if dry_run else ''}."
    )
    for item in report.rejected:
        console.line(f"  rejected {item.source}: {item.reason}")
    if report.refused > len(report.rejected):
        console.line(f"  … and {report.refused - len(report.rejected)} more rejected")
    for line in merged_lines(report):
        console.line(f"  {line}")
    titles: dict[str, str] = {job.id: job.title for job in report.accepted}
    lacking = [c for c in report.checks if c.missing_required or c.expired]
    for check in lacking[:LACKING_SHOWN]:
        notes = [f"lacks {', '.join(check.missing_required)}"] if check.missing_required else []
        notes += ["expired"] if check.expired else []
        title = f'"{titles[check.job_id]}" ' if check.job_id in titles else ""
        console.line(f"  {title}{check.job_id} ({check.source}): {'; '.join(notes)}")
    more = max(report.lacking, len(lacking)) - min(len(lacking), LACKING_SHOWN)
    if more > 0:
        console.line(f"  … and {more} more postings lacking required properties")
