"""Parse an untrusted file in a child process with a memory cap (RLIMIT_AS) and a wall-clock timeout.

Uploads go through `parse_isolated`: a hostile file (a decompression bomb, a deeply nested DOCX, a PDF
that makes the reader loop) can then only exhaust its own child, which is killed; the caller gets an
`IngestRefused` with a bilingual message ("too_slow" / "too_complex") instead of a stuck or dead server.

Limits come from the environment: KEHOACH_PARSE_TIMEOUT_S (default 120) and KEHOACH_PARSE_MEMORY_MB
(default 2048, address space of the child; 0 = no cap).
"""

from __future__ import annotations

import os
import pickle
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

from ingest.errors import IngestRefused
from ingest.pipeline import Limits, ParseResult

DEFAULT_TIMEOUT_S = 120.0
DEFAULT_MEMORY_MB = 2048


def parse_timeout_s() -> float:
    return float(os.environ.get("KEHOACH_PARSE_TIMEOUT_S", DEFAULT_TIMEOUT_S))


def parse_memory_mb() -> int:
    return int(os.environ.get("KEHOACH_PARSE_MEMORY_MB", DEFAULT_MEMORY_MB))


def parse_isolated(path: Path, *, doc_id: str | None = None, source: str | None = None,
                   limits: Limits | None = None, timeout_s: float | None = None,
                   memory_mb: int | None = None) -> ParseResult:
    """`parse_path` in a child Python process under RLIMIT_AS and a timeout; refuses on either.

    The child (`python -m ingest.sandbox`) caps its own address space before importing the readers
    and writes its result (or its refusal) to a pickle file the parent made; it is killed on timeout.
    """
    timeout_s = parse_timeout_s() if timeout_s is None else timeout_s
    memory_mb = parse_memory_mb() if memory_mb is None else memory_mb
    limits = limits or Limits()
    name = source or path.name
    with tempfile.TemporaryDirectory(prefix="kehoach-parse-") as tmp:
        out = Path(tmp) / "result.pkl"
        args = [sys.executable, "-m", "ingest.sandbox", str(path), doc_id or "", name, str(limits.max_bytes),
                str(limits.max_pages), str(memory_mb), str(out)]
        try:
            proc = subprocess.run(args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.PIPE, timeout=timeout_s, check=False)
        except subprocess.TimeoutExpired:  # subprocess.run kills the child
            raise IngestRefused("too_slow", f"{timeout_s:g}", name) from None
        if proc.returncode != 0 or not out.exists():  # killed by the memory cap, or died in C code
            raise IngestRefused("too_complex", f"{memory_mb} MB", name)
        with open(out, "rb") as fh:
            msg = pickle.load(fh)  # noqa: S301 - written by our own child process
    if msg[0] == "ok":
        return msg[1]  # type: ignore[no-any-return]
    raise IngestRefused(msg[1], msg[2], name)


def _child_main(argv: list[str]) -> int:
    path, doc_id, source, max_bytes, max_pages, memory_mb, out = argv
    cap = int(memory_mb) * 1024 * 1024
    if cap > 0:
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    msg: tuple
    try:
        from ingest.pipeline import parse_path

        result = parse_path(Path(path), doc_id=doc_id or None, source=source,
                            limits=Limits(max_bytes=int(max_bytes), max_pages=int(max_pages)))
        msg = ("ok", result)
    except IngestRefused as e:
        msg = ("refused", e.code, e.detail)
    except MemoryError:
        msg = ("refused", "too_complex", f"{memory_mb} MB")
    except RecursionError:
        msg = ("refused", "too_complex", "nesting")
    except Exception as e:  # noqa: BLE001 - any reader crash is a broken file, never a server error
        msg = ("refused", "broken", type(e).__name__)
    with open(out, "wb") as fh:
        pickle.dump(msg, fh)
    return 0


if __name__ == "__main__":
    sys.exit(_child_main(sys.argv[1:]))
