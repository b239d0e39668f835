"""Writers for the staff tools' tables (the draft, the alignment report): Markdown, DOCX (python-docx), XLSX
(openpyxl). Every row carries its source."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from assistant.staff.common import fmt
from assistant.staff.draft import DraftPlan

if TYPE_CHECKING:
    from assistant.staff.align import Alignment

EVAL_HEAD = ["STT", "Loại", "Nhóm", "Chỉ tiêu / nhiệm vụ", "Đơn vị chủ trì", "Kết quả", "Ghi chú", "Nguồn"]
CARRY_HEAD = ["STT", "Nhóm", "Nội dung chưa đạt", "Lý do nêu trong kế hoạch", "Đơn vị chủ trì đề xuất", "Nguồn"]
BUDGET_HEAD = ["TT", "Nhóm", "Hạng mục", "Kinh phí năm trước", "Nguồn kinh phí", "Kinh phí dự kiến", "Nguồn"]
Tables = list[tuple[str, list[str], list[list[str]]]]  # (title, header, rows of strings)


def _src(label: str, locator: str) -> str:
    return f"{label} [{locator}]"


def tables(plan: DraftPlan) -> Tables:
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


def markdown_of(title: str, intro: str, tabs: Tables) -> str:
    out = [f"# {title}", "", intro, ""]
    for name, head, rows in tabs:
        out += [f"## {name}", "", "| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        out += ["| " + " | ".join(c.replace("|", "\\|").replace("\n", " ") for c in r) + " |" for r in rows]
        out.append("")
    return "\n".join(out)


def docx_of(title: str, intro: str, tabs: Tables, path: Path) -> Path:
    from docx import Document

    d = Document()
    d.add_heading(title, level=1)
    d.add_paragraph(intro)
    for name, head, rows in tabs:
        d.add_heading(name, level=2)
        t = d.add_table(rows=1, cols=len(head))
        t.style = "Table Grid"
        for cell, text in zip(t.rows[0].cells, head, strict=True):
            cell.text = text
        for r in rows:
            for cell, text in zip(t.add_row().cells, r, strict=True):
                cell.text = text
    d.save(str(path))
    return path


def xlsx_of(tabs: Tables, sheets: tuple[str, ...], path: Path, widths: tuple[int, ...],
            numbers: dict[str, dict[tuple[int, int], float]] | None = None) -> Path:
    """One sheet a table: its title, its bold header, its rows; `numbers`: cells (row, column) of a sheet
    written as numbers, so the sheet can sum them."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    wb.remove(wb.active)
    for (title, head, rows), name in zip(tabs, sheets, strict=True):
        ws = wb.create_sheet(name)
        ws.append([title])
        ws["A1"].font = Font(bold=True)
        ws.append(head)
        for c in ws[2]:
            c.font = Font(bold=True)
        for r in rows:
            ws.append(r)
        for (row, col), value in (numbers or {}).get(name, {}).items():
            ws.cell(row=row, column=col, value=value)
        for i, width in enumerate(widths[: len(head)], 1):
            ws.column_dimensions[get_column_letter(i)].width = width
        for line in ws.iter_rows(min_row=3):
            for c in line:
                c.alignment = Alignment(wrap_text=True, vertical="top")
    wb.save(str(path))
    return path


def _intro(plan: DraftPlan) -> str:
    return f"Năm kế hoạch: {plan.year}. Lập từ: {plan.doc}."


def to_markdown(plan: DraftPlan) -> str:
    return markdown_of(plan.title, _intro(plan), tables(plan))


def write_docx(plan: DraftPlan, path: Path) -> Path:
    return docx_of(plan.title, _intro(plan), tables(plan), path)


def write_xlsx(plan: DraftPlan, path: Path) -> Path:
    amounts = {(i, 4): b.amount for i, b in enumerate(plan.budget, start=3) if b.amount is not None}
    return xlsx_of(tables(plan), ("Danh gia", "Chuyen tiep", "Kinh phi"), path, (8, 14, 30, 60, 24, 16, 16, 40),
                   {"Kinh phi": amounts})


def write_all(plan: DraftPlan, out_dir: Path, stem: str | None = None) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    stem = stem or f"du-thao-{plan.doc}-{plan.year}"
    md = out_dir / f"{stem}.md"
    md.write_text(to_markdown(plan), encoding="utf-8")
    return [md, write_docx(plan, out_dir / f"{stem}.docx"), write_xlsx(plan, out_dir / f"{stem}.xlsx")]


# -- the alignment report (align.py) -------------------------------------------------------------------
ALIGN_WIDTHS = (6, 16, 10, 60, 12, 60, 12, 40, 30, 30)


def alignment_tables(a: Alignment) -> Tables:
    from assistant.staff.align import HEAD, table, title

    return [(title(a), HEAD, table(a))]


def alignment_markdown(a: Alignment) -> str:
    from assistant.staff.align import intro, title

    return markdown_of(title(a), intro(a), alignment_tables(a))


def write_alignment(a: Alignment, out_dir: Path, stem: str | None = None) -> list[Path]:
    from assistant.staff.align import intro, title

    out_dir.mkdir(parents=True, exist_ok=True)
    stem = stem or f"doi-chieu-{a.lower_doc}-{a.upper_doc}"
    md = out_dir / f"{stem}.md"
    md.write_text(alignment_markdown(a), encoding="utf-8")
    return [md, docx_of(title(a), intro(a), alignment_tables(a), out_dir / f"{stem}.docx"),
            xlsx_of(alignment_tables(a), ("Doi chieu",), out_dir / f"{stem}.xlsx", ALIGN_WIDTHS)]
