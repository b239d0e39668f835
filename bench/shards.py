"""Scale-out in miniature: two shards on one host, queries fanned out to both and fused, against one index
holding every document.

    python -m bench.shards [--fake] [--skip-ocr] [--questions N] [--home DIR]

The documents of `corpus/` and `eval/corpus-dev/` (parsed by the ingest pipeline, scans through OCR unless
`--skip-ocr`) are split in two, alternately in file order: shard A (think "the reader's province") and shard
B ("national documents"), each its own `Index` with its own index_dir and Chroma collection, and a combined
`Index` holds both. The vectors are computed once (a shared memo of passage vectors), so the three indexes
hold the same vectors. The questions are those of the development and corpus gold sets (eval/gold/*.jsonl
and eval/gold/corpus-dev/*.jsonl; never the held-out sets), asked without their filters.

For each leg (dense, lexical, hybrid) it reports:
- latency, one index vs fan-out: the question is embedded once (timed apart: the same either way), then
  searched in the combined index, or in both shards concurrently on two threads with their top-10 lists
  fused by reciprocal rank (RRF, the project's `reciprocal_rank_fusion`); p50 / p95 over the questions;
- overlap@10 of a fused top-10 with the combined index's top-10 (|A ∩ B| / 10), for
  `rrf`: the shards' ranked lists fused by rank only (what "fused by rank" across shards gives);
  `score`: the shards' hits merged by their own scores (cosine for dense; BM25 with each shard's own term
  statistics for lexical; for hybrid, each leg merged so, then the two legs fused by RRF as one index does);
  `global`: lexical BM25 computed in each shard with the term statistics of all shards together (document
  count, document frequency per term, mean length: what a shard-aware engine shares before scoring), then
  merged by score; for hybrid the dense leg merged by cosine and this lexical leg, fused by RRF.
Reading the figures: README.md, "Scale-out".
"""

from __future__ import annotations

import argparse
import json
import math
import os
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np

for _k, _v in (("HF_HUB_OFFLINE", "1"), ("TRANSFORMERS_OFFLINE", "1"), ("ANONYMIZED_TELEMETRY", "False"),
               ("TOKENIZERS_PARALLELISM", "false")):
    os.environ.setdefault(_k, _v)

TOP_K = 10
LEGS = ("dense", "lexical", "hybrid")
# bm25s's defaults, which assistant/index/lexical.py keeps (method "lucene").
K1, B = 1.5, 0.75


# ------------------------------------------------------------------------------------------- fusion
def rrf_fuse(rankings: Sequence[Sequence[str]], k: int = TOP_K) -> list[str]:
    """The shards' ranked id lists fused by reciprocal rank (assistant/index/retrieval.py), best `k` first."""
    from assistant.index.retrieval import reciprocal_rank_fusion

    return [uid for uid, _ in reciprocal_rank_fusion([list(r) for r in rankings])[:k]]


def score_merge(scored: Sequence[Sequence[tuple[str, float]]], k: int = TOP_K) -> list[str]:
    """The shards' (id, score) lists merged by score, best `k` first (ties: by id, for a stable order).
    Right only when the shards' scores are comparable (cosine; BM25 with shared term statistics)."""
    best: dict[str, float] = {}
    for hits in scored:
        for uid, score in hits:
            best[uid] = max(score, best.get(uid, -math.inf))
    return [uid for uid, _ in sorted(best.items(), key=lambda kv: (-kv[1], kv[0]))[:k]]


def overlap_at(fused: Sequence[str], reference: Sequence[str], k: int = TOP_K) -> float:
    """|top-k of fused ∩ top-k of reference| / the number of places either could fill (at most k);
    1.0 when both are empty (nothing found either way is agreement)."""
    a, b = set(fused[:k]), set(reference[:k])
    places = min(k, max(len(a), len(b)))
    return 1.0 if places == 0 else len(a & b) / places


