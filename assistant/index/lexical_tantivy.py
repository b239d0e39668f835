"""The lexical leg on Tantivy: a BM25 index on disk per generation, derived from the previous one by adding
and deleting one document's units (no rebuild), sharing its files by hard links.

Why Tantivy (bench/lexical_engines.py measures it beside SQLite FTS5 and bm25s): bm25s has no incremental
add, so each publish rebuilt the BM25 index over every unit (~32 s at 200k units) and every process kept all
units' tokens in memory to do so. Tantivy (Rust, through its Python bindings) adds and deletes documents,
commits atomically, memory-maps its files (a process opening it reads almost nothing) and finds the top k with
block-max WAND instead of scoring every unit.

Each Tantivy document is one unit: `body` = the unit's `lexical_tokens` joined by spaces, read back by the
`whitespace` tokenizer (so the tokens are exactly those bm25s used: underthesea words and accent-free
syllables), raw fields for the filters (`doc`, `flags` = the unit's true `level_*` / `role_*` metadata,
`district` = its `district_key`, `kind`, `annex`, `table`) and `seg`, the segment (one version of one
document, see generations.py) it comes from, by which a replaced or deleted version is deleted.

Generations (crash safety): `gen/<n>/tantivy/` is generation n's own Tantivy index. A publish hard-links the
live generation's Tantivy files into its temporary generation folder, deletes the segments it replaces or
drops and adds its new ones there, commits, then renames the folder and switches CURRENT like every other
part of a generation. Tantivy never changes a file it wrote (a commit writes new segment, delete and meta
files; meta.json is replaced by a rename, which leaves the other generation's link to the old one intact),
so the live generation's index is never touched: a writer killed at any step leaves it exactly as it was,
scores included, and the next writer removes the temporary folder. Readers open the folder of the
generation they loaded and never wait for a writer; another process sees a publish when CURRENT changes.
An earlier generation's folder goes with the generation (collect), its files with their last link.
Filters (a document, hidden staff documents, level, role, district) are terms of the same query: the engine
returns the best k units that pass them.

Scores: Tantivy's own BM25 (k1 = 1.2, fixed in its Python bindings) chooses the candidates, the best
CANDIDATES (at least 200) that pass the filters; they are then scored as bm25s scored every unit (k1 = 1.5,
b = 0.75, Lucene's idf, a unit's length in tokens; `bm25_lucene`), from their stored tokens, the generation's
unit count and mean length (a fast field summed once per generation) and each query term's document
frequency over live units (`live_freq`: Tantivy's own counts deleted units until it merges their segment).
Measured on the development gold sets (bench/lexical_engines.py --quality), Tantivy's own order moved hit@5
or MRR@10 by more than 0.01 on some sets (k1 alone did part of it); rescored, the order is bm25s's.
"""

from __future__ import annotations

import contextlib
import math
import os
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from assistant.index.filters import Filters, district_key
from assistant.index.lexical import lexical_tokens
from ingest.models import Unit

WRITER_HEAP = 64_000_000  # bytes Tantivy buffers before it flushes a segment (its minimum is 15 MB)
CANDIDATES = 200  # units Tantivy's own BM25 proposes (at least) for the bm25s scoring
K1, B = 1.5, 0.75  # bm25s's defaults, which the lexical leg has always used
FIELDS = ("id", "seg", "doc", "kind", "flags", "district", "annex", "table")


def _tantivy() -> Any:
    import tantivy

    return tantivy


def _schema() -> Any:
    tv = _tantivy()
    sb = tv.SchemaBuilder()
    sb.add_text_field("id", stored=True, tokenizer_name="raw", index_option="basic")
    for name in FIELDS[1:]:
        sb.add_text_field(name, tokenizer_name="raw", index_option="basic")
    sb.add_text_field("body", stored=True, tokenizer_name="whitespace", index_option="freq")
    sb.add_integer_field("ntok", fast=True)  # the unit's length in tokens (bm25s's document length)
    return sb.build()


