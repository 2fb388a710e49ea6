"""The faster index writing gives the index Whoosh's own writing gives: postings, weights, lengths, columns.

An index is written twice from the same real-shaped postings — once by Whoosh's segment
writer with Whoosh's own way of analysing each field, once by the app's (one-pass fields,
a field's postings added as one list, blocks written whole) — and every term, posting,
weight, stored field, field length and column is compared.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from whoosh import index as whoosh_index
from whoosh.codec.whoosh3 import W3Codec, W3TermInfo
from whoosh.fields import FieldType
from whoosh.index import Index

from desktop_app.core.types import Job, JobId, Location, Salary
from desktop_app.search import index, whoosh_raw
from desktop_app.search.fields import _OnePass, fast_postings
from desktop_app.search.schema import build_schema, job_document
from desktop_app.search.whoosh_raw import writing
from desktop_app.search.whoosh_raw.writing import Codec

CODEC = whoosh_raw.Codec(blocklimit=index.BLOCK_POSTINGS)
DESCRIPTIONS = [
    "We build REST APIs in Go and Python. You'll own unit tests, CI/CD and the on-call rota. "
    "Nice to have: Kubernetes, Terraform; C++ or C# a plus. Zürich office, hybrid (3 days).",
    "<p>Senior Data Engineer — Spark, Airflow &amp; dbt.</p> Build data pipelines; the pipelines "
    "feed BigQuery. Requirements: 5+ years, SQL, Python. Bonus: .NET, Node.js, React.js.",
    "Software as a service, at scale: the service serves millions. Machine learning engineers "
    "and machine-learning researchers welcome. Équipe à Montréal; salaire 90 000 $ - 110 000 $.",
]


def _job(number: int) -> Job:
    low = 60_000 + 1_000 * (number % 40)
    return Job(
        id=JobId(f"job-{number}"),
        title=("Senior " if number % 3 else "") + f"Python Developer {number % 17}",
        company=f"Company {number % 11}",
        locations=(Location("Austin", "TX", "US"), Location("Berlin", None, "DE"))[: 1 + number % 2],
        employment_types=("FULL_TIME",) if number % 4 else ("PART_TIME", "CONTRACTOR"),
        salary=Salary(low, low + 15_000, "USD", "YEAR", annual_min=low, annual_max=low + 15_000)
        if number % 5
        else None,
        date_posted=date(2026, 1, 1) + timedelta(days=number % 200) if number % 7 else None,
        description_text=" ".join(DESCRIPTIONS[(number + k) % 3] for k in range(1 + number % 3))
        + f" w{number}",
    )


JOBS = [_job(n) for n in range(1300)]  # common pairs span more than one block of 512


def _whoosh_way(field: FieldType, value: Any) -> list[tuple[bytes, int, float, bytes]]:
    """The postings Whoosh's own FieldType.index makes (token by token through the analyzer)."""
    return list(FieldType.index(field, value))


ONE_PASS = [name for name, field in build_schema().items() if isinstance(field, _OnePass)]
# Values that try each analyzer's edges: stop words first, accents, empty and spaced commas,
# a separator at the ends, a letter that lower-cases to two, words past the prefix limit.
ODD_VALUES = [
    "The Senior Engineer of the Year", "the a of", "", " a, ,B,,c ", "Zürich,  İstanbul ,Ærø",
    "\x1fRESTful API\x1f REST API \x1f", "Supercalifragilisticexpialidocious-Developer C++/C#/.NET",
    "São Paulo; Montréal (Hub cities) / Remote - US", "FULL_TIME,contractor", "job:job-1", "x",
]  # fmt: skip


@pytest.mark.parametrize("name", ONE_PASS)
def test_one_pass_fields_make_the_postings_whoosh_makes(name: str) -> None:
    field = build_schema()[name]
    values = [job_document(job).get(name) for job in JOBS[:30]] + ODD_VALUES
    for value in values:
        if not isinstance(value, str):
            continue
        made = fast_postings(field, value)
        assert made is not None, value
        assert sorted(made) == sorted(_whoosh_way(field, value)), value


