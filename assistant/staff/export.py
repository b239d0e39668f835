"""Writers for a DraftPlan: Markdown, DOCX (python-docx), XLSX (openpyxl). Every row carries its source."""

from __future__ import annotations

from pathlib import Path

from assistant.staff.common import fmt
from assistant.staff.draft import DraftPlan

EVAL_HEAD = ["STT", "Loại", "Nhóm", "Chỉ tiêu / nhiệm vụ", "Đơn vị chủ trì", "Kết quả", "Ghi chú", "Nguồn"]
CARRY_HEAD = ["STT", "Nhóm", "Nội dung chưa đạt", "Lý do nêu trong kế hoạch", "Đơn vị chủ trì đề xuất", "Nguồn"]
BUDGET_HEAD = ["TT", "Nhóm", "Hạng mục", "Kinh phí năm trước", "Nguồn kinh phí", "Kinh phí dự kiến", "Nguồn"]


def _src(label: str, locator: str) -> str:
    return f"{label} [{locator}]"


def tables(plan: DraftPlan) -> list[tuple[str, list[str], list[list[str]]]]:
    """The three tables as (title, header, rows of strings) — shared by every writer."""
    ev = [[e.stt, e.kind, e.group, e.text, e.lead, e.result, e.note, _src(e.cite.label, e.cite.locator)]
          for e in plan.evaluation]
    co = [[c.stt, c.group, c.text, c.reason, c.lead, _src(c.cite.label, c.cite.locator)] for c in plan.carry_over]
    bu = [[b.stt, b.group, "TỔNG CỘNG" if b.is_total else b.item,
           fmt(b.amount) if b.amount is not None else b.amount_text, b.source, "", _src(b.cite.label, b.cite.locator)]
          for b in plan.budget]
    base = plan.base_year or plan.year - 1
    unit = f" (đơn vị: {plan.budget_unit})" if plan.budget_unit else ""
    return [(f"Phụ lục: Đánh giá kết quả thực hiện năm {base}", EVAL_HEAD, ev),
            (f"Các nội dung chưa đạt năm {base} đề xuất chuyển sang năm {plan.year}", CARRY_HEAD, co),
            (f"Dự kiến kinh phí năm {plan.year} (từ các dòng kinh phí năm {base}){unit}", BUDGET_HEAD, bu)]


def to_markdown(plan: DraftPlan) -> str:
    out = [f"# {plan.title}", "", f"Năm kế hoạch: {plan.year}. Lập từ: {plan.doc}.", ""]
    for title, head, rows in tables(plan):
        out += [f"## {title}", "", "| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        out += ["| " + " | ".join(c.replace("|", "\\|").replace("\n", " ") for c in r) + " |" for r in rows]
        out.append("")
    return "\n".join(out)


def write_docx(plan: DraftPlan, path: Path) -> Path:
    from docx import Document

    d = Document()
    d.add_heading(plan.title, level=1)
    d.add_paragraph(f"Năm kế hoạch: {plan.year}. Lập từ: {plan.doc}.")
    for title, head, rows in tables(plan):
        d.add_heading(title, level=2)
        t = d.add_table(rows=1, cols=len(head))
        t.style = "Table Grid"
        for cell, text in zip(t.rows[0].cells, head, strict=True):
            cell.text = text
        for r in rows:
            for cell, text in zip(t.add_row().cells, r, strict=True):
                cell.text = text
    d.save(str(path))
    return path


def write_xlsx(plan: DraftPlan, path: Path) -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    wb = Workbook()
    wb.remove(wb.active)
    for (title, head, rows), name in zip(tables(plan), ("Danh gia", "Chuyen tiep", "Kinh phi"), strict=True):
        ws = wb.create_sheet(name)
        ws.append([title])
        ws["A1"].font = Font(bold=True)
        ws.append(head)
        for c in ws[2]:
            c.font = Font(bold=True)
        for r in rows:
            ws.append(r)
        if name == "Kinh phi":  # the amounts as numbers, so the sheet can sum them
            for i, b in enumerate(plan.budget, start=3):
                if b.amount is not None:
                    ws.cell(row=i, column=4, value=b.amount)
        for col, width in zip("ABCDEFGH", (8, 14, 30, 60, 24, 16, 16, 40), strict=False):
            ws.column_dimensions[col].width = width
        for row in ws.iter_rows(min_row=3):
            for c in row:
                c.alignment = Alignment(wrap_text=True, vertical="top")
    wb.save(str(path))
    return path


def write_all(plan: DraftPlan, out_dir: Path, stem: str | None = None) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    stem = stem or f"du-thao-{plan.doc}-{plan.year}"
    md = out_dir / f"{stem}.md"
    md.write_text(to_markdown(plan), encoding="utf-8")
    return [md, write_docx(plan, out_dir / f"{stem}.docx"), write_xlsx(plan, out_dir / f"{stem}.xlsx")]
