"""Atomic publishing of the index as numbered generations.

The vector store (Chroma) and the lexical index share no transaction, so they are published together:

    index_dir/segments/<doc>.<hash>.jsonl  one document's units with their lexical tokens, named by the hash
                                           of its unit ids (content hashes): written once, never changed,
                                           shared by every generation that has that version of the doc
    index_dir/segments/<doc>.<hash>.jsonl.doc.json.gz
                                           the same version's structure (sections, annexes, tables, meta:
                                           the ParsedDocument without its units), for the staff tools
    index_dir/units.sqlite3                the unit store (unitstore.py): every stored segment's units, one
                                           row per (segment, position), read by id / document when needed;
                                           a segment's rows are committed before CURRENT names a generation
                                           that uses it, deleted by `collect` when no kept generation does
    index_dir/gen/<n>/docs.json            doc id -> {doc_title, units, rows, ingested_at, source, sha256,
                                           segment}, in document order
    index_dir/gen/<n>/lexical/             the bm25s index over every unit (engine "bm25s")
    index_dir/gen/<n>/tantivy/             engine "tantivy": the Tantivy index of the generation's units,
                                           the previous generation's files hard-linked, the changed
                                           documents' units deleted and added (lexical_tantivy.py)
    index_dir/gen/<n>/idf.json.gz          the answer composer's word counts over every unit (updated by
                                           the publisher from the previous generation's)
    index_dir/CURRENT                      the number of the live generation, replaced atomically

A publish writes only the segments (files and store rows) of changed documents, and reads only their units
(so ingesting one plan into an index of a thousand costs one plan's records, not a rewrite of all of them)
plus docs.json and the lexical index; with the Tantivy engine it derives the generation's Tantivy index from
the live one's (one document's units deleted and added) instead of rebuilding a BM25 index.
Loading a generation reads docs.json and the store's segment sizes, no segment file and no unit: units are
read from the store when asked for (StoredTable). With the bm25s engine a writer reads every segment's tokens
(kept in memory, to rebuild BM25) and readers every unit id. An index written before the store has its live
segments stored from their files on first open (under the writer lock). Generation folders of earlier
versions (units.jsonl + tokens.jsonl) still load, in memory; the next publish moves them to segments.

A publish writes the new folder under a temporary name, renames it into place, then replaces CURRENT
(write a temporary file + `os.replace`). Vectors of new units are added to Chroma before that; dense
results are filtered to the ids of the live generation, so until CURRENT names the new generation every
reader answers exactly as before, and a crash at any point leaves the previous generation live (rows a
crashed publish stored in the unit store are named by no generation: the next publish reuses or collects them).
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
from collections.abc import Iterator
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
from assistant.index.unitstore import StoredTable, UnitStore
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
    table: UnitTable | StoredTable  # in memory only for a generation written before segments
    docs: dict[str, dict[str, Any]]
    lexical: LexicalLeg
    tokens: dict[str, list[str]]  # a generation written before segments only (units.jsonl + tokens.jsonl)

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
        self.units = UnitStore(self.dir)
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

    def store_segments(self, docs: dict[str, dict[str, Any]]) -> int:
        """Store in the unit store the segments of these documents it lacks (an index written before the
        store, or a segment file left by an interrupted publish), from their files. Idempotent; each segment
        in its own transaction. Returns how many were stored."""
        names = {str(i["segment"]): d for d, i in docs.items() if i.get("segment")}
        have = self.units.sizes(names)
        done = 0
        for name, doc in names.items():
            if name not in have:
                done += self.units.add(name, doc, self.files.read(name)[0])
        return done

    # ------------------------------------------------------------------ read
    def load(self, number: int, segment: bool = True) -> Generation:
        if number <= 0:
            return Generation.empty(segment)
        folder = self.path(number)
        docs = json.loads((folder / "docs.json").read_text(encoding="utf-8"))
        if (folder / "units.jsonl").exists():  # a generation written before segments
            return self._load_units_jsonl(number, docs, segment)
        names = [str(info["segment"]) for info in docs.values()]
        self.files.keep_only(names)  # keep only the tokens the live generation uses
        if len(self.units.sizes(names)) < len(set(names)):  # written before the unit store: store it now
            with self.lock():
                self.store_segments(docs)
        try:
            table = StoredTable(self.units, [(d, str(i["segment"])) for d, i in docs.items()])
        except LookupError as e:  # its segments collected under us by newer publishes: the caller retries
            raise FileNotFoundError(folder) from e
        if self.uses_tantivy(number, segment):
            try:
                engine = TantivyLexical(self.tantivy_path(number))
            except Exception as e:
                if not folder.exists():  # collected under us by a newer publish: the caller retries
                    raise FileNotFoundError(folder) from e
                raise
            return Generation(number, table, docs, engine.leg(table.positions), {})
        if self.engine == "tantivy" and segment and not folder.exists():
            raise FileNotFoundError(folder)  # collected under us: not rebuilt in memory from its segments
        if segment and (folder / "lexical").exists():
            lexical = LexicalIndex.load(folder / "lexical")
            if lexical.segment and lexical.ids == table.ids:
                return Generation(number, table, docs, Bm25sLeg(lexical, table.mask), {})
        # Written by the Tantivy engine, or asked for the other tokenisation (an evaluation baseline): bm25s
        # built in memory, from the segments' tokens or (raw syllables) from the units.
        if segment:
            toks = [t for name in names for t in self.files.token_lists(name)]
        else:
            toks = [lexical_tokens(u.embed_text, segment=False) for u in table.iter_units()]
        lexical = LexicalIndex.build(table.ids, toks, segment=segment)
        return Generation(number, table, docs, Bm25sLeg(lexical, table.mask), {})

    def _load_units_jsonl(self, number: int, docs: dict[str, Any], segment: bool) -> Generation:
        """A generation folder of an earlier version (units.jsonl + tokens.jsonl, no segments): in memory,
        bm25s; the next publish writes its segments and stores them."""
        folder = self.path(number)
        with open(folder / "units.jsonl", encoding="utf-8") as fh:
            units = [Unit.model_validate_json(line) for line in fh if line.strip()]
        tokens: dict[str, list[str]] = {}
        with open(folder / "tokens.jsonl", encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    rec = json.loads(line)
                    tokens[rec["id"]] = interned(rec["tokens"])
        table = UnitTable(units)
        lexical = LexicalIndex.load(folder / "lexical") if (folder / "lexical").exists() else None
        if lexical is None or lexical.segment != segment or lexical.ids != table.ids:
            if lexical is not None and lexical.segment != segment:
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
    def write(self, docs: dict[str, dict[str, Any]], changed: dict[str, list[Unit]], base: Generation,
              segment: bool = True, structures: dict[str, ParsedDocument] | None = None,
              idf: Idf | None = None) -> Generation:
        """Write a new generation folder (not yet live) with these documents: the `changed` ones with these
        units, the others as in `base` (the live generation). New document versions get their segment file
        (with the structure given for them) and their rows in the unit store, before the folder is renamed
        into place: only the changed documents' units are read or written."""
        number = self.next_number()
        tmp = self.root / f".tmp-{number}-{os.getpid()}"
        if tmp.exists():
            shutil.rmtree(tmp)
        tmp.mkdir(parents=True)
        crash_point("gen-tmp-created")
        tantivy = self.engine == "tantivy" and segment
        base_tv = self.tantivy_path(base.number) if self.uses_tantivy(base.number, segment) else None
        present = {str(i.get("segment")) for i in base.docs.values()} if base_tv is not None else set()
        docs = {d: dict(info) for d, info in docs.items()}
        fresh: dict[str, tuple[str, list[Unit]]] = {}  # segment -> (doc, units) to store
        adding: dict[str, list[tuple[Unit, list[str]]]] = {}
        for doc, info in docs.items():
            name = str(info.get("segment") or "")
            if doc not in changed and name and segment and self.files.exists(name):
                if tantivy and name not in present:
                    adding[name] = self.files.pairs(name)
                continue  # the same version as in `base`
            doc_units = changed[doc] if doc in changed else base.table.of_doc(doc)
            name = self.files.name(doc, [u.id for u in doc_units], segment)
            if not self.files.exists(name):
                tokens = {u.id: base.tokens.get(u.id) or interned(lexical_tokens(u.embed_text, segment=segment))
                          for u in doc_units}
                self.files.write(name, doc_units, tokens)
                if tantivy:
                    adding[name] = [(u, tokens[u.id]) for u in doc_units]
            elif tantivy and name not in present:
                adding[name] = self.files.pairs(name)
            if structures and doc in structures:
                self.files.write_structure(name, structures[doc])
            info["segment"] = name
            fresh[name] = (doc, doc_units)
        crash_point("gen-units-written")
        stored = self.units.sizes(fresh)
        for name, (doc, doc_units) in fresh.items():
            if name not in stored:
                self.units.add(name, doc, doc_units)
        crash_point("units-stored")  # the new rows are in the store (committed), no generation names them yet
        if tantivy:  # in the temporary generation folder: the live generation's index is not touched
            live_names = {str(info["segment"]) for info in docs.values()}
            TantivyLexical.derive(base_tv, tmp / TANTIVY_DIR, adding, present - live_names)
            crash_point("lexical-committed")
        fsync_write(tmp / "docs.json", json.dumps(docs, ensure_ascii=False, indent=1))
        crash_point("gen-docs-written")  # the generation folder half written: documents, no lexical index
        table = StoredTable(self.units, [(d, str(i["segment"])) for d, i in docs.items()])
        lexical: LexicalLeg | None = None
        if not tantivy:
            names = [str(i["segment"]) for i in docs.values()]
            bm25 = LexicalIndex.build(table.ids, [t for n in names for t in self.files.token_lists(n)],
                                      segment=segment)
            bm25.save(tmp / "lexical")
            self.files.keep_only(names)
            lexical = Bm25sLeg(bm25, table.mask)
        if idf is not None:
            fsync_write(tmp / IDF_FILE, idf_to_bytes(idf))
        crash_point("gen-tmp-complete")
        os.replace(tmp, self.path(number))
        if lexical is None:  # opened where it now lies
            lexical = TantivyLexical(self.tantivy_path(number)).leg(table.positions)
        return Generation(number, table, docs, lexical, {})

    def collect(self, keep: set[int]) -> list[int]:
        """Remove generation folders not in `keep` (and leftovers of interrupted writes), then the
        segments (files and unit-store rows) no kept generation names. Called under the writer lock."""
        removed: list[int] = []
        for p in self.root.iterdir():
            if p.name.startswith(".tmp-"):
                shutil.rmtree(p, ignore_errors=True)
            elif p.is_dir() and p.name.isdigit() and int(p.name) not in keep:
                shutil.rmtree(p, ignore_errors=True)
                removed.append(int(p.name))
        used: set[str] = set()
        for n in self.numbers():
            try:
                docs = json.loads((self.path(n) / "docs.json").read_text(encoding="utf-8"))
            except (OSError, ValueError):
                return sorted(removed)  # a kept generation unreadable: remove no segment
            used |= {str(info.get("segment")) for info in docs.values() if isinstance(info, dict)}
        self.units.collect(used)
        self.files.collect(used)
        return sorted(removed)
