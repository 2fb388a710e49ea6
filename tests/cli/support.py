"""Running a command in this process with its three streams captured."""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop_app import cli
from desktop_app.paths import AppPaths


@dataclass(frozen=True)
class Result:
    status: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)


class Terminal(io.StringIO):
    """Standard error as a terminal would be: progress is shown there."""

    def isatty(self) -> bool:
        return True


def call(profile: AppPaths | Path, *argv: str, stdin: str = "", err: io.StringIO | None = None) -> Result:
    root = profile.root if isinstance(profile, AppPaths) else profile
    out, err = io.StringIO(), err or io.StringIO()
    status = cli.main(["--data-dir", str(root), *argv], out=out, err=err, inp=io.StringIO(stdin))
    return Result(status, out.getvalue(), err.getvalue())


def call_json(profile: AppPaths | Path, *argv: str) -> Any:
    """Run a command with --json on a ready profile: it succeeds silently on standard error."""
    result = call(profile, *argv, "--json")
    assert (result.status, result.err) == (0, "")
    return result.json()
