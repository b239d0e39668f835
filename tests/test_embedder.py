"""Fast tests of the deterministic FakeEmbedder and of the embedder factory (no model is loaded)."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest

from assistant.embedder import (
    Embedder,
    FakeEmbedder,
    SentenceTransformerEmbedder,
    clear_embedder_cache,
    fold_accents,
    get_embedder,
)

DOCS = [
    "Sở Giáo dục và Đào tạo chủ trì triển khai chuyển đổi số trong trường học.",
    "Kinh phí thực hiện kế hoạch được bố trí từ ngân sách nhà nước.",
    "Tăng cường ứng dụng công nghệ thông tin trong dạy và học.",
    "Bảo vệ môi trường và phát triển nông nghiệp bền vững ở Đồng Tháp.",
]


def test_deterministic_across_instances() -> None:
    a = FakeEmbedder().embed_passages(DOCS)
    b = FakeEmbedder().embed_passages(DOCS)
    assert a.dtype == np.float32
    assert a.shape == (len(DOCS), 256)
    np.testing.assert_array_equal(a, b)


def test_rows_are_unit_norm_even_for_empty_text() -> None:
    vecs = FakeEmbedder().embed_queries(["", "   ", "!!!", *DOCS])
    np.testing.assert_allclose(np.linalg.norm(vecs, axis=1), 1.0, rtol=1e-5)
    assert np.isfinite(vecs).all()


def test_empty_batch_has_the_right_shape() -> None:
    emb = FakeEmbedder(dim=64)
    assert emb.embed_passages([]).shape == (0, 64)
    assert emb.dim == 64


def test_similar_texts_score_higher_than_dissimilar() -> None:
    emb = FakeEmbedder()
    q = emb.embed_queries(["Ai chủ trì triển khai chuyển đổi số trong trường học?"])[0]
    scores = emb.embed_passages(DOCS) @ q
    assert int(np.argmax(scores)) == 0
    assert scores[0] > scores[3] + 0.2


def test_retrieval_ranks_the_matching_passage_first() -> None:
    emb = FakeEmbedder()
    queries = ["kinh phí ngân sách nhà nước", "nông nghiệp bền vững", "công nghệ thông tin dạy học"]
    ranks = np.argmax(emb.embed_queries(queries) @ emb.embed_passages(DOCS).T, axis=1)
    assert ranks.tolist() == [1, 3, 2]


def test_accent_folding_makes_unaccented_queries_match() -> None:
    assert fold_accents("Đồng Tháp CHUYỂN ĐỔI SỐ") == "dong thap chuyen doi so"
    emb = FakeEmbedder()
    with_accents, without = emb.embed_queries(["Kế hoạch chuyển đổi số", "ke hoach chuyen doi so"])
    assert float(with_accents @ without) == pytest.approx(1.0, abs=1e-6)


def test_word_order_matters_through_bigrams() -> None:
    emb = FakeEmbedder()
    a, b, c = emb.embed_passages(["nhà nước ngân sách", "ngân sách nhà nước", "ngân sách nhà nước"])
    assert float(b @ c) == pytest.approx(1.0)
    assert 0.5 < float(a @ b) < 0.999


def _settings(**kw: object) -> SimpleNamespace:
    base = {"embedder": "fake", "embed_model": "", "embed_model_path": "/nonexistent/e5", "threads": 2}
    return SimpleNamespace(**(base | kw))


def test_get_embedder_fake_is_cached_per_settings() -> None:
    clear_embedder_cache()
    first = get_embedder(_settings())
    assert isinstance(first, FakeEmbedder)
    assert isinstance(first, Embedder)
    assert get_embedder(_settings()) is first
    assert get_embedder(_settings(threads=4)) is not first


def test_get_embedder_st_is_lazy_and_cheap() -> None:
    clear_embedder_cache()
    emb = get_embedder(_settings(embedder="st", embed_model="/nonexistent/user-model",
                                 embed_model_path="/nonexistent/user-model"))
    assert isinstance(emb, SentenceTransformerEmbedder)
    assert emb.name == "user-model"
    assert emb._model is None  # nothing loaded until the first embedding


def test_get_embedder_rejects_unknown_kind() -> None:
    clear_embedder_cache()
    with pytest.raises(ValueError, match="Unknown embedder"):
        get_embedder(_settings(embedder="openai"))


class _WordModel:
    """A stand-in SentenceTransformer: one token per word (plus the prompt's), a vector that names its text;
    records the batches it was given."""

    prompts = {"passage": "passage: ", "query": "query: "}
    max_seq_length = 512

    def __init__(self) -> None:
        self.calls: list[list[str]] = []

    def tokenizer(self, texts, add_special_tokens=True, truncation=True, max_length=512):
        return {"input_ids": [[0] * min(max_length, len(t.split()) + 2) for t in texts]}

    def encode(self, texts, prompt_name=None, batch_size=32, **_kw):
        self.calls.append(list(texts))
        return np.array([[float(len(t.split())), 1.0] for t in texts], dtype=np.float32)


def test_passages_are_batched_by_token_length_and_returned_in_order() -> None:
    emb = SentenceTransformerEmbedder("/nonexistent/model", batch_size=2)
    model = _WordModel()
    emb._model, emb._dim = model, 2
    texts = ["a b c d e f", "a", "a b c", "a b", "a b c d e", "a b c d"]
    out = emb.embed_passages(texts)
    # Each row is its own text's vector (unit norm), whatever order the batches ran in.
    expect = np.array([[len(t.split()), 1.0] for t in texts], dtype=np.float32)
    np.testing.assert_allclose(out, expect / np.linalg.norm(expect, axis=1, keepdims=True), rtol=1e-6)
    # One encode call per batch, longest first in tokens: texts of about the same length padded together.
    assert [[len(t.split()) for t in c] for c in model.calls] == [[6, 5], [4, 3], [2, 1]]
    model.calls.clear()
    emb.embed_queries(["một câu hỏi"])  # within one batch: one plain call
    assert model.calls == [["một câu hỏi"]]