def unit_fields(unit: Unit, tokens: Sequence[str]) -> dict[str, Any]:
    """The Tantivy document of one unit (without its segment): the filters' terms as Filters.matches reads
    the metadata, and the tokens."""
    md = unit.metadata
    district = md.get("district")
    return {
        "id": unit.id, "doc": str(md.get("doc", unit.doc)), "kind": unit.kind,
        "flags": sorted(k for k, v in md.items() if v is True and k.startswith(("level_", "role_"))),
        "district": district_key(district) if isinstance(district, str) and district.strip() else "",
        "annex": str(md.get("annex", "")), "table": str(md.get("table", "")),
        "body": " ".join(tokens), "ntok": len(tokens),
    }


def bm25_lucene(query: Sequence[str], body: Sequence[str], df: dict[str, int], n: int, avgdl: float) -> float:
    """bm25s's score ("lucene" method) of a unit of tokens `body` for the query tokens (a repeated one counts
    each time, as in bm25s). Written here because Tantivy's Python bindings fix k1 at 1.2 and give no other
    scorer; the candidates are few, so this costs little."""
    tf = Counter(body)  # every token, counted in C: faster than a Python filter over them
    norm = K1 * (1 - B + B * max(1, len(body)) / avgdl)
    score = 0.0
    for t in query:
        f, d = tf.get(t, 0), df.get(t, 0)
        if f and d:
            score += math.log(1 + (n - d + 0.5) / (d + 0.5)) * f / (f + norm)
    return score


LOCKS = (".tantivy-writer.lock", ".tantivy-meta.lock")


