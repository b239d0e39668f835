"""Load and scale figures for `make bench` (called at the end of bench/run.py).

(d) Load: `kehoach serve` on loopback (tmp home, the real model), N concurrent clients posting
    /api/ask for a fixed time while an upload (ingest through POST /api/documents) runs in the middle;
    prints throughput, p50/p95/p99 and errors.
(e) Scale: a generated corpus of plan-like documents (the corpus plan with other provinces, districts,
    years and numbers) ingested into a fresh index in batches; prints ingest throughput, index size on
    disk, RSS, query p50/p95 (Answerer.ask end to end, in process), the seconds to publish one more plan
    and the first question after that publish, at 1k and 10k units (100k, 200k and 1M with --full); at each
    size a fresh worker process opens the index (bench/probe.py: open time, RSS beyond the model, ask p50/p95),
    and two at once at the largest size.
    Embedding: the first ~1,000 distinct passages are embedded by the real model;
    later passages REUSE one of those real vectors with a small random perturbation (said in the output)
    so that 10k+ units fit in minutes on a laptop. Query embeddings are always real.

Usage: python -m bench.load [--seconds 60] [--clients 20] [--full] [--skip-load] [--skip-scale]
"""

from __future__ import annotations

import argparse
import contextlib
import math
import os
import random
import re
import shutil
import signal
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np

from bench.probe import _rss_mb  # one reader of /proc/self/status for both benchmarks

for _k, _v in (("HF_HUB_OFFLINE", "1"), ("TRANSFORMERS_OFFLINE", "1"), ("ANONYMIZED_TELEMETRY", "False"),
               ("GRADIO_ANALYTICS_ENABLED", "False"), ("TOKENIZERS_PARALLELISM", "false")):
    os.environ.setdefault(_k, _v)

CORPUS = Path("corpus") / "kh-chuyen-doi-so-giao-duc-dong-thap-2024.md"
TOKEN = "bench-token"
REAL_PASSAGES = 1000
PROVINCES = ["An Giang", "Bến Tre", "Cà Mau", "Cần Thơ", "Hậu Giang", "Kiên Giang", "Long An", "Sóc Trăng",
             "Tiền Giang", "Trà Vinh", "Vĩnh Long", "Bạc Liêu", "Bình Dương", "Tây Ninh", "Đồng Nai"]
DISTRICTS = ["Lai Vung", "Cao Lãnh", "Tháp Mười", "Hồng Ngự", "Tam Nông", "Thanh Bình", "Lấp Vò", "Châu Thành"]


def _pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    xs = sorted(values)
    return xs[min(len(xs) - 1, max(0, round(q / 100 * (len(xs) - 1))))]


def _du_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1e6


def _title(text: str) -> None:
    print(f"\n== {text}", flush=True)


# ----------------------------------------------------------------------------------------- (d) load
@contextlib.contextmanager
def _serve(home: Path, log: Path) -> Iterator[str]:
    from bench.procs import serve_process

    with serve_process(home, log, extra_env={"KEHOACH_ADMIN_TOKEN": TOKEN}, timeout=600) as (base, _):
        yield base


