"""What the reader has in hand: the job of the focused row or open page, the search, the filters."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtWidgets import QLineEdit, QListView

from desktop_app.core.criteria import Criteria
from desktop_app.gui.detail_tabs import DetailTabs
from desktop_app.gui.filter_panel import FilterPanel
from desktop_app.gui.results import IdRole, KindRole


class CurrentSelection(Protocol):
    """The narrow view of the window that the user-data controller acts on."""

    def current_job_id(self) -> str | None:
        """Return the job a command such as Star acts on, or None."""
        ...

    def current_company(self) -> str | None:
        """Return the company of that job, or None."""
        ...

    def search_text(self) -> str:
        """Return the query as typed."""
        ...

    def criteria(self) -> Criteria:
        """Return the filters as set."""
        ...


class ViewSelection:
    """A CurrentSelection read from the widgets: the results row when it has the focus, else the page."""

    def __init__(
        self,
        results: QListView,
        pages: DetailTabs,
        search_box: QLineEdit,
        filters: FilterPanel,
        company_of: Callable[[str], str | None],
    ) -> None:
        self._results = results
        self._pages = pages
        self._search_box = search_box
        self._filters = filters
        self._company_of = company_of

    def current_job_id(self) -> str | None:
        """Return the focused job row's id, else the open job page's, else None."""
        index = self._results.currentIndex()
        if self._results.hasFocus() and index.isValid() and index.data(KindRole) == "job":
            return str(index.data(IdRole))
        place = self._pages.current().place
        return place.id if place is not None and place.kind == "job" else None

    def current_company(self) -> str | None:
        """Return the company of the current job, or None."""
        job_id = self.current_job_id()
        return self._company_of(job_id) if job_id else None

    def search_text(self) -> str:
        """Return the query as typed."""
        return self._search_box.text()

    def criteria(self) -> Criteria:
        """Return the filters as set in the panel."""
        return self._filters.criteria()
