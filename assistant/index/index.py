"""The index facade: documents in, hits out.

`Index(settings, embedder)` opens (or creates) the index under `settings.index_dir`: the live
generation (units, documents, BM25) and the Chroma collection of unit vectors. Writers
(`add_documents`, `delete_document`) publish a new generation atomically (see generations.py);
readers pick up a new generation when CURRENT changes (checked at most once per second), so a server
sees ingests made by another process.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from assistant.access import PUBLIC_VIS
from assistant.index.filters import Filters, normalise_filters
from assistant.index.generations import Generation, GenerationStore, crash_point, fsync_write
from assistant.index.idf import Idf, IdfCache, next_idf
from assistant.index.retrieval import Hit, dense_search, hybrid_search, lexical_search
from assistant.index.store import VectorStore, reopen_embedded
from ingest.models import ParsedDocument, Unit

RELOAD_EVERY_S = 1.0
# Tries of a search whose generation stopped being live while it ran (each rerun on the new one): with a
# publish every few hundred milliseconds (tests/test_reliability.py), three were sometimes all overtaken.
LIVE_TRIES = 10
ROW_KINDS = ("row", "total")
ENSURE_BATCH = 5000  # unit ids checked in Chroma at a time when a process opens the vectors
STRUCTURES_KEPT = 32  # parsed structures kept in memory (about 1 MB each for a plan like the corpus one)


@dataclass
class DocStats:
    doc: str
    units: int
    rows: int
    added: int  # unit ids new to this document
    removed: int  # unit ids the document no longer has
    embedded: int  # passages embedded for it (0 when its vectors were all there)
    unchanged: bool  # same units as the indexed version: nothing was written


def _file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _source_info(doc: ParsedDocument, given: Any, uploads: Path) -> dict[str, Any]:
    """`sources[doc]` may be a file path, or a dict with `source` / `sha256` / `path`. A file kept in the
    uploads folder is recorded as `stored`, so that it is removed with the document (or its replacement)."""
    info: dict[str, Any] = {"source": doc.source, "sha256": None}
    if isinstance(given, Mapping):
        info.update({k: v for k, v in given.items() if k in ("source", "sha256")})
        given = given.get("path")
    if isinstance(given, str | Path) and Path(given).is_file():
        info["sha256"] = _file_sha256(Path(given))
        if Path(given).resolve().parent == uploads.resolve():
            info["stored"] = Path(given).name
    return info


class Index:
    def __init__(self, settings: Any, embedder: Any, *, segment: bool = True) -> None:
        self.settings = settings
        self.embedder = embedder
        self.segment = segment  # False: raw-syllable BM25 (evaluation baseline)
        # The raw-syllable baseline (segment=False) is always bm25s, built in memory.
        engine = str(getattr(settings, "lexical_engine", "tantivy") or "tantivy") if segment else "bm25s"
        self.gens = GenerationStore(settings.index_dir, engine)
        self._vectors: VectorStore | None = None
        self._vectors_stale = False  # another process published: the embedded store must be reopened
        self._retired: Any = None  # the Chroma System replaced by the last reopen (stopped at the next)
        self._lock = threading.RLock()
        self._structures: dict[str, ParsedDocument] = {}  # segment name -> structure, LRU order
        self._structures_lock = threading.Lock()
        self._idf: tuple[int, Idf | None] | None = None  # (generation, its stored Idf)
        self._idf_cache = IdfCache()  # for a generation written before Idfs were stored
        self._public_idf: tuple[tuple[int, frozenset[str]], Idf] | None = None
        self._districts: tuple[int, dict[str, set[str]]] = (-1, {})
        self._uploads = Path(settings.uploads_dir)
        self._gen = self._open_generation()
        self._checked = time.monotonic()

    def _open_generation(self) -> Generation:
        """The live generation. With the Tantivy engine, one published by the bm25s engine first gets its
        Tantivy index (built from its segment files, under the writer lock): no document is lost."""
        gen = self.gens.load_current(self.segment)
        if self.gens.engine != "tantivy" or not self.segment or not gen.number \
                or self.gens.uses_tantivy(gen.number, self.segment):
            return gen
        with self.gens.lock():
            number = self.gens.read_current()
            if not self.gens.uses_tantivy(number, self.segment):
                self.gens.migrate_tantivy(number)
            return self.gens.load(number, self.segment)

    # ------------------------------------------------------------------ generations
    @property
    def vectors(self) -> VectorStore:
        """The Chroma store, opened on first use (so listing documents never loads the model)."""
        if self._vectors is None:
            with self._lock:
                if self._vectors is None:
                    store = VectorStore(self.settings, self.embedder)
                    self._ensure_vectors(store)
                    self._vectors = store
        elif self._vectors_stale:
            self._reopen_vectors()
        return self._vectors

    def _reopen_vectors(self) -> None:
        """Embedded Chroma only: load the vectors another process changed (see store.reopen_embedded).
        Readers keep the old store until the new one is open; the System replaced one reopen earlier is
        stopped now (every search on it ended at least a reload interval ago)."""
        if not self._lock.acquire(blocking=False):
            return  # a writer of this process holds the lock; the next search reopens
        try:
            if not self._vectors_stale:
                return
            client, old = reopen_embedded(self.settings)
            self._vectors = VectorStore(self.settings, self.embedder, client=client)
            self._vectors_stale = False
            retired, self._retired = self._retired, old
            if retired is not None:
                with contextlib.suppress(Exception):  # best effort: it only frees memory
                    retired.stop()
        finally:
            self._lock.release()

    def _ensure_vectors(self, store: VectorStore) -> None:
        """Re-embed everything when the embedder changed; add vectors the live generation lacks."""
        with self._lock, self.gens.lock():
            gen = self._refresh(force=True)
            if not store.matches_embedder():
                store.reset()
            # Ids checked a few thousand at a time, a document's units read only when one of its vectors is
            # missing: no step holds every unit.
            batch: list[tuple[str, list[str]]] = []

            def check() -> None:
                have = store.existing([i for _, ids in batch for i in ids])
                for doc, ids in batch:
                    if any(i not in have for i in ids):
                        store.add_missing(gen.table.of_doc(doc))
                batch.clear()

            for doc in gen.docs:
                batch.append((doc, gen.table.ids_of(doc)))
                if sum(len(ids) for _, ids in batch) >= ENSURE_BATCH:
                    check()
            check()

    def _refresh(self, force: bool = False) -> Generation:
        """The live generation, reloaded when CURRENT changed (checked at most once per second)."""
        now = time.monotonic()
        if not force and now - self._checked < RELOAD_EVERY_S:
            return self._gen
        # Readers never wait for a writer: while another thread holds the lock (an ingest embedding its
        # passages can take many seconds), they keep answering from the generation they have.
        if not self._lock.acquire(blocking=force):
            return self._gen
        try:
            self._checked = now
            number = self.gens.read_current()
            if number != self._gen.number:
                try:
                    self._gen = self.gens.load(number, self.segment)
                    # Published by another process (our own publishes set _gen themselves).
                    self._vectors_stale = self._vectors is not None and not self.settings.chroma_url
                except FileNotFoundError:  # collected under us by a newer publish: next check retries
                    self._checked = 0.0
            return self._gen
        finally:
            self._lock.release()

    def _publish(self, changed: dict[str, list[Unit]], docs: dict[str, dict[str, Any]], base: Generation,
                 structures: dict[str, ParsedDocument] | None = None) -> set[str]:
        """Vectors first (of the changed documents only), then the generation folder, then CURRENT, then
        garbage collection of the ids the new generation dropped: no step reads the whole collection, nor
        the units of a document that did not change. Returns the ids that had to be embedded."""
        crash_point("publish-start")
        adding = [u for us in changed.values() for u in us]
        live = base.table.live_ids([u.id for u in adding])
        self._journal([u.id for u in adding if u.id not in live])
        embedded = self.vectors.add_missing(adding)
        crash_point("vectors-added")
        gone = {d: base.table.of_doc(d) for d in base.docs if d in changed or d not in docs}
        base_idf = self._idf_of(base.number) if base.number else Idf()
        if base_idf is None:  # a generation written before Idfs were stored: counted once here
            base_idf = Idf(u.embed_text for u in base.table.iter_units())
        idf = next_idf(base_idf, [u for us in gone.values() for u in us], adding)
        new = self.gens.write(docs, changed, base, self.segment, structures, idf)
        crash_point("gen-renamed")
        self.gens.switch(new.number)
        crash_point("switched")
        self._gen = new
        self._idf = (new.number, idf)  # what was just written: readers of this process need not read it back
        self._checked = time.monotonic()
        old = [u.id for us in gone.values() for u in us]
        self.vectors.delete(set(old) - new.table.live_ids(old))
        self.gens.collect({new.number, base.number})
        self._journal_path.unlink(missing_ok=True)
        return embedded

    # Vectors a writer adds before its switch are named in a journal first; a writer killed before the
    # switch leaves them in Chroma, and the next writer deletes those its live generation does not have.
    # (Scanning every id of the collection at each publish would make ingest cost grow with the index.)
    @property
    def _journal_path(self) -> Path:
        return Path(self.settings.index_dir) / "pending-vectors.json"

    def _journal(self, ids: list[str]) -> None:
        tmp = self._journal_path.with_suffix(".tmp")
        fsync_write(tmp, json.dumps(ids))
        os.replace(tmp, self._journal_path)

    def _recover(self, base: Generation) -> None:
        """Under the writer lock: drop the vectors of an interrupted publish (named in its journal)."""
        try:
            pending = json.loads(self._journal_path.read_text(encoding="utf-8"))
        except (FileNotFoundError, ValueError):
            return
        live = base.table.live_ids(pending)
        self.vectors.delete([i for i in pending if i not in live])
        self._journal_path.unlink(missing_ok=True)

    # ------------------------------------------------------------------ writes
    def add_documents(self, docs: list[ParsedDocument], sources: Mapping[str, Any] | None = None,
                      visibility: str | None = None) -> list[DocStats]:
        """Index documents, each replacing every unit of an earlier version of the same doc id.
        `visibility` ("public" | "staff"): None keeps an indexed document's own (a new one is public), so
        that ingesting a folder again never makes a staff document public."""
        sources = sources or {}
        latest: dict[str, ParsedDocument] = {d.doc: d for d in docs}  # the last of a doc id wins
        with self._lock, self.gens.lock():
            base = self._refresh(force=True)
            self._recover(base)
            by_doc: dict[str, list[Unit]] = {}  # the changed documents' new units
            doc_info = dict(base.docs)
            stats: list[DocStats] = []
            changed = False
            for doc_id, doc in latest.items():
                new_units = list({u.id: u for u in doc.units}.values())
                old_ids = [u.id for u in base.table.of_doc(doc_id)] if doc_id in base.docs else []
                new_ids = [u.id for u in new_units]
                rows = sum(u.kind in ROW_KINDS for u in new_units)
                # A version indexed before structures were stored is published again (no re-embedding).
                unchanged = (doc_id in doc_info and old_ids == new_ids
                             and self.gens.has_structure(doc_info[doc_id].get("segment")))
                info = {"doc_title": doc.title, "units": len(new_units), "rows": rows,
                        "visibility": visibility or doc_info.get(doc_id, {}).get("visibility", PUBLIC_VIS),
                        **_source_info(doc, sources.get(doc_id), self._uploads)}
                if unchanged and all(doc_info[doc_id].get(k) == v for k, v in info.items()
                                     if k != "sha256" or v is not None):
                    stats.append(DocStats(doc_id, len(new_units), rows, 0, 0, 0, True))
                    continue
                changed = True
                if not unchanged:  # the same units: only its entry in docs.json changes
                    by_doc[doc_id] = new_units
                info["ingested_at"] = datetime.now(UTC).isoformat(timespec="seconds")
                doc_info[doc_id] = info
                stats.append(DocStats(doc_id, len(new_units), rows, len(set(new_ids) - set(old_ids)),
                                      len(set(old_ids) - set(new_ids)), 0, unchanged))
            if not changed:
                return stats
            embedded = self._publish(by_doc, doc_info, base, {d: latest[d] for d in by_doc})
            for s in stats:
                if not s.unchanged:
                    s.embedded = sum(u.id in embedded for u in by_doc[s.doc])
            self._remove_stored([base.docs[d] for d in latest if d in base.docs], doc_info)
            return stats

    def delete_document(self, doc_id: str) -> bool:
        return self.delete_documents([doc_id]) == [doc_id]

    def delete_documents(self, doc_ids: list[str]) -> list[str]:
        """Remove these documents in one publish; returns those that were indexed."""
        with self._lock, self.gens.lock():
            base = self._refresh(force=True)
            self._recover(base)
            gone = [d for d in dict.fromkeys(doc_ids) if d in base.docs]
            if not gone:
                return []
            docs = {k: v for k, v in base.docs.items() if k not in gone}
            self._publish({}, docs, base)
            self._remove_stored([base.docs[d] for d in gone], docs)
            return gone

    def set_visibility(self, doc_id: str, visibility: str) -> bool:
        """Change who may read a document (no re-embedding: one publish of the document list). False when
        it is not indexed."""
        with self._lock, self.gens.lock():
            base = self._refresh(force=True)
            self._recover(base)
            if doc_id not in base.docs:
                return False
            if base.docs[doc_id].get("visibility", PUBLIC_VIS) == visibility:
                return True
            docs = {**base.docs, doc_id: {**base.docs[doc_id], "visibility": visibility}}
            self._publish({}, docs, base)
            return True

    def _remove_stored(self, old: list[dict[str, Any]], live: dict[str, dict[str, Any]]) -> None:
        """After a publish: delete the uploaded originals no live document uses any more (a replaced or
        deleted upload). A crash before this leaves an unused file behind, never a missing one."""
        keep = {str(i.get("stored")) for i in live.values() if i.get("stored")}
        for info in old:
            name = info.get("stored")
            if name and str(name) not in keep and "/" not in str(name):
                (self._uploads / str(name)).unlink(missing_ok=True)

    # ------------------------------------------------------------------ reads
    # Every read takes `staff`: False hides the documents whose visibility is "staff", decided on the same
    # generation the read uses (assistant/index/view.py binds it for one caller). True (the default) is the
    # operator's view: the command line and the writers.
    def documents(self, staff: bool = True) -> list[dict[str, Any]]:
        gen = self._refresh()
        hidden = frozenset() if staff else gen.staff_docs
        return [{"doc": d, "doc_title": i.get("doc_title", ""), "units": i.get("units", 0),
                 "rows": i.get("rows", 0), "ingested_at": i.get("ingested_at"),
                 "visibility": i.get("visibility", PUBLIC_VIS), "source": i.get("source"), "sha256": i.get("sha256")}
                for d, i in gen.docs.items() if d not in hidden]

    def units(self, doc: str | None = None, staff: bool = True) -> list[Unit]:
        gen = self._refresh()
        if staff or not gen.staff_docs:
            return gen.table.of_doc(doc)
        if doc is not None:
            return [] if doc in gen.staff_docs else gen.table.of_doc(doc)
        return [u for d in gen.docs if d not in gen.staff_docs for u in gen.table.of_doc(d)]

    def unit(self, unit_id: str, staff: bool = True) -> Unit | None:
        gen = self._refresh()
        u = gen.table.get(unit_id)
        return None if u is None or (not staff and u.doc in gen.staff_docs) else u

    def neighbours(self, unit: Unit, k: int = 1, staff: bool = True) -> list[Unit]:
        gen = self._refresh()
        return [] if not staff and unit.doc in gen.staff_docs else gen.table.neighbours(unit, k)

    def table_rows(self, doc: str, annex: str, table: int, staff: bool = True) -> list[Unit]:
        """The rows and totals of one annex table in table order (totals last)."""
        rows = [u for u in self.units(doc, staff) if u.kind in ROW_KINDS
                and str(u.metadata.get("annex", "")) == annex and int(u.metadata.get("table", 0) or 0) == table]
        return sorted(rows, key=lambda u: int(u.metadata.get("position", 0) or 0) + (10_000 if u.kind == "total" else 0))

    def tables(self, doc: str, staff: bool = True) -> list[tuple[str, int]]:
        """(annex, table) of every annex table of a document, in document order."""
        return list(dict.fromkeys((str(u.metadata.get("annex", "")), int(u.metadata.get("table", 0) or 0))
                                  for u in self.units(doc, staff) if u.kind in ROW_KINDS))

    def metas(self, docs: list[str], staff: bool = True) -> dict[str, Unit]:
        """doc id -> its meta unit (title, number, signer…), for these documents."""
        gen = self._refresh()
        hidden = frozenset() if staff else gen.staff_docs
        return gen.table.metas([d for d in docs if d not in hidden])

    def districts(self, staff: bool = True) -> list[str]:
        """The district names the annex rows of the documents the caller may read carry (the UI's filter):
        read from each document's units, kept per generation (a few names per document)."""
        gen = self._refresh()
        with self._structures_lock:
            cached = self._districts if self._districts[0] == gen.number else None
        if cached is None:
            found: dict[str, set[str]] = {}
            for d in gen.docs:
                found[d] = {str(u.metadata["district"]) for u in gen.table.of_doc(d)
                            if u.kind in ROW_KINDS and u.metadata.get("district")}
            cached = (gen.number, found)
            with self._structures_lock:
                self._districts = cached
        hidden = frozenset() if staff else gen.staff_docs
        return sorted({n for d, names in cached[1].items() if d not in hidden for n in names})

    def idf(self, staff: bool = True) -> Idf:
        """Word rarity over the units the caller may read: the Idf stored with the live generation (or, for
        one written before Idfs were stored, counted here a plan at a time), less the hidden documents."""
        gen = self._refresh()
        base = self._idf_of(gen.number)
        if base is None:
            base = self._idf_cache.get(gen.number, list(gen.table.iter_units()))
        if staff or not gen.staff_docs:
            return base
        key = (gen.number, gen.staff_docs)
        with self._structures_lock:
            cached = self._public_idf
        if cached is None or cached[0] != key:
            cached = (key, base.without(u for d in gen.staff_docs for u in gen.table.of_doc(d)))
            with self._structures_lock:
                self._public_idf = cached
        return cached[1]

    def stored_idf(self) -> Idf | None:
        """The Idf stored with the live generation (None for one written before Idfs were stored)."""
        return self._idf_of(self._refresh().number)

    def _idf_of(self, number: int) -> Idf | None:
        cached = self._idf
        if cached is None or cached[0] != number:
            cached = (number, self.gens.read_idf(number))
            self._idf = cached
        return cached[1]

    def without_structure(self) -> list[str]:
        """Live documents indexed by an earlier version, without a stored structure."""
        gen = self._refresh()
        return [d for d, info in gen.docs.items() if not self.gens.has_structure(info.get("segment"))]

    def parsed_documents(self, doc: str | None = None, staff: bool = True) -> tuple[list[ParsedDocument], list[str]]:
        """The live documents (or one) with their structure, for the staff tools, and the ids of those
        indexed by an earlier version without a stored structure (ingest them again to include them).
        The structure is the one published with the units, so citations name units of this index."""
        gen = self._refresh()
        hidden = frozenset() if staff else gen.staff_docs
        found: list[ParsedDocument] = []
        missing: list[str] = []
        for doc_id, info in gen.docs.items():
            if (doc is not None and doc_id != doc) or doc_id in hidden:
                continue
            name = str(info.get("segment") or "")
            # Its own lock, not the writer's: a staff question never waits for an ingest's publish.
            with self._structures_lock:
                structure = self._structures.pop(name, None)
            if structure is None and name:
                structure = self.gens.read_structure(name)
            if structure is not None:  # least recently used first out: at most STRUCTURES_KEPT kept
                with self._structures_lock:
                    self._structures[name] = structure
                    while len(self._structures) > STRUCTURES_KEPT:
                        self._structures.pop(next(iter(self._structures)))
            if structure is None:
                missing.append(doc_id)
            else:
                found.append(structure.model_copy(update={"units": gen.table.of_doc(doc_id)}))
        return found, missing

    def count(self, staff: bool = True) -> tuple[int, int]:
        gen = self._refresh()
        if staff or not gen.staff_docs:
            return len(gen.docs), len(gen.table)
        hidden = sum(int(gen.docs[d].get("units", 0) or 0) for d in gen.staff_docs)
        return len(gen.docs) - len(gen.staff_docs), len(gen.table) - hidden

    @property
    def generation(self) -> int:
        return self._refresh().number

    # ------------------------------------------------------------------ search
    def _on_live(self, run: Any) -> list[Hit]:
        """Run a search that reads Chroma on one generation; rerun it when that generation stopped being
        live meanwhile (a publish then deletes the old generation's vectors, which would quietly thin out
        the dense leg of a query still running on it). Up to LIVE_TRIES tries, then one under the lock."""
        hits: list[Hit] = []
        for attempt in range(LIVE_TRIES):
            gen = self._refresh()
            try:
                hits = run(gen)
            except Exception as e:
                # Embedded Chroma: another process deleted vectors this process's index still lists, in the
                # second before this process sees its new generation. Reload both and run again.
                if self.settings.chroma_url or "finding id" not in str(e) or attempt == LIVE_TRIES - 1:
                    raise
                self._vectors_stale = self._vectors is not None
                self._checked = 0.0
                continue
            if self.gens.read_current() == gen.number:
                return hits
            self._checked = 0.0  # reload on the next try
        # Overtaken every time (publishes back to back on busy cores): one last run that no publish of this
        # process can overtake, under the writers' lock. Readers wait only here, after LIVE_TRIES losses; a
        # stale answer could have lost the vectors a publish deleted while it ran (a mix of generations).
        with self._lock:
            return run(self._refresh(force=True))

    def search(self, query: str, top_k: int = 8, filters: Mapping[str, Any] | Filters | None = None,
               staff: bool = True) -> list[Hit]:
        """Hybrid (dense + BM25, reciprocal rank fusion) search, best first."""
        f = normalise_filters(filters)
        return self._on_live(lambda gen: hybrid_search(gen, self.vectors, self.embedder, query, top_k,
                                                       _visible(f, gen, staff)))

    def dense_search(self, query: str, top_k: int = 8, filters: Mapping[str, Any] | Filters | None = None,
                     staff: bool = True) -> list[Hit]:
        f = normalise_filters(filters)
        return self._on_live(lambda gen: dense_search(gen, self.vectors, self.embedder, query, top_k,
                                                      _visible(f, gen, staff)))

    def lexical_search(self, query: str, top_k: int = 8, filters: Mapping[str, Any] | Filters | None = None,
                       staff: bool = True) -> list[Hit]:
        f = normalise_filters(filters)
        gen = self._refresh()
        return lexical_search(gen, query, top_k, _visible(f, gen, staff))


def _visible(filters: Filters, gen: Generation, staff: bool) -> Filters:
    """The filters, hiding the staff documents of this very generation from a public caller."""
    return filters if staff or not gen.staff_docs else filters.hiding(gen.staff_docs)
