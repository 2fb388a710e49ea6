"""The fast readers of Whoosh's internals agree with Whoosh's public API, and fall back to it.

The index is built here with the app's schema and codec: three segments (one without salary or
date columns at all, one whose last documents have none), deletions in each, and words held by
hundreds of documents so that their posting lists span several blocks of 512.
"""

from __future__ import annotations

import logging
import multiprocessing
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, timedelta
from itertools import chain
from pathlib import Path

import pytest
from whoosh import index as whoosh_index
from whoosh.index import Index
from whoosh.multiproc import SubWriterTask
from whoosh.reading import IndexReader
from whoosh.searching import Searcher

from desktop_app.core.types import Job, JobId, Location, Salary
from desktop_app.search import index, whoosh_raw
from desktop_app.search.bitops import LEVEL_CAP, ones
from desktop_app.search.bitsets import MISSING, IndexView
from desktop_app.search.schema import build_schema, job_document
from desktop_app.search.whoosh_raw import common, writing

WORDS = [("body", "python"), ("body", "kafka"), ("body", "servic"), ("body", "word7"), ("title", "develop")]
WORDS += [("body", "unique1299"), ("body", "nowhere"), ("kind", "job"), ("type", "full_time")]
WORDS += [("body", "word49"), ("title", "1949")]  # inline in the last segment (one document)
COLUMNS = ("salary_min", "salary_max", "posted")
ROOT = Path(__file__).resolve().parents[2]
CODEC = whoosh_raw.Codec(blocklimit=index.BLOCK_POSTINGS)  # what the app writes with


def _job(number: int, paid: bool, dated: bool) -> Job:
    salary = None
    if paid and number % 2 == 0:
        low = 50_000 + 97 * number
        salary = Salary(low, low + 20_000, "USD", "YEAR", annual_min=low, annual_max=low + 20_000)
    # Weights vary from 1 to 5, and some words are held by a third of the documents.
    body = " ".join(
        ["python"] * (1 + number % 5)
        + ["services"]
        + (["kafka"] if number % 3 == 0 else [])
        + [f"word{number % 50}"]
    )
    return Job(
        id=JobId(f"job-{number}"),
        title=f"Python Developer {number}",
        company="Acme",
        locations=(Location("Austin", "TX", "US"),),
        employment_types=("FULL_TIME",) if number % 4 else ("PART_TIME",),
        salary=salary,
        date_posted=date(2026, 1, 1) + timedelta(days=number % 300) if dated else None,
        description_text=body + (f" unique{number}" if number == 1299 else ""),
    )


def _commit(ix: Index, jobs: list[Job]) -> None:
    writer = ix.writer(codec=CODEC, compound=False)
    for job in jobs:
        writer.add_document(**job_document(job))
    writer.commit(merge=False)


@pytest.fixture(scope="module")
def ix(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Index]:
    folder: Path = tmp_path_factory.mktemp("raw-index")
    whoosh_index.create_in(str(folder), build_schema()).close()
    built = index.open_index(folder)
    # Salaries stop 60 documents before the end of the first segment: those read the default.
    _commit(built, [_job(n, paid=n < 1240, dated=True) for n in range(1300)])
    _commit(built, [_job(n, paid=False, dated=False) for n in range(1300, 1900)])  # no column files
    _commit(built, [_job(n, paid=True, dated=n % 2 == 0) for n in range(1900, 1950)])
    writer = built.writer(codec=CODEC, compound=False)
    for number in chain(range(0, 1950, 7), [1299]):
        writer.delete_by_term("key", f"job:job-{number}")
    writer.commit(merge=False)
    built.close()
    opened = index.open_index(folder)
    yield opened
    opened.close()


@pytest.fixture(scope="module")
def searcher(ix: Index) -> Iterator[Searcher]:
    with ix.searcher() as opened:
        yield opened


def _leaves(searcher: Searcher) -> list[tuple[IndexReader, int]]:
    return list(searcher.reader().leaf_readers())


