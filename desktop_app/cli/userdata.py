"""``filters``, ``favourites``, ``hide``, ``history`` and ``data``: the reader's own data, and backups."""

from __future__ import annotations

import argparse
from pathlib import Path

from desktop_app.cli.console import PROG, counted, plural
from desktop_app.cli.context import Context
from desktop_app.cli.shapes import favourites_json, filters_json, hide_rules_json, history_json
from desktop_app.core.criteria import Criteria
from desktop_app.service import ServiceError, newest_good_backup, restore_backup


def filters_list(ctx: Context, args: argparse.Namespace) -> int:
    """Run ``filters list``: each saved filter with its total and new counts."""
    rows = ctx.service.user.filters_overview()
    if args.json:
        ctx.console.json(filters_json(rows))
        return 0
    for f in rows:
        ctx.console.line(f"  {f.id:>3}  {f.name}  ({plural(f.total, 'job')}, {f.new} new)  {f.query}")
    return 0


def filters_add(ctx: Context, args: argparse.Namespace) -> int:
    """Run ``filters add``: save a query under a name."""
    filter_id = ctx.service.user.save_filter(args.name, args.query, Criteria())
    ctx.console.line(f"Saved filter {filter_id}: {args.name}")
    return 0


def filters_open(ctx: Context, args: argparse.Namespace) -> int:
    """Run ``filters open``: mark a filter as looked at, so its new count starts again."""
    ctx.service.user.open_filter(args.id)
    return 0


def favourites_list(ctx: Context, args: argparse.Namespace) -> int:
    """Run ``favourites list``: starred jobs, their status and note."""
    favourites = ctx.service.user.favourites()
    if args.json:
        ctx.console.json(favourites_json(favourites))
        return 0
    for fav in favourites:
        gone = "" if fav.listed else "  [no longer listed]"
        ctx.console.line(f"  {fav.status.title():<12} {fav.title}  ({fav.job_id}){gone}")
        if fav.note:
            ctx.console.line(f"               {fav.note}")
    return 0


def favourites_add(ctx: Context, args: argparse.Namespace) -> int:
    """Run ``favourites add``: star a job, or change its status or note (a status kept if not given)."""
    current = ctx.service.user.favourite(args.job_id)
    status = args.status or (current.status if current else "saved")
    ctx.service.user.star(args.job_id, status, args.note)
    ctx.console.line(f"Starred {args.job_id} ({status.title()}).")
    return 0


def favourites_next(ctx: Context, args: argparse.Namespace) -> int:
    """Run ``favourites next``: set (or, with --clear, remove) a favourite's next action."""
    if args.clear:
        cleared = ctx.service.pipeline.clear_next_action(args.job_id)
        ctx.console.line(f"Cleared the next action of {args.job_id}." if cleared else "It had none.")
        return 0
    if not args.text:
        raise ServiceError("say what the next action is (TEXT), or use --clear")
    ctx.service.pipeline.set_next_action(args.job_id, args.text, args.due)
    when = f" on {args.due.isoformat()}" if args.due else ""
    ctx.console.line(f"Next for {args.job_id}: {' '.join(args.text.split())}{when}.")
    return 0


def favourites_export(ctx: Context, args: argparse.Namespace) -> int:
    """Run ``favourites export``: the pipeline as CSV, the dated next actions as .ics."""
    if args.csv is None and args.ics is None:
        raise ServiceError("say where to write: --csv FILE, --ics FILE or both")
    if args.csv is not None:
        rows = ctx.service.pipeline.export_csv(args.csv)
        ctx.console.line(f"Wrote {rows} favourite{'s' if rows != 1 else ''} to {args.csv}.")
    if args.ics is not None:
        events = ctx.service.pipeline.export_ics(args.ics)
        ctx.console.line(f"Wrote {events} dated next action{'s' if events != 1 else ''} to {args.ics}.")
    return 0


def hide_list(ctx: Context, args: argparse.Namespace) -> int:
    """Run ``hide list``: the rules that keep jobs out of searches."""
    rules = ctx.service.user.hide_rules()
    if args.json:
        ctx.console.json(hide_rules_json(rules))
        return 0
    for rule_id, kind, value in rules:
        ctx.console.line(f"  {rule_id:>3}  {kind:<8} {value}")
    return 0


def hide_add(ctx: Context, args: argparse.Namespace) -> int:
    """Run ``hide add``: hide a job (by id), a company, or titles with a word."""
    rule_id = ctx.service.user.hide(args.kind, args.value)
    ctx.console.line(f"Hiding {args.kind} '{args.value.strip()}' (rule {rule_id}).")
    return 0


def hide_remove(ctx: Context, args: argparse.Namespace) -> int:
    """Run ``hide remove``: jobs the rule hid come back."""
    if not ctx.service.user.unhide(args.id):
        raise ServiceError(f"no hide rule has the id {args.id} (see: {PROG} hide list)")
    ctx.console.line(f"Removed hide rule {args.id}.")
    return 0


def history_list(ctx: Context, args: argparse.Namespace) -> int:
    """Run ``history list``: terms and jobs opened most recently, newest first."""
    links = ctx.service.user.recent(max(0, args.limit))
    if args.json:
        ctx.console.json(history_json(links))
        return 0
    for link in links:
        kind, _, item_id = link.id.partition(":")
        ctx.console.line(f"  [{kind}] {link.title}  ({item_id})")
    return 0


def history_clear(ctx: Context, args: argparse.Namespace) -> int:
    """Run ``history clear``: forget what was opened."""
    count = ctx.service.user.clear_history()
    ctx.console.line(f"Forgot {count} item{'s' if count != 1 else ''} of history.")
    return 0


def data_export(ctx: Context, args: argparse.Namespace) -> int:
    """Run ``data export``: filters, favourites and history into one JSON file."""
    counts = ctx.service.user.export_data(args.file)
    ctx.console.line(f"Exported {counted(counts)} to {args.file}.")
    return 0


def data_import(ctx: Context, args: argparse.Namespace) -> int:
    """Run ``data import``: merge a data file; nothing changes when it is bad."""
    counts = ctx.service.user.import_data(args.file)
    ctx.console.line(f"Merged {counted(counts)} that were not there yet.")
    return 0


def restore(ctx: Context, args: argparse.Namespace) -> int:
    """Run ``data restore-backup``: it works on a profile too damaged to open, so it opens none."""
    chosen = args.file or newest_good_backup(ctx.paths)
    if chosen is None or not Path(chosen).is_file():
        raise ServiceError(f"no good backup was found in {ctx.paths.backups_dir}")
    aside = restore_backup(ctx.paths, Path(chosen))
    ctx.console.line(f"Restored {chosen}; the previous database file is kept as {aside}.")
    return 0
