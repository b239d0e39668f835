"""Many plans in one index (issue 7's scale test at a size CI can afford; `make bench BENCH_ARGS=--full`
measures 1k to 200k units). Generated variants of the corpus plan (other provinces, districts, years and
numbers: bench/load.variant_plan) with the deterministic embedder: answers stay those of the
document asked about, deletes touch one document, a reader in another Index sees the same records.
No timing is asserted here; the figures are printed by the benchmark.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from assistant.answerer import Answerer
from assistant.embedder import FakeEmbedder
from assistant.index.index import Index
from assistant.settings import Settings
from bench.load import variant_plan
from ingest.pipeline import parse_path
from tests.conftest import CORPUS_FILE

pytestmark = pytest.mark.slow
DOCS = 24  # ~4,000 units
CASHLESS = re.compile(r"thanh toán không dùng tiền mặt được (\d+)/595")


@pytest.fixture(scope="module")
def big(tmp_path_factory) -> tuple[Index, dict[str, str]]:
    tmp = tmp_path_factory.mktemp("scale")
    text = CORPUS_FILE.read_text(encoding="utf-8")
    rng = random.Random(11)
    ix = Index(Settings(home=tmp / "home", embedder="fake", chroma_url="", corpus_dir=tmp / "none"), FakeEmbedder())
    texts: dict[str, str] = {}
    batch = []
    for k in range(DOCS):
        path = tmp / f"ke-hoach-{k:03d}.md"
        path.write_text(variant_plan(text, k, rng), encoding="utf-8")
        doc = parse_path(path).document
        texts[doc.doc] = path.read_text(encoding="utf-8")
        batch.append(doc)
        if len(batch) == 6:  # several publishes, as uploads over time
            ix.add_documents(batch)
            batch = []
    return ix, texts


def test_every_plan_indexed_whole(big) -> None:
    ix, texts = big
    docs, units = ix.count()
    assert docs == DOCS and units > 3500
    per_doc = {d["doc"]: d["units"] for d in ix.documents()}
    assert set(per_doc) == set(texts) and all(n >= 150 for n in per_doc.values())
    segments = ix.settings.index_dir / "segments"
    assert len(list(segments.glob("*.jsonl"))) == DOCS  # one segment per plan, each with its structure
    assert sorted(p.name for p in segments.glob("*.doc.json.gz")) == sorted(p.name + ".doc.json.gz"
                                                                            for p in segments.glob("*.jsonl"))


@pytest.mark.parametrize("k", [0, 9, 23])
def test_answers_come_from_the_plan_asked_about(big, k: int) -> None:
    """The same question over 24 near-identical plans: with the doc filter, the figure of that plan."""
    ix, texts = big
    doc = f"ke-hoach-{k:03d}"
    done = CASHLESS.search(texts[doc])
    assert done, "the variant keeps the cashless sentence"
    r = Answerer(ix).ask("Năm trước đã triển khai thanh toán không dùng tiền mặt được bao nhiêu cơ sở?",
                          filters={"doc": doc})
    assert not r.abstained and r.citations
    assert {c.doc for c in r.citations} == {doc}
    assert f"{done.group(1)}/595" in r.answer


def test_search_filters_hold_at_scale(big) -> None:
    ix, _ = big
    hits = ix.search("thanh toán không dùng tiền mặt", top_k=20, filters={"doc": "ke-hoach-005"})
    assert hits and {h.unit.doc for h in hits} == {"ke-hoach-005"}
    dense = ix.dense_search("chữ ký số cho giáo viên", top_k=50)
    live = {u.id for u in ix.units()}
    assert len(dense) == 50 and all(h.unit.id in live for h in dense)


def test_delete_one_plan_among_many(big, tmp_path: Path) -> None:
    ix, texts = big
    before = {d["doc"]: d["units"] for d in ix.documents()}
    assert ix.delete_document("ke-hoach-007")
    after = {d["doc"]: d["units"] for d in ix.documents()}
    assert set(before) - set(after) == {"ke-hoach-007"}
    assert all(after[d] == before[d] for d in after)
    assert not ix.search("thanh toán không dùng tiền mặt", top_k=10, filters={"doc": "ke-hoach-007"})
    fresh = Index(ix.settings, FakeEmbedder())  # another process: the same records, the same answers
    assert [u.id for u in fresh.units()] == [u.id for u in ix.units()]
    q = "tổng kinh phí thực hiện kế hoạch"
    assert [h.unit.id for h in fresh.search(q)] == [h.unit.id for h in ix.search(q)]
