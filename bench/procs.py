"""Small helpers for processes on loopback, shared by the benchmarks and the tests that start servers."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path


def free_port() -> int:
    """A TCP port on 127.0.0.1 that is free right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def stop(proc: subprocess.Popen, timeout: float = 15) -> None:  # type: ignore[type-arg]
    """Terminate a child process, killing it if it does not exit in time."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=timeout)


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


def chroma_cli() -> str | None:
    """The `chroma` command installed beside this Python (package chromadb), else one on PATH."""
    import shutil

    local = Path(sys.executable).parent / "chroma"
    return str(local) if local.exists() else shutil.which("chroma")


def _chroma_up(port: int) -> bool:
    import httpx

    for path in ("/api/v2/heartbeat", "/api/v1/heartbeat"):
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(f"http://127.0.0.1:{port}{path}", timeout=1.0).status_code == 200:
                return True
    return False


@contextlib.contextmanager
def chroma_process(path: Path, log: Path, timeout: float = 120) -> Iterator[tuple[str, subprocess.Popen]]:  # type: ignore[type-arg]
    """`chroma run` serving the folder `path` on a free loopback port; yields (URL, process) once its
    heartbeat answers, and stops it on exit."""
    cli = chroma_cli()
    if cli is None:
        raise RuntimeError("the `chroma` command (package chromadb) is not installed beside Python: make venv")
    port = free_port()
    with log.open("wb") as fh:
        proc = subprocess.Popen([cli, "run", "--path", str(path), "--host", "127.0.0.1", "--port", str(port)],
                                stdout=fh, stderr=subprocess.STDOUT,
                                env={**os.environ, "ANONYMIZED_TELEMETRY": "False"})
        try:
            t0 = time.monotonic()
            while not _chroma_up(port):
                if proc.poll() is not None or time.monotonic() - t0 > timeout:
                    raise RuntimeError(f"chroma server did not start:\n{log.read_text(errors='replace')[-2000:]}")
                time.sleep(0.2)
            yield f"http://127.0.0.1:{port}", proc
        finally:
            stop(proc)


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
