"""The assistant: retrieval + the extractive composer, behind `ask` and `search`.

Chooses how to answer from the question: a digest for "what applies to me", table code for lists,
counts, sums and lookups over annex rows, and quoted sentences otherwise; abstains when the best
passage does not cover the question's content.
"""

from __future__ import annotations

import re
import time
from collections.abc import Hashable
from typing import Protocol

from assistant.qa.abbrev import spell_out
from assistant.qa.compose import (
    ABSTAIN_TEXT,
    Cites,
    Idf,
    best_passages,
    coverage,
    fact_answer,
    format_number,
    unknown_words,
    wanted_type,
)
from assistant.qa.digest import digest
from assistant.qa.idf_cache import IdfCache
from assistant.qa.query import Query, parse_query
from assistant.qa.tableqa import (
    TableSelection,
    amount_column,
    answer_list,
    answer_lookup,
    answer_sum,
    select_rows,
    table_key,
)
from assistant.schemas import AskResponse, SearchHit
from ingest.models import Unit
from ingest.tags import LEVEL_NAMES, ROLE_NAMES, levels_of
from ingest.text import fold

# Retrieved units the fact composer reads (its own scoring penalises rank). A question typed without
# diacritics ("ty trong day truc tuyen") can leave the answering unit only in the lexical leg, ranked 9th
# or 10th after fusion; 8 lost it.
FACT_CANDIDATES = 12


class HitLike(Protocol):
    unit: Unit
    score: float


class IndexLike(Protocol):
    def search(self, query: str, top_k: int = 8, filters: dict[str, str] | None = None) -> list: ...  # type: ignore[type-arg]
    def units(self, doc: str | None = None) -> list[Unit]: ...


def _name_key(names: dict[str, str], value: str | None) -> str | None:
    if not value:
        return None
    f = fold(value).strip()
    for key, name in names.items():
        if f in (fold(name), key.replace("_", " "), fold(key)):
            return key
    return None


