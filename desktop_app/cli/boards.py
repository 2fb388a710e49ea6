"""``boards add|list|fetch|remove``: follow company boards and fetch them on request."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from desktop_app.cli.console import plural
from desktop_app.cli.context import Context, Handler
from desktop_app.service.boards import BoardFetch

Command = Callable[..., argparse.ArgumentParser]


def add_commands(commands: Any, as_json: argparse.ArgumentParser, command: Command) -> None:
    """Add the ``boards`` group to the command tree."""
    group = commands.add_parser(
        "boards",
        help="follow company boards (Greenhouse, Lever, Ashby, SmartRecruiters, Workable) and fetch them",
        description="Follow company job boards and fetch them when you ask: nothing is fetched otherwise.",
    )
    sub = group.add_subparsers(dest="boards_command", metavar="ACTION", required=True)

    def action(name: str, text: str, handler: Handler, with_json: bool = True) -> argparse.ArgumentParser:
        # A fetch writes jobs and so updates the index; the others never touch it.
        return command(
            sub, name, text, handler, needs_index=name == "fetch", json=as_json if with_json else None
        )

    add = action("add", "follow a board: a careers URL or vendor:name", add_board)
    add.add_argument(
        "source", metavar="SOURCE", help="e.g. https://boards.greenhouse.io/airbnb, lever:spotify"
    )
    action("list", "list the followed boards with their jobs and last fetch", list_boards)
    fetch = action("fetch", "fetch boards now (all when none is named)", fetch_boards)
    fetch.add_argument("boards", nargs="*", metavar="BOARD", help="a followed board, e.g. greenhouse:airbnb")
    remove = action("remove", "stop following a board (its jobs stay)", remove_board, with_json=False)
    remove.add_argument("board", metavar="BOARD")


def add_board(ctx: Context, args: argparse.Namespace) -> int:
    """Run ``boards add``: exit 1 with one line when the text names no known board."""
    ref = ctx.service.boards.add(args.source)
    if args.json:
        ctx.console.json({"board": ref.key, "url": ref.url})
    else:
        ctx.console.line(f"Following {ref.key} ({ref.url}); boards fetch {ref.key} fetches it.")
    return 0


def list_boards(ctx: Context, args: argparse.Namespace) -> int:
    """Run ``boards list``."""
    boards = ctx.service.boards.boards()
    if args.json:
        ctx.console.json([
            {
                "board": b.key, "url": b.url, "jobs": b.jobs,
                "last_fetched": b.last_fetched.isoformat(timespec="seconds") if b.last_fetched else None,
                "last_error": b.last_error,
            }
            for b in boards
        ])  # fmt: skip
        return 0
    if not boards:
        ctx.console.line("No boards followed yet: boards add URL follows one.")
    for b in boards:
        when = f"fetched {b.last_fetched:%Y-%m-%d %H:%M}" if b.last_fetched else "never fetched"
        error = f" — last fetch failed: {b.last_error}" if b.last_error else ""
        ctx.console.line(f"{b.key}  {plural(b.jobs, 'job')}, {when}{error}")
    return 0


def fetch_boards(ctx: Context, args: argparse.Namespace) -> int:
    """Run ``boards fetch``: exit 0 when every board was fetched, else 1 with a line per failure."""
    results = ctx.service.boards.fetch(args.boards)
    for failed in (r for r in results if not r.ok):
        ctx.console.error(f"{failed.board}: {failed.error}")
    if args.json:
        ctx.console.json({"boards": [_fetch_json(r) for r in results]})
    else:
        for result in results:
            if result.ok:
                ctx.console.line(result.summary())
        if not results:
            ctx.console.line("No boards followed yet: boards add URL follows one.")
    return 0 if all(r.ok for r in results) else 1


def remove_board(ctx: Context, args: argparse.Namespace) -> int:
    """Run ``boards remove``: its jobs stay searchable."""
    ctx.service.boards.remove(args.board)
    ctx.console.line(f"No longer following {args.board}; its jobs stay on the board until you remove them.")
    return 0


def _fetch_json(result: BoardFetch) -> dict[str, Any]:
    return {
        "board": result.board, "ok": result.ok, "new": result.new, "updated": result.updated,
        "unchanged": result.unchanged, "closed": result.closed, "error": result.error,
    }  # fmt: skip
