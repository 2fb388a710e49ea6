"""The detail pane's HTML for a term or a job; every stored text is escaped or already sanitised."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from html import escape

from PySide6.QtCore import QCoreApplication

from desktop_app.core.types import Job, NamedText
from desktop_app.service import STATUSES, FavouriteInfo, Link, SavedFilter, TermDetail


def _tr(text: str) -> str:
    return QCoreApplication.translate("Pages", text)


TERM_SCHEME = "term"
JOB_SCHEME = "job"
FILTER_SCHEME = "filter"
COMMAND_SCHEME = "do"  # do:star, do:status_applied: the window's action of that id, on this job


def _paragraphs(text: str) -> str:
    blocks = [b.strip() for b in text.split("\n\n") if b.strip()]
    return "".join(f"<p>{escape(' '.join(b.split()))}</p>" for b in blocks)


BRING_JOBS_IN = (
    "Bring jobs in with File → {boards} (Ctrl+B): paste a company's careers page "
    "(Greenhouse, Lever, Ashby, SmartRecruiters or Workable) and press Fetch — the only time the app "
    "goes online; what it fetches stays searchable offline. Or File → {import_jobs} (Ctrl+I), or drop "
    "job files (JSON-LD, HTML pages, CSV, ATS JSON) on the window."
)


def _command(action_id: str, text: str) -> str:
    """Return a link that runs the window's action ``action_id`` (a do: link), reading ``text``."""
    return f"<a href='{COMMAND_SCHEME}:{action_id}'>{escape(text)}</a>"


def bring_jobs_in() -> str:
    """Return how jobs get in, the Company Boards and Import Jobs dialogs a click away."""
    return _tr(BRING_JOBS_IN).format(
        boards=_command("company_boards", _tr("Company Boards…")),
        import_jobs=_command("import_jobs", _tr("Import Jobs…")),
    )


def welcome_html(terms: str, jobs: str, saved: list[SavedFilter], recent: list[Link], due: int = 0) -> str:
    """Return the start page: counts, what is due, how to search, saved filters and recent items.

    ``due``: how many next actions of the pipeline fall today or are overdue (offline reminders).
    """
    examples = " · ".join(
        f"<code>{e}</code>" for e in ("flask", "kube", "djnago", "type:full_time salary:>80000")
    )
    parts = [
        "<h1>Glossary &amp; Jobs</h1>",
        f"<p class='summary'>{escape(_tr('{0} terms and {1} jobs, offline.').format(terms, jobs))}</p>",
        _due_html(due),
        f"<p>{_tr('Type in the search box (Ctrl+L); results appear while you type. Try:')} {examples}</p>",
        "<p>"
        + _tr(
            "Up/Down move through results, Enter opens one, Ctrl+Enter opens it in a new tab; "
            "Alt+Left/Alt+Right go back and forward; Esc clears the search."
        )
        + "</p>",
        "<p>"
        + _tr("The whole search syntax and every shortcut: {0} (F1).").format(
            _command("cheat_sheet", _tr("Search syntax and shortcuts"))
        )
        + "</p>",
        f"<h2>{_tr('Bringing jobs in')}</h2><p>{bring_jobs_in()}</p>",
    ]
    if saved:
        parts.append(f"<h2>{_tr('Saved filters')}</h2><ul>")
        parts += [f"<li><a href='{FILTER_SCHEME}:{f.id}'>{escape(f.name)}</a></li>" for f in saved]
        parts.append("</ul>")
    if recent:
        parts.append(f"<h2>{_tr('Recently viewed')}</h2><ul>")
        parts += [f"<li><a href='{link.id}'>{escape(link.title)}</a></li>" for link in recent]
        parts.append("</ul>")
    return "".join(parts)


def _due_html(due: int) -> str:
    """Return the Welcome page's reminder of the next actions due, or "" when none is."""
    if due <= 0:
        return ""
    text = QCoreApplication.translate("Pages", "%n next action(s) (is/are) due (today or overdue)", "", due)
    link = _command("favourites", _tr("Open the pipeline"))
    return f"<p><b>{escape(text)}</b> — {link} (Ctrl+Shift+D).</p>"


CUT = "<!--cut-->"  # between the pieces of a term's prose, linked at once and taken apart again


