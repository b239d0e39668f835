"""The Tantivy lexical engine (assistant/index/lexical_tantivy.py, KEHOACH_LEXICAL_ENGINE=tantivy): the same
units found as bm25s finds, filters and hidden documents applied inside the query, one document added or
removed per publish (no rebuild), an index published by the bm25s engine migrated on first open, and an
ingest killed at any step leaving the old generation or the new one whole.
"""

from __future__ import annotations

import signal
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.test_reliability import (
    CORPUS,
    EXACT_SHARE,
    KEHOACH,
    QUERIES,
    _changed_plan,
    _copy,
    _env,
    exact_share,
    generation_mixes,
    search_while_publishing,
)

OTHER = """# KẾ HOẠCH

**Phát động phong trào đọc sách năm 2025 tại huyện Lai Vung**

## I. NỘI DUNG

Mỗi học sinh tiểu học đọc ít nhất 10 cuốn sách trong năm học; thanh toán không dùng tiền mặt khi mua sách.
"""
SEARCHES = [*QUERIES, "chi tieu thanh toan khong dung tien mat nam 2024", "Những trường nào được đầu tư STEM?"]


def _settings(home: Path, engine: str = "tantivy") -> Any:
    from assistant.settings import Settings

    return Settings(home=home, embedder="fake", chroma_url="", corpus_dir=home / "no-corpus",
                    lexical_engine=engine)


def _index(home: Path, engine: str = "tantivy") -> Any:
    from chromadb.api.shared_system_client import SharedSystemClient

    from assistant.embedder import FakeEmbedder
    from assistant.index.index import Index

    SharedSystemClient.clear_system_cache()
    return Index(_settings(home, engine), FakeEmbedder())


@pytest.fixture(scope="module")
def docs(tmp_path_factory) -> tuple[Any, Any]:
    from ingest.pipeline import parse_path

    folder = tmp_path_factory.mktemp("docs")
    (folder / "doc-sach.md").write_text(OTHER, encoding="utf-8")
    return parse_path(CORPUS).document, parse_path(folder / "doc-sach.md").document


def _ids(hits: list[Any]) -> list[str]:
    return [h.unit.id for h in hits]


def test_same_units_as_bm25s_and_filters_inside_the_query(docs, tmp_path: Path) -> None:
    plan, other = docs
    bm = _index(tmp_path / "bm", "bm25s")
    bm.add_documents([plan, other])
    tv = _index(tmp_path / "tv")
    tv.add_documents([plan, other])
    folder = tmp_path / "tv" / "index" / "gen" / str(tv.generation)
    assert (folder / "tantivy").is_dir() and not (folder / "lexical").exists()  # no bm25s index
    assert tv._refresh().tokens == {}  # no tokens kept in memory
    for q in SEARCHES:
        a, b = _ids(bm.lexical_search(q, 10)), _ids(tv.lexical_search(q, 10))
        assert b and a == b, q  # Tantivy's candidates scored as bm25s scores them: the same order
    for f in ({"doc": other.doc}, {"district": "Lai Vung"}, {"level": "THPT"}, {"role": "giáo viên"}):
        for q in SEARCHES:
            got = tv.lexical_search(q, 40, f)
            want = bm.lexical_search(q, 40, f)
            assert set(_ids(got)) == set(_ids(want)), (f, q)  # the same units pass, at any depth
    # a document hidden from a public caller: none of its units, even named as a filter
    tv.set_visibility(other.doc, "staff")
    public = tv.lexical_search("đọc sách thanh toán không dùng tiền mặt", 40, staff=False)
    assert public and all(h.unit.doc != other.doc for h in public)
    assert not tv.lexical_search("đọc sách", 40, {"doc": other.doc}, staff=False)
    assert tv.lexical_search("đọc sách", 40, {"doc": other.doc}, staff=True)
    assert not tv.search("đọc sách", 8, {"doc": other.doc}, staff=False)


