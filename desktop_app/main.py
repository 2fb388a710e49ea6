"""The ``glossary-jobs`` entry point: a command runs headless; no command opens the window."""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Sequence

from desktop_app import cli


def display_problem(self_test: bool) -> str | None:
    """Return why a window cannot open here (no display), or None when it can."""
    if self_test or os.environ.get("QT_QPA_PLATFORM") or not sys.platform.startswith("linux"):
        return None
    if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        return None
    return (
        "no display: the window needs a graphical session (DISPLAY is not set). "
        "Use a virtual screen (xvfb-run -a make run) or the command line "
        f"({cli.PROG} search flask; {cli.PROG} --help)."
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Run a command, or open the window when none is given; return the exit status."""
    args = cli.parse_args(argv)
    if args.command is not None:
        # What start-up loaded (the modules, most of the heap) stays for the command: kept out of
        # the collector's full passes, which a long import otherwise pays several times over.
        gc.freeze()
        try:
            return cli.run(args)
        except BrokenPipeError:
            # The reader (``| head``) stopped early: that is not an error of ours.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return 0
    problem = display_problem(args.self_test)
    if problem:
        print(f"{cli.PROG}: {problem}", file=sys.stderr)
        return 2
    from desktop_app.gui.app import launch  # Qt is imported on this path only

    return launch(args.data_dir, self_test=args.self_test)
