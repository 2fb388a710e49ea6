"""The term linker on job-ad sentences: precision, recall, the ambiguous names, and its properties."""

from __future__ import annotations

import json
import re
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.core.glossary import load_folder
from desktop_app.core.termlinks import TermMatcher, inflections, link_terms
from desktop_app.core.types import Term
from desktop_app.paths import shipped_glossary_dir
from desktop_app.skills.linker import matcher_for

SENTENCES = Path(__file__).with_name("sentences.jsonl")


@pytest.fixture(scope="module")
def terms() -> list[Term]:
    found, problems = load_folder(shipped_glossary_dir())
    assert problems == []
    return found


@pytest.fixture(scope="module")
def matcher(terms: list[Term]) -> TermMatcher:
    return matcher_for(terms)


def cases() -> list[dict[str, list[str] | str]]:
    return [json.loads(line) for line in SENTENCES.read_text(encoding="utf-8").splitlines() if line]


def test_the_sentence_set_is_large_and_names_real_entries(terms: list[Term]) -> None:
    slugs = {t.slug for t in terms}
    rows = cases()
    assert len(rows) >= 200
    named = {slug for row in rows for key in ("links", "wrong") for slug in row[key]}
    assert named <= slugs
    assert sum(bool(row["wrong"]) for row in rows) >= 70  # traps, not only easy links


def test_precision_and_recall_on_job_ad_sentences(matcher: TermMatcher) -> None:
    found = missed = extra = 0
    wrong: list[tuple[str, str]] = []
    for row in cases():
        got = set(matcher.slugs_in(str(row["text"])))
        expected = set(row["links"])
        found += len(got & expected)
        missed += len(expected - got)
        extra += len(got - expected)
        wrong += [(str(row["text"]), slug) for slug in got & set(row["wrong"])]
    assert wrong == []
    assert extra == 0  # precision 1.0: every link the linker makes is expected
    assert found / (found + missed) >= 0.95


@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        ("Kubernetes node pools", "nodejs"),
        ("9 AM – 5 PM", "product-manager"),
        ("RN license", "react-native"),
        ("diversity, equity and inclusion", "equity-compensation"),
        ("TF modules for Terraform", "tensorflow"),
        ("cloud migrations", "database-migration"),
        ("ES modules", "elasticsearch"),
    ],
)
def test_the_reported_wrong_links_are_gone(matcher: TermMatcher, text: str, wrong: str) -> None:
    assert wrong not in matcher.slugs_in(text)


def test_plurals_and_inflections_link(matcher: TermMatcher) -> None:
    text = "load balancers, reverse proxies, CDNs and end-to-end tests"
    assert matcher.slugs_in(text) == ["load-balancer", "reverse-proxy", "cdn", "end-to-end-testing"]


def test_an_ambiguous_name_links_with_its_related_term(matcher: TermMatcher) -> None:
    assert matcher.slugs_in("RN apps for iOS and Android") == [
        "react-native",
        "ios-development",
        "android-development",
    ]
    assert matcher.slugs_in("RN license") == []


def test_inflections_leave_names_that_take_no_plural() -> None:
    assert inflections("Kubernetes") == ()
    assert inflections("Caching") == ()
    assert inflections("C++") == ()
    assert inflections("R") == ()
    assert inflections("Webhook") == ("Webhooks",)


def test_the_whole_description_lends_support_across_tags(matcher: TermMatcher) -> None:
    html = "<ul><li>Python</li><li>Go</li></ul><p>Go home early on Fridays.</p>"
    linked = link_terms(html, matcher, limit_per_term=5)
    assert linked.count('href="term:go"') == 1
    assert '<li><a href="term:go">Go</a></li>' in linked


# -- properties ------------------------------------------------------------------------------

WORDS = st.sampled_from(
    [
        "Go",
        "Python",
        "node",
        "Kubernetes",
        "React",
        "PM",
        "TF",
        "AWS",
        "Flask",
        "and",
        "with",
        "the",
        "pools",
        "experience",
        ",",
        "/",
        "C++",
        "R",
        "Spark",
        "load balancers",
        "Rust",
    ]
)
TEXT = st.lists(WORDS, min_size=1, max_size=12).map(" ".join)


@settings(max_examples=150, deadline=None)
@given(left=st.sampled_from(["x", "Z", "9", "_"]), text=TEXT, right=st.sampled_from(["x", "Q", "7"]))
def test_no_link_starts_or_ends_inside_a_word(matcher: TermMatcher, left: str, text: str, right: str) -> None:
    glued = f"{left}{text}{right}"
    for start, end, _ in matcher.find(glued):
        assert start == 0 or not glued[start - 1].isalnum()
        assert end == len(glued) or not glued[end].isalnum()


@settings(max_examples=150, deadline=None)
@given(text=TEXT, other=TEXT)
def test_no_link_inside_code_or_an_existing_link(matcher: TermMatcher, text: str, other: str) -> None:
    html = f"<p>{other}</p><code>{text}</code><a href='https://x'>{text}</a><pre>{text}</pre>"
    linked = link_terms(html, matcher, limit_per_term=50)
    assert re.sub(r'<a href="term:[^"]+">(.*?)</a>', r"\1", linked) == html
    for element in ("code", "pre"):
        inner = re.search(rf"<{element}>(.*?)</{element}>", linked)
        assert inner is not None and "term:" not in inner.group(1)
    assert linked.count("<a ") == html.count("<a ") + linked.count('href="term:')


@settings(max_examples=150, deadline=None)
@given(text=TEXT)
def test_links_only_change_markup_and_never_overlap(matcher: TermMatcher, text: str) -> None:
    spans = matcher.find(text)
    assert all(a[1] <= b[0] for a, b in pairwise(spans))
    assert set(matcher.slugs_in(text)) == {slug for _, _, slug in spans}
