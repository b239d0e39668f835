"""The corpus plan as a printed-and-scanned PDF, for the OCR tests and `make bench`'s OCR figures.

`render_text_pdf` typesets the plan's blocks (ingest.readers.markdown) with fpdf2 and the DejaVu fonts:
headings bold, annexes on landscape pages, tables ruled on every side with their header row bold, a group
row's title merged across the empty columns, each table part of the source (a page of the original) on a
page of its own, the header repeated when fpdf2 breaks a part over pages. `rasterise` turns every page into
a 200 dpi grayscale image and writes an image-only PDF of them (no text layer): what a scanner gives.

Kept out of the test modules so that `bench/ocr.py` renders exactly what the tests check.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ingest.models import Block

FONT_DIRS = [Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu")]
ROOT = Path(__file__).resolve().parent.parent
CORPUS_FILE = ROOT / "corpus" / "kh-chuyen-doi-so-giao-duc-dong-thap-2024.md"
DPI = 200
BODY_PT, TABLE_PT, FOOTNOTE_PT = 12, 10, 9


@dataclass
class RenderedCorpus:
    text_pdf: Path  # the typeset plan, with its text layer
    image_pdf: Path  # the same pages as images only
    pages: list[Path]  # one grayscale PNG per page, DPI dots per inch
    page_text: list[str] = field(default_factory=list)  # the text layer of each page (pypdf), to find pages
    blocks: list[Block] = field(default_factory=list)  # what was typeset
    dpi: int = DPI

    def pages_with(self, needle: str, until: str | None = None) -> list[int]:
        """1-based numbers of the pages from the first whose text holds `needle` to the last page before
        the one holding `until` (or the end): how tests find an annex's pages without hard-coding them."""
        start = next(i for i, t in enumerate(self.page_text) if needle in t)
        end = len(self.page_text)
        if until is not None:
            end = next((i for i, t in enumerate(self.page_text) if i > start and until in t), end)
        return list(range(start + 1, end + 1))


def corpus_blocks() -> list[Block]:
    from ingest.readers.markdown import read_markdown

    blocks = read_markdown(CORPUS_FILE.read_text(encoding="utf-8"))
    # Footnotes at the end, as bench/ingest.py does: the PDF reader has no footnote area to put them in.
    return [b for b in blocks if b.kind != "footnote"] + [b for b in blocks if b.kind == "footnote"]


def _fonts() -> tuple[Path, Path]:
    for d in FONT_DIRS:
        if (d / "DejaVuSans.ttf").exists() and (d / "DejaVuSans-Bold.ttf").exists():
            return d / "DejaVuSans.ttf", d / "DejaVuSans-Bold.ttf"
    raise FileNotFoundError("DejaVu fonts not found (Debian package fonts-dejavu-core)")


def _rect(rows: list[list[str]]) -> list[list[str]]:
    width = max(len(r) for r in rows)
    return [r + [""] * (width - len(r)) for r in rows]


def _col_widths(pdf, rows: list[list[str]], width: float) -> list[float]:
    """Widths in mm summing to `width`: every column fits its longest word (bold, as in the header); the
    room left goes to the columns by their typical cell length."""
    pdf.set_font("DejaVu", "B", TABLE_PT)
    least = [max(pdf.get_string_width(w) for r in rows for w in (r[c].split() or ["0"])) + 4.5
             for c in range(len(rows[0]))]
    typical = [sorted(len(r[c]) for r in rows)[int(len(rows) * 0.8)] for c in range(len(rows[0]))]
    room = max(0.0, width - sum(least))
    want = [max(0.0, min(110.0, t * 1.9) - m) for t, m in zip(typical, least, strict=True)]
    scale = room / sum(want) if sum(want) else 0.0
    out = [m + w * scale for m, w in zip(least, want, strict=True)]
    pdf.set_font("DejaVu", "", TABLE_PT)
    return out


def _is_group(row: list[str]) -> bool:
    return len(row) > 2 and bool(row[0].strip()) and bool(row[1].strip()) and not any(c.strip() for c in row[2:])


