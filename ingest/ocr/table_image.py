"""Ruled tables recovered from a page image, as rows of cell texts like the text-PDF reader gives.

`find_tables(image)` finds the grids (ingest/ocr/grid.py: OpenCV morphology, skew undone, merged cells),
crops every cell inside its rules, erases what is left of the rules along the cell's edges, and reads the
crop. The shape of the result is the one of the other readers, so ingest/tables.py treats it the same
way: one list of cells per grid row; a cell merged across columns gives its text in its first column and
"" in the others (a group row "I | NHÓM NHIỆM VỤ..." spanning the table: the PDF reader puts such a
title where its text starts, the DOCX reader expands gridSpan the same way); a cell merged across rows
repeats its text in every row it spans (as the DOCX reader does with vMerge); rows whose cells are all
empty are dropped (as in the PDF reader). `row_bold` is measured from stroke thickness, 2 * ink area /
ink perimeter over the table's letter height (regular DejaVu measured 0.10-0.14, bold 0.17-0.21 on the
rendered corpus): a row is bold when every cell with letters in it is.

Cells are read by tesseract (`-l vie --psm 6`). By default all the cells of a table are read in one
tesseract run: the crops are stacked one under the other with white space between them and each word
goes back to the crop it lies in. One run per table instead of one per cell: a run costs 0.15 s before
it reads anything and the Phụ lục IV pages have about 150 cells (measured on one: 8.8 s per cell, 2.4 s
stacked, same text). A caller may pass its own `read_cell`, called once per non-empty cell. Cells that
Tesseract cannot read alone are read from their shape (a lone "-", roman numerals of bare bars).

Chosen over img2table 2.0 after measuring both on the 21 annex pages of the rendered corpus against
their text layer: 0.997 of cells exactly equal here vs 0.735 (img2table lost most one-digit STT cells
and split a column), at similar speed.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable
from dataclasses import dataclass

import cv2
import numpy as np
from PIL import Image

from ingest.ocr import grid as G

CellReader = Callable[[Image.Image], tuple[str, float]]
LANG = "vie"
CONFIG = "--psm 6"
PAD = 10  # white pixels around a cell's ink before it is read
GAP = 24  # white pixels between stacked cells
STACK_PX = 12000  # height of one stack of cells read in one tesseract run
TIMEOUT_S = 180  # one tesseract run (a stack); pytesseract raises RuntimeError beyond it
BOLD_RATIO = 0.155  # stroke width / letter height above which a cell counts as bold (measured, see tests)


@dataclass
class ImageTable:
    bbox: tuple[int, int, int, int]  # x0, y0, x1, y1 pixels in the image given
    rows: list[list[str]]
    row_bold: list[bool]
    conf: float  # mean cell confidence 0-100 (cells with text only)


@dataclass
class _Crop:
    image: G.Mask  # gray, padded
    ink: G.Mask  # binary of the same crop (255 = ink)


def _crop(gray: G.Mask, binary: G.Mask, rules: G.Mask, box: tuple[int, int, int, int],
          line: int) -> _Crop | None:
    """The cell's ink, trimmed and padded, with what is left of its rules along its edges erased (only
    there: the joined crossbars of "TT" in bold are as long as a rule); None for an empty cell."""
    x0, y0, x1, y1 = box
    x0, y0, x1, y1 = x0 + 2, y0 + 2, x1 - 2, y1 - 2
    if x1 - x0 < 4 or y1 - y0 < 4:
        return None
    edge = np.zeros((y1 - y0, x1 - x0), bool)
    m = 2 * line + 3
    edge[:m, :] = edge[-m:, :] = edge[:, :m] = edge[:, -m:] = True
    erase = edge & (rules[y0:y1, x0:x1] > 0)
    ink = binary[y0:y1, x0:x1].copy()
    ink[erase] = 0
    ink &= _specks_removed(ink)
    pts = cv2.findNonZero(ink)
    if pts is None or len(pts) < 12:
        return None
    bx, by, bw, bh = cv2.boundingRect(pts)
    img = gray[y0:y1, x0:x1].copy()
    img[erase] = 255
    img = img[by : by + bh, bx : bx + bw]
    cut = ink[by : by + bh, bx : bx + bw]
    img = cv2.copyMakeBorder(img, PAD, PAD, PAD, PAD, cv2.BORDER_CONSTANT, value=255)
    cut = cv2.copyMakeBorder(cut, PAD, PAD, PAD, PAD, cv2.BORDER_CONSTANT, value=0)
    return _Crop(img, cut)


def _specks_removed(ink: G.Mask) -> G.Mask:
    """Ink components big enough to be glyph parts (scanner dust and rule stubs of a few pixels go)."""
    n, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    keep = np.zeros(n, np.uint8)
    keep[1:] = (stats[1:, cv2.CC_STAT_AREA] >= 6).astype(np.uint8) * 255
    return keep[labels]


def stroke(ink: G.Mask) -> tuple[float, float] | None:
    """(stroke width, letter height) of a cell's ink: 2 * area / perimeter, and the height of its taller
    glyphs (third quartile of the component heights); None without at least two glyph parts."""
    n, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    heights = sorted(int(stats[i, cv2.CC_STAT_HEIGHT]) for i in range(1, n) if stats[i, cv2.CC_STAT_AREA] >= 6)
    edge = cv2.subtract(ink, cv2.erode(ink, np.ones((3, 3), np.uint8)))
    perimeter = float(np.count_nonzero(edge))
    if len(heights) < 2 or perimeter == 0:
        return None
    return 2 * float(np.count_nonzero(ink)) / perimeter, float(heights[int(len(heights) * 0.75)])


def tesseract_cell(image: Image.Image) -> tuple[str, float]:
    """The default reader of one cell: text with its lines joined by a space, mean word confidence."""
    words = _tesseract_words(np.asarray(image.convert("L")))
    return _join(words), _mean_conf(words)


_Word = tuple[int, int, int, str, float]  # (centre y, line key, x, text, conf)


def _tesseract_words(img: G.Mask) -> list[_Word]:
    import pytesseract

    d = pytesseract.image_to_data(Image.fromarray(img), lang=LANG, config=CONFIG, timeout=TIMEOUT_S,
                                  output_type=pytesseract.Output.DICT)
    out = []
    for i, text in enumerate(d["text"]):
        text = text.strip()
        conf = float(d["conf"][i])
        if not text or conf < 0:
            continue
        key = d["block_num"][i] * 10000 + d["par_num"][i] * 100 + d["line_num"][i]
        out.append((d["top"][i] + d["height"][i] // 2, key, d["left"][i], text, conf))
    return out


def _join(words: list[_Word]) -> str:
    lines: dict[int, list[_Word]] = {}
    for w in words:
        lines.setdefault(w[1], []).append(w)
    ordered = sorted(lines.values(), key=lambda ws: statistics.median(w[0] for w in ws))
    return " ".join(" ".join(w[3] for w in sorted(ws, key=lambda w: w[2])) for ws in ordered)


def _mean_conf(words: list[_Word]) -> float:
    return float(statistics.fmean(w[4] for w in words)) if words else 0.0


def _read_stacked(crops: list[_Crop]) -> list[tuple[str, float]]:
    """The crops in as few tesseract runs as possible: stacked top to bottom (at most STACK_PX high, well
    under Tesseract's image limits), each word returned to the crop it lies in."""
    out: list[tuple[str, float]] = []
    batch: list[_Crop] = []
    height = 0
    for c in [*crops, None]:
        if c is not None and (not batch or height + c.image.shape[0] + GAP <= STACK_PX):
            batch.append(c)
            height += c.image.shape[0] + GAP
            continue
        if batch:
            out.extend(_read_batch(batch))
        batch, height = ([c], c.image.shape[0] + GAP) if c is not None else ([], 0)
    return out


def _read_batch(crops: list[_Crop]) -> list[tuple[str, float]]:
    width = max(c.image.shape[1] for c in crops)
    parts, spans, y = [], [], 0
    for c in crops:
        h, w = c.image.shape
        parts.append(cv2.copyMakeBorder(c.image, 0, GAP, 0, width - w, cv2.BORDER_CONSTANT, value=255))
        spans.append((y, y + h))
        y += h + GAP
    words = _tesseract_words(np.vstack(parts))
    per: list[list[_Word]] = [[] for _ in crops]
    starts = [s for s, _ in spans]
    for w in words:
        i = max(0, int(np.searchsorted(starts, w[0], side="right")) - 1)
        if w[0] < spans[i][1] + GAP // 2:
            per[i].append(w)
    return [(_join(ws), _mean_conf(ws)) for ws in per]


def _shape_text(ink: G.Mask, letter: float) -> str | None:
    """Cells tesseract cannot read on their own, read from their shapes: one to three plain bars of letter
    height are a roman numeral "I", "II", "III" (sans-serif I is a bare bar; tesseract drops or miscounts
    them), a lone short dash is "-" (the "no amount" of Vietnamese tables; dropped as noise)."""
    n, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    parts = [stats[i] for i in range(1, n) if stats[i, cv2.CC_STAT_AREA] >= 6]
    if not parts or letter <= 0:
        return None
    boxes = [(int(p[cv2.CC_STAT_WIDTH]), int(p[cv2.CC_STAT_HEIGHT]), int(p[cv2.CC_STAT_AREA])) for p in parts]
    if len(boxes) == 1 and boxes[0][1] <= 0.3 * letter and letter * 0.2 <= boxes[0][0] <= 1.5 * letter:
        return "-"
    bars = [(w, h, a) for w, h, a in boxes if 0.8 * letter <= h <= 1.25 * letter and w <= 0.3 * h and a >= 0.85 * w * h]
    if 1 <= len(bars) == len(boxes) <= 3:
        return "I" * len(bars)
    return None


def find_tables(image: Image.Image, read_cell: CellReader | None = None) -> list[ImageTable]:
    """The ruled tables of a page image, top to bottom."""
    gray = np.asarray(image.convert("L"))
    angle = G.skew_angle(G.binarise(gray))
    straight = G.deskew(gray, angle)
    binary = G.binarise(straight)
    grids, rules = G.find_grids(binary)
    tables = []
    for g in grids:
        crops = [_crop(straight, binary, rules, c.box, g.line) for c in g.cells]
        strokes = {i: st for i, c in enumerate(crops) if c is not None and (st := stroke(c.ink)) is not None}
        # The table's usual letter height: what stroke widths and shapes are measured against.
        letter = statistics.median(h for _, h in strokes.values()) if strokes else 0.0
        texts: dict[int, tuple[str, float]] = {}
        todo: list[tuple[int, _Crop]] = []
        for i, c in enumerate(crops):
            if c is not None:
                shape = _shape_text(c.ink, letter)
                if shape is None:
                    todo.append((i, c))
                else:
                    texts[i] = (shape, 70.0)
        if read_cell is None:
            read = _read_stacked([c for _, c in todo])
        else:
            read = [read_cell(Image.fromarray(c.image)) for _, c in todo]
        texts.update(zip([i for i, _ in todo], read, strict=True))
        tables.append(_assemble(g, strokes, letter, texts, G.unrotate_box(g.bbox, gray.shape, angle)))
    return tables


def _assemble(g: G.Grid, strokes: dict[int, tuple[float, float]], letter: float,
              texts: dict[int, tuple[str, float]], bbox: tuple[int, int, int, int]) -> ImageTable:
    nr, nc = g.shape
    rows = [[""] * nc for _ in range(nr)]
    bold: list[list[bool]] = [[] for _ in range(nr)]
    confs = []
    for i, cell in enumerate(g.cells):
        text, conf = texts.get(i, ("", 0.0))
        text = " ".join(text.split())
        if not text:
            continue
        confs.append(conf)
        st = strokes.get(i)
        for r in range(cell.r0, cell.r1 + 1):
            rows[r][cell.c0] = text
            if st is not None and st[1] >= 0.6 * letter:  # a dash or a dot says nothing about bold
                bold[r].append(st[0] / letter >= BOLD_RATIO)
    keep = [r for r in range(nr) if any(rows[r])]
    return ImageTable(bbox=bbox, rows=[rows[r] for r in keep], row_bold=[bool(bold[r]) and all(bold[r]) for r in keep],
                      conf=float(statistics.fmean(confs)) if confs else 0.0)
