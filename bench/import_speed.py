"""Import benchmark: N generated JobPosting records imported, stored and indexed, in a fresh process.

``python -m bench.import_speed [N]`` (default 10,000). Reports records per second for the whole
command (read, normalise, sanitise, store, index) and checks the jobs are searchable after.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.generate import write

ROOT = Path(__file__).resolve().parent.parent


def _cli(profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "desktop_app", "--data-dir", str(profile), *args],
        capture_output=True, text=True, cwd=ROOT, timeout=900, check=True,
    )  # fmt: skip


def main() -> int:
    """Print the figures; return 0 when the imported jobs are searchable."""
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        source = write(count, folder / "jobs.jsonld")
        megabytes = source.stat().st_size / 1e6
        profile = folder / "profile"
        _cli(profile, "reindex")  # first start: glossary, samples and index, not timed
        started = time.perf_counter()
        report = json.loads(_cli(profile, "import", str(source), "--json").stdout)
        elapsed = time.perf_counter() - started
        found = json.loads(_cli(profile, "search", "kubernetes", "--kind", "job", "--json").stdout)["total"]
    stored = report["stored"]["new"]
    print(
        f"Import of {count:,} generated JobPosting records, {megabytes:.1f} MB (whole command, fresh process)"
    )
    print(f"  stored new                {stored:>10,}")
    print(f"  elapsed                   {elapsed:>10.2f} s")
    print(f"  records per second        {count / elapsed:>10,.0f}")
    print(f"  'kubernetes' job matches  {found:>10,}")
    return 0 if stored == count and found > 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
