"""Builders for small test documents: the tests make their own PDF/DOCX files instead of shipping binaries.

The expected reader output is exposed as module-level constants so tests can assert exact equality.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONT = FONT_DIR / "DejaVuSans.ttf"
FONT_BOLD = FONT_DIR / "DejaVuSans-Bold.ttf"


@dataclass(frozen=True)
class P:
    """One expected paragraph: text as the reader should return it (bullet marker stripped)."""

    text: str
    page: int
    bold: bool = False
    bullet: str = ""
    lead: str = ""  # leading bold span, printed bold, the rest regular
    heading: int = 0  # DOCX heading level (0: body paragraph)


# Page 1 and 2 of the plan: (paragraphs). Page 3 holds the annex.
PLAN_PARAGRAPHS: list[P] = [
    P("SỞ GIÁO DỤC VÀ ĐÀO TẠO", 1, bold=True),
    P("KẾ HOẠCH", 1, bold=True, heading=1),
    P("Triển khai Đề án chuyển đổi số ngành Giáo dục năm 2024", 1, bold=True),
    P("PHẦN I", 1, bold=True, heading=1),
    P("ĐÁNH GIÁ KẾT QUẢ THỰC HIỆN NĂM 2023", 1, bold=True, heading=2),
    P(
        "Thực hiện Kế hoạch số 70/KH-SGDĐT ngày 29 tháng 05 năm 2023 của Sở Giáo dục và Đào tạo về triển "
        "khai Đề án chuyển đổi số ngành Giáo dục tỉnh Đồng Tháp, Sở đã triển khai thực hiện và đạt được "
        "các kết quả như sau:",
        1,
    ),
    P("I. VỀ THỰC HIỆN MỤC TIÊU ĐỀ ÁN", 1, bold=True, heading=2),
    P(
        "Sở đã triển khai dạy học với mô hình giáo dục STEM đến 100% các cơ sở giáo dục từ tiểu học đến "
        "trung học phổ thông theo hướng dẫn của Bộ Giáo dục và Đào tạo.",
        1,
        bullet="-",
    ),
    P(
        "Đã triển khai thanh toán không dùng tiền mặt được 465/595 cơ sở giáo dục, đạt tỉ lệ 78,18%.",
        1,
        bullet="-",
    ),
    P("PHẦN II", 1, bold=True, heading=1),
    P("NỘI DUNG KẾ HOẠCH NĂM 2024", 1, bold=True, heading=2),
    P("I. MỤC TIÊU", 1, bold=True, heading=2),
    P(
        "1. Mục tiêu chung: Đẩy mạnh chuyển đổi số, tăng cường ứng dụng công nghệ để thúc đẩy đổi mới sáng "
        "tạo trong dạy và học, nâng cao chất lượng và hiệu quả quản lý giáo dục trên địa bàn tỉnh.",
        1,
        lead="1. Mục tiêu chung:",
    ),
    P("2. Mục tiêu cụ thể", 1, bold=True, heading=3),
    P("a) Đổi mới phương thức tổ chức giáo dục", 2, heading=4),
    P(
        "Về tiếp cận giáo dục trực tuyến: 50% học sinh và mỗi giáo viên có đủ điều kiện tham gia có hiệu "
        "quả các hoạt động dạy học trực tuyến.",
        2,
        bullet="-",
    ),
    P("Cấp tiểu học: 30% học sinh được học trực tuyến.", 2, bullet="+"),
    P("Cấp trung học: 60% học sinh được học trực tuyến.", 2, bullet="+"),
    P("2.1. Phát triển hạ tầng số", 2, bold=True, heading=3),
    P(
        "Các cơ sở giáo dục rà soát, nâng cấp đường truyền Internet và thiết bị đầu cuối phục vụ dạy học, "
        "bảo đảm an toàn thông tin theo quy định.",
        2,
    ),
]

ANNEX_PARAGRAPHS: list[P] = [
    P("PHỤ LỤC I", 3, bold=True, heading=1),
    P("(Kèm theo Kế hoạch số 15/KH-SGDĐT ngày 10 tháng 3 năm 2024 của Sở Giáo dục và Đào tạo)", 3),
    P("DANH SÁCH TRƯỜNG THÍ ĐIỂM CHUYỂN ĐỔI SỐ NĂM 2024", 3, bold=True),
]
AFTER_TABLE = P("Ghi chú: danh sách có thể được điều chỉnh theo tình hình thực tế của từng địa phương.", 4)

TABLE_HEADER = ["STT", "Tên trường", "Cấp học", "Huyện/Thành phố"]
# Data rows of the annex table on its first page (page 3) and its continuation (page 4).
TABLE_ROWS_PAGE3: list[list[str]] = [
    ["I", "KHỐI TRUNG HỌC PHỔ THÔNG", "", ""],
    ["1", "Trường THPT Thành phố Cao Lãnh", "THPT", "Thành phố Cao Lãnh"],
    [
        "2",
        "Trường THPT Chuyên Nguyễn Quang Diêu (điểm trường chính và phân hiệu tại phường 1, thành phố "
        "Cao Lãnh)",
        "THPT",
        "Thành phố Cao Lãnh",
    ],
    ["3", "Trường THPT Hồng Ngự 1", "THPT", "Thành phố Hồng Ngự"],
    ["II", "KHỐI TRUNG HỌC CƠ SỞ", "", ""],
    ["4", "Trường THCS Kim Hồng", "THCS", "Thành phố Sa Đéc"],
]
TABLE_ROWS_PAGE4: list[list[str]] = [
    ["5", "Trường THCS Thanh Bình", "THCS", "Huyện Thanh Bình"],
    ["6", "Trường Tiểu học Tân Hồng", "Tiểu học", "Huyện Tân Hồng"],
    ["", "TỔNG CỘNG", "6 trường", ""],
]
BOLD_ROWS = {"I", "II", "TỔNG CỘNG"}  # a row is bold when its STT or title is one of these
COL_WIDTHS = (14, 78, 30, 48)  # mm

# The whole expected table as tests see it: header row first, then data rows.
PDF_TABLE_PAGE3 = [TABLE_HEADER, *TABLE_ROWS_PAGE3]
PDF_TABLE_PAGE4 = [TABLE_HEADER, *TABLE_ROWS_PAGE4]
DOCX_TABLE = [TABLE_HEADER, *TABLE_ROWS_PAGE3, *TABLE_ROWS_PAGE4]


def is_bold_row(row: list[str]) -> bool:
    return row is TABLE_HEADER or row[0] in BOLD_ROWS or row[1] in BOLD_ROWS


def row_bold(rows: list[list[str]]) -> list[bool]:
    return [is_bold_row(r) for r in rows]


# ----------------------------------------------------------------------------------------------- PDF


def _new_pdf():  # -> fpdf.FPDF
    from fpdf import FPDF

    class _PlanPDF(FPDF):
        def footer(self) -> None:  # a bare page number, as Word prints it: readers must drop it
            self.set_y(-15)
            self.set_font("DejaVu", "", 9)
            self.cell(0, 8, str(self.page_no()), align="C")

    pdf = _PlanPDF(format="A4", unit="mm")
    pdf.set_margins(20, 20, 20)
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_font("DejaVu", "", str(FONT))
    pdf.add_font("DejaVu", "B", str(FONT_BOLD))
    return pdf


def _write_para(pdf, p: P) -> None:
    """One paragraph with 3 mm spacing after it; bullets get a hanging marker."""
    text = f"{p.bullet} {p.text}" if p.bullet else p.text
    align = "C" if p.bold and not p.text[:2].rstrip(".").isdigit() and p.text.isupper() else "J"
    if p.lead:
        pdf.set_font("DejaVu", "", 12)
        rest = text[len(p.lead) :]
        pdf.multi_cell(0, 6, f"**{p.lead}**{rest}", markdown=True, align="J", new_x="LMARGIN", new_y="NEXT")
    else:
        pdf.set_font("DejaVu", "B" if p.bold else "", 12)
        pdf.multi_cell(0, 6, text, align=align, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)


def _write_table(pdf, rows: list[list[str]], *, ruled: bool) -> None:
    from fpdf.fonts import FontFace

    with pdf.table(
        col_widths=COL_WIDTHS,
        width=sum(COL_WIDTHS),
        text_align="LEFT",
        v_align="MIDDLE" if ruled else "TOP",
        borders_layout="ALL" if ruled else "NONE",
        headings_style=FontFace(emphasis="BOLD"),
        line_height=6,
        padding=1.5,
        gutter_height=0 if ruled else 2,
    ) as table:
        for row in rows:
            cells = table.row()
            style = FontFace(emphasis="BOLD") if is_bold_row(row) else None
            for text in row:
                cells.cell(text, style=style)


def make_plan_pdf(path: Path, *, ruled: bool = True) -> Path:
    """The plan: pages 1-2 of headings/paragraphs/bullets, then annex PHỤ LỤC I on page 3 whose table
    continues on page 4 with its header repeated. `ruled=False` draws the same table without borders."""
    pdf = _new_pdf()
    pdf.add_page()
    for p in PLAN_PARAGRAPHS:
        if p.page == 2 and pdf.page_no() == 1:
            pdf.add_page()
        _write_para(pdf, p)
    pdf.add_page()
    for p in ANNEX_PARAGRAPHS:
        _write_para(pdf, p)
    pdf.set_font("DejaVu", "", 11)
    _write_table(pdf, PDF_TABLE_PAGE3, ruled=ruled)
    pdf.add_page()
    _write_table(pdf, PDF_TABLE_PAGE4, ruled=ruled)
    pdf.ln(4)
    _write_para(pdf, AFTER_TABLE)
    pdf.output(str(path))
    return path


def make_encrypted_pdf(path: Path, *, user_password: str = "matkhau") -> Path:
    """The plan encrypted with a user password (empty password gives a PDF readable without one)."""
    from pypdf import PdfReader, PdfWriter

    plain = make_plan_pdf(path.with_suffix(".plain.pdf"))
    writer = PdfWriter(clone_from=PdfReader(plain))
    writer.encrypt(user_password=user_password, owner_password="chu-so-huu", algorithm="AES-128")
    with path.open("wb") as f:
        writer.write(f)
    plain.unlink()
    return path


def make_scanned_pdf(path: Path, pages: int = 2) -> Path:
    """Image-only pages (filled rectangles standing in for a scan): no text layer at all."""
    from fpdf import FPDF

    pdf = FPDF(format="A4", unit="mm")
    for _ in range(pages):
        pdf.add_page()
        pdf.set_fill_color(40, 40, 40)
        for i in range(30):
            pdf.rect(20, 20 + i * 8, 120 + (i * 37) % 50, 4, style="F")
    pdf.output(str(path))
    return path


def strip_diacritics(text: str) -> str:
    """Vietnamese without its marks, as a bad OCR or a legacy font export gives it."""
    nfd = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in nfd if not unicodedata.combining(c))


OCR_NOISE = (
    "Th~c h!én K3 ho@ch s0 7O/KH-SGD ngáy 2g th4ng O5 n#m 2O23 cüa S0 Gi4o dµc v¸ Ðµo t¹o v3 tr!en kh@i "
    "Ð3 ¸n chuy3n ð0i s0 ng¸nh Gi4o dµc t!nh Ðöng Th¸p, S0 ð¸ tr!en kh@i th~c h!én v¸ ð¹t ðüoc c¸c k3t qu¶ "
    "|| ~~ ## ^^ ¶¶ lll 1l1l Il|I ÿþ ýü öï ¤¤ ¦¦ ¬¬ "
)


def garbage_text(kind: str = "stripped") -> str:
    """A page worth of unusable text: 'stripped' (no diacritics) or 'noise' (OCR noise)."""
    if kind == "noise":
        return OCR_NOISE * 4
    body = " ".join(p.text for p in PLAN_PARAGRAPHS)
    return strip_diacritics(body)


def make_garbage_pdf(path: Path, kind: str = "stripped") -> Path:
    """A PDF whose text layer is there but useless."""
    pdf = _new_pdf()
    pdf.add_page()
    pdf.set_font("DejaVu", "", 12)
    pdf.multi_cell(0, 6, garbage_text(kind), new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path


def make_many_pages_pdf(path: Path, pages: int) -> Path:
    pdf = _new_pdf()
    pdf.set_font("DejaVu", "", 12)
    for i in range(pages):
        pdf.add_page()
        pdf.cell(0, 6, f"Trang số {i + 1} của kế hoạch chuyển đổi số.")
    pdf.output(str(path))
    return path


def make_truncated_pdf(path: Path) -> Path:
    """The plan cut off after 40% of its bytes, as an interrupted upload leaves it."""
    full = make_plan_pdf(path.with_suffix(".full.pdf"))
    data = full.read_bytes()
    full.unlink()
    path.write_bytes(data[: int(len(data) * 0.4)])
    return path


# ---------------------------------------------------------------------------------------------- DOCX


def _docx_para(doc, p: P):  # -> docx.text.paragraph.Paragraph
    if p.heading:
        return doc.add_heading(p.text, level=p.heading)
    if p.bullet == "-":
        return doc.add_paragraph(p.text, style="List Bullet")
    if p.bullet:  # "+" sub-items are typed by hand in real plans
        return doc.add_paragraph(f"{p.bullet} {p.text}")
    para = doc.add_paragraph()
    if p.lead:
        para.add_run(p.lead).bold = True
        para.add_run(p.text[len(p.lead) :])
    else:
        para.add_run(p.text).bold = p.bold or None
    return para


def make_plan_docx(path: Path, *, merge_group_rows: bool = True) -> Path:
    """The same plan as a DOCX: Heading styles, a List Bullet, a bold lead, one annex table whose group
    rows have their title merged across the empty columns."""
    import docx

    doc = docx.Document()
    for p in [*PLAN_PARAGRAPHS, *ANNEX_PARAGRAPHS]:
        _docx_para(doc, p)
    table = doc.add_table(rows=len(DOCX_TABLE), cols=len(TABLE_HEADER))
    table.style = "Table Grid"
    for r, row in enumerate(DOCX_TABLE):
        for c, text in enumerate(row):
            cell = table.cell(r, c)
            cell.text = text
            if is_bold_row(row):
                for run in cell.paragraphs[0].runs:
                    run.bold = True
        if merge_group_rows and row[0] in {"I", "II"}:
            merged = table.cell(r, 1).merge(table.cell(r, 3))
            merged.text = row[1]
            merged.paragraphs[0].runs[0].bold = True
    _docx_para(doc, AFTER_TABLE)
    doc.save(str(path))
    return path


def make_empty_docx(path: Path) -> Path:
    import docx

    doc = docx.Document()
    doc.add_paragraph("")
    doc.save(str(path))
    return path


LONG_TABLE_HEADER = ["STT", "Nội dung nhiệm vụ", "Đơn vị chủ trì", "Ghi chú"]


def long_table_row(i: int) -> list[str]:
    task = f"Triển khai nhiệm vụ chuyển đổi số số {i} tại các cơ sở giáo dục trên địa bàn tỉnh theo kế hoạch"
    return [str(i), task, "Phòng GDTrH", ""]


def make_long_table_pdf(path: Path, rows: int = 300) -> Path:
    """Another generator (reportlab): borders drawn as lines, wrapped cells, header repeated on each page."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    pdfmetrics.registerFont(TTFont("DejaVu", str(FONT)))
    style = ParagraphStyle("vi", fontName="DejaVu", fontSize=10, leading=12)
    data: list[list[object]] = [list(LONG_TABLE_HEADER)]
    data += [[r[0], Paragraph(r[1], style), r[2], r[3]] for r in map(long_table_row, range(1, rows + 1))]
    table = Table(data, colWidths=[30, 250, 100, 80], repeatRows=1)
    table.setStyle(
        TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black"), ("FONTNAME", (0, 0), (-1, -1), "DejaVu")])
    )
    intro = Paragraph(
        "Kế hoạch thực hiện các nhiệm vụ chuyển đổi số của ngành giáo dục năm 2024 như sau:", style
    )
    SimpleDocTemplate(str(path), pagesize=A4).build([intro, table])
    return path