class TantivyLexical:
    """One generation's Tantivy index (a folder): written once, by `derive`, then only searched."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        tv = _tantivy()
        self.index = tv.Index(_schema(), path=str(self.folder), reuse=True)
        self.index.config_reader(reload_policy="Manual")  # a generation's index never changes once live
        self.schema = self.index.schema

    @classmethod
    def derive(cls, base: Path | None, folder: Path, add: Mapping[str, Sequence[tuple[Unit, Sequence[str]]]],
               drop: Iterable[str] = ()) -> TantivyLexical:
        """A new index in `folder`: `base`'s files hard-linked (none: an empty index), the units of the
        segments `drop` and of `add`'s deleted, `add`'s units added, in one commit."""
        folder.mkdir(parents=True, exist_ok=True)
        if base is not None:
            for f in base.iterdir():
                if f.is_file() and f.name not in LOCKS:
                    os.link(f, folder / f.name)
        ix = cls(folder)
        ix.write(add, drop)
        return ix

    def write(self, add: Mapping[str, Sequence[tuple[Unit, Sequence[str]]]], drop: Iterable[str] = ()) -> None:
        """One commit: remove the units of `drop` and of `add`'s segments, then add `add`'s units."""
        names = set(drop) | set(add)
        if not names:
            return
        tv = _tantivy()
        writer = self.index.writer(heap_size=WRITER_HEAP, num_threads=1)
        try:
            for name in sorted(names):
                writer.delete_documents_by_term("seg", name)
            for name, pairs in add.items():
                for unit, tokens in pairs:
                    writer.add_document(tv.Document(seg=name, **unit_fields(unit, tokens)))
            writer.commit()
        except BaseException:
            with contextlib.suppress(Exception):
                writer.rollback()
            raise
        finally:
            with contextlib.suppress(Exception):
                writer.wait_merging_threads()  # also drops the writer and its lock
        self.index.reload()

    def names(self) -> set[str]:
        """Segments with at least one unit in this index."""
        tv = _tantivy()
        searcher = self.index.searcher()
        names = {str(t) for t, _ in searcher.terms_with_prefix("seg", "")}
        return {n for n in names  # a deleted unit's term stays in the dictionary until a merge
                if searcher.search(tv.Query.term_query(self.schema, "seg", n, index_option="basic"), 1).count}

    def leg(self, positions: Mapping[str, int] | Callable[[Sequence[str]], Mapping[str, int]]) -> TantivyLeg:
        return TantivyLeg(self, positions)


class TantivyLeg:
    """The lexical leg of one generation: its Tantivy index, searched with the filters in the query."""

    segment = True

    def __init__(self, engine: TantivyLexical,
                 positions: Mapping[str, int] | Callable[[Sequence[str]], Mapping[str, int]]) -> None:
        self.engine = engine
        # unit id -> table position, for a stable order among equal scores: a mapping, or a function giving
        # the positions of some ids (the unit store's: no process keeps every id in memory)
        self.positions = positions
        self._stats: tuple[int, float] | None = None  # (units, mean tokens per unit), once per generation

    def __len__(self) -> int:
        return int(self.engine.index.searcher().num_docs)

    def _filter(self, filters: Filters) -> Any:
        tv = _tantivy()
        q, s = tv.Query, self.engine.schema
        must = [q.all_query()]
        if filters.doc is not None:
            must.append(q.term_query(s, "doc", filters.doc, index_option="basic"))
        for flag in (filters.level_flag, filters.role_flag):
            if flag:
                must.append(q.term_query(s, "flags", flag, index_option="basic"))
        if filters.district is not None:
            must.append(q.term_query(s, "district", filters.district, index_option="basic"))
        clauses = [(tv.Occur.Must, m) for m in must]
        if filters.hidden:
            clauses.append((tv.Occur.MustNot, q.term_set_query(s, "doc", sorted(filters.hidden))))
        return q.const_score_query(q.boolean_query(clauses), 0.0)

    def search(self, query: str, k: int = 10, filters: Filters | None = None) -> list[tuple[str, float]]:
        """Best `k` units of this generation passing `filters`: (unit id, BM25 score), best first."""
        if k <= 0:
            return []
        tokens = lexical_tokens(query)
        if not tokens:
            return []
        tv = _tantivy()
        q, s = tv.Query, self.engine.schema
        # A token repeated in the question counts as often as it is repeated, as in bm25s.
        text = q.boolean_query([(tv.Occur.Should, q.term_query(s, "body", t, index_option="freq")) for t in tokens])
        full = q.boolean_query([(tv.Occur.Must, text), (tv.Occur.Must, self._filter(filters or Filters()))])
        searcher = self.engine.index.searcher()
        hits = searcher.search(full, max(CANDIDATES, 5 * k), count=False).hits
        if not hits:
            return []
        n, avgdl = self.stats(searcher)
        df = {t: self.live_freq(searcher, t) for t in set(tokens)}
        found = []
        for _, addr in hits:
            doc = searcher.doc(addr)
            score = bm25_lucene(tokens, str(doc["body"][0]).split(" ") if doc["body"] else [], df, n, avgdl)
            if score > 0:
                found.append((str(doc["id"][0]), score))
        order = self.positions([i for i, _ in found]) if callable(self.positions) else self.positions
        found.sort(key=lambda p: (-p[1], order.get(p[0], 0)))
        return found[:k]

    def live_freq(self, searcher: Any, token: str) -> int:
        """Units of this generation holding `token`, deleted ones not counted. Tantivy's `doc_freq` still
        counts a deleted unit until its segment is merged, so a score would depend on the publishes before
        and on when Tantivy merged (the same units ranked differently in two generations holding the same
        documents); bm25s counted live units only, and so does this (a count query applies the deletes)."""
        q = _tantivy().Query.term_query(self.engine.schema, "body", token, index_option="basic")
        return int(searcher.search(q, 1, count=True).count)

    def stats(self, searcher: Any) -> tuple[int, float]:
        if self._stats is None:
            n = int(searcher.num_docs)
            total = searcher.aggregate(_tantivy().Query.all_query(), {"t": {"sum": {"field": "ntok"}}})["t"]["value"]
            self._stats = (n, max(1.0, float(total or 0) / max(1, n)))
        return self._stats
