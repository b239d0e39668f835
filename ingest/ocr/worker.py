"""OCR under limits: in a child process with a memory cap (RLIMIT_AS, as ingest/sandbox.py) and a time
budget that grows with the pages, reporting progress page by page.

`kehoach ingest` and the UI upload parse in their own process, so their OCR runs in a child here
(`python -m ingest.ocr.worker`). An upload through the API is already parsed in a limited child
(`parse_isolated`); there OCR runs in that child directly and its progress lines reach the parent.
"""

from __future__ import annotations

import os
import pickle
import sys
import tempfile
from pathlib import Path

from ingest.errors import IngestRefused
from ingest.models import Block
from ingest.ocr.document import Progress, ocr_document
from ingest.ocr.engine import page_timeout_s

STARTUP_S = 60.0  # imports, opening the file, counting pages; then each page adds its own budget


def run_ocr(path: Path, kind: str, *, max_pages: int, progress: Progress | None = None,
            only: list[int] | None = None) -> list[Block]:
    """Blocks of a scanned PDF or an image file (`only`: those PDF pages), read by OCR under the limits;
    or IngestRefused."""
    from ingest.sandbox import SANDBOXED_ENV, parse_memory_mb, run_child

    if os.environ.get(SANDBOXED_ENV):
        return ocr_document(path, kind, max_pages=max_pages, progress=progress, only=only)[0]
    memory_mb = parse_memory_mb()
    with tempfile.TemporaryDirectory(prefix="kehoach-ocr-") as tmp:
        out = Path(tmp) / "blocks.pkl"
        args = [sys.executable, "-m", "ingest.ocr.worker", str(path), kind, str(max_pages), str(memory_mb), str(out),
                ",".join(map(str, only or []))]
        bar = None
        if progress is None and sys.stderr.isatty():
            from tqdm import tqdm

            bar = tqdm(desc="OCR", unit="trang", leave=False)

            def progress(done: int, total: int) -> None:
                assert bar is not None
                bar.total = total
                bar.update(done - bar.n)

        try:
            done = run_child(args, timeout_s=STARTUP_S, page_s=page_timeout_s(), on_progress=progress)
        finally:
            if bar is not None:
                bar.close()
        if done.timed_out:
            raise IngestRefused("ocr_timeout", f"{done.limit_s:g}")
        if done.returncode != 0 or not out.exists():
            raise IngestRefused("too_complex", f"{memory_mb} MB")
        with out.open("rb") as fh:
            msg = pickle.load(fh)  # noqa: S301 - written by our own child process
    if msg[0] == "ok":
        return list(msg[1])
    raise IngestRefused(msg[1], msg[2], why=msg[3])


def _child_main(argv: list[str]) -> int:
    from ingest.sandbox import cap_memory, print_progress, write_child_result

    path, kind, max_pages, memory_mb, out, pages = argv
    cap_memory(int(memory_mb))
    only = [int(x) for x in pages.split(",") if x] or None
    return write_child_result(out, memory_mb, lambda: ocr_document(
        Path(path), kind, max_pages=int(max_pages), progress=print_progress, only=only)[0])


if __name__ == "__main__":
    sys.exit(_child_main(sys.argv[1:]))
