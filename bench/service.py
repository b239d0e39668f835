"""The service as it runs: `kehoach serve --workers N` on an existing index, measured from outside.

`python -m bench.service HOME [--workers 2] [--embedded]` starts `kehoach serve` on HOME (no KEHOACH_CHROMA_URL:
with several workers it starts its own Chroma server on the index's vector folder, assistant/index/chroma_server.py;
`--embedded` makes every worker hold the vectors itself), asks the benchmark questions over HTTP (each twice after
a warm-up pass, on fresh connections so that every worker answers), then reads each process's memory from /proc:
every uvicorn worker (RSS and its private part), the Chroma server, the supervisor. The same is done once on an
index of one four-passage plan; each worker is reported beyond such a worker as well (issue 18's "beyond the model's own (a
process with an empty index)"). It publishes nothing (HOME is only read; the announcement file is written and
removed). Prints one line per process and the ask latency.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.procs import children, cmdline, free_port, stop

for _k, _v in (("HF_HUB_OFFLINE", "1"), ("TRANSFORMERS_OFFLINE", "1"), ("ANONYMIZED_TELEMETRY", "False"),
               ("TOKENIZERS_PARALLELISM", "false")):
    os.environ.setdefault(_k, _v)


def _status(pid: int) -> dict[str, float]:
    out: dict[str, float] = {}
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            key, _, rest = line.partition(":")
            if key in ("VmRSS", "RssAnon", "VmHWM"):
                out[key] = int(rest.split()[0]) / 1024
    except OSError:
        pass
    return out


def measure(home: Path, workers: int, embedded: bool, log: Path, timeout: float = 900) -> dict[str, Any]:
    """Serve `home`, ask, and return {"workers": [...], "server": {...} | None, "p50", "p95", "start_s"}."""
    import httpx

    from bench.load import _pct
    from bench.run import QUESTIONS

    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "KEHOACH_CHROMA_URL"}
    env.update(KEHOACH_HOME=str(home), KEHOACH_CORPUS_DIR=str(home / "no-corpus"))
    cmd = [sys.executable, "-m", "assistant", "serve", "--port", str(port), "--workers", str(workers)]
    with log.open("ab") as fh:
        proc = subprocess.Popen(cmd + (["--embedded"] if embedded else []), env=env, stdout=fh,
                                stderr=subprocess.STDOUT)
        try:
            base, t0 = f"http://127.0.0.1:{port}", time.perf_counter()
            while True:
                try:
                    if httpx.get(f"{base}/api/health", timeout=2).status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                if proc.poll() is not None or time.perf_counter() - t0 > timeout:
                    raise RuntimeError(f"serve did not start:\n{log.read_text(errors='replace')[-2000:]}")
                time.sleep(0.5)
            start_s = time.perf_counter() - t0

            def ask(q: str) -> float:
                t = time.perf_counter()
                r = httpx.post(f"{base}/api/ask", json={"question": q}, timeout=timeout)  # a fresh connection
                r.raise_for_status()
                return (time.perf_counter() - t) * 1000

            for _ in range(workers):  # warm: every worker loads its model and vectors
                for q in QUESTIONS:
                    ask(q)
            lat = [ask(q) for _ in range(2) for q in QUESTIONS]
            kids = children(proc.pid)
            server = next((c for c in kids if " run --path " in cmdline(c)), None)
            worker_pids = [proc.pid] if workers == 1 else [
                c for c in kids if c != server and "resource_tracker" not in cmdline(c)]
            return {"workers": [_status(p) for p in worker_pids], "supervisor": _status(proc.pid),
                    "server": _status(server) if server else None, "p50": _pct(lat, 50), "p95": _pct(lat, 95),
                    "start_s": start_s}
        finally:
            stop(proc, timeout=60)


TINY_PLAN = """# KẾ HOẠCH Số 7/KH-UBND
## Số hóa hồ sơ học sinh năm 2025

### I. MỤC TIÊU
- Số hóa 100% học bạ của các trường trung học cơ sở trong năm 2025.

### II. KINH PHÍ
Tổng kinh phí thực hiện kế hoạch: 780 triệu đồng.
"""


def _tiny_home(tmp: Path) -> Path:
    """A home whose index holds one four-passage plan: a worker on it loads the model, the answering code and
    underthesea as any worker does (a truly empty index abstains before loading the model), and next to no index."""
    home = tmp / "tiny"
    plan = tmp / "ke-hoach-so-hoa.md"
    plan.write_text(TINY_PLAN, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "KEHOACH_CHROMA_URL"}
    subprocess.run([sys.executable, "-m", "assistant", "ingest", "--no-sandbox", str(plan)], check=True,
                   env={**env, "KEHOACH_HOME": str(home), "KEHOACH_CORPUS_DIR": str(tmp / "no-corpus")},
                   stdout=subprocess.DEVNULL)
    return home


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.service", description=__doc__.split("\n")[0])
    ap.add_argument("home", type=Path, help="an existing KEHOACH_HOME (only read)")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--embedded", action="store_true", help="every worker holds the vectors (no Chroma server)")
    a = ap.parse_args(argv)
    if not (a.home / "index").is_dir():
        print(f"usage: python -m bench.service HOME (an existing KEHOACH_HOME; no index under {a.home})",
              file=sys.stderr)
        return 2
    mode = "embedded" if a.embedded else "Chroma server" if a.workers > 1 else "embedded (one worker)"
    with tempfile.TemporaryDirectory(prefix="kehoach-svc-") as tmp:
        empty = measure(_tiny_home(Path(tmp)), a.workers, a.embedded, Path(tmp) / "empty.log")
        full = measure(a.home, a.workers, a.embedded, Path(tmp) / "full.log")
    base = max(w["VmRSS"] for w in empty["workers"])
    base_anon = max(w["RssAnon"] for w in empty["workers"])
    print(f"kehoach serve --workers {a.workers} ({mode}); started in {full['start_s']:.1f} s; "
          f"ask over HTTP p50/p95 {full['p50']:.0f}/{full['p95']:.0f} ms (one-plan index: "
          f"{empty['p50']:.0f}/{empty['p95']:.0f} ms)")
    print(f"a worker on a one-plan index: {base:.0f} MB (private {base_anon:.0f} MB)")
    for i, w in enumerate(full["workers"], 1):
        print(f"worker {i}: {w['VmRSS']:.0f} MB, beyond a one-plan worker +{w['VmRSS'] - base:.0f} MB "
              f"(private +{w['RssAnon'] - base_anon:.0f} MB); peak {w.get('VmHWM', float('nan')):.0f} MB")
    if full["server"]:
        print(f"Chroma server: {full['server']['VmRSS']:.0f} MB (one-plan index: "
              f"{(empty['server'] or {}).get('VmRSS', float('nan')):.0f} MB)")
    print(f"supervisor: {full['supervisor'].get('VmRSS', float('nan')):.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
