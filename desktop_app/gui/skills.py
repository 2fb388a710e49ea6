"""The skills a job asks for, as chips on its page: each a link to its glossary entry."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from PySide6.QtCore import QCoreApplication

from desktop_app.service.skills import JobSkill, TermDemand


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


def _thousands(amount: float) -> str:
    return f"${amount / 1000:,.0f}k"


def demand_html(demand: TermDemand | None) -> str:
    """Return a term page's demand block: how many jobs ask for it, what with, at what pay.

    "Asked by 312 jobs (18%), often with Docker, Terraform; median pay $152k vs $131k without it
    (salary known for 200 jobs)." Empty when no job asks for the term.
    """
    if demand is None:
        return ""
    jobs = _tr("1 job") if demand.jobs == 1 else _tr("{0:,} jobs").format(demand.jobs)
    text = _tr("Asked by {0} ({1:.0%})").format(jobs, demand.share)
    if demand.with_titles:
        links = ", ".join(
            f'<a href="{escape(f"term:{slug}", quote=True)}">{escape(title)}</a>'
            for slug, title, _ in demand.with_titles
        )
        text += _tr(", often with {0}").format(links)
    if demand.pay_with is not None:
        without = _thousands(demand.pay_without) if demand.pay_without is not None else "—"
        text += _tr("; median pay {0} vs {1} without it (salary known for {2:,} jobs)").format(
            _thousands(demand.pay_with), without, demand.pay_known
        )
    return f"<h2>{_tr('In the jobs')}</h2><p class='demand'>{text}.</p>"
