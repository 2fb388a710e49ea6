"""Glossary mentions: word boundaries, case rules, longest match, and links only in plain text."""

from __future__ import annotations

import re
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.core import namefinder, termlinks
from desktop_app.core.glossary import load_folder
from desktop_app.core.termlinks import TermMatcher, TermName, link_terms
from desktop_app.paths import shipped_glossary_dir
from desktop_app.skills.linker import matcher_for

NAMES = [
    ("go", "Go"),
    ("go", "Golang"),
    ("google-cloud-platform", "Google Cloud"),
    ("r-language", "R"),
    ("c-language", "C"),
    ("cpp", "C++"),
    ("csharp", "C#"),
    ("dotnet", ".NET"),
    ("aspnet-core", "ASP.NET"),
    ("nodejs", "Node.js"),
    ("nodejs", "Node"),
    ("ci-cd", "CI/CD"),
    ("w2-vs-1099", "W-2 vs 1099"),
    ("ruby", "Ruby"),
    ("ruby-on-rails", "Ruby on Rails"),
    ("react", "React"),
    ("react-native", "React Native"),
    ("aws", "AWS"),
    ("flask", "Flask"),
    ("kubernetes", "k8s"),
]


@pytest.fixture(scope="module")
def matcher() -> TermMatcher:
    return TermMatcher(TermName(slug, name) for slug, name in NAMES)


def mentions(matcher: TermMatcher, text: str) -> list[tuple[str, str]]:
    return [(text[start:end], slug) for start, end, slug in matcher.find(text)]


def test_go_is_not_found_inside_other_words(matcher: TermMatcher) -> None:
    assert mentions(matcher, "Google hires going Gophers; GoLand") == []
    assert mentions(matcher, "Google Cloud, Go") == [
        ("Google Cloud", "google-cloud-platform"),
        ("Go", "go"),
    ]
    assert mentions(matcher, "Written in Go.") == [("Go", "go")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("C++ and C#", [("C++", "cpp"), ("C#", "csharp")]),
        ("Apps on .NET, not ASP.NET", [(".NET", "dotnet"), ("ASP.NET", "aspnet-core")]),
        ("Node.js (Node) services", [("Node.js", "nodejs"), ("Node", "nodejs")]),
        ("A CI/CD pipeline", [("CI/CD", "ci-cd")]),
        ("Contracts: W-2 vs 1099?", [("W-2 vs 1099", "w2-vs-1099")]),
        ("Plain C, then C++", [("C", "c-language"), ("C++", "cpp")]),
    ],
)
def test_names_with_symbols(matcher: TermMatcher, text: str, expected: list[tuple[str, str]]) -> None:
    assert mentions(matcher, text) == expected


def test_r_is_not_found_in_r_and_d(matcher: TermMatcher) -> None:
    assert mentions(matcher, "R&D team") == []
    assert mentions(matcher, "R&amp;D team") == []
    assert mentions(matcher, "Stats in R, and R&D") == [("R", "r-language")]


def test_letter_names_do_not_start_after_a_dot_or_hash(matcher: TermMatcher) -> None:
    assert mentions(matcher, "#Go example.Go") == []


def test_short_names_match_only_as_written(matcher: TermMatcher) -> None:
    assert mentions(matcher, "we go home with aws and K8S") == []
    assert mentions(matcher, "AWS runs k8s") == [("AWS", "aws"), ("k8s", "kubernetes")]


def test_sentence_initial_go_without_support_is_not_a_mention(matcher: TermMatcher) -> None:
    assert mentions(matcher, "Go home.") == []
    assert mentions(matcher, "Go home, write Go services.") == [("Go", "go")]


def test_longer_names_match_in_any_case(matcher: TermMatcher) -> None:
    assert mentions(matcher, "FLASK, flask, golang, node.JS") == [
        ("FLASK", "flask"),
        ("flask", "flask"),
        ("golang", "go"),
        ("node.JS", "nodejs"),
    ]


