"""A job's page shows what the import kept: pay as posted, the apply link and the listing's page."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from pytestqt.qtbot import QtBot

from desktop_app.core.types import Job, JobId
from desktop_app.gui.detail import DetailView
from desktop_app.gui.render import job_html
from desktop_app.importers import parse_file
from tests.conftest import FIXTURES

TODAY = date(2026, 11, 29)
LISTING = "https://jobs.lever.co/voltaic/0b6c3e1a-5d2f-4e8b-9a71-3c4d5e6f7a81"


@pytest.fixture
def lever_job() -> Job:
    return parse_file(FIXTURES / "lever_twins.json").jobs[0]


def anchors(view: DetailView) -> dict[str, str]:
    """Return the page's links as the reader sees them: text → target."""
    found: dict[str, str] = {}
    block = view.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            href = fragment.charFormat().anchorHref()
            if href:
                found[fragment.text().strip()] = href
            it += 1
        block = block.next()
    return found


def test_a_lever_job_shows_both_links_and_opens_one_only_when_clicked(
    qtbot: QtBot, lever_job: Job, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toString()))
    view = DetailView()
    qtbot.addWidget(view)
    view.show_html(job_html(lever_job, today=TODAY))
    links = anchors(view)
    assert links["Apply ↗"] == LISTING + "/apply" and links["Job listing ↗"] == LISTING
    assert opened == [] and view.requested_resources == []  # shown, nothing fetched or opened
    view.anchorClicked.emit(QUrl(links["Job listing ↗"]))
    assert opened == [LISTING]


def test_one_link_when_the_posting_is_where_one_applies(lever_job: Job) -> None:
    same = replace(lever_job, apply_url=LISTING, url=LISTING, direct_apply=True)
    page = job_html(same, today=TODAY)
    assert page.count("<a href='https://") == 1 and "Open posting ↗" in page
    assert "you can apply on the posting itself" in page
    only_listing = replace(lever_job, apply_url=None)
    assert f"<a href='{LISTING}'" in job_html(only_listing, today=TODAY)


def test_links_that_are_not_web_pages_are_not_shown(lever_job: Job) -> None:
    hostile = replace(lever_job, apply_url="javascript:alert(1)", url="https://example.com/a'onmouseover='x")
    page = job_html(hostile, today=TODAY)
    assert "javascript:" not in page and "onmouseover='" not in page
    assert "https://example.com/a&#x27;onmouseover=&#x27;x" in page


def test_pay_that_could_not_be_read_is_shown_as_posted(qtbot: QtBot) -> None:
    job = Job(JobId("j"), "Barista", salary_text="Competitive, depending on <experience>")
    view = DetailView()
    qtbot.addWidget(view)
    view.show_html(job_html(job, today=TODAY))
    text = view.toPlainText()
    assert "Salary\nCompetitive, depending on <experience> (as posted; counted as salary unknown)" in text
