"""The lexical leg's candidate engines side by side (issue 18): bm25s (today's: rebuilt over every unit at each
publish), bm25s memory-mapped, Tantivy (assistant/index/lexical_tantivy.py) and SQLite FTS5 with its bm25().

Scale (same units, same tokens, same questions for every engine): units generated from the corpus plan as
bench/load.py's `variant_plan` does (another province, district, year, other numbers), but at token level:
the plan's units are tokenised ONCE by `lexical_tokens` and each variant rewrites those tokens (underthesea
on 200k units would take most of an hour), 166 units a plan. Per engine and size: build, add one plan (what
a publish of one plan costs: a rebuild for bm25s), delete one plan, query p50/p95 over the real questions of
eval/gold/dong-thap-2024.jsonl and eval/gold/corpus-dev/*.jsonl (a time budget per engine and size), RSS of a
fresh process opening the index and answering one question, disk size. Tantivy runs as the index runs it: a
new index per publish, derived from the previous one (hard links, one commit); FTS5 keeps one table and
restricts a query to the live plans by a join. (The filters inside the engine's query are tested in
tests/test_lexical_tantivy.py.)

Quality (--quality): the corpus plan and eval/corpus-dev in one index (real e5 model), hit@5 / MRR@10 of the
lexical leg and of the hybrid search on each development gold set, for bm25s (k1 = 1.5, today), bm25s with
Tantivy's k1 = 1.2 (to show what k1 alone does) and the Tantivy leg. The held-out gold sets are not read.

Usage: python -m bench.lexical_engines [--sizes 10000,100000,200000] [--engines bm25s,bm25s-mmap,tantivy,fts5]
       [--budget-s 30] [--skip-scale] [--quality]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from bench.load import CORPUS, DISTRICTS, PROVINCES, _du_mb, _pct

ROOT = Path(__file__).resolve().parent.parent
GOLD = [ROOT / "eval" / "gold" / "dong-thap-2024.jsonl", *sorted((ROOT / "eval" / "gold" / "corpus-dev").glob("*.jsonl"))]
ENGINES = ("bm25s", "bm25s-mmap", "tantivy", "fts5")
PLAN_UNITS = 166


def questions() -> list[str]:
    out: list[str] = []
    for path in GOLD:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                out.append(json.loads(line)["question"])
    return out


# ---------------------------------------------------------------------------------------------- units
class Plans:
    """Plan variants at token level: (segment name, [(unit, tokens)]) for variant k."""

    def __init__(self) -> None:
        from assistant.index.lexical import lexical_tokens
        from ingest.pipeline import parse_path

        self.units = parse_path(ROOT / CORPUS).document.units
        self.tokens = [lexical_tokens(u.embed_text) for u in self.units]
        self.places = {name: lexical_tokens(name) for name in [*PROVINCES, *DISTRICTS, "Đồng Tháp", "Lai Vung"]}

    def _place_map(self, old: str, new: str) -> dict[str, str]:
        a, b = self.places[old], self.places[new]
        return {x: y for x, y in zip(a, b, strict=False) if x != y}

    def plan(self, k: int) -> tuple[str, list[tuple[Any, list[str]]]]:
        rng = random.Random(k)
        province, district = PROVINCES[k % len(PROVINCES)], DISTRICTS[(k // len(PROVINCES)) % len(DISTRICTS)]
        year = 2020 + k % 8
        swap = {**self._place_map("Đồng Tháp", province), **self._place_map("Lai Vung", district),
                "2024": str(year), "2023": str(year - 1)}
        numbers: dict[str, str] = {}

        def renumber(t: str) -> str:
            if t in swap:
                return swap[t]
            if 2 <= len(t) <= 4 and t.isdigit():
                return numbers.setdefault(t, sys.intern(str(max(1, int(int(t) * rng.uniform(0.5, 1.5))))))
            return t

        doc = f"plan-{k:05d}"
        out = []
        for i, (u, toks) in enumerate(zip(self.units, self.tokens, strict=True)):
            md = dict(u.metadata, doc=doc)
            if isinstance(md.get("district"), str):
                md["district"] = str(md["district"]).replace("Lai Vung", district)
            unit = u.model_copy(update={"id": f"{k:05d}-{i:03d}", "doc": doc, "metadata": md})
            out.append((unit, [renumber(t) for t in toks]))
        return f"{doc}.seg", out


# ---------------------------------------------------------------------------------------------- engines
class Engine:
    """One candidate over a folder: build, add a plan, delete a plan, search with a live-segment filter."""

    name = ""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def build(self, plans: list[tuple[str, list[tuple[Any, list[str]]]]]) -> None: ...

    def add(self, name: str, pairs: list[tuple[Any, list[str]]]) -> None: ...

    def delete(self, name: str) -> None: ...

    def search(self, query: str, k: int) -> list[tuple[str, float]]:
        raise NotImplementedError


class Bm25s(Engine):
    """Today's engine: the whole index rebuilt (and saved) whenever a plan comes or goes."""

    name = "bm25s"

    def build(self, plans):
        self.plans = dict(plans)
        self._rebuild()

    def _rebuild(self) -> None:
        from assistant.index.lexical import LexicalIndex

        pairs = [p for ps in self.plans.values() for p in ps]
        self.ix = LexicalIndex.build([u.id for u, _ in pairs], [t for _, t in pairs])
        shutil.rmtree(self.folder, ignore_errors=True)
        self.ix.save(self.folder)

    def add(self, name, pairs):
        self.plans[name] = pairs
        self._rebuild()

    def delete(self, name):
        del self.plans[name]
        self._rebuild()

    def search(self, query, k):
        return self.ix.search(query, k, None)