def test_longest_match_wins(matcher: TermMatcher) -> None:
    assert mentions(matcher, "Ruby on Rails and Ruby") == [
        ("Ruby on Rails", "ruby-on-rails"),
        ("Ruby", "ruby"),
    ]
    assert mentions(matcher, "React Native and React") == [
        ("React Native", "react-native"),
        ("React", "react"),
    ]


def test_a_longer_name_that_runs_on_falls_back_to_a_shorter_one(matcher: TermMatcher) -> None:
    apache = TermMatcher([TermName("a", "Apache"), TermName("k", "Apache Kafka")])
    assert mentions(apache, "Apache Kafkaesque") == [("Apache", "a")]


@pytest.mark.parametrize("space", ["\n  ", "\t", "\u00a0", " \u2009", "\n\n"])
def test_spaces_in_a_name_match_any_white_space(matcher: TermMatcher, space: str) -> None:
    text = f"Ruby on{space}Rails. Ruby on Rails"
    rails = [(f"Ruby on{space}Rails", "ruby-on-rails"), ("Ruby on Rails", "ruby-on-rails")]
    assert mentions(matcher, text) == rails


def test_first_slug_given_wins_a_shared_name() -> None:
    matcher = TermMatcher([TermName("first", "Flink"), TermName("second", "flink")])
    assert matcher.slugs_in("Flink") == ["first"]


def test_slugs_in_lists_each_slug_once_in_order(matcher: TermMatcher) -> None:
    assert matcher.slugs_in("Golang, C++, Go and C++ on AWS") == ["go", "cpp", "aws"]


def test_an_empty_matcher_finds_nothing() -> None:
    assert TermMatcher([]).find("Go Flask") == []


def test_link_terms_links_the_first_mention_only(matcher: TermMatcher) -> None:
    assert link_terms("<p>Flask and Flask</p>", matcher) == (
        '<p><a href="term:flask">Flask</a> and Flask</p>'
    )


def test_link_terms_respects_limit_per_term(matcher: TermMatcher) -> None:
    text = "<p>Go, Go, Go, Flask</p>"
    assert link_terms(text, matcher, limit_per_term=2) == (
        '<p><a href="term:go">Go</a>, <a href="term:go">Go</a>, Go, <a href="term:flask">Flask</a></p>'
    )
    assert link_terms(text, matcher, limit_per_term=0) == text
    with pytest.raises(ValueError):
        link_terms(text, matcher, limit_per_term=-1)


def test_link_terms_leaves_links_code_and_attributes_alone(matcher: TermMatcher) -> None:
    text = (
        '<a href="https://x/flask">Flask docs</a> <p title="Flask">See <code>Go</code></p><pre>Ruby\n</pre>'
    )
    assert link_terms(text, matcher) == text


def test_link_terms_keeps_other_markup_byte_for_byte(matcher: TermMatcher) -> None:
    text = '<P\n  CLASS="x">Golang&nbsp;is fun &amp; R&amp;D <!-- Flask --> <br/>Flask &lt;b&gt;</P >'
    assert link_terms(text, matcher) == (
        '<P\n  CLASS="x"><a href="term:go">Golang</a>&nbsp;is fun &amp; R&amp;D <!-- Flask --> <br/>'
        '<a href="term:flask">Flask</a> &lt;b&gt;</P >'
    )


def test_link_terms_links_text_after_a_skipped_element(matcher: TermMatcher) -> None:
    assert link_terms("<p><a href='/'>Go</a> then Golang</p>", matcher) == (
        "<p><a href='/'>Go</a> then <a href=\"term:go\">Golang</a></p>"
    )


def test_link_terms_escapes_the_href(matcher: TermMatcher) -> None:
    linked = link_terms("C++", matcher, href=lambda slug: f'/t?a="{slug}"&b')
    assert linked == '<a href="/t?a=&quot;cpp&quot;&amp;b">C++</a>'


