"""PDF reader (pypdf only): positioned text fragments -> lines -> paragraphs and tables.

pypdf gives text with positions (visitor_text) and drawing operators (visitor_operand_before) but no
layout analysis, so paragraphs and tables are rebuilt here: ruled tables from their border lines,
unruled ones from the column starts of a header line ("STT ..."), paragraphs from line gaps, indents,
numbering and bullets. A table continued on the next page comes out as its own block on that page.
Filled bands behind lines of text (highlighting) are no table borders; only thin filled rules are.

Pages are judged one by one: a damaged page (pypdf cannot decode its content) and a page whose text layer
lost letters are left out and listed for OCR (`PdfRead`). A space drawn as a text object of its own (Word's
Save as PDF) ends the word drawn before it (`_ends_word`). A text layer with spaces inside its syllables
("giáo d ục") or none between words ("kỹnăng") is repaired (`ingest.quality.SpacingRepair`).
"""

from __future__ import annotations

import logging
import re
import statistics
import zlib
from dataclasses import dataclass, field, replace
from itertools import takewhile
from operator import attrgetter
from pathlib import Path
from typing import Any

from ingest import vocab
from ingest.errors import IngestRefused
from ingest.models import Block
from ingest.quality import SpacingRepair, assess_page_letters, assess_vietnamese_text
from ingest.readers.pdf_annotations import annotation_frags
from ingest.readers.pdf_blanks import BlankFiller

BULLETS = {"-": "-", "–": "-", "+": "+", "•": "•", "": "•", "·": "•"}
# Word's bullet library drawn in a symbol font (Wingdings "§", Symbol "·" …) comes out of the text layer as
# private-use characters; its second level is a Courier "o". Either, followed by a space, starts an item.
SYMBOL_FONT_BULLET = "•"
SECOND_LEVEL_BULLET = re.compile(r"o (?=[A-ZĐÀ-Ỹ0-9“\"(])")
# "PHẦN I", "I.", "1.", "2.1.", "a)", "Điều 3." — a line starting like this starts a new paragraph. Arabic
# numbers as ingest.numbering reads them: a wrapped line starting "2023 phê duyệt" or "11.000 cán bộ" is no item.
NUMBERED = re.compile(
    r"^(?:(?:PHẦN|Phần|CHƯƠNG|Chương|MỤC|Mục|Điều|PHỤ LỤC|Phụ lục)\s+[\dIVXLC]+\b"
    r"|[IVXLC]+\.\s|\d{1,2}(?:\.\d{1,2})+\.?\s|\d{1,2}[.)]\s|[a-zđ]\)\s)"
)
PAGE_NUMBER = re.compile(r"^(?:Trang\s*)?-?\s*\d{1,4}\s*-?$")
HEADER_CELL = re.compile(r"^(?:STT|TT|Số\s*TT|Số\s*thứ\s*tự)$", re.IGNORECASE)
TOL = 2.0  # points: coordinates this close are the same line/border
THIN_RULE = 3.0  # points: a filled rectangle this thin is a drawn rule, not a shaded area


@dataclass
class Frag:
    x: float
    y: float  # baseline, PDF user space (grows upwards)
    text: str
    size: float
    bold: bool


@dataclass
class Line:
    frags: list[Frag]
    y: float = 0.0
    x0: float = 0.0
    size: float = 0.0

    def __post_init__(self) -> None:
        self.frags.sort(key=lambda f: f.x)
        self.y = max(f.y for f in self.frags)
        self.x0 = self.frags[0].x
        self.size = max(f.size for f in self.frags)

    @property
    def text(self) -> str:
        return _clean("".join(f.text for f in self.frags))


@dataclass
class PageContent:
    frags: list[Frag] = field(default_factory=list)
    hsegs: list[tuple[float, float, float]] = field(default_factory=list)  # y, x0, x1
    vsegs: list[tuple[float, float, float]] = field(default_factory=list)  # x, y0, y1


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _mult(m: list[float], n: list[float]) -> list[float]:
    return [
        m[0] * n[0] + m[1] * n[2], m[0] * n[1] + m[1] * n[3],
        m[2] * n[0] + m[3] * n[2], m[2] * n[1] + m[3] * n[3],
        m[4] * n[0] + m[5] * n[2] + n[4], m[4] * n[1] + m[5] * n[3] + n[5],
    ]  # fmt: skip


