"""Several workers: `kehoach serve --workers 2` with KEHOACH_CHROMA_URL shares one Chroma server and one
lexical index (generations under KEHOACH_HOME); a document uploaded through one worker is answered by
the other. Slow: starts a Chroma server and two uvicorn workers."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from bench.procs import children, cmdline, free_port, stop
from tests.test_index_chroma_server import chroma_server  # noqa: F401 - the fixture

pytestmark = pytest.mark.slow

KEHOACH = Path(sys.executable).parent / "kehoach"
PLAN = """# KẾ HOẠCH Số 7/KH-UBND
## Số hóa hồ sơ học sinh năm 2025 huyện Tháp Mười

### I. MỤC TIÊU
- Số hóa 100% học bạ của các trường trung học cơ sở huyện Tháp Mười trong năm 2025.

### II. KINH PHÍ
Tổng kinh phí thực hiện kế hoạch: 780 triệu đồng.
"""
# The worker test asks in the plan's own words: the paraphrase "Kinh phí số hóa học bạ huyện Tháp Mười là bao
# nhiêu?" is answered from the goal instead since the plan's subject line became its title (an open ranking
# regression of the generalisation work, noted there), which is not what this test is about.
QUESTION = "Tổng kinh phí thực hiện kế hoạch là bao nhiêu?"


def _wchar(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/io").read_text().splitlines():
            if line.startswith("wchar:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _start(env: dict[str, str], tmp_path: Path) -> tuple[subprocess.Popen, str]:  # type: ignore[type-arg]
    port = free_port()
    log = open(tmp_path / "serve.log", "ab")  # noqa: SIM115 - the child holds it; closed with the test's tmp
    proc = subprocess.Popen([str(KEHOACH), "serve", "--workers", "2", "--port", str(port)], env=env,
                            stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 180
    while True:
        try:
            if httpx.get(f"{base}/api/health", timeout=2).status_code == 200:
                return proc, base
        except httpx.HTTPError:
            pass
        assert proc.poll() is None and time.monotonic() < deadline, (tmp_path / "serve.log").read_text()[-3000:]
        time.sleep(0.5)


def _workers(proc: subprocess.Popen) -> list[int]:  # type: ignore[type-arg]
    return [c for c in children(proc.pid) if " run --path " not in cmdline(c)
            and ("kehoach" in cmdline(c) or "multiprocessing" in cmdline(c))]


def _upload_ask_delete(base: str, workers: list[int]) -> None:
    """A plan uploaded through one worker is answered by both; deleted, by neither."""
    before = {w: _wchar(w) for w in workers}
    # every request on a fresh connection, so the kernel spreads them over both workers
    r = httpx.post(f"{base}/api/documents", files={"file": ("so-hoa.md", PLAN.encode(), "text/markdown")},
                   headers={"Authorization": "Bearer t"}, timeout=120)
    assert r.status_code == 200, r.text
    doc = r.json()["doc"]
    time.sleep(1.2)  # readers re-check CURRENT at most once per second
    for _ in range(30):
        body = httpx.post(f"{base}/api/ask", json={"question": QUESTION}, timeout=60).json()
        assert "780 triệu đồng" in body["answer"], body
        assert any(c["doc"] == doc for c in body["citations"])
        assert httpx.get(f"{base}/api/health", timeout=10).json()["documents"] == 1
    served = [w for w in workers if _wchar(w) > before[w]]
    assert len(served) >= 2, (workers, before, {w: _wchar(w) for w in workers})

    r = httpx.delete(f"{base}/api/documents/{doc}", headers={"Authorization": "Bearer t"}, timeout=60)
    assert r.status_code == 200
    time.sleep(1.2)
    for _ in range(10):
        assert httpx.get(f"{base}/api/health", timeout=10).json()["documents"] == 0
        body = httpx.post(f"{base}/api/ask", json={"question": QUESTION}, timeout=60).json()
        assert not any(c["doc"] == doc for c in body["citations"])


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    return {**os.environ, "KEHOACH_HOME": str(tmp_path / "home"), "KEHOACH_EMBEDDER": "fake",
            "KEHOACH_ADMIN_TOKEN": "t", "KEHOACH_CORPUS_DIR": str(tmp_path / "no-corpus"),
            "ANONYMIZED_TELEMETRY": "False", **extra}


def test_two_workers_share_chroma_server_and_lexical_index(chroma_server, tmp_path: Path) -> None:  # noqa: F811
    proc, base = _start(_env(tmp_path, KEHOACH_CHROMA_URL=chroma_server), tmp_path)
    try:
        assert not any(" run --path " in cmdline(c) for c in children(proc.pid))  # the server named is used
        _upload_ask_delete(base, _workers(proc))
    finally:
        stop(proc)


def test_two_workers_without_a_server_named_start_their_own(tmp_path: Path) -> None:
    """No KEHOACH_CHROMA_URL: `serve --workers 2` serves the index's own vector folder with `chroma run`, announces
    it for a `kehoach ingest` beside the service, and stops it (and the announcement) with the service."""
    env = {k: v for k, v in _env(tmp_path).items() if k != "KEHOACH_CHROMA_URL"}
    home = tmp_path / "home"
    proc, base = _start(env, tmp_path)
    try:
        servers = [c for c in children(proc.pid) if " run --path " in cmdline(c)]
        assert len(servers) == 1 and str(home / "index" / "chroma") in cmdline(servers[0])
        url = (home / "index" / "chroma-server.url").read_text().strip()
        assert url.startswith("http://127.0.0.1:")
        _upload_ask_delete(base, _workers(proc))

        # the command line beside the service writes through the announced server: both workers see the plan
        plan = tmp_path / "ke-hoach-so-hoa.md"
        plan.write_text(PLAN, encoding="utf-8")
        done = subprocess.run([str(KEHOACH), "ingest", str(plan)], env=env, capture_output=True, text=True,
                              timeout=300)
        assert done.returncode == 0, done.stderr[-2000:]
        time.sleep(1.2)
        for _ in range(10):
            body = httpx.post(f"{base}/api/ask", json={"question": QUESTION}, timeout=60).json()
            assert "780 triệu đồng" in body["answer"], body
    finally:
        stop(proc)
    assert not (home / "index" / "chroma-server.url").exists()
    for pid in servers:
        assert not Path(f"/proc/{pid}").exists() or "zombie" in Path(f"/proc/{pid}/status").read_text().lower()
