"""Import benchmark: one generated JSON-LD file of N postings imported whole through the command line.

``python -m bench.import_speed [N]`` (default 10,000); ``--million`` is N = 1,000,000 (a file of
about 2.4 GB and an hour or more: run it on a quiet machine with the disk space). The file is
written posting by posting (bench.generate) in this process; the import runs as a child process
(``glossary-jobs import FILE``: read, normalise, sanitise, store, index, in batches), so its wall
time and peak memory (the child's ru_maxrss) are the import's alone. ``--garbage`` also times the
refusal of a 2 GB file of garbage. Goals: 100,000 postings in <= 120 s with peak <= 600 MB, 10,000
in <= 12 s. ``--tagging`` measures what deriving each job's skills adds: the same file imported
into fresh profiles, without and with it, ``--runs`` times (default 5), the first of each pair
alternately without and with; the goal (<= 15%) is judged on the median pair, as the machine's
speed moves between runs by more than that.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from bench.generate import write

ROOT = Path(__file__).resolve().parent.parent
GOALS = {10_000: (12.0, None), 100_000: (120.0, 600.0)}  # seconds, peak MB


# Runs the command line and says, as it ends, the peak memory of its process (KB) and the CPU time
# it used (s): on a machine shared with other work, CPU time is the steadier figure. The index
# writer's helper processes (two, for batches of 2,000 or more) are not counted.
_MEASURED = """
import os, resource, runpy, sys
if os.environ.get("BENCH_NO_TAGGING"):  # the import without deriving skills, for comparison
    from desktop_app.service.skills import SkillsPart
    from desktop_app.storage.skills import Reskilled
    SkillsPart.derive = lambda self: []
    SkillsPart.start_derive = lambda self, stored: lambda: Reskilled()
    SkillsPart.prepare_derive = lambda self: None
    SkillsPart.foresee = lambda self, jobs: None
sys.argv = ["glossary-jobs", *sys.argv[1:]]
try:
    runpy.run_module("desktop_app", run_name="__main__", alter_sys=True)
finally:
    own = resource.getrusage(resource.RUSAGE_SELF)
    sys.stderr.write("\\nMAXRSS %d %f\\n" % (own.ru_maxrss, own.ru_utime + own.ru_stime))
"""


def _tree_rss_mb(root: int) -> float:
    """Return the resident memory of a process and all its descendants, in MB (Linux /proc)."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(stat.parent.name)] = int(fields[1])
    tree, grew = {root}, True
    while grew:
        found = {pid for pid, parent in parents.items() if parent in tree} - tree
        tree |= found
        grew = bool(found)
    total = 0
    for pid in tree:
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        total += sum(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:"))
    return total / 1024


Measured = tuple[subprocess.CompletedProcess[str], float, tuple[float, float, float]]


def _cli(profile: Path, *args: str, env: dict[str, str] | None = None) -> Measured:
    """Run the command line in a child; return it, its wall time, its peak MB and CPU seconds.

    The last figure is the peak MB of its whole process tree, sampled twice a second (the index
    writer's helper processes too).
    """
    command = [sys.executable, "-c", _MEASURED, "--data-dir", str(profile), *args]
    started = time.perf_counter()
    tree_peak = 0.0
    with subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT, env=env
    ) as child:
        outputs: list[str] = []
        reader = threading.Thread(target=lambda: outputs.extend(child.communicate()))
        reader.start()
        while reader.is_alive():
            tree_peak = max(tree_peak, _tree_rss_mb(child.pid))
            reader.join(0.5)
    elapsed = time.perf_counter() - started
    done = subprocess.CompletedProcess(command, child.returncode, outputs[0], outputs[1])
    done.check_returncode()
    peak, cpu = done.stderr.rsplit("MAXRSS ", 1)[1].split()[:2]
    return done, elapsed, (int(peak) / 1024, float(cpu), tree_peak)


def _garbage(folder: Path) -> None:
    """Time the refusal of a sparse 2 GB file that starts with random bytes."""
    path = folder / "garbage.json"
    with path.open("wb") as handle:
        handle.write(random.Random(1).randbytes(1 << 20))
        handle.truncate(2 * 1024**3)
    profile = folder / "garbage-profile"
    _cli(profile, "reindex")
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "desktop_app", "--data-dir", str(profile), "import", str(path), "--json"],
        capture_output=True, text=True, cwd=ROOT, timeout=600, check=False,
    )  # fmt: skip
    elapsed = time.perf_counter() - started
    reasons = [r["reason"] for r in json.loads(done.stdout)["rejected"]] if done.stdout else [done.stderr]
    print(f"2 GB of garbage refused in   {elapsed:>8.2f} s (whole command): {reasons}")


