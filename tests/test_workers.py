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

from bench.procs import free_port, stop
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


def _children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(x) for x in text.split()]


def _wchar(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/io").read_text().splitlines():
            if line.startswith("wchar:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def test_two_workers_share_chroma_server_and_lexical_index(chroma_server, tmp_path: Path) -> None:  # noqa: F811
    port = free_port()
    env = {**os.environ, "KEHOACH_HOME": str(tmp_path / "home"), "KEHOACH_EMBEDDER": "fake",
           "KEHOACH_CHROMA_URL": chroma_server, "KEHOACH_ADMIN_TOKEN": "t",
           "KEHOACH_CORPUS_DIR": str(tmp_path / "no-corpus"), "ANONYMIZED_TELEMETRY": "False"}
    log = open(tmp_path / "serve.log", "wb")  # noqa: SIM115 - closed below
    proc = subprocess.Popen([str(KEHOACH), "serve", "--workers", "2", "--port", str(port)], env=env,
                            stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                if httpx.get(f"{base}/api/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert proc.poll() is None and time.monotonic() < deadline, (tmp_path / "serve.log").read_text()[-3000:]
            time.sleep(0.5)
        workers = [c for c in _children(proc.pid) if "kehoach" in Path(f"/proc/{c}/cmdline").read_bytes().decode(
            errors="replace") or "multiprocessing" in Path(f"/proc/{c}/cmdline").read_bytes().decode(errors="replace")]
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
    finally:
        stop(proc)
        log.close()
