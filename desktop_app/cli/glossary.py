"""``glossary add``: the reader's own glossary entries."""

from __future__ import annotations

import argparse

from desktop_app.cli.context import Context
from desktop_app.cli.shapes import glossary_add_json


def add_entries(ctx: Context, args: argparse.Namespace) -> int:
    """Run ``glossary add``; exit 1 when every file given was rejected."""
    added, rejected = ctx.service.glossary.add_user_entries(args.paths)
    if args.json:
        ctx.console.json(glossary_add_json(added, rejected))
    else:
        noun = "entry" if len(added) == 1 else "entries"
        ctx.console.line(f"Added {len(added)} {noun}: {', '.join(added) or '—'}")
        for item in rejected:
            ctx.console.line(f"  rejected {item.source}: {item.reason}")
    return 0 if added or not rejected else 1
