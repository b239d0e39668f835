"""End to end through `parse_path`: the plan built as PDF (ruled and unruled table), as DOCX (group rows
merged or not, with or without the table grid python-docx wants) and as an HTML page saved from a portal
(menus, tabs, an outline repeating the headings) gives the same structure as the plan written in Markdown."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.models import ParsedDocument
from ingest.pipeline import parse_path
from tests import builders as b

# The builders' plan (tests/builders.py) written by hand in Markdown. The annex table is split in two, as on
# the PDF's pages 3 and 4, with its header repeated; the second half must continue the first.
PLAN_MD = """\
**SỞ GIÁO DỤC VÀ ĐÀO TẠO**

# KẾ HOẠCH

**Triển khai Đề án chuyển đổi số ngành Giáo dục năm 2024**

# PHẦN I

## ĐÁNH GIÁ KẾT QUẢ THỰC HIỆN NĂM 2023

Thực hiện Kế hoạch số 70/KH-SGDĐT ngày 29 tháng 05 năm 2023 của Sở Giáo dục và Đào tạo về triển khai \
Đề án chuyển đổi số ngành Giáo dục tỉnh Đồng Tháp, Sở đã triển khai thực hiện và đạt được các kết quả như sau:

## I. VỀ THỰC HIỆN MỤC TIÊU ĐỀ ÁN

- Sở đã triển khai dạy học với mô hình giáo dục STEM đến 100% các cơ sở giáo dục từ tiểu học đến trung \
học phổ thông theo hướng dẫn của Bộ Giáo dục và Đào tạo.

- Đã triển khai thanh toán không dùng tiền mặt được 465/595 cơ sở giáo dục, đạt tỉ lệ 78,18%.

# PHẦN II

## NỘI DUNG KẾ HOẠCH NĂM 2024

## I. MỤC TIÊU

**1. Mục tiêu chung:** Đẩy mạnh chuyển đổi số, tăng cường ứng dụng công nghệ để thúc đẩy đổi mới sáng tạo \
trong dạy và học, nâng cao chất lượng và hiệu quả quản lý giáo dục trên địa bàn tỉnh.

### 2. Mục tiêu cụ thể

#### a) Đổi mới phương thức tổ chức giáo dục

- Về tiếp cận giáo dục trực tuyến: 50% học sinh và mỗi giáo viên có đủ điều kiện tham gia có hiệu quả các \
hoạt động dạy học trực tuyến.

+ Cấp tiểu học: 30% học sinh được học trực tuyến.

+ Cấp trung học: 60% học sinh được học trực tuyến.

### 2.1. Phát triển hạ tầng số

Các cơ sở giáo dục rà soát, nâng cấp đường truyền Internet và thiết bị đầu cuối phục vụ dạy học, bảo đảm an \
toàn thông tin theo quy định.

# PHỤ LỤC I

(Kèm theo Kế hoạch số 15/KH-SGDĐT ngày 10 tháng 3 năm 2024 của Sở Giáo dục và Đào tạo)

**DANH SÁCH TRƯỜNG THÍ ĐIỂM CHUYỂN ĐỔI SỐ NĂM 2024**

| STT | Tên trường | Cấp học | Huyện/Thành phố |
|---|---|---|---|
| **I** | **KHỐI TRUNG HỌC PHỔ THÔNG** | | |
| 1 | Trường THPT Thành phố Cao Lãnh | THPT | Thành phố Cao Lãnh |
| 2 | Trường THPT Chuyên Nguyễn Quang Diêu (điểm trường chính và phân hiệu tại phường 1, thành phố Cao Lãnh) \
| THPT | Thành phố Cao Lãnh |
| 3 | Trường THPT Hồng Ngự 1 | THPT | Thành phố Hồng Ngự |
| **II** | **KHỐI TRUNG HỌC CƠ SỞ** | | |
| 4 | Trường THCS Kim Hồng | THCS | Thành phố Sa Đéc |

