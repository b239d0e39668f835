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
from collections.abc import Iterable, Sequence
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
    """The segments folder, with the units (and, when asked, tokens) of the segments in use kept in memory."""

    def __init__(self, folder: Path) -> None:
        self.dir = Path(folder)
        self.dir.mkdir(parents=True, exist_ok=True)
        self.cache: dict[str, tuple[list[Unit], dict[str, list[str]]]] = {}

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

    def read(self, name: str, with_tokens: bool = True) -> tuple[list[Unit], dict[str, list[str]]]:
        """A segment's units and (unless `with_tokens` is False: the Tantivy engine keeps none in memory)
        their tokens; cached until `collect` or `keep_only` drops it."""
        cached = self.cache.get(name)
        if cached is not None and (cached[1] or not with_tokens or not cached[0]):
            return cached
        units: list[Unit] = []
        tokens: dict[str, list[str]] = {}
        with open(self.dir / name, encoding="utf-8") as fh:
            for line in fh:
                if not line.strip():
                    continue
                head, _, body = line.partition("\t")
                u = Unit.model_validate_json(body)
                units.append(u)
                if with_tokens:
                    tokens[u.id] = interned(json.loads(head)["tokens"])
        self.cache[name] = (units, tokens)
        return units, tokens

    def pairs(self, name: str) -> list[tuple[Unit, list[str]]]:
        """(unit, tokens) of a segment, read from its file."""
        units, tokens = self.read(name, with_tokens=True)
        return [(u, tokens[u.id]) for u in units]

    def keep_only(self, names: Iterable[str]) -> None:
        """Forget the cached segments not named (the live generation's)."""
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
