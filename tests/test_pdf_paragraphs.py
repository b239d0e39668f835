"""Paragraphs and tables of a Word-exported PDF: a 1.5-spaced body under a single-spaced letterhead stays one
paragraph per sentence, not one per line; Word's bullet library ("o", a symbol font's private-use glyph) starts
items; a numbered item's wrapped part hanging under its text stays in the item; a table cell merged down over
rows names each of them, under a header whose title spans two columns. Lines and strings are those of real plans
in eval/corpus-dev; the PDFs are built here."""

from __future__ import annotations

from pathlib import Path

from ingest.readers.pdf import Frag, Line, _breaks_before, bullet_of, read_pdf
from ingest.tables import TablePart, build_table
from tests.builders import FONT, FONT_BOLD


def _line(text: str, y: float, x: float = 85.0, size: float = 13.0) -> Line:
    return Line([Frag(x, y, text, size, False)])


def test_word_bullets_are_read_as_items() -> None:
    assert bullet_of("o Hình thức: Trình bày bằng tiếng Việt, tối đa 10 trang A4") == "◦"
    assert bullet_of("\uf0b7 15/11: Phát động cuộc thi qua loa, Fanpage, Zalo OA.") == "•"
    assert bullet_of("\uf0a7 Bản thuyết minh dự án (dạng Business Model Canvas - Phụ lục III).") == "•"
    assert bullet_of("- Như trên;") == "-"
    # a word "o" in running text, a line starting with a letter, no space after the glyph: no bullet
    assert bullet_of("o bế giữ con") == ""
    assert bullet_of("oán trách") == ""
    assert bullet_of("Căn cứ Quyết định số 1665/QĐ-TTg") == ""


def test_a_numbered_items_wrapped_part_hangs_under_it() -> None:
    full, pitch = 80.0, 22.0
    prev = _line("2. Phó Hiệu trưởng: Ông Nguyễn Văn Thành – Giám sát lịch trình, KPI (mỗi khối", 594.2, x=103.1)
    assert not _breaks_before(prev, _line("≥01 đề án), chịu trách nhiệm chính về cuộc thi.", 571.8, x=121.1),
                              pitch, full, False)
    # the next numbered item starts a paragraph; so does a line outdented after the list's last sentence
    assert _breaks_before(prev, _line("3. Bí thư Đoàn trường: Cù Huy Hoàng – Tuyên truyền", 571.8, x=103.1),
                          pitch, full, False)
    last = _line("8. Đoàn trường: Quản lý standee, băng rôn, CSVC thi, truyền thông trang đoàn.", 224.3, x=103.1)
    assert _breaks_before(last, _line("Trên là kế hoạch tổ chức cuộc thi “Học sinh với ý tưởng khởi nghiệp”", 201.9),
                          pitch, full, False)
    # a first-line indent under a finished line still starts one
    done = _line("Căn cứ Kế hoạch số 229/KH-THPTPB ngày 14/11/2025 của Trường THPT Phước Bửu;", 253.4, x=85.1)
    assert _breaks_before(done, _line("Nhà trường xây dựng Kế hoạch tổ chức Cuộc thi", 231.0, x=121.1), pitch, full,
                          False)


