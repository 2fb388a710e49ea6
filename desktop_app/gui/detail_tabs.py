"""Detail tabs: each tab shows a term or job page and keeps its own Back/Forward history."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QApplication, QTabBar, QTabWidget, QWidget

from desktop_app.gui.detail import DetailView
from desktop_app.gui.tasks import Task, TaskRunner

MAX_HISTORY = 100


@dataclass(frozen=True, slots=True)
class Place:
    """A page: a term or a job, by id; or one of the app's own pages ("page": "welcome", "help")."""

    kind: Literal["term", "job", "page"]
    id: str


Page = tuple[str, str]  # (title, html)
PageSource = Callable[[Place], Page | None]  # blocking: DetailTabs runs it on the read thread


class DetailTab(DetailView):
    """One tab: a page view and its history."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.history: list[Place] = []
        self.position = -1
        self.scrolls: dict[int, int] = {}
        self.wanted = 0  # the serial of the latest page asked for this tab; older answers are dropped

    @property
    def place(self) -> Place | None:
        return self.history[self.position] if 0 <= self.position < len(self.history) else None

    def remember_scroll(self) -> None:
        if self.place is not None:
            self.scrolls[self.position] = self.verticalScrollBar().value()


class DetailTabs(QTabWidget):
    """The tab strip of pages; pages are built by ``source`` on the runner's read thread.

    Signals:
        page_shown(str, str): a tab now shows a page (kind, id).
        page_missing(str, str): a page asked for does not exist (kind, id).
        page_failed(str): building a page failed (the message).
        navigation_changed(): Back/Forward availability or the current tab changed.
        filter_link_activated(str): a saved-filter link was clicked in a page (its id).
        command_link_activated(str): a command link was clicked in a page (an action id).
    """

    page_shown = Signal(str, str)
    page_missing = Signal(str, str)
    page_failed = Signal(str)
    navigation_changed = Signal()
    filter_link_activated = Signal(str)
    command_link_activated = Signal(str)

    def __init__(self, source: PageSource, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._source = source
        self._runner = runner
        self._serial = 0
        self._dropped_up_to = 0  # answers to requests up to this serial are not wanted any more
        self.setDocumentMode(True)
        self.setTabsClosable(True)
        self.setMovable(True)
        self.setAccessibleName(self.tr("Pages"))
        self.tabCloseRequested.connect(self.close_tab)
        self.currentChanged.connect(lambda _i: self.navigation_changed.emit())
        self.add_tab()

    # -- tabs -------------------------------------------------------------------------------
    def current(self) -> DetailTab:
        """Return the current tab (there is always one)."""
        widget = self.currentWidget()
        assert isinstance(widget, DetailTab)
        return widget

    def tabs(self) -> list[DetailTab]:
        """Return every tab, in order."""
        return [w for w in (self.widget(i) for i in range(self.count())) if isinstance(w, DetailTab)]

    def add_tab(self, activate: bool = True) -> DetailTab:
        """Open a new, empty tab; return it."""
        tab = DetailTab(self)
        tab.term_link_activated.connect(lambda slug: self.open(Place("term", slug)))
        tab.job_link_activated.connect(lambda job_id: self.open(Place("job", job_id)))
        tab.filter_link_activated.connect(self.filter_link_activated)
        tab.command_link_activated.connect(self.command_link_activated)
        tab.new_tab_requested.connect(
            lambda kind, item: self.open(Place("term" if kind == "term" else "job", item), new_tab=True)
        )
        index = self.addTab(tab, self.tr("New tab"))
        tab.setAccessibleName(self.tr("New tab"))  # then the title of the page it shows
        for side in (QTabBar.ButtonPosition.LeftSide, QTabBar.ButtonPosition.RightSide):
            button = self.tabBar().tabButton(index, side)
            if button is not None:
                button.setAccessibleName(self.tr("Close tab"))
        if activate:
            self.setCurrentIndex(index)
        return tab

    def close_tab(self, index: int) -> None:
        """Close a tab; the last one is emptied instead of closed."""
        if self.count() == 1:
            tab = self.current()
            tab.history.clear()
            tab.position = -1
            tab.wanted = self._next_serial()
            tab.clear()
            self.setTabText(0, self.tr("New tab"))
            self.navigation_changed.emit()
            return
        widget = self.widget(index)
        self.removeTab(index)
        if widget is not None:
            widget.deleteLater()

    # -- pages ------------------------------------------------------------------------------
    def open(self, place: Place, new_tab: bool = False) -> None:
        """Build ``place`` in the background and show it in the current tab (or a new one).

        ``page_shown`` follows when it is shown, ``page_missing`` when it does not exist.
        """
        self._request(None if new_tab else self.current(), place, record=True)

    def show_now(self, place: Place) -> None:
        """Build ``place`` here and now (one of the app's quick own pages) and show it in the current tab.

        It goes into the tab's history like any page, so Back returns to it.
        """
        serial = self._next_serial()
        self.current().wanted = serial
        self._on_page_built(serial, self.current(), place, self._source(place), record=True, scroll=0)

    def show_html(self, title: str, html: str) -> None:
        """Show a page that is kept nowhere (a passing message) in the current tab."""
        tab = self.current()
        tab.wanted = self._next_serial()  # a page still being built for this tab is not wanted now
        tab.show_html(html)
        tab.setAccessibleName(title)
        self.setTabText(self.currentIndex(), title)

    def drop_pending(self) -> None:
        """Forget every page still being built (the window is closing): none will be shown."""
        self._dropped_up_to = self._serial

    def _next_serial(self) -> int:
        self._serial += 1
        return self._serial

    def _request(self, tab: DetailTab | None, place: Place, record: bool, scroll: int = 0) -> None:
        serial = self._next_serial()
        if tab is not None:
            tab.wanted = serial
        task = Task(self._source, place)
        task.signals.finished.connect(
            lambda page: self._on_page_built(serial, tab, place, page, record, scroll)
        )
        task.signals.failed.connect(self.page_failed)
        self._runner.read(task)

    def _on_page_built(
        self, serial: int, tab: DetailTab | None, place: Place, page: Page | None, record: bool, scroll: int
    ) -> None:
        if serial <= self._dropped_up_to:
            return
        if tab is not None and (tab.wanted != serial or not any(t is tab for t in self.tabs())):
            return  # superseded by a newer page for this tab, or the tab was closed
        if page is None:
            if tab is not None and not record and tab.place == place:
                tab.show_html("<p>" + self.tr("This page no longer exists.") + "</p>")
            self.page_missing.emit(place.kind, place.id)
            return
        if tab is None:
            tab = self.add_tab()
        title, html = page
        if record:
            tab.remember_scroll()
            del tab.history[tab.position + 1 :]
            if not tab.history or tab.history[-1] != place:
                tab.history.append(place)
            del tab.history[:-MAX_HISTORY]
            tab.position = len(tab.history) - 1
        tab.show_html(html)
        if scroll:
            # The page is laid out on the next turn of the event loop; scroll after that.
            QTimer.singleShot(0, lambda: tab.verticalScrollBar().setValue(scroll))
        index = self.indexOf(tab)
        self.setTabText(index, _short(title))
        self.setTabToolTip(index, title)
        tab.setAccessibleName(title)
        self.page_shown.emit(place.kind, place.id)
        self.navigation_changed.emit()

    def copy_text(self) -> str:
        """Copy the current page's text to the clipboard; return what to tell the user."""
        QApplication.clipboard().setText(self.current().toPlainText())
        return self.tr("Page text copied.")

    def copy_link(self) -> str:
        """Copy a link to the current page (glossary-jobs:term/flask); return what to tell the user."""
        place = self.current().place
        if place is None or place.kind == "page":
            return self.tr("This page has no link.")
        QApplication.clipboard().setText(f"glossary-jobs:{place.kind}/{place.id}")
        return self.tr("Link copied.")

    def refresh_current(self) -> None:
        """Build the current tab's page again (after its data changed), keeping its place."""
        tab = self.current()
        if tab.place is not None:
            self._request(tab, tab.place, record=False, scroll=tab.verticalScrollBar().value())

    def can_go_back(self) -> bool:
        return self.current().position > 0

    def can_go_forward(self) -> bool:
        tab = self.current()
        return tab.position < len(tab.history) - 1

    def go_back(self) -> None:
        """Show the previous page of the current tab's history."""
        self._step(-1)

    def go_forward(self) -> None:
        """Show the next page of the current tab's history."""
        self._step(1)

    def _step(self, delta: int) -> None:
        tab = self.current()
        target = tab.position + delta
        if 0 <= target < len(tab.history):
            tab.remember_scroll()
            tab.position = target  # at once, so that a second Back goes one further
            self._request(tab, tab.history[target], record=False, scroll=tab.scrolls.get(target, 0))
            self.navigation_changed.emit()

    # -- session ----------------------------------------------------------------------------
    def session(self) -> dict[str, Any]:
        """Return the tabs, their histories and scroll positions, as JSON-ready data."""
        tabs = []
        for tab in self.tabs():
            tab.remember_scroll()
            tabs.append(
                {
                    "history": [[p.kind, p.id] for p in tab.history],
                    "position": tab.position,
                    "scroll": tab.scrolls.get(tab.position, 0),
                }
            )
        return {"tabs": tabs, "current": self.currentIndex()}

    def restore(self, state: object) -> bool:
        """Reopen the tabs of a saved session (their pages follow); return False when it had none."""
        if not isinstance(state, dict) or not isinstance(state.get("tabs"), list):
            return False
        opened = 0
        for saved in state["tabs"]:
            if not isinstance(saved, dict) or not isinstance(saved.get("history"), list):
                continue
            history = [
                Place(kind, str(item))
                for kind, item in (h for h in saved["history"] if isinstance(h, list) and len(h) == 2)
                if kind in ("term", "job", "page")
            ]
            if not history:
                continue
            position = saved.get("position", len(history) - 1)
            position = position if isinstance(position, int) and 0 <= position < len(history) else 0
            tab = self.current() if opened == 0 else self.add_tab(activate=False)
            tab.history = history
            tab.position = position
            scroll = saved.get("scroll", 0)
            self._request(
                tab, history[position], record=False, scroll=scroll if isinstance(scroll, int) else 0
            )
            opened += 1
        current = state.get("current", 0)
        if isinstance(current, int) and 0 <= current < self.count():
            self.setCurrentIndex(current)
        return opened > 0


def _short(title: str, width: int = 28) -> str:
    return title if len(title) <= width else title[: width - 1] + "…"
