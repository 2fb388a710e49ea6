"""The detail pane: shows a term or a job, loads nothing remote, and routes link clicks."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QMouseEvent, QPalette
from PySide6.QtWidgets import QTextBrowser, QWidget

from desktop_app.gui.render import COMMAND_SCHEME, FILTER_SCHEME, JOB_SCHEME, TERM_SCHEME, page_style
from desktop_app.gui.theme import muted_colour

EXTERNAL_SCHEMES = ("http", "https", "mailto")


class DetailView(QTextBrowser):
    """A read-only page with internal links.

    Signals:
        term_link_activated(str): a link to a term was clicked (its slug).
        job_link_activated(str): a link to a job was clicked (its id).
        external_link_activated(str): an http(s) or mailto link was clicked and handed to the system.
        new_tab_requested(str, str): a term or job link was middle-clicked (kind, id).
        filter_link_activated(str): a saved-filter link was clicked (its id).
        command_link_activated(str): a command link was clicked (an action id: star, note, ...).
    """

    term_link_activated = Signal(str)
    job_link_activated = Signal(str)
    external_link_activated = Signal(str)
    new_tab_requested = Signal(str, str)
    filter_link_activated = Signal(str)
    command_link_activated = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self._apply_style()
        self.requested_resources: list[str] = []
        self._html = ""
        self.anchorClicked.connect(self._on_anchor_clicked)

    def show_html(self, html: str) -> None:
        """Show a page and scroll to its top."""
        self._html = html
        self.setHtml(html)
        self.verticalScrollBar().setValue(0)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        # Link and text colours are fixed when a page is laid out: lay it out again in the new palette.
        if event.type() == QEvent.Type.PaletteChange:
            self._apply_style()
        if event.type() == QEvent.Type.PaletteChange and self._html:
            position = self.verticalScrollBar().value()
            self.setHtml(self._html)
            self.verticalScrollBar().setValue(position)
        super().changeEvent(event)

    def _apply_style(self) -> None:
        palette = self.palette()
        muted = muted_colour(palette.color(QPalette.ColorRole.Text), palette.color(QPalette.ColorRole.Base))
        self.document().setDefaultStyleSheet(page_style(muted.name()))

    def loadResource(self, kind: int, url: QUrl | str) -> Any:  # noqa: N802
        # Untrusted content is inert: no image, stylesheet or other resource is ever fetched.
        self.requested_resources.append(url.toString() if isinstance(url, QUrl) else str(url))
        return None

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.MiddleButton:
            anchor = self.anchorAt(event.position().toPoint())
            url = QUrl(anchor)
            if url.scheme().lower() in (TERM_SCHEME, JOB_SCHEME):
                self.new_tab_requested.emit(url.scheme().lower(), url.path())
                return
        super().mouseReleaseEvent(event)

    def _on_anchor_clicked(self, url: QUrl) -> None:
        scheme = url.scheme().lower()
        if scheme == FILTER_SCHEME:
            self.filter_link_activated.emit(url.path())
        elif scheme == COMMAND_SCHEME:
            self.command_link_activated.emit(url.path())
        elif scheme == TERM_SCHEME:
            self.term_link_activated.emit(url.path())
        elif scheme == JOB_SCHEME:
            self.job_link_activated.emit(url.path())
        elif scheme in EXTERNAL_SCHEMES:
            self.external_link_activated.emit(url.toString())
            QDesktopServices.openUrl(url)
