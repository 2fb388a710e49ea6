"""The long kill loop of ``make stress``: hundreds of kills, then the figures in a table.

``python -m tests.reliability.stress`` reads KILL_LOOPS (total kills, default 300, shared by the
kinds of writer KILL_MODES names: edits,import,reindex) and KILL_SEED; it exits non-zero when
anything was lost.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from desktop_app.paths import app_paths
from desktop_app.service import Service
from tests.reliability.harness import Figures, kill_loop

MODES = ("edits", "import", "reindex")


def main() -> int:
    """Run the loops; print kills, survivals, confirmed writes and losses; return 0 when none lost."""
    total = int(os.environ.get("KILL_LOOPS", "300"))
    modes = [m for m in os.environ.get("KILL_MODES", ",".join(MODES)).split(",") if m in MODES]
    seed = int(os.environ.get("KILL_SEED", "9"))
    results: list[tuple[Figures, float]] = []
    with tempfile.TemporaryDirectory(prefix="kill-loop-") as scratch:
        template = Path(scratch) / "template"
        service = Service(app_paths(template))
        service.open()
        service.indexing.ensure()
        service.close()
        for number, mode in enumerate(modes):
            kills = total // len(modes) + (1 if number < total % len(modes) else 0)
            root = Path(scratch) / mode / "profile"
            shutil.copytree(template, root)
            started = time.monotonic()
            figures = kill_loop(mode, root, kills, seed)
            results.append((figures, time.monotonic() - started))
            print(f"{mode}: {figures.kills} kills done", file=sys.stderr, flush=True)
    columns = ("writer", "kills", "survived", "killed in start-up", "writes confirmed",
               "index rebuilt after", "helpers outlived the kill", "items lost", "seconds")  # fmt: skip
    print("| " + " | ".join(columns) + " |")
    print("| --- |" + " ---: |" * (len(columns) - 1))
    for figures, seconds in results:
        print(
            f"| {figures.mode} | {figures.kills} | {figures.survived} | {figures.early_kills} "
            f"| {figures.writes_confirmed} | {figures.index_rebuilt} | {figures.helpers_outlived} "
            f"| {len(figures.lost)} | {seconds:.0f} |"
        )
    kills = sum(f.kills for f, _ in results)
    survived = sum(f.survived for f, _ in results)
    lost = [item for f, _ in results for item in f.lost]
    left = [item for f, _ in results for item in f.leftovers]
    print(f"\nKills: {kills}; survived: {survived}; items lost: {len(lost)}; folders left: {len(left)}")
    for item in lost + left:
        print(f"  {item}")
    return 1 if lost or left or survived != kills else 0


if __name__ == "__main__":
    raise SystemExit(main())
