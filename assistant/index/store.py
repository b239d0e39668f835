"""The vector store (Chroma) and the in-memory unit table of one generation.

Chroma holds one vector per unit id (ids are content hashes, so an unchanged unit is never embedded
twice). Embeddings are always passed explicitly (`embedding_function=None`); the collection uses the
cosine space and records the embedder's name and dimension in its metadata: when they differ from the
current embedder, the collection is dropped and every live unit is re-embedded from the stored units.

The embedded client (`PersistentClient` under `index_dir/chroma`) is for one process; several worker
processes need a Chroma server (`chroma run`), named by `settings.chroma_url`.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any
from urllib.parse import urlparse

import numpy as np

from assistant.index.filters import Filters, district_key
from ingest.models import Unit

log = logging.getLogger(__name__)

BATCH = 512
# How many candidates the approximate vector index (hnswlib) explores per query; Chroma's default is 100. A vector
# deleted by one publish and added again by the next (a plan replaced, then restored) was now and then missed by
# the search at 100 (1 dense search in 30 while publishes alternated, tests/test_reliability.py); at 200 none was in
# 140. At 200, real questions (whose vectors sit apart from the passages') still missed one of their 40 nearest
# passages on 16 % of the development questions, and which one depended on the process (Chroma rebuilds the part of
# the graph not yet synced on several threads): the same question, asked after a restart, drew other passages (2
# answers of 752 changed). At 500 the top 40 is exact on 98 % of them and the same in every process (six runs); the
# cost is small at the sizes of a plan library.
SEARCH_EF = 500


# Chroma's embedded client keeps its catalogue in SQLite. Now and then (once in a CI run of 1,500 tests, under load;
# never in 300 tries alone) a write to it was refused at once with "database is locked": SQLite answers so without
# waiting when two of the client's pooled connections would otherwise deadlock, so Chroma's own busy timeout does
# not help. The write is simply tried again a few times; any other error, or the last refusal, is raised.
_BUSY_WAITS = (0.05, 0.1, 0.2, 0.4, 0.8, 1.6)


def on_busy(write: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """`write(*args, **kwargs)`, tried again after a short wait while SQLite answers "database is locked"."""
    for wait in _BUSY_WAITS:
        try:
            return write(*args, **kwargs)
        except Exception as exc:  # noqa: BLE001 - chromadb raises InternalError; only the busy answer is retried
            if "database is locked" not in str(exc):
                raise
            log.warning("Chroma's catalogue was busy; trying again in %.2f s", wait)
            time.sleep(wait)
    return write(*args, **kwargs)


def chroma_client(settings: Any):
    """`HttpClient` when `settings.chroma_url` is set (e.g. http://127.0.0.1:8001), else the embedded one."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    url = (settings.chroma_url or "").strip()
    if url:
        parsed = urlparse(url if "://" in url else f"http://{url}")
        ssl = parsed.scheme == "https"
        port = parsed.port or (443 if ssl else 8000)
        return chromadb.HttpClient(host=parsed.hostname or "localhost", port=port, ssl=ssl,
                                   settings=chroma_settings)
    path = settings.index_dir / "chroma"
    path.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(path), settings=chroma_settings)


def reopen_embedded(settings: Any) -> tuple[Any, Any]:
    """A new embedded client for `settings`' folder, on a new Chroma System, and the System it replaces.

    Chroma keeps one System per folder per process, and that System's in-memory HNSW index does not see the
    vectors another process adds or deletes (searches then miss new units, or fail with "Error finding id").
    Chroma has no public "reload"; dropping the folder's System from its cache (a private class dict of
    SharedSystemClient) makes the next client load the folder afresh, as a new process would. The old System
    is returned, not stopped: searches of other threads may still run on it (the caller stops it later).
    """
    from chromadb.api.shared_system_client import SharedSystemClient

    key = str(settings.index_dir / "chroma")
    with SharedSystemClient._refcount_lock:
        old = SharedSystemClient._identifier_to_system.pop(key, None)
        SharedSystemClient._identifier_to_refcount.pop(key, None)
    return chroma_client(settings), old


def chroma_metadata(unit: Unit) -> dict[str, str | int | float | bool]:
    """Flat scalar metadata for Chroma: None dropped, plus the folded `district_key` for filtering."""
    md = {k: v for k, v in unit.metadata.items()
          if v is not None and isinstance(v, str | int | float | bool) and not k.startswith("chroma:")}
    md.setdefault("doc", unit.doc)
    md.setdefault("kind", unit.kind)
    district = md.get("district")
    if isinstance(district, str) and district.strip():
        md["district_key"] = district_key(district)
    return md


