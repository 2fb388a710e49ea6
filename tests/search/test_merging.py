"""What a commit merges is bounded: small segments gathered, emptied ones dropped, big ones left."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from desktop_app.importers.build import make_job
from desktop_app.search import index, merging
from desktop_app.search.schema import job_document


@dataclass
class Seg:
    """A stand-in for a Whoosh segment: only its counts matter to the policy."""

    docs: int
    deleted: int = 0

    def doc_count_all(self) -> int:
        return self.docs

    def deleted_count(self) -> int:
        return self.deleted

    def doc_count(self) -> int:
        return self.docs - self.deleted


def test_small_segments_are_merged_only_once_enough_have_gathered() -> None:
    big = [Seg(2_500), Seg(2_500), Seg(40_000)]
    few = [Seg(1) for _ in range(merging.MERGE_AT - 1)]
    assert merging.to_merge(big + few) == []
    many = [*few, Seg(3)]
    chosen = merging.to_merge(big + many)
    assert len(chosen) == merging.MERGE_AT and all(s.docs < merging.SMALL_DOCS for s in chosen)


def test_a_commit_never_merges_more_than_its_bound_and_never_a_big_segment() -> None:
    segments = [Seg(merging.SMALL_DOCS - 1) for _ in range(40)] + [Seg(100_000), Seg(5_000)]
    chosen = merging.to_merge(segments)
    assert len(chosen) >= 2 and sum(s.docs for s in chosen) <= merging.MERGE_MAX_DOCS
    assert all(s.docs < merging.SMALL_DOCS for s in chosen)


def test_a_segment_mostly_replaced_counts_as_small() -> None:
    halves = [Seg(2_000, deleted=1_500) for _ in range(merging.MERGE_AT)]
    assert len(merging.to_merge(halves)) >= 2
    assert merging.to_merge([Seg(2_000, deleted=900) for _ in range(merging.MERGE_AT)]) == []


def _jobs(start: int, count: int) -> list[dict[str, object]]:
    return [
        job_document(make_job(title=f"Engineer {n} Zephyrword", source="merging.jsonld", company=f"Co {n}"))
        for n in range(start, start + count)
    ]


def _built(folder: Path, count: int) -> list[dict[str, object]]:
    """Rebuild the index in ``folder`` from ``count`` new jobs; return their documents."""
    base = _jobs(0, count)
    index.rebuild(folder, base, len(base), 1)
    return base


def _segment_ids(folder: Path) -> set[str]:
    return {p.stem for p in folder.glob("MAIN_*.trm")}  # each segment has its table of terms


def _jobs_held(folder: Path) -> list[str]:
    ix = index.open_index(folder)
    try:
        with ix.searcher() as searcher:
            return [hit["key"] for hit in searcher.documents(kind="job")]
    finally:
        ix.close()


def test_many_small_commits_keep_a_bounded_number_of_segments_and_every_job(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(merging, "SMALL_DOCS", 5)
    folder = tmp_path / "index"
    base = _built(folder, 30)
    first = _segment_ids(folder)
    keys = {str(doc["key"]) for doc in base}
    for number in range(20):
        batch = _jobs(100 + number * 2, 2)
        index.update(folder, batch, [], 2 + number, new_keys={str(d["key"]) for d in batch}, parallel=False)
        keys |= {str(doc["key"]) for doc in batch}
    segments = _segment_ids(folder)
    assert first <= segments  # the big segment was never read back
    assert len(segments) <= len(first) + merging.MERGE_AT
    held = _jobs_held(folder)
    assert len(held) == len(keys) and set(held) == keys


def test_a_segment_whose_jobs_were_all_replaced_is_dropped(tmp_path: Path) -> None:
    folder = tmp_path / "index"
    _built(folder, 3)
    index.update(folder, _jobs(10, 3), [], 2, parallel=False)
    before = _segment_ids(folder)
    index.update(folder, _jobs(10, 3), [], 3, parallel=False)  # the same three jobs again
    after = _segment_ids(folder)
    assert len(after) == len(before)  # the replaced segment went, the new one came
    assert len(_jobs_held(folder)) == 6


def test_a_commit_on_an_index_of_many_segments_leaves_them_unread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Whoosh's own policy merges more the more segments there are: with two dozen, everything.
    monkeypatch.setattr(merging, "SMALL_DOCS", 5)
    monkeypatch.setattr(index, "ROUND_DOCS", 10)
    monkeypatch.setattr(index, "MOST_ROUNDS", 100)
    folder = tmp_path / "index"
    _built(folder, 240)
    first = _segment_ids(folder)
    assert len(first) >= 24
    index.update(folder, _jobs(500, 1), [], 2, parallel=False)
    assert first <= _segment_ids(folder)
    assert len(_jobs_held(folder)) == 241


def test_a_large_board_is_built_in_a_bounded_number_of_segments(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Every search looks a word up in each segment: a rebuild of many jobs makes at most
    # MOST_ROUNDS rounds, a segment or two each, whatever the board's size.
    monkeypatch.setattr(index, "ROUND_DOCS", 10)
    monkeypatch.setattr(index, "MOST_ROUNDS", 4)
    folder = tmp_path / "index"
    _built(folder, 240)
    assert len(_segment_ids(folder)) <= 2 * 4
    assert len(_jobs_held(folder)) == 240


def test_segments_of_both_block_formats_merge_into_one_that_holds_every_job(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # An index written before the packed blocks (Whoosh's pickled ones) takes new, packed
    # segments; a commit that merges small segments of both kinds must keep every posting.
    from whoosh.codec.whoosh3 import W3Codec

    from desktop_app.search import whoosh_raw
    from desktop_app.search.bitsets import IndexView

    monkeypatch.setattr(merging, "SMALL_DOCS", 40)
    folder = tmp_path / "index"
    keys: set[str] = set()
    with pytest.MonkeyPatch.context() as old:
        old.setattr(whoosh_raw.Codec, "postings_writer", W3Codec.postings_writer)
        base = _built(folder, 20)
        keys |= {str(doc["key"]) for doc in base}
        for number in range(4):
            batch = _jobs(100 + number * 20, 20)
            index.update(folder, batch, [], 2 + number, parallel=False)
            keys |= {str(doc["key"]) for doc in batch}
    pickled = {p.read_bytes()[:4] for p in folder.glob("*.pst") if p.stat().st_size}
    for number in range(6):
        batch = _jobs(500 + number * 20, 20)
        index.update(folder, batch, [], 10 + number, parallel=False)
        keys |= {str(doc["key"]) for doc in batch}
    both = {p.read_bytes()[:4] for p in folder.glob("*.pst") if p.stat().st_size}
    assert pickled == {b"W3Bl"} and b"GJb1" in both
    assert len(_segment_ids(folder)) < 11  # a merge happened: eleven commits, fewer segments
    held = _jobs_held(folder)
    assert len(held) == len(keys) and set(held) == keys
    ix = index.open_index(folder)
    try:
        with ix.searcher() as searcher:
            view = IndexView(searcher)
            assert view.term("title", "zephyrword").bit_count() == len(keys)  # every block read
    finally:
        ix.close()


def test_a_board_a_little_over_a_round_is_built_in_one_round(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 104 documents in rounds of about 100: one round (one segment), not 100 and then 4.
    monkeypatch.setattr(index, "ROUND_DOCS", 100)
    folder = tmp_path / "index"
    _built(folder, 104)
    assert len(_segment_ids(folder)) == 1
    assert len(_jobs_held(folder)) == 104
    empty = tmp_path / "empty"
    index.rebuild(empty, [], 0, 1)  # nothing to write still ends
    assert not _jobs_held(empty)