def term_html(detail: TermDetail, link: Callable[[str], str] | None = None) -> str:
    """Return the page of a term: sections, related terms, backlinks and jobs asking for it.

    ``link`` links the other terms the prose names (see GlossaryPart.linked_prose): it is given the
    definition, the recruiters' note and the applications and safety notes at once, headings left out.
    """
    term = detail.term
    prose = [
        _paragraphs(term.definition),
        f"<p><b>{_tr('For recruiters:')}</b> {escape(term.recruiters)}</p>" if term.recruiters else "",
        *(_named_html(i) for i in term.applications),
        *(_named_html(i) for i in term.safety),
    ]
    if link is not None:
        prose = link(CUT.join(prose)).split(CUT)
    definition, recruiters = prose[0], prose[1]
    applications = prose[2 : 2 + len(term.applications)]
    safety = prose[2 + len(term.applications) :]
    out = [f"<h1>{escape(term.title)}</h1>"]
    meta = [f"<span class='badge'>{escape(term.category)}</span>"]
    if term.origin == "user":
        meta.append("<span class='badge'>" + _tr("your entry") + "</span>")
    if term.aliases:
        meta.append(_tr("also: {0}").format(escape(", ".join(term.aliases))))
    out.append(f"<p class='meta'>{' &nbsp; '.join(meta)}</p>")
    out.append(f"<p class='summary'>{escape(term.summary)}</p>")
    out.append("<h2>" + _tr("What is {0}?").format(escape(term.title)) + "</h2>" + definition + recruiters)
    for heading, items in (
        (_tr("Common Applications"), applications),
        (_tr("Safety Considerations"), safety),
    ):
        out.append(f"<h2>{heading}</h2>")
        out.extend(items)
    out.append("<h2>" + _tr("Related Terms") + "</h2><ul>")
    out.extend(
        f"<li><a href='{TERM_SCHEME}:{escape(r.id)}'>{escape(r.title)}</a> — {escape(r.note)}</li>"
        for r in detail.related
    )
    out.append("</ul>")
    if detail.backlinks:
        links = ", ".join(
            f"<a href='{TERM_SCHEME}:{escape(b.id)}'>{escape(b.title)}</a>" for b in detail.backlinks
        )
        out.append("<h2>" + _tr("Mentioned by") + f"</h2><p>{links}</p>")
    out.append("<h2>" + _tr("Jobs asking for this ({0})").format(len(detail.jobs)) + "</h2>")
    if detail.jobs:
        out.append("<ul>")
        out.extend(
            f"<li><a href='{JOB_SCHEME}:{escape(j.id)}'>{escape(j.title)}</a></li>" for j in detail.jobs
        )
        out.append("</ul>")
    else:
        out.append(
            "<p class='meta'>"
            + escape(_tr("No job here asks for {0} yet.").format(term.title))
            + " "
            + bring_jobs_in()
            + "</p>"
        )
    if term.reviewed or term.sources:
        checked = (
            _tr("Facts checked on {0}").format(term.reviewed.isoformat()) if term.reviewed else _tr("Sources")
        )
        links = ", ".join(f"<a href='{escape(u)}'>{escape(u)}</a>" for u in term.sources)
        out.append(f"<p class='meta'>{escape(checked)}{': ' + links if links else ''}</p>")
    return "".join(out)


def _named_html(item: NamedText) -> str:
    if not item.quote:
        return f"<p><b>{escape(item.name)}:</b> {escape(item.text)}</p>"
    # A quoted heading is shown as a quotation, with where it comes from.
    cite = (
        f" <span class='meta'>(<a href='{escape(item.source)}'>{_tr('quoted')}</a>)</span>"
        if item.source
        else ""
    )
    return f"<p><b>“{escape(item.name)}”</b>{cite}: {escape(item.text)}</p>"


RECENT_DAYS = 60  # older than this, a count of days says less than the date beside it


def days_ago(day: date, today: date) -> str:
    """Return "today", "yesterday", "n days ago", or "" when it is longer ago than RECENT_DAYS."""
    delta = (today - day).days
    if delta <= 0:
        return _tr("today")
    if delta > RECENT_DAYS:
        return ""
    return _tr("yesterday") if delta == 1 else QCoreApplication.translate("Pages", "%n day(s) ago", "", delta)


def favourite_html(fav: FavouriteInfo, closed_on: str | None = None) -> str:
    """Return the favourite box of a job page: status, note, and the date of each status.

    ``closed_on``: the day the job left the company boards that listed it.
    """
    steps = " → ".join(f"{escape(status.title())} ({at:%Y-%m-%d})" for status, at in fav.timeline)
    note = f"<p>{_tr('Note')}: {escape(fav.note)}</p>" if fav.note else ""
    gone_as = _tr("Closed on {0}").format(closed_on) if closed_on else _tr("No longer listed")
    gone = f"<p><b>{gone_as}</b> — {_tr('shown from the copy kept when you starred it.')}</p>"
    return (
        f"<p class='summary'>★ {escape(fav.status.title())}</p>"
        + (gone if not fav.listed else "")
        + note
        + (f"<p class='meta'>{steps}</p>" if steps else "")
    )


