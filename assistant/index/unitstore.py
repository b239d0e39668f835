"""The units of every stored document version, on disk in SQLite, read when needed.

`index_dir/units.sqlite3` (WAL mode: readers never wait for a writer, nor a writer for readers) holds one
row per unit of each segment (one version of one document, named by the hash of its unit ids, see
generations.py): (segment, position) -> the unit's JSON, with its id, doc and kind as columns to look it
up by, and the few metadata a filter reads. A segment is stored in one transaction, its row in `segs` last:
a segment listed there is whole. A publish stores the rows of its new segments (and commits them, synced)
before CURRENT names the generation that uses them; `collect` deletes the rows of segments no kept
generation names. A segment's rows never change once stored (its name is its content).

`StoredTable` is one generation's view of the store (its segments in document order): the lookups search
and answering need (a unit by id, a document's units, neighbours, a table's rows, meta units), each read
from SQLite with a small LRU cache, so a process holds a bounded number of units whatever the index size.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from assistant.index.filters import Filters
from ingest.models import Unit

STORE_FILE = "units.sqlite3"
DOCS_KEPT = 16  # documents' unit lists kept in memory per generation (least recently used out)
UNITS_KEPT = 4096  # units kept by id per generation
CHUNK = 500  # ids or segments per SQL statement (SQLite allows 32766 parameters)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS units (
    seg TEXT NOT NULL, pos INTEGER NOT NULL, id TEXT NOT NULL, doc TEXT NOT NULL, kind TEXT NOT NULL,
    filt TEXT NOT NULL, json TEXT NOT NULL, PRIMARY KEY (seg, pos)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS units_id ON units (id);
CREATE INDEX IF NOT EXISTS units_kind ON units (seg, kind);
CREATE TABLE IF NOT EXISTS segs (seg TEXT PRIMARY KEY, doc TEXT NOT NULL, n INTEGER NOT NULL) WITHOUT ROWID;
"""


def filter_fields(unit: Unit) -> dict[str, Any]:
    """What `Filters.matches` reads of a unit's metadata: its doc, district and true level/role flags."""
    md = unit.metadata
    out: dict[str, Any] = {"doc": md.get("doc", unit.doc)}
    if md.get("district") is not None:
        out["district"] = md["district"]
    out.update({k: True for k, v in md.items() if v is True and k.startswith(("level_", "role_"))})
    return out


def _chunks(items: Sequence[str], n: int = CHUNK) -> Iterator[Sequence[str]]:
    for i in range(0, len(items), n):
        yield items[i:i + n]


