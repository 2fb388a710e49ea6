"""Ranking by the text's weight without scoring documents one by one: BM25 summed as bit slices.

Each document's score is the sum over the query's (field, word) pairs of
``boost × idf × (K1 + 1) × tf / (tf + K1)`` — BM25 without length normalisation. A pair's
documents come split by how often they hold the word (``IndexView.levels``), so its
contribution takes one of a few values, each on a bitset. The scores of all documents are kept
as bit slices (slice *j* holds the documents whose score has bit *j* set, in fixed point) and
added with a ripple-carry adder of bitset operations; the best ``need`` are then found from the
top slice down (O'Neil and Quass's bit-sliced top-k): about a thousand C operations on whole
bitsets instead of a Python step per match.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import groupby

from desktop_app.search.bitops import LEVEL_CAP, from_ids, member_test, ones
from desktop_app.search.bitsets import IndexView

K1 = 1.2  # BM25's term-frequency saturation
BITS = 14  # fixed-point precision of a score: the best possible score is 2**BITS
Scorer = tuple[str, str, float]  # field, word, boost
Pick = Callable[[int, int], list[int]]  # (documents, how many) → the first ones, in display order


def _add(total: list[int], addend: list[int]) -> list[int]:
    """Return the bit slices of ``total + addend`` (both bit-sliced, lowest bit first)."""
    out: list[int] = []
    carry = 0
    for j in range(max(len(total), len(addend))):
        a = total[j] if j < len(total) else 0
        b = addend[j] if j < len(addend) else 0
        either = a ^ b
        out.append(either ^ carry)
        carry = (a & b) | (carry & either)
    if carry:
        out.append(carry)
    return out


def _slices(view: IndexView, members: int, scorers: tuple[Scorer, ...]) -> list[int]:
    """Return every member's score in fixed point, as bit slices."""
    pairs: list[tuple[tuple[tuple[int, int], ...], float]] = []
    for field, word, boost in dict.fromkeys(scorers):
        levels = view.levels(field, word)
        if levels:
            pairs.append((levels, boost * view.idf(field, word) * (K1 + 1)))
    pairs = [(levels, factor) for levels, factor in pairs if factor > 0]
    best = sum(factor * LEVEL_CAP / (LEVEL_CAP + K1) for _, factor in pairs)
    if not best:
        return []
    unit = best / (1 << BITS)
    total: list[int] = []
    for levels, factor in pairs:
        addend: list[int] = []
        for tf, bits in levels:
            held = bits & members
            if not held:
                continue
            value = round(factor * tf / (tf + K1) / unit)
            if value <= 0:
                continue  # a word that weighs nothing adds nothing (a negative value never ends)
            j = 0
            while value:
                if value & 1:
                    addend.extend([0] * (j + 1 - len(addend)))
                    addend[j] |= held
                value >>= 1
                j += 1
        if addend:
            total = _add(total, addend)
    return total


def top_by_weight(
    view: IndexView, members: int, scorers: tuple[Scorer, ...], need: int, pick: Pick
) -> list[tuple[int, float]]:
    """Return the ``need`` members whose text weighs most, best first, with a score in (0, 0.99].

    Among equal scores, ``pick(documents, count)`` chooses (the newest first).
    """
    if need <= 0 or not members:
        return []
    slices = _slices(view, members, scorers)
    sure, tied = 0, members
    for bit in reversed(slices):
        high = tied & bit
        if not high:
            continue
        count = sure.bit_count() + high.bit_count()
        if count > need:
            tied = high
        else:
            sure |= high
            tied &= ~bit
            if count == need:
                tied = 0
                break
    tests = [member_test(bit) for bit in slices]
    scored = [(doc, sum(1 << j for j, test in enumerate(tests) if test(doc))) for doc in ones(sure)]
    scored.sort(key=lambda pair: -pair[1])  # stable: ``pick`` order within a score comes below
    if tied and len(scored) < need:
        low = sum(1 << j for j, test in enumerate(tests) if test(next(ones(tied))))
        scored += [(doc, low) for doc in pick(tied, need - len(scored))]
    ranked: list[tuple[int, int]] = []
    for score, group in groupby(scored, key=lambda pair: pair[1]):
        docs = [doc for doc, _ in group]
        if len(docs) > 1:
            docs = pick(from_ids(docs, view.size), len(docs))
        ranked += [(doc, score) for doc in docs]
    top = max((score for _, score in ranked), default=0) or 1
    return [(doc, 0.99 * score / top) for doc, score in ranked]
