"""A term page shows when its facts were checked, the line for recruiters and quotations as such."""

from __future__ import annotations

from datetime import date

from pytestqt.qtbot import QtBot

from desktop_app.core.types import NamedText, RelatedRef, Term, TermId
from desktop_app.gui.render import term_html
from desktop_app.service import Link, TermDetail


def _detail(**fields: object) -> TermDetail:
    term = Term(
        slug=TermId("twelve-factor-app"),
        title="Twelve-Factor App",
        aliases=(),
        category="Architecture & Practices",
        summary="Guidelines for cloud services.",
        definition="Twelve rules.",
        applications=(NamedText("Scaling", "Run more processes."),),
        safety=(
            NamedText(
                "Store config in the environment", "Ours <b>only</b>.", True, "https://12factor.net/config"
            ),
        ),
        related=(RelatedRef(TermId("docker"), "Runs them."),),
        **fields,  # type: ignore[arg-type]
    )
    return TermDetail(term, (Link(TermId("docker"), "Docker", "Runs them."),), (), ())


def test_reviewed_sources_recruiters_and_quotes_show(qtbot: QtBot) -> None:
    page = term_html(
        _detail(
            reviewed=date(2026, 11, 29),
            sources=("https://12factor.net/",),
            recruiters="Signals cloud-ready habits & care.",
        )
    )
    assert "<b>For recruiters:</b> Signals cloud-ready habits &amp; care." in page
    assert "“Store config in the environment”" in page
    assert "<a href='https://12factor.net/config'>" in page
    assert "Ours &lt;b&gt;only&lt;/b&gt;." in page  # quoted or not, text stays escaped
    assert "Facts checked on 2026-11-29: <a href='https://12factor.net/'>" in page
    assert "<p><b>Scaling:</b> Run more processes.</p>" in page


def test_an_entry_without_the_new_fields_shows_no_empty_lines(qtbot: QtBot) -> None:
    page = term_html(_detail())
    assert "For recruiters" not in page and "Facts checked" not in page
