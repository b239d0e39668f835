"""`make bench`: ingest, embedding and HTTP latency figures on this machine.

(a) the ingest benchmark of bench/ingest.py (parse + word segmentation per document);
(b) raw embedding throughput of the model (passages/s over the corpus units, one-query latency) beside
    ingest throughput through `Library.ingest` into a fresh index, so the overhead is visible;
(c) `kehoach serve` as a subprocess on loopback (tmp home), warmed, then warm latency p50/p95 over a
    fixed number of requests to POST /api/ask and POST /api/search with varied corpus questions;
(f) OCR of the corpus plan printed and scanned (bench/ocr.py): seconds per page, character
    error rate, annex rows recovered, cells exactly equal. `--skip-ocr` leaves it out, `--ocr-only` runs
    only it; other flags go to bench/load.py, which runs (d) load and (e) scale before it;
(g) raw model throughput (SentenceTransformer.encode) beside the ingest embedding path
    (VectorStore.add_missing) on the same passages, and their ratio (bench/embed_throughput.py;
    `--skip-throughput` leaves it out);
(h) two shards fanned out and fused vs one index (bench/shards.py: latency, overlap@10 per leg;
    `--skip-shards` leaves it out, `--shards-quick` runs it with the fake embedder and without scans).
(g) and (h) run after (e) and before (f); a failure in either is reported and does not fail the bench.
Bounded: loopback only, fixed request counts, the server is stopped at the end.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.procs import serve_process

for _k, _v in (("HF_HUB_OFFLINE", "1"), ("TRANSFORMERS_OFFLINE", "1"), ("ANONYMIZED_TELEMETRY", "False"),
               ("GRADIO_ANALYTICS_ENABLED", "False"), ("TOKENIZERS_PARALLELISM", "false")):
    os.environ.setdefault(_k, _v)

REQUESTS = 60  # per endpoint, after warm-up
WARMUP = 1  # passes over the question list before timing
TARGET_P50_MS, TARGET_P95_MS = 60.0, 150.0  # /api/ask
QUESTIONS = [
    "Những trường nào ở huyện Lai Vung được đầu tư STEM?",
    "ty trong day truc tuyen bac tieu hoc",
    "Tỷ trọng dạy trực tuyến ở bậc trung học là bao nhiêu?",
    "Kinh phí thiết bị phòng chức năng phục vụ dạy học STEM/STEAM là bao nhiêu?",
    "kinh phi he thong camera giam sat",
    "Đơn vị nào chủ trì phát triển kho dữ liệu số dùng chung?",
    "Bao nhiêu cơ sở giáo dục đã thanh toán không dùng tiền mặt?",
    "giao vien can lam gi trong chuyen doi so?",
    "Kế hoạch có quy định mức lương giáo viên không?",
    "Tổng kinh phí các dự án năm 2024 là bao nhiêu?",
    "THPT Lai Vung 1 thuộc cấp học nào?",
    "Mục tiêu chung của kế hoạch là gì?",
    "hoi nghi truc tuyen cap tinh cap huyen dat bao nhieu phan tram",
    "Trường nào ở TP Sa Đéc được trang bị thiết bị STEM?",
    "Học sinh được hỗ trợ gì về kỹ năng số?",
]




def _pct(values: list[float], q: float) -> float:
    """The q-th percentile (0..100), nearest-rank on the sorted values."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered) + 0.5) - 1))]


def _title(text: str) -> None:
    print(f"\n=== {text} ===")


# ----------------------------------------------------------------------------------------- (b)
def bench_embedding(home: Path) -> dict[str, float]:
    """Raw model throughput on the corpus units, then ingest throughput into a fresh index under home."""
    from assistant.embedder import get_embedder
    from assistant.settings import Settings
    from assistant.wiring import clear_cache, get_library
    from ingest.pipeline import iter_files, parse_path

    s = Settings(home=home)
    files = iter_files([s.corpus_dir])
    texts = [u.embed_text for f in files for u in parse_path(f).document.units]
    emb = get_embedder(s)
    t0 = time.perf_counter()
    emb.embed_queries(["khởi động mô hình"])  # loads the model, outside the timings
    load_s = time.perf_counter() - t0
    emb.embed_passages(texts[:8])
    t0 = time.perf_counter()
    emb.embed_passages(texts)
    embed_s = time.perf_counter() - t0
    lat = []
    for q in QUESTIONS:
        t0 = time.perf_counter()
        emb.embed_queries([q])
        lat.append((time.perf_counter() - t0) * 1000)
    t0 = time.perf_counter()
    import bm25s  # noqa: F401  - first-use imports of the index, timed apart from the ingest
    import chromadb  # noqa: F401
    import underthesea  # noqa: F401

    imports_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    outcomes = get_library(s).ingest([s.corpus_dir])
    ingest_s = time.perf_counter() - t0
    units = sum(o.units for o in outcomes)
    clear_cache()  # the server opens this home next
    return {"model_load_s": load_s, "passages": len(texts), "embed_s": embed_s,
            "passages_per_s": len(texts) / embed_s, "query_ms_p50": statistics.median(lat),
            "query_ms_max": max(lat), "imports_s": imports_s, "units": units, "ingest_s": ingest_s, "units_per_s": units / ingest_s}


