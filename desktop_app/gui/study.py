"""The study sheet: the entries of the skills a job asks for and I lack, as a printable page (HTML, PDF)."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMarginsF, QSizeF
from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter, QTextDocument

from desktop_app.core.files import write_atomic
from desktop_app.core.types import Term

SHEET_STYLE = (
    "body { font-family: sans-serif; font-size: 10.5pt; color: #111; }"
    "h1 { font-size: 17pt; margin-bottom: 2pt; }"
    "h2 { font-size: 13pt; margin-top: 14pt; margin-bottom: 2pt; }"
    ".meta { color: #555; } .summary { font-style: italic; } .sources { color: #333; font-size: 9pt; }"
)


def _tr(text: str) -> str:
    return QCoreApplication.translate("Study", text)


def _paragraphs(text: str) -> str:
    return "".join(f"<p>{escape(part.strip())}</p>" for part in text.split("\n\n") if part.strip())


def sheet_html(job_title: str, company: str | None, terms: Sequence[Term]) -> str:
    """Return the interview-prep sheet: each entry's summary, definition, signal and sources."""
    where = f" — {escape(company)}" if company else ""
    out = [
        f"<h1>{escape(_tr('Study sheet'))}: {escape(job_title)}{where}</h1>",
        "<p class='meta'>"
        + escape(_tr("{0} skills this job asks for that are not in My Skills.").format(len(terms)))
        + "</p>",
    ]
    for term in terms:
        out.append(f"<h2>{escape(term.title)}</h2>")
        names = ", ".join(term.aliases)
        meta = escape(term.category) + (f" · {escape(_tr('also'))}: {escape(names)}" if names else "")
        out.append(f"<p class='meta'>{meta}</p><p class='summary'>{escape(term.summary)}</p>")
        out.append(_paragraphs(term.definition))
        if term.recruiters:
            out.append(f"<p><b>{escape(_tr('In a job ad'))}:</b> {escape(term.recruiters)}</p>")
        if term.sources:
            items = "".join(f"<li>{escape(source)}</li>" for source in term.sources)
            out.append(
                f"<p class='sources'><b>{escape(_tr('Sources'))}</b></p><ul class='sources'>{items}</ul>"
            )
    body = "\n".join(out)
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'>"
        f"<title>{escape(_tr('Study sheet'))}: {escape(job_title)}</title>"
        f"<style>{SHEET_STYLE}</style></head><body>{body}</body></html>"
    )


def write_sheet(path: Path, html: str) -> None:
    """Write the sheet as a PDF (``.pdf``, A4 through Qt) or as a web page; raises OSError."""
    if path.suffix.lower() != ".pdf":
        write_atomic(path, html)
        return
    document = QTextDocument()
    document.setDefaultStyleSheet(SHEET_STYLE)
    document.setHtml(html)
    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(QMarginsF(18, 18, 18, 18), QPageLayout.Unit.Millimeter)
    writer.setResolution(96)
    writer.setTitle(path.stem)
    writer.setCreator("Glossary & Jobs")
    area = writer.pageLayout().paintRectPixels(writer.resolution()).size()
    document.setPageSize(QSizeF(area))
    document.print_(writer)
    if not path.is_file() or path.stat().st_size == 0:
        raise OSError(f"{path.name} could not be written")
