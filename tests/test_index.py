"""The index (assistant/index): lexical tokens, hybrid search, filters, atomic generations, rebuilds.

Fast: a deterministic FakeEmbedder, the embedded Chroma client under a tmp KEHOACH_HOME.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from assistant.embedder import FakeEmbedder  # noqa: E402
from assistant.index import Index, LexicalIndex, lexical_tokens, normalise_filters  # noqa: E402
from assistant.index import index as index_module  # noqa: E402
from assistant.index.filters import district_key  # noqa: E402
from assistant.index.generations import GenerationStore  # noqa: E402
from assistant.settings import Settings  # noqa: E402
from ingest.pipeline import parse_path  # noqa: E402

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "kh-chuyen-doi-so-giao-duc-dong-thap-2024.md"
PLAN = "kh-chuyen-doi-so-giao-duc-dong-thap-2024"

SMALL_V1 = """# KẾ HOẠCH

**Tổ chức hội thao giáo viên năm 2025**

## I. MỤC ĐÍCH

Nâng cao chất lượng đội ngũ giáo viên trung học cơ sở trên địa bàn huyện.

## II. NỘI DUNG

1. Tổ chức hội thao cho 120 giáo viên vào tháng 3 năm 2025.

2. Kinh phí thực hiện là 55.500 nghìn đồng từ ngân sách huyện.

3. Trao giải thưởng cho các đội bóng chuyền xuất sắc.
"""
# v2: item 1 changed (month), item 3 removed; the purpose (I) is unchanged.
SMALL_V2 = SMALL_V1.replace("tháng 3 năm 2025", "tháng 9 năm 2025").replace(
    "\n3. Trao giải thưởng cho các đội bóng chuyền xuất sắc.\n", "\n")
OTHER = """# KẾ HOẠCH

**Phát động phong trào đọc sách năm 2025**

## I. NỘI DUNG

