"""The streams a command reads and writes, injectable so tests can read both."""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from typing import TextIO

PROG = "glossary-jobs"


def plural(n: int, one: str, many: str | None = None) -> str:
    """Return "1 job", "2 jobs": a count with its noun in the right number.

    >>> plural(1, "job"), plural(0, "job"), plural(3, "entry", "entries")
    ('1 job', '0 jobs', '3 entries')
    """
    return f"{n} {one if n == 1 else many or one + 's'}"


@dataclass(frozen=True, slots=True)
class Console:
    """Standard output (results), standard error (messages, progress) and standard input."""

    out: TextIO
    err: TextIO
    inp: TextIO

    @classmethod
    def standard(
        cls, out: TextIO | None = None, err: TextIO | None = None, inp: TextIO | None = None
    ) -> Console:
        """Return a console on the given streams, else the process's (looked up now, so capture works)."""
        return cls(
            sys.stdout if out is None else out,
            sys.stderr if err is None else err,
            sys.stdin if inp is None else inp,
        )

    def line(self, text: str = "") -> None:
        """Write one line of readable output."""
        self.out.write(f"{text}\n")

    def json(self, data: object) -> None:
        """Write ``data`` as indented JSON, non-ASCII kept as it is."""
        json.dump(data, self.out, ensure_ascii=False, indent=2)
        self.out.write("\n")

    def json_line(self, data: object) -> None:
        """Write ``data`` as one line of JSON and flush it (a reader may be waiting for it)."""
        self.out.write(json.dumps(data, ensure_ascii=False) + "\n")
        self.out.flush()

    def say(self, text: str) -> None:
        """Write one line to standard error, as it is."""
        self.err.write(f"{text}\n")

    def note(self, text: str) -> None:
        """Write one line to standard error, prefixed by the program's name."""
        self.say(f"{PROG}: {text}")

    def error(self, text: str) -> None:
        """Write the one line of a failed command to standard error."""
        self.note(f"error: {text}")

    def progress(self, label: str) -> ProgressLine:
        """Return a progress reporter that speaks on a terminal only."""
        return ProgressLine(self.err, label)


def counted(counts: dict[str, int]) -> str:
    """Return ``{"filters": 1, "favourites": 2}`` as ``"1 filters, 2 favourites"``."""
    return ", ".join(f"{n} {key}" for key, n in counts.items())


class ProgressLine:
    """A ``(done, total)`` callback: one line rewritten in place on a terminal, erased when done.

    Off a terminal (a log, a pipe) it writes nothing: the command says what it did in one line.
    """

    def __init__(self, stream: TextIO, label: str) -> None:
        self._stream = stream
        self._label = label
        self._shown = False
        self.total = 0

    def __call__(self, done: int, total: int) -> None:
        """Show ``done`` of ``total``; erase the line once ``done`` reaches ``total``."""
        self.total = total
        if total <= 1 or not _is_terminal(self._stream):
            return
        if done < total:
            self._stream.write(f"\r{self._label}… {done}/{total}")
            self._shown = True
        elif self._shown:
            self._stream.write("\r\x1b[K")  # the line goes: the summary that follows replaces it
            self._shown = False
        self._stream.flush()


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except ValueError:  # a closed stream
        return False
