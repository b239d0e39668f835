"""What a fresh worker process pays for an index that already exists (bench.load's scale rows).

`python -m bench.probe HOME` loads the model, measures the process (the model's own memory, as a worker with an
empty index has it), opens the index under HOME, asks the benchmark questions and prints one JSON line:
open time, RSS beyond the model after opening and after the questions, ask p50/p95, peak RSS. It publishes
nothing, so a builder can call it between two publishes, and two can run at once (two workers on one index).

Usage: python -m bench.probe HOME
"""

from __future__ import annotations

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

    s = Settings(home=home, chroma_url="", corpus_dir=home / "no-corpus")
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


def run_probes(home: Path, workers: int = 1, timeout: float = 1800) -> list[dict[str, Any]]:
    """`workers` fresh processes probing `home` at the same time; their rows (an `error` key if one failed)."""
    procs = [subprocess.Popen([sys.executable, "-m", "bench.probe", str(home)], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for _ in range(workers)]
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


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1 or not Path(args[0]).is_dir():
        print("usage: python -m bench.probe HOME (an existing KEHOACH_HOME)", file=sys.stderr)
        return 2
    row = probe(Path(args[0]))
    print(json.dumps(row), flush=True)
    # every field, for reading after a long run (bench.load prints the main ones)
    with open(Path(tempfile.gettempdir()) / "kehoach-probes.jsonl", "a", encoding="utf-8") as fh:
        fh.write(json.dumps({"home": str(args[0]), "at": time.time(), **row}) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
