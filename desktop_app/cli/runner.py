"""Running a parsed command: open the profile, build the index if declared, one line per failure."""

from __future__ import annotations

import argparse
import sys
import traceback
from collections.abc import Sequence
from contextlib import redirect_stderr, redirect_stdout
from datetime import datetime
from pathlib import Path
from typing import TextIO

from desktop_app.cli.console import Console
from desktop_app.cli.context import Context
from desktop_app.cli.parser import build_parser
from desktop_app.paths import app_paths
from desktop_app.service import Service, ServiceError, failure_message, said_plainly

ERROR_LOG = "cli-errors.log"


def main(
    argv: Sequence[str] | None = None,
    out: TextIO | None = None,
    err: TextIO | None = None,
    inp: TextIO | None = None,
) -> int:
    """Parse and run one command; return the exit status (2: usage, or no command given).

    ``out``, ``err`` and ``inp`` default to the process's standard streams.
    """
    console = Console.standard(out, err, inp)
    # argparse prints usage, --help and --version itself: point it at this command's streams.
    with redirect_stdout(console.out), redirect_stderr(console.err):
        try:
            args = build_parser().parse_args(None if argv is None else list(argv))
        except SystemExit as stop:
            return stop.code if isinstance(stop.code, int) else 2
    if args.handler is None:
        console.error("give a COMMAND (see --help); with no command, glossary-jobs opens the window")
        return 2
    return run(args, console.out, console.err, console.inp)


def run(
    args: argparse.Namespace,
    out: TextIO | None = None,
    err: TextIO | None = None,
    inp: TextIO | None = None,
) -> int:
    """Run a parsed command; return the exit status. Errors are one line on standard error."""
    console = Console.standard(out, err, inp)
    paths = app_paths(args.data_dir)
    context = Context(console, paths)
    service: Service | None = None
    try:
        if args.preflight is not None:
            args.preflight(args)
        if args.opens_profile:
            service = Service(paths)
            report = service.open()
            context.new_profile = report.samples_loaded
            if report.backup_problem:
                console.note(f"warning: {report.backup_problem}")
            context.opened = service
            if args.needs_index:
                context.ensure_index()
        return int(args.handler(context, args))
    except ServiceError as exc:
        console.error(str(exc))
        return 1
    except BrokenPipeError:
        raise
    except OSError as exc:
        console.error(f"{exc.strerror or exc}: {exc.filename or ''}".rstrip(": "))
        return 1
    except Exception as exc:  # noqa: BLE001 - a person gets one line; the details go to the log
        if said_plainly(exc):  # a lock held too long, or a damaged file: no traceback to log
            console.error(failure_message(exc))
            return 1
        log = _log_unexpected(paths.logs_dir)
        console.note(f"unexpected error: {exc or exc.__class__.__name__} (details in {log})")
        return 1
    finally:
        if service is not None:
            service.close()


def _log_unexpected(logs_dir: Path) -> Path:
    """Append the current exception's traceback to the command-line log; return its path."""
    logs_dir.mkdir(parents=True, exist_ok=True)
    path = logs_dir / ERROR_LOG
    with path.open("a", encoding="utf-8") as handle:
        handle.write(f"--- {datetime.now().isoformat(timespec='seconds')} {' '.join(sys.argv)}\n")
        handle.write(traceback.format_exc())
    return path
