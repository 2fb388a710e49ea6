"""Any text typed into the search box: the parser and the search never raise, whatever it holds."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop_app.search.query import parse
from desktop_app.service import Service

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "300"))
TOKENS = [
    "flask", "kube", "djnago", "python", "OR", "NOT", "AND", "-", "--", '"', '""', '"rest api"', "(", ")",
    ":", "type:", "type:full_time", "salary:>80000", "salary:>", "salary:<-5", "salary:80k-", "salary:1e309",
    "salary:-", "salary:>99999999999999999999", "posted:<7d", "posted:<99999999d", "posted:>9999-12-31",
    "posted:<0001-01-01", "posted:>2025-13-45", "posted:", "remote:yes", "remote:maybe", "kind:job",
    "kind:nothing", 'company:"tustin', "location:", "team:software", "title:developer", "category:backend",
    "nofield:x", "*", "?", "~", "^2", "\\", "'", "\x00", "\u202e", "日本語", "𝔘𝔫𝔦", "a" * 300,
]  # fmt: skip
queries = st.one_of(
    st.text(max_size=80),
    st.lists(st.one_of(st.sampled_from(TOKENS), st.text(max_size=10)), max_size=10).map(" ".join),
    st.lists(st.sampled_from(TOKENS), max_size=10).map("".join),
)


@settings(max_examples=EXAMPLES * 5, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(queries)
def test_the_query_parser_never_raises(text: str) -> None:
    parsed = parse(text)
    assert parsed.text == text
    assert all(clause.text.strip() for clause in parsed.clauses)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(queries, st.sampled_from(["all", "term", "job"]), st.booleans())
def test_the_search_never_raises(shared_service: Service, text: str, kind: str, facets: bool) -> None:
    result = shared_service.search.query(text, kind=kind, limit=10, with_facets=facets)  # type: ignore[arg-type]
    assert result.query == text
    assert len(result.hits) <= 10 and result.total >= len(result.hits)
