"""DOCX reader (python-docx): body paragraphs and tables in document order.

python-docx lists paragraphs and tables separately, so the body's XML children are walked directly to
keep their order; table grids are rebuilt from the XML (w:tr / w:tc, gridSpan/vMerge) so every row has one
cell per grid column, also in tables without the `<w:tblGrid>` that python-docx requires. Word's automatic list numbers ("1.", "a)") are not in the text, so they are computed here
from numbering.xml and put back in front of the paragraph text; bullet lists set `Block.bullet`.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Any

from ingest.errors import IngestRefused
from ingest.models import Block

MAX_DOCUMENT_XML = 50 * 1024 * 1024  # uncompressed word/document.xml
MAX_PACKAGE = 200 * 1024 * 1024  # all parts together, uncompressed (zip bombs)
BULLET_GLYPHS = {"-": "-", "–": "-", "+": "+"}  # any other bullet glyph reads as "•"
TYPED_BULLET = re.compile(r"^([-–+•])\s+")
ROMAN = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
         (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]  # fmt: skip


def _check_package(path: Path) -> None:
    """Refuse what is not a DOCX, or would expand to too much XML, before lxml parses anything."""
    try:
        with zipfile.ZipFile(path) as z:
            infos = {i.filename: i for i in z.infolist()}
    except (zipfile.BadZipFile, OSError, ValueError) as e:
        raise IngestRefused("broken", "không phải tệp DOCX (zip) / not a DOCX zip", str(path)) from e
    doc = infos.get("word/document.xml")
    if doc is None:
        raise IngestRefused("broken", "thiếu word/document.xml / no word/document.xml", str(path))
    if doc.file_size > MAX_DOCUMENT_XML or sum(i.file_size for i in infos.values()) > MAX_PACKAGE:
        mb = doc.file_size / 1024 / 1024
        raise IngestRefused("too_large", f"word/document.xml {mb:.0f} MB", str(path))


def _roman(n: int) -> str:
    out = ""
    for value, sym in ROMAN:
        while n >= value:
            out, n = out + sym, n - value
    return out


def _format_number(n: int, fmt: str) -> str:
    if fmt in ("upperRoman", "lowerRoman"):
        r = _roman(n)
        return r if fmt == "upperRoman" else r.lower()
    if fmt in ("lowerLetter", "upperLetter"):
        s = "abcdefghijklmnopqrstuvwxyz"[(n - 1) % 26]
        return s if fmt == "lowerLetter" else s.upper()
    return str(n)


class _Numbering:
    """Word's list definitions (numbering.xml): which paragraphs are bullets, and the numbers of
    automatically numbered ones, counted in document order."""

    def __init__(self, doc: Any) -> None:
        self.levels: dict[tuple[str, int], tuple[str, str]] = {}  # (numId, ilvl) -> (numFmt, lvlText)
        self.counters: dict[str, list[int]] = {}
        try:
            root = doc.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract = {a.get(_w("abstractNumId")): a for a in root.findall(_w("abstractNum"))}
        for num in root.findall(_w("num")):
            ref = num.find(_w("abstractNumId"))
            a = abstract.get(ref.get(_w("val")) if ref is not None else None)
            for lvl in a.findall(_w("lvl")) if a is not None else []:
                fmt, text = lvl.find(_w("numFmt")), lvl.find(_w("lvlText"))
                self.levels[(num.get(_w("numId")) or "", int(lvl.get(_w("ilvl")) or 0))] = (
                    fmt.get(_w("val")) if fmt is not None else "decimal",
                    text.get(_w("val")) or "" if text is not None else "",
                )

    def label(self, num_id: str, ilvl: int) -> tuple[str, str]:
        """(bullet, number) for the next paragraph of list `num_id` at level `ilvl`."""
        fmt, text = self.levels.get((num_id, ilvl), ("", ""))
        if not fmt or fmt == "none":
            return "", ""
        if fmt == "bullet":
            return BULLET_GLYPHS.get(text.strip(), "•"), ""
        counts = self.counters.setdefault(num_id, [0] * 9)
        counts[ilvl] += 1
        counts[ilvl + 1 :] = [0] * (8 - ilvl)
        number = text
        for lvl in range(ilvl + 1):
            lvl_fmt = self.levels.get((num_id, lvl), ("decimal", ""))[0]
            number = number.replace(f"%{lvl + 1}", _format_number(max(counts[lvl], 1), lvl_fmt))
        return "", number.strip()


def _w(tag: str) -> str:
    from docx.oxml.ns import qn

    return qn(f"w:{tag}")


def _num_pr(paragraph: Any) -> tuple[str, int] | None:
    """The paragraph's list (numId, ilvl), from the paragraph itself or its style chain."""
    style = paragraph.style
    for el in [paragraph._p.pPr, *_style_chain(style, lambda s: s.element.pPr)]:
        num_pr = el.find(_w("numPr")) if el is not None else None
        if num_pr is not None:
            num_id, ilvl = num_pr.find(_w("numId")), num_pr.find(_w("ilvl"))
            if num_id is not None:
                return num_id.get(_w("val")) or "", int(ilvl.get(_w("val")) or 0) if ilvl is not None else 0
    return None


def _style_chain(style: Any, get: Any) -> list[Any]:
    out = []
    while style is not None:
        out.append(get(style))
        style = style.base_style
    return out