def test_one_document_added_or_removed_per_publish(docs, tmp_path: Path, monkeypatch) -> None:
    from assistant.index.lexical import LexicalIndex
    from assistant.index.lexical_tantivy import TantivyLexical

    plan, other = docs
    tv = _index(tmp_path / "tv")
    tv.add_documents([plan])
    monkeypatch.setattr(LexicalIndex, "build", classmethod(lambda *a, **k: pytest.fail("BM25 rebuilt")))
    written: list[tuple[set[str], set[str]]] = []
    original = TantivyLexical.write

    def spy(self, add, drop=()):
        written.append((set(add), set(drop)))
        return original(self, add, drop)

    monkeypatch.setattr(TantivyLexical, "write", spy)
    tv.add_documents([other])
    assert written == [({tv._refresh().docs[other.doc]["segment"]}, set())]  # only the new document's units
    assert _ids(tv.lexical_search("đọc sách", 3))[0] in {u.id for u in other.units}
    tv.delete_document(other.doc)
    assert all(h.unit.doc == plan.doc for h in tv.lexical_search("đọc sách thanh toán", 40))
    tv.add_documents([other])  # its old segment is collected by then or re-added whole, never twice
    hits = _ids(tv.lexical_search("đọc sách", 40))
    assert len(hits) == len(set(hits))
    # another process (a fresh Index) sees the same
    assert _ids(_index(tmp_path / "tv").lexical_search("đọc sách", 40)) == hits


def test_scores_count_live_units_only_whatever_was_published_before(docs, tmp_path: Path) -> None:
    """A document deleted and added again leaves deleted units in Tantivy's files until it merges them; the
    scores (document frequencies) must not count them: the same documents, the same scores as bm25s's."""
    plan, other = docs
    bm = _index(tmp_path / "bm", "bm25s")
    bm.add_documents([plan, other])
    tv = _index(tmp_path / "tv")
    tv.add_documents([plan, other])
    for _ in range(3):
        tv.delete_document(other.doc)
        tv.add_documents([other])
    searcher = tv._refresh().lexical.engine.index.searcher()
    assert searcher.doc_freq("body", "sách") > tv._refresh().lexical.live_freq(searcher, "sách")  # deletes kept
    for q in SEARCHES:
        want, got = bm.lexical_search(q, 10), tv.lexical_search(q, 10)
        assert _ids(got) == _ids(want), q
        assert [h.score for h in got] == pytest.approx([h.score for h in want], rel=1e-6), q


def test_index_of_the_bm25s_engine_is_migrated_on_first_open(docs, tmp_path: Path) -> None:
    plan, other = docs
    home = tmp_path / "home"
    bm = _index(home, "bm25s")
    bm.add_documents([plan, other])
    before = {q: _ids(bm.lexical_search(q, 10)) for q in SEARCHES}
    number = bm.generation
    assert not (home / "index" / "gen" / str(number) / "tantivy").exists()
    tv = _index(home)
    assert tv.generation == number  # migrated in place: the same generation, now with its Tantivy index
    from assistant.index.lexical_tantivy import TantivyLexical

    names = TantivyLexical(home / "index" / "gen" / str(number) / "tantivy").names()
    assert names == {info["segment"] for info in tv._refresh().docs.values()}
    for q in SEARCHES:
        assert _ids(tv.lexical_search(q, 10))[0] == before[q][0], q
    assert {h.unit.doc for h in tv.lexical_search("đọc sách thanh toán không dùng tiền mặt", 40)} == {plan.doc, other.doc}
    # and back: the bm25s engine opens a generation the Tantivy engine published (built in memory)
    tv.delete_document(other.doc)
    back = _index(home, "bm25s")
    assert _ids(back.lexical_search(SEARCHES[0], 10))[0] == _ids(tv.lexical_search(SEARCHES[0], 10))[0]
    assert {h.unit.doc for h in back.lexical_search("đọc sách thanh toán không dùng tiền mặt", 40)} == {plan.doc}


