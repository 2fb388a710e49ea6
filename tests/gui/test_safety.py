"""The window under bad conditions: a damaged index, hostile content, no network, an unexpected error."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from desktop_app.paths import AppPaths
from tests.gui.conftest import make_window
from tests.reliability.test_corruption import damage_index

pytestmark = pytest.mark.gui


@pytest.mark.parametrize(
    ("damage", "said"),
    [("garbage segment", "search index was damaged: rebuilt"),
     ("another schema version", "search index was built by another version: rebuilt")],
)  # fmt: skip
def test_a_broken_index_is_rebuilt_and_the_status_bar_says_why(
    qtbot: QtBot, profile: AppPaths, damage: str, said: str
) -> None:
    damage_index(profile, damage)
    window = make_window(qtbot, profile)
    try:
        assert said in window.status_label.text()
        assert window.service.index_state() == "ok"
    finally:
        window.close()
        window.service.close()
