"""From a file to a parsed document with its units: type check by content, reader, structure, units.

Bad input is refused with `IngestRefused` (bilingual message) before anything is indexed. A PDF without
a usable text layer (none: a scan; or garbage) and image files (PNG, JPEG, TIFF) are read by OCR
(ingest/ocr/) when Tesseract with its Vietnamese model is installed and KEHOACH_OCR is not "0"; else
they are refused with a message saying how to enable OCR. A text PDF's pages that its text layer cannot give
(images, a layer that lost letters, a damaged page) go to OCR the same way; what is still not read is listed
in `ParsedDocument.unreadable_pages` and in the document's metadata unit. HTML pages (saved from a portal)
are read by ingest/readers/html.py.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ingest.errors import IngestRefused
from ingest.models import Block, ParsedDocument
from ingest.quality import split_glued_headers
from ingest.readers.markdown import read_markdown
from ingest.structure import recover
from ingest.text import fold
from ingest.units import make_units

TEXT_SUFFIXES = {".md", ".markdown", ".txt"}
HTML_SUFFIXES = {".html", ".htm"}  # a web page saved from a portal; text, but parsed in the sandbox (lxml)
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".tif", ".tiff"}
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | {".pdf", ".docx"} | IMAGE_SUFFIXES
# Magic bytes of the image formats read by OCR: PNG, JPEG, TIFF (little- and big-endian).
IMAGE_MAGIC = {b"\x89PNG\r\n\x1a\n": "PNG", b"\xff\xd8\xff": "JPEG", b"II*\x00": "TIFF", b"MM\x00*": "TIFF"}
OcrProgress = Callable[[int, int], None]  # (pages done, pages in all)


@dataclass(frozen=True)
class Limits:
    max_bytes: int = 50 * 1024 * 1024
    max_pages: int = 2000


def doc_id_for(name: str) -> str:
    """A stable document id from a file name: 'KH chuyển đổi số 2024.pdf' -> 'kh-chuyen-doi-so-2024'."""
    stem = Path(name).name
    stem = stem.rsplit(".", 1)[0] if "." in stem else stem
    slug = re.sub(r"[^a-z0-9]+", "-", fold(stem)).strip("-")
    return slug[:80] or "tai-lieu"


def image_format(head: bytes) -> str | None:
    return next((name for magic, name in IMAGE_MAGIC.items() if head.startswith(magic)), None)


def looks_like_html(head: bytes) -> bool:
    """An HTML document: `<!doctype html` or `<html` near the start (after a BOM, spaces, comments)."""
    start = head[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    while start.startswith(b"<!--") and b"-->" in start:
        start = start[start.index(b"-->") + 3 :].lstrip()
    if start.startswith(b"<?xml") and b"?>" in start:
        start = start[start.index(b"?>") + 2 :].lstrip()
    return start.startswith((b"<!doctype html", b"<html"))


def sniff_kind(head: bytes, suffix: str) -> str:
    """'pdf' | 'docx' | 'image' | 'html' | 'text' by content, cross-checked with the name; refuses a mismatch
    (an image of one format named as another, a JPEG named .png, is still an image and is read). HTML is text:
    a .html/.htm file is read as HTML, and so is a .txt/.md one that is really a saved web page."""
    expected = {".pdf": "pdf", ".docx": "docx"}.get(suffix, "text" if suffix in TEXT_SUFFIXES | HTML_SUFFIXES else None)
    if suffix in IMAGE_SUFFIXES:
        expected = "image"
    if expected is None:
        raise IngestRefused("unsupported_type", suffix or "không có đuôi / no extension")
    if head.startswith(b"%PDF-"):
        kind = "pdf"
    elif head.startswith(b"PK\x03\x04"):
        kind = "docx"
    elif image_format(head):
        kind = "image"
    elif expected in ("pdf", "docx", "image"):
        raise IngestRefused("broken", f"nội dung không phải {suffix} / content is not {suffix}")
    elif b"\x00" in head[:4096] and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise IngestRefused("unsupported_type", f"tệp nhị phân mang đuôi {suffix} / binary file named {suffix}")
    else:
        kind = "text"
    if expected != kind:
        if expected in ("pdf", "docx", "image"):
            raise IngestRefused("broken", f"nội dung không phải {suffix} / content is not {suffix}")
        raise IngestRefused("unsupported_type", f"{suffix} chứa {kind} / {suffix} holds {kind}")
    if suffix in HTML_SUFFIXES or looks_like_html(head):
        return "html"
    return kind


def decode_text(data: bytes) -> str:
    for enc in ("utf-8-sig", "utf-16"):
        try:
            if enc == "utf-16" and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
                continue
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    raise IngestRefused("broken", "không phải UTF-8 / not UTF-8 text")


def read_by_ocr(path: Path, kind: str, limits: Limits, refusal: IngestRefused | None,
                progress: OcrProgress | None = None) -> list[Block]:
    """OCR of a scan or an image when it is enabled and installed; otherwise the reader's refusal
    ("scanned" / "garbage_text"; an image: "scanned"), saying why OCR did not run and how to enable it."""
    from ingest.ocr.engine import ocr_status

    status = ocr_status()
    if not status.enabled:
        if refusal is None:
            with path.open("rb") as fh:
                fmt = image_format(fh.read(16)) or "?"
            raise IngestRefused("scanned", f"ảnh {fmt} / {fmt} image", why=status.reason)
        raise IngestRefused(refusal.code, refusal.detail, why=status.reason)
    from ingest.ocr.worker import run_ocr

    return run_ocr(path, kind, max_pages=limits.max_pages, progress=progress)


def with_scanned_pages(path: Path, blocks: list[Block], scanned: list[int], limits: Limits,
                       progress: OcrProgress | None = None) -> list[Block]:
    """A text PDF with some pages that are only images (a scanned annex, the signed last page): those pages
    read by OCR and put in page order among the text blocks, when OCR is on; else the text alone (the
    scanned pages are then missing, and listed as pages not read)."""
    from ingest.ocr.engine import ocr_status

    if not ocr_status().enabled:
        return blocks
    from ingest.ocr.worker import run_ocr

    ocr_blocks = run_ocr(path, "pdf", max_pages=limits.max_pages, progress=progress, only=scanned)
    return sorted(blocks + ocr_blocks, key=lambda b: b.page or 0)  # stable: in-page order kept


# Why a page was not read, as the document's metadata says it ("Trang không đọc được: 7 (trang bị hỏng)").
UNREAD_DAMAGED = "trang bị hỏng"
UNREAD_NEEDS_OCR = "cần nhận dạng chữ (OCR), chưa bật"


@dataclass
class ReadBlocks:
    blocks: list[Block]
    pages: int | None = None
    unreadable: dict[int, str] = field(default_factory=dict)  # page -> why it was not read


def _read_pdf(path: Path, limits: Limits, progress: OcrProgress | None) -> ReadBlocks:
    """The text layer, and OCR of the pages it could not give (images, a text layer that lost letters, a
    damaged page that still renders). What neither gives is listed in `unreadable`."""
    from ingest.ocr.engine import ocr_status
    from ingest.readers.pdf import read_pdf_layer

    try:
        layer = read_pdf_layer(path, max_pages=limits.max_pages)
    except IngestRefused as e:
        if e.code not in ("scanned", "garbage_text"):
            raise
        blocks = read_by_ocr(path, "pdf", limits, e, progress)
        return ReadBlocks(blocks, max((b.page or 0 for b in blocks), default=0) or None)
    blocks, unreadable = layer.blocks, {}
    if layer.for_ocr and not ocr_status().enabled:
        unreadable = {n: UNREAD_DAMAGED if n in layer.damaged else UNREAD_NEEDS_OCR for n in layer.for_ocr}
    elif layer.for_ocr:
        try:
            blocks = with_scanned_pages(path, blocks, layer.for_ocr, limits, progress)
        except IngestRefused:
            if not layer.damaged:
                raise
            rest = [n for n in layer.for_ocr if n not in layer.damaged]  # the damaged pages broke OCR too
            blocks = with_scanned_pages(path, blocks, rest, limits, progress) if rest else blocks
        read = {b.page for b in blocks if b.ocr}
        unreadable = {n: UNREAD_DAMAGED for n in layer.damaged if n not in read}
    pages = max([b.page or 0 for b in blocks] + list(unreadable), default=0) or None
    return ReadBlocks(blocks, pages, unreadable)


def read_blocks(path: Path, limits: Limits, ocr_progress: OcrProgress | None = None) -> ReadBlocks:
    size = path.stat().st_size
    if size == 0:
        raise IngestRefused("empty")
    if size > limits.max_bytes:
        raise IngestRefused("too_large", f"{size / 1e6:.1f} MB > {limits.max_bytes / 1e6:.0f} MB")
    with path.open("rb") as fh:
        head = fh.read(8192)
    kind = sniff_kind(head, path.suffix.lower())
    if kind == "pdf":
        return _read_pdf(path, limits, ocr_progress)
    if kind == "image":
        blocks = read_by_ocr(path, "image", limits, None, ocr_progress)
        return ReadBlocks(blocks, max((b.page or 0 for b in blocks), default=0) or None)
    if kind == "docx":
        from ingest.readers.docx import read_docx

        return ReadBlocks(read_docx(path))
    if kind == "html":
        from ingest.readers.html import decode_html, read_html

        return ReadBlocks(read_html(decode_html(path.read_bytes())))
    text = decode_text(path.read_bytes())
    if not text.strip():
        raise IngestRefused("empty")
    return ReadBlocks(read_markdown(text))


def unreadable_line(unreadable: dict[int, str]) -> str:
    """'Trang không đọc được: 3, 7 (trang bị hỏng)', one group per reason."""
    groups: dict[str, list[int]] = {}
    for page, why in sorted(unreadable.items()):
        groups.setdefault(why, []).append(page)
    return "Trang không đọc được: " + "; ".join(f"{', '.join(map(str, ps))} ({why})" for why, ps in groups.items())


def _note_unreadable(doc: ParsedDocument, unreadable: dict[int, str]) -> None:
    """The pages not read go into the document's metadata unit, so that a question about them is answered
    with "this page could not be read" rather than silence."""
    from ingest.units import _unit

    line = unreadable_line(unreadable)
    meta = next((u for u in doc.units if u.kind == "meta"), None)
    text = f"{meta.text}\n{line}" if meta else line
    md: dict[str, str | int | float | bool] = {"section": "meta", "unreadable_pages": ", ".join(map(str, sorted(unreadable)))}
    unit = _unit(doc, "meta", "meta", "Thông tin văn bản", None, text, text, md)
    doc.units = [unit] + [u for u in doc.units if u.kind != "meta"]


@dataclass
class ParseResult:
    document: ParsedDocument
    seconds: float


def parse_path(path: Path, *, doc_id: str | None = None, source: str | None = None,
               limits: Limits | None = None, ocr_progress: OcrProgress | None = None) -> ParseResult:
    """Parse one file into a document with units, or raise IngestRefused. `ocr_progress(done, total)`
    is called page by page when the file is read by OCR (without it, a terminal gets a progress bar)."""
    t0 = time.perf_counter()
    limits = limits or Limits()
    name = source or path.name
    try:
        read = read_blocks(path, limits, ocr_progress)
    except IngestRefused as e:
        e.source = name
        raise
    blocks = read.blocks
    split_glued_headers(blocks)  # "Đơn vịchủ trì": a column's role is read from its header's words
    doc = recover(blocks, doc_id or doc_id_for(name), name)
    doc.pages = read.pages
    doc.ocr = bool(blocks) and all(b.ocr for b in blocks)  # a text PDF with scanned pages: units marked one by one
    doc.unreadable_pages = sorted(read.unreadable)
    doc.units = make_units(doc)
    if read.unreadable:
        _note_unreadable(doc, read.unreadable)
    if not any(u.kind != "meta" for u in doc.units):
        raise IngestRefused("no_content", source=name)
    return ParseResult(doc, time.perf_counter() - t0)


def iter_files(paths: list[Path]) -> list[Path]:
    """Files named, and the files of folders named (sorted), skipping hidden ones."""
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            out.extend(sorted(f for f in p.rglob("*") if f.is_file() and not f.name.startswith(".")))
        else:
            out.append(p)
    return out
