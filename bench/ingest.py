"""Ingest benchmark: per document, the pipeline's parse time (read + structure + units) and, apart, the
underthesea word segmentation of every unit text (what building the lexical index will cost).

Runs over the corpus file plus a PDF (fpdf2, when installed) and a DOCX (python-docx) made from its text.
"""

from __future__ import annotations

import contextlib
import importlib
import sys
import tempfile
import time
from pathlib import Path

from ingest.models import Block
from ingest.pipeline import parse_path
from ingest.readers.markdown import read_markdown

FONT_DIRS = [Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu")]


def bench_ingest(paths: list[Path]) -> list[dict]:
    """One dict per document: name, bytes, pages, units, parse_s, segment_s, units_per_s (parse + segment)."""
    from underthesea import sent_tokenize, word_tokenize

    sent_tokenize("Khởi động. Mô hình.")  # load models and readers once, outside the timings
    word_tokenize("Khởi động mô hình")
    for mod in ("pypdf", "docx", "ingest.readers.pdf", "ingest.readers.docx"):
        with contextlib.suppress(ImportError):
            importlib.import_module(mod)
    out = []
    for path in paths:
        path = Path(path)
        result = parse_path(path)
        units = result.document.units
        t0 = time.perf_counter()
        tokens = sum(len(word_tokenize(u.text)) for u in units)
        segment = time.perf_counter() - t0
        total = result.seconds + segment
        out.append({
            "name": path.name, "bytes": path.stat().st_size, "pages": result.document.pages,
            "units": len(units), "tokens": tokens, "parse_s": round(result.seconds, 3),
            "segment_s": round(segment, 3), "units_per_s": round(len(units) / total, 1) if total else 0.0,
        })
    return out


def _rect(rows: list[list[str]]) -> list[list[str]]:
    width = max(len(r) for r in rows)
    return [r + [""] * (width - len(r)) for r in rows]


def make_pdf(blocks: list[Block], path: Path) -> Path | None:
    """The blocks typeset with fpdf2 (DejaVu for Vietnamese), or None when fpdf2 or the font is missing."""
    try:
        from fpdf import FPDF
        from fpdf.fonts import FontFace
    except ImportError:
        print("(bỏ qua PDF / PDF skipped: fpdf2 chưa cài / not installed — pip install fpdf2)")
        return None
    font = next(((d / "DejaVuSans.ttf", d / "DejaVuSans-Bold.ttf") for d in FONT_DIRS
                 if (d / "DejaVuSans.ttf").exists() and (d / "DejaVuSans-Bold.ttf").exists()), None)
    if font is None:
        print("(bỏ qua PDF / PDF skipped: không thấy phông DejaVu / DejaVu font not found)")
        return None
    pdf = FPDF(format="A4", unit="mm")
    pdf.set_margins(20, 20, 20)
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_font("DejaVu", "", str(font[0]))
    pdf.add_font("DejaVu", "B", str(font[1]))
    pdf.add_page()
    for blk in blocks:
        if blk.kind == "table":
            pdf.set_font("DejaVu", "", 8)
            with pdf.table(line_height=4, padding=1, text_align="LEFT") as table:
                for row, bold in zip(_rect(blk.rows), blk.row_bold or [False] * len(blk.rows), strict=False):
                    cells = table.row()
                    for text in row:
                        cells.cell(text, style=FontFace(emphasis="BOLD") if bold else None)
            pdf.ln(3)
            continue
        text = f"{blk.number} {blk.text}" if blk.kind == "footnote" else blk.text
        text = f"{blk.bullet} {text}" if blk.bullet else text
        pdf.set_font("DejaVu", "B" if blk.bold or blk.heading else "", 9 if blk.kind == "footnote" else 12)
        pdf.multi_cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
    pdf.output(str(path))
    return path


def make_docx(blocks: list[Block], path: Path) -> Path | None:
    try:
        import docx
    except ImportError:
        print("(bỏ qua DOCX / DOCX skipped: python-docx chưa cài / not installed)")
        return None
    doc = docx.Document()
    for blk in blocks:
        if blk.kind == "table":
            rows = _rect(blk.rows)
            table = doc.add_table(rows=len(rows), cols=len(rows[0]))
            for r, row in enumerate(rows):
                for c, text in enumerate(row):
                    table.cell(r, c).text = text
        elif blk.heading:
            doc.add_heading(blk.text, level=2)
        else:
            text = f"{blk.number} {blk.text}" if blk.kind == "footnote" else blk.text
            text = f"{blk.bullet} {text}" if blk.bullet not in ("", "-") else text  # "+" is typed by hand
            para = doc.add_paragraph(style="List Bullet" if blk.bullet == "-" else None)
            para.add_run(text).bold = blk.bold or None
    doc.save(str(path))
    return path


def default_paths(workdir: Path) -> list[Path]:
    corpus = sorted(Path("corpus").glob("*.md"))
    paths = list(corpus)
    if corpus:
        blocks = read_markdown(corpus[0].read_text(encoding="utf-8"))
        blocks = [b for b in blocks if b.kind != "footnote"] + [b for b in blocks if b.kind == "footnote"]
        for make, suffix in ((make_pdf, ".pdf"), (make_docx, ".docx")):
            made = make(blocks, workdir / (corpus[0].stem + suffix))
            if made is not None:
                paths.append(made)
    return paths


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    with tempfile.TemporaryDirectory(prefix="kehoach-bench-") as tmp:
        paths = [Path(a) for a in args] or default_paths(Path(tmp))
        if not paths:
            print("Không có tài liệu / no documents (corpus/*.md not found)")
            return 1
        rows = bench_ingest(paths)
    head = f"{'document':<48} {'KB':>7} {'pages':>5} {'units':>6} {'parse s':>8} {'segment s':>9} {'units/s':>8}"
    print(head, "-" * len(head), sep="\n")
    for r in rows:
        print(f"{r['name'][:48]:<48} {r['bytes'] / 1024:>7.1f} {r['pages'] or '-':>5} {r['units']:>6} "
              f"{r['parse_s']:>8.3f} {r['segment_s']:>9.3f} {r['units_per_s']:>8.1f}")
    print("parse = read + structure + units (pipeline time); segment = underthesea word_tokenize of all unit "
          "texts (lexical index cost); units/s over both.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