| STT | Tên trường | Cấp học | Huyện/Thành phố |
|---|---|---|---|
| 5 | Trường THCS Thanh Bình | THCS | Huyện Thanh Bình |
| 6 | Trường Tiểu học Tân Hồng | Tiểu học | Huyện Tân Hồng |
| | **TỔNG CỘNG** | **6 trường** | |

Ghi chú: danh sách có thể được điều chỉnh theo tình hình thực tế của từng địa phương.
"""

SECTIONS = [
    ("P.I", "Phần I", "ĐÁNH GIÁ KẾT QUẢ THỰC HIỆN NĂM 2023"),
    ("P.I/I", "Phần I › I", "VỀ THỰC HIỆN MỤC TIÊU ĐỀ ÁN"),
    ("P.II", "Phần II", "NỘI DUNG KẾ HOẠCH NĂM 2024"),
    ("P.II/I", "Phần II › I", "MỤC TIÊU"),
    ("P.II/I/1", "Phần II › I.1", "Mục tiêu chung"),
    ("P.II/I/2", "Phần II › I.2", "Mục tiêu cụ thể"),
    ("P.II/I/2/a", "Phần II › I.2.a", "Đổi mới phương thức tổ chức giáo dục"),
    ("P.II/I/2/2.1", "Phần II › I.2.1", "Phát triển hạ tầng số"),
    ("PL.I", "Phụ lục I", "DANH SÁCH TRƯỜNG THÍ ĐIỂM CHUYỂN ĐỔI SỐ NĂM 2024"),
]
COLUMNS = ["STT", "Tên trường", "Cấp học", "Huyện/Thành phố"]
SCHOOL_NAME_2 = (
    "Trường THPT Chuyên Nguyễn Quang Diêu (điểm trường chính và phân hiệu tại phường 1, thành phố Cao Lãnh)"
)
# (STT, school, level, district, group, page in the PDF)
ROWS = [
    ("1", "Trường THPT Thành phố Cao Lãnh", "THPT", "Thành phố Cao Lãnh", "I", 3),
    ("2", SCHOOL_NAME_2, "THPT", "Thành phố Cao Lãnh", "I", 3),
    ("3", "Trường THPT Hồng Ngự 1", "THPT", "Thành phố Hồng Ngự", "I", 3),
    ("4", "Trường THCS Kim Hồng", "THCS", "Thành phố Sa Đéc", "II", 3),
    ("5", "Trường THCS Thanh Bình", "THCS", "Huyện Thanh Bình", "II", 4),
    ("6", "Trường Tiểu học Tân Hồng", "Tiểu học", "Huyện Tân Hồng", "II", 4),
]
GROUPS = {"I": "KHỐI TRUNG HỌC PHỔ THÔNG", "II": "KHỐI TRUNG HỌC CƠ SỞ"}

FORMATS = ["pdf", "pdf-unruled", "docx", "docx-unmerged", "docx-no-grid", "html"]


@pytest.fixture(scope="module")
def docs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, ParsedDocument]:
    d = tmp_path_factory.mktemp("formats")
    (d / "ke-hoach.md").write_text(PLAN_MD, encoding="utf-8")
    paths = {
        "md": d / "ke-hoach.md",
        "pdf": b.make_plan_pdf(d / "ke-hoach.pdf"),
        "pdf-unruled": b.make_plan_pdf(d / "ke-hoach-khong-ke.pdf", ruled=False),
        "docx": b.make_plan_docx(d / "ke-hoach.docx"),
        "docx-unmerged": b.make_plan_docx(d / "ke-hoach-khong-gop.docx", merge_group_rows=False),
        "docx-no-grid": b.make_docx_without_tblgrid(d / "ke-hoach-khong-luoi.docx"),
        "html": b.make_plan_html(d / "ke-hoach.html"),
    }
    return {k: parse_path(p).document for k, p in paths.items()}


def test_markdown_matches_the_builders_content() -> None:
    """The hand-written Markdown is the builders' plan: same table cells, same paragraph texts."""
    data = [r for r in b.TABLE_ROWS_PAGE3 + b.TABLE_ROWS_PAGE4 if r[0] not in GROUPS and r[0]]
    assert [tuple(r) for r in data] == [r[:4] for r in ROWS]
    assert b.TABLE_HEADER == COLUMNS
    flat = PLAN_MD.replace("**", "")
    for p in [*b.PLAN_PARAGRAPHS, *b.ANNEX_PARAGRAPHS, b.AFTER_TABLE]:
        assert p.text in flat, p.text