def _letter_pdf(path: Path) -> Path:
    """A school plan as Word exports it: a single-spaced 12-point letterhead, then a 13-point body at 1.5 line
    spacing (22.4 points) with no space between paragraphs, Word's second-level "o" bullets, and a closing
    paragraph single-spaced."""
    from fpdf import FPDF

    pdf = FPDF(format="A4", unit="pt")
    pdf.set_margins(85, 60, 60)
    pdf.add_font("DejaVu", "", str(FONT))
    pdf.add_page()
    pdf.set_font("DejaVu", "", 12)
    for head in ("SỞ GIÁO DỤC VÀ ĐÀO TẠO", "THÀNH PHỐ HỒ CHÍ MINH", "TRƯỜNG THPT MẪU"):
        pdf.cell(0, 14, head, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(20)
    pdf.set_font("DejaVu", "", 13)
    body = [
        "Căn cứ Quyết định số 1665/QĐ-TTg ngày 20/10/2017 của Thủ tướng Chính phủ phê duyệt Đề án “Hỗ trợ học "
        "sinh, sinh viên khởi nghiệp đến năm 2025”;",
        "Căn cứ Quyết định số 1230/QĐ-BGDĐT ngày 30/3/2018 của Bộ Giáo dục và Đào tạo ban hành Kế hoạch;",
        "Nhà trường xây dựng Kế hoạch tổ chức Cuộc thi cấp trường năm học 2025-2026, cụ thể như sau:",
        "o Mỗi khối lớp (10, 11, 12) ít nhất 01 đề án/sản phẩm dự thi.",
        "o Hạn đăng ký và nộp hồ sơ cấp trường: trước 17h00 ngày 10/12/2025 (để chọn và nộp cấp Thành phố "
        "trước 15/12/2025).",
    ]
    for text in body:
        pdf.set_left_margin(103 if text.startswith("o ") else 85)  # the items indented under the body
        pdf.multi_cell(0, 22.4, text, new_x="LMARGIN", new_y="NEXT")
    pdf.set_left_margin(85)
    # the closing paragraph single-spaced: its smaller pitch, seen twice, must not part the body's lines either
    pdf.multi_cell(0, 15, "Trên là kế hoạch tổ chức cuộc thi cấp trường năm học 2025-2026 để chọn ra tối đa 03 dự án "
                   "tham gia cấp Thành phố; các tổ chuyên môn, giáo viên chủ nhiệm và Đoàn trường căn cứ kế hoạch "
                   "triển khai thực hiện./.", new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path


def test_a_15_spaced_body_under_a_single_spaced_letterhead_keeps_its_paragraphs(tmp_path: Path) -> None:
    paras = [b for b in read_pdf(_letter_pdf(tmp_path / "ke-hoach.pdf")) if b.kind == "para"]
    texts = [p.text for p in paras]
    assert ("Căn cứ Quyết định số 1665/QĐ-TTg ngày 20/10/2017 của Thủ tướng Chính phủ phê duyệt Đề án “Hỗ trợ học "
            "sinh, sinh viên khởi nghiệp đến năm 2025”;") in texts
    assert "Căn cứ Quyết định số 1230/QĐ-BGDĐT ngày 30/3/2018 của Bộ Giáo dục và Đào tạo ban hành Kế hoạch;" in texts
    deadline = next(p for p in paras if p.text.startswith("Hạn đăng ký"))
    assert deadline.bullet == "◦"
    assert deadline.text.endswith("(để chọn và nộp cấp Thành phố trước 15/12/2025).")
    assert texts[-1].startswith("Trên là kế hoạch") and texts[-1].endswith("căn cứ kế hoạch triển khai thực hiện./.")


def _prize_table_pdf(path: Path) -> Path:
    """A ruled table whose first column holds one prize merged down over its three weeks, under a header whose
    "Giải" spans that column and the week's."""
    from fpdf import FPDF
    from fpdf.fonts import FontFace

    pdf = FPDF(format="A4", unit="pt")
    pdf.add_font("DejaVu", "", str(FONT))
    pdf.add_font("DejaVu", "B", str(FONT_BOLD))
    pdf.add_page()
    pdf.set_font("DejaVu", "", 11)
    with pdf.table(col_widths=(60, 60, 130, 130, 100), headings_style=FontFace(emphasis="BOLD"),
                   line_height=14) as table:
        head = table.row()
        head.cell("Giải", colspan=2)
        for text in ("Thời gian bắt đầu", "Thời gian kết thúc", "Công bố kết quả"):
            head.cell(text)
        weeks = [("Tuần 1", "07g00 ngày 10/11/2025", "17g00 ngày 16/11/2025", "19/11/2025"),
                 ("Tuần 2", "07g00 ngày 17/11/2025", "17g00 ngày 23/11/2025", "26/11/2025"),
                 ("Tuần 3", "07g00 ngày 24/11/2025", "17g00 ngày 28/11/2025", "05/12/2025")]
        for k, week in enumerate(weeks):
            row = table.row()
            if k == 0:
                row.cell("Giải Đồng Lòng của các trường", rowspan=3)
            for text in week:
                row.cell(text)
    pdf.output(str(path))
    return path


def test_a_cell_merged_down_names_each_row_it_spans(tmp_path: Path) -> None:
    blocks = [x for x in read_pdf(_prize_table_pdf(tmp_path / "giai.pdf")) if x.kind == "table"]
    assert len(blocks) == 1
    rows = blocks[0].rows
    assert [r[0] for r in rows[1:]] == ["Giải Đồng Lòng của các trường"] * 3
    assert rows[2][1:] == ["Tuần 2", "07g00 ngày 17/11/2025", "17g00 ngày 23/11/2025", "26/11/2025"]
    table = build_table([TablePart(rows=rows, row_bold=blocks[0].row_bold)], annex=None, table_no=2,
                        locator_prefix="doc", label_prefix="")
    # the header is read although its merged title leaves the second cell blank: that column is named by its place
    assert table.columns == ["Giải", "Cột 2", "Thời gian bắt đầu", "Thời gian kết thúc", "Công bố kết quả"]
    assert table.rows[-1].cells["Công bố kết quả"] == "05/12/2025"
    assert table.rows[-1].cells["Giải"] == "Giải Đồng Lòng của các trường"
