"""Parse an untrusted file in a child process with a memory cap (RLIMIT_AS) and a wall-clock timeout.

Uploads go through `parse_isolated`: a hostile file (a decompression bomb, a deeply nested DOCX, a PDF
that makes the reader loop) can then only exhaust its own child, which is killed; the caller gets an
`IngestRefused` with a bilingual message ("too_slow" / "too_complex") instead of a stuck or dead server.

Limits come from the environment: KEHOACH_PARSE_TIMEOUT_S (default 120) and KEHOACH_PARSE_MEMORY_MB
(default 2048, address space of the child; 0 = no cap).

OCR of a scan takes seconds a page (~5-8 s at 200 dpi on 2 cores), so a fixed 120 s would refuse any
scan over ~15 pages while being far too long for a text file. The time limit therefore scales: a child
that starts OCR announces its page count on stdout (`KEHOACH-PROGRESS 0 <pages>`), and its limit becomes
the base timeout plus pages x KEHOACH_OCR_PAGE_TIMEOUT_S (default 60 s a page: about 8x the measured
time, room for a loaded machine); each Tesseract call is also capped at that per-page time.
"""

from __future__ import annotations

import os
import pickle
import queue
import resource
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ingest.errors import IngestRefused
from ingest.pipeline import Limits, ParseResult

DEFAULT_TIMEOUT_S = 120.0
DEFAULT_MEMORY_MB = 2048
PROGRESS_MARK = "KEHOACH-PROGRESS"
SANDBOXED_ENV = "KEHOACH_SANDBOXED"  # set inside a limited child: OCR runs in it, not in a grandchild


def parse_timeout_s() -> float:
    return float(os.environ.get("KEHOACH_PARSE_TIMEOUT_S", DEFAULT_TIMEOUT_S))


def parse_memory_mb() -> int:
    return int(os.environ.get("KEHOACH_PARSE_MEMORY_MB", DEFAULT_MEMORY_MB))


def cap_memory(memory_mb: int) -> None:
    """Cap this process's address space (children inherit the cap); 0 = no cap."""
    cap = int(memory_mb) * 1024 * 1024
    if cap > 0:
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))


def print_progress(done: int, total: int) -> None:
    """Report OCR progress from a limited child to `run_child` in its parent."""
    print(f"{PROGRESS_MARK} {done} {total}", flush=True)


@dataclass
class ChildOutcome:
    returncode: int | None  # None: killed at the time limit
    limit_s: float  # the limit it ran under (grown by the OCR page budget once pages were announced)
    pages: int = 0  # pages of OCR the child announced (0: no OCR)

    @property
    def timed_out(self) -> bool:
        return self.returncode is None


def run_child(args: list[str], *, timeout_s: float, page_s: float = 0.0,
              on_progress: Callable[[int, int], None] | None = None) -> ChildOutcome:
    """Run `args` in a new process group; kill the group (the child and any tesseract it started) at the
    time limit: `timeout_s`, plus `page_s` a page once the child announces OCR pages on stdout."""
    proc = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                            text=True, start_new_session=True)
    lines: queue.Queue[str | None] = queue.Queue()

    def pump() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            lines.put(line)
        lines.put(None)

    threading.Thread(target=pump, daemon=True).start()
    start, limit, pages = time.monotonic(), timeout_s, 0
    while True:
        remaining = start + limit - time.monotonic()
        if remaining <= 0:
            _kill_group(proc)
            return ChildOutcome(None, limit, pages)
        try:
            line = lines.get(timeout=remaining)
        except queue.Empty:
            continue
        if line is None:
            break
        parts = line.split()
        if len(parts) == 3 and parts[0] == PROGRESS_MARK and parts[1].isdigit() and parts[2].isdigit():
            done, total = int(parts[1]), int(parts[2])
            if total and not pages:
                pages, limit = total, timeout_s + total * page_s
            if on_progress is not None:
                on_progress(done, total)
    try:
        return ChildOutcome(proc.wait(timeout=max(start + limit - time.monotonic(), 1.0)), limit, pages)
    except subprocess.TimeoutExpired:
        _kill_group(proc)
        return ChildOutcome(None, limit, pages)