def _is_bold(font: Any) -> bool:
    name = str(font.get("/BaseFont", "")) if font else ""
    return bool(re.search(r"Bold|Black|Heavy|Semibold|Demi", name, re.IGNORECASE))


def _collect(page: Any) -> PageContent:
    """Text fragments with positions, and the painted horizontal/vertical segments (table borders)."""
    out = PageContent()
    path: list[tuple[float, float, float, float]] = []
    rects: list[tuple[float, float, float, float]] = []  # the path's rectangles (x0, y0, x1, y1)
    point = [0.0, 0.0]

    def on_text(text: str, cm: list[float], tm: list[float], font: Any, size: float) -> None:
        m = _mult(tm, cm)
        if text.strip():
            eff = abs(size * (m[3] or m[0])) or size
            out.frags.append(Frag(m[4], m[5], text.replace("\n", " "), eff, _is_bold(font)))
        elif text.replace("\n", "") and out.frags and _ends_word(out.frags[-1], m[4], m[5]):
            out.frags[-1] = replace(out.frags[-1], text=out.frags[-1].text + " ")

    def on_op(op: bytes, args: list[Any], cm: list[float], tm: list[float]) -> None:
        def tr(x: float, y: float) -> tuple[float, float]:
            return x * cm[0] + y * cm[2] + cm[4], x * cm[1] + y * cm[3] + cm[5]

        if op == b"re" and len(args) == 4:
            x, y, w, h = (float(a) for a in args)
            (ax, ay), (bx, by) = tr(x, y), tr(x + w, y + h)
            rects.append((min(ax, bx), min(ay, by), max(ax, bx), max(ay, by)))
        elif op == b"m" and len(args) == 2:
            point[:] = tr(float(args[0]), float(args[1]))
        elif op == b"l" and len(args) == 2:
            nx, ny = tr(float(args[0]), float(args[1]))
            path.append((point[0], point[1], nx, ny))
            point[:] = [nx, ny]
        elif op in (b"S", b"s", b"f", b"F", b"f*", b"B", b"B*", b"b", b"b*"):
            _add_segments(out, path + _rect_edges(rects, filled_only=op in (b"f", b"F", b"f*")))
            path.clear()
            rects.clear()
        elif op == b"n":  # clipping path, not painted: no border
            path.clear()
            rects.clear()

    page.extract_text(visitor_text=on_text, visitor_operand_before=on_op)
    return out


def _ends_word(last: Frag, x: float, y: float) -> bool:
    """Is a text op that drew only spaces, at (x, y), the word break after `last`, the fragment drawn just
    before it? Word (Save as PDF) draws a line as separate text objects, often one per word or per run of one
    font, with the space between two words as a text object of its own (`[( )] TJ`): the words carry no space,
    and a reader that drops blank text runs them together ("bộquản lý", "TÂMTHÔNGTIN"). The space belongs to
    the fragment drawn before it (stream order, as pypdf's own extract_text reads it) when it lies on the
    same baseline at or after that fragment's start; pypdf gives a text op's start, not its end (a space
    drawn in the same text object as the fragment has the fragment's start), so no gap width is needed."""
    return not last.text.endswith(" ") and abs(y - last.y) <= max(TOL, 0.4 * last.size) and x >= last.x - TOL


def _rect_edges(rects: list[tuple[float, float, float, float]],
                filled_only: bool) -> list[tuple[float, float, float, float]]:
    """Border segments of painted rectangles. A stroked rectangle is a box: its four edges. A filled one is
    a rule when it is thin (Word draws cell borders so), else a shaded area (a highlighted line of text, a
    coloured cell) whose edges are no border: text laid on such bands must not read as a table."""
    out = []
    for x0, y0, x1, y1 in rects:
        if not filled_only:
            out += [(x0, y0, x1, y0), (x0, y1, x1, y1), (x0, y0, x0, y1), (x1, y0, x1, y1)]
        elif y1 - y0 <= THIN_RULE and x1 - x0 > y1 - y0:
            out.append((x0, (y0 + y1) / 2, x1, (y0 + y1) / 2))
        elif x1 - x0 <= THIN_RULE and y1 - y0 > x1 - x0:
            out.append(((x0 + x1) / 2, y0, (x0 + x1) / 2, y1))
    return out


