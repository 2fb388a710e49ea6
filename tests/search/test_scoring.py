"""Bit-sliced ranking picks the same best documents as scoring each one, to the last unit of precision."""

from __future__ import annotations

import random
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_app.search.bitops import LEVEL_CAP, from_ids, ones, split_levels
from desktop_app.search.scoring import BITS, K1, _add, top_by_weight


class _View:
    """What ranking reads of an index: each word's documents by how often they hold it, its idf."""

    def __init__(
        self, size: int, levels: dict[tuple[str, str], dict[int, int]], idf: dict[str, float]
    ) -> None:
        self.size = size
        self._levels = levels
        self._idf = idf

    def levels(self, field: str, word: str) -> tuple[tuple[int, int], ...]:
        by_tf: dict[int, list[int]] = {}
        for doc, tf in self._levels.get((field, word), {}).items():
            by_tf.setdefault(tf, []).append(doc)
        return tuple((tf, from_ids(docs, self.size)) for tf, docs in sorted(by_tf.items()))

    def idf(self, field: str, word: str) -> float:
        return self._idf[word]


def _newest(docs: int, count: int) -> list[int]:
    return sorted(ones(docs), reverse=True)[:count]  # here "newest" is the highest number


def test_bit_sliced_addition_adds() -> None:
    numbers = [5, 9, 12, 0, 7]
    total: list[int] = []
    for value in (3, 6, 1):
        addend = [sum(1 << d for d, n in enumerate(numbers) if (value * (d + 1)) >> j & 1) for j in range(6)]
        total = _add(total, addend)
    sums = [sum(((total[j] >> d) & 1) << j for j in range(len(total))) for d in range(len(numbers))]
    assert sums == [(3 + 6 + 1) * (d + 1) for d in range(len(numbers))]


@pytest.mark.parametrize("seed", range(12))
def test_the_best_documents_are_those_scoring_each_would_pick(seed: int) -> None:
    rng = random.Random(seed)
    size = 300
    words = ["api", "rest", "design"]
    levels = {
        (field, word): {
            doc: rng.choice((1, 1, 1, 2, 3, 7)) for doc in rng.sample(range(size), rng.randint(5, 250))
        }
        for field in ("title", "body")
        for word in words
    }
    view = _View(size, levels, {w: rng.uniform(0.1, 4.0) for w in words})
    scorers = tuple(
        (field, word, 3.0 if field == "title" else 1.0) for field in ("title", "body") for word in words
    )
    members = from_ids(rng.sample(range(size), 200), size)
    need = rng.choice((1, 10, 50))

    def exact(doc: int) -> float:
        return sum(
            boost * view.idf(f, w) * (K1 + 1) * tf / (tf + K1)
            for f, w, boost in scorers
            if (tf := levels[(f, w)].get(doc))
        )

    ranked = top_by_weight(view, members, scorers, need, _newest)  # type: ignore[arg-type]
    chosen = [doc for doc, _ in ranked]
    assert len(chosen) == len(set(chosen)) == need
    assert all(members >> doc & 1 for doc in chosen)
    best = sorted((exact(d) for d in ones(members)), reverse=True)
    quantum = sum(boost * view.idf(f, w) * (K1 + 1) for f, w, boost in scorers) / (1 << BITS)
    # Every chosen document is as good as the need-th best, and they come best first.
    assert min(exact(d) for d in chosen) >= best[need - 1] - len(scorers) * quantum
    scores = [exact(d) for d in chosen]
    assert all(a >= b - len(scorers) * quantum for a, b in pairwise(scores))
    assert ranked[0][1] == pytest.approx(0.99)


def test_equal_scores_go_to_the_newest() -> None:
    size = 40
    levels = {("body", "api"): {doc: 1 for doc in range(size)}}
    view = _View(size, levels, {"api": 1.0})
    ranked = top_by_weight(view, (1 << size) - 1, (("body", "api", 1.0),), 5, _newest)  # type: ignore[arg-type]
    assert [doc for doc, _ in ranked] == [39, 38, 37, 36, 35]


def test_a_word_weighing_nothing_or_less_is_left_out_and_the_ranking_ends() -> None:
    # A negative idf (a word's frequency still counting deleted documents) once looped for ever,
    # growing a list until the machine ran out of memory.
    view = _View(
        8, {("body", "common"): {1: 3, 2: 1}, ("body", "rare"): {2: 2, 5: 1}}, {"common": -0.4, "rare": 1.5}
    )
    scorers = (("body", "common", 1.0), ("body", "rare", 1.0))
    ranked = top_by_weight(view, from_ids(range(8), 8), scorers, 3, _newest)  # type: ignore[arg-type]
    assert [doc for doc, _ in ranked][:2] == [2, 5]
    only_nothing = _View(4, {("body", "zero"): {0: 1}}, {"zero": 0.0})
    ranked = top_by_weight(only_nothing, from_ids(range(4), 4), (("body", "zero", 1.0),), 2, _newest)  # type: ignore[arg-type]
    assert ranked == [(3, 0.0), (2, 0.0)]  # nothing weighs: the newest first


@given(
    st.lists(st.integers(min_value=0, max_value=LEVEL_CAP), max_size=300),
    st.sets(st.integers(min_value=0, max_value=299)),
)
def test_a_words_documents_split_by_level_are_exactly_those_at_each_level(
    levels: list[int], deleted: set[int]
) -> None:
    # Few levels are packed one by one, many through the four bit planes: the same sets.
    live = from_ids((doc for doc in range(len(levels)) if doc not in deleted), len(levels))
    split = split_levels(bytes(levels), live)
    expected = {
        level: {doc for doc, at in enumerate(levels) if at == level and doc not in deleted}
        for level in range(1, LEVEL_CAP + 1)
    }
    assert {level: set(ones(bits)) for level, bits in split} == {k: v for k, v in expected.items() if v}
    assert [level for level, _ in split] == sorted(level for level, _ in split)
