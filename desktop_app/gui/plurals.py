"""English plural forms for Qt's ``%n`` strings, so that the source language reads "1 job", "2 jobs".

Qt picks a plural form only through a translator: an untranslated ``tr("%n job(s)", "", n)``
shows "1 job(s)". Instead of shipping an English ``.qm`` file that spells out each string's
forms, this translator derives them from the source text's markers: ``word(s)`` and
``singular(/plural)`` choices, and ``verb[s]`` for a verb that agrees with a singular subject.
Qt then puts the number in place of ``%n`` (``%Ln`` in the reader's digit grouping).
"""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication, QTranslator

# "job(s)" -> job / jobs; "entr(y/ies)" -> entry / entries; "match[es]" -> matches / match
_CHOICE = re.compile(r"\((\w*)/(\w*)\)")
_SUFFIX = re.compile(r"(\w)\((\w+)\)")
_VERB = re.compile(r"(\w)\[(\w+)\]")


def english_plural(text: str, n: int) -> str:
    """Return ``text`` with its plural markers resolved for ``n``.

    >>> english_plural("%n job(s) match[es]", 1), english_plural("%n job(s) match[es]", 3)
    ('%n job matches', '%n jobs match')
    >>> english_plural("%n entr(y/ies)", 2)
    '%n entries'
    """
    one = n == 1
    text = _CHOICE.sub(lambda m: m.group(1) if one else m.group(2), text)
    text = _SUFFIX.sub(lambda m: m.group(1) + ("" if one else m.group(2)), text)
    return _VERB.sub(lambda m: m.group(1) + (m.group(2) if one else ""), text)


class EnglishPlurals(QTranslator):
    """Answers every ``%n`` string with its English form for the count; leaves the rest to others."""

    def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str:
        if n < 0 or "%" not in source:
            return None  # type: ignore[return-value]  # null: Qt tries the next translator, then the source
        return english_plural(source, n)

    def isEmpty(self) -> bool:  # noqa: N802
        return False


def install_plurals(app: QCoreApplication) -> EnglishPlurals:
    """Install the English plural translator on ``app`` (first, so real translations take over); return it."""
    translator = EnglishPlurals(app)
    app.installTranslator(translator)
    return translator
