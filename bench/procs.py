"""Small helpers for processes on loopback, shared by the benchmarks and the tests that start servers."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from assistant.index.chroma_server import chroma_cli, free_port, stop  # noqa: F401 - shared with the tests
from assistant.index.chroma_server import running as chroma_process  # noqa: F401 - shared with the tests


@contextlib.contextmanager
def serve_process(home: Path, log: Path, *, extra_env: dict[str, str] | None = None,
                  timeout: float = 300) -> Iterator[tuple[str, float]]:
    """`kehoach serve` on a free loopback port with its own KEHOACH_HOME; yields (base URL, start-up seconds)
    once /api/health answers, and stops the server on exit."""
    import httpx

    port = free_port()
    env = {**os.environ, "KEHOACH_HOME": str(home), "KEHOACH_CORPUS_DIR": str(Path("corpus").resolve()),
           **(extra_env or {})}
    with log.open("wb") as fh:
        proc = subprocess.Popen([sys.executable, "-m", "assistant", "serve", "--host", "127.0.0.1", "--port",
                                 str(port)], env=env, stdout=fh, stderr=subprocess.STDOUT)
        try:
            base, t0 = f"http://127.0.0.1:{port}", time.perf_counter()
            while True:
                with contextlib.suppress(httpx.HTTPError):
                    if httpx.get(f"{base}/api/health", timeout=2.0).status_code == 200:
                        break
                if proc.poll() is not None or time.perf_counter() - t0 > timeout:
                    raise RuntimeError(f"server did not start:\n{log.read_text(errors='replace')[-2000:]}")
                time.sleep(0.25)
            yield base, time.perf_counter() - t0
        finally:
            stop(proc)


def children(pid: int) -> list[int]:
    """The child processes of `pid` (Linux /proc), [] when it is gone."""
    try:
        return [int(x) for x in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def cmdline(pid: int) -> str:
    """A process's command line, its arguments joined by spaces ("" when it is gone)."""
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def tree_rss_mb(pid: int) -> float:
    """Resident memory (MB) of a process and its children (a server may run its work in a child)."""
    total, todo = 0.0, [pid]
    while todo:
        p = todo.pop()
        with contextlib.suppress(OSError):
            with open(f"/proc/{p}/status") as fh:
                total += next((int(ln.split()[1]) for ln in fh if ln.startswith("VmRSS:")), 0) / 1024
            with open(f"/proc/{p}/task/{p}/children") as fh:
                todo += [int(c) for c in fh.read().split()]
    return total
