"""`kehoach draft PLAN --year 2025`: next year's skeleton from this year's plan, every row cited.

(a) the evaluation annex: one row per current target (the "Mục tiêu cụ thể" bullets) and per task of
the task annex (the table with an "Đơn vị chủ trì" column), with empty "Kết quả" / "Ghi chú";
(b) the items marked "Chưa đạt" in the results annex, with the reason given, proposed to carry over;
(c) the budget table's lines as a starting point.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.staff.budget import budget_table
from assistant.staff.common import Cite, find_column, row_cite, short, similarity
from ingest.models import ParsedDocument, Row, Table
from ingest.text import fold


@dataclass
class EvalRow:
    kind: str  # "Chỉ tiêu" | "Nhiệm vụ"
    stt: str
    group: str
    text: str
    lead: str
    partners: str
    cite: Cite
    result: str = ""
    note: str = ""
    deadline: str = ""


@dataclass
class CarryRow:
    stt: str
    group: str
    text: str
    reason: str
    lead: str
    cite: Cite


@dataclass
class BudgetRow:
    stt: str
    group: str
    item: str
    amount: float | None
    amount_text: str
    source: str
    cite: Cite
    is_total: bool = False


@dataclass
class DraftPlan:
    title: str
    year: int
    base_year: int | None
    doc: str
    evaluation: list[EvalRow] = field(default_factory=list)
    carry_over: list[CarryRow] = field(default_factory=list)
    budget: list[BudgetRow] = field(default_factory=list)
    budget_unit: str | None = None


def sections_under(doc: ParsedDocument, pattern: re.Pattern[str]) -> list:  # type: ignore[type-arg]
    """Sections outside annexes whose title (accent-free) matches, with their descendants, in document order."""
    roots = [s.locator for s in doc.sections if s.annex is None and pattern.search(fold(s.title))]
    return [s for s in doc.sections if s.annex is None
            and any(s.locator == r or s.locator.startswith(r + "/") for r in roots)]


_SPECIFIC_TARGETS = re.compile("muc tieu cu the")


def target_sections(doc: ParsedDocument) -> list:  # type: ignore[type-arg]
    """The 'Mục tiêu cụ thể' section and its descendants (outside annexes)."""
    return sections_under(doc, _SPECIFIC_TARGETS)


def current_targets(doc: ParsedDocument) -> list[EvalRow]:
    out = []
    for s in target_sections(doc):
        for i, p in enumerate(s.paragraphs, 1):
            if len(p.text.split()) < 4:
                continue
            stt = f"{s.number}.{i}" if s.number else str(i)
            out.append(EvalRow("Chỉ tiêu", stt, s.title, p.text.strip(), "", "",
                               Cite(s.label, f"{s.locator}#p{i}", short(p.text))))
    return out


def task_table(doc: ParsedDocument) -> Table | None:
    return next((t for t in doc.tables if find_column(t, "chu tri") and find_column(t, "nhiem vu", "noi dung")), None)


def _group(row: Row) -> str:
    return " › ".join(row.group_titles)


def current_tasks(doc: ParsedDocument) -> list[EvalRow]:
    t = task_table(doc)
    if t is None:
        return []
    text_col = find_column(t, "nhiem vu", "noi dung") or t.columns[1]
    lead, partner = find_column(t, "chu tri"), find_column(t, "phoi hop")
    due = find_column(t, "thoi gian", "thoi han", "tien do", "han hoan thanh")
    return [EvalRow("Nhiệm vụ", r.stt, _group(r), r.cells.get(text_col, ""), r.cells.get(lead or "", ""),
                    r.cells.get(partner or "", ""), row_cite(r, short(r.cells.get(text_col, ""))),
                    deadline=r.cells.get(due or "", "")) for r in t.items]


def not_achieved(doc: ParsedDocument) -> list[CarryRow]:
    """Rows whose result column says 'Chưa đạt' / 'Không đạt', with the note as the reason."""
    tasks = current_tasks(doc)
    out = []
    for t in doc.tables:
        res = find_column(t, "ket qua")
        if res is None:
            continue
        text_col = find_column(t, "nhiem vu", "chi tieu", "noi dung") or t.columns[1]
        note = find_column(t, "ghi chu") or find_column(t, "da thuc hien")
        for r in t.items:
            if not fold(r.cells.get(res, "")).strip().startswith(("chua dat", "khong dat")):
                continue
            text = r.cells.get(text_col, "")
            match = max(tasks, key=lambda e: similarity(e.text, text), default=None)
            lead = match.lead if match and similarity(match.text, text) >= 0.8 else ""
            out.append(CarryRow(r.stt, _group(r), text, r.cells.get(note or "", ""), lead,
                                row_cite(r, f"{short(text, 100)} — {r.cells.get(res, '')}")))
    return out


def budget_lines(doc: ParsedDocument) -> tuple[list[BudgetRow], str | None]:
    found = budget_table(doc)
    if found is None:
        return [], None
    t, col, src = found
    item_col = find_column(t, "hang muc", "noi dung", "ten") or t.columns[1]
    rows = [BudgetRow(r.stt, _group(r), r.cells.get(item_col, ""), r.values.get(col), r.cells.get(col, ""),
                      r.cells.get(src or "", ""), row_cite(r, f"{r.cells.get(item_col, '')}: {r.cells.get(col, '')}"),
                      r.is_total) for r in t.rows]
    return rows, t.unit_of_measure


def make_draft(doc: ParsedDocument, year: int) -> DraftPlan:
    base = doc.meta.year or year - 1
    title = doc.meta.title or doc.source
    for y in (str(base), str(year - 1)):
        title = title.replace(y, str(year))
    plan = DraftPlan(title=f"Dự thảo: {title}", year=year, base_year=base, doc=doc.doc)
    plan.evaluation = current_targets(doc) + current_tasks(doc)
    plan.carry_over = not_achieved(doc)
    plan.budget, plan.budget_unit = budget_lines(doc)
    return plan
