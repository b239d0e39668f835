"""Hybrid retrieval on llama-index: a dense and a lexical `BaseRetriever`, fused by reciprocal rank.

Both legs return `NodeWithScore(TextNode(id_=unit.id, text=unit.text, metadata=...))` over one
generation snapshot (so a reload in the middle of a query cannot mix generations). They are fused by
reciprocal rank with a small k (see `reciprocal_rank_fusion` for why not llama-index's fixed k = 60).
The retrievers are built per query: they carry the query's
filters and record their own ranks, which `Hit` reports (dense_rank / lexical_rank, 1 = best).

The dense leg embeds the query once (`embedder.embed_queries([q])`) and asks Chroma for the nearest
vectors that pass the filters (`where`), keeping those of the live generation.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from llama_index.core.retrievers import BaseRetriever
from llama_index.core.schema import NodeWithScore, QueryBundle, TextNode

from assistant.index.filters import Filters
from assistant.index.generations import Generation
from assistant.index.store import VectorStore
from ingest.models import Unit


@dataclass
class Hit:
    unit: Unit
    score: float
    dense_rank: int | None = None  # 1-based rank in the dense leg, None when absent from it
    lexical_rank: int | None = None  # 1-based rank in the lexical leg, None when absent from it


def candidates_for(top_k: int, total: int) -> int:
    """How deep each leg looks before fusion."""
    return max(0, min(total, max(top_k * 4, 30)))


def unit_node(unit: Unit, score: float) -> NodeWithScore:
    # `unit_id` in the metadata keeps llama-index's node hash (text + metadata) unique per unit.
    node = TextNode(id_=unit.id, text=unit.text, metadata={**unit.metadata, "unit_id": unit.id})
    return NodeWithScore(node=node, score=score)


class _UnitRetriever(BaseRetriever):
    """A leg over one generation snapshot; remembers the 1-based rank of each unit it returned."""

    def __init__(self, gen: Generation, k: int, filters: Filters) -> None:
        super().__init__()
        self.gen = gen
        self.k = k
        self.filters = filters
        self.ranks: dict[str, int] = {}
        self.scores: list[tuple[str, float]] = []

    def search(self, query: str) -> list[tuple[str, float]]:  # pragma: no cover - abstract
        raise NotImplementedError

    def _retrieve(self, query_bundle: QueryBundle) -> list[NodeWithScore]:
        self.scores = self.search(query_bundle.query_str)
        self.ranks = {uid: r for r, (uid, _) in enumerate(self.scores, start=1)}
        units = self.gen.table.get_many([uid for uid, _ in self.scores])
        return [unit_node(units[uid], score) for uid, score in self.scores if uid in units]


class DenseRetriever(_UnitRetriever):
    def __init__(self, gen: Generation, k: int, filters: Filters, vectors: VectorStore, embedder: Any) -> None:
        super().__init__(gen, k, filters)
        self.vectors = vectors
        self.embedder = embedder

    def search(self, query: str) -> list[tuple[str, float]]:
        if not len(self.gen.table) or self.k <= 0:
            return []
        vec = self.embedder.embed_queries([query])[0]
        return self.vectors.query(vec, self.k, self.filters, self.gen.table.live_ids, len(self.gen.table))


class LexicalRetriever(_UnitRetriever):
    def search(self, query: str) -> list[tuple[str, float]]:
        return self.gen.lexical.search(query, self.k, self.filters)


def _hits(gen: Generation, scored: list[tuple[str, float]], dense: dict[str, int] | None,
          lexical: dict[str, int] | None) -> list[Hit]:
    units = gen.table.get_many([uid for uid, _ in scored])
    return [Hit(units[uid], float(score), (dense or {}).get(uid), (lexical or {}).get(uid))
            for uid, score in scored if uid in units]


def dense_search(gen: Generation, vectors: VectorStore, embedder: Any, query: str, top_k: int,
                 filters: Filters) -> list[Hit]:
    r = DenseRetriever(gen, top_k, filters, vectors, embedder)
    r.retrieve(query)
    return _hits(gen, r.scores, r.ranks, None)


def lexical_search(gen: Generation, query: str, top_k: int, filters: Filters) -> list[Hit]:
    r = LexicalRetriever(gen, top_k, filters)
    r.retrieve(query)
    return _hits(gen, r.scores, None, r.ranks)


# Not llama-index's (and Cormack et al.'s) 60: with a few hundred units both legs' lists overlap heavily and
# k = 60 lets a unit found by both at rank ~20 outrank one leg's first place; with 10, a first place in one
# leg weighs as much as ~10th place in both (reciprocal_rank_fusion's docstring has the measurement).
RRF_K = 10


def reciprocal_rank_fusion(rankings: list[list[str]], k: int = RRF_K) -> list[tuple[str, float]]:
    """Score = sum of 1 / (k + rank) over the legs that found the unit; best first.

    Written here rather than using llama-index's QueryFusionRetriever because that one fixes k = 60:
    on an index of a few hundred units both legs' candidate lists overlap heavily, and with k = 60 any
    unit found by both at rank ~20 outranks the unit one leg puts first (measured: the lexical leg's
    best answer to a question typed without diacritics fell out of the fused top 20). With k = 10 a
    first place in one leg weighs as much as ~10th place in both.
    """
    scores: dict[str, float] = {}
    for ranking in rankings:
        for rank, uid in enumerate(ranking, start=1):
            scores[uid] = scores.get(uid, 0.0) + 1.0 / (k + rank)
    return sorted(scores.items(), key=lambda kv: -kv[1])


def hybrid_search(gen: Generation, vectors: VectorStore, embedder: Any, query: str, top_k: int,
                  filters: Filters) -> list[Hit]:
    """Dense + lexical legs (llama-index retrievers) fused by reciprocal rank; best first."""
    if top_k <= 0 or not len(gen.table) or not query.strip():
        return []
    depth = candidates_for(top_k, len(gen.table))
    dense = DenseRetriever(gen, depth, filters, vectors, embedder)
    lexical = LexicalRetriever(gen, depth, filters)
    bundle = QueryBundle(query)
    legs = [[n.node.node_id for n in r.retrieve(bundle)] for r in (dense, lexical)]
    scored = reciprocal_rank_fusion(legs)[:top_k]
    return _hits(gen, scored, dense.ranks, lexical.ranks)
