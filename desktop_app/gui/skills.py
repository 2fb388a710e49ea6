"""The skills a job asks for, as chips on its page: each a link to its glossary entry."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from PySide6.QtCore import QCoreApplication

from desktop_app.service.skills import JobSkill


def _tr(text: str) -> str:
    return QCoreApplication.translate("skills", text)


def _chip(skill: JobSkill) -> str:
    href = escape(f"term:{skill.id}", quote=True)
    return f"<a href=\"{href}\" style='text-decoration: none;'>&nbsp;{escape(skill.title)}&nbsp;</a>"


def skills_html(skills: Sequence[JobSkill]) -> str:
    """Return the job page's skills block: required skills, then nice-to-have ones ("" when none)."""
    required = [s for s in skills if s.required]
    nice = [s for s in skills if not s.required]
    lines = []
    if required:
        lines.append(f"<b>{_tr('Asks for')}:</b> " + " · ".join(_chip(s) for s in required))
    if nice:
        lines.append(f"<b>{_tr('Nice to have')}:</b> " + " · ".join(_chip(s) for s in nice))
    return f"<p class='skills'>{'<br/>'.join(lines)}</p>" if lines else ""