def _tagging(count: int, runs: int) -> int:
    """Print what deriving skills adds to importing ``count`` postings; return 0 when the median <= 15%."""
    added = []
    with tempfile.TemporaryDirectory(dir=os.environ.get("BENCH_TMP")) as tmp:
        source = write(count, Path(tmp) / "jobs.jsonld")
        print(f"Skill tagging at import, {count:,} postings, a fresh profile each: wall (CPU of the import)")
        for run in range(1, runs + 1):
            figures = {}
            # Which goes first alternates: the machine's speed drifts within a pair as well.
            for tagging in (False, True) if run % 2 else (True, False):
                profile = Path(tmp) / f"profile-{run}-{tagging}"
                _cli(profile, "reindex")
                env = dict(os.environ) if tagging else {**os.environ, "BENCH_NO_TAGGING": "1"}
                _done, elapsed, (_peak, cpu, _tree) = _cli(profile, "import", str(source), "--json", env=env)
                figures[tagging] = (elapsed, cpu)
            (off, off_cpu), (on, on_cpu) = figures[False], figures[True]
            added.append(on / off - 1)
            print(f"  run {run}: without {off:.1f} s ({off_cpu:.1f}), with {on:.1f} s ({on_cpu:.1f}): "
                  f"{on / off - 1:+.1%} wall, {on_cpu / off_cpu - 1:+.1%} CPU")  # fmt: skip
    middle = statistics.median(added)
    print(f"  median {middle:+.1%} (from {min(added):+.1%} to {max(added):+.1%}); load average at the end "
          f"{os.getloadavg()[0]:.2f}; goal <= +15%: {'met' if middle <= 0.15 else 'NOT met'}")  # fmt: skip
    return 0 if middle <= 0.15 else 1


def main() -> int:
    """Print the figures; return 0 when every posting was stored and the jobs are searchable."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("count", nargs="?", type=int, default=10_000)
    parser.add_argument("--million", action="store_true", help="import 1,000,000 postings (about 2.4 GB)")
    parser.add_argument("--garbage", action="store_true", help="also time refusing a 2 GB garbage file")
    parser.add_argument("--tagging", action="store_true", help="what deriving skills adds (with vs without)")
    parser.add_argument("--runs", type=int, default=5, help="pairs of imports for --tagging (default 5)")
    args = parser.parse_args()
    if args.runs < 1:
        parser.error("--runs must be 1 or more")
    if args.tagging:
        return _tagging(args.count, args.runs)
    count = 1_000_000 if args.million else args.count
    with tempfile.TemporaryDirectory(dir=os.environ.get("BENCH_TMP")) as tmp:
        folder = Path(tmp)
        started = time.perf_counter()
        source = write(count, folder / "jobs.jsonld")
        written = time.perf_counter() - started
        megabytes = source.stat().st_size / 1e6
        profile = folder / "profile"
        _cli(profile, "reindex")  # first start: glossary, samples and index, not timed
        load = os.getloadavg()
        done, elapsed, peak = _cli(profile, "import", str(source), "--json")
        report = json.loads(done.stdout)
        found, *_ = _cli(profile, "search", "kubernetes", "--kind", "job", "--json")
        matches = json.loads(found.stdout)["total"]
        if args.garbage:
            _garbage(folder)
    stored = report["stored"]["new"] + report["stored"]["updated"] + report["stored"]["unchanged"]
    taken = report["counts"]["accepted"]
    print(f"Import of {count:,} generated JobPosting records, one JSON-LD file of {megabytes:,.1f} MB")
    print(f"  written (generator, streamed)  {written:>9.1f} s")
    print(f"  accepted / stored new          {taken:>9,} / {report['stored']['new']:,}")
    print(f"  import wall time (child)       {elapsed:>9.2f} s   ({count / elapsed:,.0f} postings/s)")
    print(f"  import CPU time (its process)  {peak[1]:>9.1f} s")
    print(f"  import peak memory (ru_maxrss) {peak[0]:>9.0f} MB")
    print(f"  with the index helpers (sampled){peak[2]:>8.0f} MB")
    print(f"  load average before the import {load[0]:.2f}, {load[1]:.2f}, {load[2]:.2f}")
    print(f"  'kubernetes' job matches       {matches:>9,}")
    goal = GOALS.get(count)
    if goal is not None:
        seconds, limit = goal
        met = elapsed <= seconds and (limit is None or peak[0] <= limit)
        wanted = f"<= {seconds:.0f} s" + (f", <= {limit:.0f} MB" if limit else "")
        print(f"  goal {wanted}: {'met' if met else 'NOT met'}")
    return 0 if taken == count and stored > 0 and matches > 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