def test_shipped_glossary_names() -> None:
    folder = shipped_glossary_dir()
    terms, problems = load_folder(folder)
    assert problems == []
    matcher = TermMatcher(TermName(t.slug, name) for t in terms for name in (t.title, *t.aliases))
    text = "We use Flask, PostgreSQL (Postgres), Kubernetes (k8s), Django REST APIs and C++ on AWS."
    # "REST APIs" runs on past the alias "REST API", so the alias "REST" is what is found.
    assert matcher.slugs_in(text) == [
        "flask",
        "postgresql",
        "kubernetes",
        "django",
        "restful-api",
        "cpp",
        "aws",
    ]


def test_mentions_keep_their_place_where_lowering_changes_the_length(matcher: TermMatcher) -> None:
    # "İ" lowers to two characters: the case-insensitive names are then read as written.
    text = "İSTANBUL office: FLASK and k8s, İzmir: Ruby on Rails"
    found = [(text[start:end], slug) for start, end, slug in matcher.find(text)]
    assert found == [("FLASK", "flask"), ("k8s", "kubernetes"), ("Ruby on Rails", "ruby-on-rails")]


def test_a_case_insensitive_name_and_a_short_one_side_by_side(matcher: TermMatcher) -> None:
    # Both kinds of name in one text, touching and overlapping: each found once, left to right.
    text = "NODE.JS/AWS, Node.js, R, C++, ruby ON rails, Ruby, GOLANG"
    assert mentions(matcher, text) == [
        ("NODE.JS", "nodejs"),
        ("AWS", "aws"),
        ("Node.js", "nodejs"),
        ("R", "r-language"),
        ("C++", "cpp"),
        ("ruby ON rails", "ruby-on-rails"),
        ("Ruby", "ruby"),
        ("GOLANG", "go"),
    ]


# -- where a name can start ----------------------------------------------------------------


@pytest.fixture(scope="module")
def shipped() -> TermMatcher:
    return matcher_for(load_folder(shipped_glossary_dir())[0])


