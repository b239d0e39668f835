"""The systems compared on the same questions in one run, all sharing ONE embedder instance.

- kehoach: the Assistant over the hybrid index (underthesea-segmented BM25 + dense, fused).
- llamaindex: a plain llama-index pipeline: files read as plain text, the default SentenceSplitter,
  a VectorStoreIndex over our embedder (query/passage prompts), top-5 vector retrieval.
- bm25: BM25 over raw syllables (no segmentation), `Index(segment=False).lexical_search`.
- dense: dense retrieval only, `Index.dense_search`.
- hybrid-noseg: our hybrid search without underthesea segmentation, `Index(segment=False).search`.

The baselines answer with the text of their top unit (chunk), cite their top 5, and never abstain.
They have no notion of a conversation: for a follow-up question their query is the last user turn of
the history followed by the question (`query_text`), the same query every system's search is scored on.
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from assistant.settings import Settings

ALL_SYSTEMS = ("kehoach", "llamaindex", "bm25", "dense", "hybrid-noseg")
# Run only when named (`--systems kehoach kehoach-llm`): needs the local model of `kehoach setup --llm`.
OPTIONAL_SYSTEMS = ("kehoach-llm",)
BASELINE_CITES = 5
DESCRIPTIONS = {
    "kehoach": "the Assistant on the hybrid index (segmented BM25 + e5, fused), extractive answers",
    "llamaindex": "llama-index: plain text, default SentenceSplitter, VectorStoreIndex, vector top-5",
    "bm25": "BM25 over raw syllables (no word segmentation)",
    "dense": "dense retrieval only (e5)",
    "hybrid-noseg": "our hybrid search without underthesea segmentation",
    "kehoach-llm": "kehoach with fact answers phrased by the local LLM (Qwen2.5-Coder-1.5B Q4_K_M, llama.cpp), "
                   "grounding-checked, extractive fallback",
}


@dataclass
class Response:
    answer: str
    abstained: bool
    citations: list[dict[str, Any]] = field(default_factory=list)


def query_text(question: str, history: list[tuple[str, str]] | None) -> str:
    """The standalone query of a (possibly follow-up) question, for systems without conversation."""
    last_user = next((c for r, c in reversed(history or []) if r == "user" and c.strip()), "")
    return f"{last_user} {question}".strip() if last_user else question


class SharedEmbedder:
    """The one embedder of the run, with passage vectors memoised by text.

    Each system indexes the same corpus into its own home; memoising passages embeds each text once.
    Queries are not memoised, so every system pays its own query latency.
    """

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.name = inner.name
        self._passages: dict[str, np.ndarray] = {}

    @property
    def dim(self) -> int:
        return int(self.inner.dim)

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        return self.inner.embed_queries(texts)

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        missing = list(dict.fromkeys(t for t in texts if t not in self._passages))
        if missing:
            for t, v in zip(missing, self.inner.embed_passages(missing), strict=True):
                self._passages[t] = np.asarray(v, dtype=np.float32)
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.stack([self._passages[t] for t in texts])


def _ingest(index: Any, paths: list[Path], settings: Settings) -> int:
    """Parse and index the corpus files (refused files are skipped); the number of units indexed."""
    from assistant.library import limits
    from ingest.errors import IngestRefused
    from ingest.pipeline import iter_files, parse_path

    units = 0
    for f in iter_files(paths):
        try:
            doc = parse_path(f, limits=limits(settings)).document
        except IngestRefused as e:  # said, not hidden: a scan refused for want of Tesseract scores as abstentions
            print(f"[eval] TỪ CHỐI / REFUSED {f.name}: {e}", file=sys.stderr, flush=True)
            continue
        index.add_documents([doc], {doc.doc: f})
        units += len(doc.units)
    return units


class System:
    name = ""
    abstains = False

    def __init__(self, settings: Settings, embedder: Any) -> None:
        self.settings = settings
        self.embedder = embedder

    def setup(self, corpus: list[Path]) -> int:
        raise NotImplementedError

    def ask(self, question: str, history: list[tuple[str, str]], filters: dict[str, str] | None = None) -> Response:
        """`filters`: the gold question's (the contract's Filters); systems without filters ignore them."""
        raise NotImplementedError

    def search(self, query: str, top_k: int, filters: dict[str, str] | None = None) -> list[dict[str, Any]]:
        raise NotImplementedError


class Kehoach(System):
    name = "kehoach"
    abstains = True

    def setup(self, corpus: list[Path]) -> int:
        from assistant.answerer import Answerer
        from assistant.index.index import Index

        self.index = Index(self.settings, self.embedder)
        self.answerer = Answerer(self.index, abstain_below=self.settings.abstain_below)
        return _ingest(self.index, corpus, self.settings)

    def ask(self, question: str, history: list[tuple[str, str]], filters: dict[str, str] | None = None) -> Response:
        r = self.answerer.ask(question, history=history, filters=filters)
        return Response(r.answer, r.abstained, [c.model_dump() for c in r.citations])

    def search(self, query: str, top_k: int, filters: dict[str, str] | None = None) -> list[dict[str, Any]]:
        return [h.model_dump() for h in self.answerer.search(query, top_k=top_k, filters=filters)]


class KehoachLLM(Kehoach):
    """kehoach + the generator (settings.generator, "local" unless it names "openai"); `modes` counts which
    path answered, `fallbacks` why the model's answer was not used."""

    name = "kehoach-llm"

    def setup(self, corpus: list[Path]) -> int:
        from assistant.answerer import Answerer
        from assistant.answering.phrasing import Phrasing
        from assistant.generate import make_llm

        units = super().setup(corpus)
        kind = self.settings.generator if self.settings.generator in ("local", "openai") else "local"
        llm = make_llm(self.settings.model_copy(update={"generator": kind}))
        self.answerer = Answerer(self.index, abstain_below=self.settings.abstain_below, phrasing=Phrasing(llm))
        self.modes: dict[str, int] = {}
        self.fallbacks: list[str] = []
        self.llm_seconds: list[float] = []
        return units

    def ask(self, question: str, history: list[tuple[str, str]], filters: dict[str, str] | None = None) -> Response:
        r = self.answerer.ask(question, history=history, filters=filters)
        self.modes[r.mode] = self.modes.get(r.mode, 0) + 1
        if r.llm_s is not None or r.note:  # the model was asked
            self.llm_seconds.append(r.llm_s or 0.0)
            if r.mode != "llm":
                self.fallbacks.append(r.note or "model abstained")
        return Response(r.answer, r.abstained, [c.model_dump() for c in r.citations])

    def report_extra(self) -> dict[str, Any]:
        secs = sorted(self.llm_seconds)
        return {"modes": dict(self.modes), "llm_calls": len(secs), "fallbacks": self.fallbacks,
                "llm_p50_s": secs[len(secs) // 2] if secs else None,
                "llm_max_s": secs[-1] if secs else None}


class IndexBaseline(System):
    """Answers with the top unit's text, cites the top 5 units; never abstains."""

    segment = False
    method = "search"

    def setup(self, corpus: list[Path]) -> int:
        from assistant.index.index import Index

        self.index = Index(self.settings, self.embedder, segment=self.segment)
        return _ingest(self.index, corpus, self.settings)

    def search(self, query: str, top_k: int, filters: dict[str, str] | None = None) -> list[dict[str, Any]]:
        hits = getattr(self.index, self.method)(query, top_k=top_k, filters=filters)
        return [{**h.unit.citation().model_dump(), "score": float(h.score)} for h in hits]

    def ask(self, question: str, history: list[tuple[str, str]], filters: dict[str, str] | None = None) -> Response:
        hits = self.search(query_text(question, history), BASELINE_CITES, filters)
        return Response(hits[0]["text"] if hits else "", False, hits)


class Bm25Raw(IndexBaseline):
    name, method = "bm25", "lexical_search"


class DenseOnly(IndexBaseline):
    name, method = "dense", "dense_search"


class HybridNoSeg(IndexBaseline):
    name, method = "hybrid-noseg", "search"


def _llama_embedding(embedder: Any) -> Any:
    """Our embedder as a llama-index BaseEmbedding (queries and passages get their own prompts)."""
    from llama_index.core.base.embeddings.base import BaseEmbedding
    from pydantic import PrivateAttr

    class KehoachEmbedding(BaseEmbedding):
        _inner: Any = PrivateAttr()

        def __init__(self, inner: Any) -> None:
            super().__init__(model_name=str(inner.name), embed_batch_size=32)
            self._inner = inner

        def _get_query_embedding(self, query: str) -> list[float]:
            return self._inner.embed_queries([query])[0].tolist()

        async def _aget_query_embedding(self, query: str) -> list[float]:
            return self._get_query_embedding(query)

        def _get_text_embedding(self, text: str) -> list[float]:
            return self._inner.embed_passages([text])[0].tolist()

        def _get_text_embeddings(self, texts: list[str]) -> list[list[float]]:
            return [v.tolist() for v in self._inner.embed_passages(list(texts))]

    return KehoachEmbedding(embedder)


class LlamaIndexBaseline(System):
    name = "llamaindex"

    def setup(self, corpus: list[Path]) -> int:
        from llama_index.core import Document, SimpleDirectoryReader, VectorStoreIndex
        from llama_index.core.node_parser import SentenceSplitter

        from ingest.pipeline import iter_files

        docs = []
        for f in iter_files(corpus):
            if f.suffix.lower() in (".md", ".txt"):
                docs.append(Document(text=f.read_text(encoding="utf-8", errors="replace"),
                                     metadata={"file_name": f.name}))
            else:
                docs.extend(SimpleDirectoryReader(input_files=[str(f)]).load_data())
        nodes = SentenceSplitter().get_nodes_from_documents(docs)
        self.index = VectorStoreIndex(nodes, embed_model=_llama_embedding(self.embedder), show_progress=False)
        self._retrievers: dict[int, Any] = {}
        return len(nodes)

    def search(self, query: str, top_k: int, filters: dict[str, str] | None = None) -> list[dict[str, Any]]:
        if top_k not in self._retrievers:
            self._retrievers[top_k] = self.index.as_retriever(similarity_top_k=top_k)
        out = []
        for i, n in enumerate(self._retrievers[top_k].retrieve(query), start=1):
            name = str(n.node.metadata.get("file_name", "document"))
            out.append({"id": n.node.node_id, "doc": Path(name).stem, "doc_title": name, "kind": "chunk",
                        "label": f"{name}, chunk {n.node.node_id[:8]}", "locator": f"{name}#{n.node.node_id}",
                        "page": None, "text": n.node.get_content(), "score": float(n.score or 0.0), "rank": i})
        return out

    def ask(self, question: str, history: list[tuple[str, str]], filters: dict[str, str] | None = None) -> Response:
        hits = self.search(query_text(question, history), BASELINE_CITES)
        return Response(hits[0]["text"] if hits else "", False, hits)


CLASSES: dict[str, type[System]] = {"kehoach": Kehoach, "llamaindex": LlamaIndexBaseline, "bm25": Bm25Raw,
                                    "dense": DenseOnly, "hybrid-noseg": HybridNoSeg,
                                    "kehoach-llm": KehoachLLM}


def make_system(name: str, base: Settings, home: Path, embedder: Any) -> System:
    """A system with its own KEHOACH_HOME (`home`), sharing the run's embedder."""
    if name not in CLASSES:
        raise ValueError(f"unknown system {name!r}; expected one of {', '.join(ALL_SYSTEMS + OPTIONAL_SYSTEMS)}")
    settings = base.model_copy(update={"home": home})
    return CLASSES[name](settings, embedder)


def timed(fn: Any, *args: Any, **kwargs: Any) -> tuple[Any, float]:
    t0 = time.perf_counter()
    out = fn(*args, **kwargs)
    return out, time.perf_counter() - t0
