"""The documents: ingest from paths and uploads, delete, list, structures, visibility.

The API, the chat UI and the command line all come here; none of them parses, stores or checks a file
itself. One upload path serves all three (`Library.upload`):
- the name is only a label: the file is stored under a generated name in the uploads folder;
- the size limit is applied while the bytes are copied, before anything is parsed;
- the type is checked by content (magic bytes against the extension: ingest/pipeline.py `sniff_kind`);
- every format but plain text and Markdown is parsed in the sandbox (a child process under memory and time
  limits, ingest/sandbox.py), so a file that would crash or hang a reader cannot take the server down;
- a refusal carries the bilingual message (ingest/errors.py) and an HTTP status, and leaves the index as
  it was.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from assistant.access import OPERATOR, Access
from assistant.index.index import Index
from assistant.settings import Settings
from ingest.errors import IngestRefused
from ingest.models import Unit
from ingest.pipeline import SUFFIXES, TEXT_SUFFIXES, Limits, doc_id_for, iter_files, parse_path, sniff_kind
from ingest.sandbox import parse_isolated

PUBLISH_UNITS = 5000  # units parsed before a publish (about 30 plans like the corpus one)
CHUNK = 1 << 20
# HTTP status of a refused upload: 415 for a type refused by its name, 413 over the size limit, else 422.
STATUS = {"too_large": 413}
EMPTY_INDEX = ("Chỉ mục chưa có tài liệu nào: nạp bằng `kehoach ingest TỆP_HOẶC_THƯ_MỤC`, hoặc tải lên ở thẻ "
               "«Tài liệu» (cần mã quản trị). / The index is empty: add documents with `kehoach ingest "
               "FILE_OR_FOLDER`, or upload them in the «Tài liệu» tab (admin token).")


@dataclass
class FileOutcome:
    path: str  # the name the user knows the file by
    doc: str | None = None
    sections: int = 0
    rows: int = 0
    units: int = 0
    seconds: float = 0.0
    refused: str | None = None  # the bilingual message
    code: str | None = None  # the refusal code (ingest/errors.py)
    status: int = 200  # the HTTP status an upload answers with

def limits(settings: Settings) -> Limits:
    return Limits(max_bytes=int(settings.max_file_mb * 1024 * 1024), max_pages=settings.max_pages)


class Library:
    def __init__(self, settings: Settings, index: Index) -> None:
        self.settings = settings
        self.index = index

    # -- writes ------------------------------------------------------------------------------------------
    def ingest(self, paths: list[Path], *, reset: bool = False, visibility: str | None = None,
               sandbox: bool = True, progress: Callable[[str], None] | None = None,
               ocr_progress: Callable[[int, int], None] | None = None,
               doc_ids: dict[str, str] | None = None, sources: dict[str, str] | None = None) -> list[FileOutcome]:
        """Parse every file, refuse the bad ones with their reason, publish the good ones.
        `sandbox`: PDF, DOCX and images are parsed in the limited child process (plain text is read here:
        its size is checked first, and a child per file would cost seconds each). `visibility` None keeps
        an indexed document's own. `doc_ids` / `sources` (by path): the id and the name to record."""
        s, index = self.settings, self.index
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
            index.add_documents([doc for _, doc, _, _ in pending], {doc.doc: f for _, doc, f, _ in pending},
                                visibility=visibility)
            share = (time.perf_counter() - t0) / len(pending)
            for out, _, _, parse_s in pending:
                out.seconds = parse_s + share
            pending.clear()

        for f in iter_files(paths):
            t0 = time.perf_counter()
            name = (sources or {}).get(str(f), f.name)
            out = FileOutcome(path=name)
            parse = parse_isolated if sandbox and f.suffix.lower() not in TEXT_SUFFIXES else parse_path
            try:
                doc = parse(f, doc_id=(doc_ids or {}).get(str(f)), source=name, limits=limits(s),
                            ocr_progress=ocr_progress).document
                out.doc, out.units = doc.doc, len(doc.units)
                out.sections = sum(1 for sec in doc.sections if sec.paragraphs or sec.title)
                out.rows = sum(len(t.rows) for t in doc.tables)
                pending.append((out, doc, f, time.perf_counter() - t0))
                if sum(len(d.units) for _, d, _, _ in pending) >= PUBLISH_UNITS:
                    flush()
            except IngestRefused as e:
                self._refused(out, e)
                out.seconds = time.perf_counter() - t0
            outcomes.append(out)
            if progress:
                progress(name)
        flush()
        return outcomes

    def upload(self, stream: IO[bytes], filename: str | None, *, visibility: str | None = None,
               ocr_progress: Callable[[int, int], None] | None = None) -> FileOutcome:
        """Store one uploaded file under a generated name and ingest it (see the module's docstring).
        Never raises for a bad file: the outcome's `refused` / `code` / `status` say why."""
        name = Path(filename or "tai-lieu").name or "tai-lieu"  # a label only: never a path
        suffix = Path(name).suffix.lower()
        out = FileOutcome(path=name)
        if suffix not in SUFFIXES:
            return self._refused(out, IngestRefused("unsupported_type", suffix or "không có đuôi / no extension"),
                                 415)
        self.settings.uploads_dir.mkdir(parents=True, exist_ok=True)
        dest = self.settings.uploads_dir / f"{uuid.uuid4().hex}{suffix}"
        limit = limits(self.settings).max_bytes
        size = 0
        try:
            with dest.open("wb") as fh:
                while chunk := stream.read(CHUNK):
                    size += len(chunk)
                    if size > limit:
                        raise IngestRefused("too_large", f"> {limit / 1e6:.0f} MB")
                    fh.write(chunk)
            if size == 0:
                raise IngestRefused("empty")
            with dest.open("rb") as fh:
                sniff_kind(fh.read(8192), suffix)
        except IngestRefused as e:
            dest.unlink(missing_ok=True)
            return self._refused(out, e)
        result = self.ingest([dest], visibility=visibility, sandbox=True, ocr_progress=ocr_progress,
                             doc_ids={str(dest): doc_id_for(name)}, sources={str(dest): name})[0]
        if result.refused:
            dest.unlink(missing_ok=True)
        return result

    @staticmethod
    def _refused(out: FileOutcome, e: IngestRefused, status: int | None = None) -> FileOutcome:
        out.refused, out.code = e.message, e.code
        out.status = status or STATUS.get(e.code, 422)
        return out

    def delete(self, doc: str) -> bool:
        return self.index.delete_document(doc)

    def set_visibility(self, doc: str, visibility: str) -> bool:
        return self.index.set_visibility(doc, visibility)

    def prepare(self) -> list[FileOutcome]:
        """Before serving or answering: an empty index gets corpus/ when there is one; one written by an earlier
        version gets its corpus plans republished with their structure (nothing is embedded again)."""
        if (self.index.count()[0] == 0 or self.index.without_structure()) and self.settings.corpus_dir.is_dir():
            return self.ingest([self.settings.corpus_dir])
        return []

    # -- reads (what `access` may see) -------------------------------------------------------------------
    def documents(self, access: Access = OPERATOR) -> list[dict[str, Any]]:
        """The contract's listing: doc, doc_title, units, rows, ingested_at, visibility."""
        keys = ("doc", "doc_title", "units", "rows", "ingested_at", "visibility")
        return [{k: d.get(k) for k in keys} for d in self.index.documents(staff=access.staff)]

    def count(self, access: Access = OPERATOR) -> tuple[int, int]:
        return self.index.count(staff=access.staff)

    def structure(self, doc: str, access: Access = OPERATOR) -> list[Unit]:
        """A document's units in document order (its sections, rows, meta), for browsing."""
        return self.index.units(doc, staff=access.staff)

    def districts(self, access: Access = OPERATOR) -> list[str]:
        """The district names annex rows carry (for the UI's filter)."""
        return self.index.districts(staff=access.staff)

    def unit(self, unit_id: str, access: Access = OPERATOR) -> Unit | None:
        return self.index.unit(unit_id, staff=access.staff)

    def neighbours(self, unit: Unit, k: int, access: Access = OPERATOR) -> list[Unit]:
        return self.index.neighbours(unit, k, staff=access.staff)