def test_markdown_structure(docs: dict[str, ParsedDocument]) -> None:
    md = docs["md"]
    assert [(s.locator, s.label, s.title) for s in md.sections] == SECTIONS
    assert [(a.number, a.title) for a in md.annexes] == [("I", "DANH SÁCH TRƯỜNG THÍ ĐIỂM CHUYỂN ĐỔI SỐ NĂM 2024")]
    assert md.annexes[0].note.startswith("(Kèm theo Kế hoạch số 15/KH-SGDĐT")
    (table,) = md.tables
    assert table.columns == COLUMNS
    got = [(r.stt, r.cells["Tên trường"], r.cells["Cấp học"], r.cells["Huyện/Thành phố"], r.group_path[0])
           for r in table.items]
    assert got == [r[:5] for r in ROWS]
    assert [(g.stt, g.cells["Tên trường"]) for g in table.groups] == list(GROUPS.items())
    assert [(r.cells["Tên trường"], r.cells["Cấp học"]) for r in table.totals] == [("TỔNG CỘNG", "6 trường")]


@pytest.mark.parametrize("fmt", FORMATS)
def test_same_meta_as_markdown(fmt: str, docs: dict[str, ParsedDocument]) -> None:
    got, md = docs[fmt].meta, docs["md"].meta
    assert got == md
    assert (got.doc_type, got.title) == ("KẾ HOẠCH", "Kế hoạch Triển khai Đề án chuyển đổi số ngành Giáo dục năm 2024")


@pytest.mark.parametrize("fmt", FORMATS)
def test_same_sections_as_markdown(fmt: str, docs: dict[str, ParsedDocument]) -> None:
    def sig(doc: ParsedDocument) -> list[tuple]:
        return [(s.locator, s.label, s.number, s.title, s.titles, s.depth, s.annex) for s in doc.sections]

    assert sig(docs[fmt]) == sig(docs["md"])
    assert [(s.locator, s.label, s.title) for s in docs[fmt].sections] == SECTIONS


@pytest.mark.parametrize("fmt", FORMATS)
def test_same_paragraphs_as_markdown(fmt: str, docs: dict[str, ParsedDocument]) -> None:
    def sig(doc: ParsedDocument) -> list[tuple]:  # DOCX "List Bullet" reads as "•" where Markdown has "-"
        return [(s.locator, p.text, p.bullet.replace("•", "-")) for s in doc.sections for p in s.paragraphs]

    assert sig(docs[fmt]) == sig(docs["md"])


@pytest.mark.parametrize("fmt", FORMATS)
def test_same_annex_and_table_as_markdown(fmt: str, docs: dict[str, ParsedDocument]) -> None:
    doc, md = docs[fmt], docs["md"]
    assert [(a.number, a.title, a.note) for a in doc.annexes] == [(a.number, a.title, a.note) for a in md.annexes]
    (table,) = doc.tables  # the part on page 4 continues the table of page 3
    (ref,) = md.tables
    assert (table.annex, table.table_no, table.title, table.columns) == (ref.annex, ref.table_no, ref.title, ref.columns)
    assert table.columns == COLUMNS

    def rows(t) -> list[tuple]:
        return [(r.stt, r.cells, r.group_path, r.group_titles, r.is_total, r.position, r.locator, r.label,
                 r.merged_from) for r in t.rows]

    assert rows(table) == rows(ref)
    assert [(g.stt, g.cells, g.locator, g.label) for g in table.groups] == [
        (g.stt, g.cells, g.locator, g.label) for g in ref.groups
    ]
    got = [(r.stt, r.cells["Tên trường"], r.cells["Cấp học"], r.cells["Huyện/Thành phố"], r.group_path[0])
           for r in table.items]
    assert got == [r[:5] for r in ROWS]