class Tantivy(Engine):
    """As the index uses it: each publish derives a new generation's index from the previous one (hard
    links, one commit), the previous folder removed once the next one is live."""

    name = "tantivy"

    def build(self, plans):
        self.n = 0
        self.tv = None
        for i in range(0, len(plans), 100):  # publishes of 100 plans, as an ingest of a folder would do
            self._publish(dict(plans[i:i + 100]), [])

    def _publish(self, add, drop) -> None:
        from assistant.index.lexical_tantivy import TantivyLexical

        base = self.tv.folder if self.tv is not None else None
        self.n += 1
        self.tv = TantivyLexical.derive(base, self.folder.with_name(f"tv-{self.n}"), add, drop)
        if base is not None:
            shutil.rmtree(base)
        self.leg = self.tv.leg({})

    def add(self, name, pairs):
        self._publish({name: pairs}, [])

    def delete(self, name):
        self._publish({}, [name])

    def search(self, query, k):
        return self.leg.search(query, k)

    def finish(self) -> None:
        """The live folder where the fresh process will open it."""
        assert self.tv is not None
        os.replace(self.tv.folder, self.folder)


class Fts5(Engine):
    """SQLite FTS5 over the same tokens (unicode61 keeping '_' and ',' inside tokens, no accent removal),
    ranked by its bm25() (k1 = 1.2, b = 0.75); units of live segments only (a join on a small table)."""

    name = "fts5"
    TOKENIZE = "unicode61 remove_diacritics 0 tokenchars '_,'"

    def build(self, plans):
        self.folder.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(self.folder / "lexical.db")
        self.db.executescript(f"""
            CREATE VIRTUAL TABLE fts USING fts5(body, tokenize="{self.TOKENIZE}");
            CREATE TABLE unit(rowid INTEGER PRIMARY KEY, id TEXT, seg TEXT, doc TEXT);
            CREATE INDEX unit_seg ON unit(seg);
            CREATE TABLE live(seg TEXT PRIMARY KEY);
        """)
        for name, pairs in plans:
            self._insert(name, pairs)
        self.db.commit()

    def _insert(self, name: str, pairs: list[tuple[Any, list[str]]]) -> None:
        cur = self.db.cursor()
        for unit, tokens in pairs:
            cur.execute("INSERT INTO unit(id, seg, doc) VALUES (?, ?, ?)", (unit.id, name, unit.doc))
            cur.execute("INSERT INTO fts(rowid, body) VALUES (?, ?)", (cur.lastrowid, " ".join(tokens)))
        cur.execute("INSERT OR IGNORE INTO live VALUES (?)", (name,))

    def add(self, name, pairs):
        self._insert(name, pairs)
        self.db.commit()

    def delete(self, name):
        self.db.execute("DELETE FROM fts WHERE rowid IN (SELECT rowid FROM unit WHERE seg = ?)", (name,))
        self.db.execute("DELETE FROM unit WHERE seg = ?", (name,))
        self.db.execute("DELETE FROM live WHERE seg = ?", (name,))
        self.db.commit()

    def search(self, query, k):
        from assistant.index.lexical import lexical_tokens

        tokens = [t for t in lexical_tokens(query) if '"' not in t]
        if not tokens:
            return []
        match = " OR ".join(f'"{t}"' for t in tokens)
        rows = self.db.execute(
            "SELECT unit.id, -bm25(fts) AS s FROM fts JOIN unit ON unit.rowid = fts.rowid "
            "WHERE fts MATCH ? AND unit.seg IN (SELECT seg FROM live) ORDER BY bm25(fts) LIMIT ?", (match, k))
        return [(i, float(s)) for i, s in rows]


