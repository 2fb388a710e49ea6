"""The one-pass analyzer gives exactly the tokens of Whoosh's standard tokenizer-and-filters chain."""

from __future__ import annotations

from itertools import pairwise
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from whoosh.analysis import CharsetFilter, LowercaseFilter, RegexTokenizer, StemFilter, StopFilter
from whoosh.support.charset import accent_map

from desktop_app.paths import shipped_glossary_dir
from desktop_app.search.analyzers import (
    STOP_WORDS,
    TECH_TOKEN,
    folded,
    pair_analyzer,
    pairs_of,
    text_analyzer,
)

STANDARD = (
    RegexTokenizer(TECH_TOKEN)
    | LowercaseFilter()
    | CharsetFilter(accent_map)
    | StopFilter(stoplist=STOP_WORDS, minsize=1)
    | StemFilter()
)
TEXTS = [
    "Databases in Zürich, C++ and .NET; Node.js — the engineers ARE testing",
    "the You will ship APIs using Flask and the Redis caches",
    "résumé, naïve café",
    "",
    "the a an",
    *(p.read_text(encoding="utf-8") for p in sorted(shipped_glossary_dir().glob("*.toml"))[:30]),
]
MODES: list[dict[str, Any]] = [
    {},
    {"positions": True},
    {"positions": True, "removestops": False},
    {"positions": True, "start_pos": 7},
    {"mode": "query"},
    {"tokenize": False},
    {"tokenize": False, "removestops": False},
]


@pytest.mark.parametrize("options", MODES)
def test_tokens_positions_and_stops_match_the_standard_chain(options: dict[str, Any]) -> None:
    for text in TEXTS:
        ours = [(t.text, getattr(t, "pos", None), t.stopped) for t in text_analyzer()(text, **options)]
        theirs = [(t.text, getattr(t, "pos", None), t.stopped) for t in STANDARD(text, **options)]
        assert ours == theirs, text[:60]


def test_word_pairs_are_the_standard_chain_s_neighbouring_words() -> None:
    for text in TEXTS:
        words = [t.text for t in STANDARD(text)]
        pairs = [(t.text, t.pos) for t in pair_analyzer()(text, positions=True)]
        assert pairs == [(f"{a} {b}", n) for n, (a, b) in enumerate(pairwise(words))], text[:60]
        assert [t.text for t in pair_analyzer()(text)] == pairs_of(words)


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=60))
def test_folding_strips_accents_as_the_whole_table_would(text: str) -> None:
    # Only the runs of non-ASCII letters go through the accent table: the same text as all of it.
    assert folded(text) == text.lower().translate(accent_map)
    assert folded(f"Ship {text} to ZÜRICH") == f"ship {text} to zürich".lower().translate(accent_map)
