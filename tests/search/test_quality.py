"""Search quality: query → expected top results over the shipped glossary, the sample jobs and a few more.

Each case is what a reader types and what they must see first (or at all). The extra jobs are
written here, dated relative to today, so that field words, ages, remote work, accents and
pay ranges each have something to find.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from desktop_app.core.criteria import Criteria
from desktop_app.paths import app_paths
from desktop_app.service import SearchResult, Service

TODAY = date.today()


def _job(title: str, company: str, city: str, country: str, body: str, **extra: Any) -> dict[str, Any]:
    post: dict[str, Any] = {
        "@type": "JobPosting",
        "title": title,
        "hiringOrganization": {"@type": "Organization", "name": company},
        "jobLocation": {
            "@type": "Place",
            "address": {"@type": "PostalAddress", "addressLocality": city, "addressCountry": country},
        },
        "description": body,
        "employmentType": extra.pop("type", "FULL_TIME"),
    }
    if "age" in extra:
        post["datePosted"] = (TODAY - timedelta(days=extra.pop("age"))).isoformat()
    if "pay" in extra:
        low, high, unit = extra.pop("pay")
        post["baseSalary"] = {
            "@type": "MonetaryAmount",
            "currency": "USD",
            "value": {"@type": "QuantitativeValue", "minValue": low, "maxValue": high, "unitText": unit},
        }
    if extra.pop("remote", False):
        post["jobLocationType"] = "TELECOMMUTE"
    if "team" in extra:
        post["hiringOrganization"]["department"] = {"@type": "Organization", "name": extra.pop("team")}
    assert not extra, extra
    return post


EXTRA_JOBS = [
    _job(
        "Senior Python Developer", "Zürich Analytics", "Zürich", "CH",
        "<p>Build Flask services and REST APIs backed by PostgreSQL. Ship them in Docker images "
        "to our Kubernetes clusters.</p>",
        age=2, pay=(120_000, 150_000, "YEAR"), team="Platform",
    ),
    _job(
        "Django Backend Engineer", "Nordlicht Software", "München", "DE",
        "<p>Django and Celery workers with Redis queues; tuning databases is part of the job.</p>",
        type="PART_TIME", age=20, pay=(60_000, 70_000, "YEAR"), team="Payments", remote=True,
    ),
    _job(
        "Frontend Developer (React)", "Blue Harbor Media", "Austin", "US",
        "<p>React and TypeScript single-page apps talking to a GraphQL API.</p>",
        type="CONTRACTOR", age=45, pay=(70, 90, "HOUR"), team="Growth",
    ),
    _job(
        "Data Engineer", "Cedar Logistics", "Denver", "US",
        "<p>Streams on Apache Kafka and batch jobs on Spark, scheduled by Airflow; you write SQL "
        "against the data warehouse every day.</p>",
        age=1, team="Data", remote=True,
    ),
    _job(
        "Site Reliability Engineer", "Summit Cloud", "Seattle", "US",
        "<p>Prometheus alerting, Terraform modules and a fair on-call rota for Kubernetes in "
        "production.</p>",
        age=5, pay=(160_000, 190_000, "YEAR"), team="Infrastructure",
    ),
    _job(
        "Machine Learning Engineer", "Quantum Bio", "Boston", "US",
        "<p>Train PyTorch models and keep scikit-learn pipelines healthy.</p>",
        type="INTERN", pay=(40_000, 45_000, "YEAR"), team="Research",
    ),
    _job(
        "Java Developer", "Iron Financial", "Chicago", "US",
        "<p>Spring Boot microservices with Hibernate on Oracle.</p>",
        age=10, pay=(90_000, 110_000, "YEAR"), team="Payments",
    ),
]  # fmt: skip


@pytest.fixture(scope="module")
def quality(tmp_path_factory: pytest.TempPathFactory, built_profile: Path) -> Iterator[Service]:
    root = tmp_path_factory.mktemp("quality") / "profile"
    shutil.copytree(built_profile, root)
    feed = root.parent / "more-jobs.jsonld"
    feed.write_text(json.dumps({"@context": "https://schema.org", "@graph": EXTRA_JOBS}), encoding="utf-8")
    service = Service(app_paths(root))
    service.open()
    report = service.jobs.import_files([feed])
    assert report.new == len(EXTRA_JOBS)
    yield service
    service.close()


def run(service: Service, query: str, kind: str = "all", **kw: Any) -> SearchResult:
    return service.search.query(query, kind=kind, limit=kw.pop("limit", 20), **kw)  # type: ignore[arg-type]


def firsts(result: SearchResult, n: int = 1) -> list[str]:
    return [h.id if h.kind == "term" else h.title for h in result.hits[:n]]


def titles(result: SearchResult) -> set[str]:
    return {h.title for h in result.hits if h.kind == "job"}


# -- ranking: names first, the entry before what mentions it, then jobs ------------------------
@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("flask", "flask"),
        ("Flask", "flask"),
        ("FLASK", "flask"),
        ("kubernetes", "kubernetes"),
        ("java", "java"),
        ("javascript", "javascript"),
        ("c++", "cpp"),
        ("c#", "csharp"),
        (".net", "dotnet"),
        ("node.js", "nodejs"),
        ("data engineer", "data-engineer"),
        ("sql", "sql"),
        ("restful api", "restful-api"),
        ('"rest api"', "restful-api"),  # quoted, a name is still a name
        ('"data engineer"', "data-engineer"),
    ],
)
def test_a_name_comes_first(quality: Service, query: str, first: str) -> None:
    assert firsts(run(quality, query)) == [first]


def test_flask_opens_with_its_entry_then_the_jobs_that_ask_for_it(quality: Service) -> None:
    result = run(quality, "flask")
    assert result.hits[0].id == "flask"
    assert (result.hits[1].kind, result.hits[1].title) == ("job", "Senior Python Developer")
    mentions = [h.id for h in result.hits if h.kind == "term"][1:]
    assert "werkzeug" in mentions  # entries that merely mention Flask still follow


def test_an_exact_title_beats_a_mention_among_jobs(quality: Service) -> None:
    assert firsts(run(quality, "data engineer", kind="job")) == ["Data Engineer"]


def test_newer_jobs_break_ties(quality: Service) -> None:
    engineers = [
        t for t in firsts(run(quality, "engineer", kind="job"), 10) if t in {h["title"] for h in EXTRA_JOBS}
    ]
    assert engineers[:4] == [
        "Data Engineer",  # 1 day old
        "Site Reliability Engineer",  # 5 days
        "Django Backend Engineer",  # 20 days
        "Machine Learning Engineer",  # no date: last
    ]


# -- while typing: prefixes, aliases, typos --------------------------------------------------
@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("kube", "kubernetes"),
        ("pyth", "python"),
        ("postgre", "postgresql"),
        ("jinja", "jinja2"),
        ("djan", "django"),
    ],
)
def test_a_prefix_finds_the_name_it_starts(quality: Service, query: str, first: str) -> None:
    assert firsts(run(quality, query)) == [first]


@pytest.mark.parametrize(("query", "first"), [("k8s", "kubernetes"), ("postgres", "postgresql")])
def test_an_alias_finds_its_entry(quality: Service, query: str, first: str) -> None:
    assert firsts(run(quality, query)) == [first]


@pytest.mark.parametrize(
    ("query", "first", "suggestion"),
    [
        ("djnago", "django", "django"),
        ("kubernetse", "kubernetes", "kubernetes"),
        ("pyhton", "python", "python"),
    ],
)
def test_a_typo_is_forgiven_with_did_you_mean(
    quality: Service, query: str, first: str, suggestion: str
) -> None:
    result = run(quality, query)
    assert firsts(result) == [first]
    assert result.suggestion == suggestion


def test_a_known_word_gets_no_suggestion(quality: Service) -> None:
    assert run(quality, "django").suggestion is None


def test_stemming_finds_a_singular_from_a_plural(quality: Service) -> None:
    assert "relational-database" in firsts(run(quality, "relational databases"), 3)
    assert "Django Backend Engineer" in titles(run(quality, "database", kind="job"))


@pytest.mark.parametrize("query", ["zurich", "Zürich", "ZURICH"])
def test_accents_and_case_are_folded(quality: Service, query: str) -> None:
    assert "Senior Python Developer" in titles(run(quality, query, kind="job"))


# -- the query language ----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ('"data warehouse"', {"Data Engineer"}),
        ('"warehouse data"', set()),  # a phrase keeps its order
        ("kafka spark", {"Data Engineer"}),
        ("kafka AND spark", {"Data Engineer"}),
        ("kafka OR prometheus", {"Data Engineer", "Site Reliability Engineer"}),
        ("kubernetes -terraform", {"Senior Python Developer"}),
        ("kubernetes NOT terraform", {"Senior Python Developer"}),
        ("title:developer java", {"Java Developer"}),
        ("company:nordlicht", {"Django Backend Engineer"}),
        ('company:"blue harbor"', {"Frontend Developer (React)"}),
        ("location:austin react", {"Frontend Developer (React)"}),
        ("location:munchen", {"Django Backend Engineer"}),
        ("location:münchen", {"Django Backend Engineer"}),
        ("type:part_time", {"Django Backend Engineer"}),
        ("type:contractor", {"Frontend Developer (React)"}),
        ("team:payments", {"Django Backend Engineer", "Java Developer"}),
        ("remote:yes", {"Django Backend Engineer", "Data Engineer"}),
        ("remote:no kafka", set()),
        ("salary:>150000", {"Site Reliability Engineer"}),
        ("salary:100000-130000", {"Senior Python Developer", "Java Developer", "Mobile App Developer"}),
        ("posted:<7d", {"Senior Python Developer", "Data Engineer", "Site Reliability Engineer"}),
        ("posted:<7d -type:full_time", set()),
        ("type:intern pytorch", {"Machine Learning Engineer"}),
        # OR joins field words too, and the words people read in the window work after type:
        ("company:nordlicht OR company:cedar", {"Django Backend Engineer", "Data Engineer"}),
        ("kafka OR company:nordlicht", {"Django Backend Engineer", "Data Engineer"}),
        ("type:contract", {"Frontend Developer (React)"}),
        ("type:internship", {"Machine Learning Engineer"}),
        ("type:part-time", {"Django Backend Engineer"}),
        ("type:full-time kafka", {"Data Engineer"}),
        ('"data warehouse" OR "on-call rota"', {"Data Engineer", "Site Reliability Engineer"}),
    ],
)
def test_query_language_selects_jobs(quality: Service, query: str, expected: set[str]) -> None:
    assert titles(run(quality, query, kind="job", limit=50)) == expected


def test_hourly_pay_is_annualised_for_salary_words(quality: Service) -> None:
    # $70–90 an hour is about $146k–$187k a year: in a 140k–160k range, not above 150k.
    assert "Frontend Developer (React)" in titles(run(quality, "salary:140000-160000", kind="job"))
    assert "Frontend Developer (React)" not in titles(run(quality, "salary:>150000", kind="job"))


def test_an_exclusion_alone_shows_everything_else(quality: Service) -> None:
    result = run(quality, "-flask", limit=500)
    assert result.total > 200 and "flask" not in {h.id for h in result.hits}
    assert "Senior Python Developer" not in titles(result)


@pytest.mark.parametrize(
    ("query", "note"),
    [
        ("salary:lots python", "salary:lots"),
        ("posted:someday python", "posted:someday"),
        ("remote:maybe python", "remote:maybe"),
    ],
)
def test_a_malformed_query_is_read_leniently_with_a_note(quality: Service, query: str, note: str) -> None:
    result = run(quality, query)
    assert any(note in n for n in result.notes)
    assert result.hits and result.hits[0].id == "python"


def test_an_unknown_field_word_is_searched_as_words(quality: Service) -> None:
    result = run(quality, "colour:blue", kind="job")
    assert any("'colour:' is not a field" in n for n in result.notes)
    assert titles(run(quality, "harbor:blue", kind="job")) == {"Frontend Developer (React)"}


@pytest.mark.parametrize(
    ("query", "first", "note"),
    [
        ('flask "web framework', "flask", None),  # an unclosed quote runs to the end
        ("((( OR AND NOT", None, None),
        ("-", None, None),
        ('""', None, None),
        ("salary:>", None, "salary:>"),
        ("\\*?~", None, None),
    ],
)
def test_odd_input_is_read_leniently(
    quality: Service, query: str, first: str | None, note: str | None
) -> None:
    result = run(quality, query, with_facets=True)
    if first is None:
        assert (result.total, result.hits) == (0, ())
    else:
        assert firsts(result) == [first]
    assert any(note in n for n in result.notes) if note else result.notes == ()


def test_a_field_name_with_nothing_after_it_is_searched_as_a_word(quality: Service) -> None:
    result = run(quality, "title:")
    assert result.total > 0 and result.hits == run(quality, "title").hits


# -- read as a person means it ----------------------------------------------------------------
@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("what is kubernetes", "kubernetes"),
        ("what is flask", "flask"),
        ("how to use docker", "docker"),
        ("jobs for python", "python"),
        ("kubernetes jobs", "kubernetes"),
    ],
)
def test_question_words_and_filler_do_not_decide_the_answer(quality: Service, query: str, first: str) -> None:
    result = run(quality, query)
    assert firsts(result) == [first]
    assert result.total == run(quality, first).total or query.startswith("how")


def test_filler_alone_is_still_searched(quality: Service) -> None:
    assert run(quality, "how to").total > 0


def test_a_misspelling_that_stems_like_a_name_is_corrected(quality: Service) -> None:
    result = run(quality, "kubernets")
    assert firsts(result) == ["kubernetes"]
    assert result.suggestion == "kubernetes"
    assert run(quality, "engineers").suggestion is None  # a plural is not a misspelling


def test_a_hyphenated_name_is_not_taken_for_its_last_word(quality: Service) -> None:
    result = run(quality, "docker-compose")
    assert firsts(result) == ["docker"]
    assert "jetpack-compose" not in [h.id for h in result.hits]


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("internship", "Machine Learning Engineer"),
        ("part time", "Django Backend Engineer"),
        ("contract", "Frontend Developer (React)"),
        ("fulltime kafka", "Data Engineer"),
        ("full-time kafka", "Data Engineer"),
    ],
)
def test_employment_words_find_their_jobs(quality: Service, query: str, first: str) -> None:
    assert firsts(run(quality, query, kind="job")) == [first]


def test_a_close_title_match_ranks_above_mentions_in_the_text(quality: Service) -> None:
    # "Senior Python Developer" mentions Kubernetes clusters in its text; the entry is named so.
    result = run(quality, "kubernetes clusters")
    assert firsts(result) == ["kubernetes"]
    assert firsts(run(quality, "data engineer airflow", kind="job")) == ["Data Engineer"]


# -- facets and highlights -------------------------------------------------------------------
def test_facets_count_the_jobs_a_query_matches(quality: Service) -> None:
    result = run(quality, "engineer", kind="job", with_facets=True)
    assert result.facets["type"] == {"FULL_TIME": 2, "PART_TIME": 1, "INTERN": 1}
    assert result.facets["remote"] == {"remote": 2, "on-site": 2}
    assert result.facets["salary"] == {
        "salary unknown": 1, "50k–80k": 1, "under 50k": 1, "160k and more": 1
    }  # fmt: skip
    assert result.facets["posted"]["7 days"] == 2 and result.facets["posted"]["date unknown"] == 1
    assert result.kind_counts["job"] == 4


def test_a_facet_ignores_its_own_selection_and_counts_what_it_hides(quality: Service) -> None:
    criteria = Criteria(types=frozenset({"FULL_TIME"}))
    result = run(quality, "engineer", kind="job", criteria=criteria, with_facets=True)
    assert titles(result) == {"Data Engineer", "Site Reliability Engineer"}
    assert result.facets["type"]["PART_TIME"] == 1  # still choosable
    assert result.excluded["type"] == 2


def test_matched_words_are_shown_in_an_excerpt(quality: Service) -> None:
    result = run(quality, "airflow", kind="job")
    hit = result.hits[0]
    assert hit.title == "Data Engineer"
    assert "airflow" in result.words
    assert "Airflow" in hit.excerpt and len(hit.excerpt) < 200


def test_a_title_match_needs_no_excerpt(quality: Service) -> None:
    hit = run(quality, "java developer", kind="job").hits[0]
    assert hit.title == "Java Developer" and hit.excerpt == ""


def test_sorting_by_date_and_by_salary(quality: Service) -> None:
    by_date = run(quality, "engineer", kind="job", criteria=Criteria(sort="date"))
    assert by_date.hits[0].title == "Data Engineer"
    by_pay = run(quality, "engineer", kind="job", criteria=Criteria(sort="salary"))
    assert by_pay.hits[0].title == "Site Reliability Engineer"