def _add_segments(out: PageContent, path: list[tuple[float, float, float, float]]) -> None:
    for ax, ay, bx, by in path:
        if abs(ay - by) <= TOL and abs(ax - bx) > TOL:
            out.hsegs.append(((ay + by) / 2, min(ax, bx), max(ax, bx)))
        elif abs(ax - bx) <= TOL and abs(ay - by) > TOL:
            out.vsegs.append(((ax + bx) / 2, min(ay, by), max(ay, by)))


def _clusters(values: list[float], tol: float = TOL) -> list[float]:
    """Sorted distinct values, those within `tol` of each other merged."""
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > tol:
            out.append(v)
    return out


def _ruled_regions(pc: PageContent) -> list[tuple[float, float, float, float]]:
    """Boxes (x0, y0, x1, y1) of grids: vertical and horizontal borders that cross each other.
    Underlines and lone rules never form a region (they need >=2 borders each way)."""
    boxes: list[list[float]] = []
    for vx, vy0, vy1 in pc.vsegs:
        for hy, hx0, hx1 in pc.hsegs:
            if hx0 - TOL <= vx <= hx1 + TOL and vy0 - TOL <= hy <= vy1 + TOL:
                box = [min(hx0, vx), min(vy0, hy), max(hx1, vx), max(vy1, hy)]
                for b in boxes:  # grow an overlapping box, else start a new one
                    if (
                        box[0] <= b[2] + TOL
                        and b[0] <= box[2] + TOL
                        and box[1] <= b[3] + TOL
                        and b[1] <= box[3] + TOL
                    ):
                        b[:] = [min(b[0], box[0]), min(b[1], box[1]), max(b[2], box[2]), max(b[3], box[3])]
                        break
                else:
                    boxes.append(box)
    regions = []
    for x0, y0, x1, y1 in boxes:
        xs = _clusters([v[0] for v in pc.vsegs if x0 - TOL <= v[0] <= x1 + TOL and v[1] < y1 and v[2] > y0])
        ys = _clusters([h[0] for h in pc.hsegs if y0 - TOL <= h[0] <= y1 + TOL and h[1] < x1 and h[2] > x0])
        if len(xs) >= 3 and len(ys) >= 2:  # at least two columns
            regions.append((x0, y0, x1, y1))
    return regions


def _cell_text(frags: list[Frag]) -> str:
    """Frags of one cell, top to bottom: lines of a wrapped cell are joined with a space."""
    return _clean(" ".join(line.text for line in _lines(frags)))


def _ruled_table(pc: PageContent, box: tuple[float, float, float, float], frags: list[Frag]) -> Block:
    x0, y0, x1, y1 = box
    xs = _clusters([v[0] for v in pc.vsegs if x0 - TOL <= v[0] <= x1 + TOL and v[1] < y1 and v[2] > y0])
    ys = _clusters([h[0] for h in pc.hsegs if y0 - TOL <= h[0] <= y1 + TOL and h[1] < x1 and h[2] > x0])
    ys.reverse()  # top row first
    grid: dict[tuple[int, int], list[Frag]] = {}
    for f in frags:
        mid = f.y + f.size * 0.3  # the glyphs' middle, not the baseline, decides the row
        col = sum(1 for x in xs[1:-1] if f.x >= x - TOL / 2)
        row = sum(1 for y in ys[1:-1] if mid <= y)
        grid.setdefault((row, col), []).append(f)
    texts = _merged_down(pc, xs, ys, grid)
    rows, bold = [], []
    for r in range(len(ys) - 1):
        cells = [grid.get((r, c), []) for c in range(len(xs) - 1)]
        if any(cells):  # a row of empty cells (a spacer) is dropped
            rows.append([texts.get((r, c)) or _cell_text(cells[c]) for c in range(len(cells))])
            bold.append(all(f.bold for c in cells for f in c))
    return Block(kind="table", rows=rows, row_bold=bold)


