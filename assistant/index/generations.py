"""Atomic publishing of the index as numbered generations.

The vector store (Chroma) and the lexical index share no transaction, so they are published together:

    index_dir/segments/<doc>.<hash>.jsonl  one document's units with their lexical tokens, named by the hash
                                           of its unit ids (content hashes): written once, never changed,
                                           shared by every generation that has that version of the doc
    index_dir/segments/<doc>.<hash>.jsonl.doc.json.gz
                                           the same version's structure (sections, annexes, tables, meta:
                                           the ParsedDocument without its units), for the staff tools
    index_dir/gen/<n>/docs.json            doc id -> {doc_title, units, rows, ingested_at, source, sha256,
                                           segment}, in document order
    index_dir/gen/<n>/lexical/             the bm25s index over every unit
    index_dir/gen/<n>/idf.json.gz          the answer composer's word counts over every unit (updated by
                                           the publisher from the previous generation's)
    index_dir/CURRENT                      the number of the live generation, replaced atomically

A publish writes only the segments of changed documents (so ingesting one plan into an index of a
thousand costs one plan's records, not a rewrite of all of them) plus docs.json and the BM25 index.
Loading reuses the units of segments already in memory (a reader reloading after an ingest parses only
the new segment). Generation folders of earlier versions (units.jsonl + tokens.jsonl) still load.

A publish writes the new folder under a temporary name, renames it into place, then replaces CURRENT
(write a temporary file + `os.replace`). Vectors of new units are added to Chroma before that; dense
results are filtered to the ids of the live generation, so until CURRENT names the new generation every
reader answers exactly as before, and a crash at any point leaves the previous generation live.
Writers serialise on a file lock (`index_dir/.lock`); readers never lock.
"""

from __future__ import annotations

import contextlib
import fcntl
import gzip
import hashlib
import json
import os
import shutil
import signal
import sys
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from assistant.access import STAFF
from assistant.index.idf import Idf, idf_from_bytes, idf_to_bytes
from assistant.index.lexical import LexicalIndex, lexical_tokens
from assistant.index.store import UnitTable
from ingest.models import ParsedDocument, Unit

CRASH_ENV = "KEHOACH_CRASH_AT"
HOLD_ENV = "KEHOACH_HOLD_AT"
STRUCTURE_SUFFIX = ".doc.json.gz"
IDF_FILE = "idf.json.gz"


def crash_point(name: str) -> None:
    """Test hook: SIGKILL this process at the named point of a publish when KEHOACH_CRASH_AT names it, or
    stop it there (SIGSTOP) when KEHOACH_HOLD_AT names it, for a test to kill it from outside at a known
    moment instead of racing the writer.

    Used by tests/test_reliability.py to prove that a writer killed at any step leaves the previous
    generation live; a no-op unless a variable is set.
    """
    if os.environ.get(CRASH_ENV) == name:
        os.kill(os.getpid(), signal.SIGKILL)
    if os.environ.get(HOLD_ENV) == name:
        os.kill(os.getpid(), signal.SIGSTOP)


@dataclass
class Generation:
    """One loaded generation: the unit table, the documents, the lexical index."""

    number: int  # 0: nothing published yet
    table: UnitTable
    docs: dict[str, dict[str, Any]]
    lexical: LexicalIndex
    tokens: dict[str, list[str]]

    @classmethod
    def empty(cls, segment: bool = True) -> Generation:
        return cls(0, UnitTable([]), {}, LexicalIndex.build([], [], segment=segment), {})

    @cached_property
    def staff_docs(self) -> frozenset[str]:
        """Documents only staff may read (visibility "staff"); every other one is public."""
        return frozenset(d for d, info in self.docs.items() if info.get("visibility") == STAFF)


def _interned(tokens: list[str]) -> list[str]:
    """One string object per distinct token: the lexical tokens of every unit stay in memory (to rebuild
    the BM25 index without re-tokenising), and unshared they cost ~1.5 GB per 100k units, ~0.2 GB shared."""
    return [sys.intern(t) for t in tokens]


def fsync_write(path: Path, data: str | bytes) -> None:
    with open(path, "wb") as fh:
        fh.write(data.encode("utf-8") if isinstance(data, str) else data)
        fh.flush()
        os.fsync(fh.fileno())