# ----------------------------------------------------------------------------------------- (c)
def bench_http(base: str) -> dict[str, dict[str, float]]:
    import httpx

    bodies: dict[str, list[dict[str, Any]]] = {
        "/api/ask": [{"question": q} for q in QUESTIONS],
        "/api/search": [{"query": q, "top_k": 8} for q in QUESTIONS],
    }
    out: dict[str, dict[str, float]] = {}
    with httpx.Client(base_url=base, timeout=30.0) as c:
        for path, reqs in bodies.items():
            for body in reqs * WARMUP:
                c.post(path, json=body).raise_for_status()
            times: list[float] = []
            abstained = 0
            for i in range(REQUESTS):
                t0 = time.perf_counter()
                r = c.post(path, json=reqs[i % len(reqs)])
                times.append((time.perf_counter() - t0) * 1000)
                r.raise_for_status()
                abstained += bool(r.json().get("abstained"))
            out[path] = {"n": REQUESTS, "p50": _pct(times, 50), "p95": _pct(times, 95), "max": max(times),
                         "mean": statistics.fmean(times), "abstained": abstained}
    return out


# ----------------------------------------------------------------------------------------- (g), (h)
def scale_out(skip_throughput: bool, skip_shards: bool, shards_quick: bool) -> None:
    """(g) embedding throughput, raw vs ingest; (h) two shards vs one index. Failures are reported only."""
    if not skip_throughput:
        _title("(g) Embedding throughput: raw model vs the ingest path (bench/embed_throughput.py)")
        try:
            from bench import embed_throughput

            embed_throughput.run()
        except Exception as e:  # noqa: BLE001 - a benchmark that cannot run here says why, the rest goes on
            print(f"(g) not measured: {type(e).__name__}: {e}")
    if not skip_shards:
        _title("(h) Two shards fanned out and fused vs one index (bench/shards.py)")
        try:
            from bench import shards

            shards.run(fake=shards_quick, skip_ocr=shards_quick)
        except Exception as e:  # noqa: BLE001
            print(f"(h) not measured: {type(e).__name__}: {e}")


# ----------------------------------------------------------------------------------------- main
def main(argv: list[str] | None = None) -> int:
    import argparse

    from bench import ingest as bench_ingest
    from bench import ocr as bench_ocr

    ap = argparse.ArgumentParser(prog="python -m bench", add_help=False)
    ap.add_argument("--skip-ocr", action="store_true")
    ap.add_argument("--ocr-only", action="store_true")
    ap.add_argument("--skip-throughput", action="store_true")
    ap.add_argument("--skip-shards", action="store_true")
    ap.add_argument("--shards-quick", action="store_true")
    own, rest = ap.parse_known_args(sys.argv[1:] if argv is None else argv)
    if own.ocr_only:
        _title("(f) OCR of a scanned plan (bench/ocr.py)")
        return bench_ocr.main([])

    if not Path("corpus").is_dir():
        print("Không có corpus/ / corpus/ not found: run from the repository root")
        return 1
    print(f"kehoach bench — {os.cpu_count()} CPU cores, Python {sys.version.split()[0]}, "
          f"load average {os.getloadavg()[0]:.2f} (other processes on the machine skew every figure)")

    _title("(a) Ingest benchmark (bench/ingest.py)")
    rc = bench_ingest.main([])
    if rc:
        return rc

    with tempfile.TemporaryDirectory(prefix="kehoach-bench-") as tmp:
        home = Path(tmp) / "home"
        _title("(b) Embedding model vs ingest throughput")
        e = bench_embedding(home)
        print(f"model load (first query)          : {e['model_load_s']:8.2f} s")
        print(f"raw embed_passages                : {e['passages']:8d} passages in {e['embed_s']:.2f} s "
              f"= {e['passages_per_s']:.1f} passages/s")
        print(f"one query embedding (15 queries)  : p50 {e['query_ms_p50']:.1f} ms, max {e['query_ms_max']:.1f} ms")
        print(f"index imports (chromadb, bm25s…)  : {e['imports_s']:8.2f} s (once per process, not counted below)")
        print(f"Library.ingest, fresh index      : {e['units']:8d} units in {e['ingest_s']:.2f} s "
              f"= {e['units_per_s']:.1f} units/s")
        overhead = e["ingest_s"] - e["embed_s"] * e["units"] / max(1, e["passages"])
        print(f"ingest overhead beyond embedding  : {overhead:8.2f} s "
              "(parse, word segmentation, BM25, Chroma writes, generation publish)")

        _title(f"(c) Warm HTTP latency, `kehoach serve` on loopback ({REQUESTS} requests per endpoint, "
               f"{len(QUESTIONS)} questions, {WARMUP} warm-up pass)")
        with serve_process(home, Path(tmp) / "server.log") as (base, start_s):
            print(f"server ready in {start_s:.1f} s (index already built in (b))")
            stats = bench_http(base)
        head = f"{'endpoint':<13} {'n':>4} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'mean ms':>8}  target"
        print(head, "-" * (len(head) + 30), sep="\n")
        for path, st in stats.items():
            target = ""
            if path == "/api/ask":
                ok = st["p50"] < TARGET_P50_MS and st["p95"] < TARGET_P95_MS
                target = f"p50 < {TARGET_P50_MS:.0f}, p95 < {TARGET_P95_MS:.0f}: {'OK' if ok else 'MISSED'}"
            print(f"{path:<13} {st['n']:>4} {st['p50']:>8.1f} {st['p95']:>8.1f} {st['max']:>8.1f} "
                  f"{st['mean']:>8.1f}  {target}")
        print(f"(/api/ask abstained on {stats['/api/ask']['abstained']} of {REQUESTS} requests; "
              "times are client-side round trips over loopback with keep-alive)")
        print(f"load average at the end: {os.getloadavg()[0]:.2f}")

    # (d) load and (e) scale: bench/load.py (its flags, e.g. --full, pass through)
    from bench import load as bench_load

    rc = bench_load.main(rest)
    if rc:
        return rc
    scale_out(own.skip_throughput, own.skip_shards, own.shards_quick)
    if own.skip_ocr:
        return rc
    _title("(f) OCR of a scanned plan (bench/ocr.py)")
    return bench_ocr.main([])


if __name__ == "__main__":
    raise SystemExit(main())