def _merged_down(pc: PageContent, xs: list[float], ys: list[float],
                 grid: dict[tuple[int, int], list[Frag]]) -> dict[tuple[int, int], str]:
    """The text of each vertically merged cell (no border under a row in that column: "Giải Đồng Long" written
    across the three weeks it names), for every row it spans, as the DOCX reader repeats a vMerge cell. Its lines,
    centred on the merged cell, fall into different rows: read per row, it came out as "Giải Đồng" / "Long".
    A merged number (an STT over a row cut in two) is left to the table's own repair of cut rows."""
    out: dict[tuple[int, int], str] = {}
    for c in range(len(xs) - 1):
        mid = (xs[c] + xs[c + 1]) / 2
        span = [0]
        for r in range(1, len(ys)):
            closed = r == len(ys) - 1 or any(abs(h[0] - ys[r]) <= TOL and h[1] - TOL <= mid <= h[2] + TOL
                                              for h in pc.hsegs)
            if not closed:
                span.append(r)
                continue
            if len(span) > 1:
                text = _cell_text([f for k in span for f in grid.get((k, c), [])])
                if text and not re.fullmatch(r"[\dIVXLC.]+", text):
                    out.update({(k, c): text for k in span})
            span = [r]
    return out


def _lines(frags: list[Frag]) -> list[Line]:
    """Group fragments into lines (top to bottom) by baseline."""
    lines: list[list[Frag]] = []
    for f in sorted(frags, key=lambda f: (-f.y, f.x)):
        if lines and abs(lines[-1][0].y - f.y) <= max(TOL, 0.4 * f.size):
            lines[-1].append(f)
        else:
            lines.append([f])
    return [Line(fs) for fs in lines]


def _unruled_table(lines: list[Line], start: int) -> tuple[Block, int] | None:
    """A table without borders starting at a header line "STT | ... | ...": columns are the x-starts of
    the header cells; a row starts where the STT column has a value or after a row-sized gap."""
    head = lines[start]
    if len(head.frags) < 3 or not HEADER_CELL.match(head.frags[0].text.strip()):
        return None
    cols = [f.x for f in head.frags]
    pitch = head.size * 1.5
    rows: list[list[list[Frag]]] = [[[] for _ in cols]]
    prev = head
    for f in head.frags:
        rows[0][cols.index(f.x)].append(f)
    end = start + 1
    for line in lines[start + 1 :]:
        gap = prev.y - line.y
        starts_col0 = line.x0 < cols[1] - TOL
        if gap > 4 * pitch or (len(line.frags) == 1 and starts_col0 and len(line.text) > 12):
            break  # a paragraph below the table
        if starts_col0 or gap > pitch + TOL:
            rows.append([[] for _ in cols])
        for f in line.frags:
            rows[-1][sum(1 for x in cols[1:] if f.x >= x - TOL)].append(f)
        prev, end = line, end + 1
    if len(rows) < 2:
        return None
    cells = [[_cell_text(c) for c in r] for r in rows]
    bold = [all(f.bold for c in r for f in c) for r in rows]
    return Block(kind="table", rows=cells, row_bold=bold), end


def _is_heading_like(text: str, full: float) -> bool:
    short = len(text) < 0.75 * full
    letters = [c for c in text if c.isalpha()]
    caps = bool(letters) and all(c.isupper() for c in letters)
    return short and (caps or bool(NUMBERED.match(text)))


def bullet_of(text: str) -> str:
    """The bullet a line of the text layer starts with ("- ", "• ", a symbol font's private-use glyph, Word's
    second-level "o " before a capital or a number), as its plain form; "" when none."""
    first = text[:1]
    if text[1:2] != " " or not first:
        return ""
    if first in BULLETS:
        return BULLETS[first]
    if "\ue000" <= first <= "\uf8ff":
        return SYMBOL_FONT_BULLET
    return "◦" if SECOND_LEVEL_BULLET.match(text) else ""


def _breaks_before(prev: Line, line: Line, pitch: float, full: float, in_bullet: bool) -> bool:
    """Does `line` start a new paragraph after `prev`?"""
    text, ptext = line.text, prev.text
    if bullet_of(text):
        return True
    if prev.y - line.y > pitch * 1.25 + 1:
        return True
    if NUMBERED.match(text) or _is_heading_like(ptext, full):
        return True
    if ptext[-1:] == "." and text[:1].isupper() and line.x0 < prev.x0 - 0.8 * line.size:  # outdented after a sentence
        return True  # ("8. Đoàn trường: … trang đoàn." / "Trên là kế hoạch …"): the list is over
    # a first-line indent starts a paragraph; a numbered line's wrapped part hangs under its text ("2. Phó Hiệu
    # trưởng: … KPI (mỗi khối" / "≥01 đề án), …")
    hanging = bool(NUMBERED.match(ptext)) and len(ptext) >= 0.8 * full and ptext[-1:] not in ".:;!?"
    if not in_bullet and not hanging and line.x0 > prev.x0 + 0.8 * line.size:
        return True
    return ptext[-1:] in ".:;!?" and len(ptext) < 0.8 * full


