"""Optional libraries stay out of a command's start-up until it uses them."""

from __future__ import annotations

import subprocess
import sys

import pytest

from desktop_app.core.lazy import lazy_module

# A module each library loads only when it is actually executed.
LOADED_WHEN_USED = ("httpx._client", "pypdf._reader", "docx.api", "icalendar.cal")


def test_a_command_loads_none_of_the_optional_libraries_it_does_not_use() -> None:
    # (The window loads them all the same: PySide's signature support reads every module's file.)
    probe = f"import sys, desktop_app.main\nprint([m for m in {LOADED_WHEN_USED!r} if m in sys.modules])"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_a_missing_library_is_said_at_once() -> None:
    with pytest.raises(ModuleNotFoundError, match="no_such_library"):
        lazy_module("no_such_library")