def _commands(favourite: FavouriteInfo | None) -> str:
    """Return the job page's line of commands: star, status (the current one in bold), note, hide."""

    def link(action_id: str, text: str) -> str:
        return f"<a href='{COMMAND_SCHEME}:{action_id}'>{escape(text)}</a>"

    star = link("star", _tr("★ Save")) if favourite is None else link("star", _tr("Unstar"))
    statuses = [
        f"<b>{escape(_tr(name.title()))}</b>" if favourite and favourite.status == name
        else link(f"status_{name}", _tr(name.title()))
        for name in STATUSES
    ]  # fmt: skip
    others = [
        link("note", _tr("Note…")),
        link("hide_job", _tr("Hide job")),
        link("hide_company", _tr("Hide company")),
    ]
    return (
        f"<p class='commands'>{star} &nbsp;·&nbsp; {_tr('Status')}: {' · '.join(statuses)}"
        f" &nbsp;·&nbsp; {' · '.join(others)}</p>"
    )


def _web_link(url: str | None, text: str) -> str:
    """Return a link to an http(s) page, opened in the system browser on a click; "" for anything else."""
    if not url or not url.lower().startswith(("http://", "https://")):
        return ""
    return f"<a href='{escape(url)}' title='{escape(url)}'>{escape(text)} ↗</a>"


def _links(job: Job) -> str:
    """Return the job's links: where to apply and the listing's page when they differ, else the posting."""
    direct = escape(_tr(" — you can apply on the posting itself")) if job.direct_apply else ""
    apply, listing = _web_link(job.apply_url, _tr("Apply")), _web_link(job.url, _tr("Job listing"))
    if apply and listing and job.apply_url != job.url:
        return f"<p>{apply}{direct} &nbsp;·&nbsp; {listing}</p>"
    posting = _web_link(job.apply_url, _tr("Open posting")) or _web_link(job.url, _tr("Open posting"))
    return f"<p>{posting}{direct}</p>" if posting else ""


def job_html(
    job: Job,
    today: date | None = None,
    description: str | None = None,
    favourite: FavouriteInfo | None = None,
    closed_on: str | None = None,
) -> str:
    """Return the page of a job: its facts, then the sanitised description.

    ``description``: the description to show instead of the stored one (with glossary links);
    ``closed_on``: the day the job left the company boards that listed it (None: still listed).
    """
    today = today or date.today()
    out = [f"<h1>{escape(job.title)}</h1>"]
    if job.company:
        out.append(f"<p class='summary'>{escape(job.company)}</p>")
    if favourite is not None:
        out.append(favourite_html(favourite, closed_on))
    out.append(_commands(favourite))
    rows: list[tuple[str, str]] = []
    if job.location_label():
        rows.append((_tr("Location"), escape(job.location_label())))
    if job.employment_types:
        rows.append(
            (_tr("Type"), escape(", ".join(t.replace("_", " ").title() for t in job.employment_types)))
        )
    if job.salary is not None:
        text = escape(job.salary.label())
        if job.salary.unit not in (None, "YEAR") and job.salary.annual_min is not None:
            low, high = job.salary.annual_min, job.salary.annual_max or job.salary.annual_min
            text += (
                " <span class='meta'>" + _tr("(about {0:,.0f}–{1:,.0f} a year)").format(low, high) + "</span>"
            )
        rows.append((_tr("Salary"), text))
    elif job.salary_text:
        note = " <span class='meta'>" + _tr("(as posted; counted as salary unknown)") + "</span>"
        rows.append((_tr("Salary"), escape(job.salary_text) + note))
    if job.team:
        rows.append((_tr("Team"), escape(job.team)))
    if job.date_posted:
        ago = days_ago(job.date_posted, today)
        rows.append((_tr("Posted"), job.date_posted.isoformat() + (f" ({ago})" if ago else "")))
    if job.valid_through:
        expired = " <b>" + _tr("— expired") + "</b>" if job.valid_through < today else ""
        rows.append((_tr("Valid through"), f"{job.valid_through.isoformat()}{expired}"))
    if closed_on and (favourite is None or favourite.listed):  # a favourite gone says it above
        rows.append((_tr("Listing"), "<b>" + escape(_tr("Closed on {0}").format(closed_on)) + "</b> — "
                     + _tr("no company board lists it any more")))  # fmt: skip
    out.append("<table class='facts'>")
    out.extend(f"<tr><th>{k}</th><td>{v}</td></tr>" for k, v in rows)
    out.append("</table>")
    out.append(_links(job))
    out.append("<h2>" + _tr("Description") + "</h2>")
    body = description if description is not None else job.description_html
    out.append(body or "<p class='meta'>" + _tr("The posting gave no description.") + "</p>")
    return "".join(out)


STYLE = """
h1 {{ font-size: 20pt; margin-bottom: 2px; }}
h2 {{ font-size: 13pt; margin-top: 14px; }}
.meta {{ color: {muted}; }}
.summary {{ font-size: 12pt; font-style: italic; }}
.badge {{ font-weight: bold; }}
table.facts th {{ text-align: left; padding-right: 12px; }}
"""


def page_style(muted: str) -> str:
    """Return the pages' style sheet, secondary text (``.meta``) in the colour ``muted`` (#rrggbb).

    The colour comes from the palette in use (see theme.muted_colour), so that it reads in
    the light and the dark theme alike.
    """
    return STYLE.format(muted=muted)