def _kill_group(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        proc.kill()
    proc.wait()


def parse_isolated(path: Path, *, doc_id: str | None = None, source: str | None = None,
                   limits: Limits | None = None, timeout_s: float | None = None,
                   memory_mb: int | None = None,
                   ocr_progress: Callable[[int, int], None] | None = None) -> ParseResult:
    """`parse_path` in a child Python process under RLIMIT_AS and a timeout; refuses on either.

    The child (`python -m ingest.sandbox`) caps its own address space before importing the readers
    and writes its result (or its refusal) to a pickle file the parent made; it is killed on timeout
    ("too_slow", or "ocr_timeout" once it was reading a scan: the limit then grows with its pages).
    """
    from ingest.ocr.engine import page_timeout_s

    timeout_s = parse_timeout_s() if timeout_s is None else timeout_s
    memory_mb = parse_memory_mb() if memory_mb is None else memory_mb
    limits = limits or Limits()
    name = source or path.name
    with tempfile.TemporaryDirectory(prefix="kehoach-parse-") as tmp:
        out = Path(tmp) / "result.pkl"
        args = [sys.executable, "-m", "ingest.sandbox", str(path), doc_id or "", name, str(limits.max_bytes),
                str(limits.max_pages), str(memory_mb), str(out)]
        done = run_child(args, timeout_s=timeout_s, page_s=page_timeout_s(), on_progress=ocr_progress)
        if done.timed_out:
            raise IngestRefused("ocr_timeout" if done.pages else "too_slow", f"{done.limit_s:g}", name)
        if done.returncode != 0 or not out.exists():  # killed by the memory cap, or died in C code
            raise IngestRefused("too_complex", f"{memory_mb} MB", name)
        with open(out, "rb") as fh:
            msg = pickle.load(fh)  # noqa: S301 - written by our own child process
    if msg[0] == "ok":
        return msg[1]  # type: ignore[no-any-return]
    raise IngestRefused(msg[1], msg[2], name, why=msg[3] if len(msg) > 3 else None)


def write_child_result(out: str, memory_mb: str, work: Callable[[], Any]) -> int:
    """In a limited child: run `work` and pickle ("ok", value) or ("refused", code, detail, why) to `out`
    for the parent. Any crash of a reader is a refusal ("broken"), never an error of the parent."""
    msg: tuple
    try:
        msg = ("ok", work())
    except IngestRefused as e:
        msg = ("refused", e.code, e.detail, e.why)
    except MemoryError:
        msg = ("refused", "too_complex", f"{memory_mb} MB", None)
    except RecursionError:
        msg = ("refused", "too_complex", "nesting", None)
    except Exception as e:  # noqa: BLE001 - any reader crash is a broken file, never a server error
        msg = ("refused", "broken", type(e).__name__, None)
    if msg[0] == "refused" and msg[1] == "broken" and _near_cap(int(memory_mb)):
        # A C library that runs out of memory under the cap reports its own error (lxml: XPathEvalError), which
        # reads as a broken file; having used most of the cap, the file was too big to parse, not broken.
        msg = ("refused", "too_complex", f"{memory_mb} MB", None)
    with open(out, "wb") as fh:
        pickle.dump(msg, fh)
    return 0


def _near_cap(memory_mb: int) -> bool:
    """This process's peak resident memory reached 60% of its address-space cap (0: no cap). Read from
    /proc (VmHWM: this program's own peak), not getrusage, whose ru_maxrss keeps the forking parent's peak."""
    try:
        status = Path("/proc/self/status").read_text()
    except OSError:
        return False
    peak_kb = next((int(line.split()[1]) for line in status.splitlines() if line.startswith("VmHWM:")), 0)
    return memory_mb > 0 and peak_kb * 1024 > 0.6 * memory_mb * 1024 * 1024


def _child_main(argv: list[str]) -> int:
    path, doc_id, source, max_bytes, max_pages, memory_mb, out = argv
    cap_memory(int(memory_mb))
    os.environ[SANDBOXED_ENV] = "1"

    def work() -> ParseResult:
        from ingest.pipeline import parse_path

        return parse_path(Path(path), doc_id=doc_id or None, source=source,
                          limits=Limits(max_bytes=int(max_bytes), max_pages=int(max_pages)),
                          ocr_progress=print_progress)

    return write_child_result(out, memory_mb, work)


if __name__ == "__main__":
    sys.exit(_child_main(sys.argv[1:]))
