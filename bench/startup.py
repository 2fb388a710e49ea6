"""Start-up benchmark: window shown and ready (first start and warm), and a CLI answer.

Run with ``make bench``. Each figure is the median of several runs in fresh processes.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = 5


def _window(profile: Path) -> tuple[float, float]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "GLOSSARY_JOBS_TIMING": "1"}
    started = time.time()
    out = subprocess.run(
        [sys.executable, "-m", "desktop_app", "--data-dir", str(profile)],
        capture_output=True, text=True, env=env, cwd=ROOT, timeout=300, check=True,
    ).stdout  # fmt: skip
    stamps = dict(line.split() for line in out.splitlines() if line.startswith(("shown", "ready")))
    return float(stamps["shown"]) - started, float(stamps["ready"]) - started


def _cli(profile: Path) -> float:
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "desktop_app", "--data-dir", str(profile), "search", "flask", "--json"],
        capture_output=True, cwd=ROOT, timeout=120, check=True,
    )  # fmt: skip
    return time.perf_counter() - started


def main() -> int:
    """Print the figures as a small table; return 0."""
    first_shown, first_ready = [], []
    for _ in range(RUNS):
        with tempfile.TemporaryDirectory() as tmp:
            shown, ready = _window(Path(tmp) / "profile")
            first_shown.append(shown)
            first_ready.append(ready)
    with tempfile.TemporaryDirectory() as tmp:
        profile = Path(tmp) / "profile"
        _window(profile)
        warm = [_window(profile) for _ in range(RUNS)]
        cli = [_cli(profile) for _ in range(RUNS)]
    rows = [
        ("first start: window shown", statistics.median(first_shown)),
        ("first start: ready (glossary loaded, index built)", statistics.median(first_ready)),
        ("warm start: window shown", statistics.median(s for s, _ in warm)),
        ("warm start: ready to search", statistics.median(r for _, r in warm)),
        ("CLI: search flask --json (whole process)", statistics.median(cli)),
    ]
    print(f"Start-up, median of {RUNS} runs (seconds, from process launch)")
    for label, value in rows:
        print(f"  {label:<52} {value:6.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
