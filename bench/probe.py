"""What a fresh worker process pays for an index that already exists (bench.load's scale rows).

`python -m bench.probe HOME` loads the model, measures the process (the model alone, before any index), opens the
index under HOME, asks the benchmark questions and prints one JSON line: open time, RSS beyond the model after
opening and after the questions, ask p50/p95, peak RSS. It publishes nothing, so a builder can call it between two
publishes, and two can run at once (two workers on one index). `--workers N` also measures, once, a fresh worker
whose index is empty after the same questions (`empty_baseline`: the model with the answering code and
underthesea's dictionaries, what every worker holds whatever its index) and reports each worker beyond it too.

Usage: python -m bench.probe HOME                        (this process: one JSON line)
       python -m bench.probe HOME --workers 2 [--server]  (fresh workers at once; --server: `chroma run`
                                                           serves the vectors, as with KEHOACH_CHROMA_URL)
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

for _k, _v in (("HF_HUB_OFFLINE", "1"), ("TRANSFORMERS_OFFLINE", "1"), ("ANONYMIZED_TELEMETRY", "False"),
               ("TOKENIZERS_PARALLELISM", "false")):
    os.environ.setdefault(_k, _v)


def _rss_mb(field: str = "VmRSS") -> float:
    """This process's resident memory (MB): all of it (VmRSS), or its private part (RssAnon) apart from the
    pages of mapped files (RssFile: the model's and the index's files, shared between workers and reclaimable)."""
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    return float("nan")


def probe(home: Path) -> dict[str, Any]:
    """Open the index under `home` in this process (which must not have opened it before) and measure."""
    from assistant.answerer import Answerer
    from assistant.embedder import get_embedder
    from assistant.index.index import Index
    from assistant.settings import Settings
    from bench.load import _query_latency
    from bench.run import QUESTIONS

    # KEHOACH_CHROMA_URL: the vectors are served by a Chroma server (run_probes(server=True)), as several
    # workers share them; otherwise each process holds Chroma's vector index itself (embedded)
    s = Settings(home=home, chroma_url=os.environ.get("KEHOACH_CHROMA_URL", ""), corpus_dir=home / "no-corpus")
    embedder = get_embedder(s)
    embedder.embed_queries(["câu hỏi khởi động mô hình"])  # the model loaded: a worker before any index
    row: dict[str, Any] = {"rss_model_mb": _rss_mb(), "anon_model_mb": _rss_mb("RssAnon")}
    t0 = time.perf_counter()
    index = Index(s, embedder)
    row["open_s"] = time.perf_counter() - t0
    row["docs"], row["units"] = index.count()
    row["rss_open_mb"] = _rss_mb()
    answerer = Answerer(index)
    t0 = time.perf_counter()
    answerer.ask(QUESTIONS[0])  # loads the vectors (Chroma) and whatever the first question needs
    row["first_ask_s"] = time.perf_counter() - t0
    row["p50"], row["p95"], _ = _query_latency(answerer, QUESTIONS)  # each question twice, as bench.load
    row["rss_mb"] = _rss_mb()
    row["rss_anon_mb"], row["rss_file_mb"] = _rss_mb("RssAnon"), _rss_mb("RssFile")
    row["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return row


_EMPTY: dict[str, float] = {}


def empty_baseline(timeout: float = 600) -> dict[str, float]:
    """RSS of a fresh worker whose index is empty, after the same questions (MB, total and private): what the
    issue calls the model's own memory ("a process with an empty index"), the answering code, underthesea's
    dictionaries and the libraries included. Measured once per run, in a fresh process."""
    if not _EMPTY:
        with tempfile.TemporaryDirectory(prefix="kehoach-empty-") as tmp:
            (row,) = _probes(Path(tmp), 1, timeout, {})
        if "error" in row:
            return {}
        _EMPTY.update(rss_mb=row["rss_mb"], anon_mb=row["rss_anon_mb"])
    return dict(_EMPTY)


def run_probes(home: Path, workers: int = 1, timeout: float = 1800, server: bool = False) -> list[dict[str, Any]]:
    """`workers` fresh processes probing `home` at the same time; their rows (an `error` key if one failed).
    With `server`, a Chroma server (`chroma run`) serves the index's vectors to them, as `kehoach serve
    --workers N` with KEHOACH_CHROMA_URL runs; each row then also has the server's RSS (MB) before the
    workers started (`server_idle_mb`) and after their questions (`server_mb`)."""
    empty = empty_baseline()
    if not server:
        return [{**r, **_beyond_empty(r, empty)} for r in _probes(home, workers, timeout, {})]
    from bench.procs import chroma_process, tree_rss_mb

    with tempfile.TemporaryDirectory(prefix="kehoach-probe-") as tmp, \
            chroma_process(home / "index" / "chroma", Path(tmp) / "chroma.log") as (url, proc):
        idle = tree_rss_mb(proc.pid)
        rows = _probes(home, workers, timeout, {"KEHOACH_CHROMA_URL": url})
        used = tree_rss_mb(proc.pid)
    return [{**r, **_beyond_empty(r, empty), "server_idle_mb": idle, "server_mb": used} for r in rows]


def _beyond_empty(row: dict[str, Any], empty: dict[str, float]) -> dict[str, float]:
    if "error" in row or not empty:
        return {}
    return {"empty_rss_mb": empty["rss_mb"], "empty_anon_mb": empty["anon_mb"]}


def _probes(home: Path, workers: int, timeout: float, env: dict[str, str]) -> list[dict[str, Any]]:
    procs = [subprocess.Popen([sys.executable, "-m", "bench.probe", str(home)], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, env={**os.environ, **env})
             for _ in range(workers)]
    rows: list[dict[str, Any]] = []
    for p in procs:
        try:
            out, err = p.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            p.kill()
            out, err = p.communicate()
        lines = [ln for ln in out.splitlines() if ln.startswith("{")]
        rows.append(json.loads(lines[-1]) if p.returncode == 0 and lines else {"error": err[-1500:]})
    return rows


def describe(pr: dict[str, Any], label: str) -> str:
    """One probe row in words (bench.load prints these)."""
    if "error" in pr:
        return f"{label} FAILED: {pr['error']}"
    line = (f"{label}: open {pr['open_s']:.2f} s, RSS model {pr['rss_model_mb']:.0f} MB, beyond it "
            f"+{pr['rss_open_mb'] - pr['rss_model_mb']:.0f} MB open / +{pr['rss_mb'] - pr['rss_model_mb']:.0f} MB "
            f"after asks (total {pr['rss_mb']:.0f}, peak {pr['peak_mb']:.0f}); first ask {pr['first_ask_s']:.2f} s; "
            f"ask p50/p95 {pr['p50']:.0f}/{pr['p95']:.0f} ms; private (anonymous) RSS beyond the model "
            f"+{pr.get('rss_anon_mb', float('nan')) - pr.get('anon_model_mb', float('nan')):.0f} MB")
    if "empty_rss_mb" in pr:
        line += (f"; beyond a worker with an empty index ({pr['empty_rss_mb']:.0f} MB after the same questions): "
                 f"+{pr['rss_mb'] - pr['empty_rss_mb']:.0f} MB (private "
                 f"+{pr['rss_anon_mb'] - pr['empty_anon_mb']:.0f} MB)")
    if "server_mb" in pr:
        line += f"; Chroma server RSS {pr['server_idle_mb']:.0f} MB idle, {pr['server_mb']:.0f} MB after the asks"
    return line


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.probe", description=__doc__.split("\n")[0])
    ap.add_argument("home", type=Path, help="an existing KEHOACH_HOME")
    ap.add_argument("--workers", type=int, default=0,
                    help="start this many fresh workers at once and describe them (default: probe in this process)")
    ap.add_argument("--server", action="store_true", help="with --workers: vectors served by `chroma run`")
    a = ap.parse_args(argv)
    if not a.home.is_dir():
        print(f"usage: python -m bench.probe HOME (an existing KEHOACH_HOME; not a folder: {a.home})", file=sys.stderr)
        return 2
    if a.workers:
        for i, pr in enumerate(run_probes(a.home, a.workers, server=a.server)):
            print(describe(pr, f"worker {i + 1}/{a.workers}{' (Chroma server)' if a.server else ''}"), flush=True)
        return 0
    row = probe(a.home)
    print(json.dumps(row), flush=True)
    # every field, for reading after a long run (bench.load prints the main ones)
    with open(Path(tempfile.gettempdir()) / "kehoach-probes.jsonl", "a", encoding="utf-8") as fh:
        fh.write(json.dumps({"home": str(a.home), "at": time.time(), **row}) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
