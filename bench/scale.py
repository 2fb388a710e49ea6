"""Scale curve: import, index build, keystrokes, memory and size at 10,000 and 100,000 jobs, beside FTS5.

``python -m bench.scale [--million] [--sizes N,N,...]`` runs, for each size, the import benchmark
(one JSON-LD file of N postings imported whole by the command line: time and peak memory) and the
search benchmark (index build from the database, index size, keystroke median / p95 / worst and
the median ratio to SQLite FTS5 on the same rows, resident memory with the searcher open), each in
its own process, and prints one Markdown table for ``docs/PERFORMANCE.md``. ``--million`` adds
1,000,000 jobs (a 2.4 GB file; hours on a 2-core machine, several GB of disk, and the search
benchmark's generator holds the postings in memory). Run it on a quiet machine: every figure is
wall-clock time. ``make scale`` runs it (``make scale MILLION=1`` with the million).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "bench" / ".cache"
IMPORT_LINES = {
    "import_s": r"import wall time \(child\)\s+([\d.]+) s",
    "import_peak_mb": r"import peak memory \(ru_maxrss\)\s+([\d.]+) MB",
    "import_tree_mb": r"with the index helpers \(sampled\)\s*([\d.]+) MB",
}


def _run(module: str, *args: str) -> str:
    """Run a benchmark module in its own process; return what it printed (and echo it)."""
    done = subprocess.run(
        [sys.executable, "-m", module, *args], cwd=ROOT, capture_output=True, text=True, check=False
    )
    sys.stdout.write(done.stdout)
    if done.returncode != 0:
        sys.stdout.write(done.stderr[-2000:])
    return done.stdout


def measure(size: int) -> dict[str, float]:
    """Return the figures of one size."""
    out: dict[str, float] = {"jobs": size}
    printed = _run("bench.import_speed", str(size))
    for key, pattern in IMPORT_LINES.items():
        found = re.search(pattern, printed)
        out[key] = float(found.group(1)) if found else float("nan")
    _run("bench.search_speed", str(size))
    figures = json.loads((CACHE / f"search-speed-{size}.json").read_text(encoding="utf-8"))
    keys = figures["keystrokes"]["all but typos"]
    out.update(
        build_s=figures["build_s"],
        fts_build_s=figures["fts_build_s"],
        index_mb=figures["index_mb"],
        fts_mb=figures["fts_mb"],
        resident_mb=figures.get("resident_mb") or float("nan"),
        p95_all=figures["p95_all"],
        **{f"keys_{name}": value for name, value in keys.items()},
    )
    return out


def table(rows: list[dict[str, float]]) -> str:
    """Return the figures as one Markdown table, a column per size."""
    lines = [
        ("jobs", "jobs", "{:,.0f}"),
        ("import, one JSON-LD file (s)", "import_s", "{:.1f}"),
        ("import peak memory, its process (MB)", "import_peak_mb", "{:.0f}"),
        ("import peak memory, with index helpers (MB)", "import_tree_mb", "{:.0f}"),
        ("index build from the database (s)", "build_s", "{:.1f}"),
        ("FTS5 build (s)", "fts_build_s", "{:.1f}"),
        ("index size (MB)", "index_mb", "{:.1f}"),
        ("FTS5 size (MB)", "fts_mb", "{:.1f}"),
        ("keystroke median (ms)", "keys_median", "{:.1f}"),
        ("keystroke p95, typos aside (ms)", "keys_p95", "{:.1f}"),
        ("keystroke p95, every keystroke (ms)", "p95_all", "{:.1f}"),
        ("keystroke worst (ms)", "keys_worst", "{:.1f}"),
        ("FTS5 keystroke median (ms)", "keys_fts_median", "{:.2f}"),
        ("median ratio to FTS5", "keys_ratio", "{:.2f}×"),
        ("keystrokes over 3× FTS5 (FTS5 ≥ 5 ms)", "keys_over", "{:.0f}"),
        ("resident memory, searcher open (MB)", "resident_mb", "{:.0f}"),
    ]
    head = "| | " + " | ".join(f"{row['jobs']:,.0f}" for row in rows) + " |"
    rule = "| --- |" + " ---: |" * len(rows)
    body = []
    for label, key, fmt in lines[1:]:
        cells = [fmt.format(row[key]) if key in row and row[key] == row[key] else "–" for row in rows]
        body.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join([head, rule, *body])


def main() -> int:
    """Measure each size and print the table."""
    argv = sys.argv[1:]
    sizes = [10_000, 100_000]
    if "--sizes" in argv:
        sizes = [int(n) for n in argv[argv.index("--sizes") + 1].split(",")]
    if "--million" in argv:
        sizes.append(1_000_000)
    rows = [measure(size) for size in sizes]
    print(f"\nScale curve (load average {os.getloadavg()[0]:.1f} at the end)\n")
    print(table(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