class UnitStore:
    """The SQLite file of stored segments. One connection per thread (and per process, after a fork)."""

    def __init__(self, index_dir: Path) -> None:
        self.path = Path(index_dir) / STORE_FILE
        self._local = threading.local()
        with self._conn() as c:
            c.executescript(_SCHEMA)

    def _conn(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None or getattr(self._local, "pid", None) != os.getpid():
            conn = sqlite3.connect(self.path, timeout=60.0, isolation_level=None, check_same_thread=False)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=FULL")  # a commit is on disk before CURRENT names its rows
            self._local.conn, self._local.pid = conn, os.getpid()
        return conn

    def close(self) -> None:
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None

    # ------------------------------------------------------------------ write
    def add(self, seg: str, doc: str, units: Sequence[Unit]) -> bool:
        """Store a segment's units (in one transaction); False when it was stored already."""
        c = self._conn()
        c.execute("BEGIN IMMEDIATE")
        try:
            if c.execute("SELECT 1 FROM segs WHERE seg = ?", (seg,)).fetchone():
                c.execute("ROLLBACK")
                return False
            c.execute("DELETE FROM units WHERE seg = ?", (seg,))
            c.executemany("INSERT INTO units VALUES (?, ?, ?, ?, ?, ?, ?)",
                          ((seg, i, u.id, u.doc, u.kind, json.dumps(filter_fields(u), ensure_ascii=False),
                            u.model_dump_json()) for i, u in enumerate(units)))
            c.execute("INSERT INTO segs VALUES (?, ?, ?)", (seg, doc, len(units)))
            c.execute("COMMIT")
        except BaseException:
            c.execute("ROLLBACK")
            raise
        return True

    def collect(self, used: set[str]) -> list[str]:
        """Delete the rows of the segments not in `used`; returns their names."""
        c = self._conn()
        dead = [s for (s,) in c.execute("SELECT seg FROM segs") if s not in used]  # rows come with their segs row
        if dead:
            c.execute("BEGIN IMMEDIATE")
            try:
                for part in _chunks(dead):
                    marks = ",".join("?" * len(part))
                    c.execute(f"DELETE FROM segs WHERE seg IN ({marks})", part)
                    c.execute(f"DELETE FROM units WHERE seg IN ({marks})", part)
                c.execute("COMMIT")
            except BaseException:
                c.execute("ROLLBACK")
                raise
        return dead

    # ------------------------------------------------------------------ read
    def sizes(self, segs: Iterable[str]) -> dict[str, int]:
        """Unit count of each of these segments that is stored whole."""
        names = list(dict.fromkeys(segs))
        out: dict[str, int] = {}
        for part in _chunks(names):
            q = f"SELECT seg, n FROM segs WHERE seg IN ({','.join('?' * len(part))})"
            out.update(self._conn().execute(q, part).fetchall())
        return out

    def units_of(self, seg: str) -> list[Unit]:
        rows = self._conn().execute("SELECT json FROM units WHERE seg = ? ORDER BY pos", (seg,))
        return [Unit.model_validate_json(j) for (j,) in rows]

    def column_of(self, seg: str, column: str) -> list[str]:
        assert column in ("id", "filt", "kind", "doc")
        return [v for (v,) in self._conn().execute(f"SELECT {column} FROM units WHERE seg = ? ORDER BY pos", (seg,))]

    def by_ids(self, ids: Sequence[str], with_json: bool = False) -> list[tuple[str, str, int, str]]:
        """(id, seg, pos, json or "") of every stored row of these ids (in any segment)."""
        out: list[tuple[str, str, int, str]] = []
        col = "json" if with_json else "''"
        for part in _chunks(list(dict.fromkeys(ids))):
            q = f"SELECT id, seg, pos, {col} FROM units WHERE id IN ({','.join('?' * len(part))})"
            out.extend(self._conn().execute(q, part).fetchall())
        return out

    def of_kind(self, segs: Sequence[str], kind: str) -> list[tuple[str, str]]:
        """(seg, json) of the units of this kind in these segments."""
        out: list[tuple[str, str]] = []
        for part in _chunks(list(segs)):
            q = f"SELECT seg, json FROM units WHERE kind = ? AND seg IN ({','.join('?' * len(part))}) ORDER BY seg, pos"
            out.extend(self._conn().execute(q, [kind, *part]).fetchall())
        return out


class StoredTable:
    """The units of one generation, read from the store: the `UnitTable` interface without the units in memory.

    `segs` lists the generation's (doc, segment) in document order; every segment must be stored whole."""

    def __init__(self, store: UnitStore, segs: Sequence[tuple[str, str]]) -> None:
        self.store = store
        self.segs = list(segs)
        self.seg_of = {doc: seg for doc, seg in self.segs}
        self.live = frozenset(self.seg_of.values())
        sizes = store.sizes(self.live)
        missing = [s for s in self.live if s not in sizes]
        if missing:
            raise LookupError(f"segments not in the unit store: {missing[:3]}")
        self.offset: dict[str, int] = {}
        total = 0
        for _, seg in self.segs:
            self.offset[seg] = total
            total += sizes[seg]
        self.total = total
        self._lock = threading.Lock()
        self._docs: OrderedDict[str, list[Unit]] = OrderedDict()
        self._units: OrderedDict[str, Unit | None] = OrderedDict()
        self._metas: dict[str, Unit | None] = {}
        self._ids: list[str] | None = None
        self._masks: dict[Filters, np.ndarray] = {}

    def __len__(self) -> int:
        return self.total

    # ------------------------------------------------------------------ by document
    def of_doc(self, doc: str | None) -> list[Unit]:
        """A document's units in document order (None: every unit, read from the store now)."""
        if doc is None:
            return list(self.iter_units())
        seg = self.seg_of.get(doc)
        if seg is None:
            return []
        with self._lock:
            got = self._docs.get(seg)
            if got is not None:
                self._docs.move_to_end(seg)
                return list(got)
        got = self.store.units_of(seg)
        with self._lock:
            self._docs[seg] = got
            while len(self._docs) > DOCS_KEPT:
                self._docs.popitem(last=False)
        return list(got)

    def ids_of(self, doc: str) -> list[str]:
        """A document's unit ids in document order (its units not parsed)."""
        seg = self.seg_of.get(doc)
        return [] if seg is None else self.store.column_of(seg, "id")

    def iter_units(self) -> Iterator[Unit]:
        """Every unit, one document at a time (for the few callers that truly need all of them)."""
        for _, seg in self.segs:
            yield from self.store.units_of(seg)

    def metas(self, docs: Iterable[str]) -> dict[str, Unit]:
        """doc -> its meta unit (kept per generation: one small unit per document)."""
        docs = [d for d in docs if d in self.seg_of]
        todo = [d for d in docs if d not in self._metas]
        if todo:
            found = {seg: Unit.model_validate_json(j) for seg, j in
                     self.store.of_kind([self.seg_of[d] for d in todo], "meta")[::-1]}  # the first wins
            with self._lock:
                for d in todo:
                    self._metas[d] = found.get(self.seg_of[d])
        return {d: m for d in docs if (m := self._metas.get(d)) is not None}

    # ------------------------------------------------------------------ by id
    def get(self, unit_id: str) -> Unit | None:
        with self._lock:
            if unit_id in self._units:
                self._units.move_to_end(unit_id)
                return self._units[unit_id]
        unit = None
        for _, seg, _, j in self.store.by_ids([unit_id], with_json=True):
            if seg in self.live:
                unit = Unit.model_validate_json(j)
                break
        with self._lock:
            self._units[unit_id] = unit
            while len(self._units) > UNITS_KEPT:
                self._units.popitem(last=False)
        return unit

    def get_many(self, ids: Sequence[str]) -> dict[str, Unit]:
        """The units of these ids that are in this generation (one query for those not cached)."""
        out: dict[str, Unit] = {}
        with self._lock:
            for i in ids:
                if i in self._units:
                    self._units.move_to_end(i)
                    u = self._units[i]
                    if u is not None:
                        out[i] = u
            todo = [i for i in ids if i not in self._units]
        if todo:
            found: dict[str, Unit] = {}
            for i, seg, _, j in self.store.by_ids(todo, with_json=True):
                if seg in self.live and i not in found:
                    found[i] = Unit.model_validate_json(j)
            with self._lock:
                for i in todo:
                    self._units[i] = found.get(i)
                while len(self._units) > UNITS_KEPT:
                    self._units.popitem(last=False)
            out.update(found)
        return out

    def positions(self, ids: Sequence[str]) -> dict[str, int]:
        """Table position (document order) of those of these ids that are in this generation."""
        return {i: self.offset[seg] + pos for i, seg, pos, _ in self.store.by_ids(ids) if seg in self.live}

    def live_ids(self, ids: Sequence[str]) -> set[str]:
        return set(self.positions(ids))

    def neighbours(self, unit: Unit, k: int = 1) -> list[Unit]:
        """Up to `k` previous and `k` next units of the same section or table, in document order."""
        from assistant.index.store import UnitTable

        units = self.of_doc(unit.doc)
        at = next((j for j, u in enumerate(units) if u.id == unit.id), None)
        if at is None or k <= 0:
            return []
        group = UnitTable.group_of(units[at])
        members = [j for j, u in enumerate(units) if UnitTable.group_of(u) == group]
        i = members.index(at)
        return [units[j] for j in members[max(0, i - k):i] + members[i + 1:i + 1 + k]]

    # ------------------------------------------------------------------ every unit (bm25s leg)
    @property
    def ids(self) -> list[str]:
        """Every unit id in table order: the bm25s engine's (it keeps them in memory by design)."""
        if self._ids is None:
            self._ids = [i for _, seg in self.segs for i in self.store.column_of(seg, "id")]
        return self._ids

    @property
    def pos(self) -> Mapping[str, int]:
        return {i: n for n, i in enumerate(self.ids)}

    def mask(self, filters: Filters) -> np.ndarray | None:
        """Bool per unit (table order) for the filters, from the stored filter fields; None without filters."""
        if not filters:
            return None
        m = self._masks.get(filters)
        if m is None:
            vals = (filters.matches(json.loads(f)) for _, seg in self.segs for f in self.store.column_of(seg, "filt"))
            m = np.fromiter(vals, dtype=bool, count=self.total)
            if len(self._masks) > 256:
                self._masks.clear()
            self._masks[filters] = m
        return m
