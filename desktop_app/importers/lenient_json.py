"""JSON as published on the web: parse strictly, else again without comments and trailing commas."""

from __future__ import annotations

import json
import re
from typing import Any

_TOKEN_RE = re.compile(r'"(?:\\.|[^"\\])*"|//[^\n]*|/\*.*?\*/|,(?=\s*[\]}])', re.S)


def strip_extras(text: str) -> str:
    """Remove ``//`` and ``/* */`` comments and trailing commas, leaving strings untouched.

    >>> strip_extras('{"a": "x//y", /* c */ "b": [1, 2,],}')
    '{"a": "x//y",  "b": [1, 2]}'
    """

    def keep_strings(match: re.Match[str]) -> str:
        token = match.group(0)
        return token if token.startswith('"') else ""

    return _TOKEN_RE.sub(keep_strings, text)


def loads(text: str) -> Any:
    """Return the parsed JSON; raise ValueError with a readable reason when it is not JSON."""
    try:
        return json.loads(text)
    except RecursionError as exc:
        raise ValueError("JSON is nested too deeply") from exc
    except json.JSONDecodeError as first:
        try:
            return json.loads(strip_extras(text))
        except RecursionError as exc:
            raise ValueError("JSON is nested too deeply") from exc
        except json.JSONDecodeError:
            raise ValueError(
                f"invalid JSON at line {first.lineno}, column {first.colno}: {first.msg}"
            ) from first
