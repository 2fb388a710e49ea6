"""The glossary format and validator: the shipped glossary is sound; each rule catches its fault."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from desktop_app.core.glossary import (
    GlossaryError,
    load_folder,
    parse_entry,
    validate,
)
from desktop_app.core.types import NamedText, RelatedRef, Term, TermId
from tests.conftest import DATA

GLOSSARY = DATA / "glossary"
SEED_RELATED = {"wsgi", "jinja2", "werkzeug", "django", "restful-api"}


@pytest.fixture(scope="module")
def shipped() -> list[Term]:
    terms, problems = load_folder(GLOSSARY)
    assert problems == []
    return terms


def test_shipped_glossary_is_valid(shipped: list[Term]) -> None:
    assert [str(p) for p in validate(shipped)] == []
    assert len(shipped) >= 200


def test_flask_entry_has_the_seed_sections(shipped: list[Term]) -> None:
    flask = next(t for t in shipped if t.slug == "flask")
    assert flask.category == "Full Stack"
    assert {r.slug for r in flask.related} == SEED_RELATED
    assert {a.name for a in flask.applications} == {
        "Rapid Prototyping",
        "API Development",
        "Educational Projects",
        "Small to Medium Web Applications",
    }
    assert {s.name for s in flask.safety} == {"Security Practices", "Dependency Management"}


def _term(slug: str, related: tuple[str, ...], **changes: object) -> Term:
    base = Term(
        slug=TermId(slug),
        title=slug.title(),
        aliases=(),
        category="Backend",
        summary=f"About {slug}.",
        definition=f"{slug} is a thing that does things.",
        applications=(NamedText("One", "First use."), NamedText("Two", "Second use.")),
        safety=(NamedText("Care", "What goes wrong and how to avoid it."),),
        related=tuple(RelatedRef(TermId(r), f"relates to {r}") for r in related),
    )
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


def _ring() -> list[Term]:
    return [
        _term("flask", ("alpha", "beta", "gamma")),
        _term("alpha", ("beta", "gamma", "flask")),
        _term("beta", ("gamma", "flask", "alpha")),
        _term("gamma", ("flask", "alpha", "beta")),
    ]


def _messages(terms: list[Term]) -> str:
    return "\n".join(str(p) for p in validate(terms))


def test_a_sound_small_glossary_passes() -> None:
    assert _messages(_ring()) == ""


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"summary": ""}, "'summary' is missing"),
        ({"definition": "TODO"}, "placeholder"),
        ({"summary": "x" * 161}, "summary is 161 characters"),
        ({"applications": ()}, "'applications' has 0 items"),
        ({"safety": ()}, "'safety' has 0 items"),
        ({"category": "Plumbing"}, "category 'Plumbing' is not one of"),
        ({"aliases": ("Beta",)}, "alias 'Beta' is already used by 'beta'"),
        ({"slug": TermId("Alpha Term")}, "lower-case words"),
    ],
)
def test_each_rule_catches_its_fault(change: dict[str, object], expected: str) -> None:
    terms = _ring()
    terms[1] = dataclasses.replace(terms[1], **change)  # type: ignore[arg-type]
    assert expected in _messages(terms)


def test_unresolved_related_slug_is_reported() -> None:
    terms = _ring()
    terms[1] = _term("alpha", ("beta", "gamma", "nowhere"))
    assert "related 'nowhere' is not an entry" in _messages(terms)


def test_entry_unreachable_from_flask_is_reported() -> None:
    terms = [*_ring(), _term("island", ("flask", "alpha", "beta"))]
    assert "island: cannot be reached from 'flask'" in _messages(terms)


def test_duplicate_alias_across_entries_is_reported() -> None:
    terms = _ring()
    terms[1] = dataclasses.replace(terms[1], aliases=("Shared Name",))
    terms[2] = dataclasses.replace(terms[2], aliases=("shared name",))
    assert "alias 'shared name' is already used by 'alpha'" in _messages(terms)


def test_invalid_toml_gives_a_readable_error() -> None:
    with pytest.raises(GlossaryError, match=r"broken\.toml: not valid TOML"):
        parse_entry('slug = "x\ntitle = ', "broken.toml")


def test_file_name_must_match_slug(tmp_path: Path) -> None:
    text = (GLOSSARY / "flask.toml").read_text(encoding="utf-8")
    (tmp_path / "not-flask.toml").write_text(text, encoding="utf-8")
    _terms, problems = load_folder(tmp_path)
    assert any("differs from the file name" in str(p) for p in problems)