class UnitTable:
    """The units of one generation in memory, in document order, with the lookups search needs: a generation
    written before the unit store (units.jsonl), the evaluation's fakes. unitstore.StoredTable is the same
    interface read from disk."""

    def __init__(self, units: Sequence[Unit]) -> None:
        self.units: list[Unit] = list(units)
        self.pos: dict[str, int] = {u.id: i for i, u in enumerate(self.units)}
        self.ids: list[str] = [u.id for u in self.units]
        self._masks: dict[Filters, np.ndarray] = {}
        self._groups: dict[tuple, list[int]] | None = None

    def __len__(self) -> int:
        return len(self.units)

    def get(self, unit_id: str) -> Unit | None:
        i = self.pos.get(unit_id)
        return None if i is None else self.units[i]

    def of_doc(self, doc: str | None) -> list[Unit]:
        return list(self.units) if doc is None else [u for u in self.units if u.doc == doc]

    def iter_units(self) -> Iterator[Unit]:
        return iter(self.units)

    def ids_of(self, doc: str) -> list[str]:
        return [u.id for u in self.units if u.doc == doc]

    def metas(self, docs: Iterable[str]) -> dict[str, Unit]:
        found: dict[str, Unit] = {}
        for u in self.units:
            if u.kind == "meta":
                found.setdefault(u.doc, u)
        return {d: found[d] for d in docs if d in found}

    def get_many(self, ids: Sequence[str]) -> dict[str, Unit]:
        return {i: self.units[self.pos[i]] for i in ids if i in self.pos}

    def positions(self, ids: Sequence[str]) -> dict[str, int]:
        return {i: self.pos[i] for i in ids if i in self.pos}

    def live_ids(self, ids: Sequence[str]) -> set[str]:
        return {i for i in ids if i in self.pos}

    def mask(self, filters: Filters) -> np.ndarray | None:
        """Bool per unit (table order) for the filters; None when there is no filter. Cached."""
        if not filters:
            return None
        m = self._masks.get(filters)
        if m is None:
            m = np.fromiter((filters.matches(u.metadata) for u in self.units), dtype=bool, count=len(self.units))
            if len(self._masks) > 256:
                self._masks.clear()
            self._masks[filters] = m
        return m

    def allowed_ids(self, filters: Filters) -> list[str]:
        m = self.mask(filters)
        return self.ids if m is None else [i for i, ok in zip(self.ids, m, strict=True) if ok]

    @staticmethod
    def group_of(unit: Unit) -> tuple:
        """Units are neighbours when they share this: the section, or the table of a row."""
        md = unit.metadata
        if unit.kind in ("row", "total"):
            return (unit.doc, "table", md.get("annex"), md.get("table"))
        return (unit.doc, "section", md.get("section", unit.locator.split("#")[0]))

    def neighbours(self, unit: Unit, k: int = 1) -> list[Unit]:
        """Up to `k` previous and `k` next units of the same section or table, in document order."""
        i = self.pos.get(unit.id)
        if i is None or k <= 0:
            return []
        if self._groups is None:
            groups: dict[tuple, list[int]] = {}
            for j, u in enumerate(self.units):
                groups.setdefault(self.group_of(u), []).append(j)
            self._groups = groups
        members = self._groups[self.group_of(self.units[i])]
        at = members.index(i)
        return [self.units[j] for j in members[max(0, at - k):at] + members[at + 1:at + 1 + k]]


