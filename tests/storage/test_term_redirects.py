"""A merged glossary entry keeps its old slug: links, history and favourites to it still open."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

import pytest

from desktop_app.core.types import NamedText, RelatedRef, Term, TermId
from desktop_app.storage.repository import Store


def _term(slug: str, related: tuple[str, ...] = (), **changes: object) -> Term:
    base = Term(
        slug=TermId(slug),
        title=slug.replace("-", " ").title(),
        aliases=(),
        category="DevOps & Cloud",
        summary=f"About {slug}.",
        definition=f"{slug} explained.",
        applications=(NamedText("One", "First use."), NamedText("Two", "Second use.")),
        safety=(NamedText("Care", "What goes wrong."),),
        related=tuple(RelatedRef(TermId(r), f"see {r}") for r in related),
    )
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


@pytest.fixture
def store(tmp_path: Path) -> Store:
    store = Store(tmp_path / "test.sqlite3", tmp_path / "backups")
    store.replace_terms(
        [
            _term("docker", ("kubernetes",), replaces=(TermId("containerization"),)),
            _term("kubernetes", ("docker",)),
            # A user's own entry written before the merge still links the old slug.
            _term("my-notes", ("containerization",), origin="user"),
        ]
    )
    return store


def test_an_old_slug_opens_the_entry_it_was_merged_into(store: Store) -> None:
    term = store.term("containerization")
    assert term is not None and term.slug == "docker"
    assert term.replaces == ("containerization",)
    assert store.resolve_term("containerization") == "docker"
    assert store.resolve_term("docker") == "docker"
    assert store.resolve_term("nothing-here") is None and store.term("nothing-here") is None


def test_links_to_the_old_slug_show_the_new_title_and_count_as_backlinks(store: Store) -> None:
    assert store.term_titles(["containerization", "kubernetes"]) == {
        "containerization": "Docker",
        "kubernetes": "Kubernetes",
    }
    assert store.backlinks("docker") == ["kubernetes", "my-notes"]
    assert store.backlinks("containerization") == ["kubernetes", "my-notes"]


def test_an_entry_of_its_own_wins_over_a_redirect(store: Store) -> None:
    store.replace_terms([_term("docker", replaces=(TermId("containerization"),)), _term("containerization")])
    term = store.term("containerization")
    assert term is not None and term.slug == "containerization"
    docker = store.term("docker")
    assert docker is not None and docker.replaces == ()


def test_the_new_fields_survive_a_round_trip(store: Store) -> None:
    quoted = NamedText(
        "Store config in the environment", "Ours.", quote=True, source="https://12factor.net/config"
    )
    term = _term(
        "twelve-factor-app",
        ("docker",),
        reviewed=date(2026, 11, 29),
        sources=("https://12factor.net/",),
        recruiters="Signals cloud-ready habits.",
        ambiguous=("12FA",),
        aliases=("12FA",),
        applications=(quoted, NamedText("Plain", "Text.")),
    )
    store.replace_terms([term])
    assert store.term("twelve-factor-app") == term
    assert store.all_terms() == [term]
