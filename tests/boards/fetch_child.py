"""The process the board kill test kills: it fetches one board again and again until killed.

``python -m tests.boards.fetch_child PROFILE`` with $GLOSSARY_JOBS_BOARD_API set. Prints
``ready`` once the profile is open, then ``fetched`` after each fetch was stored.
"""

from __future__ import annotations

import sys
from pathlib import Path

from desktop_app.paths import app_paths
from desktop_app.service import Service


def main(argv: list[str]) -> int:
    """Fetch the profile's boards until killed."""
    service = Service(app_paths(Path(argv[0])))
    service.open()
    service.indexing.ensure()
    print("ready", flush=True)
    while True:
        results = service.boards.fetch()
        print("fetched" if all(r.ok for r in results) else f"failed {results}", flush=True)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
