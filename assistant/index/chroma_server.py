"""A Chroma server (`chroma run`) serving the index's own vector folder, for several worker processes.

With the embedded store every worker process holds the whole vector index (at 200k units about 440 MB each, the
floor of a worker's memory beyond the model) and misses the vectors another process writes until it reloads. A
Chroma server holds them once and every worker sees every write. `kehoach serve --workers N` starts one on the
folder the embedded store writes (`index_dir/chroma`, so nothing is migrated or copied) when no
`KEHOACH_CHROMA_URL` names one, and announces it in `index_dir/chroma-server.url` while it runs: a
`kehoach ingest` or `kehoach delete` beside the service then writes through that server instead of opening the
same files a second time (`announced`). Chroma ships the server (`chroma run`); what is written here is only
starting it on a free loopback port, waiting for its heartbeat, announcing it and stopping it.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

URL_FILE = "chroma-server.url"


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


def chroma_cli() -> str | None:
    """The `chroma` command installed beside this Python (package chromadb), else one on PATH."""
    import shutil

    local = Path(sys.executable).parent / "chroma"
    return str(local) if local.exists() else shutil.which("chroma")


def is_up(url: str, timeout: float = 1.0) -> bool:
    """Whether a Chroma server answers its heartbeat at `url` (API v2, or v1 of older servers)."""
    import httpx

    for path in ("/api/v2/heartbeat", "/api/v1/heartbeat"):
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(url.rstrip("/") + path, timeout=timeout).status_code == 200:
                return True
    return False


def _die_with_parent() -> None:
    """In the child before exec: Linux ends it when the process that started it dies, even by SIGKILL, so a
    killed service leaves no server holding the index's files (elsewhere a no-op: `stop` still ends it)."""
    if sys.platform.startswith("linux"):
        import ctypes
        import signal

        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # 1 = PR_SET_PDEATHSIG


@contextlib.contextmanager
def running(path: Path, log: Path, timeout: float = 120) -> Iterator[tuple[str, subprocess.Popen]]:  # type: ignore[type-arg]
    """`chroma run` serving the folder `path` on a free loopback port; yields (URL, process) once its heartbeat
    answers, and stops it on exit."""
    cli = chroma_cli()
    if cli is None:
        raise RuntimeError("the `chroma` command (package chromadb) is not installed beside Python: make venv")
    path.mkdir(parents=True, exist_ok=True)
    log.parent.mkdir(parents=True, exist_ok=True)
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    with log.open("ab") as fh:
        proc = subprocess.Popen([cli, "run", "--path", str(path), "--host", "127.0.0.1", "--port", str(port)],
                                stdout=fh, stderr=subprocess.STDOUT, preexec_fn=_die_with_parent,
                                env={**os.environ, "ANONYMIZED_TELEMETRY": "False"})
        try:
            t0 = time.monotonic()
            while not is_up(url):
                if proc.poll() is not None or time.monotonic() - t0 > timeout:
                    raise RuntimeError(f"chroma server did not start:\n{log.read_text(errors='replace')[-2000:]}")
                time.sleep(0.2)
            yield url, proc
        finally:
            stop(proc)


@contextlib.contextmanager
def managed(index_dir: Path, log: Path) -> Iterator[str]:
    """A server on `index_dir/chroma`, announced in `index_dir/chroma-server.url` while it runs; yields its URL."""
    note = index_dir / URL_FILE
    with running(index_dir / "chroma", log) as (url, _):
        tmp = note.with_suffix(".tmp")
        tmp.write_text(url + "\n", encoding="utf-8")
        os.replace(tmp, note)
        try:
            yield url
        finally:
            with contextlib.suppress(FileNotFoundError):
                if note.read_text(encoding="utf-8").strip() == url:  # not another service's, started since
                    note.unlink()


def announced(index_dir: Path) -> str:
    """The URL of the server a running service announced for `index_dir`, when it still answers; else ""."""
    try:
        url = (index_dir / URL_FILE).read_text(encoding="utf-8").strip()
    except OSError:
        return ""
    return url if url and is_up(url) else ""