# ------------------------------------------------------------------------------------------- BM25
class ShardBm25:
    """BM25 over one shard's units (the tokens its generation indexed), scored with term statistics given
    by the caller: the shard's own (`stats()`), or the sum of every shard's (`combine`). With its own
    statistics it reproduces bm25s's "lucene" scores; with the combined ones, the scores one index holding
    every shard would give."""

    def __init__(self, ids: Sequence[str], token_lists: Sequence[Sequence[str]]) -> None:
        self.ids = list(ids)
        self.lengths = np.array([max(1, len(t)) for t in token_lists], dtype=np.float64)
        postings: dict[str, tuple[list[int], list[int]]] = {}
        for i, toks in enumerate(token_lists):
            for term, tf in Counter(toks or ["<empty>"]).items():
                docs, tfs = postings.setdefault(term, ([], []))
                docs.append(i)
                tfs.append(tf)
        self.postings = {t: (np.array(d), np.array(f, dtype=np.float64)) for t, (d, f) in postings.items()}

    def stats(self) -> tuple[int, float, dict[str, int]]:
        """(documents, total length, document frequency per term)."""
        return len(self.ids), float(self.lengths.sum()), {t: len(d) for t, (d, _) in self.postings.items()}

    @staticmethod
    def combine(stats: Sequence[tuple[int, float, dict[str, int]]]) -> tuple[int, float, dict[str, int]]:
        df: Counter[str] = Counter()
        for _, _, d in stats:
            df.update(d)
        return sum(s[0] for s in stats), sum(s[1] for s in stats), dict(df)

    def search(self, query_tokens: Sequence[str], k: int,
               stats: tuple[int, float, dict[str, int]] | None = None) -> list[tuple[str, float]]:
        n, total, df = stats or self.stats()
        avg = total / max(1, n)
        norm = K1 * ((1 - B) + B * self.lengths / avg)
        scores = np.zeros(len(self.ids), dtype=np.float64)
        for term in query_tokens:  # a repeated query token counts again, as in bm25s
            if term not in df or term not in self.postings:
                continue
            idf = math.log(1 + (n - df[term] + 0.5) / (df[term] + 0.5))
            docs, tfs = self.postings[term]
            scores[docs] += idf * tfs / (norm[docs] + tfs)
        positive = np.flatnonzero(scores > 0)
        order = positive[np.lexsort((positive, -scores[positive]))][:k]
        return [(self.ids[i], float(scores[i])) for i in order]


# ------------------------------------------------------------------------------------------- embedder
class MemoEmbedder:
    """One embedder shared by the shards and the combined index: passage vectors computed once per text
    (so every index holds the same vectors), query vectors kept until `forget_queries` (so a fan-out embeds
    its query once, before the shards search)."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.name = inner.name
        self._passages: dict[str, np.ndarray] = {}
        self._queries: dict[str, np.ndarray] = {}
        self._lock = threading.Lock()

    @property
    def dim(self) -> int:
        return int(self.inner.dim)

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        todo = list(dict.fromkeys(t for t in texts if t not in self._passages))
        if todo:
            for t, v in zip(todo, self.inner.embed_passages(todo), strict=True):
                self._passages[t] = v
        return np.stack([self._passages[t] for t in texts]) if texts else np.zeros((0, self.dim), np.float32)

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        out = []
        for t in texts:
            with self._lock:
                v = self._queries.get(t)
            if v is None:
                v = self.inner.embed_queries([t])[0]
                with self._lock:
                    self._queries[t] = v
            out.append(v)
        return np.stack(out) if out else np.zeros((0, self.dim), np.float32)

    def forget_queries(self) -> None:
        with self._lock:
            self._queries.clear()


# ------------------------------------------------------------------------------------------- indexes
def leg_search(index: Any, leg: str) -> Callable[[str, int], list[Any]]:
    return {"dense": index.dense_search, "lexical": index.lexical_search, "hybrid": index.search}[leg]


def fan_out(pool: ThreadPoolExecutor, shards: Sequence[Any], leg: str, query: str,
            k: int = TOP_K) -> list[list[Any]]:
    """Every shard's hits for one leg, searched concurrently."""
    futures = [pool.submit(leg_search(s, leg), query, k) for s in shards]
    return [f.result() for f in futures]


def bm25_of(index: Any) -> ShardBm25:
    """The shard's units and the very tokens its live generation indexed (bm25s engine)."""
    gen = index._refresh(force=True)  # noqa: SLF001 - a benchmark reads the live generation's tokens
    ids: list[str] = []
    toks: list[list[str]] = []
    for info in gen.docs.values():  # the tokens are in the segment files (the unit store keeps none)
        units, tokens = index.gens.files.read(str(info["segment"]))
        ids += [u.id for u in units]
        toks += [tokens[u.id] for u in units]
    return ShardBm25(ids, toks)


def query_tokens(index: Any, query: str) -> list[str]:
    from assistant.index.lexical import lexical_tokens

    return lexical_tokens(query, segment=index.segment)