class Assistant:
    def __init__(self, index: IndexLike, *, abstain_below: float = 0.5, top_k: int = 12) -> None:
        self.index = index
        self.abstain_below = abstain_below
        self.top_k = top_k
        self._idf = IdfCache()

    # -- helpers ---------------------------------------------------------------------------------
    def _units(self, doc: str | None = None) -> list[Unit]:
        return self.index.units(doc)

    def _snapshot(self) -> tuple[Hashable, list[Unit]]:
        """The units and what names their version: the live generation, or for an index without
        generations (test doubles) their ids. The generation is read first, so a publish in between
        makes the key older than the units, never newer: the next call sees the change."""
        key = getattr(self.index, "generation", None)
        units = self._units()
        return (hash(tuple(u.id for u in units)) if key is None else key), units

    def _metas(self) -> dict[str, Unit]:
        """doc id -> its meta unit, for the live generation (rebuilt when the generation changes)."""
        cached: tuple[Hashable, dict[str, Unit]] | None = getattr(self, "_meta_cache", None)
        live = getattr(self.index, "generation", None)
        if cached is not None and live is not None and cached[0] == live:
            return cached[1]  # without copying every unit of the index to find out
        key, units = self._snapshot()
        if cached is None or cached[0] != key:
            cached = (key, {u.doc: u for u in units if u.kind == "meta"})
            self._meta_cache = cached
        return cached[1]

    def idf(self) -> Idf:
        """The Idf stored with the live generation, or (an index written before, a test double) one
        counted here, updated a plan at a time."""
        stored = getattr(self.index, "stored_idf", None)
        idf = stored() if stored is not None else None
        return idf if idf is not None else self._idf.get(*self._snapshot())

    def search(self, query: str, top_k: int = 8, filters: dict[str, str] | None = None) -> list[SearchHit]:
        hits = self.index.search(query, top_k=top_k, filters=filters or None)
        return [SearchHit(**h.unit.citation().model_dump(), score=float(h.score)) for h in hits]

    # -- answering -------------------------------------------------------------------------------
    def ask(self, question: str, history: list[tuple[str, str]] | None = None,
            filters: dict[str, str] | None = None) -> AskResponse:
        filters = {k: v for k, v in (filters or {}).items() if v}
        staff = self._staff(question, filters.get("doc"))
        if staff is not None:
            return staff
        idf = self.idf()
        q = parse_query(spell_out(question, lambda w: idf.df_folded.get(w, 0) > 0), history)
        if (lv := _name_key(LEVEL_NAMES, filters.get("level"))) is not None:
            q.levels.add(lv)
        if (rl := _name_key(ROLE_NAMES, filters.get("role"))) is not None:
            q.roles.add(rl)
        # Document and district narrow retrieval; role and level are who is asking: they steer the answer
        # (digests, table constraints, passage preference) without hiding untagged passages and rows.
        strict = {k: v for k, v in filters.items() if k in ("doc", "district")}
        hits = self.index.search(q.retrieval_text, top_k=self.top_k, filters=strict or None)
        units = [h.unit for h in hits]
        if q.intent == "digest" and (q.roles or q.levels):
            cites = Cites()
            text, n = digest(self._units(filters.get("doc")), q.roles, q.levels, cites)
            if n:
                return AskResponse(answer=text, abstained=False, citations=cites.citations(), mode="digest",
                                   intent="digest")
        if q.intent in ("list", "count", "sum", "lookup"):
            resp = self._table_answer(q, units)
            if resp is not None:
                return resp
        return self._fact(q, units)

    def _staff(self, question: str, doc: str | None) -> AskResponse | None:
        """Staff intents ("những chỉ tiêu chưa đạt", "kiểm tra kế hoạch"): see assistant/staff/chat.py.
        The plans are the indexed ones, with the structure stored at publish; an index without stored
        structures (a test double) falls back to parsing the corpus and upload folders."""
        from assistant.staff.chat import intent_of, load_plans, staff_answer

        if intent_of(question) is None:
            return None
        parsed = getattr(self.index, "parsed_documents", None)
        if parsed is not None:
            plans, missing = parsed(doc)
        else:
            from assistant.settings import get_settings

            s = get_settings()
            plans, missing = load_plans([s.corpus_dir, s.uploads_dir], doc), []
        return staff_answer(question, plans, missing)

    def _abstain(self, q: Query) -> AskResponse:
        return AskResponse(answer=ABSTAIN_TEXT, abstained=True, citations=[], intent=q.intent)

    def _fact(self, q: Query, units: list[Unit]) -> AskResponse:
        idf = self.idf()
        # Document facts (title, signer, recipients) compete too: the meta unit of each document among the
        # candidates (not of every document: with a thousand plans indexed that made each answer score a
        # thousand meta units, and ask time grow with the index).
        candidates = units[:FACT_CANDIDATES]
        metas = self._metas()
        seen = {u.id for u in candidates}
        extra = [m for d in dict.fromkeys(u.doc for u in candidates) if (m := metas.get(d)) and m.id not in seen]
        passages = best_passages(q.words, candidates + extra, idf, accents=q.accents, levels=q.levels,
                                 want=wanted_type(q.text))
        if not passages:
            return self._abstain(q)
        best = passages[0].unit
        evidence = coverage(q.words, " ".join([best.label, str(best.metadata.get("path", "")), best.text]), idf,
                            q.accents)
        if evidence < self.abstain_below or self._off_topic(q, passages[0].text, idf):
            return self._abstain(q)
        cites = Cites()
        return AskResponse(answer=fact_answer(passages, cites), abstained=False, citations=cites.citations(),
                           intent=q.intent)

    @staticmethod
    def _off_topic(q: Query, passage: str, idf: Idf) -> bool:
        """Evidence that the documents do not answer: the question names something they never mention
        (a year, a place, a word that occurs nowhere), or a school level the passage does not cover."""
        missing = [w for w in unknown_words(q.words, idf, q.accents) if len(w) >= 3]
        if missing and not q.follow_up:
            return True
        if q.levels:
            named = levels_of(passage)
            if named and not (named & q.levels):
                return True
        return False

    def _tables_of(self, doc: str) -> list[tuple[str, int]]:
        return list(dict.fromkeys(table_key(u)[1:] for u in self._units(doc) if u.kind in ("row", "total")))

    def _table_rows(self, key: tuple[str, str, int]) -> list[Unit]:
        rows = [u for u in self._units(key[0]) if u.kind in ("row", "total") and table_key(u) == key]
        return sorted(rows, key=lambda u: int(u.metadata.get("position", 0) or 0) + (10_000 if u.kind == "total" else 0))

    def _table_answer(self, q: Query, units: list[Unit]) -> AskResponse | None:
        keys = list(dict.fromkeys(table_key(u) for u in units if u.kind in ("row", "total")))
        if not keys:
            return None
        cites = Cites()
        idf = self.idf()
        if q.intent == "lookup":
            rows = [u for u in units if u.kind == "row" and any(
                k in fold(" ".join(u.cells)) for k in ("chu tri", "phoi hop"))]
            task_words = [w for w in q.words if fold(w) not in {"chu", "tri", "phoi", "hop", "don", "vi", "phong"}]
            scored = sorted(((coverage(task_words, u.text, idf, q.accents), -i, u) for i, u in enumerate(rows)),
                            key=lambda t: (t[0], t[1]), reverse=True)
            if not scored or scored[0][0] < 0.5:
                return None  # no task row matches well: answer from the text instead
            text = answer_lookup(scored[0][2], cites.ref)
            return AskResponse(answer=text, abstained=False, citations=cites.citations(), mode="table",
                               intent=q.intent) if text else None
        annex = re.search(r"\bphu luc ([ivxlc]+|\d+)\b", q.folded)
        if annex:  # "Phụ lục IV có bao nhiêu…": the question names its table
            named = [k for k in keys if k[1].lower() == annex.group(1)]
            keys = named or [(d, a, t) for d in {k[0] for k in keys} for (a, t) in self._tables_of(d)
                             if a.lower() == annex.group(1)] or keys
        best: tuple[float, TableSelection] | None = None
        for key in keys:
            rows = self._table_rows(key)
            if not rows or (q.intent == "sum" and amount_column(rows) is None):
                continue
            selected, constraints = select_rows(rows, q.folded, q.levels)
            sel = TableSelection(key, rows, selected, constraints)
            first = rows[0]
            context = " ".join([first.label.split(",")[0], str(first.metadata.get("table_title", "")),
                                " ".join(first.cells)] + [g for u in rows for g in u.group_titles[:1]])
            relevance = coverage(q.words, context, idf, q.accents) + (1.0 if constraints and selected else 0.0)
            if best is None or relevance > best[0]:
                best = (relevance, sel)
        if best is None or not best[1].selected:
            return None
        relevance, chosen = best
        if not chosen.constraints and relevance < 0.45:
            return None  # without constraints the table itself must be what is asked about
        if q.intent == "sum":
            text = answer_sum(chosen, cites.ref, format_number)
        else:
            if not chosen.constraints and not self._table_matches_entity(q, chosen):
                return None
            text = answer_list(chosen, q.intent, cites.ref)
        if not text:
            return None
        return AskResponse(answer=text, abstained=False, citations=cites.citations(), mode="table", intent=q.intent)

    @staticmethod
    def _table_matches_entity(q: Query, sel: TableSelection) -> bool:
        first = sel.rows[0] if sel.rows else None
        header = fold(" ".join(first.cells) + " " + str(first.metadata.get("table_title", ""))) if first else ""
        for noun in ("truong", "nhiem vu", "chi tieu", "du an", "hang muc", "don vi"):
            if noun in q.folded and noun in header:
                return True
        return False


def timed(fn, *args, **kwargs):  # type: ignore[no-untyped-def]
    t0 = time.perf_counter()
    out = fn(*args, **kwargs)
    return out, time.perf_counter() - t0
