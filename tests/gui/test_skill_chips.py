"""A job page lists the skills the job asks for as chips, each a link to its glossary entry."""

from __future__ import annotations

from pathlib import Path

from desktop_app.gui.detail_tabs import Place
from desktop_app.gui.pages import build_page
from desktop_app.service import Service
from tests.skills.test_job_skills import posting_file


def test_a_job_page_shows_required_and_nice_to_have_skills_as_links(service: Service, tmp_path: Path) -> None:
    job_id = service.jobs.import_files([posting_file(tmp_path)]).accepted[0].id
    page = build_page(service, Place("job", job_id))
    assert page is not None
    html = page[1]
    block = html[html.index("<p class='skills'>") :]
    block = block[: block.index("</p>")]
    asks, nice = block.split("<br/>")
    assert "Asks for" in asks and 'href="term:go"' in asks and 'href="term:postgresql"' in asks
    assert "Nice to have" in nice and 'href="term:apache-kafka"' in nice and "term:go" not in nice


def test_a_job_that_asks_for_no_term_has_no_skills_block(service: Service, tmp_path: Path) -> None:
    plain = posting_file(tmp_path, "<p>Drive our delivery van around town.</p>", identifier="van-1")
    job_id = service.jobs.import_files([plain]).accepted[0].id
    page = build_page(service, Place("job", job_id))
    assert page is not None and "class='skills'" not in page[1]