def _paragraph(lines: list[Line], page: int) -> Block:
    text = _clean(" ".join(ln.text for ln in lines))
    bullet = bullet_of(text)
    if bullet:
        text = text[2:].lstrip()
    frags = [f for ln in lines for f in ln.frags]
    bold = all(f.bold for f in frags)
    lead = ""
    if not bold and frags[0].bold:
        lead = _clean("".join(f.text for f in takewhile(attrgetter("bold"), frags)))
    return Block(kind="para", text=text, page=page, bold=bold, lead=lead, bullet=bullet)



def _page_blocks(pc: PageContent, page: int, full: float) -> list[Block]:
    """Blocks of one page in reading order: tables where their box is, paragraphs around them."""
    regions = _ruled_regions(pc)
    items: list[tuple[float, Block | Line]] = []  # (top y, thing)
    rest: list[Frag] = []
    inside: dict[int, list[Frag]] = {i: [] for i in range(len(regions))}
    for f in pc.frags:
        hit = [
            i
            for i, (x0, y0, x1, y1) in enumerate(regions)
            if x0 <= f.x + TOL and f.x <= x1 and y0 <= f.y <= y1
        ]
        (inside[hit[0]] if hit else rest).append(f)
    for i, box in enumerate(regions):
        if inside[i]:
            items.append((box[3], _ruled_table(pc, box, inside[i])))
    lines = _lines(rest)
    if lines and PAGE_NUMBER.match(lines[-1].text):
        lines.pop()  # page number printed in the footer
    if lines and PAGE_NUMBER.match(lines[0].text):
        lines.pop(0)
    i = 0
    while i < len(lines):
        found = _unruled_table(lines, i)
        if found:
            items.append((lines[i].y + lines[i].size, found[0]))
            i = found[1]
        else:
            items.append((lines[i].y + lines[i].size * 0.5, lines[i]))
            i += 1
    items.sort(key=lambda it: -it[0])
    size = statistics.median([ln.size for ln in lines] or [12])
    pairs = [(a, b) for (_, a), (_, b) in zip(items, items[1:], strict=False)
             if isinstance(a, Line) and isinstance(b, Line)]
    pitch = _pitch([a.y - b.y for a, b in pairs], size)
    # The body's own pitch when the page's would part most of the body's lines: a letterhead single-spaced in a
    # smaller size (or a single-spaced closing line) above a body at 1.5 spacing gave a 14-point pitch, and each
    # line of the body became a paragraph of its own.
    body = [a.y - b.y for a, b in pairs if max(abs(a.size - size), abs(b.size - size)) <= 0.5]
    if len(body) >= 2 and sum(g > pitch * 1.25 + 1 for g in body) > len(body) / 2:
        pitch = _pitch(body, size)
        # still parting most of them (a single-spaced closing paragraph under a 1.5-spaced page): its commonest gap
        if sum(g > pitch * 1.25 + 1 for g in body) > len(body) / 2:
            pitch = float(statistics.mode(round(g) for g in body))
    blocks: list[Block] = []
    para: list[Line] = []

    def flush() -> None:
        if para:
            blocks.append(_paragraph(para, page))
            para.clear()

    for _, thing in items:
        if isinstance(thing, Block):
            flush()
            thing.page = page
            blocks.append(thing)
            continue
        in_bullet = bool(para) and bool(bullet_of(para[0].text))
        if para and _breaks_before(para[-1], thing, pitch, full, in_bullet):
            flush()
        para.append(thing)
    flush()
    return blocks


def _pitch(gaps: list[float], size: float) -> float:
    """The line pitch: the smallest gap seen twice (gaps between paragraphs are larger and may be commoner).
    Lines closer than most of the font's size are no line pitch (a superscript, a baseline shifted inside a line):
    counted as one, a 14-point page got a 10-point pitch and every wrapped line became a paragraph of its own."""
    usual = [g for g in gaps if vocab.PDF_MIN_PITCH_SHARE * size <= g < 3 * size]
    rounded = [round(g) for g in usual]
    twice = [g for g in set(rounded) if rounded.count(g) >= 2]
    return float(min(twice)) if twice else float(statistics.median(rounded)) if rounded else 14.0


