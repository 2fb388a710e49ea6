"""The glossary format and validator: the shipped glossary is sound; each rule catches its fault."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

import pytest

from desktop_app.core import glossary
from desktop_app.core.glossary import (
    GlossaryError,
    load_folder,
    parse_entry,
    validate,
    warnings,
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
    # The seed page's five related terms come first; later links (such as SQLAlchemy) follow.
    assert [r.slug for r in flask.related][:5] == ["wsgi", "jinja2", "werkzeug", "django", "restful-api"]
    assert {r.slug for r in flask.related} >= SEED_RELATED
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
        reviewed=date(2026, 11, 29),
        sources=(f"https://example.org/{slug}",),
        recruiters=f"Signals {slug} work.",
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
        ({"reviewed": date(2025, 12, 31)}, "'reviewed' is 2025-12-31 (must be a 2026 date)"),
        ({"sources": ("www.example.org/page",)}, "source 'www.example.org/page' is not an http(s) URL"),
        ({"recruiters": "x" * 241}, "'recruiters' is 241 characters"),
        ({"ambiguous": ("PM",)}, "ambiguous name 'PM' is not the title or an alias"),
        ({"safety": (NamedText("Care", "Quoted.", quote=True),)}, "'Care' is a quotation without a 'source'"),
        ({"replaces": (TermId("beta"),)}, "replaces 'beta', which is still an entry"),
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


ENTRY = """
slug = "product-manager"
title = "Product Manager"
aliases = ["PM", "Product Mgr"]
category = "Roles & Hiring"
summary = "Owns what a product does and why."
reviewed = 2026-11-29
sources = ["https://example.org/pm", "https://example.org/roles"]
recruiters = '''Signals   a role that decides priorities,
 not one that writes code.'''
ambiguous = ["PM"]
replaces = ["product-management"]
definition = "A product manager decides what to build next."

[[applications]]
name = "Roadmaps"
text = "Orders the work."

[[applications]]
name = "Write the spec"
text = "Our own explanation."
quote = true
source = "https://example.org/quote"

[[safety]]
name = "Care"
text = "Watch for scope creep."

