"""A process that imports the app once and forks the kill loop's children on request.

``python -m tests.reliability.zygote`` reads one JSON line per child on standard input —
``[MODE, PROFILE, SEED, OUT_FILE, ERR_FILE]`` — forks a child that runs ``child.main`` in a
session of its own (so its helper processes can be found by group) with its report going to
OUT_FILE, and answers with the child's process id. A child starts in milliseconds instead of
the second a new interpreter spends importing, so the loop's time goes to writing and killing.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import traceback

from tests.reliability import child


def _run_child(mode: str, root: str, seed: str, out_file: str, err_file: str) -> None:
    """In the forked process: take the report files as standard streams, run the child, never return."""
    status = 1
    try:
        os.setsid()
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)  # its own helpers are waited for as usual
        null = os.open(os.devnull, os.O_RDONLY)
        os.dup2(null, 0)
        for fd, name in ((1, out_file), (2, err_file)):
            os.dup2(os.open(name, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), fd)
        status = child.main([mode, root, seed])
    except BaseException:  # noqa: BLE001  # reported on its standard error, the parent reads it
        traceback.print_exc()
        sys.stderr.flush()
    finally:
        os._exit(status)


def main() -> int:
    """Fork a child for each request line until standard input closes."""
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # children end unwaited: the kernel reaps them
    for line in sys.stdin:
        request = json.loads(line)
        pid = os.fork()
        if pid == 0:
            _run_child(*request)
        sys.stdout.write(f"{pid}\n")
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
