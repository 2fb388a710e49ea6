"""``reindex`` and ``check``: rebuild the derived index, verify the database and the index."""

from __future__ import annotations

import argparse

from desktop_app.cli.context import Context


def reindex(ctx: Context, args: argparse.Namespace) -> int:
    """Run ``reindex``: rebuild the whole index from the database."""
    progress = ctx.console.progress("Building the search index")
    ctx.service.indexing.rebuild(progress)
    ctx.console.line(f"The search index was rebuilt ({progress.total} items).")
    return 0


def check(ctx: Context, args: argparse.Namespace) -> int:
    """Run ``check``: each fault one line on standard error, exit 1 when there is one."""
    problems = ctx.service.check()
    for problem in problems:
        ctx.console.say(problem)
    if problems:
        return 1
    terms, jobs = ctx.service.profile.counts()
    ctx.console.line(f"OK: database and index are sound ({terms} terms, {jobs} jobs).")
    return 0