@pytest.mark.parametrize("fmt", FORMATS)
def test_repeated_header_gone_and_wrapped_cell_whole(fmt: str, docs: dict[str, ParsedDocument]) -> None:
    (table,) = docs[fmt].tables
    assert not any(r.stt == "STT" or r.cells["Tên trường"] == "Tên trường" for r in table.rows + table.groups)
    assert len(table.rows) == 7 and len(table.groups) == 2
    row2 = next(r for r in table.rows if r.stt == "2")
    assert row2.cells["Tên trường"] == SCHOOL_NAME_2  # the name wrapped over two lines is one cell
    assert [r.stt for r in table.rows if not r.stt] == [""] and table.rows[-1].is_total  # no stray fragment


@pytest.mark.parametrize("fmt", FORMATS)
def test_same_units_as_markdown(fmt: str, docs: dict[str, ParsedDocument]) -> None:
    def sig(doc: ParsedDocument) -> list[tuple]:
        return [(u.kind, u.locator, u.label, u.text.replace("• ", "- ")) for u in doc.units]

    assert sig(docs[fmt]) == sig(docs["md"])


@pytest.mark.parametrize("fmt", ["md", *FORMATS])
def test_row_units_cite_annex_row(fmt: str, docs: dict[str, ParsedDocument]) -> None:
    units = {u.locator: u for u in docs[fmt].units}
    u = units["PL.I/T1/I/3"]
    assert u.kind == "row" and u.label == "Phụ lục I, mục I, dòng 3 (Trường THPT Hồng Ngự 1)"
    assert u.text == "STT: 3; Tên trường: Trường THPT Hồng Ngự 1; Cấp học: THPT; Huyện/Thành phố: Thành phố Hồng Ngự"
    assert u.metadata["district"] == "Thành phố Hồng Ngự" and u.metadata["level_thpt"] is True
    assert "Phụ lục I" in u.embed_text and "KHỐI TRUNG HỌC PHỔ THÔNG" in u.embed_text
    assert units["PL.I/T1/II/6"].label == "Phụ lục I, mục II, dòng 6 (Trường Tiểu học Tân Hồng)"
    assert units["PL.I/T1/II/6"].metadata["level_tieu_hoc"] is True
    assert units["PL.I/T1/I/2"].label == (
        "Phụ lục I, mục I, dòng 2 (Trường THPT Chuyên Nguyễn Quang Diêu (điểm trường chính và phân hiệu…)"
    )
    assert units["PL.I/T1/total"].kind == "total" and units["PL.I/T1/total"].label == "Phụ lục I, dòng TỔNG CỘNG"
    assert all(len(x.text) <= 1100 for x in units.values())


@pytest.mark.parametrize("fmt", ["pdf", "pdf-unruled"])
def test_pdf_units_have_pages(fmt: str, docs: dict[str, ParsedDocument]) -> None:
    doc = docs[fmt]
    assert doc.pages == 4
    pages = {u.locator: u.page for u in doc.units}
    assert {loc: pages[loc] for loc in ("P.I", "P.I/I#1", "P.II/I/1", "P.II/I/2/a", "P.II/I/2/2.1", "PL.I")} == {
        "P.I": 1, "P.I/I#1": 1, "P.II/I/1": 1, "P.II/I/2/a": 2, "P.II/I/2/2.1": 2, "PL.I": 4,  # "Ghi chú" is on p. 4
    }
    (table,) = doc.tables
    assert table.page == 3
    assert [(r.stt, r.page, r.pages) for r in table.items] == [(r[0], r[5], [r[5]]) for r in ROWS]
    assert [(u.locator, u.page) for u in doc.units if u.kind in ("row", "total")] == [
        ("PL.I/T1/I/1", 3), ("PL.I/T1/I/2", 3), ("PL.I/T1/I/3", 3), ("PL.I/T1/II/4", 3),
        ("PL.I/T1/II/5", 4), ("PL.I/T1/II/6", 4), ("PL.I/T1/total", 4),
    ]
    assert doc.units[0].kind == "meta" and doc.units[0].page is None
    assert all(u.page in (1, 2, 3, 4) for u in doc.units[1:])


