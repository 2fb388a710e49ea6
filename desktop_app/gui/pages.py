"""The page of a term or a job, built from the service: run it on the read thread, not the GUI's."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale

from desktop_app.core.snapshot import from_snapshot
from desktop_app.gui.cheatsheet import cheat_sheet_html
from desktop_app.gui.detail_tabs import Page, Place
from desktop_app.gui.render import job_html, term_html, welcome_html
from desktop_app.gui.skills import demand_html, skills_html
from desktop_app.service import Service


def build_page(service: Service, place: Place) -> Page | None:
    """Return the title and HTML of ``place``, or None when it does not exist.

    A term page searches the index once per title and alias (the jobs asking for it), and a job
    page links every glossary term its description names: both too slow for the GUI thread.
    A job no longer listed is shown from its favourite's snapshot, if it has one.
    """
    if place.kind == "page":
        return own_page(service, place.id)
    if place.kind == "term":
        detail = service.glossary.term(place.id)
        return (
            (
                detail.term.title,
                term_html(detail, lambda prose: service.glossary.linked_prose(prose, detail.term.slug))
                + demand_html(service.skills.term_demand(detail.term.slug)),
            )
            if detail
            else None
        )
    job = service.jobs.job(place.id)
    favourite = service.user.favourite(place.id)
    if job is None:
        if favourite is None:
            return None
        job = from_snapshot(place.id, favourite.snapshot)
    closed = service.boards.closed_on(place.id)  # every board that listed it has dropped it
    asked = service.skills.of_job(job.id)
    description = skills_html(asked, service.myskills.slugs()) + service.glossary.linked_description(job)
    return job.title, job_html(job, description=description, favourite=favourite, closed_on=closed)


def own_page(service: Service, page_id: str) -> Page | None:
    """Return the app's own page "welcome" (counts, how to start, saved filters, recent) or "help" (F1)."""
    if page_id == "welcome":
        terms, jobs = service.profile.counts()
        user = service.user
        html = welcome_html(
            QLocale().toString(terms),
            QLocale().toString(jobs),
            user.saved_filters(),
            user.recent(8),
            service.pipeline.due_count(),
        )
        return QCoreApplication.translate("Pages", "Welcome"), html
    if page_id == "help":
        return QCoreApplication.translate("Pages", "Cheat Sheet"), cheat_sheet_html()
    return None
