"""Rows a question names by one of their cells, and the column it asks for by its header's words: "Trường THCS
Nguyễn Siêu và Trường Tiểu học Lê Ngọc Hân thuộc địa phương nào?" over a table "TT | Địa phương | Trường" is each
named row's "Địa phương" cell, cited. None unless at least one row of one table is named by a whole cell (a name of
three words or more, written as the table writes it, accents aside) and exactly one other column's header is asked
("… địa phương nào", "… đơn vị tính là gì"); when the question asks more than that column ("được xếp cấp học nào,
ở đâu"), each named row whole, with its column names; several columns asked in one list ("có đơn giá, số lượng và
thành tiền bao nhiêu"), those cells. A group's row the question names too ("khoản tập huấn … ở giai đoạn 1") keeps the
named rows under it; a sum asked of a line each phase has ("cộng cả hai giai đoạn … bao nhiêu triệu đồng cho khoản
X"), their amounts added (and their quantities, when the question asks their unit).

Why by hand: the fact answers rank passages by the question's words, most of which name the table ("trong bảng các
trường đã đưa giáo dục STEM vào chương trình …"), so a section sharing them outranks the two short rows; and a
passage answers one row, while the question names two.
"""

from __future__ import annotations

import re

from assistant.answering.asked import Asked
from assistant.answering.quantity_sums import row_column
from assistant.qa.compose import Cites, format_number, header_unit
from assistant.qa.tableqa import amount_column, in_named_group, table_key
from assistant.qa.templates import t
from assistant.schemas import AskResponse
from ingest import vocab
from ingest.models import Unit
from ingest.text import fold, parse_cell_value

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


def _header_words(column: str) -> str:
    return " ".join(_words(re.sub(r"\(.*?\)", " ", column)))  # "Khái toán kinh phí (triệu đồng)": its unit aside


def asked_column(columns: list[str], folded_question: str) -> str | None:
    """The one column whose header's words the question asks for, followed by a question word ("địa phương nào")."""
    asked = []
    for column in columns:
        words = _header_words(column)
        if words and re.search(rf"\b{words}\s+{_ASK}\b", folded_question):
            asked.append(column)
    return asked[0] if len(asked) == 1 else None


def asked_columns(columns: list[str], folded_question: str) -> list[str]:
    """Several columns asked in one list before the question word ("có đơn giá, số lượng và thành tiền bao nhiêu"),
    in the table's order; [] unless at least two are."""
    headers = {h: c for c in columns if (h := _header_words(c))}
    if len(headers) < 2:
        return []
    one = "|".join(re.escape(h) for h in sorted(headers, key=len, reverse=True))
    m = re.search(rf"\b(?:{one})(?:\s+(?:va\s+|hoac\s+)?(?:{one}))+\s+{_ASK}\b", folded_question)
    if m is None:
        return []
    return [c for h, c in headers.items() if re.search(rf"\b{re.escape(h)}\b", m.group(0))]


_GROUP_STT = re.compile(r"[IVXLC]+|[A-Z]")  # "I | Giai đoạn 1", "B | Trung học cơ sở": a group's row


def _under_named_group_row(named: list[tuple[Unit, list[str]]], rows: list[Unit]) -> list[tuple[Unit, list[str]]]:
    """When the question names one group's row too ("khoản tập huấn … ở giai đoạn 1" over "I | Giai đoạn 1 | … |
    88.820"), the other rows it names under that group only, down to the next group's row, and not the group's row
    itself. For tables whose group rows were read as plain rows (they carry an amount): the order tells the group."""
    heads = [u for u, _ in named if _GROUP_STT.fullmatch(str(u.metadata.get("stt", "")).strip(" ."))]
    if len(heads) != 1 or len(named) < 3:
        return named
    start = next(i for i, u in enumerate(rows) if u.id == heads[0].id)
    under: set[str] = set()
    for u in rows[start + 1:]:
        if _GROUP_STT.fullmatch(str(u.metadata.get("stt", "")).strip(" .")):
            break
        under.add(u.id)
    kept = [(u, cols) for u, cols in named if u.id in under]
    return kept or named


def _quantity_total(named: list[tuple[Unit, list[str]]], what: str, folded: str, cites: Cites) -> list[str]:
    """The same rows' quantities added too when the question asks their unit ("ứng với tổng bao nhiêu lượt hoạt động"
    over "ĐV tính: Lượt hoạt động; Số lượng: 15" and "… 30")."""
    found = []
    for u, _ in named:
        measure, quantity = row_column(u, vocab.MEASURE_COLUMN_F, whole=True), row_column(u, vocab.QUANTITY_COLUMN_F)
        value = parse_cell_value(u.cells.get(quantity, "")) if quantity else None
        unit = u.cells.get(measure, "").strip() if measure else ""
        if value is None or not unit or not re.search(rf"\bbao nhieu {re.escape(_plain(unit))}\b", folded):
            return []
        found.append((u, value, unit, quantity))
    return [t("quantity_total", column=str(found[0][3]).lower(), what=what, unit=found[0][2],
              total=format_number(sum(v for _, v, _, _ in found)),
              parts=" + ".join(f"{format_number(v)} {cites.ref(u)}" for u, v, _, _ in found))]


def _amount_total(column: str, what: str, values: list[tuple[Unit, float]], cites: Cites) -> list[str]:
    """The total of the rows' amounts in `column`, shown as the sum of the cited figures, then each row's cell. The
    unit the header gives its amounts in ("Thành tiền (triệu đồng)") is said with the total: "150 triệu đồng"."""
    name, unit = header_unit(column)
    money = unit.strip() if re.fullmatch(vocab.MONEY_UNIT, unit.strip()) else ""
    lines = [t("quantity_total", column=(name.strip() if money else column).lower(), what=what,
               total=format_number(sum(v for _, v in values)), unit=money,
               parts=" + ".join(f"{format_number(v)} {cites.ref(u)}" for u, v in values)).replace("  =", " =")]
    return lines + [f"- {u.label} — {column}: {u.cells.get(column, '').strip()} {cites.ref(u)}" for u, _ in values]


