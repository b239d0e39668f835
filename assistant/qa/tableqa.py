"""Questions over annex tables as data: lists, counts, sums, lookups by column. Every row used is cited.

The table is chosen from the retrieval hits; the rows are then selected by constraints read from the
question against the table's own column values (district, level, result, funding source, lead unit,
group), so a list is complete rather than the top few hits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.qa.templates import t
from ingest import vocab
from ingest.models import Unit
from ingest.tags import level_from_cell
from ingest.text import fold, is_roman
from ingest.units import column_key


@dataclass
class Constraint:
    column: str
    values: set[str]  # accepted cell values (verbatim)
    phrase: str = ""


@dataclass
class TableSelection:
    key: tuple[str, str, int]  # (doc, annex, table)
    rows: list[Unit]  # all rows of the table, totals included
    selected: list[Unit] = field(default_factory=list)
    constraints: list[Constraint] = field(default_factory=list)


def table_key(u: Unit) -> tuple[str, str, int]:
    return (u.doc, str(u.metadata.get("annex", "")), int(u.metadata.get("table", 0) or 0))


def _phrase_in(phrase: str, text: str) -> bool:
    return bool(phrase) and re.search(rf"(?<![a-z0-9]){re.escape(phrase)}(?![a-z0-9])", text) is not None


def _place_variants(value: str) -> list[tuple[str, bool]]:
    """'H Lai Vung' -> [('huyen lai vung', True), ('h lai vung', True), ('lai vung', False)]; the flag says
    whether the variant names the kind of place (so 'TP Cao Lãnh' and 'H Cao Lãnh' stay distinct)."""
    f = fold(value)
    m = vocab.PLACE_PREFIX.match(f)
    if not m:
        return [(f, True)]
    name = f[m.end():]
    return [(f"{w} {name}", True) for w in vocab.PLACE_WORDS[m.group(1)]] + [(name, False)]


def _generic(phrase: str) -> bool:
    """A phrase made only of words every cell has ("các cơ sở giáo dục") names no particular value."""
    return all(w in vocab.GENERIC_CELL_WORDS for w in phrase.split())


def _match_categorical(column: str, rows: list[Unit], q: str) -> tuple[Constraint | None, str]:
    values = sorted({u.cells.get(column, "").strip() for u in rows} - {""}, key=len, reverse=True)
    if not values or len(values) > vocab.TABLE_MAX_VALUES:
        return None, q
    key = column_key(column)
    accepted: set[str] = set()
    spans: list[str] = []
    if key == "district":
        named = [(v, var) for v in values for var, specific in _place_variants(v) if specific and _phrase_in(var, q)]
        if named:
            accepted = {v for v, _ in named}
            spans = [var for _, var in named]
        else:
            bare = [(v, var) for v in values for var, specific in _place_variants(v) if not specific and _phrase_in(var, q)]
            accepted = {v for v, _ in bare}
            spans = [var for _, var in bare]
    else:
        for v in values:  # longest first: "Chưa đạt" before "Đạt"
            parts = [fold(v)] + [fold(p) for p in re.split(r"[,;]", v) if len(p.strip()) > 3]
            words = fold(v).split()
            # A long value ("Sự nghiệp GDĐT theo phân cấp ngân sách cấp huyện/thành phố") is named by a part of it.
            if len(words) > vocab.LONG_VALUE_WORDS:
                n = vocab.VALUE_PART_WORDS
                parts += [" ".join(words[i:i + n]) for i in range(len(words) - n + 1)]
            hit = next((p for p in parts if len(p) >= 2 and _phrase_in(p, q) and not _generic(p)), None)
            if hit:
                accepted.add(v)
                spans.append(hit)
                q = re.sub(rf"(?<![a-z0-9]){re.escape(hit)}(?![a-z0-9])", " ", q)
    if not accepted:
        return None, q
    for s in spans:
        q = re.sub(rf"(?<![a-z0-9]){re.escape(s)}(?![a-z0-9])", " ", q)
    return Constraint(column, accepted, f"{column}: {', '.join(sorted(accepted))}"), q


def _group_constraint(rows: list[Unit], q: str) -> Constraint | None:
    m = vocab.GROUP_REF_Q.search(q)
    if not m:
        return None
    ref = m.group(2).upper()
    groups = {str(u.metadata.get("group", "")) for u in rows}
    accepted = {g for g in groups if g.split("/")[0] == ref or g == ref}
    word = {"muc": "mục", "nhom": "nhóm", "phan": "phần"}.get(m.group(1), m.group(1))  # (the question is folded)
    return Constraint("__group__", accepted, f"{word} {ref}") if accepted else None


def _group_title_constraint(rows: list[Unit], q: str) -> Constraint | None:
    """The group the question names by its title ("nhóm trung tâm GDTX và GDNN-GDTX" for the rows under
    "II. TRUNG TÂM GDTX, GDNN-GDTX"): the title whose words the question holds best, most of them; then, among
    the groups inside it, the one the question names as well ("mục phiếu in của phân hệ báo cáo thống kê": 13.1
    "Phiếu in" of 13 "Báo cáo thống kê"), as deep as the question goes."""
    words = set(re.findall(r"[a-z0-9]+", q))  # "phân hệ quản lý dược (thông tin thuốc)": words, not "(thong"
    chosen: Constraint | None = None
    for depth in range(vocab.GROUP_TITLE_MAX_DEPTH):
        titles: dict[str, set[str]] = {}
        for u in rows:
            if len(u.group_titles) > depth:
                titles.setdefault(u.group_titles[depth], set()).add(str(u.metadata.get("group", "")))
        if len(titles) < (2 if depth == 0 else 1):
            break
        best = _best_title(titles, words)
        if best is None:
            break
        chosen = Constraint("__group__", titles[best], best if chosen is None else f"{chosen.phrase} › {best}")
        words -= set(re.findall(r"[a-z0-9]+", fold(best)))  # a title's words name it, not the groups inside it
        rows = [u for u in rows if len(u.group_titles) > depth and u.group_titles[depth] == best]
    return chosen


def in_named_group(rows: list[Unit], q: str) -> list[Unit]:
    """The rows of the group the (folded) question names by its number or title ("giai đoạn 1" for the rows
    under "I | Giai đoạn 1"); all of them when it names none."""
    g = _group_constraint(rows, q) or _group_title_constraint(rows, q)
    return [u for u in rows if str(u.metadata.get("group", "")) in g.values] if g else rows


def of_other_group(unit: Unit, q: str) -> bool:
    """A row under a numbered group ("Giai đoạn 1", "Đợt 2", "Năm 2025") when the (folded) question names that kind
    of group by other numbers only ("giai đoạn 2"): the row is about another phase."""
    for title in unit.group_titles:
        m = re.fullmatch(r"([a-z ]*[a-z])\s+(\d+)", fold(title).strip(" .:"))
        if m:
            named = re.findall(rf"\b{re.escape(m.group(1))}\s+(\d+)\b", q)
            if named and m.group(2) not in named:
                return True
    return False


def _best_title(titles: dict[str, set[str]], words: set[str]) -> str | None:
    """The title most of whose words the question holds (at least GROUP_TITLE_MIN_SHARE, and alone at best)."""
    shares: list[tuple[float, str]] = []
    for title in titles:
        tw = [w for w in re.findall(r"[a-z0-9]+", fold(title)) if w not in vocab.STOPWORDS and not is_roman(w.upper())]
        if tw:
            shares.append((sum(w in words for w in tw) / len(tw), title))
    shares.sort(key=lambda s: -s[0])
    if not shares or shares[0][0] < vocab.GROUP_TITLE_MIN_SHARE or \
            (len(shares) > 1 and shares[1][0] == shares[0][0]):
        return None
    return shares[0][1]


def select_rows(rows: list[Unit], folded_question: str, levels: set[str]) -> tuple[list[Unit], list[Constraint]]:
    """Rows (totals excluded) that satisfy every constraint the question names."""
    items = [u for u in rows if u.kind == "row"]
    if not items:
        return [], []
    q = folded_question
    constraints: list[Constraint] = []
    columns = list(items[0].cells)
    for col in columns:
        key = column_key(col)
        if key == "level" and levels:
            accepted = {u.cells[col] for u in items if level_from_cell(u.cells.get(col, "")) & levels}
            if accepted:
                constraints.append(Constraint(col, accepted, f"{col}: {', '.join(sorted(accepted))}"))
            continue
        if key in ("district", "result", "funding", "lead", "partner", "level"):
            c, q = _match_categorical(col, items, q)
            if c:
                constraints.append(c)
    g = _group_constraint(items, q) or _group_title_constraint(items, q)
    if g:
        constraints.append(g)
    out = []
    for u in items:
        ok = True
        for c in constraints:
            if c.column == "__group__":
                ok = ok and str(u.metadata.get("group", "")) in c.values
            else:
                ok = ok and u.cells.get(c.column, "").strip() in c.values
        if ok:
            out.append(u)
    return out, constraints


def amount_column(rows: list[Unit]) -> str | None:
    for u in rows:
        for col in u.values:
            if column_key(col) == "amount":
                return col
    return None


def name_of(u: Unit) -> str:
    cols = [c for c in u.cells if fold(c).strip(" .") not in vocab.NUMBER_COLUMNS]
    return u.cells.get(cols[0], "") if cols else u.text


def _describe(constraints: list[Constraint]) -> str:
    parts = [c.phrase for c in constraints if c.phrase and c.column != "__group__"]
    parts += [c.phrase for c in constraints if c.column == "__group__"]
    return ", ".join(parts)


def _row_line(u: Unit, ref: str, skip: set[str]) -> str:
    cols = [c for c in u.cells if fold(c).strip(" .") not in vocab.NUMBER_COLUMNS]
    name = u.cells.get(cols[0], "") if cols else ""
    extra = [u.cells[c] for c in cols[1:] if u.cells.get(c) and c not in skip and len(u.cells[c]) <= 80]
    tail = f" ({'; '.join(extra)})" if extra else ""
    return f"{name}{tail} — {u.label.split(' (')[0]} {ref}"


def answer_list(sel: TableSelection, intent: str, cite, counted: str = "") -> str:  # type: ignore[no-untyped-def]
    """The selected rows, each cited, under a header with their count; `counted`: what a count question counts,
    as it writes it ("Có 4 nhiệm vụ …"; "mục" when it names nothing)."""
    rows = sel.selected
    what = _describe(sel.constraints)
    title = str(rows[0].metadata.get("table_title", "")) if rows else ""
    noun = next((n for n in vocab.ENTITY_NOUNS if fold(n) in fold(" ".join(rows[0].cells) if rows else "")),
                vocab.ENTITY_NOUN_DEFAULT)
    where = rows[0].label.split(",")[0] if rows else ""
    head = t("list_header", count=len(rows), noun=noun, what=f" ({what})" if what else "",
             where=f" trong {where}" if where else "", title=f" — {title}" if title else "")
    if intent == "count":
        head = t("count_header", count=len(rows), noun=counted or "mục", what=f" thỏa điều kiện: {what}" if what else "",
                 where=f", theo {where}" if where else "")
    lines = [head]
    for i, u in enumerate(rows, 1):
        lines.append(f"{i}. {_row_line(u, cite(u), set())}")
    return "\n".join(lines)


def subgroups(sel: TableSelection, noun: str) -> dict[str, list[Unit]]:
    """The groups one level inside the selection's, when the question's noun names them ("những loại hàng đợi
    nào" of "Quản lý hàng đợi" whose groups are "Hàng đợi tiếp nhận", "Hàng đợi khám bệnh"…): title -> rows.
    Empty when the rows are not so grouped or the groups are not what the question counts."""
    depth = sum(c.phrase.count(" › ") + 1 for c in sel.constraints if c.column == "__group__")
    groups: dict[str, list[Unit]] = {}
    for u in sel.selected:
        if len(u.group_titles) <= depth:
            return {}
        groups.setdefault(u.group_titles[depth], []).append(u)
    named = sum(_phrase_in(noun, fold(title)) for title in groups)
    # "những nhóm chức năng nào": a noun any group of rows is ("chức năng", "nội dung") needs no title naming it
    return groups if noun and len(groups) >= 2 and (named * 2 >= len(groups) or noun in vocab.ANY_GROUP_NOUNS) else {}


def answer_subgroups(sel: TableSelection, groups: dict[str, list[Unit]], cite) -> str:  # type: ignore[no-untyped-def]
    what = _describe(sel.constraints)
    where = sel.selected[0].label.split(",")[0]
    lines = [t("subgroups_header", count=len(groups), what=f" ({what})" if what else "", where=f" trong {where}")]
    for i, (title, rows) in enumerate(groups.items(), 1):
        names = "; ".join(name_of(u) for u in rows[:vocab.SUBGROUP_NAMES_SHOWN])
        names += "; …" if len(rows) > vocab.SUBGROUP_NAMES_SHOWN else ""
        line = t("subgroup_line", title=title, rows=len(rows), names=names)
        lines.append(f"{i}. {line} — {rows[0].label.rsplit(', dòng', 1)[0]} {cite(rows[0])}")
    return "\n".join(lines)


def answer_sum(sel: TableSelection, cite, fmt) -> str:  # type: ignore[no-untyped-def]
    col = amount_column(sel.rows)
    if col is None:
        return ""
    rows = [u for u in sel.selected if col in u.values]
    total = sum(u.values[col] for u in rows)
    unit = next((str(u.metadata.get("unit_of_measure")) for u in sel.rows if u.metadata.get("unit_of_measure")), "")
    what = _describe(sel.constraints)
    lines = [f"Tổng {col.lower()}" + (f" ({what})" if what else "") + f": {fmt(total)} {unit}".rstrip()
             + " = " + " + ".join(f"{fmt(u.values[col])} {cite(u)}" for u in rows)]
    stated = [u for u in sel.rows if u.kind == "total" and col in u.values and not u.metadata.get("subtotal")]
    if stated and not sel.constraints:
        s = stated[0].values[col]
        agree = "khớp với" if abs(s - total) < 1e-6 else "KHÔNG khớp với"
        lines.append(f"Tổng cộng ghi trong bảng: {fmt(s)} {unit} {cite(stated[0])}, {agree} tổng các dòng.")
    return "\n".join(lines)


def answer_lookup(row: Unit, cite, question: str = "") -> str:  # type: ignore[no-untyped-def]
    """Who leads / cooperates on the row's task (and its result), and when, if the question (accent-free) also asks
    it ("làm từ ngày nào đến ngày nào, và đơn vị nào chủ trì"); a row without such a column is shown whole, each
    cell with its column's name, rather than some other cell."""
    name = name_of(row)
    keys = vocab.LOOKUP_COLUMN_KEYS + (("deadline",) if vocab.LOOKUP_TIME_Q.search(question) else ())
    parts = [f"{k}: {v}" for k, v in row.cells.items() if v and column_key(k) in keys]
    if not parts:
        parts = [f"{k}: {v}" for k, v in row.cells.items()
                 if v and fold(k).strip(" .") not in vocab.NUMBER_COLUMNS and v != name]
    return f"{name}: " + "; ".join(parts) + f" {cite(row)}" if parts else ""