def _open(path: Path, max_pages: int) -> Any:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    data = path.read_bytes()
    if b"%PDF-" not in data[:1024]:
        raise IngestRefused("broken", "không có phần đầu %PDF / no %PDF header", str(path))
    if b"%%EOF" not in data[-2048:]:  # an interrupted upload: pypdf would silently read what is left
        raise IngestRefused("broken", "tệp bị cắt cụt, thiếu %%EOF / truncated, no %%EOF", str(path))
    try:
        reader = PdfReader(path)
        if reader.is_encrypted and not reader.decrypt(""):
            raise IngestRefused("encrypted", "", str(path))
        n = len(reader.pages)
    except IngestRefused:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError) as e:
        if "crypt" in f"{e} {type(e).__name__}".lower():  # e.g. an AES file without its decoder
            raise IngestRefused("encrypted", type(e).__name__, str(path)) from e
        raise IngestRefused("broken", type(e).__name__, str(path)) from e
    if n > max_pages:
        raise IngestRefused("too_many_pages", f"{n} > {max_pages}", str(path))
    return reader


def read_pdf(path: Path, *, max_pages: int = 2000) -> list[Block]:
    """Read a PDF into blocks (page set, 1-based), or refuse it (`IngestRefused`): "broken", "encrypted"
    (after trying the empty password), "too_many_pages", "scanned" (no text layer), "garbage_text"."""
    return read_pdf_pages(path, max_pages=max_pages)[0]


def _has_image(page: Any) -> bool:
    try:
        xobjects = page.get("/Resources", {}).get("/XObject", {})
        return any(xobjects[k].get_object().get("/Subtype") == "/Image" for k in xobjects)
    except Exception:  # noqa: BLE001 - an odd resource dictionary: no image seen
        return False


@dataclass
class PdfRead:
    """What the text layer gave: blocks, and the 1-based numbers of the pages it could not give.
    `scanned`: images without text (a scanned annex, the signed last page); `bad_layer`: pages whose text
    layer lost letters (`ingest.quality.assess_page_letters`), with why; `damaged`: pages pypdf could not
    read (a broken content stream, a missing object). OCR may read all three from the page images."""

    blocks: list[Block]
    scanned: list[int] = field(default_factory=list)
    bad_layer: dict[int, str] = field(default_factory=dict)
    damaged: list[int] = field(default_factory=list)
    pages: int = 0

    @property
    def for_ocr(self) -> list[int]:
        return sorted(set(self.scanned) | set(self.bad_layer) | set(self.damaged))