ENGINE_CLASSES: dict[str, type[Engine]] = {"bm25s": Bm25s, "tantivy": Tantivy, "fts5": Fts5}

OPEN_CODE = {  # a fresh process opening the engine's files (then answering one question)
    "bm25s": "from assistant.index.lexical import LexicalIndex as L; ix = L.load(P); ix.search(Q, 10)",
    "bm25s-mmap": ("import bm25s, json; from assistant.index.lexical import LexicalIndex as L; "
                   "b = bm25s.BM25.load(str(P / 'bm25'), mmap=True, show_progress=False); "
                   "ix = L(json.loads((P / 'lexical.json').read_text())['ids'], b, True); ix.search(Q, 10)"),
    "tantivy": ("from assistant.index.lexical_tantivy import TantivyLexical as T; "
                "T(P).leg({}).search(Q, 10)"),
    "fts5": ("import sqlite3; from bench.lexical_engines import Fts5; e = Fts5(P); "
             "e.db = sqlite3.connect(P / 'lexical.db'); e.search(Q, 10)"),
}


def fresh_rss(engine: str, folder: Path) -> tuple[float, float, float]:
    """A new Python process: (seconds to open the index and answer one question, RSS MB after it, RSS MB it
    added). The question's tokeniser (underthesea, shared by every engine) is loaded before measuring."""
    code = ("import time, sys; from pathlib import Path; from assistant.index.lexical import lexical_tokens; "
            "P = Path(sys.argv[1]); Q = 'chi tieu thanh toan khong dung tien mat nam 2024'; lexical_tokens(Q); "
            "rss = lambda: int([l for l in open('/proc/self/status') if l.startswith('VmRSS')][0].split()[1]) / 1024; "
            "r0 = rss(); t0 = time.perf_counter(); " + OPEN_CODE[engine] + "; "
            "print(time.perf_counter() - t0, rss(), rss() - r0)")
    out = subprocess.run([sys.executable, "-c", code, str(folder)], capture_output=True, text=True, check=True,
                         env={**os.environ, "PYTHONPATH": str(ROOT)}, cwd=ROOT)
    secs, rss, added = out.stdout.split()[-3:]
    return float(secs), float(rss), float(added)


def timed(fn: Callable[..., Any], *args: Any) -> float:
    t0 = time.perf_counter()
    fn(*args)
    return time.perf_counter() - t0


def latency(search: Callable[[str, int], Any], qs: Sequence[str], budget_s: float) -> tuple[float, float, int]:
    """p50 / p95 ms over the questions asked within the budget (at least 20)."""
    times: list[float] = []
    start = time.perf_counter()
    for i, q in enumerate(qs):
        if i >= 20 and time.perf_counter() - start > budget_s:
            break
        times.append(timed(search, q, 40) * 1000)  # 40: the depth hybrid search asks of a leg
    return _pct(times, 50), _pct(times, 95), len(times)