def _run_bold(run: Any, paragraph: Any) -> bool:
    """Effective bold: the run's own setting, else its character style, else the paragraph style."""
    chain = [run.bold, *_style_chain(run.style, lambda s: s.font.bold)]
    for value in chain + _style_chain(paragraph.style, lambda s: s.font.bold):
        if value is not None:
            return bool(value)
    return False


def _is_heading(paragraph: Any) -> bool:
    names = _style_chain(paragraph.style, lambda s: (s.name or "").lower())
    return any(n.startswith("heading") or n == "title" for n in names)


def _paragraph(paragraph: Any, numbering: _Numbering) -> list[Block]:
    """The paragraph's blocks: one, or one per line when it holds manual line breaks (`<w:br/>`: a
    machine-made file puts "1. Kế hoạch tuyển sinh", "a) ...", "b) ..." in one paragraph)."""
    lines = [re.sub(r"\s+", " ", ln).strip() for ln in paragraph.text.split("\n")]
    lines = [ln for ln in lines if ln]
    if not lines:
        return []
    text = lines[0]
    runs = [r for r in paragraph.runs if r.text.strip()]
    bolds = [_run_bold(r, paragraph) for r in runs]
    all_bold = bool(bolds) and all(bolds)
    lead = ""
    if bolds and bolds[0] and not all_bold:
        lead = re.sub(r"\s+", " ", "".join(_leading(runs, bolds)).split("\n")[0]).strip()
        lead = "" if lead == text else lead
    bullet, number = "", ""
    pr = _num_pr(paragraph)
    if pr is not None:
        bullet, number = numbering.label(*pr)
    if not bullet and (m := TYPED_BULLET.match(text)):
        bullet, text = BULLET_GLYPHS.get(m.group(1), "•"), text[m.end() :]
    if not bullet and "bullet" in (paragraph.style.name or "").lower():
        bullet = "•"
    if number:
        text, lead = f"{number} {text}", f"{number} {lead}".strip() if lead else lead
    heading = _is_heading(paragraph)
    blocks = [Block(kind="para", text=text, heading=heading, bold=all_bold or (heading and len(lines) > 1),
                    lead=lead, bullet=bullet)]  # fmt: skip
    for line in lines[1:]:
        typed = ""
        if m := TYPED_BULLET.match(line):
            typed, line = BULLET_GLYPHS.get(m.group(1), "•"), line[m.end() :]
        blocks.append(Block(kind="para", text=line, bold=all_bold, bullet=typed))
    return blocks


def _leading(runs: list[Any], bolds: list[bool]) -> list[str]:
    out = []
    for run, bold in zip(runs, bolds, strict=True):
        if not bold:
            break
        out.append(run.text)
    return out


def _table(tbl: Any, parent: Any) -> Block | None:
    """One row per w:tr with one cell per grid column: a horizontally merged cell gives its text once
    (the spanned positions are ""), a vertically merged one repeats the text of the cell above."""
    from docx.table import _Cell

    rows: list[list[str]] = []
    bold: list[bool] = []
    # `tbl.tblGrid` raises InvalidXmlError when the grid is missing (machine-made files leave it out): the
    # grid is optional here, the rows' own cells give the width.
    grid = tbl.find(_w("tblGrid"))
    width = len(grid.findall(_w("gridCol"))) if grid is not None else 0
    above: list[str] = []
    for tr in tbl.findall(_w("tr")):
        cells: list[str] = [""] * (tr.grid_before if hasattr(tr, "grid_before") else 0)
        runs_bold: list[bool] = []
        for tc in tr.xpath("./w:tc | ./w:sdt/w:sdtContent/w:tc"):
            cell = _Cell(tc, parent)
            pos = len(cells)
            if tc.vMerge == "continue":
                text = above[pos] if pos < len(above) else ""
            else:
                text = re.sub(r"\s+", " ", " ".join(p.text for p in cell.paragraphs)).strip()
                runs_bold += [_run_bold(r, p) for p in cell.paragraphs for r in p.runs if r.text.strip()]
            cells += [text] + [""] * (tc.grid_span - 1)
        cells += [""] * (max(width, len(cells)) - len(cells))
        above = cells
        if any(cells):
            rows.append(cells)
            bold.append(bool(runs_bold) and all(runs_bold))
    return Block(kind="table", rows=rows, row_bold=bold) if rows else None


def read_docx(path: Path) -> list[Block]:
    """Read a DOCX into blocks (`page` stays None), or refuse it: "broken" (not a DOCX, bad XML, too
    deeply nested for the XML parser), "too_large" (XML over the limits), "no_content"."""
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph
    from lxml import etree

    path = Path(path)
    _check_package(path)
    try:
        document = docx.Document(str(path))
        numbering = _Numbering(document)
        blocks: list[Block] = []
        for el in document.element.body.iterchildren():
            if el.tag == _w("p"):
                blocks.extend(_paragraph(Paragraph(el, document), numbering))
            elif el.tag == _w("tbl") and (block := _table(el, Table(el, document))) is not None:
                blocks.append(block)
    except (KeyError, ValueError, AttributeError, TypeError, zipfile.BadZipFile, etree.LxmlError) as e:
        raise IngestRefused("broken", type(e).__name__, str(path)) from e
    except Exception as e:  # python-docx raises its own PackageNotFoundError etc.
        if type(e).__module__.startswith("docx"):
            raise IngestRefused("broken", type(e).__name__, str(path)) from e
        raise
    if not blocks:
        raise IngestRefused("no_content", "", str(path))
    return blocks
