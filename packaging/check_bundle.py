"""Check the one-folder bundle (self-test, a search on its data) and measure its size and start-up.

``check_bundle.py dist/glossary-jobs [--runs N]`` (run by ``make dist``); exits 1 when a check
fails. Start-up is timed as ``bench/startup.py`` does: from process launch to the stamps the
app prints under ``GLOSSARY_JOBS_TIMING=1`` when its window is first shown and when it is
ready. *Cold* runs first evict the bundle's own files from the page cache (``posix_fadvise``,
no root needed) and start on a fresh profile; *warm* runs reuse the profile and the cache.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

OFFSCREEN = {"QT_QPA_PLATFORM": "offscreen"}


def _files(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()]


def size_mib(path: Path) -> float:
    """Return the size in MiB of a file, or of every file under a folder."""
    files = _files(path) if path.is_dir() else [path]
    return sum(p.stat().st_size for p in files) / 2**20


def evict(folder: Path) -> None:
    """Drop the folder's files from the page cache, so the next start reads them from disk."""
    if not hasattr(os, "posix_fadvise"):  # Windows and macOS: cold runs are then only new profiles
        return
    for path in _files(folder):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
        finally:
            os.close(fd)


def _run(
    exe: Path, *args: str, extra_env: dict[str, str] | None = None, on_screen: bool = False
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, **({} if on_screen else OFFSCREEN), **(extra_env or {})}
    with tempfile.TemporaryDirectory() as cwd:  # not the checkout: nothing of it may be found
        return subprocess.run(
            [str(exe), *args], capture_output=True, text=True, env=env, cwd=cwd, timeout=300
        )


def start_up(exe: Path, profile: Path, on_screen: bool = False) -> tuple[float, float]:
    """Return seconds from launch to the window shown and to ready."""
    started = time.time()
    timing = {"GLOSSARY_JOBS_TIMING": "1"}
    result = _run(exe, "--data-dir", str(profile), extra_env=timing, on_screen=on_screen)
    stamps = dict(
        line.split() for line in result.stdout.splitlines() if line.startswith(("shown ", "ready "))
    )
    if result.returncode != 0 or "shown" not in stamps:
        raise RuntimeError(f"the bundle did not start:\n{result.stdout}\n{result.stderr}")
    return float(stamps["shown"]) - started, float(stamps["ready"]) - started


def check(exe: Path, work: Path) -> list[str]:
    """Run the self-test and a search; return the failures (empty when all passed)."""
    failures = []
    result = _run(exe, "--data-dir", str(work / "self-test"), "--self-test")
    if result.returncode != 0 or "self-test passed" not in result.stdout:
        failures.append(f"--self-test exited {result.returncode}:\n{result.stdout}{result.stderr}")
    result = _run(exe, "--data-dir", str(work / "cli"), "search", "flask", "--json")
    hits = json.loads(result.stdout)["hits"] if result.returncode == 0 else []
    if not hits or hits[0]["id"] != "flask":
        failures.append(f"search flask did not put Flask first:\n{result.stdout}{result.stderr}")
    return failures


def main(argv: list[str] | None = None) -> int:
    """Check, then print the measurements; return 0, or 1 when a check failed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bundle", type=Path, help="the bundle folder, e.g. dist/glossary-jobs")
    parser.add_argument("--runs", type=int, default=5, help="start-ups to time, cold and warm (median)")
    parser.add_argument(
        "--on-screen", action="store_true", help="time on the current display (e.g. under xvfb-run)"
    )
    args = parser.parse_args(argv)
    bundle: Path = args.bundle.resolve()
    # On Windows the windowed program has no stdout; its console twin prints the same.
    exe = bundle / ("glossary-jobs-cli.exe" if sys.platform == "win32" else "glossary-jobs")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        failures = check(exe, work)
        for failure in failures:
            print(f"FAILED: {failure}", file=sys.stderr)
        if failures:
            return 1
        print("bundle: --self-test passed; `search flask` puts Flask first")
        cold = []
        for run in range(args.runs):
            evict(bundle)
            cold.append(start_up(exe, work / f"cold-{run}", args.on_screen))
        warm = [start_up(exe, work / "cold-0", args.on_screen) for _ in range(args.runs)]
    qt = sorted(p.name.split(".")[0] for p in (bundle / "_internal" / "PySide6").glob("Qt*.*") if p.is_file())
    print(f"bundle: {bundle.name}/ {size_mib(bundle):.0f} MiB; Qt modules: {', '.join(qt)}")
    for wheel in sorted(bundle.parent.glob("glossary_jobs-*.whl")):
        print(f"wheel: {wheel.name} {size_mib(wheel) * 1024:.0f} KiB")
    where = f"on display {os.environ.get('DISPLAY', '?')}" if args.on_screen else "offscreen"
    print(f"start-up, median of {args.runs} (seconds from launch, {where}):")
    for label, runs in (("cold (bundle not cached, new profile)", cold), ("warm", warm)):
        shown = statistics.median(s for s, _ in runs)
        ready = statistics.median(r for _, r in runs)
        print(f"  {label:<40} window shown {shown:5.2f}   ready {ready:5.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
