"""What the main window remembers between runs: geometry, splitter, query, scope, filters and tabs."""

from __future__ import annotations

import json
from typing import Protocol

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QSplitter, QTabBar

from desktop_app.core.criteria import Criteria
from desktop_app.gui.detail_tabs import DetailTabs
from desktop_app.gui.filter_panel import FilterPanel
from desktop_app.gui.search_box import SearchBox
from desktop_app.service import Scope

SCOPES: tuple[Scope, ...] = ("all", "term", "job")


class RememberedWindow(Protocol):
    """What of the main window is remembered: its geometry, splitter, search and tabs."""

    settings: QSettings
    splitter: QSplitter
    scope_bar: QTabBar
    filters: FilterPanel
    search_box: SearchBox
    pages: DetailTabs

    def saveGeometry(self) -> QByteArray: ...  # noqa: N802
    def restoreGeometry(self, geometry: QByteArray) -> bool: ...  # noqa: N802
    def scope(self) -> Scope: ...


def saved_session(settings: QSettings) -> dict[str, object]:
    """Return the session saved by the last run, or an empty one when it is missing or unreadable."""
    try:
        value = json.loads(str(settings.value("session/state", "{}")))
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def restore_window(window: RememberedWindow) -> None:
    """Give the window its last geometry and splitter, and the search it showed."""
    settings = window.settings
    geometry = settings.value("window/geometry")
    if isinstance(geometry, QByteArray):
        window.restoreGeometry(geometry)
    splitter = settings.value("window/splitter")
    if isinstance(splitter, QByteArray):
        window.splitter.restoreState(splitter)
    session = saved_session(settings)
    scope = session.get("scope", "all")
    window.scope_bar.setCurrentIndex(SCOPES.index(scope) if scope in SCOPES else 0)
    window.filters.set_criteria(Criteria.from_json(session.get("criteria")))
    window.filters.setVisible(session.get("filters_visible", True) is not False)
    window.search_box.setText(str(session.get("query", "")))


def save_window(window: RememberedWindow) -> None:
    """Remember geometry, splitter, and the session: query, scope, filters, tabs, scrolls."""
    settings = window.settings
    settings.setValue("window/geometry", window.saveGeometry())
    settings.setValue("window/splitter", window.splitter.saveState())
    session = {
        "query": window.search_box.text(),
        "scope": window.scope(),
        "criteria": window.filters.criteria().to_json(),
        "filters_visible": not window.filters.isHidden(),
        "pages": window.pages.session(),
    }
    settings.setValue("session/state", json.dumps(session))
    settings.sync()