def docx_package(document_xml: str) -> bytes:
    """A minimal DOCX (content types, relationships, word/document.xml) around a document's XML."""
    import io
    import zipfile

    ct = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
          'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
          'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName='
          '"/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.'
          'document.main+xml"/></Types>')
    rels = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
            'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
            'officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", ct)
        z.writestr("_rels/.rels", rels)
        z.writestr("word/document.xml", document_xml)
    return buf.getvalue()


def make_docx_bomb(path: Path, paragraphs: int = 2_000_000) -> Path:
    """A DOCX of ~150 KB whose document.xml inflates to tens of MB of paragraphs: parsing it in the server's
    own process would take GBs of memory; the sandbox's memory cap refuses it."""
    ns = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    para = "<w:p><w:r><w:t>Nhiệm vụ chuyển đổi số</w:t></w:r></w:p>"
    doc = f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{ns}"><w:body>' + para * paragraphs + \
        "</w:body></w:document>"
    path.write_bytes(docx_package(doc))
    return path

def make_docx_without_tblgrid(path: Path) -> Path:
    """The plan DOCX with every table's <w:tblGrid> removed, as some machine-made exports (Apache POI) write
    it: python-docx then raises InvalidXmlError on table access."""
    import re
    import zipfile

    plain = make_plan_docx(path.with_name(path.stem + "-grid.docx"))
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "word/document.xml":
                data = re.sub(rb"<w:tblGrid>.*?</w:tblGrid>", b"", data, flags=re.S)
                assert b"tblGrid" not in data
            dst.writestr(info, data)
    plain.unlink()
    return path