def bench_scale(sizes: list[int], engines: list[str], budget_s: float) -> list[dict[str, Any]]:
    print("tokenising the corpus plan once ...", flush=True)
    plans_src = Plans()
    qs = questions()
    random.Random(0).shuffle(qs)
    rows = []
    header = (f"{'units':>8} {'engine':<11} {'build s':>8} {'+1 plan s':>9} {'-1 plan s':>9} {'p50 ms':>7} "
              f"{'p95 ms':>7} {'(n)':>5} {'open s':>7} {'RSS MB':>7} {'+RSS MB':>8} {'disk MB':>8}")
    for size in sizes:
        n = max(1, round(size / PLAN_UNITS))
        plans = [plans_src.plan(k) for k in range(n)]
        extra = plans_src.plan(n)
        print(f"\n{n * PLAN_UNITS} units ({n} plans)\n{header}", flush=True)
        for name in engines:
            tmp = Path(tempfile.mkdtemp(prefix=f"lex-{name}-"))
            try:
                cls = ENGINE_CLASSES[name.removesuffix("-mmap")]
                eng = cls(tmp / "ix")
                if name == "bm25s-mmap":  # same files as bm25s: only opening and searching differ
                    eng.build(plans)
                    build_s = add_s = del_s = float("nan")
                    import bm25s

                    from assistant.index.lexical import LexicalIndex
                    ids = json.loads((tmp / "ix" / "lexical.json").read_text())["ids"]
                    eng.ix = LexicalIndex(ids, bm25s.BM25.load(str(tmp / "ix" / "bm25"), mmap=True, show_progress=False), True)  # type: ignore[attr-defined]
                else:
                    build_s = timed(eng.build, plans)
                    add_s = timed(eng.add, *extra)
                    del_s = timed(eng.delete, extra[0])
                p50, p95, asked = latency(eng.search, qs, budget_s)
                if isinstance(eng, Tantivy):
                    eng.finish()
                open_s, rss, added = fresh_rss(name, tmp / "ix")
                row = {"units": n * PLAN_UNITS, "engine": name, "build_s": build_s, "add_s": add_s, "del_s": del_s,
                       "p50": p50, "p95": p95, "asked": asked, "open_s": open_s, "rss_mb": rss, "rss_added_mb": added,
                       "disk_mb": _du_mb(tmp / "ix")}
                rows.append(row)
                print(f"{row['units']:>8} {name:<11} {build_s:>8.1f} {add_s:>9.2f} {del_s:>9.2f} {p50:>7.1f} "
                      f"{p95:>7.1f} {asked:>5} {open_s:>7.2f} {rss:>7.0f} {added:>8.0f} {row['disk_mb']:>8.1f}", flush=True)
                del eng
            finally:
                shutil.rmtree(tmp, ignore_errors=True)
    return rows


# ---------------------------------------------------------------------------------------------- quality
def _rank_metrics(ranks: list[int | None]) -> tuple[float, float]:
    hit5 = sum(r is not None and r <= 5 for r in ranks) / max(1, len(ranks))
    mrr = sum(1.0 / r for r in ranks if r is not None and r <= 10) / max(1, len(ranks))
    return hit5, mrr