def variant_plan(text: str, k: int, rng: random.Random) -> str:
    """The corpus plan re-addressed: another province and district, another year, other numbers."""
    province, district = PROVINCES[k % len(PROVINCES)], DISTRICTS[(k // len(PROVINCES)) % len(DISTRICTS)]
    year = 2020 + k % 8
    out = text.replace("Đồng Tháp", province).replace("Lai Vung", district).replace("2024", str(year))
    out = out.replace("2023", str(year - 1))

    def renumber(m: re.Match[str]) -> str:
        s = m.group(0)
        return s if len(s) > 6 else str(max(1, int(int(s) * rng.uniform(0.5, 1.5))))

    out = re.sub(r"(?<![\d./])\d{2,4}(?![\d./])", renumber, out)
    return f"<!-- bản sinh tự động {k} / generated variant {k} -->\n" + out


def bench_load(seconds: float, clients: int) -> dict[str, Any]:
    import httpx

    from bench.run import QUESTIONS

    plan_text = CORPUS.read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory(prefix="kehoach-load-") as tmp:
        home = Path(tmp) / "home"
        with _serve(home, Path(tmp) / "server.log") as base:
            with httpx.Client(base_url=base, timeout=60) as c:  # warm-up
                for q in QUESTIONS:
                    c.post("/api/ask", json={"question": q}).raise_for_status()
            lat: list[float] = []
            errors: list[str] = []
            lock = threading.Lock()
            stop = time.monotonic() + seconds
            ingest: dict[str, Any] = {}

            def client(i: int) -> None:
                with httpx.Client(base_url=base, timeout=60) as c:
                    n = i
                    while time.monotonic() < stop:
                        t0 = time.perf_counter()
                        try:
                            r = c.post("/api/ask", json={"question": QUESTIONS[n % len(QUESTIONS)]})
                            ok = r.status_code == 200 and r.json().get("answer")
                            err = None if ok else f"HTTP {r.status_code}"
                        except httpx.HTTPError as e:
                            err = type(e).__name__
                        dt = (time.perf_counter() - t0) * 1000
                        with lock:
                            (errors.append(err) if err else lat.append(dt))
                        n += 1

            def uploader() -> None:
                time.sleep(seconds / 3)
                data = variant_plan(plan_text, 3, random.Random(3)).encode()
                t0 = time.perf_counter()
                with httpx.Client(base_url=base, timeout=600) as c:
                    r = c.post("/api/documents", files={"file": ("ke-hoach-tai-len.md", data, "text/markdown")},
                               headers={"Authorization": f"Bearer {TOKEN}"})
                ingest.update(status=r.status_code, seconds=time.perf_counter() - t0,
                              units=r.json().get("units") if r.status_code == 200 else None)

            threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
            threads.append(threading.Thread(target=uploader))
            t_start = time.perf_counter()
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            wall = time.perf_counter() - t_start
    return {"clients": clients, "seconds": wall, "ok": len(lat), "errors": len(errors),
            "error_kinds": sorted(set(errors)), "rps": len(lat) / wall, "p50": _pct(lat, 50), "p95": _pct(lat, 95),
            "p99": _pct(lat, 99), "max": max(lat) if lat else float("nan"), "ingest": ingest}


# ----------------------------------------------------------------------------------------- (e) scale
class ReuseEmbedder:
    """The real embedder for the first `real` distinct passages; after that a cached real vector plus a
    small perturbation (renormalised). Queries are always embedded for real."""

    def __init__(self, real: Any, budget: int = REAL_PASSAGES, noise: float = 0.02, seed: int = 0) -> None:
        self.real = real
        self.name = real.name  # same collection signature as the real model
        self.budget = budget
        self.noise = noise
        self.rng = np.random.default_rng(seed)
        self.pool: list[np.ndarray] = []
        self.real_count = 0
        self.reused_count = 0

    @property
    def dim(self) -> int:
        return int(self.real.dim)

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        return self.real.embed_queries(texts)

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        n_real = max(0, min(len(texts), self.budget - self.real_count))
        parts = []
        if n_real:
            vecs = np.asarray(self.real.embed_passages(list(texts[:n_real])), dtype=np.float32)
            self.pool.extend(vecs)
            self.real_count += n_real
            parts.append(vecs)
        rest = len(texts) - n_real
        if rest:
            base = np.stack([self.pool[int(i)] for i in self.rng.integers(0, len(self.pool), rest)])
            noisy = base + self.rng.normal(0, self.noise, base.shape).astype(np.float32)
            noisy /= np.linalg.norm(noisy, axis=1, keepdims=True)
            self.reused_count += rest
            parts.append(noisy.astype(np.float32))
        return np.concatenate(parts) if parts else np.zeros((0, self.dim), dtype=np.float32)


def _query_latency(a: Any, questions: list[str], rounds: int = 2) -> tuple[float, float, tuple[float, str]]:
    """p50, p95 (ms) over `rounds` passes of the questions, and the slowest question (its best time)."""
    for q in questions:  # warm
        a.ask(q)
    lat = []
    best: dict[str, float] = {}
    for _ in range(rounds):
        for q in questions:
            t0 = time.perf_counter()
            a.ask(q)
            lat.append((time.perf_counter() - t0) * 1000)
            best[q] = min(best.get(q, float("inf")), lat[-1])
    slowest = max(best, key=lambda k: best[k])
    return _pct(lat, 50), _pct(lat, 95), (best[slowest], slowest)


def bench_scale(targets: list[int], batch_docs: int = 10, real: int = REAL_PASSAGES,
                keep: Path | None = None) -> list[dict[str, Any]]:
    from assistant.answerer import Answerer
    from assistant.embedder import get_embedder
    from assistant.index.index import Index
    from assistant.settings import Settings
    from bench.probe import describe, run_probes
    from bench.run import QUESTIONS
    from ingest.pipeline import parse_path

    plan_text = CORPUS.read_text(encoding="utf-8")
    rng = random.Random(7)
    rows: list[dict[str, Any]] = []
    tmp = Path(tempfile.mkdtemp(prefix="kehoach-scale-"))
    try:
        s = Settings(home=tmp / "home", chroma_url="", corpus_dir=tmp / "none")
        embedder = ReuseEmbedder(get_embedder(s), budget=real)
        index = Index(s, embedder)
        assistant = Answerer(index)  # one, as in the service: the index's caches follow the publishes
        docs_dir = tmp / "docs"
        docs_dir.mkdir()
        k, units, ingest_s, parse_s = 0, 0, 0.0, 0.0

        def publish(n_docs: int) -> float:
            """Parse and index `n_docs` new plan variants in one publish; returns the publish's seconds."""
            nonlocal k, units, ingest_s, parse_s
            batch = []
            for _ in range(n_docs):
                path = docs_dir / f"ke-hoach-{k:06d}.md"
                path.write_text(variant_plan(plan_text, k, rng), encoding="utf-8")
                t0 = time.perf_counter()
                batch.append(parse_path(path).document)
                parse_s += time.perf_counter() - t0
                k += 1
            t0 = time.perf_counter()
            index.add_documents(batch)
            took = time.perf_counter() - t0
            ingest_s += took
            units = index.count()[1]
            return took

        for target in targets:
            while units < target:  # batches of `batch_docs` plans, smaller near a target (1k is 1k, not 3k)
                per_plan = units / k if k else 166
                publish(max(1, min(batch_docs, math.ceil((target - units) / per_plan))))
            p50, p95, slowest = _query_latency(assistant, QUESTIONS)
            row = {"units": units, "docs": k, "parse_s": parse_s, "index_s": ingest_s,
                   "units_per_s": units / (parse_s + ingest_s), "disk_mb": _du_mb(s.home), "rss_mb": _rss_mb(),
                   "p50": p50, "p95": p95, "slowest": slowest, "real": embedder.real_count, "reused": embedder.reused_count}
            # What staff and teachers feel at this size: publishing one more plan, and the first
            # question after it (it pays for whatever the publish invalidated).
            row["one_plan_s"] = publish(1)
            t0 = time.perf_counter()
            assistant.ask(QUESTIONS[0])
            row["first_ms"] = (time.perf_counter() - t0) * 1000
            rows.append(row)
            r = row
            print(f"{r['units']:>8} {r['docs']:>6} {r['units_per_s']:>9.1f} {r['parse_s']:>8.1f} {r['index_s']:>8.1f} "
                  f"{r['disk_mb']:>9.1f} {r['rss_mb']:>8.0f} {r['p50']:>8.1f} {r['p95']:>8.1f} "
                  f"{r['one_plan_s']:>8.1f} {r['first_ms']:>8.0f} {r['real']:>6}/{r['reused']}", flush=True)
            print(f"{'':>8} slowest question: {slowest[0]:.0f} ms «{slowest[1]}»", flush=True)
            # A fresh worker opening this index (bench/probe.py), and at the largest size two at once.
            # (embedded Chroma: each holds the vectors), then two with a Chroma server holding them once, as
            # `kehoach serve --workers 2` runs with KEHOACH_CHROMA_URL.
            for workers, server in ((1, False), (2, False), (2, True)) if target == targets[-1] else ((1, False),):
                probes = run_probes(s.home, workers, server=server)
                row[f"probes_{workers}{'_server' if server else ''}"] = probes
                for i, pr in enumerate(probes):
                    label = f"fresh worker {i + 1}/{workers}{' (Chroma server)' if server else ''}"
                    print(f"{'':>8} {describe(pr, label)}", flush=True)
                if workers == 2 and all("error" not in pr for pr in probes):
                    together = sum(pr["peak_mb"] for pr in probes) + (probes[0].get("server_mb") or 0)
                    print(f"{'':>8} two workers together{' with the server' if server else ''}: peak RSS "
                          f"{together / 1024:.2f} GB", flush=True)
        if keep is not None:  # the index as built, for --existing (a fresh process opening it)
            shutil.copytree(s.home, keep)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return rows


def bench_existing(home: Path) -> dict[str, Any]:
    """An index built before (a copy of a production $KEHOACH_HOME, or of a scale run): what a fresh process
    pays to open it, RSS, ask p50/p95, then one more generated plan published INTO it and the first
    question after. Run it on a copy. Passage vectors of that plan reuse real ones (as in (e))."""
    from assistant.answerer import Answerer
    from assistant.embedder import get_embedder
    from assistant.index.index import Index
    from assistant.settings import Settings
    from bench.run import QUESTIONS
    from ingest.pipeline import parse_path

    s = Settings(home=home, chroma_url="", corpus_dir=home / "no-corpus")
    embedder = ReuseEmbedder(get_embedder(s), budget=32)
    embedder.embed_passages([f"đoạn văn mẫu số {i} của kế hoạch chuyển đổi số" for i in range(32)])  # the pool
    row: dict[str, Any] = {"rss_start_mb": _rss_mb()}
    t0 = time.perf_counter()
    index = Index(s, embedder)
    row["open_s"] = time.perf_counter() - t0
    row["docs"], row["units"] = index.count()
    row["rss_open_mb"] = _rss_mb()
    assistant = Answerer(index)
    t0 = time.perf_counter()
    assistant.ask(QUESTIONS[0])  # loads the vectors (Chroma) and builds the idf
    row["first_ask_s"] = time.perf_counter() - t0
    row["p50"], row["p95"], row["slowest"] = _query_latency(assistant, QUESTIONS)
    row["rss_mb"] = _rss_mb()
    with tempfile.TemporaryDirectory(prefix="kehoach-existing-") as tmp:
        path = Path(tmp) / "ke-hoach-them-mot.md"
        path.write_text(variant_plan(CORPUS.read_text(encoding="utf-8"), 999_999, random.Random(11)), encoding="utf-8")
        doc = parse_path(path).document
        t0 = time.perf_counter()
        index.add_documents([doc])
        row["one_plan_s"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    assistant.ask(QUESTIONS[0])
    row["first_ms"] = (time.perf_counter() - t0) * 1000
    row["rss_end_mb"] = _rss_mb()
    row["disk_mb"] = _du_mb(home)
    return row


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.load")
    ap.add_argument("--seconds", type=float, default=60.0)
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--full", action="store_true",
                    help="also 100k, 200k and 1M units (about two hours on two cores; 64 GB of free disk)")
    ap.add_argument("--skip-load", action="store_true")
    ap.add_argument("--skip-scale", action="store_true")
    ap.add_argument("--targets", type=str, default="", help="comma-separated unit counts (overrides)")
    ap.add_argument("--existing", type=Path, default=None,
                    help="measure an index already built under this KEHOACH_HOME (publishes one plan into it: use a copy)")
    ap.add_argument("--keep", type=Path, default=None,
                    help="copy the scale run's final index (its KEHOACH_HOME) to this new folder, for --existing")
    ap.add_argument("--batch-docs", type=int, default=10, help="plans per publish while building (default 10)")
    ap.add_argument("--real", type=int, default=0,
                    help=f"passages embedded by the real model (default {REAL_PASSAGES}; 10000 with --full)")
    a = ap.parse_args(argv)
    # A stopped run (kill, timeout) still removes its temporary index (GBs at 200k units) in `finally`.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    if not CORPUS.exists():
        print("Không có corpus/ / corpus/ not found: run from the repository root")
        return 1
    if a.existing is not None:
        _title(f"(e') An existing index: {a.existing}")
        r = bench_existing(a.existing)
        print(f"{r['docs']} documents, {r['units']} units, {r['disk_mb']:.0f} MB on disk")
        print(f"open in a fresh process: {r['open_s']:.1f} s, RSS {r['rss_start_mb']:.0f} -> {r['rss_open_mb']:.0f} MB; "
              f"first question (loads the vectors) {r['first_ask_s']:.1f} s")
        print(f"ask p50 {r['p50']:.0f} ms, p95 {r['p95']:.0f} ms; slowest question {r['slowest'][0]:.0f} ms "
              f"«{r['slowest'][1]}»; RSS {r['rss_mb']:.0f} MB")
        print(f"publish one more plan: {r['one_plan_s']:.1f} s; first question after it {r['first_ms']:.0f} ms; "
              f"RSS {r['rss_end_mb']:.0f} MB")
        return 0
    if not a.skip_load:
        _title(f"(d) Load: {a.clients} concurrent clients × {a.seconds:.0f} s on POST /api/ask (real model, "
               "loopback), one upload of a 166-unit plan in the middle")
        r = bench_load(a.seconds, a.clients)
        print(f"requests ok {r['ok']}, errors {r['errors']} {r['error_kinds'] or ''}, "
              f"throughput {r['rps']:.1f} req/s over {r['seconds']:.1f} s")
        print(f"latency ms: p50 {r['p50']:.0f}, p95 {r['p95']:.0f}, p99 {r['p99']:.0f}, max {r['max']:.0f}")
        print(f"concurrent upload: {r['ingest']}")
    if not a.skip_scale:
        targets = [int(x) for x in a.targets.split(",") if x] or ([1000, 10000, 100000, 200000, 1000000] if a.full
                                                                    else [1000, 10000])
        real = a.real or (10 * REAL_PASSAGES if a.full else REAL_PASSAGES)
        _title(f"(e) Scale: generated plan variants up to {max(targets)} units (in process, embedded Chroma)")
        print(f"NOTE: the first {real} passages are embedded by the real model; every later passage "
              "reuses one of those real vectors plus small Gaussian noise (σ=0.02, renormalised). Queries are "
              f"real. Throughput beyond {real} units therefore excludes most model time "
              "(embedding 200,000 units for real takes about two hours on two cores).")
        print(f"{'units':>8} {'docs':>6} {'units/s':>9} {'parse s':>8} {'index s':>8} {'disk MB':>9} "
              f"{'RSS MB':>8} {'p50 ms':>8} {'p95 ms':>8} {'+1 plan':>8} {'1st ms':>8} real/reused")
        print("(+1 plan: seconds to publish one more plan at that size; 1st ms: the first question after it)")
        bench_scale(targets, batch_docs=a.batch_docs, real=real, keep=a.keep)
    print(f"load average at the end: {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
