"""Writing a file so a reader never sees half of it: write beside it, then rename over it."""

from __future__ import annotations

from pathlib import Path


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` through a ``.part`` file renamed over it.

    A crash mid-write leaves the old file whole. Raises OSError when the folder is not writable.
    """
    tmp = path.with_name(path.name + ".part")
    try:
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