class GenerationStore:
    """The generation folders and the CURRENT pointer under one index folder."""

    def __init__(self, index_dir: Path) -> None:
        self.dir = Path(index_dir)
        self.root = self.dir / "gen"
        self.current_file = self.dir / "CURRENT"
        self.segments = self.dir / "segments"
        self.root.mkdir(parents=True, exist_ok=True)
        self.segments.mkdir(parents=True, exist_ok=True)
        self._segment_cache: dict[str, tuple[list[Unit], dict[str, list[str]]]] = {}
        self._thread_lock = threading.RLock()
        self._depth = 0

    # ------------------------------------------------------------------ pointer
    def read_current(self) -> int:
        """The live generation number (0 when none was published)."""
        try:
            return int(self.current_file.read_text(encoding="ascii").strip() or 0)
        except (FileNotFoundError, ValueError):
            return 0

    def switch(self, number: int) -> None:
        """Make `number` the live generation, atomically."""
        tmp = self.dir / f".CURRENT.{os.getpid()}.tmp"
        fsync_write(tmp, f"{number}\n")
        os.replace(tmp, self.current_file)
        with contextlib.suppress(OSError):  # make the rename itself durable
            fd = os.open(self.dir, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)

    @contextlib.contextmanager
    def lock(self) -> Iterator[None]:
        """Exclusive writer lock across threads and processes; re-entrant within a thread."""
        with self._thread_lock:
            if self._depth:  # this thread already holds the file lock
                self._depth += 1
                try:
                    yield
                finally:
                    self._depth -= 1
                return
            with open(self.dir / ".lock", "a+") as fh:
                fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
                self._depth = 1
                try:
                    yield
                finally:
                    self._depth = 0
                    fcntl.flock(fh.fileno(), fcntl.LOCK_UN)

    # ------------------------------------------------------------------ folders
    def numbers(self) -> list[int]:
        return sorted(int(p.name) for p in self.root.iterdir() if p.is_dir() and p.name.isdigit())

    def next_number(self) -> int:
        return max([self.read_current(), *self.numbers()], default=0) + 1

    def path(self, number: int) -> Path:
        return self.root / str(number)

    # ------------------------------------------------------------------ segments
    def segment_name(self, doc: str, ids: Sequence[str], segment: bool) -> str:
        slug = "".join(c if c.isalnum() or c in "-_" else "-" for c in doc)[:60] or "doc"
        h = hashlib.sha256(("seg" if segment else "raw").encode() + "\n".join(ids).encode()).hexdigest()[:16]
        return f"{slug}.{h}.jsonl"

    def _write_segment(self, name: str, units: Sequence[Unit], tokens: dict[str, list[str]]) -> None:
        path = self.segments / name
        if path.exists():  # content-addressed: the same name holds the same units
            return
        tmp = self.segments / f".{name}.{os.getpid()}.tmp"
        fsync_write(tmp, "".join(json.dumps({"tokens": tokens[u.id]}, ensure_ascii=False) + "\t"
                                  + u.model_dump_json() + "\n" for u in units))
        os.replace(tmp, path)

    def structure_path(self, name: str) -> Path:
        return self.segments / (name + STRUCTURE_SUFFIX)

    def has_structure(self, name: str | None) -> bool:
        return bool(name) and self.structure_path(str(name)).exists()

    def _write_structure(self, name: str, doc: ParsedDocument) -> None:
        """The document's structure beside its segment: the staff tools (not-achieved items, the plan
        checker) read sections and tables, which the units alone do not keep. Gzipped (112 KB -> 17 KB
        for the corpus plan)."""
        path = self.structure_path(name)
        if path.exists():
            return
        tmp = self.segments / f".{name}.{os.getpid()}.doc.tmp"
        fsync_write(tmp, gzip.compress(doc.model_dump_json(exclude={"units"}).encode("utf-8"), 6))
        os.replace(tmp, path)

    def read_structure(self, name: str) -> ParsedDocument | None:
        """The stored structure of a segment (no units), or None for a version indexed without one."""
        try:
            data = gzip.decompress(self.structure_path(name).read_bytes())
        except (FileNotFoundError, OSError, EOFError):
            return None
        return ParsedDocument.model_validate_json(data)

    def _read_segment(self, name: str) -> tuple[list[Unit], dict[str, list[str]]]:
        cached = self._segment_cache.get(name)
        if cached is not None:
            return cached
        units: list[Unit] = []
        tokens: dict[str, list[str]] = {}
        with open(self.segments / name, encoding="utf-8") as fh:
            for line in fh:
                if not line.strip():
                    continue
                head, _, body = line.partition("\t")
                u = Unit.model_validate_json(body)
                units.append(u)
                tokens[u.id] = _interned(json.loads(head)["tokens"])
        self._segment_cache[name] = (units, tokens)
        return units, tokens

    # ------------------------------------------------------------------ read
    def load(self, number: int, segment: bool = True) -> Generation:
        if number <= 0:
            return Generation.empty(segment)
        folder = self.path(number)
        docs = json.loads((folder / "docs.json").read_text(encoding="utf-8"))
        units: list[Unit] = []
        tokens: dict[str, list[str]] = {}
        if (folder / "units.jsonl").exists():  # a generation written by an earlier version
            with open(folder / "units.jsonl", encoding="utf-8") as fh:
                units = [Unit.model_validate_json(line) for line in fh if line.strip()]
            with open(folder / "tokens.jsonl", encoding="utf-8") as fh:
                for line in fh:
                    if line.strip():
                        rec = json.loads(line)
                        tokens[rec["id"]] = _interned(rec["tokens"])
        else:
            names = [info["segment"] for info in docs.values()]
            for name in names:
                seg_units, seg_tokens = self._read_segment(name)
                units.extend(seg_units)
                tokens.update(seg_tokens)
            for name in set(self._segment_cache) - set(names):  # keep only what the live generation uses
                del self._segment_cache[name]
        table = UnitTable(units)
        lexical = LexicalIndex.load(folder / "lexical")
        if lexical.segment != segment or lexical.ids != table.ids:
            # Asked for the other tokenisation (an evaluation baseline): build it in memory only.
            if lexical.segment != segment:
                tokens = {u.id: lexical_tokens(u.embed_text, segment=segment) for u in units}
            lexical = LexicalIndex.build(table.ids, [tokens[i] for i in table.ids], segment=segment)
        return Generation(number, table, docs, lexical, tokens)

    def read_idf(self, number: int) -> Idf | None:
        """The Idf stored with generation `number`, or None (nothing published, or written before)."""
        if number <= 0:
            return None
        try:
            return idf_from_bytes((self.path(number) / IDF_FILE).read_bytes())
        except (FileNotFoundError, OSError, ValueError, EOFError):
            return None

    def load_current(self, segment: bool = True) -> Generation:
        return self.load(self.read_current(), segment)

    # ------------------------------------------------------------------ write
    def write(self, units: Sequence[Unit], docs: dict[str, dict[str, Any]],
              previous_tokens: dict[str, list[str]] | None = None, segment: bool = True,
              structures: dict[str, ParsedDocument] | None = None, idf: Idf | None = None) -> Generation:
        """Write the segments of new document versions (with the structures given for them) and a new
        generation folder (not yet live)."""
        number = self.next_number()
        tmp = self.root / f".tmp-{number}-{os.getpid()}"
        if tmp.exists():
            shutil.rmtree(tmp)
        tmp.mkdir(parents=True)
        crash_point("gen-tmp-created")
        previous_tokens = previous_tokens or {}
        tokens = {u.id: previous_tokens.get(u.id) or _interned(lexical_tokens(u.embed_text, segment=segment))
                  for u in units}
        by_doc: dict[str, list[Unit]] = {}
        for u in units:
            by_doc.setdefault(u.doc, []).append(u)
        docs = {d: dict(info) for d, info in docs.items()}
        ordered: list[Unit] = []
        for doc, info in docs.items():
            doc_units = by_doc.get(doc, [])
            name = self.segment_name(doc, [u.id for u in doc_units], segment)
            self._write_segment(name, doc_units, tokens)
            if structures and doc in structures:
                self._write_structure(name, structures[doc])
            self._segment_cache.setdefault(name, (doc_units, {u.id: tokens[u.id] for u in doc_units}))
            info["segment"] = name
            ordered.extend(doc_units)
        crash_point("gen-units-written")
        fsync_write(tmp / "docs.json", json.dumps(docs, ensure_ascii=False, indent=1))
        crash_point("gen-docs-written")  # the generation folder half written: documents, no lexical index
        table = UnitTable(ordered)
        lexical = LexicalIndex.build(table.ids, [tokens[i] for i in table.ids], segment=segment)
        lexical.save(tmp / "lexical")
        if idf is not None:
            fsync_write(tmp / IDF_FILE, idf_to_bytes(idf))
        crash_point("gen-tmp-complete")
        os.replace(tmp, self.path(number))
        return Generation(number, table, docs, lexical, tokens)

    def collect(self, keep: set[int]) -> list[int]:
        """Remove generation folders not in `keep` (and leftovers of interrupted writes), then the
        segments no kept generation names. Called under the writer lock."""
        removed: list[int] = []
        for p in self.root.iterdir():
            if p.name.startswith(".tmp-"):
                shutil.rmtree(p, ignore_errors=True)
            elif p.is_dir() and p.name.isdigit() and int(p.name) not in keep:
                shutil.rmtree(p, ignore_errors=True)
                removed.append(int(p.name))
        used: set[str] = set()
        for n in self.numbers():
            with contextlib.suppress(OSError, ValueError):
                docs = json.loads((self.path(n) / "docs.json").read_text(encoding="utf-8"))
                used |= {str(info.get("segment")) for info in docs.values() if isinstance(info, dict)}
        for p in self.segments.iterdir():
            if p.name.removesuffix(STRUCTURE_SUFFIX) not in used:  # a segment and its structure go together
                p.unlink(missing_ok=True)
        return sorted(removed)
