"""Rows a question names by one of their cells, and the column it asks for by its header's words: "Trường THCS
Nguyễn Siêu và Trường Tiểu học Lê Ngọc Hân thuộc địa phương nào?" over a table "TT | Địa phương | Trường" is each
named row's "Địa phương" cell, cited. None unless at least one row of one table is named by a whole cell (a name of
three words or more, written as the table writes it, accents aside) and exactly one other column's header is asked
("… địa phương nào", "… đơn vị tính là gì"); when the question asks more than that column ("được xếp cấp học nào,
ở đâu"), each named row whole, with its column names.

Why by hand: the fact answers rank passages by the question's words, most of which name the table ("trong bảng các
trường đã đưa giáo dục STEM vào chương trình …"), so a section sharing them outranks the two short rows; and a
passage answers one row, while the question names two.
"""

from __future__ import annotations

import re

from assistant.answering.asked import Asked
from assistant.qa.compose import Cites
from assistant.qa.tableqa import table_key
from assistant.schemas import AskResponse
from ingest import vocab
from ingest.models import Unit
from ingest.text import fold

_ASK = r"(?:nao|gi|la gi|bao nhieu|la bao nhieu|may|o dau)"


def _plain(text: str) -> str:
    """Accent-free words and numbers only ("TH&THCS An Lộc" -> "th thcs an loc"), to match a cell in a question."""
    return " ".join(re.findall(r"[a-z0-9]+", fold(text)))


def _words(text: str) -> list[str]:
    return [w for w in re.findall(r"[a-z0-9]+", fold(text)) if w not in vocab.STOPWORDS]


def named_cells(row: Unit, folded_question: str) -> list[str]:
    """The columns of `row` whose whole cell the question writes ("truong thcs nguyen sieu")."""
    out = []
    for column, value in row.cells.items():
        cell = _plain(value)
        if len(cell.split()) >= vocab.NAMED_CELL_MIN_WORDS and not cell.replace(" ", "").isdigit() and \
                re.search(rf"\b{re.escape(cell)}\b", folded_question):
            out.append(column)
    return out


def asked_column(columns: list[str], folded_question: str) -> str | None:
    """The one column whose header's words the question asks for, followed by a question word ("địa phương nào")."""
    asked = []
    for column in columns:
        words = _words(re.sub(r"\(.*?\)", " ", column))  # "Khái toán kinh phí (triệu đồng)": its unit aside
        if words and re.search(rf"\b{' '.join(words)}\s+{_ASK}\b", folded_question):
            asked.append(column)
    return asked[0] if len(asked) == 1 else None


class NamedRows:
    name = "named-rows"

    def run(self, asked: Asked) -> AskResponse | None:
        folded = _plain(asked.query.text)
        keys = list(dict.fromkeys(table_key(u) for u in asked.hits if u.kind == "row"))[:vocab.NAMED_ROW_TABLES]
        for key in keys:
            rows = asked.index.table_rows(*key)
            named = [(u, cols) for u in rows if (cols := named_cells(u, folded))]
            if not named:
                continue
            name_columns = {c for _, cols in named for c in cols}
            column = asked_column([c for c in rows[0].cells if c not in name_columns], folded)
            if column is None:
                return None
            cites = Cites()
            if len(re.findall(rf"\b{_ASK}\b", folded)) > 1:  # "được xếp cấp học nào, ở đâu": more than the one column
                # asked, the whole row with its column names
                lines = [f"{u.cells[cols[0]]} — {u.text.strip()} {cites.ref(u)}" for u, cols in named]
            else:
                lines = [f"{u.cells[cols[0]]} — {column}: {u.cells.get(column, '').strip() or '(trống)'} "
                         f"{cites.ref(u)}" for u, cols in named]
            return AskResponse(answer="\n".join(lines), abstained=False, citations=cites.citations(), mode="table",
                               intent=asked.query.intent)
        return None
