"""The errors the service raises, and the one line a person reads about any failure."""

from __future__ import annotations

from desktop_app.storage.db import BUSY_MESSAGE, is_busy, is_damage


class ServiceError(RuntimeError):
    """An operation failed in a way a person can act on; the message says how."""


class ImportCancelledError(ServiceError):
    """The reader cancelled an import before anything was stored."""


def failure_message(exc: BaseException) -> str:
    """Return the one line a person reads about a failure: a busy library said plainly, else the error."""
    if is_busy(exc):
        return BUSY_MESSAGE
    if is_damage(exc):
        return (
            f"the database file is damaged ({reason(exc)}); the check command says more, and "
            "data restore-backup puts the newest good backup in its place (the damaged file is kept)"
        )
    return (str(exc) or exc.__class__.__name__).splitlines()[0]


def said_plainly(exc: BaseException) -> bool:
    """Return True when one line says all of a failure (a busy library, a damaged file): nothing to log."""
    return is_busy(exc) or is_damage(exc)


def reason(exc: BaseException) -> str:
    """Return the short human reason of a storage error (the driver's message, not SQL)."""
    if is_busy(exc):
        return "the library is busy (another window or command is writing to it); try again in a moment"
    inner = getattr(exc, "orig", None) or exc
    return str(getattr(inner, "strerror", None) or inner).splitlines()[0]