@pytest.mark.parametrize("fmt", ["md", "docx", "docx-unmerged", "docx-no-grid", "html"])
def test_no_pages_without_a_page_layout(fmt: str, docs: dict[str, ParsedDocument]) -> None:
    doc = docs[fmt]
    assert doc.pages is None and all(u.page is None for u in doc.units)


@pytest.mark.timeout(600)  # a liveness bound, not a benchmark (the parse takes a few seconds here)
def test_long_pdf_table_is_one_table_over_every_page(tmp_path: Path) -> None:
    result = parse_path(b.make_long_table_pdf(tmp_path / "bang-dai.pdf", rows=300))
    doc = result.document
    (table,) = doc.tables
    assert doc.pages and doc.pages > 5
    assert table.columns == b.LONG_TABLE_HEADER
    assert [r.stt for r in table.rows] == [str(i) for i in range(1, 301)]
    assert [list(r.cells.values()) for r in table.rows] == [b.long_table_row(i) for i in range(1, 301)]
    assert table.rows[0].page == 1 and table.rows[-1].page == doc.pages
    assert sorted({r.page for r in table.rows}) == list(range(1, doc.pages + 1))
    rows = [u for u in doc.units if u.kind == "row"]
    assert len(rows) == 300 and rows[41].label.startswith("Bảng 1, dòng 42 (Triển khai nhiệm vụ chuyển đổi số số 42")


# ---------------------------------------------------------------- page-break cases the builders do not make

def _pdf(path: Path):  # -> fpdf.FPDF with the builders' DejaVu fonts
    from fpdf import FPDF

    pdf = FPDF(format="A4", unit="mm")
    pdf.set_margins(20, 20, 20)
    pdf.add_font("DejaVu", "", str(b.FONT))
    pdf.add_font("DejaVu", "B", str(b.FONT_BOLD))
    return pdf


WRAPPED_LINES = [  # one paragraph typeset over three lines; the 2nd and 3rd lines start with numbers
    "Thực hiện Quyết định số 622/QĐ-UBND-HC ngày 07 tháng 6 năm",
    "2023 của Ủy ban nhân dân tỉnh, Sở đã cấp chữ ký số cho hơn",
    "11.000 cán bộ quản lý và giáo viên trên địa bàn toàn tỉnh.",
]