Mỗi học sinh tiểu học đọc ít nhất 10 cuốn sách trong năm học.
"""


class CountingEmbedder(FakeEmbedder):
    """FakeEmbedder that counts what it embeds; `name` can be changed to simulate another model."""

    def __init__(self, dim: int = 256, name: str | None = None) -> None:
        super().__init__(dim)
        if name:
            self.name = name
        self.passages = 0
        self.queries = 0

    def embed_passages(self, texts):
        self.passages += len(texts)
        return super().embed_passages(texts)

    def embed_queries(self, texts):
        self.queries += len(texts)
        return super().embed_queries(texts)


def settings_for(home: Path, **kw: str) -> Settings:
    return Settings(home=home, chroma_url="", embedder="fake", **kw)


def parse_text(folder: Path, name: str, text: str):
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return parse_path(path).document


@pytest.fixture(scope="module")
def plan():
    return parse_path(CORPUS).document


@pytest.fixture(scope="module")
def plan_index(plan, tmp_path_factory):
    ix = Index(settings_for(tmp_path_factory.mktemp("home")), CountingEmbedder())
    ix.add_documents([plan], sources={plan.doc: CORPUS})
    return ix


@pytest.fixture()
def small(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    return {
        "v1": parse_text(src, "ke-hoach-nho.md", SMALL_V1),
        "v2": parse_text(src / ".." / "src", "ke-hoach-nho.md", SMALL_V2),
        "other": parse_text(src, "doc-sach.md", OTHER),
    }


def snapshot(ix: Index, queries=("hội thao giáo viên", "kinh phí 55.500", "bong chuyen", "đọc sách")):
    return [[(h.unit.id, round(h.score, 6), h.dense_rank, h.lexical_rank) for h in ix.search(q, 5)]
            for q in queries]


# ---------------------------------------------------------------------------------------- tokens
def test_lexical_tokens_words_folded_and_numbers():
    toks = lexical_tokens("Đã triển khai thanh toán không dùng tiền mặt, đạt tỉ lệ 78,18%. Kinh phí 55.500 triệu")
    assert {"thanh_toán", "tiền_mặt", "thanh", "toan", "thanh_toan", "tien_mat"} <= set(toks)
    assert "78,18" in toks and "55500" in toks and "55.500" not in toks
    assert not any(t in {",", ".", "%"} for t in toks)
    plain = lexical_tokens("chi tieu thanh toan khong dung tien mat")
    assert {"thanh_toan", "tien_mat", "khong_dung"} <= set(plain)
    raw = lexical_tokens("Thanh toán 55.500", segment=False)
    assert raw == ["thanh", "toán", "55500"]


# ---------------------------------------------------------------------------------------- search
def test_annex_row_found_by_school_name(plan_index):
    hits = plan_index.search("THPT Lai Vung 1", top_k=5)
    assert hits[0].unit.label.startswith("Phụ lục IV, dòng 33")
    assert "THPT Lai Vung 1" in hits[0].unit.text
    assert hits[0].dense_rank is not None and hits[0].lexical_rank is not None
    assert plan_index.lexical_search("THPT Lai Vung 1", 3)[0].unit.label.startswith("Phụ lục IV, dòng 33")


def test_query_without_diacritics(plan_index):
    hits = plan_index.search("chi tieu thanh toan khong dung tien mat", top_k=5)
    assert any("Thanh toán không dùng tiền mặt chỉ tiêu 50%" in h.unit.text for h in hits)
    lex = plan_index.lexical_search("chi tieu thanh toan khong dung tien mat", top_k=5)
    assert any("không dùng tiền mặt" in h.unit.text for h in lex)


def test_hits_are_ranked_and_scored(plan_index):
    hits = plan_index.search("giáo dục STEM", top_k=8)
    assert len(hits) == 8
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    assert len({h.unit.id for h in hits}) == 8
    assert all(h.dense_rank is not None or h.lexical_rank is not None for h in hits)
    assert plan_index.search("   ", top_k=5) == []


# ---------------------------------------------------------------------------------------- filters
@pytest.mark.parametrize("leg", ["search", "dense_search", "lexical_search"])
def test_level_filter(plan_index, leg):
    hits = getattr(plan_index, leg)("giáo viên bồi dưỡng", top_k=10, filters={"level": "THCS"})
    assert hits and all(h.unit.metadata.get("level_thcs") is True for h in hits)
    same = getattr(plan_index, leg)("giáo viên bồi dưỡng", top_k=10, filters={"level": "trung học cơ sở"})
    assert [h.unit.id for h in same] == [h.unit.id for h in hits]


@pytest.mark.parametrize("leg", ["search", "dense_search", "lexical_search"])
def test_district_filter(plan_index, leg):
    search = getattr(plan_index, leg)
    hits = search("trường thiết bị STEM", top_k=20, filters={"district": "H Lai Vung"})
    rows = [h.unit for h in hits if h.unit.kind == "row"]
    assert sorted(u.metadata["stt"] for u in rows) == ["31", "32", "33"]
    assert all(u.metadata["district"] == "H Lai Vung" for u in rows)
    folded = search("trường thiết bị STEM", top_k=20, filters={"district": "h lai vung"})
    assert {h.unit.id for h in folded} == {h.unit.id for h in hits}

    city = {h.unit.metadata["stt"] for h in search("trường", top_k=20, filters={"district": "TP Cao Lãnh"})}
    rural = {h.unit.metadata["stt"] for h in search("trường", top_k=20, filters={"district": "H Cao Lãnh"})}
    assert city == {"1", "2", "3"} and rural == {"10", "11", "12"}
    spelled = search("trường", top_k=20, filters={"district": "huyện Cao Lãnh"})
    assert {h.unit.metadata["stt"] for h in spelled} == rural


def test_role_doc_filters_and_errors(plan_index):
    hits = plan_index.search("tập huấn", top_k=10, filters={"role": "giáo viên", "doc": PLAN})
    assert hits and all(h.unit.metadata.get("role_giao_vien") is True for h in hits)
    assert plan_index.search("tập huấn", top_k=5, filters={"doc": "khong-co"}) == []
    assert plan_index.search("tập huấn", top_k=5, filters={"doc": None, "level": ""})  # empty = no filter
    with pytest.raises(ValueError):
        plan_index.search("x", filters={"school": "THPT Lai Vung 1"})
    with pytest.raises(ValueError):
        plan_index.search("x", filters={"level": "đại học"})
    assert normalise_filters({"role": "nhân viên"}).role_flag == "role_nhan_vien"
    assert district_key("TP Cao Lãnh") != district_key("H Cao Lãnh")


# ---------------------------------------------------------------------------------------- store API
def test_documents_units_neighbours(plan_index, plan):
    docs = plan_index.documents()
    assert [d["doc"] for d in docs] == [PLAN]
    assert docs[0]["units"] == len(plan.units) and docs[0]["rows"] == 100 and docs[0]["ingested_at"]
    assert len(docs[0]["sha256"]) == 64
    assert plan_index.count() == (1, len(plan.units))
    assert [u.id for u in plan_index.units(PLAN)] == [u.id for u in plan.units]
    row = next(u for u in plan_index.units() if u.label.startswith("Phụ lục IV, dòng 32"))
    assert plan_index.unit(row.id) == row
    assert [u.metadata["stt"] for u in plan_index.neighbours(row)] == ["31", "33"]
    assert plan_index.unit("nope") is None


# ---------------------------------------------------------------------------------------- lifecycle
def test_reingest_unchanged_changes_nothing(tmp_path, plan):
    emb = CountingEmbedder()
    ix = Index(settings_for(tmp_path), emb)
    ix.add_documents([plan])
    ids, gen, when = [u.id for u in ix.units()], ix.generation, ix.documents()[0]["ingested_at"]
    assert emb.passages == len(plan.units)
    stats = ix.add_documents([parse_path(CORPUS).document])
    assert stats[0].unchanged and stats[0].embedded == 0
    assert emb.passages == len(plan.units)  # no re-embedding
    assert [u.id for u in ix.units()] == ids and ix.generation == gen
    assert ix.documents()[0]["ingested_at"] == when
    # A new process (a new Index) loads the persisted BM25 index instead of rebuilding it.
    original = LexicalIndex.build
    LexicalIndex.build = classmethod(lambda *a, **k: pytest.fail("BM25 rebuilt on load"))  # type: ignore
    try:
        ix2 = Index(settings_for(tmp_path), emb)
    finally:
        LexicalIndex.build = original  # type: ignore
    assert ix2.lexical_search("THPT Lai Vung 1", 1)[0].unit.label.startswith("Phụ lục IV, dòng 33")
    assert ix2.search("THPT Lai Vung 1", 1)[0].unit.label.startswith("Phụ lục IV, dòng 33")
    assert emb.passages == len(plan.units)  # the vectors in Chroma were reused


def test_changed_document_replaces_its_units(tmp_path, small):
    emb = CountingEmbedder()
    ix = Index(settings_for(tmp_path), emb)
    ix.add_documents([small["v1"], small["other"]])
    old = {u.id for u in small["v1"].units}
    new = {u.id for u in small["v2"].units}
    before = emb.passages
    stats = ix.add_documents([small["v2"]])
    assert stats[0].added == len(new - old) and stats[0].removed == len(old - new) > 0
    assert emb.passages - before == len(new - old)  # only the changed units were embedded
    assert {u.id for u in ix.units("ke-hoach-nho")} == new
    assert all(ix.unit(i) is None for i in old - new)
    assert ix.vectors.existing(list(old - new)) == set()  # stale vectors collected
    assert {u.id for u in ix.units("doc-sach")} == {u.id for u in small["other"].units}
    for leg in (ix.search, ix.dense_search, ix.lexical_search):
        assert not any("bóng chuyền" in h.unit.text or "tháng 3" in h.unit.text
                       for h in leg("bóng chuyền tháng 3", top_k=20))
    assert any("tháng 9" in h.unit.text for h in ix.search("hội thao tháng 9", top_k=3))
    assert ix.count() == (2, len(new) + len(small["other"].units))


def test_delete_document_removes_both_legs(tmp_path, small):
    ix = Index(settings_for(tmp_path), CountingEmbedder())
    ix.add_documents([small["v1"], small["other"]])
    ids = [u.id for u in small["v1"].units]
    assert ix.delete_document("ke-hoach-nho") is True
    assert ix.units("ke-hoach-nho") == [] and [d["doc"] for d in ix.documents()] == ["doc-sach"]
    for leg in (ix.dense_search, ix.lexical_search, ix.search):
        assert all(h.unit.doc == "doc-sach" for h in leg("hội thao giáo viên kinh phí", top_k=20))
    assert ix.vectors.existing(ids) == set()
    assert ix.delete_document("ke-hoach-nho") is False


def test_crash_before_switch_keeps_previous_generation(tmp_path, small, monkeypatch):
    settings = settings_for(tmp_path)
    ix = Index(settings, CountingEmbedder())
    ix.add_documents([small["v1"], small["other"]])
    before, gen = snapshot(ix), ix.generation

    def crash(self, number):
        raise RuntimeError("simulated crash before CURRENT switched")

    monkeypatch.setattr(GenerationStore, "switch", crash)
    with pytest.raises(RuntimeError):
        ix.add_documents([small["v2"]])
    new_ids = [u.id for u in small["v2"].units if u.id not in {v.id for v in small["v1"].units}]
    assert ix.vectors.existing(new_ids) == set(new_ids)  # vectors were added...
    assert ix.generation == gen and snapshot(ix) == before  # ...but the old generation answers
    assert snapshot(Index(settings, CountingEmbedder())) == before  # also in a fresh process

    monkeypatch.undo()
    ix.add_documents([small["v2"]])
    assert {u.id for u in ix.units("ke-hoach-nho")} == {u.id for u in small["v2"].units}
    assert sorted(GenerationStore(settings.index_dir).numbers()) == [gen, ix.generation]


def test_readers_follow_current(tmp_path, small, monkeypatch):
    monkeypatch.setattr(index_module, "RELOAD_EVERY_S", 0.0)
    settings = settings_for(tmp_path)
    writer = Index(settings, CountingEmbedder())
    reader = Index(settings, CountingEmbedder())
    assert reader.count() == (0, 0) and reader.search("đọc sách") == []
    writer.add_documents([small["other"]])
    assert reader.count() == (1, len(small["other"].units))
    assert reader.search("đọc sách", top_k=1)[0].unit.doc == "doc-sach"


def test_embedder_change_triggers_rebuild(tmp_path, small):
    settings = settings_for(tmp_path)
    Index(settings, CountingEmbedder(name="fake-a")).add_documents([small["v1"], small["other"]])
    n = len(small["v1"].units) + len(small["other"].units)
    same = CountingEmbedder(name="fake-a")
    assert Index(settings, same).dense_search("hội thao", top_k=1)
    assert same.passages == 0
    other = CountingEmbedder(dim=128, name="fake-b")
    ix = Index(settings, other)
    assert other.passages == 0  # the vector store opens on first use
    assert ix.dense_search("hội thao giáo viên", top_k=1)[0].unit.doc == "ke-hoach-nho"
    assert other.passages == n  # everything re-embedded from the stored units
    assert ix.vectors.collection.metadata["embedder"] == "fake-b"
    assert ix.vectors.count() == n


def test_publish_writes_only_the_changed_documents_segment(tmp_path, small):
    """One document's records are written once and shared by later generations: adding or replacing a
    plan does not rewrite the others (ingest cost does not grow with the index)."""
    settings = settings_for(tmp_path)
    ix = Index(settings, CountingEmbedder())
    ix.add_documents([small["v1"]])
    seg_dir = settings.index_dir / "segments"

    def segments() -> list[str]:
        """The segment files; each has its structure file beside it, collected with it."""
        names = sorted(p.name for p in seg_dir.glob("*.jsonl"))
        assert sorted(p.name for p in seg_dir.glob("*.doc.json.gz")) == [n + ".doc.json.gz" for n in names]
        return names

    (v1_name,) = segments()
    v1_seg = seg_dir / v1_name
    stamp = v1_seg.stat().st_mtime_ns, v1_seg.stat().st_ino
    ix.add_documents([small["other"]])
    assert len(segments()) == 2
    assert (v1_seg.stat().st_mtime_ns, v1_seg.stat().st_ino) == stamp  # untouched
    ix.add_documents([small["v2"]])  # replaces v1: a new segment; v1's stays while the previous gen is kept
    gen = ix.generation
    ix.add_documents([small["other"]])  # unchanged: nothing published
    assert ix.generation == gen
    ix.delete_document("doc-sach")
    names = segments()
    assert not v1_seg.exists() and len(names) == 2  # v1 collected; v2 + doc-sach (previous generation)
    ix.add_documents([small["v1"]])
    assert len(segments()) == 2  # doc-sach's segment collected, no generation names it now
    fresh = Index(settings, CountingEmbedder())  # another process reads the same records
    assert [u.id for u in fresh.units()] == [u.id for u in ix.units()] == [u.id for u in small["v1"].units]
    assert [h.unit.id for h in fresh.search("hội thao giáo viên")] == [h.unit.id for h in ix.search("hội thao giáo viên")]


def test_generation_of_the_earlier_layout_still_loads(tmp_path, small):
    """An index written before segments (units.jsonl + tokens.jsonl in the generation folder) keeps working,
    with either lexical engine (Tantivy answers once the next publish has written segments)."""
    import json

    settings = settings_for(tmp_path, lexical_engine="bm25s")  # the layout of that time (tokens in memory)
    ix = Index(settings, CountingEmbedder())
    ix.add_documents([small["v1"], small["other"]])
    expected = [h.unit.id for h in ix.search("kinh phí hội thao")]
    folder = settings.index_dir / "gen" / str(ix.generation)
    docs = json.loads((folder / "docs.json").read_text(encoding="utf-8"))
    units = ix.units()
    tokens = {u.id: t for info in docs.values() for u, t in ix.gens.files.pairs(info["segment"])}
    (folder / "units.jsonl").write_text("".join(u.model_dump_json() + "\n" for u in units), encoding="utf-8")
    (folder / "tokens.jsonl").write_text("".join(json.dumps({"id": u.id, "tokens": tokens[u.id]}) + "\n"
                                                 for u in units), encoding="utf-8")
    for info in docs.values():
        info.pop("segment")
    (folder / "docs.json").write_text(json.dumps(docs), encoding="utf-8")
    for p in (settings.index_dir / "segments").iterdir():
        p.unlink()
    ix.gens.units.close()
    for p in settings.index_dir.glob("units.sqlite3*"):  # nor the unit store of today
        p.unlink()
    for engine in ("bm25s", "tantivy"):
        old = Index(settings_for(tmp_path, lexical_engine=engine), CountingEmbedder())
        assert [u.id for u in old.units()] == [u.id for u in units]
        assert [h.unit.id for h in old.search("kinh phí hội thao")] == expected
    old.add_documents([small["v2"]])  # and the next publish moves it to segments (and to Tantivy)
    assert {u.id for u in old.units("ke-hoach-nho")} == {u.id for u in small["v2"].units}
    assert (settings.index_dir / "gen" / str(old.generation) / "tantivy").is_dir()
    assert old.lexical_search("bóng chuyền") == [] and old.lexical_search("đọc sách")


def test_structure_stored_with_each_version_for_the_staff_tools(tmp_path, small, plan):
    """Index.parsed_documents gives the plans as published (sections, tables, the index's own units);
    a document indexed before structures were stored is listed as missing until it is ingested again,
    which republishes it without embedding anything."""
    from assistant.staff.chat import staff_answer

    settings = settings_for(tmp_path)
    emb = CountingEmbedder()
    ix = Index(settings, emb)
    ix.add_documents([plan, small["v1"]])
    docs, missing = ix.parsed_documents()
    assert missing == [] and [d.doc for d in docs] == [PLAN, "ke-hoach-nho"]
    assert [s.title for s in docs[0].sections] == [s.title for s in plan.sections]
    assert [len(t.rows) for t in docs[0].tables] == [len(t.rows) for t in plan.tables]
    assert [u.id for u in docs[0].units] == [u.id for u in ix.units(PLAN)]
    (one,), _ = ix.parsed_documents("ke-hoach-nho")
    assert one.doc == "ke-hoach-nho" and one.title == small["v1"].title
    ix.add_documents([small["v2"]])
    (one,), _ = ix.parsed_documents("ke-hoach-nho")
    assert "tháng 9 năm 2025" in "\n".join(p.text for sec in one.sections for p in sec.paragraphs)

    for p in (settings.index_dir / "segments").glob("*.doc.json.gz"):  # as an earlier version left it
        p.unlink()
    fresh = Index(settings, emb)
    docs, missing = fresh.parsed_documents()
    assert docs == [] and missing == [PLAN, "ke-hoach-nho"] == fresh.without_structure()
    answer = staff_answer("kiểm tra kế hoạch", docs, missing)
    assert answer is not None and "2 tài liệu" in answer.answer and "ingest them again" in answer.answer
    before, gen = emb.passages, fresh.generation
    (st,) = fresh.add_documents([plan])
    assert fresh.generation == gen + 1 and emb.passages == before and st.embedded == 0
    docs, missing = fresh.parsed_documents()
    assert [d.doc for d in docs] == [PLAN] and missing == ["ke-hoach-nho"] == fresh.without_structure()


def test_prepare_index_upgrades_an_index_without_structures(tmp_path):
    """`kehoach serve` on a home written by an earlier version republishes the corpus plans with their
    structure, without embedding again; on an up-to-date index it does nothing."""
    from assistant.wiring import clear_cache, get_index, get_library

    settings = Settings(home=tmp_path / "home", chroma_url="", embedder="fake", corpus_dir=CORPUS.parent)
    clear_cache()
    try:
        prepare_index = get_library(settings).prepare
        assert [o.units for o in prepare_index()] == [len(parse_path(CORPUS).document.units)]
        ix = get_index(settings)
        assert prepare_index() == [] and ix.without_structure() == []
        for p in (settings.index_dir / "segments").glob("*.doc.json.gz"):
            p.unlink()
        assert ix.without_structure() == [PLAN]
        gen, embedded = ix.generation, ix.vectors.embedded_count
        assert len(prepare_index()) == 1
        assert ix.without_structure() == [] and ix.generation == gen + 1
        assert ix.vectors.embedded_count == embedded
    finally:
        clear_cache()


def test_folder_ingest_publishes_in_batches_and_reset_is_one_publish(tmp_path, monkeypatch):
    """Each publish rebuilds the BM25 index over every unit: a folder of plans is published a batch at a time
    (not once per file), and `reset` removes every document in one publish."""
    from assistant import library, wiring

    src = tmp_path / "plans"
    src.mkdir()
    for i in range(5):
        (src / f"ke-hoach-{i}.md").write_text(SMALL_V1.replace("120 giáo viên", f"{120 + i} giáo viên"),
                                                encoding="utf-8")
    (src / "hong.pdf").write_bytes(b"not a pdf")
    settings = Settings(home=tmp_path / "home", chroma_url="", embedder="fake", corpus_dir=tmp_path / "none")
    wiring.clear_cache()
    try:
        outs = wiring.get_library(settings).ingest([src])
        ix = wiring.get_index(settings)
        assert [o.refused is None for o in outs] == [False, True, True, True, True, True]
        assert ix.generation == 1 and ix.count()[0] == 5  # one publish for the folder
        units = ix.count()[1]
        assert all(o.seconds > 0 for o in outs)

        monkeypatch.setattr(library, "PUBLISH_UNITS", 2 * units // 5)  # two plans' units per publish
        outs = wiring.get_library(settings).ingest([src], reset=True)
        assert ix.count() == (5, units)
        assert ix.generation == 1 + 1 + 3  # reset in one publish, then batches of 2 + 2 + 1
        hits = ix.search("hội thao cho 124 giáo viên", top_k=1)
        assert hits and "124 giáo viên" in hits[0].unit.text
    finally:
        wiring.clear_cache()


def test_tokens_kept_in_memory_share_one_string_per_word(tmp_path, small):
    """Every unit's lexical tokens stay in a bm25s writer's memory; a word shared by units is one string object (this took
    ~1.5 GB per 100k units unshared), whether just tokenised or read back from a segment. (bm25s only: the
    Tantivy engine keeps no tokens in memory.)"""
    settings = settings_for(tmp_path, lexical_engine="bm25s")
    ix = Index(settings, CountingEmbedder())
    ix.add_documents([small["v1"], small["other"]])
    for index in (ix, Index(settings, CountingEmbedder())):
        gen = index._refresh(force=True)  # the writer's tokens, kept or read back from the segments
        seen: dict[str, str] = {}
        shared = 0
        for toks in (t for info in gen.docs.values() for t in index.gens.files.token_lists(info["segment"])):
            for t in toks:
                if t in seen:
                    assert seen[t] is t
                    shared += 1
                seen.setdefault(t, t)
        assert shared > 20
