"""How many things in all, over an annex table's rows (issue 16): "Cả hai giai đoạn đầu tư tổng cộng bao nhiêu phòng
học STEM?" over a budget table whose rows say "Đầu tư xây dựng phòng học STEM tiêu chuẩn | Phòng | … | Số lượng: 50"
is the sum of the quantity column over the rows that count that thing: "370 Phòng = 50 + 20 + 300", each part cited.

The rows are those whose unit of measure is the noun the question counts ("phòng") and whose name holds the
question's words for it ("phòng học STEM"); the quantity column is found by its header (Số lượng, Khối lượng, Quy
mô). Money is summed by TableAnswers (`answer_sum`); this counts things. None, so that other strategies try, unless
at least two rows of one table count the thing asked.
"""

from __future__ import annotations

import re

from assistant.answering.asked import Asked
from assistant.qa.compose import Cites, format_number
from assistant.qa.tableqa import in_named_group, name_of
from assistant.qa.templates import t
from assistant.schemas import AskResponse
from ingest import vocab
from ingest.models import Unit
from ingest.text import fold, parse_cell_value


def asked_total(folded_question: str) -> list[str]:
    """The words of the thing a question asks the total number of ("tổng cộng bao nhiêu phòng học stem" ->
    ["phong", "hoc", "stem"]); [] when it asks no total, or a total of money."""
    m = vocab.QUANTITY_TOTAL_Q.search(folded_question)
    if not m:
        return []
    words = (m.group(1) or m.group(2)).split()
    return [] if not words or words[0] in vocab.QUANTITY_NOT_COUNTED else words


def row_column(row: Unit, pattern: re.Pattern[str], whole: bool = False) -> str | None:
    """The row's first column whose header matches (`whole`: the whole header, "ĐVT" but not "Đơn vị chủ trì")."""
    found = (pattern.fullmatch if whole else pattern.search)
    return next((c for c in row.cells if found(fold(c).strip(" .:"))), None)


def counted_rows(rows: list[Unit], words: list[str], question: str = "") -> tuple[list[tuple[Unit, float]], str, str, str]:
    """(row, quantity) of the rows counting `words`' thing, the quantity column, the unit and the thing as the table
    writes them; ([], "", "", "") when fewer than two rows do. A row counts it when its unit of measure is the
    thing's head noun and its name holds the longest run of the question's words that any such row holds."""
    measured: list[tuple[Unit, float, str]] = []
    # people are counted in rows measured "Người", "Lượt", "Người/lượt" ("bao nhiêu giáo viên và CBQL" over "Tập huấn
    # cho giáo viên và CBQL | Người/lượt | 150"): the row's name then holds the whole noun, never its first syllable
    people = re.match(rf"(?:{vocab.ANY_PEOPLE_NOUNS})\b", " ".join(words))
    shortest = len(people.group(0).split()) if people else 1
    quantity_col = ""
    for u in rows:
        if u.kind != "row":
            continue
        measure, quantity = row_column(u, vocab.MEASURE_COLUMN_F, whole=True), row_column(u, vocab.QUANTITY_COLUMN_F)
        value = parse_cell_value(u.cells.get(quantity, "")) if quantity else None
        if measure is None or quantity is None or value is None:
            continue
        if fold(u.cells.get(measure, "")).strip(" .").split()[:1] == words[:1] or \
                (people and vocab.PEOPLE_MEASURE_F.fullmatch(fold(u.cells.get(measure, "")).strip(" ."))
                 and _what_is_done(name_of(u), question)):
            measured.append((u, value, u.cells[measure].strip()))
            quantity_col = quantity_col or quantity
    # the longest run of the question's words some row's name holds ("phòng học stem" of "phòng học stem của đề án"),
    # and then every row holding it: never a shorter run to find more rows ("phòng học STEM cao cấp" is one row)
    names = [fold(name_of(u)) for u, _, _ in measured]
    for n in range(len(words), shortest - 1, -1):
        phrase = " ".join(words[:n])
        holds = [bool(re.search(rf"\b{re.escape(phrase)}\b", name)) for name in names]
        if not any(holds):
            continue
        chosen = [m for m, h in zip(measured, holds, strict=True) if h]
        if len(chosen) < 2:
            break
        name = name_of(chosen[0][0])
        at = fold(name).find(phrase)
        written = name[at:at + len(phrase)] if len(fold(name)) == len(name) else phrase
        written = re.sub(r"(?:\s+(?:và|va|của|cua|cho|ở|o|tại|tai|trong))+$", "", written)  # "giáo viên và" (CBQL)
        return [(u, v) for u, v, _ in chosen], quantity_col, chosen[0][2], written
    return [], "", "", ""


def _what_is_done(name: str, question: str) -> bool:
    """People counted in a row are those of what is done to them ("Tập huấn cho giáo viên và CBQL": trainees), so the
    question says it ("tập huấn tổng cộng bao nhiêu giáo viên"); "toàn tỉnh có tổng cộng bao nhiêu giáo viên" is not
    answered by the trainees of a budget line."""
    opening = " ".join(fold(name).split()[:2])
    return bool(opening) and re.search(rf"\b{re.escape(opening)}\b", question) is not None


class QuantitySums:
    name = "quantity-sum"

    def run(self, asked: Asked) -> AskResponse | None:
        words = asked_total(asked.query.folded)
        if not words or vocab.SHARE_ASK_Q.search(fold(asked.query.text)):
            return None  # (a part's share "trong tổng kinh phí": a percentage, assistant/qa/shares.py)
        keys = list(dict.fromkeys((u.doc, str(u.metadata.get("annex", "")), int(u.metadata.get("table", 0) or 0))
                                  for u in asked.hits if u.kind in ("row", "total")))
        # then every table of the documents the question is about (the filter's, or those of the best hits): the
        # passages that say "50 phòng học STEM" in words often outrank the table's rows
        docs = [asked.doc] if asked.doc else list(dict.fromkeys(u.doc for u in asked.hits))[:vocab.QUANTITY_DOCS]
        keys += [(d, a, n) for d in docs for a, n in asked.index.tables(d) if (d, a, n) not in keys]
        for key in keys:
            # "giai đoạn 1 … tổng cộng bao nhiêu phòng": the rows under the group the question names
            table = in_named_group(asked.index.table_rows(*key), asked.query.folded)
            rows, column, unit, written = counted_rows(table, words, asked.query.folded)
            if not rows:
                continue
            cites = Cites()
            total = sum(v for _, v in rows)
            lines = [t("quantity_total", column=column.lower(), what=written, total=format_number(total),
                       unit=unit, parts=" + ".join(f"{format_number(v)} {cites.ref(u)}" for u, v in rows))]
            lines += [f"- {name_of(u)}: {format_number(v)} {unit} — {u.label.split(' (')[0]} {cites.ref(u)}"
                      for u, v in rows]
            return AskResponse(answer="\n".join(lines), abstained=False, citations=cites.citations(), mode="table",
                               intent="sum")
        return None
