"""The glossary's names read alone: the same names, flags and related entries as the whole entries."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from desktop_app.core.glossary import load_folder
from desktop_app.core.types import RelatedRef, TermId
from desktop_app.storage.repository import Store
from desktop_app.storage.termnames import term_names
from tests.conftest import DATA


def test_the_names_read_alone_are_the_entries_names_in_the_same_order(tmp_path: Path) -> None:
    store = Store(tmp_path / "test.sqlite3", tmp_path / "backups")
    terms, _ = load_folder(DATA / "glossary")
    # One entry flagged ambiguous and related both ways, as a user's entry may be.
    first, second = terms[0], terms[1]
    terms[0] = replace(first, ambiguous=(first.title,), related=(RelatedRef(second.slug, "often together"),))
    terms[1] = replace(second, related=(RelatedRef(TermId("nowhere"), ""), RelatedRef(first.slug, "see")))
    store.replace_terms(terms)
    whole = store.all_terms()
    read = term_names(store)
    assert [n.slug for n in read] == [t.slug for t in whole]  # ordered by title: the first name wins
    assert [(n.title, n.aliases, n.category, n.ambiguous, n.related) for n in read] == [
        (t.title, t.aliases, t.category, t.ambiguous, t.related) for t in whole
    ]
    changed = {n.slug: n for n in read}
    assert changed[first.slug].ambiguous == (first.title,)
    assert [r.slug for r in changed[second.slug].related] == ["nowhere", first.slug]
    store.close()