def bench_quality(home: Path) -> list[dict[str, Any]]:
    """hit@5 / MRR@10 of the lexical leg and the hybrid search per development gold set, per engine, on one
    index of the corpus plan and eval/corpus-dev (built under `home` once, reused by later runs)."""
    from dataclasses import replace

    import bm25s

    from assistant.embedder import get_embedder
    from assistant.index.filters import normalise_filters
    from assistant.index.generations import GenerationStore
    from assistant.index.index import Index, _visible
    from assistant.index.lexical import Bm25sLeg, LexicalIndex
    from assistant.index.retrieval import Hit, hybrid_search, lexical_search
    from assistant.settings import Settings
    from eval.gold import read_gold
    from eval.match import first_match_rank
    from eval.suite import documents
    from eval.systems import _ingest, query_text

    s = Settings(home=home, chroma_url="", corpus_dir=home / "none", lexical_engine="bm25s")
    ix = Index(s, get_embedder(s))
    if not ix.count()[0]:
        t0 = time.perf_counter()
        _ingest(ix, documents([ROOT / "corpus", ROOT / "eval" / "corpus-dev"]), s)
        print(f"indexed {ix.count()} in {time.perf_counter() - t0:.0f} s", flush=True)
    gen = ix._refresh(force=True)
    k12 = bm25s.BM25(k1=1.2)
    tokens = [t for info in gen.docs.values() for t in ix.gens.files.token_lists(str(info["segment"]))]
    k12.index([t or ["<empty>"] for t in tokens], show_progress=False)
    store = GenerationStore(s.index_dir, "tantivy")
    with store.lock():
        if not store.uses_tantivy(gen.number, True):
            store.migrate_tantivy(gen.number)
    gens = {"bm25s k1=1.5 (today)": gen,
            "bm25s k1=1.2": replace(gen, lexical=Bm25sLeg(LexicalIndex(gen.table.ids, k12, True), gen.table.mask)),
            "tantivy": replace(gen, lexical=store.load(gen.number).lexical)}
    rows = []
    print(f"\n{'gold set':<52} {'engine':<21} {'lex hit@5':>9} {'lex MRR':>8} {'hyb hit@5':>9} {'hyb MRR':>8} {'n':>4}")
    for path in GOLD:
        qs = [q for q in read_gold(path).questions if not q.unanswerable]
        for name, g in gens.items():
            ranks: dict[str, list[int | None]] = {"lex": [], "hyb": []}
            for q in qs:
                query, f = query_text(q.question, q.history), _visible(normalise_filters(q.filters or None), gen, True)
                legs: dict[str, list[Hit]] = {"lex": lexical_search(g, query, 10, f),
                                              "hyb": hybrid_search(g, ix.vectors, ix.embedder, query, 10, f)}
                for leg, hits in legs.items():
                    ranks[leg].append(first_match_rank([h.unit.citation().text for h in hits], q.evidence))
            (lh, lm), (hh, hm) = _rank_metrics(ranks["lex"]), _rank_metrics(ranks["hyb"])
            rows.append({"set": path.stem, "engine": name, "lex_hit5": lh, "lex_mrr": lm, "hyb_hit5": hh,
                         "hyb_mrr": hm, "n": len(qs)})
            print(f"{path.stem[:52]:<52} {name:<21} {lh:>9.3f} {lm:>8.3f} {hh:>9.3f} {hm:>8.3f} {len(qs):>4}",
                  flush=True)
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.lexical_engines", description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="10000,100000,200000")
    ap.add_argument("--engines", default=",".join(ENGINES))
    ap.add_argument("--budget-s", type=float, default=30.0, help="query time per engine and size")
    ap.add_argument("--skip-scale", action="store_true")
    ap.add_argument("--quality", action="store_true", help="hit@5 / MRR@10 on the development gold sets (e5)")
    ap.add_argument("--home", type=Path, default=Path(tempfile.gettempdir()) / "kehoach-lexical-quality")
    args = ap.parse_args(argv)
    for k, v in (("HF_HUB_OFFLINE", "1"), ("TRANSFORMERS_OFFLINE", "1"), ("ANONYMIZED_TELEMETRY", "False")):
        os.environ.setdefault(k, v)
    if not args.skip_scale:
        engines = [e for e in args.engines.split(",") if e]
        unknown = set(engines) - set(ENGINES)
        if unknown:
            ap.error(f"unknown engines {sorted(unknown)} (accepted: {', '.join(ENGINES)})")
        bench_scale([int(x) for x in args.sizes.split(",") if x], engines, args.budget_s)
    if args.quality:
        bench_quality(args.home)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