def test_every_field_with_postings_makes_them_in_one_pass() -> None:
    schema = build_schema()
    slow = {name for name, field in schema.items() if field.indexed and name not in ONE_PASS}
    assert slow == {"remote"}  # a boolean: one posting, made by Whoosh


def test_a_phrase_is_found_by_its_pairs_in_each_document_holding_it() -> None:
    field = build_schema()["pairs"]
    made = {text for text, *_ in fast_postings(field, DESCRIPTIONS[0]) or []}
    assert {b"rest api", b"unit test", b"test ci"} <= made  # "tests" stemmed; "and", "the" dropped


def _build(folder: Path, fast: bool, memory_mb: int = 128) -> Index:
    whoosh_index.create_in(str(folder), build_schema()).close()
    ix = index.open_index(folder)
    with pytest.MonkeyPatch.context() as patch:
        if not fast:  # every field's postings made token by token, lengths written as Whoosh writes them
            patch.setattr(_OnePass, "index", FieldType.index)
            patch.setattr(Codec, "per_document_writer", W3Codec.per_document_writer)
        for batch in (JOBS[:1100], JOBS[1100:]):  # two segments
            if fast:
                writer = whoosh_raw.segment_writer(ix, codec=CODEC, compound=False, limitmb=memory_mb)
            else:
                writer = ix.writer(codec=CODEC, compound=False)
            for job in batch:
                writer.add_document(**job_document(job))
            writer.commit(merge=False)
    writer = ix.writer(codec=CODEC, compound=False)
    writer.delete_by_term("key", "job:job-3")
    writer.commit(merge=False)
    return ix


@pytest.fixture(scope="module")
def stock(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Index]:
    built = _build(tmp_path_factory.mktemp("stock"), fast=False)
    yield built
    built.close()


@pytest.fixture(scope="module", params=[128, 1], ids=["in-memory", "spilled-to-runs"])
def pair(
    request: pytest.FixtureRequest, stock: Index, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Index, Index]]:
    # With 1 MB the pool writes dozens of sorted runs to disk and merges them back.
    fast = _build(tmp_path_factory.mktemp("fast"), fast=True, memory_mb=request.param)
    yield fast, stock
    fast.close()


def test_the_faster_writer_writes_the_index_whoosh_writes(pair: tuple[Index, Index]) -> None:
    fast, stock = pair
    with fast.reader() as a, stock.reader() as b:
        assert a.doc_count() == b.doc_count() == len(JOBS) - 1
        assert list(a.all_stored_fields()) == list(b.all_stored_fields())
        terms = list(a.all_terms())
        assert terms == list(b.all_terms())
        assert len(terms) > 2_000
        for field, text in terms:
            assert a.doc_frequency(field, text) == b.doc_frequency(field, text)
            pa, pb = a.postings(field, text), b.postings(field, text)
            assert list(pa.all_items()) == list(pb.all_items()), (field, text)
        for name in build_schema().scorable_names():
            assert [a.doc_field_length(n, name) for n in range(a.doc_count_all())] == [
                b.doc_field_length(n, name) for n in range(b.doc_count_all())
            ]
            assert a.field_length(name) == b.field_length(name)
        for name in ("salary_min", "salary_max", "posted", "id"):
            assert list(a.column_reader(name, translate=False)) == list(
                b.column_reader(name, translate=False)
            )


def test_column_only_fields_write_no_range_terms(pair: tuple[Index, Index]) -> None:
    fast, _ = pair
    with fast.reader() as reader:
        fields = {field for field, _ in reader.all_terms()}
        assert not fields & {"salary_min", "salary_max", "posted"}
        assert reader.has_column("salary_min") and reader.has_column("posted")


def test_long_posting_lists_span_blocks(pair: tuple[Index, Index]) -> None:
    fast, _ = pair
    with fast.reader() as reader:
        first = next(leaf for leaf, _ in reader.leaf_readers())
        assert first.doc_frequency("pairs", "rest api") > index.BLOCK_POSTINGS