class _PypdfComplaints(logging.Handler):
    """pypdf logs, and does not raise, what it could not decode on a page ("Error -3 while decompressing
    data", "Object 6 0 not defined"): those messages, page by page."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def _collect_page(page: Any) -> tuple[PageContent, bool]:
    """The page's content, and whether it is damaged: pypdf failed on it, or complained and got no text
    from a page that has a content stream (a blank page is not damaged)."""
    from pypdf.errors import PyPdfError

    complaints = _PypdfComplaints()
    log = logging.getLogger("pypdf")
    log.addHandler(complaints)
    try:
        pc = _collect(page)
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError,
            OSError, zlib.error):  # fmt: skip
        return PageContent(), True
    finally:
        log.removeHandler(complaints)
    letters = sum(c.isalpha() for f in pc.frags for c in f.text)
    if letters >= 25 or "/Contents" not in page:
        return pc, False
    try:
        missing = page.get_contents() is None
    except Exception:  # noqa: BLE001 - whatever pypdf raises on a broken stream: the page is damaged
        missing = True
    return pc, missing or bool(complaints.messages)


def read_pdf_pages(path: Path, *, max_pages: int = 2000) -> tuple[list[Block], list[int]]:
    """`read_pdf`, and the 1-based numbers of the pages for OCR to read (see `read_pdf_layer`)."""
    done = read_pdf_layer(path, max_pages=max_pages)
    return done.blocks, done.for_ocr


def read_pdf_layer(path: Path, *, max_pages: int = 2000) -> PdfRead:
    """The text layer read page by page: a damaged page or one whose text layer lost letters is left out
    and listed, the others are read. Refused when nothing is left: "scanned", "garbage_text" (every page
    with text lost letters, or the text is not Vietnamese), "broken" (every page damaged)."""
    from pypdf.errors import PyPdfError

    path = Path(path)
    reader = _open(path, max_pages)
    try:
        read = [_collect_page(p) for p in reader.pages]
        pages = [pc for pc, _ in read]
        damaged = [n for n, (_, bad) in enumerate(read, 1) if bad]
        scanned = [n for n, (pc, page) in enumerate(zip(pages, reader.pages, strict=True), 1)
                   if n not in damaged and sum(c.isalpha() for f in pc.frags for c in f.text) < 25
                   and _has_image(page)]  # fmt: skip
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError) as e:
        raise IngestRefused("broken", type(e).__name__, str(path)) from e
    # The number and date stamped into the header's blanks, after the scan check (a scan's signature stamp is no
    # text layer): drawn over the blank as separate text, or as an electronic signature's annotation.
    blanks = BlankFiller(path)
    for n, (pc, page) in enumerate(zip(pages, reader.pages, strict=True)):
        if n + 1 not in damaged:
            blanks.fill(pc, n, annotation_frags(page, _collect))
    blanks.close()
    if pages and len(damaged) == len(pages):
        raise IngestRefused("broken", f"{len(pages)} trang hỏng / {len(pages)} damaged pages", str(path))
    bad_layer: dict[int, str] = {}
    for n, pc in enumerate(pages, 1):
        ok, detail = assess_page_letters(" ".join(ln.text for ln in _lines(pc.frags)))
        if not ok:
            bad_layer[n] = detail
    kept = [pc if n not in bad_layer else PageContent() for n, pc in enumerate(pages, 1)]
    text = "\n".join(f.text for pc in kept for f in pc.frags)
    letters = sum(c.isalpha() for c in text)
    readable = max(len(pages) - len(damaged) - len(bad_layer), 1)
    if bad_layer and letters < 25 * readable:
        raise IngestRefused("garbage_text", next(iter(bad_layer.values())), str(path))
    if letters < 25 * readable:  # a scan carrying only a signature stamp still counts as scan
        raise IngestRefused("scanned", f"{letters} chữ / {len(pages)} trang", str(path))
    ok, detail = assess_vietnamese_text(text)
    if not ok:
        raise IngestRefused("garbage_text", detail, str(path))
    # Table rows make multi-fragment lines; body lines have one or two (a bold lead).
    counts = sorted(len(ln.text) for pc in kept for ln in _lines(pc.frags) if len(ln.frags) <= 2)
    full = float(counts[int(len(counts) * 0.9)]) if counts else 80.0  # chars in a full body line
    blocks: list[Block] = []
    for n, pc in enumerate(kept, 1):
        page_blocks = _page_blocks(pc, n, full)
        if blocks and page_blocks and _continues(blocks[-1], page_blocks[0]):
            blocks[-1].text = f"{blocks[-1].text} {page_blocks.pop(0).text}"
        blocks.extend(page_blocks)
    _repair_spacing(blocks)
    return PdfRead(blocks, scanned, bad_layer, damaged, len(pages))


def _repair_spacing(blocks: list[Block]) -> None:
    """Syllables cut by spaces joined again, words run together split (`ingest.quality.SpacingRepair`), in
    place, when the text layer has that damage; a correct text layer is left as it is."""
    fix = SpacingRepair([b.text for b in blocks] + [c for b in blocks for r in b.rows for c in r])
    if not fix.broken:
        return
    for b in blocks:
        if b.kind == "table":
            b.rows = [[fix(c) for c in row] for row in b.rows]
            continue
        b.text = fix(b.text)
        if b.lead:
            lead = fix(b.lead)
            b.lead = lead if b.text.startswith(lead) else b.text[: len(lead)].rstrip()


def _continues(last: Block, first: Block) -> bool:
    """A paragraph running over a page break: no sentence end before, lower-case start after."""
    return (
        last.kind == first.kind == "para"
        and not first.bullet
        and not NUMBERED.match(first.text)
        and last.text[-1:] not in ".:;!?"
        and first.text[:1].islower()
    )
