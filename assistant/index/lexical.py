"""The lexical leg: Vietnamese-aware tokens and a BM25 index (bm25s) persisted with each generation.

Tokens of a text (``segment=True``, the default):
- underthesea words, lowercased and tone-normalised (``ingest.text.match_form``), the syllables of a
  multi-syllable word joined with "_": "thanh_toán", "tiền_mặt", "h_lai_vung";
- accent-free syllables ("thanh", "toan") and accent-free syllable bigrams ("thanh_toan"), so a query
  typed without diacritics still meets the words of the documents.
Numbers are read the Vietnamese way: "55.500" -> "55500" (thousands dots dropped), "78,18%" -> "78,18".
Tokens made only of punctuation are dropped.

``segment=False`` is the evaluation baseline: raw lowercase syllables only (no underthesea, no folding).
The index is built once per published generation and loaded from disk; it is never rebuilt per query.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable, Sequence
from itertools import pairwise
from pathlib import Path
from typing import Protocol

import numpy as np

from assistant.index.filters import Filters
from ingest.text import drop_thousands_separators, fold, match_form, nfc

# A syllable: letters/digits; a decimal number "78,18" stays one token.
_SYLLABLE = re.compile(r"\d+(?:,\d+)+|\w+", re.UNICODE)
_HAS_WORD_CHAR = re.compile(r"\w", re.UNICODE)
# Accent-free bigrams stay inside a phrase: punctuation (but not a decimal comma) breaks them.
_PHRASE_BREAK = re.compile(r"(?:(?<!\d),|,(?!\d)|[^\w\s,])+", re.UNICODE)


def _bm25s():
    import bm25s

    logging.getLogger("bm25s").setLevel(logging.WARNING)  # bm25s sets DEBUG on its logger at import
    return bm25s


def _syllables(text: str) -> list[str]:
    return _SYLLABLE.findall(text)


def _words(text: str) -> list[str]:
    from underthesea import word_tokenize

    out: list[str] = []
    for word in word_tokenize(text):
        if not _HAS_WORD_CHAR.search(word):
            continue  # punctuation only
        form = match_form(word)
        parts = _syllables(form)
        if parts:
            out.append("_".join(parts))
    return out


def lexical_tokens(text: str, *, segment: bool = True, folded: bool | None = None) -> list[str]:
    """Index/query tokens of `text`. `folded` (accent-free syllables + bigrams) defaults to `segment`."""
    folded = segment if folded is None else folded
    text = drop_thousands_separators(nfc(text or ""))
    if not text.strip():
        return []
    tokens = _words(text) if segment else _syllables(text.lower())
    if folded:
        phrases = [_syllables(p) for p in _PHRASE_BREAK.split(fold(text))]
        tokens.extend(s for syl in phrases for s in syl)
        tokens.extend(f"{a}_{b}" for syl in phrases for a, b in pairwise(syl))
    return tokens


class LexicalIndex:
    """BM25 over unit tokens. `search` returns (unit_id, score) best first, positive scores only."""

    META = "lexical.json"

    def __init__(self, ids: list[str], retriever, segment: bool) -> None:
        self.ids = ids
        self.segment = segment
        self._bm25 = retriever  # None when the corpus is empty
        self._vocab: dict[str, int] = dict(retriever.vocab_dict) if retriever is not None else {}

    # ------------------------------------------------------------------ build / persist
    @classmethod
    def build(cls, ids: Sequence[str], token_lists: Sequence[list[str]], *, segment: bool = True) -> LexicalIndex:
        bm25s = _bm25s()
        ids = list(ids)
        if not ids:
            return cls([], None, segment)
        bm25 = bm25s.BM25()
        # Every unit gets at least one token, so bm25s keeps the corpus aligned with `ids`.
        corpus = [list(t) or ["<empty>"] for t in token_lists]
        bm25.index(corpus, show_progress=False)
        return cls(ids, bm25, segment)


    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        meta = {"ids": self.ids, "segment": self.segment, "empty": self._bm25 is None}
        if self._bm25 is not None:
            self._bm25.save(str(folder / "bm25"), show_progress=False)
        (folder / self.META).write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")

    @classmethod
    def load(cls, folder: Path) -> LexicalIndex:
        bm25s = _bm25s()
        meta = json.loads((folder / cls.META).read_text(encoding="utf-8"))
        if meta.get("empty"):
            return cls([], None, bool(meta["segment"]))
        bm25 = bm25s.BM25.load(str(folder / "bm25"), show_progress=False, verbosity=0)
        return cls(list(meta["ids"]), bm25, bool(meta["segment"]))

    # ------------------------------------------------------------------ query
    def __len__(self) -> int:
        return len(self.ids)

    def query_tokens(self, query: str) -> list[str]:
        return [t for t in lexical_tokens(query, segment=self.segment) if t in self._vocab]

    def scores(self, query: str) -> np.ndarray:
        """BM25 score of every unit (in `ids` order) for `query`."""
        if self._bm25 is None:
            return np.zeros(0, dtype=np.float32)
        tokens = self.query_tokens(query)
        if not tokens:
            return np.zeros(len(self.ids), dtype=np.float32)
        return np.asarray(self._bm25.get_scores(tokens), dtype=np.float32)

    def search(self, query: str, k: int = 10, mask: np.ndarray | None = None) -> list[tuple[str, float]]:
        """Best `k` units; `mask` (bool per unit, `ids` order) restricts the candidates (filters)."""
        scores = self.scores(query)
        if scores.size == 0 or k <= 0:
            return []
        if mask is not None:
            scores = np.where(mask, scores, 0.0)
        positive = np.flatnonzero(scores > 0)
        if positive.size == 0:
            return []
        # Stable order: score descending, then index order (earlier unit first) for ties.
        order = positive[np.lexsort((positive, -scores[positive]))][:k]
        return [(self.ids[i], float(scores[i])) for i in order]


class LexicalLeg(Protocol):
    """What retrieval asks of a generation's lexical leg (bm25s here, Tantivy in lexical_tantivy.py)."""

    def __len__(self) -> int: ...

    def search(self, query: str, k: int = 10, filters: Filters | None = None) -> list[tuple[str, float]]: ...


class Bm25sLeg:
    """A bm25s `LexicalIndex` with the filters applied as a mask over the generation's units (`mask_of`,
    the unit table's cached masks), before the top k are chosen."""

    def __init__(self, index: LexicalIndex, mask_of: Callable[[Filters], np.ndarray | None]) -> None:
        self.index = index
        self.mask_of = mask_of

    @property
    def segment(self) -> bool:
        return self.index.segment

    @property
    def ids(self) -> list[str]:
        return self.index.ids

    def __len__(self) -> int:
        return len(self.index)

    def search(self, query: str, k: int = 10, filters: Filters | None = None) -> list[tuple[str, float]]:
        return self.index.search(query, k, self.mask_of(filters) if filters else None)
