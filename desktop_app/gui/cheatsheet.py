"""The F1 page: the search syntax, and every shortcut read from the action specs (so it never goes stale)."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QKeySequence

from desktop_app.gui.actions import MENUS, SPECS, key_sequences


def _tr(text: str) -> str:
    return QCoreApplication.translate("CheatSheet", text)


# (what to type, what it finds); every field here is one the query parser reads (search/query.py).
SYNTAX: tuple[tuple[str, str], ...] = (
    ("flask", "Terms and jobs naming Flask; results come while you type"),
    ("pyth", "The last word is a prefix while you type: Python, PyTorch…"),
    ("djnago", "Small typos are forgiven, with “did you mean Django?”"),
    ('"rest api"', "A quoted phrase: these words, in this order"),
    ("kafka OR spark", "Either word"),
    ("python -django", "Leave out what has a word (NOT django too)"),
    ("title:senior", "A word in the title"),
    ('company:"tustin recruiting"', "A company (quotes for a name of several words)"),
    ("location:irvine", "A place, by city, region or country"),
    ("type:full_time", "Employment type: full_time, part_time, contract, temporary, intern…"),
    ("team:software", "A team or department"),
    ("remote:yes", "Remote jobs; remote:hybrid, remote:onsite, remote:no"),
    ("salary:>80000", "Yearly pay above 80,000 (also >=80k, <120000, 80k-120k)"),
    ("posted:<7d", "Posted within 7 days (d, w, m, y); posted:>30d older; posted:>2025-01-01"),
    ("skill:kubernetes", "Jobs asking for a glossary term (by its name or an alias)"),
    ("category:backend", "Glossary terms of a category"),
    ("kind:job", "Only jobs (kind:term: only terms)"),
    ("company:acme OR company:initech", "Field words combine with OR and - like words"),
)

# Keys that belong to a widget rather than to an action of the window.
OTHER_KEYS: tuple[tuple[str, str], ...] = (
    ("Up / Down", "Move through the results (from the search box too)"),
    ("Enter", "Open the selected result"),
    ("Ctrl+Enter", "Open the selected result in a new tab"),
    ("Esc", "Clear the search"),
    ("Tab / Shift+Tab", "Move between the search box, filters, results and pages"),
)


def _plain(text: str) -> str:
    """Return a menu text as read: "&&" is "&", another "&" marks a mnemonic and goes."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def shortcut_rows() -> list[tuple[str, str, str]]:
    """Return (keys, action, menu) for every action of the window that has a shortcut, in menu order."""
    menus = {key: _plain(QCoreApplication.translate("Actions", title)) for key, title in MENUS}
    rows = []
    for spec in SPECS:
        keys = key_sequences(spec.shortcuts)
        if keys:
            native = ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in keys)
            text = _plain(QCoreApplication.translate("Actions", spec.text)).rstrip("…")
            rows.append((native, text, menus.get(spec.menu, spec.menu)))
    return rows


def cheat_sheet_html() -> str:
    """Return the page of the search syntax and the shortcuts."""
    out = [f"<h1>{_tr('Search syntax and shortcuts')}</h1>"]
    out.append(
        "<p class='summary'>"
        + _tr("Combine any of these in the search box (Ctrl+L); what cannot be read is searched as words.")
        + "</p>"
    )
    out.append(f"<h2>{_tr('Searching')}</h2><table class='facts'>")
    out.extend(
        f"<tr><th><code>{escape(q)}</code></th><td>{escape(_tr(what))}</td></tr>" for q, what in SYNTAX
    )
    out.append("</table>")
    out.append(f"<h2>{_tr('Shortcuts')}</h2><table class='facts'>")
    out.extend(
        f"<tr><th>{escape(keys)}</th><td>{escape(text)} <span class='meta'>({escape(menu)})</span></td></tr>"
        for keys, text, menu in shortcut_rows()
    )
    out.extend(f"<tr><th>{escape(k)}</th><td>{escape(_tr(what))}</td></tr>" for k, what in OTHER_KEYS)
    out.append("</table>")
    out.append("<p class='meta'>" + _tr("Alt and the underlined letter opens a menu.") + "</p>")
    return "".join(out)
