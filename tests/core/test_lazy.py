"""Optional libraries stay out of a command's start-up until it uses them."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from desktop_app.core.lazy import lazy_module

# A module each library loads only when it is actually executed.
LOADED_WHEN_USED = ("httpx._client", "pypdf._reader", "docx.api", "icalendar.cal")


def _loaded_after(imports: str) -> str:
    probe = f"import sys, {imports}\nprint([m for m in {LOADED_WHEN_USED!r} if m in sys.modules])"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, env=env)
    return done.stdout.strip()


def test_a_command_loads_none_of_the_optional_libraries_it_does_not_use() -> None:
    assert _loaded_after("desktop_app.main") == "[]"


def test_the_window_loads_none_of_them_either() -> None:
    # PySide's signature support reads every loaded module's file as the widgets load: a module
    # waiting in sys.modules to be executed would be executed then.
    assert _loaded_after("desktop_app.main, desktop_app.gui.main_window") == "[]"


def test_a_library_is_there_once_used() -> None:
    deferred = lazy_module("json")
    assert deferred.dumps([1]) == "[1]"
    assert deferred.loads is json.loads  # read from the module itself after the first use


def test_a_missing_library_is_said_at_once() -> None:
    with pytest.raises(ModuleNotFoundError, match="no_such_library"):
        lazy_module("no_such_library")
