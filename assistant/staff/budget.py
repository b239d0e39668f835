"""Budget check: annex lines per funding source vs the narrative's "Tổng kinh phí … trong đó" lines,
and vs the table's total row.

Matching a narrative source to the annex's sources: by wording first, then (for differently worded
labels such as "Sử dụng vốn đầu tư công" / "Đầu tư phát triển") by equal amount. Lines that name no
source are never an error by themselves; when they exactly fill one source's gap they are attributed
to it with an informational note.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.staff.common import (
    Cite,
    Place,
    find_column,
    fmt,
    places,
    quote_around,
    row_cite,
    similarity,
    vn_number,
)
from assistant.staff.finding import Finding
from ingest.models import ParsedDocument, Row, Table
from ingest.text import fold

_SCALE = {"ty": 1000.0, "trieu": 1.0, "nghin": 0.001, "ngan": 0.001}
_AMOUNT = r"(\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)\s*(tỷ|triệu|nghìn|ngàn)?"
TOL = 0.5  # half a unit (triệu đồng): printed figures are rounded


@dataclass
class Stated:
    name: str
    amount: float
    cite: Cite


def _scale(word: str | None, table_unit: float) -> float:
    return _SCALE.get(fold(word or ""), table_unit) / table_unit if word else 1.0


def budget_table(doc: ParsedDocument) -> tuple[Table, str, str | None] | None:
    """The table with an amount column (kinh phí / dự toán / tổng mức) that has the most numbers."""
    best: tuple[int, Table, str, str | None] | None = None
    for t in doc.tables:
        col = find_column(t, "kinh phi", "du toan", "tong muc", "so tien")
        if col is None:
            continue
        n = sum(1 for r in t.items if col in r.values)
        if n and (best is None or n > best[0]):
            best = (n, t, col, find_column(t, "nguon"))
    return best[1:] if best else None


def narrative(doc: ParsedDocument, table_unit: float) -> tuple[Stated | None, list[Stated]]:
    """'Tổng kinh phí: 55.500 triệu đồng trong đó:' and the '- <nguồn>: N triệu đồng' lines after it."""
    total: Stated | None = None
    parts: list[Stated] = []
    ps = [p for p in places(doc, rows=False) if p.annex is None]
    for i, p in enumerate(ps):
        m = re.search(r"t[ổo]ng\s+(?:kinh\s+ph[íi]|d[ựu]\s+to[áa]n|v[ốo]n)[^\d]{0,40}?" + _AMOUNT, p.text, re.I)
        if not m or total is not None:
            continue
        amount = vn_number(m.group(1))
        if amount is None:
            continue
        total = Stated("Tổng kinh phí", amount * _scale(m.group(2), table_unit),
                       Cite(p.label, p.locator, quote_around(p.text, m.start(), m.end(), 20)))
        section = p.locator.split("#")[0]
        for q in ps[i + 1:]:
            if q.locator.split("#")[0] != section:
                break
            mm = re.match(r"\s*[-+•]?\s*([^:]{3,120}?)\s*:\s*" + _AMOUNT + r"\s*(?:đồng)?\s*\.?\s*$", q.text)
            if mm and (v := vn_number(mm.group(2))) is not None:
                parts.append(Stated(mm.group(1).strip(), v * _scale(mm.group(3), table_unit),
                                    Cite(q.label, q.locator, q.text.strip())))
    return total, parts


def _pair(stated: list[Stated], sums: dict[str, float]) -> tuple[dict[int, str], list[int], list[str]]:
    """Narrative line index -> annex source name."""
    pairs: dict[int, str] = {}
    free = set(sums)
    scored = sorted(((similarity(s.name, a) + (1.0 if fold(s.name) == fold(a) else 0.0), i, a)
                     for i, s in enumerate(stated) for a in sums), reverse=True)
    for exact_amount in (True, False):  # wording and amount agree first; then wording alone
        for score, i, a in scored:
            if i in pairs or a not in free or score < 0.5:
                continue
            if exact_amount and abs(stated[i].amount - sums[a]) > TOL:
                continue
            pairs[i] = a
            free.discard(a)
    for i, s in enumerate(stated):  # differently worded, same amount, the only candidate
        if i not in pairs:
            same = [a for a in free if abs(sums[a] - s.amount) <= TOL]
            if len(same) == 1:
                pairs[i] = same[0]
                free.discard(same[0])
    return pairs, [i for i in range(len(stated)) if i not in pairs], sorted(free)


def check_budget(doc: ParsedDocument) -> list[Finding]:
    found = budget_table(doc)
    if found is None:
        return []
    table, col, src_col = found
    unit = _SCALE.get(fold((table.unit_of_measure or "triệu").split()[0]), 1.0)
    items = [r for r in table.items if col in r.values]
    out: list[Finding] = []
    item_sum = sum(r.values[col] for r in items)
    grand = next((r for r in reversed(table.totals) if col in r.values), None)
    total, stated = narrative(doc, unit)
    lines = [row_cite(r, f"{r.cells.get(col, '')} — {r.cells.get(src_col or '', '')}".strip(" —")) for r in items]
    if grand is not None and abs(grand.values[col] - item_sum) > TOL:
        out.append(Finding("budget_mismatch", f"Dòng tổng của {table.annex and 'Phụ lục ' + table.annex or 'bảng kinh phí'}"
                           f" ghi {fmt(grand.values[col])} nhưng cộng các dòng được {fmt(item_sum)}.",
                           [row_cite(grand, grand.cells.get(col, "")), *lines],
                           data={"stated": grand.values[col], "computed": item_sum, "scope": "table_total"}))
    if total is not None:
        if abs(total.amount - item_sum) > TOL:
            out.append(Finding("budget_mismatch", f"Tổng kinh phí trong phần nội dung ({fmt(total.amount)}) khác tổng"
                               f" các dòng của bảng kinh phí ({fmt(item_sum)}).", [total.cite, *lines],
                               data={"stated": total.amount, "computed": item_sum, "scope": "overall"}))
        if stated and abs(sum(s.amount for s in stated) - total.amount) > TOL:
            out.append(Finding("budget_mismatch", f"Các nguồn kể trong phần nội dung cộng được "
                               f"{fmt(sum(s.amount for s in stated))}, khác tổng kinh phí {fmt(total.amount)}.",
                               [total.cite, *(s.cite for s in stated)],
                               data={"stated": total.amount, "computed": sum(s.amount for s in stated),
                                     "scope": "narrative_sources"}))
    if not stated or src_col is None:
        return out
    by_src: dict[str, list[Row]] = {}
    unlabelled: list[Row] = []
    for r in items:
        name = r.cells.get(src_col, "").strip()
        (by_src.setdefault(name, []) if name.strip("-– ") else unlabelled).append(r)
    sums = {a: sum(r.values[col] for r in rs) for a, rs in by_src.items()}
    pairs, lonely, extra = _pair(stated, sums)
    gaps = {i: stated[i].amount - sums[a] for i, a in pairs.items() if abs(stated[i].amount - sums[a]) > TOL}
    u_sum = sum(r.values[col] for r in unlabelled)
    filled: int | None = None
    if unlabelled:
        fits = [i for i, g in gaps.items() if abs(g - u_sum) <= TOL]
        if len(fits) == 1 and len(gaps) == 1:
            filled = fits[0]
        s = stated[filled] if filled is not None else None
        msg = (f"{len(unlabelled)} dòng kinh phí ({fmt(u_sum)}) không ghi nguồn kinh phí"
               + (f"; được tính vào nguồn “{s.name}” vì vừa đúng phần chênh lệch "
                  f"({fmt(s.amount)} = {fmt(sums[pairs[filled]])} + {fmt(u_sum)})." if s and filled is not None
                  else "."))
        out.append(Finding("budget_unlabelled_line", msg, [row_cite(r) for r in unlabelled] + ([s.cite] if s else []),
                           severity="info", data={"amount": u_sum, "source": s.name if s else None}))
    for i in gaps:
        if i == filled:
            continue
        a = pairs[i]
        out.append(Finding("budget_mismatch", f"Nguồn “{stated[i].name}”: phần nội dung ghi {fmt(stated[i].amount)}"
                           f" nhưng các dòng của bảng kinh phí có nguồn “{a}” cộng được {fmt(sums[a])}.",
                           [stated[i].cite, *(row_cite(r) for r in by_src[a])],
                           data={"source": stated[i].name, "stated": stated[i].amount, "computed": sums[a]}))
    for i in lonely:
        if stated[i].amount > TOL:
            out.append(Finding("budget_mismatch", f"Nguồn “{stated[i].name}” ({fmt(stated[i].amount)}) không khớp"
                               " với nguồn nào trong bảng kinh phí.", [stated[i].cite],
                               data={"source": stated[i].name, "stated": stated[i].amount, "computed": None}))
    for a in extra:
        out.append(Finding("budget_mismatch", f"Nguồn “{a}” của bảng kinh phí ({fmt(sums[a])}) không có trong phần"
                           " nội dung.", [row_cite(r) for r in by_src[a]],
                           data={"source": a, "stated": None, "computed": sums[a]}))
    return out


__all__ = ["Place", "check_budget", "budget_table", "narrative"]