def fused_variants(shards: Sequence[Any], combined_total: int, bm25s: Sequence[ShardBm25],
                   global_stats: tuple[int, float, dict[str, int]], query: str,
                   shard_hits: dict[str, list[list[Any]]], k: int = TOP_K) -> dict[str, dict[str, list[str]]]:
    """leg -> variant ("rrf", "score", "global") -> fused top-k ids, from the shards' hits of `fan_out`."""
    from assistant.index.retrieval import candidates_for, reciprocal_rank_fusion

    ids = {leg: [[h.unit.id for h in hits] for hits in shard_hits[leg]] for leg in LEGS}
    scored = {leg: [[(h.unit.id, h.score) for h in hits] for hits in shard_hits[leg]] for leg in LEGS}
    toks = query_tokens(shards[0], query)
    depth = candidates_for(k, combined_total)  # how deep one index's legs look before its fusion
    dense_deep = score_merge([[(h.unit.id, h.score) for h in s.dense_search(query, depth)] for s in shards], depth)
    lex_local = score_merge([[(h.unit.id, h.score) for h in s.lexical_search(query, depth)] for s in shards], depth)
    lex_global = score_merge([b.search(toks, depth, global_stats) for b in bm25s], depth)
    return {
        "dense": {"rrf": rrf_fuse(ids["dense"], k), "score": score_merge(scored["dense"], k)},
        "lexical": {"rrf": rrf_fuse(ids["lexical"], k), "score": score_merge(scored["lexical"], k),
                    "global": lex_global[:k]},
        "hybrid": {"rrf": rrf_fuse(ids["hybrid"], k),
                   "score": [u for u, _ in reciprocal_rank_fusion([dense_deep, lex_local])[:k]],
                   "global": [u for u, _ in reciprocal_rank_fusion([dense_deep, lex_global])[:k]]},
    }


# ------------------------------------------------------------------------------------------- run
def load_documents(skip_ocr: bool) -> list[Any]:
    from eval.suite import documents
    from ingest.pipeline import parse_path

    files = documents([Path("corpus"), Path("eval/corpus-dev")])
    if skip_ocr:
        files = [f for f in files if "scan" not in f.name]
    docs = []
    for f in files:
        try:
            docs.append(parse_path(f).document)
        except Exception as e:  # noqa: BLE001 - e.g. a scan on a machine without OCR: measure the others
            print(f"(left out {f.name}: {e})", file=sys.stderr)
    return docs


def load_questions(limit: int | None) -> list[str]:
    from eval.gold import read_gold
    from eval.suite import gold_sets

    qs = [q.question for g in gold_sets(heldout=False) for q in read_gold(g).questions]
    return qs[:limit] if limit else qs


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(q / 100 * len(ordered)) - 1))]