def _snapshot(home: Path) -> dict[str, Any]:
    ix = _index(home)
    units = ix.units()
    return {"current": (home / "index" / "CURRENT").read_text().strip(), "ids": [u.id for u in units],
            "texts": "\n".join(u.text for u in units),
            "lexical": {q: _ids(ix.lexical_search(q, 10)) for q in QUERIES},
            "search": {q: _ids(ix.search(q, 8)) for q in QUERIES}}


@pytest.fixture(scope="module")
def indexed(tmp_path_factory) -> tuple[Path, dict[str, Any]]:
    home = tmp_path_factory.mktemp("tv-base") / "home"
    r = subprocess.run([str(KEHOACH), "ingest", str(CORPUS)], env=_env(home, KEHOACH_LEXICAL_ENGINE="tantivy"),
                       capture_output=True, text=True, timeout=180)
    assert r.returncode == 0, r.stdout + r.stderr
    return home, _snapshot(home)


@pytest.mark.parametrize("point", ["vectors-added", "gen-units-written", "lexical-committed", "gen-tmp-complete",
                                   "gen-renamed", "switched"])
def test_ingest_killed_at_each_step_leaves_old_or_new_generation_whole(point: str, indexed, tmp_path: Path) -> None:
    base, before = indexed
    home = _copy(base, tmp_path / "home")
    plan = _changed_plan(tmp_path / "v2")
    env = _env(home, KEHOACH_LEXICAL_ENGINE="tantivy")
    proc = subprocess.run([str(KEHOACH), "ingest", str(plan)], env={**env, "KEHOACH_CRASH_AT": point},
                          capture_output=True, text=True, timeout=180)
    assert proc.returncode == -signal.SIGKILL, proc.stdout
    after = _snapshot(home)
    if point == "switched":  # the new generation, whole
        assert int(after["current"]) == int(before["current"]) + 1
        assert "470/595" in after["texts"] and "465/595" not in after["texts"]
        assert "trợ lý ảo" in " ".join(u.text for u in _index(home).units()
                                      if u.id in after["lexical"]["trợ lý ảo thí điểm tại trường học"])
    else:  # exactly the old one: same units, same lexical and hybrid results
        assert after == before
    r = subprocess.run([str(KEHOACH), "ingest", str(plan)], env=env, capture_output=True, text=True, timeout=180)
    assert r.returncode == 0, r.stdout
    new = _snapshot(home)
    assert "470/595" in new["texts"] and "465/595" not in new["texts"]
    ix = _index(home)
    top = ix.lexical_search("trợ lý ảo thí điểm tại trường học", 1)
    assert top and "trợ lý ảo" in top[0].unit.text.lower()
    hits = _ids(ix.lexical_search("kế hoạch chuyển đổi số", 200))
    assert len(hits) == len(set(hits)) and set(hits) <= set(new["ids"])  # no unit twice, none of a dead version


def test_readers_see_old_or_new_generation_never_a_mix(docs, tmp_path: Path, monkeypatch) -> None:
    """A thread searching in a loop while this one publishes one version of a plan, then the other."""

    from assistant.index import index as index_module
    from ingest.pipeline import parse_path

    monkeypatch.setattr(index_module, "RELOAD_EVERY_S", 0.0)
    old, new = docs[0], parse_path(_changed_plan(tmp_path / "v2")).document
    ix = _index(tmp_path / "home")
    ix.add_documents([old])
    queries = ["trợ lý ảo thí điểm tại trường học", "thanh toán không dùng tiền mặt", "THPT Lai Vung 1"]
    expect_old = {q: _ids(ix.search(q)) for q in queries}
    old_ids = {u.id for u in ix.units()}
    ix.add_documents([new])
    expect_new = {q: _ids(ix.search(q)) for q in queries}
    new_ids = {u.id for u in ix.units()}
    assert expect_old != expect_new and old_ids != new_ids
    ix.add_documents([old])
    seen, errors = search_while_publishing(ix, queries, [new, old] * 3)
    assert not errors, errors
    mixed = generation_mixes(seen, [old_ids, new_ids])  # units of one version only, whatever their order
    assert seen and not mixed, mixed[:3]
    assert exact_share(seen, [expect_old, expect_new]) >= EXACT_SHARE
