"""The records of one version of one document on disk, under `index_dir/segments/` (generations.py says how
generations name them):

    <doc>.<hash>.jsonl               its units, one a line, each after its lexical tokens ({"tokens": [...]}
                                     then a tab); the name hashes its unit ids, so it is written once and
                                     shared by every generation that has that version of the document
    <doc>.<hash>.jsonl.doc.json.gz   its structure (the ParsedDocument without its units), for the staff tools

Files are written under a temporary name, synced and renamed into place, and never changed afterwards.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from ingest.models import ParsedDocument, Unit

STRUCTURE_SUFFIX = ".doc.json.gz"


def interned(tokens: list[str]) -> list[str]:
    """One string object per distinct token: with the bm25s engine the lexical tokens of every unit stay in
    memory (to rebuild the BM25 index without re-tokenising), and unshared they cost ~1.5 GB per 100k units,
    ~0.2 GB shared."""
    return [sys.intern(t) for t in tokens]


def fsync_write(path: Path, data: str | bytes) -> None:
    with open(path, "wb") as fh:
        fh.write(data.encode("utf-8") if isinstance(data, str) else data)
        fh.flush()
        os.fsync(fh.fileno())


class SegmentFiles:
    """The segments folder. With the bm25s engine a writer keeps the tokens of the segments in use in memory
    (to rebuild the BM25 index without re-tokenising); the units themselves are read from the unit store
    (unitstore.py), not from these files, except to store a segment there for the first time."""

    reads = 0  # segment files opened by this process (for tests: opening an index reads none)

    def __init__(self, folder: Path) -> None:
        self.dir = Path(folder)
        self.dir.mkdir(parents=True, exist_ok=True)
        self.cache: dict[str, list[list[str]]] = {}  # segment -> its units' tokens, in order

    @staticmethod
    def name(doc: str, ids: Sequence[str], segment: bool) -> str:
        slug = "".join(c if c.isalnum() or c in "-_" else "-" for c in doc)[:60] or "doc"
        h = hashlib.sha256(("seg" if segment else "raw").encode() + "\n".join(ids).encode()).hexdigest()[:16]
        return f"{slug}.{h}.jsonl"

    def exists(self, name: str) -> bool:
        return (self.dir / name).exists()

    def write(self, name: str, units: Sequence[Unit], tokens: dict[str, list[str]]) -> None:
        path = self.dir / name
        if path.exists():  # content-addressed: the same name holds the same units
            return
        tmp = self.dir / f".{name}.{os.getpid()}.tmp"
        fsync_write(tmp, "".join(json.dumps({"tokens": tokens[u.id]}, ensure_ascii=False) + "\t"
                                  + u.model_dump_json() + "\n" for u in units))
        os.replace(tmp, path)

    def _lines(self, name: str) -> Iterator[tuple[str, str]]:
        SegmentFiles.reads += 1
        with open(self.dir / name, encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    head, _, body = line.partition("\t")
                    yield head, body

    def read(self, name: str) -> tuple[list[Unit], dict[str, list[str]]]:
        """A segment's units and their tokens, read from its file (not kept)."""
        units: list[Unit] = []
        tokens: dict[str, list[str]] = {}
        for head, body in self._lines(name):
            u = Unit.model_validate_json(body)
            units.append(u)
            tokens[u.id] = interned(json.loads(head)["tokens"])
        return units, tokens

    def token_lists(self, name: str) -> list[list[str]]:
        """The tokens of a segment's units in order (its units are not parsed); kept until `keep_only`."""
        cached = self.cache.get(name)
        if cached is None:
            cached = [interned(json.loads(head)["tokens"]) for head, _ in self._lines(name)]
            self.cache[name] = cached
        return cached

    def pairs(self, name: str) -> list[tuple[Unit, list[str]]]:
        """(unit, tokens) of a segment, read from its file."""
        units, tokens = self.read(name)
        return [(u, tokens[u.id]) for u in units]

    def keep_only(self, names: Iterable[str]) -> None:
        """Forget the cached tokens of the segments not named (the live generation's)."""
        for name in set(self.cache) - set(names):
            del self.cache[name]

    # ------------------------------------------------------------------ structures
    def structure_path(self, name: str) -> Path:
        return self.dir / (name + STRUCTURE_SUFFIX)

    def has_structure(self, name: str | None) -> bool:
        return bool(name) and self.structure_path(str(name)).exists()

    def write_structure(self, name: str, doc: ParsedDocument) -> None:
        """The document's structure beside its segment: the staff tools (not-achieved items, the plan
        checker) read sections and tables, which the units alone do not keep. Gzipped (112 KB -> 17 KB
        for the corpus plan)."""
        path = self.structure_path(name)
        if path.exists():
            return
        tmp = self.dir / f".{name}.{os.getpid()}.doc.tmp"
        fsync_write(tmp, gzip.compress(doc.model_dump_json(exclude={"units"}).encode("utf-8"), 6))
        os.replace(tmp, path)

    def read_structure(self, name: str) -> ParsedDocument | None:
        """The stored structure of a segment (no units), or None for a version indexed without one."""
        try:
            data = gzip.decompress(self.structure_path(name).read_bytes())
        except (FileNotFoundError, OSError, EOFError):
            return None
        return ParsedDocument.model_validate_json(data)

    def collect(self, used: set[str]) -> None:
        """Remove the segments (and their structures) no kept generation names."""
        for p in self.dir.iterdir():
            if p.name.removesuffix(STRUCTURE_SUFFIX) not in used:  # a segment and its structure go together
                p.unlink(missing_ok=True)
