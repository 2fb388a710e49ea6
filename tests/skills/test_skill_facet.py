"""The Skills facet: ``skill:`` in queries, ``"skill"`` in ``search --facets``, the index in step."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop_app.core.criteria import Criteria
from desktop_app.paths import AppPaths, shipped_glossary_dir
from desktop_app.service import Service
from desktop_app.skills.market import demand, fit
from desktop_app.storage.skills import SkillStore
from tests.cli.support import call_json
from tests.skills.test_cli_skills import BOARD, TODAY, posting
from tests.skills.test_job_skills import posting_file

NODE = posting("h5", "Full-Stack Developer", 4, "Node.js, TypeScript, PostgreSQL", "Docker", 120_000)


@pytest.fixture
def board(profile: AppPaths, tmp_path: Path) -> AppPaths:
    source = tmp_path / "board.jsonld"
    source.write_text(json.dumps([*BOARD, NODE]), encoding="utf-8")
    assert len(call_json(profile, "import", str(source))["accepted"]) == 5
    return profile


def titles(profile: AppPaths, query: str) -> list[str]:
    return sorted(h["title"] for h in call_json(profile, "search", query, "--kind", "job")["hits"])


def test_several_skills_are_all_asked_for(board: AppPaths) -> None:
    assert titles(board, "skill:kubernetes") == [
        "Backend Developer",
        "Platform Engineer",
        "Site Reliability Lead",
    ]
    assert titles(board, "skill:kubernetes skill:terraform") == ["Platform Engineer", "Site Reliability Lead"]
    assert titles(board, "skill:kubernetes -skill:go") == ["Backend Developer", "Site Reliability Lead"]
    # With words: the skill narrows what the words find.
    assert titles(board, "engineer skill:go") == ["Platform Engineer"]


def test_a_skill_is_named_by_slug_title_or_alias(board: AppPaths) -> None:
    by_slug = titles(board, "skill:kubernetes")
    assert titles(board, "skill:k8s") == by_slug
    assert titles(board, "skill:Kubernetes") == by_slug
    assert titles(board, 'skill:"node.js"') == ["Full-Stack Developer"]
    assert titles(board, "skill:nodejs") == ["Full-Stack Developer"]
    assert titles(board, "skill:postgres") == ["Backend Developer", "Full-Stack Developer"]


def test_an_unknown_skill_finds_nothing_and_says_why(board: AppPaths) -> None:
    data = call_json(board, "search", "skill:cobolish", "--kind", "job")
    assert data["total"] == 0
    assert data["notes"] == ["skill:cobolish is not a glossary term or alias: no job matches it"]
    # A glossary term no job asks for is known: nothing found, and nothing to explain.
    known = call_json(board, "search", "skill:flask", "--kind", "job")
    assert known["total"] == 0 and "notes" not in known


def test_search_facets_count_the_skills_of_the_jobs_found(board: AppPaths) -> None:
    facets = call_json(board, "search", "company:co", "--facets")["facets"]
    assert facets["skill"]["kubernetes"] == 3
    assert facets["skill"]["postgresql"] == 2
    assert facets["skill"]["nodejs"] == 1
    assert facets["skill"]["tableau"] == 1
    # Within a skill search the counts say how many would be left with one more skill ticked.
    narrowed = call_json(board, "search", "company:co skill:kubernetes", "--facets")["facets"]["skill"]
    assert narrowed["kubernetes"] == 3 and narrowed["terraform"] == 2 and narrowed["go"] == 1
    assert "tableau" not in narrowed and "nodejs" not in narrowed


def test_the_filter_criteria_narrow_by_every_skill_ticked(board: AppPaths) -> None:
    service = Service(board)
    service.open()
    try:
        both = Criteria(skills=frozenset({"kubernetes", "terraform"}))
        result = service.search.query("", kind="job", criteria=both, with_facets=True)
        assert sorted(h.title for h in result.hits) == ["Platform Engineer", "Site Reliability Lead"]
        assert result.labels["skill"]["kubernetes"] == "Kubernetes"
        # Every other job is hidden by the skills ticked: the panel says how many.
        assert result.excluded["skill"] == result.kind_counts["job"] - 2
        assert Criteria.from_json(both.to_json()) == both
    finally:
        service.close()


def test_the_index_follows_skills_derived_again_after_a_glossary_change(
    service: Service, tmp_path: Path
) -> None:
    job_id = service.jobs.import_files([posting_file(tmp_path)]).accepted[0].id
    assert [h.id for h in service.search.query("skill:go", kind="job").hits] == [job_id]
    entry = (shipped_glossary_dir() / "flask.toml").read_text(encoding="utf-8")
    entry = entry.replace('slug = "flask"', 'slug = "payment-apis"').replace(
        'title = "Flask"', 'title = "Payment APIs"'
    )
    (tmp_path / "mine.toml").write_text(
        entry.replace('aliases = ["Flask framework", "Python Flask"]', "aliases = []")
    )
    service.glossary.add_user_entries([tmp_path / "mine.toml"])
    service.indexing.ensure()  # as the next start does: skills derived again, the index told
    assert service.indexing.state() == "ok"
    assert [h.id for h in service.search.query("skill:payment-apis", kind="job").hits] == [job_id]
    assert [h.id for h in service.search.query('skill:"payment apis"', kind="job").hits] == [job_id]


def test_demand_and_fit_from_the_index_equal_the_plain_count(board: AppPaths) -> None:
    service = Service(board)
    service.open()
    try:
        service.indexing.ensure()
        store = service.profile.store
        everything = SkillStore(store).all_skills()
        skills = {str(i): everything.get(i, []) for i in store.job_versions()}
        facts = SkillStore(store).job_facts()
        plain = demand(
            skills, {f.id: f.first_seen for f in facts}, {f.id: f.annual_pay for f in facts}, TODAY
        )
        counted = [row.figures for row in service.skills.demand(None, None, TODAY)]
        assert counted == plain
        have = ["kubernetes", "postgresql", "python"]
        posted = {str(i): d for i, d in SkillStore(store).posted(skills).items()}
        expected = [(f.job_id, f.score, f.matched, f.missing) for f in fit(have, skills, posted)]
        got = [
            (f.id, f.score, tuple(s for s, _ in f.matched), tuple((m.id, m.required) for m in f.missing))
            for f in service.skills.match(have, None, None)
        ]
        assert got == expected
    finally:
        service.close()
