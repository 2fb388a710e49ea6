"""A job page lists the skills the job asks for as chips, each a link to its glossary entry."""

from __future__ import annotations

from pathlib import Path

from desktop_app.gui.detail_tabs import Place
from desktop_app.gui.pages import build_page
from desktop_app.service import Service
from tests.skills.test_job_skills import DESCRIPTION, posting_file


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


def test_a_term_page_says_how_many_jobs_ask_for_it_with_what_and_at_what_pay(
    service: Service, tmp_path: Path
) -> None:
    asking_before = service.skills.term_demand("apache-kafka")
    before = asking_before.jobs if asking_before else 0
    texts = [DESCRIPTION.replace("payment APIs", f"{team} APIs") for team in ("card", "bank", "ledger")]
    service.jobs.import_files([
        posting_file(tmp_path, text, identifier=f"pay-{n}", title=f"Payments Engineer {n}")
        for n, text in enumerate(texts)
    ])  # fmt: skip
    demand = service.skills.term_demand("apache-kafka")
    assert demand is not None and demand.jobs == before + 3
    assert ("go", "Go") in [(slug, title) for slug, title, _ in demand.with_titles]
    page = build_page(service, Place("term", "apache-kafka"))
    assert page is not None
    block = page[1][page[1].index("<p class='demand'>") :]
    assert block.startswith(f"<p class='demand'>Asked by {before + 3:,} jobs (")
    assert 'often with <a href="term:' in block and "term:go" in block


def test_a_term_page_shows_without_its_demand_block_while_the_index_cannot_be_opened(
    service: Service, tmp_path: Path
) -> None:
    service.jobs.import_files([posting_file(tmp_path)])
    service.indexing.close()
    for part in service.profile.paths.index_dir.glob("*"):
        part.write_bytes(b"not an index")
    page = build_page(service, Place("term", "apache-kafka"))
    assert page is not None and page[0] == "Apache Kafka"
    assert "<p class='demand'>" not in page[1]