def test_pdf_wrapped_line_starting_with_a_number_stays_in_its_paragraph(tmp_path: Path) -> None:
    pdf = _pdf(tmp_path)
    pdf.add_page()
    pdf.set_font("DejaVu", "B", 12)
    pdf.cell(0, 6, "I. KẾT QUẢ THỰC HIỆN", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    pdf.set_font("DejaVu", "", 12)
    for line in WRAPPED_LINES:
        pdf.cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    pdf.set_font("DejaVu", "B", 12)
    pdf.cell(0, 6, "II. NHIỆM VỤ NĂM 2024", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    pdf.set_font("DejaVu", "", 12)
    pdf.cell(0, 6, "Tiếp tục triển khai chữ ký số cho giáo viên mới tuyển dụng.", new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(tmp_path / "so-dau-dong.pdf"))
    doc = parse_path(tmp_path / "so-dau-dong.pdf").document
    assert [(s.locator, s.title, [p.text for p in s.paragraphs]) for s in doc.sections] == [
        ("I", "KẾT QUẢ THỰC HIỆN", [" ".join(WRAPPED_LINES)]),
        ("II", "NHIỆM VỤ NĂM 2024", ["Tiếp tục triển khai chữ ký số cho giáo viên mới tuyển dụng."]),
    ]


# An annex table over three pages: the first break falls right after the bold group row "2" (its first item,
# unnumbered, opens page 2: a row of its own); the second break cuts item 3.1 in two (merged back).
SPLIT_HEADER = ["STT", "Nội dung nhiệm vụ", "Kết quả"]
SPLIT_PARTS: list[list[tuple[list[str], bool]]] = [
    [(["1", "Phát triển hạ tầng số", ""], True), (["1.1", "Nâng cấp đường truyền Internet", "Đạt"], False),
     (["2", "Phát triển nền tảng số", ""], True)],
    [(["", "Xây dựng nền tảng dạy - học trực tuyến", "Chưa đạt"], False),
     (["3", "Phát triển nguồn nhân lực", ""], True), (["3.1", "Tập huấn kỹ năng số", "Đạt"], False)],
    [(["", "cho giáo viên và cán bộ quản lý", ""], False)],
]
SPLIT_TITLE = "DANH MỤC NHIỆM VỤ CHUYỂN ĐỔI SỐ"


def _split_markdown() -> str:
    out = ["# PHỤ LỤC II", "", f"**{SPLIT_TITLE}**", ""]
    for part in SPLIT_PARTS:
        out += ["| " + " | ".join(SPLIT_HEADER) + " |", "|---|---|---|"]
        out += ["| " + " | ".join(f"**{c}**" if bold and c else c for c in row) + " |" for row, bold in part]
        out.append("")
    return "\n".join(out)


def _split_pdf(path: Path) -> Path:
    from fpdf.fonts import FontFace

    pdf = _pdf(path)
    pdf.add_page()
    pdf.set_font("DejaVu", "B", 12)
    pdf.cell(0, 6, "PHỤ LỤC II", new_x="LMARGIN", new_y="NEXT")
    pdf.cell(0, 6, SPLIT_TITLE, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    for k, part in enumerate(SPLIT_PARTS):
        if k:
            pdf.add_page()
        pdf.set_font("DejaVu", "", 11)
        with pdf.table(col_widths=(15, 110, 45), width=170, text_align="LEFT", line_height=6,
                       headings_style=FontFace(emphasis="BOLD")) as table:
            for row, bold in [(SPLIT_HEADER, True), *part]:
                cells = table.row()
                for text in row:
                    cells.cell(text, style=FontFace(emphasis="BOLD") if bold else None)
    pdf.output(str(path))
    return path


@pytest.mark.parametrize("fmt", ["md", "pdf"])
def test_break_after_group_row_is_not_a_fragment(fmt: str, tmp_path: Path) -> None:
    if fmt == "md":
        path = tmp_path / "phu-luc.md"
        path.write_text(_split_markdown(), encoding="utf-8")
    else:
        path = _split_pdf(tmp_path / "phu-luc.pdf")
    (table,) = parse_path(path).document.tables
    assert table.columns == SPLIT_HEADER
    assert [(g.stt, g.cells["Nội dung nhiệm vụ"]) for g in table.groups] == [
        ("1", "Phát triển hạ tầng số"), ("2", "Phát triển nền tảng số"), ("3", "Phát triển nguồn nhân lực")]
    got = [(r.locator, r.cells["Nội dung nhiệm vụ"], r.cells["Kết quả"], r.merged_from) for r in table.rows]
    assert got == [
        ("PL.II/T1/1/1.1", "Nâng cấp đường truyền Internet", "Đạt", 1),
        ("PL.II/T1/2/_1", "Xây dựng nền tảng dạy - học trực tuyến", "Chưa đạt", 1),
        ("PL.II/T1/3/3.1", "Tập huấn kỹ năng số cho giáo viên và cán bộ quản lý", "Đạt", 2),
    ]
    assert table.rows[1].label == "Phụ lục II, mục 2, dòng không số (Xây dựng nền tảng dạy - học trực tuyến)"
    if fmt == "pdf":
        assert [(r.page, r.pages) for r in table.rows] == [(1, [1]), (2, [2]), (2, [2, 3])]
