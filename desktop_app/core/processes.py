"""Other processes of this app: is one alive, and which one holds a profile's window lock."""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
from multiprocessing.connection import wait
from pathlib import Path
from typing import Any


def process_alive(pid: int) -> bool:
    """Return True when a process with this id runs (one of another user's counts as running)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def lock_holder(lock_file: Path) -> int | None:
    """Return the process id of the live window holding ``lock_file`` (a QLockFile), or None.

    The file holds the process id, then the process name. QLockFile's own test applies: the
    process runs and, where /proc tells, has the recorded name. This process never counts.

    >>> lock_holder(Path("/nonexistent/window.lock")) is None
    True
    """
    try:
        lines = lock_file.read_text(encoding="utf-8").splitlines()
        pid = int(lines[0])
    except (OSError, ValueError, IndexError):
        return None
    if pid == os.getpid() or not process_alive(pid):
        return None
    try:
        running = Path(os.readlink(f"/proc/{pid}/exe")).name
    except OSError:
        return pid
    return pid if len(lines) < 2 or not lines[1] or running == lines[1] else None


def children_can_start() -> bool:
    """True when a helper process can re-import the main module (not so for ``python -`` or a REPL)."""
    main = sys.modules.get("__main__")
    if main is None:
        return False
    if getattr(main, "__spec__", None) is not None:
        return True
    path = getattr(main, "__file__", None)
    return bool(path) and Path(str(path)).is_file()


def end_with_parent() -> None:
    """In a helper process: end it as soon as the process that started it ends (even killed).

    A thread waits on the parent's sentinel; a helper blocked on its work queue would otherwise
    outlive a killed app.
    """
    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch() -> None:
        wait([parent.sentinel])
        os._exit(1)

    threading.Thread(target=watch, name="app-watch", daemon=True).start()


_PRELOAD: list[str] = []


def preload_in_helpers(*modules: str) -> None:
    """Have helper processes start with ``modules`` imported: the forkserver imports them once.

    Effective for a forkserver not started yet (the first helper starts it); a helper started
    otherwise imports what it needs itself, as before.
    """
    _PRELOAD.extend(m for m in modules if m not in _PRELOAD)


def helper_context() -> Any:
    """Return how this app starts helper processes: "forkserver" (or "spawn"), never a plain fork.

    It is made the default first, so that what starts processes through the default (Whoosh's
    parallel writer) does the same, even after a ``Pool`` has fixed the default to "fork" (as
    making one does). A plain fork of a process with threads — the window — is not safe, and
    copies all of the app's memory into each helper.
    """
    wanted = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
    if multiprocessing.get_start_method(allow_none=True) != wanted:
        multiprocessing.set_start_method(wanted, force=True)
    context = multiprocessing.get_context(wanted)
    if wanted == "forkserver":
        context.set_forkserver_preload(list(_PRELOAD))
    return context
