"""The command line: the same service, headless, for scripts and acceptance checks (no Qt here)."""

from desktop_app.cli.console import PROG, Console
from desktop_app.cli.parser import build_parser, parse_args
from desktop_app.cli.runner import main, run
from desktop_app.cli.shapes import import_json, job_json, search_json, term_json

__all__ = [
    "PROG",
    "Console",
    "build_parser",
    "import_json",
    "job_json",
    "main",
    "parse_args",
    "run",
    "search_json",
    "term_json",
]