def _same_line_total(named: list[tuple[Unit, list[str]]], rows: list[Unit], intent: str,
                     folded: str) -> AskResponse | None:
    """A sum of money asked of a line the table has in each phase ("Cộng cả hai giai đoạn … bao nhiêu triệu đồng cho
    khoản kinh phí hỗ trợ các hoạt động khác" over rows 1.8 and 2.4 of that name): their amounts added, each cited."""
    if intent != "sum" or len(named) < 2:
        return None
    names = {_plain(u.cells[cols[0]]) for u, cols in named}
    column = amount_column(rows)
    values = [(u, u.values[column]) for u, _ in named if column and column in u.values]
    if len(names) != 1 or column is None or len(values) != len(named):
        return None
    cites = Cites()
    first = named[0][0].cells[named[0][1][0]].strip()
    total, *rows_shown = _amount_total(column, first, values, cites)
    lines = [total, *_quantity_total(named, first, folded, cites), *rows_shown]
    return AskResponse(answer="\n".join(lines), abstained=False, citations=cites.citations(), mode="table",
                       intent="sum")


def listed_items(question: str) -> list[tuple[str, str]]:
    """The items a question lists in brackets ("ba hạng mục đầu tư thiết bị (phòng họp trực tuyến, camera giám sát,
    thiết bị phòng chức năng STEM/STEAM) cộng lại bao nhiêu"), each accent-free and as written; [] when it lists
    fewer than two."""
    for inside in re.findall(r"\(([^()]{3,300})\)", question):
        items = [(_plain(x), x.strip()) for x in re.split(r",|;|\bvà\b|\bva\b", inside)]
        items = [(p, x) for p, x in items if p]
        if len(items) >= 2 and all(len(p.split()) >= vocab.LISTED_ITEM_MIN_WORDS for p, _ in items):
            return items
    return []


def _listed_total(items: list[tuple[str, str]], rows: list[Unit]) -> AskResponse | None:
    """A sum asked of lines the question lists by part of their names ("camera giám sát" of "Hệ thống camera giám
    sát"): each item names exactly one row of the table, by all its words inside one cell, apart or not ("thiết bị
    phòng chức năng STEM/STEAM" of "Thiết bị phòng chức năng phục vụ dạy học STEM/STEAM"); their amounts added, each
    cited. None unless every item names one row and each row has an amount."""
    column = amount_column(rows)
    if column is None:
        return None
    found: list[Unit] = []
    for item, _ in items:
        words = set(item.split())
        named = [u for u in rows if u.kind == "row" and not u.metadata.get("subtotal")
                 and any(words <= set(_plain(v).split()) for c, v in u.cells.items() if c != column)]
        if len(named) != 1 or column not in named[0].values or named[0] in found:
            return None
        found.append(named[0])
    cites = Cites()
    lines = _amount_total(column, ", ".join(x for _, x in items), [(u, u.values[column]) for u in found], cites)
    return AskResponse(answer="\n".join(lines), abstained=False, citations=cites.citations(), mode="table",
                       intent="sum")


class NamedRows:
    name = "named-rows"

    def run(self, asked: Asked) -> AskResponse | None:
        folded = _plain(asked.query.text)
        keys = list(dict.fromkeys(table_key(u) for u in asked.hits if u.kind == "row"))[:vocab.NAMED_ROW_TABLES]
        items = listed_items(asked.query.text) if asked.query.intent == "sum" else []
        for key in keys:
            rows = asked.index.table_rows(*key)
            if items and (listed := _listed_total(items, rows)) is not None:
                return listed  # "ba hạng mục (phòng họp trực tuyến, camera giám sát, …) cộng lại bao nhiêu"
            # "khoản tập huấn … ở giai đoạn 1": the rows under the group named, the group's own row no row asked
            grouped = [u for u in in_named_group(rows, folded) if u.kind == "row" and not u.metadata.get("subtotal")] or rows
            named = _under_named_group_row([(u, cols) for u in grouped if (cols := named_cells(u, folded))], grouped)
            if not named:
                continue
            total = _same_line_total(named, rows, asked.query.intent, folded)
            if total is not None:
                return total
            name_columns = {c for _, cols in named for c in cols}
            others = [c for c in rows[0].cells if c not in name_columns]
            several = asked_columns(others, folded)
            column = asked_column(others, folded)
            cites = Cites()
            if several:  # "có đơn giá, số lượng và thành tiền bao nhiêu": those cells of each named row
                lines = [f"{u.cells[cols[0]]} — " + "; ".join(f"{c}: {u.cells.get(c, '').strip() or '(trống)'}"
                                                              for c in several) + f" {cites.ref(u)}"
                         for u, cols in named]
            elif column is None:
                return None
            elif len(re.findall(rf"\b{_ASK}\b", folded)) > 1:  # "được xếp cấp học nào, ở đâu": more than the one column
                # asked, the whole row with its column names
                lines = [f"{u.cells[cols[0]]} — {u.text.strip()} {cites.ref(u)}" for u, cols in named]
            else:
                lines = [f"{u.cells[cols[0]]} — {column}: {u.cells.get(column, '').strip() or '(trống)'} "
                         f"{cites.ref(u)}" for u, cols in named]
            return AskResponse(answer="\n".join(lines), abstained=False, citations=cites.citations(), mode="table",
                               intent=asked.query.intent)
        return None
