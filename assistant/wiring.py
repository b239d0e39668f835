"""Builds the objects the entry points share (index, assistant, ingest) from the settings."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.settings import Settings, get_settings
from ingest.errors import IngestRefused
from ingest.pipeline import TEXT_SUFFIXES, Limits, iter_files, parse_path
from ingest.sandbox import parse_isolated

_CACHE: dict[tuple[str, str], Any] = {}
_LOCK = threading.RLock()


def _cached(kind: str, settings: Settings, make: Callable[[], Any]) -> Any:
    """One index / assistant per distinct settings (Settings objects are not hashable)."""
    key = (kind, settings.model_dump_json())
    with _LOCK:
        if key not in _CACHE:
            _CACHE[key] = make()
        return _CACHE[key]


def get_index(settings: Settings | None = None) -> Any:
    from assistant.embedder import get_embedder
    from assistant.index.index import Index

    s = settings or get_settings()
    return _cached("index", s, lambda: Index(s, get_embedder(s)))


def get_assistant(settings: Settings | None = None) -> Any:
    """The assistant the settings ask for: extractive, or wrapped by the LLM generator (KEHOACH_GENERATOR)."""
    from assistant.generate import with_generator
    from assistant.service import Assistant

    s = settings or get_settings()
    return _cached("assistant", s, lambda: with_generator(Assistant(get_index(s), abstain_below=s.abstain_below), s))


def clear_cache() -> None:
    with _LOCK:
        _CACHE.clear()


def limits(settings: Settings) -> Limits:
    return Limits(max_bytes=int(settings.max_file_mb * 1024 * 1024), max_pages=settings.max_pages)


PUBLISH_UNITS = 5000  # units parsed before a publish (about 30 plans like the corpus one)


@dataclass
class FileOutcome:
    path: str
    doc: str | None = None
    sections: int = 0
    rows: int = 0
    units: int = 0
    seconds: float = 0.0
    refused: str | None = None


def ingest_paths(paths: list[Path], settings: Settings | None = None, *, reset: bool = False,
                 progress: Callable[[str], None] | None = None, doc_ids: dict[str, str] | None = None,
                 sources: dict[str, str] | None = None,
                 ocr_progress: Callable[[int, int], None] | None = None,
                 isolate: bool = False) -> list[FileOutcome]:
    """Parse every file, refuse the bad ones with their reason, publish the good ones to the index.
    `ocr_progress(done, total)` follows the pages of a scan being read by OCR. `isolate`: PDF, DOCX and
    image files are parsed in a child process under the memory and time limits of uploads
    (ingest/sandbox.py), so a hostile file in a folder cannot take the ingesting process down; plain text
    is read in process (its size is checked first, and a child per file would cost seconds each)."""
    s = settings or get_settings()
    index = get_index(s)
    if reset:
        index.delete_documents([d["doc"] for d in index.documents()])
    outcomes: list[FileOutcome] = []
    # Parsed plans are published together, up to PUBLISH_UNITS units at a time: each publish rebuilds the
    # BM25 index over every unit, so one publish per file made a folder of many plans cost O(n²).
    # Each document is still all old or all new: a batch is one atomic publish.
    pending: list[tuple[FileOutcome, Any, Path, float]] = []

    def flush() -> None:
        if not pending:
            return
        t0 = time.perf_counter()
        index.add_documents([doc for _, doc, _, _ in pending], {doc.doc: f for _, doc, f, _ in pending})
        share = (time.perf_counter() - t0) / len(pending)
        for out, _, _, parse_s in pending:
            out.seconds = parse_s + share
        pending.clear()

    for f in iter_files(paths):
        t0 = time.perf_counter()
        name = (sources or {}).get(str(f), f.name)
        out = FileOutcome(path=name)
        try:
            if isolate and f.suffix.lower() not in TEXT_SUFFIXES:
                result = parse_isolated(f, doc_id=(doc_ids or {}).get(str(f)), source=name, limits=limits(s),
                                        ocr_progress=ocr_progress)
            else:
                result = parse_path(f, doc_id=(doc_ids or {}).get(str(f)), source=name, limits=limits(s),
                                    ocr_progress=ocr_progress)
            doc = result.document
            out.doc, out.units = doc.doc, len(doc.units)
            out.sections = sum(1 for sec in doc.sections if sec.paragraphs or sec.title)
            out.rows = sum(len(t.rows) for t in doc.tables)
            pending.append((out, doc, f, time.perf_counter() - t0))
            if sum(len(d.units) for _, d, _, _ in pending) >= PUBLISH_UNITS:
                flush()
        except IngestRefused as e:
            out.refused = e.message
            out.seconds = time.perf_counter() - t0
        outcomes.append(out)
        if progress:
            progress(name)
    flush()
    return outcomes


def prepare_index(settings: Settings | None = None) -> list[FileOutcome]:
    """Before serving or answering: an empty index gets corpus/; one written by an earlier version gets its
    corpus plans republished with their structure (for the staff tools; nothing is embedded again)."""
    s = settings or get_settings()
    index = get_index(s)
    if (index.count()[0] == 0 or index.without_structure()) and s.corpus_dir.exists():
        return ingest_paths([s.corpus_dir], s)
    return []
