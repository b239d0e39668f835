"""A table's columns asked: "bảng … gồm những cột nào", "mẫu … có bao nhiêu cột, cột cuối cùng để ghi gì". A
guidance document's forms (a table of named columns left to fill in) are asked so, and an annex table too.

The table is the one, among those of the rows retrieval found, whose heading path, title and column names cover
the question best (the first found on a tie); its columns are its header's, in order, counted, its first row cited.
None when the question asks no columns, no row was found, or the table's header was not read (columns only
numbered "Cột 1, Cột 2": the header is then a row of the table, which the other strategies quote)."""

from __future__ import annotations

from assistant.answering.asked import Asked
from assistant.qa.compose import Cites, coverage
from assistant.qa.tableqa import table_key
from assistant.qa.templates import t
from assistant.schemas import AskResponse
from ingest import vocab
from ingest.models import Unit
from ingest.tables import numbered_column
from ingest.text import fold


def asks_columns(folded_question: str) -> bool:
    return vocab.COLUMNS_Q.search(folded_question) is not None


def named_columns(row: Unit) -> list[str]:
    """The row's columns in order; [] when the header was not read (a column only numbered)."""
    columns = [c.strip() for c in row.cells]
    return [] if any(numbered_column(c) for c in columns) else columns


class TableColumns:
    name = "columns"

    def run(self, asked: Asked) -> AskResponse | None:
        q = asked.query
        if not asks_columns(fold(q.text)):
            return None
        keys = list(dict.fromkeys(table_key(u) for u in asked.hits[:vocab.FACT_CANDIDATES] if u.kind == "row"))
        best: tuple[float, Unit, list[str]] | None = None
        for key in keys:
            rows = [u for u in asked.index.table_rows(*key) if u.kind == "row"]
            columns = named_columns(rows[0]) if rows else []
            if len(columns) < 2:
                continue
            about = " ".join([str(rows[0].metadata.get("path", "")), str(rows[0].metadata.get("table_title", "")),
                              *columns])
            score = coverage(q.words, about, asked.idf, q.accents)
            if best is None or score > best[0]:
                best = (score, rows[0], columns)
        if best is None:
            return None
        _, row, columns = best
        title = str(row.metadata.get("table_title", "")) or row.label.split(",")[0]
        cites = Cites()
        answer = t("table_columns", table=title.strip(" :."), count=len(columns),
                   columns="; ".join(columns), ref=cites.ref(row))
        return AskResponse(answer=answer, abstained=False, citations=cites.citations(), mode="table",
                           intent=q.intent)
