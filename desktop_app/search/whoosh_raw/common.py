"""What every part of ``whoosh_raw`` shares: checking Whoosh still has a private name, and saying so once."""

from __future__ import annotations

import logging
from collections.abc import Iterable

_log, _warned = logging.getLogger("desktop_app.search.whoosh_raw"), set[str]()


def _fallback(what: str, missing: Iterable[str]) -> None:
    """Log once per reader that Whoosh changed under us and the slow public path is taken."""
    if what not in _warned:
        _warned.add(what)
        _log.warning("whoosh internals changed (%s lacks %s): reading through the public API", what, missing)


def _lacks(obj: object, names: tuple[str, ...]) -> list[str]:
    return [name for name in names if not hasattr(obj, name)]
