"""A scanned PDF or an image file -> blocks, page by page, with a progress callback.

Pages are rasterised and read one at a time (one page image in memory), each Tesseract call under a
per-page timeout. A paragraph cut by a page break is joined as in the PDF reader. The text is repaired
once the whole document is read (ingest/ocr/repair.py: the document's own well-read words confirm
repairs of the badly read ones), then checked: nothing readable is refused, not indexed.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ingest.errors import IngestRefused
from ingest.models import Block, mean_conf
from ingest.ocr.engine import MAX_PIXELS, iter_pages, page_count, page_timeout_s
from ingest.ocr.page_reader import read_page
from ingest.quality import assess_vietnamese_text
from ingest.readers.pdf import _continues as continues

Progress = Callable[[int, int], None]  # (pages done, pages in all)


@dataclass
class OcrReport:
    pages: int = 0
    seconds: float = 0.0
    conf: float | None = None
    rotations: list[int] = field(default_factory=list)
    skews: list[float] = field(default_factory=list)
    tables: int = 0


def _terminal_bar(total: int) -> tuple[Progress, Callable[[], None]]:
    """A tqdm bar on stderr when it is a terminal (as `kehoach ingest` shows its own); else nothing."""
    if not sys.stderr.isatty():
        return (lambda _d, _n: None), (lambda: None)
    from tqdm import tqdm

    bar = tqdm(total=total, desc="OCR", unit="trang", leave=False)
    return (lambda d, _n: bar.update(d - bar.n)), bar.close


def repair_blocks(blocks: list[Block]) -> None:
    """OCR repairs on paragraph texts and table cells, in place; numbered leads follow the repaired text."""
    from ingest.ocr.repair import (
        default_vocabulary,
        document_bigrams,
        drop_specks,
        fix_roman_heading,
        fix_sibling_numbers,
        repair_digit_cells,
        repair_text,
    )

    vocab = default_vocabulary()
    texts = [b.text for b in blocks if b.kind == "para"] + [c for b in blocks for r in b.rows for c in r]
    known = document_bigrams(texts, vocab)
    for b in blocks:
        if b.kind == "table":
            b.rows = repair_digit_cells([[drop_specks(repair_text(c, vocab, known)) for c in row] for row in b.rows])
        else:
            b.text = fix_roman_heading(drop_specks(repair_text(b.text, vocab, known)))
    paras = [b for b in blocks if b.kind != "table"]
    for b, text in zip(paras, fix_sibling_numbers([b.text for b in paras]), strict=True):
        b.text = text
        b.lead = " ".join(b.text.split()[: len(b.lead.split())]) if b.lead else ""  # same words, repaired


def _check_readable(blocks: list[Block], pages: int) -> None:
    text = "\n".join([b.text for b in blocks] + [c for b in blocks for r in b.rows for c in r])
    letters = sum(c.isalpha() for c in text)
    if letters < 25:
        raise IngestRefused("ocr_unreadable", f"{letters} chữ / {pages} trang")
    ok, detail = assess_vietnamese_text(text)
    if not ok:
        raise IngestRefused("ocr_unreadable", detail)


def ocr_document(path: Path, kind: str, *, max_pages: int, progress: Progress | None = None,
                 timeout: float | None = None, only: list[int] | None = None) -> tuple[list[Block], OcrReport]:
    """Blocks of a scanned PDF (`kind` "pdf") or an image file ("image"; a multi-page TIFF gives pages),
    or IngestRefused: "too_many_pages", "broken", "ocr_timeout" (one page over `timeout` seconds),
    "ocr_unreadable". `only`: just these 1-based PDF pages (the scanned pages of a text PDF); pages that
    read as nothing (a signature, a stamp) then give no blocks instead of a refusal."""
    import pytesseract
    from PIL import Image

    timeout = page_timeout_s() if timeout is None else timeout
    t0 = time.perf_counter()
    try:
        n = page_count(path, kind)
    except Image.DecompressionBombError as e:  # a small file that would decode to gigabytes
        raise IngestRefused("too_complex", f"{MAX_PIXELS // 1_000_000} Mpx") from e
    except Exception as e:  # noqa: BLE001 - PIL's and pypdfium2's own errors: a file they cannot open
        raise IngestRefused("broken", type(e).__name__) from e
    if n > max_pages:
        raise IngestRefused("too_many_pages", f"{n} > {max_pages}")
    numbers = [p for p in only if 1 <= p <= n] if only else list(range(1, n + 1))
    n = len(numbers)
    close = None
    if progress is None:
        progress, close = _terminal_bar(n)
    report = OcrReport(pages=n)
    blocks: list[Block] = []
    confs: list[tuple[float | None, int]] = []
    progress(0, n)
    try:
        for i, (page_no, image) in enumerate(zip(numbers, iter_pages(path, kind, only=only), strict=False), 1):
            try:
                res = read_page(image, page_no, timeout)
            except RuntimeError as e:  # pytesseract: "Tesseract process timeout"
                if "timeout" in str(e).lower():
                    raise IngestRefused("ocr_timeout", f"{timeout:g}") from e
                raise
            except pytesseract.TesseractError as e:
                raise IngestRefused("broken", f"tesseract: {str(e)[:80]}") from e
            page_blocks = res.blocks
            if blocks and page_blocks and continues(blocks[-1], page_blocks[0]):
                first = page_blocks.pop(0)
                last = blocks[-1]
                last.ocr_conf = mean_conf([(last.ocr_conf, len(last.text)), (first.ocr_conf, len(first.text))])
                last.text = f"{last.text} {first.text}"
            blocks.extend(page_blocks)
            confs.append((res.conf, res.words))
            report.rotations.append(res.rotation)
            report.skews.append(res.skew)
            report.tables += res.tables
            progress(i, n)
    except Image.DecompressionBombError as e:
        raise IngestRefused("too_complex", f"{MAX_PIXELS // 1_000_000} Mpx") from e
    except OSError as e:
        raise IngestRefused("broken", type(e).__name__) from e
    finally:
        if close:
            close()
    repair_blocks(blocks)
    if not only:
        _check_readable(blocks, n)
    report.seconds = time.perf_counter() - t0
    report.conf = mean_conf(confs)
    return blocks, report
