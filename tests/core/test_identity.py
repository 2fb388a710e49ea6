"""A posting's fingerprint reads the same whatever the length of its description."""

from __future__ import annotations

import re
import sys
from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.core import identity
from desktop_app.importers.build import make_job

# Letters, digits, punctuation, white space and characters whose case folds to two ("ß").
TEXT = st.text(alphabet=st.sampled_from("abcXYZ ß-,.!\n\t0129ÉéΣ•İ\u212a\ufb01"), max_size=3000)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200) | TEXT)
def test_the_normal_form_is_the_runs_of_letters_of_the_folded_text(text: str) -> None:
    assert identity._norm(text) == re.sub("[^a-z]+", " ", text.casefold()).strip()


def test_the_characters_folding_to_ascii_letters_are_all_known() -> None:
    # The normal form folds the case only of text holding one of them: a new Unicode may add some.
    folds = (chr(c) for c in range(128, sys.maxunicode + 1))
    assert "".join(c for c in folds if re.search("[a-z]", c.casefold())) == identity.FOLDS_TO_ASCII


@settings(max_examples=300, deadline=None)
@given(TEXT, st.integers(min_value=1, max_value=120))
def test_the_normal_form_of_a_long_text_is_read_from_its_head_alone(text: str, limit: int) -> None:
    assert identity._norm_head(text, limit) == identity._norm(text)[:limit]


def test_a_repost_with_a_different_tail_far_past_the_compared_part_has_the_same_fingerprint() -> None:
    body = "We build APIs in Go and Python; you will own on-call. " * 80
    first = make_job(title="Platform Engineer", source="a.jsonld", company="Acme", description=body)
    again = replace(first, description_text=body + " Posted again on 12 May, 2026!")
    other = replace(first, description_text="We build dashboards in React. " + body)
    assert identity.fingerprint(first) == identity.fingerprint(again)
    assert identity.fingerprint(first) != identity.fingerprint(other)
