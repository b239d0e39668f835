"""Questions over annex tables as data: who leads a task (lookup), lists, counts and sums of rows, computed
from the table's rows and every row cited (assistant/qa/tableqa.py). The table is chosen among those the
retrieved rows belong to (or the annex the question names); None when no table fits the question well, so
that the text answers instead."""

from __future__ import annotations

from assistant.answering.asked import Asked
from assistant.qa.compose import Cites, coverage, format_number
from assistant.qa.query import Query
from assistant.qa.tableqa import (
    TableSelection,
    amount_column,
    answer_list,
    answer_lookup,
    answer_sum,
    select_rows,
    table_key,
)
from assistant.schemas import AskResponse
from ingest import vocab
from ingest.text import fold

ROW_KINDS = ("row", "total")


class TableAnswers:
    name = "table"

    def run(self, asked: Asked) -> AskResponse | None:
        q = asked.query
        if q.intent not in ("list", "count", "sum", "lookup"):
            return None
        keys = list(dict.fromkeys(table_key(u) for u in asked.hits if u.kind in ROW_KINDS))
        if not keys:
            return None
        if q.intent == "lookup":
            return self._lookup(asked)
        return self._rows(asked, keys)

    @staticmethod
    def _lookup(asked: Asked) -> AskResponse | None:
        q, idf = asked.query, asked.idf
        rows = [u for u in asked.hits if u.kind == "row" and any(
            k in fold(" ".join(u.cells)) for k in vocab.LOOKUP_ROLE_WORDS)]
        task_words = [w for w in q.words if fold(w) not in vocab.LOOKUP_STOP]
        scored = sorted(((coverage(task_words, u.text, idf, q.accents), -i, u) for i, u in enumerate(rows)),
                        key=lambda t: (t[0], t[1]), reverse=True)
        if not scored or scored[0][0] < vocab.LOOKUP_MIN_COVERAGE:
            return None  # no task row matches well: answer from the text instead
        cites = Cites()
        text = answer_lookup(scored[0][2], cites.ref)
        return AskResponse(answer=text, abstained=False, citations=cites.citations(), mode="table",
                           intent=q.intent) if text else None

    def _rows(self, asked: Asked, keys: list[tuple[str, str, int]]) -> AskResponse | None:
        q, idf, index = asked.query, asked.idf, asked.index
        annex = vocab.ANNEX_REF_Q.search(q.folded)
        if annex:  # "Phụ lục IV có bao nhiêu…": the question names its table
            named = [k for k in keys if k[1].lower() == annex.group(1)]
            keys = named or [(d, a, t) for d in {k[0] for k in keys} for (a, t) in index.tables(d)
                             if a.lower() == annex.group(1)] or keys
        best: tuple[float, TableSelection] | None = None
        for key in keys:
            rows = index.table_rows(*key)
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
        if not chosen.constraints and relevance < vocab.TABLE_MIN_RELEVANCE:
            return None  # without constraints the table itself must be what is asked about
        cites = Cites()
        if q.intent == "sum":
            text = answer_sum(chosen, cites.ref, format_number)
        else:
            if not chosen.constraints and not _table_matches_entity(q, chosen):
                return None
            text = answer_list(chosen, q.intent, cites.ref)
        if not text:
            return None
        return AskResponse(answer=text, abstained=False, citations=cites.citations(), mode="table",
                           intent=q.intent)


def _table_matches_entity(q: Query, sel: TableSelection) -> bool:
    """Without constraints, a list/count must name what the table lists ("trường", "nhiệm vụ"…)."""
    first = sel.rows[0] if sel.rows else None
    header = fold(" ".join(first.cells) + " " + str(first.metadata.get("table_title", ""))) if first else ""
    return any(noun in q.folded and noun in header for noun in vocab.TABLE_ENTITY_NOUNS)