def run(fake: bool = False, skip_ocr: bool = False, questions: int | None = None, home: Path | None = None,
        out: Any = sys.stdout) -> dict[str, Any]:
    from assistant.embedder import get_embedder
    from assistant.index import Index
    from assistant.settings import Settings

    t_start = time.perf_counter()
    docs = load_documents(skip_ocr)
    parse_s = time.perf_counter() - t_start
    shard_docs: list[list[Any]] = [docs[0::2], docs[1::2]]
    qs = load_questions(questions)
    with tempfile.TemporaryDirectory(prefix="kehoach-shards-") as tmp:
        root = Path(home) if home else Path(tmp)
        def settings(name: str) -> Settings:
            return Settings(home=root / name, chroma_url="", embedder="fake" if fake else "st",
                            corpus_dir=root / "no-corpus")
        emb = MemoEmbedder(get_embedder(settings("combined")))
        t0 = time.perf_counter()
        shards = []
        for name, part in zip(("shard-a", "shard-b"), shard_docs, strict=True):
            ix = Index(settings(name), emb)
            ix.add_documents(part)
            shards.append(ix)
        shards_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        combined = Index(settings("combined"), emb)
        combined.add_documents(docs)
        combined_s = time.perf_counter() - t0
        total = combined.count()[1]
        bm25s = [bm25_of(s) for s in shards]
        global_stats = ShardBm25.combine([b.stats() for b in bm25s])
        # The check that ShardBm25 is bm25s: on the combined index, its own statistics give bm25s's top-k.
        combined_bm25 = bm25_of(combined)
        print(f"documents: {len(docs)} ({len(shard_docs[0])} in shard A, {len(shard_docs[1])} in shard B), "
              f"units: {total} ({', '.join(str(s.count()[1]) for s in shards)}); parse {parse_s:.0f} s, "
              f"shards indexed in {shards_s:.0f} s, the combined index in {combined_s:.0f} s "
              f"(vectors reused); embedder {emb.name}; {len(qs)} questions", file=out, flush=True)

        lat: dict[str, dict[str, list[float]]] = {leg: {"single": [], "fanout": []} for leg in LEGS}
        overlaps: dict[str, dict[str, list[float]]] = {
            "dense": {"rrf": [], "score": []}, "lexical": {"rrf": [], "score": [], "global": []},
            "hybrid": {"rrf": [], "score": [], "global": []}}
        bm25_same: list[float] = []
        embed_ms: list[float] = []
        with ThreadPoolExecutor(max_workers=len(shards)) as pool:
            for q in qs[:5]:  # warm-up: first-use imports and caches, outside the timings
                for leg in LEGS:
                    leg_search(combined, leg)(q, TOP_K)
                    fan_out(pool, shards, leg, q)
            for i, q in enumerate(qs):
                reference: dict[str, list[str]] = {}
                shard_hits: dict[str, list[list[Any]]] = {}
                emb.forget_queries()
                t0 = time.perf_counter()
                emb.embed_queries([q])  # once per question, whichever way it is searched
                embed_ms.append((time.perf_counter() - t0) * 1000)
                for leg in LEGS:
                    # One index and fan-out take turns going first: the first search after the embedding
                    # runs beside the model's threads winding down, which would count against one side only.
                    for mode in (("single", "fanout") if i % 2 == 0 else ("fanout", "single")):
                        t0 = time.perf_counter()
                        if mode == "single":
                            reference[leg] = [h.unit.id for h in leg_search(combined, leg)(q, TOP_K)]
                        else:
                            shard_hits[leg] = fan_out(pool, shards, leg, q)
                            rrf_fuse([[h.unit.id for h in hs] for hs in shard_hits[leg]])
                        lat[leg][mode].append((time.perf_counter() - t0) * 1000)
                variants = fused_variants(shards, total, bm25s, global_stats, q, shard_hits)
                for leg, by_variant in variants.items():
                    for variant, fused in by_variant.items():
                        overlaps[leg][variant].append(overlap_at(fused, reference[leg]))
                mine = [u for u, _ in combined_bm25.search(query_tokens(combined, q), TOP_K)]
                bm25_same.append(overlap_at(mine, reference["lexical"]))
        emb.forget_queries()

    res: dict[str, Any] = {
        "documents": len(docs), "units": total, "questions": len(qs), "embedder": emb.name,
        "latency_ms": {leg: {mode: {"p50": statistics.median(v), "p95": _pct(v, 95)} for mode, v in m.items()}
                       for leg, m in lat.items()},
        "overlap_at_10": {leg: {var: statistics.fmean(v) for var, v in m.items()} for leg, m in overlaps.items()},
        "overlap_exact_share": {leg: {var: sum(x == 1.0 for x in v) / len(v) for var, v in m.items()}
                                for leg, m in overlaps.items()},
        "query_embedding_ms": {"p50": statistics.median(embed_ms), "p95": _pct(embed_ms, 95)},
        "bm25_reproduces_bm25s": statistics.fmean(bm25_same),
        "seconds": time.perf_counter() - t_start,
    }
    e = res["query_embedding_ms"]
    print(f"\nlatency, ms ({len(qs)} questions): the question is embedded once ({e['p50']:.1f} / {e['p95']:.1f} ms "
          "p50 / p95), then searched; below, the search alone (fan-out: 2 shards on 2 threads + RRF)", file=out)
    print(f"{'leg':<8} {'one p50':>8} {'one p95':>8} {'fan p50':>8} {'fan p95':>8}", file=out)
    for leg in LEGS:
        one, fan = res["latency_ms"][leg]["single"], res["latency_ms"][leg]["fanout"]
        print(f"{leg:<8} {one['p50']:>8.1f} {one['p95']:>8.1f} {fan['p50']:>8.1f} {fan['p95']:>8.1f}", file=out)
    print("\noverlap@10 with the combined index's top-10 (mean; in brackets the share of questions at 1.0)",
          file=out)
    print(f"{'leg':<8} {'rrf':>14} {'score':>14} {'global':>14}", file=out)
    for leg in LEGS:
        cells = []
        for var in ("rrf", "score", "global"):
            v = res["overlap_at_10"][leg].get(var)
            cells.append(f"{v:.3f} ({res['overlap_exact_share'][leg][var]:.2f})" if v is not None else "-")
        print(f"{leg:<8} {cells[0]:>14} {cells[1]:>14} {cells[2]:>14}", file=out)
    print(f"(the bench's BM25 with the combined index's own statistics vs bm25s's top-10 on it: "
          f"overlap {res['bm25_reproduces_bm25s']:.3f}; run took {res['seconds']:.0f} s)", file=out)
    return res


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.shards", description=__doc__.split("\n\n")[0])
    ap.add_argument("--fake", action="store_true", help="the deterministic fake embedder (quick, no model)")
    ap.add_argument("--skip-ocr", action="store_true", help="leave out the scanned documents (no OCR)")
    ap.add_argument("--questions", type=int, default=None, help="only the first N gold questions")
    ap.add_argument("--home", type=Path, default=None, help="keep the three indexes under this folder")
    ap.add_argument("--json", type=Path, default=None, help="also write the figures to this file")
    a = ap.parse_args(argv)
    if not Path("corpus").is_dir():
        print("corpus/ not found: run from the repository root", file=sys.stderr)
        return 1
    res = run(fake=a.fake, skip_ocr=a.skip_ocr, questions=a.questions, home=a.home)
    if a.json:
        a.json.write_text(json.dumps(res, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
