"""The search engine on a small index built here: no service, no database, only terms and jobs.

Each test reads as a user's query and what the engine must answer: names first, exact totals and
facet counts, criteria, hide rules, typos, and changes to the index seen by the next search.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest

from desktop_app.core.criteria import Criteria
from desktop_app.core.types import Job, JobId, Location, Salary, Term, TermId
from desktop_app.search import index
from desktop_app.search.engine import EngineResult, SearchEngine
from desktop_app.search.schema import job_document, term_document

TODAY = date(2026, 3, 2)


def _term(slug: str, title: str, summary: str, aliases: tuple[str, ...] = ()) -> Term:
    return Term(TermId(slug), title, aliases, "Backend", summary, summary, (), (), ())


def _job(number: int, title: str, company: str, body: str, **extra: object) -> Job:
    return Job(
        id=JobId(f"job-{number}"),
        title=title,
        company=company,
        locations=(Location(*extra.pop("place", ("Austin", "TX", "US"))),),  # type: ignore[misc]
        description_text=body,
        **extra,  # type: ignore[arg-type]
    )


def _pay(low: int, high: int) -> Salary:
    return Salary(low, high, "USD", "YEAR", annual_min=low, annual_max=high)


TERMS = [
    _term("flask", "Flask", "A small Python web framework built on Werkzeug and Jinja."),
    _term("werkzeug", "Werkzeug", "The WSGI toolkit under Flask."),
    _term("django", "Django", "A Python web framework with an ORM and an admin."),
    _term("kubernetes", "Kubernetes", "Runs containers across a cluster.", ("K8s",)),
    _term("helm", "Helm", "Packages applications for Kubernetes."),
]
JOBS = [
    _job(
        1, "Senior Python Developer", "Acme Analytics", "Flask services on Kubernetes.",
        employment_types=("FULL_TIME",), salary=_pay(120_000, 150_000), date_posted=TODAY - timedelta(days=2),
        team="Platform",
    ),
    _job(
        2, "Django Engineer", "Nordlicht Software", "Django and Celery; Postgres tuning.",
        employment_types=("PART_TIME",), remote=True, place=("Berlin", None, "DE"),
        date_posted=TODAY - timedelta(days=20), team="Payments",
    ),
    _job(
        3, "Frontend Developer", "Blue Harbor Media", "React and TypeScript apps.",
        employment_types=("CONTRACTOR",),
    ),
    _job(
        4, "Data Engineer", "Cedar Logistics", "Kafka streams and Spark batches, on Kubernetes.",
        employment_types=("FULL_TIME",), salary=_pay(90_000, 110_000), date_posted=TODAY - timedelta(days=1),
        team="Data",
    ),
]  # fmt: skip


def _build(folder: Path) -> None:
    documents = [*(term_document(t) for t in TERMS), *(job_document(j) for j in JOBS)]
    index.rebuild(folder, documents, len(documents), generation=1)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("engine") / "index"
    _build(folder)
    return folder


@pytest.fixture(scope="module")
def engine(built: Path) -> Iterator[SearchEngine]:
    opened = SearchEngine(index.open_index(built))
    yield opened
    opened.close()


def search(engine: SearchEngine, text: str, **options: object) -> EngineResult:
    return engine.search(text, today=TODAY, **options)  # type: ignore[arg-type]


def ids(result: EngineResult) -> list[str]:
    return [hit.id for hit in result.hits]


def test_the_index_is_built_and_current(built: Path) -> None:
    assert index.check(built, 1) is index.IndexState.OK
    assert index.check(built, 2) is index.IndexState.STALE


def test_a_name_comes_first_then_jobs_that_ask_for_it_then_mentions(engine: SearchEngine) -> None:
    result = search(engine, "flask")
    assert ids(result) == ["flask", "job-1", "werkzeug"]
    assert result.total == 3 and result.suggestion is None and "flask" in result.words


def test_totals_kind_counts_and_facets_are_exact(engine: SearchEngine) -> None:
    result = search(engine, "kubernetes", with_facets=True)
    assert ids(result)[0] == "kubernetes"
    assert result.total == 4  # the entry, Helm (mentions it), two jobs
    assert result.kind_counts == {"term": 2, "job": 2}
    assert result.facets["type"] == {"FULL_TIME": 2}
    assert result.facets["salary"] == {"120k–160k": 1, "80k–120k": 1}
    assert result.facets["team"] == {"Platform": 1, "Data": 1}


def test_kind_scope_and_limit(engine: SearchEngine) -> None:
    assert ids(search(engine, "kubernetes", kind="term")) == ["kubernetes", "helm"]
    jobs = search(engine, "kubernetes", kind="job", limit=1)
    assert len(jobs.hits) == 1 and jobs.total == 2 and jobs.hits[0].kind == "job"


def test_criteria_narrow_jobs_and_leave_terms_out(engine: SearchEngine) -> None:
    result = search(engine, "", criteria=Criteria(types=frozenset({"PART_TIME"})))
    assert ids(result) == ["job-2"]
    paid = search(engine, "", criteria=Criteria(salary_min=100_000, include_unknown_salary=False))
    assert set(ids(paid)) == {"job-1", "job-4"}


def test_a_facet_counts_what_its_own_selection_hides(engine: SearchEngine) -> None:
    criteria = Criteria(types=frozenset({"FULL_TIME"}))
    result = search(engine, "engineer developer OR", criteria=criteria, with_facets=True)
    full = search(engine, "", criteria=criteria, with_facets=True)
    assert ids(full) == ["job-4", "job-1"]  # newest first
    assert full.facets["type"] == {"FULL_TIME": 2, "PART_TIME": 1, "CONTRACTOR": 1}
    assert full.excluded["type"] == 2
    assert result.total <= full.total


def test_sort_by_date_and_by_pay(engine: SearchEngine) -> None:
    assert ids(search(engine, "", kind="job", criteria=Criteria(sort="date"))) == [
        "job-4",
        "job-1",
        "job-2",
        "job-3",
    ]
    by_pay = ids(search(engine, "", kind="job", criteria=Criteria(sort="salary")))
    assert by_pay[:2] == ["job-1", "job-4"]


def test_while_typing_a_prefix_and_an_alias_find_the_entry(engine: SearchEngine) -> None:
    typed = search(engine, "kube")
    assert ids(typed)[0] == "kubernetes" and typed.typing
    assert ids(search(engine, "k8s"))[0] == "kubernetes"
    assert not search(engine, "kube ").typing


def test_a_typo_is_corrected_with_did_you_mean(engine: SearchEngine) -> None:
    result = search(engine, "djnago")
    assert ids(result)[0] == "django" and result.suggestion == "django"


def test_once_prepared_a_first_typo_is_corrected_without_reading_the_index_words(
    built: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The window prepares once the board shows: the first misspelt word a user types then does
    # not wait while every word of the index is read (50-130 ms at 100,000 jobs).
    from desktop_app.search.bitsets import IndexView

    fresh = SearchEngine(index.open_index(built))
    try:
        fresh.prepare()

        def read_again(self: IndexView, field: str) -> tuple[bytes, ...]:
            raise AssertionError(f"the words of {field!r} were read on a keystroke")

        monkeypatch.setattr(IndexView, "lexicon", read_again)
        result = search(fresh, "djnago")
        assert ids(result)[0] == "django" and result.suggestion == "django"
    finally:
        fresh.close()


def test_exclusions_and_field_words(engine: SearchEngine) -> None:
    assert ids(search(engine, "kubernetes -spark", kind="job")) == ["job-1"]
    assert ids(search(engine, "company:cedar")) == ["job-4"]
    assert ids(search(engine, "remote:yes")) == ["job-2"]
    assert set(ids(search(engine, "salary:>100000"))) == {"job-1"}
    assert ids(search(engine, "posted:<7d", criteria=Criteria(sort="date"))) == ["job-4", "job-1"]


def test_an_empty_query_matches_nothing_and_says_nothing(engine: SearchEngine) -> None:
    for text in ("", "   ", "!!!", '""'):
        result = search(engine, text)
        assert (result.total, result.hits, result.suggestion) == (0, (), None)


def test_job_ids_honour_criteria_and_hide_rules(engine: SearchEngine) -> None:
    assert sorted(engine.job_ids("engineer", today=TODAY)) == ["job-2", "job-4"]
    assert engine.job_ids("engineer", today=TODAY, hidden=(("company", "Cedar Logistics"),)) == ["job-2"]
    assert engine.job_ids("", Criteria(remote="remote"), today=TODAY) == ["job-2"]
    hidden = search(engine, "kubernetes", hidden=(("job", "job-1"), ("title", "data engineer")))
    assert ids(hidden) == ["kubernetes", "helm"]


def test_replaced_and_withdrawn_jobs_are_gone_from_the_next_search(built: Path, tmp_path: Path) -> None:
    folder = tmp_path / "index"
    shutil.copytree(built, folder)
    engine = SearchEngine(index.open_index(folder))
    try:
        assert search(engine, "engineer", kind="job").total == 2
        moved = _job(5, "Platform Engineer", "Acme Analytics", "Terraform.", employment_types=("FULL_TIME",))
        index.update(folder, [job_document(moved)], ["job:job-2"], generation=2, new_keys={"job:job-5"})
        result = search(engine, "engineer", kind="job", with_facets=True)
        assert set(ids(result)) == {"job-4", "job-5"} and result.total == 2
        assert result.facets["type"] == {"FULL_TIME": 2}  # the deleted part-time job is not counted
        assert index.check(folder, 2) is index.IndexState.OK
        renamed = _job(
            1, "Staff Python Developer", "Acme Analytics", "Flask.", employment_types=("FULL_TIME",)
        )
        index.update(folder, [job_document(renamed)], [], generation=3)
        assert search(engine, "senior python developer", kind="job").total == 0
        assert [h.title for h in search(engine, "python developer", kind="job").hits] == [
            "Staff Python Developer"
        ]
    finally:
        engine.close()
