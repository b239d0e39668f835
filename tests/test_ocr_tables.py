"""Tables recovered from page images (ingest/ocr/table_image.py, ingest/ocr/grid.py).

Fast tests draw small tables with PIL and read each cell with a stand-in reader that decodes a pattern
of squares (row r: r+1 squares on a first line, column c: c+1 on a second), so where every cell's text
lands is checked exactly without OCR. Slow tests run Tesseract on the rendered corpus plan.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from eval.ocr_metrics import cer, norm
from ingest.ocr import grid as G
from ingest.ocr.table_image import ImageTable, find_tables
from ingest.text import fold, parse_cell_value
from tests.builders import FONT, FONT_BOLD
from tests.test_structure_corpus import EXPECTED_IV

# Tesseract with its vie model: skipped without it, failed under KEHOACH_REQUIRE_DEPS=1 (tests/conftest.py)
needs_tesseract = pytest.mark.needs("tesseract")

# ------------------------------------------------------------------------------------------- drawing


@dataclass
class Drawn:
    image: Image.Image
    bbox: tuple[int, int, int, int]


def draw_table(
    draw: ImageDraw.ImageDraw,
    origin: tuple[int, int],
    widths: list[int],
    heights: list[int],
    *,
    merged: tuple[tuple[int, int, int, int], ...] = (),  # (r0, r1, c0, c1) inclusive
    text: dict[tuple[int, int], str] | None = None,
    bold_rows: frozenset[int] = frozenset(),
    empty: frozenset[tuple[int, int]] = frozenset(),
    line: int = 3,
    size: int = 28,
) -> tuple[int, int, int, int]:
    """Rules of a grid (omitted inside merged cells) and, in each cell, its text or its square code."""
    x0, y0 = origin
    xs = [x0 + sum(widths[:i]) for i in range(len(widths) + 1)]
    ys = [y0 + sum(heights[:i]) for i in range(len(heights) + 1)]
    owner = {}
    for r0, r1, c0, c1 in merged:
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                owner[(r, c)] = (r0, c0)
    for r in range(len(heights) + 1):  # horizontal rules, cell side by cell side
        for c in range(len(widths)):
            inner = 0 < r < len(heights) and owner.get((r - 1, c), (r - 1, c)) == owner.get((r, c), (r, c))
            if not inner:
                draw.rectangle((xs[c], ys[r] - line // 2, xs[c + 1], ys[r] - line // 2 + line - 1), fill=0)
    for c in range(len(widths) + 1):
        for r in range(len(heights)):
            inner = 0 < c < len(widths) and owner.get((r, c - 1), (r, c - 1)) == owner.get((r, c), (r, c))
            if not inner:
                draw.rectangle((xs[c] - line // 2, ys[r], xs[c] - line // 2 + line - 1, ys[r + 1]), fill=0)
    regular, bold = ImageFont.truetype(str(FONT), size), ImageFont.truetype(str(FONT_BOLD), size)
    for r in range(len(heights)):
        for c in range(len(widths)):
            if owner.get((r, c), (r, c)) != (r, c) or (r, c) in empty:
                continue
            cx, cy = xs[c] + 14, ys[r] + 12
            if text is not None:
                draw.text((cx, cy), text.get((r, c), ""), font=bold if r in bold_rows else regular, fill=0)
                continue
            for k in range(r + 1):
                draw.rectangle((cx + 18 * k, cy, cx + 18 * k + 9, cy + 9), fill=0)
            for k in range(c + 1):
                draw.rectangle((cx + 18 * k, cy + 22, cx + 18 * k + 9, cy + 31), fill=0)
    return xs[0] - line, ys[0] - line, xs[-1] + line, ys[-1] + line


def square_code(image: Image.Image) -> tuple[str, float]:
    """The stand-in cell reader: 'r:c' from the two lines of squares drawn by draw_table."""
    import cv2

    ink = (np.asarray(image.convert("L")) < 128).astype(np.uint8)
    n, _, stats, cent = cv2.connectedComponentsWithStats(ink, connectivity=8)
    ys = sorted(float(cent[i][1]) for i in range(1, n) if stats[i, cv2.CC_STAT_AREA] >= 20)
    if not ys:
        return "", 0.0
    first = [y for y in ys if y < ys[0] + 11]
    return f"{len(first) - 1}:{len(ys) - len(first) - 1}", 90.0


def page(size: tuple[int, int] = (1654, 1200)) -> tuple[Image.Image, ImageDraw.ImageDraw]:
    image = Image.new("L", size, 255)
    return image, ImageDraw.Draw(image)


def codes(rows: int, cols: int) -> list[list[str]]:
    return [[f"{r}:{c}" for c in range(cols)] for r in range(rows)]


WIDTHS, HEIGHTS = [120, 420, 260, 300], [70, 60, 90, 60]

# ------------------------------------------------------------------------------------- fast: geometry


def test_plain_grid_every_cell_in_its_place():
    image, d = page()
    box = draw_table(d, (100, 150), WIDTHS, HEIGHTS)
    [t] = find_tables(image, square_code)
    assert t.rows == codes(4, 4)
    assert t.conf == 90.0
    assert all(abs(a - b) <= 8 for a, b in zip(t.bbox, box, strict=True))


def test_group_row_merged_across_columns_has_the_shape_of_the_text_pdf_path():
    # "I | NHÓM NHIỆM VỤ ... " spanning the three right columns: the title in its first column, "" after,
    # as the PDF reader (text starting in column 1) and the DOCX reader (gridSpan) give it.
    image, d = page()
    draw_table(d, (100, 150), WIDTHS, HEIGHTS, merged=((1, 1, 1, 3),))
    [t] = find_tables(image, square_code)
    assert t.rows == [codes(4, 4)[0], ["1:0", "1:1", "", ""], codes(4, 4)[2], codes(4, 4)[3]]


def test_cell_merged_across_rows_repeats_its_text():
    image, d = page()
    draw_table(d, (100, 150), WIDTHS, HEIGHTS, merged=((1, 3, 3, 3), (2, 3, 0, 0)))
    [t] = find_tables(image, square_code)
    assert t.rows == [codes(4, 4)[0], ["1:0", "1:1", "1:2", "1:3"], ["2:0", "2:1", "2:2", "1:3"],
                      ["2:0", "3:1", "3:2", "1:3"]]


def test_empty_row_dropped_empty_cell_kept():
    image, d = page()
    draw_table(d, (100, 150), WIDTHS, HEIGHTS, empty=frozenset({(2, 0), (2, 1), (2, 2), (2, 3), (3, 2)}))
    [t] = find_tables(image, square_code)
    assert t.rows == [codes(4, 4)[0], codes(4, 4)[1], ["3:0", "3:1", "", "3:3"]]


def test_broken_rules_still_separate_cells():
    image, d = page()
    draw_table(d, (100, 150), WIDTHS, HEIGHTS, merged=((1, 1, 1, 3),))
    xs = [100 + sum(WIDTHS[:i]) for i in range(5)]
    ys = [150 + sum(HEIGHTS[:i]) for i in range(5)]
    for y in ys:  # a worn scan: gaps in every horizontal rule ...
        for x in range(110, 1200, 70):
            d.rectangle((x, y - 3, x + 6, y + 3), fill=255)
    for x in xs:  # ... and in every vertical one
        for y in range(165, 430, 40):
            d.rectangle((x - 3, y, x + 3, y + 4), fill=255)
    [t] = find_tables(image, square_code)
    assert t.rows == [codes(4, 4)[0], ["1:0", "1:1", "", ""], codes(4, 4)[2], codes(4, 4)[3]]


@pytest.mark.parametrize("angle", [-3.0, -1.2, 0.6, 2.5])
def test_skewed_page(angle):
    image, d = page((1654, 1000))
    draw_table(d, (150, 200), WIDTHS, HEIGHTS, merged=((1, 1, 1, 3),))
    tilted = image.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255)
    binary = G.binarise(np.asarray(tilted))
    assert G.skew_angle(binary) == pytest.approx(angle, abs=0.25)
    [t] = find_tables(tilted, square_code)
    assert t.rows == [codes(4, 4)[0], ["1:0", "1:1", "", ""], codes(4, 4)[2], codes(4, 4)[3]]
    x0, y0, x1, y1 = t.bbox  # in the tilted image's pixels: encloses the tilted table
    assert x0 < 160 and x1 > 1240 and y0 < 210 and y1 > 470


def test_landscape_page_with_two_tables_and_text_between():
    image, d = page((2339, 1654))
    font = ImageFont.truetype(str(FONT), 32)
    draw_table(d, (150, 120), [150, 900, 500, 500], [70, 60, 60])
    d.text((150, 400), "II. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ NĂM 2023 — một dòng chữ giữa hai bảng", font=font, fill=0)
    draw_table(d, (150, 500), [150, 800, 500, 400, 200], [70, 60, 60, 60])
    tables = find_tables(image, square_code)
    assert [t.rows for t in tables] == [codes(3, 4), codes(4, 5)]
    assert tables[0].bbox[3] < 400 < tables[1].bbox[1]


def test_stamp_over_the_table_leaves_the_grid():
    image, d = page()
    draw_table(d, (100, 150), WIDTHS, HEIGHTS)
    d.ellipse((820, 120, 1180, 480), outline=110, width=9)  # a round seal over the right-hand columns
    d.ellipse((880, 180, 1120, 420), outline=110, width=4)
    grids, _ = G.find_grids(G.binarise(np.asarray(image)))
    assert [g.shape for g in grids] == [(4, 4)]
    assert all((c.r0, c.c0) == (c.r1, c.c1) for c in grids[0].cells)


def test_no_table_in_text_underlines_and_boxes():
    image, d = page()
    font = ImageFont.truetype(str(FONT), 30)
    for i, line in enumerate(["Sở GDĐT đã triển khai dạy học với mô hình giáo dục STEM — 100% các cơ sở",
                              "IIII llll |||| ———— ____ Thường xuyên kiểm tra, giám sát việc triển khai"]):
        d.text((100, 100 + 50 * i), line, font=font, fill=0)
    d.rectangle((100, 220, 1300, 223), fill=0)  # a signature line
    d.rectangle((100, 300, 1300, 420), outline=0, width=3)  # a boxed note: one column is no table
    d.text((120, 340), "Ghi chú: danh sách có thể được điều chỉnh", font=font, fill=0)
    assert find_tables(image, square_code) == []


def test_bold_rows_from_stroke_width_and_cells_read_from_shape():
    image, d = page()
    text = {(0, 0): "STT", (0, 1): "Tên trường", (0, 2): "Cấp học", (0, 3): "Huyện/Thành phố",
            (1, 0): "II", (1, 1): "NHÓM NHIỆM VỤ PHÁT TRIỂN",
            (2, 0): "1", (2, 1): "THPT Lai Vung 1", (2, 2): "-", (2, 3): "H Lai Vung",
            (3, 0): "III", (3, 1): "Triển khai thanh toán", (3, 2): "Trung học cơ sở", (3, 3): "-"}
    draw_table(d, (100, 150), WIDTHS, HEIGHTS, merged=((1, 1, 1, 3),), text=text, bold_rows=frozenset({0, 1}))
    seen = []

    def reader(im: Image.Image) -> tuple[str, float]:
        seen.append(im.size)
        return "x", 80.0

    [t] = find_tables(image, reader)
    assert t.row_bold == [True, True, False, False]
    # a lone dash and bare roman bars are read from their shapes; the reader sees the other cells only
    assert [r[0] for r in t.rows] == ["x", "II", "x", "III"]
    assert t.rows[2][2] == "-" and t.rows[3][3] == "-"
    assert len(seen) == 16 - 2 - 4  # 16 grid cells, 2 merged away, 2 dashes and 2 numerals read by shape


def test_rendered_corpus_text_pdf_parses_like_the_markdown_and_the_scan_has_no_text(rendered_corpus, corpus_doc):
    """The fixture itself: its text version is the corpus plan exactly (so the OCR version can be compared
    with it), and its scan has no text layer at all."""
    from pypdf import PdfReader

    from ingest.pipeline import parse_path

    text = parse_path(rendered_corpus.text_pdf).document
    assert [(s.locator, s.title) for s in text.sections] == [(s.locator, s.title) for s in corpus_doc.sections]
    assert [(a.number, a.title, a.note) for a in text.annexes] == [(a.number, a.title, a.note) for a in corpus_doc.annexes]
    assert text.meta == corpus_doc.meta
    assert [[(r.locator, r.cells) for r in t.rows] for t in text.tables] == \
        [[(r.locator, r.cells) for r in t.rows] for t in corpus_doc.tables]
    scan = PdfReader(rendered_corpus.image_pdf)
    assert len(scan.pages) == len(rendered_corpus.pages) == text.pages
    assert all(not (p.extract_text() or "").strip() for p in scan.pages)
    assert all(Image.open(p).info["dpi"][0] == pytest.approx(200, abs=1) for p in rendered_corpus.pages[:2])


def test_grid_on_a_rendered_corpus_page(rendered_corpus):
    """The geometry on the typeset plan, no OCR: every annex table page gives the table the text layer
    has, with the same number of rows and columns (pypdf sees the same grid)."""
    from pathlib import Path

    from ingest.readers.pdf import read_pdf

    blocks = read_pdf(Path(rendered_corpus.text_pdf))
    for n in rendered_corpus.pages_with("PHỤ LỤC I"):
        want = [(len(b.rows), len(b.rows[0])) for b in blocks if b.kind == "table" and b.page == n]
        got = find_tables(Image.open(rendered_corpus.pages[n - 1]), square_code)
        assert [(len(t.rows), len(t.rows[0])) for t in got] == want, n


# ---------------------------------------------------------------------------------- slow: Tesseract


def _annex_rows(tables: list[ImageTable]) -> list[list[str]]:
    """Data rows of a table printed over several pages: the header of every page dropped."""
    return [r for t in tables for r in t.rows if fold(r[0]).strip(" .:") not in ("stt", "tt")]


@pytest.fixture(scope="module")
def annex_iv(rendered_corpus):
    pages = rendered_corpus.pages_with("PHỤ LỤC IV")
    t0 = time.perf_counter()
    tables = [t for n in pages for t in find_tables(Image.open(rendered_corpus.pages[n - 1]))]
    return tables, (time.perf_counter() - t0) / len(pages)


@pytest.mark.slow
@needs_tesseract
def test_annex_iv_schools_from_the_page_images(annex_iv):
    tables, per_page = annex_iv
    rows = _annex_rows(tables)
    assert len(rows) == 36 and [r[0] for r in rows] == [str(i) for i in range(1, 37)]
    want = [line.split("|")[0] for line in EXPECTED_IV.splitlines()]
    names = [r[1] for r in rows]
    exact = sum(a == b for a, b in zip(want, names, strict=True)) / len(want)
    rate = cer("\n".join(want), "\n".join(names))
    print(f"\nPhụ lục IV from page images: {exact:.3f} of school names exactly equal, CER {rate:.4f}, "
          f"{per_page:.1f} s/page, mean cell confidence {np.mean([t.conf for t in tables]):.1f}")
    # Measured here (Tesseract 5.3, 200 dpi): 36/36 exact, CER 0. The floor allows two names with one
    # wrong tone mark each (another Tesseract build or font hinting), about 1 character in 200; a grid or
    # row-assignment fault shifts whole rows and fails both.
    assert exact >= 34 / 36
    assert rate <= 0.01
    levels = [r[2] for r in rows]
    assert levels == [line.split("|")[1] for line in EXPECTED_IV.splitlines()]
    assert tables[0].rows[0] == ["STT", "Tên trường", "Cấp học", "Huyện/Thành phố"] and tables[0].row_bold[0]


@pytest.mark.slow
@needs_tesseract
def test_annex_iii_amounts_from_the_page_images(rendered_corpus, corpus_doc):
    pages = rendered_corpus.pages_with("PHỤ LỤC III", until="PHỤ LỤC IV")
    tables = [t for n in pages for t in find_tables(Image.open(rendered_corpus.pages[n - 1]))]
    rows = _annex_rows(tables)
    source = next(t for t in corpus_doc.tables if t.annex == "III")
    amount = "Khái toán kinh phí"
    col = source.columns.index(amount)
    want = [r.cells[amount] for r in source.rows]  # items and the total, in order
    got = [r[col] for r in rows if any(r[col + 1 :]) or r[col]]  # group rows have no amount cell
    assert got == want
    values = [parse_cell_value(v) for v in got[:-1]]
    assert sum(v for v in values if v is not None) == 55500 and parse_cell_value(got[-1]) == 55500
    assert [r[0] for r in rows if r[0] in ("I", "II", "III")] == ["I", "II", "III"]


@pytest.mark.slow
@needs_tesseract
def test_skewed_scan_of_an_annex_iv_page_reads_the_same(rendered_corpus, annex_iv):
    n = rendered_corpus.pages_with("PHỤ LỤC IV")[1]
    tilted = Image.open(rendered_corpus.pages[n - 1]).rotate(1.8, resample=Image.Resampling.BICUBIC, fillcolor=255)
    [t] = find_tables(tilted)
    straight = next(s for s in annex_iv[0] if s.rows[1][0] == t.rows[1][0])
    assert len(t.rows) == len(straight.rows)
    same = sum(norm(a) == norm(b) for ra, rb in zip(t.rows, straight.rows, strict=True)
               for a, b in zip(ra, rb, strict=True))
    assert same >= 0.95 * len(t.rows) * 4


@pytest.mark.slow
@needs_tesseract
def test_builders_plan_page_reads_like_its_text_layer(tmp_path, monkeypatch):
    """The small ruled plan of tests/builders.py: the annex page's table from its image equals the one the
    PDF reader takes from the text layer, cells and bold rows; read cell by cell (tesseract_cell) or in
    stacks of any height, the same."""
    import pypdfium2 as pdfium

    from ingest.ocr import table_image
    from tests.builders import PDF_TABLE_PAGE3, make_plan_pdf, row_bold

    pdf = pdfium.PdfDocument(str(make_plan_pdf(tmp_path / "plan.pdf")))
    image = pdf[2].render(scale=200 / 72, grayscale=True).to_pil()
    pdf.close()
    [t] = find_tables(image)
    assert t.rows == PDF_TABLE_PAGE3
    assert t.row_bold == row_bold(PDF_TABLE_PAGE3)
    assert t.conf > 80
    assert find_tables(image, table_image.tesseract_cell)[0].rows == PDF_TABLE_PAGE3
    monkeypatch.setattr(table_image, "STACK_PX", 250)  # a few cells per tesseract run
    assert find_tables(image)[0].rows == PDF_TABLE_PAGE3