PIECES = st.sampled_from(
    [
        *(name for _, name in NAMES),
        "Kubernetes", "load balancers", "PostgreSQL", "go", "GO", "react native", "ASP.NET",
        " ", "  ", "\n", "\n\n", ", ", "/", "-", "(", ")", ".", "#", "&", "&amp;", "&nbsp;", "_",
        "•", "–", "é", "Ü", "日本", "²", "x", "7", "\u212a", "\u0130", "\u0131", "\u017f",
        "\t", "\xa0", "\u2009", "\u3000", "?", "\x1f", " \n ",
    ]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(pieces=st.lists(PIECES, max_size=16))
def test_trying_only_where_a_name_can_start_finds_what_trying_everywhere_finds(
    matcher: TermMatcher, shipped: TermMatcher, pieces: list[str]
) -> None:
    text = "".join(pieces)
    quick = [matcher.find(text), shipped.find(text)]
    with mock.patch.object(namefinder, "_folds_to_ascii", lambda text: True):  # every place
        assert [matcher.find(text), shipped.find(text)] == quick


def test_every_character_that_can_be_white_space_is_marked_so_where_names_are_looked_for() -> None:
    # A space of a name matches any run of white space ("Ruby on\u00a0Rails"): where such a run
    # may stand, the quick way must see one, or it misses the mention.
    white = [chr(c) for c in range(0x3001) if re.fullmatch(r"\s", chr(c))]
    assert len(white) > 20
    marked = namefinder._place_marked("".join(white))[1:-1]
    assert marked == namefinder._WHITE * len(white)


def test_a_letter_written_with_another_character_is_still_found(matcher: TermMatcher) -> None:
    # The Kelvin sign is a "K" to a case-insensitive name; such texts are read at every place.
    text = "FLAS\u212a and flas\u212a, R"
    assert mentions(matcher, text) == [("FLAS\u212a", "flask"), ("flas\u212a", "flask"), ("R", "r-language")]


def test_only_the_listed_characters_match_an_ascii_letter_or_digit_in_any_case() -> None:
    # The quick way marks every other character as a separator: none may stand for a letter.
    ascii_alnum = re.compile(r"(?i)[a-z0-9]")
    others = [chr(c) for c in range(128, 0x110000) if ascii_alnum.fullmatch(chr(c))]
    assert all(c in namefinder.FOLDING for c in others)
    assert len(others) == 4


CUE_PIECES = st.sampled_from(
    [
        "experience", "EXPERIENCED", "Skills", "hands-on", "such as", "such  \n as", "SUCH AS", "e.g.",
        "E.G.", "eXg.", "with", "within", "or", "for", "in", "of", "\u017fkills", "\u212anowledge",
        " ", "  ", "\n", ":", "(", ")", "-", ",", ".", "x", "é",
    ]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(pieces=st.lists(CUE_PIECES, max_size=10))
def test_a_cue_read_backwards_from_a_name_is_the_cue_read_forwards(pieces: list[str]) -> None:
    # "experience with Go": the words before an ambiguous name are read from the name backwards.
    before = "".join(pieces)
    cues = "|".join(termlinks.cue_pattern(cue) for cue in termlinks._LEFT_CUES)
    forwards = re.compile(rf"(?:{cues})[\s:(]+$", re.IGNORECASE)
    assert bool(termlinks._LEFT_CUE_REVERSED.match(before[::-1])) == bool(forwards.search(before))


def test_a_case_insensitive_name_wins_where_a_longer_exact_name_starts_with_it() -> None:
    # Case-insensitive names are tried first, as the one expression does ("no shipped ambiguous
    # name extends a case-insensitive one"): the quick way must not take the longer exact name.
    matcher = TermMatcher([TermName("flask", "Flask"), TermName("flask-lab", "Flask Lab", True)])
    text = "We use Flask Lab daily; FLASK, Flask Lab"
    assert mentions(matcher, text) == [("Flask", "flask"), ("FLASK", "flask"), ("Flask", "flask")]
    with mock.patch.object(namefinder, "_folds_to_ascii", lambda text: True):
        assert mentions(matcher, text) == [("Flask", "flask"), ("FLASK", "flask"), ("Flask", "flask")]


NAME_PIECES = st.sampled_from(["go", "g", "o", "net", "c", "js", " ", "\x01"])
MARKED_NAMES = st.lists(st.lists(NAME_PIECES, min_size=1, max_size=4).map("".join), min_size=1, max_size=6)


@pytest.mark.parametrize(
    ("names", "text"),
    [
        (["g \x01o"], "g\x01\x01o"),  # a run of separators, the last of them the name's own
        (["go go"], "go\x01\x01go"),
        (["c\x01 net"], "c\x01\x01\x01net"),  # "C# .NET" against a marked "C#   .NET"
        (["go net"], "go\x01net\x01"),
        (["go net"], "gonet"),
    ],
)
def test_the_walk_of_marked_names_backs_off_in_a_run_of_separators(names: list[str], text: str) -> None:
    trie = namefinder._trie(names)
    expression = re.compile(trie.pattern(namefinder._SEPARATOR + "+"))
    assert trie.starts(text, namefinder._SEPARATOR) == bool(expression.match(text))


@settings(max_examples=400, deadline=None)
@given(names=MARKED_NAMES, data=st.data())
def test_the_walk_of_marked_names_agrees_with_their_expression(names: list[str], data: st.DataObject) -> None:
    # Which exact names a case-insensitive one can start is found by walking the names' trie; the
    # expression of the same names (a space a run of separators) is the rule it stands for.
    names = [" ".join(name.split()) for name in names if name.strip()]
    tail = data.draw(st.lists(NAME_PIECES, max_size=4).map("".join))
    as_name = data.draw(st.booleans())  # a name as a marked text holds it, spaces as runs
    if names and as_name:
        words = data.draw(st.sampled_from(names)).split(" ")
        runs = data.draw(st.lists(st.integers(1, 3), min_size=len(words), max_size=len(words)))
        text = "".join(word + namefinder._SEPARATOR * run for word, run in zip(words, runs, strict=True))
        text = text[: -runs[-1]] + tail
    else:
        text = tail
    trie = namefinder._trie(names)
    expression = re.compile(trie.pattern(namefinder._SEPARATOR + "+")) if names else None
    assert trie.starts(text, namefinder._SEPARATOR) == bool(expression and expression.match(text))
