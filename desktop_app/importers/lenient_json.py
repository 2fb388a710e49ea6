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
    """Return the parsed JSON; raise ValueError with a readable reason when it is not JSON.

    The reason is whole: where the error is, what was expected, and the text around it.
    """
    if not text.strip():
        raise ValueError("the file is empty: no JSON in it")
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
                f" (near {_context(text, first.pos)})"
            ) from first


def _context(text: str, pos: int, width: int = 30) -> str:
    """Return the text around an error position on one line, the position marked with ▸.

    >>> _context('{"a": 1 "b": 2}', 8)
    '«{"a": 1 ▸"b": 2}»'
    """
    before = " ".join(text[max(0, pos - width) : pos].split()[-6:])
    after = " ".join(text[pos : pos + width].split()[:6])
    gap = " " if pos and text[pos - 1].isspace() else ""
    return f"«{before}{gap}▸{after}»"
