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
    index_dir/gen/<n>/lexical/             the bm25s index over every unit (engine "bm25s")
    index_dir/gen/<n>/tantivy/             engine "tantivy": the Tantivy index of the generation's units,
                                           the previous generation's files hard-linked, the changed
                                           documents' units deleted and added (lexical_tantivy.py)
    index_dir/gen/<n>/idf.json.gz          the answer composer's word counts over every unit (updated by
                                           the publisher from the previous generation's)
    index_dir/CURRENT                      the number of the live generation, replaced atomically

A publish writes only the segments of changed documents (so ingesting one plan into an index of a
thousand costs one plan's records, not a rewrite of all of them) plus docs.json and the BM25 index; with
the Tantivy engine it derives the generation's Tantivy index from the live one's (one document's units
deleted and added) instead of rebuilding a BM25 index, and no process keeps the units' tokens in memory.
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
import json
import os
import shutil
import signal
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from assistant.access import STAFF
from assistant.index.idf import Idf, idf_from_bytes, idf_to_bytes
from assistant.index.lexical import Bm25sLeg, LexicalIndex, LexicalLeg, lexical_tokens
from assistant.index.lexical_tantivy import TantivyLexical
from assistant.index.segments import SegmentFiles, fsync_write, interned
from assistant.index.store import UnitTable
from ingest.models import ParsedDocument, Unit

CRASH_ENV = "KEHOACH_CRASH_AT"
HOLD_ENV = "KEHOACH_HOLD_AT"
TANTIVY_DIR = "tantivy"
ENGINES = ("bm25s", "tantivy")
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
    lexical: LexicalLeg
    tokens: dict[str, list[str]]  # bm25s only (to rebuild it at the next publish); empty with Tantivy

    @classmethod
    def empty(cls, segment: bool = True) -> Generation:
        table = UnitTable([])
        return cls(0, table, {}, Bm25sLeg(LexicalIndex.build([], [], segment=segment), table.mask), {})

    @cached_property
    def staff_docs(self) -> frozenset[str]:
        """Documents only staff may read (visibility "staff"); every other one is public."""
        return frozenset(d for d, info in self.docs.items() if info.get("visibility") == STAFF)


class GenerationStore:
    """The generation folders and the CURRENT pointer under one index folder."""

    def __init__(self, index_dir: Path, engine: str = "bm25s") -> None:
        if engine not in ENGINES:
            raise ValueError(f"unknown lexical engine {engine!r} (accepted: {', '.join(ENGINES)})")
        self.engine = engine
        self.dir = Path(index_dir)
        self.root = self.dir / "gen"
        self.current_file = self.dir / "CURRENT"
        self.root.mkdir(parents=True, exist_ok=True)
        self.files = SegmentFiles(self.dir / "segments")
        self.segments = self.files.dir
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
    def has_structure(self, name: str | None) -> bool:
        return self.files.has_structure(name)

    def read_structure(self, name: str) -> ParsedDocument | None:
        return self.files.read_structure(name)

    def tantivy_path(self, number: int) -> Path:
        return self.path(number) / TANTIVY_DIR

    def uses_tantivy(self, number: int, segment: bool) -> bool:
        """Tantivy serves generation `number` when it has its Tantivy index (written by the Tantivy engine or
        migrated), for the segmented tokens (the raw-syllable baseline is bm25s, built in memory)."""
        return self.engine == "tantivy" and segment and number > 0 and self.tantivy_path(number).is_dir()

    def migrate_tantivy(self, number: int) -> None:
        """Give generation `number` (published by the bm25s engine) its Tantivy index, built from its segment
        files (they keep every unit's tokens) in a temporary folder renamed into place: a crash leaves the
        generation as it was. Called under the writer lock; readers meanwhile keep using bm25s."""
        folder = self.path(number)
        docs = json.loads((folder / "docs.json").read_text(encoding="utf-8"))
        if not all(info.get("segment") for info in docs.values()):
            return  # written before segments: the next publish writes them, and a Tantivy index
        tmp = folder / ".tantivy-tmp"
        shutil.rmtree(tmp, ignore_errors=True)
        TantivyLexical.derive(None, tmp, {str(i["segment"]): self.files.pairs(str(i["segment"]))
                                          for i in docs.values()})
        os.replace(tmp, self.tantivy_path(number))
        for name in [str(i["segment"]) for i in docs.values()]:  # the tokens were needed once
            cached = self.files.cache.get(name)
            if cached is not None:
                self.files.cache[name] = (cached[0], {})

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
                        tokens[rec["id"]] = interned(rec["tokens"])
        else:
            names = [info["segment"] for info in docs.values()]
            tantivy = self.uses_tantivy(number, segment)
            for name in names:
                seg_units, seg_tokens = self.files.read(name, with_tokens=not tantivy)
                units.extend(seg_units)
                tokens.update(seg_tokens)
            self.files.keep_only(names)  # keep only what the live generation uses
            if tantivy:
                table = UnitTable(units)
                try:
                    engine = TantivyLexical(self.tantivy_path(number))
                except Exception as e:
                    if not folder.exists():  # collected under us by a newer publish: the caller retries
                        raise FileNotFoundError(folder) from e
                    raise
                return Generation(number, table, docs, engine.leg(table.pos), {})
            if self.engine == "tantivy" and segment and not folder.exists():
                raise FileNotFoundError(folder)  # collected under us: not rebuilt in memory from its segments
        table = UnitTable(units)
        if not (folder / "lexical").exists():  # written by the Tantivy engine: build bm25s in memory
            lexical = LexicalIndex.build(table.ids, [tokens[i] for i in table.ids], segment=True)
        else:
            lexical = LexicalIndex.load(folder / "lexical")
        if lexical.segment != segment or lexical.ids != table.ids:
            # Asked for the other tokenisation (an evaluation baseline): build it in memory only.
            if lexical.segment != segment:
                tokens = {u.id: lexical_tokens(u.embed_text, segment=segment) for u in units}
            lexical = LexicalIndex.build(table.ids, [tokens[i] for i in table.ids], segment=segment)
        return Generation(number, table, docs, Bm25sLeg(lexical, table.mask), tokens)

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
        tantivy = self.engine == "tantivy" and segment
        base = self.read_current()  # the live generation: the one this publish changes (writer lock held)
        base_tv = self.tantivy_path(base) if self.uses_tantivy(base, segment) else None
        present: set[str] = set()
        if base_tv is not None:
            with contextlib.suppress(OSError, ValueError):
                present = {str(i.get("segment")) for i in
                           json.loads((self.path(base) / "docs.json").read_text(encoding="utf-8")).values()}
        tokens: dict[str, list[str]] = {}
        by_doc: dict[str, list[Unit]] = {}
        for u in units:
            by_doc.setdefault(u.doc, []).append(u)
        docs = {d: dict(info) for d, info in docs.items()}
        ordered: list[Unit] = []
        adding: dict[str, list[tuple[Unit, list[str]]]] = {}
        for doc, info in docs.items():
            doc_units = by_doc.get(doc, [])
            name = self.files.name(doc, [u.id for u in doc_units], segment)
            if tantivy and name in present and self.files.exists(name):
                self.files.cache.setdefault(name, (doc_units, {}))  # tokens only in Tantivy and the file
            else:
                kept: dict[str, list[str]] = {}  # tokens kept in the segment file (a migration, a retry)
                if any(u.id not in previous_tokens for u in doc_units) and self.files.exists(name):
                    kept = self.files.read(name)[1]
                doc_tokens = {u.id: previous_tokens.get(u.id) or kept.get(u.id)
                              or interned(lexical_tokens(u.embed_text, segment=segment)) for u in doc_units}
                self.files.write(name, doc_units, doc_tokens)
                if tantivy:
                    adding[name] = [(u, doc_tokens[u.id]) for u in doc_units]
                    self.files.cache[name] = (doc_units, {})
                else:
                    tokens.update(doc_tokens)
                    self.files.cache.setdefault(name, (doc_units, doc_tokens))
            if structures and doc in structures:
                self.files.write_structure(name, structures[doc])
            info["segment"] = name
            ordered.extend(doc_units)
        crash_point("gen-units-written")
        if tantivy:  # in the temporary generation folder: the live generation's index is not touched
            live_names = {str(info["segment"]) for info in docs.values()}
            TantivyLexical.derive(base_tv, tmp / TANTIVY_DIR, adding, present - live_names)
            crash_point("lexical-committed")
        fsync_write(tmp / "docs.json", json.dumps(docs, ensure_ascii=False, indent=1))
        crash_point("gen-docs-written")  # the generation folder half written: documents, no lexical index
        table = UnitTable(ordered)
        lexical: LexicalLeg | None = None
        if not tantivy:
            bm25 = LexicalIndex.build(table.ids, [tokens[i] for i in table.ids], segment=segment)
            bm25.save(tmp / "lexical")
            lexical = Bm25sLeg(bm25, table.mask)
        if idf is not None:
            fsync_write(tmp / IDF_FILE, idf_to_bytes(idf))
        crash_point("gen-tmp-complete")
        os.replace(tmp, self.path(number))
        if lexical is None:  # opened where it now lies
            lexical = TantivyLexical(self.tantivy_path(number)).leg(table.pos)
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
        self.files.collect(used)
        return sorted(removed)
