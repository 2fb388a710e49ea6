"""Posting blocks as packed arrays: every block reads back as written, and both formats read alike.

An index written before this format (Whoosh's pickled blocks) must still open and answer the
same: the same index is written both ways and compared term by term, through Whoosh's public
reading, the app's fast block readers and a phrase query (which reads positions).
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh import index as whoosh_index
from whoosh import query as wq
from whoosh.codec.whoosh3 import W3Codec
from whoosh.index import Index

from desktop_app.core.types import Job, JobId, Location
from desktop_app.search import index, whoosh_raw
from desktop_app.search.schema import build_schema, job_document
from desktop_app.search.whoosh_raw.blocks import BINARY_MAGIC, SPAN_STRETCH, Block, encode_block

CODEC = whoosh_raw.Codec(blocklimit=index.BLOCK_POSTINGS)
WORDS = ["python", "rest", "api", "design", "unit", "tests", "kubernetes", "cloud", "data", "models"]
WORDS += ["review", "code", "senior", "engineer"]


@st.composite
def _blocks(draw: st.DrawFn) -> tuple[list[int], list[float], list[bytes], int | None]:
    ids = sorted(draw(st.sets(st.integers(0, 2**32 - 1), min_size=1, max_size=600)))
    count = len(ids)
    kind = draw(st.sampled_from(["ones", "same", "counts", "floats"]))
    weights = {
        "ones": lambda: [1.0] * count,
        "same": lambda: [draw(st.sampled_from([2.0, 0.5, 4.0]))] * count,
        "counts": lambda: draw(st.lists(st.integers(1, 300).map(float), min_size=count, max_size=count)),
        "floats": lambda: draw(st.lists(st.floats(0.25, 50, width=32), min_size=count, max_size=count)),
    }[kind]()
    size = draw(st.sampled_from([None, 0, 4]))
    if size == 0:
        values: list[bytes] = []
    elif size is None:
        values = draw(st.lists(st.binary(min_size=1, max_size=9), min_size=0, max_size=count))
    else:
        values = draw(st.lists(st.binary(min_size=4, max_size=4), min_size=count, max_size=count))
    return ids, weights, values, size


@settings(max_examples=200, deadline=None)
@given(_blocks())
def test_a_block_reads_back_as_written(block: tuple[list[int], list[float], list[bytes], int | None]) -> None:
    ids, weights, values, size = block
    read = Block(encode_block(array("I", ids), array("f", weights), values, size, compression=3))
    assert list(read.ids()) == ids
    expected = list(array("f", weights))  # stored as 32-bit floats are
    assert list(read.counts()) == expected
    if all(w == 1.0 for w in expected):
        assert read.weights is None
    elif len(set(expected)) == 1:
        assert read.weights == expected[0]
    elif all(w.is_integer() and w < 256 for w in expected):
        assert read.weights.typecode == "B"  # how often a word is in a field: a byte each
    if size == 0:
        assert read.values(size) == (None,) * len(ids)
    else:
        assert list(read.values(size)) == values


@st.composite
def _dense(draw: st.DrawFn) -> tuple[list[int], list[float]]:
    # Most documents of a stretch hold the word (a common word's block), now and then not.
    first = draw(st.integers(0, 2**31))
    length = draw(st.integers(16, 1500))
    ids = sorted({first, *draw(st.sets(st.integers(first, first + length), min_size=16, max_size=length))})
    counts = draw(st.lists(st.integers(1, 255).map(float), min_size=len(ids), max_size=len(ids)))
    return ids, counts


@settings(max_examples=200, deadline=None)
@given(_dense())
def test_a_dense_block_is_a_count_per_document_of_its_stretch(block: tuple[list[int], list[float]]) -> None:
    ids, weights = block
    read = Block(encode_block(array("I", ids), array("f", weights), [b"\x00\x00\x00\x01"] * len(ids), 4))
    assert list(read.ids()) == ids
    assert list(read.counts()) == weights
    assert list(read.values(4)) == [b"\x00\x00\x00\x01"] * len(ids)
    if ids[-1] - ids[0] + 1 <= SPAN_STRETCH * len(ids):  # stored as the stretch: a copy reads it
        assert read.span is not None and len(read.span) == ids[-1] - ids[0] + 1
        assert [read.span[doc - ids[0]] for doc in ids] == [int(w) for w in weights]


def _job(number: int) -> Job:
    words = [WORDS[(number * k + k * k) % len(WORDS)] for k in range(1, 40)]
    return Job(
        id=JobId(f"job-{number}"),
        title=("Senior " if number % 3 else "") + f"{WORDS[number % len(WORDS)].title()} Engineer",
        company=f"Company {number % 13}",
        locations=(Location("Austin", "TX", "US"),),
        description_text=" ".join(words) + (" rest api design" if number % 2 else "") + f" w{number}",
    )


JOBS = [_job(n) for n in range(1400)]  # common words span several blocks of 512


def _build(folder: Path, pickled: bool) -> Index:
    whoosh_index.create_in(str(folder), build_schema()).close()
    ix = index.open_index(folder)
    with pytest.MonkeyPatch.context() as patch:
        if pickled:  # as an index written before this format was
            patch.setattr(whoosh_raw.Codec, "postings_writer", W3Codec.postings_writer)
        for batch in (JOBS[:900], JOBS[900:]):
            writer = whoosh_raw.segment_writer(ix, codec=CODEC, compound=False)
            for job in batch:
                writer.add_document(**job_document(job))
            writer.commit(merge=False)
    return ix


@pytest.fixture(scope="module")
def both(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Index, Index]]:
    binary = _build(tmp_path_factory.mktemp("binary"), pickled=False)
    pickled = _build(tmp_path_factory.mktemp("pickled"), pickled=True)
    yield binary, pickled
    binary.close()
    pickled.close()


def _magics(ix: Index) -> set[bytes]:
    folder = Path(ix.storage.folder)
    return {path.read_bytes()[:4] for path in folder.glob("*.pst") if path.stat().st_size}


def test_the_two_indexes_are_written_in_the_two_formats(both: tuple[Index, Index]) -> None:
    binary, pickled = both
    assert _magics(binary) == {BINARY_MAGIC}
    assert _magics(pickled) == {b"W3Bl"}


def test_both_formats_give_the_same_postings(both: tuple[Index, Index]) -> None:
    binary, pickled = both
    with binary.reader() as a, pickled.reader() as b:
        terms = list(a.all_terms())
        assert terms == list(b.all_terms())
        long_lists = 0
        for field, text in terms:
            items = list(a.postings(field, text).all_items())
            assert items == list(b.postings(field, text).all_items()), (field, text)
            long_lists += len(items) > index.BLOCK_POSTINGS
        assert long_lists > 10  # lists of several blocks were compared, not only inlined ones
        for (leaf_a, _), (leaf_b, _) in zip(a.leaf_readers(), b.leaf_readers(), strict=True):
            for field, text in (("body", "design"), ("title", "engin"), ("pairs", "rest api")):
                fast = [(list(i), list(w)) for i, w in whoosh_raw.posting_weights(leaf_a, field, text)]
                slow = [(list(i), list(w)) for i, w in whoosh_raw.posting_weights(leaf_b, field, text)]
                assert fast == slow and fast


def test_phrases_read_positions_alike_in_both_formats(both: tuple[Index, Index]) -> None:
    binary, pickled = both
    phrase = wq.Phrase("title", ["senior", "python"])
    with binary.searcher() as a, pickled.searcher() as b:
        found = sorted(a.docs_for_query(phrase))
        assert found == sorted(b.docs_for_query(phrase))
        assert 50 < len(found) < len(JOBS)