def _write_table(pdf, block: Block, width: float) -> None:  # pdf: fpdf.FPDF
    from fpdf.fonts import FontFace

    rows = _rect(block.rows)
    bold = block.row_bold or [False] * len(rows)
    pdf.set_font("DejaVu", "", TABLE_PT)
    with pdf.table(col_widths=_col_widths(pdf, rows, width), width=width, text_align="LEFT", v_align="MIDDLE",
                   borders_layout="ALL", headings_style=FontFace(emphasis="BOLD"), line_height=5,
                   padding=1.5) as table:
        for i, row in enumerate(rows):
            cells = table.row()
            style = FontFace(emphasis="BOLD") if bold[i] and i > 0 else None
            if i > 0 and _is_group(row):  # the group title merged across the empty columns, as in Word
                cells.cell(row[0], style=style)
                cells.cell(row[1], style=style, colspan=len(row) - 1)
                continue
            for text in row:
                cells.cell(text, style=style)


def _write_para(pdf, block: Block) -> None:
    text = f"{block.number} {block.text}" if block.kind == "footnote" else block.text
    text = f"{block.bullet} {text}" if block.bullet else text
    size = FOOTNOTE_PT if block.kind == "footnote" else BODY_PT
    bold = block.bold or block.heading
    if block.lead and block.lead != block.text and not bold and text.startswith(block.lead):
        pdf.set_font("DejaVu", "", size)
        pdf.multi_cell(0, 6, f"**{block.lead}**{text[len(block.lead):]}", markdown=True, align="J",
                       new_x="LMARGIN", new_y="NEXT")
    else:
        centred = bold and text.isupper() and len(text) < 100 and not text[:1].isdigit()
        pdf.set_font("DejaVu", "B" if bold else "", size)
        pdf.multi_cell(0, 6, text, align="C" if centred else "J", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)  # the gap between paragraphs that the PDF reader takes as a paragraph break


def render_text_pdf(blocks: list[Block], path: Path) -> Path:
    from fpdf import FPDF

    regular, bold = _fonts()

    class _Plan(FPDF):
        def footer(self) -> None:  # a bare page number, dropped by the readers
            self.set_y(-12)
            self.set_font("DejaVu", "", 9)
            self.cell(0, 6, str(self.page_no()), align="C")

    pdf = _Plan(format="A4", unit="mm")
    pdf.set_margins(20, 15, 20)
    pdf.set_auto_page_break(True, margin=18)
    pdf.add_font("DejaVu", "", str(regular))
    pdf.add_font("DejaVu", "B", str(bold))
    pdf.add_page()
    prev: Block | None = None
    for blk in blocks:
        if blk.kind == "para" and blk.text.upper().startswith("PHỤ LỤC"):
            pdf.add_page(orientation="L")  # annexes: landscape, each on a new page
        elif blk.kind == "table" and prev is not None and prev.kind == "table":
            pdf.add_page(orientation=pdf.cur_orientation.value)  # a page break of the original
        if blk.kind == "table" and blk.rows:
            _write_table(pdf, blk, pdf.epw)
            pdf.ln(3)
        else:
            _write_para(pdf, blk)
        prev = blk
    pdf.output(str(path))
    return path


def rasterise(pdf_path: Path, out_dir: Path, dpi: int = DPI) -> list[Path]:
    """Every page as a grayscale PNG at `dpi` (pypdfium2)."""
    import pypdfium2 as pdfium

    out_dir.mkdir(parents=True, exist_ok=True)
    doc = pdfium.PdfDocument(str(pdf_path))
    paths = []
    try:
        for i in range(len(doc)):
            image = doc[i].render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
            p = out_dir / f"page-{i + 1:03d}.png"
            image.save(p, dpi=(dpi, dpi))
            paths.append(p)
    finally:
        doc.close()
    return paths


def image_pdf(pages: list[Path], path: Path, dpi: int = DPI) -> Path:
    """An image-only PDF of the page images (Pillow: one JPEG-compressed image per page, no text)."""
    from PIL import Image

    images = [Image.open(p).convert("L") for p in pages]
    images[0].save(path, "PDF", save_all=True, append_images=images[1:], resolution=float(dpi), quality=90)
    return path


def page_texts(pdf_path: Path) -> list[str]:
    from pypdf import PdfReader

    return [p.extract_text() or "" for p in PdfReader(pdf_path).pages]


def render_corpus(workdir: Path, dpi: int = DPI) -> RenderedCorpus:
    """The corpus plan typeset, rasterised and re-assembled as an image-only PDF under `workdir`."""
    workdir.mkdir(parents=True, exist_ok=True)
    blocks = corpus_blocks()
    text_pdf = render_text_pdf(blocks, workdir / "plan-text.pdf")
    pages = rasterise(text_pdf, workdir / "pages", dpi)
    scan = image_pdf(pages, workdir / "plan-scan.pdf", dpi)
    return RenderedCorpus(text_pdf, scan, pages, page_texts(text_pdf), blocks, dpi)
