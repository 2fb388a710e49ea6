"""The term matcher built from glossary entries: names, ambiguous flags and related terms."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeAlias

from desktop_app.core.termlinks import TermMatcher, TermName
from desktop_app.core.types import Term, TermNames

Names = tuple[list[TermName], dict[str, list[str]]]  # every name, and each term's related terms
# What matching reads of a glossary entry: the entry whole, or its names read alone.
Named: TypeAlias = Term | TermNames


def names_of(terms: Iterable[Named]) -> Names:
    """Return what a matcher is made of: every term's title and aliases, and its related terms."""
    terms = list(terms)
    names = [
        TermName(term.slug, name, name in term.ambiguous)
        for term in terms
        for name in (term.title, *term.aliases)
    ]
    return names, {term.slug: [r.slug for r in term.related] for term in terms}


def matcher_for(terms: Iterable[Named]) -> TermMatcher:
    """Return a matcher of every term's title and aliases.

    Names an entry flags as ``ambiguous`` link only with support, and an entry's related terms
    (both ways) are what supports them.
    """
    return TermMatcher(*names_of(terms))
