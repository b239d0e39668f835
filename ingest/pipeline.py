"""From a file to a parsed document with its units: type check by content, reader, structure, units.

Bad input is refused with `IngestRefused` (bilingual message) before anything is indexed.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from pathlib import Path

from ingest.errors import IngestRefused
from ingest.models import Block, ParsedDocument
from ingest.readers.markdown import read_markdown
from ingest.structure import recover
from ingest.text import fold
from ingest.units import make_units

TEXT_SUFFIXES = {".md", ".markdown", ".txt"}
SUFFIXES = TEXT_SUFFIXES | {".pdf", ".docx"}


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


def sniff_kind(head: bytes, suffix: str) -> str:
    """'pdf' | 'docx' | 'text' by content, cross-checked with the name; refuses a mismatch."""
    expected = {".pdf": "pdf", ".docx": "docx"}.get(suffix, "text" if suffix in TEXT_SUFFIXES else None)
    if expected is None:
        raise IngestRefused("unsupported_type", suffix or "không có đuôi / no extension")
    if head.startswith(b"%PDF-"):
        kind = "pdf"
    elif head.startswith(b"PK\x03\x04"):
        kind = "docx"
    elif expected in ("pdf", "docx"):
        raise IngestRefused("broken", f"nội dung không phải {suffix} / content is not {suffix}")
    elif b"\x00" in head[:4096] and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise IngestRefused("unsupported_type", f"tệp nhị phân mang đuôi {suffix} / binary file named {suffix}")
    else:
        kind = "text"
    if expected != kind:
        if expected in ("pdf", "docx"):
            raise IngestRefused("broken", f"nội dung không phải {suffix} / content is not {suffix}")
        raise IngestRefused("unsupported_type", f"{suffix} chứa {kind} / {suffix} holds {kind}")
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


def read_blocks(path: Path, limits: Limits) -> tuple[list[Block], int | None]:
    size = path.stat().st_size
    if size == 0:
        raise IngestRefused("empty")
    if size > limits.max_bytes:
        raise IngestRefused("too_large", f"{size / 1e6:.1f} MB > {limits.max_bytes / 1e6:.0f} MB")
    with path.open("rb") as fh:
        head = fh.read(8192)
    kind = sniff_kind(head, path.suffix.lower())
    if kind == "pdf":
        from ingest.readers.pdf import read_pdf

        blocks = read_pdf(path, max_pages=limits.max_pages)
        pages = max((b.page or 0 for b in blocks), default=0) or None
        return blocks, pages
    if kind == "docx":
        from ingest.readers.docx import read_docx

        return read_docx(path), None
    text = decode_text(path.read_bytes())
    if not text.strip():
        raise IngestRefused("empty")
    return read_markdown(text), None


@dataclass
class ParseResult:
    document: ParsedDocument
    seconds: float


def parse_path(path: Path, *, doc_id: str | None = None, source: str | None = None,
               limits: Limits | None = None) -> ParseResult:
    """Parse one file into a document with units, or raise IngestRefused."""
    t0 = time.perf_counter()
    limits = limits or Limits()
    name = source or path.name
    try:
        blocks, pages = read_blocks(path, limits)
    except IngestRefused as e:
        e.source = name
        raise
    doc = recover(blocks, doc_id or doc_id_for(name), name)
    doc.pages = pages
    doc.units = make_units(doc)
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
