"""Put the launcher, icons and AppStream metadata where the desktop finds them, for this user.

``install-desktop.py [--exec PROGRAM] [--uninstall]``: files go under ``$XDG_DATA_HOME`` (else
``~/.local/share``): ``applications/``, ``icons/hicolor/`` and ``metainfo/``. ``--exec`` is the
program the launcher starts (the bundle's ``glossary-jobs``, or a virtual environment's);
``--uninstall`` removes exactly the files an install puts there.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
sys.path.insert(0, str(ROOT))
from desktop_app import APP_ID  # noqa: E402 - the checkout's package, whatever is installed

# Characters that make an Exec argument need quoting (Desktop Entry Specification, "Exec key").
RESERVED = re.compile(r"[\s\"'\\><~|&;$*?#()`]")


def data_home() -> Path:
    """Return $XDG_DATA_HOME when it is an absolute path, else ~/.local/share."""
    value = os.environ.get("XDG_DATA_HOME", "")
    return Path(value) if os.path.isabs(value) else Path.home() / ".local" / "share"


def exec_argument(program: str) -> str:
    """Return ``program`` written as an Exec argument: quoted and escaped when it needs to be."""
    program = program.replace("%", "%%")
    if not RESERVED.search(program):
        return program
    quoted = re.sub(r'(["`$\\])', r"\\\1", program)
    # The string escape (a backslash written twice) applies on top of the quoting rule.
    return '"' + quoted.replace("\\", "\\\\") + '"'


def targets(home: Path) -> list[tuple[Path, Path]]:
    """Return (source, destination) for each icon and the metainfo file."""
    pairs = [(PACKAGING / f"{APP_ID}.metainfo.xml", home / "metainfo" / f"{APP_ID}.metainfo.xml")]
    for icon in sorted((PACKAGING / "icons" / "hicolor").glob(f"*/apps/{APP_ID}.*")):
        pairs.append((icon, home / "icons" / "hicolor" / icon.relative_to(PACKAGING / "icons" / "hicolor")))
    return pairs


def launcher_text(program: str) -> str:
    """Return the packaged .desktop file with Exec (and TryExec) pointing at ``program``."""
    text = (PACKAGING / f"{APP_ID}.desktop").read_text(encoding="utf-8")
    lines = []
    for line in text.splitlines():
        if line.startswith("Exec="):
            lines.append(f"Exec={exec_argument(program)}")
            if os.path.isabs(program):  # the launcher hides itself once the program is gone
                lines.append("TryExec=" + program.replace("\\", "\\\\"))
        elif not line.startswith("TryExec="):
            lines.append(line)
    return "\n".join(lines) + "\n"


def _refresh(home: Path) -> None:
    """Tell the desktop its menus and icons changed (best effort: the tools may be absent)."""
    tool = shutil.which("update-desktop-database")
    if tool:
        subprocess.run([tool, "-q", str(home / "applications")], check=False)
    hicolor = home / "icons" / "hicolor"
    if hicolor.is_dir():
        os.utime(hicolor)  # icon caches compare the theme folder's time


def install(program: str, home: Path) -> list[Path]:
    """Write the launcher, icons and metainfo under ``home``; return the files written."""
    launcher = home / "applications" / f"{APP_ID}.desktop"
    launcher.parent.mkdir(parents=True, exist_ok=True)
    launcher.write_text(launcher_text(program), encoding="utf-8")
    written = [launcher]
    for source, destination in targets(home):
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, destination)  # follows the packaging folder's links to the icons
        written.append(destination)
    _refresh(home)
    return written


def uninstall(home: Path) -> list[Path]:
    """Remove what :func:`install` writes; return the files that were there."""
    removed = []
    for path in [home / "applications" / f"{APP_ID}.desktop"] + [dest for _, dest in targets(home)]:
        if path.is_file():
            path.unlink()
            removed.append(path)
    _refresh(home)
    return removed


def main(argv: list[str] | None = None) -> int:
    """Install or uninstall; print what was done; return 0."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--exec", dest="program", default="glossary-jobs", help="the program to start")
    parser.add_argument("--uninstall", action="store_true", help="remove the installed files")
    args = parser.parse_args(argv)
    home = data_home()
    if args.uninstall:
        removed = uninstall(home)
        print(f"Removed {len(removed)} files from {home}.")
        return 0
    written = install(args.program, home)
    print(f"Installed the launcher, {len(written) - 2} icons and the AppStream metadata under {home}.")
    print(f"The menu entry 'Glossary & Jobs' starts: {args.program}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