def test_the_index_has_what_the_readers_must_handle(searcher: Searcher) -> None:
    leaves = [leaf for leaf, _ in _leaves(searcher)]
    assert len(leaves) == 3 and all(leaf.has_deletions() for leaf in leaves)
    assert [leaf.has_column("salary_min") for leaf in leaves] == [True, False, True]
    blocks = list(whoosh_raw.posting_ids(leaves[0], "body", "python"))
    assert len(blocks) == 3  # 1,300 postings in blocks of 512
    # A word held by few documents of a segment keeps its postings in its term info.
    assert leaves[2].term_info("body", "word7").is_inlined()
    assert not leaves[0].term_info("body", "word7").is_inlined()  # 26 documents: a block


@pytest.mark.parametrize(("field", "text"), WORDS)
def test_fast_posting_readers_agree_with_the_public_api(searcher: Searcher, field: str, text: str) -> None:
    for leaf, _ in _leaves(searcher):
        fast_ids = list(chain.from_iterable(whoosh_raw.posting_ids(leaf, field, text)))
        # The fast readers keep deleted documents (the caller masks them); Whoosh leaves them out.
        assert fast_ids == sorted(fast_ids)
        live_ids = [doc for doc in fast_ids if not leaf.is_deleted(doc)]
        assert live_ids == whoosh_raw.public_posting_ids(leaf, field, text)
        pairs = list(whoosh_raw.posting_weights(leaf, field, text))
        ids = list(chain.from_iterable(list(i) for i, _ in pairs))
        weights = list(chain.from_iterable(w for _, w in pairs))
        assert ids == fast_ids and len(weights) == len(ids)
        live = [(doc, weight) for doc, weight in zip(ids, weights, strict=True) if not leaf.is_deleted(doc)]
        assert ([d for d, _ in live], [w for _, w in live]) == whoosh_raw.public_posting_weights(
            leaf, field, text
        )


def test_weights_count_how_often_a_document_holds_the_word(searcher: Searcher) -> None:
    leaf, _ = next(iter(_leaves(searcher)))
    ids, weights = whoosh_raw.public_posting_weights(leaf, "body", "python")
    assert set(weights) == {1.0, 2.0, 3.0, 4.0, 5.0}
    assert weights[ids.index(3)] == 4.0


@pytest.mark.parametrize("field", COLUMNS)
def test_fast_column_reader_agrees_with_the_public_api(searcher: Searcher, field: str) -> None:
    for leaf, _ in _leaves(searcher):
        assert whoosh_raw.numeric_column(leaf, field) == whoosh_raw.public_numeric_column(leaf, field)


def test_fast_id_column_reader_agrees_with_the_public_api(searcher: Searcher) -> None:
    for leaf, _ in _leaves(searcher):
        ids = whoosh_raw.text_column(leaf, "id")
        assert ids == whoosh_raw.public_text_column(leaf, "id")
        assert len(ids) == leaf.doc_count_all() and ids[0].startswith("job-")


def test_ids_written_in_any_script_read_back_as_written(tmp_path: Path) -> None:
    whoosh_index.create_in(str(tmp_path), build_schema()).close()
    built = index.open_index(tmp_path)
    names = ["job-café", "job-1", "", "job-東京-2", "job-x" * 40]
    _commit(
        built, [replace(_job(n, paid=False, dated=False), id=JobId(name)) for n, name in enumerate(names)]
    )
    with built.searcher() as opened:
        [(leaf, _)] = _leaves(opened)
        assert whoosh_raw.text_column(leaf, "id") == names == whoosh_raw.public_text_column(leaf, "id")
    built.close()


def test_the_view_reads_sets_weights_and_columns_across_segments(searcher: Searcher) -> None:
    view = IndexView(searcher)
    live = set(searcher.reader().all_doc_ids())
    assert len(live) == 1950 - len(range(0, 1950, 7)) - 1
    for field, text in WORDS:
        expected: dict[int, float] = {}
        for leaf, offset in searcher.reader().leaf_readers():
            ids, weights = whoosh_raw.public_posting_weights(leaf, field, text)
            expected.update((offset + i, w) for i, w in zip(ids, weights, strict=True))
        members = {doc for doc in expected if doc in live}
        assert view.term(field, text) == sum(1 << doc for doc in members)
        found = {doc: float(tf) for tf, bits in view.levels(field, text) for doc in ones(bits)}
        assert found == {doc: min(expected[doc], LEVEL_CAP) for doc in members}
    stored = {doc: searcher.stored_fields(doc)["id"] for doc in live}
    names = view.ids()
    assert {doc: names[doc] for doc in live} == stored
    for field in COLUMNS:
        column = view.column(field)
        public = [v for leaf, _ in searcher.reader().leaf_readers() for v in _public_or_missing(leaf, field)]
        assert column == public
    salary = view.column("salary_min")
    assert salary[2] == 50_000 + 97 * 2 + 2**63 and salary[1] == MISSING and salary[1250] == MISSING


