"""The index's ledger: which version of each job its documents were built from, kept beside them.

A small SQLite file in the index folder maps each job document's key to the database's content
hash of the job it was built from. It lets an index left behind by a crash catch up — write
only the jobs it lacks or holds in another version, drop the ones deleted — instead of being
rebuilt whole.

The ledger never claims more than the index holds, whatever moment a process is killed at:

- every document the index may hold has a row (so a deleted job's document is always found);
- a row's version is either the hash its document was built from, or ``UNKNOWN``.

Before a commit, the keys it touches are marked ``UNKNOWN`` (``begin``); after it, the written
ones get their versions and the removed ones leave the ledger (``settle``). A kill between the
two leaves ``UNKNOWN`` rows, which catching up rewrites.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Mapping
from contextlib import closing, contextmanager
from pathlib import Path

LEDGER_FILE = "versions.sqlite3"
UNKNOWN = ""
_CHUNK = 2000


def path_of(index_dir: Path) -> Path:
    """Return where the ledger of the index in ``index_dir`` lives."""
    return index_dir / LEDGER_FILE


def exists(index_dir: Path) -> bool:
    """True when the index has a ledger (indexes built before it have none and cannot catch up)."""
    return path_of(index_dir).is_file()


@contextmanager
def _connect(index_dir: Path) -> Iterator[sqlite3.Connection]:
    # One transaction: committed on success, rolled back on an error.
    with closing(sqlite3.connect(path_of(index_dir))) as conn, conn:
        yield conn


def create(index_dir: Path, entries: Iterable[tuple[str, str]]) -> None:
    """Write a new ledger for a freshly built index holding the documents ``entries`` name."""
    path_of(index_dir).unlink(missing_ok=True)
    with _connect(index_dir) as conn:
        conn.execute("CREATE TABLE versions (key TEXT PRIMARY KEY, version TEXT NOT NULL) WITHOUT ROWID")
        conn.executemany("INSERT OR REPLACE INTO versions VALUES (?, ?)", entries)


def read(index_dir: Path) -> dict[str, str] | None:
    """Return every key the index may hold with its version, or None when there is no ledger."""
    if not exists(index_dir):
        return None
    try:
        with _connect(index_dir) as conn:
            return dict(conn.execute("SELECT key, version FROM versions"))
    except sqlite3.DatabaseError:
        return None  # a damaged ledger: the index is rebuilt instead


def begin(index_dir: Path, keys: Iterable[str]) -> None:
    """Before a commit: mark the keys it touches as held in an unknown version."""
    if not exists(index_dir):
        return
    rows = [(key, UNKNOWN) for key in keys]
    with _connect(index_dir) as conn:
        for start in range(0, len(rows), _CHUNK):
            conn.executemany("INSERT OR REPLACE INTO versions VALUES (?, ?)", rows[start : start + _CHUNK])


def settle(index_dir: Path, written: Mapping[str, str], removed: Iterable[str]) -> None:
    """After a commit: record the versions of the documents written; forget the ones removed."""
    if not exists(index_dir):
        return
    with _connect(index_dir) as conn:
        # Removed first: a key removed and written again in one commit is held.
        conn.executemany("DELETE FROM versions WHERE key = ?", ((key,) for key in removed))
        conn.executemany("INSERT OR REPLACE INTO versions VALUES (?, ?)", written.items())
