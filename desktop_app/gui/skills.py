"""The skills a job asks for, as chips on its page (what I have and lack): each a link to its entry."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from PySide6.QtCore import QCoreApplication

from desktop_app.service.myskills import HaveLack, have_and_lack
from desktop_app.service.skills import JobSkill, TermDemand


def _tr(text: str) -> str:
    return QCoreApplication.translate("skills", text)


def _chip(skill: JobSkill) -> str:
    href = escape(f"term:{skill.id}", quote=True)
    return f"<a href=\"{href}\" style='text-decoration: none;'>&nbsp;{escape(skill.title)}&nbsp;</a>"


def skills_html(skills: Sequence[JobSkill], have: frozenset[str] = frozenset()) -> str:
    """Return the job page's skills block ("" when none).

    Without a profile: required skills, then nice-to-have ones. With My Skills (``have``): what
    I have, and what I lack, required then nice to have, each a link to its entry. Then links
    to study the missing skills and to export them as a study sheet.
    """
    if not skills:
        return ""
    if have:
        return _have_lack_html(have_and_lack(skills, have), len(skills))
    required = [s for s in skills if s.required]
    nice = [s for s in skills if not s.required]
    lines = []
    if required:
        lines.append(f"<b>{_tr('Asks for')}:</b> " + " · ".join(_chip(s) for s in required))
    if nice:
        lines.append(f"<b>{_tr('Nice to have')}:</b> " + " · ".join(_chip(s) for s in nice))
    study = _tr("<a href='do:study_missing'>Study these skills</a> (their entries in tabs) · "
                "<a href='do:my_skills'>Add My Skills</a> to see what you have and lack")  # fmt: skip
    return f"<p class='skills'>{'<br/>'.join(lines)}</p><p class='study'>{study}</p>"


def _have_lack_html(split: HaveLack, asked: int) -> str:
    lines = []
    for label, chips in (
        (_tr("You have ({0} of {1})").format(len(split.have), asked), split.have),
        (_tr("Missing, required"), split.missing_required),
        (_tr("Missing, nice to have"), split.missing_nice),
    ):
        if chips:
            lines.append(f"<b>{label}:</b> " + " · ".join(_chip(s) for s in chips))
    if split.missing:
        study = _tr("<a href='do:study_missing'>Study the missing skills</a> · "
                    "<a href='do:export_study'>Export a study sheet…</a>")  # fmt: skip
    else:
        study = _tr("You have every skill this job asks for.")
    return f"<p class='skills'>{'<br/>'.join(lines)}</p><p class='study'>{study}</p>"


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
