"""Each glossary entry's names, category and related entries, read without the rest of the entry."""

from __future__ import annotations

from sqlalchemy import func, select

from desktop_app.core.types import RelatedRef, TermId, TermNames
from desktop_app.storage.models import TermLinkRow, TermRow
from desktop_app.storage.repository import Store


def term_names(store: Store) -> list[TermNames]:
    """Return every entry's names, ordered by title as ``Store.all_terms`` orders the entries.

    What deriving skills and linking terms need: reading whole entries (their definitions,
    examples and sources, as ORM objects) took 0.04-0.07 s, at the start of every import.
    """
    with store.session() as s:
        related: dict[str, list[RelatedRef]] = {}
        links = select(TermLinkRow.source_slug, TermLinkRow.target_slug, TermLinkRow.note)
        for source, target, note in s.execute(links.order_by(TermLinkRow.source_slug, TermLinkRow.position)):
            related.setdefault(source, []).append(RelatedRef(TermId(target), note))
        rows = select(TermRow.slug, TermRow.title, TermRow.aliases, TermRow.category, TermRow.ambiguous)
        return [
            TermNames(
                TermId(slug),
                title,
                tuple(aliases),
                category,
                tuple(ambiguous or ()),
                tuple(related.get(slug, ())),
            )
            for slug, title, aliases, category, ambiguous in s.execute(
                rows.order_by(func.lower(TermRow.title))
            )
        ]
