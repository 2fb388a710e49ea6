"""The network rule: a start, a search, an import and a session restore open no connection."""

from __future__ import annotations

import socket
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from desktop_app.boards.fetch import fetch_board
from desktop_app.boards.http import BoardHttp
from desktop_app.boards.sources import parse_source
from desktop_app.paths import AppPaths
from tests.conftest import SAMPLES
from tests.gui.conftest import make_window, search

NETWORK = (socket.AF_INET, socket.AF_INET6)


@pytest.fixture
def connections(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Every attempt to reach a host (a name lookup or an IP connection), refused and recorded."""
    attempts: list[Any] = []

    def refuse(what: str) -> Any:
        def refused(*args: Any, **_kwargs: Any) -> Any:
            attempts.append((what, args))
            raise OSError(f"the test refuses {what}")

        return refused

    real_connect, real_connect_ex = socket.socket.connect, socket.socket.connect_ex

    def connect(self: socket.socket, address: Any) -> Any:
        if self.family in NETWORK:
            return refuse("connect")(address)
        return real_connect(self, address)

    def connect_ex(self: socket.socket, address: Any) -> Any:
        if self.family in NETWORK:
            return refuse("connect_ex")(address)
        return real_connect_ex(self, address)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)
    monkeypatch.setattr(socket, "create_connection", refuse("create_connection"))
    monkeypatch.setattr(socket, "getaddrinfo", refuse("getaddrinfo"))
    return attempts


def test_the_probe_sees_the_apps_own_http_client(connections: list[Any]) -> None:
    """A positive control: the one client that may connect (a board fetch) is seen by the probe."""
    with BoardHttp() as http:
        fetched = fetch_board(parse_source("greenhouse:airbnb"), http)
    assert not fetched.ok
    assert connections, "the probe missed a connection"


def test_start_search_import_and_restore_open_no_connection(
    qtbot: QtBot, profile: AppPaths, connections: list[Any], tmp_path: Path
) -> None:
    window = make_window(qtbot, profile)
    assert search(qtbot, window, "flask").total > 0
    posting = tmp_path / "jobs.jsonld"
    posting.write_text(SAMPLES.read_text(encoding="utf-8"), encoding="utf-8")
    with qtbot.waitSignal(window.importer.import_finished, timeout=30000):
        window.importer.import_job_files([posting])
    window.close()
    window.service.close()
    restored = make_window(qtbot, profile)  # the session comes back: query, tabs, filters
    assert search(qtbot, restored, "python").total > 0
    restored.close()
    restored.service.close()
    assert connections == []
