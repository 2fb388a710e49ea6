"""A résumé's text, read on the machine: plain text, Markdown, PDF (pypdf) or Word (python-docx)."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

from desktop_app.core.lazy import lazy_module

if TYPE_CHECKING:
    import docx
    import docx.opc.exceptions
    import pypdf
else:  # read only when a résumé is: kept out of start-up
    docx = lazy_module("docx")
    pypdf = lazy_module("pypdf")

READABLE = (".txt", ".md", ".pdf", ".docx")
MIN_CHARACTERS = 20


class ResumeError(Exception):
    """A résumé that cannot be read, with the one line that says why."""


def read_resume(path: Path) -> str:
    """Return the text of a résumé file.

    Raises ResumeError with a clear message for a missing, empty, encrypted, image-only or
    unreadable file, or one of another format.
    """
    suffix = path.suffix.lower()
    if suffix not in READABLE:
        raise ResumeError(f"{path.name}: a résumé must be .txt, .md, .pdf or .docx")
    if not path.is_file():
        raise ResumeError(f"{path.name}: no such file")
    try:
        if suffix == ".pdf":
            text = _pdf_text(path)
        elif suffix == ".docx":
            text = _docx_text(path)
        else:
            text = path.read_text(encoding="utf-8-sig", errors="replace")
    except OSError as exc:
        raise ResumeError(f"{path.name}: cannot be read ({exc.strerror or exc})") from exc
    if len(text.strip()) < MIN_CHARACTERS:
        what = "holds no text (a scanned image?)" if suffix == ".pdf" else "is empty"
        raise ResumeError(f"{path.name}: {what}")
    return text


def _pdf_text(path: Path) -> str:
    try:
        reader = pypdf.PdfReader(path)
        if reader.is_encrypted:
            raise ResumeError(f"{path.name}: the PDF is password-protected; save an unprotected copy")
        return "\n".join(page.extract_text() or "" for page in reader.pages)
    except (pypdf.errors.PdfReadError, ValueError, KeyError) as exc:
        raise ResumeError(f"{path.name}: not a readable PDF ({exc})") from exc


def _docx_text(path: Path) -> str:
    try:
        document = docx.Document(str(path))
    except (docx.opc.exceptions.PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ResumeError(f"{path.name}: not a readable Word document") from exc
    lines = [p.text for p in document.paragraphs]
    lines += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join(lines)