def make_damaged_pdf(path: Path, pages: tuple[int, ...] = (2,)) -> Path:
    """The plan PDF with the content streams of `pages` corrupted (their compressed bytes overwritten), the
    other pages intact: pypdf reads nothing from those pages and only logs why."""
    import re

    from pypdf import PdfReader

    plain = make_plan_pdf(path.with_name(path.stem + "-ok.pdf"))
    data = bytearray(plain.read_bytes())
    reader = PdfReader(plain)
    for page in pages:
        num = reader.pages[page - 1].raw_get("/Contents").idnum
        obj = re.search(rb"\n%d 0 obj" % num, bytes(data))
        assert obj is not None
        start = data.index(b"stream", obj.start()) + len(b"stream\n")
        end = data.index(b"endstream", start)
        for k in range(start + 16, end - 4):
            data[k] = (data[k] * 7 + 13) % 256
    path.write_bytes(bytes(data))
    plain.unlink()
    return path


def make_lost_letters_pdf(path: Path, good_pages: int = 2) -> Path:
    """`good_pages` pages of plan text, then a page whose text layer lost the letters only Vietnamese uses:
    the page is drawn right (the font has every glyph) but its font's text map (ToUnicode) sends ạ, ả, ấ,
    đ, ơ, ư ... to a space, so pypdf reads "B O HI M XÃ H I VI T NAM" for "BẢO HIỂM XÃ HỘI VIỆT NAM"."""
    import re

    from pypdf import PdfReader, PdfWriter

    pdf = _new_pdf()
    pdf.add_font("Lost", "", str(FONT))
    paras = [p for p in PLAN_PARAGRAPHS if not p.bold]
    for n in range(good_pages):
        pdf.add_page()
        pdf.set_font("DejaVu", "", 12)
        for p in paras[n * 3 : n * 3 + 3] or paras[:3]:
            pdf.multi_cell(0, 6, p.text, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(3)
    pdf.add_page()
    pdf.set_font("Lost", "", 12)
    pdf.multi_cell(0, 6, LOST_PAGE_TEXT, new_x="LMARGIN", new_y="NEXT")
    plain = path.with_name(path.stem + "-ok.pdf")
    pdf.output(str(plain))
    writer = PdfWriter(clone_from=PdfReader(plain))
    fonts = writer.pages[-1]["/Resources"]["/Font"]
    lost = [fonts.raw_get(k) for k in fonts if fonts[k]["/BaseFont"] and k not in
            {name for page in writer.pages[:-1] for name in page["/Resources"]["/Font"]}]
    for font in lost:  # only the page's own font: the page-number footer shares the good one
        cmap = font.get_object()["/ToUnicode"].get_object()
        text = cmap.get_data().decode("ascii")
        text = re.sub(r"(<[0-9A-F]{4}>) <([0-9A-F]{4})>",
                      lambda m: f"{m.group(1)} <0020>" if int(m.group(2), 16) > 0xFF else m.group(0), text)
        cmap.set_data(text.encode("ascii"))
    with path.open("wb") as fh:
        writer.write(fh)
    plain.unlink()
    return path


LOST_PAGE_TEXT = (
    "BẢO HIỂM XÃ HỘI VIỆT NAM\n"
    "Cơ quan bảo hiểm xã hội phối hợp với Sở Giáo dục và Đào tạo hướng dẫn các trường học thực hiện bảo hiểm "
    "y tế cho học sinh, sinh viên năm học 2024 - 2025, bảo đảm quyền lợi của người tham gia theo đúng quy định "
    "của pháp luật. Các đơn vị tổ chức tuyên truyền, vận động học sinh tham gia đầy đủ, kịp thời."
)


def plan_html() -> str:
    """The builders' plan as a page saved from a document portal: a <head> with style and script, a site
    menu (<nav>, a link list), tabs (role=tablist), an outline beside the text that repeats its headings
    ("Mục lục", no links), a hidden block, a layout table for the issuer, the annex table with <th> header
    cells and its group rows merged across columns (colspan), and the site's footer."""
    import html

    def para(p: P) -> str:
        text = html.escape(p.text)
        if p.heading:
            return f"<h{p.heading}>{text}</h{p.heading}>"
        if p.bullet:
            return f"<p>{p.bullet} {text}</p>"
        if p.lead:
            return f"<p><b>{html.escape(p.lead)}</b>{html.escape(p.text[len(p.lead):])}</p>"
        return f"<p><b>{text}</b></p>" if p.bold else f"<p>{text}</p>"

    issuer, *body = PLAN_PARAGRAPHS
    rows = []
    for row in DOCX_TABLE:
        if row is TABLE_HEADER:
            rows.append("<thead><tr>" + "".join(f"<th>{c}</th>" for c in row) + "</tr></thead><tbody>")
        elif row[0] in {"I", "II"}:
            rows.append(f'<tr><td><b>{row[0]}</b></td><td colspan="3"><strong>{row[1]}</strong></td></tr>')
        else:
            cells = "".join(f"<td><b>{c}</b></td>" if c and is_bold_row(row) else f"<td>{html.escape(c)}</td>"
                            for c in row)
            rows.append(f"<tr>{cells}</tr>")
    outline = ["PHẦN I ĐÁNH GIÁ KẾT QUẢ THỰC HIỆN NĂM 2023", "I. VỀ THỰC HIỆN MỤC TIÊU ĐỀ ÁN",
               "PHẦN II NỘI DUNG KẾ HOẠCH NĂM 2024", "I. MỤC TIÊU", "1. Mục tiêu chung", "2. Mục tiêu cụ thể",
               "a) Đổi mới phương thức tổ chức giáo dục", "2.1. Phát triển hạ tầng số", "PHỤ LỤC I"]
    return "\n".join([
        "<!DOCTYPE html>",
        '<html lang="vi"><head><meta charset="utf-8"><title>Kế hoạch chuyển đổi số - Cổng văn bản</title>',
        "<style>.menu{color:red} /* Kế hoạch giả trong CSS */</style>",
        "<script>var tieuDe = 'PHẦN IX. KẾ HOẠCH GIẢ TRONG SCRIPT';</script></head>",
        '<body><header><nav><ul><li><a href="/">Trang chủ</a></li><li><a href="/vb">Văn bản</a></li></ul></nav>',
        '<div class="links"><ul><li><a href="/1">Văn bản mới</a></li><li><a href="/2">Văn bản hợp nhất</a></li>'
        '<li><a href="/3">Thủ tục hành chính</a></li><li><a href="/4">Hỏi đáp pháp luật</a></li></ul></div>',
        '</header><main><div role="tablist"><div role="tab">Nội dung</div><div role="tab">Lược đồ</div></div>',
        '<div class="noi-dung">',
        '<div class="muc-luc"><div>Mục lục</div>' + "".join(f"<div><span>{t}</span></div>" for t in outline)
        + "</div>",
        '<div style="display: none">Nội dung ẩn không được đọc</div>',
        "<table><tr><td><p><b>" + html.escape(issuer.text) + "<br>-------</b></p></td><td></td></tr></table>",
        *[para(p) for p in body],
        *[para(p) for p in ANNEX_PARAGRAPHS],
        '<table border="1">' + "".join(rows) + "</tbody></table>",
        para(AFTER_TABLE),
        "<script>document.title = 'Điều 99. Không phải văn bản';</script>",
        "</div></main>",
        "<footer><p>Cơ sở dữ liệu văn bản. Đơn vị chủ quản: Văn phòng. Điện thoại: 024.0000.0000</p></footer>",
        "</body></html>",
    ])


def make_plan_html(path: Path) -> Path:
    path.write_text(plan_html(), encoding="utf-8")
    return path


# Lines drawn the way Word's "Save as PDF" draws them: each word (or run of one font) its own text object at its
# own position, the space between two words a text object of its own, and a word sometimes in pieces drawn
# end to end ("|": "d|ục", a marked vowel from another font). The text layer's words carry no space.
WORD_BY_WORD_LINES = [
    "SỞ GIÁO D|Ụ|C VÀ ĐÀO TẠO",
    "TRUNG T|ÂM TH|ÔNG TIN VÀ CH|ƯƠNG TRÌNH",
    "V/v lịch bồi dưỡng các l|ớp STEM tháng 12/2025",
    "Căn c|ứ Công văn s|ố 1910/SGDĐT-GDTH về hư|ớ|ng dẫn",
    "Cán b|ộ quản lý cơ s|ở giáo d|ục rèn kỹ năng số",
]
WORD_BY_WORD_TEXT = [line.replace("|", "") for line in WORD_BY_WORD_LINES]


def make_word_by_word_pdf(path: Path, lines: list[str] = WORD_BY_WORD_LINES, *, drawn_spaces: bool = True) -> Path:
    """`lines` drawn a text object per word piece (see above). `drawn_spaces`: the space between two words is
    drawn as a text object of its own (Word); without, the next word only starts a space's width further."""
    pdf = _new_pdf()
    pdf.add_page()
    pdf.set_font("DejaVu", "", 12)
    space = pdf.get_string_width(" ")
    for n, line in enumerate(lines):
        x, y = 20.0, 30.0 + 8 * n
        for word in line.split(" "):
            for piece in word.split("|"):
                pdf.text(x, y, piece)
                x += pdf.get_string_width(piece)
            if drawn_spaces:
                pdf.text(x, y, " ")
            x += space
    pdf.output(str(path))
    return path


SIGNED_BODY = ("Căn cứ Kế hoạch số 134/KH-UBND ngày 20 tháng 10 năm 2025 của Ủy ban nhân dân Thành phố về tổ chức các "
               "hoạt động phong trào; Sở Giáo dục và Đào tạo ban hành kế hoạch tổ chức cuộc thi như sau.")


def make_signed_header_pdf(path: Path) -> Path:
    """A plan typed with blanks in its header ("Số:          /KH-SGDĐT", "ngày          tháng          năm 2025"), the
    number then drawn into the first blank as text of its own (after the rest of the page, as a signing tool
    appends it), and the day and the month stamped as one string "03          10" by a signature widget's
    appearance, the way electronically signed plans carry them."""
    from pypdf import PdfWriter
    from pypdf.generic import (
        ArrayObject,
        DictionaryObject,
        FloatObject,
        NameObject,
        NumberObject,
        StreamObject,
    )

    pdf = _new_pdf()
    pdf.add_page()
    pdf.set_font("DejaVu", "", 12)
    y = 40.0
    left, right = "Số:          /KH-SGDĐT", "Thành phố Hồ Chí Minh, ngày          tháng          năm 2025"
    pdf.text(20, y, left)
    pdf.text(90, y, right)
    pdf.set_xy(20, 55)
    pdf.multi_cell(0, 6, "KẾ HOẠCH", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.multi_cell(0, 6, SIGNED_BODY, align="J", new_x="LMARGIN", new_y="NEXT")
    number_x = 20 + pdf.get_string_width("Số: ") + 1
    pdf.text(number_x, y, "90")
    day_x = 90 + pdf.get_string_width("Thành phố Hồ Chí Minh, ngày ") + 1
    pdf.output(str(path))

    pt = 72 / 25.4
    writer = PdfWriter(clone_from=str(path))
    font = DictionaryObject({NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
                             NameObject("/BaseFont"): NameObject("/Helvetica"),
                             NameObject("/Encoding"): NameObject("/WinAnsiEncoding")})
    form = StreamObject()
    form.set_data(b"BT /F1 12 Tf 2 5 Td (03          10) Tj ET")
    form.update({NameObject("/Type"): NameObject("/XObject"), NameObject("/Subtype"): NameObject("/Form"),
                 NameObject("/BBox"): ArrayObject([NumberObject(0), NumberObject(0), NumberObject(90),
                                                   NumberObject(20)]),
                 NameObject("/Resources"): DictionaryObject({NameObject("/Font"): DictionaryObject(
                     {NameObject("/F1"): writer._add_object(font)})})})
    x0, y0 = day_x * pt, (297 - y) * pt - 5
    annot = DictionaryObject({
        NameObject("/Type"): NameObject("/Annot"), NameObject("/Subtype"): NameObject("/Widget"),
        NameObject("/FT"): NameObject("/Sig"), NameObject("/F"): NumberObject(4),
        NameObject("/Rect"): ArrayObject([FloatObject(x0), FloatObject(y0), FloatObject(x0 + 90),
                                          FloatObject(y0 + 20)]),
        NameObject("/AP"): DictionaryObject({NameObject("/N"): writer._add_object(form)})})
    writer.pages[0][NameObject("/Annots")] = ArrayObject([writer._add_object(annot)])
    writer.write(str(path))
    return path
