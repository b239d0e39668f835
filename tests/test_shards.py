"""bench/shards.py: two shards fanned out and fused against one index holding both (fake embedder)."""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

from assistant.embedder import FakeEmbedder  # noqa: E402
from assistant.index import Index  # noqa: E402
from assistant.settings import Settings  # noqa: E402
from bench.shards import (  # noqa: E402
    MemoEmbedder,
    ShardBm25,
    bm25_of,
    fan_out,
    fused_variants,
    overlap_at,
    query_tokens,
    rrf_fuse,
    score_merge,
)
from ingest.pipeline import parse_path  # noqa: E402

PLAN = """# KẾ HOẠCH

**{title}**

## I. MỤC ĐÍCH

{purpose}

## II. NỘI DUNG

1. {item1}

2. {item2}
"""
DOCS = {
    "hoi-thao.md": dict(title="Tổ chức hội thao giáo viên năm 2025",
                        purpose="Nâng cao chất lượng đội ngũ giáo viên trung học cơ sở trên địa bàn huyện.",
                        item1="Tổ chức hội thao bóng chuyền cho 120 giáo viên vào tháng 3 năm 2025.",
                        item2="Kinh phí thực hiện là 55.500 nghìn đồng từ ngân sách huyện."),
    "doc-sach.md": dict(title="Phát động phong trào đọc sách năm 2025",
                        purpose="Xây dựng thói quen đọc sách cho học sinh tiểu học.",
                        item1="Mỗi trường bổ sung 200 đầu sách vào thư viện thân thiện.",
                        item2="Tổ chức ngày hội đọc sách vào tháng 4 năm 2025."),
    "stem.md": dict(title="Giáo dục STEM trong trường trung học năm 2025",
                    purpose="Đưa giáo dục STEM vào 100% trường trung học cơ sở.",
                    item1="Trang bị phòng học STEM cho 30 trường, kinh phí 3.000 triệu đồng.",
                    item2="Bồi dưỡng giáo viên dạy STEM vào tháng 7 năm 2025."),
    "chuyen-doi-so.md": dict(title="Chuyển đổi số ngành giáo dục năm 2025",
                             purpose="Đẩy mạnh ứng dụng công nghệ thông tin trong dạy học.",
                             item1="Triển khai sổ điểm điện tử ở 100% trường học.",
                             item2="Thanh toán học phí không dùng tiền mặt ở 90% cơ sở giáo dục."),
}
QUERIES = ["hội thao bóng chuyền giáo viên", "đọc sách thư viện", "phòng học STEM kinh phí",
           "thanh toan khong dung tien mat", "giáo viên tháng 2025"]


@pytest.fixture(scope="module")
def shards(tmp_path_factory):
    folder = tmp_path_factory.mktemp("docs")
    docs = []
    for name, parts in DOCS.items():
        path = folder / name
        path.write_text(PLAN.format(**parts), encoding="utf-8")
        docs.append(parse_path(path).document)
    emb = MemoEmbedder(FakeEmbedder())

    def index(name: str, part: list) -> Index:
        home = tmp_path_factory.mktemp(name)
        ix = Index(Settings(home=Path(home), chroma_url="", embedder="fake", corpus_dir=Path(home) / "none"), emb)
        ix.add_documents(part)
        return ix

    return [index("shard-a", docs[0::2]), index("shard-b", docs[1::2])], index("combined", docs)


def test_overlap_at():
    assert overlap_at(["a", "b", "c"], ["c", "b", "a"], k=3) == 1.0
    assert overlap_at(["a", "b", "x"], ["a", "b", "c"], k=3) == pytest.approx(2 / 3)
    assert overlap_at(["a", "b", "c", "d"], ["d", "e"], k=2) == 0.0  # only the top k of each counts
    assert overlap_at(["a"], ["a", "b"], k=10) == 0.5  # two places could be filled, one agrees
    assert overlap_at([], [], k=10) == 1.0


def test_rrf_and_score_merge():
    # Each shard's first place leads the fused list; an id in both lists adds up.
    assert rrf_fuse([["a1", "a2"], ["b1", "a2"]], k=3)[0] == "a2"
    assert set(rrf_fuse([["a1", "a2"], ["b1", "b2"]], k=2)) == {"a1", "b1"}
    assert score_merge([[("a", 0.9), ("b", 0.2)], [("c", 0.5)]], k=2) == ["a", "c"]


def test_shard_bm25_global_statistics_equal_one_index():
    toks = [["giao", "vien", "giao"], ["doc", "sach"], ["giao", "duc", "stem"], ["sach", "thu", "vien"]]
    ids = ["u0", "u1", "u2", "u3"]
    whole = ShardBm25(ids, toks)
    parts = [ShardBm25(ids[:2], toks[:2]), ShardBm25(ids[2:], toks[2:])]
    stats = ShardBm25.combine([p.stats() for p in parts])
    assert stats[:2] == whole.stats()[:2] and stats[2] == whole.stats()[2]
    for q in (["giao"], ["sach", "vien"], ["stem", "giao", "doc"]):
        expect = whole.search(q, 4)
        got = sorted((h for p in parts for h in p.search(q, 4, stats)), key=lambda h: -h[1])
        assert [u for u, _ in got] == [u for u, _ in expect]
        assert [s for _, s in got] == pytest.approx([s for _, s in expect])


def test_fan_out_fusion_returns_the_union_best_hits(shards):
    parts, combined = shards
    total = combined.count()[1]
    bm25s = [bm25_of(s) for s in parts]
    stats = ShardBm25.combine([b.stats() for b in bm25s])
    combined_bm25 = bm25_of(combined)
    with ThreadPoolExecutor(max_workers=2) as pool:
        for q in QUERIES:
            hits = {leg: fan_out(pool, parts, leg, q) for leg in ("dense", "lexical", "hybrid")}
            # Every shard's best hit is in the fused top 2 (a shard's first place ranks first in the fusion).
            for leg in ("dense", "lexical", "hybrid"):
                firsts = {hs[0].unit.id for hs in hits[leg] if hs}
                assert firsts <= set(rrf_fuse([[h.unit.id for h in hs] for hs in hits[leg]], k=2))
            variants = fused_variants(parts, total, bm25s, stats, q, hits)
            shard_dense = {h.unit.id: h.score for hs in hits["dense"] for h in hs}
            dense = combined.dense_search(q, 10)
            lexical = combined.lexical_search(q, 10)
            hybrid = [h.unit.id for h in combined.search(q, 10)]
            # Cosine scores are comparable across shards: merged by score, the union's top 10 is one index's
            # (the same scores; units of equal score may swap at the tenth place).
            assert [shard_dense[u] for u in variants["dense"]["score"]] == pytest.approx([h.score for h in dense])
            # BM25 with the statistics of both shards: one index's scores, hence its top 10.
            global_scores = dict(p for b in bm25s for p in b.search(query_tokens(parts[0], q), 10, stats))
            assert [global_scores[u] for u in variants["lexical"]["global"]] == pytest.approx(
                [h.score for h in lexical], rel=1e-4)
            assert overlap_at(variants["hybrid"]["global"], hybrid, k=5) == 1.0
            # The bench's BM25 reproduces bm25s on one index.
            mine = combined_bm25.search(query_tokens(combined, q), 10)
            assert [s for _, s in mine] == pytest.approx([h.score for h in lexical], rel=1e-4)
