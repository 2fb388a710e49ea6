"""What a command handler is given: the console, the profile's paths and its opened service."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass

from desktop_app.cli.console import Console
from desktop_app.paths import AppPaths
from desktop_app.service import Service, ServiceError

# Why ``ensure_index`` rebuilt the index, in the words a person reads.
INDEX_REASONS = {
    "missing": "missing",
    "corrupt": "damaged",
    "outdated": "built by another version",
    "stale": "behind the database",
}


@dataclass(slots=True)
class Context:
    """One command's surroundings; ``service`` is None for commands that must not open the profile."""

    console: Console
    paths: AppPaths
    opened: Service | None = None
    new_profile: bool = False

    @property
    def service(self) -> Service:
        """Return the opened service; raises ServiceError when this command runs without one."""
        if self.opened is None:
            raise ServiceError("the profile is not open")
        return self.opened

    def ensure_index(self) -> None:
        """Build the index when it needs it, and say so in one line on standard error."""
        progress = self.console.progress("Building the search index")
        state = self.service.indexing.ensure(progress)
        if state == "ok":
            return
        if state == "missing" and self.new_profile:
            self.console.note(f"first start: built the search index ({progress.total} items).")
        elif state == "stale":  # caught up in place: only what it lacked was written
            self.console.note(
                f"the search index was behind the database: brought it up to date ({progress.total} items)."
            )
        else:
            self.console.note(f"the search index was {INDEX_REASONS.get(state, state)}: rebuilt it.")


Handler = Callable[[Context, argparse.Namespace], int]
"""A command: it reads its arguments, does its work and returns the exit status."""

Preflight = Callable[[argparse.Namespace], None]
"""A check of a command's arguments before the profile opens; raises ServiceError to refuse."""