class VectorStore:
    """One Chroma collection of unit vectors, bound to one embedder."""

    def __init__(self, settings: Any, embedder: Any, client: Any = None) -> None:
        self.settings = settings
        self.embedder = embedder
        self.client = client if client is not None else chroma_client(settings)
        self.name = settings.collection
        if len(self.name) < 3:
            raise ValueError("Chroma collection names need at least 3 characters")
        self.embedded_count = 0  # passages embedded by this store (for stats and tests)
        self.collection = self._open()
        # Chroma's vector index (hnswlib) is not safe to query while this process changes it: a query during an
        # upsert or delete could miss vectors of the live generation (measured: a thread searching while another
        # published changed the fused order about one run in three). Each write batch and each query hold this
        # lock: a reader waits for one batch at most, never for a whole publish (embedding happens outside it).
        self._io = threading.Lock()

    # ------------------------------------------------------------------ collection
    def _signature(self) -> dict[str, Any]:
        return {"embedder": str(self.embedder.name), "dim": int(self.embedder.dim)}

    def _open(self):
        collection = on_busy(
            self.client.get_or_create_collection, self.name, embedding_function=None,
            metadata={"hnsw:space": "cosine", "hnsw:search_ef": SEARCH_EF, **self._signature()},
        )
        hnsw = (getattr(collection, "configuration", None) or {}).get("hnsw") or {}
        if hnsw.get("ef_search", SEARCH_EF) < SEARCH_EF:  # a collection made before: searched as widely from now on
            on_busy(collection.modify, configuration={"hnsw": {"ef_search": SEARCH_EF}})
        return collection

    def matches_embedder(self) -> bool:
        md = self.collection.metadata or {}
        sig = self._signature()
        return md.get("embedder") == sig["embedder"] and md.get("dim") == sig["dim"]

    def reset(self) -> None:
        """Drop the collection and start an empty one for the current embedder."""
        try:
            on_busy(self.client.delete_collection, self.name)
        except Exception:  # noqa: BLE001 - already gone
            log.debug("collection %s was not there", self.name)
        self.collection = self._open()

    def count(self) -> int:
        return int(self.collection.count())

    # ------------------------------------------------------------------ ids
    def existing(self, ids: Sequence[str]) -> set[str]:
        found: set[str] = set()
        ids = list(dict.fromkeys(ids))
        for i in range(0, len(ids), BATCH):
            found.update(self.collection.get(ids=ids[i:i + BATCH], include=[])["ids"])
        return found

    def all_ids(self) -> set[str]:
        out: set[str] = set()
        offset, total = 0, self.count()
        while offset < total:
            got = self.collection.get(include=[], limit=5000, offset=offset)["ids"]
            if not got:
                break
            out.update(got)
            offset += len(got)
        return out

    # ------------------------------------------------------------------ write
    def add_missing(self, units: Iterable[Unit]) -> set[str]:
        """Embed and add the units whose id is not in the collection yet; returns their ids."""
        todo: dict[str, Unit] = {}
        for u in units:
            todo.setdefault(u.id, u)
        if not todo:
            return set()
        present = self.existing(list(todo))
        missing = [u for uid, u in todo.items() if uid not in present]
        for i in range(0, len(missing), BATCH):
            batch = missing[i:i + BATCH]
            vecs = np.asarray(self.embedder.embed_passages([u.embed_text for u in batch]), dtype=np.float32)
            self.embedded_count += len(batch)
            with self._io:
                on_busy(
                    self.collection.upsert, ids=[u.id for u in batch], embeddings=vecs,
                    documents=[u.embed_text for u in batch], metadatas=[chroma_metadata(u) for u in batch],
                )
        return {u.id for u in missing}

    def delete(self, ids: Iterable[str]) -> int:
        ids = list(dict.fromkeys(ids))
        for i in range(0, len(ids), BATCH):
            with self._io:
                on_busy(self.collection.delete, ids=ids[i:i + BATCH])
        return len(ids)


    # ------------------------------------------------------------------ read
    def query(self, vector: np.ndarray, k: int, filters: Filters,
              live: Callable[[Sequence[str]], set[str]], live_total: int) -> list[tuple[str, float]]:
        """(unit_id, cosine similarity) best first, among the ids of the live generation: `live` gives those of
        a list of ids that are in it (`live_total` of them in all). The filters are Chroma's `where`.

        The live ids are applied after the query, not sent with it: passing every live id to Chroma made a
        query cost grow with the index (1.5 s at 11k units). The collection holds only live vectors except
        while a publish is under way, so the query over-fetches by the number of vectors that are not live.
        """
        if k <= 0 or live_total <= 0:
            return []
        # The count and the query under one hold of the lock: a count read before a writer's upsert and a
        # query after it would over-fetch too little, and the writer's not-yet-live vectors would push live
        # ones out of the first n (a thinner dense leg on a generation that is still live).
        with self._io:
            stored = self.collection.count()
            extra = max(0, stored - live_total)
            n = min(stored, k + extra) if stored else 0
            if n <= 0:
                return []
            res = self.collection.query(
                query_embeddings=[np.asarray(vector, dtype=np.float32)], n_results=n,
                where=filters.where(), include=["distances"],
            )
        ids = res["ids"][0] if res["ids"] else []
        dists = (res.get("distances") or [[]])[0]
        alive = live(ids)
        pairs = [(i, d) for i, d in zip(ids, dists, strict=False) if i in alive]
        return [(i, 1.0 - float(d)) for i, d in pairs[:k]]