[[related]]
slug = "agile"
note = "How the team plans."
"""


def test_new_fields_are_read_from_an_entry() -> None:
    term = parse_entry(ENTRY, "product-manager.toml")
    assert term.reviewed == date(2026, 11, 29)
    assert term.sources == ("https://example.org/pm", "https://example.org/roles")
    assert term.recruiters == "Signals a role that decides priorities, not one that writes code."
    assert term.ambiguous == ("PM",)
    assert term.replaces == ("product-management",)
    assert term.applications[1].quote and term.applications[1].source == "https://example.org/quote"
    assert not term.applications[0].quote and term.applications[0].source == ""


def test_an_entry_without_the_new_fields_still_loads() -> None:
    text = ENTRY.split("definition =", 1)[1]
    head = ENTRY.split("reviewed =", 1)[0]
    term = parse_entry(head + "definition =" + text, "product-manager.toml", origin="user")
    assert (term.reviewed, term.sources, term.recruiters, term.ambiguous, term.replaces) == (
        None,
        (),
        "",
        (),
        (),
    )
    assert [str(w) for w in warnings([term]) if "'reviewed'" in str(w) or "'sources'" in str(w)] == []


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('reviewed = "2026-11-29"', "'reviewed' must be a TOML date"),
        ("reviewed = 2026-11-29T10:00:00", "not a time"),
        ('sources = "https://example.org"', "'sources' must be a list of text"),
        ("ambiguous = [1]", "'ambiguous' must be a list of text"),
    ],
)
def test_malformed_new_fields_give_readable_errors(line: str, message: str) -> None:
    text = ENTRY.replace("reviewed = 2026-11-29", "").replace(
        'sources = ["https://example.org/pm", "https://example.org/roles"]', ""
    )
    text = text.replace('ambiguous = ["PM"]', "")
    with pytest.raises(GlossaryError, match=message):
        parse_entry(line + "\n" + text, "product-manager.toml")


def _sentences(terms: list[Term]) -> str:
    return "\n".join(str(w) for w in warnings(terms))


def test_year_bound_claims_warn_unless_anchored_with_as_of() -> None:
    terms = _ring()
    terms[1] = dataclasses.replace(
        terms[1], definition="The 2021 edition lists ten risks. Java 21 is the current LTS."
    )
    found = _sentences(terms)
    assert "alpha: year-bound claim 'The 2021 edition' in definition" in found
    assert "year-bound claim 'the current LTS'" in found
    terms[1] = dataclasses.replace(
        terms[1],
        definition="As of 2026, the 2025 edition is in use. As of November 2026 Java 25 is the current LTS.",
    )
    assert "year-bound" not in _sentences(terms)
    assert validate(terms) == []  # a warning, never a failure


def _unreviewed(terms: list[Term]) -> list[Term]:
    return [dataclasses.replace(t, reviewed=None, sources=()) for t in terms]


def test_missing_review_fails_for_shipped_entries_only() -> None:
    terms = _unreviewed(_ring())
    assert "alpha: 'reviewed' date is missing" in _messages(terms)
    assert "alpha: 'sources' is missing" in _messages(terms)
    users = [dataclasses.replace(t, origin="user") for t in terms]
    assert _messages(users) == ""
    assert "reviewed" not in _sentences(users)


def test_missing_review_only_warns_while_entries_are_being_reviewed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(glossary, "REVIEW_REQUIRED", False)
    terms = _unreviewed(_ring())
    assert _messages(terms) == ""
    assert "alpha: 'reviewed' date is missing" in _sentences(terms)


def test_a_missing_recruiters_line_warns() -> None:
    terms = _ring()
    terms[1] = dataclasses.replace(terms[1], recruiters="")
    assert "alpha: no 'recruiters' line" in _sentences(terms)
    assert _messages(terms) == ""


def test_one_way_link_fails_when_the_text_names_the_entry_linking_to_it() -> None:
    terms = _ring()
    terms.append(_term("delta", ("alpha", "beta", "flask"), title="Delta DB"))
    terms[1] = dataclasses.replace(terms[1], definition="Alpha stores rows in Delta DB, or in Delta DBX.")
    assert "alpha: names 'Delta DB', which links here, but does not link back" in _messages(terms)
    unnamed = [
        *terms[:1],
        dataclasses.replace(terms[1], definition="Alpha stores rows in Delta DBX."),
        *terms[2:],
    ]
    assert "Delta DB'" not in _messages(unnamed)
    back = RelatedRef(TermId("delta"), "Where alpha keeps its rows.")
    terms[1] = dataclasses.replace(terms[1], related=(*terms[1].related, back))
    assert "Delta DB'" not in _messages(terms)


def test_one_way_link_only_warns_while_backlinks_are_not_required(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(glossary, "BACKLINKS_REQUIRED", False)
    terms = _ring()
    terms.append(_term("delta", ("alpha", "beta", "flask"), title="Delta DB"))
    terms[1] = dataclasses.replace(terms[1], definition="Alpha stores rows in Delta DB.")
    assert "Delta DB'" not in _messages(terms)
    assert "alpha: names 'Delta DB', which links here, but does not link back" in _sentences(terms)


def test_entries_with_fewer_than_two_inbound_links_fail(monkeypatch: pytest.MonkeyPatch) -> None:
    terms = [*_ring(), _term("delta", ("alpha", "beta", "flask"))]
    terms[0] = dataclasses.replace(terms[0], related=(*terms[0].related, RelatedRef(TermId("delta"), "d")))
    assert "delta: only 1 other entries link to it (needs 2)" in _messages(terms)
    terms[1] = dataclasses.replace(terms[1], related=(*terms[1].related, RelatedRef(TermId("delta"), "d")))
    assert _messages(terms) == ""
    monkeypatch.setattr(glossary, "INBOUND_REQUIRED", False)
    terms[1] = _ring()[1]
    assert "delta" not in _messages(terms)
    assert "delta: only 1 other entries link to it" in _sentences(terms)


def test_an_old_slug_is_claimed_by_one_entry_only() -> None:
    terms = _ring()
    terms[1] = dataclasses.replace(terms[1], replaces=(TermId("old-name"),))
    terms[2] = dataclasses.replace(terms[2], replaces=(TermId("old-name"),))
    assert "beta: replaces 'old-name', already replaced by 'alpha'" in _messages(terms)
