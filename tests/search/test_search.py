"""Search through the service: titles first, prefixes, typos, field words, exclusions, odd input."""

from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.search import index
from desktop_app.search.engine import SearchEngine
from desktop_app.search.query import DateWindow, NumberRange, parse
from desktop_app.service import Service


def ids(service: Service, text: str, kind: str = "all", limit: int = 10) -> list[str]:
    return [h.id for h in service.search.query(text, kind=kind, limit=limit).hits]  # type: ignore[arg-type]


def job_titles(service: Service, text: str) -> list[str]:
    return sorted(h.title for h in service.search.query(text, kind="job", limit=50).hits)


def test_flask_term_comes_first(shared_service: Service) -> None:
    assert ids(shared_service, "flask")[0] == "flask"


def test_jinja_finds_jinja2(shared_service: Service) -> None:
    assert ids(shared_service, "jinja")[0] == "jinja2"


def test_salary_above_80000_is_the_mobile_app_developer(shared_service: Service) -> None:
    assert job_titles(shared_service, "salary:>80000") == ["Mobile App Developer"]


@pytest.mark.parametrize(
    ("typed", "first"),
    [("pyth", "python"), ("kube", "kubernetes"), ("postgre", "postgresql"), ("k8s", "kubernetes")],
)
def test_prefixes_and_aliases_while_typing(shared_service: Service, typed: str, first: str) -> None:
    assert ids(shared_service, typed)[0] == first


def test_a_typo_still_finds_its_term_with_a_suggestion(shared_service: Service) -> None:
    result = shared_service.search.query("djnago")
    assert result.hits[0].id == "django"
    assert result.suggestion == "django"


def test_a_correct_word_gets_no_suggestion(shared_service: Service) -> None:
    assert shared_service.search.query("django").suggestion is None


def test_stemming_finds_singular_from_plural(shared_service: Service) -> None:
    assert "relational-database" in ids(shared_service, "relational databases", limit=3)


def test_field_words_narrow_jobs(shared_service: Service) -> None:
    assert job_titles(shared_service, "type:full_time location:irvine") == [
        "Account Executive Equipment Finance"
    ]
    assert len(job_titles(shared_service, 'company:"tustin recruiting"')) == 6
    assert job_titles(shared_service, "team:software title:developer") == ["Mobile App Developer"]
    assert job_titles(shared_service, "type:part_time") == []


def test_salary_range_overlaps(shared_service: Service) -> None:
    assert job_titles(shared_service, "salary:50000-60000") == [
        "Account Executive",
        "Sales Operations Coordinator",
    ]


def test_posted_age_is_relative_to_today(shared_service: Service) -> None:
    engine = SearchEngine(index.open_index(shared_service.paths.index_dir))
    recent = engine.search("posted:<7d", kind="job", today=date(2025, 2, 12))
    assert sorted(h.title for h in recent.hits) == ["Account Executive Equipment Finance"] * 2
    older = engine.search("posted:>7d", kind="job", today=date(2025, 2, 12))
    assert len(older.hits) == 4
    engine.close()


def test_excluded_words_and_kind_scope(shared_service: Service) -> None:
    assert "django" not in ids(shared_service, "flask -django", limit=50)
    assert all(h.kind == "term" for h in shared_service.search.query("account", kind="term").hits)
    assert all(h.kind == "job" for h in shared_service.search.query("account", kind="job").hits)


def test_job_snippet_shows_company_location_and_salary(shared_service: Service) -> None:
    hit = shared_service.search.query("mobile app developer", kind="job").hits[0]
    # The country as people read it; the region code as the posting gave it.
    assert (
        hit.snippet == "Tustin Recruiting · Lakewood, CA, United States · $85,013–$118,074 / year · Full Time"
    )


def test_unreadable_field_values_are_noted_not_fatal(shared_service: Service) -> None:
    result = shared_service.search.query("salary:lots flask")
    assert result.hits[0].id == "flask"
    assert any("salary:lots" in note for note in result.notes)


def test_query_parser_reads_field_words() -> None:
    query = parse('flask -django type:full_time salary:>80k posted:<7d "rest api"', date(2025, 1, 10))
    assert [(c.text, c.negated, c.phrase) for c in query.clauses] == [
        ("flask", False, False),
        ("django", True, False),
        ("rest api", False, True),
    ]
    fields = {f.field: f.value for f in query.filters}
    assert fields["type"] == "FULL_TIME"
    assert fields["salary"] == NumberRange(80000, None, low_exclusive=True)
    assert fields["posted"] == DateWindow(date(2025, 1, 3), None)


def test_query_parser_reads_or_between_field_words_and_type_words() -> None:
    query = parse("company:airbnb OR company:instacart type:contract")
    assert [(f.field, f.value, f.or_previous) for f in query.filters] == [
        ("company", "airbnb", False),
        ("company", "instacart", True),
        ("type", "CONTRACTOR", False),
    ]
    assert [
        parse(f"type:{t}").filters[0].value for t in ("full-time", "Full Time", "internship", "part_time")
    ] == [
        "FULL_TIME",
        "FULL_TIME",
        "INTERN",
        "PART_TIME",
    ]


def test_query_parser_drops_filler_only_beside_other_words() -> None:
    assert [c.text for c in parse("what is kubernetes").clauses] == ["kubernetes"]
    assert [c.text for c in parse("jobs for python ").clauses] == ["python"]
    assert parse("what is kubernetes").words_typed == "what is kubernetes"
    assert [c.text for c in parse("how to").clauses] == ["how", "to"]
    # The word being typed was filler: what is left is not a prefix.
    assert parse("kubernetes jobs").prefix is False and parse("kubernetes").prefix is True


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=40))
def test_any_text_gets_a_consistent_answer(shared_service: Service, text: str) -> None:
    result = shared_service.search.query(text, limit=5)
    keys = [(h.kind, h.id) for h in result.hits]
    assert len(keys) == len(set(keys)) <= 5
    assert result.total >= len(keys) and (result.total == 0) == (not keys)
    if re.search(r"\w", text) is None:  # no word, no field: nothing was asked
        assert result.total == 0
    assert [(h.kind, h.id) for h in shared_service.search.query(text, limit=5).hits] == keys