def _public_or_missing(leaf: IndexReader, field: str) -> list[int]:
    values = whoosh_raw.public_numeric_column(leaf, field)
    return values or [MISSING] * leaf.doc_count_all()


# -- fallbacks: what happens when a later Whoosh renames what the fast readers use -------------
def test_posting_readers_fall_back_when_an_attribute_is_missing(
    searcher: Searcher, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(whoosh_raw, "BLOCK_ATTRIBUTES", (*whoosh_raw.BLOCK_ATTRIBUTES, "_renamed"))
    monkeypatch.setattr(common, "_warned", set())
    with caplog.at_level(logging.WARNING, logger=whoosh_raw.__name__):
        for leaf, _ in _leaves(searcher):
            blocks = list(whoosh_raw.posting_ids(leaf, "body", "python"))
            assert len(blocks) == 1  # one public read, not block by block
            assert list(blocks[0]) == whoosh_raw.public_posting_ids(leaf, "body", "python")
            [(ids, weights)] = whoosh_raw.posting_weights(leaf, "body", "python")
            assert (list(ids), list(weights)) == whoosh_raw.public_posting_weights(leaf, "body", "python")
    assert "_renamed" in caplog.text


def test_column_reader_falls_back_when_an_attribute_is_missing(
    searcher: Searcher, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(whoosh_raw, "COLUMN_ATTRIBUTES", (*whoosh_raw.COLUMN_ATTRIBUTES, "_renamed"))
    monkeypatch.setattr(common, "_warned", set())
    with caplog.at_level(logging.WARNING, logger=whoosh_raw.__name__):
        for leaf, _ in _leaves(searcher):
            assert whoosh_raw.numeric_column(leaf, "posted") == whoosh_raw.public_numeric_column(
                leaf, "posted"
            )
    assert "_renamed" in caplog.text


def test_id_column_reader_falls_back_when_an_attribute_is_missing(
    searcher: Searcher, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(
        whoosh_raw, "TEXT_COLUMN_ATTRIBUTES", (*whoosh_raw.TEXT_COLUMN_ATTRIBUTES, "_renamed")
    )
    monkeypatch.setattr(common, "_warned", set())
    with caplog.at_level(logging.WARNING, logger=whoosh_raw.__name__):
        for leaf, _ in _leaves(searcher):
            assert whoosh_raw.text_column(leaf, "id") == whoosh_raw.public_text_column(leaf, "id")
    assert "_renamed" in caplog.text


def test_a_column_read_in_another_layout_is_caught_and_read_again(
    searcher: Searcher, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    # Bytes read in the wrong order stand for a layout that changed under the same names.
    monkeypatch.setattr(sys, "byteorder", "big" if sys.byteorder == "little" else "little")
    monkeypatch.setattr(common, "_warned", set())
    leaf, _ = next(iter(_leaves(searcher)))
    with caplog.at_level(logging.WARNING, logger=whoosh_raw.__name__):
        assert whoosh_raw.numeric_column(leaf, "salary_max") == whoosh_raw.public_numeric_column(
            leaf, "salary_max"
        )
    assert "layout" in caplog.text


@pytest.mark.parametrize("renamed", [False, True])
def test_parallel_writer_helpers_and_their_fallback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, renamed: bool
) -> None:
    if renamed:
        monkeypatch.setattr(writing, "MP_ATTRIBUTES", (*writing.MP_ATTRIBUTES, "_renamed"))
    started: list[object] = []
    monkeypatch.setattr(multiprocessing.Process, "start", lambda self: started.append(self))
    made = whoosh_index.create_in(str(tmp_path), build_schema())
    writer = whoosh_raw.parallel_writer(made, 2, 32, 0.0, CODEC)
    try:
        task = writer._new_task()
    finally:
        writer.cancel()
        made.close()
    assert started == [task] and isinstance(task, SubWriterTask)
    assert (type(task).__name__ == "_GuardedTask") is not renamed


@pytest.mark.parametrize("where", ["desktop_app.search.index", "desktop_app.search.whoosh_raw"])
def test_an_index_naming_the_codec_where_it_used_to_live_still_opens(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    # Written as earlier versions wrote it: the codec's class named in index.py, then in whoosh_raw.
    monkeypatch.setattr(whoosh_raw.Codec, "__module__", where)
    index.rebuild(tmp_path / "index", [job_document(_job(1, paid=True, dated=True))], 1, generation=3)
    monkeypatch.undo()
    toc = b"".join(p.read_bytes() for p in (tmp_path / "index").glob("*.toc"))
    assert where.encode() + b"\x94\x8c\x05Codec" in toc  # the class pickled by module and name
    assert index.check(tmp_path / "index", 3) is index.IndexState.OK


def test_a_helper_that_fails_stops_the_rebuild_and_the_old_index_stays(tmp_path: Path) -> None:
    # Whoosh's own commit goes on without a helper that never handed over its segment: half the
    # documents were lost, silently. The probe runs where helper processes can start.
    folder = tmp_path / "index"
    good = [job_document(_job(n, paid=False, dated=False)) for n in range(10)]
    index.rebuild(folder, iter(good), len(good), 1)
    probe = [sys.executable, "-m", "tests.search.parallel_probe", str(folder)]
    done = subprocess.run(probe, capture_output=True, text=True, check=True, cwd=ROOT, timeout=120)
    assert done.stdout.strip() == "HelperFailedError"
    kept = index.open_index(folder)
    try:
        assert kept.doc_count() == len(good)
    finally:
        kept.close()
    assert index.read_stamp(folder)["generation"] == 1


@pytest.mark.parametrize(("low", "high"), [(60_000, 90_000), (None, 55_000), (150_000, None), (None, None)])
def test_a_column_range_holds_the_live_documents_with_a_value_in_it(
    searcher: Searcher, low: int | None, high: int | None
) -> None:
    # Open ends included; documents without a value (MISSING) and deleted ones never are.
    view = IndexView(searcher)
    live = set(searcher.reader().all_doc_ids())
    column = view.column("salary_min")
    expected = {
        doc
        for doc in live
        if column[doc] != MISSING
        and (low is None or column[doc] - 2**63 >= low)
        and (high is None or column[doc] - 2**63 <= high)
    }
    assert set(ones(view.number_range("salary_min", low, high))) == expected
    assert expected  # each range holds some, so the comparison is not of two empty sets


def test_a_short_fields_frequencies_are_the_readers_own(searcher: Searcher) -> None:
    # Words of the short fields (titles, companies, places) are told apart from memory: the
    # counts must be what asking each segment gives, present words and absent ones alike.
    view = IndexView(searcher)
    reader = searcher.reader()
    for field, text in [("title", "python"), ("title", "develop"), ("company", "acme"), ("title", "kafka")]:
        assert view.frequency(field, text) == reader.doc_frequency(field, text)
    assert view.frequency("title", "python") > 1000 and view.frequency("title", "kafka") == 0


def test_a_words_frequency_counted_from_its_flags_is_the_readers_own(searcher: Searcher) -> None:
    # A word's documents are read first, its frequency then counted from them (deleted ones too).
    view = IndexView(searcher)
    reader = searcher.reader()
    assert reader.has_deletions()
    for field, text in [("body", "python"), ("title", "develop"), ("body", "kafka"), ("pairs", "rest api")]:
        view.term(field, text)
        assert view.frequency(field, text) == reader.doc_frequency(field, text)
    assert view.frequency("body", "python") > 1000


def test_a_short_fields_word_held_by_some_segments_is_read_from_those_alone(searcher: Searcher) -> None:
    # Segments whose words lack it are skipped from memory: the documents must be all that hold it.
    view = IndexView(searcher)
    reader = searcher.reader()
    live = set(reader.all_doc_ids())
    for word in ("1920", "5", "1299", "python", "develop", "kafka"):  # one segment, all, none
        postings = reader.postings("title", word) if reader.doc_frequency("title", word) else None
        expected = set(postings.all_ids()) & live if postings is not None else set()
        assert set(ones(view.term("title", word, counts=False))) == expected, word
        assert set(ones(view.term("title", word))) == expected, word
    assert set(ones(view.term("title", "1920"))) and not set(ones(view.term("title", "1299")))