def _term_files(folder: Path) -> list[bytes]:
    return [p.read_bytes() for p in sorted(folder.glob("*.trm"), key=lambda p: p.stat().st_size)]


def test_short_terms_written_together_make_the_term_table_written_row_by_row(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("together", "one-by-one"):
        (tmp_path / name).mkdir()
    together = _build(tmp_path / "together", fast=True)
    together.close()
    # Without what the bulk rows need, each row goes through Whoosh's own OrderedHashWriter.add.
    monkeypatch.setattr(writing, "TERMS_ATTRIBUTES", (*writing.TERMS_ATTRIBUTES, "no_such_attribute"))
    one_by_one = _build(tmp_path / "one-by-one", fast=True)
    one_by_one.close()
    assert _term_files(tmp_path / "together") == _term_files(tmp_path / "one-by-one")
    assert len(_term_files(tmp_path / "together")) == 2  # both segments with terms


@pytest.mark.parametrize("count", [1, 3, writing.INLINE_POSTINGS - 1])
def test_a_short_posting_list_row_is_whooshs_own_term_info(count: int) -> None:
    postings = [("pairs", b"rest api", 7 + 5 * n, 1.0 + n / 3, b"") for n in range(count)]
    info = W3TermInfo(
        weight=sum(array("f", [p[3] for p in postings])), df=count, maxweight=max(p[3] for p in postings),
        minid=postings[0][2], maxid=postings[-1][2],
    )  # fmt: skip
    info.set_inlined([p[2] for p in postings], array("f", [p[3] for p in postings]), [])
    row = writing._inline_terminfo([(p[2], p[3], p[4]) for p in postings])
    assert row == info.to_bytes()
    read = W3TermInfo.from_bytes(row)
    assert read.doc_frequency() == count and read.inlined_postings()[0] == tuple(p[2] for p in postings)


def test_a_document_that_fails_part_way_leaves_the_next_one_s_lengths_its_own(tmp_path: Path) -> None:
    # Its title and body lengths were gathered before its pay failed: they go with it.
    from whoosh.util.numeric import byte_to_length, length_to_byte

    def lossy(length: int) -> int:  # lengths are kept as a byte each
        return int(byte_to_length(length_to_byte(length)))

    ix = whoosh_index.create_in(str(tmp_path), build_schema())
    writer = whoosh_raw.segment_writer(ix, codec=CODEC, compound=False)
    first, failing, last = (job_document(job) for job in JOBS[:3])
    writer.add_document(**first)
    with pytest.raises(ValueError):
        writer.add_document(**{**failing, "salary_min": "lots"})
    writer.add_document(**last)
    writer.commit(merge=False)
    with ix.reader() as reader:
        assert [reader.stored_fields(n)["key"] for n in range(2)] == [first["key"], last["key"]]
        words = [lossy(len(build_schema()["body"].analyzer.terms(doc["body"]))) for doc in (first, last)]
        assert [reader.doc_field_length(n, "body") for n in range(2)] == words
    ix.close()


def test_a_documents_own_boosts_and_stored_values_are_written_as_whoosh_writes_them(tmp_path: Path) -> None:
    # Whoosh's conventions ("_boost", "_title_boost", "_stored_title") take the slower path.
    doc = {**job_document(JOBS[0]), "_boost": 2.0, "_title_boost": 3.0, "_stored_title": "Shown Title"}
    made = []
    for fast in (True, False):
        folder = tmp_path / str(fast)
        folder.mkdir()
        ix = whoosh_index.create_in(str(folder), build_schema())
        writer = (
            whoosh_raw.segment_writer(ix, codec=CODEC, compound=False)
            if fast
            else ix.writer(codec=CODEC, compound=False)
        )
        writer.add_document(**doc)
        writer.commit(merge=False)
        with ix.reader() as reader:
            made.append(
                (
                    reader.stored_fields(0),
                    {(f, t): list(reader.postings(f, t).all_items()) for f, t in reader.all_terms()},
                )
            )
        ix.close()
    assert made[0] == made[1]
    assert made[0][0]["title"] == "Shown Title"
