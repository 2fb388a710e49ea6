"""Run as ``python -m tests.search.parallel_probe FOLDER``: a parallel rebuild whose helper fails.

A module of its own because helper processes start only where the main module can be imported
again (not under pytest-xdist's workers); prints the error's class name, or the documents kept.
"""

from __future__ import annotations

import sys
from pathlib import Path

from desktop_app.search import index
from desktop_app.search.schema import job_document
from tests.search.test_whoosh_raw import _job


def main(folder: Path) -> None:
    """Rebuild the index in ``folder`` from enough documents for helpers, the last of them bad."""
    many = [job_document(_job(n, paid=True, dated=True)) for n in range(index.PARALLEL_MIN_DOCS + 400)]
    many[-1]["title"] = 12345  # a number: fails where the title is analysed, in a helper
    try:
        index.rebuild(folder, iter(many), len(many), 2)
    except Exception as exc:  # noqa: BLE001 - the probe reports whatever was raised
        print(type(exc).__name__)
        return
    print(f"kept {index.open_index(folder).doc_count()} of {len(many)}")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
