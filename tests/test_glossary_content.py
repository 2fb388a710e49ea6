"""The shipped glossary as a reader meets it: every page opens, every name finds its entry."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from desktop_app import cli, paths
from desktop_app.core.glossary import CATEGORIES
from desktop_app.paths import AppPaths
from desktop_app.service import Service
from tests.conftest import DATA


def test_every_entry_shows_as_json_with_resolving_related_terms(shared_service: Service) -> None:
    titles = {slug: title for slug, title, _summary in shared_service.profile.store.term_briefs()}
    slugs = set(titles)
    assert len(slugs) >= 200
    # Each entry read once: its backlinks are checked against the entries already read (about
    # 2,500 backlinks; reading each source again took most of this test's time).
    details = {slug: shared_service.glossary.term(slug) for slug in sorted(slugs)}
    for slug, detail in details.items():
        assert detail is not None
        data = json.loads(json.dumps(cli.term_json(detail)))
        assert data["id"] == slug and data["definition"] and data["summary"]
        assert 2 <= len(data["applications"]) <= 5 and 1 <= len(data["safety"]) <= 3
        for related in data["related"]:
            assert related["id"] in slugs and related["title"] == titles[related["id"]] and related["note"]
        for backlink in data["backlinks"]:
            source = details.get(backlink)
            assert source is not None and slug in {r.slug for r in source.term.related}


@pytest.mark.parametrize(
    ("old", "new", "name"),
    [
        ("data-engineering", "data-engineer", "Data Engineering"),
        ("full-stack-development", "full-stack-developer", "Full Stack Development"),
    ],
)
def test_a_merged_entry_still_opens_from_its_old_slug(
    shared_service: Service, old: str, new: str, name: str
) -> None:
    # Links, history and favourites saved before the merge name the old slug.
    detail = shared_service.glossary.term(old)
    assert detail is not None and detail.term.slug == new
    assert old in detail.term.replaces
    assert shared_service.profile.store.term_titles([old]) == {old: detail.term.title}
    assert shared_service.search.query(name, limit=3).hits[0].id == new


def test_every_category_is_covered(shared_service: Service) -> None:
    counts: dict[str, int] = {}
    for term in shared_service.profile.store.all_terms():
        counts[term.category] = counts.get(term.category, 0) + 1
    assert set(counts) == set(CATEGORIES)
    assert min(counts.values()) >= 10


def test_every_title_and_alias_finds_its_entry_in_the_top_three(shared_service: Service) -> None:
    misses = []
    for term in shared_service.profile.store.all_terms():
        for name in (term.title, *term.aliases):
            top = [h.id for h in shared_service.search.query(name, limit=3).hits]
            if term.slug not in top:
                misses.append(f"{name!r} → {top} (wanted {term.slug})")
    assert misses == []


def test_user_entries_survive_an_update_of_the_shipped_glossary(
    profile: AppPaths, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shipped = tmp_path / "shipped-glossary"
    shutil.copytree(DATA / "glossary", shipped)
    monkeypatch.setattr(paths, "shipped_glossary_dir", lambda: shipped)
    monkeypatch.setattr("desktop_app.service.glossary.shipped_glossary_dir", lambda: shipped)
    service = Service(profile)
    service.open()
    mine = (shipped / "flask.toml").read_text(encoding="utf-8")
    mine = mine.replace('slug = "flask"', 'slug = "quart"').replace('title = "Flask"', 'title = "Quart"')
    mine = mine.replace('aliases = ["Flask framework", "Python Flask"]', "aliases = []")
    source = tmp_path / "quart.toml"
    source.write_text(mine, encoding="utf-8")
    added, rejected = service.glossary.add_user_entries([source])
    assert (added, rejected) == (("quart",), ())
    service.close()

    # An app update changes a shipped entry.
    wsgi = shipped / "wsgi.toml"
    wsgi.write_text(wsgi.read_text(encoding="utf-8").replace('title = "WSGI"', 'title = "WSGI (PEP 3333)"'))
    service = Service(profile)
    report = service.open()
    try:
        assert report.glossary_loaded
        service.indexing.ensure()
        quart = service.glossary.term("quart")
        assert quart is not None and quart.term.origin == "user"
        updated = service.glossary.term("wsgi")
        assert updated is not None and updated.term.title == "WSGI (PEP 3333)"
        assert service.search.query("quart").hits[0].id == "quart"
        assert service.indexing.state() == "ok"
    finally:
        service.close()
