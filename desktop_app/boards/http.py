"""The one HTTP client of the app: bounded in time, size, tries and concurrency; used only on Fetch."""

from __future__ import annotations

import json
import os
import threading
import time
from collections.abc import Callable
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit, urlunsplit

from desktop_app import __version__
from desktop_app.core.lazy import lazy_module

if TYPE_CHECKING:
    import httpx
else:  # used only on Fetch: kept out of start-up
    httpx = lazy_module("httpx")

ENV_BASE = "GLOSSARY_JOBS_BOARD_API"
USER_AGENT = f"GlossaryJobs/{__version__} (offline desktop app; fetches a board only when its user asks)"
TIMEOUT_S = 20.0
MAX_BYTES = 32 * 1024 * 1024
MAX_TRIES = 3
MAX_AT_ONCE = 4
MAX_WAIT_S = 30.0
RETRY_STATUSES = (429, 503)


class FetchError(RuntimeError):
    """A request failed in a way a person can read in one line."""


class BoardHttp:
    """Fetches JSON: HTTPS verified, one connection pool, at most four requests at once.

    Each request has a timeout; a 429 or 503 is tried again (three tries in all), waiting as
    ``Retry-After`` says or backing off. ``base`` (or $GLOSSARY_JOBS_BOARD_API) sends every
    request to another host with the vendor's own path and query (tests, caching proxies).
    """

    def __init__(
        self,
        base: str | None = None,
        timeout: float = TIMEOUT_S,
        max_bytes: int = MAX_BYTES,
        sleep: Callable[[float], None] = time.sleep,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.base = base if base is not None else os.environ.get(ENV_BASE) or None
        self.max_bytes = max_bytes
        self._sleep = sleep
        self._slots = threading.BoundedSemaphore(MAX_AT_ONCE)
        self._client = httpx.Client(
            timeout=httpx.Timeout(timeout),
            headers={"User-Agent": USER_AGENT, "Accept": "application/json"},
            limits=httpx.Limits(max_connections=MAX_AT_ONCE, max_keepalive_connections=MAX_AT_ONCE),
            follow_redirects=True,
            verify=True,
            transport=transport,
        )

    def close(self) -> None:
        """Close the connection pool."""
        self._client.close()

    def __enter__(self) -> BoardHttp:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def target(self, url: str) -> str:
        """Return where a request for ``url`` really goes (the base host, when one is set)."""
        if not self.base:
            return url
        base, parts = urlsplit(self.base), urlsplit(url)
        path = base.path.rstrip("/") + parts.path
        return urlunsplit((base.scheme, base.netloc, path, parts.query, ""))

    def get_json(self, url: str, params: dict[str, Any] | None = None) -> Any:
        """Return the JSON ``url`` answers; raises FetchError with one line saying what went wrong."""
        target = self.target(url)
        for attempt in range(1, MAX_TRIES + 1):
            status, headers, body = self._get(target, params)
            if status in RETRY_STATUSES and attempt < MAX_TRIES:
                self._sleep(_wait(headers.get("retry-after"), attempt))
                continue
            break
        if status == 404:
            raise FetchError("no such board (the vendor answered 404 Not Found)")
        if status in RETRY_STATUSES:
            raise FetchError(f"the vendor is busy or down (HTTP {status}) after {MAX_TRIES} tries; try later")
        if status >= 400:
            raise FetchError(f"the vendor answered HTTP {status}")
        kind = headers.get("content-type", "").split(";")[0].strip().lower()
        if "html" in kind or body.lstrip()[:1] == b"<":
            raise FetchError(
                f"the answer is a web page, not JSON ({kind or 'no content type'}): the board may be "
                "down for maintenance, or the address is not a board"
            )
        try:
            return json.loads(body)
        except ValueError as exc:
            raise FetchError(f"the answer was cut off or is not JSON ({exc})") from None

    def _get(self, url: str, params: dict[str, Any] | None) -> tuple[int, httpx.Headers, bytes]:
        with self._slots:
            try:
                with self._client.stream("GET", url, params=params) as response:
                    declared = response.headers.get("content-length", "")
                    if declared.isdigit() and int(declared) > self.max_bytes:
                        raise FetchError(f"the answer is over the size limit ({_mb(self.max_bytes)})")
                    chunks: list[bytes] = []
                    size = 0
                    for chunk in response.iter_bytes():
                        size += len(chunk)
                        if size > self.max_bytes:
                            raise FetchError(f"the answer is over the size limit ({_mb(self.max_bytes)})")
                        chunks.append(chunk)
                    return response.status_code, response.headers, b"".join(chunks)
            except httpx.TimeoutException:
                raise FetchError(f"no answer within {self._client.timeout.read:.0f} s (timed out)") from None
            except httpx.RemoteProtocolError:
                raise FetchError("the connection closed before the whole answer arrived") from None
            except httpx.ConnectError as exc:
                raise FetchError(f"cannot connect ({_first_line(exc)})") from None
            except httpx.HTTPError as exc:
                raise FetchError(f"the request failed ({_first_line(exc)})") from None


def _wait(retry_after: str | None, attempt: int) -> float:
    """Return how long to wait before another try: Retry-After (seconds or a date), else 1 s, 2 s."""
    if retry_after:
        text = retry_after.strip()
        if text.isdigit():
            return min(float(text), MAX_WAIT_S)
        try:
            when = parsedate_to_datetime(text)
            return max(0.0, min(when.timestamp() - time.time(), MAX_WAIT_S))
        except (TypeError, ValueError):
            pass
    return float(2 ** (attempt - 1))


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} MB"


def _first_line(exc: BaseException) -> str:
    return (str(exc) or exc.__class__.__name__).splitlines()[0]
