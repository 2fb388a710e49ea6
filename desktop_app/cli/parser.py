"""The argument tree: every command, its options, and the handler it runs (``set_defaults``)."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from desktop_app import __version__
from desktop_app.cli import boards, glossary, jobs, lookup, maintenance, skills, userdata
from desktop_app.cli.console import PROG
from desktop_app.cli.context import Handler, Preflight
from desktop_app.paths import ENV_HOME
from desktop_app.service import HIDE_KINDS, STATUSES

IMPORT_FORMATS = """formats (detected from the content, not only the extension):
  JSON-LD (.json, .jsonld)  schema.org JobPosting: one object, an array, @graph, an ItemList or a
                            page's mainEntity; comments and trailing commas are forgiven
  HTML (.html, .htm)        pages with application/ld+json JobPosting blocks
  CSV, TSV (.csv, .tsv)     a header row; columns matched by name: title, company, location (or
                            city/state/country), salary (or min/max/currency/period), employment
                            type, team, date posted, valid through, url, description, id, and
                            remote / workplace / location type
  board JSON                the public job-board feeds of Greenhouse, Lever, Ashby,
                            SmartRecruiters and Workable (saved from their APIs; to fetch a
                            board, use: boards add URL, then boards fetch)
"""


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
    # No command: no handler, and the entry point opens the window.
    parser.set_defaults(handler=None, needs_index=False, opens_profile=True, preflight=None, json=False)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    as_json = argparse.ArgumentParser(add_help=False)
    as_json.add_argument("--json", action="store_true", help="print JSON (shapes: docs/CLI.md)")
    _lookup(commands, as_json)
    _jobs(commands, as_json)
    _glossary(commands, as_json)
    _userdata(commands, as_json)
    boards.add_commands(commands, as_json, command)
    skills.add_commands(commands, as_json, command)
    _maintenance(commands)
    return parser


def command(
    group: Any,
    name: str,
    help_text: str,
    handler: Handler,
    *,
    needs_index: bool,
    json: argparse.ArgumentParser | None = None,
    opens_profile: bool = True,
    preflight: Preflight | None = None,
) -> argparse.ArgumentParser:
    """Add a command to ``group`` (a subparsers action) and declare what it runs and needs."""
    parser: argparse.ArgumentParser = group.add_parser(
        name,
        help=help_text,
        description=help_text[:1].upper() + help_text[1:] + ".",
        parents=[json] if json else [],
    )
    parser.set_defaults(
        handler=handler, needs_index=needs_index, opens_profile=opens_profile, preflight=preflight
    )
    return parser


def choice(value: str) -> str:
    """Return a choice as the program spells it (lower case): ``Applied`` is ``applied``."""
    return value.strip().lower()


def day(value: str) -> date:
    """Return a YYYY-MM-DD date; raise ArgumentTypeError (a usage error) for anything else."""
    try:
        return date.fromisoformat(value.strip())
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"'{value}' is not a date (YYYY-MM-DD)") from exc


def _lookup(commands: Any, as_json: argparse.ArgumentParser) -> None:
    search = command(
        commands, "search", "search terms and jobs", lookup.search, needs_index=True, json=as_json
    )
    search.add_argument("query", metavar="QUERY", nargs="?", default=None)
    search.add_argument("--kind", type=choice, choices=("all", "term", "job"), default="all")
    search.add_argument("--limit", type=int, default=20, metavar="N")
    search.add_argument(
        "--facets", action="store_true", help="add job counts per type, location, team, salary band, age"
    )
    search.add_argument(
        "--batch",
        metavar="FILE",
        help="read one query per line from FILE (- for standard input); print one JSON line each, "
        "with elapsed_ms",
    )
    show = command(
        commands, "show", "show a term or a job by its id", lookup.show, needs_index=True, json=as_json
    )
    show.add_argument("id", metavar="ID")


def _jobs(commands: Any, as_json: argparse.ArgumentParser) -> None:
    imp = command(
        commands,
        "import",
        "import job files (JSON-LD, HTML with JSON-LD, CSV, job-board JSON feeds)",
        jobs.import_files,
        needs_index=True,
        json=as_json,
        preflight=jobs.files_exist,
    )
    imp.epilog = IMPORT_FORMATS
    imp.formatter_class = argparse.RawDescriptionHelpFormatter
    imp.add_argument("files", nargs="+", metavar="FILE", type=Path)
    imp.add_argument("--dry-run", action="store_true", help="read and report, store nothing")
    imp.add_argument(
        "--withdraw-missing",
        action="store_true",
        help="take each file as its whole feed: remove listings it held before and no longer does",
    )
    exp = command(commands, "export", "export jobs as JSON-LD or CSV", jobs.export_jobs, needs_index=True)
    exp.add_argument("file", metavar="FILE", type=Path)
    exp.add_argument("--format", type=choice, choices=("jsonld", "csv"), required=True)
    exp.add_argument("--query", help="export only the jobs this query matches")


def _glossary(commands: Any, as_json: argparse.ArgumentParser) -> None:
    group = commands.add_parser("glossary", help="manage your own glossary entries")
    actions = group.add_subparsers(dest="glossary_command", metavar="ACTION", required=True)
    add = command(
        actions,
        "add",
        "add entry files (or folders of them) as your own",
        glossary.add_entries,
        needs_index=True,
        json=as_json,
    )
    add.add_argument("paths", nargs="+", metavar="PATH", type=Path)


def _userdata(commands: Any, as_json: argparse.ArgumentParser) -> None:
    group = commands.add_parser("filters", help="saved job filters")
    actions = group.add_subparsers(dest="filters_command", metavar="ACTION", required=True)
    help_list = "list saved filters with their total and new counts"
    command(actions, "list", help_list, userdata.filters_list, needs_index=True, json=as_json)
    add = command(
        actions, "add", "save a filter: a name and a query", userdata.filters_add, needs_index=False
    )
    add.add_argument("name", metavar="NAME")
    add.add_argument("query", metavar="QUERY")
    help_open = "mark a filter as looked at (its new count restarts)"
    opened = command(actions, "open", help_open, userdata.filters_open, needs_index=False)
    opened.add_argument("id", metavar="ID", type=int)

    group = commands.add_parser("favourites", help="starred jobs and their status")
    actions = group.add_subparsers(dest="favourites_command", metavar="ACTION", required=True)
    command(actions, "list", "list favourites", userdata.favourites_list, needs_index=False, json=as_json)
    help_add = "star a job, or change its status or note"
    add = command(actions, "add", help_add, userdata.favourites_add, needs_index=False)
    add.add_argument("job_id", metavar="JOB_ID")
    add.add_argument(
        "--status",
        type=choice,
        choices=STATUSES,
        default=None,
        help=f"one of {', '.join(STATUSES)}, in any case (default: kept, or saved)",
    )
    add.add_argument("--note", default=None)
    help_next = 'give a favourite its next action ("Follow up", "Interview") and its day'
    later = command(actions, "next", help_next, userdata.favourites_next, needs_index=False)
    later.add_argument("job_id", metavar="JOB_ID")
    later.add_argument("text", metavar="TEXT", nargs="?", default=None)
    later.add_argument("--due", type=day, default=None, metavar="YYYY-MM-DD")
    later.add_argument("--clear", action="store_true", help="remove the next action")
    help_export = "write the pipeline as CSV and/or the dated next actions as an iCalendar file"
    out = command(actions, "export", help_export, userdata.favourites_export, needs_index=False)
    out.add_argument("--csv", type=Path, default=None, metavar="FILE")
    out.add_argument("--ics", type=Path, default=None, metavar="FILE")

    group = commands.add_parser("hide", help="keep jobs, companies or title words out of searches")
    actions = group.add_subparsers(dest="hide_command", metavar="ACTION", required=True)
    command(actions, "list", "list the hide rules", userdata.hide_list, needs_index=False, json=as_json)
    help_hide = "hide a job (by its id), a company, or titles with a word"
    add = command(actions, "add", help_hide, userdata.hide_add, needs_index=False)
    add.add_argument("kind", metavar="KIND", type=choice, choices=HIDE_KINDS, help=", ".join(HIDE_KINDS))
    add.add_argument("value", metavar="VALUE")
    remove = command(actions, "remove", "remove a hide rule", userdata.hide_remove, needs_index=False)
    remove.add_argument("id", metavar="ID", type=int)

    group = commands.add_parser("history", help="the terms and jobs you opened")
    actions = group.add_subparsers(dest="history_command", metavar="ACTION", required=True)
    help_recent = "list what was opened most recently, newest first"
    recent = command(actions, "list", help_recent, userdata.history_list, needs_index=False, json=as_json)
    recent.add_argument("--limit", type=int, default=20, metavar="N")
    command(actions, "clear", "forget the history", userdata.history_clear, needs_index=False)

    group = commands.add_parser("data", help="export or merge your own data (filters, favourites, history)")
    actions = group.add_subparsers(dest="data_command", metavar="ACTION", required=True)
    exp = command(
        actions, "export", "write your data to one JSON file", userdata.data_export, needs_index=False
    )
    exp.add_argument("file", metavar="FILE", type=Path)
    help_import = "merge a data file (nothing changes when it is bad)"
    imp = command(actions, "import", help_import, userdata.data_import, needs_index=False)
    imp.add_argument("file", metavar="FILE", type=Path)
    restore = command(
        actions,
        "restore-backup",
        "put a backup (default: the newest good one) in place of the database",
        userdata.restore,
        needs_index=False,
        opens_profile=False,  # it must work on a profile too damaged to open
    )
    restore.add_argument("file", metavar="FILE", type=Path, nargs="?")


def _maintenance(commands: Any) -> None:
    help_reindex = "rebuild the search index from the database"
    command(commands, "reindex", help_reindex, maintenance.reindex, needs_index=False)
    help_check = "verify the database and the index; non-zero exit on a fault"
    command(commands, "check", help_check, maintenance.check, needs_index=False)


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """Parse the command line (``sys.argv`` when ``argv`` is None); exits 2 on a usage error."""
    return build_parser().parse_args(None if argv is None else list(argv))
