"""Skill counts on bitsets: medians across runs of pay, demand and fit ties, as the plain count gives."""

from __future__ import annotations

import random
import statistics

from desktop_app.search.bitops import from_ids
from desktop_app.search.bitsets import MISSING, SIGNED
from desktop_app.search.skillstats import PayOrder, SkillBits, demand, fit


def test_the_median_of_any_set_is_the_plain_median_across_runs() -> None:
    rng = random.Random(5)
    size = 3000
    pay = {doc: float(rng.randrange(30, 300) * 1000) for doc in range(size) if rng.random() < 0.7}
    order = PayOrder.of(pay, size)
    for _ in range(40):
        members = [doc for doc in range(size) if rng.random() < rng.choice((0.01, 0.3, 0.9))]
        known = [pay[d] for d in members if d in pay]
        expected = statistics.median(known) if known else None
        assert order.median(from_ids(members, size)) == expected
    assert order.median(0) is None


def test_demand_and_fit_on_a_tiny_board() -> None:
    # Jobs 0-3; 0 and 1 ask for go (0 requires it), 1 and 2 for rust, 3 for nothing.
    skills = {"go": from_ids([0, 1], 4), "rust": from_ids([1, 2], 4)}
    bits = SkillBits(
        selection=from_ids([0, 1, 2, 3], 4),
        skills=skills,
        ids=["a", "b", "c", "d"],
        weight=[SIGNED + 2, SIGNED + 3, SIGNED + 1, MISSING],
        posted=[5, 7, MISSING, MISSING],
        required={"go": from_ids([0], 4), "rust": from_ids([1], 4)},
    )
    rows = demand(bits, [("2026-W48", from_ids([0, 2], 4))], PayOrder.of({0: 100.0, 1: 200.0}, 4), None)
    assert [(r.slug, r.jobs, r.share, r.weekly, r.with_) for r in rows] == [
        ("go", 2, 0.5, (("2026-W48", 1),), (("rust", 0.5),)),
        ("rust", 2, 0.5, (("2026-W48", 1),), (("go", 0.5),)),
    ]
    assert (rows[0].pay_with, rows[0].pay_without, rows[0].pay_known) == (150.0, None, 2)
    # a: go required (2 of 2); b: go nice (1 of 3, rust required missing); c asks no go: left out.
    assert fit(bits, ["go"], None) == [("a", 1.0), ("b", 0.3333)]
    # Equal scores: the newer posting first (b, posted 7; a, posted 5; c, undated).
    assert fit(bits, ["go", "rust"], None) == [("b", 1.0), ("a", 1.0), ("c", 1.0)]
    assert fit(bits, ["go", "rust"], 1) == [("b", 1.0)]
